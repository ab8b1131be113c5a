//! The readable form of `dualtrack insights`: a few plain sentences, each with its n, and no
//! conclusion where the evidence is thin (the verdicts come from the core).

use dualtrack_core::{Decision, Insights};

fn num(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.digits$}"))
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

pub fn insights(i: &Insights, decisions: &[Decision]) -> String {
    let mut lines = vec![format!("Insights {} – {}", i.range.from, i.range.to)];
    let pct = i.coverage.ratio.map_or_else(|| "—".to_owned(), |r| format!("{:.0}%", r * 100.0));
    lines.push(format!(
        "Coverage: {} of {} days logged ({pct}); current streak {} days, longest {}.",
        i.coverage.days_logged, i.coverage.days_in_range, i.streak.current, i.streak.longest
    ));
    lines.push(format!(
        "Satisfaction: mean {} of 10 (n = {}). Technical share: mean {}% (n = {}).",
        num(i.satisfaction.mean, 1),
        i.satisfaction.n,
        num(i.technical_share.mean, 0),
        i.technical_share.n
    ));
    lines.push(format!("Satisfaction and technical share: {}", i.relation.verdict));
    if let Some(b) = i.best_band() {
        lines.push(format!(
            "Sweet spot: {}–{}% technical, mean satisfaction {} (n = {}).",
            b.from,
            b.to,
            num(b.mean, 1),
            b.n
        ));
    }
    let days: Vec<String> = i
        .weekday
        .iter()
        .filter(|w| w.n > 0)
        .map(|w| {
            let name = WEEKDAYS.get(usize::from(w.weekday).saturating_sub(1)).unwrap_or(&"?");
            format!("{name} {} (n {})", num(w.mean, 1), w.n)
        })
        .collect();
    if !days.is_empty() {
        lines.push(format!("By weekday: {}.", days.join(", ")));
    }
    lines.push(format!("Meetings: {}", i.maker.meetings.verdict));
    lines.push(format!("After leadership-heavy days: {}", i.next_day.verdict));
    if let Some(trial) = &i.trial {
        let when = if trial.available { "is due" } else { "comes" };
        lines.push(format!(
            "Trial review {when} on {} (see --json for the comparison).",
            trial.review_date
        ));
    }
    if let Some(last) = decisions.last() {
        lines.push(format!(
            "Your latest decision ({}): {:?}. {}",
            last.decided_on, last.choice, last.note
        ));
    }
    lines.join("\n")
}
