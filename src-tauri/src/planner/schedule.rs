//! The planning algorithm behind [`super::plan`]; the rules it implements are listed in the
//! module documentation of `planner`.

use super::*;
use chrono::{Datelike, Duration};
use std::collections::BTreeSet;

pub(super) const FOLLOW_UP_DAYS: [i64; 3] = [1, 3, 7];
/// Reviews in the last this-many days before a deadline are its final reviews.
pub(super) const FINAL_REVIEW_DAYS: i64 = 2;
pub(super) const KNOWN_WELL_RECALL: f64 = 0.9;
pub(super) const MAX_BUFFER_PERCENT: u32 = 90;
const LEARN_CUTOFF_SHARE: f64 = 0.65;
const CONSOLIDATION_DAYS: i64 = 2;
const STORY_MINUTES: u32 = 25;
const CHECKLIST_MINUTES: u32 = 10;
const LOGISTICS_MINUTES: u32 = 10;
const INTERVIEW_MINUTES: u32 = 10;
/// FSRS forgetting curve: R(t) = (1 + FACTOR * t / S) ^ DECAY.
const FSRS_FACTOR: f64 = 19.0 / 81.0;
const FSRS_DECAY: f64 = -0.5;

/// Expected recall `elapsed_days` after a review, for an FSRS stability in days.
pub(super) fn recall(stability_days: f64, elapsed_days: i64) -> f64 {
    if stability_days.is_nan() || stability_days <= 0.0 {
        return 0.0;
    }
    (1.0 + FSRS_FACTOR * elapsed_days.max(0) as f64 / stability_days).powf(FSRS_DECAY)
}

/// Last day for learning new material of a round due on `deadline` (after `today`).
pub(super) fn learn_cutoff(today: NaiveDate, deadline: NaiveDate) -> NaiveDate {
    let span = (deadline - today).num_days();
    let share = (span as f64 * LEARN_CUTOFF_SHARE).floor() as i64;
    today + Duration::days(share.min(span - CONSOLIDATION_DAYS).max(0))
}

pub(super) fn usable_minutes(capacity: u32, buffer_percent: u32) -> u32 {
    let keep = 100 - buffer_percent.min(MAX_BUFFER_PERCENT);
    (u64::from(capacity) * u64::from(keep) / 100) as u32
}

pub(super) fn effective_weight(focus: &FocusInput) -> f64 {
    let boost = if focus.boost.is_nan() {
        1.0
    } else {
        focus.boost.clamp(0.1, 10.0)
    };
    f64::from(focus.weight) * boost
}

/// Order in which items are kept; the last tier is cut first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Tier {
    Priority,
    Normal,
    /// Beyond the role's core set (the pack marks it `extra`): kept after the core items.
    Extra,
    KnownWell,
}

/// One item competing for a group's first-touch minutes, in keep order within its area.
#[derive(Clone, Copy, Debug)]
pub(super) struct Pick {
    pub area: usize,
    pub tier: Tier,
    pub cost: u32,
}

/// Shares of `budget` per area: `clamp(λ·weight, floor, demand)` with λ as large as the budget
/// allows; everything when the demands fit.
pub(super) fn water_fill(
    weights: &[f64],
    floors: &[f64],
    demands: &[f64],
    budget: f64,
) -> Vec<f64> {
    let total: f64 = demands.iter().sum();
    if total <= budget {
        return demands.to_vec();
    }
    let shares = |lambda: f64| -> Vec<f64> {
        (0..weights.len())
            .map(|a| (lambda * weights[a]).max(floors[a]).min(demands[a]))
            .collect()
    };
    let mut high = weights
        .iter()
        .zip(demands)
        .filter(|(w, _)| **w > 0.0)
        .map(|(w, d)| d / w)
        .fold(0.0, f64::max);
    let mut low = 0.0;
    for _ in 0..100 {
        let mid = (low + high) / 2.0;
        if shares(mid).iter().sum::<f64>() <= budget {
            low = mid;
        } else {
            high = mid;
        }
    }
    shares(low)
}

/// Chooses which picks to keep within `budget` minutes: priority items first, then shares by
/// weight (see [`water_fill`]), then whatever still fits in tier order.
pub(super) fn select(picks: &[Pick], weights: &[f64], budget: u32) -> Vec<bool> {
    let areas = weights.len();
    let mut priority = vec![0.0; areas];
    let mut demand = vec![0.0; areas];
    for pick in picks {
        match pick.tier {
            Tier::Priority => {
                priority[pick.area] += f64::from(pick.cost);
                demand[pick.area] += f64::from(pick.cost);
            }
            Tier::Normal | Tier::Extra => demand[pick.area] += f64::from(pick.cost),
            Tier::KnownWell => {}
        }
    }
    let priority_only = priority.iter().sum::<f64>() > f64::from(budget);
    let (floors, demand) = if priority_only {
        (vec![0.0; areas], priority.clone())
    } else {
        (priority, demand)
    };
    let targets = water_fill(weights, &floors, &demand, f64::from(budget));

    let mut chosen = vec![false; picks.len()];
    let mut taken = vec![0.0; areas];
    // An area whose core item did not fit its share takes none of its extra items in shares.
    let mut core_left_out = vec![false; areas];
    for (i, pick) in picks.iter().enumerate() {
        let in_shares = if priority_only {
            pick.tier == Tier::Priority
        } else {
            pick.tier != Tier::KnownWell && !(pick.tier == Tier::Extra && core_left_out[pick.area])
        };
        if in_shares && taken[pick.area] + f64::from(pick.cost) <= targets[pick.area] + 1e-9 {
            taken[pick.area] += f64::from(pick.cost);
            chosen[i] = true;
        } else if pick.tier == Tier::Normal {
            core_left_out[pick.area] = true;
        }
    }

    // Leftover minutes go to whatever still fits, a tier only once the tier before is complete.
    let mut left = budget.saturating_sub(taken.iter().sum::<f64>().round() as u32);
    for tier in [Tier::Priority, Tier::Normal, Tier::Extra, Tier::KnownWell] {
        for (i, pick) in picks.iter().enumerate() {
            if pick.tier == tier && !chosen[i] && pick.cost <= left {
                chosen[i] = true;
                left -= pick.cost;
            }
        }
        let complete = picks.iter().zip(&chosen).all(|(p, c)| p.tier != tier || *c);
        if !complete {
            break;
        }
    }
    chosen
}

/// Places each round's queue of (item, minutes) on `window` days, each day filled up to `factor`
/// of its free minutes. Inside a round an item takes the first day with room; a round never
/// starts before the last day of the round before it, which keeps the hiring-process order.
/// Returns the placements and whether every item found a day.
fn place_in_order(
    free: &[u32],
    window: &[usize],
    queues: &[Vec<(usize, u32)>],
    factor: f64,
) -> (Vec<(usize, usize)>, bool) {
    let quota: Vec<u32> = window
        .iter()
        .map(|&d| ((f64::from(free[d]) * factor).ceil() as u32).min(free[d]))
        .collect();
    let mut used = vec![0u32; window.len()];
    let mut start = 0;
    let mut placed = Vec::new();
    let mut all = true;
    for queue in queues {
        let mut last = start;
        for &(item, cost) in queue {
            match (start..window.len()).find(|&k| used[k] + cost <= quota[k]) {
                Some(k) => {
                    last = last.max(k);
                    used[k] += cost;
                    placed.push((window[k], item));
                }
                None => all = false,
            }
        }
        start = last;
    }
    (placed, all)
}

