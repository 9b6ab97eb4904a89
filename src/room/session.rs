//! The owner's side of a room: applying what arrives to the document as commands.

use super::protocol::{CardView, EmotionLevel, StageView, View};
use super::{Event, Host};
use crate::display::Target;
use crate::edit::{Command, EditError, Editor};
use crate::layout::{LayoutOptions, Layouter};
use crate::model::{Id, Map};
use crate::paint::svg::{SvgOptions, render_svg};
use crate::paint::{Orientation, PT_PER_MM, PageSetup, Paper};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// How often the view is published at most while changes keep coming.
pub const PUBLISH_EVERY: Duration = Duration::from_millis(250);

/// What participants see of a map: its SVG (the poster's layout and painter, at the map's own
/// size in points), the stages' x ranges, the presented stage, the vote and the cards that can
/// be voted on with their rectangles.
pub fn view(
    layouter: &mut Layouter,
    map: &Map,
    options: &LayoutOptions,
    presented: Option<usize>,
    revision: u64,
) -> View {
    let list = layouter.layout(map, options);
    let page = PageSetup {
        paper: Paper::Custom { width_mm: list.width / PT_PER_MM, height_mm: list.height / PT_PER_MM },
        orientation: Orientation::Auto,
        margin_pt: 0.0,
    };
    let svg = render_svg(&list, &SvgOptions { page });
    let geometry = options.geometry();
    let header_top = |id: &Id| {
        list.hits.iter().find_map(|h| match &h.target {
            Target::Stage(stage) if stage == id => Some(h.rect.y),
            _ => None,
        })
    };
    let stages = map
        .stages
        .iter()
        .enumerate()
        .map(|(i, stage)| StageView {
            id: stage.id.clone(),
            name: stage.name.clone(),
            x0: geometry.stage_left(i),
            x1: geometry.stage_left(i) + geometry.stage_width,
            y0: header_top(&stage.id).unwrap_or(0.0),
        })
        .collect();
    let mut rects: BTreeMap<&Id, (f32, f32, f32, f32)> = BTreeMap::new();
    for hit in &list.hits {
        if let Target::Card(id) = &hit.target {
            rects.insert(id, (hit.rect.x, hit.rect.y, hit.rect.width, hit.rect.height));
        }
    }
    let cards = match &map.vote {
        Some(vote) if vote.open => map
            .cards
            .iter()
            .filter(|c| vote.accepts(c.kind))
            .filter_map(|c| {
                let rect = rects.get(&c.id)?;
                Some(CardView {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    votes: c.vote_count(),
                    rect: *rect,
                })
            })
            .collect(),
        Some(_) | None => Vec::new(),
    };
    View {
        revision,
        title: map.title.clone(),
        svg,
        size: (list.width, list.height),
        stages,
        presented: presented.filter(|i| *i < map.stages.len()),
        emotions: emotion_levels(map),
        vote: map.vote.clone(),
        vote_ends_in: None,
        cards,
    }
}

/// The levels of the map's scale (none when it has more than 11, or is inverted).
fn emotion_levels(map: &Map) -> Vec<EmotionLevel> {
    let scale = &map.emotion_scale;
    if scale.max < scale.min || scale.max - scale.min > 10 {
        return Vec::new();
    }
    (scale.min..=scale.max)
        .map(|value| EmotionLevel { value, label: scale.label(value).unwrap_or_default().to_owned() })
        .collect()
}

