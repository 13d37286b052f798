//! The command line as clap reads it: commands, options, help and examples. Mistakes are
//! told in the tool's own words, with the command whose help to read.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

const ABOUT: &str =
    "ask-expert-archive: check, build and measure the archive.json that Ask an Expert shows.";

const USAGE: &str = "\
ask-expert-archive validate FILE [--json]
       ask-expert-archive import csv FILE [--output archive.json] [--title TITLE]
       ask-expert-archive import csv FILE --merge ARCHIVE [--output archive.json]
       ask-expert-archive stats FILE [--json]
       ask-expert-archive generate N [--seed S] [--output FILE]
       ask-expert-archive build FILE --out DIR --base-url URL [--app-url URL] [--page-size N]
       ask-expert-archive help [COMMAND]";

// Each command's examples, in its own help and in the overview: macros, because
// `concat!` takes only literals.
macro_rules! validate_examples {
    () => {
        "  ask-expert-archive validate public/archive.json
  ask-expert-archive validate archive.json --json > report.json"
    };
}
macro_rules! import_examples {
    () => {
        "  ask-expert-archive import csv questions.csv --output public/archive.json
  ask-expert-archive import csv export.csv --title \"Ask our experts\" > archive.json
  ask-expert-archive import csv answered.csv --merge public/archive.json \\
      --output public/archive.json"
    };
}
macro_rules! stats_examples {
    () => {
        "  ask-expert-archive stats public/archive.json
  ask-expert-archive stats archive.json --json"
    };
}
macro_rules! generate_examples {
    () => {
        "  ask-expert-archive generate 10000 --output target/archive-10000.json
  ask-expert-archive generate 500 --seed 7 > small.json"
    };
}

macro_rules! build_examples {
    () => {
        "  ask-expert-archive build public/archive.json --out dist \\
      --base-url https://www.example.org/ask-an-expert/"
    };
}

const OVERVIEW_AFTER: &str = concat!(
    "Exit status: 0 all is well, 1 something would be skipped or left out, ",
    "2 nothing could be done.\n\nExamples (validate):\n",
    validate_examples!(),
    "\n\nExamples (import):\n",
    import_examples!(),
    "\n\nExamples (stats):\n",
    stats_examples!(),
    "\n\nExamples (generate):\n",
    generate_examples!(),
    "\n\nExamples (build):\n",
    build_examples!(),
    "\n\nRun `ask-expert-archive help COMMAND` for the details of one command."
);

const VALIDATE_ABOUT: &str = "\
List what the app would skip or ignore in an archive, and likely mistakes.

