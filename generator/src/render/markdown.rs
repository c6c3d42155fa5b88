//! Markdown guides to the HTML a citizen's phone receives.
//!
//! Volunteers write guides in Markdown but paste from Word and web pages, so raw HTML is allowed
//! and everything passes through one ammonia sanitiser at the end: scripts, styles, frames, event
//! handlers, inline styles and `javascript:`/`data:` links never reach the page. Before that, one
//! pass over the pulldown-cmark events gives headings stable Vietnamese-folded ids (links to
//! `#buoc-2` keep working while a guide is edited), collects the table of contents, the plain text
//! for search and the images a page bundle must ship, numbers footnotes and wraps tables so they
//! scroll sideways on small screens instead of widening the page.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::OnceLock;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::text;

/// Words (Vietnamese syllables) an older reader gets through in a minute on a phone.
const WORDS_PER_MINUTE: usize = 200;

/// Put before ids from pasted HTML, so they can neither clash with heading ids nor shadow the
/// globals that the theme's scripts read (DOM clobbering).
const USER_ID_PREFIX: &str = "user-content-";

/// Opens the scrolling box around a table; a focusable region so keyboards can scroll it too.
const TABLE_WRAP: &str =
    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Bảng\">\n";

/// Added to every `<img>` before sanitising: cheap phones on slow data should fetch and decode
/// pictures only when the reader gets to them. The parser keeps the first of repeated attributes,
/// so these win over an editor's own.
const IMAGE_HINTS: &str = " loading=\"lazy\" decoding=\"async\"";

/// The classes this module writes; the sanitiser drops every other class (Word's `MsoNormal`…).
const OWN_CLASSES: [(&str, &str); 4] = [
    ("div", "table-wrap"),
    ("div", "footnote-definition"),
    ("sup", "footnote-reference"),
    ("sup", "footnote-definition-label"),
];

/// The only inline styles kept: the alignment the writer gives table cells, turned into
/// `align-*` classes at the end.
const CELL_ALIGNMENTS: [&str; 3] = ["left", "center", "right"];

/// A heading in the table of contents (levels 2 and 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's `id`, for `#` links.
    pub id: String,
    /// The heading's text without markup.
    pub title: String,
}

/// A rendered Markdown document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sanitised HTML of the body, in NFC.
    pub html: String,
    /// Level 2 and 3 headings in document order.
    pub toc: Vec<TocEntry>,
    /// Text content without markup or footnote markers, whitespace collapsed: for search and
    /// summaries.
    pub plain_text: String,
    /// Words (syllables) in `plain_text`.
    pub word_count: usize,
    /// Reading time at an older reader's pace, at least 1.
    pub reading_minutes: u32,
    /// Text of the first heading of any level.
    pub first_heading: Option<String>,
    /// Relative Markdown image sources as written, each once (for page-bundle asset checks).
    pub images: Vec<String>,
}

/// Where the rendered page lives.
pub struct MarkdownOptions<'a> {
    /// Prefix for resolving relative images in a page bundle, e.g.
    /// "/sub/huong-dan/kich-hoat-vneid/" — relative image src "qr.svg" becomes
    /// "/sub/huong-dan/kich-hoat-vneid/qr.svg", so pictures also show in feeds and listings.
    /// Absolute URLs and root-relative ones are left alone. Links are left as written: callers
    /// may pass the site's root here rather than the page's address, and the browser resolves a
    /// relative link (`../tim-kiem/`) against the page it is on.
    pub base_path: &'a str,
}

