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
pub mod document;
pub mod export_job;
pub mod files;
pub mod i18n;
pub mod intents;
pub mod joined;
pub mod keys;
pub mod menus;
pub mod panels;
pub mod recover;
pub mod room;
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
    /// Opens exported files and folders (tests: only writes them down).
    opener: export_job::Opener,
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
    /// What the canvas lays the map out for: the screen, or the export's paper.
    canvas_layout: document::CanvasLayout,
    /// The workshop room opened from this window, if any.
    room: Option<room::OpenRoom>,
    /// The workshop room this window joined (Atelier › Join a room…), if any.
    joined: Option<joined::JoinedRoom>,
    /// Where rooms open (`None`: this machine's LAN address, port 7878).
    room_address: Option<(std::net::IpAddr, u16)>,
    /// The side panels: open or closed, and their widths (remembered in the preferences).
    panels: panels::SidePanels,
    /// A panel's width changed and is not saved yet (saved once the pointer is released).
    panels_unsaved: bool,
}

impl Designer {
    /// A designer on `map` (from `path` if it was read from a file).
    pub fn new(ctx: &egui::Context, map: Map, path: Option<PathBuf>, options: StartOptions) -> Self {
        crate::paint::screen::install_fonts(ctx);
        ctx.options_mut(|o| {
            o.zoom_with_keyboard = false;
            // A wheel notch with Ctrl is one 10 % step (egui's default is about 22 %).
            o.input_options.scroll_zoom_speed = canvas::viewport::scroll_zoom_speed();
        });
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
            opener: if options.native_dialogs {
                export_job::Opener::System
            } else {
                export_job::Opener::Record(Vec::new())
            },
            allow_close: false,
            close_requested: false,
            was_typing: false,
            title_shown: String::new(),
            external_change: None,
            find: None,
            presentation: None,
            view: workshop::View::Map,
            canvas_layout: document::CanvasLayout::default(),
            room: None,
            joined: None,
            room_address: None,
            panels: panels::SidePanels::from_preferences(&preferences),
            panels_unsaved: false,
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

    /// What the designer was asked to open with the desktop's application, when it only writes
    /// it down (started without native dialogs, as in tests).
    pub fn opened(&self) -> &[PathBuf] {
        self.opener.recorded()
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
            lanes_panel: Some(self.panels.lanes),
            inspector_panel: Some(self.panels.inspector),
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
        // Dot votes from the workshop room, as badges on the cards.
        options.votes = self.room.is_some() || self.editor.map().vote.is_some();
        options.target = self.layout_target();
        if let Some(presentation) = &self.presentation {
            // The presentation's larger text lays out for the screen.
            options.target = crate::layout::LayoutTarget::Screen;
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

    /// The open file's name (`carte.ron`); `None` for a map never saved.
    pub fn file_name(&self) -> Option<String> {
        self.path.as_deref().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned())
    }

    /// The map's name as the window and the prompts say it: its file's name, or "untitled".
    pub fn display_name(&self) -> String {
        if let Some(room) = &self.joined {
            return self.tf(T::JoinName, &[("host", room.host())]);
        }
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
    launch(file, present, None, None)
}

/// Opens the designer window joined to the room at its desktop link `url` (`parcours join
/// URL`), as `name` (default: the account's name); runs until the window is closed.
pub fn run_join(url: &str, name: Option<&str>) -> Result<(), RunError> {
    let name = name.map_or_else(|| room::person_name(""), str::to_owned);
    launch(None, false, None, Some((url.to_owned(), name)))
}

/// Opens the designer window on `file` with a workshop room open on `address` (`parcours room
/// MAP.ron`), its window showing the QR code; runs until the window is closed, which closes
/// the room.
pub fn run_room(file: &Path, address: (std::net::IpAddr, u16)) -> Result<(), RunError> {
    launch(Some(file), false, Some(address), None)
}

fn launch(
    file: Option<&Path>,
    present: bool,
    room: Option<(std::net::IpAddr, u16)>,
    join: Option<(String, String)>,
) -> Result<(), RunError> {
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
                    if let Some((address, port)) = room {
                        designer.set_room_address(address, port);
                        designer.run(&cc.egui_ctx, Action::OpenRoom);
                    }
                    if let Some((url, name)) = &join {
                        // The gallery a window without a file starts with is not wanted here.
                        designer.dialog = None;
                        designer.join_room(&cc.egui_ctx, url, name);
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
            let caption = self
                .presentation
                .as_ref()
                .map(|p| p.caption(self.editor.map(), self.lang))
                .unwrap_or_default();
            egui::Panel::bottom("presentation-caption").show(ui, |ui| {
                ui.label(egui::RichText::new(caption).size(16.0));
            });
            egui::CentralPanel::no_frame().show(ui, |ui| self.canvas_ui(ui));
            if let Some(presentation) = &mut self.presentation {
                presentation.frame(&ctx, &mut self.canvas, self.editor.map());
            }
            // A dialog that opens meanwhile (an export finishing) must show: while one is open
            // the keys go to it, Esc included.
            self.dialogs_ui(&ctx);
            self.room_frame(&ctx);
            self.was_typing = ctx.text_edit_focused();
            return;
        }
        // Each bar's click is applied as soon as the bar is drawn, before the panels below it.
        let menu = egui::Panel::top("menu").show(ui, |ui| menus::menu_bar_ui(ui, self)).inner;
        self.apply_some(&ctx, menu);
        let toolbar = egui::Panel::top("toolbar").show(ui, |ui| menus::toolbar_ui(ui, self)).inner;
        self.apply_some(&ctx, toolbar);
        let status = egui::Panel::bottom("status").show(ui, |ui| status_bar::status_bar_ui(ui, self)).inner;
        self.apply_some(&ctx, status);
        if self.external_change.is_some() {
            let banner = egui::Panel::top("external-change")
                .frame(banners::banner_frame(&ctx.global_style().visuals))
                .show(ui, |ui| banners::external_change_ui(ui, self));
            self.apply_some(&ctx, banner.inner);
        }
        if !self.editor.map().conflicts.is_empty() {
            let banner = egui::Panel::top("conflicts")
                .frame(banners::banner_frame(&ctx.global_style().visuals))
                .show(ui, |ui| banners::conflicts_ui(ui, self));
            self.apply_some(&ctx, banner.inner);
        }
        self.side_panels_ui(ui);
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let (lang, revision) = (self.lang, self.editor.revision());
            if let Some(find) = &mut self.find {
                let asked = egui::Frame::new()
                    .fill(ui.visuals().panel_fill)
                    .inner_margin(egui::Margin::symmetric(8, 4))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        find.ui(ui, self.editor.map(), revision, lang)
                    })
                    .inner;
                self.apply_some(&ctx, asked.map(intents::Intent::Find));
            }
            self.canvas_ui(ui);
        });
        self.dialogs_ui(&ctx);
        self.room_frame(&ctx);
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
