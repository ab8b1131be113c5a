//! Day One exports (`dayone/rules/` written for each rule, `dayone/real/` copied from public
//! repositories), checked against `fixtures/import/EXPECTED.md`.

use dualtrack_core::import::ImportFormat;

use super::*;

fn dayone() -> ImportOptions {
    ImportOptions::default()
}

/// Every `text` of a Day One JSON fixture with its media links taken out (they become
/// placeholders), for "every word is kept".
fn source_texts(path: &str) -> String {
    let json = std::fs::read_to_string(fixture(path)).expect("read");
    let root: serde_json::Value = serde_json::from_str(&json).expect("json");
    let mut out = String::new();
    for item in root["entries"].as_array().expect("entries") {
        let Some(mut text) = item["text"].as_str().map(str::to_owned) else { continue };
        while let Some(at) = text.find("![](dayone-moment:") {
            let end = text[at..].find(')').map_or(text.len(), |e| at + e + 1);
            text.replace_range(at..end, " ");
        }
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// A file, its source entries, skipped, media left out, warnings, and the days with content.
type Case<'a> = (&'a str, usize, usize, usize, usize, &'a [&'a str]);

#[test]
fn every_day_one_export_gives_its_days_counts_and_media_and_keeps_every_word() {
    let cases: &[Case] = &[
        ("rules/evening_los_angeles.json", 3, 0, 0, 0, &["2024-03-04", "2024-03-05"]),
        (
            "rules/offset_creation_date.json",
            3,
            0,
            0,
            0,
            &["2024-03-10", "2024-03-11", "2024-07-01"],
        ),
        ("rules/dst_change_day.json", 6, 0, 0, 0, &["2024-03-10", "2024-03-11", "2024-11-03"]),
        (
            "rules/zone_aliases.json",
            5,
            0,
            0,
            0,
            &["2024-01-15", "2024-01-16", "2024-01-17", "2024-01-19"],
        ),
        (
            "rules/invalid_and_missing_zone.json",
            5,
            0,
            0,
            2,
            &["2024-02-01", "2024-02-02", "2024-02-03", "2024-02-05", "2024-02-06"],
        ),
        ("rules/backslash_escapes.json", 1, 0, 0, 0, &["2024-04-02"]),
        ("rules/missing_and_empty_text.json", 5, 3, 0, 0, &["2024-01-08", "2024-01-11"]),
        ("rules/tags_normalisation.json", 2, 0, 0, 1, &["2024-05-06"]),
        ("rules/starred.json", 3, 0, 0, 0, &["2024-06-12", "2024-06-13"]),
        ("rules/same_timestamp_two_uuids.json", 2, 0, 0, 0, &["2024-08-20"]),
        (
            "rules/photos.json",
            5,
            0,
            6,
            0,
            &["2024-09-01", "2024-09-02", "2024-09-03", "2024-09-04"],
        ),
        ("rules/missing_modified_date.json", 2, 0, 0, 0, &["2024-02-14", "2024-02-15"]),
        ("rules/android_2024_14.json", 4, 1, 1, 0, &["2024-07-22", "2024-07-23", "2024-07-24"]),
        ("rules/several_entries_one_day.json", 3, 0, 0, 0, &["2024-10-10"]),
        ("rules/export.zip", 2, 0, 1, 0, &["2024-11-01", "2024-11-02"]),
        ("rules/export_two_journals.zip", 3, 0, 1, 0, &["2024-11-01", "2024-11-02"]),
        (
            "real/marcdonald_dev_journal.json",
            5,
            0,
            6,
            0,
            &["2024-04-17", "2024-04-18", "2024-04-19", "2024-04-21"],
        ),
        // One entry's `text` is an object: read as no text (so skipped), with a warning.
        (
            "real/marcdonald_dev_journal_one_invalid.json",
            6,
            1,
            5,
            1,
            &["2024-04-17", "2024-04-18", "2024-04-19", "2024-04-21"],
        ),
        ("real/ergebnis_single_entry_photo_object.json", 1, 0, 3, 0, &["2004-10-12"]),
        ("real/ergebnis_empty.json", 0, 0, 0, 0, &[]),
    ];
    for &(file, source_entries, skipped, media, warnings, days) in cases {
        let path = format!("dayone/{file}");
        let (_dir, j, report) = import_checked(&path, &dayone());
        assert_eq!(report.format, ImportFormat::Dayone, "{file}");
        assert_eq!(
            (report.source_entries, report.skipped, report.days, report.media_left_out),
            (source_entries, skipped, days.len(), media),
            "{file}"
        );
        assert_eq!(report.warnings.len(), warnings, "{file}: {:?}", report.warnings);
        assert_eq!(dates(&j), days, "{file}");
        assert!(
            all(&j).iter().all(|e| !e.text.contains("dayone-moment:")),
            "{file}: a media link survived"
        );
        if file.ends_with(".json") {
            keeps_every_word(&j, &source_texts(&path));
        }
    }
}

