//! The side panels: the lanes panel on the left ([`lanes`]) and the inspector on the right
//! ([`inspector`]). A panel draws with a [`PanelContext`], which lends it the parts of the
//! designer it may change (the editor, the selection, the status line) and collects what it
//! cannot do itself (choose a file, add a lane, select and leave in-place editing) as
//! [`Intent`]s that the designer applies once the panel is drawn. A new panel (a tray, a
//! panel that collapses) is a new file here and a line in [`Side`] (`Designer::side_panels_ui`).

pub mod inbox;
pub mod inspector;
pub mod lanes;

pub use lanes::{lane_kind_text, lane_name};

use super::Designer;
use super::dialogs::FilePurpose;
use super::i18n::{Lang, T, fill};
use super::intents::Intent;
use super::selection::Selection;
use crate::display::Image;
use crate::edit::{EditError, Editor};
use crate::model::{Id, LaneKind};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The side panels, in the order they are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Lanes, personas and stages, on the left.
    Lanes,
    /// The inspector, on the right.
    Inspector,
    /// The workshop room's inbox tray, on the right of the inspector (while a room is open or
    /// notes wait).
    Inbox,
}

impl Side {
    /// Every side panel.
    pub const ALL: [Side; 3] = [Side::Lanes, Side::Inspector, Side::Inbox];

    /// The egui panel it is drawn in.
    fn panel(self) -> egui::Panel {
        match self {
            Side::Lanes => egui::Panel::left("lanes").default_size(220.0),
            Side::Inspector => egui::Panel::right("inspector").default_size(300.0),
            Side::Inbox => egui::Panel::right("inbox").default_size(260.0),
        }
    }
}

/// What a side panel works with while it is drawn.
pub struct PanelContext<'a> {
    /// The map, its history and id generator.
    pub editor: &'a mut Editor,
    /// The selection.
    pub selection: &'a mut Selection,
    /// The status bar's message (edit errors go there).
    pub status: &'a mut String,
    /// The interface language.
    pub lang: Lang,
    /// The decoded photos (the inspector says when one is missing).
    pub images: &'a BTreeMap<String, Arc<Image>>,
    /// The window's theme (the persona sheet's preview is drawn in it).
    pub theme: crate::layout::ThemeName,
    /// What the panel asked for that only the designer can do, in order.
    pub intents: Vec<Intent>,
}

impl PanelContext<'_> {
    /// A text of the interface in its language.
    pub fn t(&self, key: T) -> &'static str {
        key.tr(self.lang)
    }

    /// A text with its placeholders filled.
    pub fn tf(&self, key: T, values: &[(&str, &str)]) -> String {
        fill(key.tr(self.lang), values)
    }

    /// Shows an edit error in the status bar; returns the value when there was none.
    pub fn report<V>(&mut self, result: Result<V, EditError>) -> Option<V> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                *self.status = self.tf(T::EditFailed, &[("error", &error.to_string())]);
                None
            }
        }
    }

    /// Asks for a file (a persona's photo).
    pub fn pick_file(&mut self, purpose: FilePurpose) {
        self.intents.push(Intent::PickFile(purpose));
    }

    /// Decodes the map's photos again (after one was removed).
    pub fn load_images(&mut self) {
        self.intents.push(Intent::ReloadImages);
    }

    /// Adds a lane for an existing persona.
    pub fn add_lane_for_persona(&mut self, persona: &Id) {
        self.intents.push(Intent::AddLane(LaneKind::Persona(persona.clone())));
    }

    /// Adds a persona with its lane.
    pub fn add_persona_lane(&mut self) {
        self.intents.push(Intent::Run(super::Action::AddPersonaLane));
    }

    /// Adds a shared lane of this kind.
    pub fn add_shared_lane(&mut self, kind: LaneKind) {
        self.intents.push(Intent::AddLane(kind));
    }
}

impl Designer {
    /// Lends the panels what they may change.
    fn panel_context(&mut self) -> PanelContext<'_> {
        PanelContext {
            editor: &mut self.editor,
            selection: &mut self.selection,
            status: &mut self.status,
            lang: self.lang,
            images: &self.images,
            theme: self.theme,
            intents: Vec::new(),
        }
    }

    /// The lanes panel on the left and the inspector on the right, resizable; what each asked
    /// for is applied as soon as it is drawn.
    pub(crate) fn side_panels_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        for side in Side::ALL {
            if side == Side::Inbox && self.room.is_none() && self.editor.map().inbox.is_empty() {
                continue;
            }
            let asked = side
                .panel()
                .resizable(true)
                .show(ui, |ui| {
                    let mut cx = self.panel_context();
                    match side {
                        Side::Lanes => cx.lanes_panel_ui(ui),
                        Side::Inspector => cx.inspector_ui(ui),
                        Side::Inbox => cx.inbox_ui(ui),
                    }
                    cx.intents
                })
                .inner;
            for intent in asked {
                self.apply(&ctx, intent);
            }
        }
    }

    /// The name a lane shows: its title, or its persona's name.
    pub fn lane_name(&self, lane: &Id) -> String {
        lane_name(self.editor.map(), lane, self.lang)
    }
}
