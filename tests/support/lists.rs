//! Hand-made display lists for the painter tests and benchmarks (no layout needed).

use parcours::display::{Colour, Cubic, DisplayList, Image, ImageClip, Item, Point, Rect, Stroke, TextLine};
use parcours::text::{FontStyle, Fonts};
use std::sync::Arc;

/// One shaped line with its baseline's left end at (`x`, `y`).
pub fn text(text: &str, style: FontStyle, size: f32, x: f32, y: f32, colour: Colour) -> Item {
    let line = Fonts::get().line(text, style, size);
    Item::Text(TextLine::new(&line, Point::new(x, y), style, size, colour))
}

/// Wrapped lines of a paragraph, `leading` points apart, the first baseline at `y`.
pub fn paragraph(body: &str, size: f32, x: f32, y: f32, width: f32, colour: Colour) -> Vec<Item> {
    let fonts = Fonts::get();
    let leading = size * 1.3;
    fonts
        .wrap(body, FontStyle::Regular, size, width)
        .into_iter()
        .zip(0..)
        .map(|(line, i)| {
            Item::Text(TextLine::new(
                &line,
                Point::new(x, y + leading * i as f32),
                FontStyle::Regular,
                size,
                colour,
            ))
        })
        .collect()
}

/// A small photo-like picture: a diagonal gradient with a half-transparent corner.
pub fn picture(width: u32, height: u32) -> Arc<Image> {
    let mut rgba = Vec::with_capacity((width * height * 4) as usize);
    for y in 0..height {
        for x in 0..width {
            let r = u8::try_from(x * 255 / width.max(1)).unwrap_or(255);
            let g = u8::try_from(y * 255 / height.max(1)).unwrap_or(255);
            let a = if x < width / 4 && y < height / 4 { 128 } else { 255 };
            rgba.extend_from_slice(&[r, g, 160, a]);
        }
    }
    Arc::new(Image { key: "photos/gradient.png".into(), width, height, rgba })
}

pub const INK: Colour = Colour::rgb(0x22, 0x2b, 0x3a);
pub const PAPER: Colour = Colour::rgb(0xfa, 0xf8, 0xf4);

/// A poster-like list with one of every item kind: title, stage headers, cards, dashed lines,
/// an emotion curve over an area, circles, an avatar, French text and emoji.
pub fn sample() -> DisplayList {
    let mut items = vec![
        text("Parcours d’achat — boutique en ligne", FontStyle::Bold, 22.0, 24.0, 40.0, INK),
        text("« Pourquoi\u{202f}? » : où les clients abandonnent", FontStyle::Italic, 11.0, 24.0, 58.0, INK),
    ];
    let colours =
        [Colour::rgb(0xdb, 0xea, 0xfe), Colour::rgb(0xfe, 0xf3, 0xc7), Colour::rgb(0xdc, 0xfc, 0xe7)];
    for (i, stage) in ["Découverte", "Achat", "Après-vente"].iter().enumerate() {
        let x = 24.0 + i as f32 * 180.0;
        items.push(Item::Rect {
            rect: Rect::new(x, 74.0, 170.0, 26.0),
            radius: 6.0,
            fill: Some(colours[i]),
            stroke: Some(Stroke::solid(1.0, INK.with_alpha(90))),
        });
        items.push(text(stage, FontStyle::Bold, 12.0, x + 10.0, 92.0, INK));
        items.push(Item::Rect {
            rect: Rect::new(x, 110.0, 170.0, 90.0),
            radius: 8.0,
            fill: Some(Colour::rgb(255, 255, 255)),
            stroke: Some(Stroke::solid(1.5, Colour::rgb(0x94, 0xa3, 0xb8))),
        });
        items.extend(paragraph(
            "Découvre 6,90\u{a0}€ de frais de port au paiement et abandonne son panier 📱 ✓",
            9.0,
            x + 10.0,
            126.0,
            150.0,
            INK,
        ));
    }
    items.push(Item::Line {
        points: vec![Point::new(24.0, 214.0), Point::new(560.0, 214.0)],
        stroke: Stroke::dashed(1.0, INK, 4.0, 3.0),
    });
    let curve_points = [
        Point::new(40.0, 260.0),
        Point::new(200.0, 230.0),
        Point::new(380.0, 300.0),
        Point::new(540.0, 240.0),
    ];
    let mut segments = Vec::new();
    for pair in curve_points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let dx = (b.x - a.x) / 3.0;
        segments.push(Cubic { c1: Point::new(a.x + dx, a.y), c2: Point::new(b.x - dx, b.y), to: b });
    }
    let mut area = segments.clone();
    area.push(Cubic {
        c1: Point::new(540.0, 320.0),
        c2: Point::new(540.0, 320.0),
        to: Point::new(540.0, 320.0),
    });
    area.push(Cubic {
        c1: Point::new(40.0, 320.0),
        c2: Point::new(40.0, 320.0),
        to: Point::new(40.0, 320.0),
    });
    items.push(Item::Area {
        from: curve_points[0],
        segments: area,
        fill: Colour::rgba(0x3b, 0x82, 0xf6, 60),
    });
    items.push(Item::Curve {
        from: curve_points[0],
        segments,
        stroke: Stroke::solid(2.5, Colour::rgb(0x25, 0x63, 0xeb)),
    });
    for p in curve_points {
        items.push(Item::Circle {
            center: p,
            radius: 5.0,
            fill: Some(Colour::rgb(255, 255, 255)),
            stroke: Some(Stroke::solid(2.0, Colour::rgb(0x25, 0x63, 0xeb))),
        });
    }
    items.push(Item::Image {
        rect: Rect::new(480.0, 20.0, 48.0, 48.0),
        image: picture(96, 96),
        clip: ImageClip::Ellipse,
    });
    items.push(Item::Image {
        rect: Rect::new(540.0, 20.0, 40.0, 30.0),
        image: picture(40, 30),
        clip: ImageClip::Rect,
    });
    DisplayList {
        width: 600.0,
        height: 340.0,
        background: PAPER,
        items,
        hits: Vec::new(),
        title: "Parcours d’achat & <test>".into(),
        author: "Équipe CX".into(),
        language: "fr".into(),
        ..DisplayList::default()
    }
}