Reads FILE as the app does and lists, grouped and counted, every question it would skip,
every value it would ignore and every category it would skip, each with the question's
number in the file, its id and the field (or the category's path). Then it warns about
things the app shows but that look like mistakes: answers with almost no text, dates after
today (review dates too), answers dated before their question, reviews dated before their
answer, categories with no questions, the same question twice, and links the app shows as
plain text.";

const VALIDATE_AFTER: &str = concat!(
    "\
Exit status:
  0  the app shows everything (warnings allowed)
  1  the app would skip or ignore something
  2  the app could not load the file at all (missing, empty, not JSON, not an archive)

Examples:
",
    validate_examples!()
);

const IMPORT_ABOUT: &str = "\
Build an archive from a CSV file, one question a row.

Builds an archive from a CSV file with a header row naming the columns
  id, question, answer, categories, asked, answered, expert, credentials, reviewed
in any order (names in any case; other columns are ignored; all but id, question, answer
and asked may be left out). More answers go in columns
\"answer 2\", \"answered 2\", \"expert 2\", \"credentials 2\", \"reviewed 2\", \"answer 3\"…
Dates are written YYYY-MM-DD. A categories cell holds paths separated by \";\", levels by
\">\":  Muscles and bones > Back / spine > Lower back pain; Head and mind > Migraine
A cell written with a leading apostrophe to keep a spreadsheet from running it as a
formula ('=1+1) is read as the text after it (=1+1).

With --merge ARCHIVE, the rows that have an answer go into a copy of ARCHIVE instead: a
question whose id is in ARCHIVE is replaced where it stands, a new one is added at the end,
and every other question is kept. Rows without an answer are listed as not answered yet.
Categories name ARCHIVE's categories by id or by their labels from the top (a row with a
category not in ARCHIVE is left out); a row with no categories goes in the category its
topic names, if any. The result is written only if it validates.

Rows that cannot be used are listed on stderr by row number (the header is row 1) and left
out; so is every later row that repeats an id. The archive goes to standard output, or
with --output to a file that is replaced only once the new one is complete.";

const IMPORT_AFTER: &str = concat!(
    "\
Exit status:
  0  every row was imported (with --merge: every answered row was merged)
  1  some rows were left out (the rest was written)
  2  nothing was written (unreadable file, missing columns, no usable row; with --merge
     also an ARCHIVE that does not load cleanly, or a result that does not validate)

Examples:
",
    import_examples!()
);

const STATS_ABOUT: &str = "\
Count questions by category and year, and measure the download.

Counts the questions the app shows: by category (as a tree, each category counting its
subcategories), by year asked, by number of answers; names the longest question and the
longest answer; and gives the size the app downloads, as stored and compressed with gzip -9.";

const STATS_AFTER: &str = concat!(
    "\
Exit status: 0 when the file loads, 2 when it cannot be loaded.

Examples:
",
    stats_examples!()
);

const GENERATE_ABOUT: &str = "\
Write a generated archive, for benchmarks and load tests.

Writes an archive of N made-up questions about health and acupuncture, filed in the demo
archive's categories, with its synonyms: text with the statistics of real questions and
answers rather than text to read. The same N and seed always give the same file. The
archive goes to standard output, or with --output to a file that is replaced only once
the new one is complete.";

const GENERATE_AFTER: &str = concat!(
    "\
Exit status: 0 when the archive was written, 2 when it could not be.

Examples:
",
    generate_examples!()
);

const BUILD_ABOUT: &str = "\
Write plain HTML pages of an archive, for search engines and readers without JavaScript.

Writes into DIR, next to the app: a page per question (questions/ID.html) with its answers,
categories, related questions and the tags search engines and link previews read; listing
pages for the whole archive (all/) and each category (topics/ID/), newest first, with
page-2.html, page-3.html… ; sitemap.xml and robots.txt; and Atom feeds of the newest
answered questions (all/feed.xml, and topics/ID/feed.xml per top-level topic). URL is the
public address of DIR: pages, the sitemap and the feeds name themselves by it. Links into
the app go to DIR itself, or to --app-url when the app runs on a page elsewhere. A rebuild
rewrites only the files whose content changed and removes the pages of questions no longer
there.";

const BUILD_AFTER: &str = concat!(
    "\
Exit status: 0 when the pages were written, 2 when the archive could not be loaded or
nothing could be written.

Examples:
",
    build_examples!()
);

#[derive(Debug, PartialEq, Parser)]
#[command(
    name = "ask-expert-archive",
    version,
    about = ABOUT,
    override_usage = USAGE,
    after_help = OVERVIEW_AFTER,
)]
pub struct Cli {
    /// None when the tool is run with no arguments: it then explains itself.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, PartialEq, Subcommand)]
pub enum Command {
    /// List what the app would skip or ignore in an archive, and likely mistakes
    #[command(long_about = VALIDATE_ABOUT, after_help = VALIDATE_AFTER)]
    Validate(Report),
    /// Build an archive from a CSV file, one question a row
    #[command(long_about = IMPORT_ABOUT, after_help = IMPORT_AFTER)]
    Import(Import),
    /// Count questions by category and year, and measure the download
    #[command(long_about = STATS_ABOUT, after_help = STATS_AFTER)]
    Stats(Report),
    /// Write a generated archive, for benchmarks and load tests
    #[command(long_about = GENERATE_ABOUT, after_help = GENERATE_AFTER)]
    Generate(Generate),
    /// Write plain HTML pages of an archive, for search engines and readers without JavaScript
    #[command(long_about = BUILD_ABOUT, after_help = BUILD_AFTER)]
    Build(Build),
}

/// `validate` and `stats`: one archive in, a report out.
#[derive(Debug, PartialEq, Args)]
pub struct Report {
    /// The archive to read
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print the report as JSON, for machines
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, PartialEq, Args)]
pub struct Import {
    /// What FILE holds: csv, the only format
    #[arg(value_enum, value_name = "FORMAT", hide_possible_values = true)]
    pub format: ImportFormat,
    /// The CSV file to read
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write the archive to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The heading shown above the archive [default: "Ask an expert", or ARCHIVE's title]
    #[arg(long, value_parser = some_text)]
    pub title: Option<String>,
    /// Add the answered rows to ARCHIVE (replacing questions with the same id) instead
    #[arg(long, value_name = "ARCHIVE")]
    pub merge: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, ValueEnum)]
