//! The command line of `diff` and `merge`: exit codes, formats, git's calling conventions.

mod support;

use support::cli::{parcours, stderr, stdout};

use std::path::Path;

const MAP: &str = r#"(
    version: 1,
    title: "Boutique",
    stages: [(id: "s-comp", name: "Comparaison"), (id: "s-achat", name: "Achat")],
    personas: [(id: "p-lea", name: "Léa")],
    lanes: [(id: "l-lea", kind: Persona("p-lea"))],
    cards: [
        (id: "c-7kq2", lane: "l-lea", stage: "s-achat", title: "Frais de livraison découverts", channel: Some(Web), emotion: Some(2)),
        (id: "c-appl", lane: "l-lea", stage: "s-comp", title: "Appel au SAV"),
    ],
)
"#;

/// A folder with `old.ron` and `new.ron`, `new.ron` edited by `edit` on the text.
fn pair(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("test setup");
    std::fs::write(dir.path().join("old.ron"), MAP).expect("test setup");
    std::fs::write(dir.path().join("new.ron"), edit(MAP)).expect("test setup");
    dir
}

#[test]
fn diff_exits_0_when_equal_and_1_when_different() {
    // Only the layout differs: the same map.
    let dir = pair(|t| t.replace("    title: \"Boutique\",\n", "    title:   \"Boutique\" ,\n"));
    let out = parcours(&["diff", "old.ron", "new.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");

    let dir =
        pair(|t| t.replace("emotion: Some(2)", "emotion: Some(-1)").replace("Some(Web)", "Some(Phone)"));
    let out = parcours(&["diff", "old.ron", "new.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "~ card c-7kq2 \"Frais de livraison découverts\"\n    channel Web → Phone\n    emotion 2 → -1\n"
    );
}

#[test]
fn diff_json_is_documented_structure() {
    let dir = pair(|t| t.replace("Appel au SAV", "Appel rapide au SAV"));
    let out = parcours(&["diff", "--format", "json", "old.ron", "new.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["equal"], false);
    let change = &json["changes"][0];
    assert_eq!((change["change"].as_str(), change["element"].as_str()), (Some("changed"), Some("card")));
    assert_eq!(change["fields"][0]["field"], "title");
    assert_eq!(change["fields"][0]["words"][0]["same"], "Appel ");
    assert_eq!(change["fields"][0]["words"][1]["change"]["new"], "rapide ");

    let out = parcours(&["diff", "--format", "json", "old.ron", "old.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "{\n  \"equal\": true,\n  \"changes\": []\n}\n");
}

#[test]
fn diff_takes_gits_seven_arguments_and_dev_null() {
    let dir = pair(|t| t.replace("emotion: Some(2)", "emotion: Some(1)"));
    let args = ["diff", "maps/shop.ron", "old.ron", "abc123", "100644", "new.ron", "def456", "100644"];
    let out = parcours(&args, dir.path());
    assert_eq!(out.status.code(), Some(0), "git stops on a non-zero external diff");
    assert_eq!(
        stdout(&out),
        "diff --parcours a/maps/shop.ron b/maps/shop.ron\n~ card c-7kq2 \"Frais de livraison découverts\": emotion 2 → 1\n"
    );
    let out = parcours(&["diff", "/dev/null", "old.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out)
            .starts_with("~ map: title: {+Boutique+}\n+ stage s-comp \"Comparaison\" at position 1\n"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("+ card c-appl \"Appel au SAV\" in Comparaison × Léa\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn diff_errors_exit_2() {
    let dir = pair(|t| t.replace("version: 1,", "version: 1"));
    let out = parcours(&["diff", "old.ron", "new.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("new.ron:3:5: error:"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let out = parcours(&["diff", "old.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("diff takes two maps"), "{}", stderr(&out));
}

#[test]
fn textconv_prints_the_canonical_form() {
    let dir = pair(ToOwned::to_owned);
    let out = parcours(&["diff", "--textconv", "old.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let canonical = parcours::file::to_string(&parcours::file::from_str(MAP, Path::new("m.ron")).unwrap());
    assert_eq!(stdout(&out), canonical);
}

#[test]
fn merge_writes_over_ours_or_to_output() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("base.ron", MAP);
    write("ours.ron", &MAP.replace("emotion: Some(2)", "emotion: Some(-1)"));
    write("theirs.ron", &MAP.replace("Appel au SAV", "Appel au service client"));
    let out = parcours(&["merge", "base.ron", "ours.ron", "theirs.ron", "-o", "out.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    let merged = std::fs::read_to_string(dir.path().join("out.ron")).unwrap();
    assert!(merged.contains("emotion: Some(-1)") && merged.contains("Appel au service client"), "{merged}");
    assert_eq!(parcours(&["check", "out.ron"], dir.path()).status.code(), Some(0));
    assert_eq!(parcours(&["fmt", "--check", "out.ron"], dir.path()).status.code(), Some(0));

    // Without -o, as git calls it: the result replaces OURS.
    write("theirs.ron", &MAP.replace("emotion: Some(2)", "emotion: Some(0)"));
    let out =
        parcours(&["merge", "--name", "maps/shop.ron", "base.ron", "ours.ron", "theirs.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).starts_with(
            "maps/shop.ron: conflict on `emotion` of card `c-7kq2`: ours Some(-1), theirs Some(0)\n"
        ),
        "{}",
        stderr(&out)
    );
    let merged = std::fs::read_to_string(dir.path().join("ours.ron")).unwrap();
    assert!(merged.contains("    conflicts: [\n        (\n            element: \"c-7kq2\",\n"), "{merged}");
    let check = parcours(&["check", "ours.ron"], dir.path());
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains("unresolved merge conflict on `emotion` of `c-7kq2`"));
}

#[test]
fn help_lists_the_git_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = parcours(&["--help"], dir.path());
    for command in ["diff", "merge", "git-setup"] {
        assert!(stdout(&out).contains(command), "{command}");
        let out = parcours(&[command, "--help"], dir.path());
        assert_eq!(out.status.code(), Some(0), "{command}");
    }
}
