//! What every subcommand gets: the journal's folder, where secrets come from, and whether to
//! print JSON; with the few ways they all open the journal and print.

use std::path::PathBuf;

use dualtrack_core::{DateRange, Entry, Error, Journal};
use serde::Serialize;

use super::print;
use super::unlock::{self, Secrets};

pub struct Ctx {
    pub dir: PathBuf,
    pub secrets: Secrets,
    pub json: bool,
}

impl Ctx {
    /// Unlocks the journal (keyring, then a given secret, then a prompt).
    pub fn open(&self) -> Result<Journal, Error> {
        Ok(unlock::open(&self.dir, &self.secrets)?.journal)
    }

    /// Prints `data` as JSON with `--json`, else the sentence `text`.
    pub fn report(&self, data: &impl Serialize, text: &str) -> Result<(), Error> {
        if self.json { print::json(data) } else { print::line(text) }
    }

    /// Entries as exchange-format JSON, or one line each.
    pub fn entries(&self, entries: &[Entry]) -> Result<(), Error> {
        if self.json {
            return print::json(entries);
        }
        if entries.is_empty() {
            return print::line("No entries.");
        }
        let lines: Vec<String> = entries.iter().map(print::entry_line).collect();
        print::line(&lines.join("\n"))
    }
}

/// `--from`/`--to`, shared by every command that reads a range of days.
#[derive(Debug, clap::Args)]
pub struct RangeArgs {
    /// First day (YYYY-MM-DD)
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD)
    #[arg(long)]
    pub to: Option<String>,
}

impl RangeArgs {
    pub fn range(&self) -> Result<DateRange, Error> {
        DateRange::parse(self.from.as_deref(), self.to.as_deref())
    }
}
