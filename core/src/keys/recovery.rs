//! The recovery code: the way in when the keyring and the passphrase both fail, so it must
//! survive being written on paper and typed back by a tired person.
//!
//! New codes are 160 random bits in Crockford's base32 — digits and capitals without I, L, O
//! and U — as eight groups of four. Typing them back forgives case, spaces, dashes and the
//! confusions Crockford's alphabet is built for (O read as 0, I or L read as 1). Codes issued
//! before that used RFC 4648 base32 (A–Z, 2–7); they still work, and forgive case, spaces,
//! dashes, 0 for O and 8 for B. The raw bits, not the text, are what the slot's key is
//! derived from, so a code may be written in any of its spellings.

use data_encoding::{Encoding, Specification};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use super::random_fill;
use crate::error::{Error, Result};

/// A recovery code as shown to the person.
pub struct RecoveryCode(SecretString);

/// Random bytes in a code: 160 bits, 32 base32 symbols.
const BYTES: usize = 20;

/// The alphabet of the codes issued now, with the readings it forgives.
fn crockford() -> Result<Encoding> {
    let mut spec = Specification::new();
    spec.symbols.push_str("0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    spec.translate.from.push_str("abcdefghjkmnpqrstvwxyzoOiIlL");
    spec.translate.to.push_str("ABCDEFGHJKMNPQRSTVWXYZ001111");
    spec.encoding().map_err(|e| Error::InvalidInput(format!("recovery code alphabet: {e}")))
}

/// The alphabet of codes issued before (RFC 4648 base32), with the readings it forgives.
fn rfc4648() -> Result<Encoding> {
    let mut spec = Specification::new();
    spec.symbols.push_str("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    spec.translate.from.push_str("abcdefghijklmnopqrstuvwxyz08");
    spec.translate.to.push_str("ABCDEFGHIJKLMNOPQRSTUVWXYZOB");
    spec.encoding().map_err(|e| Error::InvalidInput(format!("recovery code alphabet: {e}")))
}

impl RecoveryCode {
    pub(crate) fn generate() -> Result<Self> {
        let mut raw = Zeroizing::new([0u8; BYTES]);
        random_fill(raw.as_mut())?;
        let plain = Zeroizing::new(crockford()?.encode(raw.as_ref()));
        let grouped: Vec<&str> = plain
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        Ok(RecoveryCode(SecretString::from(grouped.join("-"))))
    }

    /// The code as the person should write it down.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// The raw bits of a code this journal issued.
    pub(crate) fn raw(&self) -> Result<Zeroizing<Vec<u8>>> {
        Self::readings(self.expose()).into_iter().next().ok_or_else(|| {
            Error::InvalidInput("a generated recovery code did not read back".into())
        })
    }

    /// The raw bits a typed code may stand for, most likely first: as a code of today's
    /// alphabet, then as one of the older alphabet. Empty when it is neither.
    pub(crate) fn readings(typed: &str) -> Vec<Zeroizing<Vec<u8>>> {
        let cleaned: Zeroizing<String> =
            Zeroizing::new(typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect());
        [crockford(), rfc4648()]
            .into_iter()
            .flatten()
            .filter_map(|alphabet| alphabet.decode(cleaned.as_bytes()).ok())
            .filter(|raw| raw.len() == BYTES)
            .map(Zeroizing::new)
            .collect()
    }

    /// True when the typed text has the shape of a recovery code (so a prompt can try that slot).
    pub fn looks_like(typed: &str) -> bool {
        !Self::readings(typed).is_empty()
    }
}

/// Writes the recovery code to a file only its owner can read (0600, replaced whole or not at
/// all), with a line saying what it is. Refuses text that is not a recovery code, so this never
/// becomes a way to write arbitrary files.
pub fn write_recovery_sheet(path: &std::path::Path, code: &SecretString) -> Result<()> {
    let code = code.expose_secret().trim();
    if !RecoveryCode::looks_like(code) {
        return Err(Error::InvalidInput("that is not a recovery code".into()));
    }
    let sheet = Zeroizing::new(format!(
        "Dualtrack recovery code\n\n{code}\n\n\
         It opens your journal if the OS keyring and your passphrase both fail.\n\
         Keep it somewhere safe and away from this computer, e.g. printed or in a password manager.\n"
    ));
    crate::layout::write_atomically(path, sheet.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old_style_code(raw: &[u8]) -> String {
        let plain = data_encoding::BASE32_NOPAD.encode(raw);
        plain
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }

    #[test]
    fn new_codes_have_no_ambiguous_characters_and_read_back_however_typed() {
        for _ in 0..200 {
            let code = RecoveryCode::generate().expect("random");
            let shown = code.expose().to_owned();
            assert_eq!(shown.len(), 8 * 4 + 7, "eight groups of four: {shown}");
            assert!(!shown.contains(['I', 'L', 'O', 'U']), "no I, L, O or U: {shown}");
            let raw = code.raw().expect("reads back");
            assert_eq!(raw.len(), BYTES);
            // Lower case, spaces for dashes, and O/I/L typed for 0/1.
            let typed = shown.to_lowercase().replace('-', " ").replace('0', "o").replace('1', "l");
            assert_eq!(RecoveryCode::readings(&typed).first(), Some(&raw), "{typed}");
            assert_eq!(RecoveryCode::readings(&shown.replace('1', "I")).first(), Some(&raw));
        }
    }

    #[test]
    fn codes_of_the_older_alphabet_still_read_with_their_confusions_forgiven() {
        let raw = [0x5a_u8; BYTES];
        let shown = old_style_code(&raw);
        assert!(shown.contains('O') || shown.contains('B') || shown.contains('L'), "{shown}");
        let typed = shown.to_lowercase().replace('o', "0").replace('b', "8").replace('-', "  ");
        let readings = RecoveryCode::readings(&typed);
        assert!(readings.iter().any(|r| r.as_slice() == raw), "{typed} reads as the old code");
        assert!(RecoveryCode::looks_like(&typed));
    }

    #[test]
    fn the_sheet_is_private_and_holds_the_code() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("recovery.txt");
        let code = RecoveryCode::generate().expect("random");
        write_recovery_sheet(&path, &SecretString::from(code.expose().to_owned())).expect("write");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            text.contains(code.expose()) && text.starts_with("Dualtrack recovery code"),
            "{text}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let other = dir.path().join("other.txt");
        let err = write_recovery_sheet(&other, &SecretString::from("rm -rf".to_owned()));
        assert!(err.is_err() && !other.exists());
    }

    #[test]
    fn other_text_is_not_a_code() {
        for text in [
            "correct horse battery staple",
            "",
            "AAAA-BBBB",
            "ÄÄÄÄ-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA",
        ] {
            assert!(!RecoveryCode::looks_like(text), "{text:?}");
        }
    }
}
