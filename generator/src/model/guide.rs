//! A guide: one step-by-step lesson for one of the five skills.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::BaseUrl;
use crate::date::Date;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Location};
use crate::images::{self, Prepared};
use crate::load::walk::GuideFile;
use crate::load::yaml::{self, Reader, Spanned};
use crate::load::{frontmatter, SourceFile};
use crate::markdown::{self, ImageRef, MarkdownOptions, Pictures, Rendered, TocEntry};
use crate::model::alias::{read_aliases, Alias};
use crate::model::language::Lang;
use crate::model::Skill;
use crate::{text, urls};

const KEYS: &[&str] = &[
    "title",
    "summary",
    "skill",
    "tags",
    "updated",
    "order",
    "draft",
    "lang",
    "translation_of",
    "aliases",
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
    /// The language the guide is written in, as HTML's `lang` wants it (`km`, `zh-Hant`);
    /// `None` for Vietnamese, the portal's language. Search uses it to leave other scripts
    /// unfolded.
    pub lang: Option<String>,
    /// Right-to-left or not, from the language's script: `ltr` or `rtl`.
    pub dir: &'static str,
    /// The slug of the guide this one translates, and where the editor wrote it.
    pub translation_of: Option<Spanned<String>>,
    /// Old addresses that redirect here.
    pub aliases: Vec<Alias>,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub plain_text: String,
    pub reading_minutes: u32,
    /// Lists of steps shown as cards (they also print as a handout).
    pub steps: usize,
    /// Page-bundle files to copy beside the guide's page as they are (not the images made light).
    pub assets: Vec<PathBuf>,
    /// Bundle images made light for phones, each once.
    pub images: Vec<Prepared>,
    /// Problems worth telling the editor that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

impl Guide {
    /// The language's entry in the table (Vietnamese when `lang` is `None`).
    pub fn language(&self) -> &'static crate::model::language::Language {
        let code = self.lang.as_deref().unwrap_or("vi");
        crate::model::language::find(code).expect("lang is checked when read")
    }
}

/// What a guide's front matter says, checked.
struct FrontMatter {
    title: Option<Spanned<String>>,
    summary: Option<String>,
    skill: Option<Skill>,
    tags: Vec<String>,
    updated: Option<Date>,
    order: Option<i64>,
    draft: bool,
    lang: Option<Lang>,
    translation_of: Option<Spanned<String>>,
    aliases: Vec<Alias>,
}

/// Reads and renders one guide, reporting every problem in its front matter and images.
///
/// `site_dir` is where the bundle's images are read from (only their headers and a hash: they
/// are made light later, when the site is written).
pub fn parse_guide(
    source: &SourceFile,
    file: &GuideFile,
    base: &BaseUrl,
    site_dir: &Path,
) -> Result<Guide, Diagnostics> {
    let single = |d: Diagnostic| Diagnostics::from_iter([d]);
    let split = frontmatter::split(source).map_err(single)?;
    let node = yaml::parse_mapping(split.yaml, &source.path, split.yaml_line).map_err(single)?;
    let map = node.as_mapping().expect("parse_mapping returns a mapping");
    let mut r = Reader::new(&source.path, split.yaml_line);
    let front = read_front_matter(&mut r, map, base);
    let slug = text::slugify(&file.stem);
    let page_path = format!("{}{}", base.path, urls::guide(&slug));
    let body = Body {
        file,
        path: &source.path,
        first_line: split.body_line,
        site_dir,
    };
    let refs = markdown::render(split.body, &MarkdownOptions::at(&page_path)).images;
    let pictures = body.prepare_images(&mut r, &refs, &base.path);
    let step_word = front
        .lang
        .as_ref()
        .is_none_or(Lang::is_vietnamese)
        .then_some("Bước");
    let rendered = markdown::render(
        split.body,
        &MarkdownOptions {
            pictures: Some(&pictures),
            step_word,
            ..MarkdownOptions::at(&page_path)
        },
    );
    body.check_images(&mut r, &rendered.images);
    let mut diagnostics = r.into_diagnostics();
    if slug.is_empty() {
        diagnostics.error(
            Location::file(&source.path),
            "tên tệp không tạo được địa chỉ trang",
        );
    }
    let (Some(title), Some(skill)) = (front.title.clone(), front.skill) else {
        return Err(diagnostics);
    };
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let warnings = body.warnings(&rendered);
    Ok(assemble(
        front,
        title.value,
        skill,
        slug,
        source,
        file,
        rendered,
        pictures,
        warnings,
    ))
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    front: FrontMatter,
    title: String,
    skill: Skill,
    slug: String,
    source: &SourceFile,
    file: &GuideFile,
    rendered: Rendered,
    pictures: Pictures,
    warnings: Vec<Diagnostic>,
) -> Guide {
    let reading_minutes = reading_minutes(&rendered, front.lang.as_ref());
    let mut images: Vec<Prepared> = pictures.by_src.into_values().collect();
    images.sort_by(|a, b| a.source.cmp(&b.source));
    images.dedup_by(|a, b| a.source == b.source);
    let linked: Vec<String> = rendered.links.iter().map(|l| clean_src(l)).collect();
    let in_bundle = |asset: &PathBuf| {
        asset
            .strip_prefix(file.path.parent().unwrap_or(Path::new("")))
            .ok()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
    };
    // Images made light are not published as they are, unless the text links to the original.
    let assets = file
        .assets
        .iter()
        .filter(|a| {
            !images.iter().any(|i| &i.source == *a)
                || in_bundle(a).is_some_and(|inside| linked.contains(&inside))
        })
        .cloned()
        .collect();
    Guide {
        summary: front
            .summary
            .unwrap_or_else(|| excerpt(&rendered.plain_text, 160)),
        slug,
        source: source.path.clone(),
        title,
        skill,
        tags: front.tags,
        updated: front.updated,
        order: front.order,
        draft: front.draft,
        dir: front.lang.as_ref().map_or("ltr", |l| l.dir),
        lang: front.lang.filter(|l| !l.is_vietnamese()).map(|l| l.tag),
        translation_of: front.translation_of,
        aliases: front.aliases,
        html: rendered.html,
        toc: rendered.toc,
        plain_text: rendered.plain_text,
        reading_minutes,
        steps: rendered.steps,
        assets,
        images,
        warnings,
    }
}

