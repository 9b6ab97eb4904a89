//! The one list of user commands: menus, toolbar, shortcuts and the command palette all dispatch
//! an [`Action`], so each has one label, one shortcut and one rule for when it is enabled.

use super::i18n::{Lang, T};
use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the user can ask for from a menu, the toolbar, a shortcut or the palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Start a new map from a template.
    New,
    /// Open a map file.
    Open,
    /// Import a Mermaid journey or a CSV file as a new map.
    Import,
    /// Save to the current file (asks for a name the first time).
    Save,
    /// Save under another name.
    SaveAs,
    /// Export a poster or a data file.
    Export,
    /// Quit the designer.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Copy the selection and delete it.
    Cut,
    /// Copy the selection to the clipboard as RON.
    Copy,
    /// Paste cards or stages from the clipboard.
    Paste,
    /// Duplicate the selection.
    Duplicate,
    /// Delete the selection.
    Delete,
    /// Select every card.
    SelectAll,
    /// Zoom in around the centre.
    ZoomIn,
    /// Zoom out around the centre.
    ZoomOut,
    /// Fit the map's width in the window (the stages fill it; the lanes scroll).
    Fit,
    /// Fit the whole map in the window.
    FitAll,
    /// Fit the selected stage's width in the window.
    FitStage,
    /// One map point per screen point.
    ActualSize,
    /// Show lanes marked hidden (dimmed) or leave them out.
    ToggleHiddenLanes,
    /// Lay the canvas out as the export does, for the export's paper and orientation, or freely
    /// for the screen.
    PaperLayout,
    /// Switch between light and dark themes.
    ToggleTheme,
    /// Show or hide the lanes panel on the left.
    ToggleLanesPanel,
    /// Show or hide the inspector on the right.
    ToggleInspector,
    /// Hide both side panels for the map, or show them again.
    Focus,
    /// Add a stage at the end (or after the selected stage).
    AddStage,
    /// Add a persona with its own lane.
    AddPersonaLane,
    /// Add a shared lane (thoughts, pain points…).
    AddSharedLane,
    /// Add a card in the selected cell and edit it.
    AddCard,
    /// Edit the selected card or stage in place.
    EditInPlace,
    /// Open the command palette.
    Palette,
    /// Full-screen presentation, one stage at a time.
    Present,
    /// Search and filter the cards.
    Find,
    /// Switch the canvas between the map and its funnel and insights sheet.
    Funnel,
    /// Interface language and theme.
    Preferences,
    /// The list of merge conflicts left in the map.
    Conflicts,
    /// List the recovery copies and the discarded ones, and restore one.
    Recover,
    /// Show the keyboard reference.
    Shortcuts,
    /// About Parcours.
    About,
    /// Open a workshop room on the map (or show its window again): participants join by QR code.
    OpenRoom,
    /// Close the workshop room: everyone is disconnected.
    CloseRoom,
    /// Start a dot vote in the room.
    StartVote,
    /// Stop the dot vote (its results stay on the cards).
    StopVote,
    /// Join another desktop's room by its desktop link and edit its map alongside.
    JoinRoom,
    /// Leave the room joined; the map stays here as an unsaved copy.
    LeaveRoom,
}

impl Action {
    /// Every action, in palette order.
    pub const ALL: [Action; 47] = [
        Action::New,
        Action::Open,
        Action::Import,
        Action::Save,
        Action::SaveAs,
        Action::Export,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::Cut,
        Action::Copy,
        Action::Paste,
        Action::Duplicate,
        Action::Delete,
        Action::SelectAll,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::Fit,
        Action::FitAll,
        Action::FitStage,
        Action::ActualSize,
        Action::ToggleHiddenLanes,
        Action::PaperLayout,
        Action::ToggleTheme,
        Action::ToggleLanesPanel,
        Action::ToggleInspector,
        Action::Focus,
        Action::AddStage,
        Action::AddPersonaLane,
        Action::AddSharedLane,
        Action::AddCard,
        Action::EditInPlace,
        Action::Palette,
        Action::Present,
        Action::Find,
        Action::Funnel,
        Action::Preferences,
        Action::Conflicts,
        Action::Recover,
        Action::Shortcuts,
        Action::About,
        Action::OpenRoom,
        Action::CloseRoom,
        Action::StartVote,
        Action::StopVote,
        Action::JoinRoom,
        Action::LeaveRoom,
    ];

