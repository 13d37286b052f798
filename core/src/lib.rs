//! Everything Ask an Expert knows that does not need a browser: the archive model and its
//! validation, answer markup, and (as they arrive) search, facets, paging and URL state.
//! No module here touches the DOM or does I/O, so all of it is tested natively.

pub mod archive;
pub mod browse;
pub mod config;
pub mod date;
pub mod facets;
pub mod generate;
pub mod markup;
pub mod pagination;
pub mod question_form;
pub mod search;
pub mod text;
pub mod url_state;
pub mod view;
pub mod wording;
