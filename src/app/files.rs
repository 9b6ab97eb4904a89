//! What the designer keeps on disk besides maps: recent files, autosave/recovery copies, and the
//! watch on the open file for changes made by someone else.
//!
//! Everything lives in the platform's data folder (`~/.local/share/parcours` on Linux), or in
//! `$PARCOURS_DATA_DIR` when set (tests use a temporary folder), never next to the user's map.

use crate::file;
use crate::model::Map;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash as _, Hasher as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 10;
/// How often unsaved work is copied to the recovery folder.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);
/// How often the open file is checked for changes on disk.
pub const WATCH_EVERY: Duration = Duration::from_secs(1);

/// The folder for recent files and recovery copies.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PARCOURS_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "parcours", "parcours").map(|dirs| dirs.data_dir().to_path_buf())
}

/// What the user chose in Preferences.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Interface language (`fr` or `en`); the system's when absent.
    pub language: Option<String>,
    /// Theme name as on the command line (`light`, `dark`, `high-contrast`); light when absent.
    pub theme: Option<String>,
}

/// The data folder and what is kept in it.
#[derive(Clone, Debug)]
pub struct Store {
    /// The folder; `None` when the platform has none (nothing is remembered then).
    pub dir: Option<PathBuf>,
}

/// An autosaved copy found at start-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    /// The recovery file.
    pub copy: PathBuf,
    /// The map file it belongs to, if it had one.
    pub original: Option<PathBuf>,
    /// When it was written.
    pub saved_at: Option<SystemTime>,
}

impl Store {
    /// The store in [`data_dir`].
    pub fn new() -> Self {
        Self { dir: data_dir() }
    }

    /// A store in this folder.
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: Some(dir.into()) }
    }

    fn recent_file(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("recent.txt"))
    }

    fn preferences_file(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("preferences.ron"))
    }

    /// The saved preferences; defaults when there are none or they cannot be read (a bad
    /// preferences file must never stop the designer from starting).
    pub fn preferences(&self) -> Preferences {
        self.preferences_file()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Saves the preferences (atomically).
    pub fn save_preferences(&self, preferences: &Preferences) -> Result<(), String> {
        let Some(path) = self.preferences_file() else { return Ok(()) };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let text = ron::ser::to_string_pretty(preferences, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        file::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())
    }

    fn recovery_dir(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("recovery"))
    }

    /// Recently opened maps, most recent first (only those that still exist).
    pub fn recent(&self) -> Vec<PathBuf> {
        let Some(path) = self.recent_file() else { return Vec::new() };
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(PathBuf::from)
            .filter(|p| p.exists())
            .take(RECENT_LIMIT)
            .collect()
    }

    /// Puts `path` first in the recent files.
    pub fn add_recent(&self, path: &Path) -> std::io::Result<()> {
        let Some(file) = self.recent_file() else { return Ok(()) };
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut list = self.recent();
        list.retain(|p| p != &path);
        list.insert(0, path);
        list.truncate(RECENT_LIMIT);
        let text = list.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join("\n") + "\n";
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(file, text)
    }

    /// The recovery copy of a map file (or of the untitled map).
    pub fn recovery_path(&self, original: Option<&Path>) -> Option<PathBuf> {
        let dir = self.recovery_dir()?;
        let name = match original {
            Some(path) => {
                let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                let mut hasher = DefaultHasher::new();
                path.hash(&mut hasher);
                let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                format!("{stem}-{:016x}.ron", hasher.finish())
            }
            None => "untitled.ron".to_owned(),
        };
        Some(dir.join(name))
    }

    /// Writes the recovery copy of unsaved work, with a side file naming the original.
    pub fn autosave(&self, original: Option<&Path>, map: &Map) -> Result<PathBuf, String> {
        let path = self.recovery_path(original).ok_or("there is no data folder for recovery copies")?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {} ({e})", dir.display()))?;
        }
        file::save(&path, map).map_err(|e| e.to_string())?;
        let origin = original.map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()));
        let note = origin.map(|p| p.display().to_string()).unwrap_or_default();
        file::write_atomic(&path.with_extension("origin"), note.as_bytes()).map_err(|e| e.to_string())?;
        Ok(path)
    }

    /// Removes the recovery copy (after a save, or when the user declines to restore it).
    pub fn discard_recovery(&self, original: Option<&Path>) {
        if let Some(path) = self.recovery_path(original) {
            Self::remove_copy(&path);
        }
    }

    /// Removes one recovery copy and its side file.
    pub fn remove_copy(copy: &Path) {
        // A copy that is already gone is what we want.
        std::fs::remove_file(copy).ok();
        std::fs::remove_file(copy.with_extension("origin")).ok();
    }

    /// Recovery copies left by a session that did not end cleanly, newest first.
    pub fn recoveries(&self) -> Vec<Recovery> {
        let Some(dir) = self.recovery_dir() else { return Vec::new() };
        let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
        let mut found: Vec<Recovery> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .map(|copy| {
                let note = std::fs::read_to_string(copy.with_extension("origin")).unwrap_or_default();
                let original = (!note.trim().is_empty()).then(|| PathBuf::from(note.trim()));
                let saved_at = std::fs::metadata(&copy).and_then(|m| m.modified()).ok();
                Recovery { copy, original, saved_at }
            })
            .collect();
        found.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.copy.cmp(&b.copy)));
        found
    }
}

