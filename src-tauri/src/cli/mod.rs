//! The headless CLI (PRODUCT §7): the same core calls as the window, for scripts, terminals and
//! machines without a display. Errors go to stderr as one sentence; exit 0 only on success,
//! 2 when the journal could not be unlocked (or the command line is wrong), 1 otherwise.

mod args;
mod cmd;
mod context;
mod print;
mod summary;
mod unlock;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use dualtrack_core::Error;

pub use args::Cli;

/// The identifier the window and the CLI share for their data directory.
pub const APP_IDENTIFIER: &str = "app.dualtrack";

/// Parses the command line: a subcommand runs headless and maps its outcome to an exit code;
/// no subcommand opens the window.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    let dir = match cli.data_dir.clone().map_or_else(default_data_dir, Ok) {
        Ok(dir) => dir,
        Err(err) => {
            print::error(&err, json);
            return ExitCode::from(1);
        }
    };
    let ctx = context::Ctx {
        dir,
        secrets: unlock::Secrets {
            passphrase_file: cli.passphrase_file,
            no_keyring: cli.no_keyring,
        },
        json,
    };
    let Some(command) = cli.command else {
        return open_window();
    };
    match command.run(&ctx) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if print::is_closed_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            print::error(&err, json);
            if err.is_unlock_failure() { ExitCode::from(2) } else { ExitCode::from(1) }
        }
    }
}

/// Replaces this process with the window binary beside it, passing the arguments on.
fn open_window() -> ExitCode {
    let exe = std::env::current_exe().ok();
    let Some(window) = exe.as_ref().and_then(|e| e.parent()).map(|d| d.join(WINDOW_BINARY)) else {
        eprintln!("dualtrack: cannot find where this program is installed");
        return ExitCode::FAILURE;
    };
    let mut cmd = std::process::Command::new(&window);
    cmd.args(std::env::args_os().skip(1));
    // A journal needs no GPU compositing; without it WebKit's web process takes about half the
    // memory (PSS 229 MB instead of 376 MB for the whole app with a 10-year journal, measured
    // under Xvfb). Set WEBKIT_DISABLE_COMPOSITING_MODE=0 to turn compositing back on.
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        cmd.env("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    #[cfg(unix)]
    let err = std::os::unix::process::CommandExt::exec(&mut cmd);
    #[cfg(not(unix))]
    let err = match cmd.status() {
        Ok(status) => return if status.success() { ExitCode::SUCCESS } else { ExitCode::FAILURE },
        Err(err) => err,
    };
    eprintln!("dualtrack: could not open the window ({}): {err}", window.display());
    ExitCode::FAILURE
}

/// The window binary, installed beside `dualtrack`.
pub const WINDOW_BINARY: &str =
    if cfg!(windows) { "dualtrack-window.exe" } else { "dualtrack-window" };

/// The data directory: `--data-dir`, else `DUALTRACK_DATA_DIR` (both handled by clap), else the
/// OS app-data directory the window uses too.
pub fn default_data_dir() -> Result<PathBuf, Error> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)).ok_or_else(|| {
        Error::InvalidInput("no app-data directory is known for this user; pass --data-dir".into())
    })
}
