//! Daylio CSV exports (`daylio/rules/` written for each rule, `daylio/real/` copied from
//! public repositories): columns by name, moods through the mood map, activities as tags,
//! checked against `fixtures/import/EXPECTED.md`.

use dualtrack_core::import::{ImportFormat, MoodLabel, parse_mood_map};

use super::*;

fn defaults() -> ImportOptions {
    ImportOptions::default()
}

/// The moods the DeutscheGabanna exports renamed, each given a satisfaction.
fn renamed_moods() -> ImportOptions {
    moods(&[
        ("vaguely ok", 6),
        ("vaguely good", 7),
        ("vaguely bad", 4),
        ("fatigued", 4),
        ("captivated", 8),
        ("tired", 4),
        ("grateful", 8),
        ("blissful", 10),
        ("in awe", 9),
        ("lifeless", 2),
        ("hungry", 5),
        ("helpless", 2),
        ("laughing", 9),
        ("rested", 8),
    ])
}

/// A `--mood-map` fixture, read as the CLI reads it.
fn mood_map(path: &str) -> dualtrack_core::Result<ImportOptions> {
    let text = std::fs::read_to_string(fixture(path)).expect("read");
    Ok(ImportOptions { moods: parse_mood_map(&text)?, ..ImportOptions::default() })
}

/// The words a Daylio fixture's rows hold as text (title, note, scales and cells past the
/// header's), without HTML tags and entities.
fn source_words(path: &str) -> String {
    let text = std::fs::read_to_string(fixture(path)).expect("read");
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> =
        reader.headers().expect("header").iter().map(str::to_lowercase).collect();
    let text_columns: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, name)| ["note_title", "note", "scales"].contains(&name.as_str()))
        .map(|(i, _)| i)
        .collect();
    let mut out = String::new();
    for record in reader.records() {
        let record = record.expect("record");
        for (i, cell) in record.iter().enumerate() {
            if text_columns.contains(&i) || i >= header.len() {
                out.push_str(&without_html(cell));
                out.push('\n');
            }
        }
    }
    out
}

fn without_html(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        let close = if rest[at..].starts_with('<') { '>' } else { ';' };
        match rest[at..].find(close).filter(|&end| end < 12) {
            Some(end) => rest = &rest[at + end + 1..],
            None => {
                out.push_str(&rest[at..=at]);
                rest = &rest[at + 1..];
            }
        }
        out.push(' ');
    }
    out.push_str(rest);
    out
}

/// Imports a file whose moods are not all mapped: the preview works and lists the labels, the
/// import refuses in one sentence naming each (and writes nothing). Returns the preview's
/// moods and the refusal.
fn unmapped(path: &str, options: &ImportOptions) -> (Vec<MoodLabel>, String) {
    let (_dir, mut j) = journal();
    let mut mine = Entry::empty(day("2000-01-01"));
    mine.text = "Mine.".into();
    j.save(&mine, now()).expect("save");
    let before = export(&j);
    let preview = import_with(&mut j, &fixture(path), options, true).expect(path);
    assert_eq!(export(&j), before, "{path}: the preview wrote something");
    let err = import_with(&mut j, &fixture(path), options, false).expect_err(path);
    assert_eq!(err.kind(), ErrorKind::InvalidImport, "{path}: {err}");
    assert_eq!(export(&j), before, "{path}: a refused file wrote something");
    one_sentence(&err.to_string());
    (preview.moods, err.to_string())
}

fn labels(moods: &[MoodLabel]) -> Vec<(String, usize, Option<u8>)> {
    let mut out: Vec<_> =
        moods.iter().map(|m| (m.label.clone(), m.count, m.satisfaction)).collect();
    out.sort();
    out
}

fn satisfaction(j: &Journal, date: &str) -> Option<u8> {
    entry(j, date).satisfaction
}

/// A file, the options, its source rows, skipped, warnings, and the days with content.
type Case<'a> = (&'a str, &'a ImportOptions, usize, usize, usize, &'a [&'a str]);

/// A file and the satisfaction of its days.
type Satisfactions<'a> = (&'a str, &'a [(&'a str, Option<u8>)]);

