//! Readability of a printed poster: how large its smallest text must print to be read from a
//! distance, and the warning (a value, so the designer can word it in its own language) that says
//! what would work when it does not.
//!
//! The rule of thumb: text needs about 1 pt of height per 8 cm of reading distance — 6 pt at a
//! desk (48 cm), 19 pt from 1.5 m.

use std::fmt;

/// Reading distance at a desk, in metres: where 6 pt text reads.
pub const DESK_DISTANCE_M: f32 = 0.48;

/// Centimetres of reading distance per point of text size.
pub const CM_PER_PT: f32 = 8.0;

/// The smallest text size, in points, that reads from `distance_m` metres.
pub fn needed_pt(distance_m: f32) -> f32 {
    distance_m * 100.0 / CM_PER_PT
}

/// A reading distance such as `1.5m` or `150cm`, in metres; `None` when it is not one (or not
/// positive).
pub fn parse_distance_m(text: &str) -> Option<f32> {
    let text = text.trim().to_ascii_lowercase();
    let (number, per_metre) = if let Some(n) = text.strip_suffix("cm") {
        (n, 100.0)
    } else if let Some(n) = text.strip_suffix('m') {
        (n, 1.0)
    } else {
        return None;
    };
    let value: f32 = number.trim().replace(',', ".").parse().ok()?;
    let metres = value / per_metre;
    (metres.is_finite() && metres > 0.0 && metres <= 100.0).then_some(metres)
}

/// Tiling a paper onto office paper: how many pages it takes.
#[derive(Clone, Debug, PartialEq)]
pub struct TiledOption {
    /// The office paper (`A4`, `A3`).
    pub tile: String,
    /// Pages it takes.
    pub pages: usize,
}

/// What would make the text readable.
#[derive(Clone, Debug, PartialEq)]
pub enum Remedy {
    /// The smallest standard paper on which the poster, laid out for it, prints its smallest
    /// text large enough; and that paper tiled onto office paper.
    Paper {
        /// The paper (`A0`, `Tabloid`).
        paper: String,
        /// The smallest text's printed size on it, in points.
        printed_pt: f32,
        /// The same poster tiled onto smaller sheets (A4, A3), fewest pages first.
        tiled: Vec<TiledOption>,
    },
    /// No standard paper is large enough: the largest tried, and the size it prints at.
    NoPaper {
        /// The largest paper tried (`A0`).
        largest: String,
        /// The smallest text's printed size on it, in points.
        printed_pt: f32,
    },
}

/// The readability warning: the smallest text prints below what the reading distance needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Readability {
    /// The paper printed on (`A1`, or `500x700mm`).
    pub paper: String,
    /// The office paper it is tiled onto, if it is.
    pub tiled_on: Option<String>,
    /// The smallest text's printed size, in points.
    pub printed_pt: f32,
    /// The size the reading distance needs, in points.
    pub needed_pt: f32,
    /// The reading distance, in metres.
    pub distance_m: f32,
    /// What would work.
    pub remedy: Remedy,
}

/// A distance in the units a person would say it: `48 cm`, `1.5 m`.
fn distance(m: f32) -> String {
    if m < 1.0 { format!("{:.0} cm", m * 100.0) } else { format!("{} m", (m * 100.0).round() / 100.0) }
}

impl fmt::Display for Readability {
    /// The warning in English, for the command line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let on = match &self.tiled_on {
            Some(tile) => format!("{} (tiled on {tile})", self.paper),
            None => self.paper.clone(),
        };
        write!(
            f,
            "on {on} the smallest text prints at {:.1} pt, below the {:.0} pt needed to read it from {}; ",
            self.printed_pt,
            self.needed_pt.ceil(),
            distance(self.distance_m)
        )?;
        match &self.remedy {
            Remedy::Paper { paper, printed_pt, tiled } => {
                write!(f, "print on {paper} ({printed_pt:.1} pt, --paper {paper})")?;
                let tiles: Vec<String> = tiled
                    .iter()
                    .map(|t| format!("{} {} pages (--tile {})", t.pages, t.tile, t.tile))
                    .collect();
                if !tiles.is_empty() {
                    write!(f, ", or tile {paper} onto {}", tiles.join(" or "))?;
                }
                Ok(())
            }
            Remedy::NoPaper { largest, printed_pt } => write!(
                f,
                "even {largest} prints it at only {printed_pt:.1} pt: read it closer, hide details or lanes, or split the map"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_of_thumb() {
        assert!((needed_pt(DESK_DISTANCE_M) - 6.0).abs() < 1e-4);
        assert!((needed_pt(1.5) - 18.75).abs() < 1e-4);
    }

    #[test]
    fn distances_in_metres_and_centimetres() {
        assert_eq!(parse_distance_m("1.5m"), Some(1.5));
        assert_eq!(parse_distance_m(" 150 cm"), Some(1.5));
        assert_eq!(parse_distance_m("2,5m"), Some(2.5));
        assert_eq!(parse_distance_m("48cm"), Some(0.48));
        for bad in ["1.5", "far", "-1m", "0m", "1.5km"] {
            assert_eq!(parse_distance_m(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_warning_names_the_remedy() {
        let warning = Readability {
            paper: "A1".into(),
            tiled_on: Some("A4".into()),
            printed_pt: 9.0,
            needed_pt: 18.75,
            distance_m: 1.5,
            remedy: Remedy::Paper {
                paper: "A0".into(),
                printed_pt: 19.5,
                tiled: vec![TiledOption { tile: "A3".into(), pages: 8 }],
            },
        };
        let text = warning.to_string();
        assert!(
            text.contains("A1 (tiled on A4)") && text.contains("9.0 pt") && text.contains("19 pt"),
            "{text}"
        );
        assert!(
            text.contains("1.5 m") && text.contains("print on A0") && text.contains("8 A3 pages"),
            "{text}"
        );
    }
}
