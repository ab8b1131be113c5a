//! The PDF and the HTML report: what pdftotext and an offline Chromium find in them, and what
//! must never be in them (redacted text and tags, URLs, hostile markup).

use crate::common::{contains, create, day, now};
use crate::{
    TAG_MARKER, TEXT_MARKER, attributes, journal, open_in_chromium, pdf_bytes_and_streams,
    pdftotext, render, request,
};
use dualtrack_core::Entry;
use dualtrack_core::report::{Redaction, ReportFormat};
use std::fs;

#[test]
fn pdf_text_holds_the_range_the_figures_and_the_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let report = journal
        .report(&request(ReportFormat::Pdf, Redaction::default()), day("2026-03-01"))
        .expect("report");
    let mut pdf = Vec::new();
    report.write(&mut pdf).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let text = pdftotext(&pdf);
    let i = &report.insights;
    assert!(text.contains("2026-01-01 – 2026-02-09"), "the range: {text}");
    assert!(text.contains("generated 2026-03-01"), "the day it was made");
    let coverage =
        format!("{} of {} days logged", i.coverage.days_logged, i.coverage.days_in_range);
    assert_eq!(
        coverage, "40 of 40 days logged",
        "an entry with nothing logged is still a day kept"
    );
    let satisfaction =
        format!("mean {:.1} of 10 (n = {})", i.satisfaction.mean.expect("mean"), i.satisfaction.n);
    let technical =
        format!("mean {:.0}% (n = {})", i.technical_share.mean.expect("mean"), i.technical_share.n);
    for figure in [&coverage, &satisfaction, &technical] {
        assert!(text.contains(figure.as_str()), "{figure} in the PDF text");
    }
    for label in
        ["Satisfaction over time", "Weekday means", "Page 1 of", "Entries (40)", "2026-01-05 (Mon)"]
    {
        assert!(text.contains(label), "{label} in the PDF text");
    }
    assert!(text.contains("Satisfaction (1–10)"), "chart labels are real text");
    assert_eq!(text.matches(TEXT_MARKER).count(), 39, "every entry's text, once");
    assert!(text.contains(TAG_MARKER), "tags are included");
    assert!(text.contains("went fine"), "Markdown emphasis becomes styled text, not asterisks");
}

#[test]
fn a_pdf_without_text_or_tags_carries_no_trace_of_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let redaction = Redaction { no_text: true, no_tags: true, ..Redaction::default() };
    let pdf = render(&journal, &request(ReportFormat::Pdf, redaction));
    let text = pdftotext(&pdf);
    assert!(
        text.contains("Entries (40)") && text.contains("satisfaction 1/10"),
        "entries still listed"
    );
    assert!(!text.contains(TEXT_MARKER) && !text.contains(TAG_MARKER), "{text}");
    // Page text is stored as glyph numbers, so this scan cannot see body text either way; it
    // covers what is stored as characters: metadata, outlines, font names, chart SVG leftovers.
    // The extracted text above is what proves the body.
    let parts = pdf_bytes_and_streams(&pdf);
    assert!(parts.len() > 10, "the streams were found and inflated");
    for part in &parts {
        assert!(!contains(part, TEXT_MARKER.as_bytes()) && !contains(part, TAG_MARKER.as_bytes()));
    }
    let summary = render(
        &journal,
        &request(ReportFormat::Pdf, Redaction { summary_only: true, ..Redaction::default() }),
    );
    let text = pdftotext(&summary);
    assert!(text.contains("Summary") && !text.contains("Entries ("), "summary and charts only");
    assert!(!text.contains(TEXT_MARKER), "no entry text in a summary-only report");
}

#[test]
fn html_is_one_self_contained_page_that_opens_offline_without_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = journal(dir.path());
    let html =
        String::from_utf8(render(&journal, &request(ReportFormat::Html, Redaction::default())))
            .expect("utf-8");
    let urls: Vec<String> = attributes(&html)
        .into_iter()
        .filter(|v| v.contains("http://") || v.contains("https://") || v.contains("//"))
        .collect();
    assert!(urls.is_empty(), "no URL in any attribute: {urls:?}");
    assert!(attributes(&html).len() > 100, "the attribute scan saw the charts");
    for forbidden in ["<script", "<link", "<img", "<iframe", "url(", "@import"] {
        assert!(!html.contains(forbidden), "{forbidden} in the report");
    }
    assert_eq!(html.matches("<svg").count(), 5, "five inline charts");
    assert_eq!(html.matches(TEXT_MARKER).count(), 39);

    let out = tempfile::tempdir().expect("tempdir");
    let page = out.path().join("report.html");
    fs::write(&page, &html).expect("write");
    let (dom, console) = open_in_chromium(&page);
    assert!(console.is_empty(), "the page loads without errors or requests: {console:?}");
    assert!(
        dom.contains("<h1>Dualtrack report</h1>") && dom.matches("<svg").count() == 5,
        "rendered"
    );

    // The same check catches a page that tries to fetch something.
    let planted = out.path().join("planted.html");
    fs::write(&planted, html.replace("<body>", "<body><img src=\"https://example.com/x.png\">"))
        .expect("write");
    let (_, console) = open_in_chromium(&planted);
    assert!(!console.is_empty(), "an external image is reported");
}

