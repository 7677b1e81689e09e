//! Importing pack files as the app does: every broken pack in `tests/packs/broken/` is refused
//! with the expected problems, and the database is byte-for-byte unchanged afterwards.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use prep_hub_lib::packs::{self, builtin, store};
use prep_hub_lib::storage;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/packs")
}

#[path = "common/db_compare.rs"]
mod db_compare;

#[test]
fn the_valid_base_of_the_corpus_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = storage::open(dir.path()).unwrap();
    let report =
        packs::import_file(&mut conn, &corpus_dir().join("valid-base.prep.json"), false).unwrap();
    assert_eq!((report.roles, report.questions), (1, 2));
}

#[test]
fn every_broken_pack_is_refused_with_its_problems_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = storage::open(dir.path()).unwrap();
    builtin::ensure_builtin(&mut conn).unwrap();
    packs::import_file(&mut conn, &corpus_dir().join("valid-base.prep.json"), false).unwrap();
    store::set_checklist_tick(&conn, "corpus-role", "c1", true).unwrap();

    let expected: BTreeMap<String, Vec<(String, String)>> = serde_json::from_str(
        &std::fs::read_to_string(corpus_dir().join("broken/expected.json")).unwrap(),
    )
    .unwrap();
    assert!(
        expected.len() >= 25,
        "the corpus has {} packs",
        expected.len()
    );
    let before = db_compare::settled_bytes(&conn, dir.path());
    for (file, wanted) in &expected {
        let path = corpus_dir().join("broken").join(file);
        // Broken copies of an installed pack must not touch it either: use re-install.
        let err =
            packs::import_file(&mut conn, &path, true).expect_err(&format!("{file} was accepted"));
        let problems = match &err {
            prep_hub_lib::error::AppError::PackInvalid(p) => p.clone(),
            other => panic!(
                "{file}: expected pack_invalid, got {} ({other})",
                other.kind()
            ),
        };
        for (at, says) in wanted {
            assert!(
                problems
                    .iter()
                    .any(|p| p.path.starts_with(at.as_str()) && p.message.contains(says.as_str())),
                "{file}: no problem at {at} saying {says:?}; got {problems:#?}"
            );
        }
        if wanted.len() > 1 {
            assert!(problems.len() >= wanted.len(), "{file}: {problems:#?}");
        }
        let after = db_compare::settled_bytes(&conn, dir.path());
        if let Some(diff) = db_compare::difference(&before, &after) {
            panic!("{file}: {diff}");
        }
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.prep.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(packs::validate::MAX_PACK_BYTES as u64 + 1)
        .unwrap();
    let err = packs::read_pack_file(&big).unwrap_err();
    assert_eq!(err.kind(), "pack_invalid");
    assert!(err.to_string().contains("may be at most 32.0 MiB"), "{err}");
}

#[test]
fn a_missing_file_says_which_file() {
    let err = packs::read_pack_file(Path::new("/nonexistent/x.prep.json")).unwrap_err();
    assert!(
        err.to_string().contains("/nonexistent/x.prep.json"),
        "{err}"
    );
}

#[test]
fn error_for_the_ui_lists_every_problem_with_its_path() {
    let err = packs::read_pack_file(
        &corpus_dir().join("broken/34-many-cross-reference-faults.prep.json"),
    )
    .unwrap_err();
    let v = serde_json::to_value(&err).unwrap();
    assert_eq!(v["kind"], "pack_invalid");
    assert!(v["message"].as_str().unwrap().contains("4 problems"), "{v}");
    assert_eq!(v["problems"].as_array().unwrap().len(), 4, "{v}");
}

#[test]
fn the_example_in_the_format_guide_is_a_valid_pack() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/FORMAT.md"))
            .unwrap();
    let start = guide.find("```json\n").expect("a JSON example") + "```json\n".len();
    let end = start + guide[start..].find("\n```").unwrap();
    let pack =
        packs::validate_bytes(&guide.as_bytes()[start..end]).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(pack.roles[0].questions.len(), 2);
}

#[test]
fn a_changed_database_is_described_in_words_not_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let conn = storage::open(dir.path()).unwrap();
    let before = db_compare::settled_bytes(&conn, dir.path());
    assert_eq!(db_compare::difference(&before, &before), None);
    conn.execute(
        "INSERT INTO checklist_tick(role_id, item_id, ticked_at) VALUES ('r', 'i', 'now')",
        [],
    )
    .unwrap();
    let after = db_compare::settled_bytes(&conn, dir.path());
    let diff = db_compare::difference(&before, &after).expect("a difference");
    assert!(
        diff.contains("row counts differ: checklist_tick: Some(0) -> Some(1)"),
        "{diff}"
    );
    assert!(diff.contains("first difference at byte"), "{diff}");
    assert!(diff.len() < 1000, "{} characters", diff.len());
}
