//! SIGKILL at chosen and at arbitrary moments across every kind of write the app makes besides
//! installs and ratings (those have their own tests): a pack update over existing progress, the
//! daily copy, restoring a copy, importing a progress backup, and writing the settings. After
//! each kill: the database opens and passes `integrity_check`, every acknowledged write is
//! there, nothing half-done is visible, and the settings read.

mod common;

use std::path::Path;
use std::time::Duration;

use chrono::{NaiveDate, TimeZone, Utc};
use common::Pause;
use prep_hub_lib::packs::{builtin, sample, store};
use prep_hub_lib::progress::backup::{self, Mode};
use prep_hub_lib::progress::practice::{self, Queues, Scope, ScopeKind};
use prep_hub_lib::settings::Settings;
use prep_hub_lib::settings_store;
use prep_hub_lib::storage::{self, copies};
use rusqlite::Connection;
use serde_json::Value;

const DIR_ENV: &str = "PREP_HUB_KILL_ALL_DIR";
const OP_ENV: &str = "PREP_HUB_KILL_ALL_OP";

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn integrity(dir: &Path, what: &str) -> Connection {
    let conn =
        storage::open(dir).unwrap_or_else(|e| panic!("{what}: the database does not open: {e}"));
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok", "{what}");
    conn
}

/// Each update has its own question count, so a half-written one would show.
fn update_version(major: u64) -> prep_hub_lib::packs::Pack {
    sample::pack(
        "upd",
        &format!("{major}.0.0"),
        1,
        300 + (major as usize % 3) * 50,
    )
}

/// The numbers a child printed after `marker`, in order.
fn acks(lines: &[String], marker: &str) -> Vec<u64> {
    lines
        .iter()
        .filter_map(|l| common::after(l, marker)?.split(' ').next()?.parse().ok())
        .collect()
}

/// The fewest progress steps any acknowledged operation took before its commit.
fn fewest_steps(lines: &[String]) -> u64 {
    lines
        .iter()
        .filter_map(|l| common::after(l, " steps ")?.trim().parse().ok())
        .min()
        .expect("the child finished an operation")
}

/// The child's side: runs one kind of write in a loop, printing each acknowledgement.
#[test]
fn child_writer_process() {
    let (Ok(dir), Ok(op)) = (std::env::var(DIR_ENV), std::env::var(OP_ENV)) else {
        return;
    };
    let dir = Path::new(&dir);
    if op == "settings" {
        for k in 1u32.. {
            let mut s = Settings::default();
            s.weekday_minutes[0] = k % 900;
            settings_store::save(dir, &s).unwrap();
            println!("saved {k}");
        }
    }
    let mut conn = storage::open(dir).unwrap();
    let point = common::PausePoint::install(&conn, Pause::from_env());
    match op.as_str() {
        "update" => {
            let start = store::installed_version(&conn, "upd")
                .unwrap()
                .and_then(|v| store::parse_version(&v))
                .unwrap()
                .0;
            for major in start + 1.. {
                point.arm();
                store::install(&mut conn, &update_version(major), false, false).unwrap();
                let (steps, _) = point.disarm();
                println!("updated {major} steps {steps}");
            }
        }
        "import" => {
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join("export.json")).unwrap())
                    .unwrap();
            for n in 1u64.. {
                let mode = if n % 2 == 0 {
                    Mode::Merge
                } else {
                    Mode::Replace
                };
                point.arm();
                backup::import(&mut conn, &doc, mode).unwrap();
                let (steps, _) = point.disarm();
                println!("imported {n} steps {steps}");
            }
        }
        "copy" => {
            for n in 0u64.. {
                let day = NaiveDate::from_ymd_opt(2026, 12, 1 + (n % 20) as u32).unwrap();
                copies::rolling_backup(&conn, dir, day, true).unwrap();
                println!("copied {n}");
            }
        }
        "restore" => {
            for n in 0u64.. {
                store::set_checklist_tick(
                    &conn,
                    "senior-backend-developer",
                    &first_item(&conn),
                    true,
                )
                .unwrap();
                println!("ticked {n}");
                let now = Utc.timestamp_opt(1_800_000_000 + n as i64, 0).unwrap();
                copies::restore(&mut conn, dir, "prep-hub-2026-12-01.sqlite3", now).unwrap();
                println!("restored {n}");
            }
        }
        other => panic!("unknown operation {other}"),
    }
}

