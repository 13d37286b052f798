//! Ask an Expert in the browser: finds its host element(s), reads their settings and mounts
//! the app. Everything that can be decided without a DOM lives in `ask_expert_core`.

mod app;
mod browse_state;
mod components;
mod loader;
mod panic_notice;
mod url_sync;

use ask_expert_core::config::Config;
use wasm_bindgen::JsCast;

/// Marks the element the app renders into, on the hosted page and on an embedding site alike.
pub const HOST_ATTRIBUTE: &str = "data-ask-expert";

pub fn start() {
    panic_notice::install();
    let document = leptos::prelude::document();
    let Ok(Some(host)) = document.query_selector(&format!("[{HOST_ATTRIBUTE}]")) else {
        leptos::logging::error!("Ask an Expert: no element with the {HOST_ATTRIBUTE} attribute to render into.");
        return;
    };
    let (config, warnings) = Config::from_attributes(|name| host.get_attribute(&format!("data-{name}")));
    for warning in warnings {
        leptos::logging::warn!("Ask an Expert: {warning}");
    }
    let host: web_sys::HtmlElement = host.unchecked_into();
    host.replace_children_with_node_0();
    leptos::mount::mount_to(host, move || leptos::prelude::view! { <app::App config/> }).forget();
}
