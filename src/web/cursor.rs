//! Keyset pagination: a cursor names the last item of a page by (created_at, id), so the next
//! page is one index range scan however deep it is — never OFFSET.

use chrono::{DateTime, NaiveDateTime};

use super::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub created_at: NaiveDateTime,
    pub id: i64,
}

impl Cursor {
    /// The opaque form clients pass back: `<microseconds>.<id>`.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.created_at.and_utc().timestamp_micros(), self.id)
    }

    pub fn decode(raw: &str) -> Result<Cursor, AppError> {
        let bad = || {
            AppError::validation("cursor", "That page link is not valid; start again from the first page.")
        };
        let (micros, id) = raw.split_once('.').ok_or_else(bad)?;
        let micros: i64 = micros.parse().map_err(|_| bad())?;
        let id: i64 = id.parse().map_err(|_| bad())?;
        let created_at = DateTime::from_timestamp_micros(micros).ok_or_else(bad)?.naive_utc();
        Ok(Cursor { created_at, id })
    }

    /// Parses an optional, possibly empty query parameter.
    pub fn parse_opt(raw: Option<&str>) -> Result<Option<Cursor>, AppError> {
        match raw.map(str::trim) {
            None | Some("") => Ok(None),
            Some(raw) => Cursor::decode(raw).map(Some),
        }
    }
}

/// Page size from a `limit` parameter: 20 by default, at most 60.
pub fn page_limit(limit: Option<i64>) -> i64 {
    limit.unwrap_or(20).clamp(1, 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let at = DateTime::from_timestamp_micros(1_700_000_000_123_456).unwrap().naive_utc();
        let c = Cursor { created_at: at, id: 42 };
        assert_eq!(Cursor::decode(&c.encode()).unwrap(), c);
        assert!(Cursor::decode("nonsense").is_err());
        assert!(Cursor::decode("12.x").is_err());
        assert_eq!(Cursor::parse_opt(Some("")).unwrap(), None);
    }
}