/// A large synthetic poster: `cards` cards of a few wrapped lines each, with headers, lines and
/// dots (about 3 text lines and 6 shapes per card).
pub fn synthetic(cards: usize) -> DisplayList {
    let columns = 12;
    let mut items = Vec::new();
    let rows = cards.div_ceil(columns);
    for i in 0..cards {
        let x = 20.0 + (i % columns) as f32 * 190.0;
        let y = 60.0 + (i / columns) as f32 * 120.0;
        items.push(Item::Rect {
            rect: Rect::new(x, y, 180.0, 110.0),
            radius: 6.0,
            fill: Some(Colour::rgb(255, 255, 255)),
            stroke: Some(Stroke::solid(1.0, Colour::rgb(0x94, 0xa3, 0xb8))),
        });
        items.push(Item::Rect {
            rect: Rect::new(x, y, 6.0, 110.0),
            radius: 0.0,
            fill: Some(Colour::rgb(0x60, 0xa5, 0xfa)),
            stroke: None,
        });
        items.push(text(&format!("Carte n°{i} — étape"), FontStyle::Bold, 10.0, x + 12.0, y + 18.0, INK));
        items.extend(paragraph(
            "Le client compare les prix, hésite et revient le lendemain ✓",
            8.0,
            x + 12.0,
            y + 34.0,
            160.0,
            INK,
        ));
        items.push(Item::Circle {
            center: Point::new(x + 168.0, y + 14.0),
            radius: 5.0,
            fill: Some(Colour::rgb(0xf5, 0x9e, 0x0b)),
            stroke: None,
        });
        items.push(Item::Line {
            points: vec![Point::new(x + 12.0, y + 96.0), Point::new(x + 168.0, y + 96.0)],
            stroke: Stroke::dashed(0.75, Colour::rgb(0x94, 0xa3, 0xb8), 3.0, 2.0),
        });
    }
    DisplayList {
        width: 20.0 + columns as f32 * 190.0,
        height: 80.0 + rows as f32 * 120.0,
        background: PAPER,
        items,
        hits: Vec::new(),
        title: "Synthetic".into(),
        author: String::new(),
        language: "fr".into(),
        ..DisplayList::default()
    }
}
