//! The trial-period review (PRODUCT §5): did the new role get better or worse over the trial?
//!
//! The trial window is `[role_start, role_start + trial_days − 1]`; its last day is the review
//! date. The review compares the first and the last 30 logged days of the window — or, with
//! fewer than 60 logged days, the first and the last half of them (the middle day of an odd
//! count belongs to neither) — and the phase before the role against the whole trial: means and
//! differences (later − earlier) with Welch 95% CIs for satisfaction, technical share and
//! energy. Then the trend of technical share across the trial and the tags most often seen on
//! good and bad days.
//!
//! The review reads all entries it is given, not the chart range: it is about the trial.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::evidence::Claim;
use super::maker::{Slope, slope};
use super::markers::review_date;
use super::stats::{Sample, welch};
use super::{InsightsRange, days_in, logged};
use crate::entry::Entry;
use crate::settings::Settings;

/// How many logged days from each end of the trial are compared.
const END_DAYS: usize = 30;
/// A good day scores at least this; a bad day at most [`BAD_DAY_MAX`].
pub const GOOD_DAY_MIN: u8 = 8;
pub const BAD_DAY_MAX: u8 = 4;
/// How many tags are named for good and for bad days.
const TOP_TAGS: usize = 3;

/// The review of the trial period.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Trial {
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub role_start: NaiveDate,
    pub trial_days: u32,
    pub window: InsightsRange,
    /// The last day of the trial.
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub review_date: NaiveDate,
    /// Today is on or after the review date.
    pub available: bool,
    /// Days with an entry inside the window.
    pub days_logged: usize,
    /// The first against the last logged days of the trial; `null` below two logged days.
    pub first_vs_last: Option<Comparison>,
    /// The phase before the role against the whole trial; `null` when nothing was logged before
    /// or nothing yet in the trial.
    pub before_vs_trial: Option<Comparison>,
    /// Technical share against days into the trial, per week.
    pub technical_share_trend: Slope,
    /// Days in the trial with satisfaction ≥ 8.
    pub good_days: usize,
    /// Days in the trial with satisfaction ≤ 4.
    pub bad_days: usize,
    /// The tags on the largest share of good days, at most three.
    pub good_day_tags: Vec<TagShare>,
    /// The tags on the largest share of bad days, at most three.
    pub bad_day_tags: Vec<TagShare>,
}

/// Two groups of logged days side by side.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Comparison {
    pub earlier: Period,
    pub later: Period,
    pub satisfaction: Difference,
    pub technical_share: Difference,
    pub energy: Difference,
}

/// A group of logged days: its first and last day and how many days it holds.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Period {
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub to: NaiveDate,
    pub days_logged: usize,
}

/// One field's means in the earlier and later group and their difference, later − earlier.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Difference {
    pub n_earlier: usize,
    pub mean_earlier: Option<f64>,
    pub n_later: usize,
    pub mean_later: Option<f64>,
    pub diff: Option<f64>,
    /// 95% CI of `diff` (Welch).
    pub ci95: Option<[f64; 2]>,
}

/// A tag and the share of the good (or bad) days that carry it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct TagShare {
    pub tag: String,
    pub days: usize,
    /// `days` / good (or bad) days.
    pub share: f64,
}

const TREND: Claim = Claim {
    up: "Technical share rose during the trial",
    down: "Technical share fell during the trial",
    unit: "points per week",
    n_noun: "",
};

/// The review, or `None` without both a role start and a trial length.
pub(super) fn review(entries: &[Entry], settings: &Settings, today: NaiveDate) -> Option<Trial> {
    let role_start = settings.role_start?;
    let trial_days = settings.trial_days?;
    let review_date = review_date(settings)?;
    let window = InsightsRange { from: role_start, to: review_date };
    let trial = days_in(entries, |d| window.contains(d));

    let half = if trial.len() >= 2 * END_DAYS { END_DAYS } else { trial.len() / 2 };
    let first_vs_last = (half > 0).then(|| compare(&trial[..half], &trial[trial.len() - half..]));
    let before_start = phase_before(settings, role_start);
    let before = days_in(entries, |d| d < role_start && before_start.is_none_or(|s| s <= d));
    let before_vs_trial =
        (!before.is_empty() && !trial.is_empty()).then(|| compare(&before, &trial));

    let days_into = |e: &Entry| Some((e.date - role_start).num_days() as f64);
    let technical_share_trend =
        slope(&trial, days_into, |e| logged(e.technical_share), (7.0, "week"), &TREND);

    let good: Vec<&Entry> = trial
        .iter()
        .copied()
        .filter(|e| e.satisfaction.is_some_and(|s| s >= GOOD_DAY_MIN))
        .collect();
    let bad: Vec<&Entry> = trial
        .iter()
        .copied()
        .filter(|e| e.satisfaction.is_some_and(|s| s <= BAD_DAY_MAX))
        .collect();

    Some(Trial {
        role_start,
        trial_days,
        window,
        review_date,
        available: today >= review_date,
        days_logged: trial.len(),
        first_vs_last,
        before_vs_trial,
        technical_share_trend,
        good_days: good.len(),
        bad_days: bad.len(),
        good_day_tags: top_tags(&good),
        bad_day_tags: top_tags(&bad),
    })
}

