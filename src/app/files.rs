//! What the designer keeps on disk besides maps: recent files, autosave/recovery copies, and the
//! watch on the open file for changes made by someone else.
//!
//! Everything lives in the platform's data folder (`~/.local/share/parcours` on Linux), or in
//! `$PARCOURS_DATA_DIR` when set (tests use a temporary folder), never next to the user's map.

use crate::file;
use crate::model::Map;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 10;
/// How often unsaved work is copied to the recovery folder.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);
/// How often the open file is checked for changes on disk where the system has no file watcher.
pub const WATCH_EVERY: Duration = Duration::from_secs(1);

/// The folder for recent files and recovery copies.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PARCOURS_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "parcours", "parcours").map(|dirs| dirs.data_dir().to_path_buf())
}

/// What the user chose in Preferences.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Interface language (`fr` or `en`); the system's when absent.
    pub language: Option<String>,
    /// Theme name as on the command line (`light`, `dark`, `high-contrast`); light when absent.
    pub theme: Option<String>,
    /// The lanes panel on the left: open or closed, and its width.
    pub lanes_panel: Option<PanelPreference>,
    /// The inspector on the right: open or closed, and its width.
    pub inspector_panel: Option<PanelPreference>,
}

/// A side panel as the user left it.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PanelPreference {
    /// Shown (true) or collapsed.
    pub open: bool,
    /// Its width in screen points.
    pub width: f32,
}

/// The data folder and what is kept in it.
#[derive(Clone, Debug)]
pub struct Store {
    /// The folder; `None` when the platform has none (nothing is remembered then).
    pub dir: Option<PathBuf>,
}

/// An autosaved copy: a live one (a session that did not end cleanly, or another window's) or
/// one the user discarded, kept [`KEEP_DISCARDED`] in case it was a mistake.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    /// The recovery file.
    pub copy: PathBuf,
    /// The map file it belongs to, if it had one.
    pub original: Option<PathBuf>,
    /// When it was written.
    pub saved_at: Option<SystemTime>,
    /// The map's title (read from the copy when an old side file does not say).
    pub title: String,
    /// How many unsaved changes it holds over its original (unknown for old copies).
    pub unsaved_changes: Option<usize>,
    /// When the user discarded it; `None` for a live copy.
    pub discarded_at: Option<SystemTime>,
}

/// The side file next to a recovery copy (`NAME.origin`), as RON. Older versions wrote the
/// original's path alone as plain text: [`Note::read`] still takes that.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Note {
    /// The map file the copy belongs to (absolute), if any.
    pub original: Option<String>,
    /// When the copy was written, in seconds since the Unix epoch.
    pub saved_at: Option<u64>,
    /// The map's title.
    pub title: String,
    /// How many unsaved changes (undo steps) the copy holds over its original.
    pub unsaved_changes: Option<usize>,
    /// When the copy was discarded, in seconds since the Unix epoch.
    pub discarded_at: Option<u64>,
}

impl Note {
    /// The note of a copy of `map` with `unsaved_changes` over `original`, written now.
    pub fn new(original: Option<&Path>, map: &Map, unsaved_changes: usize) -> Self {
        Self {
            original: original.map(|p| absolute(p).display().to_string()),
            saved_at: Some(unix_seconds(SystemTime::now())),
            title: map.title.clone(),
            unsaved_changes: Some(unsaved_changes),
            discarded_at: None,
        }
    }

    /// Reads a side file's text: the RON record, or an old plain path (empty: no original).
    pub fn read(text: &str) -> Self {
        if let Ok(note) = ron::from_str::<Note>(text) {
            return note;
        }
        let path = text.trim();
        Self { original: (!path.is_empty()).then(|| path.to_owned()), ..Self::default() }
    }

    fn to_text(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap_or_default() + "\n"
    }
}

/// How long discarded recovery copies are kept before the start-up prunes them.
pub const KEEP_DISCARDED: Duration = Duration::from_hours(7 * 24);

