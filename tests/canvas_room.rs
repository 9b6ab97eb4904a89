//! Room for the map (issue 14), with `egui_kittest` (no GPU): side panels that collapse, resize
//! and are remembered, a toolbar on one row at 1024×700, the find bar whole, frozen headers, the
//! hint on an empty map and the presentation's framing.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, reason = "test helpers: a failure is a failed test")]

#[macro_use]
mod kittest_support;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use parcours::app::files::Store;
use parcours::app::i18n::{Lang, T};
use parcours::app::{Designer, StartOptions};
use parcours::display::Target;
use parcours::model::Map;
use std::path::Path;

both_languages!(
    side_panels_collapse_resize_and_are_remembered,
    a_persona_with_a_long_photo_path_does_not_widen_the_inspector,
    the_toolbar_keeps_one_row_and_the_find_bar_its_buttons_at_1024,
    a_new_map_says_in_its_cells_how_to_add_a_card,
    each_presented_stage_shows_every_lane_readable_with_title_and_legend_whole,
    esc_closes_an_open_menu,
);

fn harness(map: Map, data: &Path, ui_lang: Lang, size: (f32, f32)) -> Harness<'static, Designer> {
    let options = StartOptions {
        native_dialogs: false,
        store: Store::at(data),
        offer_recovery: false,
        seed: 7,
        lang: Some(ui_lang),
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_step_dt(1.0 / 60.0)
        // The example maps use U+2212 (minus), which the bundled Noto Sans lacks.
        .allow_missing_glyphs()
        .build_eframe(move |cc| Designer::new(&cc.egui_ctx, map, None, options));
    harness.run_steps(3);
    harness
}

fn example() -> Map {
    parcours::file::load(Path::new("maps/ecommerce-fr.ron")).unwrap()
}

fn drag(harness: &mut Harness<'_, Designer>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        harness.hover_at(from + (to - from) * t);
        harness.step();
    }
    harness.drop_at(to);
    harness.run_steps(3);
}

fn side_panels_collapse_resize_and_are_remembered(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut h = harness(example(), &data, ui_lang, (1024.0, 700.0));
    let canvas = h.state().canvas().rect();
    // At 1024 points both panels leave the map more than half the window.
    assert!(canvas.width() > 560.0, "the map gets {canvas:?}");
    let inspector_heading = T::Map.tr(ui_lang);
    assert!(h.query_by_label(inspector_heading).is_some(), "the inspector shows the map's settings");

    // Ctrl+B hides the lanes panel: the map takes its room.
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run_steps(3);
    assert!(!h.state().panels().lanes.open);
    let wider = h.state().canvas().rect();
    assert!(wider.min.x < canvas.min.x - 100.0, "{wider:?} after {canvas:?}");
    // Ctrl+I hides the inspector.
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run_steps(3);
    assert!(h.query_by_label(inspector_heading).is_none(), "the inspector is hidden");
    assert!(h.state().canvas().rect().width() > 1000.0);
    // Focus shows again what the panels were before? Both are closed: focus off opens both.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Enter);
    h.run_steps(3);
    assert!(h.state().panels().lanes.open && h.state().panels().inspector.open);
    // From the View menu: focus hides both, a second time shows them again.
    for expected_open in [false, true] {
        h.get_by_label(T::MenuView.tr(ui_lang)).click();
        h.run_steps(2);
        h.get_by_label(T::ActFocus.tr(ui_lang)).click();
        h.run_steps(3);
        let panels = h.state().panels();
        assert_eq!((panels.lanes.open, panels.inspector.open), (expected_open, expected_open));
    }

    // Drag the lanes panel's edge 60 points to the right: wider, and remembered once released.
    let edge = h.state().canvas().rect().min.x;
    let before = h.state().panels().lanes.width;
    let y = h.state().canvas().rect().center().y;
    drag(&mut h, egui::pos2(edge + 2.0, y), egui::pos2(edge + 62.0, y));
    let after = h.state().panels().lanes.width;
    assert!((after - before - 60.0).abs() < 4.0, "{before} → {after}");
    // The inspector closed from the View menu.
    h.get_by_label(T::MenuView.tr(ui_lang)).click();
    h.run_steps(2);
    h.get_by_label(T::ActInspectorPanel.tr(ui_lang)).click();
    h.run_steps(3);
    assert!(!h.state().panels().inspector.open);
    let saved = Store::at(&data).preferences();
    let lanes = saved.lanes_panel.unwrap();
    assert!(lanes.open && (lanes.width - after).abs() < 0.5, "{saved:?}");
    assert!(!saved.inspector_panel.unwrap().open, "{saved:?}");

    // A new window opens as this one was left.
    let h = harness(example(), &data, ui_lang, (1024.0, 700.0));
    let panels = h.state().panels();
    assert!(panels.lanes.open && !panels.inspector.open);
    assert!((panels.lanes.width - after).abs() < 0.5, "{} for {after}", panels.lanes.width);
    assert!((h.state().canvas().rect().min.x - edge - 60.0).abs() < 4.0);
    assert!(h.query_by_label(inspector_heading).is_none());
}

