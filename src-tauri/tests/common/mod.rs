//! Shared by the kill tests: each runs one of its own tests again as a child process and kills
//! it with SIGKILL. Where the kill lands is decided by the child, not by a clock: the child
//! stops at a chosen point inside SQLite (the k-th progress callback, or the k-th commit, of the
//! operation under test), says `paused` and waits to be killed. So every kill lands inside the
//! operation, on a fast machine and on a busy one alike.

#![allow(dead_code)] // each test crate uses the part it needs

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::Connection;

pub const PAUSE_ENV: &str = "PREP_HUB_KILL_PAUSE";
/// SQLite virtual-machine instructions per progress step: small enough that a one-row rating
/// has several steps before its commit.
const STEP_OPS: i32 = 10;

/// Where a child stops to be killed. Operations are numbered from 1 in the order the child
/// arms them (one install, one rating, one backup, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// Never: the child runs until killed after a delay (a kill at an arbitrary instruction).
    Never,
    /// In operation `op`, at its k-th SQLite progress callback (one per `STEP_OPS` virtual-machine
    /// steps), which must come before the operation's first commit.
    Step { op: u64, k: u64 },
    /// In operation `op`, in the commit hook of its first commit: its rows are in the page
    /// cache and none of them in the WAL yet.
    Commit { op: u64 },
}

impl Pause {
    pub fn to_env(self) -> String {
        match self {
            Pause::Never => "never".into(),
            Pause::Step { op, k } => format!("step:{op}:{k}"),
            Pause::Commit { op } => format!("commit:{op}"),
        }
    }

    pub fn from_env() -> Pause {
        let v = std::env::var(PAUSE_ENV).unwrap_or_default();
        let parts: Vec<u64> = v
            .split(':')
            .skip(1)
            .map(|p| p.parse::<u64>().unwrap_or(1).max(1))
            .collect();
        match (v.split(':').next(), parts.as_slice()) {
            (Some("step"), [op, k]) => Pause::Step { op: *op, k: *k },
            (Some("commit"), [op]) => Pause::Commit { op: *op },
            _ => Pause::Never,
        }
    }

    fn op(self) -> u64 {
        match self {
            Pause::Never => 0,
            Pause::Step { op, .. } | Pause::Commit { op } => op,
        }
    }
}

/// The child's side: hooks on its connection that count steps and commits while an operation
/// is armed, and stop the process at the chosen one.
pub struct PausePoint {
    pause: Pause,
    /// Operations armed so far; the hooks count only during operation `pause.op()`.
    ops: std::cell::Cell<u64>,
    armed: Arc<AtomicBool>,
    /// Set while the chosen operation runs.
    chosen: Arc<AtomicBool>,
    steps: Arc<AtomicU64>,
    commits: Arc<AtomicU64>,
    /// Steps counted when the first commit began.
    steps_at_commit: Arc<AtomicU64>,
}

impl PausePoint {
    pub fn install(conn: &Connection, pause: Pause) -> PausePoint {
        let point = PausePoint {
            pause,
            ops: std::cell::Cell::new(0),
            armed: Arc::new(AtomicBool::new(false)),
            chosen: Arc::new(AtomicBool::new(false)),
            steps: Arc::new(AtomicU64::new(0)),
            commits: Arc::new(AtomicU64::new(0)),
            steps_at_commit: Arc::new(AtomicU64::new(0)),
        };
        let (armed, steps) = (point.armed.clone(), point.steps.clone());
        let (commits, chosen) = (point.commits.clone(), point.chosen.clone());
        conn.progress_handler(
            STEP_OPS,
            Some(move || {
                if armed.load(Ordering::SeqCst) {
                    let n = steps.fetch_add(1, Ordering::SeqCst) + 1;
                    // Only before the operation's first commit: a pause there must leave no trace.
                    if matches!(pause, Pause::Step { k, .. } if k == n)
                        && chosen.load(Ordering::SeqCst)
                        && commits.load(Ordering::SeqCst) == 0
                    {
                        wait_to_be_killed();
                    }
                }
                false
            }),
        );
        let (armed, commits) = (point.armed.clone(), point.commits.clone());
        let (steps, at_commit) = (point.steps.clone(), point.steps_at_commit.clone());
        let chosen = point.chosen.clone();
        conn.commit_hook(Some(move || {
            if armed.load(Ordering::SeqCst) {
                let n = commits.fetch_add(1, Ordering::SeqCst) + 1;
                if n == 1 {
                    at_commit.store(steps.load(Ordering::SeqCst), Ordering::SeqCst);
                }
                if n == 1 && matches!(pause, Pause::Commit { .. }) && chosen.load(Ordering::SeqCst)
                {
                    wait_to_be_killed();
                }
            }
            false
        }));
        point
    }

