//! Property tests of the semantic merge: random edits of a generated map on two sides.

use parcours::check::{Severity, check};
use parcours::file;
use parcours::model::generate::large_map;
use parcours::model::{Card, Id, IdGen, IdKind, Map};
use parcours::semantic::{Side, diff, merge3, resolve};
use proptest::prelude::*;
use std::path::Path;

/// One edit a person could make in the designer.
#[derive(Clone, Debug)]
enum Edit {
    CardTitle(usize, String),
    Emotion(usize, Option<i32>),
    Move(usize, usize, usize, u32),
    DeleteCard(usize),
    AddCard(usize, usize, String),
    SwapStages(usize, usize),
    SwapLanes(usize, usize),
    RenameStage(usize, String),
    DeleteStage(usize),
    DeleteLane(usize),
    MapTitle(String),
}

fn words() -> impl Strategy<Value = String> {
    prop_oneof![Just("Appel au SAV".to_owned()), Just("Frais de port « cachés »".to_owned()), "[a-zé ]{1,12}"]
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = || 0_usize..64;
    prop_oneof![
        (i(), words()).prop_map(|(c, t)| Edit::CardTitle(c, t)),
        (i(), proptest::option::of(-2_i32..=2)).prop_map(|(c, e)| Edit::Emotion(c, e)),
        (i(), i(), i(), 0_u32..4).prop_map(|(c, l, s, o)| Edit::Move(c, l, s, o)),
        i().prop_map(Edit::DeleteCard),
        (i(), i(), words()).prop_map(|(l, s, t)| Edit::AddCard(l, s, t)),
        (i(), i()).prop_map(|(a, b)| Edit::SwapStages(a, b)),
        (i(), i()).prop_map(|(a, b)| Edit::SwapLanes(a, b)),
        (i(), words()).prop_map(|(s, t)| Edit::RenameStage(s, t)),
        i().prop_map(Edit::DeleteStage),
        i().prop_map(Edit::DeleteLane),
        words().prop_map(Edit::MapTitle),
    ]
}

/// Applies edits the way the designer would (deleting a stage or lane deletes its cards).
fn apply(map: &Map, edits: &[Edit], seed: u64) -> Map {
    let mut map = map.clone();
    let mut ids = IdGen::with_seed(seed);
    ids.observe(map.ids());
    for edit in edits {
        let (n_cards, n_stages, n_lanes) = (map.cards.len(), map.stages.len(), map.lanes.len());
        match edit.clone() {
            Edit::CardTitle(c, t) if n_cards > 0 => map.cards[c % n_cards].title = t,
            Edit::Emotion(c, e) if n_cards > 0 => map.cards[c % n_cards].emotion = e,
            Edit::Move(c, l, s, o) if n_cards > 0 && n_stages > 0 && n_lanes > 0 => {
                let lane = map.lanes[l % n_lanes].id.clone();
                let stage = map.stages[s % n_stages].id.clone();
                let card = &mut map.cards[c % n_cards];
                (card.lane, card.stage, card.order) = (lane, stage, o);
            }
            Edit::DeleteCard(c) if n_cards > 0 => {
                map.cards.remove(c % n_cards);
            }
            Edit::AddCard(l, s, t) if n_stages > 0 && n_lanes > 0 => {
                let card = Card::new(
                    ids.fresh(IdKind::Card),
                    map.lanes[l % n_lanes].id.clone(),
                    map.stages[s % n_stages].id.clone(),
                    t,
                );
                map.cards.push(card);
            }
            Edit::SwapStages(a, b) if n_stages > 0 => map.stages.swap(a % n_stages, b % n_stages),
            Edit::SwapLanes(a, b) if n_lanes > 0 => map.lanes.swap(a % n_lanes, b % n_lanes),
            Edit::RenameStage(s, t) if n_stages > 0 => map.stages[s % n_stages].name = t,
            Edit::DeleteStage(s) if n_stages > 0 => {
                let gone = map.stages.remove(s % n_stages).id;
                map.cards.retain(|c| c.stage != gone);
            }
            Edit::DeleteLane(l) if n_lanes > 0 => {
                let gone = map.lanes.remove(l % n_lanes).id;
                map.cards.retain(|c| c.lane != gone);
            }
            Edit::MapTitle(t) => map.title = t,
            _ => {}
        }
    }
    map
}

fn errors(map: &Map) -> Vec<String> {
    check(map, None).into_iter().filter(|d| d.severity == Severity::Error).map(|d| d.message).collect()
}

fn errors_besides_conflicts(map: &Map) -> Vec<String> {
    errors(map).into_iter().filter(|m| !m.starts_with("unresolved merge conflict")).collect()
}

