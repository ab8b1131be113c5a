//! The journal: one unlocked SQLCipher database plus the key that opened it.
//!
//! A `Journal` value exists only while the journal is unlocked; dropping it (locking) closes the
//! connection and zeroes the key. Creating never happens over an existing journal, and no
//! unlock failure ever leads to a new key.

mod entries;
mod slots;

use std::path::Path;

use rusqlite::Connection;
use secrecy::SecretString;

pub use entries::Saved;
pub(crate) use entries::{ENTRY_COLUMNS, from_row, instant};
pub use slots::Rekeyed;

use crate::db::{self, Mode};
use crate::error::{Error, Result};
use crate::keys::{self, DataKey, Envelope, KdfParams, Keyring, RecoveryCode};
use crate::layout::{self, Layout};

/// An unlocked journal.
pub struct Journal {
    pub(crate) conn: Connection,
    pub(crate) layout: Layout,
    pub(crate) envelope: Envelope,
    pub(crate) key: DataKey,
}

/// How to reach the data key of an existing journal.
pub enum Unlock<'a> {
    Keyring(&'a Keyring),
    Passphrase(&'a SecretString),
    RecoveryCode(&'a SecretString),
}

/// Which typed secret opened a journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSlot {
    Passphrase,
    RecoveryCode,
}

/// What `create` is asked to set up.
pub struct Setup<'a> {
    /// Keep the key in this OS keyring (the default way in).
    pub keyring: Option<&'a Keyring>,
    /// Also (or instead, when there is no keyring) wrap the key under this passphrase.
    pub passphrase: Option<&'a SecretString>,
    pub passphrase_kdf: KdfParams,
    pub recovery_kdf: KdfParams,
}

impl<'a> Setup<'a> {
    /// Production KDF costs.
    pub fn new(keyring: Option<&'a Keyring>, passphrase: Option<&'a SecretString>) -> Self {
        Setup {
            keyring,
            passphrase,
            passphrase_kdf: KdfParams::PASSPHRASE,
            recovery_kdf: KdfParams::RECOVERY,
        }
    }
}

/// Whether the OS keyring holds the key after set-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyringStatus {
    Stored,
    NotRequested,
    Unavailable(String),
}

/// A new journal and the recovery code to show the user exactly once.
pub struct Created {
    pub journal: Journal,
    pub recovery_code: RecoveryCode,
    pub keyring: KeyringStatus,
}

impl Journal {
    /// Creates a journal in `dir`. Refuses when any journal file is already there.
    pub fn create(dir: &Path, setup: Setup<'_>) -> Result<Created> {
        let layout = Layout::new(dir);
        layout.finish_interrupted()?;
        if layout.holds_journal() {
            return Err(Error::AlreadyExists(layout.dir));
        }
        if let Some(passphrase) = setup.passphrase {
            keys::check_new_passphrase(passphrase)?;
        }
        layout::create_private_dir(&layout.dir)?;

        let key = DataKey::generate()?;
        let mut id = [0u8; 16];
        keys::random_fill(&mut id)?;
        let mut envelope = Envelope::new(hex::encode(id), key.check_value());

        let keyring = match setup.keyring {
            None => KeyringStatus::NotRequested,
            Some(keyring) => {
                let slot = Keyring::slot_for(&envelope.journal_id);
                match keyring.store_key(&slot, &key) {
                    Ok(()) => {
                        envelope.keyring = Some(slot);
                        KeyringStatus::Stored
                    }
                    Err(e) => KeyringStatus::Unavailable(e.to_string()),
                }
            }
        };
        if setup.passphrase.is_none() && keyring != KeyringStatus::Stored {
            let why = match &keyring {
                KeyringStatus::Unavailable(reason) => reason.clone(),
                _ => "no OS keyring was asked for".to_owned(),
            };
            return Err(Error::NoUnlockPath(format!(
                "{why}; choose a passphrase to create the journal"
            )));
        }
        finish_create(layout, envelope, key, keyring, setup.passphrase, &setup)
    }

    /// Reads which slots an existing journal has, without unlocking it.
    pub fn probe(dir: &Path) -> Result<Envelope> {
        let layout = Layout::new(dir);
        layout.finish_interrupted()?;
        check_files(&layout)?;
        Envelope::read(&layout.key_file)
    }

    /// Unlocks the journal in `dir`.
    pub fn open(dir: &Path, unlock: Unlock<'_>) -> Result<Journal> {
        let layout = Layout::new(dir);
        layout.finish_interrupted()?;
        check_files(&layout)?;
        let envelope = Envelope::read(&layout.key_file)?;
        let key = slots::reach_key(&envelope, unlock)?;
        let conn = db::open(&layout.database, &key, Mode::Journal { create: false })?;
        Ok(Journal { conn, layout, envelope, key })
    }

