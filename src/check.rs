//! Validation: what is wrong or doubtful in a map, element by element.

use crate::images::ImageError;
use crate::model::{Id, Map};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The map is inconsistent: something will not show or will show wrongly.
    Error,
    /// Doubtful but usable.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
        })
    }
}

/// One finding of [`check`], about one element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// The element concerned (empty for the map itself).
    pub element: Id,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity, self.message)
    }
}

/// Checks a map on its own. `folder` is where the map file lives, to find photos and the logo;
/// without it, image files are not looked at (their paths still are: one that leads out of the
/// map's folder is a warning).
pub fn check(map: &Map, folder: Option<&Path>) -> Vec<Diagnostic> {
    let mut out = Checker { map, found: Vec::new() };
    out.ids();
    out.references();
    out.names();
    out.emotions();
    out.metrics();
    out.room();
    out.images(folder);
    for conflict in &map.conflicts {
        out.push(
            Severity::Error,
            &conflict.element,
            format!(
                "unresolved merge conflict on `{}` of {}: ours {}, theirs {}",
                conflict.field,
                describe_id(&conflict.element),
                conflict.ours,
                conflict.theirs
            ),
        );
    }
    out.found
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

fn describe_id(id: &Id) -> String {
    if id.as_str().is_empty() { "the map".into() } else { format!("`{id}`") }
}

struct Checker<'a> {
    map: &'a Map,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, element: &Id, message: String) {
        self.found.push(Diagnostic { severity, element: element.clone(), message });
    }

    fn ids(&mut self) {
        let mut seen: BTreeMap<&Id, usize> = BTreeMap::new();
        for id in self.map.ids() {
            *seen.entry(id).or_default() += 1;
            if !id.is_well_formed() {
                let message = if id.as_str().is_empty() {
                    "an element has an empty id".to_owned()
                } else {
                    format!("id {:?} is not usable: use letters, digits and `-` only", id.as_str())
                };
                self.push(Severity::Error, id, message);
            }
        }
        let dups: Vec<(Id, usize)> = seen
            .into_iter()
            .filter(|(id, n)| *n > 1 && !id.as_str().is_empty())
            .map(|(id, n)| (id.clone(), n))
            .collect();
        for (id, n) in dups {
            self.push(Severity::Error, &id, format!("id `{id}` is used by {n} elements; ids must be unique"));
        }
    }

    fn references(&mut self) {
        let map = self.map;
        for card in &map.cards {
            if map.lane(&card.lane).is_none() {
                self.push(
                    Severity::Error,
                    &card.id,
                    format!("card `{}` is in lane `{}`, which does not exist", card.id, card.lane),
                );
            }
            if map.stage(&card.stage).is_none() {
                self.push(
                    Severity::Error,
                    &card.id,
                    format!("card `{}` is in stage `{}`, which does not exist", card.id, card.stage),
                );
            }
        }
        for (lane, persona) in map.persona_lanes() {
            if map.persona(persona).is_none() {
                self.push(
                    Severity::Error,
                    &lane.id,
                    format!("lane `{}` follows persona `{persona}`, which does not exist", lane.id),
                );
            }
        }
    }

    fn names(&mut self) {
        let map = self.map;
        if map.title.trim().is_empty() {
            self.push(Severity::Warning, &Id::default(), "the map has no title".into());
        }
        for stage in &map.stages {
            if stage.name.trim().is_empty() {
                self.push(Severity::Warning, &stage.id, format!("stage `{}` has no name", stage.id));
            }
        }
        for persona in &map.personas {
            if persona.name.trim().is_empty() {
                self.push(Severity::Warning, &persona.id, format!("persona `{}` has no name", persona.id));
            }
        }
        for lane in &map.lanes {
            if lane.title.trim().is_empty() && lane.kind.persona().is_none() {
                self.push(Severity::Warning, &lane.id, format!("lane `{}` has no title", lane.id));
            }
        }
        for card in &map.cards {
            if card.title.trim().is_empty() {
                self.push(Severity::Warning, &card.id, format!("card `{}` has no title", card.id));
            }
        }
    }

    fn emotions(&mut self) {
        let scale = &self.map.emotion_scale;
        if scale.min >= scale.max {
            self.push(
                Severity::Error,
                &Id::default(),
                format!(
                    "the emotion scale runs from {} to {}; its minimum must be below its maximum",
                    scale.min, scale.max
                ),
            );
            return;
        }
        let outside: Vec<i32> = scale.labels.keys().copied().filter(|k| !scale.contains(*k)).collect();
        for level in outside {
            self.push(
                Severity::Warning,
                &Id::default(),
                format!("emotion label for level {level} is outside the scale {}…{}", scale.min, scale.max),
            );
        }
        for card in &self.map.cards {
            if let Some(score) = card.emotion
                && !scale.contains(score)
            {
                self.push(
                    Severity::Error,
                    &card.id,
                    format!(
                        "card `{}` has emotion {score}, outside the map's scale {}…{}",
                        card.id, scale.min, scale.max
                    ),
                );
            }
        }
    }

    fn metrics(&mut self) {
        for stage in &self.map.stages {
            let m = &stage.metrics;
            let ranges = [
                ("NPS", m.nps, -100.0, 100.0),
                ("CES", m.ces, 1.0, 7.0),
                ("CSAT", m.csat, 0.0, 100.0),
                ("conversion rate", m.conversion, 0.0, 100.0),
                ("drop-off", m.drop_off, 0.0, 100.0),
            ];
            for (name, value, low, high) in ranges {
                if let Some(value) = value
                    && !(low..=high).contains(&value)
                {
                    self.push(
                        Severity::Error,
                        &stage.id,
                        format!("stage `{}`: {name} {value} is outside {low}…{high}", stage.id),
                    );
                }
            }
            for custom in &m.custom {
                if !custom.value.is_finite() || custom.target.is_some_and(|t| !t.is_finite()) {
                    self.push(
                        Severity::Error,
                        &stage.id,
                        format!("stage `{}`: metric {:?} is not a finite number", stage.id, custom.name),
                    );
                }
                if custom.name.trim().is_empty() {
                    self.push(
                        Severity::Warning,
                        &stage.id,
                        format!("stage `{}`: a custom metric has no name", stage.id),
                    );
                }
            }
        }
    }

    /// The workshop room's data: notes, dismissed notes, the vote and the votes on cards.
    fn room(&mut self) {
        let map = self.map;
        let elements: std::collections::BTreeSet<&Id> = map.ids().collect();
        let mut notes: BTreeMap<&Id, usize> = BTreeMap::new();
        for note in &map.inbox {
            *notes.entry(&note.id).or_default() += 1;
            let id = &note.id;
            if !id.is_well_formed() {
                self.push(Severity::Error, id, format!("note id {:?} is not usable", id.as_str()));
            }
            if elements.contains(id) {
                self.push(Severity::Error, id, format!("note `{id}` has the id of another element"));
            }
            if map.dismissed.contains(id) || map.cards.iter().any(|c| c.from_note.as_ref() == Some(id)) {
                self.push(
                    Severity::Warning,
                    id,
                    format!("note `{id}` is in the inbox but was already dismissed or made into a card"),
                );
            }
            let chars = note.text.chars().count();
            if note.text.trim().is_empty() {
                self.push(Severity::Warning, id, format!("note `{id}` has no text"));
            } else if chars > crate::model::limits::MAX_NOTE_CHARS {
                self.push(
                    Severity::Warning,
                    id,
                    format!(
                        "note `{id}` has {chars} characters, more than the room accepts ({})",
                        crate::model::limits::MAX_NOTE_CHARS
                    ),
                );
            }
            if let Some(stage) = &note.stage
                && map.stage(stage).is_none()
            {
                self.push(
                    Severity::Warning,
                    id,
                    format!("note `{id}` is about stage `{stage}`, which does not exist (it was removed?)"),
                );
            }
            if let Some(score) = note.emotion
                && !map.emotion_scale.contains(score)
            {
                self.push(
                    Severity::Warning,
                    id,
                    format!("note `{id}` has emotion {score}, outside the map's scale"),
                );
            }
        }
        for (id, n) in notes.into_iter().filter(|(_, n)| *n > 1) {
            let id = id.clone();
            self.push(
                Severity::Error,
                &id,
                format!("note id `{id}` is used by {n} notes; ids must be unique"),
            );
        }
        for id in &map.dismissed {
            if !id.is_well_formed() {
                self.push(Severity::Error, id, format!("dismissed note id {:?} is not usable", id.as_str()));
            }
        }
        let mut from_notes: BTreeMap<&Id, usize> = BTreeMap::new();
        let mut dots: BTreeMap<&Id, u32> = BTreeMap::new();
        for card in &map.cards {
            if let Some(note) = &card.from_note {
                *from_notes.entry(note).or_default() += 1;
            }
            for (participant, n) in &card.votes {
                if !participant.is_well_formed() || *n == 0 {
                    self.push(
                        Severity::Error,
                        &card.id,
                        format!("card `{}` has {n} votes from {:?}: expected a participant id and at least one dot", card.id, participant.as_str()),
                    );
                }
                *dots.entry(participant).or_default() += n;
            }
        }
        for (note, n) in from_notes.into_iter().filter(|(_, n)| *n > 1) {
            self.push(Severity::Warning, note, format!("{n} cards were made from note `{note}`"));
        }
        if let Some(vote) = &map.vote {
            if vote.per_participant == 0 || vote.per_participant > crate::model::limits::MAX_BALLOT_DOTS {
                self.push(
                    Severity::Error,
                    &Id::default(),
                    format!(
                        "the vote gives {} dots to each participant; it must be 1 to {}",
                        vote.per_participant,
                        crate::model::limits::MAX_BALLOT_DOTS
                    ),
                );
            }
            let over: Vec<(Id, u32)> = dots
                .iter()
                .filter(|(_, n)| **n > vote.per_participant)
                .map(|(p, n)| ((*p).clone(), *n))
                .collect();
            for (participant, n) in over {
                self.push(
                    Severity::Warning,
                    &participant,
                    format!(
                        "participant `{participant}` has {n} dots, more than the vote's {}",
                        vote.per_participant
                    ),
                );
            }
        }
    }

    fn images(&mut self, folder: Option<&Path>) {
        let map = self.map;
        let logo = map.logo.iter().map(|logo| (Id::default(), format!("logo file {logo:?}"), logo));
        let photos = map.personas.iter().filter_map(|persona| {
            let photo = persona.photo.as_ref()?;
            Some((persona.id.clone(), format!("photo {photo:?} of persona `{}`", persona.id), photo))
        });
        for (element, subject, path) in logo.chain(photos).collect::<Vec<_>>() {
            if leaves_folder(path) {
                let name = Path::new(&path.replace('\\', "/"))
                    .file_name()
                    .map_or_else(|| "photo.jpg".to_owned(), |n| n.to_string_lossy().into_owned());
                self.push(
                    Severity::Warning,
                    &element,
                    format!(
                        "{subject} is outside the map's folder, so a teammate's clone will not have it; \
                         copy the file next to the map (e.g. photos/{name}) and write that relative path"
                    ),
                );
            }
            let Some(folder) = folder else { continue };
            let message = match crate::images::probe(&folder.join(path)) {
                Ok(()) => continue,
                Err(ImageError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                    format!("{subject} was not found next to the map")
                }
                Err(ImageError::NotAFile { what, .. }) => {
                    format!("{subject} is {what}, not an image file; name a PNG or JPEG file")
                }
                Err(ImageError::Io { source, .. }) => format!("{subject} cannot be read ({source})"),
                Err(error @ (ImageError::TooLarge { .. } | ImageError::Decode { .. })) => {
                    format!("{subject} cannot be used ({error})")
                }
            };
            self.push(Severity::Warning, &element, message);
        }
    }
}

