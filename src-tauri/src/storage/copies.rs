//! Daily copies of the database file, and the way back from a damaged one.
//!
//! Once a day at start-up the live database is copied with SQLite's online backup API into
//! `backups/prep-hub-YYYY-MM-DD.sqlite3` (the last seven are kept). A copy is written under a
//! temporary name and renamed, so a crash or a full disk never leaves half a copy under a real
//! name, and a temporary file left by a killed app is removed at the next copy.
//!
//! Restoring checks the copy (`quick_check`, a schema this app knows) before anything changes,
//! and keeps what it replaces: the live state in `backups/before-restore-<time>.sqlite3`, or a
//! damaged database moved whole into `damaged-<time>/`. Nothing is ever overwritten.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::Serialize;

use super::{db_path, DB_FILE};
use crate::error::{AppError, AppResult};

pub const BACKUP_DIR: &str = "backups";
pub const KEEP_BACKUPS: usize = 7;
const PARTIAL_SUFFIX: &str = ".partial";

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct BackupFile {
    pub file: String,
    pub date: String,
    pub bytes: u64,
}

pub fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

fn daily_name(day: NaiveDate) -> String {
    format!("prep-hub-{day}.sqlite3")
}

fn day_of(file: &str) -> Option<NaiveDate> {
    let day = file.strip_prefix("prep-hub-")?.strip_suffix(".sqlite3")?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// The daily copies, newest first.
pub fn list_backups(data_dir: &Path) -> AppResult<Vec<BackupFile>> {
    let dir = backup_dir(data_dir);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some(day) = day_of(&name) {
            out.push(BackupFile {
                file: name,
                date: day.to_string(),
                bytes: entry.metadata()?.len(),
            });
        }
    }
    out.sort_by(|a, b| b.date.cmp(&a.date));
    Ok(out)
}

/// Copies the live database once per day, keeping the last seven. Returns the new file's
/// name, or `None` when today's copy already exists and `force` is off.
pub fn rolling_backup(
    conn: &Connection,
    data_dir: &Path,
    today: NaiveDate,
    force: bool,
) -> AppResult<Option<String>> {
    let dir = backup_dir(data_dir);
    std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
    remove_partials(&dir);
    let name = daily_name(today);
    let path = dir.join(&name);
    if path.exists() && !force {
        return Ok(None);
    }
    copy_whole(conn, &path)?;
    for old in list_backups(data_dir)?.into_iter().skip(KEEP_BACKUPS) {
        std::fs::remove_file(dir.join(old.file))?;
    }
    Ok(Some(name))
}

/// Copies the live database to `path` under a temporary name first, so `path` never holds half
/// a copy; the temporary file is removed when the copy fails.
fn copy_whole(conn: &Connection, path: &Path) -> AppResult<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(PARTIAL_SUFFIX);
    let partial = PathBuf::from(partial);
    // Created here so that a full or read-only disk is reported as such, not as "cannot open".
    std::fs::File::create(&partial).map_err(|e| io_error(&partial, e))?;
    let written = conn
        .backup(MAIN_DB, &partial, None)
        .map_err(AppError::from)
        .and_then(|_| std::fs::rename(&partial, path).map_err(|e| io_error(path, e)));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

/// Temporary copies that a killed or failed copy left behind.
fn remove_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .ends_with(PARTIAL_SUFFIX)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn io_error(path: &Path, e: std::io::Error) -> AppError {
    AppError::Io(std::io::Error::new(
        e.kind(),
        format!(
            "could not write {}: {}",
            path.display(),
            crate::files::describe_io(&e)
        ),
    ))
}

