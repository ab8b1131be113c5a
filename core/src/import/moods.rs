//! Daylio's moods are labels the person named (and translated), so they become satisfaction
//! through a map: Daylio's English defaults built in, the person's own labels on top. A label
//! that maps to nothing is never guessed.

use std::collections::BTreeMap;

use super::{MoodLabel, invalid};
use crate::error::Result;

/// Daylio's five default moods in English.
const DEFAULTS: [(&str, u8); 5] = [("rad", 9), ("good", 7), ("meh", 5), ("bad", 3), ("awful", 1)];

fn key(label: &str) -> String {
    label.trim().to_lowercase()
}

/// Labels → satisfaction: the person's map over the defaults.
pub(crate) struct MoodMap {
    known: BTreeMap<String, u8>,
    seen: BTreeMap<String, MoodLabel>,
}

impl MoodMap {
    pub(crate) fn new(chosen: &BTreeMap<String, u8>) -> Result<Self> {
        let mut known: BTreeMap<String, u8> =
            DEFAULTS.iter().map(|(label, value)| ((*label).to_owned(), *value)).collect();
        for (label, value) in chosen {
            if !(1..=10).contains(value) {
                return Err(invalid(format!(
                    "mood {label:?}: satisfaction {value} is outside 1–10"
                )));
            }
            known.insert(key(label), *value);
        }
        Ok(MoodMap { known, seen: BTreeMap::new() })
    }

    /// The satisfaction of `label` (`None` while unmapped), counting every use.
    pub(crate) fn satisfaction(&mut self, label: &str) -> Option<u8> {
        let value = self.known.get(&key(label)).copied();
        let seen = self.seen.entry(key(label)).or_insert_with(|| MoodLabel {
            label: label.trim().to_owned(),
            count: 0,
            satisfaction: value,
        });
        seen.count += 1;
        value
    }

    /// Every label met, most used first.
    pub(crate) fn labels(self) -> Vec<MoodLabel> {
        let mut labels: Vec<MoodLabel> = self.seen.into_values().collect();
        labels.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        labels
    }
}

/// Reads a `--mood-map` file: CSV lines `label,satisfaction` (an optional header line, a BOM,
/// CRLF and quoted labels are fine).
pub fn parse_mood_map(text: &str) -> Result<BTreeMap<String, u8>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut map = BTreeMap::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 1;
        let record =
            record.map_err(|e| invalid(format!("mood map line {line} cannot be read: {e}")))?;
        let label = record.get(0).unwrap_or("");
        let value = record.get(1).unwrap_or("");
        if record.iter().all(str::is_empty) {
            continue;
        }
        if line == 1 && value.parse::<u8>().is_err() && label.eq_ignore_ascii_case("label") {
            continue;
        }
        let parsed = value.parse::<u8>().ok().filter(|v| (1..=10).contains(v));
        let Some(satisfaction) = parsed.filter(|_| !label.is_empty() && record.len() == 2) else {
            return Err(invalid(format!(
                "mood map line {line} should be `label,satisfaction` with a satisfaction of 1–10, not {:?}",
                record.iter().collect::<Vec<_>>().join(",")
            )));
        };
        if map.insert(key(label), satisfaction).is_some() {
            return Err(invalid(format!("mood map line {line} maps {label:?} a second time")));
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_the_persons_labels_map_ignoring_case_and_spaces() {
        let chosen =
            parse_mood_map("\u{feff}label,satisfaction\r\n\"Great \",8\r\nso-so,4\n").expect("map");
        let mut map = MoodMap::new(&chosen).expect("map");
        assert_eq!(map.satisfaction(" RAD"), Some(9));
        assert_eq!(map.satisfaction("great"), Some(8));
        assert_eq!(map.satisfaction("So-so"), Some(4));
        assert_eq!(map.satisfaction("super"), None);
        assert_eq!(map.satisfaction("great"), Some(8));
        let labels = map.labels();
        assert_eq!(labels[0], MoodLabel { label: "great".into(), count: 2, satisfaction: Some(8) });
        assert!(labels.iter().any(|l| l.label == "super" && l.satisfaction.is_none()));
    }

    #[test]
    fn a_bad_mood_map_line_is_named() {
        let err = parse_mood_map("great,8\nok,11\n").expect_err("11 is out of range");
        assert!(err.to_string().contains("line 2"), "{err}");
        let err = parse_mood_map("great,8\nGreat,7\n").expect_err("twice");
        assert!(err.to_string().contains("second time"), "{err}");
        assert!(parse_mood_map("great\n").is_err());
    }
}
