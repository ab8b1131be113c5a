//! Weekday means (PRODUCT §4.6): is Monday really worse? All seven days are listed, Monday = 1
//! (ISO), with n so a weekday seen twice is not mistaken for a pattern.

use chrono::Datelike;
use serde::Serialize;

use super::stats::Sample;
use crate::entry::Entry;

/// Satisfaction on one day of the week.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct WeekdayMean {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub n: usize,
    pub mean: Option<f64>,
    pub ci95: Option<[f64; 2]>,
}

pub(super) fn weekday_means(days: &[&Entry]) -> Vec<WeekdayMean> {
    let mut samples = [Sample::default(); 7];
    for e in days {
        if let Some(s) = e.satisfaction {
            samples[e.date.weekday().num_days_from_monday() as usize].add(f64::from(s));
        }
    }
    samples
        .iter()
        .zip(1u8..)
        .map(|(s, weekday)| WeekdayMean { weekday, n: s.n(), mean: s.mean(), ci95: s.mean_ci95() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{Logged, assert_close, on, sorted};

    #[test]
    fn weekday_means_by_hand() {
        // 2026-03-02 and 2026-03-09 are Mondays (3 and 5 → (3+5)/2 = 4); 2026-03-08 is a
        // Sunday (9); Tuesday 2026-03-03 has an entry without satisfaction and stays empty.
        let entries = [
            on("2026-03-02").sat(3),
            on("2026-03-03").tech(30),
            on("2026-03-08").sat(9),
            on("2026-03-09").sat(5),
        ];
        let means = weekday_means(&sorted(&entries));
        assert_eq!(means.iter().map(|m| m.weekday).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(means[0].n, 2);
        assert_close(means[0].mean, 4.0);
        assert_eq!((means[1].n, means[1].mean), (0, None));
        assert_eq!((means[6].n, means[6].mean), (1, Some(9.0)));
    }

    #[test]
    fn no_days_lists_seven_empty_weekdays() {
        let means = weekday_means(&[]);
        assert_eq!(means.len(), 7);
        assert!(means.iter().all(|m| m.n == 0 && m.mean.is_none()));
    }
}
