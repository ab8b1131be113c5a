//! The journal's backups: taking a snapshot (the automatic one too), listing and checking them,
//! restoring one over the live journal — atomic, after a snapshot of the current content, with
//! the journal claimed alone — and `verify`. The file mechanics are in `crate::backup`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::Journal;
use crate::backup::{self, BackupInfo, RestorePreview, VerifyReport};
use crate::db::{self, IntegrityReport, Mode};
use crate::error::{Error, Result};
use crate::faults;
use crate::layout;

impl Journal {
    /// Takes a snapshot, checks it, then keeps the newest `keep` snapshots (at least this one).
    pub fn backup(&self, now: DateTime<Utc>, keep: usize) -> Result<BackupInfo> {
        let dir = &self.layout.backups;
        layout::create_private_dir(dir)?;
        let stamp = backup::name_for(now, 1);
        // An exclusive, private, randomly named file: VACUUM INTO fills an empty file, and no
        // other backup (in this process or another) can pick the same one.
        let (file, partial) = tempfile::Builder::new()
            .prefix(&format!("{stamp}."))
            .suffix(".partial")
            .tempfile_in(dir)
            .and_then(|f| f.keep().map_err(|e| e.error))
            .map_err(|e| Error::io(format!("creating a backup in {}", dir.display()), e))?;
        drop(file);
        faults::point("backup: partial file created");
        let version = backup::data_version(&self.conn)?;
        let entries = self.count()?;
        let made = self
            .conn
            .execute("VACUUM INTO ?1", [backup::path_text(&partial)?])
            .map_err(Error::from)
            .and_then(|_| layout::make_private(&partial))
            .and_then(|()| {
                // Other processes may save while the snapshot is taken (it is consistent, but
                // of some moment in between): then it holds as many entries as before or as
                // after, or a count in between.
                let after = if backup::data_version(&self.conn)? == version {
                    entries
                } else {
                    self.count()?
                };
                backup::check_snapshot(&partial, &self.key, entries.min(after)..=entries.max(after))
            })
            .and_then(|()| layout::sync_file(&partial));
        faults::point("backup: written");
        let published = made.and_then(|()| backup::publish(&partial, dir, now));
        layout::remove_with_sidecars(&partial)?;
        let path = published?;
        faults::point("backup: published");
        // Described before rotating: another process rotating at the same moment may already
        // count this snapshot among the old ones.
        let made = backup::info(&path)?;
        self.rotate(keep.max(1))?;
        Ok(made)
    }

    /// Takes a snapshot when the newest one is older than `max_age` (or there is none): the
    /// automatic backup, cheap to call on every unlock or write.
    pub fn backup_if_due(
        &self,
        now: DateTime<Utc>,
        max_age: chrono::Duration,
        keep: usize,
    ) -> Result<Option<BackupInfo>> {
        let newest = self.backups()?.into_iter().filter_map(|b| backup::taken_at(&b.name)).max();
        match newest {
            Some(at) if now - at < max_age => Ok(None),
            _ => self.backup(now, keep).map(Some),
        }
    }

