//! Scenario tests: re-planning, moved dates, shared processes, debriefs, feasibility, .ics.

use super::proptests::check_rules;
use super::schedule::{learn_cutoff, select, water_fill, Pick, Tier};
use super::*;
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeSet;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid date")
}

fn item(question: &str, round: &str, focus: &str) -> ItemInput {
    ItemInput {
        question_id: question.to_string(),
        round_id: round.to_string(),
        focus_area: focus.to_string(),
        title: format!("Question {question}"),
        learn_minutes: 20,
        review_minutes: 5,
        memory: Memory::New,
        priority: false,
        extra: false,
    }
}

fn focus(id: &str, weight: u32) -> FocusInput {
    FocusInput {
        id: id.to_string(),
        name: id.to_string(),
        weight,
        boost: 1.0,
    }
}

/// A backend role: phone screen (coding) then onsite (coding, design, behavioral), 40/35/25.
fn backend_role() -> RoleInput {
    let mut items = Vec::new();
    for q in 0..4 {
        items.push(item(&format!("screen-{q}"), "screen", "coding"));
    }
    for (area, count) in [("coding", 4), ("design", 6), ("behavioral", 4)] {
        for q in 0..count {
            items.push(item(&format!("{area}-{q}"), "onsite", area));
        }
    }
    RoleInput {
        id: "backend".to_string(),
        title: "Backend engineer".to_string(),
        rounds: vec![
            RoundInput {
                id: "screen".to_string(),
                name: "Phone screen".to_string(),
                minutes: 30,
                focus_areas: vec!["coding".to_string()],
            },
            RoundInput {
                id: "onsite".to_string(),
                name: "Onsite".to_string(),
                minutes: 60,
                focus_areas: vec![
                    "coding".to_string(),
                    "design".to_string(),
                    "behavioral".to_string(),
                ],
            },
        ],
        focus_areas: vec![
            focus("coding", 40),
            focus("design", 35),
            focus("behavioral", 25),
        ],
        items,
        checklist: vec![ChecklistInput {
            id: "cv".to_string(),
            text: "Print the CV".to_string(),
        }],
        story_gaps: vec![StoryGap {
            id: "conflict".to_string(),
            title: "A conflict in the team".to_string(),
            round_id: "onsite".to_string(),
        }],
        mocks_done: Vec::new(),
    }
}

fn process(id: i64, company: &str, interview: &str) -> ProcessInput {
    ProcessInput {
        id,
        company: company.to_string(),
        role_id: "backend".to_string(),
        interview_date: day(interview),
        rounds: Vec::new(),
    }
}

fn input(today: &str, processes: Vec<ProcessInput>) -> PlanInput {
    PlanInput {
        today: day(today),
        weekday_minutes: [60, 60, 60, 60, 60, 180, 0],
        day_overrides: BTreeMap::new(),
        buffer_percent: PlanInput::DEFAULT_BUFFER_PERCENT,
        processes,
        roles: vec![backend_role()],
        done_tasks: BTreeMap::new(),
    }
}

fn tasks(plan: &Plan) -> impl Iterator<Item = (NaiveDate, &Task)> {
    plan.days
        .iter()
        .flat_map(|d| d.tasks.iter().map(move |t| (d.date, t)))
}

fn learn_dates(plan: &Plan) -> BTreeMap<String, NaiveDate> {
    tasks(plan)
        .filter(|(_, t)| t.kind == TaskKind::Learn)
        .map(|(d, t)| (t.key.clone(), d))
        .collect()
}

#[test]
fn learn_cutoff_is_two_thirds_of_the_way_and_two_days_early() {
    let today = day("2026-12-01");
    let after = |span| (learn_cutoff(today, today + Duration::days(span)) - today).num_days();
    assert_eq!(after(10), 6);
    assert_eq!(after(3), 1);
    assert_eq!(after(2), 0);
    assert_eq!(after(1), 0);
}

