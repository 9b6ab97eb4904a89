//! One editable field of an element, with its new value.
//!
//! Each enum has one variant per field the inspector can change. Applying a field swaps the value
//! in and gives back the old one, so the inverse of "set" is "set the old value".

use crate::model::limits::{self, Limit, Overflow};
use crate::model::{
    Card, CardKind, Channel, Conflict, CustomMetric, EmotionScale, Lane, LaneKind, Map, Persona, Presence,
    Rgb, Stage,
};
use std::mem;

/// Puts `value` into `slot` and gives back what was there.
fn swap<T>(slot: &mut T, value: T) -> T {
    mem::replace(slot, value)
}

/// A field of a [`Stage`] with a value: what the stage editor changes.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum StageField {
    /// The name shown in the header.
    Name(String),
    /// What happens in this stage.
    Description(String),
    /// Colour of the header band.
    Colour(Option<Rgb>),
    /// Net Promoter Score.
    Nps(Option<f64>),
    /// Customer Effort Score.
    Ces(Option<f64>),
    /// Customer satisfaction, percent.
    Csat(Option<f64>),
    /// Conversion rate, percent.
    Conversion(Option<f64>),
    /// Drop-off rate, percent.
    DropOff(Option<f64>),
    /// The custom metrics, as a whole list.
    Custom(Vec<CustomMetric>),
}

impl StageField {
    /// The field's name as written in the file (`metrics.nps` for a metric).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Name(_) => "name",
            Self::Description(_) => "description",
            Self::Colour(_) => "colour",
            Self::Nps(_) => "metrics.nps",
            Self::Ces(_) => "metrics.ces",
            Self::Csat(_) => "metrics.csat",
            Self::Conversion(_) => "metrics.conversion",
            Self::DropOff(_) => "metrics.drop_off",
            Self::Custom(_) => "metrics.custom",
        }
    }

    /// Checks the value against the caps of [`limits`]; `id` names the stage in the message.
    pub(crate) fn check(&self, id: &str) -> Result<(), Overflow> {
        match self {
            Self::Name(v) => limits::text(Limit::Line, v, || format!("the name of stage `{id}`")),
            Self::Description(v) => {
                limits::text(Limit::Paragraph, v, || format!("the description of stage `{id}`"))
            }
            Self::Custom(v) => limits::custom_metrics(v, id),
            Self::Colour(_)
            | Self::Nps(_)
            | Self::Ces(_)
            | Self::Csat(_)
            | Self::Conversion(_)
            | Self::DropOff(_) => Ok(()),
        }
    }

    /// True when the stage already holds this value.
    pub(crate) fn is_in(&self, stage: &Stage) -> bool {
        let m = &stage.metrics;
        match self {
            Self::Name(v) => *v == stage.name,
            Self::Description(v) => *v == stage.description,
            Self::Colour(v) => *v == stage.colour,
            Self::Nps(v) => *v == m.nps,
            Self::Ces(v) => *v == m.ces,
            Self::Csat(v) => *v == m.csat,
            Self::Conversion(v) => *v == m.conversion,
            Self::DropOff(v) => *v == m.drop_off,
            Self::Custom(v) => *v == m.custom,
        }
    }

    /// Writes the value into the stage and returns the field with the old value.
    pub(crate) fn swap_into(self, stage: &mut Stage) -> Self {
        let m = &mut stage.metrics;
        match self {
            Self::Name(v) => Self::Name(swap(&mut stage.name, v)),
            Self::Description(v) => Self::Description(swap(&mut stage.description, v)),
            Self::Colour(v) => Self::Colour(swap(&mut stage.colour, v)),
            Self::Nps(v) => Self::Nps(swap(&mut m.nps, v)),
            Self::Ces(v) => Self::Ces(swap(&mut m.ces, v)),
            Self::Csat(v) => Self::Csat(swap(&mut m.csat, v)),
            Self::Conversion(v) => Self::Conversion(swap(&mut m.conversion, v)),
            Self::DropOff(v) => Self::DropOff(swap(&mut m.drop_off, v)),
            Self::Custom(v) => Self::Custom(swap(&mut m.custom, v)),
        }
    }
}

