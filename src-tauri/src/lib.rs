//! The Dualtrack shell: the Tauri window and the headless CLI over `dualtrack-core`.
//! It holds no SQL and no business rules: commands take state, call the core, map the error.

mod autostart;
pub mod cli;
mod commands;
mod dto;
mod ipc_error;
mod reminders;
mod state;
mod tray;
mod window;

use std::process::ExitCode;

pub use commands::COMMANDS;
pub use ipc_error::IpcError;
use state::AppState;

/// Registers the commands of the allowlist (the same list as `COMMANDS`).
macro_rules! handler {
    () => {
        tauri::generate_handler![
            commands::journal_status,
            commands::create_journal,
            commands::unlock_with_keyring,
            commands::unlock_with_secret,
            commands::lock_journal,
            commands::get_entry,
            commands::save_entry,
            commands::delete_entry,
            commands::day_run,
            commands::list_entries,
            commands::search_entries,
            commands::on_this_day,
            commands::list_tags,
            commands::get_draft,
            commands::save_draft,
            commands::discard_draft,
            commands::draft_dates,
            commands::get_settings,
            commands::save_settings,
            commands::set_passphrase,
            commands::new_recovery_code,
            commands::confirm_recovery_code,
            commands::save_recovery_sheet,
            commands::restore_keyring,
            commands::list_backups,
            commands::backup_now,
            commands::restore_preview,
            commands::restore_backup,
            commands::get_insights,
            commands::record_decision,
            commands::list_decisions,
            commands::preview_report,
            commands::export_report,
            commands::import_preview,
            commands::import_file,
            commands::reminder_status,
            commands::missed_day,
            commands::set_start_at_login,
        ]
    };
}

/// Takes the automatic snapshot when the newest is a day old. A failure is reported but does
/// not stand between the user and their journal (what was saved stays saved).
pub(crate) fn auto_backup(journal: &dualtrack_core::Journal) {
    let due = journal.backup_if_due(
        chrono::Utc::now(),
        chrono::Duration::hours(24),
        dualtrack_core::backup::DEFAULT_KEEP,
    );
    if let Err(err) = due {
        eprintln!("dualtrack: note: today's automatic backup was not taken ({err})");
    }
}

/// Adds the journal state and the commands to a builder (the real one or `mock_builder`).
pub fn with_journal<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    dir: std::path::PathBuf,
) -> tauri::Builder<R> {
    builder.manage(AppState::new(dir)).invoke_handler(handler!())
}

