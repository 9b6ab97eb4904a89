//! Import and export: round trips over the example maps, and the `import` / `export` commands.

mod support;

use support::cli::{parcours, repo, stderr, stdout};

use parcours::file;
use parcours::interop::{self, Format, csv, mermaid, narrative};
use parcours::model::{CardKind, Map};
use std::collections::BTreeSet;
use std::path::Path;

fn examples() -> Vec<(String, Map)> {
    let mut maps = Vec::new();
    for entry in std::fs::read_dir(repo().join("maps")).expect("maps/") {
        let path = entry.expect("a file of maps/").path();
        if path.extension().is_some_and(|e| e == "ron") {
            maps.push((path.display().to_string(), file::load(&path).expect("an example map")));
        }
    }
    maps.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(maps.len() >= 3, "the example maps are there");
    maps
}

/// (stage, task, score, actors) of every task of a map's Mermaid export, read back by the parser.
fn tasks(map: &Map) -> Vec<(String, String, String, Vec<String>)> {
    let text = mermaid::write(map).text;
    let (journey, warnings) = mermaid::parse(&text, mermaid::Options::default()).expect("export reads back");
    assert!(warnings.is_empty(), "{warnings:?}");
    journey
        .tasks
        .iter()
        .map(|t| {
            (t.section.trim().to_owned(), t.name.trim().to_owned(), t.score.to_string(), t.people.clone())
        })
        .collect()
}

#[test]
fn example_maps_round_trip_through_mermaid() {
    for (name, map) in examples() {
        let export = mermaid::write(&map);
        let back = mermaid::import(&export.text, mermaid::Options::default())
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}", export.text))
            .map;
        assert_eq!(back.title, map.title.trim(), "{name}");
        let stages = |m: &Map| m.stages.iter().map(|s| s.name.trim().to_owned()).collect::<Vec<_>>();
        assert_eq!(stages(&back), stages(&map), "{name}");
        assert_eq!(tasks(&back), tasks(&map), "{name}");
        let actors: BTreeSet<String> = tasks(&map).into_iter().flat_map(|t| t.3).collect();
        let personas: BTreeSet<String> = back.personas.iter().map(|p| p.name.clone()).collect();
        assert_eq!(personas, actors, "{name}");
        // And the map made from it exports to the same text.
        assert_eq!(mermaid::write(&back).text, export.text, "{name}");
    }
}

#[test]
fn example_maps_round_trip_through_csv() {
    for (name, map) in examples() {
        let text = csv::write(&map);
        let mut empty = map.clone();
        empty.cards.clear();
        let back = csv::import_into(&empty, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.added, map.cards.len(), "{name}");
        for (card, twin) in map.cards.iter().zip(&back.map.cards) {
            let mut twin = twin.clone();
            twin.order = card.order;
            assert_eq!(&twin, card, "{name}");
        }
        let same = csv::import_into(&map, &text).unwrap();
        assert_eq!(same.map, map, "{name}: importing its own export changes nothing");
    }
}

#[test]
fn narrative_names_every_persona_stage_pain_point_and_opportunity() {
    for (name, map) in examples() {
        let text = narrative::write(&map);
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        for persona in &map.personas {
            assert!(text.contains(&flat(&persona.name)), "{name}: {}", persona.name);
        }
        for stage in &map.stages {
            assert!(text.contains(&flat(&stage.name)), "{name}: {}", stage.name);
        }
        for card in map.cards.iter().filter(|c| matches!(c.kind, CardKind::PainPoint | CardKind::Opportunity))
        {
            assert!(text.contains(&flat(&card.title)), "{name}: {}", card.title);
        }
        if map.language == "fr" {
            assert!(text.contains("Points de douleur") || map.cards.is_empty(), "{name}");
        }
    }
}

