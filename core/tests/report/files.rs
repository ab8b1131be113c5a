//! Reports as files: JSON and CSV read back to the journal, the preview matches the file,
//! encrypted exports, replacing or keeping an existing file.

use crate::common::{contains, create, day, now};
use crate::{TAG_MARKER, TEXT_MARKER, decrypt, files_in, journal, pdftotext, render, request};
use dualtrack_core::Field;
use dualtrack_core::report::{self, Redaction, ReportFormat, ReportRequest};
use dualtrack_core::{DateRange, Entry};
use secrecy::SecretString;
use std::fs;

#[test]
fn json_report_imports_back_into_a_new_journal_identically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let first = render(&journal, &request(ReportFormat::Json, Redaction::default()));
    let other = tempfile::tempdir().expect("tempdir");
    let (mut copy, _) = create(other.path());
    let summary =
        copy.import_json(std::str::from_utf8(&first).expect("utf-8"), now()).expect("import");
    assert_eq!(summary.added, 40, "every day, the all-empty one too");
    let second = render(&copy, &request(ReportFormat::Json, Redaction::default()));
    assert!(first == second, "JSON → import → JSON is byte-identical");
    assert_eq!(copy.get(day("2026-01-08")).expect("day 7"), Entry::empty(day("2026-01-08")));
}

#[test]
fn csv_rows_read_back_to_the_journal_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let csv = render(&journal, &request(ReportFormat::Csv, Redaction::default()));
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    let mut back = Vec::new();
    for row in reader.records() {
        let row = row.expect("row");
        let mut e = Entry::empty(day(&row[0]));
        for field in Field::ALL {
            let col = header.iter().position(|h| h == field.name()).expect("column");
            let value = (!row[col].is_empty()).then(|| row[col].parse::<i64>().expect("number"));
            e.set_number(field, value).expect("in range");
        }
        // A cell that would start a spreadsheet formula carries a leading apostrophe.
        let cell = |name: &str| {
            let col = header.iter().position(|h| h == name).expect(name);
            report::csv::plain_cell(&row[col]).to_owned()
        };
        e.tags = cell("tags").split_whitespace().map(str::to_owned).collect();
        e.text = cell("text");
        back.push(e);
    }
    assert_eq!(back, journal.list(DateRange::all()).expect("list"), "CSV carries every field");
}

#[test]
fn preview_lists_exactly_what_leaves_and_the_file_matches_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let redaction = Redaction {
        no_tags: true,
        omit_fields: vec![Field::Energy, Field::Meetings],
        ..Redaction::default()
    };
    let range = DateRange::new(Some(day("2026-01-05")), Some(day("2026-01-14"))).expect("range");
    let request = ReportRequest { range, format: ReportFormat::Md, redaction };
    let report = journal.report(&request, day("2026-03-01")).expect("report");
    let preview = report.preview();
    assert_eq!((preview.from, preview.to), (day("2026-01-05"), day("2026-01-14")));
    assert_eq!(preview.entries, 10, "ten days in the range");
    assert_eq!(preview.entries_with_text, 9, "the empty day has no text");
    assert!(!preview.fields.iter().any(|f| f == "energy" || f == "meetings" || f == "tags"));
    assert!(
        preview.fields.iter().any(|f| f == "text")
            && preview.fields.iter().any(|f| f == "longest focus block")
            && !preview.fields.iter().any(|f| f.contains('_')),
        "the fields in words, never `focus_minutes`: {:?}",
        preview.fields
    );
    assert!(preview.tags.is_empty(), "tags are left out");
    assert_eq!(preview.text_samples.len(), 5);
    assert_eq!(
        preview.text_samples[0].line,
        format!("Day 4: {TEXT_MARKER} *went* fine, with a \"quote\", a comma")
    );
    assert_eq!(preview.sections, ["Summary figures", "Entries (10)"]);
    assert_eq!(preview.file_name, "dualtrack-report-2026-01-05-to-2026-01-14.md");

    let mut out = Vec::new();
    report.write(&mut out).expect("write");
    let md = String::from_utf8(out).expect("utf-8");
    assert!(!md.contains(TAG_MARKER) && !md.contains("energy") && !md.contains("meetings"), "{md}");
    assert_eq!(md.matches(TEXT_MARKER).count(), 9, "each text that the preview counted");
}

