//! Reading a query and planning its search: quoted phrases, the word still being typed,
//! stop words and synonyms, and for every word the indexed terms that count as it (exact,
//! stemmed, completed, or spelled nearly the same) with how much each counts.

use super::Highlight;
use super::fuzzy::{Distance, allowed_edits, letter_mask};
use super::highlight::HighlightBuilder;
use super::index::{SearchIndex, SynonymMember};
use super::order::{descending, sort_keys, sorted_unique};
use super::ranking::{EXACT_WEIGHT, ONE_EDIT_WEIGHT, PREFIX_WEIGHT, STEM_WEIGHT, TWO_EDITS_WEIGHT};
use super::stem::Language;
use super::tokenize::for_each_word;

/// A longer query is cut here: nobody types more, and each part costs a pass over postings.
const MAX_PARTS: usize = 32;

/// A word being typed ("acu") stands for at most this many completions, the most common
/// first, and for no more of them than together fill this many posting lists the size of
/// the archive: "a" must stay fast.
pub(super) const MAX_COMPLETIONS: usize = 48;
const COMPLETION_BUDGET: u64 = 4;

/// Near spellings are tried only for a word no more than this many questions hold, and
/// used only when they are far more common than it: "scoliosys", typed by a member once,
/// should not hide the hundreds of questions about scoliosis, but "fever" must not also
/// find "never".
const RARE_WORD_QUESTIONS: u64 = 3;
const MISSPELLING_RATIO: u64 = 20;
const MAX_NEAR_SPELLINGS: usize = 12;

/// The quote marks that start or end a phrase.
const QUOTES: [char; 7] = ['"', '“', '”', '„', '«', '»', '＂'];

/// What a question must match for the query, and what to tell and show the visitor.
pub(super) struct Plan {
    pub(super) parts: Vec<Part>,
    pub(super) also_searched: Vec<String>,
    pub(super) highlight: Highlight,
    /// Words no question holds, each with the near spellings searched instead.
    pub(super) near_spellings: Vec<(String, Vec<String>)>,
}

/// One thing a question must match: a word, a phrase, or a word sequence with synonyms.
pub(super) struct Part {
    /// How many of the query's words this part stands for, to rank partial matches.
    pub(super) words: u32,
    pub(super) kind: PartKind,
}

pub(super) enum PartKind {
    Word(Variants),
    Phrase(Vec<Slot>),
    /// Matches when any alternative matches; scores as the best of them.
    Either(Vec<Alternative>),
}

pub(super) enum Alternative {
    AllOf(Vec<Variants>),
    Phrase(Vec<Slot>),
}

/// The terms that count as one query word, each with its weight.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Variants(pub(super) Vec<(u32, f32)>);

/// The terms accepted at one position of a phrase, sorted.
pub(super) type Slot = Vec<u32>;

/// A word of the query, folded.
#[derive(Debug, Clone, PartialEq)]
struct QueryWord {
    folded: String,
    stem_key: String,
    /// The last word, with nothing after it: the visitor may not have finished it.
    typing: bool,
    /// Words are adjacent for synonyms only within one stretch between quotes.
    run: usize,
}

#[derive(Debug, Default, PartialEq)]
struct Lexed {
    loose: Vec<QueryWord>,
    phrases: Vec<Vec<QueryWord>>,
}

fn lex(query: &str, language: Language) -> Lexed {
    let mut lexed = Lexed::default();
    let mut scratch = String::new();
    let mut segment_start = 0;
    let mut quoted = false;
    let quote_positions = query.char_indices().filter(|(_, c)| QUOTES.contains(c));
    let ends = quote_positions
        .map(|(position, c)| (position, position + c.len_utf8()))
        .chain([(query.len(), query.len())]);
    for (run, (segment_end, next_start)) in ends.enumerate() {
        let mut words = Vec::new();
        for_each_word(
            &query[segment_start..segment_end],
            &mut scratch,
            &mut |word, span| {
                words.push(QueryWord {
                    folded: word.to_owned(),
                    stem_key: language.stem_key(word),
                    typing: segment_start + span.end == query.len(),
                    run,
                });
            },
        );
        if quoted {
            if !words.is_empty() {
                lexed.phrases.push(words);
            }
        } else {
            lexed.loose.extend(words);
        }
        quoted = !quoted;
        segment_start = next_start;
    }
    lexed
}

