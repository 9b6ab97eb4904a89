//! PDF export speed: `cargo bench --bench pdf_bench`.
//!
//! A synthetic poster the size of a large map (600 cards: about 2,400 text lines and 4,000
//! shapes), plain and tiled onto A4. The budget is 150 ms per export.

use criterion::{Criterion, criterion_group, criterion_main};
use parcours::display::{Colour, Cubic, DisplayList, FontStyle, Item, Point, Rect, Stroke, TextLine};
use parcours::paint::pdf::{PdfOptions, Tiling, render_pdf};
use parcours::paint::{Orientation, PageSetup, Paper};
use parcours::text::Fonts;
use std::hint::black_box;

fn text(s: &str, style: FontStyle, size: f32, x: f32, y: f32) -> Item {
    let fonts = Fonts::get();
    let line = fonts.line(s, style, size);
    Item::Text(TextLine {
        origin: Point::new(x, y),
        size,
        style,
        colour: Colour::rgb(30, 30, 40),
        text: line.text,
        glyphs: line.glyphs,
        width: line.width,
        ascent: fonts.ascent(style, size),
        descent: fonts.descent(style, size),
    })
}

/// 12 stages × 50 rows of cards, each a rounded rectangle with a title, two lines of text and a
/// quote, plus channel dots, dashed links and emotion curves.
fn synthetic(cards: usize) -> DisplayList {
    let mut items = Vec::new();
    let (card_w, card_h) = (200.0, 110.0);
    for i in 0..cards {
        let (col, row) = ((i % 12) as f32, (i / 12) as f32);
        let (x, y) = (40.0 + col * 230.0, 120.0 + row * 130.0);
        items.push(Item::Rect {
            rect: Rect::new(x, y, card_w, card_h),
            radius: 8.0,
            fill: Some(Colour::rgba(120, 160, 230, 90)),
            stroke: Some(Stroke::solid(1.0, Colour::rgb(60, 90, 160))),
        });
        items.push(Item::Rect {
            rect: Rect::new(x, y, 6.0, card_h),
            radius: 0.0,
            fill: Some(Colour::rgb(60, 90, 160)),
            stroke: None,
        });
        items.push(text(
            &format!("Étape {} — carte n°{i}", i % 12 + 1),
            FontStyle::Bold,
            11.0,
            x + 12.0,
            y + 20.0,
        ));
        items.push(text("Compare les frais de livraison et", FontStyle::Regular, 9.0, x + 12.0, y + 38.0));
        items.push(text("abandonne son panier sur mobile", FontStyle::Regular, 9.0, x + 12.0, y + 50.0));
        items.push(text(
            "«\u{202f}Pourquoi si cher\u{202f}?\u{202f}»",
            FontStyle::Italic,
            9.0,
            x + 12.0,
            y + 66.0,
        ));
        items.push(Item::Circle {
            center: Point::new(x + card_w - 14.0, y + card_h - 14.0),
            radius: 6.0,
            fill: Some(Colour::rgb(240, 180, 60)),
            stroke: None,
        });
        items.push(Item::Line {
            points: vec![Point::new(x + card_w, y + 55.0), Point::new(x + card_w + 30.0, y + 55.0)],
            stroke: Stroke::dashed(1.0, Colour::rgb(150, 150, 150), 4.0, 3.0),
        });
        if i % 12 == 0 {
            let segments = (0..11)
                .map(|k| {
                    let x0 = 140.0 + k as f32 * 230.0;
                    Cubic {
                        c1: Point::new(x0 + 80.0, y + 20.0),
                        c2: Point::new(x0 + 150.0, y + 90.0),
                        to: Point::new(x0 + 230.0, y + 55.0),
                    }
                })
                .collect::<Vec<_>>();
            items.push(Item::Area {
                from: Point::new(140.0, y + 55.0),
                segments: segments.clone(),
                fill: Colour::rgba(80, 200, 120, 60),
            });
            items.push(Item::Curve {
                from: Point::new(140.0, y + 55.0),
                segments,
                stroke: Stroke::solid(2.0, Colour::rgb(30, 140, 70)),
            });
        }
    }
    let rows = cards.div_ceil(12) as f32;
    DisplayList {
        width: 40.0 + 12.0 * 230.0,
        height: 160.0 + rows * 130.0,
        background: Colour::rgb(250, 248, 243),
        items,
        hits: Vec::new(),
        title: "Carte générée".into(),
        author: "Parcours".into(),
        language: "fr".into(),
    }
}

fn bench(c: &mut Criterion) {
    let list = synthetic(600);
    let page = PageSetup { paper: Paper::A0, orientation: Orientation::Auto, ..PageSetup::default() };
    let plain = PdfOptions { page, ..PdfOptions::default() };
    let tiled =
        PdfOptions { page: PageSetup { paper: Paper::A1, ..page }, tile: Some(Tiling::default()), ..plain };
    let mut group = c.benchmark_group("pdf-600-cards");
    group.sample_size(20);
    group.bench_function("A0", |b| b.iter(|| render_pdf(black_box(&list), &plain).expect("pdf")));
    group.bench_function("A1-on-A4-tiles", |b| b.iter(|| render_pdf(black_box(&list), &tiled).expect("pdf")));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
