//! The designer window (feature `gui`): an eframe app around the [`Editor`].
//!
//! The canvas paints the same cached display list as the posters; menus, toolbar, shortcuts and
//! the command palette dispatch one [`Action`] enum; every change goes through an
//! [`crate::edit::Command`], so every change is undoable and the saved marker drives the
//! unsaved-changes flag.

pub mod action;
pub mod canvas;
pub mod dialogs;
pub mod disk;
pub mod export_job;
pub mod files;
pub mod gallery;
pub mod i18n;
pub mod inspector;
pub mod panels;
pub mod recover;
pub mod workshop;

pub use action::Action;
pub use canvas::Canvas;

use crate::display::Target;
use crate::edit::{Cell, EditError, Editor};
use crate::layout::{LayoutOptions, ThemeName};
use crate::model::{Id, LaneKind, Map, Persona};
use dialogs::{Dialog, FilePurpose, Pending};
use files::{Store, Watch};
use i18n::{Lang, T, fill};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How the designer starts.
#[derive(Clone, Debug)]
pub struct StartOptions {
    /// Use native file dialogs (rfd); off in tests, which use the in-app path prompt.
    pub native_dialogs: bool,
    /// Where recent files and recovery copies go.
    pub store: Store,
    /// Look for recovery copies at start-up.
    pub offer_recovery: bool,
    /// Seed of the id generator (tests pass a constant).
    pub seed: u64,
    /// Interface language; from the preferences, else the system, when `None`.
    pub lang: Option<Lang>,
}

impl Default for StartOptions {
    fn default() -> Self {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_secs() ^ u64::from(d.subsec_nanos()));
        Self { native_dialogs: true, store: Store::new(), offer_recovery: true, seed, lang: None }
    }
}

/// The designer: one open map and everything around it.
#[expect(clippy::struct_excessive_bools, reason = "independent flags of the window, not a state machine")]
pub struct Designer {
    /// The map, its history and id generator.
    pub editor: Editor,
    /// The file the map comes from, if saved.
    pub path: Option<PathBuf>,
    /// The canvas view.
    pub canvas: Canvas,
    /// Selected elements (cards, stages, lanes, a cell).
    pub selection: Vec<Target>,
    /// Show lanes marked hidden.
    pub show_hidden: bool,
    /// Colours of the window and the canvas.
    pub theme: ThemeName,
    /// Interface language.
    pub lang: Lang,
    /// The language chosen in Preferences; `None` follows the system's.
    pub lang_choice: Option<Lang>,
    /// Warnings to show in the status bar's diagnostics (missing photos…), never as modal loops.
    pub diagnostics: Vec<String>,
    /// The last message for the status bar.
    pub status: String,
    /// The open dialog, if any.
    pub dialog: Option<Dialog>,
    /// Recent files, recovery copies.
    pub store: Store,
    /// Native file dialogs allowed.
    pub native_dialogs: bool,
    /// Decoded photos, passed to the layout.
    pub images: std::collections::BTreeMap<String, std::sync::Arc<crate::display::Image>>,
    watch: Option<Watch>,
    /// The bytes of the file as last loaded, saved or merged in (see [`Designer::base`]).
    base: Option<Vec<u8>>,
    /// The version on disk the user chose to keep theirs over (Keep mine): not offered again.
    dismissed: Option<disk::Seen>,
    /// This window's recovery copy and what it wrote there.
    autosaved: Option<files::Autosaved>,
    last_autosave: Instant,
    autosaved_revision: Option<u64>,
    /// The window's context, for the file watcher to wake it.
    ctx: egui::Context,
    file_picks: Option<std::sync::mpsc::Receiver<(FilePurpose, Option<PathBuf>, bool)>>,
    export: Option<export_job::Running>,
    allow_close: bool,
    close_requested: bool,
    /// A text field had the keyboard at the end of the last frame (egui takes the focus away on
    /// Esc before the frame's code runs: Esc then only leaves the field).
    was_typing: bool,
    title_shown: String,
    /// Offered but not answered: a change of the open file on disk.
    pub external_change: Option<disk::ExternalChange>,
    gallery: gallery::Gallery,
    /// The find bar, when open.
    pub find: Option<workshop::Find>,
    /// The presentation, when running.
    pub presentation: Option<workshop::Presentation>,
    /// What the canvas shows: the map, or its funnel and insights sheet.
    pub view: workshop::View,
}

impl Designer {
    /// A designer on `map` (from `path` if it was read from a file).
    pub fn new(ctx: &egui::Context, map: Map, path: Option<PathBuf>, options: StartOptions) -> Self {
        crate::paint::screen::install_fonts(ctx);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let preferences = options.store.preferences();
        let lang_choice = options.lang.or_else(|| preferences.language.as_deref().map(Lang::from_tag));
        let lang = interface_lang(&options);
        let theme = preferences.theme.as_deref().and_then(ThemeName::parse).unwrap_or(ThemeName::Light);
        let mut designer = Self {
            editor: Editor::new(map, options.seed),
            path: None,
            canvas: Canvas::default(),
            selection: Vec::new(),
            show_hidden: false,
            theme,
            lang,
            lang_choice,
            diagnostics: Vec::new(),
            status: String::new(),
            dialog: None,
            store: options.store,
            native_dialogs: options.native_dialogs,
            images: std::collections::BTreeMap::new(),
            watch: None,
            base: None,
            dismissed: None,
            autosaved: None,
            last_autosave: Instant::now(),
            autosaved_revision: None,
            ctx: ctx.clone(),
            file_picks: None,
            export: None,
            allow_close: false,
            close_requested: false,
            was_typing: false,
            title_shown: String::new(),
            external_change: None,
            gallery: gallery::Gallery::default(),
            find: None,
            presentation: None,
            view: workshop::View::Map,
        };
        designer.apply_theme(ctx);
        // The base is the file as it is now; `open_at_start` passes the bytes it parsed instead.
        designer.base = path.as_deref().and_then(|p| std::fs::read(p).ok());
        designer.set_path(path);
        designer.load_images();
        designer.store.prune_discarded(std::time::SystemTime::now());
        if options.offer_recovery {
            designer.offer_recovery();
        }
        designer
    }

