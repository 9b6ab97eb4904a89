//! The PNG and SVG painters: page size × DPI, pHYs, determinism, banding, SVG structure and text,
//! and reference images of small one-feature fixtures.
//!
//! Reference PNGs live in `tests/reference/`; regenerate them with
//! `PARCOURS_BLESS=1 cargo test --no-default-features --test paint` and look at them before committing.

mod support;

use parcours::display::{Colour, Cubic, DisplayList, Item, Point, Rect, Stroke};
use parcours::paint::png::{Compression, PngError, PngOptions, RgbaImage, render_png, render_rgba};
use parcours::paint::svg::{SvgOptions, render_svg};
use parcours::paint::{Orientation, PageSetup, Paper};
use parcours::text::FontStyle;
use std::path::PathBuf;
use support::lists::{INK, PAPER, paragraph, sample, text};

fn options(paper: Paper, orientation: Orientation, dpi: u32) -> PngOptions {
    PngOptions {
        page: PageSetup { paper, orientation, ..PageSetup::default() },
        dpi,
        compression: Compression::Fast,
    }
}

fn decode(bytes: &[u8]) -> (png::OutputInfo, Option<png::PixelDimensions>, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().expect("a PNG header");
    let dims = reader.info().pixel_dims;
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut pixels).expect("decodable pixels");
    pixels.truncate(info.buffer_size());
    (info, dims, pixels)
}

#[test]
fn png_size_is_paper_times_dpi() {
    let list = sample();
    let bytes = render_png(&list, &options(Paper::A4, Orientation::Portrait, 150)).unwrap();
    let (info, _, _) = decode(&bytes);
    assert_eq!((info.width, info.height), (1240, 1754));
    // The sample is wider than tall: Auto turns the page.
    let bytes = render_png(&list, &options(Paper::A3, Orientation::Auto, 72)).unwrap();
    let (info, _, _) = decode(&bytes);
    assert_eq!((info.width, info.height), (1191, 842));
    let a0 = options(Paper::A0, Orientation::Portrait, 300);
    assert_eq!(a0.pixel_size(&list), (9933, 14043));
}

#[test]
fn png_records_the_dpi_in_phys() {
    for dpi in [72, 150, 300] {
        let bytes = render_png(&sample(), &options(Paper::A5, Orientation::Auto, dpi)).unwrap();
        let (_, dims, _) = decode(&bytes);
        let dims = dims.expect("a pHYs chunk");
        assert_eq!(dims.unit, png::Unit::Meter);
        assert_eq!(dims.xppu, dims.yppu);
        let read_dpi = f64::from(dims.xppu) * 0.0254;
        assert!((read_dpi - f64::from(dpi)).abs() < 0.05, "{dpi}: {read_dpi}");
    }
}

#[test]
fn png_bytes_are_the_same_on_every_run() {
    let options =
        PngOptions { page: PageSetup { paper: Paper::A5, ..PageSetup::default() }, ..PngOptions::default() };
    let first = render_png(&sample(), &options).unwrap();
    let second = render_png(&sample(), &options).unwrap();
    assert!(first == second, "two renders differ");
    // Compression changes the file, never the pixels.
    let best = render_png(&sample(), &PngOptions { compression: Compression::Best, ..options }).unwrap();
    let fast = render_png(&sample(), &PngOptions { compression: Compression::Fast, ..options }).unwrap();
    assert!(best.len() < fast.len(), "best {} fast {}", best.len(), fast.len());
    assert!(decode(&best).2 == decode(&fast).2);
}

#[test]
fn png_fills_the_page_with_the_background_and_centres_the_poster() {
    let mut list = DisplayList { width: 100.0, height: 100.0, background: PAPER, ..DisplayList::default() };
    list.items.push(Item::Rect {
        rect: Rect::new(0.0, 0.0, 100.0, 100.0),
        radius: 0.0,
        fill: Some(INK),
        stroke: None,
    });
    let bytes = render_png(&list, &options(Paper::A5, Orientation::Portrait, 72)).unwrap();
    let (info, _, pixels) = decode(&bytes);
    assert_eq!(info.color_type, png::ColorType::Rgb, "an opaque page needs no alpha");
    let at = |x: u32, y: u32| {
        let i = ((y * info.width + x) * 3) as usize;
        Colour::rgb(pixels[i], pixels[i + 1], pixels[i + 2])
    };
    assert_eq!(at(2, 2), PAPER, "corner");
    assert_eq!(at(info.width / 2, info.height / 2), INK, "centre");
    assert_eq!(at(info.width / 2, 30), PAPER, "above the square poster");
}

