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

    /// Reads a cursor back. Exactly the forms [`Cursor::encode`] writes are accepted (the API
    /// document states the same grammar as a pattern): no signs, spaces or exponents.
    pub fn decode(raw: &str) -> Result<Cursor, AppError> {
        let bad = || AppError::validation("cursor", msg!("web-bad-cursor"));
        let (kind, rest) = raw.split_at_checked(1).ok_or_else(bad)?;
        let sep = if kind == "s" { '_' } else { '.' };
        let (key, id) = rest.rsplit_once(sep).ok_or_else(bad)?;
        let id = digits(id, 18).ok_or_else(bad)?;
        match kind {
            "t" => {
                let (negative, magnitude) = key.strip_prefix('-').map_or((false, key), |k| (true, k));
                let micros = digits(magnitude, 16).ok_or_else(bad)?;
                let micros = if negative { -micros } else { micros };
                let created_at = DateTime::from_timestamp_micros(micros).ok_or_else(bad)?.naive_utc();
                Ok(Cursor::Time { created_at, id })
            }
            "s" => {
                let magnitude = key.strip_prefix('-').unwrap_or(key);
                let (whole, fraction) =
                    magnitude.split_once('.').map_or((magnitude, None), |(w, f)| (w, Some(f)));
                digits(whole, 20).ok_or_else(bad)?;
                if let Some(fraction) = fraction {
                    digits(fraction, 20).ok_or_else(bad)?;
                }
                let score: f64 = key.parse().map_err(|_| bad())?;
                Ok(Cursor::Score { score, id })
            }
            "c" => Ok(Cursor::Count { count: digits(key, 18).ok_or_else(bad)?, id }),
            _ => Err(bad()),
        }
    }

    /// Parses an optional, possibly empty query parameter.
    pub fn parse_opt(raw: Option<&str>) -> Result<Option<Cursor>, AppError> {
        match raw {
            None | Some("") => Ok(None),
            Some(raw) => Cursor::decode(raw).map(Some),
        }
    }
}

/// The paging parameters of every API list: `?cursor=` from the previous page's `next_cursor`,
/// and `?limit=` items a page.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// `next_cursor` of the previous page; none for the first page.
    #[param(
        pattern = r"^(t-?[0-9]{1,16}\.[0-9]{1,18}|c[0-9]{1,18}\.[0-9]{1,18}|s-?[0-9]{1,20}(\.[0-9]{1,20})?_[0-9]{1,18})?$"
    )]
    pub cursor: Option<String>,
    /// Items a page, 1 to 60 (20 when not given).
    #[param(minimum = 1, maximum = 60)]
    pub limit: Option<i64>,
}

impl PageParams {
    pub fn cursor(&self) -> Result<Option<Cursor>, AppError> {
        Cursor::parse_opt(self.cursor.as_deref())
    }

    /// The page size asked for; out of bounds is refused, not quietly changed.
    pub fn limit(&self) -> Result<i64, AppError> {
        match self.limit {
            None => Ok(20),
            Some(n) if (1..=60).contains(&n) => Ok(n),
            Some(_) => Err(AppError::validation("limit", msg!("web-bad-limit"))),
        }
    }
}

/// 1 to `max` ASCII digits, as a number (at most 20 digits of a score's parts are only checked).
fn digits(text: &str, max: usize) -> Option<i64> {
    if text.is_empty() || text.len() > max || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse::<i64>().unwrap_or(i64::MAX))
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
