//! jrnl journals (`jrnl/rules/` written for each rule, `jrnl/real/` copied from jrnl's own
//! tests): plain text in every timestamp style, JSON exports and folder journals, checked
//! against `fixtures/import/EXPECTED.md`.

use dualtrack_core::import::ImportFormat;

use super::*;

fn plain() -> ImportOptions {
    ImportOptions::default()
}

fn time_format(format: &str) -> ImportOptions {
    ImportOptions { time_format: Some(format.into()), ..ImportOptions::default() }
}

fn day_first() -> ImportOptions {
    time_format("%d.%m.%Y %H:%M")
}

fn skip_bad() -> ImportOptions {
    ImportOptions { skip_bad: true, ..ImportOptions::default() }
}

fn tag_prefix(prefix: &str) -> ImportOptions {
    ImportOptions { tag_prefix: Some(prefix.into()), ..ImportOptions::default() }
}

/// The words a jrnl fixture holds, without its timestamps (they become the headings' times):
/// title and body of a JSON export, every line of text files with the stamp taken off.
fn source_words(path: &str) -> String {
    let file = fixture(path);
    if file.is_dir() {
        let mut out = String::new();
        let mut pending = vec![file];
        while let Some(dir) = pending.pop() {
            for item in std::fs::read_dir(&dir).expect("dir") {
                let path = item.expect("item").path();
                let day_file = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.len() == 6
                        && n.ends_with(".txt")
                        && n[..2].bytes().all(|b| b.is_ascii_digit())
                });
                if path.is_dir() {
                    pending.push(path);
                } else if day_file {
                    out.push_str(&without_stamps(&std::fs::read_to_string(path).expect("read")));
                }
            }
        }
        return out;
    }
    let text = std::fs::read_to_string(&file).expect("read");
    if path.ends_with(".json") {
        let root: serde_json::Value = serde_json::from_str(&text).expect("json");
        let parts =
            root["entries"].as_array().expect("entries").iter().flat_map(|e| {
                [e["title"].as_str().unwrap_or(""), e["body"].as_str().unwrap_or("")]
            });
        return parts.collect::<Vec<_>>().join("\n");
    }
    without_stamps(&text)
}

