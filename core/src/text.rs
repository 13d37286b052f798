//! Cleaning the text real archives carry: years of copy-and-paste from word processors and
//! web forms leave stray leading punctuation, runs of spaces, non-breaking spaces and
//! mis-decoded quotes. Visitors should see none of it.

/// Byte sequences that appear when UTF-8 punctuation was once decoded as Windows-1252.
const MOJIBAKE: [(&str, &str); 8] = [
    ("â€™", "’"),
    ("â€˜", "‘"),
    ("â€œ", "“"),
    ("â€\u{9d}", "”"),
    ("â€“", "–"),
    ("â€”", "—"),
    ("â€¦", "…"),
    ("Â\u{a0}", " "),
];

/// Tidies one run of prose (a question, a label, a line of an answer) for display.
pub fn tidy(text: &str) -> String {
    let normalized = normalize_spaces(text);
    space_after_full_stops(strip_stray_lead(&normalized).trim_end())
}

/// Repairs mis-decoded punctuation and collapses white space, leaving words untouched:
/// safe for text that may hold a URL.
pub fn normalize_spaces(text: &str) -> String {
    collapse_spaces(&repair_mojibake(text))
}

/// Leading punctuation left over from a form or an editor's cut ("  . I have been…").
pub fn strip_stray_lead(text: &str) -> &str {
    text.trim_start_matches(['.', ',', ';', ':', ' '])
}

/// Collapses every run of white space (including non-breaking and zero-width spaces,
/// tabs and line breaks) into one plain space.
pub fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Runs of characters kept as they are are copied whole: static pages tidy every
    // paragraph of every answer.
    let mut run_start = None;
    for (at, c) in text.char_indices() {
        if !is_space(c) && !is_invisible(c) {
            if run_start.is_none() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                run_start = Some(at);
            }
            continue;
        }
        if let Some(start) = run_start.take() {
            out.push_str(&text[start..at]);
        }
        if is_space(c) {
            pending_space = true;
        }
    }
    if let Some(start) = run_start {
        out.push_str(&text[start..]);
    }
    if pending_space && !out.is_empty() {
        out.push(' ');
    }
    out
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    ) || (c.is_control() && c != '\n')
}

fn repair_mojibake(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('â') && !text.contains('Â') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut repaired = text.to_owned();
    for (broken, intended) in MOJIBAKE {
        repaired = repaired.replace(broken, intended);
    }
    std::borrow::Cow::Owned(repaired)
}

/// "worse.Our clinic" → "worse. Our clinic". Only a lower-case letter, a full stop and an
/// upper-case letter followed by a lower-case one qualify, so "e.g.", "U.K." and "3.5" are
/// left alone.
pub fn space_after_full_stops(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut copied = 0;
    for (stop, _) in text.match_indices('.') {
        let mut before = text[..stop].chars().rev();
        let mut after = text[stop + 1..].chars();
        let missing_space = before.next().is_some_and(char::is_lowercase)
            && before.next().is_some_and(char::is_lowercase)
            && after.next().is_some_and(char::is_uppercase)
            && after.next().is_some_and(char::is_lowercase);
        if missing_space {
            out.push_str(&text[copied..=stop]);
            out.push(' ');
            copied = stop + 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_stray_leading_punctuation_and_spaces() {
        assert_eq!(tidy(". I have been in pain"), "I have been in pain");
        assert_eq!(tidy(" :  I had acupuncture "), "I had acupuncture");
        assert_eq!(tidy("...and then"), "and then");
    }

    #[test]
    fn collapses_all_kinds_of_space() {
        assert_eq!(
            tidy("neck,  shoulder\u{a0}and\tback"),
            "neck, shoulder and back"
        );
        assert_eq!(tidy("line one\nline two"), "line one line two");
        assert_eq!(tidy("zero\u{200b}width"), "zerowidth");
    }

    #[test]
    fn keeps_curly_quotes_and_repairs_mis_decoded_ones() {
        assert_eq!(tidy("it’s “fine”"), "it’s “fine”");
        assert_eq!(tidy("itâ€™s â€œbrokenâ€\u{9d}"), "it’s “broken”");
    }

    #[test]
    fn restores_missing_space_after_a_sentence() {
        assert_eq!(
            tidy("too negative, however.Our experience"),
            "too negative, however. Our experience"
        );
        assert_eq!(
            tidy("e.g.Needles and the U.K.Council, 3.5 mm"),
            "e.g.Needles and the U.K.Council, 3.5 mm"
        );
    }

    #[test]
    fn empty_and_blank_text_stay_empty() {
        assert_eq!(tidy(""), "");
        assert_eq!(tidy(" \u{a0} . "), "");
    }
}
