//! The widget's place in the page: a shadow root on the host element, holding the
//! stylesheet and the element the app mounts into. Lookups by id go through here, because
//! `document.getElementById` cannot see inside a shadow root.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

thread_local! {
    static WIDGET_ROOT: RefCell<Option<ShadowRoot>> = const { RefCell::new(None) };
}

/// Marks the element the first screen (`first_screen`) renders into: the whole app mounts
/// beside it, hidden, and takes its place once it has something to show.
const FIRST_SCREEN_ATTRIBUTE: &str = "data-first-screen";

thread_local! {
    static MOUNT_POINT: RefCell<Option<HtmlElement>> = const { RefCell::new(None) };
}

/// Which of the two bundles is preparing the host.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    FirstScreen,
    WholeApp,
}

/// Gives `host` a shadow root (keeping one it already has) holding the stylesheet and an
/// empty element to mount into, which is returned. The whole app keeps a first screen that
/// shows results (the visitor may be reading or typing there) and mounts hidden beside it;
/// one that only says it is loading is replaced at once.
pub fn prepare_host(
    host: &HtmlElement,
    stylesheet: Option<&str>,
    bundle: Bundle,
) -> Option<HtmlElement> {
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()?,
    };
    let document = host.owner_document()?;
    let mount_point: HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    mount_point.set_class_name("ae-root");
    let first_screen_shows_results = bundle == Bundle::WholeApp
        && root
            .query_selector(&format!("[{FIRST_SCREEN_ATTRIBUTE}] input"))
            .ok()
            .flatten()
            .is_some();
    if first_screen_shows_results {
        mount_point.set_hidden(true);
        root.append_child(&mount_point).ok()?;
    } else {
        if bundle == Bundle::FirstScreen {
            mount_point.set_attribute(FIRST_SCREEN_ATTRIBUTE, "").ok()?;
        }
        let mut children: Vec<web_sys::Node> = Vec::new();
        if let Some(href) = stylesheet {
            let link = document.create_element("link").ok()?;
            link.set_attribute("rel", "stylesheet").ok()?;
            link.set_attribute("href", href).ok()?;
            children.push(link.into());
        }
        children.push(mount_point.clone().into());
        let nodes = js_sys::Array::from_iter(children.iter());
        root.replace_children_with_node(&nodes);
    }
    WIDGET_ROOT.with(|widget_root| *widget_root.borrow_mut() = Some(root));
    MOUNT_POINT.with(|mount| *mount.borrow_mut() = Some(mount_point.clone()));
    Some(mount_point)
}

/// The questions (by id) whose answers the visitor has opened with Read more, on screen
/// now: a view about to be replaced by another showing them leaves them open.
pub fn opened_questions() -> Vec<String> {
    cards()
        .into_iter()
        .filter(|article| {
            article
                .query_selector("button[aria-expanded=\"true\"]")
                .ok()
                .flatten()
                .is_some()
        })
        .filter_map(|article| article.get_attribute("data-question"))
        .collect()
}

/// The question cards on screen.
fn cards() -> Vec<web_sys::Element> {
    widget_root()
        .and_then(|root| root.query_selector_all("article[data-question]").ok())
        .map(elements)
        .unwrap_or_default()
}

fn elements(list: web_sys::NodeList) -> Vec<web_sys::Element> {
    (0..list.length())
        .filter_map(|index| list.item(index)?.dyn_into().ok())
        .collect()
}

/// A button or link with focus inside a question's card: the card's question id and the
/// control's text, so the view that replaces the card can give its counterpart focus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardControl {
    question: String,
    text: String,
}

/// The control inside a card that has focus, if any.
pub fn focused_card_control() -> Option<CardControl> {
    let active = widget_root()?.active_element()?;
    let card = active.closest("article[data-question]").ok()??;
    Some(CardControl {
        question: card.get_attribute("data-question")?,
        text: control_text(&active),
    })
}

/// Gives focus to the control in the same question's card with the same text, if the view
/// shows it.
pub fn focus_card_control(control: &CardControl) {
    // Ids are compared here rather than put into a selector, which would need escaping.
    let card = cards().into_iter().find(|card| {
        card.get_attribute("data-question").as_deref() == Some(control.question.as_str())
    });
    let target = card
        .and_then(|card| card.query_selector_all("button, a[href]").ok())
        .map(elements)
        .unwrap_or_default()
        .into_iter()
        .find(|element| control_text(element) == control.text);
    if let Some(target) = target.and_then(|target| target.dyn_into::<HtmlElement>().ok()) {
        let _ = target.focus();
    }
}

fn control_text(element: &web_sys::Element) -> String {
    element
        .get_attribute("aria-label")
        .or_else(|| element.text_content())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// What the visitor left in the first screen's search box.
pub struct LeftInFirstScreen {
    pub search_text: String,
    pub search_focused: bool,
}

/// Removes the first screen, if it is still there, and shows the whole app in its place;
/// returns what was typed there. Called just before the app first shows something, in the
/// same task, so no keystroke falls between the two.
pub fn take_over_first_screen() -> Option<LeftInFirstScreen> {
    let root = widget_root()?;
    let first = root
        .query_selector(&format!("[{FIRST_SCREEN_ATTRIBUTE}]"))
        .ok()??;
    let input = first
        .query_selector("input[type=search]")
        .ok()
        .flatten()
        .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok());
    let left = LeftInFirstScreen {
        search_text: input
            .as_ref()
            .map(|input| input.value())
            .unwrap_or_default(),
        search_focused: input.is_some_and(|input| {
            root.active_element()
                .is_some_and(|active| active == *input.unchecked_ref::<web_sys::Element>())
        }),
    };
    first.remove();
    MOUNT_POINT.with(|mount| {
        if let Some(mount) = mount.borrow().as_ref() {
            mount.set_hidden(false);
        }
    });
    Some(left)
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
