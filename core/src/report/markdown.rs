//! Markdown: the summary figures and (unless left out) the entries, for reading anywhere or
//! pasting into notes for a mentor. Numbers not logged are omitted, never shown as 0.

use std::fmt::Write as _;
use std::io::Write;

use chrono::{Datelike, NaiveDate};

use super::Redaction;
use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::insights::Insights;

fn mean(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.digits$}"))
}

/// Writes the report as Markdown.
pub fn write(
    out: &mut dyn Write,
    insights: &Insights,
    entries: &[Entry],
    redaction: Redaction,
    generated: NaiveDate,
) -> Result<()> {
    let mut md = String::new();
    let i = insights;
    let _ = writeln!(md, "# Dualtrack report\n");
    let _ = writeln!(md, "{} – {} · generated {generated}\n", i.range.from, i.range.to);
    let _ = writeln!(md, "## Summary\n");
    let pct = i.coverage.ratio.map_or_else(|| "—".to_owned(), |r| format!("{:.0}%", r * 100.0));
    let _ = writeln!(
        md,
        "- Coverage: {} of {} days logged ({pct}); current streak {}, longest {}",
        i.coverage.days_logged, i.coverage.days_in_range, i.streak.current, i.streak.longest
    );
    let _ = writeln!(
        md,
        "- Satisfaction: mean {} of 10 (n = {})",
        mean(i.satisfaction.mean, 1),
        i.satisfaction.n
    );
    let _ = writeln!(
        md,
        "- Technical share: mean {}% (n = {})",
        mean(i.technical_share.mean, 0),
        i.technical_share.n
    );
    let _ = writeln!(md, "- Satisfaction and technical share: {}", i.relation.verdict);
    let _ = writeln!(md, "- Streaks: current {}, longest {}", i.streak.current, i.streak.longest);
    if !redaction.summary_only && !entries.is_empty() {
        let _ = writeln!(md, "\n## Entries");
        for entry in entries {
            write_entry(&mut md, &redaction.apply(entry));
        }
    }
    out.write_all(md.as_bytes()).map_err(|e| Error::io("writing the Markdown report", e))
}

fn write_entry(md: &mut String, e: &Entry) {
    let _ = writeln!(md, "\n### {} ({})\n", e.date, e.date.weekday());
    let mut numbers = Vec::new();
    if let Some(v) = e.satisfaction {
        numbers.push(format!("satisfaction {v}/10"));
    }
    if let Some(t) = e.technical_share {
        numbers.push(format!("{t}% technical / {}% leadership", 100 - u16::from(t)));
    }
    if let Some(v) = e.leadership_satisfaction {
        numbers.push(format!("leadership {v}/10"));
    }
    if let Some(v) = e.technical_satisfaction {
        numbers.push(format!("technical {v}/10"));
    }
    if let Some(v) = e.energy {
        numbers.push(format!("energy {v}/5"));
    }
    if let Some(v) = e.meetings {
        numbers.push(format!("{v} meetings"));
    }
    if let Some(v) = e.focus_minutes {
        numbers.push(format!("longest focus {v} min"));
    }
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
    use crate::insights::{InsightsRange, compute};
    use crate::settings::Settings;
    use crate::tests::day;

    fn report(redaction: Redaction) -> String {
        let mut a = Entry::empty(day("2026-01-01"));
        a.satisfaction = Some(7);
        a.meetings = Some(0);
        a.tags = vec!["1on1".into()];
        a.text = "SECRETMARKER reflection".into();
        let mut b = Entry::empty(day("2026-01-02"));
        b.satisfaction = Some(5);
        let entries = vec![a, b];
        let range = InsightsRange::resolve(crate::DateRange::all(), &entries, day("2026-01-02"));
        let insights = compute(&entries, &Settings::default(), range, day("2026-01-02"));
        let mut out = Vec::new();
        write(&mut out, &insights, &entries, redaction, day("2026-01-03")).expect("markdown");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn summary_and_entries_with_zero_kept_and_not_logged_left_out() {
        let md = report(Redaction::default());
        assert!(md.contains("2026-01-01 – 2026-01-02 · generated 2026-01-03"), "{md}");
        // Mean satisfaction (7 + 5) / 2 = 6.0 over n = 2.
        assert!(md.contains("Satisfaction: mean 6.0 of 10 (n = 2)"), "{md}");
        assert!(md.contains("satisfaction 7/10 · 0 meetings"), "{md}");
        assert!(!md.contains("energy"), "energy was never logged: {md}");
        assert!(md.contains("SECRETMARKER") && md.contains("Tags: 1on1"));
    }

    #[test]
    fn redaction_leaves_no_trace_of_text_or_tags() {
        let md = report(Redaction { no_text: true, no_tags: true, summary_only: false });
        assert!(!md.contains("SECRETMARKER") && !md.contains("1on1"), "{md}");
        let summary = report(Redaction { summary_only: true, ..Redaction::default() });
        assert!(!summary.contains("## Entries") && !summary.contains("SECRETMARKER"), "{summary}");
    }
}
