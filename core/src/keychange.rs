//! A key change made whole: the re-encrypted journal, every re-encrypted backup and the new key
//! file are staged in `key-change/`, then one record — the manifest, written atomically — makes
//! the change count. After that, moving the staged files into place is a roll-forward any later
//! open finishes; before it, the change is rolled back by removing the staging folder, and the
//! live files were never touched.
//!
//! The manifest names each file with its size and SHA-256, and the key check value of the staged
//! key file. A roll-forward moves a staged file only after proving it is the one recorded, and
//! counts a file as already moved only when the live one is; anything else stops with an error
//! that deletes nothing. A roll-back happens only while the live journal and key file exist, so
//! the only readable copy of a journal is never removed.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::faults;
use crate::keys::Envelope;
use crate::layout::{self, Layout};

const FORMAT: &str = "dualtrack-key-change";
const VERSION: u32 = 1;
/// The commit record's name inside the staging folder.
const MANIFEST: &str = "COMMIT";
const DATABASE: &str = "journal.db";
const KEY_FILE: &str = "journal.keys";
const BACKUPS: &str = "backups";

/// A key change being staged. Only one process stages at a time: it holds the journal alone.
pub(crate) struct KeyChange {
    dir: PathBuf,
    backups: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    format: String,
    version: u32,
    /// The check value of the new key, as in the staged key file.
    check_value: String,
    /// Every file of the change, in the order they are moved: the database, the backups, the
    /// key file last.
    files: Vec<Recorded>,
}

#[derive(Serialize, Deserialize, PartialEq, Eq, Debug)]
#[serde(deny_unknown_fields)]
struct Recorded {
    /// The path inside the data directory (and, staged, inside `key-change/`).
    path: String,
    bytes: u64,
    sha256: String,
}

impl KeyChange {
    /// Starts a change with an empty staging folder.
    pub(crate) fn begin(layout: &Layout) -> Result<KeyChange> {
        let dir = layout.key_change_dir();
        if dir.exists() {
            // Recovery ran when the journal was opened and the journal is ours alone: this is
            // clutter from a change that never committed.
            fs::remove_dir_all(&dir)
                .map_err(|e| Error::io(format!("removing {}", dir.display()), e))?;
        }
        layout::create_private_dir(&dir.join(BACKUPS))?;
        layout::sync_parent(&dir)?;
        faults::point("key change: staging folder made");
        Ok(KeyChange { dir, backups: Vec::new() })
    }

    /// Where the re-encrypted database goes.
    pub(crate) fn database(&self) -> PathBuf {
        self.dir.join(DATABASE)
    }

    /// Where the re-encrypted copy of the backup `name` goes; it becomes part of the change.
    pub(crate) fn backup(&mut self, name: &str) -> PathBuf {
        self.backups.push(name.to_owned());
        self.dir.join(BACKUPS).join(name)
    }

    /// The commit point: stages the key file, makes every staged file durable, then writes the
    /// manifest. When this returns, the change counts; `finish` moves it into place.
    pub(crate) fn commit(self, envelope: &Envelope) -> Result<()> {
        envelope.write(&self.dir.join(KEY_FILE))?;
        faults::point("key change: key file staged");
        let mut paths = vec![DATABASE.to_owned()];
        paths.extend(self.backups.iter().map(|name| format!("{BACKUPS}/{name}")));
        paths.push(KEY_FILE.to_owned());
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let staged = self.dir.join(&path);
            layout::sync_file(&staged)?;
            let (bytes, sha256) = digest(&staged)?;
            files.push(Recorded { path, bytes, sha256 });
        }
        layout::sync_dir(&self.dir.join(BACKUPS))?;
        let manifest = Manifest {
            format: FORMAT.into(),
            version: VERSION,
            check_value: hex::encode(&envelope.check_value),
            files,
        };
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| {
            Error::InvalidInput(format!("the key change could not be recorded: {e}"))
        })?;
        faults::point("key change: files synced");
        layout::write_atomically(&self.dir.join(MANIFEST), &json)?;
        faults::point("key change: committed");
        Ok(())
    }
}

