//! Ways in: reaching the data key through a slot (and, after a key change that awaits
//! confirmation, through the retired keys' slots and their chain of successors), changing the
//! passphrase (a rewrap, no re-encryption), issuing and confirming a new recovery code, and
//! remembering the key in the OS keyring.
//!
//! Every change of the key file happens under the claim's gate, re-reads the file first and
//! checks it still belongs to this journal's key, so two processes never overwrite each
//! other's change and a process never writes a key file for a key that is no longer current.

use secrecy::{ExposeSecret, SecretString};

use super::{Journal, Unlock};
use crate::error::{Error, Result};
use crate::faults;
use crate::keys::{self, DataKey, Envelope, KdfParams, Keyring, RecoveryCode, WrappedSlot};

/// The key a slot reached, and whether it took a retired key to get there.
pub(super) struct Reached {
    pub key: DataKey,
    pub through_retired: bool,
}

/// Which key a slot wraps: the current one or a retired one (by index).
#[derive(Clone, Copy, PartialEq)]
enum Generation {
    Current,
    Retired(usize),
}

/// Finds the data key through one slot and checks it against the key check value.
pub(super) fn reach_key(envelope: &Envelope, unlock: Unlock<'_>) -> Result<Reached> {
    match unlock {
        Unlock::Keyring(keyring) => {
            let slot = envelope.keyring.as_ref().ok_or_else(|| {
                Error::KeyUnavailable("this journal keeps no key in the OS keyring".into())
            })?;
            let key = keyring.load_key(slot)?;
            let cv = key.check_value();
            let generation = if cv == envelope.check_value {
                Generation::Current
            } else {
                let index = envelope.retired.iter().position(|r| r.check_value == cv);
                Generation::Retired(index.ok_or(Error::KeyMismatch)?)
            };
            follow(envelope, generation, key, "keyring")
        }
        Unlock::Passphrase(passphrase) => {
            let slots = slots_of(envelope, |s| vec![s.passphrase]);
            if slots.is_empty() {
                return Err(Error::SlotMissing("passphrase"));
            }
            let secret = passphrase.expose_secret().as_bytes();
            try_slots(envelope, &slots, secret, "passphrase")?.ok_or(Error::WrongPassphrase)
        }
        Unlock::RecoveryCode(code) => {
            let slots = slots_of(envelope, |s| vec![s.new_recovery, s.recovery]);
            if slots.is_empty() {
                return Err(Error::SlotMissing("recovery code"));
            }
            // Each reading of the typed code (today's alphabet, then the older one) in turn.
            for raw in RecoveryCode::readings(code.expose_secret()) {
                if let Some(reached) = try_slots(envelope, &slots, &raw, "recovery")? {
                    return Ok(reached);
                }
            }
            Err(Error::WrongRecoveryCode)
        }
    }
}

/// The slots of one kind a generation has; the same shape for the current key and retired ones.
struct SlotSet<'a> {
    passphrase: Option<&'a WrappedSlot>,
    recovery: Option<&'a WrappedSlot>,
    new_recovery: Option<&'a WrappedSlot>,
}

/// Every slot `pick` chooses, the current key's first, then the retired ones, newest first.
fn slots_of<'a>(
    envelope: &'a Envelope,
    pick: impl Fn(&SlotSet<'a>) -> Vec<Option<&'a WrappedSlot>>,
) -> Vec<(Generation, &'a WrappedSlot)> {
    let current = SlotSet {
        passphrase: envelope.passphrase.as_ref(),
        recovery: envelope.recovery.as_ref(),
        new_recovery: envelope.new_recovery.as_ref(),
    };
    let mut found: Vec<(Generation, &WrappedSlot)> =
        pick(&current).into_iter().flatten().map(|s| (Generation::Current, s)).collect();
    for (index, retired) in envelope.retired.iter().enumerate().rev() {
        let set = SlotSet {
            passphrase: retired.passphrase.as_ref(),
            recovery: retired.recovery.as_ref(),
            new_recovery: retired.new_recovery.as_ref(),
        };
        found.extend(pick(&set).into_iter().flatten().map(|s| (Generation::Retired(index), s)));
    }
    found
}

fn try_slots(
    envelope: &Envelope,
    slots: &[(Generation, &WrappedSlot)],
    secret: &[u8],
    name: &'static str,
) -> Result<Option<Reached>> {
    let aad = envelope.aad(name);
    for (generation, slot) in slots {
        if let Some(key) = keys::unwrap(slot, secret, &aad)? {
            return follow(envelope, *generation, key, name).map(Some);
        }
    }
    Ok(None)
}

