//! Dialogs, menus and the toolbar: the unsaved-changes prompt, the in-app path prompt (when no
//! native file dialog is available), recovery, templates, the export form, the palette.

use super::export_job::{ORIENTATIONS, THEMES, papers};
use super::files::Recovery;
use super::{Action, Designer};
use crate::layout::ThemeName;
use crate::model::{Id, Map};
use crate::paint::{Orientation, Paper};

use std::path::PathBuf;

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
}

impl FilePurpose {
    fn title(&self) -> &'static str {
        match self {
            FilePurpose::Open => "Open map",
            FilePurpose::SaveAs => "Save map as",
            FilePurpose::ExportTo => "Export to",
            FilePurpose::Photo(_) => "Persona photo",
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
}

impl ExportForm {
    /// Defaults next to the map file.
    pub fn new(designer: &Designer) -> Self {
        let destination = designer
            .path
            .as_ref()
            .map(|p| p.with_extension("pdf").display().to_string())
            .unwrap_or_else(|| designer.map_folder().join("poster.pdf").display().to_string());
        Self {
            paper: Paper::A1,
            orientation: Orientation::Auto,
            margin_mm: 10.0,
            dpi: 150,
            tile: None,
            crop_marks: false,
            theme: ThemeName::Light,
            destination,
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
    },
    /// Offer to restore autosaved work.
    Recovery(Recovery),
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
    /// The keyboard reference.
    Shortcuts,
    /// About.
    About,
    /// An error message (file errors with file:line:column).
    Error(String),
    /// A message.
    Info(String),
}

/// The mouse and keyboard reference shown by Help → Keyboard shortcuts.
pub const MOUSE_AND_KEYS: &[(&str, &str)] = &[
    ("Drag on empty space, middle drag, scroll", "Pan"),
    ("Ctrl+scroll, pinch, Ctrl+Plus / Ctrl+Minus", "Zoom around the pointer / centre"),
    ("Ctrl+0 / Ctrl+1", "Fit to window / 100 %"),
    ("Click, Shift+click, Shift+drag", "Select, add to selection, rubber band"),
    ("Double-click a cell", "Add a card there"),
    ("Double-click a card or stage, F2", "Edit in place"),
    ("Enter on a selected cell or card", "Start a new card in that cell"),
    ("Enter while typing a title", "Commit, start the next card in the same cell"),
    ("Tab while typing a title", "Commit, start a card in the next stage"),
    ("Esc", "Leave editing; cancel a drag"),
    ("Drag a card", "Move it between cells or within its cell"),
    ("Drag a stage header / lane header", "Reorder stages / lanes"),
    ("Drag an emotion point up or down", "Set the score (snaps to the scale)"),
    ("1 … 9 on selected cards", "Set the emotion (1 = lowest level)"),
    ("Delete / Backspace", "Delete the selection (with its cards)"),
    ("Ctrl+D", "Duplicate"),
    ("Ctrl+C / Ctrl+X / Ctrl+V", "Copy, cut, paste (RON text, also between windows)"),
    ("Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y", "Undo / redo"),
    ("Ctrl+K, Ctrl+Shift+P", "Command palette"),
    ("Ctrl+S / Ctrl+Shift+S / Ctrl+O / Ctrl+N / Ctrl+E", "Save / save as / open / new / export"),
    ("Drop a .ron file on the window", "Open it"),
];

impl Designer {
    pub(crate) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for action in [Action::New, Action::Open] {
                    self.menu_item(ui, &ctx, action);
                }
                ui.menu_button("Open recent", |ui| {
                    let recent = self.store.recent();
                    if recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in recent {
                        if ui.button(path.display().to_string()).clicked() {
                            self.guard_unsaved(Pending::Open(path));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                for action in [Action::Save, Action::SaveAs, Action::Export] {
                    self.menu_item(ui, &ctx, action);
                }
                ui.separator();
                self.menu_item(ui, &ctx, Action::Quit);
            });
            ui.menu_button("Edit", |ui| {
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
            });
            ui.menu_button("View", |ui| {
                for action in [Action::ZoomIn, Action::ZoomOut, Action::Fit, Action::ActualSize] {
                    self.menu_item(ui, &ctx, action);
                }
                ui.separator();
                let mut hidden = self.show_hidden;
                if ui.checkbox(&mut hidden, Action::ToggleHiddenLanes.label()).clicked() {
                    self.run(&ctx, Action::ToggleHiddenLanes);
                    ui.close();
                }
                let mut dark = self.dark;
                if ui.checkbox(&mut dark, Action::ToggleTheme.label()).clicked() {
                    self.run(&ctx, Action::ToggleTheme);
                    ui.close();
                }
                ui.separator();
                self.menu_item(ui, &ctx, Action::Palette);
            });
            ui.menu_button("Help", |ui| {
                self.menu_item(ui, &ctx, Action::Shortcuts);
                self.menu_item(ui, &ctx, Action::About);
            });
        });
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, ctx: &egui::Context, action: Action) {
        let button = egui::Button::new(action.label()).shortcut_text(action.shortcut_text(ctx));
        if ui.add_enabled(self.enabled(action), button).clicked() {
            self.run(ctx, action);
            ui.close();
        }
    }

