//! Insights (PRODUCT §4, §9): what a range of entries says about satisfaction and about the split
//! between leadership and hands-on technical work.
//!
//! Pure functions: entries, settings, a range and "today" go in, one serialisable [`Insights`]
//! comes out; no I/O, no clock. Every mean is over logged values only (a NULL field never counts
//! as zero), gaps stay gaps, and whatever a small or degenerate sample cannot estimate is `None`
//! — `null` in the JSON, never NaN. Nothing is rounded here; the UI rounds.

mod bands;
mod coverage;
mod evidence;
mod fit;
mod maker;
mod markers;
mod next_day;
mod relation;
mod series;
mod stats;
mod summary;
mod tags;
mod trial;
mod weekday;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod testkit;

use chrono::NaiveDate;
use serde::Serialize;

use crate::entry::{DateRange, Entry};
use crate::error::{Error, Result};
use crate::settings::Settings;

pub use bands::Band;
pub use coverage::{Coverage, Streak};
pub use evidence::{Evidence, MIN_EVIDENCE};
pub use maker::{Maker, Slope};
pub use markers::{Marker, MarkerKind};
pub use next_day::NextDay;
pub use relation::{LinePoint, Relation, ScatterPoint};
pub use series::{CalendarDay, Satisfaction, SatisfactionPoint, TechnicalShare, WeekMean};
pub use summary::{Sentence, Summary, Topic};
pub use tags::TagEffect;
pub use trial::{Comparison, Difference, Period, TagShare, Trial};
pub use weekday::WeekdayMean;

/// The inclusive range of days the insights cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct InsightsRange {
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub to: NaiveDate,
}

impl InsightsRange {
    /// A range, rejected when `from` is after `to`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self> {
        if from > to {
            return Err(Error::InvalidInput(format!(
                "the range starts ({from}) after it ends ({to})"
            )));
        }
        Ok(InsightsRange { from, to })
    }

    /// Closes an open range on the journal's own days: a missing start is the first entry's day,
    /// a missing end the last entry's; with no entries at all, today. An explicit end is never
    /// moved and an explicit start never moved back: an explicit `from` past the last entry
    /// gives the one day `from`, an explicit `to` before the first entry the one day `to`.
    pub fn resolve(range: DateRange, entries: &[Entry], today: NaiveDate) -> Self {
        let first = entries.iter().map(|e| e.date).min();
        let last = entries.iter().map(|e| e.date).max();
        let mut from = range.from.or(first).unwrap_or(today);
        if range.from.is_none()
            && let Some(to) = range.to
        {
            from = from.min(to);
        }
        let to = range.to.or(last).unwrap_or(today).max(from);
        InsightsRange { from, to }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Calendar days in the range; 0 when it runs backwards.
    pub fn days(&self) -> usize {
        usize::try_from((self.to - self.from).num_days() + 1).unwrap_or(0)
    }
}

/// Everything the Insights view and `dualtrack insights --json` show (PRODUCT §9).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Insights {
    pub range: InsightsRange,
    pub coverage: Coverage,
    pub satisfaction: Satisfaction,
    pub technical_share: TechnicalShare,
    pub relation: Relation,
    pub sweet_spot: Vec<Band>,
    pub weekday: Vec<WeekdayMean>,
    pub tags: Vec<TagEffect>,
    pub streak: Streak,
    pub calendar: Vec<CalendarDay>,
    /// The trial-period review; `null` unless both `role_start` and `trial_days` are set.
    pub trial: Option<Trial>,
    pub maker: Maker,
    pub next_day: NextDay,
    /// Role start, phase changes and the trial review date that fall inside the range.
    pub markers: Vec<Marker>,
    /// The plain-language summary that opens Insights, the CLI's summary and the report.
    pub summary: Summary,
}

