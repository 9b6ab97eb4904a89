//! UI flows of the designer with `egui_kittest` (no GPU): drive by labels, keys and the pointer,
//! and assert on the map through the app's editor.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, reason = "test helpers: a failure is a failed test")]

#[macro_use]
mod kittest_support;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use parcours::app::dialogs::Dialog;
use parcours::app::files::Store;
use parcours::app::i18n::{Lang, N, T};
use parcours::app::{Action, Designer, StartOptions};
use parcours::display::Target;
use parcours::model::Map;
use std::path::{Path, PathBuf};

mod room_support;

fn options(data: &Path, ui_lang: Lang) -> StartOptions {
    StartOptions {
        native_dialogs: false,
        store: Store::at(data),
        offer_recovery: true,
        seed: 7,
        lang: Some(ui_lang),
    }
}

both_languages!(
    template_flow_add_stage_lane_card_edit_move_delete_undo_redo_save_reload,
    emotion_by_drag_and_by_key,
    unsaved_prompt_on_new_asks_and_cancel_keeps_the_map,
    gallery_offers_the_interface_languages_templates_first,
    add_card_works_as_soon_as_a_map_is_open,
    a_bad_file_shows_its_error_and_keeps_the_map,
    recovery_after_a_crash_restores_unsaved_work,
    an_external_change_reloads_by_itself_when_nothing_is_unsaved,
    merge_from_the_banner_keeps_both_edits_in_one_undo_step,
    a_conflicting_merge_lands_in_the_conflict_banner,
    keep_mine_then_save_asks_and_overwrite_keeps_a_backup_of_theirs,
    a_refused_save_can_go_to_another_file,
    a_refused_save_can_merge_then_save,
    an_idle_window_asks_for_no_repaint,
    esc_keeps_a_new_card_and_undo_takes_it_back,
    a_card_typed_in_a_cell_removed_meanwhile_lands_in_another,
    esc_keeps_edits_of_a_card_and_a_stage_in_place,
    undo_while_typing_a_new_card_keeps_it_for_redo,
    discarding_recovered_work_asks_and_keeps_it_a_week,
    discard_in_the_unsaved_prompt_keeps_the_work_a_week,
    a_dialog_opening_during_the_presentation_shows_and_esc_still_leaves,
    a_metric_typed_out_of_range_is_brought_back_into_it,
    palette_runs_an_action,
    export_runs_on_a_thread_and_reports,
    preferences_switch_the_language_and_remember_it,
    merge_conflicts_are_resolved_from_the_banner_in_one_undo_step,
    import_a_mermaid_journey,
    the_export_form_keeps_its_settings_while_the_destination_is_chosen,
    the_keyboard_reference_lists_every_shortcut,
    find_rings_the_matches_dims_the_rest_and_steps_through_them,
    presentation_steps_through_the_stages_and_changes_nothing,
    the_funnel_view_shows_the_sheet_and_exports_it,
    the_high_contrast_theme_reaches_the_canvas,
    stages_and_lanes_reorder_by_drag_in_one_undo_step_each,
    the_canvas_opens_at_fit_width_and_zooms_in_steps_around_the_selection,
    counts_in_the_status_bar_take_the_languages_plural,
);

// The workshop room opened from the designer (issue 15).
both_languages!(
    a_room_opens_with_its_code_takes_a_note_into_the_tray_and_a_cell_and_closes,
    the_facilitator_removes_a_participant_from_the_tray,
    a_second_designer_joins_by_the_desktop_link_and_edits_alongside,
    a_joined_designer_that_drops_out_keeps_its_edits_and_catches_up,
    presenting_shows_the_join_code_and_the_phones_follow_the_stage,
    a_note_dragged_from_the_tray_onto_a_cell_becomes_a_card_there,
    a_click_on_a_dialogs_button_does_not_reach_the_map_under_it,
    a_dot_vote_started_from_the_workshop_menu_counts_on_the_canvas,
    the_facilitators_edits_reach_a_joined_desktop_and_theirs_reach_the_designer,
    the_join_sheet_is_printed_from_the_rooms_window,
);

/// Types `path` into the in-app path prompt (where no native file dialog is used) and presses OK.
fn answer_path_prompt(h: &mut Harness<'_, Designer>, ui_lang: Lang, path: &Path) {
    match h.state_mut().dialog_mut() {
        Some(Dialog::PathPrompt(prompt)) => prompt.text = path.display().to_string(),
        other => panic!("expected the path prompt, got {other:?}"),
    }
    h.run_steps(1);
    h.get_by_label(T::Ok.tr(ui_lang)).click();
}

/// Opens the dialog of an action through the command palette, as a keyboard user would.
fn run_from_palette(h: &mut Harness<'_, Designer>, ui_lang: Lang, action: Action) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run_steps(2);
    h.get_by_label(T::Command.tr(ui_lang)).type_text(&action.label(ui_lang).to_lowercase());
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(4);
}

fn harness(map: Map, path: Option<PathBuf>, data: &Path, ui_lang: Lang) -> Harness<'static, Designer> {
    let opts = options(data, ui_lang);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // Frames a sixtieth of a second apart, as on screen (kittest's default is a quarter
        // second, longer than egui's double-click delay).
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| Designer::new(&cc.egui_ctx, map, path, opts));
    harness.run_steps(3);
    harness
}

fn template(name: &str) -> Map {
    parcours::templates::find(name).unwrap().map().unwrap()
}

/// The screen position of a target's centre.
fn screen_of(harness: &Harness<'_, Designer>, target: &Target) -> Pos2 {
    let app = harness.state();
    let rect = app.canvas().list().rect_of(target).unwrap_or_else(|| panic!("{target:?} is not drawn"));
    app.canvas().to_screen().pos(rect.center())
}

fn click_at(harness: &mut Harness<'_, Designer>, pos: Pos2) {
    harness.hover_at(pos);
    harness.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(2);
}

/// Two clicks in a row, one frame apart, after a pause: egui would count them as the end of a
/// triple click if another click came less than 0.3 s of simulated time before.
fn double_click_at(harness: &mut Harness<'_, Designer>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run_steps(40);
    for _ in 0..2 {
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            harness.step();
        }
    }
    harness.run_steps(2);
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
    harness.run_steps(2);
}

fn template_flow_add_stage_lane_card_edit_move_delete_undo_redo_save_reload(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    let original = h.state().editor().map().clone();

    // Add a stage and a persona lane from the toolbar.
    h.get_by_label(T::ActAddStage.tr(ui_lang)).click();
    h.run_steps(2);
    assert_eq!(h.state().editor().map().stages.len(), original.stages.len() + 1);
    h.get_by_label(T::ActAddPersonaLane.tr(ui_lang)).click();
    h.run_steps(2);
    assert_eq!(h.state().editor().map().personas.len(), original.personas.len() + 1);
    assert_eq!(h.state().editor().map().lanes.len(), original.lanes.len() + 1);

    // Select a cell, Enter starts a card, type, Enter commits and starts the next one.
    let lane = original.lanes[0].id.clone();
    let stage = original.stages[0].id.clone();
    let cards_before = h.state().editor().map().cell_cards(&lane, &stage).len();
    let cell = screen_of(&h, &Target::Cell { lane: lane.clone(), stage: stage.clone() });
    click_at(&mut h, cell);
    assert_eq!(h.state().selection(), vec![Target::Cell { lane: lane.clone(), stage: stage.clone() }]);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.state().canvas().inline().is_some(), "Enter opens the in-place editor");
    h.get_by_label(T::CardTitle.tr(ui_lang)).type_text("Nouvelle carte");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let cell = h
        .state()
        .editor()
        .map()
        .cell_cards(&lane, &stage)
        .iter()
        .map(|c| c.title.clone())
        .collect::<Vec<_>>();
    assert_eq!(cell.len(), cards_before + 1);
    assert_eq!(cell.last().unwrap(), "Nouvelle carte");
    assert!(h.state().canvas().inline().is_some(), "the next card starts");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().canvas().inline().is_none());
    assert_eq!(
        h.state().editor().map().cell_cards(&lane, &stage).len(),
        cards_before + 1,
        "Esc adds nothing"
    );

    // Edit an existing card in place: one undo step for the typing.
    let card = h.state().editor().map().cell_cards(&lane, &stage).last().unwrap().id.clone();
    let at = screen_of(&h, &Target::Card(card.clone()));
    double_click_at(&mut h, at);
    assert!(
        h.state().canvas().inline().is_some(),
        "a double-click opens the card in place: {:?} {:?}",
        h.state().selection(),
        h.state().canvas().hovered()
    );
    h.get_by_label(T::CardTitle.tr(ui_lang)).type_text(" !");
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(2);
    // The cursor starts at the end of the title.
    assert_eq!(h.state().editor().map().card(&card).unwrap().title, "Nouvelle carte !");

    // Move the card to the next stage by dragging it.
    let next_stage = original.stages[1].id.clone();
    let from = screen_of(&h, &Target::Card(card.clone()));
    let to = screen_of(&h, &Target::Cell { lane: lane.clone(), stage: next_stage.clone() });
    drag(&mut h, from, to);
    assert_eq!(h.state().editor().map().card(&card).unwrap().stage, next_stage, "the drag moved the card");

    // Delete it with the Delete key.
    assert_eq!(h.state().selection(), vec![Target::Card(card.clone())], "the dragged card is selected");
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert!(h.state().editor().map().card(&card).is_none());

    // Undo everything, then redo everything.
    let edited = h.state().editor().map().clone();
    for _ in 0..50 {
        if !h.state().editor().history().can_undo() {
            break;
        }
        let before = h.state().editor().revision();
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(1);
        assert_ne!(h.state().editor().revision(), before, "Ctrl+Z undid nothing: {}", h.state().status());
    }
    assert_eq!(h.state().editor().map(), &original);
    assert!(!h.state().editor().is_dirty());
    for _ in 0..50 {
        if !h.state().editor().history().can_redo() {
            break;
        }
        let before = h.state().editor().revision();
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        h.run_steps(1);
        assert_ne!(
            h.state().editor().revision(),
            before,
            "Ctrl+Shift+Z redid nothing: {}",
            h.state().status()
        );
    }
    assert_eq!(h.state().editor().map(), &edited);

    // Save as (through the in-app path prompt), reload, compare.
    let file = dir.path().join("carte.ron");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(2);
    answer_path_prompt(&mut h, ui_lang, &file);
    h.run_steps(2);
    assert!(!h.state().editor().is_dirty(), "saved: {}", h.state().status());
    assert!(h.state().title().starts_with("carte.ron"));
    let reloaded = parcours::file::load(&file).unwrap();
    assert_eq!(&reloaded, h.state().editor().map());
}

