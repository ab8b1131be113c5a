//! Which charts a report can draw: a chart appears only when its data survived redaction and
//! the range has some, so a report never shows an empty frame or a field the user left out.

use crate::insights::Insights;

/// The charts of a PDF or HTML report, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    SatisfactionOverTime,
    Split,
    Relation,
    Calendar,
    Weekday,
}

impl Chart {
    pub fn title(self) -> &'static str {
        match self {
            Chart::SatisfactionOverTime => "satisfaction over time",
            Chart::Split => "leadership and technical split",
            Chart::Relation => "satisfaction vs technical share",
            Chart::Calendar => "calendar",
            Chart::Weekday => "weekday means",
        }
    }
}

/// The charts `insights` has data for.
pub fn available(insights: &Insights) -> Vec<Chart> {
    let mut charts = Vec::new();
    if !insights.satisfaction.series.is_empty() {
        charts.push(Chart::SatisfactionOverTime);
    }
    if insights.technical_share.weekly.iter().any(|w| w.mean.is_some()) {
        charts.push(Chart::Split);
    }
    if !insights.relation.points.is_empty() {
        charts.push(Chart::Relation);
    }
    if insights.calendar.iter().any(|d| d.value.is_some()) {
        charts.push(Chart::Calendar);
    }
    if insights.weekday.iter().any(|w| w.n > 0) {
        charts.push(Chart::Weekday);
    }
    charts
}
