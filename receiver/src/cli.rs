//! The command line, declared with clap (the structs below are its documentation, and
//! `--help`, errors and exit code 2 come with it), and the `list` and `feedback` tables.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::NonEmptyStringValueParser;
use clap::{Args, Parser, Subcommand};

use crate::feedback::QuestionFeedback;
use crate::store::StoredQuestion;

pub const DEFAULT_ADDR: &str = "127.0.0.1:8081";
pub const DEFAULT_DB: &str = "ask-expert-questions.sqlite";
pub const DEFAULT_RATE_LIMIT: u32 = 5;
/// Read when `--list-token` is not given, so the token need not show in `ps`.
pub const LIST_TOKEN_ENV: &str = "ASK_EXPERT_LIST_TOKEN";

const AFTER_HELP: &str = "\
ENDPOINTS:
    POST /questions        a new question (JSON or form); 201 with a reference
    OPTIONS /questions     CORS preflight
    GET  /questions        stored questions, newest first (needs --list-token)
    POST /feedback         a \"Was this helpful?\" vote (JSON or form); 201
    OPTIONS /feedback      CORS preflight
    GET  /feedback         votes per question, least helpful first (needs --list-token)
    GET  /health           {\"status\": \"ok\"}

EXAMPLES:
    ask-expert-receiver serve --allow-origin http://127.0.0.1:8080
    ask-expert-receiver serve --addr 0.0.0.0:8081 --db /var/lib/ask-expert/q.sqlite \\
        --allow-origin https://www.example.org --rate-limit 10 --require-email
    ASK_EXPERT_LIST_TOKEN=s3cret ask-expert-receiver serve
    curl -i http://127.0.0.1:8081/questions -H 'Content-Type: application/json' \\
        -H 'Idempotency-Key: 5b0c6a52-0d1e-4c53-9b5e-2f8f0d1d6a11' \\
        -d '{\"question\": \"Can acupuncture help with hay fever?\", \"consent\": true}'
    curl -H 'Authorization: Bearer s3cret' http://127.0.0.1:8081/questions
    ask-expert-receiver list
    ask-expert-receiver list --db q.sqlite --json
    ask-expert-receiver feedback --db q.sqlite
    ask-expert-receiver export --db q.sqlite > new-questions.csv
    ask-expert-archive import csv new-questions.csv --merge archive.json --output new.json
    ask-expert-receiver publish --db q.sqlite --archive new.json

Each request is logged on stderr as 'request{method=M path=P}: STATUS MSms', never with
its content.
Stop with Ctrl-C or SIGTERM; requests in progress are finished first.
Exit codes: 0 done, 1 the server or the database failed, 2 a mistake on the command line.";

/// ask-expert-receiver: receives the questions visitors post from Ask an Expert and keeps
/// them in a SQLite file. The reference implementation of docs/endpoint-contract.md.
#[derive(Debug, Parser)]
#[command(name = "ask-expert-receiver", version, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Receive questions over HTTP.
    Serve(ServeArgs),
    /// Print the stored questions, newest first.
    List(ListArgs),
    /// Print the "Was this helpful?" votes per question, least helpful first.
    Feedback(FeedbackArgs),
    /// Write the questions not yet published to stdout as CSV, in the archive tool's
    /// import format, for editors to answer in a spreadsheet.
    Export(ExportArgs),
    /// Mark every stored question whose reference is a question id in the archive as
    /// published, so that `export` leaves it out.
    Publish(PublishArgs),
}

