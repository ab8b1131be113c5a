//! The daily check-in reminder (PRODUCT §12): when the next one is due, as a pure function of
//! the setting, the local time zone, "now" and whether today's entry is saved — so daylight
//! saving changes, midnight and weekday choices are tested without a clock.
//!
//! The setting lives in the journal's settings. A copy of just the time and the weekdays is
//! kept beside the journal (`reminder.json`, no journal content) so the app can remind while
//! the journal is locked.

use std::path::Path;

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::layout::{Layout, read_bounded, write_atomically};

/// A day of the week, as settings spell it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    pub const ALL: [Day; 7] =
        [Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri, Day::Sat, Day::Sun];
    /// Monday to Friday: the reminder's days unless the person chose others.
    pub const WORKDAYS: [Day; 5] = [Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri];

    pub fn of(date: NaiveDate) -> Day {
        Day::ALL[date.weekday().num_days_from_monday() as usize]
    }

    /// Reads `mon`, `Tue`, `wednesday` …
    pub fn parse(word: &str) -> Result<Day> {
        let word = word.trim().to_ascii_lowercase();
        Day::ALL
            .into_iter()
            .find(|d| word.len() >= 3 && d.name_long().starts_with(&word))
            .ok_or_else(|| {
                Error::InvalidInput(format!(
                    "{word:?} is not a day of the week; use mon, tue, wed, thu, fri, sat or sun"
                ))
            })
    }

    fn name_long(self) -> &'static str {
        match self {
            Day::Mon => "monday",
            Day::Tue => "tuesday",
            Day::Wed => "wednesday",
            Day::Thu => "thursday",
            Day::Fri => "friday",
            Day::Sat => "saturday",
            Day::Sun => "sunday",
        }
    }

    /// `Mon`, `Tue` … for sentences.
    pub fn short(self) -> &'static str {
        match self {
            Day::Mon => "Mon",
            Day::Tue => "Tue",
            Day::Wed => "Wed",
            Day::Thu => "Thu",
            Day::Fri => "Fri",
            Day::Sat => "Sat",
            Day::Sun => "Sun",
        }
    }
}

/// When to remind: a local time on some days of the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reminder {
    #[serde(with = "hh_mm")]
    pub time: NaiveTime,
    pub days: Vec<Day>,
}

mod hh_mm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&time.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        super::parse_time(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl Reminder {
    /// The days in week order, Monday to Friday when none were chosen.
    pub fn new(time: NaiveTime, days: &[Day]) -> Self {
        let mut days: Vec<Day> =
            if days.is_empty() { Day::WORKDAYS.to_vec() } else { days.to_vec() };
        days.sort();
        days.dedup();
        Reminder { time, days }
    }

    fn on(&self, date: NaiveDate) -> bool {
        self.days.contains(&Day::of(date))
    }

    /// The next reminder after `now`, in `zone`: today's if its time is still ahead and today's
    /// entry is not saved yet, else the next chosen day's. On the night clocks go forward a
    /// time that does not exist reminds at the first minute that does; on the night they go
    /// back, at the first of the two.
    pub fn next<Z: TimeZone>(
        &self,
        zone: &Z,
        now: DateTime<Utc>,
        today_saved: bool,
    ) -> Option<DateTime<Utc>> {
        let today = now.with_timezone(zone).date_naive();
        (0..=7)
            .map(|ahead| today + Duration::days(ahead))
            .filter(|date| self.on(*date) && !(today_saved && *date == today))
            .filter_map(|date| local_instant(zone, date, self.time))
            .find(|at| *at > now)
    }

    /// Whether `yesterday` was a reminder day that went without an entry (the morning after,
    /// the app offers to fill it in, once).
    pub fn missed(&self, yesterday: NaiveDate, yesterday_saved: bool) -> bool {
        self.on(yesterday) && !yesterday_saved
    }

    /// "Mon–Fri at 18:05", "every day at 07:30", "Sat, Sun at 10:00".
    pub fn describe(&self) -> String {
        let days = match self.days.as_slice() {
            d if d == Day::ALL => "every day".to_owned(),
            d if d == Day::WORKDAYS => "Mon–Fri".to_owned(),
            d => d.iter().map(|d| d.short()).collect::<Vec<_>>().join(", "),
        };
        format!("{days} at {}", self.time.format("%H:%M"))
    }
}

fn local_instant<Z: TimeZone>(zone: &Z, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    // A gap is at most a few hours (usually one): walk forward a minute at a time to its end.
    (0..=180).find_map(|minutes| {
        match zone.from_local_datetime(&(date.and_time(time) + Duration::minutes(minutes))) {
            LocalResult::Single(at) => Some(at.with_timezone(&Utc)),
            LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
            LocalResult::None => None,
        }
    })
}

/// The copy beside the journal.
fn file(dir: &Path) -> std::path::PathBuf {
    Layout::new(dir).dir.join("reminder.json")
}

/// Writes (or, with `None`, removes) the copy of the reminder setting beside the journal.
pub fn store(dir: &Path, reminder: Option<&Reminder>) -> Result<()> {
    let path = file(dir);
    match reminder {
        Some(reminder) => {
            let text = serde_json::to_vec(reminder).map_err(|e| {
                Error::InvalidInput(format!("the reminder could not be encoded: {e}"))
            })?;
            if read_bounded(&path, 4096, "the reminder").ok().as_deref() == Some(text.as_slice()) {
                return Ok(());
            }
            write_atomically(&path, &text)
        }
        None => match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(format!("removing {}", path.display()), e)),
        },
    }
}

