//! An install killed part-way leaves the previous state: a child process installs pack versions
//! in a loop and is killed with SIGKILL at varying moments, many times over.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::{Duration, Instant};

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
    let start: u64 = store::installed_version(&conn, "kill")
        .unwrap()
        .and_then(|v| store::parse_version(&v))
        .map(|v| v.0)
        .unwrap_or(0);
    for major in start + 1.. {
        store::install(&mut conn, &pack_version(major), false, false).unwrap();
        println!("installed {major}");
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

#[test]
fn killing_an_install_midway_leaves_the_previous_version_whole() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = storage::open(dir.path()).unwrap();
        store::install(&mut conn, &pack_version(1), false, false).unwrap();
    }
    let mut acknowledged = 1;
    let rounds = 25;
    let mut kills_mid_install = 0;
    for round in 0..rounds {
        let mut child = common::spawn_child_test("child_installer_process", CHILD_ENV, dir.path());
        // Let it get through 0..2 installs, then kill it at a varying moment within the next.
        let stdout = child.stdout.take().unwrap();
        let wanted_acks = round % 3;
        let delay = Duration::from_millis(20 + (round as u64 * 37) % 180);
        let reader = std::thread::spawn(move || {
            let mut acks = Vec::new();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(v) = line.strip_prefix("installed ") {
                    acks.push(v.parse::<u64>().unwrap());
                }
            }
            acks
        });
        let started = Instant::now();
        std::thread::sleep(delay + Duration::from_millis(wanted_acks as u64 * 250));
        child.kill().unwrap();
        child.wait().unwrap();
        let acks = reader.join().unwrap();
        let _ = started;
        if let Some(last) = acks.last() {
            acknowledged = *last;
        }
        let installed = check_consistent(dir.path());
        assert!(
            installed >= acknowledged,
            "round {round}: acknowledged install {acknowledged} was lost (database has {installed})"
        );
        if installed == acknowledged {
            kills_mid_install += 1;
        }
        acknowledged = installed;
    }
    // Most kills must have landed inside an install for the test to mean anything.
    assert!(
        kills_mid_install >= rounds / 2,
        "only {kills_mid_install} of {rounds} kills interrupted an install"
    );
}
