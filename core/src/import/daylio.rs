//! Daylio's CSV export: one row per mood entry, newest first, columns found by name
//! (`full_date,date,weekday,time,mood,activities,note_title,note`; older files
//! `year,date,…`; newer ones add `scales`). Moods become satisfaction through the mood map,
//! activities become tags, notes' HTML becomes Markdown, and the scales one line of text
//! below the note. A row with more cells than the header keeps the extra text in its note,
//! with a warning; a file without its header line, or whose last quoted field never closes
//! (a cut-off export), is refused naming the line.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};

use super::moods::MoodMap;
use super::{ImportFormat, ImportOptions, Source, SourceEntry, invalid};
use crate::error::Result;

/// Column positions by (lower-case) name.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn get<'r>(&self, record: &'r csv::StringRecord, name: &str) -> &'r str {
        self.0.get(name).and_then(|&i| record.get(i)).unwrap_or("").trim()
    }
    fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

pub(crate) fn read(text: &str, options: &ImportOptions) -> Result<Source> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| invalid(format!("the Daylio file's first line cannot be read: {e}")))?;
    let width = header.len();
    let columns = Columns(
        header
            .iter()
            .enumerate()
            .map(|(i, name)| (name.trim().trim_start_matches('\u{feff}').to_lowercase(), i))
            .collect(),
    );
    if header.get(0).is_some_and(|first| crate::entry::parse_date(first.trim()).is_ok()) {
        return Err(invalid(
            "line 1: the file starts with a row of data, not Daylio's header line (full_date,date,weekday,time,mood,activities,note_title,note) that names its columns — export it from Daylio again, or add that line",
        ));
    }
    if !columns.has("mood") || !(columns.has("full_date") || columns.has("year")) {
        return Err(invalid(
            "line 1: the file is not a Daylio export: its first line must name the columns full_date (or year and date), time and mood",
        ));
    }
    if let Some(line) = unclosed_quote(text) {
        return Err(invalid(format!(
            "line {line}: a quoted field opens here and never closes; the export looks cut off — export it from Daylio again"
        )));
    }
    let mut moods = MoodMap::new(&options.moods)?;
    let mut source = Source::new(ImportFormat::Daylio);
    for (index, record) in reader.records().enumerate() {
        // Line numbers as an editor shows them: the header is line 1.
        let record =
            record.map_err(|e| invalid(format!("line {}: cannot be read: {e}", index + 2)))?;
        let line = record.position().map_or(index as u64 + 2, csv::Position::line);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let date = date_of(&columns, &record).ok_or_else(|| {
            let shown = [columns.get(&record, "full_date"), columns.get(&record, "year"), columns.get(&record, "date")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            invalid(format!(
                "line {line}: the date {shown:?} cannot be read; export from Daylio again with the app set to English"
            ))
        })?;
        let time_text = columns.get(&record, "time");
        let time = time_of(time_text);
        if time.is_none() && !time_text.is_empty() {
            return Err(invalid(format!("line {line}: time {time_text:?} is not a time of day")));
        }
        let mood = columns.get(&record, "mood");
        let satisfaction = if mood.is_empty() { None } else { moods.satisfaction(mood) };
        let activities = columns.get(&record, "activities");
        let tags: Vec<String> = activities
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect();
        let title = super::html::to_markdown(columns.get(&record, "note_title"));
        // Cells past the header's are note text that spilled over (an unquoted comma).
        let extra: Vec<String> = record
            .iter()
            .skip(width)
            .map(|cell| super::html::to_markdown(cell.trim()))
            .filter(|cell| !cell.is_empty())
            .collect();
        if !extra.is_empty() {
            source.warnings.push(format!(
                "line {line}: {} cells where the header names {width}; the text of the extra {} was added to the note",
                record.len(),
                if extra.len() == 1 { "cell" } else { "cells" }
            ));
        }
        // Scales (`Sleep Quality: 8/10 points | …`) are data, not tags: one line of text.
        let scales = columns.get(&record, "scales").replace('\u{a0}', " ");
        let body = std::iter::once(super::html::to_markdown(columns.get(&record, "note")))
            .chain(extra)
            .chain(std::iter::once(scales.trim().to_owned()))
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        let stamp =
            format!("{date} {}", time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default());
        source.push(SourceEntry {
            identity: super::identity(
                ImportFormat::Daylio,
                &[&stamp, mood, activities, &title, &body],
            ),
            date,
            time,
            title,
            body,
            tags,
            starred: false,
            satisfaction,
            unmapped: !mood.is_empty() && satisfaction.is_none(),
        });
    }
    source.moods = moods.labels();
    Ok(source)
}

/// The line where a quoted field opens that never closes (Rust's `csv`, like Python's, would
/// read the cut-off rest of the file as that field). A quote opens a field only at its start.
fn unclosed_quote(text: &str) -> Option<usize> {
    let (mut line, mut opened) = (1, 1);
    let (mut quoted, mut field_start, mut just_closed) = (false, true, false);
    for c in text.chars() {
        if quoted {
            if c == '"' {
                quoted = false;
                just_closed = true;
            }
        } else if c == '"' && (field_start || just_closed) {
            // At a field's start a quote opens it; right after a closing quote it is `""`.
            if field_start {
                opened = line;
            }
            (quoted, field_start, just_closed) = (true, false, false);
        } else {
            field_start = c == ',' || c == '\n';
            just_closed = false;
        }
        if c == '\n' {
            line += 1;
        }
    }
    quoted.then_some(opened)
}

