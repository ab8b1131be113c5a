//! Crash at every step, the way SQLite tests itself: each change of the journal's files — a
//! rekey (same passphrase, a new one, keyring only), a passphrase change, a new recovery code, a
//! backup, a restore, set-up — runs in a child process once per crash point it passes (see
//! `faults`), stopping there as `kill -9` would. Then the journal is reopened, which finishes or
//! undoes the change, and the invariant is checked:
//! - every secret the user was told opens the journal (the old ones until the change reported
//!   success, the new ones once they were shown), and a keyring-only journal still opens from
//!   the keyring;
//! - every entry acknowledged before the change is there, exactly (a restore: the old content
//!   or the restored one, never a mix);
//! - `verify` passes for the journal and every backup, no backup was lost, and no staging or
//!   temporary file is left.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use chrono::Duration;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::faults::plan;
use crate::journal::{Journal, Setup, Unlock};
use crate::keys::KdfParams;
use crate::tests::{day, now};
use crate::{DateRange, Entry};
use file_keyring::file_keyring;

mod file_keyring;

const ROOT_VAR: &str = "DUALTRACK_STEP_ROOT";
const OP_VAR: &str = "DUALTRACK_STEP_OP";
const STOP_VAR: &str = "DUALTRACK_STEP_STOP";

const P1: &str = "the first passphrase";
const P2: &str = "the passphrase after the change";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Rekey,
    RekeyNewPassphrase,
    RekeyKeyringOnly,
    Passwd,
    NewRecoveryCode,
    Backup,
    Restore,
    Create,
}

const OPS: [Op; 8] = [
    Op::Rekey,
    Op::RekeyNewPassphrase,
    Op::RekeyKeyringOnly,
    Op::Passwd,
    Op::NewRecoveryCode,
    Op::Backup,
    Op::Restore,
    Op::Create,
];

impl Op {
    fn name(self) -> String {
        format!("{self:?}")
    }

    fn from_name(name: &str) -> Op {
        OPS.into_iter().find(|op| op.name() == name).expect("known operation")
    }

    fn keyring_only(self) -> bool {
        self == Op::RekeyKeyringOnly
    }
}

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

/// What the template journal held before the change.
#[derive(Serialize, Deserialize)]
struct Facts {
    code: String,
    entries: Vec<Entry>,
    backups: Vec<String>,
    /// The entries of the oldest backup (what a restore brings back).
    oldest_backup: Vec<Entry>,
}

/// The entry each change's child saves before the change.
fn extra_entry() -> Entry {
    let mut entry = Entry::empty(day("2026-12-01"));
    entry.text = "saved just before the change".into();
    entry
}

/// Which secrets the child told the user, and whether it finished.
#[derive(Default)]
struct Told {
    saved: bool,
    code: Option<String>,
    passphrase: bool,
    restored: bool,
    done: bool,
}

fn tell(root: &Path, line: &str) {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(root.join("told"))
        .expect("told file");
    writeln!(file, "{line}").expect("tell");
    file.sync_all().expect("sync");
}

fn told(root: &Path) -> Told {
    let text = std::fs::read_to_string(root.join("told")).unwrap_or_default();
    let mut told = Told::default();
    for line in text.lines() {
        match line.split_once(' ').unwrap_or((line, "")) {
            ("saved", _) => told.saved = true,
            ("code", code) => told.code = Some(code.to_owned()),
            ("passphrase", _) => told.passphrase = true,
            ("restored", _) => told.restored = true,
            ("done", _) => told.done = true,
            other => panic!("unknown line {other:?}"),
        }
    }
    told
}