/// A role round as held in one process.
struct Held {
    process: usize,
    role: usize,
    round: usize,
    deadline: NaiveDate,
    date_known: bool,
    /// The day the round takes place, when known.
    on: Option<NaiveDate>,
}

/// The material of one role round, shared by every process that holds the round.
struct Unit {
    role: usize,
    round: usize,
    /// (process index, deadline), by deadline then process id.
    deadlines: Vec<(usize, NaiveDate)>,
    due: NaiveDate,
    cutoff: NaiveDate,
    items: Vec<usize>,
    stories_unplaced: usize,
    mock_on: Option<NaiveDate>,
    /// `due` and `cutoff` as shown in cut reasons, formatted once per round.
    due_text: String,
    cutoff_text: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Prep {
    Learn,
    Review {
        due: NaiveDate,
    },
    /// A Learn or review task was ticked today; nothing more to choose.
    Touched,
}

struct Item {
    unit: usize,
    source: usize,
    area: usize,
    tier: Tier,
    prep: Prep,
    cost: u32,
    recall_on_due: Option<f64>,
    learned_on: Option<NaiveDate>,
    review_dates: BTreeSet<NaiveDate>,
    planned: bool,
    cut: Option<(CutCause, String)>,
}

struct Day {
    date: NaiveDate,
    kind: DayKind,
    capacity: u32,
    usable: u32,
    /// The round date this light day comes before.
    light_for: Option<NaiveDate>,
    rounds: Vec<RoundRef>,
    tasks: Vec<Task>,
}

pub(super) struct Planner<'a> {
    input: &'a PlanInput,
    today: NaiveDate,
    days: Vec<Day>,
    free: Vec<u32>,
    held: Vec<Held>,
    units: Vec<Unit>,
    items: Vec<Item>,
    /// Last Learn date per role, so a later round's learning never starts before it.
    role_pointer: BTreeMap<usize, NaiveDate>,
    done_today_minutes: u32,
    /// Checklist items no day had room for.
    checklist_unplaced: usize,
}

/// The minutes the whole plan wants, by what they are for (see `needed_minutes`).
#[derive(Default)]
struct Need {
    learn: u32,
    /// Reviews of the items the plan keeps.
    review: u32,
    /// Learning and reviews of the items that were cut.
    cut: u32,
    mock: u32,
    story: u32,
    checklist: u32,
    fixed: u32,
}

impl Need {
    fn total(&self) -> u32 {
        self.learn + self.review + self.cut + self.mock + self.story + self.checklist + self.fixed
    }
}

impl<'a> Planner<'a> {
    pub(super) fn new(input: &'a PlanInput) -> Self {
        let today = input.today;
        let held = held_rounds(input);
        let last = held.iter().map(|h| h.deadline).max();
        let round_days: BTreeSet<NaiveDate> = held.iter().filter_map(|h| h.on).collect();
        let mut days = Vec::new();
        let mut free = Vec::new();
        if let Some(last) = last {
            for date in today.iter_days().take_while(|d| *d <= last) {
                let capacity = input.day_overrides.get(&date).copied().unwrap_or(
                    input.weekday_minutes[date.weekday().num_days_from_monday() as usize],
                );
                let usable = usable_minutes(capacity, input.buffer_percent);
                let next = date + Duration::days(1);
                let (kind, limit) = if round_days.contains(&date) {
                    (DayKind::Interview, usable)
                } else if usable == 0 {
                    (DayKind::Off, 0)
                } else if round_days.contains(&next) {
                    (DayKind::Light, usable / 2)
                } else {
                    (DayKind::Study, usable)
                };
                let rounds = held
                    .iter()
                    .filter(|h| h.on == Some(date))
                    .map(|h| round_ref(input, h))
                    .collect();
                days.push(Day {
                    date,
                    kind,
                    capacity,
                    usable,
                    light_for: (kind == DayKind::Light).then_some(next),
                    rounds,
                    tasks: Vec::new(),
                });
                free.push(limit);
            }
        }
        let mut planner = Planner {
            input,
            today,
            days,
            free,
            held,
            units: Vec::new(),
            items: Vec::new(),
            role_pointer: BTreeMap::new(),
            done_today_minutes: 0,
            checklist_unplaced: 0,
        };
        planner.build_units();
        planner.set_aside_ticked();
        planner
    }

    pub(super) fn run(mut self) -> Plan {
        self.plan_round_days();
        let mut groups: BTreeMap<(NaiveDate, usize), Vec<usize>> = BTreeMap::new();
        for (u, unit) in self.units.iter().enumerate() {
            groups.entry((unit.due, unit.role)).or_default().push(u);
        }
        for units in groups.values() {
            self.plan_group(units);
        }
        self.plan_checklists();
        self.finish()
    }

