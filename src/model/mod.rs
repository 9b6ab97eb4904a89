//! The journey-map document: plain serde data, no IO, no egui.
//!
//! A [`Map`] has stages (the columns), personas, lanes (the rows) and cards placed in a lane × stage
//! cell. Every element carries a stable [`Id`]; references between elements are by id, so files diff
//! and merge by meaning. Field order here *is* the order in the file (see `file::canonical`).

mod colour;
pub mod generate;
mod ids;
pub mod limits;

pub use colour::Rgb;
pub use ids::{Id, IdGen, IdKind};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The newest file format version this build reads and writes. Older files are migrated on load;
/// newer ones refused. A file is written with the lowest version that holds its content
/// ([`Map::required_version`]): version 2 only added the workshop room's data (inbox, vote,
/// votes on cards), so a map without any is still written as version 1 and stays readable by
/// older builds, while one with room data tells an older build clearly that it is newer.
pub const FORMAT_VERSION: u32 = 2;

/// True when `value` equals its type's default. The one rule for defaults in the file format:
/// a field holding its default is omitted when saving and restored when loading.
pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A customer journey map: the whole document, as saved in one `.ron` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// Format version of the file this was read from, or [`FORMAT_VERSION`] for a new map.
    pub version: u32,
    /// Title shown on the canvas and the poster.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub title: String,
    /// A paragraph that says what the map is about.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::paragraph")]
    pub description: String,
    /// Language of the content as a BCP 47 tag (`fr`, `en-GB`); empty when unknown.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub language: String,
    /// Who made the map (poster footer, PDF metadata).
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub author: String,
    /// A free revision line such as `v3 · novembre 2026`, printed under the title.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub revision: String,
    /// Logo image, as a path relative to the map file.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::path")]
    pub logo: Option<String>,
    /// The range and labels of emotion scores.
    #[serde(default, skip_serializing_if = "is_default")]
    pub emotion_scale: EmotionScale,
    /// The columns, left to right.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::stages")]
    pub stages: Vec<Stage>,
    /// The people the map follows.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::personas")]
    pub personas: Vec<Persona>,
    /// The rows, top to bottom.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::lanes")]
    pub lanes: Vec<Lane>,
    /// The cards, in the order they were made (their place on the map is `lane`, `stage`, `order`).
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::cards")]
    pub cards: Vec<Card>,
    /// Notes posted from the workshop room, waiting in the inbox to be made into cards or
    /// dismissed, in the order they arrived.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::notes")]
    pub inbox: Vec<Note>,
    /// Ids of room notes dismissed or removed: kept (without their text) so that a phone
    /// resending one of them, even after the host restarted, does not post it again.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::dismissed")]
    pub dismissed: Vec<Id>,
    /// The dot vote: open, or the last one held (its results stay on the cards).
    #[serde(default, skip_serializing_if = "is_default")]
    pub vote: Option<Vote>,
    /// Unresolved merge conflicts, written by `parcours merge`; empty in a clean map.
    #[serde(default, skip_serializing_if = "is_default")]
    pub conflicts: Vec<Conflict>,
}

impl Default for Map {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            title: String::new(),
            description: String::new(),
            language: String::new(),
            author: String::new(),
            revision: String::new(),
            logo: None,
            emotion_scale: EmotionScale::default(),
            stages: Vec::new(),
            personas: Vec::new(),
            lanes: Vec::new(),
            cards: Vec::new(),
            inbox: Vec::new(),
            dismissed: Vec::new(),
            vote: None,
            conflicts: Vec::new(),
        }
    }
}

/// The range of emotion scores and the words for each level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmotionScale {
    /// The most negative score (e.g. −2, or 1 as in Mermaid).
    pub min: i32,
    /// The most positive score (e.g. +2, or 5 as in Mermaid).
    pub max: i32,
    /// Optional words for levels, e.g. `-2: "Frustré"`; levels without a label show their number.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::labels")]
    pub labels: BTreeMap<i32, String>,
}

impl Default for EmotionScale {
    fn default() -> Self {
        Self { min: -2, max: 2, labels: BTreeMap::new() }
    }
}

impl EmotionScale {
    /// A scale from `min` to `max` with no labels.
    pub fn new(min: i32, max: i32) -> Self {
        Self { min, max, labels: BTreeMap::new() }
    }

    /// True when `score` lies on the scale.
    pub fn contains(&self, score: i32) -> bool {
        (self.min..=self.max).contains(&score)
    }

