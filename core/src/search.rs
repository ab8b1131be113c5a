//! Full-text search (FTS5, inside the encrypted file) with filters on date, tags,
//! satisfaction and technical share.
//!
//! The user's words are never passed to FTS5 as query syntax: each word becomes a quoted prefix
//! term, so `post-mortem "x` searches for words instead of failing with a syntax error.

use rusqlite::types::Value;

use crate::entry::{DateRange, Entry};
use crate::error::{Error, Result};
use crate::field::Field;
use crate::journal::Journal;

/// What to look for. Every filter narrows; a day with a field not logged never matches a range
/// on that field.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Words to find in the text or tags (all of them, as word prefixes); empty = any entry.
    pub text: String,
    pub range: DateRange,
    /// Entries must carry every one of these tags.
    pub tags: Vec<String>,
    pub satisfaction: Option<(u8, u8)>,
    pub technical_share: Option<(u8, u8)>,
}

impl SearchQuery {
    fn validate(&self) -> Result<()> {
        check_range(Field::Satisfaction, self.satisfaction)?;
        check_range(Field::TechnicalShare, self.technical_share)
    }
}

fn check_range(field: Field, range: Option<(u8, u8)>) -> Result<()> {
    let (name, (lo, hi)) = (field.label(), field.range());
    if let Some((min, max)) = range {
        let (min, max) = (i64::from(min), i64::from(max));
        if min > max {
            return Err(Error::InvalidInput(format!(
                "the {name} range {min}–{max} runs backwards"
            )));
        }
        if min < lo || max > hi {
            return Err(Error::InvalidInput(format!("the {name} range must lie within {lo}–{hi}")));
        }
    }
    Ok(())
}

/// Turns typed words into an FTS5 query of quoted prefix terms, or `None` for no words.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// A piece of a snippet: words of the entry, and whether they are a searched word.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// An entry that matched, with the passage that shows why (empty when only filters matched).
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Found {
    pub entry: Entry,
    pub snippet: Vec<SnippetPart>,
}

/// The most results one `find` returns; the window asks for the next page as a person reads on.
pub const MAX_PAGE: usize = 500;

/// One page of the window's search: how many entries match in all, and the newest of them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SearchPage {
    #[ts(type = "number")]
    pub total: usize,
    pub results: Vec<Found>,
}

/// A tag in use and on how many days.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TagCount {
    pub tag: String,
    pub days: u32,
}

