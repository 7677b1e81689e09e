//! Replays every fuzzing input kept in the repository (the corpus that `make fuzz` grows, and
//! any crash or hang it ever found, under `src-tauri/fuzz/artifacts/`) through the same
//! functions the fuzz targets call, so a fixed crash stays fixed on stable Rust in `make test`.

use std::path::PathBuf;

use prep_hub_lib::fuzzing;

fn inputs(target: &str) -> Vec<PathBuf> {
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for dir in [
        base.join("corpus").join(target),
        base.join("artifacts").join(target),
    ] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            out.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
        }
    }
    out.sort();
    out
}

fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no corpus for the {target} target");
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(
            outcome.is_ok(),
            "{target}: {} fails (replay it with `make fuzz-one TARGET={target} INPUT={}`)",
            f.display(),
            f.display()
        );
    }
    println!("{target}: {} inputs replayed", files.len());
}

#[test]
fn pack_corpus_replays() {
    replay("pack", fuzzing::pack);
}

#[test]
fn markdown_corpus_replays() {
    replay("markdown", fuzzing::markdown);
}

#[test]
fn search_corpus_replays() {
    replay("search", fuzzing::search);
}

#[test]
fn backup_corpus_replays() {
    replay("backup", fuzzing::backup);
}
