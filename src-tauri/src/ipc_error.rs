//! The error the webview receives: `{kind, message}`, where `kind` is the core error's stable
//! kind (plus `locked` for a command that needs an unlocked journal), so the UI can branch on
//! it and show a next step.

use serde::Serialize;
use ts_rs::TS;

/// A failed command, as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub kind: String,
    pub message: String,
}

impl IpcError {
    pub fn locked() -> Self {
        IpcError { kind: "locked".into(), message: "the journal is locked; unlock it first".into() }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        IpcError { kind: "internal".into(), message: message.into() }
    }
}

impl From<dualtrack_core::Error> for IpcError {
    fn from(err: dualtrack_core::Error) -> Self {
        IpcError { kind: err.kind().to_owned(), message: err.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
