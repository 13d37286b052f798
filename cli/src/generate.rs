//! `generate`: a made-up archive of any size, for benchmarks and load tests.

use crate::cli::Generate;
use crate::{EXIT_FATAL, EXIT_OK, files, output};

pub fn run(options: &Generate) -> u8 {
    let json = ask_expert_fixtures::generate_archive_json(options.questions, options.seed);
    match &options.output {
        Some(target) => match files::write_atomically(target, json.as_bytes()) {
            Ok(()) => EXIT_OK,
            Err(message) => {
                output::error(&message);
                EXIT_FATAL
            }
        },
        None => {
            output::stdout(&json);
            EXIT_OK
        }
    }
}
