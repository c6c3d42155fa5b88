//! Markdown to safe HTML for guides and pages.
//!
//! Editors paste from Word and web pages, so raw HTML is allowed but cleaned with ammonia:
//! scripts, styles, frames, event handlers and `javascript:`/`data:` links never reach a citizen's
//! phone. Headings get stable Vietnamese-folded ids for the table of contents.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::text;

/// Words per minute for an older reader on a phone.
const READING_PACE: usize = 200;

/// A heading in the table of contents (levels 2 and 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A rendered Markdown document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Text content without markup, whitespace collapsed: for search and summaries.
    pub plain_text: String,
    pub word_count: usize,
    pub reading_minutes: u32,
    pub first_heading: Option<String>,
    /// Relative image sources as written (for page-bundle checks).
    pub images: Vec<String>,
}

/// How links inside the document resolve.
pub struct MarkdownOptions<'a> {
    /// Absolute path of the page, e.g. `/huong-dan/x/`: relative images resolve against it.
    pub base_path: &'a str,
}

/// Renders `markdown` to sanitised HTML with its table of contents and plain text.
pub fn render(markdown: &str, options: &MarkdownOptions) -> Rendered {
    let markdown = text::nfc(markdown);
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    let events: Vec<Event> = Parser::new_ext(&markdown, opts).collect();
    let mut out = Rendered::default();
    let events = rewrite(events, options, &mut out);
    let mut raw = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut raw, events.into_iter());
    out.html = sanitizer().clean(&raw).to_string();
    out.word_count = out.plain_text.split_whitespace().count();
    out.reading_minutes = out.word_count.div_ceil(READING_PACE).max(1) as u32;
    out
}

/// Gives headings ids, collects the TOC, text and images, resolves relative images, wraps tables.
fn rewrite<'a>(
    events: Vec<Event<'a>>,
    options: &MarkdownOptions,
    out: &mut Rendered,
) -> Vec<Event<'a>> {
    let mut result = Vec::with_capacity(events.len());
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<(HeadingLevel, Option<String>, usize)> = None;
    let mut heading_text = String::new();
    let mut text = String::new();
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id.map(|i| i.to_string()), result.len()));
                heading_text.clear();
                result.push(Event::Text(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(level)) => {
                let (_, explicit, at) = heading.take().expect("a heading was opened");
                let title = heading_text.trim().to_string();
                let id = unique_id(explicit.unwrap_or_else(|| slug(&title)), &mut used);
                let n = heading_level(level);
                result[at] = Event::Html(format!("<h{n} id=\"{id}\">").into());
                result.push(Event::Html(format!("</h{n}>\n").into()));
                if out.first_heading.is_none() {
                    out.first_heading = Some(title.clone());
                }
                if n == 2 || n == 3 {
                    out.toc.push(TocEntry {
                        level: n,
                        id,
                        title,
                    });
                }
                push_text(&mut text, "\n");
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if heading.is_some() {
                    heading_text.push_str(t);
                }
                push_text(&mut text, t);
                result.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                push_text(&mut text, " ");
                result.push(event);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => {
                push_text(&mut text, " ");
                result.push(event);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let src = resolve(&dest_url, options.base_path, out);
                result.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: src.into(),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Table(_)) => {
                result.push(Event::Html(
                    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Bảng\">"
                        .into(),
                ));
                result.push(event);
            }
            Event::End(TagEnd::Table) => {
                result.push(event);
                result.push(Event::Html("</div>".into()));
            }
            Event::FootnoteReference(_) => result.push(event),
            other => result.push(other),
        }
    }
    out.plain_text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    result
}

