//! Resources: the fonts (subset to the glyphs used), alpha states and images a document uses,
//! named from their content.

use super::PdfError;
use crate::display::{Image, TextLine};
use crate::hash::Fnv;
use crate::text::Face;
use printpdf::{
    Codepoint, ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, Op, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, Pt, RawImage, RawImageData, RawImageFormat, TextItem, XObject, XObjectId,
};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Which glyphs of which faces the document uses, and the text each one stands for.
pub(super) struct FontPlan {
    /// (face, glyph id) → the characters it shows, from its first use (for `/ToUnicode`).
    pub(super) text_of: BTreeMap<(Face, u16), String>,
}

impl FontPlan {
    pub(super) fn new<'a>(lines: impl Iterator<Item = &'a TextLine>) -> Result<Self, PdfError> {
        let mut text_of = BTreeMap::new();
        let mut clusters = Vec::new();
        for line in lines {
            clusters.clear();
            clusters.extend(line.glyphs.iter().map(|g| g.cluster as usize));
            clusters.sort_unstable();
            clusters.dedup();
            let mut previous_cluster = None;
            for glyph in &line.glyphs {
                let Ok(gid) = u16::try_from(glyph.id) else { continue };
                let start = glyph.cluster as usize;
                let first_of_cluster = previous_cluster != Some(start);
                previous_cluster = Some(start);
                let entry = text_of.entry((glyph.face, gid));
                if !first_of_cluster {
                    // A mark or the second glyph of a cluster: the first glyph carries the text.
                    entry.or_insert_with(String::new);
                    continue;
                }
                // `clusters` is sorted: a binary search keeps long lines linear.
                let end = clusters.get(clusters.partition_point(|&c| c <= start)).copied();
                let end = end.unwrap_or(line.text.len());
                let text = line.text.get(start..end).unwrap_or_default();
                match entry {
                    std::collections::btree_map::Entry::Occupied(mut known) if known.get().is_empty() => {
                        known.insert(text.to_owned());
                    }
                    std::collections::btree_map::Entry::Occupied(_) => {}
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(text.to_owned());
                    }
                }
            }
        }
        // Fail early if a used face cannot be parsed.
        let mut faces: Vec<Face> = text_of.keys().map(|(face, _)| *face).collect();
        faces.dedup();
        for face in faces {
            parsed_font(face)?;
        }
        Ok(Self { text_of })
    }

    /// The code each used glyph has in the embedded subset font: printpdf's subsetter renumbers
    /// the glyphs by their place in `[.notdef, used glyphs in ascending id]`, and the content
    /// stream must show those codes. `finish` checks them against what printpdf wrote.
    fn codes(&self) -> BTreeMap<(Face, u16), u16> {
        let mut codes = BTreeMap::new();
        let mut next: BTreeMap<Face, u16> = BTreeMap::new();
        for &(face, gid) in self.text_of.keys() {
            let code = if gid == 0 {
                0
            } else {
                let n = next.entry(face).or_insert(1);
                let code = *n;
                *n = n.saturating_add(1);
                code
            };
            codes.insert((face, gid), code);
        }
        codes
    }

    /// Operations showing each used glyph once, with its text: what printpdf reads to subset
    /// the fonts and write their `/ToUnicode` maps. They end up in no page: `finish` replaces
    /// the page's content with the painter's.
    fn usage_ops(&self, font_ids: &BTreeMap<Face, FontId>) -> Vec<Op> {
        let mut ops = Vec::new();
        for face in self.faces() {
            let Some(font) = font_ids.get(&face) else { continue };
            let glyphs = self
                .text_of
                .iter()
                .filter(|((f, _), _)| *f == face)
                .map(|(&(_, gid), text)| Codepoint {
                    gid,
                    offset: 0.0,
                    cid: (!text.is_empty()).then(|| text.clone()),
                })
                .collect();
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(1.0) });
            ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs)] });
            ops.push(Op::EndTextSection);
        }
        ops
    }

    /// The faces used, in a fixed order.
    pub(super) fn faces(&self) -> Vec<Face> {
        let mut faces: Vec<Face> = self.text_of.keys().map(|(face, _)| *face).collect();
        faces.dedup();
        faces
    }

    /// A six-letter subset tag for a face, from the glyphs used (stable for the same content,
    /// different for different subsets, as ISO 32000 asks).
    pub(super) fn subset_tag(&self, face: Face) -> String {
        let mut hash = Fnv::new();
        hash.write(face.key().as_bytes());
        for (_, gid) in self.text_of.keys().filter(|(f, _)| *f == face) {
            hash.write(&gid.to_be_bytes());
        }
        let mut h = hash.finish();
        (0..6)
            .map(|_| {
                let c = char::from(b'A' + u8::try_from(h % 26).unwrap_or(0));
                h /= 26;
                c
            })
            .collect()
    }
}

