//! The journal's statistics: every day's numbers (never the text) read once and handed to
//! [`insights::for_range`], where the rule "the charts look at the range, the trial review at
//! the whole journal" lives.

use chrono::NaiveDate;

use super::Journal;
use crate::entry::DateRange;
use crate::error::Result;
use crate::insights::{self, Insights};

impl Journal {
    /// The statistics of `range` (open ends close on the journal's first and last day).
    pub fn insights(&self, range: DateRange, today: NaiveDate) -> Result<Insights> {
        let entries = self.list_numbers(DateRange::all())?;
        Ok(insights::for_range(&entries, &self.settings()?, range, today))
    }
}