/// All insights for the entries in `range`.
///
/// `entries` may be in any order and may include days outside the range; the journal guarantees
/// one entry per date. Every chart uses only the entries inside `range`, except the trial review,
/// which always covers its own window (and the phase before it) from all of `entries` — pass the
/// whole journal for it to be complete. `today` decides the current streak and whether the
/// review is available.
/// The statistics of `requested` (open ends close on the journal's own first and last day) from
/// `entries`, the whole journal: the charts look at the range only, the trial review at every
/// day. The one place that rule lives; the window, the CLI and the report all come through here.
pub fn for_range(
    entries: &[Entry],
    settings: &Settings,
    requested: DateRange,
    today: NaiveDate,
) -> Insights {
    let range = InsightsRange::resolve(requested, entries, today);
    compute(entries, settings, range, today)
}

impl Insights {
    /// The technical-share band with the best mean satisfaction among those with enough days to
    /// say so ([`MIN_EVIDENCE`]); none while no band has that many.
    pub fn best_band(&self) -> Option<&Band> {
        self.sweet_spot
            .iter()
            .filter(|b| b.n >= MIN_EVIDENCE && b.mean.is_some())
            .max_by(|a, b| a.mean.unwrap_or(f64::MIN).total_cmp(&b.mean.unwrap_or(f64::MIN)))
    }
}

pub fn compute(
    entries: &[Entry],
    settings: &Settings,
    range: InsightsRange,
    today: NaiveDate,
) -> Insights {
    let days = days_in(entries, |date| range.contains(date));
    let lead_in_from = range
        .from
        .checked_sub_signed(chrono::Duration::days(series::LONGEST_WINDOW - 1))
        .unwrap_or(NaiveDate::MIN);
    let lead_in = days_in(entries, |date| date >= lead_in_from && date < range.from);
    let mut insights = Insights {
        range,
        coverage: coverage::coverage(&days, range),
        satisfaction: series::satisfaction(&days, &lead_in),
        technical_share: series::technical_share(&days),
        relation: relation::relation(&days),
        sweet_spot: bands::sweet_spot(&days),
        weekday: weekday::weekday_means(&days),
        tags: tags::tag_effects(&days),
        streak: coverage::streak(&days, today),
        calendar: series::calendar(&days),
        trial: trial::review(entries, settings, today),
        maker: maker::maker(&days),
        next_day: next_day::next_day(&days),
        markers: markers::markers(settings, range),
        summary: Summary::default(),
    };
    insights.summary = summary::summary(&insights);
    insights
}

/// The entries whose date passes `keep`, in date order — the order every insight walks in, so
/// the input order can change nothing.
fn days_in(entries: &[Entry], keep: impl Fn(NaiveDate) -> bool) -> Vec<&Entry> {
    let mut days: Vec<&Entry> = entries.iter().filter(|e| keep(e.date)).collect();
    days.sort_by_key(|e| e.date);
    days
}