    /// Unlocks with a secret the user typed: tried as the recovery code when it has that shape,
    /// else (or when that fails) as the passphrase. Says which slot opened it.
    pub fn open_with_secret(dir: &Path, secret: &SecretString) -> Result<(Journal, SecretSlot)> {
        if RecoveryCode::looks_like(secrecy::ExposeSecret::expose_secret(secret)) {
            match Journal::open(dir, Unlock::RecoveryCode(secret)) {
                Ok(journal) => return Ok((journal, SecretSlot::RecoveryCode)),
                Err(Error::WrongRecoveryCode | Error::SlotMissing(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok((Journal::open(dir, Unlock::Passphrase(secret))?, SecretSlot::Passphrase))
    }

    /// Where this journal's files are.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The slots this journal can be unlocked with.
    pub fn envelope(&self) -> &Envelope {
        &self.envelope
    }

    /// Locks the journal: closes the connection (checkpointing the WAL) and zeroes the key.
    pub fn lock(self) -> Result<()> {
        let Journal { conn, .. } = self;
        conn.close().map_err(|(_, e)| Error::from(e))
    }
}

fn check_files(layout: &Layout) -> Result<()> {
    match (layout.key_file.exists(), layout.database.exists()) {
        (true, true) => Ok(()),
        (false, false) => Err(Error::NotInitialized(layout.dir.clone())),
        (false, true) => Err(Error::KeyFileMissing(layout.key_file.clone())),
        (true, false) => Err(Error::DatabaseMissing(layout.database.clone())),
    }
}

fn finish_create(
    layout: Layout,
    mut envelope: Envelope,
    key: DataKey,
    keyring: KeyringStatus,
    passphrase: Option<&SecretString>,
    setup: &Setup<'_>,
) -> Result<Created> {
    let recovery_code = envelope.issue_recovery_code(&key, setup.recovery_kdf)?;
    if let Some(passphrase) = passphrase {
        envelope.set_passphrase(&key, passphrase, setup.passphrase_kdf)?;
    }

    // Build the database under a staging name; the key file is the commit point, and the
    // rename after it is finished by `finish_interrupted` should we stop in between.
    let staged = layout.staged_database();
    layout::remove_with_sidecars(&staged)?;
    let conn = db::open(&staged, &key, Mode::Journal { create: true })?;
    layout::make_private(&staged)?;
    conn.close().map_err(|(_, e)| Error::from(e))?;
    envelope.write(&layout.key_file)?;
    layout::rename(&staged, &layout.database)?;

    let conn = db::open(&layout.database, &key, Mode::Journal { create: false })?;
    Ok(Created { journal: Journal { conn, layout, envelope, key }, recovery_code, keyring })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::fs;

    pub(crate) fn passphrase() -> SecretString {
        SecretString::from("correct horse battery".to_owned())
    }

    /// A journal with a passphrase slot and cheap KDF settings.
    pub(crate) fn new_journal(dir: &Path) -> Created {
        let pw = passphrase();
        let setup = Setup {
            keyring: None,
            passphrase: Some(&pw),
            passphrase_kdf: KdfParams::TEST_ONLY,
            recovery_kdf: KdfParams::TEST_ONLY,
        };
        Journal::create(dir, setup).expect("create journal")
    }

    #[test]
    fn create_then_open_with_each_slot() {
        let dir = tempfile::tempdir().expect("tempdir");
        let created = new_journal(dir.path());
        let code = SecretString::from(created.recovery_code.expose().to_lowercase());
        created.journal.lock().expect("lock");
        let pw = passphrase();
        Journal::open(dir.path(), Unlock::Passphrase(&pw)).expect("passphrase opens");
        Journal::open(dir.path(), Unlock::RecoveryCode(&code)).expect("recovery code opens");
        let wrong = SecretString::from("not the passphrase".to_owned());
        let err = Journal::open(dir.path(), Unlock::Passphrase(&wrong)).err().map(|e| e.kind());
        assert_eq!(err, Some("wrong_passphrase"));
    }

    #[test]
    fn never_creates_over_an_existing_journal() {
        let dir = tempfile::tempdir().expect("tempdir");
        new_journal(dir.path()).journal.lock().expect("lock");
        let before = fs::read(dir.path().join("journal.keys")).expect("keys");
        let pw = passphrase();
        let again = Journal::create(dir.path(), Setup::new(None, Some(&pw)));
        assert_eq!(again.err().map(|e| e.kind()), Some("already_exists"));
        assert_eq!(fs::read(dir.path().join("journal.keys")).expect("keys"), before);
    }

    #[test]
    fn no_keyring_and_no_passphrase_is_refused_without_leaving_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let result = Journal::create(dir.path(), Setup::new(None, None));
        assert_eq!(result.err().map(|e| e.kind()), Some("no_unlock_path"));
        assert!(!Layout::new(dir.path()).holds_journal());
    }

    #[test]
    fn keyring_slot_opens_and_a_foreign_key_is_a_mismatch() {
        let store: std::sync::Arc<keyring_core::CredentialStore> =
            keyring_core::mock::Store::new().expect("mock");
        let keyring = Keyring::from_store(store);
        let dir = tempfile::tempdir().expect("tempdir");
        let setup = Setup {
            keyring: Some(&keyring),
            passphrase: None,
            passphrase_kdf: KdfParams::TEST_ONLY,
            recovery_kdf: KdfParams::TEST_ONLY,
        };
        let created = Journal::create(dir.path(), setup).expect("create");
        assert_eq!(created.keyring, KeyringStatus::Stored);
        let slot = created.journal.envelope().keyring.clone().expect("keyring slot");
        created.journal.lock().expect("lock");
        Journal::open(dir.path(), Unlock::Keyring(&keyring)).expect("keyring opens");

        let other = DataKey::generate().expect("random");
        keyring.store_key(&slot, &other).expect("overwrite keyring entry");
        let err = Journal::open(dir.path(), Unlock::Keyring(&keyring)).err().map(|e| e.kind());
        assert_eq!(err, Some("key_mismatch"));
    }

    #[test]
    fn interrupted_setup_is_finished_on_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        new_journal(dir.path()).journal.lock().expect("lock");
        let layout = Layout::new(dir.path());
        // As if set-up stopped between writing the key file and renaming the database.
        fs::rename(&layout.database, layout.staged_database()).expect("stage");
        let pw = passphrase();
        Journal::open(dir.path(), Unlock::Passphrase(&pw)).expect("rolls forward");
        assert!(layout.database.exists() && !layout.staged_database().exists());
    }
}
