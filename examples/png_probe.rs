//! Renders a hand-made poster to PNG, for looking at it and measuring memory:
//! `cargo run --release --no-default-features --example png_probe -- A0 300 /dev/null [large|generated|MAP.ron]`.

#[allow(dead_code, reason = "the probe uses two of the helpers")]
#[path = "../tests/support/lists.rs"]
mod support;

use parcours::paint::png::{PngOptions, render_png_to};
use parcours::paint::{PageSetup, Paper};
use std::io::BufWriter;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let paper: Paper = args.first().map_or("A4", String::as_str).parse()?;
    let dpi: u32 = args.get(1).map_or("50", String::as_str).parse()?;
    let path = args.get(2).map_or("probe.png", String::as_str);
    let list = match args.get(3).map(String::as_str) {
        Some("large") => support::synthetic(600),
        Some("generated") => parcours::layout::poster(
            &parcours::model::generate::large_map(12, 8, 600, 1),
            &parcours::layout::LayoutOptions::default(),
        ),
        Some(map) if std::path::Path::new(map).extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) => {
            let map = parcours::file::load(std::path::Path::new(map))?;
            parcours::layout::poster(&map, &parcours::layout::LayoutOptions::default())
        }
        _ => support::sample(),
    };
    let options =
        PngOptions { page: PageSetup { paper, ..PageSetup::default() }, dpi, ..PngOptions::default() };
    let out = BufWriter::new(std::fs::File::create(path)?);
    render_png_to(&list, &options, out)?;
    Ok(())
}