#[test]
fn water_fill_follows_weights_and_caps_small_demands() {
    let weights = [40.0, 35.0, 25.0];
    let shares = water_fill(&weights, &[0.0; 3], &[100.0; 3], 100.0);
    for (share, expected) in shares.iter().zip([40.0, 35.0, 25.0]) {
        assert!((share - expected).abs() < 1e-6, "{shares:?}");
    }
    // The first area only needs 10: the other two split the rest 35:25.
    let shares = water_fill(&weights, &[0.0; 3], &[10.0, 100.0, 100.0], 100.0);
    for (share, expected) in shares.iter().zip([10.0, 52.5, 37.5]) {
        assert!((share - expected).abs() < 1e-6, "{shares:?}");
    }
    // Ten-minute items, 100 minutes: 4 / 3 / 2 items by weight, then the first one left over.
    let picks: Vec<Pick> = (0..30)
        .map(|i| Pick {
            area: i % 3,
            tier: Tier::Normal,
            cost: 10,
        })
        .collect();
    let chosen = select(&picks, &weights, 100);
    let per_area: Vec<usize> = (0..3)
        .map(|a| (0..30).filter(|&i| chosen[i] && i % 3 == a).count())
        .collect();
    assert_eq!(per_area, vec![4, 3, 3]);
}

#[test]
fn replanning_after_missed_days_moves_learning_forward() {
    let before = input("2026-12-01", vec![process(1, "Acme", "2026-12-14")]);
    let old = plan(&before);
    check_rules(&before, &old);
    let missed: BTreeSet<String> = tasks(&old)
        .filter(|(d, t)| *d < day("2026-12-04") && t.kind == TaskKind::Learn)
        .map(|(_, t)| t.key.clone())
        .collect();
    assert!(!missed.is_empty());

    let after = PlanInput {
        today: day("2026-12-04"),
        ..before
    };
    let new = plan(&after);
    check_rules(&after, &new);
    let now = learn_dates(&new);
    for key in &missed {
        let date = now.get(key).unwrap_or_else(|| panic!("{key} was dropped"));
        assert!(*date >= day("2026-12-04"));
    }
    let summary = what_changed(&old, &new);
    assert!(
        summary
            .iter()
            .any(|l| l.ends_with("tasks moved forward from earlier days")),
        "{summary:?}"
    );
}

#[test]
fn a_moved_interview_is_reported_and_planned_for() {
    let before = input("2026-12-01", vec![process(1, "Acme", "2026-12-14")]);
    let old = plan(&before);
    let mut moved = before.clone();
    moved.processes[0].interview_date = day("2026-12-18");
    let new = plan(&moved);
    check_rules(&moved, &new);
    assert_eq!(new.days.last().map(|d| d.date), Some(day("2026-12-18")));
    assert!(tasks(&new)
        .filter(|(_, t)| t.kind != TaskKind::Interview)
        .all(|(d, _)| d < day("2026-12-18")));
    let summary = what_changed(&old, &new);
    // Neither round has a date of its own: the interview date moved, and that is said once.
    let moved: Vec<&String> = summary
        .iter()
        .filter(|l| l.contains("moved from"))
        .collect();
    assert_eq!(
        moved,
        ["The interview at Acme moved from 2026-12-14 to 2026-12-18"],
        "{summary:?}"
    );
    assert_eq!(what_changed(&new, &new), Vec::<String>::new());
}

#[test]
fn a_moved_round_date_is_reported_once_by_its_round() {
    let mut before = input("2026-12-01", vec![process(1, "Acme", "2026-12-18")]);
    before.processes[0].rounds = vec![ProcessRound {
        round_id: "screen".to_string(),
        date: Some(day("2026-12-08")),
        done: false,
    }];
    let old = plan(&before);
    let mut moved = before.clone();
    moved.processes[0].rounds[0].date = Some(day("2026-12-10"));
    let summary = what_changed(&old, &plan(&moved));
    let moved: Vec<&String> = summary
        .iter()
        .filter(|l| l.contains("moved from"))
        .collect();
    assert_eq!(
        moved,
        ["Phone screen at Acme moved from 2026-12-08 to 2026-12-10"],
        "{summary:?}"
    );
}

