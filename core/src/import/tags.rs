//! Other apps' tags made to fit Dualtrack's tag rules (letters, digits, `-` and `_`, at most
//! 32 characters): lower case, spaces become `-`, anything else is dropped. Every tag that had
//! to change is reported, so nothing is renamed silently.

use crate::entry::MAX_TAG_CHARS;

/// The tag as Dualtrack stores it, or `None` when nothing of it is left.
pub(crate) fn normalise(raw: &str) -> Option<String> {
    let mut tag = String::new();
    let mut gap = false;
    for c in raw.trim().chars() {
        if c.is_whitespace() || c == '-' {
            gap = !tag.is_empty();
        } else if c.is_alphanumeric() || c == '_' {
            if gap {
                tag.push('-');
                gap = false;
            }
            tag.extend(c.to_lowercase());
        }
    }
    let tag: String = tag.chars().take(MAX_TAG_CHARS).collect();
    let tag = tag.trim_end_matches('-').to_owned();
    (!tag.is_empty()).then_some(tag)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn tags_are_lower_case_with_dashes_and_nothing_else() {
        assert_eq!(normalise("Work Out").as_deref(), Some("work-out"));
        assert_eq!(normalise("  1:1s  ").as_deref(), Some("11s"));
        assert_eq!(normalise("Deep   work!").as_deref(), Some("deep-work"));
        assert_eq!(normalise("on-call").as_deref(), Some("on-call"));
        assert_eq!(normalise("snake_case").as_deref(), Some("snake_case"));
        assert_eq!(normalise("家族").as_deref(), Some("家族"));
        assert_eq!(normalise("Ärger").as_deref(), Some("ärger"));
        assert_eq!(normalise("!!!"), None);
        assert_eq!(normalise(&"a".repeat(40)).map(|t| t.chars().count()), Some(32));
        // A tag cut at 32 characters never ends in a dash.
        let long = format!("{} b", "a".repeat(31));
        assert_eq!(normalise(&long), Some("a".repeat(31)));
    }
}
