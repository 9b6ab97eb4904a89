//! Fonts, shaping and line breaking: the only place text is measured. It owns the types of
//! shaped text ([`Face`], [`FontStyle`], [`Glyph`]) that the display list carries.
//!
//! The bundled faces (`assets/fonts`) are shaped with harfrust and read with skrifa, at the
//! versions egui 0.37 uses, with the same per-character fallback and the same advance for thin
//! and narrow no-break spaces: a line measured here is as wide as egui draws it. Line breaking
//! follows Unicode's rules (UAX #14), so U+00A0 and U+202F — the spaces of French typography
//! before `:` `;` `!` `?` `»` — never break a line; words too long for the width are cut.

use harfrust::{Direction, Script, ShapeOptions, ShapePlan, ShaperData, UnicodeBuffer};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, GlyphId, MetadataProvider as _};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

// Counts the steps of line breaking (breaks looked at, characters and glyphs visited), so
// tests can check that wrapping stays linear in the length of the text.
#[cfg(test)]
thread_local! {
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
fn work(steps: usize) {
    WORK.with(|w| w.set(w.get() + steps as u64));
}

#[cfg(not(test))]
#[inline(always)]
fn work(_: usize) {}

thread_local! {
    /// Shape plans by face, script and direction. Building a plan is most of the cost of shaping
    /// a short text; harfrust would build the very same plan on every call without this.
    static PLANS: RefCell<HashMap<(Face, Script, Direction), ShapePlan>> = RefCell::new(HashMap::new());
}

/// How far a glyph's ink may reach outside its line's box (the style's ascent and descent over
/// the advance width), in ems of the font size. Measured over every glyph of the bundled faces:
/// at most 0.40 above (a Noto Sans Symbols arrow), 0.27 below, 0.36 left and 0.25 right; a test
/// keeps this true when the fonts change.
pub const GLYPH_OVERHANG_EM: f32 = 0.5;

/// A glyph of a shaped text line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    /// The font face the glyph comes from (fallback fonts included).
    pub face: Face,
    /// Glyph id in that face.
    pub id: u32,
    /// Offset of the glyph's origin from the line's origin along the baseline, in points.
    pub x: f32,
    /// Offset above the baseline, in points (positive = up, as in fonts).
    pub y: f32,
    /// Byte offset in the line's text ([`Line::text`]) of the first character this glyph shows.
    pub cluster: u32,
}

/// The weight and slant asked for; the glyphs record which face actually drew each one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontStyle {
    /// Body text.
    #[default]
    Regular,
    /// Titles and names.
    Bold,
    /// Quotes.
    Italic,
}

/// A bundled font file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Noto Sans Regular: body text.
    Regular,
    /// Noto Sans Bold: titles and names.
    Bold,
    /// Noto Sans Italic: quotes.
    Italic,
    /// Noto Sans Symbols: arrows and technical symbols.
    Symbols,
    /// Noto Sans Symbols 2: ticks, stars, shapes.
    Symbols2,
    /// Noto Emoji (monochrome).
    Emoji,
}

impl Face {
    /// Every face, in fallback order after the primary one.
    pub const ALL: [Face; 6] =
        [Face::Regular, Face::Bold, Face::Italic, Face::Symbols, Face::Symbols2, Face::Emoji];

    /// The font file's bytes (TrueType).
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
            Face::Bold => include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
            Face::Italic => include_bytes!("../../assets/fonts/NotoSans-Italic.ttf"),
            Face::Symbols => include_bytes!("../../assets/fonts/NotoSansSymbols-Regular.ttf"),
            Face::Symbols2 => include_bytes!("../../assets/fonts/NotoSansSymbols2-Regular.ttf"),
            Face::Emoji => include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf"),
        }
    }

    /// A short name for egui's font definitions, caches and file names.
    pub fn key(self) -> &'static str {
        match self {
            Face::Regular => "NotoSans-Regular",
            Face::Bold => "NotoSans-Bold",
            Face::Italic => "NotoSans-Italic",
            Face::Symbols => "NotoSansSymbols-Regular",
            Face::Symbols2 => "NotoSansSymbols2-Regular",
            Face::Emoji => "NotoEmoji-Regular",
        }
    }

    /// The CSS family name (SVG): the font's own family name, as its `name` table spells it.
    pub fn family(self) -> &'static str {
        match self {
            Face::Regular | Face::Bold | Face::Italic => "Noto Sans",
            Face::Symbols => "Noto Sans Symbols",
            Face::Symbols2 => "Noto Sans Symbols2",
            Face::Emoji => "Noto Emoji",
        }
    }

    fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
            Face::Symbols => 3,
            Face::Symbols2 => 4,
            Face::Emoji => 5,
        }
    }
}

