//! The layout: `Map + options → DisplayList`, in points, for every painter and the canvas.
//!
//! The poster reads top to bottom: a title block; the stage header row (colour band, name,
//! description, metric chips); one row per visible lane — persona lanes open with a badge
//! (photo or initials, name, age and job, segment) and end with that persona's emotion curve —
//! with the cards of each cell stacked in order; a legend; a footer. Everything is measured with
//! the bundled fonts, so nothing overlaps and nothing is cut off: cards grow with their text and
//! a row is as tall as its tallest cell.
//!
//! Wrapped text is cached by (text, style, size, width) in a [`Layouter`], so laying out again
//! after a one-card edit only shapes that card's text.
//!
//! Every sheet (this poster, the [`funnel`] page) draws with a [`pen::Pen`]: text, shapes and the
//! furniture they share (title block, footer, persona badges, legends), in the colours the
//! [`theme`] decides. The display list's grid says where the stage columns, lanes and emotion
//! bands ended up.

mod curve;
mod fit;
pub mod funnel;
pub mod labels;
pub mod pen;
pub mod personas;
pub mod readability;
pub mod theme;
pub mod typography;

pub use fit::{Fitted, LayoutTarget, PaperArea};
pub use theme::{Theme, ThemeName};

use fit::Plan;

use crate::display::{
    Colour, Column, Cubic, DisplayList, EmotionBand, Image, Item, Point, Rect, Row, Stroke, Target,
};
use crate::model::{Card, CardKind, Id, Lane, LaneKind, Map, Stage};
use crate::text::{Breakable, FontStyle, Fonts, Line};
use labels::Word;
use pen::{Flow, Lines, Para, Pen, Swatch};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;
use theme::EmotionMark;

/// Margin around the poster, in points.
pub const MARGIN: f32 = 40.0;
/// Width of the lane header column, in points.
pub const HEADER_WIDTH: f32 = 200.0;
/// Width of a stage column, in points.
pub const STAGE_WIDTH: f32 = 210.0;
/// Padding inside a cell, in points.
pub const CELL_PAD: f32 = 8.0;
/// Space between two cards of a cell, in points.
pub const CARD_GAP: f32 = 6.0;
/// Padding inside a card, in points.
pub const CARD_PAD: f32 = 7.0;
/// Height of a persona's emotion band, in points.
pub const EMOTION_HEIGHT: f32 = 96.0;
/// Room above the highest level and below the lowest in an emotion band, in points.
const EMOTION_PAD: f32 = 16.0;
/// Font size of card titles, in points.
pub const CARD_TITLE_PT: f32 = 10.0;
/// Font size of card details, in points.
pub const CARD_DETAILS_PT: f32 = 8.5;
/// From a stage header's top to its name (under the stage's colour band), in points.
const HEADER_TOP: f32 = 14.0;
/// From a stage's description (or name) to its metric chips, in points.
const CHIPS_GAP: f32 = 5.0;
/// Font size of the vote badge, in points.
const VOTE_PT: f32 = 7.5;

/// The font sizes of a card's texts, in points, before the text scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardType {
    /// The channel icon.
    pub icon: f32,
    /// The channel label next to the icon.
    pub label: f32,
    /// The title.
    pub title: f32,
    /// The details under the title.
    pub details: f32,
    /// The tags.
    pub tags: f32,
    /// The vote badge.
    pub votes: f32,
}

impl CardType {
    /// On the screen: titles 10 pt, details 8.5 pt, channel labels and tags 7 pt.
    pub const SCREEN: CardType = CardType {
        icon: 8.0,
        label: 7.0,
        title: CARD_TITLE_PT,
        details: CARD_DETAILS_PT,
        tags: 7.0,
        votes: VOTE_PT,
    };

    /// On a crowded poster: every card text at the title's size (the hierarchy kept by weight
    /// and colour), so the smallest prints as large as it can. See [`CardType::FLOOR_PT`].
    pub const PAPER: CardType = CardType {
        icon: CARD_TITLE_PT,
        label: CARD_TITLE_PT,
        title: CARD_TITLE_PT,
        details: CARD_TITLE_PT,
        tags: CARD_TITLE_PT,
        votes: CARD_TITLE_PT,
    };

    /// A poster fitted to paper lays its cards out with [`CardType::SCREEN`] unless that prints
    /// some card text below this size, in points; then with [`CardType::PAPER`] when that prints
    /// its smallest card text larger (a 600-card map on A0: 5.2 pt with the screen's type).
    pub const FLOOR_PT: f32 = 6.5;

    /// The smallest of these sizes (the icon left out: it is a symbol, not words).
    pub fn smallest(&self) -> f32 {
        [self.label, self.title, self.details, self.tags, self.votes].into_iter().fold(f32::MAX, f32::min)
    }
}
/// Padding inside the vote badge, in points.
const VOTE_PAD: f32 = 1.5;

const CARD_RADIUS: f32 = 6.0;
const ACCENT_WIDTH: f32 = 4.0;
const MIN_ROW: f32 = 64.0;
/// What is left of a dimmed card's opacity.
const DIM_OPACITY: f32 = 0.25;
/// Opacity of the page-coloured veil over the stages not presented.
const VEIL_ALPHA: u8 = 184;
/// The ring around a search hit: its width and its distance outside the card, in points.
const RING_WIDTH: f32 = 2.5;
const RING_OFFSET: f32 = 2.5;
/// The outline of the presented stage, in points.
const FOCUS_WIDTH: f32 = 3.0;
/// The range `text_scale` is clamped to.
const TEXT_SCALE_RANGE: (f32, f32) = (0.5, 3.0);

