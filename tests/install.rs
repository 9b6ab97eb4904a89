//! `scripts/install`: the desktop entry, the icon and the MIME type of maps land where the XDG base
//! directories say, are valid, and `--uninstall` takes them away again. The binary's own install is
//! `cargo install` (not run here: `--no-build`).

use std::path::Path;
use std::process::Command;

fn run_install(data: &Path, config: &Path, args: &[&str]) -> std::process::Output {
    Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/install"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env("XDG_CONFIG_HOME", config)
        .output()
        .expect("run scripts/install")
}

fn has(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

#[test]
fn install_puts_the_desktop_entry_icon_and_mime_type_in_place_and_uninstall_removes_them() {
    let home = tempfile::tempdir().unwrap();
    let (data, config) = (home.path().join("data"), home.path().join("config"));
    let out = run_install(&data, &config, &["--no-build"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let desktop = data.join("applications/parcours.desktop");
    let entry = std::fs::read_to_string(&desktop).unwrap();
    assert!(entry.contains("Exec=parcours %f") && entry.contains("MimeType=application/x-parcours-map;"));
    assert!(data.join("icons/hicolor/scalable/apps/parcours.svg").is_file());
    assert!(data.join("icons/hicolor/256x256/apps/parcours.png").is_file());
    assert!(data.join("mime/packages/parcours-map.xml").is_file());
    if has("desktop-file-validate") {
        let check = Command::new("desktop-file-validate").arg(&desktop).output().unwrap();
        assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    }
    if has("update-mime-database") {
        // The database was rebuilt with our type: its globs name *.ron.
        let globs = std::fs::read_to_string(data.join("mime/globs2")).unwrap();
        assert!(globs.contains("application/x-parcours-map:*.ron"), "{globs}");
    }
    if has("xdg-mime") {
        let list = std::fs::read_to_string(config.join("mimeapps.list")).unwrap();
        assert!(list.contains("application/x-parcours-map=parcours.desktop"), "{list}");
    }

    let out = run_install(&data, &config, &["--uninstall"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!desktop.exists() && !data.join("mime/packages/parcours-map.xml").exists());
}

#[test]
fn install_refuses_an_unknown_option() {
    let home = tempfile::tempdir().unwrap();
    let out = run_install(home.path(), home.path(), &["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown option --frobnicate"));
}

/// The window icon compiled into the designer decodes, square.
#[cfg(feature = "gui")]
#[test]
fn the_window_icon_is_a_square_png() {
    let icon = eframe::icon_data::from_png_bytes(parcours::app::WINDOW_ICON).unwrap();
    assert_eq!((icon.width, icon.height), (256, 256));
}
