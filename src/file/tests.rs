use super::*;
use crate::model::{Card, CardKind, Channel, Lane, LaneKind, Persona, Rgb, Stage};

fn sample() -> Map {
    let mut map = Map::new("Parcours d’achat « test »");
    map.language = "fr".into();
    map.stages.push(Stage {
        id: "s-achat".into(),
        name: "Achat".into(),
        description: "Paiement\u{202f}: carte ou PayPal".into(),
        colour: Some(Rgb::new(0xe4, 0x57, 0x2e)),
        metrics: crate::model::Metrics { nps: Some(32.0), ..Default::default() },
    });
    map.personas.push(Persona {
        id: "p-lea".into(),
        name: "Léa".into(),
        age: Some(34),
        ..Default::default()
    });
    map.lanes.push(Lane {
        id: "l-lea".into(),
        title: String::new(),
        kind: LaneKind::Persona("p-lea".into()),
        hidden: false,
    });
    let mut card =
        Card::new("c-7kq2".into(), "l-lea".into(), "s-achat".into(), "Frais de livraison affichés tard");
    card.kind = CardKind::PainPoint;
    card.channel = Some(Channel::Web);
    card.emotion = Some(-2);
    card.details = "Ligne 1\nLigne 2".into();
    map.cards.push(card);
    map
}

fn load_text(text: &str) -> Result<Map, FileError> {
    from_str(text, Path::new("carte.ron"))
}

fn error_text(text: &str) -> String {
    match load_text(text) {
        Ok(_) => panic!("loaded {text:?}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn canonical_text_round_trips_byte_for_byte() {
    let text = to_string(&sample());
    assert!(text.starts_with("(\n    version: 1,\n"), "{text}");
    assert!(!text.contains('\r'));
    assert!(text.contains("Léa") && text.contains("« test »"), "accents are kept literally");
    let map = load_text(&text).unwrap();
    assert_eq!(map, sample());
    assert_eq!(to_string(&map), text);
}

#[test]
fn defaults_are_omitted() {
    let text = to_string(&Map::new("Minimal"));
    assert_eq!(text, "(\n    version: 1,\n    title: \"Minimal\",\n)\n");
}

#[test]
fn one_edit_changes_only_its_lines() {
    let before = to_string(&sample());
    let mut map = sample();
    map.cards[0].emotion = Some(1);
    let after = to_string(&map);
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(changed, [("            emotion: Some(-2),", "            emotion: Some(1),")]);
}

#[test]
fn crlf_and_bom_are_accepted() {
    let text = to_string(&sample()).replace('\n', "\r\n");
    let with_bom = format!("\u{feff}{text}");
    assert_eq!(load_text(&with_bom).unwrap(), sample());
}

#[test]
fn errors_name_file_line_column_and_expectation() {
    let text = "(\n    version: 1,\n    title: \"x\"\n    stages: [],\n)\n";
    assert_eq!(
        error_text(text),
        "carte.ron:4:5: expected a `,` before this (fields and list items are separated by commas)"
    );
}

#[test]
fn empty_and_whitespace_files() {
    assert!(error_text("").contains("carte.ron: the file is empty"));
    assert!(error_text("  \n\n").contains("the file is empty"));
}

#[test]
fn truncated_file() {
    let text = to_string(&sample());
    let cut = &text[..text.len() / 2];
    let message = error_text(cut);
    assert!(message.starts_with("carte.ron:"), "{message}");
    assert!(message.contains("ends too early") || message.contains("expected"), "{message}");
}

#[test]
fn binary_garbage_and_invalid_utf8() {
    let garbage: Vec<u8> = (0..2000_u32).map(|i| i.wrapping_mul(2_654_435_761).to_le_bytes()[1]).collect();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("garbage.ron");
    std::fs::write(&path, &garbage).unwrap();
    let message = load(&path).unwrap_err().to_string();
    assert!(message.contains("not UTF-8 text") || message.contains("unexpected"), "{message}");

    std::fs::write(&path, b"(\n    version: 1,\n    title: \"caf\xe9\",\n)\n").unwrap();
    let error = load(&path).unwrap_err();
    assert_eq!(error.position(), Some((3, 16)));
    assert!(
        error.to_string().ends_with("3:16: the file is not UTF-8 text (invalid byte 0xe9); save it as UTF-8")
    );

    assert_eq!(error_text("\0\0\0\0"), "carte.ron:1:1: expected `(` to start a group of fields");
}

#[test]
fn wrong_types() {
    let message = error_text("(version: 1, title: 12)");
    assert_eq!(message, "carte.ron:1:21: expected text in double quotes, like \"Achat\"");
    let message = error_text("(version: 1, stages: [(id: \"s-1\", name: \"A\", metrics: (nps: \"haut\"))])");
    assert!(message.starts_with("carte.ron:1:"), "{message}");
    let message = error_text("(version: 1, personas: [(id: \"p\", age: Some(-3))])");
    assert!(message.contains("too large or negative"), "{message}");
    let message = error_text("(version: 1, stages: [(id: \"s\", colour: Some(\"rouge\"))])");
    assert!(message.contains("expected a colour written \"#rrggbb\""), "{message}");
}

#[test]
fn unknown_variants_and_fields() {
    let text = "(version: 1, lanes: [(id: \"l\", kind: Feelings)])";
    let message = error_text(text);
    assert!(
        message.contains("unknown value `Feelings` in a lane kind; expected one of: Persona, Actions"),
        "{message}"
    );
    let message = error_text("(version: 1, titel: \"x\")");
    assert!(
        message.contains("unknown field `titel` in the map; expected one of: version, title"),
        "{message}"
    );
}

#[test]
fn missing_ids_and_version() {
    let message = error_text("(version: 1, cards: [(lane: \"l\", stage: \"s\", title: \"x\")])");
    assert!(message.contains("missing field `id` in a card"), "{message}");
    let message = error_text("(title: \"x\")");
    assert!(message.contains("missing field `version` in the map"), "{message}");
}

#[test]
fn duplicate_ids_load_and_are_left_to_check() {
    let mut map = sample();
    let mut twin = map.cards[0].clone();
    twin.title = "Jumeau".into();
    map.cards.push(twin);
    let loaded = load_text(&to_string(&map)).unwrap();
    assert_eq!(loaded.cards.len(), 2, "ids are never changed by load");
    assert!(crate::check::has_errors(&crate::check::check(&loaded, None)));
}

#[test]
fn ten_megabyte_string_loads() {
    let big = "é".repeat(5 * 1024 * 1024);
    let map = load_text(&format!("(version: 1, title: \"{big}\")")).unwrap();
    assert_eq!(map.title.len(), 10 * 1024 * 1024);
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let text = format!("(version: 1, title: {}{})", "[".repeat(100_000), "]".repeat(100_000));
    let message = error_text(&text);
    assert!(message.contains("nested too deeply") || message.contains("expected"), "{message}");
    let text = "(".repeat(1_000_000);
    assert!(error_text(&text).starts_with("carte.ron:1:"));
}

#[test]
fn newer_version_is_refused_with_a_clear_message() {
    let message = error_text("(version: 7, title: \"x\", new_field_from_the_future: 3)");
    assert_eq!(
        message,
        "carte.ron: this map is format version 7, newer than the version 2 this Parcours reads; update Parcours to open it"
    );
    assert!(error_text("(version: 0)").contains("not a format version"));
}

#[test]
fn huge_files_are_refused_before_parsing() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let message = load(&path).unwrap_err().to_string();
    assert!(message.contains("more than the") && message.contains("is it really a map file?"), "{message}");
}

#[test]
fn save_is_atomic_and_leaves_no_temporary_files() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("carte.ron");
    save(&path, &sample()).unwrap();
    save(&path, &sample()).unwrap();
    assert_eq!(load(&path).unwrap(), sample());
    let names: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["carte.ron"]);
}

