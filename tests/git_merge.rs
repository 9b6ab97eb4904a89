//! Real git histories where two branches edit one map: merged with the parcours driver, and
//! without it (git's line merge) to show what the driver saves.

use parcours::file;
use parcours::model::{Card, Channel, Conflict, Id, Map, Stage};
use parcours::semantic::DELETED;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BASE: &str = r#"(
    version: 1,
    title: "Boutique en ligne",
    language: "fr",
    stages: [
        (id: "s-comp", name: "Comparaison"),
        (id: "s-achat", name: "Achat"),
        (id: "s-liv", name: "Livraison"),
    ],
    personas: [(id: "p-lea", name: "Léa"), (id: "p-marc", name: "Marc")],
    lanes: [
        (id: "l-lea", kind: Persona("p-lea")),
        (id: "l-marc", kind: Persona("p-marc")),
        (id: "l-dl", title: "Points de douleur", kind: PainPoints),
    ],
    cards: [
        (id: "c-7kq2", lane: "l-dl", stage: "s-achat", title: "Frais de livraison découverts au paiement", kind: PainPoint, channel: Some(Web), emotion: Some(-1)),
        (id: "c-appl", lane: "l-lea", stage: "s-comp", title: "Appel au service client", details: "Elle veut savoir si la taille taille grand.", channel: Some(Phone), emotion: Some(1)),
        (id: "c-mail", lane: "l-lea", stage: "s-achat", title: "Courriel de confirmation", channel: Some(Email), emotion: Some(2)),
        (id: "c-prix", lane: "l-marc", stage: "s-comp", title: "Compare les prix sur trois sites", channel: Some(Web)),
        (id: "c-rel", lane: "l-marc", stage: "s-liv", title: "Colis en point relais", channel: Some(Partner), emotion: Some(0)),
    ],
)"#;

fn base() -> Map {
    file::from_str(BASE, Path::new("base.ron")).expect("test setup")
}

fn card<'m>(map: &'m mut Map, id: &str) -> &'m mut Card {
    map.cards.iter_mut().find(|c| c.id.as_str() == id).expect("test setup")
}

fn get<'m>(map: &'m Map, id: &str) -> &'m Card {
    map.card(&Id::from(id)).expect("test setup")
}

fn parcours_bin() -> &'static str {
    env!("CARGO_BIN_EXE_parcours")
}

/// A throw-away repository with its own config, isolated from the user's.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new(with_driver: bool) -> Self {
        let repo = Self { dir: tempfile::tempdir().expect("test setup") };
        repo.git_ok(&["init", "--quiet", "--initial-branch=main"]);
        for (key, value) in
            [("user.name", "Test"), ("user.email", "test@example.com"), ("commit.gpgsign", "false")]
        {
            repo.git_ok(&["config", "--local", key, value]);
        }
        if with_driver {
            let out = repo.run(parcours_bin(), &["git-setup", "--program", parcours_bin()]);
            assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        }
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        Command::new(program)
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .env_remove("GIT_EXTERNAL_DIFF")
            .output()
            .expect("run a program")
    }

    fn git(&self, args: &[&str]) -> Output {
        self.run("git", args)
    }

    fn git_ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(out.status.success(), "git {args:?}: {}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn save(&self, map: &Map) {
        file::save(&self.path().join("map.ron"), map).expect("test setup");
    }

    fn commit(&self, message: &str) {
        self.git_ok(&["add", "-A"]);
        self.git_ok(&["commit", "--quiet", "-m", message]);
    }

    fn map_text(&self) -> String {
        std::fs::read_to_string(self.path().join("map.ron")).expect("test setup")
    }
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// What `git merge` did with a scripted history.
struct Merged {
    repo: Repo,
    output: Output,
}

impl Merged {
    fn clean(&self) -> bool {
        self.output.status.success()
    }

    fn map(&self) -> Map {
        file::from_str(&self.repo.map_text(), Path::new("map.ron")).expect("test setup")
    }

    /// True when git lists map.ron as unmerged.
    fn unmerged(&self) -> bool {
        !self.repo.git_ok(&["diff", "--name-only", "--diff-filter=U"]).trim().is_empty()
    }
}

