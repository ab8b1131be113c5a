//! Satisfaction against technical share: one dot per position, sized by its days, and the
//! fitted line with its 95% band when there is one.

use plotters::prelude::*;

use super::{Area, BLUE, Drawn, err, frame, grid, tint};
use crate::insights::Insights;

pub(super) fn relation(root: &Area<'_>, i: &Insights) -> Drawn {
    let r = &i.relation;
    let mut chart = frame(root, 10, (36, 40), 0f64..100.0, 0.5f64..10.5)?;
    grid(&mut chart)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_desc("Technical share of the day (%)")
        .y_desc("Satisfaction")
        .draw()
        .map_err(err)?;
    let band: Vec<(f64, f64)> = r
        .line
        .iter()
        .filter_map(|p| p.hi.map(|hi| (p.x, hi)))
        .chain(r.line.iter().rev().filter_map(|p| p.lo.map(|lo| (p.x, lo))))
        .collect();
    if band.len() > 2 {
        chart
            .draw_series(std::iter::once(Polygon::new(band, tint(BLUE, 0.15).filled())))
            .map_err(err)?;
    }
    // Days share positions (whole numbers on both axes): one dot per position, larger for more
    // days, keeps a ten-year scatter readable and the file small.
    let mut days_at: std::collections::BTreeMap<(u8, u8), u32> = std::collections::BTreeMap::new();
    for p in &r.points {
        *days_at.entry((p.technical_share, p.satisfaction)).or_default() += 1;
    }
    chart
        .draw_series(days_at.iter().map(|(&(share, satisfaction), &days)| {
            let radius = (2.5 + 1.5 * f64::from(days - 1).sqrt()).min(9.0).round() as i32;
            Circle::new(
                (f64::from(share), f64::from(satisfaction)),
                radius,
                tint(BLUE, 0.35).filled(),
            )
        }))
        .map_err(err)?;
    if !r.line.is_empty() {
        chart
            .draw_series(LineSeries::new(r.line.iter().map(|p| (p.x, p.y)), BLUE.stroke_width(2)))
            .map_err(err)?;
    }
    Ok(())
}
