//! The SQLite database: opening, integrity check, schema migrations.
//! Knows nothing of Tauri; callers hand it a folder.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{AppError, AppResult};

pub mod checkpoint;
pub mod copies;
pub mod fts;

pub const DB_FILE: &str = "prep-hub.sqlite3";

/// Every schema change is appended here, never edited: a user's database moves through each in turn.
static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(migration_steps()));

fn migration_steps() -> Vec<M<'static>> {
    vec![
        M::up(include_str!("migrations/001_packs.sql")),
        M::up(include_str!("migrations/002_progress.sql")),
        M::up(include_str!("migrations/003_planner.sql")),
        M::up(include_str!("migrations/004_review_session.sql")),
        M::up(include_str!("migrations/005_pack_seq.sql")),
        M::up(include_str!("migrations/006_search_hash.sql")),
        M::up(include_str!("migrations/007_process_posting.sql")),
        M::up(include_str!("migrations/008_logistics_sync.sql")),
    ]
}

/// The schema version a fully migrated database has.
pub fn latest_version() -> usize {
    migration_steps().len()
}

pub fn db_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DB_FILE)
}

/// Opens (creating if needed) the database in `data_dir`, checks it and brings the schema up to date.
pub fn open(data_dir: &Path) -> AppResult<Connection> {
    std::fs::create_dir_all(data_dir).map_err(|e| {
        AppError::Unavailable(format!(
            "cannot create the data folder {}: {e}",
            data_dir.display()
        ))
    })?;
    let path = db_path(data_dir);
    if path.exists() && !folder_writable(data_dir) {
        return open_read_only(&path);
    }
    let mut conn = Connection::open(&path).map_err(|e| {
        AppError::Unavailable(format!("cannot open the database {}: {e}", path.display()))
    })?;
    configure(&conn).map_err(|e| {
        AppError::Unavailable(format!(
            "cannot use the database {} ({e}). Your data has not been changed. \
             Restore a backup, or move the file away to start fresh.",
            path.display()
        ))
    })?;
    quick_check(&conn).map_err(|problem| {
        AppError::Unavailable(format!(
            "the database {} is damaged ({problem}). Your data has not been changed. \
             Restore a backup, or move the file away to start fresh.",
            path.display()
        ))
    })?;
    MIGRATIONS.to_latest(&mut conn)?;
    Ok(conn)
}

/// Whether files can be created in `dir` (a read-only disk or folder says no).
fn folder_writable(dir: &Path) -> bool {
    tempfile::tempfile_in(dir).is_ok()
}

/// A data folder that cannot be written (a read-only disk, a folder without write access):
/// everything can still be read, and every write is refused with a clear error
/// (`AppError::Disk`). Only a database this app knows can be opened so: it cannot be migrated.
fn open_read_only(path: &Path) -> AppResult<Connection> {
    use rusqlite::OpenFlags;
    let cannot = |e: rusqlite::Error| {
        AppError::Unavailable(format!(
            "cannot open the database {} in its read-only folder: {e}",
            path.display()
        ))
    };
    // A WAL database is read through its shared-memory file, which a read-only folder cannot
    // hold when the app was closed cleanly (it is removed then). `immutable=1` reads the file
    // alone, which is exactly what a cleanly closed database is.
    let conn =
        match Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).and_then(|c| {
            c.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
                .map(|_| c)
        }) {
            Ok(c) => c,
            Err(_) => {
                let uri = format!("file:{}?immutable=1", path.display());
                Connection::open_with_flags(
                    uri,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
                )
                .map_err(cannot)?
            }
        };
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    fts::register(&conn)?;
    quick_check(&conn).map_err(|problem| {
        AppError::Unavailable(format!(
            "the database {} is damaged ({problem}), and its folder is read-only. Your data has \
             not been changed.",
            path.display()
        ))
    })?;
    let version = schema_version(&conn)?;
    if version != latest_version() {
        return Err(AppError::Unavailable(format!(
            "the database {} needs an upgrade this version of Prep Hub makes, and its folder is \
             read-only. Make the folder writable and start again; your data has not been changed.",
            path.display()
        )));
    }
    Ok(conn)
}

/// Brings an open database's schema up to date (after a restore from an older backup).
pub fn migrate(conn: &mut Connection) -> AppResult<()> {
    MIGRATIONS.to_latest(conn)?;
    Ok(())
}