/// A daily copy by name, checked to be one of ours, whole, and of a schema this app can open.
fn checked_copy(data_dir: &Path, file: &str) -> AppResult<PathBuf> {
    if day_of(file).is_none() || file.contains(['/', '\\']) {
        return Err(AppError::Invalid(format!(
            "'{}' is not one of the app's daily copies",
            crate::echo::echo(file, 80)
        )));
    }
    let path = backup_dir(data_dir).join(file);
    if !path.is_file() {
        return Err(AppError::NotFound(format!(
            "the daily copy {} is not there any more",
            path.display()
        )));
    }
    let check = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let verdict: String = check
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .unwrap_or_else(|e| e.to_string());
    if verdict != "ok" {
        return Err(AppError::Invalid(format!(
            "the daily copy {file} is damaged ({verdict}); nothing was changed"
        )));
    }
    let version = super::schema_version(&check)?;
    if version > super::latest_version() {
        return Err(AppError::Invalid(format!(
            "the daily copy {file} was made by a newer Prep Hub (schema {version}; this one reads \
             up to {}); nothing was changed",
            super::latest_version()
        )));
    }
    Ok(path)
}

/// A name for keeping something aside that no earlier one has: `<stem>-<UTC time>[-n]<ext>`.
fn unused_name(dir: &Path, stem: &str, ext: &str, now: DateTime<Utc>) -> PathBuf {
    let base = format!("{stem}-{}", now.format("%Y%m%d-%H%M%S"));
    let mut candidate = dir.join(format!("{base}{ext}"));
    let mut n = 1;
    while candidate.exists() {
        n += 1;
        candidate = dir.join(format!("{base}-{n}{ext}"));
    }
    candidate
}

/// Replaces the live database with a daily copy. The current state is kept first as
/// `backups/before-restore-<time>.sqlite3`, so every restore can itself be undone by hand.
/// Returns that file's name.
pub fn restore(
    conn: &mut Connection,
    data_dir: &Path,
    file: &str,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let path = checked_copy(data_dir, file)?;
    let kept = unused_name(&backup_dir(data_dir), "before-restore", ".sqlite3", now);
    remove_partials(&backup_dir(data_dir));
    copy_whole(conn, &kept)?;
    // All pages in one step: one write transaction on the live database, so a crash leaves it
    // as it was or as the copy, never a mix (rusqlite's `restore` copies 100 pages a step).
    let src = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let step = rusqlite::backup::Backup::new(&src, conn)?.step(-1)?;
    if step != rusqlite::backup::StepResult::Done {
        return Err(AppError::Invalid(format!(
            "the daily copy {file} could not be read to the end ({step:?}); nothing was changed"
        )));
    }
    super::migrate(conn)?;
    Ok(kept
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default())
}

