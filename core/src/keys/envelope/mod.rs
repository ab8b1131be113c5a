//! The key file (`journal.keys`): a small versioned JSON document beside the database holding
//! the journal id, a key check value and the slots that reach the data key.
//!
//! It is replaced atomically (temp file, fsync, rename, fsync of the directory), so a crash
//! leaves either the old or the new file, never half of one. It holds no plaintext key.
//! Version 2 adds a checksum (a damaged file is told apart from a wrong secret), a recovery code
//! awaiting confirmation, and the retired keys of a key change whose new recovery code has not
//! been confirmed yet. Everything read from it is bounded before use: its size, the lengths of
//! salts, nonces and wrapped keys, and the Argon2 costs.

use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::KdfParams;
use crate::error::{Error, Result};

const FORMAT: &str = "dualtrack-keys";
const VERSION: u32 = 2;
/// The start of every slot's associated data, unchanged since version 1 so older slots open.
const AAD_PREFIX: &str = "dualtrack-keys v1";
/// A key file is about a kilobyte; anything much larger is not one.
pub const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;
/// How many key changes can await confirmation of their recovery code at once.
pub const MAX_RETIRED: usize = 8;

const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 24;
/// A wrapped 256-bit key with its 16-byte tag.
const WRAPPED_BYTES: usize = 32 + 16;
const CHECK_VALUE_BYTES: usize = 16;

/// The parsed key file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// A recovery code that was issued but not yet confirmed as saved. It opens the journal, and
    /// so does the code it is to replace, until the user confirms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) new_recovery: Option<WrappedSlot>,
    /// After a key change, the earlier keys (oldest first) until the new recovery code is
    /// confirmed: each one's slots still open the journal through a chain of successor keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) retired: Vec<Retired>,
    /// SHA-256 of the file written without this field.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "b64_option")]
    checksum: Option<Vec<u8>>,
}

/// A way into a journal. Exported to the UI as `Slot.ts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Slot {
    /// The data key in the OS keyring.
    Keyring,
    /// The data key wrapped under a passphrase.
    Passphrase,
    /// The data key wrapped under the recovery code.
    RecoveryCode,
}

impl Slot {
    /// How a person names it ("recovery code").
    pub fn label(self) -> &'static str {
        match self {
            Slot::Keyring => "keyring",
            Slot::Passphrase => "passphrase",
            Slot::RecoveryCode => "recovery code",
        }
    }
}

/// Where in the OS keyring the data key was stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyringSlot {
    pub service: String,
    pub user: String,
}

/// The data key encrypted under a key derived from a secret the user holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrappedSlot {
    pub kdf: KdfParams,
    #[serde(with = "b64")]
    pub salt: Vec<u8>,
    #[serde(with = "b64")]
    pub nonce: Vec<u8>,
    #[serde(with = "b64")]
    pub ciphertext: Vec<u8>,
}

/// An earlier data key's ways in, kept while a key change awaits confirmation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retired {
    #[serde(with = "b64")]
    pub(crate) check_value: Vec<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) passphrase: Option<WrappedSlot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) recovery: Option<WrappedSlot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) new_recovery: Option<WrappedSlot>,
    /// The next key of the chain, sealed under this one.
    pub(crate) successor: Sealed,
}

