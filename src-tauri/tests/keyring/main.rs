//! The keyring matrix under a real Secret Service (gnome-keyring in its own `dbus-run-session`,
//! with temporary HOME and XDG dirs — never the developer's keyring).
//!
//! Each keyring state — no bus, a bus without a Secret Service, no collection, locked,
//! unlocked, the journal's entry deleted, a different key in it — is tried with and without an
//! existing journal. A journal is never re-keyed or replaced (its files' sha256 stay the same)
//! and always opens with its passphrase or recovery code; without one it is a clear exit 2.

mod matrix;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use sha2::{Digest, Sha256};

pub const PASS: &str = "keyring matrix passphrase";

/// How the session bus looks for one CLI run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bus {
    /// DBUS_SESSION_BUS_ADDRESS points nowhere.
    Missing,
    /// A session bus with no Secret Service provider (no activatable services at all).
    NoProvider,
    /// gnome-keyring running; `unlock` says whether the login collection is unlocked.
    Keyring { unlock: bool },
}

pub struct Home {
    tmp: tempfile::TempDir,
    data: PathBuf,
}

impl Home {
    fn new() -> Self {
        for tool in ["dbus-run-session", "gnome-keyring-daemon", "secret-tool"] {
            let found = Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .is_ok_and(|o| o.status.success());
            assert!(found, "{tool} is missing; `make deps` installs it");
        }
        let tmp = tempfile::tempdir().expect("tempdir");
        for d in ["home", "home/.local/share", "home/.config"] {
            std::fs::create_dir_all(tmp.path().join(d)).expect("dir");
        }
        let data = tmp.path().join("journal");
        Home { tmp, data }
    }

    fn home(&self) -> PathBuf {
        self.tmp.path().join("home")
    }

    /// Runs a program in a fresh session of the given kind, with this home's environment only.
    fn session(
        &self,
        bus: Bus,
        program: &[&str],
        secret: Option<&str>,
        stdin: Option<&str>,
    ) -> Output {
        let mut cmd = match bus {
            Bus::Missing => {
                let mut c = Command::new(program[0]);
                c.args(&program[1..]);
                c
            }
            Bus::NoProvider | Bus::Keyring { .. } => {
                // The daemon runs in the foreground of this session only and is stopped with it:
                // a daemon left behind would be found by the next session and answer for it.
                let daemon = match bus {
                    Bus::Keyring { unlock: true } => {
                        "printf test | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &"
                    }
                    Bus::Keyring { unlock: false } => {
                        "gnome-keyring-daemon --foreground --components=secrets >/dev/null 2>&1 &"
                    }
                    _ => "true &",
                };
                // Wait until the daemon owns the Secret Service name (at most ~10 s).
                let wait = if bus == Bus::NoProvider {
                    ""
                } else {
                    "i=0; while ! dbus-send --session --print-reply --dest=org.freedesktop.DBus \
                       /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets \
                       2>/dev/null | grep -q true; do i=$((i+1)); [ $i -gt 200 ] && break; sleep 0.05; done;"
                };
                let script = format!(
                    "{daemon} kp=$!; {wait} \"$@\"; rc=$?; kill $kp 2>/dev/null; wait $kp 2>/dev/null; exit $rc"
                );
                let mut c = Command::new("dbus-run-session");
                if bus == Bus::NoProvider {
                    c.arg(format!("--config-file={}", self.bare_bus_config().display()));
                }
                c.args(["--", "sh", "-c", &script, "sh"]).args(program);
                c
            }
        };
        let home = self.home();
        let runtime = tempfile::Builder::new()
            .prefix("run")
            .tempdir_in(self.tmp.path())
            .expect("runtime dir");
        set_mode_700(runtime.path());
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("XDG_RUNTIME_DIR", runtime.path())
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if bus == Bus::Missing {
            cmd.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        }
        if let Some(secret) = secret {
            cmd.env("DUALTRACK_PASSPHRASE", secret);
        }
        let mut child = cmd.spawn().expect("spawn");
        if let Some(input) = stdin {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
        }
        child.wait_with_output().expect("wait")
    }

    fn dualtrack(&self, bus: Bus, args: &[&str], secret: Option<&str>) -> Output {
        let data = self.data.to_string_lossy().into_owned();
        let mut program = vec![env!("CARGO_BIN_EXE_dualtrack"), "--data-dir", data.as_str()];
        program.extend_from_slice(args);
        self.session(bus, &program, secret, None)
    }

    fn bare_bus_config(&self) -> PathBuf {
        let path = self.tmp.path().join("bare-session.conf");
        std::fs::write(
            &path,
            r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
        )
        .expect("bus config");
        path
    }

    fn journal_id(&self) -> String {
        let keys: serde_json::Value =
            serde_json::from_slice(&std::fs::read(self.data.join("journal.keys")).expect("keys"))
                .expect("json");
        keys["journal_id"].as_str().expect("journal id").to_owned()
    }

    fn fingerprint(&self) -> (String, String) {
        (sha(&self.data.join("journal.db")), sha(&self.data.join("journal.keys")))
    }
}

#[cfg(unix)]
pub fn set_mode_700(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700)).expect("chmod");
}

pub fn sha(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).expect("read")))
}

