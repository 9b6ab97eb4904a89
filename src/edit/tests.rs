use super::*;
use crate::model::IdKind;
use crate::model::{
    Card, CardKind, Channel, Conflict, CustomMetric, EmotionScale, Lane, LaneKind, Map, Metrics, Persona,
    Presence, Rgb, Stage,
};

fn stage(id: &str, name: &str) -> Stage {
    Stage {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        colour: None,
        metrics: Metrics::default(),
    }
}

fn lane(id: &str, kind: LaneKind) -> Lane {
    Lane { id: id.into(), title: id.into(), kind, hidden: false }
}

fn card(id: &str, lane: &str, stage: &str, order: u32) -> Card {
    let mut card = Card::new(id.into(), lane.into(), stage.into(), id);
    card.order = order;
    card
}

/// Three stages, two personas, three lanes, cards spread over cells (not in display order).
fn sample() -> Map {
    let mut map = Map::new("Carte");
    map.stages = vec![stage("s-1", "Découverte"), stage("s-2", "Achat"), stage("s-3", "Usage")];
    map.personas = vec![
        Persona { id: "p-1".into(), name: "Léa".into(), ..Persona::default() },
        Persona { id: "p-2".into(), name: "Marc".into(), ..Persona::default() },
    ];
    map.lanes = vec![
        lane("l-1", LaneKind::Persona("p-1".into())),
        lane("l-2", LaneKind::Thoughts),
        lane("l-3", LaneKind::Persona("p-2".into())),
    ];
    map.cards = vec![
        card("c-1", "l-1", "s-1", 0),
        card("c-2", "l-1", "s-2", 0),
        card("c-3", "l-1", "s-1", 1),
        card("c-4", "l-2", "s-2", 0),
        card("c-5", "l-1", "s-1", 2),
        card("c-6", "l-3", "s-3", 0),
        card("c-7", "l-2", "s-1", 0),
    ];
    map
}

/// Applies `command`, checks the inverse restores the exact map and that redoing gives the same
/// result again; returns the edited map.
fn round_trip(map: &Map, command: Command) -> Map {
    let mut edited = map.clone();
    let inverse = command.apply(&mut edited).unwrap();
    assert_ne!(&edited, map, "the command changed nothing");
    let errors: Vec<_> = crate::check::check(&edited, None)
        .into_iter()
        .filter(|d| d.severity == crate::check::Severity::Error && !d.message.contains("merge conflict"))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut back = edited.clone();
    let redo = inverse.apply(&mut back).unwrap();
    assert_eq!(&back, map, "the inverse did not restore the map");
    redo.apply(&mut back).unwrap();
    assert_eq!(back, edited, "redo differs");
    edited
}

fn refused(map: &Map, command: Command) -> EditError {
    let mut copy = map.clone();
    let error = command.apply(&mut copy).unwrap_err();
    assert_eq!(&copy, map, "a refused command changed the map");
    error
}

fn cell_ids(map: &Map, lane: &str, stage: &str) -> Vec<(String, u32)> {
    map.cell_cards(&lane.into(), &stage.into()).iter().map(|c| (c.id.to_string(), c.order)).collect()
}

fn ids(list: &[&str]) -> Vec<Id> {
    list.iter().map(|&s| Id::from(s)).collect()
}

#[test]
fn stage_insert_remove_move() {
    let map = sample();
    let added =
        round_trip(&map, Command::InsertStage { index: 1, stage: stage("s-new", "Entre"), cards: vec![] });
    assert_eq!(added.stages[1].id.as_str(), "s-new");
    let removed = round_trip(&map, Command::RemoveStage { id: "s-1".into() });
    assert_eq!(removed.stages.len(), 2);
    let left: Vec<&str> = removed.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(left, ["c-2", "c-4", "c-6"]);
    let moved = round_trip(&map, Command::MoveStage { id: "s-1".into(), to: 2 });
    let order: Vec<&str> = moved.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(order, ["s-2", "s-3", "s-1"]);
    assert!(Command::MoveStage { id: "s-2".into(), to: 1 }.apply(&mut map.clone()).unwrap().is_nothing());
}

#[test]
fn stage_fields() {
    let map = sample();
    let id = Id::from("s-2");
    for field in [
        StageField::Name("Paiement".into()),
        StageField::Description("Le client paie.".into()),
        StageField::Colour(Some(Rgb::new(1, 2, 3))),
        StageField::Nps(Some(12.0)),
        StageField::Ces(Some(3.5)),
        StageField::Csat(Some(80.0)),
        StageField::Conversion(Some(2.4)),
        StageField::DropOff(Some(40.0)),
        StageField::Custom(vec![CustomMetric {
            name: "Panier".into(),
            value: 54.0,
            unit: "€".into(),
            target: Some(60.0),
        }]),
    ] {
        let edited = round_trip(&map, Command::SetStage { id: id.clone(), field: field.clone() });
        assert!(field.is_in(edited.stage(&id).unwrap()), "{}", field.name());
    }
    let same = Command::SetStage { id, field: StageField::Name("Achat".into()) };
    assert!(same.apply(&mut map.clone()).unwrap().is_nothing());
}