fn emotion_by_drag_and_by_key(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let map = parcours::file::load(Path::new("maps/ecommerce-fr.ron")).unwrap();
    let mut h = harness(map.clone(), None, &dir.path().join("data"), ui_lang);
    let scale = map.emotion_scale.clone();
    // A drawn point whose cards are not all at the top level yet.
    let (lane, stage) = h
        .state()
        .canvas()
        .list()
        .hits
        .iter()
        .find_map(|hit| match &hit.target {
            Target::EmotionPoint { lane, stage }
                if map.cell_cards(lane, stage).iter().any(|c| c.emotion.is_some_and(|e| e < scale.max)) =>
            {
                Some((lane.clone(), stage.clone()))
            }
            _ => None,
        })
        .expect("an emotion point below the top is drawn");
    let scored: Vec<_> =
        map.cell_cards(&lane, &stage).into_iter().filter(|c| c.emotion.is_some()).cloned().collect();

    // Drag the point to the top of the band: every scored card of the cell takes the highest
    // level, in one undo step. The band starts under the cell.
    let point = screen_of(&h, &Target::EmotionPoint { lane: lane.clone(), stage: stage.clone() });
    let cell = h
        .state()
        .canvas()
        .list()
        .rect_of(&Target::Cell { lane: lane.clone(), stage: stage.clone() })
        .unwrap();
    let top =
        h.state().canvas().to_screen().pos(parcours::display::Point { x: cell.center().x, y: cell.bottom() });
    drag(&mut h, point, egui::pos2(point.x, top.y + 2.0));
    let after = h.state().editor().map().clone();
    for card in &scored {
        assert_eq!(after.card(&card.id).unwrap().emotion, Some(scale.max), "{} follows the drag", card.title);
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert_eq!(h.state().editor().map(), &map, "one undo step takes the whole drag back");

    // Digit key on a selected card: 1 is the lowest level.
    h.state_mut().set_selection(vec![Target::Card(scored[0].id.clone())]);
    h.key_press(Key::Num1);
    h.run_steps(1);
    assert_eq!(h.state().editor().map().card(&scored[0].id).unwrap().emotion, Some(scale.min));
}

fn unsaved_prompt_on_new_asks_and_cancel_keeps_the_map(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    h.get_by_label(T::ActAddStage.tr(ui_lang)).click();
    h.run_steps(2);
    assert!(h.state().editor().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("unsaved"));
    // French says "Annuler" for both Undo and Cancel: the dialog's button is drawn last.
    h.get_all_by_label(T::Cancel.tr(ui_lang)).last().unwrap().click();
    h.run_steps(2);
    assert!(h.state().dialog().is_none());
    assert!(h.state().editor().is_dirty(), "cancel keeps the work");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label(T::Discard.tr(ui_lang)).click();
    h.run_steps(2);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("templates"));
    // The modal takes a few frames to size its grid; a person clicks long after that.
    h.run_steps(4);
    let blank = format!("{} — {}", T::UseTemplate.tr(ui_lang), T::TplBlank.tr(ui_lang));
    h.get_by_label(&blank).click();
    h.run_steps(2);
    assert!(h.state().dialog().is_none());
    // Blank comes in the interface language (« Carte sans titre », « Étape 1 » in French).
    let blank = parcours::templates::blank(ui_lang.tag()).map().unwrap();
    assert_eq!(blank.language, ui_lang.tag());
    assert_eq!(h.state().editor().map(), &blank, "the blank template replaced the map");
    assert!(!h.state().editor().is_dirty());
}

/// The gallery offers the interface language's version of each template first, and the others after
/// it, named with their language; « Achat B2B » in a French gallery holds French content.
fn gallery_offers_the_interface_languages_templates_first(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(6);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("templates"));
    let use_it = T::UseTemplate.tr(ui_lang);
    let b2b = format!("{use_it} — {}", T::TplB2b.tr(ui_lang));
    let buttons: Vec<String> = h
        .query_all_by_label_contains(use_it)
        .map(|node| node.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_eq!(buttons.len(), 10, "{buttons:?}");
    let first = buttons.iter().position(|b| b.ends_with(')')).unwrap();
    assert_eq!(first, 5, "the five in the interface language come first: {buttons:?}");
    h.get_by_label(&b2b).click();
    h.run_steps(2);
    assert_eq!(h.state().editor().map().language, ui_lang.tag(), "{b2b} gave a map in another language");
}

fn a_bad_file_shows_its_error_and_keeps_the_map(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(\n  version: 1,\n  title: oops,\n)\n").unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    let before = h.state().editor().map().clone();
    h.state_mut().open(&bad);
    h.run_steps(2);
    match h.state().dialog() {
        Some(Dialog::Error(message)) => assert!(message.contains("bad.ron:3:"), "{message}"),
        other => panic!("expected an error, got {other:?}"),
    }
    assert_eq!(h.state().editor().map(), &before);
}

fn recovery_after_a_crash_restores_unsaved_work(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("m.ron");
    parcours::file::save(&file, &template("ecommerce-fr")).unwrap();
    crash_with_unsaved_work(&file, &data, ui_lang);
    let mut h = harness(parcours::file::load(&file).unwrap(), Some(file.clone()), &data, ui_lang);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("recovery"));
    h.get_by_label(T::Restore.tr(ui_lang)).click();
    h.run_steps(2);
    assert_eq!(h.state().editor().map().stages.len(), 8);
    assert!(h.state().editor().is_dirty(), "restored work is unsaved");
    assert_eq!(h.state().path().map(|p| p.file_name().unwrap()), Some(std::ffi::OsStr::new("m.ron")));
    // The copy is kept a week among the discarded ones, in case.
    assert!(Store::at(&data).recoveries().is_empty());
    assert_eq!(Store::at(&data).discarded().len(), 1);
}

/// Steps the designer until `done` holds, for at most five seconds of real time (the file watcher
/// runs on its own thread).
fn wait_for(h: &mut Harness<'_, Designer>, what: &str, done: impl Fn(&Designer) -> bool) {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !done(h.state()) {
        assert!(std::time::Instant::now() < until, "timed out waiting for {what}: {}", h.state().status());
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(2);
}

/// A map file in a temporary folder, opened in the designer as `parcours FILE` would.
fn open_file(dir: &Path, ui_lang: Lang) -> (Harness<'static, Designer>, PathBuf) {
    let file = dir.join("carte.ron");
    parcours::file::save(&file, &parcours::file::load(Path::new("maps/ecommerce-fr.ron")).unwrap()).unwrap();
    let opts = options(&dir.join("data"), ui_lang);
    let path = file.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .allow_missing_glyphs()
        .build_eframe(move |cc| Designer::open_at_start(&cc.egui_ctx, Some(&path), opts).unwrap());
    h.run_steps(3);
    (h, file)
}

/// What a colleague's `git pull` does: the file is replaced by another version.
fn colleague_edits(file: &Path, edit: impl FnOnce(&mut Map)) -> Vec<u8> {
    let mut map = parcours::file::load(file).unwrap();
    edit(&mut map);
    parcours::file::save(file, &map).unwrap();
    std::fs::read(file).unwrap()
}

fn set_card_title(h: &mut Harness<'_, Designer>, card: &parcours::model::Id, title: &str) {
    let command = parcours::edit::Command::SetCard {
        id: card.clone(),
        field: parcours::edit::CardField::Title(title.to_owned()),
    };
    h.state_mut().editor_mut().apply(command).unwrap();
    h.run_steps(1);
}

fn an_external_change_reloads_by_itself_when_nothing_is_unsaved(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open_file(dir.path(), ui_lang);
    let before = h.state().editor().map().clone();
    colleague_edits(&file, |m| "Changé ailleurs".clone_into(&mut m.title));
    // The watcher sees the rename of an atomic save and wakes the window up.
    wait_for(&mut h, "the reload", |d| d.editor().map().title == "Changé ailleurs");
    assert!(h.state().external_change().is_none(), "no question asked: nothing here was unsaved");
    assert!(!h.state().editor().is_dirty());
    assert!(h.state().status().contains("carte.ron"), "the status bar says so: {}", h.state().status());
    // The reload is one undoable step: the version before is one Ctrl+Z away.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().editor().map(), &before);
    assert!(h.state().editor().is_dirty(), "the older version is not what is on disk");
}

fn merge_from_the_banner_keeps_both_edits_in_one_undo_step(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open_file(dir.path(), ui_lang);
    let card = h.state().editor().map().cards[0].id.clone();
    // Mine: a new stage (from the toolbar). Theirs: a card's title.
    h.get_by_label(T::ActAddStage.tr(ui_lang)).click();
    h.run_steps(2);
    let mine = h.state().editor().map().clone();
    let theirs = colleague_edits(&file, |m| m.cards[0].title = "Titre du collègue".into());
    wait_for(&mut h, "the banner", |d| d.external_change().is_some());
    assert_eq!(h.state().editor().map(), &mine, "nothing changes before the user chooses");
    h.get_by_label(T::Merge.tr(ui_lang)).click();
    h.run_steps(3);
    let merged = h.state().editor().map().clone();
    assert_eq!(merged.card(&card).unwrap().title, "Titre du collègue", "their edit is in");
    assert_eq!(merged.stages.len(), mine.stages.len(), "mine is kept");
    assert!(merged.conflicts.is_empty());
    assert!(h.state().external_change().is_none(), "the banner is gone");
    assert!(h.state().editor().is_dirty(), "the merged map is not on disk yet");
    assert_eq!(h.state().base(), Some(theirs.as_slice()), "their version is the new base");
    // One step: Ctrl+Z gives mine back, Ctrl+Shift+Z the merge again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().editor().map(), &mine);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    // Saving now writes over their version, which is the base: no question.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog().map(Dialog::name));
    assert_eq!(&parcours::file::load(&file).unwrap(), &merged);
}

fn a_conflicting_merge_lands_in_the_conflict_banner(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open_file(dir.path(), ui_lang);
    let card = h.state().editor().map().cards[0].id.clone();
    set_card_title(&mut h, &card, "Mon titre");
    colleague_edits(&file, |m| m.cards[0].title = "Leur titre".into());
    wait_for(&mut h, "the banner", |d| d.external_change().is_some());
    h.get_by_label(T::Merge.tr(ui_lang)).click();
    h.run_steps(3);
    let map = h.state().editor().map().clone();
    assert_eq!(map.conflicts.len(), 1, "{:?}", map.conflicts);
    assert_eq!(map.card(&card).unwrap().title, "Mon titre", "the map keeps ours until the user chooses");
    assert!(map.conflicts[0].theirs.contains("Leur titre"));
    assert!(h.query_by_label(T::ShowConflicts.tr(ui_lang)).is_some(), "the conflict banner shows");
    h.get_by_label(T::ShowConflicts.tr(ui_lang)).click();
    h.run_steps(4);
    let take = format!("{} {} · title", T::TakeTheirs.tr(ui_lang), h.state().element_name(&card));
    h.get_by_label(&take).click();
    h.run_steps(3);
    assert_eq!(h.state().editor().map().card(&card).unwrap().title, "Leur titre");
}

