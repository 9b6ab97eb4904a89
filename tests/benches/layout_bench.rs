//! Layout speed: a full layout of the French example and of a generated 600-card map, and a
//! re-layout after a one-card edit with the text cache warm (what the canvas does on each edit);
//! a search over the 600 cards and the re-layout that dims and rings its results (what the canvas
//! does on each key typed in the search field).
//!
//! A card holding 100 KB and 1 MB of text (more than a map file may hold, but what a paste or
//! an import could bring): line breaking must stay linear in the length of the text.
//!
//! `cargo bench --no-default-features --bench layout_bench`

use criterion::{Criterion, criterion_group, criterion_main};
use parcours::layout::{LayoutOptions, LayoutTarget, Layouter, PaperArea, poster};
use parcours::model::generate::large_map;
use std::hint::black_box;

fn layout(c: &mut Criterion) {
    let example = parcours::file::load(std::path::Path::new("maps/ecommerce-fr.ron")).expect("example map");
    let large = large_map(12, 8, 600, 1);
    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("layout");
    group.sample_size(20);
    group.bench_function("ecommerce-fr, cold", |b| b.iter(|| poster(black_box(&example), &options)));
    group.bench_function("600 cards, cold", |b| b.iter(|| poster(black_box(&large), &options)));
    let mut layouter = Layouter::new();
    layouter.layout(&large, &options);
    let mut edited = large.clone();
    let mut n = 0_u32;
    group.bench_function("600 cards, one-card edit, warm cache", |b| {
        b.iter(|| {
            n += 1;
            edited.cards[42].title = format!("Appel au service client n° {n}");
            layouter.layout(black_box(&edited), &options)
        });
    });
    // The export's layout: the same map fitted to A0 (printable area inside 10 mm margins,
    // orientation chosen), cold and after a one-card edit.
    let a0 = LayoutOptions {
        target: LayoutTarget::Paper(PaperArea { width_pt: 2327.0, height_pt: 3313.7, may_turn: true }),
        ..LayoutOptions::default()
    };
    group.bench_function("600 cards on A0, cold", |b| b.iter(|| poster(black_box(&large), &a0)));
    let mut layouter = Layouter::new();
    layouter.layout(&large, &a0);
    let mut edited = large.clone();
    group.bench_function("600 cards on A0, one-card edit, warm cache", |b| {
        b.iter(|| {
            n += 1;
            edited.cards[42].title = format!("Appel au service client n° {n}");
            layouter.layout(black_box(&edited), &a0)
        });
    });
    let filter = parcours::filter::Filter::text("appel client");
    group.bench_function("600 cards, search", |b| {
        b.iter(|| (parcours::filter::search(black_box(&large), &filter), filter.dimmed(&large)));
    });
    let searched = LayoutOptions {
        highlighted: parcours::filter::search(&large, &filter).into_iter().collect(),
        dimmed: filter.dimmed(&large),
        ..LayoutOptions::default()
    };
    let mut layouter = Layouter::new();
    layouter.layout(&large, &options);
    group.bench_function("600 cards, search results dimmed and ringed, warm cache", |b| {
        b.iter(|| layouter.layout(black_box(&large), &searched));
    });
    group.finish();
}

/// A small map whose first card carries `bytes` of French text in its details.
fn long_card(bytes: usize) -> parcours::model::Map {
    let mut map = large_map(3, 2, 6, 1);
    let sentence =
        "Le client compare les frais de port, hésite et revient le lendemain « pourquoi\u{202f}? ». ";
    let mut details = String::with_capacity(bytes + sentence.len());
    while details.len() < bytes {
        details.push_str(sentence);
    }
    map.cards[0].details = details;
    map
}

fn long_text(c: &mut Criterion) {
    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("layout long text");
    group.sample_size(10);
    for (name, bytes) in [("card with 100 KB of text", 100_000), ("card with 1 MB of text", 1_000_000)] {
        let map = long_card(bytes);
        group.bench_function(name, |b| b.iter(|| poster(black_box(&map), &options)));
    }
    group.finish();
}

criterion_group!(benches, layout, long_text);
criterion_main!(benches);
