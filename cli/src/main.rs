//! `ask-expert-archive`: validate, import, inspect and generate Ask an Expert archive files,
//! and build the static pages published beside the app.
//!
//! Every judgement about what the app can load comes from `ask_expert_core::archive`, the
//! code the app itself runs; this tool only reports it, adds warnings about things that load
//! but look like mistakes, and builds archives that load cleanly.

mod build;
mod cli;
mod clock;
mod files;
mod generate;
mod import;
mod merge;
mod output;
mod progress;
mod stats;
mod validate;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use cli::{Cli, Command, Import, Report};

/// Exit status: everything usable.
pub const EXIT_OK: u8 = 0;
/// Exit status: the app would skip or drop something, or some rows were left out.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status: nothing could be done (unreadable file, not an archive, bad arguments).
pub const EXIT_FATAL: u8 = 2;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let detail = info
            .payload()
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "error: ask-expert-archive stopped because of a bug in the tool, not in your file \
             ({detail}). Please report it together with the file you used."
        );
    }));
    let args: Vec<OsString> = std::env::args_os().collect();
    let code = match Cli::try_parse_from(&args) {
        Ok(Cli {
            command: Some(command),
        }) => run(command),
        Ok(Cli { command: None }) => {
            output::stdout(&Cli::command().render_help().to_string());
            EXIT_OK
        }
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) =>
        {
            let _ = error.print();
            EXIT_OK
        }
        Err(error) => {
            output::error(&cli::explain(&error, &args[1..]));
            EXIT_FATAL
        }
    };
    ExitCode::from(code)
}

fn run(command: Command) -> u8 {
    match command {
        Command::Validate(Report { file, json }) => validate::run(&file, json),
        Command::Import(Import {
            format: _,
            file,
            output,
            title,
            merge: Some(archive),
        }) => merge::run(&file, &archive, output.as_deref(), title),
        Command::Import(Import {
            format: _,
            file,
            output,
            title,
            merge: None,
        }) => import::run(&file, output.as_deref(), title),
        Command::Stats(Report { file, json }) => stats::run(&file, json),
        Command::Generate(generate) => generate::run(&generate),
        Command::Build(build) => build::run(&build),
    }
}
