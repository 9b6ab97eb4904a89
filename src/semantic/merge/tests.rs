use super::*;
use crate::check::{Severity, check};
use crate::model::Channel;
use crate::semantic::IdSet;

fn base() -> Map {
    crate::file::from_str(
        r#"(
    version: 1,
    title: "Boutique",
    stages: [(id: "s-comp", name: "Comparaison"), (id: "s-achat", name: "Achat"), (id: "s-liv", name: "Livraison")],
    personas: [(id: "p-lea", name: "Léa"), (id: "p-marc", name: "Marc")],
    lanes: [
        (id: "l-lea", kind: Persona("p-lea")),
        (id: "l-marc", kind: Persona("p-marc")),
        (id: "l-dl", title: "Douleurs", kind: PainPoints),
    ],
    cards: [
        (id: "c-7kq2", lane: "l-dl", stage: "s-achat", title: "Frais de livraison découverts", kind: PainPoint, channel: Some(Web), emotion: Some(2)),
        (id: "c-appl", lane: "l-lea", stage: "s-comp", title: "Appel au SAV", channel: Some(Phone)),
        (id: "c-mail", lane: "l-lea", stage: "s-achat", title: "Courriel de confirmation", order: 1),
        (id: "c-marc", lane: "l-marc", stage: "s-liv", title: "Colis en point relais"),
    ],
)"#,
        std::path::Path::new("base.ron"),
    )
    .unwrap()
}

fn card<'m>(map: &'m mut Map, id: &str) -> &'m mut Card {
    map.cards.iter_mut().find(|c| c.id.as_str() == id).unwrap()
}

fn get<'m>(map: &'m Map, id: &str) -> &'m Card {
    map.card(&Id::from(id)).unwrap()
}

fn new_card(id: &str, lane: &str, stage: &str, title: &str) -> Card {
    Card::new(Id::from(id), Id::from(lane), Id::from(stage), title)
}

/// Errors of `check` other than the recorded conflicts.
fn errors_besides_conflicts(map: &Map) -> Vec<String> {
    check(map, None)
        .into_iter()
        .filter(|d| d.severity == Severity::Error && !d.message.starts_with("unresolved merge conflict"))
        .map(|d| d.message)
        .collect()
}

fn clean(base: &Map, ours: &Map, theirs: &Map) -> Map {
    let outcome = merge3(base, ours, theirs);
    assert!(outcome.conflicts.is_empty(), "{:?}", outcome.conflicts);
    assert!(outcome.is_clean());
    assert_eq!(errors_besides_conflicts(&outcome.map), Vec::<String>::new());
    outcome.map
}

#[test]
fn unchanged_sides_give_the_other_side() {
    let base = base();
    let mut x = base.clone();
    card(&mut x, "c-appl").title = "Appel".into();
    x.stages.swap(0, 2);
    x.cards.push(new_card("c-new1", "l-dl", "s-liv", "Retard"));
    assert_eq!(clean(&base, &x, &base), x);
    assert_eq!(clean(&base, &base, &x), x);
    assert_eq!(clean(&base, &x, &x), x);
}

#[test]
fn edits_to_different_cards_of_one_stage_merge() {
    let base = base();
    let mut ours = base.clone();
    card(&mut ours, "c-7kq2").title = "Frais de port découverts".into();
    let mut theirs = base.clone();
    card(&mut theirs, "c-mail").emotion = Some(1);
    let merged = clean(&base, &ours, &theirs);
    assert_eq!(get(&merged, "c-7kq2").title, "Frais de port découverts");
    assert_eq!(get(&merged, "c-mail").emotion, Some(1));
}

#[test]
fn different_fields_of_one_card_merge() {
    let base = base();
    let mut ours = base.clone();
    card(&mut ours, "c-7kq2").emotion = Some(-1);
    let mut theirs = base.clone();
    card(&mut theirs, "c-7kq2").channel = Some(Channel::Phone);
    let merged = clean(&base, &ours, &theirs);
    let c = get(&merged, "c-7kq2");
    assert_eq!((c.emotion, c.channel), (Some(-1), Some(Channel::Phone)));
}

