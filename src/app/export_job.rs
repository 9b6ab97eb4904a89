//! The export run from the designer: on a named background thread, with a channel back to the
//! UI, so the window stays responsive while a large poster is written. Also the export dialog's
//! readability check (on its own thread too: it lays the poster out for each standard paper),
//! and opening an exported file or its folder with the desktop's application.

use super::dialogs::ExportForm;
use super::i18n::{Lang, N, T, fill};
use crate::check::{self, Severity};
use crate::display::Image;
use crate::export::ExportOptions;
use crate::layout::ThemeName;
use crate::layout::readability::Readability;
use crate::model::Map;
use crate::paint::{Orientation, Paper};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

/// What a finished export did, for the dialog that says so.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    /// The file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: usize,
    /// What `parcours check` and the export warned about (a missing photo…), English detail.
    pub warnings: Vec<String>,
    /// The readability warning, worded by the dialog in the interface language.
    pub readability: Option<Readability>,
}

/// An export in progress.
pub struct Running {
    receiver: Receiver<Result<Exported, String>>,
    lang: Lang,
}

impl Running {
    /// Starts exporting `map` with the form's settings on a thread named `export`.
    pub fn start(map: Map, folder: PathBuf, form: ExportForm, lang: Lang) -> std::io::Result<Self> {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new().name("export".into()).spawn(move || {
            let result = export(&map, &folder, &form, lang);
            sender.send(result).ok();
        })?;
        Ok(Self { receiver, lang })
    }

    /// The outcome once the export is done: what it wrote, or the error.
    pub fn poll(&self) -> Option<Result<Exported, String>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(T::ExportStopped.tr(self.lang).to_owned())),
        }
    }

    /// Waits for the outcome (tests).
    pub fn wait(&self) -> Result<Exported, String> {
        self.receiver.recv().unwrap_or_else(|_| Err(T::ExportStopped.tr(self.lang).to_owned()))
    }
}

/// Exports with the form's settings through [`crate::export::export`], as the command line does:
/// `parcours check` first, whose errors stop the export (the message lists them) and whose
/// warnings are reported with the export's own; the format comes from the destination's
/// extension.
pub fn export(map: &Map, folder: &Path, form: &ExportForm, lang: Lang) -> Result<Exported, String> {
    let destination = form.destination.trim();
    if destination.is_empty() {
        return Err(T::ChooseDestination.tr(lang).to_owned());
    }
    // As `parcours export` does: image files are not looked at here, the export loads them and
    // warns itself.
    let diagnostics = check::check(map, None);
    let errors: Vec<&str> =
        diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.message.as_str()).collect();
    if !errors.is_empty() {
        let count = N::MapErrors.n(lang, errors.len());
        let mut message = fill(T::ExportBlocked.tr(lang), &[("errors", &count)]);
        for error in errors {
            message.push_str("\n• ");
            message.push_str(error);
        }
        return Err(message);
    }
    let out = PathBuf::from(destination);
    let report = crate::export::export(map, folder, &out, &form.options()).map_err(|e| e.to_string())?;
    // The readability warning is worded by the dialog: its English form is left out here.
    let english = report.readability.as_ref().map(ToString::to_string);
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.message.clone())
        .chain(report.warnings.into_iter().filter(|w| Some(w) != english.as_ref()))
        .collect();
    Ok(Exported { path: report.path, bytes: report.bytes, warnings, readability: report.readability })
}

/// The export dialog's readability check: [`crate::export::readability_of`] on a thread named
/// `readability` whenever the settings or the map change, one at a time (a drag of the margin
/// does not start a thread per frame: the latest settings are checked once the running check
/// is done).
#[derive(Debug, Default)]
pub struct ReadabilityCheck {
    /// The settings and map revision checked last, and what the check found.
    done: Option<(ExportOptions, u64, Option<Readability>)>,
    /// The check running: its settings, map revision, and the channel of its answer.
    running: Option<(ExportOptions, u64, Receiver<Option<Readability>>)>,
}

