//! The main window: created at start (unless started hidden at login), closed to the tray when
//! a reminder is set (its WebKit processes end with it), and made again from the tray or a
//! reminder.

use tauri::{AppHandle, Manager, WebviewWindowBuilder};

pub const MAIN: &str = "main";

/// The DOM event that brings an open window to Today (ui/src/lib/nav.svelte.ts listens).
const CHECK_IN: &str = "window.dispatchEvent(new Event('dualtrack:check-in'))";

/// Shows the window on Today's check-in (the reminder chosen, the tray's Check in now). A
/// window being made opens on Today by itself.
pub fn check_in(app: &AppHandle) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.eval(CHECK_IN);
    }
    show(app);
}

/// Shows the window, making it if it was closed (it opens on Today).
pub fn show(app: &AppHandle) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        return;
    }
    let Some(config) = app.config().app.windows.iter().find(|w| w.label == MAIN).cloned() else {
        eprintln!("dualtrack: the window is missing from the configuration");
        return;
    };
    let app = app.clone();
    // Windows are made on the main thread.
    let made = app.clone().run_on_main_thread(move || {
        match WebviewWindowBuilder::from_config(&app, &config).and_then(|b| b.build()) {
            Ok(window) => {
                let _ = window.set_focus();
            }
            Err(err) => eprintln!("dualtrack: the window could not open ({err})"),
        }
    });
    if let Err(err) = made {
        eprintln!("dualtrack: the window could not open ({err})");
    }
}
