//! Guide screenshots made light enough for a cheap phone on slow mobile data.
//!
//! Volunteers photograph or screenshot each step on their own phones: PNG or JPEG files of
//! 1080×2400 pixels and 300 KB to 1 MB each. A citizen's phone shows them about 234 CSS pixels
//! wide, so every image of a guide bundle is resized to the few widths a phone or a desktop can
//! use and encoded as lossy WebP (every browser a citizen has reads it) with one JPEG for the
//! rest. Pages get `<picture>` with `srcset`/`sizes`, `width`/`height` (no layout jump while the
//! picture loads) and lazy loading; see [`crate::markdown`].
//!
//! The work is split in two so `ngo check` never encodes anything:
//! - [`Prepared::prepare`] (while a guide is read) looks only at the file's header and hashes
//!   its bytes: that gives the size, the widths to make and the content-hashed names, which is
//!   all a page needs;
//! - [`write_images`] (while the site is written) makes the files, in parallel, reusing what an
//!   earlier build made: first the output itself (the manifest knows each file), then the cache
//!   of encoded images kept beside the output folder ([`cache`]).

mod cache;
mod write;

use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use crate::fingerprint::Key;

pub use cache::ImageCache;
pub use write::{write_images, ImageWork, WriteError};

/// Where the made files go, all under one folder so hosts can cache it for a year: every name
/// carries a hash of the source and the settings, and changes when either does.
pub const FOLDER: &str = "assets/anh/";

/// Changing how images are made (quality, filter, widths) must change every name: this text is
/// hashed into them.
const SETTINGS: &str = "anh-1: lanczos3; webp q75 m4; jpeg q80 on white";

/// WebP quality: the measurements in docs/architecture.md show text in screenshots stays sharp at
/// 75 while files are a fifth smaller than at 85.
pub(crate) const WEBP_QUALITY: f32 = 75.0;
pub(crate) const JPEG_QUALITY: u8 = 80;

/// CSS pixels a portrait screenshot is shown at (`.prose img.shot` in the theme's style.css).
pub const SHOT_DISPLAY_PX: u32 = 234;
/// The widest a landscape picture is shown (the text column).
pub const WIDE_DISPLAY_PX: u32 = 792;

/// Widths made for a portrait screenshot: 1×, 2× and 3× screens at [`SHOT_DISPLAY_PX`].
const SHOT_WIDTHS: &[u32] = &[360, 540, 720];
/// Widths made for a landscape picture, up to a 2× desktop screen.
const WIDE_WIDTHS: &[u32] = &[360, 720, 1080, 1440];

/// Larger files are refused before decoding: no screenshot or phone photo comes near, and a
/// hostile file could claim enormous dimensions to exhaust memory.
const MAX_BYTES: usize = 30 * 1024 * 1024;
const MAX_PIXELS: u64 = 50_000_000;

/// Why an image cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("ảnh quá lớn ({0} MB, tối đa 30 MB)")]
    TooManyBytes(usize),
    #[error("ảnh quá lớn ({width}×{height} điểm ảnh)")]
    TooManyPixels { width: u32, height: u32 },
    #[error("không đọc được ảnh: {0}")]
    Unreadable(#[from] ngo_imaging::Error),
    #[error("không đọc được ảnh: {0}")]
    Io(#[from] std::io::Error),
}

/// How a picture is laid out: a tall phone screenshot beside its text, or a wide one across the
/// column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Shot,
    Wide,
}

impl Shape {
    fn of(width: u32, height: u32) -> Shape {
        // A phone screenshot is at least 16:9 upright; photos and desktop captures are not.
        if u64::from(height) * 10 >= u64::from(width) * 12 {
            Shape::Shot
        } else {
            Shape::Wide
        }
    }

    /// The class the theme styles it by.
    pub fn class(self) -> &'static str {
        match self {
            Shape::Shot => "shot",
            Shape::Wide => "wide",
        }
    }
}

/// A file format made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Webp,
    Jpeg,
}

impl Format {
    pub fn mime(self) -> &'static str {
        match self {
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
        }
    }
}

