//! Running the `parcours` binary from integration tests.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `parcours` with `args` in `dir`.
pub fn parcours(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parcours")).args(args).current_dir(dir).output().expect("run parcours")
}

/// What a run printed on standard output.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a run printed on standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The repository's root folder.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a command-line tool (poppler's `pdfinfo`, `pdftotext`…) and returns what it printed;
/// fails the test, naming the tool, when it is missing or fails.
pub fn tool(name: &str, args: &[&str]) -> String {
    tool_with_env(name, args, &[])
}

/// [`tool`] with environment variables set for it (and for the programs it starts).
pub fn tool_with_env(name: &str, args: &[&str], env: &[(&str, &OsStr)]) -> String {
    let out = Command::new(name)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed by this test (run scripts/setup): {e}"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}
