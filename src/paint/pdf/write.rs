//! Writing: compressing the streams, the page contents, the document's metadata, boxes and
//! identifier.

use super::PdfError;
use super::pages::PageBoxes;
use crate::display::DisplayList;
use crate::hash::Fnv;
use crate::text::Face;
use printpdf::{PdfDocument, PdfSaveOptions};
use std::collections::BTreeMap;

/// Compresses every stream not compressed yet. lopdf's `compress` uses zlib's best level, which
/// took a third of the export time; see [`PDF_COMPRESSION_LEVEL`] for the trade-off.
pub(super) fn compress_streams(doc: &mut lopdf::Document) -> Result<(), PdfError> {
    use std::io::Write as _;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else { continue };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 4),
            flate2::Compression::new(PDF_COMPRESSION_LEVEL),
        );
        encoder.write_all(&stream.content).map_err(|e| PdfError::Write(e.to_string()))?;
        let compressed = encoder.finish().map_err(|e| PdfError::Write(e.to_string()))?;
        if compressed.len() + 20 < stream.content.len() {
            stream.dict.set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
    Ok(())
}

/// Replaces each page's content stream (printpdf's, which only shows the used glyphs for font
/// subsetting) by the painter's, after checking that printpdf gave the glyphs the codes the
/// painter wrote.
pub(super) fn put_contents(
    lo: &mut lopdf::Document,
    contents: Vec<Vec<u8>>,
    codes: &BTreeMap<(Face, u16), u16>,
) -> Result<(), PdfError> {
    use lopdf::Object;
    let write = |what: &str| PdfError::Write(what.to_owned());
    let streams: Vec<lopdf::ObjectId> = lo
        .get_pages()
        .values()
        .map(|page| {
            lo.get_dictionary(*page)
                .and_then(|d| d.get(b"Contents"))
                .and_then(Object::as_reference)
                .map_err(|e| PdfError::Write(e.to_string()))
        })
        .collect::<Result<_, _>>()?;
    if streams.len() != contents.len() {
        return Err(write("printpdf wrote a different number of pages"));
    }
    if let Some(first) = streams.first() {
        let stream = lo.get_object(*first).and_then(Object::as_stream).map_err(|e| write(&e.to_string()))?;
        let usage = lopdf::content::Content::decode(&stream.content).map_err(|e| write(&e.to_string()))?;
        let mut shown: Vec<u16> = Vec::with_capacity(codes.len());
        for operation in usage.operations.iter().filter(|o| o.operator == "TJ" || o.operator == "Tj") {
            let strings = match operation.operands.first() {
                Some(Object::Array(items)) => items.iter().collect::<Vec<_>>(),
                Some(item) => vec![item],
                None => Vec::new(),
            };
            for item in strings {
                if let Object::String(bytes, _) = item {
                    shown.extend(bytes.chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]])));
                }
            }
        }
        if !shown.iter().copied().eq(codes.values().copied()) {
            return Err(write(
                "printpdf numbered the glyphs of the subset fonts differently than expected, so the text would show wrong letters",
            ));
        }
    }
    for (id, content) in streams.into_iter().zip(contents) {
        let stream = lo
            .get_object_mut(id)
            .and_then(Object::as_stream_mut)
            .map_err(|e| PdfError::Write(e.to_string()))?;
        stream.set_content(content);
    }
    Ok(())
}

/// zlib level for the PDF's streams (0–9). On the 600-card map's 1.3 MB content stream, level 3
/// gives 211 KB in about a third of level 6's time (172 KB); level 9 saves only 3 KB more.
pub(super) const PDF_COMPRESSION_LEVEL: u32 = 3;

/// Serialises through lopdf, then sets what printpdf does not: PDF 1.7 (transparency), the
/// language, the bleed boxes, page labels, a deterministic identifier and no dates.
pub(super) fn finish(
    doc: &PdfDocument,
    list: &DisplayList,
    page_labels: &[String],
    boxes: &[Option<PageBoxes>],
    contents: Vec<Vec<u8>>,
    codes: &BTreeMap<(Face, u16), u16>,
) -> Result<Vec<u8>, PdfError> {
    use lopdf::{Dictionary, Object, StringFormat};
    let save = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut warnings);
    "1.7".clone_into(&mut lo.version);
    put_contents(&mut lo, contents, codes)?;

    let text = |s: &str| {
        let mut data = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            data.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(data, StringFormat::Hexadecimal)
    };

    // The identifier: a hash of every page's content, so the same poster gives the same file.
    let mut hash = Fnv::new();
    let pages = lo.get_pages();
    for (index, page_id) in pages.values().enumerate() {
        let Ok(page) = lo.get_dictionary(*page_id) else { continue };
        if let Ok(contents) = page.get(b"Contents").and_then(Object::as_reference)
            && let Ok(stream) = lo.get_object(contents).and_then(Object::as_stream)
        {
            hash.write(&stream.content);
        }
        if let Some(Some(page_boxes)) = boxes.get(index).copied()
            && let Ok(page) = lo.get_object_mut(*page_id).and_then(Object::as_dict_mut)
        {
            let array = |corners: [f32; 4]| Object::Array(corners.into_iter().map(Object::Real).collect());
            page.set("TrimBox", array(page_boxes.trim));
            page.set("BleedBox", array(page_boxes.bleed));
        }
    }
    hash.write(list.title.as_bytes());
    hash.write(list.author.as_bytes());
    let first = hash.finish();
    hash.write(b"parcours");
    let id: Vec<u8> = first.to_be_bytes().into_iter().chain(hash.finish().to_be_bytes()).collect();
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );

    // Document information: title and author, no dates or empty PDF/X leftovers.
    if let Ok(info) = lo.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(dict) = lo.get_object_mut(info).and_then(Object::as_dict_mut)
    {
        for key in
            ["CreationDate", "ModDate", "GTS_PDFXVersion", "Identifier", "Subject", "Keywords", "Trapped"]
        {
            dict.remove(key.as_bytes());
        }
        if list.title.is_empty() {
            dict.remove(b"Title");
        }
        if list.author.is_empty() {
            dict.remove(b"Author");
        }
    }

    let catalog = lo.catalog_mut().map_err(|e| PdfError::Write(e.to_string()))?;
    if !list.language.is_empty() {
        catalog.set("Lang", Object::string_literal(list.language.as_str()));
    }
    if !list.title.is_empty() {
        catalog.set(
            "ViewerPreferences",
            Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
        );
    }
    if !page_labels.is_empty() {
        let mut nums = Vec::with_capacity(page_labels.len() * 2);
        for (index, label) in page_labels.iter().enumerate() {
            nums.push(Object::Integer(i64::try_from(index).unwrap_or(i64::MAX)));
            nums.push(Object::Dictionary(Dictionary::from_iter(vec![("P", text(label))])));
        }
        catalog.set("PageLabels", Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
    }

    compress_streams(&mut lo)?;
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}
