//! Workshop mode below the window: search and filter, dimmed and highlighted cards, a presented
//! stage, curves drawn stage by stage, larger text, and the high-contrast theme through the CLI.
#![allow(clippy::unwrap_used, reason = "test helpers: a failure is a failed test")]

mod support;

use parcours::display::{Colour, DisplayList, Item, Rect, Target, TextLine};
use parcours::filter::{Filter, search};
use parcours::layout::{LayoutOptions, Theme, ThemeName, poster};
use parcours::model::{Id, Map};
use std::collections::{BTreeMap, BTreeSet};
use support::cli::{parcours, repo, stderr};

fn example() -> Map {
    parcours::file::load(&repo().join("maps/ecommerce-fr.ron")).unwrap()
}

fn card_rects(list: &DisplayList) -> BTreeMap<Id, Rect> {
    list.hits
        .iter()
        .filter_map(|h| match &h.target {
            Target::Card(id) => Some((id.clone(), h.rect)),
            _ => None,
        })
        .collect()
}

/// The text lines that start inside `rect`.
fn lines_in<'l>(list: &'l DisplayList, rect: &Rect) -> Vec<&'l TextLine> {
    list.text_lines().filter(|l| rect.contains(l.origin)).collect()
}

/// Rectangles drawn with an outline and no fill, in a colour.
fn rings(list: &DisplayList, colour: Colour) -> Vec<Rect> {
    list.items
        .iter()
        .filter_map(|item| match item {
            Item::Rect { rect, fill: None, stroke: Some(stroke), .. } if stroke.colour == colour => {
                Some(*rect)
            }
            _ => None,
        })
        .collect()
}

/// Pairs of text lines whose boxes overlap by more than `slack` points each way.
fn overlapping_text(list: &DisplayList, slack: f32) -> Vec<(String, String)> {
    let boxes: Vec<(Rect, &str)> = list
        .text_lines()
        .map(|l| {
            let b = l.bounds();
            (
                Rect::new(b.x + slack, b.y + slack, b.width - 2.0 * slack, b.height - 2.0 * slack),
                l.text.as_str(),
            )
        })
        .collect();
    let mut pairs = Vec::new();
    for (i, (a, ta)) in boxes.iter().enumerate() {
        for (b, tb) in &boxes[i + 1..] {
            if a.overlaps(b) {
                pairs.push(((*ta).to_owned(), (*tb).to_owned()));
            }
        }
    }
    pairs
}

#[test]
fn a_search_dims_and_rings_cards_without_moving_anything() {
    let map = example();
    let filter = Filter::text("livraison");
    let hits = search(&map, &filter);
    assert!(hits.len() >= 2, "{hits:?}");
    let plain = poster(&map, &LayoutOptions::default());
    let options = LayoutOptions {
        highlighted: hits.iter().cloned().collect(),
        dimmed: filter.dimmed(&map),
        ..LayoutOptions::default()
    };
    assert_eq!(options.dimmed.len() + hits.len(), map.cards.len());
    let searched = poster(&map, &options);

    // Same geometry: every hit region (cards, cells, stages, points) and the poster's size.
    assert_eq!(searched.hits, plain.hits);
    assert_eq!((searched.width, searched.height), (plain.width, plain.height));

    let accent = Theme::new(ThemeName::Light).accent;
    let rings = rings(&searched, accent);
    assert_eq!(rings.len(), hits.len(), "one ring per hit");
    let rects = card_rects(&searched);
    for id in &hits {
        let card = rects[id];
        assert!(
            rings.iter().any(|r| r.encloses(&card, 0.0) && (r.width - card.width - 5.0).abs() < 0.01),
            "{id} has no ring"
        );
        assert!(lines_in(&searched, &card).iter().all(|l| l.colour.a == 255), "{id} is faded");
    }
    for id in &options.dimmed {
        let lines = lines_in(&searched, &rects[id]);
        assert!(!lines.is_empty());
        assert!(lines.iter().all(|l| l.colour.a == 64), "{id}: text not faded");
    }
    // Text, positions and sizes are the same; only colours change.
    let text = |list: &DisplayList| -> Vec<(String, f32, f32, f32)> {
        list.text_lines().map(|l| (l.text.clone(), l.origin.x, l.origin.y, l.size)).collect()
    };
    assert_eq!(text(&searched), text(&plain));
}

