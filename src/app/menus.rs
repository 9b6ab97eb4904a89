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

/// The toolbar: [`TOOLBAR`]'s buttons, then the two tabs of the canvas (map, funnel sheet).
#[must_use]
pub fn toolbar_ui(ui: &mut egui::Ui, designer: &Designer) -> Option<Intent> {
    let ctx = ui.ctx().clone();
    let lang = designer.lang();
    let mut intent = None;
    // Wrapped: French labels are longer, and a narrow window must not hide buttons.
    ui.horizontal_wrapped(|ui| {
        for &(action, text) in TOOLBAR {
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
        ui.separator();
        // The canvas shows the map or its funnel sheet: two tabs, one of them selected.
        let funnel_on = designer.view() == View::Funnel;
        for (on, text) in [(!funnel_on, T::ViewMap), (funnel_on, T::ViewFunnel)] {
            if ui.selectable_label(on, text.tr(lang)).clicked() && !on {
                intent = Some(Intent::Run(Action::Funnel));
            }
        }
    });
    intent
}
