//! The command line: exit codes and messages.

#[path = "support/cli.rs"]
mod cli_support;

use cli_support::{parcours, repo, stderr, stdout};

#[test]
fn check_passes_on_the_examples() {
    let out = parcours(
        &["check", "maps/ecommerce-fr.ron", "maps/saas-onboarding-en.ron", "maps/minimal.ron"],
        &repo(),
    );
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn check_reports_each_problem_with_the_file_name_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.ron"),
        "(\n    version: 1,\n    title: \"Bad\",\n    stages: [(id: \"s-1\", name: \"Achat\", metrics: (nps: Some(140.0)))],\n    cards: [(id: \"c-1\", lane: \"l-x\", stage: \"s-1\", title: \"Appel\", emotion: Some(9))],\n)\n",
    )
    .unwrap();
    let out = parcours(&["check", "bad.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("bad.ron: error: card `c-1` is in lane `l-x`, which does not exist\n"), "{text}");
    assert!(
        text.contains("bad.ron: error: card `c-1` has emotion 9, outside the map's scale -2…2\n"),
        "{text}"
    );
    assert!(text.contains("bad.ron: error: stage `s-1`: NPS 140 is outside -100…100\n"), "{text}");
    assert!(stderr(&out).contains("1 map with 3 error(s)"), "{}", stderr(&out));
}

#[test]
fn check_reports_syntax_errors_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.ron"),
        "(\n    version: 1,\n    title: \"x\",\n    stages: [(id: \"s-1\" name: \"A\")],\n)\n",
    )
    .unwrap();
    let out = parcours(&["check", "broken.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "broken.ron:4:25: error: expected a `,` before this (fields and list items are separated by commas)\n"
    );
    let out = parcours(&["check", "missing.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("missing.ron: error: No such file"), "{}", stdout(&out));
}

#[test]
fn fmt_check_and_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    std::fs::write(&path, "(version: 1, title: \"Sale\", stages: [(id: \"s-1\", name: \"Un\")])").unwrap();
    let out = parcours(&["fmt", "--check", "m.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("m.ron: not in canonical form"));
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("(version"), "--check writes nothing");

    let out = parcours(&["fmt", "m.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "(\n    version: 1,\n    title: \"Sale\",\n    stages: [\n        (\n            id: \"s-1\",\n            name: \"Un\",\n        ),\n    ],\n)\n"
    );
    assert_eq!(parcours(&["fmt", "--check", "m.ron"], dir.path()).status.code(), Some(0));
}

#[test]
fn fmt_never_rewrites_a_file_it_could_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    let broken = "(version: 1, title: \"x\"";
    std::fs::write(&path, broken).unwrap();
    let out = parcours(&["fmt", "broken.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).starts_with("broken.ron:1:"), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn fmt_check_passes_on_the_examples() {
    let out = parcours(
        &["fmt", "--check", "maps/ecommerce-fr.ron", "maps/saas-onboarding-en.ron", "maps/minimal.ron"],
        &repo(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn new_from_template() {
    let dir = tempfile::tempdir().unwrap();
    let out = parcours(&["new", "--list-templates"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("ecommerce-fr") && stdout(&out).contains("blank"));

    let out = parcours(&["new", "--template", "ecommerce-fr", "atelier.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let map = parcours::file::load(&dir.path().join("atelier.ron")).unwrap();
    assert_eq!(map.stages.len(), 7);
    assert_eq!(parcours(&["check", "atelier.ron"], dir.path()).status.code(), Some(0));

    let out = parcours(&["new", "atelier.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("error: atelier.ron already exists"));
    let out = parcours(&["new", "--template", "nope", "x.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("there is no template named \"nope\""));
    assert!(stderr(&out).contains("hint: choose one of: blank, ecommerce-fr"));
}

#[test]
fn help_and_version() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["--help"][..], &["check", "--help"], &["fmt", "--help"], &["new", "--help"]] {
        let out = parcours(args, dir.path());
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(stdout(&out).contains("Usage: parcours"), "{args:?}");
    }
    let out = parcours(&["--version"], dir.path());
    assert_eq!(stdout(&out), format!("parcours {}\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(parcours(&["frobnicate", "x"], dir.path()).status.code(), Some(2));
}

#[cfg(not(feature = "gui"))]
#[test]
fn designer_not_built_yet_says_so() {
    let out = parcours(&["maps/minimal.ron"], &repo());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the designer window is not part of this build yet"));
}

#[test]
fn designer_refuses_an_unreadable_file_before_opening_a_window() {
    let out = parcours(&["nowhere.ron"], &repo());
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("nowhere.ron: error:"));
}
