//! Persona sheets (`layout::personas`): one page per persona with every field, the emotion across
//! the stages, the moments of truth and the channels; the layout invariants on the example maps,
//! a 600-card map and long texts; the PDF's pages and words through poppler.

mod support;

use parcours::display::DisplayList;
use parcours::layout::personas::{self, PAGE_HEIGHT, PAGE_WIDTH};
use parcours::layout::{LayoutOptions, ThemeName, typography};
use parcours::model::Map;
use parcours::model::generate::large_map;
use parcours::paint::pdf::{PdfOptions, render_pdf_pages};
use parcours::paint::{Orientation, PageSetup, Paper};
use support::cli::{repo, tool};
use support::invariants::{outside, overlapping};

fn example(name: &str) -> Map {
    parcours::file::load(&repo().join("maps").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn all_text(list: &DisplayList) -> String {
    list.text_lines().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// The words of a text as the sheet sets them, for looking them up in its lines (which break
/// where they like).
fn words(text: &str) -> Vec<String> {
    typography::french(text).split_whitespace().map(str::to_owned).collect()
}

#[test]
fn each_persona_gets_a_page_with_every_field() {
    let map = example("ecommerce-fr.ron");
    let pages = personas::pages(&map, &LayoutOptions::default());
    assert_eq!(pages.len(), map.personas.len());
    for (persona, page) in map.personas.iter().zip(&pages) {
        assert_eq!((page.width, page.height), (PAGE_WIDTH, PAGE_HEIGHT), "{}", persona.name);
        let text = all_text(page);
        let fields = [&persona.name, &persona.family, &persona.occupation, &persona.quote, &persona.segment]
            .into_iter()
            .chain(&persona.hobbies)
            .chain(&persona.buying_habits)
            .chain(&persona.goals)
            .chain(&persona.frustrations);
        for field in fields.filter(|f| !f.is_empty()) {
            for word in words(field) {
                assert!(text.contains(&word), "{}: {word:?} of {field:?} is not on the sheet", persona.name);
            }
        }
        for heading in ["Objectifs", "Frustrations", "Moments de vérité", "Émotion au fil du parcours"] {
            assert!(text.contains(heading), "{}: no {heading:?}", persona.name);
        }
        // Every stage is named under the emotion chart, and the curve is drawn.
        for stage in &map.stages {
            assert!(text.contains(words(&stage.name)[0].as_str()), "{}: stage {}", persona.name, stage.name);
        }
        assert!(
            page.items.iter().any(|i| matches!(i, parcours::display::Item::Curve { .. })),
            "{}",
            persona.name
        );
    }
}

#[test]
fn persona_sheets_hold_their_invariants_in_every_theme() {
    let mut maps = vec![
        ("ecommerce-fr".to_owned(), example("ecommerce-fr.ron")),
        ("saas-onboarding-en".to_owned(), example("saas-onboarding-en.ron")),
        ("minimal".to_owned(), example("minimal.ron")),
        ("600 cards".to_owned(), large_map(12, 8, 600, 4)),
    ];
    let mut long = large_map(6, 4, 60, 2);
    long.personas[0].name = "Marie-Christine de La Tour d’Auvergne-Lauraguais".into();
    long.personas[0].quote = "Une phrase très longue qui ne s’arrête jamais ".repeat(12);
    long.personas[0].goals = vec!["Un objectif décrit en long et en large ".repeat(5); 6];
    long.personas[0].frustrations =
        vec!["Unmotsansespacebeaucouptroplongpourtenirdansunecolonne".repeat(2); 3];
    long.stages[0].name = "Une étape au nom interminable ".repeat(3);
    maps.push(("long texts".to_owned(), long));
    for (name, map) in &maps {
        for theme in ThemeName::ALL {
            for page in personas::pages(map, &LayoutOptions { theme, ..LayoutOptions::default() }) {
                let overlaps = overlapping(&page);
                assert!(
                    overlaps.is_empty(),
                    "{name} ({theme:?}): overlapping text {:?}",
                    &overlaps[..overlaps.len().min(3)]
                );
                let off = outside(&page);
                assert!(off.is_empty(), "{name} ({theme:?}): text off the page {off:?}");
                // Readable at arm's length: nothing under 8 pt.
                let smallest = page.text_lines().map(|l| l.size).fold(f32::MAX, f32::min);
                assert!(smallest >= 8.0, "{name} ({theme:?}): text at {smallest} pt");
            }
        }
    }
}

#[test]
fn the_pdf_has_a_page_per_persona_named_after_them_with_their_words() {
    let map = example("ecommerce-fr.ron");
    let pages = personas::pages(&map, &LayoutOptions::default());
    let labels: Vec<String> = map.personas.iter().map(|p| p.name.clone()).collect();
    let page = PageSetup { paper: Paper::A4, orientation: Orientation::Portrait, margin_pt: 0.0 };
    let pdf = render_pdf_pages(&pages, &labels, &PdfOptions { page, ..PdfOptions::default() }).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("personas.pdf");
    std::fs::write(&path, &pdf).unwrap();
    if let Some(keep) = std::env::var_os("PARCOURS_PDF_DIR") {
        std::fs::write(std::path::Path::new(&keep).join("personas.pdf"), &pdf).unwrap();
    }
    let info = tool("pdfinfo", &[path.to_str().unwrap()]);
    let field = |name: &str| {
        info.lines().find_map(|l| l.strip_prefix(name)).map(str::trim).unwrap_or_default().to_owned()
    };
    assert_eq!(field("Pages:"), map.personas.len().to_string(), "{info}");
    assert!(field("Page size:").ends_with("(A4)"), "{info}");
    let text = tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    for persona in &map.personas {
        assert!(text.contains(&persona.name), "{} is not in the PDF", persona.name);
        for word in words(&persona.quote) {
            assert!(text.contains(&word), "{word:?} of {}'s quote is not in the PDF", persona.name);
        }
    }
}

#[test]
fn parcours_export_sheet_personas_writes_a_page_per_persona_and_refuses_other_formats() {
    let dir = tempfile::tempdir().unwrap();
    let map = repo().join("maps/ecommerce-fr.ron");
    let map = map.to_str().unwrap();
    let out = support::cli::parcours(&["export", map, "-o", "p.pdf", "--sheet", "personas"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", support::cli::stderr(&out));
    assert!(support::cli::stdout(&out).contains("PDF persona sheets"), "{}", support::cli::stdout(&out));
    let info = tool("pdfinfo", &[dir.path().join("p.pdf").to_str().unwrap()]);
    let pages =
        info.lines().find_map(|l| l.strip_prefix("Pages:")).map(str::trim).unwrap_or_default().to_owned();
    assert_eq!(pages, "3", "{info}");
    let out = support::cli::parcours(&["export", map, "-o", "p.png", "--sheet", "personas"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        support::cli::stderr(&out).contains("--sheet personas is a PDF"),
        "{}",
        support::cli::stderr(&out)
    );
    assert!(!dir.path().join("p.png").exists());
}
