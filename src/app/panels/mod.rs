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
use super::files::PanelPreference;
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

    /// The egui panel it is drawn in, `width` wide until the user drags its edge.
    fn panel(self, width: f32) -> egui::Panel {
        let panel = match self {
            Side::Lanes => egui::Panel::left("lanes"),
            Side::Inspector => egui::Panel::right("inspector"),
            Side::Inbox => egui::Panel::right("inbox"),
        };
        panel.default_size(width).size_range(MIN_PANEL_WIDTH..=MAX_PANEL_WIDTH)
    }
}

/// The narrowest a side panel can be dragged, in screen points.
pub const MIN_PANEL_WIDTH: f32 = 150.0;
/// The widest a side panel can be dragged, in screen points.
pub const MAX_PANEL_WIDTH: f32 = 600.0;

/// The side panels as the user arranged them: which are open, how wide (remembered in the
/// preferences), and what the focus toggle hid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SidePanels {
    /// The lanes panel on the left.
    pub lanes: PanelPreference,
    /// The inspector on the right.
    pub inspector: PanelPreference,
    /// The inbox tray (while a room is open), not remembered.
    pub inbox_width: f32,
    /// What was open before the focus toggle hid both panels (`None`: not in focus).
    pub before_focus: Option<(bool, bool)>,
}

impl Default for SidePanels {
    fn default() -> Self {
        // Narrow enough to leave the map about 600 points of a 1024-point window.
        Self {
            lanes: PanelPreference { open: true, width: 210.0 },
            inspector: PanelPreference { open: true, width: 250.0 },
            inbox_width: 240.0,
            before_focus: None,
        }
    }
}

impl SidePanels {
    /// The panels as remembered in the preferences (the defaults for what they do not say).
    pub fn from_preferences(preferences: &super::files::Preferences) -> Self {
        let default = Self::default();
        let clamp = |p: PanelPreference| PanelPreference {
            open: p.open,
            width: if p.width.is_finite() {
                p.width.clamp(MIN_PANEL_WIDTH, MAX_PANEL_WIDTH)
            } else {
                MIN_PANEL_WIDTH
            },
        };
        Self {
            lanes: preferences.lanes_panel.map_or(default.lanes, clamp),
            inspector: preferences.inspector_panel.map_or(default.inspector, clamp),
            ..default
        }
    }

    /// Whether this panel is shown (the inbox shows while a room is open or notes wait).
    pub fn is_open(&self, side: Side) -> bool {
        match side {
            Side::Lanes => self.lanes.open,
            Side::Inspector => self.inspector.open,
            Side::Inbox => true,
        }
    }

    /// Shows or hides a panel (this leaves focus).
    pub fn toggle(&mut self, side: Side) {
        self.before_focus = None;
        match side {
            Side::Lanes => self.lanes.open = !self.lanes.open,
            Side::Inspector => self.inspector.open = !self.inspector.open,
            Side::Inbox => {}
        }
    }

    /// The focus toggle: hides both panels, or shows again what it hid.
    pub fn toggle_focus(&mut self) {
        if let Some((lanes, inspector)) = self.before_focus.take() {
            self.lanes.open = lanes;
            self.inspector.open = inspector;
        } else if self.lanes.open || self.inspector.open {
            self.before_focus = Some((self.lanes.open, self.inspector.open));
            self.lanes.open = false;
            self.inspector.open = false;
        } else {
            // Both were closed one by one: focus off shows both.
            self.lanes.open = true;
            self.inspector.open = true;
        }
    }

    /// True while the focus toggle hides the panels.
    pub fn in_focus(&self) -> bool {
        !self.lanes.open && !self.inspector.open
    }

    fn width(&self, side: Side) -> f32 {
        match side {
            Side::Lanes => self.lanes.width,
            Side::Inspector => self.inspector.width,
            Side::Inbox => self.inbox_width,
        }
    }

    /// Records the width a panel was drawn at; true when a remembered width changed.
    fn drawn(&mut self, side: Side, width: f32) -> bool {
        let slot = match side {
            Side::Lanes => &mut self.lanes.width,
            Side::Inspector => &mut self.inspector.width,
            Side::Inbox => &mut self.inbox_width,
        };
        let changed = (*slot - width).abs() > 0.5;
        *slot = width;
        changed && side != Side::Inbox
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

    /// The lanes panel on the left and the inspector on the right, each resizable and
    /// collapsible; what each asked for is applied as soon as it is drawn. A panel is as wide as
    /// the user made it, never as wide as its widest content (a long photo path, a wide photo):
    /// what does not fit is clipped. Widths the user drags are saved in the preferences once the
    /// pointer is released.
    pub(crate) fn side_panels_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        for side in Side::ALL {
            if side == Side::Inbox && self.room.is_none() && self.editor.map().inbox.is_empty() {
                continue;
            }
            if !self.panels.is_open(side) {
                continue;
            }
            let shown = side.panel(self.panels.width(side)).resizable(true).show(ui, |ui| {
                // The contents get the panel's rectangle and no more: a wider widget is clipped
                // rather than pushing the panel's edge (egui keeps a panel as wide as its
                // contents were).
                let rect = ui.available_rect_before_wrap();
                let mut contents = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
                contents.shrink_clip_rect(rect);
                ui.advance_cursor_after_rect(rect);
                let mut cx = self.panel_context();
                match side {
                    Side::Lanes => cx.lanes_panel_ui(&mut contents),
                    Side::Inspector => cx.inspector_ui(&mut contents),
                    Side::Inbox => cx.inbox_ui(&mut contents),
                }
                cx.intents
            });
            // Only a drag of the panel's edge changes the width remembered (not a window too
            // narrow for it).
            let by_user = ctx.input(|i| i.pointer.any_down() || i.pointer.any_released());
            if by_user && self.panels.drawn(side, shown.response.rect.width()) {
                self.panels_unsaved = true;
            }
            for intent in shown.inner {
                self.apply(&ctx, intent);
            }
        }
        if self.panels_unsaved && !ctx.input(|i| i.pointer.any_down()) {
            self.panels_unsaved = false;
            self.save_preferences();
        }
    }

    /// The side panels: open or closed, and how wide.
    pub fn panels(&self) -> &SidePanels {
        &self.panels
    }

    /// Shows or hides a side panel, and remembers it.
    pub fn toggle_panel(&mut self, side: Side) {
        self.panels.toggle(side);
        self.save_preferences();
    }

    /// Hides both side panels (focus), or shows again what focus hid; remembered.
    pub fn toggle_focus(&mut self) {
        self.panels.toggle_focus();
        self.save_preferences();
    }

    /// The name a lane shows: its title, or its persona's name.
    pub fn lane_name(&self, lane: &Id) -> String {
        lane_name(self.editor.map(), lane, self.lang)
    }
}
