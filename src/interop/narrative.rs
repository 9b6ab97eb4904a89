//! The journey told as text (Markdown): for screen-reader users and for pasting into reports.
//!
//! Persona by persona (with who they are), stage by stage: their touchpoints with channel and
//! emotion in words, then their lowest and highest moments; then, stage by stage, the pain points,
//! opportunities and other notes of every lane. In French when the map's language is `fr`
//! (`fr-FR`, `fr-CA`…), in English otherwise.

use std::fmt::{self, Write as _};

use crate::model::{Card, CardKind, Channel, EmotionScale, Lane, LaneKind, Map, Persona, Stage};

/// The words of one language.
struct Words {
    french: bool,
    personas: &'static str,
    stages: &'static str,
    by_stage: &'static str,
    nothing: &'static str,
    lowest: &'static str,
    highest: &'static str,
    pain_points: &'static str,
    opportunities: &'static str,
    other: &'static str,
    goals: &'static str,
    frustrations: &'static str,
    emotion: &'static str,
    years: &'static str,
    levels: [&'static str; 5],
    colon: &'static str,
}

const ENGLISH: Words = Words {
    french: false,
    personas: "persona(s)",
    stages: "stage(s)",
    by_stage: "Stage by stage: pain points and opportunities",
    nothing: "Nothing noted at this stage.",
    lowest: "Lowest moment",
    highest: "Highest moment",
    pain_points: "Pain points",
    opportunities: "Opportunities",
    other: "Also noted",
    goals: "Goals",
    frustrations: "Frustrations",
    emotion: "emotion",
    years: "years old",
    levels: ["very negative", "negative", "neutral", "positive", "very positive"],
    colon: ":",
};

const FRENCH: Words = Words {
    french: true,
    personas: "persona(s)",
    stages: "étape(s)",
    by_stage: "Étape par étape : points de douleur et opportunités",
    nothing: "Rien de noté à cette étape.",
    lowest: "Moment le plus bas",
    highest: "Moment le plus haut",
    pain_points: "Points de douleur",
    opportunities: "Opportunités",
    other: "Autres notes",
    goals: "Objectifs",
    frustrations: "Frustrations",
    emotion: "émotion",
    years: "ans",
    levels: ["très négative", "négative", "neutre", "positive", "très positive"],
    colon: "\u{a0}:",
};

impl Words {
    fn for_map(map: &Map) -> &'static Self {
        let language = map.language.to_ascii_lowercase();
        if language == "fr" || language.starts_with("fr-") { &FRENCH } else { &ENGLISH }
    }

    fn channel(&self, channel: Channel) -> &'static str {
        if !self.french {
            return channel.name();
        }
        match channel {
            Channel::Web => "web",
            Channel::MobileApp => "application mobile",
            Channel::Email => "e-mail",
            Channel::Phone => "téléphone",
            Channel::Store => "magasin",
            Channel::Social => "réseaux sociaux",
            Channel::Chat => "messagerie instantanée",
            Channel::Post => "courrier",
            Channel::Event => "événement",
            Channel::Partner => "partenaire",
            Channel::Other => "autre canal",
        }
    }

    fn kind(&self, kind: CardKind) -> &'static str {
        if !self.french {
            return kind.name();
        }
        match kind {
            CardKind::Touchpoint => "point de contact",
            CardKind::PainPoint => "point de douleur",
            CardKind::Opportunity => "opportunité",
            CardKind::Idea => "idée",
            CardKind::Note => "note",
            CardKind::Quote => "verbatim",
            CardKind::Evidence => "preuve",
        }
    }

    fn lane_kind(&self, kind: &LaneKind) -> &'static str {
        if !self.french {
            return kind.name();
        }
        match kind {
            LaneKind::Persona(_) => "persona",
            LaneKind::Actions => "actions",
            LaneKind::Thoughts => "pensées",
            LaneKind::Channels => "canaux",
            LaneKind::PainPoints => "points de douleur",
            LaneKind::Opportunities => "opportunités",
            LaneKind::Ideas => "idées",
            LaneKind::Backstage => "coulisses",
            LaneKind::Kpis => "indicateurs",
            LaneKind::Text => "texte",
        }
    }

    /// An emotion in words: the scale's label, else a word for where it sits on the scale.
    fn emotion(&self, scale: &EmotionScale, score: i32) -> String {
        let word = scale.label(score).map_or_else(
            || {
                let fraction = scale.fraction(f64::from(score));
                let index = if fraction < 0.2 {
                    0
                } else if fraction < 0.45 {
                    1
                } else if fraction <= 0.55 {
                    2
                } else if fraction <= 0.8 {
                    3
                } else {
                    4
                };
                self.levels.get(index).copied().unwrap_or("").to_owned()
            },
            str::to_owned,
        );
        let on = if self.french { "sur" } else { "on" };
        format!("{}{} {word} ({score} {on} {}…{})", self.emotion, self.colon, scale.min, scale.max)
    }
}

