//! The `dualtrack` binary: a subcommand runs the headless CLI; no subcommand opens the window.
//!
//! The window lives in the sibling binary `dualtrack-window`, which this one `exec`s: the CLI
//! then never loads WebKitGTK and its ~170 shared libraries, which cost ~65 ms per run.

fn main() -> std::process::ExitCode {
    dualtrack_lib::cli::main()
}