impl Default for Store {
    fn default() -> Self {
        Self::new()
    }
}

/// The content hash used to tell a real change on disk from a touch.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Watches one file by polling its modification time, then its content hash.
#[derive(Clone, Debug)]
pub struct Watch {
    /// The file.
    pub path: PathBuf,
    modified: Option<SystemTime>,
    hash: Option<u64>,
    next_check: Instant,
}

impl Watch {
    /// Starts watching `path` as it is now on disk.
    pub fn new(path: &Path) -> Self {
        let mut watch = Self {
            path: path.to_path_buf(),
            modified: None,
            hash: None,
            next_check: Instant::now() + WATCH_EVERY,
        };
        watch.accept_current();
        watch
    }

    /// Takes the file as it is now on disk as known (after loading or saving it).
    pub fn accept_current(&mut self) {
        self.modified = std::fs::metadata(&self.path).and_then(|m| m.modified()).ok();
        self.hash = std::fs::read(&self.path).ok().map(|b| content_hash(&b));
    }

    /// True when the file's content changed since it was last accepted. Checks at most once per
    /// [`WATCH_EVERY`] unless `now` is forced.
    pub fn changed(&mut self, force: bool) -> bool {
        let now = Instant::now();
        if !force && now < self.next_check {
            return false;
        }
        self.next_check = now + WATCH_EVERY;
        let modified = std::fs::metadata(&self.path).and_then(|m| m.modified()).ok();
        if modified == self.modified && !force {
            return false;
        }
        self.modified = modified;
        let Ok(bytes) = std::fs::read(&self.path) else { return false };
        let hash = content_hash(&bytes);
        if Some(hash) == self.hash {
            return false;
        }
        self.hash = Some(hash);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_most_recent_first_and_unique() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("data"));
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        std::fs::write(&a, "x").unwrap();
        std::fs::write(&b, "x").unwrap();
        store.add_recent(&a).unwrap();
        store.add_recent(&b).unwrap();
        store.add_recent(&a).unwrap();
        let recent = store.recent();
        assert_eq!(recent.len(), 2);
        assert!(recent[0].ends_with("a.ron"));
    }

    #[test]
    fn recovery_copies_are_found_with_their_original() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("data"));
        let original = dir.path().join("m.ron");
        std::fs::write(&original, "x").unwrap();
        let map = Map::new("Carte");
        store.autosave(Some(&original), &map).unwrap();
        let found = store.recoveries();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].original.as_deref(), Some(std::fs::canonicalize(&original).unwrap().as_path()));
        store.discard_recovery(Some(&original));
        assert!(store.recoveries().is_empty());
    }

    #[test]
    fn watch_sees_content_changes_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        std::fs::write(&path, "one").unwrap();
        let mut watch = Watch::new(&path);
        assert!(!watch.changed(true));
        std::fs::write(&path, "two").unwrap();
        assert!(watch.changed(true));
        assert!(!watch.changed(true));
    }

    #[test]
    fn preferences_round_trip_and_a_bad_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("data"));
        assert_eq!(store.preferences(), Preferences::default());
        let prefs = Preferences { language: Some("fr".into()), theme: Some("dark".into()) };
        store.save_preferences(&prefs).unwrap();
        assert_eq!(store.preferences(), prefs);
        std::fs::write(dir.path().join("data/preferences.ron"), "(language: 3").unwrap();
        assert_eq!(store.preferences(), Preferences::default());
    }
}