/// The owner's side of a room, for the headless runner and the designer: turns events into
/// commands on an [`Editor`] (each an undo step), answers participants and peers, reports every
/// applied command to the [`Host`], times the vote and publishes the view when it is due.
pub struct Session {
    layouter: Layouter,
    /// Layout options of the view (theme, text scale…).
    pub options: LayoutOptions,
    /// The stage the facilitator presents, which participants' pages follow.
    pub presented: Option<usize>,
    revision: u64,
    changed: bool,
    last_publish: Option<Instant>,
    vote_deadline: Option<Instant>,
    /// Participants connected now.
    pub participants: usize,
    /// The peers' commands handled, by id: the sequence number each was applied with, or why
    /// it was rejected; one sent again after a reconnection is answered, not applied twice.
    peer_commands: std::collections::HashMap<Id, Result<u64, String>>,
    /// The owner's own steps made through [`Session::apply`] (what each did, its inverse), for
    /// an undo that takes back only the facilitator's changes; and the steps undone.
    own_undo: Vec<(Command, Command)>,
    own_redo: Vec<(Command, Command)>,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

/// The author of commands made from participants' notes and ballots.
pub fn room_author() -> Id {
    Id::from("room")
}

/// The author of the host's own commands.
pub fn host_author() -> Id {
    Id::from("host")
}

impl Session {
    /// A session with the poster's default layout options.
    pub fn new() -> Self {
        Self {
            layouter: Layouter::new(),
            options: LayoutOptions { legend: false, ..LayoutOptions::default() },
            presented: None,
            revision: 0,
            changed: true,
            last_publish: None,
            vote_deadline: None,
            participants: 0,
            peer_commands: std::collections::HashMap::new(),
            own_undo: Vec::new(),
            own_redo: Vec::new(),
        }
    }

    /// Applies a command of the owner's own (the facilitator's) and reports it to the peers. One
    /// step of the facilitator's own history ([`Session::undo`]).
    pub fn apply(&mut self, host: &mut Host, editor: &mut Editor, command: Command) -> Result<(), EditError> {
        let inverse = self.apply_own(host, editor, command.clone())?;
        self.own_redo.clear();
        self.own_undo.push((command, inverse));
        if self.own_undo.len() > super::UNDO_STEPS {
            self.own_undo.remove(0);
        }
        Ok(())
    }

    /// Reports a command the owner applied to its editor itself (not through
    /// [`Session::apply`]: the designer's editing goes through its [`Editor`], which keeps a
    /// journal, see [`crate::edit::History::record`]) to the desktops, and marks the view
    /// changed. Record it as the facilitator's own with [`Session::own_step`].
    pub fn report(&mut self, host: &mut Host, map: &Map, command: &Command) {
        host.applied(&host_author(), None, command);
        self.after_change(map);
    }

    /// Records commands the owner applied (and reported with [`Session::report`]), each with its
    /// inverse, as one step of the facilitator's own history ([`Session::undo`]).
    pub fn own_step(&mut self, mut done: Vec<(Command, Command)>) {
        let (command, inverse) = match done.len() {
            0 => return,
            1 => done.remove(0),
            _ => {
                let (commands, mut inverses): (Vec<Command>, Vec<Command>) = done.into_iter().unzip();
                inverses.reverse();
                (Command::Batch(commands), Command::Batch(inverses))
            }
        };
        self.own_redo.clear();
        self.own_undo.push((command, inverse));
        if self.own_undo.len() > super::UNDO_STEPS {
            self.own_undo.remove(0);
        }
    }

    /// True when the facilitator has a step to undo ([`Session::undo`]).
    pub fn can_undo(&self) -> bool {
        !self.own_undo.is_empty()
    }

    /// True when the facilitator has a step to redo ([`Session::redo`]).
    pub fn can_redo(&self) -> bool {
        !self.own_redo.is_empty()
    }

    /// Undoes the facilitator's latest step made through [`Session::apply`] and still in effect,
    /// as a new command reported to the peers; false when there is none. The desktops' and the
    /// participants' changes are never undone (while a room is open, the owner's undo calls
    /// this, not [`Editor::undo`], whose history holds everyone's commands); a step someone
    /// has since replaced (the same field set again) is skipped rather than undone over their
    /// later edit.
    pub fn undo(&mut self, host: &mut Host, editor: &mut Editor) -> bool {
        self.take_back(host, editor, true)
    }

