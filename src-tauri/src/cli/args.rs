//! The command line's shape, declared with clap: global options work before or after the
//! subcommand.

use std::path::PathBuf;

use clap::Parser;

use super::cmd::Command;

#[derive(Debug, Parser)]
#[command(
    name = "dualtrack",
    version,
    about = "A private, encrypted journal for the move from technical work into leading a team.",
    long_about = "A private, encrypted journal for the move from technical work into leading a team.\n\
                  Without a subcommand, opens the app window (on --data-dir DIR when given).",
    after_help = "Unlocking: the OS keyring first, then DUALTRACK_PASSPHRASE or --passphrase-file \
                  (a recovery code works there too), then a prompt on the terminal."
)]
pub struct Cli {
    /// Journal directory [default: the OS app-data directory]
    #[arg(long, global = true, env = "DUALTRACK_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print data as JSON
    #[arg(long, global = true)]
    pub json: bool,
    /// Read the passphrase (or a recovery code) from the first line of FILE
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// Do not use the OS keyring
    #[arg(long, global = true)]
    pub no_keyring: bool,
    /// Start the app in the tray without opening the window (start at login uses it)
    #[arg(long, hide = true)]
    pub hidden: bool,
    /// Without a subcommand the app window opens (on `--data-dir` when given).
    #[command(subcommand)]
    pub command: Option<Command>,
}
