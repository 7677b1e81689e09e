//! Content packs: the file format, validation, rendering and the installed-pack store.

pub mod builtin;
pub mod json_text;
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

/// Reads and fully validates a pack file; nothing is written. Only a regular file is read, and
/// never more than the size limit (a device or a pipe named as a pack is refused at once).
pub fn read_pack_file(path: &Path) -> AppResult<Pack> {
    let bytes = crate::files::read_limited(path, validate::MAX_PACK_BYTES as u64, "the pack file")
        .map_err(|e| match e {
            AppError::Invalid(m) if m.starts_with("the pack file is") => {
                AppError::PackInvalid(vec![Problem {
                    path: "$".into(),
                    message: m,
                }])
            }
            other => other,
        })?;
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
