//! Editing the example maps: undoing gives the saved file back byte for byte, and a card move
//! changes only a few lines of the file.

use parcours::edit::{Cell, Command, Editor};
use parcours::file;
use std::path::PathBuf;

fn example_maps() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("maps");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("read maps/")
        .map(|e| e.expect("read an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// Lines added plus lines removed between two texts (longest common subsequence of lines).
fn changed_lines(a: &str, b: &str) -> usize {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let mut row = vec![0_usize; b.len() + 1];
    for x in &a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { row[j + 1].max(row[j]) };
            diagonal = above;
        }
    }
    a.len() + b.len() - 2 * row[b.len()]
}

#[test]
fn deleting_every_element_and_undoing_gives_the_same_file() {
    for path in example_maps() {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut editor = Editor::new(file::from_str(&text, &path).unwrap(), 1);
        let ids: Vec<_> = editor.map().ids().cloned().collect();
        for id in &ids {
            if editor.map().ids().any(|i| i == id) {
                editor.delete(std::slice::from_ref(id)).unwrap();
            }
        }
        assert!(editor.map().stages.is_empty() && editor.map().cards.is_empty(), "{}", path.display());
        while editor.undo().unwrap() {}
        assert!(!editor.is_dirty());
        assert_eq!(file::to_string(editor.map()), text, "{}", path.display());
    }
}

#[test]
fn a_card_move_changes_few_lines() {
    for path in example_maps() {
        let text = std::fs::read_to_string(&path).unwrap();
        let map = file::from_str(&text, &path).unwrap();
        let mut moves = 0;
        // One target cell per card (the next lane, another stage) keeps the test quick.
        for (k, card) in map.cards.iter().enumerate().step_by(3) {
            if let Some(lane) = map.lanes.get((k + 1) % map.lanes.len().max(1)) {
                let Some(stage) = map.stages.iter().find(|s| s.id != card.stage) else { continue };
                let cell = Cell { lane: lane.id.clone(), stage: stage.id.clone() };
                let mut editor = Editor::new(map.clone(), 1);
                // To the end of another cell: only the moved card changes.
                let end = editor.map().cell_cards(&cell.lane, &cell.stage).len();
                editor.move_cards(std::slice::from_ref(&card.id), &cell, end).unwrap();
                let changed = changed_lines(&text, &file::to_string(editor.map()));
                assert!(changed <= 6, "{}: moving {} changed {changed} lines", path.display(), card.id);
                // To the front of the cell: the cards after it may be renumbered, nothing else.
                editor.undo().unwrap();
                editor
                    .apply(Command::MoveCards {
                        ids: vec![card.id.clone()],
                        lane: cell.lane.clone(),
                        stage: cell.stage.clone(),
                        index: 0,
                    })
                    .unwrap();
                let changed = changed_lines(&text, &file::to_string(editor.map()));
                assert!(
                    changed <= 6 + 2 * end,
                    "{}: moving {} first changed {changed} lines",
                    path.display(),
                    card.id
                );
                moves += 1;
            }
        }
        assert!(moves > 0 || map.cards.is_empty());
    }
}
