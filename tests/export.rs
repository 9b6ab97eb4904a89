//! `parcours export`: posters on real maps, exit codes and messages, and the fidelity of the PDF
//! against the PNG (the poster looks the same whichever format a designer picks).
//!
//! Needs `pdftotext`, `pdffonts` and `pdftoppm` (Debian's poppler-utils), `rsvg-convert`
//! (librsvg2-bin) and `chromium`, all installed by `scripts/setup`.
#![allow(clippy::unwrap_used, reason = "test helpers: a failure is a failed test")]

mod support;

use support::cli::{parcours, repo, tool, tool_with_env};
use support::raster::share_differing;

use std::path::{Path, PathBuf};

fn example(name: &str) -> String {
    repo().join("maps").join(name).to_string_lossy().into_owned()
}

#[test]
fn pdf_poster_of_the_french_map_has_every_card_title_and_subset_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        parcours(&["export", &example("ecommerce-fr.ron"), "-o", "poster.pdf", "--paper", "A1"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("poster.pdf: PDF poster of"));
    let pdf = dir.path().join("poster.pdf");
    let pdf = pdf.to_str().unwrap();

    // A1 in points, upright: with the orientation left to it, the layout fits the map to both
    // and keeps the one that prints the text larger (portrait: titles at 13.4 pt, 12.1 pt
    // landscape).
    let info = tool("pdfinfo", &[pdf]);
    assert!(info.contains("1683.78 x 2383.94 pts"), "{info}");

    let fonts = tool("pdffonts", &[pdf]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in rows {
        assert!(row.contains('+'), "font not subset: {row}");
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert!(columns.windows(3).any(|w| w == ["yes", "yes", "yes"] || w == ["yes", "yes", "no"]), "{row}");
    }

    let text = tool("pdftotext", &["-enc", "UTF-8", pdf, "-"]);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let map = parcours::file::load(Path::new(&example("ecommerce-fr.ron"))).unwrap();
    for card in &map.cards {
        for word in card.title.split_whitespace() {
            assert!(flat.contains(word), "{word:?} of card {} is not in the PDF text", card.id);
        }
    }
    assert!(flat.contains("Fidélisation") && flat.contains("Léa Martin") && flat.contains("Légende"));
    // French typography: the file's « -4 » prints with the minus sign U+2212, in the bold of the
    // metric chips, and the text extracts as such.
    assert!(flat.contains("NPS \u{2212}4"), "{flat}");
    assert!(!flat.contains("NPS -4"), "{flat}");
}

#[test]
fn png_poster_is_paper_times_dpi_with_dpi_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "export",
        &example("saas-onboarding-en.ron"),
        "-o",
        "p.png",
        "--paper",
        "A4",
        "--portrait",
        "--dpi",
        "150",
    ];
    let out = parcours(&args, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let decoder =
        png::Decoder::new(std::io::BufReader::new(std::fs::File::open(dir.path().join("p.png")).unwrap()));
    let reader = decoder.read_info().unwrap();
    let info = reader.info();
    assert_eq!((info.width, info.height), (1240, 1754));
    let dims = info.pixel_dims.expect("pHYs");
    assert_eq!(dims.xppu, 5906); // 150 dpi in pixels per metre
    // A4 portrait makes this map's text too small: the user is told, with advice.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning:") && stderr.contains("below the 6 pt needed"), "{stderr}");
}

#[test]
fn svg_poster_keeps_text_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = parcours(&["export", &example("ecommerce-fr.ron"), "-o", "p.svg"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let svg = std::fs::read_to_string(dir.path().join("p.svg")).unwrap();
    assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let layer = doc.descendants().find(|n| n.attribute("id") == Some("text")).unwrap();
    assert_eq!(layer.attribute("fill-opacity"), Some("0"));
    let text: String = layer
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let map = parcours::file::load(Path::new(&example("ecommerce-fr.ron"))).unwrap();
    for card in &map.cards {
        for word in card.title.split_whitespace() {
            assert!(flat.contains(word), "{word:?} of card {} is not in the SVG text", card.id);
        }
    }
    assert!(flat.contains("Prise de conscience du besoin") && flat.contains("Léa Martin"), "{flat}");
    assert!(flat.contains("Fidélisation") && flat.contains("Légende"), "{flat}");
}

/// A fontconfig set-up in `dir` that knows no font at all: a renderer started with it cannot
/// fall back on an installed Noto, nor on anything else.
fn no_fonts(dir: &Path) -> PathBuf {
    let conf = dir.join("fonts.conf");
    let cache = dir.join("fontconfig-cache");
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n\
         <fontconfig><cachedir>{}</cachedir></fontconfig>\n",
        cache.display()
    );
    std::fs::write(&conf, xml).unwrap();
    conf
}

/// The French example exported in `dir` as `p.svg` and as our own `p.png`, on A3 with no margin
/// at 96 dpi (the CSS pixel); returns the PNG's size in pixels.
fn french_svg_and_png(dir: &Path) -> (u32, u32) {
    let map = example("ecommerce-fr.ron");
    for out in ["p.svg", "p.png"] {
        let args = ["export", &map, "-o", out, "--paper", "A3", "--margin", "0", "--dpi", "96"];
        let result = parcours(&args, dir);
        assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    }
    let (width, height, _) = support::raster::decode_png(&dir.join("p.png"));
    (width, height)
}

