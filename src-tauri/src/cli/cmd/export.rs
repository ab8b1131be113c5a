//! Moving entries out: `export` in every report format, redacted and encrypted on request.

use std::path::{Path, PathBuf};

use chrono::Local;
use dualtrack_core::report::{self, Redaction, ReportFormat, ReportRequest};
use dualtrack_core::{Error, Field};

use crate::cli::context::{Ctx, RangeArgs};
use crate::cli::{print, unlock};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
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

impl From<Format> for ReportFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Json => ReportFormat::Json,
            Format::Md => ReportFormat::Md,
            Format::Csv => ReportFormat::Csv,
            Format::Pdf => ReportFormat::Pdf,
            Format::Html => ReportFormat::Html,
        }
    }
}

/// A numeric field by its name; an unknown name lists the known ones.
fn field(name: &str) -> Result<Field, String> {
    Field::parse(name).map_err(|e| e.to_string())
}

#[derive(Debug, clap::Args)]
pub struct Export {
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
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

impl Export {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let request = ReportRequest {
            range: self.range.range()?,
            format: self.format.into(),
            redaction: Redaction {
                no_text: self.no_text,
                no_tags: self.no_tags,
                summary_only: self.summary_only,
                omit_fields: self.omit,
            },
        };
        let to_stdout = self.out == Path::new("-");
        let target = report::final_path(&self.out, self.encrypt);
        if !to_stdout && !self.force && target.exists() {
            return Err(Error::FileExists(target));
        }
        if !to_stdout {
            report::check_replaceable(&target)?;
        }
        let passphrase = if self.encrypt { Some(unlock::export_passphrase()?) } else { None };
        let found = ctx.open()?.report(&request, Local::now().date_naive())?;
        if to_stdout {
            return print::stream(|out| report::write_to(&found, out, passphrase.as_ref()));
        }
        let done = report::export(&found, &self.out, self.force, passphrase.as_ref())?;
        let sealed = if done.encrypted { ", encrypted" } else { "" };
        ctx.report(&done, &format!("Exported {} entries to {}{sealed}.", done.entries, done.path))
    }
}
