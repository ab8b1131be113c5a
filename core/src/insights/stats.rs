//! The few statistics every insight rests on — means, spreads, Student-t intervals and Welch's
//! comparison of two means — in one place, so every chart reports its uncertainty the same way.
//!
//! Anything a sample is too small or too uniform to estimate is `None`, never NaN or infinity.

use statrs::distribution::{Continuous, ContinuousCDF, Normal, StudentsT};

/// Above this many degrees of freedom the t quantile comes from its expansion around the normal
/// one: statrs's inverse stops converging there (and hangs near 10⁸), while the expansion's
/// error has shrunk below 10⁻¹⁵.
const LARGE_DF: f64 = 1e5;

/// The 0.975 quantile of Student's t with `df` degrees of freedom: the half-width factor of a
/// two-sided 95% interval. `df` may be fractional (Welch).
pub(crate) fn t_975(df: f64) -> Option<f64> {
    if !(df.is_finite() && df > 0.0) {
        return None;
    }
    if df > LARGE_DF {
        // t = z + (z³ + z)/(4ν) + (5z⁵ + 16z³ + 3z)/(96ν²) + O(ν⁻³) (Abramowitz & Stegun 26.7.5).
        let z = Normal::standard().inverse_cdf(0.975);
        let (z3, z5) = (z.powi(3), z.powi(5));
        return Some(
            z + (z3 + z) / (4.0 * df) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * df * df),
        );
    }
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let mut t = dist.inverse_cdf(0.975);
    // statrs's inverse loses digits as df grows (about 10⁻⁵ at df = 10⁵) while its cdf keeps
    // them, so two Newton steps on the cdf restore the quantile.
    for _ in 0..2 {
        let step = (dist.cdf(t) - 0.975) / dist.pdf(t);
        if step.is_finite() {
            t -= step;
        }
    }
    t.is_finite().then_some(t)
}

/// `centre ± t·se` as `[lo, hi]`, or `None` when any part is undefined.
pub(crate) fn interval(centre: f64, t: Option<f64>, se: Option<f64>) -> Option<[f64; 2]> {
    let half = t? * se?;
    let ci = [centre - half, centre + half];
    ci.iter().all(|v| v.is_finite()).then_some(ci)
}

/// The logged values of one variable, kept as running sums.
///
/// Every field of an entry is a small integer, so the sums are exact in `f64` and the variance
/// formula below loses nothing to cancellation.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Sample {
    n: usize,
    sum: f64,
    sum_sq: f64,
}

impl Sample {
    pub(crate) fn of(values: impl IntoIterator<Item = f64>) -> Self {
        let mut sample = Sample::default();
        for v in values {
            sample.add(v);
        }
        sample
    }

    pub(crate) fn add(&mut self, value: f64) {
        self.n += 1;
        self.sum += value;
        self.sum_sq += value * value;
    }

    pub(crate) fn n(&self) -> usize {
        self.n
    }

    pub(crate) fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    /// The unbiased sample variance, `(n·Σx² − (Σx)²) / (n·(n−1))`; needs two values.
    pub(crate) fn variance(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        Some(((n * self.sum_sq - self.sum * self.sum) / (n * (n - 1.0))).max(0.0))
    }

    /// The values of `self` that are not in `part` (a subset of them).
    pub(crate) fn without(&self, part: &Sample) -> Sample {
        Sample {
            n: self.n.saturating_sub(part.n),
            sum: self.sum - part.sum,
            sum_sq: self.sum_sq - part.sum_sq,
        }
    }

    /// The 95% interval of the mean: `mean ± t(n−1) · s/√n`; needs two values.
    pub(crate) fn mean_ci95(&self) -> Option<[f64; 2]> {
        let mean = self.mean()?;
        let se = (self.variance()? / self.n as f64).sqrt();
        interval(mean, t_975(self.n as f64 - 1.0), Some(se))
    }
}

/// The difference of two means, `a − b`, and its 95% interval by Welch's t.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Welch {
    pub diff: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: Option<f64>,
}

