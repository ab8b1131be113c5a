//! Exchange format v1 (PRODUCT §8): the JSON a journal exports and imports back losslessly.
//!
//! Import reads and checks the whole file before writing anything; the first problem is
//! reported with the entry's position, date and field. Writing is one transaction, and
//! re-importing a file replaces same-date entries instead of duplicating them.

use std::collections::HashMap;
use std::io::Write;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::entry::{DateRange, Entry, day_text, parse_date};
use crate::error::{Error, Result};
use crate::field::Field;
use crate::journal::{Journal, Saved};
use crate::settings::Settings;

pub const FORMAT: &str = "dualtrack";
pub const VERSION: u64 = 1;
/// The largest file `import` reads (a 10-year journal with long texts is ~10 MiB).
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u64,
    settings: &'a Settings,
    entries: &'a [Entry],
}

/// Writes settings and entries as an exchange document (pretty-printed, entries by date).
pub fn write(out: &mut dyn Write, settings: &Settings, entries: &[Entry]) -> Result<()> {
    let doc = Document { format: FORMAT, version: VERSION, settings, entries };
    serde_json::to_writer_pretty(&mut *out, &doc)
        .map_err(|e| Error::io("writing the export", std::io::Error::from(e)))?;
    out.write_all(b"\n").map_err(|e| Error::io("writing the export", e))
}

/// A checked exchange document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document1 {
    pub settings: Option<Settings>,
    pub entries: Vec<Entry>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
}

fn invalid(message: String) -> Error {
    Error::InvalidImport(message)
}

/// Parses and checks a whole exchange document; nothing is written.
pub fn parse(text: &str) -> Result<Document1> {
    // Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = strict::parse(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => {
            invalid(format!("the file is ambiguous: {e}; nothing was imported"))
        }
        _ => invalid(format!("the file is not valid JSON: {e}")),
    })?;
    let Value::Object(root) = root else {
        return Err(invalid(
            "the file is not a Dualtrack exchange document (expected a JSON object)".into(),
        ));
    };
    match root.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        other => {
            return Err(invalid(format!(
                "the file is not a Dualtrack exchange document (format is {})",
                other.map_or("missing".to_owned(), |f| format!("{f:?}"))
            )));
        }
    }
    match root.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        Some(v) => {
            return Err(invalid(format!(
                "exchange format version {v} is not supported; this Dualtrack reads version {VERSION}"
            )));
        }
        None => return Err(invalid("the file has no exchange format version".into())),
    }
    if let Some(key) =
        root.keys().find(|k| !["format", "version", "settings", "entries"].contains(&k.as_str()))
    {
        return Err(invalid(format!("unknown top-level key {key:?}")));
    }
    let settings = match root.get("settings") {
        None | Some(Value::Null) => None,
        Some(value) => {
            let settings: Settings = serde_json::from_value(value.clone())
                .map_err(|e| invalid(format!("settings: {e}")))?;
            settings.validate().map_err(|e| invalid(e.to_string()))?;
            Some(settings)
        }
    };
    let Some(Value::Array(items)) = root.get("entries") else {
        return Err(invalid("the file has no \"entries\" list".into()));
    };
    let mut entries = Vec::with_capacity(items.len());
    let mut seen: HashMap<chrono::NaiveDate, usize> = HashMap::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let n = index + 1;
        let entry = parse_entry(n, item)?;
        if let Some(first) = seen.insert(entry.date, n) {
            return Err(invalid(format!(
                "entry {n} ({}) repeats the date of entry {first}; one entry per day",
                day_text(entry.date)
            )));
        }
        entries.push(entry);
    }
    Ok(Document1 { settings, entries })
}

