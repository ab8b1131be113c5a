//! Never lose a journal: the reproductions of a hostile review of the CLI, each a test of the
//! real binary on a real journal — key changes racing other commands, `kill -9` in the middle,
//! full disks, damaged key files, endless inputs, hostile files beside the journal.
//!
//! After each, the invariant: every secret the user was told opens the journal, every
//! acknowledged entry is there, `verify` passes (the journal and every backup), and nothing of a
//! half-done change is left. `make soak` runs the random kill loop longer
//! (`DUALTRACK_REKEY_KILL_CYCLES`).

mod common;

use std::process::{Child, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Cli, PASS, SmallDisk, snapshot, stderr, stdout, write};
use serde_json::Value;

/// A journal with `entries` entries and two backups; returns it with its recovery code.
fn journal(entries: usize) -> (Cli, String) {
    let cli = Cli::new();
    let code = cli.init();
    cli.fill(entries);
    cli.ok(&["backup"]);
    cli.ok(&["add", "2019-12-31", "--text", "before the second backup"]);
    cli.ok(&["backup"]);
    (cli, code)
}

fn spawn(cli: &Cli, args: &[&str], secret: &str) -> Child {
    let mut cmd = cli.cmd(args);
    cmd.env("DUALTRACK_PASSPHRASE", secret).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.spawn().expect("spawn dualtrack")
}

/// The recovery code a `--json rekey` printed, if it got that far.
fn printed_code(out: &Output) -> Option<String> {
    let v: Value = serde_json::from_slice(&out.stdout).ok()?;
    v["recovery_code"].as_str().map(str::to_owned)
}

/// The invariant after anything: it opens with `passphrase` and `code`, holds `entries`,
/// verifies (journal and backups), and no staging is left.
fn holds(cli: &Cli, passphrase: &str, code: &str, entries: usize, ctx: &str) {
    assert!(cli.opens_with(passphrase), "{ctx}: the passphrase no longer opens the journal");
    assert!(cli.opens_with(code), "{ctx}: the recovery code the user holds no longer opens it");
    assert_eq!(cli.count(passphrase), entries, "{ctx}: entries lost or added");
    let verify = cli.run(&["verify"], Some(passphrase));
    assert!(verify.status.success(), "{ctx}: verify: {}{}", stdout(&verify), stderr(&verify));
    assert!(!cli.data.join("key-change").exists(), "{ctx}: a key change was left half done");
}

