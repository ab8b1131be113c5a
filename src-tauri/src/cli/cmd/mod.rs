//! The subcommands, each with its arguments and its `run` beside them (grouped by what they
//! touch); this file only names them and dispatches, one line each.

mod backups;
mod entries;
mod export;
mod import;
mod keys;
mod remind;
mod review;
mod setup;

use dualtrack_core::Error;

use super::context::Ctx;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create a new journal (keyring slot by default, optional passphrase, a recovery code)
    Init(setup::Init),
    /// Show where the journal is and which ways in it has (no unlock needed)
    Status(setup::Status),
    /// Write the entry for a day (today by default)
    Add(entries::Add),
    /// Show one day's entry
    Show(entries::Show),
    /// Delete one day's entry
    Delete(entries::Delete),
    /// List entries, oldest first
    List(entries::List),
    /// Full-text search with filters, newest first
    Search(entries::Search),
    /// Import a Dualtrack, Day One, jrnl or Daylio export (`--dry-run` to see what it would do)
    Import(import::Import),
    /// Export entries
    Export(export::Export),
    /// The daily check-in reminder: `--at 18:00 [--days mon,tue,…]`, `--off`, or see it
    Remind(remind::Remind),
    /// Record your decision at the trial-period review
    Decide(review::Decide),
    /// Statistics of satisfaction and the leadership/technical split (`--json` for all of them)
    Insights(review::Review),
    /// Take an encrypted snapshot (or list them)
    Backup(backups::Backup),
    /// Replace the journal's content with a snapshot (the current content is snapshotted first)
    Restore(backups::Restore),
    /// Check the journal and its snapshots for damage
    Verify(backups::Verify),
    /// Set or change the passphrase (rewraps the key; re-encrypts nothing)
    Passwd(keys::Passwd),
    /// Re-encrypt the journal and its snapshots under a new key (issues a new recovery code)
    Rekey(keys::Rekey),
    /// Put the journal's key back into the OS keyring (after the keyring was reset)
    Keyring(keys::KeyringCommand),
}

impl Command {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        match self {
            Command::Init(c) => c.run(ctx),
            Command::Status(c) => c.run(ctx),
            Command::Add(c) => c.run(ctx),
            Command::Show(c) => c.run(ctx),
            Command::Delete(c) => c.run(ctx),
            Command::List(c) => c.run(ctx),
            Command::Search(c) => c.run(ctx),
            Command::Import(c) => c.run(ctx),
            Command::Export(c) => c.run(ctx),
            Command::Remind(c) => c.run(ctx),
            Command::Decide(c) => c.run(ctx),
            Command::Insights(c) => c.run(ctx),
            Command::Backup(c) => c.run(ctx),
            Command::Restore(c) => c.run(ctx),
            Command::Verify(c) => c.run(ctx),
            Command::Passwd(c) => c.run(ctx),
            Command::Rekey(c) => c.run(ctx),
            Command::Keyring(c) => c.run(ctx),
        }
    }
}