/// Commits the base on main, `theirs` on a branch, `ours` on main, then merges the branch.
fn history(with_driver: bool, ours: impl FnOnce(&mut Map), theirs: impl FnOnce(&mut Map)) -> Merged {
    history_in(Repo::new(with_driver), ours, theirs)
}

/// [`history`] in a repository set up by the caller.
fn history_in(repo: Repo, ours: impl FnOnce(&mut Map), theirs: impl FnOnce(&mut Map)) -> Merged {
    let base = base();
    repo.save(&base);
    repo.commit("base");
    repo.git_ok(&["checkout", "--quiet", "-b", "theirs"]);
    let mut map = base.clone();
    theirs(&mut map);
    repo.save(&map);
    repo.commit("theirs");
    repo.git_ok(&["checkout", "--quiet", "main"]);
    let mut map = base;
    ours(&mut map);
    repo.save(&map);
    repo.commit("ours");
    let output = repo.git(&["merge", "--no-edit", "theirs"]);
    Merged { repo, output }
}

/// Runs a history with and without the driver; returns both.
fn both(ours: impl Fn(&mut Map), theirs: impl Fn(&mut Map)) -> (Merged, Merged) {
    (history(true, &ours, &theirs), history(false, &ours, &theirs))
}

fn assert_valid_and_canonical(merged: &Merged) {
    let text = merged.repo.map_text();
    let map = merged.map();
    assert_eq!(file::to_string(&map), text, "the merged file is canonical");
    let out = merged.repo.run(parcours_bin(), &["check", "--quiet", "map.ron"]);
    let report = text_of(&out);
    for line in report.lines().filter(|l| l.starts_with("map.ron: error")) {
        assert!(line.contains("unresolved merge conflict"), "{report}");
    }
}

fn text_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn assert_line_conflict(merged: &Merged) {
    assert!(!merged.clean(), "git's line merge was expected to conflict");
    assert!(merged.repo.map_text().contains("<<<<<<<"), "{}", merged.repo.map_text());
    assert!(file::from_str(&merged.repo.map_text(), Path::new("map.ron")).is_err());
}

#[test]
fn different_cards_in_one_stage() {
    let (driver, _) = both(
        |m| card(m, "c-7kq2").title = "Frais de port découverts au paiement".into(),
        |m| card(m, "c-mail").emotion = Some(1),
    );
    assert!(driver.clean(), "{}", text(&driver.output));
    let map = driver.map();
    assert_eq!(get(&map, "c-7kq2").title, "Frais de port découverts au paiement");
    assert_eq!(get(&map, "c-mail").emotion, Some(1));
    assert_valid_and_canonical(&driver);
}

#[test]
fn edits_on_adjacent_lines() {
    // The title and the kind of one card are neighbouring lines of the file.
    let (driver, lines) = both(
        |m| card(m, "c-7kq2").title = "Frais de port découverts au paiement".into(),
        |m| card(m, "c-7kq2").kind = parcours::model::CardKind::Evidence,
    );
    assert!(driver.clean(), "{}", text(&driver.output));
    let map = driver.map();
    assert_eq!(get(&map, "c-7kq2").title, "Frais de port découverts au paiement");
    assert_eq!(get(&map, "c-7kq2").kind, parcours::model::CardKind::Evidence);
    assert_valid_and_canonical(&driver);
    assert_line_conflict(&lines);
}

#[test]
fn a_move_against_a_text_edit() {
    let (driver, lines) = both(
        |m| {
            let c = card(m, "c-appl");
            c.stage = Id::from("s-achat");
            c.order = 1;
        },
        |m| card(m, "c-appl").title = "Appel au SAV pour la taille".into(),
    );
    assert!(driver.clean(), "{}", text(&driver.output));
    let map = driver.map();
    let c = get(&map, "c-appl");
    assert_eq!((c.stage.as_str(), c.order, c.title.as_str()), ("s-achat", 1, "Appel au SAV pour la taille"));
    assert_valid_and_canonical(&driver);
    assert_line_conflict(&lines);
}

