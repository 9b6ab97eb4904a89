//! Posters that fill the sheet (issue 13 §1), measured as a print designer would: the PDF's words
//! and their boxes from `pdftotext -bbox` (poppler-utils, installed by `scripts/setup`). A word's
//! box is its font's ascent plus descent: Noto Sans's is 1.362 em, so height / 1.362 is the size
//! in points the word prints at.
#![allow(clippy::unwrap_used, reason = "test helpers: a failure is a failed test")]
#![allow(clippy::cast_possible_truncation, reason = "sizes in tenths of a point, well within i32")]

use std::path::Path;
use std::process::Command;

/// Noto Sans's ascent + descent, in ems: a word box's height over its font size.
const BOX_EM: f32 = 1.362;
/// The export's default margin, in points (10 mm).
const MARGIN_PT: f32 = 10.0 * 72.0 / 25.4;

/// One word as `pdftotext -bbox` places it (points, y down).
struct Word {
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
    text: String,
}

impl Word {
    fn size_pt(&self) -> f32 {
        (self.y_max - self.y_min) / BOX_EM
    }
}

/// The page size and the words of page 1.
fn words(pdf: &Path) -> ((f32, f32), Vec<Word>) {
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils; scripts/setup installs it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let page = text.lines().find(|l| l.trim_start().starts_with("<page ")).expect("a page");
    let size = (attr(page, "width"), attr(page, "height"));
    let words = text
        .lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| Word {
            x_min: attr(l, "xMin"),
            y_min: attr(l, "yMin"),
            x_max: attr(l, "xMax"),
            y_max: attr(l, "yMax"),
            text: l.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_owned(),
        })
        .collect();
    (size, words)
}

/// The share of the printable width and height (page less the 10 mm margins) the words span.
fn spans(size: (f32, f32), words: &[Word]) -> (f32, f32) {
    let x0 = words.iter().map(|w| w.x_min).fold(f32::MAX, f32::min);
    let x1 = words.iter().map(|w| w.x_max).fold(f32::MIN, f32::max);
    let y0 = words.iter().map(|w| w.y_min).fold(f32::MAX, f32::min);
    let y1 = words.iter().map(|w| w.y_max).fold(f32::MIN, f32::max);
    ((x1 - x0) / (size.0 - 2.0 * MARGIN_PT), (y1 - y0) / (size.1 - 2.0 * MARGIN_PT))
}

fn export(map: &Path, out: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .arg("export")
        .arg(map)
        .arg("-o")
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // To look at the posters: POSTER_FIT_OUT=/tmp/posters cargo test --test poster_fit
    if let Some(keep) = std::env::var_os("POSTER_FIT_OUT") {
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::copy(out, Path::new(&keep).join(out.file_name().unwrap())).unwrap();
    }
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The size card titles print at: the most common size among the lines that begin a card title
/// (the PDF gives each line as one word, the layout marks every line's text as `/ActualText`; a
/// stage name or a card's details could begin like a title, hence the most common).
fn title_size(map: &parcours::model::Map, words: &[Word]) -> f32 {
    // As printed: a French map's titles get French spacing.
    let french = map.language.starts_with("fr");
    let printed =
        |t: &str| if french { parcours::layout::typography::french(t).into_owned() } else { t.to_owned() };
    let titles: Vec<String> = map.cards.iter().map(|c| printed(&c.title)).collect();
    let is_title_start =
        |w: &&Word| w.text.chars().count() >= 4 && titles.iter().any(|t| t.starts_with(w.text.as_str()));
    let mut tenths: Vec<i32> =
        words.iter().filter(is_title_start).map(|w| (w.size_pt() * 10.0).round() as i32).collect();
    assert!(!tenths.is_empty(), "card titles found in the PDF");
    tenths.sort_unstable();
    let mode = tenths.iter().max_by_key(|s| tenths.iter().filter(|t| t == s).count()).copied().unwrap();
    mode as f32 / 10.0
}

#[test]
fn the_french_example_fills_a1_landscape_with_12_pt_titles() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("a1.pdf");
    let map_path = Path::new("maps/ecommerce-fr.ron");
    export(map_path, &pdf, &["--paper", "A1", "--landscape"]);
    let (size, words) = words(&pdf);
    assert!(size.0 > size.1, "landscape: {size:?}");
    let (w, h) = spans(size, &words);
    eprintln!(
        "ecommerce-fr on A1 landscape: text spans {:.1} % × {:.1} % of the printable area",
        w * 100.0,
        h * 100.0
    );
    assert!(w >= 0.90, "the text spans {:.1} % of the printable width", w * 100.0);
    assert!(h >= 0.85, "the text spans {:.1} % of the printable height", h * 100.0);
    let map = parcours::file::load(map_path).unwrap();
    let title = title_size(&map, &words);
    let (smallest, text) = smallest_card_text(&map, &words);
    eprintln!("card titles print at {title:.1} pt, the smallest card text at {smallest:.1} pt ({text:?})");
    assert!(title >= 12.0, "card titles print at {title:.1} pt, below 12 pt");
}

