//! Renders a map with search, dimming and presentation options, for looking at them:
//! `cargo run --no-default-features --example focus_probe -- MAP.ron OUT_PREFIX [options]`
//! with `--search TEXT` (hits ringed, the rest dimmed), `--focus STAGE` (also draws the curves up to
//! that stage), `--scale 1.4` and `--theme NAME`.
//!
//! Writes `OUT_PREFIX-poster.png` (the whole poster, 1800 px wide) and, with `--focus`,
//! `OUT_PREFIX-projector.png`: 1280 × 720 px showing the presented stage and its neighbours, at
//! the zoom that fits three stage columns across, as a presentation view on a projector would.
#![expect(clippy::print_stdout, reason = "a probe that reports what it wrote")]

use anyhow::Context as _;
use parcours::filter::{Filter, search};
use parcours::layout::{LayoutOptions, ThemeName, poster};
use parcours::paint::png::render_rgba;
use std::path::Path;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(map_path), Some(prefix)) = (args.first(), args.get(1)) else {
        anyhow::bail!(
            "usage: focus_probe MAP.ron OUT_PREFIX [--search TEXT] [--focus N] [--scale S] [--theme T]"
        );
    };
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1));
    let map = parcours::file::load(Path::new(map_path))?;
    let mut options = LayoutOptions::default();
    if let Some(text) = value("--search") {
        let filter = Filter::text(text.clone());
        options.highlighted = search(&map, &filter).into_iter().collect();
        options.dimmed = filter.dimmed(&map);
        println!("{} hits for {text:?}", options.highlighted.len());
    }
    if let Some(focus) = value("--focus") {
        let focus: usize = focus.parse().context("--focus takes a stage index")?;
        options.focus_stage = Some(focus);
        options.curve_until = Some(focus);
    }
    if let Some(scale) = value("--scale") {
        options.text_scale = scale.parse().context("--scale takes a number")?;
    }
    if let Some(theme) = value("--theme") {
        options.theme = ThemeName::parse(theme).context("unknown theme")?;
    }
    let list = poster(&map, &options);
    let geometry = options.geometry();

    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a few thousand pixels")]
    let px = |pt: f32| pt.round().max(1.0) as u32;
    let width = 1800;
    let zoom = width as f32 / list.width;
    let image = render_rgba(&list, width, px(list.height * zoom))?;
    let out = format!("{prefix}-poster.png");
    write_png(&out, image.width, image.height, &image.rgba)?;
    println!("{out}: {} × {} pt at {zoom:.2} px/pt", list.width, list.height);

    if let Some(focus) = options.focus_stage {
        // Three stage columns across 1280 px: the presented one and its neighbours.
        let zoom = 1280.0 / (3.0 * geometry.stage_width);
        let image = render_rgba(&list, px(list.width * zoom), px(list.height * zoom))?;
        let first = focus.saturating_sub(1).min(map.stages.len().saturating_sub(3));
        let left = px(geometry.stage_left(first) * zoom);
        let top = list
            .hits
            .iter()
            .find(|h| matches!(h.target, parcours::display::Target::Stage(_)))
            .map_or(0, |h| px(h.rect.y * zoom));
        let (view_w, view_h) = (1280_u32, 720_u32);
        let mut view = vec![0_u8; (view_w * view_h * 4) as usize];
        for y in 0..view_h.min(image.height.saturating_sub(top)) {
            let from = (((top + y) * image.width + left) * 4) as usize;
            let count = (view_w.min(image.width.saturating_sub(left)) * 4) as usize;
            let to = (y * view_w * 4) as usize;
            view[to..to + count].copy_from_slice(&image.rgba[from..from + count]);
        }
        let out = format!("{prefix}-projector.png");
        write_png(&out, view_w, view_h, &view)?;
        let title_px = parcours::layout::CARD_TITLE_PT * geometry.text_scale * zoom;
        println!("{out}: {zoom:.2} px/pt, card titles {title_px:.1} px high");
    }
    Ok(())
}

fn write_png(path: &str, width: u32, height: u32, rgba: &[u8]) -> anyhow::Result<()> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut encoder = png::Encoder::new(file, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgba)?;
    writer.finish()?;
    Ok(())
}
