//! Styled spans → parley layout → krilla glyph runs. Every glyph keeps the range of text it
//! stands for (a ligature the whole range), so the PDF's text is selectable and extracts
//! exactly; parley's offsets are y-down and krilla's y-up, hence the sign flips below.

use std::borrow::Cow;
use std::ops::Range;

use krilla::color::rgb;
use krilla::geom::Point;
use krilla::num::NormalizedF32;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};
use parley::{
    Alignment, AlignmentOptions, FontFamily, FontStyle, FontWeight, Layout, LayoutContext, Line,
    LineHeight, StyleProperty,
};

use super::failed;
use super::fonts::LoadedFonts;
use crate::error::Result;

/// Text colour; doubles as parley's brush type (parley needs Clone + PartialEq + Default + Debug).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Self = Self(0, 0, 0);
    fn fill(self) -> Fill {
        Fill {
            paint: rgb::Color::new(self.0, self.1, self.2).into(),
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        }
    }
}

/// Style of one run of text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpanStyle {
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub color: Rgb,
}

impl SpanStyle {
    pub const fn regular(size: f32) -> Self {
        Self { size, bold: false, italic: false, color: Rgb::BLACK }
    }
    pub const fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub const fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
    pub const fn color(mut self, color: Rgb) -> Self {
        self.color = color;
        self
    }
}

/// A run of text with one style.
#[derive(Clone, Debug)]
pub struct Span<'a> {
    pub text: Cow<'a, str>,
    pub style: SpanStyle,
}

impl<'a> Span<'a> {
    pub fn new(text: impl Into<Cow<'a, str>>, style: SpanStyle) -> Self {
        Self { text: text.into(), style }
    }
}

/// Paragraph-level settings.
#[derive(Clone, Copy, Debug)]
pub struct ParagraphStyle {
    /// Line height as a multiple of the font size.
    pub line_height: f32,
    pub align: Alignment,
}

impl Default for ParagraphStyle {
    fn default() -> Self {
        Self { line_height: 1.35, align: Alignment::Start }
    }
}

/// A laid-out paragraph: the concatenated text (glyph text ranges index into it) + parley layout.
pub struct Paragraph {
    pub text: String,
    pub layout: Layout<Rgb>,
}

impl Paragraph {
    pub fn height(&self) -> f32 {
        self.layout.height()
    }
    pub fn line_count(&self) -> usize {
        self.layout.len()
    }
    /// (top, bottom) of line `i` in layout coordinates.
    pub fn line_box(&self, i: usize) -> Option<(f32, f32)> {
        self.layout.get(i).map(|l| {
            let m = l.metrics();
            (m.block_min_coord, m.block_max_coord)
        })
    }
}

/// Owns the font + layout contexts; reuse one per document (or per thread).
pub struct TextEngine {
    pub fonts: LoadedFonts,
    layout_cx: LayoutContext<Rgb>,
}

impl TextEngine {
    pub fn new(fonts: LoadedFonts) -> Self {
        Self { fonts, layout_cx: LayoutContext::new() }
    }