    /// Opens a map file for the `parcours FILE` command line, or the blank template.
    pub fn open_at_start(
        ctx: &egui::Context,
        path: Option<&Path>,
        options: StartOptions,
    ) -> Result<Self, String> {
        let (map, base) = match path {
            Some(path) => {
                let (map, bytes) = disk::load_with_bytes(path)
                    .map_err(|e| format!("{}: error: {}", e.location(), e.reason()))?;
                (map, Some(bytes))
            }
            // Blank takes the interface language: « Carte sans titre », « Étape 1 » in French.
            None => (blank_map(interface_lang(&options)), None),
        };
        let mut designer = Self::new(ctx, map, path.map(Path::to_path_buf), options);
        designer.base = base;
        // Without a file, a workshop starts by choosing a template (unless there is work to
        // restore first).
        if path.is_none() && designer.dialog.is_none() {
            designer.dialog = Some(Dialog::Templates);
        }
        Ok(designer)
    }

    /// A text of the interface in its language.
    pub fn t(&self, key: T) -> &'static str {
        key.tr(self.lang)
    }

    /// A text with its placeholders filled.
    pub fn tf(&self, key: T, values: &[(&str, &str)]) -> String {
        fill(key.tr(self.lang), values)
    }

    /// The message for a file that could not be read or written (file, line, column, reason).
    pub fn file_error(&self, error: &crate::file::FileError) -> String {
        self.tf(T::ErrorIn, &[("place", &error.location()), ("reason", &error.reason())])
    }

    /// Sets egui's colours from the theme.
    pub fn apply_theme(&self, ctx: &egui::Context) {
        match self.theme {
            ThemeName::Dark => ctx.set_theme(egui::Theme::Dark),
            ThemeName::HighContrast => {
                ctx.set_theme(egui::Theme::Light);
                ctx.set_visuals_of(egui::Theme::Light, high_contrast_visuals());
            }
            ThemeName::Light | ThemeName::Print => {
                ctx.set_theme(egui::Theme::Light);
                ctx.set_visuals_of(egui::Theme::Light, egui::Visuals::light());
            }
        }
    }

    /// Saves the language and theme as the user's preferences.
    pub fn save_preferences(&mut self) {
        let preferences = files::Preferences {
            language: self.lang_choice.map(|lang| {
                match lang {
                    Lang::Fr => "fr",
                    Lang::En => "en",
                }
                .to_owned()
            }),
            theme: Some(self.theme.name().to_owned()),
        };
        if let Err(error) = self.store.save_preferences(&preferences) {
            self.status = self.tf(T::CannotSavePrefs, &[("error", &error)]);
        }
    }

    fn set_path(&mut self, path: Option<PathBuf>) {
        self.watch = path.as_deref().map(|p| Watch::new(p, &self.ctx));
        if let Some(p) = &path
            && let Err(e) = self.store.add_recent(p)
        {
            self.status = self.tf(T::NoRecentStore, &[("error", &e.to_string())]);
        }
        self.path = path;
        self.external_change = None;
        self.dismissed = None;
    }

    /// The folder photos are relative to.
    pub fn map_folder(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map_or_else(|| std::env::current_dir().unwrap_or_default(), Path::to_path_buf)
    }

    /// Decodes the map's photos again (after opening or changing a photo).
    pub fn load_images(&mut self) {
        let (images, warnings) = crate::images::load_for_map(self.editor.map(), &self.map_folder());
        self.images = images;
        self.diagnostics = warnings;
    }

    /// What the layout is asked for: the theme, the photos, what the find bar dims and rings,
    /// and the presentation's stage and text size.
    pub fn layout_options(&self) -> LayoutOptions {
        let mut options =
            LayoutOptions { theme: self.theme, images: self.images.clone(), ..LayoutOptions::default() };
        if let Some(find) = &self.find
            && find.filter.is_active()
        {
            // Searched once per change of the map or the filter (`Find::refresh`), not per frame.
            options.dimmed.clone_from(&find.dimmed);
            options.highlighted.clone_from(&find.highlighted);
        }
        if let Some(presentation) = &self.presentation {
            options.text_scale = workshop::PRESENT_TEXT_SCALE;
            options.focus_stage = presentation.stage;
            options.curve_until = presentation.stage;
        }
        options
    }

    /// True while the canvas only shows (presentation): no drags, no in-place editing.
    pub fn read_only(&self) -> bool {
        self.presentation.is_some() || self.view == workshop::View::Funnel
    }

    /// The themes the designer offers, in the order Next theme goes through them.
    pub const THEMES: [ThemeName; 3] = [ThemeName::Light, ThemeName::Dark, ThemeName::HighContrast];

    /// Shows an edit error in the status bar; returns the value when there was none.
    pub fn report<V>(&mut self, result: Result<V, EditError>) -> Option<V> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.status = self.tf(T::EditFailed, &[("error", &error.to_string())]);
                None
            }
        }
    }

    pub(crate) fn begin_transaction(&mut self) {
        let result = self.editor.begin();
        self.report(result);
    }

    pub(crate) fn preview(&mut self, command: crate::edit::Command) {
        let result = self.editor.preview(command);
        self.report(result);
    }

    /// Cancels a drag in progress (Esc): the map is as before it.
    pub fn cancel_drag(&mut self) {
        if let Some(drag) = self.canvas.drag.take()
            && !matches!(drag, canvas::Drag::Pan | canvas::Drag::Band(_))
        {
            let result = self.editor.abort();
            self.report(result);
        }
    }

    /// The selected cards.
    pub fn selected_cards(&self) -> Vec<Id> {
        self.selection
            .iter()
            .filter_map(|t| match t {
                Target::Card(id) => Some(id.clone()),
                Target::Title
                | Target::Stage(_)
                | Target::Lane(_)
                | Target::Cell { .. }
                | Target::EmotionPoint { .. } => None,
            })
            .collect()
    }

    /// The selected elements that can be deleted, copied or duplicated.
    pub fn selected_ids(&self) -> Vec<Id> {
        self.selection
            .iter()
            .filter_map(|t| match t {
                Target::Card(id) | Target::Stage(id) | Target::Lane(id) => Some(id.clone()),
                Target::Title | Target::Cell { .. } | Target::EmotionPoint { .. } => None,
            })
            .collect()
    }

    /// The cell of the selection: a selected cell, or the cell of the first selected card.
    pub fn selected_cell(&self) -> Option<Cell> {
        self.selection.iter().find_map(|t| match t {
            Target::Cell { lane, stage } | Target::EmotionPoint { lane, stage } => {
                Some(Cell::new(lane.clone(), stage.clone()))
            }
            Target::Card(id) => {
                self.editor.map().card(id).map(|c| Cell::new(c.lane.clone(), c.stage.clone()))
            }
            Target::Title | Target::Stage(_) | Target::Lane(_) => None,
        })
    }

    /// True when `action` can run now.
    pub fn enabled(&self, action: Action) -> bool {
        let history = self.editor.history();
        match action {
            // Typing a new card counts: Undo makes it a step and takes it back (Redo brings it).
            Action::Undo => {
                history.can_undo()
                    || self
                        .canvas
                        .inline
                        .as_ref()
                        .is_some_and(|i| !i.title.trim().is_empty() || !i.details.trim().is_empty())
            }
            Action::Redo => history.can_redo(),
            Action::Cut | Action::Copy | Action::Delete | Action::Duplicate => {
                !self.selected_ids().is_empty()
            }
            Action::AddCard => self.selected_cell().is_some() || !self.selected_cards().is_empty(),
            Action::EditInPlace => {
                self.selection.iter().any(|t| matches!(t, Target::Card(_) | Target::Stage(_)))
            }
            Action::Export => self.export.is_none(),
            Action::Conflicts => !self.editor.map().conflicts.is_empty(),
            Action::Present | Action::Find => self.presentation.is_none(),
            Action::New
            | Action::Funnel
            | Action::Import
            | Action::Preferences
            | Action::Open
            | Action::Save
            | Action::SaveAs
            | Action::Quit
            | Action::Paste
            | Action::SelectAll
            | Action::ZoomIn
            | Action::ZoomOut
            | Action::Fit
            | Action::ActualSize
            | Action::ToggleHiddenLanes
            | Action::ToggleTheme
            | Action::AddStage
            | Action::AddPersonaLane
            | Action::AddSharedLane
            | Action::Palette
            | Action::Recover
            | Action::Shortcuts
            | Action::About => true,
        }
    }

    /// Runs an action (from any menu, button, shortcut or the palette).
    pub fn run(&mut self, ctx: &egui::Context, action: Action) {
        if !self.enabled(action) {
            return;
        }
        self.commit_inline();
        match action {
            Action::New => self.guard_unsaved(Pending::NewFromTemplate),
            Action::Open => self.guard_unsaved(Pending::PickAndOpen),
            Action::Import => self.pick_file(FilePurpose::Import),
            Action::Preferences => self.dialog = Some(Dialog::Preferences),
            Action::Conflicts => self.dialog = Some(Dialog::Conflicts),
            Action::Recover => self.open_recover_list(),
            Action::Present => self.start_presentation(ctx),
            Action::Find => self.open_find(),
            Action::Funnel => self.toggle_funnel(),
            Action::Save => self.save(),
            Action::SaveAs => self.pick_file(FilePurpose::SaveAs),
            Action::Export => self.dialog = Some(Dialog::Export(dialogs::ExportForm::new(self))),
            Action::Quit => self.guard_unsaved(Pending::Quit),
            Action::Undo => {
                // What is being typed becomes a step first, so Undo takes it back and Redo
                // brings it again: typed text is never just dropped.
                self.commit_inline();
                let result = self.editor.undo();
                self.report(result);
                self.prune_selection();
            }
            Action::Redo => {
                self.commit_inline();
                let result = self.editor.redo();
                self.report(result);
                self.prune_selection();
            }
            Action::Cut => {
                let ids = self.selected_ids();
                if let Some(text) = {
                    let result = self.editor.cut(&ids);
                    self.report(result)
                } {
                    ctx.copy_text(text);
                    self.selection.clear();
                }
            }
            Action::Copy => ctx.copy_text(self.editor.copy(&self.selected_ids())),
            Action::Paste => {
                // The text arrives as an `Event::Paste` (see `keyboard`); the menu asks for it.
                ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            }
            Action::Duplicate => {
                let ids = self.selected_ids();
                if let Some(new) = {
                    let result = self.editor.duplicate(&ids);
                    self.report(result)
                } {
                    self.select_ids(&new);
                }
            }
            Action::Delete => {
                let ids = self.selected_ids();
                if {
                    let result = self.editor.delete(&ids);
                    self.report(result)
                }
                .is_some()
                {
                    self.selection.clear();
                }
            }
            Action::SelectAll => {
                self.selection = self.editor.map().cards.iter().map(|c| Target::Card(c.id.clone())).collect();
            }
            Action::ZoomIn => self.canvas.zoom_around(1.25, self.canvas.rect.center()),
            Action::ZoomOut => self.canvas.zoom_around(0.8, self.canvas.rect.center()),
            Action::Fit => self.canvas.fit(),
            Action::ActualSize => self.canvas.actual_size(),
            Action::ToggleHiddenLanes => self.show_hidden = !self.show_hidden,
            Action::ToggleTheme => {
                let themes = Self::THEMES;
                let at = themes.iter().position(|t| *t == self.theme).unwrap_or(0);
                self.theme = themes[(at + 1) % themes.len()];
                self.apply_theme(ctx);
                self.save_preferences();
            }
            Action::AddStage => self.add_stage(),
            Action::AddPersonaLane => self.add_persona_lane(),
            Action::AddSharedLane => self.add_shared_lane(LaneKind::Thoughts),
            Action::AddCard => {
                if let Some(cell) = self.selected_cell() {
                    self.start_new_card(cell);
                }
            }
            Action::EditInPlace => match self.selection.first().cloned() {
                Some(Target::Card(id)) => self.start_edit_card(&id),
                Some(Target::Stage(id)) => self.start_rename_stage(&id),
                _ => {}
            },
            Action::Palette => self.dialog = Some(Dialog::Palette { filter: String::new(), focus: true }),
            Action::Shortcuts => self.dialog = Some(Dialog::Shortcuts),
            Action::About => self.dialog = Some(Dialog::About),
        }
    }

    fn select_ids(&mut self, ids: &[Id]) {
        let map = self.editor.map();
        self.selection = ids
            .iter()
            .filter_map(|id| {
                if map.card(id).is_some() {
                    Some(Target::Card(id.clone()))
                } else if map.stage(id).is_some() {
                    Some(Target::Stage(id.clone()))
                } else if map.lane(id).is_some() {
                    Some(Target::Lane(id.clone()))
                } else {
                    None
                }
            })
            .collect();
    }

    /// Drops selected elements that no longer exist (after undo, delete, reload).
    pub fn prune_selection(&mut self) {
        let map = self.editor.map();
        self.selection.retain(|t| match t {
            Target::Card(id) => map.card(id).is_some(),
            Target::Stage(id) => map.stage(id).is_some(),
            Target::Lane(id) => map.lane(id).is_some(),
            Target::Cell { lane, stage } | Target::EmotionPoint { lane, stage } => {
                map.lane(lane).is_some() && map.stage(stage).is_some()
            }
            Target::Title => true,
        });
    }

    /// Adds a stage after the selected one, or at the end, and starts renaming it.
    pub fn add_stage(&mut self) {
        let map = self.editor.map();
        let index = self
            .selection
            .iter()
            .find_map(|t| match t {
                Target::Stage(id) => map.stages.iter().position(|s| &s.id == id).map(|i| i + 1),
                _ => None,
            })
            .unwrap_or(map.stages.len());
        let name = self.tf(T::NewStageName, &[("n", &(map.stages.len() + 1).to_string())]);
        if let Some(id) = {
            let result = self.editor.add_stage(index, &name);
            self.report(result)
        } {
            self.selection = vec![Target::Stage(id)];
        }
    }

    /// Adds a new persona with its lane, after the selected lane or at the end.
    pub fn add_persona_lane(&mut self) {
        let index = self.lane_insert_index();
        let n = self.editor.map().personas.len() + 1;
        let persona =
            Persona { name: self.tf(T::NewPersonaName, &[("n", &n.to_string())]), ..Persona::default() };
        if let Some((_, lane)) = {
            let result = self.editor.add_persona_lane(index, persona);
            self.report(result)
        } {
            self.selection = vec![Target::Lane(lane)];
        }
    }

    /// Adds a lane for an existing persona.
    pub fn add_lane_for_persona(&mut self, persona: &Id) {
        let index = self.lane_insert_index();
        if let Some(lane) = {
            let result = self.editor.add_lane(index, LaneKind::Persona(persona.clone()), "");
            self.report(result)
        } {
            self.selection = vec![Target::Lane(lane)];
        }
    }

    /// Adds a shared lane of this kind.
    pub fn add_shared_lane(&mut self, kind: LaneKind) {
        let index = self.lane_insert_index();
        let title = self.t(panels::lane_kind_text(&kind)).to_owned();
        if let Some(lane) = {
            let result = self.editor.add_lane(index, kind, &title);
            self.report(result)
        } {
            self.selection = vec![Target::Lane(lane)];
        }
    }

    fn lane_insert_index(&self) -> usize {
        let map = self.editor.map();
        self.selection
            .iter()
            .find_map(|t| match t {
                Target::Lane(id) => map.lanes.iter().position(|l| &l.id == id).map(|i| i + 1),
                _ => None,
            })
            .unwrap_or(map.lanes.len())
    }

    // ---- Files ------------------------------------------------------------------------------

    /// Saves to the current file, or asks for one.
    pub fn save(&mut self) {
        match self.path.clone() {
            Some(path) => {
                self.save_to(&path);
            }
            None => self.pick_file(FilePurpose::SaveAs),
        }
    }

    /// Opens a map file, replacing the current map (the unsaved prompt comes before). A file
    /// that fails to load shows its error and leaves the current map untouched.
    pub fn open(&mut self, path: &Path) {
        match disk::load_with_bytes(path) {
            Ok((map, bytes)) => {
                self.replace_document(map, Some(path.to_path_buf()));
                self.base = Some(bytes);
            }
            Err(error) => {
                self.dialog = Some(Dialog::Error(self.file_error(&error)));
            }
        }
    }

    /// Starts editing another map (opened, new from a template, restored).
    pub fn replace_document(&mut self, map: Map, path: Option<PathBuf>) {
        self.commit_inline();
        self.cancel_drag();
        // Callers ask first (save, discard); whatever is still unsaved is kept among the
        // discarded recovery copies rather than lost.
        self.discard_unsaved();
        let seed = self.editor.revision() ^ 0x9e37_79b9_7f4a_7c15;
        self.editor = Editor::new(map, seed);
        self.selection.clear();
        self.base = None;
        self.set_path(path);
        self.load_images();
        self.canvas.invalidate();
        self.canvas.fit_pending = true;
        self.autosaved_revision = None;
    }

    /// Runs `pending` now if there is nothing unsaved, else asks Save / Discard / Cancel first.
    pub fn guard_unsaved(&mut self, pending: Pending) {
        if self.editor.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(pending));
        } else {
            self.proceed(pending);
        }
    }

    /// Does what was waiting for the unsaved prompt.
    pub fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::Quit => {
                self.allow_close = true;
                if let Some(copy) = self.autosaved.take() {
                    Store::remove_own_copy(&copy);
                }
                self.close_requested = true;
            }
            Pending::Open(path) => self.open(&path),
            Pending::PickAndOpen => self.pick_file(FilePurpose::Open),
            Pending::NewFromTemplate => self.dialog = Some(Dialog::Templates),
            Pending::New(map) => self.replace_document(*map, None),
            Pending::Restore(recovery) => self.restore(&recovery),
        }
    }

    /// Asks for a file: a native dialog on its own thread, or the in-app path prompt.
    pub fn pick_file(&mut self, purpose: FilePurpose) {
        if !self.native_dialogs {
            self.path_prompt(purpose);
            return;
        }
        let (map_filter, photo_filter, import_filter) =
            (self.t(T::FilterMap), self.t(T::FilterPhoto), self.t(T::FilterImport));
        let (sender, receiver) = std::sync::mpsc::channel();
        let folder = self.map_folder();
        let fallback = purpose.clone();
        let started = Instant::now();
        let spawned = std::thread::Builder::new().name("file-dialog".into()).spawn(move || {
            let dialog = rfd::FileDialog::new().set_directory(&folder);
            let picked = match &purpose {
                FilePurpose::Open => dialog.add_filter(map_filter, &["ron"]).pick_file(),
                FilePurpose::SaveAs => dialog.add_filter(map_filter, &["ron"]).save_file(),
                FilePurpose::ExportTo => dialog.save_file(),
                FilePurpose::Photo(_) => dialog.add_filter(photo_filter, &["png", "jpg", "jpeg"]).pick_file(),
                FilePurpose::Import => {
                    dialog.add_filter(import_filter, &["mmd", "mermaid", "md", "csv"]).pick_file()
                }
            };
            // A dialog that answers "nothing" at once never showed up (no portal, no zenity).
            let no_dialog = picked.is_none() && started.elapsed() < std::time::Duration::from_millis(400);
            sender.send((purpose, picked, no_dialog)).ok();
        });
        match spawned {
            Ok(_) => self.file_picks = Some(receiver),
            Err(_) => self.path_prompt(fallback),
        }
    }

    /// Asks for a path in the window; the dialog open now comes back after it (the export
    /// form keeps its settings while its destination is chosen).
    fn path_prompt(&mut self, purpose: FilePurpose) {
        let text = self.suggested_path(&purpose);
        let back = self.dialog.take().map(Box::new);
        self.dialog = Some(Dialog::PathPrompt { purpose, text, focus: true, back });
    }

    fn suggested_path(&self, purpose: &FilePurpose) -> String {
        match (purpose, &self.path) {
            (FilePurpose::SaveAs | FilePurpose::Open, Some(p)) => p.display().to_string(),
            (FilePurpose::ExportTo, Some(p)) => p.with_extension("pdf").display().to_string(),
            (FilePurpose::Import, _) => self.map_folder().join("journey.mmd").display().to_string(),
            _ => self.map_folder().join("map.ron").display().to_string(),
        }
    }

    /// Acts on a chosen file.
    pub fn file_chosen(&mut self, purpose: FilePurpose, path: PathBuf) {
        match purpose {
            FilePurpose::Open => self.open(&path),
            FilePurpose::SaveAs => {
                let path = if path.extension().is_none() { path.with_extension("ron") } else { path };
                self.save_to(&path);
            }
            FilePurpose::ExportTo => {
                if let Some(Dialog::Export(form)) = &mut self.dialog {
                    form.destination = path.display().to_string();
                } else {
                    let mut form = dialogs::ExportForm::new(self);
                    form.destination = path.display().to_string();
                    self.dialog = Some(Dialog::Export(form));
                }
            }
            FilePurpose::Photo(persona) => self.set_photo(&persona, &path),
            FilePurpose::Import => self.import(&path),
        }
    }

    /// Imports a file: a Mermaid journey (`.mmd`, `.mermaid`, `.md`) becomes a new map (after the
    /// unsaved prompt); CSV cards go into the open map as one undoable step. Bad input shows its
    /// error with the line and changes nothing.
    pub fn import(&mut self, path: &Path) {
        let text = match crate::file::read_text(path) {
            Ok(text) => text,
            Err(error) => {
                self.dialog = Some(Dialog::Error(self.file_error(&error)));
                return;
            }
        };
        let extension =
            path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
        let here = path.display().to_string();
        if extension == "csv" {
            match crate::interop::csv::import_into(self.editor.map(), &text) {
                Ok(imported) => {
                    let result = self.editor.replace_map(imported.map);
                    self.report(result);
                    self.prune_selection();
                }
                Err(error) => {
                    let lines: Vec<String> = error
                        .problems
                        .iter()
                        .map(|p| {
                            let place = if p.row == 0 { here.clone() } else { format!("{here}:{}", p.row) };
                            self.tf(T::ErrorIn, &[("place", &place), ("reason", &p.message)])
                        })
                        .collect();
                    self.dialog = Some(Dialog::Error(lines.join("\n")));
                }
            }
            return;
        }
        let markdown = matches!(extension.as_str(), "md" | "markdown");
        let (offset, diagram) = if markdown {
            let Some(found) = crate::interop::mermaid::journey_in_markdown(&text) else {
                let reason = "no ```mermaid block holding a journey was found";
                self.dialog =
                    Some(Dialog::Error(self.tf(T::ErrorIn, &[("place", &here), ("reason", reason)])));
                return;
            };
            found
        } else {
            (0, text)
        };
        match crate::interop::mermaid::import(&diagram, crate::interop::mermaid::Options { lenient: true }) {
            Ok(imported) => self.guard_unsaved(Pending::New(Box::new(imported.map))),
            Err(error) => {
                let place = match error.column {
                    Some(column) => format!("{here}:{}:{column}", error.line + offset),
                    None => format!("{here}:{}", error.line + offset),
                };
                self.dialog = Some(Dialog::Error(
                    self.tf(T::ErrorIn, &[("place", &place), ("reason", &error.message)]),
                ));
            }
        }
    }

    /// Sets a persona's photo, as a path relative to the map's folder when it can.
    pub fn set_photo(&mut self, persona: &Id, path: &Path) {
        let folder = self.map_folder();
        let relative = path.strip_prefix(&folder).map_or_else(|_| path.to_path_buf(), Path::to_path_buf);
        let value = relative.to_string_lossy().replace('\\', "/");
        let command = crate::edit::Command::SetPersona {
            id: persona.clone(),
            field: crate::edit::PersonaField::Photo(Some(value)),
        };
        let result = self.editor.apply(command);
        self.report(result);
        self.load_images();
    }

    // ---- Per-frame duties ---------------------------------------------------------------------

    fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(receiver) = &self.file_picks
            && let Ok((purpose, picked, no_dialog)) = receiver.try_recv()
        {
            self.file_picks = None;
            match picked {
                Some(path) => self.file_chosen(purpose, path),
                None if no_dialog => {
                    self.status = self.t(T::NoFileDialog).to_owned();
                    self.path_prompt(purpose);
                }
                None => {}
            }
        }
        if self.file_picks.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if let Some(running) = &self.export {
            match running.poll() {
                Some(Ok(message)) => {
                    self.status.clone_from(&message);
                    self.dialog = Some(Dialog::Info(message));
                    self.export = None;
                }
                Some(Err(message)) => {
                    self.dialog = Some(Dialog::Error(message));
                    self.export = None;
                }
                None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
            }
        }
        // Autosave unsaved work, waking up only when it is due (an idle window sleeps).
        if self.editor.is_dirty() && self.autosaved_revision != Some(self.editor.revision()) {
            let due = self.last_autosave + files::AUTOSAVE_EVERY;
            let now = Instant::now();
            if now >= due {
                self.autosave_now();
            } else {
                ctx.request_repaint_after(due - now);
            }
        }
        // The open file changed on disk? The watcher wakes the window when it did.
        if let Some(watch) = &mut self.watch {
            let signalled = watch.take_signal();
            if let Some(due) = watch.poll_due() {
                ctx.request_repaint_after(due.saturating_duration_since(Instant::now()));
            }
            if signalled {
                self.check_disk_now();
            }
        }
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        if self.presentation_keys(ctx) {
            return;
        }
        if self.find.is_some() && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F3)) {
            self.step_result(true);
        }
        // Esc leaves in-place editing and keeps what was typed (seen here: egui takes the focus
        // away from the field as the frame starts, before the field could see the key).
        if self.canvas.inline.is_some() && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.commit_inline();
            return;
        }
        let typing = ctx.text_edit_focused();
        for (shortcut, action) in Action::shortcut_table() {
            if typing && action.conflicts_with_text() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.run(ctx, action);
            }
        }
        if typing {
            return;
        }
        // Copy, cut and paste arrive as events from the platform's clipboard.
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Copy => self.run(ctx, Action::Copy),
                egui::Event::Cut => self.run(ctx, Action::Cut),
                egui::Event::Paste(text) => self.paste_text(&text),
                _ => {}
            }
        }
        // Digit keys set the emotion of the selected cards.
        let digits = [
            (egui::Key::Num1, 1),
            (egui::Key::Num2, 2),
            (egui::Key::Num3, 3),
            (egui::Key::Num4, 4),
            (egui::Key::Num5, 5),
            (egui::Key::Num6, 6),
            (egui::Key::Num7, 7),
            (egui::Key::Num8, 8),
            (egui::Key::Num9, 9),
        ];
        for (key, digit) in digits {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
                self.set_emotion_digit(digit);
            }
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            if self.canvas.drag.is_some() {
                self.cancel_drag();
            } else if self.find.is_some() {
                self.close_find();
            } else if !self.was_typing {
                self.selection.clear();
            }
        }
    }

    /// Sets the emotion of the selected cards from a digit key (1 = the scale's lowest level).
    pub fn set_emotion_digit(&mut self, digit: u8) {
        let Some(level) = self.editor.map().emotion_scale.level_for_digit(digit) else {
            return;
        };
        let commands: Vec<crate::edit::Command> = self
            .selected_cards()
            .into_iter()
            .map(|id| crate::edit::Command::SetCard {
                id,
                field: crate::edit::CardField::Emotion(Some(level)),
            })
            .collect();
        if !commands.is_empty() {
            let result = self.editor.apply(crate::edit::Command::Batch(commands));
            self.report(result);
        }
    }

    /// Pastes clipboard text (RON from a Parcours window) into the selected cell.
    pub fn paste_text(&mut self, text: &str) {
        let target = self.selected_cell();
        match self.editor.paste(text, target.as_ref()) {
            Ok(ids) => self.select_ids(&ids),
            Err(error) => self.status = self.tf(T::CannotPaste, &[("error", &error.to_string())]),
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if let Some(path) = dropped.into_iter().find(|p| p.extension().is_some_and(|e| e == "ron")) {
            self.guard_unsaved(Pending::Open(path));
        }
    }

    /// The window title: file name, unsaved marker.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(|| self.t(T::Untitled).to_owned(), |n| n.to_string_lossy().into_owned());
        let dirty = if self.editor.is_dirty() { "● " } else { "" };
        format!("{dirty}{name} — Parcours")
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let name = self
                .path
                .as_deref()
                .map_or_else(|| self.t(T::Untitled).to_owned(), |p| p.display().to_string());
            ui.label(name);
            if self.editor.is_dirty() {
                ui.label(egui::RichText::new(self.t(T::Unsaved)).color(ui.visuals().warn_fg_color));
            } else {
                ui.label(self.t(T::Saved));
            }
            ui.separator();
            ui.label(format!("{:.0} %", self.canvas.zoom * 100.0));
            ui.separator();
            let map = self.editor.map();
            ui.label(self.tf(
                T::Counts,
                &[
                    ("stages", &map.stages.len().to_string()),
                    ("lanes", &map.lanes.len().to_string()),
                    ("cards", &map.cards.len().to_string()),
                ],
            ));
            if !self.selection.is_empty() {
                ui.separator();
                ui.label(self.tf(T::SelectedCount, &[("n", &self.selection.len().to_string())]));
            }
            if self.export.is_some() {
                ui.separator();
                ui.spinner();
                ui.label(self.t(T::Exporting));
            }
            if !self.diagnostics.is_empty() {
                ui.separator();
                ui.label(
                    egui::RichText::new(format!("⚠ {}", self.diagnostics.len()))
                        .color(ui.visuals().warn_fg_color),
                )
                .on_hover_text(self.diagnostics.join("\n"));
            }
            if !self.status.is_empty() {
                ui.separator();
                ui.label(&self.status);
            }
        });
    }

    /// Starts the poster export on its own thread.
    pub fn start_export(&mut self, form: &dialogs::ExportForm) {
        let map = self.editor.map().clone();
        let folder = self.map_folder();
        match export_job::Running::start(map, folder, form.clone(), self.lang) {
            Ok(running) => {
                self.export = Some(running);
                self.status = self.tf(T::ExportingTo, &[("file", &form.destination)]);
            }
            Err(e) => {
                self.dialog =
                    Some(Dialog::Error(self.tf(T::CannotStartExport, &[("error", &e.to_string())])));
            }
        }
    }

    /// True while an export runs.
    pub fn exporting(&self) -> bool {
        self.export.is_some()
    }
}

