//! The report's charts as SVG, drawn with `plotters` (SVG backend only): the same vector image
//! goes inline into the HTML report and, through usvg and krilla-svg, into the PDF, where its
//! labels stay real, selectable text. A chart appears only when its data survived redaction and
//! the range has some, so a report never shows an empty frame or a field the user left out.
//!
//! plotters measures label text with `ab_glyph`; it is given the report's own font (Inter,
//! embedded) once per process, because its font registry is process-wide.

use std::sync::Once;

use chrono::{Datelike, Duration, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::Report;
use super::fonts;
use crate::insights::{Insights, MarkerKind};

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

    /// Width and height in points (1/72 inch) on the page; the SVG is 1.5 px per point.
    pub fn size(self) -> (f32, f32) {
        match self {
            Chart::Calendar => (483.0, 130.0),
            Chart::Weekday => (483.0, 170.0),
            _ => (483.0, 210.0),
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

const FAMILY: &str = fonts::FAMILY;
/// Above two years the daily dots are left out of the time chart (the rolling means remain):
/// thousands of dots say nothing more and make the PDF heavy.
const MAX_DAILY_POINTS: usize = 731;
const INK: RGBColor = RGBColor(40, 44, 52);
const GRID: RGBColor = RGBColor(228, 230, 235);
const BLUE: RGBColor = RGBColor(37, 99, 235);
const ORANGE: RGBColor = RGBColor(217, 119, 6);
const TEAL: RGBColor = RGBColor(13, 148, 136);
const MUTED: RGBColor = RGBColor(120, 126, 138);

/// `colour` at `opacity` over white, as an opaque colour: a PDF draws a translucent shape as a
/// transparency group of its own, which for thousands of dots makes the file megabytes larger.
fn tint(colour: RGBColor, opacity: f64) -> RGBColor {
    let over_white = |c: u8| (255.0 - (255.0 - f64::from(c)) * opacity).round() as u8;
    RGBColor(over_white(colour.0), over_white(colour.1), over_white(colour.2))
}

fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for (style, bytes) in [
            (FontStyle::Normal, fonts::REGULAR),
            (FontStyle::Bold, fonts::BOLD),
            (FontStyle::Italic, fonts::ITALIC),
            (FontStyle::Oblique, fonts::ITALIC),
        ] {
            for name in [FAMILY, "sans-serif"] {
                // The bytes are the embedded Inter faces; a failure would only mean plotters
                // measures labels with its fallback, which still draws a correct chart.
                let _ = plotters::style::register_font(name, style, bytes);
            }
        }
    });
}

/// The chart as an SVG document.
pub fn render(chart: Chart, report: &Report) -> String {
    register_fonts();
    let (w, h) = chart.size();
    let size = (px(w), px(h));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let drawn = root.fill(&WHITE).map_err(|e| e.to_string()).and_then(|()| match chart {
            Chart::SatisfactionOverTime => satisfaction(&root, report),
            Chart::Split => split(&root, &report.insights),
            Chart::Relation => relation(&root, &report.insights),
            Chart::Calendar => calendar(&root, &report.insights),
            Chart::Weekday => weekday(&root, &report.insights),
        });
        if let Err(reason) = drawn {
            // Plotters fails only on impossible geometry; say so inside the frame instead of
            // failing the whole report.
            let _ = root.draw(&Text::new(
                format!("This chart could not be drawn ({reason})."),
                (10, 20),
                (FAMILY, 14).into_font().color(&INK),
            ));
        }
        let _ = root.present();
    }
    svg
}

fn px(points: f32) -> u32 {
    // Sizes are small positive constants; the cast cannot truncate meaningfully.
    (points * 1.5).round() as u32
}

/// Picks a rolling mean from a day of the satisfaction series.
type MeanOf = fn(&crate::insights::SatisfactionPoint) -> Option<f64>;
type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), String>;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

fn label(size: i32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&INK)
}

fn day_label(from: NaiveDate, x: i64) -> String {
    (from + Duration::days(x)).format("%Y-%m-%d").to_string()
}