    fn role(&self, role: usize) -> &'a RoleInput {
        &self.input.roles[role]
    }

    fn item_input(&self, item: usize) -> &'a ItemInput {
        let unit = &self.units[self.items[item].unit];
        &self.role(unit.role).items[self.items[item].source]
    }

    fn day_index(&self, date: NaiveDate) -> Option<usize> {
        let offset = (date - self.today).num_days();
        (offset >= 0 && (offset as usize) < self.days.len()).then_some(offset as usize)
    }

    /// Indices of the days from `from` to `to`, both included, clipped to the plan.
    fn day_range(&self, from: NaiveDate, to: NaiveDate) -> std::ops::Range<usize> {
        let start = (from - self.today).num_days().max(0) as usize;
        let end = ((to - self.today).num_days() + 1).clamp(0, self.days.len() as i64) as usize;
        start.min(end)..end
    }

    fn ticked(&self, key: &str) -> Option<NaiveDate> {
        self.input.done_tasks.get(key).copied()
    }

    /// Shows a task ticked today on today (its minutes were set aside by
    /// [`Self::set_aside_ticked`]); true when the task was ticked on any day.
    fn record_ticked(&mut self, task: &Task) -> bool {
        match self.ticked(&task.key) {
            Some(date) => {
                if date == self.today && !self.days.is_empty() {
                    self.days[0].tasks.push(Task {
                        done: true,
                        ..task.clone()
                    });
                }
                true
            }
            None => false,
        }
    }

    /// Takes the minutes of every task ticked today off today's free time before anything is
    /// planned, so that planned work fits around what was already done.
    fn set_aside_ticked(&mut self) {
        let mut minutes: BTreeMap<String, u32> = BTreeMap::new();
        for h in self.held.iter().filter(|h| h.on.is_some()) {
            let (process, round) = self.process_round_of(h);
            minutes.insert(
                format!("interview/{}/{round}", process.id),
                INTERVIEW_MINUTES,
            );
            minutes.insert(
                format!("logistics/{}/{round}", process.id),
                LOGISTICS_MINUTES,
            );
        }
        for unit in &self.units {
            let role = self.role(unit.role);
            let round = &role.rounds[unit.round];
            let lead = self.input.processes[unit.deadlines[0].0].id;
            minutes.insert(format!("mock/{lead}/{}", round.id), round.minutes);
            for gap in role.story_gaps.iter().filter(|g| g.round_id == round.id) {
                minutes.insert(format!("story/{}", gap.id), STORY_MINUTES);
            }
            for item in &role.checklist {
                minutes.insert(format!("check/{}/{}", role.id, item.id), CHECKLIST_MINUTES);
            }
        }
        let tasks: u32 = minutes
            .iter()
            .filter(|(key, _)| self.ticked(key) == Some(self.today))
            .map(|(_, m)| m)
            .sum();
        let items: u32 = (0..self.items.len())
            .filter(|&i| self.items[i].prep == Prep::Touched)
            .map(|i| {
                let input = self.item_input(i);
                if self.items[i].learned_on.is_some() {
                    input.learn_minutes
                } else {
                    input.review_minutes
                }
            })
            .sum();
        self.done_today_minutes = tasks + items;
        if let Some(free) = self.free.first_mut() {
            *free = free.saturating_sub(self.done_today_minutes);
        }
    }

    fn add(&mut self, day: usize, task: Task) {
        self.free[day] = self.free[day].saturating_sub(task.minutes);
        self.days[day].tasks.push(task);
    }

    /// Processes of `unit` whose round is still ahead on `date`.
    fn processes_after(&self, unit: usize, date: NaiveDate) -> Vec<i64> {
        let mut ids: Vec<i64> = self.units[unit]
            .deadlines
            .iter()
            .filter(|(_, deadline)| *deadline > date)
            .map(|(p, _)| self.input.processes[*p].id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn build_units(&mut self) {
        let mut by_round: BTreeMap<(usize, usize), Vec<(usize, NaiveDate)>> = BTreeMap::new();
        for h in self.held.iter().filter(|h| h.deadline > self.today) {
            by_round
                .entry((h.role, h.round))
                .or_default()
                .push((h.process, h.deadline));
        }
        let mut units: Vec<Unit> = by_round
            .into_iter()
            .map(|((role, round), mut deadlines)| {
                deadlines.sort_by_key(|(p, d)| (*d, self.input.processes[*p].id));
                let due = deadlines[0].1;
                let cutoff = learn_cutoff(self.today, due);
                Unit {
                    role,
                    round,
                    deadlines,
                    due,
                    cutoff,
                    items: Vec::new(),
                    stories_unplaced: 0,
                    mock_on: None,
                    due_text: shown_date(due),
                    cutoff_text: shown_date(cutoff),
                }
            })
            .collect();
        units.sort_by_key(|u| (u.due, u.role, u.round));
        self.units = units;

        // One pass over each role's questions, whatever the number of its rounds.
        let unit_of: BTreeMap<(usize, usize), usize> = self
            .units
            .iter()
            .enumerate()
            .map(|(u, unit)| ((unit.role, unit.round), u))
            .collect();
        let roles: BTreeSet<usize> = self.units.iter().map(|u| u.role).collect();
        for role_index in roles {
            let role = self.role(role_index);
            let round_of: BTreeMap<&str, usize> = role
                .rounds
                .iter()
                .enumerate()
                .map(|(r, round)| (round.id.as_str(), r))
                .collect();
            let mut seen = BTreeSet::new();
            for (source, item) in role.items.iter().enumerate() {
                // A question listed twice belongs to the round of its first listing.
                if !seen.insert(item.question_id.as_str()) {
                    continue;
                }
                let Some(&u) = round_of
                    .get(item.round_id.as_str())
                    .and_then(|r| unit_of.get(&(role_index, *r)))
                else {
                    continue;
                };
                let index = self.items.len();
                let new_item = self.new_item(u, source, item);
                self.items.push(new_item);
                self.units[u].items.push(index);
            }
        }
    }

    fn new_item(&mut self, unit: usize, source: usize, item: &'a ItemInput) -> Item {
        let role = self.role(self.units[unit].role);
        let due = self.units[unit].due;
        let area = role
            .focus_areas
            .iter()
            .position(|f| f.id == item.focus_area)
            .unwrap_or(role.focus_areas.len());
        // Keys are only built when something was ticked: this runs for every question.
        let any_ticked = !self.input.done_tasks.is_empty();
        let learned = any_ticked
            .then(|| self.ticked(&learn_key(&role.id, &item.question_id)))
            .flatten();
        let reviewed_today = any_ticked
            && self
                .ticked(&review_key(&role.id, &item.question_id, self.today))
                .is_some();
        let mut learned_on = None;
        let mut recall_on_due = None;
        let prep = match learned {
            Some(date) if date == self.today => {
                learned_on = Some(date);
                Prep::Touched
            }
            Some(date) => Prep::Review {
                due: (date + Duration::days(1)).max(self.today),
            },
            None if reviewed_today => Prep::Touched,
            None => match &item.memory {
                Memory::New => Prep::Learn,
                Memory::Learning { due } => Prep::Review { due: *due },
                Memory::Known {
                    stability_days,
                    last_review,
                    due: review_due,
                } => {
                    recall_on_due = Some(recall(*stability_days, (due - *last_review).num_days()));
                    Prep::Review { due: *review_due }
                }
            },
        };
        let tier = if item.priority {
            Tier::Priority
        } else if recall_on_due.is_some_and(|r| r >= KNOWN_WELL_RECALL) {
            Tier::KnownWell
        } else if item.extra {
            Tier::Extra
        } else {
            Tier::Normal
        };
        let cost = match prep {
            Prep::Learn => item.learn_minutes,
            Prep::Review { .. } => item.review_minutes,
            Prep::Touched => 0,
        };
        Item {
            unit,
            source,
            area,
            tier,
            prep,
            cost,
            recall_on_due,
            learned_on,
            review_dates: BTreeSet::new(),
            planned: false,
            cut: None,
        }
    }

    /// Interview-day and logistics tasks, and tasks ticked today for items.
    fn plan_round_days(&mut self) {
        for h in 0..self.held.len() {
            let Some(on) = self.held[h].on else { continue };
            let (process, round) = self.process_round_of(&self.held[h]);
            let held = &self.held[h];
            let name = self.role(held.role).rounds[held.round].name.clone();
            let company = process.company.clone();
            let base = Task {
                key: String::new(),
                kind: TaskKind::Interview,
                role_id: process.role_id.clone(),
                process_ids: vec![process.id],
                round_id: Some(round.clone()),
                question_id: None,
                focus_area: None,
                title: String::new(),
                minutes: 0,
                done: false,
            };
            if let Some(day) = self.day_index(on) {
                let task = Task {
                    key: format!("interview/{}/{round}", process.id),
                    title: format!(
                        "Interview day: {name} at {company}. Check time, route or link, \
                         documents, water; eat and arrive early"
                    ),
                    minutes: INTERVIEW_MINUTES,
                    ..base.clone()
                };
                if !self.record_ticked(&task) {
                    let minutes = task.minutes.min(self.free[day]);
                    self.add(day, Task { minutes, ..task });
                }
            }
            if let Some(day) = self.day_index(on - Duration::days(1)) {
                let task = Task {
                    key: format!("logistics/{}/{round}", process.id),
                    kind: TaskKind::Logistics,
                    title: format!(
                        "Logistics for {name} at {company}: confirm time, route or link, \
                         outfit, documents; sleep early"
                    ),
                    minutes: LOGISTICS_MINUTES,
                    ..base
                };
                let minutes = task.minutes.min(self.free[day]);
                let fits = self.days[day].kind == DayKind::Light && minutes > 0;
                if !self.record_ticked(&task) && fits {
                    self.add(day, Task { minutes, ..task });
                }
            }
        }
        for i in 0..self.items.len() {
            if self.items[i].prep != Prep::Touched {
                continue;
            }
            let (kind, date) = match self.items[i].learned_on {
                Some(date) => (TaskKind::Learn, date),
                None => (TaskKind::Review, self.today),
            };
            let task = self.item_task(i, kind, date);
            self.record_ticked(&task);
            self.items[i].planned = true;
            if kind == TaskKind::Review {
                self.items[i].review_dates.insert(date);
            }
        }
    }

    fn process_round_of(&self, h: &Held) -> (&'a ProcessInput, String) {
        let process = &self.input.processes[h.process];
        (process, self.role(h.role).rounds[h.round].id.clone())
    }

    fn item_task(&self, item: usize, kind: TaskKind, date: NaiveDate) -> Task {
        let unit = &self.units[self.items[item].unit];
        let role = self.role(unit.role);
        let input = self.item_input(item);
        let is_final = unit
            .deadlines
            .iter()
            .any(|(_, d)| *d > date && (*d - date).num_days() <= FINAL_REVIEW_DAYS);
        let (key, title, minutes) = match kind {
            TaskKind::Learn => (
                learn_key(&role.id, &input.question_id),
                format!("Learn: {}", input.title),
                input.learn_minutes,
            ),
            _ => (
                review_key(&role.id, &input.question_id, date),
                if is_final {
                    format!("Final review: {}", input.title)
                } else {
                    format!("Review: {}", input.title)
                },
                input.review_minutes,
            ),
        };
        Task {
            key,
            kind,
            role_id: role.id.clone(),
            process_ids: self.processes_after(self.items[item].unit, date),
            round_id: Some(role.rounds[unit.round].id.clone()),
            question_id: Some(input.question_id.clone()),
            focus_area: Some(input.focus_area.clone()),
            title,
            minutes,
            done: false,
        }
    }

    /// May a task of this kind go on `day`? Final reviews for `deadline` may use its light day.
    fn allowed(&self, day: usize, final_for: Option<NaiveDate>) -> bool {
        match self.days[day].kind {
            DayKind::Study => true,
            DayKind::Light => final_for.is_some() && self.days[day].light_for == final_for,
            _ => false,
        }
    }

    /// Where the first review of an item with a due date goes, given the free minutes: its due
    /// date or the next day with room, else a final-review day, else the latest day with room.
    fn first_review_day(&self, free: &[u32], item: usize) -> Option<usize> {
        let it = &self.items[item];
        let Prep::Review { due } = it.prep else {
            return None;
        };
        let deadline = self.units[it.unit].due;
        let last_plain = deadline - Duration::days(FINAL_REVIEW_DAYS + 1);
        let from = due.max(self.today);
        let key_free = |d: usize| {
            let input = self.item_input(item);
            self.ticked(&review_key(
                &self.role(self.units[it.unit].role).id,
                &input.question_id,
                self.days[d].date,
            ))
            .is_none()
        };
        self.day_range(from, last_plain)
            .find(|&d| self.allowed(d, None) && free[d] >= it.cost && key_free(d))
            .or_else(|| {
                (1..=FINAL_REVIEW_DAYS)
                    .filter_map(|back| self.day_index(deadline - Duration::days(back)))
                    .find(|&d| self.allowed(d, Some(deadline)) && free[d] >= it.cost && key_free(d))
            })
            .or_else(|| {
                // Full near the deadline: the latest earlier day that has room.
                self.day_range(self.today, last_plain)
                    .rev()
                    .find(|&d| self.allowed(d, None) && free[d] >= it.cost && key_free(d))
            })
    }

    fn plan_group(&mut self, group: &[usize]) {
        let first = &self.units[group[0]];
        let (role, due, cutoff) = (first.role, first.due, first.cutoff);
        let learn_from = self
            .role_pointer
            .get(&role)
            .copied()
            .unwrap_or(self.today)
            .max(self.today);

        let learn_days: Vec<usize> = self
            .day_range(learn_from, cutoff)
            .filter(|&d| self.allowed(d, None))
            .collect();
        let review_days: Vec<usize> = self
            .day_range(self.today, due - Duration::days(1))
            .filter(|&d| self.allowed(d, Some(due)))
            .collect();
        let most_free = |days: &[usize]| days.iter().map(|&d| self.free[d]).max();
        let (learn_max, review_max) = (most_free(&learn_days), most_free(&review_days));

        let mut candidates: Vec<usize> = Vec::new();
        for &u in group {
            for &i in &self.units[u].items {
                let it = &self.items[i];
                let room = match it.prep {
                    Prep::Touched => continue,
                    Prep::Learn => learn_max,
                    Prep::Review { .. } => review_max,
                };
                if room.is_some_and(|r| r >= it.cost) {
                    candidates.push(i);
                } else {
                    let reason = self.no_slot_reason(i, room.is_some());
                    self.items[i].cut = Some((CutCause::NoSlot, reason));
                }
            }
        }
        // Keep order inside an area: tier, then content order; known-well by recall, lowest first.
        candidates.sort_by(|&a, &b| {
            let (x, y) = (&self.items[a], &self.items[b]);
            x.tier.cmp(&y.tier).then_with(|| {
                let rx = x.recall_on_due.unwrap_or(0.0);
                let ry = y.recall_on_due.unwrap_or(0.0);
                if x.tier == Tier::KnownWell {
                    rx.total_cmp(&ry)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
        });
        let weights: Vec<f64> = self
            .role(role)
            .focus_areas
            .iter()
            .map(effective_weight)
            .chain([0.0])
            .collect();
        let picks: Vec<Pick> = candidates
            .iter()
            .map(|&i| Pick {
                area: self.items[i].area,
                tier: self.items[i].tier,
                cost: self.items[i].cost,
            })
            .collect();

        // Learning fits only before the cut-off; reviews of known items may use any day.
        let learn_room: u32 = learn_days.iter().map(|&d| self.free[d]).sum();
        let review_demand: u32 = candidates
            .iter()
            .filter(|&&i| self.items[i].prep != Prep::Learn)
            .map(|&i| self.items[i].cost)
            .sum();
        let mut budget =
            (learn_room + review_demand).min(review_days.iter().map(|&d| self.free[d]).sum());
        let (chosen, placements) = loop {
            let chosen = select(&picks, &weights, budget);
            match self.try_place(&candidates, &chosen, &learn_days) {
                Ok(placements) => break (chosen, placements),
                Err(placed) => budget = placed.min(budget.saturating_sub(1)),
            }
        };
        for (day, i) in placements {
            let date = self.days[day].date;
            let kind = if self.items[i].prep == Prep::Learn {
                self.items[i].learned_on = Some(date);
                let pointer = self.role_pointer.entry(role).or_insert(date);
                *pointer = (*pointer).max(date);
                TaskKind::Learn
            } else {
                self.items[i].review_dates.insert(date);
                TaskKind::Review
            };
            let task = self.item_task(i, kind, date);
            self.add(day, task);
            self.items[i].planned = true;
        }
        for (&i, keep) in candidates.iter().zip(chosen) {
            if !keep {
                let cut = self.no_time_reason(i);
                self.items[i].cut = Some(cut);
            }
        }

        // Stories take the room learning left: a question not learned costs more than a story not written.
        for &u in group {
            self.plan_stories(u);
        }
        for &u in group {
            self.plan_mock(u);
        }
        for &u in group {
            for i in self.units[u].items.clone() {
                if self.items[i].planned {
                    self.plan_final_reviews(i);
                }
            }
        }
        for &u in group {
            for i in self.units[u].items.clone() {
                if self.items[i].planned {
                    self.plan_follow_ups(i);
                }
            }
        }
    }

    /// Tries to place the chosen items' first tasks; on failure returns the minutes that fit.
    fn try_place(
        &self,
        candidates: &[usize],
        chosen: &[bool],
        learn_days: &[usize],
    ) -> Result<Vec<(usize, usize)>, u32> {
        let mut free = self.free.clone();
        let mut placements = Vec::new();
        let mut placed_minutes = 0;
        let mut all = true;
        let mut learn = Vec::new();
        for (&i, _) in candidates.iter().zip(chosen).filter(|(_, keep)| **keep) {
            let it = &self.items[i];
            if it.prep == Prep::Learn {
                learn.push(i);
                continue;
            }
            match self.first_review_day(&free, i) {
                Some(day) => {
                    free[day] -= it.cost;
                    placed_minutes += it.cost;
                    placements.push((day, i));
                }
                None => all = false,
            }
        }

        let queues = self.interleave(&learn);
        let needed: u64 = queues.iter().flatten().map(|(_, c)| u64::from(*c)).sum();
        let room: u64 = learn_days.iter().map(|&d| u64::from(free[d])).sum();
        let ratio = if room == 0 {
            1.0
        } else {
            (needed as f64 / room as f64).min(1.0)
        };
        let mut attempt = (Vec::new(), queues.is_empty());
        for factor in [ratio, (ratio + 1.0) / 2.0, 1.0] {
            attempt = place_in_order(&free, learn_days, &queues, factor);
            if attempt.1 {
                break;
            }
        }
        let (learned, learn_all) = attempt;
        placed_minutes += learned
            .iter()
            .map(|(_, i)| self.items[*i].cost)
            .sum::<u32>();
        placements.extend(learned);
        if all && learn_all {
            Ok(placements)
        } else {
            Err(placed_minutes)
        }
    }

    /// One learning queue per round in hiring order, each round-robin across focus areas.
    fn interleave(&self, learn: &[usize]) -> Vec<Vec<(usize, u32)>> {
        let mut by_round: BTreeMap<usize, BTreeMap<usize, Vec<usize>>> = BTreeMap::new();
        for &i in learn {
            let it = &self.items[i];
            let round = self.units[it.unit].round;
            by_round
                .entry(round)
                .or_default()
                .entry(it.area)
                .or_default()
                .push(i);
        }
        by_round
            .values()
            .map(|areas| {
                let longest = areas.values().map(Vec::len).max().unwrap_or(0);
                (0..longest)
                    .flat_map(|k| areas.values().filter_map(move |queue| queue.get(k)))
                    .map(|&i| (i, self.items[i].cost))
                    .collect()
            })
            .collect()
    }

    fn no_slot_reason(&self, item: usize, some_day: bool) -> String {
        let it = &self.items[item];
        let unit = &self.units[it.unit];
        let last = if it.prep == Prep::Learn {
            format!("its learn cut-off ({})", unit.cutoff_text)
        } else {
            unit.due_text.clone()
        };
        if some_day {
            format!(
                "needs {} in one sitting and no study day before {last} has that much free time",
                duration_text(it.cost)
            )
        } else {
            format!("no study day is left before {last}")
        }
    }

    fn no_time_reason(&self, item: usize) -> (CutCause, String) {
        let it = &self.items[item];
        let unit = &self.units[it.unit];
        if it.tier == Tier::KnownWell {
            let recall = (it.recall_on_due.unwrap_or(0.0) * 100.0).round();
            return (
                CutCause::KnownWell,
                format!(
                    "already known well (about {recall}% recall expected on {}); cut first to \
                     make room",
                    unit.due_text
                ),
            );
        }
        let what = if it.prep == Prep::Learn {
            format!("no time to learn it before {}", unit.cutoff_text)
        } else {
            format!("no time to review it before {}", unit.due_text)
        };
        let reason = if it.tier == Tier::Priority {
            format!("{what}, even for debrief priority items")
        } else {
            format!("{what}; higher-weight and priority items came first")
        };
        (CutCause::NoTime, reason)
    }

    fn plan_stories(&mut self, unit: usize) {
        let role = self.role(self.units[unit].role);
        let round_id = &role.rounds[self.units[unit].round].id;
        let due = self.units[unit].due;
        for gap in role.story_gaps.iter().filter(|g| &g.round_id == round_id) {
            let task = Task {
                key: format!("story/{}", gap.id),
                kind: TaskKind::Story,
                role_id: role.id.clone(),
                process_ids: Vec::new(),
                round_id: Some(round_id.clone()),
                question_id: None,
                focus_area: None,
                title: format!("Write a STAR story: {}", gap.title),
                minutes: STORY_MINUTES,
                done: false,
            };
            if self.record_ticked(&task) {
                continue;
            }
            let latest = due - Duration::days(FINAL_REVIEW_DAYS);
            match self.roomiest_day(self.today, latest, STORY_MINUTES, false) {
                Some(day) => {
                    let date = self.days[day].date;
                    let process_ids = self.processes_after(unit, date);
                    self.add(
                        day,
                        Task {
                            process_ids,
                            ..task
                        },
                    );
                }
                None => self.units[unit].stories_unplaced += 1,
            }
        }
    }

    /// The study day in `from..=to` with the most free minutes (at least `minutes`); ties go to
    /// the earliest day, or the latest with `late`.
    fn roomiest_day(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        minutes: u32,
        late: bool,
    ) -> Option<usize> {
        let mut best: Option<usize> = None;
        for d in self.day_range(from, to) {
            if !self.allowed(d, None) || self.free[d] < minutes {
                continue;
            }
            let better = match best {
                None => true,
                Some(b) if late => self.free[d] >= self.free[b],
                Some(b) => self.free[d] > self.free[b],
            };
            if better {
                best = Some(d);
            }
        }
        best
    }

    fn plan_mock(&mut self, unit: usize) {
        let u = &self.units[unit];
        let role = self.role(u.role);
        let round = &role.rounds[u.round];
        let lead = &self.input.processes[u.deadlines[0].0];
        let key = format!("mock/{}/{}", lead.id, round.id);
        let recorded = role
            .mocks_done
            .iter()
            .filter(|m| m.round_id == round.id && m.date <= self.today)
            .map(|m| m.date)
            .chain(self.ticked(&key))
            .max();
        let task = Task {
            key,
            kind: TaskKind::Mock,
            role_id: role.id.clone(),
            process_ids: Vec::new(),
            round_id: Some(round.id.clone()),
            question_id: None,
            focus_area: None,
            title: format!(
                "Full mock: {} ({})",
                round.name,
                duration_text(round.minutes)
            ),
            minutes: round.minutes,
            done: false,
        };
        if recorded.is_some() {
            self.record_ticked(&task);
            self.units[unit].mock_on = recorded;
            return;
        }
        if round.minutes == 0 {
            return;
        }
        let last_learn = u
            .items
            .iter()
            .filter_map(|&i| self.items[i].learned_on)
            .max();
        let from = last_learn.map_or(self.today, |d| d + Duration::days(1));
        let before = u.due - Duration::days(1);
        let fits = |d: &usize| self.allowed(*d, None) && self.free[*d] >= round.minutes;
        let day = self
            .day_range(from.max(u.cutoff), before)
            .find(fits)
            .or_else(|| self.day_range(from, before).find(fits));
        if let Some(day) = day {
            let date = self.days[day].date;
            let process_ids = self.processes_after(unit, date);
            self.units[unit].mock_on = Some(date);
            self.add(
                day,
                Task {
                    process_ids,
                    ..task
                },
            );
        }
    }

    fn review_fits(&self, item: usize, day: usize, final_for: Option<NaiveDate>) -> bool {
        let it = &self.items[item];
        let input = self.item_input(item);
        let date = self.days[day].date;
        self.allowed(day, final_for)
            && self.free[day] >= input.review_minutes
            && it.learned_on.is_none_or(|l| date > l)
            && !it.review_dates.contains(&date)
            && self
                .ticked(&review_key(
                    &self.role(self.units[it.unit].role).id,
                    &input.question_id,
                    date,
                ))
                .is_none()
    }

    fn add_review(&mut self, item: usize, day: usize) {
        let date = self.days[day].date;
        let task = self.item_task(item, TaskKind::Review, date);
        self.items[item].review_dates.insert(date);
        self.add(day, task);
    }

    fn plan_final_reviews(&mut self, item: usize) {
        let deadlines: BTreeSet<NaiveDate> = self.units[self.items[item].unit]
            .deadlines
            .iter()
            .map(|(_, d)| *d)
            .collect();
        for deadline in deadlines {
            let window = deadline - Duration::days(FINAL_REVIEW_DAYS);
            let reviewed = self.items[item]
                .review_dates
                .range(window..deadline)
                .next()
                .is_some();
            if reviewed {
                continue;
            }
            let day = (1..=FINAL_REVIEW_DAYS)
                .filter_map(|back| self.day_index(deadline - Duration::days(back)))
                .find(|&d| self.review_fits(item, d, Some(deadline)));
            if let Some(day) = day {
                self.add_review(item, day);
            }
        }
    }

    fn plan_follow_ups(&mut self, item: usize) {
        let Some(learned) = self.items[item].learned_on else {
            return;
        };
        let last = self.units[self.items[item].unit].due - Duration::days(FINAL_REVIEW_DAYS + 1);
        let mut after = learned;
        for offset in FOLLOW_UP_DAYS {
            let from = (learned + Duration::days(offset)).max(after + Duration::days(1));
            let day = self
                .day_range(from, last)
                .find(|&d| self.review_fits(item, d, None));
            match day {
                Some(day) => {
                    after = self.days[day].date;
                    self.add_review(item, day);
                }
                None => break,
            }
        }
    }

    fn plan_checklists(&mut self) {
        let roles: BTreeSet<usize> = self.units.iter().map(|u| u.role).collect();
        for role_index in roles {
            // The role's final round: the one with the latest deadline (the later round on ties).
            let Some(unit) = (0..self.units.len())
                .filter(|&u| self.units[u].role == role_index)
                .max_by_key(|&u| {
                    let last = self.units[u].deadlines.iter().map(|(_, d)| *d).max();
                    (last, self.units[u].round)
                })
            else {
                continue;
            };
            let role = self.role(role_index);
            let last = self.units[unit].deadlines.iter().map(|(_, d)| *d).max();
            let Some(last) = last else { continue };
            for item in &role.checklist {
                let task = Task {
                    key: format!("check/{}/{}", role.id, item.id),
                    kind: TaskKind::Checklist,
                    role_id: role.id.clone(),
                    process_ids: Vec::new(),
                    round_id: Some(role.rounds[self.units[unit].round].id.clone()),
                    question_id: None,
                    focus_area: None,
                    title: format!("Checklist: {}", item.text),
                    minutes: CHECKLIST_MINUTES,
                    done: false,
                };
                if self.record_ticked(&task) {
                    continue;
                }
                let latest = last - Duration::days(FINAL_REVIEW_DAYS);
                if let Some(day) = self.roomiest_day(self.today, latest, CHECKLIST_MINUTES, true) {
                    let date = self.days[day].date;
                    let process_ids = self.processes_after(unit, date);
                    self.add(
                        day,
                        Task {
                            process_ids,
                            ..task
                        },
                    );
                } else {
                    self.checklist_unplaced += 1;
                }
            }
        }
    }

    fn finish(mut self) -> Plan {
        let feasibility = self.feasibility();
        let coverage = self.coverage();
        let rounds = self.round_statuses();
        let days = std::mem::take(&mut self.days)
            .into_iter()
            .map(|mut day| {
                day.tasks.sort_by_key(|t| t.kind);
                let kind = if day.kind == DayKind::Study && day.tasks.is_empty() {
                    DayKind::Rest
                } else {
                    day.kind
                };
                PlanDay {
                    date: day.date,
                    kind,
                    capacity_minutes: day.capacity,
                    usable_minutes: day.usable,
                    planned_minutes: day.tasks.iter().map(|t| t.minutes).sum(),
                    rounds: day.rounds,
                    tasks: day.tasks,
                }
            })
            .collect();
        Plan {
            today: self.today,
            days,
            rounds,
            coverage,
            feasibility,
        }
    }

    fn coverage(&self) -> Coverage {
        let mut minutes_by_focus = BTreeMap::new();
        let mut target_share_by_focus = BTreeMap::new();
        let roles: BTreeSet<usize> = self.units.iter().map(|u| u.role).collect();
        for role_index in roles {
            let role = self.role(role_index);
            let used: BTreeSet<usize> = self
                .items
                .iter()
                .filter(|it| self.units[it.unit].role == role_index)
                .map(|it| it.area)
                .filter(|&a| a < role.focus_areas.len())
                .collect();
            let total: f64 = used
                .iter()
                .map(|&a| effective_weight(&role.focus_areas[a]))
                .sum();
            for a in used {
                let key = format!("{}/{}", role.id, role.focus_areas[a].id);
                let share = if total > 0.0 {
                    effective_weight(&role.focus_areas[a]) / total
                } else {
                    0.0
                };
                target_share_by_focus.insert(key.clone(), share);
                minutes_by_focus.insert(key, 0);
            }
        }
        for task in self.days.iter().flat_map(|d| &d.tasks) {
            if let (TaskKind::Learn | TaskKind::Review, Some(focus)) = (task.kind, &task.focus_area)
            {
                *minutes_by_focus
                    .entry(format!("{}/{focus}", task.role_id))
                    .or_insert(0) += task.minutes;
            }
        }
        let items_total = self.items.len();
        let items_planned = self.items.iter().filter(|it| it.planned).count();
        let cut = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| {
                let (cause, reason) = it.cut.clone()?;
                let unit = &self.units[it.unit];
                let role = self.role(unit.role);
                let input = self.item_input(i);
                Some(CutItem {
                    role_id: role.id.clone(),
                    round_id: role.rounds[unit.round].id.clone(),
                    question_id: input.question_id.clone(),
                    title: input.title.clone(),
                    cause,
                    reason,
                })
            })
            .collect();
        Coverage {
            items_total,
            items_planned,
            percent: percent(items_planned, items_total),
            minutes_by_focus,
            target_share_by_focus,
            cut,
        }
    }

    fn round_statuses(&self) -> Vec<RoundStatus> {
        let mut order: Vec<usize> = (0..self.held.len()).collect();
        order.sort_by_key(|&h| {
            let held = &self.held[h];
            (
                held.deadline,
                self.input.processes[held.process].id,
                held.round,
            )
        });
        order
            .into_iter()
            .map(|h| {
                let held = &self.held[h];
                let process = &self.input.processes[held.process];
                let round = &self.role(held.role).rounds[held.round];
                // A round taking place today has nothing left to prepare.
                let unit = self.units.iter().position(|u| {
                    u.role == held.role && u.round == held.round && held.deadline > self.today
                });
                let items: Vec<&Item> = unit
                    .map(|u| {
                        self.units[u]
                            .items
                            .iter()
                            .map(|&i| &self.items[i])
                            .collect()
                    })
                    .unwrap_or_default();
                let planned = items.iter().filter(|it| it.planned).count();
                let cut_minutes: u32 = items
                    .iter()
                    .filter(|it| !it.planned)
                    .map(|it| it.cost)
                    .sum();
                let cutoff = unit.map_or(held.deadline, |u| self.units[u].cutoff);
                let mock_on = unit.and_then(|u| self.units[u].mock_on);
                let stories_unplaced = unit.map_or(0, |u| self.units[u].stories_unplaced);
                let cut = items.len() - planned;
                let mock_missing = unit.is_some_and(|u| {
                    mock_on.is_none() && round.minutes > 0 && !self.mock_recorded(u)
                });
                let status = if held.deadline == self.today {
                    "Today: good luck!".to_string()
                } else if cut == 0 {
                    let mock = match mock_on {
                        Some(d) => format!(", mock on {}", shown_date(d)),
                        None if mock_missing => "; no day has room for its full mock".into(),
                        None => String::new(),
                    };
                    let all = match items.len() {
                        1 => "its question".to_string(),
                        n => format!("all {n} questions"),
                    };
                    format!("On track: {all} planned{mock}")
                } else {
                    let days = (cutoff - self.today).num_days().max(0) as u32 + 1;
                    format!(
                        "Behind: {planned} of {} questions fit; {cut} cut, about {} more \
                         needed (≈ {} min more a day until {})",
                        items.len(),
                        duration_text(cut_minutes),
                        cut_minutes.div_ceil(days),
                        shown_date(cutoff)
                    )
                };
                let status = if stories_unplaced > 0 {
                    format!("{status}; {stories_unplaced} STAR story tasks did not fit")
                } else {
                    status
                };
                RoundStatus {
                    process_id: process.id,
                    company: process.company.clone(),
                    role_id: process.role_id.clone(),
                    round_id: round.id.clone(),
                    name: round.name.clone(),
                    deadline: held.deadline,
                    date_known: held.date_known,
                    learn_cutoff: cutoff,
                    items_total: items.len(),
                    items_planned: planned,
                    items_cut: cut,
                    mock_on,
                    on_track: cut == 0,
                    status,
                }
            })
            .collect()
    }

    /// Minutes the whole plan wants, before anything is cut, by what they are for.
    fn need(&self) -> Need {
        let mut need = Need::default();
        for (u, unit) in self.units.iter().enumerate() {
            let role = self.role(unit.role);
            let finals = unit
                .deadlines
                .iter()
                .map(|(_, d)| *d)
                .collect::<BTreeSet<_>>()
                .len() as u32;
            let last_plain = unit.due - Duration::days(FINAL_REVIEW_DAYS + 1);
            let follow_ups = FOLLOW_UP_DAYS
                .iter()
                .filter(|&&o| self.today + Duration::days(o) <= last_plain)
                .count() as u32;
            for &i in &unit.items {
                let it = &self.items[i];
                let input = self.item_input(i);
                let (learn, review) = match it.prep {
                    Prep::Learn => (
                        input.learn_minutes,
                        input.review_minutes * (follow_ups + finals),
                    ),
                    Prep::Review { due } => {
                        let own = u32::from(due.max(self.today) <= last_plain);
                        (0, input.review_minutes * (own + finals))
                    }
                    Prep::Touched if it.learned_on.is_some() => {
                        (0, input.review_minutes * (follow_ups + finals))
                    }
                    Prep::Touched => (0, input.review_minutes * finals),
                };
                if it.planned {
                    need.learn += learn;
                    need.review += review;
                } else {
                    need.cut += learn + review;
                }
            }
            let round = &role.rounds[unit.round];
            if !self.mock_recorded(u) {
                need.mock += round.minutes;
            }
            need.story += role
                .story_gaps
                .iter()
                .filter(|g| {
                    g.round_id == round.id && self.ticked(&format!("story/{}", g.id)).is_none()
                })
                .count() as u32
                * STORY_MINUTES;
        }
        let roles: BTreeSet<usize> = self.units.iter().map(|u| u.role).collect();
        for r in roles {
            let role = self.role(r);
            need.checklist += role
                .checklist
                .iter()
                .filter(|c| {
                    self.ticked(&format!("check/{}/{}", role.id, c.id))
                        .is_none()
                })
                .count() as u32
                * CHECKLIST_MINUTES;
        }
        need.fixed = self
            .days
            .iter()
            .flat_map(|d| &d.tasks)
            .filter(|t| !t.done && matches!(t.kind, TaskKind::Interview | TaskKind::Logistics))
            .map(|t| t.minutes)
            .sum();
        need
    }

    /// Mocks the plan wants but no day had room for: (count, minutes).
    fn mocks_unplaced(&self) -> (u32, u32) {
        let mut out = (0, 0);
        for (u, unit) in self.units.iter().enumerate() {
            let minutes = self.role(unit.role).rounds[unit.round].minutes;
            if unit.mock_on.is_none() && minutes > 0 && !self.mock_recorded(u) {
                out.0 += 1;
                out.1 += minutes;
            }
        }
        out
    }

    fn mock_recorded(&self, unit: usize) -> bool {
        let u = &self.units[unit];
        let round = &self.role(u.role).rounds[u.round];
        let key = format!(
            "mock/{}/{}",
            self.input.processes[u.deadlines[0].0].id, round.id
        );
        self.ticked(&key).is_some()
            || self
                .role(u.role)
                .mocks_done
                .iter()
                .any(|m| m.round_id == round.id && m.date <= self.today)
    }

    fn feasibility(&self) -> Feasibility {
        let need = self.need();
        let needed = need.total();
        let limits: u32 = self
            .days
            .iter()
            .map(|d| match d.kind {
                DayKind::Light => d.usable / 2,
                DayKind::Off => 0,
                DayKind::Interview => d.usable.min(INTERVIEW_MINUTES * d.rounds.len() as u32),
                _ => d.usable,
            })
            .sum();
        let available = limits.saturating_sub(self.done_today_minutes);
        let study: Vec<&Day> = self
            .days
            .iter()
            .filter(|d| d.kind != DayKind::Interview)
            .collect();
        let study_days = study.len() as u32;
        let keep = 100 - self.input.buffer_percent.min(MAX_BUFFER_PERCENT);
        let per_day = if study_days == 0 {
            0
        } else {
            (u64::from(needed) * 100).div_ceil(u64::from(keep) * u64::from(study_days)) as u32
        };
        let enough = needed <= available;

        // What has no room, by kind, from what the plan wants and what it placed.
        let planned_reviews: u32 = self
            .days
            .iter()
            .flat_map(|d| &d.tasks)
            .filter(|t| !t.done && t.kind == TaskKind::Review)
            .map(|t| t.minutes)
            .sum();
        let cut: Vec<&Item> = self.items.iter().filter(|it| !it.planned).collect();
        let (mocks, mock_minutes) = self.mocks_unplaced();
        let stories: usize = self.units.iter().map(|u| u.stories_unplaced).sum();
        let mut left_out = Vec::new();
        let mut push = |kind: LeftOutKind, count: u32, minutes: u32| {
            if minutes > 0 {
                left_out.push(LeftOut {
                    kind,
                    count,
                    minutes,
                });
            }
        };
        push(LeftOutKind::Questions, cut.len() as u32, need.cut);
        let reviews = need.review.saturating_sub(planned_reviews);
        push(LeftOutKind::Reviews, 0, reviews);
        push(LeftOutKind::Mocks, mocks, mock_minutes);
        push(
            LeftOutKind::Stories,
            stories as u32,
            stories as u32 * STORY_MINUTES,
        );
        push(
            LeftOutKind::Checklist,
            self.checklist_unplaced as u32,
            self.checklist_unplaced as u32 * CHECKLIST_MINUTES,
        );

        // The one action: this many more minutes on each study day.
        let capacity: u32 = study.iter().map(|d| d.capacity).sum();
        let add = if left_out.is_empty() && enough {
            0
        } else {
            per_day
                .saturating_sub(capacity / study_days.max(1))
                .max(u32::from(!left_out.is_empty()))
        };
        let message = verdict(&left_out, needed, available, add, per_day);
        Feasibility {
            needed_minutes: needed,
            available_minutes: available,
            enough,
            minutes_per_day_needed: per_day,
            message,
            left_out,
            add_minutes_per_day: add,
        }
    }
}

/// The one sentence (and one action) that says whether the plan fits, and what does not.
fn verdict(left_out: &[LeftOut], needed: u32, available: u32, add: u32, per_day: u32) -> String {
    if left_out.is_empty() {
        return if needed <= available {
            format!(
                "Everything fits: the plan needs about {} and you have {}.",
                duration_text(needed),
                duration_text(available)
            )
        } else {
            format!(
                "Everything is planned, with no time to spare: about {} of work in {}. \
                 Add {} a day for some slack.",
                duration_text(needed),
                duration_text(available),
                duration_text(add.max(1))
            )
        };
    }
    let parts: Vec<String> = left_out
        .iter()
        .map(|l| match l.kind {
            LeftOutKind::Questions => format!(
                "{} ({})",
                counted(l.count, "question", "questions"),
                duration_text(l.minutes)
            ),
            LeftOutKind::Reviews => format!("about {} of reviews", duration_text(l.minutes)),
            LeftOutKind::Mocks => format!(
                "{} ({})",
                counted(l.count, "full mock", "full mocks"),
                duration_text(l.minutes)
            ),
            LeftOutKind::Stories => counted(l.count, "STAR story task", "STAR story tasks"),
            LeftOutKind::Checklist => counted(l.count, "checklist item", "checklist items"),
        })
        .collect();
    let action = if per_day > MAX_DAY_MINUTES {
        "Even the most study time a day would not fit it all: move the interview date if you can."
            .to_string()
    } else {
        format!("Add {} a day to fit it all.", duration_text(add))
    };
    format!(
        "Not everything fits: {} {} no room. {action}",
        join_and(&parts),
        if parts.len() == 1 && left_out[0].count == 1 {
            "has"
        } else {
            "have"
        }
    )
}

/// The most study minutes a day can have (as in settings).
const MAX_DAY_MINUTES: u32 = 16 * 60;

fn counted(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "a, b and c".
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn percent(part: usize, total: usize) -> u32 {
    (part * 100).checked_div(total).map_or(100, |p| p as u32)
}

pub(super) fn learn_key(role: &str, question: &str) -> String {
    format!("learn/{role}/{question}")
}

pub(super) fn review_key(role: &str, question: &str, date: NaiveDate) -> String {
    format!("review/{role}/{question}/{date}")
}

fn round_ref(input: &PlanInput, held: &Held) -> RoundRef {
    let process = &input.processes[held.process];
    let round = &input.roles[held.role].rounds[held.round];
    RoundRef {
        process_id: process.id,
        company: process.company.clone(),
        round_id: round.id.clone(),
        name: round.name.clone(),
    }
}

/// Every round still to come, with its deadline by the deadline rule.
fn held_rounds(input: &PlanInput) -> Vec<Held> {
    let mut held = Vec::new();
    for (p, process) in input.processes.iter().enumerate() {
        let Some(role) = input.roles.iter().position(|r| r.id == process.role_id) else {
            continue;
        };
        let rounds = &input.roles[role].rounds;
        let known = |id: &str| process.rounds.iter().find(|r| r.round_id == id);
        for (r, round) in rounds.iter().enumerate() {
            let info = known(&round.id);
            let date = info.and_then(|i| i.date);
            let deadline = date
                .or_else(|| {
                    rounds[r + 1..]
                        .iter()
                        .find_map(|later| known(&later.id).and_then(|i| i.date))
                })
                .unwrap_or(process.interview_date);
            if info.is_some_and(|i| i.done) || deadline < input.today {
                continue;
            }
            let last = r + 1 == rounds.len();
            held.push(Held {
                process: p,
                role,
                round: r,
                deadline,
                date_known: date.is_some(),
                on: date.or(last.then_some(process.interview_date)),
            });
        }
    }
    held
}
