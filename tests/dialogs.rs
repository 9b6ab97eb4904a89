//! UI flows of the designer's dialogs and inspector (issue 14) with `egui_kittest`, in English
//! and in French: the export dialog's readability warning and its remedies, format, distance and
//! background; the check before an export; the report that opens the file or its folder; moving
//! a card from the inspector; the persona's photo and sheet preview; the palette's rows, the
//! keyboard reference that keeps its size, the banner that stands out.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, reason = "test helpers: a failure is a failed test")]

#[macro_use]
mod kittest_support;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use parcours::app::dialogs::{Dialog, persona_sheet};
use parcours::app::files::Store;
use parcours::app::i18n::{Lang, T, fill};
use parcours::app::{Action, Designer, StartOptions};
use parcours::display::Target;
use parcours::model::Map;
use parcours::paint::Paper;
use std::path::{Path, PathBuf};

both_languages!(
    the_export_dialog_warns_in_the_interface_language_and_applies_the_remedies,
    the_export_dialog_picks_the_format_distance_and_background_and_reports_with_open_buttons,
    an_export_runs_the_checks_errors_stop_it_and_warnings_are_reported,
    the_card_inspector_moves_the_card_in_one_undo_step,
    the_persona_inspector_shows_the_photo_and_a_preview_of_the_sheet,
    the_palette_lists_more_than_three_rows,
    the_keyboard_reference_keeps_its_size_and_close_is_where_it_was,
    the_external_change_banner_stands_out,
);

fn options(data: &Path, ui_lang: Lang) -> StartOptions {
    StartOptions {
        native_dialogs: false,
        store: Store::at(data),
        offer_recovery: true,
        seed: 7,
        lang: Some(ui_lang),
    }
}

fn harness(map: Map, path: Option<PathBuf>, data: &Path, ui_lang: Lang) -> Harness<'static, Designer> {
    sized(map, path, data, ui_lang, egui::vec2(1400.0, 900.0))
}

/// The designer in a window of `size`.
fn sized(
    map: Map,
    path: Option<PathBuf>,
    data: &Path,
    ui_lang: Lang,
    size: egui::Vec2,
) -> Harness<'static, Designer> {
    let opts = options(data, ui_lang);
    let mut harness = Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .allow_missing_glyphs()
        .build_eframe(move |cc| Designer::new(&cc.egui_ctx, map, path, opts));
    harness.run_steps(3);
    harness
}

