//! The explicit full rekey: a new random data key for the journal and every backup.
//!
//! The steps, each of which a crash may interrupt (see the README's "How the keys work"):
//! 1. Claim the journal alone, and check the key file is still the one this process opened.
//! 2. Stage a re-encrypted, re-checked copy of the journal and of every backup, and the new key
//!    file, in `key-change/` (`KeyChange`). The new key file keeps the old key's ways in as a
//!    retired key whose successor is the new key, so every secret the user holds keeps working.
//! 3. Commit: the manifest. Then move the staged files into place (the roll-forward any later
//!    open would also do), reopen, and give the OS keyring the new key.
//! 4. The caller shows the new recovery code and then calls `confirm_recovery_code`, which is
//!    when the old passphrase, recovery code and keyring key stop working.

use secrecy::SecretString;

use super::{Journal, KeyringStatus};
use crate::backup;
use crate::db::{self, Mode};
use crate::error::{Error, Result};
use crate::faults;
use crate::keychange::{self, KeyChange};
use crate::keys::{
    self, DataKey, Envelope, KdfParams, Keyring, MAX_RETIRED, RecoveryCode, Retired,
};

/// The result of a full rekey.
pub struct Rekeyed {
    pub journal: Journal,
    /// The new recovery code: show it, then call `Journal::confirm_recovery_code`.
    pub recovery_code: RecoveryCode,
    pub keyring: KeyringStatus,
}

impl Journal {
    /// Re-encrypts the journal and its backups under a new random data key.
    ///
    /// Every slot is renewed: the keyring entry (when the journal has one and `keyring` is
    /// given), the passphrase (required when the journal has one) and a new recovery code. Until
    /// `confirm_recovery_code`, the old secrets open the journal too. Fails with `in_use` while
    /// another process has the journal open; a failure before the commit changes nothing.
    pub fn rekey(
        mut self,
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
        if self.envelope.retired.len() >= MAX_RETIRED {
            return Err(Error::InvalidInput(
                "earlier key changes still wait for their recovery code to be confirmed; confirm it first".into(),
            ));
        }
        let keyring_only = self.envelope.passphrase.is_none() && passphrase.is_none();
        if keyring_only && !keyring.is_some_and(|k| self.keyring_holds_a_key(k)) {
            return Err(Error::NoUnlockPath(
                "the new key could not be kept in the OS keyring and there is no passphrase; set a passphrase first".into(),
            ));
        }
        let new_key = DataKey::generate()?;
        let (envelope, recovery_code) = successor(
            &self.envelope,
            &self.key,
            &new_key,
            passphrase,
            passphrase_kdf,
            recovery_kdf,
        )?;

        self.claim.make_sole()?;
        let on_disk = Envelope::read(&self.layout.key_file)?;
        if !on_disk.same_as(&self.envelope) {
            // Another process changed the passphrase or recovery code while this one waited:
            // a key file built on the old one would undo that.
            return Err(Error::ChangedMeanwhile);
        }
        faults::point("rekey: alone");
        self.stage(&new_key, &envelope)?;

        // Committed. The old connection must be closed before its file is replaced.
        let Journal { conn, layout, mut claim, .. } = self;
        let _ = conn.close();
        keychange::finish(&layout)?;
        let conn = db::open(&layout.database, &new_key, Mode::Journal { create: false })?;
        claim.share()?;
        let journal = Journal { conn, layout, envelope, key: new_key, claim };
        faults::point("rekey: reopened");

        let keyring_status = match (journal.envelope.keyring.as_ref(), keyring) {
            (Some(slot), Some(keyring)) => match keyring.store_key(slot, &journal.key) {
                Ok(()) => KeyringStatus::Stored,
                Err(e) => KeyringStatus::Unavailable(e.detail()),
            },
            _ => KeyringStatus::NotRequested,
        };
        faults::point("rekey: keyring updated");
        Ok(Rekeyed { journal, recovery_code, keyring: keyring_status })
    }

    /// Stages the re-encrypted journal and backups and commits the change; on failure before
    /// the commit, removes what was staged.
    fn stage(&self, new_key: &DataKey, envelope: &Envelope) -> Result<()> {
        let mut change = KeyChange::begin(&self.layout)?;
        let staged = self.copy_all(&mut change, new_key);
        match staged.and_then(|()| change.commit(envelope)) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = keychange::finish(&self.layout);
                Err(e)
            }
        }
    }

    fn copy_all(&self, change: &mut KeyChange, new_key: &DataKey) -> Result<()> {
        let entries = self.count()?;
        let copy = change.database();
        backup::export_reencrypted(&self.conn, &copy, new_key)?;
        backup::check_snapshot(&copy, new_key, entries..=entries)?;
        faults::point("rekey: journal copied");
        for b in self.backups()? {
            let source = db::open(&b.path, &self.key, Mode::Snapshot).map_err(|e| {
                Error::Corrupt(format!(
                    "the backup {} cannot be read ({e}); remove it or restore it elsewhere, then rekey again — nothing was changed",
                    b.name
                ))
            })?;
            let entries = db::count_entries(&source)?;
            let copy = change.backup(&b.name);
            backup::export_reencrypted(&source, &copy, new_key)?;
            drop(source);
            backup::check_snapshot(&copy, new_key, entries..=entries)?;
            faults::point("rekey: a backup copied");
        }
        Ok(())
    }

    /// True when the keyring can be read for this journal's entry (so it can likely take the
    /// new key after the commit).
    fn keyring_holds_a_key(&self, keyring: &Keyring) -> bool {
        self.envelope.keyring.as_ref().is_some_and(|slot| keyring.load_key(slot).is_ok())
    }
}

