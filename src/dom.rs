//! The widget's place in the page: a shadow root on the host element, holding the
//! stylesheet and the element the app mounts into. Lookups by id go through here, because
//! `document.getElementById` cannot see inside a shadow root.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

thread_local! {
    static WIDGET_ROOT: RefCell<Option<ShadowRoot>> = const { RefCell::new(None) };
}

/// Gives `host` a shadow root (keeping one it already has) holding the stylesheet and an
/// empty element to mount into, which is returned.
pub fn prepare_host(host: &HtmlElement, stylesheet: Option<&str>) -> Option<HtmlElement> {
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()?,
    };
    let document = host.owner_document()?;
    let mut children: Vec<web_sys::Node> = Vec::new();
    if let Some(href) = stylesheet {
        let link = document.create_element("link").ok()?;
        link.set_attribute("rel", "stylesheet").ok()?;
        link.set_attribute("href", href).ok()?;
        children.push(link.into());
    }
    let mount_point: HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    mount_point.set_class_name("ae-root");
    children.push(mount_point.clone().into());
    let nodes = js_sys::Array::from_iter(children.iter());
    root.replace_children_with_node(&nodes);
    WIDGET_ROOT.with(|widget_root| *widget_root.borrow_mut() = Some(root));
    Some(mount_point)
}

/// The widget's shadow root, once `prepare_host` has made it.
pub fn widget_root() -> Option<ShadowRoot> {
    WIDGET_ROOT.with(|root| root.borrow().clone())
}

/// An element of the widget by its id.
pub fn element_by_id(id: &str) -> Option<HtmlElement> {
    WIDGET_ROOT.with(|root| {
        root.borrow()
            .as_ref()?
            .get_element_by_id(id)?
            .dyn_into()
            .ok()
    })
}

/// The line saying how many questions match: paging, clearing and "Show N questions" bring
/// focus there.
pub const RESULTS_COUNT_ID: &str = "ae-results-count";

/// Moves focus to the results count once the page has been redrawn.
pub fn focus_results_count() {
    leptos::prelude::request_animation_frame(|| focus_by_id(RESULTS_COUNT_ID));
}

/// Moves focus to an element of the widget and brings it into view.
pub fn focus_by_id(id: &str) {
    if let Some(element) = element_by_id(id) {
        element.scroll_into_view();
        let _ = element.focus();
    }
}

/// Whether focus is on an element inside the widget's element `id`: a result arriving after
/// a wait moves focus only if the visitor has not gone elsewhere meanwhile.
pub fn focus_is_within(id: &str) -> bool {
    let Some(active) = widget_root().and_then(|root| root.active_element()) else {
        return false;
    };
    element_by_id(id).is_some_and(|container| container.contains(Some(&active)))
}