fn read_front_matter(
    r: &mut Reader,
    map: &marked_yaml::types::MarkedMappingNode,
    base: &BaseUrl,
) -> FrontMatter {
    r.check_keys(map, KEYS);
    FrontMatter {
        title: r.required_string(map, "title", map.span()),
        summary: r.string(map, "summary").map(|s| s.value),
        skill: read_skill(r, map),
        tags: r
            .string_list(map, "tags")
            .into_iter()
            .map(|t| t.value)
            .collect(),
        updated: r.date(map, "updated").map(|d| d.value),
        order: r.integer(map, "order").map(|o| o.value),
        draft: r.bool(map, "draft").is_some_and(|d| d.value),
        lang: read_lang(r, map),
        translation_of: r.string(map, "translation_of"),
        aliases: read_aliases(r, map, urls::GUIDES, base),
    }
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

fn read_lang(r: &mut Reader, map: &marked_yaml::types::MarkedMappingNode) -> Option<Lang> {
    let value = r.string(map, "lang")?;
    match Lang::parse(&value.value) {
        Ok(lang) => Some(lang),
        Err(err) => {
            r.diagnostics
                .push(Diagnostic::new(value.location, err.message).with_hint(err.hint));
            None
        }
    }
}

/// Reading time: syllables at an older reader's pace. Khmer, Lao and Chinese do not put spaces
/// between words, so their syllables are counted from the characters.
fn reading_minutes(rendered: &Rendered, lang: Option<&Lang>) -> u32 {
    let per_syllable = lang.map_or(0, |l| l.language.chars_per_syllable);
    if per_syllable == 0 {
        return rendered.reading_minutes;
    }
    let letters = rendered
        .plain_text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .count();
    markdown::reading_minutes(letters / per_syllable)
}

/// The Markdown body of a guide file and where its pictures are.
struct Body<'a> {
    file: &'a GuideFile,
    path: &'a Path,
    /// Line of the file the body starts on.
    first_line: usize,
    site_dir: &'a Path,
}

