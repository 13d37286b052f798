//! How long a very long answer takes to parse: `cargo bench -p ask-expert-core --bench markup`.
//! Prints numbers; never fails on a time. A frame is 16.7 ms.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ask_expert_core::markup;

/// About `bytes` of answer text using every construct the markup has.
fn long_answer(bytes: usize) -> String {
    let paragraph = "Acupuncture is *often* used for **chronic** back pain; see \
                     [our factsheet](https://example.org/back) or https://example.org/faq for \
                     more.\n\n- rest for a day\n- keep moving gently\n\n1. first\n2. second\n\n";
    paragraph.repeat(bytes / paragraph.len() + 1)[..bytes].to_owned()
}

fn main() {
    for kilobytes in [4, 16, 64, 256] {
        let text = long_answer(kilobytes * 1024);
        let mut runs: Vec<Duration> = (0..31)
            .map(|_| {
                let started = Instant::now();
                let blocks = markup::parse(black_box(&text));
                black_box(markup::plain_text(&blocks));
                started.elapsed()
            })
            .collect();
        runs.sort();
        println!(
            "{kilobytes:>4} KB answer: parse + plain text median {:.3} ms, max {:.3} ms",
            runs[runs.len() / 2].as_secs_f64() * 1e3,
            runs[runs.len() - 1].as_secs_f64() * 1e3
        );
    }
}