    /// Redoes the facilitator's step undone last, in the same way as [`Session::undo`].
    pub fn redo(&mut self, host: &mut Host, editor: &mut Editor) -> bool {
        self.take_back(host, editor, false)
    }

    fn take_back(&mut self, host: &mut Host, editor: &mut Editor, undo: bool) -> bool {
        loop {
            let popped = if undo { self.own_undo.pop() } else { self.own_redo.pop() };
            let Some((done, inverse)) = popped else { return false };
            if inverse.is_nothing() || !super::joined::in_effect(editor.map(), &done) {
                continue;
            }
            let Ok(again) = self.apply_own(host, editor, inverse.clone()) else { continue };
            if undo { &mut self.own_redo } else { &mut self.own_undo }.push((inverse, again));
            return true;
        }
    }

    /// Applies an owner's command to the editor and reports it; returns its inverse (computed
    /// on a copy: the editor keeps its own).
    fn apply_own(
        &mut self,
        host: &mut Host,
        editor: &mut Editor,
        command: Command,
    ) -> Result<Command, EditError> {
        let inverse = command.clone().apply(&mut editor.map().clone())?;
        let sent = command.clone();
        editor.apply(command)?;
        host.applied(&host_author(), None, &sent);
        self.after_change(editor.map());
        Ok(inverse)
    }

    /// Marks the view as changed (after the owner changed the map some other way, or the
    /// presented stage): the next [`Session::publish_if_due`] publishes it.
    pub fn touch(&mut self) {
        self.changed = true;
    }

    fn after_change(&mut self, map: &Map) {
        self.changed = true;
        match &map.vote {
            Some(vote) if vote.open => {
                if self.vote_deadline.is_none() {
                    self.vote_deadline =
                        vote.minutes.map(|m| Instant::now() + Duration::from_secs(u64::from(m) * 60));
                }
            }
            Some(_) | None => self.vote_deadline = None,
        }
    }

    /// Handles one event: notes and ballots become commands on the editor (acknowledged, or
    /// refused with the reason), peers' commands are applied and broadcast (or rejected).
    /// Returns true when the map changed.
    pub fn handle(&mut self, host: &mut Host, editor: &mut Editor, event: Event) -> bool {
        match event {
            Event::Note { reply, mut note } => {
                if editor.map().knows_note(&note.id) {
                    host.ack(reply, &note.id, true);
                    return false;
                }
                // A stage the page offered may have been removed since: keep the note.
                if note.stage.as_ref().is_some_and(|s| editor.map().stage(s).is_none()) {
                    note.stage = None;
                }
                if note.emotion.is_some_and(|e| !editor.map().emotion_scale.contains(e)) {
                    note.emotion = None;
                }
                let id = note.id.clone();
                let command = Command::post_note(editor.map(), note);
                self.apply_from_room(host, editor, command, |host, result| match result {
                    Ok(()) => host.ack(reply, &id, false),
                    Err(EditError::NoteKnown { .. }) => host.ack(reply, &id, true),
                    Err(error) => host.refuse(reply, &id, "invalid", false, &error.to_string()),
                })
            }
            Event::Ballot { reply, id, participant, dots } => {
                let command = Command::CastBallot { participant, dots };
                self.apply_from_room(host, editor, command, |host, result| match result {
                    Ok(()) => host.ack(reply, &id, false),
                    Err(EditError::NoVoteOpen) => {
                        host.refuse(reply, &id, "no_vote", false, "no vote is open");
                    }
                    Err(error) => host.refuse(reply, &id, "invalid", false, &error.to_string()),
                })
            }
            Event::PeerCommand { reply, peer, id, command } => {
                // Peer ids for commands are `<peer>-<n>`: unique in the room.
                if let Some(outcome) = self.peer_commands.get(&id) {
                    match outcome {
                        Ok(seq) => host.known(reply, &id, *seq),
                        Err(message) => host.reject(reply, &id, message),
                    }
                    return false;
                }
                let sent = command.clone();
                match editor.apply(command) {
                    Ok(()) => {
                        let seq = host.applied(&peer, Some(&id), &sent);
                        self.peer_commands.insert(id, Ok(seq));
                        self.after_change(editor.map());
                        true
                    }
                    Err(error) => {
                        let message = error.to_string();
                        host.reject(reply, &id, &message);
                        self.peer_commands.insert(id, Err(message));
                        false
                    }
                }
            }
            Event::Present { stage } => {
                self.presented = stage;
                self.changed = true;
                false
            }
            Event::Joined { .. } => {
                self.participants += 1;
                false
            }
            Event::Left { .. } => {
                self.participants = self.participants.saturating_sub(1);
                false
            }
            Event::PeerJoined { .. } | Event::PeerLeft { .. } | Event::Presence { .. } => false,
        }
    }