pub fn err(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout_json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// Keyring states that can be arranged around an existing journal.
#[derive(Clone, Copy, Debug)]
pub enum State {
    NoBus,
    NoProvider,
    NoCollection,
    Locked,
    Unlocked,
    EntryDeleted,
    DifferentKey,
}

/// Creates a journal with keyring, passphrase and recovery code slots in an unlocked keyring,
/// then arranges `state`. Returns the recovery code and the bus to run under.
pub fn journal_then(home: &Home, state: State) -> (String, Bus) {
    let unlocked = Bus::Keyring { unlock: true };
    let created = home.dualtrack(unlocked, &["--json", "init"], Some(PASS));
    assert!(created.status.success(), "init: {}", err(&created));
    let v = stdout_json(&created);
    assert_eq!(v["slots"], serde_json::json!(["keyring", "passphrase", "recovery_code"]));
    let code = v["recovery_code"].as_str().expect("code").to_owned();
    let user = format!("journal-{}", home.journal_id());
    let bus = match state {
        State::NoBus => Bus::Missing,
        State::NoProvider => Bus::NoProvider,
        State::NoCollection => {
            std::fs::remove_dir_all(home.home().join(".local/share/keyrings"))
                .expect("wipe keyrings");
            Bus::Keyring { unlock: false }
        }
        State::Locked => Bus::Keyring { unlock: false },
        State::Unlocked => unlocked,
        State::EntryDeleted => {
            let out = home.session(
                unlocked,
                &["secret-tool", "clear", "service", "app.dualtrack", "username", &user],
                None,
                None,
            );
            assert!(out.status.success(), "secret-tool clear: {}", err(&out));
            unlocked
        }
        State::DifferentKey => {
            let other = "ab".repeat(32);
            let out = home.session(
                unlocked,
                &[
                    "secret-tool",
                    "store",
                    "--label=other",
                    "service",
                    "app.dualtrack",
                    "username",
                    &user,
                ],
                None,
                Some(&other),
            );
            assert!(out.status.success(), "secret-tool store: {}", err(&out));
            unlocked
        }
    };
    (code, bus)
}

pub fn existing_journal_survives(state: State) {
    let home = Home::new();
    let (code, bus) = journal_then(&home, state);
    let before = home.fingerprint();

    let plain = home.dualtrack(bus, &["list"], None);
    if matches!(state, State::Unlocked) {
        assert!(plain.status.success(), "{state:?}: keyring unlock failed: {}", err(&plain));
    } else {
        assert_eq!(plain.status.code(), Some(2), "{state:?}: {}", err(&plain));
        let msg = err(&plain);
        assert!(
            msg.contains("keyring") && msg.contains("DUALTRACK_PASSPHRASE"),
            "{state:?}: {msg}"
        );
    }

    for secret in [None, Some("a different passphrase")] {
        let init = home.dualtrack(bus, &["init"], secret);
        assert_eq!(init.status.code(), Some(1), "{state:?}: init over a journal must fail");
        assert!(err(&init).contains("already exists"), "{state:?}: {}", err(&init));
    }

    let by_pass = home.dualtrack(bus, &["list"], Some(PASS));
    assert!(by_pass.status.success(), "{state:?}: passphrase: {}", err(&by_pass));
    let by_code = home.dualtrack(bus, &["list"], Some(&code));
    assert!(by_code.status.success(), "{state:?}: recovery code: {}", err(&by_code));
    assert_eq!(home.fingerprint(), before, "{state:?}: the journal was changed");

    if matches!(state, State::Unlocked) {
        // The failed inits did not overwrite the keyring entry either.
        let again = home.dualtrack(bus, &["list"], None);
        assert!(again.status.success(), "{state:?}: keyring entry was replaced: {}", err(&again));
    }
}

pub fn new_journal_in(state: State) {
    let home = Home::new();
    let bus = match state {
        State::NoBus => Bus::Missing,
        State::NoProvider => Bus::NoProvider,
        State::NoCollection => Bus::Keyring { unlock: false },
        State::Locked => {
            // Make a login keyring, then come back with it locked.
            let made = home.session(
                Bus::Keyring { unlock: true },
                &["secret-tool", "store", "--label=seed", "service", "seed", "username", "seed"],
                None,
                Some("seed"),
            );
            assert!(made.status.success(), "{}", err(&made));
            assert!(home.home().join(".local/share/keyrings/login.keyring").exists());
            Bus::Keyring { unlock: false }
        }
        State::Unlocked | State::EntryDeleted | State::DifferentKey => {
            Bus::Keyring { unlock: true }
        }
    };
    let bare = home.dualtrack(bus, &["--json", "init"], None);
    if bus == (Bus::Keyring { unlock: true }) {
        assert!(bare.status.success(), "{state:?}: {}", err(&bare));
        assert_eq!(stdout_json(&bare)["slots"], serde_json::json!(["keyring", "recovery_code"]));
        let list = home.dualtrack(bus, &["list"], None);
        assert!(list.status.success(), "{state:?}: {}", err(&list));
        return;
    }
    assert_eq!(bare.status.code(), Some(2), "{state:?}: {}", err(&bare));
    assert!(err(&bare).contains("passphrase"), "{state:?}: {}", err(&bare));
    assert!(!home.data.join("journal.db").exists(), "{state:?}: no journal without a way in");

    let with_pass = home.dualtrack(bus, &["--json", "init"], Some(PASS));
    assert!(with_pass.status.success(), "{state:?}: {}", err(&with_pass));
    assert_eq!(
        stdout_json(&with_pass)["slots"],
        serde_json::json!(["passphrase", "recovery_code"])
    );
    let list = home.dualtrack(bus, &["list"], Some(PASS));
    assert!(list.status.success(), "{state:?}: {}", err(&list));
}
