//! The help text, with examples for every command.

const OVERVIEW: &str = "\
ask-expert-archive: check, build and measure the archive.json that Ask an Expert shows.

Usage:
  ask-expert-archive validate FILE [--json]
  ask-expert-archive import csv FILE [--output archive.json] [--title TITLE]
  ask-expert-archive stats FILE [--json]
  ask-expert-archive help [COMMAND]

Commands:
  validate   list what the app would skip or ignore in an archive, and likely mistakes
  import     build an archive from a CSV file, one question a row
  stats      count questions by category and year, and measure the download

Exit status: 0 all is well, 1 something would be skipped or left out, 2 nothing could be done.
";

const VALIDATE: &str = "\
ask-expert-archive validate FILE [--json]

Reads FILE as the app does and lists, grouped and counted, every question it would skip,
every value it would ignore and every category it would skip, each with the question's
number in the file, its id and the field (or the category's path). Then it warns about
things the app shows but that look like mistakes: answers with almost no text, dates after
today, answers dated before their question, categories with no questions, the same
question twice, and links the app shows as plain text.

Options:
  --json   print a machine-readable report instead

Exit status:
  0  the app shows everything (warnings allowed)
  1  the app would skip or ignore something
  2  the app could not load the file at all (missing, empty, not JSON, not an archive)

Examples:
  ask-expert-archive validate public/archive.json
  ask-expert-archive validate archive.json --json > report.json
";

const IMPORT: &str = "\
ask-expert-archive import csv FILE [--output archive.json] [--title TITLE]

Builds an archive from a CSV file with a header row naming the columns
  id, question, answer, categories, asked, answered
in any order (names in any case; other columns are ignored; categories and answered may
be left out). More answers go in columns \"answer 2\", \"answered 2\", \"answer 3\"…
Dates are written YYYY-MM-DD. A categories cell holds paths separated by \";\", levels by
\">\":  Muscles and bones > Back / spine > Lower back pain; Head and mind > Migraine

Rows that cannot be used are listed on stderr by row number (the header is row 1) and left
out; so is every later row that repeats an id. The archive goes to standard output, or
with --output to a file that is replaced only once the new one is complete.

Options:
  --output FILE, -o FILE   write the archive to FILE instead of standard output
  --title TITLE            the heading shown above the archive (default \"Ask an expert\")

Exit status:
  0  every row was imported
  1  some rows were left out (the rest was written)
  2  nothing was written (unreadable file, missing columns, no usable row)

Examples:
  ask-expert-archive import csv questions.csv --output public/archive.json
  ask-expert-archive import csv export.csv --title \"Ask our experts\" > archive.json
";

const STATS: &str = "\
ask-expert-archive stats FILE [--json]

Counts the questions the app shows: by category (as a tree, each category counting its
subcategories), by year asked, by number of answers; names the longest question and the
longest answer; and gives the size the app downloads, as stored and compressed with gzip -9.

Options:
  --json   print the figures as JSON

Exit status: 0 when the file loads, 2 when it cannot be loaded.

Examples:
  ask-expert-archive stats public/archive.json
  ask-expert-archive stats archive.json --json
";

pub fn text(topic: Option<&str>) -> String {
    match topic {
        Some("validate") => VALIDATE.to_owned(),
        Some("import") => IMPORT.to_owned(),
        Some("stats") => STATS.to_owned(),
        _ => {
            let mut text = OVERVIEW.to_owned();
            for (heading, body) in [("validate", VALIDATE), ("import", IMPORT), ("stats", STATS)] {
                let examples = body.split("Examples:\n").nth(1).unwrap_or_default();
                text.push_str(&format!("\nExamples ({heading}):\n{examples}"));
            }
            text.push_str(
                "\nRun `ask-expert-archive help COMMAND` for the details of one command.\n",
            );
            text
        }
    }
}
