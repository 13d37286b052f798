//! Words the interface shows that depend on numbers, kept in one place so every view says
//! "1 question" and "1,250 questions" the same way.

/// "1 question", "26 questions", "1,250 questions".
pub fn question_count(count: usize) -> String {
    match count {
        1 => "1 question".to_owned(),
        _ => format!("{} questions", thousands(count)),
    }
}

/// What the page says about questions the archive holds but cannot show.
pub fn skipped_questions(count: usize) -> Option<String> {
    match count {
        0 => None,
        1 => Some("1 question couldn't be shown because of a mistake in the archive.".to_owned()),
        _ => Some(format!(
            "{} questions couldn't be shown because of mistakes in the archive.",
            thousands(count)
        )),
    }
}

pub fn thousands(value: usize) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(question_count(0), "0 questions");
        assert_eq!(question_count(1), "1 question");
        assert_eq!(question_count(26), "26 questions");
        assert_eq!(question_count(1250), "1,250 questions");
        assert_eq!(question_count(50_000), "50,000 questions");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn skipped_notice_only_when_something_was_skipped() {
        assert_eq!(skipped_questions(0), None);
        assert_eq!(
            skipped_questions(1).unwrap(),
            "1 question couldn't be shown because of a mistake in the archive."
        );
        assert!(
            skipped_questions(3)
                .unwrap()
                .starts_with("3 questions couldn't")
        );
    }
}
