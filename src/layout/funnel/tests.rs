//! The funnel page: every card cited is drawn in its box, nothing uses a missing glyph, the page
//! is deterministic and capped, and it reads in the map's language.

use super::*;
use crate::layout::{Theme, ThemeName};
use crate::model::generate::large_map;

fn example(name: &str) -> Map {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps").join(name);
    crate::file::load(&path).unwrap()
}

fn all_text(list: &DisplayList) -> String {
    list.text_lines().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ")
}

fn card_boxes(list: &DisplayList) -> Vec<Rect> {
    list.hits.iter().filter(|h| matches!(h.target, Target::Card(_))).map(|h| h.rect).collect()
}

#[test]
fn the_french_page_has_its_words_numbers_and_friction() {
    let map = example("ecommerce-fr.ron");
    let list = page(&map, &LayoutOptions::default());
    let text = all_text(&list);
    for needle in [
        "Entonnoir de conversion",
        "Points de friction",
        "Moments de vérité",
        "Tous les personas",
        "Part atteinte",
        "max.\u{a0}8\u{202f}%",
        "2,4\u{202f}%",
        "Téléphone",
        "Léa Martin",
        "Hors ligne",
        "Panier",
    ] {
        assert!(text.contains(needle), "{needle:?} is not on the page");
    }
    // Every stage has its header, and the step pills: six gaps, one of them unknown.
    for stage in &map.stages {
        assert!(list.rect_of(&Target::Stage(stage.id.clone())).is_some());
    }
    assert!(text.contains(" ? ") || text.starts_with("? ") || list.text_lines().any(|l| l.text == "?"));
    // Lea's lowest moment and the shared pain point at checkout are cited and clickable.
    for id in ["c-x4ja", "c-9fbw"] {
        assert!(list.rect_of(&Target::Card(crate::model::Id::from(id))).is_some(), "{id}");
    }
}

#[test]
fn the_english_page_is_in_english() {
    let list = page(&example("saas-onboarding-en.ron"), &LayoutOptions::default());
    let text = all_text(&list);
    for needle in ["Conversion funnel", "Friction points", "Moments of truth", "Online / offline", "12%"] {
        assert!(text.contains(needle), "{needle:?}");
    }
    assert!(!text.contains("Entonnoir"));
}

#[test]
fn cited_cards_do_not_overlap_and_their_text_stays_inside() {
    for map in [example("ecommerce-fr.ron"), example("saas-onboarding-en.ron"), large_map(12, 8, 2000, 4)] {
        let list = page(&map, &LayoutOptions::default());
        let boxes = card_boxes(&list);
        assert!(!boxes.is_empty());
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} and {b:?} overlap");
            }
        }
        for line in list.text_lines() {
            if let Some(b) = boxes.iter().find(|b| b.contains(line.origin)) {
                assert!(b.encloses(&line.bounds(), 0.01), "{:?} leaves its card", line.text);
            }
        }
    }
}

#[test]
fn cells_are_capped_so_a_large_map_still_gives_a_page() {
    let map = large_map(12, 8, 10_000, 9);
    let list = page(&map, &LayoutOptions::default());
    let text = all_text(&list);
    assert!(text.contains("autres"), "capped cells say how many more");
    let cited = card_boxes(&list).len();
    // At most MAX_ITEMS per cell: 12 stages × (shared + 4 personas + opportunities) rows, plus moments.
    assert!(cited <= 12 * 6 * MAX_ITEMS + 4 * 2 * 2, "{cited} cards cited");
    assert!(list.height < 4000.0, "{}", list.height);
}

#[test]
fn every_glyph_exists_in_every_theme_and_layout_is_deterministic() {
    let map = example("ecommerce-fr.ron");
    for theme in ThemeName::ALL {
        let options = LayoutOptions { theme, ..LayoutOptions::default() };
        let list = page(&map, &options);
        for line in list.text_lines() {
            for glyph in &line.glyphs {
                assert_ne!(glyph.id, 0, "{:?} has a missing glyph", line.text);
            }
        }
        assert_eq!(list, page(&map, &options));
        assert_eq!(list.background, Theme::new(theme).page);
    }
}

#[test]
fn a_second_layout_reuses_the_cache_and_odd_maps_lay_out() {
    let map = example("saas-onboarding-en.ron");
    let insights = Insights::of(&map);
    let mut layouter = Layouter::new();
    let a = layouter.funnel_page(&map, &insights, &LayoutOptions::default());
    assert!(layouter.last_misses > 20);
    let b = layouter.funnel_page(&map, &insights, &LayoutOptions::default());
    assert_eq!(layouter.last_misses, 0);
    assert_eq!(a, b);
    for odd in [Map::default(), example("minimal.ron"), large_map(1, 1, 3, 1), large_map(2, 3, 0, 1)] {
        let list = page(&odd, &LayoutOptions::default());
        assert!(list.width >= MIN_WIDTH && list.height > 0.0);
    }
}
