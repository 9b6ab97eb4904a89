//! The funnel page: `Map + Insights + options → DisplayList`, for the PDF/PNG/SVG painters and the
//! designer's funnel view.
//!
//! The page reads top to bottom:
//!
//! 1. a title block (the page's title, the map's title, what the funnel shows);
//! 2. one column per stage: a header, then the funnel chart — a bar per stage as tall as the
//!    share of people who reach it, centred so the bars draw a funnel on its side, with the flow
//!    between two bars and the step's percentage in a pill (`?` when unknown); bars after an
//!    unknown step are dashed, as their share is only an upper bound;
//! 3. a table in the same columns: share reached, share going on (and where it comes from),
//!    drop-off, NPS, CES and CSAT with a colour-blind-safe dot;
//! 4. the friction points: a row for the shared lanes (all personas), then a row per persona with
//!    its mean emotion (face and score) and its own pain points and lowest emotions, then the
//!    opportunities — each cell showing at most three cards and how many more there are, so a
//!    10,000-card map still gives a readable page;
//! 5. key insights in three boxes: the moments of truth per persona, touchpoints by channel, and the
//!    online/offline mix (whole map and per persona);
//! 6. a footer.
//!
//! Stage metrics are per stage, so one funnel serves every persona; what is per persona is the
//! friction and the emotion. Every text is measured and wrapped here, through the [`Layouter`]'s
//! cache, so nothing overlaps and nothing leaves the page; painters only draw.

use super::labels;
use super::pen::{Flow, Lines, Para, Pen, Swatch};
use super::theme;
use super::{LayoutOptions, Layouter, MARGIN};
use crate::display::{Colour, Column, Cubic, DisplayList, Hit, Item, Point, Rect, Stroke, Target};
use crate::insights::terms::{Term, more, score, share};
use crate::insights::{Audience, CardRef, ChannelMix, Insights, StageMetrics, StepSource};
use crate::lang::Lang;
use crate::model::{CardKind, Map, Persona, Presence};
use crate::text::FontStyle;

/// Width of the row-label column (left of the stage columns), in points.
pub const LABEL_WIDTH: f32 = 180.0;
/// Narrowest width of a stage column, in points (columns widen to fill [`MIN_WIDTH`]).
pub const COLUMN_WIDTH: f32 = 160.0;
/// Narrowest page, in points: room for the three insight boxes.
pub const MIN_WIDTH: f32 = 1000.0;
/// Height of the funnel chart (a 100 % bar), in points.
pub const CHART_HEIGHT: f32 = 130.0;
/// Most cards a friction or opportunity cell shows before "+ N more".
pub const MAX_ITEMS: usize = 3;

const PAD: f32 = 8.0;
const ITEM_GAP: f32 = 4.0;
const ITEM_PT: f32 = 8.5;
const BOX_GAP: f32 = 14.0;

/// Lays out the funnel page of a map once, with a fresh text cache.
pub fn page(map: &Map, options: &LayoutOptions) -> DisplayList {
    Layouter::new().funnel_page(map, &Insights::of(map), options)
}

impl Layouter {
    /// Lays out the funnel page of a map from its insights (`Insights::of(map)`), keeping wrapped
    /// text in this layouter's cache. Use a layouter of its own for the funnel page: each layout
    /// drops the cached text the previous one did not use.
    pub fn funnel_page(&mut self, map: &Map, insights: &Insights, options: &LayoutOptions) -> DisplayList {
        self.sheet(map, options, |pen| Page { pen }.build(map, insights))
    }
}

/// A value in percent as a length: `fraction × full`, for bars.
#[expect(clippy::cast_possible_truncation, reason = "a share of 0..=100 scaled to a page length")]
fn scaled(percent: f64, full: f32) -> f32 {
    (percent.clamp(0.0, 100.0) / 100.0) as f32 * full
}

/// The stage columns: where each one starts.
#[derive(Clone, Copy)]
struct Grid {
    left: f32,
    column: f32,
    count: usize,
}

impl Grid {
    fn x(self, i: usize) -> f32 {
        self.left + i as f32 * self.column
    }

    fn right(self) -> f32 {
        self.x(self.count)
    }
}

/// One line of a table cell, centred in its column.
struct Span {
    text: String,
    style: FontStyle,
    size: f32,
    colour: Colour,
    dot: Option<Colour>,
}

/// An indicator row of the table.
struct Indicator {
    name: &'static str,
    value: fn(&StageMetrics) -> Option<f64>,
    text: fn(Lang, f64) -> String,
    /// Where a value sits from worst (0) to best (1), for its dot's colour.
    fraction: fn(f64) -> f64,
}

const INDICATORS: [Indicator; 3] = [
    Indicator { name: "NPS", value: |m| m.nps, text: score, fraction: |v| (v + 100.0) / 200.0 },
    Indicator {
        name: "CES",
        value: |m| m.ces,
        text: |lang, v| lang.number(v),
        fraction: |v| (7.0 - v) / 6.0,
    },
    Indicator { name: "CSAT", value: |m| m.csat, text: |lang, v| lang.percent(v), fraction: |v| v / 100.0 },
];

/// A persona's mean emotion at a stage, in a friction cell.
#[derive(Clone, Copy)]
enum Mean {
    /// Not a persona's row.
    Absent,
    /// The persona has no score at this stage.
    Unscored,
    /// The mean score.
    Score(f64),
}

