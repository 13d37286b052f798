//! A simple progress bar on stderr for large files, shown only when stderr is a terminal.

use std::io::{IsTerminal, Write};

/// Files with more questions (or rows) than this show progress while they are worked on.
pub const THRESHOLD: usize = 10_000;
const WIDTH: usize = 30;

pub struct Progress {
    label: String,
    total: usize,
    active: bool,
    drawn_percent: Option<usize>,
}

impl Progress {
    pub fn new(label: &str, total: usize) -> Progress {
        let active = total > THRESHOLD && std::io::stderr().is_terminal();
        Progress {
            label: label.to_owned(),
            total,
            active,
            drawn_percent: None,
        }
    }

    pub fn set(&mut self, done: usize) {
        if !self.active {
            return;
        }
        let percent = done.min(self.total) * 100 / self.total.max(1);
        if self.drawn_percent == Some(percent) {
            return;
        }
        self.drawn_percent = Some(percent);
        let filled = percent * WIDTH / 100;
        let line = format!(
            "\r{} [{}{}] {percent:>3}% ({} of {})",
            self.label,
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            ask_expert_core::wording::thousands(done.min(self.total)),
            ask_expert_core::wording::thousands(self.total),
        );
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if self.active && self.drawn_percent.is_some() {
            // Erase the bar so the report starts on a clean line.
            let _ = std::io::stderr().lock().write_all(b"\r\x1b[2K");
        }
    }
}

/// A one-line note on stderr while a large file is read in one step, erased when dropped.
pub struct Status {
    active: bool,
}

impl Status {
    pub fn show(message: &str, large: bool) -> Status {
        let active = large && std::io::stderr().is_terminal();
        if active {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(format!("{message}…").as_bytes());
            let _ = err.flush();
        }
        Status { active }
    }
}

impl Drop for Status {
    fn drop(&mut self) {
        if self.active {
            let _ = std::io::stderr().lock().write_all(b"\r\x1b[2K");
        }
    }
}