#[test]
fn commands_during_a_rekey_wait_and_lose_nothing() {
    let (cli, _code) = journal(600);
    let before = cli.count(PASS);
    let done = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(Mutex::new(Vec::new()));
    let acked = Arc::new(Mutex::new(Vec::new()));
    std::thread::scope(|scope| {
        let rekey = spawn(&cli, &["--json", "rekey"], PASS);
        for role in ["status", "add", "backup"] {
            let (cli, done, failures, acked) =
                (&cli, done.clone(), failures.clone(), acked.clone());
            scope.spawn(move || {
                let mut n = 0u64;
                while !done.load(Ordering::SeqCst) {
                    n += 1;
                    let date = (chrono::NaiveDate::from_ymd_opt(2030, 1, 1).expect("date")
                        + chrono::Days::new(n))
                    .to_string();
                    let out = match role {
                        "status" => cli.run(&["status"], None),
                        "add" => cli
                            .run(&["add", &date, "--text", "written during the rekey"], Some(PASS)),
                        _ => cli.run(&["backup"], Some(PASS)),
                    };
                    if out.status.success() {
                        if role == "add" {
                            acked.lock().expect("lock").push(date);
                        }
                    } else {
                        failures.lock().expect("lock").push(format!("{role}: {}", stderr(&out)));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            });
        }
        let out = rekey.wait_with_output().expect("rekey");
        done.store(true, Ordering::SeqCst);
        assert!(out.status.success(), "rekey: {}", stderr(&out));
        let code = printed_code(&out).expect("the new code was printed");
        std::thread::sleep(Duration::from_millis(100));
        assert!(cli.opens_with(&code), "the new recovery code opens the journal");
    });
    let failures = failures.lock().expect("lock");
    assert!(failures.is_empty(), "commands waited instead of failing: {failures:?}");
    let acked = acked.lock().expect("lock").clone();
    assert!(!acked.is_empty(), "some saves happened while the rekey ran");
    let listed: Value =
        serde_json::from_str(&cli.ok(&["--json", "list", "--from", "2030-01-01"])).expect("json");
    let stored: Vec<&str> =
        listed.as_array().expect("list").iter().filter_map(|e| e["date"].as_str()).collect();
    for date in &acked {
        assert!(stored.contains(&date.as_str()), "the acknowledged save of {date} was lost");
    }
    assert_eq!(cli.count(PASS), before + acked.len());
    assert!(cli.run(&["verify"], Some(PASS)).status.success());
}

#[test]
fn two_rekeys_at_once_leave_a_code_that_works() {
    let (cli, old_code) = journal(300);
    let entries = cli.count(PASS);
    let a = spawn(&cli, &["--json", "rekey"], PASS);
    let b = spawn(&cli, &["--json", "rekey"], PASS);
    let outs = [a.wait_with_output().expect("a"), b.wait_with_output().expect("b")];
    let codes: Vec<String> = outs.iter().filter_map(printed_code).collect();
    for out in &outs {
        if !out.status.success() {
            let why = stderr(out);
            assert!(
                why.contains("another Dualtrack process") || why.contains("meanwhile"),
                "a refused rekey says why: {why}"
            );
        }
    }
    assert!(!codes.is_empty(), "at least one rekey went through: {outs:?}");
    let working: Vec<&String> = codes.iter().filter(|c| cli.opens_with(c)).collect();
    assert_eq!(working.len(), 1, "exactly the last confirmed code works: {codes:?}");
    assert!(!cli.opens_with(&old_code), "the code before both rekeys was retired");
    holds(&cli, PASS, working[0], entries, "two rekeys");
}

#[test]
fn passwd_during_a_rekey_never_locks_anyone_out() {
    let new_pass = "a passphrase set mid-rekey";
    for delay in [0u64, 150, 500] {
        let (cli, old_code) = journal(200);
        let entries = cli.count(PASS);
        let rekey = spawn(&cli, &["--json", "rekey"], PASS);
        std::thread::sleep(Duration::from_millis(delay));
        let mut passwd = cli.cmd(&["passwd"]);
        passwd.env("DUALTRACK_PASSPHRASE", PASS).env("DUALTRACK_NEW_PASSPHRASE", new_pass);
        let passwd = passwd.output().expect("passwd");
        let rekey = rekey.wait_with_output().expect("rekey");
        let ctx = format!("passwd {delay} ms into a rekey");
        let passphrase = if passwd.status.success() {
            assert!(stdout(&passwd).contains("The passphrase is set"), "{ctx}");
            new_pass
        } else {
            PASS
        };
        let code = printed_code(&rekey).unwrap_or(old_code);
        holds(&cli, passphrase, &code, entries, &ctx);
    }
}

#[test]
fn stray_staging_files_never_replace_the_key_file() {
    let (cli, code) = journal(20);
    let keys = std::fs::read(cli.data.join("journal.keys")).expect("keys");
    // An older version's staging name, with a key file that has no slots at all.
    write(&cli.data, "journal.keys.rekey", r#"{"format":"dualtrack-keys","version":1}"#);
    // An uncommitted key change: a key file and half a database, but no record.
    std::fs::create_dir_all(cli.data.join("key-change/backups")).expect("stage");
    write(
        &cli.data.join("key-change"),
        "journal.keys",
        r#"{"format":"dualtrack-keys","version":2}"#,
    );
    write(&cli.data.join("key-change"), "journal.db", "half a copy");
    assert!(cli.run(&["status"], None).status.success(), "status needs no secret");
    assert_eq!(std::fs::read(cli.data.join("journal.keys")).expect("keys"), keys);
    assert!(!cli.data.join("key-change").exists(), "the uncommitted change was undone");
    let verified = cli.ok(&["verify"]);
    assert!(verified.contains("journal.keys.rekey"), "verify names the stray file: {verified}");
    assert!(cli.data.join("journal.keys.rekey").exists(), "never deleted automatically");

    // A record that cannot be read: nothing is guessed and nothing is deleted.
    std::fs::create_dir_all(cli.data.join("key-change")).expect("stage");
    write(&cli.data.join("key-change"), "COMMIT", "{not json");
    let db = std::fs::read(cli.data.join("journal.db")).expect("db");
    let refused = cli.run(&["list"], Some(PASS));
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("nothing was deleted"), "{}", stderr(&refused));
    assert_eq!(std::fs::read(cli.data.join("journal.keys")).expect("keys"), keys);
    assert_eq!(std::fs::read(cli.data.join("journal.db")).expect("db"), db);
    assert!(cli.data.join("key-change/COMMIT").exists());
    std::fs::remove_dir_all(cli.data.join("key-change")).expect("move it away");
    holds(&cli, PASS, &code, 21, "after stray files");
}

/// A tiny xorshift so the kill moments vary without another dependency.
struct Jitter(u64);
impl Jitter {
    fn below(&mut self, max: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % max.max(1)
    }
}

#[test]
fn rekey_killed_at_random_moments_never_loses_the_journal() {
    let cycles: usize = std::env::var("DUALTRACK_REKEY_KILL_CYCLES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(20);
    let (cli, mut code) = journal(300);
    let entries = cli.count(PASS);
    // How long a whole rekey takes here, so the kills land all over it.
    let started = Instant::now();
    let out = spawn(&cli, &["--json", "rekey"], PASS).wait_with_output().expect("rekey");
    let span = started.elapsed().as_millis() as u64;
    code = printed_code(&out).unwrap_or(code);
    let seed = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(1) as u64 | 1;
    let mut jitter = Jitter(seed);
    let (mut killed, mut finished) = (0, 0);
    for cycle in 0..cycles {
        let mut child = spawn(&cli, &["--json", "rekey"], PASS);
        std::thread::sleep(Duration::from_millis(jitter.below(span + span / 5)));
        let _ = child.kill();
        let out = child.wait_with_output().expect("reap");
        if out.status.success() {
            finished += 1;
        } else {
            killed += 1;
        }
        // A code counts once it was printed; until then the previous one must still work.
        if let Some(new) = printed_code(&out) {
            code = new;
        }
        holds(&cli, PASS, &code, entries, &format!("cycle {cycle} (seed {seed})"));
    }
    eprintln!(
        "rekey kill loop: {cycles} cycles over {span} ms, {killed} killed, {finished} finished"
    );
}

#[test]
fn rekey_on_a_nearly_full_disk_is_all_or_nothing() {
    // From too little room for anything to room for everything: each rekey either completes
    // (every backup under the new key) or fails with "disk is full" having changed nothing.
    let (mut failed, mut completed) = (0, 0);
    for free_kib in [100u64, 300, 500, 700, 900, 3000] {
        let disk = SmallDisk::new(8 * 1024);
        let cli = Cli::at(disk.path.join("journal"));
        let code = cli.init();
        cli.fill(300);
        cli.ok(&["backup"]);
        cli.ok(&["add", "2019-12-31", "--text", "before the second backup"]);
        cli.ok(&["backup"]);
        let entries = cli.count(PASS);
        disk.fill();
        disk.free(free_kib);
        let files = |cli: &Cli| {
            snapshot(&cli.data)
                .into_iter()
                .filter(|(p, _)| {
                    let name = p.to_string_lossy();
                    !name.ends_with("-wal") && !name.ends_with("-shm")
                })
                .collect::<Vec<_>>()
        };
        let before = files(&cli);
        let out = cli.run(&["--json", "rekey"], Some(PASS));
        let ctx = format!("rekey with {free_kib} KiB free");
        if out.status.success() {
            completed += 1;
            let new_code = printed_code(&out).expect("a code");
            assert!(!cli.opens_with(&code), "{ctx}: the old code was retired");
            holds(&cli, PASS, &new_code, entries, &ctx);
        } else {
            failed += 1;
            assert!(stderr(&out).contains("disk is full"), "{ctx}: {}", stderr(&out));
            assert!(
                printed_code(&out).is_none(),
                "{ctx}: no code for a change that did not happen"
            );
            assert_eq!(
                files(&cli),
                before,
                "{ctx}: the journal, key file and backups are untouched"
            );
            holds(&cli, PASS, &code, entries, &ctx);
        }
    }
    assert!(
        failed > 0 && completed > 0,
        "both outcomes were tried: {failed} failed, {completed} completed"
    );
}

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
fn a_recovery_code_that_cannot_be_shown_is_never_the_only_way_in() {
    let (cli, old_code) = journal(30);
    let entries = cli.count(PASS);
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let out =
        cli.cmd(&["rekey"]).env("DUALTRACK_PASSPHRASE", PASS).stdout(full).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let why = stderr(&out);
    assert!(why.contains("could not be shown") && why.contains("keep working"), "{why}");
    holds(&cli, PASS, &old_code, entries, "after a rekey into /dev/full");
    assert!(cli.ok(&["status"]).contains("not been confirmed"), "status says so");
    let out = cli.run(&["--json", "rekey"], Some(PASS));
    let new_code = printed_code(&out).expect("a code this time");
    assert!(!cli.opens_with(&old_code), "retired once a new code was shown");
    holds(&cli, PASS, &new_code, entries, "after a rekey that was shown");

    let fresh = Cli::new();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let out =
        fresh.cmd(&["init"]).env("DUALTRACK_PASSPHRASE", PASS).stdout(full).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no journal was created"), "{}", stderr(&out));
    let status = fresh.run(&["status"], None);
    assert!(stderr(&status).contains("there is no journal"), "{}", stderr(&status));
    fresh.init();
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