#[test]
fn curves_are_drawn_up_to_the_stage_reached() {
    let map = example();
    let full = poster(&map, &LayoutOptions::default());
    let partial = poster(&map, &LayoutOptions { curve_until: Some(2), ..LayoutOptions::default() });
    let stage_index = |id: &Id| map.stages.iter().position(|s| &s.id == id).unwrap();
    let points = |list: &DisplayList| -> BTreeSet<(Id, usize)> {
        list.hits
            .iter()
            .filter_map(|h| match &h.target {
                Target::EmotionPoint { lane, stage } => Some((lane.clone(), stage_index(stage))),
                _ => None,
            })
            .collect()
    };
    let expected: BTreeSet<(Id, usize)> = points(&full).into_iter().filter(|(_, i)| *i <= 2).collect();
    // Every persona has a score in each of the first three stages of this map.
    assert_eq!(expected.len(), 3 * map.personas.len());
    assert_eq!(points(&partial), expected);

    // Each curve goes through exactly those points: as many segments as points less one, ending
    // at the third stage's column centre.
    let geometry = LayoutOptions::default().geometry();
    let third_centre = geometry.stage_left(2) + geometry.stage_width / 2.0;
    let mut curves = 0;
    for item in &partial.items {
        if let Item::Curve { from, segments, .. } = item {
            curves += 1;
            assert_eq!(segments.len(), 2);
            assert!((from.x - (geometry.stage_left(0) + geometry.stage_width / 2.0)).abs() < 0.01);
            assert!((segments[1].to.x - third_centre).abs() < 0.01);
        }
        if let Item::Circle { center, radius, .. } = item
            && (*radius - 5.5).abs() < f32::EPSILON
        {
            assert!(center.x <= third_centre + 0.01, "a point after the third stage");
        }
    }
    assert_eq!(curves, map.personas.len());
    // The cards are untouched.
    assert_eq!(card_rects(&partial), card_rects(&full));
}

#[test]
fn a_presented_stage_is_outlined_and_the_others_veiled() {
    let map = example();
    let plain = poster(&map, &LayoutOptions::default());
    let presented = poster(&map, &LayoutOptions { focus_stage: Some(3), ..LayoutOptions::default() });
    assert_eq!(presented.hits, plain.hits);
    let theme = Theme::new(ThemeName::Light);
    let stage = plain.rect_of(&Target::Stage(map.stages[3].id.clone())).unwrap();
    let outline = rings(&presented, theme.accent);
    assert_eq!(outline.len(), 1);
    assert!((outline[0].x - stage.x).abs() < 0.01 && (outline[0].width - stage.width).abs() < 0.01);
    // The presented stage's name is in the accent colour, the others are not.
    let accented: Vec<&str> =
        presented.text_lines().filter(|l| l.colour == theme.accent).map(|l| l.text.as_str()).collect();
    assert_eq!(accented, [map.stages[3].name.as_str()]);
    // Veils over each other stage, never over the presented one.
    let veils: Vec<Rect> = presented
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Rect { rect, fill: Some(fill), .. } if *fill == theme.page.with_alpha(184) => Some(*rect),
            _ => None,
        })
        .collect();
    let columns: BTreeSet<u32> = veils.iter().map(|r| r.x.to_bits()).collect();
    assert_eq!(columns.len(), map.stages.len() - 1);
    assert!(veils.iter().all(|v| !v.overlaps(&outline[0])));
    // A stage that does not exist veils nothing.
    let past = poster(&map, &LayoutOptions { focus_stage: Some(99), ..LayoutOptions::default() });
    assert_eq!(past, plain);
}

