//! A user's data from every earlier version opens in this one and is all still there.
//!
//! `tests/fixtures/upgrade/db-vN.sqlite3` is a database at schema version N with the progress
//! and plans a user of that version could have had, written once by `write_upgrade_fixtures`
//! (run it with `--ignored` when a release adds a schema version) and kept in the repository,
//! so each later version is tested against the same bytes. `settings-*.json` are settings
//! files as earlier versions wrote them.

use std::path::PathBuf;

use chrono::Utc;
use prep_hub_lib::packs::builtin;
use prep_hub_lib::progress::{backup, overview};
use prep_hub_lib::settings::Theme;
use prep_hub_lib::{settings_store, storage};
use rusqlite::Connection;

/// The schema versions that shipped before this one: a fixture each.
const RELEASED: &[usize] = &[1, 2, 3, 4, 5, 6];
const ROLE: &str = "senior-backend-developer";

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upgrade")
}

/// What a user of schema `version` could have stored, with the columns that version had.
fn seed(conn: &Connection, version: usize) {
    let run = |sql: &str| conn.execute_batch(sql).unwrap();
    run(
        "INSERT INTO checklist_tick(role_id, item_id, ticked_at) VALUES
         ('senior-backend-developer', 'trade-off-narration', '2026-10-01T08:00:00.000Z')",
    );
    if version < 2 {
        return;
    }
    run(r#"
        INSERT INTO practice_session(id, role_id, scope, started_at, ended_at)
            VALUES (1, 'senior-backend-developer', '{"kind":"all","value":null}', '2026-10-02T18:00:00.000Z', '2026-10-02T18:40:00.000Z');
        INSERT INTO review(id, role_id, question_id, rating, reviewed_at, seconds, session_id) VALUES
            (1, 'senior-backend-developer', 'owned-system-walkthrough', 3, '2026-10-02T18:05:00.000Z', 240, 1),
            (2, 'senior-backend-developer', 'subscription-api-design', 2, '2026-10-02T18:20:00.000Z', 600, 1),
            (3, 'senior-backend-developer', 'owned-system-walkthrough', 4, '2026-10-06T07:30:00.000Z', 90, NULL);
        INSERT INTO card(role_id, question_id, state, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, due, last_review) VALUES
            ('senior-backend-developer', 'owned-system-walkthrough', 2, 12.5, 4.2, 4, 12, 2, 0, '2026-10-18T07:30:00.000Z', '2026-10-06T07:30:00.000Z'),
            ('senior-backend-developer', 'subscription-api-design', 1, 0.8, 6.9, 0, 0, 1, 0, '2026-10-02T18:30:00.000Z', '2026-10-02T18:20:00.000Z');
        INSERT INTO note(role_id, question_id, body, updated_at) VALUES
            ('senior-backend-developer', 'subscription-api-design', 'Start with the 412 on a stale If-Match.', '2026-10-02T18:25:00.000Z');
        INSERT INTO flag(role_id, question_id, favourite, revisit) VALUES
            ('senior-backend-developer', 'subscription-api-design', 1, 1);
        INSERT INTO draft(id, role_id, question_id, body, written_at) VALUES
            (1, 'senior-backend-developer', 'owned-system-walkthrough', 'Orders service, 600 rps at peak.', '2026-10-02T18:03:00.000Z');
        INSERT INTO own_question(role_id, id, round_id, focus_area, prompt, answer, skills, follow_ups, difficulty, minutes, created_at, updated_at) VALUES
            ('senior-backend-developer', 'mine-1', 'system-design', 'system-design', 'Design a feature-flag service', 'Start from the read path.', '["caching"]', '[]', 'intermediate', 20, '2026-10-03T09:00:00.000Z', '2026-10-03T09:00:00.000Z');
        INSERT INTO story(id, title, situation, task, action, result, metrics, competencies, created_at, updated_at) VALUES
            (1, 'The checkout outage', 'Friday peak.', 'Lead the incident.', 'Flag off, then fixes.', '29 minutes to recover.', 'MTTR 50 -> 18 min', '["incident-response"]', '2026-10-04T20:00:00.000Z', '2026-10-04T20:00:00.000Z');
        INSERT INTO story_link(story_id, role_id, question_id) VALUES (1, 'senior-backend-developer', 'incident-timeline-story');
        INSERT INTO mock(id, role_id, round_id, started_at, finished_at, seconds, notes) VALUES
            (1, 'senior-backend-developer', 'system-design', '2026-10-05T19:00:00.000Z', '2026-10-05T19:55:00.000Z', 3300, 'Ran out of time on the cache.');
        INSERT INTO mock_score(mock_id, criterion, score) VALUES (1, 'Clarifies requirements', 4), (1, 'Trade-offs', 3);
    "#);
    if version < 3 {
        return;
    }
    run(r#"
        INSERT INTO process(id, company, role_id, interview_date, archived, created_at) VALUES
            (1, 'Acme Payments', 'senior-backend-developer', '2026-11-20', 0, '2026-10-01T07:00:00.000Z');
        INSERT INTO process_round(process_id, round_id, date, done) VALUES
            (1, 'recruiter-screen', '2026-10-08', 1), (1, 'system-design', '2026-11-02', 0);
        INSERT INTO day_override(date, minutes, note) VALUES ('2026-10-10', 0, 'wedding');
        INSERT INTO plan_task_done(task_key, date, minutes, done_at) VALUES
            ('learn/senior-backend-developer/owned-system-walkthrough', '2026-10-02', 25, '2026-10-02T18:40:00.000Z');
        INSERT INTO debrief(id, process_id, round_id, held_on, went, notes, created_at) VALUES
            (1, 1, 'recruiter-screen', '2026-10-08', 4, 'Asked about on-call.', '2026-10-08T17:00:00.000Z');
        INSERT INTO debrief_question(debrief_id, role_id, question_id) VALUES (1, 'senior-backend-developer', 'owned-system-walkthrough');
    "#);
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
#[ignore = "writes the fixtures; run once when a release adds a schema version"]
fn write_upgrade_fixtures() {
    std::fs::create_dir_all(fixtures()).unwrap();
    for &version in RELEASED {
        let path = fixtures().join(format!("db-v{version}.sqlite3"));
        let _ = std::fs::remove_file(&path);
        let mut conn = Connection::open(&path).unwrap();
        storage::migrate_to(&mut conn, version).unwrap();
        seed(&conn, version);
        conn.execute_batch("VACUUM").unwrap();
    }
}

#[test]
fn every_earlier_database_opens_and_keeps_its_data() {
    for &version in RELEASED {
        let what = format!("schema version {version}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            fixtures().join(format!("db-v{version}.sqlite3")),
            storage::db_path(dir.path()),
        )
        .unwrap_or_else(|e| panic!("{what}: the fixture is missing ({e})"));
        let mut conn = storage::open(dir.path()).unwrap_or_else(|e| panic!("{what}: {e}"));
        builtin::ensure_builtin(&mut conn).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(
            storage::schema_version(&conn).unwrap(),
            storage::latest_version()
        );
        assert_eq!(count(&conn, "checklist_tick"), 1, "{what}");
        if version >= 2 {
            for (table, n) in [
                ("review", 3),
                ("card", 2),
                ("note", 1),
                ("flag", 1),
                ("draft", 1),
                ("own_question", 1),
                ("story", 1),
                ("story_link", 1),
                ("mock", 1),
                ("mock_score", 2),
                ("practice_session", 1),
            ] {
                assert_eq!(count(&conn, table), n, "{what}: {table}");
            }
            let note: String = conn
                .query_row("SELECT body FROM note", [], |r| r.get(0))
                .unwrap();
            assert_eq!(note, "Start with the 412 on a stale If-Match.", "{what}");
            // The app reads it all as its own: progress shows, and a backup of it passes.
            let shown = overview::overview(&conn, ROLE, Utc::now())
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert!(shown.is_object(), "{what}");
            let doc = backup::export(&conn, None, Utc::now()).unwrap();
            backup::validate(&doc).unwrap_or_else(|p| panic!("{what}: {p:#?}"));
        }
        if version >= 3 {
            for (table, n) in [
                ("process", 1),
                ("process_round", 2),
                ("day_override", 1),
                ("plan_task_done", 1),
                ("debrief", 1),
                ("debrief_question", 1),
            ] {
                assert_eq!(count(&conn, table), n, "{what}: {table}");
            }
        }
    }
}

#[test]
fn every_earlier_settings_file_reads() {
    let dir = tempfile::tempdir().unwrap();
    for (file, theme, monday) in [
        ("settings-0.1.0.json", Theme::Dark, 45),
        ("settings-unknown-keys.json", Theme::Light, 90),
    ] {
        std::fs::copy(
            fixtures().join(file),
            settings_store::settings_path(dir.path()),
        )
        .unwrap();
        let (settings, warning) = settings_store::load(dir.path());
        assert_eq!(warning, None, "{file}");
        assert_eq!(settings.theme, theme, "{file}");
        assert_eq!(settings.weekday_minutes[0], monday, "{file}");
    }
}
