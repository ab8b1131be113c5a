//! The private report (PRODUCT §6) from a real journal: what leaves it is exactly what the
//! preview says, JSON and CSV carry the entries back unchanged, and an encrypted export decrypts
//! to the plaintext export while no plaintext copy ever lands in a file.

use std::fs;
use std::io::Read;
use std::path::Path;

mod common;

use common::{contains, create, day, now};
use dualtrack_core::Field;
use dualtrack_core::report::{self, Redaction, ReportFormat, ReportRequest};
use dualtrack_core::{DateRange, Entry, Journal};
use secrecy::SecretString;

const TEXT_MARKER: &str = "ZEBRAFINCH";
const TAG_MARKER: &str = "tagmarker";

/// 40 days from 2026-01-01: every field logged, a marker in every text, and a tag on the even
/// days; one day with nothing logged at all.
fn journal(dir: &Path) -> Journal {
    let (mut journal, _) = create(dir);
    for i in 0..40u8 {
        let mut e = Entry::empty(day("2026-01-01") + chrono::Days::new(u64::from(i)));
        if i == 7 {
            journal.save(&e, now()).expect("save");
            continue;
        }
        e.satisfaction = Some(1 + i % 10);
        e.technical_share = Some(i * 2);
        e.leadership_satisfaction = Some(1 + (i + 3) % 10);
        e.technical_satisfaction = Some(1 + (i + 5) % 10);
        e.energy = Some(1 + i % 5);
        e.meetings = Some(i % 7);
        e.focus_minutes = Some(u16::from(i) * 10);
        e.tags = if i % 2 == 0 { vec![TAG_MARKER.into(), "1on1".into()] } else { vec![] };
        e.text = format!("Day {i}: {TEXT_MARKER} *went* fine, with a \"quote\", a comma\nand more");
        journal.save(&e, now()).expect("save");
    }
    journal
}

fn request(format: ReportFormat, redaction: Redaction) -> ReportRequest {
    ReportRequest { range: DateRange::all(), format, redaction }
}

fn render(journal: &Journal, request: &ReportRequest) -> Vec<u8> {
    let report = journal.report(request, day("2026-03-01")).expect("report");
    let mut out = Vec::new();
    report.write(&mut out).expect("write");
    out
}

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
            && preview.fields.iter().any(|f| f == "focus_minutes")
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

fn decrypt(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, age::DecryptError> {
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let decryptor = age::Decryptor::new(bytes)?;
    let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity))?;
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain).map_err(age::DecryptError::Io)?;
    Ok(plain)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
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

/// The text a reader of the PDF can select, as poppler extracts it.
fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.pdf");
    fs::write(&path, pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs; scripts/deps.sh installs it");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The PDF's bytes and every Flate stream in it, inflated: text and fonts live compressed.
fn pdf_bytes_and_streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut parts = vec![pdf.to_vec()];
    let mut at = 0;
    while let Some(start) = find(&pdf[at..], b"stream").map(|i| at + i + b"stream".len()) {
        let body = start + usize::from(pdf.get(start) == Some(&b'\r')) + 1;
        let Some(end) = find(&pdf[body.min(pdf.len())..], b"endstream").map(|i| body + i) else {
            break;
        };
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(&pdf[body..end]).read_to_end(&mut inflated).is_ok() {
            parts.push(inflated);
        }
        at = end + b"endstream".len();
    }
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn pdf_text_holds_the_range_the_figures_and_the_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let report = journal
        .report(&request(ReportFormat::Pdf, Redaction::default()), day("2026-03-01"))
        .expect("report");
    let mut pdf = Vec::new();
    report.write(&mut pdf).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let text = pdftotext(&pdf);
    let i = &report.insights;
    assert!(text.contains("2026-01-01 – 2026-02-09"), "the range: {text}");
    assert!(text.contains("generated 2026-03-01"), "the day it was made");
    let coverage =
        format!("{} of {} days logged", i.coverage.days_logged, i.coverage.days_in_range);
    assert_eq!(
        coverage, "40 of 40 days logged",
        "an entry with nothing logged is still a day kept"
    );
    let satisfaction =
        format!("mean {:.1} of 10 (n = {})", i.satisfaction.mean.expect("mean"), i.satisfaction.n);
    let technical =
        format!("mean {:.0}% (n = {})", i.technical_share.mean.expect("mean"), i.technical_share.n);
    for figure in [&coverage, &satisfaction, &technical] {
        assert!(text.contains(figure.as_str()), "{figure} in the PDF text");
    }
    for label in
        ["Satisfaction over time", "Weekday means", "Page 1 of", "Entries (40)", "2026-01-05 (Mon)"]
    {
        assert!(text.contains(label), "{label} in the PDF text");
    }
    assert!(text.contains("Satisfaction (1–10)"), "chart labels are real text");
    assert_eq!(text.matches(TEXT_MARKER).count(), 39, "every entry's text, once");
    assert!(text.contains(TAG_MARKER), "tags are included");
    assert!(text.contains("went fine"), "Markdown emphasis becomes styled text, not asterisks");
}