pub enum ImportFormat {
    Csv,
}

#[derive(Debug, PartialEq, Args)]
pub struct Generate {
    /// How many questions to write
    #[arg(value_name = "N")]
    pub questions: usize,
    /// Another seed gives another archive of the same size
    #[arg(long, value_name = "S", default_value_t = 2024)]
    pub seed: u64,
    /// Write the archive to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, PartialEq, Args)]
pub struct Build {
    /// The archive to publish
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The folder to write into (created when missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The public address of DIR, e.g. https://www.example.org/ask-an-expert/
    #[arg(long, value_name = "URL", value_parser = base_url)]
    pub base_url: String,
    /// The address of the page where the app runs, when it is not DIR itself
    #[arg(long, value_name = "URL", value_parser = app_url)]
    pub app_url: Option<String>,
    /// How many questions each listing page shows
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = page_size)]
    pub page_size: usize,
    /// Answers last checked more years ago than this say they may be out of date (0: never)
    #[arg(long, value_name = "YEARS", default_value_t = 5, value_parser = review_after_years)]
    pub review_after_years: u16,
    /// The pages' language, a BCP 47 tag such as en-GB or cy (default: the archive's)
    #[arg(long, value_name = "TAG")]
    pub locale: Option<String>,
    /// Addresses per sitemap file before a sitemap index is written (50,000 by the standard)
    #[arg(long, value_name = "N", default_value_t = 50_000, value_parser = page_size, hide = true)]
    pub sitemap_limit: usize,
}

/// An absolute http(s) address without spaces.
fn absolute_address(text: &str) -> Result<(), &'static str> {
    let lower = text.to_ascii_lowercase();
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|scheme| lower.starts_with(scheme));
    let Some(scheme) = scheme else {
        return Err("it must be a full address starting with https:// (or http://)");
    };
    if text.len() == scheme.len() || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it must be a full address without spaces, like https://www.example.org/");
    }
    Ok(())
}

/// The address of a folder, ending in "/" so page paths append to it.
fn base_url(text: &str) -> Result<String, &'static str> {
    absolute_address(text)?;
    if text.contains(['?', '#']) {
        return Err("it must be the address of a folder, without ? or #");
    }
    Ok(if text.ends_with('/') {
        text.to_owned()
    } else {
        format!("{text}/")
    })
}

/// The address of the app's page, without a fragment: the pages add the question's.
fn app_url(text: &str) -> Result<String, &'static str> {
    absolute_address(text)?;
    Ok(text.split('#').next().unwrap_or_default().to_owned())
}

fn page_size(text: &str) -> Result<usize, &'static str> {
    match text.parse::<usize>() {
        Ok(size) if size >= 1 => Ok(size),
        _ => Err("it must be a whole number from 1 up"),
    }
}

fn review_after_years(text: &str) -> Result<u16, &'static str> {
    match text.parse::<u16>() {
        Ok(years) if years <= 100 => Ok(years),
        _ => Err("it must be a whole number of years from 0 (no notice) to 100"),
    }
}

