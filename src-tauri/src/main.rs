//! The `dualtrack` binary: a subcommand runs the headless CLI; no subcommand opens the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    if std::env::args_os().len() > 1 {
        return dualtrack_lib::cli::main();
    }
    dualtrack_lib::run_window()
}