#[test]
fn every_daylio_export_gives_its_days_and_counts_and_keeps_every_word() {
    let renamed_map = mood_map("daylio/rules/mood_map.csv").expect("mood map");
    let polish =
        moods(&[("wspaniale", 9), ("dobrze", 7), ("tak sobie", 5), ("źle", 3), ("okropnie", 1)]);
    let dg = renamed_moods();
    let kplich_days: Vec<String> = (18..=31)
        .map(|d| format!("2017-08-{d}"))
        .chain((1..=7).map(|d| format!("2017-09-0{d}")))
        .collect();
    let kplich_days: Vec<&str> = kplich_days.iter().map(String::as_str).collect();
    let cases: &[Case] = &[
        (
            "rules/current_header.csv",
            &defaults(),
            3,
            0,
            0,
            &["2024-05-01", "2024-05-02", "2024-05-03"],
        ),
        (
            "rules/old_header_year.csv",
            &defaults(),
            3,
            0,
            0,
            &["2018-06-20", "2018-06-21", "2018-06-22"],
        ),
        (
            "rules/header_2020_no_note_title.csv",
            &defaults(),
            3,
            0,
            0,
            &["2020-12-18", "2020-12-19", "2020-12-20"],
        ),
        ("rules/bom_crlf.csv", &defaults(), 2, 0, 0, &["2024-06-01", "2024-06-02"]),
        ("rules/quoting.csv", &defaults(), 3, 0, 0, &["2024-07-01", "2024-07-02", "2024-07-03"]),
        (
            "rules/ragged_rows.csv",
            &defaults(),
            4,
            0,
            1,
            &["2024-07-31", "2024-08-01", "2024-08-02", "2024-08-03"],
        ),
        ("rules/times_12_24.csv", &defaults(), 8, 0, 0, &["2024-09-01", "2024-09-02"]),
        (
            "rules/several_rows_per_day.csv",
            &defaults(),
            17,
            0,
            0,
            &["2024-09-30", "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05"],
        ),
        (
            "rules/renamed_moods.csv",
            &renamed_map,
            7,
            0,
            0,
            &["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"],
        ),
        ("rules/html_notes.csv", &defaults(), 2, 0, 0, &["2024-12-01", "2024-12-02"]),
        ("rules/activities_pipes.csv", &defaults(), 2, 0, 0, &["2025-01-01", "2025-01-02"]),
        ("rules/scales_2026.csv", &defaults(), 3, 0, 0, &["2026-04-02", "2026-04-12"]),
        ("rules/empty_rows.csv", &defaults(), 3, 1, 0, &["2025-04-01", "2025-04-02"]),
        ("rules/over_32_activities_one_day.csv", &defaults(), 2, 0, 1, &["2025-05-01"]),
        (
            "real/staticf0x_test_data.csv",
            &defaults(),
            32,
            0,
            0,
            &["2020-05-25", "2020-05-27", "2020-05-28", "2020-05-29", "2020-05-30"],
        ),
        (
            "real/michaelcurrin_sample.csv",
            &moods(&[("sad", 3), ("average", 5)]),
            3,
            0,
            0,
            &["2021-09-26", "2021-09-27", "2021-09-28"],
        ),
        (
            "real/michaelcurrin_sample_multiple_moods.csv",
            &moods(&[("ok", 6), ("refreshed", 8), ("ok but sleepy", 5), ("anxious", 3)]),
            7,
            0,
            0,
            &["2020-07-21", "2020-08-25", "2020-08-28", "2020-08-31", "2021-05-12"],
        ),
        (
            "real/deutschegabanna_daylio_export_ok_scales.csv",
            &dg,
            7,
            0,
            0,
            &["2026-03-30", "2026-03-31", "2026-04-02", "2026-04-12"],
        ),
        (
            "real/deutschegabanna_daylio_export_ok.csv",
            &dg,
            12,
            0,
            1,
            &["2022-10-25", "2022-10-26", "2022-10-27", "2022-10-30"],
        ),
        (
            "real/deutschegabanna_daylio_export_escaped_characters.csv",
            &dg,
            5,
            0,
            1,
            &["2022-10-26", "2022-10-27", "2022-10-30"],
        ),
        ("real/kplich_daylio_export_pl.csv", &polish, 21, 0, 0, &kplich_days),
    ];
    for (file, options, source_entries, skipped, warnings, days) in cases {
        let path = format!("daylio/{file}");
        let expect = Expect {
            source_entries: *source_entries,
            skipped: *skipped,
            warnings: *warnings,
            days,
        };
        let (_dir, j, report) = imports_as(ImportFormat::Daylio, &path, options, &expect);
        assert!(report.moods.iter().all(|m| m.satisfaction.is_some()), "{file}");
        keeps_every_word(&j, &source_words(&path));
    }
}