/// A logged small number as a value to compute with.
fn logged<T: Into<f64>>(value: Option<T>) -> Option<f64> {
    value.map(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{Logged, assert_close, day, days_from, on, range};

    /// The top-level keys PRODUCT §9 promises, which the CLI and the UI read by name.
    const KEYS: [&str; 13] = [
        "range",
        "coverage",
        "satisfaction",
        "technical_share",
        "relation",
        "sweet_spot",
        "weekday",
        "tags",
        "streak",
        "calendar",
        "trial",
        "maker",
        "next_day",
    ];

    #[test]
    fn the_json_has_the_promised_keys_and_dates_as_text() {
        let entries = [on("2026-01-05").sat(7).tech(40)];
        let all = compute(
            &entries,
            &Settings::default(),
            range("2026-01-01", "2026-01-31"),
            day("2026-01-31"),
        );
        let json = serde_json::to_value(&all).expect("serialises");
        for key in KEYS {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        assert_eq!(json["range"], serde_json::json!({"from": "2026-01-01", "to": "2026-01-31"}));
        assert_eq!(json["satisfaction"]["series"][0]["date"], "2026-01-05");
        assert_eq!(json["coverage"]["days_in_range"], 31);
        assert_eq!(json["trial"], serde_json::Value::Null, "no role start, no review");
        assert_eq!(json["weekday"].as_array().map(Vec::len), Some(7));
    }

    #[test]
    fn an_empty_range_is_calm_and_complete() {
        let all = compute(
            &[],
            &Settings::default(),
            range("2026-01-01", "2026-01-01"),
            day("2026-01-01"),
        );
        assert_eq!((all.coverage.days_logged, all.coverage.days_in_range), (0, 1));
        assert_eq!((all.satisfaction.n, all.satisfaction.mean), (0, None));
        assert_eq!((all.relation.n, all.relation.evidence), (0, Evidence::TooFew));
        assert_eq!(all.sweet_spot.len(), 5);
        assert!(all.tags.is_empty() && all.calendar.is_empty());
        assert_eq!((all.streak.current, all.streak.longest), (0, 0));
        assert_eq!(all.next_day.evidence, Evidence::TooFew);
    }

    #[test]
    fn only_entries_in_the_range_count() {
        // Dec 31 and Jan 3 are outside Jan 1–2; inside: 4 and 8 → mean (4+8)/2 = 6.
        let entries = [
            on("2026-01-03").sat(10),
            on("2026-01-02").sat(8),
            on("2025-12-31").sat(1),
            on("2026-01-01").sat(4),
        ];
        let all = compute(
            &entries,
            &Settings::default(),
            range("2026-01-01", "2026-01-02"),
            day("2026-01-02"),
        );
        assert_eq!((all.satisfaction.n, all.satisfaction.mean), (2, Some(6.0)));
        assert_eq!(all.coverage.days_logged, 2);
        assert_eq!(all.streak.current, 2, "Jan 1–2, ending today");
    }

    #[test]
    fn one_entry() {
        let entries = [on("2026-01-01").sat(6).tech(50).energy(3).meetings(2).focus(90)];
        let all = compute(
            &entries,
            &Settings::default(),
            range("2026-01-01", "2026-01-01"),
            day("2026-01-01"),
        );
        assert_eq!((all.satisfaction.mean, all.satisfaction.ci95), (Some(6.0), None));
        assert_eq!((all.relation.n, all.relation.slope_per_10), (1, None));
        assert_eq!(all.coverage.ratio, Some(1.0));
        assert_eq!(all.streak, Streak { current: 1, longest: 1 });
        assert_eq!((all.maker.meetings.n, all.maker.meetings.slope), (1, None));
    }

    #[test]
    fn rolling_means_look_before_the_range_and_say_how_many_days_they_cover() {
        // Daily from Jan 1, satisfaction 1, 2, 3, …: a range from Jan 10 must not start its
        // 7-day mean at 10 (a cumulative mean of one day) but at (4+…+10)/7 = 7.
        let entries: Vec<_> = days_from("2026-01-01", 20)
            .enumerate()
            .map(|(i, d)| Entry::empty(d).sat(1 + (i % 10) as u8))
            .collect();
        let all = compute(
            &entries,
            &Settings::default(),
            range("2026-01-10", "2026-01-20"),
            day("2026-01-20"),
        );
        let first = &all.satisfaction.series[0];
        assert_eq!(first.date, day("2026-01-10"));
        assert_close(first.mean7, 7.0);
        assert_eq!((first.n7, first.n30), (7, 10), "days before the range count");
        assert_close(first.mean30, 5.5);
        // The range's own figures stay the range's: Jan 10–20 hold 10, 1, 2, …, 10.
        assert_eq!(all.satisfaction.n, 11);
        assert_close(all.satisfaction.mean, (10.0 + 55.0) / 11.0);
    }

    #[test]
    fn constant_technical_share_gives_no_slope_and_no_nan() {
        // 30 days, all at technical share 50, satisfaction varying 3..7: x never varies, so
        // there is no slope, no CI, no r — null, and the verdict declines.
        let entries: Vec<_> = days_from("2026-01-01", 30)
            .enumerate()
            .map(|(i, d)| Entry::empty(d).tech(50).sat(3 + (i % 5) as u8).meetings(4).focus(60))
            .collect();
        let all = compute(
            &entries,
            &Settings::default(),
            range("2026-01-01", "2026-01-30"),
            day("2026-01-30"),
        );
        assert_eq!(
            (all.relation.slope_per_10, all.relation.ci95, all.relation.r),
            (None, None, None)
        );
        assert_eq!(all.relation.evidence, Evidence::NoClearLink);
        assert_eq!(all.relation.verdict, "no clear link yet (30 days)");
        assert_eq!((all.maker.meetings.slope, all.maker.focus.slope), (None, None));
        let json = serde_json::to_string(&all).expect("serialises");
        assert!(!json.contains("NaN"), "{json}");
        let debug = format!("{all:?}");
        assert!(!debug.contains("NaN") && !debug.contains("inf"), "no non-finite value anywhere");
    }

    #[test]
    fn resolving_an_open_range() {
        let entries = [on("2026-03-05"), on("2026-01-02"), on("2026-02-01")];
        let today = day("2026-06-01");
        let all = InsightsRange::resolve(DateRange::all(), &entries, today);
        assert_eq!((all.from, all.to), (day("2026-01-02"), day("2026-03-05")));
        let none = InsightsRange::resolve(DateRange::all(), &[], today);
        assert_eq!((none.from, none.to), (today, today));
        let from_only = DateRange::new(Some(day("2026-02-01")), None).expect("range");
        let r = InsightsRange::resolve(from_only, &entries, today);
        assert_eq!((r.from, r.to), (day("2026-02-01"), day("2026-03-05")));
        let past_the_end = DateRange::new(Some(day("2026-04-01")), None).expect("range");
        let r = InsightsRange::resolve(past_the_end, &entries, today);
        assert_eq!((r.from, r.to, r.days()), (day("2026-04-01"), day("2026-04-01"), 1));
        // Days up to one before the first entry: that one day, never the first entry's day.
        let before_the_start = DateRange::new(None, Some(day("2025-12-31"))).expect("range");
        let r = InsightsRange::resolve(before_the_start, &entries, today);
        assert_eq!((r.from, r.to), (day("2025-12-31"), day("2025-12-31")));
        let to_only = DateRange::new(None, Some(day("2026-02-10"))).expect("range");
        let r = InsightsRange::resolve(to_only, &entries, today);
        assert_eq!((r.from, r.to), (day("2026-01-02"), day("2026-02-10")));
        assert!(InsightsRange::new(day("2026-01-02"), day("2026-01-01")).is_err());
    }

    #[test]
    fn the_ends_of_the_calendar_do_not_panic() {
        // Windows, weeks, streaks and the trial all step across dates; none may overflow.
        let entries = [
            Entry::empty(NaiveDate::MIN).sat(5).tech(10).energy(2),
            Entry::empty(NaiveDate::MAX).sat(6).tech(90),
        ];
        let settings = Settings {
            role_start: Some(NaiveDate::MAX),
            trial_days: Some(3650),
            ..Settings::default()
        };
        let whole = InsightsRange { from: NaiveDate::MIN, to: NaiveDate::MAX };
        let all = compute(&entries, &settings, whole, NaiveDate::MIN);
        assert_eq!((all.coverage.days_logged, all.trial), (2, None), "no review date past MAX");
    }

    #[test]
    fn the_best_band_needs_enough_days_to_say_so() {
        let band = |from: u8, n: usize, mean: f64| Band {
            from,
            to: from + 20,
            n,
            mean: Some(mean),
            ci95: None,
        };
        let mut i = compute(
            &[],
            &Settings::default(),
            InsightsRange::resolve(DateRange::all(), &[], crate::tests::day("2026-01-01")),
            crate::tests::day("2026-01-01"),
        );
        i.sweet_spot = vec![band(0, 5, 9.5), band(20, 14, 7.0), band(40, 30, 6.0)];
        let best = i.best_band().expect("two bands have 14 days or more");
        assert_eq!(
            (best.from, best.n),
            (20, 14),
            "the 5-day band is too thin to be the sweet spot"
        );
        i.sweet_spot = vec![band(0, 13, 9.5)];
        assert!(i.best_band().is_none());
    }
}
