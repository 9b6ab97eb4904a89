//! The pen every sheet draws with: the poster, the funnel page, and the sheets to come.
//!
//! A [`Pen`] holds what a sheet needs to draw — the display list being filled, the theme, the
//! language, the decoded images and the [`Layouter`]'s text cache — and places text lines,
//! shapes and hit regions in it. A sheet decides where things go and how large they are; the
//! pen draws them, and the [`Theme`] decides their colours. Get one with [`Layouter::sheet`].

use super::labels::Word;
use super::theme::{EmotionMark, MarkShape};
use super::{LayoutOptions, Layouter, MARGIN, Theme, typography};
use crate::display::{
    Colour, Cubic, DisplayList, Hit, Image, ImageClip, Item, Point, Rect, Stroke, Target, TextLine,
};
use crate::lang::Lang;
use crate::model::{Map, Persona};
use crate::text::{Breakable, FontStyle, Fonts, Line};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Wrapped lines, shared with the layouter's cache.
pub type Lines = Arc<Vec<Line>>;

/// Draws one sheet into a display list. See the [module](self) documentation.
pub struct Pen<'a> {
    /// The bundled fonts, for line heights.
    pub fonts: &'static Fonts,
    /// The sheet's colours.
    pub theme: Theme,
    /// The language of the sheet's own words and numbers (the map's).
    pub lang: Lang,
    /// What has been drawn so far.
    pub list: DisplayList,
    /// Decoded images by the path written in the map (photos, logo).
    pub images: &'a BTreeMap<String, Arc<Image>>,
    layouter: &'a mut Layouter,
}

