//! The command line, parsed with the standard library only, and the `list` table.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::store::StoredQuestion;

pub const DEFAULT_ADDR: &str = "127.0.0.1:8081";
pub const DEFAULT_DB: &str = "ask-expert-questions.sqlite";
pub const DEFAULT_RATE_LIMIT: u32 = 5;
/// Read when `--list-token` is not given, so the token need not show in `ps`.
pub const LIST_TOKEN_ENV: &str = "ASK_EXPERT_LIST_TOKEN";

pub const HELP: &str = "\
ask-expert-receiver: receives the questions visitors post from Ask an Expert and keeps
them in a SQLite file. The reference implementation of docs/endpoint-contract.md.

USAGE:
    ask-expert-receiver serve [OPTIONS]
    ask-expert-receiver list [--db PATH] [--json]
    ask-expert-receiver --help | --version

SERVE OPTIONS:
    --addr ADDR            Address to listen on [default: 127.0.0.1:8081].
                           Only this address is bound; use 0.0.0.0:PORT or [::]:PORT
                           to listen on every interface.
    --db PATH              SQLite file, created when missing
                           [default: ask-expert-questions.sqlite]
    --allow-origin ORIGIN  Let pages from ORIGIN (e.g. https://www.example.org) post from
                           the browser (CORS). Exact match; repeat for more; * for any.
    --rate-limit N         Questions accepted per client address per minute
                           [default: 5]; 0 turns the limit off.
    --list-token TOKEN     Enables GET /questions for 'Authorization: Bearer TOKEN'.
                           Also read from $ASK_EXPERT_LIST_TOKEN (which keeps it out
                           of the process list).
    --require-email        Refuse questions without an email address.

LIST OPTIONS:
    --db PATH              SQLite file to read [default: ask-expert-questions.sqlite]
    --json                 Print JSON (newest first) instead of a table.

ENDPOINTS:
    POST /questions        a new question (JSON or form); 201 with a reference
    OPTIONS /questions     CORS preflight
    GET  /questions        stored questions, newest first (needs --list-token)
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

Each request is logged on stderr as 'METHOD PATH STATUS MSms', never with its content.
Stop with Ctrl-C or SIGTERM; requests in progress are finished first.
";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    Version,
    Serve(ServeArgs),
    List(ListArgs),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeArgs {
    pub addr: SocketAddr,
    pub db: PathBuf,
    pub allow_origins: Vec<String>,
    pub rate_limit: u32,
    pub list_token: Option<String>,
    pub require_email: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListArgs {
    pub db: PathBuf,
    pub json: bool,
}

/// Parses the arguments after the program name. `env_token` is the value of
/// `$ASK_EXPERT_LIST_TOKEN`, used when `--list-token` is absent.
pub fn parse(args: &[String], env_token: Option<String>) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(Command::Help);
    }
    match command.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "serve" => parse_serve(rest, env_token).map(Command::Serve),
        "list" => parse_list(rest).map(Command::List),
        other => Err(format!(
            "unknown command '{other}' (expected 'serve' or 'list')"
        )),
    }
}

/// Splits `--name=value` / `--name value` options; flags take no value.
struct Options<'a> {
    args: std::slice::Iter<'a, String>,
}

impl<'a> Options<'a> {
    fn new(args: &'a [String]) -> Self {
        Options { args: args.iter() }
    }

    /// The next option name and, when given inline with `=`, its value.
    fn next_option(&mut self) -> Option<Result<(&'a str, Option<&'a str>), String>> {
        let arg = self.args.next()?;
        if !arg.starts_with("--") {
            return Some(Err(format!("unexpected argument '{arg}'")));
        }
        Some(Ok(match arg.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (arg.as_str(), None),
        }))
    }

    fn value(&mut self, name: &str, inline: Option<&'a str>) -> Result<&'a str, String> {
        match inline {
            Some(v) => Ok(v),
            None => self
                .args
                .next()
                .map(String::as_str)
                .ok_or_else(|| format!("{name} needs a value")),
        }
    }
}

fn no_value(name: &str, inline: Option<&str>) -> Result<(), String> {
    match inline {
        None => Ok(()),
        Some(_) => Err(format!("{name} takes no value")),
    }
}

fn parse_serve(args: &[String], env_token: Option<String>) -> Result<ServeArgs, String> {
    let mut out = ServeArgs {
        addr: DEFAULT_ADDR.parse().expect("default address"),
        db: PathBuf::from(DEFAULT_DB),
        allow_origins: Vec::new(),
        rate_limit: DEFAULT_RATE_LIMIT,
        list_token: None,
        require_email: false,
    };
    let mut opts = Options::new(args);
    while let Some(next) = opts.next_option() {
        let (name, inline) = next?;
        match name {
            "--addr" => {
                let v = opts.value(name, inline)?;
                out.addr = v.parse().map_err(|_| {
                    format!("--addr '{v}' is not an address like 127.0.0.1:8081 or [::1]:8081")
                })?;
            }
            "--db" => out.db = PathBuf::from(non_empty(name, opts.value(name, inline)?)?),
            "--allow-origin" => {
                let v = opts.value(name, inline)?;
                check_origin(v)?;
                out.allow_origins.push(v.to_owned());
            }
            "--rate-limit" => {
                let v = opts.value(name, inline)?;
                out.rate_limit = v
                    .parse()
                    .map_err(|_| format!("--rate-limit '{v}' is not a whole number (0 or more)"))?;
            }
            "--list-token" => {
                out.list_token = Some(non_empty(name, opts.value(name, inline)?)?.to_owned())
            }
            "--require-email" => {
                no_value(name, inline)?;
                out.require_email = true;
            }
            _ => return Err(format!("unknown option '{name}' for serve")),
        }
    }
    if out.list_token.is_none() {
        out.list_token = env_token.filter(|t| !t.is_empty());
    }
    Ok(out)
}

