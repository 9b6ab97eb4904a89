//! The designer under thousands of random actions from a seed: clicks, double-clicks and drags on
//! the canvas and anywhere in the window, keys, menu actions, typing (accents, emoji), dialogs
//! opened and answered. Afterwards: nothing panicked, `parcours check` finds no error in the map,
//! and undoing everything gives back the starting map byte for byte.
//!
//! A failure prints the seed and the last actions; replay it with
//! `MONKEY_SEED=… MONKEY_ACTIONS=… cargo test --test monkey -- --ignored --nocapture replay`.
//! The short run is part of `cargo test`; the long one (`--ignored`) takes several minutes.
#![cfg(feature = "gui")]
#![allow(
    clippy::unwrap_used,
    clippy::print_stderr,
    reason = "a test: a failure is a failed test, and says why"
)]

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};
use parcours::app::files::Store;
use parcours::app::i18n::{Lang, T};
use parcours::app::{Action, Designer, StartOptions};
use std::collections::VecDeque;

/// Window size: small enough to be quick, large enough for every panel.
const SIZE: Vec2 = egui::vec2(1100.0, 760.0);

/// Actions the monkey does not run: those that start another document (its history starts afresh,
/// so "undo everything" would not lead back to the start), leave the window, write files where a
/// typed path says (Save as, Export), run whatever matches typed text (the palette), or open the
/// workshop room or join one (a server on the network, whose undo is the facilitator's own, or a
/// connection to whatever address was typed; the room has its own tests on loopback).
const SKIPPED: [Action; 14] = [
    Action::New,
    Action::Open,
    Action::Import,
    Action::Recover,
    Action::Quit,
    Action::Export,
    Action::SaveAs,
    Action::Palette,
    Action::OpenRoom,
    Action::CloseRoom,
    Action::StartVote,
    Action::StopVote,
    Action::JoinRoom,
    Action::LeaveRoom,
];

/// Things typed: accents, French punctuation and spaces, emoji, digits for the metric fields,
/// RON-looking text, separators, long words.
const TEXTS: &[&str] = &[
    "é",
    "Prise de rendez-vous",
    "« Très déçu » ; ça n’a pas marché !",
    "💡",
    "🙂🚀",
    "ŒUVRE œuvre ç à ù",
    "\u{202f}?",
    "12",
    "-150",
    "99,5",
    "1e9",
    "NaN",
    "Panier = 42 € / 50",
    "a, b, , c,",
    "\")), (id: \"x\"",
    "Anticonstitutionnellement",
    " ",
    "\n",
];

/// Labels of buttons the monkey leaves alone: they start another document (Use this template,
/// Restore, a recent file), export, quit or open a file.
fn skipped_label(label: &str) -> bool {
    let mut words: Vec<&str> = Vec::new();
    for lang in [Lang::En, Lang::Fr] {
        words.extend(SKIPPED.iter().map(|a| a.label(lang)));
        words.extend(
            [
                T::UseTemplate,
                T::Restore,
                T::TbNew,
                T::TbOpen,
                T::TbExport,
                T::ExportButton,
                T::OpenRecent,
                T::Import,
                T::Choose,
            ]
            .iter()
            .map(|t| t.tr(lang)),
        );
    }
    label.contains('/') || words.iter().any(|w| label == *w || label.starts_with(&format!("{w} ")))
}

/// What the monkey did, for the failure report.
struct Log {
    seed: u64,
    done: usize,
    last: VecDeque<String>,
}

impl Log {
    fn push(&mut self, what: String) {
        self.done += 1;
        if self.last.len() == 40 {
            self.last.pop_front();
        }
        self.last.push_back(what);
    }
}

impl Drop for Log {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "\nmonkey failed: MONKEY_SEED={} MONKEY_ACTIONS={} (after action {}); the last actions:",
                self.seed, self.done, self.done
            );
            for (i, what) in self.last.iter().enumerate() {
                eprintln!("  {:>5}  {what}", self.done + 1 + i - self.last.len());
            }
        }
    }
}

fn random_point(rng: &mut fastrand::Rng, rect: egui::Rect) -> Pos2 {
    egui::pos2(rect.min.x + rng.f32() * rect.width(), rect.min.y + rng.f32() * rect.height())
}

fn press(h: &Harness<'_, Designer>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    h.event(egui::Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed, modifiers });
}

