//! What the CLI shows: entries as readable lines or exchange-format JSON, errors as one sentence
//! (or `{kind, message}` with `--json`).

use std::io::Write;

use chrono::Datelike;
use dualtrack_core::entry::day_text;
use dualtrack_core::{Entry, Error, Field};
use serde::Serialize;

/// Prints a value as pretty JSON on stdout; returns once it was written and flushed. Rust's
/// stdout flushes at every newline, even into a pipe, and pretty JSON has one per field (36,479
/// `write` calls for 3,083 entries): it goes through one large buffer instead.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<(), Error> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| stdout_error(e.into()))?;
    writeln!(out).and_then(|()| out.flush()).map_err(stdout_error)
}

/// Prints text on stdout; returns once it was written and flushed (a closed pipe or a full
/// disk is an error, not a panic).
pub fn line(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(stdout_error)
}

/// Streams a whole document to stdout through one large buffer.
pub fn stream(write: impl FnOnce(&mut dyn Write) -> Result<(), Error>) -> Result<(), Error> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = write(&mut out).and_then(|()| out.flush().map_err(stdout_error));
    written.map_err(|e| match e {
        // The core names what it was writing; a reader that went away is still a closed pipe.
        Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe => {
            stdout_error(source)
        }
        other => other,
    })
}

/// True when the reader of stdout went away (`dualtrack list | head`): not a failure of the
/// command, which ends quietly as other Unix tools do.
pub fn is_closed_pipe(err: &Error) -> bool {
    matches!(err, Error::Io { context, source }
        if context == STDOUT && source.kind() == std::io::ErrorKind::BrokenPipe)
}

const STDOUT: &str = "writing to stdout";

fn stdout_error(e: std::io::Error) -> Error {
    Error::Io { context: STDOUT.into(), source: e }
}

/// The I/O failure behind an error from `line` or `json`, for messages that must say what
/// became of a secret that was not shown.
pub fn why(err: &Error) -> String {
    match err {
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// Reports a failure on stderr.
pub fn error(err: &Error, json: bool) {
    if json {
        let body = serde_json::json!({ "error": { "kind": err.kind().as_str(), "message": err.to_string() } });
        eprintln!("{body}");
    } else if let Error::FileExists(path) = err {
        // The CLI's way to allow replacing is a flag; say which.
        eprintln!("dualtrack: {} exists; pass --force to replace it", path.display());
    } else {
        eprintln!("dualtrack: {err}{}", hint(err));
    }
}

/// What to type next, for failures whose remedy is a command or a flag (the core's messages
/// name no CLI command: the window shows them too).
fn hint(err: &Error) -> &'static str {
    match err {
        Error::NotInitialized(_) => "; create one with `dualtrack init`",
        Error::InvalidInput(message) if message.starts_with("there is no backup") => {
            "; `dualtrack backup --list` shows the backups"
        }
        _ => "",
    }
}

/// One line per entry for `list` and `search`.
pub fn entry_line(e: &Entry) -> String {
    let mut parts = vec![day_text(e.date)];
    if let Some(s) = e.satisfaction {
        parts.push(format!("sat {s:>2}"));
    }
    if let Some(t) = e.technical_share {
        parts.push(format!("tech {t:>3}%"));
    }
    if let Some(en) = e.energy {
        parts.push(format!("energy {en}"));
    }
    if !e.tags.is_empty() {
        parts.push(e.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "));
    }
    let first = e.text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().trim();
    if !first.is_empty() {
        let short: String = first.chars().take(72).collect();
        let more = if first.chars().count() > 72 { "…" } else { "" };
        parts.push(format!("{short}{more}"));
    }
    parts.join("  ")
}

/// The full view of one entry for `show`.
pub fn entry_block(e: &Entry) -> String {
    let mut out = format!("{} ({})\n", day_text(e.date), e.date.weekday());
    for field in Field::ALL {
        let value =
            e.number(field).map_or_else(|| "not logged".to_owned(), |v| field.value_text(v));
        out.push_str(&format!("  {}: {value}\n", field.label()));
    }
    if !e.tags.is_empty() {
        out.push_str(&format!("  tags: {}\n", e.tags.join(", ")));
    }
    if !e.text.is_empty() {
        out.push('\n');
        out.push_str(&e.text);
        if !e.text.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}