#[test]
fn an_entry_belongs_to_its_local_date_in_its_own_time_zone() {
    let (_dir, j, _) = import_checked("dayone/rules/evening_los_angeles.json", &dayone());
    let evening = entry(&j, "2024-03-04");
    assert_eq!(evening.text, "### 20:30\n\nEvening walk after the planning meeting.");
    assert_eq!(evening.tags, vec!["walk"]);
    let next = entry(&j, "2024-03-05");
    assert_eq!(
        next.text,
        "### 08:00\n\nMorning coffee with the new hire.\n\n### 23:59\n\nLate night: wrote the team update."
    );
    assert!(next.tags.is_empty());

    // The zone decides, not the offset written with the instant.
    let (_dir, j, _) = import_checked("dayone/rules/offset_creation_date.json", &dayone());
    for (date, text) in [
        ("2024-03-10", "### 01:30\n\nOffset in the timestamp, zone agrees."),
        (
            "2024-03-11",
            "### 05:00\n\nOffset says the 10th, the zone says the 11th; the zone decides.",
        ),
        ("2024-07-01", "### 01:00\n\nHalf-hour offset just after midnight."),
    ] {
        assert_eq!(entry(&j, date).text, text, "{date}");
    }

    // Old IANA names are zones like any other; Etc/GMT+5 is five hours behind UTC.
    let (_dir, j, report) = import_checked("dayone/rules/zone_aliases.json", &dayone());
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(entry(&j, "2024-01-15").text, "### 22:30\n\nAlias US/Pacific.");
    assert_eq!(entry(&j, "2024-01-16").text, "### 23:00\n\nAlias America/Buenos_Aires.");
    assert_eq!(entry(&j, "2024-01-17").text, "### 23:30\n\nAlias GMT.");
    assert_eq!(
        entry(&j, "2024-01-19").text,
        "### 00:30\n\nAlias Asia/Calcutta.\n\n### 22:00\n\nEtc/GMT+5 is five hours behind UTC."
    );
}

#[test]
fn daylight_saving_changes_move_no_entry_to_a_wrong_day() {
    let (_dir, j, _) = import_checked("dayone/rules/dst_change_day.json", &dayone());
    assert_eq!(
        entry(&j, "2024-03-10").text,
        "### 01:59\n\nLast minute of standard time.\n\n### 03:00\n\nFirst minute of daylight time."
    );
    assert_eq!(entry(&j, "2024-03-11").text, "### 00:30\n\nHalf past midnight, daylight time.");
    // Fall back: 01:30 twice, in their real order, and 23:30 EST still on the 3rd.
    assert_eq!(
        entry(&j, "2024-11-03").text,
        "### 01:30\n\nFirst half past one (daylight time).\n\n\
         ### 01:30\n\nSecond half past one (standard time).\n\n\
         ### 23:30\n\nHalf past eleven, standard time."
    );
}

#[test]
fn an_unknown_or_missing_zone_falls_back_to_the_offset_with_warnings() {
    let (_dir, j, report) = import_checked("dayone/rules/invalid_and_missing_zone.json", &dayone());
    for (date, text) in [
        ("2024-02-01", "### 23:30\n\nInvalid zone, Z timestamp."),
        ("2024-02-02", "### 12:00\n\nNo zone, Z timestamp."),
        ("2024-02-03", "### 23:30\n\nNo zone, offset timestamp."),
        ("2024-02-05", "### 10:00\n\nEmpty zone string."),
        ("2024-02-06", "### 22:00\n\nInvalid zone, offset timestamp."),
    ] {
        assert_eq!(entry(&j, date).text, text, "{date}");
    }
    let warnings = report.warnings.join("\n");
    assert!(warnings.contains("Mars/Olympus") && warnings.contains("(2 entries)"), "{warnings}");
    assert!(warnings.contains("3 entries had no time zone"), "{warnings}");
}

