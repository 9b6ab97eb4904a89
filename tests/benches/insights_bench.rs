//! Insights speed on a generated 10,000-card map: deriving the insights (funnels, friction,
//! moments of truth, channel mix), and laying out the funnel page — from the insights, cold and
//! with the text cache warm, and the whole page from the map.
//!
//! `cargo bench --no-default-features --bench insights_bench`

use criterion::{Criterion, criterion_group, criterion_main};
use parcours::insights::Insights;
use parcours::layout::{LayoutOptions, Layouter, funnel};
use parcours::model::generate::large_map;
use std::hint::black_box;

fn insights(c: &mut Criterion) {
    let map = large_map(12, 8, 10_000, 1);
    let options = LayoutOptions::default();
    let derived = Insights::of(&map);
    let mut group = c.benchmark_group("insights");
    group.sample_size(20);
    group.bench_function("derive, 10,000 cards", |b| b.iter(|| Insights::of(black_box(&map))));
    group.bench_function("funnel layout, 10,000 cards, cold", |b| {
        b.iter(|| Layouter::new().funnel_page(black_box(&map), &derived, &options));
    });
    let mut layouter = Layouter::new();
    layouter.funnel_page(&map, &derived, &options);
    group.bench_function("funnel layout, 10,000 cards, warm cache", |b| {
        b.iter(|| layouter.funnel_page(black_box(&map), &derived, &options));
    });
    group.bench_function("derive + funnel layout, 10,000 cards, cold", |b| {
        b.iter(|| funnel::page(black_box(&map), &options));
    });
    group.finish();
}

criterion_group!(benches, insights);
criterion_main!(benches);
