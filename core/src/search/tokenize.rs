//! Splitting text into folded words. The same rules serve the index, the query and the
//! highlighter, so a word found by a search is always a word the highlighter can mark.
//!
//! A word is a run of letters and digits. Apostrophes inside a word are dropped
//! ("don’t" = "don't" = "dont"); hyphens, slashes and other punctuation split words
//! ("electro-acupuncture" is two words). Web addresses are skipped: their pieces are not
//! words anyone searches for.
//!
//! Indexing tokenizes every answer of the archive, so the scanner is one pass over the
//! bytes with a class table, and answers' markup (link targets, list markers, paragraph
//! breaks) is handled in the same pass rather than by parsing it first.

use std::ops::Range;

use super::fold::{CharKind, fold_char};

/// Byte classes. Letters and digits that need no folding are the common case.
const SEPARATOR: u8 = 0;
const PLAIN: u8 = 1;
const UPPER: u8 = 2;
const APOSTROPHE: u8 = 3;
const NON_ASCII: u8 = 4;
const NEWLINE: u8 = 5;
const CLOSE_BRACKET: u8 = 6;
const COLON: u8 = 7;

const CLASSES: [u8; 256] = {
    let mut classes = [SEPARATOR; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = match byte as u8 {
            b'a'..=b'z' | b'0'..=b'9' => PLAIN,
            b'A'..=b'Z' => UPPER,
            b'\'' => APOSTROPHE,
            b'\n' => NEWLINE,
            b']' => CLOSE_BRACKET,
            b':' => COLON,
            0x80..=0xFF => NON_ASCII,
            _ => SEPARATOR,
        };
        byte += 1;
    }
    classes
};

#[inline(always)]
fn class(bytes: &[u8], position: usize) -> u8 {
    match bytes.get(position) {
        Some(&byte) => CLASSES[usize::from(byte)],
        None => SEPARATOR,
    }
}

/// Receives words (folded, with their byte span in the text) and the places where a
/// phrase cannot continue.
pub(super) trait WordSink {
    fn word(&mut self, folded: &str, span: Range<usize>);
    fn phrase_break(&mut self) {}
}

/// Every caller but the indexer shares this one sink, so the scanner is compiled twice in
/// all rather than once per caller (WebAssembly bundle size).
struct EachWord<'a>(&'a mut dyn FnMut(&str, Range<usize>));

impl WordSink for EachWord<'_> {
    fn word(&mut self, folded: &str, span: Range<usize>) {
        (self.0)(folded, span)
    }
}

/// Calls `each(folded_word, byte_span)` for every word of `text`, in order. `scratch`
/// holds a word that needed folding, so no word allocates.
pub(super) fn for_each_word(
    text: &str,
    scratch: &mut String,
    each: &mut dyn FnMut(&str, Range<usize>),
) {
    Scanner {
        text,
        scratch,
        markup: false,
    }
    .run(&mut EachWord(each));
}

/// The words of `text` as search sees them: folded (case, accents, ligatures), apostrophes
/// inside words dropped, split at everything else, web addresses left out. For whoever
/// needs to agree with search about what a word is, such as ids made from labels.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, &mut String::new(), &mut |word, _| {
        out.push(word.to_owned())
    });
    out
}

/// Feeds `sink` every word of plain `text`: [`for_each_word`] for the indexer.
pub(super) fn feed_words(text: &str, scratch: &mut String, sink: &mut impl WordSink) {
    Scanner {
        text,
        scratch,
        markup: false,
    }
    .run(sink);
}

/// Feeds `sink` the words a reader sees in an answer written in the markup subset (see
/// [`crate::markup`]): link targets and list numbers are skipped, paragraphs and list
/// items end phrases. Equivalent to tokenizing `markup::plain_text(&answer.blocks())`
/// without building the tree, which matters when indexing tens of thousands of answers.
pub(super) fn for_each_answer_word(body: &str, scratch: &mut String, sink: &mut impl WordSink) {
    Scanner {
        text: body,
        scratch,
        markup: true,
    }
    .run(sink);
}

struct Scanner<'t, 's> {
    text: &'t str,
    scratch: &'s mut String,
    markup: bool,
}

