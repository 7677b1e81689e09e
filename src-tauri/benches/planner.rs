//! Planner benchmark: 90 days, 10,000 questions, 3 processes (two share a role).
//! Prints the median and 95th percentile of `plan` over many runs. Target: median under 50 ms.

use chrono::{Duration, NaiveDate};
use prep_hub_lib::planner::*;
use std::collections::BTreeMap;
use std::time::Instant;

const RUNS: usize = 40;
const ITEMS_PER_ROLE: usize = 5_000;

/// Small deterministic generator so every run plans the same input.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn role(id: &str, today: NaiveDate, rng: &mut Lcg) -> RoleInput {
    let areas = ["coding", "design", "behavioral"];
    let rounds: Vec<RoundInput> = ["screen", "coding", "design", "final"]
        .iter()
        .enumerate()
        .map(|(i, r)| RoundInput {
            id: r.to_string(),
            name: format!("Round {r}"),
            minutes: 45 + 15 * i as u32,
            focus_areas: areas.iter().map(|a| a.to_string()).collect(),
        })
        .collect();
    let items = (0..ITEMS_PER_ROLE)
        .map(|q| {
            let memory = match rng.next(3) {
                0 => Memory::New,
                1 => Memory::Learning {
                    due: today + Duration::days(rng.next(20) as i64),
                },
                _ => Memory::Known {
                    stability_days: 1.0 + rng.next(60) as f64,
                    last_review: today - Duration::days(rng.next(30) as i64),
                    due: today + Duration::days(rng.next(40) as i64),
                },
            };
            ItemInput {
                question_id: format!("q{q}"),
                round_id: rounds[rng.next(4) as usize].id.clone(),
                focus_area: areas[rng.next(3) as usize].to_string(),
                title: format!("Question {q}"),
                learn_minutes: 5 + rng.next(30) as u32,
                review_minutes: 2 + rng.next(8) as u32,
                memory,
                priority: rng.next(50) == 0,
                extra: false,
            }
        })
        .collect();
    RoleInput {
        id: id.to_string(),
        title: format!("Role {id}"),
        rounds,
        focus_areas: areas
            .iter()
            .zip([40, 35, 25])
            .map(|(a, w)| FocusInput {
                id: a.to_string(),
                name: a.to_string(),
                weight: w,
                boost: 1.0,
            })
            .collect(),
        items,
        checklist: (0..10)
            .map(|i| ChecklistInput {
                id: format!("c{i}"),
                text: format!("Checklist item {i}"),
            })
            .collect(),
        story_gaps: (0..5)
            .map(|i| StoryGap {
                id: format!("{id}-s{i}"),
                title: format!("Story {i}"),
                round_id: "final".to_string(),
            })
            .collect(),
        mocks_done: Vec::new(),
    }
}

fn input() -> PlanInput {
    let today = NaiveDate::from_ymd_opt(2026, 9, 1).expect("valid date");
    let mut rng = Lcg(7);
    let process = |id: i64, role: &str, days: i64, dated: Option<(&str, i64)>| ProcessInput {
        id,
        company: format!("Company {id}"),
        role_id: role.to_string(),
        interview_date: today + Duration::days(days),
        rounds: dated
            .map(|(round, d)| ProcessRound {
                round_id: round.to_string(),
                date: Some(today + Duration::days(d)),
                done: false,
            })
            .into_iter()
            .collect(),
    };
    PlanInput {
        today,
        weekday_minutes: [60, 60, 60, 60, 60, 180, 0],
        day_overrides: BTreeMap::from([(today + Duration::days(20), 0)]),
        buffer_percent: 10,
        processes: vec![
            process(1, "backend", 89, Some(("coding", 30))),
            process(2, "backend", 60, None),
            process(3, "frontend", 75, Some(("screen", 10))),
        ],
        roles: vec![
            role("backend", today, &mut rng),
            role("frontend", today, &mut rng),
        ],
        done_tasks: BTreeMap::new(),
    }
}

fn main() {
    let input = input();
    let first = plan(&input);
    let tasks: usize = first.days.iter().map(|d| d.tasks.len()).sum();
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(plan(std::hint::black_box(&input)));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let median = times[RUNS / 2];
    let p95 = times[(RUNS * 95).div_ceil(100) - 1];
    println!(
        "planner: {} days, {} questions, {} processes, {tasks} tasks, coverage {}%",
        first.days.len(),
        first.coverage.items_total,
        input.processes.len(),
        first.coverage.percent
    );
    println!("plan(): median {median:.1} ms, p95 {p95:.1} ms over {RUNS} runs (target < 50 ms)");
}
