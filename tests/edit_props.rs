//! Property tests of the editor core: random edit sequences on a generated map, including drags,
//! pastes, undo and redo, always leave a valid map, and undoing everything gives the start back.

use parcours::check::{Severity, check};
use parcours::edit::{CardField, Cell, Command, EditError, Editor, LaneField, MapField, StageField};
use parcours::model::generate::large_map;
use parcours::model::{EmotionScale, Id, LaneKind, Map, Persona};
use proptest::prelude::*;

/// An edit, with elements chosen by index (modulo the list's length) when it runs.
#[derive(Clone, Debug)]
enum Op {
    AddStage(u8, String),
    RemoveStage(u8),
    MoveStage(u8, u8),
    SetStageName(u8, String),
    SetStageNps(u8, Option<i8>),
    AddPersonaLane(u8, String),
    AddSharedLane(u8, u8),
    RemoveLane(u8),
    MoveLane(u8, u8),
    HideLane(u8, bool),
    SetPersonaName(u8, String),
    AddCard(u8, u8, String),
    Delete(Vec<u8>),
    TypeTitle(u8, String),
    EndTyping,
    SetEmotion(u8, f64),
    SetKind(u8, u8),
    MoveCards(Vec<u8>, u8, u8, u8),
    Drag(u8, Vec<(u8, u8, u8)>, bool),
    Duplicate(Vec<u8>),
    CopyPaste(Vec<u8>, Option<(u8, u8)>),
    SetTitle(String),
    SetScale(i8, u8, bool),
    Invalid(u8),
    Undo,
    Redo,
    Save,
    PostNote(u8, String, Option<u8>),
    DismissNote(u8),
    NoteToCard(u8, u8, u8, u8),
    SetVote(u8, bool),
    Ballot(u8, Vec<u8>),
    RemoveParticipant(u8),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z ]{0,8}", Just("« Frais\u{202f}! » é\nligne".to_owned())]
}

fn op() -> impl Strategy<Value = Op> {
    let small = any::<u8>();
    let picks = proptest::collection::vec(any::<u8>(), 1..4);
    prop_oneof![
        1 => (small, text()).prop_map(|(a, t)| Op::AddStage(a, t)),
        1 => small.prop_map(Op::RemoveStage),
        1 => (small, small).prop_map(|(a, b)| Op::MoveStage(a, b)),
        1 => (small, text()).prop_map(|(a, t)| Op::SetStageName(a, t)),
        1 => (small, proptest::option::of(-100_i8..=100)).prop_map(|(a, n)| Op::SetStageNps(a, n)),
        1 => (small, text()).prop_map(|(a, t)| Op::AddPersonaLane(a, t)),
        1 => (small, small).prop_map(|(a, b)| Op::AddSharedLane(a, b)),
        1 => small.prop_map(Op::RemoveLane),
        1 => (small, small).prop_map(|(a, b)| Op::MoveLane(a, b)),
        1 => (small, any::<bool>()).prop_map(|(a, b)| Op::HideLane(a, b)),
        1 => (small, text()).prop_map(|(a, t)| Op::SetPersonaName(a, t)),
        3 => (small, small, text()).prop_map(|(a, b, t)| Op::AddCard(a, b, t)),
        2 => picks.clone().prop_map(Op::Delete),
        3 => (small, text()).prop_map(|(a, t)| Op::TypeTitle(a, t)),
        1 => Just(Op::EndTyping),
        1 => (small, -4.0..4.0_f64).prop_map(|(a, s)| Op::SetEmotion(a, s)),
        1 => (small, small).prop_map(|(a, b)| Op::SetKind(a, b)),
        3 => (picks.clone(), small, small, small).prop_map(|(p, l, s, i)| Op::MoveCards(p, l, s, i)),
        2 => (small, proptest::collection::vec((small, small, small), 1..4), any::<bool>())
            .prop_map(|(c, path, commit)| Op::Drag(c, path, commit)),
        1 => picks.clone().prop_map(Op::Duplicate),
        1 => (picks, proptest::option::of((small, small))).prop_map(|(p, t)| Op::CopyPaste(p, t)),
        1 => text().prop_map(Op::SetTitle),
        1 => (-3_i8..=1, 1_u8..=6, any::<bool>()).prop_map(|(min, span, remap)| Op::SetScale(min, span, remap)),
        1 => small.prop_map(Op::Invalid),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
        1 => Just(Op::Save),
        2 => (small, text(), proptest::option::of(small)).prop_map(|(p, t, s)| Op::PostNote(p, t, s)),
        1 => small.prop_map(Op::DismissNote),
        1 => (small, small, small, small).prop_map(|(n, l, s, i)| Op::NoteToCard(n, l, s, i)),
        1 => (small, any::<bool>()).prop_map(|(n, open)| Op::SetVote(n, open)),
        2 => (small, proptest::collection::vec(any::<u8>(), 0..4)).prop_map(|(p, d)| Op::Ballot(p, d)),
        1 => small.prop_map(Op::RemoveParticipant),
    ]
}

