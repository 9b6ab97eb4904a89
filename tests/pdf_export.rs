//! PDF export: structure (lopdf), and what poppler and qpdf make of the file.
//!
//! The external tools (`pdftotext`, `pdffonts` from poppler-utils; `qpdf`) are installed by
//! `scripts/setup`. Set `PARCOURS_PDF_DIR` to keep the PDFs these tests make, to look at them.

mod support;

use support::lists::text;

use lopdf::{Document, Object};
use parcours::display::{Colour, Cubic, DisplayList, Image, ImageClip, Item, Point, Rect, Stroke};
use parcours::paint::pdf::{PdfOptions, Tiling, plan_tiles, render_pdf};
use parcours::paint::{Orientation, PT_PER_MM, PageSetup, Paper};
use parcours::text::FontStyle;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

fn avatar() -> Arc<Image> {
    let (w, h) = (32_u32, 32_u32);
    let mut rgba = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let a = if x < 4 { 0 } else { 255 };
            rgba.extend_from_slice(&[
                u8::try_from(x * 8).expect("< 256"),
                u8::try_from(y * 8).expect("< 256"),
                160,
                a,
            ]);
        }
    }
    Arc::new(Image { key: "personas/camille.png".into(), width: w, height: h, rgba })
}

/// The card titles of the sample poster: French, with accents, guillemets and narrow spaces.
const TITLES: [&str; 6] = [
    "Découverte du produit",
    "Comparaison des prix",
    "«\u{202f}Pourquoi est-ce moins cher ailleurs\u{202f}?\u{202f}»",
    "Frais de port : 6,90\u{a0}€",
    "Service après-vente 📱",
    "Fidélité ★ œuvre à cœur",
];

/// A hand-made poster using every item variant.
fn sample() -> DisplayList {
    let mut items = Vec::new();
    items.push(text(
        "Parcours d'achat — e-commerce",
        FontStyle::Bold,
        28.0,
        40.0,
        60.0,
        Colour::rgb(20, 30, 60),
    ));
    for (i, title) in TITLES.iter().enumerate() {
        let x = 40.0 + (i % 3) as f32 * 360.0;
        let y = 110.0 + (i / 3) as f32 * 220.0;
        items.push(Item::Rect {
            rect: Rect::new(x, y, 330.0, 190.0),
            radius: 12.0,
            fill: Some(Colour::rgba(90, 140, 220, 110)),
            stroke: Some(Stroke::solid(1.5, Colour::rgb(40, 80, 160))),
        });
        items.push(text(title, FontStyle::Bold, 14.0, x + 14.0, y + 30.0, Colour::rgb(10, 10, 10)));
        items.push(text(
            "Lit les avis et compare les délais de livraison",
            FontStyle::Regular,
            11.0,
            x + 14.0,
            y + 52.0,
            Colour::rgb(50, 50, 50),
        ));
        items.push(text(
            "« Je veux être sûr »",
            FontStyle::Italic,
            11.0,
            x + 14.0,
            y + 70.0,
            Colour::rgba(50, 50, 50, 160),
        ));
    }
    items.push(Item::Line {
        points: vec![Point::new(40.0, 560.0), Point::new(400.0, 600.0), Point::new(760.0, 560.0)],
        stroke: Stroke::dashed(2.0, Colour::rgb(200, 60, 60), 8.0, 4.0),
    });
    let segments = vec![
        Cubic { c1: Point::new(200.0, 620.0), c2: Point::new(300.0, 720.0), to: Point::new(500.0, 680.0) },
        Cubic { c1: Point::new(700.0, 640.0), c2: Point::new(800.0, 600.0), to: Point::new(1000.0, 700.0) },
    ];
    items.push(Item::Area {
        from: Point::new(40.0, 700.0),
        segments: segments.clone(),
        fill: Colour::rgba(60, 180, 90, 80),
    });
    items.push(Item::Curve {
        from: Point::new(40.0, 700.0),
        segments,
        stroke: Stroke::solid(3.0, Colour::rgb(30, 120, 60)),
    });
    items.push(Item::Circle {
        center: Point::new(1100.0, 620.0),
        radius: 40.0,
        fill: Some(Colour::rgb(250, 200, 50)),
        stroke: Some(Stroke::solid(2.0, Colour::rgb(120, 90, 0))),
    });
    items.push(Item::Image {
        rect: Rect::new(1000.0, 40.0, 60.0, 60.0),
        image: avatar(),
        clip: ImageClip::Ellipse,
    });
    items.push(Item::Image {
        rect: Rect::new(1080.0, 40.0, 60.0, 60.0),
        image: avatar(),
        clip: ImageClip::Rect,
    });
    DisplayList {
        width: 1160.0,
        height: 760.0,
        background: Colour::rgb(250, 247, 240),
        items,
        hits: Vec::new(),
        title: "Parcours d'achat — boutique en ligne".into(),
        author: "Équipe expérience client".into(),
        language: "fr".into(),
        ..DisplayList::default()
    }
}

