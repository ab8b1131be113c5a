//! The private report (PRODUCT §6): what leaves the journal, in which format, with which parts
//! left out. One file per format; every format sees the same `Redaction`, so "no text" means no
//! text in any of them.

pub mod csv;
pub mod markdown;

use crate::entry::Entry;

/// What the user chose to leave out of a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Redaction {
    /// Leave out every entry's text.
    pub no_text: bool,
    /// Leave out every entry's tags.
    pub no_tags: bool,
    /// Only the summary: no entries at all.
    pub summary_only: bool,
}

impl Redaction {
    /// The entry as it may leave the journal.
    pub fn apply(&self, entry: &Entry) -> Entry {
        let mut out = entry.clone();
        if self.no_text {
            out.text.clear();
        }
        if self.no_tags {
            out.tags.clear();
        }
        out
    }
}
