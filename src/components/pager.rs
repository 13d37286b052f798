//! "Page X of Y" with Previous, Next and numbered pages; after each move, focus and scroll
//! go to the results count at the top of the results.

use ask_expert_core::pagination::{PageLink, page_links};
use leptos::prelude::*;

use crate::browse_state::use_browse;
use crate::dom::focus_results_count;
use crate::locale::use_strings;
use ask_expert_core::locale::Arg;

#[component]
pub fn Pager() -> impl IntoView {
    let state = use_browse();
    let i18n = use_strings();
    let current = move || state.result.with(|result| result.page);
    let count = move || state.result.with(|result| result.page_count);
    let status = {
        move || {
            i18n.format(
                "pager.status",
                &[
                    ("page", Arg::Count(current())),
                    ("pages", Arg::Count(count())),
                ],
            )
        }
    };
    let go = move |page: usize| {
        state.go_to_page(page);
        focus_results_count();
    };
    view! {
        <nav class="ae-pager" aria-label=i18n.text("pager.label")>
            <p class="ae-pager__status">{status}</p>
            <Show when=move || { count() > 1 }>
                <ul class="ae-pager__list">
                    <li>
                        <button type="button" class="ae-pager__step" disabled=move || current() == 1
                            on:click=move |_| go(current() - 1)>
                            {i18n.text("pager.previous")}
                        </button>
                    </li>
                    {move || page_links(current(), count()).into_iter().map(|link| match link {
                        PageLink::Page(page) => {
                            let is_current = page == current();
                            let name = i18n.format("pager.page", &[("page", Arg::Count(page))]);
                            view! {
                                <li>
                                    <button type="button" class="ae-pager__page"
                                        aria-label=name
                                        aria-current=is_current.then_some("page")
                                        on:click=move |_| if !is_current { go(page) }>
                                        {i18n.number(page)}
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
                            on:click=move |_| go(current() + 1)>{i18n.text("pager.next")}</button>
                    </li>
                </ul>
            </Show>
        </nav>
    }
}
