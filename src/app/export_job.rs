//! The export run from the designer: on a named background thread, with a channel back to the
//! UI, so the window stays responsive while a large poster is written.

use super::dialogs::ExportForm;
use crate::layout::{LayoutOptions, ThemeName};
use crate::model::Map;
use crate::paint::pdf::{PdfOptions, Tiling};
use crate::paint::{Orientation, PT_PER_MM, PageSetup, Paper};
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

/// Exports with the form's settings; the format comes from the destination's extension.
pub fn export(map: &Map, folder: &Path, form: &ExportForm) -> Result<String, String> {
    let out = PathBuf::from(form.destination.trim());
    if form.destination.trim().is_empty() {
        return Err("choose where to export first".to_owned());
    }
    let extension = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if let Some(format) = crate::interop::Format::from_path(&out) {
        let text = crate::interop::export_text(map, format);
        crate::file::write_atomic(&out, text.text.as_bytes()).map_err(|e| e.to_string())?;
        return Ok(format!("exported {}", out.display()));
    }
    match extension.as_str() {
        "pdf" => {
            let (images, _warnings) = crate::images::load_for_map(map, folder);
            let theme = form.theme;
            let list =
                crate::layout::poster(map, &LayoutOptions { theme, images, ..LayoutOptions::default() });
            let options = PdfOptions {
                page: PageSetup {
                    paper: form.paper,
                    orientation: form.orientation,
                    margin_pt: form.margin_mm * PT_PER_MM,
                },
                crop_marks: form.crop_marks,
                bleed_mm: 0.0,
                tile: form.tile.map(|paper| Tiling { paper, overlap_mm: 10.0 }),
            };
            let bytes = crate::paint::pdf::render_pdf(&list, &options).map_err(|e| e.to_string())?;
            crate::file::write_atomic(&out, &bytes).map_err(|e| e.to_string())?;
            Ok(format!("exported {} ({} KB)", out.display(), bytes.len() / 1024))
        }
        other => Err(format!(
            "cannot export to .{other} from this build yet; use .pdf, .mmd, .csv or .md ({})",
            out.display()
        )),
    }
}

/// The choices offered for the poster's theme.
pub const THEMES: [(ThemeName, &str); 3] =
    [(ThemeName::Light, "Light"), (ThemeName::Print, "Print (ink-friendly)"), (ThemeName::Dark, "Dark")];

/// The choices offered for orientation.
pub const ORIENTATIONS: [(Orientation, &str); 3] =
    [(Orientation::Auto, "Auto"), (Orientation::Portrait, "Portrait"), (Orientation::Landscape, "Landscape")];

/// The paper sizes offered.
pub fn papers() -> [Paper; 9] {
    Paper::NAMED
}