/// The recovery copy this window wrote last, and the hash of what it wrote: the next autosave
/// writes there only if the copy still holds exactly that (a second window on the same map must
/// not overwrite this one's copy, nor this one the other's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Autosaved {
    /// The copy.
    pub copy: PathBuf,
    /// The hash of its bytes as written.
    pub hash: file::ContentHash,
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

    /// The recovery copy of a map file (or of the untitled map) when no other window holds it.
    pub fn recovery_path(&self, original: Option<&Path>) -> Option<PathBuf> {
        Some(self.recovery_dir()?.join(format!("{}.ron", copy_stem(original))))
    }

    fn discarded_dir(&self) -> Option<PathBuf> {
        self.recovery_dir().map(|d| d.join("discarded"))
    }

    fn backups_dir(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("backups"))
    }

    /// Writes the recovery copy of unsaved work, with its side [`Note`]. The copy goes where this
    /// window wrote last (`last`) if it still holds what was written there; otherwise to a new
    /// name, so that a copy written by another window (or left by a crash) is never overwritten.
    pub fn autosave(&self, map: &Map, note: &Note, last: Option<&Autosaved>) -> Result<Autosaved, String> {
        let original = note.original.as_deref().map(Path::new);
        let dir = self.recovery_dir().ok_or("there is no data folder for recovery copies")?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("{}: cannot create the folder ({e})", dir.display()))?;
        let bytes = file::to_string(map).into_bytes();
        let hash = file::ContentHash::of(&bytes);
        let mut candidates: Vec<(PathBuf, file::OnDisk)> = Vec::new();
        if let Some(last) = last {
            candidates.push((last.copy.clone(), file::OnDisk::Unchanged(last.hash)));
        }
        let stem = copy_stem(original);
        candidates.push((dir.join(format!("{stem}.ron")), file::OnDisk::Absent));
        candidates.extend((2..100).map(|n| (dir.join(format!("{stem}-{n}.ron")), file::OnDisk::Absent)));
        for (copy, expected) in candidates {
            match file::write_atomic_if(&copy, &bytes, expected) {
                Ok(()) => {
                    file::write_atomic(&copy.with_extension("origin"), note.to_text().as_bytes())
                        .map_err(|e| e.to_string())?;
                    return Ok(Autosaved { copy, hash });
                }
                Err(file::FileError::ChangedOnDisk { .. }) => {}
                Err(error) => return Err(error.to_string()),
            }
        }
        Err(format!("{}: no free name for a recovery copy", dir.display()))
    }

    /// Removes this window's recovery copy (after a save) if it still holds what this window
    /// wrote; a copy another window wrote over is left alone.
    pub fn remove_own_copy(autosaved: &Autosaved) {
        if file::check_on_disk(&autosaved.copy, file::OnDisk::Unchanged(autosaved.hash)).is_ok() {
            Self::remove_copy(&autosaved.copy);
        }
    }

    /// Removes one recovery copy and its side file.
    pub fn remove_copy(copy: &Path) {
        // A copy that is already gone is what we want.
        std::fs::remove_file(copy).ok();
        std::fs::remove_file(copy.with_extension("origin")).ok();
    }

    /// Moves a recovery copy among the discarded ones (kept [`KEEP_DISCARDED`]); returns its new
    /// place. A copy that is discarded already stays where it is.
    pub fn discard(&self, recovery: &Recovery) -> Result<PathBuf, String> {
        if recovery.discarded_at.is_some() {
            return Ok(recovery.copy.clone());
        }
        let dir = self.discarded_dir().ok_or("there is no data folder for recovery copies")?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("{}: cannot create the folder ({e})", dir.display()))?;
        let note_path = recovery.copy.with_extension("origin");
        let mut note = std::fs::read_to_string(&note_path).map(|t| Note::read(&t)).unwrap_or_default();
        note.discarded_at = Some(unix_seconds(SystemTime::now()));
        if note.saved_at.is_none() {
            note.saved_at = recovery.saved_at.map(unix_seconds);
        }
        if note.title.is_empty() {
            note.title.clone_from(&recovery.title);
        }
        let stem = recovery.copy.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let target = free_name(&dir, &format!("{stem}-{}", utc_stamp(SystemTime::now())))?;
        std::fs::rename(&recovery.copy, &target)
            .map_err(|e| format!("{}: cannot move the copy ({e})", recovery.copy.display()))?;
        std::fs::remove_file(&note_path).ok();
        file::write_atomic(&target.with_extension("origin"), note.to_text().as_bytes())
            .map_err(|e| e.to_string())?;
        Ok(target)
    }

    /// Keeps unsaved work the user chose to discard (Discard in the unsaved-changes prompt) among
    /// the discarded copies, for [`KEEP_DISCARDED`].
    pub fn keep_discarded(&self, map: &Map, note: &Note) -> Result<PathBuf, String> {
        let dir = self.discarded_dir().ok_or("there is no data folder for recovery copies")?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("{}: cannot create the folder ({e})", dir.display()))?;
        let stem = copy_stem(note.original.as_deref().map(Path::new));
        let target = free_name(&dir, &format!("{stem}-{}", utc_stamp(SystemTime::now())))?;
        file::write_atomic_if(&target, file::to_string(map).as_bytes(), file::OnDisk::Absent)
            .map_err(|e| e.to_string())?;
        let note = Note { discarded_at: Some(unix_seconds(SystemTime::now())), ..note.clone() };
        file::write_atomic(&target.with_extension("origin"), note.to_text().as_bytes())
            .map_err(|e| e.to_string())?;
        Ok(target)
    }

    /// Recovery copies left by a session that did not end cleanly (or by another window open
    /// now), newest first.
    pub fn recoveries(&self) -> Vec<Recovery> {
        self.recovery_dir().map(|dir| copies_in(&dir, false)).unwrap_or_default()
    }

    /// Copies the user discarded in the last [`KEEP_DISCARDED`], newest first.
    pub fn discarded(&self) -> Vec<Recovery> {
        self.discarded_dir().map(|dir| copies_in(&dir, true)).unwrap_or_default()
    }

    /// Deletes the discarded copies older than [`KEEP_DISCARDED`] at `now` (run at start-up).
    pub fn prune_discarded(&self, now: SystemTime) {
        for recovery in self.discarded() {
            let when = recovery.discarded_at.or(recovery.saved_at);
            if when.is_some_and(|t| now.duration_since(t).is_ok_and(|age| age > KEEP_DISCARDED)) {
                Self::remove_copy(&recovery.copy);
            }
        }
    }

    /// Copies the bytes a save is about to replace into `<data>/backups/<stem>-<UTC time>.ron`
    /// (never next to the user's map); returns the backup's path.
    pub fn backup(&self, original: &Path, bytes: &[u8]) -> Result<PathBuf, String> {
        let dir = self.backups_dir().ok_or("there is no data folder for backups")?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("{}: cannot create the folder ({e})", dir.display()))?;
        let stem =
            original.file_stem().map_or_else(|| "map".to_owned(), |s| s.to_string_lossy().into_owned());
        let target = free_name(&dir, &format!("{stem}-{}", utc_stamp(SystemTime::now())))?;
        file::write_atomic_if(&target, bytes, file::OnDisk::Absent).map_err(|e| e.to_string())?;
        Ok(target)
    }
}