/// The change, as the CLI makes it: the secrets are "told" (written to a file) when the CLI
/// would print them.
fn run(op: Op, root: &Path) {
    let dir = root.join("journal");
    let keyring = file_keyring(root);
    let (p1, p2) = (secret(P1), secret(P2));
    let test = KdfParams::TEST_ONLY;
    // Each change starts on a journal with a fresh save in its WAL, as in a running window.
    let written = |mut journal: Journal| {
        journal.save(&extra_entry(), now()).expect("save");
        tell(root, "saved");
        journal
    };
    let open = || written(Journal::open(&dir, Unlock::Passphrase(&p1)).expect("open"));
    match op {
        Op::Rekey | Op::RekeyNewPassphrase | Op::RekeyKeyringOnly => {
            let (journal, keep, passphrase) = match op {
                Op::RekeyKeyringOnly => {
                    let journal = Journal::open(&dir, Unlock::Keyring(&keyring)).expect("open");
                    (written(journal), Some(&keyring), None)
                }
                Op::Rekey => (open(), Some(&keyring), Some(&p1)),
                _ => (open(), Some(&keyring), Some(&p2)),
            };
            let rekeyed = journal.rekey(keep, passphrase, test, test).expect("rekey");
            tell(root, &format!("code {}", rekeyed.recovery_code.expose()));
            crate::faults::point("test: new code shown");
            let mut journal = rekeyed.journal;
            journal.confirm_recovery_code(Some(&keyring)).expect("confirm");
        }
        Op::Passwd => {
            open().set_passphrase(&p2, test).expect("passwd");
            tell(root, "passphrase");
        }
        Op::NewRecoveryCode => {
            let mut journal = open();
            let code = journal.new_recovery_code(test).expect("new code");
            tell(root, &format!("code {}", code.expose()));
            crate::faults::point("test: new code shown");
            journal.confirm_recovery_code(None).expect("confirm");
        }
        Op::Backup => {
            open().backup(now() + Duration::days(1), 3).expect("backup");
        }
        Op::Restore => {
            let mut journal = open();
            let oldest = journal.backups().expect("list").remove(0);
            journal.restore(&oldest.name, now() + Duration::days(1)).expect("restore");
            tell(root, "restored");
        }
        Op::Create => {
            let setup = Setup {
                keyring: None,
                passphrase: Some(&p1),
                passphrase_kdf: test,
                recovery_kdf: test,
            };
            let created = Journal::create(&dir, setup).expect("create");
            tell(root, &format!("code {}", created.recovery_code.expose()));
        }
    }
    tell(root, "done");
}

/// The child: runs the change of `DUALTRACK_STEP_OP` in `DUALTRACK_STEP_ROOT`, stopping at
/// crash point `DUALTRACK_STEP_STOP`.
#[test]
#[ignore = "run by every_change_survives_a_crash_at_every_step as a child process"]
fn crash_step_child() {
    let (Ok(root), Ok(op), Ok(stop)) =
        (std::env::var(ROOT_VAR), std::env::var(OP_VAR), std::env::var(STOP_VAR))
    else {
        return;
    };
    plan::start(Some(stop.parse().expect("stop index")));
    run(Op::from_name(&op), Path::new(&root));
}

/// A journal with 40 entries and three backups taken along the way.
fn template(op: Op) -> (tempfile::TempDir, Option<Facts>) {
    let root = tempfile::tempdir().expect("tempdir");
    if op == Op::Create {
        return (root, None);
    }
    let dir = root.path().join("journal");
    let keyring = file_keyring(root.path());
    let p1 = secret(P1);
    let setup = Setup {
        keyring: Some(&keyring),
        passphrase: (!op.keyring_only()).then_some(&p1),
        passphrase_kdf: KdfParams::TEST_ONLY,
        recovery_kdf: KdfParams::TEST_ONLY,
    };
    let created = Journal::create(&dir, setup).expect("create");
    let code = created.recovery_code.expose().to_owned();
    let mut journal = created.journal;
    let mut oldest_backup = Vec::new();
    for n in 0..40u32 {
        let mut entry = Entry::empty(day("2026-01-01") + Duration::days(n.into()));
        entry.satisfaction = Some((n % 10 + 1) as u8);
        entry.text = format!("entry {n}: ") + &"words ".repeat(n as usize * 20);
        journal.save(&entry, now()).expect("save");
        if [9, 24, 39].contains(&n) {
            journal.backup(now() + Duration::minutes(n.into()), 10).expect("backup");
            if oldest_backup.is_empty() {
                oldest_backup = journal.list(DateRange::all()).expect("list");
            }
        }
    }
    let facts = Facts {
        code,
        entries: journal.list(DateRange::all()).expect("list"),
        backups: journal.backups().expect("list").into_iter().map(|b| b.name).collect(),
        oldest_backup,
    };
    journal.lock().expect("lock");
    (root, Some(facts))
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for item in std::fs::read_dir(from).expect("read dir") {
        let item = item.expect("item");
        let target = to.join(item.file_name());
        if item.file_type().expect("type").is_dir() {
            copy_tree(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), &target).expect("copy");
        }
    }
}

