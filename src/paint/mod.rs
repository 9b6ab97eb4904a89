//! Painters: each turns a [`DisplayList`] into bytes for one backend.
//!
//! They share the page set-up here: paper sizes, orientation, margins, and the [`Placement`] that
//! maps the poster (in map-space points) onto the page, scaled to fit and centred. Painters never
//! measure or wrap text and do no file IO.

pub mod png;
pub mod svg;

use crate::display::DisplayList;
use std::fmt;
use std::str::FromStr;

pub mod pdf;
#[cfg(feature = "gui")]
pub mod screen;

/// Points per millimetre (72 points per inch, 25.4 mm per inch).
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A paper size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Paper {
    /// 841 × 1189 mm.
    A0,
    /// 594 × 841 mm.
    A1,
    /// 420 × 594 mm.
    A2,
    /// 297 × 420 mm.
    A3,
    /// 210 × 297 mm.
    A4,
    /// 148 × 210 mm.
    A5,
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// US Legal, 8.5 × 14 in.
    Legal,
    /// US Tabloid, 11 × 17 in.
    Tabloid,
    /// Any size, in millimetres (width × height, portrait or not as given).
    Custom {
        /// Width in millimetres.
        width_mm: f32,
        /// Height in millimetres.
        height_mm: f32,
    },
}

impl Paper {
    /// Every named size, for help texts and menus.
    pub const NAMED: [Paper; 9] = [
        Paper::A0,
        Paper::A1,
        Paper::A2,
        Paper::A3,
        Paper::A4,
        Paper::A5,
        Paper::Letter,
        Paper::Legal,
        Paper::Tabloid,
    ];

    /// Width and height in millimetres, portrait (the shorter side first for named sizes).
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A0 => (841.0, 1189.0),
            Paper::A1 => (594.0, 841.0),
            Paper::A2 => (420.0, 594.0),
            Paper::A3 => (297.0, 420.0),
            Paper::A4 => (210.0, 297.0),
            Paper::A5 => (148.0, 210.0),
            Paper::Letter => (215.9, 279.4),
            Paper::Legal => (215.9, 355.6),
            Paper::Tabloid => (279.4, 431.8),
            Paper::Custom { width_mm, height_mm } => (width_mm, height_mm),
        }
    }

    /// Width and height in points, portrait.
    pub fn size_pt(self) -> (f32, f32) {
        let (w, h) = self.size_mm();
        (w * PT_PER_MM, h * PT_PER_MM)
    }

    /// The name as typed on the command line.
    pub fn name(self) -> String {
        match self {
            Paper::A0 => "A0".into(),
            Paper::A1 => "A1".into(),
            Paper::A2 => "A2".into(),
            Paper::A3 => "A3".into(),
            Paper::A4 => "A4".into(),
            Paper::A5 => "A5".into(),
            Paper::Letter => "Letter".into(),
            Paper::Legal => "Legal".into(),
            Paper::Tabloid => "Tabloid".into(),
            Paper::Custom { width_mm, height_mm } => format!("{width_mm}x{height_mm}mm"),
        }
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// Why a paper name was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown paper size {0:?} (use A0–A5, Letter, Legal, Tabloid or a size such as 500x700mm)")]
pub struct UnknownPaper(pub String);

impl FromStr for Paper {
    type Err = UnknownPaper;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let lower = text.trim().to_ascii_lowercase();
        let named = Paper::NAMED.into_iter().find(|p| p.name().to_ascii_lowercase() == lower);
        if let Some(paper) = named {
            return Ok(paper);
        }
        let size = lower.strip_suffix("mm").unwrap_or(&lower);
        let parts: Vec<&str> = size.split(['x', '×']).map(str::trim).collect();
        if let [w, h] = parts.as_slice()
            && let (Ok(width_mm), Ok(height_mm)) = (w.parse::<f32>(), h.parse::<f32>())
            && (10.0..=10_000.0).contains(&width_mm)
            && (10.0..=10_000.0).contains(&height_mm)
        {
            return Ok(Paper::Custom { width_mm, height_mm });
        }
        Err(UnknownPaper(text.to_owned()))
    }
}

/// Which way the paper is turned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Orientation {
    /// Whichever fits the poster better (landscape for a wide map).
    #[default]
    Auto,
    /// Taller than wide.
    Portrait,
    /// Wider than tall.
    Landscape,
}

