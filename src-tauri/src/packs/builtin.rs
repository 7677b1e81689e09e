//! The packs that ship inside the app. They are installed on first start and updated when the
//! app brings a newer version; a user may hide them but not destroy them.

use rusqlite::Connection;

use super::store::{install, installed_version, parse_version, InstallReport};
use super::validate::validate_bytes;
use crate::error::{AppError, AppResult};

pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    (
        "senior-backend.prep.json",
        include_str!("../../packs/builtin/senior-backend.prep.json"),
    ),
    (
        "backend-infra.prep.json",
        include_str!("../../packs/builtin/backend-infra.prep.json"),
    ),
    (
        "product-data.prep.json",
        include_str!("../../packs/builtin/product-data.prep.json"),
    ),
    (
        "ml-data.prep.json",
        include_str!("../../packs/builtin/ml-data.prep.json"),
    ),
    (
        "mobile-fullstack.prep.json",
        include_str!("../../packs/builtin/mobile-fullstack.prep.json"),
    ),
    (
        "security-quality.prep.json",
        include_str!("../../packs/builtin/security-quality.prep.json"),
    ),
    (
        "architecture-product.prep.json",
        include_str!("../../packs/builtin/architecture-product.prep.json"),
    ),
];

/// The two fields a start-up needs to decide whether a built-in pack must be installed.
#[derive(serde::Deserialize)]
struct Head {
    id: String,
    version: String,
}

/// Installs any built-in pack that is missing or older than the one shipped.
pub fn ensure_builtin(conn: &mut Connection) -> AppResult<Vec<InstallReport>> {
    let mut reports = Vec::new();
    for (name, text) in BUILTIN_PACKS {
        // A start where nothing changed reads only each pack's id and version (a fast scan of
        // the text), not the whole pack through the validator: that was most of its cost.
        if let Ok(head) = serde_json::from_str::<Head>(text) {
            let current = installed_version(conn, &head.id)?;
            if current.is_some_and(|v| parse_version(&v) >= parse_version(&head.version)) {
                continue;
            }
        }
        let pack = validate_bytes(text.as_bytes()).map_err(|problems| {
            AppError::Invalid(format!(
                "built-in pack {name} is invalid: {}",
                problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
        })?;
        let current = installed_version(conn, &pack.id)?;
        let newer = match &current {
            None => true,
            Some(v) => parse_version(&pack.version) > parse_version(v),
        };
        if newer {
            reports.push(install(conn, &pack, true, false)?);
        }
    }
    Ok(reports)
}
