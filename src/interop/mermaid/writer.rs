//! A map → journey text that mermaid accepts and that reads back to the same stages, tasks and
//! scores.

use super::preprocess::js_space;
use crate::interop::{TextExport, Warning};
use crate::model::{Card, CardKind, EmotionScale, Id, Map};
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

/// Where a name goes in a journey line; each place has its own forbidden characters.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Title,
    Section,
    Task,
    Actor,
    Description,
}

/// Writes text so that mermaid reads it back unchanged: characters that are syntax at this place
/// become entities (`#58;` for `:`), line breaks become spaces.
pub(super) fn escape(text: &str, place: Place) -> String {
    let text = text.trim();
    if text.is_empty() && place != Place::Title && place != Place::Description {
        // A name must not be empty; a space entity reads back as an empty name.
        return "#32;".into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            ':' if matches!(place, Place::Section | Place::Task | Place::Actor) => out.push_str("#58;"),
            ',' if place == Place::Actor => out.push_str("#44;"),
            '}' if place == Place::Description => out.push_str("#125;"),
            '%' if chars.peek() == Some(&'%') => out.push_str("#37;"),
            '\n' if place == Place::Description => out.push('\n'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    if place == Place::Task {
        // A task name that starts like a keyword would be read as that keyword.
        let lower = out.to_ascii_lowercase();
        let keyword_like = lower.starts_with("journey")
            || ["title", "section"]
                .iter()
                .any(|k| lower.strip_prefix(k).and_then(|r| r.chars().next()).is_some_and(js_space))
            || ["acctitle", "accdescr"].iter().any(|k| lower.starts_with(k));
        if keyword_like && let Some(first) = out.chars().next() {
            out = format!("#{};{}", u32::from(first), out.get(first.len_utf8()..).unwrap_or(""));
        }
    }
    out
}

/// A score on the map's scale as mermaid's 1…5, linearly, rounded.
pub(super) fn score(scale: &EmotionScale, emotion: i32) -> i32 {
    scale.remap(emotion, &EmotionScale::new(1, 5))
}

/// Writes a map as a mermaid `journey`: stages become sections, touchpoint cards tasks (cards of
/// one task in several persona lanes — same order, title and emotion — become one task with several
/// actors), emotions scores on 1…5, personas actors. Other cards have no place in a journey and are
/// left out, with a warning.
pub fn write(map: &Map) -> TextExport {
    let mut out = String::new();
    let mut warnings = Vec::new();
    // Writing to a `String` cannot fail.
    write_into(&mut out, &mut warnings, map).ok();
    TextExport { text: out, warnings }
}

pub(super) fn write_into(out: &mut String, warnings: &mut Vec<Warning>, map: &Map) -> fmt::Result {
    out.push_str("journey\n");
    if !map.title.trim().is_empty() {
        writeln!(out, "    title {}", escape(&map.title, Place::Title))?;
    }
    let description = map.description.trim();
    if description.contains('\n') {
        writeln!(out, "    accDescr {{\n{}\n    }}", escape(description, Place::Description))?;
    } else if !description.is_empty() {
        writeln!(out, "    accDescr: {}", escape(description, Place::Description))?;
    }
    let lane_index: BTreeMap<&Id, usize> = map.lanes.iter().enumerate().map(|(i, l)| (&l.id, i)).collect();
    let actor = |lane: &Id| -> Option<String> {
        let lane = map.lane(lane)?;
        let persona = lane.kind.persona()?;
        let name = map.persona(persona).map_or("", |p| p.name.trim());
        Some(if !name.is_empty() {
            name.to_owned()
        } else if !lane.title.trim().is_empty() {
            lane.title.trim().to_owned()
        } else {
            persona.to_string()
        })
    };
    let (mut left_out, mut no_emotion) = (0_usize, Vec::new());
    for stage in &map.stages {
        writeln!(out, "    section {}", escape(&stage.name, Place::Section))?;
        let mut cards: Vec<(usize, &Card)> = map
            .cards
            .iter()
            .filter(|c| c.stage == stage.id)
            .filter_map(|c| lane_index.get(&c.lane).map(|&i| (i, c)))
            .collect();
        left_out += cards.iter().filter(|(_, c)| c.kind != CardKind::Touchpoint).count();
        cards.retain(|(_, c)| c.kind == CardKind::Touchpoint);
        cards.sort_by(|(la, a), (lb, b)| a.order.cmp(&b.order).then(la.cmp(lb)));
        let mut i = 0;
        while let Some(&(_, card)) = cards.get(i) {
            let mut people: Vec<String> = actor(&card.lane).into_iter().collect();
            let mut lanes = vec![&card.lane];
            let mut next = i + 1;
            while let Some(&(_, other)) = cards.get(next) {
                let joins = !people.is_empty()
                    && other.order == card.order
                    && other.title.trim() == card.title.trim()
                    && other.emotion == card.emotion
                    && !lanes.contains(&&other.lane);
                let Some(name) = actor(&other.lane).filter(|_| joins) else { break };
                people.push(name);
                lanes.push(&other.lane);
                next += 1;
            }
            let level = card.emotion.map_or_else(
                || {
                    no_emotion.push(card.id.clone());
                    3
                },
                |emotion| score(&map.emotion_scale, emotion),
            );
            write!(out, "      {}: {level}", escape(&card.title, Place::Task))?;
            if !people.is_empty() {
                let names: Vec<String> = people.iter().map(|p| escape(p, Place::Actor)).collect();
                write!(out, ": {}", names.join(", "))?;
            }
            out.push('\n');
            i = next;
        }
    }
    if let Some(first) = no_emotion.first() {
        warnings.push(Warning::general(format!(
            "{} touchpoint(s) have no emotion (first: `{first}`); written with the neutral score 3",
            no_emotion.len()
        )));
    }
    if left_out > 0 {
        warnings.push(Warning::general(format!(
            "{left_out} card(s) that are not touchpoints (pain points, opportunities, notes…) were left out: \
             a journey diagram holds only tasks"
        )));
    }
    let stray =
        map.cards.iter().filter(|c| map.stage(&c.stage).is_none() || map.lane(&c.lane).is_none()).count();
    if stray > 0 {
        warnings.push(Warning::general(format!(
            "{stray} card(s) in a missing stage or lane were left out (run `parcours check`)"
        )));
    }
    Ok(())
}
