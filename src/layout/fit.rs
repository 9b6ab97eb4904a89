//! Fitting the poster to a sheet of paper.
//!
//! On the screen the stage columns have a fixed width and a cell stacks its cards in one column,
//! so the poster's shape follows the card count. On paper the poster is scaled to fit the
//! printable area, so what matters is the scale it prints at: the text's printed size. Here the
//! layout chooses the card width, the number of sub-columns each stage's cells flow their cards
//! into and (when allowed) the paper's orientation, so that the scale is as large as it can be:
//!
//! 1. A measuring pass: every card's texts are shaped once into a [`Breakable`], which counts its
//!    lines at any width without shaping again (and the layout breaks them from it: a poster fitted
//!    to paper shapes its cards once); lane headers, the title block, the legend and the
//!    footer are measured as drawn (their size does not depend on the stage columns).
//! 2. A search: for each card width on a geometric ladder (then a finer one around the best),
//!    sub-columns are added one stage at a time, always where they take the most height off the
//!    poster per point of width added; the best scale met on the way wins.
//! 3. The stage columns are widened to fill the printable width, the poster is laid out, and the
//!    rows grow to fill the printable height if room is left (the model's estimate of the parts
//!    it does not model is corrected by the real layout first).
//!
//! Rows stay aligned across stages (a lane's row is as tall as its tallest cell), every stage's
//! cards keep their order (each card goes to the shortest sub-column, leftmost first), and the
//! emotion curve passes through each stage's centre.

use super::{
    ACCENT_WIDTH, Builder, CARD_GAP, CARD_PAD, CELL_PAD, CHIPS_GAP, CardType, Geometry, HEADER_TOP,
    LayoutOptions, Layouter, MARGIN, MIN_ROW, VOTE_PAD, tags_text,
};
use crate::display::DisplayList;
use crate::model::{Card, CardKind, Id, Map};
use crate::text::{Breakable, FontStyle};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::sync::Arc;

/// What a poster is laid out for.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum LayoutTarget {
    /// The screen: stage columns of a fixed width, each cell's cards in one column; the poster
    /// grows with its content (the canvas).
    #[default]
    Screen,
    /// A sheet of paper: columns, sub-columns and orientation chosen so the poster, scaled to fit
    /// the printable area, prints its text as large as it can.
    Paper(PaperArea),
}

/// The printable area of a sheet (the paper less its margins).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PaperArea {
    /// Printable width, in points.
    pub width_pt: f32,
    /// Printable height, in points.
    pub height_pt: f32,
    /// The paper may be turned a quarter (orientation auto): the layout tries both ways and
    /// keeps the one that prints the text larger.
    pub may_turn: bool,
}

/// How a poster was fitted to a [`PaperArea`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fitted {
    /// The printable width used, in points (the area's height when it was turned).
    pub width_pt: f32,
    /// The printable height used, in points.
    pub height_pt: f32,
    /// Page points per map point when the poster fills that area: a 10 pt title prints at
    /// `10 × scale` pt.
    pub scale: f32,
}

impl Fitted {
    /// True when the area was used turned (a portrait area used as landscape or the reverse).
    pub fn turned(&self, area: &PaperArea) -> bool {
        (self.width_pt - area.width_pt).abs() > 0.5
    }
}

/// Where the stage columns go: their edges, the sub-columns of cards in each, and height added
/// to every lane row.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Plan {
    /// Width of the lane header column, in points.
    pub(super) header_width: f32,
    /// Left edge of each stage column, then the right edge of the last, in points.
    edges: Vec<f32>,
    /// Sub-columns of cards per stage.
    columns: Vec<usize>,
    /// Height added to every lane row, in points.
    pub(super) row_extra: f32,
    /// The cards' font sizes.
    pub(super) card_type: CardType,
}

impl Plan {
    /// The screen's plan: every stage `stage_width` wide, one column of cards.
    pub(super) fn screen(stages: usize, geometry: &Geometry) -> Plan {
        let widths = vec![geometry.stage_width; stages];
        Self::from_widths(geometry.header_width, &widths, vec![1; stages], CardType::SCREEN)
    }

    fn from_widths(header_width: f32, widths: &[f32], columns: Vec<usize>, card_type: CardType) -> Plan {
        let mut edges = Vec::with_capacity(widths.len() + 1);
        let mut x = MARGIN + header_width;
        edges.push(x);
        for w in widths {
            x += w;
            edges.push(x);
        }
        Plan { header_width, edges, columns, row_extra: 0.0, card_type }
    }

