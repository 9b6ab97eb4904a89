//! Import speed of a large Mermaid journey: `cargo bench --no-default-features --bench interop_bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use parcours::interop::{csv, mermaid};
use parcours::model::generate::large_map;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    // 12 stages × 8 lanes, 10,000 touchpoints: every card becomes a task.
    let mut map = large_map(12, 8, 10_000, 4);
    for card in &mut map.cards {
        card.kind = parcours::model::CardKind::Touchpoint;
    }
    let text = mermaid::write(&map).text;
    let tasks = text.lines().filter(|l| l.starts_with("      ")).count();
    assert!(tasks >= 9_000, "{tasks} tasks");
    let cards = csv::write(&map);
    let mut group = c.benchmark_group(format!("mermaid-{tasks}-tasks"));
    group.sample_size(20);
    group.bench_function("import", |b| {
        b.iter(|| mermaid::import(black_box(&text), mermaid::Options::default()).expect("import"));
    });
    group.bench_function("parse", |b| {
        b.iter(|| mermaid::parse(black_box(&text), mermaid::Options::default()).expect("parse"));
    });
    group.bench_function("export", |b| b.iter(|| mermaid::write(black_box(&map))));
    group.finish();
    let mut group = c.benchmark_group("csv-10000-cards");
    group.sample_size(20);
    group.bench_function("import-into", |b| {
        b.iter(|| csv::import_into(black_box(&map), black_box(&cards)).expect("import"));
    });
    group.bench_function("export", |b| b.iter(|| csv::write(black_box(&map))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