fn first_item(conn: &Connection) -> String {
    conn.query_row(
        "SELECT json_extract(content, '$.checklist[0].id') FROM role WHERE id = 'senior-backend-developer'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// The pauses of a run: inside the operation at spread-out steps, at its commit, and at
/// arbitrary moments once it is under way.
fn schedule(steps: u64, at_steps: u64, at_commit: u64, timed: u64) -> Vec<Pause> {
    let mut out: Vec<Pause> = (0..at_steps)
        .map(|i| Pause::Step {
            op: 1 + i % 3,
            k: 1 + steps.saturating_sub(2) * i / (at_steps - 1).max(1),
        })
        .collect();
    out.extend((0..at_commit).map(|i| Pause::Commit { op: 1 + i % 3 }));
    out.extend((0..timed).map(|_| Pause::Never));
    out
}

fn run(dir: &Path, op: &str, pause: Pause, first: &str, round: usize) -> common::Killed {
    let delay = Duration::from_millis((round as u64 * 37) % 150);
    common::run_and_kill(
        "child_writer_process",
        &[(DIR_ENV, dir.to_str().unwrap()), (OP_ENV, op)],
        pause,
        first,
        delay,
    )
}

#[test]
fn killing_pack_updates_keeps_one_whole_version_and_the_progress_on_it() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = storage::open(dir.path()).unwrap();
        store::install(&mut conn, &update_version(1), false, false).unwrap();
        let scope = Scope {
            kind: ScopeKind::All,
            value: None,
        };
        let now = Utc::now();
        let step =
            practice::start(&conn, &mut Queues::default(), "upd-role-0", &scope, now).unwrap();
        // Ratings on the first ten questions, which every version keeps.
        for q in 0..10 {
            practice::rate(
                &mut conn,
                &mut Queues::default(),
                step.session_id,
                "upd-role-0",
                &format!("q{q}"),
                3,
                5,
                now,
            )
            .unwrap();
        }
    }
    // Calibration: steps of an update before it commits, by SQLite's count.
    let first = run(dir.path(), "update", Pause::Commit { op: 4 }, "updated", 0);
    let acked = acks(&first.lines, "updated ");
    assert_eq!(acked.len(), 3, "calibration: {:?}", first.lines);
    integrity(dir.path(), "calibration");
    let steps = fewest_steps(&first.lines);
    let mut current = *acked.last().unwrap();
    let rounds = schedule(steps, 20, 10, 20);
    for (round, pause) in rounds.iter().enumerate() {
        let killed = run(dir.path(), "update", *pause, "updated", round);
        if *pause != Pause::Never {
            assert!(
                killed.paused,
                "round {round}: never reached {pause:?}: {:?}",
                killed.lines.last()
            );
        }
        let acked = acks(&killed.lines, "updated ")
            .last()
            .copied()
            .unwrap_or(current);
        let conn = integrity(dir.path(), &format!("update round {round}"));
        let version = store::installed_version(&conn, "upd").unwrap().unwrap();
        let major = store::parse_version(&version).unwrap().0;
        if *pause == Pause::Never {
            assert!(
                major == acked || major == acked + 1,
                "round {round}: acknowledged {acked}, found {major}"
            );
        } else {
            assert_eq!(
                major, acked,
                "round {round} ({pause:?}): the killed update left a trace"
            );
        }
        let questions = count(&conn, "SELECT count(*) FROM question");
        assert_eq!(
            questions as usize,
            300 + (major as usize % 3) * 50,
            "round {round}: version {major}"
        );
        assert_eq!(
            count(&conn, "SELECT count(*) FROM review WHERE question_id IN ('q0','q1','q2','q3','q4','q5','q6','q7','q8','q9')"),
            10,
            "round {round}: ratings on kept questions were lost"
        );
        current = major;
    }
    println!("{} kills during pack updates", rounds.len() + 1);
}