    /// Left edge of stage column `i` (the grid's right edge for `i` past the last).
    pub(super) fn left(&self, i: usize) -> f32 {
        self.edges.get(i).or(self.edges.last()).copied().unwrap_or(MARGIN)
    }

    /// Right edge of the last stage column.
    pub(super) fn right(&self) -> f32 {
        self.edges.last().copied().unwrap_or(MARGIN)
    }

    /// Width of stage column `i`.
    pub(super) fn width(&self, i: usize) -> f32 {
        self.left(i + 1) - self.left(i)
    }

    /// Sub-columns of cards in stage `i`.
    pub(super) fn columns(&self, i: usize) -> usize {
        self.columns.get(i).copied().unwrap_or(1).max(1)
    }

    /// Width of a card in stage `i`.
    pub(super) fn card_width(&self, i: usize) -> f32 {
        card_width(self.width(i), self.columns(i))
    }
}

/// Width of a card in a stage column `stage_width` wide with `columns` sub-columns.
fn card_width(stage_width: f32, columns: usize) -> f32 {
    let k = columns.max(1) as f32;
    (stage_width - 2.0 * CELL_PAD - (k - 1.0) * CARD_GAP) / k
}

/// Width of a stage column holding `columns` sub-columns of cards `card` wide.
fn stage_width(card: f32, columns: usize) -> f32 {
    let k = columns.max(1) as f32;
    k * card + (k - 1.0) * CARD_GAP + 2.0 * CELL_PAD
}

/// Flows cards of these heights into `columns` sub-columns, each to the shortest (the leftmost
/// of equals): each card's sub-column and top (from the cell's content top), and the height of
/// the tallest sub-column.
pub(super) fn masonry(heights: impl Iterator<Item = f32>, columns: usize) -> (Vec<(usize, f32)>, f32) {
    let mut bottoms = vec![0.0_f32; columns.max(1)];
    let mut used = vec![false; bottoms.len()];
    let mut places = Vec::new();
    for h in heights {
        let mut best = 0;
        for (i, b) in bottoms.iter().enumerate() {
            if *b < bottoms[best] {
                best = i;
            }
        }
        let top = if used[best] { bottoms[best] + CARD_GAP } else { 0.0 };
        places.push((best, top));
        bottoms[best] = top + h;
        used[best] = true;
    }
    (places, bottoms.into_iter().fold(0.0, f32::max))
}

/// The height of `columns` sub-columns holding cards of these heights flowed as [`masonry`]
/// flows them (without placing them).
fn masonry_height(heights: impl Iterator<Item = f32>, columns: usize) -> f32 {
    let mut bottoms = [0.0_f32; MAX_COLUMNS];
    let mut used = [false; MAX_COLUMNS];
    let columns = columns.clamp(1, MAX_COLUMNS);
    for h in heights {
        let mut best = 0;
        for i in 1..columns {
            if bottoms[i] < bottoms[best] {
                best = i;
            }
        }
        bottoms[best] += if used[best] { CARD_GAP + h } else { h };
        used[best] = true;
    }
    bottoms[..columns].iter().copied().fold(0.0, f32::max)
}

/// The most sub-columns a stage gets.
const MAX_COLUMNS: usize = 8;
/// The card widths tried first: from `MIN_CARD` to `MAX_CARD` points, each `LADDER` times the last.
const MIN_CARD: f32 = 110.0;
const MAX_CARD: f32 = 1600.0;
const LADDER: f32 = 1.08;
/// The finer ladder around the best width.
const FINE: f32 = 1.0125;
/// Wider cards stop being tried once the scale falls below this share of the best.
const PAST_PEAK: f32 = 0.85;

/// A text measured for line counting, its line height and its size (the narrowest a wrap goes).
#[derive(Clone)]
struct Text {
    breaks: Arc<Breakable>,
    line_height: f32,
    size: f32,
}

impl Text {
    fn height(&self, width: f32) -> f32 {
        self.breaks.lines(width.max(self.size)) as f32 * self.line_height
    }
}

/// A card, measured for any width: [`Builder::measure_card`]'s arithmetic on line counts.
struct CardModel {
    /// The channel label and the icon's line height.
    head: Option<(Text, f32)>,
    title: Text,
    /// The title leaves room for the emotion dot.
    narrow_title: bool,
    details: Option<Text>,
    tags: Option<Text>,
    /// The vote badge's height, when it is shown (it does not wrap).
    votes: f32,
}

