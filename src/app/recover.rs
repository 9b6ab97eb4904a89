//! Getting unsaved work back: offering the newest recovery copy at start-up, File › Recover…,
//! and acting on the answers of their dialogs (`dialogs::recovery`).

use super::Designer;
use super::dialogs::{Dialog, Pending, RecoverList, RecoveryChoice, RecoveryPrompt};
use super::files::Recovery;
use super::i18n::T;
use crate::model::Map;

impl Designer {
    /// Offers the newest recovery copy, if any (at start-up).
    pub(crate) fn offer_recovery(&mut self) {
        let mut copies = self.store.recoveries();
        if copies.is_empty() {
            return;
        }
        let recovery = copies.remove(0);
        self.dialog =
            Some(Dialog::Recovery(RecoveryPrompt { recovery, others: copies.len(), confirming: false }));
    }

    /// Opens File › Recover….
    pub fn open_recover_list(&mut self) {
        let own = self.autosaved.as_ref().map(|a| a.copy.clone());
        self.dialog = Some(Dialog::Recover(RecoverList::new(&self.store, own.as_deref())));
    }

    /// Acts on a recovery dialog's answer.
    pub fn answer_recovery(&mut self, choice: RecoveryChoice) {
        match choice {
            RecoveryChoice::Restore(recovery) => self.guard_unsaved(Pending::Restore(Box::new(recovery))),
            RecoveryChoice::Discard(recovery) => match self.store.discard(&recovery) {
                Ok(_) => self.status = self.t(T::DiscardedKept).to_owned(),
                Err(error) => self.status = self.tf(T::AutosaveFailed, &[("error", &error)]),
            },
            RecoveryChoice::Close => {}
        }
    }

    /// Restores a recovery copy: its original opens as the saved state, and the copy's content is
    /// one undoable change on top (unsaved). The copy is kept among the discarded ones for a week.
    pub fn restore(&mut self, recovery: &Recovery) {
        match crate::file::load(&recovery.copy) {
            Ok(map) => {
                let original = recovery.original.clone().filter(|p| p.exists());
                let loaded = original.as_deref().and_then(|p| super::disk::load_with_bytes(p).ok());
                match loaded {
                    Some((base, bytes)) => {
                        self.replace_document(base, original);
                        self.base = Some(bytes);
                    }
                    None => self.replace_document(Map::default(), None),
                }
                let result = self.editor.replace_map(map);
                self.report(result);
                if recovery.discarded_at.is_none()
                    && let Err(error) = self.store.discard(recovery)
                {
                    self.status = self.tf(T::AutosaveFailed, &[("error", &error)]);
                    return;
                }
                self.status = self.t(T::Restored).to_owned();
            }
            Err(error) => self.dialog = Some(Dialog::Error(self.file_error(&error))),
        }
    }
}