/// Text that still says something once tidied as the app shows it (the archive's reader
/// drops a title of only spaces or punctuation such as ".").
fn some_text(text: &str) -> Result<String, &'static str> {
    if ask_expert_core::text::tidy(text).is_empty() {
        Err("it needs some text")
    } else {
        Ok(text.to_owned())
    }
}

/// The names of the commands, as typed.
fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|command| command.get_name().to_owned())
        .collect()
}

/// What is wrong with the command line, and which help to read. `args`
/// are the arguments after the program's name.
pub fn explain(error: &clap::Error, args: &[OsString]) -> String {
    let names = command_names();
    let command = args
        .first()
        .map(|first| first.to_string_lossy().into_owned())
        .filter(|first| names.contains(first));
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(text)) => text.clone(),
        Some(ContextValue::Strings(texts)) => texts.join(", "),
        _ => String::new(),
    };
    let argument = context(ContextKind::InvalidArg);
    let message = match (error.kind(), command.as_deref()) {
        (ErrorKind::InvalidSubcommand, _) => format!(
            "unknown command \"{}\"; the commands are {}",
            context(ContextKind::InvalidSubcommand),
            names.join(", ")
        ),
        (ErrorKind::InvalidValue, Some("import")) if argument == "<FORMAT>" => format!(
            "cannot import \"{}\": the only format is csv (`import csv FILE`)",
            context(ContextKind::InvalidValue)
        ),
        (ErrorKind::MissingRequiredArgument, Some("import")) if argument.contains("<FORMAT>") => {
            "import needs the format and the file: `import csv FILE`".to_owned()
        }
        (ErrorKind::MissingRequiredArgument, Some(command)) if argument.contains("<FILE>") => {
            format!("{command} needs the file to read")
        }
        (ErrorKind::MissingRequiredArgument, Some("build")) => format!(
            "build needs {}: `build FILE --out DIR --base-url URL`",
            context(ContextKind::InvalidArg)
        ),
        (ErrorKind::MissingRequiredArgument, Some("generate")) => {
            "generate needs the number of questions: `generate N`".to_owned()
        }
        // clap's own words for the rest, without its "error: " and usage lines.
        _ => {
            let rendered = error.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            first.strip_prefix("error: ").unwrap_or(first).to_owned()
        }
    };
    let help = match command {
        Some(command) => format!("ask-expert-archive help {command}"),
        None => "ask-expert-archive --help".to_owned(),
    };
    format!("{message}\nRun `{help}` to see how it is used.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(words: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("ask-expert-archive").chain(words.iter().copied()))
    }

    fn command(words: &[&str]) -> Command {
        parse(words).unwrap().command.unwrap()
    }

    fn mistake(words: &[&str]) -> String {
        let args: Vec<OsString> = words.iter().map(OsString::from).collect();
        explain(&parse(words).unwrap_err(), &args)
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn reads_each_command() {
        assert_eq!(
            command(&["validate", "a.json", "--json"]),
            Command::Validate(Report {
                file: "a.json".into(),
                json: true
            })
        );
        assert_eq!(
            command(&["stats", "a.json"]),
            Command::Stats(Report {
                file: "a.json".into(),
                json: false
            })
        );
        assert_eq!(
            command(&[
                "import",
                "csv",
                "q.csv",
                "--output=out.json",
                "--title",
                "Ask us"
            ]),
            Command::Import(Import {
                format: ImportFormat::Csv,
                file: "q.csv".into(),
                output: Some("out.json".into()),
                title: Some("Ask us".into()),
                merge: None,
            })
        );
        assert_eq!(
            command(&["import", "csv", "-o", "out.json", "--", "-odd.csv"]),
            Command::Import(Import {
                format: ImportFormat::Csv,
                file: "-odd.csv".into(),
                output: Some("out.json".into()),
                title: None,
                merge: None,
            })
        );
        assert_eq!(
            command(&[
                "import", "csv", "q.csv", "--merge", "a.json", "-o", "b.json"
            ]),
            Command::Import(Import {
                format: ImportFormat::Csv,
                file: "q.csv".into(),
                output: Some("b.json".into()),
                title: None,
                merge: Some("a.json".into()),
            })
        );
        assert_eq!(
            command(&["generate", "500", "--seed", "7", "-o", "a.json"]),
            Command::Generate(Generate {
                questions: 500,
                seed: 7,
                output: Some("a.json".into())
            })
        );
        assert_eq!(
            command(&["generate", "10"]),
            Command::Generate(Generate {
                questions: 10,
                seed: 2024,
                output: None
            })
        );
    }

    #[test]
    fn reads_build() {
        assert_eq!(
            command(&[
                "build",
                "a.json",
                "--out",
                "dist",
                "--base-url",
                "https://example.org/ask"
            ]),
            Command::Build(Build {
                file: "a.json".into(),
                out: "dist".into(),
                base_url: "https://example.org/ask/".into(),
                app_url: None,
                page_size: 20,
                review_after_years: 5,
                locale: None,
                sitemap_limit: 50_000,
            })
        );
        for (words, expected) in [
            (&["build", "a.json", "--out", "d"][..], "--base-url"),
            (
                &["build", "a.json", "--base-url", "https://e.org/"],
                "--out",
            ),
            (
                &["build", "a.json", "--out", "d", "--base-url", "e.org"],
                "https://",
            ),
            (
                &[
                    "build",
                    "a.json",
                    "--out",
                    "d",
                    "--base-url",
                    "https://e.org/a b",
                ],
                "without spaces",
            ),
        ] {
            let message = mistake(words);
            assert!(message.contains(expected), "{words:?}: {message}");
            assert!(message.contains("help build"), "{message}");
        }
    }

    #[test]
    fn help_in_every_form() {
        assert_eq!(parse(&[]).unwrap(), Cli { command: None });
        for words in [
            &["help"][..],
            &["--help"],
            &["-h"],
            &["help", "stats"],
            &["validate", "--help"],
            &["import", "--help"],
            &["import", "csv", "-h"],
            &["generate", "--help"],
            &["build", "--help"],
        ] {
            let error = parse(words).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::DisplayHelp, "{words:?}");
            assert_eq!(error.exit_code(), 0);
        }
        assert_eq!(
            parse(&["-V"]).unwrap_err().kind(),
            ErrorKind::DisplayVersion
        );
    }

    #[test]
    fn commands_in_order() {
        assert_eq!(
            command_names(),
            ["validate", "import", "stats", "generate", "build"]
        );
    }

    #[test]
    fn explains_mistakes() {
        let unknown = mistake(&["check", "a.json"]);
        assert!(unknown.contains("unknown command \"check\""), "{unknown}");
        assert!(unknown.contains("ask-expert-archive --help"), "{unknown}");
        let missing = mistake(&["validate"]);
        assert!(
            missing.contains("validate needs the file to read"),
            "{missing}"
        );
        assert!(
            missing.contains("ask-expert-archive help validate"),
            "{missing}"
        );
        assert!(mistake(&["stats"]).contains("stats needs the file to read"));
        assert!(mistake(&["import"]).contains("needs the format and the file"));
        assert!(mistake(&["import", "xlsx", "a.xlsx"]).contains("only format is csv"));
        assert!(mistake(&["generate"]).contains("the number of questions"));
        for (words, expected) in [
            (&["validate", "a.json", "b.json"][..], "b.json"),
            (&["validate", "a.json", "--output", "x"], "--output"),
            (&["stats", "a.json", "--json", "--json"], "--json"),
            (&["import", "csv", "a.csv", "--output"], "--output"),
            (
                &["import", "csv", "a.csv", "--title", " "],
                "needs some text",
            ),
            (
                &["import", "csv", "a.csv", "--title", " . "],
                "needs some text",
            ),
            (&["generate", "many"], "many"),
            (&["help", "frobnicate"], "unknown command \"frobnicate\""),
        ] {
            let message = mistake(words);
            assert!(message.contains(expected), "{words:?}: {message}");
            assert!(!message.starts_with("error:"), "{message}");
        }
    }
}
