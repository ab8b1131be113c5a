//! Cross-process exclusion for one journal: every process that has a journal open holds a shared
//! claim on it; creating it, changing its key, restoring a backup and finishing an interrupted
//! change need it alone. The window and the CLI take the same claims, so no process ever writes
//! to a database file that another one is replacing.
//!
//! Two advisory lock files (`flock`/`LockFileEx`, released by the OS when a process dies) make
//! the claim:
//! - `journal.lock` is held shared while the journal is open here, exclusively while its files
//!   are replaced;
//! - `journal.gate` is held shared for a moment by every process coming in, and exclusively by a
//!   process that changes the key file or is waiting to have the journal alone. While someone
//!   holds it exclusively nobody new comes in, so the exclusive `journal.lock` is held only by a
//!   gate holder, and a shared claim can be turned into a sole one (and back) without another
//!   process slipping in between.
//!
//! Waits are bounded: past them the caller gets a sentence saying who is in the way. The lock
//! files are never deleted (a deleted lock file would let two processes "hold" it at once).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::layout::Layout;

/// How long coming in waits for a key change or restore in another process to finish.
const ENTER_WAIT: Duration = Duration::from_secs(30);
/// How long a change of the key file waits for its turn.
const GATE_WAIT: Duration = Duration::from_secs(5);
/// How long a process that needs the journal alone waits for the others to close it.
const ALONE_WAIT: Duration = Duration::from_secs(8);

/// This process's claim on a journal.
#[derive(Debug)]
pub(crate) struct Claim {
    open: File,
    gate: File,
    sole: bool,
}

impl Claim {
    /// A shared claim: waits while another process has the journal alone.
    pub(crate) fn shared(layout: &Layout) -> Result<Claim> {
        Claim::shared_within(layout, ENTER_WAIT)
    }

    fn shared_within(layout: &Layout, limit: Duration) -> Result<Claim> {
        let (open, gate) = files(layout)?;
        wait(limit, || gate.try_lock_shared()).map_err(|e| e.or(Error::ChangeInProgress))?;
        let entered = wait(limit, || open.try_lock_shared());
        let _ = gate.unlock();
        entered.map_err(|e| e.or(Error::ChangeInProgress))?;
        Ok(Claim { open, gate, sole: false })
    }

    /// A sole claim, for creating a journal or finishing an interrupted change: waits for the
    /// gate, then for every other process to close the journal.
    pub(crate) fn sole(layout: &Layout) -> Result<Claim> {
        let (open, gate) = files(layout)?;
        wait(ENTER_WAIT, || gate.try_lock()).map_err(|e| e.or(Error::ChangeInProgress))?;
        if let Err(e) = wait(ALONE_WAIT, || open.try_lock()) {
            let _ = gate.unlock();
            return Err(e.or(Error::InUse));
        }
        Ok(Claim { open, gate, sole: true })
    }

    #[cfg(test)]
    pub(crate) fn is_sole(&self) -> bool {
        self.sole
    }

    /// Turns this shared claim into a sole one, keeping the journal claimed throughout. Fails
    /// with `InUse` (still holding the shared claim) when others keep the journal open.
    pub(crate) fn make_sole(&mut self) -> Result<()> {
        if self.sole {
            return Ok(());
        }
        wait(GATE_WAIT, || self.gate.try_lock()).map_err(|e| e.or(Error::InUse))?;
        self.take_open(ALONE_WAIT).map_err(|e| e.or(Error::InUse))
    }

    /// Like `make_sole`, but only if nobody else is in right now (for tidying up on the way in).
    pub(crate) fn try_make_sole(&mut self) -> Result<bool> {
        if self.sole {
            return Ok(true);
        }
        if self.gate.try_lock().is_err() {
            return Ok(false);
        }
        match self.take_open(Duration::ZERO) {
            Ok(()) => Ok(true),
            Err(Waited::TimedOut) => Ok(false),
            Err(Waited::Failed(e)) => Err(e),
        }
    }

    /// With the gate held: trades the shared `open` lock for the exclusive one, or gives the gate
    /// back with the shared lock kept. Nobody can take `open` exclusively without the gate, so
    /// between the unlock and the lock below nobody else gets in.
    fn take_open(&mut self, limit: Duration) -> std::result::Result<(), Waited> {
        self.open.unlock().map_err(|e| Waited::Failed(lock_failed(e)))?;
        match wait(limit, || self.open.try_lock()) {
            Ok(()) => {
                self.sole = true;
                Ok(())
            }
            Err(e) => {
                let back = self.open.lock_shared();
                let _ = self.gate.unlock();
                back.map_err(|e| Waited::Failed(lock_failed(e)))?;
                Err(e)
            }
        }
    }

