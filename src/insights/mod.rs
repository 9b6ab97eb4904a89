//! What a map says about its journey: the funnel, the friction and the insights, as plain data.
//!
//! Everything here is derived from a [`Map`] by pure functions: no IO, no text measuring, and the
//! same map always gives the same values in the same order (no hash maps). The funnel page
//! (`layout::funnel`), the designer's insights panel and `parcours insights` all read these types.
//!
//! - [`Funnel`]: the stages in order with their conversion and drop-off (from
//!   [`Metrics`](crate::model::Metrics)), the cumulative share of people still in the journey, and
//!   per stage the friction points and the mean emotion, for the whole map or for one persona.
//! - [`Insights`]: per stage the metrics, pain points and opportunities (each with the persona it
//!   concerns, or all personas for shared lanes); per persona the moments of truth (lowest and
//!   highest emotions); the touchpoints by channel and the online/offline mix; and the funnels.
//!
//! Which cards count: only cards **placed** in an existing lane and stage (a dangling card, which
//! `parcours check` reports, is left out). Hidden lanes count: hiding a lane declutters the poster,
//! it does not remove what the lane says about the journey. A persona's cards are the cards of its
//! persona lanes; shared lanes (every kind but `Persona`) concern all personas.
//!
//! How the funnel is computed, and how unknown steps propagate:
//!
//! - Everyone starts the journey: the first stage is *reached* by 100 %.
//! - A stage's **step** is the share of those who reach it that go on to the next stage: its
//!   `conversion` when given, else `100 − drop_off` when the drop-off is given, else **unknown**.
//!   Values are clamped to 0…100; non-finite values count as not given.
//! - The share that *continues* after a stage is `reached × step / 100`, and it is what the next
//!   stage reaches.
//! - An unknown step is never replaced by a guess. Since a step keeps at most 100 % of people, the
//!   share after it can only be lower or equal: it is carried over unchanged and marked as an
//!   **upper bound** ([`Share::exact`] false, printed `max. 38 %`). Every share after an unknown step
//!   is therefore an upper bound, computed from the known steps only.

mod report;
pub mod terms;

pub use report::report;

use crate::model::{Card, CardKind, Channel, EmotionScale, Id, LaneKind, Map, Presence};
use serde::Serialize;
use std::collections::BTreeMap;

/// Who a card concerns: one persona (a card in its lane) or all personas (a shared lane).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// A shared lane: every persona.
    All,
    /// The persona of the card's lane.
    Persona(Id),
}

impl Audience {
    /// True when a card with this audience concerns `persona`.
    pub fn concerns(&self, persona: &Id) -> bool {
        match self {
            Audience::All => true,
            Audience::Persona(id) => id == persona,
        }
    }
}

/// A card, as the insights cite it: enough to show it and to find it on the map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CardRef {
    /// The card's id.
    pub card: Id,
    /// Its stage.
    pub stage: Id,
    /// Its lane.
    pub lane: Id,
    /// Its title.
    pub title: String,
    /// What it is.
    pub kind: CardKind,
    /// Its channel, if any.
    pub channel: Option<Channel>,
    /// Its emotion score, if any.
    pub emotion: Option<i32>,
    /// The persona it concerns, or all of them.
    pub audience: Audience,
}

/// A share of the people who started the journey, in percent.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Share {
    /// The share, 0…100.
    pub percent: f64,
    /// False when an earlier step is unknown: the real share is at most `percent`.
    pub exact: bool,
}

/// Where a stage's step (the share going on to the next stage) comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepSource {
    /// The stage's conversion rate.
    Conversion,
    /// 100 − the stage's drop-off rate (no conversion given).
    DropOff,
    /// Neither is given.
    Unknown,
}

