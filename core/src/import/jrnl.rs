//! jrnl's journals: the JSON export, the plain-text journal file, and folder journals
//! (`YYYY/MM/DD.txt`).
//!
//! In plain text an entry starts at a line `[<timestamp>] <title>` (or `YYYY-MM-DD HH:MM
//! Title`, jrnl 1.x); everything up to the next such line is its body. Timestamps follow the
//! person's `timeformat`, so several are tried, and a body line that starts with `[` but holds
//! no date stays in the body. A title ending in `*` is starred; `@word` is a tag.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::Value;

use super::detect::Input;
use super::{ImportFormat, ImportOptions, Source, SourceEntry, invalid};
use crate::error::Result;

/// jrnl's default `timeformat` and the others seen in real journals, tried in this order.
const FORMATS: [&str; 4] =
    ["%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M %p"];

pub(crate) fn read(input: &Input, options: &ImportOptions) -> Result<Source> {
    let reader = Reader::new(options);
    let mut source = Source::new(ImportFormat::Jrnl);
    match input {
        Input::Text { name, text } if text.trim_start().starts_with('{') => {
            read_json(name, text, &reader, &mut source)?;
        }
        Input::Text { name, text } => reader.read_text(name, text, &mut source)?,
        Input::Folder { name, files } => {
            for (path, text) in files {
                let what = format!("{} in {name}", path.display());
                reader.read_text(&what, text, &mut source)?;
            }
        }
        Input::Zip { name, .. } => {
            return Err(invalid(format!(
                "{name} is a zip archive; a jrnl journal is text or JSON"
            )));
        }
    }
    Ok(source)
}

/// Whether the first line with text starts a jrnl entry, or would with its own timeformat
/// (for telling the format; reading it then names the line if the format is unusual).
pub(crate) fn looks_like_jrnl(text: &str) -> bool {
    let reader = Reader::new(&ImportOptions::default());
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|line| matches!(reader.start(line), Start::Entry(..) | Start::Bad(..)))
}

struct Reader {
    formats: Vec<String>,
    prefix: String,
    skip_bad: bool,
}

/// What a line is.
enum Start<'a> {
    Entry(NaiveDateTime, &'a str),
    /// Looks like a timestamp but is none (`[2026-13-45 10:00]`).
    Bad(&'a str),
    Body,
}

impl Reader {
    fn new(options: &ImportOptions) -> Self {
        let mut formats: Vec<String> = options.time_format.iter().cloned().collect();
        formats.extend(FORMATS.iter().map(|f| (*f).to_owned()));
        let prefix = options.tag_prefix.clone().filter(|p| !p.is_empty()).unwrap_or("@".into());
        Reader { formats, prefix, skip_bad: options.skip_bad }
    }

    fn stamp(&self, text: &str) -> Option<NaiveDateTime> {
        let text = text.trim();
        self.formats.iter().find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    }

    fn start<'a>(&self, line: &'a str) -> Start<'a> {
        if let Some(inner) = line.strip_prefix('[')
            && let Some(end) = inner.find(']')
        {
            let (stamp, title) = (&inner[..end], &inner[end + 1..]);
            return match self.stamp(stamp) {
                Some(at) => Start::Entry(at, title.trim()),
                None if looks_like_a_date(stamp) => Start::Bad(stamp),
                None => Start::Body,
            };
        }
        // jrnl 1.x: `2012-03-29 09:00 Title`, no brackets.
        if let Some(stamp) = line.get(..16)
            && line[16..].chars().next().is_none_or(char::is_whitespace)
            && looks_like_a_date(stamp)
        {
            return match NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M") {
                Ok(at) => Start::Entry(at, line[16..].trim()),
                Err(_) => Start::Bad(stamp),
            };
        }
        Start::Body
    }

    fn read_text(&self, name: &str, text: &str, source: &mut Source) -> Result<()> {
        let mut current: Option<(NaiveDateTime, String, Vec<&str>)> = None;
        for (index, line) in text.lines().enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            match self.start(line) {
                Start::Entry(at, title) => {
                    if let Some(done) = current.take() {
                        self.finish(done, source);
                    }
                    current = Some((at, title.to_owned(), Vec::new()));
                }
                Start::Bad(stamp) if self.skip_bad => {
                    source.skipped += 1;
                    source.warnings.push(format!(
                        "{name} line {}: skipped, {stamp:?} is not a timestamp this import reads",
                        index + 1
                    ));
                }
                Start::Bad(stamp) => {
                    return Err(invalid(format!(
                        "{name} line {}: {stamp:?} is not a timestamp this import reads; give the journal's timeformat with --time-format (e.g. \"%d.%m.%Y %H:%M\"), or --skip-bad to leave such lines out",
                        index + 1
                    )));
                }
                Start::Body => match current.as_mut() {
                    Some((_, _, body)) => body.push(line),
                    None if line.trim().is_empty() => {}
                    None => {
                        return Err(invalid(format!(
                            "{name} line {}: text before the first entry; a jrnl entry starts with a line like \"[2024-03-08 18:30] Title\"",
                            index + 1
                        )));
                    }
                },
            }
        }
        if let Some(done) = current {
            self.finish(done, source);
        }
        Ok(())
    }

    fn finish(&self, (at, title, body): (NaiveDateTime, String, Vec<&str>), source: &mut Source) {
        let body = body.join("\n").trim().to_owned();
        let (title, starred) = match title.strip_suffix('*') {
            Some(rest) => (rest.trim_end().to_owned(), true),
            None => (title, false),
        };
        let tags = self.tags(&format!("{title}\n{body}"));
        source.push(self.entry(at.date(), Some(at.time()), title, body, tags, starred));
    }

    fn entry(
        &self,
        date: NaiveDate,
        time: Option<NaiveTime>,
        title: String,
        body: String,
        tags: Vec<String>,
        starred: bool,
    ) -> SourceEntry {
        let stamp =
            format!("{date} {}", time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default());
        SourceEntry {
            identity: super::identity(ImportFormat::Jrnl, &[&stamp, &title, &body]),
            date,
            time,
            title,
            body,
            tags,
            starred,
            satisfaction: None,
            unmapped: false,
        }
    }

    /// `@word` tags in the text: the prefix at the start or after a space, then letters,
    /// digits, `_` and `-` (jrnl's own rule).
    fn tags(&self, text: &str) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            let Some(rest) = word.strip_prefix(self.prefix.as_str()) else { continue };
            let tag: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            let tag = tag.trim_end_matches('-');
            if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                tags.push(tag.to_owned());
            }
        }
        tags
    }
}

