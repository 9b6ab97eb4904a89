//! Step 7, the lexer of `journey.jison`: rules tried in order, the first that matches wins.

use super::preprocess::js_space;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Token<'a> {
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
pub(super) enum LexState {
    Initial,
    AccValue,
    AccDescrBlock,
}

pub(super) struct Lexer<'a> {
    text: &'a str,
    at: usize,
    state: LexState,
    /// Set when an `accDescr {` block reached the end of the text unclosed.
    pub(super) unclosed_block: Option<usize>,
}

/// Length of the longest prefix of `s` whose characters satisfy `keep`.
pub(super) fn span(s: &str, keep: impl Fn(char) -> bool) -> usize {
    s.find(|c: char| !keep(c)).unwrap_or(s.len())
}

/// `keyword` at the start of `s`, in any case (the lexer is case-insensitive).
pub(super) fn starts_with_keyword(s: &str, keyword: &str) -> bool {
    s.get(..keyword.len()).is_some_and(|head| head.eq_ignore_ascii_case(keyword))
}

impl<'a> Lexer<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self { text, at: 0, state: LexState::Initial, unclosed_block: None }
    }

    /// The next token and the offset where it starts.
    pub(super) fn next(&mut self) -> (usize, Token<'a>) {
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
pub(super) fn keyword_then_text(rest: &str, keyword: &str, stop: &str) -> Option<(usize, usize)> {
    if !starts_with_keyword(rest, keyword) {
        return None;
    }
    let after = rest.get(keyword.len()..)?;
    let space = after.chars().next().filter(|c| js_space(*c))?;
    let start = keyword.len() + space.len_utf8();
    let len = span(rest.get(start..)?, |c| !stop.contains(c));
    (len > 0).then_some((start + len, start))
}
