//! Maps in git: `parcours diff`, `parcours merge` (a git merge driver) and `parcours git-setup`.
#![expect(clippy::print_stdout, clippy::print_stderr, reason = "the CLI talks to the terminal")]

use super::{report_file_error, usage_error};
use crate::file::{self, ContentHash, FileError, OnDisk};
use crate::model::{Id, Map};
use crate::semantic;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The line `git-setup` adds to `.gitattributes`.
pub const GITATTRIBUTES_LINE: &str = "*.ron diff=parcours merge=parcours";

/// How `diff` writes its result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Lines for a terminal: `+` added, `-` removed, `~` changed, `>` moved.
    #[default]
    Text,
    /// One JSON object: `{"equal": …, "changes": [...]}`.
    Json,
}

/// Arguments of `parcours diff`.
#[derive(Debug, Args)]
#[command(after_help = "Exit status: 0 when the maps mean the same, 1 when they differ, 2 on error \
(0 whenever git calls it as an external diff).")]
pub struct DiffArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Print one map in canonical form, for git's `diff.parcours.textconv` (an unreadable file
    /// is printed as it is).
    #[arg(long)]
    pub textconv: bool,
    /// OLD NEW (`/dev/null` is an empty map); or the 7 arguments git passes to an external diff
    /// (path old-file old-hex old-mode new-file new-hex new-mode), then the exit code is 0.
    #[arg(required = true, num_args = 1..=9, value_name = "MAP")]
    pub files: Vec<PathBuf>,
}

/// Arguments of `parcours merge`.
#[derive(Debug, Args)]
#[command(after_help = "Exit status: 0 merged cleanly, 1 merged with conflicts (the map keeps our \
values and lists each conflict in its `conflicts` field), 2 when an input cannot be read (nothing \
is written).")]
pub struct MergeArgs {
    /// The common ancestor (git's `%O`).
    pub base: PathBuf,
    /// Our version (git's `%A`); the result is written here unless --output is given.
    pub ours: PathBuf,
    /// Their version (git's `%B`).
    pub theirs: PathBuf,
    /// Write the merged map here instead of over OURS.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// The file's name in the repository, for messages (git's `%P`).
    #[arg(long)]
    pub name: Option<String>,
}

/// Arguments of `parcours git-setup`.
#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// The parcours program git should run [default: `parcours` when the one found on the PATH is
    /// this program, otherwise this program's absolute path].
    #[arg(long, value_name = "PATH")]
    pub program: Option<PathBuf>,
}

