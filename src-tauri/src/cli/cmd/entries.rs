//! The day's entries: `add`, `show`, `delete`, `list` and `search`.

use std::path::{Path, PathBuf};

use chrono::{Local, Utc};
use dualtrack_core::entry::parse_date;
use dualtrack_core::journal::Saved;
use dualtrack_core::{Entry, Error, Field, SearchQuery, layout};
use serde_json::json;

use crate::cli::context::{Ctx, RangeArgs};
use crate::cli::print;

#[derive(Debug, clap::Args)]
pub struct Add {
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

impl Add {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let date = match &self.date {
            Some(d) => parse_date(d)?,
            None => Local::now().date_naive(),
        };
        let mut entry = Entry::empty(date);
        for (field, value) in [
            (Field::Satisfaction, self.satisfaction),
            (Field::TechnicalShare, self.technical_share),
            (Field::LeadershipSatisfaction, self.leadership_satisfaction),
            (Field::TechnicalSatisfaction, self.technical_satisfaction),
            (Field::Energy, self.energy),
            (Field::Meetings, self.meetings),
            (Field::FocusMinutes, self.focus_minutes),
        ] {
            entry.set_number(field, value)?;
        }
        entry.tags =
            self.tags.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
        entry.text = match (&self.text, &self.text_file) {
            (Some(text), _) => text.clone(),
            (None, Some(path)) => read_text(path)?,
            (None, None) => String::new(),
        };
        // Check before unlocking, so a typo costs no passphrase prompt.
        entry.validate()?;
        let mut journal = ctx.open()?;
        let outcome = if self.replace {
            journal.save(&entry, Utc::now())?
        } else {
            journal.insert(&entry, Utc::now())?;
            Saved::Created
        };
        let verb = match outcome {
            Saved::Created => "Saved",
            Saved::Updated => "Replaced",
            Saved::Unchanged => "Unchanged:",
        };
        ctx.report(
            &json!({ "date": date, "saved": outcome }),
            &format!("{verb} the entry for {date}."),
        )?;
        crate::auto_backup(&journal);
        Ok(())
    }
}

/// The text of `--text-file` (`-` for stdin), read no further than an entry can hold.
fn read_text(path: &Path) -> Result<String, Error> {
    let limit = dualtrack_core::entry::MAX_TEXT_BYTES as u64;
    let stdin = path == Path::new("-");
    let what = if stdin { "standard input".to_owned() } else { path.display().to_string() };
    let bytes = if stdin {
        layout::read_all_bounded(std::io::stdin().lock(), limit, &what)
    } else {
        layout::read_bounded(path, limit, &what)
    };
    let bytes = bytes.map_err(|e| match e {
        Error::InvalidInput(why) => Error::InvalidEntry { field: "text".into(), reason: why },
        other => other,
    })?;
    String::from_utf8(bytes).map_err(|_| Error::InvalidEntry {
        field: "text".into(),
        reason: format!("{what} is not UTF-8 text"),
    })
}

#[derive(Debug, clap::Args)]
pub struct Show {
    /// YYYY-MM-DD
    pub date: String,
}

impl Show {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let entry = ctx.open()?.get(parse_date(&self.date)?)?;
        if ctx.json {
            print::json(&entry)
        } else {
            print::line(print::entry_block(&entry).trim_end())
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Delete {
    /// YYYY-MM-DD
    pub date: String,
}

impl Delete {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let date = parse_date(&self.date)?;
        ctx.open()?.delete(date)?;
        ctx.report(&json!({ "deleted": date }), &format!("Deleted the entry for {date}."))
    }
}

#[derive(Debug, clap::Args)]
pub struct List {
    #[command(flatten)]
    pub range: RangeArgs,
}

impl List {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let entries = ctx.open()?.list(self.range.range()?)?;
        ctx.entries(&entries)
    }
}

#[derive(Debug, clap::Args)]
pub struct Search {
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

impl Search {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let query = SearchQuery {
            range: self.range.range()?,
            satisfaction: filter(self.min_satisfaction, self.max_satisfaction, Field::Satisfaction),
            technical_share: filter(
                self.min_technical_share,
                self.max_technical_share,
                Field::TechnicalShare,
            ),
            text: self.query,
            tags: self.tags,
        };
        let found = ctx.open()?.search(&query)?;
        ctx.entries(&found)
    }
}

/// A filter on `field` from its optional ends; an open end is the field's own bound.
fn filter(min: Option<u8>, max: Option<u8>, field: Field) -> Option<(u8, u8)> {
    let (lo, hi) = field.range();
    let bound = |v: i64| u8::try_from(v).unwrap_or(u8::MAX);
    (min.is_some() || max.is_some()).then(|| (min.unwrap_or(bound(lo)), max.unwrap_or(bound(hi))))
}
