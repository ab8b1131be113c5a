//! What the integration tests share: a fixed "now", a journal with a test-only KDF, byte search.
#![allow(dead_code)]

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use dualtrack_core::entry::parse_date;
use dualtrack_core::{Journal, KdfParams, Setup};
use secrecy::SecretString;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).single().expect("instant")
}

pub fn day(s: &str) -> NaiveDate {
    parse_date(s).expect("date")
}

pub fn pw() -> SecretString {
    SecretString::from("correct horse battery".to_owned())
}

pub fn create(dir: &Path) -> (Journal, String) {
    let pw = pw();
    let setup = Setup {
        keyring: None,
        passphrase: Some(&pw),
        passphrase_kdf: KdfParams::TEST_ONLY,
        recovery_kdf: KdfParams::TEST_ONLY,
    };
    let created = Journal::create(dir, setup).expect("create");
    let code = created.recovery_code.expose().to_owned();
    (created.journal, code)
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
