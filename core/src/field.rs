//! The seven numeric fields of an entry (PRODUCT §1), named once: their exchange-format name,
//! accepted range, label and unit. Validation, the exchange format, redaction, the reports and
//! the CLI all go through `Field`; an unknown name is an error that lists the known ones, never
//! a guess. Exported to the UI as `Field.ts`. (The database's CHECK constraints repeat the
//! ranges as a second line of defence.)

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Field {
    Satisfaction,
    TechnicalShare,
    LeadershipSatisfaction,
    TechnicalSatisfaction,
    Energy,
    Meetings,
    FocusMinutes,
}

impl Field {
    /// Every field, in exchange-format (and CSV column) order.
    pub const ALL: [Field; 7] = [
        Field::Satisfaction,
        Field::TechnicalShare,
        Field::LeadershipSatisfaction,
        Field::TechnicalSatisfaction,
        Field::Energy,
        Field::Meetings,
        Field::FocusMinutes,
    ];

    /// The exchange-format name, e.g. `technical_share`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Satisfaction => "satisfaction",
            Field::TechnicalShare => "technical_share",
            Field::LeadershipSatisfaction => "leadership_satisfaction",
            Field::TechnicalSatisfaction => "technical_satisfaction",
            Field::Energy => "energy",
            Field::Meetings => "meetings",
            Field::FocusMinutes => "focus_minutes",
        }
    }

    /// The accepted values, inclusive.
    pub fn range(self) -> (i64, i64) {
        match self {
            Field::Satisfaction | Field::LeadershipSatisfaction | Field::TechnicalSatisfaction => {
                (1, 10)
            }
            Field::TechnicalShare => (0, 100),
            Field::Energy => (1, 5),
            Field::Meetings => (0, 50),
            Field::FocusMinutes => (0, 1440),
        }
    }

    /// How a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Satisfaction => "satisfaction",
            Field::TechnicalShare => "technical share",
            Field::LeadershipSatisfaction => "leadership satisfaction",
            Field::TechnicalSatisfaction => "technical satisfaction",
            Field::Energy => "energy",
            Field::Meetings => "meetings",
            Field::FocusMinutes => "longest focus block",
        }
    }

    /// A value as a labelled line shows it: "7/10", "40% technical, 60% leadership", "3/5",
    /// "5", "90 min".
    pub fn value_text(self, value: i64) -> String {
        match self {
            Field::TechnicalShare => {
                format!("{value}% technical, {}% leadership", 100i64.saturating_sub(value))
            }
            Field::Meetings => value.to_string(),
            Field::FocusMinutes => format!("{value} min"),
            other => format!("{value}/{}", other.range().1),
        }
    }

    /// A value in a run of words about one day: "satisfaction 7/10", "40% technical, 60%
    /// leadership", "energy 3/5", "0 meetings", "longest focus 90 min".
    pub fn phrase(self, value: i64) -> String {
        match self {
            Field::TechnicalShare => self.value_text(value),
            Field::LeadershipSatisfaction => format!("leadership {}", self.value_text(value)),
            Field::TechnicalSatisfaction => format!("technical {}", self.value_text(value)),
            Field::Meetings if value == 1 => "1 meeting".to_owned(),
            Field::Meetings => format!("{value} meetings"),
            Field::FocusMinutes => format!("longest focus {value} min"),
            other => format!("{} {}", other.label(), other.value_text(value)),
        }
    }

    /// The field called `name`; an unknown name is an error listing the known ones.
    pub fn parse(name: &str) -> Result<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name).ok_or_else(|| {
            let known: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
            Error::InvalidInput(format!(
                "{name:?} is not a numeric field; the fields are {}",
                known.join(", ")
            ))
        })
    }
}

impl std::str::FromStr for Field {
    type Err = Error;
    fn from_str(name: &str) -> Result<Field> {
        Field::parse(name)
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_the_json_spelling() {
        for field in Field::ALL {
            assert_eq!(Field::parse(field.name()).expect("known"), field);
            assert_eq!(serde_json::to_value(field).expect("json"), serde_json::json!(field.name()));
        }
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(
            names,
            [
                "satisfaction",
                "technical_share",
                "leadership_satisfaction",
                "technical_satisfaction",
                "energy",
                "meetings",
                "focus_minutes"
            ],
            "exchange-format order, pinned"
        );
    }

    #[test]
    fn an_unknown_name_is_an_error_never_a_guess() {
        let err = Field::parse("focus").expect_err("unknown");
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("focus_minutes"), "it lists the known names: {err}");
        assert!(serde_json::from_str::<Field>("\"mood\"").is_err());
    }

    #[test]
    fn values_read_with_their_units() {
        assert_eq!(Field::Satisfaction.value_text(7), "7/10");
        assert_eq!(Field::Energy.value_text(3), "3/5");
        assert_eq!(Field::TechnicalShare.value_text(40), "40% technical, 60% leadership");
        assert_eq!(Field::Meetings.value_text(0), "0");
        assert_eq!(Field::Satisfaction.phrase(7), "satisfaction 7/10");
        assert_eq!(Field::LeadershipSatisfaction.phrase(6), "leadership 6/10");
        assert_eq!(Field::Meetings.phrase(1), "1 meeting");
        assert_eq!(Field::Meetings.phrase(0), "0 meetings");
        assert_eq!(Field::FocusMinutes.phrase(90), "longest focus 90 min");
    }
}
