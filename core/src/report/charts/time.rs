//! The charts over time: satisfaction with its rolling means and role markers, and the weekly
//! leadership/technical split. Gaps in the journal stay gaps in the lines.

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Area, Drawn, FAMILY, GRID, INK, MUTED, err, frame, grid, label, tint};
use super::{BLUE, MAX_DAILY_POINTS, MeanOf, ORANGE, TEAL, day_label};
use crate::insights::{Insights, MarkerKind};
use crate::report::Report;

pub(super) fn satisfaction(root: &Area<'_>, report: &Report) -> Drawn {
    let i = &report.insights;
    let from = i.range.from;
    let days = i64::try_from(i.range.days()).unwrap_or(1).max(1);
    let x = |d: NaiveDate| (d - from).num_days();
    let mut chart = frame(root, 10, (30, 40), 0i64..days, 0.5f64..10.5)?;
    grid(&mut chart)
        .x_labels(6)
        .y_labels(10)
        .x_label_formatter(&|v| day_label(from, *v))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc("Satisfaction (1–10)")
        .draw()
        .map_err(err)?;
    // Marker labels go beside their lines, in rows, so none is clipped or drawn over another.
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let font = (FAMILY, 12).into_font();
    let lines: Vec<(i32, i32)> = i
        .markers
        .iter()
        .map(|m| {
            let px = chart.backend_coord(&(x(m.date), 10.5)).0;
            let width =
                root.estimate_text_size(&m.label, &font.clone().into()).map_or(60, |(w, _)| w);
            (px, i32::try_from(width).unwrap_or(i32::MAX))
        })
        .collect();
    let spots = super::place_labels(&lines, xs.start, xs.end);
    for (marker, spot) in i.markers.iter().zip(spots) {
        let mx = x(marker.date);
        let colour = if marker.kind == MarkerKind::TrialReview { ORANGE } else { MUTED };
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(mx, 0.5), (mx, 10.5)],
                colour.stroke_width(1),
            )))
            .map_err(err)?;
        let anchor = if spot.right_of_line { HPos::Left } else { HPos::Right };
        // Labels in ink: orange text on white is too faint to read (3.2:1); the line carries the colour.
        let style = font.color(&INK).pos(Pos::new(anchor, VPos::Top));
        root.draw(&Text::new(marker.label.clone(), (spot.x, ys.start + 2 + spot.row * 14), style))
            .map_err(err)?;
    }
    if i.satisfaction.series.len() <= MAX_DAILY_POINTS {
        chart
            .draw_series(i.satisfaction.series.iter().map(|p| {
                Circle::new((x(p.date), f64::from(p.value)), 2, tint(BLUE, 0.45).filled())
            }))
            .map_err(err)?
            .label("daily")
            .legend(|(lx, ly)| Circle::new((lx + 8, ly), 3, tint(BLUE, 0.45).filled()));
    }
    let means: [(&str, RGBColor, MeanOf); 2] =
        [("7-day mean", TEAL, |p| p.mean7), ("30-day mean", ORANGE, |p| p.mean30)];
    for (name, colour, value) in means {
        let mut first = true;
        for run in runs(&i.satisfaction.series, |p| value(p).map(|v| (x(p.date), v))) {
            let series =
                chart.draw_series(LineSeries::new(run, colour.stroke_width(2))).map_err(err)?;
            if std::mem::take(&mut first) {
                series.label(name).legend(move |(lx, ly)| {
                    PathElement::new(vec![(lx, ly), (lx + 16, ly)], colour.stroke_width(2))
                });
            }
        }
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerLeft)
        .background_style(WHITE)
        .border_style(GRID)
        .label_font(label(12))
        .draw()
        .map_err(err)
}

/// Consecutive points as separate runs: a line breaks where a day has no value, or where the
/// next logged day is more than one day later (gaps stay gaps).
pub(super) fn runs<T>(
    points: &[T],
    value: impl Fn(&T) -> Option<(i64, f64)>,
) -> Vec<Vec<(i64, f64)>> {
    let mut out: Vec<Vec<(i64, f64)>> = Vec::new();
    let mut current: Vec<(i64, f64)> = Vec::new();
    for point in points {
        match value(point) {
            Some(p) if current.last().is_none_or(|last| p.0 - last.0 <= 1) => current.push(p),
            Some(p) => out.push(std::mem::replace(&mut current, vec![p])),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

pub(super) fn split(root: &Area<'_>, i: &Insights) -> Drawn {
    let from = i.range.from;
    let days = i64::try_from(i.range.days()).unwrap_or(1).max(7);
    let mut chart = frame(root, 10, (30, 40), 0i64..days, 0f64..100.0)?;
    grid(&mut chart)
        .disable_x_mesh()
        .x_labels(6)
        .x_label_formatter(&|v| day_label(from, *v))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc("Share of the working day (%)")
        .draw()
        .map_err(err)?;
    let weeks: Vec<(i64, f64)> = i
        .technical_share
        .weekly
        .iter()
        .filter_map(|w| w.mean.map(|m| ((w.week_start - from).num_days(), m)))
        .collect();
    chart
        .draw_series(weeks.iter().map(|&(x, m)| {
            Rectangle::new([(x.max(0), 0.0), ((x + 7).min(days), m)], tint(BLUE, 0.8).filled())
        }))
        .map_err(err)?
        .label("technical")
        .legend(|(lx, ly)| {
            Rectangle::new([(lx, ly - 5), (lx + 12, ly + 5)], tint(BLUE, 0.8).filled())
        });
    chart
        .draw_series(weeks.iter().map(|&(x, m)| {
            Rectangle::new([(x.max(0), m), ((x + 7).min(days), 100.0)], tint(ORANGE, 0.55).filled())
        }))
        .map_err(err)?
        .label("leadership")
        .legend(|(lx, ly)| {
            Rectangle::new([(lx, ly - 5), (lx + 12, ly + 5)], tint(ORANGE, 0.55).filled())
        });
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE)
        .border_style(GRID)
        .label_font(label(12))
        .draw()
        .map_err(err)
}
