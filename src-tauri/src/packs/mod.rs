//! Content packs: the file format, validation, rendering and the installed-pack store.

pub mod builtin;
pub mod model;
pub mod quality;
pub mod render;
#[doc(hidden)]
pub mod sample;
pub mod store;
pub mod validate;

pub use model::Pack;
pub use validate::{validate_bytes, Problem};

use std::path::Path;

use rusqlite::Connection;

use crate::error::{AppError, AppResult};

/// Reads and fully validates a pack file; nothing is written.
pub fn read_pack_file(path: &Path) -> AppResult<Pack> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .map_err(|e| AppError::Invalid(format!("cannot read {shown}: {e}")))?;
    // Refuse before reading, so a huge file is never loaded into memory.
    if let Some(p) = validate::size_problem(meta.len()) {
        return Err(AppError::PackInvalid(vec![p]));
    }
    let bytes =
        std::fs::read(path).map_err(|e| AppError::Invalid(format!("cannot read {shown}: {e}")))?;
    validate_bytes(&bytes).map_err(AppError::PackInvalid)
}

/// Validates a user's pack file and installs it (or updates the installed version).
pub fn import_file(
    conn: &mut Connection,
    path: &Path,
    reinstall: bool,
) -> AppResult<store::InstallReport> {
    let pack = read_pack_file(path)?;
    store::install(conn, &pack, false, reinstall)
}
