//! A guide: one step-by-step lesson for one of the five skills.

use std::path::PathBuf;

use crate::config::BaseUrl;
use crate::date::Date;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Location};
use crate::load::walk::GuideFile;
use crate::load::yaml::{self, Reader};
use crate::load::{frontmatter, SourceFile};
use crate::model::Skill;
use crate::render::markdown::{self, MarkdownOptions, TocEntry};
use crate::text;

const KEYS: &[&str] = &[
    "title", "summary", "skill", "tags", "updated", "order", "draft",
];

/// A rendered guide.
#[derive(Debug, Clone)]
pub struct Guide {
    pub slug: String,
    pub source: PathBuf,
    pub title: String,
    /// The editor's summary, or the start of the text when there is none.
    pub summary: String,
    pub skill: Skill,
    pub tags: Vec<String>,
    pub updated: Option<Date>,
    pub order: Option<i64>,
    pub draft: bool,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub plain_text: String,
    pub reading_minutes: u32,
    /// Page-bundle files to copy beside the guide's page.
    pub assets: Vec<PathBuf>,
}

/// Reads and renders one guide, reporting every problem in its front matter and images.
pub fn parse_guide(
    source: &SourceFile,
    file: &GuideFile,
    base: &BaseUrl,
) -> Result<Guide, Diagnostics> {
    let single = |d: Diagnostic| Diagnostics::from_iter([d]);
    let split = frontmatter::split(source).map_err(single)?;
    let node = yaml::parse_mapping(split.yaml, &source.path, split.yaml_line).map_err(single)?;
    let map = node.as_mapping().expect("parse_mapping returns a mapping");
    let mut r = Reader::new(&source.path, split.yaml_line);
    r.check_keys(map, KEYS);
    let title = r.required_string(map, "title", map.span());
    let summary = r.string(map, "summary").map(|s| s.value);
    let skill = read_skill(&mut r, map);
    let tags = r
        .string_list(map, "tags")
        .into_iter()
        .map(|t| t.value)
        .collect();
    let updated = r.date(map, "updated").map(|d| d.value);
    let order = r.integer(map, "order").map(|o| o.value);
    let draft = r.bool(map, "draft").is_some_and(|d| d.value);

    let slug = text::slugify(&file.stem);
    let page_path = format!("{}huong-dan/{slug}/", base.path);
    let rendered = markdown::render(
        split.body,
        &MarkdownOptions {
            base_path: &page_path,
        },
    );
    check_images(&mut r, &rendered.images, file, &source.path);
    let mut diagnostics = r.into_diagnostics();
    if slug.is_empty() {
        diagnostics.error(
            Location::file(&source.path),
            "tên tệp không tạo được địa chỉ trang",
        );
    }
    let (Some(title), Some(skill)) = (title, skill) else {
        return Err(diagnostics);
    };
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(Guide {
        summary: summary.unwrap_or_else(|| excerpt(&rendered.plain_text, 160)),
        slug,
        source: source.path.clone(),
        title: title.value,
        skill,
        tags,
        updated,
        order,
        draft,
        html: rendered.html,
        toc: rendered.toc,
        plain_text: rendered.plain_text,
        reading_minutes: rendered.reading_minutes,
        assets: file.assets.clone(),
    })
}

fn read_skill(r: &mut Reader, map: &marked_yaml::types::MarkedMappingNode) -> Option<Skill> {
    let skill = r.required_string(map, "skill", map.span())?;
    let found = Skill::from_key(&skill.value);
    if found.is_none() {
        let keys = Skill::keys();
        let hint = match did_you_mean(&skill.value, &keys) {
            Some(close) => format!("có phải ý bạn là `{close}`?"),
            None => format!("dùng một trong năm kỹ năng: {}", keys.join(", ")),
        };
        r.diagnostics.push(
            Diagnostic::new(
                skill.location,
                format!("kỹ năng không hợp lệ: \"{}\"", skill.value),
            )
            .with_hint(hint),
        );
    }
    found
}

/// Relative images must be files of the guide's own bundle.
fn check_images(r: &mut Reader, images: &[String], file: &GuideFile, path: &std::path::Path) {
    let bundle_dir = file
        .path
        .parent()
        .filter(|_| file.path.ends_with("index.md"));
    for image in images {
        if image.contains(':') || image.starts_with('/') || image.starts_with('#') {
            continue;
        }
        let clean = image.split(['?', '#']).next().unwrap_or(image);
        let decoded = crate::text::percent_decode(clean);
        let exists =
            bundle_dir.is_some_and(|dir| file.assets.iter().any(|a| a == &dir.join(&decoded)));
        if !exists {
            let hint = if bundle_dir.is_some() {
                format!("đặt tệp `{decoded}` vào cùng thư mục với index.md")
            } else {
                "để dùng ảnh riêng, chuyển hướng dẫn thành thư mục guides/<tên>/index.md và đặt ảnh bên cạnh".to_string()
            };
            r.diagnostics.push(
                Diagnostic::new(
                    Location::file(path),
                    format!("không tìm thấy ảnh `{image}`"),
                )
                .with_hint(hint),
            );
        }
    }
}

/// The first `max_chars` characters of `text`, cut at a word boundary.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', '.', ':', ';']))
}
