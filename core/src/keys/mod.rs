//! Key material: the journal's random data key and the slots that reach it.
//!
//! The data key is the SQLCipher raw key. It is never written anywhere in the clear: the OS
//! keyring holds it, and the key file holds it wrapped (XChaCha20-Poly1305) under keys derived
//! with Argon2id from the passphrase and from the recovery code. Key types derive neither
//! `Clone`, `Debug` nor `Serialize`, and zero themselves on drop.

mod envelope;
mod keyring;
mod recovery;

pub use envelope::{Envelope, KeyringSlot, MAX_RETIRED, Retired, Sealed, Slot, WrappedSlot};
pub use keyring::Keyring;
pub use recovery::{RecoveryCode, write_recovery_sheet};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};

/// Length of the data key in bytes (256 bits).
pub const KEY_BYTES: usize = 32;

/// The random key the journal database is encrypted with.
pub struct DataKey(Zeroizing<[u8; KEY_BYTES]>);

impl DataKey {
    /// A fresh key from the operating system's random source.
    pub(crate) fn generate() -> Result<Self> {
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        random_fill(bytes.as_mut())?;
        Ok(DataKey(bytes))
    }

    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Self> {
        let array: [u8; KEY_BYTES] = bytes.try_into().ok()?;
        Some(DataKey(Zeroizing::new(array)))
    }

    /// Parses the hex form kept in the OS keyring.
    pub(crate) fn from_hex(text: &str) -> Option<Self> {
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        hex::decode_to_slice(text.trim(), bytes.as_mut()).ok()?;
        Some(DataKey(bytes))
    }

    pub(crate) fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(&self.0[..]))
    }

    /// SQLCipher's raw-key literal, `x'…'`: without the `x''` form the hex would be taken as a
    /// passphrase and stretched into a different key.
    pub(crate) fn sqlcipher_literal(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", self.to_hex().as_str()))
    }

    /// A key check value: tells a wrong key from a damaged file without trying the database.
    /// A hash of a 256-bit random key reveals nothing about the key.
    pub(crate) fn check_value(&self) -> Vec<u8> {
        let mut hash = Sha256::new();
        hash.update(b"dualtrack key check v1\0");
        hash.update(&self.0[..]);
        hash.finalize()[..16].to_vec()
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_ref()
    }
}

impl PartialEq for DataKey {
    /// Compared through the check value, so the comparison says nothing about the key bytes.
    fn eq(&self, other: &Self) -> bool {
        self.check_value() == other.check_value()
    }
}

pub(crate) fn random_fill(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| {
        Error::io("reading the system random source", std::io::Error::other(e.to_string()))
    })
}

/// Argon2id cost, stored with each wrapped slot so it can be raised later without a format change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// For passphrases people choose: about half a second on a small laptop, on purpose.
    pub const PASSPHRASE: KdfParams =
        KdfParams { memory_kib: 64 * 1024, iterations: 3, parallelism: 1 };
    /// For recovery codes, which carry 160 random bits and need little stretching.
    pub const RECOVERY: KdfParams =
        KdfParams { memory_kib: 19 * 1024, iterations: 2, parallelism: 1 };
    /// Cheap settings for tests only; never offered to users.
    pub const TEST_ONLY: KdfParams = KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 };

    /// The most memory a key file may ask Argon2 for (1 GiB, 16× what passphrases use).
    pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
    /// The most passes over that memory.
    pub const MAX_ITERATIONS: u32 = 16;
    /// Memory × passes, so a damaged file cannot make an unlock take minutes (~4 GiB·passes,
    /// about 10 s; passphrases use 192 MiB·passes).
    pub const MAX_WORK_KIB: u64 = 4 * 1024 * 1024;
    pub const MAX_PARALLELISM: u32 = 16;

    /// Refuses costs no Dualtrack writes: a damaged key file must not make the process allocate
    /// terabytes or spin for hours.
    pub(crate) fn validate(&self) -> std::result::Result<(), String> {
        let KdfParams { memory_kib: m, iterations: t, parallelism: p } = *self;
        if !(1..=Self::MAX_PARALLELISM).contains(&p) {
            return Err(format!("Argon2 parallelism {p} is outside 1–{}", Self::MAX_PARALLELISM));
        }
        if m < 8 * p || m > Self::MAX_MEMORY_KIB {
            return Err(format!(
                "Argon2 memory {m} KiB is outside {}–{} KiB",
                8 * p,
                Self::MAX_MEMORY_KIB
            ));
        }
        if !(1..=Self::MAX_ITERATIONS).contains(&t)
            || u64::from(m) * u64::from(t) > Self::MAX_WORK_KIB
        {
            return Err(format!(
                "Argon2 cost of {t} passes over {m} KiB is beyond what Dualtrack writes"
            ));
        }
        Ok(())
    }

    fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; KEY_BYTES]>> {
        self.validate().map_err(Error::KeyFileCorrupt)?;
        let params =
            Params::new(self.memory_kib, self.iterations, self.parallelism, Some(KEY_BYTES))
                .map_err(|e| Error::KeyFileCorrupt(format!("bad Argon2 parameters: {e}")))?;
        let mut out = Zeroizing::new([0u8; KEY_BYTES]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(secret, salt, out.as_mut())
            .map_err(|e| Error::KeyFileCorrupt(format!("Argon2 failed: {e}")))?;
        Ok(out)
    }
}

