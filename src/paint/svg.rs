//! The SVG painter: the same display list as vector shapes, with glyphs as outlines.
//!
//! The document is the page: `width`/`height` in millimetres, a `viewBox` in points, the
//! background over the whole page and the poster in a group placed by [`PageSetup::place`].
//!
//! Text looks the same in every viewer, fonts installed or not: each glyph the poster uses is a
//! `<path>` in `<defs>`, written once per (face, glyph) in font units, and each line is a group
//! scaled to its size that places `<use>`s of them at exactly the positions the layout shaped (the
//! positions the PNG and PDF painters draw). `@font-face` would not do: librsvg and Inkscape
//! ignore it. The words stay searchable and selectable as an invisible text layer over the
//! glyphs: one `<text>` per line at its baseline origin, with the `textLength` the layout
//! measured, so a viewer's selection box covers the drawn line whatever font it falls back to.
//! Images are embedded as PNG data URLs. The output is deterministic: numbers are written with
//! two decimals at most (one in font units), glyphs are defined in (face, glyph id) order and
//! other ids are numbered in drawing order.

use crate::display::{Colour, Cubic, DisplayList, Image, ImageClip, Item, Point, Rect, Stroke, TextLine};
use crate::paint::{PT_PER_MM, PageSetup};
use crate::text::{Face, FontStyle, Fonts, PathCmd};
use std::collections::{BTreeMap, HashMap};
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
    let mut writer = SvgWriter {
        out: String::with_capacity(256 + list.items.len() * 160),
        text_layer: String::new(),
        clips: 0,
        images: HashMap::new(),
        glyphs: BTreeMap::new(),
    };
    for item in &list.items {
        writer.item(item);
    }

    let mut svg = String::with_capacity(writer.out.len() + writer.text_layer.len() + 1024);
    let lang = escape(&list.language);
    svg.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    putln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" \
         width=\"{}mm\" height=\"{}mm\" viewBox=\"0 0 {} {}\" xml:lang=\"{lang}\" lang=\"{lang}\">",
        num(placement.page_width / PT_PER_MM),
        num(placement.page_height / PT_PER_MM),
        num(placement.page_width),
        num(placement.page_height),
    );
    if !list.title.is_empty() {
        putln!(svg, "<title>{}</title>", escape(&list.title));
    }
    glyph_defs(&mut svg, &writer.glyphs);
    if list.background.a > 0 {
        putln!(
            svg,
            "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"{}/>",
            num(placement.page_width),
            num(placement.page_height),
            fill_attrs(Some(list.background))
        );
    }
    putln!(
        svg,
        "<g transform=\"matrix({} 0 0 {} {} {})\">",
        num6(placement.scale),
        num6(placement.scale),
        num(placement.offset_x),
        num(placement.offset_y),
    );
    svg.push_str(&writer.out);
    if !writer.text_layer.is_empty() {
        // Named fonts only size the selection boxes (the glyphs above are what shows).
        let families = [FontStyle::Regular.primary(), Face::Symbols, Face::Symbols2, Face::Emoji]
            .map(|face| format!("'{}'", face.family()))
            .join(", ");
        putln!(
            svg,
            "<g id=\"text\" fill-opacity=\"0\" font-family=\"{families}, sans-serif\" xml:space=\"preserve\">"
        );
        svg.push_str(&writer.text_layer);
        svg.push_str("</g>\n");
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// The `<defs>` with one `<path>` per glyph used, in font units with y up, in (face, id) order.
fn glyph_defs(svg: &mut String, glyphs: &BTreeMap<(Face, u32), String>) {
    if glyphs.values().all(String::is_empty) {
        return;
    }
    svg.push_str("<defs>\n");
    for (&(face, id), d) in glyphs.iter().filter(|(_, d)| !d.is_empty()) {
        putln!(svg, "<path id=\"{}\" d=\"{d}\"/>", glyph_id(face, id));
    }
    svg.push_str("</defs>\n");
}

/// The document being written, with the state that keeps it deterministic and small.
struct SvgWriter {
    /// The drawing, item by item.
    out: String,
    /// The invisible `<text>` of every line, drawn over everything else.
    text_layer: String,
    /// Clip paths made so far (their ids are `clip0`, `clip1`, … in drawing order).
    clips: usize,
    /// PNG data URLs of the images already encoded, by image (looked up only, never iterated).
    images: HashMap<usize, Option<String>>,
    /// Path data of every glyph used, in font units (empty for blank glyphs such as spaces).
    glyphs: BTreeMap<(Face, u32), String>,
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
            Item::Text(line) => self.text(line),
        }
    }

    /// A line: its glyphs as `<use>`s of their outlines, and its words in the text layer.
    fn text(&mut self, line: &TextLine) {
        if line.text.trim().is_empty() {
            return;
        }
        if line.colour.a > 0 && line.size > 0.0 {
            self.glyph_runs(line);
        }
        text_layer_line(&mut self.text_layer, line);
    }

    /// One group per run of glyphs whose faces share a design grid (emoji use another), scaled
    /// from font units to the line's size, flipped (fonts point y up) and placed at the line's
    /// origin; each glyph a `<use>` at its shaped position, in font units.
    fn glyph_runs(&mut self, line: &TextLine) {
        let fonts = Fonts::get();
        // The design grid of the open group, and font units per point in it.
        let mut open_units: Option<(f32, f32)> = None;
        for glyph in &line.glyphs {
            let path = self.glyphs.entry((glyph.face, glyph.id)).or_insert_with(|| {
                let units = fonts.units_per_em(glyph.face);
                outline_data(&fonts.outline(glyph.face, glyph.id, units))
            });
            if path.is_empty() {
                continue;
            }
            let units = fonts.units_per_em(glyph.face);
            if open_units.is_none_or(|(open, _)| open.to_bits() != units.to_bits()) {
                if open_units.is_some() {
                    self.out.push_str("</g>\n");
                }
                let scale = num6(line.size / units);
                put!(
                    self.out,
                    "<g{} transform=\"matrix({scale} 0 0 -{scale} {} {})\">",
                    fill_attrs(Some(line.colour)),
                    num(line.origin.x),
                    num(line.origin.y),
                );
                // Positions are divided by the scale as written, so rounding it moves no glyph.
                let written = scale.parse::<f32>().ok().filter(|s| *s > 0.0).unwrap_or(line.size / units);
                open_units = Some((units, 1.0 / written));
            }
            let per_point = open_units.map_or(1.0, |(_, per_point)| per_point);
            put!(self.out, "<use xlink:href=\"#{}\"", glyph_id(glyph.face, glyph.id));
            let x = num1(glyph.x * per_point);
            if x != "0" {
                put!(self.out, " x=\"{x}\"");
            }
            let y = num1(glyph.y * per_point);
            if y != "0" {
                put!(self.out, " y=\"{y}\"");
            }
            self.out.push_str("/>");
        }
        if open_units.is_some() {
            self.out.push_str("</g>\n");
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
        // The image covers its box, centred (preserveAspectRatio's `slice`), cut to the box.
        let drawn = image.cover_rect(*rect);
        let cropped = drawn != *rect;
        let clip_attr = match clip {
            ImageClip::Rect if !cropped => String::new(),
            ImageClip::Rect => {
                let id = self.clips;
                self.clips += 1;
                putln!(
                    self.out,
                    "<clipPath id=\"clip{id}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
                    num(rect.x),
                    num(rect.y),
                    num(rect.width),
                    num(rect.height)
                );
                format!(" clip-path=\"url(#clip{id})\"")
            }
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
            "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\"{clip_attr} xlink:href=\"{url}\"/>",
            num(drawn.x),
            num(drawn.y),
            num(drawn.width),
            num(drawn.height)
        );
    }
}

