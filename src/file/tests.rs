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
fn ten_megabyte_string_is_refused_at_its_place() {
    // Under the file size cap, but far over the cap on a title: a clear error pointing at the
    // string, no panic, and quick (the check needs one pass over the string).
    let big = "é".repeat(5 * 1024 * 1024);
    let message = error_text(&format!("(\n    version: 1,\n    title: \"{big}\",\n)"));
    assert!(message.starts_with("carte.ron:3:"), "{}", &message[..message.len().min(200)]);
    assert!(
        message
            .contains("has 5,242,880 characters, more than the 1,000 a title, name, tag or label may have"),
        "{message}"
    );
}

#[test]
fn texts_over_their_cap_are_refused_with_file_line_and_column() {
    let mut map = sample();
    let text = to_string(&map);
    // Details hold 20,000 characters, a title 1,000: both exactly at the cap load.
    map.cards[0].details = "d".repeat(crate::model::limits::PARAGRAPH_CHARS);
    map.cards[0].title = "t".repeat(crate::model::limits::LINE_CHARS);
    assert_eq!(load_text(&to_string(&map)).unwrap(), map);
    // One more character is refused, at the line of the card's details.
    map.cards[0].details.push('é');
    let over = to_string(&map);
    let line = 1 + over.lines().position(|l| l.trim_start().starts_with("details:")).unwrap();
    let error = load_text(&over).unwrap_err();
    assert_eq!(error.position().map(|(l, _)| l), Some(line), "{error}");
    assert!(error.to_string().contains("20,001 characters, more than the 20,000 a description"), "{error}");
    // Tags: one too many is refused, so is one tag over the line cap.
    assert!(!text.contains("tags:"));
    let tags =
        format!("tags: [{}],\n            details:", "\"x\", ".repeat(crate::model::limits::LIST_ITEMS + 1));
    let many = text.replacen("details:", &tags, 1);
    assert!(error_text(&many).contains("this list has more than 200 items"), "{}", error_text(&many));
}

#[test]
fn a_map_over_the_card_cap_is_refused_while_it_is_read() {
    let map = crate::model::generate::large_map(12, 8, crate::model::limits::MAX_CARDS + 1, 1);
    let text = to_string(&map);
    assert!(
        text.len() < usize::try_from(MAX_FILE_BYTES).unwrap(),
        "under the size cap: the card cap must catch it"
    );
    let error = load_text(&text).unwrap_err();
    assert!(error.position().is_some(), "{error}");
    assert!(
        error
            .reason()
            .contains("has more than 20,000 cards, the most a map may have; split the map into several maps"),
        "{error}"
    );
}

#[test]
fn text_over_the_size_cap_is_refused_before_parsing() {
    let text = format!("(version: 1, title: \"{}\")", "x".repeat(usize::try_from(MAX_FILE_BYTES).unwrap()));
    let message = error_text(&text);
    assert!(message.contains("more than the 16777216-byte (16 MiB) limit for a map"), "{message}");
}

#[test]
fn a_map_over_a_cap_is_not_saved() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("carte.ron");
    save(&path, &sample()).unwrap();
    let mut map = sample();
    map.title = "x".repeat(crate::model::limits::LINE_CHARS + 1);
    let message = save(&path, &map).unwrap_err().to_string();
    assert!(
        message.contains("carte.ron: the map was not saved: the map's title has 1,001 characters"),
        "{message}"
    );
    assert_eq!(load(&path).unwrap(), sample(), "the file on disk is untouched");
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

/// Loads `path` on a thread and fails the test if that does not return within 5 s.
#[cfg(unix)]
fn load_within_seconds(path: &Path) -> Result<Map, FileError> {
    let (sender, receiver) = std::sync::mpsc::channel();
    let owned = path.to_owned();
    std::thread::spawn(move || sender.send(load(&owned)).ok());
    receiver
        .recv_timeout(std::time::Duration::from_secs(5))
        .unwrap_or_else(|_| panic!("loading {} did not return within 5 s", path.display()))
}

