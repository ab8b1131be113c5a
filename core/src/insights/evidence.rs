//! When the numbers may speak: the one rule every verdict obeys — at least 14 observations and
//! a 95% interval that excludes 0 — and the plain sentence each of the three states says: too
//! few days ("11 more logged days until a first trend"), no clear link (enough days, an
//! interval across 0), or the finding. Small samples are flagged, never dressed up.

/// How far the evidence for a claim goes — the three states every chart words differently
/// (PRODUCT §4). The window branches on this, never on the verdict's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Evidence {
    /// Fewer observations than [`MIN_EVIDENCE`].
    TooFew,
    /// Enough observations, but no interval or one that includes 0.
    NoClearLink,
    /// Enough observations and a 95% interval that excludes 0: the verdict states a finding.
    Finding,
}

/// The rule, on its own: how far `n` observations and a 95% interval go.
pub(crate) fn judge(n: usize, ci95: Option<[f64; 2]>) -> Evidence {
    match ci95 {
        _ if n < MIN_EVIDENCE => Evidence::TooFew,
        Some([lo, hi]) if lo > 0.0 || hi < 0.0 => Evidence::Finding,
        _ => Evidence::NoClearLink,
    }
}

/// The fewest observations (days, or pairs of days) a verdict may rest on.
pub const MIN_EVIDENCE: usize = 14;

/// The words of one kind of claim; the numbers are filled in by [`verdict`].
pub(crate) struct Claim<'a> {
    /// Said when the effect is positive, e.g. "Days with more meetings tend to be more satisfying".
    pub up: &'a str,
    /// Said when the effect is negative.
    pub down: &'a str,
    /// What the estimate measures, e.g. "points per extra meeting".
    pub unit: &'a str,
    /// What n counts when it is not days, e.g. " pairs"; usually empty.
    pub n_noun: &'a str,
}

/// What is said while `n` observations are too few: how many more until a first trend. `pairs`
/// counts pairs of consecutive logged days instead of days.
pub(crate) fn too_few(n: usize, pairs: bool) -> String {
    let more = MIN_EVIDENCE.saturating_sub(n).max(1);
    let what = match (pairs, more) {
        (false, 1) => "logged day",
        (false, _) => "logged days",
        (true, 1) => "pair of logged days in a row",
        (true, _) => "pairs of logged days in a row",
    };
    format!("{more} more {what} until a first trend")
}

/// What is said when there are enough observations and the interval spans 0 (or there is none,
/// as when the predictor never varied).
fn no_clear_link(n: usize, pairs: bool) -> String {
    let noun = if pairs { "pairs of days" } else { "days" };
    format!("no clear link yet ({n} {noun})")
}

/// The verdict on an estimate with its 95% interval from `n` observations.
pub(crate) fn verdict(
    claim: &Claim,
    n: usize,
    estimate: Option<f64>,
    ci95: Option<[f64; 2]>,
) -> String {
    match (estimate, ci95) {
        (Some(estimate), Some([lo, hi])) if judge(n, ci95) == Evidence::Finding => {
            let lead = if lo > 0.0 { claim.up } else { claim.down };
            format!(
                "{lead}: {} {} (95% CI {} to {}, n = {n}{}).",
                signed(estimate),
                claim.unit,
                signed(lo),
                signed(hi),
                claim.n_noun
            )
        }
        _ if n < MIN_EVIDENCE => too_few(n, !claim.n_noun.is_empty()),
        _ => no_clear_link(n, !claim.n_noun.is_empty()),
    }
}

/// A number for a sentence, with its sign: one decimal, more only when one decimal would read as
/// zero. The data keep every digit; only the words are rounded.
pub(crate) fn signed(value: f64) -> String {
    let size = value.abs();
    let decimals = if size >= 0.095 {
        1
    } else if size >= 0.0095 {
        2
    } else {
        3
    };
    format!("{value:+.decimals$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEETINGS: Claim = Claim {
        up: "Days with more meetings tend to be more satisfying",
        down: "Days with more meetings tend to be less satisfying",
        unit: "points per extra meeting",
        n_noun: "",
    };

    #[test]
    fn a_clear_effect_is_said_plainly() {
        assert_eq!(
            verdict(&MEETINGS, 40, Some(-0.31), Some([-0.52, -0.1])),
            "Days with more meetings tend to be less satisfying: -0.3 points per extra meeting \
             (95% CI -0.5 to -0.1, n = 40)."
        );
        assert!(verdict(&MEETINGS, 14, Some(0.8), Some([0.3, 1.3])).starts_with(MEETINGS.up));
    }

    #[test]
    fn too_few_says_how_many_more_and_an_interval_across_zero_says_no_clear_link() {
        assert_eq!(
            verdict(&MEETINGS, 13, Some(0.8), Some([0.3, 1.3])),
            "1 more logged day until a first trend"
        );
        assert_eq!(verdict(&MEETINGS, 3, None, None), "11 more logged days until a first trend");
        assert_eq!(
            verdict(&MEETINGS, 40, Some(0.2), Some([-0.1, 0.5])),
            "no clear link yet (40 days)"
        );
        assert_eq!(
            verdict(&MEETINGS, 40, Some(0.2), Some([0.0, 0.5])),
            "no clear link yet (40 days)"
        );
        assert_eq!(verdict(&MEETINGS, 40, None, None), "no clear link yet (40 days)");
        let pairs = Claim { n_noun: " pairs", ..MEETINGS };
        assert_eq!(
            verdict(&pairs, 4, None, None),
            "10 more pairs of logged days in a row until a first trend"
        );
        assert_eq!(
            verdict(&pairs, 20, Some(0.1), Some([-0.2, 0.4])),
            "no clear link yet (20 pairs of days)"
        );
        assert_eq!(judge(13, Some([0.3, 1.3])), Evidence::TooFew);
        assert_eq!(judge(40, Some([-0.1, 0.5])), Evidence::NoClearLink);
        assert_eq!(judge(40, None), Evidence::NoClearLink);
        assert_eq!(judge(14, Some([0.3, 1.3])), Evidence::Finding);
        assert_eq!(judge(14, Some([-1.3, -0.3])), Evidence::Finding);
        assert_eq!(
            serde_json::to_value([Evidence::TooFew, Evidence::NoClearLink, Evidence::Finding])
                .expect("json"),
            serde_json::json!(["too_few", "no_clear_link", "finding"]),
            "the JSON spelling the window branches on"
        );
    }

    #[test]
    fn small_numbers_keep_enough_digits_to_not_read_as_zero() {
        assert_eq!(signed(0.84), "+0.8");
        assert_eq!(signed(-1.26), "-1.3");
        assert_eq!(signed(0.04), "+0.04");
        assert_eq!(signed(-0.004), "-0.004");
    }
}
