//! Prep Hub's side of `bench/peer.py` (Prep Hub beside Anki): reads the pack files named in
//! PEER_PACKS into a fresh database in PEER_DATA and prints one JSON line of figures: validate +
//! install, search for a rare and a common word, 1,000 ratings with the next question, size on
//! disk. Run through `make bench-peer`, which generates the data and runs Anki on it too.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{Duration as Span, Utc};
use prep_hub_lib::packs::{self, store};
use prep_hub_lib::progress::practice::{self, Queues, Scope, ScopeKind};
use prep_hub_lib::storage;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let (Ok(files), Ok(data)) = (std::env::var("PEER_PACKS"), std::env::var("PEER_DATA")) else {
        eprintln!("run through bench/peer.py (make bench-peer)");
        return;
    };
    let data = PathBuf::from(data);
    let mut conn = storage::open(&data).unwrap();
    let t = Instant::now();
    for file in std::env::split_paths(&files) {
        let pack = packs::read_pack_file(&file).unwrap();
        store::install(&mut conn, &pack, false, false).unwrap();
    }
    let import = t.elapsed().as_secs_f64();
    // The copy into the database file runs after the commit; it is counted apart.
    let t = Instant::now();
    storage::checkpoint::settle(&storage::db_path(&data));
    let checkpoint = t.elapsed().as_secs_f64();

    let mut out = serde_json::Map::new();
    out.insert("import".into(), import.into());
    out.insert("checkpoint_after".into(), checkpoint.into());
    for word in ["quorum", "latency"] {
        let hits: i64 = conn
            .query_row(
                "SELECT count(*) FROM search_index WHERE search_index MATCH ?1",
                [format!("\"{word}\"")],
                |r| r.get(0),
            )
            .unwrap();
        let times: Vec<f64> = (0..50)
            .map(|_| {
                let t = Instant::now();
                let found = store::search(&conn, &format!("{word} "), 40).unwrap();
                assert!(!found.is_empty());
                t.elapsed().as_secs_f64()
            })
            .collect();
        out.insert(format!("search_{word}"), median(times).into());
        out.insert(format!("hits_{word}"), hits.into());
    }

    let role: String = conn
        .query_row("SELECT id FROM role ORDER BY rowid LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let scope = Scope {
        kind: ScopeKind::All,
        value: None,
    };
    let mut now = Utc::now();
    let mut queues = Queues::default();
    let mut step = practice::start(&conn, &mut queues, &role, &scope, now).unwrap();
    let mut times = Vec::with_capacity(1000);
    for i in 0..1000 {
        let q = step.question.as_ref().expect("a question")["question_id"]
            .as_str()
            .unwrap()
            .to_string();
        now += Span::seconds(20);
        let t = Instant::now();
        let rating = if i % 4 == 0 { 1 } else { 3 };
        step = practice::rate(
            &mut conn,
            &mut queues,
            step.session_id,
            &role,
            &q,
            rating,
            20,
            now,
        )
        .unwrap()
        .step;
        times.push(t.elapsed().as_secs_f64());
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    out.insert("review_median".into(), median(times).into());
    out.insert("review_p95".into(), sorted[sorted.len() * 95 / 100].into());
    // Printed as Anki's side prints them: "wal", 1.
    let pragma = |p: &str| -> String {
        conn.query_row(&format!("PRAGMA {p}"), [], |r| {
            r.get::<_, rusqlite::types::Value>(0)
        })
        .map(|v| match v {
            rusqlite::types::Value::Text(t) => t,
            rusqlite::types::Value::Integer(i) => i.to_string(),
            other => format!("{other:?}"),
        })
        .unwrap()
    };
    out.insert("journal".into(), pragma("journal_mode").into());
    out.insert("synchronous".into(), pragma("synchronous").into());
    storage::checkpoint::settle(&storage::db_path(&data));
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let size: u64 = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(storage::DB_FILE)
        })
        .map(|e| e.metadata().unwrap().len())
        .sum();
    out.insert("db_bytes".into(), size.into());
    println!("{}", serde_json::Value::Object(out));
}
