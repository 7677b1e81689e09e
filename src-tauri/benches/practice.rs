//! Practice benchmark: the backend time to record a rating and fetch the next question,
//! on a database file (WAL, as the app runs), for the Senior Backend hub and for a
//! generated role of 1,000 questions. Run with `cargo bench -p prep-hub --bench practice`.

use std::time::{Duration, Instant};

use chrono::{Duration as Span, Utc};
use prep_hub_lib::packs::{builtin, sample, store};
use prep_hub_lib::progress::practice::{self, Scope, ScopeKind};
use prep_hub_lib::storage;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn measure(conn: &mut rusqlite::Connection, role: &str, ratings: usize) -> Vec<Duration> {
    let scope = Scope {
        kind: ScopeKind::All,
        value: None,
    };
    let mut now = Utc::now();
    let mut times = Vec::with_capacity(ratings);
    let mut step = practice::start(conn, role, &scope, now).unwrap();
    for i in 0..ratings {
        let q = match &step.question {
            Some(q) => q["question_id"].as_str().unwrap().to_string(),
            None => {
                step = practice::start(conn, role, &scope, now).unwrap();
                continue;
            }
        };
        now += Span::seconds(30);
        let t = Instant::now();
        let rated =
            practice::rate(conn, step.session_id, role, &q, (i % 4) as u8 + 1, 30, now).unwrap();
        times.push(t.elapsed());
        step = rated.step;
    }
    times.sort();
    times
}

fn report(label: &str, times: &[Duration]) {
    println!(
        "{label}: rate + next question over {} ratings: median {:.3} ms, p95 {:.3} ms",
        times.len(),
        percentile(times, 0.5).as_secs_f64() * 1000.0,
        percentile(times, 0.95).as_secs_f64() * 1000.0
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = storage::open(dir.path()).unwrap();
    builtin::ensure_builtin(&mut conn).unwrap();
    let times = measure(&mut conn, "senior-backend-developer", 500);
    report("Senior Backend Developer (12 questions)", &times);

    let pack = sample::pack("bench", "1.0.0", 1, 1000);
    let role = pack.roles[0].id.clone();
    store::install(&mut conn, &pack, false, false).unwrap();
    let times = measure(&mut conn, &role, 500);
    report("generated role (1,000 questions)", &times);
}
