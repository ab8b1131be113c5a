//! Creating a journal: never over an existing one, the key into the keyring first (and out of
//! it again if the rest fails), then the database under a staging name, the key file as the
//! commit point, and the rename. And undoing a creation whose recovery code nobody saw.

use std::path::Path;

use super::{Journal, KeyringStatus, Setup};
use crate::claim::Claim;
use crate::db::{self, Mode};
use crate::error::{Error, Result};
use crate::faults;
use crate::keys::{self, DataKey, Envelope, Keyring, RecoveryCode};
use crate::layout::{self, Layout};

/// A new journal and the recovery code to show the user exactly once.
pub struct Created {
    pub journal: Journal,
    pub recovery_code: RecoveryCode,
    pub keyring: KeyringStatus,
}

impl Created {
    /// Undoes the creation when the recovery code could not be shown (say, stdout was a full
    /// disk): a journal whose only recovery code nobody saw must not stay behind. Removes the
    /// empty journal and its keyring entry; refuses once anything was written to it.
    pub fn discard(self, keyring: Option<&Keyring>) -> Result<()> {
        let Created { mut journal, .. } = self;
        if journal.count()? > 0 || !journal.backups()?.is_empty() {
            return Err(Error::InvalidInput("the new journal already holds entries".into()));
        }
        journal.claim.make_sole()?;
        if let (Some(slot), Some(keyring)) = (journal.envelope.keyring.clone(), keyring) {
            let _ = keyring.forget(&slot);
        }
        let Journal { conn, layout, claim, .. } = journal;
        conn.close().map_err(|(_, e)| Error::from(e))?;
        // The key file first: without it nothing counts as a journal any more.
        layout::remove(&layout.key_file)?;
        layout::remove_with_sidecars(&layout.database)?;
        let _ = std::fs::remove_dir(&layout.backups);
        drop(claim);
        Ok(())
    }
}

impl Journal {
    /// Creates a journal in `dir`. Refuses when any journal file is already there.
    pub fn create(dir: &Path, setup: Setup<'_>) -> Result<Created> {
        let layout = Layout::new(dir);
        if layout.holds_journal() {
            return Err(Error::AlreadyExists(layout.dir));
        }
        if let Some(passphrase) = setup.passphrase {
            keys::check_new_passphrase(passphrase)?;
        }
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
                    Err(e) => KeyringStatus::Unavailable(e.detail()),
                }
            }
        };
        if setup.passphrase.is_none() && keyring != KeyringStatus::Stored {
            let why = match &keyring {
                KeyringStatus::Unavailable(reason) => {
                    format!("the OS keyring is not available ({reason})")
                }
                _ => "no OS keyring was asked for".to_owned(),
            };
            return Err(Error::NoUnlockPath(format!(
                "{why}; choose a passphrase to create the journal"
            )));
        }
        let keyring_slot = envelope.keyring.clone();
        match build(&layout, envelope, key, &setup) {
            Ok((journal, recovery_code)) => Ok(Created { journal, recovery_code, keyring }),
            Err(e) => {
                // The keyring entry would name a journal that does not exist.
                if let (Some(slot), Some(keyring)) = (keyring_slot, setup.keyring) {
                    let _ = keyring.forget(&slot);
                }
                Err(e)
            }
        }
    }
}

/// Builds a new journal in `layout.dir`, which must hold none: claims it alone, writes the
/// database under a staging name, then the key file (the commit point), then renames the
/// database into place. Returns the open journal, its claim shared.
fn build(
    layout: &Layout,
    mut envelope: Envelope,
    key: DataKey,
    setup: &Setup<'_>,
) -> Result<(Journal, RecoveryCode)> {
    layout::create_private_dir(&layout.dir)?;
    let mut claim = Claim::sole(layout)?;
    layout.finish_setup()?;
    crate::keychange::finish(layout)?;
    if layout.holds_journal() {
        return Err(Error::AlreadyExists(layout.dir.clone()));
    }
    let recovery_code = envelope.issue_recovery_code(&key, setup.recovery_kdf)?;
    if let Some(passphrase) = setup.passphrase {
        envelope.set_passphrase(&key, passphrase, setup.passphrase_kdf)?;
    }

    let staged = layout.staged_database();
    layout::remove_with_sidecars(&staged)?;
    let conn = db::open(&staged, &key, Mode::Journal { create: true })?;
    layout::make_private(&staged)?;
    conn.close().map_err(|(_, e)| Error::from(e))?;
    faults::point("create: database staged");
    envelope.write(&layout.key_file)?;
    faults::point("create: key file written");
    layout::rename(&staged, &layout.database)?;
    faults::point("create: database in place");

    let conn = db::open(&layout.database, &key, Mode::Journal { create: false })?;
    claim.share()?;
    let journal = Journal { conn, layout: layout.clone(), envelope, key, claim };
    Ok((journal, recovery_code))
}
