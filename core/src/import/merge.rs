//! Dualtrack keeps one entry per day, so a day's source entries become one: in time order,
//! each under a small heading with its time and title, tags unioned, satisfaction the mean of
//! the day's moods (rounded to the nearest whole number, halves up). Tags past an entry's
//! 32 go into the day's text instead of being lost.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{RenamedTag, SourceEntry, tags};
use crate::entry::MAX_TAGS;

/// What the import brings to one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Day {
    pub date: NaiveDate,
    /// The day's source entries as Markdown, in time order.
    pub text: String,
    pub tags: Vec<String>,
    pub satisfaction: Option<u8>,
}

/// Tags renamed and dropped while merging, for the summary.
#[derive(Default)]
pub(crate) struct TagNotes {
    pub renamed: BTreeSet<RenamedTag>,
    pub dropped: BTreeSet<String>,
}

/// The days `entries` bring, by date.
pub(crate) fn days(entries: &[&SourceEntry], notes: &mut TagNotes) -> Vec<Day> {
    let mut by_day: BTreeMap<NaiveDate, Vec<&SourceEntry>> = BTreeMap::new();
    for entry in entries {
        by_day.entry(entry.date).or_default().push(entry);
    }
    by_day
        .into_iter()
        .map(|(date, mut sources)| {
            // Stable: entries of one minute stay in the order the file has them.
            sources.sort_by_key(|e| e.time);
            Day {
                date,
                text: sources.iter().map(|e| part(e)).collect::<Vec<_>>().join("\n\n"),
                tags: union_tags(&sources, notes),
                satisfaction: mean(sources.iter().filter_map(|e| e.satisfaction)),
            }
        })
        .collect()
}

/// One source entry as Markdown: `### 18:30 · Title`, then its text.
fn part(entry: &SourceEntry) -> String {
    let mut heading: Vec<String> = Vec::new();
    if let Some(time) = entry.time {
        heading.push(time.format("%H:%M").to_string());
    }
    if !entry.title.trim().is_empty() {
        heading.push(entry.title.trim().to_owned());
    }
    let body = entry.body.trim();
    match (heading.is_empty(), body.is_empty()) {
        (true, _) => body.to_owned(),
        (false, true) => format!("### {}", heading.join(" · ")),
        (false, false) => format!("### {}\n\n{body}", heading.join(" · ")),
    }
}

fn union_tags(sources: &[&SourceEntry], notes: &mut TagNotes) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let starred = sources.iter().any(|e| e.starred).then(|| "starred".to_owned());
    for raw in sources.iter().flat_map(|e| e.tags.iter()).chain(starred.iter()) {
        match tags::normalise(raw) {
            Some(tag) => {
                if tag != *raw {
                    notes.renamed.insert(RenamedTag { from: raw.clone(), to: tag.clone() });
                }
                if !out.contains(&tag) {
                    out.push(tag);
                }
            }
            None => {
                notes.dropped.insert(raw.clone());
            }
        }
    }
    out
}

/// Keeps the first `MAX_TAGS` tags; the others come back as a line for the day's text
/// (`Tags: a, b`), so nothing is lost, and a warning names the day.
pub(crate) fn cap_tags(
    tags: &mut Vec<String>,
    date: NaiveDate,
    warnings: &mut Vec<String>,
) -> Option<String> {
    if tags.len() <= MAX_TAGS {
        return None;
    }
    let rest = tags.split_off(MAX_TAGS);
    warnings.push(format!(
        "{date}: {} tags, but an entry keeps at most {MAX_TAGS}, so these are written in the day's text instead: {}",
        MAX_TAGS + rest.len(),
        rest.join(", ")
    ));
    Some(format!("Tags: {}", rest.join(", ")))
}

/// The mean of whole-number moods, rounded to the nearest whole number with halves up.
fn mean(values: impl Iterator<Item = u8>) -> Option<u8> {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    // round(sum / n) with halves up, in integers: floor((2·sum + n) / 2n).
    (n > 0).then(|| u8::try_from((2 * sum + n) / (2 * n)).unwrap_or(u8::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn entry(time: &str, title: &str, body: &str, tags: &[&str], mood: Option<u8>) -> SourceEntry {
        SourceEntry {
            identity: format!("t:{time}{title}"),
            date: crate::tests::day("2026-12-04"),
            time: NaiveTime::parse_from_str(time, "%H:%M").ok(),
            title: title.into(),
            body: body.into(),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            starred: false,
            satisfaction: mood,
            unmapped: false,
        }
    }

    #[test]
    fn a_days_entries_merge_in_time_order_with_headings() {
        let evening = entry("20:30", "Review", "Went well.", &["Work Out", "team"], Some(9));
        let morning = entry("08:15", "", "Standup ran long.", &["team"], Some(7));
        let mut notes = TagNotes::default();
        let days = days(&[&evening, &morning], &mut notes);
        assert_eq!(days.len(), 1);
        assert_eq!(
            days[0].text,
            "### 08:15\n\nStandup ran long.\n\n### 20:30 · Review\n\nWent well."
        );
        assert_eq!(days[0].tags, vec!["team", "work-out"]);
        assert_eq!(days[0].satisfaction, Some(8));
        assert!(
            notes.renamed.contains(&RenamedTag { from: "Work Out".into(), to: "work-out".into() })
        );
    }

    #[test]
    fn tags_past_the_limit_become_a_line_of_text() {
        let date = crate::tests::day("2026-12-04");
        let mut warnings = Vec::new();
        let mut few: Vec<String> = vec!["a".into()];
        assert_eq!(cap_tags(&mut few, date, &mut warnings), None);
        let mut many: Vec<String> = (1..=34).map(|i| format!("t{i:02}")).collect();
        let line = cap_tags(&mut many, date, &mut warnings);
        assert_eq!(line.as_deref(), Some("Tags: t33, t34"));
        assert_eq!((many.len(), many[31].as_str()), (MAX_TAGS, "t32"));
        assert!(warnings[0].starts_with("2026-12-04: 34 tags"), "{warnings:?}");
    }

    #[test]
    fn mood_means_round_halves_up() {
        assert_eq!(mean([9, 7].into_iter()), Some(8));
        assert_eq!(mean([7, 8].into_iter()), Some(8));
        assert_eq!(mean([5, 6].into_iter()), Some(6));
        assert_eq!(mean([9, 5, 3].into_iter()), Some(6));
        assert_eq!(mean([1, 2, 2].into_iter()), Some(2));
        assert_eq!(mean(std::iter::empty()), None);
    }
}
