//! Thin views: each wires signals to logic from `ask_expert_core` and renders the result.

pub mod answer_body;
pub mod archive_view;
pub mod error_panel;
pub mod question_card;
