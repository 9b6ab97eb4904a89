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

mod curve;
pub mod funnel;
pub mod theme;
pub mod words;

pub use theme::{Theme, ThemeName};

use crate::display::{
    Colour, Cubic, DisplayList, FontStyle, Hit, Image, ImageClip, Item, Point, Rect, Stroke, Target, TextLine,
};
use crate::model::{Card, CardKind, Id, Lane, LaneKind, Map, Persona, Stage};
use crate::text::{Fonts, Line};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;
use words::{Lang, Word};

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
/// Font size of card titles, in points.
pub const CARD_TITLE_PT: f32 = 10.0;
/// Font size of card details, in points.
pub const CARD_DETAILS_PT: f32 = 8.5;
/// Font size of the vote badge, in points.
const VOTE_PT: f32 = 7.5;
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
#[expect(clippy::struct_excessive_bools, reason = "independent switches of what the poster shows")]
pub struct LayoutOptions {
    /// Colours.
    pub theme: ThemeName,
    /// Decoded images by the path written in the map (persona photos, logo); the caller loads
    /// them, so the layout does no IO. A missing image shows initials or nothing.
    pub images: BTreeMap<String, Arc<Image>>,
    /// Draw a face next to each point of the emotion curves.
    pub faces: bool,
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
    /// (its points, faces, hit regions and segments after it are left out), so the curve grows as
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
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            theme: ThemeName::Light,
            images: BTreeMap::new(),
            faces: true,
            details: true,
            legend: true,
            dimmed: BTreeSet::new(),
            highlighted: BTreeSet::new(),
            focus_stage: None,
            curve_until: None,
            text_scale: 1.0,
            votes: false,
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

/// Where the grid's columns are, for the canvas's pointer maths: the lane header column starts
/// at [`MARGIN`], stage `i` at `MARGIN + header_width + i × stage_width`.
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

/// Lays out maps and keeps their wrapped text between layouts.
///
/// Entries not used by the latest layout are dropped after it, so the cache holds about one
/// map's text.
#[derive(Default)]
pub struct Layouter {
    cache: Cache,
    generation: u64,
    /// Texts shaped (cache misses) by the latest layout, for tests and benchmarks.
    pub last_misses: usize,
}

impl Layouter {
    /// A layouter with an empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Lays out a map.
    pub fn layout(&mut self, map: &Map, options: &LayoutOptions) -> DisplayList {
        self.generation += 1;
        self.last_misses = 0;
        let theme = Theme::new(options.theme);
        let geometry = options.geometry();
        let mut builder = Builder {
            fonts: Fonts::get(),
            geometry,
            lang: Lang::from_tag(&map.language),
            list: DisplayList {
                background: theme.page,
                title: map.title.clone(),
                author: map.author.clone(),
                language: map.language.clone(),
                ..DisplayList::default()
            },
            theme,
            layouter: self,
            options,
            bands: Vec::new(),
        };
        builder.map(map);
        let list = builder.list;
        let generation = self.generation;
        for entries in self.cache.values_mut() {
            entries.retain(|_, (_, used)| *used == generation);
        }
        self.cache.retain(|_, entries| !entries.is_empty());
        list
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
        let lines = Arc::new(Fonts::get().wrap(text, style, size, width));
        entries.insert(text.to_owned(), (Arc::clone(&lines), generation));
        lines
    }
}

struct Builder<'a> {
    fonts: &'static Fonts,
    geometry: Geometry,
    lang: Lang,
    theme: Theme,
    list: DisplayList,
    layouter: &'a mut Layouter,
    options: &'a LayoutOptions,
    /// The emotion bands laid out so far, as (top, bottom): a presentation leaves them unveiled.
    bands: Vec<(f32, f32)>,
}

/// Wrapped lines, shared with the cache.
type Lines = Arc<Vec<Line>>;

/// A stage header measured but not yet placed.
struct Header {
    name: Lines,
    description: Lines,
    /// Each chip's wrapped text, position in the flow (x, y), width and height.
    chips: Vec<(Lines, f32, f32, f32, f32)>,
    height: f32,
}

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

