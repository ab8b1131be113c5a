//! Page flow: laid-out blocks are first split across A4 pages (text between lines, charts and
//! table rows whole, a heading never last on a page), then drawn with "Page N of M" once M is
//! known.

use std::ops::Range;

use krilla::Document;
use krilla::geom::{Point, Size, Transform};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla_svg::{SurfaceExt, SvgSettings};
use parley::Alignment;

use super::failed;
use super::text::{Paragraph, ParagraphStyle, Rgb, Span, SpanStyle, TextEngine};
use crate::error::Result;

/// Page size and margins in PDF points (1/72 in).
#[derive(Clone, Copy, Debug)]
pub struct PageGeometry {
    pub width: f32,
    pub height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    /// Distance from the page bottom edge to the footer's top.
    pub footer_offset: f32,
}

impl PageGeometry {
    /// A4 portrait (595.28 × 841.89 pt) with 2 cm side margins.
    pub fn a4() -> Self {
        Self {
            width: 595.28,
            height: 841.89,
            margin_top: 56.7,
            margin_bottom: 70.0,
            margin_left: 56.7,
            margin_right: 56.7,
            footer_offset: 45.0,
        }
    }
    pub fn content_width(&self) -> f32 {
        self.width - self.margin_left - self.margin_right
    }
    fn content_bottom(&self) -> f32 {
        self.height - self.margin_bottom
    }
}

/// A laid-out text block (paragraph, heading or list item).
pub struct TextBlock {
    pub para: Paragraph,
    /// Extra left indent of the paragraph body (list items).
    pub indent: f32,
    /// Optional marker (bullet) drawn at the left margin, aligned with the first line.
    pub marker: Option<Box<Paragraph>>,
    pub space_after: f32,
    /// Don't leave this block as the last thing on a page (headings).
    pub keep_with_next: bool,
}

/// An SVG drawn as vector graphics at a given size.
pub struct SvgBlock {
    pub tree: usvg::Tree,
    pub width: f32,
    pub height: f32,
    pub space_after: f32,
}

/// Cells side by side (a table row, a summary figure), kept together on one page.
pub struct RowBlock {
    /// Each cell's left offset from the margin and its laid-out text.
    pub cells: Vec<(f32, Paragraph)>,
    pub space_after: f32,
    /// A hairline under the row.
    pub rule: bool,
}

impl RowBlock {
    fn height(&self) -> f32 {
        self.cells.iter().map(|(_, p)| p.height()).fold(0.0, f32::max)
    }
}

pub enum Block {
    Text(TextBlock),
    Svg(SvgBlock),
    Row(RowBlock),
    /// Start a new page (after the cover).
    PageBreak,
}

/// Convenience builders so callers don't repeat layout boilerplate.
impl TextEngine {
    pub fn heading(&mut self, text: &str, size: f32, geom: &PageGeometry) -> Block {
        let spans = [Span::new(text, SpanStyle::regular(size).bold())];
        let para = self.layout(
            &spans,
            geom.content_width(),
            ParagraphStyle { line_height: 1.25, ..Default::default() },
        );
        Block::Text(TextBlock {
            para,
            indent: 0.0,
            marker: None,
            space_after: size * 0.3,
            keep_with_next: true,
        })
    }