    /// Shape and wrap `spans` to `width` points.
    pub fn layout(&mut self, spans: &[Span<'_>], width: f32, para: ParagraphStyle) -> Paragraph {
        let text: String = spans.iter().map(|s| s.text.as_ref()).collect();
        let mut builder = self.layout_cx.ranged_builder(&mut self.fonts.font_cx, &text, 1.0, false);
        // The root style acts like CSS's root inline box: its font size × line height forms a
        // "strut" that every line is at least as tall as. parley's default root size is 16, so
        // without this, 10 pt text gets 16 × 1.35 = 21.6 pt lines.
        let base_size = spans.iter().map(|s| s.style.size).reduce(f32::min).unwrap_or(10.0);
        builder.push_default(StyleProperty::FontSize(base_size));
        builder.push_default(StyleProperty::FontFamily(FontFamily::named(&self.fonts.family)));
        builder.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(
            para.line_height,
        )));
        builder.push_default(StyleProperty::Brush(Rgb::BLACK));
        let mut start = 0;
        for span in spans {
            let range = start..start + span.text.len();
            start = range.end;
            if range.is_empty() {
                continue;
            }
            let s = span.style;
            builder.push(StyleProperty::FontSize(s.size), range.clone());
            builder.push(StyleProperty::Brush(s.color), range.clone());
            if s.bold {
                builder.push(StyleProperty::FontWeight(FontWeight::BOLD), range.clone());
            }
            if s.italic {
                builder.push(StyleProperty::FontStyle(FontStyle::Italic), range);
            }
        }
        let mut layout = builder.build(&text);
        layout.break_all_lines(Some(width));
        layout.align(para.align, AlignmentOptions::default());
        Paragraph { text, layout }
    }

    /// Draw lines `lines` of `para`, with the layout origin placed at `origin`
    /// (krilla: top-left page origin, y down — same orientation as parley).
    pub fn draw_lines(
        &self,
        surface: &mut Surface<'_>,
        para: &Paragraph,
        lines: Range<usize>,
        origin: Point,
    ) -> Result<()> {
        for i in lines {
            if let Some(line) = para.layout.get(i) {
                self.draw_line(surface, &para.text, &line, origin)?;
            }
        }
        Ok(())
    }

    fn draw_line(
        &self,
        surface: &mut Surface<'_>,
        text: &str,
        line: &Line<'_, Rgb>,
        origin: Point,
    ) -> Result<()> {
        let m = line.metrics();
        let baseline = origin.y + m.baseline;
        // Same start position parley's own `Line::items()` uses (includes alignment offset).
        let mut x = origin.x + m.inline_min_coord + m.offset;

        // Reused per run: all glyphs of the run + one entry per drawn cluster.
        let mut glyphs: Vec<parley::Glyph> = Vec::new();
        let mut clusters: Vec<ClusterGlyphs> = Vec::new();
        let mut batch: Vec<KrillaGlyph> = Vec::new();

        for run in line.runs() {
            let font = self
                .fonts
                .krilla_font(run.font())
                .ok_or_else(|| failed("parley chose a font that was not registered"))?;
            let size = run.font_size();

            // 1) Clusters in logical order. A ligature (Inter: "->", "=>"; other fonts: "fi",
            //    "ffl") puts all its glyphs on the first grapheme cluster; the following
            //    clusters are "ligature continuations" with no glyphs. Widen the owning
            //    cluster's text range over them, so the ligature glyph maps to the *whole*
            //    source text (krilla then writes ToUnicode/ActualText). Skipping this loses
            //    characters in copy/paste: "a -> b" extracts as "a - b".
            glyphs.clear();
            clusters.clear();
            for cluster in run.clusters() {
                let range = cluster.text_range();
                if cluster.is_ligature_continuation() {
                    if let Some(last) = clusters.last_mut() {
                        last.text.start = last.text.start.min(range.start);
                        last.text.end = last.text.end.max(range.end);
                    }
                    continue;
                }
                let first = glyphs.len();
                glyphs.extend(cluster.glyphs());
                clusters.push(ClusterGlyphs {
                    text: range,
                    color: cluster.style().brush,
                    glyphs: first..glyphs.len(),
                });
            }
            if run.is_rtl() {
                clusters.reverse(); // logical → visual order
            }

            // 2) Emit glyphs; one `draw_glyphs` call per colour change within the run.
            let mut batch_color = Rgb::BLACK;
            let mut batch_x = x;
            for cluster in &clusters {
                if cluster.color != batch_color && !batch.is_empty() {
                    let start = Point::from_xy(batch_x, baseline);
                    draw_batch(surface, &mut batch, batch_color, &font, text, size, start);
                    batch_x = x;
                }
                batch_color = cluster.color;
                for g in &glyphs[cluster.glyphs.clone()] {
                    batch.push(KrillaGlyph::new(
                        GlyphId::new(g.id),
                        g.advance / size, // krilla wants font-size-normalised units
                        g.x / size,
                        -g.y / size, // parley offsets are y-down, krilla's are y-up (HarfBuzz)
                        0.0,
                        cluster.text.clone(), // byte range into `text`
                        None,
                    ));
                    x += g.advance; // includes letter/word spacing and justification
                }
            }
            let start = Point::from_xy(batch_x, baseline);
            draw_batch(surface, &mut batch, batch_color, &font, text, size, start);
        }
        Ok(())
    }
}

/// One grapheme cluster (or whole ligature) to draw.
struct ClusterGlyphs {
    /// Byte range in the paragraph text this cluster's glyphs stand for.
    text: Range<usize>,
    color: Rgb,
    /// Range into the run's glyph buffer.
    glyphs: Range<usize>,
}

fn draw_batch(
    surface: &mut Surface<'_>,
    batch: &mut Vec<KrillaGlyph>,
    color: Rgb,
    font: &krilla::text::Font,
    text: &str,
    size: f32,
    start: Point,
) {
    if batch.is_empty() {
        return;
    }
    surface.set_fill(Some(color.fill()));
    // `text` is the whole paragraph string; each glyph's `text_range` indexes into it.
    surface.draw_glyphs(start, batch, font.clone(), text, size, false);
    batch.clear();
}