impl Scanner<'_, '_> {
    fn run(&mut self, sink: &mut impl WordSink) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut position = if self.markup {
            self.line_start(0, sink)
        } else {
            0
        };
        while position < bytes.len() {
            position = match CLASSES[usize::from(bytes[position])] {
                PLAIN | UPPER => self.word(position, sink),
                NON_ASCII => {
                    let c = char_at(text, position);
                    self.scratch.clear();
                    if fold_char(c, self.scratch) == CharKind::Word {
                        self.word(position, sink)
                    } else {
                        position + c.len_utf8()
                    }
                }
                NEWLINE if self.markup => self.line_start(position + 1, sink),
                CLOSE_BRACKET if self.markup && bytes.get(position + 1) == Some(&b'(') => {
                    skip_link_target(bytes, position + 2)
                }
                _ => position + 1,
            };
        }
    }

    /// Reads the word starting at `start` and passes it on; returns where to go on.
    #[inline(always)]
    fn word(&mut self, start: usize, sink: &mut impl WordSink) -> usize {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut end = start;
        while class(bytes, end) == PLAIN {
            end += 1;
        }
        // Most words are lower-case ASCII ending in a space or punctuation: those are
        // passed on as they stand, without copying.
        let folded = if matches!(
            class(bytes, end),
            SEPARATOR | NEWLINE | CLOSE_BRACKET | COLON
        ) {
            &text[start..end]
        } else {
            end = read_word(text, start, self.scratch);
            self.scratch.as_str()
        };
        if class(bytes, end) == COLON
            && matches!(folded, "http" | "https")
            && text[end..].starts_with("://")
        {
            return end
                + text[end..]
                    .find(char::is_whitespace)
                    .unwrap_or(text.len() - end);
        }
        sink.word(folded, start..end);
        end
    }

    /// At the start of an answer's line: a blank line or a list item ends a phrase, and a
    /// list marker is not text. Returns where the line's text starts.
    fn line_start(&mut self, line: usize, sink: &mut impl WordSink) -> usize {
        let bytes = self.text.as_bytes();
        let mut position = line;
        while matches!(bytes.get(position), Some(b' ' | b'\t' | b'\r')) {
            position += 1;
        }
        match bytes.get(position) {
            None => return position,
            Some(b'\n') => {
                sink.phrase_break();
                return position;
            }
            Some(_) => {}
        }
        match list_marker_length(&bytes[position..]) {
            Some(length) => {
                sink.phrase_break();
                position + length
            }
            None => position,
        }
    }
}

/// Reads the word starting at `start` (a letter or digit) into `scratch`, folded, and
/// returns where it ends: the general case, with capitals, apostrophes and accents.
fn read_word(text: &str, start: usize, scratch: &mut String) -> usize {
    let bytes = text.as_bytes();
    scratch.clear();
    let mut position = start;
    let mut end = start;
    loop {
        let run_start = position;
        while matches!(class(bytes, position), PLAIN | UPPER) {
            position += 1;
        }
        if position > run_start {
            scratch.push_str(&text[run_start..position]);
            end = position;
        }
        match class(bytes, position) {
            APOSTROPHE if starts_word(text, position + 1) => position += 1,
            NON_ASCII => {
                let c = char_at(text, position);
                let next = position + c.len_utf8();
                match fold_char(c, scratch) {
                    CharKind::Word | CharKind::Accent => {
                        position = next;
                        end = next;
                    }
                    CharKind::Apostrophe if starts_word(text, next) => position = next,
                    CharKind::Apostrophe | CharKind::Separator => break,
                }
            }
            _ => break,
        }
    }
    // Folded letters outside ASCII are already lower case; this only touches ASCII.
    scratch.make_ascii_lowercase();
    end
}

/// True when a letter or digit starts at `position`.
fn starts_word(text: &str, position: usize) -> bool {
    match class(text.as_bytes(), position) {
        PLAIN | UPPER => true,
        NON_ASCII => char_at(text, position).is_alphanumeric(),
        _ => false,
    }
}

fn char_at(text: &str, position: usize) -> char {
    text[position..]
        .chars()
        .next()
        .expect("position is on a character boundary")
}

/// Skips a link target, `(…)` with balanced parentheses on one line, whose first byte
/// is at `start`; returns where the text goes on.
fn skip_link_target(bytes: &[u8], start: usize) -> usize {
    let mut depth = 1usize;
    for (offset, &byte) in bytes[start..].iter().enumerate() {
        match byte {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return start + offset + 1;
                }
            }
            b'\n' => return start + offset,
            _ => {}
        }
    }
    bytes.len()
}

