//! `remind`: the daily check-in reminder — set it (`--at`, `--days`), turn it off, or see it
//! and when the next one comes. A running window picks a change up within a minute.

use chrono::{Local, NaiveTime, Utc};
use dualtrack_core::Error;
use dualtrack_core::reminder::{Day, Reminder};
use dualtrack_core::settings::parse_time;
use serde::Serialize;

use crate::cli::context::Ctx;

#[derive(Debug, clap::Args)]
pub struct Remind {
    /// The local time of day, HH:MM (24-hour)
    #[arg(long, value_name = "HH:MM", value_parser = time, conflicts_with = "off")]
    pub at: Option<NaiveTime>,
    /// The days, e.g. mon,tue,wed (default: Monday to Friday)
    #[arg(long, value_name = "DAYS", value_delimiter = ',', value_parser = day, requires = "at")]
    pub days: Vec<Day>,
    /// No reminder
    #[arg(long)]
    pub off: bool,
}

fn time(text: &str) -> Result<NaiveTime, String> {
    parse_time(text)
}

fn day(text: &str) -> Result<Day, String> {
    Day::parse(text).map_err(|e| e.to_string())
}

/// What `remind --json` prints.
#[derive(Serialize)]
struct Shown<'a> {
    on: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    days: &'a [Day],
    /// The next reminder, local time with its offset (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

impl Remind {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let mut journal = ctx.open()?;
        let mut settings = journal.settings()?;
        if self.off || self.at.is_some() {
            settings.reminder_time = self.at;
            settings.reminder_days = if self.off { settings.reminder_days } else { self.days };
            journal.set_settings(&settings)?;
        }
        let reminder: Option<Reminder> = settings.reminder();
        let now = Utc::now();
        let today = now.with_timezone(&Local).date_naive();
        let next = match &reminder {
            Some(r) => r.next(&Local, now, journal.has_entry(today)?),
            None => None,
        };
        let next_local = next.map(|n| n.with_timezone(&Local));
        let text = match (&reminder, next_local) {
            (Some(r), Some(n)) => {
                format!("Reminder: {}. Next: {}.", r.describe(), n.format("%a %-d %b %H:%M"))
            }
            (Some(r), None) => format!("Reminder: {}.", r.describe()),
            (None, _) => "No daily reminder. Set one with: dualtrack remind --at 18:00".to_owned(),
        };
        let shown = Shown {
            on: reminder.is_some(),
            time: reminder.as_ref().map(|r| r.time.format("%H:%M").to_string()),
            days: reminder.as_ref().map_or(&[], |r| r.days.as_slice()),
            next: next_local.map(|n| n.to_rfc3339()),
        };
        ctx.report(&shown, &text)
    }
}
