//! The open document's file: opening, saving, new from a template, importing, photos, and the
//! unsaved-changes guard in front of anything that would replace the map; file choosers (a
//! native dialog on its own thread, or the in-app path prompt); the export thread; and the
//! per-frame polling of what runs in the background.

use super::dialogs::{self, Dialog, FilePurpose, Pending};
use super::files::Store;
use super::i18n::T;
use super::{Designer, disk, export_job, files};
use crate::edit::Editor;
use crate::export::Sheet;
use crate::layout::LayoutTarget;
use crate::model::{Id, Map};
use crate::paint::{Orientation, PT_PER_MM, PageSetup, Paper};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What the canvas lays the map out for (View › Layout).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CanvasLayout {
    /// Lay out as the export does, for `page`; otherwise the free screen layout.
    pub paper: bool,
    /// The page the latest poster export of this session used; A1 landscape with 10 mm
    /// margins until there is one.
    pub page: PageSetup,
}

impl Default for CanvasLayout {
    fn default() -> Self {
        Self {
            paper: false,
            page: PageSetup {
                paper: Paper::A1,
                orientation: Orientation::Landscape,
                margin_pt: 10.0 * PT_PER_MM,
            },
        }
    }
}

impl Designer {
    /// True when the canvas shows the paper layout (as exported).
    pub fn paper_layout(&self) -> bool {
        self.canvas_layout.paper
    }

    /// Lays the canvas out for the export's paper (`true`) or for the screen, and fits it again.
    pub fn set_paper_layout(&mut self, paper: bool) {
        if self.canvas_layout.paper != paper {
            self.canvas_layout.paper = paper;
            self.canvas.viewport.fit_pending = true;
        }
    }

    /// What the map is laid out for on the canvas: the screen, or the printable area of the
    /// export's page (the same layout the export prints).
    pub fn layout_target(&self) -> LayoutTarget {
        if self.canvas_layout.paper {
            LayoutTarget::Paper(crate::export::paper_area(&self.canvas_layout.page))
        } else {
            LayoutTarget::Screen
        }
    }

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
        // The room was the previous map's: participants and desktops would see another map.
        self.close_room();
        self.leave_room();
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
            Pending::Join { url, name } => {
                let ctx = self.ctx.clone();
                self.join_room(&ctx, &url, &name);
            }
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
                FilePurpose::JoinSheet => dialog.add_filter("PDF", &["pdf"]).save_file(),
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
        if let (FilePurpose::ExportTo, Some(Dialog::Export(form))) = (purpose, &self.dialog) {
            return form.destination.clone();
        }
        match (purpose, &self.path) {
            (FilePurpose::SaveAs, Some(p)) => p.display().to_string(),
            (FilePurpose::ExportTo, Some(p)) => p.with_extension("pdf").display().to_string(),
            (FilePurpose::Import, _) => self.map_folder().join("journey.mmd").display().to_string(),
            (FilePurpose::JoinSheet, _) => self.map_folder().join("join-sheet.pdf").display().to_string(),
            (FilePurpose::SaveAs, None) => self.map_folder().join("map.ron").display().to_string(),
            // A photo, or a map to open: the map's folder, for the name to be typed after it.
            (FilePurpose::Photo(_) | FilePurpose::Open | FilePurpose::ExportTo, _) => {
                let mut folder = self.map_folder().into_os_string();
                folder.push(std::path::MAIN_SEPARATOR_STR);
                folder.to_string_lossy().into_owned()
            }
        }
    }

    /// Acts on a chosen file.
    pub fn file_chosen(&mut self, purpose: FilePurpose, path: PathBuf) {
        match purpose {
            FilePurpose::Open => self.open(&path),
            FilePurpose::SaveAs => {
                let path = if path.extension().is_none() { path.with_extension("ron") } else { path };
                if self.joined.is_some() {
                    // The map stays the room's: this writes a copy of it.
                    self.save_copy(&path);
                } else {
                    self.save_to(&path);
                }
            }
            FilePurpose::ExportTo => {
                if let Some(Dialog::Export(form)) = &mut self.dialog {
                    form.destination = path.display().to_string();
                } else {
                    let mut form = dialogs::ExportForm::new(self);
                    form.destination = path.display().to_string();
                    self.dialog = Some(Dialog::Export(Box::new(dialogs::ExportDialog::new(form))));
                }
            }
            FilePurpose::Photo(persona) => self.set_photo(&persona, &path),
            FilePurpose::Import => self.import(&path),
            FilePurpose::JoinSheet => self.write_join_sheet(&path),
        }
    }

    /// Writes the open room's join sheet (A4, PDF or PNG by extension).
    fn write_join_sheet(&mut self, path: &Path) {
        let Some(room) = &self.room else { return };
        let path = if path.extension().is_none() { path.with_extension("pdf") } else { path.to_path_buf() };
        let written = crate::room::sheet::join_sheet_file(&room.url(), self.editor.map())
            .and_then(|file| file.bytes(&path))
            .and_then(|bytes| crate::file::write_atomic(&path, &bytes).map_err(|e| e.reason()));
        match written {
            Ok(()) => self.status = self.tf(T::JoinSheetWritten, &[("file", &path.display().to_string())]),
            Err(error) => {
                let message = format!("{}: {error}", path.display());
                self.dialog = Some(Dialog::Error(message));
            }
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

    /// Polls what runs in the background: a native file dialog, an export, the autosave
    /// timer, the watch on the open file.
    pub(crate) fn poll_background(&mut self, ctx: &egui::Context) {
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
                Some(Ok(exported)) => {
                    let report = dialogs::ExportedReport { exported };
                    self.status = report.status(self.lang);
                    self.dialog = Some(Dialog::Exported(report));
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

    /// Starts the poster export on its own thread.
    pub fn start_export(&mut self, form: &dialogs::ExportForm) {
        // The paper layout shows the poster as last exported.
        if form.sheet == Sheet::Poster {
            self.canvas_layout.page = PageSetup {
                paper: form.paper,
                orientation: form.orientation,
                margin_pt: form.margin_mm * PT_PER_MM,
            };
        }
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
