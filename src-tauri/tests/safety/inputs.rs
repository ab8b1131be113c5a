//! Everything else a hostile review tried: damaged key files, endless inputs, full disks for
//! reading, concurrent writers, duplicate JSON keys, `--force` onto special files, CSV
//! formulas, leftovers, folder modes, and the wording of every failure.

use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{Cli, PASS, SmallDisk, stderr, stdout, write};
use crate::journal;

#[test]
fn damaged_kdf_parameters_are_refused_quickly() {
    let (cli, _code) = journal(5);
    let path = cli.data.join("journal.keys");
    let good = std::fs::read_to_string(&path).expect("keys");
    for (field, value) in [("memory_kib", u64::from(u32::MAX)), ("iterations", u64::from(u32::MAX))]
    {
        // A version 1 file has no checksum: only the bounds stand between it and Argon2.
        let mut v: Value = serde_json::from_str(&good).expect("json");
        v["passphrase"]["kdf"][field] = value.into();
        v["version"] = 1.into();
        v.as_object_mut().expect("object").remove("checksum");
        std::fs::write(&path, v.to_string()).expect("write");
        let started = Instant::now();
        let out = cli.run(&["list"], Some(PASS));
        assert!(started.elapsed() < Duration::from_secs(10), "{field}: it did not spin");
        assert_eq!(out.status.code(), Some(1), "{field}: a clear failure, not an abort");
        assert!(stderr(&out).contains("key file is damaged"), "{field}: {}", stderr(&out));
        assert!(stderr(&out).contains("Argon2"), "{field}: {}", stderr(&out));
    }
    // Version 2: the checksum catches any edit first.
    let edited = good.replacen("\"iterations\": 3", "\"iterations\": 4", 1);
    assert_ne!(edited, good);
    std::fs::write(&path, edited).expect("write");
    let out = cli.run(&["list"], Some(PASS));
    assert!(stderr(&out).contains("checksum"), "{}", stderr(&out));
    std::fs::write(&path, good).expect("put it back");
    assert!(cli.opens_with(PASS));
}

#[test]
fn endless_inputs_are_refused_without_reading_them_all() {
    let (cli, _code) = journal(5);
    let quick = |out: &Output, started: Instant, what: &str, expected: &str| {
        assert!(started.elapsed() < Duration::from_secs(20), "{what} was read to its end");
        assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(out));
        assert!(stderr(out).contains(expected), "{what}: {}", stderr(out));
    };
    let started = Instant::now();
    let out = cli.run(&["add", "2026-01-01", "--text-file", "/dev/zero"], Some(PASS));
    quick(&out, started, "--text-file /dev/zero", "larger than 1 MiB");
    let started = Instant::now();
    let out = cli
        .cmd(&["add", "2026-01-01", "--text-file", "-"])
        .env("DUALTRACK_PASSPHRASE", PASS)
        .stdin(std::fs::File::open("/dev/zero").expect("zero"))
        .output()
        .expect("run");
    quick(&out, started, "stdin from /dev/zero", "larger than 1 MiB");
    let started = Instant::now();
    let out = cli.run(&["import", "/dev/zero"], Some(PASS));
    quick(&out, started, "import /dev/zero", "larger than 256 MiB");
    let started = Instant::now();
    let out = cli.run(&["list", "--passphrase-file", "/dev/zero"], None);
    quick(&out, started, "--passphrase-file /dev/zero", "larger than 4 KiB");

    let keys = cli.data.join("journal.keys");
    let real = cli.home.join("journal.keys.real");
    std::fs::rename(&keys, &real).expect("move aside");
    std::os::unix::fs::symlink("/dev/zero", &keys).expect("link");
    let started = Instant::now();
    let out = cli.run(&["status"], None);
    quick(&out, started, "a key file linked to /dev/zero", "key file is damaged");
    std::fs::remove_file(&keys).expect("unlink");
    std::fs::rename(&real, &keys).expect("put back");
    assert_eq!(cli.count(PASS), 6, "nothing was added");
}

