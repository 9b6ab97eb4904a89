//! Load and save speed of large generated maps: `cargo bench --no-default-features --bench file_bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use parcours::{file, model::generate::large_map};
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let folder = tempfile::tempdir().expect("temporary folder");
    for (name, map) in [("1k-cards", large_map(12, 8, 1_000, 1)), ("10k-cards", large_map(12, 8, 10_000, 2))]
    {
        let text = file::to_string(&map);
        let path = folder.path().join(format!("{name}.ron"));
        file::save(&path, &map).expect("save");
        let mut group = c.benchmark_group(name);
        group.sample_size(20);
        group.bench_function("load", |b| b.iter(|| file::load(black_box(&path)).expect("load")));
        group.bench_function("parse", |b| {
            b.iter(|| file::from_str(black_box(&text), Path::new("bench.ron")).expect("parse"));
        });
        group.bench_function("save", |b| {
            b.iter(|| file::save(black_box(&path), black_box(&map)).expect("save"));
        });
        group.bench_function("serialize", |b| b.iter(|| file::to_string(black_box(&map))));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