#[test]
fn satisfaction_is_the_mean_of_a_days_moods_rounded_half_up() {
    let cases: &[Satisfactions] = &[
        (
            "current_header.csv",
            &[("2024-05-01", Some(5)), ("2024-05-02", Some(9)), ("2024-05-03", Some(7))],
        ),
        (
            "old_header_year.csv",
            &[("2018-06-20", Some(7)), ("2018-06-21", Some(5)), ("2018-06-22", Some(3))],
        ),
        (
            "header_2020_no_note_title.csv",
            &[("2020-12-18", Some(3)), ("2020-12-19", Some(7)), ("2020-12-20", Some(5))],
        ),
        ("bom_crlf.csv", &[("2024-06-01", Some(5)), ("2024-06-02", Some(7))]),
        (
            "quoting.csv",
            &[("2024-07-01", Some(9)), ("2024-07-02", Some(5)), ("2024-07-03", Some(7))],
        ),
        (
            "ragged_rows.csv",
            &[
                ("2024-07-31", Some(3)),
                ("2024-08-01", Some(9)),
                ("2024-08-02", Some(5)),
                ("2024-08-03", Some(7)),
            ],
        ),
        ("times_12_24.csv", &[("2024-09-01", Some(5)), ("2024-09-02", Some(7))]),
        (
            "several_rows_per_day.csv",
            &[
                ("2024-09-30", Some(8)),
                ("2024-10-01", Some(6)),
                ("2024-10-02", Some(6)),
                ("2024-10-03", Some(8)),
                ("2024-10-04", Some(2)),
                ("2024-10-05", Some(7)),
            ],
        ),
        ("html_notes.csv", &[("2024-12-01", Some(7)), ("2024-12-02", Some(7))]),
        ("activities_pipes.csv", &[("2025-01-01", Some(5)), ("2025-01-02", Some(7))]),
        ("scales_2026.csv", &[("2026-04-02", Some(5)), ("2026-04-12", Some(8))]),
        ("empty_rows.csv", &[("2025-04-01", Some(7)), ("2025-04-02", None)]),
        ("over_32_activities_one_day.csv", &[("2025-05-01", Some(7))]),
    ];
    for (file, days) in cases {
        let (_dir, j, _) = import_checked(&format!("daylio/rules/{file}"), &defaults());
        for (date, want) in *days {
            assert_eq!(satisfaction(&j, date), *want, "{file} {date}");
        }
    }

    let (_dir, j, report) = import_checked("daylio/real/staticf0x_test_data.csv", &defaults());
    for (date, want) in [
        ("2020-05-25", 3),
        ("2020-05-27", 8),
        ("2020-05-28", 8),
        ("2020-05-29", 9),
        ("2020-05-30", 9),
    ] {
        assert_eq!(satisfaction(&j, date), Some(want), "{date}");
    }
    for (date, tags) in [
        ("2020-05-25", &["work", "nap"][..]),
        ("2020-05-27", &["work", "good-meal", "cleaning", "gaming", "nap"]),
        ("2020-05-28", &["cleaning", "nap"]),
        ("2020-05-29", &["movies", "gaming", "work", "good-meal", "programming"]),
        ("2020-05-30", &["shopping", "walk", "friends", "gaming", "programming", "nap"]),
    ] {
        assert_eq!(entry(&j, date).tags, tags, "{date}");
    }
    assert_eq!(renamed(&report), pairs(&[("good meal", "good-meal")]));
    in_order(
        &entry(&j, "2020-05-25").text,
        &["### 07:09", "### 14:58\n\nCould be better", "### 16:57"],
    );
}

