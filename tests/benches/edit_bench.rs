//! Editing speed on a 10,000-card generated map: `cargo bench --no-default-features --bench edit_bench`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use parcours::edit::{CardField, Cell, Command, Editor, History};
use parcours::model::generate::large_map;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let map = large_map(12, 8, 10_000, 2);
    let last_card = map.cards.last().expect("cards").id.clone();
    let stage = map.stages[5].id.clone();
    let mut group = c.benchmark_group("10k-cards");
    group.sample_size(30);

    // A field edit of the last card (the worst case of the linear lookup), then its undo.
    let mut edited = map.clone();
    let mut history = History::new();
    let mut flip = false;
    group.bench_function("card title: apply + undo", |b| {
        b.iter(|| {
            flip = !flip;
            let title = if flip { "Frais de port découverts" } else { "Livraison" };
            let command = Command::SetCard { id: last_card.clone(), field: CardField::Title(title.into()) };
            history.apply(&mut edited, black_box(command)).expect("apply");
            history.undo(&mut edited).expect("undo");
        });
    });
    assert_eq!(edited, map);

    // Deleting a stage takes its ~830 cards along; undo puts them back at their positions.
    group.bench_function("stage delete: apply + undo", |b| {
        b.iter(|| {
            let command = Command::RemoveStage { id: stage.clone() };
            history.apply(&mut edited, black_box(command)).expect("apply");
            history.undo(&mut edited).expect("undo");
        });
    });
    assert_eq!(edited, map);

    // A card moved to the front of a full cell (bumps the cell's orders), then undone.
    let cell = Cell { lane: map.lanes[3].id.clone(), stage: map.stages[7].id.clone() };
    group.bench_function("card move to front of cell: apply + undo", |b| {
        b.iter(|| {
            let command = Command::MoveCards {
                ids: vec![last_card.clone()],
                lane: cell.lane.clone(),
                stage: cell.stage.clone(),
                index: 0,
            };
            history.apply(&mut edited, black_box(command)).expect("apply");
            history.undo(&mut edited).expect("undo");
        });
    });
    assert_eq!(edited, map);

    // The editor's own path, with fresh ids: add a card, then undo.
    group.bench_function("editor add_card + undo", |b| {
        b.iter_batched_ref(
            || Editor::new(map.clone(), 1),
            |editor| {
                editor.add_card(&cell, "Nouvelle carte").expect("add");
                editor.undo().expect("undo");
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
