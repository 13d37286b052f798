//! The small Markdown subset answers are written in, parsed into a tree the UI turns into
//! DOM nodes. Nothing here produces HTML text, so no archive content can become markup or script.
//!
//! Supported: paragraphs (separated by a blank line), `*emphasis*`, `**strong**`, bullet lists
//! (`- `, `* `, `+ `, `• `), numbered lists (`1. ` or `1) `), `[text](url)` links and bare
//! `http(s)://` addresses. Links are kept only for http, https and mailto; any other target
//! is dropped and its text shown plainly.

use crate::text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Link { href: String, children: Vec<Inline> },
}

/// Emphasis inside emphasis inside a link is as deep as real answers go; the bound keeps
/// hostile input from recursing without end.
const MAX_NESTING: u8 = 3;

pub fn parse(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut builder = BlockBuilder::default();
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            builder.finish_into(&mut blocks);
        } else if let Some((ordered, item)) = list_item(trimmed) {
            builder.start_item(ordered, item, &mut blocks);
        } else {
            builder.push_line(trimmed);
        }
    }
    builder.finish_into(&mut blocks);
    blocks
}

/// The visible text of parsed blocks, one paragraph or item per line: for search snippets,
/// lengths and previews.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph(inlines) => push_plain_line(&mut out, inlines),
            Block::List { items, .. } => items
                .iter()
                .for_each(|item| push_plain_line(&mut out, item)),
        }
    }
    out
}

fn push_plain_line(out: &mut String, inlines: &[Inline]) {
    if !out.is_empty() {
        out.push('\n');
    }
    push_plain(out, inlines);
}

fn push_plain(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(text),
            Inline::Emphasis(children)
            | Inline::Strong(children)
            | Inline::Link { children, .. } => push_plain(out, children),
        }
    }
}

impl Block {
    /// How many characters of text the block shows.
    pub fn text_len(&self) -> usize {
        plain_text(std::slice::from_ref(self)).chars().count()
    }
}

/// How many leading blocks make a short preview of a long answer: blocks are taken while the
/// text so far is under `budget` characters, and always at least one.
pub fn preview_block_count(block_lengths: impl IntoIterator<Item = usize>, budget: usize) -> usize {
    let mut shown = 0;
    let mut total = 0;
    for length in block_lengths {
        if shown > 0 && total + length > budget {
            break;
        }
        total += length;
        shown += 1;
    }
    shown
}

/// The href to keep for a link target, or `None` when its scheme is not allowed.
/// Browsers ignore tabs, line breaks and control characters inside URLs
/// ("java\tscript:"), so they are removed before the scheme is judged.
pub fn safe_href(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    let allowed = ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len());
    allowed.then_some(cleaned)
}

fn list_item(line: &str) -> Option<(bool, &str)> {
    for marker in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some((false, rest));
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(item) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((true, item));
        }
    }
    None
}

#[derive(Default)]
struct BlockBuilder {
    lines: Vec<String>,
    list: Option<(bool, Vec<String>)>,
}

impl BlockBuilder {
    fn push_line(&mut self, line: &str) {
        match &mut self.list {
            // A line right under a list item continues that item, as in Markdown.
            Some((_, items)) => {
                let last = items.last_mut().expect("a list always holds an item");
                last.push(' ');
                last.push_str(line);
            }
            None => self.lines.push(line.to_owned()),
        }
    }

    fn start_item(&mut self, ordered: bool, item: &str, blocks: &mut Vec<Block>) {
        match &mut self.list {
            Some((list_ordered, items)) if *list_ordered == ordered => items.push(item.to_owned()),
            _ => {
                self.finish_into(blocks);
                self.list = Some((ordered, vec![item.to_owned()]));
            }
        }
    }

