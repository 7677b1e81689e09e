//! Progress against a real database holding the built-in packs.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::backup::{self, Mode};
use super::practice::{self, Queues, Scope, ScopeKind};
use super::*;
use crate::packs::builtin;
use crate::storage::copies;

const ROLE: &str = "senior-backend-developer";

fn db() -> Connection {
    let mut conn = crate::storage::open_in_memory().unwrap();
    builtin::ensure_builtin(&mut conn).unwrap();
    conn
}

fn t(s: &str) -> DateTime<Utc> {
    parse_instant(s).unwrap()
}

fn all() -> Scope {
    Scope {
        kind: ScopeKind::All,
        value: None,
    }
}

fn qid(step: &practice::Step) -> String {
    step.question.as_ref().unwrap()["question_id"]
        .as_str()
        .unwrap()
        .to_string()
}

use super::practice::tests::{rate_once, start_once};

#[test]
fn new_questions_come_in_hiring_process_order() {
    let conn = db();
    let step = start_once(&conn, &all(), t("2026-12-01T09:00:00Z"));
    let items = role_items(&conn, ROLE).unwrap();
    assert_eq!(qid(&step), items[0].question_id);
    assert_eq!(
        step.question.as_ref().unwrap()["round"]["id"],
        "recruiter-screen"
    );
    assert_eq!(step.total, items.len());
    assert_eq!(step.done, 0);
}

#[test]
fn rating_moves_on_and_undo_restores_the_card() {
    let mut conn = db();
    let now = t("2026-12-01T09:00:00Z");
    let step = start_once(&conn, &all(), now);
    let first = qid(&step);
    let rated = rate_once(&mut conn, step.session_id, &first, 3, 40, now);
    assert_ne!(qid(&rated.step), first);
    assert_eq!(rated.step.done, 1);
    let second = qid(&rated.step);
    let before = load_card(&conn, ROLE, &second).unwrap();
    assert!(before.is_none());
    let later = now + Duration::seconds(60);
    rate_once(&mut conn, step.session_id, &second, 4, 30, later);
    assert!(load_card(&conn, ROLE, &second).unwrap().is_some());

    let undone = practice::undo(&mut conn, &mut Queues::default(), step.session_id, later).unwrap();
    assert_eq!(undone.undone["question_id"], second.as_str());
    assert_eq!(
        qid(&undone.step),
        second,
        "the undone question is asked again"
    );
    assert!(load_card(&conn, ROLE, &second).unwrap().is_none());
    assert!(load_card(&conn, ROLE, &first).unwrap().is_some());

    let summary = practice::end(&conn, &mut Queues::default(), step.session_id, later).unwrap();
    assert_eq!(summary.questions, 1);
    assert_eq!(summary.seconds, 40);
    assert_eq!(summary.ratings["good"], 1);
    let history = notes::review_history(&conn, ROLE, 10).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["question_id"], first.as_str());
}

