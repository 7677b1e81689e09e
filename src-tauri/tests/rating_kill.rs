//! Every acknowledged rating survives a kill: a child process rates questions as fast as it
//! can, printing each review id once `rate` has returned; the parent kills it with SIGKILL at
//! varying moments, many times, then checks the database.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use prep_hub_lib::packs::builtin;
use prep_hub_lib::progress::practice::{self, Scope, ScopeKind};
use prep_hub_lib::storage;

const CHILD_ENV: &str = "PREP_HUB_RATING_KILL_DIR";
const ROLE: &str = "senior-backend-developer";

/// The child's side: not a test of its own. Without the variable it has nothing to do.
#[test]
fn child_rating_process() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut conn = storage::open(Path::new(&dir)).unwrap();
    let scope = Scope {
        kind: ScopeKind::All,
        value: None,
    };
    let mut rating = 0u8;
    loop {
        let mut step = practice::start(&conn, ROLE, &scope, Utc::now()).unwrap();
        while let Some(q) = step.question.take() {
            rating = rating % 4 + 1;
            let question = q["question_id"].as_str().unwrap().to_string();
            let rated = practice::rate(
                &mut conn,
                step.session_id,
                ROLE,
                &question,
                rating,
                1,
                Utc::now(),
            )
            .unwrap();
            println!("rated {}", rated.review_id);
            step = rated.step;
        }
    }
}

#[test]
fn killing_the_app_during_a_burst_of_ratings_loses_no_acknowledged_rating() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = storage::open(dir.path()).unwrap();
        builtin::ensure_builtin(&mut conn).unwrap();
    }
    let mut acknowledged: HashSet<i64> = HashSet::new();
    let rounds = 20;
    for round in 0..rounds {
        let mut child = common::spawn_child_test("child_rating_process", CHILD_ENV, dir.path());
        let stdout = child.stdout.take().unwrap();
        let (first, rated) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut acks = Vec::new();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(id) = line.strip_prefix("rated ") {
                    acks.push(id.parse::<i64>().unwrap());
                    let _ = first.send(());
                }
            }
            acks
        });
        // The kill lands mid-burst: only once ratings flow, however long the child took to start
        // on a busy machine, and then after a different delay each round.
        let started = rated.recv_timeout(Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(20 + (round as u64 * 53) % 400));
        child.kill().unwrap();
        child.wait().unwrap();
        let acks = reader.join().unwrap();
        assert!(
            started.is_ok() && !acks.is_empty(),
            "round {round}: the child rated nothing within a minute"
        );
        acknowledged.extend(acks);

        let conn = storage::open(dir.path()).expect("database opens after a kill");
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "round {round}");
        let stored: HashSet<i64> = conn
            .prepare("SELECT id FROM review")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let lost: Vec<_> = acknowledged.difference(&stored).collect();
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged ratings lost: {lost:?}"
        );
        // Every rated question has a card that agrees with its reviews.
        let orphans: i64 = conn
            .query_row(
                "SELECT count(*) FROM (SELECT DISTINCT role_id, question_id FROM review) r
                  WHERE NOT EXISTS (SELECT 1 FROM card c WHERE c.role_id = r.role_id AND c.question_id = r.question_id)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0, "round {round}: a review without its card");
    }
}
