//! The private report (PRODUCT §6) from a real journal: what leaves it is exactly what the
//! preview says, JSON and CSV carry the entries back unchanged, and an encrypted export decrypts
//! to the plaintext export while no plaintext copy ever lands in a file.

use std::fs;
use std::io::Read;
use std::path::Path;

#[path = "../common/mod.rs"]
mod common;
mod files;
mod pdf_html;

use common::{create, day, now};
use dualtrack_core::report::{Redaction, ReportFormat, ReportRequest};
use dualtrack_core::{DateRange, Entry, Journal};
use secrecy::SecretString;

pub const TEXT_MARKER: &str = "ZEBRAFINCH";
pub const TAG_MARKER: &str = "tagmarker";

/// 40 days from 2026-01-01: every field logged, a marker in every text, and a tag on the even
/// days; one day with nothing logged at all.
pub fn journal(dir: &Path) -> Journal {
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

pub fn request(format: ReportFormat, redaction: Redaction) -> ReportRequest {
    ReportRequest { range: DateRange::all(), format, redaction }
}

pub fn render(journal: &Journal, request: &ReportRequest) -> Vec<u8> {
    let report = journal.report(request, day("2026-03-01")).expect("report");
    let mut out = Vec::new();
    report.write(&mut out).expect("write");
    out
}

pub fn decrypt(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, age::DecryptError> {
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let decryptor = age::Decryptor::new(bytes)?;
    let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity))?;
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain).map_err(age::DecryptError::Io)?;
    Ok(plain)
}

pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The text a reader of the PDF can select, as poppler extracts it.
pub fn pdftotext(pdf: &[u8]) -> String {
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
pub fn pdf_bytes_and_streams(pdf: &[u8]) -> Vec<Vec<u8>> {
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

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Every attribute value in an HTML document.
pub fn attributes(html: &str) -> Vec<String> {
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
pub fn open_in_chromium(path: &Path) -> (String, Vec<String>) {
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
