//! Persona photos and the logo: read from paths relative to the map file, decoded with limits.
//!
//! Images are never embedded in the map file. A missing or broken image is a warning, never an
//! error: the poster shows initials instead. Decoding is bounded (file size, pixel dimensions and
//! memory), so a huge or malicious file cannot exhaust memory, and big photos are scaled down to
//! what a poster needs.
//!
//! Only regular files are read, without blocking and through a hard byte limit
//! ([`crate::file::bounded`]): a path naming `/dev/zero`, a FIFO or a directory is a warning,
//! never a hang.

use crate::display::Image;
use crate::file::bounded;
use crate::model::Map;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Files larger than this are not decoded.
pub const MAX_IMAGE_BYTES: u64 = 32 * 1024 * 1024;
/// Images wider or taller than this (in pixels) are refused before decoding.
pub const MAX_IMAGE_SIDE: u32 = 12_000;
/// Decoded images are scaled down to fit this many pixels on their longer side.
pub const MAX_KEPT_SIDE: u32 = 768;

/// Why an image could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The path names a directory, a FIFO, a device or a socket, not a file.
    #[error("{}: {what}, not an image file; name a PNG or JPEG file", path.display())]
    NotAFile {
        /// The path.
        path: std::path::PathBuf,
        /// What it is instead ("a directory", "a FIFO (named pipe)"…).
        what: &'static str,
    },
    /// The file is too big.
    #[error("{}: the image file is {size} bytes, over the {MAX_IMAGE_BYTES}-byte limit", path.display())]
    TooLarge {
        /// The file.
        path: std::path::PathBuf,
        /// Its size.
        size: u64,
    },
    /// The file is not a PNG or JPEG image the decoder accepts within its limits.
    #[error("{}: cannot decode the image ({message}); use a PNG or JPEG under {MAX_IMAGE_SIDE} pixels a side", path.display())]
    Decode {
        /// The file.
        path: std::path::PathBuf,
        /// What the decoder said.
        message: String,
    },
}

/// Reads and decodes one image file, scaled down to at most [`MAX_KEPT_SIDE`] pixels a side.
pub fn load(path: &Path, key: &str) -> Result<Image, ImageError> {
    let bytes = read_bounded(path)?;
    decode(&bytes, key).map_err(|message| ImageError::Decode { path: path.to_owned(), message })
}

/// Checks, from its metadata alone, that `path` names a regular file of at most
/// [`MAX_IMAGE_BYTES`]: what [`load`] would refuse before reading anything.
pub fn probe(path: &Path) -> Result<(), ImageError> {
    bounded::probe(path, MAX_IMAGE_BYTES).map_err(|error| image_error(path, error))
}

/// The bytes of a regular file of at most [`MAX_IMAGE_BYTES`]; anything else is refused without
/// blocking and without reading more than the limit.
fn read_bounded(path: &Path) -> Result<Vec<u8>, ImageError> {
    bounded::read_regular(path, MAX_IMAGE_BYTES).map_err(|error| image_error(path, error))
}

fn image_error(path: &Path, error: bounded::ReadError) -> ImageError {
    let path = path.to_owned();
    match error {
        bounded::ReadError::Io(source) => ImageError::Io { path, source },
        bounded::ReadError::NotAFile(what) => ImageError::NotAFile { path, what },
        bounded::ReadError::TooLarge(size) => ImageError::TooLarge { path, size },
    }
}

/// Decodes PNG or JPEG bytes with limits on dimensions and memory.
pub fn decode(bytes: &[u8], key: &str) -> Result<Image, String> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| e.to_string())?;
    let decoded = if decoded.width().max(decoded.height()) > MAX_KEPT_SIDE {
        decoded.resize(MAX_KEPT_SIDE, MAX_KEPT_SIDE, image::imageops::FilterType::Triangle)
    } else {
        decoded
    };
    let rgba = decoded.to_rgba8();
    Ok(Image { key: key.to_owned(), width: rgba.width(), height: rgba.height(), rgba: rgba.into_raw() })
}

