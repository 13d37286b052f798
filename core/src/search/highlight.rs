//! Marking what a search matched in the text shown to the visitor: every word that counted
//! (as typed, stemmed, completed or nearly spelled) and every occurrence of a phrase, and
//! cutting a snippet around the best cluster of marks.

use std::ops::Range;
use std::sync::Arc;

use super::dictionary::Dictionary;
use super::order::sort_keys;
use super::tokenize::for_each_word;

/// A run of displayed text, marked when it matched the search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// What to mark in displayed text. Cheap to clone; the default marks nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlight {
    marks: Arc<Marks>,
}

#[derive(Debug, Default, PartialEq)]
struct Marks {
    /// Folded words marked wherever they appear.
    words: Dictionary,
    /// Sequences marked only where they appear in order; each position lists the folded
    /// words it accepts.
    phrases: Vec<Vec<Vec<Box<str>>>>,
}

#[derive(Default)]
pub(super) struct HighlightBuilder {
    marks: Marks,
}

impl HighlightBuilder {
    pub(super) fn word(&mut self, folded: &str) {
        self.marks.words.get_or_insert(folded);
    }

    pub(super) fn phrase(&mut self, slots: Vec<Vec<Box<str>>>) {
        if !slots.is_empty() && !self.marks.phrases.contains(&slots) {
            self.marks.phrases.push(slots);
        }
    }

    pub(super) fn build(self) -> Highlight {
        Highlight {
            marks: Arc::new(self.marks),
        }
    }
}

/// One match in the text: its bytes, and which word or phrase it is (to prefer snippets
/// showing different matches over one repeated).
#[derive(Debug, Clone)]
struct Mark {
    bytes: Range<usize>,
    what: usize,
}

const ELLIPSIS: &str = "…";

impl Highlight {
    /// True when the highlight marks nothing.
    pub fn is_empty(&self) -> bool {
        self.marks.words.len() == 0 && self.marks.phrases.is_empty()
    }

    /// Splits `text` into segments, marking every word that matched the search (exact,
    /// stemmed, prefix or fuzzy variants; each word of a phrase). The segments joined
    /// give back `text`.
    pub fn segments(&self, text: &str) -> Vec<Segment> {
        let marks = self.marks_in(text);
        build_segments(text, 0..text.len(), &marks)
    }

    /// A window of about `max_chars` characters of `text` around its best cluster of
    /// matches, cut at word boundaries, with "…" added where cut; the start of the text
    /// when nothing matches. Line breaks become spaces: a snippet is one run of text.
    pub fn snippet(&self, text: &str, max_chars: usize) -> Vec<Segment> {
        let flat: String = text
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let text = flat.trim();
        let marks = self.marks_in(text);
        let chars = CharOffsets::new(text);
        if chars.total() <= max_chars {
            return build_segments(text, 0..text.len(), &marks);
        }
        let words = word_spans(text);
        let window = match best_cluster(&marks, &chars, max_chars) {
            None => 0..chars.total().min(max_chars),
            Some(cluster) => around(cluster, chars.total(), max_chars),
        };
        let start = if window.start == 0 {
            0
        } else {
            words
                .iter()
                .map(|word| word.start)
                .find(|&start| chars.of(start) >= window.start)
                .unwrap_or(text.len())
        };
        let end_limit = chars.of(start) + max_chars;
        let end = if end_limit >= chars.total() {
            text.len()
        } else {
            let last_whole_word = words
                .iter()
                .rev()
                .map(|word| word.end)
                .find(|&end| chars.of(end) <= end_limit && end > start);
            last_whole_word.unwrap_or_else(|| chars.byte_at(end_limit))
        };
        let mut segments = build_segments(text, start..end, &marks);
        if start > 0 {
            attach(&mut segments, true);
        }
        if end < text.len() {
            attach(&mut segments, false);
        }
        segments
    }

    fn marks_in(&self, text: &str) -> Vec<Mark> {
        if self.is_empty() {
            return Vec::new();
        }
        let mut folded = String::new();
        let mut words: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        for_each_word(text, &mut String::new(), &mut |word, span| {
            let start = folded.len();
            folded.push_str(word);
            words.push((span, start..folded.len()));
        });
        let folded_word = |index: usize| &folded[words[index].1.clone()];

        let mut marks: Vec<Mark> = Vec::new();
        for (index, (span, _)) in words.iter().enumerate() {
            if let Some(term) = self.marks.words.get(folded_word(index)) {
                marks.push(Mark {
                    bytes: span.clone(),
                    what: term as usize,
                });
            }
        }
        for (phrase_number, phrase) in self.marks.phrases.iter().enumerate() {
            let what = usize::MAX - phrase_number;
            for first in 0..words.len().saturating_sub(phrase.len() - 1) {
                let matches = phrase.iter().enumerate().all(|(offset, accepted)| {
                    accepted
                        .iter()
                        .any(|word| **word == *folded_word(first + offset))
                });
                if matches {
                    let bytes = words[first].0.start..words[first + phrase.len() - 1].0.end;
                    marks.push(Mark { bytes, what });
                }
            }
        }
        let mut order: Vec<u64> = marks
            .iter()
            .enumerate()
            .map(|(index, mark)| (mark.bytes.start as u64) << 32 | index as u64)
            .collect();
        sort_keys(&mut order);
        order
            .into_iter()
            .map(|key| marks[key as u32 as usize].clone())
            .collect()
    }
}