fn keep_mine_then_save_asks_and_overwrite_keeps_a_backup_of_theirs(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open_file(dir.path(), ui_lang);
    let card = h.state().editor().map().cards[0].id.clone();
    set_card_title(&mut h, &card, "Mon titre");
    let theirs = colleague_edits(&file, |m| m.stages[0].name = "Leur étape".into());
    wait_for(&mut h, "the banner", |d| d.external_change().is_some());
    h.get_by_label(T::KeepMine.tr(ui_lang)).click();
    h.run_steps(2);
    assert!(h.state().external_change().is_none());
    assert!(h.state().editor().is_dirty());
    // Ctrl+S does not overwrite their version without asking.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("save-refused"));
    assert_eq!(std::fs::read(&file).unwrap(), theirs, "their version is still on disk");
    h.get_by_label(T::Overwrite.tr(ui_lang)).click();
    h.run_steps(3);
    let mine = h.state().editor().map().clone();
    assert_eq!(parcours::file::load(&file).unwrap(), mine, "mine is written");
    assert!(!h.state().editor().is_dirty());
    // Their bytes, exactly, in the data folder's backups (never next to the map).
    let backups: Vec<PathBuf> =
        std::fs::read_dir(dir.path().join("data/backups")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(std::fs::read(&backups[0]).unwrap(), theirs);
    assert!(backups[0].file_name().unwrap().to_string_lossy().starts_with("carte-"));
    match h.state().dialog() {
        Some(Dialog::Info(message)) => {
            assert!(message.contains(&backups[0].display().to_string()), "says where: {message}");
        }
        other => panic!("expected a message naming the backup, got {other:?}"),
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "only the map and the data folder");
}

fn a_refused_save_can_go_to_another_file(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open_file(dir.path(), ui_lang);
    h.get_by_label(T::ActAddStage.tr(ui_lang)).click();
    h.run_steps(2);
    let mine = h.state().editor().map().clone();
    let theirs = colleague_edits(&file, |m| m.title = "Leur carte".into());
    // Saved before the watcher says anything: the save itself checks.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("save-refused"));
    h.get_all_by_label(T::ActSaveAs.tr(ui_lang)).last().unwrap().click();
    h.run_steps(3);
    let other = dir.path().join("ma-version.ron");
    answer_path_prompt(&mut h, ui_lang, &other);
    h.run_steps(3);
    assert_eq!(parcours::file::load(&other).unwrap(), mine);
    assert_eq!(std::fs::read(&file).unwrap(), theirs, "theirs is untouched");
    assert_eq!(h.state().path(), Some(other.as_path()));
    assert!(!h.state().editor().is_dirty());
}

fn a_refused_save_can_merge_then_save(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open_file(dir.path(), ui_lang);
    let card = h.state().editor().map().cards[1].id.clone();
    set_card_title(&mut h, &card, "Mon titre");
    colleague_edits(&file, |m| m.title = "Leur carte".into());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("save-refused"));
    h.get_by_label(T::MergeAndSave.tr(ui_lang)).click();
    h.run_steps(3);
    let saved = parcours::file::load(&file).unwrap();
    assert_eq!(saved.title, "Leur carte");
    assert_eq!(saved.card(&card).unwrap().title, "Mon titre");
    assert!(!h.state().editor().is_dirty());
}

fn palette_runs_an_action(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    let stages = h.state().editor().map().stages.len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run_steps(2);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("palette"));
    h.get_by_label(T::Command.tr(ui_lang)).type_text(&T::ActAddStage.tr(ui_lang).to_lowercase());
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().editor().map().stages.len(), stages + 1);
}

fn export_runs_on_a_thread_and_reports(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    let out = dir.path().join("carte.csv");
    let mut form = parcours::app::dialogs::ExportForm::new(h.state());
    form.destination = out.display().to_string();
    h.state_mut().start_export(&form);
    for _ in 0..200 {
        h.step();
        if !h.state().exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!h.state().exporting());
    assert!(out.exists());
    assert_eq!(h.state().dialog().map(Dialog::name), Some("exported"));
}

fn preferences_switch_the_language_and_remember_it(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let other = match ui_lang {
        Lang::En => Lang::Fr,
        Lang::Fr => Lang::En,
    };
    let mut h = harness(template("ecommerce-fr"), None, &data, ui_lang);
    assert!(h.query_by_label(T::MenuFile.tr(ui_lang)).is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run_steps(4);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("preferences"));
    h.get_by_label(parcours::app::i18n::lang_name(other)).click();
    h.run_steps(3);
    assert_eq!(h.state().lang(), other);
    // The whole interface follows at once, menus included; the map's content does not change.
    assert!(h.query_by_label(T::MenuFile.tr(other)).is_some(), "the menu bar is in the new language");
    assert!(h.query_by_label(T::MenuFile.tr(ui_lang)).is_none());
    assert!(!h.state().editor().is_dirty(), "a preference is not an edit of the map");
    drop(h);
    // The next start (no language forced) takes the saved preference.
    let opts = StartOptions { lang: None, ..options(&data, ui_lang) };
    let restarted = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .allow_missing_glyphs()
        .build_eframe(move |cc| Designer::new(&cc.egui_ctx, template("blank"), None, opts));
    assert_eq!(restarted.state().lang(), other);
}

fn merge_conflicts_are_resolved_from_the_banner_in_one_undo_step(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut map = parcours::file::load(Path::new("maps/ecommerce-fr.ron")).unwrap();
    let card = map.cards[0].clone();
    map.conflicts.push(parcours::model::Conflict {
        element: card.id.clone(),
        field: "title".to_owned(),
        ours: format!("{:?}", card.title),
        theirs: "\"Appel au service client\"".to_owned(),
    });
    let mut h = harness(map.clone(), None, &dir.path().join("data"), ui_lang);
    // The banner says so and opens the list.
    assert!(h.query_by_label_contains(&T::ShowConflicts.tr(ui_lang).replace('…', "")).is_some());
    h.get_by_label(T::ShowConflicts.tr(ui_lang)).click();
    h.run_steps(4);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("conflicts"));
    let take = format!("{} {} · title", T::TakeTheirs.tr(ui_lang), h.state().element_name(&card.id));
    h.get_by_label(&take).click();
    h.run_steps(3);
    let resolved = h.state().editor().map().clone();
    assert_eq!(resolved.card(&card.id).unwrap().title, "Appel au service client");
    assert!(resolved.conflicts.is_empty());
    assert!(h.query_by_label(T::AllResolved.tr(ui_lang)).is_some());
    h.get_by_label(T::Close.tr(ui_lang)).click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().editor().map(), &map, "one undo brings the conflict back");
}

fn import_a_mermaid_journey(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("blank"), None, &dir.path().join("data"), ui_lang);
    run_from_palette(&mut h, ui_lang, Action::Import);
    let source = std::fs::canonicalize("tests/corpus/mermaid/01-mermaid-docs-my-working-day.mmd").unwrap();
    answer_path_prompt(&mut h, ui_lang, &source);
    h.run_steps(3);
    let text = std::fs::read_to_string(&source).unwrap();
    let expected =
        parcours::interop::mermaid::import(&text, parcours::interop::mermaid::Options { lenient: true })
            .unwrap()
            .map;
    assert_eq!(h.state().editor().map(), &expected, "the journey became the open map");
    assert!(h.state().path().is_none(), "an imported map is new: Save asks for a name");
}

fn the_export_form_keeps_its_settings_while_the_destination_is_chosen(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(4);
    match h.state_mut().dialog_mut() {
        Some(Dialog::Export(form)) => {
            form.paper = parcours::paint::Paper::A3;
            form.crop_marks = true;
        }
        other => panic!("expected the export form, got {other:?}"),
    }
    h.run_steps(2);
    h.get_by_label(T::Choose.tr(ui_lang)).click();
    h.run_steps(3);
    let out = dir.path().join("affiche.png");
    answer_path_prompt(&mut h, ui_lang, &out);
    h.run_steps(3);
    match h.state().dialog() {
        Some(Dialog::Export(form)) => {
            assert_eq!(form.paper, parcours::paint::Paper::A3, "the paper chosen before is kept");
            assert!(form.crop_marks);
            assert_eq!(form.destination, out.display().to_string());
        }
        other => panic!("expected the export form back, got {other:?}"),
    }
}

fn the_keyboard_reference_lists_every_shortcut(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("blank"), None, &dir.path().join("data"), ui_lang);
    run_from_palette(&mut h, ui_lang, Action::Shortcuts);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("shortcuts"));
    let ctx = h.ctx.clone();
    for (shortcut, action) in Action::by_menu_order() {
        let keys = parcours::app::action::shortcut_name(&ctx, &shortcut, ui_lang);
        assert!(h.query_all_by_label(&keys).next().is_some(), "{keys} ({action:?}) is listed");
    }
    assert!(h.query_by_label(T::GDragEmotion.tr(ui_lang)).is_some());
}

fn find_rings_the_matches_dims_the_rest_and_steps_through_them(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let map = parcours::file::load(Path::new("maps/ecommerce-fr.ron")).unwrap();
    let mut h = harness(map.clone(), None, &dir.path().join("data"), ui_lang);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    assert!(h.state().find().is_some(), "Ctrl+F opens the find bar");
    // Accents and language do not matter: `telephone` finds the phone calls.
    h.get_by_label(T::FindLabel.tr(ui_lang)).type_text("telephone");
    h.run_steps(3);
    let phone: Vec<_> = map
        .cards
        .iter()
        .filter(|c| c.channel == Some(parcours::model::Channel::Phone))
        .map(|c| c.id.clone())
        .collect();
    assert!(!phone.is_empty());
    let options = h.state().layout_options();
    let results = h.state().find().as_ref().unwrap().results.clone();
    assert_eq!(results.len(), phone.len(), "every phone card is found: {results:?}");
    assert!(phone.iter().all(|id| options.highlighted.contains(id)));
    assert_eq!(options.dimmed.len(), map.cards.len() - phone.len(), "the others are dimmed");
    // Enter shows the first result, again the next one.
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().selection(), vec![Target::Card(results[0].clone())]);
    if results.len() > 1 {
        h.key_press(Key::Enter);
        h.run_steps(2);
        assert_eq!(h.state().selection(), vec![Target::Card(results[1].clone())]);
    }
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().find().is_none(), "Esc closes the find bar");
    assert!(h.state().layout_options().dimmed.is_empty());
    assert_eq!(h.state().editor().map(), &map, "searching changes nothing");
}

