//! The command line's shape, declared with clap: global options work before or after the
//! subcommand.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dualtrack_core::Field;

/// A numeric field by its name; an unknown name lists the known ones.
fn field(name: &str) -> Result<Field, String> {
    Field::parse(name).map_err(|e| e.to_string())
}

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
    /// Without a subcommand the app window opens (on `--data-dir` when given).
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new journal (keyring slot by default, optional passphrase, a recovery code)
    Init,
    /// Show where the journal is and which ways in it has (no unlock needed)
    Status,
    /// Write the entry for a day (today by default)
    Add(AddArgs),
    /// Show one day's entry
    Show {
        /// YYYY-MM-DD
        date: String,
    },
    /// Delete one day's entry
    Delete {
        /// YYYY-MM-DD
        date: String,
    },
    /// List entries, oldest first
    List(RangeArgs),
    /// Full-text search with filters, newest first
    Search(SearchArgs),
    /// Import an exchange-format JSON file (same dates are replaced, never duplicated)
    Import {
        /// The file to import
        file: PathBuf,
    },
    /// Export entries
    Export(ExportArgs),
    /// Record your decision at the trial-period review
    Decide {
        #[arg(value_enum)]
        choice: DecisionChoice,
        /// Why, in your words
        #[arg(long, default_value = "")]
        note: String,
        /// The day of the decision (YYYY-MM-DD) [default: today]
        #[arg(long)]
        date: Option<String>,
    },
    /// Statistics of satisfaction and the leadership/technical split (`--json` for all of them)
    Insights(RangeArgs),
    /// Take an encrypted snapshot (or list them)
    Backup {
        /// List the snapshots instead of taking one
        #[arg(long)]
        list: bool,
        /// How many snapshots to keep
        #[arg(long, default_value_t = dualtrack_core::backup::DEFAULT_KEEP)]
        keep: usize,
    },
    /// Replace the journal's content with a snapshot (the current content is snapshotted first)
    Restore {
        /// A snapshot name from `backup --list`, or a path
        backup: String,
    },
    /// Check the journal and its snapshots for damage
    Verify,
    /// Set or change the passphrase (rewraps the key; re-encrypts nothing)
    Passwd,
    /// Re-encrypt the journal and its snapshots under a new key (issues a new recovery code)
    Rekey,
}

#[derive(Debug, Args)]
pub struct RangeArgs {
    /// First day (YYYY-MM-DD)
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD)
    #[arg(long)]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The day (YYYY-MM-DD) [default: today]
    pub date: Option<String>,
    /// Overall satisfaction, 1–10
    #[arg(long, allow_hyphen_values = true)]
    pub satisfaction: Option<i64>,
    /// Share of hands-on technical work, 0–100 (the rest is leadership)
    #[arg(long, allow_hyphen_values = true)]
    pub technical_share: Option<i64>,
    /// Satisfaction with the leadership part, 1–10
    #[arg(long, allow_hyphen_values = true)]
    pub leadership_satisfaction: Option<i64>,
    /// Satisfaction with the technical part, 1–10
    #[arg(long, allow_hyphen_values = true)]
    pub technical_satisfaction: Option<i64>,
    /// Energy at the end of the day, 1–5
    #[arg(long, allow_hyphen_values = true)]
    pub energy: Option<i64>,
    /// Number of meetings, 0–50
    #[arg(long, allow_hyphen_values = true)]
    pub meetings: Option<i64>,
    /// Longest uninterrupted focus block in minutes, 0–1440
    #[arg(long, allow_hyphen_values = true)]
    pub focus_minutes: Option<i64>,
    /// A tag (repeat, or separate with commas)
    #[arg(long = "tag", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// The reflection text (Markdown)
    #[arg(long, conflicts_with = "text_file")]
    pub text: Option<String>,
    /// Read the reflection text from FILE (`-` for standard input)
    #[arg(long, value_name = "FILE")]
    pub text_file: Option<PathBuf>,
    /// Replace the day's entry if it already has one
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find in the text and tags (word prefixes; all must match)
    pub query: String,
    #[command(flatten)]
    pub range: RangeArgs,
    /// Only entries with this tag (repeat for several)
    #[arg(long = "tag", value_delimiter = ',')]
    pub tags: Vec<String>,
    #[arg(long)]
    pub min_satisfaction: Option<u8>,
    #[arg(long)]
    pub max_satisfaction: Option<u8>,
    #[arg(long)]
    pub min_technical_share: Option<u8>,
    #[arg(long)]
    pub max_technical_share: Option<u8>,
}

/// The choices at a trial review.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DecisionChoice {
    /// Stay in the new role
    Continue,
    /// Give the trial more time
    Extend,
    /// Go back to the individual-contributor track
    BackToIc,
    /// A role with both
    Hybrid,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// Exchange format v1; imports back losslessly
    Json,
    /// Summary figures and entries as Markdown
    Md,
    /// One row per entry, every field
    Csv,
    /// Summary, charts and entries, fonts embedded
    Pdf,
    /// The same as one self-contained web page
    Html,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExportFormat,
    /// Output file (`-` for standard output)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub range: RangeArgs,
    /// Overwrite FILE if it exists
    #[arg(long)]
    pub force: bool,
    /// Leave out the entries' text
    #[arg(long)]
    pub no_text: bool,
    /// Leave out the entries' tags
    #[arg(long)]
    pub no_tags: bool,
    /// Only the summary and charts, no entries (CSV keeps its header; JSON refuses it)
    #[arg(long)]
    pub summary_only: bool,
    /// Leave a numeric field out of every entry and figure (repeatable, or comma-separated)
    #[arg(long, value_name = "FIELD", value_delimiter = ',', value_parser = field)]
    pub omit: Vec<Field>,
    /// Encrypt the file in the age format; the passphrase comes from
    /// DUALTRACK_EXPORT_PASSPHRASE or is asked for twice
    #[arg(long)]
    pub encrypt: bool,
}
