//! Markdown guides to the HTML a citizen's phone receives.
//!
//! Volunteers write guides in Markdown but paste from Word and web pages, so raw HTML is allowed
//! and everything passes through one ammonia sanitiser at the end ([`sanitize`]): scripts,
//! styles, frames, event handlers, inline styles and `javascript:`/`data:` links never reach the
//! page, and the editor is warned, with the line, about what was dropped ([`removed`]). Before
//! that, one pass over the pulldown-cmark events ([`rewrite`]) gives headings stable
//! Vietnamese-folded ids (links to `#buoc-2` keep working while a guide is edited), collects the
//! table of contents, the plain text for search and every image with its line, turns prepared
//! bundle images into `<picture>`s ([`picture`]) and ordered lists of screenshots into step
//! cards, numbers footnotes and wraps tables so they scroll sideways on small screens instead of
//! widening the page.

mod picture;
mod removed;
mod rewrite;
mod sanitize;

use pulldown_cmark::{html, Options, Parser};
use serde::Serialize;

use crate::text;

pub use picture::Pictures;
use rewrite::{Found, Rewriter};
use sanitize::{alignment_classes, sanitizer, with_image_hints};

/// Words (Vietnamese syllables) an older reader gets through in a minute on a phone.
const WORDS_PER_MINUTE: usize = 200;

/// A heading in the table of contents: a level 2 heading with the level 3 headings under it,
/// so the list numbers sections 1, 2, 3 and their parts below them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 2 or 3 (a level 3 heading before any level 2 one stands at the top).
    pub level: u8,
    /// The heading's `id`, for `#` links.
    pub id: String,
    /// The heading's text without markup.
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A place in the Markdown text: 1-based line and column (in characters) of its first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A Markdown image (`![alt](src)`), where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// As written, relative (`anh/buoc-1.png`) or not.
    pub src: String,
    /// Its text, whitespace collapsed; empty when the writer gave none.
    pub alt: String,
    pub at: Position,
}

impl ImageRef {
    /// Whether `src` names a file beside the page rather than an address.
    pub fn is_relative(&self) -> bool {
        rewrite::is_relative(&self.src)
    }
}

/// Something in the Markdown the editor should know about, which does not stop the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub at: Position,
    pub message: String,
    pub hint: String,
}

/// A rendered Markdown document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sanitised HTML of the body, in NFC.
    pub html: String,
    /// Level 2 headings with their level 3 headings, in document order.
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
    /// Every image, in document order.
    pub images: Vec<ImageRef>,
    /// Relative link targets as written (`mau-don.pdf`).
    pub links: Vec<String>,
    /// Lists of steps shown as cards.
    pub steps: usize,
    /// Raw HTML the sanitiser dropped, each with its place.
    pub notes: Vec<Note>,
}

/// Where the rendered page lives and what it may show.
#[derive(Default)]
pub struct MarkdownOptions<'a> {
    /// Prefix for resolving relative images in a page bundle, e.g.
    /// "/sub/huong-dan/kich-hoat-vneid/" — relative image src "qr.svg" becomes
    /// "/sub/huong-dan/kich-hoat-vneid/qr.svg", so pictures also show in feeds and listings.
    /// Absolute URLs and root-relative ones are left alone. Links are left as written: callers
    /// may pass the site's root here rather than the page's address, and the browser resolves a
    /// relative link (`../tim-kiem/`) against the page it is on.
    pub base_path: &'a str,
    /// Bundle images made light ([`crate::images`]): these become `<picture>`s.
    pub pictures: Option<&'a Pictures>,
    /// The word before a step's number ("Bước" in Vietnamese); only the number when `None`.
    pub step_word: Option<&'a str>,
}

impl<'a> MarkdownOptions<'a> {
    /// A page at `base_path` with no prepared pictures, steps labelled in Vietnamese.
    pub fn at(base_path: &'a str) -> Self {
        MarkdownOptions {
            base_path,
            pictures: None,
            step_word: Some("Bước"),
        }
    }
}