/// From a key of `generation`, checked against its check value, along the chain of successors
/// to the current key.
fn follow(
    envelope: &Envelope,
    generation: Generation,
    mut key: DataKey,
    slot: &str,
) -> Result<Reached> {
    let start = match generation {
        Generation::Current => envelope.retired.len(),
        Generation::Retired(index) => index,
    };
    let expected = |i: usize| match envelope.retired.get(i) {
        Some(retired) => &retired.check_value,
        None => &envelope.check_value,
    };
    if key.check_value() != *expected(start) {
        // The slot opened (so the secret was right) but names another key: the file is damaged.
        return Err(Error::KeyFileCorrupt(format!(
            "the {slot} slot does not match its key check value"
        )));
    }
    for index in start..envelope.retired.len() {
        key = keys::unseal(&envelope.retired[index].successor, &key, &envelope.journal_id)?;
        if key.check_value() != *expected(index + 1) {
            return Err(Error::KeyFileCorrupt(
                "a successor key does not match its check value".into(),
            ));
        }
    }
    Ok(Reached { key, through_retired: generation != Generation::Current })
}

impl Journal {
    /// Sets or changes the passphrase: rewraps the same data key, re-encrypts nothing. Earlier
    /// passphrases kept by a pending key change stop working too.
    pub fn set_passphrase(&mut self, passphrase: &SecretString, kdf: KdfParams) -> Result<()> {
        keys::check_new_passphrase(passphrase)?;
        // Argon2 takes a moment: before the gate, not under it.
        let aad = self.envelope.aad("passphrase");
        let slot = keys::wrap(&self.key, passphrase.expose_secret().as_bytes(), kdf, &aad)?;
        self.change_key_file(|envelope| {
            envelope.passphrase = Some(slot);
            for retired in &mut envelope.retired {
                retired.passphrase = None;
            }
            Ok(())
        })
    }

    /// Issues a new recovery code. It opens the journal at once, and so does the code it
    /// replaces until `confirm_recovery_code` says the new one was saved.
    pub fn new_recovery_code(&mut self, kdf: KdfParams) -> Result<RecoveryCode> {
        let (code, slot) = self.envelope.wrap_new_recovery_code(&self.key, kdf)?;
        self.change_key_file(|envelope| {
            envelope.new_recovery = Some(slot);
            Ok(())
        })?;
        Ok(code)
    }

    /// The user saved the new recovery code (after `new_recovery_code` or a key change): the
    /// code it replaces, and the retired keys of a key change with all their ways in, stop
    /// working. The keyring is given the current key first when the journal keeps one there.
    pub fn confirm_recovery_code(&mut self, keyring: Option<&Keyring>) -> Result<()> {
        if !self.envelope.awaits_confirmation() {
            return Ok(());
        }
        if let Some(keyring) = keyring {
            self.refresh_keyring(keyring);
        }
        self.change_key_file(|envelope| {
            if let Some(new) = envelope.new_recovery.take() {
                envelope.recovery = Some(new);
            }
            envelope.retired.clear();
            Ok(())
        })
    }

    /// Puts the key (back) into the OS keyring, e.g. after the keyring was wiped.
    pub fn remember_in_keyring(&mut self, keyring: &Keyring) -> Result<()> {
        let slot = Keyring::slot_for(&self.envelope.journal_id);
        keyring.store_key(&slot, &self.key)?;
        if self.envelope.keyring.as_ref() == Some(&slot) {
            return Ok(());
        }
        self.change_key_file(|envelope| {
            envelope.keyring = Some(slot);
            Ok(())
        })
    }

    /// Gives the keyring the current key when it holds an older one (best effort: the retired
    /// keys reach the current one until the next confirmation anyway).
    pub(super) fn refresh_keyring(&self, keyring: &Keyring) {
        if let Some(slot) = &self.envelope.keyring {
            let current = keyring.load_key(slot).ok().is_some_and(|held| held == self.key);
            if !current {
                let _ = keyring.store_key(slot, &self.key);
            }
        }
    }

