//! Reading interview invites as Google Calendar, Outlook / Exchange and Apple Calendar write
//! them (fixtures in tests/fixtures/ics, described in its README), and moving rounds with them.

use chrono::{DateTime, NaiveDate, Utc};
use prep_hub_lib::invite::store::{self, Assignment};
use prep_hub_lib::invite::{read_invite, InviteEvent};
use prep_hub_lib::planner::store::{
    current_plan, list_processes, save_process, ProcessEdit, RoundDate,
};
use rusqlite::Connection;

const ROLE: &str = "senior-backend-developer";
const WEEK: [u32; 7] = [60, 60, 60, 60, 60, 180, 0];

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/ics")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The events of a fixture as a user in Berlin sees them.
fn events(name: &str) -> Vec<InviteEvent> {
    read_invite(&fixture(name), &chrono_tz::Europe::Berlin)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn only(name: &str) -> InviteEvent {
    let mut all = events(name);
    assert_eq!(all.len(), 1, "{name}: {all:#?}");
    all.remove(0)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

#[test]
fn google_calendar_invite_in_new_york_time() {
    let e = only("google-calendar.ics");
    assert_eq!(e.uid, "7kukuqrfedlm2f9t0vp0t2ksmq@google.com");
    assert_eq!(e.sequence, 0);
    assert_eq!(e.summary, "Acme – System design interview");
    assert_eq!(e.date, Some(day("2026-12-10")));
    assert_eq!(
        e.time.as_deref(),
        Some("16:00"),
        "10:00 EST is 16:00 in Berlin"
    );
    assert_eq!(e.time_zone.as_deref(), Some("America/New_York"));
    assert_eq!(e.zone_time.as_deref(), Some("10:00"));
    assert_eq!(e.starts_at.as_deref(), Some("2026-12-10T10:00:00-05:00"));
    assert_eq!(
        e.location, "https://meet.google.com/abc-defg-hij",
        "the Meet link, once"
    );
    assert!(!e.cancelled && e.refused.is_none());
}

#[test]
fn outlook_windows_zone_and_teams_link() {
    let e = only("outlook-exchange.ics");
    assert_eq!(e.summary, "Technical interview – Coding deep dive");
    assert_eq!(
        e.time_zone.as_deref(),
        Some("Europe/Berlin"),
        "W. Europe Standard Time"
    );
    assert_eq!(
        (e.time.as_deref(), e.zone_time.as_deref()),
        (Some("09:30"), None)
    );
    assert!(
        e.location
            .starts_with("Microsoft Teams Meeting · https://teams.microsoft.com/l/meetup-join/"),
        "{}",
        e.location
    );
    assert!(
        e.uid.starts_with("040000008200E000") && e.uid.len() > 100,
        "a long Exchange UID across a fold"
    );
}

#[test]
fn outlook_custom_zone_is_read_from_its_vtimezone_rules() {
    let e = only("outlook-custom-zone.ics");
    assert_eq!(e.time_zone.as_deref(), Some("Customized Time Zone"));
    // 09:00 at -08:00 (standard time since 1 November) is 17:00 UTC, 18:00 in Berlin.
    assert_eq!(e.starts_at.as_deref(), Some("2026-12-16T09:00:00-08:00"));
    assert_eq!(
        (e.time.as_deref(), e.zone_time.as_deref()),
        (Some("18:00"), Some("09:00"))
    );
    assert_eq!(e.location, "Acme HQ, 400 Pine St, Seattle; lobby B");
}

#[test]
fn apple_calendar_all_day_and_london_time() {
    let all = events("apple-calendar.ics");
    assert_eq!(all.len(), 2);
    let screen = &all[0];
    assert!(screen.all_day);
    assert_eq!(
        (screen.date, screen.time.as_deref()),
        (Some(day("2026-12-03")), None)
    );
    let ops = &all[1];
    assert_eq!(ops.summary, "Acme – Reliability & operations");
    assert_eq!(ops.time.as_deref(), Some("15:30"), "14:30 GMT");
    assert_eq!(ops.time_zone.as_deref(), Some("Europe/London"));
    assert_eq!(
        ops.location,
        "Acme London, 1 Example Street, London EC1A 1AA"
    );
    assert_eq!(ops.sequence, 1);
}

#[test]
fn a_series_is_refused_and_its_changed_occurrence_and_a_floating_time_are_read() {
    let all = events("recurring-series.ics");
    assert_eq!(all.len(), 3);
    let why = all[0].refused.as_deref().expect("the series is refused");
    assert!(
        why.contains("repeats (RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3)"),
        "{why}"
    );
    assert!(why.contains("enter its date by hand"), "{why}");
    assert_eq!(all[1].refused, None);
    assert_eq!(all[1].uid, "series-prep-calls@google.com#20261214T160000Z");
    assert_eq!(
        (all[1].date, all[1].time.as_deref()),
        (Some(day("2026-12-15")), Some("18:00"))
    );
    assert_eq!(all[2].time_zone, None, "floating");
    assert_eq!(all[2].time.as_deref(), Some("09:00"));
    assert_eq!(all[2].starts_at.as_deref(), Some("2026-12-18T09:00:00"));
}

#[test]
fn a_cancellation_is_marked() {
    let e = only("cancelled.ics");
    assert!(e.cancelled);
    assert_eq!(e.sequence, 3);
}

#[test]
fn broken_files_say_what_is_wrong() {
    let berlin = chrono_tz::Europe::Berlin;
    let err = read_invite("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Mars/Olympus:20261210T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", &berlin).unwrap();
    let why = err[0].refused.as_deref().unwrap();
    assert!(
        why.contains("Mars/Olympus") && why.contains("VTIMEZONE"),
        "{why}"
    );
    let bad = read_invite("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:y\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", &berlin).unwrap();
    assert!(bad[0]
        .refused
        .as_deref()
        .unwrap()
        .contains("'tomorrow' is not a date and time"));
    let e = read_invite("BEGIN:VCARD\r\nFN:Sam\r\nEND:VCARD\r\n", &berlin).unwrap_err();
    assert!(e.to_string().contains("BEGIN:VCALENDAR"), "{e}");
}

fn acme() -> (Connection, i64) {
    let mut conn = prep_hub_lib::storage::open_in_memory().unwrap();
    prep_hub_lib::packs::builtin::ensure_builtin(&mut conn).unwrap();
    let p = save_process(
        &mut conn,
        &ProcessEdit {
            id: None,
            company: "Acme".into(),
            role_id: ROLE.into(),
            interview_date: day("2026-12-20"),
            rounds: vec![],
        },
        day("2026-12-01"),
        at("2026-12-01T09:00:00Z"),
    )
    .unwrap();
    (conn, p.id)
}

fn apply(conn: &mut Connection, id: i64, name: &str, round: &str) -> Result<Vec<String>, String> {
    let events = events(name);
    let uid = events[0].uid.clone();
    store::apply(
        conn,
        id,
        &events,
        &[Assignment {
            uid,
            round_id: round.into(),
        }],
        day("2026-12-01"),
        at("2026-12-01T10:00:00Z"),
    )
    .map_err(|e| e.to_string())
}

fn round(conn: &Connection, id: i64, round: &str) -> prep_hub_lib::planner::store::RoundView {
    list_processes(conn)
        .unwrap()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap()
        .rounds
        .into_iter()
        .find(|r| r.round_id == round)
        .unwrap()
}

#[test]
fn an_updated_invite_moves_the_round_and_the_plan_says_so() {
    let (mut conn, id) = acme();
    let preview = store::preview(&conn, id, events("google-calendar.ics")).unwrap();
    assert_eq!(preview[0].status, "new");
    apply(&mut conn, id, "google-calendar.ics", "system-design").unwrap();
    let r = round(&conn, id, "system-design");
    assert_eq!(r.date, Some(day("2026-12-10")));
    assert_eq!(r.starts_at.as_deref(), Some("2026-12-10T10:00:00-05:00"));
    assert_eq!(r.time_zone.as_deref(), Some("America/New_York"));
    assert_eq!(r.location, "https://meet.google.com/abc-defg-hij");
    current_plan(&conn, WEEK, day("2026-12-01")).unwrap();
    prep_hub_lib::planner::store::acknowledge_plan(&conn, WEEK, day("2026-12-01")).unwrap();

    // The same invite again changes nothing; SEQUENCE 1 moves the time on the same day.
    assert_eq!(
        store::preview(&conn, id, events("google-calendar.ics")).unwrap()[0].status,
        "same"
    );
    let preview = store::preview(&conn, id, events("google-calendar-updated.ics")).unwrap();
    assert_eq!(
        (preview[0].status, preview[0].round_id.as_deref()),
        ("update", Some("system-design"))
    );
    let lines = apply(
        &mut conn,
        id,
        "google-calendar-updated.ics",
        "system-design",
    )
    .unwrap();
    assert_eq!(lines, ["Architecture and system design moved from 2026-12-10 10:00 America/New_York to 2026-12-10 14:00 America/New_York"]);
    let notices = store::notices(&conn).unwrap();
    assert_eq!(notices, ["Architecture and system design at Acme: the invite moved it from 2026-12-10 10:00 America/New_York to 2026-12-10 14:00 America/New_York"]);

    // An older version is refused and nothing changes.
    let err = apply(&mut conn, id, "google-calendar.ics", "system-design").unwrap_err();
    assert!(
        err.contains(
            "older version of the invite (SEQUENCE 0) than the one already read (SEQUENCE 1)"
        ),
        "{err}"
    );
    assert_eq!(
        round(&conn, id, "system-design").starts_at.as_deref(),
        Some("2026-12-10T14:00:00-05:00")
    );

    // SEQUENCE 2 moves it to the next day: the plan itself reports the new date.
    apply(
        &mut conn,
        id,
        "google-calendar-next-day.ics",
        "system-design",
    )
    .unwrap();
    assert_eq!(
        round(&conn, id, "system-design").date,
        Some(day("2026-12-11"))
    );
    let (_, changes) = current_plan(&conn, WEEK, day("2026-12-01")).unwrap();
    assert!(
        changes.iter().any(|c| c.contains(
            "Architecture and system design at Acme moved from 2026-12-10 to 2026-12-11"
        )),
        "{changes:?}"
    );
    // A cancellation sets no round.
    let err = apply(&mut conn, id, "cancelled.ics", "system-design").unwrap_err();
    assert!(err.contains("cancelled by the organiser"), "{err}");
}

#[test]
fn invites_are_checked_like_dates_typed_by_hand_and_refusals_write_nothing() {
    let (mut conn, id) = acme();
    // The coding round (4th) on 8 December before the system design round (2nd) on 10 December.
    apply(&mut conn, id, "google-calendar.ics", "system-design").unwrap();
    let err = apply(&mut conn, id, "outlook-exchange.ics", "coding-deep-dive").unwrap_err();
    assert!(err.starts_with("the invite was not applied"), "{err}");
    assert!(err.contains("rounds.coding-deep-dive.date"), "{err}");
    assert_eq!(round(&conn, id, "coding-deep-dive").date, None);
    // A refused event (a series) is named.
    let err = apply(&mut conn, id, "recurring-series.ics", "recruiter-screen").unwrap_err();
    assert!(err.contains("repeats"), "{err}");
    // The last round's invite sets the final interview date.
    apply(&mut conn, id, "outlook-custom-zone.ics", "leadership-final").unwrap();
    let p = list_processes(&conn)
        .unwrap()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap();
    assert_eq!(p.interview_date, day("2026-12-16"));
}

#[test]
fn editing_dates_by_hand_keeps_the_place_and_drops_a_time_that_no_longer_fits() {
    let (mut conn, id) = acme();
    apply(&mut conn, id, "apple-calendar.ics", "recruiter-screen").unwrap();
    let events = events("apple-calendar.ics");
    store::apply(
        &mut conn,
        id,
        &events,
        &[Assignment {
            uid: events[1].uid.clone(),
            round_id: "reliability-and-operations".into(),
        }],
        day("2026-12-01"),
        at("2026-12-01T10:00:00Z"),
    )
    .unwrap();
    let edit = |ops: &str| ProcessEdit {
        id: Some(id),
        company: "Acme Ltd".into(),
        role_id: ROLE.into(),
        interview_date: day("2026-12-20"),
        rounds: vec![
            RoundDate {
                round_id: "recruiter-screen".into(),
                date: Some(day("2026-12-03")),
                done: true,
            },
            RoundDate {
                round_id: "reliability-and-operations".into(),
                date: Some(day(ops)),
                done: false,
            },
        ],
    };
    save_process(
        &mut conn,
        &edit("2026-12-09"),
        day("2026-12-01"),
        at("2026-12-02T09:00:00Z"),
    )
    .unwrap();
    let r = round(&conn, id, "reliability-and-operations");
    assert_eq!(
        r.starts_at.as_deref(),
        Some("2026-12-09T14:30:00+00:00"),
        "same date: the time stays"
    );
    assert!(round(&conn, id, "recruiter-screen").done);
    save_process(
        &mut conn,
        &edit("2026-12-12"),
        day("2026-12-01"),
        at("2026-12-02T09:00:00Z"),
    )
    .unwrap();
    let r = round(&conn, id, "reliability-and-operations");
    assert_eq!(
        (r.starts_at, r.time_zone),
        (None, None),
        "a new date drops the old time"
    );
    assert_eq!(
        r.location, "Acme London, 1 Example Street, London EC1A 1AA",
        "the place stays"
    );
}