#[test]
fn png_keeps_alpha_when_the_background_is_transparent() {
    let mut list = sample();
    list.background = Colour::rgba(0, 0, 0, 0);
    let bytes = render_png(&list, &options(Paper::A5, Orientation::Auto, 72)).unwrap();
    let (info, _, pixels) = decode(&bytes);
    assert_eq!(info.color_type, png::ColorType::Rgba);
    assert_eq!(pixels[3], 0, "the corner is transparent");
    assert!(pixels.chunks_exact(4).any(|p| p[3] == 255), "something is drawn");
}

#[test]
fn png_refuses_resolutions_out_of_range() {
    for dpi in [0, 71, 601] {
        let error = render_png(&sample(), &options(Paper::A4, Orientation::Auto, dpi)).unwrap_err();
        assert!(matches!(error, PngError::Dpi { .. }), "{error}");
        assert!(error.to_string().contains("72 to 600 dpi"), "{error}");
    }
    assert!(matches!(render_rgba(&sample(), 0, 10), Err(PngError::Size { .. })));
}

#[test]
fn png_write_errors_are_reported() {
    struct Broken;
    impl std::io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let error =
        parcours::paint::png::render_png_to(&sample(), &options(Paper::A5, Orientation::Auto, 72), Broken)
            .unwrap_err();
    assert!(error.to_string().contains("disk full"), "{error}");
}

#[test]
fn text_is_drawn_where_the_layout_put_it() {
    // A black "I" on white: its stem must be inside the line box and nothing outside it.
    let mut list = DisplayList {
        width: 100.0,
        height: 40.0,
        background: Colour::rgb(255, 255, 255),
        ..DisplayList::default()
    };
    list.items.push(text("IIII", FontStyle::Bold, 20.0, 10.0, 30.0, Colour::rgb(0, 0, 0)));
    let Item::Text(line) = &list.items[0] else { unreachable!() };
    let bounds = line.bounds();
    let image = render_rgba(&list, 200, 80).unwrap();
    let mut inked = 0;
    for y in 0..80 {
        for x in 0..200 {
            let p = &image.rgba[(y * 200 + x) * 4..][..4];
            if p[0] < 128 {
                inked += 1;
                let (mx, my) = (x as f32 / 2.0, y as f32 / 2.0);
                assert!(
                    mx >= bounds.x - 1.0
                        && mx <= bounds.right() + 1.0
                        && my >= bounds.y - 1.0
                        && my <= bounds.bottom() + 1.0,
                    "ink at {mx},{my} outside {bounds:?}"
                );
            }
        }
    }
    assert!(inked > 200, "{inked} dark pixels");
}

// ---- SVG ----

#[test]
fn svg_is_well_formed_with_page_size_title_and_language() {
    let svg =
        render_svg(&sample(), &SvgOptions { page: PageSetup { paper: Paper::A4, ..PageSetup::default() } });
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("297mm"));
    assert_eq!(root.attribute("height"), Some("210mm"));
    assert_eq!(root.attribute("viewBox"), Some("0 0 841.89 595.28"));
    assert_eq!(root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("fr"));
    let title = root.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("Parcours d’achat & <test>"));
    assert!(svg.contains("Parcours d’achat &amp; &lt;test&gt;"));
}

const XML: &str = "http://www.w3.org/XML/1998/namespace";
const XLINK: &str = "http://www.w3.org/1999/xlink";

/// The invisible text layer: the group with id `text`.
fn text_layer<'a>(doc: &'a roxmltree::Document) -> roxmltree::Node<'a, 'a> {
    doc.descendants().find(|n| n.attribute("id") == Some("text")).expect("a text layer")
}

