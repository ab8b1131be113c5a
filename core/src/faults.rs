//! Crash points: named places in every multi-step change of the journal's files (key changes,
//! passphrase and recovery-code changes, backups, restores, set-up) where a test can make the
//! process die on the spot, the way SQLite tests itself.
//!
//! Outside tests `point` is an empty function. In tests a thread can ask to record the points
//! it passes, or to stop at the n-th one: the process exits at once, without unwinding, so no
//! destructor or clean-up runs — like `kill -9` at that instant. The crash tests run each
//! change in a child process once per point and check the journal afterwards.

/// Marks a place where a crash must leave the journal recoverable.
#[cfg(not(test))]
#[inline(always)]
pub(crate) fn point(_name: &'static str) {}

#[cfg(test)]
pub(crate) use plan::point;

#[cfg(test)]
pub(crate) mod plan {
    use std::cell::RefCell;

    /// The exit code of a process stopped at a crash point.
    pub(crate) const STOPPED: i32 = 86;

    thread_local! {
        static PLAN: RefCell<Plan> = const { RefCell::new(Plan { stop_at: None, passed: Vec::new() }) };
    }

    struct Plan {
        stop_at: Option<usize>,
        passed: Vec<&'static str>,
    }

    pub(crate) fn point(name: &'static str) {
        let stop = PLAN.with(|plan| {
            let mut plan = plan.borrow_mut();
            let index = plan.passed.len();
            plan.passed.push(name);
            plan.stop_at == Some(index)
        });
        if stop {
            std::process::exit(STOPPED);
        }
    }

    /// Starts recording from zero; with `stop_at`, the process exits at that point.
    pub(crate) fn start(stop_at: Option<usize>) {
        PLAN.with(|plan| *plan.borrow_mut() = Plan { stop_at, passed: Vec::new() });
    }

    /// The points passed since `start`.
    pub(crate) fn passed() -> Vec<&'static str> {
        PLAN.with(|plan| plan.borrow().passed.clone())
    }
}
