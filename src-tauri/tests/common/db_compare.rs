//! "Unchanged on disk", checked on a settled database file and explained in words when it fails.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::Path;

use prep_hub_lib::storage;
use rusqlite::{Connection, OpenFlags};

/// The database file's bytes once nothing of ours writes to it any more: queued checkpoints
/// have finished and the WAL is folded in.
pub fn settled_bytes(conn: &Connection, dir: &Path) -> Vec<u8> {
    let path = storage::db_path(dir);
    storage::checkpoint::settle(&path);
    let (busy, _, _): (i64, i64, i64) = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        busy, 0,
        "the WAL could not be folded in: another connection is busy"
    );
    std::fs::read(path).unwrap()
}

/// `None` when the two files are byte-for-byte equal; otherwise what differs, for a person:
/// sizes, hashes, the first differing page and the tables whose row counts differ.
pub fn difference(before: &[u8], after: &[u8]) -> Option<String> {
    if before == after {
        return None;
    }
    let page = page_size(before).max(512);
    let first_diff = before
        .iter()
        .zip(after)
        .position(|(a, b)| a != b)
        .unwrap_or(before.len().min(after.len()));
    let mut out = format!(
        "the database file changed: {} bytes (hash {:016x}) before, {} bytes (hash {:016x}) after; \
         first difference at byte {first_diff}, page {} of {page} bytes",
        before.len(),
        hash(before),
        after.len(),
        hash(after),
        first_diff / page + 1,
    );
    let (a, b) = (row_counts(before), row_counts(after));
    let tables: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let changed: Vec<String> = tables
        .into_iter()
        .filter(|t| a.get(*t) != b.get(*t))
        .map(|t| format!("{t}: {:?} -> {:?}", a.get(t), b.get(t)))
        .collect();
    if changed.is_empty() {
        out.push_str("; every table has the same number of rows");
    } else {
        out.push_str(&format!("; row counts differ: {}", changed.join(", ")));
    }
    Some(out)
}

fn page_size(db: &[u8]) -> usize {
    match db.get(16..18) {
        Some([1, 0]) => 65536,
        Some(&[hi, lo]) => usize::from(hi) << 8 | usize::from(lo),
        _ => 4096,
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Rows per table of a database image, read from a temporary copy.
fn row_counts(db: &[u8]) -> BTreeMap<String, i64> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.sqlite3");
    std::fs::write(&path, db).unwrap();
    let Ok(conn) = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return BTreeMap::new();
    };
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_default();
    tables
        .into_iter()
        .filter_map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .ok()?;
            Some((t, n))
        })
        .collect()
}