/// A field of a [`Persona`] with a value: what the persona editor changes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PersonaField {
    /// First name or full name.
    Name(String),
    /// Age in years.
    Age(Option<u32>),
    /// Gender, in the persona's words.
    Gender(String),
    /// Family situation.
    Family(String),
    /// Job or occupation.
    Occupation(String),
    /// Hobbies and interests.
    Hobbies(Vec<String>),
    /// How and where they buy.
    BuyingHabits(Vec<String>),
    /// What they want to achieve.
    Goals(Vec<String>),
    /// Frustrations and fears.
    Frustrations(Vec<String>),
    /// A sentence they might say.
    Quote(String),
    /// Segment or typology.
    Segment(String),
    /// Colour of the lane and the emotion curve.
    Colour(Option<Rgb>),
    /// Photo path, relative to the map file.
    Photo(Option<String>),
}

impl PersonaField {
    /// The field's name as written in the file.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Name(_) => "name",
            Self::Age(_) => "age",
            Self::Gender(_) => "gender",
            Self::Family(_) => "family",
            Self::Occupation(_) => "occupation",
            Self::Hobbies(_) => "hobbies",
            Self::BuyingHabits(_) => "buying_habits",
            Self::Goals(_) => "goals",
            Self::Frustrations(_) => "frustrations",
            Self::Quote(_) => "quote",
            Self::Segment(_) => "segment",
            Self::Colour(_) => "colour",
            Self::Photo(_) => "photo",
        }
    }

    /// Checks the value against the caps of [`limits`]; `id` names the persona in the message.
    pub(crate) fn check(&self, id: &str) -> Result<(), Overflow> {
        let what = || format!("the {} of persona `{id}`", self.name().replace('_', " "));
        match self {
            Self::Name(v) | Self::Gender(v) | Self::Family(v) | Self::Occupation(v) | Self::Segment(v) => {
                limits::text(Limit::Line, v, what)
            }
            Self::Quote(v) => limits::text(Limit::Paragraph, v, what),
            Self::Hobbies(v) | Self::BuyingHabits(v) | Self::Goals(v) | Self::Frustrations(v) => {
                limits::lines(v, what)
            }
            Self::Photo(Some(v)) => limits::text(Limit::Path, v, what),
            Self::Photo(None) | Self::Age(_) | Self::Colour(_) => Ok(()),
        }
    }

    /// True when the persona already holds this value.
    pub(crate) fn is_in(&self, p: &Persona) -> bool {
        match self {
            Self::Name(v) => *v == p.name,
            Self::Age(v) => *v == p.age,
            Self::Gender(v) => *v == p.gender,
            Self::Family(v) => *v == p.family,
            Self::Occupation(v) => *v == p.occupation,
            Self::Hobbies(v) => *v == p.hobbies,
            Self::BuyingHabits(v) => *v == p.buying_habits,
            Self::Goals(v) => *v == p.goals,
            Self::Frustrations(v) => *v == p.frustrations,
            Self::Quote(v) => *v == p.quote,
            Self::Segment(v) => *v == p.segment,
            Self::Colour(v) => *v == p.colour,
            Self::Photo(v) => *v == p.photo,
        }
    }

    /// Writes the value into the persona and returns the field with the old value.
    pub(crate) fn swap_into(self, p: &mut Persona) -> Self {
        match self {
            Self::Name(v) => Self::Name(swap(&mut p.name, v)),
            Self::Age(v) => Self::Age(swap(&mut p.age, v)),
            Self::Gender(v) => Self::Gender(swap(&mut p.gender, v)),
            Self::Family(v) => Self::Family(swap(&mut p.family, v)),
            Self::Occupation(v) => Self::Occupation(swap(&mut p.occupation, v)),
            Self::Hobbies(v) => Self::Hobbies(swap(&mut p.hobbies, v)),
            Self::BuyingHabits(v) => Self::BuyingHabits(swap(&mut p.buying_habits, v)),
            Self::Goals(v) => Self::Goals(swap(&mut p.goals, v)),
            Self::Frustrations(v) => Self::Frustrations(swap(&mut p.frustrations, v)),
            Self::Quote(v) => Self::Quote(swap(&mut p.quote, v)),
            Self::Segment(v) => Self::Segment(swap(&mut p.segment, v)),
            Self::Colour(v) => Self::Colour(swap(&mut p.colour, v)),
            Self::Photo(v) => Self::Photo(swap(&mut p.photo, v)),
        }
    }
}

