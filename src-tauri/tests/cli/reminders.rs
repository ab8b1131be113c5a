//! `dualtrack remind`: set the daily reminder, see it and the next one, turn it off — and the
//! copy beside the journal that lets the window remind while locked holds no journal content.

use crate::common::{Cli, PASS, stderr};

#[test]
fn a_reminder_is_set_shown_and_turned_off() {
    let cli = Cli::new();
    cli.init();
    let off = cli.json(&["remind"]);
    assert_eq!(off["on"], false);
    assert!(cli.ok(&["remind"]).contains("No daily reminder"));

    let set = cli.json(&["remind", "--at", "18:05"]);
    assert_eq!((set["on"].as_bool(), set["time"].as_str()), (Some(true), Some("18:05")));
    assert_eq!(set["days"], serde_json::json!(["mon", "tue", "wed", "thu", "fri"]));
    let next = set["next"].as_str().expect("the next reminder");
    let next = chrono::DateTime::parse_from_rfc3339(next).expect("RFC 3339");
    assert_eq!(next.format("%H:%M").to_string(), "18:05");
    let copy = std::fs::read_to_string(cli.data.join("reminder.json")).expect("the copy");
    assert_eq!(copy, r#"{"time":"18:05","days":["mon","tue","wed","thu","fri"]}"#);

    let weekend = cli.json(&["remind", "--at", "09:30", "--days", "sun,sat"]);
    assert_eq!(weekend["days"], serde_json::json!(["sat", "sun"]));
    let readable = cli.ok(&["remind"]);
    assert!(readable.starts_with("Reminder: Sat, Sun at 09:30. Next: "), "{readable}");
    assert_eq!(cli.json(&["remind"])["time"], "09:30", "shown as stored");

    let gone = cli.json(&["remind", "--off"]);
    assert_eq!(gone["on"], false);
    assert!(!cli.data.join("reminder.json").exists(), "no copy once it is off");

    let bad = cli.run(&["remind", "--at", "7:30"], Some(PASS));
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("HH:MM"), "{}", stderr(&bad));
    let bad = cli.run(&["remind", "--at", "07:30", "--days", "someday"], Some(PASS));
    assert!(stderr(&bad).contains("not a day of the week"), "{}", stderr(&bad));
}