impl Journal {
    /// Every tag in use, most used first (for completion and filters).
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        let mut stmt = self.db().prepare_cached(
            "SELECT tag, count(*) AS days FROM entry_tags GROUP BY tag ORDER BY days DESC, tag",
        )?;
        let rows = stmt.query_map([], |r| Ok(TagCount { tag: r.get(0)?, days: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Entries matching the query, newest first.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<Entry>> {
        let (conditions, params) = conditions(query)?;
        let sql = format!(
            "SELECT {} FROM entries e WHERE {conditions} ORDER BY e.date DESC",
            crate::journal::ENTRY_COLUMNS
        );
        let mut stmt = self.db().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), crate::journal::from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The window's search: how many entries match, and the newest `limit` of them (at most
    /// [`MAX_PAGE`]) each with the passage of its text (or tags) around the searched words. The
    /// index is read once, for the matching days; only the page's entries are read whole.
    pub fn find(&self, query: &SearchQuery, limit: usize) -> Result<SearchPage> {
        let (conditions, params) = conditions(query)?;
        let mut stmt = self.db().prepare_cached(&format!(
            "SELECT e.id FROM entries e WHERE {conditions} ORDER BY e.date DESC"
        ))?;
        let ids = stmt
            .query_map(rusqlite::params_from_iter(params), |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let page = &ids[..ids.len().min(limit).min(MAX_PAGE)];
        let mut results = Vec::with_capacity(page.len());
        if !page.is_empty() {
            let marks = vec!["?"; page.len()].join(", ");
            let mut stmt = self.db().prepare(&format!(
                "SELECT {} FROM entries e WHERE e.id IN ({marks}) ORDER BY e.date DESC",
                crate::journal::ENTRY_COLUMNS
            ))?;
            let rows =
                stmt.query_map(rusqlite::params_from_iter(page), crate::journal::from_row)?;
            let terms = terms(&query.text);
            for entry in rows {
                let entry = entry?;
                let snippet = snippet(&entry, &terms);
                results.push(Found { entry, snippet });
            }
        }
        Ok(SearchPage { total: ids.len(), results })
    }
}

/// The typed words as the index reads them: lower case, split where `fts_query` splits.
fn terms(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How many words a passage shows, and how many of them come before the first match.
const PASSAGE_WORDS: usize = 24;
const WORDS_BEFORE: usize = 8;

/// The passage that shows why `entry` matched: the words around the first searched word of its
/// text, else of its tags, with every word that starts with a searched word marked. Empty when
/// no word matches as typed (the index also folds accents; the window then shows the first line).
fn snippet(entry: &Entry, terms: &[String]) -> Vec<SnippetPart> {
    if terms.is_empty() {
        return Vec::new();
    }
    let from_text = passage(&entry.text, terms);
    if !from_text.is_empty() {
        return from_text;
    }
    passage(&entry.tags.join(" "), terms)
}

fn passage(text: &str, terms: &[String]) -> Vec<SnippetPart> {
    // Words as byte ranges, in order.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let in_word = c.is_alphanumeric() || c == '_';
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, at));
                start = None;
            }
            _ => {}
        }
    }
    let hit = |&(from, to): &(usize, usize)| {
        let word = text[from..to].to_lowercase();
        terms.iter().any(|t| word.starts_with(t.as_str()))
    };
    let Some(first) = words.iter().position(hit) else { return Vec::new() };
    let end = (first.saturating_sub(WORDS_BEFORE) + PASSAGE_WORDS).min(words.len());
    let begin = end.saturating_sub(PASSAGE_WORDS);
    let mut parts = Vec::new();
    let mut plain = if begin > 0 { "…".to_owned() } else { String::new() };
    let mut at = words[begin].0;
    for word in &words[begin..end] {
        if hit(word) {
            plain.push_str(&text[at..word.0]);
            if !plain.is_empty() {
                parts.push(SnippetPart { text: std::mem::take(&mut plain), hit: false });
            }
            parts.push(SnippetPart { text: text[word.0..word.1].to_owned(), hit: true });
            at = word.1;
        }
    }
    plain.push_str(&text[at..words[end - 1].1]);
    if end < words.len() {
        plain.push('…');
    }
    if !plain.is_empty() {
        parts.push(SnippetPart { text: plain, hit: false });
    }
    for part in &mut parts {
        part.text = squash(&part.text);
    }
    parts
}

/// Runs of white space (line breaks too) as one space, so a passage reads as one line.
fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

