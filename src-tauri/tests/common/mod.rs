//! What the CLI test binaries share: the real `dualtrack` binary run as a user runs it, on a
//! journal in a temporary directory, with no OS keyring (a session bus that does not exist) and
//! secrets from the environment; plus a small tmpfs for full-disk tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub const PASS: &str = "correct horse battery";

pub struct Cli {
    pub tmp: tempfile::TempDir,
    pub home: PathBuf,
    pub data: PathBuf,
}

/// The binary under test. `DUALTRACK_TEST_BINARY` points the suite at another build (an older
/// release, to show which tests it fails).
pub fn binary() -> PathBuf {
    std::env::var_os("DUALTRACK_TEST_BINARY")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_dualtrack")), PathBuf::from)
}

impl Cli {
    pub fn new() -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        let home = tmp.path().join("home");
        std::fs::create_dir_all(&home).expect("home");
        let data = tmp.path().join("journal");
        Cli { home, data, tmp }
    }

    /// A journal folder somewhere else (a small disk, say); home stays in the temp dir.
    pub fn at(data: PathBuf) -> Self {
        let mut cli = Cli::new();
        cli.data = data;
        cli
    }

    /// A command with a clean environment: nothing of the developer's leaks in.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(binary());
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
            .arg("--data-dir")
            .arg(&self.data)
            .args(args)
            .stdin(Stdio::null());
        cmd
    }

    pub fn run(&self, args: &[&str], secret: Option<&str>) -> Output {
        let mut cmd = self.cmd(args);
        if let Some(secret) = secret {
            cmd.env("DUALTRACK_PASSPHRASE", secret);
        }
        cmd.output().expect("run dualtrack")
    }

    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_with(args, PASS)
    }

    pub fn ok_with(&self, args: &[&str], secret: &str) -> String {
        let out = self.run(args, Some(secret));
        assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).expect("JSON on stdout")
    }

    /// Creates the journal; returns its recovery code.
    pub fn init(&self) -> String {
        let v = self.json(&["init"]);
        v["recovery_code"].as_str().expect("recovery code").to_owned()
    }

    /// Imports `n` generated entries (one a day from 2020-01-01, with text) in one go.
    pub fn fill(&self, n: usize) {
        let entries: Vec<Value> = (0..n)
            .map(|i| {
                let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("date")
                    + chrono::Days::new(i as u64);
                serde_json::json!({
                    "date": date.to_string(), "satisfaction": i % 10 + 1,
                    "technical_share": (i * 7) % 101, "tags": ["gen"],
                    "text": format!("entry {i}: {}", "a line of reflection ".repeat(20)),
                })
            })
            .collect();
        let doc = serde_json::json!({"format": "dualtrack", "version": 1, "entries": entries});
        let file = write(&self.home, "fill.json", &doc.to_string());
        self.ok(&["import", file.to_str().expect("path")]);
    }

    /// The number of entries, as `list --json` sees it with `secret`.
    pub fn count(&self, secret: &str) -> usize {
        let out = self.ok_with(&["--json", "list"], secret);
        let v: Value = serde_json::from_str(&out).expect("json");
        v.as_array().map_or(0, Vec::len)
    }

    /// True when `secret` (passphrase or recovery code) opens the journal.
    pub fn opens_with(&self, secret: &str) -> bool {
        self.run(&["list", "--from", "1900-01-01", "--to", "1900-01-01"], Some(secret))
            .status
            .success()
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write file");
    path
}

/// A tmpfs of a few megabytes, unmounted when dropped: a disk that really fills up. Needs root
/// (CI and the development machines run as root); anywhere else the test says so.
pub struct SmallDisk {
    pub path: PathBuf,
    _tmp: tempfile::TempDir,
}

impl SmallDisk {
    pub fn new(kib: u64) -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("disk");
        std::fs::create_dir(&path).expect("mount point");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k,mode=0700"), "tmpfs"])
            .arg(&path)
            .output()
            .expect("mount");
        assert!(
            out.status.success(),
            "full-disk tests mount a small tmpfs and need root: {}",
            stderr(&out)
        );
        SmallDisk { path, _tmp: tmp }
    }

    /// Fills every free byte with a file (then the disk is 100 % full).
    pub fn fill(&self) {
        let mut file = std::fs::File::create(self.path.join("filler")).expect("filler");
        let block = vec![0u8; 4096];
        while std::io::Write::write_all(&mut file, &block).is_ok() {}
        let small = [0u8; 1];
        while std::io::Write::write_all(&mut file, &small).is_ok() {}
    }

    /// Leaves about `kib` KiB free by shrinking the filler.
    pub fn free(&self, kib: u64) {
        let filler = self.path.join("filler");
        let len = std::fs::metadata(&filler).map(|m| m.len()).unwrap_or(0);
        let file = std::fs::OpenOptions::new().write(true).open(&filler).expect("filler");
        file.set_len(len.saturating_sub(kib * 1024)).expect("shrink");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

/// The whole tree under `dir`, as (relative path, SHA-256), to prove "nothing changed".
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, String)> {
    use sha2::Digest;
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for item in std::fs::read_dir(&d).expect("read dir") {
            let item = item.expect("item");
            let path = item.path();
            if item.file_type().expect("type").is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("inside").to_path_buf();
                let name = rel.to_string_lossy();
                if !name.ends_with(".lock") && !name.ends_with(".gate") {
                    let bytes = std::fs::read(&path).expect("read");
                    out.push((rel, hex::encode(sha2::Sha256::digest(&bytes))));
                }
            }
        }
    }
    out.sort();
    out
}
