//! The journal: one unlocked SQLCipher database plus the key that opened it.
//!
//! A `Journal` value exists only while the journal is unlocked; dropping it (locking) closes the
//! connection and zeroes the key. Creating never happens over an existing journal, and no
//! unlock failure ever leads to a new key.

mod backups;
mod create;
pub(crate) mod entries;
mod insights;
mod rekey;
mod run;
mod slots;

use std::path::Path;

use rusqlite::Connection;
use secrecy::SecretString;

pub use create::Created;
pub use entries::Saved;
pub(crate) use entries::{ENTRY_COLUMNS, from_row, instant};
pub use rekey::Rekeyed;
pub use run::DayRun;

use crate::claim::Claim;
use crate::db::{self, Mode};
use crate::error::{Error, Result};
use crate::keys::{DataKey, Envelope, KdfParams, Keyring, RecoveryCode};
use crate::layout::Layout;

/// An unlocked journal. Its connection, key and claim stay inside `journal/`: modules that own a
/// table's SQL (drafts, decisions, search, exchange) get the database through [`Journal::db`]
/// and [`Journal::write`], and nothing outside sees the key.
pub struct Journal {
    // Field order is drop order: the connection closes before the claim is given up.
    conn: Connection,
    layout: Layout,
    envelope: Envelope,
    key: DataKey,
    claim: Claim,
}

/// How to reach the data key of an existing journal.
#[derive(Clone, Copy)]
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
    /// The keyring could not keep the key; the technical reason, for a "Details" line.
    Unavailable(String),
}

impl Journal {
    /// Reads which slots an existing journal has, without unlocking it.
    pub fn probe(dir: &Path) -> Result<Envelope> {
        let layout = Layout::new(dir);
        let _claim = enter(&layout)?;
        check_files(&layout)?;
        Envelope::read(&layout.key_file)
    }

