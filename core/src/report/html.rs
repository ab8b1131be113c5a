//! HTML: the report as one self-contained page — inline CSS, inline SVG charts, no script, no
//! font or image files, no URL in any attribute. Its own Content-Security-Policy forbids every
//! fetch, so even a browser that found something to load would refuse. Prints on A4.

use std::fmt::Write as _;
use std::io::Write;

use super::Report;
use super::document::{self, Block, Span};
use crate::error::{Error, Result};

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #23272f; --muted: #5f6673; --line: #e4e6eb; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 2.5rem 1.5rem 4rem; color: var(--ink);
  font: 15px/1.55 Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 1.9rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.6rem 0 .2rem; }
.subtitle, .meta, figcaption, .note { color: var(--muted); }
.meta { font-size: .88rem; margin: .1rem 0; }
dl.figures { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.2rem; margin: 0; }
dl.figures dt { font-weight: 600; }
dl.figures dd { margin: 0; }
figure { margin: 1.2rem 0 1.8rem; break-inside: avoid; }
figure h3 { margin-top: 0; }
figure svg { width: 100%; height: auto; display: block; }
figure svg text { font-family: Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
figcaption { font-size: .88rem; margin-top: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
blockquote { margin: .5rem 0; padding-left: .9rem; border-left: 3px solid var(--line); color: var(--muted); }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
.entry { break-inside: avoid-page; }
ul { margin: .3rem 0; padding-left: 1.3rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print { body { max-width: none; padding: 0; font-size: 10.5pt; } h2 { break-after: avoid; } }
"#;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn spans(out: &mut String, spans: &[Span]) {
    for span in spans {
        let mut text = escape(&span.text);
        if span.code {
            text = format!("<code>{text}</code>");
        }
        if span.italic {
            text = format!("<em>{text}</em>");
        }
        if span.bold {
            text = format!("<strong>{text}</strong>");
        }
        out.push_str(&text);
    }
}

/// An SVG from the chart renderer, made fit for inlining: no XML namespace declarations (an
/// inline `<svg>` needs none, and they are the only URLs plotters writes).
fn inline_svg(svg: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    let body = &svg[start..];
    let tag_end = body.find('>').map_or(body.len(), |i| i + 1);
    let (mut tag, rest) = (body[..tag_end].to_owned(), &body[tag_end..]);
    // Only the root tag's own attributes: chart text may contain the same letters.
    while let Some(at) = tag.find(" xmlns") {
        let Some(open) = tag[at..].find('"') else { break };
        let Some(close) = tag[at + open + 1..].find('"') else { break };
        tag.replace_range(at..at + open + close + 2, "");
    }
    tag + rest
}

fn block(out: &mut String, b: &Block, list_depth: &mut usize) {
    let depth = if let Block::Item { depth, .. } = b { *depth } else { 0 };
    while *list_depth < depth {
        out.push_str("<ul>");
        *list_depth += 1;
    }
    while *list_depth > depth {
        out.push_str("</ul>");
        *list_depth -= 1;
    }
    match b {
        Block::Figures(figures) => {
            out.push_str("<dl class=\"figures\">");
            for f in figures {
                let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(f.label), escape(&f.value));
            }
            out.push_str("</dl>");
        }
        Block::Chart { title, svg, summary, .. } => {
            let _ = write!(
                out,
                "<figure role=\"group\" aria-label=\"{t}\"><h3>{t}</h3>{}<figcaption>{}</figcaption></figure>",
                inline_svg(svg),
                escape(summary),
                t = escape(title)
            );
        }
        Block::Table { header, rows } => {
            out.push_str("<table><thead><tr>");
            for h in header {
                let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
            }
            out.push_str("</tr></thead><tbody>");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    let _ = write!(out, "<td>{}</td>", escape(cell));
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table>");
        }
        Block::Day(day) => {
            let _ = write!(out, "<h3>{}</h3>", escape(day));
        }
        Block::Meta(text) => {
            let _ = write!(out, "<p class=\"meta\">{}</p>", escape(text));
        }
        Block::Paragraph(s) => {
            out.push_str("<p>");
            spans(out, s);
            out.push_str("</p>");
        }
        Block::Item { spans: s, .. } => {
            out.push_str("<li>");
            spans(out, s);
            out.push_str("</li>");
        }
        Block::Quote(s) => {
            out.push_str("<blockquote>");
            spans(out, s);
            out.push_str("</blockquote>");
        }
    }
}

/// Writes the report as one HTML page.
pub fn write(out: &mut dyn Write, report: &Report) -> Result<()> {
    let doc = document::build(report);
    let mut html = String::with_capacity(64 * 1024);
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"Dualtrack\">\
         <title>{} · {}</title><style>{STYLE}</style></head><body>\n\
         <header><h1>{}</h1><p class=\"subtitle\">{}</p></header>\n",
        escape(&doc.title),
        escape(&doc.subtitle),
        escape(&doc.title),
        escape(&doc.subtitle)
    );
    for section in &doc.sections {
        let _ = writeln!(html, "<section><h2>{}</h2>", escape(&section.heading));
        let mut depth = 0;
        let mut in_entry = false;
        for b in &section.blocks {
            if matches!(b, Block::Day(_)) {
                close_lists(&mut html, &mut depth);
                if in_entry {
                    html.push_str("</article>\n");
                }
                html.push_str("<article class=\"entry\">");
                in_entry = true;
            }
            block(&mut html, b, &mut depth);
        }
        close_lists(&mut html, &mut depth);
        if in_entry {
            html.push_str("</article>\n");
        }
        html.push_str("</section>\n");
    }
    html.push_str("</body></html>\n");
    out.write_all(html.as_bytes()).map_err(|e| Error::io("writing the HTML report", e))
}

fn close_lists(html: &mut String, depth: &mut usize) {
    while *depth > 0 {
        html.push_str("</ul>");
        *depth -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_namespaces_dropped() {
        assert_eq!(escape("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        let svg = r#"<?xml version="1.0"?><svg width="1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><text>t</text></svg>"#;
        assert_eq!(inline_svg(svg), r#"<svg width="1"><text>t</text></svg>"#);
        let text = r#"<svg xmlns="http://www.w3.org/2000/svg"><text>team xmlns lead</text><rect x="1"/></svg>"#;
        assert_eq!(inline_svg(text), r#"<svg><text>team xmlns lead</text><rect x="1"/></svg>"#);
    }
}
