//! The command line: exit codes and messages.

mod support;

use support::cli::{parcours, repo, stderr, stdout};

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
    assert!(stderr(&out).starts_with("broken.ron:1:"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
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
    assert!(stderr(&out).contains("hint: choose one of: blank, blank-fr, ecommerce-fr"));
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
    assert!(stderr(&out).contains("nowhere.ron: error:"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

/// Runs `parcours` and fails the test if it has not finished within `seconds` (it is killed then).
fn parcours_within(args: &[&str], dir: &std::path::Path, seconds: u64) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run parcours");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait for parcours").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(seconds) {
            child.kill().ok();
            let out = child.wait_with_output().expect("wait for parcours");
            panic!("parcours {args:?} did not finish within {seconds} s; it said: {}", stderr(&out));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("wait for parcours")
}

/// A small valid map whose persona photo is `photo`.
fn map_with_photo(photo: &str) -> String {
    format!(
        "(\n    version: 1,\n    title: \"Hostile\",\n    stages: [(id: \"s-1\", name: \"Achat\")],\n    personas: [(id: \"p-1\", name: \"Léa\", photo: Some({photo:?}))],\n    lanes: [(id: \"l-1\", kind: Persona(\"p-1\"))],\n    cards: [(id: \"c-1\", lane: \"l-1\", stage: \"s-1\", title: \"Visite\")],\n)\n"
    )
}

#[cfg(unix)]
#[test]
fn photos_naming_fifos_devices_or_folders_end_with_a_warning_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo").arg(dir.path().join("fifo.png")).status().unwrap();
    assert!(made.success());
    std::fs::create_dir(dir.path().join("folder.png")).unwrap();
    let cases = [
        ("fifo.png", "a FIFO (named pipe), not an image file"),
        ("folder.png", "a directory, not an image file"),
        ("/dev/zero", "a device, not an image file"),
        ("/dev/urandom", "a device, not an image file"),
    ];
    for (photo, says) in cases {
        std::fs::write(dir.path().join("m.ron"), map_with_photo(photo)).unwrap();
        let out = parcours_within(&["check", "m.ron"], dir.path(), 10);
        assert_eq!(out.status.code(), Some(0), "{photo}: {}{}", stdout(&out), stderr(&out));
        let found = stdout(&out);
        assert!(
            found.contains(&format!("m.ron: warning: photo {photo:?} of persona `p-1` is {says}")),
            "{found}"
        );
        for output in ["m.pdf", "m.png", "m.svg"] {
            let out = parcours_within(&["export", "m.ron", "-o", output, "--paper", "A4"], dir.path(), 20);
            assert_eq!(out.status.code(), Some(0), "{photo} → {output}: {}", stderr(&out));
            assert!(stderr(&out).contains(says), "{photo} → {output}: {}", stderr(&out));
            assert!(dir.path().join(output).is_file(), "the poster is written, with initials for the photo");
        }
    }
}

#[test]
fn photos_outside_the_map_folder_are_a_warning_with_a_way_out() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("cartes");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(root.path().join("léa.png"), b"not really a png").unwrap();
    for photo in ["../léa.png", root.path().join("léa.png").to_str().unwrap()] {
        std::fs::write(dir.join("m.ron"), map_with_photo(photo)).unwrap();
        let out = parcours(&["check", "m.ron"], &dir);
        assert_eq!(out.status.code(), Some(0), "a warning, not an error: {}", stdout(&out));
        assert_eq!(
            stdout(&out),
            format!(
                "m.ron: warning: photo {photo:?} of persona `p-1` is outside the map's folder, so a teammate's \
                 clone will not have it; copy the file next to the map (e.g. photos/léa.png) and write that \
                 relative path\n"
            )
        );
        // The export says it too, and goes on.
        let out = parcours(&["export", "m.ron", "-o", "m.svg"], &dir);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stderr(&out).contains("is outside the map's folder"), "{}", stderr(&out));
    }
}