#[test]
fn export_writes_each_format_and_refuses_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    let map = repo().join("maps/ecommerce-fr.ron");
    let map = map.to_str().unwrap();
    for format in Format::ALL {
        let output = format!("out.{}", format.extension());
        let out = parcours(&["export", map, "-o", &output], dir.path());
        assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
        let written = std::fs::read_to_string(dir.path().join(&output)).unwrap();
        let loaded = file::load(Path::new(map)).unwrap();
        assert_eq!(written, interop::export_text(&loaded, format).text);
    }
    let out = parcours(&["export", map, "-o", "poster.docx"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("error: unknown export format"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("hint: the formats are: .pdf, .png, .svg (posters), .mmd"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("poster.docx").exists());
    let out = parcours(&["export", "missing.ron", "-o", "x.mmd"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("missing.ron: error:"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(!dir.path().join("x.mmd").exists(), "no output for an unreadable map");
}

#[test]
fn import_mermaid_makes_a_map_with_warnings_and_errors_with_lines() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = repo().join("tests/corpus/mermaid");
    let input = corpus.join("27-jakesteam-score-0-and-X.mmd");
    let out = parcours(&["import", input.to_str().unwrap(), "-o", "score.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stderr(&out).contains("27-jakesteam-score-0-and-X.mmd:4: warning: task `Score 0/5` has the score 0")
    );
    assert!(stdout(&out).starts_with("score.ron: new map from"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("warning"), "{}", stdout(&out));
    assert_eq!(parcours(&["check", "score.ron"], dir.path()).status.code(), Some(0));
    let first = std::fs::read(dir.path().join("score.ron")).unwrap();

    let out = parcours(&["import", input.to_str().unwrap(), "-o", "score.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"));
    let out = parcours(&["import", input.to_str().unwrap(), "-o", "score.ron", "--force"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read(dir.path().join("score.ron")).unwrap(), first, "same input, same file");

    let bad = corpus.join("14-rocketpath-founder-onboarding-colon-in-section.mmd");
    let out = parcours(&["import", bad.to_str().unwrap(), "-o", "bad.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("14-rocketpath-founder-onboarding-colon-in-section.mmd:3:19: error: a section name cannot contain `:`"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(!dir.path().join("bad.ron").exists());

    let indented = corpus.join("04-mermaid-cypress-left-margin-frontmatter.mmd");
    let out = parcours(&["import", indented.to_str().unwrap(), "-o", "lenient.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(":2: error: a diagram cannot begin with `---`"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let out = parcours(&["import", indented.to_str().unwrap(), "-o", "lenient.ron", "--lenient"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    std::fs::write(
        dir.path().join("notes.md"),
        "# Notes\n\n```mermaid\njourney\n  section S\n    T: 9: Me\n```\n",
    )
    .unwrap();
    let out = parcours(&["import", "notes.md", "-o", "notes.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stderr(&out).contains("notes.md:6: warning:"), "{}", stderr(&out));

    let out = parcours(&["import", "notes.txt", "-o", "x.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown import format"));
    let out = parcours(&["import", "missing.mmd", "-o", "x.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("missing.mmd: error:"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn import_csv_into_a_map_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("maps/ecommerce-fr.ron"), dir.path().join("shop.ron")).unwrap();
    let before = std::fs::read(dir.path().join("shop.ron")).unwrap();
    let out = parcours(&["export", "shop.ron", "-o", "cards.csv"], dir.path());
    assert_eq!(out.status.code(), Some(0));

    // Rows 3 and 4 are bad: nothing is written.
    std::fs::write(
        dir.path().join("bad.csv"),
        "id,stage,lane,title,emotion\n,Achat,Points de douleur,Nouvelle,1\n,Nulle part,Points de douleur,x,\n,Achat,Points de douleur,y,7\n",
    )
    .unwrap();
    let out = parcours(&["import", "bad.csv", "--into", "shop.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let text = stderr(&out);
    assert!(text.contains("bad.csv:3: error: stage \"Nulle part\" is not in the map"), "{text}");
    assert!(text.contains("bad.csv:4: error: emotion 7 is outside the map's scale -2…2"), "{text}");
    assert!(stderr(&out).contains("nothing was imported"), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.path().join("shop.ron")).unwrap(), before);

    std::fs::write(
        dir.path().join("good.csv"),
        "id,stage,lane,title,emotion\n,Achat,Points de douleur,Nouvelle,1\n",
    )
    .unwrap();
    let out = parcours(&["import", "good.csv", "--into", "shop.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 card(s) updated, 1 added"), "{}", stdout(&out));
    assert_eq!(parcours(&["check", "shop.ron"], dir.path()).status.code(), Some(0));

    // The exported cards go back in without changing anything.
    let out = parcours(&["import", "cards.csv", "--into", "shop.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("0 card(s) updated, 0 added"), "{}", stdout(&out));

    let out = parcours(&["import", "cards.csv", "-o", "new.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("hint: parcours import cards.csv --into MAP.ron"), "{}", stderr(&out));
    let out = parcours(&["import", "cards.csv"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let out = parcours(&["import", "--help"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("--lenient"));
}