/// The start of the phase the user was in before the role: the latest phase starting before
/// `role_start`. Without one, everything before the role counts as the phase before.
fn phase_before(settings: &Settings, role_start: NaiveDate) -> Option<NaiveDate> {
    settings.phases.iter().map(|p| p.start).filter(|&s| s < role_start).max()
}

/// Compares two non-empty, date-ordered groups of days.
fn compare(earlier: &[&Entry], later: &[&Entry]) -> Comparison {
    let period = |days: &[&Entry]| Period {
        from: days.first().map_or(NaiveDate::MIN, |e| e.date),
        to: days.last().map_or(NaiveDate::MIN, |e| e.date),
        days_logged: days.len(),
    };
    let difference = |field: fn(&Entry) -> Option<u8>| {
        let a = Sample::of(earlier.iter().filter_map(|e| logged(field(e))));
        let b = Sample::of(later.iter().filter_map(|e| logged(field(e))));
        let w = welch(&b, &a);
        Difference {
            n_earlier: a.n(),
            mean_earlier: a.mean(),
            n_later: b.n(),
            mean_later: b.mean(),
            diff: w.diff,
            ci95: w.ci95,
        }
    };
    Comparison {
        earlier: period(earlier),
        later: period(later),
        satisfaction: difference(|e| e.satisfaction),
        technical_share: difference(|e| e.technical_share),
        energy: difference(|e| e.energy),
    }
}

