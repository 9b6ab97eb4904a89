//! A journey → a map: sections become stages, actors personas, tasks touchpoint cards.

use super::{Journey, Task};
use crate::interop::Warning;
use crate::model::{Card, EmotionScale, Id, IdGen, IdKind, Lane, LaneKind, Map, Metrics, Persona, Stage};
use std::collections::BTreeMap;

/// The emotion scale of imported maps: mermaid's 1…5, with words.
pub fn scale() -> EmotionScale {
    let mut scale = EmotionScale::new(1, 5);
    for (level, word) in [(1, "Frustrated"), (2, "Unhappy"), (3, "Neutral"), (4, "Happy"), (5, "Delighted")] {
        scale.labels.insert(level, word.to_owned());
    }
    scale
}

/// The emotion for a mermaid score, with a warning when the score is odd.
pub(super) fn emotion(task: &Task) -> (Option<i32>, Option<Warning>) {
    let score = task.score;
    let name = task.name.trim();
    let raw = &task.score_text;
    if score.is_nan() {
        let hint = if name.eq_ignore_ascii_case("title") {
            " (to set the title, write `title My title`, without a colon)"
        } else {
            ""
        };
        let message = format!(
            "task `{name}` has the score `{raw}`, which is not a number; imported without an emotion{hint}"
        );
        return (None, Some(Warning::at(task.line, message)));
    }
    if raw.is_empty() {
        let message = format!("task `{name}` has no score (mermaid reads 0); imported without an emotion");
        return (None, Some(Warning::at(task.line, message)));
    }
    let rounded = score.round().clamp(1.0, 5.0);
    // Clamped to 1…5 just above, so the conversion is exact.
    #[expect(clippy::cast_possible_truncation, reason = "a whole number in 1…5")]
    let level = rounded as i32;
    let warning = if score.fract().abs() > 0.0 && score.is_finite() && (1.0..=5.0).contains(&score) {
        Some(format!("task `{name}` has the score {raw}, which is not a whole number; rounded to {level}"))
    } else if !(1.0..=5.0).contains(&score) {
        Some(format!("task `{name}` has the score {raw}, outside mermaid's 1…5; imported as {level}"))
    } else {
        None
    };
    (Some(level), warning.map(|m| Warning::at(task.line, m)))
}

/// Makes a map of a parsed journey; `seed` seeds the ids (use a hash of the text for stable ids).
pub fn to_map(journey: &Journey, seed: u64) -> (Map, Vec<Warning>) {
    let mut ids = IdGen::with_seed(seed);
    let mut warnings = Vec::new();
    let title = journey.title.trim();
    let mut map = Map::new(if title.is_empty() { journey.acc_title.trim() } else { title });
    map.description.clone_from(&journey.acc_descr);
    map.emotion_scale = scale();
    // Stages: one per section, plus one in front for tasks written before the first section.
    let loose = journey.tasks.iter().find(|t| t.section_index.is_none());
    let loose_stage = loose.map(|task| {
        warnings.push(Warning::at(
            task.line,
            "tasks before the first `section` were put in a first stage with no name",
        ));
        let id = ids.fresh(IdKind::Stage);
        map.stages.push(stage(id.clone(), ""));
        id
    });
    let mut stage_ids = Vec::with_capacity(journey.sections.len());
    for name in &journey.sections {
        let id = ids.fresh(IdKind::Stage);
        map.stages.push(stage(id.clone(), name.trim()));
        stage_ids.push(id);
    }

    // Personas, in order of first appearance, each with a lane.
    let mut lane_of: BTreeMap<&str, Id> = BTreeMap::new();
    for task in &journey.tasks {
        for person in &task.people {
            let name = person.as_str();
            if name.is_empty() || lane_of.contains_key(name) {
                continue;
            }
            let persona = ids.fresh(IdKind::Persona);
            let lane = ids.fresh(IdKind::Lane);
            map.personas.push(Persona { id: persona.clone(), name: name.to_owned(), ..Persona::default() });
            map.lanes.push(Lane {
                id: lane.clone(),
                title: String::new(),
                kind: LaneKind::Persona(persona),
                hidden: false,
            });
            lane_of.insert(name, lane);
        }
    }
    let shared = journey.tasks.iter().any(|t| t.people.iter().all(String::is_empty)).then(|| {
        let id = ids.fresh(IdKind::Lane);
        map.lanes.push(Lane {
            id: id.clone(),
            title: "Tasks".into(),
            kind: LaneKind::Actions,
            hidden: false,
        });
        id
    });

    // Cards: one per task and actor, ordered in their cell as the tasks are in their section.
    let mut order_in_section: BTreeMap<Option<usize>, u32> = BTreeMap::new();
    for task in &journey.tasks {
        let stage_id = match task.section_index {
            Some(i) => stage_ids.get(i).cloned(),
            None => loose_stage.clone(),
        };
        let Some(stage_id) = stage_id else { continue };
        let order = order_in_section.entry(task.section_index).or_insert(0);
        let (level, warning) = emotion(task);
        warnings.extend(warning);
        let mut lanes: Vec<&Id> = Vec::new();
        let mut empty_actor = false;
        for person in &task.people {
            match lane_of.get(person.as_str()) {
                Some(lane) if !lanes.contains(&lane) => lanes.push(lane),
                Some(_) => warnings.push(Warning::at(
                    task.line,
                    format!("task `{}` lists `{person}` twice; one card was made", task.name.trim()),
                )),
                None => empty_actor = true,
            }
        }
        if empty_actor {
            warnings.push(Warning::at(
                task.line,
                format!(
                    "task `{}` has an empty actor name (a stray `,` or `:`); it was left out",
                    task.name.trim()
                ),
            ));
        }
        let lanes: Vec<Id> = if lanes.is_empty() {
            shared.iter().cloned().collect()
        } else {
            lanes.into_iter().cloned().collect()
        };
        for lane in lanes {
            let mut card = Card::new(ids.fresh(IdKind::Card), lane, stage_id.clone(), task.name.trim());
            card.order = *order;
            card.emotion = level;
            map.cards.push(card);
        }
        *order += 1;
    }
    (map, warnings)
}

pub(super) fn stage(id: Id, name: &str) -> Stage {
    Stage { id, name: name.to_owned(), description: String::new(), colour: None, metrics: Metrics::default() }
}
