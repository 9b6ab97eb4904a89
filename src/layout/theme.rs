//! Colour tokens of the poster and canvas, in one place (light, print, dark).

use crate::display::Colour;
use crate::model::{CardKind, Presence, Rgb};

/// Which set of colours to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ThemeName {
    /// White paper, coloured accents (default).
    #[default]
    Light,
    /// Ink-friendly: white cards, coloured outlines instead of tinted fills, no large dark areas.
    Print,
    /// Dark background, for screens and projectors.
    Dark,
}

impl ThemeName {
    /// Every theme, for menus and help.
    pub const ALL: [ThemeName; 3] = [ThemeName::Light, ThemeName::Print, ThemeName::Dark];

    /// The name as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Light => "light",
            ThemeName::Print => "print",
            ThemeName::Dark => "dark",
        }
    }

    /// The theme with this command-line name.
    pub fn parse(text: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// The colours of one theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Which theme this is.
    pub name: ThemeName,
    /// Page background.
    pub page: Colour,
    /// Main text.
    pub text: Colour,
    /// Secondary text (details, labels).
    pub muted: Colour,
    /// Grid lines and outlines.
    pub rule: Colour,
    /// Background of every other lane.
    pub stripe: Colour,
    /// Background of lane headers.
    pub header: Colour,
    /// Default stage colour when a stage has none.
    pub stage: Colour,
    /// Card background for touchpoints.
    pub card: Colour,
    /// Card outline.
    pub card_stroke: Colour,
    /// Metric chip background.
    pub chip: Colour,
    /// Whether cards are filled with their kind's tint (false: white with a coloured outline).
    pub tinted_cards: bool,
}

impl Theme {
    /// The colours of a theme.
    pub fn new(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => Theme {
                name,
                page: Colour::rgb(0xfb, 0xfa, 0xf7),
                text: Colour::rgb(0x1f, 0x23, 0x28),
                muted: Colour::rgb(0x5c, 0x63, 0x6e),
                rule: Colour::rgb(0xd8, 0xdb, 0xe0),
                stripe: Colour::rgb(0xf1, 0xf2, 0xf0),
                header: Colour::rgb(0xec, 0xee, 0xea),
                stage: Colour::rgb(0x4e, 0x79, 0xa7),
                card: Colour::rgb(0xff, 0xff, 0xff),
                card_stroke: Colour::rgb(0xc9, 0xce, 0xd6),
                chip: Colour::rgb(0xff, 0xff, 0xff),
                tinted_cards: true,
            },
            ThemeName::Print => Theme {
                name,
                page: Colour::rgb(0xff, 0xff, 0xff),
                text: Colour::rgb(0x00, 0x00, 0x00),
                muted: Colour::rgb(0x44, 0x44, 0x44),
                rule: Colour::rgb(0xbb, 0xbb, 0xbb),
                stripe: Colour::rgb(0xff, 0xff, 0xff),
                header: Colour::rgb(0xff, 0xff, 0xff),
                stage: Colour::rgb(0x55, 0x55, 0x55),
                card: Colour::rgb(0xff, 0xff, 0xff),
                card_stroke: Colour::rgb(0x88, 0x88, 0x88),
                chip: Colour::rgb(0xff, 0xff, 0xff),
                tinted_cards: false,
            },
            ThemeName::Dark => Theme {
                name,
                page: Colour::rgb(0x1b, 0x1e, 0x24),
                text: Colour::rgb(0xe8, 0xea, 0xed),
                muted: Colour::rgb(0xa3, 0xaa, 0xb4),
                rule: Colour::rgb(0x3a, 0x3f, 0x48),
                stripe: Colour::rgb(0x22, 0x26, 0x2d),
                header: Colour::rgb(0x26, 0x2a, 0x32),
                stage: Colour::rgb(0x6b, 0x93, 0xc4),
                card: Colour::rgb(0x2c, 0x31, 0x3a),
                card_stroke: Colour::rgb(0x4a, 0x50, 0x5b),
                chip: Colour::rgb(0x2c, 0x31, 0x3a),
                tinted_cards: true,
            },
        }
    }

    /// The accent colour of a card kind (its stripe, outline and legend swatch).
    pub fn kind_accent(&self, kind: CardKind) -> Colour {
        match kind {
            CardKind::Touchpoint => Colour::rgb(0x6c, 0x75, 0x7d),
            CardKind::PainPoint => Colour::rgb(0xc9, 0x2a, 0x2a),
            CardKind::Opportunity => Colour::rgb(0x2b, 0x8a, 0x3e),
            CardKind::Idea => Colour::rgb(0xe0, 0xa1, 0x00),
            CardKind::Note => Colour::rgb(0x86, 0x8e, 0x96),
            CardKind::Quote => Colour::rgb(0x84, 0x5e, 0xf7),
            CardKind::Evidence => Colour::rgb(0x1c, 0x7e, 0xd6),
        }
    }

    /// The background of a card of this kind (or with this colour override).
    pub fn card_fill(&self, kind: CardKind, colour: Option<Rgb>) -> Colour {
        if !self.tinted_cards {
            return self.card;
        }
        let accent = colour.map_or_else(|| self.kind_accent(kind), rgb);
        if kind == CardKind::Touchpoint && colour.is_none() {
            return self.card;
        }
        let strength = if self.name == ThemeName::Dark { 0.22 } else { 0.12 };
        self.card.lerp(accent, strength)
    }

    /// The colour of an emotion, from 0 (most negative) to 1 (most positive): a colour-blind-safe
    /// diverging scale (Okabe–Ito vermilion and orange, grey, sky blue and blue).
    pub fn emotion(&self, fraction: f64) -> Colour {
        const STOPS: [Colour; 5] = [
            Colour::rgb(0xd5, 0x5e, 0x00),
            Colour::rgb(0xe6, 0x9f, 0x00),
            Colour::rgb(0x99, 0x99, 0x99),
            Colour::rgb(0x56, 0xb4, 0xe9),
            Colour::rgb(0x00, 0x72, 0xb2),
        ];
        #[expect(clippy::cast_possible_truncation, reason = "a fraction of 0..=1 times 4")]
        let at = (fraction.clamp(0.0, 1.0) * 4.0) as f32;
        // `at` is within 0..=4, so the index is too.
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0..=3")]
        let i = (at.floor() as usize).min(3);
        STOPS[i].lerp(STOPS[i + 1], at - i as f32)
    }

    /// The colour of online and offline contact (and of an unknown one) in charts: Okabe–Ito
    /// bluish green and reddish purple, apart from the emotion scale's oranges and blues.
    pub fn presence(&self, presence: Option<Presence>) -> Colour {
        match presence {
            Some(Presence::Online) => Colour::rgb(0x00, 0x9e, 0x73),
            Some(Presence::Offline) => Colour::rgb(0xcc, 0x79, 0xa7),
            None => Colour::rgb(0x99, 0x99, 0x99),
        }
    }
}

/// A model colour as a display colour.
pub fn rgb(colour: Rgb) -> Colour {
    let [r, g, b] = colour.0;
    Colour::rgb(r, g, b)
}
