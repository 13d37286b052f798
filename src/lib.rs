//! Ask an Expert in the browser: finds its host element, reads its settings and mounts the
//! app inside the element's shadow root, so the host page's CSS and the widget's cannot
//! touch each other. Everything that can be decided without a DOM lives in
//! `ask_expert_core`.

mod app;
mod browse_state;
mod browser;
mod built_source;
mod components;
mod dom;
mod draft_store;
mod feedback_store;
mod first_screen;
mod loader;
mod locale;
mod panic_notice;
mod question_sender;
mod search_state;
mod tasks;
mod url_sync;

use wasm_bindgen::JsCast;

use crate::dom::Bundle;
pub use crate::loader::KnownManifest;

/// Marks the element the app renders into, on the hosted page and on an embedding site alike.
pub const HOST_ATTRIBUTE: &str = "data-ask-expert";

/// Starts the widget in the page's `[data-ask-expert]` element, with the widget's
/// stylesheet (`stylesheet`) linked inside its shadow root. Called by `embed.js`.
pub fn mount_widget(stylesheet: Option<String>, first_screen_read: Option<KnownManifest>) {
    panic_notice::install();
    let Some(host) = find_host(true) else {
        return;
    };
    let attributes = data_attributes(&host);
    let panic_drill =
        cfg!(debug_assertions) && attributes.iter().any(|(name, _)| name == "panic-drill");
    let Some(mount_point) = dom::prepare_host(&host, stylesheet.as_deref(), Bundle::WholeApp)
    else {
        leptos::logging::error!("Ask an Expert: could not prepare the {HOST_ATTRIBUTE} element.");
        return;
    };
    leptos::mount::mount_to(
        mount_point,
        move || leptos::prelude::view! { <app::App attributes first_screen_read/> },
    )
    .forget();
    if panic_drill {
        // Development builds only: proves a panic leaves a readable notice, not a dead widget.
        leptos::prelude::set_timeout(
            || panic!("panic drill"),
            std::time::Duration::from_millis(500),
        );
    }
}

/// Shows a built archive's first results from its manifest while the whole app is still on
/// its way: `embed.js` starts this smaller bundle (`ask-expert-first`) first. It reports
/// nothing; the whole app follows, takes its place and says what went wrong, if anything.
pub fn mount_first_screen(stylesheet: Option<String>) {
    let Some(host) = find_host(false) else {
        return;
    };
    let attributes = data_attributes(&host);
    if let Some(mount_point) = dom::prepare_host(&host, stylesheet.as_deref(), Bundle::FirstScreen)
    {
        leptos::mount::mount_to(mount_point, move || {
            leptos::prelude::view! { <first_screen::FirstScreen attributes/> }
        })
        .forget();
    }
}

/// The address of the manifest the first screen read, for the whole app.
pub fn first_screen_manifest_url() -> Option<String> {
    first_screen::with_manifest_read(|known| known.url.clone())
}

/// The manifest the first screen read, for the whole app.
pub fn first_screen_manifest_bytes() -> Option<Vec<u8>> {
    first_screen::with_manifest_read(|known| known.bytes.clone())
}

/// The page's `[data-ask-expert]` element; a missing one, or more than one, is reported in
/// the console when `report` is set.
fn find_host(report: bool) -> Option<web_sys::HtmlElement> {
    let document = leptos::prelude::document();
    let hosts = document
        .query_selector_all(&format!("[{HOST_ATTRIBUTE}]"))
        .ok();
    let count = hosts.as_ref().map_or(0, web_sys::NodeList::length);
    let host = hosts
        .and_then(|hosts| hosts.item(0))
        .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok());
    if report && host.is_none() {
        leptos::logging::error!(
            "Ask an Expert: no element with the {HOST_ATTRIBUTE} attribute to render into."
        );
    }
    if report && count > 1 {
        leptos::logging::error!(
            "Ask an Expert: this page has {count} elements with {HOST_ATTRIBUTE}; one widget per \
             page is supported, so only the first is used."
        );
    }
    host
}

/// The element's `data-*` attributes, names without the `data-` prefix.
fn data_attributes(host: &web_sys::Element) -> Vec<(String, String)> {
    let names = host.get_attribute_names();
    (0..names.length())
        .filter_map(|index| names.get(index).as_string())
        .filter_map(|name| {
            let setting = name.strip_prefix("data-")?.to_owned();
            Some((setting, host.get_attribute(&name)?))
        })
        .collect()
}
