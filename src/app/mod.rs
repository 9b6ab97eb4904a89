//! The designer window (feature `gui`): an eframe app around the [`Editor`].
//!
//! The canvas paints the same cached display list as the posters; menus, toolbar, shortcuts and
//! the command palette dispatch one [`Action`] enum; every change goes through an
//! [`crate::edit::Command`], so every change is undoable and the saved marker drives the
//! unsaved-changes flag.

pub mod action;
pub mod banners;
pub mod canvas;
pub mod dialogs;
pub mod disk;
pub mod export_job;
pub mod files;
pub mod i18n;
pub mod inspector;
pub mod intents;
pub mod menus;
pub mod panels;
pub mod recover;
pub mod selection;
pub mod status_bar;
pub mod workshop;

pub use action::Action;
pub use canvas::Canvas;

use crate::display::Target;
use crate::edit::{EditError, Editor};
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
    editor: Editor,
    /// The file the map comes from, if saved.
    path: Option<PathBuf>,
    /// The canvas view.
    canvas: Canvas,
    /// Selected elements (cards, stages, lanes, a cell).
    selection: selection::Selection,
    /// Show lanes marked hidden.
    show_hidden: bool,
    /// Colours of the window and the canvas.
    theme: ThemeName,
    /// Interface language.
    lang: Lang,
    /// The language chosen in Preferences; `None` follows the system's.
    lang_choice: Option<Lang>,
    /// Warnings to show in the status bar's diagnostics (missing photos…), never as modal loops.
    diagnostics: Vec<String>,
    /// The last message for the status bar.
    status: String,
    /// The open dialog, if any.
    dialog: Option<Dialog>,
    /// Recent files, recovery copies.
    store: Store,
    /// Native file dialogs allowed.
    native_dialogs: bool,
    /// Decoded photos, passed to the layout.
    images: std::collections::BTreeMap<String, std::sync::Arc<crate::display::Image>>,
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
    external_change: Option<disk::ExternalChange>,
    /// The find bar, when open.
    find: Option<workshop::Find>,
    /// The presentation, when running.
    presentation: Option<workshop::Presentation>,
    /// What the canvas shows: the map, or its funnel and insights sheet.
    view: workshop::View,
}

impl Designer {
    /// A designer on `map` (from `path` if it was read from a file).
    pub fn new(ctx: &egui::Context, map: Map, path: Option<PathBuf>, options: StartOptions) -> Self {
        crate::paint::screen::install_fonts(ctx);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let preferences = options.store.preferences();
        let lang_choice = options.lang.or_else(|| preferences.language.as_deref().map(Lang::from_tag));
        let lang = lang_choice.unwrap_or_else(i18n::system_lang);
        let theme = preferences.theme.as_deref().and_then(ThemeName::parse).unwrap_or(ThemeName::Light);
        let mut designer = Self {
            editor: Editor::new(map, options.seed),
            path: None,
            canvas: Canvas::default(),
            selection: selection::Selection::default(),
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
            None => (blank_map(), None),
        };
        let mut designer = Self::new(ctx, map, path.map(Path::to_path_buf), options);
        designer.base = base;
        // Without a file, a workshop starts by choosing a template (unless there is work to
        // restore first).
        if path.is_none() && designer.dialog.is_none() {
            designer.dialog = Some(Dialog::templates());
        }
        Ok(designer)
    }

    // ---- What tests and benches read (the fields are the designer's own) -------------------

    /// The map, its history and id generator.
    pub fn editor(&self) -> &Editor {
        &self.editor
    }

    /// The editor, to apply commands directly (tests, benches; the UI goes through actions).
    pub fn editor_mut(&mut self) -> &mut Editor {
        &mut self.editor
    }

    /// The file the map comes from, if saved.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The canvas: its display list, view and in-place editor.
    pub fn canvas(&self) -> &Canvas {
        &self.canvas
    }

    /// The selected elements (cards, stages, lanes, a cell).
    pub fn selection(&self) -> &[Target] {
        self.selection.targets()
    }

    /// Selects these elements (as a click on the canvas or a panel would).
    pub fn set_selection(&mut self, selection: Vec<Target>) {
        self.selection.set(selection);
    }