/// Finishes (rolls forward) a committed key change or undoes (rolls back) one that was not
/// committed. Call with the journal claimed alone; a no-op when there is none.
pub(crate) fn finish(layout: &Layout) -> Result<()> {
    let dir = layout.key_change_dir();
    if !dir.exists() {
        return Ok(());
    }
    let manifest_path = dir.join(MANIFEST);
    if !manifest_path.exists() {
        if !layout.database.exists() || !layout.key_file.exists() {
            return Err(Error::InterruptedChange(format!(
                "a key change was interrupted before it counted, but the journal or its key file is missing; the unfinished copy in {} was kept for you to look at",
                dir.display()
            )));
        }
        faults::point("key change: rolling back");
        return remove_staging(&dir);
    }
    let manifest = read_manifest(&manifest_path)?;
    roll_forward(layout, &dir, &manifest)?;
    faults::point("key change: files moved");
    layout::remove(&manifest_path)?;
    layout::sync_dir(&dir)?;
    faults::point("key change: record removed");
    remove_staging(&dir)
}

fn read_manifest(path: &Path) -> Result<Manifest> {
    let unreadable = |why: String| {
        Error::InterruptedChange(format!(
            "the record of an interrupted key change ({}) is unreadable ({why}), so it cannot be finished safely",
            path.display()
        ))
    };
    let bytes = layout::read_bounded(path, 1 << 20, "the key change record")
        .map_err(|e| unreadable(e.to_string()))?;
    let manifest: Manifest =
        serde_json::from_slice(&bytes).map_err(|e| unreadable(e.to_string()))?;
    if manifest.format != FORMAT || manifest.version != VERSION {
        return Err(unreadable("it is not a key change record this Dualtrack knows".into()));
    }
    let paths: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    let backups_ok = paths[..].get(1..paths.len().saturating_sub(1)).is_some_and(|middle| {
        middle.iter().all(|p| p.strip_prefix("backups/").is_some_and(is_backup_name))
    });
    if paths.first() != Some(&DATABASE) || paths.last() != Some(&KEY_FILE) || !backups_ok {
        return Err(unreadable("it names files that are not part of a journal".into()));
    }
    Ok(manifest)
}

/// A backup's file name as `backup` makes them (no folders, nothing hidden).
fn is_backup_name(name: &str) -> bool {
    name.starts_with("journal-")
        && name.ends_with(".db")
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

fn roll_forward(layout: &Layout, dir: &Path, manifest: &Manifest) -> Result<()> {
    let mismatch = |what: &Path| {
        Error::InterruptedChange(format!(
            "a committed key change cannot be finished: {} is not the file it recorded",
            what.display()
        ))
    };
    // The staged key file must be the one the change was made for.
    let staged_keys = dir.join(KEY_FILE);
    let keys = if staged_keys.exists() { staged_keys } else { layout.key_file.clone() };
    let envelope = Envelope::read(&keys).map_err(|_| mismatch(&keys))?;
    if hex::encode(&envelope.check_value) != manifest.check_value {
        return Err(mismatch(&keys));
    }
    for file in &manifest.files {
        let staged = dir.join(&file.path);
        let live = layout.dir.join(&file.path);
        let recorded = (file.bytes, file.sha256.clone());
        if staged.exists() {
            if digest(&staged)? != recorded {
                return Err(mismatch(&staged));
            }
            if file.path == DATABASE {
                // The old key's WAL must never be applied to the new file.
                for suffix in ["-wal", "-shm"] {
                    layout::remove(&layout::sidecar(&live, suffix))?;
                }
            }
            if let Some(parent) = live.parent() {
                layout::create_private_dir(parent)?;
            }
            layout::rename(&staged, &live)?;
            faults::point("key change: a file moved");
        } else if !live.exists() || digest(&live)? != recorded {
            return Err(mismatch(&live));
        }
    }
    Ok(())
}

/// Removes the staging folder and what is in it (a database, backups, a key file).
fn remove_staging(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Ok(()) => layout::sync_parent(dir),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(format!("removing {}", dir.display()), e)),
    }
}

/// Size and SHA-256 (hex) of a file.
fn digest(path: &Path) -> Result<(u64, String)> {
    let context = || format!("reading {}", path.display());
    let mut file = fs::File::open(path).map_err(|e| Error::io(context(), e))?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(|e| Error::io(context(), e))?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
        bytes += n as u64;
    }
    Ok((bytes, hex::encode(hash.finalize())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_journal_files_can_be_named_in_a_record() {
        assert!(is_backup_name("journal-20261127-183000-000.db"));
        assert!(is_backup_name("journal-20261127-183000-000-2.db"));
        for bad in ["../journal.db", "journal-x/../../etc.db", ".journal-1.db", "journal-1.keys"] {
            assert!(!is_backup_name(bad), "{bad}");
        }
    }
}