#[test]
fn persona_commands() {
    let map = sample();
    let new = Persona { id: "p-3".into(), name: "Zoé".into(), ..Persona::default() };
    round_trip(&map, Command::InsertPersona { index: 0, persona: new });
    round_trip(&map, Command::MovePersona { id: "p-2".into(), to: 0 });
    let mut free = map.clone();
    free.personas.push(Persona { id: "p-9".into(), ..Persona::default() });
    let removed = round_trip(&free, Command::RemovePersona { id: "p-9".into() });
    assert_eq!(removed, map);
    assert_eq!(
        refused(&map, Command::RemovePersona { id: "p-1".into() }),
        EditError::PersonaInUse { persona: "p-1".into(), lane: "l-1".into() }
    );
    let id = Id::from("p-1");
    for field in [
        PersonaField::Name("Léa M.".into()),
        PersonaField::Age(Some(34)),
        PersonaField::Gender("femme".into()),
        PersonaField::Family("deux enfants".into()),
        PersonaField::Occupation("infirmière".into()),
        PersonaField::Hobbies(vec!["vélo".into()]),
        PersonaField::BuyingHabits(vec!["en ligne, le soir".into()]),
        PersonaField::Goals(vec!["gagner du temps".into()]),
        PersonaField::Frustrations(vec!["frais cachés".into()]),
        PersonaField::Quote("« Je veux savoir ce que je paie. »".into()),
        PersonaField::Segment("Acheteuse impulsive".into()),
        PersonaField::Colour(Some(Rgb::new(9, 9, 9))),
        PersonaField::Photo(Some("photos/lea.jpg".into())),
    ] {
        let edited = round_trip(&map, Command::SetPersona { id: id.clone(), field: field.clone() });
        assert!(field.is_in(edited.persona(&id).unwrap()), "{}", field.name());
    }
}

#[test]
fn lane_commands() {
    let map = sample();
    round_trip(
        &map,
        Command::InsertLane { index: 3, lane: lane("l-new", LaneKind::PainPoints), cards: vec![] },
    );
    let removed = round_trip(&map, Command::RemoveLane { id: "l-1".into() });
    assert_eq!(removed.cards.len(), 3);
    round_trip(&map, Command::MoveLane { id: "l-3".into(), to: 0 });
    let id = Id::from("l-2");
    round_trip(&map, Command::SetLane { id: id.clone(), field: LaneField::Title("Pensées".into()) });
    round_trip(&map, Command::SetLane { id: id.clone(), field: LaneField::Hidden(true) });
    round_trip(
        &map,
        Command::SetLane { id: id.clone(), field: LaneField::Kind(LaneKind::Persona("p-2".into())) },
    );
    assert_eq!(
        refused(&map, Command::SetLane { id, field: LaneField::Kind(LaneKind::Persona("p-x".into())) }),
        EditError::UnknownId { kind: "persona", id: "p-x".into() }
    );
    let orphan = lane("l-new", LaneKind::Persona("p-x".into()));
    refused(&map, Command::InsertLane { index: 0, lane: orphan, cards: vec![] });
}

#[test]
fn persona_lane_in_one_step() {
    let map = sample();
    let persona = Persona { id: "p-3".into(), name: "Zoé".into(), ..Persona::default() };
    let edited = round_trip(&map, Command::add_persona_lane(persona, 2, lane("l-4", LaneKind::Text), 1));
    assert_eq!(edited.lanes[1].kind, LaneKind::Persona("p-3".into()));
    assert_eq!(edited.personas[2].id.as_str(), "p-3");
}

#[test]
fn card_insert_remove_keep_positions() {
    let map = sample();
    let edited = round_trip(&map, Command::InsertCards { cards: vec![(0, card("c-0", "l-2", "s-3", 0))] });
    assert_eq!(edited.cards[0].id.as_str(), "c-0");
    let removed = round_trip(&map, Command::RemoveCards { ids: ids(&["c-5", "c-2", "c-7"]) });
    let left: Vec<&str> = removed.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(left, ["c-1", "c-3", "c-4", "c-6"]);
    let id = Id::from("c-4");
    for field in [
        CardField::Title("Frais de port\u{202f}!".into()),
        CardField::Details("ligne 1\nligne 2".into()),
        CardField::Kind(CardKind::PainPoint),
        CardField::Channel(Some(Channel::Phone)),
        CardField::Presence(Some(Presence::Online)),
        CardField::Emotion(Some(-2)),
        CardField::Tags(vec!["atelier".into()]),
        CardField::Link(Some("https://example.org".into())),
        CardField::Colour(Some(Rgb::new(200, 0, 0))),
    ] {
        let edited = round_trip(&map, Command::SetCard { id: id.clone(), field: field.clone() });
        assert!(field.is_in(edited.card(&id).unwrap()), "{}", field.name());
    }
}

