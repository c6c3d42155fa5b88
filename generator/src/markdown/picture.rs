//! The `<picture>` of a bundle image made light by [`crate::images`]: WebP at every width made,
//! the JPEG for browsers without WebP, the size so the page does not jump while it loads.

use std::collections::HashMap;

use crate::images::Prepared;

/// A guide's prepared images, by `src` as the Markdown writes it, and where the site's files
/// start (`/` or `/sub/`).
#[derive(Debug, Clone, Default)]
pub struct Pictures {
    pub site_base: String,
    pub by_src: HashMap<String, Prepared>,
}

/// Starts an `<img>` that loads at once: the picture is in the first screen, where lazy loading
/// would only delay it. [`super::with_image_hints`] leaves such tags alone.
pub const EAGER_IMG: &str = "<img loading=\"eager\" decoding=\"async\"";

impl Pictures {
    /// The HTML for `prepared`. `mark` starts the values only this module may write (`srcset`,
    /// `sizes`), which the sanitiser takes off again.
    pub fn html(&self, prepared: &Prepared, image: &ImageText, eager: bool, mark: &str) -> String {
        let url = |path: &str| format!("{}{path}", self.site_base);
        let srcset: Vec<String> = prepared
            .modern()
            .map(|v| format!("{} {}w", url(&v.path), v.width))
            .collect();
        let fallback = prepared.fallback();
        let start = if eager { EAGER_IMG } else { "<img" };
        let title = image
            .title
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(|t| format!(" title=\"{}\"", escape(t)))
            .unwrap_or_default();
        format!(
            "<picture><source type=\"image/webp\" srcset=\"{mark}{}\" sizes=\"{mark}{}\">\
             {start} src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"{title} class=\"{}\"></picture>",
            srcset.join(", "),
            prepared.sizes(),
            url(&fallback.path),
            prepared.width,
            prepared.height,
            escape(&image.alt),
            prepared.shape.class(),
        )
    }
}

/// What the Markdown says about an image besides its address.
#[derive(Debug, Clone, Default)]
pub struct ImageText {
    pub alt: String,
    pub title: Option<String>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
