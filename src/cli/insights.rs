//! `parcours insights MAP [--json]`: the funnel, friction and insights of a map, as text or JSON.
#![expect(clippy::print_stdout, clippy::print_stderr, reason = "the CLI talks to the terminal")]

use super::report_file_error;
use crate::file;
use crate::insights::{self, Insights};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `parcours insights`.
#[derive(Debug, Args)]
#[command(after_help = "Exit status: 0 on success, 2 when the map cannot be read. The text is in the \
map's language (French for `fr` maps, English otherwise); --json writes the same data for scripts.")]
pub struct InsightsArgs {
    /// The map to read.
    pub map: PathBuf,
    /// Write one JSON object (funnels, stages, moments of truth, channels) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `parcours insights`.
pub fn run(args: &InsightsArgs) -> ExitCode {
    let map = match file::load(&args.map) {
        Ok(map) => map,
        Err(error) => {
            report_file_error(&error);
            return ExitCode::from(2);
        }
    };
    let insights = Insights::of(&map);
    if args.json {
        match serde_json::to_string_pretty(&insights) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!(
                    "error: the insights of {} could not be written as JSON ({error})",
                    args.map.display()
                );
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", insights::report(&insights));
    }
    ExitCode::SUCCESS
}
