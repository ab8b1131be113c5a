//! Writing a report to its file: private (mode 0600), whole or not at all, and — when a
//! passphrase is given — encrypted in the age format on the way to the disk, so no plaintext
//! copy ever exists in a file, not even a temporary one.
//!
//! The report streams (through the encryptor) into a new file with a random name beside the
//! target, created exclusively so no planted file or link is followed; it is synced and renamed
//! over the target — or, without `overwrite`, linked in only if the target still does not exist.
//! A failure removes it and leaves the target as it was. With encryption the partial file only
//! ever holds ciphertext, and the file name gets `.age` appended when it does not end with it.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use ts_rs::TS;

use super::{Report, ReportFormat};
use crate::error::{Error, Result};

/// What was written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Exported {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub entries: usize,
    pub format: ReportFormat,
    pub encrypted: bool,
}

/// The file an export to `path` writes: an encrypted file's name ends in `.age`.
pub fn final_path(path: &Path, encrypted: bool) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if encrypted && !name.is_empty() && !name.to_lowercase().ends_with(".age") {
        path.with_file_name(format!("{name}.age"))
    } else {
        path.to_owned()
    }
}

/// Writes `report` to `path` (to `path.age` when encrypted, see [`final_path`]), encrypted with
/// `passphrase` when one is given. An existing file is replaced only with `overwrite`.
pub fn export(
    report: &Report,
    path: &Path,
    overwrite: bool,
    passphrase: Option<&SecretString>,
) -> Result<Exported> {
    check_passphrase(passphrase)?;
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(Error::InvalidInput(format!("{} is not a file name", path.display())));
    };
    let path = final_path(path, passphrase.is_some());
    if path.is_dir() {
        return Err(Error::InvalidInput(format!("{} is a folder, not a file", path.display())));
    }
    if !overwrite && path.exists() {
        return Err(Error::FileExists(path));
    }
    check_replaceable(&path)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::InvalidInput(format!("the folder {} does not exist", dir.display())));
    }
    let context = || format!("writing {}", path.display());
    let mut partial = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(context(), e))?;
    {
        let mut out = BufWriter::new(partial.as_file_mut());
        write_to(report, &mut out, passphrase)?;
        out.flush().map_err(|e| Error::io(context(), e))?;
    }
    partial.as_file().sync_all().map_err(|e| Error::io(context(), e))?;
    let placed = if overwrite { partial.persist(&path) } else { partial.persist_noclobber(&path) };
    if let Err(failed) = placed {
        // Dropping the returned file removes the partial copy.
        return Err(match failed.error.kind() {
            std::io::ErrorKind::AlreadyExists => Error::FileExists(path),
            _ => Error::io(format!("replacing {}", path.display()), failed.error),
        });
    }
    // The report is complete in place; syncing the folder only makes the new name durable
    // sooner, so a failure there is not a failed export.
    let _ = crate::layout::sync_parent(&path);
    let bytes = std::fs::metadata(&path).map_err(|e| Error::io(context(), e))?.len();
    Ok(Exported {
        path: path.display().to_string(),
        bytes,
        entries: report.entries.len(),
        format: report.format,
        encrypted: passphrase.is_some(),
    })
}

/// An export replaces only a regular file: never a device, a FIFO, a socket or a link (as
/// root, replacing `/dev/full` with a report would break the system).
pub fn check_replaceable(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => Err(Error::InvalidInput(format!(
            "{} is not a regular file; an export replaces only regular files",
            path.display()
        ))),
        _ => Ok(()),
    }
}

fn check_passphrase(passphrase: Option<&SecretString>) -> Result<()> {
    if passphrase.is_some_and(|p| p.expose_secret().is_empty()) {
        return Err(Error::InvalidInput("the export passphrase is empty".into()));
    }
    Ok(())
}

/// Streams `report` into `out`, through the age encryptor when a passphrase is given.
pub fn write_to(
    report: &Report,
    out: &mut dyn Write,
    passphrase: Option<&SecretString>,
) -> Result<()> {
    check_passphrase(passphrase)?;
    let Some(passphrase) = passphrase else {
        return report.write(out);
    };
    let failed = |e| Error::io("encrypting the report", e);
    let encryptor = age::Encryptor::with_user_passphrase(passphrase.clone());
    let mut sealed = encryptor.wrap_output(out).map_err(failed)?;
    report.write(&mut sealed)?;
    sealed.finish().map_err(failed)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("report.csv");
        std::fs::write(&file, b"old").expect("write");
        check_replaceable(&file).expect("a regular file may be replaced");
        check_replaceable(&dir.path().join("new.csv")).expect("nothing there yet");
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&file, &link).expect("symlink");
        for refused in [Path::new("/dev/null"), link.as_path()] {
            let err = check_replaceable(refused).expect_err("not a regular file");
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
    }

    #[test]
    fn encrypted_names_end_in_age_once() {
        assert_eq!(final_path(Path::new("/r/a.pdf"), true), Path::new("/r/a.pdf.age"));
        assert_eq!(final_path(Path::new("/r/a.pdf.AGE"), true), Path::new("/r/a.pdf.AGE"));
        assert_eq!(final_path(Path::new("/r/a.pdf"), false), Path::new("/r/a.pdf"));
    }
}
