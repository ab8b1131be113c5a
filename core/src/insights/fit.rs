//! Ordinary least squares of one logged variable on another, with the Student-t intervals the
//! charts draw: the slope's 95% CI and the 95% confidence band of the fitted line.
//!
//! A constant `x` has no slope; fewer than three points have no residual spread. Those pieces
//! are `None` rather than NaN, so they reach the JSON as `null`.

use super::stats::{interval, t_975};

/// A fitted line `y = intercept + slope·x` and what is known about its uncertainty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fit {
    pub n: usize,
    pub slope: Option<f64>,
    pub intercept: Option<f64>,
    pub slope_ci95: Option<[f64; 2]>,
    /// Pearson's r; needs spread in both variables.
    pub r: Option<f64>,
    x_mean: f64,
    sxx: f64,
    /// `t(n−2) · s`, the residual standard deviation scaled for 95%; needs n ≥ 3.
    t_s: Option<f64>,
}

impl Fit {
    /// Fits `(x, y)` points. Sums are taken around the means (two passes) so nearly constant
    /// `x` does not lose precision.
    pub(crate) fn of(points: &[(f64, f64)]) -> Fit {
        let n = points.len();
        let undefined = Fit {
            n,
            slope: None,
            intercept: None,
            slope_ci95: None,
            r: None,
            x_mean: 0.0,
            sxx: 0.0,
            t_s: None,
        };
        if n < 2 {
            return undefined;
        }
        let nf = n as f64;
        let x_mean = points.iter().map(|p| p.0).sum::<f64>() / nf;
        let y_mean = points.iter().map(|p| p.1).sum::<f64>() / nf;
        let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
        for &(x, y) in points {
            let (dx, dy) = (x - x_mean, y - y_mean);
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if !(sxx > 0.0 && sxx.is_finite()) {
            return Fit { x_mean, ..undefined };
        }
        let slope = sxy / sxx;
        let intercept = y_mean - slope * x_mean;
        let r = (syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0));
        let t_s = if n >= 3 {
            let sse: f64 = points.iter().map(|&(x, y)| (y - intercept - slope * x).powi(2)).sum();
            let s = (sse / (nf - 2.0)).sqrt();
            t_975(nf - 2.0).map(|t| t * s)
        } else {
            None
        };
        let slope_ci95 = interval(slope, t_s, Some(1.0 / sxx.sqrt()));
        Fit { n, slope: Some(slope), intercept: Some(intercept), slope_ci95, r, x_mean, sxx, t_s }
    }

    /// The fitted mean response at `x`.
    pub(crate) fn predict(&self, x: f64) -> Option<f64> {
        Some(self.intercept? + self.slope? * x)
    }

    /// The 95% confidence band of the mean response at `x`:
    /// `ŷ ± t(n−2) · s · √(1/n + (x − x̄)²/Sxx)`.
    pub(crate) fn band_at(&self, x: f64) -> Option<[f64; 2]> {
        let y = self.predict(x)?;
        let spread = (1.0 / self.n as f64 + (x - self.x_mean).powi(2) / self.sxx).sqrt();
        interval(y, self.t_s, Some(spread))
    }

