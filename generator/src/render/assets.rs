//! Static files: the theme's own files (named as [`ThemeAssets`] lists them), the site's own
//! `static/` folder, and images of guide bundles.

use std::io;
use std::path::Path;

use crate::model::Site;
use crate::output::Sink;
use crate::render::theme::ThemeAssets;

/// Writes every static file of the build.
pub fn write_assets(site: &Site, site_dir: &Path, staging: &dyn Sink) -> io::Result<()> {
    for file in ThemeAssets::get().files() {
        staging.write(&file.path, &file.bytes)?;
    }
    for rel in &site.static_files {
        let inside = rel.strip_prefix("static").unwrap_or(rel);
        staging.copy(&to_url_path(inside), &site_dir.join(rel))?;
    }
    for guide in &site.guides {
        let Some(bundle) = guide.source.parent() else {
            continue;
        };
        for asset in &guide.assets {
            let inside = asset.strip_prefix(bundle).unwrap_or(asset);
            let target = format!("{}{}", crate::urls::guide(&guide.slug), to_url_path(inside));
            staging.copy(&target, &site_dir.join(asset))?;
        }
    }
    Ok(())
}

fn to_url_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
