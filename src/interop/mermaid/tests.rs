use super::parser::js_number;
use super::to_map::stage;
use super::writer::score;
use super::*;
use crate::model::generate::large_map;
use crate::model::{Card, CardKind, Channel, EmotionScale, Id, Lane, LaneKind, Persona, Stage};
use std::collections::BTreeSet;

fn journey(text: &str) -> Journey {
    parse(text, Options::default()).unwrap_or_else(|e| panic!("{e}\n{text}")).0
}

fn error(text: &str) -> MermaidError {
    parse(text, Options::default()).unwrap_err()
}

fn names(journey: &Journey) -> Vec<(&str, &str, f64, Vec<&str>)> {
    journey
        .tasks
        .iter()
        .map(|t| {
            (t.section.as_str(), t.name.as_str(), t.score, t.people.iter().map(String::as_str).collect())
        })
        .collect()
}

#[test]
fn the_docs_example() {
    let j = journey(
        "journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me\n      Do work: 1: Me, Cat\n",
    );
    assert_eq!(j.title, "My working day");
    assert_eq!(j.sections, ["Go to work"]);
    assert_eq!(
        names(&j),
        [("Go to work", "Make tea", 5.0, vec!["Me"]), ("Go to work", "Do work", 1.0, vec!["Me", "Cat"])]
    );
    assert_eq!(j.actors(), ["Cat", "Me"]);
}

#[test]
fn title_keeps_what_follows_one_space_and_keywords_are_case_insensitive() {
    let j = journey("journey\nTITLE  Spaced: with colon\nSection A\nTask : 3 \n");
    assert_eq!(j.title, " Spaced: with colon");
    assert_eq!(j.sections, ["A"]);
    assert_eq!(j.tasks[0].name, "Task ");
    assert!(j.tasks[0].people.is_empty());
}

#[test]
fn acc_title_and_descriptions() {
    let j = journey("journey\naccTitle : Short : with colon\naccDescr: One line; with # and ;\nsection S\n");
    assert_eq!(j.acc_title, "Short : with colon");
    assert_eq!(j.acc_descr, "One line; with # and ;");
    let j = journey("journey\naccDescr {\n  Several\n  lines: here\n}\nsection S\n  T: 4\n");
    assert_eq!(j.acc_descr, "Several\n  lines: here");
    assert_eq!(j.tasks.len(), 1);
    let (j, warnings) = parse("journey\naccDescr {\n open to the end", Options::default()).unwrap();
    assert_eq!(j.acc_descr, "open to the end");
    assert_eq!(warnings.len(), 1);
}

#[test]
fn frontmatter_directives_and_comments() {
    let text = "---\ntitle: \"From YAML\"\nconfig:\n  theme: base\n---\n%%{init: {'theme':'dark'}}%%\n%% a comment\njourney\n  %% another\n  section S # trailing comment\n    T: 5: Me\n";
    let j = journey(text);
    assert_eq!(j.title, "From YAML");
    assert_eq!(j.sections, ["S "]);
    assert_eq!(j.tasks[0].line, 11);
    assert_eq!(journey(&format!("\u{feff}{text}")).title, "From YAML", "a byte-order mark is ignored");
    // A title statement wins over the frontmatter's.
    let j = journey("---\ntitle: yaml\n---\njourney\ntitle body\n");
    assert_eq!(j.title, "body");
    // A directive over several lines keeps the line numbers right.
    let e = error("%%{init: {\n 'theme': 'dark'\n}}%%\njourney\nsection S\n  T: 5: Me;\n");
    assert_eq!((e.line, e.column), (6, Some(11)));
}

#[test]
fn crlf_and_lone_cr_count_as_line_breaks() {
    let j = journey("journey\r\n  title T\r\n  section S\r\n    A: 5: Me\r\n");
    assert_eq!((j.title.as_str(), j.tasks[0].name.as_str(), j.tasks[0].line), ("T", "A", 4));
    let j = journey("journey\r  title T\r  section S\r    A: 5: Me\r");
    assert_eq!((j.title.as_str(), j.tasks[0].line), ("T", 4));
    let e = error("journey\r\n\r\nsection S\r\n  Bad\r\n");
    assert_eq!(e.line, 4);
}