/// A field of a [`Lane`] with a value.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LaneField {
    /// Title shown at the start of the row.
    Title(String),
    /// What the row holds; a persona kind must name an existing persona.
    Kind(LaneKind),
    /// Hidden lanes stay in the file but are not drawn.
    Hidden(bool),
}

impl LaneField {
    /// The field's name as written in the file.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Kind(_) => "kind",
            Self::Hidden(_) => "hidden",
        }
    }

    /// Checks the value against the caps of [`limits`]; `id` names the lane in the message.
    pub(crate) fn check(&self, id: &str) -> Result<(), Overflow> {
        match self {
            Self::Title(v) => limits::text(Limit::Line, v, || format!("the title of lane `{id}`")),
            Self::Kind(_) | Self::Hidden(_) => Ok(()),
        }
    }

    /// True when the lane already holds this value.
    pub(crate) fn is_in(&self, lane: &Lane) -> bool {
        match self {
            Self::Title(v) => *v == lane.title,
            Self::Kind(v) => *v == lane.kind,
            Self::Hidden(v) => *v == lane.hidden,
        }
    }

    /// Writes the value into the lane and returns the field with the old value.
    pub(crate) fn swap_into(self, lane: &mut Lane) -> Self {
        match self {
            Self::Title(v) => Self::Title(swap(&mut lane.title, v)),
            Self::Kind(v) => Self::Kind(swap(&mut lane.kind, v)),
            Self::Hidden(v) => Self::Hidden(swap(&mut lane.hidden, v)),
        }
    }
}

/// A field of a [`Card`] with a value: what in-place editing and the inspector change.
///
/// A card's place (lane, stage, order) is not a field: it changes with [`super::Command::MoveCards`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CardField {
    /// The text on the card.
    Title(String),
    /// Longer text, may span lines.
    Details(String),
    /// What the card is.
    Kind(CardKind),
    /// Where the contact happens.
    Channel(Option<Channel>),
    /// Online or offline, when it differs from the channel's usual one.
    Presence(Option<Presence>),
    /// Emotion score (not checked against the scale here: [`super::Editor::set_emotion`] snaps).
    Emotion(Option<i32>),
    /// Free tags.
    Tags(Vec<String>),
    /// A link to evidence or a page.
    Link(Option<String>),
    /// Replaces the kind's colour.
    Colour(Option<Rgb>),
}

impl CardField {
    /// The field's name as written in the file.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Details(_) => "details",
            Self::Kind(_) => "kind",
            Self::Channel(_) => "channel",
            Self::Presence(_) => "presence",
            Self::Emotion(_) => "emotion",
            Self::Tags(_) => "tags",
            Self::Link(_) => "link",
            Self::Colour(_) => "colour",
        }
    }

    /// Checks the value against the caps of [`limits`]; `id` names the card in the message.
    pub(crate) fn check(&self, id: &str) -> Result<(), Overflow> {
        let what = || format!("the {} of card `{id}`", self.name());
        match self {
            Self::Title(v) => limits::text(Limit::Line, v, what),
            Self::Details(v) => limits::text(Limit::Paragraph, v, what),
            Self::Tags(v) => limits::lines(v, what),
            Self::Link(Some(v)) => limits::text(Limit::Path, v, what),
            Self::Link(None)
            | Self::Kind(_)
            | Self::Channel(_)
            | Self::Presence(_)
            | Self::Emotion(_)
            | Self::Colour(_) => Ok(()),
        }
    }

    /// True when the card already holds this value.
    pub(crate) fn is_in(&self, card: &Card) -> bool {
        match self {
            Self::Title(v) => *v == card.title,
            Self::Details(v) => *v == card.details,
            Self::Kind(v) => *v == card.kind,
            Self::Channel(v) => *v == card.channel,
            Self::Presence(v) => *v == card.presence,
            Self::Emotion(v) => *v == card.emotion,
            Self::Tags(v) => *v == card.tags,
            Self::Link(v) => *v == card.link,
            Self::Colour(v) => *v == card.colour,
        }
    }

    /// Writes the value into the card and returns the field with the old value.
    pub(crate) fn swap_into(self, card: &mut Card) -> Self {
        match self {
            Self::Title(v) => Self::Title(swap(&mut card.title, v)),
            Self::Details(v) => Self::Details(swap(&mut card.details, v)),
            Self::Kind(v) => Self::Kind(swap(&mut card.kind, v)),
            Self::Channel(v) => Self::Channel(swap(&mut card.channel, v)),
            Self::Presence(v) => Self::Presence(swap(&mut card.presence, v)),
            Self::Emotion(v) => Self::Emotion(swap(&mut card.emotion, v)),
            Self::Tags(v) => Self::Tags(swap(&mut card.tags, v)),
            Self::Link(v) => Self::Link(swap(&mut card.link, v)),
            Self::Colour(v) => Self::Colour(swap(&mut card.colour, v)),
        }
    }
}