#[test]
fn both_add_cards_to_one_cell() {
    let (driver, lines) = both(
        |m| {
            let mut c =
                Card::new(Id::from("c-ours"), Id::from("l-lea"), Id::from("s-achat"), "Paie en trois fois");
            c.order = 2;
            m.cards.push(c);
        },
        |m| {
            let mut c =
                Card::new(Id::from("c-thrs"), Id::from("l-lea"), Id::from("s-achat"), "Code promo refusé");
            c.order = 2;
            c.emotion = Some(-2);
            m.cards.push(c);
        },
    );
    assert!(driver.clean(), "{}", text(&driver.output));
    let map = driver.map();
    let cell: Vec<&str> =
        map.cell_cards(&Id::from("l-lea"), &Id::from("s-achat")).iter().map(|c| c.id.as_str()).collect();
    assert_eq!(cell, ["c-mail", "c-ours", "c-thrs"]);
    assert_valid_and_canonical(&driver);
    assert_line_conflict(&lines);
}

#[test]
fn a_stage_reorder_against_a_rename() {
    let (driver, lines) =
        both(|m| m.stages.swap(0, 2), |m| m.stages[0].name = "Comparaison des offres".into());
    assert!(driver.clean(), "{}", text(&driver.output));
    let names: Vec<String> = driver.map().stages.iter().map(|s| s.name.clone()).collect();
    assert_eq!(names, ["Livraison", "Achat", "Comparaison des offres"]);
    assert_valid_and_canonical(&driver);
    assert_line_conflict(&lines);
}

#[test]
fn a_delete_against_an_untouched_card_and_an_added_stage() {
    let (driver, _) = both(
        |m| m.cards.retain(|c| c.id.as_str() != "c-prix"),
        |m| m.stages.push(Stage { id: Id::from("s-avis"), name: "Avis".into(), ..m.stages[0].clone() }),
    );
    assert!(driver.clean(), "{}", text(&driver.output));
    let map = driver.map();
    assert!(map.card(&Id::from("c-prix")).is_none());
    assert_eq!(map.stages.last().unwrap().name, "Avis");
    assert_valid_and_canonical(&driver);
}

#[test]
fn both_change_the_same_emotion() {
    let (driver, lines) = both(
        |m| {
            card(m, "c-7kq2").emotion = Some(-2);
            card(m, "c-mail").title = "Courriel de confirmation reçu".into();
        },
        |m| {
            card(m, "c-7kq2").emotion = Some(0);
            card(m, "c-rel").emotion = Some(1);
        },
    );
    assert!(!driver.clean());
    assert!(driver.unmerged(), "git marks the file as conflicted");
    let map = driver.map();
    // Ours is kept, the rest merged, and the conflict recorded with both values.
    assert_eq!(get(&map, "c-7kq2").emotion, Some(-2));
    assert_eq!(get(&map, "c-mail").title, "Courriel de confirmation reçu");
    assert_eq!(get(&map, "c-rel").emotion, Some(1));
    assert_eq!(
        map.conflicts,
        [Conflict {
            element: Id::from("c-7kq2"),
            field: "emotion".into(),
            ours: "Some(-2)".into(),
            theirs: "Some(0)".into()
        }]
    );
    assert!(
        text(&driver.output)
            .contains("conflict on `emotion` of card `c-7kq2`: ours Some(-2), theirs Some(0)")
    );
    assert_valid_and_canonical(&driver);
    // Git's line merge conflicts too, but leaves a file that is not a map.
    assert_line_conflict(&lines);
}

#[test]
fn a_delete_against_an_edit() {
    let (driver, lines) = both(
        |m| m.cards.retain(|c| c.id.as_str() != "c-appl"),
        |m| {
            card(m, "c-appl").channel = Some(Channel::Chat);
            card(m, "c-prix").emotion = Some(-1);
        },
    );
    assert!(!driver.clean());
    assert!(driver.unmerged());
    let map = driver.map();
    assert!(map.card(&Id::from("c-appl")).is_none(), "ours (the deletion) is kept");
    assert_eq!(get(&map, "c-prix").emotion, Some(-1));
    let [conflict] = map.conflicts.as_slice() else { panic!("{:?}", map.conflicts) };
    assert_eq!(
        (conflict.element.as_str(), conflict.field.as_str(), conflict.ours.as_str()),
        ("c-appl", "deleted", DELETED)
    );
    assert!(conflict.theirs.contains("channel: Some(Chat)"), "{}", conflict.theirs);
    assert_valid_and_canonical(&driver);
    assert_line_conflict(&lines);

    // Picking their side in the designer (here: the library) brings the card back.
    let mut resolved = map;
    parcours::semantic::resolve(&mut resolved, 0, parcours::semantic::Side::Theirs).unwrap();
    assert_eq!(get(&resolved, "c-appl").channel, Some(Channel::Chat));
    assert!(resolved.conflicts.is_empty());
}