#[test]
fn entities_are_decoded_and_protect_their_characters() {
    let j = journey(
        "journey\ntitle A #59; B\nsection Step 1#58; Context\n  Fish #amp; chips#58; fast: 4: Léa#44; Jr, #9829;\n  Odd #foo; name: 3\n",
    );
    assert_eq!(j.title, "A ; B");
    assert_eq!(j.sections, ["Step 1: Context"]);
    assert_eq!(j.tasks[0].name, "Fish & chips: fast");
    assert_eq!(j.tasks[0].people, ["Léa, Jr", "♥"]);
    assert_eq!(j.tasks[1].name, "Odd &foo; name");
}

#[test]
fn score_oddities_warn_and_never_crash() {
    let text = "journey\nsection S\n  Zero: 0\n  Letter: X\n  Half: 4.5\n  Twelve: 12\n  Empty: : Me\n  Negative: -3\n  Hex: 0x4\n  Fine: 5\n  Title: some words\n";
    let imported = import(text, Options::default()).unwrap();
    let emotions: Vec<Option<i32>> = imported.map.cards.iter().map(|c| c.emotion).collect();
    assert_eq!(emotions, [Some(1), None, Some(5), Some(5), None, Some(1), Some(4), Some(5), None]);
    let lines: Vec<usize> = imported.warnings.iter().filter_map(|w| w.line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7, 8, 11], "{:?}", imported.warnings);
    assert!(
        imported.warnings.iter().any(|w| w.message.contains("title My title")),
        "{:?}",
        imported.warnings
    );
    let j = journey(text);
    assert!(j.tasks[1].score.is_nan());
    assert!((j.tasks[2].score - 4.5).abs() < f64::EPSILON);
    assert!((j.tasks[6].score - 4.0).abs() < f64::EPSILON);
}

#[test]
fn javascript_number_rules() {
    for (text, value) in [(" 5 ", 5.0), ("", 0.0), ("1e1", 10.0), ("+2", 2.0), (".5", 0.5), ("0b11", 3.0)] {
        assert!((js_number(text) - value).abs() < f64::EPSILON, "{text:?}");
    }
    for text in ["X", "2rem", "inf", "NaN", "1e", "5 5"] {
        assert!(js_number(text).is_nan(), "{text:?}");
    }
    assert!(js_number("-Infinity").is_infinite());
}

#[test]
fn extra_colons_and_empty_or_repeated_actors_warn() {
    let imported =
        import("journey\nsection S\n  A: 5: Me: You\n  B: 4: Me, , Me\n", Options::default()).unwrap();
    let messages: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].starts_with("3: warning: task `A`: the text after its second `:` (`You`)"));
    assert!(messages.iter().any(|m| m.contains("lists `Me` twice")));
    assert!(messages.iter().any(|m| m.contains("empty actor name")));
    assert_eq!(imported.map.cards.len(), 2);
}

#[test]
fn errors_name_line_and_column() {
    let e = error("journey\n  section Step 1: Context\n    T: 5\n");
    assert_eq!((e.line, e.column), (2, Some(17)));
    assert!(e.to_string().starts_with("2:17: a section name cannot contain `:`"), "{e}");
    let e = error("journey\nsection S\n  No score here\n");
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("needs a score"), "{e}");
    let e = error("journey\nsection S\n  T:\n");
    assert_eq!((e.line, e.column), (3, Some(4)));
    let e = error("journey\nsection S\n  Journey planning: 4\n");
    assert_eq!(e.line, 3);
    assert!(e.message.contains("#74;ourney"), "{e}");
    let e = error("Journey\nsection S\n");
    assert!(e.message.contains("lower case"), "{e}");
    let e = error("flowchart LR\n  A --> B\n");
    assert!(e.message.contains("not a Mermaid journey"), "{e}");
    let e = error("\n\n   \n");
    assert!(e.message.contains("no diagram"), "{e}");
    let e = error("\n  ---\n  title: x\n  ---\n  journey\n");
    assert_eq!((e.line, e.column), (2, None));
    assert!(e.message.contains("--lenient"));
}

