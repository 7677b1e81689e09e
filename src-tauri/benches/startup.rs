//! The backend's share of a start, step by step (`cargo bench -p prep-hub --bench startup`):
//! opening the database (configure, quick_check, migrations), comparing or installing the
//! built-in packs, and the two queries of the first screen (the Library). First start on an
//! empty data folder, later start on the same folder; medians of 10, alternating.

use std::time::{Duration, Instant};

use chrono::Utc;
use prep_hub_lib::packs::{builtin, store};
use prep_hub_lib::progress::overview;
use prep_hub_lib::storage;

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

#[derive(Default)]
struct Steps {
    open: Vec<Duration>,
    builtin: Vec<Duration>,
    library: Vec<Duration>,
}

impl Steps {
    fn start(&mut self, dir: &std::path::Path) {
        let t = Instant::now();
        let mut conn = storage::open(dir).unwrap();
        self.open.push(t.elapsed());
        let t = Instant::now();
        builtin::ensure_builtin(&mut conn).unwrap();
        self.builtin.push(t.elapsed());
        let t = Instant::now();
        store::list_roles(&conn).unwrap();
        overview::readiness_by_role(&conn, Utc::now()).unwrap();
        self.library.push(t.elapsed());
        storage::checkpoint::settle(&storage::db_path(dir));
    }

    fn print(self, label: &str) {
        println!(
            "{label}: open {:.1} ms, built-in packs {:.1} ms, Library queries {:.1} ms",
            median(self.open),
            median(self.builtin),
            median(self.library)
        );
    }
}

fn main() {
    let mut first = Steps::default();
    let mut later = Steps::default();
    for _ in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        first.start(dir.path());
        later.start(dir.path());
    }
    first.print("first start (empty data folder)");
    later.print("later start");
}