/// Why the designer did not run.
#[derive(Debug)]
pub enum RunError {
    /// The map given at start could not be opened (the message names file, line and column).
    Open(String),
    /// The window could not be created (no display, no OpenGL).
    Window(String),
}

/// The window icon (`assets/icon/parcours.svg` rendered at 256 px by `rsvg-convert`).
pub const WINDOW_ICON: &[u8] = include_bytes!("../../assets/icon/parcours-256.png");

/// Opens the designer window on `file` (or the template gallery) and runs it until it is closed;
/// with `present`, straight into the presentation.
pub fn run(file: Option<&Path>, present: bool) -> Result<(), RunError> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Parcours")
        // The desktop entry's name (scripts/install), so that docks group the window under its icon.
        .with_app_id("parcours")
        .with_inner_size([1400.0, 900.0])
        .with_drag_and_drop(true);
    // The icon is compiled in; a broken one would be our bug, shown as the platform's default icon.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions { viewport, ..eframe::NativeOptions::default() };
    let file = file.map(Path::to_path_buf);
    let mut failure: Option<String> = None;
    let failure_slot = &mut failure;
    let result = eframe::run_native(
        "parcours",
        options,
        Box::new(move |cc| {
            match Designer::open_at_start(&cc.egui_ctx, file.as_deref(), StartOptions::default()) {
                Ok(mut designer) => {
                    if present && designer.dialog.is_none() {
                        designer.start_presentation(&cc.egui_ctx);
                    }
                    Ok(Box::new(designer))
                }
                Err(message) => {
                    *failure_slot = Some(message.clone());
                    Err(message.into())
                }
            }
        }),
    );
    if let Some(message) = failure {
        return Err(RunError::Open(message));
    }
    result.map_err(|error| RunError::Window(error.to_string()))
}