/// Loads every photo and the logo a map names, relative to `folder`. Returns the images by the
/// path written in the map, and a warning for each that could not be used.
pub fn load_for_map(map: &Map, folder: &Path) -> (BTreeMap<String, Arc<Image>>, Vec<String>) {
    let mut images = BTreeMap::new();
    let mut warnings = Vec::new();
    let paths = map.personas.iter().filter_map(|p| p.photo.as_ref()).chain(map.logo.as_ref());
    for relative in paths {
        if images.contains_key(relative) {
            continue;
        }
        match load(&folder.join(relative), relative) {
            Ok(image) => {
                images.insert(relative.clone(), Arc::new(image));
            }
            Err(error) => warnings.push(error.to_string()),
        }
    }
    (images, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        let image = image::RgbaImage::from_pixel(width, height, image::Rgba([200, 30, 60, 255]));
        image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
        bytes
    }

    #[test]
    fn decodes_and_scales_down_big_photos() {
        let image = decode(&png(2000, 1000), "lea.png").unwrap();
        assert_eq!((image.width, image.height), (768, 384));
        assert_eq!(image.rgba.len(), 768 * 384 * 4);
        let small = decode(&png(40, 30), "x").unwrap();
        assert_eq!((small.width, small.height), (40, 30));
    }

    #[test]
    fn garbage_and_oversized_headers_are_errors_not_panics() {
        assert!(decode(b"not an image at all", "x").is_err());
        assert!(decode(&[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0], "x").is_err());
        // A PNG header claiming 100,000 × 100,000 pixels is refused before any allocation.
        let mut huge = png(1, 1);
        huge[16..20].copy_from_slice(&100_000_u32.to_be_bytes());
        huge[20..24].copy_from_slice(&100_000_u32.to_be_bytes());
        assert!(decode(&huge, "x").is_err());
    }

    /// Loads `path` on another thread and fails the test if that takes more than a few seconds
    /// (a FIFO used to block forever, `/dev/zero` to grow without end).
    fn load_within_seconds(path: &Path) -> Result<Image, ImageError> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let owned = path.to_owned();
        std::thread::spawn(move || sender.send(load(&owned, "x")).ok());
        receiver
            .recv_timeout(std::time::Duration::from_secs(5))
            .unwrap_or_else(|_| panic!("loading {} did not return within 5 s", path.display()))
    }

    #[cfg(unix)]
    #[test]
    fn devices_fifos_and_folders_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("photo.png");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.png")).unwrap();
        std::fs::create_dir(dir.path().join("folder.jpg")).unwrap();
        let cases = [
            (fifo, "a FIFO (named pipe), not an image file"),
            (PathBuf::from("/dev/zero"), "a device, not an image file"),
            (PathBuf::from("/dev/urandom"), "a device, not an image file"),
            (dir.path().join("zero.png"), "a device, not an image file"),
            (dir.path().join("folder.jpg"), "a directory, not an image file"),
        ];
        for (path, says) in cases {
            let error = load_within_seconds(&path).unwrap_err();
            assert!(matches!(error, ImageError::NotAFile { .. }), "{}: {error:?}", path.display());
            let message = error.to_string();
            assert!(message.starts_with(&path.display().to_string()), "{message}");
            assert!(message.contains(says), "{message}");
            assert!(probe(&path).is_err());
        }
    }

    #[test]
    fn files_over_the_limit_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.png");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_IMAGE_BYTES + 1).unwrap();
        assert!(matches!(load(&path, "x"), Err(ImageError::TooLarge { .. })));
        std::fs::write(&path, png(3, 2)).unwrap();
        let image = load(&path, "x").unwrap();
        assert_eq!((image.width, image.height), (3, 2));
    }

    #[test]
    fn missing_photos_are_warnings() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ok.png"), png(10, 10)).unwrap();
        let mut map = Map::new("t");
        map.personas.push(crate::model::Persona {
            id: "p-1".into(),
            photo: Some("ok.png".into()),
            ..Default::default()
        });
        map.personas.push(crate::model::Persona {
            id: "p-2".into(),
            photo: Some("missing.jpg".into()),
            ..Default::default()
        });
        let (images, warnings) = load_for_map(&map, dir.path());
        assert_eq!(images.keys().collect::<Vec<_>>(), ["ok.png"]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("missing.jpg"), "{warnings:?}");
    }
}