    /// The catalogue entry of the text on menus, buttons and in the palette.
    pub fn text(self) -> T {
        match self {
            Action::New => T::ActNew,
            Action::Open => T::ActOpen,
            Action::Import => T::Import,
            Action::Save => T::ActSave,
            Action::SaveAs => T::ActSaveAs,
            Action::Export => T::ActExport,
            Action::Quit => T::ActQuit,
            Action::Undo => T::ActUndo,
            Action::Redo => T::ActRedo,
            Action::Cut => T::ActCut,
            Action::Copy => T::ActCopy,
            Action::Paste => T::ActPaste,
            Action::Duplicate => T::ActDuplicate,
            Action::Delete => T::ActDelete,
            Action::SelectAll => T::ActSelectAll,
            Action::ZoomIn => T::ActZoomIn,
            Action::ZoomOut => T::ActZoomOut,
            Action::Fit => T::ActFit,
            Action::FitAll => T::ActFitAll,
            Action::FitStage => T::ActFitStage,
            Action::ActualSize => T::ActActualSize,
            Action::ToggleHiddenLanes => T::ActHiddenLanes,
            Action::PaperLayout => T::LayoutPaper,
            Action::ToggleTheme => T::ActTheme,
            Action::ToggleLanesPanel => T::ActLanesPanel,
            Action::ToggleInspector => T::ActInspectorPanel,
            Action::Focus => T::ActFocus,
            Action::AddStage => T::ActAddStage,
            Action::AddPersonaLane => T::ActAddPersonaLane,
            Action::AddSharedLane => T::ActAddSharedLane,
            Action::AddCard => T::ActAddCard,
            Action::EditInPlace => T::ActEditInPlace,
            Action::Palette => T::ActPalette,
            Action::Present => T::ActPresent,
            Action::Find => T::ActFind,
            Action::Funnel => T::ActFunnel,
            Action::Preferences => T::ActPreferences,
            Action::Conflicts => T::ActConflicts,
            Action::Recover => T::ActRecover,
            Action::Shortcuts => T::ActShortcuts,
            Action::About => T::ActAbout,
            Action::OpenRoom => T::ActOpenRoom,
            Action::CloseRoom => T::ActCloseRoom,
            Action::StartVote => T::ActStartVote,
            Action::StopVote => T::ActStopVote,
            Action::JoinRoom => T::ActJoinRoom,
            Action::LeaveRoom => T::ActLeaveRoom,
        }
    }