fn a1() -> PageSetup {
    PageSetup { paper: Paper::A1, orientation: Orientation::Landscape, ..PageSetup::default() }
}

/// Writes the PDF where the external tools can read it (kept under `PARCOURS_PDF_DIR` if set).
fn write(name: &str, bytes: &[u8]) -> (Option<tempfile::TempDir>, PathBuf) {
    if let Some(dir) = std::env::var_os("PARCOURS_PDF_DIR") {
        let path = PathBuf::from(dir).join(name);
        std::fs::write(&path, bytes).expect("write the PDF");
        return (None, path);
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write the PDF");
    (Some(dir), path)
}

fn tool(name: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("could not run {name} ({e}); install poppler-utils and qpdf with scripts/setup")
    });
    assert!(
        out.status.success(),
        "{name} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn pages(doc: &Document) -> Vec<&lopdf::Dictionary> {
    doc.get_pages().values().map(|id| doc.get_dictionary(*id).expect("a page")).collect()
}

fn floats(dict: &lopdf::Dictionary, key: &str) -> Vec<f32> {
    dict.get(key.as_bytes())
        .expect("the box")
        .as_array()
        .expect("an array")
        .iter()
        .map(|o| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).expect("a number"))
        .collect()
}

fn near(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.05
}

#[test]
fn page_is_the_paper_size_in_points() {
    let bytes = render_pdf(&sample(), &PdfOptions { page: a1(), ..PdfOptions::default() }).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let pages = pages(&doc);
    assert_eq!(pages.len(), 1);
    let media = floats(pages[0], "MediaBox");
    assert!(near(media[2], 2383.94) && near(media[3], 1683.78), "{media:?}");
    assert_eq!(floats(pages[0], "TrimBox"), media);
    assert!(pages[0].get(b"BleedBox").is_err());
}

#[test]
fn metadata_has_title_author_and_language_and_no_dates() {
    let bytes = render_pdf(&sample(), &PdfOptions::default()).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_id).unwrap();
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert_eq!(title, "Parcours d'achat — boutique en ligne");
    let author = lopdf::decode_text_string(info.get(b"Author").unwrap()).unwrap();
    assert_eq!(author, "Équipe expérience client");
    assert!(info.get(b"CreationDate").is_err() && info.get(b"ModDate").is_err());
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"fr");
    assert!(doc.version.as_str() >= "1.4", "transparency needs PDF 1.4, got {}", doc.version);
}

#[test]
fn fonts_are_embedded_and_subset() {
    let bytes = render_pdf(&sample(), &PdfOptions::default()).unwrap();
    // Noto Sans alone is 500 KB; the subsets of four faces stay far below.
    assert!(bytes.len() < 150_000, "{} bytes", bytes.len());
    let doc = Document::load_mem(&bytes).unwrap();
    let mut names = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor".as_slice()) {
            let name = String::from_utf8(dict.get(b"FontName").unwrap().as_name().unwrap().to_vec()).unwrap();
            assert!(dict.get(b"FontFile2").is_ok() || dict.get(b"FontFile3").is_ok(), "{name} not embedded");
            let (tag, _) = name.split_once('+').unwrap_or_else(|| panic!("{name} is not subset"));
            assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{name}");
            names.push(name);
        }
    }
    names.sort();
    // Regular, bold, italic, plus the emoji and symbol fallbacks the titles use.
    assert!(names.len() >= 4, "{names:?}");

    let (_dir, path) = write("fonts.pdf", &bytes);
    let report = tool("pdffonts", &[path.as_os_str()]);
    let rows: Vec<&str> = report.lines().skip(2).collect();
    assert_eq!(rows.len(), names.len(), "{report}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
        assert!(cols[0].contains('+'), "{row}");
    }
}

#[test]
fn text_comes_back_with_accents_and_french_spaces() {
    let bytes = render_pdf(&sample(), &PdfOptions { page: a1(), ..PdfOptions::default() }).unwrap();
    let (_dir, path) = write("text.pdf", &bytes);
    let extracted = tool("pdftotext", &["-enc".as_ref(), "UTF-8".as_ref(), path.as_os_str(), "-".as_ref()]);
    for title in TITLES {
        assert!(extracted.contains(title), "{title:?} missing from:\n{extracted}");
    }
    assert!(extracted.contains("« Je veux être sûr »"), "{extracted}");
    assert!(extracted.contains("Parcours d'achat — e-commerce"), "{extracted}");
}