impl CardModel {
    fn height(&self, card_width: f32) -> f32 {
        let inner = card_width - 2.0 * CARD_PAD - ACCENT_WIDTH;
        let mut h = 2.0 * CARD_PAD;
        if let Some((label, icon_h)) = &self.head {
            h += label.height(inner - 30.0).max(*icon_h) + 3.0;
        }
        h += self.title.height(if self.narrow_title { inner - 14.0 } else { inner });
        for text in [&self.details, &self.tags].into_iter().flatten() {
            h += 3.0 + text.height(inner);
        }
        h + self.votes
    }
}

/// A stage header, measured for any width: [`Builder::stage_headers`]' arithmetic.
struct HeaderModel {
    name: Text,
    description: Option<Text>,
    /// Each metric chip's width and height.
    chips: Vec<(f32, f32)>,
}

/// The stage header row's height: the chips of every stage sit on one row under the tallest
/// name and description (the parts from [`HeaderModel::parts`]).
fn header_row(text: f32, chips: f32) -> f32 {
    (text + chips + CELL_PAD).max(48.0)
}

impl HeaderModel {
    /// The height of the name and description, and of the chips' flow with the gap above it.
    fn parts(&self, stage_width: f32) -> (f32, f32) {
        let inner = stage_width - 2.0 * CELL_PAD;
        let mut h = HEADER_TOP + self.name.height(inner);
        if let Some(description) = &self.description {
            h += 3.0 + description.height(inner);
        }
        let mut chips = 0.0;
        if !self.chips.is_empty() {
            let (mut x, mut y, mut row) = (0.0_f32, 0.0_f32, 0.0_f32);
            for &(w, ch) in &self.chips {
                let w = w.min(inner);
                if x > 0.0 && x + w > inner {
                    x = 0.0;
                    y += row + 4.0;
                    row = 0.0;
                }
                x += w + 4.0;
                row = row.max(ch);
            }
            chips = CHIPS_GAP + y + row;
        }
        (h, chips)
    }
}

/// The lane header column's widths tried, as shares of the screen's.
const HEADER_SHARES: [f32; 3] = [1.0, 0.85, 0.7];

/// The poster measured for the search.
struct Model {
    /// The lane header column's widths tried, and each visible lane's header height at each
    /// (the row's least).
    header_options: Vec<(f32, Vec<f32>)>,
    /// Everything but the stage header row and the lane rows: margins, title block, legend,
    /// footer and the gaps between them.
    overhead: f32,
    headers: Vec<HeaderModel>,
    cards: Vec<CardModel>,
    /// Per visible lane: its emotion band's height.
    bands: Vec<f32>,
    /// Per visible lane, per stage: the cards in the cell (indices into `cards`), in order.
    cells: Vec<Vec<Vec<usize>>>,
    /// The narrowest the stage columns may be together (the screen's two-stage minimum).
    min_grid: f32,
    /// The tables of the card widths tried so far (they depend on nothing else).
    known: RefCell<HashMap<u32, Rc<Tables>>>,
    /// The cards' font sizes measured.
    card_type: CardType,
}

/// One candidate of the search: a lane header width, a card width and the sub-columns per stage.
#[derive(Clone, Debug)]
struct Choice {
    /// Index into the model's header options.
    header: usize,
    card: f32,
    columns: Vec<usize>,
    scale: f32,
}

/// The heights the search looks up for one card width.
struct Tables {
    /// Per lane, per stage, per sub-column count (from 1): the cell's content height.
    cells: Vec<Vec<Vec<f32>>>,
    /// Per stage, per sub-column count: the header's parts (name and description, chips).
    headers: Vec<Vec<(f32, f32)>>,
    /// Per stage: the most sub-columns worth having (its fullest cell's card count).
    most: Vec<usize>,
}

/// Sub-columns being tried, with what [`Model::size`] needs to price changing one stage's in
/// time proportional to the lanes (the tallest and second tallest cell of every row).
struct State<'m> {
    model: &'m Model,
    tables: &'m Tables,
    header: usize,
    card: f32,
    columns: Vec<usize>,
    /// The stage columns' total width.
    grid: f32,
    /// Per lane: the tallest cell (with padding), its stage, and the second tallest.
    rows: Vec<(f32, usize, f32)>,
    /// The same over the stage headers' names and descriptions, and over their chips.
    headers: [(f32, usize, f32); 2],
    /// The poster's width and height.
    size: (f32, f32),
}