#[test]
fn export_refuses_a_map_with_check_errors_and_warns_on_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let valid = map_with_photo("photo.png").replace(", photo: Some(\"photo.png\")", "");
    let broken = [
        (
            "nan.ron",
            valid.replace("name: \"Achat\")", "name: \"Achat\", metrics: (csat: Some(NaN)))"),
            "error: stage `s-1`: CSAT NaN is outside 0…100",
        ),
        (
            "custom.ron",
            valid.replace(
                "name: \"Achat\")",
                "name: \"Achat\", metrics: (custom: [(name: \"Panier\", value: NaN)]))",
            ),
            "error: stage `s-1`: metric \"Panier\" is not a finite number",
        ),
        (
            "scale.ron",
            valid.replace(
                "    title: \"Hostile\",\n",
                "    title: \"Hostile\",\n    emotion_scale: (min: 2, max: -2),\n",
            ),
            "error: the emotion scale runs from 2 to -2",
        ),
    ];
    for (name, text, error) in &broken {
        std::fs::write(dir.path().join(name), text).unwrap();
        assert_eq!(parcours(&["check", name], dir.path()).status.code(), Some(1), "{name} fails check");
        for output in ["out.pdf", "out.png", "out.svg", "out.csv", "out.mmd", "out.md"] {
            let out = parcours(&["export", name, "-o", output], dir.path());
            assert_eq!(out.status.code(), Some(1), "{name} → {output}: {}", stderr(&out));
            assert_eq!(stdout(&out), "");
            let said = stderr(&out);
            assert!(said.contains(&format!("{name}: {error}")), "{said}");
            assert!(said.contains("nothing was exported"), "{said}");
            assert!(!dir.path().join(output).exists(), "{name} → {output} was written");
        }
    }
    // Warnings only: printed on stderr, and the export goes on.
    std::fs::write(dir.path().join("warn.ron"), valid.replace("title: \"Visite\"", "title: \"\"")).unwrap();
    let out = parcours(&["export", "warn.ron", "-o", "out.csv"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("warn.ron: warning: card `c-1` has no title"), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("out.csv: "), "{}", stdout(&out));
    assert!(dir.path().join("out.csv").is_file());
}

#[test]
fn failing_commands_print_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("broken.ron", "(\n    version: 1,\n    title: \"x\"\n    stages: [],\n)\n");
    write("ok.ron", &map_with_photo("p.png").replace(", photo: Some(\"p.png\")", ""));
    write("bad.mmd", "journey\n  section A: B\n    T: 3: Me\n");
    write("bad.csv", "id,stage,lane,title\n,Nulle part,Léa,x\n");
    write("empty.md", "# Rien\n");
    let cases: [&[&str]; 14] = [
        &["insights", "broken.ron"],
        &["insights", "--json", "broken.ron"],
        &["export", "broken.ron", "-o", "x.pdf"],
        &["export", "broken.ron", "-o", "x.csv"],
        &["fmt", "broken.ron"],
        &["diff", "ok.ron", "broken.ron"],
        &["diff", "--format", "json", "ok.ron", "broken.ron"],
        &["diff", "--textconv", "missing.ron"],
        &["merge", "ok.ron", "broken.ron", "ok.ron", "-o", "x.ron"],
        &["import", "bad.mmd", "-o", "x.ron"],
        &["import", "empty.md", "-o", "x.ron"],
        &["import", "bad.csv", "--into", "ok.ron"],
        &["import", "ok.csv", "--into", "broken.ron"],
        &["broken.ron"],
    ];
    for args in cases {
        let out = parcours(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}{}", stdout(&out), stderr(&out));
        assert_eq!(stdout(&out), "", "{args:?}: stdout carries only what was asked for");
        assert!(stderr(&out).contains("error: "), "{args:?}: {}", stderr(&out));
    }
    assert!(!dir.path().join("x.ron").exists() && !dir.path().join("x.pdf").exists());
}
