//! `ask-expert-archive`: validate, import and inspect Ask an Expert archive files.
//!
//! Every judgement about what the app can load comes from `ask_expert_core::archive`, the
//! code the app itself runs; this tool only reports it, adds warnings about things that load
//! but look like mistakes, and builds archives that load cleanly.

mod args;
mod clock;
mod files;
mod import;
mod output;
mod progress;
mod stats;
mod usage;
mod validate;

use std::process::ExitCode;

use args::Command;

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
            "error: ask-expert-archive stopped because of a bug in the tool, not in your file ({detail}). \
             Please report it together with the file you used."
        );
    }));
    let code = match args::parse(std::env::args_os().skip(1).collect()) {
        Ok(command) => run(command),
        Err(error) => {
            let hint = match error.command {
                Some(command) => format!("ask-expert-archive help {command}"),
                None => "ask-expert-archive --help".to_owned(),
            };
            output::error(&format!(
                "{}\nRun `{hint}` to see how it is used.",
                error.message
            ));
            EXIT_FATAL
        }
    };
    ExitCode::from(code)
}

fn run(command: Command) -> u8 {
    match command {
        Command::Help(topic) => {
            output::stdout(&usage::text(topic));
            EXIT_OK
        }
        Command::Version => {
            output::stdout(&format!(
                "ask-expert-archive {}\n",
                env!("CARGO_PKG_VERSION")
            ));
            EXIT_OK
        }
        Command::Validate { file, json } => validate::run(&file, json),
        Command::ImportCsv {
            file,
            output,
            title,
        } => import::run(&file, output.as_deref(), title),
        Command::Stats { file, json } => stats::run(&file, json),
    }
}