/// The tags on the largest share of `days`: most days first, then by name; at most three.
fn top_tags(days: &[&Entry]) -> Vec<TagShare> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in days {
        for tag in &e.tags {
            *counts.entry(tag.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    // Stable sort over name order: equal counts stay alphabetical.
    ranked.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    ranked
        .into_iter()
        .take(TOP_TAGS)
        .map(|(tag, n)| TagShare {
            tag: tag.to_owned(),
            days: n,
            share: n as f64 / days.len() as f64,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::stats::t_975;
    use crate::insights::testkit::{Logged, assert_close, day, days_from, on};
    use crate::settings::Phase;

    fn settings() -> Settings {
        Settings {
            role_start: Some(day("2026-01-01")),
            trial_days: Some(10),
            phases: vec![
                Phase { name: "IC".into(), start: day("2025-12-30") },
                Phase { name: "manager".into(), start: day("2026-01-01") },
            ],
            ..Settings::default()
        }
    }

    /// The trial Jan 1–10 2026 with six logged days, a phase before from Dec 30, and days
    /// outside both that must not count.
    fn fixture() -> Vec<Entry> {
        vec![
            on("2025-12-29").sat(9),
            on("2025-12-30").sat(8).tech(80).energy(4),
            on("2025-12-31").sat(6).tech(60).energy(4),
            on("2026-01-01").sat(5).tech(50).energy(3).tags(&["1on1"]),
            on("2026-01-02").sat(7).tech(40).energy(3).tags(&["deep-work"]),
            on("2026-01-04").sat(3).tech(30).tags(&["incident", "1on1"]),
            on("2026-01-06").sat(8).tech(40).energy(4).tags(&["deep-work"]),
            on("2026-01-08").sat(4).tech(20).energy(2).tags(&["1on1"]),
            on("2026-01-10").sat(9).tech(10).energy(5).tags(&["deep-work", "1on1"]),
            on("2026-01-11").sat(1),
        ]
    }

    #[test]
    fn window_and_review_date() {
        // Jan 1 + 10 days − 1 = Jan 10; the review is available from Jan 10 on.
        let t = review(&fixture(), &settings(), day("2026-01-09")).expect("a trial");
        assert_eq!((t.window.from, t.window.to), (day("2026-01-01"), day("2026-01-10")));
        assert_eq!(t.review_date, day("2026-01-10"));
        assert!(!t.available);
        assert!(review(&fixture(), &settings(), day("2026-01-10")).expect("trial").available);
        assert_eq!(t.days_logged, 6, "Jan 1, 2, 4, 6, 8, 10; Dec 29–31 and Jan 11 are outside");
    }

    #[test]
    fn first_half_against_last_half_by_hand() {
        // Six logged days < 60, so halves of 3: first Jan 1, 2, 4; last Jan 6, 8, 10.
        let t = review(&fixture(), &settings(), day("2026-01-10")).expect("a trial");
        let c = t.first_vs_last.expect("two halves");
        assert_eq!(
            (c.earlier.from, c.earlier.to, c.earlier.days_logged),
            (day("2026-01-01"), day("2026-01-04"), 3)
        );
        assert_eq!((c.later.from, c.later.to), (day("2026-01-06"), day("2026-01-10")));
        // Satisfaction: first {5, 7, 3} → 5, s² = (0+4+4)/2 = 4; last {8, 4, 9} → 7,
        // s² = (1+9+4)/2 = 7. diff = 7 − 5 = 2; se² = 4/3 + 7/3 = 11/3;
        // df = (11/3)² / ((4/3)²/2 + (7/3)²/2) = (121/9)/(65/18) = 242/65 ≈ 3.72.
        let s = &c.satisfaction;
        assert_eq!((s.n_earlier, s.n_later), (3, 3));
        assert_close(s.mean_earlier, 5.0);
        assert_close(s.mean_later, 7.0);
        assert_close(s.diff, 2.0);
        let half = t_975(242.0 / 65.0).expect("t") * (11.0f64 / 3.0).sqrt();
        assert_close(s.ci95.map(|c| c[1]), 2.0 + half);
        // Technical share: first {50, 40, 30} → 40; last {40, 20, 10} → 70/3; diff = −50/3.
        assert_close(c.technical_share.mean_earlier, 40.0);
        assert_close(c.technical_share.diff, 70.0 / 3.0 - 40.0);
        // Energy: Jan 4 has none, so first {3, 3} → 3, n 2, s² = 0; last {4, 2, 5} → 11/3,
        // s² = ((1/3)² + (5/3)² + (4/3)²)/2 = (42/9)/2 = 7/3. diff = 11/3 − 3 = 2/3;
        // se² = 0 + (7/3)/3 = 7/9; df = (7/9)² / ((7/9)²/2) = 2;
        // CI = 2/3 ± 4.3026527·√(7/9) = 2/3 ± 3.7945830.
        let e = &c.energy;
        assert_eq!((e.n_earlier, e.n_later), (2, 3));
        assert_close(e.diff, 2.0 / 3.0);
        assert_close(e.ci95.map(|c| c[0]), 2.0 / 3.0 - 3.794_583_0);
    }

    #[test]
    fn the_phase_before_against_the_trial_by_hand() {
        // The phase before starts Dec 30 (IC), so Dec 29 is not part of it: before = {8, 6}
        // → 7, s² = 2. Trial = {5, 7, 3, 8, 4, 9} → 36/6 = 6, s² = (1+1+9+4+4+9)/5 = 5.6.
        // diff = 6 − 7 = −1; se² = 2/2 + 5.6/6 = 29/15; df = (29/15)² / (1²/1 + (5.6/6)²/5)
        //      = 3.7377778/1.1742222 = 3.1832072.
        let t = review(&fixture(), &settings(), day("2026-01-10")).expect("a trial");
        let c = t.before_vs_trial.expect("something before");
        assert_eq!((c.earlier.from, c.earlier.days_logged), (day("2025-12-30"), 2));
        assert_eq!(c.later.days_logged, 6);
        assert_close(c.satisfaction.diff, -1.0);
        let half = t_975(3.737_777_8 / 1.174_222_2).expect("t") * (29.0f64 / 15.0).sqrt();
        assert_close(c.satisfaction.ci95.map(|c| c[0]), -1.0 - half);
        // Without phases, every day before the role counts: Dec 29 too, {9, 8, 6} → 23/3.
        let mut no_phases = settings();
        no_phases.phases.clear();
        let t = review(&fixture(), &no_phases, day("2026-01-10")).expect("a trial");
        let c = t.before_vs_trial.expect("something before");
        assert_close(c.satisfaction.mean_earlier, 23.0 / 3.0);
    }

    #[test]
    fn technical_share_trend_by_hand() {
        // (days into the trial, share) = (0, 50), (1, 40), (3, 30), (5, 40), (7, 20), (9, 10).
        // Σx = 25, Σy = 190, Σx² = 165, Σxy = 0+40+90+200+140+90 = 560, n = 6.
        // Sxx = 165 − 25²/6 = 365/6; Sxy = 560 − 25·190/6 = −1390/6;
        // slope = −1390/365 = −3.8082192 per day → −26.6575342 per week.
        let t = review(&fixture(), &settings(), day("2026-01-10")).expect("a trial");
        let trend = &t.technical_share_trend;
        assert_eq!((trend.n, trend.per.as_str()), (6, "week"));
        assert_close(trend.slope, -7.0 * 1390.0 / 365.0);
        let [lo, hi] = trend.ci95.expect("ci");
        assert!(lo <= -26.657 && -26.657 <= hi);
        assert_eq!(trend.verdict, "8 more logged days until a first trend", "6 days < 14");
    }

    #[test]
    fn tags_of_good_and_bad_days() {
        // Good (≥ 8): Jan 6 {deep-work}, Jan 10 {deep-work, 1on1} → deep-work 2/2, 1on1 1/2.
        // Bad (≤ 4): Jan 4 {incident, 1on1}, Jan 8 {1on1} → 1on1 2/2, incident 1/2.
        let t = review(&fixture(), &settings(), day("2026-01-10")).expect("a trial");
        assert_eq!((t.good_days, t.bad_days), (2, 2));
        let good: Vec<_> =
            t.good_day_tags.iter().map(|s| (s.tag.as_str(), s.days, s.share)).collect();
        assert_eq!(good, [("deep-work", 2, 1.0), ("1on1", 1, 0.5)]);
        let bad: Vec<_> =
            t.bad_day_tags.iter().map(|s| (s.tag.as_str(), s.days, s.share)).collect();
        assert_eq!(bad, [("1on1", 2, 1.0), ("incident", 1, 0.5)]);
    }

    #[test]
    fn sixty_logged_days_or_more_compare_thirty_from_each_end() {
        // 100 logged days: satisfaction 3 on the first 30, 6 in the middle 40, 9 on the last 30.
        // First 30 → 3, last 30 → 9 (the middle is in neither), diff 6; no spread → no CI.
        let settings = Settings {
            role_start: Some(day("2026-01-01")),
            trial_days: Some(100),
            ..Settings::default()
        };
        let entries: Vec<_> = days_from("2026-01-01", 100)
            .enumerate()
            .map(|(i, d)| {
                Entry::empty(d).sat(if i < 30 {
                    3
                } else if i < 70 {
                    6
                } else {
                    9
                })
            })
            .collect();
        let t = review(&entries, &settings, day("2026-06-01")).expect("a trial");
        let c = t.first_vs_last.expect("two ends");
        assert_eq!((c.earlier.days_logged, c.later.days_logged), (30, 30));
        assert_eq!(
            (c.satisfaction.mean_earlier, c.satisfaction.mean_later),
            (Some(3.0), Some(9.0))
        );
        assert_eq!((c.satisfaction.diff, c.satisfaction.ci95), (Some(6.0), None));
        assert_eq!(c.energy.n_earlier, 0);
        assert_eq!(t.before_vs_trial, None, "nothing logged before the role");
    }

    #[test]
    fn no_role_start_or_no_length_no_review() {
        assert_eq!(review(&fixture(), &Settings::default(), day("2026-01-10")), None);
        let no_length = Settings { trial_days: None, ..settings() };
        assert_eq!(review(&fixture(), &no_length, day("2026-01-10")), None);
    }

    #[test]
    fn one_logged_day_has_no_halves() {
        let entries = [on("2026-01-03").sat(6)];
        let t = review(&entries, &settings(), day("2026-01-03")).expect("a trial");
        assert_eq!((t.days_logged, t.first_vs_last, t.before_vs_trial), (1, None, None));
        let empty = review(&[], &settings(), day("2026-01-03")).expect("a trial");
        assert_eq!((empty.days_logged, empty.good_days, empty.technical_share_trend.n), (0, 0, 0));
    }
}