#[test]
fn read_commands_work_on_a_full_disk() {
    let disk = SmallDisk::new(3 * 1024);
    let cli = Cli::at(disk.path.join("journal"));
    cli.init();
    cli.fill(20);
    cli.ok(&["add", "2026-11-27", "--text", "the day the disk filled up", "--tag", "incident"]);
    disk.fill();
    let out_file = cli.home.join("elsewhere.json");
    for args in [
        vec!["list"],
        vec!["show", "2026-11-27"],
        vec!["search", "disk"],
        vec!["insights"],
        vec!["verify"],
        vec!["backup", "--list"],
        vec!["export", "--format", "json", "--out", out_file.to_str().expect("path")],
    ] {
        let out = cli.run(&args, Some(PASS));
        assert!(out.status.success(), "{args:?} on a full disk: {}", stderr(&out));
    }
    let exported: Value =
        serde_json::from_slice(&std::fs::read(&out_file).expect("export")).expect("json");
    assert_eq!(exported["entries"].as_array().map(Vec::len), Some(21), "exported to another disk");
    let out = cli.run(&["add", "2026-11-28", "--text", "no room"], Some(PASS));
    assert_eq!(out.status.code(), Some(1));
    let why = stderr(&out);
    assert!(why.contains("disk is full") || why.contains("reading only"), "{why}");
    std::fs::remove_file(disk.path.join("filler")).expect("free the disk");
    cli.ok(&["add", "2026-11-28", "--text", "room again"]);
    assert_eq!(cli.count(PASS), 22);
    assert!(cli.run(&["verify"], Some(PASS)).status.success());
}

#[test]
fn concurrent_writers_wait_their_turn() {
    let cli = Cli::new();
    let code = cli.init();
    std::thread::scope(|scope| {
        let writers: Vec<_> = (0..5u64)
            .map(|w| {
                let (cli, code) = (&cli, &code);
                scope.spawn(move || {
                    let mut failed = Vec::new();
                    for i in 0..8u64 {
                        let date = (chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date")
                            + chrono::Days::new(w * 100 + i))
                        .to_string();
                        // The recovery code unlocks with a cheaper KDF: more writers at once.
                        let out = cli.run(&["add", &date, "--text", "concurrent"], Some(code));
                        if !out.status.success() {
                            failed.push(stderr(&out));
                        }
                        if i % 3 == 0 {
                            let out = cli.run(&["backup"], Some(code));
                            if !out.status.success() {
                                failed.push(stderr(&out));
                            }
                        }
                    }
                    failed
                })
            })
            .collect();
        let failed: Vec<String> =
            writers.into_iter().flat_map(|w| w.join().expect("writer")).collect();
        assert!(failed.is_empty(), "every writer waited for its turn: {failed:?}");
    });
    assert_eq!(cli.count(PASS), 40);
    assert!(cli.run(&["verify"], Some(PASS)).status.success());
}

#[test]
fn duplicate_json_keys_are_refused_by_name() {
    let (cli, _code) = journal(1);
    let before = cli.count(PASS);
    for (doc, key) in [
        (
            r#"{"format":"dualtrack","version":1,"entries":[{"date":"2026-01-01","satisfaction":11,"satisfaction":5}]}"#,
            "satisfaction",
        ),
        (
            r#"{"format":"dualtrack","version":1,"entries":[{"date":"2026-01-01"}],"entries":[]}"#,
            "entries",
        ),
    ] {
        let file = write(&cli.home, "dup.json", doc);
        let out = cli.run(&["import", file.to_str().expect("path")], Some(PASS));
        assert_eq!(out.status.code(), Some(1));
        let why = stderr(&out);
        assert!(why.contains(&format!("\"{key}\" appears twice")), "{why}");
        assert_eq!(cli.count(PASS), before, "nothing imported");
    }
}

#[test]
fn force_replaces_only_regular_files() {
    let (cli, _code) = journal(1);
    let fifo = cli.home.join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let target = cli.home.join("target.json");
    std::fs::write(&target, "keep me").expect("write");
    let link = cli.home.join("link.json");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    for path in [&fifo, &link] {
        let out = cli.run(
            &["export", "--format", "json", "--force", "--out", path.to_str().expect("path")],
            Some(PASS),
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("not a regular file"), "{}", stderr(&out));
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo).expect("meta").file_type().is_fifo());
    assert!(std::fs::symlink_metadata(&link).expect("meta").file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).expect("target"), "keep me");
    let out = cli.run(&["export", "--force", "--out", target.to_str().expect("path")], Some(PASS));
    assert!(out.status.success(), "a regular file is replaced: {}", stderr(&out));
}

#[test]
fn csv_cells_never_start_a_formula() {
    let cli = Cli::new();
    cli.init();
    let texts = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "plain"];
    for (i, text) in texts.iter().enumerate() {
        let date = format!("2026-01-0{}", i + 1);
        cli.ok(&["add", &date, &format!("--text={text}")]);
    }
    let file = cli.home.join("r.csv");
    cli.ok(&["export", "--format", "csv", "--out", file.to_str().expect("path")]);
    let mut reader = csv::Reader::from_path(&file).expect("csv");
    let cells: Vec<String> = reader.records().map(|r| r.expect("row")[9].to_owned()).collect();
    for (cell, text) in cells.iter().zip(texts) {
        let first = cell.chars().next().unwrap_or(' ');
        assert!(!"=+-@\t\r".contains(first), "{cell:?} would run as a formula");
        assert!(cell.ends_with(text), "{cell:?} keeps the text {text:?}");
    }
    assert_eq!(cells[5], "plain", "plain text is left alone");
}

