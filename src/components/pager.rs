//! "Page X of Y" with Previous, Next and numbered pages; after each move, focus and scroll
//! go to the results count at the top of the results.

use ask_expert_core::pagination::{PageLink, page_links};
use leptos::prelude::*;

use crate::browse_state::use_browse;
use crate::dom::focus_results_count;

#[component]
pub fn Pager() -> impl IntoView {
    let state = use_browse();
    let current = move || state.result.with(|result| result.page);
    let count = move || state.result.with(|result| result.page_count);
    let go = move |page: usize| {
        state.go_to_page(page);
        focus_results_count();
    };
    view! {
        <nav class="ae-pager" aria-label="Pagination">
            <p class="ae-pager__status">{move || format!("Page {} of {}", current(), count())}</p>
            <Show when=move || { count() > 1 }>
                <ul class="ae-pager__list">
                    <li>
                        <button type="button" class="ae-pager__step" disabled=move || current() == 1
                            on:click=move |_| go(current() - 1)>"Previous"</button>
                    </li>
                    {move || page_links(current(), count()).into_iter().map(|link| match link {
                        PageLink::Page(page) => {
                            let is_current = page == current();
                            view! {
                                <li>
                                    <button type="button" class="ae-pager__page"
                                        aria-label=format!("Page {page}")
                                        aria-current=is_current.then_some("page")
                                        on:click=move |_| if !is_current { go(page) }>
                                        {page}
                                    </button>
                                </li>
                            }.into_any()
                        }
                        PageLink::Gap => {
                            view! { <li class="ae-pager__gap" aria-hidden="true">"…"</li> }
                                .into_any()
                        }
                    }).collect_view()}
                    <li>
                        <button type="button" class="ae-pager__step"
                            disabled=move || current() == count()
                            on:click=move |_| go(current() + 1)>"Next"</button>
                    </li>
                </ul>
            </Show>
        </nav>
    }
}