fn a_persona_with_a_long_photo_path_does_not_widen_the_inspector(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut map = example();
    let long = format!("photos/{}.png", "portrait-de-la-persona-en-atelier-".repeat(6));
    map.personas[0].photo = Some(long);
    let persona = map.personas[0].id.clone();
    let lane = map.lanes.iter().find(|l| l.kind.persona() == Some(&persona)).unwrap().id.clone();
    let mut h = harness(map, &dir.path().join("data"), ui_lang, (1024.0, 700.0));
    let canvas = h.state().canvas().rect();
    let width = h.state().panels().inspector.width;
    h.state_mut().set_selection(vec![Target::Lane(lane)]);
    h.run_steps(4);
    assert!(h.query_by_label(T::Persona.tr(ui_lang)).is_some(), "the persona's inspector is open");
    assert!((h.state().panels().inspector.width - width).abs() < f32::EPSILON);
    assert_eq!(h.state().canvas().rect(), canvas, "the map keeps its room");
    // And after going back to the map's settings.
    h.state_mut().set_selection(Vec::new());
    h.run_steps(4);
    assert_eq!(h.state().canvas().rect(), canvas);
}

fn the_toolbar_keeps_one_row_and_the_find_bar_its_buttons_at_1024(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(example(), &dir.path().join("data"), ui_lang, (1024.0, 700.0));
    // One row: the first and the last buttons shown stand on the same line, and what did not fit
    // is in the « … » menu.
    let top = |h: &Harness<'_, Designer>, label: &str| h.get_by_label(label).rect().center().y;
    let new = top(&h, parcours::app::Action::New.label(ui_lang));
    let tab = top(&h, T::ViewFunnel.tr(ui_lang));
    assert!((new - tab).abs() < 1.0, "the toolbar wraps: {new} and {tab}");
    let more = T::MoreTools.tr(ui_lang);
    assert!(h.query_by_label(more).is_some(), "at 1024 points some buttons go to the menu");
    let present = parcours::app::Action::Present.label(ui_lang);
    assert!(h.query_by_label(present).is_none(), "Present is in the overflow menu");
    h.get_by_label(more).click();
    h.run_steps(2);
    h.get_by_label(present).click();
    h.run_steps(3);
    assert!(h.state().presentation().is_some(), "the menu's entry runs its action");
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.state().presentation().is_none());

    // The find bar: its arrows and its close button are on screen.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    h.get_by_label(T::FindLabel.tr(ui_lang)).type_text("livraison");
    h.run_steps(3);
    let canvas = h.state().canvas().rect();
    // (The lanes panel has arrows too, on the left of the canvas.)
    for tip in ["▲", "▼", "✕"] {
        let mut found = false;
        for node in h.get_all_by_label(tip) {
            let rect = node.rect();
            assert!(rect.max.x <= canvas.max.x, "{tip} at {rect:?} is cut ({canvas:?})");
            found |= rect.min.x > canvas.min.x;
        }
        assert!(found, "{tip} is not in the find bar");
    }

    // A wide window shows every button, no menu.
    let h = harness(example(), &dir.path().join("data2"), ui_lang, (1920.0, 1080.0));
    assert!(h.query_by_label(more).is_none());
    assert!(h.query_by_label(present).is_some());
}

