//! Encrypted snapshots of the journal: made with `VACUUM INTO` (same key, same encryption),
//! reopened and checked before they count, kept in rotation, and restorable over the live
//! journal through SQLite's backup API. Also the `verify` report and re-encryption for rekey.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::db::{self, IntegrityReport, Mode, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::journal::Journal;
use crate::keys::DataKey;
use crate::layout::{self, Layout};

/// How many snapshots are kept when the caller does not say.
pub const DEFAULT_KEEP: usize = 10;

/// One snapshot on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupInfo {
    pub name: String,
    #[ts(type = "string")]
    pub path: PathBuf,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What `verify` found.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub journal: IntegrityReport,
    pub entries: u64,
    /// Each backup with `None` when it checks out, or what is wrong with it.
    pub backups: Vec<(String, Option<String>)>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.journal.is_ok() && self.backups.iter().all(|(_, problem)| problem.is_none())
    }
}

impl Journal {
    /// Takes a snapshot, checks it, then keeps the newest `keep` snapshots (at least this one).
    pub fn backup(&self, now: DateTime<Utc>, keep: usize) -> Result<BackupInfo> {
        let dir = &self.layout.backups;
        layout::create_private_dir(dir)?;
        let name = unused_name(dir, now);
        let path = dir.join(&name);
        let partial = dir.join(format!("{name}.partial"));
        layout::remove_with_sidecars(&partial)?;
        let entries = self.count()?;
        let made = self
            .conn
            .execute("VACUUM INTO ?1", [path_text(&partial)?])
            .map_err(Error::from)
            .and_then(|_| layout::make_private(&partial))
            .and_then(|()| check_snapshot(&partial, &self.key, entries));
        if let Err(e) = made {
            layout::remove_with_sidecars(&partial)?;
            return Err(e);
        }
        layout::rename(&partial, &path)?;
        self.rotate(keep.max(1))?;
        info(&path)
    }

    /// Takes a snapshot when the newest one is older than `max_age` (or there is none): the
    /// automatic backup, cheap to call on every unlock or write.
    pub fn backup_if_due(
        &self,
        now: DateTime<Utc>,
        max_age: chrono::Duration,
        keep: usize,
    ) -> Result<Option<BackupInfo>> {
        let newest = self.backups()?.into_iter().filter_map(|b| taken_at(&b.name)).max();
        match newest {
            Some(at) if now - at < max_age => Ok(None),
            _ => self.backup(now, keep).map(Some),
        }
    }

    /// Snapshots, oldest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        list(&self.layout)
    }

    /// Opens a snapshot with this journal's key and runs the integrity checks on it.
    pub fn check_backup(&self, path: &Path) -> Result<IntegrityReport> {
        let conn = db::open(path, &self.key, Mode::Snapshot)?;
        db::integrity(&conn)
    }

    /// Replaces the journal's content with a snapshot (a name in the backups folder, or a path).
    /// The current content is snapshotted first, so a restore can itself be undone.
    pub fn restore(&mut self, which: &str, now: DateTime<Utc>) -> Result<BackupInfo> {
        let path = self.resolve_backup(which)?;
        let source = db::open(&path, &self.key, Mode::Snapshot).map_err(|e| match e {
            Error::Corrupt(_) => Error::Corrupt(format!(
                "{} is damaged or was made with another key; pick another backup",
                path.display()
            )),
            other => other,
        })?;
        let report = db::integrity(&source)?;
        if !report.is_ok() {
            return Err(Error::Corrupt(format!(
                "{} fails its integrity check; pick another backup",
                path.display()
            )));
        }
        let safety = self.backup(now, usize::MAX)?;
        {
            let backup = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        drop(source);
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
        Ok(VerifyReport { journal, entries, backups })
    }

    fn resolve_backup(&self, which: &str) -> Result<PathBuf> {
        let candidate = if which.contains(std::path::MAIN_SEPARATOR) || which.contains('/') {
            PathBuf::from(which)
        } else {
            self.layout.backups.join(which)
        };
        if !candidate.is_file() {
            return Err(Error::InvalidInput(format!(
                "no backup {which:?}; `dualtrack backup --list` shows the backups"
            )));
        }
        Ok(candidate)
    }

    fn rotate(&self, keep: usize) -> Result<()> {
        let all = self.backups()?;
        let excess = all.len().saturating_sub(keep);
        for old in &all[..excess] {
            fs::remove_file(&old.path)
                .map_err(|e| Error::io(format!("removing {}", old.path.display()), e))?;
        }
        Ok(())
    }
}