    /// Turns a sole claim back into a shared one without letting anyone in between.
    pub(crate) fn share(&mut self) -> Result<()> {
        if !self.sole {
            return Ok(());
        }
        self.open.unlock().map_err(lock_failed)?;
        self.open.lock_shared().map_err(lock_failed)?;
        self.gate.unlock().map_err(lock_failed)?;
        self.sole = false;
        Ok(())
    }

    /// Runs `change` while no other process can change the key file or come in. Processes that
    /// already have the journal open keep reading; the key file is replaced atomically, so they
    /// see the old or the new one, both of which reach the same key.
    pub(crate) fn with_gate<T>(&self, change: impl FnOnce() -> Result<T>) -> Result<T> {
        if self.sole {
            return change();
        }
        wait(GATE_WAIT, || self.gate.try_lock()).map_err(|e| e.or(Error::InUse))?;
        let result = change();
        let _ = self.gate.unlock();
        result
    }
}

fn files(layout: &Layout) -> Result<(File, File)> {
    Ok((lock_file(&layout.lock_file())?, lock_file(&layout.gate_file())?))
}

/// Opens (creating, private) a lock file. A read-only folder still gets its lock: `flock` needs
/// no write access.
fn lock_file(path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(file) => Ok(file),
        Err(_) if path.is_file() => File::open(path)
            .map_err(|e| Error::io(format!("opening the lock file {}", path.display()), e)),
        Err(e) => Err(Error::io(format!("creating the lock file {}", path.display()), e)),
    }
}

/// Why a wait ended without the lock.
enum Waited {
    TimedOut,
    Failed(Error),
}

impl Waited {
    /// The error to report: `timeout` when the wait ran out, the real failure otherwise.
    fn or(self, timeout: Error) -> Error {
        match self {
            Waited::TimedOut => timeout,
            Waited::Failed(e) => e,
        }
    }
}

/// Polls a non-blocking lock attempt until it succeeds or `limit` passes. (A blocking lock
/// could wait forever behind a stuck process; this says so instead.)
fn wait(
    limit: Duration,
    mut attempt: impl FnMut() -> std::result::Result<(), TryLockError>,
) -> std::result::Result<(), Waited> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(2);
    loop {
        match attempt() {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(Waited::Failed(lock_failed(e))),
        }
        if start.elapsed() >= limit {
            return Err(Waited::TimedOut);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

fn lock_failed(e: std::io::Error) -> Error {
    Error::io("locking the journal", e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> (tempfile::TempDir, Layout) {
        let dir = tempfile::tempdir().expect("tempdir");
        let layout = Layout::new(dir.path());
        (dir, layout)
    }

    #[test]
    fn shared_claims_coexist_and_keep_a_sole_one_out() {
        let (_dir, layout) = layout();
        let a = Claim::shared(&layout).expect("a");
        let _b = Claim::shared(&layout).expect("b");
        let mut c = Claim::shared(&layout).expect("c");
        assert!(!c.try_make_sole().expect("try"), "two others are in");
        assert!(!c.is_sole());
        drop(a);
        drop(_b);
        c.make_sole().expect("alone now");
        assert!(c.is_sole());
        let mut e = Claim::shared_within(&layout, Duration::from_millis(50));
        assert_eq!(
            e.as_mut().map(|_| ()).map_err(|e| e.kind()),
            Err(crate::ErrorKind::Busy),
            "c has it alone"
        );
        c.share().expect("share");
        let _d = Claim::shared(&layout).expect("d comes in after share");
    }

    #[test]
    fn a_sole_claim_that_cannot_be_had_keeps_the_shared_one() {
        let (_dir, layout) = layout();
        let mut a = Claim::shared(&layout).expect("a");
        let _b = Claim::shared(&layout).expect("b");
        let started = Instant::now();
        let err = a.make_sole().expect_err("b is in the way");
        assert_eq!(err.kind(), crate::ErrorKind::InUse);
        assert!(started.elapsed() >= ALONE_WAIT, "it waited for b first");
        // Still shared, and the gate is free again: others can come in and change keys.
        let mut c = Claim::shared(&layout).expect("c comes in");
        assert!(!c.try_make_sole().expect("try"), "a is still in");
        a.with_gate(|| Ok(())).expect("gate free");
    }

    #[test]
    fn coming_in_waits_for_a_sole_claim_to_end() {
        let (_dir, layout) = layout();
        let sole = Claim::sole(&layout).expect("sole");
        let path = layout.dir.clone();
        let waiter = std::thread::spawn(move || {
            let started = Instant::now();
            let claim = Claim::shared(&Layout::new(&path));
            (claim.map(|_| ()).map_err(|e| e.kind()), started.elapsed())
        });
        std::thread::sleep(Duration::from_millis(300));
        drop(sole);
        let (result, waited) = waiter.join().expect("thread");
        assert_eq!(result, Ok(()));
        assert!(waited >= Duration::from_millis(250), "it waited ({waited:?})");
    }
}
