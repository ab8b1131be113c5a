//! Small fixtures for the insights tests: an entry is a date plus the few fields a test logs.

use chrono::NaiveDate;

use super::InsightsRange;
use crate::entry::Entry;

pub(crate) use crate::tests::day;

/// An entry on `date` with nothing logged.
pub(crate) fn on(date: &str) -> Entry {
    Entry::empty(day(date))
}

/// Builder-style setters, so a fixture reads like the day it describes.
pub(crate) trait Logged {
    fn sat(self, value: u8) -> Self;
    fn tech(self, value: u8) -> Self;
    fn energy(self, value: u8) -> Self;
    fn meetings(self, value: u8) -> Self;
    fn focus(self, minutes: u16) -> Self;
    fn tags(self, tags: &[&str]) -> Self;
}

impl Logged for Entry {
    fn sat(mut self, value: u8) -> Self {
        self.satisfaction = Some(value);
        self
    }
    fn tech(mut self, value: u8) -> Self {
        self.technical_share = Some(value);
        self
    }
    fn energy(mut self, value: u8) -> Self {
        self.energy = Some(value);
        self
    }
    fn meetings(mut self, value: u8) -> Self {
        self.meetings = Some(value);
        self
    }
    fn focus(mut self, minutes: u16) -> Self {
        self.focus_minutes = Some(minutes);
        self
    }
    fn tags(mut self, tags: &[&str]) -> Self {
        self.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        self
    }
}

pub(crate) fn range(from: &str, to: &str) -> InsightsRange {
    InsightsRange::new(day(from), day(to)).expect("a forward range")
}

/// The entries in date order, as `compute` hands them to each insight.
pub(crate) fn sorted(entries: &[Entry]) -> Vec<&Entry> {
    super::days_in(entries, |_| true)
}

/// Equal up to floating-point noise; the expected values are worked out by hand.
#[track_caller]
pub(crate) fn assert_close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value, not null");
    assert!((actual - expected).abs() < 1e-6, "{actual} is not {expected}");
}

/// Days `start`, `start + 1`, … as dates.
pub(crate) fn days_from(start: &str, count: i64) -> impl Iterator<Item = NaiveDate> {
    let start = day(start);
    (0..count).map(move |i| start + chrono::Duration::days(i))
}
