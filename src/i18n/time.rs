//! Times as a reader reads them: the time zones Sprout offers and accepts, and dates, clocks
//! and "3 hours ago" in the reader's language and zone.

use chrono::{NaiveDateTime, TimeZone};

use super::Lang;

/// The cookie in which the page script sends the browser's time zone.
pub const ZONE_COOKIE: &str = "tz";

/// A time zone of the IANA database (`Asia/Shanghai`).
pub type Zone = chrono_tz::Tz;

/// The zones Sprout's forms offer (any other valid IANA name is accepted too).
pub const OFFERED_ZONES: &[&str] = &[
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Australia/Sydney",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Vancouver",
    "UTC",
];

/// A zone's name for people ("China (Beijing time)" / "中国（北京时间）"); its IANA name when the
/// catalogue has none.
/// The id of the message that names an offered zone: `Asia/Hong_Kong` is `zone-asia-hong-kong`.
pub fn zone_message_id(zone: &str) -> String {
    format!("zone-{}", zone.to_lowercase().replace(['/', '_'], "-"))
}

pub fn zone_label(lang: Lang, zone: &str) -> String {
    if OFFERED_ZONES.contains(&zone) {
        lang.t(&zone_message_id(zone))
    } else {
        zone.to_string()
    }
}

/// Each offered zone with its name in `lang`, `current` first when it is another one.
pub fn zone_choices(lang: Lang, current: &str) -> Vec<(String, String)> {
    let mut zones: Vec<(String, String)> =
        OFFERED_ZONES.iter().map(|z| (z.to_string(), zone_label(lang, z))).collect();
    if !current.is_empty() && !OFFERED_ZONES.contains(&current) {
        zones.insert(0, (current.to_string(), current.to_string()));
    }
    zones
}

/// Reads an IANA zone name (at most 64 bytes).
pub fn parse_zone(name: &str) -> Option<Zone> {
    let name = name.trim();
    if name.is_empty() || name.len() > 64 {
        return None;
    }
    name.parse().ok()
}

/// Who reads: in which language and time zone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reader {
    pub lang: Lang,
    pub zone: Zone,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader { lang: Lang::En, zone: chrono_tz::UTC }
    }
}

impl Reader {
    fn local(&self, t: NaiveDateTime) -> chrono::DateTime<Zone> {
        self.zone.from_utc_datetime(&t)
    }

    /// "2 Dec 2026" / "2026年12月2日".
    pub fn date(&self, t: NaiveDateTime) -> String {
        let format = match self.lang {
            Lang::En => "%-d %b %Y",
            Lang::Zh => "%Y年%-m月%-d日",
        };
        self.local(t).format(format).to_string()
    }

    /// "2 Dec 2026 14:05" / "2026年12月2日 14:05".
    pub fn date_time(&self, t: NaiveDateTime) -> String {
        let format = match self.lang {
            Lang::En => "%-d %b %Y %H:%M",
            Lang::Zh => "%Y年%-m月%-d日 %H:%M",
        };
        self.local(t).format(format).to_string()
    }

    /// "14:05" in the zone.
    pub fn clock(&self, t: NaiveDateTime) -> String {
        self.local(t).format("%H:%M").to_string()
    }

    /// A date and time with the zone's abbreviation: "2 Dec 2026 20:00 CST".
    pub fn date_time_zoned(&self, t: NaiveDateTime) -> String {
        format!("{} {}", self.date_time(t), self.local(t).format("%Z"))
    }

    /// How long ago, for recent times ("3 hours ago" / "3 小时前"); the date for older ones.
    pub fn ago(&self, t: NaiveDateTime, now: NaiveDateTime) -> String {
        let seconds = (now - t).num_seconds().max(0);
        let said = match seconds {
            s if s < 60 => crate::msg!("time-just-now"),
            s if s < 3600 => crate::msg!("time-minutes-ago", count = s / 60),
            s if s < 86_400 => crate::msg!("time-hours-ago", count = s / 3600),
            s if s < 7 * 86_400 => crate::msg!("time-days-ago", count = s / 86_400),
            _ => return self.date(t),
        };
        said.in_lang(self.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_the_readers_zone_and_language() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap().and_hms_opt(11, 59, 0).unwrap();
        let shanghai = Reader { lang: Lang::Zh, zone: "Asia/Shanghai".parse().unwrap() };
        assert_eq!(shanghai.date_time(t), "2026年12月2日 19:59");
        let london = Reader { lang: Lang::En, zone: "Europe/London".parse().unwrap() };
        assert_eq!(london.date_time_zoned(t), "2 Dec 2026 11:59 GMT");
        let later = t + chrono::Duration::hours(3);
        assert_eq!(shanghai.ago(t, later), "3 小时前");
        assert_eq!(london.ago(t, later), "3 hours ago");
        assert_eq!(london.ago(t, t + chrono::Duration::minutes(1)), "1 minute ago");
        assert_eq!(london.ago(t, t + chrono::Duration::days(30)), "2 Dec 2026");
        assert_eq!(parse_zone("Mars/Olympus"), None);
    }
}
