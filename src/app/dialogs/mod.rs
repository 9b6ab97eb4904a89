//! The dialogs over the window. Each is a struct with its own state and a `ui` in its own file,
//! as egui's demo windows are; its `ui` returns what the user asked for as a `#[must_use]` intent
//! (`ExportIntent::Export(form)`, `UnsavedIntent::Discard`…). [`Dialog::show`] draws the open one
//! in a modal and turns its answer into an [`Intent`] for the designer, which applies it in one
//! place (`Designer::apply`, in `intents.rs`). A new dialog is a new file, a variant here and its
//! arm in `show`.

pub mod conflicts;
pub mod export;
pub mod exported;
pub mod gallery;
pub mod join;
pub mod keyboard;
pub mod message;
pub mod palette;
pub mod path_prompt;
pub mod persona_sheet;
pub mod preferences;
pub mod recovery;
pub mod room;
pub mod save_refused;
pub mod unsaved;

pub use conflicts::{ConflictIntent, ConflictList, element_name};
pub use export::{ExportDialog, ExportForm, ExportIntent, Suggestion};
pub use exported::{ExportedIntent, ExportedReport};
pub use gallery::{Gallery, GalleryIntent};
pub use join::{JoinForm, JoinIntent};
pub use keyboard::{GESTURES, KeyboardReference};
pub use palette::{Palette, PaletteIntent};
pub use path_prompt::{FilePurpose, PathIntent, PathPrompt};
pub use persona_sheet::PersonaSheetView;
pub use preferences::{PreferencesDialog, PreferencesIntent};
pub use recovery::{RecoverList, RecoveryChoice, RecoveryPrompt};
pub use room::{RoomIntent, RoomWindow, VoteForm, VoteIntent};
pub use save_refused::{SaveChoice, SaveRefused};
pub use unsaved::{Pending, UnsavedIntent, UnsavedPrompt};

use super::Designer;
use super::intents::Intent;

/// A dialog over the window.
#[derive(Debug)]
pub enum Dialog {
    /// Save / Discard / Cancel before doing [`Pending`].
    Unsaved(UnsavedPrompt),
    /// Type a path (no native dialog here, or tests).
    PathPrompt(PathPrompt),
    /// Offer to restore autosaved work (at start-up).
    Recovery(RecoveryPrompt),
    /// File › Recover…: every recovery copy and the discarded ones.
    Recover(RecoverList),
    /// A save refused because the file changed on disk: merge, save as, or overwrite.
    SaveRefused(SaveRefused),
    /// Pick a template for a new map.
    Templates(Box<Gallery>),
    /// Export settings, with the readability of the poster they would print.
    Export(Box<ExportDialog>),
    /// What an export wrote and warned about; open the file or its folder.
    Exported(ExportedReport),
    /// The command palette.
    Palette(Palette),
    /// Interface language and theme.
    Preferences(PreferencesDialog),
    /// The merge conflicts left in the map, each with both sides.
    Conflicts(ConflictList),
    /// The keyboard reference.
    Shortcuts(KeyboardReference),
    /// About.
    About,
    /// An error message (file errors with `file:line:column`).
    Error(String),
    /// A message.
    Info(String),
    /// The workshop room's window: QR code, URL, participants (closing it keeps the room open).
    Room(RoomWindow),
    /// Atelier › Start a vote….
    Vote(VoteForm),
    /// Atelier › Join a room….
    Join(JoinForm),
    /// A persona's sheet, larger than the inspector's preview.
    PersonaSheet(PersonaSheetView),
}

/// The answer of a dialog that only closes.
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Closed;

/// What the open dialog asked for this frame.
#[must_use]
#[derive(Debug)]
pub enum Reply {
    /// Nothing yet: it stays open.
    Stay,
    /// It closes, nothing else.
    Close,
    /// It closes and the designer does this.
    CloseThen(Intent),
    /// It stays open and the designer does this (a preference, a conflict resolved, Browse…).
    StayThen(Intent),
}

impl Reply {
    /// Whether the dialog stays open, and what to do.
    pub fn split(self) -> (bool, Option<Intent>) {
        match self {
            Reply::Stay => (true, None),
            Reply::Close => (false, None),
            Reply::CloseThen(intent) => (false, Some(intent)),
            Reply::StayThen(intent) => (true, Some(intent)),
        }
    }
}

