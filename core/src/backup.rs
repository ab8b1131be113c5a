//! Encrypted snapshots of a journal, as files: written with `VACUUM INTO` (same key, same
//! encryption) into a new, exclusively created partial file, reopened and checked before they
//! count, and published without ever replacing another snapshot; listed and described; and
//! re-encrypted copies for a key change. No journal logic lives here: the journal's own backup,
//! restore and verify operations (journal/backups.rs) are built from these.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::db::{self, IntegrityReport, Mode, SCHEMA_VERSION};
use crate::error::{Error, Result};
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
    /// When it was taken (from its name; `None` for a file named some other way).
    #[ts(type = "string | null")]
    pub taken_at: Option<DateTime<Utc>>,
}

/// What a journal or a snapshot holds, in the words a restore confirmation needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Contents {
    #[ts(type = "number")]
    pub entries: u64,
    #[ts(type = "string | null")]
    pub last_entry: Option<chrono::NaiveDate>,
}

/// What a restore would do: the snapshot, what it holds, and what the journal holds now (which
/// it replaces).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RestorePreview {
    pub backup: BackupInfo,
    pub in_backup: Contents,
    pub in_journal: Contents,
}

/// What `verify` found.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub journal: IntegrityReport,
    pub entries: u64,
    /// Each backup with `None` when it checks out, or what is wrong with it.
    pub backups: Vec<(String, Option<String>)>,
    /// Temporary files an interrupted step left (they do not make the journal unhealthy; the
    /// next open that has the journal alone removes the removable ones).
    pub leftovers: Vec<PathBuf>,
    /// True while a new recovery code awaits confirmation (older secrets still open it).
    pub awaits_confirmation: bool,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.journal.is_ok() && self.backups.iter().all(|(_, problem)| problem.is_none())
    }
}

/// A snapshot's name: `journal-YYYYMMDD-HHMMSS-mmm.db`, with `-n` for the n-th of the same
/// millisecond.
pub(crate) fn name_for(now: DateTime<Utc>, n: u32) -> String {
    let stamp = now.format("%Y%m%d-%H%M%S-%3f");
    if n <= 1 { format!("journal-{stamp}.db") } else { format!("journal-{stamp}-{n}.db") }
}

/// Gives a checked partial file its final name without replacing any snapshot: a hard link
/// fails when the name is taken, so two processes backing up in the same millisecond both
/// keep theirs. The partial name is removed by the caller.
pub(crate) fn publish(partial: &Path, dir: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    for n in 1..1000 {
        let path = dir.join(name_for(now, n));
        match fs::hard_link(partial, &path) {
            Ok(()) => {
                layout::sync_dir(dir)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(format!("naming the backup {}", path.display()), e)),
        }
    }
    Err(Error::InvalidInput("too many backups in the same millisecond".into()))
}

/// When a snapshot was taken, from its name (`journal-YYYYMMDD-HHMMSS-mmm[-n].db`).
pub(crate) fn taken_at(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix("journal-")?.get(..19)?;
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S-%3f").ok().map(|t| t.and_utc())
}

pub(crate) fn path_text(path: &Path) -> Result<String> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| Error::InvalidInput(format!("{} is not valid UTF-8", path.display())))
}

pub(crate) fn info(path: &Path) -> Result<BackupInfo> {
    let bytes =
        fs::metadata(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?.len();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let taken_at = taken_at(&name);
    Ok(BackupInfo { name, path: path.to_path_buf(), bytes, taken_at })
}

/// How many entries a journal or snapshot holds and the date of its last one.
pub(crate) fn contents(conn: &Connection) -> Result<Contents> {
    let entries = db::count_entries(conn)?;
    let last: Option<String> = conn.query_row("SELECT max(date) FROM entries", [], |r| r.get(0))?;
    let last_entry = match last {
        Some(text) => Some(
            chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map_err(|_| Error::Corrupt(format!("an entry is dated {text:?}")))?,
        ),
        None => None,
    };
    Ok(Contents { entries, last_entry })
}

pub(crate) fn list(layout: &Layout) -> Result<Vec<BackupInfo>> {
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
            match info(&item.path()) {
                Ok(backup) => found.push(backup),
                // Rotated away by another process between listing and looking.
                Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// Changes whenever another connection commits (SQLite's `data_version`).
pub(crate) fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// Reopens a snapshot with `key` and requires clean integrity checks and a number of entries in
/// `entries`: a snapshot counts only once it is proven readable and complete.
pub(crate) fn check_snapshot(
    path: &Path,
    key: &DataKey,
    entries: std::ops::RangeInclusive<u64>,
) -> Result<()> {
    let conn = db::open(path, key, Mode::Snapshot)?;
    let report = db::integrity(&conn)?;
    if !report.is_ok() {
        return Err(Error::Corrupt(format!(
            "the new snapshot {} failed its checks",
            path.display()
        )));
    }
    let found = db::count_entries(&conn)?;
    if !entries.contains(&found) {
        return Err(Error::Corrupt(format!(
            "the new snapshot holds {found} entries, expected {}",
            entries.start()
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
