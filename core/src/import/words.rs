//! An import's outcome in plain words, one line per fact (the CLI prints them; the window
//! lays the same figures out itself).

use super::{ImportFormat, ImportReport};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl ImportReport {
    /// The summary as sentences.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let range = match (self.first_day, self.last_day) {
            (Some(a), Some(b)) if a == b => format!(" on {a}"),
            (Some(a), Some(b)) => format!(" from {a} to {b}"),
            _ => String::new(),
        };
        out.push(format!(
            "{} export: {}{range}.",
            self.format.title(),
            plural(self.source_entries, "entry", "entries")
        ));
        let merged = if self.format == ImportFormat::Dualtrack {
            format!("{} replaced", self.merged)
        } else {
            format!("{} added below entries you already had", self.merged)
        };
        if self.source_entries == 0 {
            out.push("Nothing to import: the file has no entries.".to_owned());
        } else if self.days == 0 && self.already_imported == 0 {
            out.push("Nothing to import: every entry is empty.".to_owned());
        } else if self.days == 0 && self.already_imported > 0 {
            out.push(format!(
                "Nothing new: {} imported before.",
                if self.already_imported == 1 {
                    "the entry was".to_owned()
                } else {
                    format!("all {} entries were", self.already_imported)
                }
            ));
        } else if self.written {
            out.push(format!(
                "Imported {}: {} new, {merged}.",
                plural(self.days, "day", "days"),
                self.created
            ));
        } else {
            out.push(format!(
                "Would import {}: {} new, {merged}.",
                plural(self.days, "day", "days"),
                self.created
            ));
        }
        if self.days > 0 && self.already_imported > 0 {
            out.push(format!(
                "{} imported before {} left alone.",
                plural(self.already_imported, "entry", "entries"),
                if self.already_imported == 1 { "was" } else { "were" }
            ));
        }
        if self.skipped > 0 {
            out.push(if self.skipped == 1 {
                "1 entry skipped: nothing was in it.".to_owned()
            } else {
                format!("{} entries skipped: nothing was in them.", self.skipped)
            });
        }
        if self.media_left_out > 0 {
            out.push(format!(
                "{} not imported: Dualtrack keeps text; the text says where each was.",
                plural(
                    self.media_left_out,
                    "photo or other media file",
                    "photos and other media files"
                )
            ));
        }
        if !self.renamed_tags.is_empty() {
            let renamed: Vec<String> =
                self.renamed_tags.iter().map(|r| format!("{:?} → {}", r.from, r.to)).collect();
            out.push(format!("Tags renamed to fit Dualtrack: {}.", renamed.join(", ")));
        }
        let (mapped, unmapped): (Vec<_>, Vec<_>) =
            self.moods.iter().partition(|m| m.satisfaction.is_some());
        if !mapped.is_empty() {
            let moods: Vec<String> = mapped
                .iter()
                .map(|m| format!("{} → {}", m.label, m.satisfaction.unwrap_or_default()))
                .collect();
            out.push(format!("Moods as satisfaction: {}.", moods.join(", ")));
        }
        if !unmapped.is_empty() {
            let labels: Vec<String> = unmapped.iter().map(|m| format!("{:?}", m.label)).collect();
            out.push(format!(
                "Not mapped yet: {} — give each a satisfaction of 1–10 with --mood-map FILE (lines `label,satisfaction`).",
                labels.join(", ")
            ));
        }
        out.extend(self.warnings.iter().map(|w| format!("Note: {w}.")));
        if !self.written {
            out.push("Nothing was written (dry run).".to_owned());
        }
        out
    }
}
