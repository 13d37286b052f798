//! Running a planned query over the index, one part at a time: each part's scores go into a
//! dense per-question array (touched entries listed, so resetting costs only what was
//! used), then into the running totals with a bit saying the part matched.

use super::Hit;
use super::field::FIELD_COUNT;
use super::index::SearchIndex;
use super::order::{smallest_keys, sort_keys, sorted_unique};
use super::query::{Alternative, Part, PartKind, Plan, Slot, Variants};
use super::ranking::{rarity, term_score};

/// Which questions a run returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Matching {
    /// Those matching every part; when none does, those matching the most query words.
    EveryPart,
    /// The best of the questions matching any part, ranked by score alone, at most this
    /// many: for "more like this".
    AnyPart(usize),
}

/// Best first (equal scores: newest first, then archive order), and whether they match
/// every part.
pub(super) fn run(index: &SearchIndex, plan: &Plan, matching: Matching) -> (Vec<Hit>, bool) {
    if plan.parts.is_empty() {
        return (Vec::new(), true);
    }
    let mut run = Run::new(index);
    for (number, part) in plan.parts.iter().enumerate() {
        run.add_part(number, part);
    }
    run.hits(plan, matching)
}

/// Scores per question for one word, phrase or part, zero where it did not match.
struct Scores {
    values: Vec<f32>,
    touched: Vec<u32>,
}

impl Scores {
    fn new(documents: usize) -> Scores {
        Scores {
            values: vec![0.0; documents],
            touched: Vec::new(),
        }
    }

    /// Keeps the larger of the present and the new score (scores are always positive).
    #[inline]
    fn raise(&mut self, document: u32, score: f32) {
        let value = &mut self.values[document as usize];
        if *value == 0.0 {
            self.touched.push(document);
        }
        if score > *value {
            *value = score;
        }
    }

    fn scale(&mut self, factor: f32) {
        for &document in &self.touched {
            self.values[document as usize] *= factor;
        }
    }

    fn clear(&mut self) {
        for document in self.touched.drain(..) {
            self.values[document as usize] = 0.0;
        }
    }
}

struct Run<'a> {
    index: &'a SearchIndex,
    total: Vec<f32>,
    matched_parts: Vec<u32>,
    matched_words: Vec<u32>,
    /// Every question matching some part.
    candidates: Vec<u32>,
    part: Scores,
    unit: Scores,
    together: Scores,
    /// How many words of an `AllOf` alternative each question has matched so far.
    together_count: Vec<u8>,
    /// How many slots of a phrase each question holds so far.
    slot_count: Vec<u8>,
}

/// Where one word of a phrase stands: question, position and field packed so that
/// places sort by question, then position.
#[derive(Clone, Copy)]
struct Place(u64);

impl Place {
    fn new(document: u32, position: u32, field: usize) -> Place {
        Place(u64::from(document) << 32 | u64::from(position) << 2 | field as u64)
    }

    /// Question and position, without the field.
    fn at(self) -> u64 {
        self.0 >> 2
    }

    fn document(self) -> u32 {
        (self.0 >> 32) as u32
    }

    fn field(self) -> usize {
        (self.0 & 3) as usize
    }
}