/// One file made from a source image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub format: Format,
    pub width: u32,
    pub height: u32,
    /// Site-relative path, such as `assets/anh/buoc-1-540.3f2a9c1d.webp`.
    pub path: String,
}

/// A source image of a guide and every file made from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The file, relative to the site folder.
    pub source: PathBuf,
    /// Fingerprint of the source bytes and [`SETTINGS`]; the cache and the names use it.
    pub key: Key,
    /// Size as shown, after the rotation a camera recorded (EXIF orientation).
    pub width: u32,
    pub height: u32,
    pub shape: Shape,
    /// WebP files from narrow to wide, then the JPEG fallback.
    pub variants: Vec<Variant>,
}

impl Prepared {
    /// Plans the files of the image `bytes` read from `source` (site-relative), reading only
    /// its header.
    pub fn prepare(source: &Path, bytes: &[u8]) -> Result<Prepared, ImageError> {
        if bytes.len() > MAX_BYTES {
            return Err(ImageError::TooManyBytes(bytes.len() / (1024 * 1024)));
        }
        let (width, height) = ngo_imaging::oriented_size(bytes)?;
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(ImageError::TooManyPixels { width, height });
        }
        let key = key_of(bytes);
        let shape = Shape::of(width, height);
        let stem = name_stem(source);
        let hash = &key.to_hex()[..8];
        let variant = |format: Format, w: u32| Variant {
            format,
            width: w,
            height: scaled_height(width, height, w),
            path: format!("{FOLDER}{stem}-{w}.{hash}.{}", format.extension()),
        };
        let mut variants: Vec<Variant> = widths(shape, width)
            .into_iter()
            .map(|w| variant(Format::Webp, w))
            .collect();
        variants.push(variant(Format::Jpeg, fallback_width(shape, width)));
        Ok(Prepared {
            source: source.to_path_buf(),
            key,
            width,
            height,
            shape,
            variants,
        })
    }

    /// The WebP files, narrow to wide.
    pub fn modern(&self) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(|v| v.format == Format::Webp)
    }

    /// The file for browsers without WebP.
    pub fn fallback(&self) -> &Variant {
        self.variants
            .iter()
            .find(|v| v.format == Format::Jpeg)
            .expect("prepare always plans a fallback")
    }

    /// The `sizes` attribute: how wide the picture is shown, in CSS pixels, as the theme lays
    /// it out (a screenshot at a fixed width, a wide picture across the column).
    pub fn sizes(&self) -> String {
        match self.shape {
            Shape::Shot => format!("{SHOT_DISPLAY_PX}px"),
            Shape::Wide => format!(
                "(max-width: {}px) calc(100vw - 36px), {WIDE_DISPLAY_PX}px",
                WIDE_DISPLAY_PX + 36
            ),
        }
    }

    /// The file a browser picks from `srcset` for a screen `css_width` CSS pixels wide at
    /// `density` device pixels per CSS pixel: the narrowest that covers the shown width.
    pub fn chosen(&self, css_width: u32, density: f32) -> &Variant {
        let shown = match self.shape {
            Shape::Shot => SHOT_DISPLAY_PX,
            Shape::Wide => css_width.saturating_sub(36).min(WIDE_DISPLAY_PX),
        };
        let needed = (shown as f32 * density).ceil() as u32;
        let mut modern = self.modern();
        let widest = self.modern().last().expect("at least one width");
        modern.find(|v| v.width >= needed).unwrap_or(widest)
    }
}

/// Whether a bundle file is an image this module makes light (by its extension).
pub fn is_raster(path: &Path) -> bool {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(extension.as_deref(), Some("png" | "jpg" | "jpeg" | "webp"))
}

fn key_of(bytes: &[u8]) -> Key {
    let mut hasher = Xxh3::new();
    hasher.update(SETTINGS.as_bytes());
    hasher.update(&[0]);
    hasher.update(bytes);
    Key(hasher.digest128())
}