#[test]
fn backslash_escapes_are_undone_and_other_backslashes_stay() {
    let (_dir, j, _) = import_checked("dayone/rules/backslash_escapes.json", &dayone());
    assert_eq!(
        entry(&j, "2024-04-02").text,
        "### 10:00\n\nSprint review at 9.30 - went well! (Mostly.)\n1. Hire two engineers.\n\
         Literal backslash: \\ and a\\b stay."
    );
}

#[test]
fn empty_entries_are_skipped_and_tags_alone_make_a_day() {
    let (_dir, j, report) = import_checked("dayone/rules/missing_and_empty_text.json", &dayone());
    let gym = entry(&j, "2024-01-08");
    assert_eq!(gym.text, "### 07:00", "no text, only the entry's time");
    assert_eq!(gym.tags, vec!["gym"]);
    assert_eq!(renamed(&report), pairs(&[("Gym", "gym")]));
    assert_eq!(entry(&j, "2024-01-11").text, "### 07:00\n\nOnly entry of the day with words.");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn tags_are_normalised_merged_and_every_rename_is_reported() {
    let (_dir, j, report) = import_checked("dayone/rules/tags_normalisation.json", &dayone());
    let day = entry(&j, "2024-05-06");
    assert_eq!(
        day.tags,
        vec![
            "work-life",
            "mixedcase",
            "日本語",
            "café-au-lait",
            "11-meeting",
            "c",
            "hashtag",
            "already-ok",
            "snake_case",
            "a-very-long-tag-name-that-keeps",
            "party",
            "padded",
            "new",
        ]
    );
    assert_eq!(day.tags[9].chars().count(), 31);
    assert_eq!(
        renamed(&report),
        pairs(&[
            ("Work Life", "work-life"),
            ("MixedCase", "mixedcase"),
            ("café au lait", "café-au-lait"),
            ("1:1 meeting", "11-meeting"),
            ("C++", "c"),
            ("#hashtag", "hashtag"),
            (
                "A very long tag name that keeps going past the limit",
                "a-very-long-tag-name-that-keeps"
            ),
            ("party🎉", "party"),
            ("work life", "work-life"),
            ("  padded  ", "padded"),
        ])
    );
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].contains("\"!!!\""), "{:?}", report.warnings);
}

#[test]
fn a_starred_entry_tags_its_day_starred_once() {
    let (_dir, j, report) = import_checked("dayone/rules/starred.json", &dayone());
    assert_eq!(entry(&j, "2024-06-12").tags, vec!["career", "starred"]);
    assert!(entry(&j, "2024-06-13").tags.is_empty());
    assert_eq!(renamed(&report), pairs(&[("Career", "career"), ("Starred", "starred")]));
}

#[test]
fn two_entries_with_one_timestamp_are_both_kept_by_uuid() {
    let (_dir, j, _) = import_checked("dayone/rules/same_timestamp_two_uuids.json", &dayone());
    assert_eq!(
        entry(&j, "2024-08-20").text,
        "### 20:00\n\nFirst of two entries at the same moment.\n\n\
         ### 20:00\n\nSecond of two entries at the same moment."
    );
}

#[test]
fn media_become_placeholders_and_are_counted_once() {
    let (_dir, j, report) = import_checked("dayone/rules/photos.json", &dayone());
    assert_eq!(report.media_left_out, 6);
    for (date, text) in [
        (
            "2024-09-01",
            "### 09:00\n\nWhiteboard after the offsite:\n\n[photo]\n\nGood session.\n\n\
             ### 15:00\n\n[photo]\n[photo]",
        ),
        ("2024-09-02", "### 09:00\n\nDemo recording: [video] and notes."),
        ("2024-09-03", "### 09:00\n\nVoice memo [audio]"),
        ("2024-09-04", "### 09:00\n\nPhoto attached but not placed in the text."),
    ] {
        assert_eq!(entry(&j, date).text, text, "{date}");
    }
    assert!(report.lines().iter().any(|l| l.starts_with("6 photos and other media files")));
}

