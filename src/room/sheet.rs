//! The A4 "join" sheet: the room's QR code, its address in large type, the map's title and
//! what to do, in the map's language. A display list like the poster's, so the PDF and PNG
//! painters print it (`parcours room MAP.ron --join-sheet join.pdf`).

use crate::display::{Colour, DisplayList, Item, Point, Rect, TextLine};
use crate::text::FontStyle;
use crate::text::Fonts;
use qrcode::{Color, EcLevel, QrCode};

/// A4 portrait, in points.
const PAGE: (f32, f32) = (595.276, 841.89);
/// Margin, in points.
const MARGIN: f32 = 48.0;
/// Side of the QR code, quiet zone included, in points.
const QR_SIDE: f32 = 340.0;
/// Modules of quiet zone around the code (the standard asks for 4).
const QUIET: usize = 4;

/// Why a join sheet could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The address does not fit in a QR code.
    #[error("the room's address cannot be put in a QR code ({0})")]
    Qr(String),
}

/// The sheet's words.
fn words(language: &str) -> [&'static str; 5] {
    if language.split(['-', '_']).next().is_some_and(|l| l.eq_ignore_ascii_case("fr")) {
        [
            "Participez à l’atelier",
            "1. Connectez-vous au même Wi-Fi que l’animateur.",
            "2. Scannez le code avec l’appareil photo, ou tapez l’adresse ci-dessus.",
            "3. Écrivez vos notes et votez\u{a0}: sans compte, sans installation, anonyme si vous le souhaitez.",
            "Rien ne sort de la salle\u{a0}: la carte reste sur l’ordinateur de l’animateur.",
        ]
    } else {
        [
            "Join the workshop",
            "1. Join the same Wi-Fi network as the facilitator.",
            "2. Scan the code with your camera, or type the address above.",
            "3. Write your notes and vote: no account, nothing to install, anonymous if you like.",
            "Nothing leaves the room: the map stays on the facilitator’s computer.",
        ]
    }
}

struct Sheet {
    fonts: &'static Fonts,
    list: DisplayList,
}

impl Sheet {
    /// Lines of text centred on the page (or left-aligned at `MARGIN`), from `top`; returns the
    /// height used.
    fn text(
        &mut self,
        text: &str,
        style: FontStyle,
        size: f32,
        top: f32,
        centred: bool,
        colour: Colour,
    ) -> f32 {
        let width = PAGE.0 - 2.0 * MARGIN;
        let ascent = self.fonts.ascent(style, size);
        let descent = self.fonts.descent(style, size);
        let mut y = top;
        for line in self.fonts.wrap(text, style, size, width) {
            let x = if centred { (PAGE.0 - line.width) / 2.0 } else { MARGIN };
            self.list.items.push(Item::Text(TextLine {
                origin: Point::new(x, y + ascent),
                size,
                style,
                colour,
                text: line.text,
                glyphs: line.glyphs,
                width: line.width,
                ascent,
                descent,
            }));
            y += ascent + descent;
        }
        y - top
    }
}

