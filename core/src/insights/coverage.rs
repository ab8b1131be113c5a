//! Coverage and streaks (PRODUCT §4.7): how much of the range was logged — so every chart can
//! say how much it rests on — and the runs of consecutive logged calendar days.

use chrono::NaiveDate;
use serde::Serialize;

use super::InsightsRange;
use crate::entry::Entry;

/// Days with an entry, of the days in the range. A day counts as logged whatever it holds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
pub struct Coverage {
    pub days_logged: usize,
    pub days_in_range: usize,
    /// `days_logged / days_in_range`; `null` for an empty range.
    pub ratio: Option<f64>,
}

/// Runs of consecutive logged days, within the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Streak {
    /// The run that reaches today, or yesterday when today is not logged yet; otherwise 0.
    pub current: usize,
    pub longest: usize,
}

pub(super) fn coverage(days: &[&Entry], range: InsightsRange) -> Coverage {
    let days_logged = logged_dates(days).len();
    let days_in_range = range.days();
    let ratio = (days_in_range > 0).then(|| days_logged as f64 / days_in_range as f64);
    Coverage { days_logged, days_in_range, ratio }
}

pub(super) fn streak(days: &[&Entry], today: NaiveDate) -> Streak {
    let dates = logged_dates(days);
    // Whether the logged day at `i` directly follows the one before it.
    let follows = |i: usize| i > 0 && dates[i - 1].succ_opt() == Some(dates[i]);
    let mut longest = 0;
    let mut run = 0;
    for i in 0..dates.len() {
        run = if follows(i) { run + 1 } else { 1 };
        longest = longest.max(run);
    }
    let run_ending_on = |end: NaiveDate| match dates.binary_search(&end) {
        Ok(i) => 1 + (1..=i).rev().take_while(|&k| follows(k)).count(),
        Err(_) => 0,
    };
    let current = match run_ending_on(today) {
        0 => today.pred_opt().map_or(0, run_ending_on),
        n => n,
    };
    Streak { current, longest }
}

/// The distinct dates of `days` (which are in date order).
fn logged_dates(days: &[&Entry]) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = days.iter().map(|e| e.date).collect();
    dates.dedup();
    dates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{assert_close, day, on, range, sorted};

    #[test]
    fn coverage_counts_days_with_any_entry() {
        // Jan 1–10 is 10 days; 3 entries, one of them empty: 3 of 10 logged, ratio 0.3.
        let entries = [on("2026-01-02"), on("2026-01-05"), on("2026-01-09")];
        let c = coverage(&sorted(&entries), range("2026-01-01", "2026-01-10"));
        assert_eq!((c.days_logged, c.days_in_range), (3, 10));
        assert_close(c.ratio, 0.3);
    }

    #[test]
    fn an_empty_journal_covers_nothing() {
        let c = coverage(&[], range("2026-01-01", "2026-01-01"));
        assert_eq!((c.days_logged, c.days_in_range, c.ratio), (0, 1, Some(0.0)));
        let backwards = InsightsRange { from: day("2026-01-02"), to: day("2026-01-01") };
        assert_eq!(coverage(&[], backwards).ratio, None, "no days, no ratio");
    }

    #[test]
    fn streaks_count_consecutive_calendar_days_across_new_year() {
        // Runs: Dec 30, 31, Jan 1 (3 days, across the year), then Jan 3, 4 (2 days).
        let entries = [
            on("2025-12-30"),
            on("2025-12-31"),
            on("2026-01-01"),
            on("2026-01-03"),
            on("2026-01-04"),
        ];
        let days = sorted(&entries);
        // Today Jan 4 is logged: the current run is Jan 3–4 = 2; the longest is 3.
        assert_eq!(streak(&days, day("2026-01-04")), Streak { current: 2, longest: 3 });
        // Today Jan 5 is not logged yet, yesterday was: still 2.
        assert_eq!(streak(&days, day("2026-01-05")).current, 2);
        // Jan 6: neither today nor yesterday logged: 0.
        assert_eq!(streak(&days, day("2026-01-06")).current, 0);
        // Jan 2 is a gap, so on Jan 2 the current run is the one ending yesterday, Jan 1: 3.
        assert_eq!(streak(&days, day("2026-01-02")).current, 3);
    }

    #[test]
    fn no_entries_no_streak() {
        assert_eq!(streak(&[], day("2026-01-01")), Streak { current: 0, longest: 0 });
        let one = [on("2026-01-01")];
        assert_eq!(streak(&sorted(&one), day("2026-01-01")), Streak { current: 1, longest: 1 });
    }
}
