//! The HTML pages: one per question and the paged listings of the whole archive and of
//! each category. Each page is a template struct filled from the archive and the site's
//! addresses; the templates in `cli/templates/` escape everything they are given.

use std::sync::Arc;

use ask_expert_core::archive::{Archive, CategoryIndex, Question};
use ask_expert_core::date::Date;
use ask_expert_core::locale::{Arg, Strings, Words};
use ask_expert_core::markup::{self, Block};
use ask_expert_core::pagination::{self, PageLink};
use ask_expert_core::search::SearchIndex;
use ask_expert_core::url_state;
use ask_expert_core::wording;
use askama::Template;
use rayon::prelude::*;

use super::markup::Blocks;
use super::site::{Page, Site};
use super::structured::{self, ScriptJson};
use super::words::{self, NativeFormats, PageText};

/// How many related questions a question page offers.
const RELATED: usize = 5;
/// Longest page title taken from a question, in characters.
const TITLE_CHARACTERS: usize = 90;
/// Longest meta description, in characters: about what search results show.
const DESCRIPTION_CHARACTERS: usize = 160;

/// What every page's `<head>` and frame need.
pub struct Head {
    pub title: String,
    pub description: String,
    pub canonical: String,
    /// The relative way up to DIR: the app, the stylesheet and the feeds live there.
    pub root: &'static str,
    /// The interactive archive: DIR itself unless the app is published elsewhere.
    pub app: String,
    pub site_name: String,
    pub feed: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The templates' fixed words, and the page's `lang`.
    pub t: Arc<PageText>,
}

pub struct Link {
    pub href: String,
    pub label: String,
}

pub struct AnswerView {
    pub heading: String,
    pub date: Option<Date>,
    /// `date` in the pages' language.
    pub date_text: String,
    pub blocks: Vec<Block>,
    /// The note on an answer last checked long before the build (`wording::outdated_notice`).
    pub notice: Option<String>,
    /// "Answered by … · Reviewed …" (`wording::provenance`).
    pub provenance: Option<String>,
}

#[derive(Template)]
#[template(path = "question.html")]
pub struct QuestionPage<'a> {
    pub head: Head,
    pub og_type: &'static str,
    pub json_ld: Option<ScriptJson>,
    pub heading: &'a str,
    pub asked: Date,
    pub asked_text: String,
    pub answer_summary: String,
    pub categories: Vec<Link>,
    pub answers: Vec<AnswerView>,
    pub related: Vec<Link>,
    pub app_link: String,
}

impl QuestionPage<'_> {
    fn body<'b>(&self, answer: &'b AnswerView) -> Blocks<'b> {
        Blocks {
            blocks: &answer.blocks,
        }
    }
}

pub struct Item {
    pub href: String,
    pub title: String,
    pub asked: Date,
    pub asked_text: String,
    pub answers: String,
}

pub struct PagerLink {
    /// What the link says to a screen reader ("Page 3", "Next page").
    pub hidden: String,
    pub visible: String,
    pub href: Option<String>,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "listing.html")]
pub struct ListingPage<'a> {
    pub head: Head,
    pub og_type: &'static str,
    pub json_ld: Option<ScriptJson>,
    pub heading: String,
    pub trail: Vec<Link>,
    pub summary: String,
    pub items: Vec<Item>,
    pub pager: Vec<PagerLink>,
    pub all_href: String,
    pub all_current: bool,
    pub tree: Tree<'a>,
}

/// The category tree as nested lists of links; each level renders through this template.
#[derive(Template)]
#[template(path = "tree.html")]
pub struct Tree<'a> {
    pub site: &'a Site<'a>,
    pub from: Page,
    pub nodes: Vec<CategoryIndex>,
    pub current: Option<CategoryIndex>,
}

impl<'a> Tree<'a> {
    fn label(&self, node: &CategoryIndex) -> &str {
        &self.site.archive.categories.get(*node).label
    }

    fn href(&self, node: &CategoryIndex) -> String {
        self.site.link(self.from, Page::Listing(Some(*node), 1))
    }

    fn count(&self, node: &CategoryIndex) -> usize {
        self.site.in_category[*node].len()
    }

