//! The one worker that copies the WAL back into the database file after large writes.
//!
//! A large write commits as soon as the WAL holds it; the copy (a passive checkpoint on a
//! connection of its own) is queued here and runs on this worker's thread, one at a time, in
//! the order asked. Whoever needs the file settled (a test comparing database files, the app
//! before it exits, a backup of the raw file) calls [`settle`] and returns once every copy asked
//! for that database so far has finished. Nothing runs on a thread nobody can wait for.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, LazyLock, Mutex, MutexGuard};
use std::thread::JoinHandle;

use rusqlite::{Connection, OpenFlags};

static WORKER: LazyLock<Worker> = LazyLock::new(Worker::default);

#[derive(Default)]
struct Worker {
    state: Mutex<State>,
    /// Signalled when work arrives and when a checkpoint finishes.
    changed: Condvar,
}

#[derive(Default)]
struct State {
    queue: VecDeque<(u64, PathBuf)>,
    /// Tickets are numbered in the order asked; the worker finishes them in that order.
    issued: u64,
    done: u64,
    /// The last ticket asked for each database file.
    last_for: HashMap<PathBuf, u64>,
    thread: Option<JoinHandle<()>>,
    /// Whether the thread is still taking work; it clears this under the lock as it leaves.
    running: bool,
    /// Set by `shutdown`: the thread leaves once the queue is empty.
    stopping: bool,
}

impl Worker {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic inside a checkpoint cannot leave the queue half-changed; keep going.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Queues a passive checkpoint of the database at `path`; returns at once.
pub fn request(path: &Path) {
    let path = &key(path);
    let mut state = WORKER.lock();
    state.issued += 1;
    let ticket = state.issued;
    state.queue.push_back((ticket, path.to_path_buf()));
    state.last_for.insert(path.to_path_buf(), ticket);
    if !state.running {
        // A thread that stopped taking work has returned or is returning: joining is quick.
        if let Some(old) = state.thread.take() {
            let _ = old.join();
        }
        state.running = true;
        state.thread = Some(
            std::thread::Builder::new()
                .name("prep-hub-checkpoint".into())
                .spawn(|| run(&WORKER))
                .expect("the checkpoint thread starts"),
        );
    }
    drop(state);
    WORKER.changed.notify_all();
}

/// Waits until every checkpoint asked for the database at `path` has finished. After this,
/// nothing of ours writes to the file until the next large write.
pub fn settle(path: &Path) {
    let path = &key(path);
    let mut state = WORKER.lock();
    let Some(&ticket) = state.last_for.get(path) else {
        return;
    };
    while state.done < ticket {
        state = WORKER
            .changed
            .wait(state)
            .unwrap_or_else(|p| p.into_inner());
    }
}

/// Finishes the queue and joins the thread: for the app's exit. A later request still runs (on a
/// new thread that leaves once the queue is empty).
pub fn shutdown() {
    let handle = {
        let mut state = WORKER.lock();
        state.stopping = true;
        state.thread.take()
    };
    WORKER.changed.notify_all();
    if let Some(h) = handle {
        let _ = h.join();
    }
}

/// One name per file, however it was reached (SQLite reports the path it resolved).
fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn run(worker: &Worker) {
    loop {
        let (ticket, path) = {
            let mut state = worker.lock();
            loop {
                if let Some(job) = state.queue.pop_front() {
                    break job;
                }
                if state.stopping {
                    state.running = false;
                    return;
                }
                state = worker
                    .changed
                    .wait(state)
                    .unwrap_or_else(|p| p.into_inner());
            }
        };
        checkpoint(&path);
        worker.lock().done = ticket;
        worker.changed.notify_all();
    }
}

/// A passive checkpoint waits for nobody and nobody waits for it. If it cannot finish (a reader
/// is still on old pages, the folder is gone) the next commit's automatic checkpoint does the
/// rest, so a failure here loses nothing and is not reported.
fn checkpoint(path: &Path) {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if let Ok(conn) = Connection::open_with_flags(path, flags) {
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settle_returns_at_once_for_a_database_never_asked_for() {
        settle(Path::new("/nonexistent/never-asked.sqlite3"));
    }

    #[test]
    fn settle_waits_for_every_checkpoint_asked_for_that_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (zeroblob(1000000));")
            .unwrap();
        let before = std::fs::metadata(&path).unwrap().len();
        for _ in 0..3 {
            request(&path);
        }
        settle(&path);
        // Only the worker copies pages into the file here; once settled, they are all in.
        let after = std::fs::metadata(&path).unwrap().len();
        assert!(
            after >= before + 1_000_000,
            "the database file is {after} bytes after settling (was {before})"
        );
    }
}
