//! Mermaid `journey` diagrams: a reader that accepts what mermaid 11 accepts, and a writer whose
//! output mermaid accepts and that reads back to the same stages, tasks and scores.
//!
//! Reading follows mermaid's own steps, in its order, so that every file behaves as it does there:
//!
//! 1. line breaks: CRLF and lone CR become LF (line numbers count CR as a line break);
//! 2. a YAML frontmatter (`---` … `---` at the very start) is removed; its `title:` is kept;
//! 3. `%%{init: …}%%` directives are removed;
//! 4. comment lines (`%%` after optional spaces) are removed, then leading blank space;
//! 5. the text must now start with `journey` (lower case: mermaid's detector is case-sensitive);
//! 6. entities such as `#58;` (`:`) or `#amp;` are protected, so their `#` and `;` are not syntax;
//! 7. the journey grammar's own lexer (case-insensitive keywords, first matching rule wins) and
//!    parser: `title`, `accTitle:`, `accDescr:` and `accDescr { … }`, `section`, task lines
//!    `Name: score: actor, actor`, `#` and `%%` comments.
//!
//! Error and warning lines are those of the file as given, not of the text after step 4.
//!
//! The parts: `preprocess` (steps 1–6), `lexer` and `parser` (step 7), `to_map` (journey → map)
//! and `writer` (map → journey text); here the journey types, the errors and the entry points.

mod lexer;
mod parser;
mod preprocess;
mod to_map;
mod writer;

use super::{Warning, seed_of};
use crate::model::Map;
use lexer::Lexer;
use parser::Parser;
use preprocess::preprocess;
pub use to_map::{scale, to_map};
pub use writer::write;

/// A journey diagram as mermaid's parser records it (text with entities decoded).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Journey {
    /// The `title` (or the frontmatter's `title:`), exactly as mermaid keeps it: not trimmed.
    pub title: String,
    /// The `accTitle:` (trimmed).
    pub acc_title: String,
    /// The `accDescr:` or `accDescr { … }` (trimmed).
    pub acc_descr: String,
    /// Section names in order; a name used twice gives two sections.
    pub sections: Vec<String>,
    /// Tasks in order.
    pub tasks: Vec<Task>,
}

/// One task line of a journey.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Task {
    /// The section it is in (empty before the first `section`).
    pub section: String,
    /// Index of its section in [`Journey::sections`]; `None` before the first `section`.
    pub section_index: Option<usize>,
    /// The task name as mermaid keeps it: spaces before the `:` are part of it.
    pub name: String,
    /// The score as mermaid reads it (JavaScript's `Number`): may be NaN, 0, 4.5 or 12.
    pub score: f64,
    /// The score as written.
    pub score_text: String,
    /// The actors, trimmed, as listed (may hold an empty name when the list ends with `,`).
    pub people: Vec<String>,
    /// 1-based line of the task in the file.
    pub line: usize,
}

impl Journey {
    /// The actors of the legend: every distinct person of every task, sorted (as mermaid does).
    pub fn actors(&self) -> Vec<String> {
        let mut actors: Vec<String> = self.tasks.iter().flat_map(|t| t.people.iter().cloned()).collect();
        actors.sort();
        actors.dedup();
        actors
    }
}

/// How strictly to read a diagram.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Also accept a YAML frontmatter whose `---` lines are indented (mermaid refuses it).
    pub lenient: bool,
}

/// Why a text could not be read as a journey diagram.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", location(*.line, *.column))]
pub struct MermaidError {
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// What is wrong and how to fix it, in plain words.
    pub message: String,
}

fn location(line: usize, column: Option<usize>) -> String {
    match column {
        Some(column) => format!("{line}:{column}"),
        None => line.to_string(),
    }
}

/// A map made from a diagram, with what was approximated on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The new map.
    pub map: Map,
    /// Score oddities, dropped text and the like, with their lines.
    pub warnings: Vec<Warning>,
}

/// Reads a journey diagram and makes a map of it: sections become stages, actors become personas
/// (each with a persona lane), each task a touchpoint card in the lane of each of its actors (or in
/// a shared "Tasks" lane when it has none), scores the emotions on a 1…5 scale. The same text
/// always gives the same map, ids included.
pub fn import(text: &str, options: Options) -> Result<Imported, MermaidError> {
    let (journey, mut warnings) = parse(text, options)?;
    let (map, more) = to_map(&journey, seed_of(text));
    // A diagram can hold more than a map may (a task name of a million characters): refuse
    // it here, as loading the saved map would.
    crate::model::limits::check(&map).map_err(|overflow| MermaidError {
        line: 1,
        column: None,
        message: format!("the diagram makes a map larger than Parcours allows: {overflow}"),
    })?;
    warnings.extend(more);
    warnings.sort_by_key(|w| w.line);
    Ok(Imported { map, warnings })
}

/// Reads a journey diagram as mermaid does. Warnings note what mermaid reads silently but
/// probably was not meant (an extra `:`, an empty actor name).
pub fn parse(text: &str, options: Options) -> Result<(Journey, Vec<Warning>), MermaidError> {
    let pre = preprocess(text, options)?;
    let mut parser = Parser {
        lexer: Lexer::new(&pre.text),
        pre: &pre,
        journey: Journey { title: pre.frontmatter_title.clone().unwrap_or_default(), ..Journey::default() },
        warnings: pre.warnings.clone(),
        section: None,
    };
    parser.run()?;
    Ok((parser.journey, parser.warnings))
}

/// The first fenced ```` ```mermaid ```` block of a Markdown text that holds a journey: the number
/// of lines before its content (add it to the diagram's line numbers), and the content.
pub fn journey_in_markdown(text: &str) -> Option<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let trimmed = line.trim_start();
        let fence: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
        let info = trimmed.get(fence.len()..).unwrap_or("").trim();
        if fence.len() >= 3 && info.split_whitespace().next() == Some("mermaid") {
            let end = (i + 1..lines.len())
                .find(|&j| lines.get(j).is_some_and(|l| l.trim().starts_with(fence.as_str())))
                .unwrap_or(lines.len());
            let body = lines.get(i + 1..end).unwrap_or_default();
            let is_journey = body.iter().any(|l| l.trim_start().starts_with("journey"));
            if is_journey {
                return Some((i + 1, body.join("\n")));
            }
            i = end;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests;
