//! `parcours import`: the file side of [`crate::interop`] (its exports go through `cli::export`).

use super::{ReadMap, already_exists, report_file_error, usage_error, write_new};
use crate::file::{self, FileError};
use crate::interop::{Format, Warning, csv, mermaid};
use crate::model::Map;
use std::path::Path;
use std::process::ExitCode;

fn print_warnings(path: &Path, warnings: &[Warning]) {
    for warning in warnings {
        match warning.line {
            Some(line) => eprintln!("{}:{line}: warning: {}", path.display(), warning.message),
            None => eprintln!("{}: warning: {}", path.display(), warning.message),
        }
    }
}

fn summary(map: &Map) -> String {
    format!("{} stage(s), {} persona(s), {} card(s)", map.stages.len(), map.personas.len(), map.cards.len())
}

/// `parcours import FILE (-o NEW.ron | --into MAP.ron)`.
pub fn import(
    input: &Path,
    output: Option<&Path>,
    into: Option<&Path>,
    force: bool,
    lenient: bool,
) -> ExitCode {
    let extension =
        input.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let kind = match extension.as_str() {
        "mmd" | "mermaid" | "md" | "markdown" => Format::Mermaid,
        "csv" => Format::Csv,
        _ => {
            return usage_error(
                &format!("unknown import format for {}", input.display()),
                "import reads .mmd or .mermaid (a Mermaid journey), .md (the first Mermaid journey in a \
                 Markdown file) and .csv (cards, with --into MAP.ron)",
            );
        }
    };
    match (kind, output, into) {
        (_, Some(_), Some(_)) => usage_error("-o and --into cannot be used together", "choose one"),
        (Format::Csv, Some(_), None) => usage_error(
            "cards from a CSV file need a map to go into (its stages and lanes)",
            "parcours import cards.csv --into MAP.ron",
        ),
        (Format::Csv, None, Some(map)) => import_csv(input, map, || {}),
        (_, None, Some(_)) => usage_error(
            "a Mermaid journey makes a new map; it cannot be merged into one",
            "parcours import journey.mmd -o NEW.ron",
        ),
        (_, Some(output), None) => {
            let markdown = matches!(extension.as_str(), "md" | "markdown");
            import_mermaid(input, output, force, lenient, markdown)
        }
        (_, None, None) => usage_error(
            "say where the result goes",
            "parcours import journey.mmd -o NEW.ron, or parcours import cards.csv --into MAP.ron",
        ),
    }
}

fn import_mermaid(input: &Path, output: &Path, force: bool, lenient: bool, markdown: bool) -> ExitCode {
    if output.exists() && !force {
        return already_exists(output);
    }
    let text = match file::read_text(input) {
        Ok(text) => text,
        Err(error) => {
            report_file_error(&error);
            return ExitCode::from(2);
        }
    };
    let (offset, diagram) = if markdown {
        let Some(found) = mermaid::journey_in_markdown(&text) else {
            eprintln!("{}: error: no ```mermaid block holding a journey was found", input.display());
            return ExitCode::from(2);
        };
        found
    } else {
        (0, text)
    };
    let imported = match mermaid::import(&diagram, mermaid::Options { lenient }) {
        Ok(imported) => imported,
        Err(error) => {
            let place = match error.column {
                Some(column) => format!("{}:{column}", error.line + offset),
                None => (error.line + offset).to_string(),
            };
            eprintln!("{}:{place}: error: {}", input.display(), error.message);
            return ExitCode::from(2);
        }
    };
    let warnings: Vec<Warning> = imported
        .warnings
        .into_iter()
        .map(|w| Warning { line: w.line.map(|l| l + offset), message: w.message })
        .collect();
    print_warnings(input, &warnings);
    match write_new(output, file::to_string(&imported.map).as_bytes(), force) {
        Ok(()) => {}
        Err(FileError::ChangedOnDisk { .. }) => return already_exists(output),
        Err(error) => {
            report_file_error(&error);
            return ExitCode::from(2);
        }
    }
    println!("{}: new map from {} ({})", output.display(), input.display(), summary(&imported.map));
    ExitCode::SUCCESS
}

/// `import CARDS.csv --into MAP.ron`. `before_write` runs between reading the map and rewriting
/// it (a no-op, except in the tests that change the file there).
fn import_csv(input: &Path, map_path: &Path, before_write: impl FnOnce()) -> ExitCode {
    let loaded = file::read_text(input).and_then(|text| Ok((text, ReadMap::read(map_path)?)));
    let (text, read) = match loaded {
        Ok(pair) => pair,
        Err(error) => {
            report_file_error(&error);
            return ExitCode::from(2);
        }
    };
    let imported = match csv::import_into(&read.map, &text) {
        Ok(imported) => imported,
        Err(error) => {
            for problem in &error.problems {
                if problem.row == 0 {
                    eprintln!("{}: error: {}", input.display(), problem.message);
                } else {
                    eprintln!("{}:{}: error: {}", input.display(), problem.row, problem.message);
                }
            }
            eprintln!(
                "{} bad row(s): nothing was imported, {} is unchanged",
                error.problems.len(),
                map_path.display()
            );
            return ExitCode::from(2);
        }
    };
    print_warnings(input, &imported.warnings);
    before_write();
    if let Err(error) = read.rewrite(map_path, file::to_string(&imported.map).as_bytes()) {
        report_file_error(&error);
        return ExitCode::from(2);
    }
    println!(
        "{}: {} card(s) updated, {} added from {}",
        map_path.display(),
        imported.updated,
        imported.added,
        input.display()
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "(\n    version: 1,\n    title: \"Boutique\",\n    stages: [(id: \"s-1\", name: \"Achat\")],\n    personas: [(id: \"p-lea\", name: \"Léa\")],\n    lanes: [(id: \"l-lea\", kind: Persona(\"p-lea\"))],\n)\n";

    #[test]
    fn csv_import_leaves_a_map_that_changed_after_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let (map, cards) = (dir.path().join("map.ron"), dir.path().join("cards.csv"));
        std::fs::write(&map, MAP).unwrap();
        std::fs::write(&cards, "stage,lane,title\nAchat,Léa,Paiement\n").unwrap();
        let theirs = MAP.replace("Boutique", "Boutique (revue par Marc)");
        let code = import_csv(&cards, &map, || std::fs::write(&map, &theirs).unwrap());
        assert_eq!(code, ExitCode::from(2));
        assert_eq!(std::fs::read_to_string(&map).unwrap(), theirs);
        // Unchanged in between: the card goes in.
        assert_eq!(import_csv(&cards, &map, || {}), ExitCode::SUCCESS);
        let imported = file::load(&map).unwrap();
        assert_eq!((imported.title.as_str(), imported.cards.len()), ("Boutique (revue par Marc)", 1));
    }
}