/// The widths to make: the shape's widths narrower than the source, and the source's own width
/// when it is narrower than the widest (never enlarged).
fn widths(shape: Shape, source_width: u32) -> Vec<u32> {
    let all = match shape {
        Shape::Shot => SHOT_WIDTHS,
        Shape::Wide => WIDE_WIDTHS,
    };
    let mut widths: Vec<u32> = all.iter().copied().filter(|&w| w < source_width).collect();
    if all.iter().any(|&w| w >= source_width) || widths.is_empty() {
        widths.push(source_width.min(*all.last().expect("widths")));
    }
    widths
}

fn fallback_width(shape: Shape, source_width: u32) -> u32 {
    let wanted = match shape {
        Shape::Shot => 540,
        Shape::Wide => 720,
    };
    wanted.min(source_width)
}

fn scaled_height(width: u32, height: u32, to_width: u32) -> u32 {
    let scaled =
        (u64::from(height) * u64::from(to_width) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(scaled.max(1)).unwrap_or(u32::MAX)
}

/// A readable start for the made files' names: `Bước 1.png` → `buoc-1`.
fn name_stem(source: &Path) -> String {
    let stem = source
        .file_stem()
        .and_then(|s| s.to_str())
        .map(crate::text::slugify)
        .unwrap_or_default();
    let short: String = stem.chars().take(40).collect();
    let short = short.trim_end_matches('-');
    if short.is_empty() {
        "anh".to_string()
    } else {
        short.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `width`×`height` in one colour.
    pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 40]));
        let mut out = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_phone_screenshot_gets_phone_widths_and_a_jpeg() {
        let p = Prepared::prepare(Path::new("guides/a/Bước 1.png"), &png(1080, 2400)).unwrap();
        assert_eq!((p.width, p.height, p.shape), (1080, 2400, Shape::Shot));
        let hash = &p.key.to_hex()[..8];
        let files: Vec<_> = p
            .variants
            .iter()
            .map(|v| (v.width, v.height, v.path.as_str()))
            .collect();
        assert_eq!(
            files,
            [
                (
                    360,
                    800,
                    format!("assets/anh/buoc-1-360.{hash}.webp").as_str()
                ),
                (
                    540,
                    1200,
                    format!("assets/anh/buoc-1-540.{hash}.webp").as_str()
                ),
                (
                    720,
                    1600,
                    format!("assets/anh/buoc-1-720.{hash}.webp").as_str()
                ),
                (
                    540,
                    1200,
                    format!("assets/anh/buoc-1-540.{hash}.jpg").as_str()
                ),
            ]
        );
        assert_eq!(p.sizes(), "234px");
        assert_eq!(p.chosen(360, 2.0).width, 540);
        assert_eq!(p.chosen(360, 3.0).width, 720);
        assert_eq!(p.chosen(1280, 1.0).width, 360);
    }

    #[test]
    fn small_and_wide_images_are_never_enlarged() {
        let p = Prepared::prepare(Path::new("a.png"), &png(500, 300)).unwrap();
        assert_eq!(p.shape, Shape::Wide);
        let widths: Vec<_> = p.variants.iter().map(|v| (v.format, v.width)).collect();
        assert_eq!(
            widths,
            [
                (Format::Webp, 360),
                (Format::Webp, 500),
                (Format::Jpeg, 500)
            ]
        );
        let tiny = Prepared::prepare(Path::new("a.png"), &png(200, 500)).unwrap();
        let widths: Vec<_> = tiny.variants.iter().map(|v| v.width).collect();
        assert_eq!(widths, [200, 200]);
    }

    #[test]
    fn names_change_with_the_bytes_only() {
        let a = Prepared::prepare(Path::new("x/1.png"), &png(400, 900)).unwrap();
        let b = Prepared::prepare(Path::new("y/1.png"), &png(400, 900)).unwrap();
        let c = Prepared::prepare(Path::new("x/1.png"), &png(400, 901)).unwrap();
        assert_eq!(a.variants, b.variants);
        assert_ne!(a.key, c.key);
    }

    #[test]
    fn what_is_not_an_image_is_refused_with_a_reason() {
        let err = Prepared::prepare(Path::new("a.png"), b"not a png").unwrap_err();
        assert!(err.to_string().starts_with("không đọc được ảnh"), "{err}");
    }
}
