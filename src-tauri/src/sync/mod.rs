//! Keeping two (or more) devices in step through a folder that another tool already keeps in
//! step (Syncthing, Nextcloud, Dropbox, a USB stick). No server, no network of our own.
//!
//! Each device writes its whole progress, as the versioned backup export, to one file of its
//! own in the folder (`prep-hub-sync-<device id>.json`, written whole or not at all), and merges
//! the other devices' files with the backup merge rules (`progress::merge`): ratings are a
//! union by their stable id, notes keep the latest edit (the other is kept as a version), ticks
//! are a union, processes merge by id. The rules give the same result whichever device merges
//! first, and merging a file twice changes nothing, so the devices converge.
//!
//! Reading and checking the other files needs no database ([`read_peers`]); only the merge
//! itself ([`merge_peers`]) and the export take the connection.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::{AppError, AppResult};
use crate::progress::backup::{self, CheckedBackup, Mode};
use crate::progress::instant_text;

pub const FILE_PREFIX: &str = "prep-hub-sync-";
/// Longest device name kept.
pub const MAX_NAME_CHARS: usize = 60;

/// This device as the sync folder knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Device {
    pub id: String,
    pub name: String,
}

pub fn file_name(device_id: &str) -> String {
    format!("{FILE_PREFIX}{device_id}.json")
}

/// A device id is letters, digits and dashes (it names a file).
pub fn valid_device_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

pub fn new_device_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Checks that the sync folder is usable: an existing folder (the tool that syncs it made it).
pub fn check_folder(folder: &Path) -> AppResult<()> {
    if !folder.is_absolute() {
        return Err(AppError::Invalid(format!(
            "sync folder: '{}' is not a full path; choose the folder (for example /home/me/Sync)",
            folder.display()
        )));
    }
    match std::fs::metadata(folder) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(AppError::Invalid(format!(
            "sync folder: {} is a file, not a folder",
            folder.display()
        ))),
        Err(e) => Err(AppError::Invalid(format!(
            "sync folder: {} cannot be used: {}",
            folder.display(),
            crate::files::describe_io(&e)
        ))),
    }
}

/// This device's progress as its sync file holds it.
pub fn own_document(conn: &Connection, device: &Device, now: DateTime<Utc>) -> AppResult<Value> {
    let mut doc = backup::export(conn, None, now)?;
    doc["device"] = json!({"id": device.id, "name": device.name});
    Ok(doc)
}

/// Writes this device's file whole (see `files::write_atomic`).
pub fn write_own(folder: &Path, device: &Device, doc: &Value) -> AppResult<PathBuf> {
    check_folder(folder)?;
    let path = folder.join(file_name(&device.id));
    crate::files::write_atomic(&path, serde_json::to_string_pretty(doc)?.as_bytes())?;
    Ok(path)
}

/// Records that this device wrote its file.
pub fn note_written(conn: &Connection, device: &Device, now: DateTime<Utc>) -> AppResult<()> {
    let at = instant_text(now);
    conn.execute(
        "INSERT INTO sync_peer(device_id, device_name, written_at, merged_at) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT(device_id) DO UPDATE SET device_name = excluded.device_name,
             written_at = excluded.written_at, merged_at = excluded.merged_at",
        params![device.id, device.name, at],
    )?;
    Ok(())
}

/// Another device's file, read and checked.
pub struct PeerFile {
    pub file: String,
    pub device: Device,
    pub written_at: String,
    pub backup: CheckedBackup,
}

/// A file of the folder that could not be merged, and why.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PeerProblem {
    pub file: String,
    pub message: String,
}

/// Reads and checks every other device's file (no database needed). A file that cannot be read
/// is reported and left out; the others are still merged.
pub fn read_peers(folder: &Path, own_id: &str) -> AppResult<(Vec<PeerFile>, Vec<PeerProblem>)> {
    check_folder(folder)?;
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map_err(|e| {
            AppError::Invalid(format!(
                "sync folder: {} cannot be read: {}",
                folder.display(),
                crate::files::describe_io(&e)
            ))
        })?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(FILE_PREFIX) && n.ends_with(".json") && *n != file_name(own_id))
        .collect();
    names.sort();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        match read_peer(&folder.join(&name), &name) {
            Ok(f) if f.device.id == own_id => problems.push(PeerProblem {
                file: name,
                message: "it carries this device's own id (a copy of this device's file?); it was left out".into(),
            }),
            Ok(f) => files.push(f),
            Err(e) => problems.push(PeerProblem {
                file: name,
                message: e.to_string(),
            }),
        }
    }
    Ok((files, problems))
}

