//! Notes dragged from the inbox tray onto the canvas: the cell under the pointer is ringed while
//! the note is held over it, and the note becomes a card there when it is let go (one undo
//! step, through the room's session when a room is open). A note let go over a card lands in
//! that card's cell; over anything else (a header, the emotion band), nothing happens.

use super::super::Designer;
use super::super::panels::inbox::NoteDrag;
use crate::display::Target;
use crate::edit::Cell;
use crate::paint::screen::MapToScreen;

impl Designer {
    /// The cell a note held at `pos` (screen) would land in.
    fn drop_cell(&self, pos: egui::Pos2, to_screen: MapToScreen) -> Option<Cell> {
        match self.canvas.list.hit(to_screen.map_point(pos))? {
            Target::Cell { lane, stage } | Target::EmotionPoint { lane, stage } => {
                Some(Cell::new(lane.clone(), stage.clone()))
            }
            Target::Card(id) => {
                self.editor.map().card(id).map(|card| Cell::new(card.lane.clone(), card.stage.clone()))
            }
            Target::Title | Target::Stage(_) | Target::Lane(_) => None,
        }
    }

    /// Rings the cell a note is held over, and makes the note a card there when let go.
    pub(super) fn note_drop_ui(
        &mut self,
        response: &egui::Response,
        painter: &egui::Painter,
        to_screen: MapToScreen,
    ) {
        if self.read_only() {
            return;
        }
        let Some(pos) = response.ctx.pointer_interact_pos() else { return };
        if response.dnd_hover_payload::<NoteDrag>().is_some()
            && let Some(cell) = self.drop_cell(pos, to_screen)
            && let Some(r) = self.canvas.list.rect_of(&Target::Cell { lane: cell.lane, stage: cell.stage })
        {
            let accent = egui::Color32::from_rgb(0x1f, 0x6f, 0xeb);
            let ring = to_screen.rect(r).shrink(2.0);
            painter.rect(
                ring,
                4.0,
                accent.gamma_multiply(0.12),
                egui::Stroke::new(2.0, accent),
                egui::StrokeKind::Inside,
            );
        }
        if let Some(note) = response.dnd_release_payload::<NoteDrag>()
            && let Some(cell) = self.drop_cell(pos, to_screen)
        {
            self.note_to_cell(&note.0, &cell);
        }
    }
}
