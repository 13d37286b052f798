//! If the app ever panics, the visitor gets a readable message and a way to reload instead of
//! a frozen page. Built with plain DOM calls: after a panic the framework can't be trusted.

use std::cell::RefCell;

use crate::HOST_ATTRIBUTE;
use crate::dom;

/// The notice's words in the widget's language: its title, the advice, and the link.
pub type NoticeWords = [String; 3];

thread_local! {
    /// Kept as plain text when the language is chosen, since context cannot be read then.
    static WORDS: RefCell<Option<NoticeWords>> = const { RefCell::new(None) };
}

/// The words the notice will use, in the language the widget speaks.
pub fn remember_words(words: NoticeWords) {
    WORDS.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = Some(words);
        }
    });
}

/// The remembered words, or English before any were chosen.
fn words() -> NoticeWords {
    WORDS
        .with(|slot| slot.try_borrow().ok().and_then(|words| words.clone()))
        .unwrap_or_else(|| {
            [
                "Sorry, something went wrong and the questions can't be shown.",
                "Reloading the page usually fixes this.",
                "Reload the page",
            ]
            .map(str::to_owned)
        })
}

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Ask an Expert stopped: {info}").into());
        show_notice();
    }));
}

/// Puts the notice in this widget's own element only: its shadow root once mounted, or
/// before that the element it would mount in (the first one). Other `[data-ask-expert]`
/// elements on the page are not this widget's and are left as they are.
fn show_notice() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let Some(notice) = build_notice(&document) else {
        return;
    };
    if let Some(root) = dom::widget_root() {
        root.replace_children_with_node_1(&notice);
        return;
    }
    if let Ok(Some(host)) = document.query_selector(&format!("[{HOST_ATTRIBUTE}]")) {
        // Inside the shadow root when there is one; the host's own children are not shown then.
        match host.shadow_root() {
            Some(root) => root.replace_children_with_node_1(&notice),
            None => host.replace_children_with_node_1(&notice),
        }
    }
}

fn build_notice(document: &web_sys::Document) -> Option<web_sys::Element> {
    let [title, advice_text, reload_text] = words();
    let notice = document.create_element("div").ok()?;
    notice.set_attribute("role", "alert").ok()?;
    notice.set_class_name("ae-notice ae-notice--error");
    let heading = document.create_element("p").ok()?;
    heading.set_class_name("ae-notice__title");
    heading.set_text_content(Some(&title));
    let advice = document.create_element("p").ok()?;
    advice.append_with_str_1(&format!("{advice_text} ")).ok()?;
    let reload = document.create_element("a").ok()?;
    let here = web_sys::window()?.location().href().ok()?;
    reload.set_attribute("href", &here).ok()?;
    reload.set_text_content(Some(&reload_text));
    advice.append_child(&reload).ok()?;
    notice.append_child(&heading).ok()?;
    notice.append_child(&advice).ok()?;
    Some(notice)
}