/// The map a new designer starts with: the blank template in the interface language.
pub fn blank_map(lang: Lang) -> Map {
    crate::templates::blank(lang.tag()).map().unwrap_or_else(|_| Map::new("Untitled map"))
}

/// The interface language a designer starts in: the one asked for, else the one chosen in the
/// preferences, else the system's.
fn interface_lang(options: &StartOptions) -> Lang {
    let chosen = options.lang.or_else(|| options.store.preferences().language.as_deref().map(Lang::from_tag));
    chosen.unwrap_or_else(i18n::system_lang)
}

impl eframe::App for Designer {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_background(ctx);
        self.dropped_files(ctx);
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.commit_inline();
            self.guard_unsaved(Pending::Quit);
        }
        if self.close_requested {
            self.close_requested = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let title = self.title();
        if title != self.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.keyboard(&ctx);
        if self.presentation.is_some() {
            let caption = self.presentation_caption();
            egui::Panel::bottom("presentation-caption").show(ui, |ui| {
                ui.label(egui::RichText::new(caption).size(16.0));
            });
            egui::CentralPanel::no_frame().show(ui, |ui| self.canvas_ui(ui));
            self.frame_presentation(&ctx);
            // A dialog that opens meanwhile (an export finishing) must show: while one is open
            // the keys go to it, Esc included.
            self.dialogs_ui(&ctx);
            self.was_typing = ctx.text_edit_focused();
            return;
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar_ui(ui));
        if self.external_change.is_some() {
            egui::Panel::top("external-change").show(ui, |ui| self.external_change_ui(ui));
        }
        if !self.editor.map().conflicts.is_empty() {
            egui::Panel::top("conflicts").show(ui, |ui| self.conflicts_banner_ui(ui));
        }
        egui::Panel::left("lanes").default_size(220.0).resizable(true).show(ui, |ui| self.lanes_panel_ui(ui));
        egui::Panel::right("inspector")
            .default_size(300.0)
            .resizable(true)
            .show(ui, |ui| self.inspector_ui(ui));
        egui::CentralPanel::no_frame().show(ui, |ui| {
            if self.find.is_some() {
                egui::Frame::new()
                    .fill(ui.visuals().panel_fill)
                    .inner_margin(egui::Margin::symmetric(8, 4))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        self.find_bar_ui(ui);
                    });
            }
            self.canvas_ui(ui);
        });
        self.dialogs_ui(&ctx);
        self.was_typing = ctx.text_edit_focused();
    }
}

