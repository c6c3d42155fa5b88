//! One pass over the pulldown-cmark events on their way to the HTML writer: stable heading ids
//! and the table of contents, plain text for search, images (with where they are written),
//! prepared pictures, numbered steps, footnotes, scrolling tables, and what the sanitiser will
//! drop from raw HTML.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::picture::{ImageText, Pictures};
use super::removed::removed;
use super::sanitize::{own_id_mark, push_html_text, sanitizer};
use super::{Rendered, TocEntry};
use crate::text;

/// Opens the scrolling box around a table; a focusable region so keyboards can scroll it too.
const TABLE_WRAP: &str =
    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Bảng\">\n";

/// Something found at a byte offset of the source, placed on a line by the caller.
pub struct Found<T> {
    pub offset: usize,
    pub value: T,
}

/// A Markdown image as written.
pub struct WrittenImage {
    pub src: String,
    pub alt: String,
}

/// The heading being read: where its opening tag goes once its text, and so its id, is known.
struct OpenHeading {
    level: u8,
    explicit_id: Option<String>,
    at: usize,
    text_from: usize,
}

/// The image being read: its alt text arrives as the events inside it.
struct OpenImage {
    at: usize,
    offset: usize,
    src: String,
    title: String,
    alt: String,
}

/// A list being read, for turning an ordered list of pictures into step cards.
struct OpenList {
    at: usize,
    start: Option<u64>,
    items: Vec<usize>,
    has_image: bool,
}

/// What the rewriter gathers besides the events.
#[derive(Default)]
pub struct Gathered {
    pub rendered: Rendered,
    pub images: Vec<Found<WrittenImage>>,
    /// What the sanitiser removed from each piece of raw HTML.
    pub removed_html: Vec<Found<Vec<String>>>,
    /// Relative link targets as written (`mau-don.pdf`), for the bundle files a page needs.
    pub links: Vec<String>,
}

/// Rewrites the event stream and gathers everything else.
#[derive(Default)]
pub struct Rewriter<'a, 'o> {
    base_path: &'o str,
    pictures: Option<&'o Pictures>,
    step_word: Option<&'o str>,
    events: Vec<Event<'a>>,
    /// Byte offset in the source of the event being read.
    pub offset: usize,
    heading: Option<OpenHeading>,
    image: Option<OpenImage>,
    lists: Vec<OpenList>,
    quotes: usize,
    ids: HashSet<String>,
    notes: HashMap<String, usize>,
    text: String,
    raw_block: String,
    raw_block_at: usize,
    seen_section: bool,
    eager_used: bool,
    out: Gathered,
}

impl<'a, 'o> Rewriter<'a, 'o> {
    pub fn new(
        base_path: &'o str,
        pictures: Option<&'o Pictures>,
        step_word: Option<&'o str>,
    ) -> Self {
        Rewriter {
            base_path: base_path.trim_end_matches('/'),
            pictures,
            step_word,
            ..Rewriter::default()
        }
    }

    pub fn event(&mut self, event: Event<'a>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(ref t) | Event::Code(ref t) => {
                match &mut self.image {
                    Some(image) => image.alt.push_str(t),
                    None => self.text.push_str(t),
                }
                self.events.push(event);
            }
            Event::Html(ref html) => {
                if self.raw_block.is_empty() {
                    self.raw_block_at = self.offset;
                }
                self.raw_block.push_str(html);
                self.events.push(event);
            }
            Event::InlineHtml(ref html) => {
                let clean = sanitizer().clean(html).to_string();
                self.note_removed(self.offset, html, &clean);
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
            Tag::List(start) => {
                self.lists.push(OpenList {
                    at: self.events.len(),
                    start,
                    items: Vec::new(),
                    has_image: false,
                });
                self.events.push(Event::Start(tag));
            }
            Tag::Item => {
                if let Some(list) = self.lists.last_mut() {
                    list.items.push(self.events.len());
                }
                self.events.push(Event::Start(tag));
            }
            Tag::Link { ref dest_url, .. } => {
                if is_relative(dest_url) {
                    self.out.links.push(dest_url.to_string());
                }
                self.events.push(Event::Start(tag));
            }
            Tag::BlockQuote(_) => {
                self.quotes += 1;
                self.events.push(Event::Start(tag));
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
            TagEnd::Image => return self.close_image(),
            TagEnd::HtmlBlock => {
                // Pasted Word HTML carries whole paragraphs: search must see their text too.
                let raw = std::mem::take(&mut self.raw_block);
                let clean = sanitizer().clean(&raw).to_string();
                push_html_text(&clean, &mut self.text);
                self.note_removed(self.raw_block_at, &raw, &clean);
            }
            TagEnd::BlockQuote(_) => self.quotes = self.quotes.saturating_sub(1),
            _ => {}
        }
        self.events.push(Event::End(tag));
        match tag {
            TagEnd::Table => self.events.push(Event::Html("</div>\n".into())),
            TagEnd::List(ordered) => self.close_list(ordered),
            _ => {}
        }
    }