fn presentation_steps_through_the_stages_and_changes_nothing(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let map = parcours::file::load(Path::new("maps/ecommerce-fr.ron")).unwrap();
    let mut h = harness(map.clone(), None, &dir.path().join("data"), ui_lang);
    h.key_press(Key::F5);
    h.run_steps(3);
    let stage = |h: &Harness<'_, Designer>| h.state().presentation().as_ref().map(|p| p.stage);
    assert_eq!(stage(&h), Some(Some(0)), "F5 presents the first stage");
    // Panels are gone: the inspector's heading is not drawn, the caption is.
    assert!(h.query_by_label(T::Lanes.tr(ui_lang)).is_none());
    assert!(h.query_by_label_contains(map.stages[0].name.as_str()).is_some());
    for expected in 1..3 {
        h.key_press(Key::ArrowRight);
        h.run_steps(2);
        assert_eq!(stage(&h), Some(Some(expected)));
    }
    let options = h.state().layout_options();
    assert_eq!(options.focus_stage, Some(2));
    assert_eq!(options.curve_until, Some(2), "the curves are drawn up to the stage shown");
    // The curve's drawn points are those of stages 0 to 2 only.
    let later: Vec<_> = map.stages[3..].iter().map(|s| s.id.clone()).collect();
    assert!(!h.state().canvas().list().hits.iter().any(|hit| matches!(
        &hit.target,
        Target::EmotionPoint { stage, .. } if later.contains(stage)
    )));
    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(stage(&h), Some(Some(1)));
    // Editing keys do nothing while presenting.
    h.state_mut().set_selection(vec![Target::Card(map.cards[0].id.clone())]);
    h.key_press(Key::Delete);
    h.key_press(Key::Num1);
    h.run_steps(2);
    assert_eq!(h.state().editor().map(), &map);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().presentation().is_none(), "Esc leaves the presentation");
    assert!(h.query_by_label(T::Lanes.tr(ui_lang)).is_some(), "the panels are back");
}

fn the_funnel_view_shows_the_sheet_and_exports_it(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let map = parcours::file::load(Path::new("maps/ecommerce-fr.ron")).unwrap();
    let mut h = harness(map.clone(), None, &dir.path().join("data"), ui_lang);
    h.get_by_label(T::ViewFunnel.tr(ui_lang)).click();
    h.run_steps(3);
    assert_eq!(h.state().view(), parcours::app::workshop::View::Funnel);
    // The canvas paints the funnel sheet: the same display list the export prints.
    let sheet = parcours::layout::funnel::page(&map, &h.state().layout_options());
    let texts =
        |list: &parcours::display::DisplayList| list.text_lines().map(|l| l.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(h.state().canvas().list()), texts(&sheet));
    // A card cited on the sheet is selected by a click, for the inspector.
    let cited = h
        .state()
        .canvas()
        .list()
        .hits
        .iter()
        .find_map(|hit| match &hit.target {
            Target::Card(id) => Some(id.clone()),
            _ => None,
        })
        .expect("the sheet cites cards");
    let at = screen_of(&h, &Target::Card(cited.clone()));
    click_at(&mut h, at);
    assert_eq!(h.state().selection(), vec![Target::Card(cited)]);
    assert_eq!(h.state().editor().map(), &map);
    // Export from the view: the form starts on the funnel sheet.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    let out = dir.path().join("entonnoir.pdf");
    match h.state_mut().dialog_mut() {
        Some(Dialog::Export(form)) => {
            assert_eq!(form.sheet, parcours::export::Sheet::Funnel);
            form.destination = out.display().to_string();
        }
        other => panic!("expected the export form, got {other:?}"),
    }
    h.run_steps(1);
    h.get_all_by_label(T::ExportButton.tr(ui_lang)).last().unwrap().click();
    for _ in 0..400 {
        h.step();
        if !h.state().exporting() && out.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"), "{}", h.state().status());
    h.run_steps(2);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("exported"), "the export reports its file");
    h.get_by_label(T::Ok.tr(ui_lang)).click();
    h.run_steps(2);
    // Back to the map, which is editable again.
    h.get_by_label(T::ViewMap.tr(ui_lang)).click();
    h.run_steps(2);
    assert_eq!(h.state().view(), parcours::app::workshop::View::Map);
    assert!(!h.state().read_only());
}

fn the_high_contrast_theme_reaches_the_canvas(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run_steps(4);
    h.get_by_label(T::ThemeHighContrast.tr(ui_lang)).click();
    h.run_steps(3);
    assert_eq!(h.state().theme(), parcours::layout::ThemeName::HighContrast);
    assert_eq!(
        h.state().canvas().list().background,
        parcours::layout::Theme::new(parcours::layout::ThemeName::HighContrast).page
    );
    assert_eq!(h.ctx.global_style().visuals.override_text_color, Some(egui::Color32::BLACK));
}

fn stages_and_lanes_reorder_by_drag_in_one_undo_step_each(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let map = parcours::file::load(Path::new("maps/ecommerce-fr.ron")).unwrap();
    let mut h = harness(map.clone(), None, &dir.path().join("data"), ui_lang);
    // Drag the first stage's header onto the third stage's.
    let first = map.stages[0].id.clone();
    let from = screen_of(&h, &Target::Stage(first.clone()));
    let to = screen_of(&h, &Target::Stage(map.stages[2].id.clone()));
    drag(&mut h, from, to);
    let order: Vec<_> = h.state().editor().map().stages.iter().map(|s| s.id.clone()).collect();
    assert_eq!(order.iter().position(|id| *id == first), Some(2), "the stage moved to the third place");
    // Drag the last lane's header onto the first lane's.
    let last = map.lanes.last().unwrap().id.clone();
    let from = screen_of(&h, &Target::Lane(last.clone()));
    let to = screen_of(&h, &Target::Lane(map.lanes[0].id.clone()));
    drag(&mut h, from, to);
    assert_eq!(h.state().editor().map().lanes[0].id, last, "the lane moved to the top");
    // Each drag is one step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().editor().map().lanes, map.lanes);
    assert_ne!(h.state().editor().map().stages, map.stages);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().editor().map(), &map);
    // The lanes panel's arrows do the same, one step each.
    h.get_all_by_label(T::MoveDown.tr(ui_lang)).next().unwrap().click();
    h.run_steps(2);
    assert_eq!(h.state().editor().map().lanes[1].id, map.lanes[0].id);
    // Hiding a lane from its checkbox, named after the lane.
    let lane = &map.lanes[2];
    let name = h.state().lane_name(&lane.id);
    h.get_by_label(&format!("{} · {name}", T::ShowOnMap.tr(ui_lang))).click();
    h.run_steps(2);
    assert!(h.state().editor().map().lane(&lane.id).unwrap().hidden, "{name} is hidden");
    assert!(h.state().canvas().list().rect_of(&Target::Lane(lane.id.clone())).is_none(), "and not drawn");
}

/// The delay before the next frame the designer asked for (`Duration::MAX`: none; it sleeps until
/// an event comes).
fn repaint_delay(h: &Harness<'_, Designer>) -> std::time::Duration {
    h.output().viewport_output.get(&egui::ViewportId::ROOT).unwrap().repaint_delay
}

fn an_idle_window_asks_for_no_repaint(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _file) = open_file(dir.path(), ui_lang);
    h.run_steps(5);
    assert_eq!(repaint_delay(&h), std::time::Duration::MAX, "an untouched window sleeps");
    // Unsaved work: one wake-up, when the autosave is due, not one a second.
    h.get_by_label(T::ActAddStage.tr(ui_lang)).click();
    h.run_steps(5);
    let delay = repaint_delay(&h);
    assert!(
        delay > std::time::Duration::from_secs(5) && delay <= parcours::app::files::AUTOSAVE_EVERY,
        "woken for the autosave only: {delay:?}"
    );
    h.state_mut().autosave_now();
    h.run_steps(5);
    assert_eq!(repaint_delay(&h), std::time::Duration::MAX, "autosaved: asleep again");
    assert!(h.state().recovery_copy().is_some());
}

/// Selects a cell by clicking it and starts a card there with Enter.
fn start_card(h: &mut Harness<'_, Designer>, lane: &parcours::model::Id, stage: &parcours::model::Id) {
    let cell = screen_of(h, &Target::Cell { lane: lane.clone(), stage: stage.clone() });
    click_at(h, cell);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.state().canvas().inline().is_some(), "Enter opens the in-place editor");
}

fn a_card_typed_in_a_cell_removed_meanwhile_lands_in_another(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    let map = h.state().editor().map().clone();
    let (lane, stage) = (map.lanes[0].id.clone(), map.stages[1].id.clone());
    start_card(&mut h, &lane, &stage);
    h.get_by_label(T::CardTitle.tr(ui_lang)).type_text("Relance par SMS");
    h.run_steps(1);
    // The stage goes while the card is typed (a colleague in the room, a merge from disk).
    h.state_mut().editor_mut().apply(parcours::edit::Command::RemoveStage { id: stage.clone() }).unwrap();
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let card = h.state().editor().map().cards.iter().find(|c| c.title == "Relance par SMS").cloned();
    let card = card.expect("what was typed is on the map");
    assert_ne!(card.stage, stage);
    assert_eq!(h.state().status(), T::CardMovedCellGone.tr(ui_lang));
}

fn esc_keeps_a_new_card_and_undo_takes_it_back(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    let original = h.state().editor().map().clone();
    let (lane, stage) = (original.lanes[0].id.clone(), original.stages[0].id.clone());
    start_card(&mut h, &lane, &stage);
    h.get_by_label(T::CardTitle.tr(ui_lang)).type_text("Idée d’atelier « à creuser » 💡");
    h.run_steps(1);
    h.get_by_label(T::Details.tr(ui_lang)).focus();
    h.run_steps(1);
    h.get_by_label(T::Details.tr(ui_lang)).type_text("Noté pendant l’atelier");
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().canvas().inline().is_none(), "Esc ends the editing");
    let cards = h.state().editor().map().cell_cards(&lane, &stage).into_iter().cloned().collect::<Vec<_>>();
    let card = cards.last().unwrap();
    assert_eq!(card.title, "Idée d’atelier « à creuser » 💡", "Esc keeps what was typed");
    assert_eq!(card.details, "Noté pendant l’atelier");
    // One Ctrl+Z takes the whole card back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().editor().map(), &original);
    // Esc on a new card with nothing typed makes no card.
    start_card(&mut h, &lane, &stage);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().canvas().inline().is_none());
    assert_eq!(h.state().editor().map(), &original, "an empty new card is not made");
}