/// Wraps the data key under a key derived from `secret`; `aad` binds the slot to its journal.
pub(crate) fn wrap(
    key: &DataKey,
    secret: &[u8],
    kdf: KdfParams,
    aad: &[u8],
) -> Result<WrappedSlot> {
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 24];
    random_fill(&mut salt)?;
    random_fill(&mut nonce)?;
    let kek = kdf.derive(secret, &salt)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
    let ciphertext = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: key.bytes(), aad })
        .map_err(|_| Error::KeyFileCorrupt("wrapping the key failed".into()))?;
    Ok(WrappedSlot { kdf, salt: salt.to_vec(), nonce: nonce.to_vec(), ciphertext })
}

/// Unwraps a slot; `None` means the secret is wrong (or the slot was tampered with).
pub(crate) fn unwrap(slot: &WrappedSlot, secret: &[u8], aad: &[u8]) -> Result<Option<DataKey>> {
    if slot.nonce.len() != 24 {
        return Err(Error::KeyFileCorrupt("a slot nonce has the wrong length".into()));
    }
    let kek = slot.kdf.derive(secret, &slot.salt)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
    let Ok(mut plain) =
        cipher.decrypt(XNonce::from_slice(&slot.nonce), Payload { msg: &slot.ciphertext, aad })
    else {
        return Ok(None);
    };
    let key = DataKey::from_slice(&plain);
    plain.zeroize();
    Ok(key)
}

/// The key that seals a successor under `key`: derived, so the database key itself is never
/// used for a second purpose.
fn sealing_key(key: &DataKey) -> Zeroizing<[u8; KEY_BYTES]> {
    let mut hash = Sha256::new();
    hash.update(b"dualtrack successor v1\0");
    hash.update(key.bytes());
    Zeroizing::new(hash.finalize().into())
}

fn successor_aad(journal_id: &str, previous: &DataKey) -> Vec<u8> {
    format!("dualtrack-keys successor|{journal_id}|{}", hex::encode(previous.check_value()))
        .into_bytes()
}

/// Seals `next` under `previous`, so whatever reaches `previous` reaches `next` too.
pub(crate) fn seal(previous: &DataKey, next: &DataKey, journal_id: &str) -> Result<Sealed> {
    let mut nonce = [0u8; 24];
    random_fill(&mut nonce)?;
    let kek = sealing_key(previous);
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
    let aad = successor_aad(journal_id, previous);
    let ciphertext = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: next.bytes(), aad: &aad })
        .map_err(|_| Error::KeyFileCorrupt("sealing the new key failed".into()))?;
    Ok(Sealed { nonce: nonce.to_vec(), ciphertext })
}

/// Opens a sealed successor; a failure means the key file was damaged.
pub(crate) fn unseal(sealed: &Sealed, previous: &DataKey, journal_id: &str) -> Result<DataKey> {
    let kek = sealing_key(previous);
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
    let aad = successor_aad(journal_id, previous);
    let mut plain = cipher
        .decrypt(XNonce::from_slice(&sealed.nonce), Payload { msg: &sealed.ciphertext, aad: &aad })
        .map_err(|_| Error::KeyFileCorrupt("a successor key does not open".into()))?;
    let key = DataKey::from_slice(&plain);
    plain.zeroize();
    key.ok_or_else(|| Error::KeyFileCorrupt("a successor key has the wrong length".into()))
}