/// The reminder setting as last stored beside the journal (`None`: no reminder); readable
/// while the journal is locked. A damaged copy reads as no reminder.
pub fn load(dir: &Path) -> Option<Reminder> {
    let bytes = read_bounded(&file(dir), 4096, "the reminder").ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// `HH:MM` (00:00–23:59) as a time of day.
pub fn parse_time(text: &str) -> std::result::Result<NaiveTime, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 5
        && bytes[2] == b':'
        && [0, 1, 3, 4].iter().all(|&i| bytes[i].is_ascii_digit());
    shaped
        .then(|| NaiveTime::parse_from_str(text, "%H:%M").ok())
        .flatten()
        .ok_or_else(|| format!("{text:?} is not a time of day as HH:MM (00:00–23:59)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::day;
    use chrono_tz::Tz;

    fn at(zone: Tz, text: &str) -> DateTime<Utc> {
        let local = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("time");
        zone.from_local_datetime(&local).earliest().expect("exists").with_timezone(&Utc)
    }

    fn hm(text: &str) -> NaiveTime {
        parse_time(text).expect("time")
    }

    fn next_local(r: &Reminder, zone: Tz, now: &str, saved: bool) -> String {
        let next = r.next(&zone, at(zone, now), saved).expect("a next reminder");
        next.with_timezone(&zone).format("%a %Y-%m-%d %H:%M %Z").to_string()
    }

    #[test]
    fn today_if_still_ahead_and_unsaved_else_the_next_chosen_day() {
        let berlin: Tz = "Europe/Berlin".parse().expect("zone");
        let r = Reminder::new(hm("18:00"), &[]);
        assert_eq!(r.days, Day::WORKDAYS);
        // Friday 2026-12-04.
        assert_eq!(next_local(&r, berlin, "2026-12-04 09:00", false), "Fri 2026-12-04 18:00 CET");
        assert_eq!(next_local(&r, berlin, "2026-12-04 09:00", true), "Mon 2026-12-07 18:00 CET");
        assert_eq!(next_local(&r, berlin, "2026-12-04 18:00", false), "Mon 2026-12-07 18:00 CET");
        assert_eq!(next_local(&r, berlin, "2026-12-05 12:00", false), "Mon 2026-12-07 18:00 CET");
        let weekend = Reminder::new(hm("10:00"), &[Day::Sun, Day::Sat]);
        assert_eq!(weekend.days, vec![Day::Sat, Day::Sun]);
        assert_eq!(
            next_local(&weekend, berlin, "2026-12-04 23:59", false),
            "Sat 2026-12-05 10:00 CET"
        );
    }

    #[test]
    fn midnight_and_a_reminder_just_after_it() {
        let zone: Tz = "America/New_York".parse().expect("zone");
        let r = Reminder::new(hm("00:05"), &Day::ALL);
        assert_eq!(next_local(&r, zone, "2026-12-04 23:59", false), "Sat 2026-12-05 00:05 EST");
        assert_eq!(next_local(&r, zone, "2026-12-05 00:04", false), "Sat 2026-12-05 00:05 EST");
        // Saved before 00:05 on the same day: tomorrow.
        assert_eq!(next_local(&r, zone, "2026-12-05 00:01", true), "Sun 2026-12-06 00:05 EST");
    }

    #[test]
    fn clocks_going_forward_or_back_never_skip_or_double_a_reminder() {
        let berlin: Tz = "Europe/Berlin".parse().expect("zone");
        // 29 March 2026: 02:00 → 03:00; a 02:30 reminder comes at 03:00.
        let r = Reminder::new(hm("02:30"), &Day::ALL);
        assert_eq!(next_local(&r, berlin, "2026-03-29 00:00", false), "Sun 2026-03-29 03:00 CEST");
        // 25 October 2026: 03:00 → 02:00; 02:30 happens twice, the reminder comes once.
        let first = r.next(&berlin, at(berlin, "2026-10-25 00:00"), false).expect("next");
        assert_eq!(first.with_timezone(&berlin).format("%H:%M %Z").to_string(), "02:30 CEST");
        let after = r.next(&berlin, first, false).expect("then");
        assert_eq!(
            after.with_timezone(&berlin).format("%a %d %H:%M %Z").to_string(),
            "Mon 26 02:30 CET"
        );
        // A usual evening reminder keeps its wall-clock time across the change.
        let evening = Reminder::new(hm("18:00"), &Day::ALL);
        assert_eq!(
            next_local(&evening, berlin, "2026-03-28 19:00", false),
            "Sun 2026-03-29 18:00 CEST"
        );
    }

    #[test]
    fn days_and_sentences() {
        assert_eq!(Day::parse("Tue").expect("tue"), Day::Tue);
        assert_eq!(Day::parse("wednesday").expect("wed"), Day::Wed);
        assert!(Day::parse("we").is_err());
        assert_eq!(Day::of(day("2026-12-05")), Day::Sat);
        assert_eq!(Reminder::new(hm("18:05"), &[]).describe(), "Mon–Fri at 18:05");
        assert_eq!(Reminder::new(hm("07:30"), &Day::ALL).describe(), "every day at 07:30");
        assert_eq!(
            Reminder::new(hm("10:00"), &[Day::Sat, Day::Sun]).describe(),
            "Sat, Sun at 10:00"
        );
        let r = Reminder::new(hm("18:00"), &[]);
        assert!(r.missed(day("2026-12-04"), false), "a Friday without an entry");
        assert!(!r.missed(day("2026-12-04"), true));
        assert!(!r.missed(day("2026-12-05"), false), "Saturday is not a reminder day");
    }

    #[test]
    fn the_copy_beside_the_journal_round_trips_and_goes_when_off() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(load(dir.path()), None);
        let r = Reminder::new(hm("18:05"), &[Day::Mon, Day::Wed]);
        store(dir.path(), Some(&r)).expect("store");
        assert_eq!(load(dir.path()), Some(r.clone()));
        let text = std::fs::read_to_string(dir.path().join("reminder.json")).expect("read");
        assert_eq!(text, r#"{"time":"18:05","days":["mon","wed"]}"#);
        store(dir.path(), None).expect("off");
        assert_eq!(load(dir.path()), None);
        std::fs::write(dir.path().join("reminder.json"), "{bad").expect("write");
        assert_eq!(load(dir.path()), None, "a damaged copy is no reminder, never a crash");
    }
}
