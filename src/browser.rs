//! The few things the app asks of the browser itself — the page's address, the clock,
//! today's date, random bytes, the clipboard, resolving a relative address — in one place,
//! so the rest is plain signals and `core` rules.

use ask_expert_core::date::Date;
use leptos::prelude::{document, window};

/// The current page's address, sent with a question so the association knows where it
/// came from.
pub fn page_url() -> String {
    window().location().href().unwrap_or_default()
}

/// Now, as ISO 8601 in UTC.
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// Today on the visitor's calendar, which is what "written in 2016" is measured against.
pub fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    Date::new(
        u16::try_from(now.get_full_year()).ok()?,
        u8::try_from(now.get_month() + 1).ok()?,
        u8::try_from(now.get_date()).ok()?,
    )
}

/// Sixteen bytes from the browser's cryptographic random source.
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    if let Ok(crypto) = window().crypto() {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes
}

/// Puts `text` on the clipboard; false when the browser refused.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let promise = window().navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// `address` made absolute against the page, the way the browser resolves it when
/// fetching; unchanged when it cannot be resolved.
pub fn absolute_url(address: &str) -> String {
    let base = document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(page_url);
    web_sys::Url::new_with_base(address, &base)
        .map(|url| url.href())
        .unwrap_or_else(|_| address.to_owned())
}
