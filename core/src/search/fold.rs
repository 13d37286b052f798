//! Case and accent folding, so that "Élan", "ÉLAN" and "elan" are one word to the search.
//!
//! Latin-1 and Latin Extended-A letters fold to their base letters through two small
//! tables (ligatures and ß to their usual spellings); combining accents are dropped; Greek
//! and Cyrillic capitals are lower-cased by their fixed offsets; letters of other scripts
//! are kept as they are. Unicode's full decomposition and case tables would cost far more
//! bundle size than the archives' languages need.

/// Letters U+00C0–U+00FF. A digit stands for a two-letter spelling (see [`digraph`]);
/// `.` marks the two symbols in the block (× and ÷) that are not letters.
const LATIN_1: &[u8; 64] = b"aaaaaa1ceeeeiiiidnooooo.ouuuuy23aaaaaa1ceeeeiiiidnooooo.ouuuuy2y";

/// Letters U+0100–U+017F, in the same code.
const LATIN_EXTENDED_A: &[u8; 128] = b"\
    aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkklllllll\
    lllnnnnnnnnnoooooo55rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

fn digraph(code: u8) -> &'static str {
    match code {
        b'1' => "ae",
        b'2' => "th",
        b'3' => "ss",
        b'4' => "ij",
        _ => "oe",
    }
}

/// What a character is to the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CharKind {
    /// A letter or digit, already appended to the output in folded form.
    Word,
    /// A combining accent: part of the word it follows, and dropped.
    Accent,
    /// ' ’ ‘ ʼ: joins two words' halves ("don’t" → "dont") and is dropped.
    Apostrophe,
    /// Anything else ends a word.
    Separator,
}

/// Classifies a non-ASCII character and, when it is a letter or digit, appends its folded
/// form to `out`. ASCII is handled by the tokenizer's fast path.
pub(super) fn fold_char(c: char, out: &mut String) -> CharKind {
    let code = c as u32;
    match code {
        0xC0..=0xFF => push_table_letter(LATIN_1[(code - 0xC0) as usize], out),
        0x100..=0x17F => push_table_letter(LATIN_EXTENDED_A[(code - 0x100) as usize], out),
        0x300..=0x36F => CharKind::Accent,
        0x2018 | 0x2019 | 0x02BC => CharKind::Apostrophe,
        0xFB00..=0xFB06 => {
            out.push_str(["ff", "fi", "fl", "ffi", "ffl", "st", "st"][(code - 0xFB00) as usize]);
            CharKind::Word
        }
        _ if c.is_alphanumeric() => {
            out.push(lower_greek_or_cyrillic(c));
            CharKind::Word
        }
        _ => CharKind::Separator,
    }
}

/// The lower-case form of a Greek or Cyrillic capital; any other letter unchanged.
fn lower_greek_or_cyrillic(c: char) -> char {
    let offset = match c as u32 {
        0x391..=0x3A9 | 0x410..=0x42F => 0x20,
        0x386 => 0x26,
        0x388..=0x38A => 0x25,
        0x38C => 0x40,
        0x38E | 0x38F => 0x3F,
        0x400..=0x40F => 0x50,
        _ => 0,
    };
    char::from_u32(c as u32 + offset).unwrap_or(c)
}

fn push_table_letter(code: u8, out: &mut String) -> CharKind {
    match code {
        b'.' => CharKind::Separator,
        b'a'..=b'z' => {
            out.push(char::from(code));
            CharKind::Word
        }
        _ => {
            out.push_str(digraph(code));
            CharKind::Word
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                fold_char(c, &mut out);
            }
        }
        out
    }

    #[test]
    fn folds_latin_1_accents_and_case() {
        assert_eq!(fold("Élan"), "elan");
        assert_eq!(fold("naïve"), "naive");
        assert_eq!(
            fold("ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ"),
            "aaaaaaceeeeiiiinoooooouuuuy"
        );
        assert_eq!(
            fold("àáâãäåçèéêëìíîïñòóôõöøùúûüýÿ"),
            "aaaaaaceeeeiiiinoooooouuuuyy"
        );
    }

    #[test]
    fn folds_latin_extended_a() {
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Škoda čeština"), "skoda cestina");
        assert_eq!(fold("Ğüneş İstanbul ı"), "gunes istanbul i");
        assert_eq!(fold("Őrült ŰŸ Žž ſ"), "orult uy zz s");
    }

    #[test]
    fn spells_out_ligatures_and_sharp_s() {
        assert_eq!(
            fold("Æther œdème Straße Þorn ĳs ﬁne"),
            "aether oedeme strasse thorn ijs fine"
        );
    }

    #[test]
    fn drops_combining_accents_and_keeps_other_scripts() {
        let mut out = String::new();
        assert_eq!(fold_char('\u{301}', &mut out), CharKind::Accent);
        assert_eq!(fold("ΒΉΤΑ Жук ЁЖ ΆΈΌΎΏ"), "βήτα жук ёж άέόύώ");
        assert_eq!(fold("日本 ⅷ"), "日本 ⅷ");
    }

    #[test]
    fn knows_apostrophes_and_separators() {
        let mut out = String::new();
        for apostrophe in ['’', '‘', 'ʼ'] {
            assert_eq!(fold_char(apostrophe, &mut out), CharKind::Apostrophe);
        }
        for separator in ['×', '÷', '—', '“', '\u{a0}', '…'] {
            assert_eq!(
                fold_char(separator, &mut out),
                CharKind::Separator,
                "{separator:?}"
            );
        }
        assert!(out.is_empty());
    }
}
