//! Layout invariants: nothing overlaps, nothing is cut off, the curve stays on the scale.

use super::*;
use crate::display::TextLine;
use crate::model::generate::large_map;

fn example() -> Map {
    let text = include_str!("../../maps/ecommerce-fr.ron");
    crate::file::from_str(text, std::path::Path::new("ecommerce-fr.ron")).unwrap()
}

fn card_rects(list: &DisplayList) -> Vec<(Rect, Id)> {
    list.hits
        .iter()
        .filter_map(|h| match &h.target {
            Target::Card(id) => Some((h.rect, id.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn every_visible_card_is_drawn_once_and_none_overlap() {
    for map in [example(), large_map(12, 8, 600, 7)] {
        let list = poster(&map, &LayoutOptions::default());
        let rects = card_rects(&list);
        assert_eq!(rects.len(), map.cards.len());
        for (i, (a, ida)) in rects.iter().enumerate() {
            for (b, idb) in &rects[i + 1..] {
                assert!(!a.overlaps(b), "{ida} and {idb} overlap: {a:?} {b:?}");
            }
        }
    }
}

#[test]
fn every_text_line_fits_in_its_card_and_on_the_poster() {
    for map in [example(), large_map(12, 8, 600, 7)] {
        let list = poster(&map, &LayoutOptions::default());
        let poster_rect = Rect::new(0.0, 0.0, list.width, list.height);
        let cards: Vec<Rect> = card_rects(&list).into_iter().map(|(r, _)| r).collect();
        for line in list.text_lines() {
            let bounds = line.bounds();
            assert!(poster_rect.encloses(&bounds, 0.01), "{:?} leaves the poster", line.text);
            // A line that starts inside a card must end inside it.
            if let Some(card) = cards.iter().find(|c| c.contains(line.origin)) {
                assert!(card.encloses(&bounds, 0.01), "{:?} is cut off: {bounds:?} in {card:?}", line.text);
            }
        }
    }
}

#[test]
fn cards_are_within_their_cell_and_cells_grow_with_text() {
    let mut map = example();
    let list = poster(&map, &LayoutOptions::default());
    for card in &map.cards {
        let cell = list
            .rect_of(&Target::Cell { lane: card.lane.clone(), stage: card.stage.clone() })
            .expect("cell drawn");
        let rect = list.rect_of(&Target::Card(card.id.clone())).expect("card drawn");
        assert!(cell.encloses(&rect, 0.01), "{} leaves its cell", card.id);
    }
    let before = list.rect_of(&Target::Card(map.cards[0].id.clone())).unwrap();
    map.cards[0].title = "Un titre beaucoup plus long qui prend plusieurs lignes dans la carte ".repeat(12);
    let after = poster(&map, &LayoutOptions::default());
    let grown = after.rect_of(&Target::Card(map.cards[0].id.clone())).unwrap();
    assert!(grown.height > before.height + 30.0);
    assert!(after.height > list.height);
}

#[test]
fn every_title_word_is_in_the_display_list_with_accents() {
    let map = example();
    let list = poster(&map, &LayoutOptions::default());
    let all: String = list.text_lines().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
    for card in &map.cards {
        for word in card.title.split_whitespace() {
            assert!(all.contains(word), "{word:?} of {} is missing", card.id);
        }
    }
    for stage in &map.stages {
        for word in stage.name.split_whitespace() {
            assert!(all.contains(word), "{word:?}");
        }
    }
    assert!(all.contains("Légende") && all.contains("NPS +18") && all.contains("2,4\u{202f}%"));
}

#[test]
fn emotion_curves_stay_inside_their_band() {
    let map = example();
    let list = poster(&map, &LayoutOptions::default());
    let mut curves = 0;
    for item in &list.items {
        if let Item::Curve { from, segments, .. } = item {
            curves += 1;
            let ys: Vec<f32> = std::iter::once(from.y).chain(segments.iter().map(|s| s.to.y)).collect();
            let (lo, hi) = ys.iter().fold((f32::MAX, f32::MIN), |(a, b), &y| (a.min(y), b.max(y)));
            let mut start = *from;
            for s in segments {
                for step in 0..=20 {
                    let p = curve::at(start, s, step as f32 / 20.0);
                    assert!(p.y >= lo - 1e-3 && p.y <= hi + 1e-3);
                }
                start = s.to;
            }
        }
    }
    assert_eq!(curves, 3, "one curve per persona");
    let points = list.hits.iter().filter(|h| matches!(h.target, Target::EmotionPoint { .. })).count();
    assert_eq!(points, 21, "a point per persona and stage with scores");
}

#[test]
fn layout_is_deterministic_and_the_cache_is_reused() {
    let map = large_map(12, 8, 600, 3);
    let mut layouter = Layouter::new();
    let a = layouter.layout(&map, &LayoutOptions::default());
    assert!(layouter.last_misses > 600);
    let b = layouter.layout(&map, &LayoutOptions::default());
    assert_eq!(layouter.last_misses, 0);
    assert_eq!(a, b);
    let mut edited = map.clone();
    edited.cards[10].title = "Appel au service client : 12 minutes d’attente".into();
    let c = layouter.layout(&edited, &LayoutOptions::default());
    assert_eq!(layouter.last_misses, 1);
    assert_ne!(a, c);
    assert_eq!(poster(&map, &LayoutOptions::default()), a);
}

#[test]
fn hidden_lanes_are_not_drawn_and_empty_maps_lay_out() {
    let mut map = example();
    let hidden = map.lanes[0].id.clone();
    map.lanes[0].hidden = true;
    let list = poster(&map, &LayoutOptions::default());
    assert!(list.rect_of(&Target::Lane(hidden)).is_none());
    let empty = poster(&Map::default(), &LayoutOptions::default());
    assert!(empty.width > 0.0 && empty.height > 0.0);
}

#[test]
fn hits_find_cards_under_the_pointer() {
    let map = example();
    let list = poster(&map, &LayoutOptions::default());
    let rect = list.rect_of(&Target::Card(Id::from("c-x4ja"))).unwrap();
    assert_eq!(list.hit(rect.center()), Some(&Target::Card(Id::from("c-x4ja"))));
}

#[test]
fn every_glyph_drawn_exists_in_the_fonts() {
    // Glyph 0 is `.notdef`, the empty box a font draws for a character it lacks.
    let mut map = example();
    map.stages[0].metrics.nps = Some(-4.0);
    map.stages[0].metrics.custom.push(crate::model::CustomMetric {
        name: "Délai moyen".into(),
        value: -2.5,
        unit: "j".into(),
        target: Some(-1.0),
    });
    for theme in ThemeName::ALL {
        let list = poster(&map, &LayoutOptions { theme, ..LayoutOptions::default() });
        for line in list.text_lines() {
            for glyph in &line.glyphs {
                assert_ne!(glyph.id, 0, "{:?} in {:?} has a missing glyph", line.text, line.style);
            }
        }
    }
}

#[test]
fn vote_badges_sit_under_the_text_inside_their_cards() {
    let mut map = example();
    for (k, card) in map.cards.iter_mut().enumerate().filter(|(k, _)| k % 3 == 0) {
        card.votes.insert(Id::from("u-1"), u32::try_from(k % 7 + 1).unwrap());
    }
    let plain = poster(&map, &LayoutOptions::default());
    assert!(!plain.text_lines().any(|l| l.text.contains('●')), "votes are shown only when asked");
    let list = poster(&map, &LayoutOptions { votes: true, ..LayoutOptions::default() });
    let cards = card_rects(&list);
    for (i, (a, ida)) in cards.iter().enumerate() {
        for (b, idb) in &cards[i + 1..] {
            assert!(!a.overlaps(b), "{ida} and {idb} overlap");
        }
    }
    let badges: Vec<&TextLine> = list.text_lines().filter(|l| l.text.contains('●')).collect();
    assert_eq!(badges.len(), map.cards.iter().filter(|c| c.vote_count() > 0).count());
    for badge in &badges {
        let bounds = badge.bounds();
        let (card, _) = cards.iter().find(|(c, _)| c.contains(badge.origin)).expect("a badge is in a card");
        assert!(card.encloses(&bounds, 0.01), "{:?} is cut off", badge.text);
        for line in list.text_lines().filter(|l| !std::ptr::eq(*l, *badge) && card.contains(l.origin)) {
            assert!(!line.bounds().overlaps(&bounds), "{:?} covers {:?}", badge.text, line.text);
        }
    }
    assert!(badges.iter().any(|b| b.text == "●●●●● 7"), "five dots at most, then the count");
}

#[test]
fn the_grid_says_where_the_layout_drew_columns_lanes_and_bands() {
    let map = example();
    for text_scale in [1.0, 1.6] {
        let list = poster(&map, &LayoutOptions { text_scale, ..LayoutOptions::default() });
        let grid = &list.grid;
        assert_eq!(grid.columns.len(), map.stages.len());
        for (i, (column, stage)) in grid.columns.iter().zip(&map.stages).enumerate() {
            assert_eq!(column.stage, stage.id);
            let header = list.rect_of(&Target::Stage(stage.id.clone())).unwrap();
            assert_eq!((column.x, column.width), (header.x, header.width));
            for x in [column.x + 0.5, column.x + column.width / 2.0, column.x + column.width - 0.5] {
                assert_eq!(grid.column_at(x), Some(i), "{text_scale}: {x}");
            }
        }
        assert_eq!(grid.column_at(-100.0), Some(0));
        assert_eq!(grid.column_at(1e6), Some(map.stages.len() - 1));
        let visible: Vec<&Id> = map.lanes.iter().filter(|l| !l.hidden).map(|l| &l.id).collect();
        assert_eq!(grid.rows.iter().map(|r| &r.lane).collect::<Vec<_>>(), visible);
        for row in &grid.rows {
            let header = list.rect_of(&Target::Lane(row.lane.clone())).unwrap();
            assert_eq!((row.y, row.height), (header.y, header.height));
            assert!((grid.header_right - header.right()).abs() < 1e-3);
        }
        // Every emotion point sits in its lane's band, at the height the band gives its score.
        let scale = &map.emotion_scale;
        let mut points = 0;
        for hit in &list.hits {
            let Target::EmotionPoint { lane, stage } = &hit.target else { continue };
            let band = grid.band(lane).unwrap();
            let scores: Vec<f64> =
                map.cell_cards(lane, stage).iter().filter_map(|c| c.emotion).map(f64::from).collect();
            let fraction = scale.fraction(scores.iter().sum::<f64>() / scores.len() as f64);
            let centre = hit.rect.center();
            assert!(band.rect.contains(centre));
            assert!((band.y_of(fraction) - centre.y).abs() < 1e-3);
            assert!((band.fraction_at(centre.y) - fraction).abs() < 1e-4);
            points += 1;
        }
        assert!(points > 5);
        assert_eq!(grid.bands.len(), map.personas.len());
    }
}

/// The example maps, a 600-card map and a map of very long texts (a title, details and tags
/// far longer than a card, and a word longer than any column).
fn paper_maps() -> Vec<(String, Map)> {
    let mut maps = Vec::new();
    for entry in std::fs::read_dir("maps").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            maps.push((path.display().to_string(), crate::file::load(&path).unwrap()));
        }
    }
    maps.sort_by(|a, b| a.0.cmp(&b.0));
    maps.push(("600 cards".into(), large_map(12, 8, 600, 5)));
    let mut long = large_map(4, 3, 24, 9);
    long.cards[0].title = "Le client compare les frais de port, hésite et revient le lendemain ".repeat(20);
    long.cards[1].details =
        "Une phrase longue « avec des guillemets » et des espaces fines\u{202f}! ".repeat(60);
    long.cards[2].title = "Anticonstitutionnellement".repeat(12);
    long.cards[3].tags = (0..40).map(|i| format!("étiquette-{i}")).collect();
    long.stages[0].name = "Une étape au nom vraiment très long qui ne tient pas sur une ligne ".repeat(4);
    maps.push(("long texts".into(), long));
    maps
}

/// Printable areas: A1 landscape, A0 either way, A4 portrait, a long strip (inside 10 mm margins).
fn areas() -> [PaperArea; 4] {
    let m = 2.0 * 10.0 * 72.0 / 25.4;
    let mm = |v: f32| v * 72.0 / 25.4;
    [
        PaperArea { width_pt: mm(841.0) - m, height_pt: mm(594.0) - m, may_turn: false },
        PaperArea { width_pt: mm(841.0) - m, height_pt: mm(1189.0) - m, may_turn: true },
        PaperArea { width_pt: mm(210.0) - m, height_pt: mm(297.0) - m, may_turn: false },
        PaperArea { width_pt: mm(2000.0) - m, height_pt: mm(300.0) - m, may_turn: false },
    ]
}

#[test]
fn posters_fitted_to_paper_keep_every_invariant() {
    for (name, map) in paper_maps() {
        let visible: BTreeSet<&Id> = map.lanes.iter().filter(|l| !l.hidden).map(|l| &l.id).collect();
        let shown = map.cards.iter().filter(|c| visible.contains(&c.lane)).count();
        for area in areas() {
            let options = LayoutOptions { target: LayoutTarget::Paper(area), ..LayoutOptions::default() };
            let (list, fitted) = Layouter::new().layout_fitted(&map, &options);
            let fitted = fitted.expect("a paper target says how it fitted");
            let at = format!("{name} on {area:?}");
            // The poster fills the area it chose: one side to the edge, the other nearly (a map
            // with no stage or lane has nothing to stretch).
            let (fw, fh) = (fitted.width_pt / list.width, fitted.height_pt / list.height);
            assert!((fitted.scale - fw.min(fh)).abs() < 1e-4, "{at}");
            if !visible.is_empty() && !map.stages.is_empty() {
                assert!(
                    fw.max(fh) / fw.min(fh) < 1.02,
                    "{at}: {} × {} in {fitted:?}",
                    list.width,
                    list.height
                );
            }
            // Every card once; none overlap; each inside its cell; every line inside its card
            // and on the poster.
            let rects = card_rects(&list);
            assert_eq!(rects.len(), shown, "{at}");
            for (i, (a, ida)) in rects.iter().enumerate() {
                for (b, idb) in &rects[i + 1..] {
                    assert!(!a.overlaps(b), "{at}: {ida} and {idb} overlap");
                }
            }
            for card in map.cards.iter().filter(|c| visible.contains(&c.lane)) {
                let cell = list
                    .rect_of(&Target::Cell { lane: card.lane.clone(), stage: card.stage.clone() })
                    .unwrap();
                let rect = list.rect_of(&Target::Card(card.id.clone())).unwrap();
                assert!(cell.encloses(&rect, 0.01), "{at}: {} leaves its cell", card.id);
            }
            let poster_rect = Rect::new(0.0, 0.0, list.width, list.height);
            let cards: Vec<Rect> = rects.iter().map(|(r, _)| *r).collect();
            for line in list.text_lines() {
                let bounds = line.bounds();
                assert!(poster_rect.encloses(&bounds, 0.01), "{at}: {:?} leaves the poster", line.text);
                if let Some(card) = cards.iter().find(|c| c.contains(line.origin)) {
                    assert!(card.encloses(&bounds, 0.01), "{at}: {:?} is cut off", line.text);
                }
            }
            // Text keeps its sizes (the poster scales as a whole): nothing below the 7 pt of
            // channel labels and tags, card titles at 10 pt (a crowded poster's card texts are
            // all at the title's size).
            let min = list.min_text_size().unwrap();
            assert!(min >= 7.0 - 1e-4, "{at}: smallest text {min}");
            for card in map.cards.iter().filter(|c| visible.contains(&c.lane) && !c.title.is_empty()) {
                let rect = list.rect_of(&Target::Card(card.id.clone())).unwrap();
                let printed = if crate::lang::Lang::from_tag(&map.language) == crate::lang::Lang::Fr {
                    typography::french(&card.title).into_owned()
                } else {
                    card.title.clone()
                };
                let title = list
                    .text_lines()
                    .find(|l| rect.contains(l.origin) && printed.starts_with(l.text.as_str()));
                assert!(title.is_some_and(|l| (l.size - CARD_TITLE_PT).abs() < 1e-4), "{at}: {}", card.id);
            }
            // Rows line up across stages: each lane's cells share its row's top and height.
            for row in &list.grid.rows {
                for stage in &map.stages {
                    let cell = list
                        .rect_of(&Target::Cell { lane: row.lane.clone(), stage: stage.id.clone() })
                        .unwrap();
                    assert!((cell.y - row.y).abs() < 1e-3, "{at}");
                }
            }
            // The emotion curve passes through each stage's centre.
            for hit in &list.hits {
                let Target::EmotionPoint { stage, .. } = &hit.target else { continue };
                let column = list.grid.columns.iter().find(|c| &c.stage == stage).unwrap();
                assert!((hit.rect.center().x - (column.x + column.width / 2.0)).abs() < 1e-3, "{at}");
            }
        }
    }
}

#[test]
fn the_fit_uses_the_paper_better_than_the_screen_layout() {
    // The French example on A1 landscape prints its 10 pt titles at 12 pt or more (10.7 pt
    // with the screen's fixed columns), and a 600-card map fits A0 with titles above 6.5 pt.
    let a1 = areas()[0];
    let screen = poster(&example(), &LayoutOptions::default());
    let before = (a1.width_pt / screen.width).min(a1.height_pt / screen.height);
    let options = LayoutOptions { target: LayoutTarget::Paper(a1), ..LayoutOptions::default() };
    let (_, fitted) = Layouter::new().layout_fitted(&example(), &options);
    let after = fitted.unwrap().scale;
    assert!(after * CARD_TITLE_PT >= 12.0 && after > before * 1.1, "{before} → {after}");
    // Every line of every card, not only titles: details, channel labels and tags too.
    let card_text = |map: &Map, list: &DisplayList| {
        let cards: Vec<Rect> =
            map.cards.iter().filter_map(|c| list.rect_of(&Target::Card(c.id.clone()))).collect();
        (list.text_lines())
            .filter(|l| cards.iter().any(|c| c.contains(l.origin)))
            .map(|l| l.size)
            .fold(f32::MAX, f32::min)
    };
    let (list, fitted) = Layouter::new().layout_fitted(&example(), &options);
    assert!(card_text(&example(), &list) * fitted.unwrap().scale >= CardType::FLOOR_PT, "{fitted:?}");
    let options = LayoutOptions { target: LayoutTarget::Paper(areas()[1]), ..LayoutOptions::default() };
    let large = large_map(12, 8, 600, 1);
    let (list, fitted) = Layouter::new().layout_fitted(&large, &options);
    let smallest = card_text(&large, &list) * fitted.unwrap().scale;
    assert!(smallest >= CardType::FLOOR_PT, "{smallest} pt, {fitted:?}");
}

#[test]
fn a_paper_layout_is_deterministic_and_reuses_the_cache() {
    let map = large_map(12, 8, 600, 3);
    let options = LayoutOptions { target: LayoutTarget::Paper(areas()[1]), ..LayoutOptions::default() };
    let mut layouter = Layouter::new();
    let a = layouter.layout(&map, &options);
    let b = layouter.layout(&map, &options);
    assert_eq!(layouter.last_misses, 0, "nothing shaped again");
    assert_eq!(a, b);
    assert_eq!(poster(&map, &options), a);
}

#[test]
fn metric_chips_line_up_across_stage_headers_when_names_and_descriptions_wrap() {
    let mut map = large_map(4, 2, 8, 1);
    map.stages[0].name = "Découverte".into();
    map.stages[0].description = String::new();
    map.stages[1].name = "Comparaison des offres concurrentes sur plusieurs sites marchands".into();
    map.stages[2].description =
        "Le client lit les avis, compare les frais de port et les délais, puis revient le lendemain \
         pour décider, souvent sur un autre appareil."
            .into();
    for target in [LayoutTarget::Screen, LayoutTarget::Paper(areas()[0]), LayoutTarget::Paper(areas()[2])] {
        let list = Layouter::new().layout(&map, &LayoutOptions { target, ..LayoutOptions::default() });
        // Every stage has an NPS chip: the first chip of each header.
        let chips: Vec<&TextLine> = list.text_lines().filter(|l| l.text.starts_with("NPS")).collect();
        assert_eq!(chips.len(), map.stages.len(), "{target:?}");
        for chip in &chips {
            assert!((chip.origin.y - chips[0].origin.y).abs() < 1e-3, "{target:?}: {:?}", chip.origin);
        }
        // Under every stage's name and description: the long description's last line ends
        // (descent ≈ 2.4 pt at 8 pt) above the chip's rectangle (2 pt above the chip text's
        // ascent ≈ 8 pt at 7.5 pt).
        let description = &map.stages[2].description;
        let last_line = list
            .text_lines()
            .filter(|l| (l.size - 8.0).abs() < 1e-3 && description.contains(l.text.as_str()))
            .map(|l| l.origin.y)
            .fold(f32::MIN, f32::max);
        assert!(last_line > f32::MIN, "{target:?}");
        assert!(
            last_line + 2.5 < chips[0].origin.y - 10.0,
            "{target:?}: {last_line} vs {}",
            chips[0].origin.y
        );
    }
}
