//! `import`: brings a Dualtrack exchange file or another app's export (Day One, jrnl, Daylio)
//! into the journal, or with `--dry-run` only says what it would do.

use std::path::PathBuf;

use chrono::Utc;
use dualtrack_core::import::{self, ImportFormat, ImportOptions};
use dualtrack_core::{Error, layout};

use crate::cli::context::Ctx;

/// The largest mood map read (a few hundred labels fit in a few KiB).
const MAX_MOOD_MAP_BYTES: u64 = 64 * 1024;

#[derive(Debug, clap::Args)]
pub struct Import {
    /// The export: a file (.json, .zip, .txt, .csv) or a jrnl folder journal
    pub file: PathBuf,
    /// Which app wrote it: auto, dualtrack, dayone, jrnl or daylio
    #[arg(long, default_value = "auto",
          value_parser = ["auto", "dualtrack", "dayone", "jrnl", "daylio"])]
    pub format: String,
    /// Say what would be imported; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Daylio moods you renamed: a CSV file of `label,satisfaction` lines (satisfaction 1–10)
    #[arg(long, value_name = "FILE")]
    pub mood_map: Option<PathBuf>,
    /// jrnl's timeformat when it is not one of the usual ones (e.g. "%d.%m.%Y %H:%M")
    #[arg(long, value_name = "FORMAT")]
    pub time_format: Option<String>,
    /// jrnl's tag prefix (default @)
    #[arg(long, value_name = "C")]
    pub tag_prefix: Option<String>,
    /// Leave out (and list) jrnl lines whose timestamp cannot be read, instead of refusing
    #[arg(long)]
    pub skip_bad: bool,
}

impl Import {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let moods = match &self.mood_map {
            Some(path) => {
                let what = path.display().to_string();
                let bytes = layout::read_bounded(path, MAX_MOOD_MAP_BYTES, &what)?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::InvalidInput(format!("{what} is not UTF-8 text")))?;
                import::parse_mood_map(&text)?
            }
            None => Default::default(),
        };
        let options = ImportOptions {
            format: ImportFormat::parse(&self.format)?,
            moods,
            time_format: self.time_format,
            tag_prefix: self.tag_prefix,
            skip_bad: self.skip_bad,
        };
        let source = import::read(&self.file, &options)?;
        let mut journal = ctx.open()?;
        let report = journal.import(&source, self.dry_run, Utc::now())?;
        ctx.report(&report, &report.lines().join("\n"))?;
        if report.written && report.days > 0 {
            crate::auto_backup(&journal);
        }
        Ok(())
    }
}