fn unused_name(dir: &Path, now: DateTime<Utc>) -> String {
    let stamp = now.format("%Y%m%d-%H%M%S-%3f");
    let mut name = format!("journal-{stamp}.db");
    let mut n = 1;
    while dir.join(&name).exists() {
        n += 1;
        name = format!("journal-{stamp}-{n}.db");
    }
    name
}

/// When a snapshot was taken, from its name (`journal-YYYYMMDD-HHMMSS-mmm[-n].db`).
fn taken_at(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix("journal-")?.get(..19)?;
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S-%3f").ok().map(|t| t.and_utc())
}

fn path_text(path: &Path) -> Result<String> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| Error::InvalidInput(format!("{} is not valid UTF-8", path.display())))
}

fn info(path: &Path) -> Result<BackupInfo> {
    let bytes =
        fs::metadata(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?.len();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(BackupInfo { name, path: path.to_path_buf(), bytes })
}

fn list(layout: &Layout) -> Result<Vec<BackupInfo>> {
    let dir = &layout.backups;
    let read = match fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("reading {}", dir.display()), e)),
    };
    let mut found = Vec::new();
    for item in read {
        let item = item.map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
        let name = item.file_name().to_string_lossy().into_owned();
        if name.starts_with("journal-") && name.ends_with(".db") {
            found.push(info(&item.path())?);
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// Reopens a snapshot with `key` and requires clean integrity checks and, when given, the
/// expected number of entries: a snapshot counts only once it is proven readable.
pub(crate) fn check_snapshot(path: &Path, key: &DataKey, entries: u64) -> Result<()> {
    let conn = db::open(path, key, Mode::Snapshot)?;
    let report = db::integrity(&conn)?;
    if !report.is_ok() {
        return Err(Error::Corrupt(format!(
            "the new snapshot {} failed its checks",
            path.display()
        )));
    }
    let found = db::count_entries(&conn)?;
    if found != entries {
        return Err(Error::Corrupt(format!(
            "the new snapshot holds {found} entries, expected {entries}"
        )));
    }
    Ok(())
}

/// Writes a copy of the database behind `conn` to `path`, encrypted under `key`.
pub(crate) fn export_reencrypted(conn: &Connection, path: &Path, key: &DataKey) -> Result<()> {
    // The journal connection may not create files, so ATTACH needs the (empty) file to exist.
    fs::File::create(path).map_err(|e| Error::io(format!("creating {}", path.display()), e))?;
    layout::make_private(path)?;
    conn.execute(
        "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
        [path_text(path)?.as_str(), key.sqlcipher_literal().as_str()],
    )?;
    let exported = conn
        .query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))
        .and_then(|()| conn.pragma_update(Some("rekeyed"), "user_version", SCHEMA_VERSION));
    let detached = conn.execute("DETACH DATABASE rekeyed", []);
    exported?;
    detached?;
    Ok(())
}

/// After a rekey: re-encrypts every backup under the new key, each one atomically.
pub(crate) fn reencrypt_all(layout: &Layout, old: &DataKey, new: &DataKey) -> Result<()> {
    for b in list(layout)? {
        let Ok(conn) = db::open(&b.path, old, Mode::Snapshot) else {
            // Already under the new key (an earlier, interrupted rekey got this far).
            continue;
        };
        let entries = db::count_entries(&conn)?;
        let staged = b.path.with_extension("db.rekey");
        layout::remove_with_sidecars(&staged)?;
        export_reencrypted(&conn, &staged, new)?;
        drop(conn);
        check_snapshot(&staged, new, entries)?;
        layout::rename(&staged, &b.path)?;
    }
    Ok(())
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
        let kept = names[0].clone();
        j.restore(&kept, now() + Duration::seconds(60)).expect("restore");
        assert_eq!(j.get(e.date).expect("get").text, "first version");
        // The pre-restore state was kept, so the restore can be undone.
        assert_eq!(j.backups().expect("list").len(), 4);
        assert!(j.verify().expect("verify").is_ok());
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
        assert_eq!(j.restore("nope.db", now()).err().map(|e| e.kind()), Some("invalid_input"));
        let other_dir = tempfile::tempdir().expect("tempdir");
        let other = new_journal(other_dir.path()).journal;
        let foreign = other.backup(now(), 3).expect("backup");
        let err = j.restore(&foreign.path.to_string_lossy(), now()).expect_err("other key");
        assert_eq!(err.kind(), "corrupt", "{err}");
    }
}
