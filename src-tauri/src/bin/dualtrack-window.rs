//! The app window (Tauri + WebKitGTK). Started by `dualtrack` without a subcommand, with the
//! same arguments (`--data-dir DIR` is the only one it reads), or directly by the desktop file.

fn main() -> std::process::ExitCode {
    dualtrack_lib::window_main()
}