    /// The neutral level: the middle of the scale (0 on −2…+2, 3 on 1…5), as a real number.
    pub fn neutral(&self) -> f64 {
        f64::midpoint(f64::from(self.min), f64::from(self.max))
    }

    /// Where `score` sits on the scale, from 0.0 (min) to 1.0 (max); 0.5 for a one-level scale.
    pub fn fraction(&self, score: f64) -> f64 {
        let span = f64::from(self.max) - f64::from(self.min);
        if span <= 0.0 { 0.5 } else { ((score - f64::from(self.min)) / span).clamp(0.0, 1.0) }
    }

    /// The label of a level, if it has one.
    pub fn label(&self, score: i32) -> Option<&str> {
        self.labels.get(&score).map(String::as_str)
    }

    /// The score at `fraction` of the scale (0.0 = min, 1.0 = max): the inverse of
    /// [`EmotionScale::fraction`], e.g. for a point dragged up or down the emotion band.
    pub fn score_at(&self, fraction: f64) -> f64 {
        f64::from(self.min) + fraction * (f64::from(self.max) - f64::from(self.min))
    }

    /// The nearest level to a real score (a dragged point, a mean), clamped to the scale; `None`
    /// when the score is not a number or the scale is inverted.
    pub fn snap(&self, score: f64) -> Option<i32> {
        if !score.is_finite() || self.min > self.max {
            return None;
        }
        let clamped = score.round().clamp(f64::from(self.min), f64::from(self.max));
        // In range of i32 by the clamp above.
        #[expect(clippy::cast_possible_truncation, reason = "clamped to the scale's i32 bounds")]
        Some(clamped as i32)
    }

    /// The level a digit key sets: `1` is the lowest level, `2` the next… `None` when the scale
    /// has no such level (or for `0`).
    pub fn level_for_digit(&self, digit: u8) -> Option<i32> {
        let level = self.min.checked_add(i32::from(digit))?.checked_sub(1)?;
        (digit >= 1 && level <= self.max).then_some(level)
    }

    /// Where `score`, a level of this scale, lands on the scale `to`, keeping its relative place
    /// (lowest stays lowest, neutral stays neutral), rounded to a level; unchanged when `to` is
    /// inverted.
    pub fn remap(&self, score: i32, to: &EmotionScale) -> i32 {
        to.snap(to.score_at(self.fraction(f64::from(score)))).unwrap_or(score)
    }
}

/// A column of the map: one step of the journey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stable id, e.g. `s-achat`.
    pub id: Id,
    /// Name shown in the header.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub name: String,
    /// What happens in this stage.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::paragraph")]
    pub description: String,
    /// Colour of the header band; the theme's colour when absent.
    #[serde(default, skip_serializing_if = "is_default")]
    pub colour: Option<Rgb>,
    /// Measured indicators of the stage.
    #[serde(default, skip_serializing_if = "is_default")]
    pub metrics: Metrics,
}

/// Indicators measured at one stage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metrics {
    /// Net Promoter Score, −100…100.
    #[serde(default, skip_serializing_if = "is_default")]
    pub nps: Option<f64>,
    /// Customer Effort Score on the usual 1…7 scale (lower is easier).
    #[serde(default, skip_serializing_if = "is_default")]
    pub ces: Option<f64>,
    /// Customer satisfaction, in percent of satisfied answers (0…100).
    #[serde(default, skip_serializing_if = "is_default")]
    pub csat: Option<f64>,
    /// Share of people who go on to the next stage, in percent (0…100).
    #[serde(default, skip_serializing_if = "is_default")]
    pub conversion: Option<f64>,
    /// Share of people who leave the journey here, in percent (0…100).
    #[serde(default, skip_serializing_if = "is_default")]
    pub drop_off: Option<f64>,
    /// Any other named indicator.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::metrics")]
    pub custom: Vec<CustomMetric>,
}

/// A named indicator with its unit and an optional target.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomMetric {
    /// What is measured, e.g. `Panier moyen`.
    #[serde(deserialize_with = "limits::de::line")]
    pub name: String,
    /// The measured value.
    pub value: f64,
    /// Unit shown after the value, e.g. `€` or `%`.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub unit: String,
    /// The value the team aims for.
    #[serde(default, skip_serializing_if = "is_default")]
    pub target: Option<f64>,
}