#[test]
fn svg_keeps_text_as_text_with_accents_and_measured_widths() {
    let list = sample();
    let svg = render_svg(&list, &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("text")).collect();
    let lines: Vec<_> = list.text_lines().filter(|l| !l.text.trim().is_empty()).collect();
    assert_eq!(texts.len(), lines.len());
    let content: Vec<&str> = texts.iter().filter_map(roxmltree::Node::text).collect();
    assert!(content.contains(&"Découverte"), "{content:?}");
    assert!(content.contains(&"Après-vente"), "{content:?}");
    assert!(content.iter().any(|t| t.contains("« Pourquoi\u{202f}? »")), "{content:?}");
    assert!(content.iter().any(|t| t.contains("📱")), "{content:?}");
    // Each line's text sits on its baseline and spans the width the layout measured.
    for (node, line) in texts.iter().zip(&lines) {
        assert_eq!(node.text(), Some(line.text.as_str()));
        let attr = |name: &str| node.attribute(name).unwrap().parse::<f32>().unwrap();
        assert!((attr("x") - line.origin.x).abs() < 0.01 && (attr("y") - line.origin.y).abs() < 0.01);
        assert!((attr("textLength") - line.width).abs() < 0.01, "{}", line.text);
        assert!((attr("font-size") - line.size).abs() < 0.01);
        assert_eq!(node.attribute("lengthAdjust"), Some("spacingAndGlyphs"));
    }
    let bold = texts.iter().find(|n| n.text() == Some("Découverte")).unwrap();
    assert_eq!(bold.attribute("font-weight"), Some("bold"));
    let italic = texts.iter().find(|n| n.text().is_some_and(|t| t.contains("Pourquoi"))).unwrap();
    assert_eq!(italic.attribute("font-style"), Some("italic"));

    // The text is there for search and selection only: invisible, over the glyphs, in the
    // fonts' real family names.
    let layer = text_layer(&doc);
    assert!(texts.iter().all(|t| t.parent() == Some(layer)));
    assert_eq!(layer.attribute("fill-opacity"), Some("0"));
    assert_eq!(layer.attribute((XML, "space")), Some("preserve"));
    for node in layer.descendants() {
        for attr in ["fill", "fill-opacity", "opacity", "stroke"] {
            assert!(node == layer || node.attribute(attr).is_none(), "{attr} on {node:?}");
        }
    }
    let families = layer.attribute("font-family").unwrap();
    assert!(families.starts_with("'Noto Sans'"), "{families}");
    assert!(families.contains("'Noto Sans Symbols2'") && families.contains("'Noto Emoji'"), "{families}");
    let topmost = doc.descendants().rfind(roxmltree::Node::is_element).unwrap();
    assert!(topmost.ancestors().any(|a| a == layer), "drawn last, over every glyph: {topmost:?}");
}

/// A `matrix(a b c d e f)` transform's six numbers.
fn matrix(node: roxmltree::Node) -> [f32; 6] {
    let transform = node.attribute("transform").expect("a transform");
    let inner = transform.strip_prefix("matrix(").and_then(|t| t.strip_suffix(')')).expect("a matrix");
    let numbers: Vec<f32> = inner.split(' ').map(|n| n.parse().expect("a number")).collect();
    numbers.try_into().expect("six numbers")
}

