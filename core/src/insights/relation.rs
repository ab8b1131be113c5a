//! Satisfaction against technical share (PRODUCT §4.3): the scatter, its least-squares line with
//! the 95% confidence band, the slope per +10 points of technical share with its 95% CI, r and
//! n — and a verdict only when the evidence holds.

use chrono::NaiveDate;
use serde::Serialize;

use super::evidence::{Claim, Evidence, judge, verdict};
use super::fit::Fit;
use crate::entry::Entry;

/// How satisfaction moves with technical share, over the days with both logged.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Relation {
    pub n: usize,
    /// Change in satisfaction per +10 points of technical share; `null` when every day had the
    /// same technical share (or fewer than two days).
    pub slope_per_10: Option<f64>,
    /// 95% CI of `slope_per_10` (Student t, n − 2 df); needs three days.
    pub ci95: Option<[f64; 2]>,
    /// Pearson's correlation.
    pub r: Option<f64>,
    /// The fitted satisfaction at technical share 0.
    pub intercept: Option<f64>,
    /// How far the evidence goes; the window branches on this, not on the words.
    pub evidence: Evidence,
    pub verdict: String,
    /// The fitted line at technical share 0, 10, …, 100 with its 95% confidence band;
    /// empty when there is no line.
    pub line: Vec<LinePoint>,
    /// The days behind the fit, for the scatter.
    pub points: Vec<ScatterPoint>,
}

/// One point of the fitted line and its 95% confidence band (mean response).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LinePoint {
    pub x: f64,
    pub y: f64,
    pub lo: Option<f64>,
    pub hi: Option<f64>,
}

/// One day with both satisfaction and technical share logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ScatterPoint {
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub technical_share: u8,
    pub satisfaction: u8,
}

const CLAIM: Claim = Claim {
    up: "Days with more hands-on technical work tend to be more satisfying",
    down: "Days with more hands-on technical work tend to be less satisfying",
    unit: "points per +10 points of technical share",
    n_noun: "",
};