#[test]
fn an_android_export_reads_like_an_apple_one() {
    let (_dir, j, report) = import_checked("dayone/rules/android_2024_14.json", &dayone());
    let offsite = entry(&j, "2024-07-22");
    assert_eq!(offsite.text, "### 22:19\n\n# Team offsite\n\nPlanning day went well.");
    assert_eq!(offsite.tags, vec!["offsite", "planning-day"]);
    assert_eq!(renamed(&report), pairs(&[("Planning Day", "planning-day")]));
    let starred = entry(&j, "2024-07-23");
    assert_eq!(starred.text, "### 05:49\n\nAnother note\nStarred on Android");
    assert_eq!(starred.tags, vec!["starred"]);
    assert_eq!(entry(&j, "2024-07-24").text, "### 00:30\n\nPhoto from the whiteboard\n\n[photo]");
    assert_eq!((report.skipped, report.media_left_out), (1, 1));
}

#[test]
fn a_days_entries_merge_in_time_order_whatever_the_file_order() {
    let (_dir, j, report) = import_checked("dayone/rules/several_entries_one_day.json", &dayone());
    let day = entry(&j, "2024-10-10");
    assert_eq!(
        day.text,
        "### 08:30\n\nMorning: reviewed the roadmap.\n\n### 12:15\n\nLunch with the architects.\n\n\
         ### 18:00\n\nEvening: one-on-ones done."
    );
    assert_eq!(day.tags, vec!["roadmap", "lunch", "1on1"]);
    assert_eq!(renamed(&report), pairs(&[("Roadmap", "roadmap")]));
}

#[test]
fn an_entry_without_a_modified_date_is_an_entry_like_any_other() {
    let (_dir, j, report) = import_checked("dayone/rules/missing_modified_date.json", &dayone());
    assert_eq!(entry(&j, "2024-02-14").text, "### 13:00\n\nNo modifiedDate on this entry.");
    assert_eq!(entry(&j, "2024-02-15").text, "### 13:00\n\nThis one has a modifiedDate.");
    assert!(report.warnings.is_empty());
}

#[test]
fn every_journal_of_an_export_zip_is_read() {
    let (_dir, j, report) = import_checked("dayone/rules/export.zip", &dayone());
    assert_eq!(entry(&j, "2024-11-01").text, "### 21:30\n\nZipped entry with a photo:\n\n[photo]");
    let second = entry(&j, "2024-11-02");
    assert_eq!(second.text, "### 08:00\n\nZipped entry without media.");
    assert_eq!(second.tags, vec!["zip-test"]);
    assert_eq!(renamed(&report), pairs(&[("Zip Test", "zip-test")]));

    let (_dir, j, _) = import_checked("dayone/rules/export_two_journals.zip", &dayone());
    let second = entry(&j, "2024-11-02");
    assert_eq!(
        second.text,
        "### 08:00\n\nZipped entry without media.\n\n\
         ### 12:00\n\nEntry in the second journal of the same zip."
    );
    assert_eq!(second.tags, vec!["zip-test", "work"]);
}

#[test]
fn an_imported_day_that_exists_is_appended_below_its_own_text() {
    merges_below_existing(
        "dayone/rules/evening_los_angeles.json",
        &dayone(),
        "2024-03-04",
        "Day One",
    );
    let (_dir, mut j) = journal();
    let mut mine = Entry::empty(day("2024-03-04"));
    mine.text = "Existing.".into();
    mine.satisfaction = Some(4);
    mine.tags = vec!["mine".into()];
    j.save(&mine, now()).expect("save");
    import_file(&mut j, "dayone/rules/evening_los_angeles.json");
    let merged = entry(&j, "2024-03-04");
    assert_eq!(
        merged.text,
        "Existing.\n\n## Imported from Day One\n\n### 20:30\n\nEvening walk after the planning meeting."
    );
    assert_eq!(merged.tags, vec!["mine", "walk"]);
}