/// Renders `markdown` (CommonMark with tables, footnotes, strikethrough, task lists and `{#id}`
/// heading attributes) to sanitised HTML with its table of contents and plain text.
///
/// ```
/// use ngo::render::markdown::{render, MarkdownOptions};
///
/// let page = render("## Bước 1: Mở ứng dụng\n", &MarkdownOptions { base_path: "/huong-dan/x/" });
/// assert_eq!(page.html, "<h2 id=\"buoc-1-mo-ung-dung\">Bước 1: Mở ứng dụng</h2>\n");
/// ```
pub fn render(markdown: &str, options: &MarkdownOptions) -> Rendered {
    // Word and macOS paste decomposed letters; NFC first so slugs, search and output agree.
    let source = text::nfc(markdown);
    let mut rewriter = Rewriter::new(options.base_path);
    for event in Parser::new_ext(&source, parser_options()) {
        rewriter.event(event);
    }
    let (events, mut rendered) = rewriter.finish();
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    let clean = alignment_classes(&sanitizer().clean(&with_image_hints(&raw)).to_string());
    // Character references such as `&#x301;` can still put combining marks back.
    rendered.html = text::nfc(&clean);
    rendered.word_count = rendered.plain_text.split_whitespace().count();
    let minutes = rendered.word_count.div_ceil(WORDS_PER_MINUTE).max(1);
    rendered.reading_minutes = u32::try_from(minutes).unwrap_or(u32::MAX);
    rendered
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The heading being read: where its opening tag goes once its text, and so its id, is known.
struct OpenHeading {
    level: u8,
    explicit_id: Option<String>,
    at: usize,
    text_from: usize,
}

/// Rewrites the event stream on its way to the HTML writer and gathers everything else.
#[derive(Default)]
struct Rewriter<'a, 'o> {
    base_path: &'o str,
    events: Vec<Event<'a>>,
    heading: Option<OpenHeading>,
    ids: HashSet<String>,
    notes: HashMap<String, usize>,
    text: String,
    raw_block: String,
    image_depth: usize,
    out: Rendered,
}

impl<'a, 'o> Rewriter<'a, 'o> {
    fn new(base_path: &'o str) -> Self {
        let base_path = base_path.trim_end_matches('/');
        Rewriter {
            base_path,
            ..Rewriter::default()
        }
    }

    fn event(&mut self, event: Event<'a>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(ref t) | Event::Code(ref t) if self.image_depth == 0 => {
                self.text.push_str(t);
                self.events.push(event);
            }
            Event::Html(ref html) => {
                self.raw_block.push_str(html);
                self.events.push(event);
            }
            Event::FootnoteReference(label) => {
                let id = self.note_id(&label);
                self.events.push(Event::FootnoteReference(id));
            }
            // A bare checkbox has no name for screen readers; say what the tick means.
            Event::TaskListMarker(done) => {
                let label = if done { "đã làm" } else { "chưa làm" };
                let checked = if done { " checked" } else { "" };
                self.events.push(Event::Html(
                    format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> ")
                        .into(),
                ));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.text.push(' ');
                self.events.push(event);
            }
            other => self.events.push(other),
        }
    }

    fn start(&mut self, tag: Tag<'a>) {
        match tag {
            Tag::Heading { level, id, .. } => self.open_heading(level, id),
            Tag::Image { .. } => self.open_image(tag),
            Tag::Table(_) => {
                self.events.push(Event::Html(TABLE_WRAP.into()));
                self.events.push(Event::Start(tag));
            }
            Tag::FootnoteDefinition(label) => {
                let id = self.note_id(&label);
                self.events.push(Event::Start(Tag::FootnoteDefinition(id)));
            }
            other => self.events.push(Event::Start(other)),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if !is_inline(tag) {
            self.text.push(' ');
        }
        match tag {
            TagEnd::Heading(_) => return self.close_heading(),
            TagEnd::Image => self.image_depth -= 1,
            TagEnd::HtmlBlock => {
                // Pasted Word HTML carries whole paragraphs: search must see their text too.
                let clean = sanitizer().clean(&self.raw_block).to_string();
                push_html_text(&clean, &mut self.text);
                self.raw_block.clear();
            }
            _ => {}
        }
        self.events.push(Event::End(tag));
        if tag == TagEnd::Table {
            self.events.push(Event::Html("</div>\n".into()));
        }
    }

    fn open_heading(&mut self, level: HeadingLevel, id: Option<CowStr<'a>>) {
        // An explicit `{#id}` is kept when it needs no escaping in a URL or in HTML.
        let safe = |id: &str| {
            id.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        };
        let explicit_id = id.filter(|id| !id.is_empty() && safe(id));
        self.heading = Some(OpenHeading {
            level: level as u8,
            explicit_id: explicit_id.map(|id| id.to_string()),
            at: self.events.len(),
            text_from: self.text.len(),
        });
        self.events.push(Event::Html(CowStr::Borrowed("")));
    }

    fn close_heading(&mut self) {
        let Some(open) = self.heading.take() else {
            return;
        };
        let title = collapse_whitespace(&self.text[open.text_from..]);
        let id = self.unique_id(open.explicit_id.unwrap_or_else(|| slug(&title)));
        let (level, mark) = (open.level, own_id_mark());
        let tag = format!("<h{level} id=\"{mark}{id}\">");
        self.events[open.at] = Event::Html(tag.into());
        self.events
            .push(Event::Html(format!("</h{level}>\n").into()));
        self.out.first_heading.get_or_insert_with(|| title.clone());
        if level == 2 || level == 3 {
            self.out.toc.push(TocEntry { level, id, title });
        }
    }

    /// `id`, or `id-2`, `id-3`… when an earlier heading took it.
    fn unique_id(&mut self, id: String) -> String {
        if self.ids.insert(id.clone()) {
            return id;
        }
        (2..)
            .map(|n| format!("{id}-{n}"))
            .find(|candidate| self.ids.insert(candidate.clone()))
            .expect("some numbered id is free")
    }

    /// A relative image is resolved under the page and remembered for the bundle check.
    fn open_image(&mut self, mut tag: Tag<'a>) {
        self.image_depth += 1;
        if let Tag::Image { dest_url, .. } = &mut tag {
            if is_relative(dest_url) {
                if !self.out.images.iter().any(|i| **i == **dest_url) {
                    self.out.images.push(dest_url.to_string());
                }
                let path = dest_url.strip_prefix("./").unwrap_or(dest_url);
                *dest_url = format!("{}/{path}", self.base_path).into();
            }
        }
        self.events.push(Event::Start(tag));
    }

    /// `fn:1`, `fn:2`… by first mention (the writer numbers them the same way): labels may hold
    /// any character and could match a heading's id.
    fn note_id(&mut self, label: &str) -> CowStr<'a> {
        let next = self.notes.len() + 1;
        let n = *self.notes.entry(label.to_string()).or_insert(next);
        format!("{}fn:{n}", own_id_mark()).into()
    }

    fn finish(mut self) -> (Vec<Event<'a>>, Rendered) {
        self.out.plain_text = text::nfc(&collapse_whitespace(&self.text));
        (self.events, self.out)
    }
}

