//! The user's settings about their role (PRODUCT §5) and the app, stored inside the journal so
//! they are encrypted, backed up and exported with the entries.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::reminder::{Day, Reminder};

/// A period in a role, e.g. "IC" from one date, "manager" from another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Phase {
    pub name: String,
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub start: NaiveDate,
}

/// Everything the user can set; absent means "not set".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Settings {
    /// The day the new role began.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "day_opt")]
    #[ts(optional, type = "string")]
    pub role_start: Option<NaiveDate>,
    /// Length of the trial period in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub trial_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Phase>>", optional)]
    pub phases: Vec<Phase>,
    /// The guided prompts shown with the daily text; empty = the built-in set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub prompts: Vec<String>,
    /// Lock the app after this many idle minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub idle_lock_minutes: Option<u32>,
    /// The local time of day for the daily check-in reminder, `HH:MM` (24-hour).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "time_opt")]
    #[ts(optional, type = "string")]
    pub reminder_time: Option<NaiveTime>,
    /// The days the reminder comes on; none chosen means Monday to Friday.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Day>>", optional)]
    pub reminder_days: Vec<Day>,
}

impl Settings {
    /// The daily reminder, when one is set.
    pub fn reminder(&self) -> Option<Reminder> {
        self.reminder_time.map(|time| Reminder::new(time, &self.reminder_days))
    }

    /// Checks every setting; the message names the setting.
    pub fn validate(&self) -> Result<()> {
        let bad =
            |field: &str, reason: String| Err(Error::invalid(format!("settings.{field}"), reason));
        if let Some(days) = self.trial_days
            && !(1..=3650).contains(&days)
        {
            return bad("trial_days", format!("{days} is outside 1–3650"));
        }
        for (i, phase) in self.phases.iter().enumerate() {
            let name = phase.name.trim();
            if name.is_empty() || name.chars().count() > 64 {
                return bad("phases", format!("phase {} needs a name of 1–64 characters", i + 1));
            }
            if self.phases[..i].iter().any(|p| p.start == phase.start) {
                return bad("phases", format!("two phases start on {}", phase.start));
            }
        }
        if self.prompts.len() > 200 {
            return bad("prompts", format!("{} prompts; at most 200", self.prompts.len()));
        }
        if let Some(p) = self.prompts.iter().find(|p| p.trim().is_empty() || p.len() > 1000) {
            return bad("prompts", format!("prompt {:?} must be 1–1000 characters", p));
        }
        if let Some(m) = self.idle_lock_minutes
            && !(1..=1440).contains(&m)
        {
            return bad("idle_lock_minutes", format!("{m} is outside 1–1440"));
        }
        Ok(())
    }
}

mod day_opt {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => crate::entry::day::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        text.map(|t| crate::entry::parse_date(&t).map_err(serde::de::Error::custom)).transpose()
    }
}

/// A time of day as `HH:MM` — exactly two digits each, 24-hour, no seconds.
mod time_opt {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        match time {
            Some(t) => s.serialize_str(&t.format("%H:%M").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        text.map(|t| super::parse_time(&t).map_err(serde::de::Error::custom)).transpose()
    }
}

pub use crate::reminder::parse_time;

const KEYS: [&str; 7] = [
    "role_start",
    "trial_days",
    "phases",
    "prompts",
    "idle_lock_minutes",
    "reminder_time",
    "reminder_days",
];

pub(crate) fn read(conn: &Connection) -> Result<Settings> {
    let mut doc = serde_json::Map::new();
    let mut stmt = conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?;
    for key in KEYS {
        let value: Option<String> = stmt.query_row([key], |r| r.get(0)).optional()?;
        if let Some(value) = value {
            let parsed = serde_json::from_str(&value)
                .map_err(|e| Error::Corrupt(format!("setting {key} is unreadable: {e}")))?;
            doc.insert(key.to_owned(), parsed);
        }
    }
    serde_json::from_value(serde_json::Value::Object(doc))
        .map_err(|e| Error::Corrupt(format!("settings are unreadable: {e}")))
}

pub(crate) fn write(conn: &Connection, settings: &Settings) -> Result<()> {
    settings.validate()?;
    let doc = serde_json::to_value(settings)
        .map_err(|e| Error::InvalidInput(format!("settings could not be encoded: {e}")))?;
    let mut put = conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?;
    let mut clear = conn.prepare_cached("DELETE FROM settings WHERE key = ?1")?;
    for key in KEYS {
        match doc.get(key) {
            Some(value) => put.execute([key, &value.to_string()])?,
            None => clear.execute([key])?,
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::tests::new_journal;
    use crate::tests::day;

    #[test]
    fn settings_round_trip_and_unset_fields_stay_unset() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        assert_eq!(j.settings().expect("empty"), Settings::default());
        let s = Settings {
            role_start: Some(day("2024-03-01")),
            trial_days: Some(90),
            phases: vec![Phase { name: "manager".into(), start: day("2024-03-01") }],
            prompts: vec!["What gave you energy today?".into()],
            idle_lock_minutes: None,
            reminder_time: NaiveTime::from_hms_opt(18, 5, 0),
            reminder_days: vec![Day::Mon, Day::Thu],
        };
        j.set_settings(&s).expect("set");
        assert_eq!(j.settings().expect("read"), s);
        j.set_settings(&Settings::default()).expect("clear");
        assert_eq!(j.settings().expect("read"), Settings::default());
    }

    #[test]
    fn bad_settings_name_the_setting() {
        let s = Settings { trial_days: Some(0), ..Settings::default() };
        let err = s.validate().expect_err("zero days");
        assert!(err.to_string().starts_with("settings.trial_days"), "{err}");
    }

    #[test]
    fn the_reminder_time_is_exactly_hh_mm() {
        let time = |t: &str| parse_time(t).ok().map(|t| t.format("%H:%M").to_string());
        assert_eq!(time("18:05").as_deref(), Some("18:05"));
        assert_eq!(time("00:00").as_deref(), Some("00:00"));
        assert_eq!(time("23:59").as_deref(), Some("23:59"));
        for bad in ["24:00", "7:30", "18:5", "18:60", "18:05:00", "6pm", "", "１８:０５", "18-05"]
        {
            assert_eq!(time(bad), None, "{bad:?} is refused");
        }
        let json = r#"{"reminder_time":"07:30"}"#;
        let s: Settings = serde_json::from_str(json).expect("parse");
        assert_eq!(serde_json::to_string(&s).expect("encode"), json);
        let err = serde_json::from_str::<Settings>(r#"{"reminder_time":"7:30"}"#).expect_err("bad");
        assert!(err.to_string().contains("HH:MM"), "{err}");
    }
}
