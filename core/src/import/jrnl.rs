//! jrnl's journals: the JSON export, the plain-text journal file, and folder journals
//! (`YYYY/MM/DD.txt`, whose path gives the date, as in jrnl).
//!
//! In plain text an entry starts at a line `[<timestamp>] <title>` (or `YYYY-MM-DD HH:MM
//! Title`, jrnl 1.x); everything up to the next such line is its body. Timestamps follow the
//! person's `timeformat`, so several are tried. A body line that starts with `[` but holds no
//! timestamp (`[1]`, `[x]`, `[9:30]`) stays in the body; one that looks like a timestamp but
//! is none (`[2024-02-30 10:00]`) refuses the file, or with `skip_bad` is left out together
//! with its body and reported. A title ending in ` *` is starred; tags follow jrnl's own
//! pattern `(?<!\S)@[-+*#/\w]+`. Encrypted journals are refused: jrnl has to decrypt them.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::Value;

use super::detect::Input;
use super::{ImportFormat, ImportOptions, Source, SourceEntry, invalid};
use crate::error::Result;

/// jrnl's default `timeformat` and the others seen in real journals, tried in this order.
const FORMATS: [&str; 4] =
    ["%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M %p"];

/// jrnl 1.x's header without brackets: `2012-03-29 09:00 Title`.
const LEGACY: &str = "%Y-%m-%d %H:%M";