impl FontStyle {
    /// The faces tried for each character, in order: the style's own face, then the fallbacks.
    pub fn chain(self) -> [Face; 4] {
        [self.primary(), Face::Symbols, Face::Symbols2, Face::Emoji]
    }

    /// The style's own face.
    pub fn primary(self) -> Face {
        match self {
            FontStyle::Regular => Face::Regular,
            FontStyle::Bold => Face::Bold,
            FontStyle::Italic => Face::Italic,
        }
    }
}

/// One parsed face: the font, its shaping tables and metrics in font units.
struct Loaded {
    font: FontRef<'static>,
    charmap: Charmap<'static>,
    shaper: ShaperData,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
}

/// The bundled fonts, parsed once. Get them with [`Fonts::get`].
pub struct Fonts {
    faces: Vec<Loaded>,
    /// The face of each ASCII character, per style (Regular, Bold, Italic).
    ascii: [[Face; 128]; 3],
}

/// A shaped glyph with its advance, before line breaking.
#[derive(Clone, Copy, Debug)]
struct Shaped {
    glyph: Glyph,
    advance: f32,
}

/// One line produced by [`Fonts::wrap`]: its text and glyphs relative to the line's origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The characters of the line (trailing spaces removed).
    pub text: String,
    /// Glyphs, positioned from the left end of the baseline, in points.
    pub glyphs: Vec<Glyph>,
    /// Advance width, in points.
    pub width: f32,
}

/// A glyph outline command, in points, y up, relative to the glyph's origin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PathCmd {
    /// Start a contour.
    MoveTo(f32, f32),
    /// A straight segment.
    LineTo(f32, f32),
    /// A quadratic segment: control point, end point.
    QuadTo(f32, f32, f32, f32),
    /// A cubic segment: two control points, end point.
    CurveTo(f32, f32, f32, f32, f32, f32),
    /// Close the contour.
    Close,
}

struct Pen(Vec<PathCmd>);

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push(PathCmd::MoveTo(x, y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push(PathCmd::LineTo(x, y));
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.push(PathCmd::QuadTo(cx0, cy0, x, y));
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.push(PathCmd::CurveTo(cx0, cy0, cx1, cy1, x, y));
    }
    fn close(&mut self) {
        self.0.push(PathCmd::Close);
    }
}