impl Body<'_> {
    fn location(&self, at: markdown::Position) -> Location {
        Location::new(self.path, self.first_line + at.line - 1, at.column)
    }

    /// The folder of a page bundle (`guides/x/` for `guides/x/index.md`).
    fn bundle_dir(&self) -> Option<&Path> {
        self.file
            .path
            .parent()
            .filter(|_| self.file.path.ends_with("index.md"))
    }

    /// The bundle file an image names, if it is one.
    fn bundle_file(&self, image: &ImageRef) -> Option<PathBuf> {
        let decoded = text::percent_decode(&clean_src(&image.src));
        let dir = self.bundle_dir()?;
        let wanted = dir.join(decoded.strip_prefix("./").unwrap_or(&decoded));
        self.file.assets.iter().find(|a| **a == wanted).cloned()
    }

    /// Plans the bundle's raster images (PNG, JPEG, WebP) the text shows.
    fn prepare_images(&self, r: &mut Reader, refs: &[ImageRef], site_base: &str) -> Pictures {
        let mut by_src = HashMap::new();
        let mut planned: HashMap<PathBuf, Option<Prepared>> = HashMap::new();
        for image in refs.iter().filter(|i| i.is_relative()) {
            let Some(file) = self.bundle_file(image).filter(|f| images::is_raster(f)) else {
                continue;
            };
            let prepared = planned
                .entry(file.clone())
                .or_insert_with(|| {
                    let bytes = std::fs::read(self.site_dir.join(&file));
                    match bytes.map_err(Into::into).and_then(|b| Prepared::prepare(&file, &b)) {
                        Ok(prepared) => Some(prepared),
                        Err(err) => {
                            r.diagnostics.push(
                                Diagnostic::new(self.location(image.at), format!("`{}`: {err}", image.src))
                                    .with_hint("lưu lại ảnh dạng PNG hoặc JPEG từ điện thoại hay máy tính rồi thử lại"),
                            );
                            None
                        }
                    }
                })
                .clone();
            if let Some(prepared) = prepared {
                by_src.insert(image.src.clone(), prepared);
            }
        }
        Pictures {
            site_base: site_base.to_string(),
            by_src,
        }
    }

    /// Every image needs a description, and a relative one must be a file of the bundle.
    fn check_images(&self, r: &mut Reader, refs: &[ImageRef]) {
        for image in refs {
            if image.alt.is_empty() {
                r.diagnostics.push(
                    Diagnostic::new(self.location(image.at), format!("ảnh `{}` thiếu lời mô tả", image.src))
                        .with_hint("viết điều ảnh cho thấy trong ngoặc vuông, ví dụ ![Màn hình VNeID có nút Kích hoạt](anh.png): người không xem được ảnh cần nó"),
                );
            }
            if image.is_relative() && self.bundle_file(image).is_none() {
                r.diagnostics.push(self.missing(image));
            }
        }
    }

    fn missing(&self, image: &ImageRef) -> Diagnostic {
        let decoded = text::percent_decode(&clean_src(&image.src));
        let hint = if self.bundle_dir().is_some() {
            format!("đặt tệp `{decoded}` vào cùng thư mục với index.md")
        } else {
            "để dùng ảnh riêng, chuyển hướng dẫn thành thư mục guides/<tên>/index.md và đặt ảnh bên cạnh".to_string()
        };
        Diagnostic::new(
            self.location(image.at),
            format!("không tìm thấy ảnh `{}`", image.src),
        )
        .with_hint(hint)
    }

    /// The renderer's notes (HTML the sanitiser dropped) as warnings at their lines.
    fn warnings(&self, rendered: &Rendered) -> Vec<Diagnostic> {
        rendered
            .notes
            .iter()
            .map(|note| {
                Diagnostic::warning(self.location(note.at), note.message.clone())
                    .with_hint(note.hint.clone())
            })
            .collect()
    }
}

/// An image or link target without its query or fragment.
fn clean_src(src: &str) -> String {
    src.split(['?', '#']).next().unwrap_or(src).to_string()
}

/// The guides that are the same text in other languages: the original and its translations,
/// without `guide` itself, in the order of `guides`.
pub fn translations<'g>(guides: &'g [Guide], guide: &Guide) -> Vec<&'g Guide> {
    let root = guide
        .translation_of
        .as_ref()
        .map_or(guide.slug.as_str(), |t| t.value.as_str());
    guides
        .iter()
        .filter(|g| g.slug != guide.slug)
        .filter(|g| g.slug == root || g.translation_of.as_ref().is_some_and(|t| t.value == root))
        .collect()
}

/// Checks every `translation_of`: it names a guide that is not itself a translation, in
/// another language, and no two translations of a guide share a language.
pub fn check_translations(guides: &[Guide], diagnostics: &mut Diagnostics) {
    let by_slug: HashMap<&str, &Guide> = guides.iter().map(|g| (g.slug.as_str(), g)).collect();
    let mut seen: HashMap<(&str, Option<&str>), &Location> = HashMap::new();
    for guide in guides {
        let Some(target) = &guide.translation_of else {
            continue;
        };
        let problem = match by_slug.get(target.value.as_str()) {
            None => {
                let slugs: Vec<&str> = by_slug.keys().copied().collect();
                let hint = did_you_mean(&target.value, &slugs).map_or_else(
                    || "ghi tên tệp của hướng dẫn gốc, không có `.md`, ví dụ `kich-hoat-vneid-muc-2`".to_string(),
                    |close| format!("có phải ý bạn là `{close}`?"),
                );
                Some((
                    format!("không có hướng dẫn `{}` để dịch", target.value),
                    hint,
                ))
            }
            Some(original) if original.translation_of.is_some() => Some((
                format!("hướng dẫn `{}` cũng là một bản dịch", target.value),
                format!(
                    "ghi hướng dẫn gốc: `{}`",
                    original
                        .translation_of
                        .as_ref()
                        .map_or("", |t| t.value.as_str())
                ),
            )),
            Some(original) if original.lang == guide.lang => Some((
                format!("bản dịch cùng ngôn ngữ với hướng dẫn `{}`", target.value),
                "ghi `lang:` bằng mã ngôn ngữ của bản dịch, ví dụ `lang: km`".to_string(),
            )),
            Some(_) => {
                let key = (target.value.as_str(), guide.lang.as_deref());
                seen.insert(key, &target.location).map(|first| {
                    (
                        format!(
                            "hướng dẫn `{}` đã có bản dịch {} ở {first}",
                            target.value,
                            guide.language().name
                        ),
                        "mỗi ngôn ngữ chỉ một bản dịch; gộp hai bản làm một".to_string(),
                    )
                })
            }
        };
        if let Some((message, hint)) = problem {
            diagnostics.push(Diagnostic::new(target.location.clone(), message).with_hint(hint));
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