/// Writes the narrative of a map as Markdown.
pub fn write(map: &Map) -> String {
    let mut out = String::new();
    // Writing to a `String` cannot fail.
    write_into(&mut out, map).ok();
    out
}

fn write_into(out: &mut String, map: &Map) -> fmt::Result {
    let words = Words::for_map(map);
    let title = if map.title.trim().is_empty() { "Journey" } else { map.title.trim() };
    write!(out, "# {}\n\n", inline(title))?;
    if !map.description.trim().is_empty() {
        write!(out, "{}\n\n", map.description.trim())?;
    }
    let path: Vec<String> = map.stages.iter().map(|s| inline(&s.name)).collect();
    write!(
        out,
        "{} {}, {} {}{} {}\n\n",
        map.personas.len(),
        words.personas,
        map.stages.len(),
        words.stages,
        words.colon,
        path.join(" → ")
    )?;
    for persona in &map.personas {
        persona_section(out, map, persona, words)?;
    }
    write!(out, "## {}\n\n", words.by_stage)?;
    for (index, stage) in map.stages.iter().enumerate() {
        stage_section(out, map, index, stage, words)?;
    }
    Ok(())
}

/// One line of Markdown text: line breaks become spaces.
fn inline(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn identity(persona: &Persona, words: &Words) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(age) = persona.age {
        parts.push(format!("{age} {}", words.years));
    }
    for text in [&persona.gender, &persona.occupation, &persona.family, &persona.segment] {
        if !text.trim().is_empty() {
            parts.push(inline(text));
        }
    }
    parts.join(" · ")
}

