//! The PDF painter's unit tests.

use super::pages::{cut_lines, row_name};
use super::painter::{Painter, rect_path};
use super::*;
use crate::display::{Colour, Point, Rect, TextLine};
use crate::text::{Face, FontStyle, Fonts};

fn line(text: &str, style: FontStyle, size: f32) -> TextLine {
    let shaped = Fonts::get().line(text, style, size);
    TextLine::new(&shaped, Point::new(10.0, 20.0), style, size, Colour::rgb(0, 0, 0))
}

#[test]
fn rows_are_lettered_like_spreadsheet_columns() {
    let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52].into_iter().map(row_name).collect();
    assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA"]);
}

#[test]
fn cut_lines_sit_in_the_middle_of_each_overlap() {
    // Tiles 100 wide, 10 overlap: tile k starts at 90 k; the overlap with tile k+1 is
    // [90 (k+1), 90 (k+1) + 10], middle 95, 185.
    assert_eq!(cut_lines(3, 0.0, 90.0, 10.0), [95.0, 185.0]);
    assert_eq!(cut_lines(2, -20.0, 90.0, 10.0), [75.0]);
    assert!(cut_lines(1, 0.0, 90.0, 10.0).is_empty());
}

/// A poster printed at `width_mm` × `height_mm` (a custom paper of that size, no margin).
fn poster_mm(width_mm: f32, height_mm: f32) -> (DisplayList, PageSetup) {
    let list =
        DisplayList { width: width_mm * PT_PER_MM, height: height_mm * PT_PER_MM, ..DisplayList::default() };
    let page =
        PageSetup { paper: Paper::Custom { width_mm, height_mm }, margin_pt: 0.0, ..PageSetup::default() };
    (list, page)
}

#[test]
fn no_tile_holds_only_a_sliver() {
    // 5 mm wider than a portrait A4 tile prints (190 mm): two columns, and the grid centred on
    // the poster gives each about half of it, not 190 mm and a 5 mm sliver.
    let (list, page) = poster_mm(195.0, 250.0);
    let grid = plan_tiles(&list, &page, &Tiling { paper: Paper::A4, overlap_mm: 10.0 }).unwrap();
    assert_eq!((grid.rows, grid.columns), (1, 2), "{grid:?}");
    let poster_w = 195.0 * PT_PER_MM;
    let content_w = grid.page_width - 2.0 * grid.margin_pt;
    for column in 0..grid.columns {
        let (x0, _) = grid.tile_origin(0, column);
        let held = (x0 + content_w).min(poster_w) - x0.max(0.0);
        assert!(held > 0.45 * poster_w, "column {column} holds {held} of {poster_w}");
    }
    // One row is enough: the poster sits in the middle of its printed area.
    assert!((grid.origin_y + (277.0 - 250.0) / 2.0 * PT_PER_MM).abs() < 0.5, "{grid:?}");
}

#[test]
fn tiling_counts_the_fewest_pages() {
    // A0 (841 × 1189 mm) onto A4 with 10 mm overlaps: portrait tiles print 190 × 277 mm and
    // step 180 × 267: 5 columns × 5 rows = 25; landscape tiles (277 × 190, step 267 × 180):
    // 4 × 7 = 28. Portrait wins.
    let (list, page) = poster_mm(841.0, 1189.0);
    let grid = plan_tiles(&list, &page, &Tiling { paper: Paper::A4, overlap_mm: 10.0 }).unwrap();
    assert_eq!((grid.columns, grid.rows, grid.pages()), (5, 5, 25), "{grid:?}");
    assert!(grid.page_height > grid.page_width);
    // Turned a quarter, the same poster takes as few pages with landscape tiles.
    let (list, page) = poster_mm(1189.0, 841.0);
    let grid = plan_tiles(&list, &page, &Tiling { paper: Paper::A4, overlap_mm: 10.0 }).unwrap();
    assert_eq!(grid.pages(), 25, "{grid:?}");
    assert!(grid.page_width > grid.page_height);
}

#[test]
fn each_glyph_carries_the_text_of_its_cluster() {
    // Ligatures (fi, ff) and accents: joining the text of each cluster's first glyph gives
    // back the line.
    for text in ["Office fichier éléphant", "Découverte œuvre « à cœur »", "Appel 📱 puis ★★★"]
    {
        let l = line(text, FontStyle::Regular, 10.0);
        let plan = FontPlan::new(std::iter::once(&l)).unwrap();
        let mut joined = String::new();
        let mut previous = None;
        for g in &l.glyphs {
            if previous == Some(g.cluster) {
                continue;
            }
            previous = Some(g.cluster);
            joined.push_str(&plan.text_of[&(g.face, u16::try_from(g.id).unwrap())]);
        }
        assert_eq!(joined, text);
    }
}

#[test]
fn subset_tags_are_six_capitals_and_follow_the_content() {
    let a = FontPlan::new(std::iter::once(&line("Parcours", FontStyle::Bold, 10.0))).unwrap();
    let b = FontPlan::new(std::iter::once(&line("Parcours client", FontStyle::Bold, 10.0))).unwrap();
    let tag = a.subset_tag(Face::Bold);
    assert_eq!(tag.len(), 6);
    assert!(tag.chars().all(|c| c.is_ascii_uppercase()));
    assert_eq!(tag, a.subset_tag(Face::Bold));
    assert_ne!(tag, b.subset_tag(Face::Bold));
    assert_eq!(a.faces(), [Face::Bold]);
}

#[test]
fn a_radius_larger_than_the_rectangle_makes_a_pill() {
    let fonts = FontPlan::new(std::iter::empty()).unwrap();
    let mut res = Resources::new(PdfDocument::new("t"), fonts);
    let painter = Painter::new(&mut res, 100.0);
    let pill = rect_path(&painter, Rect::new(0.0, 0.0, 100.0, 20.0), 50.0);
    assert_eq!(pill.len(), 17);
    // The left end is a half circle of radius 10: its leftmost point is at y = 10 (PDF 90).
    let leftmost = pill.iter().map(|p| p.x).fold(f32::MAX, f32::min);
    assert!(leftmost.abs() < 1e-4);
    assert!(pill.iter().all(|p| (80.0..=100.0).contains(&p.y)));
    let square = rect_path(&painter, Rect::new(0.0, 0.0, 10.0, 10.0), 0.0);
    assert_eq!(square.len(), 4);
}

#[test]
fn options_are_checked() {
    assert!(PdfOptions::default().validate().is_ok());
    assert!(PdfOptions { bleed_mm: f32::NAN, ..PdfOptions::default() }.validate().is_err());
    assert!(PdfOptions { bleed_mm: 40.0, ..PdfOptions::default() }.validate().is_err());
    let tile = Some(Tiling { paper: Paper::A4, overlap_mm: -1.0 });
    assert!(PdfOptions { tile, ..PdfOptions::default() }.validate().is_err());
    assert!(PdfOptions { crop_marks: true, ..PdfOptions::default() }.slug_pt() > 0.0);
}

#[test]
fn too_many_tiles_are_refused() {
    let list = DisplayList { width: 4000.0, height: 4000.0, ..DisplayList::default() };
    let huge =
        PageSetup { paper: Paper::Custom { width_mm: 9000.0, height_mm: 9000.0 }, ..PageSetup::default() };
    let err = plan_tiles(&list, &huge, &Tiling { paper: Paper::A5, overlap_mm: 10.0 }).unwrap_err();
    assert!(matches!(err, PdfError::TooManyTiles { .. }), "{err}");
}
