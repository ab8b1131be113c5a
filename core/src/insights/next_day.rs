//! The next-day effect (PRODUCT §4.10): after a day that was mostly leadership, is the next
//! day's energy lower? Pairs of consecutive logged days, compared by Welch's t; no claim below
//! 14 pairs.

use serde::Serialize;

use super::evidence::{Claim, Evidence, judge, verdict};
use super::stats::{Sample, welch};
use crate::entry::Entry;

/// A day is "high leadership" when its technical share is at most this (leadership ≥ 70%).
pub const HIGH_LEADERSHIP_MAX_TECHNICAL_SHARE: u8 = 30;

/// Next-day energy after high-leadership days against after other days.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct NextDay {
    /// Pairs of consecutive calendar days with technical share on the first and energy on the
    /// second.
    pub n_pairs: usize,
    pub n_after_high: usize,
    pub n_after_other: usize,
    pub mean_after_high: Option<f64>,
    pub mean_after_other: Option<f64>,
    /// `mean_after_high − mean_after_other`.
    pub diff: Option<f64>,
    /// 95% CI of `diff` (Welch).
    pub ci95: Option<[f64; 2]>,
    /// The technical share at or below which a day counts as high leadership.
    pub high_leadership_max_technical_share: u8,
    /// How far the evidence goes; the window branches on this, not on the words.
    pub evidence: Evidence,
    pub verdict: String,
}

const CLAIM: Claim = Claim {
    up: "After mostly-leadership days (technical share 30% or less), the next day's energy tends \
         to be higher",
    down: "After mostly-leadership days (technical share 30% or less), the next day's energy \
           tends to be lower",
    unit: "energy points",
    n_noun: " pairs",
};

pub(super) fn next_day(days: &[&Entry]) -> NextDay {
    let (mut after_high, mut after_other) = (Sample::default(), Sample::default());
    for pair in days.windows(2) {
        let (today, next) = (pair[0], pair[1]);
        if today.date.succ_opt() != Some(next.date) {
            continue;
        }
        let (Some(share), Some(energy)) = (today.technical_share, next.energy) else { continue };
        let group = if share <= HIGH_LEADERSHIP_MAX_TECHNICAL_SHARE {
            &mut after_high
        } else {
            &mut after_other
        };
        group.add(f64::from(energy));
    }
    let w = welch(&after_high, &after_other);
    let n_pairs = after_high.n() + after_other.n();
    NextDay {
        n_pairs,
        n_after_high: after_high.n(),
        n_after_other: after_other.n(),
        mean_after_high: after_high.mean(),
        mean_after_other: after_other.mean(),
        diff: w.diff,
        ci95: w.ci95,
        high_leadership_max_technical_share: HIGH_LEADERSHIP_MAX_TECHNICAL_SHARE,
        evidence: judge(n_pairs, w.ci95),
        verdict: verdict(&CLAIM, n_pairs, w.diff, w.ci95),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{Logged, assert_close, days_from, on, sorted};

    #[test]
    fn pairs_by_hand() {
        // Jan 1 (share 20, high) → Jan 2 energy 2: after high.
        // Jan 2 (share 30, high: 30 counts) → Jan 3 energy 1: after high.
        // Jan 3 (share 80) → Jan 4 energy 4: after other.
        // Jan 4 (share 60) → Jan 5 energy 5: after other.
        // Jan 5 (share 10) → Jan 6 not logged: no pair. Jan 7 (share 10) → Jan 8 has no energy:
        // no pair. Dec 31 → Jan 1 is skipped: Dec 31 has no technical share.
        // after high {2, 1}: mean 1.5, s² = 0.5; after other {4, 5}: mean 4.5, s² = 0.5.
        // diff = 1.5 − 4.5 = −3; se² = 0.25 + 0.25 = 0.5; df = 0.5²/(0.25²/1 + 0.25²/1) = 2;
        // CI = −3 ± 4.3026527·√0.5 = −3 ± 3.0424349.
        let entries = [
            on("2025-12-31").energy(3),
            on("2026-01-01").tech(20),
            on("2026-01-02").tech(30).energy(2),
            on("2026-01-03").tech(80).energy(1),
            on("2026-01-04").tech(60).energy(4),
            on("2026-01-05").tech(10).energy(5),
            on("2026-01-07").tech(10),
            on("2026-01-08").sat(5),
        ];
        let n = next_day(&sorted(&entries));
        assert_eq!((n.n_pairs, n.n_after_high, n.n_after_other), (4, 2, 2));
        assert_close(n.mean_after_high, 1.5);
        assert_close(n.mean_after_other, 4.5);
        assert_close(n.diff, -3.0);
        assert_close(n.ci95.map(|c| c[0]), -3.0 - 3.042_434_9);
        assert_close(n.ci95.map(|c| c[1]), -3.0 + 3.042_434_9);
        assert_eq!(n.verdict, "10 more pairs of logged days in a row until a first trend");
    }

    #[test]
    fn fourteen_clear_pairs_make_a_claim() {
        // 15 consecutive days alternate share 20 / 80, so 14 pairs: 7 after high, 7 after other.
        // Energy after a high day is 2 or 3, after another day 4 or 5: clearly lower.
        let entries: Vec<_> = days_from("2026-01-01", 15)
            .enumerate()
            .map(|(i, d)| {
                let share = if i % 2 == 0 { 20 } else { 80 };
                // Day i follows day i − 1: odd i follows a high day.
                let energy =
                    if i % 2 == 1 { 2 + (i % 4 == 1) as u8 } else { 4 + (i % 4 == 0) as u8 };
                Entry::empty(d).tech(share).energy(energy)
            })
            .collect();
        let n = next_day(&sorted(&entries));
        assert_eq!((n.n_pairs, n.n_after_high, n.n_after_other), (14, 7, 7));
        assert!(
            n.verdict.starts_with(
                "After mostly-leadership days (technical share 30% or less), the next day's energy \
             tends to be lower: -"
            ),
            "{}",
            n.verdict
        );
        assert!(n.verdict.ends_with("n = 14 pairs)."), "{}", n.verdict);
    }

    #[test]
    fn no_pairs_no_claim() {
        let n = next_day(&[]);
        assert_eq!((n.n_pairs, n.diff, n.ci95), (0, None, None));
        assert_eq!(n.evidence, Evidence::TooFew);
    }
}
