//! `parcours room MAP.ron [--bind ADDR] [--port N] [--headless] [--join-sheet FILE]`: open a
//! workshop room on a map.
#![expect(clippy::print_stderr, reason = "the CLI talks to the terminal")]

use super::{report_file_error, usage_error};
use crate::edit::{Command, Editor};
use crate::file::{self, ContentHash, FileError, OnDisk};
use crate::model::Map;
use crate::room::{Host, RoomOptions, Session, net};
use clap::Args;
use std::io::Write as _;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Arguments of `parcours room`.
#[derive(Debug, Args)]
pub struct RoomArgs {
    /// The map the room writes on.
    pub map: PathBuf,
    /// The address to listen on [default: this machine's address on the local network].
    #[arg(long)]
    pub bind: Option<IpAddr>,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 7878)]
    pub port: u16,
    /// Run the room without a window: print the join URL alone on the first line of standard
    /// output, save what the room writes to MAP within 2 s, save and stop on SIGTERM or Ctrl+C.
    #[arg(long)]
    pub headless: bool,
    /// Also write the A4 join sheet (QR code, address, instructions) to this .pdf or .png.
    #[arg(long, value_name = "FILE")]
    pub join_sheet: Option<PathBuf>,
}

/// How long after a change the map is saved (the issue asks for 2 s at most).
const SAVE_AFTER: Duration = Duration::from_secs(1);

pub(super) fn run(args: &RoomArgs) -> ExitCode {
    let path = &args.map;
    let (text, map) =
        match file::read_text(path).and_then(|text| Ok((text.clone(), file::from_str(&text, path)?))) {
            Ok(pair) => pair,
            Err(error) => {
                report_file_error(&error);
                return ExitCode::from(2);
            }
        };
    if !args.headless {
        return window_mode(path, (args.bind.unwrap_or_else(net::lan_address), args.port));
    }
    let options = RoomOptions::new(args.bind.unwrap_or_else(net::lan_address), args.port, &map.language);
    let host = match Host::start(options) {
        Ok(host) => host,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let mut stdout = std::io::stdout();
    if writeln!(stdout, "{}", host.url()).and_then(|()| stdout.flush()).is_err() {
        return ExitCode::from(2);
    }
    eprintln!("{}: the room is open; participants join at {}", path.display(), host.url());
    eprintln!("desktops join with: parcours join {}", host.peer_url());
    if let Some(sheet) = &args.join_sheet
        && let Err(message) = write_join_sheet(sheet, &host.url(), &map)
    {
        eprintln!("{}: error: {message}", sheet.display());
    }
    let stop = Arc::new(AtomicBool::new(false));
    if let Err(error) = watch_signals(Arc::clone(&stop)) {
        eprintln!(
            "warning: stop signals cannot be caught ({error}); the map is still saved within 2 s of each change"
        );
    }
    let mut runner = Runner {
        path: path.clone(),
        editor: Editor::new(map.clone(), seed()),
        base: map,
        on_disk: ContentHash::of(text.as_bytes()),
        host,
        session: Session::new(),
        dirty_since: None,
    };
    runner.run(&stop)
}

/// Arguments of `parcours join`.
#[derive(Debug, Args)]
pub struct JoinArgs {
    /// The room's desktop link, as the host shows it (`http://ADDRESS:PORT/d/TOKEN`; `parcours
    /// room --headless` prints it on standard error).
    pub url: String,
    /// The name the others see next to what you select [default: your account's name].
    #[arg(long)]
    pub name: Option<String>,
}

/// `parcours join URL`: opens the designer on the host's map, editing alongside.
pub(super) fn join(args: &JoinArgs) -> ExitCode {
    let url = args.url.trim();
    if !(url.starts_with("http://") && url.contains("/d/")) {
        return usage_error(
            &format!("{url}: not a room link for desktops (it looks like http://ADDRESS:PORT/d/TOKEN)"),
            "use the desktop link of the host's room window, or the one `parcours room --headless` prints",
        );
    }
    join_window(url, args.name.as_deref())
}

#[cfg(feature = "gui")]
fn join_window(url: &str, name: Option<&str>) -> ExitCode {
    super::window_exit(crate::app::run_join(url, name), "a room is joined from a desktop with a display")
}

#[cfg(not(feature = "gui"))]
fn join_window(url: &str, _name: Option<&str>) -> ExitCode {
    usage_error(
        &format!("{url}: this build has no designer window to join the room with"),
        "build with the default features (the gui feature)",
    )
}

#[cfg(feature = "gui")]
fn window_mode(path: &Path, address: (IpAddr, u16)) -> ExitCode {
    match crate::app::run_room(path, address) {
        Ok(()) => ExitCode::SUCCESS,
        Err(crate::app::RunError::Open(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(crate::app::RunError::Window(error)) => usage_error(
            &format!("{}: the designer window could not open ({error})", path.display()),
            &format!("run the room without a window: parcours room {} --headless", path.display()),
        ),
    }
}

#[cfg(not(feature = "gui"))]
fn window_mode(path: &Path, _address: (IpAddr, u16)) -> ExitCode {
    usage_error(
        &format!("{}: this build has no designer window to host the room in", path.display()),
        &format!("run it without a window: parcours room {} --headless", path.display()),
    )
}

/// A seed for ids this session makes, different from run to run.
fn seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs() ^ u64::from(d.subsec_nanos()))
}

/// Sets `stop` on SIGTERM or SIGINT (Ctrl+C), from a small thread of its own.
fn watch_signals(stop: Arc<AtomicBool>) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    #[cfg(unix)]
    let (mut terminate, mut interrupt) = {
        use tokio::signal::unix::{SignalKind, signal};
        let _guard = runtime.enter();
        (signal(SignalKind::terminate())?, signal(SignalKind::interrupt())?)
    };
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        runtime.block_on(async {
            #[cfg(unix)]
            tokio::select! {
                _ = terminate.recv() => {}
                _ = interrupt.recv() => {}
            }
            #[cfg(not(unix))]
            tokio::signal::ctrl_c().await.ok();
        });
        stop.store(true, Ordering::SeqCst);
    })?;
    Ok(())
}