/// What to show and how.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutOptions {
    /// Colours.
    pub theme: ThemeName,
    /// Decoded images by the path written in the map (persona photos, logo); the caller loads
    /// them, so the layout does no IO. A missing image shows initials or nothing.
    pub images: BTreeMap<String, Arc<Image>>,
    /// Print card details under titles.
    pub details: bool,
    /// Print the legend.
    pub legend: bool,
    /// Cards drawn faded (fill, outline and text at a quarter of their opacity), e.g. those a
    /// filter leaves out. Geometry does not change: a dimmed card has the same rectangle and hit
    /// region as an undimmed one, so the canvas does not move while a search is typed.
    pub dimmed: BTreeSet<Id>,
    /// Cards drawn with a ring in the theme's accent around them, e.g. search hits. Geometry does
    /// not change either. A card both dimmed and highlighted is drawn faded with its ring.
    pub highlighted: BTreeSet<Id>,
    /// Presentation: the stage (by index in `map.stages`) being presented. Its column gets an
    /// outline and its name the accent colour; the other columns, headers included, are veiled
    /// with the page colour, except the persona lanes' emotion bands (so the curve drawn so far stays
    /// clear). `None` (or an index past the last stage) veils nothing.
    pub focus_stage: Option<usize>,
    /// Presentation: draw each persona's emotion curve only up to this stage index, included
    /// (its points, hit regions and segments after it are left out), so the curve grows as
    /// the presenter steps through the stages. `None` draws the whole curve.
    pub curve_until: Option<usize>,
    /// Presentation: text size factor (1.0 for the poster), clamped to 0.5–3.0. Card, stage
    /// header, lane header and emotion scale text grow by this factor; stage and lane header
    /// columns widen by its square root, so lines wrap a little shorter and rows grow taller to
    /// fit. Margins, paddings, the emotion band's height, the title block, legend and footer do
    /// not change. See [`LayoutOptions::geometry`].
    pub text_scale: f32,
    /// Show each card's dot votes from the workshop room as a badge under its text (dots and
    /// the count); the card grows to hold it, so it never covers the text.
    pub votes: bool,
    /// What the poster is laid out for: the screen (fixed column widths, one column of cards
    /// per cell; the canvas) or a sheet of paper (columns, sub-columns and orientation chosen so
    /// the text prints as large as the paper allows). See [`LayoutTarget`].
    pub target: LayoutTarget,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            theme: ThemeName::Light,
            images: BTreeMap::new(),
            details: true,
            legend: true,
            dimmed: BTreeSet::new(),
            highlighted: BTreeSet::new(),
            focus_stage: None,
            curve_until: None,
            text_scale: 1.0,
            votes: false,
            target: LayoutTarget::Screen,
        }
    }
}

impl LayoutOptions {
    /// The column widths these options lay out with (they depend on `text_scale`).
    pub fn geometry(&self) -> Geometry {
        let scale = self.text_scale();
        let columns = scale.sqrt();
        Geometry {
            header_width: HEADER_WIDTH * columns,
            stage_width: STAGE_WIDTH * columns,
            emotion_height: EMOTION_HEIGHT,
            text_scale: scale,
        }
    }

    /// `text_scale` made usable: clamped, and 1.0 when it is not a number.
    fn text_scale(&self) -> f32 {
        if self.text_scale.is_finite() {
            self.text_scale.clamp(TEXT_SCALE_RANGE.0, TEXT_SCALE_RANGE.1)
        } else {
            1.0
        }
    }
}

/// The sizes the poster lays out with at a text scale: the lane header column starts at
/// [`MARGIN`], stage `i` at `MARGIN + header_width + i × stage_width`. What the layout actually
/// drew, for pointer maths, is in the display list's [`Grid`](crate::display::Grid).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Width of the lane header column, in points ([`HEADER_WIDTH`] at text scale 1).
    pub header_width: f32,
    /// Width of a stage column, in points ([`STAGE_WIDTH`] at text scale 1).
    pub stage_width: f32,
    /// Height of a persona's emotion band, in points (always [`EMOTION_HEIGHT`]).
    pub emotion_height: f32,
    /// The text scale actually used (clamped).
    pub text_scale: f32,
}

impl Geometry {
    /// The left edge of stage column `index`, in points.
    pub fn stage_left(&self, index: usize) -> f32 {
        MARGIN + self.header_width + index as f32 * self.stage_width
    }
}

/// Lays out a map once, with a fresh text cache.
pub fn poster(map: &Map, options: &LayoutOptions) -> DisplayList {
    Layouter::new().layout(map, options)
}

/// Style, size and width of cached text; the text itself is the inner key, so a lookup
/// borrows it instead of allocating.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    style: FontStyle,
    size_bits: u32,
    width_bits: u32,
}

type Cache = HashMap<Key, HashMap<String, (Arc<Vec<Line>>, u64)>>;

/// Texts measured for line counting, by style and size (bits), then text.
type BreakCache = HashMap<(FontStyle, u32), HashMap<String, (Arc<Breakable>, u64)>>;

/// Lays out maps and keeps their wrapped text between layouts.
///
/// Entries not used by the latest layout are dropped after it, so the cache holds about one
/// map's text.
#[derive(Default)]
pub struct Layouter {
    cache: Cache,
    generation: u64,
    /// Texts measured for the paper fit's search; dropped like `cache` when a fit no longer
    /// uses them.
    breaks: BreakCache,
    /// While a paper fit runs: the generation of its measuring pass, whose wrapped text (lane
    /// headers at every width tried) the fit's layouts keep for the next fit.
    keep: Option<u64>,
    /// French spacing of the texts of French maps ([`typography::french`]), by the text as
    /// typed; dropped like `cache`.
    french: HashMap<String, (Arc<str>, u64)>,
    /// What the latest paper fit's real layout added to its model's estimate of the poster's
    /// height outside the grid, in points: the next fit's first guess.
    fit_correction: f32,
    /// Texts shaped (cache misses) by the latest layout, for tests and benchmarks.
    pub last_misses: usize,
}

impl Layouter {
    /// A layouter with an empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Lays out a map for `options.target`.
    pub fn layout(&mut self, map: &Map, options: &LayoutOptions) -> DisplayList {
        self.layout_fitted(map, options).0
    }

