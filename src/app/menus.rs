//! The menu bar and the toolbar, built from tables of [`Action`]s: each entry takes its label,
//! shortcut and enabled state from the action, and a click becomes an [`Intent`] that the
//! designer applies. A new menu entry or button is a line in [`MENUS`] or [`TOOLBAR`].

use super::i18n::{T, theme_text};
use super::intents::Intent;
use super::workshop::View;
use super::{Action, Designer};
use crate::app::dialogs::Pending;

/// An entry of a menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// An action, with its shortcut; greyed out when it cannot run.
    Run(Action),
    /// A line between groups.
    Separator,
    /// File › Open recent (the recent files as a submenu).
    Recent,
    /// An action that turns something on or off, shown as a checkbox.
    Toggle(Action),
    /// The themes, as radio buttons.
    Themes,
    /// The canvas layout, screen or paper, as radio buttons.
    Layouts,
}

/// The menu bar: each menu's title and entries.
pub const MENUS: &[(T, &[Entry])] = &[
    (
        T::MenuFile,
        &[
            Entry::Run(Action::New),
            Entry::Run(Action::Open),
            Entry::Recent,
            Entry::Run(Action::Import),
            Entry::Separator,
            Entry::Run(Action::Save),
            Entry::Run(Action::SaveAs),
            Entry::Run(Action::Export),
            Entry::Run(Action::Recover),
            Entry::Separator,
            Entry::Run(Action::Preferences),
            Entry::Separator,
            Entry::Run(Action::Quit),
        ],
    ),
    (
        T::MenuEdit,
        &[
            Entry::Run(Action::Undo),
            Entry::Run(Action::Redo),
            Entry::Separator,
            Entry::Run(Action::Cut),
            Entry::Run(Action::Copy),
            Entry::Run(Action::Paste),
            Entry::Run(Action::Duplicate),
            Entry::Run(Action::Delete),
            Entry::Run(Action::SelectAll),
            Entry::Separator,
            Entry::Run(Action::AddStage),
            Entry::Run(Action::AddPersonaLane),
            Entry::Run(Action::AddSharedLane),
            Entry::Run(Action::AddCard),
            Entry::Separator,
            Entry::Run(Action::Conflicts),
        ],
    ),
    (
        T::MenuView,
        &[
            Entry::Run(Action::ZoomIn),
            Entry::Run(Action::ZoomOut),
            Entry::Run(Action::Fit),
            Entry::Run(Action::FitAll),
            Entry::Run(Action::FitStage),
            Entry::Run(Action::ActualSize),
            Entry::Separator,
            Entry::Toggle(Action::ToggleLanesPanel),
            Entry::Toggle(Action::ToggleInspector),
            Entry::Toggle(Action::Focus),
            Entry::Separator,
            Entry::Toggle(Action::ToggleHiddenLanes),
            Entry::Separator,
            Entry::Layouts,
            Entry::Separator,
            Entry::Themes,
            Entry::Separator,
            Entry::Run(Action::Palette),
        ],
    ),
    (
        T::MenuWorkshop,
        &[
            Entry::Run(Action::Present),
            Entry::Run(Action::Find),
            Entry::Toggle(Action::Funnel),
            Entry::Separator,
            Entry::Run(Action::OpenRoom),
            Entry::Run(Action::StartVote),
            Entry::Run(Action::StopVote),
            Entry::Run(Action::CloseRoom),
            Entry::Separator,
            Entry::Run(Action::JoinRoom),
            Entry::Run(Action::LeaveRoom),
            Entry::Separator,
            Entry::Run(Action::Preferences),
        ],
    ),
    (T::MenuHelp, &[Entry::Run(Action::Shortcuts), Entry::Run(Action::About)]),
];

/// The toolbar's buttons: the action and the short text shown (the accessible name and the
/// tooltip are the action's label).
pub const TOOLBAR: &[(Action, T)] = &[
    (Action::New, T::TbNew),
    (Action::Open, T::TbOpen),
    (Action::Save, T::ActSave),
    (Action::Undo, T::ActUndo),
    (Action::Redo, T::ActRedo),
    (Action::AddStage, T::TbStage),
    (Action::AddPersonaLane, T::TbPersona),
    (Action::AddCard, T::TbCard),
    (Action::Delete, T::ActDelete),
    (Action::ZoomOut, T::ActZoomOut),
    (Action::Fit, T::ActFit),
    (Action::ZoomIn, T::ActZoomIn),
    (Action::Export, T::TbExport),
    (Action::Find, T::TbFind),
    (Action::Present, T::ActPresent),
];

/// Whether a toggle entry is on now.
fn is_on(designer: &Designer, action: Action) -> bool {
    match action {
        Action::ToggleHiddenLanes => designer.show_hidden,
        Action::Funnel => designer.view() == View::Funnel,
        Action::ToggleLanesPanel => designer.panels().lanes.open,
        Action::ToggleInspector => designer.panels().inspector.open,
        Action::Focus => designer.panels().in_focus(),
        _ => false,
    }
}

/// The menu bar; what was chosen, if anything.
#[must_use]
pub fn menu_bar_ui(ui: &mut egui::Ui, designer: &Designer) -> Option<Intent> {
    let mut intent = None;
    egui::MenuBar::new().ui(ui, |ui| {
        for (title, entries) in MENUS {
            ui.menu_button(title.tr(designer.lang()), |ui| {
                for entry in *entries {
                    if let Some(chosen) = entry_ui(ui, designer, *entry) {
                        intent = Some(chosen);
                        ui.close();
                    }
                }
            });
        }
    });
    intent
}