pub(crate) fn read(input: &Input, options: &ImportOptions) -> Result<Source> {
    let reader = Reader::new(options);
    let mut source = Source::new(ImportFormat::Jrnl);
    match input {
        Input::Text { name, text } if text.trim_start().starts_with('{') => {
            read_json(name, text, &reader, &mut source)?;
        }
        Input::Text { name, text } => reader.read_text(name, text, None, &mut source)?,
        Input::Folder { name, files } => {
            for (path, text) in files {
                let what = format!("{} in {name}", path.display());
                reader.read_text(&what, text, path_date(path), &mut source)?;
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

/// Whether `bytes` are a jrnl journal that jrnl encrypted: jrnl 1.x wrote AES blocks (no
/// text, a whole number of 16-byte blocks), jrnl 2 one Fernet token (`gAAAAA…`), jrnl 4 a
/// `JRNLv3` mark before it.
pub(crate) fn encrypted(bytes: &[u8]) -> bool {
    let text = bytes.trim_ascii();
    let token = |t: &[u8]| t.iter().all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(b));
    text.starts_with(b"JRNLv3")
        || (text.starts_with(b"gAAAAA") && token(text))
        || (std::str::from_utf8(bytes).is_err()
            && bytes.len() >= 32
            && bytes.len().is_multiple_of(16))
}

/// The refusal for an encrypted journal.
pub(crate) fn encrypted_error(name: &str) -> crate::error::Error {
    invalid(format!(
        "{name} is an encrypted jrnl journal; decrypt it first with `jrnl --decrypt` (or export it with `jrnl --format json`) and import that"
    ))
}

/// The day a folder journal's file is for: `YYYY/MM/DD.txt`.
fn path_date(path: &Path) -> Option<NaiveDate> {
    let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
    let [year, month, day] = parts.as_slice() else { return None };
    let day = day.strip_suffix(".txt")?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// Whether the first line with text starts a jrnl entry, or is shaped like one (`[…] Title`)
/// with a timestamp this import cannot read (for telling the format; reading it then names
/// the line).
pub(crate) fn looks_like_jrnl(text: &str) -> bool {
    let reader = Reader::new(&ImportOptions::default());
    text.lines().find(|l| !l.trim().is_empty()).is_some_and(|line| {
        matches!(reader.start(line), Start::Entry(..) | Start::Bad(..))
            || line.strip_prefix('[').is_some_and(|rest| rest.contains("] "))
    })
}

struct Reader {
    /// Formats of a bracketed timestamp, tried in order.
    formats: Vec<String>,
    /// Formats of an unbracketed (jrnl 1.x) timestamp.
    legacy: Vec<String>,
    /// The characters that start a tag (jrnl's `tagsymbols`, `@` unless told).
    symbols: Vec<char>,
    skip_bad: bool,
}

/// What a line is.
enum Start<'a> {
    Entry(NaiveDateTime, &'a str),
    /// Looks like a timestamp but is none (`[2026-13-45 10:00]`).
    Bad(&'a str),
    Body,
}

/// An entry whose body is still being read.
struct Open<'a> {
    line: usize,
    at: NaiveDateTime,
    title: String,
    body: Vec<&'a str>,
}

/// A bad header being skipped with its body: its timestamp, first and last line with text.
struct Skipped {
    stamp: String,
    from: usize,
    to: usize,
}

impl Reader {
    fn new(options: &ImportOptions) -> Self {
        let mut formats: Vec<String> = options.time_format.iter().cloned().collect();
        let mut legacy = formats.clone();
        formats.extend(FORMATS.iter().map(|f| (*f).to_owned()));
        legacy.push(LEGACY.to_owned());
        let prefix = options.tag_prefix.as_deref().map(str::trim).filter(|p| !p.is_empty());
        let symbols = prefix.unwrap_or("@").chars().collect();
        Reader { formats, legacy, symbols, skip_bad: options.skip_bad }
    }

    fn stamp(&self, text: &str) -> Option<NaiveDateTime> {
        let text = text.trim();
        self.formats.iter().find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    }

    /// An unbracketed header: the longest timestamp the line starts with, then a space.
    fn legacy<'a>(&self, line: &'a str) -> Option<(NaiveDateTime, &'a str)> {
        if line.starts_with(char::is_whitespace) {
            return None;
        }
        self.legacy
            .iter()
            .filter_map(|f| NaiveDateTime::parse_and_remainder(line, f).ok())
            .filter(|(_, rest)| rest.is_empty() || rest.starts_with(char::is_whitespace))
            .min_by_key(|(_, rest)| rest.len())
    }

    fn start<'a>(&self, line: &'a str) -> Start<'a> {
        if let Some(inner) = line.strip_prefix('[')
            && let Some(end) = inner.find(']')
        {
            let (stamp, title) = (inner[..end].trim(), &inner[end + 1..]);
            return match self.stamp(stamp) {
                Some(at) => Start::Entry(at, title.trim()),
                None if timestamp_like(stamp).is_some() => Start::Bad(stamp),
                None => Start::Body,
            };
        }
        if let Some((at, title)) = self.legacy(line) {
            return Start::Entry(at, title.trim());
        }
        match timestamp_like(line) {
            Some(len) if line[len..].chars().next().is_none_or(char::is_whitespace) => {
                Start::Bad(&line[..len])
            }
            _ => Start::Body,
        }
    }

    /// Reads a journal file; `day` is the date its path gives (folder journals), which wins
    /// over the headers' dates as it does in jrnl.
    fn read_text<'a>(
        &self,
        name: &str,
        text: &'a str,
        day: Option<NaiveDate>,
        source: &mut Source,
    ) -> Result<()> {
        let mut open: Option<Open<'a>> = None;
        let mut skipped: Option<Skipped> = None;
        for (index, line) in text.lines().enumerate() {
            let n = index + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            let start = self.start(line);
            if matches!(start, Start::Entry(..) | Start::Bad(_)) {
                self.close(name, day, open.take(), skipped.take(), source);
            }
            match start {
                Start::Entry(at, title) => {
                    open = Some(Open { line: n, at, title: title.to_owned(), body: Vec::new() });
                }
                Start::Bad(stamp) if self.skip_bad => {
                    skipped = Some(Skipped { stamp: stamp.to_owned(), from: n, to: n });
                }
                Start::Bad(stamp) => {
                    return Err(invalid(format!(
                        "{name} line {n}: {stamp:?} is not a timestamp this import reads; give the journal's date format (jrnl's timeformat, e.g. \"%d.%m.%Y %H:%M\"), or choose to skip such entries"
                    )));
                }
                Start::Body => {
                    if let Some(skip) = skipped.as_mut() {
                        if !line.trim().is_empty() {
                            skip.to = n;
                        }
                    } else if let Some(entry) = open.as_mut() {
                        entry.body.push(line);
                    } else if !line.trim().is_empty() {
                        return Err(invalid(format!(
                            "{name} line {n}: text before the first entry; a jrnl entry starts with a line like \"[2024-03-08 18:30] Title\" (a journal with another date format: give it, e.g. \"%d.%m.%Y %H:%M\")"
                        )));
                    }
                }
            }
        }
        self.close(name, day, open, skipped, source);
        Ok(())
    }

    /// Ends the entry being read, or reports the bad header being skipped.
    fn close(
        &self,
        name: &str,
        day: Option<NaiveDate>,
        open: Option<Open<'_>>,
        skipped: Option<Skipped>,
        source: &mut Source,
    ) {
        if let Some(Skipped { stamp, from, to }) = skipped {
            let what = if to > from {
                format!("lines {from}–{to} (the entry and its text) were left out")
            } else {
                "the line was left out".to_owned()
            };
            source.skip(format!(
                "{name} line {from}: {stamp:?} is not a timestamp this import reads, so {what}"
            ));
        }
        let Some(Open { line, at, title, body }) = open else { return };
        let mut date = at.date();
        if let Some(day) = day
            && day != date
        {
            source.warnings.push(format!(
                "{name} line {line}: the entry says {date} but its file is for {day}; dated {day}, as jrnl does"
            ));
            date = day;
        }
        let body = body.join("\n").trim().to_owned();
        let (title, starred) = star(&title);
        let tags = self.tags(&format!("{title}\n{body}"));
        source.push(self.entry(date, Some(at.time()), title.to_owned(), body, tags, starred));
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

    /// Tags in the text, by jrnl's pattern `(?<!\S)@[-+*#/\w]+`: a tag symbol at the start
    /// or after white space, then letters, digits and `_-+*#/` (the symbol is not kept).
    fn tags(&self, text: &str) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            let Some(rest) = word.strip_prefix(|c: char| self.symbols.contains(&c)) else {
                continue;
            };
            let tag: String =
                rest.chars().take_while(|c| c.is_alphanumeric() || "_-+*#/".contains(*c)).collect();
            if !tag.is_empty() && !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
                tags.push(tag);
            }
        }
        tags
    }

    /// A tag as jrnl's JSON export lists it, without its symbol.
    fn strip_symbol<'t>(&self, tag: &'t str) -> &'t str {
        tag.strip_prefix(|c: char| self.symbols.contains(&c)).unwrap_or(tag)
    }
}

