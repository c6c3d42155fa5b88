//! Decoding, resizing and encoding of guide screenshots, for `ngo`'s `images` module.
//!
//! A crate of its own so that the image crates' generic code, compiled where it is used, is
//! optimised even in the debug builds the tests run: unoptimised, one 1080×2400 screenshot took
//! most of a second.
//!
//! - decoding: `image` (PNG, JPEG, WebP; pure Rust), turned upright as the camera's EXIF note says;
//! - resizing: `fast_image_resize`, Lanczos 3 with SIMD, about ten times faster than `image`'s own;
//! - encoding: lossy WebP with libwebp, the JPEG fallback with `jpeg-encoder`.

use std::io::Cursor;

use fast_image_resize::images::{Image as ResizeImage, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader};

/// Why an image could not be read or made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Decode(#[from] image::ImageError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Make(String),
}

/// Width and height as shown: a phone photo taken upright is stored sideways with an EXIF note.
/// Reads only the file's header.
pub fn oriented_size(bytes: &[u8]) -> Result<(u32, u32), Error> {
    let mut decoder = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()?
        .into_decoder()?;
    let (width, height) = decoder.dimensions();
    let turned = matches!(
        decoder.orientation()?,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    Ok(if turned {
        (height, width)
    } else {
        (width, height)
    })
}

/// A decoded source, upright, as 8-bit RGB or RGBA rows.
pub struct Decoded {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
    alpha: bool,
}

impl Decoded {
    /// Decodes `bytes` (PNG, JPEG or WebP).
    pub fn from_bytes(bytes: &[u8]) -> Result<Decoded, Error> {
        let mut decoder = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()?
            .into_decoder()?;
        let orientation = decoder.orientation()?;
        let mut image = DynamicImage::from_decoder(decoder)?;
        image.apply_orientation(orientation);
        let alpha = image.color().has_alpha();
        let (width, height) = (image.width(), image.height());
        let pixels = if alpha {
            image.into_rgba8().into_raw()
        } else {
            image.into_rgb8().into_raw()
        };
        Ok(Decoded {
            width,
            height,
            pixels,
            alpha,
        })
    }

    /// Lossy WebP of the picture resized to `width`×`height`, transparency kept.
    pub fn webp(&self, width: u32, height: u32, quality: f32) -> Result<Vec<u8>, Error> {
        let pixels = self.resized(width, height)?;
        let encoder = if self.alpha {
            webp::Encoder::from_rgba(&pixels, width, height)
        } else {
            webp::Encoder::from_rgb(&pixels, width, height)
        };
        Ok(encoder.encode(quality).to_vec())
    }

    /// JPEG of the picture resized to `width`×`height`, transparent parts laid on white like the
    /// page behind them.
    pub fn jpeg(&self, width: u32, height: u32, quality: u8) -> Result<Vec<u8>, Error> {
        let rgb = self.on_white(self.resized(width, height)?);
        let (w, h) = (dimension(width)?, dimension(height)?);
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, quality)
            .encode(&rgb, w, h, jpeg_encoder::ColorType::Rgb)
            .map_err(|e| Error::Make(e.to_string()))?;
        Ok(out)
    }

    fn resized(&self, width: u32, height: u32) -> Result<Vec<u8>, Error> {
        if (width, height) == (self.width, self.height) {
            return Ok(self.pixels.clone());
        }
        let kind = if self.alpha {
            PixelType::U8x4
        } else {
            PixelType::U8x3
        };
        let make = |e: &dyn std::fmt::Display| Error::Make(e.to_string());
        let source =
            ImageRef::new(self.width, self.height, &self.pixels, kind).map_err(|e| make(&e))?;
        let mut target = ResizeImage::new(width, height, kind);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        Resizer::new()
            .resize(&source, &mut target, &options)
            .map_err(|e| make(&e))?;
        Ok(target.into_vec())
    }

    fn on_white(&self, pixels: Vec<u8>) -> Vec<u8> {
        if !self.alpha {
            return pixels;
        }
        pixels
            .chunks_exact(4)
            .flat_map(|p| {
                let a = u16::from(p[3]);
                let over = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
                [over(p[0]), over(p[1]), over(p[2])]
            })
            .collect()
    }
}

/// JPEG sizes are 16-bit; planned sizes always fit, a hostile ratio may not.
fn dimension(value: u32) -> Result<u16, Error> {
    u16::try_from(value).map_err(|_| Error::Make(format!("ảnh quá dài ({value} điểm ảnh)")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(image: DynamicImage, format: image::ImageFormat) -> Vec<u8> {
        let mut out = Vec::new();
        image.write_to(&mut Cursor::new(&mut out), format).unwrap();
        out
    }

    #[test]
    fn resized_files_have_their_size_and_format() {
        let png = encoded(
            DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
                1080,
                2400,
                image::Rgb([9, 90, 200]),
            )),
            image::ImageFormat::Png,
        );
        assert_eq!(oriented_size(&png).unwrap(), (1080, 2400));
        let decoded = Decoded::from_bytes(&png).unwrap();
        let webp = decoded.webp(540, 1200, 75.0).unwrap();
        let jpeg = decoded.jpeg(360, 800, 80).unwrap();
        for (bytes, format, size) in [
            (webp, image::ImageFormat::WebP, (540, 1200)),
            (jpeg, image::ImageFormat::Jpeg, (360, 800)),
        ] {
            assert_eq!(image::guess_format(&bytes).unwrap(), format);
            let read = image::load_from_memory(&bytes).unwrap();
            assert_eq!((read.width(), read.height()), size);
        }
    }

    #[test]
    fn transparency_falls_back_on_white() {
        let png = encoded(
            DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
                40,
                90,
                image::Rgba([0, 0, 0, 0]),
            )),
            image::ImageFormat::Png,
        );
        let jpeg = Decoded::from_bytes(&png).unwrap().jpeg(40, 90, 80).unwrap();
        let pixel = image::load_from_memory(&jpeg)
            .unwrap()
            .to_rgb8()
            .get_pixel(5, 5)
            .0;
        assert!(pixel.iter().all(|&c| c > 245), "{pixel:?}");
    }

    #[test]
    fn what_is_not_an_image_is_refused() {
        assert!(oriented_size(b"not an image").is_err());
        assert!(Decoded::from_bytes(b"\x89PNG\r\n\x1a\n broken").is_err());
    }
}