impl Default for Store {
    fn default() -> Self {
        Self::new()
    }
}

/// The path made absolute (symlinks resolved when it exists).
fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// The name of a map's recovery copies: its stem and a stable hash of its absolute path.
fn copy_stem(original: Option<&Path>) -> String {
    match original {
        Some(path) => {
            let path = absolute(path);
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            format!("{stem}-{:016x}", crate::hash::fnv1a(path.as_os_str().as_encoded_bytes()))
        }
        None => "untitled".to_owned(),
    }
}

/// `dir/stem.ron`, or `dir/stem-2.ron`… the first that does not exist.
fn free_name(dir: &Path, stem: &str) -> Result<PathBuf, String> {
    std::iter::once(dir.join(format!("{stem}.ron")))
        .chain((2..1000).map(|n| dir.join(format!("{stem}-{n}.ron"))))
        .find(|p| !p.exists())
        .ok_or_else(|| format!("{}: no free name for {stem}", dir.display()))
}

fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn from_unix_seconds(seconds: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
}

/// A time for file names: `20261103T141503Z` (UTC, sorts as it reads).
pub fn utc_stamp(time: SystemTime) -> String {
    let seconds = i64::try_from(unix_seconds(time)).unwrap_or(0);
    jiff::Timestamp::from_second(seconds).map_or_else(
        |_| seconds.to_string(),
        |t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).strftime("%Y%m%dT%H%M%SZ").to_string(),
    )
}

