//! Steps 1–6 of reading: the text mermaid hands to the journey parser (line breaks, frontmatter,
//! directives, comments, entities), with the file line of each of its lines.

use super::{MermaidError, Options};
use crate::interop::Warning;

/// Opens an entity protected in step 6 (stands for `#`).
pub(super) const ENTITY_OPEN: char = '\u{e000}';
/// Closes an entity protected in step 6 (stands for `;`).
pub(super) const ENTITY_CLOSE: char = '\u{e001}';

pub(super) struct Preprocessed {
    pub(super) text: String,
    /// File line (1-based) of each line of `text`.
    lines: Vec<usize>,
    /// Byte offset in `text` where each of its lines starts.
    starts: Vec<usize>,
    pub(super) frontmatter_title: Option<String>,
    pub(super) warnings: Vec<Warning>,
}

impl Preprocessed {
    /// File line and column (1-based) of a byte offset of `text`.
    pub(super) fn place(&self, offset: usize) -> (usize, usize) {
        let index = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let start = self.starts.get(index).copied().unwrap_or(0);
        let column = self.text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (self.lines.get(index).copied().unwrap_or(index + 1), column)
    }

    pub(super) fn error(&self, offset: usize, message: impl Into<String>) -> MermaidError {
        let (line, column) = self.place(offset);
        MermaidError { line, column: Some(column), message: message.into() }
    }
}

/// JavaScript's `\s`: what mermaid's regular expressions count as white space.
pub(super) fn js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

pub(super) fn is_blank(line: &str) -> bool {
    line.chars().all(js_space)
}

/// A `---` line of a frontmatter: three dashes, then only white space.
pub(super) fn is_fence(line: &str) -> bool {
    line.strip_prefix("---").is_some_and(is_blank)
}

pub(super) fn preprocess(text: &str, options: Options) -> Result<Preprocessed, MermaidError> {
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

pub(super) fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(js_space).len()
}

/// The top-level `title:` of a YAML frontmatter (plain, single- or double-quoted).
pub(super) fn yaml_title<'a>(lines: impl Iterator<Item = &'a str>) -> Option<String> {
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
pub(super) fn remove_directives(text: &str) -> String {
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
pub(super) fn protect_entities(text: &str) -> String {
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
pub(super) fn decode_entities(text: &str) -> String {
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

pub(super) fn entity_char(name: &str) -> Option<char> {
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