    fn finish_into(&mut self, blocks: &mut Vec<Block>) {
        if !self.lines.is_empty() {
            let inlines = parse_prose(&self.lines.join(" "));
            if !inlines.is_empty() {
                blocks.push(Block::Paragraph(inlines));
            }
            self.lines.clear();
        }
        if let Some((ordered, items)) = self.list.take() {
            let items: Vec<Vec<Inline>> = items
                .iter()
                .map(|item| parse_prose(item))
                .filter(|item| !item.is_empty())
                .collect();
            if !items.is_empty() {
                blocks.push(Block::List { ordered, items });
            }
        }
    }
}

/// One paragraph or list item: tidied, then split into inline nodes.
fn parse_prose(raw: &str) -> Vec<Inline> {
    let normalized = text::normalize_spaces(raw);
    let lead_trimmed = text::strip_stray_lead(normalized.trim());
    let mut inlines = InlineParser::new(lead_trimmed).parse(0, false);
    tidy_text_nodes(&mut inlines);
    inlines
}

fn tidy_text_nodes(inlines: &mut [Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => *text = text::space_after_full_stops(text),
            Inline::Emphasis(children) | Inline::Strong(children) => tidy_text_nodes(children),
            Inline::Link { .. } => {}
        }
    }
}

/// Parses inline nodes in time linear in the text, whatever it holds: delimiter pairs are
/// matched once up front, so a hostile run of thousands of lone `*`, `[` or `(` costs no
/// more than ordinary prose.
struct InlineParser<'a> {
    source: &'a str,
    /// For each byte position: where the bracket or parenthesis opened there closes.
    closing_bracket: Vec<Option<usize>>,
    star_runs: Vec<StarRun>,
}

#[derive(Clone, Copy)]
struct StarRun {
    start: usize,
    len: usize,
    /// Index into `star_runs` of the next run that can close a run of this length.
    next_closer: Option<usize>,
}

impl<'a> InlineParser<'a> {
    fn new(source: &'a str) -> Self {
        InlineParser {
            source,
            closing_bracket: match_brackets(source),
            star_runs: star_runs(source),
        }
    }

    fn parse(&self, depth: u8, inside_link: bool) -> Vec<Inline> {
        let source = self.source;
        let mut out = Vec::new();
        let mut plain = String::new();
        let mut position = 0;
        let mut run_index = 0;
        while position < source.len() {
            while run_index < self.star_runs.len() && self.star_runs[run_index].start < position {
                run_index += 1;
            }
            let at_star_run = self
                .star_runs
                .get(run_index)
                .filter(|run| run.start == position);
            let special = if let Some(run) = at_star_run {
                match self.emphasis(*run, depth, inside_link) {
                    Some(found) => Some(found),
                    None => {
                        // An unmatched run of stars is literal text, all of it.
                        plain.push_str(&source[position..position + run.len]);
                        position += run.len;
                        continue;
                    }
                }
            } else if depth < MAX_NESTING {
                self.link_or_address(position, depth, inside_link)
            } else {
                None
            };
            if let Some((inlines, consumed)) = special {
                flush_text(&mut plain, &mut out);
                out.extend(inlines);
                position += consumed;
                continue;
            }
            let c = source[position..]
                .chars()
                .next()
                .expect("position is on a char boundary");
            plain.push(c);
            position += c.len_utf8();
            // Only a star, a bracket or an address's "h" can start anything but text: the
            // text up to the next of them is copied whole.
            let text_end = source.as_bytes()[position..]
                .iter()
                .position(|byte| matches!(byte, b'*' | b'[' | b'h' | b'H'))
                .map_or(source.len(), |offset| position + offset);
            plain.push_str(&source[position..text_end]);
            position = text_end;
        }
        flush_text(&mut plain, &mut out);
        out
    }