/// The largest value, its index, and the second largest.
fn top_two(values: impl Iterator<Item = f32>) -> (f32, usize, f32) {
    let (mut first, mut at, mut second) = (f32::MIN, usize::MAX, f32::MIN);
    for (i, v) in values.enumerate() {
        if v > first {
            (second, first, at) = (first, v, i);
        } else if v > second {
            second = v;
        }
    }
    (first, at, second)
}

impl<'m> State<'m> {
    fn new(model: &'m Model, tables: &'m Tables, header: usize, card: f32, columns: Vec<usize>) -> Self {
        let grid = columns.iter().map(|&k| stage_width(card, k)).sum();
        let rows = (tables.cells.iter())
            .map(|cells| top_two(cells.iter().zip(&columns).map(|(c, &k)| c[k - 1] + 2.0 * CELL_PAD)))
            .collect();
        let headers = [
            top_two(tables.headers.iter().zip(&columns).map(|(h, &k)| h[k - 1].0)),
            top_two(tables.headers.iter().zip(&columns).map(|(h, &k)| h[k - 1].1)),
        ];
        let size = model.size(tables, header, card, &columns);
        State { model, tables, header, card, columns, grid, rows, headers, size }
    }

    /// The poster's size with stage `i` at `k` sub-columns and the others as they are.
    fn with(&self, i: usize, k: usize) -> (f32, f32) {
        let model = self.model;
        let (header_width, leasts) = &model.header_options[self.header];
        let grid = self.grid - stage_width(self.card, self.columns[i]) + stage_width(self.card, k);
        let width = 2.0 * MARGIN + header_width + grid.max(model.min_grid);
        let others = |(first, at, second): (f32, usize, f32)| if at == i { second } else { first };
        let (text, chips) = self.tables.headers[i][k - 1];
        let header = header_row(text.max(others(self.headers[0])), chips.max(others(self.headers[1])));
        let mut height = model.overhead + header;
        for (((row, cells), least), band) in
            self.rows.iter().zip(&self.tables.cells).zip(leasts).zip(&model.bands)
        {
            let tallest = (cells[i][k - 1] + 2.0 * CELL_PAD).max(others(*row)).max(0.0);
            height += tallest.max(*least).max(MIN_ROW) + band;
        }
        (width, height)
    }
}

impl Model {
    fn tables(&self, card: f32) -> Tables {
        let stages = self.headers.len();
        let heights: Vec<f32> = self.cards.iter().map(|c| c.height(card)).collect();
        let mut most = vec![1_usize; stages];
        for lane in &self.cells {
            for (i, cell) in lane.iter().enumerate() {
                most[i] = most[i].max(cell.len().min(MAX_COLUMNS));
            }
        }
        let cells = (self.cells.iter())
            .map(|lane| {
                (lane.iter().enumerate())
                    .map(|(i, cell)| {
                        (1..=most[i]).map(|k| masonry_height(cell.iter().map(|&c| heights[c]), k)).collect()
                    })
                    .collect()
            })
            .collect();
        let headers = (self.headers.iter().enumerate())
            .map(|(i, h)| (1..=most[i]).map(|k| h.parts(stage_width(card, k))).collect())
            .collect();
        Tables { cells, headers, most }
    }

    /// The poster's width and height with these sub-columns.
    fn size(&self, tables: &Tables, header: usize, card: f32, columns: &[usize]) -> (f32, f32) {
        let (header_width, leasts) = &self.header_options[header];
        let grid: f32 = columns.iter().map(|&k| stage_width(card, k)).sum();
        let width = 2.0 * MARGIN + header_width + grid.max(self.min_grid);
        let (text, chips) = (tables.headers.iter().zip(columns))
            .map(|(h, &k)| h[k - 1])
            .fold((0.0_f32, 0.0_f32), |(t, c), (ht, hc)| (t.max(ht), c.max(hc)));
        let header = header_row(text, chips);
        let mut height = self.overhead + header;
        for ((least, band), cells) in leasts.iter().zip(&self.bands).zip(&tables.cells) {
            let tallest =
                cells.iter().zip(columns).map(|(c, &k)| c[k - 1] + 2.0 * CELL_PAD).fold(0.0, f32::max);
            height += tallest.max(*least).max(MIN_ROW) + band;
        }
        (width, height)
    }

