//! The CLI end to end, as a user runs it: the real binary, a real journal in a temporary
//! directory, no OS keyring (a session bus that does not exist), secrets from the environment.

mod common;

use std::path::PathBuf;

use common::{Cli, PASS, stderr, write};
use serde_json::Value;

fn fixture() -> String {
    serde_json::json!({
        "format": "dualtrack", "version": 1,
        "settings": {"role_start": "2024-03-01", "trial_days": 90, "phases": [{"name": "manager", "start": "2024-03-01"}]},
        "entries": [
            {"date": "2024-03-01", "satisfaction": 7, "technical_share": 40, "leadership_satisfaction": 6,
             "technical_satisfaction": 8, "energy": 3, "meetings": 5, "focus_minutes": 90,
             "tags": ["1on1"], "text": "Kick-off with the team; the retro went well."},
            {"date": "2024-03-02", "tags": [], "text": ""},
            {"date": "2024-03-03", "satisfaction": 3, "technical_share": 0, "meetings": 0,
             "tags": ["incident", "oncall"], "text": "Postmortem day — no code at all. Ünïcödé ✓"}
        ]
    })
    .to_string()
}

#[test]
fn init_import_list_search_export_round_trip() {
    let cli = Cli::new();
    let code = cli.init();
    assert_eq!(code.len(), 39, "eight groups of four: {code}");
    let input = write(&cli.home, "in.json", &fixture());
    let summary = cli.json(&["import", input.to_str().expect("path")]);
    assert_eq!(summary["added"], 3);

    let listed = cli.json(&["list"]);
    let original: Value = serde_json::from_str(&fixture()).expect("fixture");
    assert_eq!(listed, original["entries"], "list --json prints exchange-format entries");
    let march2 = cli.json(&["list", "--from", "2024-03-02", "--to", "2024-03-02"]);
    assert_eq!(march2.as_array().map(Vec::len), Some(1));

    let found = cli.json(&["search", "postmortem"]);
    assert_eq!(found[0]["date"], "2024-03-03");
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    let filtered = cli.json(&["search", "", "--tag", "1on1", "--min-satisfaction", "5"]);
    assert_eq!(filtered[0]["date"], "2024-03-01");

    let out = cli.home.join("out.json");
    cli.ok(&["export", "--format", "json", "--out", out.to_str().expect("path")]);
    let exported: Value =
        serde_json::from_slice(&std::fs::read(&out).expect("export file")).expect("json");
    assert_eq!(exported, original, "the export equals the import");

    // Re-importing the export creates no duplicates.
    let again = cli.json(&["import", out.to_str().expect("path")]);
    assert_eq!((again["added"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(3)));
    let refused = cli.run(&["export", "--out", out.to_str().expect("path")], Some(PASS));
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));

    // The recovery code opens the journal through the same variable.
    let by_code = cli.run(&["list"], Some(&code.to_lowercase()));
    assert!(by_code.status.success(), "{}", stderr(&by_code));
}

#[test]
fn unlock_failures_exit_2_with_a_clear_sentence() {
    let cli = Cli::new();
    cli.init();
    let none = cli.run(&["list"], None);
    assert_eq!(none.status.code(), Some(2));
    let msg = stderr(&none);
    assert!(msg.contains("DUALTRACK_PASSPHRASE") && msg.contains("keyring"), "{msg}");
    assert_eq!(msg.lines().count(), 1, "one sentence: {msg}");

    let wrong = cli.run(&["list"], Some("not the passphrase"));
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("wrong passphrase"), "{}", stderr(&wrong));

    let file = write(&cli.home, "pass.txt", &format!("{PASS}\n"));
    let via_file = cli.run(&["list", "--passphrase-file", file.to_str().expect("path")], None);
    assert!(via_file.status.success(), "{}", stderr(&via_file));
}

