//! The SVG painter: the same display list as vector shapes, with text kept as text.
//!
//! The document is the page: `width`/`height` in millimetres, a `viewBox` in points, the
//! background over the whole page and the poster in a group placed by [`PageSetup::place`].
//! Each text line is a `<text>` at its baseline origin whose `textLength` is the width the
//! layout measured, so a viewer with other fonts still keeps every line in its box. Images are
//! embedded as PNG data URLs. The output is deterministic: numbers are written with two decimals
//! at most and ids are numbered in drawing order.

use crate::display::{
    Colour, Cubic, DisplayList, FontStyle, Image, ImageClip, Item, Point, Rect, Stroke, TextLine,
};
use crate::paint::{PT_PER_MM, PageSetup};
use crate::text::Face;
use std::collections::HashMap;
use std::sync::Arc;

/// Appends formatted text to a `String` (which cannot fail, unlike `write!`).
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {
        $out.push_str(&format!($($arg)*))
    };
}

/// [`put!`] with a line end.
macro_rules! putln {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

/// What the SVG painter needs besides the display list.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SvgOptions {
    /// Paper, orientation and margins.
    pub page: PageSetup,
}

/// Renders the list onto its page as an SVG document.
pub fn render_svg(list: &DisplayList, options: &SvgOptions) -> String {
    let placement = options.page.place(list);
    let mut svg = String::with_capacity(256 + list.items.len() * 160);
    let lang = escape(&list.language);
    svg.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    putln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{}mm\" height=\"{}mm\" \
         viewBox=\"0 0 {} {}\" xml:lang=\"{lang}\" lang=\"{lang}\">",
        num(placement.page_width / PT_PER_MM),
        num(placement.page_height / PT_PER_MM),
        num(placement.page_width),
        num(placement.page_height),
    );
    if !list.title.is_empty() {
        putln!(svg, "<title>{}</title>", escape(&list.title));
    }
    putln!(
        svg,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"{}/>",
        num(placement.page_width),
        num(placement.page_height),
        fill_attrs(Some(list.background))
    );
    let families = [FontStyle::Regular.primary(), Face::Symbols, Face::Symbols2, Face::Emoji]
        .map(|face| format!("'{}'", face.family()))
        .join(", ");
    putln!(
        svg,
        "<g transform=\"matrix({} 0 0 {} {} {})\" font-family=\"{families}, sans-serif\">",
        num6(placement.scale),
        num6(placement.scale),
        num(placement.offset_x),
        num(placement.offset_y),
    );
    let mut writer = SvgWriter { out: svg, clips: 0, images: HashMap::new() };
    for item in &list.items {
        writer.item(item);
    }
    let mut svg = writer.out;
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// The document being written, with the state that keeps it deterministic and small.
struct SvgWriter {
    out: String,
    /// Clip paths made so far (their ids are `clip0`, `clip1`, … in drawing order).
    clips: usize,
    /// PNG data URLs of the images already encoded, by image (looked up only, never iterated).
    images: HashMap<usize, Option<String>>,
}

impl SvgWriter {
    fn item(&mut self, item: &Item) {
        let out = &mut self.out;
        match item {
            Item::Rect { rect, radius, fill, stroke } => {
                let r = radius.min(rect.width / 2.0).min(rect.height / 2.0).max(0.0);
                let corner = if r > 0.0 { format!(" rx=\"{}\"", num(r)) } else { String::new() };
                putln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{corner}{}{}/>",
                    num(rect.x),
                    num(rect.y),
                    num(rect.width),
                    num(rect.height),
                    fill_attrs(*fill),
                    stroke.as_ref().map_or_else(String::new, |s| stroke_attrs(s, r <= 0.0)),
                );
            }
            Item::Line { points, stroke } => {
                let points: Vec<String> =
                    points.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect();
                putln!(
                    out,
                    "<polyline points=\"{}\" fill=\"none\"{}/>",
                    points.join(" "),
                    stroke_attrs(stroke, false)
                );
            }
            Item::Curve { from, segments, stroke } => {
                putln!(
                    out,
                    "<path d=\"{}\" fill=\"none\"{}/>",
                    path_data(*from, segments, false),
                    stroke_attrs(stroke, false)
                );
            }
            Item::Area { from, segments, fill } => {
                putln!(out, "<path d=\"{}\"{}/>", path_data(*from, segments, true), fill_attrs(Some(*fill)));
            }
            Item::Circle { center, radius, fill, stroke } => {
                putln!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}{}/>",
                    num(center.x),
                    num(center.y),
                    num(*radius),
                    fill_attrs(*fill),
                    stroke.as_ref().map_or_else(String::new, |s| stroke_attrs(s, false)),
                );
            }
            Item::Image { rect, image, clip } => self.image(rect, image, *clip),
            Item::Text(line) => text(out, line),
        }
    }

    fn image(&mut self, rect: &Rect, image: &Arc<Image>, clip: ImageClip) {
        let key = Arc::as_ptr(image) as usize;
        let url = self.images.entry(key).or_insert_with(|| png_data_url(image)).clone();
        let Some(url) = url else {
            // Pixels that do not match the size: show where the picture should be.
            putln!(
                self.out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#c8c8c8\"/>",
                num(rect.x),
                num(rect.y),
                num(rect.width),
                num(rect.height)
            );
            return;
        };
        let clip_attr = match clip {
            ImageClip::Rect => String::new(),
            ImageClip::Ellipse => {
                let id = self.clips;
                self.clips += 1;
                let c = rect.center();
                putln!(
                    self.out,
                    "<clipPath id=\"clip{id}\"><ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"/></clipPath>",
                    num(c.x),
                    num(c.y),
                    num(rect.width / 2.0),
                    num(rect.height / 2.0)
                );
                format!(" clip-path=\"url(#clip{id})\"")
            }
        };
        putln!(
            self.out,
            "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\"{clip_attr} href=\"{url}\"/>",
            num(rect.x),
            num(rect.y),
            num(rect.width),
            num(rect.height)
        );
    }
}

