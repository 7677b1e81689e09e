//! Countdown planner: turns interview dates, free time and progress into one day-by-day plan.
//!
//! The planner is pure (no clock, no storage, no randomness): [`plan`] is always recomputed from
//! `PlanInput::today`, and the same input always gives the same [`Plan`].
//!
//! # Rules and their tolerances
//!
//! - **Days.** Every day from `today` to the last round date gets a [`PlanDay`]. A day's capacity
//!   is its `day_overrides` entry, else `weekday_minutes` (Monday first); usable minutes are
//!   capacity minus `buffer_percent` (clamped to at most 90; rounded down). A day with 0 usable
//!   minutes is `off` and stays free. Planned minutes never exceed usable minutes. Tasks ticked
//!   today are always shown on today and count as done; planned work only uses what they left.
//! - **Deadlines.** A round is prepared for until its deadline: its own date, else the date of
//!   the next later round in the same process that has a date, else the process's
//!   `interview_date`. Rounds marked done or with a deadline before today are not prepared for.
//!   A round takes place on its date; a last round without a date takes place on
//!   `interview_date`. No task for a round is on or after that round's deadline.
//! - **Interview day and the day before.** A day with a round only has a short interview-day
//!   checklist task (10 min, less if fewer minutes are usable). The day before a round is
//!   `light`: at most half of its usable minutes, holding only a 10-min logistics task and final
//!   reviews for the rounds of the next day.
//! - **One plan for several processes.** Material is per role round: a question of the same
//!   `role_id` is prepared once for every process that uses that role, by the earliest of their
//!   deadlines, and gets a final review before each of them.
//! - **Two phases per round.** Learning new material happens from today up to the learn cut-off,
//!   65% of the way from today to the deadline (rounded down) and at least 2 days before it
//!   when that is not before today; after it come reviews and the mock.
//! - **Hiring-process order.** Rounds are prepared in deadline order. Guarantee: for two rounds
//!   A and B of the same role with A before B in the role's round list and
//!   deadline(A) <= deadline(B), every not-yet-done Learn task of A is on or before every Learn
//!   task of B.
//! - **Interleaving and balance.** Within a round, new questions are queued round-robin across
//!   focus areas, and learning is spread over the learn days in proportion to their free minutes
//!   (falling back to filling days in order when that does not fit).
//! - **Weights when time is short.** Rounds of a role that share a deadline form a group whose
//!   items compete for the same days. Each item has a first-touch cost: its learn minutes when
//!   new, else its review minutes. A focus area's effective weight is `weight * boost`. With M
//!   the first-touch minutes planned for a group, each focus area F gets at least
//!   `clamp(λ·weight(F), priority(F), demand(F)) − largest item cost of F`, where λ makes those
//!   clamped shares add up to M, `demand(F)` is the first-touch minutes of F's items that are
//!   not already known well and `priority(F)` those of its priority items (from debriefs and job
//!   postings). So minutes follow the weights within one item per focus area.
//! - **What is cut first.** Inside a focus area items are kept in this order: debrief priority
//!   items, then the others in content order, then items already known well (FSRS recall of at
//!   least 90% expected on the deadline, least well known first). Within a group, a priority item
//!   is only cut when no other item of the group is kept, and an item known well is only kept
//!   when every other item of the group is kept. An item whose first task needs more minutes than
//!   any single day before its cut-off still has free is cut (`no_slot`) and left out of the
//!   shares.
//! - **Coverage.** An item is planned when it has a Learn task or a review task (known items).
//!   The plan states planned / total items with the percentage (rounded down) and lists every
//!   other item as cut with its reason.
//! - **Reviews.** A new item gets follow-up reviews 1, 3 and 7 days after learning (moved to the
//!   next day with room, dropped if that is within 2 days of the deadline). An item with a due
//!   date gets a review on its due date (today when overdue; the next day with room if that day is
//!   full) when that is more than 2 days before the deadline, else on a final-review day, else on
//!   the latest earlier day with room. Every planned item gets a final review on the day before
//!   or two days before each deadline of the rounds that use it, unless it already has a review
//!   there. Follow-up and final reviews are placed when room is left.
//! - **Mocks.** Each role round gets one full mock (round minutes) on the first study day after
//!   its last Learn task and before its deadline, preferring days from the learn cut-off on,
//!   unless a mock of that round is already recorded or ticked. No room, no mock. Processes that
//!   share a role share the mock; its key uses the process with the earliest deadline.
//! - **Stories and checklist.** Each open STAR story gap gets "Write a STAR story" (25 min) on the
//!   study day with the most free minutes at least 2 days before its round's deadline. Each
//!   unticked checklist item gets a 10-min task on the study day with the most free minutes at
//!   least 2 days before the role's final deadline.
//! - **Feasibility.** Needed minutes are every task the full plan wants (learning, 3 follow-ups
//!   where they fit before the final days, due and final reviews, mocks, stories, checklist,
//!   logistics, interview-day tasks); available minutes add each day's limit (usable minutes,
//!   half on light days, 10 per round on interview days) less what was already done today.
//!   `minutes_per_day_needed` is the daily capacity (before the buffer) that would cover the
//!   need on every day before the last round that is not an interview day.
//! - **On track.** A round is on track when none of its items were cut; otherwise its status says
//!   how many items and minutes it is short of.
//! - **Debrief.** Questions asked in a real round come in as priority items (cut last, see above);
//!   focus areas that went badly come in with `boost` > 1, which multiplies their weight for every
//!   round still to come (boost is clamped to 0.1..=10).
//! - **Job posting.** The questions a process's posting raises (`crate::tailor`) come in as
//!   priority items, and the focus areas it stresses multiply their boost by 1.0–1.5; with
//!   several postings for a role, raised questions are their union and each area takes its
//!   largest posting boost. `store.rs` applies this when it gathers the inputs.
//! - **Ticks and re-planning.** Task keys are stable: `learn/{role}/{question}`,
//!   `review/{role}/{question}/{date}`, `mock/{process}/{round}`, `story/{gap}`,
//!   `check/{role}/{item}`, `logistics/{process}/{round}`, `interview/{process}/{round}`. A task
//!   ticked today is shown done on today; a ticked task is never planned again; a question whose
//!   Learn task was ticked on an earlier day counts as learned (review due the day after). Work
//!   that was missed simply moves forward; [`what_changed`] summarises the difference between two
//!   plans.

