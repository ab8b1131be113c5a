//! The journal's promises (PRODUCT §10), checked through the public API on real SQLCipher files:
//! no plaintext on disk, wrong keys told apart from damage, bad input changes nothing, and the
//! exchange format round-trips exactly.

use std::fs;
use std::path::Path;

mod common;

use common::{contains, create, day, now, pw};
use dualtrack_core::{DateRange, Entry, Journal, SearchQuery, Setup, Unlock};
use secrecy::SecretString;
use sha2::{Digest, Sha256};

fn open(dir: &Path) -> dualtrack_core::Result<Journal> {
    let pw = pw();
    Journal::open(dir, Unlock::Passphrase(&pw))
}

fn sha(path: &Path) -> String {
    hex::encode(Sha256::digest(fs::read(path).expect("read file")))
}

/// Every file in the journal directory (database, WAL, SHM, key file, backups).
fn all_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for item in fs::read_dir(&d).expect("read dir") {
            let path = item.expect("entry").path();
            if path.is_dir() { stack.push(path) } else { out.push(path) }
        }
    }
    out
}

fn assert_no_plaintext(dir: &Path, markers: &[String], when: &str) {
    for file in all_files(dir) {
        let bytes = fs::read(&file).expect("read");
        for m in markers {
            assert!(
                !contains(&bytes, m.as_bytes()),
                "{when}: marker {m} found in {}",
                file.display()
            );
        }
        if file.extension().is_some_and(|e| e == "db") {
            assert!(
                !bytes.starts_with(b"SQLite format 3"),
                "{when}: plain header in {}",
                file.display()
            );
        }
    }
}

#[test]
fn no_entry_text_or_tag_reaches_the_disk_in_plaintext() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut journal, code) = create(dir.path());
    let mut markers = vec![code.clone(), code.replace('-', "")];
    for i in 0..40 {
        let text_marker = format!("PLANTEDTEXT{i:03}q7x");
        let tag_marker = format!("plantedtag{i:03}z");
        let mut e = Entry::empty(day("2026-01-01") + chrono::Days::new(i));
        e.text = format!("A private thought: {text_marker}. ") + &"filler words ".repeat(50);
        e.tags = vec![tag_marker.clone()];
        journal.save(&e, now()).expect("save");
        markers.push(text_marker);
        markers.push(tag_marker);
    }
    let wal = dir.path().join("journal.db-wal");
    assert!(fs::metadata(&wal).map(|m| m.len() > 0).unwrap_or(false), "the WAL holds the commits");
    assert_no_plaintext(dir.path(), &markers, "before checkpoint");

    journal.backup(now(), 3).expect("backup");
    assert_no_plaintext(dir.path(), &markers, "with a backup");

    journal.lock().expect("lock checkpoints");
    assert_no_plaintext(dir.path(), &markers, "after checkpoint");
    // The entries are really there (the markers were not missing for a dull reason).
    let journal = open(dir.path()).expect("open");
    let q = SearchQuery { text: "PLANTEDTEXT007q7x".into(), ..SearchQuery::default() };
    assert_eq!(journal.search(&q).expect("search").len(), 1);
}

#[test]
fn wrong_passphrase_is_not_corruption_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut journal, _) = create(dir.path());
    journal.save(&Entry::empty(day("2026-01-01")), now()).expect("save");
    journal.lock().expect("lock");
    let db = dir.path().join("journal.db");
    let keys = dir.path().join("journal.keys");
    let (db_sha, keys_sha) = (sha(&db), sha(&keys));
    let wrong = SecretString::from("battery staple horse".to_owned());
    let err = Journal::open(dir.path(), Unlock::Passphrase(&wrong)).err().expect("refused");
    assert_eq!(err.kind(), dualtrack_core::ErrorKind::WrongPassphrase);
    let bad_code = SecretString::from("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA".to_owned());
    let err = Journal::open(dir.path(), Unlock::RecoveryCode(&bad_code)).err().expect("refused");
    assert_eq!(err.kind(), dualtrack_core::ErrorKind::WrongRecoveryCode);
    assert_eq!((sha(&db), sha(&keys)), (db_sha, keys_sha), "files byte-identical");
}

