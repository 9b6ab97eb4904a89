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

/// The keyboard reference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyboardReference;

impl KeyboardReference {
    /// The two tables and a Close button.
    pub fn ui(self, ui: &mut egui::Ui, lang: Lang) -> Option<Closed> {
        let ctx = ui.ctx().clone();
        ui.heading(T::ActShortcuts.tr(lang));
        egui::ScrollArea::vertical().max_height(520.0).show(ui, |ui| {
            ui.label(egui::RichText::new(T::Keyboard.tr(lang)).strong());
            egui::Grid::new("keys").striped(true).show(ui, |ui| {
                for (shortcut, action) in Action::by_menu_order() {
                    ui.label(crate::app::action::shortcut_name(&ctx, &shortcut, lang));
                    ui.label(action.label(lang));
                    ui.end_row();
                }
            });
            ui.label(egui::RichText::new(T::Mouse.tr(lang)).strong());
            egui::Grid::new("gestures").striped(true).show(ui, |ui| {
                for (keys, what) in GESTURES {
                    ui.label(keys.tr(lang));
                    ui.label(what.tr(lang));
                    ui.end_row();
                }
            });
        });
        ui.button(T::Close.tr(lang)).clicked().then_some(Closed)
    }
}
