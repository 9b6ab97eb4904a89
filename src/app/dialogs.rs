//! Dialogs, menus and the toolbar: the unsaved-changes prompt, the in-app path prompt (when no
//! native file dialog is available), recovery, templates, the export form, the palette.

use super::export_job::{ORIENTATIONS, THEMES, papers};
use super::files::Recovery;
use super::i18n::{Lang, T, fill};
use super::recover::{RecoverList, RecoveryPrompt};
use super::{Action, Designer};
use crate::layout::ThemeName;
use crate::model::{Id, Map};
use crate::paint::{Orientation, Paper};

use std::path::{Path, PathBuf};

/// What to do once a dialog has closed (it needs the whole designer, which the dialog borrows).
pub(crate) type Then = Box<dyn FnOnce(&mut Designer)>;

/// What a chosen file is for.
#[derive(Clone, Debug, PartialEq)]
pub enum FilePurpose {
    /// Open a map.
    Open,
    /// Save the map under a new name.
    SaveAs,
    /// The export's destination.
    ExportTo,
    /// A persona's photo.
    Photo(Id),
    /// A Mermaid journey or CSV cards to import.
    Import,
}

impl FilePurpose {
    fn title(&self) -> T {
        match self {
            FilePurpose::Open => T::PickOpen,
            FilePurpose::SaveAs => T::PickSaveAs,
            FilePurpose::ExportTo => T::PickExport,
            FilePurpose::Photo(_) => T::PickPhoto,
            FilePurpose::Import => T::PickImport,
        }
    }
}

/// What waits for the unsaved-changes prompt.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Quit.
    Quit,
    /// Open this file.
    Open(PathBuf),
    /// Ask for a file, then open it.
    PickAndOpen,
    /// Show the templates.
    NewFromTemplate,
    /// Start on this map.
    New(Box<Map>),
    /// Restore this recovery copy.
    Restore(Box<Recovery>),
}

/// The export settings being chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportForm {
    /// Paper size.
    pub paper: Paper,
    /// Orientation.
    pub orientation: Orientation,
    /// Margin in millimetres.
    pub margin_mm: f32,
    /// Resolution of PNG exports.
    pub dpi: u32,
    /// Cut into pages of this size.
    pub tile: Option<Paper>,
    /// Crop marks.
    pub crop_marks: bool,
    /// Colours.
    pub theme: ThemeName,
    /// Where to write; the format comes from the extension.
    pub destination: String,
    /// The poster of the map, or its funnel and insights sheet.
    pub sheet: crate::export::Sheet,
}

impl ExportForm {
    /// Defaults next to the map file.
    pub fn new(designer: &Designer) -> Self {
        let destination = designer.path.as_ref().map_or_else(
            || designer.map_folder().join("poster.pdf").display().to_string(),
            |p| p.with_extension("pdf").display().to_string(),
        );
        let sheet = match designer.view {
            super::workshop::View::Map => crate::export::Sheet::Poster,
            super::workshop::View::Funnel => crate::export::Sheet::Funnel,
        };
        Self {
            paper: sheet.default_paper(),
            orientation: Orientation::Auto,
            margin_mm: 10.0,
            dpi: 150,
            tile: None,
            crop_marks: false,
            theme: designer.theme,
            destination,
            sheet,
        }
    }
}

/// A dialog over the window.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// Save / Discard / Cancel before doing `Pending`.
    Unsaved(Pending),
    /// Type a path (no native dialog here, or tests).
    PathPrompt {
        /// What the path is for.
        purpose: FilePurpose,
        /// The path typed so far.
        text: String,
        /// Focus the field at the next frame.
        focus: bool,
        /// The dialog to go back to afterwards (the export form waiting for its destination).
        back: Option<Box<Dialog>>,
    },
    /// Offer to restore autosaved work (at start-up).
    Recovery(RecoveryPrompt),
    /// File › Recover…: every recovery copy and the discarded ones.
    Recover(RecoverList),
    /// A save refused because the file changed on disk: merge, save as, or overwrite.
    SaveRefused(super::disk::SaveRefused),
    /// Pick a template for a new map.
    Templates,
    /// Export settings.
    Export(ExportForm),
    /// The command palette.
    Palette {
        /// The filter typed.
        filter: String,
        /// Focus the field at the next frame.
        focus: bool,
    },
    /// Interface language and theme.
    Preferences,
    /// The merge conflicts left in the map, each with both sides.
    Conflicts,
    /// The keyboard reference.
    Shortcuts,
    /// About.
    About,
    /// An error message (file errors with `file:line:column`).
    Error(String),
    /// A message.
    Info(String),
}

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

