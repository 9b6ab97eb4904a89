//! The export run from the designer: on a named background thread, with a channel back to the
//! UI, so the window stays responsive while a large poster is written.

use super::dialogs::ExportForm;
use super::i18n::{Lang, T, fill};
use crate::export::ExportOptions;
use crate::layout::ThemeName;
use crate::model::Map;
use crate::paint::{Orientation, PT_PER_MM, Paper};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

/// An export in progress.
pub struct Running {
    receiver: Receiver<Result<String, String>>,
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

    /// The outcome once the export is done: a message naming the file, or the error.
    pub fn poll(&self) -> Option<Result<String, String>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(T::ExportStopped.tr(self.lang).to_owned())),
        }
    }

    /// Waits for the outcome (tests).
    pub fn wait(&self) -> Result<String, String> {
        self.receiver.recv().unwrap_or_else(|_| Err(T::ExportStopped.tr(self.lang).to_owned()))
    }
}

/// Exports with the form's settings through [`crate::export::export`], as the command line does;
/// the format comes from the destination's extension.
pub fn export(map: &Map, folder: &Path, form: &ExportForm, lang: Lang) -> Result<String, String> {
    let destination = form.destination.trim();
    if destination.is_empty() {
        return Err(T::ChooseDestination.tr(lang).to_owned());
    }
    let out = PathBuf::from(destination);
    let options = ExportOptions {
        paper: form.paper,
        orientation: form.orientation,
        margin_pt: form.margin_mm * PT_PER_MM,
        dpi: form.dpi,
        tile: form.tile,
        crop_marks: form.crop_marks,
        theme: form.theme,
        sheet: form.sheet,
        ..ExportOptions::default()
    };
    let report = crate::export::export(map, folder, &out, &options).map_err(|e| e.to_string())?;
    let file = report.path.display().to_string();
    let size = report.bytes.div_ceil(1024).to_string();
    let mut message = fill(T::ExportDone.tr(lang), &[("file", &file), ("size", &size)]);
    for warning in &report.warnings {
        message.push('\n');
        message.push_str(&fill(T::ExportWarning.tr(lang), &[("text", warning)]));
    }
    Ok(message)
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