    /// The best sub-columns for one card width, with the given lane header widths (indices
    /// into the model's options): see the [module](self) documentation.
    fn best_for(&self, card: f32, headers: std::ops::Range<usize>, area: (f32, f32)) -> Choice {
        let tables = Rc::clone(
            self.known.borrow_mut().entry(card.to_bits()).or_insert_with(|| Rc::new(self.tables(card))),
        );
        headers
            .map(|header| self.best_with(&tables, header, card, area))
            .reduce(|a, b| if b.scale > a.scale { b } else { a })
            .unwrap_or(Choice { header: 0, card, columns: vec![1; self.headers.len()], scale: 0.0 })
    }

    /// The best sub-columns for one card width and lane header width.
    fn best_with(&self, tables: &Tables, header: usize, card: f32, area: (f32, f32)) -> Choice {
        let scale_of = |(w, h): (f32, f32)| (area.0 / w).min(area.1 / h);
        let mut state = State::new(self, tables, header, card, vec![1_usize; tables.most.len()]);
        let mut best = Choice { header, card, columns: state.columns.clone(), scale: scale_of(state.size) };
        loop {
            let (width, height) = state.size;
            if area.0 / width <= best.scale {
                // Wider only prints smaller from here.
                break;
            }
            // The move that takes the most height off per point of width: one more sub-column
            // in one stage, or in every stage that holds up the tallest row.
            let mut chosen: Option<(f32, Vec<usize>)> = None;
            let consider = |chosen: &mut Option<(f32, Vec<usize>)>, next: Vec<usize>, (w, h): (f32, f32)| {
                let gain = (height - h) / (w - width).max(1e-3);
                if height - h > 0.01 && chosen.as_ref().is_none_or(|(g, _)| gain > *g) {
                    *chosen = Some((gain, next));
                }
            };
            for i in 0..state.columns.len() {
                let k = state.columns[i];
                if k < tables.most[i] {
                    let size = state.with(i, k + 1);
                    let mut next = state.columns.clone();
                    next[i] += 1;
                    consider(&mut chosen, next, size);
                }
            }
            if chosen.is_none() {
                for cells in &tables.cells {
                    let tallest =
                        cells.iter().zip(&state.columns).map(|(c, &k)| c[k - 1]).fold(0.0, f32::max);
                    let mut next = state.columns.clone();
                    for (i, (c, k)) in cells.iter().zip(&state.columns).enumerate() {
                        if c[k - 1] >= tallest - 0.01 && *k < tables.most[i] {
                            next[i] += 1;
                        }
                    }
                    if next != state.columns {
                        let size = self.size(tables, header, card, &next);
                        consider(&mut chosen, next, size);
                    }
                }
            }
            let Some((_, next)) = chosen else { break };
            state = State::new(self, tables, header, card, next);
            let scale = scale_of(state.size);
            if scale > best.scale {
                best = Choice { header, card, columns: state.columns.clone(), scale };
            }
        }
        // Then one sub-column more or less in any stage, while that prints larger.
        let mut state = State::new(self, tables, header, card, best.columns.clone());
        for _ in 0..4 * tables.most.len() {
            let mut improved = false;
            for i in 0..state.columns.len() {
                for more in [true, false] {
                    let k = state.columns[i];
                    if (more && k >= tables.most[i]) || (!more && k <= 1) {
                        continue;
                    }
                    let k = if more { k + 1 } else { k - 1 };
                    let scale = scale_of(state.with(i, k));
                    if scale > best.scale * 1.0001 {
                        let mut next = state.columns.clone();
                        next[i] = k;
                        state = State::new(self, tables, header, card, next);
                        best = Choice { header, card, columns: state.columns.clone(), scale };
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
        best
    }

    /// The best card width and sub-columns for a printable area: a coarse ladder of card widths
    /// with the screen's lane header width (stopping once the scale has clearly passed its
    /// peak), then a finer ladder around the best with every lane header width.
    fn search(&self, area: (f32, f32)) -> Choice {
        self.refine(self.coarse(area), area)
    }

    /// The coarse ladder of [`Model::search`]: enough to compare orientations and card types.
    fn coarse(&self, area: (f32, f32)) -> Choice {
        let mut best = self.best_for(MIN_CARD, 0..1, area);
        let mut card = MIN_CARD * LADDER;
        while card <= MAX_CARD {
            let choice = self.best_for(card, 0..1, area);
            if choice.scale > best.scale {
                best = choice;
            } else if choice.scale < best.scale * PAST_PEAK {
                break;
            }
            card *= LADDER;
        }
        best
    }

    /// The finer ladder of [`Model::search`], around a coarse choice.
    fn refine(&self, coarse: Choice, area: (f32, f32)) -> Choice {
        let all = 0..self.header_options.len();
        let mut best = coarse;
        let around = best.card;
        let mut card = (around / LADDER).max(MIN_CARD);
        while card < around * LADDER {
            let choice = self.best_for(card, all.clone(), area);
            if choice.scale > best.scale {
                best = choice;
            }
            card *= FINE;
        }
        best
    }

    /// The plan for a choice, its stage columns widened to fill the area's width.
    fn plan(&self, choice: &Choice, area: (f32, f32)) -> Plan {
        let header_width = self.header_options.get(choice.header).map_or(0.0, |h| h.0);
        let widths: Vec<f32> = choice.columns.iter().map(|&k| stage_width(choice.card, k)).collect();
        let grid: f32 = widths.iter().sum();
        let fixed = 2.0 * MARGIN + header_width;
        let room = area.0 / choice.scale - fixed;
        let stretch = if grid > 0.0 && room > grid { room / grid } else { 1.0 };
        let widths: Vec<f32> = widths.iter().map(|w| w * stretch).collect();
        Plan::from_widths(header_width, &widths, choice.columns.clone(), self.card_type)
    }

    /// The height to add to every lane row so the poster with this plan has the area's shape
    /// (0 when the plan is already as tall as that, or there is no row).
    fn row_extra(&self, plan: &Plan, header: usize, area: (f32, f32), lanes: usize) -> f32 {
        let header_width = self.header_options.get(header).map_or(0.0, |h| h.0);
        let width = 2.0 * MARGIN + header_width + (plan.right() - plan.left(0)).max(self.min_grid);
        let target = width * area.1 / area.0;
        let height = self.height_of(plan, header);
        if lanes > 0 && height < target { (target - height) / lanes as f32 } else { 0.0 }
    }

    /// The model's height of the poster with a plan and header option (row extra left out).
    fn height_of(&self, plan: &Plan, header: usize) -> f32 {
        let leasts = self.header_options.get(header).map(|h| h.1.as_slice()).unwrap_or_default();
        let stages = self.headers.len();
        let (text, chips) = (0..stages)
            .map(|i| self.headers[i].parts(plan.width(i)))
            .fold((0.0_f32, 0.0_f32), |(t, c), (ht, hc)| (t.max(ht), c.max(hc)));
        let header = header_row(text, chips);
        let mut height = self.overhead + header;
        for ((least, band), cells) in leasts.iter().zip(&self.bands).zip(&self.cells) {
            let mut tallest = 0.0_f32;
            for (i, cell) in cells.iter().enumerate() {
                let w = plan.card_width(i);
                let h = masonry(cell.iter().map(|&c| self.cards[c].height(w)), plan.columns(i)).1;
                tallest = tallest.max(h + 2.0 * CELL_PAD);
            }
            height += tallest.max(*least).max(MIN_ROW) + band;
        }
        height
    }
}

/// Lays out `map` to fill `area` with the largest text: see the [module](self) documentation.
pub(super) fn fit(
    layouter: &mut Layouter,
    map: &Map,
    options: &LayoutOptions,
    area: PaperArea,
) -> (DisplayList, Fitted) {
    let generation = layouter.generation;
    layouter.last_misses = 0;
    let mut misses = 0;
    let valid = |x: f32| x.is_finite() && x > 1.0;
    let (aw, ah) = if valid(area.width_pt) && valid(area.height_pt) {
        (area.width_pt, area.height_pt)
    } else {
        (1.0, 1.0)
    };
    let mut areas = vec![(aw, ah)];
    if area.may_turn && (aw - ah).abs() > 0.5 {
        areas.push((ah, aw));
    }
    // What the model does not measure at the final width (the legend's flow, wrapped chips):
    // the last fit's correction is the best first guess, so a re-layout after an edit usually
    // takes one pass.
    let correction = layouter.fit_correction;
    let mut searched = |layouter: &mut Layouter, card_type: CardType| {
        layouter.last_misses = 0;
        let mut model = measure(layouter, map, options, card_type);
        misses += layouter.last_misses;
        model.overhead += correction;
        let first = (areas[0], model.coarse(areas[0]));
        let (used, choice) = areas[1..].iter().fold(first, |(used, best), &other| {
            let candidate = model.coarse(other);
            if candidate.scale > best.scale * 1.0001 { (other, candidate) } else { (used, best) }
        });
        (model, used, choice)
    };
    // The screen's type first; when its smallest card text would print below the floor, the
    // paper's flat type too, and whichever prints the smallest card text larger. Orientations
    // and types are compared on the coarse ladder; only the one kept is refined.
    let (mut model, mut used, mut choice) = searched(layouter, CardType::SCREEN);
    if CardType::SCREEN.smallest() * choice.scale < CardType::FLOOR_PT {
        let flat = searched(layouter, CardType::PAPER);
        if CardType::PAPER.smallest() * flat.2.scale > CardType::SCREEN.smallest() * choice.scale {
            (model, used, choice) = flat;
        }
    }
    choice = model.refine(choice, used);
    layouter.keep = Some(generation);
    let estimated = model.overhead - correction;
    let lanes = map.lanes.iter().filter(|l| !l.hidden).count();
    let mut plan = model.plan(&choice, used);
    plan.row_extra = model.row_extra(&plan, choice.header, used, lanes);
    let mut list = layouter.layout_with(map, options, &plan);
    misses += layouter.last_misses;
    let predicted = model.height_of(&plan, choice.header) + lanes as f32 * plan.row_extra;
    let error = list.height - predicted;
    if error.abs() > 0.002 * list.height {
        // The model was off: correct it with the real layout and plan again.
        model.overhead += error;
        choice = model.search(used);
        plan = model.plan(&choice, used);
        plan.row_extra = model.row_extra(&plan, choice.header, used, lanes);
        list = layouter.layout_with(map, options, &plan);
        misses += layouter.last_misses;
        // Rows grow to fill what the height still leaves.
        let target_height = list.width * used.1 / used.0;
        if lanes > 0 && list.height < target_height - 1.0 {
            plan.row_extra += (target_height - list.height) / lanes as f32;
            list = layouter.layout_with(map, options, &plan);
            misses += layouter.last_misses;
        }
        let predicted = model.height_of(&plan, choice.header) + lanes as f32 * plan.row_extra;
        model.overhead += list.height - predicted;
    }
    layouter.fit_correction = model.overhead - estimated;
    layouter.breaks.retain(|_, entries| {
        entries.retain(|_, (_, used)| *used == generation);
        !entries.is_empty()
    });
    layouter.keep = None;
    layouter.last_misses = misses;
    let scale = (used.0 / list.width.max(1.0)).min(used.1 / list.height.max(1.0));
    (list, Fitted { width_pt: used.0, height_pt: used.1, scale })
}

/// The measuring pass: see the [module](self) documentation.
fn measure(layouter: &mut Layouter, map: &Map, options: &LayoutOptions, card_type: CardType) -> Model {
    let geometry = options.geometry();
    let plan = Plan { card_type, ..Plan::screen(map.stages.len(), &geometry) };
    let mut model = None;
    layouter.sheet_with(map, options, false, |pen| {
        let mut b = Builder { pen, geometry, options, plan: &plan };
        model = Some(b.model(map));
    });
    model.unwrap_or_else(|| Model {
        header_options: vec![(geometry.header_width, Vec::new())],
        overhead: 0.0,
        headers: Vec::new(),
        cards: Vec::new(),
        bands: Vec::new(),
        cells: Vec::new(),
        min_grid: 0.0,
        known: RefCell::default(),
        card_type,
    })
}

impl Builder<'_, '_> {
    fn text(&mut self, text: &str, style: FontStyle, size: f32) -> Text {
        Text {
            breaks: self.pen.breakable(text, style, size),
            line_height: self.pen.line_height(style, size),
            size,
        }
    }

    fn model(&mut self, map: &Map) -> Model {
        let geometry = self.geometry;
        // Overhead: what `map` draws above, below and around the grid, at the screen's width.
        let width =
            2.0 * MARGIN + geometry.header_width + map.stages.len().max(2) as f32 * geometry.stage_width;
        let mut overhead = self.title_block(map, MARGIN, width) + 18.0;
        let legend_top = 24.0;
        let mut y = legend_top;
        if self.options.legend {
            y = self.legend(map, y, width);
        }
        y = self.pen.footer(map, y + 12.0, width);
        overhead += y + MARGIN;

        let (name_pt, description_pt, chip_pt) = (self.pt(13.0), self.pt(8.0), self.pt(7.5));
        let mut headers = Vec::new();
        for stage in &map.stages {
            let name_text = if stage.name.is_empty() { "—" } else { stage.name.as_str() };
            let name = self.text(name_text, FontStyle::Bold, name_pt);
            let description = (!stage.description.is_empty())
                .then(|| self.text(&stage.description, FontStyle::Regular, description_pt));
            let chip_h = self.pen.line_height(FontStyle::Bold, chip_pt) + 4.0;
            let chips = (self.metric_chips(stage).iter())
                .map(|chip| (self.pen.measure(chip, FontStyle::Bold, chip_pt) + 10.0, chip_h))
                .collect();
            headers.push(HeaderModel { name, description, chips });
        }

        let mut cards = Vec::new();
        let mut by_cell: BTreeMap<(&Id, &Id), Vec<&Card>> = BTreeMap::new();
        for card in &map.cards {
            by_cell.entry((&card.lane, &card.stage)).or_default().push(card);
        }
        for list in by_cell.values_mut() {
            list.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        }
        let visible: Vec<&crate::model::Lane> = map.lanes.iter().filter(|l| !l.hidden).collect();
        let mut header_options = Vec::new();
        for share in HEADER_SHARES {
            self.geometry.header_width = geometry.header_width * share;
            let leasts = visible.iter().map(|lane| self.lane_header(map, lane, 0.0, 0.0)).collect();
            header_options.push((self.geometry.header_width, leasts));
        }
        self.geometry = geometry;
        let mut bands = Vec::new();
        let mut cells = Vec::new();
        for lane in visible {
            bands.push(if lane.kind.persona().is_some() { geometry.emotion_height } else { 0.0 });
            let mut row = Vec::new();
            for stage in &map.stages {
                let mut cell = Vec::new();
                for card in by_cell.get(&(&lane.id, &stage.id)).map(Vec::as_slice).unwrap_or_default() {
                    cell.push(cards.len());
                    cards.push(self.card_model(card));
                }
                row.push(cell);
            }
            cells.push(row);
        }
        Model {
            header_options,
            overhead,
            headers,
            cards,
            bands,
            cells,
            min_grid: 2.0 * geometry.stage_width,
            known: RefCell::default(),
            card_type: self.plan.card_type,
        }
    }

    fn card_model(&mut self, card: &Card) -> CardModel {
        let CardType {
            icon: icon_pt,
            label: label_pt,
            title: title_pt,
            details: details_pt,
            tags: tags_pt,
            ..
        } = self.card_pt();
        let head = card.channel.map(|channel| {
            let label = self.channel_label(card, channel);
            (self.text(&label, FontStyle::Bold, label_pt), self.pen.line_height(FontStyle::Regular, icon_pt))
        });
        let style = if card.kind == CardKind::Quote { FontStyle::Italic } else { FontStyle::Regular };
        let title_text = if card.title.is_empty() { "…" } else { card.title.as_str() };
        let title = self.text(title_text, style, title_pt);
        let details = (self.options.details && !card.details.is_empty())
            .then(|| self.text(&card.details, FontStyle::Regular, details_pt));
        let tags = tags_text(card).map(|t| self.text(&t, FontStyle::Regular, tags_pt));
        let votes = if self.options.votes && card.vote_count() > 0 {
            3.0 + self.pen.line_height(FontStyle::Bold, self.card_pt().votes) + 2.0 * VOTE_PAD
        } else {
            0.0
        };
        CardModel {
            head,
            title,
            narrow_title: card.channel.is_none() && card.emotion.is_some(),
            details,
            tags,
            votes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masonry_puts_each_card_in_the_shortest_column() {
        let (places, height) = masonry([30.0, 10.0, 10.0, 10.0].into_iter(), 2);
        assert_eq!(places[0], (0, 0.0));
        assert_eq!(places[1], (1, 0.0));
        assert_eq!(places[2], (1, 10.0 + CARD_GAP));
        assert_eq!(places[3].0, 1);
        assert!((height - 30.0_f32.max(30.0 + 2.0 * CARD_GAP)).abs() < 1e-3, "{height}");
        let (one, h) = masonry([5.0, 7.0].into_iter(), 1);
        assert_eq!(one, vec![(0, 0.0), (0, 5.0 + CARD_GAP)]);
        assert!((h - (12.0 + CARD_GAP)).abs() < 1e-4);
    }

    #[test]
    fn widths_and_card_widths_agree() {
        for k in 1..5 {
            assert!((card_width(stage_width(150.0, k), k) - 150.0).abs() < 1e-3);
        }
    }
}
