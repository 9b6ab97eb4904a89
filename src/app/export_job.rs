//! The export run from the designer: on a named background thread, with a channel back to the
//! UI, so the window stays responsive while a large poster is written.

use super::dialogs::ExportForm;
use crate::export::ExportOptions;
use crate::layout::ThemeName;
use crate::model::Map;
use crate::paint::{Orientation, PT_PER_MM, Paper};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

/// An export in progress.
pub struct Running {
    receiver: Receiver<Result<String, String>>,
}

impl Running {
    /// Starts exporting `map` with the form's settings on a thread named `export`.
    pub fn start(map: Map, folder: PathBuf, form: ExportForm) -> std::io::Result<Self> {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new().name("export".into()).spawn(move || {
            let result = export(&map, &folder, &form);
            sender.send(result).ok();
        })?;
        Ok(Self { receiver })
    }

    /// The outcome once the export is done: a message naming the file, or the error.
    pub fn poll(&self) -> Option<Result<String, String>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the export stopped unexpectedly".to_owned())),
        }
    }

    /// Waits for the outcome (tests).
    pub fn wait(&self) -> Result<String, String> {
        self.receiver.recv().unwrap_or_else(|_| Err("the export stopped unexpectedly".to_owned()))
    }
}

/// Exports with the form's settings through [`crate::export::export`], as the command line does;
/// the format comes from the destination's extension.
pub fn export(map: &Map, folder: &Path, form: &ExportForm) -> Result<String, String> {
    let destination = form.destination.trim();
    if destination.is_empty() {
        return Err("choose where to export first".to_owned());
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
        ..ExportOptions::default()
    };
    let report = crate::export::export(map, folder, &out, &options).map_err(|e| e.to_string())?;
    let mut message = format!("exported {} ({} KB)", report.path.display(), report.bytes.div_ceil(1024));
    for warning in &report.warnings {
        message.push_str("\nwarning: ");
        message.push_str(warning);
    }
    Ok(message)
}

/// The choices offered for the poster's theme.
pub const THEMES: [(ThemeName, &str); 4] = [
    (ThemeName::Light, "Light"),
    (ThemeName::Print, "Print (ink-friendly)"),
    (ThemeName::Dark, "Dark"),
    (ThemeName::HighContrast, "High contrast"),
];

/// The choices offered for orientation.
pub const ORIENTATIONS: [(Orientation, &str); 3] =
    [(Orientation::Auto, "Auto"), (Orientation::Portrait, "Portrait"), (Orientation::Landscape, "Landscape")];

/// The paper sizes offered.
pub fn papers() -> [Paper; 9] {
    Paper::NAMED
}
