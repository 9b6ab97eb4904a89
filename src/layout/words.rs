//! The few words the poster itself prints (legend, metric names), in the map's language.
//!
//! Map content is never translated; only these labels follow `map.language` (French for `fr…`,
//! English otherwise). Numbers follow the language too: `2,4 %` with a narrow no-break space in
//! French, `2.4%` in English.

use crate::model::{CardKind, Channel};

/// The language of the poster's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The poster language for a map's BCP 47 tag.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("fr") { Lang::Fr } else { Lang::En }
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

    /// A word of the legend and badges.
    #[expect(clippy::match_same_arms, reason = "one table per language reads better than merged arms")]
    pub fn word(self, word: Word) -> &'static str {
        match (self, word) {
            (Lang::Fr, Word::Legend) => "Légende",
            (Lang::Fr, Word::Cards) => "Cartes",
            (Lang::Fr, Word::Channels) => "Canaux",
            (Lang::Fr, Word::Emotion) => "Émotion",
            (Lang::Fr, Word::Online) => "en ligne",
            (Lang::Fr, Word::Offline) => "hors ligne",
            (Lang::Fr, Word::Conversion) => "Conv.",
            (Lang::Fr, Word::DropOff) => "Abandon",
            (Lang::Fr, Word::Target) => "objectif",
            (Lang::Fr, Word::MadeWith) => "Réalisé avec Parcours",
            (Lang::En, Word::Legend) => "Legend",
            (Lang::En, Word::Cards) => "Cards",
            (Lang::En, Word::Channels) => "Channels",
            (Lang::En, Word::Emotion) => "Emotion",
            (Lang::En, Word::Online) => "online",
            (Lang::En, Word::Offline) => "offline",
            (Lang::En, Word::Conversion) => "Conv.",
            (Lang::En, Word::DropOff) => "Drop-off",
            (Lang::En, Word::Target) => "target",
            (Lang::En, Word::MadeWith) => "Made with Parcours",
        }
    }

    /// An age, as printed under a persona's name.
    pub fn age(self, years: u32) -> String {
        match self {
            Lang::Fr => format!("{years}\u{a0}ans"),
            Lang::En => format!("{years} years old"),
        }
    }

    /// A number with at most one decimal, in the language's style.
    pub fn number(self, value: f64) -> String {
        let rounded = (value * 10.0).round() / 10.0;
        let text = if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") };
        let text = if text == "-0" { "0".to_owned() } else { text };
        // A hyphen-minus, not U+2212: Noto Sans Bold (the metric chips) has no minus sign.
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

/// Words the poster prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    /// The legend's heading.
    Legend,
    /// Heading of the card kinds.
    Cards,
    /// Heading of the channels.
    Channels,
    /// Heading of the emotion scale.
    Emotion,
    /// Online presence.
    Online,
    /// Offline presence.
    Offline,
    /// Conversion rate chip.
    Conversion,
    /// Drop-off rate chip.
    DropOff,
    /// A metric's target.
    Target,
    /// Footer credit.
    MadeWith,
}

/// The icon of a channel: a symbol or monochrome emoji present in the bundled fonts.
pub fn channel_icon(channel: Channel) -> &'static str {
    match channel {
        Channel::Web => "🌐",
        Channel::MobileApp => "📱",
        Channel::Email => "✉",
        Channel::Phone => "☎",
        Channel::Store => "🏬",
        Channel::Social => "👥",
        Channel::Chat => "💬",
        Channel::Post => "📮",
        Channel::Event => "📅",
        Channel::Partner => "📦",
        Channel::Other => "•",
    }
}

/// A face for an emotion, from 0 (most negative) to 1 (most positive), from the bundled
/// monochrome emoji.
pub fn emotion_face(fraction: f64) -> &'static str {
    match fraction {
        f if f < 0.2 => "😠",
        f if f < 0.4 => "😟",
        f if f <= 0.6 => "😐",
        f if f <= 0.8 => "😊",
        _ => "😄",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{FontStyle, Fonts};

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
    fn every_icon_and_face_is_in_the_bundled_fonts() {
        let fonts = Fonts::get();
        for channel in Channel::ALL {
            for c in channel_icon(channel).chars() {
                assert!(fonts.covers(FontStyle::Regular, c), "{channel:?}");
            }
        }
        for f in [0.0, 0.3, 0.5, 0.7, 1.0] {
            for c in emotion_face(f).chars() {
                assert!(fonts.covers(FontStyle::Regular, c), "{f}");
            }
        }
    }
}