/// The WHERE clause of a query over `entries e` and its parameters (numbered ?1, ?2, …).
fn conditions(query: &SearchQuery) -> Result<(String, Vec<Value>)> {
    query.validate()?;
    let (from, to) = query.range.bounds();
    let mut sql = "e.date BETWEEN ?1 AND ?2".to_owned();
    let mut params: Vec<Value> = vec![Value::Text(from), Value::Text(to)];
    let mut bind = |sql: &mut String, clause: &str, value: Value| {
        params.push(value);
        sql.push_str(&clause.replace('?', &format!("?{}", params.len())));
    };
    if let Some(fts) = fts_query(&query.text) {
        bind(
            &mut sql,
            " AND e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)",
            Value::Text(fts),
        );
    }
    for tag in &query.tags {
        bind(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = ?)",
            Value::Text(tag.clone()),
        );
    }
    if let Some((min, max)) = query.satisfaction {
        bind(&mut sql, " AND e.satisfaction >= ?", Value::Integer(min.into()));
        bind(&mut sql, " AND e.satisfaction <= ?", Value::Integer(max.into()));
    }
    if let Some((min, max)) = query.technical_share {
        bind(&mut sql, " AND e.technical_share >= ?", Value::Integer(min.into()));
        bind(&mut sql, " AND e.technical_share <= ?", Value::Integer(max.into()));
    }
    Ok((sql, params))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::tests::new_journal;
    use crate::tests::{day, now};

    fn entry(date: &str, sat: Option<u8>, tech: Option<u8>, tags: &[&str], text: &str) -> Entry {
        let mut e = Entry::empty(day(date));
        e.satisfaction = sat;
        e.technical_share = tech;
        e.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        e.text = text.to_owned();
        e
    }

    fn dates(found: Vec<Entry>) -> Vec<String> {
        found.into_iter().map(|e| crate::entry::day_text(e.date)).collect()
    }

    #[test]
    fn words_tags_and_ranges_narrow_the_result() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        for e in [
            entry("2026-01-01", Some(8), Some(70), &["deep-work"], "Refactored the scheduler."),
            entry(
                "2026-01-02",
                Some(4),
                Some(10),
                &["incident", "1on1"],
                "Postmortem of the outage.",
            ),
            entry("2026-01-03", None, None, &["incident"], "Another postmortem, calmer."),
        ] {
            j.save(&e, now()).expect("save");
        }
        let q = |text: &str| SearchQuery { text: text.into(), ..SearchQuery::default() };
        assert_eq!(
            dates(j.search(&q("postmortem")).expect("search")),
            ["2026-01-03", "2026-01-02"]
        );
        assert_eq!(dates(j.search(&q("post")).expect("prefix")), ["2026-01-03", "2026-01-02"]);
        assert_eq!(dates(j.search(&q("SCHEDULER")).expect("case")), ["2026-01-01"]);
        assert_eq!(dates(j.search(&q("deep")).expect("tags are indexed")), ["2026-01-01"]);
        assert!(j.search(&q("\"unbalanced AND (")).expect("syntax is not an error").is_empty());

        let mut by_tag = q("");
        by_tag.tags = vec!["incident".into(), "1on1".into()];
        assert_eq!(dates(j.search(&by_tag).expect("tags")), ["2026-01-02"]);

        let mut by_sat = q("postmortem");
        by_sat.satisfaction = Some((1, 5));
        assert_eq!(
            dates(j.search(&by_sat).expect("sat")),
            ["2026-01-02"],
            "not logged never matches"
        );

        let mut by_tech = q("");
        by_tech.technical_share = Some((50, 100));
        assert_eq!(dates(j.search(&by_tech).expect("tech")), ["2026-01-01"]);

        let mut by_date = q("postmortem");
        by_date.range = DateRange::new(Some(day("2026-01-03")), None).expect("range");
        assert_eq!(dates(j.search(&by_date).expect("date")), ["2026-01-03"]);
    }

    #[test]
    fn found_entries_say_why_they_matched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        let long = format!(
            "{} The postmortem went well. {}",
            "Filler words. ".repeat(40),
            "More. ".repeat(40)
        );
        j.save(&entry("2026-01-01", Some(5), None, &["incident"], &long), now()).expect("save");
        j.save(&entry("2026-01-02", Some(5), None, &["postmortems"], "A quiet day."), now())
            .expect("save");
        j.save(&entry("2026-01-03", Some(5), None, &[], "Nothing of note."), now()).expect("save");
        let q = SearchQuery { text: "Postmortem".into(), ..SearchQuery::default() };
        let page = j.find(&q, 100).expect("find");
        assert_eq!(page.total, 2);
        let found = page.results;
        assert_eq!(found.len(), 2);
        let by_tag = &found[0];
        assert_eq!(crate::entry::day_text(by_tag.entry.date), "2026-01-02");
        assert!(
            by_tag.snippet.iter().any(|p| p.hit && p.text == "postmortems"),
            "{:?}",
            by_tag.snippet
        );
        let in_text = &found[1];
        let hits: Vec<&str> =
            in_text.snippet.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
        assert_eq!(hits, ["postmortem"]);
        let shown: String = in_text.snippet.iter().map(|p| p.text.as_str()).collect();
        assert!(
            shown.contains("The postmortem went well") && shown.len() < long.len() / 2,
            "{shown}"
        );
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");

        let filters_only = SearchQuery { tags: vec!["incident".into()], ..SearchQuery::default() };
        assert!(j.find(&filters_only, 100).expect("find").results[0].snippet.is_empty());
    }

    #[test]
    fn a_page_counts_every_match_and_holds_the_newest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        for d in 1..=9 {
            let text = if d % 3 == 0 { "Quiet." } else { "A postmortem today." };
            j.save(&entry(&format!("2026-02-0{d}"), Some(5), None, &[], text), now())
                .expect("save");
        }
        let q = SearchQuery { text: "postmortem".into(), ..SearchQuery::default() };
        let page = j.find(&q, 2).expect("find");
        assert_eq!(page.total, 6, "every match is counted");
        let shown: Vec<String> =
            page.results.iter().map(|f| crate::entry::day_text(f.entry.date)).collect();
        assert_eq!(shown, ["2026-02-08", "2026-02-07"], "the newest two");
        assert!(page.results.iter().all(|f| f.snippet.iter().any(|p| p.hit)), "each is marked");
        let all = j.find(&q, usize::MAX).expect("find");
        assert_eq!(all.results.len(), 6, "a limit past the page size is capped, not an error");
        let none = SearchQuery { text: "nowhere".into(), ..SearchQuery::default() };
        assert_eq!(j.find(&none, 10).expect("find"), SearchPage { total: 0, results: vec![] });
    }

    #[test]
    fn a_passage_marks_every_searched_word_and_reads_as_one_line() {
        let terms = terms("Post mortem");
        let text = format!(
            "{}The postmortem\n\nwent well; the MORTEMS too. {}",
            "Words. ".repeat(20),
            "More. ".repeat(30)
        );
        let parts = passage(&text, &terms);
        let shown: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.contains("The postmortem went well; the MORTEMS too."), "{shown}");
        let hits: Vec<&str> = parts.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
        assert_eq!(hits, ["postmortem", "MORTEMS"]);
        assert_eq!(shown.split_whitespace().count(), PASSAGE_WORDS, "{shown}");
        assert!(passage("nothing here", &terms).is_empty());
        assert!(passage("", &terms).is_empty());
        let short = passage("Post-it notes", &terms);
        assert_eq!(
            short.iter().map(|p| (p.text.as_str(), p.hit)).collect::<Vec<_>>(),
            [("Post", true), ("-it notes", false)]
        );
    }

    #[test]
    fn tags_are_counted_by_days() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        j.save(&entry("2026-01-01", None, None, &["b", "a"], ""), now()).expect("save");
        j.save(&entry("2026-01-02", None, None, &["b"], ""), now()).expect("save");
        let tags = j.tags().expect("tags");
        assert_eq!(
            tags,
            [TagCount { tag: "b".into(), days: 2 }, TagCount { tag: "a".into(), days: 1 }]
        );
    }

    #[test]
    fn edits_and_deletes_reach_the_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        let mut e = entry("2026-01-01", None, None, &[], "alpha");
        j.save(&e, now()).expect("save");
        e.text = "beta".into();
        j.save(&e, now()).expect("update");
        let q = |t: &str| SearchQuery { text: t.into(), ..SearchQuery::default() };
        assert!(j.search(&q("alpha")).expect("old word").is_empty());
        assert_eq!(j.search(&q("beta")).expect("new word").len(), 1);
        j.delete(e.date).expect("delete");
        assert!(j.search(&q("beta")).expect("deleted").is_empty());
    }

    #[test]
    fn backwards_or_out_of_scale_ranges_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let j = new_journal(dir.path()).journal;
        let q = SearchQuery { satisfaction: Some((8, 3)), ..SearchQuery::default() };
        assert_eq!(j.search(&q).err().map(|e| e.kind()), Some(crate::ErrorKind::InvalidInput));
        let q = SearchQuery { technical_share: Some((0, 101)), ..SearchQuery::default() };
        assert_eq!(j.search(&q).err().map(|e| e.kind()), Some(crate::ErrorKind::InvalidInput));
    }
}
