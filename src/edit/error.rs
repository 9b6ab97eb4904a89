//! What can go wrong when editing: every failure leaves the map as it was.

use crate::model::Id;

/// Why an edit, an undo step or a paste was refused. The map is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// A command names an element that is not in the map.
    #[error("there is no {kind} `{id}` in the map (it may have been deleted)")]
    UnknownId {
        /// `stage`, `persona`, `lane`, `card` or `element`.
        kind: &'static str,
        /// The id that was looked for.
        id: Id,
    },
    /// A position is past the end of a list.
    #[error("{kind} position {index} is out of range (there are {len})")]
    IndexOutOfRange {
        /// What the list holds: `stage`, `persona`, `lane`, `card` or `cell`.
        kind: &'static str,
        /// The position asked for.
        index: usize,
        /// The length of the list.
        len: usize,
    },
    /// A new element would reuse an id already in the map, or two new elements share one.
    #[error("id `{id}` is already used in the map (new elements need fresh ids)")]
    DuplicateId {
        /// The id in question.
        id: Id,
    },
    /// A persona cannot be removed while a lane follows it.
    #[error("persona `{persona}` is still followed by lane `{lane}` (remove the lane first)")]
    PersonaInUse {
        /// The persona to remove.
        persona: Id,
        /// A lane that follows it.
        lane: Id,
    },
    /// An emotion scale must run from a lower score to a higher one.
    #[error("an emotion scale must run from a lower to a higher score (got {min}…{max})")]
    BadScale {
        /// The lower end asked for.
        min: i32,
        /// The upper end asked for.
        max: i32,
    },
    /// An emotion score that is not a number.
    #[error("the emotion score is not a number")]
    BadScore,
    /// The clipboard text is not something Parcours copied.
    #[error("the clipboard does not hold Parcours elements ({reason})")]
    NotAClip {
        /// What the parser found wrong, briefly.
        reason: String,
    },
    /// The clipboard was written by a newer Parcours.
    #[error(
        "the clipboard holds elements from a newer Parcours (clip format {found}, this one reads {supported})"
    )]
    NewerClip {
        /// The clip's version.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A pasted card's lane or stage is not in this map and no target cell was given.
    #[error("card `{card}` comes from a lane or stage this map does not have (select a cell to paste into)")]
    NoCell {
        /// The card, by its id in the clipboard.
        card: Id,
    },
    /// The edit would make the map larger than Parcours allows (a text too long, too many
    /// cards): a file holding it could not be opened again.
    #[error("{0}")]
    TooBig(crate::model::limits::Overflow),
    /// `begin` was called while a transaction (a drag) was already open.
    #[error("a drag is already in progress (finish or cancel it first)")]
    TransactionOpen,
    /// A room note with this id was already received (in the inbox, on a card, or dismissed).
    #[error("note `{id}` was already received")]
    NoteKnown {
        /// The note's id.
        id: Id,
    },
    /// A ballot arrived while no vote is open.
    #[error("no vote is open")]
    NoVoteOpen,
    /// A ballot has more dots than the vote allows.
    #[error("a ballot may place {allowed} dots (this one has {dots})")]
    TooManyDots {
        /// Dots in the ballot.
        dots: usize,
        /// Dots allowed.
        allowed: u32,
    },
    /// A ballot names a card of a kind the vote does not accept.
    #[error("card `{card}` is not part of this vote")]
    NotVotable {
        /// The card.
        card: Id,
    },
}