/// A time for people, in the system's time zone: `2026-11-03 14:15`, `03/11/2026 à 14:15`.
pub fn local_time(time: SystemTime, lang: super::i18n::Lang) -> String {
    let seconds = i64::try_from(unix_seconds(time)).unwrap_or(0);
    let format = match lang {
        super::i18n::Lang::En => "%Y-%m-%d %H:%M",
        super::i18n::Lang::Fr => "%d/%m/%Y à %H:%M",
    };
    jiff::Timestamp::from_second(seconds).map_or_else(
        |_| seconds.to_string(),
        |t| t.to_zoned_datetime(jiff::tz::TimeZone::system()).strftime(format).to_string(),
    )
}

/// The copies (`*.ron` with their side notes) in one folder, newest first.
fn copies_in(dir: &Path, discarded: bool) -> Vec<Recovery> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<Recovery> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "ron"))
        .map(|copy| {
            let note = std::fs::read_to_string(copy.with_extension("origin"))
                .map(|t| Note::read(&t))
                .unwrap_or_default();
            let modified = std::fs::metadata(&copy).and_then(|m| m.modified()).ok();
            let title = if note.title.is_empty() {
                // An old side file: the copy itself knows the title.
                file::load(&copy).map(|m| m.title).unwrap_or_default()
            } else {
                note.title.clone()
            };
            let discarded_at =
                note.discarded_at.map(from_unix_seconds).or(if discarded { modified } else { None });
            Recovery {
                original: note.original.map(PathBuf::from),
                saved_at: note.saved_at.map(from_unix_seconds).or(modified),
                title,
                unsaved_changes: note.unsaved_changes,
                discarded_at,
                copy,
            }
        })
        .collect();
    found.sort_by(|a, b| {
        b.discarded_at
            .cmp(&a.discarded_at)
            .then(b.saved_at.cmp(&a.saved_at))
            .then_with(|| a.copy.cmp(&b.copy))
    });
    found
}

/// How long the watcher waits for a burst of events (git writes, renames) to end.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// Watches the folder of one file for changes to it (atomic saves, git and ours alike, replace
/// the file by a rename, so the folder is watched, not the file). A thread waits for events and
/// wakes the window only when one concerns the file: an idle window is never woken on a timer.
/// Where the system offers no watcher, it falls back to looking every [`WATCH_EVERY`].
pub struct Watch {
    /// The file.
    pub path: PathBuf,
    signal: Arc<AtomicBool>,
    watcher: Option<notify::RecommendedWatcher>,
    next_poll: Option<Instant>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The system watcher has nothing to show.
        f.debug_struct("Watch")
            .field("path", &self.path)
            .field("signal", &self.signal)
            .field("watching", &self.watcher.is_some())
            .field("next_poll", &self.next_poll)
            .finish()
    }
}

impl Watch {
    /// Starts watching `path`; `ctx` is asked to repaint when it changes.
    pub fn new(path: &Path, ctx: &egui::Context) -> Self {
        let signal = Arc::new(AtomicBool::new(false));
        let watcher = start_watcher(path, ctx, &signal);
        let next_poll = watcher.is_none().then(|| Instant::now() + WATCH_EVERY);
        Self { path: path.to_path_buf(), signal, watcher, next_poll }
    }

    /// True when the file may have changed since the last call: an event named it (or, without a
    /// system watcher, the time to look again came).
    pub fn take_signal(&mut self) -> bool {
        if let Some(next) = self.next_poll {
            let now = Instant::now();
            if now >= next {
                self.next_poll = Some(now + WATCH_EVERY);
                return true;
            }
        }
        self.signal.swap(false, Ordering::AcqRel)
    }

    /// When the fallback wants to look again (`None` with a system watcher: nothing to wait for).
    pub fn poll_due(&self) -> Option<Instant> {
        self.next_poll
    }