#[test]
fn both_add_cards_to_one_cell() {
    let base = base();
    let mut ours = base.clone();
    ours.cards.push(new_card("c-ours", "l-lea", "s-achat", "Paiement en 3 fois"));
    let mut theirs = base.clone();
    theirs.cards.push(new_card("c-thrs", "l-lea", "s-achat", "Code promo refusé"));
    let merged = clean(&base, &ours, &theirs);
    let cell: Vec<&str> = merged
        .cell_cards(&Id::from("l-lea"), &Id::from("s-achat"))
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(cell, ["Paiement en 3 fois", "Code promo refusé", "Courriel de confirmation"]);
    let ids: Vec<&str> = merged.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c-7kq2", "c-appl", "c-mail", "c-marc", "c-ours", "c-thrs"]);
}

#[test]
fn a_move_merges_with_a_text_edit() {
    let base = base();
    let mut ours = base.clone();
    card(&mut ours, "c-appl").stage = Id::from("s-achat");
    card(&mut ours, "c-appl").order = 2;
    let mut theirs = base.clone();
    card(&mut theirs, "c-appl").title = "Appel au service client".into();
    let merged = clean(&base, &ours, &theirs);
    let c = get(&merged, "c-appl");
    assert_eq!((c.stage.as_str(), c.order, c.title.as_str()), ("s-achat", 2, "Appel au service client"));
    // And the other way round.
    let merged = clean(&base, &theirs, &ours);
    assert_eq!(get(&merged, "c-appl"), c);
}

#[test]
fn a_stage_reorder_merges_with_a_rename() {
    let base = base();
    let mut ours = base.clone();
    ours.stages.reverse();
    let mut theirs = base.clone();
    theirs.stages[1].name = "Paiement".into();
    theirs.stages.push(Stage { id: Id::from("s-avis"), name: "Avis".into(), ..base.stages[0].clone() });
    let merged = clean(&base, &ours, &theirs);
    let names: Vec<&str> = merged.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Livraison", "Avis", "Paiement", "Comparaison"]);
}

#[test]
fn a_delete_merges_with_an_untouched_card() {
    let base = base();
    let mut ours = base.clone();
    ours.cards.retain(|c| c.id.as_str() != "c-marc");
    let mut theirs = base.clone();
    card(&mut theirs, "c-appl").emotion = Some(1);
    let merged = clean(&base, &ours, &theirs);
    assert!(merged.card(&Id::from("c-marc")).is_none());
    assert_eq!(get(&merged, "c-appl").emotion, Some(1));
}

#[test]
fn map_fields_merge_one_by_one() {
    let base = base();
    let mut ours = base.clone();
    ours.title = "Boutique en ligne".into();
    let mut theirs = base.clone();
    theirs.description = "Parcours d’achat".into();
    let merged = clean(&base, &ours, &theirs);
    assert_eq!(
        (merged.title.as_str(), merged.description.as_str()),
        ("Boutique en ligne", "Parcours d’achat")
    );
}

#[test]
fn same_change_on_both_sides_is_clean() {
    let base = base();
    let mut ours = base.clone();
    card(&mut ours, "c-7kq2").emotion = Some(-2);
    ours.cards.retain(|c| c.id.as_str() != "c-marc");
    let theirs = ours.clone();
    assert_eq!(clean(&base, &ours, &theirs), ours);
}