#[test]
fn refused_commands_leave_the_map_unchanged() {
    let map = sample();
    let unknown = |kind, id: &str| EditError::UnknownId { kind, id: id.into() };
    assert_eq!(refused(&map, Command::RemoveStage { id: "s-x".into() }), unknown("stage", "s-x"));
    assert_eq!(
        refused(&map, Command::SetCard { id: "c-x".into(), field: CardField::Emotion(None) }),
        unknown("card", "c-x")
    );
    assert_eq!(
        refused(&map, Command::InsertStage { index: 4, stage: stage("s-new", ""), cards: vec![] }),
        EditError::IndexOutOfRange { kind: "stage", index: 4, len: 3 }
    );
    assert_eq!(
        refused(&map, Command::MoveLane { id: "l-1".into(), to: 3 }),
        EditError::IndexOutOfRange { kind: "lane", index: 3, len: 3 }
    );
    assert_eq!(
        refused(&map, Command::InsertStage { index: 0, stage: stage("c-1", ""), cards: vec![] }),
        EditError::DuplicateId { id: "c-1".into() }
    );
    assert_eq!(
        refused(
            &map,
            Command::InsertCards {
                cards: vec![(7, card("c-8", "l-1", "s-1", 0)), (8, card("c-8", "l-1", "s-1", 1))]
            }
        ),
        EditError::DuplicateId { id: "c-8".into() }
    );
    assert_eq!(
        refused(&map, Command::InsertCards { cards: vec![(9, card("c-8", "l-1", "s-1", 0))] }),
        EditError::IndexOutOfRange { kind: "card", index: 9, len: 7 }
    );
    assert_eq!(
        refused(&map, Command::InsertCards { cards: vec![(0, card("c-8", "l-x", "s-1", 0))] }),
        unknown("lane", "l-x")
    );
    assert_eq!(refused(&map, Command::RemoveCards { ids: ids(&["c-1", "c-x"]) }), unknown("card", "c-x"));
    assert_eq!(
        refused(&map, Command::RemoveCards { ids: ids(&["c-1", "c-1"]) }),
        EditError::DuplicateId { id: "c-1".into() }
    );
    assert_eq!(
        refused(
            &map,
            Command::MoveCards { ids: ids(&["c-1"]), lane: "l-2".into(), stage: "s-1".into(), index: 2 }
        ),
        EditError::IndexOutOfRange { kind: "cell", index: 2, len: 1 }
    );
    assert_eq!(
        refused(
            &map,
            Command::MoveCards { ids: ids(&["c-1"]), lane: "l-2".into(), stage: "s-9".into(), index: 0 }
        ),
        unknown("stage", "s-9")
    );
    let mut wrong = card("c-1", "l-x", "s-1", 0);
    wrong.title = "x".into();
    assert_eq!(refused(&map, Command::Replace(Element::Card(wrong))), unknown("lane", "l-x"));
}

#[test]
fn batch_is_all_or_nothing_and_undoes_in_reverse() {
    let map = sample();
    let failing = Command::Batch(vec![
        Command::SetCard { id: "c-1".into(), field: CardField::Title("changé".into()) },
        Command::RemoveStage { id: "s-1".into() },
        Command::SetCard { id: "c-1".into(), field: CardField::Title("encore".into()) },
    ]);
    assert_eq!(refused(&map, failing), EditError::UnknownId { kind: "card", id: "c-1".into() });
    let edited = round_trip(
        &map,
        Command::Batch(vec![
            Command::SetCard { id: "c-2".into(), field: CardField::Title("un".into()) },
            Command::SetCard { id: "c-2".into(), field: CardField::Title("deux".into()) },
            Command::RemoveLane { id: "l-2".into() },
            Command::MoveStage { id: "s-3".into(), to: 0 },
        ]),
    );
    assert_eq!(edited.card(&"c-2".into()).unwrap().title, "deux");
}

#[test]
fn move_to_end_of_another_cell_changes_one_card() {
    let map = sample();
    let edited = round_trip(
        &map,
        Command::MoveCards { ids: ids(&["c-3"]), lane: "l-1".into(), stage: "s-2".into(), index: 1 },
    );
    assert_eq!(cell_ids(&edited, "l-1", "s-2"), [("c-2".into(), 0), ("c-3".into(), 1)]);
    // The cell left keeps its gap; the other cards are untouched.
    assert_eq!(cell_ids(&edited, "l-1", "s-1"), [("c-1".into(), 0), ("c-5".into(), 2)]);
    let changed = map.cards.iter().zip(&edited.cards).filter(|(a, b)| a != b).count();
    assert_eq!(changed, 1);
    assert_eq!(
        edited.cards.iter().map(|c| &c.id).collect::<Vec<_>>(),
        map.cards.iter().map(|c| &c.id).collect::<Vec<_>>()
    );
}