/// Renders `markdown` (CommonMark with tables, footnotes, strikethrough, task lists and `{#id}`
/// heading attributes) to sanitised HTML with its table of contents and plain text.
///
/// ```
/// use ngo::markdown::{render, MarkdownOptions};
///
/// let page = render("## Bước 1: Mở ứng dụng\n", &MarkdownOptions::at("/huong-dan/x/"));
/// assert_eq!(page.html, "<h2 id=\"buoc-1-mo-ung-dung\">Bước 1: Mở ứng dụng</h2>\n");
/// ```
pub fn render(markdown: &str, options: &MarkdownOptions) -> Rendered {
    // Word and macOS paste decomposed letters; NFC first so slugs, search and output agree.
    let source = text::nfc(markdown);
    let mut rewriter = Rewriter::new(options.base_path, options.pictures, options.step_word);
    for (event, range) in Parser::new_ext(&source, parser_options()).into_offset_iter() {
        rewriter.offset = range.start;
        rewriter.event(event);
    }
    let (events, gathered) = rewriter.finish();
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    let clean = alignment_classes(&sanitizer().clean(&with_image_hints(&raw)).to_string());
    let lines = Lines::of(&source);
    let mut rendered = gathered.rendered;
    // Character references such as `&#x301;` can still put combining marks back.
    rendered.html = text::nfc(&clean);
    rendered.images = gathered
        .images
        .into_iter()
        .map(|Found { offset, value }| ImageRef {
            src: value.src,
            alt: value.alt,
            at: lines.position(offset),
        })
        .collect();
    rendered.links = gathered.links;
    rendered.notes = gathered
        .removed_html
        .into_iter()
        .map(|Found { offset, value }| removed_note(lines.position(offset), &value))
        .collect();
    rendered.word_count = rendered.plain_text.split_whitespace().count();
    rendered.reading_minutes = reading_minutes(rendered.word_count);
    rendered
}