impl Fonts {
    /// The bundled fonts, parsed on first use.
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(Fonts::load)
    }

    fn load() -> Fonts {
        let faces = Face::ALL
            .iter()
            .map(|face| {
                // The bundled files are known-good TrueType fonts (tests load each one), so a
                // parse failure can only come from a corrupted build; fall back to an empty font.
                let font = FontRef::new(face.bytes()).unwrap_or_else(|_| {
                    FontRef::new(Face::Regular.bytes()).unwrap_or_else(|_| unreachable_font())
                });
                let metrics = font.metrics(Size::unscaled(), LocationRef::default());
                Loaded {
                    charmap: font.charmap(),
                    shaper: ShaperData::new(&font),
                    units_per_em: f32::from(metrics.units_per_em.max(1)),
                    ascent: metrics.ascent,
                    descent: -metrics.descent,
                    font,
                }
            })
            .collect();
        let mut fonts = Fonts { faces, ascii: [[Face::Regular; 128]; 3] };
        for (i, style) in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic].into_iter().enumerate() {
            let mut table = [Face::Regular; 128];
            for (c, slot) in (0_u8..128).zip(table.iter_mut()) {
                *slot = fonts.face_lookup(style, char::from(c));
            }
            fonts.ascii[i] = table;
        }
        fonts
    }

    fn loaded(&self, face: Face) -> &Loaded {
        &self.faces[face.index()]
    }

    /// Distance from the baseline to the top of a line of this style, in points.
    pub fn ascent(&self, style: FontStyle, size: f32) -> f32 {
        let f = self.loaded(style.primary());
        f.ascent / f.units_per_em * size
    }

    /// Distance from the baseline to the bottom of a line of this style, in points (positive).
    pub fn descent(&self, style: FontStyle, size: f32) -> f32 {
        let f = self.loaded(style.primary());
        f.descent / f.units_per_em * size
    }

    /// True when some face of the style's chain has a glyph for `c`.
    pub fn covers(&self, style: FontStyle, c: char) -> bool {
        style.chain().iter().any(|&face| self.loaded(face).charmap.map(c).is_some())
    }

    /// The face that draws `c` in this style: the first of the chain that has it.
    fn face_for(&self, style: FontStyle, c: char) -> Face {
        if let Some(&face) = usize::try_from(u32::from(c)).ok().and_then(|i| {
            let table = match style {
                FontStyle::Regular => &self.ascii[0],
                FontStyle::Bold => &self.ascii[1],
                FontStyle::Italic => &self.ascii[2],
            };
            table.get(i)
        }) {
            return face;
        }
        self.face_lookup(style, c)
    }

    fn face_lookup(&self, style: FontStyle, c: char) -> Face {
        style
            .chain()
            .into_iter()
            .find(|&face| self.loaded(face).charmap.map(c).is_some())
            .unwrap_or(style.primary())
    }

    /// The face's design grid: font units per em. [`Fonts::outline`] at this size gives the
    /// outline in font units.
    pub fn units_per_em(&self, face: Face) -> f32 {
        self.loaded(face).units_per_em
    }

    /// The outline of a glyph at `size` points, y up, relative to its origin.
    pub fn outline(&self, face: Face, glyph: u32, size: f32) -> Vec<PathCmd> {
        let loaded = self.loaded(face);
        let outlines = loaded.font.outline_glyphs();
        let Some(outline) = outlines.get(GlyphId::new(glyph)) else {
            return Vec::new();
        };
        let mut pen = Pen(Vec::new());
        let settings = DrawSettings::unhinted(Size::new(size), LocationRef::default());
        if outline.draw(settings, &mut pen).is_err() {
            return Vec::new();
        }
        pen.0
    }

    /// The advance width of one line of text, in points, as egui would draw it.
    pub fn measure(&self, text: &str, style: FontStyle, size: f32) -> f32 {
        self.shape(text, style, size).iter().map(|s| s.advance).sum()
    }

    /// Shapes one line (no wrapping); newlines are drawn as nothing.
    pub fn line(&self, text: &str, style: FontStyle, size: f32) -> Line {
        let shaped = self.shape(text, style, size);
        let width = shaped.iter().map(|s| s.advance).sum();
        Line { text: text.to_owned(), glyphs: shaped.into_iter().map(|s| s.glyph).collect(), width }
    }

    /// Breaks `text` into lines no wider than `max_width` points. Newlines end paragraphs;
    /// breaks follow UAX #14 (never at U+00A0 or U+202F); a word wider than the line is cut
    /// between characters. An empty paragraph gives an empty line.
    pub fn wrap(&self, text: &str, style: FontStyle, size: f32, max_width: f32) -> Vec<Line> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let paragraph = paragraph.strip_suffix('\r').unwrap_or(paragraph);
            self.wrap_paragraph(paragraph, style, size, max_width, &mut lines);
        }
        lines
    }

    /// Shapes `text` once so that [`Breakable::lines`] can count its lines at any width and
    /// [`Breakable::wrap`] can break it, exactly as [`Fonts::wrap`] would, without shaping again:
    /// what the layout's search over column widths measures with.
    pub fn breakable(&self, text: &str, style: FontStyle, size: f32) -> Breakable {
        let paragraphs = text
            .split('\n')
            .map(|paragraph| self.paragraph(paragraph.strip_suffix('\r').unwrap_or(paragraph), style, size))
            .collect();
        Breakable { paragraphs }
    }

    /// Shapes one paragraph and finds where its lines may break.
    fn paragraph(&self, text: &str, style: FontStyle, size: f32) -> Paragraph {
        if text.trim().is_empty() {
            return Paragraph::default();
        }
        // x position of each byte offset that starts a cluster, from one shaping of the paragraph.
        let shaped = self.shape(text, style, size);
        let mut x_at = vec![f32::NAN; text.len() + 1];
        let mut x = 0.0;
        for s in &shaped {
            let c = s.glyph.cluster as usize;
            if c < x_at.len() && x_at[c].is_nan() {
                x_at[c] = x;
            }
            x += s.advance;
        }
        x_at[text.len()] = x;
        // Fill bytes inside clusters with the cluster's end so any char boundary has a position.
        let mut next = x;
        for v in x_at.iter_mut().rev() {
            if v.is_nan() {
                *v = next;
            } else {
                next = *v;
            }
        }
        // Glyph indices in cluster order, so that each line finds its glyphs by binary search
        // instead of looking at every glyph of the paragraph (which made wrapping quadratic).
        // Stable, and linear when clusters already ascend (left-to-right text).
        let mut by_cluster: Vec<usize> = (0..shaped.len()).collect();
        by_cluster.sort_by_key(|&i| shaped[i].glyph.cluster);
        let breaks: Vec<usize> = unicode_linebreak::linebreaks(text).map(|(at, _)| at).collect();
        let trimmed = breaks.iter().map(|&at| text[..at].trim_end().len()).collect();
        Paragraph { text: text.to_owned(), shaped, by_cluster, x_at, breaks, trimmed }
    }

    fn wrap_paragraph(&self, text: &str, style: FontStyle, size: f32, max_width: f32, out: &mut Vec<Line>) {
        self.paragraph(text, style, size).wrap(max_width, out);
    }

    /// Shapes a line with per-character fallback, the way epaint does.
    fn shape(&self, text: &str, style: FontStyle, size: f32) -> Vec<Shaped> {
        let mut out = Vec::with_capacity(text.len());
        let mut x = 0.0_f32;
        let primary = self.loaded(style.primary());
        let space_advance = primary
            .font
            .charmap()
            .map(' ')
            .map(|g| primary.font.glyph_metrics(Size::unscaled(), LocationRef::default()).advance_width(g))
            .and_then(|a| a)
            .unwrap_or(primary.units_per_em * 0.26);
        let thin_space = 0.5 * space_advance / primary.units_per_em * size;

        for (run_start, run_end, face) in self.runs(text, style) {
            let loaded = self.loaded(face);
            let run_text = &text[run_start..run_end];
            let shaper = loaded.shaper.shaper(&loaded.font).build();
            let mut buffer = UnicodeBuffer::new();
            buffer.push_str(run_text);
            buffer.guess_segment_properties();
            let key = (face, buffer.script(), buffer.direction());
            let glyphs = PLANS.with(|plans| {
                let mut plans = plans.borrow_mut();
                let plan = plans.entry(key).or_insert_with(|| {
                    ShapePlan::new(&shaper, key.2, Some(key.1), buffer.language().as_ref(), &[])
                });
                shaper.shape(buffer, ShapeOptions::new().plan(Some(plan)))
            });
            let scale = size / loaded.units_per_em;
            for (info, pos) in glyphs.glyph_infos().iter().zip(glyphs.glyph_positions()) {
                let cluster = run_start + info.cluster as usize;
                let c = text.get(cluster..).and_then(|s| s.chars().next()).unwrap_or(' ');
                let mut advance = pos.x_advance as f32 * scale;
                if c == '\u{2009}' || c == '\u{202F}' {
                    advance = thin_space;
                }
                out.push(Shaped {
                    glyph: Glyph {
                        face,
                        id: info.glyph_id,
                        x: x + pos.x_offset as f32 * scale,
                        y: pos.y_offset as f32 * scale,
                        cluster: u32::try_from(cluster).unwrap_or(u32::MAX),
                    },
                    advance,
                });
                x += advance;
            }
        }
        out
    }

    /// Splits text into runs drawn by one face each. Marks, joiners and variation selectors
    /// stay with the character before them.
    fn runs(&self, text: &str, style: FontStyle) -> Vec<(usize, usize, Face)> {
        let mut runs: Vec<(usize, usize, Face)> = Vec::new();
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let sticks = matches!(c, '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{0300}'..='\u{036f}');
            if let Some(last) = runs.last_mut() {
                if sticks {
                    last.1 = end;
                    continue;
                }
                let face = self.face_for(style, c);
                if face == last.2 {
                    last.1 = end;
                    continue;
                }
                runs.push((i, end, face));
            } else {
                runs.push((i, end, self.face_for(style, c)));
            }
        }
        split_long_runs(text, runs)
    }
}

