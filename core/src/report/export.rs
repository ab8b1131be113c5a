//! Writing a report to its file: private (mode 0600), whole or not at all, and — when a
//! passphrase is given — encrypted in the age format on the way to the disk, so no plaintext
//! copy ever exists in a file, not even a temporary one.
//!
//! The report streams through the encryptor into `.NAME.partial` beside the target, which is
//! synced and renamed over it; a failure removes the partial file and leaves the target as it
//! was. With encryption the partial file only ever holds ciphertext, and the file name gets
//! `.age` appended when it does not end with it.

use std::fs::{self, File, OpenOptions};
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

/// Writes `report` to `path`, encrypted with `passphrase` when one is given. An existing file
/// is replaced only with `overwrite`.
pub fn export(
    report: &Report,
    path: &Path,
    overwrite: bool,
    passphrase: Option<&SecretString>,
) -> Result<Exported> {
    if passphrase.is_some_and(|p| p.expose_secret().is_empty()) {
        return Err(Error::InvalidInput("the export passphrase is empty".into()));
    }
    let Some(mut name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(Error::InvalidInput(format!("{} is not a file name", path.display())));
    };
    // An encrypted file says so in its name, whatever name it was given.
    let sealed_path;
    let path = if passphrase.is_some() && !name.ends_with(".age") {
        name.push_str(".age");
        sealed_path = path.with_file_name(&name);
        sealed_path.as_path()
    } else {
        path
    };
    if path.is_dir() {
        return Err(Error::InvalidInput(format!("{} is a folder, not a file", path.display())));
    }
    if !overwrite && path.exists() {
        return Err(Error::FileExists(path.to_owned()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::InvalidInput(format!("the folder {} does not exist", dir.display())));
    }
    let partial = dir.join(format!(".{name}.partial"));
    let written = write_partial(report, &partial, passphrase).and_then(|()| {
        if !overwrite && path.exists() {
            return Err(Error::FileExists(path.to_owned()));
        }
        fs::rename(&partial, path)
            .map_err(|e| Error::io(format!("replacing {}", path.display()), e))?;
        crate::keys::sync_parent(path)
    });
    if let Err(err) = written {
        let _ = fs::remove_file(&partial);
        return Err(err);
    }
    let bytes =
        fs::metadata(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?.len();
    Ok(Exported {
        path: path.display().to_string(),
        bytes,
        entries: report.entries.len(),
        format: report.format,
        encrypted: passphrase.is_some(),
    })
}

fn write_partial(report: &Report, partial: &Path, passphrase: Option<&SecretString>) -> Result<()> {
    let context = || format!("writing {}", partial.display());
    let file = create_private(partial).map_err(|e| Error::io(context(), e))?;
    let mut out = BufWriter::new(&file);
    write_to(report, &mut out, passphrase)?;
    out.flush().map_err(|e| Error::io(context(), e))?;
    drop(out);
    file.sync_all().map_err(|e| Error::io(context(), e))
}

/// Streams `report` into `out`, through the age encryptor when a passphrase is given.
pub fn write_to(
    report: &Report,
    out: &mut dyn Write,
    passphrase: Option<&SecretString>,
) -> Result<()> {
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

/// A new file only its owner can read; a partial file left by a crash is replaced.
fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    // `mode` applies only when the file is created; a leftover partial file may have another.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}