    /// Lays out a map for `options.target`, and for a paper target says how it was fitted (the
    /// printable area chosen, turned or not, and the scale the poster prints at).
    pub fn layout_fitted(&mut self, map: &Map, options: &LayoutOptions) -> (DisplayList, Option<Fitted>) {
        match options.target {
            LayoutTarget::Screen => {
                let plan = Plan::screen(map.stages.len(), &options.geometry());
                (self.layout_with(map, options, &plan), None)
            }
            LayoutTarget::Paper(area) => {
                let (list, fitted) = fit::fit(self, map, options, area);
                (list, Some(fitted))
            }
        }
    }

    /// Lays out a map with its columns planned.
    fn layout_with(&mut self, map: &Map, options: &LayoutOptions, plan: &Plan) -> DisplayList {
        let geometry = Geometry { header_width: plan.header_width, ..options.geometry() };
        self.sheet(map, options, |pen| {
            let mut builder = Builder { pen, geometry, options, plan };
            builder.map(map);
        })
    }

    /// `text` with French spacing, through a cache (a re-layout sets only what changed).
    fn french(&mut self, text: &str) -> Arc<str> {
        let generation = self.generation;
        if let Some((set, used)) = self.french.get_mut(text) {
            *used = generation;
            return Arc::clone(set);
        }
        let set: Arc<str> = typography::french(text).into();
        self.french.insert(text.to_owned(), (Arc::clone(&set), generation));
        set
    }

    fn breakable(&mut self, text: &str, style: FontStyle, size: f32) -> Arc<Breakable> {
        let generation = self.generation;
        let entries = self.breaks.entry((style, size.to_bits())).or_default();
        if let Some((breakable, used)) = entries.get_mut(text) {
            *used = generation;
            return Arc::clone(breakable);
        }
        self.last_misses += 1;
        let breakable = Arc::new(Fonts::get().breakable(text, style, size));
        entries.insert(text.to_owned(), (Arc::clone(&breakable), generation));
        breakable
    }

    fn wrap(&mut self, text: &str, style: FontStyle, size: f32, width: f32) -> Arc<Vec<Line>> {
        let key = Key { style, size_bits: size.to_bits(), width_bits: width.to_bits() };
        let generation = self.generation;
        let entries = self.cache.entry(key).or_default();
        if let Some((lines, used)) = entries.get_mut(text) {
            *used = generation;
            return Arc::clone(lines);
        }
        self.last_misses += 1;
        // A text the paper fit measured is already shaped: break it without shaping again.
        let shaped = self.breaks.get(&(style, size.to_bits())).and_then(|texts| texts.get(text));
        let lines = Arc::new(match shaped {
            Some((breakable, _)) => breakable.wrap(width),
            None => Fonts::get().wrap(text, style, size, width),
        });
        entries.insert(text.to_owned(), (Arc::clone(&lines), generation));
        lines
    }
}

struct Builder<'p, 'a> {
    pen: &'p mut Pen<'a>,
    geometry: Geometry,
    options: &'p LayoutOptions,
    /// Where the stage columns go and how many sub-columns of cards each has.
    plan: &'p Plan,
}

/// A stage header measured but not yet placed.
struct Header {
    name: Lines,
    description: Lines,
    /// Each chip's wrapped text, position in the flow (x, y), width and height.
    chips: Vec<(Lines, f32, f32, f32, f32)>,
    /// The height of the name and description, from the header's top.
    text_height: f32,
    /// The height of the chips' flow with the gap above it (0 without chips).
    chips_height: f32,
}

/// Where each card of a cell goes: its sub-column and its top from the cell's content top.
type Places = Vec<(usize, f32)>;

/// A card measured but not yet placed.
struct CardBox<'m> {
    card: &'m Card,
    head: Option<(Lines, Lines)>,
    title: Arc<Vec<Line>>,
    details: Arc<Vec<Line>>,
    tags: Arc<Vec<Line>>,
    /// The vote badge's text, when votes are shown and the card has some.
    votes: Option<Lines>,
    height: f32,
}

impl Builder<'_, '_> {
    /// A font size scaled by the text scale (cards, headers, emotion scale).
    fn pt(&self, size: f32) -> f32 {
        size * self.geometry.text_scale
    }

    /// The card's font sizes, scaled by the text scale.
    fn card_pt(&self) -> CardType {
        let t = self.plan.card_type;
        CardType {
            icon: self.pt(t.icon),
            label: self.pt(t.label),
            title: self.pt(t.title),
            details: self.pt(t.details),
            tags: self.pt(t.tags),
            votes: self.pt(t.votes),
        }
    }

