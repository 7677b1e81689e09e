//! The data folder on a small filesystem that fills up, and then goes read-only: every write
//! returns a clear error, nothing already stored is lost, reading keeps working, and writing
//! works again once space (or write access) returns.
//!
//! The filesystem is a size-limited tmpfs mounted in a private mount namespace (`unshare`): as
//! root directly, otherwise inside a user namespace where this process is root. The child
//! process does the work; the parent only starts it and reports what it printed.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use chrono::{NaiveDate, Utc};
use prep_hub_lib::error::AppError;
use prep_hub_lib::packs::{builtin, sample, store};
use prep_hub_lib::progress::practice::{self, Queues, Scope, ScopeKind};
use prep_hub_lib::settings::{Settings, Theme};
use prep_hub_lib::storage::{self, copies};
use prep_hub_lib::{files, progress::backup, settings_store};
use rusqlite::Connection;

const DIR_ENV: &str = "PREP_HUB_DISK_TEST_DIR";
const ROLE: &str = "senior-backend-developer";

#[test]
fn a_full_then_read_only_disk_loses_nothing_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let child = [
        exe.to_str().unwrap(),
        "--exact",
        "child_on_a_small_disk",
        "--nocapture",
        "--test-threads=1",
    ];
    let root = unsafe { libc::geteuid() } == 0;
    let mut cmd = Command::new("unshare");
    if root {
        cmd.args(["--mount", "--propagation", "private"]);
    } else {
        cmd.args(["--user", "--map-root-user", "--mount"]);
    }
    let out = cmd
        .args(child)
        .env(DIR_ENV, dir.path())
        .output()
        .expect("unshare (util-linux) runs the test in a private mount namespace");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let tail: String = text
        .lines()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        out.status.success() && text.contains("disk trouble: all checks passed"),
        "the small-disk child failed ({}):\n{tail}",
        out.status
    );
    println!(
        "{}",
        text.lines()
            .filter(|l| l.starts_with("disk trouble"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn mount(args: &[&str]) {
    let status = Command::new("mount").args(args).status().expect("mount");
    assert!(status.success(), "mount {args:?} failed");
}

fn is_disk_error(e: &AppError, what: &str) -> bool {
    let text = e.to_string();
    (text.contains("full") || text.contains("read-only") || text.contains("could not be written"))
        && !text.is_empty()
        || panic!("{what}: an unclear error: {} ({text})", e.kind())
}

fn counts(conn: &Connection) -> (i64, i64) {
    let n = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (
        n("SELECT count(*) FROM review"),
        n("SELECT count(*) FROM checklist_tick"),
    )
}

/// Every kind of write the app makes, each returning its error.
fn try_every_write(
    conn: &mut Connection,
    data: &Path,
    session: i64,
) -> Vec<(&'static str, Result<(), AppError>)> {
    let now = Utc::now();
    let item: String = conn
        .query_row(
            "SELECT json_extract(content, '$.checklist[1].id') FROM role WHERE id = ?1",
            [ROLE],
            |r| r.get(0),
        )
        .unwrap();
    let dark = Settings {
        theme: Theme::Dark,
        ..Settings::default()
    };
    let doc = backup::export(conn, None, now).unwrap();
    vec![
        (
            "a rating",
            practice::rate(
                conn,
                &mut Queues::default(),
                session,
                ROLE,
                "owned-system-walkthrough",
                3,
                5,
                now,
            )
            .map(|_| ()),
        ),
        (
            "a checklist tick",
            store::set_checklist_tick(conn, ROLE, &item, true),
        ),
        (
            "a pack install",
            store::install(conn, &sample::pack("big", "1.0.0", 1, 500), false, true).map(|_| ()),
        ),
        ("the settings", settings_store::save(data, &dark)),
        (
            "a progress import",
            backup::import(conn, &doc, backup::Mode::Replace).map(|_| ()),
        ),
        (
            "an export file",
            files::write_atomic(&data.join("export.json"), &vec![b'x'; 4 << 20]),
        ),
        (
            "the daily copy",
            copies::rolling_backup(
                conn,
                data,
                NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
                true,
            )
            .map(|_| ()),
        ),
    ]
}

/// The child's side, inside the mount namespace.
#[test]
fn child_on_a_small_disk() {
    let Ok(base) = std::env::var(DIR_ENV) else {
        return;
    };
    let disk = Path::new(&base).join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    mount(&[
        "-t",
        "tmpfs",
        "-o",
        "size=160m",
        "tmpfs",
        disk.to_str().unwrap(),
    ]);
    let data = disk.join("data");

    let mut conn = storage::open(&data).unwrap();
    builtin::ensure_builtin(&mut conn).unwrap();
    let scope = Scope {
        kind: ScopeKind::All,
        value: None,
    };
    let session = practice::start(&conn, &mut Queues::default(), ROLE, &scope, Utc::now())
        .unwrap()
        .session_id;
    practice::rate(
        &mut conn,
        &mut Queues::default(),
        session,
        ROLE,
        "subscription-api-design",
        3,
        5,
        Utc::now(),
    )
    .unwrap();
    let first_item: String = conn
        .query_row(
            "SELECT json_extract(content, '$.checklist[0].id') FROM role WHERE id = ?1",
            [ROLE],
            |r| r.get(0),
        )
        .unwrap();
    store::set_checklist_tick(&conn, ROLE, &first_item, true).unwrap();
    settings_store::save(&data, &Settings::default()).unwrap();
    copies::rolling_backup(
        &conn,
        &data,
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        false,
    )
    .unwrap();
    let before = counts(&conn);

    // Fill the disk to the last byte, with the WAL emptied first: otherwise a small write can
    // reuse the WAL's old frames and rightly succeed.
    storage::checkpoint::settle(&storage::db_path(&data));
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let filler_path = disk.join("filler");
    let mut filler = std::fs::File::create(&filler_path).unwrap();
    let block = vec![0u8; 1 << 16];
    while filler.write_all(&block).is_ok() {}
    while filler.write_all(&[0]).is_ok() {}
    drop(filler);

    let mut refused = 0;
    for (what, result) in try_every_write(&mut conn, &data, session) {
        match result {
            Ok(()) => panic!("{what} succeeded on a full disk"),
            Err(e) => {
                assert!(is_disk_error(&e, what));
                println!("disk trouble: full disk, {what}: {e}");
                refused += 1;
            }
        }
    }
    // Nothing already stored is lost, and reading works.
    assert_eq!(
        counts(&conn),
        before,
        "a refused write changed what was stored"
    );
    assert_eq!(store::list_roles(&conn).unwrap().len(), 16);
    assert!(!store::search(&conn, "idempotency", 10).unwrap().is_empty());
    assert_eq!(settings_store::load(&data), (Settings::default(), None));
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");

    // Space returns: the same writes succeed.
    std::fs::remove_file(&filler_path).unwrap();
    for (what, result) in try_every_write(&mut conn, &data, session) {
        result.unwrap_or_else(|e| panic!("{what} still fails after space returned: {e}"));
    }
    let after_space = counts(&conn);

    // Read-only: the app starts on it, shows everything, refuses writes clearly, and works
    // again after a remount. (A mount with files open for writing cannot turn read-only, so
    // this is the app started again on a disk that became read-only.)
    storage::checkpoint::settle(&storage::db_path(&data));
    drop(conn);
    mount(&["-o", "remount,ro", disk.to_str().unwrap()]);
    let mut conn = storage::open(&data).expect("a read-only data folder opens for reading");
    assert!(conn.is_readonly(rusqlite::MAIN_DB).unwrap());
    for (what, result) in try_every_write(&mut conn, &data, session) {
        match result {
            Ok(()) => panic!("{what} succeeded on a read-only disk"),
            Err(e) => {
                assert!(
                    is_disk_error(&e, what) || e.to_string().contains("ermission"),
                    "{what}: {e}"
                );
                println!("disk trouble: read-only disk, {what}: {e}");
                refused += 1;
            }
        }
    }
    assert_eq!(counts(&conn), after_space);
    assert_eq!(
        store::list_roles(&conn).unwrap().len(),
        17,
        "16 built in and the test pack"
    );
    assert_eq!(settings_store::load(&data).1, None);
    drop(conn);
    mount(&["-o", "remount,rw", disk.to_str().unwrap()]);
    let mut conn = storage::open(&data).unwrap();
    for (what, result) in try_every_write(&mut conn, &data, session) {
        result.unwrap_or_else(|e| panic!("{what} still fails after write access returned: {e}"));
    }
    drop(conn);
    let conn = storage::open(&data).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    println!("disk trouble: {refused} writes refused with a clear error, none lost anything");
    println!("disk trouble: all checks passed");
}
