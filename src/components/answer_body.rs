//! Turns parsed answer markup into DOM nodes, with the note on an answer that may be out
//! of date and the line saying who wrote it. Text always goes in as text nodes and link
//! targets were vetted by the parser, so archive content cannot add markup or script.

use ask_expert_core::markup::{Block, Inline};
use ask_expert_core::search::{Highlight, Segment};
use leptos::prelude::*;

#[component]
pub fn BlockView(
    block: Block,
    #[prop(into)] hidden: Signal<bool>,
    #[prop(into)] highlight: Signal<Option<Highlight>>,
) -> impl IntoView {
    let marks = highlight;
    match block {
        Block::Paragraph(inlines) => {
            view! { <p hidden=hidden>{inline_views(inlines, marks)}</p> }.into_any()
        }
        Block::List {
            ordered: true,
            items,
        } => view! { <ol hidden=hidden>{list_items(items, marks)}</ol> }.into_any(),
        Block::List {
            ordered: false,
            items,
        } => view! { <ul hidden=hidden>{list_items(items, marks)}</ul> }.into_any(),
    }
}

fn list_items(items: Vec<Vec<Inline>>, highlight: Signal<Option<Highlight>>) -> impl IntoView {
    items
        .into_iter()
        .map(|item| view! { <li>{inline_views(item, highlight)}</li> })
        .collect_view()
}

fn inline_views(inlines: Vec<Inline>, highlight: Signal<Option<Highlight>>) -> Vec<AnyView> {
    inlines
        .into_iter()
        .map(|inline| inline_view(inline, highlight))
        .collect()
}

fn inline_view(inline: Inline, highlight: Signal<Option<Highlight>>) -> AnyView {
    match inline {
        Inline::Text(text) => (move || match highlight.get() {
            Some(highlight) => segment_views(highlight.segments(&text)).into_any(),
            None => text.clone().into_any(),
        })
        .into_any(),
        Inline::Emphasis(children) => {
            view! { <em>{inline_views(children, highlight)}</em> }.into_any()
        }
        Inline::Strong(children) => {
            view! { <strong>{inline_views(children, highlight)}</strong> }.into_any()
        }
        Inline::Link { href, children } => {
            view! { <a href=href rel="noopener noreferrer">{inline_views(children, highlight)}</a> }
                .into_any()
        }
    }
}

/// The note on an answer last checked long ago (`wording::outdated_notice`).
#[component]
pub fn AnswerNotice(text: Option<String>) -> impl IntoView {
    text.map(|text| view! { <p class="ae-answer__notice" role="note">{text}</p> })
}

/// "Answered by … · Reviewed …" under an answer (`wording::provenance`).
#[component]
pub fn Provenance(text: Option<String>, #[prop(into)] hidden: Signal<bool>) -> impl IntoView {
    text.map(|text| view! { <p class="ae-answer__provenance" hidden=hidden>{text}</p> })
}

/// Text with the search's matches wrapped in `<mark>`.
pub fn segment_views(segments: Vec<Segment>) -> Vec<AnyView> {
    segments
        .into_iter()
        .map(|segment| {
            if segment.marked {
                view! { <mark>{segment.text}</mark> }.into_any()
            } else {
                segment.text.into_any()
            }
        })
        .collect()
}