/// One stage of a funnel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunnelStage {
    /// The stage's id.
    pub stage: Id,
    /// Its name.
    pub name: String,
    /// Its conversion rate as given (percent), if any.
    pub conversion: Option<f64>,
    /// Its drop-off rate as given (percent), if any.
    pub drop_off: Option<f64>,
    /// The share of those reaching the stage that go on to the next, in percent; `None` if unknown.
    pub step: Option<f64>,
    /// Where `step` comes from.
    pub source: StepSource,
    /// The share of all people who reach this stage.
    pub reached: Share,
    /// The share of all people who go on after this stage (what the next stage reaches).
    pub continued: Share,
    /// Pain-point cards of this stage: for a persona, in its lanes or in shared lanes; for the
    /// whole map, in any lane. In map order (lane, then order in the cell).
    pub pain_points: Vec<CardRef>,
    /// Cards of this stage whose emotion is at or below the scale's neutral, lowest first: for a
    /// persona, its own cards; for the whole map, every card.
    pub low_emotions: Vec<CardRef>,
    /// Mean emotion of the cards with a score (the persona's, or all for the whole map).
    pub mean_emotion: Option<f64>,
    /// How many scores the mean is made of.
    pub emotion_count: usize,
}

/// The funnel of the journey, for the whole map or one persona.
///
/// Stage metrics are per stage, so every persona's funnel has the same steps and shares; what
/// differs is the friction and the emotion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Funnel {
    /// The persona, or `None` for the whole map.
    pub persona: Option<Id>,
    /// The persona's name (empty for the whole map).
    pub name: String,
    /// The stages, in map order.
    pub stages: Vec<FunnelStage>,
}

impl Funnel {
    /// The share that goes on after the last stage (100 % exact for a map without stages).
    pub fn completed(&self) -> Share {
        self.stages.last().map_or(Share { percent: 100.0, exact: true }, |s| s.continued)
    }

    /// True when every step is known, so every share is exact.
    pub fn is_exact(&self) -> bool {
        self.stages.iter().all(|s| s.source != StepSource::Unknown)
    }
}

/// The indicators of one stage (non-finite values left out).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StageMetrics {
    /// Net Promoter Score, −100…100.
    pub nps: Option<f64>,
    /// Customer Effort Score, usually 1…7 (lower is easier).
    pub ces: Option<f64>,
    /// Customer satisfaction, percent.
    pub csat: Option<f64>,
    /// Conversion to the next stage, percent.
    pub conversion: Option<f64>,
    /// Drop-off at this stage, percent.
    pub drop_off: Option<f64>,
}

impl StageMetrics {
    /// True when no indicator is given.
    pub fn is_empty(&self) -> bool {
        self.nps.is_none()
            && self.ces.is_none()
            && self.csat.is_none()
            && self.conversion.is_none()
            && self.drop_off.is_none()
    }
}

/// What one stage holds: its indicators, pain points and opportunities.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageInsights {
    /// The stage's id.
    pub stage: Id,
    /// Its name.
    pub name: String,
    /// Its indicators.
    pub metrics: StageMetrics,
    /// Pain-point cards, each with its audience, in map order.
    pub pain_points: Vec<CardRef>,
    /// Opportunity and idea cards (both are ways to improve), each with its audience, in map order.
    pub opportunities: Vec<CardRef>,
}

impl StageInsights {
    /// The pain points that concern `persona` (its own and the shared ones).
    pub fn pain_points_for<'a>(&'a self, persona: &'a Id) -> impl Iterator<Item = &'a CardRef> {
        self.pain_points.iter().filter(move |c| c.audience.concerns(persona))
    }

    /// The opportunities that concern `persona` (its own and the shared ones).
    pub fn opportunities_for<'a>(&'a self, persona: &'a Id) -> impl Iterator<Item = &'a CardRef> {
        self.opportunities.iter().filter(move |c| c.audience.concerns(persona))
    }
}

/// An emotion level reached by a persona, with the cards at that level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Moment {
    /// The score.
    pub score: i32,
    /// The scale's word for it, if any.
    pub label: Option<String>,
    /// Every card of the persona with this score (ties are kept), in stage order.
    pub cards: Vec<CardRef>,
}

/// A persona's moments of truth: its lowest and highest emotions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MomentsOfTruth {
    /// The persona.
    pub persona: Id,
    /// Its name.
    pub name: String,
    /// The lowest score and its cards; `None` when no card of the persona has a score.
    pub lowest: Option<Moment>,
    /// The highest score and its cards.
    pub highest: Option<Moment>,
}

/// How many touchpoints use one channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ChannelCount {
    /// The channel.
    pub channel: Channel,
    /// Its touchpoints.
    pub count: usize,
}

