//! The daily entry (PRODUCT §1) and the rules every stored entry obeys.
//!
//! "Not logged is never zero": every optional number is an `Option`, stored as NULL and never
//! filled in. Validation names the field and says why, so both the CLI and the import can show it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use crate::field::Field;

/// The largest reflection text accepted, in bytes of UTF-8.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// The most tags one entry may carry.
pub const MAX_TAGS: usize = 32;
/// The longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 32;

/// One day's reflection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Entry {
    /// The local day, `YYYY-MM-DD`.
    #[serde(with = "day")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub satisfaction: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub technical_share: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub leadership_satisfaction: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub technical_satisfaction: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub energy: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub meetings: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub focus_minutes: Option<u16>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub text: String,
}

impl Entry {
    /// An entry for `date` with nothing logged yet.
    pub fn empty(date: NaiveDate) -> Self {
        Entry {
            date,
            satisfaction: None,
            technical_share: None,
            leadership_satisfaction: None,
            technical_satisfaction: None,
            energy: None,
            meetings: None,
            focus_minutes: None,
            tags: Vec::new(),
            text: String::new(),
        }
    }

    /// The value of a numeric field.
    pub fn number(&self, field: Field) -> Option<i64> {
        let value = match field {
            Field::Satisfaction => self.satisfaction.map(u16::from),
            Field::TechnicalShare => self.technical_share.map(u16::from),
            Field::LeadershipSatisfaction => self.leadership_satisfaction.map(u16::from),
            Field::TechnicalSatisfaction => self.technical_satisfaction.map(u16::from),
            Field::Energy => self.energy.map(u16::from),
            Field::Meetings => self.meetings.map(u16::from),
            Field::FocusMinutes => self.focus_minutes,
        };
        value.map(i64::from)
    }

    /// Sets a numeric field after checking its range; `None` means "not logged".
    pub fn set_number(&mut self, field: Field, value: Option<i64>) -> Result<()> {
        let (lo, hi) = field.range();
        if let Some(v) = value
            && !(lo..=hi).contains(&v)
        {
            return Err(Error::invalid(field.name(), format!("{v} is outside {lo}–{hi}")));
        }
        // In range, so the narrowing below cannot fail; `ok()` keeps clippy's unwrap ban.
        let small = value.and_then(|v| u8::try_from(v).ok());
        match field {
            Field::Satisfaction => self.satisfaction = small,
            Field::TechnicalShare => self.technical_share = small,
            Field::LeadershipSatisfaction => self.leadership_satisfaction = small,
            Field::TechnicalSatisfaction => self.technical_satisfaction = small,
            Field::Energy => self.energy = small,
            Field::Meetings => self.meetings = small,
            Field::FocusMinutes => self.focus_minutes = value.and_then(|v| u16::try_from(v).ok()),
        }
        Ok(())
    }

    /// Checks every field; the error names the first field that is wrong and why.
    pub fn validate(&self) -> Result<()> {
        for field in Field::ALL {
            let (lo, hi) = field.range();
            if let Some(v) = self.number(field)
                && !(lo..=hi).contains(&v)
            {
                return Err(Error::invalid(field.name(), format!("{v} is outside {lo}–{hi}")));
            }
        }
        validate_tags(&self.tags)?;
        if self.text.len() > MAX_TEXT_BYTES {
            return Err(Error::invalid(
                "text",
                format!(
                    "is {} bytes; the limit is {} bytes (1 MB)",
                    self.text.len(),
                    MAX_TEXT_BYTES
                ),
            ));
        }
        if self.text.contains('\0') {
            return Err(Error::invalid("text", "contains a NUL character"));
        }
        Ok(())
    }
}

fn validate_tags(tags: &[String]) -> Result<()> {
    if tags.len() > MAX_TAGS {
        return Err(Error::invalid("tags", format!("{} tags; at most {MAX_TAGS}", tags.len())));
    }
    for (i, tag) in tags.iter().enumerate() {
        let chars = tag.chars().count();
        if chars == 0 || chars > MAX_TAG_CHARS {
            return Err(Error::invalid(
                "tags",
                format!("tag {:?} must be 1–{MAX_TAG_CHARS} characters", tag),
            ));
        }
        if !tag.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            return Err(Error::invalid(
                "tags",
                format!("tag {tag:?} may hold only letters, digits, '-' and '_'"),
            ));
        }
        if tags[..i].contains(tag) {
            return Err(Error::invalid("tags", format!("tag {tag:?} appears twice")));
        }
    }
    Ok(())
}

/// Parses a strict `YYYY-MM-DD` calendar date.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let bad = || Error::InvalidInput(format!("{text:?} is not a date of the form YYYY-MM-DD"));
    // Exactly `DDDD-DD-DD`: zero-padded, nothing around it. Read by hand rather than with
    // chrono's format strings, which cost more than the rest of reading an entry.
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|d| d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(bad());
    };
    let year = i32::try_from(year).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(bad)
}