impl<'a> Run<'a> {
    fn new(index: &'a SearchIndex) -> Run<'a> {
        let documents = index.documents.count();
        Run {
            index,
            total: vec![0.0; documents],
            matched_parts: vec![0; documents],
            matched_words: vec![0; documents],
            candidates: Vec::new(),
            part: Scores::new(documents),
            unit: Scores::new(documents),
            together: Scores::new(documents),
            together_count: vec![0; documents],
            slot_count: vec![0; documents],
        }
    }

    fn add_part(&mut self, number: usize, part: &Part) {
        let mut scores = std::mem::replace(&mut self.part, Scores::new(0));
        match &part.kind {
            PartKind::Word(variants) => self.word(variants, &mut scores),
            PartKind::Phrase(slots) => self.phrase(slots, &mut scores),
            PartKind::Either(alternatives) => {
                for alternative in alternatives {
                    self.alternative(alternative, &mut scores);
                }
            }
        }
        for &document in &scores.touched {
            let slot = document as usize;
            if self.matched_parts[slot] == 0 {
                self.candidates.push(document);
            }
            self.total[slot] += scores.values[slot];
            self.matched_parts[slot] |= 1 << number;
            self.matched_words[slot] += part.words;
        }
        scores.clear();
        self.part = scores;
    }

    /// Adds into `into` (keeping the best per question) the scores of one alternative.
    fn alternative(&mut self, alternative: &Alternative, into: &mut Scores) {
        let mut unit = std::mem::replace(&mut self.unit, Scores::new(0));
        match alternative {
            Alternative::Phrase(slots) => {
                self.phrase(slots, &mut unit);
                for &document in &unit.touched {
                    into.raise(document, unit.values[document as usize]);
                }
            }
            Alternative::AllOf(words) if words.len() == 1 => {
                self.word(&words[0], &mut unit);
                for &document in &unit.touched {
                    into.raise(document, unit.values[document as usize]);
                }
            }
            Alternative::AllOf(words) => {
                let mut together = std::mem::replace(&mut self.together, Scores::new(0));
                for (position, variants) in words.iter().enumerate() {
                    self.word(variants, &mut unit);
                    for &document in &unit.touched {
                        let slot = document as usize;
                        if usize::from(self.together_count[slot]) == position {
                            if position == 0 {
                                together.touched.push(document);
                            }
                            together.values[slot] += unit.values[slot];
                            self.together_count[slot] += 1;
                        }
                    }
                    unit.clear();
                }
                for &document in &together.touched {
                    let slot = document as usize;
                    if usize::from(self.together_count[slot]) == words.len() {
                        into.raise(document, together.values[slot]);
                    }
                    self.together_count[slot] = 0;
                }
                together.clear();
                self.together = together;
            }
        }
        unit.clear();
        self.unit = unit;
    }

    /// Scores every question holding one of the word's variants: the best variant's
    /// weighted BM25F score, times the rarity of the word (all variants together).
    fn word(&self, variants: &Variants, into: &mut Scores) {
        let norms = &self.index.documents.norms;
        for &(term, weight) in &variants.0 {
            for posting in self.index.postings(term) {
                let score =
                    weight * term_score(posting.frequencies, norms[posting.document as usize]);
                into.raise(posting.document, score);
            }
        }
        into.scale(rarity(into.touched.len(), norms.len()));
    }

    /// Scores every question where the slots occur at consecutive positions, counting
    /// occurrences per field like a word's. Only questions holding every slot are looked
    /// at, and only their positions are read.
    fn phrase(&mut self, slots: &[Slot], into: &mut Scores) {
        if slots.is_empty()
            || slots.len() > usize::from(u8::MAX)
            || slots.iter().any(|slot| slot.is_empty())
        {
            return;
        }
        let index = self.index;
        let vocabulary = &index.vocabulary;
        let slot_frequency = |slot: &Slot| {
            slot.iter()
                .map(|&term| vocabulary.document_frequency(term))
                .sum::<u32>()
        };
        let rarest_first = sorted_unique(slots.iter().map(slot_frequency));
        let mut holders = Vec::new();
        let mut already = 0;
        for frequency in rarest_first {
            for slot in slots
                .iter()
                .filter(|slot| slot_frequency(slot) == frequency)
            {
                self.count_holders(slot, already, &mut holders);
                already += 1;
            }
        }

        let every_slot = slots.len() as u8;
        let places: Vec<Vec<Place>> = slots
            .iter()
            .map(|slot| {
                let mut places = Vec::new();
                for &term in slot {
                    let mut occurrences = index.occurrences(term);
                    while let Some(posting) = occurrences.next_posting() {
                        if self.slot_count[posting.document as usize] != every_slot {
                            occurrences.skip_positions(&posting);
                            continue;
                        }
                        occurrences.positions(&posting, |place, field| {
                            places.push(Place::new(posting.document, place, field))
                        });
                    }
                }
                if slot.len() > 1 {
                    let mut keys: Vec<u64> = places.iter().map(|place| place.0).collect();
                    sort_keys(&mut keys);
                    places = keys.into_iter().map(Place).collect();
                }
                places
            })
            .collect();
        for document in holders {
            self.slot_count[document as usize] = 0;
        }

        let norms = &index.documents.norms;
        let mut cursors = vec![0; slots.len()];
        let mut current: Option<(u32, [u32; FIELD_COUNT])> = None;
        for &first in &places[0] {
            let whole = (1..slots.len()).all(|offset| {
                let wanted = first.at() + offset as u64;
                let (list, cursor) = (&places[offset], &mut cursors[offset]);
                while *cursor < list.len() && list[*cursor].at() < wanted {
                    *cursor += 1;
                }
                list.get(*cursor).is_some_and(|place| place.at() == wanted)
            });
            if !whole {
                continue;
            }
            match &mut current {
                Some((document, frequencies)) if *document == first.document() => {
                    frequencies[first.field()] += 1
                }
                _ => {
                    if let Some((document, frequencies)) = current {
                        into.raise(document, term_score(frequencies, norms[document as usize]));
                    }
                    let mut frequencies = [0; FIELD_COUNT];
                    frequencies[first.field()] = 1;
                    current = Some((first.document(), frequencies));
                }
            }
        }
        if let Some((document, frequencies)) = current {
            into.raise(document, term_score(frequencies, norms[document as usize]));
        }
        into.scale(rarity(into.touched.len(), norms.len()));
    }

    /// Counts, for each question holding the slot, one more slot held, if it held the
    /// `already` slots counted before (so only questions holding every slot reach the end).
    fn count_holders(&mut self, slot: &Slot, already: usize, holders: &mut Vec<u32>) {
        for &term in slot {
            for posting in self.index.postings(term) {
                let count = &mut self.slot_count[posting.document as usize];
                if usize::from(*count) == already {
                    if already == 0 {
                        holders.push(posting.document);
                    }
                    *count += 1;
                }
            }
        }
    }

    fn hits(self, plan: &Plan, matching: Matching) -> (Vec<Hit>, bool) {
        let every_part = if plan.parts.len() >= 32 {
            u32::MAX
        } else {
            (1u32 << plan.parts.len()) - 1
        };
        let mut chosen: Vec<u32> = self
            .candidates
            .iter()
            .copied()
            .filter(|&document| self.matched_parts[document as usize] == every_part)
            .collect();
        let matched_all_words = !chosen.is_empty();
        if let Matching::AnyPart(_) = matching {
            chosen = self.candidates.clone();
        } else if !matched_all_words {
            let most = self
                .candidates
                .iter()
                .map(|&document| self.matched_words[document as usize])
                .max()
                .unwrap_or(0);
            chosen = self
                .candidates
                .iter()
                .copied()
                .filter(|&document| self.matched_words[document as usize] == most)
                .collect();
        }
        // Scores are positive, so their bits order like them; inverted, the best comes first.
        let documents = &self.index.documents;
        let mut keys: Vec<u64> = chosen
            .into_iter()
            .map(|document| {
                let score = self.total[document as usize].to_bits();
                u64::from(!score) << 32 | u64::from(documents.recency_rank[document as usize])
            })
            .collect();
        match matching {
            Matching::EveryPart => sort_keys(&mut keys),
            Matching::AnyPart(at_most) => keys = smallest_keys(keys, at_most),
        }
        let hits = keys
            .into_iter()
            .map(|key| {
                let question = documents.newest_first[key as u32 as usize] as usize;
                Hit {
                    question,
                    score: f32::from_bits(!((key >> 32) as u32)),
                }
            })
            .collect();
        (hits, matched_all_words)
    }
}