    /// The theme of the window and the canvas.
    pub fn theme(&self) -> ThemeName {
        self.theme
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The last message of the status bar.
    pub fn status(&self) -> &str {
        &self.status
    }

    /// The open dialog, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// The open dialog, to fill in its fields as a user would.
    pub fn dialog_mut(&mut self) -> Option<&mut Dialog> {
        self.dialog.as_mut()
    }

    /// Opens a dialog over the window (replacing any open one).
    pub fn show_dialog(&mut self, dialog: Dialog) {
        self.dialog = Some(dialog);
    }

    /// Closes the open dialog without answering it.
    pub fn close_dialog(&mut self) {
        self.dialog = None;
    }

    /// The change of the open file on disk offered in the banner, if any.
    pub fn external_change(&self) -> Option<&disk::ExternalChange> {
        self.external_change.as_ref()
    }

    /// The find bar, when open.
    pub fn find(&self) -> Option<&workshop::Find> {
        self.find.as_ref()
    }

    /// The presentation, when running.
    pub fn presentation(&self) -> Option<&workshop::Presentation> {
        self.presentation.as_ref()
    }

    /// What the canvas shows: the map or its funnel sheet.
    pub fn view(&self) -> workshop::View {
        self.view
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

    /// Drops selected elements that no longer exist (after undo, delete, reload).
    pub fn prune_selection(&mut self) {
        self.selection.prune(self.editor.map());
    }

    /// Adds a stage after the selected one, or at the end, and starts renaming it.
    pub fn add_stage(&mut self) {
        let map = self.editor.map();
        let index = self.selection.stage_insert_index(map);
        let name = self.tf(T::NewStageName, &[("n", &(map.stages.len() + 1).to_string())]);
        if let Some(id) = {
            let result = self.editor.add_stage(index, &name);
            self.report(result)
        } {
            self.selection.only(Target::Stage(id));
        }
    }

    /// Adds a new persona with its lane, after the selected lane or at the end.
    pub fn add_persona_lane(&mut self) {
        let index = self.selection.lane_insert_index(self.editor.map());
        let n = self.editor.map().personas.len() + 1;
        let persona =
            Persona { name: self.tf(T::NewPersonaName, &[("n", &n.to_string())]), ..Persona::default() };
        if let Some((_, lane)) = {
            let result = self.editor.add_persona_lane(index, persona);
            self.report(result)
        } {
            self.selection.only(Target::Lane(lane));
        }
    }

    /// Adds a lane for an existing persona.
    pub fn add_lane_for_persona(&mut self, persona: &Id) {
        let index = self.selection.lane_insert_index(self.editor.map());
        if let Some(lane) = {
            let result = self.editor.add_lane(index, LaneKind::Persona(persona.clone()), "");
            self.report(result)
        } {
            self.selection.only(Target::Lane(lane));
        }
    }

    /// Adds a shared lane of this kind.
    pub fn add_shared_lane(&mut self, kind: LaneKind) {
        let index = self.selection.lane_insert_index(self.editor.map());
        let title = self.t(panels::lane_kind_text(&kind)).to_owned();
        if let Some(lane) = {
            let result = self.editor.add_lane(index, kind, &title);
            self.report(result)
        } {
            self.selection.only(Target::Lane(lane));
        }
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
        self.canvas.viewport.fit_pending = true;
        self.autosaved_revision = None;
    }

    /// Runs `pending` now if there is nothing unsaved, else asks Save / Discard / Cancel first.
    pub fn guard_unsaved(&mut self, pending: Pending) {
        if self.editor.is_dirty() {
            self.dialog =
                Some(Dialog::Unsaved(dialogs::UnsavedPrompt { pending, file: self.display_name() }));
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
            Pending::NewFromTemplate => self.dialog = Some(Dialog::templates()),
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
        let back = self.dialog.take();
        self.dialog = Some(Dialog::PathPrompt(dialogs::PathPrompt::new(purpose, text, back)));
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
            .selection
            .cards()
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
        let target = self.selection.cell(self.editor.map());
        match self.editor.paste(text, target.as_ref()) {
            Ok(ids) => self.selection.select_ids(self.editor.map(), &ids),
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

    /// The open file's name (`carte.ron`); `None` for a map never saved.
    pub fn file_name(&self) -> Option<String> {
        self.path.as_deref().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned())
    }

    /// The map's name as the window and the prompts say it: its file's name, or "untitled".
    pub fn display_name(&self) -> String {
        self.file_name().unwrap_or_else(|| self.t(T::Untitled).to_owned())
    }

    /// The window title: file name, unsaved marker.
    pub fn title(&self) -> String {
        let dirty = if self.editor.is_dirty() { "● " } else { "" };
        format!("{dirty}{} — Parcours", self.display_name())
    }

    /// What a conflict's element is called: the stage, lane, persona or card's name, or the map.
    pub fn element_name(&self, id: &Id) -> String {
        dialogs::element_name(self.editor.map(), id, self.lang)
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

/// Opens the designer window on `file` (or the template gallery) and runs it until it is closed;
/// with `present`, straight into the presentation.
pub fn run(file: Option<&Path>, present: bool) -> Result<(), RunError> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Parcours")
            .with_inner_size([1400.0, 900.0])
            .with_drag_and_drop(true),
        ..eframe::NativeOptions::default()
    };
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

/// The map a new designer starts with: the blank template.
pub fn blank_map() -> Map {
    crate::templates::find("blank").and_then(|t| t.map().ok()).unwrap_or_else(|| Map::new("Untitled map"))
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
        // Each bar's click is applied as soon as the bar is drawn, before the panels below it.
        let menu = egui::Panel::top("menu").show(ui, |ui| menus::menu_bar_ui(ui, self)).inner;
        self.apply_some(&ctx, menu);
        let toolbar = egui::Panel::top("toolbar").show(ui, |ui| menus::toolbar_ui(ui, self)).inner;
        self.apply_some(&ctx, toolbar);
        egui::Panel::bottom("status").show(ui, |ui| status_bar::status_bar_ui(ui, self));
        if self.external_change.is_some() {
            let banner =
                egui::Panel::top("external-change").show(ui, |ui| banners::external_change_ui(ui, self));
            self.apply_some(&ctx, banner.inner);
        }
        if !self.editor.map().conflicts.is_empty() {
            let banner = egui::Panel::top("conflicts").show(ui, |ui| banners::conflicts_ui(ui, self));
            self.apply_some(&ctx, banner.inner);
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
