//! The private report (PRODUCT §6): what leaves the journal, in which format, with which parts
//! left out. One file per format; every format renders the same [`Report`], which is gathered
//! and redacted once, so "no text" or "no energy" means none in any format, in any figure.

mod charts;
pub mod csv;
mod document;
mod export;
mod figures;
mod fonts;
pub mod html;
pub mod markdown;
mod pdf;
mod preview;

use std::io::Write;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::entry::{DateRange, Entry};
use crate::error::{Error, Result};
use crate::field::Field;
use crate::insights::{self, Insights, InsightsRange};
use crate::journal::Journal;
use crate::settings::Settings;

pub use export::{Exported, check_replaceable, export, final_path, write_to};
pub use preview::{Preview, TextSample};

/// The file formats a report can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ReportFormat {
    /// Summary, vector charts and optional entries, fonts embedded.
    Pdf,
    /// The same as one self-contained page: inline CSS and SVG, no external request.
    Html,
    /// Summary figures and entries.
    Md,
    /// One row per entry, every field.
    Csv,
    /// The exchange format v1; imports back losslessly.
    Json,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Html => "html",
            ReportFormat::Md => "md",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
        }
    }

    /// Formats that carry summary figures (and, for PDF and HTML, charts); CSV and JSON carry
    /// entries only.
    fn has_summary(self) -> bool {
        matches!(self, ReportFormat::Pdf | ReportFormat::Html | ReportFormat::Md)
    }
}

/// What the user chose to leave out of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct Redaction {
    /// Leave out every entry's text.
    pub no_text: bool,
    /// Leave out every entry's tags.
    pub no_tags: bool,
    /// Only the summary and charts: no entries at all.
    pub summary_only: bool,
    /// Numeric fields left out of every entry and every figure.
    pub omit_fields: Vec<Field>,
}

impl Redaction {
    /// True when `field` is left out.
    pub fn omits(&self, field: Field) -> bool {
        self.omit_fields.contains(&field)
    }

    /// The entry as it may leave the journal.
    pub fn apply(&self, entry: Entry) -> Entry {
        let mut out = entry;
        if self.no_text {
            out.text.clear();
        }
        if self.no_tags {
            out.tags.clear();
        }
        for field in &self.omit_fields {
            // Clearing a field ("not logged") is always in range.
            let _ = out.set_number(*field, None);
        }
        out
    }

    /// The kept fields in words, for the preview: "technical share", "longest focus block".
    pub fn labels(&self) -> Vec<&'static str> {
        let mut labels = vec!["date"];
        labels.extend(Field::ALL.into_iter().filter(|f| !self.omits(*f)).map(Field::label));
        if !self.no_tags {
            labels.push("tags");
        }
        if !self.no_text {
            labels.push("text");
        }
        labels
    }

    /// The per-entry fields that remain, in the order of the exchange format (CSV's columns).
    pub fn fields(&self) -> Vec<&'static str> {
        let mut fields = vec!["date"];
        fields.extend(Field::ALL.into_iter().filter(|f| !self.omits(*f)).map(Field::name));
        if !self.no_tags {
            fields.push("tags");
        }
        if !self.no_text {
            fields.push("text");
        }
        fields
    }
}

/// What to export: a range of days, a format and what to leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRequest {
    pub range: DateRange,
    pub format: ReportFormat,
    pub redaction: Redaction,
}

/// Everything a report may show, already redacted: no format sees an omitted field.
#[derive(Debug, Clone)]
pub struct Report {
    pub format: ReportFormat,
    pub redaction: Redaction,
    /// The closed range of days the report covers.
    pub range: InsightsRange,
    /// The figures, computed from the redacted entries.
    pub insights: Insights,
    /// The redacted entries in the range, oldest first; empty when only the summary is wanted.
    pub entries: Vec<Entry>,
    /// The role settings (markers in the charts; the JSON format carries them).
    pub settings: Settings,
    /// The trial decisions recorded within the range, oldest first; their notes are left out
    /// with the entry text.
    pub decisions: Vec<crate::decisions::Decision>,
    pub generated: NaiveDate,
}

