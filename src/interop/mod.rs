//! Interchange with other tools: Mermaid `journey` diagrams, CSV cards and a text narrative.
//!
//! Pure functions on text and [`Map`]: no IO here; the CLI (and later the designer) reads and
//! writes the files. Importers return their warnings as data ([`Warning`], with line numbers) and
//! fail with a typed error naming the line; exporters cannot fail.

pub mod csv;
pub mod mermaid;
pub mod narrative;

use crate::model::Map;
use std::fmt;
use std::path::Path;

/// Something doubtful found while importing or exporting, that did not stop it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line (Mermaid) or row (CSV) of the input it is about; `None` for the whole text
    /// or for an export.
    pub line: Option<usize>,
    /// What happened and what was done about it, in plain words.
    pub message: String,
}

impl Warning {
    /// A warning about one line (or row) of the input.
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        Self { line: Some(line), message: message.into() }
    }

    /// A warning about the whole input or output.
    pub fn general(message: impl Into<String>) -> Self {
        Self { line: None, message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{line}: warning: {}", self.message),
            None => write!(f, "warning: {}", self.message),
        }
    }
}

/// A text format Parcours can export a map to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A Mermaid `journey` diagram (`.mmd`).
    Mermaid,
    /// One row per card, for spreadsheets (`.csv`).
    Csv,
    /// The journey told as Markdown text (`.md`).
    Narrative,
}

impl Format {
    /// Every text format, in the order they are listed to users.
    pub const ALL: [Self; 3] = [Self::Mermaid, Self::Csv, Self::Narrative];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Mermaid => "mmd",
            Self::Csv => "csv",
            Self::Narrative => "md",
        }
    }

    /// What the format is, for `--help` and hints.
    pub fn summary(self) -> &'static str {
        match self {
            Self::Mermaid => "Mermaid journey diagram",
            Self::Csv => "cards as CSV, one row per card",
            Self::Narrative => "the journey told as Markdown text",
        }
    }

    /// The format of a file name, from its extension (case-insensitive); `.mermaid` is Mermaid too.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "mmd" | "mermaid" => Some(Self::Mermaid),
            "csv" => Some(Self::Csv),
            "md" | "markdown" => Some(Self::Narrative),
            _ => None,
        }
    }
}

/// The text of an export, with what could not be carried over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextExport {
    /// The exported text (UTF-8; the CSV starts with a byte-order mark for Excel).
    pub text: String,
    /// What was left out or approximated.
    pub warnings: Vec<Warning>,
}

/// Exports a map to one of the text formats.
pub fn export_text(map: &Map, format: Format) -> TextExport {
    match format {
        Format::Mermaid => mermaid::write(map),
        Format::Csv => TextExport { text: csv::write(map), warnings: Vec::new() },
        Format::Narrative => TextExport { text: narrative::write(map), warnings: Vec::new() },
    }
}

/// A 64-bit FNV-1a hash of a text: seeds the id generator of an import, so that the same input
/// always gives the same ids.
pub(crate) fn seed_of(text: &str) -> u64 {
    crate::hash::fnv1a(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        assert_eq!(Format::from_path(Path::new("a/b.MMD")), Some(Format::Mermaid));
        assert_eq!(Format::from_path(Path::new("b.mermaid")), Some(Format::Mermaid));
        assert_eq!(Format::from_path(Path::new("cards.csv")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("story.md")), Some(Format::Narrative));
        assert_eq!(Format::from_path(Path::new("poster.pdf")), None);
        assert_eq!(Format::from_path(Path::new("noext")), None);
        for format in Format::ALL {
            let name = format!("x.{}", format.extension());
            assert_eq!(Format::from_path(Path::new(&name)), Some(format));
        }
    }

    #[test]
    fn warnings_display_like_a_compiler() {
        assert_eq!(Warning::at(4, "odd").to_string(), "4: warning: odd");
        assert_eq!(Warning::general("odd").to_string(), "warning: odd");
    }

    #[test]
    fn seed_is_stable() {
        assert_eq!(seed_of(""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(seed_of("a"), seed_of("b"));
    }
}
