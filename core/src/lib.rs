//! Dualtrack's core: the private, encrypted journal of a person moving from hands-on technical
//! work into leading a team.
//!
//! A journal is one SQLCipher database (`journal.db`) plus a key file (`journal.keys`) in a data
//! directory. The database's random data key is reached through slots: the OS keyring, a
//! passphrase, a recovery code. This crate knows nothing of windows, environment variables or
//! app directories: paths, secrets and "now" are passed in.

pub mod backup;
mod claim;
#[cfg(test)]
mod crash_steps;
mod db;
pub mod decisions;
mod drafts;
pub mod entry;
pub mod error;
pub mod exchange;
mod faults;
pub mod field;
pub mod import;
pub mod insights;
pub mod journal;
mod keychange;
pub mod keys;
pub mod layout;
pub mod reminder;
pub mod report;
pub mod search;
pub mod settings;

pub use backup::{BackupInfo, Contents, RestorePreview, VerifyReport};
pub use db::{IntegrityReport, SCHEMA_VERSION};
pub use decisions::{Choice, Decision};
pub use entry::{DateRange, Entry};
pub use error::{Error, ErrorKind, Result};
pub use exchange::ImportSummary;
pub use field::Field;
pub use insights::{Insights, InsightsRange};
pub use journal::{
    Created, DayRun, Journal, KeyringStatus, Rekeyed, Saved, SecretSlot, Setup, Unlock,
};
pub use keys::{KdfParams, Keyring, RecoveryCode, Slot};
pub use search::{Found, MAX_PAGE, SearchPage, SearchQuery, SnippetPart, TagCount};
pub use settings::{Phase, Settings};

#[cfg(test)]
pub(crate) mod tests {
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    pub(crate) fn day(text: &str) -> NaiveDate {
        crate::entry::parse_date(text).expect("valid test date")
    }

    pub(crate) fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 18, 30, 0).single().expect("valid instant")
    }
}
