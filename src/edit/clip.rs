//! Copy and paste through the text clipboard, as RON: works between two windows and two maps.

use super::{Cell, Command, EditError};
use crate::model::{Card, Id, IdGen, IdKind, Lane, LaneKind, Map, Persona, Stage};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The `format` field of every clip: text without it is not ours.
pub const CLIP_FORMAT: &str = "parcours-clip";

/// The clip version this build writes and the newest it reads.
pub const CLIP_VERSION: u32 = 1;

/// Clipboard text longer than this is refused before parsing.
const MAX_CLIP_BYTES: usize = 16 * 1024 * 1024;

/// Elements copied from a map, as put on the clipboard.
///
/// A copied stage or lane brings its cards; a copied persona lane brings its persona. Elements are
/// in map order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clip {
    /// Always [`CLIP_FORMAT`].
    pub format: String,
    /// The clip format version, [`CLIP_VERSION`] when written by this build.
    pub version: u32,
    /// Copied stages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    /// Copied personas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<Persona>,
    /// Copied lanes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lanes: Vec<Lane>,
    /// Copied cards.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<Card>,
}

/// Only the header of a clip, to tell a newer clip from garbage.
#[derive(Deserialize)]
struct Header {
    format: String,
    #[serde(default)]
    version: u32,
}

impl Clip {
    /// The elements with these ids (unknown ids are skipped), with the cards of copied stages and
    /// lanes and the personas of copied persona lanes.
    pub fn of(map: &Map, ids: &[Id]) -> Self {
        let wanted: BTreeSet<&Id> = ids.iter().collect();
        let lanes: Vec<Lane> = map.lanes.iter().filter(|l| wanted.contains(&l.id)).cloned().collect();
        let followed: BTreeSet<&Id> = lanes.iter().filter_map(|l| l.kind.persona()).collect();
        let stage_ids: BTreeSet<&Id> =
            map.stages.iter().map(|s| &s.id).filter(|id| wanted.contains(id)).collect();
        let lane_ids: BTreeSet<&Id> = lanes.iter().map(|l| &l.id).collect();
        Self {
            format: CLIP_FORMAT.to_owned(),
            version: CLIP_VERSION,
            stages: map.stages.iter().filter(|s| wanted.contains(&s.id)).cloned().collect(),
            personas: map
                .personas
                .iter()
                .filter(|p| wanted.contains(&p.id) || followed.contains(&p.id))
                .cloned()
                .collect(),
            cards: map
                .cards
                .iter()
                .filter(|c| {
                    wanted.contains(&c.id) || stage_ids.contains(&c.stage) || lane_ids.contains(&c.lane)
                })
                .cloned()
                .collect(),
            lanes,
        }
    }

    /// True when nothing was copied.
    pub fn is_empty(&self) -> bool {
        self.stages.is_empty() && self.personas.is_empty() && self.lanes.is_empty() && self.cards.is_empty()
    }

    /// The clip as clipboard text (RON).
    pub fn to_text(&self) -> String {
        let config = ron::ser::PrettyConfig::new().indentor("  ").new_line("\n").struct_names(false);
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }

