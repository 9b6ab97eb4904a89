//! The canvas shows the paper layout (issue 13 §1, "what you see is what prints"): View ›
//! Layout switches between the free screen layout and the layout the export prints, for the
//! export's paper and orientation (A1 landscape until a poster is exported).
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, reason = "test helpers: a failure is a failed test")]

use egui::{Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use parcours::app::files::Store;
use parcours::app::i18n::{Lang, T};
use parcours::app::{Designer, StartOptions};
use parcours::display::{DisplayList, Target};
use parcours::model::Map;

fn harness(map: Map, data: &std::path::Path, ui_lang: Lang) -> Harness<'static, Designer> {
    let opts = StartOptions {
        native_dialogs: false,
        store: Store::at(data),
        offer_recovery: false,
        seed: 7,
        lang: Some(ui_lang),
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| Designer::new(&cc.egui_ctx, map, None, opts));
    harness.run_steps(3);
    harness
}

fn click_at(harness: &mut Harness<'_, Designer>, pos: Pos2) {
    harness.hover_at(pos);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run_steps(2);
}

/// Opens View and picks one of its Layout entries.
fn view_layout(h: &mut Harness<'_, Designer>, ui_lang: Lang, entry: T) {
    let menu = h.get_by_label(T::MenuView.tr(ui_lang)).rect().center();
    click_at(h, menu);
    let radio = h.get_by_label(entry.tr(ui_lang)).rect().center();
    click_at(h, radio);
    h.run_steps(3);
}

/// The poster's proportions (width over height).
fn ratio(list: &DisplayList) -> f32 {
    list.width / list.height
}

fn the_canvas_shows_the_paper_layout(ui_lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let map = parcours::file::load(std::path::Path::new("maps/ecommerce-fr.ron")).unwrap();
    let card = Target::Card(map.cards[0].id.clone());
    let mut h = harness(map, &dir.path().join("data"), ui_lang);
    assert!(!h.state().paper_layout());
    let screen = h.state().canvas().list().clone();
    let screen_card = screen.rect_of(&card).unwrap();

    view_layout(&mut h, ui_lang, T::LayoutPaper);
    assert!(h.state().paper_layout(), "View › {} is on", T::LayoutPaper.tr(ui_lang));
    let paper = h.state().canvas().list().clone();
    // A1 landscape less 10 mm margins: 821 × 574 mm. The fitted poster fills it, so it has the
    // paper's proportions; the screen layout does not.
    let a1 = 821.0 / 574.0;
    assert!((ratio(&paper) - a1).abs() < 0.02 * a1, "paper layout {} vs A1 {a1}", ratio(&paper));
    assert!((ratio(&screen) - a1).abs() > 0.05 * a1, "screen layout {}", ratio(&screen));
    let paper_card = paper.rect_of(&card).unwrap();
    assert!(
        (paper_card.width - screen_card.width).abs() > 1.0 || (paper_card.x - screen_card.x).abs() > 1.0,
        "the cards moved: {screen_card:?} → {paper_card:?}"
    );
    // It is the layout the export prints.
    let options = parcours::layout::LayoutOptions {
        target: parcours::layout::LayoutTarget::Paper(parcours::export::paper_area(
            &parcours::paint::PageSetup {
                paper: parcours::paint::Paper::A1,
                orientation: parcours::paint::Orientation::Landscape,
                margin_pt: 10.0 * parcours::paint::PT_PER_MM,
            },
        )),
        ..h.state().layout_options()
    };
    let exported = parcours::layout::poster(h.state().editor().map(), &options);
    assert_eq!(exported.rect_of(&card), Some(paper_card));

    view_layout(&mut h, ui_lang, T::LayoutScreen);
    assert!(!h.state().paper_layout());
    assert_eq!(h.state().canvas().list().rect_of(&card), Some(screen_card), "back to the screen layout");
}

mod the_canvas_shows_the_paper_layout {
    #[test]
    fn english() {
        super::the_canvas_shows_the_paper_layout(super::Lang::En);
    }
    #[test]
    fn french() {
        super::the_canvas_shows_the_paper_layout(super::Lang::Fr);
    }
}
