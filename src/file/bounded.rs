//! Reading a file that may be anything: only regular files are read, without blocking and
//! through a hard byte limit, so no path can hang Parcours or exhaust its memory.
//!
//! A path naming a directory, a FIFO, a socket or a device (`/dev/zero`, `/dev/urandom`) is
//! refused from its metadata, before it is opened: opening a FIFO for reading waits for a writer,
//! and a device never ends. The file is opened without blocking (`O_NONBLOCK` on Unix), its type
//! checked again on the open handle (the path may have been swapped in between), and read
//! through `limit + 1` bytes at most. Maps (`file::read_text`), imported files and images
//! (`images`) all read through here.

use std::io::Read as _;
use std::path::Path;

/// Why [`read_regular`] refused or failed.
#[derive(Debug)]
pub enum ReadError {
    /// The system could not read the path.
    Io(std::io::Error),
    /// The path names something that is not a regular file; says what ("a FIFO (named pipe)"…).
    NotAFile(&'static str),
    /// The file holds more than the limit; its size as far as it is known.
    TooLarge(u64),
}

/// Checks, from its metadata alone, that `path` names a regular file of at most `limit` bytes:
/// what [`read_regular`] would refuse before reading anything.
pub fn probe(path: &Path, limit: u64) -> Result<(), ReadError> {
    usable(&std::fs::metadata(path).map_err(ReadError::Io)?, limit)
}

/// The bytes of the regular file at `path`, of at most `limit` bytes; anything else is refused
/// without blocking and without reading more than the limit.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Refused from its metadata first: a FIFO must not even be opened.
    probe(path, limit)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // If the path became a FIFO since the check above, opening it returns at once.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    // The path may have been swapped between the check and the open: check what was opened.
    usable(&file.metadata().map_err(ReadError::Io)?, limit)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn usable(metadata: &std::fs::Metadata, limit: u64) -> Result<(), ReadError> {
    if !metadata.is_file() {
        return Err(ReadError::NotAFile(describe(metadata.file_type())));
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge(metadata.len()));
    }
    Ok(())
}

/// What a path that is not a regular file names, in words.
fn describe(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() { "a directory" } else { "a special file" }
}
