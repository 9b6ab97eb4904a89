//! `parcours export` and posters people read: `--distance` and the readability warning (with
//! and without `--tile`), `--background none`, and the tile count a warning promises.
#![allow(clippy::unwrap_used, reason = "test helpers: a failure is a failed test")]

mod support;

use support::cli::{parcours, repo, stderr, tool};
use support::raster;

fn example(name: &str) -> String {
    repo().join("maps").join(name).to_string_lossy().into_owned()
}

fn export(args: &[&str]) -> (std::process::Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["export", "--output"];
    all.extend_from_slice(args);
    let out = parcours(&all, dir.path());
    (out, dir)
}

#[test]
fn no_warning_at_a_desk_on_a1() {
    let (out, _dir) = export(&["a1.pdf", &example("ecommerce-fr.ron"), "--paper", "A1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn the_warning_follows_the_distance_and_names_a_paper_that_works() {
    // From 80 cm the text needs 10 pt; A1 prints the smallest at about 8.5 pt, A0 at about 12.
    let (out, _dir) =
        export(&["a1.pdf", &example("ecommerce-fr.ron"), "--paper", "A1", "--distance", "80cm"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("warning: on A1 the smallest text prints at"), "{err}");
    assert!(err.contains("below the 10 pt needed to read it from 80 cm"), "{err}");
    assert!(err.contains("print on A0") && err.contains("--paper A0"), "{err}");
    assert!(err.contains("A3 pages (--tile A3)") && err.contains("A4 pages (--tile A4)"), "{err}");
    // What the warning promises is what tiling A0 gives: count the pages.
    let promised: usize = err
        .split(" A4 pages")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a page count before \"A4 pages\"");
    let (tiled, dir) = export(&["a0.pdf", &example("ecommerce-fr.ron"), "--paper", "A0", "--tile", "A4"]);
    assert_eq!(tiled.status.code(), Some(0), "{}", stderr(&tiled));
    let doc = pdf_pages(&dir.path().join("a0.pdf"));
    assert_eq!(doc, promised, "{err}");
}

/// Pages in a PDF, from `pdfinfo`.
fn pdf_pages(path: &std::path::Path) -> usize {
    let info = tool("pdfinfo", &[path.to_str().unwrap()]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn from_across_the_room_no_paper_may_be_enough_and_the_warning_says_so() {
    let (out, _dir) =
        export(&["a1.pdf", &example("ecommerce-fr.ron"), "--paper", "A1", "--distance", "1.5m"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("below the 19 pt needed to read it from 1.5 m"), "{err}");
    assert!(err.contains("even A0 prints it at only"), "{err}");
}

#[test]
fn tiling_keeps_the_warning() {
    // Tiled, the poster prints at A3 size: too small at a desk, and the warning says so.
    let (out, _dir) = export(&["a3.pdf", &example("ecommerce-fr.ron"), "--paper", "A3", "--tile", "A4"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("warning: on A3 (tiled on A4) the smallest text prints at"), "{err}");
    assert!(err.contains("print on A2") || err.contains("print on A1"), "{err}");
}

#[test]
fn a_distance_must_be_in_metres_or_centimetres() {
    let (out, _dir) = export(&["a1.pdf", &example("minimal.ron"), "--distance", "far"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("cannot read the distance \"far\"") && err.contains("1.5m"), "{err}");
    let (out, _dir) = export(&["a1.pdf", &example("minimal.ron"), "--background", "cream"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--background none"), "{}", stderr(&out));
}

#[test]
fn background_none_leaves_paper_white_and_keeps_the_theme_elsewhere() {
    let map = example("saas-onboarding-en.ron");
    let corner = |extra: &[&str]| {
        let mut all = vec!["p.png", map.as_str(), "--paper", "A4", "--dpi", "72"];
        all.extend_from_slice(extra);
        let (out, dir) = export(&all);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let (w, _, pixels) = raster::decode_png(&dir.path().join("p.png"));
        // Just inside the poster's top-left corner (margins 10 mm ≈ 28 px, plus its own).
        (pixels[(40 * w + 40) as usize], pixels)
    };
    let (theme, themed) = corner(&[]);
    let (none, plain) = corner(&["--background", "none"]);
    assert_ne!(theme, [255, 255, 255], "the light theme's page is cream");
    assert_eq!(none, [255, 255, 255], "no background: paper white");
    // Everything else keeps the theme's colours: most pixels where the theme drew more than the
    // page are the same (cards, text and rules are opaque; tints over the page are not).
    let drawn = themed.iter().filter(|p| **p != theme).count();
    let same = themed.iter().zip(&plain).filter(|(a, b)| **a != theme && a == b).count();
    assert!(drawn > 1000 && same * 10 > drawn * 6, "{same} of {drawn}");

    let dir = tempfile::tempdir().unwrap();
    for (name, background) in [("theme.svg", "theme"), ("none.svg", "none")] {
        let out = parcours(
            &["export", &example("saas-onboarding-en.ron"), "-o", name, "--background", background],
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let page_rect = |name: &str| {
        std::fs::read_to_string(dir.path().join(name)).unwrap().contains("<rect x=\"0\" y=\"0\"")
    };
    assert!(page_rect("theme.svg") && !page_rect("none.svg"));
}