#[test]
fn hostile_text_tags_and_settings_stay_text_in_html_and_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut journal, _) = create(dir.path());
    let mut e = Entry::empty(day("2026-01-01"));
    e.satisfaction = Some(6);
    e.technical_share = Some(40);
    e.text = "<img src=\"https://evil.example/x.png\"> [link](https://evil.example/a) \
              ![pic](//evil.example/p.png) <script>alert(1)</script> \"quoted\" & done"
        .into();
    journal.save(&e, now()).expect("save");
    let settings = dualtrack_core::Settings {
        role_start: Some(day("2026-01-01")),
        phases: vec![dualtrack_core::Phase {
            name: "team xmlns=\"http://evil.example\" <b>".into(),
            start: day("2026-01-01"),
        }],
        ..Default::default()
    };
    journal.set_settings(&settings).expect("settings");
    let html =
        String::from_utf8(render(&journal, &request(ReportFormat::Html, Redaction::default())))
            .expect("utf-8");
    let urls: Vec<String> = attributes(&html).into_iter().filter(|v| v.contains("//")).collect();
    assert!(urls.is_empty(), "no URL in any attribute: {urls:?}");
    for forbidden in ["<img", "<script", "<b>"] {
        assert!(!html.contains(forbidden), "{forbidden} is escaped");
    }
    assert!(
        html.contains("&lt;script&gt;") && html.contains("(https://evil.example/a)"),
        "kept as text"
    );
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count(), "charts intact");
    let text = pdftotext(&render(&journal, &request(ReportFormat::Pdf, Redaction::default())));
    assert!(text.contains("<script>alert(1)</script>"), "the PDF shows the text as written");
}

#[test]
fn marker_labels_in_the_chart_never_overlap_or_leave_the_plot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut journal = journal(dir.path());
    // The role start and a phase on the same day, another two days later, and the review: the
    // labels that used to print on top of each other.
    let settings: dualtrack_core::Settings = serde_json::from_value(serde_json::json!({
        "role_start": "2026-01-01", "trial_days": 30,
        "phases": [{"name": "manager", "start": "2026-01-01"}, {"name": "tech lead", "start": "2026-01-03"}]
    }))
    .expect("settings");
    journal.set_settings(&settings).expect("settings");
    let html =
        String::from_utf8(render(&journal, &request(ReportFormat::Html, Redaction::default())))
            .expect("utf-8");
    let svg = &html[html.find("<svg").expect("a chart")..];
    let svg = &svg[..svg.find("</svg>").expect("closed")];
    let width: f64 = attr(svg, "width").expect("svg width");
    let labels: Vec<(f64, f64, f64)> = svg
        .split("<text")
        .skip(1)
        .filter_map(|t| {
            let content = t.split_once('>')?.1.split("</text>").next()?;
            ["role start", "manager", "tech lead", "trial review"]
                .iter()
                .any(|l| content.contains(l))
                .then(|| {
                    // 12 px type: at most 7.5 px a character.
                    let w = content.chars().count() as f64 * 7.5;
                    let x = attr(t, "x").expect("x");
                    let start = if t.contains("text-anchor=\"end\"") { x - w } else { x };
                    (start, start + w, attr(t, "y").expect("y"))
                })
        })
        .collect();
    assert!(labels.len() >= 3, "the markers are labelled: {labels:?}");
    for (i, a) in labels.iter().enumerate() {
        assert!(a.0 >= 0.0 && a.1 <= width, "inside the chart: {a:?} of {width}");
        for b in &labels[i + 1..] {
            let same_row = (a.2 - b.2).abs() < 12.0;
            assert!(!same_row || a.1 <= b.0 || b.1 <= a.0, "labels overlap: {a:?} {b:?}");
        }
    }
}

/// A numeric attribute of an SVG element's opening tag.
fn attr(tag: &str, name: &str) -> Option<f64> {
    let open = &tag[..tag.find('>')?];
    let at = open.find(&format!(" {name}=\""))? + name.len() + 3;
    open[at..].split('"').next()?.trim_end_matches("px").parse().ok()
}
