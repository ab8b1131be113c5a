//! The calendar of the last 53 weeks, each day shaded by its satisfaction.

use chrono::{Datelike, Duration};
use plotters::prelude::*;

use super::{Area, Drawn, GRID, err, frame, grid, label};
use crate::insights::Insights;

/// Satisfaction 1–10 as a colour from a muted red through sand and light blue to a deep blue;
/// the ends differ in lightness too, so high and low stay apart in greyscale.
pub(super) fn shade(value: u8) -> RGBColor {
    const STOPS: [(f64, f64, f64); 4] =
        [(214.0, 96.0, 77.0), (240.0, 205.0, 140.0), (125.0, 180.0, 215.0), (33.0, 82.0, 160.0)];
    let t = (f64::from(value.clamp(1, 10)) - 1.0) / 9.0 * 3.0;
    let i = (t.floor() as usize).min(2);
    let (a, b, u) = (STOPS[i], STOPS[i + 1], t - i as f64);
    let mix = |x: f64, y: f64| (x + (y - x) * u).round().clamp(0.0, 255.0) as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The last 53 weeks of the range, a column per week and a row per weekday.
pub(super) fn calendar(root: &Area<'_>, i: &Insights) -> Drawn {
    let end = i.range.to;
    let start = (end - Duration::days(370)).max(i.range.from);
    let first_monday = start - Duration::days(i64::from(start.weekday().num_days_from_monday()));
    let weeks = (end - first_monday).num_days() / 7 + 1;
    let mut chart = frame(root, 8, (22, 34), 0i64..weeks, 0i64..7)?;
    grid(&mut chart)
        .disable_mesh()
        .x_labels(usize::try_from(weeks.min(12)).unwrap_or(12))
        .x_label_formatter(&|w| {
            (first_monday + Duration::weeks(*w)).format("%-d %b %Y").to_string()
        })
        .y_labels(7)
        .y_label_formatter(&|d| {
            ["Sun", "Sat", "Fri", "Thu", "Wed", "Tue", "Mon"]
                .get(usize::try_from(*d).unwrap_or(0))
                .copied()
                .unwrap_or("")
                .to_owned()
        })
        .label_style(label(11))
        .draw()
        .map_err(err)?;
    let cells = i.calendar.iter().filter(|d| d.date >= start && d.date <= end).map(|d| {
        let days = (d.date - first_monday).num_days();
        let (w, row) = (days / 7, 6 - days % 7);
        let style = match d.value {
            Some(v) => shade(v).filled(),
            None => GRID.stroke_width(1),
        };
        Rectangle::new([(w, row), (w + 1, row + 1)], style)
    });
    chart.draw_series(cells).map_err(err)?;
    Ok(())
}
