//! Ask an Expert's reference receiver: the small HTTP service that the "Post a
//! question" form sends to. The contract is `docs/endpoint-contract.md`.
//!
//! - [`cli`]: command line and the `list` table
//! - [`app`]: router and handlers
//! - [`validate`]: reading question bodies and checking fields
//! - [`feedback`]: reading and checking "Was this helpful?" votes, and summing them up
//! - [`export`]: the unpublished questions as a spreadsheet for the editors
//! - [`store`]: SQLite storage of questions, votes and idempotency keys
//! - [`rate_limit`]: per-address sliding window
//! - [`cors`]: origin checks and CORS headers

pub mod app;
pub mod cli;
pub mod cors;
pub mod export;
pub mod feedback;
pub mod rate_limit;
pub mod store;
pub mod validate;

pub use app::{Config, router};
pub use store::Store;
