//! Every acknowledged rating survives a kill: a child process rates questions as fast as it
//! can, printing each review id once `rate` has returned; the parent kills it with SIGKILL at
//! varying moments, many times, then checks the database.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use common::Pause;
use prep_hub_lib::packs::builtin;
use prep_hub_lib::progress::practice::{self, Queues, Scope, ScopeKind};
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
    let point = common::PausePoint::install(&conn, common::Pause::from_env());
    let scope = Scope {
        kind: ScopeKind::All,
        value: None,
    };
    let mut rating = 0u8;
    let mut queues = Queues::default();
    loop {
        let mut step = practice::start(&conn, &mut queues, ROLE, &scope, Utc::now()).unwrap();
        while let Some(q) = step.question.take() {
            rating = rating % 4 + 1;
            let question = q["question_id"].as_str().unwrap().to_string();
            point.arm();
            let rated = practice::rate(
                &mut conn,
                &mut queues,
                step.session_id,
                ROLE,
                &question,
                rating,
                1,
                Utc::now(),
            )
            .unwrap();
            let (steps, _) = point.disarm();
            println!("rated {} steps {steps}", rated.review_id);
            step = rated.step;
        }
    }
}

fn ratings_printed(lines: &[String]) -> Vec<(i64, u64)> {
    lines
        .iter()
        .filter_map(|l| {
            let mut it = common::after(l, "rated ")?.split(' ');
            let id = it.next()?.parse().ok()?;
            let steps = it.nth(1)?.parse().ok()?;
            Some((id, steps))
        })
        .collect()
}

#[test]
fn killing_the_app_during_a_burst_of_ratings_loses_no_acknowledged_rating() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = storage::open(dir.path()).unwrap();
        builtin::ensure_builtin(&mut conn).unwrap();
    }
    let dir_text = dir.path().to_str().unwrap();
    let envs = [(CHILD_ENV, dir_text)];
    let mut acknowledged: HashSet<i64> = HashSet::new();
    // Calibration: the progress steps a rating takes before it commits.
    let first = common::run_and_kill(
        "child_rating_process",
        &envs,
        Pause::Commit { op: 6 },
        "rated",
        Duration::ZERO,
    );
    let acks = ratings_printed(&first.lines);
    assert_eq!(acks.len(), 5, "calibration: {:?}", first.lines);
    let steps = acks.iter().map(|a| a.1).min().unwrap().max(1);
    acknowledged.extend(acks.iter().map(|a| a.0));

    // Stops inside a rating (at a step, at its commit) at different points of a burst, and
    // kills at arbitrary moments once ratings flow.
    let mut rounds: Vec<Pause> = (0..8)
        .map(|i| Pause::Step {
            op: 1 + i * 7,
            k: 1 + (steps - 1) * i / 7,
        })
        .collect();
    rounds.extend((0..6).map(|i| Pause::Commit { op: 1 + i * 11 }));
    rounds.extend([Pause::Never; 8]);
    for (round, pause) in rounds.iter().enumerate() {
        let delay = Duration::from_millis(20 + (round as u64 * 53) % 400);
        let killed = common::run_and_kill("child_rating_process", &envs, *pause, "rated", delay);
        let acks: HashSet<i64> = ratings_printed(&killed.lines).iter().map(|a| a.0).collect();
        if *pause != Pause::Never {
            assert!(
                killed.paused,
                "round {round}: the child never reached {pause:?}; it printed {:?}",
                killed.lines.last()
            );
        }
        acknowledged.extend(&acks);

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
        // Stopped before its commit, the rating in flight left no trace.
        if *pause != Pause::Never {
            let extra: Vec<_> = stored.difference(&acknowledged).collect();
            assert!(
                extra.is_empty(),
                "round {round} ({pause:?}): a rating killed before its commit was stored: {extra:?}"
            );
        }
        acknowledged = stored;
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
    println!("{} kills survived", rounds.len() + 1);
}
