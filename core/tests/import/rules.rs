//! The rules every format follows, on hand-written input: merging into days that already have
//! an entry, idempotent re-import, dry runs and refusals that write nothing.

use dualtrack_core::import::{ImportFormat, ImportOptions};
use dualtrack_core::{Entry, ErrorKind};

use super::*;

const DAYLIO: &str = "full_date,date,weekday,time,mood,activities,note_title,note\n\
    2026-03-04,March 4,Wednesday,8:30 PM,good,Work Out | team,Review,Went <b>well</b>\n\
    2026-03-04,March 4,Wednesday,8:15 AM,rad,,,Standup ran long\n\
    2026-03-03,March 3,Tuesday,21:00,great,,,Quiet day\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn an_existing_entry_keeps_its_words_and_numbers_and_gets_the_import_below() {
    let (dir, mut j) = journal();
    let mut mine = Entry::empty(day("2026-03-04"));
    mine.text = "My own words.".into();
    mine.satisfaction = Some(4);
    mine.tags = vec!["mine".into()];
    j.save(&mine, now()).expect("save");
    let file = write(dir.path(), "daylio.csv", DAYLIO);

    let report = import_with(&mut j, &file, &moods(&[("great", 8)]), false).expect("import");
    assert_eq!(
        (report.format, report.days, report.created, report.merged),
        (ImportFormat::Daylio, 2, 1, 1)
    );
    let merged = entry(&j, "2026-03-04");
    assert_eq!(
        merged.text,
        "My own words.\n\n## Imported from Daylio\n\n### 08:15\n\nStandup ran long\n\n### 20:30 · Review\n\nWent **well**"
    );
    assert_eq!(merged.satisfaction, Some(4), "the person's own number is kept");
    assert_eq!(merged.tags, vec!["mine", "work-out", "team"]);
    let created = entry(&j, "2026-03-03");
    assert_eq!(created.satisfaction, Some(8));
    assert_eq!(created.text, "### 21:00\n\nQuiet day");
    assert!(report.written);
}

#[test]
fn an_existing_entry_without_a_satisfaction_gains_the_days_mood() {
    let (dir, mut j) = journal();
    let mut mine = Entry::empty(day("2026-03-04"));
    mine.text = "Numbers not logged.".into();
    mine.energy = Some(2);
    j.save(&mine, now()).expect("save");
    let file = write(dir.path(), "daylio.csv", DAYLIO);
    import_with(&mut j, &file, &moods(&[("great", 8)]), false).expect("import");
    let merged = entry(&j, "2026-03-04");
    // good (7) and rad (9): 8; the energy the person logged stays.
    assert_eq!((merged.satisfaction, merged.energy), (Some(8), Some(2)));
    assert!(merged.text.starts_with("Numbers not logged.\n\n## Imported from Daylio"));
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let (dir, mut j) = journal();
    let file = write(dir.path(), "daylio.csv", DAYLIO);
    let options = moods(&[("great", 8)]);
    import_with(&mut j, &file, &options, false).expect("first import");
    let before = export(&j);
    let again = import_with(&mut j, &file, &options, false).expect("again");
    assert_eq!((again.days, again.created, again.merged, again.already_imported), (0, 0, 0, 3));
    assert_eq!(export(&j), before, "the export is byte-identical");

    // A later export of the same journal brings only what is new.
    let longer = format!("{DAYLIO}2026-03-01,March 1,Sunday,9:00,meh,,,Older day\n");
    let file = write(dir.path(), "daylio2.csv", &longer);
    let later = import_with(&mut j, &file, &options, false).expect("later");
    assert_eq!((later.created, later.already_imported), (1, 3));
    assert_eq!(all(&j).len(), 3);
}