#[test]
fn killing_progress_imports_leaves_the_backup_in_or_out_whole() {
    let dir = tempfile::tempdir().unwrap();
    let reviews;
    {
        let mut source = storage::open_in_memory().unwrap();
        builtin::ensure_builtin(&mut source).unwrap();
        let scope = Scope {
            kind: ScopeKind::All,
            value: None,
        };
        let now = Utc::now();
        let mut step = practice::start(
            &source,
            &mut Queues::default(),
            "senior-backend-developer",
            &scope,
            now,
        )
        .unwrap();
        for _ in 0..12 {
            let Some(q) = step.question.take() else { break };
            let id = q["question_id"].as_str().unwrap().to_string();
            step = practice::rate(
                &mut source,
                &mut Queues::default(),
                step.session_id,
                "senior-backend-developer",
                &id,
                3,
                5,
                now,
            )
            .unwrap()
            .step;
        }
        reviews = count(&source, "SELECT count(*) FROM review");
        let doc = backup::export(&source, None, now).unwrap();
        std::fs::create_dir_all(dir.path()).unwrap();
        std::fs::write(dir.path().join("export.json"), doc.to_string()).unwrap();
        let mut conn = storage::open(dir.path()).unwrap();
        builtin::ensure_builtin(&mut conn).unwrap();
    }
    assert!(reviews > 0);
    let first = run(dir.path(), "import", Pause::Commit { op: 3 }, "imported", 0);
    let steps = fewest_steps(&first.lines);
    assert_eq!(
        count(
            &integrity(dir.path(), "calibration"),
            "SELECT count(*) FROM review"
        ),
        reviews
    );
    let rounds = schedule(steps, 20, 10, 20);
    for (round, pause) in rounds.iter().enumerate() {
        let killed = run(dir.path(), "import", *pause, "imported", round);
        if *pause != Pause::Never {
            assert!(
                killed.paused,
                "round {round}: never reached {pause:?}: {:?}",
                killed.lines.last()
            );
        }
        let conn = integrity(dir.path(), &format!("import round {round}"));
        // Every import brings the same reviews (replace, or a merge that finds them all): a
        // killed one leaves exactly those, never some removed and not yet added back.
        let n = count(&conn, "SELECT count(*) FROM review");
        assert_eq!(
            n, reviews,
            "round {round} ({pause:?}): {n} reviews, {reviews} imported"
        );
    }
    println!("{} kills during progress imports", rounds.len() + 1);
}

#[test]
fn killing_daily_copies_never_leaves_a_broken_copy_under_a_real_name() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = storage::open(dir.path()).unwrap();
        builtin::ensure_builtin(&mut conn).unwrap();
    }
    let rounds = 50;
    for round in 0..rounds {
        run(dir.path(), "copy", Pause::Never, "copied", round);
        integrity(dir.path(), &format!("copy round {round}"));
        for copy in copies::list_backups(dir.path()).unwrap() {
            let path = copies::backup_dir(dir.path()).join(&copy.file);
            let c = Connection::open(&path).unwrap();
            let ok: String = c.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
            assert_eq!(ok, "ok", "round {round}: {} is damaged", copy.file);
        }
    }
    println!("{rounds} kills during daily copies");
}

#[test]
fn killing_a_restore_leaves_the_old_state_or_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = storage::open(dir.path()).unwrap();
        builtin::ensure_builtin(&mut conn).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        copies::rolling_backup(&conn, dir.path(), day, true).unwrap();
    }
    let rounds = 50;
    for round in 0..rounds {
        run(dir.path(), "restore", Pause::Never, "ticked", round);
        let conn = integrity(dir.path(), &format!("restore round {round}"));
        // The copy has no tick; the state before each restore has one.
        let ticks = count(&conn, "SELECT count(*) FROM checklist_tick");
        assert!(
            ticks <= 1,
            "round {round}: {ticks} ticks: a mix of two states"
        );
        let roles = count(&conn, "SELECT count(*) FROM role");
        assert!(
            roles >= 16,
            "round {round}: {roles} roles after a killed restore"
        );
        for entry in std::fs::read_dir(copies::backup_dir(dir.path())).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "sqlite3") {
                let c = Connection::open(&path).unwrap();
                let ok: String = c.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
                assert_eq!(ok, "ok", "round {round}: {} is damaged", path.display());
            }
        }
    }
    println!("{rounds} kills during restores");
}

#[test]
fn killing_settings_writes_always_leaves_readable_settings() {
    let dir = tempfile::tempdir().unwrap();
    let rounds = 60;
    let mut last = 0u32;
    for round in 0..rounds {
        let killed = run(dir.path(), "settings", Pause::Never, "saved", round);
        let acked = acks(&killed.lines, "saved ")
            .last()
            .map(|&k| k as u32 % 900);
        let (settings, warning) = settings_store::load(dir.path());
        assert_eq!(
            warning, None,
            "round {round}: the settings could not be read"
        );
        let got = settings.weekday_minutes[0];
        if let Some(k) = acked {
            assert!(
                got == k || got == (k + 1) % 900,
                "round {round}: acknowledged {k}, read {got}"
            );
            last = k;
        } else {
            assert!(
                got == last || got == 1 || got == Settings::default().weekday_minutes[0],
                "round {round}: read {got}"
            );
        }
    }
    println!("{rounds} kills during settings writes");
}