/// The join sheet as PDF or PNG, by extension.
fn write_join_sheet(path: &Path, url: &str, map: &Map) -> Result<(), String> {
    let bytes = crate::room::sheet::join_sheet_file(url, map)?.bytes(path)?;
    file::write_atomic(path, &bytes).map_err(|e| e.reason())?;
    eprintln!("{}: join sheet written", path.display());
    Ok(())
}

/// The headless room: the map's editor, the room's host and what was saved last.
struct Runner {
    path: PathBuf,
    editor: Editor,
    /// The map as last loaded or saved: the base of a merge when the file changed meanwhile.
    base: Map,
    /// The hash of the file as last loaded or saved.
    on_disk: ContentHash,
    host: Host,
    session: Session,
    dirty_since: Option<Instant>,
}

impl Runner {
    fn run(&mut self, stop: &AtomicBool) -> ExitCode {
        self.session.publish(&mut self.host, self.editor.map());
        loop {
            for event in self.host.wait(Duration::from_millis(50)) {
                self.session.handle(&mut self.host, &mut self.editor, event);
            }
            self.session.tick(&mut self.host, &mut self.editor);
            if self.editor.is_dirty() {
                let since = *self.dirty_since.get_or_insert_with(Instant::now);
                if since.elapsed() >= SAVE_AFTER {
                    self.save();
                }
            }
            self.session.publish_if_due(&mut self.host, self.editor.map());
            if stop.load(Ordering::SeqCst) {
                if self.editor.is_dirty() {
                    self.save();
                }
                eprintln!("{}: the room is closed", self.path.display());
                return ExitCode::SUCCESS;
            }
        }
    }

    /// Saves the map, never over a change made on disk since it was read: such a change is
    /// merged (by element id, as `parcours merge`) and the merge saved; if that fails too, the
    /// room's map goes to a side file, so nothing the room wrote is lost.
    fn save(&mut self) {
        self.dirty_since = None;
        let text = file::to_string(self.editor.map());
        match file::write_atomic_if(&self.path, text.as_bytes(), OnDisk::Unchanged(self.on_disk)) {
            Ok(()) => self.saved(&text, self.editor.map().clone()),
            Err(FileError::ChangedOnDisk { .. }) => self.merge_with_disk(),
            Err(error) => {
                report_file_error(&error);
                self.side_file(&text);
            }
        }
    }

    fn saved(&mut self, text: &str, map: Map) {
        self.on_disk = ContentHash::of(text.as_bytes());
        self.base = map;
        self.editor.mark_saved();
    }

    fn merge_with_disk(&mut self) {
        let theirs_text = match file::read_text(&self.path) {
            Ok(text) => text,
            Err(error) => {
                report_file_error(&error);
                return self.side_file(&file::to_string(self.editor.map()));
            }
        };
        let theirs = match file::from_str(&theirs_text, &self.path) {
            Ok(map) => map,
            Err(error) => {
                report_file_error(&error);
                return self.side_file(&file::to_string(self.editor.map()));
            }
        };
        let outcome = crate::semantic::merge3(&self.base, self.editor.map(), &theirs);
        let merged = file::to_string(&outcome.map);
        let guard = OnDisk::Unchanged(ContentHash::of(theirs_text.as_bytes()));
        match file::write_atomic_if(&self.path, merged.as_bytes(), guard) {
            Ok(()) => {
                eprintln!(
                    "{}: the file changed on disk; the room's changes were merged into it{}",
                    self.path.display(),
                    if outcome.conflicts.is_empty() {
                        String::new()
                    } else {
                        format!(" with {} conflict(s) to resolve (ours kept)", outcome.conflicts.len())
                    }
                );
                // The merged map becomes the room's: one command, sent to the peers too.
                let replace = Command::ReplaceMap(Box::new(outcome.map.clone()));
                if let Err(error) = self.session.apply(&mut self.host, &mut self.editor, replace) {
                    eprintln!(
                        "{}: warning: the merged map could not be taken up ({error})",
                        self.path.display()
                    );
                }
                self.saved(&merged, outcome.map);
            }
            Err(error) => {
                report_file_error(&error);
                self.side_file(&file::to_string(self.editor.map()));
            }
        }
    }

    /// Writes the room's map next to the file, and says so.
    fn side_file(&mut self, text: &str) {
        let mut name = self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        name.push_str(".room.ron");
        let side = self.path.with_file_name(name);
        match file::write_atomic(&side, text.as_bytes()) {
            Ok(()) => {
                eprintln!(
                    "{}: the room's map could not be saved there; it was written to {} (merge it with parcours merge)",
                    self.path.display(),
                    side.display()
                );
                // Saved somewhere: stop retrying every second, but keep it marked unsaved
                // against the real file by not moving the base.
                self.editor.mark_saved();
            }
            Err(error) => report_file_error(&error),
        }
    }
}