#[test]
fn columns_are_found_by_name_in_every_header_variant() {
    let (_dir, j, _) = import_checked("daylio/rules/current_header.csv", &defaults());
    assert_eq!(entry(&j, "2024-05-01").text, "### 07:05", "a mood alone makes the day count");
    let birthday = entry(&j, "2024-05-02");
    assert_eq!(birthday.text, "### 21:40 · Birthday\n\nCake with everyone.");
    assert_eq!(birthday.tags, vec!["family", "cooking"]);
    assert_eq!(entry(&j, "2024-05-03").tags, vec!["work", "reading"]);

    let (_dir, j, report) = import_checked("daylio/rules/old_header_year.csv", &defaults());
    assert_eq!(entry(&j, "2018-06-20").tags, vec!["work", "relax"]);
    assert_eq!(entry(&j, "2018-06-21").tags, vec!["work", "bike"]);
    assert_eq!(entry(&j, "2018-06-22").text, "### 20:39\n\nLong day.");
    assert_eq!(renamed(&report), pairs(&[("Bike", "bike")]));

    let (_dir, j, _) = import_checked("daylio/rules/header_2020_no_note_title.csv", &defaults());
    assert_eq!(entry(&j, "2020-12-18").tags, vec!["work"]);
    let party = entry(&j, "2020-12-19");
    assert_eq!(
        (party.text.as_str(), party.tags),
        ("### 21:13\n\nFriends over.", vec!["party".to_owned()])
    );
    assert_eq!(entry(&j, "2020-12-20").text, "### 03:26");
}

#[test]
fn a_bom_crlf_and_quoted_or_bare_fields_read_alike() {
    let (_dir, j, _) = import_checked("daylio/rules/bom_crlf.csv", &defaults());
    assert_eq!(entry(&j, "2024-06-01").text, "### 20:00\n\nPlain note.");
    let summit = entry(&j, "2024-06-02");
    assert_eq!(summit.text, "### 21:00 · Summit\n\nTwo lines:\nfirst line, second line.");
    assert_eq!(summit.tags, vec!["hiking"]);
    assert!(all(&j).iter().all(|e| !e.text.contains('\r')));

    let (_dir, j, report) = import_checked("daylio/rules/quoting.csv", &defaults());
    assert_eq!(entry(&j, "2024-07-01").text, "### 20:00");
    let bare = entry(&j, "2024-07-02");
    assert_eq!(bare.text, "### 20:00 · Unquoted title\n\nUnquoted note without commas");
    assert_eq!(bare.tags, vec!["reading"]);
    let quoted = entry(&j, "2024-07-03");
    assert_eq!(quoted.text, "### 20:00 · Dolomet \"with quotes\"\n\nShe said \"hi\", then left.");
    assert_eq!(quoted.tags, vec!["sos", "quoted-activity"]);
    assert_eq!(renamed(&report), pairs(&[("\"quoted activity\"", "quoted-activity")]));
}