    fn children(&self, node: &CategoryIndex) -> Tree<'a> {
        Tree {
            nodes: self.site.archive.categories.get(*node).children.clone(),
            ..*self
        }
    }
}

// Renders through an escaping template, so what it prints is HTML to keep as it is.
impl askama::filters::HtmlSafe for Tree<'_> {}

/// A question's short title: its first sentence or line, cut at a word to fit a title.
pub fn short_title(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence_end = flat
        .char_indices()
        .find(|&(index, c)| {
            matches!(c, '?' | '.' | '!') && flat[index + 1..].starts_with(' ') && index > 20
        })
        .map(|(index, c)| index + c.len_utf8());
    let sentence = &flat[..sentence_end.unwrap_or(flat.len())];
    cut_at_word(sentence, TITLE_CHARACTERS)
}

/// At most `limit` characters, cut after a whole word, with "…" where it was cut.
fn cut_at_word(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(limit.saturating_sub(1)).collect();
    if let Some(space) = cut.rfind(' ').filter(|&space| space > limit / 2) {
        cut.truncate(space);
    }
    cut.push('…');
    cut
}

fn answer_count(words: Words, count: usize) -> String {
    match count {
        0 => words.text("page.no_answer"),
        _ => words.count("page.answers", count),
    }
}

/// The questions filed directly in one category, with a search index of their own: ranking
/// within a category costs a fraction of ranking the whole archive and then filtering, and
/// word rarity is judged among the questions it competes with.
pub struct Shelf {
    index: SearchIndex,
    /// Each question of the index, by its number in the archive.
    questions: Vec<usize>,
}

/// A shelf for every category holding at least two questions.
pub fn shelves(archive: &Archive) -> Vec<Option<Shelf>> {
    let mut filed: Vec<Vec<usize>> = vec![Vec::new(); archive.categories.len()];
    for (index, question) in archive.questions.iter().enumerate() {
        for &category in &question.categories {
            filed[category].push(index);
        }
    }
    filed
        .into_par_iter()
        .map(|questions| {
            (questions.len() >= 2).then(|| {
                let subset = Archive {
                    title: String::new(),
                    categories: archive.categories.clone(),
                    questions: questions
                        .iter()
                        .map(|&question| archive.questions[question].clone())
                        .collect(),
                    synonyms: archive.synonyms.clone(),
                    language: archive.language.clone(),
                    problems: Vec::new(),
                };
                Shelf {
                    index: SearchIndex::build(&subset),
                    questions,
                }
            })
        })
        .collect()
}

/// Context shared by every page of one build.
pub struct Pages<'a> {
    pub site: &'a Site<'a>,
    /// Every question's `short_title`, worked out once: a title appears on its own page,
    /// on listings and as a link on the pages of related questions.
    pub titles: &'a [String],
    /// By category: see `Shelf`.
    pub shelves: &'a [Option<Shelf>],
    /// The build's date, which outdated-answer notices are measured against; `None` when
    /// the clock cannot be read (no notice then).
    pub today: Option<Date>,
    /// 0 turns the notices off.
    pub review_after_years: u16,
    /// The pages' language (`--locale`, else the archive's).
    pub strings: &'a Strings,
    pub formats: &'a NativeFormats,
    pub text: Arc<PageText>,
}

