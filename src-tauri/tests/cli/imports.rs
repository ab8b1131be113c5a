//! `dualtrack import` of other apps' exports, as a person moving years of journal runs it:
//! a dry run first, a mood map for renamed Daylio moods, then the import; again changes nothing.

use std::path::Path;

use crate::common::{Cli, PASS, stderr, write};

fn fixture(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/import");
    root.join(path).to_str().expect("path").to_owned()
}

#[test]
fn a_daylio_export_with_renamed_moods_needs_a_mood_map_then_imports_once() {
    let cli = Cli::new();
    cli.init();
    let csv = write(
        &cli.home,
        "daylio.csv",
        "full_date,date,weekday,time,mood,activities,note_title,note\n\
         2026-03-04,March 4,Wednesday,8:30 PM,Great,Work Out,,Good <b>day</b>\n\
         2026-03-03,March 3,Tuesday,21:00,so-so,,,Meh\n",
    );
    let csv = csv.to_str().expect("path");

    let refused = cli.run(&["import", csv], Some(PASS));
    assert_eq!(refused.status.code(), Some(1));
    let why = stderr(&refused);
    assert!(
        why.contains("\"Great\"") && why.contains("\"so-so\"") && why.contains("--mood-map"),
        "{why}"
    );
    assert_eq!(cli.count(PASS), 0, "nothing imported");

    let map = write(&cli.home, "moods.csv", "label,satisfaction\ngreat,8\nso-so,4\n");
    let map = map.to_str().expect("path");
    let dry = cli.json(&["import", csv, "--mood-map", map, "--dry-run"]);
    assert_eq!((dry["days"].as_u64(), dry["created"].as_u64()), (Some(2), Some(2)));
    assert_eq!(cli.count(PASS), 0, "a dry run writes nothing");

    let done = cli.json(&["import", csv, "--mood-map", map]);
    for key in [
        "format",
        "source_entries",
        "days",
        "created",
        "merged",
        "skipped",
        "media_left_out",
        "renamed_tags",
        "warnings",
    ] {
        assert!(done.get(key).is_some(), "--json summary has {key}: {done}");
    }
    assert_eq!(done["format"], "daylio");
    assert_eq!(done["renamed_tags"][0]["to"], "work-out");
    let day = cli.json(&["show", "2026-03-04"]);
    assert_eq!(
        (day["satisfaction"].as_u64(), day["text"].as_str()),
        (Some(8), Some("### 20:30\n\nGood **day**"))
    );

    let again = cli.json(&["import", csv, "--mood-map", map]);
    assert_eq!((again["days"].as_u64(), again["already_imported"].as_u64()), (Some(0), Some(2)));
    let readable = cli.ok(&["import", csv, "--mood-map", map]);
    assert!(readable.contains("Nothing new: all 2 entries were imported before."), "{readable}");
}

#[test]
fn a_jrnl_journal_with_a_day_first_timeformat_is_named_by_line_then_read() {
    let cli = Cli::new();
    cli.init();
    let file = fixture("jrnl/real/little_endian_dates.journal");
    let refused = cli.run(&["import", &file], Some(PASS));
    assert!(
        stderr(&refused).contains("line 1:") && stderr(&refused).contains("date format"),
        "{}",
        stderr(&refused)
    );
    let done = cli.json(&["import", &file, "--time-format", "%d.%m.%Y %H:%M"]);
    assert_eq!(done["format"], "jrnl");
    assert!(done["days"].as_u64() > Some(0), "{done}");
    assert_eq!(cli.json(&["show", "2013-06-09"])["date"], "2013-06-09");
}

#[test]
fn a_forced_format_that_does_not_fit_is_one_sentence() {
    let cli = Cli::new();
    cli.init();
    let file = fixture("jrnl/real/basic_onefile.journal");
    let out = cli.run(&["import", &file, "--format", "daylio"], Some(PASS));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a Daylio export"), "{}", stderr(&out));
    let out = cli.run(&["import", &file, "--format", "word"], Some(PASS));
    assert_eq!(out.status.code(), Some(2), "clap refuses an unknown format");
}