/// The example map, saved in `dir` and opened from there (photos are found next to it).
fn open_in(dir: &Path, map: &Map, ui_lang: Lang) -> (Harness<'static, Designer>, PathBuf) {
    let file = dir.join("carte.ron");
    parcours::file::save(&file, map).unwrap();
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

fn example() -> Map {
    parcours::file::load(Path::new("maps/ecommerce-fr.ron")).unwrap()
}

/// Steps until `done` holds, for at most twenty seconds of real time (work runs on threads).
fn wait_for(h: &mut Harness<'_, Designer>, what: &str, done: impl Fn(&Designer) -> bool) {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !done(h.state()) {
        assert!(std::time::Instant::now() < until, "timed out waiting for {what}: {}", h.state().status());
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(2);
}

/// The open export dialog.
fn export_dialog<'h>(h: &'h mut Harness<'_, Designer>) -> &'h mut parcours::app::dialogs::ExportDialog {
    match h.state_mut().dialog_mut() {
        Some(Dialog::Export(dialog)) => dialog,
        other => panic!("expected the export dialog, got {other:?}"),
    }
}

/// Waits until the export dialog has checked its current settings; returns the warning.
fn checked(h: &mut Harness<'_, Designer>) -> Option<parcours::layout::readability::Readability> {
    wait_for(h, "the readability check", |d| match d.dialog() {
        Some(Dialog::Export(dialog)) => dialog.check.result_for(&dialog.form.options()).is_some(),
        _ => false,
    });
    let dialog = export_dialog(h);
    dialog.check.result_for(&dialog.form.options()).cloned().flatten()
}

fn open_export(h: &mut Harness<'_, Designer>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("export"));
}

fn the_export_dialog_warns_in_the_interface_language_and_applies_the_remedies(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(example(), None, &dir.path().join("data"), ui_lang);
    open_export(&mut h);
    // On A1 from a desk the example reads: the dialog says so.
    assert!(checked(&mut h).is_none(), "the example reads on A1 at a desk");
    let desk = match ui_lang {
        Lang::En => "48 cm",
        Lang::Fr => "48\u{a0}cm",
    };
    assert!(h.query_by_label(&fill(T::ReadOk.tr(ui_lang), &[("distance", desk)])).is_some());
    // On A4 the text is too small: the warning, in the interface language, before exporting.
    export_dialog(&mut h).paper = Paper::A4;
    h.run_steps(1);
    let warning = checked(&mut h).expect("A4 is too small for the example");
    let text = format!("⚠ {}", parcours::app::dialogs::export::warning_text(ui_lang, &warning));
    assert!(h.query_by_label(&text).is_some(), "the warning is shown: {text}");
    assert!(!text.contains("--"), "no command-line flag: {text}");
    let parcours::layout::readability::Remedy::Paper { paper, tiled, .. } = warning.remedy.clone() else {
        panic!("a standard paper reads: {warning:?}")
    };
    let remedy: Paper = paper.parse().unwrap();
    // The status bar stays quiet: the warning lives in the dialog.
    assert!(!h.state().status().contains(&warning.paper), "{}", h.state().status());
    // « Imprimer en A2 » sets the paper, and the warning goes.
    h.get_by_label(&fill(T::ReadPrintOn.tr(ui_lang), &[("paper", &paper)])).click();
    h.run_steps(2);
    assert_eq!((export_dialog(&mut h).paper, export_dialog(&mut h).tile), (remedy, None));
    assert!(checked(&mut h).is_none(), "the suggested paper reads");
    // Back to A4, then « Découper en N pages A3 »: that paper tiled.
    export_dialog(&mut h).paper = Paper::A4;
    h.run_steps(1);
    checked(&mut h).unwrap();
    let option = tiled.first().expect("the remedy can be tiled onto office paper");
    let label = fill(
        T::ReadTileInto.tr(ui_lang),
        &[("pages", &option.pages.to_string()), ("tile", &option.tile), ("paper", &paper)],
    );
    h.get_by_label(&label).click();
    h.run_steps(2);
    let tile: Paper = option.tile.parse().unwrap();
    assert_eq!((export_dialog(&mut h).paper, export_dialog(&mut h).tile), (remedy, Some(tile)));
    assert!(checked(&mut h).is_none(), "tiled, it prints at the remedy paper's size");
    // The reading distance moves the threshold: from 3 m even A0 is too small.
    export_dialog(&mut h).distance_m = 3.0;
    h.run_steps(1);
    let far = checked(&mut h).expect("3 m needs 38 pt");
    assert!((far.needed_pt - 37.5).abs() < 0.01, "{far:?}");
    assert!(matches!(far.remedy, parcours::layout::readability::Remedy::NoPaper { .. }));
    assert!(
        h.query_by_label(&format!("⚠ {}", parcours::app::dialogs::export::warning_text(ui_lang, &far)))
            .is_some()
    );
}

fn the_export_dialog_picks_the_format_distance_and_background_and_reports_with_open_buttons(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open_in(dir.path(), &example(), ui_lang);
    open_export(&mut h);
    assert_eq!(export_dialog(&mut h).format(), Some(parcours::export::Format::Pdf));
    assert!(h.query_by_label(T::ReadingDistance.tr(ui_lang)).is_some(), "the distance field is there");
    // The format list changes the extension.
    h.get_by_label(T::Format.tr(ui_lang)).click();
    h.run_steps(2);
    h.get_by_label("SVG").click();
    h.run_steps(2);
    let destination = export_dialog(&mut h).destination.clone();
    assert_eq!(destination, file.with_extension("svg").display().to_string());
    h.get_by_label(T::Format.tr(ui_lang)).click();
    h.run_steps(2);
    h.get_by_label("PNG").click();
    h.run_steps(2);
    assert_eq!(export_dialog(&mut h).destination, file.with_extension("png").display().to_string());
    // No background: paper white.
    h.get_by_label(T::BackgroundNone.tr(ui_lang)).click();
    h.run_steps(1);
    assert_eq!(export_dialog(&mut h).background, parcours::export::Background::None);
    export_dialog(&mut h).paper = Paper::A4;
    export_dialog(&mut h).dpi = 72;
    h.run_steps(1);
    let warning = checked(&mut h).expect("A4 is small");
    h.get_all_by_label(T::ExportButton.tr(ui_lang)).last().unwrap().click();
    let out = file.with_extension("png");
    wait_for(&mut h, "the export", |d| !d.exporting() && d.dialog().is_some_and(|x| x.name() != "export"));
    assert_eq!(h.state().dialog().map(Dialog::name), Some("exported"), "{}", h.state().status());
    let png = image::open(&out).unwrap().to_rgba8();
    assert_eq!(png.get_pixel(1, 1).0, [255, 255, 255, 255], "no background: white paper");
    // The report: the readability warning in the interface language, nothing in English flags;
    // the status bar names the file only.
    let text = format!("⚠ {}", parcours::app::dialogs::export::warning_text(ui_lang, &warning));
    assert!(h.query_by_label(&text).is_some(), "{text}");
    assert!(!h.state().status().contains("--") && !h.state().status().contains(&text[4..]));
    assert!(h.state().status().contains("carte.png"), "{}", h.state().status());
    h.get_by_label(T::ShowFolder.tr(ui_lang)).click();
    h.run_steps(2);
    assert_eq!(h.state().opened(), [dir.path().to_path_buf()]);
    assert!(h.state().dialog().is_none());
    // Export again and open the file itself.
    open_export(&mut h);
    export_dialog(&mut h).destination = out.display().to_string();
    h.run_steps(1);
    h.get_all_by_label(T::ExportButton.tr(ui_lang)).last().unwrap().click();
    wait_for(&mut h, "the export", |d| !d.exporting() && d.dialog().is_some_and(|x| x.name() != "export"));
    h.get_by_label(T::OpenFile.tr(ui_lang)).click();
    h.run_steps(2);
    assert_eq!(h.state().opened(), [dir.path().to_path_buf(), out]);
}

fn an_export_runs_the_checks_errors_stop_it_and_warnings_are_reported(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut map = example();
    let card = map.cards[0].clone();
    map.conflicts.push(parcours::model::Conflict {
        element: card.id.clone(),
        field: "title".to_owned(),
        ours: format!("{:?}", card.title),
        theirs: "\"Autre\"".to_owned(),
    });
    let mut h = harness(map, None, &dir.path().join("data"), ui_lang);
    open_export(&mut h);
    let out = dir.path().join("affiche.pdf");
    export_dialog(&mut h).destination = out.display().to_string();
    h.run_steps(1);
    h.get_all_by_label(T::ExportButton.tr(ui_lang)).last().unwrap().click();
    wait_for(&mut h, "the export", |d| !d.exporting() && d.dialog().is_some_and(|x| x.name() != "export"));
    let Some(Dialog::Error(message)) = h.state().dialog() else {
        panic!("the check's error stops the export: {:?}", h.state().dialog().map(Dialog::name))
    };
    let lead =
        fill(T::ExportBlocked.tr(ui_lang), &[("errors", &parcours::app::i18n::N::MapErrors.n(ui_lang, 1))]);
    assert!(message.starts_with(&lead), "{message}");
    assert!(message.contains("unresolved merge conflict"), "the check's message is shown: {message}");
    assert!(!out.exists(), "nothing was exported");
    h.get_by_label(T::Ok.tr(ui_lang)).click();
    h.run_steps(2);
    // A warning (no title) does not stop it, and the report says it.
    h.state_mut()
        .editor_mut()
        .apply(parcours::edit::Command::SetMap { field: parcours::edit::MapField::Title(String::new()) })
        .unwrap();
    let mut map = h.state().editor().map().clone();
    map.conflicts.clear();
    h.state_mut().editor_mut().replace_map(map).unwrap();
    open_export(&mut h);
    export_dialog(&mut h).destination = out.display().to_string();
    h.run_steps(1);
    h.get_all_by_label(T::ExportButton.tr(ui_lang)).last().unwrap().click();
    wait_for(&mut h, "the export", |d| !d.exporting() && d.dialog().is_some_and(|x| x.name() != "export"));
    assert_eq!(h.state().dialog().map(Dialog::name), Some("exported"));
    assert!(out.exists());
    let warned = fill(T::ExportWarning.tr(ui_lang), &[("text", "the map has no title")]);
    assert!(h.query_by_label(&warned).is_some(), "{warned}");
}

fn the_card_inspector_moves_the_card_in_one_undo_step(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let map = example();
    let card = map.cards[0].clone();
    let stage = map.stages.iter().find(|s| s.id != card.stage).unwrap().clone();
    let lane = map.lanes.iter().find(|l| l.id != card.lane).unwrap().clone();
    let mut h = harness(map.clone(), None, &dir.path().join("data"), ui_lang);
    h.state_mut().set_selection(vec![Target::Card(card.id.clone())]);
    h.run_steps(2);
    let stage_now = map.stage(&card.stage).unwrap().name.clone();
    // The stage list: open it, choose another stage.
    h.get_by_label(T::Stage.tr(ui_lang)).click();
    h.run_steps(2);
    assert!(h.query_all_by_label(&stage_now).count() >= 1);
    h.get_all_by_label(&stage.name).last().unwrap().click();
    h.run_steps(2);
    let moved = h.state().editor().map().card(&card.id).unwrap().clone();
    assert_eq!((&moved.lane, &moved.stage), (&card.lane, &stage.id), "moved to the stage, same lane");
    let cell = h.state().editor().map().cell_cards(&card.lane, &stage.id);
    assert_eq!(cell.last().map(|c| &c.id), Some(&card.id), "at the end of the cell");
    // The lane list.
    let lane_name = parcours::app::panels::lanes::lane_name(&map, &lane.id, ui_lang);
    h.get_by_label(T::Lane.tr(ui_lang)).click();
    h.run_steps(2);
    h.get_all_by_label(&lane_name).last().unwrap().click();
    h.run_steps(2);
    let moved = h.state().editor().map().card(&card.id).unwrap().clone();
    assert_eq!((&moved.lane, &moved.stage), (&lane.id, &stage.id));
    // Each move is one step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let back = h.state().editor().map().card(&card.id).unwrap().clone();
    assert_eq!((&back.lane, &back.stage), (&card.lane, &stage.id));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().editor().map(), &map, "two undos: where it was");
}