#[test]
fn a_dry_run_and_a_refused_file_write_nothing() {
    let (dir, mut j) = journal();
    let file = write(dir.path(), "daylio.csv", DAYLIO);
    let before = export(&j);

    // Unmapped moods: the preview lists them, the import refuses naming every one.
    let preview = import_with(&mut j, &file, &ImportOptions::default(), true).expect("preview");
    assert!(!preview.written);
    assert_eq!(preview.days, 2);
    let unmapped: Vec<&str> = preview
        .moods
        .iter()
        .filter(|m| m.satisfaction.is_none())
        .map(|m| m.label.as_str())
        .collect();
    assert_eq!(unmapped, vec!["great"]);
    let err = import_with(&mut j, &file, &ImportOptions::default(), false).expect_err("unmapped");
    assert_eq!(err.kind(), ErrorKind::InvalidImport);
    assert!(err.to_string().contains("\"great\""), "{err}");
    assert_eq!(export(&j), before);

    // The preview is the import rolled back: the real one does what it said.
    let mapped = moods(&[("great", 8)]);
    let said = import_with(&mut j, &file, &mapped, true).expect("preview");
    assert_eq!(export(&j), before, "a dry run writes nothing");
    let did = import_with(&mut j, &file, &mapped, false).expect("import");
    assert_eq!((said.days, said.created, said.merged), (did.days, did.created, did.merged));

    // A malformed file is refused before anything is written.
    let bad =
        write(dir.path(), "bad.csv", "full_date,date,weekday,time,mood\n2026-02-30,x,y,8:00,rad\n");
    let before = export(&j);
    let err = import_with(&mut j, &bad, &ImportOptions::default(), false).expect_err("bad date");
    assert!(err.to_string().starts_with("line 2:"), "{err}");
    assert_eq!(export(&j), before);
}

#[test]
fn a_day_over_the_text_limit_is_refused_whole() {
    let (dir, mut j) = journal();
    let big = "word ".repeat(120_000);
    let text = format!(
        "[2026-01-01 08:00] One\n{big}\n\n[2026-01-01 09:00] Two\n{big}\n\n[2026-01-02 10:00] Fine\nok\n"
    );
    let file = write(dir.path(), "big.txt", &text);
    let err = import_with(&mut j, &file, &ImportOptions::default(), false).expect_err("too big");
    assert!(err.to_string().starts_with("2026-01-01: the day's text would be"), "{err}");
    assert!(all(&j).is_empty(), "nothing was imported");
}

#[test]
fn an_empty_entry_is_skipped_and_counted() {
    let (dir, mut j) = journal();
    let text = "[2026-01-01 08:00]\n\n[2026-01-02 10:00] Fine\nok\n";
    let file = write(dir.path(), "j.txt", text);
    let report = import_with(&mut j, &file, &ImportOptions::default(), false).expect("import");
    assert_eq!((report.source_entries, report.skipped, report.days), (2, 1, 1));
}

#[test]
fn the_exchange_format_still_replaces_same_dates() {
    let (dir, mut j) = journal();
    let doc =
        r#"{"format":"dualtrack","version":1,"entries":[{"date":"2026-01-01","text":"one"}]}"#;
    let file = write(dir.path(), "x.json", doc);
    let first = import_with(&mut j, &file, &ImportOptions::default(), false).expect("import");
    assert_eq!((first.format, first.created), (ImportFormat::Dualtrack, 1));
    let again = import_with(&mut j, &file, &ImportOptions::default(), false).expect("again");
    assert_eq!((again.created, again.merged, again.already_imported), (0, 0, 1));

    // Settings in the file bring their reminder, and its copy beside the journal follows.
    let with_reminder = r#"{"format":"dualtrack","version":1,"settings":{"reminder_time":"07:45","reminder_days":["sat"]},"entries":[]}"#;
    let file = write(dir.path(), "y.json", with_reminder);
    assert!(dualtrack_core::reminder::load(dir.path()).is_none());
    import_with(&mut j, &file, &ImportOptions::default(), true).expect("preview");
    assert!(dualtrack_core::reminder::load(dir.path()).is_none(), "a preview changes nothing");
    import_with(&mut j, &file, &ImportOptions::default(), false).expect("import");
    let reminder = dualtrack_core::reminder::load(dir.path()).expect("the copy");
    assert_eq!(reminder.describe(), "Sat at 07:45");
}
