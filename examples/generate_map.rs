//! Writes a generated map to a file, for measuring exports of large maps:
//! `cargo run --release --no-default-features --example generate_map -- 12 8 10000 big.ron`
//! (stages, lanes, cards, output). A fifth argument gives one card a text of that many
//! characters (`… big.ron 1000000`), for measuring layout of an over-long text.

use parcours::model::generate::large_map;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| -> anyhow::Result<usize> {
        Ok(args.get(i).map(|s| s.parse()).transpose()?.unwrap_or(default))
    };
    let (stages, lanes, cards) = (number(0, 12)?, number(1, 8)?, number(2, 10_000)?);
    let path = args.get(3).map_or("generated.ron", String::as_str);
    let mut map = large_map(stages, lanes, cards, 1);
    if let (Some(chars), Some(card)) = (args.get(4), map.cards.first_mut()) {
        let chars: usize = chars.parse()?;
        let sentence = "Le client compare les frais de port, hésite et revient le lendemain. ";
        card.details = sentence.chars().cycle().take(chars).collect();
    }
    // Written as text directly: the point is to make files of any size, over the limits too.
    std::fs::write(path, parcours::file::to_string(&map))?;
    Ok(())
}