impl Layouter {
    /// Lays out one sheet of `map`: hands `draw` a pen on an empty display list (the theme's page
    /// colour, the map's title, author and language), then drops the cached text the sheet did
    /// not use. `draw` sets the list's size.
    pub fn sheet(
        &mut self,
        map: &Map,
        options: &LayoutOptions,
        draw: impl FnOnce(&mut Pen<'_>),
    ) -> DisplayList {
        self.sheet_with(map, options, true, draw)
    }

    /// [`Layouter::sheet`]; with `fresh` false, a measuring pass that neither counts as a new
    /// layout nor drops cached text (what it draws is thrown away).
    pub(super) fn sheet_with(
        &mut self,
        map: &Map,
        options: &LayoutOptions,
        fresh: bool,
        draw: impl FnOnce(&mut Pen<'_>),
    ) -> DisplayList {
        if fresh {
            self.generation += 1;
            self.last_misses = 0;
        }
        let theme = Theme::new(options.theme);
        let mut pen = Pen {
            fonts: Fonts::get(),
            lang: Lang::from_tag(&map.language),
            list: DisplayList {
                background: theme.page,
                title: map.title.clone(),
                author: map.author.clone(),
                language: map.language.clone(),
                ..DisplayList::default()
            },
            theme,
            images: &options.images,
            layouter: self,
        };
        draw(&mut pen);
        let list = pen.list;
        if !fresh {
            return list;
        }
        let (generation, keep) = (self.generation, self.keep);
        for entries in self.cache.values_mut() {
            entries.retain(|_, (_, used)| *used == generation || Some(*used) == keep);
        }
        self.french.retain(|_, (_, used)| *used == generation || Some(*used) == keep);
        self.cache.retain(|_, entries| !entries.is_empty());
        list
    }
}

impl Pen<'_> {
    /// The height of a line of text: the style's ascent and descent at `size`.
    pub fn line_height(&self, style: FontStyle, size: f32) -> f32 {
        self.fonts.ascent(style, size) + self.fonts.descent(style, size)
    }

    /// `text` measured once for line counting at any width, through the layouter's cache
    /// (the paper fit's search).
    pub(super) fn breakable(&mut self, text: &str, style: FontStyle, size: f32) -> Arc<Breakable> {
        // The same text `wrap` breaks, so the layout finds it shaped.
        if self.lang == Lang::Fr {
            let text = self.layouter.french(text);
            self.layouter.breakable(&text, style, size)
        } else {
            self.layouter.breakable(text, style, size)
        }
    }

    /// `text` broken into lines no wider than `width` (at least `size`), through the cache.
    /// In a French map the text is set with French spacing first ([`typography::french`]).
    pub fn wrap(&mut self, text: &str, style: FontStyle, size: f32, width: f32) -> Lines {
        if self.lang == Lang::Fr {
            let text = self.layouter.french(text);
            self.layouter.wrap(&text, style, size, width.max(size))
        } else {
            self.layouter.wrap(text, style, size, width.max(size))
        }
    }

    /// The width of the widest line.
    pub fn widest(lines: &[Line]) -> f32 {
        lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }

    /// The width of `text` set on one line (its widest paragraph).
    pub fn measure(&mut self, text: &str, style: FontStyle, size: f32) -> f32 {
        Self::widest(&self.wrap(text, style, size, f32::MAX))
    }

    /// The height of wrapped lines.
    pub fn block_height(&self, lines: &[Line], style: FontStyle, size: f32) -> f32 {
        lines.len() as f32 * self.line_height(style, size)
    }

    /// Pushes lines from the top-left `(x, y)`, each shifted by `align(line width)` (`|_| 0.0`
    /// for left-aligned, `|w| -w / 2.0` to centre on `x`, `|w| -w` to end at `x`); returns the
    /// height used. Empty lines take their height and draw nothing.
    pub fn lines(
        &mut self,
        lines: &[Line],
        (x, y): (f32, f32),
        (style, size, colour): (FontStyle, f32, Colour),
        align: impl Fn(f32) -> f32,
    ) -> f32 {
        let ascent = self.fonts.ascent(style, size);
        let height = self.line_height(style, size);
        let mut top = y;
        for line in lines {
            if !line.text.is_empty() {
                let origin = Point::new(x + align(line.width), top + ascent);
                self.list.items.push(Item::Text(TextLine::new(line, origin, style, size, colour)));
            }
            top += height;
        }
        top - y
    }

    /// Pushes lines left-aligned from the top-left `(x, y)`; returns the height used.
    pub fn text(
        &mut self,
        lines: &[Line],
        x: f32,
        y: f32,
        style: FontStyle,
        size: f32,
        colour: Colour,
    ) -> f32 {
        self.lines(lines, (x, y), (style, size, colour), |_| 0.0)
    }

    /// One line of text that is never wrapped (labels, chips), from the top-left corner; returns
    /// its width.
    pub fn label(&mut self, text: &str, x: f32, y: f32, style: FontStyle, size: f32, colour: Colour) -> f32 {
        let lines = self.wrap(text, style, size, f32::MAX);
        self.text(&lines, x, y, style, size, colour);
        Self::widest(&lines)
    }

    /// Wraps `text` to `width` and pushes it left-aligned from `(x, y)`; returns the height used.
    pub fn para(
        &mut self,
        text: &str,
        (x, y): (f32, f32),
        width: f32,
        style: FontStyle,
        size: f32,
        colour: Colour,
    ) -> f32 {
        let lines = self.wrap(text, style, size, width);
        self.lines(&lines, (x, y), (style, size, colour), |_| 0.0)
    }

    /// Wraps `text` to `width` and centres each line on `centre`; returns the height used.
    pub fn centred(
        &mut self,
        text: &str,
        (centre, y): (f32, f32),
        width: f32,
        style: FontStyle,
        size: f32,
        colour: Colour,
    ) -> f32 {
        let lines = self.wrap(text, style, size, width);
        self.lines(&lines, (centre, y), (style, size, colour), |w| -w / 2.0)
    }

    /// A rectangle, with rounded corners when `radius` > 0.
    pub fn rect(&mut self, rect: Rect, radius: f32, fill: Option<Colour>, stroke: Option<Stroke>) {
        self.list.items.push(Item::Rect { rect, radius, fill, stroke });
    }

    /// A straight line.
    pub fn rule(&mut self, from: Point, to: Point, stroke: Stroke) {
        self.list.items.push(Item::Line { points: vec![from, to], stroke });
    }

    /// A filled disc.
    pub fn dot(&mut self, center: Point, radius: f32, fill: Colour) {
        self.list.items.push(Item::Circle { center, radius, fill: Some(fill), stroke: None });
    }

    /// An emotion mark ([`Theme::emotion_mark`]) centred on `center`, `radius` from its centre to
    /// its points: a triangle up or down, two of them one above the other for a strong emotion,
    /// or a disc.
    pub fn emotion_mark(&mut self, center: Point, radius: f32, mark: EmotionMark) {
        let outline = Stroke::solid((radius * 0.22).clamp(0.75, 1.5), mark.outline);
        let (cx, cy) = (center.x, center.y);
        // Two triangles a little smaller than the single one, one above the other and
        // overlapping: taller than the single mark, so the stronger emotion also looks larger.
        let (small, step) = (radius * 0.85, radius * 0.45);
        let corners = match mark.shape {
            MarkShape::StrongUp => {
                // The lower first, so the upper's outline is whole.
                let single = EmotionMark { shape: MarkShape::Up, ..mark };
                self.emotion_mark(Point::new(cx, cy + step), small, single);
                self.emotion_mark(Point::new(cx, cy - step), small, single);
                return;
            }
            MarkShape::StrongDown => {
                let single = EmotionMark { shape: MarkShape::Down, ..mark };
                self.emotion_mark(Point::new(cx, cy - step), small, single);
                self.emotion_mark(Point::new(cx, cy + step), small, single);
                return;
            }
            MarkShape::Level => {
                let r = radius * 0.82;
                self.list.items.push(Item::Circle {
                    center,
                    radius: r,
                    fill: Some(mark.fill),
                    stroke: Some(outline),
                });
                return;
            }
            // Equilateral, its centroid on the point.
            MarkShape::Up => [
                Point::new(cx, cy - radius),
                Point::new(cx + radius * 0.866, cy + radius * 0.5),
                Point::new(cx - radius * 0.866, cy + radius * 0.5),
            ],
            MarkShape::Down => [
                Point::new(cx, cy + radius),
                Point::new(cx - radius * 0.866, cy - radius * 0.5),
                Point::new(cx + radius * 0.866, cy - radius * 0.5),
            ],
        };
        let straight = |p: Point| Cubic { c1: p, c2: p, to: p };
        let segments = vec![straight(corners[1]), straight(corners[2]), straight(corners[0])];
        self.list.items.push(Item::Area { from: corners[0], segments, fill: mark.fill });
        let mut points = corners.to_vec();
        points.push(corners[0]);
        points.push(corners[1]);
        self.list.items.push(Item::Line { points, stroke: outline });
    }

    /// A region the pointer can hit.
    pub fn hit(&mut self, rect: Rect, target: Target) {
        self.list.hits.push(Hit { rect, target });
    }

    /// The title block across the top of a sheet: `paras` one under the other from `top` (each
    /// after its gap), the map's logo (if it has one and it is loaded) on the right, and the
    /// [`Target::Title`] hit region over it all. Returns the bottom.
    pub fn title_block(&mut self, map: &Map, top: f32, width: f32, logo: bool, paras: &[Para<'_>]) -> f32 {
        let mut logo_width = 0.0;
        let logo = map.logo.as_ref().filter(|_| logo).and_then(|path| self.images.get(path)).cloned();
        if let Some(logo) = logo {
            let w = LOGO_HEIGHT * logo.width as f32 / logo.height.max(1) as f32;
            let rect = Rect::new(width - MARGIN - w, top, w, LOGO_HEIGHT);
            self.list.items.push(Item::Image { rect, image: logo, clip: ImageClip::Rect });
            logo_width = w + 24.0;
        }
        let room = width - 2.0 * MARGIN - logo_width;
        let mut y = top;
        for para in paras {
            y += para.gap;
            y += self.para(
                para.text,
                (MARGIN, y),
                room.min(para.max_width),
                para.style,
                para.size,
                para.colour,
            );
        }
        let bottom = y.max(top + if logo_width > 0.0 { LOGO_HEIGHT } else { 0.0 });
        self.hit(Rect::new(MARGIN, top, width - 2.0 * MARGIN, bottom - top), Target::Title);
        bottom
    }

    /// The footer across the bottom of a sheet: a rule, the map's title, author and revision on
    /// the left, the credit on the right. Returns the bottom.
    pub fn footer(&mut self, map: &Map, top: f32, width: f32) -> f32 {
        let muted = self.theme.muted;
        let parts: Vec<&str> = [map.title.as_str(), map.author.as_str(), map.revision.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let credit = Word::MadeWith.text(self.lang);
        let credit_width = self.measure(credit, FontStyle::Regular, FOOTER_PT);
        self.rule(
            Point::new(MARGIN, top),
            Point::new(width - MARGIN, top),
            Stroke::solid(0.5, self.theme.rule),
        );
        let room = width - 2.0 * MARGIN - credit_width - 24.0;
        let h =
            self.para(&parts.join(" · "), (MARGIN, top + 6.0), room, FontStyle::Regular, FOOTER_PT, muted);
        self.label(credit, width - MARGIN - credit_width, top + 6.0, FontStyle::Regular, FOOTER_PT, muted);
        top + 6.0 + h.max(self.line_height(FontStyle::Regular, FOOTER_PT))
    }

    /// A persona's badge: the photo in a ring of the persona's `colour` when it is loaded,
    /// otherwise initials (bold, `initials_pt`) on a disc as the theme draws them
    /// ([`Theme::initials`]); `?` for a persona with no name (or none).
    pub fn avatar(
        &mut self,
        persona: Option<&Persona>,
        center: Point,
        radius: f32,
        initials_pt: f32,
        colour: Colour,
    ) {
        let rect = Rect::new(center.x - radius, center.y - radius, 2.0 * radius, 2.0 * radius);
        let photo = persona.and_then(|p| p.photo.as_ref()).and_then(|path| self.images.get(path)).cloned();
        if let Some(image) = photo {
            self.list.items.push(Item::Image { rect, image, clip: ImageClip::Ellipse });
            let ring = Some(Stroke::solid(1.5, colour));
            self.list.items.push(Item::Circle { center, radius, fill: None, stroke: ring });
            return;
        }
        let look = self.theme.initials(colour, initials_pt);
        self.list.items.push(Item::Circle { center, radius, fill: Some(look.disc), stroke: look.ring });
        let initials = persona.and_then(|p| typography::initials(&p.name)).unwrap_or_else(|| "?".to_owned());
        let w = self.measure(&initials, FontStyle::Bold, initials_pt);
        let h = self.line_height(FontStyle::Bold, initials_pt);
        self.label(&initials, center.x - w / 2.0, center.y - h / 2.0, FontStyle::Bold, initials_pt, look.ink);
    }

    /// A stage's header background: the stage's `colour` over `cell` at the theme's tint (none
    /// where the theme does not tint), and a band of it `band` high across the top.
    pub fn stage_band(&mut self, cell: Rect, band: f32, colour: Colour) {
        if self.theme.stage_tint > 0 {
            self.rect(cell, 0.0, Some(colour.with_alpha(self.theme.stage_tint)), None);
        }
        self.rect(Rect::new(cell.x, cell.y, cell.width, band), 0.0, Some(colour), None);
    }

    /// Slides a table row's background under what was drawn from item `at` on: the band (striped
    /// or page), the label column's tint when `label_width` is given, the `rule` below. Returns
    /// the row's bottom.
    pub fn row_background(
        &mut self,
        at: usize,
        row: Rect,
        label_width: Option<f32>,
        stripe: bool,
        rule: Stroke,
    ) -> f32 {
        let fill = if stripe { self.theme.stripe } else { self.theme.page };
        let mut background = vec![Item::Rect { rect: row, radius: 0.0, fill: Some(fill), stroke: None }];
        if let Some(label_width) = label_width {
            background.push(Item::Rect {
                rect: Rect::new(row.x, row.y, label_width, row.height),
                radius: 0.0,
                fill: Some(self.theme.header),
                stroke: None,
            });
        }
        background.push(Item::Line {
            points: vec![Point::new(row.x, row.bottom()), Point::new(row.right(), row.bottom())],
            stroke: rule,
        });
        self.list.items.splice(at..at, background);
        row.bottom()
    }

    /// A legend's swatch, 12 points wide from `x` (a square: 8), centred on the height `cy`.
    pub fn swatch(&mut self, swatch: Swatch, x: f32, cy: f32) {
        match swatch {
            Swatch::Card { fill, accent } => {
                self.rect(
                    Rect::new(x, cy - 5.0, 12.0, 10.0),
                    2.5,
                    Some(fill),
                    Some(Stroke::solid(0.75, accent)),
                );
                self.rect(Rect::new(x + 1.0, cy - 4.0, 2.5, 8.0), 1.0, Some(accent), None);
            }
            Swatch::Icon(icon) => {
                let (width, height) =
                    (self.measure(icon, FontStyle::Regular, 9.0), self.line_height(FontStyle::Regular, 9.0));
                let muted = self.theme.muted;
                self.label(icon, x + 6.0 - width / 2.0, cy - height / 2.0, FontStyle::Regular, 9.0, muted);
            }
            Swatch::Dot(colour) => self.dot(Point::new(x + 6.0, cy), 5.0, colour),
            Swatch::Mark(mark) => self.emotion_mark(Point::new(x + 6.0, cy), 5.5, mark),
            Swatch::Square(colour) => self.rect(Rect::new(x, cy - 4.0, 8.0, 8.0), 1.5, Some(colour), None),
        }
    }

    /// Vertical rules at each `x`, from `top` to `bottom`.
    pub fn column_rules(&mut self, xs: impl IntoIterator<Item = f32>, top: f32, bottom: f32, stroke: Stroke) {
        for x in xs {
            self.rule(Point::new(x, top), Point::new(x, bottom), stroke);
        }
    }
}

/// What stands for an entry of a legend, drawn by [`Pen::swatch`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Swatch {
    /// A small card: its fill and its kind's accent (outline and stripe).
    Card {
        /// The card's fill.
        fill: Colour,
        /// The kind's accent.
        accent: Colour,
    },
    /// A symbol (a channel's icon), in the muted colour.
    Icon(&'static str),
    /// A disc (a colour in a chart's key).
    Dot(Colour),
    /// An emotion level's mark, as drawn on the curves and the cards.
    Mark(EmotionMark),
    /// A small square (a chart's colour).
    Square(Colour),
}

/// Places boxes left to right from `left`, starting a new row when a box would pass `right`
/// (legend entries, metric chips). A box at the start of a row never wraps.
#[derive(Clone, Copy, Debug)]
pub struct Flow {
    left: f32,
    right: f32,
    x: f32,
}

impl Flow {
    /// A flow between `left` and `right`, at the start of a row.
    pub fn new(left: f32, right: f32) -> Self {
        Self { left, right, x: left }
    }

    /// Where a box `width` wide goes: its left edge, and whether it starts a new row (the caller
    /// moves down). The next box goes `gap` after it.
    pub fn place(&mut self, width: f32, gap: f32) -> (f32, bool) {
        let wraps = self.x > self.left && self.x + width > self.right;
        if wraps {
            self.x = self.left;
        }
        let x = self.x;
        self.x += width + gap;
        (x, wraps)
    }
}

/// Height of the map's logo in a title block, in points.
const LOGO_HEIGHT: f32 = 56.0;
/// Font size of every sheet's footer, in points.
pub const FOOTER_PT: f32 = 8.0;

/// A paragraph of a [title block](Pen::title_block).
#[derive(Clone, Copy, Debug)]
pub struct Para<'t> {
    /// The text (wrapped to the block's width).
    pub text: &'t str,
    /// Its style.
    pub style: FontStyle,
    /// Its size in points.
    pub size: f32,
    /// Its colour.
    pub colour: Colour,
    /// Space above it, in points.
    pub gap: f32,
    /// The widest it may be, in points (`f32::MAX`: the block's width).
    pub max_width: f32,
}

#[cfg(test)]
mod tests {
    //! Every sheet draws the furniture they share alike: the same footer, the same persona badge,
    //! the same theme rules for tints, outlines and coloured text.

    use super::super::theme::contrast;
    use super::super::{LayoutOptions, ThemeName, funnel, poster};
    use crate::display::{DisplayList, Item, Rect, Target, TextLine};
    use crate::model::{Map, Rgb};
    use crate::text::FontStyle;

    fn example() -> Map {
        let text = include_str!("../../maps/ecommerce-fr.ron");
        crate::file::from_str(text, std::path::Path::new("ecommerce-fr.ron")).unwrap()
    }

    /// Both sheets of `map` in a theme.
    fn sheets(map: &Map, theme: ThemeName) -> [(&'static str, DisplayList); 2] {
        let options = LayoutOptions { theme, ..LayoutOptions::default() };
        [("poster", poster(map, &options)), ("funnel page", funnel::page(map, &options))]
    }

    fn line<'l>(list: &'l DisplayList, text: &str) -> &'l TextLine {
        list.text_lines().find(|l| l.text == text).unwrap_or_else(|| panic!("no line {text:?}"))
    }

    #[test]
    fn strong_emotions_differ_from_mild_ones_by_shape_not_only_colour() {
        // ±2 is two triangles, ±1 one, 0 a disc: drawn in one colour, each level's mark has
        // its own geometry, in every theme.
        use super::super::theme::{EmotionMark, MarkShape, Theme};
        use crate::display::Point;
        let scale = crate::model::EmotionScale::default();
        for name in ThemeName::ALL {
            let theme = Theme::new(name);
            let mut drawn = Vec::new();
            for level in scale.min..=scale.max {
                let mark = theme.emotion_mark(&scale, f64::from(level));
                // The same colours for every level: only the shape is left to tell them apart.
                let grey = EmotionMark { fill: theme.muted, outline: theme.text, ..mark };
                let mut layouter = super::super::Layouter::new();
                let list = layouter.sheet(&Map::default(), &LayoutOptions::default(), |pen| {
                    pen.emotion_mark(Point::new(50.0, 50.0), 6.0, grey);
                });
                let areas = list.items.iter().filter(|i| matches!(i, Item::Area { .. })).count();
                let expected = match mark.shape {
                    MarkShape::StrongUp | MarkShape::StrongDown => 2,
                    MarkShape::Up | MarkShape::Down => 1,
                    MarkShape::Level => 0,
                };
                assert_eq!(areas, expected, "{name:?} {level}");
                assert_eq!(
                    areas,
                    if level.abs() >= 2 { 2 } else { usize::from(level != 0) },
                    "{name:?} {level}"
                );
                drawn.push(list.items);
            }
            for (i, a) in drawn.iter().enumerate() {
                for b in &drawn[i + 1..] {
                    assert_ne!(a, b, "{name:?}: two levels drawn alike");
                }
            }
        }
    }

    #[test]
    fn both_sheets_print_the_same_footer() {
        let map = example();
        let [(_, poster), (_, funnel)] = sheets(&map, ThemeName::Light);
        let credit = |list| {
            let l = line(list, "Réalisé avec Parcours");
            (l.size, l.style, l.colour)
        };
        assert_eq!(credit(&poster), credit(&funnel));
        let left = format!("{} · {} · {}", map.title, map.author, map.revision);
        assert!((line(&poster, &left).size - line(&funnel, &left).size).abs() < f32::EPSILON);
    }

    /// Each persona badge without a photo: its disc's fill and the initials drawn on it.
    fn badges(list: &DisplayList) -> Vec<(crate::display::Colour, &TextLine)> {
        let mut found = Vec::new();
        for item in &list.items {
            let Item::Circle { center, radius, fill: Some(fill), .. } = item else { continue };
            for line in list.text_lines() {
                let middle = line.bounds().center();
                let inside = (middle.x - center.x).hypot(middle.y - center.y) < radius * 0.5;
                if inside && line.style == FontStyle::Bold && line.text.chars().all(char::is_uppercase) {
                    found.push((*fill, line));
                }
            }
        }
        found
    }

    #[test]
    fn initials_are_readable_on_their_disc_in_every_theme() {
        let mut map = example();
        // Light, middle and dark persona colours.
        for (persona, colour) in map.personas.iter_mut().zip(["#edc948", "#1098ad", "#2b2d42"]) {
            persona.colour = Some(colour.parse::<Rgb>().unwrap());
        }
        for theme in ThemeName::ALL {
            for (sheet, list) in sheets(&map, theme) {
                let found = badges(&list);
                assert!(found.len() >= map.personas.len(), "{theme:?} {sheet}: {} badges", found.len());
                for (disc, initials) in found {
                    let ratio = contrast(initials.colour, disc);
                    // WCAG's floors: 3:1 for large text (14 pt bold and up, the poster's
                    // initials), 4.5:1 below (the funnel page's).
                    let floor = if initials.size >= 14.0 { 3.0 } else { 4.5 };
                    assert!(
                        ratio >= floor,
                        "{theme:?} {sheet}: {:?} on {disc:?} is {ratio:.2}:1",
                        initials.text
                    );
                }
            }
        }
    }

    #[test]
    fn segments_take_a_persona_colour_only_where_the_theme_allows_coloured_text() {
        let map = example();
        for theme in ThemeName::ALL {
            let colours = super::Theme::new(theme);
            for (sheet, list) in sheets(&map, theme) {
                for persona in &map.personas {
                    let segment = line(&list, &persona.segment);
                    let expected = colours.small_text(super::super::theme::rgb(persona.colour.unwrap()));
                    assert_eq!(segment.colour, expected, "{theme:?} {sheet}: {}", persona.segment);
                }
            }
        }
    }

    /// The filled rectangles drawn exactly over a hit region of this kind.
    fn frames(list: &DisplayList, wanted: fn(&Target) -> bool) -> Vec<(&Item, Rect)> {
        let regions: Vec<Rect> = list.hits.iter().filter(|h| wanted(&h.target)).map(|h| h.rect).collect();
        list.items
            .iter()
            .filter_map(|item| match item {
                Item::Rect { rect, fill: Some(_), .. } if regions.contains(rect) => Some((item, *rect)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn stage_headers_are_tinted_only_where_the_theme_tints_them() {
        let map = example();
        for theme in ThemeName::ALL {
            let tint = super::Theme::new(theme).stage_tint;
            for (sheet, list) in sheets(&map, theme) {
                let tinted = frames(&list, |t| matches!(t, Target::Stage(_)));
                for (item, _) in &tinted {
                    let Item::Rect { fill: Some(fill), .. } = item else { unreachable!() };
                    assert_eq!(fill.a, tint, "{theme:?} {sheet}");
                }
                assert_eq!(
                    tinted.is_empty(),
                    tint == 0,
                    "{theme:?} {sheet}: {} tinted headers",
                    tinted.len()
                );
            }
        }
    }

    #[test]
    fn cards_are_outlined_by_the_theme_on_every_sheet() {
        let map = example();
        for theme in ThemeName::ALL {
            let colours = super::Theme::new(theme);
            for (sheet, list) in sheets(&map, theme) {
                let cards = frames(&list, |t| matches!(t, Target::Card(_)));
                assert!(!cards.is_empty(), "{theme:?} {sheet}");
                for (item, rect) in cards {
                    let Item::Rect { stroke: Some(stroke), .. } = item else {
                        panic!("{sheet}: {rect:?} has no outline")
                    };
                    assert!(
                        (stroke.width - colours.outline_width).abs() < 1e-6,
                        "{theme:?} {sheet}: {stroke:?}"
                    );
                    if !colours.outline_by_kind {
                        assert_eq!(stroke.colour, colours.card_stroke, "{theme:?} {sheet}");
                    }
                }
            }
        }
    }
}