/// Opens the journal with each secret the user holds after a crash at `at`, and checks the rest
/// of the invariant.
fn check(op: Op, root: &Path, facts: Option<&Facts>, at: &str) {
    let dir = root.join("journal");
    let told = told(root);
    let ctx = format!("{op:?} stopped at {at:?}");
    let Some(facts) = facts else {
        // Set-up: a journal exists only once its key file was written; then the passphrase
        // opens it, and so does the code if it was shown. Otherwise set-up can simply run again.
        let opened = Journal::open(&dir, Unlock::Passphrase(&secret(P1)));
        match opened {
            Ok(journal) => {
                healthy(&journal, &ctx);
                drop(journal);
                if let Some(code) = &told.code {
                    Journal::open(&dir, Unlock::RecoveryCode(&secret(code))).expect(&ctx);
                }
            }
            Err(e) => {
                assert_eq!(e.kind(), crate::ErrorKind::NotInitialized, "{ctx}: {e}");
                assert!(told.code.is_none(), "{ctx}: a code was shown for no journal");
                let p1 = secret(P1);
                let again = Journal::create(
                    &dir,
                    Setup {
                        keyring: None,
                        passphrase: Some(&p1),
                        passphrase_kdf: KdfParams::TEST_ONLY,
                        recovery_kdf: KdfParams::TEST_ONLY,
                    },
                );
                again.map(|_| ()).unwrap_or_else(|e| panic!("{ctx}: set-up again: {e}"));
            }
        }
        return;
    };

    // The passphrase the user holds: the new one once the change said so.
    let passphrase = match op {
        Op::RekeyNewPassphrase if told.code.is_some() => Some(P2),
        Op::Passwd if told.passphrase => Some(P2),
        Op::RekeyKeyringOnly => None,
        _ => Some(P1),
    };
    let journal = match passphrase {
        // Mid-change, nothing reported yet: the old or the new passphrase, either is fine.
        Some(p) if op == Op::Passwd && !told.passphrase => {
            Journal::open(&dir, Unlock::Passphrase(&secret(p)))
                .or_else(|_| Journal::open(&dir, Unlock::Passphrase(&secret(P2))))
        }
        Some(p) => Journal::open(&dir, Unlock::Passphrase(&secret(p))),
        None => Journal::open(&dir, Unlock::Keyring(&file_keyring(root))),
    };
    let journal = journal.unwrap_or_else(|e| panic!("{ctx}: the journal does not open: {e}"));
    let stored = journal.list(DateRange::all()).expect("list");
    let mut expected = facts.entries.clone();
    if told.saved {
        expected.push(extra_entry());
    }
    let restored = op == Op::Restore && stored == facts.oldest_backup;
    assert!(
        stored == expected || restored,
        "{ctx}: the entries changed ({} instead of {})",
        stored.len(),
        expected.len()
    );
    if told.restored {
        assert!(restored, "{ctx}: the restore was reported but its content is not there");
    }
    healthy(&journal, &ctx);
    let backups: Vec<String> =
        journal.backups().expect("list").into_iter().map(|b| b.name).collect();
    let kept = facts.backups.iter().filter(|b| backups.contains(b)).count();
    let rotated = usize::from(op == Op::Backup);
    assert!(kept + rotated >= facts.backups.len(), "{ctx}: a backup was lost: {backups:?}");
    drop(journal);

    if op == Op::RekeyKeyringOnly {
        Journal::open(&dir, Unlock::Keyring(&file_keyring(root)))
            .unwrap_or_else(|e| panic!("{ctx}: the keyring no longer opens it: {e}"));
    }
    // Every code the user was told opens it: the new one once shown, the old one until then.
    let code = told.code.clone().unwrap_or_else(|| facts.code.clone());
    Journal::open(&dir, Unlock::RecoveryCode(&secret(&code)))
        .unwrap_or_else(|e| panic!("{ctx}: the recovery code the user holds fails: {e}"));
}

fn healthy(journal: &Journal, ctx: &str) {
    let report = journal.verify().expect("verify");
    assert!(report.is_ok(), "{ctx}: verify: {report:?}");
    assert!(report.leftovers.is_empty(), "{ctx}: leftovers {:?}", report.leftovers);
    assert!(!journal.layout().key_change_dir().exists(), "{ctx}: staging left");
}

#[test]
fn every_change_survives_a_crash_at_every_step() {
    let exe = std::env::current_exe().expect("test binary");
    let mut summary = Vec::new();
    for op in OPS {
        let (template, facts) = template(op);
        // A full run in this process names the crash points the change passes.
        let recording = tempfile::tempdir().expect("tempdir");
        copy_tree(template.path(), recording.path());
        plan::start(None);
        run(op, recording.path());
        let points = plan::passed();
        plan::start(None);
        assert!(points.len() >= 3, "{op:?} passes crash points: {points:?}");

        for stop in 0..=points.len() {
            let root = tempfile::tempdir().expect("tempdir");
            copy_tree(template.path(), root.path());
            let status = Command::new(&exe)
                .args(["--exact", "crash_steps::crash_step_child", "--ignored", "--test-threads=1"])
                .env(ROOT_VAR, root.path())
                .env(OP_VAR, op.name())
                .env(STOP_VAR, stop.to_string())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .expect("child");
            let at = points.get(stop).copied().unwrap_or("the end");
            let expected = if stop < points.len() { Some(plan::STOPPED) } else { Some(0) };
            assert_eq!(status.code(), expected, "{op:?}: the child at {at:?}");
            check(op, root.path(), facts.as_ref(), at);
        }
        summary.push(format!("{op:?} {}", points.len()));
    }
    eprintln!("crash points checked: {}", summary.join(", "));
}
