//! Pages: one page of the chosen paper (with bleed and crop marks when asked), or the poster
//! at full size cut into tiles with overlap, alignment marks and a label per page.

use super::painter::{MapFrame, Painter, rect_path};
use super::resources::Resources;
use super::{PdfError, PdfOptions, TileGrid, Tiling};
use crate::display::{Colour, DisplayList, Point, Rect, TextLine};
use crate::paint::{PT_PER_MM, PageSetup};
use crate::text::{FontStyle, Fonts};
use printpdf::{PdfPage, Pt};

/// Where a print shop cuts a page, in PDF coordinates (lower-left x, y, upper-right x, y).
#[derive(Clone, Copy, Debug)]
pub(super) struct PageBoxes {
    pub(super) trim: [f32; 4],
    pub(super) bleed: [f32; 4],
}

/// The one page of an untiled export, and its trim and bleed boxes when they differ from the
/// media box.
pub(super) fn single_page(
    list: &DisplayList,
    options: &PdfOptions,
    res: &mut Resources,
) -> Result<(PdfPage, Vec<u8>, Option<PageBoxes>), PdfError> {
    let placement = options.page.place(list);
    let slug = options.slug_pt();
    let bleed = options.bleed_mm * PT_PER_MM;
    let (trim_w, trim_h) = (placement.page_width, placement.page_height);
    let (page_w, page_h) = (trim_w + 2.0 * slug, trim_h + 2.0 * slug);

    let mut p = Painter::new(res, page_h);
    let bleed_rect = Rect::new(slug - bleed, slug - bleed, trim_w + 2.0 * bleed, trim_h + 2.0 * bleed);
    if bleed > 0.0 && list.background.a > 0 {
        // The background runs into the bleed so no white edge shows after trimming.
        p.fill_rect(bleed_rect, list.background);
    }
    let frame = MapFrame {
        origin_x: slug + placement.offset_x,
        origin_top: slug + placement.offset_y,
        scale: placement.scale,
    };
    p.paint_map(list, frame, page_h, bleed <= 0.0, None)?;
    if options.crop_marks {
        p.crop_marks(Rect::new(slug, slug, trim_w, trim_h), bleed);
    }
    let content = p.finish();

    let mut page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), Vec::new());
    page.media_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    page.crop_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    // printpdf 0.12.8 writes boxes as [x y width height] where PDF wants two corners, which is
    // only right at the origin: offset boxes are set after serialisation (see `finish`).
    page.trim_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    // In PDF coordinates (y up); the boxes are centred, so flipping changes nothing.
    let boxes = (slug > 0.0).then(|| PageBoxes {
        trim: [slug, slug, slug + trim_w, slug + trim_h],
        bleed: [bleed_rect.x, bleed_rect.y, bleed_rect.right(), bleed_rect.bottom()],
    });
    Ok((page, content, boxes))
}

/// One tile of a tiled export: where it sits and what its label says.
pub(super) struct TileSpec {
    /// Row, from 0 at the top.
    row: usize,
    /// Column, from 0 at the left.
    column: usize,
    /// The short name (`B2`), also the PDF page label.
    pub(super) name: String,
    /// The label line, positioned in the tile's bottom margin (page coordinates, y down).
    pub(super) label: TextLine,
}

/// `A`, `B`, … `Z`, `AA`, … for row `index` (from 0).
pub(super) fn row_name(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        // rem < 26, so the byte stays within A..=Z.
        #[expect(clippy::cast_possible_truncation, reason = "rem < 26")]
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

pub(super) fn tile_specs(
    list: &DisplayList,
    options: &PdfOptions,
    tiling: &Tiling,
    grid: &TileGrid,
) -> Vec<TileSpec> {
    let fonts = Fonts::get();
    let size = 7.0;
    let title: String = list.title.chars().take(60).collect();
    let mut specs = Vec::with_capacity(grid.pages());
    for row in 0..grid.rows {
        for column in 0..grid.columns {
            let name = format!("{}{}", row_name(row), column + 1);
            let title_part = if title.is_empty() { String::new() } else { format!(" · {title}") };
            let text = format!(
                "{name} — row {} of {}, column {} of {}{title_part} · {} poster on {} {} pages, {} mm overlap: cut along the marks",
                row + 1,
                grid.rows,
                column + 1,
                grid.columns,
                options.page.paper,
                grid.pages(),
                tiling.paper,
                tiling.overlap_mm
            );
            let shaped = fonts.line(&text, FontStyle::Regular, size);
            let label = TextLine::new(
                &shaped,
                Point::new(grid.margin_pt, grid.page_height - grid.margin_pt * 0.35),
                FontStyle::Regular,
                size,
                Colour::rgb(64, 64, 64),
            );
            specs.push(TileSpec { row, column, name, label });
        }
    }
    specs
}

pub(super) fn tile_page(
    list: &DisplayList,
    poster_page: &PageSetup,
    grid: &TileGrid,
    tile: &TileSpec,
    res: &mut Resources,
) -> Result<(PdfPage, Vec<u8>), PdfError> {
    let (page_w, page_h) = (grid.page_width, grid.page_height);
    let (m, cw, ch) = (grid.margin_pt, grid.content_width(), grid.content_height());
    // Poster-space (poster at full size, origin at its top-left) start of this tile's area.
    let (x0, y0) = grid.tile_origin(tile.row, tile.column);
    // Page points per map point with the poster at full size.
    let scale = poster_page.place(list).scale;
    let (poster_w, poster_h) = (list.width * scale, list.height * scale);

    let mut p = Painter::new(res, page_h);
    // What of the poster this tile shows, in page coordinates.
    let content = Rect::new(m, m, cw, ch);
    let poster_on_page = Rect::new(m - x0, m - y0, poster_w, poster_h);
    let visible = intersect(content, poster_on_page);
    let frame = MapFrame { origin_x: m - x0, origin_top: m - y0, scale };
    if let Some(visible) = visible {
        let visible_map = Rect::new(
            (visible.x - frame.origin_x) / scale,
            (visible.y - frame.origin_top) / scale,
            visible.width / scale,
            visible.height / scale,
        );
        let saved = p.save();
        p.clip(&rect_path(&p, visible, 0.0));
        p.paint_map(list, frame, page_h, true, Some(visible_map))?;
        p.tile_crosshairs(grid, (x0, y0), (poster_w, poster_h));
        p.restore(saved);
    }
    p.tile_ticks(grid, (x0, y0), (poster_w, poster_h));
    p.text(&tile.label);
    let content = p.finish();

    let mut page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), Vec::new());
    page.media_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    page.crop_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    page.trim_box = printpdf::Rect::from_wh(Pt(page_w), Pt(page_h));
    Ok((page, content))
}

pub(super) fn intersect(a: Rect, b: Rect) -> Option<Rect> {
    let x = a.x.max(b.x);
    let y = a.y.max(b.y);
    let right = a.right().min(b.right());
    let bottom = a.bottom().min(b.bottom());
    (right > x && bottom > y).then(|| Rect::new(x, y, right - x, bottom - y))
}

/// The internal cut lines of a grid along one axis, in poster points: the middle of each
/// overlap strip, the grid starting at `origin`.
pub(super) fn cut_lines(count: usize, origin: f32, step: f32, overlap: f32) -> Vec<f32> {
    (1..count).map(|k| origin + k as f32 * step + overlap / 2.0).collect()
}