    /// True when the system watcher runs (no polling).
    pub fn is_watching(&self) -> bool {
        self.watcher.is_some()
    }
}

/// The system watcher on `path`'s folder, feeding a debouncing thread; `None` when the system has
/// none to give (then [`Watch`] polls).
fn start_watcher(
    path: &Path,
    ctx: &egui::Context,
    signal: &Arc<AtomicBool>,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher as _;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name()?.to_owned();
    let (sender, receiver) = std::sync::mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if concerns(&event, &name) {
            // The receiver is gone only when the watch is dropped.
            sender.send(()).ok();
        }
    })
    .ok()?;
    watcher.watch(&folder, notify::RecursiveMode::NonRecursive).ok()?;
    let ctx = ctx.clone();
    let signal = Arc::clone(signal);
    std::thread::Builder::new()
        .name("file-watch".into())
        .spawn(move || {
            // Blocks until an event comes; ends when the watcher (and its sender) is dropped.
            while receiver.recv().is_ok() {
                // Let a burst (write, rename, chmod) end before looking.
                loop {
                    match receiver.recv_timeout(DEBOUNCE) {
                        Ok(()) => {}
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
                signal.store(true, Ordering::Release);
                ctx.request_repaint();
            }
        })
        .ok()?;
    Some(watcher)
}

/// True when an event may have changed the file named `name`: anything but reads (ours included:
/// hashing the file opens it) touching a path of that name.
fn concerns(event: &notify::Event, name: &std::ffi::OsStr) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind};
    let kind = match event.kind {
        EventKind::Access(access) => access == AccessKind::Close(AccessMode::Write),
        EventKind::Any
        | EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_)
        | EventKind::Other => true,
    };
    kind && event.paths.iter().any(|p| p.file_name() == Some(name))
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
    fn recovery_copies_are_found_with_their_note() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("data"));
        let original = dir.path().join("m.ron");
        std::fs::write(&original, "x").unwrap();
        let map = Map::new("Carte « test »");
        let written = store.autosave(&map, &Note::new(Some(&original), &map, 3), None).unwrap();
        let found = store.recoveries();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].original.as_deref(), Some(std::fs::canonicalize(&original).unwrap().as_path()));
        assert_eq!(found[0].title, "Carte « test »");
        assert_eq!(found[0].unsaved_changes, Some(3));
        assert!(found[0].saved_at.is_some());
        Store::remove_own_copy(&written);
        assert!(store.recoveries().is_empty());
    }

    #[test]
    fn old_side_files_holding_a_bare_path_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("data"));
        let recovery = dir.path().join("data/recovery");
        std::fs::create_dir_all(&recovery).unwrap();
        file::save(&recovery.join("m-0123.ron"), &Map::new("Ancienne")).unwrap();
        std::fs::write(recovery.join("m-0123.origin"), "/home/x/m.ron").unwrap();
        file::save(&recovery.join("untitled.ron"), &Map::new("Sans fichier")).unwrap();
        std::fs::write(recovery.join("untitled.origin"), "").unwrap();
        let mut found = store.recoveries();
        found.sort_by(|a, b| a.title.cmp(&b.title));
        assert_eq!(found[0].title, "Ancienne", "the title comes from the copy");
        assert_eq!(found[0].original.as_deref(), Some(Path::new("/home/x/m.ron")));
        assert_eq!(found[0].unsaved_changes, None);
        assert_eq!(found[1].original, None);
    }

    #[test]
    fn a_second_window_never_overwrites_the_first_ones_copy() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("data"));
        let original = dir.path().join("m.ron");
        std::fs::write(&original, "x").unwrap();
        let (first, second) = (Map::new("Première fenêtre"), Map::new("Seconde fenêtre"));
        let note = |map: &Map| Note::new(Some(&original), map, 1);
        let a = store.autosave(&first, &note(&first), None).unwrap();
        let b = store.autosave(&second, &note(&second), None).unwrap();
        assert_ne!(a.copy, b.copy, "the second window writes beside the first's copy");
        // Each keeps writing to its own copy.
        let mut first = first;
        first.title = "Première, plus tard".into();
        let a2 = store.autosave(&first, &note(&first), Some(&a)).unwrap();
        assert_eq!(a2.copy, a.copy);
        assert_eq!(file::load(&b.copy).unwrap().title, "Seconde fenêtre");
        // A copy someone else replaced is not ours any more: we move to a fresh name.
        file::save(&a.copy, &Map::new("Quelqu’un d’autre")).unwrap();
        let a3 = store.autosave(&first, &note(&first), Some(&a2)).unwrap();
        assert_ne!(a3.copy, a.copy);
        assert_eq!(file::load(&a.copy).unwrap().title, "Quelqu’un d’autre");
        // And removing our copy after a save leaves the others.
        Store::remove_own_copy(&a2);
        assert!(a.copy.exists(), "not ours any more: kept");
        assert_eq!(store.recoveries().len(), 3);
    }

    #[test]
    fn discarded_copies_are_kept_seven_days() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("data"));
        let map = Map::new("Carte");
        store.autosave(&map, &Note::new(None, &map, 2), None).unwrap();
        let live = store.recoveries().remove(0);
        let moved = store.discard(&live).unwrap();
        assert!(!live.copy.exists());
        assert!(store.recoveries().is_empty());
        let discarded = store.discarded();
        assert_eq!(discarded.len(), 1);
        assert_eq!(discarded[0].copy, moved);
        assert_eq!((discarded[0].title.as_str(), discarded[0].unsaved_changes), ("Carte", Some(2)));
        assert!(discarded[0].discarded_at.is_some());
        store.keep_discarded(&Map::new("Autre"), &Note::new(None, &Map::new("Autre"), 1)).unwrap();
        assert_eq!(store.discarded().len(), 2);
        store.prune_discarded(SystemTime::now() + Duration::from_hours(6 * 24));
        assert_eq!(store.discarded().len(), 2, "six days later they are still there");
        store.prune_discarded(SystemTime::now() + KEEP_DISCARDED + Duration::from_mins(1));
        assert!(store.discarded().is_empty(), "pruned after seven days");
    }

    #[test]
    fn backups_go_to_the_data_folder_with_a_utc_time_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("data"));
        let map = dir.path().join("carte.ron");
        let first = store.backup(&map, b"one").unwrap();
        let second = store.backup(&map, b"two").unwrap();
        assert_ne!(first, second);
        assert!(first.starts_with(dir.path().join("data/backups")));
        let name = first.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("carte-") && name.ends_with("Z.ron"), "{name}");
        assert_eq!(std::fs::read(&first).unwrap(), b"one");
        assert_eq!(std::fs::read(&second).unwrap(), b"two");
    }

    #[test]
    fn watch_signals_a_replaced_file_and_not_a_neighbour() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        std::fs::write(&path, "one").unwrap();
        let ctx = egui::Context::default();
        let mut watch = Watch::new(&path, &ctx);
        assert!(watch.is_watching(), "inotify is available here");
        let wait = |watch: &mut Watch| {
            let until = Instant::now() + Duration::from_secs(3);
            while Instant::now() < until {
                if watch.take_signal() {
                    return true;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            false
        };
        std::fs::write(dir.path().join("other.ron"), "x").unwrap();
        std::fs::read(&path).unwrap();
        assert!(!wait(&mut watch), "another file, and reading ours, say nothing");
        file::write_atomic(&path, b"two").unwrap();
        assert!(wait(&mut watch), "an atomic save (a rename) is seen");
        assert!(!watch.take_signal(), "once");
    }

    #[test]
    fn preferences_round_trip_and_a_bad_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("data"));
        assert_eq!(store.preferences(), Preferences::default());
        let prefs = Preferences {
            language: Some("fr".into()),
            theme: Some("dark".into()),
            lanes_panel: Some(PanelPreference { open: false, width: 180.0 }),
            inspector_panel: None,
        };
        store.save_preferences(&prefs).unwrap();
        assert_eq!(store.preferences(), prefs);
        std::fs::write(dir.path().join("data/preferences.ron"), "(language: 3").unwrap();
        assert_eq!(store.preferences(), Preferences::default());
    }
}