#[test]
fn svg_draws_each_glyph_outline_once_and_places_it_where_the_layout_shaped_it() {
    let list = sample();
    let svg = render_svg(&list, &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let fonts = parcours::text::Fonts::get();

    // Every glyph with an outline, as the PNG painter draws it: (face, id, x, y) in map space.
    let mut expected = Vec::new();
    for line in list.text_lines().filter(|l| !l.text.trim().is_empty()) {
        for g in &line.glyphs {
            if !fonts.outline(g.face, g.id, line.size).is_empty() {
                expected.push((g.face, g.id, line.origin.x + g.x, line.origin.y - g.y, line.size));
            }
        }
    }
    let distinct: std::collections::BTreeSet<_> = expected.iter().map(|g| (g.0, g.1)).collect();

    // One definition per (face, glyph), each a path, each used.
    let defs = doc.descendants().find(|n| n.has_tag_name("defs")).unwrap();
    let defined: Vec<&str> = defs.children().filter_map(|n| n.attribute("id")).collect();
    assert!(defs.children().filter(roxmltree::Node::is_element).all(|n| n.has_tag_name("path")));
    let unique: std::collections::BTreeSet<&str> = defined.iter().copied().collect();
    assert_eq!(unique.len(), defined.len(), "a glyph is defined twice");
    assert_eq!(defined.len(), distinct.len());

    // Each use, in drawing order, lands on its glyph's origin at its size.
    let uses: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("use")).collect();
    assert_eq!(uses.len(), expected.len());
    for (node, &(face, id, x, y, size)) in uses.iter().zip(&expected) {
        let href = node.attribute((XLINK, "href")).unwrap();
        assert!(unique.contains(&href[1..]), "{href} is not defined");
        let [sx, skew_y, skew_x, sy, tx, ty] = matrix(node.parent().unwrap());
        assert!(skew_y.abs() < f32::EPSILON && skew_x.abs() < f32::EPSILON);
        assert!((sx + sy).abs() < 1e-6, "flipped: y up in the outlines");
        let units = fonts.units_per_em(face);
        assert!((sx - size / units).abs() < 1e-5, "outlines in font units: {sx} for {size} pt");
        let ux: f32 = node.attribute("x").map_or(0.0, |v| v.parse().unwrap());
        let uy: f32 = node.attribute("y").map_or(0.0, |v| v.parse().unwrap());
        let (px, py) = (tx + sx * ux, ty + sy * uy);
        assert!((px - x).abs() < 0.01 && (py - y).abs() < 0.01, "{face:?} {id}: ({px}, {py}) vs ({x}, {y})");
    }
}

#[test]
fn svg_escapes_markup_quotes_and_control_characters() {
    let mut list = DisplayList { width: 200.0, height: 50.0, background: PAPER, ..DisplayList::default() };
    let tricky = "a < b & \"c\" > 'd'\u{1}\u{7}é";
    list.items.push(text(tricky, FontStyle::Regular, 10.0, 5.0, 20.0, INK));
    list.title = "<script>alert('x')</script>".into();
    list.language = "fr\"><x".into();
    let svg = render_svg(&list, &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let node = doc.descendants().find(|n| n.has_tag_name("text")).unwrap();
    assert_eq!(node.text(), Some("a < b & \"c\" > 'd'é"));
    assert!(!svg.contains("<script>"));
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("x")).count(), 0);
}

#[test]
fn svg_draws_every_item_kind_and_is_deterministic() {
    let list = sample();
    let svg = render_svg(&list, &SvgOptions::default());
    assert_eq!(svg, render_svg(&list, &SvgOptions::default()));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
    assert!(count("rect") >= 7, "background + 6 boxes");
    assert_eq!(count("polyline"), 1);
    let drawn_paths = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && !n.ancestors().any(|a| a.has_tag_name("defs")))
        .count();
    assert_eq!(drawn_paths, 2, "curve and area");
    assert_eq!(count("circle"), 4);
    assert_eq!(count("image"), 2);
    assert_eq!(count("clipPath"), 1);
    let dashed = doc.descendants().find(|n| n.has_tag_name("polyline")).unwrap();
    assert_eq!(dashed.attribute("stroke-dasharray"), Some("4 3"));
    let rounded = doc.descendants().filter(|n| n.has_tag_name("rect")).find(|n| n.attribute("rx").is_some());
    assert_eq!(rounded.unwrap().attribute("rx"), Some("6"));
    let area = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("id").is_none())
        .find(|n| n.attribute("fill") != Some("none"));
    assert_eq!(area.unwrap().attribute("fill-opacity"), Some("0.235"));
    for image in doc.descendants().filter(|n| n.has_tag_name("image")) {
        let href = image.attribute((XLINK, "href")).unwrap();
        assert!(href.starts_with("data:image/png;base64,iVBORw0KGgo"), "{}", &href[..40]);
    }
}

