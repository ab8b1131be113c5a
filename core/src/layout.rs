//! Where a journal's files live inside its data directory, and the file-system steps every
//! multi-file change is built from: private folders and files, atomic replacement, durable
//! renames, and the leftovers an interrupted step can leave.
//!
//! Each multi-file change has one commit point and leaves staging files named after it, so
//! opening a journal can always finish or undo it without asking (see `keychange` for a key
//! change, `finish_setup` here for set-up).

use std::fs::{self, File};
use std::io::{Read, Write};
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

/// Staging names of an older Dualtrack's key change. Nothing reads them any more; they are
/// never deleted automatically (one of them could be the only copy of something) and `verify`
/// names them.
const LEGACY_STAGING: [&str; 2] = ["journal.db.rekey", "journal.keys.rekey"];

impl Layout {
    pub fn new(dir: &Path) -> Self {
        Layout {
            dir: dir.to_path_buf(),
            database: dir.join("journal.db"),
            key_file: dir.join("journal.keys"),
            backups: dir.join("backups"),
        }
    }

    /// Held shared by every process that has the journal open (see `claim`).
    pub(crate) fn lock_file(&self) -> PathBuf {
        self.dir.join("journal.lock")
    }

    /// Held for a moment on the way in, and by whoever changes keys (see `claim`).
    pub(crate) fn gate_file(&self) -> PathBuf {
        self.dir.join("journal.gate")
    }

    /// The database being built by `init`, renamed into place once the key file exists.
    pub(crate) fn staged_database(&self) -> PathBuf {
        self.dir.join("journal.db.init")
    }

    /// Where a key change stages the re-encrypted journal, backups and key file.
    pub(crate) fn key_change_dir(&self) -> PathBuf {
        self.dir.join("key-change")
    }

    /// True when something of a journal is here (never start a new one over it).
    pub fn holds_journal(&self) -> bool {
        self.database.exists() || self.key_file.exists() || self.key_change_dir().exists()
    }

    /// True when an interrupted set-up or key change must be finished or undone before anyone
    /// reads the key file.
    pub(crate) fn needs_recovery(&self) -> bool {
        self.staged_database().exists() || self.key_change_dir().exists()
    }

    /// Finishes or undoes an interrupted set-up. Call with the journal claimed alone.
    pub(crate) fn finish_setup(&self) -> Result<()> {
        let staged = self.staged_database();
        if !staged.exists() {
            return Ok(());
        }
        if self.key_file.exists() && !self.database.exists() {
            // Set-up wrote the key file (its commit point) but not the rename: finish it.
            rename(&staged, &self.database)
        } else if !self.key_file.exists() {
            // Set-up stopped before its commit point: nothing of it counts.
            remove_with_sidecars(&staged)
        } else {
            // Both a journal and a staged one: the staged file is not the only copy of anything
            // (set-up never runs over a journal), but leave it for a person to look at.
            Ok(())
        }
    }

    /// Temporary files an interrupted step left behind: removable ones (half-written key files,
    /// partial backups) and ones only a person should remove (an older version's staging).
    pub(crate) fn leftovers(&self) -> Leftovers {
        let mut found = Leftovers::default();
        for (dir, junk) in
            [(&self.dir, is_temporary as fn(&str) -> bool), (&self.backups, is_partial)]
        {
            let Ok(items) = fs::read_dir(dir) else { continue };
            for item in items.flatten() {
                let name = item.file_name().to_string_lossy().into_owned();
                if junk(&name) {
                    found.removable.push(item.path());
                } else if LEGACY_STAGING.contains(&name.as_str())
                    || (name.starts_with("journal-") && name.ends_with(".db.rekey"))
                {
                    found.kept.push(item.path());
                }
            }
        }
        found.removable.sort();
        found.kept.sort();
        found
    }

    /// Removes the removable leftovers. Call with the journal claimed alone, so no step that
    /// writes such a file is running anywhere.
    pub(crate) fn tidy(&self) -> Result<()> {
        for path in self.leftovers().removable {
            remove(&path)?;
        }
        Ok(())
    }
}

/// What `Layout::leftovers` found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Leftovers {
    pub removable: Vec<PathBuf>,
    pub kept: Vec<PathBuf>,
}

/// `write_atomically`'s temporary file: `.NAME.tmp`.
fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// A backup being written, with any journal file SQLite gave it.
fn is_partial(name: &str) -> bool {
    name.ends_with(".partial") || name.contains(".partial-")
}

/// Replaces `path` with `bytes` so that a crash leaves the old or the new content, nothing else.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp"));
    let ctx = |what: &str| format!("{what} {}", tmp.display());
    let mut file = File::create(&tmp).map_err(|e| Error::io(ctx("creating"), e))?;
    make_private(&tmp)?;
    crate::faults::point("write_atomically: temporary file created");
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(ctx("writing"), e));
    }
    drop(file);
    crate::faults::point("write_atomically: temporary file written");
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(format!("replacing {}", path.display()), e));
    }
    sync_parent(path)
}