/// egui's light visuals made stark for the high-contrast theme: black on white, 2 px outlines,
/// a selection that does not rely on a pale tint.
fn high_contrast_visuals() -> egui::Visuals {
    let mut visuals = egui::Visuals::light();
    let black = egui::Color32::BLACK;
    let white = egui::Color32::WHITE;
    visuals.override_text_color = Some(black);
    visuals.panel_fill = white;
    visuals.window_fill = white;
    visuals.extreme_bg_color = white;
    visuals.faint_bg_color = white;
    visuals.window_stroke = egui::Stroke::new(2.0, black);
    visuals.selection.bg_fill = egui::Color32::from_rgb(0x00, 0x3d, 0xa5);
    visuals.selection.stroke = egui::Stroke::new(2.0, white);
    visuals.hyperlink_color = egui::Color32::from_rgb(0x00, 0x3d, 0xa5);
    for widget in [
        &mut visuals.widgets.noninteractive,
        &mut visuals.widgets.inactive,
        &mut visuals.widgets.hovered,
        &mut visuals.widgets.active,
        &mut visuals.widgets.open,
    ] {
        widget.bg_stroke = egui::Stroke::new(2.0, black);
        widget.fg_stroke = egui::Stroke::new(2.0, black);
        widget.bg_fill = white;
        widget.weak_bg_fill = white;
    }
    visuals.widgets.hovered.weak_bg_fill = egui::Color32::from_gray(0xe0);
    visuals.widgets.active.weak_bg_fill = egui::Color32::from_gray(0xc8);
    visuals
}
