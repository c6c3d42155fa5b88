//! Guides written as steps with phone screenshots, at national scale: the image work of a cold
//! build (no output, no cache beside it), that a rebuild with nothing changed encodes nothing,
//! and what one such guide costs a 360 px phone, with the bytes the build really wrote.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::build_run::{self, BuildRun};
use super::sizes::brotli_size;
use super::targets::{Figure, Target, Unit};
use crate::guides::SCREENSHOTS_PER_GUIDE;
use crate::national::{self, Options};

/// Guides in the dataset, as in the plain national one.
const GUIDES: usize = 300;
/// A budget-class phone: 360 CSS px at two device pixels each (720×1600 screens).
const PHONE_CSS_PX: f64 = 360.0;
const PHONE_DENSITY: f64 = 2.0;
/// Shown width of a screenshot (`images::SHOT_DISPLAY_PX` in the generator).
const SHOT_CSS_PX: f64 = 234.0;

/// Generates (once) the national dataset with `with_images` guides as steps, builds it cold and
/// again unchanged, and reports.
pub fn measure(ngo: &Path, root: &Path, teams: u64, with_images: usize) -> Result<Vec<Figure>> {
    let site = dataset(root, teams, with_images)?;
    let out = root.join(format!("out-{teams}-anh{with_images}"));
    clear(&out)?;
    eprintln!("cold build with {with_images} guides of screenshots…");
    let cold = build_run::build(ngo, &site, &out)?;
    eprintln!("rebuild with nothing changed…");
    let warm = build_run::build(ngo, &site, &out)?;
    let mut figures = work_figures(teams, with_images, &cold, &warm);
    figures.extend(budget_figures(&out)?);
    std::fs::remove_dir_all(&out)?;
    Ok(figures)
}

fn dataset(root: &Path, teams: u64, with_images: usize) -> Result<PathBuf> {
    let dir = root.join(format!("national-{teams}-anh{with_images}"));
    let done = root.join(format!("national-{teams}-anh{with_images}.done"));
    if !done.exists() {
        eprintln!("generating {teams} teams and {with_images} guides with screenshots…");
        national::generate(&Options {
            out: dir.clone(),
            teams,
            seed: 2025,
            guides: GUIDES,
            guides_with_images: with_images,
            private_phones: None,
            threads: std::thread::available_parallelism().map_or(1, usize::from),
        })?;
        std::fs::write(&done, "")?;
    }
    Ok(dir)
}

/// Removes the output and everything a build keeps beside it, the image cache included.
fn clear(out: &Path) -> Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Ok(());
    };
    let prefix = format!(".{}.ngo-", name.to_string_lossy());
    for entry in std::fs::read_dir(parent)?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let path = entry.path();
            if path.is_dir() {
                std::fs::remove_dir_all(path)?;
            } else {
                std::fs::remove_file(path)?;
            }
        }
    }
    Ok(())
}

fn work_figures(teams: u64, with_images: usize, cold: &BuildRun, warm: &BuildRun) -> Vec<Figure> {
    let tag = format!("{with_images} guides × {SCREENSHOTS_PER_GUIDE} screenshots, {teams} teams");
    let counts = cold.images.map_or_else(
        || "no image summary".to_string(),
        |c| format!("{} screenshots, {} files encoded", c.sources, c.encoded),
    );
    let image_ms = cold.step_ms("trong đó: ảnh hướng dẫn");
    let image_work = match image_ms {
        Some(ms) => Figure::new(
            format!("cold image work ({tag})"),
            ms / 1000.0,
            Unit::Seconds,
        )
        .note(format!(
            "{counts}, on every core beside the pages; whole cold build {:.2} s, peak RSS {:.0} MB",
            cold.wall.as_secs_f64(),
            cold.peak_rss_bytes as f64 / (1024.0 * 1024.0)
        )),
        None => Figure::missing(
            format!("cold image work ({tag})"),
            Unit::Seconds,
            "no step timing",
        ),
    };
    let encoded = warm.images.map_or(f64::NAN, |c| c.encoded as f64);
    let rebuild = Figure::new(
        format!("rebuild, nothing changed: image files encoded ({tag})"),
        encoded,
        Unit::Count,
    )
    .target(Target::at_most(0.0))
    .note(format!("rebuild {:.2} s", warm.wall.as_secs_f64()));
    vec![image_work, rebuild]
}