    /// Starts the next operation: counts from zero, and stops inside it if it is the chosen one.
    /// Counting runs for every operation (calibration reads it); stopping only in the chosen one.
    pub fn arm(&self) {
        self.ops.set(self.ops.get() + 1);
        self.steps.store(0, Ordering::SeqCst);
        self.commits.store(0, Ordering::SeqCst);
        self.steps_at_commit.store(0, Ordering::SeqCst);
        let chosen = self.pause != Pause::Never && self.ops.get() == self.pause.op();
        self.chosen.store(chosen, Ordering::SeqCst);
        self.armed.store(true, Ordering::SeqCst);
    }

    /// Stops counting; returns (steps before the first commit, commits) of the operation, for
    /// calibration: a pause at a step up to that count lands before anything is committed.
    /// A chosen operation that ends without reaching its pause point ends the child (status 3),
    /// so the parent sees it rather than waiting for a pause that will not come.
    pub fn disarm(&self) -> (u64, u64) {
        self.armed.store(false, Ordering::SeqCst);
        if self.chosen.swap(false, Ordering::SeqCst) {
            println!("missed {:?}", self.pause);
            std::process::exit(3);
        }
        (
            self.steps_at_commit.load(Ordering::SeqCst),
            self.commits.load(Ordering::SeqCst),
        )
    }
}

fn wait_to_be_killed() -> ! {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "paused");
    let _ = out.flush();
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

/// Starts this test binary again, running only `test`, with `dir` in the environment
/// variable `env`; its standard output is piped so the parent can read what it acknowledged.
pub fn spawn_child_test(test: &str, env: &str, dir: &Path) -> Child {
    spawn_child(test, &[(env, dir.to_str().unwrap()), (PAUSE_ENV, "never")])
}

pub fn spawn_child(test: &str, envs: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", test, "--nocapture", "--test-threads=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

/// The part of a child's line after `marker` (libtest may have printed "test name ... " first).
pub fn after<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    line.find(marker).map(|i| &line[i + marker.len()..])
}

/// What a child printed before it was killed, and whether it had stopped at its pause point.
pub struct Killed {
    pub lines: Vec<String>,
    pub paused: bool,
}

/// Runs a child until it reaches its pause point, then kills it. With `Pause::Never`, kills it
/// `delay` after its first line that starts with `first` (so the kill lands once the work is
/// under way, however slowly the child started). A child that exits by itself is reported as
/// not paused with everything it printed.
pub fn run_and_kill(
    test: &str,
    envs: &[(&str, &str)],
    pause: Pause,
    first: &str,
    delay: Duration,
) -> Killed {
    let pause_env = pause.to_env();
    let mut all: Vec<(&str, &str)> = envs.to_vec();
    all.push((PAUSE_ENV, &pause_env));
    let mut child = spawn_child(test, &all);
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let mut paused = false;
    let mut started = false;
    // No time limit on a busy machine: the child either pauses, prints, or exits (closing rx).
    while let Ok(line) = rx.recv() {
        // The test harness prints "test name ... " before the child's first line, on the same line.
        let is_pause = line.ends_with("paused");
        if !is_pause && line.contains(first) {
            started = true;
        }
        lines.push(line);
        if is_pause {
            paused = true;
            break;
        }
        if pause == Pause::Never && started {
            std::thread::sleep(delay);
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // Lines printed between the decision and the kill are acknowledgements too.
    reader.join().unwrap();
    lines.extend(rx.try_iter());
    if lines.last().is_some_and(|l| l.ends_with("paused")) {
        paused = true;
    }
    Killed { lines, paused }
}
