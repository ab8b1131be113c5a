//! PDF: the report on A4 — a cover with the range and the day it was made, the summary
//! figures, vector charts, the trial review and (unless left out) the entries — with Inter
//! embedded and subset, selectable text and "Page N of M" on every page.
//!
//! Why krilla + parley + krilla-svg: prototyped against typst, printpdf and genpdf on the same
//! one-year report (see NOTES.md), this was the fastest (~0.1–0.5 s for a year with entries)
//! with the least memory (~35 MB) and adds ~8 MB to the binary against typst's ~40 MB, while its
//! output is close to typst's: subset fonts, real text in the charts. typst lays out better but
//! builds 3× slower and costs 5× the binary; printpdf and genpdf could not draw the charts well.
//! The price is our own small page flow (`flow.rs`).

mod flow;
mod fonts;
mod text;

use std::io::Write;
use std::sync::Arc;

use krilla::Document as Pdf;
use krilla::metadata::Metadata;

use self::flow::{Block, PageGeometry, RowBlock, SvgBlock, TextBlock};
use self::fonts::{LoadedFonts, usvg_fontdb};
use self::text::{ParagraphStyle, Rgb, Span, SpanStyle, TextEngine};
use super::Report;
use super::document::{self, Block as Content, Document};
use crate::error::{Error, Result};

const INK: Rgb = Rgb(35, 39, 47);
const MUTED: Rgb = Rgb(95, 102, 115);
const BODY: SpanStyle = SpanStyle::regular(10.0).color(INK);
const META: SpanStyle = SpanStyle::regular(8.5).color(MUTED);
/// Left offset of a summary figure's value, and of a table's second column.
const LABEL_WIDTH: f32 = 160.0;

pub(crate) fn failed(what: &str) -> Error {
    Error::Render(what.to_owned())
}

/// Writes the report as a PDF.
pub fn write(out: &mut dyn Write, report: &Report) -> Result<()> {
    let doc = document::build(report);
    let mut engine = TextEngine::new(LoadedFonts::new()?);
    let fontdb = Arc::new(usvg_fontdb(&engine.fonts.family));
    let geom = PageGeometry::a4();
    let mut layout = Layout { engine: &mut engine, geom, fontdb, blocks: Vec::new() };
    layout.cover(&doc);
    for section in &doc.sections {
        layout.section(&section.heading, &section.blocks)?;
    }
    let blocks = std::mem::take(&mut layout.blocks);
    let mut pdf = Pdf::new();
    pdf.set_metadata(
        Metadata::new()
            .title(format!("{} · {}", doc.title, doc.subtitle))
            .language("en".to_owned())
            .creator("Dualtrack".to_owned()),
    );
    flow::render(&mut engine, &blocks, &geom, &mut pdf)?;
    let bytes = pdf.finish().map_err(|e| Error::Render(e.to_string()))?;
    out.write_all(&bytes).map_err(|e| Error::io("writing the PDF report", e))
}

fn spans_of(spans: &[document::Span], base: SpanStyle) -> Vec<Span<'_>> {
    spans
        .iter()
        .map(|s| {
            let mut style = base;
            style.bold |= s.bold;
            style.italic |= s.italic;
            if s.code {
                style = style.color(Rgb(120, 53, 15));
            }
            Span::new(s.text.as_str(), style)
        })
        .collect()
}

/// Turns the document's blocks into laid-out page blocks.
struct Layout<'a> {
    engine: &'a mut TextEngine,
    geom: PageGeometry,
    fontdb: Arc<usvg::fontdb::Database>,
    blocks: Vec<Block>,
}