    /// Changes the key file: under the gate, re-reads it, checks it still belongs to this key,
    /// applies `change` and replaces the file atomically.
    fn change_key_file(&mut self, change: impl FnOnce(&mut Envelope) -> Result<()>) -> Result<()> {
        let path = &self.layout.key_file;
        let check_value = self.key.check_value();
        let changed = self.claim.with_gate(|| {
            let mut envelope = Envelope::read(path)?;
            if envelope.check_value != check_value {
                return Err(Error::ChangedMeanwhile);
            }
            change(&mut envelope)?;
            faults::point("key file: changing");
            envelope.write(path)?;
            faults::point("key file: changed");
            Ok(envelope)
        })?;
        self.envelope = changed;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{new_journal, passphrase};
    use super::*;
    use std::fs;

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
    fn a_code_issued_in_the_older_alphabet_still_opens_the_journal() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut journal = new_journal(dir.path()).journal;
        // As journals set up before Crockford codes were: the slot wraps the RFC 4648 bits.
        let raw = [
            0x5a_u8, 0x01, 0xb3, 0x8e, 0xf0, 0x42, 0x17, 0x99, 0xc4, 0x2d, 0x63, 0x0a, 0xee, 0x75,
            0x1c, 0x80, 0x3f, 0xd2, 0x6b, 0x08,
        ];
        let old_code = data_encoding::BASE32_NOPAD.encode(&raw);
        let aad = journal.envelope.aad("recovery");
        journal.envelope.recovery =
            Some(keys::wrap(&journal.key, &raw, KdfParams::TEST_ONLY, &aad).expect("wrap"));
        journal.envelope.write(&journal.layout.key_file).expect("write");
        journal.lock().expect("lock");
        // Typed in lower case with spaces, 0 for O and 8 for B.
        let typed = old_code.to_lowercase().replace('o', "0").replace('b', "8");
        let typed = SecretString::from(format!("{} {}", &typed[..16], &typed[16..]));
        Journal::open(dir.path(), Unlock::RecoveryCode(&typed)).expect("the old code opens");
        let (_, slot) = Journal::open_with_secret(dir.path(), &typed).expect("typed at the prompt");
        assert_eq!(slot, super::super::SecretSlot::RecoveryCode);
        let wrong = SecretString::from(old_code.replace('A', "C").replace('Z', "Y"));
        assert!(matches!(
            Journal::open(dir.path(), Unlock::RecoveryCode(&wrong)),
            Err(Error::WrongRecoveryCode)
        ));
    }

    #[test]
    fn a_new_recovery_code_replaces_the_old_one_only_once_confirmed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let created = new_journal(dir.path());
        let old = SecretString::from(created.recovery_code.expose().to_owned());
        let mut journal = created.journal;
        let new = journal.new_recovery_code(KdfParams::TEST_ONLY).expect("new code");
        let new = SecretString::from(new.expose().to_owned());
        assert!(journal.envelope().awaits_confirmation());
        for code in [&old, &new] {
            Journal::open(dir.path(), Unlock::RecoveryCode(code))
                .expect("both open")
                .lock()
                .expect("lock");
        }
        journal.confirm_recovery_code(None).expect("confirm");
        assert!(!journal.envelope().awaits_confirmation());
        let err = Journal::open(dir.path(), Unlock::RecoveryCode(&old)).err().map(|e| e.kind());
        assert_eq!(err, Some(crate::ErrorKind::WrongRecoveryCode));
        Journal::open(dir.path(), Unlock::RecoveryCode(&new)).expect("the new code opens");
    }

    #[test]
    fn a_key_file_change_by_another_process_is_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut first = new_journal(dir.path()).journal;
        let pw = passphrase();
        let mut second = Journal::open(dir.path(), Unlock::Passphrase(&pw)).expect("second");
        let changed = SecretString::from("changed by the second".to_owned());
        second.set_passphrase(&changed, KdfParams::TEST_ONLY).expect("second changes it");
        // The first still holds the old key file in memory; its change must build on the new one.
        let code = first.new_recovery_code(KdfParams::TEST_ONLY).expect("first adds a code");
        let code = SecretString::from(code.expose().to_owned());
        drop((first, second));
        Journal::open(dir.path(), Unlock::Passphrase(&changed)).expect("second's change kept");
        Journal::open(dir.path(), Unlock::RecoveryCode(&code)).expect("first's change kept");
    }

    #[test]
    fn a_flipped_check_value_is_damage_not_the_keyring() {
        let dir = tempfile::tempdir().expect("tempdir");
        let journal = new_journal(dir.path()).journal;
        let mut envelope = journal.envelope.clone();
        journal.lock().expect("lock");
        envelope.check_value[0] ^= 1;
        // Written with a fresh checksum: only the slot/check-value mismatch can catch it.
        envelope.write(&dir.path().join("journal.keys")).expect("write");
        let pw = passphrase();
        let err = Journal::open(dir.path(), Unlock::Passphrase(&pw)).err().expect("damaged");
        assert_eq!(err.kind(), crate::ErrorKind::KeyFileCorrupt, "{err}");
        assert!(!err.to_string().contains("keyring"), "{err}");
    }
}