/// Scrolls the canvas by `delta` screen points with the wheel (as a trackpad would).
fn scroll(h: &mut Harness<'_, Designer>, delta: egui::Vec2) {
    let centre = h.state().canvas().rect().center();
    h.hover_at(centre);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(60);
}

fn click_at(h: &mut Harness<'_, Designer>, pos: Pos2) {
    h.hover_at(pos);
    h.run_steps(20);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_steps(2);
}

#[test]
fn frozen_headers_stay_on_screen_at_every_zoom_and_select_what_they_show() {
    let dir = tempfile::tempdir().unwrap();
    let map = example();
    let mut h = harness(map.clone(), &dir.path().join("data"), Lang::Fr, (1024.0, 700.0));
    // At fit width, nothing has scrolled out: nothing is frozen.
    let to_screen = h.state().canvas().to_screen();
    assert_eq!(h.state().canvas().frozen(to_screen), parcours::app::canvas::Frozen::default());

    for (zoom, label) in [(1.0, "100\u{a0}%"), (0.75, "75\u{a0}%"), (1.5, "150\u{a0}%")] {
        h.get_by_label(T::ZoomMenu.tr(Lang::Fr)).click();
        h.run_steps(2);
        h.get_by_label(label).click();
        h.run_steps(2);
        // Scroll down past the stage headers and right past the lane headers.
        let (origin, rect) = (h.state().canvas().to_screen().origin, h.state().canvas().rect());
        let header = h.state().canvas().list().rect_of(&Target::Stage(map.stages[0].id.clone())).unwrap();
        let down = origin.y + (header.y + header.height) * zoom - rect.min.y + 20.0;
        scroll(&mut h, egui::vec2(rect.min.x - 100.0 * zoom - origin.x, -down));
        let canvas = h.state().canvas();
        let to_screen = canvas.to_screen();
        assert!((to_screen.zoom - zoom).abs() < 1e-4);
        let frozen = canvas.frozen(to_screen);
        let rect = canvas.rect();
        let (top, pinned) = frozen.top.unwrap_or_else(|| panic!("at {zoom} the stage row is not frozen"));
        let header = canvas.list().rect_of(&Target::Stage(map.stages[0].id.clone())).unwrap();
        assert_eq!(top.min, rect.min);
        assert!((top.height() - header.height * zoom).abs() < 0.5, "{top:?} at {zoom}");
        assert!(
            (pinned.pos(parcours::display::Point::new(header.x, header.y)).y - rect.min.y).abs() < 0.5,
            "the row is drawn at the top"
        );
        let (left, _) = frozen.left.unwrap_or_else(|| panic!("at {zoom} the lane column is not frozen"));
        assert!((left.min.x - rect.min.x).abs() < 0.5);
        assert!(left.min.y >= top.max.y - 0.5, "the column starts under the row");
        assert!(frozen.corner.is_some_and(|c| c.min == rect.min), "{:?}", frozen.corner);

        // A click on a frozen stage header selects the stage whose column is under it.
        let column = canvas.list().grid.columns.iter().find(|c| {
            let x = to_screen.pos(parcours::display::Point::new(c.x + c.width / 2.0, 0.0)).x;
            x > left.max.x + 10.0 && x < rect.max.x - 10.0
        });
        let column = column.expect("a stage column on screen").clone();
        let x = to_screen.pos(parcours::display::Point::new(column.x + column.width / 2.0, 0.0)).x;
        let row = canvas
            .list()
            .grid
            .rows
            .iter()
            .find(|r| {
                let y = to_screen.pos(parcours::display::Point::new(0.0, r.y + r.height / 2.0)).y;
                y > left.min.y + 5.0 && y < left.max.y - 5.0
            })
            .expect("a lane on screen")
            .clone();
        let y = to_screen.pos(parcours::display::Point::new(0.0, row.y + row.height / 2.0)).y;
        click_at(&mut h, egui::pos2(x, top.center().y));
        assert_eq!(h.state().selection(), [Target::Stage(column.stage.clone())]);
        // A click on a frozen lane header selects that lane.
        click_at(&mut h, egui::pos2(left.center().x, y));
        assert_eq!(h.state().selection(), [Target::Lane(row.lane.clone())]);
        // The corner is the map's: a click there shows the map's settings.
        click_at(&mut h, rect.min + egui::vec2(4.0, 4.0));
        assert_eq!(h.state().selection(), [Target::Title]);
        assert!(h.query_by_label(T::Map.tr(Lang::Fr)).is_some());
        // A double-click on a frozen stage header renames it where it is: the row comes back.
        let at = egui::pos2(x, top.center().y);
        h.hover_at(at);
        h.run_steps(40);
        for _ in 0..2 {
            for pressed in [true, false] {
                h.event(egui::Event::PointerButton {
                    pos: at,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: Modifiers::NONE,
                });
                h.step();
            }
        }
        h.run_steps(3);
        assert!(h.state().canvas().inline().is_some(), "the stage is renamed in place");
        let canvas = h.state().canvas();
        assert!(canvas.frozen(canvas.to_screen()).top.is_none(), "the stage row is back in its place");
        let header =
            canvas.to_screen().rect(canvas.list().rect_of(&Target::Stage(column.stage.clone())).unwrap());
        assert!((header.min.y - rect.min.y).abs() < 0.5, "{header:?}");
        h.key_press(Key::Escape);
        h.run_steps(3);
        assert_eq!(h.state().editor().map(), &map, "nothing typed, nothing changed");
        // The whole map again for the next zoom.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Num9);
        h.run_steps(2);
    }
}