#[test]
fn move_to_front_bumps_only_colliding_cards() {
    let map = sample();
    let edited = round_trip(
        &map,
        Command::MoveCards { ids: ids(&["c-5"]), lane: "l-1".into(), stage: "s-1".into(), index: 0 },
    );
    assert_eq!(cell_ids(&edited, "l-1", "s-1"), [("c-5".into(), 0), ("c-1".into(), 1), ("c-3".into(), 2)]);
    let edited = round_trip(
        &map,
        Command::MoveCards { ids: ids(&["c-1"]), lane: "l-1".into(), stage: "s-1".into(), index: 1 },
    );
    assert_eq!(cell_ids(&edited, "l-1", "s-1"), [("c-3".into(), 1), ("c-1".into(), 2), ("c-5".into(), 3)]);
    // Moving a card where it already is changes nothing.
    let same = Command::MoveCards { ids: ids(&["c-3"]), lane: "l-1".into(), stage: "s-1".into(), index: 1 };
    assert!(same.apply(&mut map.clone()).unwrap().is_nothing());
}

#[test]
fn move_several_cards_into_a_hand_written_cell() {
    let mut map = sample();
    // Hand-written files often leave every order at 0: the cell is sorted by id.
    for id in ["c-a", "c-b", "c-c"] {
        map.cards.push(card(id, "l-2", "s-3", 0));
    }
    let edited = round_trip(
        &map,
        Command::MoveCards { ids: ids(&["c-6", "c-1"]), lane: "l-2".into(), stage: "s-3".into(), index: 1 },
    );
    let cell: Vec<String> = cell_ids(&edited, "l-2", "s-3").into_iter().map(|(id, _)| id).collect();
    assert_eq!(cell, ["c-a", "c-6", "c-1", "c-b", "c-c"]);
}

#[test]
fn map_settings_and_replacements() {
    let map = sample();
    let mut scale = EmotionScale::new(1, 5);
    scale.labels.insert(1, "Frustré".into());
    for field in [
        MapField::Title("Nouveau titre".into()),
        MapField::Description("Une carte.".into()),
        MapField::Language("fr".into()),
        MapField::Author("Équipe CX".into()),
        MapField::Revision("v3 · novembre 2026".into()),
        MapField::Logo(Some("logo.png".into())),
        MapField::EmotionScale(scale),
        MapField::Conflicts(vec![Conflict {
            element: "c-1".into(),
            field: "title".into(),
            ours: "\"a\"".into(),
            theirs: "\"b\"".into(),
        }]),
    ] {
        let edited = round_trip(&map, Command::SetMap { field: field.clone() });
        assert!(field.is_in(&edited), "{}", field.name());
    }
    let mut stage = stage("s-2", "Autre");
    stage.metrics.nps = Some(-10.0);
    round_trip(&map, Command::Replace(Element::Stage(stage)));
    round_trip(&map, Command::Replace(Element::Card(card("c-1", "l-2", "s-3", 4))));
    round_trip(&map, Command::Replace(Element::Lane(lane("l-1", LaneKind::Kpis))));
    round_trip(&map, Command::Replace(Element::Persona(Persona { id: "p-2".into(), ..Persona::default() })));
    round_trip(&map, Command::ReplaceMap(Box::new(crate::model::generate::large_map(2, 2, 5, 1))));
    assert!(Command::ReplaceMap(Box::new(map.clone())).apply(&mut map.clone()).unwrap().is_nothing());
}

// ---- History ----

fn set_title(id: &str, title: &str) -> Command {
    Command::SetCard { id: id.into(), field: CardField::Title(title.into()) }
}

fn title(map: &Map, id: &str) -> String {
    map.card(&id.into()).unwrap().title.clone()
}

#[test]
fn saved_marker_follows_undo_and_redo() {
    let mut map = sample();
    let mut history = History::new();
    assert!(!history.is_dirty());
    history.apply(&mut map, set_title("c-1", "a")).unwrap();
    history.apply(&mut map, set_title("c-1", "b")).unwrap();
    assert!(history.is_dirty());
    history.mark_saved();
    assert!(!history.is_dirty());
    history.undo(&mut map).unwrap();
    assert!(history.is_dirty());
    history.undo(&mut map).unwrap();
    assert!(history.is_dirty());
    assert_eq!(map, sample());
    history.redo(&mut map).unwrap();
    history.redo(&mut map).unwrap();
    assert!(!history.is_dirty(), "back at the saved state");
    assert_eq!(title(&map, "c-1"), "b");
    // A new edit after undoing past the save drops the saved state for good.
    history.undo(&mut map).unwrap();
    history.apply(&mut map, set_title("c-1", "c")).unwrap();
    assert!(!history.can_redo());
    assert!(history.is_dirty());
    history.undo(&mut map).unwrap();
    assert!(history.is_dirty());
    assert_eq!(history.redo_len(), 1, "only the new edit can be redone");
}

