//! The report's charts as SVG, drawn with `plotters` (SVG backend only): the same vector image
//! goes inline into the HTML report and, through usvg and krilla-svg, into the PDF, where its
//! labels stay real, selectable text. A chart appears only when its data survived redaction and
//! the range has some, so a report never shows an empty frame or a field the user left out.
//!
//! plotters measures label text with `ab_glyph`; it is given the report's own font (Inter,
//! embedded) once per process, because its font registry is process-wide.

use std::sync::Once;

use chrono::{Duration, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;

use plotters::chart::{ChartContext, MeshStyle};
use plotters::coord::ranged1d::{AsRangedCoord, Ranged, ValueFormatter};

use super::Report;
use super::fonts;
use crate::insights::{Insights, SatisfactionPoint};

mod calendar;
mod relation;
mod time;
mod weekday;

/// Where a marker's label goes: `x` is where its text starts (or ends, left of the line), `row`
/// counts down from the top of the plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LabelSpot {
    pub x: i32,
    pub row: i32,
    pub right_of_line: bool,
}

/// Places labels of the given widths beside their lines (`(pixel x, width)`) within
/// `left..right`: right of the line unless that would run past the edge, in the first row where
/// it overlaps no earlier label. The window's charts follow the same rule (ui chartConfigs).
pub(crate) fn place_labels(lines: &[(i32, i32)], left: i32, right: i32) -> Vec<LabelSpot> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&k| lines[k].0);
    let mut rows_end: Vec<i32> = Vec::new();
    let mut spots = vec![LabelSpot { x: 0, row: 0, right_of_line: true }; lines.len()];
    for k in order {
        let (px, width) = lines[k];
        let right_of_line = px + 4 + width <= right;
        let start = if right_of_line { px + 4 } else { (px - 4 - width).max(left) };
        let row = match rows_end.iter().position(|&end| end + 6 <= start) {
            Some(row) => row,
            None => {
                rows_end.push(i32::MIN);
                rows_end.len() - 1
            }
        };
        rows_end[row] = start + width;
        spots[k] = LabelSpot {
            x: if right_of_line { start } else { start + width },
            row: i32::try_from(row).unwrap_or(i32::MAX),
            right_of_line,
        };
    }
    spots
}

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
            Chart::SatisfactionOverTime => time::satisfaction(&root, report),
            Chart::Split => time::split(&root, &report.insights),
            Chart::Relation => relation::relation(&root, &report.insights),
            Chart::Calendar => calendar::calendar(&root, &report.insights),
            Chart::Weekday => weekday::weekday(&root, &report.insights),
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
type MeanOf = fn(&SatisfactionPoint) -> Option<f64>;
type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), String>;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A chart's plotting context, on X and Y coordinates.
type Plot<'a, 'b, X, Y> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>;

/// The frame every chart shares: its margin, the room for the axis labels (x below, y to the
/// left), and the plot's coordinates.
fn frame<'a, 'b, X: AsRangedCoord, Y: AsRangedCoord>(
    root: &'a Area<'b>,
    margin: u32,
    (x_labels, y_labels): (u32, u32),
    x: X,
    y: Y,
) -> Result<Plot<'a, 'b, X::CoordDescType, Y::CoordDescType>, String> {
    ChartBuilder::on(root)
        .margin(margin)
        .x_label_area_size(x_labels)
        .y_label_area_size(y_labels)
        .build_cartesian_2d(x, y)
        .map_err(err)
}

/// The grid every chart shares: light lines and the report's label type; each chart adds its
/// own label count and wording, then draws it.
fn grid<'a, 'b, 'c, X, Y>(
    chart: &'c mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>,
) -> MeshStyle<'a, 'c, X, Y, SVGBackend<'b>>
where
    X: Ranged + ValueFormatter<X::ValueType>,
    Y: Ranged + ValueFormatter<Y::ValueType>,
{
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(GRID)
        .bold_line_style(GRID)
        .label_style(label(13))
        .axis_desc_style(label(13));
    mesh
}

fn label(size: i32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&INK)
}

fn day_label(from: NaiveDate, x: i64) -> String {
    crate::entry::day_text(from + Duration::days(x))
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
    use super::calendar::shade;
    use super::time::runs;
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
        assert_eq!(shade(1), RGBColor(0xb2, 0x43, 0x2f));
        assert_eq!(shade(10), RGBColor(0x2b, 0x5a, 0x8f));
        let lightness = |c: RGBColor| u32::from(c.0) + u32::from(c.1) + u32::from(c.2);
        assert!(lightness(shade(7)) > lightness(shade(10)), "high values are darker");
        assert!(lightness(shade(5)) > lightness(shade(1)), "the middle is lighter than the ends");
        assert_eq!((shade(0), shade(11)), (shade(1), shade(10)), "out of scale is clamped");
    }

    #[test]
    fn the_report_and_the_window_share_the_satisfaction_colours() {
        let css = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/app.css"),
        )
        .expect("the window's stylesheet");
        for (k, (r, g, b)) in super::calendar::SATISFACTION_COLOURS.iter().enumerate() {
            let line = format!("--sat-{}: #{r:02x}{g:02x}{b:02x};", k + 1);
            assert!(css.contains(&line), "app.css should hold {line:?}");
        }
    }

    #[test]
    fn the_report_and_the_window_share_the_series_colours() {
        let css = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/app.css"),
        )
        .expect("the window's stylesheet");
        // light-dark(light, dark): the light value is the report's; dark mode may lighten it.
        for (name, RGBColor(r, g, b)) in [("blue", BLUE), ("teal", TEAL), ("orange", ORANGE)] {
            let line = format!("--chart-{name}: light-dark(#{r:02x}{g:02x}{b:02x}, ");
            assert!(css.contains(&line), "app.css should hold {line:?}");
        }
    }

    #[test]
    fn every_chart_draws_in_the_shared_blue_not_plotters_own() {
        // plotters' prelude has a BLUE of its own (0, 0, 255): a chart module that uses BLUE
        // without `use super::BLUE` silently draws in it. The SVG names colours #RRGGBB.
        let day = crate::tests::day;
        let entries: Vec<crate::entry::Entry> = (0..40u64)
            .map(|i| {
                let mut e = crate::entry::Entry::empty(day("2026-01-01") + chrono::Days::new(i));
                e.satisfaction = Some(u8::try_from(1 + i % 10).expect("small"));
                e.technical_share = Some(u8::try_from(i * 2).expect("small"));
                e
            })
            .collect();
        let range = crate::entry::DateRange::new(Some(day("2026-01-01")), Some(day("2026-02-09")))
            .expect("range");
        let request = crate::report::ReportRequest {
            range,
            format: crate::report::ReportFormat::Pdf,
            redaction: crate::report::Redaction::default(),
        };
        let report = Report::from_entries(
            &request,
            &entries,
            crate::settings::Settings::default(),
            day("2026-03-01"),
        )
        .expect("report");
        let hex = |c: RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
        for (chart, opacity) in [
            (Chart::SatisfactionOverTime, 0.45),
            (Chart::Split, 0.8),
            (Chart::Relation, 0.35),
            (Chart::Weekday, 0.7),
        ] {
            let colour = hex(tint(BLUE, opacity));
            assert!(render(chart, &report).contains(&colour), "{} in {colour}", chart.title());
        }
    }
}
