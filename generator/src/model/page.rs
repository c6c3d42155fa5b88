//! A free page (about, contact, privacy…): Markdown with a title.

use std::path::PathBuf;

use crate::config::BaseUrl;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::yaml::{self, Reader};
use crate::load::{frontmatter, SourceFile};
use crate::markdown::{self, MarkdownOptions, Position, TocEntry};
use crate::model::alias::{read_aliases, Alias};
use crate::text;

const KEYS: &[&str] = &["title", "summary", "updated", "draft", "aliases"];

/// A rendered free page.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub source: PathBuf,
    pub title: String,
    pub summary: Option<String>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub plain_text: String,
    /// Old addresses that redirect here.
    pub aliases: Vec<Alias>,
    /// Problems worth telling the editor that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Reads and renders `pages/<slug>.md`.
pub fn parse_page(source: &SourceFile, base: &BaseUrl) -> Result<Page, Diagnostics> {
    let single = |d: Diagnostic| Diagnostics::from_iter([d]);
    let split = frontmatter::split(source).map_err(single)?;
    let node = yaml::parse_mapping(split.yaml, &source.path, split.yaml_line).map_err(single)?;
    let map = node.as_mapping().expect("parse_mapping returns a mapping");
    let mut r = Reader::new(&source.path, split.yaml_line);
    r.check_keys(map, KEYS);
    let title = r.required_string(map, "title", map.span());
    let summary = r.string(map, "summary").map(|s| s.value);
    let updated = r.date(map, "updated").map(|d| d.value);
    let draft = r.bool(map, "draft").is_some_and(|d| d.value);
    let aliases = read_aliases(&mut r, map, "", base);
    let stem = source
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    let slug = text::slugify(stem);
    let rendered = markdown::render(split.body, &MarkdownOptions::at(&base.path));
    let at = |p: Position| Location::new(&source.path, split.body_line + p.line - 1, p.column);
    for image in rendered.images.iter().filter(|i| i.alt.is_empty()) {
        r.diagnostics.push(
            Diagnostic::new(at(image.at), format!("ảnh `{}` thiếu lời mô tả", image.src))
                .with_hint("viết điều ảnh cho thấy trong ngoặc vuông, ví dụ ![Bản đồ xã](anh.png)"),
        );
    }
    let warnings = rendered
        .notes
        .iter()
        .map(|n| Diagnostic::warning(at(n.at), n.message.clone()).with_hint(n.hint.clone()))
        .collect();
    let mut diagnostics = r.into_diagnostics();
    if slug.is_empty() {
        diagnostics.error(
            Location::file(&source.path),
            "tên tệp không tạo được địa chỉ trang",
        );
    }
    match title {
        Some(title) if !diagnostics.has_errors() => Ok(Page {
            slug,
            source: source.path.clone(),
            title: title.value,
            summary,
            updated,
            draft,
            html: rendered.html,
            toc: rendered.toc,
            plain_text: rendered.plain_text,
            aliases,
            warnings,
        }),
        _ => Err(diagnostics),
    }
}