fn parse_entry(n: usize, item: &Value) -> Result<Entry> {
    let Value::Object(fields) = item else {
        return Err(invalid(format!("entry {n} is not a JSON object")));
    };
    let date = match fields.get("date") {
        Some(Value::String(text)) => {
            parse_date(text).map_err(|e| invalid(format!("entry {n}: date: {e}")))?
        }
        Some(other) => {
            return Err(invalid(format!("entry {n}: date: {other} is not a YYYY-MM-DD string")));
        }
        None => return Err(invalid(format!("entry {n}: date is missing"))),
    };
    let at = |field: &str, reason: String| {
        invalid(format!("entry {n} ({}): {field}: {reason}", day_text(date)))
    };
    let mut entry = Entry::empty(date);
    for (key, value) in fields {
        match key.as_str() {
            "date" => {}
            "tags" => entry.tags = parse_tags(value).map_err(|r| at("tags", r))?,
            "text" => {
                entry.text = match value {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    other => return Err(at("text", format!("{} is not a string", kind_of(other)))),
                }
            }
            name if let Ok(field) = Field::parse(name) => {
                let number = match value {
                    Value::Null => None,
                    Value::Number(num) => Some(
                        whole(num)
                            .ok_or_else(|| at(name, format!("{num} is not a whole number")))?,
                    ),
                    other => return Err(at(name, format!("{} is not a number", kind_of(other)))),
                };
                entry.set_number(field, number).map_err(|e| at(name, reason_of(e)))?;
            }
            other => return Err(at(other, "is not a field of an entry".into())),
        }
    }
    entry.validate().map_err(|e| match e {
        Error::InvalidEntry { field, reason } => at(&field, reason),
        other => other,
    })?;
    Ok(entry)
}

/// A JSON number as a whole number: `7`, `7.0` and `-0` (which JSON parsers read as -0.0) are
/// whole; `7.5` is not.
fn whole(num: &serde_json::Number) -> Option<i64> {
    if let Some(n) = num.as_i64() {
        return Some(n);
    }
    let f = num.as_f64()?;
    // Beyond ±2^53 a float no longer holds every whole number, and no field goes near it.
    (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
}

fn parse_tags(value: &Value) -> std::result::Result<Vec<String>, String> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|t| t.as_str().map(str::to_owned).ok_or_else(|| format!("{t} is not a string")))
            .collect(),
        other => Err(format!("{} is not a list of words", kind_of(other))),
    }
}