fn pick<T>(items: &[T], k: u8) -> Option<&T> {
    if items.is_empty() { None } else { items.get(usize::from(k) % items.len()) }
}

fn pick_card(map: &Map, k: u8) -> Option<Id> {
    pick(&map.cards, k).map(|c| c.id.clone())
}

fn pick_cell(map: &Map, lane: u8, stage: u8) -> Option<Cell> {
    Some(Cell { lane: pick(&map.lanes, lane)?.id.clone(), stage: pick(&map.stages, stage)?.id.clone() })
}

fn move_command(map: &Map, cards: &[Id], lane: u8, stage: u8, index: u8) -> Option<Command> {
    let cell = pick_cell(map, lane, stage)?;
    let others = map.cell_cards(&cell.lane, &cell.stage).iter().filter(|c| !cards.contains(&c.id)).count();
    let index = usize::from(index) % (others + 1);
    Some(Command::MoveCards { ids: cards.to_vec(), lane: cell.lane, stage: cell.stage, index })
}

fn distinct_cards(map: &Map, picks: &[u8]) -> Vec<Id> {
    let mut ids: Vec<Id> = picks.iter().filter_map(|&k| pick_card(map, k)).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Runs one op; edits the editor may refuse (an out-of-range index, say) must leave it unchanged.
fn run(editor: &mut Editor, op: &Op) -> Result<(), EditError> {
    let map = editor.map().clone();
    let index = |n: usize, k: u8| usize::from(k) % (n + 1);
    match op {
        Op::AddStage(at, name) => editor.add_stage(index(map.stages.len(), *at), name).map(drop),
        Op::RemoveStage(k) => match pick(&map.stages, *k) {
            Some(stage) => editor.apply(Command::RemoveStage { id: stage.id.clone() }),
            None => Ok(()),
        },
        Op::MoveStage(k, to) => match pick(&map.stages, *k) {
            Some(stage) => editor
                .apply(Command::MoveStage { id: stage.id.clone(), to: usize::from(*to) % map.stages.len() }),
            None => Ok(()),
        },
        Op::SetStageName(k, name) => match pick(&map.stages, *k) {
            Some(stage) => editor.apply_typing(Command::SetStage {
                id: stage.id.clone(),
                field: StageField::Name(name.clone()),
            }),
            None => Ok(()),
        },
        Op::SetStageNps(k, nps) => match pick(&map.stages, *k) {
            Some(stage) => editor.apply(Command::SetStage {
                id: stage.id.clone(),
                field: StageField::Nps(nps.map(f64::from)),
            }),
            None => Ok(()),
        },
        Op::AddPersonaLane(at, name) => {
            let persona = Persona { name: name.clone(), ..Persona::default() };
            editor.add_persona_lane(index(map.lanes.len(), *at), persona).map(drop)
        }
        Op::AddSharedLane(at, kind) => {
            let kind = LaneKind::SHARED[usize::from(*kind) % LaneKind::SHARED.len()].clone();
            editor.add_lane(index(map.lanes.len(), *at), kind, "Partagé").map(drop)
        }
        Op::RemoveLane(k) => match pick(&map.lanes, *k) {
            Some(lane) => editor.apply(Command::RemoveLane { id: lane.id.clone() }),
            None => Ok(()),
        },
        Op::MoveLane(k, to) => match pick(&map.lanes, *k) {
            Some(lane) => editor
                .apply(Command::MoveLane { id: lane.id.clone(), to: usize::from(*to) % map.lanes.len() }),
            None => Ok(()),
        },
        Op::HideLane(k, hidden) => match pick(&map.lanes, *k) {
            Some(lane) => {
                editor.apply(Command::SetLane { id: lane.id.clone(), field: LaneField::Hidden(*hidden) })
            }
            None => Ok(()),
        },
        Op::SetPersonaName(k, name) => match pick(&map.personas, *k) {
            Some(persona) => editor.apply_typing(Command::SetPersona {
                id: persona.id.clone(),
                field: parcours::edit::PersonaField::Name(name.clone()),
            }),
            None => Ok(()),
        },
        Op::AddCard(lane, stage, title) => match pick_cell(&map, *lane, *stage) {
            Some(cell) => editor.add_card(&cell, title).map(drop),
            None => Ok(()),
        },
        Op::Delete(picks) => {
            // A mixed selection: cards, and sometimes the stage or lane of the first one.
            let mut ids = distinct_cards(&map, picks);
            if let (Some(first), Some(card)) = (picks.first(), ids.first().and_then(|id| map.card(id))) {
                match first % 8 {
                    0 => ids.push(card.stage.clone()),
                    1 => ids.push(card.lane.clone()),
                    2 => ids.extend(map.lane(&card.lane).and_then(|l| l.kind.persona()).cloned()),
                    _ => {}
                }
            }
            editor.delete(&ids)
        }
        Op::TypeTitle(k, title) => match pick_card(&map, *k) {
            Some(id) => editor.apply_typing(Command::SetCard { id, field: CardField::Title(title.clone()) }),
            None => Ok(()),
        },
        Op::EndTyping => {
            editor.end_typing();
            Ok(())
        }
        Op::SetEmotion(k, score) => match pick_card(&map, *k) {
            Some(id) => editor.set_emotion(&id, *score).map(drop),
            None => Ok(()),
        },
        Op::SetKind(k, kind) => match pick_card(&map, *k) {
            Some(id) => {
                let kind = parcours::model::CardKind::ALL[usize::from(*kind) % 7];
                editor.apply(Command::SetCard { id, field: CardField::Kind(kind) })
            }
            None => Ok(()),
        },
        Op::MoveCards(picks, lane, stage, at) => {
            let cards = distinct_cards(&map, picks);
            let Some(command) = move_command(&map, &cards, *lane, *stage, *at) else { return Ok(()) };
            let Command::MoveCards { lane, stage, index, .. } = command.clone() else { return Ok(()) };
            if cards.is_empty() {
                return Ok(());
            }
            editor.apply(command)?;
            // The moved cards sit together at `index` of the cell, in the order given.
            let cell: Vec<Id> = editor.map().cell_cards(&lane, &stage).iter().map(|c| c.id.clone()).collect();
            assert_eq!(cell.get(index..index + cards.len()), Some(&cards[..]), "cell {cell:?}");
            Ok(())
        }
        Op::Drag(k, path, commit) => {
            let Some(id) = pick_card(&map, *k) else { return Ok(()) };
            let steps = editor.history().undo_len();
            editor.begin()?;
            for (lane, stage, at) in path {
                if let Some(command) =
                    move_command(editor.map(), std::slice::from_ref(&id), *lane, *stage, *at)
                {
                    editor.preview(command)?;
                }
            }
            if *commit {
                editor.commit();
            } else {
                editor.abort()?;
                assert_eq!(editor.map(), &map, "abort restores the map");
                assert_eq!(editor.history().undo_len(), steps);
            }
            Ok(())
        }
        Op::Duplicate(picks) => editor.duplicate(&distinct_cards(&map, picks)).map(drop),
        Op::CopyPaste(picks, target) => {
            let text = editor.copy(&distinct_cards(&map, picks));
            let cell = target.and_then(|(lane, stage)| pick_cell(&map, lane, stage));
            editor.paste(&text, cell.as_ref()).map(drop)
        }
        Op::SetTitle(title) => editor.apply_typing(Command::SetMap { field: MapField::Title(title.clone()) }),
        Op::SetScale(min, span, remap) => {
            let min = i32::from(*min);
            editor.set_emotion_scale(EmotionScale::new(min, min + i32::from(*span)), *remap)
        }
        Op::Invalid(k) => {
            let command = match k % 4 {
                0 => Command::RemoveStage { id: "s-absent".into() },
                1 => Command::InsertStage {
                    index: map.stages.len() + 1,
                    stage: parcours::model::Stage {
                        id: "s-new".into(),
                        name: String::new(),
                        description: String::new(),
                        colour: None,
                        metrics: parcours::model::Metrics::default(),
                    },
                    cards: Vec::new(),
                },
                2 => Command::Batch(vec![
                    Command::SetMap { field: MapField::Title("avant l'erreur".into()) },
                    Command::RemoveLane { id: "l-absent".into() },
                ]),
                _ => match map.cards.first() {
                    Some(card) => Command::InsertCards { cards: vec![(0, card.clone())] },
                    None => Command::RemoveCards { ids: vec!["c-absent".into()] },
                },
            };
            assert!(editor.apply(command).is_err(), "invalid command accepted");
            Ok(())
        }
        Op::Undo => editor.undo().map(drop),
        Op::Redo => editor.redo().map(drop),
        Op::Save => {
            editor.mark_saved();
            Ok(())
        }
        Op::PostNote(participant, text, stage) => {
            let id = editor.fresh_id(parcours::model::IdKind::Card).to_string().replacen("c-", "n-", 1);
            let note = parcours::model::Note {
                id: id.into(),
                text: format!("note {text}"),
                stage: stage.and_then(|k| pick(&map.stages, k)).map(|s| s.id.clone()),
                kind: parcours::model::NoteKind::ALL[usize::from(*participant) % 6],
                emotion: None,
                author: String::new(),
                participant: format!("u-{}", participant % 4).into(),
            };
            editor.apply(Command::post_note(&map, note))
        }
        Op::DismissNote(k) => match pick(&map.inbox, *k) {
            Some(note) => editor.apply(Command::DismissNotes { ids: vec![note.id.clone()] }),
            None => Ok(()),
        },
        Op::NoteToCard(k, lane, stage, at) => {
            let (Some(note), Some(cell)) = (pick(&map.inbox, *k), pick_cell(&map, *lane, *stage)) else {
                return Ok(());
            };
            let card = parcours::model::Card::new(
                editor.fresh_id(parcours::model::IdKind::Card),
                cell.lane.clone(),
                cell.stage.clone(),
                "",
            );
            let index = usize::from(*at) % (map.cell_cards(&cell.lane, &cell.stage).len() + 1);
            let Command::NoteToCard { note, card, .. } = Command::note_to_card(&map, note, card) else {
                return Ok(());
            };
            editor.apply(Command::NoteToCard { note, card, index })
        }
        Op::SetVote(per, open) => editor.apply(Command::SetVote(Some(parcours::model::Vote {
            kinds: Vec::new(),
            per_participant: u32::from(per % 4) + 1,
            minutes: None,
            open: *open,
        }))),
        Op::Ballot(participant, picks) => {
            let dots = picks.iter().filter_map(|&k| pick_card(&map, k)).collect();
            editor.apply(Command::CastBallot { participant: format!("u-{}", participant % 4).into(), dots })
        }
        Op::RemoveParticipant(participant) => {
            editor.apply(Command::RemoveParticipant { participant: format!("u-{}", participant % 4).into() })
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_edits_undo_and_redo_exactly(seed in 0..1000_u64, ops in proptest::collection::vec(op(), 1..30)) {
        let start = large_map(4, 4, 40, seed);
        let mut editor = Editor::new(start.clone(), seed);
        for op in &ops {
            let before = editor.map().clone();
            let revision = editor.revision();
            if let Err(error) = run(&mut editor, op) {
                prop_assert_eq!(editor.map(), &before, "{:?} failed ({}) but changed the map", op, error);
            }
            if editor.map() != &before {
                prop_assert_ne!(editor.revision(), revision, "{:?} changed the map, not the revision", op);
            }
            let errors: Vec<_> = check(editor.map(), None).into_iter().filter(|d| d.severity == Severity::Error).collect();
            prop_assert!(errors.is_empty(), "after {:?}: {:?}", op, errors);
        }
        while editor.redo().unwrap() {}
        let end = editor.map().clone();
        let steps = editor.history().undo_len();
        while editor.undo().unwrap() {}
        prop_assert_eq!(editor.map(), &start);
        if !ops.iter().any(|op| matches!(op, Op::Save)) {
            prop_assert!(!editor.is_dirty(), "back at the loaded state");
        }
        prop_assert_eq!(editor.history().redo_len(), steps);
        while editor.redo().unwrap() {}
        prop_assert_eq!(editor.map(), &end);
        // The room's data goes through the file and back unchanged.
        let text = parcours::file::to_string(&end);
        let back = parcours::file::from_str(&text, std::path::Path::new("p.ron")).unwrap();
        prop_assert_eq!(&back, &end);
    }
}