#[test]
fn tasks_before_any_section_go_to_an_unnamed_first_stage() {
    let imported = import("journey\n  Wake up: 3\nsection Day\n  Work: 2: Me\n", Options::default()).unwrap();
    let map = &imported.map;
    assert_eq!(map.stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["", "Day"]);
    assert_eq!(map.cards[0].stage, map.stages[0].id);
    assert!(imported.warnings.iter().any(|w| w.line == Some(2)));
    // The task with no actor is in the shared lane, after the persona lanes.
    assert_eq!(map.lanes.last().map(|l| &l.kind), Some(&LaneKind::Actions));
    assert_eq!(map.lane(&map.cards[0].lane).map(|l| l.title.as_str()), Some("Tasks"));
}

#[test]
fn same_text_same_map() {
    let text = "journey\ntitle T\nsection A\n  X: 5: Me, You\nsection B\n  Y: 2\n";
    let a = import(text, Options::default()).unwrap();
    let b = import(text, Options::default()).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.map.personas.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Me", "You"]);
    assert_eq!(a.map.cards.len(), 3);
    assert!(a.map.ids().all(Id::is_well_formed));
    assert_eq!(a.map.emotion_scale.label(1), Some("Frustrated"));
    let other = import(&text.replace("Y: 2", "Y: 3"), Options::default()).unwrap();
    assert_ne!(a.map.stages[0].id, other.map.stages[0].id, "ids are seeded from the text");
}

#[test]
fn markdown_blocks() {
    let md = "# Notes\n\n```mermaid\nflowchart LR\n```\n\nText\n\n```mermaid\njourney\n  section S\n    T: 5: Me\n```\n";
    let (offset, text) = journey_in_markdown(md).unwrap();
    assert_eq!(offset, 9);
    let j = journey(&text);
    assert_eq!(j.tasks[0].line + offset, 12);
    assert!(journey_in_markdown("no diagram").is_none());
}

// ---------------------------------------------------------------------------------------------
// Writing.

fn roundtrip(map: &Map) -> Map {
    let text = write(map).text;
    import(&text, Options::default()).unwrap_or_else(|e| panic!("{e}\n{text}")).map
}

/// (stage name, task title, score on 1…5, actors) for every task of a map, as its export sees it.
fn tasks_of(map: &Map) -> Vec<(String, String, i32, Vec<String>)> {
    let text = write(map).text;
    let (j, _) = parse(&text, Options::default()).unwrap();
    j.tasks
        .iter()
        .map(|t| {
            #[expect(clippy::cast_possible_truncation, reason = "scores are small")]
            let score = t.score as i32;
            (t.section.trim().to_owned(), t.name.trim().to_owned(), score, t.people.clone())
        })
        .collect()
}

#[test]
fn escapes_what_mermaid_would_read_as_syntax() {
    let mut map = Map::new("Title: with # and ; inside");
    map.description = "Line one\n%% not a comment\n}".into();
    let stage = Id::from("s-1");
    map.stages.push(stage_for(&stage, "Step 1: Context #2; go"));
    map.personas.push(Persona { id: Id::from("p-1"), name: "Doe, Jane: PhD".into(), ..Persona::default() });
    map.lanes.push(Lane {
        id: Id::from("l-1"),
        title: String::new(),
        kind: LaneKind::Persona(Id::from("p-1")),
        hidden: false,
    });
    for (i, title) in ["Journey planning", "Title page", "section two", "a%%b: c", "", "accDescr {x", "#58;"]
        .iter()
        .enumerate()
    {
        let mut card = Card::new(Id::from(format!("c-{i}").as_str()), Id::from("l-1"), stage.clone(), *title);
        card.order = u32::try_from(i).unwrap();
        card.emotion = Some(1);
        map.cards.push(card);
    }
    let text = write(&map).text;
    let (j, warnings) = parse(&text, Options::default()).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(j.title, "Title: with # and ; inside");
    assert_eq!(j.acc_descr, "Line one\n%% not a comment\n}");
    assert_eq!(j.sections, ["Step 1: Context #2; go"]);
    let titles: Vec<&str> = j.tasks.iter().map(|t| t.name.trim()).collect();
    assert_eq!(
        titles,
        ["Journey planning", "Title page", "section two", "a%%b: c", "", "accDescr {x", "#58;"]
    );
    assert!(j.tasks.iter().all(|t| t.people == ["Doe, Jane: PhD"]));
    assert!(!text.contains(';') || text.matches(';').count() == text.matches('#').count(), "{text}");
}