    pub(crate) fn toolbar_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        ui.horizontal(|ui| {
            let buttons = [
                (Action::New, "New"),
                (Action::Open, "Open"),
                (Action::Save, "Save"),
                (Action::Undo, "Undo"),
                (Action::Redo, "Redo"),
                (Action::AddStage, "+ Stage"),
                (Action::AddPersonaLane, "+ Persona"),
                (Action::AddCard, "+ Card"),
                (Action::Delete, "Delete"),
                (Action::ZoomOut, "Zoom -"),
                (Action::Fit, "Fit"),
                (Action::ZoomIn, "Zoom +"),
                (Action::Export, "Export"),
            ];
            for (action, text) in buttons {
                let tip = match action.shortcut_text(&ctx) {
                    s if s.is_empty() => action.label().to_owned(),
                    s => format!("{} ({s})", action.label()),
                };
                let response = ui
                    .add_enabled(self.enabled(action), egui::Button::new(text))
                    .on_hover_text(tip)
                    .on_disabled_hover_text(action.label());
                // The accessible name is the action's label, whatever the button shows.
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, action.label()));
                if response.clicked() {
                    self.run(&ctx, action);
                }
            }
        });
    }

    pub(crate) fn external_change_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let name = self.path.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
            if self.editor.is_dirty() {
                ui.label(format!("{name} changed on disk, and you have unsaved changes here."));
                if ui
                    .button("Reload from disk")
                    .on_hover_text("Your changes stay in the undo history")
                    .clicked()
                {
                    self.reload_from_disk();
                }
                if ui.button("Keep mine").clicked() {
                    self.keep_local();
                }
            } else {
                ui.label(format!("{name} changed on disk."));
                if ui.button("Reload").clicked() {
                    self.reload_from_disk();
                }
                if ui.button("Ignore").clicked() {
                    self.keep_local();
                }
            }
        });
    }

    pub(crate) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.take() else { return };
        let mut keep = true;
        let modal = egui::Modal::new(egui::Id::unique("parcours-dialog"));
        let mut next: Option<Box<dyn FnOnce(&mut Designer)>> = None;
        let mut dialog = dialog;
        let response = modal.show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &mut dialog {
                Dialog::Unsaved(pending) => {
                    ui.heading("Unsaved changes");
                    ui.label(format!(
                        "Save the changes to {} first?",
                        self.title().trim_end_matches(" — Parcours")
                    ));
                    ui.horizontal(|ui| {
                        let save = pending.clone();
                        if ui.button("Save").clicked() {
                            keep = false;
                            next = Some(Box::new(move |d: &mut Designer| {
                                if let Some(path) = d.path.clone() {
                                    if d.save_to(&path) {
                                        d.proceed(save);
                                    }
                                } else {
                                    d.pick_file(FilePurpose::SaveAs);
                                }
                            }));
                        }
                        let discard = pending.clone();
                        if ui.button("Discard").clicked() {
                            keep = false;
                            next = Some(Box::new(move |d: &mut Designer| {
                                d.store.discard_recovery(d.path.as_deref());
                                d.editor.mark_saved();
                                d.proceed(discard);
                            }));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::PathPrompt { purpose, text, focus } => {
                    ui.heading(purpose.title());
                    let label = ui.label("Path");
                    let field =
                        ui.add(egui::TextEdit::singleline(text).desired_width(460.0)).labelled_by(label.id);
                    if *focus {
                        field.request_focus();
                        *focus = false;
                    }
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        if ui.button("OK").clicked() || enter {
                            keep = false;
                            let (purpose, path) = (purpose.clone(), PathBuf::from(text.trim()));
                            next = Some(Box::new(move |d: &mut Designer| d.file_chosen(purpose, path)));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::Recovery(recovery) => {
                    ui.heading("Restore unsaved work?");
                    let of = recovery
                        .original
                        .as_ref()
                        .map_or_else(|| "an untitled map".to_owned(), |p| p.display().to_string());
                    ui.label(format!("Parcours did not close cleanly. Unsaved changes to {of} were kept."));
                    ui.horizontal(|ui| {
                        let recovery = recovery.clone();
                        if ui.button("Restore").clicked() {
                            keep = false;
                            let r = recovery.clone();
                            next = Some(Box::new(move |d: &mut Designer| d.restore(&r)));
                        }
                        if ui.button("Discard recovered work").clicked() {
                            keep = false;
                            next = Some(Box::new(move |_d: &mut Designer| {
                                super::files::Store::remove_copy(&recovery.copy)
                            }));
                        }
                    });
                }
                Dialog::Templates => {
                    ui.heading("New map from a template");
                    for template in crate::templates::ALL {
                        let response = ui.button(template.name).on_hover_text(template.summary);
                        ui.label(egui::RichText::new(template.summary).small());
                        if response.clicked() {
                            keep = false;
                            match template.map() {
                                Ok(map) => {
                                    next = Some(Box::new(move |d: &mut Designer| {
                                        d.proceed(Pending::New(Box::new(map)));
                                    }));
                                }
                                Err(e) => {
                                    let message = e.to_string();
                                    next = Some(Box::new(move |d: &mut Designer| {
                                        d.dialog = Some(Dialog::Error(message))
                                    }));
                                }
                            }
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                }
                Dialog::Export(form) => {
                    let (start, close, browse) = export_form_ui(ui, form, self.exporting());
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
                    let label = ui.label("Command");
                    let field =
                        ui.add(egui::TextEdit::singleline(filter).desired_width(400.0)).labelled_by(label.id);
                    if *focus {
                        field.request_focus();
                        *focus = false;
                    }
                    let needle = filter.to_lowercase();
                    let matches: Vec<Action> = Action::ALL
                        .into_iter()
                        .filter(|a| *a != Action::Palette && a.label().to_lowercase().contains(&needle))
                        .collect();
                    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                        for action in &matches {
                            let text = format!("{}    {}", action.label(), action.shortcut_text(ctx));
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
                Dialog::Shortcuts => {
                    ui.heading("Mouse and keyboard");
                    egui::Grid::new("keys").striped(true).show(ui, |ui| {
                        for (keys, what) in MOUSE_AND_KEYS {
                            ui.label(*keys);
                            ui.label(*what);
                            ui.end_row();
                        }
                    });
                    if ui.button("Close").clicked() {
                        keep = false;
                    }
                }
                Dialog::About => {
                    ui.heading("Parcours");
                    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                    ui.label(env!("CARGO_PKG_DESCRIPTION"));
                    if ui.button("Close").clicked() {
                        keep = false;
                    }
                }
                Dialog::Error(message) => {
                    ui.heading("Error");
                    ui.label(message.as_str());
                    if ui.button("OK").clicked() {
                        keep = false;
                    }
                }
                Dialog::Info(message) => {
                    ui.label(message.as_str());
                    if ui.button("OK").clicked() {
                        keep = false;
                    }
                }
            }
        });
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

    /// Restores an autosaved copy: the map opens as unsaved changes to its original file.
    pub fn restore(&mut self, recovery: &Recovery) {
        match crate::file::load(&recovery.copy) {
            Ok(map) => {
                let original = recovery.original.clone().filter(|p| p.exists());
                let base = original.as_deref().and_then(|p| crate::file::load(p).ok());
                match base {
                    Some(base) => {
                        self.replace_document(base, original);
                        let result = self.editor.replace_map(map);
                        self.report(result);
                    }
                    None => {
                        self.replace_document(Map::default(), None);
                        let result = self.editor.replace_map(map);
                        self.report(result);
                    }
                }
                super::files::Store::remove_copy(&recovery.copy);
                self.status = "restored unsaved work".to_owned();
            }
            Err(error) => {
                self.dialog = Some(Dialog::Error(format!("{}: error: {}", error.location(), error.reason())))
            }
        }
    }
}

/// The export form; returns (export clicked, closed, browse clicked).
fn export_form_ui(ui: &mut egui::Ui, form: &mut ExportForm, busy: bool) -> (bool, bool, bool) {
    ui.heading("Export poster");
    let mut result = (false, false, false);
    egui::Grid::new("export-form").num_columns(2).show(ui, |ui| {
        ui.label("Format");
        ui.label("from the file extension: .pdf, .mmd, .csv, .md");
        ui.end_row();
        ui.label("Paper");
        egui::ComboBox::from_id_salt("paper").selected_text(form.paper.name()).show_ui(ui, |ui| {
            for paper in papers() {
                ui.selectable_value(&mut form.paper, paper, paper.name());
            }
        });
        ui.end_row();
        ui.label("Orientation");
        let current = ORIENTATIONS.iter().find(|(o, _)| *o == form.orientation).map_or("", |(_, n)| n);
        egui::ComboBox::from_id_salt("orientation").selected_text(current).show_ui(ui, |ui| {
            for (o, name) in ORIENTATIONS {
                ui.selectable_value(&mut form.orientation, o, name);
            }
        });
        ui.end_row();
        let label = ui.label("Margin (mm)");
        ui.add(egui::DragValue::new(&mut form.margin_mm).range(0.0..=50.0)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label("DPI (PNG)");
        ui.add(egui::DragValue::new(&mut form.dpi).range(72..=600)).labelled_by(label.id);
        ui.end_row();
        ui.label("Tiling");
        let tile_name = form.tile.map_or_else(|| "none".to_owned(), Paper::name);
        egui::ComboBox::from_id_salt("tile").selected_text(tile_name).show_ui(ui, |ui| {
            ui.selectable_value(&mut form.tile, None, "none");
            for paper in [Paper::A4, Paper::A3, Paper::Letter] {
                ui.selectable_value(&mut form.tile, Some(paper), paper.name());
            }
        });
        ui.end_row();
        ui.label("Crop marks");
        ui.checkbox(&mut form.crop_marks, "Crop marks");
        ui.end_row();
        ui.label("Theme");
        let current = THEMES.iter().find(|(t, _)| *t == form.theme).map_or("", |(_, n)| n);
        egui::ComboBox::from_id_salt("theme").selected_text(current).show_ui(ui, |ui| {
            for (t, name) in THEMES {
                ui.selectable_value(&mut form.theme, t, name);
            }
        });
        ui.end_row();
        let label = ui.label("Destination");
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut form.destination).desired_width(300.0))
                .labelled_by(label.id);
            if ui.button("Choose…").clicked() {
                result.2 = true;
            }
        });
        ui.end_row();
    });
    ui.horizontal(|ui| {
        if ui.add_enabled(!busy, egui::Button::new("Export")).clicked() {
            result.0 = true;
        }
        if ui.button("Cancel").clicked() {
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
            Dialog::Templates => "templates",
            Dialog::Export(_) => "export",
            Dialog::Palette { .. } => "palette",
            Dialog::Shortcuts => "shortcuts",
            Dialog::About => "about",
            Dialog::Error(_) => "error",
            Dialog::Info(_) => "info",
        }
    }
}
