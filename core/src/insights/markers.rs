//! Markers for the charts over time (PRODUCT §4.1): the role start, phase changes and the trial
//! review date, so a change in the lines can be read against what changed in the role.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::InsightsRange;
use crate::settings::Settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum MarkerKind {
    RoleStart,
    Phase,
    TrialReview,
}

/// A dated event in the role, inside the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Marker {
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub kind: MarkerKind,
    /// What to print beside the marker: "role start", the phase's name, "trial review".
    pub label: String,
}

/// The last day of the trial, when the review is due: `role_start + trial_days − 1`.
pub(crate) fn review_date(settings: &Settings) -> Option<NaiveDate> {
    let days = i64::from(settings.trial_days.filter(|&d| d > 0)?);
    settings.role_start?.checked_add_signed(Duration::days(days - 1))
}

/// The markers that fall inside `range`, in date order.
pub(super) fn markers(settings: &Settings, range: InsightsRange) -> Vec<Marker> {
    let mut markers: Vec<Marker> = settings
        .role_start
        .map(|date| Marker { date, kind: MarkerKind::RoleStart, label: "role start".into() })
        .into_iter()
        .chain(settings.phases.iter().map(|p| Marker {
            date: p.start,
            kind: MarkerKind::Phase,
            label: p.name.clone(),
        }))
        .chain(review_date(settings).map(|date| Marker {
            date,
            kind: MarkerKind::TrialReview,
            label: "trial review".into(),
        }))
        .filter(|m| range.contains(m.date))
        .collect();
    markers.sort_by_key(|m| m.date);
    markers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{day, range};
    use crate::settings::Phase;

    #[test]
    fn markers_inside_the_range_in_date_order() {
        // Role start Mar 1 2024, 90 days: Mar 1 + 89 days = May 29 (Mar 31 + Apr 30 + 28 more).
        let settings = Settings {
            role_start: Some(day("2024-03-01")),
            trial_days: Some(90),
            phases: vec![
                Phase { name: "manager".into(), start: day("2024-03-01") },
                Phase { name: "IC".into(), start: day("2022-01-01") },
            ],
            ..Settings::default()
        };
        assert_eq!(review_date(&settings), Some(day("2024-05-29")));
        let found = markers(&settings, range("2024-01-01", "2024-12-31"));
        let kinds: Vec<_> = found.iter().map(|m| (m.date, m.kind, m.label.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (day("2024-03-01"), MarkerKind::RoleStart, "role start"),
                (day("2024-03-01"), MarkerKind::Phase, "manager"),
                (day("2024-05-29"), MarkerKind::TrialReview, "trial review"),
            ]
        );
        let json = serde_json::to_string(&found[2]).expect("serialises");
        assert_eq!(json, r#"{"date":"2024-05-29","kind":"trial_review","label":"trial review"}"#);
    }

    #[test]
    fn no_settings_no_markers() {
        assert!(markers(&Settings::default(), range("2024-01-01", "2024-12-31")).is_empty());
    }
}
