//! Content packs: the file format, validation, rendering and the installed-pack store.

pub mod builtin;
pub mod model;
pub mod render;
pub mod store;
pub mod validate;

pub use model::Pack;
pub use validate::{validate_bytes, Problem};