/// One random action; returns what it was.
fn act(h: &mut Harness<'_, Designer>, rng: &mut fastrand::Rng, clipboard: &mut String) -> String {
    let canvas = h.state().canvas().rect();
    // Panels, canvas and status bar; the menu bar and the toolbar are reached through their
    // buttons' labels, which the monkey filters.
    let window = egui::Rect::from_min_max(egui::pos2(0.0, canvas.min.y), SIZE.to_pos2());
    let dialog_open = h.state().dialog().is_some();
    let roll = rng.u32(0..100);
    // With a dialog open, answer it more often than not.
    let roll = if dialog_open && roll < 40 { 95 } else { roll };
    match roll {
        0..=17 => {
            let area = if rng.u32(0..4) == 0 { window } else { canvas };
            let at = random_point(rng, area);
            let modifiers = if rng.u32(0..6) == 0 { Modifiers::SHIFT } else { Modifiers::NONE };
            h.hover_at(at);
            h.step();
            press(h, at, true, modifiers);
            press(h, at, false, modifiers);
            format!("click {at:?} {modifiers:?}")
        }
        18..=27 => {
            let at = random_point(rng, canvas);
            h.hover_at(at);
            h.step();
            for _ in 0..2 {
                press(h, at, true, Modifiers::NONE);
                h.step();
                press(h, at, false, Modifiers::NONE);
                h.step();
            }
            format!("double-click {at:?}")
        }
        28..=35 => {
            let (from, to) = (random_point(rng, canvas), random_point(rng, canvas));
            let shift = rng.u32(0..5) == 0;
            let modifiers = if shift { Modifiers::SHIFT } else { Modifiers::NONE };
            h.hover_at(from);
            h.step();
            press(h, from, true, modifiers);
            h.step();
            for i in 1..=4 {
                h.hover_at(from + (to - from) * (i as f32 / 4.0));
                h.step();
            }
            let escape = rng.u32(0..8) == 0;
            if escape {
                h.key_press(Key::Escape);
                h.step();
            }
            press(h, to, false, modifiers);
            format!("drag {from:?} → {to:?} shift={shift} esc={escape}")
        }
        36..=55 => {
            const KEYS: [Key; 21] = [
                Key::Enter,
                Key::Enter,
                Key::Escape,
                Key::Escape,
                Key::Delete,
                Key::Backspace,
                Key::Tab,
                Key::F2,
                Key::F3,
                Key::Num1,
                Key::Num3,
                Key::Num5,
                Key::Num7,
                Key::Num9,
                Key::ArrowLeft,
                Key::ArrowRight,
                Key::ArrowUp,
                Key::ArrowDown,
                Key::Home,
                Key::End,
                Key::Space,
            ];
            let key = KEYS[rng.usize(0..KEYS.len())];
            let modifiers = match rng.u32(0..10) {
                0 => Modifiers::SHIFT,
                1 => Modifiers::COMMAND,
                _ => Modifiers::NONE,
            };
            h.key_press_modifiers(modifiers, key);
            format!("key {modifiers:?} {key:?}")
        }
        56..=69 => {
            // Half of them make something, or the map soon has nothing left to act on.
            const MAKING: [Action; 6] = [
                Action::AddStage,
                Action::AddPersonaLane,
                Action::AddSharedLane,
                Action::AddCard,
                Action::EditInPlace,
                Action::Duplicate,
            ];
            let action = loop {
                let action = if rng.bool() {
                    MAKING[rng.usize(0..MAKING.len())]
                } else {
                    Action::ALL[rng.usize(0..Action::ALL.len())]
                };
                if !SKIPPED.contains(&action) {
                    break action;
                }
            };
            let ctx = h.ctx.clone();
            h.state_mut().run(&ctx, action);
            format!("action {action:?}")
        }
        70..=83 => {
            let text = if rng.bool() {
                TEXTS[rng.usize(0..TEXTS.len())].to_owned()
            } else {
                (0..rng.usize(1..12))
                    .map(|_| {
                        let chars: Vec<char> = "aéèçœ É«»’ -,.;:!?0123456789🙂".chars().collect();
                        chars[rng.usize(0..chars.len())]
                    })
                    .collect()
            };
            h.event(egui::Event::Text(text.clone()));
            format!("type {text:?}")
        }
        84..=86 => {
            // The clipboard, as the platform sends it: copy, cut, or paste what was copied.
            let (event, what) = match rng.u32(0..3) {
                0 => (egui::Event::Copy, "copy".to_owned()),
                1 => (egui::Event::Cut, "cut".to_owned()),
                _ => (egui::Event::Paste(clipboard.clone()), format!("paste {} bytes", clipboard.len())),
            };
            h.event(event);
            h.step();
            for command in &h.output().platform_output.commands {
                if let egui::OutputCommand::CopyText(text) = command {
                    clipboard.clone_from(text);
                }
            }
            what
        }
        87..=88 => {
            // Undo and redo in bursts, the way people do.
            let n = rng.usize(1..6);
            let redo = rng.bool();
            for _ in 0..n {
                if redo {
                    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
                } else {
                    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
                }
                h.step();
            }
            format!("{} ×{n}", if redo { "redo" } else { "undo" })
        }
        _ => {
            // A button or text field drawn now (a dialog's, the inspector's, the toolbar's…).
            let wanted = |node: &egui_kittest::kittest::AccessKitNode<'_>| {
                matches!(node.role(), Role::Button | Role::TextInput | Role::MultilineTextInput)
                    && node.label().is_some_and(|label| !label.is_empty() && !skipped_label(&label))
            };
            let nodes: Vec<_> = h.query_all(by().predicate(wanted)).collect();
            if nodes.is_empty() {
                return "no button".into();
            }
            let node = nodes[rng.usize(0..nodes.len())];
            let label = node.accesskit_node().label().unwrap_or_default();
            if node.accesskit_node().role() == Role::Button {
                node.click();
                format!("button {label:?}")
            } else {
                node.focus();
                format!("focus {label:?}")
            }
        }
    }
}