mod changes;
mod ics;
mod schedule;
/// Reading the planner's inputs from the database (the only part that knows of storage).
pub mod store;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use changes::what_changed;
pub use ics::to_ics;

/// Everything the planner needs; the caller gathers it from storage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanInput {
    pub today: NaiveDate,
    /// Minutes available on each weekday, Monday first.
    pub weekday_minutes: [u32; 7],
    /// Minutes on particular dates; 0 marks a day off or a break.
    pub day_overrides: BTreeMap<NaiveDate, u32>,
    /// Share of each day kept free as a buffer (10 by default, clamped to at most 90).
    pub buffer_percent: u32,
    pub processes: Vec<ProcessInput>,
    pub roles: Vec<RoleInput>,
    /// Task keys already ticked, with the date they were ticked.
    pub done_tasks: BTreeMap<String, NaiveDate>,
}

impl PlanInput {
    pub const DEFAULT_BUFFER_PERCENT: u32 = 10;
}

/// One hiring process at one company.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessInput {
    pub id: i64,
    pub company: String,
    pub role_id: String,
    /// Date of the final interview.
    pub interview_date: NaiveDate,
    /// What is known about the role's rounds in this process; missing rounds are undated.
    pub rounds: Vec<ProcessRound>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessRound {
    pub round_id: String,
    pub date: Option<NaiveDate>,
    pub done: bool,
}

