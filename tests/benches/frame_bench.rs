//! Designer frame times, headless: an egui `Context` runs the whole designer (menus, panels,
//! canvas) on a generated 600-card map and tessellates the output, as a frame does before the GPU.
//!
//! - idle frame: nothing changed (the cached display list is painted again);
//! - frame after an edit: one card's title changes (re-layout with a warm text cache + paint);
//! - startup: from a loaded map to the first tessellated frame (fonts, layout, fit);
//! - on a 2,000-card map: the idle frame as opened (fit width), and at 100 % in the middle of the
//!   map, where the frozen headers paint the list again in their strips.
//!
//! `cargo bench --bench frame_bench`

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::App as _;
use parcours::app::files::Store;
use parcours::app::{Designer, StartOptions};
use parcours::edit::{CardField, Command};
use parcours::model::generate::large_map;
use std::hint::black_box;

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0))),
        ..egui::RawInput::default()
    }
}

fn options(dir: &std::path::Path) -> StartOptions {
    StartOptions { native_dialogs: false, store: Store::at(dir), offer_recovery: false, seed: 1, lang: None }
}

/// Runs one frame of the designer and tessellates it.
fn frame(ctx: &egui::Context, designer: &mut Designer, frame: &mut eframe::Frame) -> usize {
    let mut output = ctx.run_ui(input(), |ui| {
        designer.logic(ui.ctx(), frame);
        designer.ui(ui, frame);
    });
    // No GPU here: the font atlas and image uploads are dropped, as a renderer would consume them.
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn frames(c: &mut Criterion) {
    let dir = std::env::temp_dir().join("parcours-frame-bench");
    let map = large_map(12, 8, 600, 1);
    let mut group = c.benchmark_group("designer frame, 600 cards");
    group.sample_size(20);

    let ctx = egui::Context::default();
    let mut eframe_frame = eframe::Frame::_new_kittest();
    let mut designer = Designer::new(&ctx, map.clone(), None, options(&dir));
    for _ in 0..3 {
        frame(&ctx, &mut designer, &mut eframe_frame);
    }
    group.bench_function("idle frame", |b| {
        b.iter(|| black_box(frame(&ctx, &mut designer, &mut eframe_frame)));
    });

    let card = map.cards[42].id.clone();
    let mut n = 0_u32;
    group.bench_function("frame after a one-card edit", |b| {
        b.iter(|| {
            n += 1;
            let command =
                Command::SetCard { id: card.clone(), field: CardField::Title(format!("Appel n° {n}")) };
            designer.editor_mut().apply(command).expect("edit");
            black_box(frame(&ctx, &mut designer, &mut eframe_frame))
        });
    });

    group.sample_size(10);
    group.bench_function("startup to first frame", |b| {
        b.iter(|| {
            let ctx = egui::Context::default();
            let mut eframe_frame = eframe::Frame::_new_kittest();
            let mut designer = Designer::new(&ctx, map.clone(), None, options(&dir));
            black_box(frame(&ctx, &mut designer, &mut eframe_frame))
        });
    });
    group.finish();
}

fn large(c: &mut Criterion) {
    let dir = std::env::temp_dir().join("parcours-frame-bench");
    let map = large_map(16, 12, 2000, 1);
    let mut group = c.benchmark_group("designer frame, 2000 cards");
    group.sample_size(20);

    let ctx = egui::Context::default();
    let mut eframe_frame = eframe::Frame::_new_kittest();
    let mut designer = Designer::new(&ctx, map, None, options(&dir));
    for _ in 0..3 {
        frame(&ctx, &mut designer, &mut eframe_frame);
    }
    group.bench_function("idle frame", |b| {
        b.iter(|| black_box(frame(&ctx, &mut designer, &mut eframe_frame)));
    });
    // 100 % around the middle of the canvas: the headers scrolled out are frozen on screen.
    designer.run(&ctx, parcours::app::Action::ActualSize);
    for _ in 0..3 {
        frame(&ctx, &mut designer, &mut eframe_frame);
    }
    let to_screen = designer.canvas().to_screen();
    let frozen = designer.canvas().frozen(to_screen);
    assert!(frozen.top.is_some() && frozen.left.is_some(), "the bench must show frozen headers");
    group.bench_function("idle frame at 100 % with frozen headers", |b| {
        b.iter(|| black_box(frame(&ctx, &mut designer, &mut eframe_frame)));
    });
    group.finish();
}

criterion_group!(benches, frames, large);
criterion_main!(benches);
