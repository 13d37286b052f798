//! A small hand-written argument parser: three commands, a few options.

use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, PartialEq)]
pub enum Command {
    /// Usage, for everything or for one command.
    Help(Option<&'static str>),
    Version,
    Validate {
        file: PathBuf,
        json: bool,
    },
    ImportCsv {
        file: PathBuf,
        output: Option<PathBuf>,
        title: Option<String>,
    },
    Stats {
        file: PathBuf,
        json: bool,
    },
}

#[derive(Debug, PartialEq)]
pub struct UsageError {
    pub message: String,
    /// The command whose help to point at.
    pub command: Option<&'static str>,
}

const COMMANDS: [&str; 3] = ["validate", "import", "stats"];

pub fn parse(args: Vec<OsString>) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Ok(Command::Help(None));
    };
    let first = first.to_string_lossy().into_owned();
    match first.as_str() {
        "help" | "-h" | "--help" => {
            let topic = match args.next() {
                None => None,
                Some(topic) => {
                    let topic = topic.to_string_lossy().into_owned();
                    match COMMANDS.iter().find(|command| **command == topic) {
                        Some(command) => Some(*command),
                        None => {
                            return Err(general(format!(
                                "there is no command \"{topic}\" to explain"
                            )));
                        }
                    }
                }
            };
            Ok(Command::Help(topic))
        }
        "-V" | "--version" => Ok(Command::Version),
        "validate" => {
            let options = Options::read(args, "validate", &["--json"], &[])?;
            if options.help {
                return Ok(Command::Help(Some("validate")));
            }
            Ok(Command::Validate {
                json: options.flag("--json"),
                file: options.one_file("validate")?,
            })
        }
        "stats" => {
            let options = Options::read(args, "stats", &["--json"], &[])?;
            if options.help {
                return Ok(Command::Help(Some("stats")));
            }
            Ok(Command::Stats {
                json: options.flag("--json"),
                file: options.one_file("stats")?,
            })
        }
        "import" => {
            let format = args
                .next()
                .map(|format| format.to_string_lossy().into_owned());
            match format.as_deref() {
                Some("csv") => {}
                Some("-h" | "--help") => return Ok(Command::Help(Some("import"))),
                Some(other) => {
                    return Err(UsageError {
                        message: format!(
                            "cannot import \"{other}\": the only format is csv (`import csv FILE`)"
                        ),
                        command: Some("import"),
                    });
                }
                None => {
                    return Err(UsageError {
                        message: "import needs the format and the file: `import csv FILE`".into(),
                        command: Some("import"),
                    });
                }
            }
            let mut options = Options::read(args, "import", &[], &["--output", "--title"])?;
            if options.help {
                return Ok(Command::Help(Some("import")));
            }
            let output = options.value("--output").map(PathBuf::from);
            let title = match options.value("--title") {
                None => None,
                Some(title) => match title.into_string() {
                    Ok(title) if !title.trim().is_empty() => Some(title),
                    Ok(_) => return Err(import_error("--title needs some text")),
                    Err(_) => return Err(import_error("--title is not valid UTF-8 text")),
                },
            };
            Ok(Command::ImportCsv {
                file: options.one_file("import")?,
                output,
                title,
            })
        }
        other if other.starts_with('-') => Err(general(format!(
            "unknown option \"{other}\" (options go after the command)"
        ))),
        other => Err(general(format!(
            "unknown command \"{other}\"; the commands are validate, import and stats"
        ))),
    }
}

fn general(message: String) -> UsageError {
    UsageError {
        message,
        command: None,
    }
}

fn import_error(message: &str) -> UsageError {
    UsageError {
        message: message.to_owned(),
        command: Some("import"),
    }
}