/// The invisible `<text>` of a line, for search, selection and copy: at the line's baseline
/// origin, as wide as the glyphs drawn (`textLength`), in the style asked for.
fn text_layer_line(out: &mut String, line: &TextLine) {
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
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{weight}{slant}{length}>{}</text>",
        num(line.origin.x),
        num(line.origin.y),
        num(line.size),
        escape(&line.text)
    );
}

/// The id of a glyph's outline in `<defs>`: a letter for the face, then the glyph id.
fn glyph_id(face: Face, id: u32) -> String {
    let letter = match face {
        Face::Regular => 'r',
        Face::Bold => 'b',
        Face::Italic => 'i',
        Face::Symbols => 's',
        Face::Symbols2 => 't',
        Face::Emoji => 'e',
    };
    format!("{letter}{id}")
}

/// Path data of a glyph outline, in the outline's own units (font units here, y up); empty
/// for a glyph with no outline. Relative commands, a letter only when it changes, and no space
/// before a minus sign keep the definitions short.
fn outline_data(outline: &[PathCmd]) -> String {
    let mut d = CompactPath::default();
    for cmd in outline {
        match *cmd {
            PathCmd::MoveTo(x, y) => {
                d.command('m', &[(x, y)]);
                d.start = (x, y);
            }
            PathCmd::LineTo(x, y) => d.command('l', &[(x, y)]),
            PathCmd::QuadTo(x1, y1, x, y) => d.command('q', &[(x1, y1), (x, y)]),
            PathCmd::CurveTo(x1, y1, x2, y2, x, y) => d.command('c', &[(x1, y1), (x2, y2), (x, y)]),
            PathCmd::Close => {
                d.out.push('z');
                d.last = 'z';
                d.at = d.start;
            }
        }
    }
    d.out
}

/// Path data being written with relative coordinates.
#[derive(Default)]
struct CompactPath {
    out: String,
    /// The last command letter written.
    last: char,
    /// The current point, as written (rounded), so rounding errors never add up.
    at: (f32, f32),
    /// Where the current contour started (a close returns there).
    start: (f32, f32),
}