    fn emphasis(&self, run: StarRun, depth: u8, inside_link: bool) -> Option<(Vec<Inline>, usize)> {
        if depth >= MAX_NESTING || run.len > 2 {
            return None;
        }
        let inner_start = run.start + run.len;
        if self.source[inner_start..].starts_with(char::is_whitespace) {
            return None;
        }
        let closer = self.star_runs[run.next_closer?];
        let inner = &self.source[inner_start..closer.start];
        let children = InlineParser::new(inner).parse(depth + 1, inside_link);
        let inline = if run.len == 2 {
            Inline::Strong(children)
        } else {
            Inline::Emphasis(children)
        };
        Some((vec![inline], closer.start + closer.len - run.start))
    }

    fn link_or_address(
        &self,
        position: usize,
        depth: u8,
        inside_link: bool,
    ) -> Option<(Vec<Inline>, usize)> {
        if inside_link {
            return None;
        }
        let rest = &self.source[position..];
        if rest.starts_with('[') {
            return self.link(position, depth);
        }
        let after_boundary = self.source[..position]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if after_boundary && starts_with_ignore_case(rest, &["https://", "http://"]) {
            return bare_url(rest);
        }
        None
    }

    fn link(&self, position: usize, depth: u8) -> Option<(Vec<Inline>, usize)> {
        let label_end = self.closing_bracket[position]?;
        let target_start = label_end + 1;
        if self.source.as_bytes().get(target_start) != Some(&b'(') {
            return None;
        }
        let target_end = self.closing_bracket[target_start]?;
        let label = &self.source[position + 1..label_end];
        let target = &self.source[target_start + 1..target_end];
        let children = InlineParser::new(label).parse(depth + 1, true);
        let inline = match safe_href(target) {
            Some(href) if !children.is_empty() => vec![Inline::Link { href, children }],
            Some(href) => vec![Inline::Link {
                children: vec![Inline::Text(href.clone())],
                href,
            }],
            None => children,
        };
        Some((inline, target_end + 1 - position))
    }
}

/// Pairs every `[` with its `]` and every `(` with its `)`, innermost first, in one pass.
fn match_brackets(source: &str) -> Vec<Option<usize>> {
    // Only a `[` can start a link; most paragraphs have none.
    if !source.contains('[') {
        return Vec::new();
    }
    let mut closing = vec![None; source.len()];
    let mut open_square = Vec::new();
    let mut open_round = Vec::new();
    for (index, byte) in source.bytes().enumerate() {
        match byte {
            b'[' => open_square.push(index),
            b']' => {
                if let Some(open) = open_square.pop() {
                    closing[open] = Some(index);
                }
            }
            b'(' => open_round.push(index),
            b')' => {
                if let Some(open) = open_round.pop() {
                    closing[open] = Some(index);
                }
            }
            _ => {}
        }
    }
    closing
}

/// Runs of `*` in order, each linked to the next run of the same length that directly
/// follows text (not a space) and so can close it.
fn star_runs(source: &str) -> Vec<StarRun> {
    let bytes = source.as_bytes();
    let mut runs = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'*' {
            let len = bytes[index..].iter().take_while(|&&b| b == b'*').count();
            runs.push(StarRun {
                start: index,
                len,
                next_closer: None,
            });
            index += len;
        } else {
            index += 1;
        }
    }
    let mut next_closer_of_len = [None, None];
    for run_index in (0..runs.len()).rev() {
        let run = runs[run_index];
        if (1..=2).contains(&run.len) {
            runs[run_index].next_closer = next_closer_of_len[run.len - 1];
            let follows_text = run.start > 0 && !bytes[run.start - 1].is_ascii_whitespace();
            if follows_text {
                next_closer_of_len[run.len - 1] = Some(run_index);
            }
        }
    }
    runs
}

fn bare_url(rest: &str) -> Option<(Vec<Inline>, usize)> {
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let mut url = &rest[..end];
    // Sentence punctuation after an address belongs to the sentence.
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '\'', '’', '”']);
        let trimmed = if trimmed.ends_with(')')
            && trimmed.matches('(').count() < trimmed.matches(')').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    let href = safe_href(url)?;
    Some((
        vec![Inline::Link {
            href,
            children: vec![Inline::Text(url.to_owned())],
        }],
        url.len(),
    ))
}