impl Designer {
    pub(crate) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let lang = self.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(T::MenuFile.tr(lang), |ui| {
                for action in [Action::New, Action::Open] {
                    self.menu_item(ui, &ctx, action);
                }
                ui.menu_button(T::OpenRecent.tr(lang), |ui| {
                    let recent = self.store.recent();
                    if recent.is_empty() {
                        ui.label(T::NoRecent.tr(lang));
                    }
                    for path in recent {
                        if ui.button(path.display().to_string()).clicked() {
                            self.guard_unsaved(Pending::Open(path));
                            ui.close();
                        }
                    }
                });
                self.menu_item(ui, &ctx, Action::Import);
                ui.separator();
                for action in [Action::Save, Action::SaveAs, Action::Export] {
                    self.menu_item(ui, &ctx, action);
                }
                self.menu_item(ui, &ctx, Action::Recover);
                ui.separator();
                self.menu_item(ui, &ctx, Action::Preferences);
                ui.separator();
                self.menu_item(ui, &ctx, Action::Quit);
            });
            ui.menu_button(T::MenuEdit.tr(lang), |ui| {
                for action in [Action::Undo, Action::Redo] {
                    self.menu_item(ui, &ctx, action);
                }
                ui.separator();
                for action in [
                    Action::Cut,
                    Action::Copy,
                    Action::Paste,
                    Action::Duplicate,
                    Action::Delete,
                    Action::SelectAll,
                ] {
                    self.menu_item(ui, &ctx, action);
                }
                ui.separator();
                for action in
                    [Action::AddStage, Action::AddPersonaLane, Action::AddSharedLane, Action::AddCard]
                {
                    self.menu_item(ui, &ctx, action);
                }
                ui.separator();
                self.menu_item(ui, &ctx, Action::Conflicts);
            });
            ui.menu_button(T::MenuView.tr(lang), |ui| {
                for action in [Action::ZoomIn, Action::ZoomOut, Action::Fit, Action::ActualSize] {
                    self.menu_item(ui, &ctx, action);
                }
                ui.separator();
                let mut hidden = self.show_hidden;
                if ui.checkbox(&mut hidden, Action::ToggleHiddenLanes.label(lang)).clicked() {
                    self.run(&ctx, Action::ToggleHiddenLanes);
                    ui.close();
                }
                ui.separator();
                for theme in Designer::THEMES {
                    if ui.radio(self.theme == theme, theme_text(theme).tr(lang)).clicked() {
                        self.set_theme(&ctx, theme);
                        ui.close();
                    }
                }
                ui.separator();
                self.menu_item(ui, &ctx, Action::Palette);
            });
            ui.menu_button(T::MenuWorkshop.tr(lang), |ui| {
                for action in [Action::Present, Action::Find] {
                    self.menu_item(ui, &ctx, action);
                }
                let mut funnel = self.view == super::workshop::View::Funnel;
                if ui.checkbox(&mut funnel, Action::Funnel.label(lang)).clicked() {
                    self.run(&ctx, Action::Funnel);
                    ui.close();
                }
                ui.separator();
                self.menu_item(ui, &ctx, Action::Preferences);
            });
            ui.menu_button(T::MenuHelp.tr(lang), |ui| {
                self.menu_item(ui, &ctx, Action::Shortcuts);
                self.menu_item(ui, &ctx, Action::About);
            });
        });
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, ctx: &egui::Context, action: Action) {
        let button = egui::Button::new(action.label(self.lang)).shortcut_text(action.shortcut_text(ctx));
        if ui.add_enabled(self.enabled(action), button).clicked() {
            self.run(ctx, action);
            ui.close();
        }
    }

    /// Switches the theme of the window and the canvas, and remembers it.
    pub fn set_theme(&mut self, ctx: &egui::Context, theme: ThemeName) {
        self.theme = theme;
        self.apply_theme(ctx);
        self.save_preferences();
    }

    pub(crate) fn toolbar_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let lang = self.lang;
        // Wrapped: French labels are longer, and a narrow window must not hide buttons.
        ui.horizontal_wrapped(|ui| {
            let buttons = [
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
            let funnel_on = self.view == super::workshop::View::Funnel;
            for (action, text) in buttons {
                let label = action.label(lang);
                let tip = match action.shortcut_text(&ctx) {
                    s if s.is_empty() => label.to_owned(),
                    s => format!("{label} ({s})"),
                };
                let response = ui
                    .add_enabled(self.enabled(action), egui::Button::new(text.tr(lang)))
                    .on_hover_text(tip)
                    .on_disabled_hover_text(label);
                // The accessible name is the action's label, whatever the button shows.
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
                if response.clicked() {
                    self.run(&ctx, action);
                }
            }
            ui.separator();
            // The canvas shows the map or its funnel sheet: two tabs, one of them selected.
            for (on, text) in [(!funnel_on, T::ViewMap), (funnel_on, T::ViewFunnel)] {
                if ui.selectable_label(on, text.tr(lang)).clicked() && !on {
                    self.run(&ctx, Action::Funnel);
                }
            }
        });
    }

    /// The banner over the canvas when the open file changed on disk and this window has work
    /// of its own: Merge first, then Reload or Keep mine.
    pub(crate) fn external_change_ui(&mut self, ui: &mut egui::Ui) {
        let Some(change) = self.external_change.clone() else { return };
        // The file's name: the status bar shows its whole path.
        let name = self
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            let warn = ui.visuals().warn_fg_color;
            match &change {
                super::disk::ExternalChange::Changed => {
                    ui.label(
                        egui::RichText::new(self.tf(T::ChangedOnDiskDirty, &[("file", &name)])).color(warn),
                    );
                    if ui.button(self.t(T::Merge)).on_hover_text(self.t(T::MergeHint)).clicked() {
                        self.merge_from_disk();
                    }
                    if ui
                        .button(self.t(T::ReloadFromDisk))
                        .on_hover_text(self.t(T::ReloadKeepsUndo))
                        .clicked()
                    {
                        self.reload_from_disk();
                    }
                }
                super::disk::ExternalChange::Gone => {
                    ui.label(egui::RichText::new(self.tf(T::GoneFromDisk, &[("file", &name)])).color(warn));
                }
                super::disk::ExternalChange::Unreadable(error) => {
                    ui.label(
                        egui::RichText::new(self.tf(T::UnreadableOnDisk, &[("error", error)])).color(warn),
                    );
                }
            }
            if ui.button(self.t(T::KeepMine)).on_hover_text(self.t(T::KeepMineHint)).clicked() {
                self.keep_local();
            }
        });
    }

    /// The banner over the canvas while the map holds merge conflicts.
    pub(crate) fn conflicts_banner_ui(&mut self, ui: &mut egui::Ui) {
        let count = self.editor.map().conflicts.len();
        ui.horizontal(|ui| {
            ui.label(
                egui::RichText::new(self.tf(T::ConflictsBanner, &[("n", &count.to_string())]))
                    .color(ui.visuals().warn_fg_color),
            );
            if ui.button(self.t(T::ShowConflicts)).clicked() {
                self.dialog = Some(Dialog::Conflicts);
            }
        });
    }

    /// Resolves conflict `index` with one side's value, as one undoable step.
    pub fn resolve_conflict(&mut self, index: usize, side: crate::semantic::Side) {
        let mut map = self.editor.map().clone();
        match crate::semantic::resolve(&mut map, index, side) {
            Ok(_) => {
                let result = self.editor.replace_map(map);
                self.report(result);
                self.prune_selection();
            }
            Err(error) => self.status = self.tf(T::EditFailed, &[("error", &error.to_string())]),
        }
    }

    pub(crate) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.take() else { return };
        let lang = self.lang;
        let mut keep = true;
        let modal = egui::Modal::new(egui::Id::unique("parcours-dialog"));
        let mut next: Option<Then> = None;
        let mut dialog = dialog;
        let response = modal.show(ctx, |ui| {
            ui.set_max_width(if matches!(dialog, Dialog::Templates) { 900.0 } else { 560.0 });
            match &mut dialog {
                Dialog::Unsaved(pending) => {
                    ui.heading(T::UnsavedTitle.tr(lang));
                    let file = self.title();
                    let file = file.trim_end_matches(" — Parcours").trim_start_matches("● ");
                    ui.label(fill(T::UnsavedQuestion.tr(lang), &[("file", file)]));
                    ui.horizontal(|ui| {
                        let save = pending.clone();
                        if ui.button(T::ActSave.tr(lang)).clicked() {
                            keep = false;
                            next = Some(Box::new(move |d: &mut Designer| {
                                if let Some(path) = d.path.clone() {
                                    d.save_then(&path, Some(save));
                                } else {
                                    d.pick_file(FilePurpose::SaveAs);
                                }
                            }));
                        }
                        let discard = pending.clone();
                        if ui.button(T::Discard.tr(lang)).clicked() {
                            keep = false;
                            next = Some(Box::new(move |d: &mut Designer| {
                                d.discard_unsaved();
                                d.proceed(discard);
                            }));
                        }
                        if ui.button(T::Cancel.tr(lang)).clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::PathPrompt { purpose, text, focus, back } => {
                    ui.heading(purpose.title().tr(lang));
                    let label = ui.label(T::Path.tr(lang));
                    let field =
                        ui.add(egui::TextEdit::singleline(text).desired_width(460.0)).labelled_by(label.id);
                    if *focus {
                        field.request_focus();
                        *focus = false;
                    }
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        if ui.button(T::Ok.tr(lang)).clicked() || enter {
                            keep = false;
                            let (purpose, path) = (purpose.clone(), PathBuf::from(text.trim()));
                            let back = back.take();
                            next = Some(Box::new(move |d: &mut Designer| {
                                d.dialog = back.map(|b| *b);
                                d.file_chosen(purpose, path);
                            }));
                        }
                        if ui.button(T::Cancel.tr(lang)).clicked() {
                            keep = false;
                            let back = back.take();
                            next = Some(Box::new(move |d: &mut Designer| d.dialog = back.map(|b| *b)));
                        }
                    });
                }
                Dialog::Recovery(prompt) => {
                    if let Some(choice) = prompt.ui(ui, lang) {
                        keep = false;
                        next = Some(Box::new(move |d: &mut Designer| d.answer_recovery(choice)));
                    }
                }
                Dialog::Recover(list) => {
                    if let Some(choice) = list.ui(ui, lang) {
                        keep = false;
                        next = Some(Box::new(move |d: &mut Designer| d.answer_recovery(choice)));
                    }
                }
                Dialog::SaveRefused(refused) => {
                    if let Some(choice) = refused.ui(ui, lang) {
                        keep = false;
                        let refused = refused.clone();
                        next = Some(Box::new(move |d: &mut Designer| d.answer_save_refused(refused, choice)));
                    }
                }
                Dialog::Templates => {
                    if let Some(choice) = self.gallery_ui(ui) {
                        keep = false;
                        next = Some(choice);
                    }
                    if ui.button(T::Cancel.tr(lang)).clicked() {
                        keep = false;
                    }
                }
                Dialog::Export(form) => {
                    let (start, close, browse) = export_form_ui(ui, form, self.exporting(), lang);
                    if start {
                        keep = false;
                        let form = form.clone();
                        next = Some(Box::new(move |d: &mut Designer| d.start_export(&form)));
                    } else if browse {
                        keep = true;
                        next = Some(Box::new(|d: &mut Designer| d.pick_file(FilePurpose::ExportTo)));
                    } else if close {
                        keep = false;
                    }
                }
                Dialog::Palette { filter, focus } => {
                    let label = ui.label(T::Command.tr(lang));
                    let field =
                        ui.add(egui::TextEdit::singleline(filter).desired_width(400.0)).labelled_by(label.id);
                    if *focus {
                        field.request_focus();
                        *focus = false;
                    }
                    // Accents and case do not matter: `reglages` finds « Réglages ».
                    let needle = crate::filter::fold(filter);
                    let matches: Vec<Action> = Action::ALL
                        .into_iter()
                        .filter(|a| {
                            *a != Action::Palette && crate::filter::fold(a.label(lang)).contains(&needle)
                        })
                        .collect();
                    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                        for action in &matches {
                            let text = format!("{}    {}", action.label(lang), action.shortcut_text(ctx));
                            if ui
                                .add_enabled(self.enabled(*action), egui::Button::new(text).frame(false))
                                .clicked()
                            {
                                keep = false;
                                let action = *action;
                                let ctx = ctx.clone();
                                next = Some(Box::new(move |d: &mut Designer| d.run(&ctx, action)));
                            }
                        }
                    });
                    if enter && let Some(action) = matches.iter().copied().find(|a| self.enabled(*a)) {
                        keep = false;
                        let ctx = ctx.clone();
                        next = Some(Box::new(move |d: &mut Designer| d.run(&ctx, action)));
                    }
                }
                Dialog::Preferences => {
                    ui.heading(T::PreferencesTitle.tr(lang));
                    egui::Grid::new("preferences").num_columns(2).show(ui, |ui| {
                        ui.label(T::InterfaceLanguage.tr(lang));
                        ui.horizontal(|ui| {
                            let system = super::i18n::system_lang();
                            let system_text =
                                fill(T::SystemLanguage.tr(lang), &[("lang", super::i18n::lang_name(system))]);
                            for (choice, text) in [
                                (None, system_text),
                                (Some(Lang::Fr), super::i18n::lang_name(Lang::Fr).to_owned()),
                                (Some(Lang::En), super::i18n::lang_name(Lang::En).to_owned()),
                            ] {
                                if ui.radio(self.lang_choice == choice, text).clicked() {
                                    next = Some(Box::new(move |d: &mut Designer| {
                                        d.lang_choice = choice;
                                        d.lang = choice.unwrap_or(system);
                                        d.save_preferences();
                                    }));
                                }
                            }
                        });
                        ui.end_row();
                        ui.label(T::Theme.tr(lang));
                        ui.horizontal(|ui| {
                            for theme in Designer::THEMES {
                                if ui.radio(self.theme == theme, theme_text(theme).tr(lang)).clicked() {
                                    let ctx = ctx.clone();
                                    next = Some(Box::new(move |d: &mut Designer| d.set_theme(&ctx, theme)));
                                }
                            }
                        });
                        ui.end_row();
                    });
                    ui.label(egui::RichText::new(T::PrefsNote.tr(lang)).small());
                    if ui.button(T::Close.tr(lang)).clicked() {
                        keep = false;
                    }
                }
                Dialog::Conflicts => {
                    ui.heading(T::ConflictsTitle.tr(lang));
                    let conflicts = self.editor.map().conflicts.clone();
                    if conflicts.is_empty() {
                        ui.label(T::AllResolved.tr(lang));
                    }
                    egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                        for (index, conflict) in conflicts.iter().enumerate() {
                            let element = self.element_name(&conflict.element);
                            ui.label(
                                egui::RichText::new(fill(
                                    T::ConflictField.tr(lang),
                                    &[("element", &element), ("field", &conflict.field)],
                                ))
                                .strong(),
                            );
                            egui::Grid::new(("conflict", index)).num_columns(3).show(ui, |ui| {
                                for (side, value, text) in [
                                    (crate::semantic::Side::Ours, &conflict.ours, T::KeepOurs),
                                    (crate::semantic::Side::Theirs, &conflict.theirs, T::TakeTheirs),
                                ] {
                                    let name = match side {
                                        crate::semantic::Side::Ours => T::Ours,
                                        crate::semantic::Side::Theirs => T::Theirs,
                                    };
                                    ui.label(name.tr(lang));
                                    ui.label(egui::RichText::new(value.as_str()).monospace());
                                    let button = ui.button(text.tr(lang));
                                    let label = format!("{} {} · {}", text.tr(lang), element, conflict.field);
                                    button.widget_info(|| {
                                        egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone())
                                    });
                                    if button.clicked() {
                                        next = Some(Box::new(move |d: &mut Designer| {
                                            d.resolve_conflict(index, side);
                                        }));
                                    }
                                    ui.end_row();
                                }
                            });
                            ui.separator();
                        }
                    });
                    if ui.button(T::Close.tr(lang)).clicked() {
                        keep = false;
                    }
                }
                Dialog::Shortcuts => {
                    ui.heading(T::ActShortcuts.tr(lang));
                    egui::ScrollArea::vertical().max_height(520.0).show(ui, |ui| {
                        ui.label(egui::RichText::new(T::Keyboard.tr(lang)).strong());
                        egui::Grid::new("keys").striped(true).show(ui, |ui| {
                            for (shortcut, action) in Action::by_menu_order() {
                                ui.label(ctx.format_shortcut(&shortcut));
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
                    if ui.button(T::Close.tr(lang)).clicked() {
                        keep = false;
                    }
                }
                Dialog::About => {
                    ui.heading("Parcours");
                    ui.label(fill(T::Version.tr(lang), &[("v", env!("CARGO_PKG_VERSION"))]));
                    ui.label(T::AboutText.tr(lang));
                    if ui.button(T::Close.tr(lang)).clicked() {
                        keep = false;
                    }
                }
                Dialog::Error(message) => {
                    ui.heading(T::ErrorTitle.tr(lang));
                    ui.label(message.as_str());
                    if ui.button(T::Ok.tr(lang)).clicked() {
                        keep = false;
                    }
                }
                Dialog::Info(message) => {
                    ui.label(message.as_str());
                    if ui.button(T::Ok.tr(lang)).clicked() {
                        keep = false;
                    }
                }
            }
        });
        // Unsaved work must be answered for: the recovery prompt does not close by itself.
        let cancellable = !matches!(dialog, Dialog::Recovery(_));
        if response.should_close() && cancellable && next.is_none() {
            keep = false;
        }
        if keep {
            self.dialog = Some(dialog);
        }
        if let Some(next) = next {
            next(self);
        }
    }

    /// What a conflict's element is called: the stage, lane, persona or card's name, or the map.
    pub fn element_name(&self, id: &Id) -> String {
        let map = self.editor.map();
        if id.as_str().is_empty() {
            return self.t(T::TheMap).to_owned();
        }
        if let Some(stage) = map.stage(id) {
            return format!("{} « {} »", self.t(T::Stage), stage.name);
        }
        if let Some(card) = map.card(id) {
            return format!("{} « {} »", self.t(T::Card), card.title);
        }
        if let Some(persona) = map.persona(id) {
            return format!("{} « {} »", self.t(T::Persona), persona.name);
        }
        if map.lane(id).is_some() {
            return format!("{} « {} »", self.t(T::Lane), self.lane_name(id));
        }
        id.as_str().to_owned()
    }
}

