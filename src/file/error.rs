//! What can go wrong reading or writing a map file, in words a user can act on.

use std::path::{Path, PathBuf};

/// An error reading or writing a map file. Messages start with `FILE:LINE:COLUMN:` when a place
/// in the file is known, like a compiler's.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is bigger than any real map.
    #[error(
        "{}: the file is {size} bytes, more than the {limit}-byte ({} MiB) limit for a map; is it really a map file? (split a map that large into several)",
        path.display(), .limit / (1024 * 1024)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The map holds more than Parcours allows (a text too long, too many cards); saving refuses
    /// it, since loading would.
    #[error("{}: the map was not saved: {overflow}", path.display())]
    OverLimit {
        /// The file.
        path: PathBuf,
        /// What is over which cap.
        overflow: crate::model::limits::Overflow,
    },
    /// The path names a directory, a FIFO, a device or a socket, not a file.
    #[error("{}: this is {what}, not a file; name a map file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is instead ("a directory", "a FIFO (named pipe)"…).
        what: &'static str,
    },
    /// The file is empty or only whitespace.
    #[error("{}: the file is empty; a map starts with `(` and a `version: 1,` line", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The bytes are not UTF-8 text.
    #[error("{}:{line}:{column}: the file is not UTF-8 text (invalid byte 0x{byte:02x}); save it as UTF-8", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
        /// The first bad byte.
        byte: u8,
    },
    /// The text is not a valid map.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was expected, in plain words.
        message: String,
    },
    /// The file was written by a newer Parcours.
    #[error(
        "{}: this map is format version {found}, newer than the version {supported} this Parcours reads; update Parcours to open it",
        path.display()
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The version field holds no known version.
    #[error("{}: `version: {found}` is not a format version of Parcours (the first is 1)", path.display())]
    BadVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
    },
    /// The file changed on disk since it was read (someone else saved it, a `git pull`), so it
    /// was not overwritten.
    #[error(
        "{}: the file changed on disk since it was read; it was left as it is (merge the change, save under another name, or overwrite it on purpose)",
        path.display()
    )]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// An old file could not be upgraded.
    #[error("{}: could not upgrade the map from format version {from}: {message}", path.display())]
    Migration {
        /// The file.
        path: PathBuf,
        /// The version the failing step started from.
        from: u32,
        /// What went wrong.
        message: String,
    },
}

impl FileError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::TooLarge { path, .. }
            | Self::OverLimit { path, .. }
            | Self::Empty { path }
            | Self::NotUtf8 { path, .. }
            | Self::Syntax { path, .. }
            | Self::NewerVersion { path, .. }
            | Self::BadVersion { path, .. }
            | Self::Migration { path, .. }
            | Self::ChangedOnDisk { path }
            | Self::NotAFile { path, .. } => path,
        }
    }

    /// Where the error is: `FILE` or `FILE:LINE:COLUMN`.
    pub fn location(&self) -> String {
        match self.position() {
            Some((line, column)) => format!("{}:{line}:{column}", self.path().display()),
            None => self.path().display().to_string(),
        }
    }

    /// The message without its location.
    pub fn reason(&self) -> String {
        let full = self.to_string();
        let prefix = format!("{}: ", self.location());
        full.strip_prefix(&prefix).map_or_else(|| full.clone(), str::to_owned)
    }

    /// Line and column (1-based) of the error, when it points at a place in the file.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Self::NotUtf8 { line, column, .. } | Self::Syntax { line, column, .. } => Some((*line, *column)),
            Self::Io { .. }
            | Self::TooLarge { .. }
            | Self::OverLimit { .. }
            | Self::Empty { .. }
            | Self::NewerVersion { .. }
            | Self::BadVersion { .. }
            | Self::Migration { .. }
            | Self::ChangedOnDisk { .. }
            | Self::NotAFile { .. } => None,
        }
    }

    pub(super) fn syntax(path: &Path, text: &str, error: &ron::error::SpannedError) -> Self {
        let mut line = error.span.start.line.max(1);
        let mut column = error.span.start.col.max(1);
        if matches!(error.code, ron::Error::Eof) {
            // RON reports the end of the text; point at the last character instead of past it.
            line = text.lines().count().max(1);
            column = text.lines().last().map_or(1, |l| l.chars().count().max(1));
        } else {
            // RON points at the whitespace before the offending token; point at the token.
            (line, column) = skip_whitespace(text, line, column);
        }
        Self::Syntax { path: path.to_owned(), line, column, message: plain(&error.code) }
    }

    pub(super) fn not_utf8(path: &Path, bytes: &[u8], error: std::str::Utf8Error) -> Self {
        let good = bytes.get(..error.valid_up_to()).unwrap_or_default();
        let good = std::str::from_utf8(good).unwrap_or_default();
        let line = 1 + good.matches('\n').count();
        let column = 1 + good.rsplit('\n').next().map_or(0, |l| l.chars().count());
        let byte = bytes.get(error.valid_up_to()).copied().unwrap_or_default();
        Self::NotUtf8 { path: path.to_owned(), line, column, byte }
    }
}

