//! Reading and writing entries: one row per day, tags indexed beside it, every write in one
//! transaction that either commits whole or changes nothing.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, named_params};

use super::Journal;
use crate::entry::{DateRange, Entry, day_text, parse_date};
use crate::error::{Error, Result};

/// Whether a save made a new entry or replaced one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Saved {
    Created,
    Updated,
    Unchanged,
}

pub(crate) const ENTRY_COLUMNS: &str = "e.date, e.satisfaction, e.technical_share, \
     e.leadership_satisfaction, e.technical_satisfaction, e.energy, e.meetings, \
     e.focus_minutes, e.tags, e.text";

/// Builds an entry from a row selected with `ENTRY_COLUMNS`.
pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
    let date: String = row.get(0)?;
    let date = parse_date(&date).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let tags: String = row.get(8)?;
    Ok(Entry {
        date,
        satisfaction: row.get(1)?,
        technical_share: row.get(2)?,
        leadership_satisfaction: row.get(3)?,
        technical_satisfaction: row.get(4)?,
        energy: row.get(5)?,
        meetings: row.get(6)?,
        focus_minutes: row.get(7)?,
        tags: tags.split(' ').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
        text: row.get(9)?,
    })
}

pub(crate) fn instant(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Journal {
    /// Creates or replaces the entry for its date. Returns only after the commit is durable.
    pub fn save(&mut self, entry: &Entry, now: DateTime<Utc>) -> Result<Saved> {
        entry.validate()?;
        let tx = self.conn.transaction()?;
        let saved = write_entry(&tx, entry, now)?;
        tx.commit()?;
        Ok(saved)
    }

    /// Creates the entry; refuses when its date already has one.
    pub fn insert(&mut self, entry: &Entry, now: DateTime<Utc>) -> Result<()> {
        entry.validate()?;
        let tx = self.conn.transaction()?;
        if entry_id(&tx, entry.date)?.is_some() {
            return Err(Error::EntryExists(day_text(entry.date)));
        }
        write_entry(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Whether `date` has a saved entry (the reminder is not sent then).
    pub fn has_entry(&self, date: NaiveDate) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM entries WHERE date = ?1")?
            .query_row([day_text(date)], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Whether any day before `date` has an entry.
    pub fn has_entry_before(&self, date: NaiveDate) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM entries WHERE date < ?1 LIMIT 1")?
            .query_row([day_text(date)], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The entry for `date`.
    pub fn get(&self, date: NaiveDate) -> Result<Entry> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.date = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([day_text(date)], from_row)
            .optional()?
            .ok_or_else(|| Error::EntryNotFound(day_text(date)))
    }

    /// Deletes the entry for `date`.
    pub fn delete(&mut self, date: NaiveDate) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached("DELETE FROM entries WHERE date = ?1")?
            .execute([day_text(date)])?;
        if changed == 0 {
            return Err(Error::EntryNotFound(day_text(date)));
        }
        Ok(())
    }

    /// Entries in the range, oldest first.
    pub fn list(&self, range: DateRange) -> Result<Vec<Entry>> {
        let (from, to) = range.bounds();
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.date BETWEEN :from AND :to ORDER BY e.date"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(named_params! {":from": from, ":to": to}, from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Entries in the range without their text (oldest first): what the statistics need, read
    /// from the covering index `entries_numbers` without touching the text pages.
    pub fn list_numbers(&self, range: DateRange) -> Result<Vec<Entry>> {
        let (from, to) = range.bounds();
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.date, e.satisfaction, e.technical_share, e.leadership_satisfaction,
                    e.technical_satisfaction, e.energy, e.meetings, e.focus_minutes, e.tags, ''
             FROM entries e INDEXED BY entries_numbers
             WHERE e.date BETWEEN :from AND :to ORDER BY e.date",
        )?;
        let rows = stmt.query_map(named_params! {":from": from, ":to": to}, from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// How many entries the journal holds.
    pub fn count(&self) -> Result<u64> {
        crate::db::count_entries(&self.conn)
    }

    /// Entries on the same day of the year as `date` in earlier years, newest first.
    pub fn on_this_day(&self, date: NaiveDate) -> Result<Vec<Entry>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e
             WHERE substr(e.date, 6) = substr(?1, 6) AND e.date < ?1 ORDER BY e.date DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([day_text(date)], from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Writes many entries in one transaction (import): all or nothing.
    pub(crate) fn save_all(
        &mut self,
        entries: &[Entry],
        settings: Option<&crate::settings::Settings>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Saved>> {
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(entries.len());
        for entry in entries {
            outcomes.push(write_entry(&tx, entry, now)?);
        }
        if let Some(settings) = settings {
            crate::settings::write(&tx, settings)?;
        }
        tx.commit()?;
        Ok(outcomes)
    }
}

/// The one way an entry is written (save, insert, import): the row, its tags, and the end of
/// that day's draft, which the entry now supersedes.
pub(crate) fn write_entry(
    tx: &Transaction<'_>,
    entry: &Entry,
    now: DateTime<Utc>,
) -> Result<Saved> {
    let saved = upsert(tx, entry, now)?;
    drop_draft(tx, entry.date)?;
    Ok(saved)
}

/// The entry for `date` inside a transaction, if there is one.
pub(crate) fn get_in(tx: &Transaction<'_>, date: NaiveDate) -> Result<Option<Entry>> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.date = ?1");
    Ok(tx.prepare_cached(&sql)?.query_row([day_text(date)], from_row).optional()?)
}

fn drop_draft(tx: &Transaction<'_>, date: NaiveDate) -> Result<()> {
    tx.prepare_cached("DELETE FROM drafts WHERE date = ?1")?.execute([day_text(date)])?;
    Ok(())
}

fn entry_id(tx: &Transaction<'_>, date: NaiveDate) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT id FROM entries WHERE date = ?1")?
        .query_row([day_text(date)], |r| r.get(0))
        .optional()?)
}

fn upsert(tx: &Transaction<'_>, entry: &Entry, now: DateTime<Utc>) -> Result<Saved> {
    let existing = {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.date = ?1");
        tx.prepare_cached(&sql)?.query_row([day_text(entry.date)], from_row).optional()?
    };
    if existing.as_ref() == Some(entry) {
        return Ok(Saved::Unchanged);
    }
    let now = instant(now);
    let id: i64 = tx
        .prepare_cached(
            "INSERT INTO entries (date, satisfaction, technical_share, leadership_satisfaction,
                 technical_satisfaction, energy, meetings, focus_minutes, tags, text,
                 created_at, updated_at)
             VALUES (:date, :satisfaction, :technical_share, :leadership_satisfaction,
                 :technical_satisfaction, :energy, :meetings, :focus_minutes, :tags, :text,
                 :now, :now)
             ON CONFLICT(date) DO UPDATE SET
                 satisfaction = excluded.satisfaction,
                 technical_share = excluded.technical_share,
                 leadership_satisfaction = excluded.leadership_satisfaction,
                 technical_satisfaction = excluded.technical_satisfaction,
                 energy = excluded.energy,
                 meetings = excluded.meetings,
                 focus_minutes = excluded.focus_minutes,
                 tags = excluded.tags,
                 text = excluded.text,
                 updated_at = excluded.updated_at
             RETURNING id",
        )?
        .query_row(
            named_params! {
                ":date": day_text(entry.date),
                ":satisfaction": entry.satisfaction,
                ":technical_share": entry.technical_share,
                ":leadership_satisfaction": entry.leadership_satisfaction,
                ":technical_satisfaction": entry.technical_satisfaction,
                ":energy": entry.energy,
                ":meetings": entry.meetings,
                ":focus_minutes": entry.focus_minutes,
                ":tags": entry.tags.join(" "),
                ":text": entry.text,
                ":now": now,
            },
            |r| r.get(0),
        )?;
    tx.prepare_cached("DELETE FROM entry_tags WHERE entry_id = ?1")?.execute([id])?;
    let mut add_tag =
        tx.prepare_cached("INSERT INTO entry_tags (entry_id, tag) VALUES (?1, ?2)")?;
    for tag in &entry.tags {
        add_tag.execute(rusqlite::params![id, tag])?;
    }
    Ok(if existing.is_some() { Saved::Updated } else { Saved::Created })
}

#[cfg(test)]
mod tests {
    use super::super::tests::new_journal;
    use super::*;
    use crate::tests::{day, now};

    fn full_entry(date: &str) -> Entry {
        Entry {
            date: day(date),
            satisfaction: Some(7),
            technical_share: Some(0),
            leadership_satisfaction: Some(6),
            technical_satisfaction: None,
            energy: Some(3),
            meetings: Some(0),
            focus_minutes: Some(90),
            tags: vec!["1on1".into(), "hiring".into()],
            text: "Ünïcode — and *Markdown*.".into(),
        }
    }

    #[test]
    fn save_get_update_delete() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        let mut e = full_entry("2026-11-27");
        assert_eq!(j.save(&e, now()).expect("save"), Saved::Created);
        assert_eq!(j.get(e.date).expect("get"), e, "zeros stay zeros, None stays None");
        assert_eq!(j.save(&e, now()).expect("same again"), Saved::Unchanged);
        e.tags = vec!["incident".into()];
        e.satisfaction = None;
        assert_eq!(j.save(&e, now()).expect("update"), Saved::Updated);
        assert_eq!(j.get(e.date).expect("get"), e);
        assert_eq!(
            j.insert(&e, now()).err().map(|e| e.kind()),
            Some(crate::ErrorKind::EntryExists)
        );
        j.delete(e.date).expect("delete");
        assert_eq!(j.get(e.date).err().map(|e| e.kind()), Some(crate::ErrorKind::EntryNotFound));
        assert_eq!(j.delete(e.date).err().map(|e| e.kind()), Some(crate::ErrorKind::EntryNotFound));
    }

    #[test]
    fn invalid_entries_change_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        let good = full_entry("2026-11-27");
        j.save(&good, now()).expect("save");
        let mut bad = good.clone();
        bad.satisfaction = Some(11);
        bad.text = "changed".into();
        let err = j.save(&bad, now()).expect_err("out of range");
        assert_eq!(err.to_string(), "satisfaction: 11 is outside 1–10");
        assert_eq!(j.get(good.date).expect("get"), good);
    }

    #[test]
    fn list_is_ordered_and_bounded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        for d in ["2026-01-03", "2025-12-31", "2026-01-01"] {
            j.save(&Entry::empty(day(d)), now()).expect("save");
        }
        let all: Vec<String> =
            j.list(DateRange::all()).expect("list").iter().map(|e| day_text(e.date)).collect();
        assert_eq!(all, ["2025-12-31", "2026-01-01", "2026-01-03"]);
        let range =
            DateRange::new(Some(day("2026-01-01")), Some(day("2026-01-02"))).expect("range");
        assert_eq!(j.list(range).expect("list").len(), 1);
        assert_eq!(j.count().expect("count"), 3);
    }

    #[test]
    fn list_numbers_is_list_without_the_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        j.save(&full_entry("2026-01-02"), now()).expect("save");
        j.save(&full_entry("2026-01-01"), now()).expect("save");
        let numbers = j.list_numbers(DateRange::all()).expect("numbers");
        let mut expected = j.list(DateRange::all()).expect("list");
        for e in &mut expected {
            e.text.clear();
        }
        assert_eq!(numbers, expected);
    }

    #[test]
    fn on_this_day_finds_the_same_date_in_earlier_years() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        for d in ["2024-11-27", "2025-11-27", "2025-11-28", "2026-11-27", "2027-11-27"] {
            j.save(&Entry::empty(day(d)), now()).expect("save");
        }
        let found: Vec<String> = j
            .on_this_day(day("2026-11-27"))
            .expect("query")
            .iter()
            .map(|e| day_text(e.date))
            .collect();
        assert_eq!(found, ["2025-11-27", "2024-11-27"]);
    }

    #[test]
    fn disk_full_is_a_clear_error_and_keeps_earlier_entries() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        j.save(&full_entry("2026-01-01"), now()).expect("save");
        let pages: i64 = j.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).expect("pages");
        j.conn.pragma_update(None, "max_page_count", pages).expect("cap the file");
        let mut big = full_entry("2026-01-02");
        big.text = "x".repeat(900_000);
        let err = j.save(&big, now()).expect_err("no room");
        assert_eq!(err.kind(), crate::ErrorKind::DiskFull, "{err}");
        assert!(err.to_string().contains("disk is full"));
        assert_eq!(j.get(day("2026-01-01")).expect("earlier entry"), full_entry("2026-01-01"));
        assert_eq!(j.count().expect("count"), 1);
    }
}