fn read_peer(path: &Path, name: &str) -> AppResult<PeerFile> {
    let bytes = crate::files::read_limited(path, backup::MAX_BACKUP_BYTES, "the sync file")?;
    let doc = backup::parse_backup_bytes(&bytes)?;
    let id = doc["device"]["id"].as_str().unwrap_or_default().to_string();
    if !valid_device_id(&id) {
        return Err(AppError::Invalid(
            "$.device.id: missing or not a device id; this is not a Prep Hub sync file".into(),
        ));
    }
    let device_name: String = doc["device"]["name"]
        .as_str()
        .unwrap_or("another device")
        .chars()
        .take(MAX_NAME_CHARS)
        .collect();
    let written_at = doc["exported_at"].as_str().unwrap_or_default().to_string();
    let backup = backup::check(&doc)?;
    Ok(PeerFile {
        file: name.to_string(),
        device: Device {
            id,
            name: device_name,
        },
        written_at,
        backup,
    })
}

/// What merging the folder did.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct MergeReport {
    /// Devices whose file was merged, with the rows it added.
    pub merged: Vec<MergedPeer>,
    pub problems: Vec<PeerProblem>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MergedPeer {
    pub device: Device,
    pub added: usize,
    pub replaced: usize,
}

/// Merges the files read by [`read_peers`], one transaction each.
pub fn merge_peers(
    conn: &mut Connection,
    files: Vec<PeerFile>,
    now: DateTime<Utc>,
) -> AppResult<MergeReport> {
    let mut report = MergeReport::default();
    for f in files {
        let import = backup::import_checked(conn, f.backup, Mode::Merge)?;
        conn.execute(
            "INSERT INTO sync_peer(device_id, device_name, written_at, merged_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(device_id) DO UPDATE SET device_name = excluded.device_name,
                 written_at = excluded.written_at, merged_at = excluded.merged_at",
            params![f.device.id, f.device.name, f.written_at, instant_text(now)],
        )?;
        report.merged.push(MergedPeer {
            device: f.device,
            added: import.added.values().sum(),
            replaced: import.replaced.values().sum(),
        });
    }
    Ok(report)
}

/// A device seen in the folder, or this one.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Peer {
    pub device_id: String,
    pub device_name: String,
    /// When that device last wrote its file.
    pub written_at: String,
    /// When this device last merged it (for this device: when it last wrote).
    pub merged_at: String,
    pub this_device: bool,
}

pub fn peers(conn: &Connection, own_id: &str) -> AppResult<Vec<Peer>> {
    let mut stmt = conn.prepare(
        "SELECT device_id, device_name, written_at, merged_at FROM sync_peer ORDER BY device_id = ?1 DESC, device_name",
    )?;
    let rows = stmt.query_map([own_id], |r| {
        let id: String = r.get(0)?;
        Ok(Peer {
            this_device: id == own_id,
            device_id: id,
            device_name: r.get(1)?,
            written_at: r.get(2)?,
            merged_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// When this device last wrote its file, if ever.
pub fn last_written(conn: &Connection, own_id: &str) -> AppResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT written_at FROM sync_peer WHERE device_id = ?1",
            [own_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// One whole sync with a connection at hand (tests, start-up): merge the others, then write this
/// device's file with the merged result, so the others receive what this one merged too.
pub fn sync_all(
    conn: &mut Connection,
    folder: &Path,
    device: &Device,
    now: DateTime<Utc>,
) -> AppResult<MergeReport> {
    let (files, problems) = read_peers(folder, &device.id)?;
    let mut report = merge_peers(conn, files, now)?;
    report.problems = problems;
    let doc = own_document(conn, device, now)?;
    write_own(folder, device, &doc)?;
    note_written(conn, device, now)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_is_not_there_or_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = check_folder(&dir.path().join("missing"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("cannot be used"), "{e}");
        let f = dir.path().join("f");
        std::fs::write(&f, b"x").unwrap();
        assert!(check_folder(&f)
            .unwrap_err()
            .to_string()
            .contains("is a file"));
        assert!(check_folder(Path::new("relative/path"))
            .unwrap_err()
            .to_string()
            .contains("full path"));
    }

    #[test]
    fn a_broken_or_foreign_file_is_reported_and_the_others_still_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(file_name("bad")), b"{ not json").unwrap();
        std::fs::write(
            dir.path().join(file_name("nodevice")),
            br#"{"format": "prep-hub-progress", "format_version": 1, "tables": {}}"#,
        )
        .unwrap();
        std::fs::write(
            dir.path().join(file_name("good")),
            br#"{"format": "prep-hub-progress", "format_version": 1, "exported_at": "2026-12-01T10:00:00.000Z",
                "device": {"id": "good", "name": "home"}, "tables": {}}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("notes.txt"), b"not ours").unwrap();
        let (files, problems) = read_peers(dir.path(), "me").unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].device.name, "home");
        let named: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(named, [file_name("bad"), file_name("nodevice")]);
        assert!(
            problems[1].message.contains("$.device.id"),
            "{:?}",
            problems[1]
        );
    }
}
