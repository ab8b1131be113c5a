//! The sweet spot (PRODUCT §4.4): mean satisfaction per band of technical share, with its 95%
//! CI and n, to see which mix of hands-on and leadership work makes the better days.
//!
//! Boundary rule: a band holds its lower bound and not its upper one — 20 belongs to 20–40 —
//! except the last, 80–100, which also holds 100.

use serde::Serialize;

use super::stats::Sample;
use crate::entry::Entry;

/// The width of a band in points of technical share.
const BAND_WIDTH: u8 = 20;
const BANDS: usize = 5;

/// Satisfaction on the days whose technical share lies in `[from, to)` (`[80, 100]` for the last).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Band {
    pub from: u8,
    pub to: u8,
    pub n: usize,
    pub mean: Option<f64>,
    /// `mean ± t(n−1)·s/√n`; `null` below two days.
    pub ci95: Option<[f64; 2]>,
}

pub(super) fn sweet_spot(days: &[&Entry]) -> Vec<Band> {
    let mut samples = [Sample::default(); BANDS];
    for e in days {
        if let (Some(share), Some(satisfaction)) = (e.technical_share, e.satisfaction) {
            samples[band_of(share)].add(f64::from(satisfaction));
        }
    }
    samples
        .iter()
        .zip(0u8..)
        .map(|(s, i)| Band {
            from: i * BAND_WIDTH,
            to: (i + 1) * BAND_WIDTH,
            n: s.n(),
            mean: s.mean(),
            ci95: s.mean_ci95(),
        })
        .collect()
}

/// The band index of a technical share: 0–19 → 0, 20–39 → 1, …, 80–100 → 4.
fn band_of(share: u8) -> usize {
    usize::from(share / BAND_WIDTH).min(BANDS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{Logged, assert_close, on, sorted};

    #[test]
    fn boundaries_go_up_except_at_one_hundred() {
        assert_eq!([0, 19, 20, 39, 40, 79, 80, 99, 100].map(band_of), [0, 0, 1, 1, 2, 3, 4, 4, 4]);
    }

    #[test]
    fn band_means_by_hand() {
        // 0–20: shares 0 and 19 with satisfaction 4 and 6 → mean (4+6)/2 = 5, n = 2;
        //   s² = ((4−5)² + (6−5)²)/1 = 2, CI = 5 ± t(1)·√(2/2) = 5 ± 12.7062047.
        // 20–40: share 20 with 8 → mean 8, n = 1, no CI.
        // 40–60, 60–80: nothing. 80–100: shares 80, 100, 100 with 9, 7, 8 → (9+7+8)/3 = 8.
        // A day with a share but no satisfaction, and one with neither, count nowhere.
        let entries = [
            on("2026-01-01").tech(0).sat(4),
            on("2026-01-02").tech(19).sat(6),
            on("2026-01-03").tech(20).sat(8),
            on("2026-01-04").tech(80).sat(9),
            on("2026-01-05").tech(100).sat(7),
            on("2026-01-06").tech(100).sat(8),
            on("2026-01-07").tech(50),
            on("2026-01-08"),
        ];
        let bands = sweet_spot(&sorted(&entries));
        let shape: Vec<_> = bands.iter().map(|b| (b.from, b.to, b.n)).collect();
        assert_eq!(shape, [(0, 20, 2), (20, 40, 1), (40, 60, 0), (60, 80, 0), (80, 100, 3)]);
        assert_close(bands[0].mean, 5.0);
        let [lo, hi] = bands[0].ci95.expect("two days");
        assert_close(Some(lo), 5.0 - 12.706_204_7);
        assert_close(Some(hi), 5.0 + 12.706_204_7);
        assert_eq!((bands[1].mean, bands[1].ci95), (Some(8.0), None));
        assert_eq!((bands[2].mean, bands[2].ci95), (None, None));
        assert_close(bands[4].mean, 8.0);
    }

    #[test]
    fn no_days_still_lists_every_band() {
        let bands = sweet_spot(&[]);
        assert_eq!(bands.len(), 5);
        assert!(bands.iter().all(|b| b.n == 0 && b.mean.is_none()));
    }
}