    fn map(&mut self, map: &Map) {
        let stages = map.stages.len();
        let Geometry { header_width, stage_width, .. } = self.geometry;
        let plan = self.plan;
        let width = 2.0 * MARGIN + header_width + (plan.right() - plan.left(0)).max(2.0 * stage_width);
        self.pen.list.width = width;
        self.pen.list.grid.header_right = MARGIN + header_width;
        self.pen.list.grid.columns = (map.stages.iter().enumerate())
            .map(|(i, stage)| Column { stage: stage.id.clone(), x: plan.left(i), width: plan.width(i) })
            .collect();
        let mut y = MARGIN;
        y = self.title_block(map, y, width);
        y += 18.0;
        let grid_top = y;
        y = self.stage_headers(map, y);
        let mut cells: BTreeMap<(&Id, &Id), Vec<&Card>> = BTreeMap::new();
        for card in &map.cards {
            cells.entry((&card.lane, &card.stage)).or_default().push(card);
        }
        for cards in cells.values_mut() {
            cards.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        }
        let mut stripe = false;
        for lane in map.lanes.iter().filter(|l| !l.hidden) {
            y = self.lane_row(map, lane, &cells, y, stripe);
            stripe = !stripe;
        }
        let focus = self.options.focus_stage.filter(|&i| i < stages);
        if let Some(focus) = focus {
            // Presentation: veil the other stages' headers and cells, but not the emotion bands,
            // so the curves drawn so far stay clear.
            let veil = self.pen.theme.page.with_alpha(VEIL_ALPHA);
            let mut spans = Vec::new();
            let mut from = grid_top;
            for band in &self.pen.list.grid.bands {
                spans.push((from, band.rect.y));
                from = band.rect.bottom();
            }
            spans.push((from, y));
            spans.retain(|(top, bottom)| bottom > top);
            for i in (0..stages).filter(|&i| i != focus) {
                let (x, w) = (plan.left(i), plan.width(i));
                for &(top, bottom) in &spans {
                    self.pen.rect(Rect::new(x, top, w, bottom - top), 0.0, Some(veil), None);
                }
            }
        }
        // Column rules over the whole grid, drawn after the rows so they stay visible.
        let rule = Stroke::solid(0.75, self.pen.theme.rule);
        self.pen.column_rules((0..=stages).map(|i| plan.left(i)), grid_top, y, rule);
        self.pen.list.items.push(Item::Line {
            points: vec![Point::new(MARGIN, y), Point::new(plan.right(), y)],
            stroke: Stroke::solid(0.75, self.pen.theme.rule),
        });
        if let Some(focus) = focus {
            let rect = Rect::new(plan.left(focus), grid_top, plan.width(focus), y - grid_top);
            self.pen.rect(rect, 0.0, None, Some(Stroke::solid(FOCUS_WIDTH, self.pen.theme.accent)));
        }
        y += 24.0;
        if self.options.legend {
            y = self.legend(map, y, width);
        }
        y = self.pen.footer(map, y + 12.0, width);
        self.pen.list.height = y + MARGIN;
    }

