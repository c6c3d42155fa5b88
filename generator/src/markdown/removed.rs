//! What the sanitiser took out of a piece of raw HTML, so the editor is told instead of finding a
//! video, a colour or a button silently missing from the page.
//!
//! The sanitiser (ammonia) does not report what it drops; comparing the tags and attributes of
//! its input with those of its output does. Comments are not counted: dropping Word's
//! `<!--[if gte mso 9]>` blocks loses nothing a reader sees.

use std::collections::BTreeMap;

/// `["thẻ `<iframe>`", "thuộc tính `style`"]`: elements whose tags disappeared, then
/// attributes that disappeared from elements that stayed, each named once.
pub fn removed(raw: &str, clean: &str) -> Vec<String> {
    let before = Tags::of(raw);
    let after = Tags::of(clean);
    let mut gone = Vec::new();
    for (name, count) in &before.elements {
        if after.elements.get(name).copied().unwrap_or(0) < *count {
            gone.push(format!("thẻ `<{name}>`"));
        }
    }
    let mut attributes: Vec<&str> = before
        .attributes
        .iter()
        .filter(|((element, _), _)| after.elements.contains_key(element))
        .filter(|(key, count)| after.attributes.get(*key).copied().unwrap_or(0) < **count)
        .map(|((_, attribute), _)| attribute.as_str())
        .collect();
    attributes.sort_unstable();
    attributes.dedup();
    gone.extend(attributes.into_iter().map(|a| format!("thuộc tính `{a}`")));
    gone
}

/// Opening tags and their attribute names, counted.
#[derive(Default)]
struct Tags {
    elements: BTreeMap<String, usize>,
    attributes: BTreeMap<(String, String), usize>,
}

impl Tags {
    fn of(html: &str) -> Tags {
        let mut tags = Tags::default();
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            rest = &rest[open + 1..];
            if let Some(after) = rest.strip_prefix("!--") {
                rest = after.find("-->").map_or("", |end| &after[end + 3..]);
                continue;
            }
            let name_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-'))
                .unwrap_or(rest.len());
            if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let element = rest[..name_len].to_ascii_lowercase();
            let (names, tail) = attribute_names(&rest[name_len..]);
            for name in names {
                *tags.attributes.entry((element.clone(), name)).or_default() += 1;
            }
            *tags.elements.entry(element).or_default() += 1;
            rest = tail;
        }
        tags
    }
}

/// The attribute names of one tag, and the text after its `>`.
fn attribute_names(mut rest: &str) -> (Vec<String>, &str) {
    let mut names = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        match rest.chars().next() {
            None => return (names, ""),
            Some('>') => return (names, &rest[1..]),
            _ => {}
        }
        let len = rest
            .find(|c: char| c.is_whitespace() || "=>/".contains(c))
            .unwrap_or(rest.len())
            .max(1);
        names.push(rest[..len].to_ascii_lowercase());
        rest = rest[len..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            rest = skip_value(value.trim_start());
        }
    }
}

fn skip_value(value: &str) -> &str {
    match value.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let inner = &value[1..];
            inner.find(quote).map_or("", |end| &inner[end + 1..])
        }
        _ => {
            let end = value
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(value.len());
            &value[end..]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_elements_and_attributes_are_named() {
        let raw = "<p onclick=\"x()\" style='color:red' class=MsoNormal>Chữ <b>đậm</b></p>\
                   <iframe src=\"https://example.org/v\"></iframe><!-- ghi chú -->";
        let clean = "<p>Chữ <b>đậm</b></p>";
        assert_eq!(
            removed(raw, clean),
            [
                "thẻ `<iframe>`",
                "thuộc tính `class`",
                "thuộc tính `onclick`",
                "thuộc tính `style`"
            ]
        );
    }

    #[test]
    fn what_stays_is_not_reported() {
        let raw = "<a href=\"https://example.org\" title=\"t\">a</a><br/>";
        let clean =
            "<a href=\"https://example.org\" title=\"t\" rel=\"noopener noreferrer\">a</a><br>";
        assert!(removed(raw, clean).is_empty());
        assert!(removed("<!--[if gte mso 9]><xml></xml><![endif]-->", "").is_empty());
    }

    #[test]
    fn quoted_greater_than_signs_do_not_end_a_tag() {
        let raw = "<img alt=\"a > b\" src=\"javascript:x\" width=3>";
        let clean = "<img alt=\"a &gt; b\" width=\"3\">";
        assert_eq!(removed(raw, clean), ["thuộc tính `src`"]);
    }
}