#[test]
fn leftovers_are_cleaned_on_open_or_named_by_verify() {
    let (cli, _code) = journal(3);
    write(&cli.data, ".journal.keys.tmp", "half a key file");
    write(
        &cli.data.join("backups"),
        "journal-20260101-000000-000.db.k3x9.partial",
        "half a backup",
    );
    cli.ok(&["list"]);
    assert!(!cli.data.join(".journal.keys.tmp").exists(), "cleaned when nobody else was in");
    assert!(!cli.data.join("backups/journal-20260101-000000-000.db.k3x9.partial").exists());
    write(&cli.data, "journal.db.rekey", "an older version's staging");
    let out = cli.ok(&["verify"]);
    assert!(out.contains("journal.db.rekey"), "{out}");
    let v = cli.json(&["verify"]);
    assert_eq!(v["leftovers"].as_array().map(Vec::len), Some(1), "{v}");
}

#[test]
fn init_makes_an_existing_folder_private() {
    use std::os::unix::fs::PermissionsExt;
    let cli = Cli::new();
    std::fs::create_dir_all(&cli.data).expect("mkdir");
    std::fs::set_permissions(&cli.data, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    cli.init();
    let mode = std::fs::metadata(&cli.data).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
    cli.ok(&["backup"]);
    let mode = std::fs::metadata(cli.data.join("backups")).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}

#[test]
fn messages_say_what_really_happened() {
    let (cli, _code) = journal(2);
    let path = cli.data.join("journal.keys");
    let good = std::fs::read_to_string(&path).expect("keys");
    let v: Value = serde_json::from_str(&good).expect("json");

    // A damaged slot is damage, not a wrong passphrase.
    let ciphertext = v["passphrase"]["ciphertext"].as_str().expect("slot").to_owned();
    let flipped =
        format!("{}{}", if ciphertext.starts_with('A') { "B" } else { "A" }, &ciphertext[1..]);
    std::fs::write(&path, good.replace(&ciphertext, &flipped)).expect("write");
    let out = cli.run(&["list"], Some(PASS));
    assert!(stderr(&out).contains("key file is damaged"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("wrong passphrase"), "{}", stderr(&out));

    // A flipped check value (in a file without a checksum) under --no-keyring: no keyring talk.
    let mut old = v.clone();
    old["version"] = 1.into();
    old.as_object_mut().expect("object").remove("checksum");
    let cv = old["check_value"].as_str().expect("cv").to_owned();
    let cv_flipped = format!("{}{}", if cv.starts_with('A') { "B" } else { "A" }, &cv[1..]);
    old["check_value"] = cv_flipped.into();
    std::fs::write(&path, old.to_string()).expect("write");
    let out = cli.run(&["--no-keyring", "list"], Some(PASS));
    assert!(stderr(&out).contains("key file is damaged"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("keyring"), "{}", stderr(&out));
    std::fs::write(&path, &good).expect("put back");

    // A recovery code that is not this journal's is a wrong recovery code.
    let out = cli.run(&["list"], Some("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-2222"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("wrong recovery code"), "{}", stderr(&out));

    // A byte-order mark is not "invalid JSON"; -0 is zero.
    let bom = "\u{feff}{\"format\":\"dualtrack\",\"version\":1,\"entries\":[{\"date\":\"2026-02-01\",\"technical_share\":-0}]}";
    let file = write(&cli.home, "bom.json", bom);
    cli.ok(&["import", file.to_str().expect("path")]);
    assert_eq!(cli.json(&["show", "2026-02-01"])["technical_share"], 0);
    let file = write(
        &cli.home,
        "zero.json",
        r#"{"format":"dualtrack","version":1,"entries":[{"date":"2026-02-02","satisfaction":-0}]}"#,
    );
    let out = cli.run(&["import", file.to_str().expect("path")], Some(PASS));
    assert!(stderr(&out).contains("satisfaction: 0 is outside 1–10"), "{}", stderr(&out));

    // The entry is saved even when the daily backup cannot be taken, and the words say so.
    let backups = cli.data.join("backups");
    std::fs::remove_dir_all(&backups).expect("rm backups");
    std::fs::write(&backups, "not a folder").expect("block the backups");
    let out = cli.run(&["add", "2026-03-01", "--text", "saved anyway"], Some(PASS));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Saved the entry for 2026-03-01"));
    assert!(stderr(&out).contains("automatic backup was not taken"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("nothing was saved"), "{}", stderr(&out));
    assert_eq!(cli.json(&["show", "2026-03-01"])["text"], "saved anyway");
}
