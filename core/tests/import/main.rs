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
use dualtrack_core::import::{self, ImportFormat, ImportOptions, ImportReport};
use dualtrack_core::{DateRange, Entry, ErrorKind, Journal};

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

/// Options with the person's satisfaction for some mood labels.
pub fn moods(pairs: &[(&str, u8)]) -> ImportOptions {
    let moods = pairs.iter().map(|(label, value)| ((*label).to_owned(), *value)).collect();
    ImportOptions { moods, ..ImportOptions::default() }
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

/// The dates of every entry in the journal, oldest first.
pub fn dates(journal: &Journal) -> Vec<String> {
    all(journal).iter().map(|e| e.date.to_string()).collect()
}

/// Imports a fixture into a fresh journal the way a person would: a preview, the import, then
/// the same file again. The preview writes nothing and says exactly what the import does; the
/// second import finds every entry already imported and leaves the export byte-identical.
pub fn import_checked(
    path: &str,
    options: &ImportOptions,
) -> (tempfile::TempDir, Journal, ImportReport) {
    let (dir, mut j) = journal();
    let empty = export(&j);
    let preview = import_with(&mut j, &fixture(path), options, true).expect(path);
    assert_eq!(export(&j), empty, "{path}: the preview wrote something");
    assert!(!preview.written);
    let report = import_with(&mut j, &fixture(path), options, false).expect(path);
    assert_eq!(report, ImportReport { written: true, ..preview }, "{path}: preview ≠ import");
    assert_eq!(
        (report.created, report.merged, report.already_imported),
        (report.days, 0, 0),
        "{path}: a fresh journal only gets new days"
    );
    assert_eq!(dates(&j).len(), report.days, "{path}");
    assert_eq!(report.first_day.map(|d| d.to_string()), dates(&j).first().cloned(), "{path}");
    assert_eq!(report.last_day.map(|d| d.to_string()), dates(&j).last().cloned(), "{path}");

    let before = export(&j);
    let again = import_with(&mut j, &fixture(path), options, false).expect(path);
    assert_eq!(
        (again.days, again.created, again.merged, again.skipped, again.already_imported),
        (0, 0, 0, report.skipped, report.source_entries - report.skipped),
        "{path}: importing again"
    );
    assert_eq!(export(&j), before, "{path}: importing again changed the journal");
    (dir, j, report)
}

/// What a fixture must give: source entries, skipped entries, warnings and the days it fills.
pub struct Expect<'a> {
    pub source_entries: usize,
    pub skipped: usize,
    pub warnings: usize,
    pub days: &'a [&'a str],
}

/// `import_checked`, then the fixture's format, counts, warnings and days as expected (and no
/// media left out: only Day One carries any).
pub fn imports_as(
    format: ImportFormat,
    path: &str,
    options: &ImportOptions,
    expect: &Expect,
) -> (tempfile::TempDir, Journal, ImportReport) {
    let (dir, j, report) = import_checked(path, options);
    assert_eq!(report.format, format, "{path}");
    assert_eq!(
        (report.source_entries, report.skipped, report.days, report.media_left_out),
        (expect.source_entries, expect.skipped, expect.days.len(), 0),
        "{path}"
    );
    assert_eq!(report.warnings.len(), expect.warnings, "{path}: {:?}", report.warnings);
    assert_eq!(dates(&j), expect.days, "{path}");
    (dir, j, report)
}

/// Imports a fixture into a journal that already has `date` (satisfaction 4, "Existing."):
/// the day is merged, keeps its number and its text at the top, and gets the import below one
/// "Imported from …" heading.
pub fn merges_below_existing(path: &str, options: &ImportOptions, date: &str, app: &str) {
    let (_dir, mut j) = journal();
    let mut mine = Entry::empty(day(date));
    mine.text = "Existing.".into();
    mine.satisfaction = Some(4);
    j.save(&mine, now()).expect("save");
    let report = import_with(&mut j, &fixture(path), options, false).expect(path);
    assert_eq!((report.merged, report.created), (1, report.days - 1), "{path}");
    let merged = entry(&j, date);
    assert_eq!(merged.satisfaction, Some(4), "{path}: the person's own number is kept");
    let heading = format!("Existing.\n\n## Imported from {app}\n\n### ");
    assert!(merged.text.starts_with(&heading), "{path}: {:?}", merged.text);
    assert_eq!(merged.text.matches("## Imported from").count(), 1, "{path}");

    let before = export(&j);
    let again = import_with(&mut j, &fixture(path), options, false).expect(path);
    assert_eq!((again.created, again.merged), (0, 0), "{path}");
    assert_eq!(export(&j), before, "{path}: importing again changed the merged day");
}

/// Imports a fixture into a journal with an entry of its own and expects a refusal: the same
/// one-sentence `invalid_import` error from the preview and the import, and nothing written.
pub fn refused(path: &str, options: &ImportOptions) -> String {
    let (_dir, mut j) = journal();
    let mut mine = Entry::empty(day("2000-01-01"));
    mine.text = "Mine.".into();
    j.save(&mine, now()).expect("save");
    let before = export(&j);
    let preview = import_with(&mut j, &fixture(path), options, true).expect_err(path);
    let err = import_with(&mut j, &fixture(path), options, false).expect_err(path);
    assert_eq!(err.kind(), ErrorKind::InvalidImport, "{path}: {err}");
    assert_eq!(preview.to_string(), err.to_string(), "{path}");
    assert_eq!(export(&j), before, "{path}: a refused file wrote something");
    one_sentence(&err.to_string());
    err.to_string()
}

/// Asserts that a message is one sentence: no full stop followed by a new capitalised one.
pub fn one_sentence(message: &str) {
    let second = message
        .match_indices(". ")
        .any(|(at, _)| message[at + 2..].starts_with(char::is_uppercase));
    assert!(!second && !message.trim().is_empty(), "not one sentence: {message}");
}

/// A fixture's report as sorted `from → to` pairs, for comparing renamed tags.
pub fn renamed(report: &ImportReport) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> =
        report.renamed_tags.iter().map(|r| (r.from.clone(), r.to.clone())).collect();
    pairs.sort();
    pairs
}

/// `pairs` as sorted owned pairs.
pub fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        pairs.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
    out.sort();
    out
}

/// Asserts that `needles` appear in `text` in this order.
pub fn in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let Some(at) = text[from..].find(needle) else {
            panic!("{needle:?} is missing or out of order in {text:?}");
        };
        from += at + needle.len();
    }
}
