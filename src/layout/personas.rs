//! Persona sheets: one A4 portrait page per persona, with everything the map knows about them.
//!
//! Journey-mapping practice describes a persona in depth — identity, family situation, job,
//! hobbies, buying habits, goals, frustrations, a quote, a segment — and the poster only has room
//! for a name, an age and a job. A persona sheet prints the rest: the photo (covering its badge),
//! every field, the persona's emotion across the stages (the mean of their cards' scores, drawn as
//! on the poster), their lowest and highest moments, and the channels they use. Same pen, same
//! themes, same text checks as the poster: this module only decides where things go.

use super::pen::Pen;
use super::{LayoutOptions, Layouter, MARGIN, curve, theme};
use crate::display::{Colour, DisplayList, Point, Rect, Stroke};
use crate::insights::terms::Term;
use crate::insights::{Funnel, Insights, MomentsOfTruth, PersonaMix};
use crate::lang::Lang;
use crate::model::{Map, Persona};
use crate::text::FontStyle;

/// A4 portrait, in points: the sheet's size (the painters place it on the chosen paper).
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 portrait's height, in points.
pub const PAGE_HEIGHT: f32 = 841.89;

const NAME_PT: f32 = 24.0;
const BODY_PT: f32 = 10.0;
const HEADING_PT: f32 = 11.0;
const QUOTE_PT: f32 = 12.0;
const SMALL_PT: f32 = 8.5;
/// Stage names under the emotion chart: seven or eight share the page's width.
const STAGE_PT: f32 = 8.0;
const BADGE_RADIUS: f32 = 44.0;
const CHART_HEIGHT: f32 = 84.0;
/// Cards shown for each moment of truth.
const MOMENT_CARDS: usize = 2;

/// Words of the persona sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Family,
    Occupation,
    Hobbies,
    BuyingHabits,
    Goals,
    Frustrations,
    Segment,
    Emotion,
    Sheet,
    NoCards,
}

impl Field {
    #[expect(clippy::match_same_arms, reason = "one table per language reads better than merged arms")]
    fn text(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Fr, Field::Family) => "Situation familiale",
            (Lang::Fr, Field::Occupation) => "Métier",
            (Lang::Fr, Field::Hobbies) => "Loisirs",
            (Lang::Fr, Field::BuyingHabits) => "Habitudes d’achat",
            (Lang::Fr, Field::Goals) => "Objectifs",
            (Lang::Fr, Field::Frustrations) => "Frustrations",
            (Lang::Fr, Field::Segment) => "Segment",
            (Lang::Fr, Field::Emotion) => "Émotion au fil du parcours",
            (Lang::Fr, Field::Sheet) => "Fiche persona",
            (Lang::Fr, Field::NoCards) => "Aucune carte notée pour ce persona.",
            (Lang::En, Field::Family) => "Family situation",
            (Lang::En, Field::Occupation) => "Job",
            (Lang::En, Field::Hobbies) => "Hobbies",
            (Lang::En, Field::BuyingHabits) => "Buying habits",
            (Lang::En, Field::Goals) => "Goals",
            (Lang::En, Field::Frustrations) => "Frustrations",
            (Lang::En, Field::Segment) => "Segment",
            (Lang::En, Field::Emotion) => "Emotion along the journey",
            (Lang::En, Field::Sheet) => "Persona sheet",
            (Lang::En, Field::NoCards) => "No scored card for this persona.",
        }
    }
}

/// The persona sheets of a map, one display list per persona, in the map's order.
pub fn pages(map: &Map, options: &LayoutOptions) -> Vec<DisplayList> {
    let insights = Insights::of(map);
    let mut layouter = Layouter::new();
    map.personas.iter().map(|persona| layouter.persona_page(map, &insights, persona, options)).collect()
}

/// The first persona's sheet alone (what a readability check needs), or `None` without personas.
pub fn first_page(map: &Map, options: &LayoutOptions) -> Option<DisplayList> {
    let persona = map.personas.first()?;
    Some(Layouter::new().persona_page(map, &Insights::of(map), persona, options))
}