/// A bracket that holds something date-like: starts with a digit, only digits, separators and
/// AM/PM, long enough to be a date.
fn looks_like_a_date(text: &str) -> bool {
    let text = text.trim();
    text.len() >= 8
        && text.starts_with(|c: char| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || " -./:,TtAaPpMm".contains(c))
}

fn read_json(name: &str, text: &str, reader: &Reader, source: &mut Source) -> Result<()> {
    let root: Value = serde_json::from_str(text)
        .map_err(|e| invalid(format!("{name} is not valid JSON (is the export complete?): {e}")))?;
    let Some(Value::Array(entries)) = root.get("entries") else {
        return Err(invalid(format!("{name} has no \"entries\" list; is it a jrnl export?")));
    };
    for (index, item) in entries.iter().enumerate() {
        let n = index + 1;
        let text_of = |key: &str| item.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
        let (date, time) = (text_of("date"), text_of("time"));
        let date = crate::entry::parse_date(&date)
            .map_err(|_| invalid(format!("{name}: entry {n}: date {date:?} is not YYYY-MM-DD")))?;
        let time = match time.trim() {
            "" => None,
            t => Some(
                NaiveTime::parse_from_str(t, "%H:%M")
                    .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
                    .map_err(|_| invalid(format!("{name}: entry {n}: time {t:?} is not HH:MM")))?,
            ),
        };
        let (title, body) = (text_of("title"), text_of("body").trim().to_owned());
        let prefix = reader.prefix.as_str();
        let tags = match item.get("tags").and_then(Value::as_array) {
            Some(listed) => listed
                .iter()
                .filter_map(Value::as_str)
                .map(|t| t.strip_prefix(prefix).unwrap_or(t).to_owned())
                .collect(),
            // Older exports list tags only for the whole journal: read them from the text.
            None => reader.tags(&format!("{title}\n{body}")),
        };
        let starred = item.get("starred").and_then(Value::as_bool).unwrap_or(false);
        source.push(reader.entry(date, time, title, body, tags, starred));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str, options: &ImportOptions) -> Result<Source> {
        let reader = Reader::new(options);
        let mut source = Source::new(ImportFormat::Jrnl);
        reader.read_text("journal.txt", text, &mut source)?;
        Ok(source)
    }

    #[test]
    fn every_timestamp_style_starts_an_entry_and_bodies_keep_bracket_lines() {
        let text = "[2024-03-08 18:30] Planning day. @team\nBody line\n[x] a checkbox stays\n\n\
                    [2024-03-07 09:15:00 AM] Morning *\nquiet\n\n\
                    2012-03-29 09:00 Called in sick.\nUsed the time.\n";
        let source = read_text(text, &ImportOptions::default()).expect("read");
        assert_eq!(source.entries.len(), 3);
        let first = &source.entries[0];
        assert_eq!(first.date.to_string(), "2024-03-08");
        assert_eq!(first.body, "Body line\n[x] a checkbox stays");
        assert_eq!(first.tags, vec!["team"]);
        let second = &source.entries[1];
        assert!(second.starred);
        assert_eq!(second.title, "Morning");
        assert_eq!(second.time.map(|t| t.to_string()).as_deref(), Some("09:15:00"));
        assert_eq!(source.entries[2].date.to_string(), "2012-03-29");
    }

    #[test]
    fn an_unreadable_timestamp_is_refused_by_line_or_skipped_on_request() {
        let text = "[2024-03-08 18:30] One\n\n[2024-13-45 10:00] Two\nbody\n";
        let err = read_text(text, &ImportOptions::default()).expect_err("bad stamp");
        assert!(err.to_string().starts_with("journal.txt line 3:"), "{err}");
        let skip = ImportOptions { skip_bad: true, ..ImportOptions::default() };
        let source = read_text(text, &skip).expect("skipped");
        assert_eq!(source.skipped, 1);
        assert!(source.warnings[0].contains("line 3"));
        // The skipped line's body stays with the entry before: nothing is lost.
        assert_eq!(source.entries[0].body, "body");
    }

    #[test]
    fn a_day_first_time_format_is_read_when_named() {
        let text = "[05.12.2026 18:30] Abend\nText\n";
        assert!(read_text(text, &ImportOptions::default()).is_err());
        let options = ImportOptions {
            time_format: Some("%d.%m.%Y %H:%M".into()),
            ..ImportOptions::default()
        };
        let source = read_text(text, &options).expect("day first");
        assert_eq!(source.entries[0].date.to_string(), "2026-12-05");
    }
}