/// A key sealed under another key (XChaCha20-Poly1305).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sealed {
    #[serde(with = "b64")]
    pub(crate) nonce: Vec<u8>,
    #[serde(with = "b64")]
    pub(crate) ciphertext: Vec<u8>,
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
            new_recovery: None,
            retired: Vec::new(),
            checksum: None,
        }
    }

    /// The associated data that binds a wrapped slot to this journal and slot name.
    pub(crate) fn aad(&self, slot: &str) -> Vec<u8> {
        format!("{AAD_PREFIX}|{}|{slot}", self.journal_id).into_bytes()
    }

    /// The ways in this journal has.
    pub fn slots(&self) -> Vec<Slot> {
        let mut slots = Vec::new();
        if self.keyring.is_some() {
            slots.push(Slot::Keyring);
        }
        if self.passphrase.is_some() {
            slots.push(Slot::Passphrase);
        }
        if self.recovery.is_some() || self.new_recovery.is_some() {
            slots.push(Slot::RecoveryCode);
        }
        slots
    }

    /// True while a new recovery code (after a key change or on request) has not been
    /// confirmed as saved: the secrets it replaces still open the journal until then.
    pub fn awaits_confirmation(&self) -> bool {
        self.new_recovery.is_some() || !self.retired.is_empty()
    }

    /// Reads and checks the key file at `path`.
    pub(crate) fn read(path: &Path) -> Result<Self> {
        let bytes =
            crate::layout::read_bounded(path, MAX_KEY_FILE_BYTES, "the key file").map_err(|e| {
                match e {
                    Error::InvalidInput(why) => Error::KeyFileCorrupt(why),
                    other => other,
                }
            })?;
        Envelope::parse(&bytes).map_err(|why| {
            Error::KeyFileCorrupt(format!("{} is not a readable key file: {why}", path.display()))
        })
    }

    fn parse(bytes: &[u8]) -> std::result::Result<Self, String> {
        let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if envelope.format != FORMAT {
            return Err("it is not a Dualtrack key file".into());
        }
        match (envelope.version, &envelope.checksum) {
            (1, None) => {}
            (1, Some(_)) => return Err("a version 1 key file has no checksum".into()),
            (VERSION, Some(sum)) => {
                if *sum != envelope.digest() {
                    return Err("its checksum does not match (the file was damaged)".into());
                }
            }
            (VERSION, None) => return Err("its checksum is missing".into()),
            (v, _) => {
                return Err(format!(
                    "key file version {v} is not known to this Dualtrack (knows {VERSION})"
                ));
            }
        }
        envelope.validate()?;
        Ok(envelope)
    }

    /// Checks every length and cost before anything is derived or decrypted with them.
    fn validate(&self) -> std::result::Result<(), String> {
        if self.journal_id.len() != 32 || !self.journal_id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("the journal id is not 32 hexadecimal characters".into());
        }
        if self.check_value.len() != CHECK_VALUE_BYTES {
            return Err("the key check value has the wrong length".into());
        }
        if let Some(slot) = &self.keyring {
            let fine = |s: &str| !s.is_empty() && s.len() <= 256;
            if !fine(&slot.service) || !fine(&slot.user) {
                return Err("the keyring slot names no entry".into());
            }
        }
        for (name, slot) in [
            ("passphrase", &self.passphrase),
            ("recovery", &self.recovery),
            ("new recovery", &self.new_recovery),
        ] {
            if let Some(slot) = slot {
                slot.validate().map_err(|why| format!("the {name} slot is damaged: {why}"))?;
            }
        }
        if self.retired.len() > MAX_RETIRED {
            return Err(format!(
                "it lists {} retired keys (at most {MAX_RETIRED})",
                self.retired.len()
            ));
        }
        for retired in &self.retired {
            if retired.check_value.len() != CHECK_VALUE_BYTES {
                return Err("a retired key check value has the wrong length".into());
            }
            for slot in [&retired.passphrase, &retired.recovery, &retired.new_recovery]
                .into_iter()
                .flatten()
            {
                slot.validate().map_err(|why| format!("a retired slot is damaged: {why}"))?;
            }
            if retired.successor.nonce.len() != NONCE_BYTES
                || retired.successor.ciphertext.len() != WRAPPED_BYTES
            {
                return Err("a successor key has the wrong length".into());
            }
        }
        Ok(())
    }

    /// The checksum of everything but the checksum itself.
    fn digest(&self) -> Vec<u8> {
        let mut plain = self.clone();
        plain.checksum = None;
        // Serialising a plain struct of strings, numbers and lists cannot fail.
        let bytes = serde_json::to_vec(&plain).unwrap_or_default();
        Sha256::digest(&bytes).to_vec()
    }

    /// The file's bytes (always the current version, with its checksum).
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut file = self.clone();
        file.format = FORMAT.to_owned();
        file.version = VERSION;
        file.checksum = None;
        file.checksum = Some(file.digest());
        serde_json::to_vec_pretty(&file)
            .map_err(|e| Error::KeyFileCorrupt(format!("could not encode the key file: {e}")))
    }

    /// Writes the key file atomically at `path`.
    pub(crate) fn write(&self, path: &Path) -> Result<()> {
        crate::layout::write_atomically(path, &self.to_bytes()?)
    }

    /// True when `other` has the same content (the checksum and version aside).
    pub(crate) fn same_as(&self, other: &Envelope) -> bool {
        self.to_bytes().ok() == other.to_bytes().ok()
    }
}

impl WrappedSlot {
    fn validate(&self) -> std::result::Result<(), String> {
        self.kdf.validate()?;
        if self.salt.len() != SALT_BYTES
            || self.nonce.len() != NONCE_BYTES
            || self.ciphertext.len() != WRAPPED_BYTES
        {
            return Err("a salt, nonce or wrapped key has the wrong length".into());
        }
        Ok(())
    }
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

mod b64_option {
    use super::B64;
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(bytes) => s.serialize_str(&B64.encode(bytes)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        text.map(|t| B64.decode(t.as_bytes()).map_err(serde::de::Error::custom)).transpose()
    }
}

#[cfg(test)]
mod tests;
