//! French typography on the poster, without the author typing it.
//!
//! A French map follows the rules of the *Lexique des règles typographiques* on paper: a narrow
//! no-break space (U+202F) before `?`, `!` and `;` and inside « guillemets », a no-break space
//! (U+00A0) before `:`, and a narrow no-break space between a number and its unit (`100 %`, `12 €`),
//! so that none of them is left alone at the start of a line. The map file keeps what was typed;
//! only the display list changes (the layout applies [`french`] to every text it sets in a French
//! map). Idempotent: text already set correctly comes back unchanged, without a copy.

use std::borrow::Cow;

/// A narrow no-break space (espace fine insécable).
const NNBSP: char = '\u{202f}';
/// A no-break space (espace insécable).
const NBSP: char = '\u{a0}';
/// The minus sign (signe moins), for negative numbers.
const MINUS: char = '\u{2212}';

/// Units that take a narrow no-break space after a number (`100 %`, `12 €`, `5 km`): symbols, and
/// abbreviations that are whole words.
const SYMBOL_UNITS: &[char] = &['%', '‰', '€', '$', '£', '°'];
const WORD_UNITS: &[&str] = &[
    "km", "m", "cm", "mm", "kg", "g", "h", "min", "s", "ms", "j", "ans", "an", "jours", "mois", "Go", "Mo",
    "ko", "pts", "pt", "k€", "M€",
];

