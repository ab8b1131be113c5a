//! The daily reminder while the app runs (PRODUCT §12): one thread that sleeps until the next
//! reminder (re-reading the setting every 15 s, so a change made in the CLI or the window is
//! picked up within a minute), then shows a notification through the desktop's notification
//! service. The notification says only that it is time to check in — never a word, tag,
//! number or streak of the journal, because notifications show on lock screens.

use std::time::Duration;

use chrono::{Local, Utc};
use dualtrack_core::reminder::{self, Reminder};
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// How often the setting is re-read while waiting (a file of a few bytes).
const REREAD: Duration = Duration::from_secs(15);

pub const SUMMARY: &str = "Time for your check-in";
pub const BODY: &str = "A minute on how today went: open Dualtrack.";

/// Starts the reminder thread; it lives as long as the app.
pub fn start(app: &AppHandle) {
    let app = app.clone();
    let spawned = std::thread::Builder::new().name("reminders".into()).spawn(move || run(&app));
    if let Err(err) = spawned {
        eprintln!("dualtrack: the reminder could not start ({err})");
    }
}

fn run(app: &AppHandle) {
    let mut due: Option<chrono::DateTime<Utc>> = None;
    loop {
        let state = app.state::<AppState>();
        let setting = reminder::load(&state.dir);
        let now = Utc::now();
        // What was due is sent once its instant has come (and the setting still holds it).
        if let (Some(at), Some(r)) = (due, &setting)
            && now >= at
            && r.next(&Local, at - chrono::Duration::seconds(1), false) == Some(at)
        {
            let today = at.with_timezone(&Local).date_naive();
            if state.saved_on(today) != Some(true) {
                notify(app);
            }
        }
        due = setting.as_ref().and_then(|r| next(r, &state, now));
        let wait = due
            .map(|at| (at - now).to_std().unwrap_or_default())
            .map_or(REREAD, |until| until.min(REREAD));
        std::thread::sleep(wait.max(Duration::from_millis(200)));
    }
}

fn next(
    reminder: &Reminder,
    state: &AppState,
    now: chrono::DateTime<Utc>,
) -> Option<chrono::DateTime<Utc>> {
    let today = now.with_timezone(&Local).date_naive();
    reminder.next(&Local, now, state.saved_on(today) == Some(true))
}

/// Shows the reminder; choosing it opens the window (on Today, where it opens).
fn notify(app: &AppHandle) {
    let shown = notify_rust::Notification::new()
        .appname("Dualtrack")
        .summary(SUMMARY)
        .body(BODY)
        .icon("dualtrack")
        .action("default", "Check in")
        .show();
    match shown {
        Ok(handle) => {
            let app = app.clone();
            // Waits for the person's answer (or the notification's end) off the timer thread.
            let _ = std::thread::Builder::new().name("reminder-answer".into()).spawn(move || {
                handle.wait_for_action(|action| {
                    if action == "default" {
                        crate::window::check_in(&app);
                    }
                });
            });
        }
        Err(err) => eprintln!("dualtrack: the reminder could not be shown ({err})"),
    }
}

/// Whether the desktop has a notification service (asked once, for Settings).
pub fn service_available() -> bool {
    notify_rust::get_server_information().is_ok()
}

/// The first time the window closes to the tray, a notification says where the app went.
pub fn explain_tray_once(dir: &std::path::Path) {
    let marker = dir.join(".tray-explained");
    if marker.exists() {
        return;
    }
    let shown = notify_rust::Notification::new()
        .appname("Dualtrack")
        .summary("Dualtrack is still running")
        .body("It stays in the tray to remind you to check in. Quit it from the tray icon.")
        .icon("dualtrack")
        .show();
    if shown.is_ok() {
        let _ = std::fs::write(&marker, b"");
    }
}
