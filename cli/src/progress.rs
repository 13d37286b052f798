//! Progress on stderr for large files: a bar while questions or rows are worked through,
//! a spinner while a file is read in one step. indicatif draws nothing when stderr is not
//! a terminal, so pipes and redirects only ever get the report; both are erased when done.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressFinish, ProgressStyle};

/// Files with more questions (or rows) than this show progress while they are worked on.
pub const THRESHOLD: usize = 10_000;

/// A bar counting up to `total`, or a hidden one for files too small to need it. Move it
/// with `set_position`; dropping it erases it.
pub fn bar(label: &str, total: usize) -> ProgressBar {
    if total <= THRESHOLD {
        return ProgressBar::hidden();
    }
    let style =
        ProgressStyle::with_template("{msg} [{bar:30}] {percent:>3}% ({human_pos} of {human_len})")
            .expect("the template is valid")
            .progress_chars("## ");
    ProgressBar::new(total as u64)
        .with_style(style)
        .with_message(label.to_owned())
        .with_finish(ProgressFinish::AndClear)
}

/// A one-line note while a large file is read in one step; dropping it erases it.
pub fn status(message: &str, large: bool) -> ProgressBar {
    if !large {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::new_spinner()
        .with_style(
            ProgressStyle::with_template("{msg}… {spinner}").expect("the template is valid"),
        )
        .with_message(message.to_owned())
        .with_finish(ProgressFinish::AndClear);
    spinner.enable_steady_tick(Duration::from_millis(120));
    spinner
}