    /// The text on menus, buttons and in the palette (also the accessible name).
    pub fn label(self, lang: Lang) -> &'static str {
        self.text().tr(lang)
    }

    /// The keyboard shortcut, if any (Ctrl is Cmd on macOS).
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let none = Modifiers::NONE;
        let (modifiers, key) = match self {
            Action::New => (cmd, Key::N),
            Action::Open => (cmd, Key::O),
            Action::Save => (cmd, Key::S),
            Action::SaveAs => (cmd_shift, Key::S),
            Action::Export => (cmd, Key::E),
            Action::Quit => (cmd, Key::Q),
            Action::Undo => (cmd, Key::Z),
            Action::Redo => (cmd_shift, Key::Z),
            Action::Cut => (cmd, Key::X),
            Action::Copy => (cmd, Key::C),
            Action::Paste => (cmd, Key::V),
            Action::Duplicate => (cmd, Key::D),
            Action::Delete => (none, Key::Delete),
            Action::SelectAll => (cmd, Key::A),
            Action::ZoomIn => (cmd, Key::Plus),
            Action::ZoomOut => (cmd, Key::Minus),
            Action::Fit => (cmd, Key::Num0),
            Action::FitAll => (cmd, Key::Num9),
            Action::FitStage => (cmd, Key::Num2),
            Action::ActualSize => (cmd, Key::Num1),
            Action::ToggleHiddenLanes => (cmd_shift, Key::H),
            Action::ToggleTheme => (cmd_shift, Key::T),
            Action::ToggleLanesPanel => (cmd, Key::B),
            Action::ToggleInspector => (cmd, Key::I),
            Action::Focus => (cmd_shift, Key::Enter),
            Action::AddStage => (cmd_shift, Key::N),
            Action::AddPersonaLane => (cmd_shift, Key::L),
            Action::Palette => (cmd, Key::K),
            Action::Shortcuts => (none, Key::F1),
            Action::Preferences => (cmd, Key::Comma),
            Action::Present => (none, Key::F5),
            Action::Find => (cmd, Key::F),
            Action::Funnel => (cmd_shift, Key::F),
            Action::AddCard
            | Action::EditInPlace
            | Action::PaperLayout
            | Action::AddSharedLane
            | Action::About
            | Action::Import
            | Action::Recover
            | Action::Conflicts
            | Action::OpenRoom
            | Action::CloseRoom
            | Action::StartVote
            | Action::StopVote
            | Action::JoinRoom
            | Action::LeaveRoom => return None,
        };
        Some(KeyboardShortcut::new(modifiers, key))
    }

    /// Extra shortcuts that do the same (Ctrl+Y for redo, Backspace for delete…).
    pub fn alternative_shortcuts(self) -> Vec<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        match self {
            Action::Redo => vec![KeyboardShortcut::new(cmd, Key::Y)],
            Action::Delete => vec![KeyboardShortcut::new(Modifiers::NONE, Key::Backspace)],
            Action::ZoomIn => vec![KeyboardShortcut::new(cmd, Key::Equals)],
            Action::Palette => vec![KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::P)],
            Action::AddCard => vec![KeyboardShortcut::new(Modifiers::NONE, Key::Enter)],
            Action::EditInPlace => vec![KeyboardShortcut::new(Modifiers::NONE, Key::F2)],
            Action::New
            | Action::Open
            | Action::Save
            | Action::SaveAs
            | Action::Export
            | Action::Quit
            | Action::Undo
            | Action::Cut
            | Action::Copy
            | Action::Paste
            | Action::Duplicate
            | Action::SelectAll
            | Action::ZoomOut
            | Action::Fit
            | Action::FitAll
            | Action::FitStage
            | Action::ActualSize
            | Action::ToggleHiddenLanes
            | Action::PaperLayout
            | Action::ToggleTheme
            | Action::ToggleLanesPanel
            | Action::ToggleInspector
            | Action::Focus
            | Action::AddStage
            | Action::AddPersonaLane
            | Action::AddSharedLane
            | Action::Shortcuts
            | Action::Import
            | Action::Preferences
            | Action::Conflicts
            | Action::Recover
            | Action::Present
            | Action::Find
            | Action::Funnel
            | Action::About
            | Action::OpenRoom
            | Action::CloseRoom
            | Action::StartVote
            | Action::StopVote
            | Action::JoinRoom
            | Action::LeaveRoom => Vec::new(),
        }
    }

    /// Every shortcut with its action, the ones with more modifiers first: egui matches
    /// shortcuts "logically" (Ctrl+Z also matches Ctrl+Shift+Z), so Ctrl+Shift+Z must be
    /// consumed as Redo before Ctrl+Z can take it as Undo.
    pub fn shortcut_table() -> Vec<(KeyboardShortcut, Action)> {
        let mut table: Vec<(KeyboardShortcut, Action)> = Action::ALL
            .into_iter()
            .flat_map(|action| {
                action.shortcut().into_iter().chain(action.alternative_shortcuts()).map(move |s| (s, action))
            })
            .collect();
        let weight = |m: Modifiers| u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl);
        table.sort_by_key(|(shortcut, _)| std::cmp::Reverse(weight(shortcut.modifiers)));
        table
    }

    /// Every shortcut with its action, in palette order (for the keyboard reference).
    pub fn by_menu_order() -> Vec<(KeyboardShortcut, Action)> {
        Action::ALL
            .into_iter()
            .flat_map(|action| {
                action.shortcut().into_iter().chain(action.alternative_shortcuts()).map(move |s| (s, action))
            })
            .collect()
    }

    /// Shortcut text for menus and the palette in the interface language, e.g. `Ctrl+S`,
    /// « Ctrl+Maj+Z ».
    pub fn shortcut_text(self, ctx: &egui::Context, lang: Lang) -> String {
        self.shortcut().map(|s| shortcut_name(ctx, &s, lang)).unwrap_or_default()
    }

    /// True for shortcuts that must not fire while a text field has the keyboard (they would
    /// steal the field's own Delete, Enter, Ctrl+C…).
    pub fn conflicts_with_text(self) -> bool {
        matches!(
            self,
            Action::Delete
                | Action::Cut
                | Action::Copy
                | Action::Paste
                | Action::SelectAll
                | Action::Undo
                | Action::Redo
                | Action::AddCard
                | Action::EditInPlace
                | Action::Duplicate
        )
    }
}

