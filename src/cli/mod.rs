//! The command line: `parcours [FILE]` and its headless subcommands.
//!
//! Standard output carries only what a command was asked for: a report, JSON, a diff, the
//! findings of `check` and `fmt --check`, one line per file written. Every other diagnostic —
//! errors, warnings, hints, summaries — goes to standard error, so the JSON that
//! `parcours insights --json` writes never has an error message in it. Errors read
//! `FILE: error: …` or `error: …`, with a `hint:` line. The exit code is 0 on success, 1 when a
//! check finds problems (`check`, `fmt --check`, and `export`, which refuses a map with errors),
//! 2 on usage errors and files that cannot be read or written.
//!
//! A command that rewrites a map in place (`fmt`, `import --into`, `merge`) rewrites it only if
//! the file still holds the bytes it read ([`file::OnDisk::Unchanged`]); a new file written
//! without `--force` is written only if it still does not exist ([`file::OnDisk::Absent`]).
#![expect(clippy::print_stdout, clippy::print_stderr, reason = "the CLI talks to the terminal")]

mod export;
mod insights;
mod interop;
mod room;
mod semantic;

use crate::check::{self, Severity};
use crate::file::{self, ContentHash, FileError, OnDisk};
use crate::model::Map;
use crate::templates;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Parcours: design customer journey maps — stages, personas, touchpoints, emotions.
#[derive(Debug, Parser)]
#[command(name = "parcours", version, about, propagate_version = true)]
pub struct Cli {
    /// The map to open in the designer.
    pub file: Option<PathBuf>,
    /// Open the map straight into the presentation (full screen, one stage at a time; Esc
    /// leaves it for the designer).
    #[arg(long, requires = "file")]
    pub present: bool,
    /// What to do headless; without a command, the designer opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A headless command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check maps for errors: dangling references, duplicate ids, emotions off the scale…
    Check {
        /// Map files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print errors only, not warnings.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Rewrite maps in the canonical form (or, with --check, only report those that are not).
    Fmt {
        /// Report maps that are not canonical and exit 1, without writing anything.
        #[arg(long)]
        check: bool,
        /// Map files to format.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Create a new map from a template.
    New {
        /// Template to start from (see --list-templates).
        #[arg(long, short, default_value = "blank")]
        template: String,
        /// List the templates and exit.
        #[arg(long)]
        list_templates: bool,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
        /// The map file to create.
        #[arg(required_unless_present = "list_templates")]
        file: Option<PathBuf>,
    },
    /// Make a map from a Mermaid journey (.mmd, or the first one in a .md), or add CSV cards to a map.
    Import {
        /// The file to import: .mmd, .mermaid, .md or .csv.
        input: PathBuf,
        /// The new map to write (Mermaid).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The map to update with the cards (CSV): cards are matched by id, new ones added.
        #[arg(long)]
        into: Option<PathBuf>,
        /// Replace the output map if it exists.
        #[arg(long)]
        force: bool,
        /// Also read a frontmatter whose `---` lines are indented (mermaid refuses it).
        #[arg(long)]
        lenient: bool,
    },
    /// Export a poster or, with --sheet funnel|personas, another sheet (.pdf, .png, .svg), or text (.mmd
    /// Mermaid journey, .csv cards, .md narrative); the format comes from the output's extension.
    Export(export::ExportArgs),
    /// The conversion funnel, friction points, moments of truth and channel mix of a map, as text
    /// in the map's language or as JSON.
    Insights(insights::InsightsArgs),
    /// Show what changed between two maps, element by element; exit 1 when they differ.
    Diff(semantic::DiffArgs),
    /// Merge two edits of a map by element id (a git merge driver: `merge %O %A %B`).
    Merge(semantic::MergeArgs),
    /// Set up this git repository to diff and merge maps with parcours.
    GitSetup(semantic::GitSetupArgs),
    /// Open a workshop room on a map: participants write notes and vote from their phones'
    /// browsers (no install, no account), desktops edit alongside.
    Room(room::RoomArgs),
    /// Join another desktop's workshop room by its desktop link: the designer opens on the
    /// host's map and edits it alongside; your undo takes back only your own changes.
    Join(room::JoinArgs),
}

/// Runs the command line with these arguments (the first is the program name).
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version land here too, with exit code 0.
            error.print().ok();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    match cli.command {
        None => open_designer(cli.file.as_deref(), cli.present),
        Some(Command::Check { files, quiet }) => check_files(&files, quiet),
        Some(Command::Fmt { check, files }) => fmt_files(&files, check),
        Some(Command::Diff(args)) => semantic::diff(&args),
        Some(Command::Merge(args)) => semantic::merge(&args),
        Some(Command::GitSetup(args)) => semantic::git_setup(&args),
        Some(Command::New { template, list_templates, force, file }) => {
            if list_templates {
                list();
                return ExitCode::SUCCESS;
            }
            match file {
                Some(file) => new_map(&template, &file, force),
                None => usage_error("a file name is needed", "parcours new --template NAME FILE"),
            }
        }
        Some(Command::Import { input, output, into, force, lenient }) => {
            interop::import(&input, output.as_deref(), into.as_deref(), force, lenient)
        }
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Insights(args)) => insights::run(&args),
        Some(Command::Room(args)) => room::run(&args),
        Some(Command::Join(args)) => room::join(&args),
    }
}