/// Opens and reads everything; the first failure is the answer.
fn open_and_read(dir: &Path) -> dualtrack_core::Result<()> {
    let journal = open(dir)?;
    journal.list(DateRange::all())?;
    let report = journal.verify()?;
    if !report.is_ok() {
        return Err(dualtrack_core::Error::Corrupt(format!("{:?}", report.journal)));
    }
    Ok(())
}

fn journal_with_entries(dir: &Path, n: u64) {
    let (mut journal, _) = create(dir);
    for i in 0..n {
        let mut e = Entry::empty(day("2025-01-01") + chrono::Days::new(i));
        e.satisfaction = Some(5);
        e.text = format!("entry {i} ") + &"some longer reflection text ".repeat(30);
        journal.save(&e, now()).expect("save");
    }
    journal.lock().expect("lock");
}

#[test]
fn flipped_bytes_are_reported_as_corrupt_and_change_nothing() {
    for offset in [100usize, 4096 * 3 + 500, 4096 * 8 + 17] {
        let dir = tempfile::tempdir().expect("tempdir");
        journal_with_entries(dir.path(), 60);
        let db = dir.path().join("journal.db");
        let mut bytes = fs::read(&db).expect("read");
        assert!(bytes.len() > offset, "journal large enough to flip at {offset}");
        bytes[offset] ^= 0x55;
        fs::write(&db, &bytes).expect("write");
        let before = sha(&db);
        let err = open_and_read(dir.path()).expect_err("damage must be found");
        assert_eq!(err.kind(), dualtrack_core::ErrorKind::Corrupt, "offset {offset}: {err}");
        assert_eq!(sha(&db), before, "offset {offset}: file untouched");
    }
}

#[test]
fn a_truncated_file_is_reported_as_corrupt_and_changes_nothing() {
    for keep in [0.5f64, 0.9] {
        let dir = tempfile::tempdir().expect("tempdir");
        journal_with_entries(dir.path(), 60);
        let db = dir.path().join("journal.db");
        let bytes = fs::read(&db).expect("read");
        fs::write(&db, &bytes[..(bytes.len() as f64 * keep) as usize]).expect("truncate");
        let before = sha(&db);
        let err = open_and_read(dir.path()).expect_err("truncation must be found");
        assert_eq!(err.kind(), dualtrack_core::ErrorKind::Corrupt, "kept {keep}: {err}");
        assert_eq!(sha(&db), before, "kept {keep}: file untouched");
    }
}

#[test]
fn a_damaged_key_file_is_its_own_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    journal_with_entries(dir.path(), 1);
    fs::write(dir.path().join("journal.keys"), b"{ not json").expect("write");
    assert_eq!(
        open(dir.path()).err().map(|e| e.kind()),
        Some(dualtrack_core::ErrorKind::KeyFileCorrupt)
    );
    fs::remove_file(dir.path().join("journal.keys")).expect("remove");
    assert_eq!(
        open(dir.path()).err().map(|e| e.kind()),
        Some(dualtrack_core::ErrorKind::KeyFileMissing)
    );
    let pw = pw();
    let again = Journal::create(dir.path(), Setup::new(None, Some(&pw)));
    assert_eq!(
        again.err().map(|e| e.kind()),
        Some(dualtrack_core::ErrorKind::AlreadyExists),
        "never a new key over data"
    );
}