/// Runs longer than this are shaped in pieces (see [`split_long_runs`]).
const LONG_RUN_BYTES: usize = 4096;

/// Cuts runs longer than [`LONG_RUN_BYTES`] after a space, so that a very long text is shaped in
/// pieces that stay in the processor's cache: shaping a megabyte in one buffer was several times
/// slower per character than in pieces. A space is where lines break anyway, and the layout
/// already relies on shaping being the same on both sides of it. Texts of a normal size (a card,
/// a description) have no run this long and are shaped exactly as before.
fn split_long_runs(text: &str, runs: Vec<(usize, usize, Face)>) -> Vec<(usize, usize, Face)> {
    if runs.iter().all(|(start, end, _)| end - start <= LONG_RUN_BYTES) {
        return runs;
    }
    let mut out = Vec::with_capacity(runs.len() + text.len() / LONG_RUN_BYTES);
    for (mut start, end, face) in runs {
        while end - start > LONG_RUN_BYTES {
            // The first space after the target length; none: the rest stays whole.
            let mut from = start + LONG_RUN_BYTES;
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let Some(space) = text.get(from..end).and_then(|rest| rest.find(' ')) else { break };
            let cut = from + space + 1;
            if cut >= end {
                break;
            }
            out.push((start, cut, face));
            start = cut;
        }
        out.push((start, end, face));
    }
    out
}

