//! Help › Keyboard shortcuts: every action's shortcuts (from [`Action::by_menu_order`]) and the
//! mouse gestures that are not actions.

use super::super::Action;
use super::super::i18n::{Lang, T};
use super::Closed;

/// The mouse and keyboard gestures that are not actions (the actions' shortcuts are listed from
/// [`Action::shortcut_table`]), shown by Help → Keyboard shortcuts.
pub const GESTURES: &[(T, T)] = &[
    (T::GPanKeys, T::GPan),
    (T::GZoomKeys, T::GZoom),
    (T::GSelectKeys, T::GSelect),
    (T::GDoubleCellKeys, T::GDoubleCell),
    (T::GEditKeys, T::GEdit),
    (T::GEnterKeys, T::GEnter),
    (T::GEnterTypingKeys, T::GEnterTyping),
    (T::GTabKeys, T::GTab),
    (T::GEscKeys, T::GEsc),
    (T::GDragCardKeys, T::GDragCard),
    (T::GDragHeaderKeys, T::GDragHeader),
    (T::GDragEmotionKeys, T::GDragEmotion),
    (T::GDigitKeys, T::GDigit),
    (T::GDropKeys, T::GDrop),
];

/// The reference's width in points: enough for the longest shortcut and description.
const REFERENCE_WIDTH: f32 = 520.0;

/// Each column's width: its texts wrap in it, so no grid widens the window.
const COLUMN: f32 = 240.0;

/// The keyboard reference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyboardReference;

impl KeyboardReference {
    /// The two tables and a Close button.
    pub fn ui(self, ui: &mut egui::Ui, lang: Lang) -> Option<Closed> {
        let ctx = ui.ctx().clone();
        ui.heading(T::ActShortcuts.tr(lang));
        // A fixed size from the first frame: a window that grew as its grids learnt their widths
        // moved its Close button from under the pointer (the modal stays centred).
        let height = (ui.ctx().content_rect().height() - 200.0).clamp(160.0, 520.0);
        ui.set_width(REFERENCE_WIDTH);
        egui::ScrollArea::vertical()
            .min_scrolled_height(height)
            .max_height(height)
            .auto_shrink([false, false])
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
            .show(ui, |ui| {
                ui.label(egui::RichText::new(T::Keyboard.tr(lang)).strong());
                egui::Grid::new("keys").striped(true).min_col_width(COLUMN).max_col_width(COLUMN).show(
                    ui,
                    |ui| {
                        for (shortcut, action) in Action::by_menu_order() {
                            ui.label(crate::app::action::shortcut_name(&ctx, &shortcut, lang));
                            ui.label(action.label(lang));
                            ui.end_row();
                        }
                    },
                );
                ui.label(egui::RichText::new(T::Mouse.tr(lang)).strong());
                egui::Grid::new("gestures").striped(true).min_col_width(COLUMN).max_col_width(COLUMN).show(
                    ui,
                    |ui| {
                        for (keys, what) in GESTURES {
                            ui.label(keys.tr(lang));
                            ui.label(what.tr(lang));
                            ui.end_row();
                        }
                    },
                );
            });
        ui.button(T::Close.tr(lang)).clicked().then_some(Closed)
    }
}