#[test]
fn two_processes_share_the_questions_of_one_role() {
    let mut shared = input(
        "2026-11-20",
        vec![
            process(1, "Acme", "2026-12-10"),
            process(2, "Globex", "2026-12-20"),
        ],
    );
    shared.weekday_minutes = [120; 7];
    let result = plan(&shared);
    check_rules(&shared, &result);
    assert_eq!(result.coverage.percent, 100, "{:?}", result.coverage.cut);

    let mut learned: BTreeMap<String, usize> = BTreeMap::new();
    for (date, task) in tasks(&result).filter(|(_, t)| t.kind == TaskKind::Learn) {
        *learned.entry(task.key.clone()).or_default() += 1;
        assert!(
            date < day("2026-12-10"),
            "{} learned after the first deadline",
            task.key
        );
        assert_eq!(task.process_ids, vec![1, 2]);
    }
    assert_eq!(learned.len(), backend_role().items.len());
    assert!(
        learned.values().all(|&n| n == 1),
        "a question is learned twice"
    );
    // A final review in the last two days before each of the two deadlines.
    for question in backend_role().items {
        for deadline in [day("2026-12-10"), day("2026-12-20")] {
            let reviewed = tasks(&result).any(|(d, t)| {
                t.kind == TaskKind::Review
                    && t.question_id.as_deref() == Some(&question.question_id)
                    && d < deadline
                    && d >= deadline - Duration::days(2)
            });
            assert!(
                reviewed,
                "{} not reviewed before {deadline}",
                question.question_id
            );
        }
    }
    let mocks: Vec<&Task> = tasks(&result)
        .filter(|(_, t)| t.kind == TaskKind::Mock)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(mocks.len(), 2, "one mock per role round");
}

#[test]
fn a_debrief_reprioritises_the_rounds_to_come() {
    // Little time: 30 minutes a day for a week.
    let mut before = input("2026-12-01", vec![process(1, "Acme", "2026-12-08")]);
    before.weekday_minutes = [34; 7];
    let old = plan(&before);
    check_rules(&before, &old);

    // The phone screen went badly on design questions and asked two of them.
    let mut after = before.clone();
    after.processes[0].rounds.push(ProcessRound {
        round_id: "screen".to_string(),
        date: Some(day("2026-11-28")),
        done: true,
    });
    let role = &mut after.roles[0];
    role.focus_areas[1].boost = 2.0;
    for item in role
        .items
        .iter_mut()
        .filter(|i| i.question_id == "design-4" || i.question_id == "design-5")
    {
        item.priority = true;
    }
    let new = plan(&after);
    check_rules(&after, &new);

    let design = |p: &Plan| p.coverage.minutes_by_focus["backend/design"];
    assert!(
        design(&new) > design(&old),
        "{} vs {}",
        design(&new),
        design(&old)
    );
    let learned = learn_dates(&new);
    assert!(learned.contains_key("learn/backend/design-4"));
    assert!(learned.contains_key("learn/backend/design-5"));
    assert!(new.coverage.target_share_by_focus["backend/design"] > 0.5);
    assert!(new.rounds.iter().all(|r| r.round_id != "screen"));
    assert!(
        !new.coverage.cut.is_empty(),
        "time should be short in this case"
    );
}

/// One onsite on Friday 11 Dec, planned from Monday 7 Dec; see the numbers in the comments.
fn small_input(minutes: u32, buffer: u32) -> PlanInput {
    let mut role = backend_role();
    role.rounds.remove(0);
    role.items = vec![item("a", "onsite", "coding"), item("b", "onsite", "coding")];
    let mut small = input("2026-12-07", vec![process(1, "Acme", "2026-12-11")]);
    small.roles = vec![role];
    small.weekday_minutes = [minutes; 7];
    small.buffer_percent = buffer;
    small
}