#[cfg(unix)]
#[test]
fn map_paths_naming_devices_fifos_or_folders_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("map.ron");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.ron")).unwrap();
    std::fs::create_dir(dir.path().join("folder.ron")).unwrap();
    let cases = [
        (fifo, "this is a FIFO (named pipe), not a file"),
        (PathBuf::from("/dev/zero"), "this is a device, not a file"),
        (PathBuf::from("/dev/urandom"), "this is a device, not a file"),
        (dir.path().join("zero.ron"), "this is a device, not a file"),
        (dir.path().join("folder.ron"), "this is a directory, not a file"),
    ];
    for (path, says) in cases {
        let error = load_within_seconds(&path).unwrap_err();
        assert!(matches!(error, FileError::NotAFile { .. }), "{}: {error}", path.display());
        assert!(error.to_string().contains(says), "{error}");
    }
}

/// A room note for the caps' tests.
fn room_note(k: usize, text: &str) -> crate::model::Note {
    crate::model::Note {
        id: format!("n-{k:06}").into(),
        text: text.into(),
        stage: None,
        kind: crate::model::NoteKind::Note,
        emotion: None,
        author: String::new(),
        participant: "u-1".into(),
    }
}

#[test]
fn room_data_over_its_caps_is_refused_with_file_line_and_column() {
    use crate::model::limits::{LINE_CHARS, MAX_DISMISSED, MAX_NOTES, MAX_VOTERS};
    let line_of =
        |text: &str, start: &str| 1 + text.lines().position(|l| l.trim_start().starts_with(start)).unwrap();
    // A note's text and its author's name are one-line texts: at the cap they load.
    let mut map = sample();
    map.inbox.push(room_note(1, &"é".repeat(LINE_CHARS)));
    map.inbox[0].author = "a".repeat(LINE_CHARS);
    assert_eq!(load_text(&to_string(&map)).unwrap(), map);
    map.inbox[0].text.push('x');
    let over = to_string(&map);
    let error = load_text(&over).unwrap_err();
    assert_eq!(error.position().map(|(l, _)| l), Some(line_of(&over, "text:")), "{error}");
    assert!(error.reason().contains("1,001 characters, more than the 1,000"), "{error}");
    // Participants voting on one card.
    let mut map = sample();
    map.cards[0].votes = (0..MAX_VOTERS).map(|k| (format!("u-{k}").into(), 1)).collect();
    assert_eq!(load_text(&to_string(&map)).unwrap(), map);
    map.cards[0].votes.insert("u-x".into(), 2);
    let over = to_string(&map);
    let error = load_text(&over).unwrap_err();
    let (line, _) = error.position().unwrap();
    assert!(line > line_of(&over, "votes:"), "{error}");
    assert!(error.reason().contains("more than 1,000 participants voting"), "{error}");
    // Notes in the inbox, and dismissed ids.
    let mut map = sample();
    map.inbox = (0..=MAX_NOTES).map(|k| room_note(k, "Trop cher")).collect();
    let error = load_text(&to_string(&map)).unwrap_err();
    assert!(error.position().is_some(), "{error}");
    assert!(error.reason().contains("this inbox has more than 20,000 notes"), "{error}");
    let mut map = sample();
    map.dismissed = (0..=MAX_DISMISSED).map(|k| format!("n-{k}").into()).collect();
    let error = load_text(&to_string(&map)).unwrap_err();
    assert!(error.reason().contains("more than 100,000 dismissed note ids"), "{error}");
    // Saving applies the same caps.
    let folder = tempfile::tempdir().unwrap();
    let message = save(&folder.path().join("carte.ron"), &map).unwrap_err().to_string();
    assert!(message.contains("the map has 100,001 dismissed note ids"), "{message}");
}