/// Plans `query` against `index`.
pub(super) fn plan(index: &SearchIndex, query: &str) -> Plan {
    Planner {
        index,
        distance: Distance::default(),
        highlight: HighlightBuilder::default(),
        near_spellings: Vec::new(),
    }
    .plan(lex(query, index.language))
}

struct Planner<'a> {
    index: &'a SearchIndex,
    distance: Distance,
    highlight: HighlightBuilder,
    near_spellings: Vec<(String, Vec<String>)>,
}

impl Planner<'_> {
    fn is_stop_word(&self, word: &str) -> bool {
        self.index.language.is_stop_word(word)
    }

    fn plan(mut self, lexed: Lexed) -> Plan {
        let mut parts = Vec::new();
        let mut also_searched: Vec<String> = Vec::new();

        for phrase in &lexed.phrases {
            parts.push(self.quoted_phrase(phrase));
        }

        let mut plain_words = Vec::new();
        let mut position = 0;
        while position < lexed.loose.len() {
            match self.synonym_at(&lexed.loose, position) {
                Some((group, member, length)) => {
                    let span = &lexed.loose[position..position + length];
                    parts.push(self.synonym_part(span, group, member, &mut also_searched));
                    position += length;
                }
                None => {
                    plain_words.push(&lexed.loose[position]);
                    position += 1;
                }
            }
        }

        let only_stop_words = parts.is_empty()
            && plain_words
                .iter()
                .all(|word| self.is_stop_word(&word.folded));
        if !only_stop_words {
            plain_words.retain(|word| !self.is_stop_word(&word.folded));
        }
        let mut seen: Vec<&str> = Vec::new();
        for word in plain_words {
            if seen.contains(&word.folded.as_str()) {
                continue;
            }
            seen.push(&word.folded);
            let variants = self.word_variants(word);
            parts.push(Part {
                words: 1,
                kind: PartKind::Word(variants),
            });
        }

        parts.truncate(MAX_PARTS);
        Plan {
            parts,
            also_searched,
            highlight: self.highlight.build(),
            near_spellings: self.near_spellings,
        }
    }

    fn quoted_phrase(&mut self, words: &[QueryWord]) -> Part {
        let slots: Vec<Slot> = words
            .iter()
            .map(|word| {
                let completions = if word.typing {
                    self.completions(&word.folded)
                } else {
                    Vec::new()
                };
                let exact = self.index.vocabulary.id(&word.folded);
                sorted_unique(exact.into_iter().chain(completions))
            })
            .collect();
        self.note_phrase(&slots);
        let words_count = words.len() as u32;
        if slots.len() == 1 {
            let variants = Variants(slots[0].iter().map(|&term| (term, EXACT_WEIGHT)).collect());
            return Part {
                words: words_count,
                kind: PartKind::Word(variants),
            };
        }
        Part {
            words: words_count,
            kind: PartKind::Phrase(slots),
        }
    }

    /// The longest synonym member that the words from `position` spell, as (group, member, length).
    fn synonym_at(&self, words: &[QueryWord], position: usize) -> Option<(usize, usize, usize)> {
        let mut best: Option<(usize, usize, usize)> = None;
        for (group_index, group) in self.index.synonyms.iter().enumerate() {
            for (member_index, member) in group.members.iter().enumerate() {
                let length = member.stem_keys.len();
                let Some(span) = words.get(position..position + length) else {
                    continue;
                };
                let spelled = span
                    .iter()
                    .zip(&member.stem_keys)
                    .all(|(word, key)| word.stem_key == *key)
                    && span.iter().all(|word| word.run == span[0].run);
                if spelled && best.is_none_or(|(_, _, best_length)| length > best_length) {
                    best = Some((group_index, member_index, length));
                }
            }
        }
        best
    }

    fn synonym_part(
        &mut self,
        span: &[QueryWord],
        group: usize,
        member: usize,
        also_searched: &mut Vec<String>,
    ) -> Part {
        let content: Vec<&QueryWord> = span
            .iter()
            .filter(|word| !self.is_stop_word(&word.folded))
            .collect();
        let as_typed: Vec<&QueryWord> = if content.is_empty() {
            span.iter().collect()
        } else {
            content
        };
        let mut alternatives = vec![Alternative::AllOf(
            as_typed
                .iter()
                .map(|word| self.word_variants(word))
                .collect(),
        )];
        let index = self.index;
        for (other_index, other) in index.synonyms[group].members.iter().enumerate() {
            if other_index == member {
                continue;
            }
            alternatives.push(self.member_alternative(other));
            if !also_searched.contains(&other.written) {
                also_searched.push(other.written.clone());
            }
        }
        Part {
            words: as_typed.len() as u32,
            kind: PartKind::Either(alternatives),
        }
    }

    fn member_alternative(&mut self, member: &SynonymMember) -> Alternative {
        let slots: Vec<Slot> = member
            .words
            .iter()
            .zip(&member.stem_keys)
            .map(|(word, key)| self.family(word, key))
            .collect();
        if slots.len() == 1 {
            let exact = self.index.vocabulary.id(&member.words[0]);
            let weighted = slots[0]
                .iter()
                .map(|&term| {
                    (
                        term,
                        if Some(term) == exact {
                            EXACT_WEIGHT
                        } else {
                            STEM_WEIGHT
                        },
                    )
                })
                .collect();
            self.note_words(&slots[0]);
            return Alternative::AllOf(vec![Variants(weighted)]);
        }
        self.note_phrase(&slots);
        Alternative::Phrase(slots)
    }

    /// The word and its other forms (only the word itself for a stop word), sorted.
    fn family(&self, word: &str, key: &str) -> Slot {
        let vocabulary = &self.index.vocabulary;
        let family = if self.is_stop_word(word) {
            &[][..]
        } else {
            vocabulary.stem_family(key)
        };
        sorted_unique(
            vocabulary
                .id(word)
                .into_iter()
                .chain(family.iter().copied()),
        )
    }

    fn word_variants(&mut self, word: &QueryWord) -> Variants {
        let index = self.index;
        let vocabulary = &index.vocabulary;
        let mut variants: Vec<(u32, f32)> = Vec::new();
        let add = |variants: &mut Vec<(u32, f32)>, term: u32, weight: f32| {
            if !variants.iter().any(|&(present, _)| present == term) {
                variants.push((term, weight));
            }
        };
        if let Some(term) = vocabulary.id(&word.folded) {
            add(&mut variants, term, EXACT_WEIGHT);
        }
        let stop_word = self.is_stop_word(&word.folded);
        if !stop_word {
            for &term in vocabulary.stem_family(&word.stem_key) {
                add(&mut variants, term, STEM_WEIGHT);
            }
        }
        if word.typing {
            for term in self.completions(&word.folded) {
                add(&mut variants, term, PREFIX_WEIGHT);
            }
        }
        let known: u64 = variants
            .iter()
            .map(|&(term, _)| u64::from(vocabulary.document_frequency(term)))
            .sum();
        if !stop_word && known <= RARE_WORD_QUESTIONS {
            let near = self.near_spellings(&word.folded);
            let most_common = near
                .iter()
                .map(|&(term, _)| u64::from(vocabulary.document_frequency(term)))
                .max();
            if most_common
                .is_some_and(|most_common| known == 0 || most_common >= MISSPELLING_RATIO * known)
            {
                if known == 0 {
                    let words = near
                        .iter()
                        .map(|&(term, _)| vocabulary.word(term).to_owned());
                    self.near_spellings
                        .push((word.folded.clone(), words.collect()));
                }
                for (term, edits) in near {
                    add(
                        &mut variants,
                        term,
                        if edits == 1 {
                            ONE_EDIT_WEIGHT
                        } else {
                            TWO_EDITS_WEIGHT
                        },
                    );
                }
            }
        }
        let terms: Vec<u32> = variants.iter().map(|&(term, _)| term).collect();
        self.note_words(&terms);
        Variants(variants)
    }

    /// The most common completions of a word being typed, most common first.
    fn completions(&self, prefix: &str) -> Vec<u32> {
        let vocabulary = &self.index.vocabulary;
        let mut by_frequency: Vec<u64> = vocabulary
            .completions(prefix)
            .filter(|&term| !self.is_stop_word(vocabulary.word(term)))
            .map(|term| descending(vocabulary.document_frequency(term)) << 32 | u64::from(term))
            .collect();
        sort_keys(&mut by_frequency);
        let budget = COMPLETION_BUDGET * self.index.documents.count() as u64;
        let mut spent = 0;
        by_frequency
            .iter()
            .map(|&key| key as u32)
            .take(MAX_COMPLETIONS)
            .take_while(|&term| {
                let frequency = u64::from(vocabulary.document_frequency(term));
                let within = spent == 0 || spent + frequency <= budget;
                spent += frequency;
                within
            })
            .collect()
    }

    /// Terms within the allowed edits of `word`, as (term, edits), closest and most common first.
    fn near_spellings(&mut self, word: &str) -> Vec<(u32, usize)> {
        let index = self.index;
        let vocabulary = &index.vocabulary;
        let chars: Vec<char> = word.chars().collect();
        let max_edits = allowed_edits(chars.len());
        if max_edits == 0 {
            return Vec::new();
        }
        let mask = letter_mask(word);
        // Fewest edits, then most common, then first seen; terms number far below 2^30.
        let mut near: Vec<u64> = Vec::new();
        for &term in vocabulary.of_lengths(chars.len() - max_edits..chars.len() + max_edits + 1) {
            if (mask ^ vocabulary.letter_mask(term)).count_ones() as usize > 2 * max_edits {
                continue;
            }
            let candidate = vocabulary.word(term);
            if self.is_stop_word(candidate) {
                continue;
            }
            if let Some(edits) = self.distance.within(&chars, candidate, max_edits)
                && edits > 0
            {
                near.push(
                    (edits as u64) << 62
                        | descending(vocabulary.document_frequency(term)) << 30
                        | u64::from(term),
                );
            }
        }
        sort_keys(&mut near);
        near.iter()
            .take(MAX_NEAR_SPELLINGS)
            .map(|&key| (key as u32 & ((1 << 30) - 1), (key >> 62) as usize))
            .collect()
    }

    fn note_words(&mut self, terms: &[u32]) {
        for &term in terms {
            self.highlight.word(self.index.vocabulary.word(term));
        }
    }

    fn note_phrase(&mut self, slots: &[Slot]) {
        let index = self.index;
        let vocabulary = &index.vocabulary;
        if slots.len() == 1 {
            self.note_words(&slots[0]);
            return;
        }
        let words = slots
            .iter()
            .map(|slot| {
                slot.iter()
                    .map(|&term| vocabulary.word(term).into())
                    .collect()
            })
            .collect();
        self.highlight.phrase(words);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loose(lexed: &Lexed) -> Vec<(&str, bool)> {
        lexed
            .loose
            .iter()
            .map(|word| (word.folded.as_str(), word.typing))
            .collect()
    }

    #[test]
    fn marks_only_an_unfinished_last_word_as_typed() {
        assert_eq!(
            loose(&lex("lower acupunc", Language::ENGLISH)),
            [("lower", false), ("acupunc", true)]
        );
        assert_eq!(
            loose(&lex("lower acupunc ", Language::ENGLISH)),
            [("lower", false), ("acupunc", false)]
        );
        assert_eq!(
            loose(&lex("lower acupunc.", Language::ENGLISH)),
            [("lower", false), ("acupunc", false)]
        );
    }

    #[test]
    fn reads_quoted_phrases_with_any_quote_marks() {
        let lexed = lex("“Lower Back” pain \"fear of needles\"", Language::ENGLISH);
        assert_eq!(loose(&lexed), [("pain", false)]);
        let phrases: Vec<Vec<&str>> = lexed
            .phrases
            .iter()
            .map(|phrase| phrase.iter().map(|word| word.folded.as_str()).collect())
            .collect();
        assert_eq!(
            phrases,
            [vec!["lower", "back"], vec!["fear", "of", "needles"]]
        );
        assert!(lexed.phrases.iter().flatten().all(|word| !word.typing));
    }

    #[test]
    fn an_unclosed_phrase_is_still_being_typed() {
        let lexed = lex("\"lower ba", Language::ENGLISH);
        assert_eq!(lexed.phrases.len(), 1);
        assert_eq!(
            lexed.phrases[0]
                .iter()
                .map(|word| word.typing)
                .collect::<Vec<_>>(),
            [false, true]
        );
    }

    #[test]
    fn words_on_either_side_of_a_phrase_are_not_adjacent() {
        let lexed = lex("slipped \"x\" disc", Language::ENGLISH);
        assert_ne!(lexed.loose[0].run, lexed.loose[1].run);
        assert_eq!(lex("   ", Language::ENGLISH).loose, []);
        assert_eq!(lex("\"\"", Language::ENGLISH).phrases.len(), 0);
    }
}
