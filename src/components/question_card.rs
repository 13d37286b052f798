//! One question with its answers: long answers folded behind "Read more", matches marked
//! while searching, who answered and when it was reviewed, a note on answers that may be
//! out of date, "Was this helpful?" once opened, and "Copy link" for its permanent address.

use std::sync::Arc;

use ask_expert_core::archive::{Archive, Question};
use ask_expert_core::config::Config;
use ask_expert_core::markup::{self, Block};
use ask_expert_core::search::Highlight;
use ask_expert_core::view::Change;
use ask_expert_core::wording;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browse_state::BrowseState;
use crate::browser;
use crate::built_source::{BuiltSource, BuiltTexts, CardText};
use crate::components::answer_body::{AnswerNotice, BlockView, Provenance, segment_views};
use crate::components::archive_view::CarriedOver;
use crate::dom;
use crate::locale::use_strings;
use crate::url_sync;
use ask_expert_core::locale::{Arg, DateStyle, around};

/// Characters of answer text shown before "Read more".
const PREVIEW_CHARACTERS: usize = 420;
/// Characters of the snippet around a search's best match.
const SNIPPET_CHARACTERS: usize = 240;

/// What a card follows of the view around it: the search's marks, whether the visitor is
/// still typing that search, and the question a permalink opened. The whole view provides
/// them from its state; the first results, which have no search, provide none, so the
/// first screen's bundle carries no search engine.
#[derive(Clone, Copy)]
pub struct CardFollows {
    pub highlight: Signal<Option<Highlight>>,
    pub typing: Signal<bool>,
    pub opened: Signal<Option<usize>>,
}

impl CardFollows {
    pub fn view(state: BrowseState) -> CardFollows {
        CardFollows {
            highlight: Memo::new(move |_| state.search.outcome.with(|outcome| outcome.highlight()))
                .into(),
            typing: state.search.typing.into(),
            opened: state.opened.into(),
        }
    }

    /// For cards outside any search.
    pub fn nothing() -> CardFollows {
        CardFollows {
            highlight: Signal::stored(None),
            typing: Signal::stored(false),
            opened: Signal::stored(None),
        }
    }
}

/// "Was this helpful?" under an opened answer, when the view offers it: the whole view
/// does; the first results, whose cards are replaced when it comes, do not.
#[derive(Clone, Copy)]
pub struct FeedbackUnderAnswers(pub fn(usize, String, Signal<bool>) -> AnyView);

/// One question with its answers, long answers folded behind "Read more". While a search
/// applies, the card marks what matched, shows a snippet around the best match and folds
/// the whole answer. From a built archive, a question whose text is still on its way says
/// so until it comes, and one that could not be fetched offers to try again.
#[component]
pub fn QuestionCard(index: usize) -> impl IntoView {
    let Some(BuiltTexts(source)) = use_context::<BuiltTexts>() else {
        let question = expect_context::<Arc<Archive>>().questions[index].clone();
        return view! { <Card index question/> }.into_any();
    };
    let text = Memo::new(move |_| source.card_text(index));
    (move || match text.get() {
        CardText::Ready => source
            .question(index)
            .map(|question| view! { <Card index question/> }.into_any()),
        CardText::Loading => Some(view! { <Placeholder index failed=false/> }.into_any()),
        CardText::Failed => Some(view! { <Placeholder index failed=true/> }.into_any()),
    })
    .into_any()
}

/// A question whose text has not arrived, or could not.
#[component]
fn Placeholder(index: usize, failed: bool) -> AnyView {
    let source = expect_context::<BuiltSource>();
    let i18n = use_strings();
    if failed {
        view! {
            <article class="ae-question ae-question--placeholder">
                <p role="alert">{i18n.text("question.not_loaded")}</p>
                <button type="button" class="ae-button ae-button--secondary"
                    on:click=move |_| source.retry_question(index)>
                    {i18n.text("load.retry")}
                </button>
            </article>
        }
        .into_any()
    } else {
        view! {
            <article class="ae-question ae-question--placeholder" aria-busy="true">
                <p role="status">{i18n.text("question.loading")}</p>
            </article>
        }
        .into_any()
    }
}