fn push_text(text: &mut String, piece: &str) {
    text.push_str(piece);
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Relative image sources become absolute under the page; others stay as written.
fn resolve(src: &str, base_path: &str, out: &mut Rendered) -> String {
    let is_relative =
        !src.contains(':') && !src.starts_with('/') && !src.starts_with('#') && !src.is_empty();
    if is_relative {
        out.images.push(src.to_string());
        format!("{base_path}{}", src.trim_start_matches("./"))
    } else {
        src.to_string()
    }
}

fn slug(title: &str) -> String {
    let s = text::slugify(title);
    if s.is_empty() {
        "muc".to_string()
    } else {
        s
    }
}

fn unique_id(id: String, used: &mut HashMap<String, usize>) -> String {
    let count = used.entry(id.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        id
    } else {
        format!("{id}-{count}")
    }
}

/// The one sanitiser, built once: what may stay in a guide.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags([
            "figure",
            "figcaption",
            "details",
            "summary",
            "kbd",
            "mark",
            "del",
            "input",
            "section",
        ]);
        b.rm_tags(["small"]);
        b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
        b.link_rel(Some("noopener noreferrer"));
        b.add_generic_attributes(["id"]);
        b.add_tag_attributes("img", ["width", "height", "loading", "decoding"]);
        b.add_tag_attributes("input", ["type", "checked", "disabled"]);
        b.add_tag_attributes("div", ["class", "role", "tabindex", "aria-label"]);
        b.add_tag_attributes("li", ["class"]);
        b.add_tag_attributes("sup", ["class"]);
        b.add_tag_attributes("td", ["align", "style"]);
        b.add_tag_attributes("th", ["align", "style"]);
        b.set_tag_attribute_value("img", "loading", "lazy");
        b.set_tag_attribute_value("img", "decoding", "async");
        b.attribute_filter(|element, attribute, value| match (element, attribute) {
            ("div", "class") if value != "table-wrap" && value != "footnote-definition" => None,
            ("td" | "th", "style") if !value.starts_with("text-align:") => None,
            ("input", "type") if value != "checkbox" => None,
            _ => Some(value.into()),
        });
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Rendered {
        render(
            text,
            &MarkdownOptions {
                base_path: "/huong-dan/x/",
            },
        )
    }

    #[test]
    fn headings_get_folded_unique_ids_and_a_toc() {
        let r = md("## Bước 1: Mở ứng dụng VNeID\n\n## Lưu ý\n\n### Lưu ý\n");
        assert!(
            r.html
                .contains("<h2 id=\"buoc-1-mo-ung-dung-vneid\">Bước 1: Mở ứng dụng VNeID</h2>"),
            "{}",
            r.html
        );
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["buoc-1-mo-ung-dung-vneid", "luu-y", "luu-y-2"]);
        assert_eq!(r.toc[2].level, 3);
    }

    #[test]
    fn tables_footnotes_tasks_and_strikethrough_survive() {
        let r = md("| a | b |\n|---|---|\n| 1 | 2 |\n\nChú thích[^1]\n\n[^1]: Ghi chú.\n\n- [x] xong\n- [ ] chưa\n\n~~cũ~~\n");
        assert!(r.html.contains("<div class=\"table-wrap\""), "{}", r.html);
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("href=\"#1\""), "{}", r.html);
        assert!(r.html.contains("id=\"1\""), "{}", r.html);
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("<del>cũ</del>"));
    }

    #[test]
    fn hostile_html_is_removed() {
        let r = md("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<a href=\"JaVaScRiPt:alert(1)\">a</a> <a href=\"data:text/html,x\">b</a>\n\n<iframe src=\"https://x\"></iframe><svg onload=alert(1)></svg><style>p{}</style>\n\n<p class=\"MsoNormal\" style=\"color:red\">Chữ</p>\n\n[c](javascript:alert(1))\n");
        for bad in [
            "<script",
            "onerror",
            "javascript",
            "JaVaScRiPt",
            "data:",
            "<iframe",
            "onload",
            "<style",
            "MsoNormal",
            "color:red",
        ] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
        assert!(r.html.contains("<p>Chữ</p>"));
    }

    #[test]
    fn relative_images_resolve_under_the_page_and_load_lazily() {
        let r = md("![QR](qr.svg) ![x](https://example.org/a.png)");
        assert_eq!(r.images, ["qr.svg"]);
        assert!(r.html.contains("src=\"/huong-dan/x/qr.svg\""), "{}", r.html);
        assert!(r.html.contains("loading=\"lazy\""));
        assert!(r.html.contains("src=\"https://example.org/a.png\""));
    }

    #[test]
    fn decomposed_text_comes_out_nfc_with_plain_text_and_reading_time() {
        let r = md("Vie\u{0323}\u{0302}t Nam **đẹp**");
        assert!(r.html.contains("Việt Nam"));
        assert_eq!(r.plain_text, "Việt Nam đẹp");
        assert_eq!(r.reading_minutes, 1);
        let long = md(&"chữ ".repeat(450));
        assert_eq!(long.reading_minutes, 3);
    }
}