fn entry_ui(ui: &mut egui::Ui, designer: &Designer, entry: Entry) -> Option<Intent> {
    let lang = designer.lang();
    match entry {
        Entry::Run(action) => {
            let button =
                egui::Button::new(action.label(lang)).shortcut_text(action.shortcut_text(ui.ctx(), lang));
            ui.add_enabled(designer.enabled(action), button).clicked().then_some(Intent::Run(action))
        }
        Entry::Separator => {
            ui.separator();
            None
        }
        Entry::Recent => {
            let mut chosen = None;
            ui.menu_button(T::OpenRecent.tr(lang), |ui| {
                let recent = designer.store.recent();
                if recent.is_empty() {
                    ui.label(T::NoRecent.tr(lang));
                }
                for path in recent {
                    if ui.button(path.display().to_string()).clicked() {
                        chosen = Some(Intent::Guarded(Pending::Open(path)));
                    }
                }
            });
            chosen
        }
        Entry::Toggle(action) => {
            let mut on = is_on(designer, action);
            ui.checkbox(&mut on, action.label(lang)).clicked().then_some(Intent::Run(action))
        }
        Entry::Layouts => {
            let paper = designer.paper_layout();
            let screen_clicked = ui.radio(!paper, T::LayoutScreen.tr(lang)).clicked();
            let paper_clicked = ui.radio(paper, T::LayoutPaper.tr(lang)).clicked();
            (screen_clicked && paper || paper_clicked && !paper).then_some(Intent::Run(Action::PaperLayout))
        }
        Entry::Themes => {
            let mut chosen = None;
            for theme in Designer::THEMES {
                if ui.radio(designer.theme() == theme, theme_text(theme).tr(lang)).clicked() {
                    chosen = Some(Intent::SetTheme(theme));
                }
            }
            chosen
        }
    }
}

/// The toolbar on one row: [`TOOLBAR`]'s buttons that fit, the rest in a « … » menu at the end
/// of the row, then the two tabs of the canvas (map, funnel sheet).
#[must_use]
pub fn toolbar_ui(ui: &mut egui::Ui, designer: &Designer) -> Option<Intent> {
    let ctx = ui.ctx().clone();
    let lang = designer.lang();
    let mut intent = None;
    ui.horizontal(|ui| {
        let tabs = [T::ViewMap, T::ViewFunnel].map(|t| t.tr(lang));
        let widths: Vec<f32> = TOOLBAR.iter().map(|(_, text)| button_width(ui, text.tr(lang))).collect();
        // Room for the separator and the tabs on the right.
        let reserved = tabs.iter().map(|t| button_width(ui, t)).sum::<f32>() + separator_width(ui);
        let shown = fitting(&widths, ui.available_width() - reserved, button_width(ui, MORE));
        for &(action, text) in &TOOLBAR[..shown] {
            let label = action.label(lang);
            let tip = match action.shortcut_text(&ctx, lang) {
                s if s.is_empty() => label.to_owned(),
                s => format!("{label} ({s})"),
            };
            let response = ui
                .add_enabled(designer.enabled(action), egui::Button::new(text.tr(lang)))
                .on_hover_text(tip)
                .on_disabled_hover_text(label);
            // The accessible name is the action's label, whatever the button shows.
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
            if response.clicked() {
                intent = Some(Intent::Run(action));
            }
        }
        if shown < TOOLBAR.len() {
            let more = ui.menu_button(MORE, |ui| {
                for &(action, _) in &TOOLBAR[shown..] {
                    let button = egui::Button::new(action.label(lang));
                    if ui.add_enabled(designer.enabled(action), button).clicked() {
                        intent = Some(Intent::Run(action));
                        ui.close();
                    }
                }
            });
            let name = T::MoreTools.tr(lang);
            more.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
            more.response.on_hover_text(name);
        }
        ui.separator();
        // The canvas shows the map or its funnel sheet: two tabs, one of them selected.
        let funnel_on = designer.view() == View::Funnel;
        for (on, text) in [(!funnel_on, tabs[0]), (funnel_on, tabs[1])] {
            if ui.selectable_label(on, text).clicked() && !on {
                intent = Some(Intent::Run(Action::Funnel));
            }
        }
    });
    intent
}

/// The overflow menu's button.
const MORE: &str = "…";

/// How many of the buttons `widths` wide (spacing included) fit in `room` points, keeping
/// `more` points for the overflow menu when some do not.
pub fn fitting(widths: &[f32], room: f32, more: f32) -> usize {
    if widths.iter().sum::<f32>() <= room {
        return widths.len();
    }
    let mut used = more;
    widths
        .iter()
        .take_while(|w| {
            used += *w;
            used <= room
        })
        .count()
}

/// The width a button with `text` takes on the row, spacing included.
pub(crate) fn button_width(ui: &egui::Ui, text: &str) -> f32 {
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Button,
    );
    galley.size().x + 2.0 * ui.spacing().button_padding.x + ui.spacing().item_spacing.x
}

/// The width a vertical separator takes on the row.
fn separator_width(ui: &egui::Ui) -> f32 {
    ui.spacing().item_spacing.x * 2.0 + 6.0
}

#[cfg(test)]
mod tests {
    use super::fitting;

    #[test]
    fn buttons_that_do_not_fit_leave_room_for_the_overflow_menu() {
        assert_eq!(fitting(&[50.0, 50.0, 50.0], 150.0, 30.0), 3, "all fit: no menu");
        assert_eq!(fitting(&[50.0, 50.0, 50.0], 149.0, 30.0), 2, "two and the menu");
        assert_eq!(fitting(&[50.0, 50.0, 50.0], 129.0, 30.0), 1);
        assert_eq!(fitting(&[50.0, 50.0, 50.0], 10.0, 30.0), 0);
    }
}
