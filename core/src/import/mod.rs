//! Bringing years of a journal kept elsewhere (Day One, jrnl, Daylio, or Dualtrack's own
//! exchange file) into Dualtrack (PRODUCT §12): read and check the whole export, show what
//! would happen, then write it in one transaction — nothing lost, nothing duplicated.
//!
//! Reading (`read`) turns a file into source entries, each dated by its local day and named
//! by an identity. Writing (`Journal::import`) merges a day's source entries into one entry,
//! appends to a day that already has one (keeping its numbers), and remembers every identity,
//! so importing the same file again changes nothing.

mod apply;
mod daylio;
mod dayone;
mod detect;
mod html;
mod jrnl;
mod merge;
mod moods;
mod tags;
mod words;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::exchange::Document1;

pub use moods::parse_mood_map;

/// The journals an import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportFormat {
    Dualtrack,
    Dayone,
    Jrnl,
    Daylio,
}

impl ImportFormat {
    /// The name a person knows the app by.
    pub fn title(self) -> &'static str {
        match self {
            ImportFormat::Dualtrack => "Dualtrack",
            ImportFormat::Dayone => "Day One",
            ImportFormat::Jrnl => "jrnl",
            ImportFormat::Daylio => "Daylio",
        }
    }

    /// Reads a `--format` word (`auto` is `None`).
    pub fn parse(word: &str) -> Result<Option<Self>> {
        Ok(Some(match word.trim().to_ascii_lowercase().as_str() {
            "auto" => return Ok(None),
            "dualtrack" => ImportFormat::Dualtrack,
            "dayone" | "day-one" | "day_one" => ImportFormat::Dayone,
            "jrnl" => ImportFormat::Jrnl,
            "daylio" => ImportFormat::Daylio,
            other => {
                return Err(Error::InvalidInput(format!(
                    "{other:?} is not a format; use auto, dualtrack, dayone, jrnl or daylio"
                )));
            }
        }))
    }

    fn key(self) -> &'static str {
        match self {
            ImportFormat::Dualtrack => "dualtrack",
            ImportFormat::Dayone => "dayone",
            ImportFormat::Jrnl => "jrnl",
            ImportFormat::Daylio => "daylio",
        }
    }
}

/// How to read an export; everything has a sensible default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportOptions {
    /// `None`: tell the format from the file.
    #[serde(default)]
    #[ts(optional)]
    pub format: Option<ImportFormat>,
    /// Daylio mood label → satisfaction 1–10, on top of the built-in English defaults; labels
    /// match after trimming, ignoring case.
    #[serde(default)]
    pub moods: BTreeMap<String, u8>,
    /// A jrnl `timeformat` (strftime, e.g. `%d.%m.%Y %H:%M`) tried before the usual ones.
    #[serde(default)]
    #[ts(optional)]
    pub time_format: Option<String>,
    /// jrnl's tag prefix (default `@`).
    #[serde(default)]
    #[ts(optional)]
    pub tag_prefix: Option<String>,
    /// Skip (and report) jrnl lines whose timestamp cannot be read instead of refusing.
    #[serde(default)]
    pub skip_bad: bool,
}

/// A tag the import had to rename to fit Dualtrack's tag rules.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RenamedTag {
    pub from: String,
    pub to: String,
}

/// A Daylio mood label, how often it occurs and the satisfaction it stands for (`None`: not
/// mapped yet — the import refuses until it is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct MoodLabel {
    pub label: String,
    pub count: usize,
    pub satisfaction: Option<u8>,
}

/// What an import did, or would do (`written: false`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportReport {
    pub format: ImportFormat,
    /// Entries read from the file (empty ones included).
    pub source_entries: usize,
    /// Distinct local days that receive content.
    pub days: usize,
    /// Days that had no entry.
    pub created: usize,
    /// Days that had an entry: the imported text is appended and its numbers kept (a Dualtrack
    /// exchange file replaces same-date entries instead, as PRODUCT §8 says).
    pub merged: usize,
    /// Empty entries, and unreadable lines skipped on request.
    pub skipped: usize,
    /// Entries imported before, left alone.
    pub already_imported: usize,
    /// Photos, videos, audio and PDFs that are not imported.
    pub media_left_out: usize,
    pub renamed_tags: Vec<RenamedTag>,
    pub warnings: Vec<String>,
    /// The file's first and last day with content.
    #[ts(type = "string | null")]
    pub first_day: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub last_day: Option<NaiveDate>,
    pub moods: Vec<MoodLabel>,
    pub written: bool,
}