#[test]
fn a_pdf_without_text_or_tags_carries_no_trace_of_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let redaction = Redaction { no_text: true, no_tags: true, ..Redaction::default() };
    let pdf = render(&journal, &request(ReportFormat::Pdf, redaction));
    let text = pdftotext(&pdf);
    assert!(
        text.contains("Entries (40)") && text.contains("satisfaction 1/10"),
        "entries still listed"
    );
    assert!(!text.contains(TEXT_MARKER) && !text.contains(TAG_MARKER), "{text}");
    // Page text is stored as glyph numbers, so this scan cannot see body text either way; it
    // covers what is stored as characters: metadata, outlines, font names, chart SVG leftovers.
    // The extracted text above is what proves the body.
    let parts = pdf_bytes_and_streams(&pdf);
    assert!(parts.len() > 10, "the streams were found and inflated");
    for part in &parts {
        assert!(!contains(part, TEXT_MARKER.as_bytes()) && !contains(part, TAG_MARKER.as_bytes()));
    }
    let summary = render(
        &journal,
        &request(ReportFormat::Pdf, Redaction { summary_only: true, ..Redaction::default() }),
    );
    let text = pdftotext(&summary);
    assert!(text.contains("Summary") && !text.contains("Entries ("), "summary and charts only");
    assert!(!text.contains(TEXT_MARKER), "no entry text in a summary-only report");
}

/// Every attribute value in an HTML document.
fn attributes(html: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("=\"") {
        let after = &rest[at + 2..];
        let Some(end) = after.find('"') else { break };
        values.push(after[..end].to_owned());
        rest = &after[end + 1..];
    }
    values
}

/// Opens the page in headless Chromium with every network path closed (a dead proxy, a
/// resolver that finds nothing) and returns its DOM and the browser's console lines.
fn open_in_chromium(path: &Path) -> (String, Vec<String>) {
    let out = std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        .args(["--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"])
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom"])
        .arg(format!("file://{}", path.display()))
        .output()
        .expect("chromium runs; scripts/deps.sh installs it");
    let log = String::from_utf8_lossy(&out.stderr);
    let console = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("net::ERR") || l.contains("violates"))
        .map(str::to_owned)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

#[test]
fn html_is_one_self_contained_page_that_opens_offline_without_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let html =
        String::from_utf8(render(&journal, &request(ReportFormat::Html, Redaction::default())))
            .expect("utf-8");
    let urls: Vec<String> = attributes(&html)
        .into_iter()
        .filter(|v| v.contains("http://") || v.contains("https://") || v.contains("//"))
        .collect();
    assert!(urls.is_empty(), "no URL in any attribute: {urls:?}");
    assert!(attributes(&html).len() > 100, "the attribute scan saw the charts");
    for forbidden in ["<script", "<link", "<img", "<iframe", "url(", "@import"] {
        assert!(!html.contains(forbidden), "{forbidden} in the report");
    }
    assert_eq!(html.matches("<svg").count(), 5, "five inline charts");
    assert_eq!(html.matches(TEXT_MARKER).count(), 39);

    let out = tempfile::tempdir().expect("tempdir");
    let page = out.path().join("report.html");
    fs::write(&page, &html).expect("write");
    let (dom, console) = open_in_chromium(&page);
    assert!(console.is_empty(), "the page loads without errors or requests: {console:?}");
    assert!(
        dom.contains("<h1>Dualtrack report</h1>") && dom.matches("<svg").count() == 5,
        "rendered"
    );

    // The same check catches a page that tries to fetch something.
    let planted = out.path().join("planted.html");
    fs::write(&planted, html.replace("<body>", "<body><img src=\"https://example.com/x.png\">"))
        .expect("write");
    let (_, console) = open_in_chromium(&planted);
    assert!(!console.is_empty(), "an external image is reported");
}

#[test]
fn hostile_text_tags_and_settings_stay_text_in_html_and_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut journal, _) = create(dir.path());
    let mut e = Entry::empty(day("2026-01-01"));
    e.satisfaction = Some(6);
    e.technical_share = Some(40);
    e.text = "<img src=\"https://evil.example/x.png\"> [link](https://evil.example/a) \
              ![pic](//evil.example/p.png) <script>alert(1)</script> \"quoted\" & done"
        .into();
    journal.save(&e, now()).expect("save");
    let settings = dualtrack_core::Settings {
        role_start: Some(day("2026-01-01")),
        phases: vec![dualtrack_core::Phase {
            name: "team xmlns=\"http://evil.example\" <b>".into(),
            start: day("2026-01-01"),
        }],
        ..Default::default()
    };
    journal.set_settings(&settings).expect("settings");
    let html =
        String::from_utf8(render(&journal, &request(ReportFormat::Html, Redaction::default())))
            .expect("utf-8");
    let urls: Vec<String> = attributes(&html).into_iter().filter(|v| v.contains("//")).collect();
    assert!(urls.is_empty(), "no URL in any attribute: {urls:?}");
    for forbidden in ["<img", "<script", "<b>"] {
        assert!(!html.contains(forbidden), "{forbidden} is escaped");
    }
    assert!(
        html.contains("&lt;script&gt;") && html.contains("(https://evil.example/a)"),
        "kept as text"
    );
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count(), "charts intact");
    let text = pdftotext(&render(&journal, &request(ReportFormat::Pdf, Redaction::default())));
    assert!(text.contains("<script>alert(1)</script>"), "the PDF shows the text as written");
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