/// Every card text as printed: titles, details, tags and channel labels (French spacing on a
/// French map).
fn card_texts(map: &parcours::model::Map) -> Vec<String> {
    let french = map.language.starts_with("fr");
    let lang = parcours::lang::Lang::from_tag(&map.language);
    let printed =
        |t: &str| if french { parcours::layout::typography::french(t).into_owned() } else { t.to_owned() };
    let mut texts = Vec::new();
    for card in &map.cards {
        texts.push(printed(&card.title));
        texts.push(printed(&card.details));
        texts.push(card.tags.iter().map(|t| format!("#{}", printed(t))).collect::<Vec<_>>().join(" "));
        if let Some(channel) = card.channel {
            texts.push(lang.channel(channel).to_owned());
        }
    }
    texts.retain(|t| !t.is_empty());
    texts
}

/// The lines of card text in the PDF: those that are part of a card's text (three characters
/// or more) and lie above the legend's heading, so the legend's kind and channel names are left
/// out.
fn card_words<'w>(map: &parcours::model::Map, words: &'w [Word]) -> Vec<&'w Word> {
    // Lines are compared without their spaces (the PDF may give a no-break space as another).
    let plain = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let texts: Vec<String> = card_texts(map).iter().map(|t| plain(t)).collect();
    let legend = words
        .iter()
        .filter(|w| ["Légende", "Legend"].contains(&w.text.as_str()))
        .map(|w| w.y_min)
        .fold(f32::MAX, f32::min);
    let in_card = |w: &&Word| {
        let p = plain(&w.text);
        w.y_max <= legend && p.chars().count() >= 3 && texts.iter().any(|t| t.contains(&p))
    };
    words.iter().filter(in_card).collect()
}

/// The smallest size a card's text prints at, and that text.
fn smallest_card_text(map: &parcours::model::Map, words: &[Word]) -> (f32, String) {
    let card_words = card_words(map, words);
    assert!(card_words.len() >= map.cards.len(), "every card's text found in the PDF");
    let smallest = card_words.iter().min_by(|a, b| a.size_pt().total_cmp(&b.size_pt())).unwrap();
    (smallest.size_pt(), smallest.text.clone())
}

#[test]
fn a_600_card_map_prints_on_a0_with_card_text_of_6_5_pt() {
    let dir = tempfile::tempdir().unwrap();
    let map = parcours::model::generate::large_map(12, 8, 600, 1);
    let map_path = dir.path().join("large.ron");
    parcours::file::save(&map_path, &map).unwrap();
    let pdf = dir.path().join("a0.pdf");
    export(&map_path, &pdf, &["--paper", "A0"]);
    let (size, words) = words(&pdf);
    let (w, h) = spans(size, &words);
    let title = title_size(&map, &words);
    // Every line of every card: titles, details, channel labels and tags.
    let (smallest, text) = smallest_card_text(&map, &words);
    eprintln!(
        "600 cards on A0: text spans {:.1} % × {:.1} %, card titles {title:.1} pt, smallest card text {smallest:.1} pt ({text:?})",
        w * 100.0,
        h * 100.0
    );
    assert!(title >= 6.5, "card titles print at {title:.1} pt");
    assert!(smallest >= 6.5, "card text {text:?} prints at {smallest:.1} pt, below 6.5 pt");
    assert!(w >= 0.90 && h >= 0.85, "the text spans {w} × {h} of the printable area");
}