/// The touchpoints (cards of kind touchpoint) by channel and by online/offline presence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChannelMix {
    /// Every touchpoint counted.
    pub touchpoints: usize,
    /// Touchpoints per channel, most used first (ties in the channels' legend order); only
    /// channels in use.
    pub by_channel: Vec<ChannelCount>,
    /// Touchpoints without a channel.
    pub no_channel: usize,
    /// Online touchpoints (`Card::effective_presence`).
    pub online: usize,
    /// Offline touchpoints (a phone call, a shop, a letter…).
    pub offline: usize,
    /// Touchpoints with neither a channel nor a presence.
    pub unknown: usize,
}

impl ChannelMix {
    /// Percentages of (online, offline, unknown) among the touchpoints; zeros when there are none.
    pub fn percentages(&self) -> (f64, f64, f64) {
        if self.touchpoints == 0 {
            return (0.0, 0.0, 0.0);
        }
        let total = self.touchpoints as f64;
        (
            100.0 * self.online as f64 / total,
            100.0 * self.offline as f64 / total,
            100.0 * self.unknown as f64 / total,
        )
    }

    fn add(&mut self, card: &Card) {
        self.touchpoints += 1;
        match card.channel {
            Some(channel) => match self.by_channel.iter_mut().find(|c| c.channel == channel) {
                Some(entry) => entry.count += 1,
                None => self.by_channel.push(ChannelCount { channel, count: 1 }),
            },
            None => self.no_channel += 1,
        }
        match card.effective_presence() {
            Some(Presence::Online) => self.online += 1,
            Some(Presence::Offline) => self.offline += 1,
            None => self.unknown += 1,
        }
    }

    fn sort(&mut self) {
        self.by_channel.sort_by(|a, b| b.count.cmp(&a.count).then(a.channel.cmp(&b.channel)));
    }
}

/// One persona's touchpoint mix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonaMix {
    /// The persona.
    pub persona: Id,
    /// Its name.
    pub name: String,
    /// Its touchpoints by channel and presence.
    pub mix: ChannelMix,
}

/// Everything the insights panel, the funnel page and `parcours insights` show about a map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Insights {
    /// The map's title.
    pub title: String,
    /// The map's language tag.
    pub language: String,
    /// The map's emotion scale (for words and colours of scores).
    pub emotion_scale: EmotionScale,
    /// Per stage, in map order: indicators, pain points, opportunities.
    pub stages: Vec<StageInsights>,
    /// Per persona, in map order: lowest and highest emotions.
    pub moments: Vec<MomentsOfTruth>,
    /// The touchpoints of the whole map by channel and presence.
    pub channels: ChannelMix,
    /// The same, per persona (touchpoints of its lanes), in map order.
    pub persona_channels: Vec<PersonaMix>,
    /// The funnel of the whole map.
    pub funnel: Funnel,
    /// One funnel per persona, in map order.
    pub persona_funnels: Vec<Funnel>,
    /// The pain points, opportunities and ideas that received dot votes in the workshop room,
    /// most votes first (ties in stage order); empty when nothing was voted.
    pub most_voted: Vec<Voted>,
}

/// A card with its dot votes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Voted {
    /// The card.
    pub card: CardRef,
    /// Dots on it, every participant together.
    pub votes: u32,
}

