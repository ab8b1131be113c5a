//! Satisfaction over time (PRODUCT §4.1), the leadership/technical split by week (§4.2) and the
//! year-in-pixels calendar (§4.5).
//!
//! Points exist only on logged days: gaps stay gaps and nothing is interpolated. Rolling means
//! look back over calendar days, not over entries, so a week off shrinks the window instead of
//! stretching it.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::logged;
use super::stats::Sample;
use crate::entry::Entry;

/// Satisfaction in the range.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Satisfaction {
    pub mean: Option<f64>,
    pub n: usize,
    pub ci95: Option<[f64; 2]>,
    /// One point per day with satisfaction logged, in date order.
    pub series: Vec<SatisfactionPoint>,
}

/// One logged day's satisfaction and the rolling means ending on it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct SatisfactionPoint {
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub value: u8,
    /// Mean of the satisfaction logged in the 7 calendar days ending on `date` (inclusive),
    /// days before the range included, so a range's first week is not a cumulative mean.
    pub mean7: Option<f64>,
    /// Mean of the satisfaction logged in the 30 calendar days ending on `date` (inclusive).
    pub mean30: Option<f64>,
    /// How many logged days `mean7` covers.
    #[ts(type = "number")]
    pub n7: usize,
    /// How many logged days `mean30` covers.
    #[ts(type = "number")]
    pub n30: usize,
}

/// The longest rolling window, in days: how far before a range its means look.
pub const LONGEST_WINDOW: i64 = 30;

/// Technical share in the range; leadership share is `100 − technical share`.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct TechnicalShare {
    pub mean: Option<f64>,
    pub n: usize,
    pub ci95: Option<[f64; 2]>,
    /// Weeks (Monday to Sunday) with at least one value, in date order.
    pub weekly: Vec<WeekMean>,
}

/// The mean technical share of one week's logged values inside the range.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct WeekMean {
    /// The Monday of the week; it may fall before the range starts.
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub week_start: NaiveDate,
    pub mean: Option<f64>,
    pub n: usize,
}

/// One logged day of the heatmap; `value` is `null` when the day has an entry but no
/// satisfaction, so "logged without a score" and "not logged" stay apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CalendarDay {
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub value: Option<u8>,
}

/// The range's satisfaction: mean, n and CI from `days` (the range) only; the rolling means
/// also see `lead_in`, the days just before the range (date order, up to [`LONGEST_WINDOW`]).
pub(super) fn satisfaction(days: &[&Entry], lead_in: &[&Entry]) -> Satisfaction {
    let logged = |list: &[&Entry]| -> Vec<(NaiveDate, u8)> {
        list.iter().filter_map(|e| e.satisfaction.map(|s| (e.date, s))).collect()
    };
    let logged_days = logged(days);
    let before = logged(lead_in);
    let all: Vec<(NaiveDate, u8)> = before.iter().chain(&logged_days).copied().collect();
    let sample = Sample::of(logged_days.iter().map(|&(_, s)| f64::from(s)));
    let mean7 = rolling_means(&all, 7).split_off(before.len());
    let mean30 = rolling_means(&all, LONGEST_WINDOW).split_off(before.len());
    let series = logged_days
        .iter()
        .zip(mean7.into_iter().zip(mean30))
        .map(|(&(date, value), ((mean7, n7), (mean30, n30)))| SatisfactionPoint {
            date,
            value,
            mean7,
            mean30,
            n7,
            n30,
        })
        .collect();
    Satisfaction { mean: sample.mean(), n: sample.n(), ci95: sample.mean_ci95(), series }
}

/// For each point, the mean of the values within the `window` calendar days ending on its date,
/// and how many values that is. Two pointers over the date-ordered points: linear, whatever the
/// range.
fn rolling_means(points: &[(NaiveDate, u8)], window: i64) -> Vec<(Option<f64>, usize)> {
    let mut means = Vec::with_capacity(points.len());
    let mut in_window = Sample::default();
    let mut oldest = 0;
    for &(date, value) in points {
        in_window.add(f64::from(value));
        let first_day =
            date.checked_sub_signed(Duration::days(window - 1)).unwrap_or(NaiveDate::MIN);
        while points[oldest].0 < first_day {
            in_window = in_window.without(&Sample::of([f64::from(points[oldest].1)]));
            oldest += 1;
        }
        means.push((in_window.mean(), in_window.n()));
    }
    means
}

pub(super) fn technical_share(days: &[&Entry]) -> TechnicalShare {
    let sample = Sample::of(days.iter().filter_map(|e| logged(e.technical_share)));
    let mut weekly: Vec<(NaiveDate, Sample)> = Vec::new();
    for e in days {
        let Some(share) = logged(e.technical_share) else { continue };
        let into_week = Duration::days(i64::from(e.date.weekday().num_days_from_monday()));
        let monday = e.date.checked_sub_signed(into_week).unwrap_or(e.date);
        match weekly.last_mut() {
            Some((week, sample)) if *week == monday => sample.add(share),
            _ => weekly.push((monday, Sample::of([share]))),
        }
    }
    let weekly = weekly
        .into_iter()
        .map(|(week_start, s)| WeekMean { week_start, mean: s.mean(), n: s.n() })
        .collect();
    TechnicalShare { mean: sample.mean(), n: sample.n(), ci95: sample.mean_ci95(), weekly }
}

