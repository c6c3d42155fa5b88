//! The site as the preview holds it, and the edits that change it.
//!
//! The preview keeps two copies: the one requests are answered from, and the background
//! worker's, which makes the search index, the open data and the full check of every page
//! without ever holding up a request or an edit. Each edit is read from the files once and then
//! applied to both copies by the same [`Model::apply`], through the model's own operations.

use std::collections::BTreeSet;
use std::path::PathBuf;

use tera::Tera;

use crate::config::Config;
use crate::fingerprint::Key;
use crate::model::{CommuneFile, CommuneFiles, Guide, Page, Site};

/// The site and what renders it.
#[derive(Debug, Clone)]
pub struct Model {
    pub site: Site,
    pub communes: CommuneFiles,
    pub tera: Tera,
    /// Fingerprint of the templates.
    pub templates: Key,
    /// Site-relative path of the stylesheet.
    pub css: String,
}

/// One change, as read from the files.
#[derive(Debug, Clone)]
pub enum Edit {
    /// A commune file as it now reads; `None` when it is gone.
    Commune {
        rel: PathBuf,
        file: Option<CommuneFile>,
    },
    Guides(Vec<Guide>),
    Pages(Vec<Page>),
    /// New settings that read every file as the old ones did.
    Config(Config),
    /// The static files and template overrides the folder now holds.
    Files {
        static_files: Vec<PathBuf>,
        templates: Vec<PathBuf>,
    },
    Templates {
        tera: Tera,
        key: Key,
    },
    /// Everything read again.
    Whole(Box<Model>),
}

/// What an edit changes in the portal.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Touched {
    /// Communes whose team lists changed, as (province, commune) codes.
    pub communes: BTreeSet<(u32, u32)>,
    pub guides: bool,
    pub pages: bool,
    /// Every page may change (settings, templates, the free pages' footer links).
    pub everything: bool,
}

impl Touched {
    pub fn is_empty(&self) -> bool {
        self.communes.is_empty() && !self.guides && !self.pages && !self.everything
    }

    pub fn add(&mut self, other: Touched) {
        self.communes.extend(other.communes);
        self.guides |= other.guides;
        self.pages |= other.pages;
        self.everything |= other.everything;
    }
}

impl Model {
    /// Applies one edit; says what it changed.
    pub fn apply(&mut self, edit: Edit) -> Touched {
        let mut touched = Touched::default();
        match edit {
            Edit::Commune { rel, file } => {
                touched.communes = self.site.replace_commune(&mut self.communes, &rel, file);
            }
            Edit::Guides(guides) => {
                self.site.guides = guides;
                touched.guides = true;
            }
            Edit::Pages(pages) => {
                let titles = |pages: &[Page]| -> Vec<(String, String)> {
                    pages
                        .iter()
                        .map(|p| (p.slug.clone(), p.title.clone()))
                        .collect()
                };
                // Every page links the free pages in its footer.
                touched.everything = titles(&pages) != titles(&self.site.pages);
                self.site.pages = pages;
                touched.pages = true;
            }
            Edit::Config(config) => {
                self.site.config = config;
                touched.everything = true;
            }
            Edit::Files {
                static_files,
                templates,
            } => {
                self.site.static_files = static_files;
                self.site.templates = templates;
            }
            Edit::Templates { tera, key } => {
                self.tera = tera;
                self.templates = key;
                touched.everything = true;
            }
            Edit::Whole(model) => {
                *self = *model;
                touched.everything = true;
            }
        }
        touched
    }
}
