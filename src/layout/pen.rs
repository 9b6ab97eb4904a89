//! The pen every sheet draws with: the poster, the funnel page, and the sheets to come.
//!
//! A [`Pen`] holds what a sheet needs to draw — the display list being filled, the theme, the
//! language, the decoded images and the [`Layouter`]'s text cache — and places text lines,
//! shapes and hit regions in it. A sheet decides where things go and how large they are; the
//! pen draws them, and the [`Theme`] decides their colours. Get one with [`Layouter::sheet`].

use super::{LayoutOptions, Layouter, Theme};
use crate::display::{Colour, DisplayList, Hit, Image, Item, Point, Rect, Stroke, Target, TextLine};
use crate::lang::Lang;
use crate::model::Map;
use crate::text::{FontStyle, Fonts, Line};
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
        self.generation += 1;
        self.last_misses = 0;
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
        let generation = self.generation;
        for entries in self.cache.values_mut() {
            entries.retain(|_, (_, used)| *used == generation);
        }
        self.cache.retain(|_, entries| !entries.is_empty());
        list
    }
}

impl Pen<'_> {
    /// The height of a line of text: the style's ascent and descent at `size`.
    pub fn line_height(&self, style: FontStyle, size: f32) -> f32 {
        self.fonts.ascent(style, size) + self.fonts.descent(style, size)
    }

    /// `text` broken into lines no wider than `width` (at least `size`), through the cache.
    pub fn wrap(&mut self, text: &str, style: FontStyle, size: f32, width: f32) -> Lines {
        self.layouter.wrap(text, style, size, width.max(size))
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

    /// A region the pointer can hit.
    pub fn hit(&mut self, rect: Rect, target: Target) {
        self.list.hits.push(Hit { rect, target });
    }
}
