//! The window's state: the journal directory and the unlocked journal, if any
//! (`None` = locked). Locking drops the `Journal`, which closes the connection and zeroes the key.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;
use dualtrack_core::Journal;

use crate::ipc_error::IpcError;

pub struct AppState {
    pub dir: PathBuf,
    journal: Mutex<Option<Journal>>,
    /// Whether a day had its entry when the journal was last seen unlocked (in memory only):
    /// the reminder is not sent for a day that is done, even after locking.
    last_seen: Mutex<Option<(NaiveDate, bool)>>,
}

impl AppState {
    pub fn new(dir: PathBuf) -> Self {
        AppState { dir, journal: Mutex::new(None), last_seen: Mutex::new(None) }
    }

    /// Whether `day` has its entry: asked of the journal while it is unlocked, else what was
    /// seen last for that day (`None`: not known — a locked journal cannot say).
    pub fn saved_on(&self, day: NaiveDate) -> Option<bool> {
        let known = self
            .journal
            .lock()
            .ok()
            .and_then(|guard| guard.as_ref().and_then(|j| j.has_entry(day).ok()));
        let mut seen = self.last_seen.lock().ok()?;
        match known {
            Some(saved) => {
                *seen = Some((day, saved));
                Some(saved)
            }
            None => seen.filter(|(d, _)| *d == day).map(|(_, saved)| saved),
        }
    }

    /// Runs `f` on the unlocked journal, or fails with `locked`.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Journal) -> dualtrack_core::Result<T>,
    ) -> Result<T, IpcError> {
        let mut guard =
            self.journal.lock().map_err(|_| IpcError::internal("journal state poisoned"))?;
        let journal = guard.as_mut().ok_or_else(IpcError::locked)?;
        Ok(f(journal)?)
    }

    pub fn is_unlocked(&self) -> bool {
        self.journal.lock().map(|g| g.is_some()).unwrap_or(false)
    }

    /// Keeps `journal` as the unlocked journal (replacing and locking any other), taking the
    /// day's automatic backup if it is due.
    pub fn unlocked(&self, journal: Journal) -> Result<(), IpcError> {
        crate::auto_backup(&journal);
        let mut guard =
            self.journal.lock().map_err(|_| IpcError::internal("journal state poisoned"))?;
        if let Some(previous) = guard.replace(journal) {
            previous.lock()?;
        }
        Ok(())
    }

    /// Locks: closes the connection and zeroes the key.
    pub fn lock(&self) -> Result<(), IpcError> {
        // Remember whether today is done, so the reminder stays quiet after a check-in.
        self.saved_on(chrono::Local::now().date_naive());
        let mut guard =
            self.journal.lock().map_err(|_| IpcError::internal("journal state poisoned"))?;
        match guard.take() {
            Some(journal) => Ok(journal.lock()?),
            None => Ok(()),
        }
    }
}
