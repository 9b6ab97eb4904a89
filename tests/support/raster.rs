//! Comparing a raster of ours with another program's rendering of the same poster (poppler's
//! `pdftoppm` for the PDF, librsvg and Chromium for the SVG).

use std::path::Path;

/// A PNG file's width, height and RGB pixels (grey and alpha are dropped).
pub fn decode_png(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("a frame that fits in memory")];
    let info = reader.next_frame(&mut buf).expect("a decodable frame");
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| match channels {
            1 | 2 => [p[0], p[0], p[0]],
            _ => [p[0], p[1], p[2]],
        })
        .collect();
    (info.width, info.height, pixels)
}

/// The share (0–1) of pixels of `ours` that differ from `theirs` beyond anti-aliasing: a pixel
/// differs when no pixel within one pixel of it in the other image is close in colour (every
/// channel within 40). The two images must have the same size, give or take a pixel.
pub fn share_differing(ours: &Path, theirs: &Path) -> f64 {
    let (w1, h1, ours) = decode_png(ours);
    let (w2, h2, theirs) = decode_png(theirs);
    assert!(w1.abs_diff(w2) <= 1 && h1.abs_diff(h2) <= 1, "{w1}x{h1} vs {w2}x{h2}");
    let (w, h) = (w1.min(w2) as usize, h1.min(h2) as usize);
    let at = |pixels: &[[u8; 3]], width: u32, x: usize, y: usize| pixels[y * width as usize + x];
    let close = |a: [u8; 3], b: [u8; 3]| a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 40);
    let mut different = 0_usize;
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let a = at(&ours, w1, x, y);
            let matched =
                (y - 1..=y + 1).any(|yy| (x - 1..=x + 1).any(|xx| close(a, at(&theirs, w2, xx, yy))));
            if !matched {
                different += 1;
            }
        }
    }
    different as f64 / ((w - 2) * (h - 2)) as f64
}
