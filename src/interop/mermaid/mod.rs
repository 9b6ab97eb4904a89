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

use super::{TextExport, Warning, seed_of};
use crate::model::{
    Card, CardKind, EmotionScale, Id, IdGen, IdKind, Lane, LaneKind, Map, Metrics, Persona, Stage,
};
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

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

// ---------------------------------------------------------------------------------------------
// Steps 1–6: the text mermaid hands to the journey parser, with the file line of each of its lines.

/// Opens an entity protected in step 6 (stands for `#`).
const ENTITY_OPEN: char = '\u{e000}';
/// Closes an entity protected in step 6 (stands for `;`).
const ENTITY_CLOSE: char = '\u{e001}';

struct Preprocessed {
    text: String,
    /// File line (1-based) of each line of `text`.
    lines: Vec<usize>,
    /// Byte offset in `text` where each of its lines starts.
    starts: Vec<usize>,
    frontmatter_title: Option<String>,
    warnings: Vec<Warning>,
}

impl Preprocessed {
    /// File line and column (1-based) of a byte offset of `text`.
    fn place(&self, offset: usize) -> (usize, usize) {
        let index = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let start = self.starts.get(index).copied().unwrap_or(0);
        let column = self.text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (self.lines.get(index).copied().unwrap_or(index + 1), column)
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> MermaidError {
        let (line, column) = self.place(offset);
        MermaidError { line, column: Some(column), message: message.into() }
    }
}

/// JavaScript's `\s`: what mermaid's regular expressions count as white space.
fn js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

fn is_blank(line: &str) -> bool {
    line.chars().all(js_space)
}

/// A `---` line of a frontmatter: three dashes, then only white space.
fn is_fence(line: &str) -> bool {
    line.strip_prefix("---").is_some_and(is_blank)
}

fn preprocess(text: &str, options: Options) -> Result<Preprocessed, MermaidError> {
    // Step 1: line breaks. A byte-order mark is dropped first (mermaid would then refuse a
    // frontmatter, which is not what anyone means).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<(usize, &str)> = text.split('\n').enumerate().map(|(i, l)| (i + 1, l)).collect();
    let mut warnings = Vec::new();

    // Step 2: frontmatter, which must start at the very first character.
    let mut frontmatter_title = None;
    let first_is_fence = lines.first().is_some_and(|(_, l)| is_fence(l));
    let closing = if first_is_fence {
        // The closing `---` must be followed by a line break, and cannot be the next line.
        (2..lines.len().saturating_sub(1)).find(|&j| lines.get(j).is_some_and(|(_, l)| is_fence(l)))
    } else {
        None
    };
    if let Some(closing) = closing {
        frontmatter_title = yaml_title(lines.get(1..closing).unwrap_or_default().iter().map(|(_, l)| *l));
        lines.drain(..=closing);
    } else if options.lenient {
        // An indented frontmatter: mermaid refuses it; --lenient reads it as if it were not indented.
        let start = lines.iter().position(|(_, l)| !is_blank(l));
        if let Some(start) = start
            && lines.get(start).is_some_and(|(_, l)| is_fence(l.trim_start_matches(js_space)))
        {
            let close = (start + 1..lines.len())
                .find(|&j| lines.get(j).is_some_and(|(_, l)| is_fence(l.trim_start_matches(js_space))));
            if let Some(close) = close {
                let body = lines.get(start + 1..close).unwrap_or_default();
                let indent =
                    body.iter().filter(|(_, l)| !is_blank(l)).map(|(_, l)| indentation(l)).min().unwrap_or(0);
                let dedented: Vec<&str> = body.iter().map(|(_, l)| l.get(indent..).unwrap_or("")).collect();
                frontmatter_title = yaml_title(dedented.into_iter());
                let line = lines.get(start).map_or(1, |(n, _)| *n);
                warnings.push(Warning::at(
                    line,
                    "the frontmatter is indented, which mermaid refuses; read anyway (--lenient)",
                ));
                lines.drain(..=close);
            }
        }
    }

    // Step 3: directives, `%%{ … }%%`, possibly over several lines (their line breaks are kept).
    let mut joined = String::with_capacity(text.len());
    let mut numbers = Vec::with_capacity(lines.len());
    for (i, (number, line)) in lines.iter().enumerate() {
        if i > 0 {
            joined.push('\n');
        }
        joined.push_str(line);
        numbers.push(*number);
    }
    let joined = remove_directives(&joined);

    // Step 4: comment lines, then leading blank space.
    let mut kept: Vec<(usize, &str)> = Vec::with_capacity(numbers.len());
    for (i, line) in joined.split('\n').enumerate() {
        let number = numbers.get(i).copied().unwrap_or(i + 1);
        let rest = line.trim_start_matches(js_space);
        if rest.starts_with("%%") && !rest.starts_with("%%{") && rest.len() > 2 {
            continue;
        }
        kept.push((number, line));
    }
    let first = kept.iter().position(|(_, l)| !is_blank(l)).unwrap_or(kept.len());
    let kept = kept.get(first..).unwrap_or_default();
    let mut out = String::with_capacity(joined.len());
    let mut out_lines = Vec::with_capacity(kept.len());
    for (i, (number, line)) in kept.iter().enumerate() {
        if i == 0 {
            out.push_str(line.trim_start_matches(js_space));
        } else {
            out.push('\n');
            out.push_str(line);
        }
        out_lines.push(*number);
    }

    // Step 5: the diagram type.
    let first_line = out_lines.first().copied().unwrap_or(1);
    if out.starts_with("---") {
        return Err(MermaidError {
            line: first_line,
            column: None,
            message: "a diagram cannot begin with `---`: the `---` lines of a YAML frontmatter must start \
                      at the beginning of the line, with nothing before the first one (mermaid refuses \
                      this file); remove the indentation, or import with --lenient"
                .into(),
        });
    }
    if !out.starts_with("journey") {
        let found: String = out.split('\n').next().unwrap_or("").chars().take(40).collect();
        let message = if out.is_empty() {
            "the file holds no diagram: a journey starts with the line `journey`".to_owned()
        } else if found.to_lowercase().starts_with("journey") {
            format!("`{found}`: the keyword `journey` must be written in lower case")
        } else {
            format!(
                "this is not a Mermaid journey diagram: it starts with `{found}`; a journey starts with the \
                 line `journey`"
            )
        };
        return Err(MermaidError { line: first_line, column: Some(1), message });
    }

    // Step 6: entities.
    let out = protect_entities(&out);
    let starts = std::iter::once(0).chain(out.match_indices('\n').map(|(i, _)| i + 1)).collect();
    Ok(Preprocessed { text: out, lines: out_lines, starts, frontmatter_title, warnings })
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(js_space).len()
}

/// The top-level `title:` of a YAML frontmatter (plain, single- or double-quoted).
fn yaml_title<'a>(lines: impl Iterator<Item = &'a str>) -> Option<String> {
    for line in lines {
        let Some(rest) = line.strip_prefix("title") else { continue };
        let Some(value) = rest.trim_start_matches([' ', '\t']).strip_prefix(':') else { continue };
        let value = value.trim();
        let title = if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            inner.replace("\\\"", "\"").replace("\\\\", "\\")
        } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
            inner.replace("''", "'")
        } else {
            // A plain scalar ends at a ` #` comment.
            value.split(" #").next().unwrap_or("").trim_end().to_owned()
        };
        return (!title.is_empty()).then_some(title);
    }
    None
}