    fn title_block(&mut self, map: &Map, top: f32, width: f32) -> f32 {
        let (text, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let title = if map.title.is_empty() { "—" } else { map.title.as_str() };
        let meta: Vec<&str> =
            [map.revision.as_str(), map.author.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
        let meta = meta.join(" · ");
        let para =
            |text, style, size, colour, gap, max_width| Para { text, style, size, colour, gap, max_width };
        let mut paras = vec![para(title, FontStyle::Bold, 30.0, text, 0.0, f32::MAX)];
        if !meta.is_empty() {
            paras.push(para(&meta, FontStyle::Regular, 11.0, muted, 2.0, f32::MAX));
        }
        if !map.description.is_empty() {
            paras.push(para(&map.description, FontStyle::Regular, 12.0, text, 6.0, 960.0));
        }
        self.pen.title_block(map, top, width, true, &paras)
    }

    fn metric_chips(&self, stage: &Stage) -> Vec<String> {
        let m = &stage.metrics;
        let lang = self.pen.lang;
        let mut chips = Vec::new();
        if let Some(nps) = m.nps {
            let sign = if nps > 0.0 { "+" } else { "" };
            chips.push(format!("NPS {sign}{}", lang.number(nps)));
        }
        if let Some(ces) = m.ces {
            chips.push(format!("CES {}", lang.number(ces)));
        }
        if let Some(csat) = m.csat {
            chips.push(format!("CSAT {}", lang.percent(csat)));
        }
        if let Some(conversion) = m.conversion {
            chips.push(format!("{} {}", Word::Conversion.text(lang), lang.percent(conversion)));
        }
        if let Some(drop_off) = m.drop_off {
            chips.push(format!("{} {}", Word::DropOff.text(lang), lang.percent(drop_off)));
        }
        for custom in &m.custom {
            let mut chip = format!("{} {}", custom.name, lang.with_unit(custom.value, &custom.unit));
            if let Some(target) = custom.target {
                write!(chip, " ({} {})", Word::Target.text(lang), lang.with_unit(target, &custom.unit)).ok();
            }
            chips.push(chip);
        }
        chips
    }

    fn stage_headers(&mut self, map: &Map, top: f32) -> f32 {
        let (name_pt, description_pt, chip_pt) = (self.pt(13.0), self.pt(8.0), self.pt(7.5));
        let plan = self.plan;
        // Measure every header first: the row is as tall as the tallest.
        let mut headers = Vec::new();
        for (i, stage) in map.stages.iter().enumerate() {
            let inner = plan.width(i) - 2.0 * CELL_PAD;
            let name_text = if stage.name.is_empty() { "—" } else { stage.name.as_str() };
            let name = self.pen.wrap(name_text, FontStyle::Bold, name_pt, inner);
            let description = self.pen.wrap(&stage.description, FontStyle::Regular, description_pt, inner);
            let mut text_height = HEADER_TOP + self.pen.block_height(&name, FontStyle::Bold, name_pt);
            if !stage.description.is_empty() {
                text_height += 3.0 + self.pen.block_height(&description, FontStyle::Regular, description_pt);
            }
            // Chips flow left to right and wrap; a row is as tall as its tallest chip.
            let mut chips = Vec::new();
            let mut flow = Flow::new(0.0, inner);
            let (mut cy, mut row_h) = (0.0_f32, 0.0_f32);
            for chip in self.metric_chips(stage) {
                let w = (self.pen.measure(&chip, FontStyle::Bold, chip_pt) + 10.0).min(inner);
                let lines = self.pen.wrap(&chip, FontStyle::Bold, chip_pt, inner - 10.0);
                let h = self.pen.block_height(&lines, FontStyle::Bold, chip_pt) + 4.0;
                let (cx, wraps) = flow.place(w, 4.0);
                if wraps {
                    cy += row_h + 4.0;
                    row_h = 0.0;
                }
                chips.push((lines, cx, cy, w, h));
                row_h = row_h.max(h);
            }
            let chips_height = if chips.is_empty() { 0.0 } else { CHIPS_GAP + cy + row_h };
            headers.push(Header { name, description, chips, text_height, chips_height });
        }
        // The chips of every stage sit on one row, under the tallest name and description, so
        // the metrics line up across the stages even when names or descriptions wrap.
        let chips_top = headers.iter().map(|h| h.text_height).fold(0.0, f32::max);
        let chips_height = headers.iter().map(|h| h.chips_height).fold(0.0, f32::max);
        let row_h = (chips_top + chips_height + CELL_PAD).max(48.0);
        let (text_colour, muted, chip_fill, rule) =
            (self.pen.theme.text, self.pen.theme.muted, self.pen.theme.chip, self.pen.theme.rule);
        let focus = self.options.focus_stage;
        for (i, (stage, header)) in map.stages.iter().zip(&headers).enumerate() {
            let x = plan.left(i);
            let colour = stage.colour.map_or(self.pen.theme.stage, theme::rgb);
            let cell = Rect::new(x, top, plan.width(i), row_h);
            self.pen.stage_band(cell, 8.0, colour);
            let mut y = top + HEADER_TOP;
            let name_colour = if focus == Some(i) { self.pen.theme.accent } else { text_colour };
            y += self.pen.text(&header.name, x + CELL_PAD, y, FontStyle::Bold, name_pt, name_colour);
            if !stage.description.is_empty() {
                let lines = &header.description;
                self.pen.text(lines, x + CELL_PAD, y + 3.0, FontStyle::Regular, description_pt, muted);
            }
            if !header.chips.is_empty() {
                let y = top + chips_top + CHIPS_GAP;
                for (lines, cx, cy, w, h) in &header.chips {
                    let rect = Rect::new(x + CELL_PAD + cx, y + cy, *w, *h);
                    self.pen.rect(rect, h / 2.0, Some(chip_fill), Some(Stroke::solid(0.75, colour)));
                    self.pen.text(lines, rect.x + 5.0, rect.y + 2.0, FontStyle::Bold, chip_pt, text_colour);
                }
            }
            self.pen.hit(cell, Target::Stage(stage.id.clone()));
        }
        self.pen.list.items.push(Item::Line {
            points: vec![Point::new(MARGIN, top + row_h), Point::new(plan.right(), top + row_h)],
            stroke: Stroke::solid(1.0, rule),
        });
        top + row_h
    }

    /// Measures a card `card_width` points wide.
    fn measure_card<'m>(&mut self, card: &'m Card, card_width: f32) -> CardBox<'m> {
        let inner = card_width - 2.0 * CARD_PAD - ACCENT_WIDTH;
        let CardType {
            icon: icon_pt,
            label: label_pt,
            title: title_pt,
            details: details_pt,
            tags: tags_pt,
            ..
        } = self.card_pt();
        let mut height = 2.0 * CARD_PAD;
        let head = card.channel.map(|channel| {
            let label = self.channel_label(card, channel);
            let icon = self.pen.wrap(labels::channel_icon(channel), FontStyle::Regular, icon_pt, f32::MAX);
            let text = self.pen.wrap(&label, FontStyle::Bold, label_pt, inner - 30.0);
            (icon, text)
        });
        if let Some((_, text)) = &head {
            height += self
                .pen
                .block_height(text, FontStyle::Bold, label_pt)
                .max(self.pen.line_height(FontStyle::Regular, icon_pt))
                + 3.0;
        }
        let style = if card.kind == CardKind::Quote { FontStyle::Italic } else { FontStyle::Regular };
        let title_text = if card.title.is_empty() { "…" } else { card.title.as_str() };
        let title_width = if head.is_none() && card.emotion.is_some() { inner - 14.0 } else { inner };
        let title = self.pen.wrap(title_text, style, title_pt, title_width);
        height += self.pen.block_height(&title, style, title_pt);
        let details = if self.options.details && !card.details.is_empty() {
            self.pen.wrap(&card.details, FontStyle::Regular, details_pt, inner)
        } else {
            Arc::new(Vec::new())
        };
        if !details.is_empty() {
            height += 3.0 + self.pen.block_height(&details, FontStyle::Regular, details_pt);
        }
        let tags = match tags_text(card) {
            None => Arc::new(Vec::new()),
            Some(text) => self.pen.wrap(&text, FontStyle::Regular, tags_pt, inner),
        };
        if !tags.is_empty() {
            height += 3.0 + self.pen.block_height(&tags, FontStyle::Regular, tags_pt);
        }
        let count = card.vote_count();
        let votes = (self.options.votes && count > 0).then(|| {
            let dots = "●".repeat(usize::try_from(count.min(5)).unwrap_or(5));
            self.pen.wrap(&format!("{dots} {count}"), FontStyle::Bold, self.card_pt().votes, f32::MAX)
        });
        if votes.is_some() {
            height += 3.0 + self.pen.line_height(FontStyle::Bold, self.card_pt().votes) + 2.0 * VOTE_PAD;
        }
        CardBox { card, head, title, details, tags, votes, height }
    }

    /// The words next to a card's channel icon: the channel, and the presence when it is not
    /// the channel's own.
    fn channel_label(&self, card: &Card, channel: crate::model::Channel) -> String {
        let mut label = self.pen.lang.channel(channel).to_owned();
        if let Some(presence) = card.presence.filter(|p| *p != channel.presence()) {
            let word = match presence {
                crate::model::Presence::Online => Word::Online,
                crate::model::Presence::Offline => Word::Offline,
            };
            label = format!("{label} · {}", word.text(self.pen.lang));
        }
        label
    }

