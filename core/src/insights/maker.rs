//! Maker time (PRODUCT §4.9): satisfaction and energy against the number of meetings and the
//! longest focus block — "one meeting can blow a whole afternoon" — fitted and judged like the
//! satisfaction/technical-share relation.

use serde::Serialize;

use super::evidence::{Claim, Evidence, judge, verdict};
use super::fit::Fit;
use super::logged;
use crate::entry::Entry;

/// A least-squares slope with its 95% CI and verdict.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Slope {
    pub n: usize,
    /// Change in the outcome per `per`; `null` when the predictor never varied.
    pub slope: Option<f64>,
    /// 95% CI of `slope` (Student t, n − 2 df).
    pub ci95: Option<[f64; 2]>,
    pub r: Option<f64>,
    /// The fitted outcome at a predictor of 0.
    pub intercept: Option<f64>,
    /// The unit of the predictor the slope is measured per, e.g. "meeting", "60 minutes".
    pub per: String,
    /// How far the evidence goes; the window branches on this, not on the words.
    pub evidence: Evidence,
    pub verdict: String,
}

/// Satisfaction and energy against meetings and focus.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Maker {
    /// Satisfaction per extra meeting.
    pub meetings: Slope,
    /// Satisfaction per +60 minutes of the longest focus block.
    pub focus: Slope,
    /// Energy (1–5) per extra meeting.
    pub energy_meetings: Slope,
    /// Energy (1–5) per +60 minutes of the longest focus block.
    pub energy_focus: Slope,
}

/// Fits `outcome` on `predictor` over the days with both, measuring the slope per `per` units.
pub(crate) fn slope(
    days: &[&Entry],
    predictor: impl Fn(&Entry) -> Option<f64>,
    outcome: impl Fn(&Entry) -> Option<f64>,
    (per, per_name): (f64, &str),
    claim: &Claim,
) -> Slope {
    let points: Vec<(f64, f64)> =
        days.iter().filter_map(|e| Some((predictor(e)?, outcome(e)?))).collect();
    let fit = Fit::of(&points);
    let (slope, ci95) = fit.slope_per(per);
    Slope {
        n: fit.n,
        slope,
        ci95,
        r: fit.r,
        intercept: fit.intercept,
        per: per_name.to_owned(),
        evidence: judge(fit.n, ci95),
        verdict: verdict(claim, fit.n, slope, ci95),
    }
}

const PER_MEETING: (f64, &str) = (1.0, "meeting");
const PER_HOUR: (f64, &str) = (60.0, "60 minutes");

