//! CSV: one row per entry, every field, empty cells for "not logged" (never 0), for
//! spreadsheets. Written with the `csv` crate, which quotes commas, quotes and newlines.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as
//! a formula, so a reflection starting with "=HYPERLINK(…)" — or just "- a list" — must not
//! reach it as one. Such text cells get a leading apostrophe (OWASP's rule for CSV injection),
//! which spreadsheets show as plain text; `plain_cell` takes it off again.

use std::io::Write;

use super::Redaction;
use crate::entry::{Entry, day_text};
use crate::error::{Error, Result};
use crate::field::Field;

/// Writes the entries as CSV with a header row naming the fields that remain after redaction.
pub fn write(out: &mut dyn Write, entries: &[Entry], redaction: &Redaction) -> Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    let fields = redaction.fields();
    csv.write_record(&fields).map_err(failed)?;
    for entry in
        entries.iter().filter(|_| !redaction.summary_only).map(|e| redaction.apply(e.clone()))
    {
        let row = fields.iter().map(|field| match *field {
            "date" => day_text(entry.date),
            "tags" => safe_cell(entry.tags.join(" ")),
            "text" => safe_cell(entry.text.clone()),
            number => Field::parse(number)
                .ok()
                .and_then(|f| entry.number(f))
                .map(|v| v.to_string())
                .unwrap_or_default(),
        });
        csv.write_record(row).map_err(failed)?;
    }
    csv.flush().map_err(|e| Error::io("writing the CSV report", e))
}

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell a spreadsheet shows as text: one that would start a formula gets a leading `'`.
pub fn safe_cell(text: String) -> String {
    if text.starts_with(FORMULA_STARTS) { format!("'{text}") } else { text }
}

/// The text a cell written by `safe_cell` stands for.
pub fn plain_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

fn failed(err: ::csv::Error) -> Error {
    // Keep an I/O error as it is: a closed pipe must still read as one.
    let source = match err.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    };
    Error::io("writing the CSV report", source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::day;

    fn entries() -> Vec<Entry> {
        let mut a = Entry::empty(day("2026-01-01"));
        a.satisfaction = Some(7);
        a.meetings = Some(0);
        a.tags = vec!["1on1".into(), "hiring".into()];
        a.text = "Line one, with a comma\nand \"quotes\"".into();
        vec![a, Entry::empty(day("2026-01-02"))]
    }

    #[test]
    fn one_row_per_entry_with_empty_cells_for_not_logged() {
        let mut out = Vec::new();
        write(&mut out, &entries(), &Redaction::default()).expect("csv");
        let mut reader = ::csv::Reader::from_reader(out.as_slice());
        let header: Vec<String> =
            reader.headers().expect("header").iter().map(str::to_owned).collect();
        assert_eq!(header.first().map(String::as_str), Some("date"));
        assert_eq!(header.len(), 1 + 7 + 2, "date, seven numbers, tags, text");
        let rows: Vec<::csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][1], "7", "satisfaction");
        assert_eq!(&rows[0][6], "0", "zero meetings stay zero");
        assert_eq!(&rows[0][2], "", "technical share not logged is an empty cell");
        assert_eq!(&rows[0][8], "1on1 hiring");
        assert_eq!(&rows[0][9], entries()[0].text, "text survives quoting");
    }

    #[test]
    fn cells_that_would_start_a_formula_are_neutralised() {
        let mut e = Entry::empty(day("2026-01-01"));
        e.text = "=HYPERLINK(\"http://x\",\"y\")".into();
        let mut f = Entry::empty(day("2026-01-02"));
        f.text = "- a Markdown list".into();
        let mut g = Entry::empty(day("2026-01-03"));
        g.text = "'quoted' already, and fine".into();
        let entries = vec![e.clone(), f.clone(), g.clone()];
        let mut out = Vec::new();
        write(&mut out, &entries, &Redaction::default()).expect("csv");
        let mut reader = ::csv::Reader::from_reader(out.as_slice());
        let cells: Vec<String> = reader.records().map(|r| r.expect("row")[9].to_owned()).collect();
        assert_eq!(cells[0], format!("'{}", e.text));
        assert_eq!(cells[1], format!("'{}", f.text));
        assert_eq!(cells[2], g.text, "no formula: left alone");
        for (cell, entry) in cells.iter().zip(&entries) {
            assert_eq!(plain_cell(cell), entry.text, "the apostrophe comes off again");
        }
        for start in FORMULA_STARTS {
            assert!(!safe_cell(format!("{start}1+1")).starts_with(start));
        }
    }

    #[test]
    fn redaction_removes_columns_and_rows() {
        let mut out = Vec::new();
        write(
            &mut out,
            &entries(),
            &Redaction {
                no_text: true,
                no_tags: true,
                omit_fields: vec![Field::Meetings],
                ..Redaction::default()
            },
        )
        .expect("csv");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(
            !text.contains("comma")
                && !text.contains("hiring")
                && !text.contains("text")
                && !text.contains("meetings"),
            "{text}"
        );
        let mut out = Vec::new();
        write(&mut out, &entries(), &Redaction { summary_only: true, ..Redaction::default() })
            .expect("csv");
        assert_eq!(String::from_utf8(out).expect("utf-8").lines().count(), 1, "header only");
    }
}