fn exchange_fixture() -> String {
    let big = "Ω≈ç√∫ — 日本語 — 🙂 ".repeat(1024 * 1024 / 40);
    let big: String = big
        .chars()
        .take_while({
            let mut bytes = 0usize;
            move |c| {
                bytes += c.len_utf8();
                bytes <= 1024 * 1024
            }
        })
        .collect();
    let doc = serde_json::json!({
        "format": "dualtrack", "version": 1,
        "settings": {"role_start": "2024-03-01", "trial_days": 90,
                     "phases": [{"name": "IC", "start": "2023-01-01"}, {"name": "manager", "start": "2024-03-01"}]},
        "entries": [
            {"date": "2024-03-01", "satisfaction": 7, "technical_share": 40, "leadership_satisfaction": 6,
             "technical_satisfaction": 8, "energy": 3, "meetings": 5, "focus_minutes": 90,
             "tags": ["1on1", "hiring"], "text": "First day as a manager. **Nervous.**\n\n- met the team"},
            {"date": "2024-03-02", "tags": [], "text": ""},
            {"date": "2024-03-03", "satisfaction": 1, "technical_share": 0, "meetings": 0, "focus_minutes": 0,
             "tags": ["incident"], "text": "Zero is a value: no meetings, no focus. \"quotes\" \\ backslash \u{0007}"},
            {"date": "2024-03-04", "tags": [], "text": big},
        ]
    });
    serde_json::to_string(&doc).expect("json")
}

#[test]
fn exchange_round_trip_is_lossless() {
    let fixture = exchange_fixture();
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut journal, _) = create(dir.path());
    let summary = journal.import_json(&fixture, now()).expect("import");
    assert_eq!(summary.added, 4);
    let mut first = Vec::new();
    journal.export_json(DateRange::all(), &mut first).expect("export");
    let exported: serde_json::Value = serde_json::from_slice(&first).expect("valid json");
    let original: serde_json::Value = serde_json::from_str(&fixture).expect("valid json");
    assert!(exported == original, "export equals the import");

    let other = tempfile::tempdir().expect("tempdir");
    let (mut second_journal, _) = create(other.path());
    second_journal.import_json(std::str::from_utf8(&first).expect("utf-8"), now()).expect("import");
    let mut second = Vec::new();
    second_journal.export_json(DateRange::all(), &mut second).expect("export");
    assert!(first == second, "export → import → export is byte-identical");
    let empty = second_journal.get(day("2024-03-02")).expect("all-NULL entry");
    assert_eq!(empty, Entry::empty(day("2024-03-02")), "not logged stays not logged");
}

#[test]
fn malformed_imports_name_the_problem_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut journal, _) = create(dir.path());
    journal.import_json(&exchange_fixture(), now()).expect("seed");
    let before = journal.list(DateRange::all()).expect("list");
    let ten_mb = "x".repeat(10 * 1024 * 1024);
    let entry = |body: &str| {
        format!(
            r#"{{"format":"dualtrack","version":1,"entries":[{{"date":"2025-05-05"}},{body}]}}"#
        )
    };
    let cases: Vec<(String, &str)> = vec![
        ("{\"format\": \"dualtrack\", \"version\": 1, \"entries\": [".into(), "not valid JSON"),
        (r#"{"format":"dualtrack","version":7,"entries":[]}"#.into(), "version 7 is not supported"),
        (
            entry(r#"{"date":"2025-05-06","technical_share":140}"#),
            "entry 2 (2025-05-06): technical_share: 140 is outside 0–100",
        ),
        (
            entry(r#"{"date":"2025-05-05","energy":2}"#),
            "entry 2 (2025-05-05) repeats the date of entry 1",
        ),
        (
            entry(&format!(r#"{{"date":"2025-05-07","text":"{ten_mb}"}}"#)),
            "entry 2 (2025-05-07): text: is 10485760 bytes",
        ),
        (entry(r#"{"date":"2025-13-01"}"#), "entry 2: date:"),
        (entry(r#"{"date":"2025-05-08","tags":["two words"]}"#), "entry 2 (2025-05-08): tags:"),
    ];
    for (text, expected) in cases {
        let err = journal.import_json(&text, now()).expect_err(expected);
        assert_eq!(err.kind(), dualtrack_core::ErrorKind::InvalidImport, "{err}");
        assert!(err.to_string().contains(expected), "{err} should contain {expected}");
        assert_eq!(
            journal.list(DateRange::all()).expect("list"),
            before,
            "nothing written for {expected}"
        );
    }
}