impl<'a> Pages<'a> {
    fn archive(&self) -> &'a Archive {
        self.site.archive
    }

    pub fn words(&self) -> Words<'a> {
        Words::new(self.strings, self.formats)
    }

    fn head(&self, page: Page, title: String, description: String) -> Head {
        let site = self.site;
        let feed_topic = match page {
            Page::Question(question) => self.archive().questions[question]
                .categories
                .first()
                .map(|&category| self.top_level(category)),
            Page::Listing(category, _) => category.map(|category| self.top_level(category)),
        };
        let (prev, next) = match page {
            Page::Listing(category, number) => (
                (number > 1).then(|| site.link(page, Page::Listing(category, number - 1))),
                (number < site.page_count(category))
                    .then(|| site.link(page, Page::Listing(category, number + 1))),
            ),
            Page::Question(_) => (None, None),
        };
        Head {
            title: format!("{title} · {}", self.archive().title),
            description,
            canonical: site.url(page),
            root: site.to_root(page),
            app: site.app(page),
            site_name: self.archive().title.clone(),
            feed: site.feed_path(feed_topic),
            prev,
            next,
            t: Arc::clone(&self.text),
        }
    }

    pub fn top_level(&self, category: CategoryIndex) -> CategoryIndex {
        self.archive().categories.path(category)[0]
    }

    pub fn render(&self, page: Page) -> Result<String, askama::Error> {
        match page {
            Page::Question(question) => self.question(question).render(),
            Page::Listing(category, number) => self.listing(category, number).render(),
        }
    }

    /// Other questions filed in the same category, ranked by the search engine with this
    /// question's title as the query: the question's first category first, then its others.
    pub fn related(&self, question: usize) -> Vec<usize> {
        let archive = self.archive();
        let query = &self.titles[question];
        let mut related = Vec::with_capacity(RELATED);
        for &category in &archive.questions[question].categories {
            let Some(shelf) = &self.shelves[category] else {
                continue;
            };
            // This question and those an earlier category brought are skipped, and at most
            // RELATED - related.len() more are wanted: the best RELATED + 1 suffice.
            let hits = shelf.index.similar(query, RELATED + 1);
            for hit in hits {
                let other = shelf.questions[hit.question];
                if other != question && !related.contains(&other) {
                    related.push(other);
                    if related.len() == RELATED {
                        return related;
                    }
                }
            }
        }
        related
    }

    fn question(&self, index: usize) -> QuestionPage<'a> {
        let site = self.site;
        let archive = self.archive();
        let question: &'a Question = &archive.questions[index];
        let page = Page::Question(index);
        let title = self.titles[index].clone();
        let parsed: Vec<Vec<Block>> = question.answers.iter().map(|a| a.blocks()).collect();
        let description = match parsed.first() {
            Some(blocks) => cut_at_word(
                &markup::plain_text(blocks)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                DESCRIPTION_CHARACTERS,
            ),
            None => cut_at_word(&question.text, DESCRIPTION_CHARACTERS),
        };
        let json_ld = structured::script_safe(&structured::question_page(
            question,
            &title,
            &site.url(page),
        ));
        let count = question.answers.len();
        let words = self.words();
        let answers = question
            .answers
            .iter()
            .zip(parsed)
            .enumerate()
            .map(|(number, (answer, blocks))| AnswerView {
                heading: words::answer_heading(words, number + 1, count),
                date: answer.date,
                date_text: answer
                    .date
                    .map(|date| words::long_date(words, date))
                    .unwrap_or_default(),
                blocks,
                notice: self.today.and_then(|today| {
                    wording::outdated_notice(words, answer, today, self.review_after_years)
                }),
                provenance: wording::provenance(words, answer),
            })
            .collect();
        QuestionPage {
            head: self.head(page, title, description),
            og_type: "article",
            json_ld: Some(json_ld),
            heading: &question.text,
            asked: question.asked,
            asked_text: words::long_date(words, question.asked),
            answer_summary: answer_count(words, count),
            categories: question
                .categories
                .iter()
                .map(|&category| Link {
                    href: site.link(page, Page::Listing(Some(category), 1)),
                    label: self.category_path_label(category),
                })
                .collect(),
            answers,
            related: self
                .related(index)
                .into_iter()
                .map(|other| Link {
                    href: site.link(page, Page::Question(other)),
                    label: self.titles[other].clone(),
                })
                .collect(),
            app_link: format!(
                "{}{}",
                site.app(page),
                url_state::question_hash(&question.id)
            ),
        }
    }

    /// "Back / spine › Sciatica": the category with its parents, as the app's chips read.
    fn category_path_label(&self, category: CategoryIndex) -> String {
        let tree = &self.archive().categories;
        tree.path(category)
            .into_iter()
            .map(|node| tree.get(node).label.as_str())
            .collect::<Vec<_>>()
            .join(" › ")
    }

    fn listing(&self, category: Option<CategoryIndex>, number: usize) -> ListingPage<'a> {
        let site = self.site;
        let archive = self.archive();
        let tree = &archive.categories;
        let page = Page::Listing(category, number);
        let listed = site.listed(category);
        let page_count = site.page_count(category);
        let words = self.words();
        let heading = match category {
            None => self.text.all_questions.clone(),
            Some(category) => tree.get(category).label.clone(),
        };
        let mut trail = vec![Link {
            href: site.link(page, Page::Listing(None, 1)),
            label: self.text.all_questions.clone(),
        }];
        if let Some(category) = category {
            let path = tree.path(category);
            trail.extend(path[..path.len() - 1].iter().map(|&node| Link {
                href: site.link(page, Page::Listing(Some(node), 1)),
                label: tree.get(node).label.clone(),
            }));
        }
        let on_page = &listed[pagination::page_range(number, listed.len(), site.page_size)];
        let items = on_page
            .iter()
            .map(|&question| Item {
                href: site.link(page, Page::Question(question)),
                title: self.titles[question].clone(),
                asked: archive.questions[question].asked,
                asked_text: words::long_date(words, archive.questions[question].asked),
                answers: answer_count(words, archive.questions[question].answers.len()),
            })
            .collect();
        let pager = if page_count > 1 {
            pager(site, words, page, category, number, page_count)
        } else {
            Vec::new()
        };
        let title = if number > 1 {
            words.format(
                "page.listing_title",
                &[
                    ("heading", Arg::Text(&heading)),
                    ("page", Arg::Count(number)),
                    ("pages", Arg::Count(page_count)),
                ],
            )
        } else {
            heading.clone()
        };
        let count = Arg::Count(listed.len());
        let topic = category.map(|category| tree.get(category).label.as_str());
        let about = |all: &str, about_topic: &str| match topic {
            None => words.format(all, &[("count", count)]),
            Some(topic) => words.format(
                about_topic,
                &[("count", count), ("topic", Arg::Text(topic))],
            ),
        };
        let description = about("page.description_all", "page.description_topic");
        let page_of = words.format(
            "page.page_of",
            &[
                ("page", Arg::Count(number)),
                ("pages", Arg::Count(page_count)),
            ],
        );
        ListingPage {
            head: self.head(page, title, description.clone()),
            og_type: "website",
            json_ld: None,
            summary: format!(
                "{} {page_of}",
                about("page.summary_all", "page.summary_topic")
            ),
            heading,
            trail,
            items,
            pager,
            all_href: site.link(page, Page::Listing(None, 1)),
            all_current: category.is_none(),
            tree: Tree {
                site,
                from: page,
                nodes: tree.roots().collect(),
                current: category,
            },
        }
    }
}

