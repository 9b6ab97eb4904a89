//! Colour tokens of the poster and canvas, in one place (light, print, dark, high contrast).
//!
//! Every theme keeps its text readable: body text (`text`, `muted`) has a WCAG contrast of at
//! least 4.5:1 against every background it is drawn on (page, stripes, lane headers, stage
//! headers, cards of every kind, chips); in the high-contrast theme every text colour reaches
//! 7:1 (WCAG AAA). The emotion colours stay apart under simulated protanopia, deuteranopia and
//! tritanopia, and the curves also draw a face per point, so colour is never the only cue. The
//! tests at the end of this file compute both.

use crate::display::{Colour, Stroke};
use crate::model::{CardKind, EmotionScale, Presence, Rgb};

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
    /// Black on white with strong outlines, no tinted fills, every text at 7:1 or more: for
    /// projectors in lit rooms and for low vision. Black on white rather than white on black
    /// because a projector's black is grey in a lit room (white text on it loses contrast) while
    /// its white stays white, and because the same theme then prints without flooding the
    /// paper with ink.
    HighContrast,
}

impl ThemeName {
    /// Every theme, for menus and help.
    pub const ALL: [ThemeName; 4] =
        [ThemeName::Light, ThemeName::Print, ThemeName::Dark, ThemeName::HighContrast];

    /// The name as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Light => "light",
            ThemeName::Print => "print",
            ThemeName::Dark => "dark",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    /// The theme with this command-line name.
    pub fn parse(text: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// Okabe–Ito vermilion and orange, grey, sky blue and blue: a diverging scale that stays readable
/// for the three kinds of colour blindness.
const EMOTION_OKABE_ITO: [Colour; 5] = [
    Colour::rgb(0xd5, 0x5e, 0x00),
    Colour::rgb(0xe6, 0x9f, 0x00),
    Colour::rgb(0x99, 0x99, 0x99),
    Colour::rgb(0x56, 0xb4, 0xe9),
    Colour::rgb(0x00, 0x72, 0xb2),
];

/// The same scale darkened until each colour has 7:1 contrast on white (the faces drawn in it
/// are text): dark vermilion, ochre, grey, steel blue, blue.
const EMOTION_DARK: [Colour; 5] = [
    Colour::rgb(0x9a, 0x36, 0x00),
    Colour::rgb(0x7a, 0x4f, 0x00),
    Colour::rgb(0x4d, 0x4d, 0x4d),
    Colour::rgb(0x1a, 0x5a, 0x85),
    Colour::rgb(0x00, 0x4c, 0x8c),
];

/// The initials on a coloured disc: white where it is readable enough…
const INK_LIGHT: Colour = Colour::rgb(0xff, 0xff, 0xff);
/// …black otherwise.
const INK_DARK: Colour = Colour::rgb(0x00, 0x00, 0x00);
/// Bold text this size and larger is "large" for WCAG: 3:1 contrast is enough.
const LARGE_BOLD_PT: f32 = 14.0;

/// How a persona's initials are drawn: see [`Theme::initials`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Initials {
    /// The disc's fill.
    pub disc: Colour,
    /// A ring around the disc, if any.
    pub ring: Option<Stroke>,
    /// The initials' colour.
    pub ink: Colour,
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
    /// Whether cards are filled with their kind's tint (false: plain `card` fill).
    pub tinted_cards: bool,
    /// Whether a card's outline takes its kind's colour (true) or `card_stroke` (false).
    pub outline_by_kind: bool,
    /// Width of card outlines, in points.
    pub outline_width: f32,
    /// Opacity of a stage's colour behind its header (0: plain page).
    pub stage_tint: u8,
    /// Opacity of the persona's colour in the area between an emotion curve and the neutral line
    /// (0: no area).
    pub curve_area: u8,
    /// Whether small text may take a colour from the map (tags in their kind's colour, a
    /// persona's segment in the persona's colour, initials on the persona's colour); false keeps
    /// all text in `text` and `muted`, whose contrast is known.
    pub coloured_text: bool,
    /// Search hits' rings, the presented stage's outline and header: strong, and readable as
    /// text on the page and on stage headers.
    pub accent: Colour,
    /// The emotion scale, from the most negative to the most positive score.
    pub emotion_stops: [Colour; 5],
}

/// The shape of an emotion mark: what it says without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkShape {
    /// Two steps or more above the scale's neutral: two triangles pointing up, one above the
    /// other (strength told by shape, not only by colour).
    StrongUp,
    /// One step above the scale's neutral: a triangle pointing up.
    Up,
    /// At the neutral: a disc.
    Level,
    /// One step below the neutral: a triangle pointing down.
    Down,
    /// Two steps or more below the neutral: two triangles pointing down.
    StrongDown,
}

