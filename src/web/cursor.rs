//! Keyset pagination: a cursor names the last item of a page by its sort key and id, so the
//! next page is one index range scan however deep it is — never OFFSET.

use chrono::{DateTime, NaiveDateTime};

use super::AppError;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cursor {
    /// Newest first: (created_at, id).
    Time { created_at: NaiveDateTime, id: i64 },
    /// Hot first: (hot_score, id).
    Score { score: f64, id: i64 },
    /// Most liked first: (like_count, id).
    Count { count: i64, id: i64 },
}

impl Cursor {
    pub fn id(&self) -> i64 {
        match *self {
            Cursor::Time { id, .. } | Cursor::Score { id, .. } | Cursor::Count { id, .. } => id,
        }
    }

    /// The opaque form clients pass back, e.g. `t1700000000123456.42`.
    pub fn encode(&self) -> String {
        match self {
            Cursor::Time { created_at, id } => format!("t{}.{id}", created_at.and_utc().timestamp_micros()),
            // f64's Display is the shortest text that reads back to the same number.
            Cursor::Score { score, id } => format!("s{score}_{id}"),
            Cursor::Count { count, id } => format!("c{count}.{id}"),
        }
    }

    pub fn decode(raw: &str) -> Result<Cursor, AppError> {
        let bad = || {
            AppError::validation("cursor", "That page link is not valid; start again from the first page.")
        };
        let (kind, rest) = raw.split_at_checked(1).ok_or_else(bad)?;
        let sep = if kind == "s" { '_' } else { '.' };
        let (key, id) = rest.rsplit_once(sep).ok_or_else(bad)?;
        let id: i64 = id.parse().map_err(|_| bad())?;
        match kind {
            "t" => {
                let micros: i64 = key.parse().map_err(|_| bad())?;
                let created_at = DateTime::from_timestamp_micros(micros).ok_or_else(bad)?.naive_utc();
                Ok(Cursor::Time { created_at, id })
            }
            "s" => {
                let score: f64 = key.parse().map_err(|_| bad())?;
                if !score.is_finite() {
                    return Err(bad());
                }
                Ok(Cursor::Score { score, id })
            }
            "c" => Ok(Cursor::Count { count: key.parse().map_err(|_| bad())?, id }),
            _ => Err(bad()),
        }
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
    fn cursors_round_trip_and_garbage_is_refused() {
        let at = DateTime::from_timestamp_micros(1_700_000_000_123_456).unwrap().naive_utc();
        for c in [
            Cursor::Time { created_at: at, id: 42 },
            Cursor::Score { score: 39_308.123_456_789, id: 7 },
            Cursor::Score { score: -0.5e-7, id: 8 },
            Cursor::Count { count: 12, id: 9 },
        ] {
            assert_eq!(Cursor::decode(&c.encode()).unwrap(), c);
        }
        for bad in ["", "nonsense", "t12.x", "sNaN_1", "x1.2"] {
            assert!(Cursor::decode(bad).is_err(), "{bad}");
        }
        assert_eq!(Cursor::parse_opt(Some("")).unwrap(), None);
    }
}
