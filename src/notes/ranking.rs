//! The explore feed's "hot" score, in the open (it is also shown on `/about/ranking`):
//!
//! ```text
//! hot = log10(1 + engagement) + created_at_seconds / 45000
//! engagement = likes + 2 × saves + 3 × comments
//! ```
//!
//! Every tenfold more engagement counts as much as being 12.5 hours (45,000 s) newer. The score
//! of a note changes only when its engagement does, not as time passes, so it is stored and
//! indexed and the feed pages by it like any other column. Saves and comments join the sum as
//! they arrive; today engagement is likes.

use chrono::NaiveDateTime;

/// Seconds of freshness worth one tenfold of engagement.
pub const HALF_DAY_SECONDS: f64 = 45_000.0;

pub fn hot_score(created_at: NaiveDateTime, likes: i64, saves: i64, comments: i64) -> f64 {
    let engagement = (likes + 2 * saves + 3 * comments).max(0) as f64;
    (1.0 + engagement).log10() + created_at.and_utc().timestamp() as f64 / HALF_DAY_SECONDS
}

/// How the explore feed is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeedSort {
    #[default]
    Hot,
    New,
    TopWeek,
}

impl FeedSort {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedSort::Hot => "hot",
            FeedSort::New => "new",
            FeedSort::TopWeek => "top_week",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn ten_times_the_likes_is_worth_half_a_day() {
        let now = chrono::Utc::now().naive_utc();
        let old_popular = hot_score(now - Duration::seconds(45_000), 9, 0, 0);
        let new_quiet = hot_score(now, 0, 0, 0);
        assert!((old_popular - new_quiet).abs() < 1e-6);
        assert!(hot_score(now, 10, 0, 0) > hot_score(now, 9, 0, 0));
        assert!(hot_score(now, 0, 0, 1) > hot_score(now, 2, 0, 0), "a comment counts 3, a like 1");
    }
}
