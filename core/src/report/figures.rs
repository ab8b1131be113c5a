//! The summary figures every report with a summary shows, worded once so Markdown, HTML and PDF
//! say the same thing. Not-logged figures read "not logged", never 0.

use super::Redaction;
use crate::entry::Entry;
use crate::field::Field;
use crate::insights::{Evidence, Insights, Topic};

/// One line of the summary: a label and its value in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub label: &'static str,
    pub value: String,
}

fn mean(value: Option<f64>, digits: usize, unit: &str) -> String {
    value.map_or_else(|| "not logged".to_owned(), |v| format!("{v:.digits$}{unit}"))
}

/// A signed number with its 95% interval, e.g. "+0.42 (95% CI −0.10 to +0.94)".
pub fn with_interval(value: Option<f64>, ci: Option<[f64; 2]>, digits: usize) -> String {
    let Some(value) = value else {
        return "—".to_owned();
    };
    let mut text = format!("{value:+.digits$}");
    if let Some([lo, hi]) = ci {
        text.push_str(&format!(" (95% CI {lo:+.digits$} to {hi:+.digits$})"));
    }
    text.replace('-', "−")
}

/// The text with a capital first letter.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A phrase as a sentence: capital first letter, final full stop.
pub fn sentence(text: &str) -> String {
    let mut out = capitalised(text.trim());
    if !out.is_empty() && !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// What a figure of a left-out field says instead of a value.
pub const LEFT_OUT: &str = "left out of this report";

/// The fields a summary sentence speaks of: it is left out with any of them.
fn fields_of(topic: Topic) -> &'static [Field] {
    match topic {
        Topic::Satisfaction => &[Field::Satisfaction],
        Topic::Relation => &[Field::Satisfaction, Field::TechnicalShare],
        Topic::Meetings => &[Field::Satisfaction, Field::Meetings],
        Topic::Focus => &[Field::Satisfaction, Field::FocusMinutes],
        Topic::EnergyMeetings => &[Field::Energy, Field::Meetings],
        Topic::EnergyFocus => &[Field::Energy, Field::FocusMinutes],
        Topic::NextDay => &[Field::Energy, Field::TechnicalShare],
    }
}

/// The plain-language summary the window opens with, as one paragraph: the young-journal line
/// and the sentences about fields the report keeps.
fn in_short(i: &Insights, redaction: &Redaction) -> Option<Figure> {
    let mut said: Vec<&str> = i.summary.young.iter().map(String::as_str).collect();
    said.extend(
        i.summary
            .sentences
            .iter()
            .filter(|s| !fields_of(s.topic).iter().any(|f| redaction.omits(*f)))
            .map(|s| s.text.as_str()),
    );
    (!said.is_empty()).then(|| Figure { label: "In short", value: said.join(" ") })
}

/// The summary: in short, then coverage, satisfaction, technical share, the relation, streaks.
/// A figure of a field the user left out says so, rather than "not logged".
pub fn summary(i: &Insights, redaction: &Redaction) -> Vec<Figure> {
    let mut figures: Vec<Figure> = in_short(i, redaction).into_iter().collect();
    figures.extend(values(i));
    let left_out = |field: Field| redaction.omits(field);
    for figure in &mut figures {
        let gone = match figure.label {
            "Satisfaction" => left_out(Field::Satisfaction),
            "Technical share" => left_out(Field::TechnicalShare),
            "Satisfaction and technical share" => {
                left_out(Field::Satisfaction) || left_out(Field::TechnicalShare)
            }
            _ => false,
        };
        if gone {
            figure.value = LEFT_OUT.to_owned();
        }
    }
    figures
}

fn values(i: &Insights) -> Vec<Figure> {
    let pct = i.coverage.ratio.map_or_else(String::new, |r| format!(" ({:.0}%)", r * 100.0));
    let relation = &i.relation;
    let mut relation_text = sentence(&relation.verdict);
    // Below the evidence line no slope, interval or r is printed.
    if relation.evidence == Evidence::Finding && relation.slope_per_10.is_some() {
        relation_text.push_str(&format!(
            " Slope per +10 points of technical share: {}; r = {}; n = {}.",
            with_interval(relation.slope_per_10, relation.ci95, 2),
            relation.r.map_or_else(|| "—".to_owned(), |r| format!("{r:.2}").replace('-', "−")),
            relation.n
        ));
    }
    vec![
        Figure {
            label: "Coverage",
            value: format!(
                "{} of {} days logged{pct}",
                i.coverage.days_logged, i.coverage.days_in_range
            ),
        },
        Figure {
            label: "Satisfaction",
            value: format!(
                "mean {} (n = {})",
                mean(i.satisfaction.mean, 1, " of 10"),
                i.satisfaction.n
            ),
        },
        Figure {
            label: "Technical share",
            value: format!(
                "mean {} (n = {})",
                mean(i.technical_share.mean, 0, "%"),
                i.technical_share.n
            ),
        },
        Figure { label: "Satisfaction and technical share", value: relation_text },
        Figure {
            label: "Streaks",
            value: format!("current {} days, longest {} days", i.streak.current, i.streak.longest),
        },
    ]
}

/// An entry's logged numbers in words, e.g. "satisfaction 7/10", "0 meetings"; not-logged
/// fields are left out.
pub fn entry_numbers(e: &Entry) -> Vec<String> {
    Field::ALL.into_iter().filter_map(|f| e.number(f).map(|v| f.phrase(v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_use_a_true_minus_and_a_sign() {
        assert_eq!(
            with_interval(Some(0.5), Some([-0.25, 1.25]), 2),
            "+0.50 (95% CI −0.25 to +1.25)"
        );
        assert_eq!(with_interval(None, None, 2), "—");
        assert_eq!(with_interval(Some(-1.0), None, 1), "−1.0");
        assert_eq!(sentence("not enough evidence yet"), "Not enough evidence yet.");
        assert_eq!(sentence("Done!"), "Done!");
    }
}