/// `parcours diff`: exit 0 when the maps mean the same, 1 when they differ, 2 on error.
pub(super) fn diff(args: &DiffArgs) -> ExitCode {
    let files = &args.files;
    if args.textconv {
        return match files.as_slice() {
            [file] => textconv(file),
            _ => usage_error("--textconv takes one file", "parcours diff --textconv FILE"),
        };
    }
    let (old, new, git_path) = match files.as_slice() {
        [old, new] => (old, new, None),
        [path, old, _, _, new, _, _] | [path, old, _, _, new, _, _, _, _] => (old, new, Some(path)),
        _ => {
            return usage_error(
                &format!(
                    "diff takes two maps, or the 7 arguments of a git external diff; got {}",
                    files.len()
                ),
                "parcours diff OLD NEW",
            );
        }
    };
    let maps = load_or_empty(old).and_then(|old| Ok((old, load_or_empty(new)?)));
    let (old_map, new_map) = match maps {
        Ok(maps) => maps,
        Err(error) => {
            report_file_error(&error);
            if git_path.is_some() {
                // Git stops a whole `git diff` when an external diff fails: say why, carry on.
                println!("(no semantic diff: the map could not be read; see `git diff --no-ext-diff`)");
                return ExitCode::SUCCESS;
            }
            return ExitCode::from(2);
        }
    };
    let difference = semantic::diff(&old_map, &new_map);
    if let Some(path) = git_path
        && args.format == DiffFormat::Text
    {
        println!("diff --parcours a/{0} b/{0}", path.display());
        if difference.is_empty() {
            println!("(same map; only the layout of the file changed)");
        }
    }
    match args.format {
        DiffFormat::Text => print!("{}", difference.to_text()),
        DiffFormat::Json => print!("{}", difference.to_json()),
    }
    if git_path.is_some() || difference.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// A map file, or an empty map for `/dev/null` (git's side of an added or deleted file).
fn load_or_empty(path: &Path) -> Result<Map, FileError> {
    if path == Path::new("/dev/null") { Ok(Map::default()) } else { file::load(path) }
}

fn textconv(path: &Path) -> ExitCode {
    match file::read_text(path) {
        Ok(text) => {
            match file::from_str(&text, path) {
                Ok(map) => print!("{}", file::to_string(&map)),
                Err(_) => print!("{text}"),
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            report_file_error(&error);
            ExitCode::from(2)
        }
    }
}

/// `parcours merge BASE OURS THEIRS [-o OUT]`: exit 0 when clean, 1 with conflicts (the map keeps
/// ours and lists them), 2 when an input cannot be read (nothing is written).
pub(super) fn merge(args: &MergeArgs) -> ExitCode {
    merge_with(args, || {})
}

/// [`merge`], with `before_write` run between reading the inputs and writing the result (a no-op,
/// except in the tests that change a file there).
fn merge_with(args: &MergeArgs, before_write: impl FnOnce()) -> ExitCode {
    let mut maps = Vec::with_capacity(3);
    let mut hashes = Vec::with_capacity(3);
    for path in [&args.base, &args.ours, &args.theirs] {
        match read_for_merge(path) {
            Ok((map, hash)) => {
                maps.push(map);
                hashes.push((path, hash));
            }
            Err(error) => {
                report_file_error(&error);
                eprintln!(
                    "hint: nothing was written; fix the file (or merge it by hand) and run the merge again"
                );
                return ExitCode::from(2);
            }
        }
    }
    let [base, ours, theirs] = maps.as_slice() else { return ExitCode::from(2) };
    let outcome = semantic::merge3(base, ours, theirs);
    let output = args.output.as_ref().unwrap_or(&args.ours);
    // Writing over one of the inputs (OURS, as git asks): only if it is still what was read.
    let expected = hashes
        .iter()
        .find(|(input, _)| same_file(input, output))
        .map_or(OnDisk::Any, |(_, hash)| OnDisk::Unchanged(*hash));
    before_write();
    if let Err(error) = file::write_atomic_if(output, file::to_string(&outcome.map).as_bytes(), expected) {
        report_file_error(&error);
        return ExitCode::from(2);
    }
    if outcome.is_clean() {
        return ExitCode::SUCCESS;
    }
    let name = args.name.clone().unwrap_or_else(|| args.ours.display().to_string());
    for conflict in &outcome.map.conflicts {
        eprintln!(
            "{name}: conflict on `{}` of {}: ours {}, theirs {}",
            conflict.field,
            describe(&outcome.map, &conflict.element),
            conflict.ours,
            conflict.theirs
        );
    }
    eprintln!(
        "{name}: {} conflict(s); the map keeps our side and lists each conflict in its `conflicts` field",
        outcome.map.conflicts.len()
    );
    eprintln!(
        "hint: pick a side per conflict in the designer, or edit the values and remove the entries, then `git add {name}`"
    );
    ExitCode::from(1)
}

/// True when two paths name one file (the same path, or the same file through links).
fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
}

/// Reads a map for merging, with the hash of its bytes, naming git's conflict markers when a file
/// has them.
fn read_for_merge(path: &Path) -> Result<(Map, ContentHash), FileError> {
    let text = file::read_text(path)?;
    let map = file::from_str(&text, path).map_err(|error| {
        if text.lines().any(|line| line.starts_with("<<<<<<< ") || line == "=======") {
            FileError::Syntax {
                path: path.to_owned(),
                line: error.position().map_or(1, |p| p.0),
                column: error.position().map_or(1, |p| p.1),
                message: format!(
                    "{}; the file holds git conflict markers (`<<<<<<<`), so it is not a map yet",
                    error.reason()
                ),
            }
        } else {
            error
        }
    })?;
    Ok((map, ContentHash::of(text.as_bytes())))
}

fn describe(map: &Map, id: &Id) -> String {
    if id.as_str().is_empty() {
        return "the map".into();
    }
    let kind = if map.stage(id).is_some() {
        "stage"
    } else if map.persona(id).is_some() {
        "persona"
    } else if map.lane(id).is_some() {
        "lane"
    } else if map.card(id).is_some() {
        "card"
    } else {
        "element"
    };
    format!("{kind} `{id}`")
}

/// `parcours git-setup`: the `.gitattributes` line and the local git config, idempotent.
pub(super) fn git_setup(args: &GitSetupArgs) -> ExitCode {
    let top = match git(&["rev-parse", "--show-toplevel"]) {
        Ok(top) => PathBuf::from(top.trim_end_matches(['\n', '\r'])),
        Err(message) => {
            eprintln!("error: not inside a git repository ({message})");
            eprintln!("hint: run `parcours git-setup` from your repository's folder (or `git init` first)");
            return ExitCode::from(2);
        }
    };
    let program = if let Some(path) = &args.program {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        eprintln!("git-setup: git will run {} (given with --program)", absolute.display());
        shell_quote(&absolute.display().to_string())
    } else {
        let on_path = which::which("parcours").ok().and_then(|p| std::fs::canonicalize(p).ok());
        match std::env::current_exe().and_then(std::fs::canonicalize) {
            Ok(running) => {
                let (program, note) = choose_program(&running, on_path.as_deref());
                eprintln!("git-setup: {note}");
                program
            }
            Err(error) => {
                eprintln!(
                    "git-setup: git will run `parcours` from the PATH (where this program is could not be told: {error})"
                );
                "parcours".to_owned()
            }
        }
    };
    if program.contains('%') {
        eprintln!(
            "warning: the program's path holds `%`, which git may read as a merge placeholder; move it, or give --program"
        );
    }

    let attributes = top.join(".gitattributes");
    if let Err(code) = add_attributes_line(&attributes, || {}) {
        return code;
    }

    let settings = [
        ("merge.parcours.name", "Parcours: merge maps by element id".to_owned()),
        ("merge.parcours.driver", format!("{program} merge --name %P %O %A %B")),
        ("diff.parcours.command", format!("{program} diff")),
        ("diff.parcours.textconv", format!("{program} diff --textconv")),
    ];
    for (key, value) in settings {
        let current = git(&["config", "--local", "--get", key]).ok();
        if current.as_deref().map(str::trim_end) == Some(value.as_str()) {
            println!("git config: {key} is already \"{value}\"");
            continue;
        }
        if let Err(message) = git(&["config", "--local", key, &value]) {
            eprintln!("error: could not set git config {key} ({message})");
            return ExitCode::from(2);
        }
        println!("git config --local {key} \"{value}\"");
    }
    println!(
        "done: git now diffs and merges *.ron maps by element in {} (each clone runs `parcours git-setup` once)",
        top.display()
    );
    ExitCode::SUCCESS
}

/// Adds [`GITATTRIBUTES_LINE`] to `.gitattributes` unless it is there; written only if the file
/// did not change since it was read. `before_write` runs between the read and the write (a no-op,
/// except in the tests that change the file there).
fn add_attributes_line(attributes: &Path, before_write: impl FnOnce()) -> Result<(), ExitCode> {
    let (existing, expected) = match std::fs::read(attributes) {
        Ok(bytes) => {
            let hash = ContentHash::of(&bytes);
            (String::from_utf8_lossy(&bytes).into_owned(), OnDisk::Unchanged(hash))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => (String::new(), OnDisk::Absent),
        Err(error) => {
            report_file_error(&FileError::Io { path: attributes.to_owned(), source: error });
            return Err(ExitCode::from(2));
        }
    };
    if existing.lines().any(|line| line.trim() == GITATTRIBUTES_LINE) {
        println!(".gitattributes: already has `{GITATTRIBUTES_LINE}`");
        return Ok(());
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(GITATTRIBUTES_LINE);
    text.push('\n');
    before_write();
    if let Err(error) = file::write_atomic_if(attributes, text.as_bytes(), expected) {
        report_file_error(&error);
        return Err(ExitCode::from(2));
    }
    println!(".gitattributes: added `{GITATTRIBUTES_LINE}` (commit it so the whole team gets it)");
    Ok(())
}

/// What git should run for parcours, as written in its config, and a sentence saying why.
/// `running` is this program and `on_path` the `parcours` found on the PATH, both canonical:
/// `parcours` when they are the same program, otherwise `running`'s path, quoted for the shell
/// git runs drivers with (someone who started `target/release/parcours` has no `parcours` on
/// the PATH, and git would fail on every merge of a map, leaving it as a line conflict).
fn choose_program(running: &Path, on_path: Option<&Path>) -> (String, String) {
    let full = running.display().to_string();
    match on_path {
        Some(found) if found == running => {
            ("parcours".to_owned(), format!("git will run `parcours` from the PATH ({full}, this program)"))
        }
        Some(other) => (
            shell_quote(&full),
            format!(
                "the `parcours` on the PATH ({}) is another program; git will run this one by its full path, {full}",
                other.display()
            ),
        ),
        None => (
            shell_quote(&full),
            format!(
                "no `parcours` on the PATH; git will run this program by its full path, {full} \
                 (install it with `cargo install --path .` and run `parcours git-setup` again to use the PATH)"
            ),
        ),
    }
}

/// Runs git with these arguments; its standard output, or what went wrong.
fn git(args: &[&str]) -> Result<String, String> {
    let output = std::process::Command::new("git")
        .args(args)
        .output()
        .map_err(|error| format!("could not run git: {error}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        Err(if said.is_empty() { format!("git exited with {}", output.status) } else { said })
    }
}

/// Quotes a program path for the shell git runs drivers with, when it needs quoting.
fn shell_quote(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._+-=:,@".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_runs_parcours_from_the_path_only_when_it_is_this_program() {
        let running = Path::new("/home/lea/parcours/target/release/parcours");
        let (program, note) = choose_program(running, Some(running));
        assert_eq!(program, "parcours");
        assert!(note.contains("from the PATH"), "{note}");
        let (program, note) = choose_program(running, None);
        assert_eq!(program, "/home/lea/parcours/target/release/parcours");
        assert!(note.starts_with("no `parcours` on the PATH"), "{note}");
        assert!(note.contains("cargo install --path ."), "{note}");
        let (program, note) = choose_program(running, Some(Path::new("/usr/bin/parcours")));
        assert_eq!(program, "/home/lea/parcours/target/release/parcours");
        assert!(note.contains("(/usr/bin/parcours) is another program"), "{note}");
        let spaced = Path::new("/home/léa/mes outils/parcours");
        assert_eq!(choose_program(spaced, None).0, "'/home/léa/mes outils/parcours'");
    }

    const MAP: &str = "(\n    version: 1,\n    title: \"Boutique\",\n)\n";

    #[test]
    fn merge_leaves_ours_when_it_changed_after_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name);
        std::fs::write(path("base.ron"), MAP).unwrap();
        std::fs::write(path("ours.ron"), MAP).unwrap();
        std::fs::write(path("theirs.ron"), MAP.replace("Boutique", "Boutique en ligne")).unwrap();
        let args = MergeArgs {
            base: path("base.ron"),
            ours: path("ours.ron"),
            theirs: path("theirs.ron"),
            output: None,
            name: None,
        };
        let edited = MAP.replace("Boutique", "Magasin");
        let code = merge_with(&args, || std::fs::write(path("ours.ron"), &edited).unwrap());
        assert_eq!(code, ExitCode::from(2));
        assert_eq!(std::fs::read_to_string(path("ours.ron")).unwrap(), edited);
        std::fs::write(path("ours.ron"), MAP).unwrap();
        assert_eq!(merge_with(&args, || {}), ExitCode::SUCCESS);
        assert!(std::fs::read_to_string(path("ours.ron")).unwrap().contains("Boutique en ligne"));
    }

    #[test]
    fn gitattributes_are_left_when_they_changed_after_they_were_read() {
        let dir = tempfile::tempdir().unwrap();
        let attributes = dir.path().join(".gitattributes");
        // Absent when read, created by someone else before the write.
        let code =
            add_attributes_line(&attributes, || std::fs::write(&attributes, "*.png binary\n").unwrap());
        assert_eq!(code, Err(ExitCode::from(2)));
        assert_eq!(std::fs::read_to_string(&attributes).unwrap(), "*.png binary\n");
        let code =
            add_attributes_line(&attributes, || std::fs::write(&attributes, "*.jpg binary\n").unwrap());
        assert_eq!(code, Err(ExitCode::from(2)));
        assert_eq!(std::fs::read_to_string(&attributes).unwrap(), "*.jpg binary\n");
        assert_eq!(add_attributes_line(&attributes, || {}), Ok(()));
        assert_eq!(
            std::fs::read_to_string(&attributes).unwrap(),
            format!("*.jpg binary\n{GITATTRIBUTES_LINE}\n")
        );
    }

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_quote("/usr/local/bin/parcours"), "/usr/local/bin/parcours");
        assert_eq!(shell_quote("/home/léa/mes outils/parcours"), "'/home/léa/mes outils/parcours'");
        assert_eq!(shell_quote("/tmp/it's"), r"'/tmp/it'\''s'");
    }
}