#[test]
fn a_long_rows_extra_text_joins_its_note_with_a_warning_and_a_short_row_is_fine() {
    let (_dir, j, report) = import_checked("daylio/rules/ragged_rows.csv", &defaults());
    assert_eq!(entry(&j, "2024-08-03").text, "### 20:00 · Short row");
    assert_eq!(entry(&j, "2024-08-02").text, "### 20:00\n\nNormal row.");
    assert_eq!(entry(&j, "2024-08-01").text, "### 20:00\n\nLong row.\n\nExtra cell text.");
    assert_eq!(entry(&j, "2024-07-31").text, "### 20:00\n\nLong row with an empty extra cell.");
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].starts_with("line 4:"), "{:?}", report.warnings);
    let tags: Vec<String> = all(&j).into_iter().flat_map(|e| e.tags).collect();
    assert_eq!(tags, vec!["party", "work", "walk"]);

    for file in [
        "deutschegabanna_daylio_export_ok.csv",
        "deutschegabanna_daylio_export_escaped_characters.csv",
    ] {
        let options = renamed_moods();
        let (_dir, j, report) = import_checked(&format!("daylio/real/{file}"), &options);
        assert!(report.warnings[0].starts_with("line 5:"), "{file}: {:?}", report.warnings);
        let text = entry(&j, "2022-10-26").text;
        let note = if file.contains("escaped") { "\"interdum\"" } else { "interdum" };
        let last = format!(
            "### 22:00\n\nSed ut est {note}\n\nMaecenas dictum augue in nibh pellentesque porttitor."
        );
        assert!(text.ends_with(&last), "{file}: {text}");
    }
}

#[test]
fn twelve_and_twenty_four_hour_times_order_a_day() {
    let (_dir, j, _) = import_checked("daylio/rules/times_12_24.csv", &defaults());
    assert_eq!(
        entry(&j, "2024-09-01").text,
        "### 00:01\n\nlower-case am just after midnight.\n\n### 20:15\n\nlower-case pm.\n\n\
         ### 23:59\n\nlast minute of the day."
    );
    in_order(
        &entry(&j, "2024-09-02").text,
        &[
            "### 00:00\n\n12:00 AM is midnight.",
            "### 07:05\n\n24-hour unpadded 7:05.",
            "### 09:05\n\n24-hour padded 09:05.",
            "### 12:30\n\n12:30 PM is half past noon.",
            "### 21:05\n\n24-hour padded 21:05.",
        ],
    );
}

#[test]
fn renamed_moods_are_listed_by_the_preview_refused_unmapped_and_read_through_a_map() {
    let (moods_seen, message) = unmapped("daylio/rules/renamed_moods.csv", &defaults());
    assert_eq!(
        labels(&moods_seen),
        vec![
            ("good".to_owned(), 1, Some(7)),
            ("great".to_owned(), 3, None),
            ("meh".to_owned(), 1, Some(5)),
            ("so-so".to_owned(), 2, None),
        ]
    );
    assert!(message.contains("\"great\"") && message.contains("\"so-so\""), "{message}");

    let (_dir, j, _) = import_checked(
        "daylio/rules/renamed_moods.csv",
        &mood_map("daylio/rules/mood_map.csv").expect("map"),
    );
    for (date, want) in [("2024-11-01", 8), ("2024-11-02", 8), ("2024-11-03", 5), ("2024-11-04", 6)]
    {
        assert_eq!(satisfaction(&j, date), Some(want), "{date}");
    }

    let partial = mood_map("daylio/rules/mood_map_partial.csv").expect("map");
    let (_, message) = unmapped("daylio/rules/renamed_moods.csv", &partial);
    assert!(message.contains("\"so-so\"") && !message.contains("\"great\""), "{message}");

    let err = mood_map("daylio/rules/mood_map_out_of_range.csv").expect_err("11 is out of range");
    assert_eq!(err.kind(), ErrorKind::InvalidImport);
    let message = err.to_string();
    assert!(
        message.contains("so-so") && message.contains("11") && message.contains("1–10"),
        "{message}"
    );
    one_sentence(&message);

    // A map entry for a built-in label overrides it.
    let (_dir, j, _) = import_checked("daylio/rules/current_header.csv", &moods(&[("Meh", 4)]));
    assert_eq!(satisfaction(&j, "2024-05-01"), Some(4));
}