impl CompactPath {
    /// A command whose points are all relative to the current point; the last one becomes it.
    fn command(&mut self, letter: char, points: &[(f32, f32)]) {
        // After a moveto, implicit repeats would be linetos: always write `m`.
        let mut after_letter = false;
        if self.last != letter || letter == 'm' {
            self.out.push(letter);
            self.last = letter;
            after_letter = true;
        }
        let (x0, y0) = self.at;
        for &(x, y) in points {
            for value in [x - x0, y - y0] {
                let text = num1(value);
                if !after_letter && !text.starts_with('-') {
                    self.out.push(' ');
                }
                after_letter = false;
                self.out.push_str(&text);
            }
        }
        if let Some(&(x, y)) = points.last() {
            // Move by what was written, so rounding never adds up along a contour.
            let written = |v: f32| num1(v).parse::<f32>().unwrap_or(0.0);
            self.at = (x0 + written(x - x0), y0 + written(y - y0));
        }
    }
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

/// A length in font units, with at most one decimal (a thousandth of an em is already finer
/// than any printer).
fn num1(value: f32) -> String {
    trim_number(format!("{:.1}", if value.is_finite() { value } else { 0.0 }))
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

    /// Reads path data written by [`outline_data`] back into absolute commands.
    fn parse_path(d: &str) -> Vec<PathCmd> {
        let mut tokens = Vec::new();
        let mut number = String::new();
        for c in d.chars() {
            if (c.is_ascii_alphabetic() || c == ' ' || c == '-') && !number.is_empty() {
                tokens.push(std::mem::take(&mut number));
            }
            if c.is_ascii_alphabetic() {
                tokens.push(c.to_string());
            } else if c != ' ' {
                number.push(c);
            }
        }
        if !number.is_empty() {
            tokens.push(number);
        }
        let (mut out, mut at, mut start, mut letter) = (Vec::new(), (0.0_f32, 0.0_f32), (0.0, 0.0), ' ');
        let mut i = 0;
        while i < tokens.len() {
            if tokens[i].chars().all(|c| c.is_ascii_alphabetic()) {
                letter = tokens[i].chars().next().unwrap();
                i += 1;
                if letter == 'z' {
                    out.push(PathCmd::Close);
                    at = start;
                    continue;
                }
            }
            let count = match letter {
                'm' | 'l' => 2,
                'q' => 4,
                'c' => 6,
                other => panic!("unexpected command {other:?} in {d}"),
            };
            let v: Vec<f32> = tokens[i..i + count].iter().map(|t| t.parse().unwrap()).collect();
            i += count;
            let p = |k: usize| (at.0 + v[2 * k], at.1 + v[2 * k + 1]);
            let cmd = match letter {
                'm' => PathCmd::MoveTo(p(0).0, p(0).1),
                'l' => PathCmd::LineTo(p(0).0, p(0).1),
                'q' => PathCmd::QuadTo(p(0).0, p(0).1, p(1).0, p(1).1),
                _ => PathCmd::CurveTo(p(0).0, p(0).1, p(1).0, p(1).1, p(2).0, p(2).1),
            };
            at = p(count / 2 - 1);
            if letter == 'm' {
                start = at;
            }
            out.push(cmd);
        }
        out
    }

    #[test]
    fn glyph_outlines_are_short_relative_paths() {
        let square = [
            PathCmd::MoveTo(100.0, 0.0),
            PathCmd::LineTo(300.0, 0.0),
            PathCmd::LineTo(300.0, 200.0),
            PathCmd::LineTo(100.0, 200.0),
            PathCmd::Close,
            PathCmd::MoveTo(150.0, 50.0),
            PathCmd::QuadTo(150.0, 150.0, 250.5, 150.0),
            PathCmd::Close,
        ];
        assert_eq!(outline_data(&square), "m100 0l200 0 0 200-200 0zm50 50q0 100 100.5 100z");
        assert_eq!(outline_data(&[]), "");
    }

    #[test]
    fn glyph_outlines_read_back_exactly_in_font_units() {
        let fonts = Fonts::get();
        let mut glyphs = 0;
        for style in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic] {
            let line = fonts.line("Découverte 6,90\u{a0}€ « œ » 📱 ✓ ★ →", style, 10.0);
            for g in &line.glyphs {
                let outline = fonts.outline(g.face, g.id, fonts.units_per_em(g.face));
                let d = outline_data(&outline);
                assert_eq!(parse_path(&d), outline, "{:?} {}: {d}", g.face, g.id);
                glyphs += usize::from(!outline.is_empty());
            }
        }
        assert!(glyphs > 50, "{glyphs}");
    }

    #[test]
    fn escaping_covers_markup_quotes_and_control_characters() {
        assert_eq!(escape("a & b < c > d \"e\" 'f'"), "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
        assert_eq!(escape("x\u{1}y\u{7}z\tw\u{fffe}"), "xyz&#9;w");
        assert_eq!(escape("«\u{202f}Été\u{202f}»"), "«\u{202f}Été\u{202f}»");
    }
}
