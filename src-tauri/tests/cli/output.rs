//! What the CLI does with its output and its surroundings: a reader that closes the pipe, a
//! full listing in few writes, a window asked for where there is no display.

use crate::common::{Cli, PASS, stderr};
use serde_json::Value;

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
fn started_at_login_with_no_reminder_set_the_app_ends_at_once() {
    let cli = Cli::new();
    cli.init();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dualtrack-window"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &cli.home)
        .args(["--hidden", "--data-dir"])
        .arg(&cli.data)
        .output()
        .expect("run the window");
    // No display is needed to see there is nothing to remind of.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
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
        .arg(crate::common::binary())
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
