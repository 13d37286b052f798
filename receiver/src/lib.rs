//! Ask an Expert's reference receiver: the small HTTP service that the "Post a
//! question" form sends to. The contract is `docs/endpoint-contract.md`.
//!
//! - [`cli`]: command line and the `list` table
//! - [`app`]: router and handlers
//! - [`validate`]: reading bodies and checking fields
//! - [`store`]: SQLite storage of questions and idempotency keys
//! - [`rate_limit`]: per-address sliding window
//! - [`cors`]: origin checks and CORS headers

pub mod app;
pub mod cli;
pub mod cors;
pub mod rate_limit;
pub mod store;
pub mod validate;

pub use app::{Config, router};
pub use store::Store;
