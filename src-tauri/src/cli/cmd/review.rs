//! Looking back: `insights` (the statistics, readable or as JSON) and `decide` (the decision at
//! the trial review).

use chrono::{Local, Utc};
use dualtrack_core::entry::parse_date;
use dualtrack_core::{Choice, Decision, Error, Insights};
use serde::Serialize;

use crate::cli::context::{Ctx, RangeArgs};
use crate::cli::{print, summary};

#[derive(Debug, clap::Args)]
pub struct Review {
    #[command(flatten)]
    pub range: RangeArgs,
}

/// The statistics with the trial decisions made on them.
#[derive(Serialize)]
struct WithDecisions<'a> {
    #[serde(flatten)]
    insights: &'a Insights,
    decisions: &'a [Decision],
}

impl Review {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let journal = ctx.open()?;
        let found = journal.insights(self.range.range()?, Local::now().date_naive())?;
        let decisions = journal.decisions()?;
        if ctx.json {
            print::json(&WithDecisions { insights: &found, decisions: &decisions })
        } else {
            print::line(&summary::insights(&found, &decisions))
        }
    }
}

/// The choices at a trial review.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DecisionChoice {
    /// Stay in the new role
    Continue,
    /// Give the trial more time
    Extend,
    /// Go back to the individual-contributor track
    BackToIc,
    /// A role with both
    Hybrid,
}

#[derive(Debug, clap::Args)]
pub struct Decide {
    #[arg(value_enum)]
    pub choice: DecisionChoice,
    /// Why, in your words
    #[arg(long, default_value = "")]
    pub note: String,
    /// The day of the decision (YYYY-MM-DD) [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// With extend or hybrid: the day of the next review (YYYY-MM-DD); the trial runs to it
    #[arg(long)]
    pub next_review: Option<String>,
}

impl Decide {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let decided_on = match &self.date {
            Some(d) => parse_date(d)?,
            None => Local::now().date_naive(),
        };
        let choice = match self.choice {
            DecisionChoice::Continue => Choice::Continue,
            DecisionChoice::Extend => Choice::Extend,
            DecisionChoice::BackToIc => Choice::BackToIc,
            DecisionChoice::Hybrid => Choice::Hybrid,
        };
        let decision = Decision { decided_on, choice, note: self.note };
        let next_review = self.next_review.as_deref().map(parse_date).transpose()?;
        ctx.open()?.record_decision(&decision, next_review, Utc::now())?;
        ctx.report(&decision, &format!("Recorded your decision of {decided_on}."))
    }
}
