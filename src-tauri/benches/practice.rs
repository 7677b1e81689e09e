//! Practice benchmark: the backend time to record a rating and fetch the next question, on a
//! database file (WAL, as the app runs), for the Senior Backend hub and for generated roles of
//! 1,000 and 10,000 questions. Run with `cargo bench -p prep-hub --bench practice`.
//!
//! "kept" is what the app does (the session's queue kept between ratings); "built" builds the
//! queue from the database for every rating, as before the queue was kept. Each has its own
//! database file (so one's reads do not evict the other's cache), and they run in alternating
//! blocks so that the machine's drift hits both alike.

use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, Utc};
use prep_hub_lib::packs::{builtin, sample, store};
use prep_hub_lib::progress::practice::{self, Queues, Scope, ScopeKind, Step};
use prep_hub_lib::storage;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

struct Run {
    _dir: tempfile::TempDir,
    conn: rusqlite::Connection,
    queues: Queues,
    step: Step,
    times: Vec<Duration>,
}

const SCOPE: Scope = Scope {
    kind: ScopeKind::All,
    value: None,
};

impl Run {
    /// A database with the built-in packs and, when `generated` is given, a role of that many
    /// questions; the role practised is `role` or the generated one.
    fn new(role: &str, generated: Option<usize>, now: DateTime<Utc>) -> (Run, String) {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = storage::open(dir.path()).unwrap();
        builtin::ensure_builtin(&mut conn).unwrap();
        let role = match generated {
            Some(n) => {
                let pack = sample::pack(&format!("bench-{n}"), "1.0.0", 1, n);
                store::install(&mut conn, &pack, false, false).unwrap();
                pack.roles[0].id.clone()
            }
            None => role.to_string(),
        };
        let mut queues = Queues::default();
        let step = practice::start(&conn, &mut queues, &role, &SCOPE, now).unwrap();
        let run = Run {
            _dir: dir,
            conn,
            queues,
            step,
            times: Vec::new(),
        };
        (run, role)
    }

    /// `ratings` ratings; `keep` false forgets the queue before each, so it is built again.
    fn rate(&mut self, role: &str, ratings: usize, keep: bool, now: &mut DateTime<Utc>) {
        for i in 0..ratings {
            let q = match &self.step.question {
                Some(q) => q["question_id"].as_str().unwrap().to_string(),
                None => {
                    self.step =
                        practice::start(&self.conn, &mut self.queues, role, &SCOPE, *now).unwrap();
                    continue;
                }
            };
            *now += Span::seconds(30);
            if !keep {
                self.queues = Queues::default();
            }
            let t = Instant::now();
            let rated = practice::rate(
                &mut self.conn,
                &mut self.queues,
                self.step.session_id,
                role,
                &q,
                (i % 4) as u8 + 1,
                30,
                *now,
            )
            .unwrap();
            self.times.push(t.elapsed());
            self.step = rated.step;
        }
    }
}

fn report(label: &str, how: &str, times: &mut [Duration]) {
    times.sort();
    println!(
        "{label}, {how}, {} timings: median {:.3} ms, p95 {:.3} ms",
        times.len(),
        percentile(times, 0.5).as_secs_f64() * 1000.0,
        percentile(times, 0.95).as_secs_f64() * 1000.0
    );
}

fn measure(label: &str, role: &str, generated: Option<usize>) {
    let mut now = Utc::now();
    let (mut kept, role) = Run::new(role, generated, now);
    let (mut built, _) = Run::new(&role, generated, now);
    // Blocks of 50, alternating, 500 ratings each in all.
    for _ in 0..10 {
        kept.rate(&role, 50, true, &mut now);
        built.rate(&role, 50, false, &mut now);
    }
    // What the next question costs to show, alone (the rest is recording the rating).
    let ids: Vec<String> = {
        let mut stmt = kept
            .conn
            .prepare("SELECT id FROM question WHERE role_id = ?1 LIMIT 200")
            .unwrap();
        let rows = stmt.query_map([&role], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    let mut views = Vec::new();
    for id in ids.iter().cycle().take(500) {
        let t = Instant::now();
        practice::question_view(&kept.conn, &role, id, now).unwrap();
        views.push(t.elapsed());
    }
    report(label, "showing a question alone", &mut views);
    // The rest: record a rating and return the next question.
    report(label, "queue kept (the app)", &mut kept.times);
    report(label, "queue built each time", &mut built.times);
}

fn main() {
    measure(
        "Senior Backend Developer (19 questions)",
        "senior-backend-developer",
        None,
    );
    measure("generated role (1,000 questions)", "", Some(1_000));
    measure("generated role (10,000 questions)", "", Some(10_000));
}