impl Dialog {
    /// A short name for tests and logs.
    pub fn name(&self) -> &'static str {
        match self {
            Dialog::Unsaved(_) => "unsaved",
            Dialog::PathPrompt(_) => "path",
            Dialog::Recovery(_) => "recovery",
            Dialog::Recover(_) => "recover",
            Dialog::SaveRefused(_) => "save-refused",
            Dialog::Templates(_) => "templates",
            Dialog::Export(_) => "export",
            Dialog::Exported(_) => "exported",
            Dialog::Palette(_) => "palette",
            Dialog::Preferences(_) => "preferences",
            Dialog::Conflicts(_) => "conflicts",
            Dialog::Shortcuts(_) => "shortcuts",
            Dialog::About => "about",
            Dialog::Error(_) => "error",
            Dialog::Info(_) => "info",
            Dialog::Room(_) => "room",
            Dialog::Vote(_) => "vote",
            Dialog::Join(_) => "join",
            Dialog::PersonaSheet(_) => "persona-sheet",
        }
    }

    /// The gallery of templates, laid out when first shown.
    pub fn templates() -> Self {
        Dialog::Templates(Box::default())
    }

    /// Unsaved work must be answered for: the recovery prompt does not close by itself (Esc,
    /// a click outside).
    fn cancellable(&self) -> bool {
        !matches!(self, Dialog::Recovery(_))
    }

    /// Draws the dialog in a modal; `designer` is read for what the dialog shows (language,
    /// theme, the map's conflicts, which actions are enabled), never changed.
    pub fn show(&mut self, ctx: &egui::Context, designer: &Designer) -> Reply {
        let lang = designer.lang();
        let modal = egui::Modal::new(egui::Id::unique("parcours-dialog"));
        let wide = matches!(self, Dialog::Templates(_) | Dialog::PersonaSheet(_));
        let response = modal.show(ctx, |ui| {
            ui.set_max_width(if wide { 900.0 } else { 560.0 });
            match self {
                Dialog::Unsaved(prompt) => match prompt.ui(ui, lang) {
                    None => Reply::Stay,
                    Some(UnsavedIntent::Save) => Reply::CloseThen(Intent::SaveThen(prompt.pending.clone())),
                    Some(UnsavedIntent::Discard) => {
                        Reply::CloseThen(Intent::DiscardThen(prompt.pending.clone()))
                    }
                    Some(UnsavedIntent::Cancel) => Reply::Close,
                },
                Dialog::PathPrompt(prompt) => match prompt.ui(ui, lang) {
                    None => Reply::Stay,
                    Some(PathIntent::Chosen(path)) => Reply::CloseThen(Intent::FileChosen {
                        purpose: prompt.purpose.clone(),
                        path,
                        back: prompt.back.take(),
                    }),
                    Some(PathIntent::Cancel) => match prompt.back.take() {
                        Some(back) => Reply::CloseThen(Intent::Show(*back)),
                        None => Reply::Close,
                    },
                },
                Dialog::Recovery(prompt) => prompt
                    .ui(ui, lang)
                    .map_or(Reply::Stay, |choice| Reply::CloseThen(Intent::Recovery(choice))),
                Dialog::Recover(list) => {
                    list.ui(ui, lang).map_or(Reply::Stay, |choice| Reply::CloseThen(Intent::Recovery(choice)))
                }
                Dialog::SaveRefused(refused) => refused.ui(ui, lang).map_or(Reply::Stay, |choice| {
                    Reply::CloseThen(Intent::SaveRefused(refused.clone(), choice))
                }),
                Dialog::Templates(gallery) => match gallery.ui(ui, lang, designer.theme()) {
                    None => Reply::Stay,
                    Some(GalleryIntent::Use(map)) => Reply::CloseThen(Intent::Proceed(Pending::New(map))),
                    Some(GalleryIntent::Broken(message)) => {
                        Reply::CloseThen(Intent::Show(Dialog::Error(message)))
                    }
                    Some(GalleryIntent::Cancel) => Reply::Close,
                },
                Dialog::Export(dialog) => {
                    // Only posters have a readable size (the text formats have none).
                    if dialog.form.format().is_some_and(crate::export::Format::is_poster) {
                        let images = designer.layout_options().images;
                        let editor = designer.editor();
                        let options = dialog.form.options();
                        dialog.check.update(ctx, editor.map(), editor.revision(), &images, &options);
                    }
                    match dialog.ui(ui, lang, designer.exporting()) {
                        None => Reply::Stay,
                        Some(ExportIntent::Export(form)) => Reply::CloseThen(Intent::StartExport(form)),
                        Some(ExportIntent::Browse) => {
                            Reply::StayThen(Intent::PickFile(FilePurpose::ExportTo))
                        }
                        Some(ExportIntent::Cancel) => Reply::Close,
                    }
                }
                Dialog::Exported(report) => match report.ui(ui, lang) {
                    None => Reply::Stay,
                    Some(ExportedIntent::Open(path)) => Reply::CloseThen(Intent::OpenExternally(path)),
                    Some(ExportedIntent::Close) => Reply::Close,
                },
                Dialog::Palette(palette) => match palette.ui(ui, lang, |action| designer.enabled(action)) {
                    None => Reply::Stay,
                    Some(PaletteIntent::Run(action)) => Reply::CloseThen(Intent::Run(action)),
                },
                Dialog::Preferences(preferences) => {
                    match preferences.ui(ui, lang, designer.lang_choice, designer.theme()) {
                        None => Reply::Stay,
                        Some(PreferencesIntent::Language(choice)) => {
                            Reply::StayThen(Intent::SetLanguage(choice))
                        }
                        Some(PreferencesIntent::Theme(theme)) => Reply::StayThen(Intent::SetTheme(theme)),
                        Some(PreferencesIntent::Close) => Reply::Close,
                    }
                }
                Dialog::Conflicts(list) => match list.ui(ui, lang, designer.editor().map()) {
                    None => Reply::Stay,
                    Some(ConflictIntent::Resolve(index, side)) => {
                        Reply::StayThen(Intent::ResolveConflict(index, side))
                    }
                    Some(ConflictIntent::Close) => Reply::Close,
                },
                Dialog::Shortcuts(reference) => closes(reference.ui(ui, lang)),
                Dialog::About => closes(message::about_ui(ui, lang)),
                Dialog::Error(text) => closes(message::error_ui(ui, lang, text)),
                Dialog::Info(text) => closes(message::info_ui(ui, lang, text)),
                Dialog::Room(window) => match window.ui(ui, lang, designer.room()) {
                    None => Reply::Stay,
                    Some(RoomIntent::Close) => Reply::Close,
                    Some(RoomIntent::CloseRoom) => Reply::CloseThen(Intent::Room(RoomIntent::CloseRoom)),
                    Some(intent) => Reply::StayThen(Intent::Room(intent)),
                },
                Dialog::Join(form) => match form.ui(ui, lang) {
                    None => Reply::Stay,
                    Some(JoinIntent::Join { url, name }) => {
                        Reply::CloseThen(Intent::Guarded(Pending::Join { url, name }))
                    }
                    Some(JoinIntent::Cancel) => Reply::Close,
                },
                Dialog::PersonaSheet(view) => {
                    let layout = designer.layout_options();
                    let options = crate::layout::LayoutOptions {
                        theme: layout.theme,
                        images: layout.images,
                        ..crate::layout::LayoutOptions::default()
                    };
                    let editor = designer.editor();
                    closes(view.ui(ui, lang, (editor.map(), editor.revision()), &options))
                }
                Dialog::Vote(form) => match form.ui(ui, lang) {
                    None => Reply::Stay,
                    Some(VoteIntent::Start(vote)) => Reply::CloseThen(Intent::StartVote(vote)),
                    Some(VoteIntent::Cancel) => Reply::Close,
                },
            }
        });
        let should_close = response.should_close();
        let reply = response.inner;
        if should_close && self.cancellable() && matches!(reply, Reply::Stay) {
            return Reply::Close;
        }
        reply
    }
}

fn closes(closed: Option<Closed>) -> Reply {
    closed.map_or(Reply::Stay, |Closed| Reply::Close)
}

impl Designer {
    /// Draws the open dialog and applies what it answered.
    pub(crate) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.dialog.take() else { return };
        let (keep, intent) = dialog.show(ctx, self).split();
        if keep {
            self.dialog = Some(dialog);
        }
        if let Some(intent) = intent {
            self.apply(ctx, intent);
        }
    }
}