/// An in-memory database with the full schema, for tests and benchmarks.
pub fn open_in_memory() -> AppResult<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    MIGRATIONS.to_latest(&mut conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> AppResult<()> {
    // WAL lets readers run while a write is in progress; NORMAL sync is durable across app crashes.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // SQLite's default page cache (2 MB) is enough: the file's pages stay in the system's cache,
    // and a rating no longer reads the whole role (practice.rs keeps the session's queue). The
    // 32 MB this was once set to stayed resident after a first start's install.
    conn.pragma_update(None, "cache_size", -2_000)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    fts::register(conn)?;
    Ok(())
}

/// SQLite's own default: after a commit leaves the WAL over this many pages, the committing
/// connection copies it back into the database file.
const WAL_AUTOCHECKPOINT_PAGES: i64 = 1000;

/// Runs a large write whose commit returns as soon as the WAL holds it. Copying the WAL back into
/// the database file (35 MB after a 10,000-question pack, about 180 ms in the benchmark) is then
/// queued on the checkpoint worker (`checkpoint.rs`), while the app already shows the result;
/// `checkpoint::settle` waits for it. The data is safe from the commit on: a crash before the
/// copy leaves it in the WAL, where the next open finds it.
pub fn write_then_checkpoint<T>(
    conn: &mut Connection,
    write: impl FnOnce(&mut Connection) -> AppResult<T>,
) -> AppResult<T> {
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    let result = write(conn);
    // Setting a pragma on an open connection does not fail in practice, and if it did, a write
    // that has committed must not be reported as failed: the checkpoint below still runs.
    let _ = conn.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES);
    let value = result?;
    if let Some(path) = conn.path().filter(|p| !p.is_empty()) {
        checkpoint::request(Path::new(path));
    }
    Ok(value)
}

/// `Ok` when SQLite reports "ok"; otherwise the first problem it lists.
fn quick_check(conn: &Connection) -> Result<(), String> {
    let result: Result<String, _> = conn.query_row("PRAGMA quick_check", [], |r| r.get(0));
    match result {
        Ok(s) if s == "ok" => Ok(()),
        Ok(s) => Err(s),
        Err(e) => Err(e.to_string()),
    }
}

pub fn schema_version(conn: &Connection) -> AppResult<usize> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(v as usize)
}