fn stage_for(id: &Id, name: &str) -> Stage {
    stage(id.clone(), name)
}

#[test]
fn scales_map_linearly_to_one_to_five() {
    let scale = EmotionScale::default();
    assert_eq!((-2..=2).map(|e| score(&scale, e)).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    let wide = EmotionScale::new(-5, 5);
    assert_eq!([-5, -3, 0, 1, 5].map(|e| score(&wide, e)), [1, 2, 3, 3, 5]);
    assert_eq!(score(&EmotionScale::new(1, 5), 4), 4);
}

#[test]
fn multi_actor_tasks_come_back_as_one_task() {
    let text = "journey\ntitle Go shopping\nsection Shops\n  Get into car: 5: Dad, Mum, Kid\n  Drive: 3: Dad\n  Wait: 2\nsection Home\n  Get into car: 4: Dad, Mum\n";
    let first = import(text, Options::default()).unwrap().map;
    let written = write(&first).text;
    assert_eq!(
        written,
        "journey\n    title Go shopping\n    section Shops\n      Get into car: 5: Dad, Mum, Kid\n      Drive: 3: Dad\n      Wait: 2\n    section Home\n      Get into car: 4: Dad, Mum\n"
    );
    let again = roundtrip(&first);
    assert_eq!(tasks_of(&again), tasks_of(&first));
}

#[test]
fn generated_maps_round_trip() {
    let mut map = large_map(6, 6, 300, 9);
    // Only touchpoints travel; emotions are on −2…+2 and come back on 1…5.
    map.cards.retain(|c| c.kind == CardKind::Touchpoint);
    let back = roundtrip(&map);
    assert_eq!(
        back.stages.iter().map(|s| &s.name).collect::<Vec<_>>(),
        map.stages.iter().map(|s| &s.name).collect::<Vec<_>>()
    );
    assert_eq!(tasks_of(&back), tasks_of(&map));
    for card in &map.cards {
        let twin = back.cards.iter().find(|c| c.title == card.title.trim()).unwrap();
        assert_eq!(twin.emotion, card.emotion.map(|e| e + 3), "{}", card.title);
    }
    let persona_names: Vec<&str> = back.personas.iter().map(|p| p.name.as_str()).collect();
    let used: BTreeSet<&str> = map
        .cards
        .iter()
        .filter_map(|c| map.lane(&c.lane).and_then(|l| l.kind.persona()).and_then(|p| map.persona(p)))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(persona_names.iter().copied().collect::<BTreeSet<_>>(), used);
}

#[test]
fn export_warns_about_what_it_leaves_out() {
    let mut map = large_map(2, 2, 20, 1);
    map.cards[0].emotion = None;
    map.cards[0].kind = CardKind::Touchpoint;
    map.cards[0].channel = Some(Channel::Web);
    let export = write(&map);
    let messages: Vec<&str> = export.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("no emotion")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("not touchpoints")), "{messages:?}");
    assert!(export.text.starts_with("journey\n    title "));
}

#[test]
fn a_diagram_that_makes_a_map_over_a_cap_is_refused() {
    let long = "tâche ".repeat(200);
    let text = format!("journey\nsection Achat\n  {long}: 3: Léa\n");
    let error = import(&text, Options::default()).unwrap_err();
    assert!(error.message.contains("has 1,199 characters, more than the 1,000"), "{error}");
    let short = format!("journey\nsection Achat\n  {}: 3: Léa\n", "tâche ".repeat(100));
    assert!(import(&short, Options::default()).is_ok());
}