/// The length of a list marker ("- ", "* ", "+ ", "• ", "12. ", "3) ") at the start of `line`.
fn list_marker_length(line: &[u8]) -> Option<usize> {
    match line {
        [b'-' | b'*' | b'+', b' ', ..] => return Some(2),
        [0xE2, 0x80, 0xA2, b' ', ..] => return Some(4),
        _ => {}
    }
    let digits = line.iter().take_while(|byte| byte.is_ascii_digit()).count();
    match line.get(digits..digits + 2) {
        Some([b'.' | b')', b' ']) if (1..=3).contains(&digits) => Some(digits + 2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup;

    fn spans(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_word(text, &mut String::new(), &mut |_, span| {
            out.push(&text[span])
        });
        out
    }

    #[derive(Default)]
    struct Collected(Vec<String>);

    impl WordSink for Collected {
        fn word(&mut self, folded: &str, _: Range<usize>) {
            self.0.push(folded.to_owned());
        }
        fn phrase_break(&mut self) {
            self.0.push("|".to_owned());
        }
    }

    fn answer_words(body: &str) -> Vec<String> {
        let mut collected = Collected::default();
        for_each_answer_word(body, &mut String::new(), &mut collected);
        collected.0
    }

    #[test]
    fn splits_on_punctuation_and_folds() {
        assert_eq!(
            words("Élan, NAÏVE—l5/S1 9-10 3.5"),
            ["elan", "naive", "l5", "s1", "9", "10", "3", "5"]
        );
        assert_eq!(words("electro-acupuncture"), ["electro", "acupuncture"]);
        assert_eq!(
            words("iPhone McDonald LOUD"),
            ["iphone", "mcdonald", "loud"]
        );
        assert!(words(" ... — “” ").is_empty());
    }

    #[test]
    fn apostrophes_inside_words_vanish() {
        assert_eq!(words("don’t don't dont"), ["dont", "dont", "dont"]);
        assert_eq!(
            words("my father's 'normal for my age' ‘quoted’"),
            ["my", "fathers", "normal", "for", "my", "age", "quoted"]
        );
        assert_eq!(words("rock 'n' roll o'"), ["rock", "n", "roll", "o"]);
    }

    #[test]
    fn spans_cover_the_original_text() {
        assert_eq!(
            spans("Don’t  stop—Élan! cafe\u{301}s"),
            ["Don’t", "stop", "Élan", "cafe\u{301}s"]
        );
        assert_eq!(words("cafe\u{301}s"), ["cafes"]);
        assert_eq!(spans("end"), ["end"]);
    }

    #[test]
    fn skips_web_addresses() {
        assert_eq!(
            words("See https://example.org/back-pain today"),
            ["see", "today"]
        );
        assert_eq!(words("See HTTP://EXAMPLE.ORG today"), ["see", "today"]);
        assert_eq!(
            words("an http-based form: http"),
            ["an", "http", "based", "form", "http"]
        );
    }

    #[test]
    fn answers_yield_their_visible_words_only() {
        let body = "See **our** [leaflet](https://example.org/a_(b)) or *this*.\n\n- one item\n\
                    - two\n12. numbered\nhttps://example.org/x end";
        let plain = markup::plain_text(&markup::parse(body));
        let plain_words: Vec<String> = words(&plain);
        let indexed: Vec<String> = answer_words(body)
            .into_iter()
            .filter(|word| word != "|")
            .collect();
        assert_eq!(indexed, plain_words);
        assert_eq!(
            answer_words(body),
            [
                "see", "our", "leaflet", "or", "this", "|", "|", "one", "item", "|", "two", "|",
                "numbered", "end"
            ]
        );
    }

    #[test]
    fn answer_markup_edge_cases() {
        assert_eq!(answer_words("a [b](c\nd"), ["a", "b", "d"]);
        assert_eq!(
            answer_words("• bullet\n  \n3) three 4. four"),
            ["|", "bullet", "|", "|", "three", "4", "four"]
        );
        assert_eq!(answer_words("x]y (z)"), ["x", "y", "z"]);
        assert!(answer_words("").is_empty());
    }
}