    fn draw_card(&mut self, b: &CardBox<'_>, rect: Rect, scale: &crate::model::EmotionScale) {
        let card = b.card;
        // A dimmed card keeps its geometry; only its opacity drops.
        let dimmed = self.options.dimmed.contains(&card.id);
        let fade = |c: Colour| if dimmed { faded(c) } else { c };
        let CardType {
            icon: icon_pt,
            label: label_pt,
            title: title_pt,
            details: details_pt,
            tags: tags_pt,
            ..
        } = self.card_pt();
        let accent = card.colour.map_or_else(|| self.pen.theme.kind_accent(card.kind), theme::rgb);
        let fill = self.pen.theme.card_fill(card.kind, card.colour);
        let stroke_colour = if self.pen.theme.outline_by_kind { accent } else { self.pen.theme.card_stroke };
        let outline = Stroke::solid(self.pen.theme.outline_width, fade(stroke_colour));
        self.pen.rect(rect, CARD_RADIUS, Some(fade(fill)), Some(outline));
        // The kind's accent: a stripe down the left edge, inside the rounded outline.
        self.pen.rect(
            Rect::new(rect.x + 1.5, rect.y + 3.0, ACCENT_WIDTH - 1.0, rect.height - 6.0),
            1.5,
            Some(fade(accent)),
            None,
        );
        let x = rect.x + CARD_PAD + ACCENT_WIDTH;
        let mut y = rect.y + CARD_PAD;
        let (text_colour, muted) = (fade(self.pen.theme.text), fade(self.pen.theme.muted));
        if let Some((icon, label)) = &b.head {
            let icon_w = icon.iter().map(|l| l.width).fold(0.0, f32::max);
            self.pen.text(icon, x, y, FontStyle::Regular, icon_pt, muted);
            let h = self.pen.text(label, x + icon_w + 3.0, y + 0.8, FontStyle::Bold, label_pt, muted);
            y += h.max(self.pen.line_height(FontStyle::Regular, icon_pt)) + 3.0;
        }
        if let Some(score) = card.emotion {
            // The same mark as on the curve and in the legend: shape as well as colour.
            let mark = self.pen.theme.emotion_mark(scale, f64::from(score));
            let mark = EmotionMark { fill: fade(mark.fill), outline: fade(mark.outline), ..mark };
            let center = Point::new(rect.right() - CARD_PAD - 4.5, rect.y + CARD_PAD + 5.0);
            self.pen.emotion_mark(center, 5.0, mark);
        }
        let style = if card.kind == CardKind::Quote { FontStyle::Italic } else { FontStyle::Regular };
        y += self.pen.text(&b.title, x, y, style, title_pt, text_colour);
        if !b.details.is_empty() {
            y += 3.0;
            y += self.pen.text(&b.details, x, y, FontStyle::Regular, details_pt, muted);
        }
        if !b.tags.is_empty() {
            y += 3.0;
            let colour = fade(self.pen.theme.small_text(accent));
            y += self.pen.text(&b.tags, x, y, FontStyle::Regular, tags_pt, colour);
        }
        if let Some(votes) = &b.votes {
            // A pill under the text: the card's text colour as its fill, the card's colour as its
            // ink, so it reads in every theme.
            y += 3.0;
            let size = self.card_pt().votes;
            let width = votes.iter().map(|l| l.width).fold(0.0, f32::max) + 2.0 * VOTE_PAD + 2.0;
            let height = self.pen.line_height(FontStyle::Bold, size) + 2.0 * VOTE_PAD;
            self.pen.rect(
                Rect::new(x, y, width, height),
                height / 2.0,
                Some(fade(self.pen.theme.text)),
                None,
            );
            self.pen.text(
                votes,
                x + VOTE_PAD + 1.0,
                y + VOTE_PAD,
                FontStyle::Bold,
                size,
                fade(self.pen.theme.card),
            );
        }
        if self.options.highlighted.contains(&card.id) {
            let ring = Rect::new(
                rect.x - RING_OFFSET,
                rect.y - RING_OFFSET,
                rect.width + 2.0 * RING_OFFSET,
                rect.height + 2.0 * RING_OFFSET,
            );
            self.pen.rect(
                ring,
                CARD_RADIUS + RING_OFFSET,
                None,
                Some(Stroke::solid(RING_WIDTH, self.pen.theme.accent)),
            );
        }
        self.pen.hit(rect, Target::Card(card.id.clone()));
    }