    /// Unlocks the journal in `dir`.
    pub fn open(dir: &Path, unlock: Unlock<'_>) -> Result<Journal> {
        let layout = Layout::new(dir);
        let mut claim = enter(&layout)?;
        check_files(&layout)?;
        let envelope = Envelope::read(&layout.key_file)?;
        let reached = slots::reach_key(&envelope, unlock)?;
        let conn = open_database(&layout, &reached.key, &mut claim)?;
        let journal = Journal { conn, layout, envelope, key: reached.key, claim };
        if let (true, Unlock::Keyring(keyring)) = (reached.through_retired, unlock) {
            // The keyring still held a key from before a key change: give it the current one.
            journal.refresh_keyring(keyring);
        }
        Ok(journal)
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
            // Shaped like a code: if it is no passphrase either, it was a mistyped code.
            return match Journal::open(dir, Unlock::Passphrase(secret)) {
                Ok(journal) => Ok((journal, SecretSlot::Passphrase)),
                Err(Error::WrongPassphrase | Error::SlotMissing(_)) => {
                    Err(Error::WrongRecoveryCode)
                }
                Err(e) => Err(e),
            };
        }
        Ok((Journal::open(dir, Unlock::Passphrase(secret))?, SecretSlot::Passphrase))
    }

    /// The database, for reading.
    pub(crate) fn db(&self) -> &Connection {
        &self.conn
    }

    /// Runs `write` in one write transaction, committed when it returns `Ok` (and rolled back
    /// otherwise).
    pub(crate) fn write<T>(
        &mut self,
        write: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = write(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `work` in one write transaction, committed only when `commit` is true and it
    /// returns `Ok`: a dry run is the same work, rolled back.
    pub(crate) fn rehearse<T>(
        &mut self,
        commit: bool,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = work(&tx)?;
        if commit {
            tx.commit()?;
        }
        Ok(value)
    }

    /// The settings (role start, trial, phases, prompts, idle lock).
    pub fn settings(&self) -> Result<crate::settings::Settings> {
        crate::settings::read(&self.conn)
    }

    /// Replaces all settings at once (in one transaction).
    pub fn set_settings(&mut self, settings: &crate::settings::Settings) -> Result<()> {
        self.write(|tx| crate::settings::write(tx, settings))?;
        self.store_reminder(settings)
    }

    /// Keeps the copy of the reminder setting beside the journal in step with the journal's
    /// own (the window reads it to remind while the journal is locked).
    pub fn store_reminder(&self, settings: &crate::settings::Settings) -> Result<()> {
        crate::reminder::store(&self.layout.dir, settings.reminder().as_ref())
    }

    /// The day to offer filling in, the morning after a missed reminder: yesterday, when a
    /// reminder is set, yesterday was one of its days, it has no entry, and the journal has an
    /// entry before it (a new journal is not behind).
    pub fn missed_day(&self, today: chrono::NaiveDate) -> Result<Option<chrono::NaiveDate>> {
        let Some(yesterday) = today.pred_opt() else { return Ok(None) };
        let Some(reminder) = self.settings()?.reminder() else { return Ok(None) };
        if !reminder.missed(yesterday, self.has_entry(yesterday)?) {
            return Ok(None);
        }
        Ok(self.has_entry_before(yesterday)?.then_some(yesterday))
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
        let Journal { conn, claim, .. } = self;
        let closed = conn.close().map_err(|(_, e)| Error::from(e));
        drop(claim);
        closed
    }
}

/// Claims the journal in `layout` for this process (shared), finishing or undoing an
/// interrupted set-up or key change first, and tidying leftovers when nobody else is in.
fn enter(layout: &Layout) -> Result<Claim> {
    if !layout.holds_journal() && !layout.staged_database().exists() {
        return Err(Error::NotInitialized(layout.dir.clone()));
    }
    let mut claim = Claim::shared(layout)?;
    if layout.needs_recovery() {
        // Only a process that died mid-change leaves staging behind (a change in progress
        // holds the journal alone). Finishing it needs the journal alone too.
        drop(claim);
        let mut sole = Claim::sole(layout)?;
        layout.finish_setup()?;
        crate::keychange::finish(layout)?;
        // Leftovers are only clutter: `verify` names any that stay.
        let _ = layout.tidy();
        sole.share()?;
        claim = sole;
    } else if !layout.leftovers().removable.is_empty() && claim.try_make_sole()? {
        let _ = layout.tidy();
        claim.share()?;
    }
    Ok(claim)
}

/// Opens the database for reading and writing; on a disk too full for that (SQLite cannot even
/// size its `-shm` file), opens it read-only so the entries can still be read and exported.
fn open_database(layout: &Layout, key: &DataKey, claim: &mut Claim) -> Result<Connection> {
    match db::open(&layout.database, key, Mode::Journal { create: false }) {
        Ok(conn) => Ok(conn),
        Err(e) if e.is_write_failure() => {
            let alone = claim.try_make_sole()?;
            let read_only = db::open(&layout.database, key, Mode::ReadOnly { alone });
            claim.share()?;
            read_only.map_err(|_| e)
        }
        Err(e) => Err(e),
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
        assert_eq!(err, Some(crate::ErrorKind::WrongPassphrase));
    }

    #[test]
    fn never_creates_over_an_existing_journal() {
        let dir = tempfile::tempdir().expect("tempdir");
        new_journal(dir.path()).journal.lock().expect("lock");
        let before = fs::read(dir.path().join("journal.keys")).expect("keys");
        let pw = passphrase();
        let again = Journal::create(dir.path(), Setup::new(None, Some(&pw)));
        assert_eq!(again.err().map(|e| e.kind()), Some(crate::ErrorKind::AlreadyExists));
        assert_eq!(fs::read(dir.path().join("journal.keys")).expect("keys"), before);
    }

    #[test]
    fn no_keyring_and_no_passphrase_is_refused_without_leaving_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let result = Journal::create(dir.path(), Setup::new(None, None));
        assert_eq!(result.err().map(|e| e.kind()), Some(crate::ErrorKind::NoUnlockPath));
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
        assert_eq!(err, Some(crate::ErrorKind::KeyMismatch));
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

    #[test]
    fn a_missed_reminder_day_is_offered_the_morning_after() {
        use crate::tests::{day, now};
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        // Saturday 5 Dec 2026: yesterday was a Friday.
        let today = day("2026-12-05");
        assert_eq!(j.missed_day(today).expect("no reminder"), None);
        let mut settings = j.settings().expect("settings");
        settings.reminder_time = chrono::NaiveTime::from_hms_opt(18, 0, 0);
        j.set_settings(&settings).expect("set");
        assert_eq!(j.missed_day(today).expect("new journal"), None, "a new journal is not behind");
        j.save(&crate::Entry::empty(day("2026-12-01")), now()).expect("save");
        assert_eq!(j.missed_day(today).expect("missed"), Some(day("2026-12-04")));
        assert_eq!(j.missed_day(day("2026-12-06")).expect("saturday"), None, "not a reminder day");
        j.save(&crate::Entry::empty(day("2026-12-04")), now()).expect("save");
        assert_eq!(j.missed_day(today).expect("done"), None);
    }
}
