//! Importing questions as the app does: CSV / TSV tables and Anki decks (built by Anki itself,
//! see tests/fixtures/anki/make_decks.py) into the personal pack or a new pack, the review
//! history rebuilt as FSRS cards, and every refused file leaving the database byte-for-byte as
//! it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use prep_hub_lib::import::{self, resolve, Field, ImportRequest, Rule, Target};
use prep_hub_lib::packs::builtin;
use prep_hub_lib::storage;
use rusqlite::Connection;

#[path = "common/db_compare.rs"]
mod db_compare;

const ROLE: &str = "senior-backend-developer";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn db() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = storage::open(dir.path()).unwrap();
    builtin::ensure_builtin(&mut conn).unwrap();
    (dir, conn)
}

fn request(path: &Path) -> ImportRequest {
    ImportRequest {
        path: path.display().to_string(),
        role_id: ROLE.into(),
        target: Target::Personal,
        focus_area: "system-design".into(),
        round: None,
        has_header: None,
        columns: BTreeMap::new(),
        format: import::text::TextFormat::Markdown,
        decks: BTreeMap::new(),
        tags: BTreeMap::new(),
        with_reviews: false,
    }
}

fn check(conn: &Connection, req: &ImportRequest) -> resolve::Checked {
    let source = import::load(Path::new(&req.path)).unwrap();
    let drafts = resolve::drafts(&source, req).unwrap();
    let shape = resolve::role_shape(conn, &req.role_id, &req.target).unwrap();
    resolve::check(&shape, drafts, req, "file")
}

