//! Thin views: each wires signals to logic from `ask_expert_core` and renders the result.

pub mod active_filters;
pub mod answer_body;
pub mod answer_feedback;
pub mod archive_view;
pub mod category_filter;
pub mod error_panel;
pub mod first_results;
pub mod pager;
pub mod question_card;
pub mod question_form;
pub mod search_box;
pub mod side_panels;
