//! The other people in a workshop room, on the canvas: what each has selected is ringed in their
//! own colour, with their name on a tag at the ring's top-left corner, so that two people at two
//! desktops see who is working where before they touch the same card.

use super::Canvas;
use crate::display::Target;
use crate::model::Id;
use crate::room::Presence;

/// Colours told apart from the selection's blue and from one another (Okabe–Ito's palette,
/// chosen for colour-blind readers), dark enough for white text on the name tag.
const PALETTE: [egui::Color32; 6] = [
    egui::Color32::from_rgb(0xd5, 0x5e, 0x00),
    egui::Color32::from_rgb(0x00, 0x7a, 0x5e),
    egui::Color32::from_rgb(0xb0, 0x3a, 0x8a),
    egui::Color32::from_rgb(0x8a, 0x6a, 0x00),
    egui::Color32::from_rgb(0x00, 0x6b, 0xa6),
    egui::Color32::from_rgb(0x6a, 0x4c, 0x93),
];

/// The colour a person is drawn in: the same on every desktop, from their desktop id.
pub fn person_colour(id: &Id) -> egui::Color32 {
    let hash = crate::hash::fnv1a(id.as_str().as_bytes());
    let index = usize::try_from(hash % PALETTE.len() as u64).unwrap_or(0);
    PALETTE[index]
}

impl Canvas {
    /// The element an id names in the drawn map, if drawn.
    fn drawn(&self, id: &Id) -> Option<egui::Rect> {
        let to_screen = self.to_screen();
        [Target::Card(id.clone()), Target::Stage(id.clone()), Target::Lane(id.clone())]
            .iter()
            .find_map(|target| self.list.rect_of(target))
            .map(|r| to_screen.rect(r))
    }

    /// Rings what each other person has selected and tags the first ring with their name.
    pub(super) fn paint_presence(&self, painter: &egui::Painter, others: &[(Id, Presence)]) {
        let font = egui::FontId::proportional(11.0);
        for (id, person) in others {
            let colour = person_colour(id);
            let rings: Vec<egui::Rect> =
                person.selection.iter().filter_map(|id| self.drawn(id)).map(|r| r.expand(5.0)).collect();
            for ring in &rings {
                painter.rect_stroke(*ring, 5.0, egui::Stroke::new(2.0, colour), egui::StrokeKind::Outside);
            }
            let Some(first) = rings.first() else { continue };
            let name = if person.name.trim().is_empty() { id.as_str() } else { person.name.as_str() };
            let galley = painter.layout_no_wrap(name.to_owned(), font.clone(), egui::Color32::WHITE);
            let tag = egui::Rect::from_min_size(
                first.left_top() - egui::vec2(0.0, galley.size().y + 4.0),
                galley.size() + egui::vec2(8.0, 4.0),
            );
            painter.rect_filled(tag, 3.0, colour);
            painter.galley(tag.min + egui::vec2(4.0, 2.0), galley, egui::Color32::WHITE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_keeps_one_colour_and_two_people_usually_differ() {
        let a = Id::from("d-ab12cd");
        assert_eq!(person_colour(&a), person_colour(&Id::from("d-ab12cd")));
        let colours: std::collections::BTreeSet<[u8; 4]> =
            (0..40).map(|i| person_colour(&Id::from(format!("d-{i:06}").as_str())).to_array()).collect();
        assert!(colours.len() >= 5, "forty desktops use most of the palette: {colours:?}");
    }
}