/// The window binary's entry point: `--data-dir DIR` (else `DUALTRACK_DATA_DIR`, else the OS
/// app-data directory), like the CLI.
pub fn window_main() -> ExitCode {
    use clap::Parser;
    let cli = cli::Cli::parse();
    match cli.data_dir.map_or_else(cli::default_data_dir, Ok) {
        Ok(dir) => run_window(dir, cli.hidden),
        Err(err) => {
            eprintln!("dualtrack: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the desktop window on the journal in `dir` (or, `hidden`, only the tray and the
/// reminder: start at login). With a reminder set, closing the window locks the journal and
/// keeps the app in the tray; without one, closing quits.
pub fn run_window(dir: std::path::PathBuf, hidden: bool) -> ExitCode {
    // Started at login with no reminder set (it was turned off since): nothing to wait for.
    if hidden && dualtrack_core::reminder::load(&dir).is_none() {
        return ExitCode::SUCCESS;
    }
    if let Err(why) = display_available() {
        eprintln!(
            "dualtrack: there is no display to open the window on ({why}); run it in a desktop session, use the CLI (`dualtrack --help`), or start the window with `xvfb-run -a dualtrack`"
        );
        return ExitCode::from(2);
    }
    let app = with_journal(tauri::Builder::default(), dir)
        // A second launch shows the running window instead of opening the journal twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| window::show(app)))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        // The open and save dialogs only (capabilities/main.json): which file to import, where
        // a report goes.
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            if !hidden {
                window::show(app.handle());
            }
            tray::install(app.handle());
            reminders::start(app.handle());
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { .. } = event {
                use tauri::Manager;
                closing_to_tray(window.app_handle());
            }
        })
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(err) => {
            eprintln!("dualtrack: the window could not start: {err}");
            return ExitCode::FAILURE;
        }
    };
    app.run(|app, event| {
        // The last window closed: with a reminder set the app stays, in the tray.
        if let tauri::RunEvent::ExitRequested { api, code: None, .. } = event
            && reminder_set(app)
        {
            api.prevent_exit();
        }
    });
    ExitCode::SUCCESS
}

fn reminder_set(app: &tauri::AppHandle) -> bool {
    use tauri::Manager;
    dualtrack_core::reminder::load(&app.state::<AppState>().dir).is_some()
}

/// The window is closing: with a reminder set the journal locks (as quitting would) and the
/// app stays in the tray, which it says once.
fn closing_to_tray(app: &tauri::AppHandle) {
    use tauri::Manager;
    if !reminder_set(app) {
        return;
    }
    let state = app.state::<AppState>();
    if let Err(err) = state.lock() {
        eprintln!("dualtrack: the journal could not be locked ({})", err.message);
    }
    reminders::explain_tray_once(&state.dir);
}

/// Asks GTK for a display before Tauri does: Tauri panics with a backtrace when there is none.
#[cfg(target_os = "linux")]
fn display_available() -> Result<(), String> {
    let named = |var: &str| std::env::var(var).ok().filter(|d| !d.is_empty());
    let Some(display) = named("WAYLAND_DISPLAY").or_else(|| named("DISPLAY")) else {
        return Err("neither DISPLAY nor WAYLAND_DISPLAY is set".into());
    };
    gtk::init().map_err(|_| format!("the display {display} cannot be opened"))
}

#[cfg(not(target_os = "linux"))]
fn display_available() -> Result<(), String> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder};
    use tauri::webview::InvokeRequest;

    /// The real configuration and capabilities (so the ACL is the shipped one) on the mock
    /// runtime, with its main window.
    fn main_window(dir: &std::path::Path) -> tauri::WebviewWindow<tauri::test::MockRuntime> {
        let app = super::with_journal(mock_builder(), dir.to_path_buf())
            .build(tauri::generate_context!(test = true))
            .expect("mock app");
        let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("main window");
        std::mem::forget(app); // keep the app alive for the window; the test process ends soon
        window
    }

    fn request(cmd: &str, body: serde_json::Value) -> InvokeRequest {
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        }
    }

    #[test]
    fn a_command_outside_the_allowlist_is_rejected() {
        let dir = tempfile::tempdir().expect("tempdir");
        let webview = main_window(dir.path());
        let reply = get_ipc_response(&webview, request("read_any_file", serde_json::json!({})));
        assert!(reply.is_err(), "unknown commands must not run");
        let reply =
            get_ipc_response(&webview, request("plugin:fs|read_file", serde_json::json!({})));
        assert!(reply.is_err(), "no fs plugin is reachable");
    }

    #[test]
    fn errors_reach_the_webview_as_kind_and_message() {
        let dir = tempfile::tempdir().expect("tempdir");
        let webview = main_window(dir.path());
        let reply = get_ipc_response(&webview, request("list_entries", serde_json::json!({})));
        let err = reply.expect_err("locked");
        assert_eq!(
            err,
            serde_json::json!({"kind": "locked", "message": "the journal is locked; unlock it first"})
        );

        let reply = get_ipc_response(&webview, request("journal_status", serde_json::json!({})));
        let status: serde_json::Value = reply.expect("status").deserialize().expect("json");
        assert_eq!(status["exists"], false, "an empty data dir has no journal");
    }

    #[test]
    fn the_capability_grants_exactly_the_allowlist() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json")).expect("json");
        let granted: Vec<&str> = capability["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(serde_json::Value::as_str)
            .collect();
        let plugins: Vec<&&str> = granted.iter().filter(|p| p.contains(':')).collect();
        assert_eq!(
            plugins,
            [&"dialog:allow-open", &"dialog:allow-save"],
            "the open and save dialogs are the only plugin calls"
        );
        assert_eq!(
            granted.len(),
            super::COMMANDS.len() + plugins.len(),
            "one permission per command"
        );
        let capability = capability.to_string();
        for cmd in super::COMMANDS {
            let permission = format!("allow-{}", cmd.replace('_', "-"));
            assert!(capability.contains(&permission), "{permission} missing from the capability");
        }
    }
}
