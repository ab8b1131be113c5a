//! Where a journal's files live inside its data directory, and the roll-forward of multi-file
//! operations (set-up, rekey) that a crash interrupted.
//!
//! Each multi-file operation has one commit point — an atomic rename — and leaves staging files
//! named after it, so opening a journal can always finish or undo it without asking.

use std::fs::{self, File};
use std::io::Write;
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

/// Replaces `path` with `bytes` so that a crash leaves the old or the new content, nothing else.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp"));
    let ctx = |what: &str| format!("{what} {}", tmp.display());
    let mut file = File::create(&tmp).map_err(|e| Error::io(ctx("creating"), e))?;
    make_private(&tmp)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(ctx("writing"), e));
    }
    drop(file);
    fs::rename(&tmp, path).map_err(|e| Error::io(format!("replacing {}", path.display()), e))?;
    crate::keys::sync_parent(path)
}

/// Creates the journal directory readable by its owner only.
pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))
}

/// Makes a journal file readable by its owner only (SQLite creates files world-readable, and
/// even encrypted, a journal is nobody else's business). SQLite gives `-wal`/`-shm` the
/// database file's mode.
pub(crate) fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io(format!("restricting {}", path.display()), e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
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