pub(super) fn calendar(days: &[&Entry]) -> Vec<CalendarDay> {
    days.iter().map(|e| CalendarDay { date: e.date, value: e.satisfaction }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{Logged, assert_close, day, days_from, on, sorted};

    #[test]
    fn satisfaction_mean_skips_days_without_it() {
        // Logged: 7, (none), 5, 9 → mean = (7+5+9)/3 = 7, n = 3; the NULL day is not a zero.
        let entries = [
            on("2026-03-02").sat(7),
            on("2026-03-03").tech(40),
            on("2026-03-04").sat(5),
            on("2026-03-05").sat(9),
        ];
        let s = satisfaction(&sorted(&entries), &[]);
        assert_eq!(s.n, 3);
        assert_close(s.mean, 7.0);
        let dates: Vec<_> = s.series.iter().map(|p| p.date).collect();
        assert_eq!(
            dates,
            [day("2026-03-02"), day("2026-03-04"), day("2026-03-05")],
            "a gap stays a gap"
        );
    }

    #[test]
    fn rolling_means_cross_new_year_by_calendar_days() {
        // Dec 25 = 2, Dec 29 = 4, Jan 1 = 6, Jan 2 = 8 (2025→2026).
        // mean7 on Dec 29 (window Dec 23–29): (2+4)/2 = 3.
        // mean7 on Jan 1 (window Dec 26–Jan 1): Dec 25 falls out → (4+6)/2 = 5.
        // mean7 on Jan 2 (window Dec 27–Jan 2): (4+6+8)/3 = 6.
        // mean30 on Jan 2 (window Dec 4–Jan 2): (2+4+6+8)/4 = 5.
        let entries = [
            on("2025-12-25").sat(2),
            on("2025-12-29").sat(4),
            on("2026-01-01").sat(6),
            on("2026-01-02").sat(8),
        ];
        let s = satisfaction(&sorted(&entries), &[]);
        let mean7: Vec<_> = s.series.iter().map(|p| p.mean7).collect();
        assert_eq!(mean7, [Some(2.0), Some(3.0), Some(5.0), Some(6.0)]);
        let mean30: Vec<_> = s.series.iter().map(|p| p.mean30).collect();
        // Every earlier day is within 30 days: 2, (2+4)/2 = 3, (2+4+6)/3 = 4, 5.
        assert_eq!(mean30, [Some(2.0), Some(3.0), Some(4.0), Some(5.0)]);
    }

    #[test]
    fn the_seven_day_window_includes_exactly_seven_days() {
        // Jan 1 = 10 and Jan 7 = 4: Jan 7's window is Jan 1–7, so mean7 = (10+4)/2 = 7.
        // Jan 8 = 4: its window is Jan 2–8, Jan 1 is out: mean7 = (4+4)/2 = 4.
        let entries = [on("2026-01-01").sat(10), on("2026-01-07").sat(4), on("2026-01-08").sat(4)];
        let s = satisfaction(&sorted(&entries), &[]);
        assert_eq!(s.series[1].mean7, Some(7.0));
        assert_eq!(s.series[2].mean7, Some(4.0));
        // The 30-day window (Dec 10–Jan 8) still has all three: (10+4+4)/3 = 6.
        assert_eq!(s.series[2].mean30, Some(6.0));
    }

    #[test]
    fn thirty_day_window_drops_day_thirty_one() {
        // 31 days from Jan 1, satisfaction 1 on Jan 1 and 5 on every other day.
        // On Jan 30 the window is Jan 1–30: (1 + 29·5)/30 = 146/30; on Jan 31 it is Jan 2–31: 5.
        let entries: Vec<_> = days_from("2026-01-01", 31)
            .enumerate()
            .map(|(i, d)| Entry::empty(d).sat(if i == 0 { 1 } else { 5 }))
            .collect();
        let s = satisfaction(&sorted(&entries), &[]);
        assert_close(s.series[29].mean30, 146.0 / 30.0);
        assert_close(s.series[30].mean30, 5.0);
    }

    #[test]
    fn zero_and_one_day() {
        let none = satisfaction(&[], &[]);
        assert_eq!((none.mean, none.n, none.ci95, none.series.len()), (None, 0, None, 0));
        let entries = [on("2026-01-01").sat(6)];
        let one = satisfaction(&sorted(&entries), &[]);
        assert_eq!((one.mean, one.n, one.ci95), (Some(6.0), 1, None));
        assert_eq!(
            one.series[0],
            SatisfactionPoint {
                date: day("2026-01-01"),
                value: 6,
                mean7: Some(6.0),
                mean30: Some(6.0),
                n7: 1,
                n30: 1
            }
        );
    }

    #[test]
    fn weekly_technical_share_groups_monday_to_sunday() {
        // 2025-12-29 is a Monday; Jan 4 2026 the Sunday of that same week.
        // Week of Dec 29: 20, 40, (NULL), 60 → (20+40+60)/3 = 40, n = 3.
        // Week of Jan 5: 70 → 70, n = 1. Overall: (20+40+60+70)/4 = 47.5.
        let entries = [
            on("2025-12-29").tech(20),
            on("2025-12-31").tech(40),
            on("2026-01-02").sat(5),
            on("2026-01-04").tech(60),
            on("2026-01-05").tech(70),
        ];
        let t = technical_share(&sorted(&entries));
        assert_eq!(t.n, 4);
        assert_close(t.mean, 47.5);
        assert_eq!(
            t.weekly,
            [
                WeekMean { week_start: day("2025-12-29"), mean: Some(40.0), n: 3 },
                WeekMean { week_start: day("2026-01-05"), mean: Some(70.0), n: 1 },
            ]
        );
    }

    #[test]
    fn calendar_has_every_logged_day_and_null_for_no_score() {
        let entries = [on("2026-01-01").sat(3), on("2026-01-02").tech(50)];
        assert_eq!(
            calendar(&sorted(&entries)),
            [
                CalendarDay { date: day("2026-01-01"), value: Some(3) },
                CalendarDay { date: day("2026-01-02"), value: None },
            ]
        );
    }
}