/// The catalogue entry naming a theme.
pub fn theme_text(theme: ThemeName) -> T {
    match theme {
        ThemeName::Light => T::ThemeLight,
        ThemeName::Print => T::ThemePrint,
        ThemeName::Dark => T::ThemeDark,
        ThemeName::HighContrast => T::ThemeHighContrast,
    }
}

/// The export form; returns (export clicked, closed, browse clicked).
fn export_form_ui(ui: &mut egui::Ui, form: &mut ExportForm, busy: bool, lang: Lang) -> (bool, bool, bool) {
    ui.heading(T::ExportTitle.tr(lang));
    let mut result = (false, false, false);
    egui::Grid::new("export-form").num_columns(2).show(ui, |ui| {
        ui.label(T::Sheet.tr(lang));
        ui.horizontal(|ui| {
            for (sheet, text) in [
                (crate::export::Sheet::Poster, T::SheetPoster),
                (crate::export::Sheet::Funnel, T::SheetFunnel),
            ] {
                if ui.radio(form.sheet == sheet, text.tr(lang)).clicked() {
                    form.sheet = sheet;
                    form.paper = sheet.default_paper();
                }
            }
        });
        ui.end_row();
        ui.label(T::Format.tr(lang));
        ui.label(T::FormatHint.tr(lang));
        ui.end_row();
        ui.label(T::Paper.tr(lang));
        egui::ComboBox::from_id_salt("paper").selected_text(form.paper.name()).show_ui(ui, |ui| {
            for paper in papers() {
                ui.selectable_value(&mut form.paper, paper, paper.name());
            }
        });
        ui.end_row();
        ui.label(T::Orientation.tr(lang));
        let current =
            ORIENTATIONS.iter().find(|(o, _)| *o == form.orientation).map_or("", |(_, n)| n.tr(lang));
        egui::ComboBox::from_id_salt("orientation").selected_text(current).show_ui(ui, |ui| {
            for (o, name) in ORIENTATIONS {
                ui.selectable_value(&mut form.orientation, o, name.tr(lang));
            }
        });
        ui.end_row();
        let label = ui.label(T::MarginMm.tr(lang));
        ui.add(egui::DragValue::new(&mut form.margin_mm).range(0.0..=50.0)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label(T::DpiPng.tr(lang));
        ui.add(egui::DragValue::new(&mut form.dpi).range(72..=600)).labelled_by(label.id);
        ui.end_row();
        ui.label(T::Tiling.tr(lang));
        let tile_name = form.tile.map_or_else(|| T::NoTiling.tr(lang).to_owned(), Paper::name);
        egui::ComboBox::from_id_salt("tile").selected_text(tile_name).show_ui(ui, |ui| {
            ui.selectable_value(&mut form.tile, None, T::NoTiling.tr(lang));
            for paper in [Paper::A4, Paper::A3, Paper::Letter] {
                ui.selectable_value(&mut form.tile, Some(paper), paper.name());
            }
        });
        ui.end_row();
        ui.label(T::CropMarks.tr(lang));
        ui.checkbox(&mut form.crop_marks, T::CropMarks.tr(lang));
        ui.end_row();
        ui.label(T::Theme.tr(lang));
        let current = THEMES.iter().find(|t| **t == form.theme).map_or("", |t| theme_text(*t).tr(lang));
        egui::ComboBox::from_id_salt("theme").selected_text(current).show_ui(ui, |ui| {
            for t in THEMES {
                ui.selectable_value(&mut form.theme, t, theme_text(t).tr(lang));
            }
        });
        ui.end_row();
        let label = ui.label(T::Destination.tr(lang));
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut form.destination).desired_width(300.0))
                .labelled_by(label.id);
            if ui.button(T::Choose.tr(lang)).clicked() {
                result.2 = true;
            }
        });
        ui.end_row();
    });
    ui.horizontal(|ui| {
        if ui.add_enabled(!busy, egui::Button::new(T::ExportButton.tr(lang))).clicked() {
            result.0 = true;
        }
        if ui.button(T::Cancel.tr(lang)).clicked() {
            result.1 = true;
        }
    });
    result
}

impl Dialog {
    /// A short name for tests and logs.
    pub fn name(&self) -> &'static str {
        match self {
            Dialog::Unsaved(_) => "unsaved",
            Dialog::PathPrompt { .. } => "path",
            Dialog::Recovery(_) => "recovery",
            Dialog::Recover(_) => "recover",
            Dialog::SaveRefused(_) => "save-refused",
            Dialog::Templates => "templates",
            Dialog::Export(_) => "export",
            Dialog::Palette { .. } => "palette",
            Dialog::Preferences => "preferences",
            Dialog::Conflicts => "conflicts",
            Dialog::Shortcuts => "shortcuts",
            Dialog::About => "about",
            Dialog::Error(_) => "error",
            Dialog::Info(_) => "info",
        }
    }
}
