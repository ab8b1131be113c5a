//! Key changes under pressure: racing other commands, each other and `passwd`, stray staging
//! files, `kill -9` at random moments, a nearly full disk, and a code that cannot be shown.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{Cli, PASS, SmallDisk, snapshot, stderr, stdout, write};
use crate::{holds, journal, printed_code, spawn};

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
