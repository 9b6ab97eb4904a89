use super::*;
use crate::edit::Editor;
use crate::model::{CardKind, NoteKind, Vote};

fn map() -> Map {
    crate::file::from_str(
        r#"(
    version: 1,
    title: "Atelier",
    stages: [(id: "s-1", name: "Achat"), (id: "s-2", name: "Livraison")],
    lanes: [(id: "l-dl", title: "Douleurs", kind: PainPoints)],
    cards: [
        (id: "c-1", lane: "l-dl", stage: "s-1", title: "Frais cachés", kind: PainPoint),
        (id: "c-2", lane: "l-dl", stage: "s-2", title: "Colis en retard", kind: PainPoint),
        (id: "c-3", lane: "l-dl", stage: "s-2", title: "Suivi par SMS", kind: Opportunity),
    ],
)"#,
        std::path::Path::new("t.ron"),
    )
    .unwrap()
}

fn note(id: &str, participant: &str, text: &str) -> Note {
    Note {
        id: id.into(),
        text: text.into(),
        stage: Some("s-1".into()),
        kind: NoteKind::PainPoint,
        emotion: Some(-1),
        author: String::new(),
        participant: participant.into(),
    }
}

fn vote(kinds: Vec<CardKind>, per_participant: u32) -> Vote {
    Vote { kinds, per_participant, minutes: None, open: true }
}

/// Applies, checks the map changed as `expect` says, undoes and checks it is back.
fn round_trip(map: &mut Map, command: Command) -> Command {
    let before = map.clone();
    let inverse = command.apply(map).unwrap();
    let after = map.clone();
    let redo = inverse.clone().apply(map).unwrap();
    assert_eq!(*map, before, "undo restores the map");
    redo.apply(map).unwrap();
    assert_eq!(*map, after, "redo gives the edit again");
    inverse
}

#[test]
fn posting_a_note_is_undoable_and_happens_once() {
    let mut map = map();
    let post = Command::post_note(&map, note("n-a1", "u-1", "Trop de clics"));
    round_trip(&mut map, post);
    assert_eq!(map.inbox.len(), 1);
    let again = Command::post_note(&map, note("n-a1", "u-1", "Trop de clics"));
    assert_eq!(again.apply(&mut map), Err(EditError::NoteKnown { id: "n-a1".into() }));
    assert_eq!(map.inbox.len(), 1);
}

#[test]
fn dismissed_and_triaged_notes_are_never_posted_again() {
    let mut map = map();
    Command::post_note(&map, note("n-a1", "u-1", "Un")).apply(&mut map).unwrap();
    Command::post_note(&map, note("n-a2", "u-1", "Deux")).apply(&mut map).unwrap();
    round_trip(&mut map, Command::DismissNotes { ids: vec!["n-a1".into()] });
    assert_eq!(map.dismissed, [Id::from("n-a1")]);
    assert!(map.note(&"n-a1".into()).is_none());
    let n2 = map.note(&"n-a2".into()).unwrap().clone();
    let card = Card::new("c-new".into(), "l-dl".into(), "s-1".into(), "");
    let triage = Command::note_to_card(&map, &n2, card);
    round_trip(&mut map, triage);
    let made = map.card(&"c-new".into()).unwrap();
    assert_eq!(made.title, "Deux");
    assert_eq!(made.kind, CardKind::PainPoint);
    assert_eq!(made.emotion, Some(-1));
    assert_eq!(made.from_note, Some("n-a2".into()));
    assert!(map.inbox.is_empty());
    for id in ["n-a1", "n-a2"] {
        let resent = Command::post_note(&map, note(id, "u-1", "x"));
        assert_eq!(resent.apply(&mut map), Err(EditError::NoteKnown { id: id.into() }));
    }
}

#[test]
fn a_note_lands_at_the_given_place_in_its_cell() {
    let mut map = map();
    Command::post_note(&map, note("n-a1", "u-1", "Au début")).apply(&mut map).unwrap();
    let card = Card::new("c-new".into(), "l-dl".into(), "s-2".into(), "Au début");
    round_trip(&mut map, Command::NoteToCard { note: "n-a1".into(), card, index: 0 });
    let cell: Vec<&str> =
        map.cell_cards(&"l-dl".into(), &"s-2".into()).iter().map(|c| c.id.as_str()).collect();
    assert_eq!(cell[0], "c-new");
    assert_eq!(cell.len(), 3);
}

