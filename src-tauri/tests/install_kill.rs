//! An install killed part-way leaves the previous state: a child process installs pack versions
//! in a loop and is killed with SIGKILL at varying moments, many times over.

mod common;

use std::path::Path;
use std::time::Duration;

use prep_hub_lib::packs::{sample, store};
use prep_hub_lib::storage;
use rusqlite::Connection;

const CHILD_ENV: &str = "PREP_HUB_KILL_TEST_DIR";

/// Each version has its own question count, so a half-written install would show.
fn questions_for(major: u64) -> usize {
    1500 + (major as usize % 4) * 250
}

fn pack_version(major: u64) -> prep_hub_lib::packs::Pack {
    sample::pack("kill", &format!("{major}.0.0"), 1, questions_for(major))
}

/// The child's side: not a test of its own. Without the variable it has nothing to do.
#[test]
fn child_installer_process() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut conn = storage::open(Path::new(&dir)).unwrap();
    let point = common::PausePoint::install(&conn, common::Pause::from_env());
    let start: u64 = store::installed_version(&conn, "kill")
        .unwrap()
        .and_then(|v| store::parse_version(&v))
        .map(|v| v.0)
        .unwrap_or(0);
    for major in start + 1.. {
        println!("begin {major}");
        point.arm();
        store::install(&mut conn, &pack_version(major), false, false).unwrap();
        let (steps, commits) = point.disarm();
        println!("installed {major} steps {steps} commits {commits}");
    }
}

fn check_consistent(dir: &Path) -> u64 {
    let conn: Connection = storage::open(dir).expect("database opens after a kill");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let version = store::installed_version(&conn, "kill").unwrap().unwrap();
    let major = store::parse_version(&version).unwrap().0;
    let questions: i64 = conn
        .query_row("SELECT count(*) FROM question", [], |r| r.get(0))
        .unwrap();
    let indexed: i64 = conn
        .query_row(
            "SELECT count(*) FROM search_index WHERE kind = 'question'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        questions as usize,
        questions_for(major),
        "version {version}"
    );
    assert_eq!(indexed, questions, "search index matches version {version}");
    major
}

/// The installs a child acknowledged, and the step count of each.
fn acknowledged(lines: &[String]) -> Vec<(u64, u64)> {
    lines
        .iter()
        .filter_map(|l| {
            let rest = common::after(l, "installed ")?;
            let mut it = rest.split(' ');
            let major = it.next()?.parse().ok()?;
            let steps = it.nth(1)?.parse().ok()?;
            Some((major, steps))
        })
        .collect()
}

#[test]
fn killing_an_install_midway_leaves_the_previous_version_whole() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = storage::open(dir.path()).unwrap();
        store::install(&mut conn, &pack_version(1), false, false).unwrap();
    }
    let dir_text = dir.path().to_str().unwrap();
    let envs = [(CHILD_ENV, dir_text)];
    // Calibration: how many progress steps an install takes before it commits, counted by
    // SQLite, not by a clock; the smallest of four versions (their sizes differ).
    let first = common::run_and_kill(
        "child_installer_process",
        &envs,
        common::Pause::Commit { op: 5 },
        "installed",
        Duration::ZERO,
    );
    let acks = acknowledged(&first.lines);
    assert_eq!(acks.len(), 4, "calibration: {:?}", first.lines);
    let steps = acks.iter().map(|a| a.1).min().unwrap();
    assert!(steps > 20, "an install took only {steps} progress steps");
    let mut current = check_consistent(dir.path());

    // Stops inside the install at points spread over it, at its commit, and at arbitrary moments.
    let mut rounds: Vec<common::Pause> = (0..12)
        .map(|i| common::Pause::Step {
            op: 1 + i % 2,
            k: 1 + (steps - 2) * i / 11,
        })
        .collect();
    rounds.extend((1..=4).map(|op| common::Pause::Commit { op }));
    rounds.extend([common::Pause::Never; 9]);
    let mut paused = 0;
    for (round, pause) in rounds.iter().enumerate() {
        let delay = Duration::from_millis((round as u64 * 37) % 180);
        let killed = common::run_and_kill("child_installer_process", &envs, *pause, "begin", delay);
        let acks = acknowledged(&killed.lines);
        let acknowledged = acks.last().map_or(current, |a| a.0);
        let installed = check_consistent(dir.path());
        if *pause == common::Pause::Never {
            assert!(
                installed == acknowledged || installed == acknowledged + 1,
                "round {round}: acknowledged install {acknowledged}, the database has {installed}"
            );
        } else {
            assert!(
                killed.paused,
                "round {round}: the child never reached {pause:?}; it printed {:?}",
                killed.lines
            );
            paused += 1;
            // Stopped before its commit: the install in progress must have left no trace.
            assert_eq!(
                installed, acknowledged,
                "round {round} ({pause:?}): the killed install changed the database"
            );
        }
        current = installed;
    }
    println!(
        "{} kills, {paused} of them at a chosen point inside an install",
        rounds.len()
    );
}
