//! Importing other journals (PRODUCT §12) into a real journal: every word of every source text
//! lands on the right local day, nothing is overwritten or duplicated, a refused file or a dry
//! run writes nothing, and the real exports of Day One, jrnl and Daylio read as they should.

use std::path::{Path, PathBuf};

#[path = "../common/mod.rs"]
mod common;
mod daylio;
mod dayone;
mod jrnl;
mod rules;

use common::{create, day, now};
use dualtrack_core::import::{self, ImportOptions, ImportReport};
use dualtrack_core::{DateRange, Entry, Journal};

/// A fixture under `core/tests/fixtures/import/`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(path)
}

/// Reads and imports (or previews) a file with `options`.
pub fn import_with(
    journal: &mut Journal,
    path: &Path,
    options: &ImportOptions,
    dry_run: bool,
) -> dualtrack_core::Result<ImportReport> {
    let source = import::read(path, options)?;
    journal.import(&source, dry_run, now())
}

pub fn import_file(journal: &mut Journal, path: &str) -> ImportReport {
    import_with(journal, &fixture(path), &ImportOptions::default(), false).expect("import")
}

/// A fresh journal in a temporary folder.
pub fn journal() -> (tempfile::TempDir, Journal) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (journal, _code) = create(dir.path());
    (dir, journal)
}

pub fn all(journal: &Journal) -> Vec<Entry> {
    journal.list(DateRange::default()).expect("list")
}

/// The exchange export of the whole journal, byte for byte.
pub fn export(journal: &Journal) -> Vec<u8> {
    let mut out = Vec::new();
    journal.export_json(DateRange::default(), &mut out).expect("export");
    out
}

pub fn entry(journal: &Journal, date: &str) -> Entry {
    journal.get(day(date)).expect("entry")
}

/// Every word (letters and digits) of `text`, for "nothing of the source is lost" checks.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Asserts that every word of `source` appears in the journal's text.
pub fn keeps_every_word(journal: &Journal, source: &str) {
    let kept: std::collections::HashSet<String> =
        all(journal).iter().flat_map(|e| words(&e.text)).collect();
    let lost: Vec<String> = words(source).into_iter().filter(|w| !kept.contains(w)).collect();
    assert!(lost.is_empty(), "words lost in the import: {lost:?}");
}