    fn note_removed(&mut self, offset: usize, raw: &str, clean: &str) {
        let gone = removed(raw, clean);
        if !gone.is_empty() {
            self.out.removed_html.push(Found {
                offset,
                value: gone,
            });
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
        let out = &mut self.out.rendered;
        out.first_heading.get_or_insert_with(|| title.clone());
        self.seen_section |= level == 2;
        let entry = TocEntry {
            level,
            id,
            title,
            children: Vec::new(),
        };
        match (level, out.toc.last_mut()) {
            (3, Some(parent)) if parent.level == 2 => parent.children.push(entry),
            (2 | 3, _) => out.toc.push(entry),
            _ => {}
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

    /// A relative image is resolved under the page; every image is remembered with its place.
    fn open_image(&mut self, mut tag: Tag<'a>) {
        if let Some(list) = self.lists.first_mut() {
            list.has_image = true;
        }
        if let Tag::Image {
            dest_url, title, ..
        } = &mut tag
        {
            self.image = Some(OpenImage {
                at: self.events.len(),
                offset: self.offset,
                src: dest_url.to_string(),
                title: title.to_string(),
                alt: String::new(),
            });
            if is_relative(dest_url) {
                let path = dest_url.strip_prefix("./").unwrap_or(dest_url);
                *dest_url = format!("{}/{path}", self.base_path).into();
            }
        }
        self.events.push(Event::Start(tag));
    }

    /// Ends an image: a prepared bundle picture replaces the plain `<img>` the writer would make.
    fn close_image(&mut self) {
        let Some(open) = self.image.take() else {
            self.events.push(Event::End(TagEnd::Image));
            return;
        };
        let prepared = self
            .pictures
            .and_then(|p| p.by_src.get(&open.src).map(|prepared| (p, prepared)));
        match prepared {
            Some((pictures, prepared)) => {
                let eager = !self.seen_section && !self.eager_used;
                self.eager_used |= eager;
                let text = ImageText {
                    alt: open.alt.clone(),
                    title: Some(open.title.clone()),
                };
                let html = pictures.html(prepared, &text, eager, own_id_mark());
                self.events.truncate(open.at);
                self.events.push(Event::InlineHtml(html.into()));
            }
            None => self.events.push(Event::End(TagEnd::Image)),
        }
        let image = WrittenImage {
            src: open.src,
            alt: collapse_whitespace(&open.alt),
        };
        self.out.images.push(Found {
            offset: open.offset,
            value: image,
        });
    }

    /// An ordered list at the top level that shows pictures is a list of steps: each item is a
    /// card with its number, its text and its screenshot.
    fn close_list(&mut self, ordered: bool) {
        let Some(list) = self.lists.pop() else {
            return;
        };
        if !ordered || !list.has_image || !self.lists.is_empty() || self.quotes > 0 {
            return;
        }
        let first = list.start.unwrap_or(1);
        let start = if first == 1 {
            String::new()
        } else {
            format!(" start=\"{first}\"")
        };
        self.events[list.at] = Event::Html(format!("<ol class=\"steps\"{start}>\n").into());
        for (n, at) in (first..).zip(list.items) {
            let label = match self.step_word {
                Some(word) => format!("{word} {n}"),
                None => n.to_string(),
            };
            self.events[at] = Event::Html(
                format!("<li class=\"step\"><p class=\"step-number\">{label}</p>").into(),
            );
        }
        self.out.rendered.steps += 1;
    }

    /// `fn:1`, `fn:2`… by first mention (the writer numbers them the same way): labels may hold
    /// any character and could match a heading's id.
    fn note_id(&mut self, label: &str) -> CowStr<'a> {
        let next = self.notes.len() + 1;
        let n = *self.notes.entry(label.to_string()).or_insert(next);
        format!("{}fn:{n}", own_id_mark()).into()
    }

    pub fn finish(mut self) -> (Vec<Event<'a>>, Gathered) {
        self.out.rendered.plain_text = text::nfc(&collapse_whitespace(&self.text));
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

pub fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Neither a scheme (`https:`, `data:`), nor root-relative, nor a fragment or query alone.
pub fn is_relative(url: &str) -> bool {
    let before_path = url.split(['/', '?', '#']).next().unwrap_or("");
    !url.is_empty() && !url.starts_with(['/', '#', '?', '\\']) && !before_path.contains(':')
}
