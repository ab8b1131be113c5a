//! The trial-period decision (PRODUCT §5): what the user chose at the review — continue,
//! extend the trial, go back to the IC track, or a hybrid role — with a note. Every decision is
//! kept, so a later review can see the earlier ones.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::entry::{day_text, parse_date};
use crate::error::{Error, Result};
use crate::journal::Journal;

/// The choices at a trial review; "back to IC" is an equal path, not a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Choice {
    Continue,
    Extend,
    BackToIc,
    Hybrid,
}

impl Choice {
    fn as_str(self) -> &'static str {
        match self {
            Choice::Continue => "continue",
            Choice::Extend => "extend",
            Choice::BackToIc => "back_to_ic",
            Choice::Hybrid => "hybrid",
        }
    }

    /// The choice in words, for reports: "back to IC" is named as plainly as "continue".
    pub fn label(self) -> &'static str {
        match self {
            Choice::Continue => "Continue in the role",
            Choice::Extend => "Extend the trial",
            Choice::BackToIc => "Back to the IC track",
            Choice::Hybrid => "A hybrid role",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Choice::Continue, Choice::Extend, Choice::BackToIc, Choice::Hybrid]
            .into_iter()
            .find(|c| c.as_str() == text)
    }
}

/// One recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Decision {
    #[serde(with = "crate::entry::day")]
    #[ts(type = "string")]
    pub decided_on: NaiveDate,
    pub choice: Choice,
    pub note: String,
}

/// The longest note kept with a decision, in bytes.
pub const MAX_NOTE_BYTES: usize = 64 * 1024;

impl Journal {
    /// Records a decision. "Extend" and "hybrid" carry the day of the next review, and the
    /// trial runs on to it: the trial length is set in the same transaction, so the decision
    /// and the new review date are kept together or not at all.
    pub fn record_decision(
        &mut self,
        decision: &Decision,
        next_review: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if decision.note.len() > MAX_NOTE_BYTES {
            return Err(Error::invalid("note", format!("is longer than {MAX_NOTE_BYTES} bytes")));
        }
        let settings = match (decision.choice, next_review) {
            (Choice::Extend | Choice::Hybrid, None) => {
                return Err(Error::invalid(
                    "next_review",
                    "is needed: extending the trial or a hybrid role sets the next review date",
                ));
            }
            (Choice::Extend | Choice::Hybrid, Some(next)) => {
                Some(self.trial_until(next, decision)?)
            }
            (Choice::Continue | Choice::BackToIc, Some(_)) => {
                return Err(Error::invalid(
                    "next_review",
                    "only goes with extending the trial or a hybrid role",
                ));
            }
            (Choice::Continue | Choice::BackToIc, None) => None,
        };
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO decisions (decided_on, choice, note, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute([
                day_text(decision.decided_on),
                decision.choice.as_str().to_owned(),
                decision.note.clone(),
                crate::journal::instant(now),
            ])?;
            match &settings {
                Some(settings) => crate::settings::write(tx, settings),
                None => Ok(()),
            }
        })
    }

    /// The settings with the trial running on to `next` (its last day, the review).
    fn trial_until(
        &self,
        next: NaiveDate,
        decision: &Decision,
    ) -> Result<crate::settings::Settings> {
        let mut settings = self.settings()?;
        let Some(start) = settings.role_start else {
            return Err(Error::invalid("next_review", "needs the day the role began (Settings)"));
        };
        if next <= decision.decided_on {
            return Err(Error::invalid(
                "next_review",
                format!("{next} must come after the decision ({})", decision.decided_on),
            ));
        }
        let days = (next - start).num_days() + 1;
        settings.trial_days = Some(u32::try_from(days).unwrap_or(u32::MAX));
        settings.validate()?;
        Ok(settings)
    }

    /// Every decision, oldest first.
    pub fn decisions(&self) -> Result<Vec<Decision>> {
        let mut stmt = self.db().prepare_cached(
            "SELECT decided_on, choice, note FROM decisions ORDER BY decided_on, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (date, choice, note) = row?;
            let choice = Choice::parse(&choice)
                .ok_or_else(|| Error::Corrupt(format!("unknown decision {choice:?}")))?;
            out.push(Decision { decided_on: parse_date(&date)?, choice, note });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::tests::new_journal;
    use crate::tests::{day, now};

    #[test]
    fn decisions_are_kept_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        assert!(j.decisions().expect("none").is_empty());
        let later = Decision {
            decided_on: day("2026-06-01"),
            choice: Choice::BackToIc,
            note: "I miss building.".into(),
        };
        let first =
            Decision { decided_on: day("2026-03-01"), choice: Choice::Extend, note: String::new() };
        j.set_settings(&crate::settings::Settings {
            role_start: Some(day("2026-01-01")),
            trial_days: Some(60),
            ..crate::settings::Settings::default()
        })
        .expect("settings");
        j.record_decision(&later, None, now()).expect("record");
        j.record_decision(&first, Some(day("2026-04-30")), now()).expect("record");
        assert_eq!(j.decisions().expect("list"), [first, later]);
        let long = Decision {
            decided_on: day("2026-06-02"),
            choice: Choice::Hybrid,
            note: "x".repeat(MAX_NOTE_BYTES + 1),
        };
        assert_eq!(
            j.record_decision(&long, Some(day("2026-07-01")), now()).err().map(|e| e.kind()),
            Some(crate::ErrorKind::InvalidEntry)
        );
    }

    #[test]
    fn extending_moves_the_review_to_the_chosen_day_in_the_same_step() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = new_journal(dir.path()).journal;
        let start = crate::settings::Settings {
            role_start: Some(day("2026-01-01")),
            trial_days: Some(90),
            ..crate::settings::Settings::default()
        };
        j.set_settings(&start).expect("settings");
        let extend = |note: &str| Decision {
            decided_on: day("2026-03-31"),
            choice: Choice::Extend,
            note: note.into(),
        };
        j.record_decision(&extend("two more months"), Some(day("2026-05-31")), now())
            .expect("extend");
        let settings = j.settings().expect("settings");
        assert_eq!(settings.trial_days, Some(151), "2026-01-01 to 2026-05-31 is 151 days");

        // Refused, and nothing is kept: no date, a date not after the decision, a date for
        // "continue", no role start.
        let before = (j.decisions().expect("list").len(), j.settings().expect("settings"));
        for (decision, next) in [
            (extend("no date"), None),
            (extend("same day"), Some(day("2026-03-31"))),
            (Decision { choice: Choice::Continue, ..extend("continue") }, Some(day("2026-06-30"))),
        ] {
            let err = j.record_decision(&decision, next, now()).expect_err("refused");
            assert_eq!(err.kind(), crate::ErrorKind::InvalidEntry, "{err}");
        }
        assert_eq!((j.decisions().expect("list").len(), j.settings().expect("settings")), before);
        j.set_settings(&crate::settings::Settings::default()).expect("settings");
        let err =
            j.record_decision(&extend("x"), Some(day("2026-05-31")), now()).expect_err("no role");
        assert!(err.to_string().contains("the day the role began"), "{err}");
    }
}
