//! The open map and its file on disk: what was last loaded or saved (the base of a three-way
//! merge), changes made by someone else (a colleague's `git pull`), saves that refuse to
//! overwrite them, and the recovery copy of unsaved work.
//!
//! - The file is watched ([`super::files::Watch`]); a change is compared with the base by content.
//! - No local work: the new version is loaded by itself, as one undoable step.
//! - Local work: a banner offers Merge (three-way, by element and field, one undoable step;
//!   conflicts go to the conflict list), Reload (one undoable step) or Keep mine.
//! - Save writes only if the file still holds the base ([`crate::file::write_atomic_if`]); if not,
//!   [`SaveRefused`] (in `dialogs`) offers Merge and save, Save as, or Overwrite after a backup
//!   of theirs.

use super::Designer;
use super::dialogs::{Dialog, FilePurpose, Pending, SaveChoice, SaveRefused};
use super::files::{Autosaved, Note, Store};
use super::i18n::{N, T};
use crate::file::{self, ContentHash, FileError, OnDisk};
use crate::model::Map;
use std::path::Path;

/// What the banner over the canvas says about the open file on disk.
#[derive(Clone, Debug, PartialEq)]
pub enum ExternalChange {
    /// Someone else changed it while there is unsaved work here.
    Changed,
    /// It was deleted or moved away.
    Gone,
    /// It changed but cannot be read (left half-merged by git, say): the message says why.
    Unreadable(String),
}

/// A version of the file as seen on disk: its content hash, `None` when there is no file.
pub type Seen = Option<ContentHash>;

/// Reads a map file, returning its bytes too (the base of later merges and saves).
pub fn load_with_bytes(path: &Path) -> Result<(Map, Vec<u8>), FileError> {
    let text = file::read_text(path)?;
    let map = file::from_str(&text, path)?;
    Ok((map, text.into_bytes()))
}

/// True when two paths name the same file (one may be relative, or not exist yet).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let absolute = |p: &Path| {
        std::fs::canonicalize(p).or_else(|_| std::path::absolute(p)).unwrap_or_else(|_| p.to_path_buf())
    };
    a == b || absolute(a) == absolute(b)
}

impl Designer {
    /// The bytes of the file as last loaded, saved or merged in: what a save expects to find on
    /// disk, and the base of a merge. `None` when the map has no file yet.
    pub fn base(&self) -> Option<&[u8]> {
        self.base.as_deref()
    }

    /// True while something here is not on disk: unsaved changes, a card being typed, a drag.
    pub fn has_local_work(&self) -> bool {
        self.editor.is_dirty()
            || self.canvas.inline.is_some()
            || self.canvas.drag.is_some()
            || self.editor.history().in_transaction()
    }

    fn base_seen(&self) -> Seen {
        self.base.as_deref().map(ContentHash::of)
    }