/// `full_date` (`2026-12-04`), or in older files `year` with `date` (`December 4`, `4
/// December`, `Dec 4`).
fn date_of(columns: &Columns, record: &csv::StringRecord) -> Option<NaiveDate> {
    let full = columns.get(record, "full_date");
    if !full.is_empty() {
        return crate::entry::parse_date(full).ok();
    }
    let (year, date) = (columns.get(record, "year"), columns.get(record, "date"));
    let year: i32 = year.parse().ok()?;
    // `December 4`, `4 December`, `4. Dezember`, `7 września`: a day number and a month name.
    let words: Vec<String> = date
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let day: u32 = words.iter().find_map(|w| w.parse().ok())?;
    let month = words.iter().find_map(|w| month_number(w))?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Month names as Daylio writes them in the languages it is most used in (Polish and Czech in
/// the genitive, as dates say them), full or abbreviated.
const MONTHS: [&[&str]; 12] = [
    &[
        "january",
        "jan",
        "januar",
        "janvier",
        "enero",
        "gennaio",
        "janeiro",
        "januari",
        "stycznia",
        "styczeń",
        "ledna",
        "января",
    ],
    &[
        "february",
        "feb",
        "februar",
        "février",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "lutego",
        "luty",
        "února",
        "февраля",
    ],
    &[
        "march",
        "mar",
        "märz",
        "mars",
        "marzo",
        "março",
        "maart",
        "marca",
        "marzec",
        "března",
        "марта",
    ],
    &["april", "apr", "avril", "abril", "aprile", "kwietnia", "kwiecień", "dubna", "апреля"],
    &["may", "mai", "mayo", "maggio", "maio", "mei", "maja", "maj", "května", "мая"],
    &[
        "june", "jun", "juni", "juin", "junio", "giugno", "junho", "czerwca", "czerwiec", "června",
        "июня",
    ],
    &[
        "july",
        "jul",
        "juli",
        "juillet",
        "julio",
        "luglio",
        "julho",
        "lipca",
        "lipiec",
        "července",
        "июля",
    ],
    &["august", "aug", "août", "agosto", "augustus", "sierpnia", "sierpień", "srpna", "августа"],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "settembre",
        "setembro",
        "września",
        "wrzesień",
        "září",
        "сентября",
    ],
    &[
        "october",
        "oct",
        "oktober",
        "octobre",
        "octubre",
        "ottobre",
        "outubro",
        "października",
        "październik",
        "října",
        "октября",
    ],
    &[
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "listopada",
        "listopad",
        "listopadu",
        "ноября",
    ],
    &[
        "december",
        "dec",
        "dezember",
        "décembre",
        "diciembre",
        "dicembre",
        "dezembro",
        "grudnia",
        "grudzień",
        "prosince",
        "декабря",
    ],
];

fn month_number(word: &str) -> Option<u32> {
    MONTHS.iter().position(|names| names.contains(&word)).and_then(|i| u32::try_from(i + 1).ok())
}

/// `20:30`, `8:30 PM`, `08:30 pm`, `8:30PM`.
fn time_of(text: &str) -> Option<NaiveTime> {
    let text = text.trim().to_ascii_uppercase().replace('.', "");
    ["%H:%M", "%I:%M %p", "%I:%M%p", "%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(&text, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_every_style_are_read() {
        for (text, want) in [
            ("20:30", "20:30"),
            ("8:30 PM", "20:30"),
            ("08:05 am", "08:05"),
            ("12:10 AM", "00:10"),
            ("8:30PM", "20:30"),
            ("7:05", "07:05"),
        ] {
            assert_eq!(
                time_of(text).map(|t| t.format("%H:%M").to_string()).as_deref(),
                Some(want),
                "{text}"
            );
        }
        assert_eq!(time_of("25:00"), None);
    }

    #[test]
    fn columns_are_found_by_name_and_unmapped_moods_are_listed() {
        let text = "\u{feff}full_date,date,weekday,time,mood,activities,note_title,note\r\n\
                    2026-12-04,December 4,Friday,8:30 PM,great,work | Deep Work,,\"A \"\"good\"\" day<br>yes\"\r\n\
                    2026-12-04,December 4,Friday,9:00 AM,rad,,,\r\n";
        let source = read(text, &ImportOptions::default()).expect("read");
        assert_eq!(source.entries.len(), 2);
        assert_eq!(source.entries[0].body, "A \"good\" day\nyes");
        assert_eq!(source.entries[0].tags, vec!["work", "Deep Work"]);
        assert!(source.entries[0].unmapped);
        assert_eq!(source.entries[1].satisfaction, Some(9));
        assert_eq!(source.unmapped_moods(), vec!["great"]);
    }

    #[test]
    fn older_files_give_the_year_in_its_own_column() {
        let text =
            "year,date,weekday,time,mood,activities,note\n2019,March 3,Sunday,21:00,good,,hi\n";
        let source = read(text, &ImportOptions::default()).expect("read");
        assert_eq!(source.entries[0].date.to_string(), "2019-03-03");
        assert_eq!(source.entries[0].satisfaction, Some(7));
        let polish = "year,date,weekday,time,mood,activities,note\n2017,7 września,czwartek,12:10,dobrze,\"\",\"\"\n";
        let source = read(polish, &ImportOptions::default()).expect("read");
        assert_eq!(source.entries[0].date.to_string(), "2017-09-07");
        assert_eq!(source.unmapped_moods(), vec!["dobrze"]);
        let german =
            "year,date,weekday,time,mood,activities,note\n2020,4. Dezember,Freitag,8:00,rad,,\n";
        assert_eq!(
            read(german, &ImportOptions::default()).expect("read").entries[0].date.to_string(),
            "2020-12-04"
        );
        let unknown = "year,date,weekday,time,mood,activities,note\n2020,4 Foo,x,8:00,rad,,\n";
        let err = read(unknown, &ImportOptions::default()).expect_err("unknown month");
        assert!(err.to_string().starts_with("line 2: the date \"2020 4 Foo\""), "{err}");
    }
}