impl Insights {
    /// Derives the insights of a map.
    pub fn of(map: &Map) -> Insights {
        let index = Index::new(map);
        let stages: Vec<StageInsights> = map
            .stages
            .iter()
            .enumerate()
            .map(|(i, stage)| {
                let mut pain_points = Vec::new();
                let mut opportunities = Vec::new();
                for placed in &index.by_stage[i] {
                    match placed.card.kind {
                        CardKind::PainPoint => pain_points.push(placed.reference()),
                        CardKind::Opportunity | CardKind::Idea => opportunities.push(placed.reference()),
                        CardKind::Touchpoint | CardKind::Note | CardKind::Quote | CardKind::Evidence => {}
                    }
                }
                StageInsights {
                    stage: stage.id.clone(),
                    name: stage.name.clone(),
                    metrics: metrics(stage),
                    pain_points,
                    opportunities,
                }
            })
            .collect();
        let moments = map
            .personas
            .iter()
            .map(|persona| {
                let scored: Vec<&Placed<'_>> = index
                    .by_stage
                    .iter()
                    .flatten()
                    .filter(|p| p.persona == Some(&persona.id) && p.card.emotion.is_some())
                    .collect();
                let extreme = |pick: fn(i32, i32) -> bool| -> Option<Moment> {
                    let score = scored
                        .iter()
                        .filter_map(|p| p.card.emotion)
                        .reduce(|a, b| if pick(b, a) { b } else { a })?;
                    Some(Moment {
                        score,
                        label: map.emotion_scale.label(score).map(str::to_owned),
                        cards: scored
                            .iter()
                            .filter(|p| p.card.emotion == Some(score))
                            .map(|p| p.reference())
                            .collect(),
                    })
                };
                MomentsOfTruth {
                    persona: persona.id.clone(),
                    name: persona.name.clone(),
                    lowest: extreme(|a, b| a < b),
                    highest: extreme(|a, b| a > b),
                }
            })
            .collect();
        let mut channels = ChannelMix::default();
        let mut persona_channels: Vec<PersonaMix> = map
            .personas
            .iter()
            .map(|p| PersonaMix { persona: p.id.clone(), name: p.name.clone(), mix: ChannelMix::default() })
            .collect();
        for placed in index.by_stage.iter().flatten() {
            if placed.card.kind != CardKind::Touchpoint {
                continue;
            }
            channels.add(placed.card);
            if let Some(persona) = placed.persona
                && let Some(entry) = persona_channels.iter_mut().find(|m| &m.persona == persona)
            {
                entry.mix.add(placed.card);
            }
        }
        channels.sort();
        for entry in &mut persona_channels {
            entry.mix.sort();
        }
        let mut most_voted: Vec<Voted> = stages
            .iter()
            .flat_map(|s: &StageInsights| s.pain_points.iter().chain(&s.opportunities))
            .filter_map(|card| {
                let votes = map.card(&card.card)?.vote_count();
                (votes > 0).then(|| Voted { card: card.clone(), votes })
            })
            .collect();
        // Stable: equal counts keep their stage order.
        most_voted.sort_by_key(|v| std::cmp::Reverse(v.votes));
        Insights {
            most_voted,
            title: map.title.clone(),
            language: map.language.clone(),
            emotion_scale: map.emotion_scale.clone(),
            stages,
            moments,
            channels,
            persona_channels,
            funnel: index.funnel(map, None),
            persona_funnels: map.personas.iter().map(|p| index.funnel(map, Some(&p.id))).collect(),
        }
    }

    /// The funnel of one persona, if the map has it.
    pub fn persona_funnel(&self, persona: &Id) -> Option<&Funnel> {
        self.persona_funnels.iter().find(|f| f.persona.as_ref() == Some(persona))
    }
}

/// The funnel of a map for one persona, or for the whole map with `None`.
pub fn funnel(map: &Map, persona: Option<&Id>) -> Funnel {
    Index::new(map).funnel(map, persona)
}

fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}

fn metrics(stage: &crate::model::Stage) -> StageMetrics {
    let m = &stage.metrics;
    StageMetrics {
        nps: finite(m.nps),
        ces: finite(m.ces),
        csat: finite(m.csat),
        conversion: finite(m.conversion),
        drop_off: finite(m.drop_off),
    }
}

/// A card placed in an existing lane and stage, with what its lane says about it.
struct Placed<'m> {
    card: &'m Card,
    /// The persona of its lane (`None` for a shared lane).
    persona: Option<&'m Id>,
}

impl Placed<'_> {
    fn reference(&self) -> CardRef {
        CardRef {
            card: self.card.id.clone(),
            stage: self.card.stage.clone(),
            lane: self.card.lane.clone(),
            title: self.card.title.clone(),
            kind: self.card.kind,
            channel: self.card.channel,
            emotion: self.card.emotion,
            audience: self.persona.map_or(Audience::All, |p| Audience::Persona(p.clone())),
        }
    }
}

