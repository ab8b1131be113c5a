//! A keyring for the crash tests whose entries are files, so they outlive a crashed process
//! the way a real keyring's do (keyring-core's mock store lives in one process's memory).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use keyring_core::api::{CredentialApi, CredentialStoreApi};
use keyring_core::{Credential, CredentialStore};

use crate::keys::Keyring;

/// A keyring whose entries are files, so they outlive a crashed process like a real one.
pub(super) fn file_keyring(root: &Path) -> Keyring {
    let store: Arc<CredentialStore> = Arc::new(FileStore(root.join("keyring")));
    Keyring::from_store(store)
}

#[derive(Debug)]
struct FileStore(PathBuf);

#[derive(Debug)]
struct FileCred {
    path: PathBuf,
    specifiers: (String, String),
}

impl CredentialStoreApi for FileStore {
    fn vendor(&self) -> String {
        "dualtrack test files".into()
    }

    fn id(&self) -> String {
        self.0.display().to_string()
    }

    fn build(
        &self,
        service: &str,
        user: &str,
        _modifiers: Option<&HashMap<&str, &str>>,
    ) -> keyring_core::Result<keyring_core::Entry> {
        let path = self.0.join(hex::encode(format!("{service}\0{user}")));
        let cred: Arc<Credential> =
            Arc::new(FileCred { path, specifiers: (service.into(), user.into()) });
        Ok(keyring_core::Entry::new_with_credential(cred))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl CredentialApi for FileCred {
    fn set_secret(&self, secret: &[u8]) -> keyring_core::Result<()> {
        std::fs::create_dir_all(self.path.parent().expect("parent")).expect("mkdir");
        crate::layout::write_atomically(&self.path, secret)
            .map_err(|e| keyring_core::Error::PlatformFailure(Box::new(e)))
    }

    fn get_secret(&self) -> keyring_core::Result<Vec<u8>> {
        std::fs::read(&self.path).map_err(|_| keyring_core::Error::NoEntry)
    }

    fn delete_credential(&self) -> keyring_core::Result<()> {
        std::fs::remove_file(&self.path).map_err(|_| keyring_core::Error::NoEntry)
    }

    fn get_credential(&self) -> keyring_core::Result<Option<Arc<Credential>>> {
        Ok(None)
    }

    fn get_specifiers(&self) -> Option<(String, String)> {
        Some(self.specifiers.clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
