//! The CLI's readable outputs: insights, Markdown and CSV reports, an encrypted PDF export.

use crate::common::{Cli, PASS, stderr, write};
use crate::fixture;
use serde_json::Value;
use std::path::PathBuf;

#[test]
fn insights_json_has_the_documented_keys_and_no_claim_on_thin_data() {
    let cli = Cli::new();
    cli.init();
    let input = write(&cli.home, "in.json", &fixture());
    cli.ok(&["import", input.to_str().expect("path")]);
    let v = cli.json(&["insights", "--from", "2024-03-01", "--to", "2024-03-10"]);
    for key in [
        "range",
        "coverage",
        "satisfaction",
        "technical_share",
        "relation",
        "sweet_spot",
        "weekday",
        "tags",
        "streak",
        "trial",
        "maker",
        "next_day",
    ] {
        assert!(v.get(key).is_some(), "insights JSON lacks {key}");
    }
    assert_eq!(v["range"], serde_json::json!({"from": "2024-03-01", "to": "2024-03-10"}));
    // Three entries, two with satisfaction (7 and 3): mean = (7 + 3) / 2 = 5.
    assert_eq!(v["coverage"]["days_logged"], 3);
    assert_eq!(v["coverage"]["days_in_range"], 10);
    assert_eq!(v["satisfaction"]["n"], 2);
    assert_eq!(v["satisfaction"]["mean"], 5.0);
    assert_eq!(v["relation"]["verdict"], "12 more logged days until a first trend");
    assert_eq!(v["relation"]["evidence"], "too_few");
    assert_eq!(
        v["summary"]["young"],
        "2 days logged so far: 12 more logged days until a first trend."
    );
    assert_eq!(v["weekday"].as_array().map(Vec::len), Some(7));
    let text = cli.ok(&["insights"]);
    assert!(
        text.contains("2 days logged so far: 12 more logged days until a first trend.")
            && text.contains("Your 2 days average 5.0 out of 10.")
            && text.contains("Coverage: 3 of 3 days"),
        "{text}"
    );
    for claim in ["slope", "CI", "r =", "Sweet spot", "not enough evidence"] {
        assert!(!text.contains(claim), "nothing below the evidence line: {claim:?} in {text}");
    }

    cli.ok(&["decide", "back-to-ic", "--note", "I miss building.", "--date", "2024-06-01"]);
    let v = cli.json(&["insights"]);
    assert_eq!(
        v["decisions"],
        serde_json::json!([{"decided_on": "2024-06-01", "choice": "back_to_ic", "note": "I miss building."}])
    );
}

#[test]
fn a_report_covering_a_decision_names_it_with_its_note_unless_text_is_left_out() {
    let cli = Cli::new();
    cli.init();
    let input = write(&cli.home, "in.json", &fixture());
    cli.ok(&["import", input.to_str().expect("path")]);
    cli.ok(&["decide", "back-to-ic", "--note", "I miss building things.", "--date", "2024-03-02"]);
    cli.ok(&["decide", "continue", "--note", "Outside the range.", "--date", "2024-06-01"]);
    let pdf = cli.home.join("trial.pdf");
    let range = ["--from", "2024-03-01", "--to", "2024-03-10"];
    cli.ok(&[&["export", "--format", "pdf", "--out", pdf.to_str().expect("path")][..], &range[..]]
        .concat());
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs; scripts/deps.sh installs it");
    let words =
        String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Decisions"), "{words}");
    assert!(
        words.contains("2024-03-02 — Back to the IC track. I miss building things."),
        "{words}"
    );
    assert!(!words.contains("Outside the range"), "only the decisions in the range: {words}");

    let md = cli.home.join("trial.md");
    cli.ok(&[
        &["export", "--format", "md", "--no-text", "--out", md.to_str().expect("path")][..],
        &range[..],
    ]
    .concat());
    let text = std::fs::read_to_string(&md).expect("md");
    assert!(text.contains("- 2024-03-02 — **Back to the IC track**"), "{text}");
    assert!(!text.contains("I miss building"), "the note is left out with the text: {text}");

    // Extending asks for the next review, and the trial runs on to it.
    let out = cli.run(&["decide", "extend", "--date", "2024-05-29"], Some(PASS));
    assert!(!out.status.success(), "no next review: refused");
    assert!(stderr(&out).contains("next review"), "{}", stderr(&out));
    cli.ok(&["decide", "extend", "--date", "2024-05-29", "--next-review", "2024-07-31"]);
    let v = cli.json(&["insights"]);
    assert_eq!(v["trial"]["review_date"], "2024-07-31", "{}", v["trial"]);
}