/// A person the map follows: identity, situation, habits and motives.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// Stable id, e.g. `p-lea`.
    pub id: Id,
    /// First name or full name.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub name: String,
    /// Age in years.
    #[serde(default, skip_serializing_if = "is_default")]
    pub age: Option<u32>,
    /// Gender, in the persona's own words.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub gender: String,
    /// Family situation, e.g. `En couple, deux enfants`.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub family: String,
    /// Job or occupation.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub occupation: String,
    /// Hobbies and interests.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::lines")]
    pub hobbies: Vec<String>,
    /// How and where they buy.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::lines")]
    pub buying_habits: Vec<String>,
    /// What they want to achieve.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::lines")]
    pub goals: Vec<String>,
    /// Frustrations and fears.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::lines")]
    pub frustrations: Vec<String>,
    /// A sentence they might say.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::paragraph")]
    pub quote: String,
    /// Segment or typology, e.g. `Acheteur impulsif`.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub segment: String,
    /// Colour of the persona's lane and emotion curve.
    #[serde(default, skip_serializing_if = "is_default")]
    pub colour: Option<Rgb>,
    /// Photo, as a path relative to the map file.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::path")]
    pub photo: Option<String>,
}

/// A row of the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    /// Stable id, e.g. `l-lea`.
    pub id: Id,
    /// Title shown at the start of the row; a persona lane shows the persona when empty.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub title: String,
    /// What the row holds.
    pub kind: LaneKind,
    /// Hidden lanes stay in the file but are not drawn.
    #[serde(default, skip_serializing_if = "is_default")]
    pub hidden: bool,
}

/// What a lane holds: one persona's touchpoints and emotion curve, or a shared row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LaneKind {
    /// The touchpoints and emotion curve of the persona with this id.
    Persona(Id),
    /// What the customer does.
    Actions,
    /// What the customer thinks and feels.
    Thoughts,
    /// Channels used at each stage.
    Channels,
    /// Friction and irritants.
    PainPoints,
    /// Ways to improve the experience.
    Opportunities,
    /// Ideas from the workshop.
    Ideas,
    /// Backstage and support processes the customer does not see.
    Backstage,
    /// Indicators and measures.
    Kpis,
    /// Free text.
    Text,
}

impl LaneKind {
    /// Every shared kind, in menu order (persona lanes are made from a persona).
    pub const SHARED: [Self; 9] = [
        Self::Actions,
        Self::Thoughts,
        Self::Channels,
        Self::PainPoints,
        Self::Opportunities,
        Self::Ideas,
        Self::Backstage,
        Self::Kpis,
        Self::Text,
    ];

    /// The persona of a persona lane.
    pub fn persona(&self) -> Option<&Id> {
        match self {
            Self::Persona(id) => Some(id),
            Self::Actions
            | Self::Thoughts
            | Self::Channels
            | Self::PainPoints
            | Self::Opportunities
            | Self::Ideas
            | Self::Backstage
            | Self::Kpis
            | Self::Text => None,
        }
    }

    /// English name of the kind, as written in the file and in CSV.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Persona(_) => "persona",
            Self::Actions => "actions",
            Self::Thoughts => "thoughts",
            Self::Channels => "channels",
            Self::PainPoints => "pain points",
            Self::Opportunities => "opportunities",
            Self::Ideas => "ideas",
            Self::Backstage => "backstage",
            Self::Kpis => "KPIs",
            Self::Text => "text",
        }
    }
}

/// A note in a lane × stage cell: a touchpoint, a pain point, an idea…
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Stable id, e.g. `c-7kq2`.
    pub id: Id,
    /// The lane (row) the card is in.
    pub lane: Id,
    /// The stage (column) the card is in.
    pub stage: Id,
    /// Position in its cell: lower comes first; ties are broken by id.
    #[serde(default, skip_serializing_if = "is_default")]
    pub order: u32,
    /// The text on the card.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub title: String,
    /// Longer text, may span lines.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::paragraph")]
    pub details: String,
    /// What the card is.
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: CardKind,
    /// Where the contact happens.
    #[serde(default, skip_serializing_if = "is_default")]
    pub channel: Option<Channel>,
    /// Online or offline, when it differs from the channel's usual one.
    #[serde(default, skip_serializing_if = "is_default")]
    pub presence: Option<Presence>,
    /// How the persona feels here, on the map's emotion scale.
    #[serde(default, skip_serializing_if = "is_default")]
    pub emotion: Option<i32>,
    /// Free tags for filtering.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::lines")]
    pub tags: Vec<String>,
    /// A link to evidence or a page.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::path")]
    pub link: Option<String>,
    /// Replaces the kind's colour.
    #[serde(default, skip_serializing_if = "is_default")]
    pub colour: Option<Rgb>,
    /// The room note this card was made from, so that the note is never posted again.
    #[serde(default, skip_serializing_if = "is_default")]
    pub from_note: Option<Id>,
    /// Dot votes on the card: how many dots each room participant put on it (by participant id).
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::votes")]
    pub votes: BTreeMap<Id, u32>,
}

