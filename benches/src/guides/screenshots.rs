//! Phone screenshots for guides written as steps: 1080×2400 PNGs drawn from a seed, shaped like
//! what volunteers' phones save (a status bar, an app bar, cards, lines of text, a button, and on
//! some screens a camera view or photo), so encoding costs and file sizes are those of real ones:
//! 100 KB for a plain form, up to about a megabyte with a photo.

use std::io::Cursor;

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ImageEncoder, Rgb, RgbImage};

use crate::rng::Rng;

pub const WIDTH: u32 = 1080;
pub const HEIGHT: u32 = 2400;

/// The PNG bytes of screenshot `step` of guide `guide`.
pub fn screenshot(seed: u64, guide: usize, step: usize) -> Vec<u8> {
    let mut rng = Rng::stream(seed, "screenshot", (guide * 16 + step) as u64);
    let mut image = RgbImage::from_pixel(WIDTH, HEIGHT, Rgb([244, 246, 248]));
    let brand = [
        rng.range(20, 200) as u8,
        rng.range(20, 160) as u8,
        rng.range(40, 200) as u8,
    ];
    let dark = brand.map(|c| c / 2);
    fill(&mut image, 0, 0, WIDTH, 84, dark);
    fill(&mut image, 0, 84, WIDTH, 168, brand);
    text_line(&mut image, 48, 140, 520, [255, 255, 255]);
    let mut y = 300;
    if rng.chance(0.5) {
        let height = rng.range(400, 1000) as u32;
        photo(&mut image, &mut rng, y, height);
        y += height + 40;
    }
    while y < HEIGHT - 400 {
        let lines = rng.range(2, 6) as u32;
        let card = 60 + lines * 64;
        fill(&mut image, 40, y, WIDTH - 80, card, [255, 255, 255]);
        for line in 0..lines {
            let width = rng.range(300, 900) as u32;
            text_line(&mut image, 80, y + 40 + line * 64, width, [40, 46, 52]);
        }
        y += card + 40;
        if rng.chance(0.3) {
            fill(&mut image, 40, y, WIDTH - 80, 140, brand);
            text_line(&mut image, 380, y + 55, 320, [255, 255, 255]);
            y += 180;
        }
    }
    encode(&image)
}

fn fill(image: &mut RgbImage, x: u32, y: u32, width: u32, height: u32, colour: [u8; 3]) {
    for py in y..(y + height).min(HEIGHT) {
        for px in x..(x + width).min(WIDTH) {
            image.put_pixel(px, py, Rgb(colour));
        }
    }
}

/// A line of text as a row of word-sized strokes with soft edges, as anti-aliased type looks
/// to a compressor.
fn text_line(image: &mut RgbImage, x: u32, y: u32, width: u32, ink: [u8; 3]) {
    let mut px = x;
    let mut word = 0;
    while px < x + width && px < WIDTH {
        word += 1;
        let len = 40 + (word * 37 % 90);
        for wx in px..(px + len).min(WIDTH) {
            for wy in y..(y + 30).min(HEIGHT) {
                let edge = (wy == y || wy == y + 29 || wx % 7 == 0) as u8;
                let pixel = image.get_pixel(wx, wy).0;
                let mix = |i: usize| {
                    ((u16::from(ink[i]) * (3 - u16::from(edge))
                        + u16::from(pixel[i]) * u16::from(edge))
                        / 3) as u8
                };
                image.put_pixel(wx, wy, Rgb([mix(0), mix(1), mix(2)]));
            }
        }
        px += len + 18;
    }
}

/// A camera view: smooth shapes with sensor noise, which compresses like a photo does.
fn photo(image: &mut RgbImage, rng: &mut Rng, y: u32, height: u32) {
    let (fx, fy) = (rng.unit() * 0.02 + 0.004, rng.unit() * 0.02 + 0.004);
    for py in y..(y + height).min(HEIGHT) {
        for px in 40..WIDTH - 40 {
            let wave = ((px as f64 * fx).sin() + (py as f64 * fy).cos()) * 60.0;
            let noise = (rng.next_u64() % 24) as f64 - 12.0;
            let level = |base: f64| (base + wave + noise).clamp(0.0, 255.0) as u8;
            image.put_pixel(px, py, Rgb([level(110.0), level(140.0), level(90.0)]));
        }
    }
}

fn encode(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new_with_quality(
        Cursor::new(&mut out),
        CompressionType::Fast,
        FilterType::Adaptive,
    )
    .write_image(
        image.as_raw(),
        WIDTH,
        HEIGHT,
        image::ExtendedColorType::Rgb8,
    )
    .expect("encoding into memory cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screenshots_are_phone_sized_pngs_of_real_weight_and_differ() {
        let sizes: Vec<usize> = (0..6).map(|step| screenshot(7, 1, step).len()).collect();
        // Cards and buttons near the bottom edge are cut there, whatever the seed draws.
        for guide in 0..40 {
            screenshot(2025, guide, 3);
        }
        let a = screenshot(7, 1, 0);
        assert_eq!(
            a,
            screenshot(7, 1, 0),
            "the same seed draws the same picture"
        );
        assert_ne!(a, screenshot(7, 2, 0));
        let decoded = image::load_from_memory(&a).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (WIDTH, HEIGHT));
        assert!(
            sizes.iter().all(|&s| (40_000..2_000_000).contains(&s)),
            "{sizes:?}"
        );
    }
}