/// Removes `%%{word …}%%` directives (to the end of the text when not closed), keeping their
/// line breaks so that line numbers stay right.
fn remove_directives(text: &str) -> String {
    if !text.contains("%%{") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("%%{") {
        let after = rest.get(start + 3..).unwrap_or("");
        let body = after.trim_start_matches(js_space);
        if !body.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            out.push_str(rest.get(..start + 3).unwrap_or(""));
            rest = after;
            continue;
        }
        out.push_str(rest.get(..start).unwrap_or(""));
        let end = after.find("}%%").map_or(after.len(), |i| i + 3);
        let removed = after.get(..end).unwrap_or(after);
        out.extend(std::iter::repeat_n('\n', removed.matches('\n').count()));
        rest = after.get(end..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Replaces each `#name;` by private-use marks around `name`, as mermaid does before parsing.
fn protect_entities(text: &str) -> String {
    if !text.contains('#') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(hash) = rest.find('#') {
        out.push_str(rest.get(..hash).unwrap_or(""));
        let after = rest.get(hash + 1..).unwrap_or("");
        let word =
            after.len() - after.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_').len();
        if word > 0 && after.get(word..).is_some_and(|s| s.starts_with(';')) {
            out.push(ENTITY_OPEN);
            out.push_str(after.get(..word).unwrap_or(""));
            out.push(ENTITY_CLOSE);
            rest = after.get(word + 1..).unwrap_or("");
        } else {
            out.push('#');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Turns protected entities into the characters a browser shows: `#58;` is `:`, `#amp;` is `&`.
/// Unknown names are shown as mermaid's output shows them, `&name;`.
fn decode_entities(text: &str) -> String {
    if !text.contains(ENTITY_OPEN) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(ENTITY_OPEN) {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + ENTITY_OPEN.len_utf8()..).unwrap_or("");
        let Some(close) = after.find(ENTITY_CLOSE) else {
            out.push_str(after);
            return out;
        };
        let name = after.get(..close).unwrap_or("");
        if let Some(c) = entity_char(name) {
            out.push(c);
        } else {
            out.push('&');
            out.push_str(name);
            out.push(';');
        }
        rest = after.get(close + ENTITY_CLOSE.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

fn entity_char(name: &str) -> Option<char> {
    if name.bytes().all(|b| b.is_ascii_digit()) {
        return name.parse::<u32>().ok().and_then(char::from_u32);
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "colon" => ':',
        "semi" => ';',
        "num" => '#',
        "comma" => ',',
        "percnt" => '%',
        "lbrace" => '{',
        "rbrace" => '}',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "euro" => '€',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "middot" => '·',
        "ndash" => '–',
        "mdash" => '—',
        _ => return None,
    };
    Some(c)
}

// ---------------------------------------------------------------------------------------------
// Step 7: the lexer of `journey.jison`: rules tried in order, the first that matches wins.

#[derive(Clone, Debug, PartialEq)]
enum Token<'a> {
    Newline,
    Journey,
    Title(&'a str),
    AccTitle,
    AccDescr,
    AccValue(&'a str),
    AccDescrBlock(&'a str),
    Section(&'a str),
    TaskName(&'a str),
    TaskData(&'a str),
    Colon,
    Invalid(char),
    Eof,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LexState {
    Initial,
    AccValue,
    AccDescrBlock,
}

struct Lexer<'a> {
    text: &'a str,
    at: usize,
    state: LexState,
    /// Set when an `accDescr {` block reached the end of the text unclosed.
    unclosed_block: Option<usize>,
}

/// Length of the longest prefix of `s` whose characters satisfy `keep`.
fn span(s: &str, keep: impl Fn(char) -> bool) -> usize {
    s.find(|c: char| !keep(c)).unwrap_or(s.len())
}

/// `keyword` at the start of `s`, in any case (the lexer is case-insensitive).
fn starts_with_keyword(s: &str, keyword: &str) -> bool {
    s.get(..keyword.len()).is_some_and(|head| head.eq_ignore_ascii_case(keyword))
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0, state: LexState::Initial, unclosed_block: None }
    }

    /// The next token and the offset where it starts.
    fn next(&mut self) -> (usize, Token<'a>) {
        loop {
            let start = self.at;
            let rest = self.text.get(start..).unwrap_or("");
            match self.state {
                LexState::AccValue => {
                    self.state = LexState::Initial;
                    let len = span(rest, |c| c != '\n');
                    self.at += len;
                    return (start, Token::AccValue(rest.get(..len).unwrap_or("")));
                }
                LexState::AccDescrBlock => {
                    if rest.is_empty() {
                        self.unclosed_block.get_or_insert(start);
                        self.state = LexState::Initial;
                        continue;
                    }
                    if rest.starts_with('}') {
                        self.at += 1;
                        self.state = LexState::Initial;
                        continue;
                    }
                    let len = span(rest, |c| c != '}');
                    self.at += len;
                    return (start, Token::AccDescrBlock(rest.get(..len).unwrap_or("")));
                }
                LexState::Initial => {}
            }
            if let Some(token) = self.initial(rest) {
                return (start, token);
            }
        }
    }

    /// One rule of the initial state; `None` when the rule skipped text (a comment, spaces).
    fn initial(&mut self, rest: &'a str) -> Option<Token<'a>> {
        let mut chars = rest.chars();
        let Some(first) = chars.next() else { return Some(Token::Eof) };
        let line_end = |from: usize| from + span(rest.get(from..).unwrap_or(""), |c| c != '\n');
        // `%%(?!\{)[^\n]*` and `[^\}]%%[^\n]*`: comments.
        if rest.starts_with("%%") && !rest.get(2..).is_some_and(|s| s.starts_with('{')) {
            self.at += line_end(0);
            return None;
        }
        if first != '}' && chars.as_str().starts_with("%%") {
            self.at += line_end(first.len_utf8() + 2);
            return None;
        }
        // `[\n]+`, then `\s+`.
        if first == '\n' {
            self.at += span(rest, |c| c == '\n');
            return Some(Token::Newline);
        }
        if js_space(first) {
            self.at += span(rest, js_space);
            return None;
        }
        // `\#[^\n]*`: a comment.
        if first == '#' {
            self.at += line_end(0);
            return None;
        }
        if starts_with_keyword(rest, "journey") {
            self.at += "journey".len();
            return Some(Token::Journey);
        }
        // `title\s[^#\n;]+`
        if let Some((len, text)) = keyword_then_text(rest, "title", "#\n;") {
            self.at += len;
            return Some(Token::Title(rest.get(text..len).unwrap_or("")));
        }
        // `accTitle\s*:\s*`, `accDescr\s*:\s*`, `accDescr\s*\{\s*`
        for (keyword, mark, token, state) in [
            ("acctitle", ':', Some(Token::AccTitle), LexState::AccValue),
            ("accdescr", ':', Some(Token::AccDescr), LexState::AccValue),
            ("accdescr", '{', None, LexState::AccDescrBlock),
        ] {
            if !starts_with_keyword(rest, keyword) {
                continue;
            }
            let after = rest.get(keyword.len()..).unwrap_or("");
            let spaces = span(after, js_space);
            if after.get(spaces..).is_some_and(|s| s.starts_with(mark)) {
                let tail = after.get(spaces + 1..).unwrap_or("");
                self.at += keyword.len() + spaces + 1 + span(tail, js_space);
                self.state = state;
                return token;
            }
        }
        // `section\s[^#:\n;]+`
        if let Some((len, text)) = keyword_then_text(rest, "section", "#:\n;") {
            self.at += len;
            return Some(Token::Section(rest.get(text..len).unwrap_or("")));
        }
        // `[^#:\n;]+`
        let name = span(rest, |c| !matches!(c, '#' | ':' | '\n' | ';'));
        if name > 0 {
            self.at += name;
            return Some(Token::TaskName(rest.get(..name).unwrap_or("")));
        }
        // `:[^#\n;]+`, then `:`
        if first == ':' {
            let data = span(chars.as_str(), |c| !matches!(c, '#' | '\n' | ';'));
            self.at += 1 + data;
            return Some(if data > 0 {
                Token::TaskData(rest.get(..1 + data).unwrap_or(""))
            } else {
                Token::Colon
            });
        }
        self.at += first.len_utf8();
        Some(Token::Invalid(first))
    }
}

/// `keyword\s[^stop]+` at the start of `rest`: its length and where its text starts.
fn keyword_then_text(rest: &str, keyword: &str, stop: &str) -> Option<(usize, usize)> {
    if !starts_with_keyword(rest, keyword) {
        return None;
    }
    let after = rest.get(keyword.len()..)?;
    let space = after.chars().next().filter(|c| js_space(*c))?;
    let start = keyword.len() + space.len_utf8();
    let len = span(rest.get(start..)?, |c| !stop.contains(c));
    (len > 0).then_some((start + len, start))
}

// ---------------------------------------------------------------------------------------------
// The grammar: `journey` then any number of statements and line breaks.

struct Parser<'a> {
    lexer: Lexer<'a>,
    pre: &'a Preprocessed,
    journey: Journey,
    warnings: Vec<Warning>,
    section: Option<usize>,
}

/// A short quote of source text for messages.
fn quote(text: &str) -> String {
    let text = decode_entities(text.trim());
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() { format!("{short}…") } else { short }
}

impl Parser<'_> {
    fn run(&mut self) -> Result<(), MermaidError> {
        let (at, first) = self.lexer.next();
        if first != Token::Journey {
            return Err(self.pre.error(at, "a journey starts with the line `journey`"));
        }
        loop {
            let (at, token) = self.lexer.next();
            match token {
                Token::Eof => break,
                Token::Newline | Token::AccValue(_) => {}
                Token::Title(text) => self.journey.title = decode_entities(text),
                Token::AccTitle => {
                    if let (_, Token::AccValue(value)) = self.lexer.next() {
                        self.journey.acc_title = decode_entities(value.trim_matches(js_space));
                    }
                }
                Token::AccDescr => {
                    if let (_, Token::AccValue(value)) = self.lexer.next() {
                        self.journey.acc_descr = decode_entities(value.trim_matches(js_space));
                    }
                }
                Token::AccDescrBlock(value) => {
                    self.journey.acc_descr = decode_entities(value.trim_matches(js_space));
                }
                Token::Section(name) => {
                    self.section = Some(self.journey.sections.len());
                    self.journey.sections.push(decode_entities(name));
                }
                Token::TaskName(name) => {
                    let (data_at, data) = self.lexer.next();
                    let Token::TaskData(data) = data else {
                        return Err(self.pre.error(
                            data_at,
                            format!(
                                "the task `{}` needs a score after a `:`, as in `{}: 5: Me`",
                                quote(name),
                                quote(name)
                            ),
                        ));
                    };
                    self.task(at, name, data);
                }
                Token::TaskData(data) => return Err(self.unexpected_data(at, data)),
                Token::Colon => {
                    return Err(self
                        .pre
                        .error(at, "a `:` must be followed by a score, as in `Make tea: 5: Me`"));
                }
                Token::Journey => {
                    return Err(self.pre.error(
                        at,
                        "`journey` may only appear once, as the first word; a task or section name \
                         cannot start with it (write its first letter as an entity, e.g. `#74;ourney`)",
                    ));
                }
                Token::Invalid(c) => {
                    let message = if c == ';' {
                        "a `;` is not allowed in a journey; write it as the entity `#59;`".to_owned()
                    } else {
                        format!("unexpected character `{c}`")
                    };
                    return Err(self.pre.error(at, message));
                }
            }
        }
        if let Some(at) = self.lexer.unclosed_block {
            let (line, _) = self.pre.place(at);
            self.warnings.push(Warning::at(
                line,
                "an `accDescr {` block is not closed with `}`: the rest of the file was read as the description",
            ));
        }
        Ok(())
    }

    fn unexpected_data(&self, at: usize, data: &str) -> MermaidError {
        // Text before the `:` on the same line was a section or a title: the `:` cut it short.
        let line_start = self.pre.text.get(..at).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
        let before = self.pre.text.get(line_start..at).unwrap_or("").trim_start_matches(js_space);
        if starts_with_keyword(before, "section") {
            return self.pre.error(
                at,
                format!(
                    "a section name cannot contain `:` (mermaid ends the name there and reads `{}` as a \
                     task's score); write the colon as the entity `#58;`",
                    quote(data)
                ),
            );
        }
        self.pre.error(at, format!("unexpected `{}`: a task line needs a name before the `:`", quote(data)))
    }

    fn task(&mut self, at: usize, name: &str, data: &str) {
        let (line, _) = self.pre.place(at);
        let data = data.get(1..).unwrap_or("");
        let mut pieces = data.split(':');
        let score_text = pieces.next().unwrap_or("");
        let people: Vec<String> = match pieces.next() {
            Some(list) => list.split(',').map(|p| decode_entities(p.trim_matches(js_space))).collect(),
            None => Vec::new(),
        };
        let ignored: Vec<&str> = pieces.collect();
        let name = decode_entities(name);
        if !ignored.is_empty() {
            self.warnings.push(Warning::at(
                line,
                format!(
                    "task `{}`: the text after its second `:` (`{}`) was ignored, as mermaid does; \
                     write a `:` in an actor's name as `#58;`",
                    name.trim(),
                    quote(&ignored.join(":"))
                ),
            ));
        }
        self.journey.tasks.push(Task {
            section: self.section.and_then(|i| self.journey.sections.get(i)).cloned().unwrap_or_default(),
            section_index: self.section,
            name,
            score: js_number(score_text),
            score_text: decode_entities(score_text.trim_matches(js_space)),
            people,
            line,
        });
    }
}

/// JavaScript's `Number(text)`: what mermaid makes of a score.
fn js_number(text: &str) -> f64 {
    let t = text.trim_matches(js_space);
    if t.is_empty() {
        return 0.0;
    }
    match t {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    for (prefix, radix) in [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)] {
        if let Some(digits) = t.strip_prefix(prefix) {
            return u64::from_str_radix(digits, radix).map_or(f64::NAN, |v| v as f64);
        }
    }
    if t.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E')) {
        t.parse::<f64>().unwrap_or(f64::NAN)
    } else {
        f64::NAN
    }
}

// ---------------------------------------------------------------------------------------------
// Journey → map.

/// The emotion scale of imported maps: mermaid's 1…5, with words.
pub fn scale() -> EmotionScale {
    let mut scale = EmotionScale::new(1, 5);
    for (level, word) in [(1, "Frustrated"), (2, "Unhappy"), (3, "Neutral"), (4, "Happy"), (5, "Delighted")] {
        scale.labels.insert(level, word.to_owned());
    }
    scale
}

/// The emotion for a mermaid score, with a warning when the score is odd.
fn emotion(task: &Task) -> (Option<i32>, Option<Warning>) {
    let score = task.score;
    let name = task.name.trim();
    let raw = &task.score_text;
    if score.is_nan() {
        let hint = if name.eq_ignore_ascii_case("title") {
            " (to set the title, write `title My title`, without a colon)"
        } else {
            ""
        };
        let message = format!(
            "task `{name}` has the score `{raw}`, which is not a number; imported without an emotion{hint}"
        );
        return (None, Some(Warning::at(task.line, message)));
    }
    if raw.is_empty() {
        let message = format!("task `{name}` has no score (mermaid reads 0); imported without an emotion");
        return (None, Some(Warning::at(task.line, message)));
    }
    let rounded = score.round().clamp(1.0, 5.0);
    // Clamped to 1…5 just above, so the conversion is exact.
    #[expect(clippy::cast_possible_truncation, reason = "a whole number in 1…5")]
    let level = rounded as i32;
    let warning = if score.fract().abs() > 0.0 && score.is_finite() && (1.0..=5.0).contains(&score) {
        Some(format!("task `{name}` has the score {raw}, which is not a whole number; rounded to {level}"))
    } else if !(1.0..=5.0).contains(&score) {
        Some(format!("task `{name}` has the score {raw}, outside mermaid's 1…5; imported as {level}"))
    } else {
        None
    };
    (Some(level), warning.map(|m| Warning::at(task.line, m)))
}

/// Makes a map of a parsed journey; `seed` seeds the ids (use a hash of the text for stable ids).
pub fn to_map(journey: &Journey, seed: u64) -> (Map, Vec<Warning>) {
    let mut ids = IdGen::with_seed(seed);
    let mut warnings = Vec::new();
    let title = journey.title.trim();
    let mut map = Map::new(if title.is_empty() { journey.acc_title.trim() } else { title });
    map.description.clone_from(&journey.acc_descr);
    map.emotion_scale = scale();
    // Stages: one per section, plus one in front for tasks written before the first section.
    let loose = journey.tasks.iter().find(|t| t.section_index.is_none());
    let loose_stage = loose.map(|task| {
        warnings.push(Warning::at(
            task.line,
            "tasks before the first `section` were put in a first stage with no name",
        ));
        let id = ids.fresh(IdKind::Stage);
        map.stages.push(stage(id.clone(), ""));
        id
    });
    let mut stage_ids = Vec::with_capacity(journey.sections.len());
    for name in &journey.sections {
        let id = ids.fresh(IdKind::Stage);
        map.stages.push(stage(id.clone(), name.trim()));
        stage_ids.push(id);
    }

    // Personas, in order of first appearance, each with a lane.
    let mut lane_of: BTreeMap<&str, Id> = BTreeMap::new();
    for task in &journey.tasks {
        for person in &task.people {
            let name = person.as_str();
            if name.is_empty() || lane_of.contains_key(name) {
                continue;
            }
            let persona = ids.fresh(IdKind::Persona);
            let lane = ids.fresh(IdKind::Lane);
            map.personas.push(Persona { id: persona.clone(), name: name.to_owned(), ..Persona::default() });
            map.lanes.push(Lane {
                id: lane.clone(),
                title: String::new(),
                kind: LaneKind::Persona(persona),
                hidden: false,
            });
            lane_of.insert(name, lane);
        }
    }
    let shared = journey.tasks.iter().any(|t| t.people.iter().all(String::is_empty)).then(|| {
        let id = ids.fresh(IdKind::Lane);
        map.lanes.push(Lane {
            id: id.clone(),
            title: "Tasks".into(),
            kind: LaneKind::Actions,
            hidden: false,
        });
        id
    });

    // Cards: one per task and actor, ordered in their cell as the tasks are in their section.
    let mut order_in_section: BTreeMap<Option<usize>, u32> = BTreeMap::new();
    for task in &journey.tasks {
        let stage_id = match task.section_index {
            Some(i) => stage_ids.get(i).cloned(),
            None => loose_stage.clone(),
        };
        let Some(stage_id) = stage_id else { continue };
        let order = order_in_section.entry(task.section_index).or_insert(0);
        let (level, warning) = emotion(task);
        warnings.extend(warning);
        let mut lanes: Vec<&Id> = Vec::new();
        let mut empty_actor = false;
        for person in &task.people {
            match lane_of.get(person.as_str()) {
                Some(lane) if !lanes.contains(&lane) => lanes.push(lane),
                Some(_) => warnings.push(Warning::at(
                    task.line,
                    format!("task `{}` lists `{person}` twice; one card was made", task.name.trim()),
                )),
                None => empty_actor = true,
            }
        }
        if empty_actor {
            warnings.push(Warning::at(
                task.line,
                format!(
                    "task `{}` has an empty actor name (a stray `,` or `:`); it was left out",
                    task.name.trim()
                ),
            ));
        }
        let lanes: Vec<Id> = if lanes.is_empty() {
            shared.iter().cloned().collect()
        } else {
            lanes.into_iter().cloned().collect()
        };
        for lane in lanes {
            let mut card = Card::new(ids.fresh(IdKind::Card), lane, stage_id.clone(), task.name.trim());
            card.order = *order;
            card.emotion = level;
            map.cards.push(card);
        }
        *order += 1;
    }
    (map, warnings)
}

fn stage(id: Id, name: &str) -> Stage {
    Stage { id, name: name.to_owned(), description: String::new(), colour: None, metrics: Metrics::default() }
}

// ---------------------------------------------------------------------------------------------
// Map → journey text.

/// Where a name goes in a journey line; each place has its own forbidden characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Title,
    Section,
    Task,
    Actor,
    Description,
}

/// Writes text so that mermaid reads it back unchanged: characters that are syntax at this place
/// become entities (`#58;` for `:`), line breaks become spaces.
fn escape(text: &str, place: Place) -> String {
    let text = text.trim();
    if text.is_empty() && place != Place::Title && place != Place::Description {
        // A name must not be empty; a space entity reads back as an empty name.
        return "#32;".into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            ':' if matches!(place, Place::Section | Place::Task | Place::Actor) => out.push_str("#58;"),
            ',' if place == Place::Actor => out.push_str("#44;"),
            '}' if place == Place::Description => out.push_str("#125;"),
            '%' if chars.peek() == Some(&'%') => out.push_str("#37;"),
            '\n' if place == Place::Description => out.push('\n'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    if place == Place::Task {
        // A task name that starts like a keyword would be read as that keyword.
        let lower = out.to_ascii_lowercase();
        let keyword_like = lower.starts_with("journey")
            || ["title", "section"]
                .iter()
                .any(|k| lower.strip_prefix(k).and_then(|r| r.chars().next()).is_some_and(js_space))
            || ["acctitle", "accdescr"].iter().any(|k| lower.starts_with(k));
        if keyword_like && let Some(first) = out.chars().next() {
            out = format!("#{};{}", u32::from(first), out.get(first.len_utf8()..).unwrap_or(""));
        }
    }
    out
}

/// A score on the map's scale as mermaid's 1…5, linearly, rounded.
fn score(scale: &EmotionScale, emotion: i32) -> i32 {
    scale.remap(emotion, &EmotionScale::new(1, 5))
}

/// Writes a map as a mermaid `journey`: stages become sections, touchpoint cards tasks (cards of
/// one task in several persona lanes — same order, title and emotion — become one task with several
/// actors), emotions scores on 1…5, personas actors. Other cards have no place in a journey and are
/// left out, with a warning.
pub fn write(map: &Map) -> TextExport {
    let mut out = String::new();
    let mut warnings = Vec::new();
    // Writing to a `String` cannot fail.
    write_into(&mut out, &mut warnings, map).ok();
    TextExport { text: out, warnings }
}

fn write_into(out: &mut String, warnings: &mut Vec<Warning>, map: &Map) -> fmt::Result {
    out.push_str("journey\n");
    if !map.title.trim().is_empty() {
        writeln!(out, "    title {}", escape(&map.title, Place::Title))?;
    }
    let description = map.description.trim();
    if description.contains('\n') {
        writeln!(out, "    accDescr {{\n{}\n    }}", escape(description, Place::Description))?;
    } else if !description.is_empty() {
        writeln!(out, "    accDescr: {}", escape(description, Place::Description))?;
    }
    let lane_index: BTreeMap<&Id, usize> = map.lanes.iter().enumerate().map(|(i, l)| (&l.id, i)).collect();
    let actor = |lane: &Id| -> Option<String> {
        let lane = map.lane(lane)?;
        let persona = lane.kind.persona()?;
        let name = map.persona(persona).map_or("", |p| p.name.trim());
        Some(if !name.is_empty() {
            name.to_owned()
        } else if !lane.title.trim().is_empty() {
            lane.title.trim().to_owned()
        } else {
            persona.to_string()
        })
    };
    let (mut left_out, mut no_emotion) = (0_usize, Vec::new());
    for stage in &map.stages {
        writeln!(out, "    section {}", escape(&stage.name, Place::Section))?;
        let mut cards: Vec<(usize, &Card)> = map
            .cards
            .iter()
            .filter(|c| c.stage == stage.id)
            .filter_map(|c| lane_index.get(&c.lane).map(|&i| (i, c)))
            .collect();
        left_out += cards.iter().filter(|(_, c)| c.kind != CardKind::Touchpoint).count();
        cards.retain(|(_, c)| c.kind == CardKind::Touchpoint);
        cards.sort_by(|(la, a), (lb, b)| a.order.cmp(&b.order).then(la.cmp(lb)));
        let mut i = 0;
        while let Some(&(_, card)) = cards.get(i) {
            let mut people: Vec<String> = actor(&card.lane).into_iter().collect();
            let mut lanes = vec![&card.lane];
            let mut next = i + 1;
            while let Some(&(_, other)) = cards.get(next) {
                let joins = !people.is_empty()
                    && other.order == card.order
                    && other.title.trim() == card.title.trim()
                    && other.emotion == card.emotion
                    && !lanes.contains(&&other.lane);
                let Some(name) = actor(&other.lane).filter(|_| joins) else { break };
                people.push(name);
                lanes.push(&other.lane);
                next += 1;
            }
            let level = card.emotion.map_or_else(
                || {
                    no_emotion.push(card.id.clone());
                    3
                },
                |emotion| score(&map.emotion_scale, emotion),
            );
            write!(out, "      {}: {level}", escape(&card.title, Place::Task))?;
            if !people.is_empty() {
                let names: Vec<String> = people.iter().map(|p| escape(p, Place::Actor)).collect();
                write!(out, ": {}", names.join(", "))?;
            }
            out.push('\n');
            i = next;
        }
    }
    if let Some(first) = no_emotion.first() {
        warnings.push(Warning::general(format!(
            "{} touchpoint(s) have no emotion (first: `{first}`); written with the neutral score 3",
            no_emotion.len()
        )));
    }
    if left_out > 0 {
        warnings.push(Warning::general(format!(
            "{left_out} card(s) that are not touchpoints (pain points, opportunities, notes…) were left out: \
             a journey diagram holds only tasks"
        )));
    }
    let stray =
        map.cards.iter().filter(|c| map.stage(&c.stage).is_none() || map.lane(&c.lane).is_none()).count();
    if stray > 0 {
        warnings.push(Warning::general(format!(
            "{stray} card(s) in a missing stage or lane were left out (run `parcours check`)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
