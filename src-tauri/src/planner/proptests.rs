//! Property tests: random roles, dates, availability and progress; every rule of the module
//! documentation that can be checked from the output is checked by [`check_rules`].

use super::schedule::{
    effective_weight, learn_key, recall, review_key, usable_minutes, water_fill, KNOWN_WELL_RECALL,
};
use super::*;
use chrono::{Datelike, Duration};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date")
}

/// Weights of 1..=4 focus areas summing to 100.
fn weights() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(1u32..100, 1..=4).prop_map(|raw| {
        let total: u32 = raw.iter().sum();
        let mut weights: Vec<u32> = raw.iter().map(|w| w * 100 / total).collect();
        let rest = 100 - weights.iter().sum::<u32>();
        weights[0] += rest;
        weights
    })
}

fn memory(today: NaiveDate) -> impl Strategy<Value = Memory> {
    prop_oneof![
        2 => Just(Memory::New),
        1 => (-5i64..60).prop_map(move |d| Memory::Learning { due: today + Duration::days(d) }),
        1 => (0.5f64..400.0, 0i64..60, -10i64..90).prop_map(move |(s, back, due)| Memory::Known {
            stability_days: s,
            last_review: today - Duration::days(back),
            due: today + Duration::days(due),
        }),
    ]
}

fn role(id: &'static str, today: NaiveDate) -> impl Strategy<Value = RoleInput> {
    (1usize..=6, weights(), 0.5f64..3.0).prop_flat_map(move |(rounds, weights, boost)| {
        let areas = weights.len();
        let item = (
            0..rounds,
            0..areas,
            1u32..=60,
            1u32..=15,
            memory(today),
            prop::bool::weighted(0.1),
        );
        (
            prop::collection::vec(item, 0..=300),
            prop::collection::vec((0..rounds, 1u32..=120), rounds),
            prop::collection::vec(0..rounds, 0..=3),
            0usize..=3,
            prop::option::of((0..rounds, 0i64..20)),
        )
            .prop_map(move |(items, round_specs, gaps, checklist, mock)| {
                let rounds: Vec<RoundInput> = round_specs
                    .iter()
                    .enumerate()
                    .map(|(r, (_, minutes))| RoundInput {
                        id: format!("r{r}"),
                        name: format!("Round {r}"),
                        minutes: *minutes,
                        focus_areas: (0..areas).map(|a| format!("f{a}")).collect(),
                    })
                    .collect();
                RoleInput {
                    id: id.to_string(),
                    title: id.to_string(),
                    focus_areas: weights
                        .iter()
                        .enumerate()
                        .map(|(a, w)| FocusInput {
                            id: format!("f{a}"),
                            name: format!("Area {a}"),
                            weight: *w,
                            boost: if a == 0 { boost } else { 1.0 },
                        })
                        .collect(),
                    items: items
                        .into_iter()
                        .enumerate()
                        .map(
                            |(q, (round, area, learn, review, memory, priority))| ItemInput {
                                question_id: format!("q{q}"),
                                round_id: format!("r{round}"),
                                focus_area: format!("f{area}"),
                                title: format!("Question {q}"),
                                learn_minutes: learn,
                                review_minutes: review,
                                memory,
                                priority,
                                // Every fifth question is beyond the core set.
                                extra: q % 5 == 4,
                            },
                        )
                        .collect(),
                    checklist: (0..checklist)
                        .map(|c| ChecklistInput {
                            id: format!("c{c}"),
                            text: format!("Check {c}"),
                        })
                        .collect(),
                    story_gaps: gaps
                        .into_iter()
                        .enumerate()
                        .map(|(g, round)| StoryGap {
                            id: format!("{id}-g{g}"),
                            title: format!("Story {g}"),
                            round_id: format!("r{round}"),
                        })
                        .collect(),
                    mocks_done: mock
                        .map(|(round, back)| MockDone {
                            round_id: format!("r{round}"),
                            date: today - Duration::days(back),
                        })
                        .into_iter()
                        .collect(),
                    rounds,
                }
            })
    })
}

fn process(id: i64, today: NaiveDate) -> impl Strategy<Value = ProcessInput> {
    (
        prop::bool::ANY,
        0i64..=120,
        prop::collection::vec(
            (prop::option::of(-5i64..=120), prop::bool::weighted(0.15)),
            6,
        ),
    )
        .prop_map(move |(second_role, days, rounds)| ProcessInput {
            id,
            company: format!("Company {id}"),
            role_id: if second_role { "beta" } else { "alpha" }.to_string(),
            interview_date: today + Duration::days(days),
            rounds: rounds
                .into_iter()
                .enumerate()
                .map(|(r, (date, done))| ProcessRound {
                    round_id: format!("r{r}"),
                    date: date.map(|d| today + Duration::days(d.min(days))),
                    done,
                })
                .collect(),
        })
}

