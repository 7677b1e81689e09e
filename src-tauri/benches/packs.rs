//! Pack benchmarks: validate + install a 10,000-question pack, and full-text search over it.
//! Run with `cargo bench -p prep-hub --bench packs`; prints medians and p95, in milliseconds.
//! `-- search` or `-- install` runs one half only.

use std::time::{Duration, Instant};

use prep_hub_lib::packs::{sample, store, validate_bytes};
use prep_hub_lib::storage;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn main() {
    let only = std::env::args()
        .skip(1)
        .find(|a| a == "search" || a == "install");
    let run = |part: &str| only.as_deref().is_none_or(|o| o == part);
    // 10 roles × 1,000 questions: the size the issue sets as the target.
    let pack = sample::pack("bench", "1.0.0", 10, 1000);
    let bytes = serde_json::to_vec(&pack).unwrap();
    println!(
        "pack: 10 roles, 10,000 questions, {:.1} MiB of JSON",
        bytes.len() as f64 / 1048576.0
    );

    if run("install") {
        install_figures(&pack, &bytes);
    }
    if run("search") {
        search_figures(&pack);
    }
}

fn install_figures(pack: &prep_hub_lib::packs::model::Pack, bytes: &[u8]) {
    // A yardstick for this machine's speed at the moment: single-threaded Markdown rendering.
    let t = Instant::now();
    let mut fields = 0;
    for r in &pack.roles {
        for q in &r.questions {
            let mut texts = vec![&q.answer.summary, &q.example];
            texts.extend(q.answer.structure.iter());
            texts.extend(q.answer.trade_offs.iter());
            for text in texts {
                std::hint::black_box(prep_hub_lib::packs::render::markdown_to_html(text));
                fields += 1;
            }
        }
    }
    println!("render {fields} Markdown fields: {:.0} ms", ms(t.elapsed()));

    let mut validate_times = vec![];
    let mut install_times = vec![];
    let mut checkpoint_times = vec![];
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = storage::open(dir.path()).unwrap();
        let t = Instant::now();
        let parsed = validate_bytes(bytes).unwrap();
        validate_times.push(t.elapsed());
        let t = Instant::now();
        store::install(&mut conn, &parsed, false, false).unwrap();
        install_times.push(t.elapsed());
        // The app copies the WAL into the database file on a background thread once the install
        // has committed; waiting for it here keeps runs apart and shows what it costs.
        let t = Instant::now();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        checkpoint_times.push(t.elapsed());
    }
    validate_times.sort();
    install_times.sort();
    checkpoint_times.sort();
    let total: Vec<Duration> = validate_times
        .iter()
        .zip(&install_times)
        .map(|(a, b)| *a + *b)
        .collect();
    println!(
        "validate 10k-question pack: median {:.0} ms",
        ms(percentile(&validate_times, 0.5))
    );
    println!(
        "install  10k-question pack: median {:.0} ms",
        ms(percentile(&install_times, 0.5))
    );
    println!(
        "validate + install:         median {:.0} ms (5 runs)",
        ms(percentile(&total, 0.5))
    );
    println!(
        "then, off the user's path, checkpoint: median {:.0} ms",
        ms(percentile(&checkpoint_times, 0.5))
    );
}

fn search_figures(pack: &prep_hub_lib::packs::model::Pack) {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = storage::open(dir.path()).unwrap();
    store::install(&mut conn, pack, false, false).unwrap();
    let queries = [
        "latency",
        "retry budget",
        "idem",
        "quorum lease",
        "cache",
        "backpressure timeout",
        "shard",
        "dead",
        "webhook cursor",
        "vacuum",
        "question 42",
        "audit ledger",
        "snap",
        "circuit breaker",
        "tenant",
        "rollback migration",
        "p",
        "schema index",
        "throughput",
        "replica partition",
    ];
    let mut times = vec![];
    let mut hits = 0;
    for round in 0..25 {
        for q in &queries {
            let t = Instant::now();
            hits += store::search(&conn, q, 40).unwrap().len();
            times.push(t.elapsed());
            let _ = round;
        }
    }
    // Per query: how its cost follows the number of rows it matches.
    for (i, q) in queries.iter().enumerate() {
        let mut mine: Vec<Duration> = times
            .iter()
            .skip(i)
            .step_by(queries.len())
            .copied()
            .collect();
        mine.sort();
        let matches = store::search(&conn, q, usize::MAX >> 1).unwrap().len();
        println!(
            "  {q:22} {matches:5} matches  median {:.2} ms",
            ms(percentile(&mine, 0.5))
        );
    }
    times.sort();
    println!(
        "search over 10k questions: median {:.2} ms, p95 {:.2} ms ({} queries, {} hits)",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        times.len(),
        hits
    );
}