    /// Snapshots, oldest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        backup::list(&self.layout)
    }

    /// Opens a snapshot with this journal's key and runs the integrity checks on it.
    pub fn check_backup(&self, path: &Path) -> Result<IntegrityReport> {
        let conn = db::open(path, &self.key, Mode::Snapshot)?;
        db::integrity(&conn)
    }

    /// What restoring `which` would do, for a confirmation that names it: when the snapshot was
    /// taken, how many entries it holds and up to when, against the journal as it is now.
    pub fn restore_preview(&self, which: &str) -> Result<RestorePreview> {
        let path = self.resolve_backup(which)?;
        let source = self.open_backup(&path)?;
        Ok(RestorePreview {
            backup: backup::info(&path)?,
            in_backup: backup::contents(&source)?,
            in_journal: backup::contents(&self.conn)?,
        })
    }

    /// Replaces the journal's content with a snapshot (a name in the backups folder, or a path).
    /// The current content is snapshotted first, so a restore can itself be undone. Needs the
    /// journal alone: a save in another process between that snapshot and the restore would be
    /// lost. Fails with `in_use` while another process keeps the journal open.
    pub fn restore(&mut self, which: &str, now: DateTime<Utc>) -> Result<BackupInfo> {
        let path = self.resolve_backup(which)?;
        let source = self.open_backup(&path)?;
        let report = db::integrity(&source)?;
        if !report.is_ok() {
            return Err(Error::Corrupt(format!(
                "{} fails its integrity check; pick another backup",
                path.display()
            )));
        }
        self.claim.make_sole()?;
        let restored = self.restore_alone(&source, now);
        drop(source);
        let shared = self.claim.share();
        let safety = restored?;
        shared?;
        // The snapshot's settings came back with it, its reminder among them.
        self.store_reminder(&self.settings()?)?;
        Ok(safety)
    }

    fn restore_alone(&mut self, source: &Connection, now: DateTime<Utc>) -> Result<BackupInfo> {
        faults::point("restore: alone");
        let safety = self.backup(now, usize::MAX)?;
        faults::point("restore: previous content saved");
        {
            let backup = rusqlite::backup::Backup::new(source, &mut self.conn)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        faults::point("restore: copied");
        // Reopen so an older snapshot is brought up to the current schema.
        let fresh = db::open(&self.layout.database, &self.key, Mode::Journal { create: false })?;
        let old = std::mem::replace(&mut self.conn, fresh);
        old.close().map_err(|(_, e)| Error::from(e))?;
        Ok(safety)
    }

    /// Runs the integrity checks on the journal and on every backup.
    pub fn verify(&self) -> Result<VerifyReport> {
        let journal = db::integrity(&self.conn)?;
        let entries = self.count()?;
        let mut backups = Vec::new();
        for b in self.backups()? {
            let problem = match self.check_backup(&b.path) {
                Ok(report) if report.is_ok() => None,
                Ok(report) => {
                    Some(format!("{:?} {:?}", report.quick_check, report.cipher_integrity))
                }
                Err(e) => Some(e.to_string()),
            };
            backups.push((b.name, problem));
        }
        let found = self.layout.leftovers();
        let leftovers = found.removable.into_iter().chain(found.kept).collect();
        let awaits_confirmation = self.envelope.awaits_confirmation();
        Ok(VerifyReport { journal, entries, backups, leftovers, awaits_confirmation })
    }

    fn open_backup(&self, path: &Path) -> Result<Connection> {
        db::open(path, &self.key, Mode::Snapshot).map_err(|e| match e {
            Error::Corrupt(_) => Error::Corrupt(format!(
                "{} is damaged or was made with another key; pick another backup",
                path.display()
            )),
            other => other,
        })
    }

    fn resolve_backup(&self, which: &str) -> Result<PathBuf> {
        let candidate = if which.contains(std::path::MAIN_SEPARATOR) || which.contains('/') {
            PathBuf::from(which)
        } else {
            self.layout.backups.join(which)
        };
        if !candidate.is_file() {
            return Err(Error::InvalidInput(format!("there is no backup {which:?}")));
        }
        Ok(candidate)
    }

    fn rotate(&self, keep: usize) -> Result<()> {
        let all = self.backups()?;
        let excess = all.len().saturating_sub(keep);
        for old in &all[..excess] {
            // Another process may rotate at the same time: a file already gone is fine.
            layout::remove(&old.path)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::entry::Entry;
    use crate::journal::tests::new_journal;
    use crate::tests::{day, now};
    use chrono::Duration;

    #[test]
    fn backups_rotate_and_restore_brings_back_old_content() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        let mut e = Entry::empty(day("2026-01-01"));
        e.text = "first version".into();
        j.save(&e, now()).expect("save");
        let first = j.backup(now(), 3).expect("backup");
        for i in 1..5 {
            j.backup(now() + Duration::seconds(i), 3).expect("backup");
        }
        let names: Vec<String> = j.backups().expect("list").into_iter().map(|b| b.name).collect();
        assert_eq!(names.len(), 3, "rotation keeps three: {names:?}");
        assert!(!names.contains(&first.name), "the oldest went first");

        e.text = "second version".into();
        j.save(&e, now()).expect("save");
        // A reminder set after the snapshot goes with the restore, its copy beside the journal too.
        let mut settings = j.settings().expect("settings");
        settings.reminder_time = chrono::NaiveTime::from_hms_opt(18, 0, 0);
        j.set_settings(&settings).expect("reminder");
        assert!(crate::reminder::load(dir.path()).is_some());
        let kept = names[0].clone();
        j.restore(&kept, now() + Duration::seconds(60)).expect("restore");
        assert_eq!(j.get(e.date).expect("get").text, "first version");
        assert!(crate::reminder::load(dir.path()).is_none(), "the snapshot had no reminder");
        // The pre-restore state was kept, so the restore can be undone.
        assert_eq!(j.backups().expect("list").len(), 4);
        assert!(j.verify().expect("verify").is_ok());
    }

    #[test]
    fn a_restore_preview_names_the_backup_and_what_it_replaces() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        j.save(&Entry::empty(day("2026-01-01")), now()).expect("save");
        let taken = j.backup(now(), 3).expect("backup");
        for date in ["2026-01-02", "2026-01-05"] {
            j.save(&Entry::empty(day(date)), now()).expect("save");
        }
        let preview = j.restore_preview(&taken.name).expect("preview");
        assert_eq!(preview.backup.taken_at, Some(now()), "the time comes from the name");
        assert_eq!(
            (preview.in_backup.entries, preview.in_backup.last_entry),
            (1, Some(day("2026-01-01")))
        );
        assert_eq!(
            (preview.in_journal.entries, preview.in_journal.last_entry),
            (3, Some(day("2026-01-05")))
        );
        assert_eq!(j.count().expect("count"), 3, "a preview changes nothing");
        let other_dir = tempfile::tempdir().expect("tempdir");
        let foreign = new_journal(other_dir.path()).journal.backup(now(), 3).expect("backup");
        let err = j.restore_preview(&foreign.path.to_string_lossy()).expect_err("other key");
        assert_eq!(err.kind(), crate::ErrorKind::Corrupt, "{err}");
    }

    #[test]
    fn automatic_backups_happen_once_per_period() {
        let dir = tempfile::tempdir().expect("tempdir");
        let j = new_journal(dir.path()).journal;
        let day = Duration::hours(24);
        assert!(j.backup_if_due(now(), day, 10).expect("first").is_some(), "none yet: take one");
        assert!(j.backup_if_due(now() + Duration::hours(23), day, 10).expect("soon").is_none());
        assert!(j.backup_if_due(now() + Duration::hours(25), day, 10).expect("later").is_some());
        assert_eq!(j.backups().expect("list").len(), 2);
    }

    #[test]
    fn a_missing_or_foreign_backup_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        assert_eq!(
            j.restore("nope.db", now()).err().map(|e| e.kind()),
            Some(crate::ErrorKind::InvalidInput)
        );
        let other_dir = tempfile::tempdir().expect("tempdir");
        let other = new_journal(other_dir.path()).journal;
        let foreign = other.backup(now(), 3).expect("backup");
        let err = j.restore(&foreign.path.to_string_lossy(), now()).expect_err("other key");
        assert_eq!(err.kind(), crate::ErrorKind::Corrupt, "{err}");
    }
}