#[test]
fn same_field_two_ways_keeps_ours_and_records_both() {
    let base = base();
    let mut ours = base.clone();
    card(&mut ours, "c-7kq2").emotion = Some(-1);
    card(&mut ours, "c-7kq2").title = "Frais de port".into();
    let mut theirs = base.clone();
    card(&mut theirs, "c-7kq2").emotion = Some(-2);
    let outcome = merge3(&base, &ours, &theirs);
    let expected = Conflict {
        element: Id::from("c-7kq2"),
        field: "emotion".into(),
        ours: "Some(-1)".into(),
        theirs: "Some(-2)".into(),
    };
    assert_eq!(outcome.conflicts, std::slice::from_ref(&expected));
    assert_eq!(outcome.map.conflicts, [expected]);
    assert_eq!(get(&outcome.map, "c-7kq2").emotion, Some(-1));
    assert_eq!(get(&outcome.map, "c-7kq2").title, "Frais de port");
    assert_eq!(errors_besides_conflicts(&outcome.map), Vec::<String>::new());

    let mut map = outcome.map.clone();
    resolve(&mut map, 0, Side::Theirs).unwrap();
    assert_eq!(get(&map, "c-7kq2").emotion, Some(-2));
    assert!(map.conflicts.is_empty());
    let mut map = outcome.map;
    resolve(&mut map, 0, Side::Ours).unwrap();
    assert_eq!(get(&map, "c-7kq2").emotion, Some(-1));
    assert!(check(&map, None).iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn text_edited_two_ways_is_a_conflict_with_both_texts() {
    let base = base();
    let mut ours = base.clone();
    card(&mut ours, "c-appl").title = "Appel « SAV »".into();
    let mut theirs = base.clone();
    card(&mut theirs, "c-appl").title = "Appel\nSAV".into();
    let outcome = merge3(&base, &ours, &theirs);
    assert_eq!(outcome.conflicts.len(), 1);
    assert_eq!(outcome.conflicts[0].ours, "\"Appel « SAV »\"");
    assert_eq!(outcome.conflicts[0].theirs, "\"Appel\\nSAV\"");
    let mut map = outcome.map;
    resolve(&mut map, 0, Side::Theirs).unwrap();
    assert_eq!(get(&map, "c-appl").title, "Appel\nSAV");
}

#[test]
fn deleted_by_us_edited_by_them_stays_deleted_with_a_conflict() {
    let base = base();
    let mut ours = base.clone();
    ours.cards.retain(|c| c.id.as_str() != "c-appl");
    let mut theirs = base.clone();
    card(&mut theirs, "c-appl").title = "Appel rappelé".into();
    let outcome = merge3(&base, &ours, &theirs);
    assert!(outcome.map.card(&Id::from("c-appl")).is_none());
    let [conflict] = outcome.conflicts.as_slice() else { panic!("{:?}", outcome.conflicts) };
    assert_eq!(
        (conflict.element.as_str(), conflict.field.as_str(), conflict.ours.as_str()),
        ("c-appl", "deleted", DELETED)
    );
    assert!(conflict.theirs.starts_with("Card(id: \"c-appl\""), "{}", conflict.theirs);
    assert_eq!(errors_besides_conflicts(&outcome.map), Vec::<String>::new());

    let mut map = outcome.map.clone();
    resolve(&mut map, 0, Side::Theirs).unwrap();
    assert_eq!(get(&map, "c-appl").title, "Appel rappelé");
    assert!(map.conflicts.is_empty());
    let mut map = outcome.map;
    resolve(&mut map, 0, Side::Ours).unwrap();
    assert!(map.card(&Id::from("c-appl")).is_none() && map.conflicts.is_empty());
}

#[test]
fn edited_by_us_deleted_by_them_keeps_ours_with_a_conflict() {
    let base = base();
    let mut ours = base.clone();
    card(&mut ours, "c-appl").emotion = Some(1);
    let mut theirs = base.clone();
    theirs.cards.retain(|c| c.id.as_str() != "c-appl");
    let outcome = merge3(&base, &ours, &theirs);
    assert_eq!(get(&outcome.map, "c-appl").emotion, Some(1));
    let [conflict] = outcome.conflicts.as_slice() else { panic!("{:?}", outcome.conflicts) };
    assert_eq!((conflict.field.as_str(), conflict.theirs.as_str()), ("deleted", DELETED));
    let mut map = outcome.map;
    resolve(&mut map, 0, Side::Theirs).unwrap();
    assert!(map.card(&Id::from("c-appl")).is_none() && map.conflicts.is_empty());
}

#[test]
fn a_lane_deleted_on_one_side_and_used_on_the_other_is_kept_with_a_conflict() {
    let base = base();
    // We delete Marc: his persona, his lane and its card.
    let mut ours = base.clone();
    ours.personas.retain(|p| p.id.as_str() != "p-marc");
    ours.lanes.retain(|l| l.id.as_str() != "l-marc");
    ours.cards.retain(|c| c.lane.as_str() != "l-marc");
    // They add a card to Marc's lane.
    let mut theirs = base.clone();
    theirs.cards.push(new_card("c-new1", "l-marc", "s-achat", "Compare en magasin"));
    let outcome = merge3(&base, &ours, &theirs);
    assert_eq!(errors_besides_conflicts(&outcome.map), Vec::<String>::new());
    assert!(outcome.map.lane(&Id::from("l-marc")).is_some());
    assert!(outcome.map.persona(&Id::from("p-marc")).is_some());
    assert!(outcome.map.card(&Id::from("c-marc")).is_none(), "the untouched card goes");
    let summary: Vec<(&str, &str, &str)> =
        outcome.conflicts.iter().map(|c| (c.element.as_str(), c.field.as_str(), c.ours.as_str())).collect();
    assert_eq!(summary, [("l-marc", "deleted", DELETED), ("p-marc", "deleted", DELETED)]);
    // The lane is in its old place.
    let lanes: Vec<&str> = outcome.map.lanes.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(lanes, ["l-lea", "l-marc", "l-dl"]);

    // Picking our side deletes the lane and its new card, then the persona.
    let mut map = outcome.map.clone();
    resolve(&mut map, 0, Side::Ours).unwrap();
    assert!(map.lane(&Id::from("l-marc")).is_none() && map.card(&Id::from("c-new1")).is_none());
    resolve(&mut map, 0, Side::Ours).unwrap();
    assert!(map.persona(&Id::from("p-marc")).is_none() && map.conflicts.is_empty());
    assert_eq!(errors_besides_conflicts(&map), Vec::<String>::new());

    // Deleting the persona first takes its lane along.
    let mut map = outcome.map.clone();
    resolve(&mut map, 1, Side::Ours).unwrap();
    assert!(map.lane(&Id::from("l-marc")).is_none() && map.conflicts.is_empty());
    assert_eq!(errors_besides_conflicts(&map), Vec::<String>::new());

    // Picking their side keeps everything.
    let mut map = outcome.map;
    resolve(&mut map, 0, Side::Theirs).unwrap();
    resolve(&mut map, 0, Side::Theirs).unwrap();
    assert!(map.card(&Id::from("c-new1")).is_some() && map.conflicts.is_empty());
}

#[test]
fn a_card_they_edited_in_a_lane_we_deleted_keeps_the_lane_on_offer() {
    let base = base();
    let mut ours = base.clone();
    ours.lanes.retain(|l| l.id.as_str() != "l-dl");
    ours.cards.retain(|c| c.lane.as_str() != "l-dl");
    let mut theirs = base.clone();
    card(&mut theirs, "c-7kq2").emotion = Some(-2);
    let outcome = merge3(&base, &ours, &theirs);
    assert_eq!(errors_besides_conflicts(&outcome.map), Vec::<String>::new());
    let fields: Vec<(&str, &str)> =
        outcome.conflicts.iter().map(|c| (c.element.as_str(), c.field.as_str())).collect();
    assert_eq!(fields, [("c-7kq2", "deleted"), ("l-dl", "deleted")]);
    // Taking their card back works, since the lane is still there.
    let mut map = outcome.map.clone();
    resolve(&mut map, 0, Side::Theirs).unwrap();
    assert_eq!(get(&map, "c-7kq2").emotion, Some(-2));
    assert_eq!(errors_besides_conflicts(&map), Vec::<String>::new());
    // Deleting the lane drops the offer of its card too.
    let mut map = outcome.map;
    resolve(&mut map, 1, Side::Ours).unwrap();
    assert!(map.conflicts.is_empty() && map.lane(&Id::from("l-dl")).is_none());
    assert_eq!(errors_besides_conflicts(&map), Vec::<String>::new());
}

#[test]
fn stages_reordered_two_ways_is_a_conflict_on_the_order() {
    let base = base();
    let mut ours = base.clone();
    ours.stages.reverse();
    let mut theirs = base.clone();
    theirs.stages.swap(0, 1);
    let outcome = merge3(&base, &ours, &theirs);
    let [conflict] = outcome.conflicts.as_slice() else { panic!("{:?}", outcome.conflicts) };
    assert_eq!(conflict.field, "stages.order");
    assert_eq!(conflict.ours, r#"["s-liv", "s-achat", "s-comp"]"#);
    assert_eq!(conflict.theirs, r#"["s-achat", "s-comp", "s-liv"]"#);
    assert_eq!(outcome.map.stages, ours.stages);
    let mut map = outcome.map;
    resolve(&mut map, 0, Side::Theirs).unwrap();
    assert_eq!(map.stages, theirs.stages);
}

#[test]
fn both_adding_one_id_differently_conflicts_field_by_field() {
    let base = base();
    let mut ours = base.clone();
    ours.cards.push(new_card("c-same", "l-dl", "s-liv", "Retard"));
    let mut theirs = base.clone();
    theirs.cards.push(new_card("c-same", "l-dl", "s-liv", "Colis perdu"));
    let outcome = merge3(&base, &ours, &theirs);
    let fields: Vec<&str> = outcome.conflicts.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["title"]);
    assert_eq!(get(&outcome.map, "c-same").title, "Retard");
}

#[test]
fn conflicts_already_in_the_files_merge_as_a_set() {
    let base = base();
    let old = Conflict {
        element: Id::from("c-7kq2"),
        field: "emotion".into(),
        ours: "Some(2)".into(),
        theirs: "Some(0)".into(),
    };
    let mut conflicted = base.clone();
    conflicted.conflicts.push(old.clone());
    // We resolved it; they edited something else: it is gone.
    let mut ours = base.clone();
    card(&mut ours, "c-7kq2").emotion = Some(0);
    let mut theirs = conflicted.clone();
    card(&mut theirs, "c-appl").emotion = Some(1);
    let merged = clean(&conflicted, &ours, &theirs);
    assert_eq!(get(&merged, "c-7kq2").emotion, Some(0));
    // Nobody resolved it: it stays.
    let mut ours = conflicted.clone();
    ours.title = "Boutique en ligne".into();
    let outcome = merge3(&conflicted, &ours, &conflicted);
    assert_eq!(outcome.map.conflicts, std::slice::from_ref(&old));
    assert!(outcome.conflicts.is_empty() && !outcome.is_clean());
    // A new conflict on the same field replaces it.
    let mut ours = conflicted.clone();
    card(&mut ours, "c-7kq2").emotion = Some(-1);
    let mut theirs = conflicted.clone();
    card(&mut theirs, "c-7kq2").emotion = Some(1);
    let outcome = merge3(&conflicted, &ours, &theirs);
    assert_eq!(outcome.map.conflicts.len(), 1);
    assert_eq!(outcome.map.conflicts[0].theirs, "Some(1)");
}

#[test]
fn resolve_reports_bad_requests_and_leaves_the_map_alone() {
    let mut map = base();
    assert!(matches!(
        resolve(&mut map, 0, Side::Ours),
        Err(ResolveError::NoSuchConflict { index: 0, count: 0 })
    ));
    map.conflicts.push(Conflict {
        element: Id::from("c-nope"),
        field: "title".into(),
        ours: "\"a\"".into(),
        theirs: "\"b\"".into(),
    });
    map.conflicts.push(Conflict {
        element: Id::from("c-appl"),
        field: "colour_name".into(),
        ..map.conflicts[0].clone()
    });
    map.conflicts.push(Conflict {
        element: Id::from("c-appl"),
        field: "emotion".into(),
        ours: "Some(".into(),
        theirs: "x".into(),
    });
    let before = map.clone();
    assert!(matches!(resolve(&mut map, 0, Side::Theirs), Err(ResolveError::NoSuchElement(_))));
    assert!(matches!(resolve(&mut map, 1, Side::Theirs), Err(ResolveError::NoSuchField { .. })));
    let error = resolve(&mut map, 2, Side::Theirs).unwrap_err();
    assert!(error.to_string().starts_with("the recorded value of `emotion` cannot be read"), "{error}");
    assert_eq!(map, before);
}

#[test]
fn merge_order_inserts_after_the_preceding_element() {
    fn refs(list: &[Id]) -> Vec<&Id> {
        list.iter().collect()
    }
    let ids = |list: &[&str]| -> Vec<Id> { list.iter().map(|s| Id::from(*s)).collect() };
    let (base, ours, theirs) =
        (ids(&["a", "b", "c"]), ids(&["x", "a", "b", "y", "c"]), ids(&["c", "a", "z", "w", "b"]));
    let all = ids(&["a", "b", "c", "x", "y", "z", "w"]);
    let kept: IdSet<&Id> = all.iter().collect();
    let (order, clash) = merge_order(&refs(&base), &refs(&ours), &refs(&theirs), &kept);
    assert!(clash.is_none());
    let order: Vec<&str> = order.iter().map(|id| id.as_str()).collect();
    assert_eq!(order, ["x", "c", "a", "z", "w", "b", "y"]);
}

#[test]
fn a_conflicting_move_keeps_the_lane_it_offers() {
    let base = base();
    // We move the card to Marc's lane and delete the pain-points lane; they move it there.
    let mut ours = base.clone();
    card(&mut ours, "c-appl").lane = Id::from("l-marc");
    ours.lanes.retain(|l| l.id.as_str() != "l-dl");
    ours.cards.retain(|c| c.lane.as_str() != "l-dl");
    let mut theirs = base.clone();
    card(&mut theirs, "c-appl").lane = Id::from("l-dl");
    let outcome = merge3(&base, &ours, &theirs);
    let fields: Vec<(&str, &str)> =
        outcome.conflicts.iter().map(|c| (c.element.as_str(), c.field.as_str())).collect();
    assert_eq!(fields, [("c-appl", "lane"), ("l-dl", "deleted")]);
    assert_eq!(errors_besides_conflicts(&outcome.map), Vec::<String>::new());
    // Their move is possible, since the lane stayed.
    let mut map = outcome.map.clone();
    resolve(&mut map, 0, Side::Theirs).unwrap();
    assert_eq!(get(&map, "c-appl").lane.as_str(), "l-dl");
    assert_eq!(errors_besides_conflicts(&map), Vec::<String>::new());
    // Deleting the lane withdraws their move.
    let mut map = outcome.map;
    resolve(&mut map, 1, Side::Ours).unwrap();
    assert!(map.conflicts.is_empty());
    assert_eq!(get(&map, "c-appl").lane.as_str(), "l-marc");
    assert_eq!(errors_besides_conflicts(&map), Vec::<String>::new());
}

#[test]
fn a_score_set_on_the_old_scale_follows_a_scale_change_from_the_other_side() {
    let base = base();
    // Ours moves the map to Mermaid's 1…5 scale, remapping its scores as the designer does.
    let mut ours = base.clone();
    ours.emotion_scale = crate::model::EmotionScale::new(1, 5);
    card(&mut ours, "c-7kq2").emotion = Some(5);
    // Theirs, still on −2…+2, scores a card −1.
    let mut theirs = base.clone();
    card(&mut theirs, "c-appl").emotion = Some(-1);
    let merged = merge3(&base, &ours, &theirs);
    assert!(merged.is_clean(), "{:?}", merged.conflicts);
    assert_eq!(merged.map.card(&Id::from("c-appl")).unwrap().emotion, Some(2));
    assert_eq!(merged.map.card(&Id::from("c-7kq2")).unwrap().emotion, Some(5));
    let errors: Vec<_> =
        check(&merged.map, None).into_iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

fn note(id: &str, participant: &str, text: &str) -> Note {
    Note {
        id: Id::from(id),
        text: text.into(),
        stage: Some(Id::from("s-achat")),
        participant: Id::from(participant),
        ..Note::default()
    }
}

#[test]
fn notes_added_on_two_branches_merge_cleanly() {
    let base = base();
    let mut ours = base.clone();
    ours.inbox.push(note("n-ours01", "u-1", "Trop de clics"));
    let mut theirs = base.clone();
    theirs.inbox.push(note("n-thei01", "u-2", "Frais cachés"));
    let merged = clean(&base, &ours, &theirs);
    let ids: Vec<&str> = merged.inbox.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["n-ours01", "n-thei01"]);
}

#[test]
fn a_note_triaged_on_one_side_and_dismissed_on_the_other_leaves_the_inbox() {
    let mut base = base();
    base.inbox.push(note("n-a", "u-1", "Un"));
    base.inbox.push(note("n-b", "u-1", "Deux"));
    let mut ours = base.clone();
    ours.inbox.retain(|n| n.id.as_str() != "n-a");
    let mut card = new_card("c-froma", "l-dl", "s-achat", "Un");
    card.from_note = Some(Id::from("n-a"));
    ours.cards.push(card);
    let mut theirs = base.clone();
    theirs.inbox.retain(|n| n.id.as_str() != "n-b");
    theirs.dismissed.push(Id::from("n-b"));
    let merged = clean(&base, &ours, &theirs);
    assert!(merged.inbox.is_empty(), "{:?}", merged.inbox);
    assert_eq!(merged.dismissed, [Id::from("n-b")]);
    assert!(merged.knows_note(&Id::from("n-a")) && merged.knows_note(&Id::from("n-b")));
}

#[test]
fn votes_of_different_participants_on_one_card_merge_and_the_same_participant_conflicts() {
    let base = base();
    let mut ours = base.clone();
    card(&mut ours, "c-7kq2").votes.insert(Id::from("u-1"), 2);
    ours.dismissed.push(Id::from("n-x"));
    let mut theirs = base.clone();
    card(&mut theirs, "c-7kq2").votes.insert(Id::from("u-2"), 1);
    theirs.dismissed.push(Id::from("n-y"));
    let merged = clean(&base, &ours, &theirs);
    assert_eq!(get(&merged, "c-7kq2").vote_count(), 3);
    assert_eq!(merged.dismissed, [Id::from("n-x"), Id::from("n-y")]);
    card(&mut theirs, "c-7kq2").votes.insert(Id::from("u-1"), 1);
    let outcome = merge3(&base, &ours, &theirs);
    assert_eq!(outcome.conflicts.len(), 1);
    assert_eq!(outcome.conflicts[0].field, "votes");
    assert_eq!(get(&outcome.map, "c-7kq2").votes.get(&Id::from("u-1")), Some(&2), "ours kept");
}

#[test]
fn a_note_edited_two_ways_conflicts_and_resolves() {
    let mut base = base();
    base.inbox.push(note("n-a", "u-1", "Un"));
    let mut ours = base.clone();
    ours.inbox[0].text = "Un (nous)".into();
    let mut theirs = base.clone();
    theirs.inbox[0].text = "Un (eux)".into();
    let mut outcome = merge3(&base, &ours, &theirs);
    assert_eq!(outcome.conflicts[0].element, Id::from("n-a"));
    resolve(&mut outcome.map, 0, Side::Theirs).unwrap();
    assert_eq!(outcome.map.inbox[0].text, "Un (eux)");
}