/// A text shaped once, to count its lines or break it at any width: see [`Fonts::breakable`].
#[derive(Clone, Debug, Default)]
pub struct Breakable {
    paragraphs: Vec<Paragraph>,
}

impl Breakable {
    /// How many lines [`Fonts::wrap`] gives at `max_width` points.
    pub fn lines(&self, max_width: f32) -> usize {
        let mut count = 0;
        for paragraph in &self.paragraphs {
            if paragraph.text.is_empty() {
                count += 1;
            } else {
                paragraph.break_at(max_width, |_, _| count += 1);
            }
        }
        count
    }

    /// The lines [`Fonts::wrap`] gives at `max_width` points, without shaping again.
    pub fn wrap(&self, max_width: f32) -> Vec<Line> {
        let mut lines = Vec::new();
        for paragraph in &self.paragraphs {
            paragraph.wrap(max_width, &mut lines);
        }
        lines
    }
}

/// A paragraph shaped once, with its x positions and break opportunities (empty text for an
/// empty paragraph).
#[derive(Clone, Debug, Default)]
struct Paragraph {
    text: String,
    shaped: Vec<Shaped>,
    /// Indices into `shaped`, by ascending cluster (ties in shaping order).
    by_cluster: Vec<usize>,
    /// x position of each byte offset, from the paragraph's start.
    x_at: Vec<f32>,
    /// Byte offsets where a line may break (UAX #14), the paragraph's end last.
    breaks: Vec<usize>,
    /// For each break, where the text before it ends without its trailing spaces.
    trimmed: Vec<usize>,
}

impl Paragraph {
    /// Breaks the paragraph into lines no wider than `max_width` (first fit; a word wider than
    /// the line is cut between characters) and hands each line's byte range to `line`.
    fn break_at(&self, max_width: f32, mut line: impl FnMut(usize, usize)) {
        let (text, x_at) = (self.text.as_str(), &self.x_at);
        // Width of a line from `from` to break `i`, trailing spaces dropped.
        let width_of = |from: usize, i: usize| x_at[self.trimmed[i].max(from)] - x_at[from];
        let mut start = 0;
        let mut last_fit: Option<usize> = None;
        let mut i = 0;
        while i < self.breaks.len() {
            work(1);
            let at = self.breaks[i];
            if at <= start {
                i += 1;
                continue;
            }
            if width_of(start, i) <= max_width {
                last_fit = Some(at);
                i += 1;
                continue;
            }
            if let Some(fit) = last_fit.take() {
                line(start, fit);
                start = fit;
                // Look at the same break again from the new line start.
                continue;
            }
            // One word is wider than the line: cut it between characters.
            let mut cut = start;
            for (offset, c) in text[start..at].char_indices() {
                work(1);
                let end = start + offset + c.len_utf8();
                if end > start && x_at[end] - x_at[start] > max_width && cut > start {
                    break;
                }
                cut = end;
            }
            line(start, cut);
            start = cut;
        }
        if start < text.len() {
            line(start, text.len());
        }
    }

    /// The paragraph's lines at `max_width`, added to `out` (one empty line for an empty
    /// paragraph).
    fn wrap(&self, max_width: f32, out: &mut Vec<Line>) {
        if self.text.is_empty() {
            out.push(Line { text: String::new(), glyphs: Vec::new(), width: 0.0 });
            return;
        }
        let glyphs =
            Slicer { text: &self.text, shaped: &self.shaped, by_cluster: &self.by_cluster, x_at: &self.x_at };
        self.break_at(max_width, |start, end| glyphs.push(start, end, out));
    }
}

