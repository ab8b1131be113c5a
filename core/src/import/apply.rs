//! Writing a read export into the journal, in one transaction. A preview runs the very same
//! transaction and rolls it back, so what it shows is what the import would do.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction};

use super::merge::{self, TagNotes};
use super::{ImportFormat, ImportReport, Source, SourceEntry, invalid};
use crate::entry::{Entry, MAX_TEXT_BYTES, day_text};
use crate::error::Result;
use crate::journal::{Journal, Saved, entries};

impl Journal {
    /// Imports `source`, or with `dry_run` only says what importing it would do. Refuses,
    /// writing nothing, while a mood is unmapped or a day would break an entry's rules.
    pub fn import(
        &mut self,
        source: &Source,
        dry_run: bool,
        now: DateTime<Utc>,
    ) -> Result<ImportReport> {
        let unmapped = source.unmapped_moods();
        if !dry_run && !unmapped.is_empty() {
            return Err(invalid(format!(
                "{} unknown {} in the file: {}; give {} a satisfaction of 1–10 (in the CLI: --mood-map FILE with lines `label,satisfaction`) — nothing was imported",
                unmapped.len(),
                if unmapped.len() == 1 { "mood" } else { "moods" },
                unmapped.iter().map(|l| format!("{l:?}")).collect::<Vec<_>>().join(", "),
                if unmapped.len() == 1 { "it" } else { "each" },
            )));
        }
        let mut report = self.rehearse(!dry_run, |tx| match source.format {
            ImportFormat::Dualtrack => exchange(tx, source, now),
            _ => merge_in(tx, source, now),
        })?;
        report.written = !dry_run;
        // An exchange file's settings may bring a reminder: its copy beside the journal follows.
        if let (false, Some(settings)) =
            (dry_run, source.exchange.as_ref().and_then(|d| d.settings.as_ref()))
        {
            self.store_reminder(settings)?;
        }
        Ok(report)
    }
}

fn empty_report(source: &Source) -> ImportReport {
    ImportReport {
        format: source.format,
        source_entries: source.source_entries,
        days: 0,
        created: 0,
        merged: 0,
        skipped: source.skipped,
        already_imported: 0,
        media_left_out: source.media_left_out,
        renamed_tags: Vec::new(),
        warnings: source.warnings.clone(),
        first_day: source.entries.iter().map(|e| e.date).min(),
        last_day: source.entries.iter().map(|e| e.date).max(),
        moods: source.moods.clone(),
        written: false,
    }
}

/// Dualtrack's own exchange file: same-date entries are replaced (PRODUCT §8).
fn exchange(tx: &Transaction<'_>, source: &Source, now: DateTime<Utc>) -> Result<ImportReport> {
    let mut report = empty_report(source);
    let Some(doc) = source.exchange.as_ref() else { return Ok(report) };
    report.first_day = doc.entries.iter().map(|e| e.date).min();
    report.last_day = doc.entries.iter().map(|e| e.date).max();
    for entry in &doc.entries {
        match entries::write_entry(tx, entry, now)? {
            Saved::Created => report.created += 1,
            Saved::Updated => report.merged += 1,
            Saved::Unchanged => report.already_imported += 1,
        }
    }
    report.days = report.created + report.merged;
    if let Some(settings) = &doc.settings {
        crate::settings::write(tx, settings)?;
    }
    Ok(report)
}

fn merge_in(tx: &Transaction<'_>, source: &Source, now: DateTime<Utc>) -> Result<ImportReport> {
    let mut report = empty_report(source);
    let mut known = tx.prepare_cached("SELECT 1 FROM imported WHERE source = ?1")?;
    let mut fresh: Vec<&SourceEntry> = Vec::with_capacity(source.entries.len());
    for entry in &source.entries {
        if known.query_row([&entry.identity], |_| Ok(())).optional()?.is_some() {
            report.already_imported += 1;
        } else {
            fresh.push(entry);
        }
    }
    let mut notes = TagNotes::default();
    let heading = format!("## Imported from {}", source.format.title());
    for mut day in merge::days(&fresh, &mut notes) {
        let (entry, existed) = match entries::get_in(tx, day.date)? {
            Some(mut entry) => {
                let mut tags = entry.tags.clone();
                tags.extend(day.tags.drain(..).filter(|t| !entry.tags.contains(t)));
                if let Some(line) = merge::cap_tags(&mut tags, day.date, &mut report.warnings) {
                    day.text = format!("{}\n\n{line}", day.text);
                }
                append(&mut entry.text, &heading, &day.text);
                if entry.satisfaction.is_none() {
                    entry.satisfaction = day.satisfaction;
                }
                entry.tags = tags;
                (entry, true)
            }
            None => {
                let mut entry = Entry::empty(day.date);
                if let Some(line) = merge::cap_tags(&mut day.tags, day.date, &mut report.warnings) {
                    day.text = format!("{}\n\n{line}", day.text);
                }
                entry.text = day.text;
                entry.tags = day.tags;
                entry.satisfaction = day.satisfaction;
                (entry, false)
            }
        };
        if entry.text.len() > MAX_TEXT_BYTES {
            return Err(invalid(format!(
                "{}: the day's text would be {} bytes with the import; an entry holds at most 1 MB — nothing was imported",
                day_text(day.date),
                entry.text.len()
            )));
        }
        entry.validate().map_err(|e| invalid(format!("{}: {e}", day_text(day.date))))?;
        entries::write_entry(tx, &entry, now)?;
        if existed { report.merged += 1 } else { report.created += 1 }
    }
    report.days = report.created + report.merged;
    let mut remember =
        tx.prepare_cached("INSERT INTO imported (source, date, imported_at) VALUES (?1, ?2, ?3)")?;
    let at = entries::instant(now);
    for entry in &fresh {
        remember.execute(rusqlite::params![entry.identity, day_text(entry.date), at])?;
    }
    report.renamed_tags = notes.renamed.into_iter().collect();
    if !notes.dropped.is_empty() {
        report.warnings.push(format!(
            "tags with no letters or digits were left out: {}",
            notes.dropped.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>().join(", ")
        ));
    }
    Ok(report)
}

/// Adds the imported text below an entry's own, under one "Imported from …" heading.
fn append(text: &mut String, heading: &str, imported: &str) {
    let has_heading = text.lines().any(|l| l.trim() == heading);
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    if !has_heading {
        text.push_str(heading);
        text.push_str("\n\n");
    }
    text.push_str(imported);
}
