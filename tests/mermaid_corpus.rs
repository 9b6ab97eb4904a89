//! The real-world corpus (`tests/corpus/mermaid`, see its SOURCES.md): every file must behave as
//! mermaid 11.17.2 did (`expected.json`): accepted files read to the same title, sections, tasks,
//! scores and actors, and import to a map with those stages, personas and cards; rejected files
//! get an error with a line number.

use parcours::check::{self, Severity};
use parcours::interop::mermaid::{self, Options};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Expected {
    file: String,
    accepted: bool,
    #[serde(default)]
    title: String,
    #[serde(default)]
    acc_title: String,
    #[serde(default)]
    acc_descr: String,
    #[serde(default)]
    sections: Vec<String>,
    #[serde(default)]
    tasks: Vec<ExpectedTask>,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    error: String,
}

#[derive(Debug, Deserialize)]
struct ExpectedTask {
    section: String,
    task: String,
    /// A number, or the string "NaN".
    score: serde_json::Value,
    people: Vec<String>,
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/mermaid")
}

fn expected() -> Vec<Expected> {
    let text = std::fs::read_to_string(corpus().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

fn read(file: &str) -> String {
    String::from_utf8(std::fs::read(corpus().join(file)).expect("corpus file")).expect("UTF-8")
}

fn same_score(expected: &serde_json::Value, actual: f64) -> bool {
    match expected {
        serde_json::Value::String(s) if s == "NaN" => actual.is_nan(),
        serde_json::Value::Number(n) => n.as_f64().is_some_and(|n| (n - actual).abs() < 1e-9),
        _ => false,
    }
}

#[test]
fn every_corpus_file_behaves_as_mermaid_does() {
    let all = expected();
    assert_eq!(all.len(), 33, "the corpus has 33 diagrams");
    let (mut accepted, mut rejected) = (0, 0);
    for case in &all {
        let text = read(&case.file);
        let result = mermaid::parse(&text, Options::default());
        if !case.accepted {
            let error =
                result.err().unwrap_or_else(|| panic!("{}: mermaid rejects it ({})", case.file, case.error));
            assert!(error.line >= 1, "{}: {error}", case.file);
            rejected += 1;
            continue;
        }
        let (journey, _) = result.unwrap_or_else(|e| panic!("{}: {e}", case.file));
        let file = &case.file;
        assert_eq!(journey.title, case.title, "{file}: title");
        assert_eq!(journey.acc_title, case.acc_title, "{file}: accTitle");
        assert_eq!(journey.acc_descr, case.acc_descr, "{file}: accDescr");
        assert_eq!(journey.sections, case.sections, "{file}: sections");
        assert_eq!(journey.tasks.len(), case.tasks.len(), "{file}: number of tasks");
        for (task, want) in journey.tasks.iter().zip(&case.tasks) {
            assert_eq!(task.section, want.section, "{file}: section of {:?}", want.task);
            assert_eq!(task.name, want.task, "{file}: task");
            assert!(same_score(&want.score, task.score), "{file}: score of {:?}: {}", want.task, task.score);
            assert_eq!(task.people, want.people, "{file}: people of {:?}", want.task);
        }
        // Mermaid sorts actors by UTF-16 code units; compare as sets.
        let actors: BTreeSet<&String> = case.actors.iter().collect();
        let ours = journey.actors();
        assert_eq!(ours.iter().collect::<BTreeSet<_>>(), actors, "{file}: actors");
        accepted += 1;
    }
    assert_eq!((accepted, rejected), (28, 5));
}

#[test]
fn accepted_files_import_to_the_same_stages_tasks_scores_and_actors() {
    for case in expected().iter().filter(|c| c.accepted) {
        let file = &case.file;
        let imported = mermaid::import(&read(file), Options::default()).unwrap();
        let map = &imported.map;
        assert_eq!(map.title, case.title.trim(), "{file}");
        assert_eq!(map.description, case.acc_descr, "{file}");
        assert_eq!((map.emotion_scale.min, map.emotion_scale.max), (1, 5), "{file}");
        let stages: Vec<&str> = map.stages.iter().map(|s| s.name.as_str()).collect();
        let sections: Vec<&str> = case.sections.iter().map(|s| s.trim()).collect();
        assert_eq!(stages, sections, "{file}: stages");
        let personas: BTreeSet<&str> = map.personas.iter().map(|p| p.name.as_str()).collect();
        let actors: BTreeSet<&str> =
            case.actors.iter().map(String::as_str).filter(|a| !a.is_empty()).collect();
        assert_eq!(personas, actors, "{file}: personas");
        // Each task is a card in the lane of each of its actors, or one card in the shared lane.
        let mut cards = map.cards.iter();
        for (index, want) in case.tasks.iter().enumerate() {
            let people: BTreeSet<&str> =
                want.people.iter().map(String::as_str).filter(|p| !p.is_empty()).collect();
            for _ in 0..people.len().max(1) {
                let card = cards.next().unwrap_or_else(|| panic!("{file}: no card for task {index}"));
                assert_eq!(card.title, want.task.trim(), "{file}");
                let stage = map.stage(&card.stage).unwrap();
                assert_eq!(stage.name, want.section.trim(), "{file}");
                match &want.score {
                    serde_json::Value::Number(n) => {
                        let n = n.as_f64().unwrap();
                        #[expect(clippy::cast_possible_truncation, reason = "test values are small")]
                        let level = n.round().clamp(1.0, 5.0) as i32;
                        assert_eq!(card.emotion, Some(level), "{file}: {}", want.task);
                    }
                    _ => assert_eq!(card.emotion, None, "{file}: {}", want.task),
                }
                let lane = map.lane(&card.lane).unwrap();
                match lane.kind.persona() {
                    Some(persona) => {
                        assert!(people.contains(map.persona(persona).unwrap().name.as_str()), "{file}");
                    }
                    None => assert!(people.is_empty(), "{file}: {} went to the shared lane", want.task),
                }
            }
        }
        assert!(cards.next().is_none(), "{file}: extra cards");
        let problems: Vec<_> =
            check::check(map, None).into_iter().filter(|d| d.severity == Severity::Error).collect();
        assert!(problems.is_empty(), "{file}: {problems:?}");
    }
}

#[test]
fn rejected_files_name_the_line_mermaid_stops_at() {
    for (file, line) in [
        ("04-mermaid-cypress-left-margin-frontmatter.mmd", 2),
        ("06-mermaid-cypress-hyphenation-long-word.mmd", 2),
        ("07-mermaid-cypress-whitespace-wrap.mmd", 2),
        ("08-mermaid-cypress-long-actor-labels.mmd", 2),
        ("14-rocketpath-founder-onboarding-colon-in-section.mmd", 3),
    ] {
        let error = mermaid::parse(&read(file), Options::default()).unwrap_err();
        assert_eq!(error.line, line, "{file}: {error}");
        assert!(!error.message.is_empty() && error.message.chars().next().unwrap().is_lowercase(), "{error}");
    }
    let error =
        mermaid::parse(&read("14-rocketpath-founder-onboarding-colon-in-section.mmd"), Options::default())
            .unwrap_err();
    assert_eq!(error.column, Some(19));
    assert!(error.message.contains("#58;"), "{error}");
}

#[test]
fn lenient_reads_the_indented_frontmatters() {
    let lenient = Options { lenient: true };
    for (file, title, tasks) in [
        ("04-mermaid-cypress-left-margin-frontmatter.mmd", "User Journey Example", 5),
        ("06-mermaid-cypress-hyphenation-long-word.mmd", "Long Word Test", 1),
        ("07-mermaid-cypress-whitespace-wrap.mmd", "Whitespace Test", 1),
        ("08-mermaid-cypress-long-actor-labels.mmd", "User Journey Example", 5),
    ] {
        let (journey, warnings) = mermaid::parse(&read(file), lenient).unwrap();
        assert_eq!((journey.title.as_str(), journey.tasks.len()), (title, tasks), "{file}");
        assert!(
            warnings.iter().any(|w| w.line == Some(2) && w.message.contains("--lenient")),
            "{warnings:?}"
        );
    }
    // 04 has tasks whose actor list is empty (`5:`): a warning, and the shared lane.
    let imported = mermaid::import(&read("04-mermaid-cypress-left-margin-frontmatter.mmd"), lenient).unwrap();
    assert!(imported.warnings.iter().any(|w| w.line == Some(10) && w.message.contains("empty actor")));
    assert!(imported.map.personas.is_empty());
    assert_eq!(imported.map.cards.len(), 5);
    // Mermaid's own rejection stands for 14 even when lenient.
    assert!(mermaid::parse(&read("14-rocketpath-founder-onboarding-colon-in-section.mmd"), lenient).is_err());
}

#[test]
fn score_oddities_warn_and_import_sensibly() {
    let imported = mermaid::import(&read("27-jakesteam-score-0-and-X.mmd"), Options::default()).unwrap();
    let emotions: Vec<Option<i32>> = imported.map.cards.iter().map(|c| c.emotion).collect();
    assert_eq!(emotions, [Some(1), Some(1), Some(2), Some(3), Some(4), Some(5), None]);
    let lines: Vec<Option<usize>> = imported.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [Some(4), Some(10)], "{:?}", imported.warnings);
    let imported =
        mermaid::import(&read("09-mermaid-cypress-title-styling.mmd"), Options::default()).unwrap();
    assert_eq!(imported.warnings.len(), 1);
    assert_eq!(imported.warnings[0].line, Some(21));
}

#[test]
fn the_corpus_is_copied_with_its_sources() {
    let sources = std::fs::read_to_string(corpus().join("SOURCES.md")).unwrap();
    for case in expected() {
        assert!(sources.contains(&case.file), "{} is in SOURCES.md", case.file);
        assert!(corpus().join(&case.file).is_file());
    }
    // File 11 keeps its CRLF line endings (see .gitattributes).
    assert!(read("11-mermaid-platform-go-shopping-crlf.mmd").contains("\r\n"));
}