#[test]
fn qpdf_finds_no_problems() {
    for (name, options) in [
        ("check-plain.pdf", PdfOptions::default()),
        ("check-print.pdf", PdfOptions { crop_marks: true, bleed_mm: 3.0, ..PdfOptions::default() }),
        (
            "check-tiles.pdf",
            PdfOptions { tile: Some(Tiling::default()), page: a1(), ..PdfOptions::default() },
        ),
    ] {
        let bytes = render_pdf(&sample(), &options).unwrap();
        let (_dir, path) = write(name, &bytes);
        let report = tool("qpdf", &["--check".as_ref(), path.as_os_str()]);
        assert!(report.contains("No syntax or stream encoding errors"), "{report}");
        assert!(!report.to_lowercase().contains("warning"), "{report}");
    }
}

#[test]
fn crop_marks_and_bleed_grow_the_media_box() {
    let options = PdfOptions { page: a1(), crop_marks: true, bleed_mm: 3.0, tile: None };
    let bytes = render_pdf(&sample(), &options).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let page = pages(&doc)[0];
    let (w, h) = (2383.94, 1683.78);
    let slug = (3.0 + 8.0) * PT_PER_MM;
    assert!(near(options.slug_pt(), slug));
    let media = floats(page, "MediaBox");
    assert!(near(media[2], w + 2.0 * slug) && near(media[3], h + 2.0 * slug), "{media:?}");
    let trim = floats(page, "TrimBox");
    assert!(near(trim[0], slug) && near(trim[1], slug), "{trim:?}");
    assert!(near(trim[2], slug + w) && near(trim[3], slug + h), "{trim:?}");
    let bleed = floats(page, "BleedBox");
    let b = 3.0 * PT_PER_MM;
    assert!(near(bleed[0], slug - b) && near(bleed[2], slug + w + b), "{bleed:?}");

    // Bleed alone: the media box grows by the bleed only.
    let bytes = render_pdf(&sample(), &PdfOptions { crop_marks: false, ..options }).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let media = floats(pages(&doc)[0], "MediaBox");
    assert!(near(media[2], w + 2.0 * b), "{media:?}");
}

#[test]
fn tiling_a1_onto_a4_makes_labelled_pages() {
    let tiling = Tiling { paper: Paper::A4, overlap_mm: 10.0 };
    let options = PdfOptions { page: a1(), tile: Some(tiling), ..PdfOptions::default() };
    let list = sample();
    let grid = plan_tiles(&list, &options.page, &tiling).unwrap();
    // The sample fills A1 landscape's 821 mm inner width and is 538 mm tall: portrait A4 tiles
    // print 190 × 277 mm, 180 × 267 mm apart: 5 columns, 2 rows (landscape tiles: 4 × 3).
    assert_eq!((grid.rows, grid.columns), (2, 5), "{grid:?}");
    let bytes = render_pdf(&list, &options).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let pages = pages(&doc);
    assert_eq!(pages.len(), grid.pages());
    for page in &pages {
        let media = floats(page, "MediaBox");
        assert!(near(media[2], 595.28) && near(media[3], 841.89), "{media:?}");
    }
    let labels = doc.catalog().unwrap().get(b"PageLabels").unwrap().as_dict().unwrap();
    assert_eq!(labels.get(b"Nums").unwrap().as_array().unwrap().len(), 2 * grid.pages());

    let (_dir, path) = write("tiles.pdf", &bytes);
    for (page, expected) in [(1, "A1 — row 1 of 2, column 1 of 5"), (7, "B2 — row 2 of 2, column 2 of 5")]
    {
        let page = page.to_string();
        let out = tool(
            "pdftotext",
            &[
                "-f".as_ref(),
                page.as_ref(),
                "-l".as_ref(),
                page.as_ref(),
                "-enc".as_ref(),
                "UTF-8".as_ref(),
                path.as_os_str(),
                "-".as_ref(),
            ],
        );
        assert!(out.contains(expected), "page {page}: {out}");
    }
}

#[test]
fn tiles_take_the_orientation_that_needs_fewer_pages() {
    // A tall, narrow poster: landscape A4 tiles would need more pages than portrait ones.
    let list = DisplayList { width: 400.0, height: 1600.0, ..DisplayList::default() };
    let page = PageSetup { paper: Paper::A2, orientation: Orientation::Portrait, margin_pt: 0.0 };
    let tall = plan_tiles(&list, &page, &Tiling::default()).unwrap();
    let wide = DisplayList { width: 1600.0, height: 400.0, ..DisplayList::default() };
    let page = PageSetup { orientation: Orientation::Landscape, ..page };
    let across = plan_tiles(&wide, &page, &Tiling::default()).unwrap();
    assert_eq!(tall.pages(), across.pages());
    assert!(tall.page_height > tall.page_width);
    assert!(across.page_width > across.page_height);
}