/// The segments of `text[window]`, with overlapping marks merged.
fn build_segments(text: &str, window: Range<usize>, marks: &[Mark]) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut position = window.start;
    let push = |segments: &mut Vec<Segment>, range: Range<usize>, marked: bool| {
        if range.is_empty() {
            return;
        }
        match segments.last_mut() {
            Some(last) if last.marked == marked && !marked => last.text.push_str(&text[range]),
            _ => segments.push(Segment {
                text: text[range].to_owned(),
                marked,
            }),
        }
    };
    let mut index = 0;
    while index < marks.len() {
        let mut bytes = marks[index].bytes.clone();
        index += 1;
        while index < marks.len() && marks[index].bytes.start < bytes.end {
            bytes.end = bytes.end.max(marks[index].bytes.end);
            index += 1;
        }
        let start = bytes.start.max(position);
        let end = bytes.end.min(window.end);
        if start >= end {
            continue;
        }
        push(&mut segments, position..start, false);
        push(&mut segments, start..end, true);
        position = end;
    }
    push(&mut segments, position..window.end, false);
    segments
}

/// Adds "…" at the start or the end of a snippet.
fn attach(segments: &mut Vec<Segment>, at_start: bool) {
    let edge = if at_start {
        segments.first_mut()
    } else {
        segments.last_mut()
    };
    match edge {
        Some(segment) if !segment.marked => {
            if at_start {
                segment.text.insert_str(0, ELLIPSIS);
            } else {
                segment.text.push_str(ELLIPSIS);
            }
        }
        _ => {
            let ellipsis = Segment {
                text: ELLIPSIS.to_owned(),
                marked: false,
            };
            if at_start {
                segments.insert(0, ellipsis);
            } else {
                segments.push(ellipsis);
            }
        }
    }
}

/// The stretch of characters holding the most different matches that fits in
/// `max_chars` (and among equals, the most matches, then the earliest).
fn best_cluster(marks: &[Mark], chars: &CharOffsets, max_chars: usize) -> Option<Range<usize>> {
    let mut best: Option<(usize, usize, Range<usize>)> = None;
    let mut kinds: Vec<usize> = Vec::new();
    for first in 0..marks.len() {
        let start = chars.of(marks[first].bytes.start);
        let mut end = chars.of(marks[first].bytes.end).min(start + max_chars);
        kinds.clear();
        let mut count = 0;
        for mark in &marks[first..] {
            let mark_end = chars.of(mark.bytes.end);
            if mark_end > start + max_chars && count > 0 {
                break;
            }
            end = end.max(mark_end.min(start + max_chars));
            count += 1;
            if !kinds.contains(&mark.what) {
                kinds.push(mark.what);
            }
        }
        let better = best.as_ref().is_none_or(|(best_kinds, best_count, _)| {
            (kinds.len(), count) > (*best_kinds, *best_count)
        });
        if better {
            best = Some((kinds.len(), count, start..end));
        }
    }
    best.map(|(_, _, cluster)| cluster)
}

/// A window of `max_chars` characters showing `cluster`, with a third of the room left
/// before it for context, kept inside the text.
fn around(cluster: Range<usize>, total: usize, max_chars: usize) -> Range<usize> {
    let room = max_chars.saturating_sub(cluster.len());
    let start = cluster
        .start
        .saturating_sub(room / 3)
        .min(total.saturating_sub(max_chars));
    start..(start + max_chars).min(total)
}

fn word_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    for_each_word(text, &mut String::new(), &mut |_, span| spans.push(span));
    spans
}