/// `text` with French spacing: see the module's documentation.
pub fn french(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| matches!(c, '?' | '!' | ';' | ':' | '«' | '»') || c.is_ascii_digit()) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = out.chars().next_back();
        // A web address or an e-mail is copied as it is, whatever punctuation it holds.
        if prev.is_none_or(char::is_whitespace) && !c.is_whitespace() {
            let end = chars[i..].iter().position(|c| c.is_whitespace()).map_or(chars.len(), |n| i + n);
            let word: String = chars[i..end].iter().collect();
            if word.contains("://") || word.starts_with("www.") || word.contains('@') {
                out.push_str(&word);
                i = end;
                continue;
            }
        }
        match c {
            '?' | '!' | ';' | ':' | '»' => {
                let wanted = if c == ':' { NBSP } else { NNBSP };
                match prev {
                    // A typed space (or the other no-break space) becomes the right one.
                    Some(' ' | NBSP | NNBSP) => {
                        out.pop();
                        out.push(wanted);
                    }
                    // `?!`, `!!`, `?»`: the space goes before the first mark only.
                    Some('?' | '!') if c != '»' => {}
                    // Glued to a word: `Pourquoi?` → `Pourquoi ?`. Never for `:` (12:30,
                    // https://) or `;` (&amp; in a URL), which French writers type spaced anyway.
                    Some(p) if (p.is_alphanumeric() || p == '»' || p == ')') && c != ':' && c != ';' => {
                        out.push(wanted);
                    }
                    _ => {}
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                // The space after « : a typed one is replaced, a missing one added.
                match chars.get(i + 1).copied() {
                    Some(' ' | NBSP | NNBSP) => {
                        out.push(NNBSP);
                        i += 1;
                    }
                    Some(_) => out.push(NNBSP),
                    None => {}
                }
            }
            ' ' | NBSP if prev.is_some_and(|p| p.is_ascii_digit()) && unit_follows(&chars, i + 1) => {
                out.push(NNBSP);
            }
            // `-4` → `−4`: a hyphen that starts a word and is followed by a digit is a minus
            // sign (not `2-3`, `e-mail` or `01-23`).
            '-' if prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '/'))
                && chars.get(i + 1).is_some_and(char::is_ascii_digit) =>
            {
                out.push(MINUS);
            }
            _ if c.is_ascii_digit() => {
                out.push(c);
                // `100%` → `100 %`: a symbol glued to a number gets its space.
                if chars.get(i + 1).is_some_and(|n| SYMBOL_UNITS.contains(n) && *n != '°') {
                    out.push(NNBSP);
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if out == text { Cow::Borrowed(text) } else { Cow::Owned(out) }
}

/// Whether a unit starts at `at`: a unit symbol, or a unit word followed by the end, a space or
/// punctuation.
fn unit_follows(chars: &[char], at: usize) -> bool {
    let Some(&first) = chars.get(at) else { return false };
    if SYMBOL_UNITS.contains(&first) {
        return true;
    }
    let word: String = chars[at..].iter().take_while(|c| c.is_alphabetic() || **c == '€').collect();
    let after = chars.get(at + word.chars().count());
    WORD_UNITS.contains(&word.as_str()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// A tag (or any short label) that never breaks between its words: spaces become no-break spaces.
pub fn unbreakable(text: &str) -> Cow<'_, str> {
    if text.contains(' ') { Cow::Owned(text.replace(' ', "\u{a0}")) } else { Cow::Borrowed(text) }
}

/// Name particles that badge initials skip: « Charles de Gaulle » → CG, "Ludwig van Beethoven" → LB.
const PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "di", "da", "del", "della", "dos",
    "das", "do", "y", "zu", "ten", "ter",
];

/// The initials of a name for a badge: the first letters of its first and last words, skipping
/// particles (`de`, `du`, `van`…) and elisions (`d’Artagnan` → A), upper case; `None` for an
/// empty name.
pub fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            if lower.starts_with("d'")
                || lower.starts_with("d’")
                || lower.starts_with("l'")
                || lower.starts_with("l’")
            {
                w.char_indices().nth(2).map_or("", |(at, _)| &w[at..])
            } else {
                w
            }
        })
        .filter(|w| !w.is_empty() && !PARTICLES.contains(&w.to_lowercase().as_str()))
        .collect();
    let first = words.first()?.chars().find(|c| c.is_alphanumeric())?;
    let mut out: String = first.to_uppercase().collect();
    if words.len() > 1
        && let Some(last) = words.last().and_then(|w| w.chars().find(|c| c.is_alphanumeric()))
    {
        out.extend(last.to_uppercase());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_spacing_before_double_marks_and_inside_guillemets() {
        assert_eq!(french("Pourquoi ?"), "Pourquoi\u{202f}?");
        assert_eq!(french("Pourquoi?"), "Pourquoi\u{202f}?");
        assert_eq!(french("Enfin !"), "Enfin\u{202f}!");
        assert_eq!(french("Vraiment ?!"), "Vraiment\u{202f}?!");
        assert_eq!(french("Délai : 3 jours"), "Délai\u{a0}: 3\u{202f}jours");
        assert_eq!(french("un ; deux"), "un\u{202f}; deux");
        assert_eq!(french("«Trop cher»"), "«\u{202f}Trop cher\u{202f}»");
        assert_eq!(french("« Trop cher »"), "«\u{202f}Trop cher\u{202f}»");
        assert_eq!(french("« Pourquoi ? »"), "«\u{202f}Pourquoi\u{202f}?\u{202f}»");
    }

    #[test]
    fn numbers_keep_their_units() {
        assert_eq!(french("100 %"), "100\u{202f}%");
        assert_eq!(french("100%"), "100\u{202f}%");
        assert_eq!(french("livraison à 4,90 €"), "livraison à 4,90\u{202f}€");
        assert_eq!(french("à 5 km du magasin"), "à 5\u{202f}km du magasin");
        // A number followed by an ordinary word keeps its ordinary space.
        assert_eq!(french("3 personnes"), "3 personnes");
        assert_eq!(french("2 mails"), "2 mails");
    }

    #[test]
    fn negative_numbers_take_the_minus_sign() {
        assert_eq!(french("NPS -4"), "NPS \u{2212}4");
        assert_eq!(french("-2"), "\u{2212}2");
        assert_eq!(french("de -0,5 à +2 (-3)"), "de \u{2212}0,5 à +2 (\u{2212}3)");
        // Hyphens inside words and numbers, and list dashes, stay.
        for text in ["pages 2-3", "01-23-45-67", "e-mail", "- 3 personnes", "x-1", "-"] {
            assert_eq!(french(text), text, "{text:?}");
        }
        assert_eq!(french("\u{2212}4"), "\u{2212}4");
    }

    #[test]
    fn urls_times_and_set_text_are_left_alone() {
        for text in [
            "https://exemple.fr/a?b=1;c",
            "https://exemple.fr/page-2",
            "voir www.exemple.fr/faq?x!",
            "sav@exemple.fr",
            "à 12:30",
            "Déjà\u{202f}?",
            "«\u{202f}ok\u{202f}»",
            "sans rien",
            "",
        ] {
            assert_eq!(french(text), text, "{text:?}");
            assert!(matches!(french(text), Cow::Borrowed(_)), "{text:?} was copied");
        }
        // Applying it twice changes nothing more.
        let once = french("« Pourquoi 100% ? » : voilà !").into_owned();
        assert_eq!(french(&once), once);
    }

    #[test]
    fn tags_do_not_break_and_initials_skip_particles() {
        assert_eq!(unbreakable("prix cachés"), "prix\u{a0}cachés");
        assert_eq!(unbreakable("mobile"), "mobile");
        assert_eq!(initials("Charles de Gaulle").as_deref(), Some("CG"));
        assert_eq!(initials("Ludwig van Beethoven").as_deref(), Some("LB"));
        assert_eq!(initials("Jean de La Fontaine").as_deref(), Some("JF"));
        assert_eq!(initials("Charles d’Artagnan").as_deref(), Some("CA"));
        assert_eq!(initials("Léa Martin").as_deref(), Some("LM"));
        assert_eq!(initials("Marie Claire Dupont").as_deref(), Some("MD"));
        assert_eq!(initials("élodie").as_deref(), Some("É"));
        assert_eq!(initials("   "), None);
    }
}