fn plan_input() -> impl Strategy<Value = PlanInput> {
    (0i64..14).prop_flat_map(|shift| {
        let today = base_date() + Duration::days(shift);
        (
            prop::array::uniform7(prop_oneof![Just(0u32), 0u32..=240]),
            prop::collection::btree_map(0i64..120, prop_oneof![Just(0u32), 0u32..=300], 0..10),
            0u32..=40,
            prop::collection::vec(1i64..=3, 1..=3),
            role("alpha", today),
            role("beta", today),
            prop::collection::vec((0usize..300, 0i64..5, prop::bool::ANY), 0..20),
        )
            .prop_flat_map(move |(week, overrides, buffer, ids, alpha, beta, ticks)| {
                let processes: Vec<_> = (0..ids.len())
                    .map(|i| process(i as i64 + 1, today))
                    .collect();
                (
                    processes,
                    Just((week, overrides, buffer, alpha, beta, ticks)),
                )
            })
            .prop_map(
                move |(processes, (week, overrides, buffer, alpha, beta, ticks))| {
                    let mut done_tasks = BTreeMap::new();
                    for (q, back, learned) in ticks {
                        let role = if q % 2 == 0 { &alpha } else { &beta };
                        if let Some(item) = role.items.get(q / 2) {
                            let date = today - Duration::days(back);
                            let key = if learned {
                                learn_key(&role.id, &item.question_id)
                            } else {
                                review_key(&role.id, &item.question_id, today)
                            };
                            done_tasks.insert(key, if learned { date } else { today });
                        }
                    }
                    if let Some(gap) = alpha.story_gaps.first() {
                        done_tasks.insert(format!("story/{}", gap.id), today);
                    }
                    PlanInput {
                        today,
                        weekday_minutes: week,
                        day_overrides: overrides
                            .into_iter()
                            .map(|(d, m)| (today + Duration::days(d), m))
                            .collect(),
                        buffer_percent: buffer,
                        processes,
                        roles: vec![alpha, beta],
                        done_tasks,
                    }
                },
            )
    })
}

/// The minutes an item's first task costs, as the planner sees it (None when already touched).
fn first_touch(input: &PlanInput, role: &RoleInput, item: &ItemInput) -> Option<u32> {
    let learned = input
        .done_tasks
        .get(&learn_key(&role.id, &item.question_id));
    let reviewed =
        input
            .done_tasks
            .contains_key(&review_key(&role.id, &item.question_id, input.today));
    match learned {
        Some(d) if *d == input.today => None,
        Some(_) => Some(item.review_minutes),
        None if reviewed => None,
        None => Some(match item.memory {
            Memory::New => item.learn_minutes,
            _ => item.review_minutes,
        }),
    }
}

fn known_well(input: &PlanInput, role: &RoleInput, item: &ItemInput, due: NaiveDate) -> bool {
    let learned = input
        .done_tasks
        .contains_key(&learn_key(&role.id, &item.question_id));
    match item.memory {
        Memory::Known {
            stability_days,
            last_review,
            ..
        } if !learned && !item.priority => {
            recall(stability_days, (due - last_review).num_days()) >= KNOWN_WELL_RECALL
        }
        _ => false,
    }
}

