//! PNG export speed on A1: `cargo bench --no-default-features --bench png_bench`.
//!
//! Targets from issue 3: A1 at 150 dpi < 400 ms, A1 at 300 dpi < 1.5 s, for the French example
//! map and a generated 600-card map, balanced compression (the default), written to a sink.

use criterion::{Criterion, criterion_group, criterion_main};
use parcours::display::DisplayList;
use parcours::layout::{LayoutOptions, poster};
use parcours::model::generate::large_map;
use parcours::paint::png::{PngOptions, render_png_to};
use parcours::paint::{PageSetup, Paper};
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ecommerce = parcours::file::load(&root.join("maps/ecommerce-fr.ron")).expect("the example map loads");
    let lists: [(&str, DisplayList); 2] = [
        ("ecommerce-fr", poster(&ecommerce, &LayoutOptions::default())),
        ("generated-600-cards", poster(&large_map(12, 8, 600, 1), &LayoutOptions::default())),
    ];
    let mut group = c.benchmark_group("png-A1");
    group.sample_size(10);
    for (name, list) in &lists {
        for dpi in [150, 300] {
            let options = PngOptions {
                page: PageSetup { paper: Paper::A1, ..PageSetup::default() },
                dpi,
                ..PngOptions::default()
            };
            group.bench_function(format!("{name}/{dpi}dpi"), |b| {
                b.iter(|| render_png_to(black_box(list), &options, std::io::sink()).expect("render"));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