fn a_new_map_says_in_its_cells_how_to_add_a_card(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h =
        harness(parcours::app::blank_map(ui_lang), &dir.path().join("data"), ui_lang, (1024.0, 700.0));
    let hint = T::EmptyMapHint.tr(ui_lang);
    let rect = h.get_by_label(hint).rect();
    // In the first lane's cells, on the canvas.
    let canvas = h.state().canvas();
    let cells = canvas.list().hits.iter().filter(|hit| matches!(hit.target, Target::Cell { .. }));
    let cells = cells.map(|hit| canvas.to_screen().rect(hit.rect)).reduce(egui::Rect::union).unwrap();
    assert!(canvas.rect().contains_rect(rect), "{rect:?} outside the canvas");
    assert!(cells.contains(rect.center()), "{rect:?} is not in the cells {cells:?}");

    // A double-click where the hint is still reaches the cell below it.
    let at = rect.center();
    h.hover_at(at);
    h.run_steps(40);
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            h.step();
        }
    }
    h.run_steps(3);
    assert!(h.state().canvas().inline().is_some(), "the double-click opens a new card");
    assert!(h.query_by_label(hint).is_none(), "no hint while the card is typed");
    h.key_press(Key::Escape);
    h.run_steps(3);
    // Esc with nothing typed leaves no card: the hint is back; Enter starts a card too.
    if h.state().editor().map().cards.is_empty() {
        assert!(h.query_by_label(hint).is_some());
        h.key_press(Key::Enter);
        h.run_steps(3);
        assert!(h.state().canvas().inline().is_some(), "Enter opens a new card");
        h.key_press(Key::Escape);
        h.run_steps(3);
    }
    // A card typed and kept: the hint is gone for good.
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.event(egui::Event::Text("Accueil".into()));
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().editor().map().cards.len(), 1);
    assert!(h.query_by_label(hint).is_none());
}

