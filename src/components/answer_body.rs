//! Turns parsed answer markup into DOM nodes. Text always goes in as text nodes and link
//! targets were vetted by the parser, so archive content cannot add markup or script.

use ask_expert_core::markup::{Block, Inline};
use leptos::prelude::*;

#[component]
pub fn BlockView(block: Block, #[prop(into)] hidden: Signal<bool>) -> impl IntoView {
    match block {
        Block::Paragraph(inlines) => view! { <p hidden=hidden>{inline_views(inlines)}</p> }.into_any(),
        Block::List { ordered: true, items } => view! { <ol hidden=hidden>{list_items(items)}</ol> }.into_any(),
        Block::List { ordered: false, items } => view! { <ul hidden=hidden>{list_items(items)}</ul> }.into_any(),
    }
}

fn list_items(items: Vec<Vec<Inline>>) -> impl IntoView {
    items.into_iter().map(|item| view! { <li>{inline_views(item)}</li> }).collect_view()
}

fn inline_views(inlines: Vec<Inline>) -> Vec<AnyView> {
    inlines.into_iter().map(inline_view).collect()
}

fn inline_view(inline: Inline) -> AnyView {
    match inline {
        Inline::Text(text) => text.into_any(),
        Inline::Emphasis(children) => view! { <em>{inline_views(children)}</em> }.into_any(),
        Inline::Strong(children) => view! { <strong>{inline_views(children)}</strong> }.into_any(),
        Inline::Link { href, children } => {
            view! { <a href=href rel="noopener noreferrer">{inline_views(children)}</a> }.into_any()
        }
    }
}