/// Moves a 1-based (line, column) forward over whitespace to the next token; stays put when
/// only whitespace follows.
fn skip_whitespace(text: &str, line: usize, column: usize) -> (usize, usize) {
    let mut lines = text.split('\n').skip(line.saturating_sub(1));
    let Some(first) = lines.next() else { return (line, column) };
    let (mut at_line, mut at_column) = (line, column);
    let mut rest: Box<dyn Iterator<Item = char>> = Box::new(first.chars().skip(column.saturating_sub(1)));
    loop {
        for c in rest {
            if !c.is_whitespace() {
                return (at_line, at_column);
            }
            at_column += 1;
        }
        let Some(next) = lines.next() else { return (line, column) };
        at_line += 1;
        at_column = 1;
        rest = Box::new(next.chars());
    }
}

/// Says what the parser expected in plain words, with the element it was reading.
fn plain(error: &ron::Error) -> String {
    use ron::Error as E;
    let within = |outer: &Option<String>| match outer.as_deref() {
        Some(name) => format!(" in {}", element_name(name)),
        None => String::new(),
    };
    match error {
        E::Eof => "the file ends too early: a `)` or `]` is missing, or the file was cut off".into(),
        E::ExpectedComma => {
            "expected a `,` before this (fields and list items are separated by commas)".into()
        }
        E::ExpectedArray => "expected a list starting with `[`".into(),
        E::ExpectedArrayEnd => "expected `]` to close the list (or a `,` before the next item)".into(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "expected `(` to start a group of fields".into()
        }
        E::ExpectedStructLikeEnd => {
            "expected `)` to close the group of fields (or a `,` before the next field)".into()
        }
        E::ExpectedMap => "expected `{` to start the emotion labels".into(),
        E::ExpectedMapEnd => "expected `}` to close the labels".into(),
        E::ExpectedMapColon => "expected `:` between a level and its label".into(),
        E::ExpectedString | E::ExpectedStringEnd => "expected text in double quotes, like \"Achat\"".into(),
        E::ExpectedInteger => "expected a whole number".into(),
        E::ExpectedFloat => "expected a number".into(),
        E::ExpectedBoolean => "expected `true` or `false`".into(),
        E::ExpectedOption => "expected `None` or `Some(…)`".into(),
        E::ExpectedOptionEnd => "expected `)` to close `Some(…)`".into(),
        E::ExpectedIdentifier => "expected a field name".into(),
        E::IntegerOutOfBounds => "this number is too large or negative where it cannot be".into(),
        E::TrailingCharacters => "unexpected text after the end of the map".into(),
        E::UnexpectedChar(c) => format!("unexpected character {c:?}"),
        E::ExceededRecursionLimit => "the file is nested too deeply to be a map".into(),
        E::UnclosedBlockComment => "a `/*` comment is never closed".into(),
        E::InvalidEscape(what) => format!("invalid escape in text ({what})"),
        E::NoSuchStructField { expected, found, outer } => {
            format!("unknown field `{found}`{}; expected one of: {}", within(outer), expected.join(", "))
        }
        E::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", within(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!("field `{field}` is written twice{}", within(outer))
        }
        E::NoSuchEnumVariant { expected, found, outer } => {
            format!("unknown value `{found}`{}; expected one of: {}", within(outer), expected.join(", "))
        }
        E::InvalidValueForType { expected, found } => format!("expected {expected}, found {found}"),
        E::Message(message) => message.clone(),
        other => other.to_string(),
    }
}

/// The user's word for a model type named in a parser message.
fn element_name(type_name: &str) -> String {
    match type_name {
        "Map" => "the map".into(),
        "Stage" => "a stage".into(),
        "Persona" => "a persona".into(),
        "Lane" => "a lane".into(),
        "Card" => "a card".into(),
        "Metrics" => "stage metrics".into(),
        "CustomMetric" => "a custom metric".into(),
        "EmotionScale" => "the emotion scale".into(),
        "Conflict" => "a conflict".into(),
        "LaneKind" => "a lane kind".into(),
        "CardKind" => "a card kind".into(),
        "Channel" => "a channel".into(),
        "Presence" => "presence".into(),
        other => format!("`{other}`"),
    }
}