#[test]
fn unsaved_steps_count_the_way_back_to_the_save() {
    let mut map = sample();
    let mut history = History::new();
    assert_eq!(history.unsaved_steps(), 0);
    history.apply(&mut map, set_title("c-1", "a")).unwrap();
    history.apply(&mut map, set_title("c-1", "b")).unwrap();
    assert_eq!(history.unsaved_steps(), 2);
    history.mark_saved();
    assert_eq!(history.unsaved_steps(), 0);
    history.apply(&mut map, set_title("c-2", "x")).unwrap();
    assert_eq!(history.unsaved_steps(), 1);
    history.undo(&mut map).unwrap();
    history.undo(&mut map).unwrap();
    history.undo(&mut map).unwrap();
    assert_eq!(history.unsaved_steps(), 2, "two redos back to the save");
    // A new edit drops the saved state: every kept step counts.
    history.apply(&mut map, set_title("c-1", "c")).unwrap();
    assert_eq!(history.unsaved_steps(), 1);
    history.forget_saved();
    assert_eq!(history.unsaved_steps(), 1);
}

#[test]
fn a_lower_limit_drops_the_oldest_steps() {
    let mut map = sample();
    let mut history = History::new();
    for text in ["a", "b", "c"] {
        history.apply(&mut map, set_title("c-1", text)).unwrap();
    }
    history.set_limit(2);
    assert_eq!(history.undo_len(), 2);
    history.undo(&mut map).unwrap();
    history.undo(&mut map).unwrap();
    assert_eq!(title(&map, "c-1"), "a");
    assert!(!history.can_undo());
}

#[test]
fn no_op_edits_leave_no_step() {
    let mut map = sample();
    let mut history = History::new();
    history.apply(&mut map, set_title("c-1", "c-1")).unwrap();
    assert_eq!((history.undo_len(), history.revision(), history.is_dirty()), (0, 0, false));
    assert!(history.apply(&mut map, set_title("c-x", "a")).is_err());
    assert_eq!(history.undo_len(), 0);
}

#[test]
fn typing_in_one_field_is_one_step() {
    let mut map = sample();
    let mut history = History::new();
    for text in ["F", "Fr", "Fra", "Frais"] {
        history.apply_typing(&mut map, set_title("c-1", text)).unwrap();
    }
    assert_eq!(history.undo_len(), 1);
    assert!(history.revision() >= 4);
    // Another field ends the session.
    history.apply_typing(&mut map, set_title("c-2", "x")).unwrap();
    history.apply_typing(&mut map, set_title("c-1", "Frais de")).unwrap();
    assert_eq!(history.undo_len(), 3);
    history.end_typing();
    history.apply_typing(&mut map, set_title("c-1", "Frais de port")).unwrap();
    assert_eq!(history.undo_len(), 4);
    // Saving ends the session too, so undo never skips over the saved state.
    history.mark_saved();
    history.apply_typing(&mut map, set_title("c-1", "Frais de port !")).unwrap();
    assert_eq!(history.undo_len(), 5);
    history.undo(&mut map).unwrap();
    assert!(!history.is_dirty());
    for _ in 0..4 {
        history.undo(&mut map).unwrap();
    }
    assert_eq!(map, sample());
    // Plain `apply` never merges.
    history.apply(&mut map, set_title("c-1", "a")).unwrap();
    history.apply(&mut map, set_title("c-1", "b")).unwrap();
    assert_eq!(history.undo_len(), 2);
}

#[test]
fn coalesced_step_after_save_is_dirty() {
    let mut map = sample();
    let mut history = History::new();
    history.apply_typing(&mut map, set_title("c-1", "a")).unwrap();
    history.apply_typing(&mut map, set_title("c-1", "ab")).unwrap();
    assert!(history.is_dirty());
    history.undo(&mut map).unwrap();
    assert!(!history.is_dirty());
}

#[test]
fn drag_transaction_commits_one_step_and_abort_restores() {
    let mut map = sample();
    let mut history = History::new();
    let start = map.clone();
    let to = |stage: &str, index| Command::MoveCards {
        ids: ids(&["c-1"]),
        lane: "l-2".into(),
        stage: stage.into(),
        index,
    };
    history.begin().unwrap();
    assert_eq!(history.begin(), Err(EditError::TransactionOpen));
    history.preview(&mut map, to("s-2", 0)).unwrap();
    history.preview(&mut map, to("s-2", 1)).unwrap();
    history.preview(&mut map, to("s-3", 0)).unwrap();
    assert!(history.is_dirty());
    assert_eq!(map.card(&"c-1".into()).unwrap().stage.as_str(), "s-3");
    assert!(history.abort(&mut map).unwrap());
    assert_eq!(map, start);
    assert!(!history.is_dirty());
    assert_eq!(history.undo_len(), 0);

    history.begin().unwrap();
    history.preview(&mut map, to("s-2", 0)).unwrap();
    // A refused preview keeps the previous one.
    assert!(history.preview(&mut map, to("s-9", 0)).is_err());
    assert_eq!(map.card(&"c-1".into()).unwrap().stage.as_str(), "s-2");
    history.preview(&mut map, to("s-2", 1)).unwrap();
    let moved = map.clone();
    assert!(history.commit());
    assert_eq!(history.undo_len(), 1);
    history.undo(&mut map).unwrap();
    assert_eq!(map, start);
    history.redo(&mut map).unwrap();
    assert_eq!(map, moved);

    // Accumulated edits in a transaction (an emotion drag) are one step too; undo aborts a drag.
    history.begin().unwrap();
    for score in [1, 2, 1, 0] {
        history
            .apply(&mut map, Command::SetCard { id: "c-2".into(), field: CardField::Emotion(Some(score)) })
            .unwrap();
    }
    assert!(history.undo(&mut map).unwrap());
    assert_eq!(map, moved);
    history.begin().unwrap();
    assert!(!history.commit(), "an empty transaction makes no step");
}

