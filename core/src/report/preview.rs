//! The preview: exactly what a report will carry out of the journal — how many entries, which
//! of their fields, which sections, the first line of the texts and the tags — so the user sees
//! it before a single byte is written.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{Report, ReportFormat};

/// How many first lines of text the preview shows.
const SAMPLES: usize = 5;
/// A first line longer than this is cut, with an ellipsis.
const SAMPLE_CHARS: usize = 120;

/// The first line of one entry's text, as it will appear in the report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TextSample {
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub line: String,
}

/// What will leave the journal.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Preview {
    pub format: ReportFormat,
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// Entries written into the file (0 when only the summary is wanted).
    pub entries: usize,
    /// The parts of the report, in order, e.g. "Summary figures", "Entries".
    pub sections: Vec<String>,
    /// The fields of each entry that appear, in words (empty when no entry does).
    pub fields: Vec<String>,
    /// Entries whose text appears.
    pub entries_with_text: usize,
    /// The first line of the first few texts that appear.
    pub text_samples: Vec<TextSample>,
    /// Every distinct tag that appears anywhere in the file.
    pub tags: Vec<String>,
    /// A file name that says what the file holds.
    pub file_name: String,
}

impl Report {
    /// What this report will carry out of the journal.
    pub fn preview(&self) -> Preview {
        let with_text: Vec<_> = self.entries.iter().filter(|e| !e.text.trim().is_empty()).collect();
        let text_samples = with_text
            .iter()
            .take(SAMPLES)
            .map(|e| TextSample { date: e.date, line: first_line(&e.text) })
            .collect();
        let mut tags: BTreeSet<String> =
            self.entries.iter().flat_map(|e| e.tags.iter().cloned()).collect();
        if matches!(self.format, ReportFormat::Pdf | ReportFormat::Html)
            && let Some(trial) = self.trial()
        {
            // The trial review names the tags most linked to good and bad days.
            tags.extend(
                trial.good_day_tags.iter().chain(&trial.bad_day_tags).map(|t| t.tag.clone()),
            );
        }
        Preview {
            format: self.format,
            from: self.range.from,
            to: self.range.to,
            entries: self.entries.len(),
            sections: self.sections(),
            fields: if self.entries.is_empty() {
                Vec::new()
            } else {
                self.redaction.labels().into_iter().map(str::to_owned).collect()
            },
            entries_with_text: with_text.len(),
            text_samples,
            tags: tags.into_iter().collect(),
            file_name: self.file_name(),
        }
    }

    /// The parts of the file, in order, as the user would name them.
    pub fn sections(&self) -> Vec<String> {
        let mut sections = Vec::new();
        if self.format.has_summary() {
            sections.push("Summary figures".to_owned());
        }
        if matches!(self.format, ReportFormat::Pdf | ReportFormat::Html) {
            let charts = self.chart_names();
            if !charts.is_empty() {
                sections.push(format!("Charts: {}", charts.join(", ")));
                let markers: Vec<String> = self
                    .insights
                    .markers
                    .iter()
                    .map(|m| format!("{} ({})", m.label, m.date))
                    .collect();
                if !markers.is_empty() {
                    sections.push(format!("Role markers in the charts: {}", markers.join(", ")));
                }
            }
            if let Some(trial) = self.trial() {
                // The review covers the whole trial (and the time before it), even the days of
                // it that fall outside the report's range.
                let before =
                    if trial.before_vs_trial.is_some() { ", and the time before it" } else { "" };
                sections.push(format!(
                    "Trial review: the whole trial, {} – {}{before}",
                    trial.window.from, trial.window.to
                ));
            }
        }
        if !self.decisions.is_empty() {
            let notes =
                if self.redaction.no_text { ", without their notes" } else { " with their notes" };
            sections.push(format!("Trial decisions ({}){notes}", self.decisions.len()));
        }
        if self.format == ReportFormat::Json {
            sections.push("Settings (role start, trial length, phases, prompts)".to_owned());
        }
        if !self.entries.is_empty() {
            sections.push(format!("Entries ({})", self.entries.len()));
        }
        sections
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    if line.chars().count() <= SAMPLE_CHARS {
        return line.to_owned();
    }
    let mut cut: String = line.chars().take(SAMPLE_CHARS).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_skips_blank_lines_and_cuts_long_ones() {
        assert_eq!(first_line("\n\n  Hello there  \nsecond"), "Hello there");
        let long = "x".repeat(200);
        assert_eq!(first_line(&long).chars().count(), SAMPLE_CHARS + 1);
        assert_eq!(first_line(""), "");
    }
}