pub(super) fn maker(days: &[&Entry]) -> Maker {
    let meetings = |e: &Entry| logged(e.meetings);
    let focus = |e: &Entry| logged(e.focus_minutes);
    let satisfaction = |e: &Entry| logged(e.satisfaction);
    let energy = |e: &Entry| logged(e.energy);
    Maker {
        meetings: slope(
            days,
            meetings,
            satisfaction,
            PER_MEETING,
            &Claim {
                up: "Days with more meetings tend to be more satisfying",
                down: "Days with more meetings tend to be less satisfying",
                unit: "points per extra meeting",
                n_noun: "",
            },
        ),
        focus: slope(
            days,
            focus,
            satisfaction,
            PER_HOUR,
            &Claim {
                up: "Days with a longer focus block tend to be more satisfying",
                down: "Days with a longer focus block tend to be less satisfying",
                unit: "points per +60 minutes of focus",
                n_noun: "",
            },
        ),
        energy_meetings: slope(
            days,
            meetings,
            energy,
            PER_MEETING,
            &Claim {
                up: "Days with more meetings tend to end with more energy",
                down: "Days with more meetings tend to end with less energy",
                unit: "energy points per extra meeting",
                n_noun: "",
            },
        ),
        energy_focus: slope(
            days,
            focus,
            energy,
            PER_HOUR,
            &Claim {
                up: "Days with a longer focus block tend to end with more energy",
                down: "Days with a longer focus block tend to end with less energy",
                unit: "energy points per +60 minutes of focus",
                n_noun: "",
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{Logged, assert_close, days_from, on, sorted};

    #[test]
    fn meetings_by_hand() {
        // (meetings, satisfaction) = (0, 1), (1, 3), (2, 2), (3, 5): the x = 0..3 fit of fit.rs,
        // slope 1.1 per meeting, CI 1.1 ± 2.2357238, r = 0.8315218. A day with meetings but no
        // satisfaction, and one with satisfaction but no meetings, are skipped; 0 meetings is a
        // value, not "not logged".
        let entries = [
            on("2026-01-05").meetings(0).sat(1),
            on("2026-01-06").meetings(1).sat(3),
            on("2026-01-07").meetings(2).sat(2),
            on("2026-01-08").meetings(3).sat(5),
            on("2026-01-09").meetings(9),
            on("2026-01-10").sat(10),
        ];
        let m = maker(&sorted(&entries));
        assert_eq!(m.meetings.n, 4);
        assert_close(m.meetings.slope, 1.1);
        assert_close(m.meetings.ci95.map(|c| c[0]), 1.1 - 2.235_723_9);
        assert_close(m.meetings.r, 0.831_521_8);
        assert_eq!(m.meetings.per, "meeting");
        assert_eq!(m.meetings.evidence, Evidence::TooFew);
        assert_eq!((m.focus.n, m.focus.slope), (0, None));
    }

    #[test]
    fn focus_slope_is_per_sixty_minutes() {
        // (focus minutes, satisfaction) = (0, 1), (30, 3), (60, 2), (90, 5): in units of 30
        // minutes this is the x = 0..3 fit (1.1 per 30 minutes), so per 60 minutes 2.2, and
        // the CI doubles too: 2.2 ± 4.4714479. Energy: (0, 2), (30, 2), (60, 2), (90, 2) is flat:
        // slope 0, r undefined.
        let entries = [
            on("2026-01-05").focus(0).sat(1).energy(2),
            on("2026-01-06").focus(30).sat(3).energy(2),
            on("2026-01-07").focus(60).sat(2).energy(2),
            on("2026-01-08").focus(90).sat(5).energy(2),
        ];
        let m = maker(&sorted(&entries));
        assert_close(m.focus.slope, 2.2);
        let [lo, hi] = m.focus.ci95.expect("ci");
        assert_close(Some(lo), 2.2 - 4.471_447_9);
        assert_close(Some(hi), 2.2 + 4.471_447_9);
        assert_eq!(m.focus.per, "60 minutes");
        assert_eq!((m.energy_focus.slope, m.energy_focus.r), (Some(0.0), None));
    }

    #[test]
    fn many_meetings_drain_energy_and_it_is_said() {
        // 14 days: meetings m = i mod 7 (each value twice), energy = 5 − m/2 (integer division):
        // m 0..6 → 5, 5, 4, 4, 3, 3, 2. Per replicate: x̄ = 3, Sxx = 28,
        // Sxy = (−3)·5 + (−2)·5 + (−1)·4 + 0·4 + 1·3 + 2·3 + 3·2 = −14, slope = −14/28 = −0.5.
        // ŷ = 26/7 − 0.5·(m − 3); residuals alternate −3/14 and +2/7: SSE per replicate
        // = 4·(3/14)² + 3·(2/7)² = 9/49 + 12/49 = 3/7, so SSE = 6/7, s² = (6/7)/12 = 1/14.
        // se = √((1/14)/56) = 1/28; half = t(12)/28 = 2.1788128/28 = 0.0778147.
        let entries: Vec<_> = days_from("2026-01-01", 14)
            .enumerate()
            .map(|(i, d)| {
                let m = (i % 7) as u8;
                Entry::empty(d).meetings(m).energy(5 - m / 2)
            })
            .collect();
        let m = maker(&sorted(&entries));
        assert_eq!(m.energy_meetings.n, 14);
        assert_close(m.energy_meetings.slope, -0.5);
        assert_close(m.energy_meetings.ci95.map(|c| c[0]), -0.5 - 0.077_814_7);
        assert_eq!(
            m.energy_meetings.verdict,
            "Days with more meetings tend to end with less energy: -0.5 energy points per extra \
             meeting (95% CI -0.6 to -0.4, n = 14)."
        );
        assert_eq!(
            m.meetings.verdict, "14 more logged days until a first trend",
            "no satisfaction was logged"
        );
    }
}