#[test]
fn real_exports_with_their_own_moods_name_every_unmapped_label() {
    let cases: &[(&str, &[&str])] = &[
        ("michaelcurrin_sample.csv", &["sad", "average"]),
        (
            "michaelcurrin_sample_multiple_moods.csv",
            &["OK", "Refreshed", "ok but sleepy", "Anxious"],
        ),
        (
            "deutschegabanna_daylio_export_ok_scales.csv",
            &["helpless", "laughing", "rested", "vaguely ok", "tired", "vaguely bad"],
        ),
        (
            "deutschegabanna_daylio_export_ok.csv",
            &[
                "vaguely ok",
                "vaguely good",
                "fatigued",
                "captivated",
                "tired",
                "grateful",
                "blissful",
                "in awe",
                "lifeless",
                "hungry",
            ],
        ),
        (
            "deutschegabanna_daylio_export_escaped_characters.csv",
            &["vaguely ok", "vaguely good", "fatigued", "captivated", "tired"],
        ),
        ("kplich_daylio_export_pl.csv", &["wspaniale", "dobrze", "tak sobie", "źle", "okropnie"]),
    ];
    for (file, want) in cases {
        let (seen, message) = unmapped(&format!("daylio/real/{file}"), &defaults());
        let mut missing: Vec<&str> =
            seen.iter().filter(|m| m.satisfaction.is_none()).map(|m| m.label.as_str()).collect();
        missing.sort_unstable();
        let mut want = want.to_vec();
        want.sort_unstable();
        assert_eq!(missing, want, "{file}");
        for label in want {
            assert!(message.contains(&format!("{label:?}")), "{file}: {message}");
        }
    }

    let (seen, _) = unmapped("daylio/real/michaelcurrin_sample_multiple_moods.csv", &defaults());
    let mapped: Vec<(&str, Option<u8>)> = seen
        .iter()
        .filter(|m| m.satisfaction.is_some())
        .map(|m| (m.label.as_str(), m.satisfaction))
        .collect();
    assert_eq!(mapped.len(), 2);
    assert!(mapped.contains(&("good", Some(7))) && mapped.contains(&("bad", Some(3))));
}

#[test]
fn html_notes_become_markdown_and_a_lone_ampersand_stays() {
    let (_dir, j, _) = import_checked("daylio/rules/html_notes.csv", &defaults());
    assert_eq!(
        entry(&j, "2024-12-02").text,
        "### 21:00 · Review\n\nLine one\nLine two\n\nAfter a blank line"
    );
    assert_eq!(
        entry(&j, "2024-12-01").text,
        "### 21:00\n\n**Bold** and *italic*, R&D & more <3 and \"quotes\""
    );
}

#[test]
fn activities_become_tags_trimmed_then_normalised() {
    let (_dir, j, report) = import_checked("daylio/rules/activities_pipes.csv", &defaults());
    assert_eq!(
        entry(&j, "2025-01-02").tags,
        vec!["work", "reading", "11-meeting", "deep-work", "café"]
    );
    assert_eq!(
        entry(&j, "2025-01-01").tags,
        vec!["movies-tv", "sleeping", "stressed-frustrated", "cook"]
    );
    assert_eq!(
        renamed(&report),
        pairs(&[
            ("1:1 meeting", "11-meeting"),
            ("Deep Work", "deep-work"),
            ("movies / tv", "movies-tv"),
            ("Sleeping", "sleeping"),
            ("stressed / frustrated", "stressed-frustrated"),
        ])
    );

    let (_dir, j, _) = import_checked(
        "daylio/real/michaelcurrin_sample.csv",
        &moods(&[("sad", 3), ("average", 5)]),
    );
    assert_eq!(
        entry(&j, "2021-09-27").tags,
        vec![
            "stressed-frustrated",
            "eat-out",
            "cook",
            "vegetarian-day",
            "relax",
            "nature-walk",
            "music",
            "movies-tv",
            "bad-sleep",
            "tired",
            "sleep-early",
            "stomachache",
        ]
    );

    let options = renamed_moods();
    let (_dir, j, report) =
        import_checked("daylio/real/deutschegabanna_daylio_export_ok.csv", &options);
    assert_eq!(entry(&j, "2022-10-30").tags, vec!["2ćities-skylines", "dólóó-fas_ą"]);
    let renames = renamed(&report);
    assert!(
        renames.contains(&("2ćities  skylines".into(), "2ćities-skylines".into())),
        "{renames:?}"
    );
    assert!(renames.contains(&("dó#lóó fa$$s_ą%".into(), "dólóó-fas_ą".into())), "{renames:?}");
}

