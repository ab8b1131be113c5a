//! Ways in: reaching the data key through a slot, changing the passphrase (a rewrap, no
//! re-encryption), issuing a new recovery code, and the explicit full rekey.

use std::fs;

use secrecy::{ExposeSecret, SecretString};

use super::{Journal, KeyringStatus, Unlock};
use crate::backup;
use crate::db::{self, Mode};
use crate::error::{Error, Result};
use crate::keys::{self, DataKey, Envelope, KdfParams, Keyring, RecoveryCode};
use crate::layout;

/// Finds the data key through one slot and checks it against the key check value.
pub(super) fn reach_key(envelope: &Envelope, unlock: Unlock<'_>) -> Result<DataKey> {
    let key = match unlock {
        Unlock::Keyring(keyring) => {
            let slot = envelope.keyring.as_ref().ok_or_else(|| {
                Error::KeyUnavailable("this journal keeps no key in the OS keyring".into())
            })?;
            keyring.load_key(slot)?
        }
        Unlock::Passphrase(passphrase) => {
            let slot = envelope.passphrase.as_ref().ok_or(Error::SlotMissing("passphrase"))?;
            keys::unwrap(slot, passphrase.expose_secret().as_bytes(), &envelope.aad("passphrase"))?
                .ok_or(Error::WrongPassphrase)?
        }
        Unlock::RecoveryCode(code) => {
            let slot = envelope.recovery.as_ref().ok_or(Error::SlotMissing("recovery code"))?;
            let raw =
                RecoveryCode::normalise(code.expose_secret()).ok_or(Error::WrongRecoveryCode)?;
            keys::unwrap(slot, &raw, &envelope.aad("recovery"))?.ok_or(Error::WrongRecoveryCode)?
        }
    };
    if key.check_value() != envelope.check_value {
        return Err(Error::KeyMismatch);
    }
    Ok(key)
}

/// The result of a full rekey.
pub struct Rekeyed {
    pub journal: Journal,
    pub recovery_code: RecoveryCode,
    pub keyring: KeyringStatus,
}

impl Journal {
    /// Sets or changes the passphrase: rewraps the same data key, re-encrypts nothing.
    pub fn set_passphrase(&mut self, passphrase: &SecretString, kdf: KdfParams) -> Result<()> {
        keys::check_new_passphrase(passphrase)?;
        let mut envelope = self.envelope.clone();
        envelope.set_passphrase(&self.key, passphrase, kdf)?;
        envelope.write(&self.layout.key_file)?;
        self.envelope = envelope;
        Ok(())
    }

    /// Replaces the recovery code; the old one stops working.
    pub fn new_recovery_code(&mut self, kdf: KdfParams) -> Result<RecoveryCode> {
        let mut envelope = self.envelope.clone();
        let code = envelope.issue_recovery_code(&self.key, kdf)?;
        envelope.write(&self.layout.key_file)?;
        self.envelope = envelope;
        Ok(code)
    }

    /// Puts the key (back) into the OS keyring, e.g. after the keyring was wiped.
    pub fn remember_in_keyring(&mut self, keyring: &Keyring) -> Result<()> {
        let slot = Keyring::slot_for(&self.envelope.journal_id);
        keyring.store_key(&slot, &self.key)?;
        if self.envelope.keyring.as_ref() != Some(&slot) {
            let mut envelope = self.envelope.clone();
            envelope.keyring = Some(slot);
            envelope.write(&self.layout.key_file)?;
            self.envelope = envelope;
        }
        Ok(())
    }

