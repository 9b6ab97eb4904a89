//! The export dialog's readability check (`export::readability_of`): the sheet laid out for the
//! chosen paper and, when its text is too small, for each standard paper until one reads. The
//! designer runs it on a thread whenever the export settings change; this measures how long the
//! answer takes to come.
//!
//! `cargo bench --no-default-features --bench readability_bench -- --warm-up-time 1 --measurement-time 3`

use criterion::{Criterion, criterion_group, criterion_main};
use parcours::export::{ExportOptions, readability_of};
use parcours::model::generate::large_map;
use parcours::paint::Paper;
use std::collections::BTreeMap;
use std::hint::black_box;

fn readability(c: &mut Criterion) {
    let example = parcours::file::load(std::path::Path::new("maps/ecommerce-fr.ron")).expect("example map");
    let large = large_map(12, 8, 600, 1);
    let mut group = c.benchmark_group("readability check");
    group.sample_size(10);
    let a1 = ExportOptions { paper: Paper::A1, ..ExportOptions::default() };
    let a4 = ExportOptions { paper: Paper::A4, ..ExportOptions::default() };
    // Readable on A1: one layout.
    group.bench_function("ecommerce-fr, A1, readable", |b| {
        b.iter(|| readability_of(black_box(&example), BTreeMap::new(), &a1));
    });
    // Too small on A4: laid out again for Letter, A4, Tabloid, A3, A2 until one reads.
    group.bench_function("ecommerce-fr, A4, warning", |b| {
        b.iter(|| readability_of(black_box(&example), BTreeMap::new(), &a4));
    });
    // 600 cards on A1: too small everywhere but A0, or on none (every paper laid out).
    group.bench_function("600 cards, A1, warning", |b| {
        b.iter(|| readability_of(black_box(&large), BTreeMap::new(), &a1));
    });
    group.finish();
}

criterion_group!(benches, readability);
criterion_main!(benches);
