//! Drafts: the day's entry while it is being written, autosaved inside the encrypted journal
//! (never a plaintext temp file). Saving the entry removes its draft in the same transaction.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;

use crate::entry::{DateRange, Entry, day_text};
use crate::error::{Error, Result};
use crate::journal::Journal;

impl Journal {
    /// Keeps `draft` as the unsaved state of its day, replacing any earlier draft.
    pub fn save_draft(&mut self, draft: &Entry, now: DateTime<Utc>) -> Result<()> {
        // A draft may be incomplete but must be storable as an entry later.
        draft.validate()?;
        let body = serde_json::to_string(draft)
            .map_err(|e| Error::InvalidInput(format!("the draft could not be encoded: {e}")))?;
        self.db()
            .prepare_cached(
                "INSERT INTO drafts (date, body, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(date) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            )?
            .execute([day_text(draft.date), body, crate::journal::instant(now)])?;
        Ok(())
    }

    /// The unsaved draft for `date`, if there is one.
    pub fn draft(&self, date: NaiveDate) -> Result<Option<Entry>> {
        let body: Option<String> = self
            .db()
            .prepare_cached("SELECT body FROM drafts WHERE date = ?1")?
            .query_row([day_text(date)], |r| r.get(0))
            .optional()?;
        body.map(|b| {
            serde_json::from_str(&b)
                .map_err(|e| Error::Corrupt(format!("the draft for {date} is unreadable: {e}")))
        })
        .transpose()
    }

    /// The days in `range` with an unsaved draft, oldest first (the calendar marks them).
    pub fn draft_dates(&self, range: DateRange) -> Result<Vec<NaiveDate>> {
        let (from, to) = range.bounds();
        let mut stmt = self
            .db()
            .prepare_cached("SELECT date FROM drafts WHERE date BETWEEN ?1 AND ?2 ORDER BY date")?;
        let rows = stmt.query_map([from, to], |r| r.get::<_, String>(0))?;
        rows.map(|date| crate::entry::parse_date(&date?)).collect()
    }

    /// Throws away the draft for `date` (no error when there is none).
    pub fn discard_draft(&mut self, date: NaiveDate) -> Result<()> {
        self.db()
            .prepare_cached("DELETE FROM drafts WHERE date = ?1")?
            .execute([day_text(date)])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::entry::Entry;
    use crate::journal::tests::new_journal;
    use crate::tests::{day, now};

    #[test]
    fn draft_dates_lists_the_days_with_a_draft_in_range() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        for date in ["2026-10-31", "2026-11-02", "2026-11-27"] {
            j.save_draft(&Entry::empty(day(date)), now()).expect("draft");
        }
        let november =
            crate::entry::DateRange::new(Some(day("2026-11-01")), Some(day("2026-11-30")))
                .expect("range");
        assert_eq!(j.draft_dates(november).expect("dates"), [day("2026-11-02"), day("2026-11-27")]);
        j.save(&Entry::empty(day("2026-11-02")), now()).expect("save ends the draft");
        assert_eq!(j.draft_dates(november).expect("dates"), [day("2026-11-27")]);
    }

    #[test]
    fn drafts_are_kept_until_the_entry_is_saved() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        let mut draft = Entry::empty(day("2026-11-27"));
        draft.text = "half a thought".into();
        draft.meetings = Some(0);
        j.save_draft(&draft, now()).expect("draft");
        assert_eq!(j.draft(draft.date).expect("read"), Some(draft.clone()));
        assert!(j.get(draft.date).is_err(), "a draft is not an entry");
        j.save(&draft, now()).expect("save");
        assert_eq!(j.draft(draft.date).expect("read"), None, "saving removes the draft");
        j.save_draft(&draft, now()).expect("draft again");
        j.discard_draft(draft.date).expect("discard");
        assert_eq!(j.draft(draft.date).expect("read"), None);
    }

    #[test]
    fn an_import_replaces_the_day_and_its_draft_like_a_save() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        let mut draft = Entry::empty(day("2026-11-27"));
        draft.text = "a draft the import must not leave behind".into();
        j.save_draft(&draft, now()).expect("draft");
        let file = r#"{"format":"dualtrack","version":1,"entries":[{"date":"2026-11-27","text":"imported"}]}"#;
        j.import_json(file, now()).expect("import");
        assert_eq!(j.get(draft.date).expect("entry").text, "imported");
        // The window reopens a day's draft over its entry; a stale one would hide the import.
        assert_eq!(j.draft(draft.date).expect("read"), None, "the import removed the draft");
    }
}
