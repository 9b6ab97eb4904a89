//! Every example map and template passes `check` and round-trips byte for byte.

use parcours::{check, file};
use std::path::PathBuf;

fn ron_files(folder: &str) -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("read the folder")
        .map(|e| e.expect("read an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn example_maps_check_clean_and_round_trip() {
    let files = ron_files("maps");
    assert!(files.len() >= 3, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let map = file::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let found = check::check(&map, path.parent());
        assert!(found.is_empty(), "{}: {found:?}", path.display());
        assert_eq!(file::to_string(&map), text, "{} is not canonical", path.display());
        assert_eq!(file::from_str(&text, &path).unwrap(), map);
    }
}

#[test]
fn templates_check_clean_and_round_trip() {
    for path in ron_files("assets/templates") {
        let text = std::fs::read_to_string(&path).unwrap();
        let map = file::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(!check::has_errors(&check::check(&map, None)), "{}", path.display());
        assert_eq!(file::to_string(&map), text, "{} is not canonical", path.display());
    }
}

#[test]
fn french_example_has_what_the_workshop_needs() {
    use parcours::model::{CardKind, Channel, Presence};
    let map = file::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("maps/ecommerce-fr.ron")).unwrap();
    assert_eq!(map.language, "fr");
    assert_eq!(map.stages.len(), 7);
    assert_eq!(map.personas.len(), 3);
    for persona in &map.personas {
        assert!(
            persona.age.is_some() && !persona.occupation.is_empty() && !persona.goals.is_empty(),
            "{}",
            persona.name
        );
        assert!(
            !persona.frustrations.is_empty() && !persona.family.is_empty() && !persona.hobbies.is_empty()
        );
    }
    let kinds = |k| map.cards.iter().filter(|c| c.kind == k).count();
    assert!(kinds(CardKind::PainPoint) >= 2 && kinds(CardKind::Opportunity) >= 4);
    assert!(map.cards.iter().any(|c| c.channel == Some(Channel::Phone)));
    assert!(map.cards.iter().any(|c| c.effective_presence() == Some(Presence::Offline)));
    assert!(map.cards.iter().any(|c| c.effective_presence() == Some(Presence::Online)));
    assert!(map.stages.iter().all(|s| s.metrics.nps.is_some()));
    for (lane, _) in map.persona_lanes() {
        let scored = map.cards.iter().filter(|c| c.lane == lane.id && c.emotion.is_some()).count();
        assert!(scored >= 5, "lane {} has an emotion curve", lane.id);
    }
}