struct Options {
    command: &'static str,
    flags: Vec<&'static str>,
    values: Vec<(&'static str, OsString)>,
    files: Vec<PathBuf>,
    help: bool,
}

impl Options {
    fn read(
        args: impl Iterator<Item = OsString>,
        command: &'static str,
        flags: &[&'static str],
        valued: &[&'static str],
    ) -> Result<Options, UsageError> {
        let mut options = Options {
            command,
            flags: Vec::new(),
            values: Vec::new(),
            files: Vec::new(),
            help: false,
        };
        let error = |message: String| UsageError {
            message,
            command: Some(command),
        };
        let mut args = args.peekable();
        let mut only_files = false;
        while let Some(arg) = args.next() {
            let text = arg.to_string_lossy();
            if only_files || !text.starts_with('-') || text == "-" {
                options.files.push(PathBuf::from(arg));
                continue;
            }
            if text == "--" {
                only_files = true;
                continue;
            }
            if text == "-h" || text == "--help" {
                options.help = true;
                continue;
            }
            let (name, inline_value) = match text.split_once('=') {
                Some((name, value)) => (name.to_owned(), Some(OsString::from(value))),
                None => (text.into_owned(), None),
            };
            let name = if name == "-o" && valued.contains(&"--output") {
                "--output".to_owned()
            } else {
                name
            };
            if let Some(flag) = flags.iter().find(|flag| **flag == name) {
                if inline_value.is_some() {
                    return Err(error(format!("{flag} takes no value")));
                }
                if options.flags.contains(flag) {
                    return Err(error(format!("{flag} is given twice")));
                }
                options.flags.push(flag);
            } else if let Some(option) = valued.iter().find(|option| **option == name) {
                let value = match inline_value {
                    Some(value) => value,
                    None => match args.next() {
                        Some(value) => value,
                        None => return Err(error(format!("{option} needs a value"))),
                    },
                };
                if options.values.iter().any(|(name, _)| name == option) {
                    return Err(error(format!("{option} is given twice")));
                }
                if value.is_empty() {
                    return Err(error(format!("{option} needs a value")));
                }
                options.values.push((option, value));
            } else {
                let known: Vec<&str> = flags.iter().chain(valued).copied().collect();
                let known = if known.is_empty() {
                    "it takes no options".to_owned()
                } else {
                    format!("it takes {}", known.join(", "))
                };
                return Err(error(format!(
                    "{command} has no option \"{name}\"; {known}"
                )));
            }
        }
        Ok(options)
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }

    fn value(&mut self, name: &str) -> Option<OsString> {
        let position = self.values.iter().position(|(option, _)| *option == name)?;
        Some(self.values.remove(position).1)
    }

    fn one_file(mut self, what: &str) -> Result<PathBuf, UsageError> {
        let error = |message: String| UsageError {
            message,
            command: Some(self.command),
        };
        match self.files.len() {
            1 => Ok(self.files.remove(0)),
            0 => Err(error(format!("{what} needs the file to read"))),
            _ => Err(error(format!(
                "{what} reads one file at a time, and was given {}",
                self.files.len()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &[&str]) -> Result<Command, UsageError> {
        parse(words.iter().map(OsString::from).collect())
    }

    #[test]
    fn reads_each_command() {
        assert_eq!(
            parse_words(&["validate", "a.json", "--json"]),
            Ok(Command::Validate {
                file: "a.json".into(),
                json: true
            })
        );
        assert_eq!(
            parse_words(&["stats", "a.json"]),
            Ok(Command::Stats {
                file: "a.json".into(),
                json: false
            })
        );
        assert_eq!(
            parse_words(&[
                "import",
                "csv",
                "q.csv",
                "--output=out.json",
                "--title",
                "Ask us"
            ]),
            Ok(Command::ImportCsv {
                file: "q.csv".into(),
                output: Some("out.json".into()),
                title: Some("Ask us".into())
            })
        );
        assert_eq!(
            parse_words(&["import", "csv", "-o", "out.json", "--", "-odd.csv"]),
            Ok(Command::ImportCsv {
                file: "-odd.csv".into(),
                output: Some("out.json".into()),
                title: None
            })
        );
    }

    #[test]
    fn help_in_every_form() {
        assert_eq!(parse_words(&[]), Ok(Command::Help(None)));
        assert_eq!(parse_words(&["help"]), Ok(Command::Help(None)));
        assert_eq!(parse_words(&["--help"]), Ok(Command::Help(None)));
        assert_eq!(
            parse_words(&["help", "stats"]),
            Ok(Command::Help(Some("stats")))
        );
        assert_eq!(
            parse_words(&["validate", "--help"]),
            Ok(Command::Help(Some("validate")))
        );
        assert_eq!(
            parse_words(&["import", "--help"]),
            Ok(Command::Help(Some("import")))
        );
        assert_eq!(
            parse_words(&["import", "csv", "-h"]),
            Ok(Command::Help(Some("import")))
        );
    }

    #[test]
    fn explains_mistakes() {
        let message = |words: &[&str]| parse_words(words).unwrap_err().message;
        assert!(message(&["check", "a.json"]).contains("unknown command \"check\""));
        assert!(message(&["validate"]).contains("needs the file"));
        assert!(message(&["validate", "a.json", "b.json"]).contains("one file at a time"));
        assert!(
            message(&["validate", "a.json", "--output", "x"]).contains("no option \"--output\"")
        );
        assert!(message(&["stats", "a.json", "--json", "--json"]).contains("twice"));
        assert!(message(&["import", "xlsx", "a.xlsx"]).contains("only format is csv"));
        assert!(
            message(&["import", "csv", "a.csv", "--output"]).contains("--output needs a value")
        );
        assert!(
            message(&["import", "csv", "a.csv", "--title", " "])
                .contains("--title needs some text")
        );
        assert!(message(&["help", "frobnicate"]).contains("no command"));
    }
}
