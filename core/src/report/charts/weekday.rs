//! Mean satisfaction per weekday, with its 95% interval and n.

use plotters::prelude::*;

use super::{Area, BLUE, Drawn, INK, err, frame, grid, label, tint};
use crate::insights::Insights;

pub(super) fn weekday(root: &Area<'_>, i: &Insights) -> Drawn {
    let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    // Below 0 is the row of weekday names with their n, under the bars.
    let mut chart = frame(root, 10, (4, 40), 0f64..7.0, -1.2f64..10.5)?;
    grid(&mut chart)
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(12)
        .y_label_formatter(&|v| if *v < 0.0 { String::new() } else { format!("{v:.0}") })
        .y_desc("Mean satisfaction")
        .draw()
        .map_err(err)?;
    for w in &i.weekday {
        let x = f64::from(w.weekday.saturating_sub(1));
        let name = names.get(usize::from(w.weekday.saturating_sub(1))).copied().unwrap_or("");
        chart
            .draw_series(std::iter::once(Text::new(
                format!("{name} (n = {})", w.n),
                (x + 0.14, -0.35),
                label(12),
            )))
            .map_err(err)?;
        let Some(mean) = w.mean else { continue };
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x + 0.2, 0.0), (x + 0.8, mean)],
                tint(BLUE, 0.7).filled(),
            )))
            .map_err(err)?;
        if let Some([lo, hi]) = w.ci95 {
            let (lo, hi) = (lo.max(0.0), hi.min(10.5));
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(x + 0.5, lo), (x + 0.5, hi)],
                    INK.stroke_width(1),
                )))
                .map_err(err)?;
        }
        chart
            .draw_series(std::iter::once(Text::new(
                format!("{mean:.1}"),
                (x + 0.22, (mean + 0.9).min(10.4)),
                label(12),
            )))
            .map_err(err)?;
    }
    Ok(())
}
