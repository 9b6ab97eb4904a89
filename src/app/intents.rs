//! What the user asks for, applied in one place. Menus, the toolbar, banners and dialogs read the
//! designer and return an [`Intent`]; `Designer::apply` carries it out, and [`Designer::run`]
//! runs an [`Action`] (from a menu, a button, a shortcut or the palette). Nothing else reaches
//! into the designer on a widget's behalf.

use super::dialogs::{
    ConflictList, Dialog, ExportDialog, ExportForm, FilePurpose, KeyboardReference, Palette, Pending,
    PreferencesDialog, RecoveryChoice, RoomIntent, RoomWindow, SaveChoice, SaveRefused, VoteForm,
};
use super::{Action, Designer};
use crate::display::Target;
use crate::lang::Lang;
use crate::layout::ThemeName;
use crate::model::LaneKind;
use std::path::PathBuf;

/// Something asked for by a menu, the toolbar, a banner or a dialog.
#[must_use]
#[derive(Debug)]
pub enum Intent {
    /// Run an action.
    Run(Action),
    /// Do this once unsaved work is saved or discarded (asks first if there is any).
    Guarded(Pending),
    /// Do this now (the unsaved prompt was answered before).
    Proceed(Pending),
    /// Save (asking for a file if there is none), then do this.
    SaveThen(Pending),
    /// Keep the unsaved work among the discarded recovery copies, then do this.
    DiscardThen(Pending),
    /// A file was chosen in the path prompt; `back` is the dialog to return to first.
    FileChosen {
        /// What the file is for.
        purpose: FilePurpose,
        /// The file.
        path: PathBuf,
        /// The dialog that asked (the export form), shown again.
        back: Option<Box<Dialog>>,
    },
    /// Ask for a file for this purpose.
    PickFile(FilePurpose),
    /// Open this dialog.
    Show(Dialog),
    /// Export with these settings, on a thread.
    StartExport(ExportForm),
    /// Open an exported file, or its folder, with the desktop's application.
    OpenExternally(PathBuf),
    /// The answer of a recovery dialog.
    Recovery(RecoveryChoice),
    /// The answer to a refused save.
    SaveRefused(SaveRefused, SaveChoice),
    /// Use this interface language (`None`: the system's) and remember it.
    SetLanguage(Option<Lang>),
    /// Use this theme and remember it.
    SetTheme(ThemeName),
    /// Resolve a merge conflict with one side, as one undoable step.
    ResolveConflict(usize, crate::semantic::Side),
    /// Merge the version on disk into the map.
    MergeFromDisk,
    /// Reload the version on disk.
    ReloadFromDisk,
    /// Keep this version over the one on disk.
    KeepLocal,
    /// What the find bar asked for.
    Find(super::workshop::FindIntent),
    /// Leave in-place editing (keeping what was typed) and select this element alone.
    Select(Target),
    /// Add a lane of this kind (a persona's, or a shared one) after the selected lane.
    AddLane(LaneKind),
    /// Decode the map's photos again.
    ReloadImages,
    /// What the room's window asked for.
    Room(RoomIntent),
    /// Open a dot vote with these settings.
    StartVote(crate::model::Vote),
    /// Make a note of the inbox into a card at the end of this cell.
    NoteToCell(crate::model::Id, crate::edit::Cell),
    /// Dismiss a note of the inbox.
    DismissNote(crate::model::Id),
    /// Remove a participant: their notes and votes leave the map, and while a room is open
    /// they are disconnected and refused until it closes.
    RemoveParticipant(crate::model::Id),
    /// Zoom to this many screen points per map point (the status bar's zoom menu), keeping
    /// the selection or the pointer where it is.
    ZoomTo(f32),
}

impl Designer {
    /// Where « + Fiche » adds a card: the selected cell (or the selected card's), else the first
    /// visible lane × the first stage; `None` for a map with no stage or no visible lane.
    pub(crate) fn card_cell(&self) -> Option<crate::edit::Cell> {
        let map = self.editor.map();
        // A selected cell whose lane or stage has gone (removed by a colleague, a merge) is no
        // place for a card.
        let selected =
            self.selection.cell(map).filter(|c| map.lane(&c.lane).is_some() && map.stage(&c.stage).is_some());
        selected.or_else(|| {
            let lane = map.lanes.iter().find(|l| !l.hidden)?;
            let stage = map.stages.first()?;
            Some(crate::edit::Cell { lane: lane.id.clone(), stage: stage.id.clone() })
        })
    }