fn esc_keeps_edits_of_a_card_and_a_stage_in_place(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    let lane = h.state().editor().map().lanes[0].id.clone();
    let stage = h.state().editor().map().stages[0].id.clone();
    // A card with a title to edit.
    start_card(&mut h, &lane, &stage);
    h.get_by_label(T::CardTitle.tr(ui_lang)).type_text("Carte");
    h.key_press(Key::Escape);
    h.run_steps(2);
    let original = h.state().editor().map().clone();
    let card = original.cell_cards(&lane, &stage).last().unwrap().id.clone();
    // The card: F2, type, Esc.
    h.state_mut().set_selection(vec![Target::Card(card.clone())]);
    h.key_press(Key::F2);
    h.run_steps(3);
    h.get_by_label(T::CardTitle.tr(ui_lang)).type_text(" revue");
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().canvas().inline().is_none());
    assert_eq!(h.state().editor().map().card(&card).unwrap().title, "Carte revue");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().editor().map(), &original, "one Ctrl+Z takes the typing back");
    // The stage's name: F2, type, Esc.
    h.state_mut().set_selection(vec![Target::Stage(stage.clone())]);
    h.key_press(Key::F2);
    h.run_steps(3);
    h.get_by_label(T::StageName.tr(ui_lang)).type_text(" (révisée)");
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(2);
    let name = h.state().editor().map().stage(&stage).unwrap().name.clone();
    assert_eq!(name, format!("{} (révisée)", original.stage(&stage).unwrap().name));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().editor().map(), &original);
    // A field of the inspector: Esc leaves it with the text kept.
    h.state_mut().set_selection(vec![Target::Card(card.clone())]);
    h.run_steps(2);
    h.get_by_label(T::Details.tr(ui_lang)).focus();
    h.run_steps(1);
    h.get_by_label(T::Details.tr(ui_lang)).type_text("Vu en atelier");
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().editor().map().card(&card).unwrap().details, "Vu en atelier");
    assert_eq!(h.state().selection(), vec![Target::Card(card.clone())], "Esc left the field only");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().editor().map(), &original);
}

fn undo_while_typing_a_new_card_keeps_it_for_redo(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    let original = h.state().editor().map().clone();
    let (lane, stage) = (original.lanes[0].id.clone(), original.stages[0].id.clone());
    start_card(&mut h, &lane, &stage);
    h.get_by_label(T::CardTitle.tr(ui_lang)).type_text("Presque perdu");
    h.run_steps(1);
    // The toolbar's Undo (French says "Annuler" for Undo and Cancel: the toolbar's is the action).
    h.get_by_label(T::ActUndo.tr(ui_lang)).click();
    h.run_steps(2);
    assert_eq!(h.state().editor().map(), &original);
    h.get_by_label(T::ActRedo.tr(ui_lang)).click();
    h.run_steps(2);
    let titles: Vec<String> =
        h.state().editor().map().cell_cards(&lane, &stage).iter().map(|c| c.title.clone()).collect();
    assert_eq!(titles.last().map(String::as_str), Some("Presque perdu"), "Redo brings it back");
}

/// Leaves a recovery copy as a session that died would: unsaved work on `file`, autosaved.
fn crash_with_unsaved_work(file: &Path, data: &Path, ui_lang: Lang) {
    let mut h = harness(parcours::file::load(file).unwrap(), Some(file.to_path_buf()), data, ui_lang);
    h.get_by_label(T::ActAddStage.tr(ui_lang)).click();
    h.run_steps(2);
    h.state_mut().autosave_now();
    // The process dies here: no save, no clean exit.
    std::mem::forget(h);
}

fn discarding_recovered_work_asks_and_keeps_it_a_week(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("m.ron");
    parcours::file::save(&file, &template("ecommerce-fr")).unwrap();
    crash_with_unsaved_work(&file, &data, ui_lang);
    let mut h = harness(parcours::file::load(&file).unwrap(), Some(file.clone()), &data, ui_lang);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("recovery"));
    // The prompt says what the copy holds: the map's title and one unsaved change.
    let title = template("ecommerce-fr").title;
    assert!(h.query_by_label_contains(&title).is_some(), "the title is shown");
    h.get_by_label(T::DiscardRecovered.tr(ui_lang)).click();
    h.run_steps(2);
    // Not at once: a confirmation first, which can go back.
    assert!(h.query_by_label(T::ConfirmDiscardTitle.tr(ui_lang)).is_some());
    h.get_by_label(T::Back.tr(ui_lang)).click();
    h.run_steps(2);
    assert!(h.query_by_label(T::Restore.tr(ui_lang)).is_some(), "back to the prompt");
    h.get_by_label(T::DiscardRecovered.tr(ui_lang)).click();
    h.run_steps(2);
    h.get_by_label(T::Discard.tr(ui_lang)).click();
    h.run_steps(2);
    assert!(h.state().dialog().is_none());
    let store = Store::at(&data);
    assert!(store.recoveries().is_empty());
    assert_eq!(store.discarded().len(), 1, "kept among the discarded copies");
    assert_eq!(store.discarded()[0].unsaved_changes, Some(1));
    // File › Recover… lists it and restores it.
    run_from_palette(&mut h, ui_lang, Action::Recover);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("recover"));
    h.get_all_by_label_contains(&format!("{} · ", T::Restore.tr(ui_lang))).next().unwrap().click();
    h.run_steps(3);
    assert_eq!(h.state().editor().map().stages.len(), 8, "the discarded work is back");
    assert!(h.state().editor().is_dirty());
    assert_eq!(h.state().path().map(|p| p.file_name().unwrap()), Some(std::ffi::OsStr::new("m.ron")));
}

fn discard_in_the_unsaved_prompt_keeps_the_work_a_week(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut h = harness(template("ecommerce-fr"), None, &data, ui_lang);
    h.get_by_label(T::ActAddStage.tr(ui_lang)).click();
    h.run_steps(2);
    let work = h.state().editor().map().clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label(T::Discard.tr(ui_lang)).click();
    h.run_steps(2);
    let discarded = Store::at(&data).discarded();
    assert_eq!(discarded.len(), 1);
    assert_eq!(parcours::file::load(&discarded[0].copy).unwrap(), work);
}

/// Found by the monkey test: a dialog opened while presenting (an export finishing) was not drawn,
/// and since an open dialog takes the keys, Esc could not leave the full-screen presentation.
fn a_dialog_opening_during_the_presentation_shows_and_esc_still_leaves(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    h.key_press(Key::F5);
    h.run_steps(3);
    assert!(h.state().presentation().is_some());
    h.state_mut().show_dialog(Dialog::Info("exporté : affiche.pdf".into()));
    h.run_steps(3);
    h.get_by_label(T::Ok.tr(ui_lang)).click();
    h.run_steps(2);
    assert!(h.state().dialog().is_none(), "the message was shown and closed");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().presentation().is_none(), "Esc leaves the presentation");
}

/// A stage metric typed past its range (NPS −150) was kept as typed, and `parcours check` then
/// called the map wrong: the inspector brings it back into the range.
fn a_metric_typed_out_of_range_is_brought_back_into_it(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    let stage = h.state().editor().map().stages[0].id.clone();
    h.state_mut().set_selection(vec![Target::Stage(stage.clone())]);
    h.run_steps(2);
    h.get_by_label(T::Nps.tr(ui_lang)).focus();
    h.run_steps(1);
    h.get_by_label(T::Nps.tr(ui_lang)).type_text("-150");
    h.run_steps(2);
    assert_eq!(h.state().editor().map().stage(&stage).unwrap().metrics.nps, Some(-100.0));
    h.get_by_label(T::CustomMetrics.tr(ui_lang)).focus();
    h.run_steps(1);
    h.get_by_label(T::CustomMetrics.tr(ui_lang)).type_text("Panier = 42 € / inf");
    h.run_steps(2);
    let custom = h.state().editor().map().stage(&stage).unwrap().metrics.custom.clone();
    assert_eq!(custom.len(), 1);
    assert_eq!(custom[0].target, None, "an infinite target is not kept");
    let errors: Vec<_> = parcours::check::check(h.state().editor().map(), None)
        .into_iter()
        .filter(|d| d.severity == parcours::check::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// Opens Atelier › an entry, by the menu's labels.
fn workshop_menu(h: &mut Harness<'_, Designer>, ui_lang: Lang, action: Action) {
    let menu = h.get_by_label(T::MenuWorkshop.tr(ui_lang)).rect().center();
    click_at(h, menu);
    h.run_steps(2);
    // A menu entry's name is its label and its shortcut ("Open a room… ").
    h.get_by_label(&format!("{} ", action.label(ui_lang))).click();
    h.run_steps(3);
}

/// A phone on its own thread: joins, posts `text` and keeps its connection until told to leave
/// (its answers need the designer's frames). Returns the acknowledgement and the leave signal.
fn phone(
    url: String,
    participant: &'static str,
    note: &'static str,
    text: &'static str,
) -> (std::sync::mpsc::Receiver<serde_json::Value>, std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>)
{
    let (acked, ack) = std::sync::mpsc::channel();
    let (leave, told) = std::sync::mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        room_support::runtime().block_on(async {
            let mut client = room_support::Client::join(&url, participant).await;
            client.note(note, text).await;
            acked.send(client.answer(note).await).unwrap();
            while told.try_recv().is_err() {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        });
    });
    (ack, leave, thread)
}

/// A designer on the room tests' map, its rooms on 127.0.0.1.
fn room_designer(data: &Path, ui_lang: Lang) -> Harness<'static, Designer> {
    let mut h = harness(room_support::map(), None, data, ui_lang);
    h.state_mut().set_room_address("127.0.0.1".parse().unwrap(), 0);
    h.run_steps(2);
    h
}

/// A designer with a room open on 127.0.0.1, its window closed (the room stays open).
fn room_open(data: &Path, ui_lang: Lang) -> Harness<'static, Designer> {
    let mut h = room_designer(data, ui_lang);
    workshop_menu(&mut h, ui_lang, Action::OpenRoom);
    h.get_by_label(T::Close.tr(ui_lang)).click();
    h.run_steps(2);
    h
}