/// Welch's comparison of two means (no assumption of equal spreads).
///
/// `se² = va/na + vb/nb`, `df = se⁴ / ((va/na)²/(na−1) + (vb/nb)²/(nb−1))`. The interval needs two
/// values in each group and some spread: with no spread at all `df` is 0/0 and there is nothing
/// honest to say about uncertainty, so the interval is `None`.
pub(crate) fn welch(a: &Sample, b: &Sample) -> Welch {
    let diff = a.mean().zip(b.mean()).map(|(ma, mb)| ma - mb);
    let (Some(diff), Some(va), Some(vb)) = (diff, a.variance(), b.variance()) else {
        return Welch { diff, ci95: None, df: None };
    };
    let (wa, wb) = (va / a.n as f64, vb / b.n as f64);
    let se_sq = wa + wb;
    if se_sq <= 0.0 {
        return Welch { diff: Some(diff), ci95: None, df: None };
    }
    let df = se_sq * se_sq / (wa * wa / (a.n as f64 - 1.0) + wb * wb / (b.n as f64 - 1.0));
    let df = df.is_finite().then_some(df);
    let ci95 = interval(diff, df.and_then(t_975), Some(se_sq.sqrt()));
    Welch { diff: Some(diff), ci95, df }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn t_quantiles_match_the_printed_table() {
        // Two-sided 95% critical values from any t table: df 1 → 12.706, 2 → 4.303,
        // 10 → 2.228, 30 → 2.042; many df tend to the normal 1.960.
        for (df, table) in [(1.0, 12.706_204_7), (2.0, 4.302_652_7), (10.0, 2.228_138_9)] {
            let t = t_975(df).expect("defined");
            assert!(close(t, table), "df {df}: {t} vs {table}");
        }
        assert!(close(t_975(30.0).expect("defined"), 2.042_272_5));
        // Large df approach the normal 1.959964: df 10⁵ → 1.9599877, 10⁶ → 1.9599664 (z plus
        // (z³+z)/(4ν)), and the switch to the expansion at 10⁵ leaves no step.
        assert!(close(t_975(1e5).expect("defined"), 1.959_987_7));
        assert!(close(t_975(1e6).expect("defined"), 1.959_966_4));
        let step =
            t_975(LARGE_DF).expect("below") - t_975(LARGE_DF * (1.0 + 1e-12)).expect("above");
        assert!(step.abs() < 1e-9, "{step}");
        assert!(close(t_975(1e9).expect("defined"), 1.959_964_0));
        assert_eq!(t_975(0.0), None, "no degrees of freedom, no interval");
        assert_eq!(t_975(f64::NAN), None);
    }

    #[test]
    fn mean_and_variance_by_hand() {
        // mean = (7+5+9)/3 = 7; variance = ((7−7)² + (5−7)² + (9−7)²)/(3−1) = 8/2 = 4
        let s = Sample::of([7.0, 5.0, 9.0]);
        assert_eq!(s.n(), 3);
        assert_eq!(s.mean(), Some(7.0));
        assert_eq!(s.variance(), Some(4.0));
        // 95% CI = 7 ± t(2)·√(4/3) = 7 ± 4.3026527·1.1547005 = 7 ± 4.9682754
        //        → [2.0317246, 11.9682754]
        let [lo, hi] = s.mean_ci95().expect("two or more values");
        assert!(close(lo, 2.031_724_6), "{lo}");
        assert!(close(hi, 11.968_275_4), "{hi}");
    }

    #[test]
    fn one_value_has_a_mean_but_no_spread_and_none_has_neither() {
        let one = Sample::of([6.0]);
        assert_eq!((one.mean(), one.variance(), one.mean_ci95()), (Some(6.0), None, None));
        let none = Sample::default();
        assert_eq!((none.mean(), none.variance()), (None, None));
    }

    #[test]
    fn a_constant_sample_has_a_zero_width_interval() {
        // s = 0, so mean ± t·0/√n is the mean itself; the n beside it says how little that is.
        assert_eq!(Sample::of([5.0, 5.0, 5.0]).mean_ci95(), Some([5.0, 5.0]));
    }

    #[test]
    fn without_removes_a_subset() {
        let all = Sample::of([1.0, 2.0, 3.0, 4.0]);
        let part = Sample::of([2.0, 4.0]);
        assert_eq!(all.without(&part), Sample::of([1.0, 3.0]));
    }

    #[test]
    fn welch_with_equal_spreads_has_the_textbook_df() {
        // a = {6, 8}: mean 7, variance ((−1)²+1²)/1 = 2; b = {3, 5}: mean 4, variance 2.
        // diff = 7 − 4 = 3; se² = 2/2 + 2/2 = 2; df = 2² / ((1²)/1 + (1²)/1) = 4/2 = 2;
        // CI = 3 ± t(2)·√2 = 3 ± 4.3026527·1.4142136 = 3 ± 6.0848698 → [−3.0848698, 9.0848698]
        let w = welch(&Sample::of([6.0, 8.0]), &Sample::of([3.0, 5.0]));
        assert_eq!(w.diff, Some(3.0));
        assert!(close(w.df.expect("df"), 2.0));
        let [lo, hi] = w.ci95.expect("interval");
        assert!(close(lo, -3.084_869_8), "{lo}");
        assert!(close(hi, 9.084_869_8), "{hi}");
    }

    #[test]
    fn welch_with_unequal_spreads_uses_satterthwaite() {
        // a = {7, 8, 9}: mean 8, variance 1 → va/na = 1/3; b = {4, 6}: mean 5, variance 2 →
        // vb/nb = 1. se² = 4/3; df = (4/3)² / ((1/3)²/2 + 1²/1) = (16/9)/(19/18) = 32/19 ≈ 1.68421
        let w = welch(&Sample::of([7.0, 8.0, 9.0]), &Sample::of([4.0, 6.0]));
        assert_eq!(w.diff, Some(3.0));
        let df = w.df.expect("df");
        assert!(close(df, 32.0 / 19.0), "{df}");
        // Between the df = 1 and df = 2 table values, so the interval is wider than with df = 2.
        let half = w.ci95.expect("interval")[1] - 3.0;
        let t = half / (4.0f64 / 3.0).sqrt();
        assert!(t > 4.302_652_7 && t < 12.706_204_7, "{t}");
    }

    #[test]
    fn welch_needs_two_values_each_and_some_spread() {
        let one = welch(&Sample::of([8.0]), &Sample::of([4.0, 6.0]));
        assert_eq!((one.diff, one.ci95), (Some(3.0), None));
        let flat = welch(&Sample::of([8.0, 8.0]), &Sample::of([5.0, 5.0]));
        assert_eq!((flat.diff, flat.ci95, flat.df), (Some(3.0), None, None));
        let empty = welch(&Sample::default(), &Sample::of([5.0, 6.0]));
        assert_eq!((empty.diff, empty.ci95), (None, None));
    }
}
