//! Day One's JSON export (`{"metadata":{"version":…},"entries":[…]}`, alone or in the export
//! zip). An entry belongs to the day it was written on where it was written: its
//! `creationDate` (UTC) seen in its `timeZone` — the UTC date would put evening entries on
//! the next day. Media are not imported: the text keeps a placeholder ("[photo]") where each
//! was, and each is counted once, whether the entry lists it, its text links to it, or both.
//! A `text` that is not a string reads as no text, with a warning naming the entry.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde_json::{Map, Value};

use super::detect::Input;
use super::{ImportFormat, Source, SourceEntry, invalid};
use crate::error::Result;

pub(crate) fn read(input: &Input) -> Result<Source> {
    let mut source = Source::new(ImportFormat::Dayone);
    let mut zones = Zones::default();
    let mut referenced = 0;
    match input {
        Input::Text { name, text } => {
            read_journal(name, text, &mut source, &mut zones, &mut referenced)?
        }
        Input::Zip { name, journals, media } => {
            for (member, text) in journals {
                let what = format!("{member} in {name}");
                read_journal(&what, text, &mut source, &mut zones, &mut referenced)?;
            }
            referenced = referenced.max(*media);
        }
        Input::Folder { name, .. } => {
            return Err(invalid(format!(
                "{name} is a folder; a Day One export is a .zip or .json"
            )));
        }
    }
    source.media_left_out = referenced;
    source.warnings.extend(zones.warnings());
    Ok(source)
}

fn read_journal(
    name: &str,
    text: &str,
    source: &mut Source,
    zones: &mut Zones,
    media: &mut usize,
) -> Result<()> {
    let root: Value = serde_json::from_str(text)
        .map_err(|e| invalid(format!("{name} is not valid JSON (is the export complete?): {e}")))?;
    let Some(Value::Array(entries)) = root.get("entries") else {
        return Err(invalid(format!("{name} has no \"entries\" list; is it a Day One export?")));
    };
    for (index, item) in entries.iter().enumerate() {
        let Value::Object(fields) = item else {
            return Err(invalid(format!("{name}: entry {} is not a JSON object", index + 1)));
        };
        let at = |uuid: Option<&str>| match uuid {
            Some(uuid) => format!("{name}: entry {} ({uuid})", index + 1),
            None => format!("{name}: entry {}", index + 1),
        };
        let uuid = fields.get("uuid").and_then(Value::as_str);
        let created = fields
            .get("creationDate")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(format!("{} has no creationDate", at(uuid))))?;
        let instant = DateTime::parse_from_rfc3339(created).map_err(|_| {
            invalid(format!("{}: creationDate {created:?} is not a date and time", at(uuid)))
        })?;
        let local = zones.local(zone_name(fields), instant);
        let raw = match fields.get("text") {
            None | Some(Value::Null) => "",
            Some(Value::String(text)) => text.as_str(),
            Some(other) => {
                source.warnings.push(format!(
                    "{}: its text is {}, not a string, so it was read as an entry without text",
                    at(uuid),
                    kind(other)
                ));
                ""
            }
        };
        *media += media_ids(fields, raw).len();
        let body = clean_text(raw);
        let tags = string_list(fields.get("tags"));
        let identity = match uuid {
            Some(uuid) if !uuid.trim().is_empty() => format!("dayone:{}", uuid.trim()),
            _ => super::identity(ImportFormat::Dayone, &[created, &body]),
        };
        source.push(SourceEntry {
            identity,
            date: local.date(),
            time: Some(local.time()),
            title: String::new(),
            body,
            tags,
            starred: fields.get("starred").and_then(Value::as_bool).unwrap_or(false),
            satisfaction: None,
            unmapped: false,
        });
    }
    Ok(())
}

/// The photos, videos, audio and PDFs of an entry, each once: those listed in its media arrays
/// and those its text links to (either alone misses some in real exports).
fn media_ids(fields: &Map<String, Value>, text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for key in ["photos", "videos", "audios", "pdfAttachments"] {
        let items = fields.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
        for (i, item) in items.iter().enumerate() {
            ids.insert(match item.get("identifier").and_then(Value::as_str) {
                Some(id) => id.to_owned(),
                None => format!("{key}#{i}"),
            });
        }
    }
    for (at, _) in text.match_indices(MOMENT) {
        let link = &text[at + MOMENT.len()..];
        let end = link.find([')', ' ', '\n']).unwrap_or(link.len());
        if let Some(id) = link[..end].rsplit('/').next().filter(|id| !id.is_empty()) {
            ids.insert(id.to_owned());
        }
    }
    ids
}

/// How a moment (photo, video, audio, PDF) link starts in Day One's text.
const MOMENT: &str = "](dayone-moment:";

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => "an object",
        Value::Array(_) => "a list",
        Value::Number(_) => "a number",
        Value::Bool(_) => "true or false",
        Value::Null | Value::String(_) => "empty",
    }
}

/// `timeZone` is an IANA name (`"America/Los_Angeles"`), in some versions an object with an
/// `identifier`.
fn zone_name(fields: &Map<String, Value>) -> Option<&str> {
    match fields.get("timeZone")? {
        Value::String(name) => Some(name),
        Value::Object(zone) => zone.get("identifier").and_then(Value::as_str),
        _ => None,
    }
}

fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Local times by zone; zones that could not be used are counted for one warning each.
#[derive(Default)]
struct Zones {
    unknown: BTreeMap<String, usize>,
    missing: usize,
}

impl Zones {
    fn local(&mut self, name: Option<&str>, instant: DateTime<FixedOffset>) -> NaiveDateTime {
        match name.map(str::trim).filter(|n| !n.is_empty()) {
            Some(name) => match chrono_tz::Tz::from_str(name) {
                Ok(zone) => return instant.with_timezone(&zone).naive_local(),
                Err(_) => *self.unknown.entry(name.to_owned()).or_default() += 1,
            },
            None => self.missing += 1,
        }
        // The instant's own offset is the best clue left (UTC when it is written with `Z`).
        instant.naive_local()
    }

    fn warnings(self) -> Vec<String> {
        let mut out: Vec<String> = self
            .unknown
            .into_iter()
            .map(|(name, n)| {
                format!(
                    "time zone {name:?} is unknown ({n} {}); dated by the offset written with each entry (UTC if none)",
                    entries(n)
                )
            })
            .collect();
        if self.missing > 0 {
            out.push(format!(
                "{} {} had no time zone; dated by the offset written with each entry (UTC if none)",
                self.missing,
                entries(self.missing)
            ));
        }
        out
    }
}

fn entries(n: usize) -> &'static str {
    if n == 1 { "entry" } else { "entries" }
}

/// Day One's Markdown with its backslash escapes undone (`\.` `\-` `\(` `\!` …) and media
/// references (`![](dayone-moment://…)`) replaced by a readable placeholder.
fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['\\', '!']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(tail) = rest.strip_prefix('\\') {
            match tail.chars().next() {
                Some(c) if c.is_ascii_punctuation() => {
                    out.push(c);
                    rest = &tail[c.len_utf8()..];
                }
                _ => {
                    out.push('\\');
                    rest = tail;
                }
            }
        } else if let Some((placeholder, len)) = media_reference(rest) {
            out.push_str(placeholder);
            rest = &rest[len..];
        } else {
            out.push('!');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out.trim_end().to_owned()
}

fn media_reference(text: &str) -> Option<(&'static str, usize)> {
    let link = text.strip_prefix("![")?;
    let close = link.find(MOMENT)?;
    if link[..close].contains('\n') {
        return None;
    }
    let target = &link[close + 2..];
    let end = target.find(')')?;
    let kind = match &target[..end] {
        t if t.contains("/video/") => "[video]",
        t if t.contains("/audio/") => "[audio]",
        t if t.contains("/pdfAttachment/") => "[PDF]",
        _ => "[photo]",
    };
    Some((kind, 2 + close + 2 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(zone: Option<&str>, created: &str) -> String {
        let instant = DateTime::parse_from_rfc3339(created).expect("instant");
        Zones::default().local(zone, instant).format("%Y-%m-%d %H:%M").to_string()
    }

    #[test]
    fn the_day_is_the_local_date_in_the_entrys_zone() {
        assert_eq!(local(Some("America/Los_Angeles"), "2024-03-09T05:30:00Z"), "2024-03-08 21:30");
        assert_eq!(local(Some("US/Pacific"), "2024-03-09T05:30:00Z"), "2024-03-08 21:30");
        assert_eq!(local(Some("America/Buenos_Aires"), "2024-01-01T02:00:00Z"), "2023-12-31 23:00");
        assert_eq!(local(Some("GMT"), "2024-01-01T02:00:00Z"), "2024-01-01 02:00");
        // The spring-forward night: 01:30 PST is 09:30 UTC; 03:30 PDT is 10:30 UTC.
        assert_eq!(local(Some("America/Los_Angeles"), "2024-03-10T10:30:00Z"), "2024-03-10 03:30");
        assert_eq!(local(Some("Mars/Olympus"), "2024-03-10T01:30:00-08:00"), "2024-03-10 01:30");
        assert_eq!(local(None, "2024-03-10T01:30:00Z"), "2024-03-10 01:30");
    }

    #[test]
    fn unknown_zones_are_one_warning_each() {
        let mut zones = Zones::default();
        let t = DateTime::parse_from_rfc3339("2024-03-10T01:30:00Z").expect("instant");
        zones.local(Some("Mars/Olympus"), t);
        zones.local(Some("Mars/Olympus"), t);
        zones.local(None, t);
        let warnings = zones.warnings();
        assert_eq!(warnings.len(), 2);
        assert!(warnings[0].contains("\"Mars/Olympus\" is unknown (2 entries)"), "{warnings:?}");
        assert!(warnings[1].starts_with("1 entry had no time zone"), "{warnings:?}");
    }

    #[test]
    fn escapes_are_undone_and_media_become_placeholders() {
        assert_eq!(clean_text(r"Done\. Next \- maybe \(soon\)\!"), "Done. Next - maybe (soon)!");
        assert_eq!(clean_text(r"C:\Users stays"), r"C:\Users stays");
        assert_eq!(
            clean_text("Lunch ![](dayone-moment://ABC123) then ![](dayone-moment:/video/XYZ)"),
            "Lunch [photo] then [video]"
        );
        assert_eq!(clean_text("Wow! ![alt](https://x)"), "Wow! ![alt](https://x)");
    }
}
