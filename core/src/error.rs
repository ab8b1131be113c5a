//! Every way a journal operation can fail, each with a stable `kind` the UI and CLI branch on.
//!
//! Messages are one plain sentence a user can act on; they never contain key material or entry
//! text.

use std::path::PathBuf;

/// Why a journal operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("there is no journal in {0}")]
    NotInitialized(PathBuf),
    #[error("a journal already exists in {0}; it was left untouched")]
    AlreadyExists(PathBuf),
    #[error(
        "the key file {0} is missing, so the journal beside it cannot be unlocked; put the key file back (from a copy) — the journal was left untouched"
    )]
    KeyFileMissing(PathBuf),
    #[error(
        "the journal file {0} is missing although its key file exists; restore it from a backup"
    )]
    DatabaseMissing(PathBuf),
    #[error("the key file is damaged ({0}); the journal was left untouched")]
    KeyFileCorrupt(String),
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("wrong recovery code")]
    WrongRecoveryCode,
    #[error("this journal has no {0}; unlock it another way")]
    SlotMissing(&'static str),
    #[error("the OS keyring is not available ({0}); unlock with your passphrase or recovery code")]
    KeyUnavailable(String),
    #[error(
        "the key in the OS keyring does not belong to this journal; unlock with your passphrase or recovery code"
    )]
    KeyMismatch,
    #[error("no way to unlock the journal: {0}")]
    NoUnlockPath(String),
    #[error("the journal file is damaged: {0}")]
    Corrupt(String),
    #[error(
        "this journal was written by a newer Dualtrack (schema {found}, this version knows {known}); update Dualtrack"
    )]
    TooNew { found: i64, known: i64 },
    #[error("no entry for {0}")]
    EntryNotFound(String),
    #[error("an entry for {0} already exists; use replace to overwrite it")]
    EntryExists(String),
    #[error("{field}: {reason}")]
    InvalidEntry { field: String, reason: String },
    #[error("{0}")]
    InvalidImport(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0} already exists; choose another name or allow replacing it")]
    FileExists(PathBuf),
    #[error("the report could not be drawn: {0}")]
    Render(String),
    #[error("the disk is full; nothing was changed, and everything saved before is intact")]
    DiskFull,
    #[error("the journal is busy in another process; try again in a moment")]
    Busy,
    #[error(
        "another Dualtrack process is changing the journal's key or restoring a backup; try again when it has finished"
    )]
    ChangeInProgress,
    #[error(
        "the journal is open in another Dualtrack process (the window, or a command still running); close or lock it there and try again — nothing was changed"
    )]
    InUse,
    #[error(
        "the journal's ways in were changed by another Dualtrack process meanwhile; nothing was changed — run the command again"
    )]
    ChangedMeanwhile,
    #[error("{0}; nothing was deleted")]
    InterruptedChange(String),
    #[error(
        "the journal could only be opened for reading (its disk is full or its folder cannot be written); free some space, then try again — nothing was lost"
    )]
    ReadOnly,
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(#[source] rusqlite::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every kind of failure a caller can branch on: the core's, plus the window's own (`Locked`,
/// `Internal`). Exported to the UI as `ErrorKind.ts`, so its message table names every kind or
/// does not compile. The JSON spelling is snake_case and never changes once shipped.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    NotInitialized,
    AlreadyExists,
    KeyFileMissing,
    DatabaseMissing,
    KeyFileCorrupt,
    WrongPassphrase,
    WrongRecoveryCode,
    SlotMissing,
    KeyUnavailable,
    KeyMismatch,
    NoUnlockPath,
    Corrupt,
    TooNew,
    EntryNotFound,
    EntryExists,
    InvalidEntry,
    InvalidImport,
    InvalidInput,
    /// A file is already where something was to be written.
    Exists,
    Render,
    DiskFull,
    Busy,
    InUse,
    InterruptedChange,
    ReadOnly,
    Io,
    Database,
    /// The window: the command needs an unlocked journal.
    Locked,
    /// The window: something that should not happen (a poisoned lock, a crashed task).
    Internal,
}

