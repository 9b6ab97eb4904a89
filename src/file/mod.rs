//! The only reader and writer of `.ron` map files.
//!
//! One canonical pretty form (LF, 4-space indent, field order of the model, fields holding their
//! default omitted), atomic saves, version migration, and errors that name the file, line and column.

pub mod bounded;
mod error;

pub use error::FileError;

use crate::model::{FORMAT_VERSION, Map};
use serde::Deserialize;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Files larger than this are refused before parsing: 16 MiB. A generated 10,000-card map is
/// 3.4 MB, and a map at the 20,000-card cap ([`crate::model::limits::MAX_CARDS`]) with a
/// sentence of details on every card about 12 MB; a larger file is not a map, and the cap keeps
/// the total text a layout must handle bounded.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Nesting deeper than this is refused (a map needs about 6 levels).
const RECURSION_LIMIT: usize = 64;

/// One step of the migration path: turns a file of version `from` into one of version `from + 1`.
type Migration = fn(ron::Value) -> Result<ron::Value, String>;

/// Migrations from each old version, in order; entry `i` upgrades version `i + 1` to `i + 2`.
/// Versions from [`READ_DIRECTLY_FROM`] on need none (the list is empty so far).
const MIGRATIONS: &[Migration] = &[];

/// The oldest version read without migration: version 2 only added optional fields (the
/// workshop room's inbox, dismissed notes, vote, and a card's `from_note` and `votes`), so a
/// version 1 file is a version 2 file without them.
const READ_DIRECTLY_FROM: u32 = 1;

/// The canonical text of a map: what `save` writes and `fmt` compares against.
///
/// The `version` written is the lowest that holds the map ([`Map::required_version`]), whatever
/// `map.version` says: a map without workshop-room data stays a version 1 file, readable by
/// older builds, and one with room data is refused by them with a clear "newer version" message.
pub fn to_string(map: &Map) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .escape_strings(true);
    match ron::ser::to_string_pretty(map, config) {
        Ok(mut text) => {
            text.push('\n');
            // `version` is the first field, written as `(\n    version: N,\n`.
            let written = format!("(\n    version: {},\n", map.version);
            if text.starts_with(&written) {
                text.replace_range(
                    ..written.len(),
                    &format!("(\n    version: {},\n", map.required_version()),
                );
            }
            text
        }
        // The model holds only strings, numbers, options, lists and string-keyed maps: RON can
        // always write them, so this arm is unreachable in practice; keep a readable fallback.
        Err(error) => format!("// could not write the map: {error}\n"),
    }
}

/// Reads a map from text; `path` is only used in error messages.
pub fn from_str(text: &str, path: &Path) -> Result<Map, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let size = u64::try_from(text.len()).unwrap_or(u64::MAX);
    if size > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { path: path.to_owned(), size, limit: MAX_FILE_BYTES });
    }
    if text.trim().is_empty() {
        return Err(FileError::Empty { path: path.to_owned() });
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    match options.from_str::<Map>(text) {
        Ok(mut map) if (READ_DIRECTLY_FROM..=FORMAT_VERSION).contains(&map.version) => {
            map.version = FORMAT_VERSION;
            Ok(map)
        }
        Ok(map) => version_mismatch(text, path, map.version, &options),
        Err(error) => {
            // A file of another version may not match today's fields: say so rather than
            // reporting the first field that changed.
            if let Ok(probe) = options.from_str::<VersionProbe>(text)
                && !(READ_DIRECTLY_FROM..=FORMAT_VERSION).contains(&probe.version)
                && probe.version != 0
            {
                return version_mismatch(text, path, probe.version, &options);
            }
            Err(FileError::syntax(path, text, &error))
        }
    }
}

/// Loads a map file.
pub fn load(path: &Path) -> Result<Map, FileError> {
    let text = read_text(path)?;
    from_str(&text, path)
}

/// Reads a file as UTF-8 text, refusing huge files before reading them.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let bytes = bounded::read_regular(path, MAX_FILE_BYTES).map_err(|error| {
        let path = path.to_owned();
        match error {
            bounded::ReadError::Io(source) => FileError::Io { path, source },
            bounded::ReadError::NotAFile(what) => FileError::NotAFile { path, what },
            bounded::ReadError::TooLarge(size) => FileError::TooLarge { path, size, limit: MAX_FILE_BYTES },
        }
    })?;
    String::from_utf8(bytes).map_err(|error| FileError::not_utf8(path, error.as_bytes(), error.utf8_error()))
}

/// Saves a map atomically: writes a temporary file in the same folder, syncs it, then renames it
/// over `path`. If anything fails, the old file is left as it was.
///
/// A map over a cap of [`crate::model::limits`] is refused, and so is one whose text would be
/// larger than [`MAX_FILE_BYTES`]: loading would refuse the file, so it is never written.
pub fn save(path: &Path, map: &Map) -> Result<(), FileError> {
    let text = savable(path, map)?;
    write_atomic(path, text.as_bytes())
}