pub(super) fn relation(days: &[&Entry]) -> Relation {
    let points: Vec<ScatterPoint> = days
        .iter()
        .filter_map(|e| {
            Some(ScatterPoint {
                date: e.date,
                technical_share: e.technical_share?,
                satisfaction: e.satisfaction?,
            })
        })
        .collect();
    let xy: Vec<(f64, f64)> =
        points.iter().map(|p| (f64::from(p.technical_share), f64::from(p.satisfaction))).collect();
    let fit = Fit::of(&xy);
    let (slope_per_10, ci95) = fit.slope_per(10.0);
    let line = (0..=10)
        .filter_map(|step| {
            let x = f64::from(step * 10);
            let band = fit.band_at(x);
            Some(LinePoint {
                x,
                y: fit.predict(x)?,
                lo: band.map(|b| b[0]),
                hi: band.map(|b| b[1]),
            })
        })
        .collect();
    Relation {
        n: fit.n,
        slope_per_10,
        ci95,
        r: fit.r,
        intercept: fit.intercept,
        evidence: judge(fit.n, ci95),
        verdict: verdict(&CLAIM, fit.n, slope_per_10, ci95),
        line,
        points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{Logged, assert_close, days_from, on, sorted};

    #[test]
    fn four_days_by_hand() {
        // (technical share, satisfaction) = (0, 1), (10, 3), (20, 2), (30, 5), plus a day with
        // only satisfaction and one with only technical share, which the fit must skip.
        // In units of 10 points this is the fit x = 0..3, y = 1, 3, 2, 5 of fit.rs:
        // slope = 1.1 per 10 points, intercept 1.1, r = 0.8315218, CI = 1.1 ± 2.2357238.
        let entries = [
            on("2026-02-02").tech(0).sat(1),
            on("2026-02-03").tech(10).sat(3),
            on("2026-02-04").tech(20).sat(2),
            on("2026-02-05").tech(30).sat(5),
            on("2026-02-06").sat(9),
            on("2026-02-07").tech(90),
        ];
        let rel = relation(&sorted(&entries));
        assert_eq!(rel.n, 4);
        assert_close(rel.slope_per_10, 1.1);
        assert_close(rel.intercept, 1.1);
        assert_close(rel.r, 0.831_521_8);
        let [lo, hi] = rel.ci95.expect("ci");
        assert_close(Some(lo), 1.1 - 2.235_723_9);
        assert_close(Some(hi), 1.1 + 2.235_723_9);
        assert_eq!(rel.verdict, "10 more logged days until a first trend", "n = 4 < 14");
        assert_eq!(rel.evidence, Evidence::TooFew);
        // Line at x = 0 is the intercept; at x = 100: 1.1 + 1.1·10 = 12.1 (the line is not
        // clipped: it is a fit, drawn where the chart wants it).
        assert_eq!(rel.line.len(), 11);
        assert_close(Some(rel.line[0].y), 1.1);
        assert_close(Some(rel.line[10].y), 12.1);
        // Band at x = 0 (x̄ = 15, Sxx = 500 in points): half = t·s·√(1/4 + 225/500)
        //     = 4.9992307·√0.7 = 4.1826565, as in fit.rs.
        assert_close(rel.line[0].lo, 1.1 - 4.182_656_5);
        assert_eq!(rel.points.len(), 4);
    }

    #[test]
    fn a_clear_relation_over_enough_days_is_said_plainly() {
        // 14 days, i = 0..13: x = 10·(i mod 7), y = 2 + (i mod 7) + (i even ? +1 : −1).
        // Each x occurs on days i and i + 7, of opposite parity, so the ±1 noise cancels within
        // every x: the slope is exactly 1 per 10 points and the intercept 2.
        // Sxx = 2·(30²+20²+10²+0+10²+20²+30²) = 2·2800 = 5600 (x̄ = 30);
        // SSE = 14·1² = 14, s² = 14/12; se(slope per point) = √((14/12)/5600) = 0.01443376;
        // per 10 points: 0.1443376; t(12) = 2.1788128; half = 0.3144845 → CI [0.6855, 1.3145].
        // Syy = Σ(step−3)² + Σnoise² = 2·28 + 14 = 70; Sxy = 0.1·5600 = 560;
        // r = 560/√(5600·70) = √0.8 = 0.8944272.
        let entries: Vec<_> = days_from("2026-01-01", 14)
            .enumerate()
            .map(|(i, d)| {
                let step = (i % 7) as u8;
                let y = if i % 2 == 0 { 3 + step } else { 1 + step };
                Entry::empty(d).tech(step * 10).sat(y)
            })
            .collect();
        let rel = relation(&sorted(&entries));
        assert_eq!(rel.n, 14);
        assert_close(rel.slope_per_10, 1.0);
        assert_close(rel.intercept, 2.0);
        assert_close(rel.r, 0.8f64.sqrt());
        let [lo, hi] = rel.ci95.expect("ci");
        assert_close(Some(lo), 1.0 - 0.314_484_5);
        assert_close(Some(hi), 1.0 + 0.314_484_5);
        assert_eq!(
            rel.verdict,
            "Days with more hands-on technical work tend to be more satisfying: +1.0 points per \
             +10 points of technical share (95% CI +0.7 to +1.3, n = 14)."
        );
        // The mirror: reverse x and the same days read as less satisfying.
        let mirrored: Vec<_> = entries
            .iter()
            .map(|e| e.clone().tech(60 - e.technical_share.expect("logged")))
            .collect();
        let rel = relation(&sorted(&mirrored));
        assert_close(rel.slope_per_10, -1.0);
        assert!(rel.verdict.starts_with(
            "Days with more hands-on technical work tend to be less satisfying: -1.0 points"
        ));
    }

    #[test]
    fn constant_technical_share_has_no_slope_and_no_nan() {
        let entries: Vec<_> =
            days_from("2026-01-01", 20).map(|d| Entry::empty(d).tech(50).sat(5)).collect();
        let rel = relation(&sorted(&entries));
        assert_eq!(rel.n, 20);
        assert_eq!((rel.slope_per_10, rel.ci95, rel.r), (None, None, None));
        assert_eq!(rel.verdict, "no clear link yet (20 days)", "the share never varied");
        assert!(rel.line.is_empty());
        let json = serde_json::to_string(&rel).expect("serialises");
        assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
        assert!(json.contains("\"slope_per_10\":null"), "{json}");
    }

    #[test]
    fn nothing_logged_nothing_fitted() {
        let rel = relation(&[]);
        assert_eq!(
            (rel.n, rel.slope_per_10, rel.verdict.as_str()),
            (0, None, "14 more logged days until a first trend")
        );
    }
}