fn open_designer(file: Option<&Path>, present: bool) -> ExitCode {
    if let Some(file) = file
        && let Err(error) = file::load(file)
    {
        report_file_error(&error);
        return ExitCode::from(2);
    }
    run_designer(file, present)
}

#[cfg(feature = "gui")]
fn run_designer(file: Option<&Path>, present: bool) -> ExitCode {
    window_exit(
        crate::app::run(file, present),
        "the headless commands still work: parcours check, fmt, new, export (see parcours --help)",
    )
}

/// The exit of a designer window: 0 when closed, 2 when its map could not be opened (the
/// message names file, line and column), 1 when no window could open (with `hint`).
#[cfg(feature = "gui")]
pub(crate) fn window_exit(result: Result<(), crate::app::RunError>, hint: &str) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(crate::app::RunError::Open(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(crate::app::RunError::Window(error)) => {
            eprintln!("error: the designer window could not open ({error})");
            eprintln!("hint: {hint}");
            ExitCode::from(1)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn run_designer(_file: Option<&Path>, _present: bool) -> ExitCode {
    eprintln!("error: the designer window is not part of this build yet");
    eprintln!(
        "hint: the headless commands work now: parcours check, parcours fmt, parcours new (see parcours --help)"
    );
    ExitCode::from(2)
}

fn check_files(files: &[PathBuf], quiet: bool) -> ExitCode {
    let mut errors = 0_usize;
    let mut warnings = 0_usize;
    for path in files {
        let map = match file::load(path) {
            Ok(map) => map,
            Err(error) => {
                // A file that cannot be read is one of check's findings: on stdout with the others.
                println!("{}: error: {}", error.location(), error.reason());
                errors += 1;
                continue;
            }
        };
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        for diagnostic in check::check(&map, Some(folder)) {
            match diagnostic.severity {
                Severity::Error => errors += 1,
                Severity::Warning if quiet => continue,
                Severity::Warning => warnings += 1,
            }
            println!("{}: {diagnostic}", path.display());
        }
    }
    if errors > 0 {
        eprintln!("{} with {errors} error(s) and {warnings} warning(s)", plural(files.len(), "map"));
        ExitCode::from(1)
    } else {
        if warnings > 0 {
            eprintln!("{} checked: {warnings} warning(s)", plural(files.len(), "map"));
        }
        ExitCode::SUCCESS
    }
}

fn fmt_files(files: &[PathBuf], check_only: bool) -> ExitCode {
    let mut failed = false;
    let mut not_canonical = false;
    for path in files {
        match fmt_file(path, check_only, || {}) {
            Formatted::Canonical | Formatted::Rewritten => {}
            Formatted::NotCanonical => not_canonical = true,
            Formatted::Failed => failed = true,
        }
    }
    if failed {
        ExitCode::from(2)
    } else if not_canonical {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What `fmt` did with one file.
#[derive(Debug, PartialEq, Eq)]
enum Formatted {
    /// Already canonical: untouched.
    Canonical,
    /// Not canonical, and `--check` said so.
    NotCanonical,
    /// Rewritten in canonical form.
    Rewritten,
    /// Unreadable, or changed on disk before it could be rewritten: untouched, error printed.
    Failed,
}

/// `fmt` on one file. `before_write` runs between the read and the write (a no-op, except in
/// the tests that change the file there).
fn fmt_file(path: &Path, check_only: bool, before_write: impl FnOnce()) -> Formatted {
    let read = match ReadMap::read(path) {
        Ok(read) => read,
        Err(error) => {
            // Never rewrite a file that could not be read.
            report_file_error(&error);
            return Formatted::Failed;
        }
    };
    let canonical = file::to_string(&read.map);
    if read.text == canonical {
        return Formatted::Canonical;
    }
    if check_only {
        println!("{}: not in canonical form (run `parcours fmt {}`)", path.display(), path.display());
        return Formatted::NotCanonical;
    }
    before_write();
    match read.rewrite(path, canonical.as_bytes()) {
        Ok(()) => {
            println!("{}: formatted", path.display());
            Formatted::Rewritten
        }
        Err(error) => {
            report_file_error(&error);
            Formatted::Failed
        }
    }
}

/// A map file as read, and the guard that lets it be rewritten only while it still holds the
/// bytes that were read.
pub(crate) struct ReadMap {
    /// The text of the file.
    pub text: String,
    /// The map it holds.
    pub map: Map,
    /// What the file must still be when it is rewritten.
    pub on_disk: OnDisk,
}

impl ReadMap {
    /// Reads and parses a map file, keeping the hash of its bytes.
    pub fn read(path: &Path) -> Result<Self, FileError> {
        let text = file::read_text(path)?;
        let map = file::from_str(&text, path)?;
        Ok(Self { on_disk: OnDisk::Unchanged(ContentHash::of(text.as_bytes())), text, map })
    }

    /// Writes `bytes` over the file atomically if it still holds what was read; otherwise
    /// leaves it alone and returns [`FileError::ChangedOnDisk`].
    pub fn rewrite(&self, path: &Path, bytes: &[u8]) -> Result<(), FileError> {
        file::write_atomic_if(path, bytes, self.on_disk)
    }
}

/// Writes a new file: with `force`, over whatever is there; without it, only while nothing is
/// there (a file that appeared since the caller looked is an error, not overwritten).
pub(crate) fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), FileError> {
    file::write_atomic_if(path, bytes, if force { OnDisk::Any } else { OnDisk::Absent })
}

/// The "already exists, use --force" error for a new file.
pub(crate) fn already_exists(path: &Path) -> ExitCode {
    usage_error(
        &format!("{} already exists", path.display()),
        "choose another file name, or add --force to replace it",
    )
}

fn list() {
    for template in templates::ALL {
        println!("{:<20} {}", template.name, template.summary);
    }
}

fn new_map(name: &str, path: &Path, force: bool) -> ExitCode {
    let Some(template) = templates::find(name) else {
        let names: Vec<&str> = templates::ALL.iter().map(|t| t.name).collect();
        return usage_error(
            &format!("there is no template named {name:?}"),
            &format!("choose one of: {}", names.join(", ")),
        );
    };
    if path.exists() && !force {
        return already_exists(path);
    }
    let map = match template.map() {
        Ok(map) => map,
        Err(error) => {
            report_file_error(&error);
            return ExitCode::from(2);
        }
    };
    match write_new(path, file::to_string(&map).as_bytes(), force) {
        Ok(()) => {
            println!("{}: new map from template {name}", path.display());
            ExitCode::SUCCESS
        }
        Err(FileError::ChangedOnDisk { .. }) => already_exists(path),
        Err(error) => {
            report_file_error(&error);
            ExitCode::from(2)
        }
    }
}

/// Prints a file error on standard error, like a compiler's, with a hint when one helps.
pub(crate) fn report_file_error(error: &FileError) {
    eprintln!("{}: error: {}", error.location(), error.reason());
    if let FileError::ChangedOnDisk { path } = error {
        eprintln!(
            "hint: nothing was written; look at the new content of {} and run the command again",
            path.display()
        );
    }
}

pub(crate) fn usage_error(message: &str, hint: &str) -> ExitCode {
    eprintln!("error: {message}");
    eprintln!("hint: {hint}");
    ExitCode::from(2)
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSY: &str = "(version: 1, title: \"Sale\", stages: [(id: \"s-1\", name: \"Un\")])";

    #[test]
    fn fmt_leaves_a_file_that_changed_after_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        std::fs::write(&path, MESSY).unwrap();
        let theirs = MESSY.replace("Sale", "Modifié par Léa");
        let outcome = fmt_file(&path, false, || std::fs::write(&path, &theirs).unwrap());
        assert_eq!(outcome, Formatted::Failed);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs, "the other edit is kept");
        // Unchanged in between: rewritten.
        assert_eq!(fmt_file(&path, false, || {}), Formatted::Rewritten);
        assert!(std::fs::read_to_string(&path).unwrap().contains("\n    title: \"Modifié par Léa\",\n"));
        assert_eq!(fmt_file(&path, false, || {}), Formatted::Canonical);
    }

    #[test]
    fn read_maps_are_rewritten_only_while_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        std::fs::write(&path, MESSY).unwrap();
        let read = ReadMap::read(&path).unwrap();
        assert_eq!(read.on_disk, OnDisk::Unchanged(ContentHash::of(MESSY.as_bytes())));
        std::fs::write(&path, format!("{MESSY}\n")).unwrap();
        let error = read.rewrite(&path, b"x").unwrap_err();
        assert!(matches!(error, FileError::ChangedOnDisk { .. }), "{error:?}");
        std::fs::write(&path, MESSY).unwrap();
        read.rewrite(&path, b"x").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"x");
    }

    #[test]
    fn new_files_without_force_never_replace_one_that_appeared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.ron");
        write_new(&path, b"first", false).unwrap();
        let error = write_new(&path, b"second", false).unwrap_err();
        assert!(matches!(error, FileError::ChangedOnDisk { .. }), "{error:?}");
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        write_new(&path, b"forced", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"forced");
    }
}