#[test]
fn feasibility_matches_a_hand_computed_case() {
    // Learn cut-off Wed 9 (4 days span: 65% → 2 days). Follow-ups must be by Tue 8: only +1.
    // Per item 20 learn + 5 × (1 follow-up + 1 final) = 30; two items 60; mock 60; story 25;
    // checklist 10; logistics on Thu 10 and the interview-day task 10 each: 175 minutes.
    let roomy = small_input(100, 10);
    let result = plan(&roomy);
    check_rules(&roomy, &result);
    assert_eq!(result.feasibility.needed_minutes, 175);
    // Usable 90 on Mon–Wed, 45 on the light Thursday, 10 for the interview task on Friday.
    assert_eq!(result.feasibility.available_minutes, 325);
    assert!(result.feasibility.enough);
    // 175 over 4 days with a 10% buffer: ceil(17500 / 360) = 49.
    assert_eq!(result.feasibility.minutes_per_day_needed, 49);
    assert_eq!(result.coverage.percent, 100);
    assert!(result.rounds[0].on_track);
    assert!(result.feasibility.left_out.is_empty());
    assert_eq!(result.feasibility.add_minutes_per_day, 0);
    assert!(
        result.feasibility.message.starts_with("Everything fits"),
        "{}",
        result.feasibility.message
    );

    let tight = small_input(20, 0);
    let result = plan(&tight);
    check_rules(&tight, &result);
    // 20 × 3 + 10 (light) + 10 (interview) = 80 available; the need is the same 175.
    assert_eq!(result.feasibility.needed_minutes, 175);
    assert_eq!(result.feasibility.available_minutes, 80);
    assert!(!result.feasibility.enough);
    assert_eq!(result.feasibility.minutes_per_day_needed, 44);
    // One verdict: what has no room, and the one action (44 a day instead of 20).
    let f = &result.feasibility;
    assert!(
        f.message.starts_with("Not everything fits: "),
        "{}",
        f.message
    );
    assert_eq!(f.add_minutes_per_day, 24);
    assert!(
        f.message.ends_with("Add 24\u{a0}min a day to fit it all."),
        "{}",
        f.message
    );
    let kinds: Vec<LeftOutKind> = f.left_out.iter().map(|l| l.kind).collect();
    assert!(kinds.contains(&LeftOutKind::Mocks), "{kinds:?}");
}

#[test]
fn durations_read_the_same_everywhere() {
    assert_eq!(duration_text(45), "45\u{a0}min");
    assert_eq!(duration_text(120), "2\u{a0}h");
    assert_eq!(duration_text(24 * 60 + 1), "24\u{a0}h\u{a0}1\u{a0}min");
}

#[test]
fn interview_day_light_day_and_days_off() {
    let mut week = input("2026-12-07", vec![process(1, "Acme", "2026-12-14")]);
    week.day_overrides.insert(day("2026-12-09"), 0);
    let result = plan(&week);
    check_rules(&week, &result);
    let kind = |date: &str| {
        result
            .days
            .iter()
            .find(|d| d.date == day(date))
            .map(|d| d.kind)
    };
    assert_eq!(kind("2026-12-09"), Some(DayKind::Off));
    assert_eq!(
        kind("2026-12-13"),
        Some(DayKind::Off),
        "Sundays have no time"
    );
    assert_eq!(kind("2026-12-14"), Some(DayKind::Interview));
    let last = result.days.last().expect("days");
    assert_eq!(last.tasks.len(), 1);
    assert_eq!(last.tasks[0].key, "interview/1/onsite");
    // Saturday is the day before Sunday, not before the interview: a study day.
    assert_eq!(kind("2026-12-12"), Some(DayKind::Study));
}