#[test]
fn init_without_keyring_needs_a_passphrase_and_never_overwrites() {
    let cli = Cli::new();
    let bare = cli.run(&["init"], None);
    assert_eq!(bare.status.code(), Some(2), "{}", stderr(&bare));
    assert!(stderr(&bare).contains("passphrase"), "{}", stderr(&bare));
    assert!(!cli.data.join("journal.db").exists(), "nothing created");

    cli.init();
    let status = cli.json(&["status"]);
    assert_eq!(status["slots"], serde_json::json!(["passphrase", "recovery_code"]));
    let before = std::fs::read(cli.data.join("journal.keys")).expect("keys");
    let again = cli.run(&["init"], Some("another passphrase"));
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    assert_eq!(std::fs::read(cli.data.join("journal.keys")).expect("keys"), before);
}

#[test]
fn add_show_delete_and_bad_input() {
    let cli = Cli::new();
    cli.init();
    cli.ok(&[
        "add",
        "2026-11-27",
        "--satisfaction",
        "7",
        "--technical-share",
        "0",
        "--meetings",
        "0",
        "--tag",
        "1on1,hiring",
        "--text",
        "Hired our first SRE.",
    ]);
    let shown = cli.json(&["show", "2026-11-27"]);
    assert_eq!(shown["technical_share"], 0, "zero is logged");
    assert_eq!(shown["meetings"], 0);
    assert!(shown.get("energy").is_none(), "energy not logged");
    assert_eq!(shown["tags"], serde_json::json!(["1on1", "hiring"]));
    let text = cli.ok(&["show", "2026-11-27"]);
    assert!(text.contains("energy: not logged") && text.contains("0% technical"), "{text}");

    let bad = cli.run(&["add", "2026-11-28", "--satisfaction", "11"], Some(PASS));
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(stderr(&bad).trim(), "dualtrack: satisfaction: 11 is outside 1–10");
    let bad_date = cli.run(&["add", "2026-02-30"], Some(PASS));
    assert!(stderr(&bad_date).contains("not a date"), "{}", stderr(&bad_date));
    let dup = cli.run(&["add", "2026-11-27", "--energy", "2"], Some(PASS));
    assert!(stderr(&dup).contains("already exists"), "{}", stderr(&dup));
    cli.ok(&["add", "2026-11-27", "--energy", "2", "--replace"]);
    assert_eq!(cli.json(&["show", "2026-11-27"])["energy"], 2);
    let backwards = cli.run(&["list", "--from", "2026-12-01", "--to", "2026-11-01"], Some(PASS));
    assert!(stderr(&backwards).contains("starts"), "{}", stderr(&backwards));

    cli.ok(&["delete", "2026-11-27"]);
    let gone = cli.run(&["show", "2026-11-27"], Some(PASS));
    assert!(stderr(&gone).contains("no entry for 2026-11-27"), "{}", stderr(&gone));

    let bad_file = write(
        &cli.home,
        "bad.json",
        r#"{"format":"dualtrack","version":1,"entries":[{"date":"2026-01-01","energy":9}]}"#,
    );
    let refused = cli.run(&["import", bad_file.to_str().expect("path")], Some(PASS));
    assert!(
        stderr(&refused).contains("entry 1 (2026-01-01): energy: 9 is outside 1–5"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(cli.json(&["list"]), serde_json::json!([]), "nothing imported");
}

#[test]
fn backup_verify_restore_passwd_rekey() {
    let cli = Cli::new();
    cli.init();
    cli.ok(&["add", "2026-01-01", "--text", "original"]);
    let made = cli.json(&["backup"]);
    let name = made["name"].as_str().expect("backup name").to_owned();
    cli.ok(&["add", "2026-01-01", "--text", "changed", "--replace"]);
    let verified = cli.ok(&["verify"]);
    assert!(verified.contains("Journal: ok") && verified.contains(&name), "{verified}");
    cli.ok(&["restore", &name]);
    assert_eq!(cli.json(&["show", "2026-01-01"])["text"], "original");

    let mut passwd = cli.cmd(&["passwd"]);
    passwd.env("DUALTRACK_PASSPHRASE", PASS).env("DUALTRACK_NEW_PASSPHRASE", "a new passphrase");
    let out = passwd.output().expect("passwd");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(cli.run(&["list"], Some(PASS)).status.code(), Some(2), "old passphrase retired");
    assert!(cli.run(&["list"], Some("a new passphrase")).status.success());

    let db_before = std::fs::read(cli.data.join("journal.db")).expect("db");
    let rekeyed = cli.run(&["--json", "rekey"], Some("a new passphrase"));
    assert!(rekeyed.status.success(), "{}", stderr(&rekeyed));
    let v: Value = serde_json::from_slice(&rekeyed.stdout).expect("json");
    let new_code = v["recovery_code"].as_str().expect("code").to_owned();
    assert_ne!(std::fs::read(cli.data.join("journal.db")).expect("db"), db_before);
    let out = cli.run(&["--json", "show", "2026-01-01"], Some(&new_code));
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = cli.run(&["--json", "verify"], Some("a new passphrase"));
    assert!(listed.status.success(), "backups follow the new key: {}", stderr(&listed));
}

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
    assert_eq!(v["relation"]["verdict"], "not enough evidence yet");
    assert_eq!(v["weekday"].as_array().map(Vec::len), Some(7));
    let text = cli.ok(&["insights"]);
    assert!(
        text.contains("not enough evidence yet") && text.contains("Coverage: 3 of 3 days"),
        "{text}"
    );

    cli.ok(&["decide", "back-to-ic", "--note", "I miss building.", "--date", "2024-06-01"]);
    let v = cli.json(&["insights"]);
    assert_eq!(
        v["decisions"],
        serde_json::json!([{"decided_on": "2024-06-01", "choice": "back_to_ic", "note": "I miss building."}])
    );
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

#[test]
fn the_window_without_a_display_says_so_in_one_sentence() {
    let cli = Cli::new();
    let window = env!("CARGO_BIN_EXE_dualtrack-window");
    for display in [None, Some(":9999")] {
        for program in [window, env!("CARGO_BIN_EXE_dualtrack")] {
            let mut cmd = std::process::Command::new(program);
            cmd.env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("HOME", &cli.home)
                .arg("--data-dir")
                .arg(&cli.data);
            if let Some(display) = display {
                cmd.env("DISPLAY", display);
            }
            let out = cmd.output().expect("run the window");
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{program} {display:?}: {err}");
            assert!(err.contains("no display") && err.contains("xvfb-run"), "{err}");
            assert_eq!(err.trim().lines().count(), 1, "one sentence, no backtrace: {err}");
        }
    }
    assert!(!cli.data.exists(), "no journal folder was made for a window that never opened");
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    let cli = Cli::new();
    cli.init();
    cli.fill(400);
    for args in [
        vec!["--json", "list"],
        vec!["list"],
        vec!["export", "--format", "json", "--out", "-"],
        vec!["export", "--format", "csv", "--out", "-"],
        vec!["export", "--format", "md", "--out", "-"],
        vec!["export", "--format", "html", "--out", "-"],
    ] {
        let mut child = cli
            .cmd(&args)
            .env("DUALTRACK_PASSPHRASE", PASS)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        // Read 100 bytes, then close the pipe, like `| head -c 100`.
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 100];
        std::io::Read::read_exact(&mut stdout, &mut first).expect("the first bytes");
        drop(stdout);
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}: nothing on stderr");
    }
}

#[test]
fn a_full_listing_is_written_in_a_few_large_writes() {
    let cli = Cli::new();
    cli.init();
    cli.fill(1000);
    let trace = cli.home.join("trace");
    let out = std::process::Command::new("strace")
        .args(["-f", "-e", "trace=write", "-o"])
        .arg(&trace)
        .arg(common::binary())
        .arg("--data-dir")
        .arg(&cli.data)
        .args(["--json", "list"])
        .env("DUALTRACK_PASSPHRASE", PASS)
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .env("HOME", &cli.home)
        .stdout(std::process::Stdio::piped())
        .output()
        .expect("strace (installed by make deps)");
    assert!(out.status.success(), "{}", stderr(&out));
    let listed: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(listed.as_array().map(Vec::len), Some(1000));
    let calls = std::fs::read_to_string(&trace).expect("trace");
    let to_stdout = calls.lines().filter(|l| l.contains("write(1,")).count();
    // ~1.2 MB of JSON through a 64 KiB buffer: about 20 writes, not one per line.
    assert!(to_stdout <= 40, "{to_stdout} writes to stdout for {} bytes", out.stdout.len());
}