    /// Carries out an intent.
    pub(crate) fn apply(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::Run(action) => self.run(ctx, action),
            Intent::Guarded(pending) => self.guard_unsaved(pending),
            Intent::Proceed(pending) => self.proceed(pending),
            Intent::SaveThen(pending) => {
                if let Some(path) = self.path.clone() {
                    self.save_then(&path, Some(pending));
                } else {
                    self.pick_file(FilePurpose::SaveAs);
                }
            }
            Intent::DiscardThen(pending) => {
                self.discard_unsaved();
                self.proceed(pending);
            }
            Intent::FileChosen { purpose, path, back } => {
                self.dialog = back.map(|b| *b);
                self.file_chosen(purpose, path);
            }
            Intent::PickFile(purpose) => self.pick_file(purpose),
            Intent::Show(dialog) => self.dialog = Some(dialog),
            Intent::StartExport(form) => self.start_export(&form),
            Intent::OpenExternally(path) => {
                if let Err(error) = self.opener.open(&path) {
                    let file = path.display().to_string();
                    self.status = self
                        .tf(super::i18n::T::CannotOpen, &[("file", &file), ("error", &error.to_string())]);
                }
            }
            Intent::Recovery(choice) => self.answer_recovery(choice),
            Intent::SaveRefused(refused, choice) => self.answer_save_refused(refused, choice),
            Intent::SetLanguage(choice) => {
                self.lang_choice = choice;
                self.lang = choice.unwrap_or_else(super::i18n::system_lang);
                self.save_preferences();
            }
            Intent::SetTheme(theme) => self.set_theme(ctx, theme),
            Intent::ResolveConflict(index, side) => self.resolve_conflict(index, side),
            Intent::MergeFromDisk => {
                self.merge_from_disk();
            }
            Intent::ReloadFromDisk => self.reload_from_disk(),
            Intent::KeepLocal => self.keep_local(),
            Intent::Find(super::workshop::FindIntent::Step(forward)) => self.step_result(forward),
            Intent::Find(super::workshop::FindIntent::Close) => self.close_find(),
            Intent::Select(target) => {
                self.commit_inline();
                self.selection.only(target);
            }
            Intent::AddLane(LaneKind::Persona(persona)) => self.add_lane_for_persona(&persona),
            Intent::AddLane(kind) => self.add_shared_lane(kind),
            Intent::ReloadImages => self.load_images(),
            Intent::Room(RoomIntent::PrintSheet) => self.pick_file(FilePurpose::JoinSheet),
            Intent::Room(RoomIntent::Renew) => self.renew_room_link(),
            Intent::Room(RoomIntent::Close) => self.dialog = None,
            Intent::Room(RoomIntent::CloseRoom) => {
                self.close_room();
                self.dialog = None;
            }
            Intent::StartVote(vote) => self.start_vote(vote),
            Intent::NoteToCell(note, cell) => self.note_to_cell(&note, &cell),
            Intent::RemoveParticipant(participant) => self.remove_participant(&participant),
            Intent::DismissNote(note) => {
                self.apply_own(crate::edit::Command::DismissNotes { ids: vec![note] });
            }
            Intent::ZoomTo(zoom) => {
                let anchor = self.zoom_anchor(ctx).unwrap_or(self.canvas.viewport.rect.center());
                self.canvas.viewport.zoom_to(zoom, anchor);
            }
        }
    }

    /// Carries out an intent, if there is one.
    pub(crate) fn apply_some(&mut self, ctx: &egui::Context, intent: Option<Intent>) {
        if let Some(intent) = intent {
            self.apply(ctx, intent);
        }
    }

    /// Switches the theme of the window and the canvas, and remembers it.
    pub fn set_theme(&mut self, ctx: &egui::Context, theme: ThemeName) {
        self.theme = theme;
        self.apply_theme(ctx);
        self.save_preferences();
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
            Err(error) => self.status = self.tf(super::i18n::T::EditFailed, &[("error", &error.to_string())]),
        }
    }

    /// True when `action` can run now.
    pub fn enabled(&self, action: Action) -> bool {
        let history = self.editor.history();
        match action {
            // Typing a new card counts: Undo makes it a step and takes it back (Redo brings it).
            Action::Undo if self.room.is_some() => self.room_can_undo(true).unwrap_or(false),
            Action::Redo if self.room.is_some() => self.room_can_undo(false).unwrap_or(false),
            Action::Undo if self.joined.is_some() => self.joined_can_undo(true).unwrap_or(false),
            Action::Redo if self.joined.is_some() => self.joined_can_undo(false).unwrap_or(false),
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
                !self.selection.ids().is_empty()
            }
            // Usable as soon as the map has a cell: without a selection it adds to the first one.
            Action::AddCard => self.card_cell().is_some(),
            Action::EditInPlace => {
                self.selection.targets().iter().any(|t| matches!(t, Target::Card(_) | Target::Stage(_)))
            }
            Action::Export => self.export.is_none(),
            Action::Conflicts => !self.editor.map().conflicts.is_empty(),
            Action::Present | Action::Find => self.presentation.is_none(),
            // One room at a time: a window hosts one or joins one.
            Action::OpenRoom => self.presentation.is_none() && self.joined.is_none(),
            Action::JoinRoom => self.presentation.is_none() && self.room.is_none(),
            Action::LeaveRoom => self.joined.is_some(),
            Action::CloseRoom | Action::StartVote => self.room.is_some(),
            Action::StopVote => self.editor.map().vote.as_ref().is_some_and(|v| v.open),
            Action::FitStage => self.selected_stage().is_some(),
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
            | Action::FitAll
            | Action::ActualSize
            | Action::ToggleHiddenLanes
            | Action::PaperLayout
            | Action::ToggleTheme
            | Action::ToggleLanesPanel
            | Action::ToggleInspector
            | Action::Focus
            | Action::AddStage
            | Action::AddPersonaLane
            | Action::AddSharedLane
            | Action::Palette
            | Action::Recover
            | Action::Shortcuts
            | Action::About => true,
        }
    }

    /// Where zooming should keep things in place, on screen: the selection where it is seen,
    /// else the pointer over the canvas.
    pub(crate) fn zoom_anchor(&self, ctx: &egui::Context) -> Option<egui::Pos2> {
        let rect = self.canvas.viewport.rect;
        let to_screen = self.canvas.to_screen();
        let seen = self
            .selection
            .targets()
            .iter()
            .filter_map(|t| self.canvas.list.rect_of(t))
            .map(|r| to_screen.rect(r).intersect(rect))
            .find(egui::Rect::is_positive)
            .map(|r| r.center());
        seen.or_else(|| ctx.input(|i| i.pointer.hover_pos()).filter(|p| rect.contains(*p)))
    }

    /// The stage of the selection: a selected stage, or the stage of the selected cell or card.
    pub(crate) fn selected_stage(&self) -> Option<crate::model::Id> {
        let map = self.editor.map();
        self.selection
            .targets()
            .iter()
            .find_map(|t| match t {
                Target::Stage(id) => Some(id.clone()),
                _ => None,
            })
            .or_else(|| self.selection.cell(map).map(|c| c.stage))
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
            Action::Preferences => self.dialog = Some(Dialog::Preferences(PreferencesDialog)),
            Action::Conflicts => self.dialog = Some(Dialog::Conflicts(ConflictList)),
            Action::Recover => self.open_recover_list(),
            Action::Present => self.start_presentation(ctx),
            Action::Find => self.open_find(),
            Action::Funnel => self.toggle_funnel(),
            Action::Save => self.save(),
            Action::SaveAs => self.pick_file(FilePurpose::SaveAs),
            Action::Export => {
                self.dialog = Some(Dialog::Export(Box::new(ExportDialog::new(ExportForm::new(self)))));
            }
            Action::Quit => self.guard_unsaved(Pending::Quit),
            Action::Undo if self.room.is_some() => self.room_undo(true),
            Action::Redo if self.room.is_some() => self.room_undo(false),
            Action::Undo if self.joined.is_some() => self.joined_undo(true),
            Action::Redo if self.joined.is_some() => self.joined_undo(false),
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
                let ids = self.selection.ids();
                if let Some(text) = {
                    let result = self.editor.cut(&ids);
                    self.report(result)
                } {
                    ctx.copy_text(text);
                    self.selection.clear();
                }
            }
            Action::Copy => ctx.copy_text(self.editor.copy(&self.selection.ids())),
            Action::Paste => {
                // The text arrives as an `Event::Paste` (see `keyboard`); the menu asks for it.
                ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            }
            Action::Duplicate => {
                let ids = self.selection.ids();
                if let Some(new) = {
                    let result = self.editor.duplicate(&ids);
                    self.report(result)
                } {
                    self.selection.select_ids(self.editor.map(), &new);
                }
            }
            Action::Delete => {
                let ids = self.selection.ids();
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
                self.selection
                    .set(self.editor.map().cards.iter().map(|c| Target::Card(c.id.clone())).collect());
            }
            Action::ZoomIn => self.canvas.viewport.zoom_around(1.25, self.canvas.viewport.rect.center()),
            Action::ZoomOut => self.canvas.viewport.zoom_around(0.8, self.canvas.viewport.rect.center()),
            Action::Fit => {
                let anchor = self.zoom_anchor(ctx).map(|p| p.y);
                self.canvas.fit_width(anchor);
            }
            Action::FitAll => self.canvas.fit(),
            Action::FitStage => {
                if let Some(stage) = self.selected_stage() {
                    let anchor = self.zoom_anchor(ctx).map(|p| p.y);
                    self.canvas.fit_stage(&stage, anchor);
                }
            }
            Action::ActualSize => {
                let anchor = self.zoom_anchor(ctx).unwrap_or(self.canvas.viewport.rect.center());
                self.canvas.viewport.zoom_to(1.0, anchor);
            }
            Action::ToggleHiddenLanes => self.show_hidden = !self.show_hidden,
            Action::PaperLayout => self.set_paper_layout(!self.paper_layout()),
            Action::ToggleTheme => {
                let themes = Self::THEMES;
                let at = themes.iter().position(|t| *t == self.theme).unwrap_or(0);
                self.theme = themes[(at + 1) % themes.len()];
                self.apply_theme(ctx);
                self.save_preferences();
            }
            Action::ToggleLanesPanel => self.toggle_panel(super::panels::Side::Lanes),
            Action::ToggleInspector => self.toggle_panel(super::panels::Side::Inspector),
            Action::Focus => self.toggle_focus(),
            Action::AddStage => self.add_stage(),
            Action::AddPersonaLane => self.add_persona_lane(),
            Action::AddSharedLane => self.add_shared_lane(LaneKind::Thoughts),
            Action::AddCard => {
                if let Some(cell) = self.card_cell() {
                    self.start_new_card(cell);
                }
            }
            Action::EditInPlace => match self.selection.first().cloned() {
                Some(Target::Card(id)) => self.start_edit_card(&id),
                Some(Target::Stage(id)) => self.start_rename_stage(&id),
                _ => {}
            },
            Action::Palette => self.dialog = Some(Dialog::Palette(Palette::new())),
            Action::Shortcuts => self.dialog = Some(Dialog::Shortcuts(KeyboardReference)),
            Action::About => self.dialog = Some(Dialog::About),
            Action::OpenRoom => {
                if self.open_room(ctx) {
                    self.dialog = Some(Dialog::Room(RoomWindow::default()));
                }
            }
            Action::CloseRoom => self.close_room(),
            Action::JoinRoom => {
                let name = super::room::person_name("");
                self.dialog = Some(Dialog::Join(super::dialogs::JoinForm::new(name)));
            }
            Action::LeaveRoom => self.leave_room(),
            Action::StartVote => self.dialog = Some(Dialog::Vote(VoteForm::new(self.editor.map()))),
            Action::StopVote => self.stop_vote(),
        }
    }
}
