//! The error the webview receives: `{kind, message}`, where `kind` is the core error's stable
//! kind (plus `locked` for a command that needs an unlocked journal), so the UI can branch on
//! it and show a next step.

use dualtrack_core::ErrorKind;
use serde::Serialize;
use ts_rs::TS;

/// A failed command, as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub kind: ErrorKind,
    pub message: String,
}

impl IpcError {
    pub fn locked() -> Self {
        IpcError {
            kind: ErrorKind::Locked,
            message: "the journal is locked; unlock it first".into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        IpcError { kind: ErrorKind::Internal, message: message.into() }
    }
}

impl From<dualtrack_core::Error> for IpcError {
    fn from(err: dualtrack_core::Error) -> Self {
        IpcError { kind: err.kind(), message: err.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_stable_json_spelling() {
        // The UI and scripts match these names: they never change once shipped.
        let all = [
            (ErrorKind::NotInitialized, "not_initialized"),
            (ErrorKind::AlreadyExists, "already_exists"),
            (ErrorKind::KeyFileMissing, "key_file_missing"),
            (ErrorKind::DatabaseMissing, "database_missing"),
            (ErrorKind::KeyFileCorrupt, "key_file_corrupt"),
            (ErrorKind::WrongPassphrase, "wrong_passphrase"),
            (ErrorKind::WrongRecoveryCode, "wrong_recovery_code"),
            (ErrorKind::SlotMissing, "slot_missing"),
            (ErrorKind::KeyUnavailable, "key_unavailable"),
            (ErrorKind::KeyMismatch, "key_mismatch"),
            (ErrorKind::NoUnlockPath, "no_unlock_path"),
            (ErrorKind::Corrupt, "corrupt"),
            (ErrorKind::TooNew, "too_new"),
            (ErrorKind::EntryNotFound, "entry_not_found"),
            (ErrorKind::EntryExists, "entry_exists"),
            (ErrorKind::InvalidEntry, "invalid_entry"),
            (ErrorKind::InvalidImport, "invalid_import"),
            (ErrorKind::InvalidInput, "invalid_input"),
            (ErrorKind::Exists, "exists"),
            (ErrorKind::Render, "render"),
            (ErrorKind::DiskFull, "disk_full"),
            (ErrorKind::Busy, "busy"),
            (ErrorKind::InUse, "in_use"),
            (ErrorKind::InterruptedChange, "interrupted_change"),
            (ErrorKind::ReadOnly, "read_only"),
            (ErrorKind::Io, "io"),
            (ErrorKind::Database, "database"),
            (ErrorKind::Locked, "locked"),
            (ErrorKind::Internal, "internal"),
        ];
        for (kind, name) in all {
            assert_eq!(serde_json::to_value(kind).expect("json"), serde_json::json!(name));
            assert_eq!(kind.as_str(), name, "as_str matches the JSON");
        }
    }

    #[test]
    fn serialises_kind_and_message_only() {
        let err = IpcError::from(dualtrack_core::Error::WrongPassphrase);
        let json = serde_json::to_string(&err).expect("json");
        assert_eq!(json, r#"{"kind":"wrong_passphrase","message":"wrong passphrase"}"#);
        let invalid = IpcError::from(dualtrack_core::Error::InvalidEntry {
            field: "energy".into(),
            reason: "9 is outside 1–5".into(),
        });
        assert_eq!(
            serde_json::to_value(&invalid).expect("json"),
            serde_json::json!({"kind": "invalid_entry", "message": "energy: 9 is outside 1–5"})
        );
    }
}