fn a_room_opens_with_its_code_takes_a_note_into_the_tray_and_a_cell_and_closes(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = room_designer(dir.path(), ui_lang);
    assert!(h.query_by_label(T::InboxTitle.tr(ui_lang)).is_none(), "no tray before a room");
    workshop_menu(&mut h, ui_lang, Action::OpenRoom);
    let url = h.state().room().expect("a room is open").url();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert_eq!(h.state().dialog().map(Dialog::name), Some("room"));
    h.get_by_label("QR code");
    h.get_by_label(&url);
    let none = parcours::app::i18n::fill(T::RoomParticipants.tr(ui_lang), &[("n", "0")]);
    h.get_by_label(&none);
    h.run_steps(5);
    assert_eq!(repaint_delay(&h), std::time::Duration::MAX, "an open room with nothing arriving sleeps");

    // A phone posts a note; it lands in the inbox through the room's commands.
    let text = "<b>Frais</b> de port ?";
    let (ack, leave, thread) = phone(url.clone(), "u-phone1", "n-phone01", text);
    wait_for(&mut h, "the phone's note", |d| {
        d.editor().map().inbox.len() == 1 && d.room().is_some_and(|r| r.participants() == 1)
    });
    assert_eq!(ack.recv_timeout(std::time::Duration::from_secs(5)).unwrap()["type"], "ack");
    let one = parcours::app::i18n::fill(T::RoomParticipants.tr(ui_lang), &[("n", "1")]);
    h.get_by_label(&one);

    // Closing the window keeps the room; the tray shows the note as typed (no markup).
    h.get_by_label(T::Close.tr(ui_lang)).click();
    h.run_steps(3);
    assert!(h.state().dialog().is_none());
    assert!(h.state().room().is_some(), "the room stays open");
    h.get_by_label(text);
    let add = T::InboxAddToCell.tr(ui_lang);
    assert!(!h.get_by_label(add).accesskit_node().is_disabled() || h.state().selection().is_empty());

    // Into a cell: it becomes a card there, and leaves the inbox, in one undo step.
    let cell = Target::Cell { lane: "l-dl".into(), stage: "s-2".into() };
    h.state_mut().set_selection(vec![cell]);
    h.run_steps(2);
    h.get_by_label(add).click();
    h.run_steps(3);
    let map = h.state().editor().map().clone();
    assert!(map.inbox.is_empty());
    let card = map
        .cards
        .iter()
        .find(|c| c.from_note.as_ref().is_some_and(|n| n.as_str() == "n-phone01"))
        .expect("a card from the note");
    assert_eq!((card.lane.as_str(), card.stage.as_str(), card.title.as_str()), ("l-dl", "s-2", text));
    assert_eq!(card.kind, parcours::model::CardKind::PainPoint);

    // Undo takes the facilitator's step back (through the session), not the phone's note.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    let map = h.state().editor().map().clone();
    assert_eq!(map.inbox.len(), 1, "the note is back in the inbox");
    assert!(map.cards.iter().all(|c| c.from_note.is_none()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().editor().map().inbox.len(), 1, "the phone's note is not the facilitator's to undo");

    // Dismiss: the note leaves the inbox, its id is remembered.
    h.get_by_label(T::InboxDismiss.tr(ui_lang)).click();
    h.run_steps(3);
    let map = h.state().editor().map().clone();
    assert!(map.inbox.is_empty());
    assert_eq!(map.dismissed.iter().map(parcours::model::Id::as_str).collect::<Vec<_>>(), ["n-phone01"]);

    // Atelier › Close room stops the server.
    workshop_menu(&mut h, ui_lang, Action::CloseRoom);
    assert!(h.state().room().is_none());
    leave.send(()).ok();
    thread.join().unwrap();
    let port = url.trim_start_matches("http://127.0.0.1:").split('/').next().unwrap().to_owned();
    assert!(std::net::TcpStream::connect(format!("127.0.0.1:{port}")).is_err(), "nothing listens any more");
}

fn the_facilitator_removes_a_participant_from_the_tray(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = room_open(dir.path(), ui_lang);
    let url = h.state().room().unwrap().url();
    let (_acked_rude, leave_rude, rude) = phone(url.clone(), "u-rude001", "n-rude0001", "Rude words");
    let (_acked_kind, leave_kind, kind) = phone(url.clone(), "u-kind001", "n-kind0001", "Delivery was late");
    wait_for(&mut h, "both notes", |d| d.editor().map().inbox.len() == 2);
    h.run_steps(2);

    // The tray has a Remove button a note; the rude one is listed first (newest first) or
    // second: find the one in the rude note's frame by its order in the inbox.
    let order: Vec<String> = h.state().editor().map().inbox.iter().rev().map(|n| n.text.clone()).collect();
    let index = order.iter().position(|t| t == "Rude words").unwrap();
    h.get_all_by_label(T::InboxRemoveParticipant.tr(ui_lang)).nth(index).unwrap().click();
    h.run_steps(3);
    let texts = |d: &Designer| d.editor().map().inbox.iter().map(|n| n.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(h.state()), ["Delivery was late"], "the removed participant's note is gone");

    // They are refused from then on: joining again is answered with "removed".
    let refused = std::thread::spawn({
        let url = url.clone();
        move || room_support::runtime().block_on(room_support::Client::hello(&url, "u-rude001"))
    });
    let answer = loop {
        h.run_steps(1);
        if refused.is_finished() {
            break refused.join().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    assert_eq!(
        (answer["type"].as_str(), answer["reason"].as_str()),
        (Some("refused"), Some("removed")),
        "{answer}"
    );

    // Undo brings the note back (the participant stays refused until the room closes).
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(texts(h.state()).len(), 2, "undo gives the notes back");
    leave_rude.send(()).ok();
    leave_kind.send(()).ok();
    rude.join().unwrap();
    kind.join().unwrap();
    workshop_menu(&mut h, ui_lang, Action::CloseRoom);
}

fn a_dot_vote_started_from_the_workshop_menu_counts_on_the_canvas(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = room_designer(dir.path(), ui_lang);
    assert!(!h.state().enabled(Action::StartVote), "no vote without a room");
    workshop_menu(&mut h, ui_lang, Action::OpenRoom);
    h.get_by_label(T::Close.tr(ui_lang)).click();
    h.run_steps(2);
    workshop_menu(&mut h, ui_lang, Action::StartVote);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("vote"));
    h.get_by_label(ui_lang.kind(parcours::model::CardKind::Touchpoint)).click();
    h.run_steps(2);
    // The button, not the menu entry under the modal.
    h.get_all_by_label(T::ActStartVote.tr(ui_lang)).last().unwrap().click();
    h.run_steps(3);
    let vote = h.state().editor().map().vote.clone().expect("a vote");
    assert!(vote.open);
    assert_eq!(vote.per_participant, 3);
    assert_eq!(
        vote.kinds,
        [
            parcours::model::CardKind::Touchpoint,
            parcours::model::CardKind::PainPoint,
            parcours::model::CardKind::Opportunity
        ]
    );

    // A participant's ballot: two dots on c-1, one on c-3.
    let url = h.state().room().unwrap().url();
    let (done, leave) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        room_support::runtime().block_on(async {
            let mut client = room_support::Client::join(&url, "u-voter1").await;
            client
                .send(serde_json::json!({"type": "ballot", "id": "b-vote001", "dots": ["c-1", "c-1", "c-3"]}))
                .await;
            done.send(client.answer("b-vote001").await).unwrap();
        });
    });
    wait_for(&mut h, "the ballot", |d| d.editor().map().cards.iter().any(|c| !c.votes.is_empty()));
    assert_eq!(leave.recv_timeout(std::time::Duration::from_secs(5)).unwrap()["type"], "ack");
    thread.join().unwrap();
    let votes = |h: &Harness<'_, Designer>, id: &str| -> u32 {
        h.state().editor().map().cards.iter().find(|c| c.id.as_str() == id).unwrap().votes.values().sum()
    };
    assert_eq!((votes(&h, "c-1"), votes(&h, "c-3")), (2, 1));
    h.run_steps(3);
    // The canvas draws the counts as badges.
    let badges: Vec<String> = h
        .state()
        .canvas()
        .list()
        .text_lines()
        .filter(|t| t.text.contains('●'))
        .map(|t| t.text.clone())
        .collect();
    assert_eq!(badges.len(), 2, "{badges:?}");

    // Stop vote: closed, the results stay.
    workshop_menu(&mut h, ui_lang, Action::StopVote);
    assert!(!h.state().editor().map().vote.as_ref().unwrap().open);
    assert_eq!(votes(&h, "c-1"), 2);
}

fn the_facilitators_edits_reach_a_joined_desktop_and_theirs_reach_the_designer(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = room_open(dir.path(), ui_lang);
    let peer_url = h.state().room().unwrap().host.peer_url();
    let mut desk = parcours::room::Joined::connect(&peer_url, "d-marie1".into(), "Marie").unwrap();
    let in_step = |h: &mut Harness<'_, Designer>, desk: &mut parcours::room::Joined| {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            h.step();
            desk.poll();
            if desk.map() == h.state().editor().map() && desk.is_synced() && desk.pending() == 0 {
                break;
            }
            assert!(std::time::Instant::now() < until, "the desktop's copy never matched the designer's");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    };
    in_step(&mut h, &mut desk);
    // The facilitator adds a stage (through the editor, as any edit of the window).
    h.get_by_label(T::ActAddStage.tr(ui_lang)).click();
    h.run_steps(2);
    assert_eq!(h.state().editor().map().stages.len(), 3);
    in_step(&mut h, &mut desk);
    assert_eq!(desk.map().stages.len(), 3, "the joined desktop has the new stage");
    // The desktop renames a card; the designer shows it.
    desk.apply(parcours::edit::Command::SetCard {
        id: "c-3".into(),
        field: parcours::edit::CardField::Title("Suivi par e-mail".into()),
    })
    .unwrap();
    wait_for(&mut h, "the desktop's edit", |d| {
        d.editor().map().cards.iter().any(|c| c.title == "Suivi par e-mail")
    });
    // Undo takes back the facilitator's stage, not the desktop's title.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    let map = h.state().editor().map().clone();
    assert_eq!(map.stages.len(), 2);
    assert!(map.cards.iter().any(|c| c.title == "Suivi par e-mail"));
    in_step(&mut h, &mut desk);

    // Presence: the desktop's selection is ringed on the designer's canvas with Marie's name,
    // and the facilitator's selection reaches the desktop.
    desk.select(vec!["c-3".into()]);
    wait_for(&mut h, "Marie's selection", |d| {
        d.others_in_room().iter().any(|(_, p)| p.name == "Marie" && p.selection == ["c-3".into()])
    });
    h.run_steps(2);
    h.state_mut().set_selection(vec![Target::Card("c-1".into())]);
    h.run_steps(2);
    let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let host = parcours::model::Id::from("host");
    let facilitator_seen = |desk: &parcours::room::Joined| {
        desk.presence().get(&host).is_some_and(|p| p.selection == ["c-1".into()])
    };
    while !facilitator_seen(&desk) {
        assert!(std::time::Instant::now() < until, "the facilitator's selection never reached the desktop");
        h.step();
        desk.wait(std::time::Duration::from_millis(20));
    }
    drop(desk);
    wait_for(&mut h, "Marie leaving", |d| d.others_in_room().is_empty());
}