#[test]
fn an_unknown_field_to_leave_out_is_refused() {
    // A redaction names fields by the `Field` type; from the window, an unknown name fails to
    // parse instead of being ignored.
    let err = serde_json::from_str::<Redaction>(r#"{"omit_fields": ["mood"]}"#).expect_err("mood");
    assert!(err.to_string().contains("mood"), "{err}");
    let err = Field::parse("mood").expect_err("mood");
    assert_eq!(err.kind(), dualtrack_core::ErrorKind::InvalidInput);
}

#[test]
fn encrypted_export_decrypts_to_the_plain_export_and_no_plaintext_lands_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let report = journal
        .report(&request(ReportFormat::Md, Redaction::default()), day("2026-03-01"))
        .expect("report");
    let plain_path = out.path().join("plain.md");
    let sealed_path = out.path().join("sealed.md.age");
    let plain = report::export(&report, &plain_path, false, None).expect("plain export");
    assert!(!plain.encrypted && plain.entries == 40);
    let secret = SecretString::from("mentor-only".to_owned());
    let sealed =
        report::export(&report, &sealed_path, false, Some(&secret)).expect("encrypted export");
    assert!(sealed.encrypted);
    let renamed = report::export(&report, &out.path().join("named.md"), false, Some(&secret))
        .expect("encrypted export under a plain name");
    assert!(renamed.path.ends_with("named.md.age"), "{}", renamed.path);
    fs::remove_file(&renamed.path).expect("remove");
    assert_eq!(sealed.bytes, fs::metadata(&sealed_path).expect("metadata").len());

    let cipher = fs::read(&sealed_path).expect("read");
    assert!(cipher.starts_with(b"age-encryption.org/v1"), "the age format");
    assert!(
        !contains(&cipher, TEXT_MARKER.as_bytes()) && !contains(&cipher, TAG_MARKER.as_bytes())
    );
    let opened = decrypt(&cipher, "mentor-only").expect("the right passphrase opens it");
    assert!(opened == fs::read(&plain_path).expect("read"), "decrypts to the plaintext export");
    assert!(decrypt(&cipher, "wrong").is_err(), "a wrong passphrase fails");
    assert_eq!(files_in(out.path()), ["plain.md", "sealed.md.age"], "no partial or temp file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&sealed_path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "a private report is readable by its owner only");
    }
}

#[test]
fn an_existing_file_is_kept_unless_replacing_is_allowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("report.csv");
    fs::write(&path, b"precious").expect("write");
    let report = journal
        .report(&request(ReportFormat::Csv, Redaction::default()), day("2026-03-01"))
        .expect("report");
    let err = report::export(&report, &path, false, None).expect_err("exists");
    assert_eq!(err.kind(), dualtrack_core::ErrorKind::Exists);
    assert_eq!(fs::read(&path).expect("read"), b"precious", "left untouched");
    let empty = SecretString::from(String::new());
    let err = report::export(&report, &path, true, Some(&empty)).expect_err("empty passphrase");
    assert_eq!(err.kind(), dualtrack_core::ErrorKind::InvalidInput);
    assert_eq!(fs::read(&path).expect("read"), b"precious", "left untouched");
    let missing = out.path().join("no-such-folder").join("r.csv");
    assert_eq!(
        report::export(&report, &missing, false, None).expect_err("no folder").kind(),
        dualtrack_core::ErrorKind::InvalidInput
    );
    report::export(&report, &path, true, None).expect("replace");
    assert!(fs::read_to_string(&path).expect("read").starts_with("date,satisfaction"));
    assert_eq!(files_in(out.path()), ["report.csv"]);
}

#[test]
fn a_left_out_field_is_gone_from_figures_charts_and_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let redaction = Redaction { omit_fields: vec![Field::Satisfaction], ..Redaction::default() };
    let report =
        journal.report(&request(ReportFormat::Pdf, redaction), day("2026-03-01")).expect("report");
    let mut pdf = Vec::new();
    report.write(&mut pdf).expect("pdf");
    let text = pdftotext(&pdf);
    assert!(text.contains("left out of this report"), "the summary says so, not 'not logged'");
    for gone in
        ["Satisfaction over time", "Weekday means", "Calendar", "satisfaction 1/10", "mean 5"]
    {
        assert!(!text.contains(gone), "{gone} should be gone");
    }
    assert!(text.contains("Leadership and technical split"), "charts of kept fields stay");
    assert_eq!(report.chart_names(), ["leadership and technical split"]);
    let preview = report.preview();
    assert!(!preview.fields.iter().any(|f| f == "satisfaction"));
}

#[test]
fn an_open_start_before_the_first_entry_exports_nothing_from_outside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let range = DateRange::new(None, Some(day("2025-12-31"))).expect("range");
    let request =
        ReportRequest { range, format: ReportFormat::Md, redaction: Redaction::default() };
    let report = journal.report(&request, day("2026-03-01")).expect("report");
    assert_eq!((report.range.from, report.range.to), (day("2025-12-31"), day("2025-12-31")));
    assert!(report.entries.is_empty() && report.insights.coverage.days_logged == 0);
}

#[test]
fn json_refuses_redaction_so_a_reimport_can_never_blank_a_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    for redaction in [
        Redaction { no_text: true, ..Redaction::default() },
        Redaction { omit_fields: vec![Field::Energy], ..Redaction::default() },
        Redaction { summary_only: true, ..Redaction::default() },
    ] {
        let err = journal
            .report(&request(ReportFormat::Json, redaction), day("2026-03-01"))
            .expect_err("refused");
        assert_eq!(err.kind(), dualtrack_core::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("imports back exactly"), "{err}");
    }
}