#[test]
fn ticked_tasks_stay_done_and_are_not_planned_again() {
    let mut ticked = input("2026-12-01", vec![process(1, "Acme", "2026-12-14")]);
    ticked
        .done_tasks
        .insert("learn/backend/design-0".to_string(), day("2026-12-01"));
    ticked
        .done_tasks
        .insert("learn/backend/design-1".to_string(), day("2026-11-30"));
    ticked
        .done_tasks
        .insert("story/conflict".to_string(), day("2026-11-29"));
    let result = plan(&ticked);
    check_rules(&ticked, &result);
    let today = &result.days[0];
    assert!(today
        .tasks
        .iter()
        .any(|t| t.key == "learn/backend/design-0" && t.done));
    let learned = learn_dates(&result);
    assert_eq!(
        learned.get("learn/backend/design-0"),
        Some(&day("2026-12-01"))
    );
    assert!(
        !learned.contains_key("learn/backend/design-1"),
        "learned yesterday"
    );
    assert!(tasks(&result).any(|(_, t)| t.question_id.as_deref() == Some("design-1")));
    assert!(tasks(&result).all(|(_, t)| t.kind != TaskKind::Story));
}

#[test]
fn ics_export_parses_and_keeps_its_uids() {
    let mut with_comma = input(
        "2026-12-01",
        vec![process(1, "Acme, Inc; EU", "2026-12-14")],
    );
    with_comma.processes[0].rounds.push(ProcessRound {
        round_id: "screen".to_string(),
        date: Some(day("2026-12-05")),
        done: false,
    });
    let result = plan(&with_comma);
    let stamp = |text: &str| text.parse::<DateTime<Utc>>().expect("timestamp");
    let first = to_ics(
        &result,
        &with_comma.processes,
        stamp("2026-12-01T08:00:00Z"),
    );
    let second = to_ics(
        &result,
        &with_comma.processes,
        stamp("2026-12-02T09:30:00Z"),
    );

    assert!(first.ends_with("\r\n"));
    for line in first.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line}");
        assert!(!line.contains('\n'));
    }
    assert!(first.contains("SUMMARY:Onsite at Acme\\, Inc\\; EU"));

    let parse = |text: &str| {
        let mut parser = ical::IcalParser::new(text.as_bytes());
        let calendar = parser
            .next()
            .expect("one calendar")
            .expect("valid calendar");
        assert!(parser.next().is_none());
        calendar
    };
    let property = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let (a, b) = (parse(&first), parse(&second));
    let study_days = result
        .days
        .iter()
        .filter(|d| d.kind != DayKind::Interview && !d.tasks.is_empty())
        .count();
    assert_eq!(a.events.len(), study_days + result.rounds.len());
    assert_eq!(result.rounds.len(), 2);
    let uids = |c: &ical::parser::ical::component::IcalCalendar| {
        c.events
            .iter()
            .map(|e| property(e, "UID"))
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&a), uids(&b));
    assert_eq!(
        uids(&a).iter().collect::<BTreeSet<_>>().len(),
        a.events.len()
    );
    assert!(uids(&a).contains(&"day-20261201@prep-hub".to_string()));
    assert!(uids(&a).contains(&"round-1-onsite@prep-hub".to_string()));
    let sequence = |c: &ical::parser::ical::component::IcalCalendar| {
        property(&c.events[0], "SEQUENCE")
            .parse::<i64>()
            .expect("number")
    };
    assert!(sequence(&b) > sequence(&a), "a later export must win");

    let screen = a
        .events
        .iter()
        .find(|e| property(e, "UID") == "round-1-screen@prep-hub")
        .expect("screen event");
    assert_eq!(property(screen, "DTSTART"), "20261205");
    assert!(property(screen, "DESCRIPTION").starts_with("Date known."));
    let onsite = a
        .events
        .iter()
        .find(|e| property(e, "UID") == "round-1-onsite@prep-hub")
        .expect("onsite event");
    assert!(property(onsite, "DESCRIPTION").starts_with("Date not set yet"));
}
