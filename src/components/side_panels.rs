//! The association's own boxes of links beside the archive, from the settings.

use ask_expert_core::config::Config;
use leptos::prelude::*;

use crate::locale::use_strings;

/// The association's own boxes of links, as its old page had beside the archive.
#[component]
pub fn SidePanels() -> impl IntoView {
    let panels = expect_context::<Config>().panels;
    let label = use_strings().text("panels.label");
    (!panels.is_empty()).then(|| {
        view! {
            <aside class="ae-panels" aria-label=label>
                {panels.into_iter().map(|panel| view! {
                    <section class="ae-panel">
                        <h2 class="ae-panel__title">{panel.title}</h2>
                        {panel.text.map(|text| view! { <p>{text}</p> })}
                        <ul class="ae-panel__links">
                            {panel.links.into_iter().map(|link| view! {
                                <li><a href=link.url rel="noopener noreferrer">{link.label}</a></li>
                            }).collect_view()}
                        </ul>
                    </section>
                }).collect_view()}
            </aside>
        }
    })
}