/// Runs `actions` random actions from `seed` and checks the map afterwards.
fn monkey(seed: u64, actions: usize) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("carte.ron");
    std::fs::copy("maps/ecommerce-fr.ron", &file).unwrap();
    let start = std::fs::read_to_string(&file).unwrap();
    let mut rng = fastrand::Rng::with_seed(seed);
    let lang = if rng.bool() { Lang::Fr } else { Lang::En };
    let options = StartOptions {
        native_dialogs: false,
        store: Store::at(dir.path().join("data")),
        offer_recovery: false,
        seed,
        lang: Some(lang),
    };
    let path = file.clone();
    let mut h = Harness::builder()
        .with_size(SIZE)
        .with_step_dt(1.0 / 60.0)
        .allow_missing_glyphs()
        .build_eframe(move |cc| Designer::open_at_start(&cc.egui_ctx, Some(&path), options).unwrap());
    h.run_steps(2);
    // Every step is kept, so that undoing everything leads back to the start.
    h.state_mut().editor_mut().history_mut().set_limit(usize::MAX);
    let mut log = Log { seed, done: 0, last: VecDeque::new() };
    let mut clipboard = String::new();
    for i in 0..actions {
        let what = act(&mut h, &mut rng, &mut clipboard);
        log.push(what);
        h.step();
        if i % 50 == 49 {
            check(&h, &log);
        }
    }
    log.push("end: close dialogs and editing, undo everything".into());
    let ctx = h.ctx.clone();
    let state = h.state_mut();
    state.close_dialog();
    state.commit_inline();
    state.cancel_drag();
    state.stop_presentation(&ctx);
    h.run_steps(2);
    check(&h, &log);
    // The monkey must have changed the map a fair amount, or the run proves little.
    let steps = h.state().editor().history().undo_len();
    eprintln!(
        "monkey seed {seed}: {actions} actions, {steps} undo steps, {} cards",
        h.state().editor().map().cards.len()
    );
    assert!(steps * 60 >= actions, "only {steps} undo steps after {actions} actions");
    while h.state().editor().history().can_undo() {
        let before = h.state().editor().revision();
        h.state_mut().run(&ctx, Action::Undo);
        assert_ne!(h.state().editor().revision(), before, "an undo step failed: {}", h.state().status());
    }
    let end = parcours::file::to_string(h.state().editor().map());
    assert!(
        end == start,
        "undoing everything does not give the starting map back:\n{}",
        first_difference(&start, &end)
    );
    drop(log);
}

/// No panic so far, and no error in the map.
fn check(h: &Harness<'_, Designer>, log: &Log) {
    let map = h.state().editor().map();
    let errors: Vec<String> = parcours::check::check(map, None)
        .into_iter()
        .filter(|d| d.severity == parcours::check::Severity::Error)
        // Conflicts come from merges only; the monkey makes none, but a map may carry them.
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "after {} actions the map has errors: {errors:#?}", log.done);
}

fn first_difference(a: &str, b: &str) -> String {
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(a.lines().count().min(b.lines().count()));
    format!(
        "line {}: expected {:?}, got {:?}",
        line + 1,
        a.lines().nth(line).unwrap_or("<end>"),
        b.lines().nth(line).unwrap_or("<end>")
    )
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
fn a_short_monkey_run_breaks_nothing() {
    monkey(1, 300);
}

#[test]
#[ignore = "several minutes: run on demand with --ignored"]
fn a_long_monkey_run_breaks_nothing() {
    for seed in 1..=5 {
        monkey(seed * 7919, 4000);
    }
}

#[test]
#[ignore = "replays MONKEY_SEED for MONKEY_ACTIONS actions"]
fn replay() {
    let seed = env_number("MONKEY_SEED").expect("set MONKEY_SEED");
    let actions = env_number("MONKEY_ACTIONS").unwrap_or(1000);
    monkey(seed, usize::try_from(actions).unwrap());
}

#[test]
fn skipped_labels_cover_what_replaces_the_document() {
    assert!(skipped_label(Action::Open.label(Lang::Fr)));
    assert!(skipped_label(&format!("{} — {}", T::UseTemplate.tr(Lang::En), T::TplBlank.tr(Lang::En))));
    assert!(skipped_label("/tmp/x/carte.ron"));
    assert!(!skipped_label(Action::AddStage.label(Lang::En)));
}