#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct ServeArgs {
    /// Address to listen on. Only this address is bound; use 0.0.0.0:PORT or [::]:PORT to
    /// listen on every interface.
    #[arg(long, value_name = "ADDR", default_value = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// SQLite file, created when missing.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB, value_parser = non_empty_path)]
    pub db: PathBuf,
    /// Let pages from ORIGIN (e.g. https://www.example.org) post from the browser (CORS).
    /// Exact match; repeat for more; * for any.
    #[arg(long = "allow-origin", value_name = "ORIGIN", value_parser = origin)]
    pub allow_origins: Vec<String>,
    /// Questions accepted per client address per minute; 0 turns the limit off.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RATE_LIMIT)]
    pub rate_limit: u32,
    /// Enables GET /questions for 'Authorization: Bearer TOKEN'. Also read from
    /// $ASK_EXPERT_LIST_TOKEN (which keeps it out of the process list).
    #[arg(long, value_name = "TOKEN", env = LIST_TOKEN_ENV, hide_env_values = true,
        value_parser = NonEmptyStringValueParser::new())]
    pub list_token: Option<String>,
    /// Refuse questions without an email address.
    #[arg(long)]
    pub require_email: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct ListArgs {
    /// SQLite file to read.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB, value_parser = non_empty_path)]
    pub db: PathBuf,
    /// Print JSON (newest first) instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct FeedbackArgs {
    /// SQLite file to read.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB, value_parser = non_empty_path)]
    pub db: PathBuf,
    /// Print JSON (as GET /feedback answers) instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct ExportArgs {
    /// SQLite file to read.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB, value_parser = non_empty_path)]
    pub db: PathBuf,
    /// Add the visitors' names and email addresses (columns name and email). Left out by
    /// default, so the file can be shared without them.
    #[arg(long)]
    pub with_contact: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct PublishArgs {
    /// SQLite file to update.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB, value_parser = non_empty_path)]
    pub db: PathBuf,
    /// The published archive (ask-expert-archive/1 JSON).
    #[arg(long, value_name = "PATH", value_parser = non_empty_path)]
    pub archive: PathBuf,
}

fn non_empty_path(value: &str) -> Result<PathBuf, String> {
    if value.is_empty() {
        Err("needs a value".to_owned())
    } else {
        Ok(PathBuf::from(value))
    }
}

/// An origin is `scheme://host[:port]` exactly as browsers send it: no path, no
/// trailing slash. A common mistake is `https://example.org/`, which never matches.
fn origin(origin: &str) -> Result<String, String> {
    if origin == "*" {
        return Ok(origin.to_owned());
    }
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', ' ']) => {
            Ok(origin.to_owned())
        }
        _ => Err(format!(
            "'{origin}' is not an origin: write it like https://www.example.org \
             or http://127.0.0.1:8080 (no path, no trailing slash), or * for any"
        )),
    }
}

// ---------------------------------------------------------------------------
// `list` output

const NARROW_MAX: usize = 24;