    /// Reads clipboard text; anything that is not a clip of a version we read is refused.
    pub fn from_text(text: &str) -> Result<Self, EditError> {
        let not = |reason: String| EditError::NotAClip { reason };
        if text.len() > MAX_CLIP_BYTES {
            return Err(not(format!("{} bytes of text", text.len())));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim();
        if text.is_empty() {
            return Err(not("it is empty".into()));
        }
        let options = ron::Options::default().with_recursion_limit(64);
        let header: Header =
            options.from_str(text).map_err(|_| not(format!("no `format: \"{CLIP_FORMAT}\"` header")))?;
        if header.format != CLIP_FORMAT {
            return Err(not(format!("format {:?}", header.format.chars().take(40).collect::<String>())));
        }
        if header.version > CLIP_VERSION {
            return Err(EditError::NewerClip { found: header.version, supported: CLIP_VERSION });
        }
        options.from_str(text).map_err(|error| not(error.to_string()))
    }
}

/// Clipboard text for the elements with these ids (see [`Clip::of`]).
pub fn copy(map: &Map, ids: &[Id]) -> String {
    Clip::of(map, ids).to_text()
}

/// What a paste will do: the command to apply and the new elements' ids (to select them).
#[derive(Clone, Debug, PartialEq)]
pub struct Pasted {
    /// One step that inserts everything.
    pub command: Command,
    /// Ids of the new elements: personas, stages, lanes, then cards.
    pub ids: Vec<Id>,
}

/// Plans pasting clipboard text into `map` (see [`paste_clip`]).
pub fn paste(map: &Map, text: &str, target: Option<&Cell>, ids: &mut IdGen) -> Result<Pasted, EditError> {
    paste_clip(map, Clip::from_text(text)?, target, ids)
}

/// Plans pasting a clip into `map`: every element gets a fresh id from `ids`, and references
/// between copied elements follow the copies.
///
/// - Stages go after the target cell's stage, else after the last copied stage still in the map
///   (duplicating in place), else at the end; lanes likewise. Personas go at the end.
/// - A card in a copied stage or lane goes into the copy. Otherwise, when the clip holds only
///   cards and a target cell is given, cards go into that cell; else a card keeps its own lane and
///   stage if this map has them, and falls back on the target cell, else the paste is refused
///   ([`EditError::NoCell`]).
/// - Cards added to an existing cell go after its last card, in their copied order. Emotions are
///   clamped to this map's scale.
pub fn paste_clip(
    map: &Map,
    clip: Clip,
    target: Option<&Cell>,
    ids: &mut IdGen,
) -> Result<Pasted, EditError> {
    let mut renamed: BTreeMap<Id, Id> = BTreeMap::new();
    let mut new_ids = Vec::new();
    let mut commands = Vec::new();
    let mut fresh = |old: &Id, kind: IdKind, renamed: &mut BTreeMap<Id, Id>| {
        let id = ids.fresh(kind);
        renamed.insert(old.clone(), id.clone());
        new_ids.push(id.clone());
        id
    };

    for (k, mut persona) in clip.personas.into_iter().enumerate() {
        persona.id = fresh(&persona.id, IdKind::Persona, &mut renamed);
        commands.push(Command::InsertPersona { index: map.personas.len() + k, persona });
    }

    let after = |position: Option<usize>, len: usize| position.map_or(len, |p| p + 1);
    let stage_at = after(
        target
            .and_then(|t| map.stages.iter().position(|s| s.id == t.stage))
            .or_else(|| map.stages.iter().rposition(|s| clip.stages.iter().any(|c| c.id == s.id))),
        map.stages.len(),
    );
    for (k, mut stage) in clip.stages.iter().cloned().enumerate() {
        stage.id = fresh(&stage.id, IdKind::Stage, &mut renamed);
        commands.push(Command::InsertStage { index: stage_at + k, stage, cards: Vec::new() });
    }

    let lane_at = after(
        target
            .and_then(|t| map.lanes.iter().position(|l| l.id == t.lane))
            .or_else(|| map.lanes.iter().rposition(|l| clip.lanes.iter().any(|c| c.id == l.id))),
        map.lanes.len(),
    );
    for (k, mut lane) in clip.lanes.iter().cloned().enumerate() {
        lane.id = fresh(&lane.id, IdKind::Lane, &mut renamed);
        if let LaneKind::Persona(persona) = &lane.kind {
            match renamed.get(persona) {
                Some(copy) => lane.kind = LaneKind::Persona(copy.clone()),
                None if map.persona(persona).is_some() => {}
                None => return Err(EditError::UnknownId { kind: "persona", id: persona.clone() }),
            }
        }
        commands.push(Command::InsertLane { index: lane_at + k, lane, cards: Vec::new() });
    }

    let only_cards = clip.stages.is_empty() && clip.lanes.is_empty();
    let mut cards = Vec::with_capacity(clip.cards.len());
    // The next free order in each existing cell that receives cards.
    let mut next_order: BTreeMap<(Id, Id), u32> = BTreeMap::new();
    let mut sorted: Vec<(usize, &Card)> = clip.cards.iter().enumerate().collect();
    sorted.sort_by(|(_, a), (_, b)| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
    let mut orders = vec![0_u32; clip.cards.len()];
    let mut places = vec![(Id::default(), Id::default()); clip.cards.len()];
    for (k, card) in sorted {
        let lane =
            place(&card.lane, &renamed, only_cards, target.map(|t| &t.lane), map.lane(&card.lane).is_some());
        let stage = place(
            &card.stage,
            &renamed,
            only_cards,
            target.map(|t| &t.stage),
            map.stage(&card.stage).is_some(),
        );
        let (Some((lane, new_lane)), Some((stage, new_stage))) = (lane, stage) else {
            return Err(EditError::NoCell { card: card.id.clone() });
        };
        orders[k] = if new_lane || new_stage {
            card.order
        } else {
            let next = next_order.entry((lane.clone(), stage.clone())).or_insert_with(|| {
                map.cards
                    .iter()
                    .filter(|c| c.lane == lane && c.stage == stage)
                    .map(|c| c.order.saturating_add(1))
                    .max()
                    .unwrap_or(0)
            });
            let order = *next;
            *next = next.saturating_add(1);
            order
        };
        places[k] = (lane, stage);
    }
    let scale = &map.emotion_scale;
    for (k, ((mut card, (lane, stage)), order)) in clip.cards.into_iter().zip(places).zip(orders).enumerate()
    {
        card.id = fresh(&card.id, IdKind::Card, &mut renamed);
        card.lane = lane;
        card.stage = stage;
        card.order = order;
        if scale.min <= scale.max {
            card.emotion = card.emotion.map(|e| e.clamp(scale.min, scale.max));
        }
        cards.push((map.cards.len() + k, card));
    }
    if !cards.is_empty() {
        commands.push(Command::InsertCards { cards });
    }
    Ok(Pasted { command: Command::Batch(commands), ids: new_ids })
}

/// Where a pasted card's lane (or stage) goes, and whether that is a pasted copy.
fn place(
    old: &Id,
    renamed: &BTreeMap<Id, Id>,
    only_cards: bool,
    target: Option<&Id>,
    exists: bool,
) -> Option<(Id, bool)> {
    if let Some(copy) = renamed.get(old) {
        return Some((copy.clone(), true));
    }
    match target {
        Some(target) if only_cards || !exists => Some((target.clone(), false)),
        Some(_) | None if exists => Some((old.clone(), false)),
        Some(_) | None => None,
    }
}