#[test]
fn history_is_bounded() {
    let mut map = sample();
    let mut history = History::with_limit(3);
    history.mark_saved();
    for k in 0..5 {
        history.apply(&mut map, set_title("c-1", &k.to_string())).unwrap();
    }
    assert_eq!(history.undo_len(), 3);
    while history.undo(&mut map).unwrap() {}
    assert_eq!(title(&map, "c-1"), "1");
    assert!(history.is_dirty(), "the saved state is beyond the kept steps");
}

#[test]
fn revision_and_touched() {
    let mut map = sample();
    let mut history = History::new();
    history.apply(&mut map, Command::RemoveStage { id: "s-1".into() }).unwrap();
    let touched = history.take_touched();
    assert_eq!(touched.ids, ["s-1", "c-1", "c-3", "c-5", "c-7"].into_iter().map(Id::from).collect());
    assert!(history.take_touched().is_empty());
    history.undo(&mut map).unwrap();
    assert!(history.take_touched().contains(&"c-7".into()));
    history.apply(&mut map, Command::SetMap { field: MapField::Title("t".into()) }).unwrap();
    assert!(history.take_touched().map);
    assert_eq!(history.revision(), 3);
}

// ---- Editor ----

fn editor() -> Editor {
    Editor::new(sample(), 42)
}

#[test]
fn add_card_goes_after_the_last_card_of_its_cell() {
    let mut editor = editor();
    let cell = Cell::new("l-1", "s-1");
    let id = editor.add_card(&cell, "Nouvelle").unwrap();
    assert_eq!(editor.map().cell_cards(&cell.lane, &cell.stage).last().unwrap().id, id);
    assert_eq!(editor.map().card(&id).unwrap().order, 3);
    assert!(editor.is_dirty());
    editor.undo().unwrap();
    assert_eq!(editor.map(), &sample());
    assert!(!editor.is_dirty());
}

#[test]
fn ids_are_never_reused_in_a_session() {
    let mut editor = editor();
    let cell = Cell::new("l-2", "s-2");
    let first = editor.add_card(&cell, "a").unwrap();
    editor.undo().unwrap();
    let second = editor.add_card(&cell, "b").unwrap();
    assert_ne!(first, second);
    editor.replace_map(crate::model::generate::large_map(2, 2, 4, 9)).unwrap();
    let taken: Vec<Id> = editor.map().ids().cloned().collect();
    for _ in 0..50 {
        assert!(!taken.contains(&editor.fresh_id(IdKind::Card)));
    }
}

#[test]
fn delete_a_mixed_selection_in_one_step() {
    let mut editor = editor();
    editor.delete(&ids(&["c-4", "c-1", "s-1", "p-2"])).unwrap();
    let map = editor.map();
    assert_eq!(map.stages.len(), 2);
    assert_eq!(map.personas.len(), 1);
    assert_eq!(map.lanes.len(), 2, "the lane of p-2 goes with it");
    assert_eq!(map.cards.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["c-2"]);
    assert_eq!(editor.history().undo_len(), 1);
    editor.undo().unwrap();
    assert_eq!(editor.map(), &sample());
    assert_eq!(
        editor.delete(&ids(&["c-1", "x-9"])),
        Err(EditError::UnknownId { kind: "element", id: "x-9".into() })
    );
}

#[test]
fn emotion_snaps_to_the_scale() {
    let mut editor = editor();
    let card = Id::from("c-1");
    assert_eq!(editor.set_emotion(&card, 0.6).unwrap(), 1);
    assert_eq!(editor.set_emotion(&card, -7.0).unwrap(), -2);
    assert_eq!(editor.set_emotion(&card, f64::NAN), Err(EditError::BadScore));
}

#[test]
fn changing_the_scale_moves_scores_in_one_step() {
    let mut editor = editor();
    for (id, score) in [("c-1", -2), ("c-2", 0), ("c-3", 2), ("c-4", 1)] {
        editor.apply(Command::SetCard { id: id.into(), field: CardField::Emotion(Some(score)) }).unwrap();
    }
    let before = editor.map().clone();
    editor.set_emotion_scale(EmotionScale::new(1, 5), true).unwrap();
    let scores: Vec<Option<i32>> = ["c-1", "c-2", "c-3", "c-4"]
        .iter()
        .map(|id| editor.map().card(&(*id).into()).unwrap().emotion)
        .collect();
    assert_eq!(scores, [Some(1), Some(3), Some(5), Some(4)]);
    editor.undo().unwrap();
    assert_eq!(editor.map(), &before);
    editor.set_emotion_scale(EmotionScale::new(-1, 1), false).unwrap();
    assert_eq!(editor.map().card(&"c-1".into()).unwrap().emotion, Some(-1));
    assert_eq!(
        editor.set_emotion_scale(EmotionScale::new(2, 2), false),
        Err(EditError::BadScale { min: 2, max: 2 })
    );
}