fn without_stamps(text: &str) -> String {
    let stamp = |s: &str| s.chars().all(|c| c.is_ascii_digit() || " -.:/APM".contains(c));
    text.lines()
        .map(|line| match line.strip_prefix('[').and_then(|l| l.split_once(']')) {
            Some((inside, rest)) if stamp(inside) => rest,
            _ if line.len() >= 16 && line.is_char_boundary(16) && stamp(&line[..16]) => &line[16..],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A file, the options, its source entries, skipped, warnings, and the days with content.
type Case<'a> = (&'a str, ImportOptions, usize, usize, usize, &'a [&'a str]);

#[test]
fn every_jrnl_journal_gives_its_days_and_counts_and_keeps_every_word() {
    let cases: &[Case] = &[
        (
            "rules/export_with_tags.json",
            plain(),
            5,
            1,
            0,
            &["2024-06-03", "2024-06-08", "2024-06-10"],
        ),
        ("rules/export_old_sorted_keys.json", plain(), 3, 0, 0, &["2014-03-03", "2014-03-05"]),
        ("rules/mixed_formats.txt", plain(), 6, 0, 0, &["2024-01-04", "2024-01-05", "2024-01-06"]),
        ("rules/out_of_order.txt", plain(), 5, 0, 0, &["2024-02-08", "2024-02-09", "2024-02-10"]),
        ("rules/bracket_body_lines.txt", plain(), 2, 0, 0, &["2024-03-01", "2024-03-02"]),
        (
            "rules/starred_titles.txt",
            plain(),
            4,
            0,
            0,
            &["2024-04-01", "2024-04-02", "2024-04-03", "2024-04-04"],
        ),
        ("rules/tags_at.txt", plain(), 1, 0, 0, &["2024-05-01"]),
        ("rules/tags_hash_prefix.txt", plain(), 1, 0, 0, &["2024-05-02"]),
        ("rules/tags_hash_prefix.txt", tag_prefix("#"), 1, 0, 0, &["2024-05-02"]),
        ("rules/day_first.txt", day_first(), 2, 0, 0, &["2026-12-05", "2026-12-06"]),
        ("rules/unparseable_timestamp.txt", skip_bad(), 4, 2, 2, &["2024-02-27", "2024-02-29"]),
        ("rules/folder", plain(), 4, 0, 1, &["2024-01-05", "2024-01-06", "2024-02-29"]),
        (
            "real/basic_onefile.journal",
            plain(),
            3,
            0,
            0,
            &["2020-08-29", "2020-08-31", "2020-09-24"],
        ),
        ("real/basic_folder", plain(), 3, 0, 0, &["2020-08-29", "2020-08-31", "2020-09-24"]),
        ("real/brackets.journal", plain(), 1, 0, 0, &["2019-07-08"]),
        ("real/deletion.journal", plain(), 3, 0, 0, &["2019-10-29"]),
        (
            "real/simple_jrnl-1-9-5.journal",
            plain(),
            3,
            0,
            0,
            &["2010-06-10", "2013-06-10", "2019-08-03"],
        ),
        ("real/tags.journal", plain(), 2, 0, 0, &["2013-04-09", "2013-06-10"]),
        ("real/tags-216.journal", plain(), 1, 0, 0, &["2013-06-10"]),
        ("real/little_endian_dates.journal", day_first(), 2, 0, 0, &["2013-06-09", "2013-07-10"]),
        (
            "real/simple_jrnl-1-9-5_little_endian_dates.journal",
            day_first(),
            3,
            0,
            0,
            &["2010-06-10", "2013-06-10", "2019-08-03"],
        ),
        ("real/mostlyreadabledates.journal", skip_bad(), 3, 1, 1, &["2019-07-18", "2019-07-19"]),
    ];
    for (file, options, source_entries, skipped, warnings, days) in cases {
        let path = format!("jrnl/{file}");
        let expect = Expect {
            source_entries: *source_entries,
            skipped: *skipped,
            warnings: *warnings,
            days,
        };
        let (_dir, j, _) = imports_as(ImportFormat::Jrnl, &path, options, &expect);
        if *skipped == 0 {
            keeps_every_word(&j, &source_words(&path));
        }
    }
}

#[test]
fn a_json_export_keeps_titles_bodies_tags_and_stars() {
    let (_dir, j, report) = import_checked("jrnl/rules/export_with_tags.json", &plain());
    let day = entry(&j, "2024-06-03");
    assert_eq!(
        day.text,
        "### 09:00 · Planning day.\n\nWrote the Q3 plan with the @team.\n\n\
         ### 17:30 · Retro went well.\n\nIdeas for @work: fewer meetings.\nCoffee at the @café after."
    );
    assert_eq!(day.tags, vec!["team", "work", "café", "starred"]);
    let weekend = entry(&j, "2024-06-08");
    assert_eq!(weekend.text, "### 11:00 · Weekend 🎉");
    assert!(weekend.tags.is_empty());
    assert_eq!(entry(&j, "2024-06-10").tags, vec!["work"]);
    assert!(report.renamed_tags.is_empty(), "taking off the @ is no rename");

    let (_dir, j, report) = import_checked("jrnl/rules/export_old_sorted_keys.json", &plain());
    let first = entry(&j, "2014-03-03");
    assert_eq!(
        first.text,
        "### 09:30 · First day.\n\nMet the new team in München. @onboarding\n\n\
         ### 18:00 · Evening.\n\nLong day, “good” though."
    );
    assert_eq!(first.tags, vec!["onboarding", "starred"], "tags read from the text");
    let notes = entry(&j, "2014-03-05");
    assert_eq!(notes.text, "### 08:00 · Notes à la carte.");
    assert!(notes.tags.is_empty() && report.renamed_tags.is_empty());
}

#[test]
fn every_header_style_starts_an_entry_in_one_file() {
    let (_dir, j, _) = import_checked("jrnl/rules/mixed_formats.txt", &plain());
    assert_eq!(
        entry(&j, "2024-01-04").text,
        "### 21:00 · Legacy line from jrnl 1.x\n\nImported years ago."
    );
    let fifth = entry(&j, "2024-01-05");
    assert_eq!(
        fifth.text,
        "### 09:15 · Standup with the platform team.\n\nDiscussed the @oncall rota.\n\n\
         ### 18:30 · Evening review\n\nWrote feedback for two people."
    );
    assert_eq!(fifth.tags, vec!["oncall", "starred"]);
    let sixth = entry(&j, "2024-01-06");
    assert_eq!(
        sixth.text,
        "### 00:00 · Midnight thought\n\nCouldn't sleep.\n\n### 09:05 · Unpadded hour\n\nMorning run.\n\n\
         ### 12:30 · Lunch\n\nPizza with @team."
    );
    assert_eq!(sixth.tags, vec!["team"]);
}

#[test]
fn entries_out_of_date_order_merge_in_time_order() {
    let (_dir, j, _) = import_checked("jrnl/rules/out_of_order.txt", &plain());
    in_order(&entry(&j, "2024-02-08").text, &["First day, morning.", "First day, evening."]);
    assert_eq!(
        entry(&j, "2024-02-09").text,
        "### 12:00 · Second day.\n\nOnly entry of the second day."
    );
    in_order(&entry(&j, "2024-02-10").text, &["Third day, early.", "Third day, morning."]);
}

#[test]
fn body_lines_in_brackets_that_hold_no_timestamp_stay_in_the_body() {
    let (_dir, j, report) = import_checked("jrnl/rules/bracket_body_lines.txt", &plain());
    assert_eq!(
        entry(&j, "2024-03-01").text,
        "### 10:00 · Meeting notes\n\n[1] Agree on the roadmap\n[2] Hire a designer\n[ ] open task\n\
         [x] done task\n[link](https://example.com) at the start of a line\n[Q2 goals] are ambitious\n\
         [2024 budget] looks fine\n[1.5 hours] of deep work\n[9:30] standup moved"
    );
    assert_eq!(entry(&j, "2024-03-02").text, "### 10:00 · Next day\n\nNothing special.");
    assert!(report.warnings.is_empty());

    let (_dir, j, _) = import_checked("jrnl/real/brackets.journal", &plain());
    assert_eq!(
        entry(&j, "2019-07-08").text,
        "### 05:42 · Entry subject\n\n[1] line starting with 1"
    );
    let (_dir, j, _) = import_checked("jrnl/real/simple_jrnl-1-9-5.journal", &plain());
    assert!(
        entry(&j, "2013-06-10")
            .text
            .starts_with("### 15:40 · He said \"[this] is the best time to be alive\".\n\nLorem"),
        "the title keeps its brackets"
    );
}

#[test]
fn a_title_ending_in_space_star_is_starred_and_loses_the_star() {
    let (_dir, j, report) = import_checked("jrnl/rules/starred_titles.txt", &plain());
    for (date, heading, starred) in [
        ("2024-04-01", "### 09:00 · Big win today\n\n", true),
        ("2024-04-02", "### 09:00 · Rated it 5*\n\n", false),
        ("2024-04-03", "### 09:00 · Starred with trailing spaces\n\n", true),
        ("2024-04-04", "### 09:00 · Not starred\n\n", false),
    ] {
        let day = entry(&j, date);
        assert!(day.text.starts_with(heading), "{date}: {:?}", day.text);
        let tags: &[&str] = if starred { &["starred"] } else { &[] };
        assert_eq!(day.tags, tags, "{date}");
    }
    assert!(report.renamed_tags.is_empty());
}

#[test]
fn tags_follow_jrnls_pattern_then_dualtracks_rules() {
    let (_dir, j, report) = import_checked("jrnl/rules/tags_at.txt", &plain());
    assert_eq!(
        entry(&j, "2024-05-01").tags,
        vec!["alice", "bob", "1on1", "q3-planning", "c", "os2", "日本"]
    );
    assert_eq!(
        renamed(&report),
        pairs(&[("Alice", "alice"), ("Q3-planning", "q3-planning"), ("C++", "c"), ("OS/2", "os2")])
    );

    let (_dir, j, report) = import_checked("jrnl/real/tags-216.journal", &plain());
    assert_eq!(entry(&j, "2013-06-10").tags, vec!["os2", "c"]);
    assert_eq!(renamed(&report), pairs(&[("OS/2", "os2"), ("C++", "c"), ("C#", "c")]));

    let (_dir, j, report) = import_checked("jrnl/real/tags.journal", &plain());
    assert_eq!(entry(&j, "2013-04-09").tags, vec!["idea", "journal"]);
    assert_eq!(entry(&j, "2013-06-10").tags, vec!["dan", "idea"]);
    assert!(report.renamed_tags.is_empty());
}

#[test]
fn the_tag_prefix_can_be_changed() {
    let (_dir, j, report) = import_checked("jrnl/rules/tags_hash_prefix.txt", &plain());
    let day = entry(&j, "2024-05-02");
    assert_eq!(day.tags, vec!["mention"]);
    assert!(
        day.text.contains("#work #Deep_Work\n\n# Not a tag, a Markdown heading"),
        "{}",
        day.text
    );
    assert!(report.renamed_tags.is_empty());

    let (_dir, j, report) = import_checked("jrnl/rules/tags_hash_prefix.txt", &tag_prefix("#"));
    assert_eq!(entry(&j, "2024-05-02").tags, vec!["work", "deep_work"]);
    assert_eq!(renamed(&report), pairs(&[("Deep_Work", "deep_work")]));
}

#[test]
fn a_day_first_time_format_is_refused_by_line_until_named() {
    for file in [
        "rules/day_first.txt",
        "real/little_endian_dates.journal",
        "real/simple_jrnl-1-9-5_little_endian_dates.journal",
    ] {
        let message = refused(&format!("jrnl/{file}"), &plain());
        assert!(message.contains("line 1:") && message.contains("date format"), "{message}");
    }
    let (_dir, j, _) = import_checked("jrnl/rules/day_first.txt", &day_first());
    assert_eq!(
        entry(&j, "2026-12-05").text,
        "### 18:30 · Day-first timestamp\n\nNeeds --time-format \"%d.%m.%Y %H:%M\"."
    );
    assert_eq!(entry(&j, "2026-12-06").text, "### 07:45 · Next morning\n\nSecond entry.");

    // The format applies to jrnl 1.x's unbracketed headers as well as to bracketed ones.
    let (_dir, j, _) =
        import_checked("jrnl/real/simple_jrnl-1-9-5_little_endian_dates.journal", &day_first());
    assert_eq!(
        entry(&j, "2010-06-10").text,
        "### 15:00 · A life without chocolate is like a bad analogy."
    );
    assert!(entry(&j, "2019-08-03").text.starts_with("### 12:55 · Some chat log or something"));
}

#[test]
fn an_unreadable_timestamp_is_refused_by_line_or_skipped_with_its_body() {
    let message = refused("jrnl/rules/unparseable_timestamp.txt", &plain());
    assert!(message.contains("line 4:") && message.contains("2024-02-30 10:00"), "{message}");

    let (_dir, j, report) = import_checked("jrnl/rules/unparseable_timestamp.txt", &skip_bad());
    assert!(report.warnings[0].contains("line 4:"), "{:?}", report.warnings);
    assert!(report.warnings[1].contains("line 7:"), "{:?}", report.warnings);
    assert_eq!(entry(&j, "2024-02-27").text, "### 09:00 · Fine entry\n\nBody one.");
    assert_eq!(entry(&j, "2024-02-29").text, "### 08:00 · Leap day entry\n\nBody four.");
    let texts: String = all(&j).iter().map(|e| e.text.clone()).collect();
    assert!(!texts.contains("Body two") && !texts.contains("Body three"), "{texts}");

    let message = refused("jrnl/real/mostlyreadabledates.journal", &plain());
    assert!(message.contains("line 7:"), "{message}");
    let (_dir, _j, report) = import_checked("jrnl/real/mostlyreadabledates.journal", &skip_bad());
    assert!(report.warnings[0].contains("line 7:"), "{:?}", report.warnings);

    let message = refused("jrnl/real/unreadabledates.journal", &plain());
    assert!(message.contains("line 1:"), "{message}");
}

#[test]
fn an_encrypted_journal_is_refused_with_what_to_do() {
    for file in ["encrypted.journal", "encrypted_v3.journal", "encrypted_jrnl-1-9-5.journal"] {
        for options in [plain(), ImportOptions { format: Some(ImportFormat::Jrnl), ..plain() }] {
            let message = refused(&format!("jrnl/real/{file}"), &options);
            assert!(message.contains("encrypted jrnl journal"), "{file}: {message}");
            assert!(message.contains("jrnl --decrypt"), "{file}: {message}");
            assert!(!message.contains("line 1") && !message.contains("UTF-8"), "{message}");
        }
    }
}

#[test]
fn a_folder_journal_reads_only_day_files_and_their_path_gives_the_date() {
    let (_dir, j, report) = import_checked("jrnl/rules/folder", &plain());
    let fifth = entry(&j, "2024-01-05");
    assert_eq!(
        fifth.text,
        "### 09:00 · Folder entry one\n\nBody a.\n\n### 17:15 · Folder entry two\n\n\
         Body b with a @folder tag."
    );
    assert_eq!(fifth.tags, vec!["folder", "starred"]);
    assert!(entry(&j, "2024-01-06").text.starts_with("### 08:00 · Header says the 7th"));
    assert_eq!(entry(&j, "2024-02-29").text, "### 10:00 · Leap day\n\nBody c.");
    let warning = &report.warnings[0];
    for needle in ["06.txt", "2024-01-07", "2024-01-06"] {
        assert!(warning.contains(needle), "{warning}");
    }
    assert!(all(&j).iter().all(|e| !e.text.contains("Ignored")), "a file that is no day file");

    let (_dir, j, _) = import_checked("jrnl/real/basic_folder", &plain());
    assert!(all(&j).iter().all(|e| !e.text.contains("should be ignored")));
}

#[test]
fn jrnls_own_test_journals_read_as_jrnl_reads_them() {
    let tags = |j: &Journal, date: &str| entry(j, date).tags;
    for path in ["jrnl/real/basic_onefile.journal", "jrnl/real/basic_folder"] {
        let (_dir, j, _) = import_checked(path, &plain());
        assert_eq!(tags(&j, "2020-08-29"), vec!["ipsum", "tagone", "tagtwo"], "{path}");
        assert_eq!(tags(&j, "2020-08-31"), vec!["tagtwo", "starred"], "{path}");
        assert_eq!(tags(&j, "2020-09-24"), vec!["tagthree", "tagone"], "{path}");
        assert!(entry(&j, "2020-09-24").text.contains("emojis. 💯 🎶 💩"), "{path}");
        assert!(entry(&j, "2020-08-31").text.starts_with("### 14:32 · A second entry in what"));
    }

    let (_dir, j, _) = import_checked("jrnl/real/deletion.journal", &plain());
    assert_eq!(
        entry(&j, "2019-10-29").text,
        "### 11:11 · First entry.\n\n### 11:11 · Second entry.\n\n### 11:13 · Third entry."
    );
}

#[test]
fn an_imported_day_that_exists_is_appended_below_its_own_text() {
    merges_below_existing("jrnl/rules/out_of_order.txt", &plain(), "2024-02-09", "jrnl");
    merges_below_existing("jrnl/rules/export_with_tags.json", &plain(), "2024-06-03", "jrnl");
}