#[test]
fn scales_are_one_line_of_text_not_tags() {
    let (_dir, j, _) = import_checked("daylio/rules/scales_2026.csv", &defaults());
    assert_eq!(
        entry(&j, "2026-04-12").text,
        "### 12:00 · Rested\n\nTesting the note.\n\n\
         Sleep Quality: 8/10 points | Sleep Time: 8:00 | Awake mid-sleep: 1:00\n\n### 14:03\n\nBruuuuh."
    );
    let office = entry(&j, "2026-04-02");
    assert_eq!(
        office.text,
        "### 10:00\n\nNever mind**d**.\n\nSleep Quality: 6/10 points | Sleep Time: 7:30"
    );
    assert_eq!(office.tags, vec!["allegro", "at-the-office"]);
    assert!(all(&j).iter().all(|e| !e.text.contains('\u{a0}')), "no-break spaces became spaces");
}

#[test]
fn an_empty_row_is_skipped_and_a_note_without_a_mood_has_no_satisfaction() {
    let (_dir, j, report) = import_checked("daylio/rules/empty_rows.csv", &defaults());
    let note = entry(&j, "2025-04-02");
    assert_eq!(
        (note.text.as_str(), note.satisfaction),
        ("### 21:00\n\nNote without a mood.", None)
    );
    assert_eq!(report.skipped, 1);
}

#[test]
fn tags_past_thirty_two_go_into_the_days_text_with_a_warning() {
    let (_dir, j, report) =
        import_checked("daylio/rules/over_32_activities_one_day.csv", &defaults());
    let crowded = entry(&j, "2025-05-01");
    let first: Vec<String> = (1..=32).map(|i| format!("act{i:02}")).collect();
    assert_eq!(crowded.tags, first);
    assert!(crowded.text.ends_with("\n\nTags: act33, act34"), "{}", crowded.text);
    assert!(report.warnings[0].starts_with("2025-05-01:"), "{:?}", report.warnings);
    assert!(report.warnings[0].contains("act33, act34"), "{:?}", report.warnings);

    // Into a day that has tags of its own, the import's overflow is what goes to the text.
    let (_dir, mut j) = journal();
    let mut mine = Entry::empty(day("2025-05-01"));
    mine.tags = vec!["mine".into(), "act01".into()];
    j.save(&mine, now()).expect("save");
    let report = import_file(&mut j, "daylio/rules/over_32_activities_one_day.csv");
    let merged = entry(&j, "2025-05-01");
    assert_eq!((report.merged, merged.tags.len()), (1, 32));
    assert_eq!(merged.tags[..2], ["mine", "act01"]);
    assert!(merged.text.ends_with("\n\nTags: act32, act33, act34"), "{}", merged.text);
}

#[test]
fn broken_files_are_refused_by_line_and_write_nothing() {
    let forced = ImportOptions { format: Some(ImportFormat::Daylio), ..ImportOptions::default() };
    let cases: &[(&str, &ImportOptions, &[&str])] = &[
        ("truncated.csv", &defaults(), &["line 3:"]),
        ("bad_date_row.csv", &defaults(), &["line 3:", "2025-02-30"]),
        ("no_header.csv", &defaults(), &["line 1:", "header"]),
        ("no_header.csv", &forced, &["line 1:", "header"]),
    ];
    for (file, options, needles) in cases {
        let message = refused(&format!("daylio/rules/{file}"), options);
        for needle in *needles {
            assert!(message.contains(needle), "{file}: {message}");
        }
    }
}

#[test]
fn an_imported_day_that_exists_is_appended_below_its_own_text() {
    merges_below_existing("daylio/rules/current_header.csv", &defaults(), "2024-05-02", "Daylio");
    merges_below_existing(
        "daylio/rules/several_rows_per_day.csv",
        &defaults(),
        "2024-10-03",
        "Daylio",
    );
}