/// A shaped paragraph, with its glyphs sorted by cluster, that lines are cut out of.
struct Slicer<'a> {
    text: &'a str,
    shaped: &'a [Shaped],
    /// Indices into `shaped`, by ascending cluster (ties in shaping order).
    by_cluster: &'a [usize],
    /// x position of each byte offset, from the paragraph's start.
    x_at: &'a [f32],
}

impl Slicer<'_> {
    /// Cuts one line out of the paragraph: the glyphs of `text[start..end]` (trailing spaces
    /// dropped), in shaping order, moved to start at x = 0. Breaks fall at spaces or between
    /// letters, where the shaping of the line alone (as the screen does it) is the same.
    /// Takes time in proportion to the line, not the paragraph.
    fn push(&self, start: usize, end: usize, out: &mut Vec<Line>) {
        let text = self.text;
        let end = start + text[start..end].trim_end().len();
        let x0 = self.x_at[start];
        let cluster = |i: &usize| self.shaped[*i].glyph.cluster as usize;
        let from = self.by_cluster.partition_point(|i| cluster(i) < start);
        let to = self.by_cluster.partition_point(|i| cluster(i) < end);
        let mut picked = self.by_cluster[from..to].to_vec();
        work(picked.len());
        // Back to shaping order (right-to-left runs have descending clusters).
        picked.sort_unstable();
        let offset = u32::try_from(start).unwrap_or(0);
        let glyphs = picked
            .into_iter()
            .map(|i| {
                let s = self.shaped[i].glyph;
                Glyph { x: s.x - x0, cluster: s.cluster - offset, ..s }
            })
            .collect();
        out.push(Line { text: text[start..end].to_owned(), glyphs, width: self.x_at[end] - x0 });
    }
}