    fn lane_header(&mut self, map: &Map, lane: &Lane, top: f32, height_hint: f32) -> f32 {
        let x = MARGIN + CELL_PAD;
        let width = self.geometry.header_width - 2.0 * CELL_PAD;
        let (text_colour, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let (name_pt, facts_pt, title_pt) = (self.pt(12.0), self.pt(8.5), self.pt(11.0));
        match &lane.kind {
            LaneKind::Persona(id) => {
                let persona = map.persona(id);
                let colour = persona.and_then(|p| p.colour).map_or(self.pen.theme.stage, theme::rgb);
                let radius = 22.0;
                let center = Point::new(x + radius, top + CELL_PAD + radius);
                self.pen.avatar(persona, center, radius, 15.0, colour);
                let tx = x + 2.0 * radius + 8.0;
                let tw = width - 2.0 * radius - 8.0;
                let name = match (persona, lane.title.is_empty()) {
                    (_, false) => lane.title.clone(),
                    (Some(p), true) if !p.name.is_empty() => p.name.clone(),
                    _ => id.to_string(),
                };
                let mut y = top + CELL_PAD;
                let lines = self.pen.wrap(&name, FontStyle::Bold, name_pt, tw);
                y += self.pen.text(&lines, tx, y, FontStyle::Bold, name_pt, text_colour);
                if let Some(p) = persona {
                    let mut facts = Vec::new();
                    if let Some(age) = p.age {
                        facts.push(self.pen.lang.age(age));
                    }
                    if !p.occupation.is_empty() {
                        facts.push(p.occupation.clone());
                    }
                    if !facts.is_empty() {
                        let lines = self.pen.wrap(&facts.join(" · "), FontStyle::Regular, facts_pt, tw);
                        y += 1.0 + self.pen.text(&lines, tx, y + 1.0, FontStyle::Regular, facts_pt, muted);
                    }
                    if !p.segment.is_empty() {
                        let lines = self.pen.wrap(&p.segment, FontStyle::Italic, facts_pt, tw);
                        let segment_colour = if self.pen.theme.coloured_text { colour } else { muted };
                        y += 1.0
                            + self.pen.text(&lines, tx, y + 1.0, FontStyle::Italic, facts_pt, segment_colour);
                    }
                }
                (y - top + CELL_PAD).max(2.0 * radius + 2.0 * CELL_PAD).max(height_hint)
            }
            kind => {
                let title = if lane.title.is_empty() { kind.name() } else { lane.title.as_str() };
                let mut y = top + CELL_PAD;
                let lines = self.pen.wrap(title, FontStyle::Bold, title_pt, width);
                y += self.pen.text(&lines, x, y, FontStyle::Bold, title_pt, text_colour);
                (y - top + CELL_PAD).max(height_hint)
            }
        }
    }

    fn lane_row(
        &mut self,
        map: &Map,
        lane: &Lane,
        cells: &BTreeMap<(&Id, &Id), Vec<&Card>>,
        top: f32,
        stripe: bool,
    ) -> f32 {
        // Measure the cells.
        // Each cell's cards flow into its stage's sub-columns, each card to the shortest.
        let plan = self.plan;
        let mut columns: Vec<(Vec<CardBox<'_>>, Places)> = Vec::new();
        let mut tallest = 0.0_f32;
        for (i, stage) in map.stages.iter().enumerate() {
            let cards = cells.get(&(&lane.id, &stage.id)).map(Vec::as_slice).unwrap_or_default();
            let card_width = plan.card_width(i);
            let boxes: Vec<CardBox<'_>> =
                cards.iter().map(|card| self.measure_card(card, card_width)).collect();
            let (places, h) = fit::masonry(boxes.iter().map(|b| b.height), plan.columns(i));
            tallest = tallest.max(h + 2.0 * CELL_PAD);
            columns.push((boxes, places));
        }
        let persona = lane.kind.persona().is_some();
        let band = if persona { self.geometry.emotion_height } else { 0.0 };
        let Geometry { header_width, .. } = self.geometry;
        let right = plan.right();
        // Backgrounds first, then the header (its height can raise the row), then the cards.
        let background_at = self.pen.list.items.len();
        let header_h = self.lane_header(map, lane, top, 0.0);
        let cards_h = tallest.max(header_h).max(MIN_ROW) + plan.row_extra;
        let row_h = cards_h + band;
        let row = Rect::new(MARGIN, top, right - MARGIN, row_h);
        let rule = Stroke::solid(0.75, self.pen.theme.rule);
        self.pen.row_background(background_at, row, Some(header_width), stripe, rule);
        self.pen.hit(Rect::new(MARGIN, top, header_width, row_h), Target::Lane(lane.id.clone()));

        for (i, (stage, (boxes, places))) in map.stages.iter().zip(&columns).enumerate() {
            let x = plan.left(i);
            self.pen.hit(
                Rect::new(x, top, plan.width(i), cards_h),
                Target::Cell { lane: lane.id.clone(), stage: stage.id.clone() },
            );
            let card_width = plan.card_width(i);
            for (b, &(column, y)) in boxes.iter().zip(places) {
                let cx = x + CELL_PAD + column as f32 * (card_width + CARD_GAP);
                let rect = Rect::new(cx, top + CELL_PAD + y, card_width, b.height);
                self.draw_card(b, rect, &map.emotion_scale);
            }
        }
        if persona {
            self.emotion_band(map, lane, cells, top + cards_h, right);
        }
        self.pen.list.grid.rows.push(Row { lane: lane.id.clone(), y: top, height: row_h });
        top + row_h
    }

    fn emotion_band(
        &mut self,
        map: &Map,
        lane: &Lane,
        cells: &BTreeMap<(&Id, &Id), Vec<&Card>>,
        top: f32,
        right: f32,
    ) {
        let scale = &map.emotion_scale;
        let Geometry { header_width, emotion_height, .. } = self.geometry;
        let plan = self.plan;
        let left = MARGIN + header_width;
        let (label_pt, title_pt) = (self.pt(7.5), self.pt(8.0));
        let band = EmotionBand {
            lane: lane.id.clone(),
            rect: Rect::new(left, top, right - left, emotion_height),
            pad: EMOTION_PAD,
        };
        let y_of = |fraction: f64| band.y_of(fraction);
        let (rule, muted) = (self.pen.theme.rule, self.pen.theme.muted);
        // Scale guides: top, neutral (dashed), bottom.
        for (fraction, stroke) in [
            (1.0, Stroke::solid(0.5, rule)),
            (scale.fraction(scale.neutral()), Stroke::dashed(0.75, muted.with_alpha(160), 3.0, 3.0)),
            (0.0, Stroke::solid(0.5, rule)),
        ] {
            let y = y_of(fraction);
            self.pen
                .list
                .items
                .push(Item::Line { points: vec![Point::new(left, y), Point::new(right, y)], stroke });
        }
        // Labels of the extremes in the header column.
        let label_x = MARGIN + CELL_PAD;
        let label_w = header_width - 2.0 * CELL_PAD;
        let top_label = scale.label(scale.max).map_or_else(|| format!("{:+}", scale.max), str::to_owned);
        let bottom_label = scale.label(scale.min).map_or_else(|| format!("{:+}", scale.min), str::to_owned);
        let h = self.pen.line_height(FontStyle::Regular, label_pt);
        let title = self.pen.wrap(Word::Emotion.text(self.pen.lang), FontStyle::Bold, title_pt, label_w);
        self.pen.text(&title, label_x, y_of(0.5) - h / 2.0, FontStyle::Bold, title_pt, muted);
        for (text, fraction) in [(top_label, 1.0), (bottom_label, 0.0)] {
            let w = self.pen.measure(&text, FontStyle::Regular, label_pt);
            let colour = self.pen.theme.emotion(fraction);
            self.pen.label(
                &text,
                MARGIN + header_width - CELL_PAD - w,
                y_of(fraction) - h / 2.0,
                FontStyle::Regular,
                label_pt,
                colour,
            );
        }

        // One point per stage with scores: the mean of the lane's cards there; in a presentation,
        // only up to the stage reached.
        let mut points: Vec<(Point, f64, &Id)> = Vec::new();
        let until = self.options.curve_until.unwrap_or(usize::MAX);
        for (i, stage) in map.stages.iter().enumerate().take_while(|(i, _)| *i <= until) {
            let scores: Vec<i32> = cells
                .get(&(&lane.id, &stage.id))
                .map(|cards| cards.iter().filter_map(|c| c.emotion).collect())
                .unwrap_or_default();
            if scores.is_empty() {
                continue;
            }
            let mean = scores.iter().map(|&s| f64::from(s)).sum::<f64>() / scores.len() as f64;
            let x = plan.left(i) + plan.width(i) / 2.0;
            points.push((Point::new(x, y_of(scale.fraction(mean))), mean, &stage.id));
        }
        let persona_colour = lane
            .kind
            .persona()
            .and_then(|id| map.persona(id))
            .and_then(|p| p.colour)
            .map_or(self.pen.theme.stage, theme::rgb);
        let xy: Vec<Point> = points.iter().map(|(p, _, _)| *p).collect();
        if let Some(segments) = curve::monotone(&xy) {
            let first = xy[0];
            let last = xy[xy.len() - 1];
            let neutral = y_of(scale.fraction(scale.neutral()));
            // A soft area between the curve and the neutral line.
            let mut area = vec![Cubic { c1: first, c2: first, to: first }];
            area.extend(segments.iter().copied());
            let down = Point::new(last.x, neutral);
            area.push(Cubic { c1: down, c2: down, to: down });
            let start = Point::new(first.x, neutral);
            area.push(Cubic { c1: start, c2: start, to: start });
            if self.pen.theme.curve_area > 0 {
                self.pen.list.items.push(Item::Area {
                    from: start,
                    segments: area,
                    fill: persona_colour.with_alpha(self.pen.theme.curve_area),
                });
            }
            self.pen.list.items.push(Item::Curve {
                from: first,
                segments,
                stroke: Stroke::solid(2.5, persona_colour),
            });
        }
        for (point, mean, stage) in &points {
            // One mark a point: the shape and colour of the level nearest the cell's mean.
            let mark = self.pen.theme.emotion_mark(scale, *mean);
            self.pen.emotion_mark(*point, 6.5, mark);
            self.pen.hit(
                Rect::new(point.x - 9.0, point.y - 9.0, 18.0, 18.0),
                Target::EmotionPoint { lane: lane.id.clone(), stage: (*stage).clone() },
            );
        }
        self.pen.list.grid.bands.push(band);
    }

    fn legend(&mut self, map: &Map, top: f32, width: f32) -> f32 {
        let (text_colour, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let lang = self.pen.lang;
        let mut y = top;
        y += self.pen.label(Word::Legend.text(lang), MARGIN, y, FontStyle::Bold, 12.0, text_colour).min(0.0);
        y += self.pen.line_height(FontStyle::Bold, 12.0) + 6.0;
        let row_h = self.pen.line_height(FontStyle::Regular, 8.5) + 4.0;
        let right = width - MARGIN;
        // Three groups, each a heading and a flow of entries.
        let group = |b: &mut Self, heading: &str, entries: Vec<(Swatch, String)>, y: f32| -> f32 {
            let hw = b.pen.label(heading, MARGIN, y, FontStyle::Bold, 8.5, muted);
            let mut flow = Flow::new(MARGIN + hw.max(70.0) + 12.0, right);
            let mut y = y;
            for (swatch, text) in entries {
                let tw = b.pen.measure(&text, FontStyle::Regular, 8.5);
                let (x, wraps) = flow.place(16.0 + tw + 14.0, 0.0);
                if wraps {
                    y += row_h;
                }
                b.pen.swatch(swatch, x, y + row_h / 2.0 - 2.0);
                b.pen.label(&text, x + 16.0, y, FontStyle::Regular, 8.5, text_colour);
            }
            y + row_h + 4.0
        };
        let kinds: Vec<(Swatch, String)> = CardKind::ALL
            .into_iter()
            .map(|k| {
                (
                    Swatch::Card {
                        fill: self.pen.theme.card_fill(k, None),
                        accent: self.pen.theme.kind_accent(k),
                    },
                    lang.kind(k).to_owned(),
                )
            })
            .collect();
        y = group(self, Word::Cards.text(lang), kinds, y);
        let channels: Vec<(Swatch, String)> = crate::model::Channel::ALL
            .into_iter()
            .map(|c| (Swatch::Icon(labels::channel_icon(c)), lang.channel(c).to_owned()))
            .collect();
        y = group(self, Word::Channels.text(lang), channels, y);
        let scale = &map.emotion_scale;
        let emotions: Vec<(Swatch, String)> = (scale.min..=scale.max)
            .take(21)
            .map(|level| {
                let mark = self.pen.theme.emotion_mark(scale, f64::from(level));
                // `+2 Enchanté`, `0 Neutre` (zero has no sign), `-2 Frustré`.
                let signed = if level > 0 { format!("+{level}") } else { level.to_string() };
                let text = match scale.label(level) {
                    Some(label) => format!("{signed} {label}"),
                    None => signed,
                };
                (Swatch::Mark(mark), text)
            })
            .collect();
        y = group(self, Word::Emotion.text(lang), emotions, y);
        y
    }
}

/// A card's tags as printed (`#a #b`), or `None` without tags. A tag never breaks between its
/// words; lines break between tags.
fn tags_text(card: &Card) -> Option<String> {
    (!card.tags.is_empty()).then(|| {
        card.tags.iter().map(|t| format!("#{}", typography::unbreakable(t))).collect::<Vec<_>>().join(" ")
    })
}

/// A colour at [`DIM_OPACITY`] of its opacity.
fn faded(colour: Colour) -> Colour {
    // Within 0..=255: a fraction of a u8.
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0..=255")]
    let alpha = (f32::from(colour.a) * DIM_OPACITY).round() as u8;
    colour.with_alpha(alpha)
}

#[cfg(test)]
mod tests;