impl Journal {
    /// Gathers and redacts the report for `request`; `today` closes an open range and dates
    /// the report.
    pub fn report(&self, request: &ReportRequest, today: NaiveDate) -> Result<Report> {
        let settings = self.settings()?;
        if !request.format.has_summary() {
            // CSV and JSON carry the range's entries and nothing computed from other days: one
            // read of them is all they need (the range they resolve to keeps the same entries).
            let entries = self.list(request.range)?;
            let dates: Vec<Entry> = entries.iter().map(|e| Entry::empty(e.date)).collect();
            return Report::assemble(request, dates, settings, today, |_| Ok(entries));
        }
        // The figures need every day's numbers (the trial review looks beyond the range) but
        // no text; only the entries in the range are read whole.
        let numbers = self.list_numbers(DateRange::all())?;
        let mut report =
            Report::assemble(request, numbers, settings, today, |range| self.list(range))?;
        report.add_decisions(self.decisions()?);
        Ok(report)
    }
}

impl Report {
    /// Keeps the decisions recorded within the report's range (summary formats only), their
    /// notes redacted like entry text.
    pub fn add_decisions(&mut self, decisions: Vec<crate::decisions::Decision>) {
        if !self.format.has_summary() {
            return;
        }
        let range = self.range;
        self.decisions = decisions
            .into_iter()
            .filter(|d| range.contains(d.decided_on))
            .map(|mut d| {
                if self.redaction.no_text {
                    d.note.clear();
                }
                d
            })
            .collect();
    }

    /// The report of `entries` (the whole journal, any order) without a database.
    pub fn from_entries(
        request: &ReportRequest,
        entries: &[Entry],
        settings: Settings,
        today: NaiveDate,
    ) -> Result<Report> {
        Report::assemble(request, entries.to_vec(), settings, today, |range| {
            let mut inside: Vec<Entry> = entries
                .iter()
                .filter(|e| range.from.is_none_or(|f| f <= e.date))
                .filter(|e| range.to.is_none_or(|t| e.date <= t))
                .cloned()
                .collect();
            inside.sort_by_key(|e| e.date);
            Ok(inside)
        })
    }

    fn assemble(
        request: &ReportRequest,
        numbers: Vec<Entry>,
        settings: Settings,
        today: NaiveDate,
        entries_in: impl FnOnce(DateRange) -> Result<Vec<Entry>>,
    ) -> Result<Report> {
        let redaction = &request.redaction;
        if request.format == ReportFormat::Json && *redaction != Redaction::default() {
            // Import replaces same-date entries: a redacted exchange file imported back would
            // blank the left-out text, tags or numbers in the journal.
            return Err(Error::InvalidInput(
                "JSON carries every entry whole so it imports back exactly; to leave something \
                 out, choose PDF, HTML, Markdown or CSV"
                    .into(),
            ));
        }
        let numbers: Vec<Entry> = numbers.into_iter().map(|e| redaction.apply(e)).collect();
        let range = InsightsRange::resolve(request.range, &numbers, today);
        // CSV and JSON carry entries only: no figure of theirs comes from the statistics, which
        // would cost more than the export itself (7 of 30 ms for a 10-year JSON export).
        let insights = if request.format.has_summary() {
            insights::for_range(&numbers, &settings, request.range, today)
        } else {
            insights::compute(&[], &settings, range, today)
        };
        let entries = if redaction.summary_only {
            Vec::new()
        } else {
            let closed = DateRange::new(Some(range.from), Some(range.to))?;
            entries_in(closed)?.into_iter().map(|e| redaction.apply(e)).collect()
        };
        Ok(Report {
            format: request.format,
            redaction: redaction.clone(),
            range,
            insights,
            entries,
            settings,
            decisions: Vec::new(),
            generated: today,
        })
    }
}

