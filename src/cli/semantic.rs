//! Maps in git: `parcours diff`, `parcours merge` (a git merge driver) and `parcours git-setup`.
#![expect(clippy::print_stdout, clippy::print_stderr, reason = "the CLI talks to the terminal")]

use super::{report_file_error, usage_error};
use crate::file::{self, FileError};
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
    /// The parcours program git should run (default: `parcours`, found on the PATH).
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
    let mut maps = Vec::with_capacity(3);
    for path in [&args.base, &args.ours, &args.theirs] {
        match read_for_merge(path) {
            Ok(map) => maps.push(map),
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
    if let Err(error) = file::save(output, &outcome.map) {
        report_file_error(&error);
        return ExitCode::from(2);
    }
    if outcome.is_clean() {
        return ExitCode::SUCCESS;
    }
    let name = args.name.clone().unwrap_or_else(|| args.ours.display().to_string());
    for conflict in &outcome.map.conflicts {
        println!(
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

/// Reads a map for merging, naming git's conflict markers when a file has them.
fn read_for_merge(path: &Path) -> Result<Map, FileError> {
    let text = file::read_text(path)?;
    file::from_str(&text, path).map_err(|error| {
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
    })
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
    let program = match &args.program {
        Some(path) => {
            shell_quote(&std::path::absolute(path).unwrap_or_else(|_| path.clone()).display().to_string())
        }
        None => "parcours".to_owned(),
    };

    let attributes = top.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            report_file_error(&FileError::Io { path: attributes, source: error });
            return ExitCode::from(2);
        }
    };
    if existing.lines().any(|line| line.trim() == GITATTRIBUTES_LINE) {
        println!(".gitattributes: already has `{GITATTRIBUTES_LINE}`");
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(GITATTRIBUTES_LINE);
        text.push('\n');
        if let Err(error) = file::write_atomic(&attributes, text.as_bytes()) {
            report_file_error(&error);
            return ExitCode::from(2);
        }
        println!(".gitattributes: added `{GITATTRIBUTES_LINE}` (commit it so the whole team gets it)");
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
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_quote("/usr/local/bin/parcours"), "/usr/local/bin/parcours");
        assert_eq!(shell_quote("/home/léa/mes outils/parcours"), "'/home/léa/mes outils/parcours'");
        assert_eq!(shell_quote("/tmp/it's"), r"'/tmp/it'\''s'");
    }
}
