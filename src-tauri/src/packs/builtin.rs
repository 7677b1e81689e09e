//! The packs that ship inside the app. They are installed on first start and updated when the
//! app brings a newer version; a user may hide them but not destroy them.

use std::io::Read;

use rusqlite::Connection;

use super::store::{install, installed_version, parse_version, InstallReport};
use super::validate::validate_bytes;
use crate::error::{AppError, AppResult};

/// A pack that ships inside the app, compressed (see build.rs).
pub struct BuiltinPack {
    /// The file's name in `packs/builtin/`.
    pub file: &'static str,
    pub id: &'static str,
    pub version: &'static str,
    /// Length of the JSON text.
    pub bytes: usize,
    compressed: &'static [u8],
}

impl BuiltinPack {
    /// The pack's JSON text.
    pub fn text(&self) -> String {
        let mut text = String::with_capacity(self.bytes);
        brotli::Decompressor::new(self.compressed, 1 << 16)
            .read_to_string(&mut text)
            .expect("a built-in pack is compressed UTF-8 JSON (build.rs)");
        text
    }
}

pub const BUILTIN_PACKS: &[BuiltinPack] = include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// Installs any built-in pack that is missing or older than the one shipped.
pub fn ensure_builtin(conn: &mut Connection) -> AppResult<Vec<InstallReport>> {
    let mut reports = Vec::new();
    for builtin in BUILTIN_PACKS {
        // A start where nothing changed compares ids and versions only: no decompressing,
        // no validating.
        let current = installed_version(conn, builtin.id)?;
        if current.is_some_and(|v| parse_version(&v) >= parse_version(builtin.version)) {
            continue;
        }
        let name = builtin.file;
        let pack = validate_bytes(builtin.text().as_bytes()).map_err(|problems| {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_built_in_pack_unpacks_to_its_file_with_the_id_and_version_in_the_table() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/builtin");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".prep.json"))
            .collect();
        files.sort();
        let mut shipped: Vec<String> = BUILTIN_PACKS.iter().map(|p| p.file.to_string()).collect();
        shipped.sort();
        assert_eq!(
            shipped, files,
            "every file in packs/builtin/ ships (build.rs)"
        );
        for pack in BUILTIN_PACKS {
            let text = pack.text();
            let on_disk = std::fs::read_to_string(dir.join(pack.file)).unwrap();
            assert!(text == on_disk, "{} unpacks to a different text", pack.file);
            assert_eq!(text.len(), pack.bytes);
            let head: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(head["id"], pack.id, "{}", pack.file);
            assert_eq!(head["version"], pack.version, "{}", pack.file);
        }
    }
}