/// The way back when the database cannot be opened at all: the damaged files (database, WAL,
/// shared memory) are moved whole into `damaged-<time>/` in the data folder, and the chosen
/// daily copy is copied into place. Nothing is deleted. Returns the folder the damaged files
/// went to.
pub fn restore_over_damaged(data_dir: &Path, file: &str, now: DateTime<Utc>) -> AppResult<PathBuf> {
    let copy = checked_copy(data_dir, file)?;
    let bytes = std::fs::read(&copy).map_err(|e| io_error(&copy, e))?;
    let aside = unused_name(data_dir, "damaged", "", now);
    std::fs::create_dir_all(&aside).map_err(|e| io_error(&aside, e))?;
    // Hard links keep the damaged files under `aside` without needing room for a copy; until
    // the copy is in place (an atomic rename) the original names are untouched, so a failure
    // part-way changes nothing.
    let files: Vec<PathBuf> = ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| data_dir.join(format!("{DB_FILE}{suffix}")))
        .filter(|p| p.exists())
        .collect();
    for from in &files {
        let to = aside.join(from.file_name().unwrap_or_default());
        std::fs::hard_link(from, &to)
            .or_else(|_| std::fs::copy(from, &to).map(|_| ()))
            .map_err(|e| io_error(from, e))?;
    }
    crate::files::write_atomic(&db_path(data_dir), &bytes)?;
    // The damaged database's WAL must not be replayed into the copy.
    for from in files.iter().filter(|p| p.as_path() != db_path(data_dir)) {
        std::fs::remove_file(from).map_err(|e| io_error(from, e))?;
    }
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn ticks(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM checklist_tick", [], |r| r.get(0))
            .unwrap()
    }

    fn tick(conn: &Connection, item: &str) {
        conn.execute(
            "INSERT INTO checklist_tick(role_id, item_id, ticked_at) VALUES ('r', ?1, 'x')",
            [item],
        )
        .unwrap();
    }

    #[test]
    fn a_left_over_partial_copy_is_removed_by_the_next_copy() {
        let dir = tempfile::tempdir().unwrap();
        let conn = super::super::open(dir.path()).unwrap();
        std::fs::create_dir_all(backup_dir(dir.path())).unwrap();
        let stale = backup_dir(dir.path()).join("prep-hub-2026-12-01.sqlite3.partial");
        std::fs::write(&stale, b"half").unwrap();
        rolling_backup(&conn, dir.path(), day("2026-12-02"), false).unwrap();
        assert!(!stale.exists());
        assert_eq!(list_backups(dir.path()).unwrap().len(), 1);
    }

    #[test]
    fn each_restore_keeps_the_state_it_replaced_under_its_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = super::super::open(dir.path()).unwrap();
        rolling_backup(&conn, dir.path(), day("2026-12-01"), false).unwrap();
        tick(&conn, "a");
        let first = restore(
            &mut conn,
            dir.path(),
            "prep-hub-2026-12-01.sqlite3",
            t("2026-12-02T10:00:00Z"),
        )
        .unwrap();
        assert_eq!(ticks(&conn), 0);
        tick(&conn, "b");
        tick(&conn, "c");
        let second = restore(
            &mut conn,
            dir.path(),
            "prep-hub-2026-12-01.sqlite3",
            t("2026-12-02T10:00:00Z"),
        )
        .unwrap();
        assert_ne!(first, second);
        for (file, n) in [(&first, 1), (&second, 2)] {
            let kept = Connection::open(backup_dir(dir.path()).join(file)).unwrap();
            assert_eq!(ticks(&kept), n, "{file}");
        }
    }

    #[test]
    fn a_copy_from_a_newer_app_is_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = super::super::open(dir.path()).unwrap();
        rolling_backup(&conn, dir.path(), day("2026-12-01"), false).unwrap();
        let path = backup_dir(dir.path()).join("prep-hub-2026-12-01.sqlite3");
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 999)
            .unwrap();
        tick(&conn, "a");
        let err = restore(
            &mut conn,
            dir.path(),
            "prep-hub-2026-12-01.sqlite3",
            t("2026-12-02T10:00:00Z"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("newer Prep Hub"), "{err}");
        assert_eq!(ticks(&conn), 1);
    }

    #[test]
    fn a_damaged_database_is_moved_aside_and_the_copy_opens() {
        let dir = tempfile::tempdir().unwrap();
        {
            let conn = super::super::open(dir.path()).unwrap();
            tick(&conn, "kept");
            rolling_backup(&conn, dir.path(), day("2026-12-01"), false).unwrap();
        }
        std::fs::write(db_path(dir.path()), b"scribbled over by a disk fault").unwrap();
        let damaged = std::fs::read(db_path(dir.path())).unwrap();
        assert!(super::super::open(dir.path()).is_err());
        let aside = restore_over_damaged(
            dir.path(),
            "prep-hub-2026-12-01.sqlite3",
            t("2026-12-02T10:00:00Z"),
        )
        .unwrap();
        assert_eq!(std::fs::read(aside.join(DB_FILE)).unwrap(), damaged);
        let conn = super::super::open(dir.path()).unwrap();
        assert_eq!(ticks(&conn), 1);
        // A second damaged file goes to a folder of its own.
        drop(conn);
        std::fs::write(db_path(dir.path()), b"again").unwrap();
        let again = restore_over_damaged(
            dir.path(),
            "prep-hub-2026-12-01.sqlite3",
            t("2026-12-02T10:00:00Z"),
        )
        .unwrap();
        assert_ne!(aside, again);
        assert_eq!(std::fs::read(aside.join(DB_FILE)).unwrap(), damaged);
    }
}
