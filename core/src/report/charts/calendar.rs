//! The calendar of the last 53 weeks, each day shaded by its satisfaction.

use chrono::{Datelike, Duration};
use plotters::prelude::*;

use super::{Area, Drawn, GRID, err, frame, grid, label};
use crate::insights::Insights;

/// The satisfaction scale, 1–10, as the window draws it (`--sat-1` … `--sat-10` in
/// ui/src/app.css; a test keeps the two equal): a warm red through sand to a deep blue, the
/// ends darker than the middle so high and low stay apart in greyscale.
pub(crate) const SATISFACTION_COLOURS: [(u8, u8, u8); 10] = [
    (0xb2, 0x43, 0x2f),
    (0xb8, 0x55, 0x2f),
    (0xd7, 0x7e, 0x43),
    (0xe3, 0xa4, 0x5f),
    (0xeb, 0xc9, 0x87),
    (0xc8, 0xd9, 0xa6),
    (0x95, 0xc3, 0xb0),
    (0x5f, 0xa3, 0xb5),
    (0x36, 0x72, 0x9a),
    (0x2b, 0x5a, 0x8f),
];

/// Satisfaction 1–10 as its colour on the shared scale.
pub(super) fn shade(value: u8) -> RGBColor {
    let (r, g, b) = SATISFACTION_COLOURS[usize::from(value.clamp(1, 10) - 1)];
    RGBColor(r, g, b)
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
