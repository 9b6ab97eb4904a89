//! `parcours insights` and `parcours export --sheet funnel`: exit codes and messages, the JSON, the
//! funnel page's PDF structure (through poppler), and the funnel page's layout invariants on every
//! example map and a large generated one.
//!
//! Needs `pdfinfo`, `pdffonts` and `pdftotext` (Debian's poppler-utils, installed by `scripts/setup`).
#![allow(clippy::unwrap_used, reason = "test helpers: a failure is a failed test")]

mod support;

use parcours::layout::{LayoutOptions, ThemeName, funnel};
use parcours::model::generate::large_map;
use std::path::Path;
use support::cli::{parcours, repo, stderr, stdout, tool};

fn example(name: &str) -> String {
    repo().join("maps").join(name).to_string_lossy().into_owned()
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn insights_of_the_french_map_are_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let out = parcours(&["insights", &example("ecommerce-fr.ron")], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for needle in [
        "Entonnoir de conversion",
        "Part atteinte",
        "Moments de vérité",
        "Le plus bas (-2, Frustré)",
        "Points de contact par canal",
        "Téléphone",
        "Hors ligne 7",
        "[c-x4ja]",
    ] {
        assert!(text.contains(needle), "{needle:?} is not in:\n{text}");
    }
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn insights_of_the_english_map_are_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let out = parcours(&["insights", &example("saas-onboarding-en.ron")], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for needle in ["Conversion funnel", "Share reached", "Moments of truth", "Online / offline", "unknown"] {
        assert!(text.contains(needle), "{needle:?} is not in:\n{text}");
    }
    assert!(!text.contains("Entonnoir"));
}

#[test]
fn insights_as_json_hold_the_funnels_and_count_a_phone_call_offline() {
    let dir = tempfile::tempdir().unwrap();
    let out = parcours(&["insights", "--json", &example("ecommerce-fr.ron")], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["stages"].as_array().unwrap().len(), 7);
    assert_eq!(json["persona_funnels"].as_array().unwrap().len(), 3);
    let funnel = &json["funnel"]["stages"];
    assert_eq!(funnel[0]["source"], "unknown");
    assert_eq!(funnel[1]["reached"]["exact"], false);
    assert_eq!(funnel[2]["step"], 21.0);
    let phone = json["channels"]["by_channel"].as_array().unwrap().iter().find(|c| c["channel"] == "Phone");
    assert_eq!(phone.unwrap()["count"], 1);
    let marc =
        json["persona_channels"].as_array().unwrap().iter().find(|m| m["persona"] == "p-marc").unwrap();
    assert!(marc["mix"]["offline"].as_u64().unwrap() >= 1);
    let lowest = &json["moments"][0]["lowest"];
    assert_eq!(lowest["score"], -2);
    assert_eq!(lowest["cards"][0]["card"], "c-x4ja");
}

#[test]
fn insights_of_a_missing_or_broken_map_fail_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = parcours(&["insights", "nowhere.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("nowhere.ron: error:"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    std::fs::write(
        dir.path().join("broken.ron"),
        "(\n    version: 1,\n    title: \"x\"\n    stages: [],\n)\n",
    )
    .unwrap();
    let out = parcours(&["insights", "--json", "broken.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "", "no JSON, and no error where the JSON goes");
    let said = stderr(&out);
    assert!(said.starts_with("broken.ron:4:5: error:"), "{said}");
    let out = parcours(&["insights"], dir.path());
    assert_eq!(out.status.code(), Some(2), "the map is required");
    let out = parcours(&["insights", "--help"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("--json"));
}

#[test]
fn funnel_sheet_as_pdf_is_a2_with_subset_fonts_and_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        parcours(&["export", &example("ecommerce-fr.ron"), "-o", "f.pdf", "--sheet", "funnel"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("f.pdf: PDF funnel sheet of"), "{}", stdout(&out));
    assert!(stdout(&out).contains("(A2,"), "A2 by default: {}", stdout(&out));
    assert!(stderr(&out).is_empty(), "readable on A2, no warning: {}", stderr(&out));
    let pdf = dir.path().join("f.pdf");
    let pdf = pdf.to_str().unwrap();
    let info = tool("pdfinfo", &[pdf]);
    assert!(info.contains("1683.78 x 1190.55 pts"), "A2 landscape: {info}");
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(str::trim);
    assert_eq!(pages, Some("1"), "{info}");
    let fonts = tool("pdffonts", &[pdf]);
    for row in fonts.lines().skip(2) {
        assert!(row.contains('+'), "font not subset: {row}");
    }
    let raw = tool("pdftotext", &["-enc", "UTF-8", pdf, "-"]);
    let text = flat(&raw);
    for needle in [
        "Entonnoir de conversion",
        "Points de friction",
        "Moments de vérité",
        "Tous les personas",
        "Part atteinte",
        "Léa Martin",
        "Panier abandonné à cause des frais de livraison",
        "En ligne / hors ligne",
        "Fidélisation et",
    ] {
        assert!(text.contains(needle), "{needle:?} is not in the PDF text:\n{text}");
    }
    // The shares and steps in French style, no-break and narrow no-break spaces included.
    assert!(raw.contains("max.\u{a0}38\u{202f}%"), "{raw}");
    assert!(raw.contains("2,4\u{202f}%"), "{raw}");
}

#[test]
fn funnel_sheet_as_png_and_svg_and_on_a3() {
    let dir = tempfile::tempdir().unwrap();
    let map = example("saas-onboarding-en.ron");
    let out = parcours(
        &["export", &map, "-o", "f.png", "--sheet", "funnel", "--paper", "A3", "--dpi", "72"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("PNG funnel sheet"));
    let decoder =
        png::Decoder::new(std::io::BufReader::new(std::fs::File::open(dir.path().join("f.png")).unwrap()));
    let reader = decoder.read_info().unwrap();
    // The English page is taller than wide: A3 portrait at 72 dpi.
    assert_eq!((reader.info().width, reader.info().height), (842, 1191));
    let out = parcours(&["export", &map, "-o", "f.svg", "--sheet", "FUNNEL", "--theme", "dark"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(dir.path().join("f.svg")).unwrap();
    assert!(svg.contains("Conversion funnel") && svg.contains("Moments of truth"));
    // The poster is still the default sheet.
    let out = parcours(&["export", &map, "-o", "p.svg"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("SVG poster") && stdout(&out).contains("(A1 "));
    let poster = std::fs::read_to_string(dir.path().join("p.svg")).unwrap();
    assert!(!poster.contains("Conversion funnel"));
}

#[test]
fn bad_sheet_requests_fail_clearly_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let map = example("ecommerce-fr.ron");
    let cases: [(&[&str], &str); 3] = [
        (&["export", &map, "-o", "f.pdf", "--sheet", "funel"], "unknown sheet \"funel\""),
        (
            &["export", &map, "-o", "f.csv", "--sheet", "funnel"],
            "--sheet funnel is drawn as a PDF, PNG or SVG page",
        ),
        (&["export", &map, "-o", "f.pdf", "--sheet", "funnel", "--paper", "B9"], "unknown paper size \"B9\""),
    ];
    for (args, message) in cases {
        let out = parcours(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(all.contains(message), "{args:?}: {all}");
        assert!(stderr(&out).contains("hint:"), "{args:?}: {all}");
    }
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing is written");
}

#[test]
fn funnel_pages_have_no_overlapping_text_and_no_text_off_the_page() {
    let mut maps = Vec::new();
    for entry in std::fs::read_dir(repo().join("maps")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            maps.push((path.display().to_string(), parcours::file::load(&path).unwrap()));
        }
    }
    assert!(maps.len() >= 3, "the example maps are found");
    maps.push(("generated 10,000 cards".into(), large_map(12, 8, 10_000, 3)));
    maps.push(("generated 2 stages".into(), large_map(2, 5, 300, 8)));
    let mut long = large_map(4, 4, 40, 2);
    long.title = "Un titre de carte très long qui doit passer à la ligne ".repeat(6);
    long.cards[1].title = "Unmotsansespacebeaucouptroplongpourtenirdansunecaseetquidoitêtrecoupé".repeat(3);
    long.personas[0].name = "Marie-Christine de La Tour d’Auvergne-Lauraguais".into();
    long.stages[0].name = "Une étape au nom interminable ".repeat(4);
    maps.push(("generated with long names".into(), long));
    for (name, map) in &maps {
        for theme in ThemeName::ALL {
            let list = funnel::page(map, &LayoutOptions { theme, ..LayoutOptions::default() });
            assert!(list.text_lines().count() > 5, "{name}: the page has text");
            let overlaps = support::invariants::overlapping(&list);
            assert!(
                overlaps.is_empty(),
                "{name} ({theme:?}): text overlaps: {:?}",
                &overlaps[..overlaps.len().min(5)]
            );
            let off = support::invariants::outside(&list);
            assert!(off.is_empty(), "{name} ({theme:?}): text off the page: {off:?}");
        }
    }
}

#[test]
fn the_invariant_checks_catch_what_they_look_for() {
    // The checks above must be able to fail: move one line onto another and one off the page.
    let map = parcours::file::load(Path::new(&example("saas-onboarding-en.ron"))).unwrap();
    let mut list = funnel::page(&map, &LayoutOptions::default());
    let (first, second) = {
        let mut texts = list.items.iter().enumerate().filter_map(|(i, item)| match item {
            parcours::display::Item::Text(line) => Some((i, line.origin)),
            _ => None,
        });
        (texts.next().unwrap(), texts.nth(3).unwrap())
    };
    if let parcours::display::Item::Text(line) = &mut list.items[second.0] {
        line.origin = first.1;
    }
    assert!(!support::invariants::overlapping(&list).is_empty());
    if let parcours::display::Item::Text(line) = &mut list.items[first.0] {
        line.origin.x = list.width - 2.0;
    }
    assert!(!support::invariants::outside(&list).is_empty());
}