/// The canonical text of a map, if loading it back would not be refused for its size.
pub fn savable(path: &Path, map: &Map) -> Result<String, FileError> {
    crate::model::limits::check(map)
        .map_err(|overflow| FileError::OverLimit { path: path.to_owned(), overflow })?;
    let text = to_string(map);
    let size = u64::try_from(text.len()).unwrap_or(u64::MAX);
    if size > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { path: path.to_owned(), size, limit: MAX_FILE_BYTES });
    }
    Ok(text)
}

/// Writes bytes to `path` atomically (temporary file in the same folder, fsync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_atomic_if(path, bytes, OnDisk::Any)
}

/// What the file on disk must still be for a write to go ahead: the guard against overwriting
/// a colleague's change (a `git pull`, another editor) made since the file was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDisk {
    /// Write whatever is there.
    Any,
    /// The file must not exist (a new file).
    Absent,
    /// The file must hold exactly the bytes with this [`ContentHash`].
    Unchanged(ContentHash),
}

/// The hash of a file's bytes, kept when the file is read or written so that a later write can
/// tell whether someone else changed it in between.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ContentHash(pub u64);

impl ContentHash {
    /// The hash of these bytes.
    pub fn of(bytes: &[u8]) -> Self {
        Self(crate::hash::fnv1a(bytes))
    }

    /// The hash of the file at `path` as it is now: `None` when it does not exist.
    pub fn of_file(path: &Path) -> Result<Option<Self>, FileError> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Some(Self::of(&bytes))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(FileError::Io { path: path.to_owned(), source }),
        }
    }
}

/// What [`OnDisk`] says of the file as it is now: `Ok` when a write may go ahead.
pub fn check_on_disk(path: &Path, expected: OnDisk) -> Result<(), FileError> {
    let now = match expected {
        OnDisk::Any => return Ok(()),
        OnDisk::Absent | OnDisk::Unchanged(_) => ContentHash::of_file(path)?,
    };
    let unchanged = match (expected, now) {
        (OnDisk::Absent, None) => true,
        (OnDisk::Unchanged(hash), Some(current)) => hash == current,
        _ => false,
    };
    if unchanged { Ok(()) } else { Err(FileError::ChangedOnDisk { path: path.to_owned() }) }
}

/// Writes bytes to `path` atomically, as [`write_atomic`], if the file on disk is still as
/// `expected` says just before the rename; otherwise leaves it untouched and returns
/// [`FileError::ChangedOnDisk`].
pub fn write_atomic_if(path: &Path, bytes: &[u8], expected: OnDisk) -> Result<(), FileError> {
    let io = |source| FileError::Io { path: path.to_owned(), source };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut temporary = tempfile_in(&folder, &name).map_err(io)?;
    let result = (|| -> Result<(), Failure> {
        temporary.file.write_all(bytes)?;
        temporary.file.sync_all()?;
        // Checked as late as possible, after the slow part, just before the rename.
        check_on_disk(path, expected).map_err(Failure::Guard)?;
        std::fs::rename(&temporary.path, path)?;
        // Make the rename itself durable.
        if let Ok(dir) = std::fs::File::open(&folder) {
            dir.sync_all().ok();
        }
        Ok(())
    })();
    if result.is_err() {
        std::fs::remove_file(&temporary.path).ok();
    }
    temporary.done = result.is_ok();
    result.map_err(|error: Failure| match error {
        Failure::Io(source) => io(source),
        Failure::Guard(error) => error,
    })
}

/// Why an atomic write stopped: the system, or the [`OnDisk`] guard.
enum Failure {
    Io(std::io::Error),
    Guard(FileError),
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Self::Io(error)
    }
}

/// A temporary file next to the target; removed on drop unless it was renamed into place.
struct Temporary {
    file: std::fs::File,
    path: PathBuf,
    done: bool,
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.done {
            std::fs::remove_file(&self.path).ok();
        }
    }
}

fn tempfile_in(folder: &Path, name: &str) -> std::io::Result<Temporary> {
    let pid = std::process::id();
    for attempt in 0..100_u32 {
        let path = folder.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok(Temporary { file, path, done: false }),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::other("could not create a temporary file"))
}

/// Only the version field; other fields are skipped.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    version: u32,
}

fn version_mismatch(text: &str, path: &Path, found: u32, options: &ron::Options) -> Result<Map, FileError> {
    if found > FORMAT_VERSION {
        return Err(FileError::NewerVersion { path: path.to_owned(), found, supported: FORMAT_VERSION });
    }
    if found == 0 {
        return Err(FileError::BadVersion { path: path.to_owned(), found });
    }
    let mut value: ron::Value =
        options.from_str(text).map_err(|error| FileError::syntax(path, text, &error))?;
    for step in found..FORMAT_VERSION {
        let Some(migrate) = usize::try_from(step - 1).ok().and_then(|i| MIGRATIONS.get(i)) else {
            return Err(FileError::BadVersion { path: path.to_owned(), found });
        };
        value = migrate(value).map_err(|message| FileError::Migration {
            path: path.to_owned(),
            from: step,
            message,
        })?;
    }
    let mut map: Map = value.into_rust().map_err(|error| FileError::Migration {
        path: path.to_owned(),
        from: found,
        message: error.to_string(),
    })?;
    map.version = FORMAT_VERSION;
    Ok(map)
}

#[cfg(test)]
mod tests;
