//! What was handed to the import (a file, a zip archive, a folder) and which app wrote it.
//! An encrypted jrnl journal is refused here, before it could be taken for some other file.
//!
//! Every read is bounded: no file, archive member or folder adds up to more than
//! `MAX_IMPORT_BYTES`, so a zip bomb or a link to `/dev/zero` is refused, not swallowed.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{ImportFormat, invalid};
use crate::error::{Error, Result};
use crate::exchange::MAX_IMPORT_BYTES;
use crate::layout::{read_all_bounded, read_bounded, size_text};

/// The bytes of an export, as text where it is text.
pub(crate) enum Input {
    /// One text file (BOM removed).
    Text { name: String, text: String },
    /// A Day One export: its journal JSON files and how many media files it carries.
    Zip { name: String, journals: Vec<(String, String)>, media: usize },
    /// A jrnl folder journal: `YYYY/MM/DD.txt` files by path inside the folder.
    Folder { name: String, files: Vec<(PathBuf, String)> },
}

impl Input {
    pub(crate) fn open(path: &Path) -> Result<Input> {
        let name = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("reading {name}"), e))?;
        if meta.is_dir() {
            return folder(path, name);
        }
        let bytes = read_bounded(path, MAX_IMPORT_BYTES, &name).map_err(too_large)?;
        if bytes.starts_with(b"PK\x03\x04") {
            return zip(bytes, name);
        }
        if super::jrnl::encrypted(&bytes) {
            return Err(super::jrnl::encrypted_error(&name));
        }
        Ok(Input::Text { text: utf8(bytes, &name)?, name })
    }

    /// The file's text, for formats that are one text file.
    pub(crate) fn text(&self) -> Result<&str> {
        match self {
            Input::Text { text, .. } => Ok(text),
            Input::Zip { name, .. } => {
                Err(invalid(format!("{name} is a zip archive; only Day One exports come as one")))
            }
            Input::Folder { name, .. } => {
                Err(invalid(format!("{name} is a folder; only jrnl keeps a journal as a folder")))
            }
        }
    }
}

fn too_large(err: Error) -> Error {
    match err {
        Error::InvalidInput(why) => Error::InvalidImport(why),
        other => other,
    }
}

fn utf8(bytes: Vec<u8>, name: &str) -> Result<String> {
    let mut text =
        String::from_utf8(bytes).map_err(|_| invalid(format!("{name} is not UTF-8 text")))?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

fn zip(bytes: Vec<u8>, name: String) -> Result<Input> {
    let damaged =
        |e: zip::result::ZipError| invalid(format!("{name} is a damaged zip archive: {e}"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(damaged)?;
    let mut journals = Vec::new();
    let mut media = 0;
    let mut budget = MAX_IMPORT_BYTES;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(damaged)?;
        if file.is_dir() {
            continue;
        }
        let member = file.name().map_err(damaged)?.into_owned();
        let top_level = !member.contains('/');
        if top_level && member.to_ascii_lowercase().ends_with(".json") {
            let what = format!("{member} in {name}");
            let bytes = read_all_bounded(&mut file, budget, &what).map_err(too_large)?;
            budget -= bytes.len() as u64;
            journals.push((member.clone(), utf8(bytes, &what)?));
        } else if !top_level {
            media += 1;
        }
    }
    if journals.is_empty() {
        return Err(invalid(format!(
            "{name} holds no journal (.json) file; is it a Day One export (File → Export → JSON)?"
        )));
    }
    journals.sort();
    Ok(Input::Zip { name, journals, media })
}

fn folder(root: &Path, name: String) -> Result<Input> {
    let mut files = Vec::new();
    let mut budget = MAX_IMPORT_BYTES;
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let listing = std::fs::read_dir(&dir)
            .map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
        for item in listing {
            let item = item.map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
            let path = item.path();
            let kind = item.file_type().map_err(|e| Error::io(format!("reading {name}"), e))?;
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() && is_day_file(path.strip_prefix(root).unwrap_or(&path)) {
                let what = path.display().to_string();
                let bytes = read_bounded(&path, budget, &what).map_err(|e| match e {
                    Error::InvalidInput(_) => invalid(format!(
                        "{name} is larger than {}; import it in parts",
                        size_text(MAX_IMPORT_BYTES)
                    )),
                    other => other,
                })?;
                budget -= bytes.len() as u64;
                if super::jrnl::encrypted(&bytes) {
                    return Err(super::jrnl::encrypted_error(&what));
                }
                let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                files.push((relative, utf8(bytes, &what)?));
            }
        }
    }
    if files.is_empty() {
        return Err(invalid(format!("{name} holds no jrnl day files (YYYY/MM/DD.txt)")));
    }
    files.sort();
    Ok(Input::Folder { name, files })
}

/// jrnl's folder journals keep one file per day, `YYYY/MM/DD.txt`; anything else in the
/// folder is not the journal's.
fn is_day_file(relative: &Path) -> bool {
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    matches!(parts.as_slice(), [y, m, d] if digits(y, 4) && digits(m, 2)
        && d.strip_suffix(".txt").is_some_and(|d| digits(d, 2)))
}

/// Tells which app wrote the export, from its content.
pub(crate) fn format(input: &Input) -> Result<ImportFormat> {
    let (name, text) = match input {
        Input::Zip { .. } => return Ok(ImportFormat::Dayone),
        Input::Folder { .. } => return Ok(ImportFormat::Jrnl),
        Input::Text { name, text } => (name, text.as_str()),
    };
    let start = text.trim_start();
    if start.starts_with('{') {
        return json_format(name, start);
    }
    let first_line = start.lines().next().unwrap_or("").to_ascii_lowercase();
    let columns: Vec<&str> = first_line.split(',').map(|c| c.trim().trim_matches('"')).collect();
    if columns.contains(&"mood") && (columns.contains(&"full_date") || columns.contains(&"date")) {
        return Ok(ImportFormat::Daylio);
    }
    // Daylio rows without their header line (`2021-10-16,16 de octubre,sábado,18:43,mal,…`):
    // the Daylio reader names what is missing.
    if columns.len() >= 5 && crate::entry::parse_date(columns[0]).is_ok() {
        return Ok(ImportFormat::Daylio);
    }
    if super::jrnl::looks_like_jrnl(text) {
        return Ok(ImportFormat::Jrnl);
    }
    Err(invalid(format!(
        "could not tell which journal app wrote {name}; Dualtrack reads Day One (.zip or .json), jrnl (.txt, .json or a folder), Daylio (.csv) and its own .json"
    )))
}

fn json_format(name: &str, text: &str) -> Result<ImportFormat> {
    let root: Value = serde_json::from_str(text)
        .map_err(|e| invalid(format!("{name} is not valid JSON: {e}")))?;
    let Value::Object(root) = root else {
        return Err(invalid(format!("{name} is not a journal export (expected a JSON object)")));
    };
    if root.get("format").and_then(Value::as_str) == Some(crate::exchange::FORMAT) {
        return Ok(ImportFormat::Dualtrack);
    }
    if root.contains_key("metadata") && root.contains_key("entries") {
        return Ok(ImportFormat::Dayone);
    }
    let jrnl_entry = |e: &Value| e.get("date").is_some() && e.get("time").is_some();
    if let Some(Value::Array(entries)) = root.get("entries")
        && (root.contains_key("tags") || entries.first().is_some_and(jrnl_entry))
    {
        return Ok(ImportFormat::Jrnl);
    }
    Err(invalid(format!(
        "{name} is JSON, but not an export of Dualtrack, Day One or jrnl that Dualtrack knows"
    )))
}
