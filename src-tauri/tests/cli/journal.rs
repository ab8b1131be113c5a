//! The journal through the CLI: set-up, unlock failures, entries, import and export, backups
//! and key changes.

use crate::common::{Cli, PASS, stderr, write};
use crate::fixture;
use serde_json::Value;

#[test]
fn init_import_list_search_export_round_trip() {
    let cli = Cli::new();
    let code = cli.init();
    assert_eq!(code.len(), 39, "eight groups of four: {code}");
    let input = write(&cli.home, "in.json", &fixture());
    let summary = cli.json(&["import", input.to_str().expect("path")]);
    assert_eq!(
        (summary["format"].as_str(), summary["created"].as_u64()),
        (Some("dualtrack"), Some(3))
    );

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
    assert_eq!((again["created"].as_u64(), again["already_imported"].as_u64()), (Some(0), Some(3)));
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
