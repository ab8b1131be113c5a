//! Shapes that exist only at the window boundary; the journal's own types (`Entry`,
//! `Settings`, …) cross it unchanged.

use dualtrack_core::entry::parse_date;
use dualtrack_core::{DateRange, SearchQuery};
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
    pub slots: Vec<String>,
    /// The OS keyring answered (so a new journal can keep its key there).
    pub keyring_available: bool,
    /// Why the keyring is not available, when it is not.
    pub keyring_problem: Option<String>,
    pub data_dir: String,
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
            range: range(self.from.as_deref(), self.to.as_deref())?,
            tags: self.tags,
            satisfaction: self.satisfaction,
            technical_share: self.technical_share,
        })
    }
}

/// A date range from optional `YYYY-MM-DD` strings.
pub fn range(from: Option<&str>, to: Option<&str>) -> dualtrack_core::Result<DateRange> {
    DateRange::new(from.map(parse_date).transpose()?, to.map(parse_date).transpose()?)
}
