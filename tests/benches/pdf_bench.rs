//! PDF export speed on real layouts: `cargo bench --bench pdf_bench`.
//!
//! The French example map and a generated 600-card map, laid out once, then painted to PDF: on
//! one page (A1 and A0) and tiled onto A4. The budget is 150 ms per export.

use criterion::{Criterion, criterion_group, criterion_main};
use parcours::layout::{LayoutOptions, poster};
use parcours::model::generate::large_map;
use parcours::paint::pdf::{PdfOptions, Tiling, render_pdf};
use parcours::paint::{PageSetup, Paper};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let example = parcours::file::load(std::path::Path::new("maps/ecommerce-fr.ron")).expect("example map");
    let layout = LayoutOptions::default();
    let french = poster(&example, &layout);
    let large = poster(&large_map(12, 8, 600, 1), &layout);
    let a1 =
        PdfOptions { page: PageSetup { paper: Paper::A1, ..PageSetup::default() }, ..PdfOptions::default() };
    let a0 =
        PdfOptions { page: PageSetup { paper: Paper::A0, ..PageSetup::default() }, ..PdfOptions::default() };
    let tiled = PdfOptions { tile: Some(Tiling::default()), ..a1 };
    let mut group = c.benchmark_group("pdf");
    group.sample_size(20);
    group
        .bench_function("ecommerce-fr, A1", |b| b.iter(|| render_pdf(black_box(&french), &a1).expect("pdf")));
    group.bench_function("600 cards, A0", |b| b.iter(|| render_pdf(black_box(&large), &a0).expect("pdf")));
    group.bench_function("600 cards, A1 tiled on A4", |b| {
        b.iter(|| render_pdf(black_box(&large), &tiled).expect("pdf"));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
