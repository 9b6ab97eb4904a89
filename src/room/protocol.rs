//! The messages of the room, as JSON text frames over WebSocket (see `docs/room.md`).
//!
//! Every message is an object with a `type` field. Participants (the browser page) and peer
//! desktops ([`super::Peer`]) have their own message sets and their own URLs.

use crate::edit::Command;
use crate::model::{Id, Map, NoteKind, Vote};
use serde::{Deserialize, Serialize};

/// What a participant's page sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromParticipant {
    /// The first message: who this browser is (a random id it keeps in `localStorage`).
    Hello {
        /// The participant's random id, e.g. `u-k3j9x2`.
        participant: Id,
    },
    /// A note for the inbox.
    Note {
        /// The note's id, made by the page (`n-…`): the same note sent twice is posted once.
        id: Id,
        /// What the participant wrote.
        text: String,
        /// The stage it is about, if chosen.
        #[serde(default)]
        stage: Option<Id>,
        /// What it is.
        #[serde(default)]
        kind: NoteKind,
        /// How the participant feels, on the map's scale.
        #[serde(default)]
        emotion: Option<i32>,
        /// The name given, empty for anonymous.
        #[serde(default)]
        name: String,
    },
    /// The participant's whole ballot, replacing any earlier one.
    Ballot {
        /// The message's id, made by the page (acknowledged by id).
        id: Id,
        /// One card id per dot.
        dots: Vec<Id>,
    },
}

/// What the host sends a participant's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToParticipant {
    /// The answer to `hello`: the room's settings.
    Welcome {
        /// The map's language (`fr`, `en`), for the page's words.
        language: String,
        /// The longest note accepted, in characters.
        max_note_chars: usize,
    },
    /// The map as it is now (sent on joining and after each change, at most a few times a second).
    View(View),
    /// A note or ballot was received and applied (or had been already): the page forgets it.
    Ack {
        /// The note's or ballot's id.
        id: Id,
        /// True when it had been received before (a resend).
        duplicate: bool,
    },
    /// A note or ballot was refused.
    Refused {
        /// The note's or ballot's id; empty for a refusal of the connection itself.
        id: Id,
        /// A short machine-readable reason: `too_long`, `empty`, `rate`, `room_rate`, `full`,
        /// `removed`, `no_vote`, `invalid`, `bad_message`.
        reason: String,
        /// True when sending the same thing later may succeed (rate limits): keep it.
        retry: bool,
        /// What happened, in English, for logs.
        message: String,
    },
    /// The room is closing or its token was renewed: the connection ends.
    Closed {
        /// `closed`, `renewed` or `removed`.
        reason: String,
    },
}

/// What participants see of the map: its picture and what they need to scroll and vote.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// Increases with every change of the map.
    pub revision: u64,
    /// The map's title.
    pub title: String,
    /// The map as SVG (the poster's painter on the same display list), in map points.
    pub svg: String,
    /// Width and height of the SVG's view box, in map points.
    pub size: (f32, f32),
    /// The stages, left to right, with their columns' x ranges (to scroll to one).
    pub stages: Vec<StageView>,
    /// The stage the facilitator presents (index in `stages`), which pages follow.
    pub presented: Option<usize>,
    /// The levels of the map's emotion scale, for the note's feeling.
    pub emotions: Vec<EmotionLevel>,
    /// The vote, if one is open or was held.
    pub vote: Option<Vote>,
    /// Seconds left before the open vote closes, when it has a length.
    pub vote_ends_in: Option<u64>,
    /// The cards that can be voted on while a vote is open, with their places on the SVG.
    pub cards: Vec<CardView>,
}

/// A stage as the participant page shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StageView {
    /// The stage's id (for a note's stage).
    pub id: Id,
    /// Its name.
    pub name: String,
    /// Left edge of its column in the SVG, in map points.
    pub x0: f32,
    /// Right edge of its column, in map points.
    pub x1: f32,
    /// Top of its header, in map points (where the grid starts).
    pub y0: f32,
}

/// A level of the emotion scale.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmotionLevel {
    /// The score.
    pub value: i32,
    /// The scale's label for it; empty when it has none (the page then uses its own words).
    pub label: String,
}

/// A card that can be voted on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CardView {
    /// The card's id.
    pub id: Id,
    /// Its title (shown as text, never as markup).
    pub title: String,
    /// Dots on it, every participant together.
    pub votes: u32,
    /// Its rectangle on the SVG, in map points: x, y, width, height.
    pub rect: (f32, f32, f32, f32),
}

/// The Parcours version a desktop and its host must share (sent in the desktop's hello).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What a peer desktop sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[expect(clippy::large_enum_variant, reason = "short-lived messages, passed on at once")]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromPeer {
    /// The first message: who this desktop is, and the last sequence number it applied
    /// (`None` on a first join: it gets a snapshot).
    Hello {
        /// The desktop's random id for this session, e.g. `d-x8k2`.
        peer: Id,
        /// The person's name, for presence.
        #[serde(default)]
        name: String,
        /// The last sequence number this desktop applied.
        #[serde(default)]
        since: Option<u64>,
        /// The desktop's Parcours version ([`VERSION`]): every copy must apply commands exactly
        /// as the host does, so the host refuses another version (`closed: version`).
        #[serde(default)]
        version: String,
    },
    /// An edit, to be ordered and applied by the host.
    Command {
        /// The desktop's id for this command (acknowledged with it).
        id: Id,
        /// The edit.
        command: Command,
    },
    /// What this desktop has selected, for presence.
    Presence {
        /// Selected element ids.
        selection: Vec<Id>,
    },
    /// The facilitator presents a stage (or stops presenting).
    Present {
        /// The stage's index, or `None`.
        stage: Option<usize>,
    },
}

/// What the host sends a peer desktop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[expect(clippy::large_enum_variant, reason = "short-lived messages, passed on at once")]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPeer {
    /// The whole map at a sequence number: start from here.
    Snapshot {
        /// The sequence number of the last command the map includes.
        seq: u64,
        /// The map.
        map: Box<Map>,
    },
    /// A command the host applied, in order: apply it to the local copy.
    Applied {
        /// Its sequence number: one more than the previous one.
        seq: u64,
        /// Who made it: a peer's id, `host` or `room` (notes and votes of participants).
        author: Id,
        /// The author's id for the command, when a peer sent it.
        #[serde(default)]
        id: Option<Id>,
        /// The edit.
        command: Command,
    },
    /// A command this desktop sent was refused (it no longer applies: its card was deleted…).
    Rejected {
        /// The desktop's id for the command.
        id: Id,
        /// Why.
        message: String,
    },
    /// A command this desktop sent again (after a reconnection) that the host had applied
    /// already, at `seq`: it is not applied twice.
    Known {
        /// The desktop's id for the command.
        id: Id,
        /// The sequence number it was applied with.
        seq: u64,
    },
    /// Who has what selected, for each desktop (sent when it changes, and to a desktop joining).
    Presence {
        /// The desktop.
        peer: Id,
        /// Its person's name.
        name: String,
        /// Its selection; empty when it left.
        selection: Vec<Id>,
    },
    /// The room is closing or its token was renewed.
    Closed {
        /// `closed` or `renewed`.
        reason: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_map_travels_as_json() {
        for entry in std::fs::read_dir("maps").unwrap() {
            let path = entry.unwrap().path();
            let map = crate::file::load(&path).unwrap();
            let message = ToPeer::Snapshot { seq: 3, map: Box::new(map) };
            let json = serde_json::to_string(&message).unwrap();
            let back: ToPeer =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(back, message);
        }
    }
}
