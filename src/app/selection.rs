//! What is selected on the canvas and in the panels: cards, stages, lanes, a cell. Plain state
//! with the questions the designer asks of it (which cards, which cell, where to insert).

use crate::display::Target;
use crate::edit::Cell;
use crate::model::{Id, Map};

/// The selected elements, in the order they were selected.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    targets: Vec<Target>,
}

impl Selection {
    /// The selected elements.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// Selects these elements instead.
    pub fn set(&mut self, targets: Vec<Target>) {
        self.targets = targets;
    }

    /// Selects this element alone.
    pub fn only(&mut self, target: Target) {
        self.targets = vec![target];
    }

    /// Selects nothing.
    pub fn clear(&mut self) {
        self.targets.clear();
    }

    /// Adds an element, or takes it out if it was selected (Shift+click).
    pub fn toggle(&mut self, target: Target) {
        if let Some(at) = self.targets.iter().position(|t| t == &target) {
            self.targets.remove(at);
        } else {
            self.targets.push(target);
        }
    }

    /// True when `target` is selected.
    pub fn contains(&self, target: &Target) -> bool {
        self.targets.contains(target)
    }

    /// The first element selected.
    pub fn first(&self) -> Option<&Target> {
        self.targets.first()
    }

    /// True when nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// How many elements are selected.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// The selected cards.
    pub fn cards(&self) -> Vec<Id> {
        self.targets
            .iter()
            .filter_map(|t| match t {
                Target::Card(id) => Some(id.clone()),
                Target::Title
                | Target::Stage(_)
                | Target::Lane(_)
                | Target::Cell { .. }
                | Target::EmotionPoint { .. } => None,
            })
            .collect()
    }

    /// The selected elements that can be deleted, copied or duplicated.
    pub fn ids(&self) -> Vec<Id> {
        self.targets
            .iter()
            .filter_map(|t| match t {
                Target::Card(id) | Target::Stage(id) | Target::Lane(id) => Some(id.clone()),
                Target::Title | Target::Cell { .. } | Target::EmotionPoint { .. } => None,
            })
            .collect()
    }

    /// The cell of the selection: a selected cell, or the cell of the first selected card.
    pub fn cell(&self, map: &Map) -> Option<Cell> {
        self.targets.iter().find_map(|t| match t {
            Target::Cell { lane, stage } | Target::EmotionPoint { lane, stage } => {
                Some(Cell::new(lane.clone(), stage.clone()))
            }
            Target::Card(id) => map.card(id).map(|c| Cell::new(c.lane.clone(), c.stage.clone())),
            Target::Title | Target::Stage(_) | Target::Lane(_) => None,
        })
    }

    /// Selects the cards, stages and lanes of `map` with these ids (pasted, duplicated).
    pub fn select_ids(&mut self, map: &Map, ids: &[Id]) {
        self.targets = ids
            .iter()
            .filter_map(|id| {
                if map.card(id).is_some() {
                    Some(Target::Card(id.clone()))
                } else if map.stage(id).is_some() {
                    Some(Target::Stage(id.clone()))
                } else if map.lane(id).is_some() {
                    Some(Target::Lane(id.clone()))
                } else {
                    None
                }
            })
            .collect();
    }

    /// Drops selected elements that no longer exist in `map` (after undo, delete, reload).
    pub fn prune(&mut self, map: &Map) {
        self.targets.retain(|t| match t {
            Target::Card(id) => map.card(id).is_some(),
            Target::Stage(id) => map.stage(id).is_some(),
            Target::Lane(id) => map.lane(id).is_some(),
            Target::Cell { lane, stage } | Target::EmotionPoint { lane, stage } => {
                map.lane(lane).is_some() && map.stage(stage).is_some()
            }
            Target::Title => true,
        });
    }

    /// Where a new stage goes: after the selected stage, else at the end.
    pub fn stage_insert_index(&self, map: &Map) -> usize {
        self.targets
            .iter()
            .find_map(|t| match t {
                Target::Stage(id) => map.stages.iter().position(|s| &s.id == id).map(|i| i + 1),
                _ => None,
            })
            .unwrap_or(map.stages.len())
    }

    /// Where a new lane goes: after the selected lane, else at the end.
    pub fn lane_insert_index(&self, map: &Map) -> usize {
        self.targets
            .iter()
            .find_map(|t| match t {
                Target::Lane(id) => map.lanes.iter().position(|l| &l.id == id).map(|i| i + 1),
                _ => None,
            })
            .unwrap_or(map.lanes.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> Map {
        crate::file::load(std::path::Path::new("maps/ecommerce-fr.ron")).unwrap()
    }

    #[test]
    fn cards_ids_and_cell_of_a_mixed_selection() {
        let map = map();
        let card = map.cards[0].clone();
        let stage = map.stages[1].id.clone();
        let mut selection = Selection::default();
        selection.set(vec![Target::Stage(stage.clone()), Target::Card(card.id.clone())]);
        assert_eq!(selection.cards(), vec![card.id.clone()]);
        assert_eq!(selection.ids(), vec![stage, card.id.clone()]);
        assert_eq!(selection.cell(&map), Some(Cell::new(card.lane.clone(), card.stage.clone())));
        assert_eq!(selection.stage_insert_index(&map), 2, "after the selected stage");
        assert_eq!(selection.lane_insert_index(&map), map.lanes.len(), "no lane selected: at the end");
    }

    #[test]
    fn toggle_adds_then_removes_and_prune_drops_what_is_gone() {
        let map = map();
        let card = Target::Card(map.cards[0].id.clone());
        let gone = Target::Card(Id::from("no-such-card"));
        let mut selection = Selection::default();
        selection.toggle(card.clone());
        selection.toggle(gone.clone());
        assert_eq!(selection.targets(), [card.clone(), gone.clone()]);
        selection.prune(&map);
        assert_eq!(selection.targets(), std::slice::from_ref(&card));
        selection.toggle(card);
        assert!(selection.is_empty());
    }
}
