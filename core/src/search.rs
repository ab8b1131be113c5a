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

// FTS5 marks the matched words with these (private-use characters, stripped from the text).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Splits FTS5 `snippet()` output at the markers into plain and matched parts.
fn snippet_parts(marked: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut rest = marked;
    while let Some(start) = rest.find(OPEN) {
        if start > 0 {
            parts.push(SnippetPart { text: rest[..start].to_owned(), hit: false });
        }
        let after = &rest[start + OPEN.len_utf8()..];
        let end = after.find(CLOSE).unwrap_or(after.len());
        parts.push(SnippetPart { text: after[..end].to_owned(), hit: true });
        rest = after.get(end + CLOSE.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        parts.push(SnippetPart { text: rest.to_owned(), hit: false });
    }
    parts.retain(|p| !p.text.is_empty());
    for part in &mut parts {
        part.text.retain(|c| c != OPEN && c != CLOSE);
    }
    parts
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
    /// [`MAX_PAGE`]) each with the passage of its text (or tags) around the searched words. Only
    /// what is shown is read and marked, so a word in thousands of entries costs little more
    /// than a rare one.
    pub fn find(&self, query: &SearchQuery, limit: usize) -> Result<SearchPage> {
        let (conditions, params) = conditions(query)?;
        let total: i64 = self
            .db()
            .prepare_cached(&format!("SELECT count(*) FROM entries e WHERE {conditions}"))?
            .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?;
        let sql = format!(
            "SELECT {}, e.id FROM entries e WHERE {conditions} ORDER BY e.date DESC LIMIT {}",
            crate::journal::ENTRY_COLUMNS,
            limit.min(MAX_PAGE)
        );
        let mut stmt = self.db().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            Ok((crate::journal::from_row(r)?, r.get::<_, i64>(10)?))
        })?;
        let shown = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let fts = fts_query(&query.text);
        let mut results = Vec::with_capacity(shown.len());
        for (entry, id) in shown {
            let snippet = match &fts {
                Some(fts) => self.snippet(fts, id)?,
                None => Vec::new(),
            };
            results.push(Found { entry, snippet });
        }
        Ok(SearchPage { total: usize::try_from(total).unwrap_or_default(), results })
    }

    /// The passage of one entry around the searched words (a rowid lookup in the index).
    fn snippet(&self, fts: &str, id: i64) -> Result<Vec<SnippetPart>> {
        let mut stmt = self.db().prepare_cached(
            "SELECT snippet(entries_fts, -1, ?2, ?3, '…', 24) FROM entries_fts
             WHERE entries_fts MATCH ?1 AND rowid = ?4",
        )?;
        let mut rows =
            stmt.query(rusqlite::params![fts, OPEN.to_string(), CLOSE.to_string(), id])?;
        match rows.next()? {
            Some(row) => Ok(snippet_parts(&row.get::<_, String>(0)?)),
            None => Ok(Vec::new()),
        }
    }
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
    fn snippet_markers_split_into_parts_and_never_leak() {
        let parts = snippet_parts("…a \u{E000}b\u{E001} c \u{E000}d\u{E001}");
        let texts: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.hit)).collect();
        assert_eq!(texts, [("…a ", false), ("b", true), (" c ", false), ("d", true)]);
        let unclosed = snippet_parts("x \u{E000}y");
        assert_eq!(unclosed.last().map(|p| (p.text.as_str(), p.hit)), Some(("y", true)));
        assert!(snippet_parts("\u{E001}z").iter().all(|p| !p.text.contains('\u{E001}')));
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