#[test]
fn ballots_replace_the_previous_one_and_resending_changes_nothing() {
    let mut map = map();
    assert_eq!(
        Command::CastBallot { participant: "u-1".into(), dots: vec!["c-1".into()] }.apply(&mut map),
        Err(EditError::NoVoteOpen)
    );
    Command::SetVote(Some(vote(vec![CardKind::PainPoint], 3))).apply(&mut map).unwrap();
    let ballot = Command::CastBallot {
        participant: "u-1".into(),
        dots: vec!["c-1".into(), "c-1".into(), "c-2".into()],
    };
    round_trip(&mut map, ballot.clone());
    assert_eq!(map.card(&"c-1".into()).unwrap().vote_count(), 2);
    assert_eq!(map.card(&"c-2".into()).unwrap().vote_count(), 1);
    assert!(ballot.apply(&mut map).unwrap().is_nothing(), "the same ballot again changes nothing");
    round_trip(&mut map, Command::CastBallot { participant: "u-1".into(), dots: vec!["c-2".into()] });
    assert_eq!(map.card(&"c-1".into()).unwrap().vote_count(), 0);
    assert_eq!(map.card(&"c-2".into()).unwrap().vote_count(), 1);
    Command::CastBallot { participant: "u-2".into(), dots: vec!["c-2".into()] }.apply(&mut map).unwrap();
    assert_eq!(map.card(&"c-2".into()).unwrap().vote_count(), 2);
}

#[test]
fn ballots_follow_the_rules_of_the_vote() {
    let mut map = map();
    Command::SetVote(Some(vote(vec![CardKind::PainPoint], 2))).apply(&mut map).unwrap();
    let cast = |dots: &[&str]| Command::CastBallot {
        participant: "u-1".into(),
        dots: dots.iter().map(|d| Id::from(*d)).collect(),
    };
    assert_eq!(
        cast(&["c-1", "c-1", "c-2"]).apply(&mut map),
        Err(EditError::TooManyDots { dots: 3, allowed: 2 })
    );
    assert_eq!(cast(&["c-3"]).apply(&mut map), Err(EditError::NotVotable { card: "c-3".into() }));
    assert_eq!(cast(&["c-9"]).apply(&mut map), Err(EditError::UnknownId { kind: "card", id: "c-9".into() }));
    let before = map.clone();
    round_trip(&mut map, Command::SetVote(Some(Vote { open: false, ..vote(vec![], 2) })));
    assert_eq!(cast(&["c-1"]).apply(&mut map), Err(EditError::NoVoteOpen));
    assert_ne!(map, before);
}

#[test]
fn removing_a_participant_removes_their_notes_and_votes_only() {
    let mut map = map();
    Command::post_note(&map, note("n-a1", "u-1", "Spam")).apply(&mut map).unwrap();
    Command::post_note(&map, note("n-b1", "u-2", "Utile")).apply(&mut map).unwrap();
    Command::SetVote(Some(vote(vec![], 3))).apply(&mut map).unwrap();
    for participant in ["u-1", "u-2"] {
        Command::CastBallot { participant: participant.into(), dots: vec!["c-3".into()] }
            .apply(&mut map)
            .unwrap();
    }
    round_trip(&mut map, Command::RemoveParticipant { participant: "u-1".into() });
    let notes: Vec<&str> = map.inbox.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(notes, ["n-b1"]);
    assert_eq!(map.dismissed, [Id::from("n-a1")]);
    let votes = &map.card(&"c-3".into()).unwrap().votes;
    assert_eq!(votes.keys().map(Id::as_str).collect::<Vec<_>>(), ["u-2"]);
}

#[test]
fn refused_room_commands_leave_the_map_as_it_was() {
    let mut map = map();
    Command::post_note(&map, note("n-a1", "u-1", "Un")).apply(&mut map).unwrap();
    let before = map.clone();
    for command in [
        Command::DismissNotes { ids: vec!["n-a1".into(), "n-zz".into()] },
        Command::DismissNotes { ids: vec!["n-a1".into(), "n-a1".into()] },
        Command::RemoveNotes { ids: vec!["n-zz".into()] },
        Command::InsertNotes { notes: vec![(5, note("n-x", "u", "x"))] },
        Command::InsertNotes { notes: vec![(0, note("bad id", "u", "x"))] },
        Command::NoteToCard {
            note: "n-a1".into(),
            card: Card::new("c-1".into(), "l-dl".into(), "s-1".into(), "x"),
            index: 0,
        },
        Command::NoteToCard {
            note: "n-a1".into(),
            card: Card::new("c-9".into(), "l-x".into(), "s-1".into(), "x"),
            index: 0,
        },
        Command::NoteToCard {
            note: "n-a1".into(),
            card: Card::new("c-9".into(), "l-dl".into(), "s-1".into(), "x"),
            index: 9,
        },
        Command::SetVotes { participant: "u".into(), votes: vec![("c-zz".into(), 1)] },
        Command::RemoveDismissed { ids: vec!["n-a1".into()] },
    ] {
        assert!(command.clone().apply(&mut map).is_err(), "{command:?} accepted");
        assert_eq!(map, before, "{command:?} changed the map");
    }
}