#[cold]
fn unreachable_font() -> FontRef<'static> {
    // Not reachable with the bundled fonts; kept total so the loader never panics on its own.
    #[expect(clippy::panic, reason = "the bundled Noto Sans failed to parse: the build is corrupt")]
    {
        panic!("the bundled Noto Sans font could not be parsed; the program's files are damaged")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::get()
    }

    #[test]
    fn breakable_text_breaks_exactly_as_wrap_does() {
        let texts = [
            "Le client compare les frais de port, hésite et revient le lendemain « pourquoi\u{202f}? ».",
            "Anticonstitutionnellement anticonstitutionnellement, deux fois.",
            "Première ligne\n\nTroisième, après une ligne vide\r\n  ",
            "",
            "Appel 📱 puis ★★★ et →",
        ];
        for text in texts {
            for style in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic] {
                let breakable = fonts().breakable(text, style, 9.0);
                for width in [20.0, 47.5, 80.0, 133.0, 250.0, f32::MAX] {
                    let wrapped = fonts().wrap(text, style, 9.0, width);
                    assert_eq!(breakable.wrap(width), wrapped, "{text:?} at {width}");
                    assert_eq!(breakable.lines(width), wrapped.len(), "{text:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn every_bundled_face_parses_and_has_glyphs() {
        for face in Face::ALL {
            let font = FontRef::new(face.bytes()).unwrap();
            assert!(font.charmap().mappings().count() > 100, "{}", face.key());
        }
    }

    #[test]
    fn every_style_has_the_minus_sign_in_its_own_face() {
        // French posters set negative numbers with U+2212 (scripts/fonts/add-minus.py added it
        // to the bundled Noto Sans), as wide as the plus sign.
        for style in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic] {
            assert!(fonts().covers(style, '\u{2212}'), "{style:?}");
            let font = FontRef::new(style.primary().bytes()).unwrap();
            assert!(font.charmap().map('\u{2212}').is_some(), "{style:?} draws it with a fallback");
            let minus = fonts().wrap("\u{2212}", style, 10.0, f32::MAX);
            let plus = fonts().wrap("+", style, 10.0, f32::MAX);
            assert!((minus[0].width - plus[0].width).abs() < 1e-3, "{style:?}");
        }
    }

    #[test]
    fn family_names_are_the_fonts_own() {
        use skrifa::string::StringId;
        for face in Face::ALL {
            let font = FontRef::new(face.bytes()).unwrap();
            let typographic = font.localized_strings(StringId::TYPOGRAPHIC_FAMILY_NAME).english_or_first();
            let name = typographic
                .or_else(|| font.localized_strings(StringId::FAMILY_NAME).english_or_first())
                .map(|s| s.to_string())
                .unwrap();
            assert_eq!(face.family(), name, "{}", face.key());
        }
    }

    #[test]
    fn french_text_and_symbols_are_covered() {
        for c in "éèàçœÉ«»\u{202f}\u{a0}’€→✓★☎✉📱🌐😠😟😐😊😄".chars() {
            assert!(fonts().covers(FontStyle::Regular, c), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn fallback_picks_the_emoji_face_for_emoji_only() {
        let line = fonts().line("Appel 📱 SAV", FontStyle::Regular, 10.0);
        let faces: Vec<Face> = line.glyphs.iter().map(|g| g.face).collect();
        assert!(faces.contains(&Face::Emoji));
        assert_eq!(faces.iter().filter(|&&f| f == Face::Emoji).count(), 1);
        assert_eq!(faces[0], Face::Regular);
    }

    #[test]
    fn width_scales_with_size_and_bold_is_wider() {
        let f = fonts();
        let a = f.measure("Prise de conscience du besoin", FontStyle::Regular, 10.0);
        let b = f.measure("Prise de conscience du besoin", FontStyle::Regular, 20.0);
        assert!((b - 2.0 * a).abs() < 0.01, "{a} {b}");
        assert!(f.measure("Achat", FontStyle::Bold, 10.0) > f.measure("Achat", FontStyle::Regular, 10.0));
    }

    #[test]
    fn narrow_no_break_space_is_half_a_space() {
        let f = fonts();
        let space = f.measure(" ", FontStyle::Regular, 10.0);
        let narrow = f.measure("\u{202f}", FontStyle::Regular, 10.0);
        assert!((narrow - space / 2.0).abs() < 1e-3, "{space} {narrow}");
    }

    #[test]
    fn wrap_respects_width_and_keeps_every_word() {
        let f = fonts();
        let text = "Découvre 6,90 € de frais de port au paiement et abandonne son panier sur mobile";
        let lines = f.wrap(text, FontStyle::Regular, 10.0, 120.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(line.width <= 120.0 + 0.01, "{} is {} wide", line.text, line.width);
        }
        let joined: Vec<&str> = lines.iter().flat_map(|l| l.text.split_whitespace()).collect();
        assert_eq!(joined, text.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn french_no_break_spaces_never_break() {
        let f = fonts();
        // « Pourquoi ? » with narrow no-break spaces: the guillemets and the ? stay with their words.
        let text = "«\u{202f}Pourquoi est-ce moins cher ailleurs\u{202f}?\u{202f}» 100\u{a0}%";
        for width in [70.0, 80.0, 100.0, 120.0, 160.0] {
            for line in f.wrap(text, FontStyle::Regular, 10.0, width) {
                assert!(
                    !line.text.starts_with('?') && !line.text.starts_with('»'),
                    "{width}: {:?}",
                    line.text
                );
                assert!(!line.text.starts_with('%') && !line.text.ends_with('«'), "{width}: {:?}", line.text);
                assert!(!line.text.starts_with('\u{202f}'), "{width}: {:?}", line.text);
            }
        }
    }

    #[test]
    fn overlong_words_are_cut_to_fit() {
        let f = fonts();
        let lines = f.wrap("Anticonstitutionnellement", FontStyle::Bold, 12.0, 40.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.width <= 40.0 + 0.01 || line.text.chars().count() == 1, "{line:?}");
        }
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, "Anticonstitutionnellement");
    }

    #[test]
    fn newlines_make_paragraphs_and_empty_lines() {
        let lines = fonts().wrap("Un\n\nDeux", FontStyle::Regular, 10.0, 500.0);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Un", "", "Deux"]);
    }

    /// Steps taken to wrap `text`.
    fn wrap_work(text: &str, width: f32) -> u64 {
        WORK.with(|w| w.set(0));
        let lines = fonts().wrap(text, FontStyle::Regular, 10.0, width);
        assert!(lines.len() > 1);
        WORK.with(std::cell::Cell::get)
    }

    #[test]
    fn wrapping_work_grows_linearly_with_the_text() {
        // Words, one long unbreakable word, and French no-break spaces: ten times the text
        // must take about ten times the steps (a quadratic wrap took a hundred times).
        for unit in [
            "Le client compare les frais de port et revient le lendemain. ",
            "Anticonstitutionnellement",
            "«\u{202f}Pourquoi\u{a0}?\u{202f}» ",
        ] {
            let small = unit.repeat(200);
            let large = unit.repeat(2_000);
            let (a, b) = (wrap_work(&small, 120.0), wrap_work(&large, 120.0));
            assert!(b <= 11 * a, "{unit:?}: {a} steps for {} bytes, {b} for {}", small.len(), large.len());
        }
    }

    #[test]
    fn outlines_at_units_per_em_are_in_font_units() {
        let fonts = fonts();
        assert!((fonts.units_per_em(Face::Regular) - 1000.0).abs() < f32::EPSILON);
        assert!((fonts.units_per_em(Face::Emoji) - 2048.0).abs() < f32::EPSILON);
        // The glyf points are integers; implied on-curve points fall halfway between two.
        for face in Face::ALL {
            for id in 0..50 {
                for cmd in fonts.outline(face, id, fonts.units_per_em(face)) {
                    let coords = match cmd {
                        PathCmd::MoveTo(x, y) | PathCmd::LineTo(x, y) => vec![x, y],
                        PathCmd::QuadTo(x1, y1, x, y) => vec![x1, y1, x, y],
                        PathCmd::CurveTo(x1, y1, x2, y2, x, y) => vec![x1, y1, x2, y2, x, y],
                        PathCmd::Close => Vec::new(),
                    };
                    for v in coords {
                        assert!((v * 2.0).fract() == 0.0, "{face:?} glyph {id}: {v}");
                    }
                }
            }
        }
    }

    /// The box of a glyph's outline at 1 pt (control points included), y up; `None` when empty.
    fn ink(fonts: &Fonts, face: Face, glyph: u32) -> Option<(f32, f32, f32, f32)> {
        let mut bounds: Option<(f32, f32, f32, f32)> = None;
        let mut point = |x: f32, y: f32| {
            let (x0, y0, x1, y1) = bounds.unwrap_or((x, y, x, y));
            bounds = Some((x0.min(x), y0.min(y), x1.max(x), y1.max(y)));
        };
        for cmd in fonts.outline(face, glyph, 1.0) {
            match cmd {
                PathCmd::MoveTo(x, y) | PathCmd::LineTo(x, y) => point(x, y),
                PathCmd::QuadTo(x1, y1, x, y) => {
                    point(x1, y1);
                    point(x, y);
                }
                PathCmd::CurveTo(x1, y1, x2, y2, x, y) => {
                    point(x1, y1);
                    point(x2, y2);
                    point(x, y);
                }
                PathCmd::Close => {}
            }
        }
        bounds
    }

    #[test]
    fn no_glyph_reaches_further_than_the_overhang() {
        use skrifa::raw::TableProvider as _;
        let fonts = fonts();
        for style in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic] {
            let (ascent, descent) = (fonts.ascent(style, 1.0), fonts.descent(style, 1.0));
            for face in style.chain() {
                let loaded = fonts.loaded(face);
                let metrics = loaded.font.glyph_metrics(Size::new(1.0), LocationRef::default());
                let count = loaded.font.maxp().map(|m| m.num_glyphs()).unwrap();
                for id in 0..u32::from(count) {
                    let Some((x0, y0, x1, y1)) = ink(fonts, face, id) else { continue };
                    let what = format!("{style:?} line, {face:?} glyph {id}");
                    assert!(y1 - ascent <= GLYPH_OVERHANG_EM, "{what}: {} em above", y1 - ascent);
                    assert!(-y0 - descent <= GLYPH_OVERHANG_EM, "{what}: {} em below", -y0 - descent);
                    // Marks (no advance) sit over the glyph before them, inside the line.
                    let advance = metrics.advance_width(GlyphId::new(id)).unwrap_or(0.0);
                    if advance > 0.0 {
                        assert!(-x0 <= GLYPH_OVERHANG_EM, "{what}: {} em left", -x0);
                        assert!(x1 - advance <= GLYPH_OVERHANG_EM, "{what}: {} em right", x1 - advance);
                    }
                }
            }
        }
    }

    #[test]
    fn outlines_exist_for_letters_and_emoji() {
        let f = fonts();
        let line = f.line("é📱", FontStyle::Regular, 12.0);
        for g in &line.glyphs {
            assert!(!f.outline(g.face, g.id, 12.0).is_empty(), "{g:?}");
        }
    }
}
