//! The few words and symbols the poster itself prints (legend, metric names, channel icons,
//! emotion words), in the map's language ([`Lang`]).

use crate::lang::Lang;
use crate::model::Channel;

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

impl Word {
    /// The word in a language.
    #[expect(clippy::match_same_arms, reason = "one table per language reads better than merged arms")]
    pub fn text(self, lang: Lang) -> &'static str {
        match (lang, self) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{FontStyle, Fonts};

    #[test]
    fn every_icon_is_in_the_bundled_fonts() {
        let fonts = Fonts::get();
        for channel in Channel::ALL {
            for c in channel_icon(channel).chars() {
                assert!(fonts.covers(FontStyle::Regular, c), "{channel:?}");
            }
        }
    }
}
