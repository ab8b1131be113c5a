//! Daylio writes notes as a little HTML (`<br>`, `<b>`, entities); Dualtrack's text is
//! Markdown. Line breaks, lists and emphasis carry over; other tags go, their text stays; a
//! `<` that starts no tag ("<3") is text.

/// The note as Markdown text.
pub(crate) fn to_markdown(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            match tag(rest) {
                Some((name, closing, len)) => {
                    out.push_str(markdown_for(&name, closing));
                    rest = &rest[len..];
                }
                None => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            let (text, len) = entity(rest);
            out.push_str(&text);
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    tidy(&out)
}

/// `<name …>` or `</name>` at the start: its lower-case name, whether it closes, its length.
fn tag(text: &str) -> Option<(String, bool, usize)> {
    let end = text.find('>')?;
    let inner = &text[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner.chars().take_while(char::is_ascii_alphanumeric).collect();
    let starts_like_tag = inner.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    (starts_like_tag && !inner.contains('<')).then(|| (name.to_ascii_lowercase(), closing, end + 1))
}

fn markdown_for(name: &str, closing: bool) -> &'static str {
    match (name, closing) {
        ("br", _) => "\n",
        ("p" | "div", _) | ("ul" | "ol", _) => "\n",
        ("li", false) => "\n- ",
        ("b" | "strong", _) => "**",
        ("i" | "em", _) => "*",
        ("s" | "strike" | "del", _) => "~~",
        _ => "",
    }
}

/// An entity at the start of `text`: its text and length; an unknown one stays as it is.
fn entity(text: &str) -> (String, usize) {
    let Some(end) = text[..text.len().min(12)].find(';') else {
        return ("&".into(), 1);
    };
    let name = &text[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
            .and_then(char::from_u32)
            .filter(|c| *c != '\0'),
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".into(), 1),
    }
}

/// Trailing spaces off each line, at most one blank line in a row, no blank ends.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blanks = 0;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blanks += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blanks > 0 { "\n\n" } else { "\n" });
        }
        blanks = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn breaks_emphasis_lists_and_entities_become_markdown() {
        assert_eq!(to_markdown("One<br>two<br/>three"), "One\ntwo\nthree");
        assert_eq!(to_markdown("<b>Big</b> &amp; <i>small</i>"), "**Big** & *small*");
        assert_eq!(to_markdown("<ul><li>a</li><li>b</li></ul>"), "- a\n- b");
        assert_eq!(to_markdown("I &lt;3 this &#x1F600; &#233;"), "I <3 this 😀 é");
        assert_eq!(to_markdown("<span style=\"x\">kept</span>"), "kept");
        assert_eq!(to_markdown("a < b and c > d"), "a < b and c > d");
        assert_eq!(to_markdown("I <3 you"), "I <3 you");
        assert_eq!(to_markdown("AT&T; fish & chips"), "AT&T; fish & chips");
        assert_eq!(to_markdown("p1<br><br><br><br>p2"), "p1\n\np2");
    }
}
