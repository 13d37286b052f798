//! Writing to the terminal without panicking when a reader goes away (`| head`).

use std::io::{ErrorKind, Write};

pub fn stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(error) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && error.kind() != ErrorKind::BrokenPipe
    {
        eprintln!(
            "error: could not write the output: {}",
            crate::files::plain_io_error(&error)
        );
    }
}

pub fn stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

pub fn error(message: &str) {
    stderr(&format!("error: {message}\n"));
}

/// "1 warning", "3 warnings", "1,250 rows".
pub fn count(value: usize, singular: &str, plural: &str) -> String {
    let number = ask_expert_core::wording::thousands(value);
    if value == 1 {
        format!("{number} {singular}")
    } else {
        format!("{number} {plural}")
    }
}

/// At most `limit` characters of `text` on one line, with "…" where it was cut.
pub fn excerpt(text: &str, limit: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= limit {
        return flat;
    }
    let mut cut: String = flat.chars().take(limit.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_excerpts() {
        assert_eq!(count(1, "warning", "warnings"), "1 warning");
        assert_eq!(count(1250, "row", "rows"), "1,250 rows");
        assert_eq!(excerpt("a  b\nc", 10), "a b c");
        assert_eq!(excerpt("abcdefghijkl", 5), "abcd…");
    }
}
