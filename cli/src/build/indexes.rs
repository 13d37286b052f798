//! What points search engines and feed readers at the pages: sitemap.xml (a sitemap index
//! over sitemaps/sitemap-N.xml past the limit), robots.txt, and Atom feeds of the newest
//! answered questions, site-wide and per top-level topic. XML comes from templates that
//! escape, like the pages.

use ask_expert_core::archive::{CategoryIndex, Question};
use ask_expert_core::date::Date;
use ask_expert_core::markup;
use askama::Template;

use super::Output;
use super::pages::Pages;
use super::site::Page;

/// How many questions a feed holds.
const FEED_ENTRIES: usize = 20;
/// Longest feed summary, in characters.
const SUMMARY_CHARACTERS: usize = 300;

pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<Date>,
}

#[derive(Template)]
#[template(path = "sitemap.xml")]
struct Sitemap<'a> {
    entries: &'a [SitemapEntry],
}

#[derive(Template)]
#[template(path = "sitemap-index.xml")]
struct SitemapIndex {
    parts: Vec<String>,
}

struct FeedEntry {
    title: String,
    url: String,
    asked: Date,
    updated: Date,
    summary: String,
}

#[derive(Template)]
#[template(path = "feed.xml")]
struct Feed {
    title: String,
    subtitle: String,
    self_url: String,
    listing_url: String,
    author: String,
    updated: Date,
    entries: Vec<FeedEntry>,
}

/// The newest date on a question: its latest answer's, or the day it was asked.
fn last_change(question: &Question) -> Date {
    question
        .answers
        .iter()
        .filter_map(|answer| answer.date)
        .max()
        .unwrap_or(question.asked)
        .max(question.asked)
}

/// The sitemap of every page, as one file or as an index over parts of at most `limit`.
pub fn sitemaps(pages: &Pages, all: &[Page], limit: usize) -> Result<Vec<Output>, askama::Error> {
    let site = pages.site;
    let entries: Vec<SitemapEntry> = all
        .iter()
        .map(|&page| SitemapEntry {
            loc: site.url(page),
            lastmod: match page {
                Page::Question(question) => Some(last_change(&site.archive.questions[question])),
                Page::Listing(..) => None,
            },
        })
        .collect();
    let limit = limit.max(1);
    if entries.len() <= limit {
        return Ok(vec![Output::new(
            "sitemap.xml",
            Sitemap { entries: &entries }.render()?,
        )]);
    }
    let mut outputs = Vec::new();
    let mut parts = Vec::new();
    for (number, chunk) in entries.chunks(limit).enumerate() {
        let path = format!("sitemaps/sitemap-{}.xml", number + 1);
        parts.push(format!("{}{path}", site.base_url));
        outputs.push(Output::new(&path, Sitemap { entries: chunk }.render()?));
    }
    outputs.push(Output::new("sitemap.xml", SitemapIndex { parts }.render()?));
    Ok(outputs)
}

/// robots.txt: everything may be crawled, and where the sitemap is. Crawlers read it only
/// at the root of a host; see the README when DIR is not the root.
pub fn robots(base_url: &str) -> Output {
    Output::new(
        "robots.txt",
        format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"),
    )
}

/// The site-wide feed and one per top-level topic.
pub fn feeds(pages: &Pages) -> Result<Vec<Output>, askama::Error> {
    let site = pages.site;
    let archive = site.archive;
    std::iter::once(None)
        .chain(archive.categories.roots().map(Some))
        .map(|topic| {
            let feed = feed(pages, topic);
            Ok(Output::new(&site.feed_path(topic), feed.render()?))
        })
        .collect()
}

fn feed(pages: &Pages, topic: Option<CategoryIndex>) -> Feed {
    let site = pages.site;
    let archive = site.archive;
    let mut answered: Vec<usize> = site
        .listed(topic)
        .iter()
        .copied()
        .filter(|&question| !archive.questions[question].answers.is_empty())
        .collect();
    // Stable: questions answered the same day keep the listing's order.
    answered.sort_by_key(|&question| std::cmp::Reverse(last_change(&archive.questions[question])));
    answered.truncate(FEED_ENTRIES);
    let entries: Vec<FeedEntry> = answered
        .iter()
        .map(|&index| {
            let question = &archive.questions[index];
            let answer = markup::plain_text(&question.answers[0].blocks());
            let answer: String = answer.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut summary: String = answer.chars().take(SUMMARY_CHARACTERS).collect();
            if summary.len() < answer.len() {
                summary.push('…');
            }
            FeedEntry {
                title: pages.titles[index].clone(),
                url: site.url(Page::Question(index)),
                asked: question.asked,
                updated: last_change(question),
                summary,
            }
        })
        .collect();
    let newest_anywhere = archive.questions.iter().map(last_change).max();
    let title = match topic {
        None => archive.title.clone(),
        Some(topic) => format!(
            "{} · {}",
            archive.categories.get(topic).label,
            archive.title
        ),
    };
    Feed {
        title,
        subtitle: pages.text.feed_title.clone(),
        self_url: format!("{}{}", site.base_url, site.feed_path(topic)),
        listing_url: site.url(Page::Listing(topic, 1)),
        author: archive.title.clone(),
        updated: entries
            .first()
            .map(|entry| entry.updated)
            .or(newest_anywhere)
            .unwrap_or(Date::new(2000, 1, 1).expect("a valid date")),
        entries,
    }
}