#[test]
fn room_commands_are_undo_steps_in_the_editor() {
    let start = map();
    let mut editor = Editor::new(start.clone(), 1);
    editor.apply(Command::post_note(editor.map(), note("n-a1", "u-1", "Un"))).unwrap();
    editor.apply(Command::SetVote(Some(vote(vec![], 2)))).unwrap();
    editor.apply(Command::CastBallot { participant: "u-1".into(), dots: vec!["c-2".into()] }).unwrap();
    editor.apply(Command::DismissNotes { ids: vec!["n-a1".into()] }).unwrap();
    assert_eq!(editor.history().undo_len(), 4);
    while editor.undo().unwrap() {}
    assert_eq!(editor.map(), &start);
}

#[test]
fn commands_travel_as_json() {
    let mut map = map();
    let card = Card::new("c-new".into(), "l-dl".into(), "s-1".into(), "« Livraison\u{202f}! »");
    let commands = vec![
        Command::post_note(&map, note("n-a1", "u-1", "Un")),
        Command::NoteToCard { note: "n-a1".into(), card, index: 0 },
        Command::SetVote(Some(vote(vec![CardKind::PainPoint, CardKind::Opportunity], 3))),
        Command::CastBallot { participant: "u-1".into(), dots: vec!["c-1".into(), "c-1".into()] },
        Command::RemoveParticipant { participant: "u-1".into() },
        Command::SetCard { id: "c-1".into(), field: crate::edit::CardField::Emotion(Some(-2)) },
        Command::SetStage { id: "s-1".into(), field: crate::edit::StageField::Nps(Some(12.5)) },
        Command::MoveCards { ids: vec!["c-1".into()], lane: "l-dl".into(), stage: "s-2".into(), index: 1 },
        Command::Batch(vec![Command::SetMap { field: crate::edit::MapField::Title("Nouveau".into()) }]),
        Command::ReplaceMap(Box::new(map.clone())),
    ];
    for command in commands {
        let json = serde_json::to_string(&command).unwrap();
        let back: Command = serde_json::from_str(&json).unwrap();
        assert_eq!(back, command, "{json}");
        let inverse = back.apply(&mut map).unwrap();
        let json = serde_json::to_string(&inverse).unwrap();
        assert_eq!(serde_json::from_str::<Command>(&json).unwrap(), inverse);
    }
}

#[test]
fn room_commands_respect_the_caps() {
    use crate::model::limits::{LINE_CHARS, Limit, MAX_VOTERS};
    let mut map = map();
    let too_long = Command::post_note(&map, note("n-long", "u-1", &"x".repeat(LINE_CHARS + 1)));
    let Err(EditError::TooBig(overflow)) = too_long.apply(&mut map) else { panic!("a note over the cap") };
    assert_eq!(overflow.limit, Limit::Line);
    assert!(map.inbox.is_empty());
    // The 1,001st participant voting on a card is refused; one already voting may change their dots.
    Command::SetVote(Some(vote(Vec::new(), 3))).apply(&mut map).unwrap();
    map.cards[0].votes = (0..MAX_VOTERS).map(|k| (Id::from(format!("u-{k}")), 1)).collect();
    let before = map.clone();
    let ballot = Command::CastBallot { participant: "u-new".into(), dots: vec!["c-1".into()] };
    let Err(EditError::TooBig(overflow)) = ballot.apply(&mut map) else { panic!("a voter over the cap") };
    assert_eq!(overflow.limit, Limit::Voters);
    assert_eq!(map, before);
    let again = Command::CastBallot { participant: "u-7".into(), dots: vec!["c-1".into(), "c-1".into()] };
    again.apply(&mut map).unwrap();
    assert_eq!(map.cards[0].votes[&Id::from("u-7")], 2);
}