/// A question whose text is here, with its answers.
#[component]
pub fn Card(index: usize, question: Question) -> AnyView {
    let follows = expect_context::<CardFollows>();
    let archive = expect_context::<Arc<Archive>>();
    let config = expect_context::<Config>();
    let i18n = use_strings();
    let CardFollows {
        highlight,
        typing,
        opened,
    } = follows;
    let question = &question;
    let heading_id = heading_id(index);
    let answers_id = format!("ae-q{index}-answers");
    let (toggle_controls, toggle_describedby) = (answers_id.clone(), heading_id.clone());
    let answer_blocks: Vec<Vec<Block>> = question
        .answers
        .iter()
        .map(|answer| answer.blocks())
        .collect();
    let lengths = answer_blocks.iter().flatten().map(Block::text_len);
    let total_blocks = answer_blocks.iter().map(Vec::len).sum::<usize>();
    let preview_blocks = markup::preview_block_count(lengths, PREVIEW_CHARACTERS);
    // The card's parts follow these two memos, not the view-wide signals: a keystroke that
    // only moves the marks then reruns none of the answers' blocks, and a card leaving the
    // page unsubscribes two nodes from each view-wide signal rather than one per block.
    let searching = Memo::new(move |_| highlight.with(Option::is_some));
    let typing = Memo::new(move |_| typing.get());
    let foldable = move || searching.get() || preview_blocks < total_blocks;
    // Open when it was open in the view this one replaced.
    let expanded = RwSignal::new(
        use_context::<CarriedOver>().is_some_and(|carried| carried.was_opened(&question.id)),
    );
    // A permalink to this question unfolds it.
    Effect::new(move |_| {
        if opened.get() == Some(index) {
            expanded.set(true);
        }
    });
    let answer_count = question.answers.len();

    let question_text = question.text.clone();
    let title = move || match highlight.get() {
        Some(highlight) => segment_views(highlight.segments(&question_text)).into_any(),
        None => question_text.clone().into_any(),
    };
    let answer_text = answer_blocks
        .iter()
        .map(|blocks| markup::plain_text(blocks))
        .collect::<Vec<_>>()
        .join("\n");
    let snippet = move || {
        highlight.get().map(|highlight| {
            view! {
                <p class="ae-snippet" hidden=move || expanded.get()>
                    {segment_views(highlight.snippet(&answer_text, SNIPPET_CHARACTERS))}
                </p>
            }
        })
    };

    let category_paths: Vec<String> = question
        .categories
        .iter()
        .map(|&category| {
            let path = archive.categories.path(category);
            path.iter()
                .map(|&step| archive.categories.get(step).label.as_str())
                .collect::<Vec<_>>()
                .join(" › ")
        })
        .collect();

    let today = browser::today();
    let mut block_number = 0;
    let answers = question
        .answers
        .iter()
        .zip(answer_blocks)
        .enumerate()
        .map(|(answer_index, (answer, blocks))| {
            let first_block = block_number;
            block_number += blocks.len();
            let in_preview = first_block < preview_blocks;
            // The line under the answer folds with its last block.
            let ends_beyond_preview = block_number.max(first_block + 1) > preview_blocks;
            let notice = today.and_then(|today| {
                i18n.with_words(|words| {
                    wording::outdated_notice(words, answer, today, config.review_after_years)
                })
            });
            let provenance = i18n.with_words(|words| wording::provenance(words, answer));
            let label = if answer_count > 1 {
                i18n.format(
                    "question.answer_of",
                    &[
                        ("number", Arg::Count(answer_index + 1)),
                        ("total", Arg::Count(answer_count)),
                    ],
                )
            } else {
                i18n.text("question.answer")
            };
            let date = answer.date.map(|date| {
                let long = i18n.date(date, DateStyle::Long);
                view! { " · " <time datetime=date.to_string()>{long}</time> }
            });
            let blocks = blocks
                .into_iter()
                .enumerate()
                .map(|(offset, block)| {
                    let beyond_preview = first_block + offset >= preview_blocks;
                    let hidden = move || !expanded.get() && (searching.get() || beyond_preview);
                    // While typing a search, folded answers are not built at all: each
                    // keystroke then renders titles and snippets only. Once typing pauses
                    // they are built hidden, so printing shows them whole.
                    let built = move || !searching.get() || expanded.get() || !typing.get();
                    move || {
                        built().then(|| {
                            view! { <BlockView block=block.clone() hidden=hidden highlight/> }
                        })
                    }
                })
                .collect_view();
            view! {
                <section class="ae-answer"
                    hidden=move || !expanded.get() && (searching.get() || !in_preview)>
                    <p class="ae-answer__meta">{label}{date}</p>
                    <AnswerNotice text=notice/>
                    {blocks}
                    <Provenance text=provenance
                        hidden=move || !expanded.get() && (searching.get() || ends_beyond_preview)/>
                </section>
            }
        })
        .collect_view();

    let asked = i18n.text("question.asked");
    let (asked_before, asked_after) = around(&asked, "date");
    let (asked_before, asked_after) = (asked_before.to_owned(), asked_after.to_owned());
    let asked_date = i18n.date(question.asked, DateStyle::Long);
    let in_topics = (!category_paths.is_empty()).then(|| {
        i18n.format(
            "question.in_topics",
            &[("topics", Arg::Text(&category_paths.join("; ")))],
        )
    });
    // The question's static page when one was built beside the data, else this page.
    let link = use_context::<BuiltSource>()
        .and_then(|source| source.page_url(&question.id))
        .unwrap_or_else(|| url_sync::question_link(&config, &question.id));
    view! {
        <article class="ae-question" aria-labelledby=heading_id.clone()
            data-question=question.id.clone()>
            <h2 class="ae-question__title" id=heading_id.clone() tabindex="-1">{title}</h2>
            <p class="ae-question__meta">
                {asked_before}
                <time datetime=question.asked.to_string()>{asked_date}</time>
                {asked_after}
                {in_topics.map(|in_topics| view! { " · " {in_topics} })}
            </p>
            {snippet}
            <div class="ae-answers" id=answers_id.clone()>{answers}</div>
            {use_context::<FeedbackUnderAnswers>().map(|FeedbackUnderAnswers(feedback)| {
                feedback(index, question.id.clone(), Signal::derive(move || {
                    expanded.get() || !foldable()
                }))
            })}
            <div class="ae-question__tools">
                <Show when=foldable>
                    <button
                        type="button"
                        class="ae-link-button"
                        aria-expanded=move || expanded.get().to_string()
                        aria-controls=toggle_controls.clone()
                        aria-describedby=toggle_describedby.clone()
                        on:click=move |_| expanded.update(|open| *open = !*open)
                    >
                        {move || {
                            i18n.text(if expanded.get() {
                                "question.show_less"
                            } else {
                                "question.read_more"
                            })
                        }}
                    </button>
                </Show>
                <CopyLink link=link/>
            </div>
        </article>
    }
    .into_any()
}