impl Envelope {
    /// Issues a new recovery code and puts the key wrapped under it in the recovery slot.
    pub(crate) fn issue_recovery_code(
        &mut self,
        key: &DataKey,
        kdf: KdfParams,
    ) -> Result<RecoveryCode> {
        let (code, slot) = self.wrap_new_recovery_code(key, kdf)?;
        self.recovery = Some(slot);
        Ok(code)
    }

    /// A new recovery code and the key wrapped under it, for this journal's recovery slot.
    pub(crate) fn wrap_new_recovery_code(
        &self,
        key: &DataKey,
        kdf: KdfParams,
    ) -> Result<(RecoveryCode, WrappedSlot)> {
        let code = RecoveryCode::generate()?;
        let slot = wrap(key, code.raw()?.as_slice(), kdf, &self.aad("recovery"))?;
        Ok((code, slot))
    }

    /// Puts the key wrapped under `passphrase` in the passphrase slot.
    pub(crate) fn set_passphrase(
        &mut self,
        key: &DataKey,
        passphrase: &SecretString,
        kdf: KdfParams,
    ) -> Result<()> {
        let wrapped =
            wrap(key, passphrase.expose_secret().as_bytes(), kdf, &self.aad("passphrase"))?;
        self.passphrase = Some(wrapped);
        Ok(())
    }
}

/// Minimum passphrase length: the passphrase guards the journal when the laptop is lost.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

pub(crate) fn check_new_passphrase(passphrase: &SecretString) -> Result<()> {
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::InvalidInput(format!(
            "the passphrase must be at least {MIN_PASSPHRASE_CHARS} characters"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_round_trip_and_wrong_secret() {
        let key = DataKey::generate().expect("random");
        let slot = wrap(&key, b"correct horse", KdfParams::TEST_ONLY, b"aad").expect("wrap");
        let back = unwrap(&slot, b"correct horse", b"aad").expect("kdf").expect("right secret");
        assert_eq!(back.bytes(), key.bytes());
        assert!(unwrap(&slot, b"wrong horse", b"aad").expect("kdf").is_none());
        // The slot is bound to its journal: the same secret under another journal id fails.
        assert!(unwrap(&slot, b"correct horse", b"other").expect("kdf").is_none());
    }

    #[test]
    fn tampered_ciphertext_is_rejected() {
        let key = DataKey::generate().expect("random");
        let mut slot = wrap(&key, b"pw", KdfParams::TEST_ONLY, b"aad").expect("wrap");
        slot.ciphertext[3] ^= 1;
        assert!(unwrap(&slot, b"pw", b"aad").expect("kdf").is_none());
    }

    #[test]
    fn check_value_depends_on_the_key() {
        let a = DataKey::generate().expect("random");
        let b = DataKey::generate().expect("random");
        assert_eq!(a.check_value().len(), 16);
        assert_ne!(a.check_value(), b.check_value());
        assert_eq!(DataKey::from_hex(&a.to_hex()).expect("hex").check_value(), a.check_value());
    }

    #[test]
    fn a_sealed_successor_opens_only_with_its_predecessor() {
        let (a, b, c) = (DataKey::generate(), DataKey::generate(), DataKey::generate());
        let (a, b, c) = (a.expect("random"), b.expect("random"), c.expect("random"));
        let sealed = seal(&a, &b, "journal").expect("seal");
        assert!(unseal(&sealed, &a, "journal").expect("opens") == b);
        assert_eq!(
            unseal(&sealed, &c, "journal").err().map(|e| e.kind()),
            Some(crate::ErrorKind::KeyFileCorrupt)
        );
        assert!(unseal(&sealed, &a, "another journal").is_err(), "bound to its journal");
    }

    #[test]
    fn raw_key_literal_has_sqlcipher_form() {
        let key = DataKey::generate().expect("random");
        let lit = key.sqlcipher_literal();
        assert!(lit.starts_with("x'") && lit.ends_with('\'') && lit.len() == 2 + 64 + 1);
    }
}
