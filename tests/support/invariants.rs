//! Invariants of laid-out sheets, for the layout tests: no two text lines overlap, none leaves the
//! page.

use parcours::display::{DisplayList, Rect, TextLine};

/// Text lines whose boxes overlap (shrunk by 0.01 pt, so lines that only touch pass), as pairs of
/// their texts; sorted by top edge and swept, so a page with thousands of lines is quick.
pub fn overlapping(list: &DisplayList) -> Vec<(String, String)> {
    let mut lines: Vec<(Rect, &TextLine)> = list
        .text_lines()
        .map(|l| {
            let b = l.bounds();
            (Rect::new(b.x + 0.01, b.y + 0.01, (b.width - 0.02).max(0.0), (b.height - 0.02).max(0.0)), l)
        })
        .collect();
    lines.sort_by(|a, b| a.0.y.total_cmp(&b.0.y));
    let mut found = Vec::new();
    for (i, (a, la)) in lines.iter().enumerate() {
        for (b, lb) in &lines[i + 1..] {
            if b.y >= a.bottom() {
                break;
            }
            if a.overlaps(b) {
                found.push((la.text.clone(), lb.text.clone()));
            }
        }
    }
    found
}

pub fn outside(list: &DisplayList) -> Vec<String> {
    let page = Rect::new(0.0, 0.0, list.width, list.height);
    list.text_lines().filter(|l| !page.encloses(&l.bounds(), 0.01)).map(|l| l.text.clone()).collect()
}
