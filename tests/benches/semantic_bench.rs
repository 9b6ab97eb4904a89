//! Semantic diff and merge of two edits of a 10,000-card map:
//! `cargo bench --no-default-features --bench semantic_bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use parcours::model::generate::{large_map, observed_ids};
use parcours::model::{Card, Channel, IdKind, Map};
use parcours::{file, semantic};
use std::hint::black_box;
use std::path::Path;

/// A few hundred edits spread over the map: text, emotions, moves, deletions and additions.
fn edit(base: &Map, offset: usize, seed: u64) -> Map {
    let mut map = base.clone();
    let mut ids = observed_ids(base);
    for _ in 0..seed {
        ids.fresh(IdKind::Card);
    }
    let (lanes, stages) = (map.lanes.clone(), map.stages.clone());
    for (n, card) in map.cards.iter_mut().enumerate().skip(offset).step_by(40) {
        match n % 4 {
            0 => card.title.push_str(" (revu en atelier)"),
            1 => card.emotion = Some(-2),
            2 => {
                card.stage = stages[(n / 7) % stages.len()].id.clone();
                card.lane = lanes[(n / 3) % lanes.len()].id.clone();
            }
            _ => card.channel = Some(Channel::Phone),
        }
    }
    let doomed: Vec<usize> = (offset + 5..map.cards.len()).step_by(200).collect();
    for i in doomed.into_iter().rev() {
        map.cards.remove(i);
    }
    for i in 0..50 {
        let card = Card::new(
            ids.fresh(IdKind::Card),
            lanes[i % lanes.len()].id.clone(),
            stages[i % stages.len()].id.clone(),
            format!("Nouvelle carte {i}"),
        );
        map.cards.push(card);
    }
    map.stages.swap(0, 1 + offset % 3);
    map
}

#[expect(clippy::print_stderr, reason = "says what the benchmark merges")]
fn bench(c: &mut Criterion) {
    let base = large_map(12, 8, 10_000, 4);
    let ours = edit(&base, 0, 1);
    let theirs = edit(&base, 17, 1_000);
    let texts = [file::to_string(&base), file::to_string(&ours), file::to_string(&theirs)];
    let outcome = semantic::merge3(&base, &ours, &theirs);
    let changes = semantic::diff(&base, &ours).changes.len();
    eprintln!(
        "10k cards: {changes} changes base → ours; merge: {} cards, {} conflicts",
        outcome.map.cards.len(),
        outcome.map.conflicts.len()
    );
    let parse = |text: &str| file::from_str(text, Path::new("bench.ron")).expect("parse");

    let mut group = c.benchmark_group("10k-cards");
    group.sample_size(20);
    // The same measure as file_bench's `parse`: compare it with docs/benchmarks.md to see how loaded
    // the machine was during this run.
    group.bench_function("parse", |b| b.iter(|| parse(black_box(&texts[0]))));
    group.bench_function("diff", |b| b.iter(|| semantic::diff(black_box(&base), black_box(&ours))));
    group.bench_function("diff-text", |b| {
        b.iter(|| semantic::diff(black_box(&base), black_box(&ours)).to_text());
    });
    group.bench_function("merge", |b| {
        b.iter(|| semantic::merge3(black_box(&base), black_box(&ours), black_box(&theirs)));
    });
    // What the commands do between reading and writing: parse the files, work, print or serialize.
    group.bench_function("diff-files", |b| {
        b.iter(|| semantic::diff(&parse(&texts[0]), &parse(&texts[1])).to_text());
    });
    group.bench_function("merge-files", |b| {
        b.iter(|| {
            file::to_string(&semantic::merge3(&parse(&texts[0]), &parse(&texts[1]), &parse(&texts[2])).map)
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
