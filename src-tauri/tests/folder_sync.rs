//! Two devices, each with its own data folder, kept in step through one sync folder: edits on
//! both sides with and without overlap, three rounds of back-and-forth. No rating is lost or
//! counted twice, notes keep the latest edit (the other as a version), ticks are a union,
//! processes merge by id, and the result is the same whichever device merges first.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use prep_hub_lib::packs::store::set_checklist_tick;
use prep_hub_lib::planner::store::{
    delete_process, list_processes, save_debrief, save_process, DebriefInput, ProcessEdit,
    RoundDate,
};
use prep_hub_lib::progress::notes;
use prep_hub_lib::progress::practice::{self, Queues, Scope, ScopeKind};
use prep_hub_lib::sync::{self, Device};
use rusqlite::Connection;

const ROLE: &str = "senior-backend-developer";

fn at(minutes: i64) -> DateTime<Utc> {
    "2026-12-01T09:00:00Z".parse::<DateTime<Utc>>().unwrap() + Duration::minutes(minutes)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

struct Laptop {
    conn: Connection,
    device: Device,
    _dir: tempfile::TempDir,
}

impl Laptop {
    fn new(name: &str) -> Laptop {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = prep_hub_lib::storage::open(dir.path()).unwrap();
        prep_hub_lib::packs::builtin::ensure_builtin(&mut conn).unwrap();
        Laptop {
            conn,
            device: Device {
                id: sync::new_device_id(),
                name: name.into(),
            },
            _dir: dir,
        }
    }

    fn sync(&mut self, folder: &Path, minute: i64) -> sync::MergeReport {
        let report = sync::sync_all(&mut self.conn, folder, &self.device, at(minute)).unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        report
    }

    /// Rates one question in a session of its own.
    fn rate(&mut self, question: &str, rating: u8, minute: i64) {
        let scope = Scope {
            kind: ScopeKind::Question,
            value: Some(question.into()),
        };
        let step =
            practice::start(&self.conn, &mut Queues::default(), ROLE, &scope, at(minute)).unwrap();
        practice::rate(
            &mut self.conn,
            &mut Queues::default(),
            step.session_id,
            ROLE,
            question,
            rating,
            30,
            at(minute),
        )
        .unwrap();
        practice::end(
            &self.conn,
            &mut Queues::default(),
            step.session_id,
            at(minute),
        )
        .unwrap();
    }

    fn note(&self, question: &str, body: &str, minute: i64) {
        notes::save_note(&self.conn, ROLE, question, body, at(minute)).unwrap();
    }

    fn query(&self, sql: &str) -> BTreeSet<String> {
        let mut stmt = self.conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        rows.map(Result::unwrap).collect()
    }

    fn count(&self, sql: &str) -> i64 {
        self.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Everything the merge rules speak of, without the local row numbers.
    fn state(&self) -> Vec<BTreeSet<String>> {
        [
            "SELECT json_array(uid, role_id, question_id, rating, reviewed_at) FROM review",
            "SELECT json_array(role_id, question_id, reps, state, due) FROM card",
            "SELECT json_array(role_id, question_id, body, updated_at) FROM note",
            "SELECT json_array(role_id, question_id, body, updated_at) FROM note_version",
            "SELECT json_array(role_id, question_id, body, written_at) FROM draft",
            "SELECT json_array(role_id, item_id, ticked_at) FROM checklist_tick",
            "SELECT json_array(uid, company, role_id, interview_date, updated_at) FROM process",
            "SELECT json_array(p.uid, r.round_id, r.date, r.done) FROM process_round r JOIN process p ON p.id = r.process_id",
            "SELECT json_array(p.uid, d.round_id, d.went, d.created_at) FROM debrief d JOIN process p ON p.id = d.process_id",
            "SELECT json_array(kind, uid) FROM sync_deleted",
        ]
        .iter()
        .map(|sql| self.query(sql))
        .collect()
    }

    /// A copy of this laptop's database with the same device, to try another merge order.
    fn copy(&self) -> Laptop {
        let dir = tempfile::tempdir().unwrap();
        self.conn
            .backup(
                rusqlite::MAIN_DB,
                prep_hub_lib::storage::db_path(dir.path()),
                None,
            )
            .unwrap();
        let conn = prep_hub_lib::storage::open(dir.path()).unwrap();
        Laptop {
            conn,
            device: self.device.clone(),
            _dir: dir,
        }
    }
}

fn acme(conn: &mut Connection, minute: i64) -> i64 {
    save_process(
        conn,
        &ProcessEdit {
            id: None,
            company: "Acme".into(),
            role_id: ROLE.into(),
            interview_date: day("2026-12-20"),
            rounds: vec![RoundDate {
                round_id: "system-design".into(),
                date: Some(day("2026-12-10")),
                done: false,
            }],
        },
        day("2026-12-01"),
        at(minute),
    )
    .unwrap()
    .id
}

fn assert_same(a: &Laptop, b: &Laptop, when: &str) {
    let (sa, sb) = (a.state(), b.state());
    for (i, (x, y)) in sa.iter().zip(&sb).enumerate() {
        let only_a: Vec<_> = x.difference(y).take(3).collect();
        let only_b: Vec<_> = y.difference(x).take(3).collect();
        assert!(
            only_a.is_empty() && only_b.is_empty(),
            "{when}: table {i} differs; only on A {only_a:?}, only on B {only_b:?}"
        );
    }
}

#[test]
fn two_laptops_stay_in_step_over_three_rounds() {
    let folder = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (Laptop::new("work"), Laptop::new("home"));
    let mut ratings = 0;

    // Round 1, no overlap: A practises and adds a process; B practises other questions.
    a.rate("owned-system-walkthrough", 3, 0);
    a.rate("duplicate-charge-idempotency", 2, 1);
    a.note("owned-system-walkthrough", "Start with the users.", 2);
    set_checklist_tick(&a.conn, ROLE, "trade-off-narration", true).unwrap();
    let pid_a = acme(&mut a.conn, 3);
    b.rate("subscription-api-design", 4, 4);
    ratings += 3;
    a.sync(folder.path(), 10);
    b.sync(folder.path(), 11);
    a.sync(folder.path(), 12);
    assert_same(&a, &b, "after round 1");
    assert_eq!(a.count("SELECT count(*) FROM review"), ratings);
    assert_eq!(
        b.count("SELECT count(*) FROM process"),
        1,
        "the process reached B"
    );

    // Round 2, overlapping: both rate the same question, edit the same note and the same process.
    a.rate("owned-system-walkthrough", 4, 20);
    b.rate("owned-system-walkthrough", 1, 21);
    ratings += 2;
    a.note(
        "duplicate-charge-idempotency",
        "A: use an idempotency key.",
        22,
    );
    b.note(
        "duplicate-charge-idempotency",
        "B: store the key with the result.",
        23,
    );
    // A records a debrief of the system design round (earlier); B moves the interview (later).
    save_debrief(
        &mut a.conn,
        &DebriefInput {
            process_id: pid_a,
            round_id: "system-design".into(),
            held_on: day("2026-12-10"),
            went: 4,
            notes: "went fine".into(),
            question_ids: vec![],
            new_questions: vec![],
        },
        at(24),
    )
    .unwrap();
    let pid_b = list_processes(&b.conn).unwrap()[0].id;
    save_process(
        &mut b.conn,
        &ProcessEdit {
            id: Some(pid_b),
            company: "Acme GmbH".into(),
            role_id: ROLE.into(),
            interview_date: day("2026-12-22"),
            rounds: vec![RoundDate {
                round_id: "system-design".into(),
                date: Some(day("2026-12-10")),
                done: false,
            }],
        },
        day("2026-12-01"),
        at(25),
    )
    .unwrap();

    // The merge is the same whichever device merges first: try both orders on copies.
    let (mut a2, mut b2) = (a.copy(), b.copy());
    let folder2 = tempfile::tempdir().unwrap();
    b.sync(folder.path(), 30);
    a.sync(folder.path(), 31);
    b.sync(folder.path(), 32);
    a2.sync(folder2.path(), 30);
    b2.sync(folder2.path(), 31);
    a2.sync(folder2.path(), 32);
    assert_same(&a, &b, "after round 2");
    assert_same(&a, &a2, "round 2, the other merge order");
    assert_same(&b, &b2, "round 2, the other merge order");
    assert_eq!(
        a.count("SELECT count(*) FROM review"),
        ratings,
        "no rating lost or doubled"
    );
    assert_eq!(
        a.count("SELECT count(*) FROM review WHERE question_id = 'owned-system-walkthrough'"),
        3
    );
    assert_eq!(
        a.query("SELECT body FROM note WHERE question_id = 'duplicate-charge-idempotency'"),
        BTreeSet::from(["B: store the key with the result.".to_string()]),
        "the latest edit wins"
    );
    assert_eq!(
        a.query("SELECT body FROM note_version WHERE question_id = 'duplicate-charge-idempotency'"),
        BTreeSet::from(["A: use an idempotency key.".to_string()]),
        "the other edit is kept as a version"
    );
    let p = &list_processes(&a.conn).unwrap()[0];
    assert_eq!(
        (p.company.as_str(), p.interview_date),
        ("Acme GmbH", day("2026-12-22")),
        "B's later edit"
    );
    assert!(
        p.rounds
            .iter()
            .any(|r| r.round_id == "system-design" && r.done),
        "A's debrief marked the round done, and done stays done"
    );
    assert_eq!(a.count("SELECT count(*) FROM debrief"), 1);
    // Cards are rebuilt from all ratings: three reviews of the walkthrough question.
    assert_eq!(
        a.count("SELECT reps FROM card WHERE question_id = 'owned-system-walkthrough'"),
        3
    );

    // Round 3: B deletes the process, A practises more, and the merge runs the other way round.
    delete_process(&b.conn, pid_b).unwrap();
    a.rate("subscription-api-design", 3, 40);
    b.rate("duplicate-charge-idempotency", 3, 41);
    ratings += 2;
    a.sync(folder.path(), 50);
    b.sync(folder.path(), 51);
    a.sync(folder.path(), 52);
    // Merging again changes nothing.
    let before = a.state();
    let report = a.sync(folder.path(), 53);
    assert_eq!(report.merged[0].added, 0, "{report:?}");
    assert_eq!(a.state(), before);
    assert_same(&a, &b, "after round 3");
    assert_eq!(a.count("SELECT count(*) FROM review"), ratings);
    assert_eq!(
        a.count("SELECT count(*) FROM process"),
        0,
        "the deletion reached A and stays"
    );
    assert_eq!(a.count("SELECT count(*) FROM debrief"), 0);

    // Each device knows when the other last wrote.
    let peers = sync::peers(&a.conn, &a.device.id).unwrap();
    let home = peers.iter().find(|p| p.device_name == "home").unwrap();
    assert_eq!(home.written_at, "2026-12-01T09:51:00.000Z");
    assert!(peers
        .iter()
        .any(|p| p.this_device && p.device_name == "work"));
}

#[test]
fn a_file_written_by_an_older_app_merges_by_what_its_rows_are() {
    // A backup from before ratings had ids: the same rating merged twice is still one rating.
    let folder = tempfile::tempdir().unwrap();
    let mut a = Laptop::new("work");
    a.rate("owned-system-walkthrough", 3, 0);
    let mut doc = sync::own_document(&a.conn, &a.device, at(1)).unwrap();
    for row in doc["tables"]["review"].as_array_mut().unwrap() {
        row.as_object_mut().unwrap().remove("uid");
    }
    doc["device"]["id"] = "old-laptop".into();
    std::fs::write(
        folder.path().join(sync::file_name("old-laptop")),
        serde_json::to_string(&doc).unwrap(),
    )
    .unwrap();
    let mut b = Laptop::new("home");
    b.sync(folder.path(), 2);
    b.sync(folder.path(), 3);
    assert_eq!(b.count("SELECT count(*) FROM review"), 1);
    let uid = b.query("SELECT uid FROM review");
    assert!(
        uid.iter()
            .next()
            .unwrap()
            .starts_with("legacy:senior-backend-developer/owned-system-walkthrough@"),
        "{uid:?}"
    );
}

#[test]
fn a_broken_file_in_the_folder_changes_nothing_and_is_named() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Laptop::new("work");
    a.rate("owned-system-walkthrough", 3, 0);
    std::fs::write(
        folder.path().join(sync::file_name("broken")),
        br#"{"format": "prep-hub-progress", "format_version": 1, "device": {"id": "broken", "name": "x"},
            "tables": {"review": [{"id": 1, "role_id": "r", "question_id": "q", "rating": 9,
            "reviewed_at": "2026-12-01T09:00:00Z", "seconds": 1}]}}"#,
    )
    .unwrap();
    let before = a.state();
    let report = sync::sync_all(&mut a.conn, folder.path(), &a.device, at(5)).unwrap();
    assert_eq!(report.problems.len(), 1);
    assert!(
        report.problems[0]
            .message
            .contains("$.tables.review[0].rating"),
        "{:?}",
        report.problems
    );
    assert_eq!(a.state(), before);
    assert!(
        folder.path().join(sync::file_name(&a.device.id)).exists(),
        "its own file is still written"
    );
}