/// The key file for `new_key`: the same journal and keyring entry, the new passphrase slot and
/// recovery code, and the old key's ways in kept as a retired key that leads to the new one.
fn successor(
    old: &Envelope,
    old_key: &DataKey,
    new_key: &DataKey,
    passphrase: Option<&SecretString>,
    passphrase_kdf: KdfParams,
    recovery_kdf: KdfParams,
) -> Result<(Envelope, RecoveryCode)> {
    let mut envelope = Envelope::new(old.journal_id.clone(), new_key.check_value());
    envelope.keyring = old.keyring.clone();
    if let Some(passphrase) = passphrase {
        envelope.set_passphrase(new_key, passphrase, passphrase_kdf)?;
    }
    let (code, slot) = envelope.wrap_new_recovery_code(new_key, recovery_kdf)?;
    envelope.new_recovery = Some(slot);
    envelope.retired = old.retired.clone();
    envelope.retired.push(Retired {
        check_value: old.check_value.clone(),
        passphrase: old.passphrase.clone(),
        recovery: old.recovery.clone(),
        new_recovery: old.new_recovery.clone(),
        successor: keys::seal(old_key, new_key, &old.journal_id)?,
    });
    Ok((envelope, code))
}

#[cfg(test)]
mod tests {
    use super::super::Unlock;
    use super::super::tests::{new_journal, passphrase};
    use super::*;
    use crate::entry::{Entry, parse_date};
    use std::fs;

    #[test]
    fn rekey_keeps_entries_and_renews_every_slot_once_confirmed() {
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
        let mut journal = rekeyed.journal;
        assert!(!dir.path().join("key-change").exists(), "staging is gone");
        assert_ne!(fs::read(&journal.layout.database).expect("db"), old_db);
        assert_eq!(journal.get(entry.date).expect("entry survives").text, "before the rekey");
        assert!(journal.verify().expect("verify").is_ok(), "the backups follow the new key");

        // Until the new code is confirmed, the old one still opens (through the retired key).
        Journal::open(dir.path(), Unlock::RecoveryCode(&old_code))
            .expect("old code")
            .lock()
            .expect("lock");
        journal.confirm_recovery_code(None).expect("confirm");
        journal.lock().expect("lock");

        assert!(Journal::open(dir.path(), Unlock::RecoveryCode(&old_code)).is_err());
        Journal::open(dir.path(), Unlock::RecoveryCode(&new_code)).expect("new code");
        Journal::open(dir.path(), Unlock::Passphrase(&pw)).expect("passphrase");
    }

    #[test]
    fn a_keyring_left_with_the_old_key_still_opens_and_is_brought_up_to_date() {
        let store: std::sync::Arc<keyring_core::CredentialStore> =
            keyring_core::mock::Store::new().expect("mock");
        let keyring = Keyring::from_store(store);
        let dir = tempfile::tempdir().expect("tempdir");
        let setup = crate::journal::Setup {
            keyring: Some(&keyring),
            passphrase: None,
            passphrase_kdf: KdfParams::TEST_ONLY,
            recovery_kdf: KdfParams::TEST_ONLY,
        };
        let journal = Journal::create(dir.path(), setup).expect("create").journal;
        let slot = journal.envelope().keyring.clone().expect("keyring slot");
        let old = keyring.load_key(&slot).expect("old key");
        // As if the process died between the commit and the keyring update: the keyring was
        // never given the new key.
        let rekeyed =
            journal.rekey(Some(&keyring), None, KdfParams::TEST_ONLY, KdfParams::TEST_ONLY);
        let rekeyed = rekeyed.expect("rekey");
        keyring.store_key(&slot, &old).expect("put the old key back");
        rekeyed.journal.lock().expect("lock");
        let journal = Journal::open(dir.path(), Unlock::Keyring(&keyring)).expect("opens");
        assert!(keyring.load_key(&slot).expect("key") == journal.key, "the keyring caught up");
        journal.lock().expect("lock");
        Journal::open(dir.path(), Unlock::Keyring(&keyring)).expect("and opens directly");
    }

    #[test]
    fn rekey_waits_for_others_and_then_refuses_without_changing_anything() {
        let dir = tempfile::tempdir().expect("tempdir");
        let journal = new_journal(dir.path()).journal;
        let pw = passphrase();
        let other = Journal::open(dir.path(), Unlock::Passphrase(&pw)).expect("another reader");
        let keys = fs::read(dir.path().join("journal.keys")).expect("keys");
        let err = journal
            .rekey(None, Some(&pw), KdfParams::TEST_ONLY, KdfParams::TEST_ONLY)
            .err()
            .map(|e| e.kind());
        assert_eq!(err, Some(crate::ErrorKind::InUse));
        assert_eq!(fs::read(dir.path().join("journal.keys")).expect("keys"), keys);
        assert!(!dir.path().join("key-change").exists());
        drop(other);
    }

    #[test]
    fn rekey_interrupted_before_the_commit_point_leaves_the_old_journal() {
        let dir = tempfile::tempdir().expect("tempdir");
        new_journal(dir.path()).journal.lock().expect("lock");
        let layout = crate::layout::Layout::new(dir.path());
        let staging = layout.key_change_dir();
        fs::create_dir_all(staging.join("backups")).expect("stage");
        fs::write(staging.join("journal.db"), b"half a copy").expect("stage");
        fs::write(staging.join("journal.keys"), b"{}").expect("stage");
        let keys = fs::read(&layout.key_file).expect("keys");
        let pw = passphrase();
        Journal::open(dir.path(), Unlock::Passphrase(&pw)).expect("old key still opens");
        assert!(!staging.exists(), "an uncommitted change is rolled back");
        assert_eq!(fs::read(&layout.key_file).expect("keys"), keys);
    }
}