fn write_file(dir: &Path, name: &str, body: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

const CSV: &str = "\u{feff}Question,Answer,Example,Round,Focus area,Tags,Difficulty\n\
\"Design a rate limiter for a public API\",\"Token bucket per key.\n\nStore counters in Redis.\",\"At Acme we limited to 100/s\",Architecture and system design,System Design,\"rate limiting, redis\",hard\n\
Tell me about a time you disagreed with your manager,Situation first.,,,behavioral,communication,easy\n\
Reverse a linked list,Iterate with three pointers.,,coding-deep-dive,Coding,,\n";

#[test]
fn a_csv_becomes_own_questions_in_one_go_and_a_second_import_adds_nothing() {
    let (dir, mut conn) = db();
    let path = write_file(dir.path(), "questions.csv", CSV.as_bytes());
    let req = request(&path);
    let checked = check(&conn, &req);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    let report = import::write(&mut conn, &checked, now()).unwrap();
    assert_eq!(report.ids, ["mine-1", "mine-2", "mine-3"]);
    let own = prep_hub_lib::progress::own::list(&conn, ROLE).unwrap();
    assert_eq!(own[0].round_id, "system-design");
    assert_eq!(own[0].focus_area, "system-design");
    assert_eq!(own[0].difficulty, "advanced");
    assert_eq!(own[0].minutes, 15);
    assert_eq!(own[0].skills, ["rate limiting", "redis"]);
    assert!(own[0]
        .answer
        .contains("Token bucket per key.\n\nStore counters in Redis."));
    assert!(
        own[0].answer.contains("#### Example\n\nAt Acme"),
        "{}",
        own[0].answer
    );
    // No round given: the first round that tests the focus area.
    assert_eq!(own[1].round_id, "recruiter-screen");
    assert_eq!(own[1].difficulty, "foundational");
    assert_eq!(own[2].round_id, "coding-deep-dive");
    assert_eq!(own[2].minutes, 10, "intermediate by default");

    let again = check(&conn, &req);
    assert_eq!(again.questions.len(), 0);
    assert_eq!(again.skipped.len(), 3, "{:?}", again.skipped);
    assert!(
        again.skipped[0].reason.contains("mine-1"),
        "{:?}",
        again.skipped
    );
    assert!(again.problems[0].message.contains("already in the role"));
}

#[test]
fn a_tsv_without_a_header_and_plain_text_cells_imports_literally() {
    let (dir, mut conn) = db();
    let path = write_file(
        dir.path(),
        "q.tsv",
        b"What does *args mean?\tPositional arguments, as a tuple: use *args\n",
    );
    let mut req = request(&path);
    req.format = import::text::TextFormat::Plain;
    let checked = check(&conn, &req);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    import::write(&mut conn, &checked, now()).unwrap();
    let own = prep_hub_lib::progress::own::list(&conn, ROLE).unwrap();
    assert_eq!(own[0].prompt, "What does *args mean?");
    let html = prep_hub_lib::packs::render::markdown_to_html(&own[0].answer);
    assert!(
        html.contains("use *args") && !html.contains("<em>"),
        "{html}"
    );
}

#[test]
fn every_problem_is_named_by_row_and_column_and_nothing_is_written() {
    let (dir, mut conn) = db();
    let csv = "Question,Focus area,Round,Difficulty,Minutes\n\
               Fine question,System Design,,,\n\
               ,System Design,,,\n\
               Second,Cooking,,,\n\
               Third,coding,Tea break,impossible,500\n";
    let path = write_file(dir.path(), "bad.csv", csv.as_bytes());
    let req = request(&path);
    let before = db_compare::settled_bytes(&conn, dir.path());
    let checked = check(&conn, &req);
    let shown: Vec<String> = checked.problems.iter().map(|p| p.to_string()).collect();
    let expect = [
        "row 3, column A (Question): empty",
        "row 4, column B (Focus area): 'Cooking' is not a focus area",
        "row 5, column C (Round): 'Tea break' is not a round",
        "row 5, column D (Difficulty): 'impossible' is not a difficulty",
        "row 5, column E (Minutes): '500' is not a number of minutes",
    ];
    for e in expect {
        assert!(
            shown.iter().any(|s| s.starts_with(e)),
            "{e} missing from {shown:#?}"
        );
    }
    assert_eq!(shown.len(), expect.len(), "{shown:#?}");
    let err = import::write(&mut conn, &checked, now()).unwrap_err();
    assert!(err.to_string().contains("nothing was imported"), "{err}");
    let after = db_compare::settled_bytes(&conn, dir.path());
    assert_eq!(db_compare::difference(&before, &after), None);
}

#[test]
fn files_in_other_encodings_are_refused_with_where_the_trouble_starts() {
    let (dir, _conn) = db();
    let latin = write_file(
        dir.path(),
        "latin.csv",
        b"Question,Answer\nCaf\xe9 culture?,x\n",
    );
    let e = import::load(&latin).unwrap_err().to_string();
    assert!(
        e.contains("line 2, character 4") && e.contains("not UTF-8"),
        "{e}"
    );
    let utf16 = write_file(dir.path(), "u16.csv", b"\xff\xfeQ\0,\0A\0");
    let e = import::load(&utf16).unwrap_err().to_string();
    assert!(e.contains("UTF-16"), "{e}");
}

fn anki_request(file: &str) -> ImportRequest {
    let mut req = request(&fixture(&format!("anki/{file}")));
    req.decks = BTreeMap::from([
        (
            "Interview::Behavioural".to_string(),
            Rule::Area("behavioral".into()),
        ),
        ("Default".to_string(), Rule::Area("coding".into())),
    ]);
    req.tags = BTreeMap::from([
        ("behavioural".to_string(), Rule::Ignore),
        ("star".to_string(), Rule::Tag),
    ]);
    req.with_reviews = true;
    req
}

#[test]
fn an_anki_deck_brings_its_notes_and_its_review_history() {
    for file in ["current.apkg", "legacy.apkg"] {
        let (_dir, mut conn) = db();
        let req = anki_request(file);
        let checked = check(&conn, &req);
        assert!(
            checked.problems.is_empty(),
            "{file}: {:?}",
            checked.problems
        );
        let report = import::write(&mut conn, &checked, now()).unwrap();
        assert_eq!(report.questions, 5, "{file}");
        assert_eq!(report.reviews, 9, "{file}");
        let own = prep_hub_lib::progress::own::list(&conn, ROLE).unwrap();
        let by_prompt = |p: &str| {
            own.iter()
                .find(|q| q.prompt.starts_with(p))
                .unwrap()
                .clone()
        };
        let shortener = by_prompt("How would you design a URL shortener?");
        assert_eq!(shortener.focus_area, "system-design", "the default area");
        assert_eq!(shortener.skills, ["caching", "system-design"]);
        assert!(
            shortener.answer.contains("**Start with the API**"),
            "{}",
            shortener.answer
        );
        if file == "current.apkg" {
            let html = prep_hub_lib::packs::render::markdown_to_html(&shortener.answer);
            assert!(html.contains("[image: shortener.png]"), "{html}");
        }
        let conflict = by_prompt("Tell me about a conflict");
        assert_eq!(conflict.focus_area, "behavioral");
        assert_eq!(conflict.round_id, "recruiter-screen");
        assert_eq!(conflict.skills, ["star"], "'behavioural' was ignored");
        let words = prep_hub_lib::packs::render::markdown_to_text(&conflict.answer);
        assert!(words.contains("[sound: answer.mp3]"), "{words}");
        assert_eq!(by_prompt("What does ACID").focus_area, "coding");

        // The history is ours now: reviews and FSRS cards, so nothing known is learned anew.
        let id = shortener.id.unwrap();
        let reviews = count(
            &conn,
            &format!(
                "SELECT count(*) FROM review WHERE role_id = '{ROLE}' AND question_id = '{id}'"
            ),
        );
        assert_eq!(reviews, 4);
        let card = prep_hub_lib::progress::load_card(&conn, ROLE, &id)
            .unwrap()
            .unwrap();
        assert_eq!(card.reps, 4);
        assert_eq!(card.state, rs_fsrs::State::Review);
        let untouched = conflict.id.unwrap();
        assert!(prep_hub_lib::progress::load_card(&conn, ROLE, &untouched)
            .unwrap()
            .is_none());
    }
}

#[test]
fn without_the_history_only_the_notes_come() {
    let (_dir, mut conn) = db();
    let mut req = anki_request("current.apkg");
    req.with_reviews = false;
    let checked = check(&conn, &req);
    let report = import::write(&mut conn, &checked, now()).unwrap();
    assert_eq!((report.questions, report.reviews), (5, 0));
    assert_eq!(count(&conn, "SELECT count(*) FROM card"), 0);
}

#[test]
fn anki_notes_in_plain_text_import_like_the_deck() {
    let (_dir, mut conn) = db();
    let req = anki_request("notes.txt");
    let checked = check(&conn, &req);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    let report = import::write(&mut conn, &checked, now()).unwrap();
    assert_eq!(report.questions, 5);
    let own = prep_hub_lib::progress::own::list(&conn, ROLE).unwrap();
    assert!(own.iter().any(|q| q.focus_area == "behavioral"));
}

#[test]
fn a_deck_with_a_note_without_its_question_is_refused_and_names_the_note() {
    let (dir, mut conn) = db();
    let req = request(&fixture("anki/broken-note.apkg"));
    let before = db_compare::settled_bytes(&conn, dir.path());
    let checked = check(&conn, &req);
    assert_eq!(checked.problems.len(), 1, "{:?}", checked.problems);
    let p = checked.problems[0].to_string();
    assert!(
        p.starts_with("note 2 (\u{201c}no question\u{201d}, deck Default), field Front: empty"),
        "{p}"
    );
    assert!(import::write(&mut conn, &checked, now()).is_err());
    let after = db_compare::settled_bytes(&conn, dir.path());
    assert_eq!(db_compare::difference(&before, &after), None);
}

#[test]
fn a_new_pack_is_installed_as_any_pack_and_says_which_rows_lack_what_a_pack_needs() {
    let (dir, mut conn) = db();
    let csv = "Question,Answer,Focus area,Tags,Follow-ups\n\
               Design a feed,Fan-out on write,System Design,feeds,What about celebrities?\n\
               Explain CAP,Pick two under partition,System Design,distributed systems,Which did you pick?\n";
    let path = write_file(dir.path(), "pack.csv", csv.as_bytes());
    let mut req = request(&path);
    req.target = Target::NewPack {
        title: "Friend's list".into(),
    };
    let checked = check(&conn, &req);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    let report = import::write(&mut conn, &checked, now()).unwrap();
    assert_eq!(report.pack_id.as_deref(), Some("personal.friend-s-list"));
    assert_eq!(report.role_id, format!("{ROLE}-friend-s-list"));
    let role = prep_hub_lib::packs::store::get_role(&conn, &report.role_id).unwrap();
    assert_eq!(role["questions"].as_array().unwrap().len(), 2);

    // The same name again is refused; so is a file without follow-ups, row by row.
    let taken = check(&conn, &req);
    assert!(
        taken.problems[0].message.contains("already installed"),
        "{:?}",
        taken.problems
    );
    let bare = write_file(dir.path(), "bare.csv", b"Question,Answer\nOne?,Yes\n");
    let mut req = request(&bare);
    req.target = Target::NewPack {
        title: "Bare".into(),
    };
    let checked = check(&conn, &req);
    let shown: Vec<String> = checked.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        shown.iter().any(|s| s.starts_with("row 2: no skill")),
        "{shown:?}"
    );
    assert!(
        shown.iter().any(|s| s.starts_with("row 2: no follow-up")),
        "{shown:?}"
    );
}

#[test]
fn columns_can_be_chosen_by_hand() {
    let (dir, conn) = db();
    let path = write_file(dir.path(), "x.csv", b"a,b,c\nq1,ignored,ans1\n");
    let mut req = request(&path);
    req.has_header = Some(true);
    req.columns = BTreeMap::from([(Field::Prompt, 0), (Field::Answer, 2)]);
    let checked = check(&conn, &req);
    assert_eq!(checked.questions[0].prompt, "q1");
    assert_eq!(checked.questions[0].answer, "ans1");
}