    /// Looks at the open file on disk now (the watcher calls this when it changed; tests too).
    /// A version this window knows (its own save) or was told about (Keep mine) is left alone; a
    /// new one is loaded by itself when there is no local work, else offered in the banner.
    pub fn check_disk_now(&mut self) {
        let Some(path) = self.path.clone() else { return };
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            // Unreadable for now (permissions, a network share): look again at the next event.
            Err(_) => return,
        };
        let seen: Seen = bytes.as_deref().map(ContentHash::of);
        if seen == self.base_seen() {
            // Our own save, or the file went back to what we have.
            self.external_change = None;
            self.dismissed = None;
            return;
        }
        if self.dismissed == Some(seen) {
            return;
        }
        let Some(bytes) = bytes else {
            self.external_change = Some(ExternalChange::Gone);
            return;
        };
        let text = String::from_utf8_lossy(&bytes);
        match file::from_str(&text, &path) {
            Ok(map) if !self.has_local_work() => {
                self.take_disk_version(map, bytes);
                self.status = self.tf(T::ReloadedChanged, &[("file", &path.display().to_string())]);
            }
            Ok(_) => self.external_change = Some(ExternalChange::Changed),
            Err(error) => {
                self.external_change = Some(ExternalChange::Unreadable(self.file_error(&error)));
            }
        }
    }

    /// Puts the disk's version in as one undoable step, as saved: it becomes the base.
    fn take_disk_version(&mut self, map: Map, bytes: Vec<u8>) {
        let result = self.editor.replace_map(map);
        if self.report(result).is_some() {
            self.editor.mark_saved();
            self.base = Some(bytes);
            self.dismissed = None;
            self.external_change = None;
            self.prune_selection();
            self.load_images();
        }
    }

    /// Reloads the open file from disk as one undoable step (so local edits can be got back).
    pub fn reload_from_disk(&mut self) {
        let Some(path) = self.path.clone() else { return };
        self.commit_inline();
        self.cancel_drag();
        match load_with_bytes(&path) {
            Ok((map, bytes)) => {
                self.take_disk_version(map, bytes);
                self.status = self.tf(T::ReloadedFrom, &[("file", &path.display().to_string())]);
            }
            Err(error) => self.dialog = Some(Dialog::Error(self.file_error(&error))),
        }
    }

    /// Merges the version on disk into the map (three-way, from the base), as one undoable step;
    /// conflicts go to the map's conflict list. The disk's version becomes the base. Returns true
    /// when nothing conflicts.
    pub fn merge_from_disk(&mut self) -> bool {
        let Some(path) = self.path.clone() else { return false };
        self.commit_inline();
        self.cancel_drag();
        let (theirs, bytes) = match load_with_bytes(&path) {
            Ok(loaded) => loaded,
            Err(error) => {
                self.dialog = Some(Dialog::Error(self.file_error(&error)));
                return false;
            }
        };
        let base = match self.base.as_deref().map(|b| file::from_str(&String::from_utf8_lossy(b), &path)) {
            Some(Ok(base)) => base,
            // No base (the file did not exist when this map was made): everything is new on both
            // sides, and whatever differs is a conflict to choose from.
            None | Some(Err(_)) => Map::default(),
        };
        let outcome = crate::semantic::merge3(&base, self.editor.map(), &theirs);
        let merged_is_theirs = outcome.map == theirs;
        let conflicts = outcome.conflicts.len();
        let result = self.editor.replace_map(outcome.map);
        if self.report(result).is_none() {
            return false;
        }
        if merged_is_theirs {
            self.editor.mark_saved();
        }
        self.base = Some(bytes);
        self.dismissed = None;
        self.external_change = None;
        self.prune_selection();
        self.load_images();
        let file = path.display().to_string();
        self.status = if conflicts == 0 {
            self.tf(T::MergedFrom, &[("file", &file)])
        } else {
            self.tf(
                T::MergedConflicts,
                &[("file", &file), ("conflicts", &N::Conflicts.n(self.lang, conflicts))],
            )
        };
        conflicts == 0
    }

    /// Keeps the local version after a change on disk. The file is now out of date, so the map
    /// counts as unsaved; the next save will not overwrite their version without asking.
    pub fn keep_local(&mut self) {
        let Some(path) = self.path.clone() else { return };
        self.dismissed = Some(ContentHash::of_file(&path).ok().flatten());
        self.external_change = None;
        self.editor.history_mut().forget_saved();
    }

    /// Saves to `path`; true when it worked. Saving to the open file writes only if the file still
    /// holds what was loaded or saved last; otherwise [`SaveRefused`] asks what to do.
    pub fn save_to(&mut self, path: &Path) -> bool {
        self.save_then(path, None)
    }

    /// Saves to `path`, then does `then` (a pending quit or open) once it is saved.
    pub(crate) fn save_then(&mut self, path: &Path, then: Option<Pending>) -> bool {
        let same = self.path.as_deref().is_some_and(|open| same_file(open, path));
        let expected = if same {
            match self.base.as_deref() {
                Some(base) => OnDisk::Unchanged(ContentHash::of(base)),
                None => OnDisk::Absent,
            }
        } else {
            // Another file the user chose (a native dialog confirms an overwrite).
            OnDisk::Any
        };
        self.write_map(path, expected, then)
    }

    fn write_map(&mut self, path: &Path, expected: OnDisk, then: Option<Pending>) -> bool {
        let bytes = file::to_string(self.editor.map()).into_bytes();
        match file::write_atomic_if(path, &bytes, expected) {
            Ok(()) => {
                self.saved_as(path, bytes);
                if let Some(then) = then {
                    self.proceed(then);
                }
                true
            }
            Err(FileError::ChangedOnDisk { .. }) => {
                let exists = path.exists();
                self.dialog =
                    Some(Dialog::SaveRefused(SaveRefused { path: path.to_path_buf(), then, exists }));
                false
            }
            Err(error) => {
                self.dialog = Some(Dialog::Error(self.file_error(&error)));
                false
            }
        }
    }

    /// After a save: not dirty, the bytes written are the base, the recovery copy goes.
    fn saved_as(&mut self, path: &Path, bytes: Vec<u8>) {
        if let Some(copy) = self.autosaved.take() {
            Store::remove_own_copy(&copy);
        }
        self.editor.mark_saved();
        self.autosaved_revision = None;
        if !self.path.as_deref().is_some_and(|open| same_file(open, path)) {
            self.set_path(Some(path.to_path_buf()));
        }
        self.base = Some(bytes);
        self.dismissed = None;
        self.external_change = None;
        self.status = self.tf(T::SavedTo, &[("file", &path.display().to_string())]);
    }

    /// Acts on the answer to [`SaveRefused`].
    pub fn answer_save_refused(&mut self, refused: SaveRefused, choice: SaveChoice) {
        match choice {
            SaveChoice::MergeAndSave => {
                if self.merge_from_disk() {
                    self.save_then(&refused.path, refused.then);
                }
            }
            SaveChoice::SaveAs => self.pick_file(FilePurpose::SaveAs),
            SaveChoice::Overwrite => self.overwrite(&refused.path, refused.then),
            SaveChoice::Cancel => {}
        }
    }

    /// Writes the map over a file that changed on disk, after copying that version into the data
    /// folder's backups; says where the backup is.
    pub fn overwrite(&mut self, path: &Path, then: Option<Pending>) {
        let disk = match std::fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                let error = FileError::Io { path: path.to_path_buf(), source };
                self.dialog = Some(Dialog::Error(self.file_error(&error)));
                return;
            }
        };
        let backup = match &disk {
            Some(bytes) => match self.store.backup(path, bytes) {
                Ok(backup) => Some(backup),
                Err(error) => {
                    self.dialog = Some(Dialog::Error(self.tf(T::CannotBackup, &[("error", &error)])));
                    return;
                }
            },
            None => None,
        };
        // Only over the version just backed up: a change made meanwhile is asked about again.
        let expected = disk.as_deref().map_or(OnDisk::Absent, |b| OnDisk::Unchanged(ContentHash::of(b)));
        if self.write_map(path, expected, None) {
            if let Some(backup) = backup {
                let message = self.tf(
                    T::OverwriteDone,
                    &[("file", &path.display().to_string()), ("backup", &backup.display().to_string())],
                );
                self.status.clone_from(&message);
                self.dialog = Some(Dialog::Info(message));
            }
            if let Some(then) = then {
                self.proceed(then);
            }
        }
    }

    /// Writes the recovery copy now (the 30 s timer calls this), beside any other window's.
    pub fn autosave_now(&mut self) {
        self.last_autosave = std::time::Instant::now();
        let note = Note::new(self.path.as_deref(), self.editor.map(), self.editor.history().unsaved_steps());
        match self.store.autosave(self.editor.map(), &note, self.autosaved.as_ref()) {
            Ok(written) => {
                self.autosaved = Some(written);
                self.autosaved_revision = Some(self.editor.revision());
            }
            Err(e) => self.status = self.tf(T::AutosaveFailed, &[("error", &e)]),
        }
    }

    /// This window's recovery copy, if it wrote one.
    pub fn recovery_copy(&self) -> Option<&Autosaved> {
        self.autosaved.as_ref()
    }

    /// Drops unsaved work the user chose to discard: it is kept among the discarded recovery
    /// copies for a week (File › Recover…), and this window's live copy goes.
    pub fn discard_unsaved(&mut self) {
        if self.editor.is_dirty() {
            let note =
                Note::new(self.path.as_deref(), self.editor.map(), self.editor.history().unsaved_steps());
            if let Err(error) = self.store.keep_discarded(self.editor.map(), &note) {
                self.status = self.tf(T::AutosaveFailed, &[("error", &error)]);
            }
        }
        if let Some(copy) = self.autosaved.take() {
            Store::remove_own_copy(&copy);
        }
        self.autosaved_revision = None;
        self.editor.mark_saved();
    }
}