fn starts_with_ignore_case(text: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|prefix| {
        text.len() >= prefix.len()
            && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    })
}

fn flush_text(plain: &mut String, out: &mut Vec<Inline>) {
    if !plain.is_empty() {
        out.push(Inline::Text(std::mem::take(plain)));
    }
}

/// The link targets in `body` that [`parse`] refuses (anything but http, https and mailto
/// addresses), in order: the page shows those links' text alone. For the archive
/// validator, which warns about them; it walks the body exactly as `parse` does, so a
/// target is listed only where `parse` would have made a link of an allowed one.
pub fn refused_link_targets(body: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for prose in prose_runs(body) {
        let normalized = text::normalize_spaces(&prose);
        let parser = InlineParser::new(text::strip_stray_lead(normalized.trim()));
        collect_refused_links(&parser, 0, false, &mut targets);
    }
    targets
}

/// The paragraphs and list items of `body` as `parse` assembles them, before inline parsing.
fn prose_runs(body: &str) -> Vec<String> {
    fn take(builder: &mut BlockBuilder, runs: &mut Vec<String>) {
        if !builder.lines.is_empty() {
            runs.push(builder.lines.join(" "));
            builder.lines.clear();
        }
        if let Some((_, items)) = builder.list.take() {
            runs.extend(items);
        }
    }
    let mut runs = Vec::new();
    let mut builder = BlockBuilder::default();
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            take(&mut builder, &mut runs);
        } else if let Some((ordered, item)) = list_item(trimmed) {
            // `start_item` finishes the blocks so far when a new list begins.
            if !matches!(&builder.list, Some((list_ordered, _)) if *list_ordered == ordered) {
                take(&mut builder, &mut runs);
            }
            builder.start_item(ordered, item, &mut Vec::new());
        } else {
            builder.push_line(trimmed);
        }
    }
    take(&mut builder, &mut runs);
    runs
}