/// Steps two designers until `done` holds of both (within 5 s).
fn pump_both(
    host: &mut Harness<'_, Designer>,
    desk: &mut Harness<'_, Designer>,
    what: &str,
    done: impl Fn(&Designer, &Designer) -> bool,
) {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        host.step();
        desk.step();
        if done(host.state(), desk.state()) {
            return;
        }
        assert!(std::time::Instant::now() < until, "never: {what}");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

fn a_second_designer_joins_by_the_desktop_link_and_edits_alongside(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut host = room_designer(&dir.path().join("host"), ui_lang);
    workshop_menu(&mut host, ui_lang, Action::OpenRoom);
    // The room's window gives the desktop link.
    let link = host.state().room().unwrap().host.peer_url();
    host.get_by_label(&link);
    host.get_by_label(T::Close.tr(ui_lang)).click();
    host.run_steps(2);

    // The second designer: Workshop › Join a room…, the link and a name, Join.
    let mut desk = harness(template("blank"), None, &dir.path().join("desk"), ui_lang);
    assert!(!desk.state().enabled(Action::LeaveRoom));
    workshop_menu(&mut desk, ui_lang, Action::JoinRoom);
    assert_eq!(desk.state().dialog().map(Dialog::name), Some("join"));
    assert!(desk.get_by_label(T::JoinButton.tr(ui_lang)).accesskit_node().is_disabled(), "no link yet");
    desk.get_by_label(T::JoinLink.tr(ui_lang)).type_text(&link);
    // The name starts as the account's; this test types its own.
    if let Some(Dialog::Join(form)) = desk.state_mut().dialog_mut() {
        form.name.clear();
    }
    desk.get_by_label(T::JoinYourName.tr(ui_lang)).click();
    desk.run_steps(1);
    desk.get_by_label(T::JoinYourName.tr(ui_lang)).type_text("Marie");
    desk.run_steps(2);
    desk.get_by_label(T::JoinButton.tr(ui_lang)).click();
    desk.run_steps(2);
    pump_both(&mut host, &mut desk, "the host's map on the desktop", |h, d| {
        d.editor().map() == h.editor().map()
    });
    let title = desk.state().title();
    let room_name = parcours::app::i18n::fill(T::JoinName.tr(ui_lang), &[("host", "127.0.0.1")]);
    assert!(title.starts_with(&room_name), "{title}");
    assert!(!desk.state().enabled(Action::OpenRoom), "a joined window hosts no room");

    // The desktop deletes a card with its own keys; the host's map loses it.
    desk.state_mut().set_selection(vec![Target::Card("c-3".into())]);
    desk.run_steps(2);
    desk.key_press(Key::Delete);
    desk.run_steps(2);
    assert!(desk.state().editor().map().card(&"c-3".into()).is_none());
    pump_both(&mut host, &mut desk, "the delete at the host", |h, _| {
        h.editor().map().card(&"c-3".into()).is_none()
    });

    // The facilitator adds a stage; the desktop shows it.
    host.get_by_label(T::ActAddStage.tr(ui_lang)).click();
    host.run_steps(2);
    pump_both(&mut host, &mut desk, "the new stage on the desktop", |h, d| {
        d.editor().map().stages.len() == 3 && d.editor().map() == h.editor().map()
    });

    // Presence: what the desktop selects is ringed at the host under Marie's name.
    desk.state_mut().set_selection(vec![Target::Card("c-1".into())]);
    pump_both(&mut host, &mut desk, "Marie's selection at the host", |h, _| {
        h.others_in_room().iter().any(|(_, p)| p.name == "Marie" && p.selection == ["c-1".into()])
    });

    // The desktop's undo takes back its own delete, not the host's stage.
    assert!(desk.state().enabled(Action::Undo));
    desk.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    desk.run_steps(2);
    pump_both(&mut host, &mut desk, "the card back everywhere, the stage kept", |h, d| {
        h.editor().map().card(&"c-3".into()).is_some()
            && h.editor().map().stages.len() == 3
            && d.editor().map() == h.editor().map()
    });
    assert!(!desk.state().editor().is_dirty(), "everything of the desktop's is at the host");

    // Typing in the inspector: each keystroke reaches the host, and is one step of the desktop's.
    let original = desk.state().editor().map().card(&"c-2".into()).unwrap().title.clone();
    desk.state_mut().set_selection(vec![Target::Card("c-2".into())]);
    desk.run_steps(2);
    desk.get_by_label(T::Title.tr(ui_lang)).click();
    desk.run_steps(1);
    desk.key_press(Key::End);
    desk.get_by_label(T::Title.tr(ui_lang)).type_text(" (vu)");
    desk.run_steps(1);
    pump_both(&mut host, &mut desk, "the typed title at the host", |h, _| {
        h.editor().map().card(&"c-2".into()).unwrap().title == format!("{original} (vu)")
    });
    desk.key_press(Key::Escape);
    desk.run_steps(2);
    desk.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    desk.run_steps(2);
    pump_both(&mut host, &mut desk, "the typing undone in one step", |h, d| {
        h.editor().map().card(&"c-2".into()).unwrap().title == original
            && d.editor().map() == h.editor().map()
    });

    // A drag on the desktop: the card moves at the host too, as one step of the desktop's.
    let card = Target::Card("c-1".into());
    let cell = Target::Cell { lane: "l-dl".into(), stage: "s-2".into() };
    let (from, to) = (screen_of(&desk, &card), screen_of(&desk, &cell));
    drag(&mut desk, from, to);
    pump_both(&mut host, &mut desk, "the moved card at the host", |h, d| {
        h.editor().map().card(&"c-1".into()).is_some_and(|c| c.stage.as_str() == "s-2")
            && d.editor().map() == h.editor().map()
    });
    desk.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    desk.run_steps(2);
    pump_both(&mut host, &mut desk, "the move undone in one step", |h, d| {
        h.editor().map().card(&"c-1".into()).is_some_and(|c| c.stage.as_str() == "s-1")
            && d.editor().map() == h.editor().map()
    });

    // The host closes the room: the map stays on the desktop, unsaved, nothing lost.
    let before = desk.state().editor().map().clone();
    workshop_menu(&mut host, ui_lang, Action::CloseRoom);
    pump_both(&mut host, &mut desk, "the desktop told the room closed", |_, d| d.joined_room().is_none());
    assert_eq!(desk.state().editor().map(), &before);
    assert!(desk.state().editor().is_dirty(), "the room's map is this window's now, unsaved");
    assert_eq!(desk.state().status(), T::JoinClosed.tr(ui_lang));
}

fn a_joined_designer_that_drops_out_keeps_its_edits_and_catches_up(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut host = room_open(&dir.path().join("host"), ui_lang);
    // The desktop reaches the room through a relay that can drop, as Wi-Fi does.
    let link = host.state().room().unwrap().host.peer_url();
    let port: u16 = link.trim_start_matches("http://127.0.0.1:").split('/').next().unwrap().parse().unwrap();
    let relay = room_support::Relay::start(port);
    let relayed = link.replace(&format!(":{port}/"), &format!(":{}/", relay.port));
    let mut desk = harness(template("blank"), None, &dir.path().join("desk"), ui_lang);
    let ctx = desk.ctx.clone();
    desk.state_mut().run(&ctx, Action::JoinRoom);
    if let Some(Dialog::Join(form)) = desk.state_mut().dialog_mut() {
        form.url.clone_from(&relayed);
        form.name = "Marie".into();
    }
    desk.run_steps(2);
    desk.get_by_label(T::JoinButton.tr(ui_lang)).click();
    pump_both(&mut host, &mut desk, "in step", |h, d| d.editor().map() == h.editor().map());
    desk.run_steps(2);
    desk.get_by_label(T::JoinLive.tr(ui_lang));

    // The connection drops: the status bar says so, edits go on here and are kept.
    relay.down();
    pump_both(&mut host, &mut desk, "the desktop offline", |_, d| {
        d.joined_room().is_some_and(|r| *r.link() == parcours::app::joined::Link::Disconnected)
    });
    desk.state_mut().set_selection(vec![Target::Card("c-3".into())]);
    desk.run_steps(1);
    desk.key_press(Key::Delete);
    desk.run_steps(2);
    host.get_by_label(T::ActAddStage.tr(ui_lang)).click();
    host.run_steps(2);
    let offline = parcours::app::i18n::fill(T::JoinOffline.tr(ui_lang), &[("n", "1")]);
    desk.get_by_label(&offline);
    assert!(desk.state().editor().is_dirty(), "an edit the host has not got counts as unsaved");
    assert!(host.state().editor().map().card(&"c-3".into()).is_some());

    // Back: the desktop's delete reaches the host exactly once, the host's stage reaches the
    // desktop, both show the same map.
    relay.up();
    pump_both(&mut host, &mut desk, "caught up both ways", |h, d| {
        h.editor().map().card(&"c-3".into()).is_none()
            && d.editor().map().stages.len() == 3
            && d.editor().map() == h.editor().map()
    });
    pump_both(&mut host, &mut desk, "nothing waiting", |_, d| !d.editor().is_dirty());
    desk.run_steps(2);
    desk.get_by_label(T::JoinLive.tr(ui_lang));
}

fn presenting_shows_the_join_code_and_the_phones_follow_the_stage(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = room_open(dir.path(), ui_lang);
    let url = h.state().room().unwrap().url();
    // A phone that reports the stage each view it receives presents.
    let (seen, stages) = std::sync::mpsc::channel();
    let phone = std::thread::spawn({
        let url = url.clone();
        move || {
            room_support::runtime().block_on(async {
                let mut client = room_support::Client::join(&url, "u-follow1").await;
                loop {
                    let view = client.expect("view").await;
                    let presented = view["presented"].as_u64();
                    if seen.send(presented).is_err() || presented == Some(1) {
                        return;
                    }
                }
            });
        }
    });
    // F5, then two stages to the right: the second stage (index 1).
    h.key_press(Key::F5);
    h.run_steps(3);
    assert!(h.state().presentation().is_some());
    h.get_by_label(T::RoomCornerJoin.tr(ui_lang));
    h.get_by_label(&url);
    h.get_by_label("QR code");
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    h.key_press(Key::ArrowRight);
    let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        h.step();
        if stages.try_iter().any(|s| s == Some(1)) {
            break;
        }
        assert!(std::time::Instant::now() < until, "the phone never followed the presented stage");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    phone.join().unwrap();
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(
        h.query_by_label(T::RoomCornerJoin.tr(ui_lang)).is_none(),
        "the corner goes with the presentation"
    );
}

fn a_note_dragged_from_the_tray_onto_a_cell_becomes_a_card_there(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = room_open(dir.path(), ui_lang);
    let url = h.state().room().unwrap().url();
    let text = "Le suivi du colis s’arrête au dépôt";
    let (_acked, leave, phone) = phone(url, "u-drag0001", "n-drag0001", text);
    wait_for(&mut h, "the note", |d| d.editor().map().inbox.len() == 1);
    h.run_steps(2);
    assert!(h.state().selection().is_empty(), "no cell selected: the drag alone says where");

    // Held over the canvas, let go over the cell "l-dl" × "s-2".
    let from = h.get_by_label(text).rect().center();
    let to = {
        // The part of the cell the canvas shows (the tray narrows it).
        let d = h.state();
        let cell =
            d.canvas().list().rect_of(&Target::Cell { lane: "l-dl".into(), stage: "s-2".into() }).unwrap();
        d.canvas().to_screen().rect(cell).intersect(d.canvas().rect()).center()
    };
    drag(&mut h, from, to);
    h.run_steps(2);
    let map = h.state().editor().map().clone();
    assert!(map.inbox.is_empty(), "the note left the tray");
    let card = map.cards.iter().find(|c| c.title == text).expect("a card from the note");
    assert_eq!((card.lane.as_str(), card.stage.as_str()), ("l-dl", "s-2"));
    assert_eq!(h.state().selection(), [Target::Card(card.id.clone())]);

    // One undo step gives the note back to the tray.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().editor().map().inbox.len(), 1);
    assert!(h.state().editor().map().cards.iter().all(|c| c.title != text));

    // Let go over a stage header: nothing happens.
    let from = h.get_by_label(text).rect().center();
    let header = screen_of(&h, &Target::Stage("s-1".into()));
    drag(&mut h, from, header);
    h.run_steps(2);
    assert_eq!(h.state().editor().map().inbox.len(), 1, "a header is no cell");
    leave.send(()).ok();
    phone.join().unwrap();
}

fn a_click_on_a_dialogs_button_does_not_reach_the_map_under_it(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(template("ecommerce-fr"), None, &dir.path().join("data"), ui_lang);
    h.state_mut().set_selection(Vec::new());
    h.run_steps(2);
    // The export form over the map; a real pointer click (press and release) on Cancel.
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Action::Export);
    h.run_steps(3);
    let cancel = h.get_all_by_label(T::Cancel.tr(ui_lang)).last().unwrap().rect().center();
    assert!(h.state().canvas().rect().contains(cancel), "the button lies over the canvas");
    click_at(&mut h, cancel);
    h.run_steps(3);
    assert!(h.state().dialog().is_none(), "the form closed");
    assert!(h.state().selection().is_empty(), "the click also selected {:?}", h.state().selection());
}

