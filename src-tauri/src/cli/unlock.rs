//! How the CLI gets into a journal: the OS keyring, then a secret from `--passphrase-file` or
//! `DUALTRACK_PASSPHRASE`, then a terminal prompt. With none of them it stops with a clear
//! error instead of guessing; no failure here ever creates a new journal.

use std::io::IsTerminal;
use std::path::Path;

use dualtrack_core::{Error, Journal, Keyring, SecretSlot, Unlock, layout};
use secrecy::{ExposeSecret, SecretString};

/// A passphrase file holds one line; a few kilobytes is more than any passphrase needs.
const MAX_SECRET_FILE: u64 = 4 * 1024;

/// Where secrets come from, gathered once from flags and the environment.
#[derive(Clone)]
pub struct Secrets {
    pub passphrase_file: Option<std::path::PathBuf>,
    pub no_keyring: bool,
}

impl Secrets {
    /// A secret given without a prompt: `--passphrase-file` first, then the environment.
    pub fn given(&self) -> Result<Option<SecretString>, Error> {
        if let Some(path) = &self.passphrase_file {
            let what = format!("the passphrase file {}", path.display());
            let bytes =
                zeroize::Zeroizing::new(layout::read_bounded(path, MAX_SECRET_FILE, &what)?);
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| Error::InvalidInput(format!("{what} is not UTF-8 text")))?;
            let first = text.lines().next().unwrap_or_default().to_owned();
            return Ok(Some(SecretString::from(first)));
        }
        Ok(std::env::var("DUALTRACK_PASSPHRASE").ok().map(SecretString::from))
    }

    /// The OS keyring, unless turned off.
    pub fn keyring(&self) -> Result<Keyring, Error> {
        if self.no_keyring {
            return Err(Error::KeyUnavailable("turned off with --no-keyring".into()));
        }
        Keyring::platform()
    }
}

/// How the journal was unlocked, so `rekey` can reuse a typed passphrase.
pub struct Opened {
    pub journal: Journal,
    pub passphrase: Option<SecretString>,
}

/// Unlocks the journal in `dir`, trying each way in turn.
pub fn open(dir: &Path, secrets: &Secrets) -> Result<Opened, Error> {
    let envelope = Journal::probe(dir)?;
    let mut keyring_problem = "this journal keeps no key in the OS keyring".to_owned();
    if envelope.keyring.is_some() {
        match secrets.keyring().and_then(|k| Journal::open(dir, Unlock::Keyring(&k))) {
            Ok(journal) => return Ok(Opened { journal, passphrase: None }),
            Err(e) if e.is_unlock_failure() => keyring_problem = e.to_string(),
            Err(e) => return Err(e),
        }
    }
    if let Some(secret) = secrets.given()? {
        return with_secret(dir, secret);
    }
    if std::io::stdin().is_terminal() {
        let mut last = Error::WrongPassphrase;
        for _ in 0..3 {
            let typed = prompt(&format!("Passphrase or recovery code for {}: ", dir.display()))?;
            match with_secret(dir, typed) {
                Ok(opened) => return Ok(opened),
                Err(e) if e.is_unlock_failure() => {
                    eprintln!("{e}");
                    last = e;
                }
                Err(e) => return Err(e),
            }
        }
        return Err(last);
    }
    Err(Error::NoUnlockPath(format!(
        "{keyring_problem}; set DUALTRACK_PASSPHRASE, pass --passphrase-file FILE, or run in a terminal"
    )))
}

/// Tries a typed secret as the recovery code (when it has that shape) or the passphrase.
fn with_secret(dir: &Path, secret: SecretString) -> Result<Opened, Error> {
    let (journal, slot) = Journal::open_with_secret(dir, &secret)?;
    let passphrase = (slot == SecretSlot::Passphrase).then_some(secret);
    Ok(Opened { journal, passphrase })
}

/// Reads a secret from the terminal without echo.
pub fn prompt(question: &str) -> Result<SecretString, Error> {
    rpassword::prompt_password(question)
        .map(SecretString::from)
        .map_err(|e| Error::Io { context: "reading from the terminal".into(), source: e })
}

/// A new passphrase: from `DUALTRACK_NEW_PASSPHRASE`, else typed twice at the terminal.
/// `None` when there is no terminal and none was given.
pub fn new_passphrase(optional: bool) -> Result<Option<SecretString>, Error> {
    if let Ok(given) = std::env::var("DUALTRACK_NEW_PASSPHRASE") {
        return Ok(Some(SecretString::from(given)));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let hint = if optional { " (Enter to skip)" } else { "" };
    typed_twice(&format!("New passphrase{hint}"), optional)
}

/// The passphrase that encrypts an export: from `DUALTRACK_EXPORT_PASSPHRASE`, else typed twice
/// at the terminal.
pub fn export_passphrase() -> Result<SecretString, Error> {
    if let Ok(given) = std::env::var("DUALTRACK_EXPORT_PASSPHRASE") {
        return Ok(SecretString::from(given));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::InvalidInput(
            "--encrypt needs a passphrase: set DUALTRACK_EXPORT_PASSPHRASE or run in a terminal"
                .into(),
        ));
    }
    typed_twice("Passphrase for the exported file", false)?
        .ok_or_else(|| Error::InvalidInput("the export passphrase is empty".into()))
}

/// A passphrase typed twice; `None` when `optional` and the first answer is empty.
fn typed_twice(question: &str, optional: bool) -> Result<Option<SecretString>, Error> {
    let first = prompt(&format!("{question}: "))?;
    if optional && first.expose_secret().is_empty() {
        return Ok(None);
    }
    let again = prompt("Repeat it: ")?;
    if first.expose_secret() != again.expose_secret() {
        return Err(Error::InvalidInput("the two passphrases differ; nothing was changed".into()));
    }
    Ok(Some(first))
}
