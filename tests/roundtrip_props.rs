//! Property tests: any map saves, loads back equal, and its canonical text is stable.

use parcours::file;
use parcours::model::*;
use proptest::prelude::*;
use std::path::Path;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ]{0,12}",
        "\\PC{0,20}",
        Just("« Frais de port\u{202f}! » — œuvre, ça, \"guillemets\", \\ barre\nligne\ttab".to_owned()),
    ]
}

fn id() -> impl Strategy<Value = Id> {
    "[a-z]-[0-9a-z]{1,6}".prop_map(Id::from)
}

fn number() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        (-1.0e6..1.0e6_f64).prop_map(Some),
        (-100_i32..100).prop_map(|n| Some(f64::from(n)))
    ]
}

fn colour() -> impl Strategy<Value = Option<Rgb>> {
    proptest::option::of(any::<[u8; 3]>().prop_map(Rgb))
}

fn stage() -> impl Strategy<Value = Stage> {
    (
        id(),
        text(),
        text(),
        colour(),
        number(),
        number(),
        number(),
        proptest::collection::vec((text(), -1e3..1e3_f64, text(), number()), 0..2),
    )
        .prop_map(|(id, name, description, colour, nps, ces, conversion, custom)| Stage {
            id,
            name,
            description,
            colour,
            metrics: Metrics {
                nps,
                ces,
                csat: None,
                conversion,
                drop_off: None,
                custom: custom
                    .into_iter()
                    .map(|(name, value, unit, target)| CustomMetric { name, value, unit, target })
                    .collect(),
            },
        })
}

fn persona() -> impl Strategy<Value = Persona> {
    (
        id(),
        text(),
        proptest::option::of(0_u32..120),
        text(),
        proptest::collection::vec(text(), 0..3),
        colour(),
        proptest::option::of(text()),
    )
        .prop_map(|(id, name, age, quote, goals, colour, photo)| Persona {
            id,
            name,
            age,
            quote,
            goals,
            colour,
            photo,
            ..Persona::default()
        })
}

fn lane() -> impl Strategy<Value = Lane> {
    let kind =
        prop_oneof![id().prop_map(LaneKind::Persona), proptest::sample::select(LaneKind::SHARED.to_vec())];
    (id(), text(), kind, any::<bool>()).prop_map(|(id, title, kind, hidden)| Lane { id, title, kind, hidden })
}

fn card() -> impl Strategy<Value = Card> {
    (
        (id(), id(), id(), any::<u32>(), text(), text()),
        (
            proptest::sample::select(CardKind::ALL.to_vec()),
            proptest::option::of(proptest::sample::select(Channel::ALL.to_vec())),
            proptest::option::of(prop_oneof![Just(Presence::Online), Just(Presence::Offline)]),
            proptest::option::of(-5_i32..=5),
            proptest::collection::vec(text(), 0..3),
            proptest::option::of(text()),
            colour(),
        ),
        (proptest::option::of(id()), proptest::collection::btree_map(id(), 1_u32..5, 0..3)),
    )
        .prop_map(
            |(
                (id, lane, stage, order, title, details),
                (kind, channel, presence, emotion, tags, link, colour),
                (from_note, votes),
            )| Card {
                id,
                lane,
                stage,
                order,
                title,
                details,
                kind,
                channel,
                presence,
                emotion,
                tags,
                link,
                colour,
                from_note,
                votes,
            },
        )
}

fn note() -> impl Strategy<Value = Note> {
    (
        id(),
        text(),
        proptest::option::of(id()),
        proptest::sample::select(NoteKind::ALL.to_vec()),
        proptest::option::of(-3_i32..=3),
        text(),
        id(),
    )
        .prop_map(|(id, text, stage, kind, emotion, author, participant)| Note {
            id,
            text,
            stage,
            kind,
            emotion,
            author,
            participant,
        })
}

fn vote() -> impl Strategy<Value = Vote> {
    (
        proptest::collection::vec(proptest::sample::select(CardKind::ALL.to_vec()), 0..3),
        0_u32..10,
        proptest::option::of(1_u32..30),
        any::<bool>(),
    )
        .prop_map(|(kinds, per_participant, minutes, open)| Vote {
            kinds,
            per_participant,
            minutes,
            open,
        })
}

fn map() -> impl Strategy<Value = Map> {
    (
        (
            text(),
            text(),
            "[a-z]{0,2}",
            text(),
            -5_i32..=1,
            1_i32..=5,
            proptest::collection::btree_map(-5_i32..=5, text(), 0..3),
        ),
        proptest::collection::vec(stage(), 0..4),
        proptest::collection::vec(persona(), 0..3),
        proptest::collection::vec(lane(), 0..4),
        proptest::collection::vec(card(), 0..8),
        (
            proptest::collection::vec(note(), 0..3),
            proptest::collection::vec(id(), 0..3),
            proptest::option::of(vote()),
        ),
    )
        .prop_map(
            |(
                (title, description, language, revision, min, max, labels),
                stages,
                personas,
                lanes,
                cards,
                (inbox, dismissed, vote),
            )| {
                Map {
                    title,
                    description,
                    language,
                    revision,
                    emotion_scale: EmotionScale { min, max, labels },
                    stages,
                    personas,
                    lanes,
                    cards,
                    inbox,
                    dismissed,
                    vote,
                    ..Map::default()
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn save_load_is_identity_and_canonical_text_is_stable(map in map()) {
        let text = file::to_string(&map);
        let loaded = file::from_str(&text, Path::new("prop.ron")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded, &map);
        prop_assert_eq!(&file::to_string(&loaded), &text);
        // The lowest version that holds the map: 1 without room data, 2 with.
        let version = if map.has_room_data() { "version: 2," } else { "version: 1," };
        prop_assert!(text.starts_with(&format!("(\n    {version}\n")), "{}", &text[..30.min(text.len())]);
    }

    #[test]
    fn saving_through_disk_is_identity(map in map()) {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("carte.ron");
        file::save(&path, &map).unwrap();
        prop_assert_eq!(file::load(&path).unwrap(), map);
    }

    #[test]
    fn arbitrary_text_never_panics_the_loader(text in "\\PC{0,200}") {
        let _ = file::from_str(&text, Path::new("fuzz.ron"));
    }

    #[test]
    fn mangled_maps_never_panic_the_loader(map in map(), cut in 0..10_000_usize, junk in "[(),:\\[\\]\"a-z0-9 ]{0,5}") {
        let text = file::to_string(&map);
        let mut at = text.len() * cut / 10_000;
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = text.len().min(at + 10);
        while !text.is_char_boundary(end) { end += 1; }
        let mangled = format!("{}{junk}{}", &text[..at], &text[at..end]);
        if let Err(error) = file::from_str(&mangled, Path::new("m.ron")) {
            prop_assert!(error.to_string().starts_with("m.ron"));
        }
    }
}