impl Builder<'_> {
    /// A font size scaled by the text scale (cards, headers, emotion scale).
    fn pt(&self, size: f32) -> f32 {
        size * self.geometry.text_scale
    }

    fn line_height(&self, style: FontStyle, size: f32) -> f32 {
        self.fonts.ascent(style, size) + self.fonts.descent(style, size)
    }

    fn wrap(&mut self, text: &str, style: FontStyle, size: f32, width: f32) -> Arc<Vec<Line>> {
        self.layouter.wrap(text, style, size, width.max(size))
    }

    fn block_height(&self, lines: &[Line], style: FontStyle, size: f32) -> f32 {
        lines.len() as f32 * self.line_height(style, size)
    }

    /// Pushes lines from the top-left `(x, y)`; returns the height used.
    fn text(&mut self, lines: &[Line], x: f32, y: f32, style: FontStyle, size: f32, colour: Colour) -> f32 {
        let ascent = self.fonts.ascent(style, size);
        let descent = self.fonts.descent(style, size);
        let mut top = y;
        for line in lines {
            if !line.text.is_empty() {
                self.list.items.push(Item::Text(TextLine {
                    origin: Point::new(x, top + ascent),
                    size,
                    style,
                    colour,
                    text: line.text.clone(),
                    glyphs: line.glyphs.clone(),
                    width: line.width,
                    ascent,
                    descent,
                }));
            }
            top += ascent + descent;
        }
        top - y
    }

    /// One line of text that is never wrapped (labels, chips), from the top-left corner.
    fn label(&mut self, text: &str, x: f32, y: f32, style: FontStyle, size: f32, colour: Colour) -> f32 {
        let lines = self.wrap(text, style, size, f32::MAX);
        let width = lines.iter().map(|l| l.width).fold(0.0, f32::max);
        self.text(&lines, x, y, style, size, colour);
        width
    }

    fn measure(&mut self, text: &str, style: FontStyle, size: f32) -> f32 {
        self.wrap(text, style, size, f32::MAX).iter().map(|l| l.width).fold(0.0, f32::max)
    }

    fn rect(&mut self, rect: Rect, radius: f32, fill: Option<Colour>, stroke: Option<Stroke>) {
        self.list.items.push(Item::Rect { rect, radius, fill, stroke });
    }

    fn hit(&mut self, rect: Rect, target: Target) {
        self.list.hits.push(Hit { rect, target });
    }

    fn map(&mut self, map: &Map) {
        let stages = map.stages.len();
        let Geometry { header_width, stage_width, .. } = self.geometry;
        let width = 2.0 * MARGIN + header_width + stages.max(2) as f32 * stage_width;
        self.list.width = width;
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
            let veil = self.theme.page.with_alpha(VEIL_ALPHA);
            let mut spans = Vec::new();
            let mut from = grid_top;
            for &(top, bottom) in &self.bands {
                spans.push((from, top));
                from = bottom;
            }
            spans.push((from, y));
            spans.retain(|(top, bottom)| bottom > top);
            for i in (0..stages).filter(|&i| i != focus) {
                let x = self.geometry.stage_left(i);
                for &(top, bottom) in &spans {
                    self.rect(Rect::new(x, top, stage_width, bottom - top), 0.0, Some(veil), None);
                }
            }
        }
        // Column rules over the whole grid, drawn after the rows so they stay visible.
        let left = MARGIN + header_width;
        for i in 0..=stages {
            let x = left + i as f32 * stage_width;
            self.list.items.push(Item::Line {
                points: vec![Point::new(x, grid_top), Point::new(x, y)],
                stroke: Stroke::solid(0.75, self.theme.rule),
            });
        }
        self.list.items.push(Item::Line {
            points: vec![Point::new(MARGIN, y), Point::new(left + stages as f32 * stage_width, y)],
            stroke: Stroke::solid(0.75, self.theme.rule),
        });
        if let Some(focus) = focus {
            let rect = Rect::new(self.geometry.stage_left(focus), grid_top, stage_width, y - grid_top);
            self.rect(rect, 0.0, None, Some(Stroke::solid(FOCUS_WIDTH, self.theme.accent)));
        }
        y += 24.0;
        if self.options.legend {
            y = self.legend(map, y, width);
        }
        y = self.footer(map, y + 12.0, width);
        self.list.height = y + MARGIN;
    }

    fn title_block(&mut self, map: &Map, top: f32, width: f32) -> f32 {
        let text_colour = self.theme.text;
        let muted = self.theme.muted;
        let mut logo_width = 0.0;
        if let Some(logo) = map.logo.as_ref().and_then(|path| self.options.images.get(path)).cloned() {
            let height = 56.0;
            let w = height * logo.width as f32 / logo.height.max(1) as f32;
            let rect = Rect::new(width - MARGIN - w, top, w, height);
            self.list.items.push(Item::Image { rect, image: logo, clip: ImageClip::Rect });
            logo_width = w + 24.0;
        }
        let room = width - 2.0 * MARGIN - logo_width;
        let mut y = top;
        let title = if map.title.is_empty() { "—" } else { map.title.as_str() };
        let lines = self.wrap(title, FontStyle::Bold, 30.0, room);
        y += self.text(&lines, MARGIN, y, FontStyle::Bold, 30.0, text_colour);
        let meta: Vec<&str> =
            [map.revision.as_str(), map.author.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
        if !meta.is_empty() {
            y += 2.0;
            let lines = self.wrap(&meta.join(" · "), FontStyle::Regular, 11.0, room);
            y += self.text(&lines, MARGIN, y, FontStyle::Regular, 11.0, muted);
        }
        if !map.description.is_empty() {
            y += 6.0;
            let lines = self.wrap(&map.description, FontStyle::Regular, 12.0, room.min(960.0));
            y += self.text(&lines, MARGIN, y, FontStyle::Regular, 12.0, text_colour);
        }
        let bottom = y.max(top + if logo_width > 0.0 { 56.0 } else { 0.0 });
        self.hit(Rect::new(MARGIN, top, width - 2.0 * MARGIN, bottom - top), Target::Title);
        bottom
    }

    fn metric_chips(&self, stage: &Stage) -> Vec<String> {
        let m = &stage.metrics;
        let lang = self.lang;
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
            chips.push(format!("{} {}", lang.word(Word::Conversion), lang.percent(conversion)));
        }
        if let Some(drop_off) = m.drop_off {
            chips.push(format!("{} {}", lang.word(Word::DropOff), lang.percent(drop_off)));
        }
        for custom in &m.custom {
            let mut chip = format!("{} {}", custom.name, lang.with_unit(custom.value, &custom.unit));
            if let Some(target) = custom.target {
                write!(chip, " ({} {})", lang.word(Word::Target), lang.with_unit(target, &custom.unit)).ok();
            }
            chips.push(chip);
        }
        chips
    }

    fn stage_headers(&mut self, map: &Map, top: f32) -> f32 {
        let (name_pt, description_pt, chip_pt) = (self.pt(13.0), self.pt(8.0), self.pt(7.5));
        let stage_width = self.geometry.stage_width;
        let inner = stage_width - 2.0 * CELL_PAD;
        // Measure every header first: the row is as tall as the tallest.
        let mut headers = Vec::new();
        for stage in &map.stages {
            let name_text = if stage.name.is_empty() { "—" } else { stage.name.as_str() };
            let name = self.wrap(name_text, FontStyle::Bold, name_pt, inner);
            let description = self.wrap(&stage.description, FontStyle::Regular, description_pt, inner);
            let mut height = 10.0 + 6.0 + self.block_height(&name, FontStyle::Bold, name_pt);
            if !stage.description.is_empty() {
                height += 3.0 + self.block_height(&description, FontStyle::Regular, description_pt);
            }
            // Chips flow left to right and wrap; a row is as tall as its tallest chip.
            let mut chips = Vec::new();
            let (mut cx, mut cy, mut row_h) = (0.0_f32, 0.0_f32, 0.0_f32);
            for chip in self.metric_chips(stage) {
                let w = (self.measure(&chip, FontStyle::Bold, chip_pt) + 10.0).min(inner);
                let lines = self.wrap(&chip, FontStyle::Bold, chip_pt, inner - 10.0);
                let h = self.block_height(&lines, FontStyle::Bold, chip_pt) + 4.0;
                if cx > 0.0 && cx + w > inner {
                    cx = 0.0;
                    cy += row_h + 4.0;
                    row_h = 0.0;
                }
                chips.push((lines, cx, cy, w, h));
                cx += w + 4.0;
                row_h = row_h.max(h);
            }
            if !chips.is_empty() {
                height += 6.0 + cy + row_h;
            }
            headers.push(Header { name, description, chips, height: height + CELL_PAD });
        }
        let row_h = headers.iter().map(|h| h.height).fold(48.0, f32::max);
        let (text_colour, muted, chip_fill, rule) =
            (self.theme.text, self.theme.muted, self.theme.chip, self.theme.rule);
        let focus = self.options.focus_stage;
        for (i, (stage, header)) in map.stages.iter().zip(&headers).enumerate() {
            let x = self.geometry.stage_left(i);
            let colour = stage.colour.map_or(self.theme.stage, theme::rgb);
            let cell = Rect::new(x, top, stage_width, row_h);
            if self.theme.stage_tint > 0 {
                self.rect(cell, 0.0, Some(colour.with_alpha(self.theme.stage_tint)), None);
            }
            self.rect(Rect::new(x, top, stage_width, 8.0), 0.0, Some(colour), None);
            let mut y = top + 16.0;
            let name_colour = if focus == Some(i) { self.theme.accent } else { text_colour };
            y += self.text(&header.name, x + CELL_PAD, y, FontStyle::Bold, name_pt, name_colour);
            if !stage.description.is_empty() {
                y += 3.0;
                y += self.text(
                    &header.description,
                    x + CELL_PAD,
                    y,
                    FontStyle::Regular,
                    description_pt,
                    muted,
                );
            }
            if !header.chips.is_empty() {
                y += 6.0;
                for (lines, cx, cy, w, h) in &header.chips {
                    let rect = Rect::new(x + CELL_PAD + cx, y + cy, *w, *h);
                    self.rect(rect, h / 2.0, Some(chip_fill), Some(Stroke::solid(0.75, colour)));
                    self.text(lines, rect.x + 5.0, rect.y + 2.0, FontStyle::Bold, chip_pt, text_colour);
                }
            }
            self.hit(cell, Target::Stage(stage.id.clone()));
        }
        self.list.items.push(Item::Line {
            points: vec![
                Point::new(MARGIN, top + row_h),
                Point::new(self.geometry.stage_left(map.stages.len()), top + row_h),
            ],
            stroke: Stroke::solid(1.0, rule),
        });
        top + row_h
    }

    fn measure_card<'m>(&mut self, card: &'m Card) -> CardBox<'m> {
        let inner = self.geometry.stage_width - 2.0 * CELL_PAD - 2.0 * CARD_PAD - ACCENT_WIDTH;
        let (icon_pt, label_pt, title_pt, details_pt, tags_pt) =
            (self.pt(8.0), self.pt(7.0), self.pt(CARD_TITLE_PT), self.pt(CARD_DETAILS_PT), self.pt(7.0));
        let mut height = 2.0 * CARD_PAD;
        let head = card.channel.map(|channel| {
            let mut label = self.lang.channel(channel).to_owned();
            if let Some(presence) = card.presence.filter(|p| *p != channel.presence()) {
                let word = match presence {
                    crate::model::Presence::Online => Word::Online,
                    crate::model::Presence::Offline => Word::Offline,
                };
                label = format!("{label} · {}", self.lang.word(word));
            }
            let icon = self.wrap(words::channel_icon(channel), FontStyle::Regular, icon_pt, f32::MAX);
            let text = self.wrap(&label, FontStyle::Bold, label_pt, inner - 30.0);
            (icon, text)
        });
        if let Some((_, text)) = &head {
            height += self
                .block_height(text, FontStyle::Bold, label_pt)
                .max(self.line_height(FontStyle::Regular, icon_pt))
                + 3.0;
        }
        let style = if card.kind == CardKind::Quote { FontStyle::Italic } else { FontStyle::Regular };
        let title_text = if card.title.is_empty() { "…" } else { card.title.as_str() };
        let title_width = if head.is_none() && card.emotion.is_some() { inner - 14.0 } else { inner };
        let title = self.wrap(title_text, style, title_pt, title_width);
        height += self.block_height(&title, style, title_pt);
        let details = if self.options.details && !card.details.is_empty() {
            self.wrap(&card.details, FontStyle::Regular, details_pt, inner)
        } else {
            Arc::new(Vec::new())
        };
        if !details.is_empty() {
            height += 3.0 + self.block_height(&details, FontStyle::Regular, details_pt);
        }
        let tags = if card.tags.is_empty() {
            Arc::new(Vec::new())
        } else {
            let text: Vec<String> = card.tags.iter().map(|t| format!("#{t}")).collect();
            self.wrap(&text.join(" "), FontStyle::Regular, tags_pt, inner)
        };
        if !tags.is_empty() {
            height += 3.0 + self.block_height(&tags, FontStyle::Regular, tags_pt);
        }
        let count = card.vote_count();
        let votes = (self.options.votes && count > 0).then(|| {
            let dots = "●".repeat(usize::try_from(count.min(5)).unwrap_or(5));
            self.wrap(&format!("{dots} {count}"), FontStyle::Bold, self.pt(VOTE_PT), f32::MAX)
        });
        if votes.is_some() {
            height += 3.0 + self.line_height(FontStyle::Bold, self.pt(VOTE_PT)) + 2.0 * VOTE_PAD;
        }
        CardBox { card, head, title, details, tags, votes, height }
    }

    fn draw_card(&mut self, b: &CardBox<'_>, rect: Rect, scale: &crate::model::EmotionScale) {
        let card = b.card;
        // A dimmed card keeps its geometry; only its opacity drops.
        let dimmed = self.options.dimmed.contains(&card.id);
        let fade = |c: Colour| if dimmed { faded(c) } else { c };
        let (icon_pt, label_pt, title_pt, details_pt, tags_pt) =
            (self.pt(8.0), self.pt(7.0), self.pt(CARD_TITLE_PT), self.pt(CARD_DETAILS_PT), self.pt(7.0));
        let accent = card.colour.map_or_else(|| self.theme.kind_accent(card.kind), theme::rgb);
        let fill = self.theme.card_fill(card.kind, card.colour);
        let stroke_colour = if self.theme.outline_by_kind { accent } else { self.theme.card_stroke };
        let outline = Stroke::solid(self.theme.outline_width, fade(stroke_colour));
        self.rect(rect, CARD_RADIUS, Some(fade(fill)), Some(outline));
        // The kind's accent: a stripe down the left edge, inside the rounded outline.
        self.rect(
            Rect::new(rect.x + 1.5, rect.y + 3.0, ACCENT_WIDTH - 1.0, rect.height - 6.0),
            1.5,
            Some(fade(accent)),
            None,
        );
        let x = rect.x + CARD_PAD + ACCENT_WIDTH;
        let mut y = rect.y + CARD_PAD;
        let (text_colour, muted) = (fade(self.theme.text), fade(self.theme.muted));
        if let Some((icon, label)) = &b.head {
            let icon_w = icon.iter().map(|l| l.width).fold(0.0, f32::max);
            self.text(icon, x, y, FontStyle::Regular, icon_pt, muted);
            let h = self.text(label, x + icon_w + 3.0, y + 0.8, FontStyle::Bold, label_pt, muted);
            y += h.max(self.line_height(FontStyle::Regular, icon_pt)) + 3.0;
        }
        if let Some(score) = card.emotion {
            let colour = self.theme.emotion(scale.fraction(f64::from(score)));
            let center = Point::new(rect.right() - CARD_PAD - 4.0, rect.y + CARD_PAD + 5.0);
            self.list.items.push(Item::Circle {
                center,
                radius: 4.5,
                fill: Some(fade(colour)),
                stroke: Some(Stroke::solid(0.75, fade(self.theme.card))),
            });
        }
        let style = if card.kind == CardKind::Quote { FontStyle::Italic } else { FontStyle::Regular };
        y += self.text(&b.title, x, y, style, title_pt, text_colour);
        if !b.details.is_empty() {
            y += 3.0;
            y += self.text(&b.details, x, y, FontStyle::Regular, details_pt, muted);
        }
        if !b.tags.is_empty() {
            y += 3.0;
            let colour = fade(self.theme.tag_colour(accent));
            y += self.text(&b.tags, x, y, FontStyle::Regular, tags_pt, colour);
        }
        if let Some(votes) = &b.votes {
            // A pill under the text: the card's text colour as its fill, the card's colour as its
            // ink, so it reads in every theme.
            y += 3.0;
            let size = self.pt(VOTE_PT);
            let width = votes.iter().map(|l| l.width).fold(0.0, f32::max) + 2.0 * VOTE_PAD + 2.0;
            let height = self.line_height(FontStyle::Bold, size) + 2.0 * VOTE_PAD;
            self.rect(Rect::new(x, y, width, height), height / 2.0, Some(fade(self.theme.text)), None);
            self.text(votes, x + VOTE_PAD + 1.0, y + VOTE_PAD, FontStyle::Bold, size, fade(self.theme.card));
        }
        if self.options.highlighted.contains(&card.id) {
            let ring = Rect::new(
                rect.x - RING_OFFSET,
                rect.y - RING_OFFSET,
                rect.width + 2.0 * RING_OFFSET,
                rect.height + 2.0 * RING_OFFSET,
            );
            self.rect(
                ring,
                CARD_RADIUS + RING_OFFSET,
                None,
                Some(Stroke::solid(RING_WIDTH, self.theme.accent)),
            );
        }
        self.hit(rect, Target::Card(card.id.clone()));
    }

    fn lane_header(&mut self, map: &Map, lane: &Lane, top: f32, height_hint: f32) -> f32 {
        let x = MARGIN + CELL_PAD;
        let width = self.geometry.header_width - 2.0 * CELL_PAD;
        let (text_colour, muted) = (self.theme.text, self.theme.muted);
        let (name_pt, facts_pt, title_pt) = (self.pt(12.0), self.pt(8.5), self.pt(11.0));
        match &lane.kind {
            LaneKind::Persona(id) => {
                let persona = map.persona(id);
                let colour = persona.and_then(|p| p.colour).map_or(self.theme.stage, theme::rgb);
                let radius = 22.0;
                let center = Point::new(x + radius, top + CELL_PAD + radius);
                self.avatar(persona, center, radius, colour);
                let tx = x + 2.0 * radius + 8.0;
                let tw = width - 2.0 * radius - 8.0;
                let name = match (persona, lane.title.is_empty()) {
                    (_, false) => lane.title.clone(),
                    (Some(p), true) if !p.name.is_empty() => p.name.clone(),
                    _ => id.to_string(),
                };
                let mut y = top + CELL_PAD;
                let lines = self.wrap(&name, FontStyle::Bold, name_pt, tw);
                y += self.text(&lines, tx, y, FontStyle::Bold, name_pt, text_colour);
                if let Some(p) = persona {
                    let mut facts = Vec::new();
                    if let Some(age) = p.age {
                        facts.push(self.lang.age(age));
                    }
                    if !p.occupation.is_empty() {
                        facts.push(p.occupation.clone());
                    }
                    if !facts.is_empty() {
                        let lines = self.wrap(&facts.join(" · "), FontStyle::Regular, facts_pt, tw);
                        y += 1.0 + self.text(&lines, tx, y + 1.0, FontStyle::Regular, facts_pt, muted);
                    }
                    if !p.segment.is_empty() {
                        let lines = self.wrap(&p.segment, FontStyle::Italic, facts_pt, tw);
                        let segment_colour = if self.theme.coloured_text { colour } else { muted };
                        y +=
                            1.0 + self.text(&lines, tx, y + 1.0, FontStyle::Italic, facts_pt, segment_colour);
                    }
                }
                (y - top + CELL_PAD).max(2.0 * radius + 2.0 * CELL_PAD).max(height_hint)
            }
            kind => {
                let title = if lane.title.is_empty() { kind.name() } else { lane.title.as_str() };
                let mut y = top + CELL_PAD;
                let lines = self.wrap(title, FontStyle::Bold, title_pt, width);
                y += self.text(&lines, x, y, FontStyle::Bold, title_pt, text_colour);
                (y - top + CELL_PAD).max(height_hint)
            }
        }
    }

    fn avatar(&mut self, persona: Option<&Persona>, center: Point, radius: f32, colour: Colour) {
        let photo =
            persona.and_then(|p| p.photo.as_ref()).and_then(|path| self.options.images.get(path)).cloned();
        let rect = Rect::new(center.x - radius, center.y - radius, 2.0 * radius, 2.0 * radius);
        if let Some(image) = photo {
            self.list.items.push(Item::Image { rect, image, clip: ImageClip::Ellipse });
            self.list.items.push(Item::Circle {
                center,
                radius,
                fill: None,
                stroke: Some(Stroke::solid(1.5, colour)),
            });
            return;
        }
        // Initials are text: on the persona's colour only where the theme allows coloured text;
        // otherwise in the page colour on the text colour, ringed with the persona's colour.
        let (fill, stroke, ink) = if self.theme.coloured_text {
            (colour, None, Colour::rgb(255, 255, 255))
        } else {
            (self.theme.text, Some(Stroke::solid(2.0, colour)), self.theme.page)
        };
        self.list.items.push(Item::Circle { center, radius, fill: Some(fill), stroke });
        let initials: String = persona
            .map(|p| p.name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect::<String>())
            .unwrap_or_default()
            .to_uppercase();
        let initials = if initials.is_empty() { "?".to_owned() } else { initials };
        let size = 15.0;
        let w = self.measure(&initials, FontStyle::Bold, size);
        let h = self.line_height(FontStyle::Bold, size);
        self.label(&initials, center.x - w / 2.0, center.y - h / 2.0, FontStyle::Bold, size, ink);
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
        let mut columns: Vec<Vec<CardBox<'_>>> = Vec::new();
        let mut tallest = 0.0_f32;
        for stage in &map.stages {
            let cards = cells.get(&(&lane.id, &stage.id)).map(Vec::as_slice).unwrap_or_default();
            let boxes: Vec<CardBox<'_>> = cards.iter().map(|card| self.measure_card(card)).collect();
            let h: f32 =
                boxes.iter().map(|b| b.height).sum::<f32>() + CARD_GAP * boxes.len().saturating_sub(1) as f32;
            tallest = tallest.max(h + 2.0 * CELL_PAD);
            columns.push(boxes);
        }
        let persona = lane.kind.persona().is_some();
        let band = if persona { self.geometry.emotion_height } else { 0.0 };
        let Geometry { header_width, stage_width, .. } = self.geometry;
        let right = self.geometry.stage_left(map.stages.len());
        // Backgrounds first, then the header (its height can raise the row), then the cards.
        let background_at = self.list.items.len();
        let header_h = self.lane_header(map, lane, top, 0.0);
        let cards_h = tallest.max(header_h).max(MIN_ROW);
        let row_h = cards_h + band;
        let mut backgrounds = vec![
            Item::Rect {
                rect: Rect::new(MARGIN, top, right - MARGIN, row_h),
                radius: 0.0,
                fill: Some(if stripe { self.theme.stripe } else { self.theme.page }),
                stroke: None,
            },
            Item::Rect {
                rect: Rect::new(MARGIN, top, header_width, row_h),
                radius: 0.0,
                fill: Some(self.theme.header),
                stroke: None,
            },
        ];
        backgrounds.push(Item::Line {
            points: vec![Point::new(MARGIN, top + row_h), Point::new(right, top + row_h)],
            stroke: Stroke::solid(0.75, self.theme.rule),
        });
        self.list.items.splice(background_at..background_at, backgrounds);
        self.hit(Rect::new(MARGIN, top, header_width, row_h), Target::Lane(lane.id.clone()));

        for (i, (stage, boxes)) in map.stages.iter().zip(&columns).enumerate() {
            let x = self.geometry.stage_left(i);
            self.hit(
                Rect::new(x, top, stage_width, cards_h),
                Target::Cell { lane: lane.id.clone(), stage: stage.id.clone() },
            );
            let mut y = top + CELL_PAD;
            for b in boxes {
                let rect = Rect::new(x + CELL_PAD, y, stage_width - 2.0 * CELL_PAD, b.height);
                self.draw_card(b, rect, &map.emotion_scale);
                y += b.height + CARD_GAP;
            }
        }
        if persona {
            self.emotion_band(map, lane, cells, top + cards_h, right);
            self.bands.push((top + cards_h, top + row_h));
        }
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
        let Geometry { header_width, stage_width, emotion_height, .. } = self.geometry;
        let left = MARGIN + header_width;
        let pad = 16.0;
        let (label_pt, title_pt, face_pt) = (self.pt(7.5), self.pt(8.0), self.pt(11.0));
        #[expect(clippy::cast_possible_truncation, reason = "a fraction in 0..=1")]
        let y_of = |fraction: f64| top + pad + (1.0 - fraction as f32) * (emotion_height - 2.0 * pad);
        let (rule, muted) = (self.theme.rule, self.theme.muted);
        // Scale guides: top, neutral (dashed), bottom.
        for (fraction, stroke) in [
            (1.0, Stroke::solid(0.5, rule)),
            (scale.fraction(scale.neutral()), Stroke::dashed(0.75, muted.with_alpha(160), 3.0, 3.0)),
            (0.0, Stroke::solid(0.5, rule)),
        ] {
            let y = y_of(fraction);
            self.list
                .items
                .push(Item::Line { points: vec![Point::new(left, y), Point::new(right, y)], stroke });
        }
        // Labels of the extremes in the header column.
        let label_x = MARGIN + CELL_PAD;
        let label_w = header_width - 2.0 * CELL_PAD;
        let top_label = scale.label(scale.max).map_or_else(|| format!("{:+}", scale.max), str::to_owned);
        let bottom_label = scale.label(scale.min).map_or_else(|| format!("{:+}", scale.min), str::to_owned);
        let h = self.line_height(FontStyle::Regular, label_pt);
        let title = self.wrap(self.lang.word(Word::Emotion), FontStyle::Bold, title_pt, label_w);
        self.text(&title, label_x, y_of(0.5) - h / 2.0, FontStyle::Bold, title_pt, muted);
        for (text, fraction) in [(top_label, 1.0), (bottom_label, 0.0)] {
            let w = self.measure(&text, FontStyle::Regular, label_pt);
            let colour = self.theme.emotion(fraction);
            self.label(
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
            let fraction = scale.fraction(mean);
            let x = left + (i as f32 + 0.5) * stage_width;
            points.push((Point::new(x, y_of(fraction)), fraction, &stage.id));
        }
        let persona_colour = lane
            .kind
            .persona()
            .and_then(|id| map.persona(id))
            .and_then(|p| p.colour)
            .map_or(self.theme.stage, theme::rgb);
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
            if self.theme.curve_area > 0 {
                self.list.items.push(Item::Area {
                    from: start,
                    segments: area,
                    fill: persona_colour.with_alpha(self.theme.curve_area),
                });
            }
            self.list.items.push(Item::Curve {
                from: first,
                segments,
                stroke: Stroke::solid(2.5, persona_colour),
            });
        }
        let card_colour = self.theme.card;
        for (point, fraction, stage) in &points {
            let colour = self.theme.emotion(*fraction);
            self.list.items.push(Item::Circle {
                center: *point,
                radius: 5.5,
                fill: Some(colour),
                stroke: Some(Stroke::solid(1.5, card_colour)),
            });
            if self.options.faces {
                let face = words::emotion_face(*fraction);
                let w = self.measure(face, FontStyle::Regular, face_pt);
                let fh = self.line_height(FontStyle::Regular, face_pt);
                let y = if *fraction >= 0.5 { point.y + 7.0 } else { point.y - 7.0 - fh };
                self.label(face, point.x - w / 2.0, y, FontStyle::Regular, face_pt, colour);
            }
            self.hit(
                Rect::new(point.x - 9.0, point.y - 9.0, 18.0, 18.0),
                Target::EmotionPoint { lane: lane.id.clone(), stage: (*stage).clone() },
            );
        }
    }

    fn legend(&mut self, map: &Map, top: f32, width: f32) -> f32 {
        let (text_colour, muted) = (self.theme.text, self.theme.muted);
        let lang = self.lang;
        let mut y = top;
        y += self.label(lang.word(Word::Legend), MARGIN, y, FontStyle::Bold, 12.0, text_colour).min(0.0);
        y += self.line_height(FontStyle::Bold, 12.0) + 6.0;
        let row_h = self.line_height(FontStyle::Regular, 8.5) + 4.0;
        let right = width - MARGIN;
        // Three groups, each a heading and a flow of entries.
        let group = |b: &mut Self, heading: &str, entries: Vec<(Swatch, String)>, y: f32| -> f32 {
            let hw = b.label(heading, MARGIN, y, FontStyle::Bold, 8.5, muted);
            let mut x = MARGIN + hw.max(70.0) + 12.0;
            let mut y = y;
            for (swatch, text) in entries {
                let tw = b.measure(&text, FontStyle::Regular, 8.5);
                let entry_w = 16.0 + tw + 14.0;
                if x + entry_w > right && x > MARGIN + 82.0 {
                    x = MARGIN + hw.max(70.0) + 12.0;
                    y += row_h;
                }
                let cy = y + row_h / 2.0 - 2.0;
                match swatch {
                    Swatch::Card(fill, accent) => {
                        b.rect(
                            Rect::new(x, cy - 5.0, 12.0, 10.0),
                            2.5,
                            Some(fill),
                            Some(Stroke::solid(0.75, accent)),
                        );
                        b.rect(Rect::new(x + 1.0, cy - 4.0, 2.5, 8.0), 1.0, Some(accent), None);
                    }
                    Swatch::Icon(icon) => {
                        let iw = b.measure(icon, FontStyle::Regular, 9.0);
                        let ih = b.line_height(FontStyle::Regular, 9.0);
                        b.label(icon, x + 6.0 - iw / 2.0, cy - ih / 2.0, FontStyle::Regular, 9.0, muted);
                    }
                    Swatch::Dot(colour) => {
                        b.list.items.push(Item::Circle {
                            center: Point::new(x + 6.0, cy),
                            radius: 5.0,
                            fill: Some(colour),
                            stroke: None,
                        });
                    }
                }
                b.label(&text, x + 16.0, y, FontStyle::Regular, 8.5, text_colour);
                x += entry_w;
            }
            y + row_h + 4.0
        };
        let kinds: Vec<(Swatch, String)> = CardKind::ALL
            .into_iter()
            .map(|k| {
                (
                    Swatch::Card(self.theme.card_fill(k, None), self.theme.kind_accent(k)),
                    lang.kind(k).to_owned(),
                )
            })
            .collect();
        y = group(self, lang.word(Word::Cards), kinds, y);
        let channels: Vec<(Swatch, String)> = crate::model::Channel::ALL
            .into_iter()
            .map(|c| (Swatch::Icon(words::channel_icon(c)), lang.channel(c).to_owned()))
            .collect();
        y = group(self, lang.word(Word::Channels), channels, y);
        let scale = &map.emotion_scale;
        let emotions: Vec<(Swatch, String)> = (scale.min..=scale.max)
            .take(21)
            .map(|level| {
                let colour = self.theme.emotion(scale.fraction(f64::from(level)));
                let text = match scale.label(level) {
                    Some(label) => format!("{level:+} {label}"),
                    None => format!("{level:+}"),
                };
                (Swatch::Dot(colour), text)
            })
            .collect();
        y = group(self, lang.word(Word::Emotion), emotions, y);
        y
    }

    fn footer(&mut self, map: &Map, top: f32, width: f32) -> f32 {
        let muted = self.theme.muted;
        let parts: Vec<&str> = [map.title.as_str(), map.author.as_str(), map.revision.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let left = parts.join(" · ");
        let credit = self.lang.word(Word::MadeWith);
        let cw = self.measure(credit, FontStyle::Regular, 8.0);
        self.list.items.push(Item::Line {
            points: vec![Point::new(MARGIN, top), Point::new(width - MARGIN, top)],
            stroke: Stroke::solid(0.5, self.theme.rule),
        });
        let lines = self.wrap(&left, FontStyle::Regular, 8.0, width - 2.0 * MARGIN - cw - 24.0);
        let h = self.text(&lines, MARGIN, top + 6.0, FontStyle::Regular, 8.0, muted);
        self.label(credit, width - MARGIN - cw, top + 6.0, FontStyle::Regular, 8.0, muted);
        top + 6.0 + h.max(self.line_height(FontStyle::Regular, 8.0))
    }
}

/// A colour at [`DIM_OPACITY`] of its opacity.
fn faded(colour: Colour) -> Colour {
    // Within 0..=255: a fraction of a u8.
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0..=255")]
    let alpha = (f32::from(colour.a) * DIM_OPACITY).round() as u8;
    colour.with_alpha(alpha)
}

enum Swatch {
    Card(Colour, Colour),
    Icon(&'static str),
    Dot(Colour),
}

#[cfg(test)]
mod tests;