#[test]
fn duplicate_cards_and_stages() {
    let mut editor = editor();
    let copies = editor.duplicate(&ids(&["c-1", "c-3"])).unwrap();
    assert_eq!(copies.len(), 2);
    let cell: Vec<String> = cell_ids(editor.map(), "l-1", "s-1").into_iter().map(|(id, _)| id).collect();
    assert_eq!(cell[..3], ["c-1", "c-3", "c-5"]);
    assert_eq!(cell[3..], [copies[0].to_string(), copies[1].to_string()]);
    editor.undo().unwrap();
    let copies = editor.duplicate(&ids(&["s-2"])).unwrap();
    let map = editor.map();
    assert_eq!(map.stages[2].id, copies[0], "the copy goes right after the original");
    assert_eq!(map.stages[2].name, "Achat");
    let in_copy: Vec<&Card> = map.cards.iter().filter(|c| c.stage == copies[0]).collect();
    assert_eq!(in_copy.len(), 2);
    assert!(crate::check::check(map, None).is_empty());
}

#[test]
fn copy_paste_between_maps() {
    let source = editor();
    let text = source.copy(&ids(&["c-1", "c-5", "l-3"]));
    assert!(text.contains("parcours-clip"));
    let mut target = Editor::new(crate::model::generate::large_map(2, 2, 4, 3), 7);
    let cell = Cell { lane: target.map().lanes[1].id.clone(), stage: target.map().stages[0].id.clone() };
    let before = target.map().clone();
    let new = target.paste(&text, Some(&cell)).unwrap();
    // Persona p-2 (followed by l-3), lane l-3 and its card c-6, then c-1 and c-5.
    assert_eq!(new.len(), 5);
    let map = target.map();
    assert!(crate::check::check(map, None).is_empty(), "{:?}", crate::check::check(map, None));
    let pasted_lane = map.lane(&new[1]).unwrap();
    assert_eq!(pasted_lane.kind, LaneKind::Persona(new[0].clone()));
    assert_eq!(map.lanes[2].id, new[1], "the lane goes after the target lane");
    let in_cell = map.cell_cards(&cell.lane, &cell.stage);
    let titles: Vec<&str> = in_cell.iter().rev().take(2).map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["c-5", "c-1"], "cards from another map's lanes go into the target cell");
    target.undo().unwrap();
    assert_eq!(target.map(), &before);
    // Without a target cell, cards of unknown lanes cannot be placed.
    assert!(matches!(target.paste(&source.copy(&ids(&["c-1"])), None), Err(EditError::NoCell { .. })));
}

#[test]
fn paste_refuses_garbage_and_newer_clips() {
    let mut editor = editor();
    let before = editor.map().clone();
    for garbage in ["", "   ", "hello", "(format: \"other\", version: 1)", "(((((", "\u{0}\u{1}", "[1, 2, 3]"]
    {
        let error = editor.paste(garbage, None).unwrap_err();
        assert!(matches!(error, EditError::NotAClip { .. }), "{garbage:?}: {error}");
    }
    let newer = "(format: \"parcours-clip\", version: 9, gadgets: [])";
    assert_eq!(editor.paste(newer, None), Err(EditError::NewerClip { found: 9, supported: 1 }));
    let broken = "(format: \"parcours-clip\", version: 1, cards: [(id: \"c-1\")])";
    assert!(matches!(editor.paste(broken, None), Err(EditError::NotAClip { .. })));
    assert_eq!(editor.map(), &before);
    assert_eq!(editor.history().undo_len(), 0);
}

#[test]
fn cut_then_paste_back_in_place() {
    let mut editor = editor();
    let text = editor.cut(&ids(&["c-4"])).unwrap();
    assert!(editor.map().card(&"c-4".into()).is_none());
    let new = editor.paste(&text, None).unwrap();
    let card = editor.map().card(&new[0]).unwrap();
    assert_eq!((card.lane.as_str(), card.stage.as_str(), card.title.as_str()), ("l-2", "s-2", "c-4"));
}