/// True when an image path written in a map leads out of the map's folder: absolute (`/…`,
/// `C:\…`, `\\server\…`) or climbing above it with `..`. Such a path breaks on a teammate's
/// clone. Backslashes count as separators, so a path written on Windows is judged the same
/// everywhere.
pub fn leaves_folder(path: &str) -> bool {
    let path = path.replace('\\', "/");
    let drive = matches!(path.as_bytes(), [letter, b':', ..] if letter.is_ascii_alphabetic());
    if drive || path.starts_with('/') || Path::new(&path).is_absolute() {
        return true;
    }
    let mut depth = 0_usize;
    for component in Path::new(&path).components() {
        match component {
            std::path::Component::Normal(_) => depth += 1,
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => match depth.checked_sub(1) {
                Some(up) => depth = up,
                None => return true,
            },
            std::path::Component::RootDir | std::path::Component::Prefix(_) => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, Lane, LaneKind, Persona, Stage};

    #[test]
    fn generated_maps_are_valid() {
        let map = crate::model::generate::large_map(12, 8, 1000, 1);
        assert_eq!((map.stages.len(), map.lanes.len(), map.cards.len()), (12, 8, 1000));
        let found = check(&map, None);
        assert!(found.is_empty(), "{found:?}");
    }

    fn base() -> Map {
        let mut map = Map::new("Test");
        map.stages.push(Stage {
            id: "s-1".into(),
            name: "Achat".into(),
            description: String::new(),
            colour: None,
            metrics: crate::model::Metrics::default(),
        });
        map.personas.push(Persona { id: "p-1".into(), name: "Léa".into(), ..Default::default() });
        map.lanes.push(Lane {
            id: "l-1".into(),
            title: String::new(),
            kind: LaneKind::Persona("p-1".into()),
            hidden: false,
        });
        map.cards.push(Card::new("c-1".into(), "l-1".into(), "s-1".into(), "Visite"));
        map
    }

    fn messages(map: &Map) -> Vec<String> {
        check(map, None).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn clean_map_has_no_diagnostics() {
        assert_eq!(messages(&base()), Vec::<String>::new());
    }

    #[test]
    fn dangling_references() {
        let mut map = base();
        map.cards[0].lane = "l-x".into();
        map.cards[0].stage = "s-x".into();
        map.lanes[0].kind = LaneKind::Persona("p-x".into());
        let m = messages(&map);
        assert!(m.contains(&"error: card `c-1` is in lane `l-x`, which does not exist".to_owned()), "{m:?}");
        assert!(m.contains(&"error: card `c-1` is in stage `s-x`, which does not exist".to_owned()), "{m:?}");
        assert!(
            m.contains(&"error: lane `l-1` follows persona `p-x`, which does not exist".to_owned()),
            "{m:?}"
        );
    }

    #[test]
    fn duplicate_and_empty_ids() {
        let mut map = base();
        map.cards.push(Card::new("c-1".into(), "l-1".into(), "s-1".into(), "Bis"));
        map.cards.push(Card::new("".into(), "l-1".into(), "s-1".into(), "Sans id"));
        let found = check(&map, None);
        assert!(found.iter().any(|d| d.message == "id `c-1` is used by 2 elements; ids must be unique"));
        assert!(found.iter().any(|d| d.message == "an element has an empty id"));
        assert!(has_errors(&found));
    }

    #[test]
    fn emotion_outside_scale() {
        let mut map = base();
        map.cards[0].emotion = Some(3);
        assert_eq!(messages(&map), ["error: card `c-1` has emotion 3, outside the map's scale -2…2"]);
        map.emotion_scale.min = 5;
        assert!(messages(&map)[0].contains("its minimum must be below its maximum"));
    }

    #[test]
    fn empty_names_are_warnings() {
        let mut map = base();
        map.title.clear();
        map.stages[0].name = " ".into();
        map.cards[0].title.clear();
        let found = check(&map, None);
        assert_eq!(found.len(), 3);
        assert!(!has_errors(&found));
    }

    #[test]
    fn metrics_out_of_range() {
        let mut map = base();
        map.stages[0].metrics.nps = Some(-120.0);
        map.stages[0].metrics.conversion = Some(101.0);
        map.stages[0].metrics.drop_off = Some(50.0);
        map.stages[0].metrics.csat = Some(f64::NAN);
        let m = messages(&map);
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].contains("NPS -120 is outside -100…100"));
        assert!(m[1].contains("CSAT NaN"));
        assert!(m[2].contains("conversion rate 101 is outside 0…100"));
    }

    #[test]
    fn image_paths_leaving_the_folder_are_warnings() {
        for (path, leaves) in [
            ("photos/lea.png", false),
            ("./lea.png", false),
            ("photos/../lea.png", false),
            ("Léa Dupont.jpg", false),
            ("../lea.png", true),
            ("photos/../../lea.png", true),
            ("/home/lea/Images/lea.png", true),
            ("C:\\Users\\lea\\lea.png", true),
            ("..\\photos\\lea.png", true),
            ("\\\\serveur\\partage\\lea.png", true),
        ] {
            assert_eq!(leaves_folder(path), leaves, "{path}");
        }
        let mut map = base();
        map.personas[0].photo = Some("../partagé/léa.png".into());
        map.logo = Some("/srv/marque/logo.png".into());
        let found = check(&map, None);
        let m: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(!has_errors(&found));
        assert!(m[0].starts_with("warning: logo file \"/srv/marque/logo.png\" is outside the map's folder"));
        assert!(m[0].contains("copy the file next to the map (e.g. photos/logo.png)"), "{m:?}");
        assert!(m[1].starts_with("warning: photo \"../partagé/léa.png\" of persona `p-1` is outside"));
        assert_eq!(found[1].element.as_str(), "p-1");
        // The photo exists outside the folder: still a warning, and only that one.
        let root = tempfile::tempdir().unwrap();
        let folder = root.path().join("cartes");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(root.path().join("lea.png"), b"x").unwrap();
        map.logo = None;
        map.personas[0].photo = Some("../lea.png".into());
        let found = check(&map, Some(&folder));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("outside the map's folder"));
    }

    #[cfg(unix)]
    #[test]
    fn photos_that_are_not_files_say_what_they_are() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::create_dir(folder.path().join("lea.png")).unwrap();
        let mut map = base();
        map.personas[0].photo = Some("lea.png".into());
        let found = check(&map, Some(folder.path()));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "photo \"lea.png\" of persona `p-1` is a directory, not an image file; name a PNG or JPEG file"
        );
        map.personas[0].photo = Some("/dev/zero".into());
        let m: Vec<String> = check(&map, Some(folder.path())).iter().map(ToString::to_string).collect();
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("outside the map's folder"));
        assert!(m[1].ends_with("is a device, not an image file; name a PNG or JPEG file"), "{m:?}");
    }

    #[test]
    fn missing_photo() {
        let mut map = base();
        map.personas[0].photo = Some("photos/lea.png".into());
        let folder = tempfile::tempdir().unwrap();
        let found = check(&map, Some(folder.path()));
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("photo \"photos/lea.png\" of persona `p-1` was not found"));
        std::fs::create_dir(folder.path().join("photos")).unwrap();
        std::fs::write(folder.path().join("photos/lea.png"), b"x").unwrap();
        assert!(check(&map, Some(folder.path())).is_empty());
    }

    #[test]
    fn room_data_is_checked() {
        use crate::model::{Note, Vote};
        let mut map = base();
        assert_eq!(messages(&map), Vec::<String>::new());
        map.inbox.push(Note {
            id: "n-1".into(),
            text: "x".repeat(501),
            stage: Some("s-gone".into()),
            ..Note::default()
        });
        map.inbox.push(Note { id: "n-1".into(), text: "Bis".into(), ..Note::default() });
        map.inbox.push(Note { id: "c-1".into(), text: "Même id qu’une carte".into(), ..Note::default() });
        map.cards[0].votes.insert("u-1".into(), 3);
        map.cards[0].votes.insert("u 2".into(), 0);
        map.vote = Some(Vote { kinds: Vec::new(), per_participant: 2, minutes: None, open: true });
        let m = messages(&map);
        for expected in [
            "warning: note `n-1` has 501 characters, more than the room accepts (500)",
            "warning: note `n-1` is about stage `s-gone`, which does not exist (it was removed?)",
            "error: note id `n-1` is used by 2 notes; ids must be unique",
            "error: note `c-1` has the id of another element",
            "error: card `c-1` has 0 votes from \"u 2\": expected a participant id and at least one dot",
            "warning: participant `u-1` has 3 dots, more than the vote's 2",
        ] {
            assert!(m.contains(&expected.to_owned()), "{expected}\n{m:#?}");
        }
        map.vote = Some(Vote { kinds: Vec::new(), per_participant: 0, minutes: None, open: false });
        assert!(messages(&map).iter().any(|m| m.contains("the vote gives 0 dots")));
    }
}
