//! `parcours`: the designer and its headless commands.

fn main() -> std::process::ExitCode {
    parcours::cli::run(std::env::args_os())
}