/// Reads a whole file that must not be larger than `limit` bytes, without reading more than
/// that from it (a key file linked to `/dev/zero` must not fill the memory). `what` names the
/// file in the error.
pub fn read_bounded(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let file = File::open(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    read_all_bounded(file, limit, what)
        .map_err(|e| with_context(e, &format!("reading {}", path.display())))
}

/// Reads a stream to its end, refusing one longer than `limit` bytes after reading at most
/// `limit + 1` of them.
pub fn read_all_bounded(reader: impl Read, limit: u64, what: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(format!("reading {what}"), e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::InvalidInput(format!("{what} is larger than {}", size_text(limit))));
    }
    Ok(bytes)
}

fn with_context(err: Error, context: &str) -> Error {
    match err {
        Error::Io { source, .. } => Error::io(context, source),
        other => other,
    }
}

/// A byte count in the unit people read ("1 MiB", "64 KiB").
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Creates a folder of the journal (the data directory, backups, staging) readable by its
/// owner only — also when it already existed with looser permissions. A shared folder such as
/// `/tmp` (world-writable, sticky) is refused: a journal needs a folder of its own.
pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir)
            .map_err(|e| Error::io(format!("reading {}", dir.display()), e))?
            .permissions()
            .mode();
        if mode & 0o1002 == 0o1002 {
            return Err(Error::InvalidInput(format!(
                "{} is a shared folder that everyone can write to; choose a folder of your own for the journal",
                dir.display()
            )));
        }
        if mode & 0o777 != 0o700 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
                .map_err(|e| Error::io(format!("making {} private", dir.display()), e))?;
        }
    }
    Ok(())
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

/// Renames durably: the folder of the new name is synced before this returns.
pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to)
        .map_err(|e| Error::io(format!("renaming {} to {}", from.display(), to.display()), e))?;
    sync_parent(to)
}

/// Removes a file; a file that is already gone is not an error.
pub(crate) fn remove(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(format!("removing {}", path.display()), e)),
    }
}

/// The path of a database's `-wal`, `-shm` or `-journal` companion.
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a database file with its `-wal`, `-shm` and `-journal` companions.
pub(crate) fn remove_with_sidecars(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        remove(&sidecar(path, suffix))?;
    }
    Ok(())
}

/// Makes a file's content durable.
pub(crate) fn sync_file(path: &Path) -> Result<()> {
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(format!("syncing {}", path.display()), e))
}

/// Makes a rename to `path` durable by syncing its directory.
pub(crate) fn sync_parent(path: &Path) -> Result<()> {
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}

/// Makes a rename in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(format!("syncing {}", dir.display()), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_reads_stop_at_the_limit() {
        let err = read_all_bounded(std::io::repeat(0), 1024, "the text").expect_err("endless");
        assert_eq!(err.to_string(), "the text is larger than 1 KiB");
        let ok = read_all_bounded(&b"hello"[..], 5, "the text").expect("fits exactly");
        assert_eq!(ok, b"hello");
        #[cfg(unix)]
        {
            let err = read_bounded(Path::new("/dev/zero"), 64 << 10, "the key file")
                .expect_err("a device that never ends");
            assert_eq!(err.kind(), crate::ErrorKind::InvalidInput, "{err}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn private_dirs_are_made_private_and_shared_ones_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let existing = dir.path().join("journal");
        fs::create_dir(&existing).expect("mkdir");
        fs::set_permissions(&existing, fs::Permissions::from_mode(0o755)).expect("chmod");
        create_private_dir(&existing).expect("private");
        let mode = fs::metadata(&existing).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "an existing 0755 folder is tightened");

        let shared = dir.path().join("shared");
        fs::create_dir(&shared).expect("mkdir");
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).expect("chmod");
        let err = create_private_dir(&shared).expect_err("like /tmp");
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        let mode = fs::metadata(&shared).expect("meta").permissions().mode();
        assert_eq!(mode & 0o7777, 0o1777, "a shared folder is left as it was");
    }

    #[test]
    fn leftovers_are_told_apart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let layout = Layout::new(dir.path());
        fs::create_dir(&layout.backups).expect("mkdir");
        for name in [".journal.keys.tmp", "journal.keys.rekey", "journal.db"] {
            fs::write(dir.path().join(name), b"x").expect("write");
        }
        for name in
            ["journal-1.db", "journal-2.db.a1b2.partial", "journal-2.db.a1b2.partial-journal"]
        {
            fs::write(layout.backups.join(name), b"x").expect("write");
        }
        let found = layout.leftovers();
        assert_eq!(
            found.removable,
            vec![
                dir.path().join(".journal.keys.tmp"),
                layout.backups.join("journal-2.db.a1b2.partial"),
                layout.backups.join("journal-2.db.a1b2.partial-journal"),
            ]
        );
        assert_eq!(found.kept, vec![dir.path().join("journal.keys.rekey")]);
        layout.tidy().expect("tidy");
        assert!(layout.leftovers().removable.is_empty());
        assert!(dir.path().join("journal.keys.rekey").exists(), "never deleted automatically");
        assert!(layout.backups.join("journal-1.db").exists());
    }
}