/// Reading time for `words` words at an older reader's pace, at least one minute.
pub fn reading_minutes(words: usize) -> u32 {
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn removed_note(at: Position, removed: &[String]) -> Note {
    Note {
        at,
        message: format!("HTML bị bỏ khi làm sạch: {}", removed.join(", ")),
        hint: "trang chỉ giữ HTML an toàn cho người đọc: không chạy mã, không nhúng trang khác, \
               không tô màu riêng; hãy viết bằng Markdown, ví dụ **chữ đậm** hoặc \
               [tên liên kết](https://địa-chỉ)"
            .to_string(),
    }
}

/// Byte offsets to lines and columns.
struct Lines<'s> {
    text: &'s str,
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    fn of(text: &'s str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    fn position(&self, offset: usize) -> Position {
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Position { line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize::own_id_mark;
    use super::*;

    fn page(markdown: &str) -> Rendered {
        render(
            markdown,
            &MarkdownOptions::at("/sub/huong-dan/kich-hoat-vneid/"),
        )
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
        let toc: Vec<_> = r
            .toc
            .iter()
            .map(|e| (e.level, &*e.id, &*e.title, e.children.len()))
            .collect();
        assert_eq!(
            toc,
            [
                (
                    2,
                    "buoc-1-mo-ung-dung-vneid",
                    "Bước 1: Mở ứng dụng VNeID",
                    0
                ),
                (2, "luu-y", "Lưu ý", 1),
                (2, "rieng", "Khác", 0),
                (2, "muc", "???", 0),
            ]
        );
        assert_eq!(r.toc[1].children[0].id, "luu-y-2");
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
        let relative: Vec<_> = r
            .images
            .iter()
            .filter(|i| i.is_relative())
            .map(|i| (i.src.as_str(), i.alt.as_str(), i.at.line, i.at.column))
            .collect();
        assert_eq!(
            relative,
            [
                ("qr.svg", "Mã QR", 1, 1),
                ("./anh/b%C6%B0%E1%BB%9Bc-1.png", "", 1, 18),
                ("qr.svg", "", 1, 62),
            ]
        );
        assert_eq!(r.links, ["mau-don.pdf"]);
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

    #[test]
    fn the_contents_number_sections_not_their_parts() {
        // Three sections with two parts each: the list must read 1, 2, 3, not 1, 4, 7.
        let r = page("## A\n### a1\n### a2\n## B\n### b1\n### b2\n## C\n## D\n");
        let top: Vec<&str> = r.toc.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(top, ["A", "B", "C", "D"]);
        let parts: Vec<usize> = r.toc.iter().map(|e| e.children.len()).collect();
        assert_eq!(parts, [2, 2, 0, 0]);
        let lone = page("### Trước\n## Sau\n");
        assert_eq!(lone.toc.len(), 2, "a part before any section stands alone");
    }

    #[test]
    fn dropped_html_is_reported_where_it_was_written() {
        let r = page(
            "# Tiêu đề\n\nXem <span style=\"color:red\">chữ đỏ</span>.\n\n\
             <iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\n\
             <p onclick=\"x()\">Bấm</p>\n\n<b>đậm</b> được giữ\n",
        );
        let notes: Vec<_> = r
            .notes
            .iter()
            .map(|n| (n.at.line, n.at.column, n.message.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                (3, 5, "HTML bị bỏ khi làm sạch: thuộc tính `style`"),
                (5, 1, "HTML bị bỏ khi làm sạch: thẻ `<iframe>`"),
                (7, 1, "HTML bị bỏ khi làm sạch: thuộc tính `onclick`"),
            ]
        );
        assert!(r.notes[0].hint.starts_with("trang chỉ giữ HTML an toàn"));
    }

    fn prepared(width: u32, height: u32) -> crate::images::Prepared {
        let image = image::RgbImage::new(width, height);
        let mut bytes = Vec::new();
        image
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        crate::images::Prepared::prepare(std::path::Path::new("guides/g/b1.png"), &bytes).unwrap()
    }

    #[test]
    fn prepared_images_become_pictures_and_steps_become_cards() {
        let shot = prepared(1080, 2400);
        let pictures = Pictures {
            site_base: "/sub/".to_string(),
            by_src: [("b1.png".to_string(), shot.clone())].into(),
        };
        let options = MarkdownOptions {
            pictures: Some(&pictures),
            ..MarkdownOptions::at("/sub/huong-dan/g/")
        };
        let r = render(
            "Mở đầu.\n\n1. Mở ứng dụng \"A\".\n\n   ![Màn hình \"đầu\"](b1.png)\n2. Bấm **Tiếp**.\n\n\
             ## Phần sau\n\n![Lại](b1.png)\n",
            &options,
        );
        let hash = &shot.key.to_hex()[..8];
        let file = |w: u32, ext: &str| format!("/sub/assets/anh/b1-{w}.{hash}.{ext}");
        let picture = |loading: &str, alt: &str| {
            format!(
                "<picture><source type=\"image/webp\" srcset=\"{} 360w, {} 540w, {} 720w\" sizes=\"234px\">\
                 <img loading=\"{loading}\" decoding=\"async\" src=\"{}\" width=\"1080\" height=\"2400\" \
                 alt=\"{alt}\" class=\"shot\"></picture>",
                file(360, "webp"),
                file(540, "webp"),
                file(720, "webp"),
                file(540, "jpg"),
            )
        };
        assert_eq!(
            r.html,
            format!(
                "<p>Mở đầu.</p>\n<ol class=\"steps\">\n\
                 <li class=\"step\"><p class=\"step-number\">Bước 1</p>\n<p>Mở ứng dụng \"A\".</p>\n<p>{}</p>\n</li>\n\
                 <li class=\"step\"><p class=\"step-number\">Bước 2</p>\n<p>Bấm <strong>Tiếp</strong>.</p>\n</li>\n</ol>\n\
                 <h2 id=\"phan-sau\">Phần sau</h2>\n<p>{}</p>\n",
                picture("eager", "Màn hình &quot;đầu&quot;"),
                picture("lazy", "Lại"),
            )
        );
        assert_eq!(r.steps, 1);
    }

    #[test]
    fn lists_without_pictures_and_foreign_srcsets_stay_plain() {
        let r = page("1. Một\n2. Hai\n\n<img src=\"a.png\" srcset=\"x.png 2x\" alt=\"a\">\n");
        assert!(r.html.starts_with("<ol>\n<li>Một</li>"), "{}", r.html);
        assert!(!r.html.contains("srcset"), "{}", r.html);
        let numbered = render(
            "3. Ba ![b](https://example.org/b.png)\n",
            &MarkdownOptions {
                step_word: None,
                ..MarkdownOptions::at("/")
            },
        );
        assert!(
            numbered
                .html
                .starts_with("<ol class=\"steps\" start=\"3\">\n<li class=\"step\"><p class=\"step-number\">3</p>"),
            "{}",
            numbered.html
        );
    }
}
