//! The guides index and every guide: its page in its own language with links to its
//! translations, its numbered table of contents, and what the printed handout needs (the
//! guide's address as a QR code).

use rayon::prelude::*;
use serde::Serialize;

use super::{Renderer, SkillGroup, GUIDES_TITLE};
use crate::model::{translations, Guide, Skill};
use crate::render::contact;
use crate::urls;

/// Another language's version of the guide being shown.
#[derive(Debug, Clone, Serialize)]
struct TranslationView {
    title: String,
    url: String,
    /// `vi`, `km`, `zh-Hant`…
    lang: String,
    dir: &'static str,
    /// "tiếng Khmer"
    language_name: &'static str,
    /// "ភាសាខ្មែរ"
    autonym: &'static str,
}

/// What the printed A4 handout adds to the page: where to find the guide again.
#[derive(Debug, Clone, Serialize)]
struct Handout {
    /// The guide's full address, printed under the code.
    url: String,
    /// The QR code of that address as inline SVG, so it prints without another request.
    qr_svg: String,
}

impl Renderer<'_> {
    /// The guides index and every guide.
    pub fn guides(&self) {
        self.guides_index();
        self.site
            .guides
            .par_iter()
            .for_each(|guide| self.guide(guide));
    }

    /// The guides index, by skill.
    pub fn guides_index(&self) {
        let groups: Vec<_> = Skill::ALL
            .iter()
            .map(|&skill| SkillGroup {
                key: skill.key(),
                title: skill.title(),
                guides: self
                    .site
                    .guides
                    .iter()
                    .filter(|g| g.skill == skill)
                    .map(|g| self.views.guide(g))
                    .collect(),
            })
            .collect();
        let title = GUIDES_TITLE;
        let description = "Hướng dẫn từng bước năm kỹ năng số cơ bản cho mọi người dân.";
        let meta = self.meta(
            title,
            description,
            urls::GUIDES,
            vec![self.link(title, urls::GUIDES)],
        );
        self.render("guides.html", urls::GUIDES, meta, |c| {
            c.insert("groups", &groups)
        });
    }

    /// One guide's page.
    pub fn guide(&self, guide: &Guide) {
        let path = urls::guide(&guide.slug);
        let others = translations(&self.site.guides, guide);
        let related: Vec<_> = self
            .site
            .guides
            .iter()
            .filter(|g| g.skill == guide.skill && g.slug != guide.slug)
            .filter(|g| !others.iter().any(|o| o.slug == g.slug))
            .take(4)
            .map(|g| self.views.guide(g))
            .collect();
        let translations: Vec<_> = others.iter().map(|g| self.translation(g)).collect();
        let handout = self.handout(guide, &path);
        let crumbs = vec![
            self.link(GUIDES_TITLE, urls::GUIDES),
            self.link(&guide.title, &path),
        ];
        let mut meta = self.meta(&guide.title, &guide.summary, &path, crumbs);
        if let Some(lang) = &guide.lang {
            meta.lang = lang.clone();
            meta.dir = guide.dir;
        }
        self.render("guide.html", &path, meta, |c| {
            c.insert("guide", &self.views.guide(guide));
            c.insert("content", &guide.html);
            c.insert("toc", &guide.toc);
            c.insert("steps", &guide.steps);
            c.insert("related", &related);
            c.insert("translations", &translations);
            c.insert("handout", &handout);
        });
    }

    fn translation(&self, guide: &Guide) -> TranslationView {
        let language = guide.language();
        TranslationView {
            title: guide.title.clone(),
            url: self.views.url(&urls::guide(&guide.slug)),
            lang: guide
                .lang
                .clone()
                .unwrap_or_else(|| language.code.to_string()),
            dir: guide.dir,
            language_name: language.name,
            autonym: language.autonym,
        }
    }

    /// Only with a full address: a QR code of a bare path opens nothing.
    fn handout(&self, guide: &Guide, path: &str) -> Option<Handout> {
        let base = &self.site.config.base_url;
        base.origin.as_ref()?;
        let url = base.absolute(path);
        let title = format!("Mã QR mở hướng dẫn {}", guide.title);
        let svg = contact::qr_svg(&url, &title)?;
        Some(Handout {
            qr_svg: svg.trim_end().to_string(),
            url,
        })
    }
}
