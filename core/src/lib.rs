//! Everything Ask an Expert knows that does not need a browser: the archive model, its
//! validation and its writer, answer markup, text tidying and dates, search, facets, paging
//! and the browse pipeline, URL state, settings, the question form's and the feedback vote's
//! rules, spreadsheet cells, and counts in words.
//! No module here touches the DOM or does I/O, so all of it is tested natively.

pub mod archive;
pub mod archive_file;
pub mod browse;
pub mod built;
pub mod config;
pub mod date;
pub mod facets;
pub mod feedback;
pub mod loading;
pub mod locale;
pub mod markup;
pub mod pagination;
pub mod question_form;
pub mod search;
pub mod spreadsheet;
pub mod text;
pub mod url_state;
pub mod view;
pub mod wording;