fn reason_of(err: Error) -> String {
    match err {
        Error::InvalidEntry { reason, .. } => reason,
        other => other.to_string(),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

mod strict;

impl Journal {
    /// Writes the entries in `range` (and all settings) as an exchange document.
    pub fn export_json(&self, range: DateRange, out: &mut dyn Write) -> Result<usize> {
        let entries = self.list(range)?;
        write(out, &self.settings()?, &entries)?;
        Ok(entries.len())
    }

    /// Imports an exchange document: checks all of it, then writes it in one transaction.
    /// Entries on dates already in the journal are replaced; settings in the file replace the
    /// journal's settings.
    pub fn import_json(&mut self, text: &str, now: DateTime<Utc>) -> Result<ImportSummary> {
        let doc = parse(text)?;
        let outcomes = self.save_all(&doc.entries, doc.settings.as_ref(), now)?;
        let mut summary = ImportSummary::default();
        for saved in outcomes {
            match saved {
                Saved::Created => summary.added += 1,
                Saved::Updated => summary.replaced += 1,
                Saved::Unchanged => summary.unchanged += 1,
            }
        }
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::tests::new_journal;
    use crate::tests::now;
    use proptest::prelude::*;

    fn doc(entries: &str) -> String {
        format!(r#"{{"format": "dualtrack", "version": 1, "entries": [{entries}]}}"#)
    }

    fn error_of(text: &str) -> String {
        parse(text).expect_err("must be rejected").to_string()
    }

    #[test]
    fn malformed_files_get_a_message_naming_the_entry_and_field() {
        assert!(error_of("{not json").starts_with("the file is not valid JSON"));
        assert!(
            error_of(r#"{"format": "jrnl", "version": 1, "entries": []}"#)
                .contains("not a Dualtrack")
        );
        assert!(
            error_of(r#"{"format": "dualtrack", "version": 2, "entries": []}"#)
                .contains("version 2 is not supported")
        );
        assert_eq!(
            error_of(&doc(r#"{"date": "2026-01-01"}, {"date": "2026-01-02", "satisfaction": 11}"#)),
            "entry 2 (2026-01-02): satisfaction: 11 is outside 1–10"
        );
        assert_eq!(
            error_of(&doc(r#"{"date": "2026-01-01", "energy": 2.5}"#)),
            "entry 1 (2026-01-01): energy: 2.5 is not a whole number"
        );
        assert_eq!(
            error_of(&doc(r#"{"date": "2026-01-01"}, {"date": "2026-01-01"}"#)),
            "entry 2 (2026-01-01) repeats the date of entry 1; one entry per day"
        );
        assert_eq!(
            error_of(&doc(r#"{"date": "2026-01-01", "satisfation": 5}"#)),
            "entry 1 (2026-01-01): satisfation: is not a field of an entry"
        );
        assert!(error_of(&doc(r#"{"date": "2026-02-30"}"#)).starts_with("entry 1: date:"));
        assert!(error_of(&doc(r#"{"satisfaction": 3}"#)).contains("date is missing"));
    }

    #[test]
    fn a_bad_file_writes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        let text = doc(
            r#"{"date": "2026-01-01", "text": "fine"}, {"date": "2026-01-02", "meetings": 51}"#,
        );
        assert_eq!(
            j.import_json(&text, now()).err().map(|e| e.kind()),
            Some(crate::ErrorKind::InvalidImport)
        );
        assert_eq!(j.count().expect("count"), 0);
    }

    #[test]
    fn reimport_replaces_instead_of_duplicating() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        let text = doc(r#"{"date": "2026-01-01", "text": "one"}, {"date": "2026-01-02"}"#);
        let first = j.import_json(&text, now()).expect("import");
        assert_eq!(first, ImportSummary { added: 2, replaced: 0, unchanged: 0 });
        let again = j.import_json(&text, now()).expect("import again");
        assert_eq!(again, ImportSummary { added: 0, replaced: 0, unchanged: 2 });
        let changed = doc(r#"{"date": "2026-01-01", "text": "uno"}"#);
        assert_eq!(j.import_json(&changed, now()).expect("import").replaced, 1);
        assert_eq!(j.count().expect("count"), 2);
    }

    fn arb_entry() -> impl Strategy<Value = Entry> {
        let opt = |lo: u8, hi: u8| proptest::option::of(lo..=hi);
        (
            0u32..20_000,
            (opt(1, 10), opt(0, 100), opt(1, 10), opt(1, 10), opt(1, 5), opt(0, 50)),
            proptest::option::of(0u16..=1440),
            proptest::collection::btree_set("[a-z0-9][a-z0-9_-]{0,8}", 0..4),
            "\\PC{0,200}",
        )
            .prop_map(|(day, (s, t, ls, ts, e, m), f, tags, text)| Entry {
                date: chrono::NaiveDate::from_num_days_from_ce_opt(730_000 + day as i32)
                    .unwrap_or_default(),
                satisfaction: s,
                technical_share: t,
                leadership_satisfaction: ls,
                technical_satisfaction: ts,
                energy: e,
                meetings: m,
                focus_minutes: f,
                tags: tags.into_iter().collect(),
                text: text.replace('\0', ""),
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn documents_round_trip_exactly(entries in proptest::collection::vec(arb_entry(), 0..12)) {
            let mut unique: Vec<Entry> = Vec::new();
            for e in entries {
                if !unique.iter().any(|u| u.date == e.date) { unique.push(e); }
            }
            unique.sort_by_key(|e| e.date);
            let settings = Settings::default();
            let mut out = Vec::new();
            write(&mut out, &settings, &unique).expect("write");
            let text = String::from_utf8(out).expect("utf-8");
            let back = parse(&text).expect("parse");
            prop_assert_eq!(back.entries, unique);
            prop_assert_eq!(back.settings, Some(settings));
        }
    }
}