/// An inclusive range of days; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DateRange {
    /// A range, rejected when `from` is after `to`.
    pub fn new(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Self> {
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(Error::InvalidInput(format!("the range starts ({f}) after it ends ({t})")));
        }
        Ok(DateRange { from, to })
    }

    /// A range from typed `YYYY-MM-DD` ends (either may be missing): the one way the window and
    /// the CLI read a range.
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Self> {
        DateRange::new(from.map(parse_date).transpose()?, to.map(parse_date).transpose()?)
    }

    /// Every day.
    pub fn all() -> Self {
        DateRange::default()
    }

    pub(crate) fn bounds(&self) -> (String, String) {
        (
            self.from.map_or_else(|| "0000-01-01".to_owned(), day_text),
            self.to.map_or_else(|| "9999-12-31".to_owned(), day_text),
        )
    }
}

/// The stored text form of a day.
pub fn day_text(date: NaiveDate) -> String {
    DayText(date).to_string()
}

/// A day as `YYYY-MM-DD`, written directly (chrono's `format` parses its format string every
/// time, which showed up in profiles of exporting thousands of entries).
pub struct DayText(pub NaiveDate);

impl std::fmt::Display for DayText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use chrono::Datelike;
        write!(f, "{:04}-{:02}-{:02}", self.0.year(), self.0.month(), self.0.day())
    }
}

/// Serde form of an entry date: strict `YYYY-MM-DD`.
pub(crate) mod day {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&super::DayText(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_date(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        parse_date(s).expect("valid test date")
    }

    #[test]
    fn strict_dates_only() {
        assert!(parse_date("2026-11-27").is_ok());
        assert_eq!(parse_date("2024-02-29").ok().map(day_text).as_deref(), Some("2024-02-29"));
        for bad in [
            "2026-2-03",
            "2026-02-30",
            "26-02-03",
            "2026/02/03",
            "",
            "2026-02-03 ",
            "2026-13-01",
            "2026-00-10",
            "2025-02-29",
            "+026-01-01",
            "2026-1a-01",
            "２０２６-01-01",
        ] {
            assert_eq!(
                parse_date(bad).map_err(|e| e.kind()),
                Err(crate::ErrorKind::InvalidInput),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn day_text_is_chronos_format_for_every_day_of_a_leap_cycle() {
        let mut day = date("2023-01-01");
        while day < date("2028-01-01") {
            let text = day_text(day);
            assert_eq!(text, day.format("%Y-%m-%d").to_string());
            assert_eq!(parse_date(&text).expect("round trip"), day);
            day = day.succ_opt().expect("next day");
        }
    }

    #[test]
    fn each_out_of_range_number_names_its_field() {
        for field in Field::ALL {
            let (lo, hi) = field.range();
            let mut e = Entry::empty(date("2026-01-01"));
            assert!(e.set_number(field, Some(lo)).is_ok());
            assert!(e.set_number(field, Some(hi)).is_ok());
            let err = e.set_number(field, Some(hi + 1)).expect_err("above range");
            assert!(err.to_string().starts_with(field.name()), "{err}");
            assert!(e.set_number(field, Some(lo - 1)).is_err());
            // The failed sets left the last good value in place.
            assert_eq!(e.number(field), Some(hi));
        }
    }

    #[test]
    fn zero_is_a_value_and_none_is_not_logged() {
        let mut e = Entry::empty(date("2026-01-01"));
        e.set_number(Field::Meetings, Some(0)).expect("0 meetings is valid");
        assert_eq!(e.meetings, Some(0));
        assert_eq!(e.technical_share, None);
    }

    #[test]
    fn tags_are_short_words_without_repeats() {
        let mut e = Entry::empty(date("2026-01-01"));
        e.tags = vec!["1on1".into(), "deep-work".into(), "Ärger_2".into()];
        assert!(e.validate().is_ok());
        for bad in [vec!["two words".to_owned()], vec!["a".into(), "a".into()], vec![String::new()]]
        {
            e.tags = bad;
            assert_eq!(e.validate().map_err(|e| e.kind()), Err(crate::ErrorKind::InvalidEntry));
        }
    }

    #[test]
    fn text_limit_is_one_megabyte() {
        let mut e = Entry::empty(date("2026-01-01"));
        e.text = "x".repeat(MAX_TEXT_BYTES);
        assert!(e.validate().is_ok());
        e.text.push('y');
        let err = e.validate().expect_err("over the limit");
        assert!(err.to_string().starts_with("text"), "{err}");
    }

    #[test]
    fn ranges_must_not_run_backwards() {
        assert!(DateRange::new(Some(date("2026-02-01")), Some(date("2026-01-01"))).is_err());
        assert!(DateRange::new(Some(date("2026-01-01")), Some(date("2026-01-01"))).is_ok());
    }
}