/// A shortcut's text in the interface language: « Ctrl+, » and « Maj » rather than egui's
/// English key names ("Ctrl+Comma"). macOS keeps egui's symbols (⌘⇧Z), which need no words.
pub fn shortcut_name(ctx: &egui::Context, shortcut: &KeyboardShortcut, lang: Lang) -> String {
    if ctx.os() == egui::os::OperatingSystem::Mac {
        return ctx.format_shortcut(shortcut);
    }
    let fr = lang == Lang::Fr;
    let m = shortcut.modifiers;
    let mut parts: Vec<&str> = Vec::new();
    if m.command || m.ctrl {
        parts.push("Ctrl");
    }
    if m.alt {
        parts.push("Alt");
    }
    if m.shift {
        parts.push(if fr { "Maj" } else { "Shift" });
    }
    let key = match shortcut.logical_key {
        Key::Comma => ",",
        Key::Plus => "+",
        Key::Minus => "-",
        Key::Equals => "=",
        Key::Delete if fr => "Suppr",
        Key::Backspace if fr => "Retour arrière",
        Key::Enter if fr => "Entrée",
        Key::Escape if fr => "Échap",
        key => key.name(),
    };
    parts.push(key);
    parts.join("+")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_named_in_the_interface_language() {
        let ctx = egui::Context::default();
        ctx.set_os(egui::os::OperatingSystem::Nix);
        let prefs = Action::Preferences.shortcut().unwrap();
        assert_eq!(shortcut_name(&ctx, &prefs, Lang::Fr), "Ctrl+,");
        assert_eq!(shortcut_name(&ctx, &prefs, Lang::En), "Ctrl+,");
        let redo = Action::Redo.shortcut().unwrap();
        assert_eq!(shortcut_name(&ctx, &redo, Lang::Fr), "Ctrl+Maj+Z");
        assert_eq!(shortcut_name(&ctx, &redo, Lang::En), "Ctrl+Shift+Z");
        assert_eq!(Action::ZoomIn.shortcut_text(&ctx, Lang::Fr), "Ctrl++");
        let delete = Action::Delete.shortcut().unwrap();
        assert_eq!(shortcut_name(&ctx, &delete, Lang::Fr), "Suppr");
    }

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let table = Action::shortcut_table();
        for (i, (a, action_a)) in table.iter().enumerate() {
            for (b, action_b) in &table[i + 1..] {
                assert!(a != b, "{action_a:?} and {action_b:?} both use {a:?}");
            }
        }
    }

    #[test]
    fn shifted_shortcuts_are_consumed_before_their_unshifted_key() {
        let table = Action::shortcut_table();
        let position = |action: Action, shift: bool| {
            table.iter().position(|(s, a)| *a == action && s.modifiers.shift == shift).unwrap()
        };
        assert!(position(Action::Redo, true) < position(Action::Undo, false));
        assert!(position(Action::SaveAs, true) < position(Action::Save, false));
        assert!(position(Action::AddStage, true) < position(Action::New, false));
    }
}