#[test]
fn git_setup_is_idempotent_and_says_what_it_did() {
    let repo = Repo::new(false);
    std::fs::write(repo.path().join(".gitattributes"), "*.png binary").unwrap();
    let out = repo.run(parcours_bin(), &["git-setup", "--program", parcours_bin()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let said = text_of(&out);
    assert!(said.contains(".gitattributes: added `*.ron diff=parcours merge=parcours`"), "{said}");
    assert!(said.contains("git config --local merge.parcours.driver"), "{said}");
    assert_eq!(
        std::fs::read_to_string(repo.path().join(".gitattributes")).unwrap(),
        "*.png binary\n*.ron diff=parcours merge=parcours\n"
    );
    let driver = repo.git_ok(&["config", "--local", "--get", "merge.parcours.driver"]);
    assert_eq!(driver.trim(), format!("{} merge --name %P %O %A %B", parcours_bin()));
    let command = repo.git_ok(&["config", "--local", "--get", "diff.parcours.command"]);
    assert_eq!(command.trim(), format!("{} diff", parcours_bin()));

    let again = repo.run(parcours_bin(), &["git-setup", "--program", parcours_bin()]);
    assert_eq!(again.status.code(), Some(0));
    let said = text_of(&again);
    assert!(said.contains(".gitattributes: already has"), "{said}");
    assert_eq!(said.matches("is already").count(), 4, "{said}");
    assert_eq!(
        std::fs::read_to_string(repo.path().join(".gitattributes")).unwrap(),
        "*.png binary\n*.ron diff=parcours merge=parcours\n"
    );
}

/// Runs `program git-setup` (no --program) in `repo` with only git's folder, and `extra` if
/// given, on the PATH; returns what it said and the merge driver it configured.
fn git_setup_with_path(repo: &Repo, program: &Path, extra: Option<&Path>) -> (String, String) {
    let git = which::which("git").expect("git is needed by this test");
    let mut folders: Vec<PathBuf> = extra.into_iter().map(Path::to_path_buf).collect();
    folders.extend(git.parent().map(Path::to_path_buf));
    let out = Command::new(program)
        .arg("git-setup")
        .current_dir(repo.path())
        .env("PATH", std::env::join_paths(folders).expect("test setup"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo.path())
        .output()
        .expect("run parcours git-setup");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let driver = repo.git_ok(&["config", "--local", "--get", "merge.parcours.driver"]);
    (String::from_utf8_lossy(&out.stderr).into_owned(), driver.trim_end().to_owned())
}

#[test]
fn git_setup_names_this_program_when_the_path_has_no_parcours() {
    // `cargo test` runs target/debug/parcours, which is not on the PATH: `parcours merge` would
    // fail in git and every merge of a map would become a line conflict.
    let repo = Repo::new(false);
    let running = std::fs::canonicalize(parcours_bin()).unwrap();
    let (said, driver) = git_setup_with_path(&repo, Path::new(parcours_bin()), None);
    assert_eq!(driver, format!("{} merge --name %P %O %A %B", running.display()));
    assert!(said.contains("no `parcours` on the PATH; git will run this program by its full path"), "{said}");
    assert!(said.contains("cargo install --path ."), "{said}");
    let textconv = repo.git_ok(&["config", "--local", "--get", "diff.parcours.textconv"]);
    assert_eq!(textconv.trim_end(), format!("{} diff --textconv", running.display()));
}

#[cfg(unix)]
#[test]
fn git_setup_writes_parcours_when_the_path_leads_to_this_program() {
    let repo = Repo::new(false);
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(parcours_bin(), bin.path().join("parcours")).unwrap();
    let (said, driver) = git_setup_with_path(&repo, Path::new(parcours_bin()), Some(bin.path()));
    assert_eq!(driver, "parcours merge --name %P %O %A %B");
    assert!(said.contains("git will run `parcours` from the PATH"), "{said}");

    // Another program named parcours on the PATH: this one is named by its full path.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("parcours"), "#!/bin/sh\nexit 0\n").unwrap();
    std::fs::set_permissions(
        other.path().join("parcours"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let (said, driver) = git_setup_with_path(&repo, Path::new(parcours_bin()), Some(other.path()));
    let running = std::fs::canonicalize(parcours_bin()).unwrap();
    assert_eq!(driver, format!("{} merge --name %P %O %A %B", running.display()));
    assert!(said.contains("is another program; git will run this one by its full path"), "{said}");
}

#[test]
fn git_setup_quotes_a_program_path_with_spaces_and_git_merges_with_it() {
    // A copy (a hard link where possible) of the binary in a folder whose name has a space and an
    // accent, on the same disk as the build.
    let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let folder = root.path().join("mes outils à moi");
    std::fs::create_dir(&folder).unwrap();
    let program = folder.join("parcours");
    if std::fs::hard_link(parcours_bin(), &program).is_err() {
        std::fs::copy(parcours_bin(), &program).unwrap();
    }
    let running = std::fs::canonicalize(&program).unwrap();
    let repo = Repo::new(false);
    let (_, driver) = git_setup_with_path(&repo, &program, None);
    assert_eq!(driver, format!("'{}' merge --name %P %O %A %B", running.display()));
    // Git runs that line through the shell: the merge is clean where lines would conflict.
    let merged = history_in(
        repo,
        |m| card(m, "c-7kq2").title = "Frais de port découverts au paiement".into(),
        |m| card(m, "c-7kq2").kind = parcours::model::CardKind::Evidence,
    );
    assert!(merged.clean(), "{}", text(&merged.output));
    let map = merged.map();
    assert_eq!(get(&map, "c-7kq2").title, "Frais de port découverts au paiement");
    assert_eq!(get(&map, "c-7kq2").kind, parcours::model::CardKind::Evidence);
}

#[test]
fn git_setup_outside_a_repository_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(parcours_bin())
        .arg("git-setup")
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap_or(dir.path()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out);
    assert!(said.contains("error: not inside a git repository"), "{said}");
    assert!(!dir.path().join(".gitattributes").exists());
}

#[test]
fn git_diff_and_log_show_changes_by_element() {
    let repo = Repo::new(true);
    let mut map = base();
    repo.save(&map);
    repo.commit("base");
    card(&mut map, "c-7kq2").emotion = Some(-2);
    card(&mut map, "c-appl").stage = Id::from("s-achat");
    repo.save(&map);
    let shown = repo.git_ok(&["diff"]);
    assert!(shown.contains("diff --parcours a/map.ron b/map.ron"), "{shown}");
    assert!(
        shown.contains("~ card c-7kq2 \"Frais de livraison découverts au…\": emotion -1 → -2"),
        "{shown}"
    );
    assert!(
        shown.contains("> card c-appl \"Appel au service client\" moved Comparaison × Léa → Achat × Léa"),
        "{shown}"
    );
    // A new file is compared with an empty map.
    repo.commit("edit");
    std::fs::copy(repo.path().join("map.ron"), repo.path().join("copy.ron")).unwrap();
    repo.git_ok(&["add", "copy.ron"]);
    let shown = repo.git_ok(&["diff", "--cached"]);
    assert!(shown.contains("+ card c-rel \"Colis en point relais\" in Livraison × Marc"), "{shown}");
    // Without the external diff, the textconv still gives canonical text.
    let plain = repo.git_ok(&["diff", "--cached", "--no-ext-diff"]);
    assert!(plain.contains("+            id: \"c-rel\","), "{plain}");
}

#[test]
fn driver_refuses_unreadable_input_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let canonical = file::to_string(&base());
    let with_markers =
        canonical.replacen("    title:", "<<<<<<< HEAD\n    title: \"a\",\n=======\n    title:", 1);
    std::fs::write(dir.path().join("base.ron"), &with_markers).unwrap();
    std::fs::write(dir.path().join("ours.ron"), &canonical).unwrap();
    std::fs::write(dir.path().join("theirs.ron"), &canonical).unwrap();
    let out = Command::new(parcours_bin())
        .args(["merge", "base.ron", "ours.ron", "theirs.ron"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out);
    assert!(said.contains("base.ron:3:1:") && said.contains("git conflict markers"), "{said}");
    assert!(said.contains("nothing was written"), "{said}");
    assert_eq!(std::fs::read_to_string(dir.path().join("ours.ron")).unwrap(), canonical);
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