fn each_presented_stage_shows_every_lane_readable_with_title_and_legend_whole(ui_lang: Lang) {
    for size in [(1280.0, 720.0), (1920.0, 1080.0)] {
        let dir = tempfile::tempdir().unwrap();
        let map = example();
        let mut h = harness(map.clone(), &dir.path().join("data"), ui_lang, size);
        h.key_press(Key::F5);
        h.run_steps(4);
        assert!(
            h.query_by_label_contains(T::PresentHint.tr(ui_lang)).is_some(),
            "the caption names the keys"
        );
        for stage in 0..map.stages.len() {
            if stage > 0 {
                h.key_press(Key::ArrowRight);
                h.run_steps(4);
            }
            let canvas = h.state().canvas();
            let (rect, to_screen, list) = (canvas.rect(), canvas.to_screen(), canvas.list());
            assert!(to_screen.zoom >= 1.0, "{size:?}: text is readable ({})", to_screen.zoom);
            let frozen = canvas.frozen(to_screen);
            // The stage's column is on screen, beside the lane headers.
            let column = to_screen.rect(list.rect_of(&Target::Stage(map.stages[stage].id.clone())).unwrap());
            let headers = frozen.left.map_or(rect.min.x, |(strip, _)| strip.max.x);
            assert!(
                column.min.x >= headers - 0.5 && column.max.x <= rect.max.x + 0.5,
                "{size:?} {stage}: {column:?}"
            );
            // The title whole: from the map's left edge, or kept there.
            let block = list.rect_of(&Target::Title).unwrap();
            let shown = frozen.margins[0].map_or(to_screen, |(_, pinned)| pinned);
            let title = list.text_lines().find(|l| l.text == map.title && block.contains(l.origin)).unwrap();
            let left = shown.pos(title.origin);
            let right = left.x + title.width * shown.zoom;
            assert!(
                left.x >= rect.min.x && right <= rect.max.x + 0.5,
                "{size:?} {stage}: {left:?} to {right}"
            );
            assert!(
                left.y - title.ascent * shown.zoom >= rect.min.y - 0.5,
                "{size:?}: the title's top is cut"
            );
            // Down shows the lanes one by one under the pinned stage headers, to the legend.
            let rows = list.grid.rows.clone();
            let mut seen = vec![false; rows.len()];
            for step in 0..=rows.len() {
                let canvas = h.state().canvas();
                let to_screen = canvas.to_screen();
                let frozen = canvas.frozen(to_screen);
                let under = frozen.top.map_or(rect.min.y, |(strip, _)| strip.max.y);
                for (i, row) in rows.iter().enumerate() {
                    let top = to_screen.pos(parcours::display::Point::new(0.0, row.y)).y;
                    let bottom = to_screen.pos(parcours::display::Point::new(0.0, row.y + row.height)).y;
                    // A lane counts as shown when its cards' part is on screen below the headers.
                    seen[i] |= top >= under - 0.5 && top.min(bottom - 40.0) < rect.max.y;
                }
                if step == rows.len() {
                    // At the end the legend is whole at the bottom.
                    let end = to_screen.pos(parcours::display::Point::new(0.0, canvas.list().height)).y;
                    assert!(
                        end <= rect.max.y + 0.5,
                        "{size:?} {stage}: the map ends at {end} below {rect:?}"
                    );
                }
                h.key_press(Key::ArrowDown);
                h.run_steps(3);
            }
            assert!(seen.iter().all(|s| *s), "{size:?} stage {stage}: lanes never shown: {seen:?}");
            assert_eq!(h.state().presentation().unwrap().stage, Some(stage), "↓ does not change the stage");
            // Back to the top before the next stage (a new stage starts at the top anyway).
            h.key_press(Key::ArrowUp);
            h.run_steps(3);
        }
        assert_eq!(h.state().editor().map(), &map, "presenting changes nothing");
    }
}

fn esc_closes_an_open_menu(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(example(), &dir.path().join("data"), ui_lang, (1024.0, 700.0));
    let map = h.state().editor().map().clone();
    let card = Target::Card(map.cards[0].id.clone());
    h.state_mut().set_selection(vec![card.clone()]);
    h.run_steps(2);
    let entry = T::ActFocus.tr(ui_lang);
    for menu in [T::MenuView.tr(ui_lang), T::ZoomMenu.tr(ui_lang), T::MoreTools.tr(ui_lang)] {
        h.get_by_label(menu).click();
        h.run_steps(2);
        if menu == T::MenuView.tr(ui_lang) {
            assert!(h.query_by_label(entry).is_some(), "the View menu is open");
        }
        h.key_press(Key::Escape);
        h.run_steps(3);
        assert!(!egui::Popup::is_any_open(&h.ctx), "Esc leaves {menu} open");
        assert_eq!(
            h.state().selection(),
            std::slice::from_ref(&card),
            "the Esc was the menu's, not the map's"
        );
    }
    assert!(h.query_by_label(entry).is_none());
}
