//! The run of logged days a saved entry belongs to: what the check-in says after a save
//! ("Saved · 4 days in a row", or when the last entry before it was).

use chrono::NaiveDate;
use serde::Serialize;

use super::Journal;
use crate::entry::{day_text, parse_date};
use crate::error::Result;

/// The consecutive calendar days with an entry that end on a date, and the entry before them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DayRun {
    /// Days in a row with an entry, ending on the date; 0 when the date has no entry.
    pub days: u32,
    /// The latest entry before the run began (before the date itself when it has none).
    #[ts(type = "string | null")]
    pub previous: Option<NaiveDate>,
}

impl Journal {
    /// The run of logged days ending on `date`. Reads dates only, newest first, and stops at
    /// the first gap, so it costs one index step per day of the run.
    pub fn run_ending(&self, date: NaiveDate) -> Result<DayRun> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT date FROM entries WHERE date <= ?1 ORDER BY date DESC")?;
        let mut rows = stmt.query([day_text(date)])?;
        let mut expected = Some(date);
        let mut days = 0;
        while let Some(row) = rows.next()? {
            let logged = parse_date(&row.get::<_, String>(0)?)?;
            if Some(logged) != expected {
                return Ok(DayRun { days, previous: Some(logged) });
            }
            days += 1;
            expected = logged.pred_opt();
        }
        Ok(DayRun { days, previous: None })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::new_journal;
    use super::*;
    use crate::entry::Entry;
    use crate::tests::{day, now};

    fn log(j: &mut Journal, dates: &[&str]) {
        for d in dates {
            let entry = Entry { date: day(d), satisfaction: Some(6), ..Entry::empty(day(d)) };
            j.save(&entry, now()).expect("save");
        }
    }

    #[test]
    fn counts_back_to_the_first_gap_and_names_the_entry_before_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        // 27 Nov, then a gap, then 30 Nov – 2 Dec across the month's end; 5 Dec after the range.
        log(&mut j, &["2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-05"]);
        let run = j.run_ending(day("2026-12-02")).expect("run");
        assert_eq!(run, DayRun { days: 3, previous: Some(day("2026-11-27")) });
        assert_eq!(
            j.run_ending(day("2026-11-30")).expect("run"),
            DayRun { days: 1, previous: Some(day("2026-11-27")) }
        );
        assert_eq!(
            j.run_ending(day("2026-11-27")).expect("run"),
            DayRun { days: 1, previous: None }
        );
    }

    #[test]
    fn a_day_without_an_entry_has_no_run() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        assert_eq!(
            j.run_ending(day("2026-12-04")).expect("run"),
            DayRun { days: 0, previous: None }
        );
        log(&mut j, &["2026-12-01"]);
        assert_eq!(
            j.run_ending(day("2026-12-04")).expect("run"),
            DayRun { days: 0, previous: Some(day("2026-12-01")) }
        );
    }

    #[test]
    fn the_first_day_of_the_calendar_ends_a_run_without_overflow() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        log(&mut j, &["0001-01-01"]);
        assert_eq!(
            j.run_ending(day("0001-01-01")).expect("run"),
            DayRun { days: 1, previous: None }
        );
    }
}