/// A map-level setting with a value: what the map settings dialog changes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MapField {
    /// Title of the map.
    Title(String),
    /// What the map is about.
    Description(String),
    /// BCP 47 language tag.
    Language(String),
    /// Who made the map.
    Author(String),
    /// Free revision line.
    Revision(String),
    /// Logo path, relative to the map file.
    Logo(Option<String>),
    /// The emotion scale with its labels. Not checked here and cards keep their scores: use
    /// [`super::Editor::set_emotion_scale`], which refuses `min >= max` and moves scores onto the
    /// new scale in the same step.
    EmotionScale(EmotionScale),
    /// The unresolved merge conflicts (resolving one removes it from this list).
    Conflicts(Vec<Conflict>),
}

impl MapField {
    /// The field's name as written in the file.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Description(_) => "description",
            Self::Language(_) => "language",
            Self::Author(_) => "author",
            Self::Revision(_) => "revision",
            Self::Logo(_) => "logo",
            Self::EmotionScale(_) => "emotion_scale",
            Self::Conflicts(_) => "conflicts",
        }
    }

    /// Checks the value against the caps of [`limits`] (conflicts are not capped).
    pub(crate) fn check(&self) -> Result<(), Overflow> {
        let what = || format!("the map's {}", self.name());
        match self {
            Self::Title(v) | Self::Language(v) | Self::Author(v) | Self::Revision(v) => {
                limits::text(Limit::Line, v, what)
            }
            Self::Description(v) => limits::text(Limit::Paragraph, v, what),
            Self::Logo(Some(v)) => limits::text(Limit::Path, v, what),
            Self::EmotionScale(scale) => limits::emotion_scale(scale),
            Self::Logo(None) | Self::Conflicts(_) => Ok(()),
        }
    }

    /// True when the map already holds this value.
    pub(crate) fn is_in(&self, map: &Map) -> bool {
        match self {
            Self::Title(v) => *v == map.title,
            Self::Description(v) => *v == map.description,
            Self::Language(v) => *v == map.language,
            Self::Author(v) => *v == map.author,
            Self::Revision(v) => *v == map.revision,
            Self::Logo(v) => *v == map.logo,
            Self::EmotionScale(v) => *v == map.emotion_scale,
            Self::Conflicts(v) => *v == map.conflicts,
        }
    }

    /// Writes the value into the map and returns the field with the old value.
    pub(crate) fn swap_into(self, map: &mut Map) -> Self {
        match self {
            Self::Title(v) => Self::Title(swap(&mut map.title, v)),
            Self::Description(v) => Self::Description(swap(&mut map.description, v)),
            Self::Language(v) => Self::Language(swap(&mut map.language, v)),
            Self::Author(v) => Self::Author(swap(&mut map.author, v)),
            Self::Revision(v) => Self::Revision(swap(&mut map.revision, v)),
            Self::Logo(v) => Self::Logo(swap(&mut map.logo, v)),
            Self::EmotionScale(v) => Self::EmotionScale(swap(&mut map.emotion_scale, v)),
            Self::Conflicts(v) => Self::Conflicts(swap(&mut map.conflicts, v)),
        }
    }
}