impl Card {
    /// A touchpoint card with just a title, in a cell.
    pub fn new(id: Id, lane: Id, stage: Id, title: impl Into<String>) -> Self {
        Self {
            id,
            lane,
            stage,
            order: 0,
            title: title.into(),
            details: String::new(),
            kind: CardKind::Touchpoint,
            channel: None,
            presence: None,
            emotion: None,
            tags: Vec::new(),
            link: None,
            colour: None,
            from_note: None,
            votes: BTreeMap::new(),
        }
    }

    /// The dots on this card, every participant together.
    pub fn vote_count(&self) -> u32 {
        self.votes.values().fold(0, |sum, n| sum.saturating_add(*n))
    }

    /// Online or offline: the explicit `presence`, else the channel's usual one.
    pub fn effective_presence(&self) -> Option<Presence> {
        self.presence.or_else(|| self.channel.map(Channel::presence))
    }
}

/// What a card is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CardKind {
    /// A contact between the persona and the company.
    #[default]
    Touchpoint,
    /// Friction, an irritant.
    PainPoint,
    /// A way to improve the experience.
    Opportunity,
    /// An idea to explore.
    Idea,
    /// A note.
    Note,
    /// Words of a customer, a verbatim.
    Quote,
    /// Data or research backing the map.
    Evidence,
}

impl CardKind {
    /// Every kind, in legend order.
    pub const ALL: [Self; 7] = [
        Self::Touchpoint,
        Self::PainPoint,
        Self::Opportunity,
        Self::Idea,
        Self::Note,
        Self::Quote,
        Self::Evidence,
    ];

    /// English name, as used in CSV and messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Touchpoint => "touchpoint",
            Self::PainPoint => "pain point",
            Self::Opportunity => "opportunity",
            Self::Idea => "idea",
            Self::Note => "note",
            Self::Quote => "quote",
            Self::Evidence => "evidence",
        }
    }
}

/// Where a contact happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// Website, search engine, review site.
    Web,
    /// The company's mobile app.
    MobileApp,
    /// E-mail.
    Email,
    /// A phone call.
    Phone,
    /// A shop, an agency, a counter.
    Store,
    /// Social networks.
    Social,
    /// Live chat or messaging.
    Chat,
    /// Letters, parcels, catalogues.
    Post,
    /// Trade fairs, events, meetings.
    Event,
    /// A reseller, a carrier or another partner.
    Partner,
    /// Anything else.
    Other,
}

impl Channel {
    /// Every channel, in legend order.
    pub const ALL: [Self; 11] = [
        Self::Web,
        Self::MobileApp,
        Self::Email,
        Self::Phone,
        Self::Store,
        Self::Social,
        Self::Chat,
        Self::Post,
        Self::Event,
        Self::Partner,
        Self::Other,
    ];

    /// English name, as used in CSV and messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Web => "web",
            Self::MobileApp => "mobile app",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Store => "store",
            Self::Social => "social",
            Self::Chat => "chat",
            Self::Post => "post",
            Self::Event => "event",
            Self::Partner => "partner",
            Self::Other => "other",
        }
    }

    /// Whether contact on this channel usually happens online (a phone call counts as offline).
    pub fn presence(self) -> Presence {
        match self {
            Self::Web | Self::MobileApp | Self::Email | Self::Social | Self::Chat => Presence::Online,
            Self::Phone | Self::Store | Self::Post | Self::Event | Self::Partner | Self::Other => {
                Presence::Offline
            }
        }
    }
}

/// Online or offline contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Presence {
    /// Through the internet.
    Online,
    /// In person, by phone or by post.
    Offline,
}