/// A role hub with the user's progress on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleInput {
    pub id: String,
    pub title: String,
    /// In hiring-process order.
    pub rounds: Vec<RoundInput>,
    pub focus_areas: Vec<FocusInput>,
    pub items: Vec<ItemInput>,
    /// Checklist items not ticked yet.
    pub checklist: Vec<ChecklistInput>,
    pub story_gaps: Vec<StoryGap>,
    pub mocks_done: Vec<MockDone>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundInput {
    pub id: String,
    pub name: String,
    /// Length of the round, also the length of its mock.
    pub minutes: u32,
    pub focus_areas: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FocusInput {
    pub id: String,
    pub name: String,
    pub weight: u32,
    /// 1.0 normally; a debrief that went badly in this area raises it.
    pub boost: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemInput {
    pub question_id: String,
    pub round_id: String,
    pub focus_area: String,
    pub title: String,
    pub learn_minutes: u32,
    pub review_minutes: u32,
    pub memory: Memory,
    /// Asked in a real round's debrief: cut last.
    pub priority: bool,
    /// Beyond the role's core set: within its focus area, kept only after the core items.
    #[serde(default)]
    pub extra: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Memory {
    New,
    Learning {
        due: NaiveDate,
    },
    Known {
        stability_days: f64,
        last_review: NaiveDate,
        due: NaiveDate,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChecklistInput {
    pub id: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryGap {
    pub id: String,
    pub title: String,
    pub round_id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MockDone {
    pub round_id: String,
    pub date: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub today: NaiveDate,
    pub days: Vec<PlanDay>,
    /// One entry per round still to come (deadline today or later), by deadline.
    pub rounds: Vec<RoundStatus>,
    pub coverage: Coverage,
    pub feasibility: Feasibility,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    Study,
    /// No usable minutes: a day off or a break.
    Off,
    /// The day before a round.
    Light,
    /// A round takes place.
    Interview,
    /// Time was available but nothing needed doing.
    Rest,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub capacity_minutes: u32,
    pub usable_minutes: u32,
    pub planned_minutes: u32,
    /// Rounds taking place on this day.
    pub rounds: Vec<RoundRef>,
    pub tasks: Vec<Task>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundRef {
    pub process_id: i64,
    pub company: String,
    pub round_id: String,
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    Interview,
    Logistics,
    Review,
    Learn,
    Story,
    Mock,
    Checklist,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub key: String,
    pub kind: TaskKind,
    pub role_id: String,
    /// Processes whose round this task prepares (each still ahead on this day).
    pub process_ids: Vec<i64>,
    pub round_id: Option<String>,
    pub question_id: Option<String>,
    pub focus_area: Option<String>,
    pub title: String,
    pub minutes: u32,
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundStatus {
    pub process_id: i64,
    pub company: String,
    pub role_id: String,
    pub round_id: String,
    pub name: String,
    pub deadline: NaiveDate,
    /// False when the deadline comes from a later round or the interview date.
    pub date_known: bool,
    pub learn_cutoff: NaiveDate,
    pub items_total: usize,
    pub items_planned: usize,
    pub items_cut: usize,
    pub mock_on: Option<NaiveDate>,
    pub on_track: bool,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub items_total: usize,
    pub items_planned: usize,
    /// Rounded down, 100 when there is nothing to prepare.
    pub percent: u32,
    /// Learn and review minutes per "role/focus".
    pub minutes_by_focus: BTreeMap<String, u32>,
    /// Effective weight shares per "role/focus", over the focus areas that have items to prepare.
    pub target_share_by_focus: BTreeMap<String, f64>,
    pub cut: Vec<CutItem>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CutCause {
    /// The days before the deadline are full.
    NoTime,
    /// Already known well; cut first to make room.
    KnownWell,
    /// No single day before the deadline (or learn cut-off) can hold its first task.
    NoSlot,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CutItem {
    pub role_id: String,
    pub round_id: String,
    pub question_id: String,
    pub title: String,
    pub cause: CutCause,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Feasibility {
    pub needed_minutes: u32,
    pub available_minutes: u32,
    pub enough: bool,
    pub minutes_per_day_needed: u32,
    /// The verdict in one voice: what does not fit and the one action that fixes it.
    pub message: String,
    /// What the plan wants but has no room for, by kind (empty when everything fits).
    #[serde(default)]
    pub left_out: Vec<LeftOut>,
    /// The action: this many more minutes on every study day would fit what is left out.
    #[serde(default)]
    pub add_minutes_per_day: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeftOutKind {
    Questions,
    Reviews,
    Mocks,
    Stories,
    Checklist,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeftOut {
    pub kind: LeftOutKind,
    /// How many (questions, mocks, stories, checklist items); 0 for reviews, counted in minutes.
    pub count: u32,
    pub minutes: u32,
}

/// Computes the whole plan from `input.today` on.
/// How far ahead an interview may be: two years (and a day for a leap year). Dates are checked
/// against it where they enter (the process form, a backup), so every date the planner adds
/// days to is near today and its arithmetic cannot overflow.
pub const MAX_HORIZON_DAYS: i64 = 731;

pub fn horizon_end(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(chrono::Days::new(MAX_HORIZON_DAYS as u64))
        .unwrap_or(NaiveDate::MAX)
}

pub fn plan(input: &PlanInput) -> Plan {
    schedule::Planner::new(input).run()
}

/// "14 Dec": the short date of the `.ics` export's texts.
fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

/// A date inside a message the app shows: ISO ("2026-12-14"), which the UI writes out in the
/// user's own format (ui/js/format.js), as it does every other date.
fn shown_date(date: NaiveDate) -> String {
    date.to_string()
}

/// "2 h 5 min", "2 h", "45 min": the same way the UI writes durations. The spaces do not
/// break, so a duration never wraps across lines.
fn duration_text(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m}\u{a0}min"),
        (h, 0) => format!("{h}\u{a0}h"),
        (h, m) => format!("{h}\u{a0}h\u{a0}{m}\u{a0}min"),
    }
}