/// A glyph's advance as the PDF viewer will take it, in em: the `/W` width printpdf writes
/// (thousandths of an em, truncated).
pub(super) fn advance_em(face: Face, gid: u16) -> f32 {
    let Ok(font) = parsed_font(face) else { return 0.0 };
    let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
    let advance = f32::from(font.get_horizontal_advance(gid));
    (advance * 1000.0 / units_per_em).trunc() / 1000.0
}

/// The bundled face parsed by printpdf, once per process.
pub(super) fn parsed_font(face: Face) -> Result<&'static ParsedFont, PdfError> {
    static PARSED: [OnceLock<Option<ParsedFont>>; 6] = [const { OnceLock::new() }; 6];
    let index = Face::ALL.iter().position(|&f| f == face).unwrap_or(0);
    let cell = PARSED.get(index).ok_or(PdfError::Font(face.key()))?;
    cell.get_or_init(|| ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()))
        .as_ref()
        .ok_or(PdfError::Font(face.key()))
}

/// The document being built and the named resources its pages share.
pub(super) struct Resources {
    doc: PdfDocument,
    fonts: FontPlan,
    pub(super) font_ids: BTreeMap<Face, FontId>,
    /// Each used glyph's code in its subset font ([`FontPlan::codes`]).
    pub(super) codes: BTreeMap<(Face, u16), u16>,
    /// (true for fill / false for stroke, alpha) → graphics state.
    alphas: BTreeMap<(bool, u8), ExtendedGraphicsStateId>,
    /// Image key → image `XObject`.
    images: BTreeMap<String, XObjectId>,
}

impl Resources {
    pub(super) fn new(mut doc: PdfDocument, fonts: FontPlan) -> Self {
        let mut font_ids = BTreeMap::new();
        for face in fonts.faces() {
            // Checked in FontPlan::new; a face that fails here is simply not embedded.
            if let Ok(parsed) = parsed_font(face) {
                let id = FontId(fonts.subset_tag(face));
                doc.resources.fonts.map.insert(id.clone(), PdfFont::new(parsed.clone()));
                font_ids.insert(face, id);
            }
        }
        let codes = fonts.codes();
        Self { doc, fonts, font_ids, codes, alphas: BTreeMap::new(), images: BTreeMap::new() }
    }

    /// The document with its pages; the first carries the glyph-usage operations printpdf
    /// subsets the fonts from (see [`FontPlan::usage_ops`]).
    pub(super) fn into_doc(mut self, mut pages: Vec<PdfPage>) -> PdfDocument {
        if let Some(first) = pages.first_mut() {
            first.ops = self.fonts.usage_ops(&self.font_ids);
        }
        self.doc.pages = pages;
        self.doc
    }

    pub(super) fn alpha(&mut self, fill: bool, alpha: u8) -> ExtendedGraphicsStateId {
        let doc = &mut self.doc;
        self.alphas
            .entry((fill, alpha))
            .or_insert_with(|| {
                let id = ExtendedGraphicsStateId(format!("{}{alpha}", if fill { "Fa" } else { "Sa" }));
                let value = f32::from(alpha) / 255.0;
                let state = if fill {
                    ExtendedGraphicsState::default().with_current_fill_alpha(value)
                } else {
                    ExtendedGraphicsState::default().with_current_stroke_alpha(value)
                };
                doc.resources.extgstates.map.insert(id.clone(), state);
                id
            })
            .clone()
    }

    pub(super) fn image(&mut self, image: &Image) -> Result<XObjectId, PdfError> {
        if let Some(id) = self.images.get(&image.key) {
            return Ok(id.clone());
        }
        let (w, h) = (image.width as usize, image.height as usize);
        let expected = w * h * 4;
        if w == 0 || h == 0 || image.rgba.len() != expected {
            return Err(PdfError::Image {
                key: image.key.clone(),
                width: image.width,
                height: image.height,
                len: image.rgba.len(),
                expected,
            });
        }
        let opaque = image.rgba.chunks_exact(4).all(|px| px[3] == 255);
        let (pixels, data_format) = if opaque {
            let rgb = image.rgba.chunks_exact(4).flat_map(|px| [px[0], px[1], px[2]]).collect();
            (rgb, RawImageFormat::RGB8)
        } else {
            (image.rgba.clone(), RawImageFormat::RGBA8)
        };
        let raw =
            RawImage { pixels: RawImageData::U8(pixels), width: w, height: h, data_format, tag: Vec::new() };
        let id = XObjectId(format!("Im{}", self.images.len() + 1));
        self.doc.resources.xobjects.map.insert(id.clone(), XObject::Image(raw));
        self.images.insert(image.key.clone(), id.clone());
        Ok(id)
    }
}