/// Ends that do not end a block, so no space goes into the plain text after them.
fn is_inline(tag: TagEnd) -> bool {
    use TagEnd::{Emphasis, Image, Link, Strikethrough, Strong};
    matches!(tag, Emphasis | Strong | Strikethrough | Link | Image)
}

/// The id for a heading's text: Vietnamese folded to ASCII ("Bước 1" → "buoc-1"), or "muc"
/// ("mục", section) when no letter or digit is left.
fn slug(title: &str) -> String {
    Some(text::slugify(title))
        .filter(|slug| !slug.is_empty())
        .unwrap_or_else(|| "muc".to_string())
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Neither a scheme (`https:`, `data:`), nor root-relative, nor a fragment or query alone.
fn is_relative(url: &str) -> bool {
    let before_path = url.split(['/', '?', '#']).next().unwrap_or("");
    !url.is_empty() && !url.starts_with(['/', '#', '?', '\\']) && !before_path.contains(':')
}

/// Appends the text of sanitised HTML: tags become spaces, the serialiser's entities are undone.
fn push_html_text(clean: &str, text: &mut String) {
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

/// `html` with [`IMAGE_HINTS`] after every `<img`. Safe on raw editor HTML because the result is
/// sanitised afterwards: the worst a stray `<img` inside an attribute value can do is garble it.
fn with_image_hints(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest
        .match_indices('<')
        .map(|(i, _)| i)
        .find(|&i| is_img_tag(&rest[i..]))
    {
        out.push_str(&rest[..at + 4]);
        out.push_str(IMAGE_HINTS);
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
fn own_id_mark() -> &'static str {
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
        (_, "role") => (value == "region").then_some(value.into()),
        (_, "tabindex") => (value == "0").then_some(value.into()),
        _ => Some(value.into()),
    }
}

/// Table-cell alignment as classes: the Content-Security-Policy forbids inline styles. After the
/// sanitiser, ` style="` can only be a cell's alignment attribute (quotes inside values and text
/// are escaped), so plain replacement is exact.
fn alignment_classes(html: &str) -> String {
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
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(["input"])
            .add_clean_content_tags(["iframe", "object", "embed", "noscript", "template"])
            .add_clean_content_tags(["svg", "math", "textarea", "select"])
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
            .link_rel(Some("noopener noreferrer"))
            .add_tag_attributes("img", ["loading", "decoding"])
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

#[cfg(test)]
mod tests {
    use super::*;

    fn page(markdown: &str) -> Rendered {
        let base_path = "/sub/huong-dan/kich-hoat-vneid/";
        render(markdown, &MarkdownOptions { base_path })
    }

    fn html(markdown: &str) -> String {
        page(markdown).html
    }

    #[test]
    fn headings_get_folded_unique_ids_and_a_toc() {
        let r = page("# Kích hoạt\n## Bước 1: Mở ứng dụng VNeID\n## Lưu ý\n### Lưu ý\n## Khác {#rieng}\n## ???\n");
        assert_eq!(
            r.html,
            "<h1 id=\"kich-hoat\">Kích hoạt</h1>\n\
             <h2 id=\"buoc-1-mo-ung-dung-vneid\">Bước 1: Mở ứng dụng VNeID</h2>\n\
             <h2 id=\"luu-y\">Lưu ý</h2>\n<h3 id=\"luu-y-2\">Lưu ý</h3>\n\
             <h2 id=\"rieng\">Khác</h2>\n<h2 id=\"muc\">???</h2>\n"
        );
        let toc: Vec<_> = r.toc.iter().map(|e| (e.level, &*e.id, &*e.title)).collect();
        assert_eq!(
            toc,
            [
                (2, "buoc-1-mo-ung-dung-vneid", "Bước 1: Mở ứng dụng VNeID"),
                (2, "luu-y", "Lưu ý"),
                (3, "luu-y-2", "Lưu ý"),
                (2, "rieng", "Khác"),
                (2, "muc", "???"),
            ]
        );
        assert_eq!(r.first_heading.as_deref(), Some("Kích hoạt"));
    }

    #[test]
    fn tables_scroll_inside_a_labelled_region() {
        assert_eq!(
            html("| Việc | Giá |\n|:--|--:|\n| Điện | 100 |\n"),
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Bảng\">\n\
             <table><thead><tr><th class=\"align-left\">Việc</th>\
             <th class=\"align-right\">Giá</th></tr></thead><tbody>\n\
             <tr><td class=\"align-left\">Điện</td><td class=\"align-right\">100</td></tr>\n\
             </tbody></table>\n</div>\n"
        );
    }

    #[test]
    fn footnote_links_reach_their_notes() {
        let out = html(
            "OTP[^otp] và mật khẩu[^2].\n\n[^2]: Không cho ai biết.\n[^otp]: Gửi qua *tin nhắn*.\n",
        );
        let sup = "<sup class=\"footnote-reference\"><a href=\"#fn:";
        let label = "<sup class=\"footnote-definition-label\">";
        assert_eq!(
            out,
            format!(
                "<p>OTP{sup}1\" rel=\"noopener noreferrer\">1</a></sup> \
                 và mật khẩu{sup}2\" rel=\"noopener noreferrer\">2</a></sup>.</p>\n\
                 <div class=\"footnote-definition\" id=\"fn:2\">{label}2</sup>\n\
                 <p>Không cho ai biết.</p>\n</div>\n\
                 <div class=\"footnote-definition\" id=\"fn:1\">{label}1</sup>\n\
                 <p>Gửi qua <em>tin nhắn</em>.</p>\n</div>\n"
            )
        );
        for target in out.split("href=\"#").skip(1) {
            let id = &target[..target.find('"').unwrap()];
            assert!(out.contains(&format!("id=\"{id}\"")), "no target for #{id}");
        }
    }

    #[test]
    fn task_lists_and_strikethrough_survive() {
        assert_eq!(
            html("- [x] Cài ứng dụng\n- [ ] Kích hoạt\n\n~~Mức 1~~\n"),
            "<ul>\n<li><input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"đã làm\"> Cài ứng dụng</li>\n\
             <li><input type=\"checkbox\" disabled=\"\" aria-label=\"chưa làm\"> Kích hoạt</li>\n</ul>\n\
             <p><del>Mức 1</del></p>\n"
        );
    }

    #[test]
    fn hostile_html_is_neutralised() {
        let check = |input: &str, expected: &str| assert_eq!(html(input), expected, "{input}");
        let dead = "<p><a rel=\"noopener noreferrer\">a</a></p>\n";
        let img = "<img loading=\"lazy\" decoding=\"async\"";
        check("<script>alert(1)</script>\n", "\n");
        check(
            "<img src=x onerror=alert(1)>\n",
            &format!("{img} src=\"x\">\n"),
        );
        check("<img src=\"data:image/png;base64,AA\">", &format!("{img}>"));
        check("<a href=\"javascript:alert(1)\">a</a>", dead);
        check("<a href=\"JaVaScRiPt:alert(1)\">a</a>", dead);
        check(
            "<a href=\"data:text/html,<script>alert(1)</script>\">a</a>",
            dead,
        );
        check("[a](vbscript:msgbox(1))", dead);
        check("[a](&#106;avascript:alert(1))", dead);
        check("<iframe src=\"https://example.org\">x</iframe>\n", "\n");
        check(
            "<svg onload=alert(1)><circle r=\"1\"/></svg>\n",
            "<p></p>\n",
        );
        check(
            "<object data=\"x.swf\"><embed src=\"x.swf\"></object>\n",
            "<p></p>\n",
        );
        check("<style>body{display:none}</style>\n", "\n");
        check(
            "<p onclick=\"alert(1)\" style=\"color:red\">Chữ</p>\n",
            "<p>Chữ</p>\n",
        );
        check("<input type=\"text\">\n", "<input type=\"checkbox\">\n");
        check(
            "<div class=\"x\" role=\"button\" tabindex=\"-1\">w</div>\n",
            "<div>w</div>\n",
        );
    }

    #[test]
    fn word_paste_becomes_clean_markup() {
        let r = page(
            "<p class=\"MsoNormal\" style=\"margin-bottom:0cm;line-height:normal\">\
             <span lang=\"VI\" style=\"font-size:13.0pt\">Bấm &quot;Đăng ký&quot;</span><o:p></o:p></p>\n\
             <!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->\n",
        );
        let expected = "<p><span lang=\"VI\">Bấm \"Đăng ký\"</span></p>\n\n";
        assert_eq!(r.html, expected);
        assert_eq!(r.plain_text, "Bấm \"Đăng ký\"");
    }

    #[test]
    fn pasted_ids_cannot_take_heading_ids() {
        let out = html("## Bước 1\n\n<h2 id=\"buoc-1\">Giả</h2>\n");
        let expected = "<h2 id=\"buoc-1\">Bước 1</h2>\n<h2 id=\"user-content-buoc-1\">Giả</h2>\n";
        assert_eq!(out, expected);
        assert!(!out.contains(own_id_mark()));
    }

    #[test]
    fn relative_images_resolve_under_the_bundle_and_links_stay() {
        let r = page(
            "![Mã QR](qr.svg) ![](./anh/b%C6%B0%E1%BB%9Bc-1.png \"Bước 1\") ![](qr.svg)\n\n\
             ![Logo](/static/logo.svg) ![](https://example.org/a.png) [Mẫu](mau-don.pdf) [Lên](#buoc-1)\n\n\
             <img src=\"https://example.org/b.png\" width=\"320\" height=\"200\" alt=\"b\">\n",
        );
        let img = "<img loading=\"lazy\" decoding=\"async\" src=";
        let rel = "rel=\"noopener noreferrer\"";
        let base = "/sub/huong-dan/kich-hoat-vneid";
        assert_eq!(
            r.html,
            format!(
                "<p>{img}\"{base}/qr.svg\" alt=\"Mã QR\"> \
                 {img}\"{base}/anh/b%C6%B0%E1%BB%9Bc-1.png\" alt=\"\" title=\"Bước 1\"> \
                 {img}\"{base}/qr.svg\" alt=\"\"></p>\n\
                 <p>{img}\"/static/logo.svg\" alt=\"Logo\"> {img}\"https://example.org/a.png\" alt=\"\"> \
                 <a href=\"mau-don.pdf\" {rel}>Mẫu</a> <a href=\"#buoc-1\" {rel}>Lên</a></p>\n\
                 {img}\"https://example.org/b.png\" width=\"320\" height=\"200\" alt=\"b\">\n"
            )
        );
        assert_eq!(r.images, ["qr.svg", "./anh/b%C6%B0%E1%BB%9Bc-1.png"]);
    }

    #[test]
    fn decomposed_input_comes_out_composed() {
        let r = page("## Vie\u{0323}\u{0302}t Nam\n\nQuê he\u{0302}\u{0300} e&#x301;\n");
        let expected = "<h2 id=\"viet-nam\">Việt Nam</h2>\n<p>Quê hề é</p>\n";
        assert_eq!(r.html, expected);
        assert_eq!(r.plain_text, "Việt Nam Quê hề é");
    }

    #[test]
    fn plain_text_has_every_text_but_no_markup() {
        let r = page(
            "# Gọi *video*\n\n| A | B |\n|---|---|\n| ô 1 | ô 2 |\n\nXem[^1] `mã` ![ảnh](a.png)\n\n\
             ```\nzalo --goi\n```\n\n<div>Chữ <b>đậm</b> &amp; &lt;nhỏ&gt;</div>\n\n[^1]: Ghi chú.\n",
        );
        let text = "Gọi video A B ô 1 ô 2 Xem mã zalo --goi Chữ đậm & <nhỏ> Ghi chú.";
        assert_eq!(r.plain_text, text);
        assert_eq!(r.word_count, 18);
    }

    #[test]
    fn reading_time_follows_an_older_readers_pace() {
        let minutes = |words: usize| page(&"chữ ".repeat(words)).reading_minutes;
        assert_eq!([minutes(0), minutes(1), minutes(200)], [1, 1, 1]);
        assert_eq!([minutes(201), minutes(1000)], [2, 5]);
    }
}