impl Report {
    /// Renders the report in its format.
    pub fn write(&self, out: &mut dyn Write) -> Result<()> {
        match self.format {
            ReportFormat::Md => markdown::write(out, self),
            ReportFormat::Csv => csv::write(out, &self.entries, &self.redaction),
            ReportFormat::Json => crate::exchange::write(out, &self.settings, &self.entries),
            ReportFormat::Html => html::write(out, self),
            ReportFormat::Pdf => pdf::write(out, self),
        }
    }

    /// The trial review, when it is due and the trial overlaps the report's range.
    pub fn trial(&self) -> Option<&crate::insights::Trial> {
        let range = self.range;
        self.insights
            .trial
            .as_ref()
            .filter(|t| t.available && t.window.from <= range.to && range.from <= t.window.to)
    }

    /// The names of the charts this report draws (PDF and HTML).
    pub fn chart_names(&self) -> Vec<&'static str> {
        charts::available(&self.insights).into_iter().map(charts::Chart::title).collect()
    }

    /// A file name that says what the file holds.
    pub fn file_name(&self) -> String {
        format!(
            "dualtrack-report-{}-to-{}.{}",
            self.range.from,
            self.range.to,
            self.format.extension()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::day;

    /// Sixty logged days from 2026-01-01; the role started then, with a 30-day trial.
    fn report(from: &str, to: &str) -> Report {
        let entries: Vec<Entry> = (0..60u64)
            .map(|i| {
                let mut e = Entry::empty(day("2026-01-01") + chrono::Days::new(i));
                e.satisfaction = Some(u8::try_from(1 + i % 10).expect("small"));
                e
            })
            .collect();
        let settings = Settings {
            role_start: Some(day("2026-01-01")),
            trial_days: Some(30),
            ..Settings::default()
        };
        let range = DateRange::new(Some(day(from)), Some(day(to))).expect("range");
        let request =
            ReportRequest { range, format: ReportFormat::Pdf, redaction: Redaction::default() };
        Report::from_entries(&request, &entries, settings, day("2026-03-15")).expect("report")
    }

    #[test]
    fn entry_only_formats_read_once_and_keep_the_same_entries_as_the_summary_formats() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut journal = crate::journal::tests::new_journal(dir.path()).journal;
        for date in ["2026-01-05", "2026-02-10", "2026-03-20"] {
            let mut e = Entry::empty(day(date));
            e.satisfaction = Some(6);
            e.text = format!("the day {date}");
            journal.save(&e, crate::tests::now()).expect("save");
        }
        let ranges = [
            (None, None),
            (Some("2026-02-01"), None),
            (None, Some("2026-02-10")),
            (Some("2026-04-01"), None),
            (Some("2026-01-06"), Some("2026-03-19")),
        ];
        for (from, to) in ranges {
            let range = DateRange::new(from.map(day), to.map(day)).expect("range");
            let expected = journal.list(range).expect("list");
            for format in [ReportFormat::Json, ReportFormat::Csv, ReportFormat::Md] {
                let request = ReportRequest { range, format, redaction: Redaction::default() };
                let got = journal.report(&request, day("2026-06-01")).expect("report");
                assert_eq!(got.entries, expected, "{format:?} {from:?}..{to:?}");
            }
        }
    }

    #[test]
    fn the_trial_review_appears_only_when_the_trial_overlaps_the_range() {
        let during = report("2026-01-20", "2026-02-10");
        assert!(during.trial().is_some());
        let trial = "Trial review: the whole trial, 2026-01-01 – 2026-01-30";
        assert!(during.sections().iter().any(|s| s == trial), "{:?}", during.sections());
        assert!(during.sections().iter().any(|s| s.starts_with("Role markers in the charts")));
        let after = report("2026-02-15", "2026-03-01");
        assert!(after.insights.trial.is_some(), "the statistics still know the trial");
        assert!(after.trial().is_none());
        assert!(!after.sections().iter().any(|s| s.starts_with("Trial review")));
    }
}