/// Brings a database to an earlier schema version: for tests that build old databases.
#[doc(hidden)]
pub fn migrate_to(conn: &mut Connection, version: usize) -> AppResult<()> {
    MIGRATIONS.to_version(conn, version)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn new_database_uses_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(dir.path()).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        assert_eq!(schema_version(&conn).unwrap(), latest_version());
    }

    #[test]
    fn a_large_write_commits_first_and_reaches_the_database_file_afterwards() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open(dir.path()).unwrap();
        let file_size = || std::fs::metadata(db_path(dir.path())).unwrap().len();
        let before = file_size();
        let text = "x".repeat(1000);
        write_then_checkpoint(&mut conn, |c| {
            let tx = c.transaction()?;
            for i in 0..2000 {
                tx.execute(
                    "INSERT INTO note(role_id, question_id, body, updated_at) VALUES ('r', ?1, ?2, '')",
                    (i.to_string(), &text),
                )?;
            }
            tx.commit()?;
            Ok(())
        })
        .unwrap();
        // Committed: another connection sees every row at once.
        let other = open(dir.path()).unwrap();
        let n: i64 = other
            .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2000);
        let auto: i64 = conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap();
        assert_eq!(auto, WAL_AUTOCHECKPOINT_PAGES);
        // Nothing else writes, so only the checkpoint worker can grow the file by the 2 MB.
        checkpoint::settle(&db_path(dir.path()));
        assert!(
            file_size() >= before + 2_000_000,
            "the WAL was not copied into the database file ({} bytes, {before} before)",
            file_size()
        );
    }

    #[test]
    fn a_failed_large_write_restores_the_checkpoint_setting() {
        let mut conn = open_in_memory().unwrap();
        let err = write_then_checkpoint(&mut conn, |_| -> AppResult<()> {
            Err(AppError::Invalid("refused".into()))
        });
        assert!(err.is_err());
        let auto: i64 = conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap();
        assert_eq!(auto, WAL_AUTOCHECKPOINT_PAGES);
    }

    #[test]
    fn database_of_every_earlier_schema_version_opens_and_upgrades() {
        for version in 0..latest_version() {
            let dir = tempfile::tempdir().unwrap();
            {
                let mut conn = Connection::open(db_path(dir.path())).unwrap();
                migrate_to(&mut conn, version).unwrap();
                seed_version(&conn, version);
            }
            let conn = open(dir.path()).unwrap();
            assert_eq!(schema_version(&conn).unwrap(), latest_version());
            check_seeded_data_survived(&conn, version);
        }
    }

    /// Writes a little data that each schema version can hold, so the upgrade is shown to keep it.
    fn seed_version(conn: &Connection, version: usize) {
        if (2..8).contains(&version) {
            conn.execute(
                "INSERT INTO review(role_id, question_id, rating, reviewed_at, seconds)
                 VALUES ('r', 'q', 3, '2026-01-02T10:00:00.000Z', 30)",
                [],
            )
            .unwrap();
        }
        if (3..8).contains(&version) {
            conn.execute(
                "INSERT INTO process(id, company, role_id, interview_date, created_at)
                 VALUES (7, 'Acme', 'r', '2026-12-01', '2026-01-01T00:00:00.000Z')",
                [],
            )
            .unwrap();
        }
        if version >= 1 {
            conn.execute(
                "INSERT INTO checklist_tick(role_id, item_id, ticked_at) VALUES ('r', 'i', '2026-01-01T00:00:00Z')",
                [],
            )
            .unwrap();
        }
        if (1..5).contains(&version) {
            // Search rows as versions before 5 numbered them: one after another, any pack.
            for (pack, hidden) in [("shown", 0), ("hid", 1)] {
                conn.execute(
                    "INSERT INTO pack(id, version, title, language, authors, license, sources, hidden, content_hash, installed_at, updated_at)
                     VALUES (?1, '1.0.0', ?1, 'en', '[]', 'CC0-1.0', '[]', ?2, '', '', '')",
                    (pack, hidden),
                )
                .unwrap();
                conn.execute(
                    "INSERT INTO role(id, pack_id, position, title, level, field, summary, content)
                     VALUES (?1 || '-role', ?1, 0, 'Role', 'Senior', 'Engineering', '', '{}')",
                    [pack],
                )
                .unwrap();
                conn.execute(
                    "INSERT INTO search_index(role_id, kind, item_id, title, body)
                     VALUES (?1 || '-role', 'question', 'q1', 'Design a ledger', 'append only')",
                    [pack],
                )
                .unwrap();
            }
        }
    }

    fn check_seeded_data_survived(conn: &Connection, version: usize) {
        if version >= 1 {
            let n: i64 = conn
                .query_row("SELECT count(*) FROM checklist_tick", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 1);
        }
        if (1..5).contains(&version) {
            let hits = crate::packs::store::search(conn, "ledger", 10).unwrap();
            let found: Vec<&str> = hits.iter().map(|h| h.role_id.as_str()).collect();
            assert_eq!(found, ["shown-role"], "from version {version}");
            let numbered: i64 = conn
                .query_row(
                    "SELECT count(*) FROM search_index s JOIN role r ON r.id = s.role_id
                     JOIN pack p ON p.id = r.pack_id WHERE s.rowid >> 32 = p.seq AND p.seq > 0",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(numbered, 2, "from version {version}");
        }
        let hash: i64 = conn
            .query_row(
                "SELECT v FROM search_index_config WHERE k = 'hashsize'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hash, 32 << 20, "from version {version}");
        // 007: a posting belongs to its process and goes when the process goes.
        conn.execute(
            "INSERT INTO process(id, company, role_id, interview_date, created_at)
             VALUES (900, 'Acme', 'r', '2026-12-01', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO process_posting(process_id, text, saved_at)
             VALUES (900, 'Rust and Kafka', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
        conn.execute("DELETE FROM process WHERE id = 900", [])
            .unwrap();
        let left: i64 = conn
            .query_row("SELECT count(*) FROM process_posting", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "from version {version}");
        // 008: ratings and processes made before it get an id from what they are, the same on
        // every device; new ones get a random id.
        if (2..8).contains(&version) {
            let uid: String = conn
                .query_row("SELECT uid FROM review", [], |r| r.get(0))
                .unwrap();
            assert_eq!(
                uid, "legacy:r/q@2026-01-02T10:00:00.000Z",
                "from version {version}"
            );
        }
        if (3..8).contains(&version) {
            let (uid, updated): (String, String) = conn
                .query_row(
                    "SELECT uid, updated_at FROM process WHERE id = 7",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(
                uid, "legacy:r@2026-01-01T00:00:00.000Z",
                "from version {version}"
            );
            assert_eq!(
                updated, "2026-01-01T00:00:00.000Z",
                "from version {version}"
            );
        }
        conn.execute(
            "INSERT INTO review(role_id, question_id, rating, reviewed_at, seconds)
             VALUES ('r', 'q', 4, '2026-01-03T10:00:00.000Z', 30)",
            [],
        )
        .unwrap();
        let fresh: String = conn
            .query_row(
                "SELECT uid FROM review WHERE reviewed_at = '2026-01-03T10:00:00.000Z'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(fresh.len(), 32, "a random id for a new rating: {fresh}");
    }

    #[test]
    fn damaged_database_is_reported_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = db_path(dir.path());
        std::fs::write(&path, b"this is not a database, it is a grocery list").unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = open(dir.path()).unwrap_err();
        assert_eq!(err.kind(), "unavailable");
        assert!(err.to_string().contains(&path.display().to_string()));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn corrupted_page_fails_quick_check_with_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        {
            let conn = open(dir.path()).unwrap();
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
            for i in 0..2000 {
                conn.execute(
                    "INSERT INTO checklist_tick(role_id, item_id, ticked_at) VALUES (?1, ?2, 'x')",
                    (format!("role-{i}"), format!("item-{i}")),
                )
                .unwrap();
            }
        }
        let path = db_path(dir.path());
        let mut bytes = std::fs::read(&path).unwrap();
        // Scribble over the middle of the file, past the header, where table pages live.
        let mid = bytes.len() / 2;
        for b in &mut bytes[mid..mid + 3000] {
            *b = 0xA5;
        }
        std::fs::write(&path, &bytes).unwrap();
        let err = open(dir.path()).unwrap_err();
        assert_eq!(err.kind(), "unavailable", "{err}");
        assert!(err.to_string().contains("damaged") || err.to_string().contains("cannot"));
    }
}