#[test]
fn failed_save_keeps_the_old_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("carte.ron");
    save(&path, &sample()).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Renaming a file over a non-empty directory fails: the save must fail and change nothing.
    let blocked = folder.path().join("dossier");
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("x"), b"x").unwrap();
    assert!(save(&blocked, &sample()).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(save(&folder.path().join("missing/carte.ron"), &sample()).is_err());
    let count = std::fs::read_dir(folder.path()).unwrap().count();
    assert_eq!(count, 2, "no temporary file left behind");
}

#[test]
fn a_guarded_write_refuses_a_file_changed_since_it_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    std::fs::write(&path, "mine as loaded").unwrap();
    let loaded = ContentHash::of(b"mine as loaded");
    std::fs::write(&path, "a colleague's pull").unwrap();
    let error = write_atomic_if(&path, b"my save", OnDisk::Unchanged(loaded)).unwrap_err();
    assert!(matches!(error, FileError::ChangedOnDisk { .. }), "{error}");
    assert!(error.to_string().contains("changed on disk"), "{error}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "a colleague's pull");
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Unchanged: the write goes ahead.
    let now = ContentHash::of(b"a colleague's pull");
    write_atomic_if(&path, b"merged", OnDisk::Unchanged(now)).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "merged");
}

#[test]
fn a_guarded_new_file_refuses_one_that_appeared() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.ron");
    write_atomic_if(&path, b"first", OnDisk::Absent).unwrap();
    let error = write_atomic_if(&path, b"second", OnDisk::Absent).unwrap_err();
    assert!(matches!(error, FileError::ChangedOnDisk { .. }));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
    assert_eq!(ContentHash::of_file(&dir.path().join("none")).unwrap(), None);
}