/// The page a poster is printed on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSetup {
    /// Paper size.
    pub paper: Paper,
    /// Orientation.
    pub orientation: Orientation,
    /// White margin on each side, in points.
    pub margin_pt: f32,
}

impl Default for PageSetup {
    fn default() -> Self {
        Self { paper: Paper::A1, orientation: Orientation::Auto, margin_pt: 10.0 * PT_PER_MM }
    }
}

/// Where the poster lands on the page: `page = offset + map × scale`, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// Page width in points.
    pub page_width: f32,
    /// Page height in points.
    pub page_height: f32,
    /// Page points per map point.
    pub scale: f32,
    /// Left edge of the poster on the page, in points.
    pub offset_x: f32,
    /// Top edge of the poster on the page, in points (from the top).
    pub offset_y: f32,
}

impl PageSetup {
    /// The page size in points after orientation, for a poster of this shape.
    pub fn page_size_pt(&self, list: &DisplayList) -> (f32, f32) {
        let (w, h) = self.paper.size_pt();
        let (short, long) = (w.min(h), w.max(h));
        let landscape = match self.orientation {
            Orientation::Portrait => false,
            Orientation::Landscape => true,
            Orientation::Auto => list.width >= list.height,
        };
        match (self.paper, landscape) {
            // A custom size is used as given unless an orientation is asked for.
            (Paper::Custom { .. }, _) if self.orientation == Orientation::Auto => (w, h),
            (_, true) => (long, short),
            (_, false) => (short, long),
        }
    }

    /// Scales the poster to fit inside the margins and centres it.
    pub fn place(&self, list: &DisplayList) -> Placement {
        let (page_width, page_height) = self.page_size_pt(list);
        let room_w = (page_width - 2.0 * self.margin_pt).max(1.0);
        let room_h = (page_height - 2.0 * self.margin_pt).max(1.0);
        let scale = if list.width <= 0.0 || list.height <= 0.0 {
            1.0
        } else {
            (room_w / list.width).min(room_h / list.height)
        };
        Placement {
            page_width,
            page_height,
            scale,
            offset_x: (page_width - list.width * scale) / 2.0,
            offset_y: (page_height - list.height * scale) / 2.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(width: f32, height: f32, text_pt: f32) -> DisplayList {
        let mut list = DisplayList { width, height, ..DisplayList::default() };
        list.items.push(crate::display::Item::Text(crate::display::TextLine {
            origin: crate::display::Point::new(0.0, 10.0),
            size: text_pt,
            style: crate::text::FontStyle::Regular,
            colour: crate::display::Colour::rgb(0, 0, 0),
            text: "x".into(),
            glyphs: Vec::new(),
            width: 5.0,
            ascent: 8.0,
            descent: 2.0,
        }));
        list
    }

    #[test]
    fn paper_names_and_sizes() {
        assert_eq!("a1".parse::<Paper>(), Ok(Paper::A1));
        assert_eq!("Tabloid".parse::<Paper>(), Ok(Paper::Tabloid));
        assert_eq!("500x700mm".parse::<Paper>(), Ok(Paper::Custom { width_mm: 500.0, height_mm: 700.0 }));
        assert!("B7".parse::<Paper>().is_err());
        assert!("0x0mm".parse::<Paper>().is_err());
        let (w, h) = Paper::A4.size_pt();
        assert!((w - 595.28).abs() < 0.05 && (h - 841.89).abs() < 0.05, "{w} {h}");
    }

    #[test]
    fn wide_posters_go_landscape_and_are_centred() {
        let setup = PageSetup { paper: Paper::A3, orientation: Orientation::Auto, margin_pt: 0.0 };
        let p = setup.place(&list(2000.0, 1000.0, 10.0));
        assert!(p.page_width > p.page_height);
        assert!((p.scale - p.page_width / 2000.0).abs() < 1e-4);
        assert!(p.offset_x.abs() < 1e-3 && p.offset_y > 0.0);
        let portrait =
            PageSetup { orientation: Orientation::Portrait, ..setup }.place(&list(2000.0, 1000.0, 10.0));
        assert!(portrait.page_width < portrait.page_height);
    }
}