impl Layout<'_> {
    fn text(&mut self, spans: &[Span<'_>], indent: f32, space_after: f32) {
        let width = self.geom.content_width() - indent;
        let para = self.engine.layout(spans, width, ParagraphStyle::default());
        self.blocks.push(Block::Text(TextBlock {
            para,
            indent,
            marker: None,
            space_after,
            keep_with_next: false,
        }));
    }

    fn heading(&mut self, text: &str, size: f32, space_before: f32) {
        if space_before > 0.0 {
            self.spacer(space_before);
        }
        let heading = self.engine.heading(text, size, &self.geom);
        self.blocks.push(heading);
    }

    /// Vertical space, as an empty row (it disappears at the top of a page only if the page
    /// break falls before it, which is harmless).
    fn spacer(&mut self, height: f32) {
        self.blocks.push(Block::Row(RowBlock {
            cells: Vec::new(),
            space_after: height,
            rule: false,
        }));
    }

    fn cover(&mut self, doc: &Document) {
        self.spacer(150.0);
        self.heading(&doc.title, 28.0, 0.0);
        self.text(
            &[Span::new(doc.subtitle.as_str(), SpanStyle::regular(12.0).color(MUTED))],
            0.0,
            28.0,
        );
        let private = "A private report, made on this computer from your own journal. It holds \
                       exactly what you chose to include; keep it where you keep private papers.";
        self.text(&[Span::new(private, BODY)], 0.0, 18.0);
        self.text(&[Span::new("Contents", BODY.bold())], 0.0, 4.0);
        for section in &doc.sections {
            let bullet =
                self.engine.bullet(&[Span::new(section.heading.as_str(), BODY)], &self.geom, 14.0);
            self.blocks.push(bullet);
        }
        self.blocks.push(Block::PageBreak);
    }

    fn section(&mut self, heading: &str, blocks: &[Content]) -> Result<()> {
        if heading.starts_with("Entries") {
            self.blocks.push(Block::PageBreak);
        }
        self.heading(heading, 16.0, 10.0);
        for block in blocks {
            self.block(block)?;
        }
        Ok(())
    }

    fn row(&mut self, cells: &[(f32, f32, Vec<Span<'_>>)], rule: bool) {
        let cells = cells
            .iter()
            .map(|(x, width, spans)| {
                (*x, self.engine.layout(spans, *width, ParagraphStyle::default()))
            })
            .collect();
        self.blocks.push(Block::Row(RowBlock { cells, space_after: 5.0, rule }));
    }

    fn block(&mut self, block: &Content) -> Result<()> {
        let width = self.geom.content_width();
        match block {
            Content::Figures(figures) => {
                for f in figures {
                    self.row(
                        &[
                            (0.0, LABEL_WIDTH - 10.0, vec![Span::new(f.label, BODY.bold())]),
                            (
                                LABEL_WIDTH,
                                width - LABEL_WIDTH,
                                vec![Span::new(f.value.as_str(), BODY)],
                            ),
                        ],
                        false,
                    );
                }
            }
            Content::Chart { title, svg, width: w, height: h, summary } => {
                self.heading(title, 11.5, 8.0);
                let options = usvg::Options {
                    fontdb: Arc::clone(&self.fontdb),
                    font_family: self.engine.fonts.family.clone(),
                    ..usvg::Options::default()
                };
                let tree = usvg::Tree::from_str(svg, &options)
                    .map_err(|e| Error::Render(format!("a chart is not valid SVG: {e}")))?;
                self.blocks.push(Block::Svg(SvgBlock {
                    tree,
                    width: *w,
                    height: *h,
                    space_after: 4.0,
                }));
                self.text(&[Span::new(summary.as_str(), META)], 0.0, 10.0);
            }
            Content::Table { header, rows } => {
                let columns = header.len().max(1);
                let rest = (width - 130.0) / (columns.saturating_sub(1).max(1)) as f32;
                let place = |i: usize| {
                    if i == 0 { (0.0, 125.0) } else { (130.0 + rest * (i - 1) as f32, rest - 6.0) }
                };
                let head: Vec<_> = header
                    .iter()
                    .enumerate()
                    .map(|(i, h)| {
                        (place(i).0, place(i).1, vec![Span::new(h.as_str(), META.bold())])
                    })
                    .collect();
                self.row(&head, true);
                for r in rows {
                    let cells: Vec<_> = r
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (place(i).0, place(i).1, vec![Span::new(c.as_str(), BODY)]))
                        .collect();
                    self.row(&cells, true);
                }
                self.spacer(6.0);
            }
            Content::Day(day) => self.heading(day, 11.5, 8.0),
            Content::Meta(text) => self.text(&[Span::new(text.as_str(), META)], 0.0, 3.0),
            Content::Paragraph(spans) => self.text(&spans_of(spans, BODY), 0.0, 6.0),
            Content::Item { depth, spans } => {
                let indent = 14.0 * *depth as f32;
                let bullet = self.engine.bullet(&spans_of(spans, BODY), &self.geom, indent);
                self.blocks.push(bullet);
            }
            Content::Quote(spans) => {
                self.text(&spans_of(spans, BODY.italic().color(MUTED)), 14.0, 6.0);
            }
        }
        Ok(())
    }
}