/// A note posted from the workshop room (a phone or a laptop browser), waiting in the inbox.
///
/// Its id is made by the participant's page (`n-` and random letters), so a note sent twice
/// (a phone that lost Wi-Fi before the acknowledgement) is recognised and posted once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Stable id, made by the participant's page.
    pub id: Id,
    /// What the participant wrote.
    #[serde(deserialize_with = "limits::de::line")]
    pub text: String,
    /// The stage the note is about, if the participant chose one.
    #[serde(default, skip_serializing_if = "is_default")]
    pub stage: Option<Id>,
    /// What the note is.
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: NoteKind,
    /// How the participant feels about it, on the map's emotion scale.
    #[serde(default, skip_serializing_if = "is_default")]
    pub emotion: Option<i32>,
    /// The name the participant gave; empty when anonymous (the default).
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::line")]
    pub author: String,
    /// The random id of the participant's browser (not a person's identity): lets the
    /// facilitator remove everything one participant sent.
    #[serde(default, skip_serializing_if = "is_default")]
    pub participant: Id,
}

/// What a room note is; it becomes the card's kind when the note is placed on the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum NoteKind {
    /// A remark.
    #[default]
    Note,
    /// A contact between the customer and the company.
    Touchpoint,
    /// Friction, an irritant.
    PainPoint,
    /// A way to improve the experience.
    Opportunity,
    /// An idea to explore.
    Idea,
    /// A question for the group.
    Question,
}

impl NoteKind {
    /// Every kind, in the order the participant's page offers them.
    pub const ALL: [Self; 6] =
        [Self::Note, Self::Touchpoint, Self::PainPoint, Self::Opportunity, Self::Idea, Self::Question];

    /// The kind of the card the note becomes (a question becomes a note card).
    pub fn card_kind(self) -> CardKind {
        match self {
            Self::Note | Self::Question => CardKind::Note,
            Self::Touchpoint => CardKind::Touchpoint,
            Self::PainPoint => CardKind::PainPoint,
            Self::Opportunity => CardKind::Opportunity,
            Self::Idea => CardKind::Idea,
        }
    }

    /// English name, as used in messages and the room's protocol.
    pub fn name(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Touchpoint => "touchpoint",
            Self::PainPoint => "pain point",
            Self::Opportunity => "opportunity",
            Self::Idea => "idea",
            Self::Question => "question",
        }
    }
}

/// A dot vote: which cards can be voted on, and how many dots each participant has.
///
/// No clock time is stored: the length is a number of minutes, counted by the host from the
/// moment it opens the vote (a timer is a property of the live session, not of the document).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// The card kinds that can be voted on; empty for every kind.
    #[serde(default, skip_serializing_if = "is_default", deserialize_with = "limits::de::metrics")]
    pub kinds: Vec<CardKind>,
    /// Dots each participant may place (several may go on one card).
    pub per_participant: u32,
    /// How long the vote lasts once opened, in minutes; `None` until the facilitator stops it.
    #[serde(default, skip_serializing_if = "is_default")]
    pub minutes: Option<u32>,
    /// True while participants can vote; a closed vote keeps its results on the cards.
    #[serde(default, skip_serializing_if = "is_default")]
    pub open: bool,
}

impl Vote {
    /// True when cards of this kind can be voted on.
    pub fn accepts(&self, kind: CardKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }
}

/// A merge conflict left in the file: the same field changed two ways.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The element concerned (stage, persona, lane or card id; empty for the map itself).
    pub element: Id,
    /// The field concerned, e.g. `emotion`; `deleted` when one side deleted the element.
    pub field: String,
    /// Our value, as RON (the one kept in the map).
    pub ours: String,
    /// Their value, as RON.
    pub theirs: String,
}

