//! Markdown: the summary figures and (unless left out) the entries, for reading anywhere or
//! pasting into notes for a mentor. Numbers not logged are omitted, never shown as 0.

use std::fmt::Write as _;
use std::io::Write;

use chrono::Datelike;

use super::{Report, figures};
use crate::entry::Entry;
use crate::error::{Error, Result};

/// Writes the report as Markdown.
pub fn write(out: &mut dyn Write, report: &Report) -> Result<()> {
    let mut md = String::new();
    let i = &report.insights;
    let _ = writeln!(md, "# Dualtrack report\n");
    let _ = writeln!(md, "{} – {} · generated {}\n", i.range.from, i.range.to, report.generated);
    let _ = writeln!(md, "## Summary\n");
    for figure in figures::summary(i, &report.redaction) {
        let _ = writeln!(md, "- {}: {}", figure.label, figure.value);
    }
    if !report.decisions.is_empty() {
        let _ = writeln!(md, "\n## Decisions\n");
        for d in &report.decisions {
            let note = d.note.trim();
            let note = if note.is_empty() { String::new() } else { format!(". {note}") };
            let _ = writeln!(md, "- {} — **{}**{note}", d.decided_on, d.choice.label());
        }
    }
    if !report.entries.is_empty() {
        let _ = writeln!(md, "\n## Entries");
        for entry in &report.entries {
            write_entry(&mut md, entry);
        }
    }
    out.write_all(md.as_bytes()).map_err(|e| Error::io("writing the Markdown report", e))
}

fn write_entry(md: &mut String, e: &Entry) {
    let _ = writeln!(md, "\n### {} ({})\n", e.date, e.date.weekday());
    let numbers = figures::entry_numbers(e);
    if !numbers.is_empty() {
        let _ = writeln!(md, "{}", numbers.join(" · "));
    }
    if !e.tags.is_empty() {
        let _ = writeln!(md, "\nTags: {}", e.tags.join(", "));
    }
    if !e.text.trim().is_empty() {
        let _ = writeln!(md, "\n{}", e.text.trim_end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DateRange;
    use crate::report::{Redaction, ReportFormat, ReportRequest};
    use crate::settings::Settings;
    use crate::tests::day;

    fn report(redaction: Redaction) -> String {
        let mut a = Entry::empty(day("2026-01-01"));
        a.satisfaction = Some(7);
        a.meetings = Some(0);
        a.energy = Some(4);
        a.tags = vec!["1on1".into()];
        a.text = "SECRETMARKER reflection".into();
        let mut b = Entry::empty(day("2026-01-02"));
        b.satisfaction = Some(5);
        let request =
            ReportRequest { range: DateRange::all(), format: ReportFormat::Md, redaction };
        let report =
            Report::from_entries(&request, &[b, a], Settings::default(), day("2026-01-03"))
                .expect("report");
        let mut out = Vec::new();
        write(&mut out, &report).expect("markdown");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn summary_and_entries_with_zero_kept_and_not_logged_left_out() {
        let md = report(Redaction::default());
        assert!(md.contains("2026-01-01 – 2026-01-02 · generated 2026-01-03"), "{md}");
        // Mean satisfaction (7 + 5) / 2 = 6.0 over n = 2.
        assert!(md.contains("Satisfaction: mean 6.0 of 10 (n = 2)"), "{md}");
        assert!(md.contains("satisfaction 7/10 · energy 4/5 · 0 meetings"), "{md}");
        assert!(!md.contains("% technical /"), "technical share was never logged: {md}");
        assert!(md.contains("Technical share: mean not logged (n = 0)"), "{md}");
        assert!(md.contains("SECRETMARKER") && md.contains("Tags: 1on1"));
    }

    #[test]
    fn redaction_leaves_no_trace_of_text_or_tags() {
        let md = report(Redaction {
            no_text: true,
            no_tags: true,
            omit_fields: vec![crate::Field::Energy],
            ..Redaction::default()
        });
        assert!(!md.contains("SECRETMARKER") && !md.contains("1on1"), "{md}");
        assert!(!md.contains("energy"), "energy was left out: {md}");
        let summary = report(Redaction { summary_only: true, ..Redaction::default() });
        assert!(!summary.contains("## Entries") && !summary.contains("SECRETMARKER"), "{summary}");
    }
}
