//! The Dualtrack shell: the Tauri window and the headless CLI over `dualtrack-core`.

pub mod cli;

/// Opens the desktop window. The real views arrive with the app issue; for now the window shows a
/// placeholder and exposes no commands.
pub fn run_window() -> std::process::ExitCode {
    match tauri::Builder::default().run(tauri::generate_context!()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dualtrack: the window could not start: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