/// Converts between byte and character offsets of one text.
struct CharOffsets {
    /// Character offset of each byte offset (0..=len).
    of_byte: Vec<usize>,
    /// Byte offset of each character offset (0..=chars).
    of_char: Vec<usize>,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        let mut of_byte = vec![0; text.len() + 1];
        let mut of_char = Vec::with_capacity(text.len() + 1);
        for (count, (byte, c)) in text.char_indices().enumerate() {
            of_char.push(byte);
            of_byte[byte..byte + c.len_utf8()].fill(count);
        }
        of_char.push(text.len());
        of_byte[text.len()] = of_char.len() - 1;
        CharOffsets { of_byte, of_char }
    }

    fn total(&self) -> usize {
        self.of_char.len() - 1
    }

    fn of(&self, byte: usize) -> usize {
        self.of_byte[byte]
    }

    fn byte_at(&self, char_offset: usize) -> usize {
        self.of_char[char_offset.min(self.total())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlight(words: &[&str], phrases: &[&[&str]]) -> Highlight {
        let mut builder = HighlightBuilder::default();
        for word in words {
            builder.word(word);
        }
        for phrase in phrases {
            builder.phrase(
                phrase
                    .iter()
                    .map(|word| vec![Box::<str>::from(*word)])
                    .collect(),
            );
        }
        builder.build()
    }

    fn render(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|segment| {
                if segment.marked {
                    format!("[{}]", segment.text)
                } else {
                    segment.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_words_in_any_case_and_accent() {
        let marked = highlight(&["needle", "elan"], &[]).segments("Needle, NEEDLES and Élan.");
        assert_eq!(render(&marked), "[Needle], NEEDLES and [Élan].");
        assert_eq!(
            marked
                .iter()
                .map(|segment| segment.text.as_str())
                .collect::<String>(),
            "Needle, NEEDLES and Élan."
        );
    }

    #[test]
    fn marks_phrases_only_where_they_occur_whole() {
        let marked = highlight(&[], &[&["lower", "back"]])
            .segments("Lower back, lower leg, back of the lower   back.");
        assert_eq!(
            render(&marked),
            "[Lower back], lower leg, back of the [lower   back]."
        );
    }

    #[test]
    fn overlapping_marks_merge() {
        let marked = highlight(&["back"], &[&["lower", "back"], &["back", "pain"]])
            .segments("my lower back pain");
        assert_eq!(render(&marked), "my [lower back pain]");
    }

    #[test]
    fn an_empty_highlight_marks_nothing() {
        let empty = Highlight::default();
        assert!(empty.is_empty());
        assert_eq!(
            empty.segments("Some text"),
            [Segment {
                text: "Some text".into(),
                marked: false
            }]
        );
        assert!(empty.segments("").is_empty());
        assert!(!highlight(&["x"], &[]).is_empty());
    }

    #[test]
    fn snippet_shows_the_start_when_nothing_matches() {
        let text = "One two three four five six seven eight nine ten.";
        assert_eq!(
            render(&Highlight::default().snippet(text, 20)),
            "One two three four…"
        );
        assert_eq!(render(&Highlight::default().snippet(text, 200)), text);
    }

    #[test]
    fn snippet_centres_the_best_cluster() {
        let text = "Acupuncture is mentioned here. Lots of filler words follow here to push \
                    things along, and more filler again, until finally the needle and the \
                    scoliosis question appear together, after which the text continues for a \
                    while longer with nothing much.";
        let snippet =
            render(&highlight(&["needle", "scoliosis", "acupuncture"], &[]).snippet(text, 60));
        assert!(
            snippet.starts_with('…') && snippet.ends_with('…'),
            "{snippet}"
        );
        assert!(
            snippet.contains("[needle]") && snippet.contains("[scoliosis]"),
            "{snippet}"
        );
        assert!(snippet.chars().count() <= 62, "{snippet}");
    }

    #[test]
    fn snippet_cuts_at_word_boundaries_and_flattens_lines() {
        let text = "First paragraph about nothing.\nSecond one mentions moxa twice: moxa.\n\
                    Third paragraph.";
        let snippet = highlight(&["moxa"], &[]).snippet(text, 30);
        let rendered = render(&snippet);
        assert!(!rendered.contains('\n'), "{rendered}");
        assert!(rendered.contains("[moxa]"), "{rendered}");
        let plain: String = snippet
            .iter()
            .map(|segment| segment.text.as_str())
            .collect();
        let inner = plain.trim_matches('…');
        assert!(text.replace('\n', " ").contains(inner), "{plain}");
        for word in inner.split(' ') {
            assert!(
                text.contains(word.trim_end_matches(':')),
                "cut inside a word: {plain}"
            );
        }
    }

    #[test]
    fn snippet_of_a_huge_word_still_fits() {
        let text = "x".repeat(100);
        let snippet = Highlight::default().snippet(&text, 10);
        assert_eq!(render(&snippet), format!("{}…", "x".repeat(10)));
    }
}
