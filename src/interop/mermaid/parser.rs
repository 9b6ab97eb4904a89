//! Step 7, the grammar: `journey` then any number of statements and line breaks.

use super::lexer::{Lexer, Token, starts_with_keyword};
use super::preprocess::{Preprocessed, decode_entities, js_space};
use super::{Journey, MermaidError, Task};
use crate::interop::Warning;

pub(super) struct Parser<'a> {
    pub(super) lexer: Lexer<'a>,
    pub(super) pre: &'a Preprocessed,
    pub(super) journey: Journey,
    pub(super) warnings: Vec<Warning>,
    pub(super) section: Option<usize>,
}

/// A short quote of source text for messages.
pub(super) fn quote(text: &str) -> String {
    let text = decode_entities(text.trim());
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() { format!("{short}…") } else { short }
}

impl Parser<'_> {
    pub(super) fn run(&mut self) -> Result<(), MermaidError> {
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
pub(super) fn js_number(text: &str) -> f64 {
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