fn the_persona_inspector_shows_the_photo_and_a_preview_of_the_sheet(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    // A 3:4 photo next to the map.
    let photo =
        image::RgbaImage::from_fn(30, 40, |x, _| image::Rgba([200, u8::try_from(x * 8).unwrap(), 40, 255]));
    photo.save(dir.path().join("lea.png")).unwrap();
    let mut map = example();
    map.personas[0].photo = Some("lea.png".to_owned());
    let persona = map.personas[0].clone();
    let lane = map.lanes.iter().find(|l| l.kind.persona() == Some(&persona.id)).unwrap().id.clone();
    let (mut h, _) = open_in(dir.path(), &map, ui_lang);
    // Text fields fill the inspector's width: it is measured by them.
    let field_width = |h: &Harness<'_, Designer>, label: &str| {
        let role = |n: &egui_kittest::Node<'_>| n.accesskit_node().role() == egui::accesskit::Role::TextInput;
        h.query_all_by_label(label).find(role).unwrap().rect().width()
    };
    let before = field_width(&h, T::Title.tr(ui_lang));
    h.state_mut().set_selection(vec![Target::Lane(lane.clone())]);
    h.run_steps(3);
    let with_photo = field_width(&h, T::Name.tr(ui_lang));
    assert!((with_photo - before).abs() < 1.0, "the photo widens the inspector: {before} → {with_photo}");
    // The photo itself, named for screen readers; not the word « photo ».
    let alt = fill(T::PhotoOf.tr(ui_lang), &[("name", &persona.name)]);
    let node = h.get_by_label(&alt);
    assert_eq!(node.accesskit_node().role(), egui::accesskit::Role::Image);
    assert!(h.query_by_label(T::Photo.tr(ui_lang)).is_none());
    // The sheet's preview: the persona's page as the PDF prints it.
    let shown = persona_sheet::shown(&h.ctx, "preview").expect("the preview is drawn");
    let texts: Vec<String> = shown.text_lines().map(|l| l.text.clone()).collect();
    let options = h.state().layout_options();
    let page = parcours::layout::personas::pages(
        h.state().editor().map(),
        &parcours::layout::LayoutOptions {
            theme: options.theme,
            images: options.images,
            ..Default::default()
        },
    )
    .remove(0);
    assert_eq!(texts, page.text_lines().map(|l| l.text.clone()).collect::<Vec<_>>());
    assert!(texts.iter().any(|t| t.contains(&persona.name)));
    // Larger, in its own window.
    h.get_by_label(T::PersonaSheetLarger.tr(ui_lang)).click();
    h.run_steps(3);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("persona-sheet"));
    assert!(persona_sheet::shown(&h.ctx, "window").is_some());
    h.get_by_label(T::Close.tr(ui_lang)).click();
    h.run_steps(2);
    assert!(h.state().dialog().is_none());
    // The photo chooser starts in the map's folder, not at `map.ron`.
    h.get_by_label(T::ChoosePhoto.tr(ui_lang)).click();
    h.run_steps(2);
    match h.state().dialog() {
        Some(Dialog::PathPrompt(prompt)) => {
            let folder = format!("{}{}", dir.path().display(), std::path::MAIN_SEPARATOR);
            assert_eq!(prompt.text, folder);
        }
        other => panic!("expected the path prompt, got {:?}", other.map(Dialog::name)),
    }
}

