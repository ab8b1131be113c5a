//! The content of a PDF or HTML report, decided once and drawn twice: headings, summary
//! figures, charts (as SVG), tables and text. `html.rs` and `pdf.rs` only lay it out, so both
//! formats always say the same thing and redaction is applied in one place — the [`Report`].
//!
//! Entry text is Markdown. It becomes paragraphs, list items and bold/italic/code spans; raw
//! HTML, links and images become plain text (a link keeps its address as text), so nothing in
//! an entry can make a report fetch anything or run anything.

use chrono::Datelike;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Report;
use super::charts;
use super::figures::{self, Figure, with_interval};
use crate::entry::Entry;
use crate::field::Field;
use crate::insights::{Comparison, Difference, Trial};

/// A run of text with one style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span { text: text.into(), ..Span::default() }
    }
}

/// One block of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Label–value lines of summary figures.
    Figures(Vec<Figure>),
    /// A vector chart with the sentence that says what it shows (its text alternative).
    Chart {
        title: String,
        svg: String,
        width: f32,
        height: f32,
        summary: String,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A day's heading in the entries section.
    Day(String),
    /// A small grey line: an entry's numbers or tags, a note under a table.
    Meta(String),
    Paragraph(Vec<Span>),
    /// A list item, with its nesting depth (1 = top level).
    Item {
        depth: usize,
        spans: Vec<Span>,
    },
    Quote(Vec<Span>),
}

/// A titled part of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// The whole report, ready to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    /// The range and the day it was generated.
    pub subtitle: String,
    pub sections: Vec<Section>,
}

/// Builds the document of a PDF or HTML report.
pub fn build(report: &Report) -> Document {
    let i = &report.insights;
    let mut sections = vec![Section {
        heading: "Summary".into(),
        blocks: vec![Block::Figures(figures::summary(i, &report.redaction))],
    }];
    let charts: Vec<Block> = charts::available(i)
        .into_iter()
        .map(|chart| {
            let (width, height) = chart.size();
            Block::Chart {
                title: figures::capitalised(chart.title()),
                svg: charts::render(chart, report),
                width,
                height,
                summary: charts::describe(chart, i),
            }
        })
        .collect();
    if !charts.is_empty() {
        sections.push(Section { heading: "Charts".into(), blocks: charts });
    }
    if let Some(trial) = report.trial() {
        sections.push(Section {
            heading: "Trial review".into(),
            blocks: trial_blocks(trial, &report.redaction.omit_fields),
        });
    }
    if !report.decisions.is_empty() {
        let blocks = report
            .decisions
            .iter()
            .map(|d| {
                let mut spans = vec![
                    Span::plain(format!("{} — ", d.decided_on)),
                    Span { bold: true, ..Span::plain(d.choice.label()) },
                ];
                if !d.note.trim().is_empty() {
                    spans.push(Span::plain(format!(". {}", d.note.trim())));
                }
                Block::Paragraph(spans)
            })
            .collect();
        sections.push(Section { heading: "Decisions".into(), blocks });
    }
    if !report.entries.is_empty() {
        let mut blocks = Vec::new();
        for entry in &report.entries {
            entry_blocks(entry, &mut blocks);
        }
        sections.push(Section { heading: format!("Entries ({})", report.entries.len()), blocks });
    }
    Document {
        title: "Dualtrack report".into(),
        subtitle: format!(
            "{} – {} · {} days · generated {}",
            report.range.from,
            report.range.to,
            report.range.days(),
            report.generated
        ),
        sections,
    }
}

fn mean(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.digits$}"))
}

fn comparison_rows(c: &Comparison, omitted: &[Field]) -> Vec<Vec<String>> {
    let kept = |field: Field| !omitted.contains(&field);
    let row = |label: &str, d: &Difference, digits: usize| {
        vec![
            label.to_owned(),
            format!("{} (n = {})", mean(d.mean_earlier, digits), d.n_earlier),
            format!("{} (n = {})", mean(d.mean_later, digits), d.n_later),
            with_interval(d.diff, d.ci95, digits),
        ]
    };
    let mut rows = Vec::new();
    if kept(Field::Satisfaction) {
        rows.push(row("Satisfaction", &c.satisfaction, 1));
    }
    if kept(Field::TechnicalShare) {
        rows.push(row("Technical share (%)", &c.technical_share, 0));
    }
    if kept(Field::Energy) {
        rows.push(row("Energy", &c.energy, 1));
    }
    rows
}

