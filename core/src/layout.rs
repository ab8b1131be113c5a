//! Where a journal's files live inside its data directory, and the roll-forward of multi-file
//! operations (set-up, rekey) that a crash interrupted.
//!
//! Each multi-file operation has one commit point — an atomic rename — and leaves staging files
//! named after it, so opening a journal can always finish or undo it without asking.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The files of one journal.
#[derive(Debug, Clone)]
pub struct Layout {
    pub dir: PathBuf,
    /// The SQLCipher database.
    pub database: PathBuf,
    /// The key file (wrapped keys, key check value).
    pub key_file: PathBuf,
    /// Encrypted snapshots.
    pub backups: PathBuf,
}

impl Layout {
    pub fn new(dir: &Path) -> Self {
        Layout {
            dir: dir.to_path_buf(),
            database: dir.join("journal.db"),
            key_file: dir.join("journal.keys"),
            backups: dir.join("backups"),
        }
    }

    /// The database being built by `init`, renamed into place once the key file exists.
    pub(crate) fn staged_database(&self) -> PathBuf {
        self.dir.join("journal.db.init")
    }

    /// The re-encrypted copy a rekey builds before its commit point.
    pub(crate) fn rekeyed_database(&self) -> PathBuf {
        self.dir.join("journal.db.rekey")
    }

    /// The key file for the new key, written before the rekey's commit point.
    pub(crate) fn rekeyed_key_file(&self) -> PathBuf {
        self.dir.join("journal.keys.rekey")
    }

    /// True when something of a journal is here (never start a new one over it).
    pub fn holds_journal(&self) -> bool {
        self.database.exists() || self.key_file.exists() || self.rekeyed_key_file().exists()
    }

    /// Finishes or undoes an interrupted set-up or rekey. Safe to call at every open.
    pub(crate) fn finish_interrupted(&self) -> Result<()> {
        let staged = self.staged_database();
        if staged.exists() {
            if self.key_file.exists() && !self.database.exists() {
                // Set-up wrote the key file (its commit point) but not the rename: finish it.
                rename(&staged, &self.database)?;
            } else if !self.key_file.exists() {
                // Set-up stopped before its commit point: nothing of it counts.
                remove_with_sidecars(&staged)?;
            }
        }
        let new_keys = self.rekeyed_key_file();
        if new_keys.exists() {
            let new_db = self.rekeyed_database();
            if new_db.exists() {
                // Stopped before the database rename: the old key and database are intact.
                remove_with_sidecars(&new_db)?;
                remove(&new_keys)?;
            } else {
                // The re-encrypted database is in place; its key file must follow.
                rename(&new_keys, &self.key_file)?;
            }
        } else if self.rekeyed_database().exists() {
            remove_with_sidecars(&self.rekeyed_database())?;
        }
        Ok(())
    }
}

pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to)
        .map_err(|e| Error::io(format!("renaming {} to {}", from.display(), to.display()), e))?;
    crate::keys::sync_parent(to)
}

fn remove(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(format!("removing {}", path.display()), e)),
    }
}

/// Removes a database file with its `-wal` and `-shm` companions.
pub(crate) fn remove_with_sidecars(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        remove(Path::new(&name))?;
    }
    Ok(())
}