    /// The same fit with `x` measured in units `per` times larger (e.g. per 10 points, per
    /// 60 minutes): slope and its interval scale, intercept and r do not.
    pub(crate) fn slope_per(&self, per: f64) -> (Option<f64>, Option<[f64; 2]>) {
        (self.slope.map(|b| b * per), self.slope_ci95.map(|[lo, hi]| [lo * per, hi * per]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn a_small_fit_by_hand() {
        // x = 0, 1, 2, 3; y = 1, 3, 2, 5. x̄ = 1.5, ȳ = 11/4 = 2.75.
        // Sxx = 2.25+0.25+0.25+2.25 = 5; Sxy = (−1.5)(−1.75)+(−0.5)(0.25)+(0.5)(−0.75)+(1.5)(2.25)
        //     = 2.625 − 0.125 − 0.375 + 3.375 = 5.5; Syy = 3.0625+0.0625+0.5625+5.0625 = 8.75.
        // slope = 5.5/5 = 1.1; intercept = 2.75 − 1.1·1.5 = 1.1.
        // r = 5.5/√(5·8.75) = 5.5/6.6143783 = 0.8315218.
        // residuals: 1−1.1 = −0.1, 3−2.2 = 0.8, 2−3.3 = −1.3, 5−4.4 = 0.6; SSE = 0.01+0.64+1.69+0.36
        //     = 2.7; s = √(2.7/2) = 1.1618950; se(slope) = s/√5 = 0.5196152.
        // CI = 1.1 ± t(2)·0.5196152 = 1.1 ± 4.3026527·0.5196152 = 1.1 ± 2.2357239.
        let fit = Fit::of(&[(0.0, 1.0), (1.0, 3.0), (2.0, 2.0), (3.0, 5.0)]);
        assert_eq!(fit.n, 4);
        assert!(close(fit.slope.expect("slope"), 1.1));
        assert!(close(fit.intercept.expect("intercept"), 1.1));
        assert!(close(fit.r.expect("r"), 0.831_521_8));
        let [lo, hi] = fit.slope_ci95.expect("ci");
        assert!(close(lo, 1.1 - 2.235_723_9) && close(hi, 1.1 + 2.235_723_9), "{lo} {hi}");
        // Band at x̄ = 1.5: ŷ = 1.1 + 1.65 = 2.75, half = t·s·√(1/4) = 4.3026527·1.1618950·0.5
        //     = 4.9992307·0.5 = 2.4996154. At x = 0: half = t·s·√(1/4 + 2.25/5) = 4.9992307·√0.7
        //     = 4.1826565.
        let [blo, bhi] = fit.band_at(1.5).expect("band");
        assert!(close(blo, 2.75 - 2.499_615_4) && close(bhi, 2.75 + 2.499_615_4));
        let [zlo, _] = fit.band_at(0.0).expect("band");
        assert!(close(zlo, 1.1 - 4.182_656_5), "{zlo}");
    }

    #[test]
    fn constant_x_has_no_slope() {
        let fit = Fit::of(&[(50.0, 3.0), (50.0, 7.0), (50.0, 9.0)]);
        assert_eq!((fit.slope, fit.slope_ci95, fit.r, fit.intercept), (None, None, None, None));
        assert_eq!(fit.band_at(50.0), None);
    }

    #[test]
    fn two_points_have_a_line_but_no_interval() {
        // Through (0, 1) and (10, 6): slope 5/10 = 0.5, but n − 2 = 0 degrees of freedom.
        let fit = Fit::of(&[(0.0, 1.0), (10.0, 6.0)]);
        assert_eq!(fit.slope, Some(0.5));
        assert_eq!(fit.r, Some(1.0));
        assert_eq!((fit.slope_ci95, fit.band_at(5.0)), (None, None));
    }

    #[test]
    fn constant_y_has_a_flat_line_and_no_r() {
        let fit = Fit::of(&[(0.0, 6.0), (10.0, 6.0), (20.0, 6.0)]);
        assert_eq!(fit.slope, Some(0.0));
        assert_eq!(fit.r, None, "r is 0/0 without spread in y");
        assert_eq!(fit.slope_ci95, Some([0.0, 0.0]));
    }

    #[test]
    fn no_points_and_one_point_fit_nothing() {
        assert_eq!(Fit::of(&[]).slope, None);
        assert_eq!(Fit::of(&[(3.0, 4.0)]).slope, None);
    }

    #[test]
    fn slope_per_scales_the_interval_too() {
        let fit = Fit::of(&[(0.0, 1.0), (1.0, 3.0), (2.0, 2.0), (3.0, 5.0)]);
        let (slope, ci) = fit.slope_per(10.0);
        assert!(close(slope.expect("slope"), 11.0));
        assert!(close(ci.expect("ci")[1], 10.0 * (1.1 + 2.235_723_9)));
    }
}