#[test]
fn markdown_and_csv_reports_respect_redaction() {
    let cli = Cli::new();
    cli.init();
    let input = write(&cli.home, "in.json", &fixture());
    cli.ok(&["import", input.to_str().expect("path")]);
    let md = cli.home.join("r.md");
    cli.ok(&["export", "--format", "md", "--out", md.to_str().expect("path")]);
    let text = std::fs::read_to_string(&md).expect("md");
    assert!(text.contains("# Dualtrack report") && text.contains("Postmortem day"), "{text}");
    assert!(text.contains("Satisfaction: mean 5.0 of 10 (n = 2)"), "(7 + 3) / 2 = 5: {text}");
    let redacted = cli.home.join("r2.md");
    cli.ok(&[
        "export",
        "--format",
        "md",
        "--no-text",
        "--no-tags",
        "--out",
        redacted.to_str().expect("path"),
    ]);
    let text = std::fs::read_to_string(&redacted).expect("md");
    assert!(!text.contains("Postmortem") && !text.contains("oncall"), "{text}");
    let csv = cli.home.join("r.csv");
    cli.ok(&["export", "--format", "csv", "--no-text", "--out", csv.to_str().expect("path")]);
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert_eq!(text.lines().count(), 4, "header + three entries: {text}");
    assert!(!text.contains("Postmortem") && text.contains("incident oncall"), "{text}");
}

#[test]
fn encrypted_pdf_export_leaves_no_plaintext_in_the_output_or_temp_folders() {
    let cli = Cli::new();
    cli.init();
    let input = write(&cli.home, "in.json", &fixture());
    cli.ok(&["import", input.to_str().expect("path")]);
    let out_dir = cli.home.join("out");
    let tmp_dir = cli.home.join("tmp");
    std::fs::create_dir_all(&out_dir).expect("out dir");
    std::fs::create_dir_all(&tmp_dir).expect("tmp dir");
    let plain = out_dir.join("plain.pdf");
    cli.ok(&["export", "--format", "pdf", "--out", plain.to_str().expect("path")]);
    assert!(std::fs::read(&plain).expect("pdf").starts_with(b"%PDF-"));

    let sealed = out_dir.join("sealed.pdf");
    let run = |args: &[&str], passphrase: Option<&str>| {
        let mut cmd = cli.cmd(args);
        cmd.env("DUALTRACK_PASSPHRASE", PASS).env("TMPDIR", &tmp_dir);
        if let Some(p) = passphrase {
            cmd.env("DUALTRACK_EXPORT_PASSPHRASE", p);
        }
        cmd.output().expect("run dualtrack")
    };
    let args = [
        "--json",
        "export",
        "--format",
        "pdf",
        "--encrypt",
        "--out",
        sealed.to_str().expect("path"),
    ];
    let out = run(&args, None);
    assert!(!out.status.success(), "no passphrase, no terminal: refused");
    assert!(stderr(&out).contains("DUALTRACK_EXPORT_PASSPHRASE"), "{}", stderr(&out));
    let out = run(&args, Some("for my mentor"));
    assert!(out.status.success(), "{}", stderr(&out));
    let done: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(done["encrypted"], true);
    let sealed = PathBuf::from(done["path"].as_str().expect("path"));
    assert!(sealed.ends_with("sealed.pdf.age"), "an encrypted file says so: {}", sealed.display());

    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("out dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["plain.pdf", "sealed.pdf.age"], "no partial or plaintext copy");
    assert_eq!(std::fs::read_dir(&tmp_dir).expect("tmp").count(), 0, "nothing in TMPDIR");
    let cipher = std::fs::read(&sealed).expect("age file");
    assert!(
        cipher.starts_with(b"age-encryption.org/v1") && !cipher.windows(5).any(|w| w == b"%PDF-")
    );

    use std::io::Read;
    let decrypt = |passphrase: &str| -> Result<Vec<u8>, age::DecryptError> {
        let identity = age::scrypt::Identity::new(passphrase.to_owned().into());
        let decryptor = age::Decryptor::new(cipher.as_slice())?;
        let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity))?;
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        Ok(bytes)
    };
    let opened = decrypt("for my mentor").expect("the passphrase opens it");
    let plain = std::fs::read(&plain).expect("pdf");
    // Same report, same day, and the PDF writer is deterministic: the very same bytes.
    assert!(opened == plain, "decrypts to the plaintext export");
    assert!(decrypt("not it").is_err(), "a wrong passphrase fails");
}