/// A title that ends in ` *` (or is just `*`) is starred; the star is not part of the title.
/// `Rated it 5*` is not starred.
fn star(title: &str) -> (&str, bool) {
    let title = title.trim();
    match title.strip_suffix('*') {
        Some("") => ("", true),
        Some(rest) if rest.ends_with(char::is_whitespace) => (rest.trim_end(), true),
        _ => (title, false),
    }
}

/// The length of a start of `text` that looks like a timestamp without being told the format:
/// `\d{1,4}[-./]\d{1,2}([-./]\d{1,4})? +\d{1,2}:\d{2}`.
fn timestamp_like(text: &str) -> Option<usize> {
    fn digits(b: &[u8], i: &mut usize, min: usize, max: usize) -> bool {
        let from = *i;
        while *i < b.len() && *i - from < max && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - from >= min
    }
    let sep = |c: u8| matches!(c, b'-' | b'.' | b'/');
    let b = text.as_bytes();
    let mut i = 0;
    if !digits(b, &mut i, 1, 4) || !b.get(i).copied().is_some_and(sep) {
        return None;
    }
    i += 1;
    if !digits(b, &mut i, 1, 2) {
        return None;
    }
    if b.get(i).copied().is_some_and(sep) {
        i += 1;
        if !digits(b, &mut i, 1, 4) {
            return None;
        }
    }
    let spaces = i;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    if i == spaces || !digits(b, &mut i, 1, 2) || b.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    digits(b, &mut i, 2, 2).then_some(i)
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
        let tags = match item.get("tags").and_then(Value::as_array) {
            Some(listed) => listed
                .iter()
                .filter_map(Value::as_str)
                .map(|t| reader.strip_symbol(t).to_owned())
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
        reader.read_text("journal.txt", text, None, &mut source)?;
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
        assert_eq!((source.source_entries, source.skipped), (2, 1));
        assert!(source.warnings[0].contains("line 3:"), "{:?}", source.warnings);
        assert!(source.warnings[0].contains("lines 3–4"), "{:?}", source.warnings);
        // The body has no date of its own: it goes with its header, not onto the day before.
        assert_eq!(source.entries[0].body, "");
    }

    #[test]
    fn only_timestamp_like_brackets_are_bad_headers() {
        for bad in ["2024-02-30 10:00", "2019-07 14:23", "10.06.2010 15:00", "2024/2/3  9:61"] {
            assert!(timestamp_like(bad).is_some(), "{bad}");
        }
        for body in ["1", "x", "9:30", "1.5 hours", "2024 budget", "Q2 goals", "2024-01-01"] {
            assert_eq!(timestamp_like(body), None, "{body}");
        }
    }

    #[test]
    fn stars_and_tags_follow_jrnl() {
        assert_eq!(star("Big win *"), ("Big win", true));
        assert_eq!(star("*"), ("", true));
        assert_eq!(star("Rated it 5*"), ("Rated it 5*", false));
        let reader = Reader::new(&ImportOptions::default());
        assert_eq!(
            reader.tags("@OS/2. @C++, (@no) a@b.c @Alice @alice @ @x-y_z!"),
            vec!["OS/2", "C++", "Alice", "x-y_z"]
        );
        let hash =
            Reader::new(&ImportOptions { tag_prefix: Some("#".into()), ..Default::default() });
        assert_eq!(hash.tags("#work @mention # heading"), vec!["work"]);
    }

    #[test]
    fn encrypted_journals_are_recognised() {
        assert!(encrypted(b"gAAAAABVIHB7tnwKExG7aC5ZbAbBL9SG2oY2GENeoOJ22i1PZ==\n"));
        assert!(encrypted(b"JRNLv3\x000eyJzYWx0IjoiQldrLUU0YWZvQnB6VGx2SThkbENYQT09In0=gAAAAA"));
        assert!(encrypted(&[0xc3, 0x73, 0xd3, 0x3a].repeat(8)));
        assert!(!encrypted(b"[2024-01-01 10:00] gAAAAA is a word\n"));
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
