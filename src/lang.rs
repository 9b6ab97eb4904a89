//! The language of what the program itself prints, and the way it writes numbers in it.
//!
//! Map content is never translated; the program's own words follow `map.language` (French for
//! `fr…`, English otherwise), and so do numbers: `2,4 %` with a narrow no-break space in French,
//! `2.4%` in English. Here are the language, the names of the model's card kinds and channels,
//! and number formatting; each layer keeps its own words (`layout::labels` for the poster,
//! `insights::terms` for the funnel page and the report, `app::i18n` for the designer).
//! Depends on the model only, so every layer can use it.

use crate::model::{CardKind, Channel};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use std::sync::OnceLock;

/// The plural form a count takes, by the language's CLDR rule: French says « 0 carte », « 1 carte »,
/// « 2 cartes »; English says "0 cards", "1 card", "2 cards".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    /// The form for one (French: 0 and 1).
    One,
    /// Every other count (CLDR's `many` of French, « 1 000 000 de cartes », takes this form too).
    Other,
}

/// The language of the program's own words (poster labels, reports, the designer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The language for a map's BCP 47 tag.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("fr") { Lang::Fr } else { Lang::En }
    }

    /// The BCP 47 tag of the language.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The plural form of `count` in this language, by its CLDR rule (`intl_pluralrules`).
    pub fn plural(self, count: u64) -> Plural {
        static FR: OnceLock<Option<PluralRules>> = OnceLock::new();
        static EN: OnceLock<Option<PluralRules>> = OnceLock::new();
        let slot = match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        };
        let rules = slot.get_or_init(|| {
            let id: unic_langid::LanguageIdentifier = self.tag().parse().ok()?;
            PluralRules::create(id, PluralRuleType::CARDINAL).ok()
        });
        // The rules for "fr" and "en" are compiled into the crate; without them (never seen) the
        // count is still written, with the English choice.
        let one = match rules.as_ref().and_then(|r| r.select(count).ok()) {
            Some(category) => category == PluralCategory::ONE,
            None => count == 1,
        };
        if one { Plural::One } else { Plural::Other }
    }

    /// `count` and the form of the noun (or phrase) that goes with it: `{n}` in `one` or `other` is
    /// replaced by the count written in the language's style (`1 234` in French).
    pub fn count(self, count: usize, one: &str, other: &str) -> String {
        let n = u64::try_from(count).unwrap_or(u64::MAX);
        let form = match self.plural(n) {
            Plural::One => one,
            Plural::Other => other,
        };
        form.replace("{n}", &self.integer(n))
    }

    /// A whole number with the language's thousands separator: `12\u{202f}345` in French
    /// (a narrow no-break space), `12,345` in English.
    pub fn integer(self, value: u64) -> String {
        let digits = value.to_string();
        let separator = match self {
            Lang::Fr => '\u{202f}',
            Lang::En => ',',
        };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }

    /// The name of a card kind.
    #[expect(clippy::match_same_arms, reason = "one table per language reads better than merged arms")]
    pub fn kind(self, kind: CardKind) -> &'static str {
        match (self, kind) {
            (Lang::Fr, CardKind::Touchpoint) => "Point de contact",
            (Lang::Fr, CardKind::PainPoint) => "Point de douleur",
            (Lang::Fr, CardKind::Opportunity) => "Opportunité",
            (Lang::Fr, CardKind::Idea) => "Idée",
            (Lang::Fr, CardKind::Note) => "Note",
            (Lang::Fr, CardKind::Quote) => "Verbatim",
            (Lang::Fr, CardKind::Evidence) => "Donnée",
            (Lang::En, CardKind::Touchpoint) => "Touchpoint",
            (Lang::En, CardKind::PainPoint) => "Pain point",
            (Lang::En, CardKind::Opportunity) => "Opportunity",
            (Lang::En, CardKind::Idea) => "Idea",
            (Lang::En, CardKind::Note) => "Note",
            (Lang::En, CardKind::Quote) => "Quote",
            (Lang::En, CardKind::Evidence) => "Evidence",
        }
    }

    /// The name of a channel.
    #[expect(clippy::match_same_arms, reason = "one table per language reads better than merged arms")]
    pub fn channel(self, channel: Channel) -> &'static str {
        match (self, channel) {
            (Lang::Fr, Channel::Web) => "Web",
            (Lang::Fr, Channel::MobileApp) => "Appli mobile",
            (Lang::Fr, Channel::Email) => "E-mail",
            (Lang::Fr, Channel::Phone) => "Téléphone",
            (Lang::Fr, Channel::Store) => "Magasin",
            (Lang::Fr, Channel::Social) => "Réseaux sociaux",
            (Lang::Fr, Channel::Chat) => "Messagerie",
            (Lang::Fr, Channel::Post) => "Courrier",
            (Lang::Fr, Channel::Event) => "Événement",
            (Lang::Fr, Channel::Partner) => "Partenaire",
            (Lang::Fr, Channel::Other) => "Autre",
            (Lang::En, Channel::Web) => "Web",
            (Lang::En, Channel::MobileApp) => "Mobile app",
            (Lang::En, Channel::Email) => "Email",
            (Lang::En, Channel::Phone) => "Phone",
            (Lang::En, Channel::Store) => "Store",
            (Lang::En, Channel::Social) => "Social",
            (Lang::En, Channel::Chat) => "Chat",
            (Lang::En, Channel::Post) => "Post",
            (Lang::En, Channel::Event) => "Event",
            (Lang::En, Channel::Partner) => "Partner",
            (Lang::En, Channel::Other) => "Other",
        }
    }

    /// An age, as printed under a persona's name.
    pub fn age(self, years: u32) -> String {
        let years = usize::try_from(years).unwrap_or(usize::MAX);
        match self {
            Lang::Fr => self.count(years, "{n}\u{a0}an", "{n}\u{a0}ans"),
            Lang::En => self.count(years, "{n} year old", "{n} years old"),
        }
    }

    /// A number with at most one decimal, in the language's style.
    pub fn number(self, value: f64) -> String {
        let rounded = (value * 10.0).round() / 10.0;
        let text = if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") };
        let text = if text == "-0" { "0".to_owned() } else { text };
        // A hyphen-minus as typed: the poster of a French map sets it as U+2212
        // (`layout::typography::french`); text output and JSON keep ASCII.
        match self {
            Lang::Fr => text.replace('.', ","),
            Lang::En => text,
        }
    }

    /// A percentage: `2,4 %` in French (narrow no-break space), `2.4%` in English.
    pub fn percent(self, value: f64) -> String {
        match self {
            Lang::Fr => format!("{}\u{202f}%", self.number(value)),
            Lang::En => format!("{}%", self.number(value)),
        }
    }

    /// A value with a free unit (`86 €`), spaced as the language wants.
    pub fn with_unit(self, value: f64, unit: &str) -> String {
        match (self, unit) {
            (_, "") => self.number(value),
            (Lang::Fr, "%") => self.percent(value),
            (Lang::En, "%") => format!("{}%", self.number(value)),
            (Lang::Fr, unit) => format!("{}\u{a0}{unit}", self.number(value)),
            (Lang::En, unit) => format!("{} {unit}", self.number(value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers_use_commas_and_narrow_spaces() {
        assert_eq!(Lang::Fr.percent(2.4), "2,4\u{202f}%");
        assert_eq!(Lang::En.percent(2.4), "2.4%");
        assert_eq!(Lang::Fr.number(-4.0), "-4");
        assert_eq!(Lang::Fr.number(-0.04), "0");
        assert_eq!(Lang::Fr.with_unit(86.0, "€"), "86\u{a0}€");
        assert_eq!(Lang::from_tag("fr-CA"), Lang::Fr);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn counts_follow_each_languages_plural_rule() {
        // French: 0 and 1 are singular; English: only 1.
        assert_eq!(Lang::Fr.count(0, "{n} carte", "{n} cartes"), "0 carte");
        assert_eq!(Lang::Fr.count(1, "{n} carte", "{n} cartes"), "1 carte");
        assert_eq!(Lang::Fr.count(2, "{n} carte", "{n} cartes"), "2 cartes");
        assert_eq!(Lang::En.count(0, "{n} card", "{n} cards"), "0 cards");
        assert_eq!(Lang::En.count(1, "{n} card", "{n} cards"), "1 card");
        assert_eq!(Lang::En.count(21, "{n} card", "{n} cards"), "21 cards");
        assert_eq!(Lang::Fr.count(1_000_000, "{n} carte", "{n} cartes"), "1\u{202f}000\u{202f}000 cartes");
        assert_eq!(Lang::En.count(12_345, "{n} card", "{n} cards"), "12,345 cards");
        assert_eq!(Lang::Fr.age(1), "1\u{a0}an");
        assert_eq!(Lang::Fr.age(34), "34\u{a0}ans");
        assert_eq!(Lang::En.age(1), "1 year old");
    }

    #[test]
    fn integers_group_thousands() {
        assert_eq!(Lang::Fr.integer(0), "0");
        assert_eq!(Lang::Fr.integer(999), "999");
        assert_eq!(Lang::Fr.integer(1000), "1\u{202f}000");
        assert_eq!(Lang::En.integer(1_234_567), "1,234,567");
    }
}