fn setup() -> impl Strategy<Value = (Map, Vec<Edit>, Vec<Edit>, u64, Vec<bool>)> {
    (
        (2_usize..5, 2_usize..5, 0_usize..30, any::<u64>())
            .prop_map(|(s, l, c, seed)| large_map(s, l, c, seed)),
        proptest::collection::vec(edit(), 0..8),
        proptest::collection::vec(edit(), 0..8),
        any::<u64>(),
        proptest::collection::vec(any::<bool>(), 16),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn one_sided_edits_merge_to_that_side((base, ours_edits, _, seed, _) in setup()) {
        let x = apply(&base, &ours_edits, seed);
        let left = merge3(&base, &x, &base);
        prop_assert!(left.conflicts.is_empty() && left.is_clean());
        prop_assert_eq!(&left.map, &x);
        let right = merge3(&base, &base, &x);
        prop_assert!(right.conflicts.is_empty());
        prop_assert_eq!(&right.map, &x);
        prop_assert_eq!(diff(&base, &x).is_empty(), base == x);
        prop_assert!(diff(&x, &x).is_empty());
    }

    #[test]
    fn any_merge_is_a_valid_canonical_map((base, ours_edits, theirs_edits, seed, sides) in setup()) {
        let ours = apply(&base, &ours_edits, seed);
        let theirs = apply(&base, &theirs_edits, seed ^ 0x5555);
        let outcome = merge3(&base, &ours, &theirs);
        let text = file::to_string(&outcome.map);
        let loaded = file::from_str(&text, Path::new("merged.ron")).unwrap();
        prop_assert_eq!(&loaded, &outcome.map);
        prop_assert_eq!(file::to_string(&loaded), text);
        prop_assert_eq!(errors_besides_conflicts(&outcome.map), Vec::<String>::new());
        prop_assert_eq!(outcome.is_clean(), outcome.conflicts.is_empty());

        // Picking a side for every conflict, one by one, leaves a map with no error at all.
        let mut map = outcome.map;
        let mut picks = sides.iter().cycle();
        while !map.conflicts.is_empty() {
            let side = if picks.next().copied().unwrap_or(true) { Side::Theirs } else { Side::Ours };
            let before = map.conflicts.len();
            resolve(&mut map, 0, side).unwrap();
            prop_assert!(map.conflicts.len() < before);
        }
        prop_assert_eq!(errors(&map), Vec::<String>::new());
    }

    #[test]
    fn merging_is_symmetric_up_to_the_kept_side((base, ours_edits, theirs_edits, seed, _) in setup()) {
        let ours = apply(&base, &ours_edits, seed);
        let theirs = apply(&base, &theirs_edits, seed ^ 0x5555);
        let a = merge3(&base, &ours, &theirs);
        let b = merge3(&base, &theirs, &ours);
        prop_assert_eq!(a.conflicts.len(), b.conflicts.len());
        if a.is_clean() {
            // Same elements with the same fields; only the order of additions may differ.
            let sorted = |m: &Map| {
                let mut cards: Vec<Card> = m.cards.clone();
                cards.sort_by(|x, y| x.id.cmp(&y.id));
                let mut stages: Vec<Id> = m.stages.iter().map(|s| s.id.clone()).collect();
                stages.sort();
                (cards, stages, m.title.clone())
            };
            prop_assert_eq!(sorted(&a.map), sorted(&b.map));
        }
    }
}

/// The example maps: each merges with itself unchanged, and two broad edits (every card moved
/// one stage right on one side, every title edited on the other) merge cleanly.
#[test]
fn example_maps_merge_broad_edits_cleanly() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    let mut seen = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "ron") {
            continue;
        }
        seen += 1;
        let base = file::load(&path).unwrap();
        let same = merge3(&base, &base, &base);
        assert!(same.is_clean() && same.map == base, "{}", path.display());
        assert!(diff(&base, &base).is_empty());

        let mut moved = base.clone();
        let stages: Vec<Id> = base.stages.iter().map(|s| s.id.clone()).collect();
        for card in &mut moved.cards {
            let at = stages.iter().position(|s| *s == card.stage).unwrap_or(0);
            card.stage = stages[(at + 1) % stages.len()].clone();
        }
        let mut retitled = base.clone();
        for card in &mut retitled.cards {
            card.title.push_str(" (vu)");
        }
        let outcome = merge3(&base, &moved, &retitled);
        assert!(outcome.is_clean(), "{}: {:?}", path.display(), outcome.conflicts);
        for (card, old) in outcome.map.cards.iter().zip(&base.cards) {
            assert!(card.title.ends_with(" (vu)") && card.id == old.id);
        }
        assert_eq!(errors(&outcome.map), Vec::<String>::new(), "{}", path.display());
        let changes = diff(&base, &outcome.map).changes;
        let move_count = changes.iter().filter(|c| c.change == parcours::semantic::ChangeKind::Moved).count();
        assert_eq!(move_count, if stages.len() > 1 { base.cards.len() } else { 0 }, "{}", path.display());
    }
    assert!(seen >= 2, "the example maps are in maps/");
}