/// One entry as the other app wrote it, dated by its local day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceEntry {
    /// Who it is across imports: `dayone:<uuid>`, else a hash of format, time and text.
    pub identity: String,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub title: String,
    pub body: String,
    /// Tags as the source spelled them.
    pub tags: Vec<String>,
    pub starred: bool,
    pub satisfaction: Option<u8>,
    /// A mood label that maps to nothing yet.
    pub unmapped: bool,
}

impl SourceEntry {
    fn is_empty(&self) -> bool {
        self.title.trim().is_empty()
            && self.body.trim().is_empty()
            && self.tags.is_empty()
            && self.satisfaction.is_none()
            && !self.unmapped
    }
}

/// A whole export, read and checked; nothing is written yet.
#[derive(Debug, Clone)]
pub struct Source {
    pub format: ImportFormat,
    entries: Vec<SourceEntry>,
    exchange: Option<Document1>,
    source_entries: usize,
    skipped: usize,
    media_left_out: usize,
    warnings: Vec<String>,
    moods: Vec<MoodLabel>,
    seen: HashSet<String>,
}

impl Source {
    fn new(format: ImportFormat) -> Self {
        Source {
            format,
            entries: Vec::new(),
            exchange: None,
            source_entries: 0,
            skipped: 0,
            media_left_out: 0,
            warnings: Vec::new(),
            moods: Vec::new(),
            seen: HashSet::new(),
        }
    }

    /// Keeps an entry with content and counts an empty one; equal identities within one file
    /// (the same text at the same minute, twice) get a running number so both are kept.
    fn push(&mut self, mut entry: SourceEntry) {
        self.source_entries += 1;
        if entry.is_empty() {
            self.skipped += 1;
            return;
        }
        let base = entry.identity.clone();
        let mut n = 1;
        while !self.seen.insert(entry.identity.clone()) {
            n += 1;
            entry.identity = format!("{base}#{n}");
        }
        self.entries.push(entry);
    }

    /// Counts a source entry that could not be read and was left out on request, with the
    /// warning that says which and why.
    fn skip(&mut self, warning: String) {
        self.source_entries += 1;
        self.skipped += 1;
        self.warnings.push(warning);
    }

    /// Mood labels that still need a satisfaction.
    pub fn unmapped_moods(&self) -> Vec<&str> {
        self.moods.iter().filter(|m| m.satisfaction.is_none()).map(|m| m.label.as_str()).collect()
    }
}

/// Reads an export (a file, a Day One zip, or a jrnl folder), telling its format from the
/// content unless `options.format` names it.
pub fn read(path: &Path, options: &ImportOptions) -> Result<Source> {
    let input = detect::Input::open(path)?;
    let format = match options.format {
        Some(format) => format,
        None => detect::format(&input)?,
    };
    match format {
        ImportFormat::Dualtrack => {
            let mut source = Source::new(format);
            let doc = crate::exchange::parse(input.text()?)?;
            source.source_entries = doc.entries.len();
            source.exchange = Some(doc);
            Ok(source)
        }
        ImportFormat::Dayone => dayone::read(&input),
        ImportFormat::Jrnl => jrnl::read(&input, options),
        ImportFormat::Daylio => daylio::read(input.text()?, options),
    }
}

/// The identity of a source entry without one of its own: the format and a hash of what
/// it says, so the same entry in a later export of the same journal is recognised.
fn identity(format: ImportFormat, parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0x1f]);
    }
    let digest = hash.finalize();
    format!("{}:{}", format.key(), hex::encode(&digest[..16]))
}

fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidImport(message.into())
}