// ---- Reference images ----

/// Channel differences up to this are noise (rasteriser or float changes).
const CHANNEL_TOLERANCE: u8 = 16;
/// At most this fraction of pixels may differ by more than the tolerance.
const MAX_DIFFERENT_FRACTION: f64 = 0.005;
/// Reference files must stay small.
const MAX_REFERENCE_BYTES: usize = 20 * 1024;

fn reference_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/reference")
}

fn encode(image: &RgbaImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, image.width, image.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().expect("encode");
    writer.write_image_data(&image.rgba).expect("encode");
    writer.finish().expect("encode");
    bytes
}

/// Compares a render with `tests/reference/{name}.png`, or writes it when `PARCOURS_BLESS=1`.
fn check_reference(name: &str, image: &RgbaImage) {
    let path = reference_dir().join(format!("{name}.png"));
    if std::env::var_os("PARCOURS_BLESS").is_some_and(|v| v == "1") {
        let bytes = encode(image);
        assert!(
            bytes.len() <= MAX_REFERENCE_BYTES,
            "{name}: {} bytes is too big for a reference",
            bytes.len()
        );
        std::fs::create_dir_all(reference_dir()).expect("make tests/reference");
        std::fs::write(&path, bytes).expect("write the reference");
        return;
    }
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with PARCOURS_BLESS=1 to create it)", path.display()));
    assert!(bytes.len() <= MAX_REFERENCE_BYTES, "{name}: the reference is {} bytes", bytes.len());
    let (info, _, expected) = decode(&bytes);
    assert_eq!(info.color_type, png::ColorType::Rgba);
    assert_eq!((info.width, info.height), (image.width, image.height), "{name}: size");
    let different = expected
        .chunks_exact(4)
        .zip(image.rgba.chunks_exact(4))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > CHANNEL_TOLERANCE))
        .count();
    let fraction = different as f64 / f64::from(image.width * image.height);
    if fraction > MAX_DIFFERENT_FRACTION {
        let actual = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.actual.png"));
        std::fs::write(&actual, encode(image)).expect("write the actual image");
        panic!(
            "{name}: {different} pixels ({:.2} %) differ by more than {CHANNEL_TOLERANCE}; see {} \
             (PARCOURS_BLESS=1 regenerates the reference)",
            fraction * 100.0,
            actual.display()
        );
    }
}

fn emotion_curve() -> DisplayList {
    let scores = [2.0_f32, 4.0, 1.0, -3.0, -1.0, 3.0];
    let (left, step, mid, unit) = (20.0, 52.0, 60.0, 9.0);
    let points: Vec<Point> =
        scores.iter().enumerate().map(|(i, s)| Point::new(left + i as f32 * step, mid - s * unit)).collect();
    let mut segments = Vec::new();
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let dx = (b.x - a.x) / 3.0;
        segments.push(Cubic { c1: Point::new(a.x + dx, a.y), c2: Point::new(b.x - dx, b.y), to: b });
    }
    let mut items = vec![Item::Line {
        points: vec![Point::new(10.0, mid), Point::new(300.0, mid)],
        stroke: Stroke::dashed(0.75, Colour::rgb(0x94, 0xa3, 0xb8), 3.0, 2.0),
    }];
    let mut above = segments.clone();
    let last = points[points.len() - 1];
    for corner in [Point::new(last.x, mid), Point::new(left, mid)] {
        above.push(Cubic { c1: corner, c2: corner, to: corner });
    }
    items.push(Item::Area { from: points[0], segments: above, fill: Colour::rgba(0x22, 0xc5, 0x5e, 70) });
    items.push(Item::Curve {
        from: points[0],
        segments,
        stroke: Stroke::solid(2.0, Colour::rgb(0x16, 0xa3, 0x4a)),
    });
    for p in &points {
        items.push(Item::Circle {
            center: *p,
            radius: 4.0,
            fill: Some(Colour::rgb(255, 255, 255)),
            stroke: Some(Stroke::solid(1.5, Colour::rgb(0x16, 0xa3, 0x4a))),
        });
    }
    items.push(text("😄", FontStyle::Regular, 12.0, points[1].x - 6.0, points[1].y - 8.0, INK));
    items.push(text("😠", FontStyle::Regular, 12.0, points[3].x - 6.0, points[3].y + 20.0, INK));
    DisplayList { width: 310.0, height: 120.0, background: PAPER, items, ..DisplayList::default() }
}

