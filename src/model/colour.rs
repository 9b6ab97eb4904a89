//! Colours in the file: `"#rrggbb"` strings, readable in a diff.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An opaque sRGB colour, written `"#1f77b4"` in map files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Red, green, blue in 0…255.
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b])
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// The text was not a `#rrggbb` colour.
#[derive(Debug, thiserror::Error)]
#[error("expected a colour written \"#rrggbb\" (like \"#e4572e\"), found {0:?}")]
pub struct ParseRgbError(String);

impl FromStr for Rgb {
    type Err = ParseRgbError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || ParseRgbError(text.chars().take(40).collect());
        let hex = text.strip_prefix('#').ok_or_else(bad)?;
        let hex = match hex.len() {
            6 => hex.to_owned(),
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            _ => return Err(bad()),
        };
        let byte = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (byte(0), byte(2), byte(4)) {
            (Some(r), Some(g), Some(b)) => Ok(Self([r, g, b])),
            _ => Err(bad()),
        }
    }
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_long_and_short_forms() {
        assert_eq!("#e4572e".parse::<Rgb>().ok(), Some(Rgb::new(0xe4, 0x57, 0x2e)));
        assert_eq!("#FFF".parse::<Rgb>().ok(), Some(Rgb::new(255, 255, 255)));
        assert_eq!(Rgb::new(1, 2, 255).to_string(), "#0102ff");
        for bad in ["e4572e", "#e4572", "#gg0000", "#ééé", ""] {
            assert!(bad.parse::<Rgb>().is_err(), "{bad}");
        }
    }
}