impl ReadabilityCheck {
    /// Collects a finished check and starts one for `options` on `map` at `revision` when the
    /// last one was for other settings. `ctx` is woken when the answer arrives.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        map: &Map,
        revision: u64,
        images: &BTreeMap<String, Arc<Image>>,
        options: &ExportOptions,
    ) {
        if let Some((checked, at, receiver)) = &self.running {
            match receiver.try_recv() {
                Ok(found) => {
                    self.done = Some((*checked, *at, found));
                    self.running = None;
                }
                Err(TryRecvError::Disconnected) => {
                    self.done = Some((*checked, *at, None));
                    self.running = None;
                }
                Err(TryRecvError::Empty) => return,
            }
        }
        let current = self.done.as_ref().is_some_and(|(o, at, _)| o == options && *at == revision);
        if current {
            return;
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        let (map, images, settings, waker) = (map.clone(), images.clone(), *options, ctx.clone());
        let spawned = std::thread::Builder::new().name("readability".into()).spawn(move || {
            let found = crate::export::readability_of(&map, images, &settings);
            sender.send(found).ok();
            waker.request_repaint();
        });
        match spawned {
            Ok(_) => self.running = Some((*options, revision, receiver)),
            // No thread: no warning to show, the export itself still reports it.
            Err(_) => self.done = Some((*options, revision, None)),
        }
    }

    /// What the check found for `options`: `Some(None)` readable, `Some(Some(warning))` not,
    /// `None` while it is being checked.
    pub fn result_for(&self, options: &ExportOptions) -> Option<&Option<Readability>> {
        match &self.done {
            Some((checked, _, found)) if checked == options && self.running.is_none() => Some(found),
            _ => None,
        }
    }

    /// True while a check runs (tests wait for it).
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }
}

/// How the designer opens an exported file or its folder: with the desktop's application, or
/// (tests) by writing down what it was asked to open.
#[derive(Debug)]
pub enum Opener {
    /// `xdg-open` on Linux and the BSDs, `open` on macOS, `explorer` on Windows.
    System,
    /// Nothing is launched; each path asked for is kept, in order.
    Record(Vec<PathBuf>),
}

impl Opener {
    /// Opens `path` (a file or a folder) with the application the desktop associates with it.
    pub fn open(&mut self, path: &Path) -> std::io::Result<()> {
        match self {
            Opener::System => {
                let mut child = open_command(path).spawn()?;
                // Reaped on its own thread: the opener may outlive the frame by seconds.
                std::thread::Builder::new().name("open-file".into()).spawn(move || child.wait().ok())?;
                Ok(())
            }
            Opener::Record(paths) => {
                paths.push(path.to_owned());
                Ok(())
            }
        }
    }

    /// The paths asked for so far (`Record` only).
    pub fn recorded(&self) -> &[PathBuf] {
        match self {
            Opener::System => &[],
            Opener::Record(paths) => paths,
        }
    }
}

/// The command that opens `path` with the desktop's application for it.
pub fn open_command(path: &Path) -> std::process::Command {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let mut command = std::process::Command::new(program);
    command.arg(path);
    command
}

/// The choices offered for the poster's theme.
pub const THEMES: [ThemeName; 4] = ThemeName::ALL;

/// The choices offered for orientation.
pub const ORIENTATIONS: [(Orientation, T); 3] = [
    (Orientation::Auto, T::OrientAuto),
    (Orientation::Portrait, T::OrientPortrait),
    (Orientation::Landscape, T::OrientLandscape),
];

/// The paper sizes offered.
pub fn papers() -> [Paper; 9] {
    Paper::NAMED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_open_with_the_desktops_application() {
        let command = open_command(Path::new("/tmp/affiche.pdf"));
        #[cfg(target_os = "linux")]
        assert_eq!(command.get_program(), "xdg-open");
        assert_eq!(command.get_args().collect::<Vec<_>>(), ["/tmp/affiche.pdf"]);
        let mut opener = Opener::Record(Vec::new());
        opener.open(Path::new("/tmp")).unwrap();
        assert_eq!(opener.recorded(), [PathBuf::from("/tmp")]);
    }
}