fn trial_blocks(t: &Trial, omitted: &[Field]) -> Vec<Block> {
    let mut blocks = vec![Block::Meta(format!(
        "Role started {}; trial of {} days, reviewed {}; {} days logged in the trial.",
        t.role_start, t.trial_days, t.review_date, t.days_logged
    ))];
    let mut compare = |title: &str, c: &Comparison| {
        blocks.push(Block::Paragraph(vec![Span { bold: true, ..Span::plain(title) }]));
        let header = vec![
            String::new(),
            format!("{} – {}", c.earlier.from, c.earlier.to),
            format!("{} – {}", c.later.from, c.later.to),
            "Difference (95% CI)".to_owned(),
        ];
        blocks.push(Block::Table { header, rows: comparison_rows(c, omitted) });
    };
    if let Some(c) = &t.first_vs_last {
        compare("First and last logged days of the trial", c);
    }
    if let Some(c) = &t.before_vs_trial {
        compare("The phase before the role and the trial", c);
    }
    let kept = |field: Field| !omitted.contains(&field);
    if kept(Field::TechnicalShare) {
        blocks.push(Block::Paragraph(vec![Span::plain(format!(
            "Technical share trend: {} per {} (n = {}). {}",
            with_interval(t.technical_share_trend.slope, t.technical_share_trend.ci95, 2),
            t.technical_share_trend.per,
            t.technical_share_trend.n,
            figures::sentence(&t.technical_share_trend.verdict)
        ))]));
    }
    if !kept(Field::Satisfaction) {
        return blocks;
    }
    let tags = |shares: &[crate::insights::TagShare]| {
        if shares.is_empty() {
            return "none".to_owned();
        }
        let named: Vec<String> = shares
            .iter()
            .map(|s| format!("{} ({} days, {:.0}%)", s.tag, s.days, s.share * 100.0))
            .collect();
        named.join(", ")
    };
    blocks.push(Block::Paragraph(vec![Span::plain(format!(
        "Good days (satisfaction 8 or more): {}; their most common tags: {}.",
        t.good_days,
        tags(&t.good_day_tags)
    ))]));
    blocks.push(Block::Paragraph(vec![Span::plain(format!(
        "Bad days (satisfaction 4 or less): {}; their most common tags: {}.",
        t.bad_days,
        tags(&t.bad_day_tags)
    ))]));
    blocks
}

fn entry_blocks(e: &Entry, blocks: &mut Vec<Block>) {
    blocks.push(Block::Day(format!("{} ({})", e.date, e.date.weekday())));
    let numbers = figures::entry_numbers(e);
    if !numbers.is_empty() {
        blocks.push(Block::Meta(numbers.join(" · ")));
    }
    if !e.tags.is_empty() {
        blocks.push(Block::Meta(format!("Tags: {}", e.tags.join(", "))));
    }
    markdown_blocks(&e.text, blocks);
}

/// Entry Markdown as paragraphs, list items and quotes of styled spans.
pub fn markdown_blocks(text: &str, blocks: &mut Vec<Block>) {
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic, mut depth, mut quote) = (0usize, 0usize, 0usize, 0usize);
    let mut links: Vec<String> = Vec::new();
    let flush = |spans: &mut Vec<Span>, blocks: &mut Vec<Block>, depth: usize, quote: usize| {
        if spans.iter().all(|s| s.text.trim().is_empty()) {
            spans.clear();
            return;
        }
        let taken = std::mem::take(spans);
        blocks.push(if depth > 0 {
            Block::Item { depth, spans: taken }
        } else if quote > 0 {
            Block::Quote(taken)
        } else {
            Block::Paragraph(taken)
        });
    };
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(text, options) {
        let styled =
            |text: String, code: bool| Span { text, bold: bold > 0, italic: italic > 0, code };
        match event {
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Item) => {
                flush(&mut spans, blocks, depth, quote);
            }
            Event::Start(Tag::List(_)) => {
                flush(&mut spans, blocks, depth, quote);
                depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut spans, blocks, depth, quote);
                depth = depth.saturating_sub(1);
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut spans, blocks, depth, quote);
                quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut spans, blocks, depth, quote);
                quote = quote.saturating_sub(1);
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.into_string());
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(url) = links.pop().filter(|u| !u.is_empty()) {
                    spans.push(styled(format!(" ({url})"), false));
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut spans, blocks, depth, quote);
                bold = bold.saturating_sub(1);
            }
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::Item) => {
                flush(&mut spans, blocks, depth, quote);
            }
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut spans, blocks, depth, quote);
                bold += 1;
            }
            Event::Text(t) => spans.push(styled(t.into_string(), false)),
            Event::Code(t) => spans.push(styled(t.into_string(), true)),
            Event::Html(t) | Event::InlineHtml(t) => spans.push(styled(t.into_string(), false)),
            Event::SoftBreak | Event::HardBreak => spans.push(styled(" ".into(), false)),
            Event::TaskListMarker(done) => {
                spans.push(styled(if done { "☑ " } else { "☐ " }.into(), false));
            }
            _ => {}
        }
    }
    flush(&mut spans, blocks, depth, quote);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        let mut out = Vec::new();
        markdown_blocks(text, &mut out);
        out
    }

    fn span(text: &str, bold: bool, italic: bool) -> Span {
        Span { text: text.into(), bold, italic, code: false }
    }

    #[test]
    fn markdown_becomes_paragraphs_items_and_styled_spans() {
        let out = blocks("A **bold** and *soft* day.\n\n- one\n- two `x`\n\n> quoted");
        assert_eq!(
            out,
            vec![
                Block::Paragraph(vec![
                    span("A ", false, false),
                    span("bold", true, false),
                    span(" and ", false, false),
                    span("soft", false, true),
                    span(" day.", false, false),
                ]),
                Block::Item { depth: 1, spans: vec![span("one", false, false)] },
                Block::Item {
                    depth: 1,
                    spans: vec![
                        span("two ", false, false),
                        Span { code: true, ..span("x", false, false) }
                    ],
                },
                Block::Quote(vec![span("quoted", false, false)]),
            ]
        );
    }

    #[test]
    fn links_images_and_html_stay_text() {
        let out = blocks("See [notes](https://example.com) ![pic](http://x/y.png) <img src=x>");
        let Some(Block::Paragraph(spans)) = out.first() else { panic!("{out:?}") };
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "See notes (https://example.com) pic (http://x/y.png) <img src=x>");
    }
}