/// Checks every rule that the output makes checkable. Used by the property and unit tests.
pub(super) fn check_rules(input: &PlanInput, plan: &Plan) {
    let today = input.today;
    let deadline: BTreeMap<(i64, &str), NaiveDate> = plan
        .rounds
        .iter()
        .map(|r| ((r.process_id, r.round_id.as_str()), r.deadline))
        .collect();
    let cutoff: BTreeMap<(&str, &str), NaiveDate> = plan
        .rounds
        .iter()
        .map(|r| ((r.role_id.as_str(), r.round_id.as_str()), r.learn_cutoff))
        .collect();
    // A role round's material is due by the earliest deadline among the processes holding it.
    let mut unit_due: BTreeMap<(&str, &str), NaiveDate> = BTreeMap::new();
    for r in plan.rounds.iter().filter(|r| r.deadline > today) {
        let due = unit_due
            .entry((&r.role_id, &r.round_id))
            .or_insert(r.deadline);
        *due = (*due).min(r.deadline);
    }

    // Every day from today to the last round, in order.
    if let Some(last) = plan.rounds.iter().map(|r| r.deadline).max() {
        let dates: Vec<NaiveDate> = plan.days.iter().map(|d| d.date).collect();
        let expected: Vec<NaiveDate> = today.iter_days().take_while(|d| *d <= last).collect();
        assert_eq!(dates, expected);
    } else {
        assert!(plan.days.is_empty());
    }

    let mut learn_dates: BTreeMap<(&str, &str), Vec<NaiveDate>> = BTreeMap::new();
    for day in &plan.days {
        let done: u32 = day.tasks.iter().filter(|t| t.done).map(|t| t.minutes).sum();
        let open: Vec<&Task> = day.tasks.iter().filter(|t| !t.done).collect();
        let open_minutes: u32 = open.iter().map(|t| t.minutes).sum();
        let capacity =
            input.day_overrides.get(&day.date).copied().unwrap_or(
                input.weekday_minutes[day.date.weekday().num_days_from_monday() as usize],
            );
        assert_eq!(day.capacity_minutes, capacity);
        assert_eq!(
            day.usable_minutes,
            usable_minutes(capacity, input.buffer_percent)
        );
        let limit = if day.kind == DayKind::Light {
            day.usable_minutes / 2
        } else {
            day.usable_minutes
        };
        assert!(
            open_minutes <= limit.saturating_sub(done),
            "{}: {open_minutes} planned, limit {limit}, done {done}",
            day.date
        );
        assert_eq!(day.planned_minutes, open_minutes + done);
        match day.kind {
            DayKind::Off | DayKind::Rest => assert!(open.is_empty(), "{} should be free", day.date),
            DayKind::Interview => {
                assert!(
                    open.iter().all(|t| t.kind == TaskKind::Interview),
                    "{}",
                    day.date
                )
            }
            DayKind::Light => {
                for t in &open {
                    assert!(matches!(t.kind, TaskKind::Review | TaskKind::Logistics));
                    let round = t.round_id.as_deref().expect("round");
                    let next = day.date + Duration::days(1);
                    assert!(
                        t.process_ids
                            .iter()
                            .any(|p| deadline.get(&(*p, round)) == Some(&next)),
                        "light day {} holds {}",
                        day.date,
                        t.key
                    );
                }
            }
            DayKind::Study => assert!(!day.tasks.is_empty()),
        }
        for t in &open {
            assert!(
                !input.done_tasks.contains_key(&t.key),
                "ticked task planned again: {}",
                t.key
            );
            if t.kind == TaskKind::Interview {
                continue;
            }
            let round = t.round_id.as_deref().expect("every task serves a round");
            assert!(!t.process_ids.is_empty(), "{} serves no process", t.key);
            for p in &t.process_ids {
                let d = deadline[&(*p, round)];
                assert!(day.date < d, "{} on {} but round due {d}", t.key, day.date);
            }
            if t.kind == TaskKind::Learn {
                let c = cutoff[&(t.role_id.as_str(), round)];
                assert!(day.date <= c, "{} after cut-off {c}", t.key);
                learn_dates
                    .entry((t.role_id.as_str(), round))
                    .or_default()
                    .push(day.date);
            }
        }
    }

    // Hiring-process order inside each role.
    for role in &input.roles {
        for (a, ra) in role.rounds.iter().enumerate() {
            for rb in &role.rounds[a + 1..] {
                let (Some(da), Some(db)) = (
                    unit_due.get(&(role.id.as_str(), ra.id.as_str())),
                    unit_due.get(&(role.id.as_str(), rb.id.as_str())),
                ) else {
                    continue;
                };
                let (Some(la), Some(lb)) = (
                    learn_dates.get(&(role.id.as_str(), ra.id.as_str())),
                    learn_dates.get(&(role.id.as_str(), rb.id.as_str())),
                ) else {
                    continue;
                };
                if da <= db {
                    assert!(
                        la.iter().max() <= lb.iter().min(),
                        "{} learned after {}",
                        ra.id,
                        rb.id
                    );
                }
            }
        }
    }

    // Coverage matches the tasks.
    let planned: BTreeSet<(String, String)> = plan
        .days
        .iter()
        .flat_map(|d| &d.tasks)
        .filter(|t| matches!(t.kind, TaskKind::Learn | TaskKind::Review))
        .map(|t| (t.role_id.clone(), t.question_id.clone().expect("question")))
        .collect();
    let cut: BTreeSet<(String, String)> = plan
        .coverage
        .cut
        .iter()
        .map(|c| (c.role_id.clone(), c.question_id.clone()))
        .collect();
    assert_eq!(plan.coverage.items_planned, planned.len());
    assert_eq!(cut.len(), plan.coverage.cut.len(), "an item is cut twice");
    assert!(planned.is_disjoint(&cut));
    assert_eq!(plan.coverage.items_total, planned.len() + cut.len());
    let expected_percent = (planned.len() * 100)
        .checked_div(plan.coverage.items_total)
        .unwrap_or(100);
    assert_eq!(plan.coverage.percent as usize, expected_percent);
    let all_items: BTreeSet<(String, String)> = input
        .roles
        .iter()
        .flat_map(|role| {
            let mut seen = BTreeSet::new();
            role.items
                .iter()
                .filter(move |i| seen.insert(i.question_id.clone()))
                .filter(|i| unit_due.contains_key(&(role.id.as_str(), i.round_id.as_str())))
                .map(|i| (role.id.clone(), i.question_id.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let covered: BTreeSet<_> = planned.union(&cut).cloned().collect();
    assert_eq!(covered, all_items);
    let status_cut: usize = plan
        .rounds
        .iter()
        .filter(|r| r.deadline > today)
        .map(|r| ((r.role_id.clone(), r.round_id.clone()), r.items_cut))
        .collect::<BTreeMap<_, _>>()
        .values()
        .sum();
    assert_eq!(status_cut, cut.len());
    for r in &plan.rounds {
        assert_eq!(r.on_track, r.items_cut == 0);
    }

    check_weights_and_cut_order(input, plan, &unit_due, &planned);
}

/// Weights within one item per focus area, priority cut last, known-well cut first (per group of
/// rounds of a role that share a deadline).
fn check_weights_and_cut_order(
    input: &PlanInput,
    plan: &Plan,
    unit_due: &BTreeMap<(&str, &str), NaiveDate>,
    planned: &BTreeSet<(String, String)>,
) {
    let no_slot: BTreeSet<(&str, &str)> = plan
        .coverage
        .cut
        .iter()
        .filter(|c| c.cause == CutCause::NoSlot)
        .map(|c| (c.role_id.as_str(), c.question_id.as_str()))
        .collect();
    for role in &input.roles {
        let areas = role.focus_areas.len();
        let mut groups: BTreeMap<NaiveDate, Vec<&ItemInput>> = BTreeMap::new();
        let mut seen = BTreeSet::new();
        for item in &role.items {
            if !seen.insert(&item.question_id) {
                continue;
            }
            if let Some(due) = unit_due.get(&(role.id.as_str(), item.round_id.as_str())) {
                groups.entry(*due).or_default().push(item);
            }
        }
        for (due, items) in groups {
            let mut demand = vec![0.0; areas];
            let mut priority = vec![0.0; areas];
            let mut taken = vec![0.0; areas];
            let mut largest = vec![0.0f64; areas];
            let (mut prio_cut, mut other_kept, mut well_kept, mut other_cut) =
                (false, false, false, false);
            // Per focus area: a core item cut, an extra item kept (not both).
            let mut core_cut = vec![false; areas];
            let mut extra_kept = vec![false; areas];
            for item in items {
                let Some(cost) = first_touch(input, role, item) else {
                    continue;
                };
                if no_slot.contains(&(role.id.as_str(), item.question_id.as_str())) {
                    continue;
                }
                let area = role
                    .focus_areas
                    .iter()
                    .position(|f| f.id == item.focus_area)
                    .expect("known area");
                let kept = planned.contains(&(role.id.clone(), item.question_id.clone()));
                let cost = f64::from(cost);
                largest[area] = largest[area].max(cost);
                let well = known_well(input, role, item, due);
                if !well {
                    demand[area] += cost;
                }
                if item.priority {
                    priority[area] += cost;
                    prio_cut |= !kept;
                } else {
                    other_kept |= kept;
                }
                if well {
                    well_kept |= kept;
                } else {
                    other_cut |= !kept;
                }
                if kept {
                    taken[area] += cost;
                }
                if !well && !item.priority {
                    if item.extra {
                        extra_kept[area] |= kept;
                    } else {
                        core_cut[area] |= !kept;
                    }
                }
            }
            for a in 0..areas {
                assert!(
                    !(core_cut[a] && extra_kept[a]),
                    "{} due {due}: an extra item of area {a} kept while a core item was cut",
                    role.id
                );
            }
            assert!(
                !(prio_cut && other_kept),
                "{}: priority item cut before others",
                role.id
            );
            assert!(
                !(well_kept && other_cut),
                "{}: known-well item kept over others",
                role.id
            );
            let weights: Vec<f64> = role.focus_areas.iter().map(effective_weight).collect();
            let total_priority: f64 = priority.iter().sum();
            let kept_total: f64 = taken.iter().sum();
            let (floors, demand) = if total_priority > kept_total {
                (vec![0.0; areas], priority.clone())
            } else {
                (priority, demand)
            };
            let targets = water_fill(&weights, &floors, &demand, kept_total);
            for a in 0..areas {
                assert!(
                    taken[a] + largest[a] + 1e-6 >= targets[a],
                    "{} due {due}: area {a} got {} of target {} ({weights:?}, {taken:?})",
                    role.id,
                    taken[a],
                    targets[a]
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn plans_follow_the_rules(input in plan_input()) {
        let first = plan(&input);
        check_rules(&input, &first);
        prop_assert_eq!(&first, &plan(&input), "planning is deterministic");
    }
}
