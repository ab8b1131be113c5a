//! The `dualtrack` binary: a subcommand runs the headless CLI; no subcommand opens the window.

fn main() -> std::process::ExitCode {
    dualtrack_lib::cli::main()
}