/// Follows `InlineParser::parse` step for step, noting the targets of `[text](target)`
/// links that `InlineParser::link` matched but did not keep.
fn collect_refused_links(
    parser: &InlineParser,
    depth: u8,
    inside_link: bool,
    targets: &mut Vec<String>,
) {
    let source = parser.source;
    let mut position = 0;
    let mut run_index = 0;
    while position < source.len() {
        while run_index < parser.star_runs.len() && parser.star_runs[run_index].start < position {
            run_index += 1;
        }
        if let Some(run) = parser
            .star_runs
            .get(run_index)
            .filter(|run| run.start == position)
        {
            match parser.emphasis(*run, depth, inside_link) {
                Some((_, consumed)) => {
                    // The closing run has the opening run's length.
                    let inner = &source[position + run.len..position + consumed - run.len];
                    collect_refused_links(
                        &InlineParser::new(inner),
                        depth + 1,
                        inside_link,
                        targets,
                    );
                    position += consumed;
                }
                None => position += run.len,
            }
            continue;
        }
        if depth < MAX_NESTING
            && let Some((_, consumed)) = parser.link_or_address(position, depth, inside_link)
        {
            if source[position..].starts_with('[')
                && let Some(label_end) = parser.closing_bracket[position]
            {
                let target = &source[label_end + 2..position + consumed - 1];
                if safe_href(target).is_none() {
                    targets.push(target.to_owned());
                }
            }
            position += consumed;
            continue;
        }
        position += source[position..].chars().next().map_or(1, char::len_utf8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Inline {
        Inline::Text(value.to_owned())
    }

    fn paragraph(inlines: Vec<Inline>) -> Block {
        Block::Paragraph(inlines)
    }

    #[test]
    fn splits_paragraphs_on_blank_lines_and_joins_wrapped_lines() {
        let blocks = parse("First line\ncontinues here.\n\n\nSecond  paragraph.\r\n");
        assert_eq!(
            blocks,
            vec![
                paragraph(vec![text("First line continues here.")]),
                paragraph(vec![text("Second paragraph.")])
            ]
        );
    }

    #[test]
    fn parses_emphasis_and_strong() {
        let blocks = parse("Take **two** sessions, *then* decide.");
        assert_eq!(
            blocks,
            vec![paragraph(vec![
                text("Take "),
                Inline::Strong(vec![text("two")]),
                text(" sessions, "),
                Inline::Emphasis(vec![text("then")]),
                text(" decide."),
            ])]
        );
    }

    #[test]
    fn lone_stars_stay_literal() {
        assert_eq!(
            parse("5 * 3 = 15 and a * b"),
            vec![paragraph(vec![text("5 * 3 = 15 and a * b")])]
        );
        assert_eq!(parse("**"), vec![paragraph(vec![text("**")])]);
    }

    #[test]
    fn parses_bullet_and_numbered_lists() {
        let blocks = parse(
            "Before treatment:\n- eat lightly\n- wear loose\n  clothes\n\n1. first\n2) second",
        );
        assert_eq!(
            blocks,
            vec![
                paragraph(vec![text("Before treatment:")]),
                Block::List {
                    ordered: false,
                    items: vec![vec![text("eat lightly")], vec![text("wear loose clothes")]]
                },
                Block::List {
                    ordered: true,
                    items: vec![vec![text("first")], vec![text("second")]]
                },
            ]
        );
    }

    #[test]
    fn keeps_links_with_allowed_schemes() {
        let blocks = parse(
            "See [our factsheet](https://example.org/back) or write to \
             [us](mailto:advice@example.org).",
        );
        assert_eq!(
            blocks,
            vec![paragraph(vec![
                text("See "),
                Inline::Link {
                    href: "https://example.org/back".into(),
                    children: vec![text("our factsheet")]
                },
                text(" or write to "),
                Inline::Link {
                    href: "mailto:advice@example.org".into(),
                    children: vec![text("us")]
                },
                text("."),
            ])]
        );
    }

    #[test]
    fn drops_links_with_other_schemes_but_keeps_their_text() {
        for target in [
            "javascript:alert(1)",
            "JaVa\tScRiPt:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "/relative",
            "",
            "https://",
        ] {
            let blocks = parse(&format!("[click]({target})"));
            assert_eq!(blocks, vec![paragraph(vec![text("click")])], "{target:?}");
        }
    }

    #[test]
    fn links_bare_web_addresses_without_trailing_punctuation() {
        let blocks = parse("Read https://example.org/faq (https://example.org/a_(b)).");
        assert_eq!(
            blocks,
            vec![paragraph(vec![
                text("Read "),
                Inline::Link {
                    href: "https://example.org/faq".into(),
                    children: vec![text("https://example.org/faq")]
                },
                text(" ("),
                Inline::Link {
                    href: "https://example.org/a_(b)".into(),
                    children: vec![text("https://example.org/a_(b)")]
                },
                text(")."),
            ])]
        );
    }

    #[test]
    fn html_stays_text() {
        let blocks = parse("<script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert_eq!(
            blocks,
            vec![paragraph(vec![text(
                "<script>alert(1)</script> <img src=x onerror=alert(1)>"
            )])]
        );
    }

    #[test]
    fn tidies_prose_but_not_link_targets() {
        let blocks = parse(". However.Our  view\u{a0}is [here](https://example.org/page.Html).");
        assert_eq!(
            blocks,
            vec![paragraph(vec![
                text("However. Our view is "),
                Inline::Link {
                    href: "https://example.org/page.Html".into(),
                    children: vec![text("here")]
                },
                text("."),
            ])]
        );
    }

    #[test]
    fn previews_take_whole_blocks_within_budget() {
        assert_eq!(preview_block_count([100, 100, 100], 250), 2);
        assert_eq!(preview_block_count([900, 100], 250), 1);
        assert_eq!(preview_block_count([100, 100], 250), 2);
        assert_eq!(preview_block_count([], 250), 0);
        assert_eq!(parse("Four *bold* words.")[0].text_len(), 16);
    }

    #[test]
    fn plain_text_flattens_blocks() {
        let blocks = parse("One *two*\n\n- three\n- [four](https://example.org)");
        assert_eq!(plain_text(&blocks), "One two\nthree\nfour");
    }

    #[test]
    fn hostile_runs_parse_quickly_and_stay_text() {
        for source in [
            "*".repeat(65_536),
            "[".repeat(65_536),
            "**a".repeat(20_000),
            "[a](".repeat(15_000),
            "*a ".repeat(20_000),
        ] {
            let started = std::time::Instant::now();
            let blocks = parse(&source);
            assert!(!blocks.is_empty());
            assert!(
                started.elapsed().as_secs() < 5,
                "took {:?}",
                started.elapsed()
            );
        }
    }

    #[test]
    fn lists_refused_link_targets_where_parse_drops_them() {
        let body = "See [this](javascript:alert(1)), *[that](data:text/html,x)* and \
                    [ok](https://example.org).\n\n\
                    - [a list\n  item](vbscript:x)\n1. [empty]()";
        assert_eq!(
            refused_link_targets(body),
            ["javascript:alert(1)", "data:text/html,x", "vbscript:x", ""]
        );
        // The same links render as their text alone.
        assert_eq!(
            plain_text(&parse(body)),
            "See this, that and ok.\na list item\nempty"
        );
    }

    #[test]
    fn refused_link_targets_match_the_links_parse_would_make() {
        fn links(inlines: &[Inline]) -> usize {
            inlines
                .iter()
                .map(|inline| match inline {
                    Inline::Text(_) => 0,
                    Inline::Emphasis(children) | Inline::Strong(children) => links(children),
                    Inline::Link { children, .. } => 1 + links(children),
                })
                .sum()
        }
        fn all_links(body: &str) -> usize {
            parse(body)
                .iter()
                .map(|block| match block {
                    Block::Paragraph(inlines) => links(inlines),
                    Block::List { items, .. } => items.iter().map(|item| links(item)).sum(),
                })
                .sum()
        }
        for body in [
            "No links here, javascript:x is text.",
            "[text] (javascript:x) has a space before the parenthesis",
            "[unclosed](javascript:x",
            "https://example.org and [fine](mailto:a@example.org)",
            "***[three stars](javascript:x)*** stay literal around a link",
            "[[inner](javascript:x)](https://example.org)",
            "*a **b *c [d](javascript:x)* b** a*",
            "**[a](javascript:x)** and *[b](javascript:x) c*",
            ". [lead](javascript:x)\nwrapped [line](javascript:x)\n\
             - item [one](javascript:x)\n  more\n2. [two](javascript:x)",
            "[a](javascript:x)[b](javascript:x)(javascript:x)",
        ] {
            // Give every refused target an allowed scheme: each becomes one more link.
            let allowed = body.replace("javascript:x", "mailto:x@example.org");
            let refused = refused_link_targets(body);
            assert!(
                refused.iter().all(|target| target == "javascript:x"),
                "{body:?}: {refused:?}"
            );
            assert_eq!(
                refused.len(),
                all_links(&allowed) - all_links(body),
                "{body:?}"
            );
        }
    }

    #[test]
    fn refused_link_targets_stay_quick_on_hostile_input() {
        let started = std::time::Instant::now();
        for source in [
            "[a](".repeat(15_000),
            "*[a](x)".repeat(10_000),
            "**a".repeat(20_000),
        ] {
            refused_link_targets(&source);
        }
        assert!(
            started.elapsed().as_secs() < 5,
            "took {:?}",
            started.elapsed()
        );
    }
}