/// The id of a question's heading, the target of focus when a permalink opens it.
/// Opens a question the visitor chose (a suggestion) and moves focus to its heading once
/// it is on screen, as following a permalink does.
pub fn open_and_focus(state: BrowseState, index: usize) {
    state.open_question(index, Change::Step);
    request_animation_frame(move || dom::focus_by_id(&heading_id(index)));
}

pub fn heading_id(index: usize) -> String {
    format!("ae-q{index}-title")
}

/// Copies a question's permanent address to the clipboard, and says so.
#[component]
fn CopyLink(link: String) -> impl IntoView {
    let feedback = RwSignal::new(String::new());
    let i18n = use_strings();
    let copy_label = i18n.text("question.copy_link");
    let copy = move |_| {
        let link = link.clone();
        spawn_local(async move {
            feedback.set(if browser::copy_to_clipboard(&link).await {
                i18n.text("question.link_copied")
            } else {
                i18n.format("question.copy_this_link", &[("link", Arg::Text(&link))])
            });
            set_timeout(
                move || feedback.set(String::new()),
                std::time::Duration::from_secs(6),
            );
        });
    };
    view! {
        <button type="button" class="ae-link-button" on:click=copy>{copy_label}</button>
        <span class="ae-question__feedback" role="status">{move || feedback.get()}</span>
    }
}
