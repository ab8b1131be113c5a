//! Never lose a journal: the reproductions of a hostile review of the CLI, each a test of the
//! real binary on a real journal — key changes racing other commands, `kill -9` in the middle,
//! full disks, damaged key files, endless inputs, hostile files beside the journal.
//!
//! After each, the invariant: every secret the user was told opens the journal, every
//! acknowledged entry is there, `verify` passes (the journal and every backup), and nothing of a
//! half-done change is left. `make soak` runs the random kill loop longer
//! (`DUALTRACK_REKEY_KILL_CYCLES`).

#[path = "../common/mod.rs"]
mod common;
mod inputs;
mod keychange;

use std::process::{Child, Output, Stdio};

use common::{Cli, stderr, stdout};
use serde_json::Value;

/// A journal with `entries` entries and two backups; returns it with its recovery code.
pub fn journal(entries: usize) -> (Cli, String) {
    let cli = Cli::new();
    let code = cli.init();
    cli.fill(entries);
    cli.ok(&["backup"]);
    cli.ok(&["add", "2019-12-31", "--text", "before the second backup"]);
    cli.ok(&["backup"]);
    (cli, code)
}

pub fn spawn(cli: &Cli, args: &[&str], secret: &str) -> Child {
    let mut cmd = cli.cmd(args);
    cmd.env("DUALTRACK_PASSPHRASE", secret).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.spawn().expect("spawn dualtrack")
}

/// The recovery code a `--json rekey` printed, if it got that far.
pub fn printed_code(out: &Output) -> Option<String> {
    let v: Value = serde_json::from_slice(&out.stdout).ok()?;
    v["recovery_code"].as_str().map(str::to_owned)
}

/// The invariant after anything: it opens with `passphrase` and `code`, holds `entries`,
/// verifies (journal and backups), and no staging is left.
pub fn holds(cli: &Cli, passphrase: &str, code: &str, entries: usize, ctx: &str) {
    assert!(cli.opens_with(passphrase), "{ctx}: the passphrase no longer opens the journal");
    assert!(cli.opens_with(code), "{ctx}: the recovery code the user holds no longer opens it");
    assert_eq!(cli.count(passphrase), entries, "{ctx}: entries lost or added");
    let verify = cli.run(&["verify"], Some(passphrase));
    assert!(verify.status.success(), "{ctx}: verify: {}{}", stdout(&verify), stderr(&verify));
    assert!(!cli.data.join("key-change").exists(), "{ctx}: a key change was left half done");
}