fn parse_list(args: &[String]) -> Result<ListArgs, String> {
    let mut out = ListArgs {
        db: PathBuf::from(DEFAULT_DB),
        json: false,
    };
    let mut opts = Options::new(args);
    while let Some(next) = opts.next_option() {
        let (name, inline) = next?;
        match name {
            "--db" => out.db = PathBuf::from(non_empty(name, opts.value(name, inline)?)?),
            "--json" => {
                no_value(name, inline)?;
                out.json = true;
            }
            _ => return Err(format!("unknown option '{name}' for list")),
        }
    }
    Ok(out)
}

fn non_empty<'a>(name: &str, value: &'a str) -> Result<&'a str, String> {
    if value.is_empty() {
        Err(format!("{name} needs a value"))
    } else {
        Ok(value)
    }
}

/// An origin is `scheme://host[:port]` exactly as browsers send it: no path, no
/// trailing slash. A common mistake is `https://example.org/`, which never matches.
fn check_origin(origin: &str) -> Result<(), String> {
    if origin == "*" {
        return Ok(());
    }
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', ' ']) => Ok(()),
        _ => Err(format!(
            "--allow-origin '{origin}' is not an origin: write it like https://www.example.org \
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

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn serve(s: &str) -> Result<ServeArgs, String> {
        match parse(&args(s), None)? {
            Command::Serve(a) => Ok(a),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn defaults() {
        let a = serve("serve").unwrap();
        assert_eq!(a.addr.to_string(), "127.0.0.1:8081");
        assert_eq!(a.db, PathBuf::from("ask-expert-questions.sqlite"));
        assert_eq!(a.rate_limit, 5);
        assert!(a.allow_origins.is_empty() && a.list_token.is_none() && !a.require_email);
        assert_eq!(
            parse(&args("list"), None).unwrap(),
            Command::List(ListArgs {
                db: DEFAULT_DB.into(),
                json: false
            })
        );
    }

    #[test]
    fn every_option() {
        let a = serve(
            "serve --addr [::1]:9000 --db=/tmp/q.sqlite --allow-origin https://a.example \
             --allow-origin=http://127.0.0.1:8080 --allow-origin * --rate-limit 0 \
             --list-token t0k --require-email",
        )
        .unwrap();
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
            parse(&args("list --json --db x.sqlite"), None).unwrap(),
            Command::List(ListArgs {
                db: "x.sqlite".into(),
                json: true
            })
        );
    }

    #[test]
    fn token_from_environment_unless_given() {
        let from_env = parse(&args("serve"), Some("env".into())).unwrap();
        let Command::Serve(a) = from_env else {
            panic!()
        };
        assert_eq!(a.list_token.as_deref(), Some("env"));
        let Command::Serve(a) = parse(&args("serve --list-token cli"), Some("env".into())).unwrap()
        else {
            panic!()
        };
        assert_eq!(a.list_token.as_deref(), Some("cli"));
        let Command::Serve(a) = parse(&args("serve"), Some(String::new())).unwrap() else {
            panic!()
        };
        assert_eq!(a.list_token, None);
    }

    #[test]
    fn help_and_version() {
        for s in [
            "",
            "--help",
            "-h",
            "help",
            "serve --help",
            "list -h",
            "serve --bogus --help",
        ] {
            assert_eq!(parse(&args(s), None).unwrap(), Command::Help, "{s:?}");
        }
        assert_eq!(parse(&args("--version"), None).unwrap(), Command::Version);
        assert!(HELP.contains("EXAMPLES"));
    }

    #[test]
    fn mistakes_are_named() {
        for (s, needle) in [
            ("frobnicate", "unknown command"),
            ("serve --addr localhost:80", "--addr"),
            ("serve --addr", "needs a value"),
            ("serve --rate-limit -1", "--rate-limit"),
            ("serve --rate-limit five", "--rate-limit"),
            ("serve --allow-origin https://example.org/", "not an origin"),
            ("serve --allow-origin example.org", "not an origin"),
            ("serve --require-email=yes", "takes no value"),
            ("serve --list-token=", "needs a value"),
            ("serve extra", "unexpected argument"),
            ("list --addr 1.2.3.4:5", "unknown option"),
            ("list --json=1", "takes no value"),
        ] {
            let err = parse(&args(s), None).unwrap_err();
            assert!(err.contains(needle), "{s:?}: {err}");
        }
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
