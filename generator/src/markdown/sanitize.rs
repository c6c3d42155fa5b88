//! The one sanitiser every guide and page passes through, and the small rewrites around it.
//!
//! Values this module writes itself (heading ids, the `srcset` of a prepared picture) start with
//! a random mark that the attribute filter takes off again; the same attributes written by an
//! editor carry no mark and are prefixed or dropped.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::OnceLock;

use super::picture::EAGER_IMG;

/// Put before ids from pasted HTML, so they can neither clash with heading ids nor shadow the
/// globals that the theme's scripts read (DOM clobbering).
const USER_ID_PREFIX: &str = "user-content-";

/// Added to every `<img>` before sanitising: cheap phones on slow data should fetch and decode
/// pictures only when the reader gets to them. The parser keeps the first of repeated attributes,
/// so these win over an editor's own.
const IMAGE_HINTS: &str = " loading=\"lazy\" decoding=\"async\"";

/// The classes this module writes; the sanitiser drops every other class (Word's `MsoNormal`…).
const OWN_CLASSES: [(&str, &str); 9] = [
    ("div", "table-wrap"),
    ("div", "footnote-definition"),
    ("sup", "footnote-reference"),
    ("sup", "footnote-definition-label"),
    ("ol", "steps"),
    ("li", "step"),
    ("p", "step-number"),
    ("img", "shot"),
    ("img", "wide"),
];

/// The only inline styles kept: the alignment the writer gives table cells, turned into
/// `align-*` classes at the end.
const CELL_ALIGNMENTS: [&str; 3] = ["left", "center", "right"];

/// Image types a `<source>` may offer.
const SOURCE_TYPES: [&str; 4] = ["image/webp", "image/avif", "image/jpeg", "image/png"];

/// Appends the text of sanitised HTML: tags become spaces, the serialiser's entities are undone.
pub(super) fn push_html_text(clean: &str, text: &mut String) {
    let mut rest = clean;
    while let Some(open) = rest.find('<') {
        push_unescaped(&rest[..open], text);
        text.push(' ');
        // The serialiser quotes every attribute value with `"`; skip a `>` inside one.
        let mut quoted = false;
        let close = rest[open..].find(|c| {
            quoted ^= c == '"';
            c == '>' && !quoted
        });
        rest = close.map_or("", |close| &rest[open + close + 1..]);
    }
    push_unescaped(rest, text);
}

fn push_unescaped(s: &str, text: &mut String) {
    let s = s.replace("&lt;", "<").replace("&gt;", ">");
    text.push_str(&s.replace("&nbsp;", " ").replace("&amp;", "&"));
}

/// `html` with [`IMAGE_HINTS`] after every `<img`, except a picture in the first screen
/// ([`EAGER_IMG`]). Safe on raw editor HTML because the result is sanitised afterwards: the worst
/// a stray `<img` inside an attribute value can do is garble it, and an editor who writes
/// `loading="eager"` only makes a picture load sooner.
pub(super) fn with_image_hints(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest
        .match_indices('<')
        .map(|(i, _)| i)
        .find(|&i| is_img_tag(&rest[i..]))
    {
        out.push_str(&rest[..at + 4]);
        if !rest[at..].starts_with(EAGER_IMG) {
            out.push_str(IMAGE_HINTS);
        }
        rest = &rest[at + 4..];
    }
    out.push_str(rest);
    out
}

fn is_img_tag(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 4
        && b[1..4].eq_ignore_ascii_case(b"img")
        && matches!(b[4], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
}

/// Starts every id this module writes, so the sanitiser can tell them from ids in pasted HTML.
/// Random per process, as character references could forge any fixed character, and removed by
/// the sanitiser, so it never reaches the output.
pub(super) fn own_id_mark() -> &'static str {
    static MARK: OnceLock<String> = OnceLock::new();
    MARK.get_or_init(|| {
        let random = RandomState::new().build_hasher().finish();
        format!("ngo{random:016x}-")
    })
}

/// What the sanitiser does with each attribute that its allow-lists let through.
fn filter_attribute<'v>(element: &str, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    match (element, attribute) {
        (_, "id") => Some(match value.strip_prefix(own_id_mark()) {
            Some(own) => Cow::Borrowed(own),
            None => Cow::Owned(format!("{USER_ID_PREFIX}{value}")),
        }),
        // Footnote links point at marked ids: the mark goes, the fragment stays.
        (_, "href") => match value
            .strip_prefix('#')
            .and_then(|f| f.strip_prefix(own_id_mark()))
        {
            Some(own) => Some(format!("#{own}").into()),
            None => Some(value.into()),
        },
        ("td" | "th", "style") => {
            let align = value.strip_prefix("text-align: ");
            align
                .is_some_and(|a| CELL_ALIGNMENTS.contains(&a))
                .then_some(value.into())
        }
        (_, "class") => OWN_CLASSES
            .contains(&(element, value))
            .then_some(value.into()),
        // Only prepared pictures say which files to choose from: their values carry the mark.
        (_, "srcset" | "sizes") => value
            .strip_prefix(own_id_mark())
            .map(|own| Cow::Owned(own.to_string())),
        ("source", "type") => SOURCE_TYPES.contains(&value).then_some(value.into()),
        (_, "role") => (value == "region").then_some(value.into()),
        (_, "tabindex") => (value == "0").then_some(value.into()),
        _ => Some(value.into()),
    }
}

/// Table-cell alignment as classes: the Content-Security-Policy forbids inline styles. After the
/// sanitiser, ` style="` can only be a cell's alignment attribute (quotes inside values and text
/// are escaped), so plain replacement is exact.
pub(super) fn alignment_classes(html: &str) -> String {
    let mut out = html.to_string();
    for align in CELL_ALIGNMENTS {
        out = out.replace(
            &format!(" style=\"text-align: {align}\""),
            &format!(" class=\"align-{align}\""),
        );
    }
    out
}

/// The one sanitiser, built once: what may stay in a guide.
pub(super) fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(["input", "picture", "source"])
            .add_clean_content_tags(["iframe", "object", "embed", "noscript", "template"])
            .add_clean_content_tags(["svg", "math", "textarea", "select"])
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
            .link_rel(Some("noopener noreferrer"))
            .add_tag_attributes("img", ["loading", "decoding", "class"])
            .add_tag_attributes("source", ["type", "srcset", "sizes"])
            .add_tag_attributes("ol", ["class", "start"])
            .add_tag_attributes("li", ["class"])
            .add_tag_attributes("p", ["class"])
            .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
            // A pasted `<input>` must not become a text box.
            .set_tag_attribute_value("input", "type", "checkbox")
            .add_tag_attributes("details", ["open"])
            .add_tag_attributes("div", ["class", "role", "tabindex", "aria-label", "id"])
            .add_tag_attributes("sup", ["class"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"])
            .attribute_filter(filter_attribute);
        for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            b.add_tag_attributes(heading, ["id"]);
        }
        b
    })
}