fn text(out: &mut String, line: &TextLine) {
    if line.text.trim().is_empty() {
        return;
    }
    let weight = match line.style {
        FontStyle::Bold => " font-weight=\"bold\"",
        FontStyle::Regular | FontStyle::Italic => "",
    };
    let slant = match line.style {
        FontStyle::Italic => " font-style=\"italic\"",
        FontStyle::Regular | FontStyle::Bold => "",
    };
    let length = if line.width > 0.0 {
        format!(" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"", num(line.width))
    } else {
        String::new()
    };
    putln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{weight}{slant}{}{length} xml:space=\"preserve\">{}</text>",
        num(line.origin.x),
        num(line.origin.y),
        num(line.size),
        fill_attrs(Some(line.colour)),
        escape(&line.text)
    );
}

fn path_data(from: Point, segments: &[Cubic], close: bool) -> String {
    let mut d = format!("M{} {}", num(from.x), num(from.y));
    for s in segments {
        put!(
            d,
            " C{} {} {} {} {} {}",
            num(s.c1.x),
            num(s.c1.y),
            num(s.c2.x),
            num(s.c2.y),
            num(s.to.x),
            num(s.to.y)
        );
    }
    if close {
        d.push_str(" Z");
    }
    d
}

fn fill_attrs(fill: Option<Colour>) -> String {
    match fill {
        None => " fill=\"none\"".to_owned(),
        Some(c) if c.a == 255 => format!(" fill=\"{}\"", c.with_alpha(255).to_hex()),
        Some(c) => format!(" fill=\"{}\" fill-opacity=\"{}\"", c.with_alpha(255).to_hex(), opacity(c.a)),
    }
}

/// Stroke attributes; `sharp` keeps mitred corners (rectangles), otherwise joins and caps are round.
fn stroke_attrs(stroke: &Stroke, sharp: bool) -> String {
    let mut attrs = format!(
        " stroke=\"{}\" stroke-width=\"{}\"",
        stroke.colour.with_alpha(255).to_hex(),
        num(stroke.width)
    );
    if stroke.colour.a != 255 {
        put!(attrs, " stroke-opacity=\"{}\"", opacity(stroke.colour.a));
    }
    let dash = stroke.dash.filter(|&(dash, gap)| dash > 0.0 && gap >= 0.0);
    if let Some((dash, gap)) = dash {
        put!(attrs, " stroke-dasharray=\"{} {}\"", num(dash), num(gap));
    }
    if !sharp {
        attrs.push_str(" stroke-linejoin=\"round\"");
        if dash.is_none() {
            attrs.push_str(" stroke-linecap=\"round\"");
        }
    }
    attrs
}

fn opacity(alpha: u8) -> String {
    let s = format!("{:.3}", f32::from(alpha) / 255.0);
    trim_number(s)
}

/// A coordinate with at most two decimals, no trailing zeros, never `-0`.
fn num(value: f32) -> String {
    trim_number(format!("{:.2}", if value.is_finite() { value } else { 0.0 }))
}

/// A scale factor with at most six decimals (a poster is a few thousand points wide).
fn num6(value: f32) -> String {
    trim_number(format!("{:.6}", if value.is_finite() { value } else { 1.0 }))
}

fn trim_number(mut s: String) -> String {
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" { "0".to_owned() } else { s }
}

/// Text for XML content and attributes: markup characters and quotes escaped, tabs and line
/// ends as character references, and characters XML 1.0 forbids (other control characters,
/// U+FFFE, U+FFFF) left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The image as a `data:image/png;base64,…` URL; `None` when its pixels do not match its size.
fn png_data_url(image: &Image) -> Option<String> {
    let expected = (image.width as usize).checked_mul(image.height as usize)?.checked_mul(4)?;
    if image.width == 0 || image.height == 0 || image.rgba.len() != expected {
        return None;
    }
    let mut bytes = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut bytes, image.width, image.height);
    encoder.set_color(::png::ColorType::Rgba);
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_compression(::png::Compression::Balanced);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&image.rgba).ok()?;
    writer.finish().ok()?;
    let mut url = String::from("data:image/png;base64,");
    base64(&bytes, &mut url);
    Some(url)
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8], out: &mut String) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    out.reserve(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            let mut out = String::new();
            base64(input.as_bytes(), &mut out);
            assert_eq!(out, expected);
        }
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.234_567), "1.23");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(10.5), "10.5");
        assert_eq!(num(f32::NAN), "0");
        assert_eq!(opacity(128), "0.502");
    }

    #[test]
    fn escaping_covers_markup_quotes_and_control_characters() {
        assert_eq!(escape("a & b < c > d \"e\" 'f'"), "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
        assert_eq!(escape("x\u{1}y\u{7}z\tw\u{fffe}"), "xyz&#9;w");
        assert_eq!(escape("«\u{202f}Été\u{202f}»"), "«\u{202f}Été\u{202f}»");
    }
}
