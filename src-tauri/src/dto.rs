//! Shapes that exist only at the window boundary; the journal's own types (`Entry`,
//! `Settings`, …) cross it unchanged.

use dualtrack_core::report::{Preview, Redaction, ReportFormat, ReportRequest};
use dualtrack_core::{DateRange, SearchQuery, Slot};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the first screen needs to know before anything is unlocked.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct JournalStatus {
    /// A journal exists in the data directory (never offer "create" then).
    pub exists: bool,
    pub unlocked: bool,
    /// The journal's ways in: "keyring", "passphrase", "recovery code".
    pub slots: Vec<Slot>,
    /// The OS keyring answered (so a new journal can keep its key there).
    pub keyring_available: bool,
    /// Why the keyring is not available, when it is not.
    pub keyring_problem: Option<String>,
    pub data_dir: String,
}

/// What Settings says about the reminder's reach: whether the desktop can show notifications
/// and whether the app starts at login.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReminderStatus {
    pub notifications: bool,
    pub start_at_login: bool,
}

/// A new journal: the recovery code is shown once.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CreatedJournal {
    pub recovery_code: String,
    pub keyring_stored: bool,
    pub keyring_problem: Option<String>,
}

/// Search filters as the UI sends them.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct SearchFilters {
    pub text: String,
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Inclusive [min, max] on the 1–10 scale.
    #[ts(optional)]
    pub satisfaction: Option<(u8, u8)>,
    /// Inclusive [min, max] percent.
    #[ts(optional)]
    pub technical_share: Option<(u8, u8)>,
}

impl SearchFilters {
    pub fn into_query(self) -> dualtrack_core::Result<SearchQuery> {
        Ok(SearchQuery {
            text: self.text,
            range: DateRange::parse(self.from.as_deref(), self.to.as_deref())?,
            tags: self.tags,
            satisfaction: self.satisfaction,
            technical_share: self.technical_share,
        })
    }
}

/// What the Export view asks for.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ExportRequest {
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
    pub format: ReportFormat,
    pub redaction: Redaction,
}

impl ExportRequest {
    pub fn into_request(self) -> dualtrack_core::Result<ReportRequest> {
        Ok(ReportRequest {
            range: DateRange::parse(self.from.as_deref(), self.to.as_deref())?,
            format: self.format,
            redaction: self.redaction,
        })
    }
}

/// The preview, with where the file would go by default.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReportPreview {
    #[serde(flatten)]
    #[ts(flatten)]
    pub preview: Preview,
    /// The suggested file name in the user's documents folder (home when there is none).
    pub suggested_path: String,
}

/// The file an export goes to: a full path, or one starting with `~/` (the home folder).
pub fn export_path(text: &str) -> dualtrack_core::Result<std::path::PathBuf> {
    full_path(text, "choose where to save the report")
}

/// The export to import, by the same rules as `export_path`.
pub fn import_path(text: &str) -> dualtrack_core::Result<std::path::PathBuf> {
    full_path(text, "choose the file to import")
}

fn full_path(text: &str, hint: &str) -> dualtrack_core::Result<std::path::PathBuf> {
    let text = text.trim();
    let path = match text.strip_prefix("~/") {
        Some(rest) => dirs::home_dir().unwrap_or_default().join(rest),
        None => std::path::PathBuf::from(text),
    };
    if !path.is_absolute() {
        return Err(dualtrack_core::Error::InvalidInput(format!(
            "\"{text}\" is not a full path; {hint}"
        )));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_paths_are_full_paths_or_start_at_home() {
        assert_eq!(export_path(" /tmp/r.pdf ").expect("full"), std::path::Path::new("/tmp/r.pdf"));
        let home = export_path("~/r.pdf").expect("home");
        assert!(home.is_absolute() && home.ends_with("r.pdf"), "{}", home.display());
        let err = export_path("r.pdf").expect_err("relative");
        assert_eq!(err.kind(), dualtrack_core::ErrorKind::InvalidInput);
    }
}