/// A plain-text table, newest first. Control characters (which could move the
/// cursor or recolour a terminal) are shown as spaces or `�`; category, name and
/// email are shortened to fit; the question is shown whole on one line.
pub fn render_table(questions: &[StoredQuestion]) -> String {
    let header = [
        "REFERENCE",
        "RECEIVED (UTC)",
        "CATEGORY",
        "NAME",
        "EMAIL",
        "QUESTION",
    ];
    let rows: Vec<[String; 6]> = questions
        .iter()
        .map(|q| {
            [
                clean(&q.reference),
                clean(&q.received_at),
                shorten(&clean(q.category.as_deref().unwrap_or("-")), NARROW_MAX),
                shorten(&clean(q.name.as_deref().unwrap_or("-")), NARROW_MAX),
                shorten(&clean(q.email.as_deref().unwrap_or("-")), NARROW_MAX + 8),
                clean(&q.question),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut push_row = |cells: &[&str]| {
        let last = cells.len() - 1;
        for (i, cell) in cells.iter().enumerate() {
            out.push_str(cell);
            if i < last {
                let pad = widths[i] - cell.chars().count() + 2;
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    };
    push_row(&header);
    for row in &rows {
        push_row(&row.each_ref().map(String::as_str));
    }
    out
}

// ---------------------------------------------------------------------------
// `feedback` output

/// A plain-text table in the order given (least helpful first), then what was missing,
/// question by question. Terminal-safe like the `list` table.
pub fn render_feedback_table(summary: &[QuestionFeedback]) -> String {
    let header = ["QUESTION", "NO", "YES", "NOT HELPFUL", "COMMENTS"];
    let rows: Vec<[String; 5]> = summary
        .iter()
        .map(|q| {
            let total = q.yes + q.no;
            let share = (q.no * 100).checked_div(total).unwrap_or(0);
            [
                clean(&q.question_id),
                q.no.to_string(),
                q.yes.to_string(),
                format!("{share}%"),
                q.comments.len().to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut push_row = |cells: &[&str]| {
        let line: Vec<String> = cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, width))| {
                let pad = " ".repeat(width - cell.chars().count());
                // Counts are right-aligned, the question id left-aligned.
                if i == 0 {
                    format!("{cell}{pad}")
                } else {
                    format!("{pad}{cell}")
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    };
    push_row(&header);
    for row in &rows {
        push_row(&row.each_ref().map(String::as_str));
    }
    let commented: Vec<&QuestionFeedback> =
        summary.iter().filter(|q| !q.comments.is_empty()).collect();
    if !commented.is_empty() {
        out.push_str("\nWhat was missing:\n");
        for q in commented {
            out.push_str(&format!("\n{}\n", clean(&q.question_id)));
            for comment in &q.comments {
                out.push_str(&format!("  - {}\n", clean(comment)));
            }
        }
    }
    out
}

/// Whitespace runs become one space; other control characters become U+FFFD.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(if c.is_control() { '\u{FFFD}' } else { c });
            in_space = false;
        }
    }
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use clap::error::ErrorKind;

    fn parse(line: &str) -> Result<Option<Command>, clap::Error> {
        let args = std::iter::once("ask-expert-receiver").chain(line.split_whitespace());
        Cli::try_parse_from(args).map(|cli| cli.command)
    }

    fn serve(line: &str) -> ServeArgs {
        match parse(line).unwrap() {
            Some(Command::Serve(a)) => a,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_declaration_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn defaults() {
        let a = serve("serve");
        assert_eq!(a.addr.to_string(), "127.0.0.1:8081");
        assert_eq!(a.db, PathBuf::from("ask-expert-questions.sqlite"));
        assert_eq!(a.rate_limit, 5);
        assert!(a.allow_origins.is_empty() && !a.require_email);
        assert_eq!(
            parse("list").unwrap(),
            Some(Command::List(ListArgs {
                db: DEFAULT_DB.into(),
                json: false
            }))
        );
        assert_eq!(parse("").unwrap(), None, "no command: the help");
    }

    #[test]
    fn every_option() {
        let a = serve(
            "serve --addr [::1]:9000 --db=/tmp/q.sqlite --allow-origin https://a.example \
             --allow-origin=http://127.0.0.1:8080 --allow-origin * --rate-limit 0 \
             --list-token t0k --require-email",
        );
        assert_eq!(a.addr.to_string(), "[::1]:9000");
        assert_eq!(a.db, PathBuf::from("/tmp/q.sqlite"));
        assert_eq!(
            a.allow_origins,
            ["https://a.example", "http://127.0.0.1:8080", "*"]
        );
        assert_eq!(a.rate_limit, 0);
        assert_eq!(a.list_token.as_deref(), Some("t0k"));
        assert!(a.require_email);
        assert_eq!(
            parse("list --json --db x.sqlite").unwrap(),
            Some(Command::List(ListArgs {
                db: "x.sqlite".into(),
                json: true
            }))
        );
    }

    /// clap reads the variable when the option is absent, and treats an empty one as absent.
    #[test]
    fn the_token_can_come_from_the_environment() {
        let cli = Cli::command();
        let token = cli
            .find_subcommand("serve")
            .unwrap()
            .get_arguments()
            .find(|arg| arg.get_id() == "list_token")
            .unwrap();
        assert_eq!(token.get_env(), Some(std::ffi::OsStr::new(LIST_TOKEN_ENV)));
        assert_eq!(
            serve("serve --list-token cli").list_token.as_deref(),
            Some("cli")
        );
    }

    #[test]
    fn help_and_version() {
        for line in ["--help", "-h", "help", "serve --help", "list -h"] {
            let kind = parse(line).unwrap_err().kind();
            assert_eq!(kind, ErrorKind::DisplayHelp, "{line:?}");
        }
        for line in ["--version", "-V"] {
            let kind = parse(line).unwrap_err().kind();
            assert_eq!(kind, ErrorKind::DisplayVersion, "{line:?}");
        }
        let help = Cli::command().render_long_help().to_string();
        assert!(help.contains("EXAMPLES") && help.contains("Exit codes"));
    }

    #[test]
    fn mistakes_are_named_and_exit_with_2() {
        for (line, needle) in [
            ("frobnicate", "frobnicate"),
            ("serve --addr localhost:80", "--addr"),
            ("serve --addr", "--addr"),
            ("serve --rate-limit -1", "-1"),
            ("serve --rate-limit five", "--rate-limit"),
            ("serve --allow-origin https://example.org/", "not an origin"),
            ("serve --allow-origin example.org", "not an origin"),
            ("serve --require-email=yes", "--require-email"),
            ("serve --list-token=", "--list-token"),
            ("serve extra", "extra"),
            ("list --addr 1.2.3.4:5", "--addr"),
            ("list --json=1", "--json"),
            ("list --db=", "needs a value"),
        ] {
            let error = parse(line).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{line:?}");
            let text = error.to_string();
            assert!(text.contains(needle), "{line:?}: {text}");
        }
    }

    #[test]
    fn the_editors_commands() {
        assert_eq!(
            parse("feedback --db f.sqlite --json").unwrap(),
            Some(Command::Feedback(FeedbackArgs {
                db: "f.sqlite".into(),
                json: true
            }))
        );
        assert_eq!(
            parse("export --with-contact").unwrap(),
            Some(Command::Export(ExportArgs {
                db: DEFAULT_DB.into(),
                with_contact: true
            }))
        );
        assert_eq!(
            parse("publish --db q.sqlite --archive a.json").unwrap(),
            Some(Command::Publish(PublishArgs {
                db: "q.sqlite".into(),
                archive: "a.json".into()
            }))
        );
        for (line, needle) in [
            ("publish --db q.sqlite", "--archive"),
            ("publish --archive=", "needs a value"),
            ("export --json", "--json"),
            ("feedback --with-contact", "--with-contact"),
        ] {
            let error = parse(line).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{line:?}");
            assert!(error.to_string().contains(needle), "{line:?}: {error}");
        }
    }

    #[test]
    fn feedback_table_is_aligned_and_safe() {
        let q = |id: &str, yes, no, comments: &[&str]| QuestionFeedback {
            question_id: id.into(),
            yes,
            no,
            comments: comments.iter().map(|c| (*c).to_owned()).collect(),
        };
        let table = render_feedback_table(&[
            q("q-17", 1, 3, &["More on doses\x1b[2J", "Line\none"]),
            q("a-much-longer-id", 10, 0, &[]),
        ]);
        assert_eq!(
            table,
            "QUESTION          NO  YES  NOT HELPFUL  COMMENTS\n\
             q-17               3    1          75%         2\n\
             a-much-longer-id   0   10           0%         0\n\
             \n\
             What was missing:\n\
             \n\
             q-17\n  \
             - More on doses\u{FFFD}[2J\n  \
             - Line one\n"
        );
    }

    #[test]
    fn table_is_aligned_and_safe() {
        let q = |r: &str, name: Option<&str>, question: &str| StoredQuestion {
            reference: r.into(),
            received_at: "2025-05-01T10:00:00Z".into(),
            question: question.into(),
            category: Some("Needles".into()),
            name: name.map(Into::into),
            email: None,
            consent: true,
            page_url: None,
            submitted_at: None,
            status: crate::store::Status::New,
        };
        let table = render_table(&[
            q(
                "Q-000002",
                Some("Ann\x1b[31m Évora"),
                "Line one\n\nline\ttwo",
            ),
            q("Q-000001", None, &"x".repeat(30)),
        ]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("REFERENCE  RECEIVED (UTC)"));
        assert!(lines[1].contains("Ann\u{FFFD}[31m Évora"));
        assert!(lines[1].ends_with("Line one line two"));
        assert!(!table.contains('\x1b'));
        let col = |line: &str| line.chars().position(|c| c == 'L' || c == 'x').unwrap();
        assert_eq!(col(lines[1]), col(lines[2]));
        let long = render_table(&[q("Q-000003", Some(&"n".repeat(40)), "question")]);
        assert!(long.contains(&format!("{}…", "n".repeat(23))));
    }
}