#[test]
fn same_input_same_pdf() {
    let list = sample();
    for options in [
        PdfOptions::default(),
        PdfOptions { tile: Some(Tiling::default()), page: a1(), ..PdfOptions::default() },
    ] {
        let a = render_pdf(&list, &options).unwrap();
        let b = render_pdf(&list, &options).unwrap();
        // Resource names come from the content, never from printpdf's counters: the bytes match.
        assert_eq!(a, b);
    }
}

#[test]
fn images_are_embedded_once_and_alpha_uses_graphics_states() {
    let bytes = render_pdf(&sample(), &PdfOptions::default()).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let images = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice()))
        .filter(|s| s.dict.get(b"SMask").is_ok())
        .count();
    assert_eq!(images, 1, "one avatar image (with its soft mask), drawn twice");
    let page = pages(&doc)[0];
    let resources = match page.get(b"Resources").unwrap() {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("{other:?}"),
    };
    let states = match resources.get(b"ExtGState").unwrap() {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("{other:?}"),
    };
    let alphas: Vec<f32> = states
        .iter()
        .filter_map(|(_, v)| v.as_dict().ok())
        .filter_map(|d| d.get(b"ca").and_then(Object::as_float).ok())
        .collect();
    assert!(alphas.iter().any(|a| (a - 110.0 / 255.0).abs() < 1e-3), "{alphas:?}");
}

#[test]
fn bad_options_are_refused_with_a_reason() {
    let list = sample();
    let err = render_pdf(&list, &PdfOptions { bleed_mm: -1.0, ..PdfOptions::default() }).unwrap_err();
    assert!(err.to_string().contains("bleed"), "{err}");
    let err = render_pdf(
        &list,
        &PdfOptions { crop_marks: true, tile: Some(Tiling::default()), ..PdfOptions::default() },
    )
    .unwrap_err();
    assert!(err.to_string().contains("crop marks"), "{err}");
    let tiling = Tiling { paper: Paper::A5, overlap_mm: 90.0 };
    let err = render_pdf(&list, &PdfOptions { tile: Some(tiling), ..PdfOptions::default() }).unwrap_err();
    assert!(err.to_string().contains("overlap"), "{err}");
}

#[test]
fn an_empty_list_still_makes_a_valid_page() {
    let bytes = render_pdf(&DisplayList::default(), &PdfOptions::default()).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    assert_eq!(doc.get_pages().len(), 1);
}

/// The French example map, laid out.
fn french_poster() -> DisplayList {
    let map = parcours::file::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/maps/ecommerce-fr.ron"
    )))
    .expect("the example map");
    parcours::layout::poster(&map, &parcours::layout::LayoutOptions::default())
}

/// Extracted text with line breaks and runs of ASCII spaces folded to one space (titles wrap
/// onto several lines; no-break spaces are kept as they are).
fn folded(text: &str) -> String {
    text.split(['\n', ' ', '\r', '\u{c}']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[test]
fn every_card_title_of_the_french_map_comes_back_whole() {
    let map = parcours::file::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/maps/ecommerce-fr.ron"
    )))
    .expect("the example map");
    let list = french_poster();
    let bytes = render_pdf(&list, &PdfOptions { page: a1(), ..PdfOptions::default() }).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let media = floats(pages(&doc)[0], "MediaBox");
    assert!(near(media[2], 2383.94) && near(media[3], 1683.78), "{media:?}");

    let (_dir, path) = write("ecommerce-fr.pdf", &bytes);
    // -raw keeps the drawing order, so the lines of a wrapped title stay together.
    let text = folded(&tool(
        "pdftotext",
        &["-raw".as_ref(), "-enc".as_ref(), "UTF-8".as_ref(), path.as_os_str(), "-".as_ref()],
    ));
    assert!(!map.cards.is_empty());
    for card in &map.cards {
        // As the poster sets it: with French spacing (`Pourquoi ?` with a narrow no-break space).
        let title = folded(&parcours::layout::typography::french(&card.title));
        assert!(text.contains(&title), "card title {title:?} is not in the PDF text");
    }
    assert!(text.contains(&folded(&map.title)), "{}", map.title);

    let report = tool("qpdf", &["--check".as_ref(), path.as_os_str()]);
    assert!(
        report.contains("No syntax or stream encoding errors") && !report.contains("WARNING"),
        "{report}"
    );
    let fonts = tool("pdffonts", &[path.as_os_str()]);
    for row in fonts.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(cols[0].contains('+') && cols[n - 5..n - 2] == ["yes", "yes", "yes"], "{row}");
    }
}

