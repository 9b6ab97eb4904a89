//! Word-level difference of two texts, for showing a text change inside one line.
//!
//! Texts are cut into words (runs of letters and digits), runs of spaces, and single other
//! characters; the longest common subsequence of those pieces is kept and the rest is shown as
//! removed and added, `Frais de [-livraison-]{+port+} découverts`.

use serde::Serialize;

/// A piece of a word-level difference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WordPart {
    /// Text present in both versions.
    Same(String),
    /// Text replaced: `old` removed (may be empty), `new` added (may be empty).
    Change {
        /// The removed text.
        old: String,
        /// The added text.
        new: String,
    },
}

/// Beyond this many piece comparisons, the texts are shown as one whole replacement.
const MAX_CELLS: usize = 4_000_000;

/// The word-level difference between two texts, in reading order.
pub fn diff_words(old: &str, new: &str) -> Vec<WordPart> {
    let a = tokens(old);
    let b = tokens(new);
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let middle_a = &a[prefix..a.len() - suffix];
    let middle_b = &b[prefix..b.len() - suffix];

    let mut parts = Vec::new();
    push_same(&mut parts, &a[..prefix].concat());
    if middle_a.len().saturating_mul(middle_b.len()) > MAX_CELLS {
        push_change(&mut parts, &middle_a.concat(), &middle_b.concat());
    } else {
        for (kind, text) in lcs_ops(middle_a, middle_b) {
            match kind {
                Op::Same => push_same(&mut parts, text),
                Op::Removed => push_change(&mut parts, text, ""),
                Op::Added => push_change(&mut parts, "", text),
            }
        }
    }
    push_same(&mut parts, &a[a.len() - suffix..].concat());
    join_across_spaces(parts)
}

/// The difference written on one line: `[-removed-]{+added+}` marks, as `git diff --word-diff`.
pub fn render(parts: &[WordPart]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            WordPart::Same(text) => out.push_str(&visible(text)),
            WordPart::Change { old, new } => {
                if !old.is_empty() {
                    out.push_str("[-");
                    out.push_str(&visible(old));
                    out.push_str("-]");
                }
                if !new.is_empty() {
                    out.push_str("{+");
                    out.push_str(&visible(new));
                    out.push_str("+}");
                }
            }
        }
    }
    out
}

/// Line breaks and tabs written as `\n` and `\t`, so a change stays on one line.
fn visible(text: &str) -> String {
    text.replace('\n', "\\n").replace('\t', "\\t")
}

/// What an alignment step does with an item.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    /// In both sequences.
    Same,
    /// Only in the old one.
    Removed,
    /// Only in the new one.
    Added,
}

