//! The OS keyring slot: the data key kept by the platform's credential store (Secret Service on
//! Linux, Keychain on macOS, Credential Manager on Windows), so daily unlock needs no typing.
//!
//! Every failure of the keyring — no D-Bus, no Secret Service, no collection, locked, entry
//! missing, a different key — surfaces as `KeyUnavailable` or `KeyMismatch`: "unlock another
//! way", never "this is a new user".

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry as KeyringEntry};

use super::DataKey;
use super::envelope::KeyringSlot;
use crate::error::{Error, Result};

/// The service name under which Dualtrack keeps journal keys.
pub const SERVICE: &str = "app.dualtrack";

/// A handle on a credential store. Built by the caller and passed in, so the core holds no
/// global store and tests can use keyring-core's mock store.
#[derive(Clone)]
pub struct Keyring {
    store: Arc<CredentialStore>,
}

impl Keyring {
    /// Connects to the platform's credential store. Fails (as `KeyUnavailable`) when there is
    /// none, e.g. no session bus or no Secret Service provider.
    pub fn platform() -> Result<Self> {
        Ok(Keyring { store: platform_store().map_err(describe)? })
    }

    /// Wraps any keyring-core store (the mock store in tests).
    pub fn from_store(store: Arc<CredentialStore>) -> Self {
        Keyring { store }
    }

    pub(crate) fn slot_for(journal_id: &str) -> KeyringSlot {
        KeyringSlot { service: SERVICE.to_owned(), user: format!("journal-{journal_id}") }
    }

    fn entry(&self, slot: &KeyringSlot) -> Result<KeyringEntry> {
        KeyringEntry::new_in_store(&self.store, &slot.service, &slot.user).map_err(describe)
    }

    /// Stores the key and reads it back: a keyring that accepts a write but cannot return it
    /// (seen with locked collections) is not a slot anyone can rely on.
    pub(crate) fn store_key(&self, slot: &KeyringSlot, key: &DataKey) -> Result<()> {
        let entry = self.entry(slot)?;
        entry.set_password(&key.to_hex()).map_err(describe)?;
        let back = self.load_key(slot)?;
        if back.check_value() != key.check_value() {
            return Err(Error::KeyUnavailable("the keyring returned a different value".into()));
        }
        Ok(())
    }

    pub(crate) fn load_key(&self, slot: &KeyringSlot) -> Result<DataKey> {
        let entry = self.entry(slot)?;
        let text = zeroize::Zeroizing::new(entry.get_password().map_err(describe)?);
        DataKey::from_hex(&text).ok_or(Error::KeyMismatch)
    }

    /// Removes the journal's key from the keyring; a missing entry is not an error.
    pub fn forget(&self, slot: &KeyringSlot) -> Result<()> {
        match self.entry(slot)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(describe(e)),
        }
    }
}

/// Turns a keyring-core error into the one user-facing failure it always means here.
fn describe(err: keyring_core::Error) -> Error {
    let reason = match &err {
        keyring_core::Error::NoEntry => "the journal's key is not in the keyring".to_owned(),
        keyring_core::Error::NoStorageAccess(e) => {
            format!("the keyring is locked or has no collection: {e}")
        }
        keyring_core::Error::PlatformFailure(e) => {
            format!("the keyring service could not be reached: {e}")
        }
        other => other.to_string(),
    };
    Error::KeyUnavailable(reason)
}

#[cfg(target_os = "linux")]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "macos")]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "windows")]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(keyring_core::Error::NotSupportedByStore("no OS keyring on this platform".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mock() -> Keyring {
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().expect("mock store");
        Keyring::from_store(store)
    }

    #[test]
    fn stores_loads_and_forgets() {
        let keyring = mock();
        let slot = Keyring::slot_for("j1");
        let key = DataKey::generate().expect("random");
        keyring.store_key(&slot, &key).expect("store");
        let back = keyring.load_key(&slot).expect("load");
        assert_eq!(back.check_value(), key.check_value());
        keyring.forget(&slot).expect("forget");
        assert_eq!(
            keyring.load_key(&slot).map(|_| ()).map_err(|e| e.kind()),
            Err(crate::ErrorKind::KeyUnavailable)
        );
        keyring.forget(&slot).expect("forgetting twice is fine");
    }
}