fn the_join_sheet_is_printed_from_the_rooms_window(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = room_designer(dir.path(), ui_lang);
    workshop_menu(&mut h, ui_lang, Action::OpenRoom);
    h.get_by_label(T::RoomPrintSheet.tr(ui_lang)).click();
    h.run_steps(3);
    let sheet = dir.path().join("accueil.pdf");
    answer_path_prompt(&mut h, ui_lang, &sheet);
    h.run_steps(3);
    let bytes = std::fs::read(&sheet).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    assert_eq!(h.state().dialog().map(Dialog::name), Some("room"), "back to the room's window");
    // Renew link: a new URL, the old one refused.
    let old = h.state().room().unwrap().url();
    h.get_by_label(T::RoomRenew.tr(ui_lang)).click();
    h.run_steps(3);
    let new = h.state().room().unwrap().url();
    assert_ne!(old, new);
    h.get_by_label(&new);
}

fn the_canvas_opens_at_fit_width_and_zooms_in_steps_around_the_selection(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let map = parcours::file::load(Path::new("maps/ecommerce-fr.ron")).unwrap();
    let mut h = harness(map, None, &dir.path().join("data"), ui_lang);
    h.run_steps(2);
    let (zoom, rect, width, height) = {
        let canvas = h.state().canvas();
        (canvas.zoom(), canvas.rect(), canvas.list().width, canvas.list().height)
    };
    // Fit width: the stages fill the canvas' width, the map starts at the top and goes below.
    assert!((width * zoom - (rect.width() - 24.0)).abs() < 1.0, "{zoom} × {width} in {rect:?}");
    assert!((h.state().canvas().to_screen().origin.y - rect.min.y - 12.0).abs() < 1.0);

    // One wheel notch with Ctrl is a 10 % step.
    h.hover_at(rect.center());
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, 1.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::COMMAND,
    });
    h.run_steps(60);
    let stepped = h.state().canvas().zoom() / zoom;
    assert!((stepped - 1.1).abs() < 0.02, "one notch zoomed by {stepped}");

    // Ctrl+1 shows 100 % and keeps the selected card where it was on screen.
    // A card half way down the map (near the top, fitting would rather show the map's top).
    let map = h.state().editor().map().clone();
    let mut cards: Vec<Target> = map.cards.iter().map(|c| Target::Card(c.id.clone())).collect();
    cards.sort_by(|a, b| screen_of(&h, a).y.total_cmp(&screen_of(&h, b).y));
    let card = cards[cards.len() / 2].clone();
    let Target::Card(card_id) = &card else { unreachable!() };
    let card_stage = map.card(card_id).unwrap().stage.clone();
    let at = screen_of(&h, &card);
    click_at(&mut h, at);
    assert!(h.state().selection().contains(&card));
    h.hover_at(rect.right_bottom() - egui::vec2(5.0, 5.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run_steps(2);
    assert!((h.state().canvas().zoom() - 1.0).abs() < 1e-4);
    let after = screen_of(&h, &card);
    assert!((after - at).length() < 2.0, "the card moved from {at:?} to {after:?}");

    // Ctrl+0 goes back to fit width, the card staying at its height (unless the whole map fits
    // in the height, then it shows from its top).
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run_steps(2);
    assert!((h.state().canvas().zoom() - zoom).abs() < 1e-4);
    let top = h.state().canvas().to_screen().origin.y - rect.min.y;
    if height * zoom + 24.0 > rect.height() {
        // Where keeping the card in place would leave a gap above the map, the map's top shows.
        let kept = (screen_of(&h, &card).y - at.y).abs() < 2.0;
        assert!(kept || (top - 12.0).abs() < 1.0, "{top}");
    } else {
        assert!((top - 12.0).abs() < 1.0, "{top}");
    }

    // The status bar's zoom menu: 50 %, then fit all.
    h.get_by_label(T::ZoomMenu.tr(ui_lang)).click();
    h.run_steps(2);
    h.get_by_label("50\u{a0}%").click();
    h.run_steps(2);
    assert!((h.state().canvas().zoom() - 0.5).abs() < 1e-4);
    h.get_by_label(T::ZoomMenu.tr(ui_lang)).click();
    h.run_steps(2);
    h.get_by_label(T::ActFitAll.tr(ui_lang)).click();
    h.run_steps(2);
    let canvas = h.state().canvas();
    let shown = canvas.to_screen().rect(parcours::display::Rect::new(0.0, 0.0, width, height));
    assert!(rect.contains_rect(shown), "fit all shows {shown:?} in {rect:?}");

    // Fit the selected card's stage: its column fills the width.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run_steps(2);
    let column = h.state().canvas().list().rect_of(&Target::Stage(card_stage)).unwrap();
    let shown = h.state().canvas().to_screen().rect(column);
    assert!((shown.width() - (rect.width() - 24.0)).abs() < 1.0, "{shown:?} in {rect:?}");
}

fn counts_in_the_status_bar_take_the_languages_plural(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let map = parcours::file::load(Path::new("maps/ecommerce-fr.ron")).unwrap();
    let (stages, lanes, cards) = (map.stages.len(), map.lanes.len(), map.cards.len());
    let first = Target::Card(map.cards[0].id.clone());
    let mut h = harness(map, None, &dir.path().join("data"), ui_lang);
    let counts = format!(
        "{} · {} · {}",
        N::Stages.n(ui_lang, stages),
        N::Lanes.n(ui_lang, lanes),
        N::Cards.n(ui_lang, cards)
    );
    h.get_by_label(&counts);
    // A map that was never saved does not say « enregistré ».
    h.get_by_label(T::NeverSaved.tr(ui_lang));
    assert!(h.query_by_label(T::Saved.tr(ui_lang)).is_none());
    // One card selected: « 1 élément sélectionné », not « 1 sélectionné(s) ».
    let at = screen_of(&h, &first);
    click_at(&mut h, at);
    let one = N::Selected.n(ui_lang, 1);
    h.get_by_label(&one);
    // The card inspector says where the card is: lane (persona) × stage.
    let (lane_name, stage_name) = {
        let app = h.state();
        let map = app.editor().map();
        let Target::Card(id) = &first else { unreachable!() };
        let card = map.card(id).unwrap();
        (app.lane_name(&card.lane), map.stage(&card.stage).unwrap().name.clone())
    };
    assert!(!lane_name.is_empty());
    h.get_by_label(&format!("{lane_name} × {stage_name}"));
    assert!(!one.contains("(s)"));
    if ui_lang == Lang::Fr {
        assert_eq!(one, "1\u{a0}élément sélectionné");
        assert_eq!(N::Cards.n(ui_lang, 1), "1\u{a0}fiche");
        // The card and the map have their own names in French.
        assert_ne!(T::Card.tr(ui_lang), T::Map.tr(ui_lang));
        assert_eq!(T::TbCard.tr(ui_lang), "+ Fiche");
    }
}

/// « + Fiche » is usable with nothing selected: the card goes to the first visible lane × the first
/// stage, typed in place.
fn add_card_works_as_soon_as_a_map_is_open(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let map = template("ecommerce-fr");
    let (lane, stage) = (map.lanes[0].id.clone(), map.stages[0].id.clone());
    let mut h = harness(map, None, &dir.path().join("data"), ui_lang);
    h.run_steps(2);
    assert!(h.state().selection().is_empty());
    h.get_by_label(Action::AddCard.label(ui_lang)).click();
    h.run_steps(3);
    assert!(h.state().canvas().inline().is_some(), "the in-place editor opens");
    h.get_by_label(T::CardTitle.tr(ui_lang)).type_text("Première fiche");
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(3);
    let titles: Vec<String> =
        h.state().editor().map().cell_cards(&lane, &stage).iter().map(|c| c.title.clone()).collect();
    assert_eq!(titles, ["Première fiche"]);
}