/// Cuts text into words, runs of whitespace, and single other characters.
fn tokens(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Eq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Other,
    }
    let class = |c: char| {
        if c.is_alphanumeric() || c == '_' {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous: Option<Class> = None;
    for (at, c) in text.char_indices() {
        let now = class(c);
        if let Some(before) = previous
            && (before != now || now == Class::Other)
        {
            out.push(&text[start..at]);
            start = at;
        }
        previous = Some(now);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The longest-common-subsequence script turning `old` into `new`.
/// Aligns two sequences along a longest common subsequence: every item of both, in order, marked
/// same, removed or added.
pub(super) fn lcs_ops<T: PartialEq + Copy>(old: &[T], new: &[T]) -> Vec<(Op, T)> {
    let (rows, columns) = (old.len(), new.len());
    // lengths[row][column]: LCS length of old[row..] and new[column..], in one flat table.
    let width = columns + 1;
    let mut lengths = vec![0_u32; (rows + 1) * width];
    for row in (0..rows).rev() {
        for column in (0..columns).rev() {
            lengths[row * width + column] = if old[row] == new[column] {
                lengths[(row + 1) * width + column + 1] + 1
            } else {
                lengths[(row + 1) * width + column].max(lengths[row * width + column + 1])
            };
        }
    }
    let mut ops = Vec::with_capacity(rows + columns);
    let (mut row, mut column) = (0, 0);
    while row < rows && column < columns {
        if old[row] == new[column] {
            ops.push((Op::Same, old[row]));
            row += 1;
            column += 1;
        } else if lengths[(row + 1) * width + column] >= lengths[row * width + column + 1] {
            ops.push((Op::Removed, old[row]));
            row += 1;
        } else {
            ops.push((Op::Added, new[column]));
            column += 1;
        }
    }
    ops.extend(old[row..].iter().map(|t| (Op::Removed, *t)));
    ops.extend(new[column..].iter().map(|t| (Op::Added, *t)));
    ops
}

fn push_same(parts: &mut Vec<WordPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(WordPart::Same(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(WordPart::Same(text.to_owned()));
    }
}

fn push_change(parts: &mut Vec<WordPart>, old: &str, new: &str) {
    if old.is_empty() && new.is_empty() {
        return;
    }
    if let Some(WordPart::Change { old: last_old, new: last_new }) = parts.last_mut() {
        last_old.push_str(old);
        last_new.push_str(new);
    } else {
        parts.push(WordPart::Change { old: old.to_owned(), new: new.to_owned() });
    }
}

/// Joins two changes separated only by whitespace into one, so `[-a b-]{+c d+}` reads as a
/// phrase rather than `[-a-]{+c+} [-b-]{+d+}`. Only when both sides have text, so that a pure
/// addition never shows a removed space.
fn join_across_spaces(parts: Vec<WordPart>) -> Vec<WordPart> {
    let mut out: Vec<WordPart> = Vec::with_capacity(parts.len());
    let mut parts = parts.into_iter().peekable();
    while let Some(part) = parts.next() {
        if let WordPart::Same(space) = &part
            && space.trim().is_empty()
            && let Some(WordPart::Change { old: last_old, new: last_new }) = out.last_mut()
            && let Some(WordPart::Change { old, new }) = parts.peek()
            && (!last_old.is_empty() || !old.is_empty())
            && (!last_new.is_empty() || !new.is_empty())
        {
            last_old.push_str(space);
            last_old.push_str(old);
            last_new.push_str(space);
            last_new.push_str(new);
            parts.next();
            continue;
        }
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(old: &str, new: &str) -> String {
        render(&diff_words(old, new))
    }

    #[test]
    fn one_word_replaced() {
        assert_eq!(
            shown("Frais de livraison découverts au paiement", "Frais de port découverts au paiement"),
            "Frais de [-livraison-]{+port+} découverts au paiement"
        );
    }

    #[test]
    fn words_added_and_removed() {
        assert_eq!(shown("Appel au SAV", "Appel rapide au SAV"), "Appel {+rapide +}au SAV");
        assert_eq!(shown("Appel rapide au SAV", "Appel au SAV"), "Appel [-rapide -]au SAV");
        assert_eq!(shown("", "Nouveau"), "{+Nouveau+}");
        assert_eq!(shown("Ancien", ""), "[-Ancien-]");
        assert_eq!(shown("même", "même"), "même");
    }

    #[test]
    fn neighbouring_changes_read_as_one_phrase() {
        assert_eq!(
            shown("le colis arrive demain matin", "le paquet part ce soir"),
            "le [-colis arrive demain matin-]{+paquet part ce soir+}"
        );
    }

    #[test]
    fn punctuation_and_accents_are_their_own_pieces() {
        assert_eq!(shown("« Trop cher ! »", "« Trop cher ? »"), "« Trop cher [-!-]{+?+} »");
        assert_eq!(shown("Été", "Hiver"), "[-Été-]{+Hiver+}");
    }

    #[test]
    fn line_breaks_stay_visible() {
        assert_eq!(shown("un\ndeux", "un\ntrois"), "un\\n[-deux-]{+trois+}");
    }

    #[test]
    fn parts_rebuild_both_texts() {
        let (old, new) = ("a b c d e f", "a x c d y f z");
        let parts = diff_words(old, new);
        let mut left = String::new();
        let mut right = String::new();
        for part in &parts {
            match part {
                WordPart::Same(t) => {
                    left.push_str(t);
                    right.push_str(t);
                }
                WordPart::Change { old, new } => {
                    left.push_str(old);
                    right.push_str(new);
                }
            }
        }
        assert_eq!((left.as_str(), right.as_str()), (old, new));
    }
}