/// The placed cards of a map, per stage, in map order (lane order, then order in the cell, then id).
struct Index<'m> {
    by_stage: Vec<Vec<Placed<'m>>>,
}

impl<'m> Index<'m> {
    fn new(map: &'m Map) -> Self {
        let stage_at: BTreeMap<&Id, usize> = map.stages.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
        let lane_at: BTreeMap<&Id, (usize, Option<&Id>)> = map
            .lanes
            .iter()
            .enumerate()
            .map(|(i, lane)| {
                let persona = match &lane.kind {
                    LaneKind::Persona(id) => Some(id),
                    LaneKind::Actions
                    | LaneKind::Thoughts
                    | LaneKind::Channels
                    | LaneKind::PainPoints
                    | LaneKind::Opportunities
                    | LaneKind::Ideas
                    | LaneKind::Backstage
                    | LaneKind::Kpis
                    | LaneKind::Text => None,
                };
                (&lane.id, (i, persona))
            })
            .collect();
        // The first stage and lane of a duplicated id win, as on the poster.
        let mut placed: Vec<(usize, usize, &Card, Option<&Id>)> = map
            .cards
            .iter()
            .filter_map(|card| {
                let stage = *stage_at.get(&card.stage)?;
                let (lane, persona) = *lane_at.get(&card.lane)?;
                Some((stage, lane, card, persona))
            })
            .collect();
        placed.sort_by(|a, b| (a.0, a.1, a.2.order, &a.2.id).cmp(&(b.0, b.1, b.2.order, &b.2.id)));
        let mut by_stage: Vec<Vec<Placed<'m>>> = map.stages.iter().map(|_| Vec::new()).collect();
        for (stage, _, card, persona) in placed {
            by_stage[stage].push(Placed { card, persona });
        }
        Index { by_stage }
    }

    fn funnel(&self, map: &Map, persona: Option<&Id>) -> Funnel {
        let neutral = map.emotion_scale.neutral();
        let mut reached = Share { percent: 100.0, exact: true };
        let mut stages = Vec::with_capacity(map.stages.len());
        for (stage, cards) in map.stages.iter().zip(&self.by_stage) {
            let conversion = finite(stage.metrics.conversion);
            let drop_off = finite(stage.metrics.drop_off);
            let (step, source) = match (conversion, drop_off) {
                (Some(c), _) => (Some(c.clamp(0.0, 100.0)), StepSource::Conversion),
                (None, Some(d)) => (Some(100.0 - d.clamp(0.0, 100.0)), StepSource::DropOff),
                (None, None) => (None, StepSource::Unknown),
            };
            let continued = match step {
                Some(step) => Share { percent: reached.percent * step / 100.0, exact: reached.exact },
                None => Share { percent: reached.percent, exact: false },
            };
            // The persona's own cards, or every card for the whole map.
            let own = |p: &&Placed<'_>| persona.is_none() || p.persona == persona;
            let pain_points = cards
                .iter()
                .filter(|p| p.card.kind == CardKind::PainPoint && (own(p) || p.persona.is_none()))
                .map(Placed::reference)
                .collect();
            let mut low: Vec<&Placed<'_>> = cards
                .iter()
                .filter(own)
                .filter(|p| p.card.emotion.is_some_and(|e| f64::from(e) <= neutral))
                .collect();
            // Stable: equal scores keep map order.
            low.sort_by_key(|p| p.card.emotion);
            let scores: Vec<i32> = cards.iter().filter(own).filter_map(|p| p.card.emotion).collect();
            let mean_emotion = (!scores.is_empty())
                .then(|| scores.iter().map(|&s| f64::from(s)).sum::<f64>() / scores.len() as f64);
            stages.push(FunnelStage {
                stage: stage.id.clone(),
                name: stage.name.clone(),
                conversion,
                drop_off,
                step,
                source,
                reached,
                continued,
                pain_points,
                low_emotions: low.into_iter().map(Placed::reference).collect(),
                mean_emotion,
                emotion_count: scores.len(),
            });
            reached = continued;
        }
        let name = persona.and_then(|id| map.persona(id)).map(|p| p.name.clone()).unwrap_or_default();
        Funnel { persona: persona.cloned(), name, stages }
    }
}

#[cfg(test)]
mod tests;
