//! Generated large maps are valid, round-trip, and stay small on disk.

use parcours::{check, file, model::generate::large_map};
use std::path::Path;

#[test]
fn ten_thousand_cards_round_trip_and_stay_small() {
    let map = large_map(12, 8, 10_000, 2);
    assert!(check::check(&map, None).is_empty());
    let text = file::to_string(&map);
    let per_card = text.len() / map.cards.len();
    assert!(per_card < 400, "{per_card} bytes a card");
    assert_eq!(file::from_str(&text, Path::new("big.ron")).unwrap(), map);
    eprintln!("10,000-card map: {} bytes, {} lines", text.len(), text.lines().count());
}