#[test]
fn texts_over_their_cap_are_refused_and_the_map_kept() {
    use crate::model::limits::{LINE_CHARS, LIST_ITEMS, Limit, PARAGRAPH_CHARS};
    let map = sample();
    let too_big = |error: EditError| match error {
        EditError::TooBig(overflow) => overflow,
        other => panic!("expected TooBig, got {other}"),
    };
    let title = |n: usize| Command::SetCard { id: "c-1".into(), field: CardField::Title("é".repeat(n)) };
    round_trip(&map, title(LINE_CHARS));
    let overflow = too_big(refused(&map, title(LINE_CHARS + 1)));
    assert_eq!((overflow.limit, overflow.size), (Limit::Line, LINE_CHARS + 1));
    assert_eq!(overflow.what, "the title of card `c-1`");
    let details =
        Command::SetCard { id: "c-1".into(), field: CardField::Details("x".repeat(PARAGRAPH_CHARS + 1)) };
    assert_eq!(too_big(refused(&map, details)).limit, Limit::Paragraph);
    let tags =
        Command::SetCard { id: "c-1".into(), field: CardField::Tags(vec!["t".into(); LIST_ITEMS + 1]) };
    assert_eq!(too_big(refused(&map, tags)).limit, Limit::ListItems);
    let map_title = Command::SetMap { field: MapField::Title("x".repeat(LINE_CHARS + 1)) };
    assert_eq!(too_big(refused(&map, map_title)).what, "the map's title");
    let name = Command::SetStage { id: "s-1".into(), field: StageField::Name("x".repeat(LINE_CHARS + 1)) };
    assert!(matches!(refused(&map, name), EditError::TooBig(_)));
    let goals = Command::SetPersona {
        id: "p-1".into(),
        field: PersonaField::Goals(vec!["x".repeat(LINE_CHARS + 1)]),
    };
    assert!(too_big(refused(&map, goals)).what.contains("goals of persona `p-1`"));
    let lane = Command::SetLane { id: "l-1".into(), field: LaneField::Title("x".repeat(LINE_CHARS + 1)) };
    assert!(matches!(refused(&map, lane), EditError::TooBig(_)));
    // A batch with one over-long edit is refused as a whole.
    let batch = Command::Batch(vec![title(3), title(LINE_CHARS + 1)]);
    assert!(matches!(refused(&map, batch), EditError::TooBig(_)));
}

#[test]
fn inserts_paste_and_whole_maps_over_a_cap_are_refused() {
    use crate::model::limits::{MAX_CARDS, PARAGRAPH_CHARS};
    let map = sample();
    let mut long = card("c-new", "l-1", "s-1", 0);
    long.details = "x".repeat(PARAGRAPH_CHARS + 1);
    let insert = Command::InsertCards { cards: vec![(map.cards.len(), long.clone())] };
    assert!(matches!(refused(&map, insert), EditError::TooBig(_)));
    let replace = Command::Replace(Element::Card(Card { id: "c-1".into(), ..long.clone() }));
    assert!(matches!(refused(&map, replace), EditError::TooBig(_)));
    // Too many cards: the count cap, whatever their texts.
    let many: Vec<(usize, Card)> = (0..=MAX_CARDS - map.cards.len())
        .map(|i| (map.cards.len() + i, card(&format!("c-n{i}"), "l-1", "s-1", 0)))
        .collect();
    let EditError::TooBig(overflow) = refused(&map, Command::InsertCards { cards: many }) else { panic!() };
    assert_eq!(
        overflow.to_string(),
        format!(
            "the map has {} cards, more than the 20,000 a map may have; split the map into several maps",
            "20,001"
        )
    );
    // Reload, merge and CSV import replace the whole map: the same caps.
    let mut whole = map.clone();
    whole.description = "x".repeat(PARAGRAPH_CHARS + 1);
    assert!(matches!(refused(&map, Command::ReplaceMap(Box::new(whole))), EditError::TooBig(_)));
    // A clip holding an over-long card is refused when read.
    let mut with_long = map.clone();
    with_long.cards[0].details = "x".repeat(PARAGRAPH_CHARS + 1);
    let text = clip::copy(&with_long, &["c-1".into()]);
    let mut editor = Editor::new(map.clone(), 1);
    let error = editor.paste(&text, None).unwrap_err().to_string();
    assert!(error.contains("20,001 characters"), "{error}");
    assert_eq!(editor.map(), &map);
}

#[test]
fn a_reset_map_leaves_no_step_counts_as_saved_and_is_laid_out_again() {
    let mut editor = Editor::new(sample(), 7);
    editor.apply(Command::RemoveStage { id: "s-1".into() }).unwrap();
    editor.take_touched();
    let revision = editor.revision();
    let mut theirs = sample();
    theirs.title = "Leur carte".into();
    editor.reset_map(theirs.clone());
    assert_eq!(editor.map(), &theirs);
    assert!(!editor.history().can_undo() && !editor.history().can_redo());
    assert!(!editor.is_dirty(), "what the host has is not unsaved here");
    assert!(editor.revision() > revision, "the canvas lays the new map out");
    assert!(editor.take_touched().everything);
    // Ids of the new map are never handed out.
    let fresh = editor.fresh_id(IdKind::Card);
    assert!(theirs.card(&fresh).is_none());
    // Editing goes on as usual from there.
    editor.apply(Command::RemoveStage { id: "s-2".into() }).unwrap();
    assert!(editor.is_dirty() && editor.history().can_undo());
    editor.undo().unwrap();
    assert_eq!(editor.map(), &theirs);
}