#[test]
fn undo_with_nothing_rated_says_so() {
    let mut conn = db();
    let step = start_once(&conn, &all(), t("2026-12-01T09:00:00Z"));
    let err = practice::undo(
        &mut conn,
        &mut Queues::default(),
        step.session_id,
        t("2026-12-01T09:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "not_found");
    assert!(err.to_string().contains("nothing to undo"));
}

#[test]
fn bad_rating_and_unknown_question_are_refused_and_nothing_is_stored() {
    let mut conn = db();
    let now = t("2026-12-01T09:00:00Z");
    let step = start_once(&conn, &all(), now);
    let err = practice::rate(
        &mut conn,
        &mut Queues::default(),
        step.session_id,
        ROLE,
        &qid(&step),
        7,
        1,
        now,
    )
    .unwrap_err();
    assert!(err.to_string().contains("rating: 7"), "{err}");
    let err = practice::rate(
        &mut conn,
        &mut Queues::default(),
        step.session_id,
        ROLE,
        "no-such",
        3,
        1,
        now,
    )
    .unwrap_err();
    assert_eq!(err.kind(), "not_found");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM review", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn again_brings_a_question_back_later_in_the_same_session() {
    let mut conn = db();
    let now = t("2026-12-01T09:00:00Z");
    let scope = Scope {
        kind: ScopeKind::Round,
        value: Some("recruiter-screen".into()),
    };
    let step = start_once(&conn, &scope, now);
    assert_eq!(step.total, 1);
    let q = qid(&step);
    let rated = rate_once(&mut conn, step.session_id, &q, 1, 20, now);
    assert_eq!(qid(&rated.step), q);
    let rated = rate_once(
        &mut conn,
        step.session_id,
        &q,
        3,
        20,
        now + Duration::minutes(2),
    );
    assert!(rated.step.question.is_none(), "done once recalled");
}

#[test]
fn one_question_can_be_practised_on_its_own() {
    let mut conn = db();
    let now = t("2026-12-01T09:00:00Z");
    let scope = Scope {
        kind: ScopeKind::Question,
        value: Some("api-rate-limiter".into()),
    };
    let step = start_once(&conn, &scope, now);
    assert_eq!(step.total, 1);
    assert_eq!(qid(&step), "api-rate-limiter");
    let rated = rate_once(&mut conn, step.session_id, "api-rate-limiter", 3, 60, now);
    assert!(rated.step.question.is_none());
    let bad = Scope {
        kind: ScopeKind::Question,
        value: Some("no-such".into()),
    };
    assert_eq!(
        practice::start(&conn, &mut Queues::default(), ROLE, &bad, now)
            .unwrap_err()
            .kind(),
        "not_found"
    );
}

#[test]
fn unknown_scope_value_is_named() {
    let conn = db();
    let scope = Scope {
        kind: ScopeKind::Focus,
        value: Some("astrology".into()),
    };
    let err = practice::start(
        &conn,
        &mut Queues::default(),
        ROLE,
        &scope,
        t("2026-12-01T09:00:00Z"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("focus area 'astrology'"), "{err}");
}

fn add_process(conn: &Connection, interview: &str, rounds: &[(&str, Option<&str>)]) -> i64 {
    conn.execute(
        "INSERT INTO process(company, role_id, interview_date, created_at) VALUES ('Acme', ?1, ?2, '2026-11-29T00:00:00Z')",
        [ROLE, interview],
    )
    .unwrap();
    let id = conn.last_insert_rowid();
    for (round, date) in rounds {
        conn.execute(
            "INSERT INTO process_round(process_id, round_id, date) VALUES (?1, ?2, ?3)",
            rusqlite::params![id, round, date],
        )
        .unwrap();
    }
    id
}

fn day(s: &str) -> NaiveDate {
    parse_day(s).unwrap()
}

#[test]
fn undated_rounds_take_the_next_known_date_in_process_order() {
    let conn = db();
    add_process(
        &conn,
        "2026-12-20",
        &[("system-design", Some("2026-12-09"))],
    );
    let d = round_deadlines(&conn, ROLE, day("2026-12-01")).unwrap();
    assert_eq!(d["recruiter-screen"], day("2026-12-09"));
    assert_eq!(d["system-design"], day("2026-12-09"));
    assert_eq!(d["reliability-and-operations"], day("2026-12-20"));
    assert_eq!(d["leadership-final"], day("2026-12-20"));
    // Once the system design date has passed, its round no longer has a deadline.
    let d = round_deadlines(&conn, ROLE, day("2026-12-10")).unwrap();
    assert!(!d.contains_key("system-design"));
}

#[test]
fn rated_items_are_never_due_after_their_round() {
    let mut conn = db();
    add_process(&conn, "2026-12-10", &[]);
    let now = t("2026-12-01T09:00:00Z");
    let step = start_once(&conn, &all(), now);
    let mut q = qid(&step);
    for _ in 0..6 {
        let rated = rate_once(&mut conn, step.session_id, &q, 4, 10, now);
        let due = parse_instant(rated.card["effective_due"].as_str().unwrap()).unwrap();
        assert!(
            schedule::local_date(due) <= day("2026-12-08"),
            "Easy on day one would schedule after the round; got {due}"
        );
        assert_eq!(rated.card["deadline"], "2026-12-10");
        match rated.step.question {
            Some(_) => q = qid(&rated.step),
            None => break,
        }
    }
}

fn save_mock(conn: &mut Connection, round: &str, seconds: u32, score: u8, at: &str) {
    let flow = mocks::flow(conn, ROLE, round).unwrap();
    let criteria: Vec<String> = serde_json::from_value(flow["round"]["assesses"].clone()).unwrap();
    let scores = criteria.iter().map(|c| (c.clone(), score)).collect();
    mocks::save(
        conn,
        &mocks::MockInput {
            role_id: ROLE.into(),
            round_id: round.into(),
            started_at: at.into(),
            seconds,
            scores,
            notes: String::new(),
        },
        t(at) + Duration::seconds(i64::from(seconds)),
    )
    .unwrap();
}

#[test]
fn readiness_needs_two_review_days_and_mocks_that_ran_long_enough() {
    let mut conn = db();
    let now = t("2026-12-01T09:00:00Z");
    let before = overview::overview(&conn, ROLE, now).unwrap();
    assert_eq!(before["readiness"]["overall"], 0.0);
    let scope = Scope {
        kind: ScopeKind::Round,
        value: Some("recruiter-screen".into()),
    };
    let round = |v: &Value| {
        v["readiness"]["by_round"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "recruiter-screen")
            .cloned()
            .unwrap()
    };
    let step = start_once(&conn, &scope, now);
    rate_once(&mut conn, step.session_id, &qid(&step), 4, 60, now);
    let once = overview::overview(&conn, ROLE, now).unwrap();
    assert_eq!(
        round(&once)["recall_share"],
        0.0,
        "one review is not evidence yet, however easy it was"
    );
    assert_eq!(once["readiness"]["need_second_day"], 1);
    assert_eq!(once["readiness"]["overall"], 0.0);

    // A second review on another day, recalled well: now it counts.
    let later = t("2026-12-04T09:00:00Z");
    let step = start_once(&conn, &scope, later);
    rate_once(&mut conn, step.session_id, &qid(&step), 4, 60, later);
    let twice = overview::overview(&conn, ROLE, later).unwrap();
    assert_eq!(round(&twice)["recall_share"], 1.0);
    assert!((round(&twice)["readiness"].as_f64().unwrap() - 0.8).abs() < 1e-9);

    // A one-second mock of a 30-minute round does not count, however well it was scored.
    save_mock(&mut conn, "recruiter-screen", 1, 5, "2026-12-04T10:00:00Z");
    let short = overview::overview(&conn, ROLE, later).unwrap();
    assert!((round(&short)["readiness"].as_f64().unwrap() - 0.8).abs() < 1e-9);
    assert_eq!(round(&short)["mock_score"], Value::Null);
    assert_eq!(short["readiness"]["short_mocks"], 1);

    // Half the round's length is enough.
    save_mock(
        &mut conn,
        "recruiter-screen",
        15 * 60,
        5,
        "2026-12-04T11:00:00Z",
    );
    let with_mock = overview::overview(&conn, ROLE, later).unwrap();
    assert!((round(&with_mock)["readiness"].as_f64().unwrap() - 1.0).abs() < 1e-9);
    assert_eq!(with_mock["mocks"].as_array().unwrap().len(), 2);
    assert_eq!(with_mock["totals"]["minutes"], 18);
    assert_eq!(with_mock["streak"]["current"], 1);
}

#[test]
fn readiness_on_the_library_lists_only_practised_roles() {
    let mut conn = db();
    let now = t("2026-12-01T09:00:00Z");
    assert!(overview::readiness_by_role(&conn, now).unwrap().is_empty());
    let step = start_once(&conn, &all(), now);
    rate_once(&mut conn, step.session_id, &qid(&step), 3, 60, now);
    let list = overview::readiness_by_role(&conn, now).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["role_id"], ROLE);
    assert_eq!(list[0]["overall"], 0.0);
    assert_eq!(list[0]["learned"], 1);
}

#[test]
fn mock_without_every_criterion_is_refused_with_names() {
    let mut conn = db();
    let err = mocks::save(
        &mut conn,
        &mocks::MockInput {
            role_id: ROLE.into(),
            round_id: "system-design".into(),
            started_at: "2026-12-01T10:00:00Z".into(),
            seconds: 60,
            scores: [("Charm".to_string(), 9u8)].into_iter().collect(),
            notes: String::new(),
        },
        t("2026-12-01T10:30:00Z"),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("give a score for"), "{msg}");
    assert!(msg.contains("Charm"), "{msg}");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM mock", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

fn story(title: &str, comps: &[&str], links: &[&str], text: &str) -> stories::Story {
    stories::Story {
        id: None,
        title: title.into(),
        situation: format!("Situation. {text}"),
        task: "Task.".into(),
        action: "Action.".into(),
        result: "Result.".into(),
        metrics: String::new(),
        competencies: comps.iter().map(|s| s.to_string()).collect(),
        links: links
            .iter()
            .map(|q| stories::Link {
                role_id: ROLE.into(),
                question_id: q.to_string(),
                prompt: None,
            })
            .collect(),
        created_at: None,
        updated_at: None,
    }
}

#[test]
fn linking_a_story_changes_coverage_and_the_seed_checks() {
    let mut conn = db();
    let before = stories::coverage(&conn, ROLE).unwrap();
    assert!(
        before.total >= 3,
        "the seed's behavioural questions are listed"
    );
    assert_eq!(before.covered, 0);
    assert!(before.checks.iter().all(|c| !c.met));
    let now = t("2026-12-01T09:00:00Z");
    stories::save(
        &mut conn,
        &story(
            "Checkout outage",
            &["incident-response"],
            &["incident-timeline-story"],
            "Timeline: paged at 14:05, rolled back at 14:20, root cause fixed for good. MTTR 15 minutes, p95 back under 300 ms.",
        ),
        now,
    )
    .unwrap();
    let after = stories::coverage(&conn, ROLE).unwrap();
    assert_eq!(after.covered, 1);
    let check = |id: &str| after.checks.iter().find(|c| c.id == id).unwrap();
    assert!(check("incident").met, "{:?}", check("incident"));
    assert!(!check("team-system").met);
    assert_eq!(
        check("reliability-metrics").missing,
        vec![
            "error budget".to_string(),
            "change failure rate".to_string()
        ]
    );
    let incident = after
        .competencies
        .iter()
        .find(|c| c["id"] == "incident-response")
        .unwrap();
    assert_eq!(incident["stories"].as_array().unwrap().len(), 1);
}

#[test]
fn story_with_missing_parts_lists_every_field() {
    let mut conn = db();
    let mut s = story("", &[], &["no-such-question"], "");
    s.task = " ".into();
    let err = stories::save(&mut conn, &s, t("2026-12-01T09:00:00Z")).unwrap_err();
    let msg = err.to_string();
    for part in ["title", "task", "competencies", "links[0]"] {
        assert!(msg.contains(part), "{part} missing from: {msg}");
    }
}

#[test]
fn own_questions_are_practised_and_export_as_a_valid_pack() {
    let mut conn = db();
    let now = t("2026-12-01T09:00:00Z");
    let q = own::save(
        &conn,
        ROLE,
        &own::OwnQuestion {
            id: None,
            round_id: "coding-deep-dive".into(),
            focus_area: "coding".into(),
            prompt: "How would I shard the ledger table?".into(),
            answer: "By account id, because **every** query filters on it.".into(),
            skills: vec!["partitioning".into()],
            follow_ups: vec!["What about cross-account transfers?".into()],
            difficulty: "advanced".into(),
            minutes: 20,
            created_at: None,
            updated_at: None,
        },
        now,
    )
    .unwrap();
    let id = q.id.clone().unwrap();
    assert_eq!(id, "mine-1");
    let view = practice::question_view(&conn, ROLE, &id, now).unwrap();
    assert_eq!(view["own"], true);
    assert!(view["question"]["answer"]["summary_html"]
        .as_str()
        .unwrap()
        .contains("<strong>every</strong>"));
    let (pack, count) = own::export_pack(&conn, now).unwrap();
    assert_eq!(count, 1);
    let value = serde_json::to_value(&pack).unwrap();
    crate::packs::validate::validate_value(&value).expect("the exported pack imports");

    let step = practice::start(
        &conn,
        &mut Queues::default(),
        ROLE,
        &Scope {
            kind: ScopeKind::Round,
            value: Some("coding-deep-dive".into()),
        },
        now,
    )
    .unwrap();
    assert_eq!(
        step.total,
        role_items(&conn, ROLE)
            .unwrap()
            .iter()
            .filter(|i| i.round_id == "coding-deep-dive")
            .count()
    );
    rate_once(&mut conn, step.session_id, &id, 3, 5, now);
    assert_eq!(own::delete(&mut conn, ROLE, &id).unwrap(), 1);
    assert!(load_card(&conn, ROLE, &id).unwrap().is_none());
}

#[test]
fn own_question_problems_name_their_fields() {
    let conn = db();
    let err = own::save(
        &conn,
        ROLE,
        &own::OwnQuestion {
            id: None,
            round_id: "tea-break".into(),
            focus_area: "coding".into(),
            prompt: "  ".into(),
            answer: String::new(),
            skills: vec![],
            follow_ups: vec![],
            difficulty: "legendary".into(),
            minutes: 0,
            created_at: None,
            updated_at: None,
        },
        t("2026-12-01T09:00:00Z"),
    )
    .unwrap_err()
    .to_string();
    for part in [
        "prompt",
        "difficulty: 'legendary'",
        "minutes: 0",
        "round_id: the role has no round 'tea-break'",
    ] {
        assert!(err.contains(part), "{part} missing from: {err}");
    }
}

/// Fills every progress table with a little data.
fn practise_a_bit(conn: &mut Connection) {
    let now = t("2026-12-01T09:00:00Z");
    let pid = add_process(conn, "2026-12-20", &[("system-design", Some("2026-12-09"))]);
    conn.execute(
        "INSERT INTO debrief(process_id, round_id, held_on, went, notes, created_at) VALUES (?1, 'recruiter-screen', '2026-11-28', 4, 'fine', '2026-11-28T18:00:00Z')",
        [pid],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO debrief_question(debrief_id, role_id, question_id) VALUES (?1, ?2, 'owned-system-walkthrough')",
        rusqlite::params![conn.last_insert_rowid(), ROLE],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO day_override(date, minutes, note) VALUES ('2026-12-05', 0, 'wedding')",
        [],
    )
    .unwrap();
    crate::tailor::store::save_posting(
        conn,
        pid,
        "Kafka and incident response",
        "posting.txt",
        now,
    )
    .unwrap();
    conn.execute("INSERT INTO plan_task_done(task_key, date, minutes, done_at) VALUES ('learn/x/y', '2026-12-01', 20, '2026-12-01T10:00:00Z')", []).unwrap();
    let step = start_once(conn, &all(), now);
    let mut s = step.session_id;
    let mut q = qid(&step);
    for i in 0..4u8 {
        let r = practice::rate(
            conn,
            &mut Queues::default(),
            s,
            ROLE,
            &q,
            1 + i % 4,
            30,
            now + Duration::minutes(i as i64),
        )
        .unwrap();
        s = r.step.session_id;
        q = qid(&r.step);
    }
    own::save(
        conn,
        ROLE,
        &own::OwnQuestion {
            id: None,
            round_id: "system-design".into(),
            focus_area: "system-design".into(),
            prompt: "Design a feature-flag service".into(),
            answer: "Start from the read path.".into(),
            skills: vec!["caching".into()],
            follow_ups: vec![],
            difficulty: "intermediate".into(),
            minutes: 15,
            created_at: None,
            updated_at: None,
        },
        now,
    )
    .unwrap();
    notes::save_note(conn, ROLE, &q, "Mention the outbox.", now).unwrap();
    notes::save_draft(conn, ROLE, &q, "First go.", now).unwrap();
    notes::set_flag(conn, ROLE, &q, "revisit", true).unwrap();
    crate::packs::store::set_checklist_tick(conn, ROLE, "practice-design-aloud", true).ok();
    stories::save(
        conn,
        &story(
            "Outage",
            &["incident-response"],
            &["incident-timeline-story"],
            "x",
        ),
        now,
    )
    .unwrap();
    let flow = mocks::flow(conn, ROLE, "system-design").unwrap();
    let criteria: Vec<String> = serde_json::from_value(flow["round"]["assesses"].clone()).unwrap();
    mocks::save(
        conn,
        &mocks::MockInput {
            role_id: ROLE.into(),
            round_id: "system-design".into(),
            started_at: "2026-12-01T11:00:00Z".into(),
            seconds: 3000,
            scores: criteria.into_iter().map(|c| (c, 3)).collect(),
            notes: "ran out of time".into(),
        },
        t("2026-12-01T12:00:00Z"),
    )
    .unwrap();
}

/// The tables of a backup with every instant written as the app writes it (UTC, milliseconds):
/// an import stores instants that way, whatever offset or precision the file used.
fn tables_of(doc: &Value) -> Value {
    fn canonical(v: &mut Value) {
        match v {
            Value::String(s) => {
                if let Ok(at) = chrono::DateTime::parse_from_rfc3339(s) {
                    *s = super::instant_text(at.with_timezone(&chrono::Utc));
                }
            }
            Value::Array(items) => items.iter_mut().for_each(canonical),
            Value::Object(map) => map.values_mut().for_each(canonical),
            _ => {}
        }
    }
    let mut tables = doc["tables"].clone();
    canonical(&mut tables);
    tables
}

#[test]
fn backup_round_trip_gives_identical_data() {
    let mut conn = db();
    practise_a_bit(&mut conn);
    let now = t("2026-12-02T09:00:00Z");
    let first = backup::export(
        &conn,
        Some(json!({"weekday_minutes": [1, 2, 3, 4, 5, 6, 7]})),
        now,
    )
    .unwrap();
    for (name, rows) in first["tables"].as_object().unwrap() {
        let optional = [
            "checklist_tick",
            "process_offer",
            "note_version",
            "sync_deleted",
        ];
        assert!(
            !rows.as_array().unwrap().is_empty() || optional.contains(&name.as_str()),
            "the test should fill {name}"
        );
    }
    let mut fresh = db();
    let report = backup::import(&mut fresh, &first, Mode::Replace).unwrap();
    assert_eq!(report.settings.unwrap()["weekday_minutes"][6], 7);
    let second = backup::export(&fresh, None, now).unwrap();
    assert_eq!(tables_of(&first), tables_of(&second));

    // Merging the same file again adds nothing.
    let report = backup::import(&mut fresh, &first, Mode::Merge).unwrap();
    assert_eq!(report.added.values().sum::<usize>(), 0, "{report:?}");
    assert_eq!(
        tables_of(&backup::export(&fresh, None, now).unwrap()),
        tables_of(&first)
    );
}

#[test]
fn merge_into_a_database_with_other_progress_keeps_both() {
    let mut conn = db();
    practise_a_bit(&mut conn);
    let doc = backup::export(&conn, None, t("2026-12-02T09:00:00Z")).unwrap();
    let mut other = db();
    let now = t("2026-12-03T09:00:00Z");
    stories::save(
        &mut other,
        &story("Mentoring Sam", &["mentoring"], &[], "x"),
        now,
    )
    .unwrap();
    backup::import(&mut other, &doc, Mode::Merge).unwrap();
    let titles: Vec<String> = stories::list(&other)
        .unwrap()
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    let links: i64 = other
        .query_row("SELECT count(*) FROM story_link", [], |r| r.get(0))
        .unwrap();
    assert_eq!(links, 1);
    let reviews: i64 = other
        .query_row("SELECT count(*) FROM review", [], |r| r.get(0))
        .unwrap();
    assert_eq!(reviews, 4);
    let cards: i64 = other
        .query_row("SELECT count(*) FROM card", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cards, 4, "cards are rebuilt from the merged reviews");
}

#[test]
fn broken_backup_lists_every_problem_and_writes_nothing() {
    let mut conn = db();
    practise_a_bit(&mut conn);
    let mut doc = backup::export(&conn, None, t("2026-12-02T09:00:00Z")).unwrap();
    doc["tables"]["review"][0]["rating"] = json!(9);
    doc["tables"]["review"][1]["reviewed_at"] = json!("yesterday");
    doc["tables"]["story_link"][0]["story_id"] = json!(999);
    doc["tables"]["recipes"] = json!([]);
    let before = backup::export(&conn, None, t("2026-12-02T09:00:00Z")).unwrap();
    let err = backup::import(&mut conn, &doc, Mode::Replace).unwrap_err();
    assert_eq!(err.kind(), "backup_invalid");
    let v = serde_json::to_value(&err).unwrap();
    let paths: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    for p in [
        "$.tables.review[0].rating",
        "$.tables.review[1].reviewed_at",
        "$.tables.story_link[0].story_id",
        "$.tables.recipes",
    ] {
        assert!(paths.contains(&p), "{p} not in {paths:?}");
    }
    let after = backup::export(&conn, None, t("2026-12-02T09:00:00Z")).unwrap();
    assert_eq!(tables_of(&before), tables_of(&after));

    let err =
        backup::import(&mut conn, &json!({"format": "something-else"}), Mode::Merge).unwrap_err();
    assert!(
        err.to_string().contains("not a Prep Hub progress backup"),
        "{err}"
    );
}

#[test]
fn reset_role_removes_its_progress_and_keeps_stories_and_processes() {
    let mut conn = db();
    practise_a_bit(&mut conn);
    let impact = backup::role_impact(&conn, ROLE).unwrap();
    assert_eq!(impact.reviews, 4);
    assert_eq!(impact.mocks, 1);
    backup::reset_role(&mut conn, ROLE).unwrap();
    let after = backup::role_impact(&conn, ROLE).unwrap();
    assert_eq!(
        after.reviews + after.notes + after.drafts + after.mocks + after.flags,
        0
    );
    assert_eq!(stories::list(&conn).unwrap().len(), 1);
    let processes: i64 = conn
        .query_row("SELECT count(*) FROM process", [], |r| r.get(0))
        .unwrap();
    assert_eq!(processes, 1);
}

#[test]
fn daily_backups_keep_the_last_seven_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = crate::storage::open(dir.path()).unwrap();
    builtin::ensure_builtin(&mut conn).unwrap();
    for d in 1..=9 {
        let day = NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert!(copies::rolling_backup(&conn, dir.path(), day, false)
            .unwrap()
            .is_some());
        assert!(
            copies::rolling_backup(&conn, dir.path(), day, false)
                .unwrap()
                .is_none(),
            "once a day"
        );
    }
    let files = copies::list_backups(dir.path()).unwrap();
    assert_eq!(files.len(), 7);
    assert_eq!(files[0].date, "2026-12-09");
    assert_eq!(files[6].date, "2026-12-03");

    practise_a_bit(&mut conn);
    let reviews = |c: &Connection| -> i64 {
        c.query_row("SELECT count(*) FROM review", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(reviews(&conn), 4);
    let kept = copies::restore(
        &mut conn,
        dir.path(),
        "prep-hub-2026-12-09.sqlite3",
        t("2026-12-10T08:00:00Z"),
    )
    .unwrap();
    assert_eq!(reviews(&conn), 0, "the copy from before practising");
    assert!(dir.path().join("backups").join(&kept).exists());
    let err = copies::restore(
        &mut conn,
        dir.path(),
        "../prep-hub.sqlite3",
        t("2026-12-10T08:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "invalid");
}