fn pager(
    site: &Site,
    words: Words,
    page: Page,
    category: Option<CategoryIndex>,
    number: usize,
    count: usize,
) -> Vec<PagerLink> {
    let to = |target: usize| Some(site.link(page, Page::Listing(category, target)));
    let mut links = Vec::new();
    if number > 1 {
        links.push(PagerLink {
            hidden: String::new(),
            visible: words.text("page.previous"),
            href: to(number - 1),
            current: false,
        });
    }
    for link in pagination::page_links(number, count) {
        links.push(match link {
            PageLink::Page(target) => PagerLink {
                hidden: format!("{} ", words.text("page.page")),
                visible: words.number(target),
                href: to(target),
                current: target == number,
            },
            PageLink::Gap => PagerLink {
                hidden: String::new(),
                visible: "…".to_owned(),
                href: None,
                current: false,
            },
        });
    }
    if number < count {
        links.push(PagerLink {
            hidden: String::new(),
            visible: words.text("page.next"),
            href: to(number + 1),
            current: false,
        });
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_the_first_sentence_cut_at_a_word() {
        assert_eq!(
            short_title("Is acupuncture safe in pregnancy? I am 12 weeks along."),
            "Is acupuncture safe in pregnancy?"
        );
        let long = "word ".repeat(40);
        let title = short_title(&long);
        assert!(title.chars().count() <= TITLE_CHARACTERS, "{title}");
        assert!(title.ends_with("word…"), "{title}");
    }
}