/// The join sheet of a room: `url` in a QR code and in type, `title` above, instructions below.
pub fn join_sheet(url: &str, title: &str, language: &str) -> Result<DisplayList, SheetError> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|error| SheetError::Qr(error.to_string()))?;
    let ink = Colour::rgb(0, 0, 0);
    let muted = Colour::rgb(0x40, 0x40, 0x40);
    let mut sheet = Sheet {
        fonts: Fonts::get(),
        list: DisplayList {
            width: PAGE.0,
            height: PAGE.1,
            background: Colour::rgb(255, 255, 255),
            title: title.to_owned(),
            language: language.to_owned(),
            ..DisplayList::default()
        },
    };
    let [heading, wifi, scan, write, privacy] = words(language);
    let mut y = MARGIN;
    y += sheet.text(heading, FontStyle::Bold, 30.0, y, true, ink) + 6.0;
    if !title.trim().is_empty() {
        y += sheet.text(title, FontStyle::Regular, 18.0, y, true, muted);
    }
    y += 18.0;

    // The code: one rectangle per run of dark modules in a row.
    let modules = code.width();
    let colours = code.to_colors();
    let module = QR_SIDE / (modules + 2 * QUIET) as f32;
    let left = (PAGE.0 - QR_SIDE) / 2.0 + QUIET as f32 * module;
    let top = y + QUIET as f32 * module;
    for row in 0..modules {
        let mut column = 0;
        while column < modules {
            if colours.get(row * modules + column) != Some(&Color::Dark) {
                column += 1;
                continue;
            }
            let start = column;
            while colours.get(row * modules + column) == Some(&Color::Dark) && column < modules {
                column += 1;
            }
            // A hair wider and taller, so that neighbouring runs leave no seam when printed.
            let rect = Rect::new(
                left + start as f32 * module,
                top + row as f32 * module,
                (column - start) as f32 * module + 0.3,
                module + 0.3,
            );
            sheet.list.items.push(Item::Rect { rect, radius: 0.0, fill: Some(ink), stroke: None });
        }
    }
    y += QR_SIDE + 12.0;

    // The address, as large as fits on one line.
    let width = PAGE.0 - 2.0 * MARGIN;
    let natural = sheet.fonts.wrap(url, FontStyle::Bold, 20.0, f32::MAX).first().map_or(1.0, |l| l.width);
    let size = (20.0 * 0.98 * width / natural.max(1.0)).min(20.0);
    y += sheet.text(url, FontStyle::Bold, size, y, true, ink) + 22.0;
    for step in [wifi, scan, write] {
        y += sheet.text(step, FontStyle::Regular, 14.0, y, false, ink) + 6.0;
    }
    y += 10.0;
    sheet.text(privacy, FontStyle::Italic, 11.0, y, false, muted);
    Ok(sheet.list)
}

/// A room's join sheet, ready to be written as PDF or PNG (`parcours room --join-sheet`, the
/// designer's Print join sheet…).
#[derive(Debug)]
pub struct SheetFile(DisplayList);

/// The join sheet of the room at `url` on `map` (its title and language).
pub fn join_sheet_file(url: &str, map: &crate::model::Map) -> Result<SheetFile, String> {
    join_sheet(url, &map.title, &map.language).map(SheetFile).map_err(|e| e.to_string())
}

impl SheetFile {
    /// The sheet as A4 PDF or PNG (150 dpi), by `path`'s extension.
    pub fn bytes(&self, path: &std::path::Path) -> Result<Vec<u8>, String> {
        use crate::paint::{PageSetup, Paper};
        let page = PageSetup { paper: Paper::A4, margin_pt: 0.0, ..PageSetup::default() };
        let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("pdf") => crate::paint::pdf::render_pdf(
                &self.0,
                &crate::paint::pdf::PdfOptions { page, ..Default::default() },
            )
            .map_err(|e| e.to_string()),
            Some("png") => {
                let options = crate::paint::png::PngOptions { page, dpi: 150, ..Default::default() };
                crate::paint::png::render_png(&self.0, &options).map_err(|e| e.to_string())
            }
            _ => Err("the join sheet is written as .pdf or .png".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_holds_the_code_and_the_address_in_its_page() {
        let url = "http://192.168.1.20:7878/r/k3j9x2m4q8v7w6t5s1r0p2n3h4";
        let list = join_sheet(url, "Boutique « en ligne »", "fr").unwrap();
        let page = Rect::new(0.0, 0.0, PAGE.0, PAGE.1);
        let texts: Vec<&TextLine> =
            list.items.iter().filter_map(|i| if let Item::Text(t) = i { Some(t) } else { None }).collect();
        assert!(texts.iter().any(|t| t.text == url), "the address on one line");
        assert!(texts.iter().any(|t| t.text.contains("Participez")));
        let rects = list.items.iter().filter(|i| matches!(i, Item::Rect { .. })).count();
        assert!(rects > 50, "{rects} runs of modules");
        for item in &list.items {
            let bounds = match item {
                Item::Text(t) => t.bounds(),
                Item::Rect { rect, .. } => *rect,
                _ => continue,
            };
            assert!(page.encloses(&bounds, 0.5), "{bounds:?} is off the page");
        }
        assert!(
            join_sheet(url, "", "en")
                .unwrap()
                .items
                .iter()
                .any(|i| matches!(i, Item::Text(t) if t.text.contains("Join the workshop")))
        );
    }
}