fn card_line(map: &Map, card: &Card, words: &Words, with_kind: bool) -> String {
    let mut line = String::from("- ");
    if with_kind && card.kind != CardKind::Touchpoint {
        line.push_str(&capitalised(words.kind(card.kind)));
        line.push_str(words.colon);
        line.push(' ');
    }
    line.push_str("**");
    line.push_str(&inline(&card.title));
    line.push_str("**");
    let mut facts: Vec<String> = Vec::new();
    if let Some(channel) = card.channel {
        facts.push(words.channel(channel).to_owned());
    }
    if let Some(score) = card.emotion {
        facts.push(words.emotion(&map.emotion_scale, score));
    }
    if !facts.is_empty() {
        line.push_str(" — ");
        line.push_str(&facts.join(", "));
    }
    if !card.details.trim().is_empty() {
        line.push_str(". ");
        line.push_str(&inline(&card.details));
    }
    line.push('\n');
    line
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn persona_section(out: &mut String, map: &Map, persona: &Persona, words: &Words) -> fmt::Result {
    let name = if persona.name.trim().is_empty() { persona.id.as_str() } else { persona.name.trim() };
    write!(out, "## {}\n\n", inline(name))?;
    let who = identity(persona, words);
    if !who.is_empty() {
        write!(out, "*{who}*\n\n")?;
    }
    if !persona.quote.trim().is_empty() {
        write!(out, "> {}\n\n", inline(&persona.quote))?;
    }
    for (label, items) in [(words.goals, &persona.goals), (words.frustrations, &persona.frustrations)] {
        if !items.is_empty() {
            let items: Vec<String> = items.iter().map(|i| inline(i)).collect();
            write!(out, "{label}{} {}.\n\n", words.colon, items.join(" ; "))?;
        }
    }
    let lanes: Vec<&Lane> = map.persona_lanes().filter(|(_, p)| **p == persona.id).map(|(l, _)| l).collect();
    let mut lowest: Option<(&Card, &Stage)> = None;
    let mut highest: Option<(&Card, &Stage)> = None;
    for (index, stage) in map.stages.iter().enumerate() {
        let cards: Vec<&Card> = lanes.iter().flat_map(|lane| map.cell_cards(&lane.id, &stage.id)).collect();
        if cards.is_empty() {
            continue;
        }
        write!(out, "### {}. {}\n\n", index + 1, inline(&stage.name))?;
        for card in &cards {
            out.push_str(&card_line(map, card, words, true));
            if let Some(score) = card.emotion {
                if lowest.is_none_or(|(c, _)| c.emotion.is_some_and(|low| score < low)) {
                    lowest = Some((card, stage));
                }
                if highest.is_none_or(|(c, _)| c.emotion.is_some_and(|high| score > high)) {
                    highest = Some((card, stage));
                }
            }
        }
        out.push('\n');
    }
    for (label, moment) in [(words.lowest, lowest), (words.highest, highest)] {
        if let Some((card, stage)) = moment {
            let score = card.emotion.unwrap_or_default();
            write!(
                out,
                "**{label}**{} {} ({}), {}.\n\n",
                words.colon,
                inline(&card.title),
                inline(&stage.name),
                words.emotion(&map.emotion_scale, score)
            )?;
        }
    }
    Ok(())
}

fn stage_section(out: &mut String, map: &Map, index: usize, stage: &Stage, words: &Words) -> fmt::Result {
    write!(out, "### {}. {}\n\n", index + 1, inline(&stage.name))?;
    if !stage.description.trim().is_empty() {
        write!(out, "{}\n\n", inline(&stage.description))?;
    }
    let mut cards: Vec<(&Lane, &Card)> = Vec::new();
    for lane in &map.lanes {
        for card in map.cell_cards(&lane.id, &stage.id) {
            cards.push((lane, card));
        }
    }
    let mut any = false;
    for (label, kind) in
        [(words.pain_points, CardKind::PainPoint), (words.opportunities, CardKind::Opportunity)]
    {
        let of_kind: Vec<&(&Lane, &Card)> = cards.iter().filter(|(_, c)| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        any = true;
        write!(out, "**{label}**\n\n")?;
        for (_, card) in of_kind {
            out.push_str(&card_line(map, card, words, false));
        }
        out.push('\n');
    }
    let others: Vec<&(&Lane, &Card)> = cards
        .iter()
        .filter(|(lane, c)| {
            lane.kind.persona().is_none() && !matches!(c.kind, CardKind::PainPoint | CardKind::Opportunity)
        })
        .collect();
    if !others.is_empty() {
        any = true;
        write!(out, "**{}**\n\n", words.other)?;
        for (lane, card) in others {
            let lane_name =
                if lane.title.trim().is_empty() { words.lane_kind(&lane.kind) } else { lane.title.trim() };
            let line = card_line(map, card, words, true);
            write!(out, "- {}{} {}", inline(lane_name), words.colon, line.trim_start_matches("- "))?;
        }
        out.push('\n');
    }
    if !any {
        write!(out, "{}\n\n", words.nothing)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, generate::large_map};

    #[test]
    fn names_every_persona_stage_pain_point_and_opportunity() {
        let map = large_map(5, 6, 200, 3);
        let text = write(&map);
        for persona in &map.personas {
            assert!(text.contains(&format!("## {}", persona.name)), "{}", persona.name);
        }
        for stage in &map.stages {
            assert!(text.contains(&inline(&stage.name)), "{}", stage.name);
        }
        for card in map.cards.iter().filter(|c| matches!(c.kind, CardKind::PainPoint | CardKind::Opportunity))
        {
            assert!(text.contains(&inline(&card.title)), "{}", card.title);
        }
        assert!(text.contains("Moment le plus bas") && text.contains("Points de douleur"), "French map");
    }

    #[test]
    fn english_words_and_scale_labels() {
        let mut map = Map::new("Shop");
        map.emotion_scale.labels.insert(-2, "Furious".into());
        map.stages.push(Stage {
            id: Id::from("s-1"),
            name: "Buy".into(),
            description: String::new(),
            colour: None,
            metrics: crate::model::Metrics::default(),
        });
        map.personas.push(Persona {
            id: Id::from("p-1"),
            name: "Ann".into(),
            age: Some(40),
            ..Persona::default()
        });
        map.lanes.push(Lane {
            id: Id::from("l-1"),
            title: String::new(),
            kind: LaneKind::Persona(Id::from("p-1")),
            hidden: false,
        });
        let mut card = Card::new(Id::from("c-1"), Id::from("l-1"), Id::from("s-1"), "Pay");
        card.emotion = Some(-2);
        card.channel = Some(Channel::Web);
        map.cards.push(card);
        let text = write(&map);
        assert!(text.contains("*40 years old*"), "{text}");
        assert!(text.contains("- **Pay** — web, emotion: Furious (-2 on -2…2)"), "{text}");
        assert!(text.contains("**Lowest moment**: Pay (Buy)"), "{text}");
        assert!(text.contains("Nothing noted at this stage."), "{text}");
    }
}
