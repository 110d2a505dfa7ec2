//! `sprout bench …`: measurements of what users feel, printed as Markdown tables
//! (see docs/BENCHMARKS.md for the results and how to reproduce them).

mod feed;
mod pages;
mod search;

pub use feed::{feed, FeedBenchArgs};
pub use pages::{pages, PagesBenchArgs};
pub use search::{search, SearchBenchArgs, QUERY_MIX};

use std::time::Duration;

pub(crate) fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

pub(crate) fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
