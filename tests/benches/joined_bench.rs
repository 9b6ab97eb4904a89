//! What a joined desktop's rebase costs (`room::Joined`): while some of its commands wait for the
//! host's order, each command from elsewhere rebuilds the map shown from the host's map — a
//! clone, the other desktop's command, and the pending commands applied again. Measured on a
//! workshop-sized map (600 cards) and on the 10,000-card maps the benchmarks export:
//! `cargo bench --no-default-features --bench joined_bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use parcours::edit::{CardField, Command};
use parcours::model::generate::large_map;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("joined rebase");
    group.sample_size(30);
    for cards in [600, 10_000] {
        let confirmed = large_map(12, 8, cards, 2);
        let first = confirmed.cards[0].id.clone();
        let last = confirmed.cards.last().expect("cards").id.clone();
        let theirs = Command::SetCard { id: first, field: CardField::Title("Frais de port (Bruno)".into()) };
        let pending = [
            Command::SetCard { id: last.clone(), field: CardField::Title("Livraison (Anna)".into()) },
            Command::SetCard { id: last, field: CardField::Emotion(Some(-1)) },
        ];
        group.bench_function(format!("{cards} cards: clone + 1 remote + 2 pending"), |b| {
            b.iter(|| {
                let mut local = black_box(&confirmed).clone();
                theirs.clone().apply(&mut local).expect("theirs");
                for command in &pending {
                    command.clone().apply(&mut local).expect("pending");
                }
                local
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