#[test]
fn the_french_map_tiles_onto_a4_and_renders_the_same_twice() {
    let list = french_poster();
    let tiling = Tiling { paper: Paper::A4, overlap_mm: 10.0 };
    let options = PdfOptions { page: a1(), tile: Some(tiling), ..PdfOptions::default() };
    let grid = plan_tiles(&list, &options.page, &tiling).unwrap();
    let bytes = render_pdf(&list, &options).unwrap();
    assert_eq!(bytes, render_pdf(&list, &options).unwrap());
    let doc = Document::load_mem(&bytes).unwrap();
    assert_eq!(doc.get_pages().len(), grid.pages());
    let (_dir, path) = write("ecommerce-fr-tiles.pdf", &bytes);
    let text = tool("pdftotext", &["-enc".as_ref(), "UTF-8".as_ref(), path.as_os_str(), "-".as_ref()]);
    let last_label =
        format!("row {} of {}, column {} of {}", grid.rows, grid.rows, grid.columns, grid.columns);
    assert!(text.contains(&last_label), "{last_label:?} missing");
    let report = tool("qpdf", &["--check".as_ref(), path.as_os_str()]);
    assert!(
        report.contains("No syntax or stream encoding errors") && !report.contains("WARNING"),
        "{report}"
    );
}

/// A 300 × 100 picture in three bands across it: red, green, blue.
fn wide_bands() -> Arc<Image> {
    let (w, h) = (300_u32, 100_u32);
    let mut rgba = Vec::new();
    for _ in 0..h {
        for x in 0..w {
            rgba.extend_from_slice(match x * 3 / w {
                0 => &[255, 0, 0, 255],
                1 => &[0, 255, 0, 255],
                _ => &[0, 0, 255, 255],
            });
        }
    }
    Arc::new(Image { key: "bands.png".into(), width: w, height: h, rgba })
}

#[test]
fn photos_cover_their_badge_in_the_pdf_as_poppler_draws_it() {
    let list = DisplayList {
        width: 100.0,
        height: 100.0,
        items: vec![
            Item::Image {
                rect: Rect::new(10.0, 10.0, 80.0, 80.0),
                image: wide_bands(),
                clip: ImageClip::Ellipse,
            },
            Item::Image { rect: Rect::new(47.0, 92.0, 6.0, 6.0), image: wide_bands(), clip: ImageClip::Rect },
        ],
        ..DisplayList::default()
    };
    let side_mm = 100.0 / PT_PER_MM;
    let page = PageSetup {
        paper: Paper::Custom { width_mm: side_mm, height_mm: side_mm },
        orientation: Orientation::Portrait,
        margin_pt: 0.0,
    };
    let pdf = render_pdf(&list, &PdfOptions { page, ..PdfOptions::default() }).unwrap();
    let (_keep, path) = write("bands.pdf", &pdf);
    let prefix = path.with_extension("");
    tool(
        "pdftoppm",
        &[
            "-r".as_ref(),
            "144".as_ref(),
            "-png".as_ref(),
            "-singlefile".as_ref(),
            path.as_os_str(),
            prefix.as_os_str(),
        ],
    );
    let (width, _, pixels) = support::raster::decode_png(&prefix.with_extension("png"));
    // Named by the nearest of four colours: poppler's resampling gives 254 for 255.
    let at = |x: usize, y: usize| {
        let p = pixels[y * 2 * width as usize + x * 2];
        let named =
            [("red", [255, 0, 0]), ("green", [0, 255, 0]), ("blue", [0, 0, 255]), ("white", [255, 255, 255])];
        let distance = |c: [u8; 3]| (0..3).map(|i| (i32::from(p[i]) - i32::from(c[i])).abs()).sum::<i32>();
        named.iter().min_by_key(|(_, c)| distance(*c)).map(|(name, _)| *name).unwrap()
    };
    // Both sides of the round badge show the middle band: the photo covers it, centred.
    assert_eq!(at(22, 50), "green", "left of the round badge");
    assert_eq!(at(78, 50), "green", "right of the round badge");
    // A cropped photo in a square stays in it: drawn 18 wide from x = 41, it shows only its middle
    // band between 47 and 53, and nothing at 44 (where the red band would be).
    assert_eq!(at(50, 95), "green");
    assert_eq!(at(44, 95), "white", "the photo leaks out of its box");
}
