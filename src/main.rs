//! The widget starts when `embed.js` calls `mount_widget`, once its stylesheet's address is
//! known; nothing needs to run before that.

use wasm_bindgen::prelude::wasm_bindgen;

/// Starts the widget; see `ask_expert::mount_widget`. `manifest_url` and `manifest` are
/// what the first screen read, when it did.
#[wasm_bindgen]
pub fn mount_widget(
    stylesheet: Option<String>,
    manifest_url: Option<String>,
    manifest: Option<Vec<u8>>,
) {
    let first_screen_read = manifest_url
        .zip(manifest)
        .map(|(url, bytes)| ask_expert::KnownManifest { url, bytes });
    ask_expert::mount_widget(stylesheet, first_screen_read);
}

fn main() {}