impl ErrorKind {
    /// The kind's stable name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotInitialized => "not_initialized",
            ErrorKind::AlreadyExists => "already_exists",
            ErrorKind::KeyFileMissing => "key_file_missing",
            ErrorKind::DatabaseMissing => "database_missing",
            ErrorKind::KeyFileCorrupt => "key_file_corrupt",
            ErrorKind::WrongPassphrase => "wrong_passphrase",
            ErrorKind::WrongRecoveryCode => "wrong_recovery_code",
            ErrorKind::SlotMissing => "slot_missing",
            ErrorKind::KeyUnavailable => "key_unavailable",
            ErrorKind::KeyMismatch => "key_mismatch",
            ErrorKind::NoUnlockPath => "no_unlock_path",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::TooNew => "too_new",
            ErrorKind::EntryNotFound => "entry_not_found",
            ErrorKind::EntryExists => "entry_exists",
            ErrorKind::InvalidEntry => "invalid_entry",
            ErrorKind::InvalidImport => "invalid_import",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Exists => "exists",
            ErrorKind::Render => "render",
            ErrorKind::DiskFull => "disk_full",
            ErrorKind::Busy => "busy",
            ErrorKind::InUse => "in_use",
            ErrorKind::InterruptedChange => "interrupted_change",
            ErrorKind::ReadOnly => "read_only",
            ErrorKind::Io => "io",
            ErrorKind::Database => "database",
            ErrorKind::Locked => "locked",
            ErrorKind::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// What kind of failure this is, for programs: the window's message table, `--json`
    /// output and the CLI's exit code branch on it.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotInitialized(_) => ErrorKind::NotInitialized,
            Error::AlreadyExists(_) => ErrorKind::AlreadyExists,
            Error::KeyFileMissing(_) => ErrorKind::KeyFileMissing,
            Error::DatabaseMissing(_) => ErrorKind::DatabaseMissing,
            Error::KeyFileCorrupt(_) => ErrorKind::KeyFileCorrupt,
            Error::WrongPassphrase => ErrorKind::WrongPassphrase,
            Error::WrongRecoveryCode => ErrorKind::WrongRecoveryCode,
            Error::SlotMissing(_) => ErrorKind::SlotMissing,
            Error::KeyUnavailable(_) => ErrorKind::KeyUnavailable,
            Error::KeyMismatch => ErrorKind::KeyMismatch,
            Error::NoUnlockPath(_) => ErrorKind::NoUnlockPath,
            Error::Corrupt(_) => ErrorKind::Corrupt,
            Error::TooNew { .. } => ErrorKind::TooNew,
            Error::EntryNotFound(_) => ErrorKind::EntryNotFound,
            Error::EntryExists(_) => ErrorKind::EntryExists,
            Error::InvalidEntry { .. } => ErrorKind::InvalidEntry,
            Error::InvalidImport(_) => ErrorKind::InvalidImport,
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::FileExists(_) => ErrorKind::Exists,
            Error::Render(_) => ErrorKind::Render,
            Error::DiskFull => ErrorKind::DiskFull,
            Error::Busy | Error::ChangeInProgress | Error::ChangedMeanwhile => ErrorKind::Busy,
            Error::InUse => ErrorKind::InUse,
            Error::InterruptedChange(_) => ErrorKind::InterruptedChange,
            Error::ReadOnly => ErrorKind::ReadOnly,
            Error::Io { .. } => ErrorKind::Io,
            Error::Database(_) => ErrorKind::Database,
        }
    }

    /// The technical reason behind a keyring failure (for a "Details" line), without the
    /// sentence around it; the whole message for any other error.
    pub fn detail(&self) -> String {
        match self {
            Error::KeyUnavailable(reason) => reason.clone(),
            other => other.to_string(),
        }
    }

    /// True when the journal is fine but this way in did not work: the caller should offer
    /// another slot (passphrase, recovery code) rather than give up or start a new journal.
    pub fn is_unlock_failure(&self) -> bool {
        matches!(
            self,
            Error::WrongPassphrase
                | Error::WrongRecoveryCode
                | Error::SlotMissing(_)
                | Error::KeyUnavailable(_)
                | Error::KeyMismatch
                | Error::NoUnlockPath(_)
        )
    }

    /// True when the disk refused a write (full, read-only, or an I/O failure while SQLite set
    /// up its files): opening read-only may still work.
    pub(crate) fn is_write_failure(&self) -> bool {
        use rusqlite::ErrorCode;
        match self {
            Error::DiskFull | Error::ReadOnly => true,
            Error::Database(e) => {
                matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::SystemIoFailure | ErrorCode::CannotOpen)
                )
            }
            _ => false,
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidEntry { field: field.into(), reason: reason.into() }
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        if source.raw_os_error() == Some(28) {
            // ENOSPC: say what happened, not "os error 28".
            return Error::DiskFull;
        }
        Error::Io { context: context.into(), source }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match err.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy,
            Some(ErrorCode::ReadOnly) => Error::ReadOnly,
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                Error::Corrupt("a page failed its integrity check or the file is truncated".into())
            }
            _ => Error::Database(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enospc_is_reported_as_disk_full() {
        let err = Error::io("writing", std::io::Error::from_raw_os_error(28));
        assert_eq!(err.kind(), ErrorKind::DiskFull);
    }

    #[test]
    fn sqlite_full_maps_to_disk_full() {
        let err = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        assert_eq!(Error::from(err).kind(), ErrorKind::DiskFull);
    }

    #[test]
    fn unlock_failures_are_told_apart_from_damage() {
        assert!(Error::WrongPassphrase.is_unlock_failure());
        assert!(Error::KeyUnavailable("no bus".into()).is_unlock_failure());
        assert!(!Error::Corrupt("x".into()).is_unlock_failure());
    }
}