impl Layouter {
    /// Lays out the sheet of one persona of `map` (its insights from `Insights::of(map)`).
    pub fn persona_page(
        &mut self,
        map: &Map,
        insights: &Insights,
        persona: &Persona,
        options: &LayoutOptions,
    ) -> DisplayList {
        self.sheet(map, options, |pen| {
            let funnel = insights.persona_funnels.iter().find(|f| f.persona.as_ref() == Some(&persona.id));
            let moments = insights.moments.iter().find(|m| m.persona == persona.id);
            let channels = insights.persona_channels.iter().find(|m| m.persona == persona.id);
            Sheet { pen }.build(map, persona, funnel, moments, channels);
        })
    }
}

struct Sheet<'p, 'a> {
    pen: &'p mut Pen<'a>,
}

impl Sheet<'_, '_> {
    fn word(&self, field: Field) -> &'static str {
        field.text(self.pen.lang)
    }

    fn term(&self, term: Term) -> &'static str {
        term.text(self.pen.lang)
    }

    fn build(
        &mut self,
        map: &Map,
        persona: &Persona,
        funnel: Option<&Funnel>,
        moments: Option<&MomentsOfTruth>,
        channels: Option<&PersonaMix>,
    ) {
        self.pen.list.width = PAGE_WIDTH;
        self.pen.list.height = PAGE_HEIGHT;
        let colour = persona.colour.map_or(self.pen.theme.stage, theme::rgb);
        let width = PAGE_WIDTH - 2.0 * MARGIN;
        let mut y = self.header(map, persona, colour);
        y = self.fields(persona, y + 14.0, width);
        if let Some(funnel) = funnel {
            y = self.emotion_chart(map, funnel, colour, y + 8.0, width);
        }
        y = self.moments_and_channels(moments, channels, y + 12.0, width);
        // The footer sits at the bottom of the page, or under the content when it is longer.
        let footer_top = (PAGE_HEIGHT - MARGIN - 24.0).max(y + 12.0);
        let bottom = self.pen.footer(map, footer_top, PAGE_WIDTH);
        self.pen.list.height = PAGE_HEIGHT.max(bottom + MARGIN);
    }

    /// The badge, the name, who they are in one line, the segment and the quote.
    fn header(&mut self, map: &Map, persona: &Persona, colour: Colour) -> f32 {
        let (text, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let top = MARGIN;
        let center = Point::new(MARGIN + BADGE_RADIUS, top + BADGE_RADIUS);
        self.pen.avatar(Some(persona), center, BADGE_RADIUS, 28.0, colour);
        let left = MARGIN + 2.0 * BADGE_RADIUS + 20.0;
        let room = PAGE_WIDTH - MARGIN - left;
        let mut y = top;
        y += self.pen.para(self.word(Field::Sheet), (left, y), room, FontStyle::Regular, SMALL_PT, muted);
        let name = if persona.name.is_empty() { "—" } else { persona.name.as_str() };
        let name_colour = colour_or_text(colour, text, self.pen.theme.page);
        y += self.pen.para(name, (left, y + 2.0), room, FontStyle::Bold, NAME_PT, name_colour);
        let lang = self.pen.lang;
        let who: Vec<String> = [
            persona.age.map(|a| lang.age(a)),
            (!persona.gender.is_empty()).then(|| persona.gender.clone()),
            (!persona.occupation.is_empty()).then(|| persona.occupation.clone()),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !who.is_empty() {
            y += 4.0 + self.pen.para(&who.join(" · "), (left, y + 4.0), room, FontStyle::Regular, 12.0, text);
        }
        if !persona.segment.is_empty() {
            let segment = labelled(self.pen.lang, self.word(Field::Segment), &persona.segment);
            y += 2.0 + self.pen.para(&segment, (left, y + 2.0), room, FontStyle::Regular, BODY_PT, muted);
        }
        if !map.title.is_empty() {
            y += 2.0 + self.pen.para(&map.title, (left, y + 2.0), room, FontStyle::Italic, SMALL_PT, muted);
        }
        let mut bottom = y.max(top + 2.0 * BADGE_RADIUS);
        if !persona.quote.is_empty() {
            let quote = match lang {
                Lang::Fr => format!("« {} »", persona.quote),
                Lang::En => format!("“{}”", persona.quote),
            };
            bottom += 14.0;
            let bar = Rect::new(MARGIN, bottom, 3.0, 0.0);
            let h = self.pen.para(
                &quote,
                (MARGIN + 14.0, bottom),
                PAGE_WIDTH - 2.0 * MARGIN - 14.0,
                FontStyle::Italic,
                QUOTE_PT,
                text,
            );
            self.pen.rect(Rect { height: h, ..bar }, 0.0, Some(colour), None);
            bottom += h;
        }
        bottom
    }

    /// Every field in two columns: life on the left, goals and frustrations on the right (age,
    /// gender and job are in the header); a field left empty is left out.
    fn fields(&mut self, persona: &Persona, top: f32, width: f32) -> f32 {
        let gap = 24.0;
        let column = (width - gap) / 2.0;
        let single = |s: &str| if s.is_empty() { Vec::new() } else { vec![s.to_owned()] };
        let left: Vec<(Field, Vec<String>)> = vec![
            (Field::Family, single(&persona.family)),
            (Field::Occupation, single(&persona.occupation)),
            (Field::Hobbies, persona.hobbies.clone()),
            (Field::BuyingHabits, persona.buying_habits.clone()),
        ];
        let right: Vec<(Field, Vec<String>)> =
            vec![(Field::Goals, persona.goals.clone()), (Field::Frustrations, persona.frustrations.clone())];
        let left_bottom = self.column(&left, MARGIN, top, column);
        let right_bottom = self.column(&right, MARGIN + column + gap, top, column);
        left_bottom.max(right_bottom)
    }

    /// A column of headed fields; lists get a bullet per item. Returns the bottom.
    fn column(&mut self, fields: &[(Field, Vec<String>)], x: f32, top: f32, width: f32) -> f32 {
        let (text, muted, rule) = (self.pen.theme.text, self.pen.theme.muted, self.pen.theme.rule);
        let mut y = top;
        for (field, items) in fields.iter().filter(|(_, items)| !items.is_empty()) {
            y += self.pen.para(self.word(*field), (x, y), width, FontStyle::Bold, HEADING_PT, muted);
            self.pen.rule(Point::new(x, y + 1.0), Point::new(x + width, y + 1.0), Stroke::solid(0.5, rule));
            y += 4.0;
            let list = items.len() > 1 || matches!(field, Field::Goals | Field::Frustrations);
            for item in items {
                if list {
                    let bullet = self.pen.line_height(FontStyle::Regular, BODY_PT) / 2.0;
                    self.pen.dot(Point::new(x + 3.0, y + bullet), 1.6, text);
                    y += self.pen.para(item, (x + 10.0, y), width - 10.0, FontStyle::Regular, BODY_PT, text);
                } else {
                    y += self.pen.para(item, (x, y), width, FontStyle::Regular, BODY_PT, text);
                }
                y += 1.0;
            }
            y += 8.0;
        }
        y
    }

    /// The persona's mean emotion at each stage, on the map's scale, as the poster draws it: a
    /// monotone curve through the stages' centres, a dashed neutral line, the stages named below.
    fn emotion_chart(&mut self, map: &Map, funnel: &Funnel, colour: Colour, top: f32, width: f32) -> f32 {
        let (text, muted, rule) = (self.pen.theme.text, self.pen.theme.muted, self.pen.theme.rule);
        let mut y = top;
        y += self.pen.para(self.word(Field::Emotion), (MARGIN, y), width, FontStyle::Bold, HEADING_PT, muted);
        y += 2.0;
        let scale = &map.emotion_scale;
        let n = funnel.stages.len().max(1);
        // The scale's ends are named in a line under the heading (`de -2 Frustré à +2 Enchanté`),
        // so the stages get the whole width (eight stage names fit under the chart).
        let end = |level: i32| {
            let signed = if level > 0 { format!("+{level}") } else { level.to_string() };
            scale.label(level).map_or_else(|| signed.clone(), |label| format!("{signed} {label}"))
        };
        let range = match self.pen.lang {
            Lang::Fr => format!(
                "Moyenne des cartes notées à chaque étape, de {} à {}.",
                end(scale.min),
                end(scale.max)
            ),
            Lang::En => format!(
                "Mean of the scored cards at each stage, from {} to {}.",
                end(scale.min),
                end(scale.max)
            ),
        };
        y += self.pen.para(&range, (MARGIN, y), width, FontStyle::Regular, SMALL_PT, muted) + 4.0;
        let column = width / n as f32;
        let chart = Rect::new(MARGIN, y, width, CHART_HEIGHT);
        let y_of = |fraction: f64| {
            #[expect(clippy::cast_possible_truncation, reason = "a fraction of 0..=1 of the chart")]
            let f = fraction.clamp(0.0, 1.0) as f32;
            chart.y + chart.height * (1.0 - f)
        };
        self.pen.rect(chart, 4.0, Some(self.pen.theme.stripe), None);
        let neutral = y_of(scale.fraction(scale.neutral()));
        self.pen.list.items.push(crate::display::Item::Line {
            points: vec![Point::new(chart.x, neutral), Point::new(chart.right(), neutral)],
            stroke: Stroke::dashed(0.75, muted.with_alpha(160), 3.0, 3.0),
        });
        let mut points = Vec::new();
        for (i, stage) in funnel.stages.iter().enumerate() {
            let cx = chart.x + column * (i as f32 + 0.5);
            if let Some(mean) = stage.mean_emotion {
                points.push(Point::new(cx, y_of(scale.fraction(mean))));
            }
            if i > 0 {
                let x = chart.x + column * i as f32;
                self.pen.rule(
                    Point::new(x, chart.y),
                    Point::new(x, chart.bottom()),
                    Stroke::solid(0.5, rule),
                );
            }
        }
        if let Some(segments) = curve::monotone(&points).filter(|_| points.len() > 1) {
            self.pen.list.items.push(crate::display::Item::Curve {
                from: points[0],
                segments,
                stroke: Stroke::solid(2.5, colour),
            });
        }
        for (point, mean) in points.iter().zip(funnel.stages.iter().filter_map(|s| s.mean_emotion)) {
            let mark = self.pen.theme.emotion_mark(scale, mean);
            self.pen.emotion_mark(*point, 6.0, mark);
        }
        if points.is_empty() {
            let note = self.word(Field::NoCards);
            self.pen.centred(
                note,
                (chart.x + chart.width / 2.0, chart.y + chart.height / 2.0 - 6.0),
                chart.width,
                FontStyle::Italic,
                BODY_PT,
                muted,
            );
        }
        let mut bottom = chart.bottom() + 4.0;
        for (i, stage) in funnel.stages.iter().enumerate() {
            let x = chart.x + column * i as f32;
            let h = self.pen.centred(
                &stage.name,
                (x + column / 2.0, chart.bottom() + 4.0),
                column - 2.0,
                FontStyle::Regular,
                STAGE_PT,
                text,
            );
            bottom = bottom.max(chart.bottom() + 4.0 + h);
        }
        bottom
    }

    /// Lowest and highest moments on the left, the channels used (bars) on the right.
    fn moments_and_channels(
        &mut self,
        moments: Option<&MomentsOfTruth>,
        channels: Option<&PersonaMix>,
        top: f32,
        width: f32,
    ) -> f32 {
        let (text, muted) = (self.pen.theme.text, self.pen.theme.muted);
        let gap = 24.0;
        let column = (width - gap) / 2.0;
        let mut left = top;
        left += self.pen.para(
            self.term(Term::MomentsOfTruth),
            (MARGIN, left),
            column,
            FontStyle::Bold,
            HEADING_PT,
            muted,
        );
        left += 4.0;
        let scale_words = |m: &crate::insights::Moment| match &m.label {
            Some(label) => format!("{} ({label})", m.score),
            None => m.score.to_string(),
        };
        let entries = moments.map_or([(Term::Lowest, None), (Term::Highest, None)], |m| {
            [(Term::Lowest, m.lowest.as_ref()), (Term::Highest, m.highest.as_ref())]
        });
        for (term, moment) in entries {
            let Some(moment) = moment else { continue };
            let head = labelled(self.pen.lang, self.term(term), &scale_words(moment));
            left += self.pen.para(&head, (MARGIN, left), column, FontStyle::Bold, BODY_PT, text);
            // Two cards at most, then how many more: the sheet stays one page.
            for card in moment.cards.iter().take(MOMENT_CARDS) {
                left += self.pen.para(
                    &card.title,
                    (MARGIN + 10.0, left + 1.0),
                    column - 10.0,
                    FontStyle::Regular,
                    BODY_PT,
                    text,
                ) + 1.0;
            }
            if moment.cards.len() > MOMENT_CARDS {
                let more = crate::insights::terms::more(self.pen.lang, moment.cards.len() - MOMENT_CARDS);
                left += self.pen.para(
                    &more,
                    (MARGIN + 10.0, left + 1.0),
                    column - 10.0,
                    FontStyle::Italic,
                    SMALL_PT,
                    muted,
                ) + 1.0;
            }
            left += 8.0;
        }
        let mut right = top;
        let x = MARGIN + column + gap;
        right +=
            self.pen.para(self.term(Term::ByChannel), (x, right), column, FontStyle::Bold, HEADING_PT, muted);
        right += 6.0;
        if let Some(mix) = channels.map(|c| &c.mix).filter(|m| m.touchpoints > 0) {
            let most = mix.by_channel.first().map_or(1, |c| c.count).max(1);
            let label_w = 90.0;
            let colour = self.pen.theme.accent;
            for count in &mix.by_channel {
                let name = self.pen.lang.channel(count.channel);
                self.pen.para(name, (x, right), label_w - 4.0, FontStyle::Regular, BODY_PT, text);
                let bar = (column - label_w - 30.0) * count.count as f32 / most as f32;
                let h = self.pen.line_height(FontStyle::Regular, BODY_PT);
                self.pen.rect(
                    Rect::new(x + label_w, right + 2.0, bar.max(2.0), h - 4.0),
                    2.0,
                    Some(colour),
                    None,
                );
                self.pen.label(
                    &count.count.to_string(),
                    x + label_w + bar + 4.0,
                    right,
                    FontStyle::Regular,
                    BODY_PT,
                    text,
                );
                right += h + 3.0;
            }
            let (online, offline, _) = mix.percentages();
            let lang = self.pen.lang;
            let line = format!(
                "{} {} · {} {}",
                self.term(Term::Online),
                lang.percent(online),
                self.term(Term::Offline),
                lang.percent(offline)
            );
            right +=
                4.0 + self.pen.para(&line, (x, right + 4.0), column, FontStyle::Regular, SMALL_PT, muted);
        } else {
            right += self.pen.para(
                self.term(Term::Nothing),
                (x, right),
                column,
                FontStyle::Italic,
                BODY_PT,
                muted,
            );
        }
        left.max(right)
    }
}

/// `label: value` as the language writes it: `Segment : x` in French (the pen makes the space
/// no-break), `Segment: x` in English.
fn labelled(lang: Lang, label: &str, value: &str) -> String {
    match lang {
        Lang::Fr => format!("{label} : {value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

/// The persona's colour for their name when it reads on the page (3:1, large bold text), else the
/// theme's text colour.
fn colour_or_text(colour: Colour, text: Colour, page: Colour) -> Colour {
    if theme::contrast(colour, page) >= 3.0 { colour } else { text }
}