/// The first guide with screenshots: bytes for the first screen (page, stylesheet, pictures
/// loaded eagerly) and for the whole page, each picture at the width the phone picks.
fn budget_figures(out: &Path) -> Result<Vec<Figure>> {
    let (page, html) = guide_with_pictures(out)?;
    let css = html
        .split("<link rel=\"stylesheet\" href=\"/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .context("no stylesheet link")?;
    let text = brotli_size(html.as_bytes()) + brotli_size(&std::fs::read(out.join(css))?);
    let mut eager = 0;
    let mut all = 0;
    for picture in html.split("<picture>").skip(1) {
        let bytes = std::fs::metadata(out.join(chosen(picture)?.trim_start_matches('/')))?.len();
        all += bytes as usize;
        if picture.contains("loading=\"eager\"") {
            eager += bytes as usize;
        }
    }
    let name = format!("guide with {SCREENSHOTS_PER_GUIDE} screenshots on a 360 px phone");
    Ok(vec![
        Figure::new(
            format!("{name}, first screen"),
            (text + eager) as f64 / 1024.0,
            Unit::KiB,
        )
        .target(Target::at_most(150.0))
        .note(format!(
            "{page}: page and stylesheet brotli, pictures loaded at once"
        )),
        Figure::new(
            format!("{name}, whole page"),
            (text + all) as f64 / 1024.0,
            Unit::KiB,
        )
        .target(Target::at_most(450.0))
        .note("every picture at the width a 2× screen picks from srcset"),
    ])
}

fn guide_with_pictures(out: &Path) -> Result<(String, String)> {
    let guides = out.join("huong-dan");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&guides)?
        .flatten()
        .map(|e| e.path().join("index.html"))
        .filter(|p| p.is_file())
        .collect();
    pages.sort();
    for page in pages {
        let html = std::fs::read_to_string(&page)?;
        if html.matches("<picture>").count() >= SCREENSHOTS_PER_GUIDE {
            let name = page
                .strip_prefix(out)
                .unwrap_or(&page)
                .display()
                .to_string();
            return Ok((name, html));
        }
    }
    anyhow::bail!(
        "no guide with {SCREENSHOTS_PER_GUIDE} pictures in {}",
        guides.display()
    )
}

/// The `srcset` file a 360 px, 2× phone picks: the narrowest at least as wide as shown.
fn chosen(picture: &str) -> Result<&str> {
    let start = picture.find("srcset=\"").context("no srcset")? + 8;
    let end = start + picture[start..].find('"').context("unclosed srcset")?;
    let needed = (SHOT_CSS_PX.min(PHONE_CSS_PX) * PHONE_DENSITY).ceil() as u32;
    let candidates: Vec<(&str, u32)> = picture[start..end]
        .split(", ")
        .filter_map(|c| {
            let (url, w) = c.split_once(' ')?;
            Some((url, w.trim_end_matches('w').parse().ok()?))
        })
        .collect();
    candidates
        .iter()
        .find(|(_, w)| *w >= needed)
        .or(candidates.last())
        .map(|(url, _)| *url)
        .context("empty srcset")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_two_times_phone_picks_the_540_pixel_file() {
        let picture = "<source type=\"image/webp\" srcset=\"/a-360.x.webp 360w, /a-540.x.webp 540w, /a-720.x.webp 720w\" sizes=\"234px\">";
        assert_eq!(chosen(picture).unwrap(), "/a-540.x.webp");
        assert_eq!(
            chosen("srcset=\"/b-300.x.webp 300w\"").unwrap(),
            "/b-300.x.webp"
        );
    }
}
