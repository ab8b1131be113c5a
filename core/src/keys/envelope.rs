//! The key file (`journal.keys`): a small versioned JSON document beside the database holding
//! the journal id, a key check value and the slots that reach the data key.
//!
//! It is replaced atomically (temp file, fsync, rename, fsync of the directory), so a crash
//! leaves either the old or the new file, never half of one. It holds no plaintext key.

use std::fs::{self, File};
use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};

use super::KdfParams;
use crate::error::{Error, Result};

const FORMAT: &str = "dualtrack-keys";
const VERSION: u32 = 1;

/// The parsed key file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope {
    format: String,
    version: u32,
    /// Random id naming this journal in the OS keyring and binding the wrapped slots to it.
    pub journal_id: String,
    #[serde(with = "b64")]
    pub(crate) check_value: Vec<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyring: Option<KeyringSlot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passphrase: Option<WrappedSlot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<WrappedSlot>,
}

/// Where in the OS keyring the data key was stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyringSlot {
    pub service: String,
    pub user: String,
}

/// The data key encrypted under a key derived from a secret the user holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WrappedSlot {
    pub kdf: KdfParams,
    #[serde(with = "b64")]
    pub salt: Vec<u8>,
    #[serde(with = "b64")]
    pub nonce: Vec<u8>,
    #[serde(with = "b64")]
    pub ciphertext: Vec<u8>,
}

impl Envelope {
    pub(crate) fn new(journal_id: String, check_value: Vec<u8>) -> Self {
        Envelope {
            format: FORMAT.to_owned(),
            version: VERSION,
            journal_id,
            check_value,
            keyring: None,
            passphrase: None,
            recovery: None,
        }
    }

    /// The associated data that binds a wrapped slot to this journal and slot name.
    pub(crate) fn aad(&self, slot: &str) -> Vec<u8> {
        format!("{FORMAT} v{VERSION}|{}|{slot}", self.journal_id).into_bytes()
    }

    /// Names of the slots present, for status output.
    pub fn slot_names(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.keyring.is_some() {
            names.push("keyring");
        }
        if self.passphrase.is_some() {
            names.push("passphrase");
        }
        if self.recovery.is_some() {
            names.push("recovery code");
        }
        names
    }

    pub(crate) fn read(path: &Path) -> Result<Self> {
        let bytes =
            fs::read(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
        let envelope: Envelope = serde_json::from_slice(&bytes).map_err(|e| {
            Error::KeyFileCorrupt(format!("{} is not a readable key file: {e}", path.display()))
        })?;
        if envelope.format != FORMAT {
            return Err(Error::KeyFileCorrupt(format!(
                "{} is not a Dualtrack key file",
                path.display()
            )));
        }
        if envelope.version != VERSION {
            return Err(Error::KeyFileCorrupt(format!(
                "key file version {} is not known to this Dualtrack (knows {VERSION})",
                envelope.version
            )));
        }
        if envelope.check_value.len() != 16 {
            return Err(Error::KeyFileCorrupt("the key check value has the wrong length".into()));
        }
        Ok(envelope)
    }

    /// Writes the key file atomically at `path`.
    pub(crate) fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::KeyFileCorrupt(format!("could not encode the key file: {e}")))?;
        crate::layout::write_atomically(path, &json)
    }
}

/// Makes a rename to `path` durable by syncing its directory.
pub(crate) fn sync_parent(path: &Path) -> Result<()> {
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}

/// Makes a rename in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(format!("syncing {}", dir.display()), e))
}

mod b64 {
    use super::B64;
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&B64.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        B64.decode(text.as_bytes()).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_other_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("journal.keys");
        let env = Envelope::new("abc".into(), vec![7; 16]);
        env.write(&path).expect("write");
        let back = Envelope::read(&path).expect("read");
        assert_eq!(back.journal_id, "abc");
        assert_eq!(back.check_value, vec![7; 16]);
        assert!(!dir.path().join(".journal.keys.tmp").exists(), "temp file renamed away");

        fs::write(&path, b"{\"format\":\"other\"}").expect("write");
        assert_eq!(Envelope::read(&path).map_err(|e| e.kind()).err(), Some("key_file_corrupt"));
        fs::write(&path, b"\x00\x01garbage").expect("write");
        assert_eq!(Envelope::read(&path).map_err(|e| e.kind()).err(), Some("key_file_corrupt"));
    }
}