fn french_wrapping() -> DisplayList {
    let body = "«\u{202f}Pourquoi est-ce moins cher ailleurs\u{202f}?\u{202f}» La cliente découvre 6,90\u{a0}€ \
                de frais de port au paiement, hésite, compare sur son téléphone puis abandonne son panier\u{a0}; \
                elle reçoit un courriel de relance le lendemain — œuvre d’un automate\u{202f}!";
    let mut items = vec![Item::Rect {
        rect: Rect::new(8.0, 8.0, 164.0, 184.0),
        radius: 8.0,
        fill: Some(Colour::rgb(255, 255, 255)),
        stroke: Some(Stroke::solid(1.0, Colour::rgb(0x94, 0xa3, 0xb8))),
    }];
    items.push(text("Abandon de panier", FontStyle::Bold, 11.0, 16.0, 26.0, INK));
    items.extend(paragraph(body, 8.5, 16.0, 42.0, 148.0, INK));
    DisplayList { width: 180.0, height: 200.0, background: PAPER, items, ..DisplayList::default() }
}

#[test]
fn reference_emotion_curve() {
    check_reference("emotion-curve", &render_rgba(&emotion_curve(), 310, 120).unwrap());
}

#[test]
fn reference_french_wrapping() {
    check_reference("french-wrapping", &render_rgba(&french_wrapping(), 270, 300).unwrap());
}

#[test]
fn reference_every_item_kind() {
    check_reference("every-item-kind", &render_rgba(&sample(), 360, 204).unwrap());
}

// ---- Reference images of real layouts (`tests/fixtures/*.ron`) ----

fn layout_fixture(name: &str) -> DisplayList {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(format!("{name}.ron"));
    let map = parcours::file::load(&path).unwrap_or_else(|e| panic!("{e}"));
    parcours::layout::poster(&map, &parcours::layout::LayoutOptions::default())
}

/// Renders a laid-out fixture into `width_px` × `height_px` (about the poster's shape).
fn render_fixture(name: &str, width_px: u32, height_px: u32) -> RgbaImage {
    render_rgba(&layout_fixture(name), width_px, height_px).expect("a small image")
}

#[test]
fn reference_layout_emotion_curve() {
    check_reference("layout-emotion-curve", &render_fixture("emotion-curve", 480, 206));
}

#[test]
fn reference_layout_french_wrapping() {
    check_reference("layout-french-wrapping", &render_fixture("french-wrapping", 420, 297));
}

#[test]
fn reference_layout_card_kinds() {
    check_reference("layout-card-kinds", &render_fixture("card-kinds", 420, 297));
}

#[test]
fn every_example_map_paints_to_png_and_well_formed_svg() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("maps");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 3);
    for path in paths {
        let map = parcours::file::load(&path).unwrap();
        let list = parcours::layout::poster(&map, &parcours::layout::LayoutOptions::default());
        let png = render_png(&list, &options(Paper::A4, Orientation::Auto, 72)).unwrap();
        let (info, _, _) = decode(&png);
        assert_eq!(info.width.max(info.height), 842, "{}", path.display());
        let svg = render_svg(&list, &SvgOptions::default());
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let texts = doc.descendants().filter(|n| n.has_tag_name("text")).count();
        let lines = list.text_lines().filter(|l| !l.text.trim().is_empty()).count();
        assert_eq!(texts, lines, "{}", path.display());
        // Every glyph drawn refers to an outline defined in the document.
        let defined: std::collections::BTreeSet<&str> =
            doc.descendants().filter(|n| n.has_tag_name("path")).filter_map(|n| n.attribute("id")).collect();
        let uses: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("use"))
            .map(|n| n.attribute((XLINK, "href")).unwrap())
            .collect();
        assert!(uses.len() > lines, "{}: {} glyphs for {lines} lines", path.display(), uses.len());
        for href in uses {
            assert!(defined.contains(&href[1..]), "{}: {href} is not defined", path.display());
        }
    }
}

