//! The readable form of `dualtrack insights`: the core's plain-language summary (the same
//! sentences the window and the report open with), then coverage, the sweet spot and weekdays
//! where the data allow, and the trial. Nothing below the evidence line names a slope, interval
//! or r.

use dualtrack_core::{Decision, Insights};

fn num(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.digits$}"))
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

pub fn insights(i: &Insights, decisions: &[Decision]) -> String {
    let mut lines = vec![format!("Insights {} – {}", i.range.from, i.range.to)];
    lines.extend(i.summary.young.clone());
    lines.extend(i.summary.sentences.iter().map(|s| format!("- {}", s.text)));
    let pct = i.coverage.ratio.map_or_else(|| "—".to_owned(), |r| format!("{:.0}%", r * 100.0));
    lines.push(format!(
        "Coverage: {} of {} days logged ({pct}); current streak {} days, longest {}.",
        i.coverage.days_logged, i.coverage.days_in_range, i.streak.current, i.streak.longest
    ));
    if let Some(b) = i.best_band() {
        lines.push(format!(
            "Best split so far: {}–{}% technical, satisfaction {} on average ({} days).",
            b.from,
            b.to,
            num(b.mean, 1),
            b.n
        ));
    }
    if i.summary.young.is_none() {
        let days: Vec<String> = i
            .weekday
            .iter()
            .filter(|w| w.n > 0)
            .map(|w| {
                let name = WEEKDAYS.get(usize::from(w.weekday).saturating_sub(1)).unwrap_or(&"?");
                format!("{name} {} ({} days)", num(w.mean, 1), w.n)
            })
            .collect();
        if !days.is_empty() {
            lines.push(format!("Satisfaction by weekday: {}.", days.join(", ")));
        }
    }
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