    pub fn bullet(&mut self, spans: &[Span<'_>], geom: &PageGeometry, indent: f32) -> Block {
        let size = spans.first().map_or(10.0, |s| s.style.size);
        let para = self.layout(spans, geom.content_width() - indent, ParagraphStyle::default());
        let marker = self.layout(
            &[Span::new("•", SpanStyle::regular(size))],
            indent,
            ParagraphStyle::default(),
        );
        Block::Text(TextBlock {
            para,
            indent,
            marker: Some(Box::new(marker)),
            space_after: size * 0.25,
            keep_with_next: false,
        })
    }
}

/// What goes where on one page.
#[derive(Default)]
pub struct PagePlan {
    items: Vec<Placed>,
}

struct Placed {
    block: usize,
    /// Lines of a text block placed on this page (ignored for SVG).
    lines: Range<usize>,
    /// Top of the placed content, page coordinates (y down).
    y: f32,
}

/// Pass 1: decide page breaks. Text blocks split between lines; SVGs move whole.
pub fn paginate(blocks: &[Block], geom: &PageGeometry) -> Vec<PagePlan> {
    let top = geom.margin_top;
    let bottom = geom.content_bottom();
    let mut pages = vec![PagePlan::default()];
    let mut y = top;

    for (idx, block) in blocks.iter().enumerate() {
        match block {
            Block::PageBreak => {
                if y > top {
                    pages.push(PagePlan::default());
                    y = top;
                }
            }
            Block::Row(row) => {
                if y + row.height() > bottom && y > top {
                    pages.push(PagePlan::default());
                    y = top;
                }
                if let Some(page) = pages.last_mut() {
                    page.items.push(Placed { block: idx, lines: 0..0, y });
                }
                y += row.height() + row.space_after;
            }
            Block::Svg(svg) => {
                if y + svg.height > bottom && y > top {
                    pages.push(PagePlan::default());
                    y = top;
                }
                if let Some(page) = pages.last_mut() {
                    page.items.push(Placed { block: idx, lines: 0..0, y });
                }
                y += svg.height + svg.space_after;
            }
            Block::Text(tb) => {
                if tb.keep_with_next {
                    // Require room for the whole block plus the next block's first line.
                    let next = match blocks.get(idx + 1) {
                        Some(Block::Text(n)) => n.para.line_box(0).map_or(0.0, |(t, b)| b - t),
                        Some(Block::Svg(s)) => s.height,
                        Some(Block::Row(r)) => r.height(),
                        Some(Block::PageBreak) | None => 0.0,
                    };
                    if y + tb.para.height() + tb.space_after + next > bottom && y > top {
                        pages.push(PagePlan::default());
                        y = top;
                    }
                }
                let n = tb.para.line_count();
                let mut line = 0;
                while line < n {
                    let start = line;
                    let Some((start_top, _)) = tb.para.line_box(start) else { break };
                    let mut end_bottom = start_top;
                    while let Some((_, b)) = tb.para.line_box(line) {
                        if y + (b - start_top) > bottom {
                            break;
                        }
                        end_bottom = b;
                        line += 1;
                    }
                    if line == start {
                        if y > top {
                            pages.push(PagePlan::default());
                            y = top;
                            continue;
                        }
                        // A single line taller than a page: place it anyway.
                        end_bottom = tb.para.line_box(start).map_or(start_top, |(_, b)| b);
                        line += 1;
                    }
                    if let Some(page) = pages.last_mut() {
                        page.items.push(Placed { block: idx, lines: start..line, y });
                    }
                    y += end_bottom - start_top;
                    if line < n {
                        pages.push(PagePlan::default());
                        y = top;
                    }
                }
                y += tb.space_after;
            }
        }
    }
    pages
}

/// Pass 2: draw every page (now that the page count M is known) and serialize.
pub fn render(
    engine: &mut TextEngine,
    blocks: &[Block],
    geom: &PageGeometry,
    document: &mut Document,
) -> Result<()> {
    let plans = paginate(blocks, geom);
    let total = plans.len();
    let settings = PageSettings::from_wh(geom.width, geom.height)
        .ok_or_else(|| failed("the page size must be positive"))?;

    for (page_no, plan) in plans.iter().enumerate() {
        let footer = engine.layout(
            &[Span::new(
                format!("Page {} of {}", page_no + 1, total),
                SpanStyle::regular(8.0).color(Rgb(90, 90, 90)),
            )],
            geom.content_width(),
            ParagraphStyle { align: Alignment::Center, ..Default::default() },
        );

        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for placed in &plan.items {
            match blocks.get(placed.block) {
                Some(Block::Text(tb)) => draw_text_block(engine, &mut surface, tb, placed, geom)?,
                Some(Block::Svg(svg)) => {
                    let at = Point::from_xy(geom.margin_left, placed.y);
                    draw_svg(&mut surface, &svg.tree, at, svg.width, svg.height)?;
                }
                Some(Block::Row(row)) => draw_row(engine, &mut surface, row, placed.y, geom)?,
                Some(Block::PageBreak) | None => {}
            }
        }
        let footer_origin = Point::from_xy(geom.margin_left, geom.height - geom.footer_offset);
        engine.draw_lines(&mut surface, &footer, 0..footer.line_count(), footer_origin)?;
        surface.finish();
        page.finish();
    }
    Ok(())
}

fn draw_text_block(
    engine: &TextEngine,
    surface: &mut Surface<'_>,
    tb: &TextBlock,
    placed: &Placed,
    geom: &PageGeometry,
) -> Result<()> {
    let Some((first_top, _)) = tb.para.line_box(placed.lines.start) else { return Ok(()) };
    // Shift so that line `lines.start` starts at `placed.y`.
    let origin = Point::from_xy(geom.margin_left + tb.indent, placed.y - first_top);
    engine.draw_lines(surface, &tb.para, placed.lines.clone(), origin)?;

    if let (Some(marker), 0) = (&tb.marker, placed.lines.start) {
        // Align the marker's first baseline with the body's first baseline.
        let body_baseline = tb.para.layout.get(0).map_or(0.0, |l| l.metrics().baseline);
        let marker_baseline = marker.layout.get(0).map_or(0.0, |l| l.metrics().baseline);
        let origin = Point::from_xy(
            geom.margin_left + tb.indent * 0.35,
            placed.y - first_top + body_baseline - marker_baseline,
        );
        engine.draw_lines(surface, marker, 0..marker.line_count(), origin)?;
    }
    Ok(())
}

fn draw_row(
    engine: &TextEngine,
    surface: &mut Surface<'_>,
    row: &RowBlock,
    y: f32,
    geom: &PageGeometry,
) -> Result<()> {
    for (x, para) in &row.cells {
        let origin = Point::from_xy(geom.margin_left + x, y);
        engine.draw_lines(surface, para, 0..para.line_count(), origin)?;
    }
    if row.rule {
        let bottom = y + row.height() + row.space_after * 0.5;
        let mut path = krilla::geom::PathBuilder::new();
        path.move_to(geom.margin_left, bottom);
        path.line_to(geom.margin_left + geom.content_width(), bottom);
        if let Some(line) = path.finish() {
            surface.set_fill(None);
            surface.set_stroke(Some(krilla::paint::Stroke {
                paint: krilla::color::rgb::Color::new(220, 222, 228).into(),
                width: 0.5,
                ..Default::default()
            }));
            surface.draw_path(&line);
            surface.set_stroke(None);
        }
    }
    Ok(())
}

/// Draw a parsed SVG with its top-left corner at `at`, scaled to `width` × `height` points.
pub fn draw_svg(
    surface: &mut Surface<'_>,
    tree: &usvg::Tree,
    at: Point,
    width: f32,
    height: f32,
) -> Result<()> {
    let size =
        Size::from_wh(width, height).ok_or_else(|| failed("a chart size must be positive"))?;
    surface.push_transform(&Transform::from_translate(at.x, at.y));
    // embed_text: true → SVG <text> becomes real (selectable) text in the embedded font.
    let drawn =
        surface.draw_svg(tree, size, SvgSettings { embed_text: true, ..Default::default() });
    surface.pop();
    drawn.ok_or_else(|| failed("a chart could not be drawn"))
}