impl Map {
    /// A new empty map with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Self { title: title.into(), ..Self::default() }
    }

    /// The stage with this id.
    pub fn stage(&self, id: &Id) -> Option<&Stage> {
        self.stages.iter().find(|s| &s.id == id)
    }

    /// The lane with this id.
    pub fn lane(&self, id: &Id) -> Option<&Lane> {
        self.lanes.iter().find(|l| &l.id == id)
    }

    /// The persona with this id.
    pub fn persona(&self, id: &Id) -> Option<&Persona> {
        self.personas.iter().find(|p| &p.id == id)
    }

    /// The card with this id.
    pub fn card(&self, id: &Id) -> Option<&Card> {
        self.cards.iter().find(|c| &c.id == id)
    }

    /// The cards of one cell, in display order (by `order`, then id).
    pub fn cell_cards(&self, lane: &Id, stage: &Id) -> Vec<&Card> {
        let mut cards: Vec<&Card> =
            self.cards.iter().filter(|c| &c.lane == lane && &c.stage == stage).collect();
        cards.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        cards
    }

    /// The note with this id in the inbox.
    pub fn note(&self, id: &Id) -> Option<&Note> {
        self.inbox.iter().find(|n| &n.id == id)
    }

    /// True when a room note with this id was already received: it is in the inbox, was made
    /// into a card, or was dismissed. A note received again is ignored.
    pub fn knows_note(&self, id: &Id) -> bool {
        self.note(id).is_some()
            || self.dismissed.contains(id)
            || self.cards.iter().any(|c| c.from_note.as_ref() == Some(id))
    }

    /// True when the map holds workshop-room data (notes, dismissed notes, a vote, votes on
    /// cards, cards made from notes), which needs format version 2.
    pub fn has_room_data(&self) -> bool {
        !self.inbox.is_empty()
            || !self.dismissed.is_empty()
            || self.vote.is_some()
            || self.cards.iter().any(|c| c.from_note.is_some() || !c.votes.is_empty())
    }

    /// The lowest file format version that holds this map: 1 without room data, else 2.
    pub fn required_version(&self) -> u32 {
        if self.has_room_data() { 2 } else { 1 }
    }

    /// Every id in the map (stages, personas, lanes, cards), in file order.
    pub fn ids(&self) -> impl Iterator<Item = &Id> {
        self.stages
            .iter()
            .map(|s| &s.id)
            .chain(self.personas.iter().map(|p| &p.id))
            .chain(self.lanes.iter().map(|l| &l.id))
            .chain(self.cards.iter().map(|c| &c.id))
    }

    /// The persona lanes' ids, each with its persona's id, in lane order.
    pub fn persona_lanes(&self) -> impl Iterator<Item = (&Lane, &Id)> {
        self.lanes.iter().filter_map(|l| l.kind.persona().map(|p| (l, p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_neutral_and_fraction() {
        let mermaid = EmotionScale::new(1, 5);
        assert!((mermaid.neutral() - 3.0).abs() < f64::EPSILON);
        assert!((mermaid.fraction(5.0) - 1.0).abs() < f64::EPSILON);
        assert!((mermaid.fraction(1.0)).abs() < f64::EPSILON);
        let wide = EmotionScale::new(-5, 5);
        assert!(wide.contains(-5) && wide.contains(5) && !wide.contains(6));
        assert!((EmotionScale::new(3, 3).fraction(3.0) - 0.5).abs() < f64::EPSILON);
    }

    #[test]
    fn scores_snap_to_levels_and_remap_between_scales() {
        let five = EmotionScale::new(1, 5);
        let default = EmotionScale::default();
        assert_eq!(default.snap(0.6), Some(1));
        assert_eq!(default.snap(-7.0), Some(-2));
        assert_eq!(default.snap(f64::NAN), None);
        assert_eq!(EmotionScale::new(2, 1).snap(1.0), None);
        assert!((five.score_at(five.fraction(4.0)) - 4.0).abs() < 1e-12);
        assert_eq!(five.level_for_digit(1), Some(1));
        assert_eq!(five.level_for_digit(5), Some(5));
        assert_eq!(five.level_for_digit(6), None);
        assert_eq!(default.level_for_digit(3), Some(0));
        assert_eq!(default.level_for_digit(0), None);
        // Lowest stays lowest, neutral stays neutral, highest stays highest.
        assert_eq!([-2, 0, 2].map(|s| default.remap(s, &five)), [1, 3, 5]);
        assert_eq!([1, 3, 5].map(|s| five.remap(s, &default)), [-2, 0, 2]);
        assert_eq!(five.remap(3, &EmotionScale::new(2, 1)), 3);
    }

    #[test]
    fn phone_call_is_offline_unless_said_otherwise() {
        let mut card = Card::new(Id::from("c-1"), Id::from("l-1"), Id::from("s-1"), "Appel SAV");
        card.channel = Some(Channel::Phone);
        assert_eq!(card.effective_presence(), Some(Presence::Offline));
        card.presence = Some(Presence::Online);
        assert_eq!(card.effective_presence(), Some(Presence::Online));
    }

    #[test]
    fn cell_cards_sorted_by_order_then_id() {
        let mut map = Map::new("t");
        for (id, order) in [("c-b", 1), ("c-a", 1), ("c-c", 0)] {
            let mut card = Card::new(Id::from(id), Id::from("l"), Id::from("s"), id);
            card.order = order;
            map.cards.push(card);
        }
        let ids: Vec<&str> =
            map.cell_cards(&Id::from("l"), &Id::from("s")).iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c-c", "c-a", "c-b"]);
    }
}