fn the_palette_lists_more_than_three_rows(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    // The small screen of the workshop room (issue 14).
    let mut h = sized(example(), None, &dir.path().join("data"), ui_lang, egui::vec2(1024.0, 700.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run_steps(3);
    // Export is the sixth row: a click on it lands on it only if the list shows it (the list
    // showed three rows, the rest scrolled away under the modal's edge).
    let row =
        |action: Action| format!("{}    {}", action.label(ui_lang), action.shortcut_text(&h.ctx, ui_lang));
    let rows: Vec<egui::Rect> =
        [Action::New, Action::Export].into_iter().map(|a| h.get_by_label(&row(a)).rect()).collect();
    assert!(rows[1].top() > rows[0].top() + 4.0 * rows[0].height(), "{rows:?}");
    let at = rows[1].center();
    h.hover_at(at);
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_steps(3);
    assert_eq!(h.state().dialog().map(Dialog::name), Some("export"), "the sixth row is shown and clicked");
}

fn the_keyboard_reference_keeps_its_size_and_close_is_where_it_was(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(example(), None, &dir.path().join("data"), ui_lang);
    h.state_mut().show_dialog(Dialog::Shortcuts(parcours::app::dialogs::KeyboardReference));
    // The first frames: egui sizes a modal in an invisible pass, then shows it.
    h.step();
    h.step();
    let first = h.get_by_label(T::Close.tr(ui_lang)).rect();
    h.run_steps(10);
    let later = h.get_by_label(T::Close.tr(ui_lang)).rect();
    assert_eq!(first, later, "the window keeps its size: Close stays where it was");
    // A click aimed at Close when it first showed lands on Close.
    let at = first.center();
    h.hover_at(at);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_steps(2);
    assert!(h.state().dialog().is_none(), "Close was clicked");
}

fn the_external_change_banner_stands_out(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, file) = open_in(dir.path(), &example(), ui_lang);
    h.get_by_label(T::ActAddStage.tr(ui_lang)).click();
    h.run_steps(2);
    let mut theirs = parcours::file::load(&file).unwrap();
    "Changé ailleurs".clone_into(&mut theirs.title);
    parcours::file::save(&file, &theirs).unwrap();
    wait_for(&mut h, "the banner", |d| d.external_change().is_some());
    assert!(h.query_by_label(parcours::app::banners::BANNER_ICON).is_some(), "an icon leads the banner");
    // Tinted with the warning colour, and edged with it: not the panels' plain fill.
    let visuals = h.ctx.global_style().visuals.clone();
    let frame = parcours::app::banners::banner_frame(&visuals);
    assert_ne!(frame.fill, visuals.panel_fill);
    assert_eq!(frame.stroke.color, visuals.warn_fg_color);
    assert!(frame.stroke.width >= 2.0);
}