/// A `width` × `height` picture in three equal bands, red, green and blue: across it when it is
/// wide, down it when it is tall.
fn three_bands(width: u32, height: u32) -> std::sync::Arc<parcours::display::Image> {
    let mut rgba = Vec::with_capacity((width * height * 4) as usize);
    for y in 0..height {
        for x in 0..width {
            let band = if width >= height { x * 3 / width } else { y * 3 / height };
            rgba.extend_from_slice(match band {
                0 => &[255, 0, 0, 255],
                1 => &[0, 255, 0, 255],
                _ => &[0, 0, 255, 255],
            });
        }
    }
    std::sync::Arc::new(parcours::display::Image {
        key: format!("bands-{width}x{height}"),
        width,
        height,
        rgba,
    })
}

/// A wide photo in a round badge and a tall one in a square box, on white: 100 × 100 points.
fn photos_in_boxes() -> DisplayList {
    use parcours::display::ImageClip;
    DisplayList {
        width: 200.0,
        height: 100.0,
        items: vec![
            Item::Rect {
                rect: Rect::new(0.0, 0.0, 200.0, 100.0),
                radius: 0.0,
                fill: Some(PAPER),
                stroke: None,
            },
            Item::Image {
                rect: Rect::new(10.0, 10.0, 80.0, 80.0),
                image: three_bands(300, 100),
                clip: ImageClip::Ellipse,
            },
            Item::Image {
                rect: Rect::new(110.0, 10.0, 80.0, 80.0),
                image: three_bands(75, 100),
                clip: ImageClip::Rect,
            },
        ],
        ..DisplayList::default()
    }
}

#[test]
fn photos_cover_their_box_centred_instead_of_being_stretched() {
    let image = render_rgba(&photos_in_boxes(), 400, 200).unwrap();
    // At (x, y) in points: two pixels a point.
    let at = |x: usize, y: usize| {
        let i = (y * 2 * 400 + x * 2) * 4;
        [image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]]
    };
    // The wide photo shows its middle band across the badge: stretched, the sides would be red
    // and blue (a squashed face).
    assert_eq!(at(22, 50), [0, 255, 0], "left of the round badge");
    assert_eq!(at(78, 50), [0, 255, 0], "right of the round badge");
    // The tall photo (3:4) keeps its proportions: the box shows a middle slice, red at the top,
    // blue at the bottom, each cut, and nothing is drawn outside the box.
    assert_eq!(at(150, 50), [0, 255, 0]);
    assert_eq!(at(150, 14), [255, 0, 0]);
    assert_eq!(at(150, 86), [0, 0, 255]);
    assert_eq!(at(150, 6), [PAPER.r, PAPER.g, PAPER.b], "the photo leaks above its box");
    assert_eq!(at(150, 94), [PAPER.r, PAPER.g, PAPER.b], "the photo leaks below its box");
}

#[test]
fn svg_draws_photos_over_their_cover_box_cut_to_the_badge() {
    let svg = render_svg(&photos_in_boxes(), &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let images: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("image")).collect();
    assert_eq!(images.len(), 2);
    let attr = |n: &roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f32>().unwrap();
    // 300 × 100 covering 80 × 80: 240 × 80, centred on the badge; 75 × 100 covering 80 × 80: 80 × 106.7.
    assert_eq!(
        (attr(&images[0], "x"), attr(&images[0], "width"), attr(&images[0], "height")),
        (-70.0, 240.0, 80.0)
    );
    assert!((attr(&images[1], "height") - 106.666_67).abs() < 0.01);
    for image in &images {
        assert!(image.attribute("clip-path").is_some(), "a cropped photo must be clipped to its box");
    }
}
