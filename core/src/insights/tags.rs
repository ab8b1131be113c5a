//! Tag effects (PRODUCT §4.6): satisfaction on days with a tag against days without it, the
//! difference with a 95% CI by Welch's t — and a flag on tags used too rarely to read anything
//! into.

use std::collections::BTreeMap;

use serde::Serialize;

use super::stats::{Sample, welch};
use crate::entry::Entry;

/// Below this many tagged days a tag's effect is flagged as resting on too few days.
pub(crate) const MIN_TAG_DAYS: usize = 5;

/// Satisfaction with and without one tag, over the days with satisfaction logged.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct TagEffect {
    pub tag: String,
    pub n_with: usize,
    pub n_without: usize,
    pub mean_with: Option<f64>,
    pub mean_without: Option<f64>,
    /// `mean_with − mean_without`.
    pub diff: Option<f64>,
    /// 95% CI of `diff` (Welch); needs two days on each side with some spread.
    pub ci95: Option<[f64; 2]>,
    /// Fewer than 5 days carry the tag.
    pub too_few: bool,
}

/// One effect per tag seen on a day with satisfaction, most used first, then by name.
pub(super) fn tag_effects(days: &[&Entry]) -> Vec<TagEffect> {
    let mut all = Sample::default();
    let mut with: BTreeMap<&str, Sample> = BTreeMap::new();
    for e in days {
        let Some(s) = e.satisfaction.map(f64::from) else { continue };
        all.add(s);
        for tag in &e.tags {
            with.entry(tag.as_str()).or_default().add(s);
        }
    }
    let mut effects: Vec<TagEffect> = with
        .into_iter()
        .map(|(tag, with)| {
            let without = all.without(&with);
            let w = welch(&with, &without);
            TagEffect {
                tag: tag.to_owned(),
                n_with: with.n(),
                n_without: without.n(),
                mean_with: with.mean(),
                mean_without: without.mean(),
                diff: w.diff,
                ci95: w.ci95,
                too_few: with.n() < MIN_TAG_DAYS,
            }
        })
        .collect();
    // Stable sort over name order: equal counts stay alphabetical.
    effects.sort_by_key(|e| std::cmp::Reverse(e.n_with));
    effects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{Logged, assert_close, on, sorted};

    fn fixture() -> Vec<Entry> {
        vec![
            on("2026-01-05").sat(8).tags(&["deep-work"]),
            on("2026-01-06").sat(6).tags(&["deep-work", "1on1"]),
            on("2026-01-07").sat(4).tags(&["incident"]),
            on("2026-01-08").sat(2),
            on("2026-01-09").tags(&["deep-work", "hiring"]),
        ]
    }

    #[test]
    fn with_and_without_by_hand() {
        // Days with satisfaction: 8 (deep-work), 6 (deep-work, 1on1), 4 (incident), 2.
        // The 2026-01-09 entry has no satisfaction, so neither it nor its "hiring" tag counts.
        // deep-work: with {8, 6} → 7, n 2, s² = 2; without {4, 2} → 3, n 2, s² = 2.
        //   diff = 7 − 3 = 4; se² = 2/2 + 2/2 = 2; df = 2 (equal spreads, n = 2 each);
        //   CI = 4 ± t(2)·√2 = 4 ± 4.3026527·1.4142136 = 4 ± 6.0848698.
        let effects = tag_effects(&sorted(&fixture()));
        let names: Vec<_> = effects.iter().map(|t| t.tag.as_str()).collect();
        assert_eq!(names, ["deep-work", "1on1", "incident"], "most used first, then by name");
        let deep = &effects[0];
        assert_eq!((deep.n_with, deep.n_without, deep.too_few), (2, 2, true));
        assert_close(deep.mean_with, 7.0);
        assert_close(deep.mean_without, 3.0);
        assert_close(deep.diff, 4.0);
        let [lo, hi] = deep.ci95.expect("two days each side");
        assert_close(Some(lo), 4.0 - 6.084_869_8);
        assert_close(Some(hi), 4.0 + 6.084_869_8);
        // 1on1: with {6} → 6; without {8, 4, 2} → 14/3; diff = 6 − 14/3 = 4/3; one day → no CI.
        let one = &effects[1];
        assert_close(one.diff, 4.0 / 3.0);
        assert_eq!(one.ci95, None);
    }

    #[test]
    fn five_days_are_enough_to_lose_the_flag() {
        let entries: Vec<_> = (1..=6)
            .map(|d| on(&format!("2026-02-0{d}")).sat(5).tags(if d <= 5 { &["1on1"] } else { &[] }))
            .collect();
        let effects = tag_effects(&sorted(&entries));
        assert_eq!((effects[0].n_with, effects[0].too_few), (5, false));
        // Every day of the tag scores 5 and so does the one day without: diff 0, no spread.
        assert_eq!((effects[0].diff, effects[0].ci95), (Some(0.0), None));
    }

    #[test]
    fn a_tag_on_every_day_has_nothing_to_compare_with() {
        let entries =
            [on("2026-01-01").sat(5).tags(&["work"]), on("2026-01-02").sat(7).tags(&["work"])];
        let effects = tag_effects(&sorted(&entries));
        assert_eq!(
            (effects[0].n_without, effects[0].mean_without, effects[0].diff),
            (0, None, None)
        );
        assert!(tag_effects(&[]).is_empty());
    }
}