/// What a friction or opportunity cell shows.
struct Cell<'i> {
    mean: Mean,
    cards: Vec<(&'i CardRef, Colour)>,
    hidden: usize,
}

/// The first [`MAX_ITEMS`] cards, and how many are left out.
fn capped(mut cards: Vec<(&CardRef, Colour)>) -> (Vec<(&CardRef, Colour)>, usize) {
    let hidden = cards.len().saturating_sub(MAX_ITEMS);
    cards.truncate(MAX_ITEMS);
    (cards, hidden)
}

/// The label of a row: a few words, or a persona's badge.
enum RowLabel<'m> {
    Words(String),
    Persona(&'m Persona),
}

struct Page<'p, 'a> {
    pen: &'p mut Pen<'a>,
}

impl Page<'_, '_> {
    fn text(&self, term: Term) -> &'static str {
        term.text(self.pen.lang)
    }

    fn stage_colour(&self, map: &Map, i: usize) -> Colour {
        map.stages.get(i).and_then(|s| s.colour).map_or(self.pen.theme.stage, theme::rgb)
    }

    fn persona_colour(&self, persona: &Persona) -> Colour {
        persona.colour.map_or(self.pen.theme.stage, theme::rgb)
    }

    fn build(&mut self, map: &Map, insights: &Insights) {
        let n = map.stages.len();
        let column = if n == 0 {
            COLUMN_WIDTH
        } else {
            COLUMN_WIDTH.max((MIN_WIDTH - 2.0 * MARGIN - LABEL_WIDTH) / n as f32)
        };
        let width = (2.0 * MARGIN + LABEL_WIDTH + n as f32 * column).max(MIN_WIDTH);
        self.pen.list.width = width;
        let grid = Grid { left: MARGIN + LABEL_WIDTH, column, count: n };
        self.pen.list.grid.header_right = grid.left;
        self.pen.list.grid.columns = (map.stages.iter().enumerate())
            .map(|(i, stage)| Column { stage: stage.id.clone(), x: grid.x(i), width: column })
            .collect();
        let mut y = self.title_block(map, insights, MARGIN, width);
        if n > 0 {
            y += 18.0;
            let grid_top = y;
            y = self.stage_headers(map, grid, y);
            y = self.chart(map, insights, grid, y);
            y = self.table(insights, grid, y);
            self.column_rules(grid, grid_top, y);
            y += 28.0;
            y = self.friction(map, insights, grid, y);
        }
        y += 28.0;
        y = self.key_insights(map, insights, y, width);
        y = self.pen.footer(map, y + 16.0, width);
        self.pen.list.height = y + MARGIN;
    }

    fn title_block(&mut self, map: &Map, insights: &Insights, top: f32, width: f32) -> f32 {
        let (text, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let title = if map.title.is_empty() { "—" } else { map.title.as_str() };
        let meta: Vec<&str> =
            [map.revision.as_str(), map.author.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
        let meta = meta.join(" · ");
        let para =
            |text, style, size, colour, gap, max_width| Para { text, style, size, colour, gap, max_width };
        let mut paras = vec![
            para(self.text(Term::FunnelTitle), FontStyle::Bold, 24.0, text, 0.0, f32::MAX),
            para(title, FontStyle::Regular, 14.0, text, 2.0, f32::MAX),
        ];
        if !meta.is_empty() {
            paras.push(para(&meta, FontStyle::Regular, 9.0, muted, 2.0, f32::MAX));
        }
        if !map.stages.is_empty() {
            paras.push(para(self.text(Term::FunnelNote), FontStyle::Regular, 9.0, muted, 8.0, 760.0));
            if !insights.funnel.is_exact() {
                paras.push(para(self.text(Term::UpperBoundNote), FontStyle::Regular, 9.0, muted, 0.0, 760.0));
            }
        }
        self.pen.title_block(map, top, width, false, &paras)
    }

    fn stage_headers(&mut self, map: &Map, grid: Grid, top: f32) -> f32 {
        const BAND: f32 = 5.0;
        let inner = grid.column - 2.0 * PAD;
        let names: Vec<Lines> = map
            .stages
            .iter()
            .map(|s| {
                let name = if s.name.is_empty() { s.id.as_str() } else { s.name.as_str() };
                self.pen.wrap(name, FontStyle::Bold, 11.0, inner)
            })
            .collect();
        let lh = self.pen.line_height(FontStyle::Bold, 11.0);
        let tallest = names.iter().map(|l| l.len()).max().unwrap_or(1) as f32 * lh;
        let row_h = BAND + 2.0 * PAD + tallest;
        let text = self.pen.theme.text;
        for (i, (stage, name)) in map.stages.iter().zip(&names).enumerate() {
            let x = grid.x(i);
            let colour = self.stage_colour(map, i);
            let cell = Rect::new(x, top, grid.column, row_h);
            self.pen.stage_band(cell, BAND, colour);
            self.pen.lines(name, (x + PAD, top + BAND + PAD), (FontStyle::Bold, 11.0, text), |_| 0.0);
            self.pen.list.hits.push(Hit { rect: cell, target: Target::Stage(stage.id.clone()) });
        }
        top + row_h
    }

    fn chart(&mut self, map: &Map, insights: &Insights, grid: Grid, top: f32) -> f32 {
        let chart_top = top + PAD + 4.0;
        let mid = chart_top + CHART_HEIGHT / 2.0;
        let (rule, muted, page) = (self.pen.theme.rule, self.pen.theme.muted, self.pen.theme.page);
        // The 100 % extent, top and bottom, with its label in the label column.
        for y in [chart_top, chart_top + CHART_HEIGHT] {
            self.pen.rule(
                Point::new(grid.left, y),
                Point::new(grid.right(), y),
                Stroke::dashed(0.5, rule.lerp(muted, 0.3), 3.0, 3.0),
            );
        }
        let hundred = self.pen.lang.percent(100.0);
        let label_w = LABEL_WIDTH - 2.0 * PAD;
        let lh = self.pen.line_height(FontStyle::Regular, 8.5);
        let right_edge = grid.left - PAD;
        let lines = self.pen.wrap(&hundred, FontStyle::Regular, 8.5, label_w);
        self.pen.lines(&lines, (right_edge, chart_top - lh / 2.0), (FontStyle::Regular, 8.5, muted), |w| -w);

        let stages = &insights.funnel.stages;
        let bar_w = grid.column * 0.46;
        let heights: Vec<f32> =
            stages.iter().map(|s| scaled(s.reached.percent, CHART_HEIGHT).max(2.0)).collect();
        let centre = |i: usize| grid.x(i) + grid.column / 2.0;
        // The flow between bars, behind them.
        for i in 0..stages.len().saturating_sub(1) {
            let (x1, x2) = (centre(i) + bar_w / 2.0, centre(i + 1) - bar_w / 2.0);
            let (h1, h2) = (heights[i], heights[i + 1]);
            let fill = if stages[i].source == StepSource::Unknown {
                muted.with_alpha(40)
            } else {
                self.stage_colour(map, i).with_alpha(60)
            };
            let corners = [
                Point::new(x2, mid - h2 / 2.0),
                Point::new(x2, mid + h2 / 2.0),
                Point::new(x1, mid + h1 / 2.0),
                Point::new(x1, mid - h1 / 2.0),
            ];
            let from = Point::new(x1, mid - h1 / 2.0);
            let segments = corners.iter().map(|&p| Cubic { c1: p, c2: p, to: p }).collect();
            self.pen.list.items.push(Item::Area { from, segments, fill });
        }
        for (i, stage) in stages.iter().enumerate() {
            let colour = self.stage_colour(map, i);
            let rect = Rect::new(centre(i) - bar_w / 2.0, mid - heights[i] / 2.0, bar_w, heights[i]);
            if stage.reached.exact {
                self.pen.rect(rect, 2.0, Some(colour), None);
            } else {
                self.pen.rect(
                    rect,
                    2.0,
                    Some(colour.with_alpha(110)),
                    Some(Stroke::dashed(1.0, colour, 3.0, 2.0)),
                );
            }
        }
        // The step of each stage, in a pill over the flow to the next one.
        let pill_h = self.pen.line_height(FontStyle::Bold, 8.5) + 4.0;
        let text = self.pen.theme.text;
        for (i, stage) in stages.iter().enumerate().take(stages.len().saturating_sub(1)) {
            let label = stage.step.map_or_else(|| "?".to_owned(), |step| self.pen.lang.percent(step));
            let gap = grid.column - bar_w - 4.0;
            let lines = self.pen.wrap(&label, FontStyle::Bold, 8.5, gap - 10.0);
            let w = Pen::widest(&lines) + 10.0;
            let cx = grid.x(i + 1);
            let rect = Rect::new(cx - w / 2.0, mid - pill_h / 2.0, w, pill_h);
            let stroke = if stage.source == StepSource::Unknown {
                Stroke::dashed(0.75, muted, 2.0, 2.0)
            } else {
                Stroke::solid(0.75, self.stage_colour(map, i))
            };
            self.pen.rect(rect, pill_h / 2.0, Some(page), Some(stroke));
            self.pen.lines(
                &lines[..1.min(lines.len())],
                (cx, rect.y + 2.0),
                (FontStyle::Bold, 8.5, text),
                |w| -w / 2.0,
            );
        }
        chart_top + CHART_HEIGHT + PAD + 4.0
    }

    fn table(&mut self, insights: &Insights, grid: Grid, top: f32) -> f32 {
        let lang = self.pen.lang;
        let (text, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let span = |text: String, style: FontStyle, size: f32, colour: Colour| Span {
            text,
            style,
            size,
            colour,
            dot: None,
        };
        let dash = || "—".to_owned();
        let mut rows: Vec<(String, Vec<Vec<Span>>)> = Vec::new();
        let funnel = &insights.funnel.stages;
        rows.push((
            self.text(Term::Reached).to_owned(),
            funnel.iter().map(|s| vec![span(share(lang, s.reached), FontStyle::Bold, 13.0, text)]).collect(),
        ));
        rows.push((
            self.text(Term::GoOn).to_owned(),
            funnel
                .iter()
                .map(|s| match (s.step, s.source) {
                    (Some(step), StepSource::DropOff) => vec![
                        span(lang.percent(step), FontStyle::Regular, 10.0, text),
                        span(self.text(Term::FromDropOff).to_owned(), FontStyle::Italic, 8.5, muted),
                    ],
                    (Some(step), _) => vec![span(lang.percent(step), FontStyle::Regular, 10.0, text)],
                    (None, _) => {
                        vec![span(self.text(Term::Unknown).to_owned(), FontStyle::Italic, 9.0, muted)]
                    }
                })
                .collect(),
        ));
        rows.push((
            self.text(Term::DropOff).to_owned(),
            funnel
                .iter()
                .map(|s| {
                    let value = s.drop_off.map_or_else(dash, |d| lang.percent(d));
                    vec![span(
                        value,
                        FontStyle::Regular,
                        10.0,
                        if s.drop_off.is_some() { text } else { muted },
                    )]
                })
                .collect(),
        ));
        // The indicators, each with a dot from the emotion scale's colours (worst to best).
        for indicator in &INDICATORS {
            if insights.stages.iter().all(|s| (indicator.value)(&s.metrics).is_none()) {
                continue;
            }
            let cells = insights
                .stages
                .iter()
                .map(|s| match (indicator.value)(&s.metrics) {
                    Some(v) => vec![Span {
                        text: (indicator.text)(lang, v),
                        style: FontStyle::Regular,
                        size: 10.0,
                        colour: text,
                        dot: Some(self.pen.theme.emotion((indicator.fraction)(v))),
                    }],
                    None => vec![span(dash(), FontStyle::Regular, 10.0, muted)],
                })
                .collect();
            rows.push((indicator.name.to_owned(), cells));
        }
        let mut y = top;
        for (r, (label, cells)) in rows.iter().enumerate() {
            y = self.table_row(grid, y, label, cells, r % 2 == 1);
        }
        y
    }

    fn table_row(&mut self, grid: Grid, top: f32, label: &str, cells: &[Vec<Span>], stripe: bool) -> f32 {
        const ROW_PAD: f32 = 6.0;
        const DOT: f32 = 8.0;
        let at = self.pen.list.items.len();
        let muted = self.pen.theme.muted;
        let label_h = self.pen.para(
            label,
            (MARGIN + PAD, top + ROW_PAD),
            LABEL_WIDTH - 2.0 * PAD,
            FontStyle::Bold,
            9.0,
            muted,
        );
        let mut tallest = label_h;
        for (i, spans) in cells.iter().enumerate() {
            let centre = grid.x(i) + grid.column / 2.0;
            let mut y = top + ROW_PAD;
            for span in spans {
                let room = grid.column - 2.0 * PAD - if span.dot.is_some() { DOT + 4.0 } else { 0.0 };
                let lines = self.pen.wrap(&span.text, span.style, span.size, room);
                let width = Pen::widest(&lines);
                let shift = if let Some(colour) = span.dot {
                    let total = DOT + 4.0 + width;
                    let h = self.pen.line_height(span.style, span.size);
                    self.pen.dot(
                        Point::new(centre - total / 2.0 + DOT / 2.0, y + h / 2.0),
                        DOT / 2.0,
                        colour,
                    );
                    DOT / 2.0 + 2.0
                } else {
                    0.0
                };
                y += self
                    .pen
                    .lines(&lines, (centre + shift, y), (span.style, span.size, span.colour), |w| -w / 2.0);
            }
            tallest = tallest.max(y - top - ROW_PAD);
        }
        let height = tallest + 2.0 * ROW_PAD;
        self.row_background(at, grid, (top, height), stripe, false)
    }

    /// Slides a row's background under what was drawn from item `at` on (with the label
    /// column's tint when `label`); returns the row's bottom.
    fn row_background(
        &mut self,
        at: usize,
        grid: Grid,
        (top, height): (f32, f32),
        stripe: bool,
        label: bool,
    ) -> f32 {
        let row = Rect::new(MARGIN, top, grid.right() - MARGIN, height);
        let rule = Stroke::solid(0.5, self.pen.theme.rule);
        self.pen.row_background(at, row, label.then_some(LABEL_WIDTH), stripe, rule)
    }

    fn column_rules(&mut self, grid: Grid, top: f32, bottom: f32) {
        let rule = Stroke::solid(0.5, self.pen.theme.rule);
        self.pen.column_rules((0..=grid.count).map(|i| grid.x(i)), top, bottom, rule);
    }

    fn heading(&mut self, title: &str, note: Option<&str>, top: f32, width: f32) -> f32 {
        let (text, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let room = width - 2.0 * MARGIN;
        let mut y = top + self.pen.para(title, (MARGIN, top), room, FontStyle::Bold, 16.0, text);
        if let Some(note) = note {
            y +=
                2.0 + self.pen.para(note, (MARGIN, y + 2.0), room.min(760.0), FontStyle::Regular, 9.0, muted);
        }
        y + 8.0
    }

    fn friction(&mut self, map: &Map, insights: &Insights, grid: Grid, top: f32) -> f32 {
        let width = self.pen.list.width;
        let mut y = self.heading(self.text(Term::Friction), Some(self.text(Term::FrictionNote)), top, width);
        let grid_top = y;
        let pain = self.pen.theme.kind_accent(CardKind::PainPoint);
        let scale = &map.emotion_scale;
        let mut stripe = false;
        // The shared lanes' pain points, once, for every persona.
        if insights.stages.iter().any(|s| s.pain_points.iter().any(|c| c.audience == Audience::All)) {
            let cells: Vec<Cell<'_>> = insights
                .stages
                .iter()
                .map(|s| {
                    let cards = s
                        .pain_points
                        .iter()
                        .filter(|c| c.audience == Audience::All)
                        .map(|c| (c, pain))
                        .collect();
                    let (cards, hidden) = capped(cards);
                    Cell { mean: Mean::Absent, cards, hidden }
                })
                .collect();
            let label = RowLabel::Words(self.text(Term::AllPersonas).to_owned());
            y = self.card_row(map, grid, y, &label, &cells, stripe);
            stripe = !stripe;
        }
        // Each persona: its mean emotion, its own pain points, its lowest emotions.
        for (persona, funnel) in map.personas.iter().zip(&insights.persona_funnels) {
            let cells: Vec<Cell<'_>> = funnel
                .stages
                .iter()
                .map(|s| {
                    let mut cards: Vec<(&CardRef, Colour)> = s
                        .pain_points
                        .iter()
                        .filter(|c| c.audience != Audience::All)
                        .map(|c| (c, pain))
                        .collect();
                    for card in &s.low_emotions {
                        if !cards.iter().any(|(c, _)| c.card == card.card) {
                            let fraction = scale.fraction(f64::from(card.emotion.unwrap_or(scale.min)));
                            cards.push((card, self.pen.theme.emotion(fraction)));
                        }
                    }
                    let (cards, hidden) = capped(cards);
                    Cell { mean: s.mean_emotion.map_or(Mean::Unscored, Mean::Score), cards, hidden }
                })
                .collect();
            y = self.card_row(map, grid, y, &RowLabel::Persona(persona), &cells, stripe);
            stripe = !stripe;
        }
        // Opportunities (and ideas), for everyone.
        if insights.stages.iter().any(|s| !s.opportunities.is_empty()) {
            let cells: Vec<Cell<'_>> = insights
                .stages
                .iter()
                .map(|s| {
                    let cards =
                        s.opportunities.iter().map(|c| (c, self.pen.theme.kind_accent(c.kind))).collect();
                    let (cards, hidden) = capped(cards);
                    Cell { mean: Mean::Absent, cards, hidden }
                })
                .collect();
            let label = RowLabel::Words(self.text(Term::Opportunities).to_owned());
            y = self.card_row(map, grid, y, &label, &cells, stripe);
        }
        if y > grid_top {
            self.column_rules(grid, grid_top, y);
            self.pen.rule(
                Point::new(MARGIN, grid_top),
                Point::new(grid.right(), grid_top),
                Stroke::solid(0.75, self.pen.theme.rule),
            );
        }
        y
    }

    fn row_label(&mut self, label: &RowLabel<'_>, top: f32) -> f32 {
        let (text, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let x = MARGIN + PAD;
        let width = LABEL_WIDTH - 2.0 * PAD;
        match label {
            RowLabel::Words(words) => {
                self.pen.para(words, (x, top + PAD), width, FontStyle::Bold, 10.0, muted) + 2.0 * PAD
            }
            RowLabel::Persona(persona) => {
                let radius = 13.0;
                let colour = self.persona_colour(persona);
                let center = Point::new(x + radius, top + PAD + radius);
                self.pen.avatar(Some(persona), center, radius, 10.0, colour);
                let tx = x + 2.0 * radius + 6.0;
                let tw = width - 2.0 * radius - 6.0;
                let name = if persona.name.is_empty() { persona.id.as_str() } else { persona.name.as_str() };
                let mut y = top + PAD;
                y += self.pen.para(name, (tx, y), tw, FontStyle::Bold, 10.0, text);
                if !persona.segment.is_empty() {
                    let segment_colour = self.pen.theme.small_text(colour);
                    y += 1.0
                        + self.pen.para(
                            &persona.segment,
                            (tx, y + 1.0),
                            tw,
                            FontStyle::Italic,
                            8.5,
                            segment_colour,
                        );
                }
                (y - top).max(2.0 * radius) + 2.0 * PAD
            }
        }
    }

    fn card_row(
        &mut self,
        map: &Map,
        grid: Grid,
        top: f32,
        label: &RowLabel<'_>,
        cells: &[Cell<'_>],
        stripe: bool,
    ) -> f32 {
        let at = self.pen.list.items.len();
        let mut height = self.row_label(label, top);
        for (i, cell) in cells.iter().enumerate() {
            let h = self.cell(map, grid.x(i) + PAD, top + PAD, grid.column - 2.0 * PAD, cell);
            height = height.max(h + 2.0 * PAD);
        }
        let height = height.max(40.0);
        self.row_background(at, grid, (top, height), stripe, true)
    }

    /// Draws a cell's mean emotion and cards from `(x, top)` in `width`; returns the height used.
    fn cell(&mut self, map: &Map, x: f32, top: f32, width: f32, cell: &Cell<'_>) -> f32 {
        let (text, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let scale = &map.emotion_scale;
        let mut y = top;
        match cell.mean {
            Mean::Score(mean) => {
                let h = self.pen.line_height(FontStyle::Regular, 11.0);
                // The poster's mark for the level nearest the mean.
                let mark = self.pen.theme.emotion_mark(scale, mean);
                self.pen.emotion_mark(Point::new(x + 6.0, y + h / 2.0), 6.0, mark);
                let label = format!("{} {}", self.text(Term::MeanEmotion), score(self.pen.lang, mean));
                let left = x + 16.0;
                let lh = self.pen.line_height(FontStyle::Bold, 9.0);
                let used = self.pen.para(
                    &label,
                    (left, y + (h - lh) / 2.0),
                    x + width - left,
                    FontStyle::Bold,
                    9.0,
                    text,
                );
                y += h.max(used + (h - lh) / 2.0) + ITEM_GAP;
            }
            Mean::Unscored => {
                y += self.pen.para("—", (x, y), width, FontStyle::Regular, 9.0, muted) + ITEM_GAP;
            }
            Mean::Absent => {}
        }
        for &(card, accent) in &cell.cards {
            y += self.item(map, card, accent, x, y, width) + ITEM_GAP;
        }
        if cell.hidden > 0 {
            y += self.pen.para(
                &more(self.pen.lang, cell.hidden),
                (x, y),
                width,
                FontStyle::Italic,
                8.5,
                muted,
            ) + ITEM_GAP;
        }
        (y - top - ITEM_GAP).max(0.0)
    }

    /// One cited card: a small box with its kind's tint, an accent stripe, its title and its
    /// emotion dot; returns its height.
    fn item(&mut self, map: &Map, card: &CardRef, accent: Colour, x: f32, y: f32, width: f32) -> f32 {
        const INSET: f32 = 5.0;
        const STRIPE: f32 = 3.0;
        let dot_room = if card.emotion.is_some() { 12.0 } else { 0.0 };
        let text_x = x + STRIPE + INSET + 2.0;
        let room = x + width - INSET - dot_room - text_x;
        let title = if card.title.is_empty() { "…" } else { card.title.as_str() };
        let lines = self.pen.wrap(title, FontStyle::Regular, ITEM_PT, room);
        let height =
            lines.len() as f32 * self.pen.line_height(FontStyle::Regular, ITEM_PT) + 2.0 * INSET - 1.0;
        let rect = Rect::new(x, y, width, height);
        let fill = self.pen.theme.card_fill(card.kind, None);
        self.pen.rect(rect, 4.0, Some(fill), Some(self.pen.theme.card_outline(accent)));
        self.pen.rect(Rect::new(x + 1.5, y + 2.5, STRIPE, height - 5.0), 1.0, Some(accent), None);
        let text = self.pen.theme.text;
        self.pen.lines(&lines, (text_x, y + INSET - 0.5), (FontStyle::Regular, ITEM_PT, text), |_| 0.0);
        if let Some(emotion) = card.emotion {
            let colour = self.pen.theme.emotion(map.emotion_scale.fraction(f64::from(emotion)));
            let center = Point::new(x + width - INSET - 4.0, y + INSET + 4.0);
            self.pen.list.items.push(Item::Circle {
                center,
                radius: 4.0,
                fill: Some(colour),
                stroke: Some(Stroke::solid(0.75, self.pen.theme.card)),
            });
        }
        self.pen.list.hits.push(Hit { rect, target: Target::Card(card.card.clone()) });
        height
    }

    fn key_insights(&mut self, map: &Map, insights: &Insights, top: f32, width: f32) -> f32 {
        let y = self.heading(self.text(Term::KeyInsights), None, top, width);
        let room = width - 2.0 * MARGIN;
        let a = (room * 0.46).floor();
        let b = (room * 0.28).floor();
        let c = room - a - b - 2.0 * BOX_GAP;
        let xs = [MARGIN, MARGIN + a + BOX_GAP, MARGIN + a + b + 2.0 * BOX_GAP];
        let at = self.pen.list.items.len();
        let ha = self.moments_box(map, insights, xs[0], y, a);
        let hb = self.channels_box(&insights.channels, xs[1], y, b);
        let hc = self.presence_box(insights, xs[2], y, c);
        let height = ha.max(hb).max(hc);
        let fill = self.pen.theme.header;
        let backgrounds = [(xs[0], a), (xs[1], b), (xs[2], c)]
            .into_iter()
            .map(|(x, w)| Item::Rect {
                rect: Rect::new(x, y, w, height),
                radius: 6.0,
                fill: Some(fill),
                stroke: Some(Stroke::solid(0.5, self.pen.theme.rule)),
            })
            .collect::<Vec<_>>();
        self.pen.list.items.splice(at..at, backgrounds);
        y + height
    }

    /// Opens a key-insight box at `(x, top)`, `width` wide: its title, then where its body
    /// starts (y, left, width).
    fn box_title(&mut self, term: Term, x: f32, top: f32, width: f32) -> (f32, f32, f32) {
        let (inner_x, inner_w) = (x + PAD + 2.0, width - 2.0 * PAD - 4.0);
        let text = self.pen.theme.text;
        let title = self.text(term);
        let h = self.pen.para(title, (inner_x, top + PAD + 2.0), inner_w, FontStyle::Bold, 11.0, text);
        (top + h + PAD + 2.0 + 6.0, inner_x, inner_w)
    }

    /// Says a box has nothing to show, from `(x, y)`; returns the box's height.
    fn nothing_box(&mut self, (x, y): (f32, f32), width: f32, top: f32) -> f32 {
        let muted = self.pen.theme.muted;
        let h = self.pen.para(self.text(Term::Nothing), (x, y), width, FontStyle::Regular, 9.0, muted);
        y + h - top + PAD + 2.0
    }

    fn moments_box(&mut self, map: &Map, insights: &Insights, x: f32, top: f32, width: f32) -> f32 {
        const SUB_GAP: f32 = 12.0;
        const SUB_MIN: f32 = 170.0;
        let (text, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let lang = self.pen.lang;
        let (y, inner_x, inner_w) = self.box_title(Term::MomentsOfTruth, x, top, width);
        if insights.moments.is_empty() {
            return self.nothing_box((inner_x, y), inner_w, top);
        }
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a small positive count")]
        let fit = ((inner_w + SUB_GAP) / (SUB_MIN + SUB_GAP)).floor().max(1.0) as usize;
        let per_row = fit.min(insights.moments.len());
        let sub_w = (inner_w - (per_row - 1) as f32 * SUB_GAP) / per_row as f32;
        let stage_name =
            |id: &crate::model::Id| map.stage(id).map_or_else(|| id.to_string(), |s| s.name.clone());
        let scale = &map.emotion_scale;
        let mut row_top = y;
        let mut row_bottom = y;
        for (j, moments) in insights.moments.iter().enumerate() {
            if j > 0 && j % per_row == 0 {
                row_top = row_bottom + 10.0;
            }
            let sx = inner_x + (j % per_row) as f32 * (sub_w + SUB_GAP);
            let mut sy = row_top;
            let colour =
                map.persona(&moments.persona).map_or(self.pen.theme.stage, |p| self.persona_colour(p));
            let name = if moments.name.is_empty() { moments.persona.as_str() } else { moments.name.as_str() };
            let lh = self.pen.line_height(FontStyle::Bold, 9.5);
            self.pen.dot(Point::new(sx + 4.0, sy + lh / 2.0), 4.0, colour);
            sy += self.pen.para(name, (sx + 12.0, sy), sub_w - 12.0, FontStyle::Bold, 9.5, text) + 3.0;
            if moments.lowest.is_none() {
                sy += self.pen.para(self.text(Term::NoScore), (sx, sy), sub_w, FontStyle::Italic, 8.5, muted);
            }
            for (term, mark, moment) in
                [(Term::Lowest, "▼", &moments.lowest), (Term::Highest, "▲", &moments.highest)]
            {
                let Some(moment) = moment else { continue };
                let level_colour = self.pen.theme.emotion(scale.fraction(f64::from(moment.score)));
                let mark_w = self.pen.measure(mark, FontStyle::Regular, 8.5);
                self.pen.para(mark, (sx, sy), mark_w + 1.0, FontStyle::Regular, 8.5, level_colour);
                let mut heading = format!("{} · {}", self.text(term), score(lang, f64::from(moment.score)));
                if let Some(label) = &moment.label {
                    heading = format!("{heading} {label}");
                }
                let left = sx + mark_w + 4.0;
                sy +=
                    self.pen.para(&heading, (left, sy), sx + sub_w - left, FontStyle::Bold, 8.5, text) + 1.0;
                let shown = 2;
                for card in moment.cards.iter().take(shown) {
                    let title = if card.title.is_empty() { "…" } else { card.title.as_str() };
                    let line = format!("{title} ({})", stage_name(&card.stage));
                    let h = self.pen.para(&line, (sx + 8.0, sy), sub_w - 8.0, FontStyle::Regular, 8.5, text);
                    let target = Target::Card(card.card.clone());
                    self.pen.list.hits.push(Hit { rect: Rect::new(sx, sy, sub_w, h), target });
                    sy += h + 1.0;
                }
                if moment.cards.len() > shown {
                    sy += self.pen.para(
                        &more(lang, moment.cards.len() - shown),
                        (sx + 8.0, sy),
                        sub_w - 8.0,
                        FontStyle::Italic,
                        8.5,
                        muted,
                    ) + 1.0;
                }
                sy += 4.0;
            }
            row_bottom = row_bottom.max(sy);
        }
        row_bottom - top + PAD
    }

    fn channels_box(&mut self, mix: &ChannelMix, x: f32, top: f32, width: f32) -> f32 {
        const NAME_W: f32 = 92.0;
        let (text, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let lang = self.pen.lang;
        let (mut y, inner_x, inner_w) = self.box_title(Term::ByChannel, x, top, width);
        let mut rows: Vec<(&str, String, usize, Colour)> = mix
            .by_channel
            .iter()
            .map(|c| {
                (
                    labels::channel_icon(c.channel),
                    lang.channel(c.channel).to_owned(),
                    c.count,
                    self.pen.theme.presence(Some(c.channel.presence())),
                )
            })
            .collect();
        if mix.no_channel > 0 {
            rows.push((
                "•",
                self.text(Term::NoChannel).to_owned(),
                mix.no_channel,
                self.pen.theme.presence(None),
            ));
        }
        if rows.is_empty() {
            return self.nothing_box((inner_x, y), inner_w, top);
        }
        let most = rows.iter().map(|r| r.2).max().unwrap_or(1).max(1);
        let count_w = self.pen.measure(&most.to_string(), FontStyle::Bold, 8.5) + 6.0;
        let bar_left = inner_x + 14.0 + NAME_W + 4.0;
        let bar_room = (inner_x + inner_w - count_w - bar_left).max(10.0);
        let lh = self.pen.line_height(FontStyle::Regular, 8.5);
        for (icon, name, count, colour) in rows {
            let icon_w = self.pen.measure(icon, FontStyle::Regular, 9.0);
            self.pen.para(icon, (inner_x, y - 0.5), icon_w + 1.0, FontStyle::Regular, 9.0, muted);
            let name_h = self.pen.para(&name, (inner_x + 14.0, y), NAME_W, FontStyle::Regular, 8.5, text);
            let bar_w = (bar_room * count as f32 / most as f32).max(1.5);
            self.pen.rect(Rect::new(bar_left, y + lh / 2.0 - 4.0, bar_w, 8.0), 2.0, Some(colour), None);
            let number = count.to_string();
            self.pen.para(&number, (bar_left + bar_w + 4.0, y), count_w, FontStyle::Bold, 8.5, text);
            y += name_h.max(lh) + 4.0;
        }
        // The bars' colours are the presence colours: say so.
        y += 2.0;
        y += self.presence_legend(inner_x, y, inner_w, false);
        y - top + PAD
    }

    /// Swatches for online and offline (and unknown when `unknown`); returns the height used.
    fn presence_legend(&mut self, x: f32, top: f32, width: f32, unknown: bool) -> f32 {
        let muted = self.pen.theme.muted;
        let mut entries =
            vec![(Some(Presence::Online), Term::Online), (Some(Presence::Offline), Term::Offline)];
        if unknown {
            entries.push((None, Term::NotGiven));
        }
        let lh = self.pen.line_height(FontStyle::Regular, 8.5);
        let mut flow = Flow::new(x, x + width);
        let mut y = top;
        for (presence, term) in entries {
            let label = self.text(term);
            let w = self.pen.measure(label, FontStyle::Regular, 8.5).min(width - 12.0);
            let (cx, wraps) = flow.place(12.0 + w, 10.0);
            if wraps {
                y += lh + 2.0;
            }
            self.pen.swatch(Swatch::Square(self.pen.theme.presence(presence)), cx, y + lh / 2.0);
            self.pen.para(label, (cx + 11.0, y), width - 11.0, FontStyle::Regular, 8.5, muted);
        }
        y + lh - top
    }

    fn presence_box(&mut self, insights: &Insights, x: f32, top: f32, width: f32) -> f32 {
        let (text, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let lang = self.pen.lang;
        let (mut y, inner_x, inner_w) = self.box_title(Term::OnlineOffline, x, top, width);
        let mix = &insights.channels;
        if mix.touchpoints == 0 {
            return self.nothing_box((inner_x, y), inner_w, top);
        }
        y += self.stacked_bar(mix, inner_x, y, inner_w, 14.0) + 6.0;
        let (online, offline, unknown) = mix.percentages();
        let mut lines = vec![
            (
                Some(Presence::Online),
                format!("{} {} · {}", self.text(Term::Online), mix.online, lang.percent(online)),
            ),
            (
                Some(Presence::Offline),
                format!("{} {} · {}", self.text(Term::Offline), mix.offline, lang.percent(offline)),
            ),
        ];
        if mix.unknown > 0 {
            lines.push((
                None,
                format!("{} {} · {}", self.text(Term::NotGiven), mix.unknown, lang.percent(unknown)),
            ));
        }
        let lh = self.pen.line_height(FontStyle::Regular, 8.5);
        for (presence, line) in lines {
            self.pen.swatch(Swatch::Square(self.pen.theme.presence(presence)), inner_x, y + lh / 2.0);
            y += self.pen.para(&line, (inner_x + 12.0, y), inner_w - 12.0, FontStyle::Regular, 8.5, text)
                + 2.0;
        }
        let total = format!("{} {}", mix.touchpoints, self.text(Term::Touchpoints));
        y += self.pen.para(&total, (inner_x, y + 2.0), inner_w, FontStyle::Italic, 8.5, muted) + 2.0;
        for entry in &insights.persona_channels {
            if entry.mix.touchpoints == 0 {
                continue;
            }
            y += 8.0;
            let name = if entry.name.is_empty() { entry.persona.as_str() } else { entry.name.as_str() };
            let (on, _, _) = entry.mix.percentages();
            let label = format!("{name} · {} {}", self.text(Term::Online).to_lowercase(), lang.percent(on));
            y += self.pen.para(&label, (inner_x, y), inner_w, FontStyle::Bold, 8.5, text) + 2.0;
            y += self.stacked_bar(&entry.mix, inner_x, y, inner_w, 7.0);
        }
        y - top + PAD + 2.0
    }

    /// A bar split into online, offline and unknown shares; returns its height.
    fn stacked_bar(&mut self, mix: &ChannelMix, x: f32, y: f32, width: f32, height: f32) -> f32 {
        let total = mix.touchpoints.max(1) as f32;
        let mut cx = x;
        for (count, presence) in [
            (mix.online, Some(Presence::Online)),
            (mix.offline, Some(Presence::Offline)),
            (mix.unknown, None),
        ] {
            if count == 0 {
                continue;
            }
            let w = width * count as f32 / total;
            self.pen.rect(Rect::new(cx, y, w, height), 0.0, Some(self.pen.theme.presence(presence)), None);
            cx += w;
        }
        self.pen.rect(
            Rect::new(x, y, width, height),
            2.0,
            None,
            Some(Stroke::solid(0.5, self.pen.theme.card)),
        );
        height
    }
}

#[cfg(test)]
mod tests;