#[test]
fn larger_text_fits_its_cards_and_never_overlaps() {
    let map = example();
    let options = LayoutOptions { text_scale: 1.4, focus_stage: Some(3), ..LayoutOptions::default() };
    let list = poster(&map, &options);
    let plain = poster(&map, &LayoutOptions::default());
    assert!(list.width > plain.width && list.height > plain.height, "the layout grows");

    let overlaps = overlapping_text(&list, 0.01);
    assert!(overlaps.is_empty(), "{overlaps:?}");
    // The check does see an overlap: the same line again, 2 pt lower.
    let mut doubled = list.clone();
    let mut line = list.text_lines().next().unwrap().clone();
    line.origin.y += 2.0;
    doubled.items.push(Item::Text(line));
    assert_eq!(overlapping_text(&doubled, 0.01).len(), 1);
    let page = Rect::new(0.0, 0.0, list.width, list.height);
    let rects = card_rects(&list);
    assert_eq!(rects.len(), map.cards.len());
    for line in list.text_lines() {
        assert!(page.encloses(&line.bounds(), 0.01), "{:?} leaves the poster", line.text);
        if let Some(card) = rects.values().find(|c| c.contains(line.origin)) {
            assert!(card.encloses(&line.bounds(), 0.01), "{:?} leaves its card", line.text);
        }
    }
    for card in &map.cards {
        let cell =
            list.rect_of(&Target::Cell { lane: card.lane.clone(), stage: card.stage.clone() }).unwrap();
        assert!(cell.encloses(&rects[&card.id], 0.01), "{} leaves its cell", card.id);
    }
    let cards: Vec<&Rect> = rects.values().collect();
    for (i, a) in cards.iter().enumerate() {
        assert!(cards[i + 1..].iter().all(|b| !a.overlaps(b)));
    }
    // Card titles are 14 pt; the plain poster has no overlapping text either.
    let title = &map.cards[0].title;
    let first_word = title.split_whitespace().next().unwrap();
    assert!(list.text_lines().any(|l| l.text.starts_with(first_word) && (l.size - 14.0).abs() < 0.01));
    assert!(overlapping_text(&plain, 0.01).is_empty());

    // On a 1280 × 720 projector showing three stage columns across, card titles are 24 px high,
    // and still 18 px with the lane header column in view as well.
    let geometry = options.geometry();
    let title_px = |view_pt: f32| 10.0 * geometry.text_scale * 1280.0 / view_pt;
    assert!(title_px(3.0 * geometry.stage_width) >= 23.9);
    assert!(title_px(geometry.header_width + 3.0 * geometry.stage_width) >= 18.0);
}

#[test]
fn text_scale_one_is_the_poster_and_odd_scales_are_clamped() {
    let map = example();
    let plain = poster(&map, &LayoutOptions::default());
    assert_eq!(poster(&map, &LayoutOptions { text_scale: f32::NAN, ..LayoutOptions::default() }), plain);
    let huge = LayoutOptions { text_scale: 50.0, ..LayoutOptions::default() };
    assert!((huge.geometry().text_scale - 3.0).abs() < f32::EPSILON);
}

#[test]
fn high_contrast_exports_to_png_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let map = repo().join("maps/ecommerce-fr.ron");
    let map = map.to_str().unwrap();
    for out in ["hc.png", "hc.pdf"] {
        let run = parcours(
            &["export", map, "-o", out, "--theme", "high-contrast", "--paper", "A3", "--dpi", "72"],
            dir.path(),
        );
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let png = std::fs::read(dir.path().join("hc.png")).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let rgb: Vec<&[u8]> = pixels[..info.buffer_size()].chunks(3).collect();
    // White page, black ink, and nothing tinted between them in most of the picture.
    let white = rgb.iter().filter(|p| p.iter().all(|&c| c == 255)).count();
    let black = rgb.iter().filter(|p| p.iter().all(|&c| c < 40)).count();
    assert!(white > rgb.len() / 2, "{white} white of {}", rgb.len());
    assert!(black > 1000, "{black} black pixels");

    let pdf = dir.path().join("hc.pdf");
    assert_eq!(lopdf::Document::load(&pdf).unwrap().get_pages().len(), 1);
    // Needs poppler-utils' pdftotext, as tests/export.rs does (scripts/setup installs it).
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
    // Fitted to A3, a stage name may wrap: compare with the line breaks flattened.
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Livraison et utilisation") && text.contains("Léa Martin"), "{text}");

    let bad = parcours(&["export", map, "-o", "x.png", "--theme", "contrast"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("high-contrast"), "{}", stderr(&bad));
}
