//! Decoding one source image and making each planned file: Lanczos resizing with
//! `fast_image_resize` (SIMD, about ten times faster than `image`'s own), lossy WebP with
//! libwebp, and the JPEG fallback with `jpeg-encoder`.

use std::io::Cursor;

use fast_image_resize::images::{Image as ResizeImage, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageReader};

use super::{Format, ImageError, Variant, JPEG_QUALITY, WEBP_QUALITY};

/// A decoded source, upright, as 8-bit RGB or RGBA rows.
pub struct Decoded {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
    alpha: bool,
}

impl Decoded {
    /// Decodes `bytes`, turning the picture as the camera's EXIF note says.
    pub fn from_bytes(bytes: &[u8]) -> Result<Decoded, ImageError> {
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

    /// The bytes of one planned file.
    pub fn make(&self, variant: &Variant, resizer: &mut Resizer) -> Result<Vec<u8>, ImageError> {
        let pixels = self.resized(variant.width, variant.height, resizer)?;
        Ok(match variant.format {
            Format::Webp => self.webp(&pixels, variant.width, variant.height),
            Format::Jpeg => jpeg(&self.on_white(pixels), variant.width, variant.height)?,
        })
    }

    fn pixel_type(&self) -> PixelType {
        if self.alpha {
            PixelType::U8x4
        } else {
            PixelType::U8x3
        }
    }

    fn resized(
        &self,
        width: u32,
        height: u32,
        resizer: &mut Resizer,
    ) -> Result<Vec<u8>, ImageError> {
        if (width, height) == (self.width, self.height) {
            return Ok(self.pixels.clone());
        }
        let kind = self.pixel_type();
        let source =
            ImageRef::new(self.width, self.height, &self.pixels, kind).map_err(resize_error)?;
        let mut target = ResizeImage::new(width, height, kind);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        resizer
            .resize(&source, &mut target, &options)
            .map_err(resize_error)?;
        Ok(target.into_vec())
    }

    fn webp(&self, pixels: &[u8], width: u32, height: u32) -> Vec<u8> {
        let encoder = if self.alpha {
            webp::Encoder::from_rgba(pixels, width, height)
        } else {
            webp::Encoder::from_rgb(pixels, width, height)
        };
        encoder.encode(WEBP_QUALITY).to_vec()
    }

    /// RGB rows, transparent parts laid on white like the page behind them.
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

fn jpeg(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::new();
    let (w, h) = (dimension(width)?, dimension(height)?);
    jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY)
        .encode(rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| ImageError::Io(std::io::Error::other(e.to_string())))?;
    Ok(out)
}

/// JPEG sizes are 16-bit; planned widths and heights always fit, a hostile ratio may not.
fn dimension(value: u32) -> Result<u16, ImageError> {
    u16::try_from(value).map_err(|_| ImageError::Io(std::io::Error::other("ảnh quá dài")))
}

fn resize_error(e: impl std::fmt::Display) -> ImageError {
    ImageError::Io(std::io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::images::Prepared;

    #[test]
    fn every_planned_file_has_its_planned_size_and_format() {
        let source = crate::images::tests::png(1080, 2400);
        let plan = Prepared::prepare(Path::new("a.png"), &source).unwrap();
        let decoded = Decoded::from_bytes(&source).unwrap();
        let mut resizer = Resizer::new();
        for variant in &plan.variants {
            let bytes = decoded.make(variant, &mut resizer).unwrap();
            let read = image::load_from_memory(&bytes).unwrap();
            assert_eq!(
                (read.width(), read.height()),
                (variant.width, variant.height)
            );
            let format = image::guess_format(&bytes).unwrap();
            let expected = match variant.format {
                Format::Webp => image::ImageFormat::WebP,
                Format::Jpeg => image::ImageFormat::Jpeg,
            };
            assert_eq!(format, expected, "{}", variant.path);
        }
    }

    #[test]
    fn transparency_falls_back_on_white() {
        let image = image::RgbaImage::from_pixel(40, 90, image::Rgba([0, 0, 0, 0]));
        let mut bytes = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        let plan = Prepared::prepare(Path::new("a.png"), &bytes).unwrap();
        let decoded = Decoded::from_bytes(&bytes).unwrap();
        let jpeg = decoded.make(plan.fallback(), &mut Resizer::new()).unwrap();
        let pixel = image::load_from_memory(&jpeg)
            .unwrap()
            .to_rgb8()
            .get_pixel(5, 5)
            .0;
        assert!(pixel.iter().all(|&c| c > 245), "{pixel:?}");
    }
}