    /// Applies a command made from a participant's message; `answer` acks or refuses it.
    fn apply_from_room(
        &mut self,
        host: &mut Host,
        editor: &mut Editor,
        command: Command,
        answer: impl FnOnce(&Host, Result<(), EditError>),
    ) -> bool {
        let sent = command.clone();
        // The revision, not the undo length: the history drops its oldest steps past its limit.
        let before = editor.revision();
        match editor.apply(command) {
            Ok(()) => {
                let changed = editor.revision() != before;
                if changed {
                    host.applied(&room_author(), None, &sent);
                    self.after_change(editor.map());
                }
                answer(host, Ok(()));
                changed
            }
            Err(error) => {
                answer(host, Err(error));
                false
            }
        }
    }

    /// Removes a participant: disconnects them for the rest of the session and removes their
    /// notes still in the inbox and their votes (one undo step).
    pub fn remove_participant(
        &mut self,
        host: &mut Host,
        editor: &mut Editor,
        participant: &Id,
    ) -> Result<(), EditError> {
        host.remove_participant(participant);
        self.apply(host, editor, Command::RemoveParticipant { participant: participant.clone() })
    }

    /// Closes the vote when its time is up (a command of the host). Returns true if it did.
    pub fn tick(&mut self, host: &mut Host, editor: &mut Editor) -> bool {
        let due = self.vote_deadline.is_some_and(|deadline| Instant::now() >= deadline);
        if !due {
            return false;
        }
        self.vote_deadline = None;
        let Some(vote) = editor.map().vote.clone() else { return false };
        let closed = crate::model::Vote { open: false, ..vote };
        self.apply(host, editor, Command::SetVote(Some(closed))).is_ok()
    }

    /// Publishes the view now.
    pub fn publish(&mut self, host: &mut Host, map: &Map) {
        self.revision += 1;
        let mut view = view(&mut self.layouter, map, &self.options, self.presented, self.revision);
        view.vote_ends_in =
            self.vote_deadline.map(|deadline| deadline.saturating_duration_since(Instant::now()).as_secs());
        host.publish(map, &view);
        self.changed = false;
        self.last_publish = Some(Instant::now());
    }

    /// How long until [`Session::publish_if_due`] publishes a change it is holding back;
    /// `None` when nothing waits (an owner that sleeps between frames wakes up then).
    pub fn publish_due_in(&self) -> Option<Duration> {
        self.changed.then(|| {
            self.last_publish.map_or(Duration::ZERO, |at| PUBLISH_EVERY.saturating_sub(at.elapsed()))
        })
    }

    /// Publishes the view if something changed and the last publication is at least
    /// [`PUBLISH_EVERY`] old (so a burst of notes costs a few layouts, not one each).
    pub fn publish_if_due(&mut self, host: &mut Host, map: &Map) -> bool {
        let due = self.last_publish.is_none_or(|at| at.elapsed() >= PUBLISH_EVERY);
        if self.changed && due {
            self.publish(host, map);
            true
        } else {
            false
        }
    }
}
