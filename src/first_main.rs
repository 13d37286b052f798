//! The first screen's bundle: `embed.js` starts it before the whole app, so a built
//! archive's newest questions show while the larger bundle is still arriving. It holds only
//! what the first results need (no search engine, form or browsing).

use wasm_bindgen::prelude::wasm_bindgen;

/// Shows the first results; see `ask_expert::mount_first_screen`.
#[wasm_bindgen]
pub fn mount_first_screen(stylesheet: Option<String>) {
    ask_expert::mount_first_screen(stylesheet);
}

/// The address of the manifest the first screen read, if it has.
#[wasm_bindgen]
pub fn manifest_url() -> Option<String> {
    ask_expert::first_screen_manifest_url()
}

/// The manifest the first screen read, if it has, for the whole app.
#[wasm_bindgen]
pub fn manifest() -> Option<Vec<u8>> {
    ask_expert::first_screen_manifest_bytes()
}

fn main() {}