/// How an emotion score is drawn ([`Theme::emotion_mark`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EmotionMark {
    /// Its shape.
    pub shape: MarkShape,
    /// Its fill: the colour of the level.
    pub fill: Colour,
    /// Its outline.
    pub outline: Colour,
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
                outline_by_kind: false,
                outline_width: 0.75,
                stage_tint: 28,
                curve_area: 30,
                coloured_text: true,
                accent: Colour::rgb(0xc2, 0x18, 0x5b),
                emotion_stops: EMOTION_OKABE_ITO,
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
                outline_by_kind: true,
                outline_width: 0.75,
                stage_tint: 28,
                curve_area: 30,
                coloured_text: true,
                accent: Colour::rgb(0xc2, 0x18, 0x5b),
                emotion_stops: EMOTION_OKABE_ITO,
            },
            ThemeName::Dark => Theme {
                name,
                page: Colour::rgb(0x1b, 0x1e, 0x24),
                text: Colour::rgb(0xe8, 0xea, 0xed),
                // Lighter than the first version (#a3aab4), which gave details on tinted idea
                // and note cards less than 4.5:1.
                muted: Colour::rgb(0xbc, 0xc2, 0xca),
                rule: Colour::rgb(0x3a, 0x3f, 0x48),
                stripe: Colour::rgb(0x22, 0x26, 0x2d),
                header: Colour::rgb(0x26, 0x2a, 0x32),
                stage: Colour::rgb(0x6b, 0x93, 0xc4),
                card: Colour::rgb(0x2c, 0x31, 0x3a),
                card_stroke: Colour::rgb(0x4a, 0x50, 0x5b),
                chip: Colour::rgb(0x2c, 0x31, 0x3a),
                tinted_cards: true,
                outline_by_kind: false,
                outline_width: 0.75,
                stage_tint: 28,
                curve_area: 30,
                coloured_text: true,
                accent: Colour::rgb(0xff, 0xc5, 0x3d),
                emotion_stops: EMOTION_OKABE_ITO,
            },
            ThemeName::HighContrast => Theme {
                name,
                page: Colour::rgb(0xff, 0xff, 0xff),
                text: Colour::rgb(0x00, 0x00, 0x00),
                muted: Colour::rgb(0x30, 0x30, 0x30),
                rule: Colour::rgb(0x40, 0x40, 0x40),
                stripe: Colour::rgb(0xff, 0xff, 0xff),
                header: Colour::rgb(0xff, 0xff, 0xff),
                stage: Colour::rgb(0x00, 0x00, 0x00),
                card: Colour::rgb(0xff, 0xff, 0xff),
                card_stroke: Colour::rgb(0x00, 0x00, 0x00),
                chip: Colour::rgb(0xff, 0xff, 0xff),
                tinted_cards: false,
                outline_by_kind: false,
                outline_width: 2.0,
                stage_tint: 0,
                curve_area: 0,
                coloured_text: false,
                accent: Colour::rgb(0x00, 0x33, 0xcc),
                emotion_stops: EMOTION_DARK,
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

    /// The mark of an emotion score on `scale`: one mark per point, the same on the curve, on a
    /// card and in the legend. An average is shown as the level it is nearest to (so its colour
    /// is a legend swatch); the shape says the direction without colour (▲ above neutral, ● at
    /// it, ▼ below), and the outline in the text colour keeps it at 3:1 or more against any
    /// background the theme draws on, whatever the fill.
    pub fn emotion_mark(&self, scale: &EmotionScale, score: f64) -> EmotionMark {
        let neutral = scale.neutral();
        let level = scale.snap(score).map_or(neutral, f64::from);
        let shape = if level >= neutral + 2.0 - 1e-9 {
            MarkShape::StrongUp
        } else if level > neutral + 1e-9 {
            MarkShape::Up
        } else if level <= neutral - 2.0 + 1e-9 {
            MarkShape::StrongDown
        } else if level < neutral - 1e-9 {
            MarkShape::Down
        } else {
            MarkShape::Level
        };
        EmotionMark { shape, fill: self.emotion(scale.fraction(level)), outline: self.text }
    }

    /// The colour of an emotion, from 0 (most negative) to 1 (most positive), on the theme's
    /// colour-blind-safe diverging scale.
    pub fn emotion(&self, fraction: f64) -> Colour {
        let stops = &self.emotion_stops;
        #[expect(clippy::cast_possible_truncation, reason = "a fraction of 0..=1 times 4")]
        let at = (fraction.clamp(0.0, 1.0) * 4.0) as f32;
        // `at` is within 0..=4, so the index is too.
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0..=3")]
        let i = (at.floor() as usize).min(3);
        stops[i].lerp(stops[i + 1], at - i as f32)
    }

    /// The colour of small text that a map colour may tint (a card's tags in its accent, a
    /// persona's segment in the persona's colour): that colour where the theme allows coloured
    /// text, `muted` otherwise.
    pub fn small_text(&self, accent: Colour) -> Colour {
        if self.coloured_text { accent } else { self.muted }
    }

    /// How a card is outlined: in its kind's `accent` where the theme outlines by kind, in
    /// `card_stroke` otherwise, at `outline_width`.
    pub fn card_outline(&self, accent: Colour) -> Stroke {
        Stroke::solid(self.outline_width, if self.outline_by_kind { accent } else { self.card_stroke })
    }

    /// A persona's badge without a photo: initials (bold, `size_pt`) on a disc. Where the theme
    /// allows coloured text the disc is the persona's `colour` and the initials white, or black
    /// when white falls short of WCAG's contrast for their size (3:1 from 14 pt bold, 4.5:1
    /// below; one of the two always reaches 4.58:1). Otherwise the disc takes the text colour,
    /// ringed with the persona's colour, and the initials the page colour.
    pub fn initials(&self, colour: Colour, size_pt: f32) -> Initials {
        if !self.coloured_text {
            return Initials { disc: self.text, ring: Some(Stroke::solid(2.0, colour)), ink: self.page };
        }
        let needed = if size_pt >= LARGE_BOLD_PT { 3.0 } else { 4.5 };
        let ink = if contrast(INK_LIGHT, colour) >= needed { INK_LIGHT } else { INK_DARK };
        Initials { disc: colour, ring: None, ink }
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

/// sRGB channel (0–255) to linear light.
fn linear(channel: u8) -> f64 {
    let c = f64::from(channel) / 255.0;
    if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

/// A colour's channels in linear light.
fn linear_rgb(c: Colour) -> [f64; 3] {
    [linear(c.r), linear(c.g), linear(c.b)]
}

/// WCAG 2 relative luminance (alpha ignored).
fn luminance(c: Colour) -> f64 {
    let [r, g, b] = linear_rgb(c);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// The WCAG 2 contrast ratio of two opaque colours, from 1 (none) to 21 (black on white).
pub fn contrast(a: Colour, b: Colour) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `top` (with its alpha) painted over the opaque `bottom`, as the painters blend.
    fn over(top: Colour, bottom: Colour) -> Colour {
        bottom.lerp(top.with_alpha(255), f32::from(top.a) / 255.0)
    }

    /// Every background text is drawn on, by name.
    fn backgrounds(theme: &Theme) -> Vec<(String, Colour)> {
        let mut all = vec![
            ("page".to_owned(), theme.page),
            ("stripe".to_owned(), theme.stripe),
            ("lane header".to_owned(), theme.header),
            ("chip".to_owned(), theme.chip),
            ("stage header".to_owned(), over(theme.stage.with_alpha(theme.stage_tint), theme.page)),
        ];
        for kind in CardKind::ALL {
            all.push((format!("{kind:?} card"), theme.card_fill(kind, None)));
        }
        all
    }

    #[test]
    fn emotion_marks_reach_3_to_1_and_match_the_legend_in_every_theme() {
        let scale = EmotionScale::default();
        for name in ThemeName::ALL {
            let theme = Theme::new(name);
            for level in scale.min..=scale.max {
                let mark = theme.emotion_mark(&scale, f64::from(level));
                for (background_name, background) in backgrounds(&theme) {
                    let ratio = contrast(mark.outline, background);
                    assert!(ratio >= 3.0, "{name:?}: mark of {level} on {background_name} is {ratio:.2}:1");
                }
                let expected = match level {
                    2.. => MarkShape::StrongUp,
                    1 => MarkShape::Up,
                    0 => MarkShape::Level,
                    -1 => MarkShape::Down,
                    _ => MarkShape::StrongDown,
                };
                assert_eq!(mark.shape, expected, "{name:?} {level}");
            }
            // An average takes the mark of its nearest level: a legend swatch, not a colour between.
            let legend: Vec<EmotionMark> =
                (scale.min..=scale.max).map(|l| theme.emotion_mark(&scale, f64::from(l))).collect();
            for step in 0..=40 {
                let mean = -2.0 + f64::from(step) / 10.0;
                assert!(legend.contains(&theme.emotion_mark(&scale, mean)), "{name:?}: {mean} has no swatch");
            }
        }
    }

    #[test]
    fn body_text_has_wcag_contrast_in_every_theme() {
        for name in ThemeName::ALL {
            let theme = Theme::new(name);
            let high = name == ThemeName::HighContrast;
            let least = if high { 7.0 } else { 4.5 };
            let mut texts = vec![("text", theme.text), ("muted", theme.muted), ("accent", theme.accent)];
            if high {
                // Everything else drawn as text: tags, faces and scale labels in emotion colours.
                texts.push(("tags", theme.small_text(theme.kind_accent(CardKind::Idea))));
                for step in 0..=20 {
                    texts.push(("emotion", theme.emotion(f64::from(step) / 20.0)));
                }
            }
            for (text_name, text) in &texts {
                for (background_name, background) in backgrounds(&theme) {
                    let ratio = contrast(*text, background);
                    assert!(
                        ratio >= least,
                        "{name:?}: {text_name} {} on {background_name} {} is {ratio:.2}:1, below {least}:1",
                        text.to_hex(),
                        background.to_hex()
                    );
                }
            }
        }
    }

    #[test]
    fn the_high_contrast_theme_has_no_tints_and_strong_outlines() {
        let theme = Theme::new(ThemeName::HighContrast);
        assert!(!theme.tinted_cards && !theme.coloured_text);
        assert_eq!((theme.stage_tint, theme.curve_area), (0, 0));
        assert!(theme.outline_width >= 2.0);
        assert!(contrast(theme.card_stroke, theme.card) >= 7.0 && contrast(theme.rule, theme.page) >= 7.0);
        assert_eq!(ThemeName::parse("High-Contrast"), Some(ThemeName::HighContrast));
        for name in ThemeName::ALL {
            assert_eq!(ThemeName::parse(name.name()), Some(name));
        }
    }

    /// Machado, Oliveira and Fernandes (2009), "A physiologically-based model for simulation of
    /// color vision deficiency", severity 1.0 (dichromacy), applied to linear RGB.
    const PROTANOPIA: [[f64; 3]; 3] = [
        [0.152_286, 1.052_583, -0.204_868],
        [0.114_503, 0.786_281, 0.099_216],
        [-0.003_882, -0.048_116, 1.051_998],
    ];
    const DEUTERANOPIA: [[f64; 3]; 3] = [
        [0.367_322, 0.860_646, -0.227_968],
        [0.280_085, 0.672_501, 0.047_413],
        [-0.011_820, 0.042_940, 0.968_881],
    ];
    const TRITANOPIA: [[f64; 3]; 3] = [
        [1.255_528, -0.076_749, -0.178_779],
        [-0.078_411, 0.930_809, 0.147_602],
        [0.004_733, 0.691_367, 0.303_900],
    ];

    /// CIELAB (D65) of a linear RGB colour.
    #[expect(clippy::many_single_char_names, reason = "the colour science names: r, g, b, x, y, z, f")]
    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
        let f = |t: f64| if t > 216.0 / 24389.0 { t.cbrt() } else { (24389.0 / 27.0 * t + 16.0) / 116.0 };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    fn simulate(matrix: &[[f64; 3]; 3], c: Colour) -> [f64; 3] {
        let rgb = linear_rgb(c);
        matrix.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0))
    }

    /// The emotion colours of the lowest, neutral and highest scores stay apart as seen with each
    /// kind of dichromacy: simulated with Machado et al.'s matrices, then compared in CIELAB. A
    /// ΔE*76 of 20 is a difference anyone notices at a glance (2.3 is the just-noticeable one).
    #[test]
    fn emotion_colours_stay_apart_for_colour_blind_eyes() {
        for name in ThemeName::ALL {
            let theme = Theme::new(name);
            let levels =
                [("low", theme.emotion(0.0)), ("neutral", theme.emotion(0.5)), ("high", theme.emotion(1.0))];
            for (vision, matrix) in
                [("protanopia", PROTANOPIA), ("deuteranopia", DEUTERANOPIA), ("tritanopia", TRITANOPIA)]
            {
                for (i, (a_name, a)) in levels.iter().enumerate() {
                    for (b_name, b) in &levels[i + 1..] {
                        let (la, lb) = (lab(simulate(&matrix, *a)), lab(simulate(&matrix, *b)));
                        let delta =
                            ((la[0] - lb[0]).powi(2) + (la[1] - lb[1]).powi(2) + (la[2] - lb[2]).powi(2))
                                .sqrt();
                        assert!(
                            delta >= 20.0,
                            "{name:?} with {vision}: {a_name} and {b_name} are ΔE {delta:.1}"
                        );
                    }
                }
            }
            // Dots on the page stay visible (WCAG non-text contrast, 3:1) in high contrast.
            if name == ThemeName::HighContrast {
                for (level, colour) in levels {
                    assert!(contrast(colour, theme.page) >= 3.0, "{level}");
                }
            }
        }
    }
}