/// Fails unless `theirs` looks like our `p.png` in `dir`; keeps the folder to look at if not.
fn assert_looks_like_our_png(dir: tempfile::TempDir, theirs: &str, renderer: &str) {
    let share = share_differing(&dir.path().join("p.png"), &dir.path().join(theirs));
    if share >= 0.01 {
        let kept = dir.keep();
        panic!(
            "{renderer}: {:.2} % of pixels differ beyond anti-aliasing from our PNG; see {} and p.png in {}",
            share * 100.0,
            theirs,
            kept.display()
        );
    }
}

#[test]
fn svg_looks_like_the_png_in_librsvg_without_any_font_installed() {
    let dir = tempfile::tempdir().unwrap();
    let (width, height) = french_svg_and_png(dir.path());
    let conf = no_fonts(dir.path());
    let (svg, out) = (dir.path().join("p.svg"), dir.path().join("rsvg.png"));
    let (w, h) = (width.to_string(), height.to_string());
    tool_with_env(
        "rsvg-convert",
        &["-w", &w, "-h", &h, "-o", out.to_str().unwrap(), svg.to_str().unwrap()],
        &[("FONTCONFIG_FILE", conf.as_os_str())],
    );
    assert_looks_like_our_png(dir, "rsvg.png", "librsvg");
}

#[test]
fn svg_looks_like_the_png_in_chromium_without_any_font_installed() {
    let dir = tempfile::tempdir().unwrap();
    let (width, height) = french_svg_and_png(dir.path());
    let conf = no_fonts(dir.path());
    // A page that shows the SVG at exactly the PNG's size, in a window of that size.
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>html, body {{ margin: 0; \
             overflow: hidden }} img {{ display: block; width: {width}px; height: {height}px }}\
             </style></head><body><img src=\"p.svg\"></body></html>"
        ),
    )
    .unwrap();
    let profile = dir.path().join("profile");
    let (xdg_config, xdg_cache) = (dir.path().join("config"), dir.path().join("cache"));
    let shot = dir.path().join("chromium.png");
    let url = format!("file://{}", page.display());
    tool_with_env(
        "chromium",
        &[
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            // Without these a loaded machine (CI running two builds) could get the screenshot
            // before the image was decoded and composited: a blank page, and a failed comparison.
            "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=10000",
            &format!("--user-data-dir={}", profile.display()),
            &format!("--screenshot={}", shot.display()),
            &format!("--window-size={width},{height}"),
            &url,
        ],
        &[
            ("FONTCONFIG_FILE", conf.as_os_str()),
            ("XDG_CONFIG_HOME", xdg_config.as_os_str()),
            ("XDG_CACHE_HOME", xdg_cache.as_os_str()),
        ],
    );
    assert_looks_like_our_png(dir, "chromium.png", "Chromium");
}

#[test]
fn pdf_and_png_of_the_same_map_look_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let map = example("ecommerce-fr.ron");
    for (out, extra) in [("p.pdf", None), ("p.png", Some("--dpi"))] {
        let mut args = vec!["export", map.as_str(), "-o", out, "--paper", "A3", "--margin", "0"];
        if let Some(flag) = extra {
            args.extend([flag, "72"]);
        }
        let result = parcours(&args, dir.path());
        assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    }
    let pdf = dir.path().join("p.pdf");
    let prefix = dir.path().join("raster");
    tool("pdftoppm", &["-r", "72", "-png", "-singlefile", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let share = share_differing(&dir.path().join("p.png"), &dir.path().join("raster.png"));
    assert!(share < 0.01, "{:.2} % of pixels differ beyond anti-aliasing", share * 100.0);
}

#[test]
fn bad_requests_fail_clearly_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let map = example("minimal.ron");
    let cases: [(&[&str], &str); 5] = [
        (&["export", &map, "-o", "p.pdf", "--paper", "B9"], "unknown paper size \"B9\""),
        (&["export", &map, "-o", "p.docx"], "unknown export format for p.docx"),
        (&["export", "nowhere.ron", "-o", "p.pdf"], "nowhere.ron: error:"),
        (&["export", &map, "-o", "p.png", "--dpi", "9000"], "9000 dpi is not supported"),
        (&["export", &map, "-o", "p.pdf", "--theme", "neon"], "unknown theme \"neon\""),
    ];
    for (args, message) in cases {
        let out = parcours(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(all.contains(message), "{args:?}: {all}");
    }
    let out = parcours(&["export", &map, "-o", "no/such/folder/p.pdf"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing is written");
}

#[test]
fn tiled_pdf_with_crop_marks_is_refused_and_tiles_are_pages() {
    let dir = tempfile::tempdir().unwrap();
    let map = example("ecommerce-fr.ron");
    let out = parcours(&["export", &map, "-o", "t.pdf", "--paper", "A1", "--tile", "A4"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let info = tool("pdfinfo", &[dir.path().join("t.pdf").to_str().unwrap()]);
    let pages: usize =
        info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).unwrap();
    // The poster fills A1's printable 574 × 821 mm; A4 tiles print 190 × 277 mm with 10 mm
    // overlaps: 4 × 4 portrait tiles, or 3 × 5 = 15 landscape ones, the fewer.
    assert_eq!(pages, 15, "A1 on A4 with overlaps: {pages} pages");
    let out = parcours(&["export", &map, "-o", "t.png", "--crop-marks"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}
