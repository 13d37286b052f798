//! Text from visitors written into a spreadsheet, and read back from one, safely.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and, in some, a tab
//! or a carriage return) as a formula, so a visitor could plant one in an editor's copy of
//! the questions (OWASP: CSV injection). Such a cell is written with a leading apostrophe,
//! which spreadsheets show as text; a cell that itself begins with an apostrophe gets one
//! more, so reading back removes exactly what writing added and the visitor's text returns
//! unchanged.

const APOSTROPHE: char = '\'';

fn needs_guard(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | APOSTROPHE)
    )
}

/// The cell to write for `text`.
pub fn protect(text: &str) -> String {
    if needs_guard(text) {
        format!("{APOSTROPHE}{text}")
    } else {
        text.to_owned()
    }
}

/// The text a cell written by [`protect`] holds. A cell typed by an editor is read as it is,
/// unless it begins with an apostrophe before one of the guarded characters.
pub fn unprotect(cell: &str) -> &str {
    match cell.strip_prefix(APOSTROPHE) {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_written_as_text_and_read_back_unchanged() {
        for text in [
            "=HYPERLINK(\"http://x\",\"click\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tindented",
            "\rreturn",
            "'quoted",
            "''=",
            "'",
            "",
            "plain = text",
            "- a list an editor wrote",
        ] {
            let cell = protect(text);
            assert!(!matches!(
                cell.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            ));
            assert_eq!(unprotect(&cell), text, "{text:?}");
        }
        assert_eq!(protect("=1+1"), "'=1+1");
        assert_eq!(protect("Is it safe?"), "Is it safe?");
    }

    #[test]
    fn editors_cells_are_read_as_typed() {
        assert_eq!(
            unprotect("- first point\n- second"),
            "- first point\n- second"
        );
        assert_eq!(unprotect("'tis the season"), "'tis the season");
    }
}