#[test]
fn broken_or_foreign_files_are_refused_by_entry_and_write_nothing() {
    let forced = ImportOptions { format: Some(ImportFormat::Dayone), ..ImportOptions::default() };
    let cases: &[(&str, &ImportOptions, &[&str])] = &[
        ("rules/truncated.json", &dayone(), &["line 32"]),
        ("rules/truncated.json", &forced, &["line 32"]),
        ("rules/not_dayone.json", &dayone(), &["not an export of", "Day One", "jrnl", "Dualtrack"]),
        ("rules/not_dayone.json", &forced, &["\"entries\"", "Day One"]),
        ("rules/bad_creation_date.json", &dayone(), &["0BADDA7E000000000000000000000002"]),
        ("rules/missing_creation_date.json", &dayone(), &["0BADDA7E000000000000000000000004"]),
    ];
    for (file, options, needles) in cases {
        let message = refused(&format!("dayone/{file}"), options);
        for needle in *needles {
            assert!(message.contains(needle), "{file}: {message}");
        }
    }
}

#[test]
fn an_entry_whose_text_is_no_string_is_read_without_text_and_named() {
    let (_dir, j, report) =
        import_checked("dayone/real/marcdonald_dev_journal_one_invalid.json", &dayone());
    assert_eq!(report.warnings.len(), 1);
    let warning = &report.warnings[0];
    assert!(warning.contains("1461153D91EC48C180C606C853FBFD83"), "{warning}");
    assert!(warning.contains("an object"), "{warning}");
    // The entry of the same uuid with text is imported.
    assert!(
        entry(&j, "2024-04-18").text.starts_with("### 00:00\n\nPariatur aute nulla incididunt.")
    );
}

#[test]
fn a_real_mac_export_lands_on_local_days_with_its_media_counted() {
    let (_dir, j, report) = import_checked("dayone/real/marcdonald_dev_journal.json", &dayone());
    assert!(report.warnings.is_empty() && report.renamed_tags.is_empty(), "{report:?}");
    let all_day = entry(&j, "2024-04-17");
    assert!(all_day.text.starts_with("### 00:00\n\n# Header 1\n\n## Header 2"), "{}", all_day.text);
    assert!(all_day.text.ends_with("```\nCode block\n```\n\n\n[photo]"), "{}", all_day.text);
    assert_eq!(all_day.tags, vec!["another-dev-testing-tag", "dev-testing-tag", "starred"]);
    assert!(
        entry(&j, "2024-04-18").text.starts_with("### 00:00\n\nPariatur aute nulla incididunt.")
    );
    let two = entry(&j, "2024-04-19").text;
    in_order(
        &two,
        &[
            "### 22:48\n\n\"This text is in quotes\"\nThis-text-is-hyphenated\n(This text is in parentheses)",
            "### 22:55\n\nIpsum labore",
            "consequat nulla et.[photo]. Nostrud",
            "excepteur.\n\n[photo]",
        ],
    );
    assert_eq!(entry(&j, "2024-04-21").text, "### 23:45\n\n[video]\n\n[audio]");
    assert!(all(&j).iter().all(|e| !e.text.contains("\\.")), "an escape survived");
}

#[test]
fn a_real_entry_with_a_photo_object_keeps_its_text_and_counts_its_linked_photos() {
    let (_dir, j, report) =
        import_checked("dayone/real/ergebnis_single_entry_photo_object.json", &dayone());
    let day = entry(&j, "2004-10-12");
    assert!(day.text.starts_with("### 18:38\n\n**Luckily** for"), "{}", day.text);
    assert_eq!(day.text.matches("[photo]").count(), 3);
    for kept in ["rabbit-hole", "(Sounds of more broken glass.)", "THIS!", "lesson-books!"] {
        assert!(day.text.contains(kept), "{kept}");
    }
    assert!(day.text.contains("(dayone2://view?entryId=EE9D6208B99A47FAAF2F98E16D384CD0)"));
    assert_eq!(day.tags, vec!["diary", "pizza"]);
    assert_eq!(renamed(&report), pairs(&[("Pizza", "pizza")]));
    assert_eq!(report.media_left_out, 3);
}

#[test]
fn an_export_without_entries_is_no_error_and_says_so() {
    let (_dir, j, report) = import_checked("dayone/real/ergebnis_empty.json", &dayone());
    assert!(all(&j).is_empty());
    assert_eq!((report.first_day, report.last_day), (None, None));
    assert!(report.lines().iter().any(|l| l.contains("the file has no entries")), "{report:?}");
}
