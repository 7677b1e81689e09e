//! Shared by the kill tests: each runs one of its own tests again as a child process.

use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Starts this test binary again, running only `test`, with `dir` in the environment
/// variable `env`; its standard output is piped so the parent can read what it acknowledged.
pub fn spawn_child_test(test: &str, env: &str, dir: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(env, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}