fn satisfaction(root: &Area<'_>, report: &Report) -> Drawn {
    let i = &report.insights;
    let from = i.range.from;
    let days = i64::try_from(i.range.days()).unwrap_or(1).max(1);
    let x = |d: NaiveDate| (d - from).num_days();
    let mut chart = ChartBuilder::on(root)
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(0i64..days, 0.5f64..10.5)
        .map_err(err)?;
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .bold_line_style(GRID)
        .x_labels(6)
        .y_labels(10)
        .x_label_formatter(&|v| day_label(from, *v))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc("Satisfaction (1–10)")
        .label_style(label(13))
        .axis_desc_style(label(13))
        .draw()
        .map_err(err)?;
    for marker in &i.markers {
        let mx = x(marker.date);
        let colour = if marker.kind == MarkerKind::TrialReview { ORANGE } else { MUTED };
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(mx, 0.5), (mx, 10.5)],
                colour.stroke_width(1),
            )))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                marker.label.clone(),
                (mx, 10.4),
                (FAMILY, 12).into_font().color(&colour),
            )))
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
fn runs<T>(points: &[T], value: impl Fn(&T) -> Option<(i64, f64)>) -> Vec<Vec<(i64, f64)>> {
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

fn split(root: &Area<'_>, i: &Insights) -> Drawn {
    let from = i.range.from;
    let days = i64::try_from(i.range.days()).unwrap_or(1).max(7);
    let mut chart = ChartBuilder::on(root)
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(0i64..days, 0f64..100.0)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(GRID)
        .bold_line_style(GRID)
        .x_labels(6)
        .x_label_formatter(&|v| day_label(from, *v))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc("Share of the working day (%)")
        .label_style(label(13))
        .axis_desc_style(label(13))
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

fn relation(root: &Area<'_>, i: &Insights) -> Drawn {
    let r = &i.relation;
    let mut chart = ChartBuilder::on(root)
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(40)
        .build_cartesian_2d(0f64..100.0, 0.5f64..10.5)
        .map_err(err)?;
    chart
        .configure_mesh()
        .light_line_style(GRID)
        .bold_line_style(GRID)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_desc("Technical share of the day (%)")
        .y_desc("Satisfaction")
        .label_style(label(13))
        .axis_desc_style(label(13))
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

/// Satisfaction 1–10 as a colour from a muted red through sand and light blue to a deep blue;
/// the ends differ in lightness too, so high and low stay apart in greyscale.
fn shade(value: u8) -> RGBColor {
    const STOPS: [(f64, f64, f64); 4] =
        [(214.0, 96.0, 77.0), (240.0, 205.0, 140.0), (125.0, 180.0, 215.0), (33.0, 82.0, 160.0)];
    let t = (f64::from(value.clamp(1, 10)) - 1.0) / 9.0 * 3.0;
    let i = (t.floor() as usize).min(2);
    let (a, b, u) = (STOPS[i], STOPS[i + 1], t - i as f64);
    let mix = |x: f64, y: f64| (x + (y - x) * u).round().clamp(0.0, 255.0) as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The last 53 weeks of the range, a column per week and a row per weekday.
fn calendar(root: &Area<'_>, i: &Insights) -> Drawn {
    let end = i.range.to;
    let start = (end - Duration::days(370)).max(i.range.from);
    let first_monday = start - Duration::days(i64::from(start.weekday().num_days_from_monday()));
    let weeks = (end - first_monday).num_days() / 7 + 1;
    let mut chart = ChartBuilder::on(root)
        .margin(8)
        .x_label_area_size(22)
        .y_label_area_size(34)
        .build_cartesian_2d(0i64..weeks, 0i64..7)
        .map_err(err)?;
    chart
        .configure_mesh()
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

fn weekday(root: &Area<'_>, i: &Insights) -> Drawn {
    let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    // Below 0 is the row of weekday names with their n, under the bars.
    let mut chart = ChartBuilder::on(root)
        .margin(10)
        .x_label_area_size(4)
        .y_label_area_size(40)
        .build_cartesian_2d(0f64..7.0, -1.2f64..10.5)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(GRID)
        .bold_line_style(GRID)
        .x_labels(0)
        .y_labels(12)
        .y_label_formatter(&|v| if *v < 0.0 { String::new() } else { format!("{v:.0}") })
        .y_desc("Mean satisfaction")
        .label_style(label(13))
        .axis_desc_style(label(13))
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

/// The sentence that says what a chart shows, for readers who cannot see it (and as its
/// caption).
pub fn describe(chart: Chart, i: &Insights) -> String {
    let one = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format!("{v:.1}"));
    match chart {
        Chart::SatisfactionOverTime => {
            let last = i.satisfaction.series.last();
            let points = if i.satisfaction.series.len() <= MAX_DAILY_POINTS {
                "points are days, "
            } else {
                "daily points are left out over this long a range; "
            };
            format!(
                "Satisfaction on {} logged days, mean {}; {points}lines the 7- and 30-day means \
                 over logged days (gaps are days not logged). Latest 30-day mean: {}.",
                i.satisfaction.n,
                one(i.satisfaction.mean),
                one(last.and_then(|p| p.mean30))
            )
        }
        Chart::Split => format!(
            "Weekly mean technical share (blue) and leadership share (orange) over {} logged \
             days; mean technical share {}%.",
            i.technical_share.n,
            i.technical_share.mean.map_or_else(|| "—".to_owned(), |v| format!("{v:.0}"))
        ),
        Chart::Relation => format!(
            "Each dot stands for the days at one technical share and satisfaction, larger for \
             more days (n = {}); the line is the least-squares fit with its 95% confidence \
             band. {}",
            i.relation.n,
            super::figures::sentence(&i.relation.verdict)
        ),
        Chart::Calendar => format!(
            "Satisfaction per day for the last 53 weeks of the range, red (1) through sand \
             and light blue to deep blue (10); outlined squares are days not logged. {} of {} days logged.",
            i.coverage.days_logged, i.coverage.days_in_range
        ),
        Chart::Weekday => {
            let best =
                i.weekday.iter().filter(|w| w.mean.is_some()).max_by(|a, b| {
                    a.mean.partial_cmp(&b.mean).unwrap_or(std::cmp::Ordering::Equal)
                });
            format!(
                "Mean satisfaction per weekday with 95% intervals; n is the number of logged \
                 days.{}",
                best.map_or_else(String::new, |w| format!(
                    " Highest mean: {} ({}).",
                    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
                        .get(usize::from(w.weekday.saturating_sub(1)))
                        .copied()
                        .unwrap_or(""),
                    one(w.mean)
                ))
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_break_at_missing_values_and_skipped_days() {
        let points = [(0, Some(1.0)), (1, Some(2.0)), (2, None), (3, Some(3.0)), (5, Some(4.0))];
        let out = runs(&points, |&(x, v)| v.map(|v| (x, v)));
        assert_eq!(out, vec![vec![(0, 1.0), (1, 2.0)], vec![(3, 3.0)], vec![(5, 4.0)]]);
    }

    #[test]
    fn tints_are_opaque_blends_with_white() {
        assert_eq!(tint(RGBColor(0, 100, 255), 0.5), RGBColor(128, 178, 255));
        assert_eq!(tint(BLUE, 1.0), BLUE);
    }

    #[test]
    fn shades_run_from_red_to_blue_and_get_darker() {
        assert_eq!(shade(1), RGBColor(214, 96, 77));
        assert_eq!(shade(10), RGBColor(33, 82, 160));
        let lightness = |c: RGBColor| u32::from(c.0) + u32::from(c.1) + u32::from(c.2);
        assert!(lightness(shade(7)) > lightness(shade(10)), "high values are darker");
        assert_eq!(shade(4), RGBColor(240, 205, 140), "the second stop");
    }
}
