//! Properties of the whole `compute` that hand-worked examples cannot cover: order does not
//! matter, an unscored day changes no satisfaction figure, intervals hold their estimates, and
//! no input can put NaN or infinity into the JSON.

use chrono::Duration;
use proptest::prelude::*;
use serde_json::Value;

use super::testkit::day;
use super::{Insights, InsightsRange, compute};
use crate::entry::Entry;
use crate::settings::Settings;

const START: &str = "2025-11-20";

fn arb_fields() -> impl Strategy<Value = Entry> {
    let opt = |lo: u8, hi: u8| proptest::option::of(lo..=hi);
    (
        (opt(1, 10), opt(0, 100), opt(1, 5), opt(0, 12)),
        proptest::option::of(0u16..=300),
        proptest::sample::subsequence(vec!["1on1", "deep-work", "incident", "hiring"], 0..=3),
    )
        .prop_map(|((satisfaction, technical_share, energy, meetings), focus, tags)| Entry {
            satisfaction,
            technical_share,
            energy,
            meetings,
            focus_minutes: focus,
            tags: tags.into_iter().map(str::to_owned).collect(),
            ..Entry::empty(day(START))
        })
}

/// Entries on distinct days (the journal's guarantee) within about 100 days across New Year.
fn arb_entries() -> impl Strategy<Value = Vec<Entry>> {
    proptest::collection::btree_map(0i64..100, arb_fields(), 0..60).prop_map(|days| {
        days.into_iter()
            .map(|(offset, e)| Entry { date: day(START) + Duration::days(offset), ..e })
            .collect()
    })
}

fn settings() -> Settings {
    Settings { role_start: Some(day("2025-12-15")), trial_days: Some(30), ..Settings::default() }
}

fn insights(entries: &[Entry]) -> Insights {
    let range = InsightsRange::new(day(START), day(START) + Duration::days(99)).expect("range");
    compute(entries, &settings(), range, day("2026-02-01"))
}

fn json(insights: &Insights) -> Value {
    serde_json::to_value(insights).expect("insights serialise")
}

/// Every satisfaction figure of the JSON; the calendar keeps only the scored days.
fn satisfaction_figures(insights: &Insights) -> Value {
    let v = json(insights);
    let scored: Vec<&Value> =
        v["calendar"].as_array().into_iter().flatten().filter(|d| !d["value"].is_null()).collect();
    serde_json::json!([
        v["satisfaction"],
        v["relation"],
        v["sweet_spot"],
        v["weekday"],
        v["tags"],
        v["maker"]["meetings"],
        v["maker"]["focus"],
        scored,
    ])
}

/// Every slope or difference with an interval, as (estimate, interval).
fn estimates(insights: &Insights) -> Vec<(f64, [f64; 2])> {
    let m = &insights.maker;
    let mut all = vec![
        (insights.relation.slope_per_10, insights.relation.ci95),
        (m.meetings.slope, m.meetings.ci95),
        (m.focus.slope, m.focus.ci95),
        (m.energy_meetings.slope, m.energy_meetings.ci95),
        (m.energy_focus.slope, m.energy_focus.ci95),
        (insights.next_day.diff, insights.next_day.ci95),
    ];
    all.extend(insights.tags.iter().map(|t| (t.diff, t.ci95)));
    all.extend(insights.sweet_spot.iter().map(|b| (b.mean, b.ci95)));
    if let Some(t) = &insights.trial {
        all.push((t.technical_share_trend.slope, t.technical_share_trend.ci95));
        for c in t.first_vs_last.iter().chain(&t.before_vs_trial) {
            for d in [&c.satisfaction, &c.technical_share, &c.energy] {
                all.push((d.diff, d.ci95));
            }
        }
    }
    all.into_iter().filter_map(|(e, ci)| Some((e?, ci?))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn entry_order_changes_nothing(
        (entries, shuffled) in arb_entries().prop_flat_map(|e| (Just(e.clone()), Just(e).prop_shuffle()))
    ) {
        prop_assert_eq!(insights(&entries), insights(&shuffled));
    }

    #[test]
    fn an_unscored_day_changes_no_satisfaction_figure(
        entries in arb_entries(),
        extra in arb_fields(),
        offset in 0i64..100,
    ) {
        let date = day(START) + Duration::days(offset);
        prop_assume!(entries.iter().all(|e| e.date != date));
        let mut more = entries.clone();
        more.push(Entry { date, satisfaction: None, ..extra });
        prop_assert_eq!(satisfaction_figures(&insights(&entries)), satisfaction_figures(&insights(&more)));
    }

    #[test]
    fn every_interval_holds_its_estimate(entries in arb_entries()) {
        for (estimate, [lo, hi]) in estimates(&insights(&entries)) {
            prop_assert!(lo <= estimate && estimate <= hi, "{} not in [{}, {}]", estimate, lo, hi);
        }
        for point in &insights(&entries).relation.line {
            if let (Some(lo), Some(hi)) = (point.lo, point.hi) {
                prop_assert!(lo <= point.y && point.y <= hi);
            }
        }
    }

    #[test]
    fn no_nan_or_infinity_anywhere(entries in arb_entries()) {
        // serde_json would quietly write a non-finite float as null, hiding it; the Debug form
        // shows every float as computed ("NaN", "inf"), so it is the one to inspect.
        let all = insights(&entries);
        let debug = format!("{all:?}");
        prop_assert!(!debug.contains("NaN") && !debug.contains("inf"), "{}", debug);
        prop_assert!(!serde_json::to_string(&all).expect("serialises").contains("NaN"));
    }
}