    /// Re-encrypts the journal and its backups under a new random data key.
    ///
    /// Every slot is renewed: the keyring entry (when the journal has one and `keyring` is
    /// given), the passphrase (required when the journal has one) and a new recovery code. The
    /// database rename is the commit point; a crash before it leaves the old journal intact.
    pub fn rekey(
        self,
        keyring: Option<&Keyring>,
        passphrase: Option<&SecretString>,
        passphrase_kdf: KdfParams,
        recovery_kdf: KdfParams,
    ) -> Result<Rekeyed> {
        if self.envelope.passphrase.is_some() && passphrase.is_none() {
            return Err(Error::InvalidInput(
                "this journal has a passphrase; give it (or a new one) so it keeps working after the rekey".into(),
            ));
        }
        if let Some(passphrase) = passphrase {
            keys::check_new_passphrase(passphrase)?;
        }
        let layout = self.layout.clone();
        let new_key = DataKey::generate()?;
        let mut envelope = Envelope::new(self.envelope.journal_id.clone(), new_key.check_value());
        let recovery_code = envelope.issue_recovery_code(&new_key, recovery_kdf)?;
        if let Some(passphrase) = passphrase {
            envelope.set_passphrase(&new_key, passphrase, passphrase_kdf)?;
        }

        // 1. A re-encrypted copy, checked before it can count.
        let staged = layout.rekeyed_database();
        layout::remove_with_sidecars(&staged)?;
        let entries = self.count()?;
        backup::export_reencrypted(&self.conn, &staged, &new_key)?;
        backup::check_snapshot(&staged, &new_key, entries)?;

        // 2. The keyring learns the new key before the commit point, so a keyring-only journal
        //    is never left reachable only through a code the user has not seen yet.
        let keyring_status = match (self.envelope.keyring.as_ref(), keyring) {
            (Some(slot), Some(keyring)) => match keyring.store_key(slot, &new_key) {
                Ok(()) => {
                    envelope.keyring = Some(slot.clone());
                    KeyringStatus::Stored
                }
                Err(e) => KeyringStatus::Unavailable(e.to_string()),
            },
            _ => KeyringStatus::NotRequested,
        };
        if keyring_status != KeyringStatus::Stored && envelope.passphrase.is_none() {
            layout::remove_with_sidecars(&staged)?;
            return Err(Error::NoUnlockPath(
                "the new key could not be kept in the OS keyring and there is no passphrase; set a passphrase first".into(),
            ));
        }
        envelope.write(&layout.rekeyed_key_file())?;

        // 3. Close the old connection with an empty WAL, then the commit point: the rename.
        let Journal { conn, key: old_key, .. } = self;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        conn.close().map_err(|(_, e)| Error::from(e))?;
        let wal = {
            let mut name = layout.database.as_os_str().to_owned();
            name.push("-wal");
            std::path::PathBuf::from(name)
        };
        if fs::metadata(&wal).map(|m| m.len() > 0).unwrap_or(false) {
            // Another process wrote after our checkpoint: stop before the commit point.
            layout::remove_with_sidecars(&staged)?;
            fs::remove_file(layout.rekeyed_key_file())
                .map_err(|e| Error::io("removing the staged key file", e))?;
            return Err(Error::Busy);
        }
        layout::remove_with_sidecars(&layout.database)?;
        layout::rename(&staged, &layout.database)?;
        layout::rename(&layout.rekeyed_key_file(), &layout.key_file)?;

        // 4. Backups follow the new key so every one of them stays restorable.
        backup::reencrypt_all(&layout, &old_key, &new_key)?;

        let conn = db::open(&layout.database, &new_key, Mode::Journal { create: false })?;
        let journal = Journal { conn, layout, envelope, key: new_key };
        Ok(Rekeyed { journal, recovery_code, keyring: keyring_status })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{new_journal, passphrase};
    use super::*;
    use crate::entry::{Entry, parse_date};

    #[test]
    fn passphrase_change_rewraps_without_touching_the_database() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut journal = new_journal(dir.path()).journal;
        let db_before = fs::read(&journal.layout.database).expect("db");
        let new = SecretString::from("a brand new passphrase".to_owned());
        journal.set_passphrase(&new, KdfParams::TEST_ONLY).expect("change");
        journal.lock().expect("lock");
        assert_eq!(fs::read(dir.path().join("journal.db")).expect("db"), db_before);
        let old = passphrase();
        assert!(Journal::open(dir.path(), Unlock::Passphrase(&old)).is_err());
        Journal::open(dir.path(), Unlock::Passphrase(&new)).expect("new passphrase opens");
    }

    #[test]
    fn rekey_keeps_entries_and_renews_every_slot() {
        let dir = tempfile::tempdir().expect("tempdir");
        let created = new_journal(dir.path());
        let old_code = SecretString::from(created.recovery_code.expose().to_owned());
        let mut journal = created.journal;
        let mut entry = Entry::empty(parse_date("2026-03-01").expect("date"));
        entry.text = "before the rekey".into();
        journal.save(&entry, crate::tests::now()).expect("save");
        journal.backup(crate::tests::now(), 5).expect("backup");
        let old_db = fs::read(&journal.layout.database).expect("db");

        let pw = passphrase();
        let rekeyed = journal
            .rekey(None, Some(&pw), KdfParams::TEST_ONLY, KdfParams::TEST_ONLY)
            .expect("rekey");
        let new_code = SecretString::from(rekeyed.recovery_code.expose().to_owned());
        let journal = rekeyed.journal;
        assert_ne!(fs::read(&journal.layout.database).expect("db"), old_db);
        assert_eq!(journal.get(entry.date).expect("entry survives").text, "before the rekey");
        for info in journal.backups().expect("list") {
            assert!(journal.check_backup(&info.path).expect("check").is_ok(), "{info:?}");
        }
        journal.lock().expect("lock");

        assert!(Journal::open(dir.path(), Unlock::RecoveryCode(&old_code)).is_err());
        Journal::open(dir.path(), Unlock::RecoveryCode(&new_code)).expect("new code");
        Journal::open(dir.path(), Unlock::Passphrase(&pw)).expect("passphrase");
    }

    #[test]
    fn rekey_interrupted_before_the_commit_point_leaves_the_old_journal() {
        let dir = tempfile::tempdir().expect("tempdir");
        new_journal(dir.path()).journal.lock().expect("lock");
        let layout = crate::layout::Layout::new(dir.path());
        fs::write(layout.rekeyed_database(), b"half a copy").expect("stage");
        fs::write(layout.rekeyed_key_file(), b"{}").expect("stage");
        let pw = passphrase();
        Journal::open(dir.path(), Unlock::Passphrase(&pw)).expect("old key still opens");
        assert!(!layout.rekeyed_database().exists() && !layout.rekeyed_key_file().exists());
    }
}
