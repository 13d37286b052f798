//! The widget starts when `embed.js` calls `mount_widget`, once its stylesheet's address is
//! known; nothing needs to run before that.

use wasm_bindgen::prelude::wasm_bindgen;

/// Starts the widget; see `ask_expert::mount_widget`.
#[wasm_bindgen]
pub fn mount_widget(stylesheet: Option<String>) {
    ask_expert::mount_widget(stylesheet);
}

fn main() {}
