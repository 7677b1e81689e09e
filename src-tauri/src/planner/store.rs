//! The planner's inputs in SQLite: interview processes and their round dates, per-date
//! availability, ticked tasks and debriefs; and gathering everything `plan` needs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    ChecklistInput, FocusInput, ItemInput, Memory, MockDone, Plan, PlanInput, ProcessInput,
    ProcessRound, RoleInput, RoundInput, StoryGap,
};
use crate::error::{AppError, AppResult};
use crate::progress::schedule::{effective_due, local_date};
use crate::progress::{
    ensure_role, instant_text, load_cards, parse_day, parse_instant, role_items, round_deadlines,
};
use crate::settings::MAX_DAILY_MINUTES;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RoundDate {
    pub round_id: String,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub done: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ProcessEdit {
    #[serde(default)]
    pub id: Option<i64>,
    pub company: String,
    pub role_id: String,
    pub interview_date: NaiveDate,
    #[serde(default)]
    pub rounds: Vec<RoundDate>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProcessView {
    pub id: i64,
    pub company: String,
    pub role_id: String,
    pub role_title: String,
    pub interview_date: NaiveDate,
    /// Every round of the role, in hiring-process order, with what is known of it here.
    pub rounds: Vec<RoundView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RoundView {
    pub round_id: String,
    pub name: String,
    pub minutes: u32,
    pub date: Option<NaiveDate>,
    pub done: bool,
    /// Its start (see `invite::parse_start`), the zone the invite gave and the place, as text.
    pub starts_at: Option<String>,
    pub time_zone: Option<String>,
    pub location: String,
}

/// A round of a role: id, name, minutes, focus areas.
type RoleRound = (String, String, u32, Vec<String>);

fn role_rounds(conn: &Connection, role_id: &str) -> AppResult<Vec<RoleRound>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, minutes, focus_areas FROM round WHERE role_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([role_id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?))
    })?;
    rows.map(|row| {
        let (id, name, minutes, areas) = row?;
        Ok((id, name, minutes, serde_json::from_str(&areas)?))
    })
    .collect()
}

pub fn list_processes(conn: &Connection) -> AppResult<Vec<ProcessView>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.company, p.role_id, COALESCE(r.title, p.role_id), p.interview_date
           FROM process p LEFT JOIN role r ON r.id = p.role_id
          WHERE p.archived = 0 ORDER BY p.interview_date, p.id",
    )?;
    let rows: Vec<(i64, String, String, String, String)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (id, company, role_id, role_title, interview) in rows {
        type Known = (Option<String>, bool, Option<String>, Option<String>, String);
        let known: HashMap<String, Known> = {
            let mut s = conn.prepare_cached(
                "SELECT round_id, date, done, starts_at, time_zone, location
                   FROM process_round WHERE process_id = ?1",
            )?;
            let rows = s.query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
                ))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        let mut rounds = Vec::new();
        for (round_id, name, minutes, _) in role_rounds(conn, &role_id)? {
            let (date, done, starts_at, time_zone, location) =
                known.get(&round_id).cloned().unwrap_or_default();
            rounds.push(RoundView {
                round_id,
                name,
                minutes,
                date: date.as_deref().map(parse_day).transpose()?,
                done,
                starts_at,
                time_zone,
                location,
            });
        }
        out.push(ProcessView {
            id,
            company,
            role_id,
            role_title,
            interview_date: parse_day(&interview)?,
            rounds,
        });
    }
    Ok(out)
}

/// Longest company name (or description of a process) kept.
pub const MAX_COMPANY_CHARS: usize = 200;

/// Adds or edits a process after checking it completely; every problem is named.
pub fn save_process(
    conn: &mut Connection,
    edit: &ProcessEdit,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> AppResult<ProcessView> {
    ensure_role(conn, &edit.role_id)?;
    let rounds = role_rounds(conn, &edit.role_id)?;
    let mut problems = Vec::new();
    if edit.company.trim().is_empty() {
        problems.push("company: name the company (or write what the process is)".to_string());
    }
    if edit.company.chars().count() > MAX_COMPANY_CHARS {
        problems.push(format!(
            "company: at most {MAX_COMPANY_CHARS} characters ({} given)",
            edit.company.chars().count()
        ));
    }
    let last_day = super::horizon_end(today);
    if edit.interview_date > last_day {
        problems.push(format!(
            "interview_date: {} is more than two years ahead; the planner plans up to {last_day}",
            edit.interview_date
        ));
    }
    if edit.interview_date < today && edit.id.is_none() {
        problems.push(format!(
            "interview_date: {} has already passed",
            edit.interview_date
        ));
    }
    let mut last: Option<(NaiveDate, &str)> = None;
    for (id, name, _, _) in &rounds {
        let Some(rd) = edit.rounds.iter().find(|r| &r.round_id == id) else {
            continue;
        };
        if let Some(date) = rd.date {
            if date > edit.interview_date {
                problems.push(format!(
                    "rounds.{id}.date: {name} on {date} is after the final interview on {}",
                    edit.interview_date
                ));
            }
            if let Some((prev, prev_name)) = last {
                if date < prev {
                    problems.push(format!(
                        "rounds.{id}.date: {name} on {date} is before {prev_name} on {prev}, which comes earlier in the process"
                    ));
                }
            }
            last = Some((date, name));
        }
    }
    for rd in &edit.rounds {
        if !rounds.iter().any(|(id, ..)| id == &rd.round_id) {
            problems.push(format!(
                "rounds.{}: the role has no such round",
                rd.round_id
            ));
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(format!(
            "the interview was not saved: {}",
            problems.join("; ")
        )));
    }
    let tx = conn.transaction()?;
    // A round's time, place and invite stay when its date does; a new date drops the time.
    type Logistics = (
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        Option<i64>,
    );
    let mut logistics: HashMap<String, Logistics> = HashMap::new();
    let id = match edit.id {
        Some(id) => {
            {
                let mut stmt = tx.prepare(
                    "SELECT round_id, date, starts_at, time_zone, location, invite_uid, invite_sequence
                       FROM process_round WHERE process_id = ?1",
                )?;
                let rows = stmt.query_map([id], |r| {
                    Ok((
                        r.get(0)?,
                        (
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                            r.get(6)?,
                        ),
                    ))
                })?;
                for row in rows {
                    let (round, kept): (String, Logistics) = row?;
                    logistics.insert(round, kept);
                }
            }
            let n = tx.execute(
                "UPDATE process SET company = ?2, role_id = ?3, interview_date = ?4, updated_at = ?5 WHERE id = ?1",
                params![
                    id,
                    edit.company.trim(),
                    edit.role_id,
                    edit.interview_date.to_string(),
                    instant_text(now)
                ],
            )?;
            if n == 0 {
                return Err(AppError::NotFound(format!(
                    "interview process {id} not found"
                )));
            }
            tx.execute("DELETE FROM process_round WHERE process_id = ?1", [id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO process(company, role_id, interview_date, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![edit.company.trim(), edit.role_id, edit.interview_date.to_string(), instant_text(now)],
            )?;
            tx.last_insert_rowid()
        }
    };
    for rd in &edit.rounds {
        let kept = logistics.remove(&rd.round_id);
        let place_known = kept.as_ref().is_some_and(|k| !k.3.is_empty());
        if rd.date.is_some() || rd.done || place_known {
            let date = rd.date.map(|d| d.to_string());
            let (old_date, starts_at, time_zone, location, invite_uid, sequence) =
                kept.unwrap_or_default();
            let (starts_at, time_zone) = if old_date == date {
                (starts_at, time_zone)
            } else {
                (None, None)
            };
            tx.execute(
                "INSERT INTO process_round(process_id, round_id, date, done, starts_at, time_zone,
                        location, invite_uid, invite_sequence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    rd.round_id,
                    date,
                    rd.done,
                    starts_at,
                    time_zone,
                    location,
                    invite_uid,
                    sequence
                ],
            )?;
        }
    }
    // A round left out of the edit keeps only its place.
    for (round_id, (_, _, _, location, invite_uid, sequence)) in logistics {
        if !location.is_empty() && rounds.iter().any(|(rid, ..)| *rid == round_id) {
            tx.execute(
                "INSERT INTO process_round(process_id, round_id, location, invite_uid, invite_sequence)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, round_id, location, invite_uid, sequence],
            )?;
        }
    }
    tx.commit()?;
    list_processes(conn)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| AppError::NotFound(format!("interview process {id} vanished while saving")))
}

pub fn delete_process(conn: &Connection, id: i64) -> AppResult<()> {
    // Remembered, so a synced device's copy of the process does not bring it back.
    conn.execute(
        "INSERT OR IGNORE INTO sync_deleted(kind, uid, deleted_at)
         SELECT 'process', uid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM process WHERE id = ?1 AND uid IS NOT NULL",
        [id],
    )?;
    let n = conn.execute("DELETE FROM process WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(AppError::NotFound(format!(
            "interview process {id} not found"
        )));
    }
    Ok(())
}

/// Sets the minutes of one date (0 = day off); `None` goes back to the weekday's default.
pub fn set_day(
    conn: &Connection,
    date: NaiveDate,
    minutes: Option<u32>,
    note: &str,
) -> AppResult<()> {
    match minutes {
        Some(m) if m > MAX_DAILY_MINUTES => Err(AppError::Invalid(format!(
            "minutes: {m} is more than a day can hold ({MAX_DAILY_MINUTES})"
        ))),
        Some(m) => {
            conn.execute(
                "INSERT INTO day_override(date, minutes, note) VALUES (?1, ?2, ?3)
                 ON CONFLICT(date) DO UPDATE SET minutes = excluded.minutes, note = excluded.note",
                params![date.to_string(), m, note.trim()],
            )?;
            Ok(())
        }
        None => {
            conn.execute(
                "DELETE FROM day_override WHERE date = ?1",
                [date.to_string()],
            )?;
            Ok(())
        }
    }
}

pub fn day_overrides(conn: &Connection) -> AppResult<BTreeMap<NaiveDate, (u32, String)>> {
    let mut stmt = conn.prepare_cached("SELECT date, minutes, note FROM day_override")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
    rows.map(|row| {
        let (d, m, n) = row?;
        Ok((parse_day(&d)?, (m, n)))
    })
    .collect()
}

pub fn set_task_done(
    conn: &Connection,
    key: &str,
    date: NaiveDate,
    minutes: u32,
    done: bool,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if key.trim().is_empty() || key.len() > 400 {
        return Err(AppError::Invalid(
            "task: the task key is missing or too long".into(),
        ));
    }
    if done {
        conn.execute(
            "INSERT INTO plan_task_done(task_key, date, minutes, done_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(task_key) DO NOTHING",
            params![key, date.to_string(), minutes, instant_text(now)],
        )?;
    } else {
        conn.execute("DELETE FROM plan_task_done WHERE task_key = ?1", [key])?;
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DebriefInput {
    pub process_id: i64,
    pub round_id: String,
    pub held_on: NaiveDate,
    /// How it went, 1 (badly) to 5 (very well).
    pub went: u8,
    #[serde(default)]
    pub notes: String,
    /// Questions of the role that were asked.
    #[serde(default)]
    pub question_ids: Vec<String>,
    /// Questions asked that the hub does not have: they become the user's own questions.
    #[serde(default)]
    pub new_questions: Vec<String>,
}

/// Records how a real round went; the round is marked done, the questions asked become
/// priority items, and a round that went badly weighs its focus areas more in later rounds.
pub fn save_debrief(conn: &mut Connection, d: &DebriefInput, now: DateTime<Utc>) -> AppResult<i64> {
    let role_id: Option<String> = conn
        .query_row(
            "SELECT role_id FROM process WHERE id = ?1",
            [d.process_id],
            |r| r.get(0),
        )
        .optional()?;
    let role_id = role_id.ok_or_else(|| {
        AppError::NotFound(format!("interview process {} not found", d.process_id))
    })?;
    let rounds = role_rounds(conn, &role_id)?;
    let Some((_, _, _, areas)) = rounds.iter().find(|r| r.0 == d.round_id) else {
        return Err(AppError::Invalid(format!(
            "round_id: the role has no round '{}'",
            d.round_id
        )));
    };
    let mut problems = Vec::new();
    if !(1..=5).contains(&d.went) {
        problems.push(format!("went: {} is not between 1 and 5", d.went));
    }
    for (i, q) in d.question_ids.iter().enumerate() {
        if crate::progress::practice::ensure_question(conn, &role_id, q).is_err() {
            problems.push(format!("question_ids[{i}]: the role has no question '{q}'"));
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(format!(
            "the debrief was not saved: {}",
            problems.join("; ")
        )));
    }
    let focus = areas.first().cloned().unwrap_or_default();
    let mut asked: BTreeSet<String> = d.question_ids.iter().cloned().collect();
    for text in d.new_questions.iter().filter(|t| !t.trim().is_empty()) {
        let q = crate::progress::own::save(
            conn,
            &role_id,
            &crate::progress::own::OwnQuestion {
                id: None,
                round_id: d.round_id.clone(),
                focus_area: focus.clone(),
                prompt: text.trim().to_string(),
                answer: String::new(),
                skills: Vec::new(),
                follow_ups: Vec::new(),
                difficulty: "intermediate".into(),
                minutes: 15,
                created_at: None,
                updated_at: None,
            },
            now,
        )?;
        asked.extend(q.id);
    }
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO debrief(process_id, round_id, held_on, went, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![d.process_id, d.round_id, d.held_on.to_string(), d.went, d.notes, instant_text(now)],
    )?;
    let id = tx.last_insert_rowid();
    for q in &asked {
        tx.execute(
            "INSERT OR IGNORE INTO debrief_question(debrief_id, role_id, question_id) VALUES (?1, ?2, ?3)",
            params![id, role_id, q],
        )?;
    }
    tx.execute(
        "INSERT INTO process_round(process_id, round_id, date, done) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT(process_id, round_id) DO UPDATE SET done = 1, date = COALESCE(date, excluded.date)",
        params![d.process_id, d.round_id, d.held_on.to_string()],
    )?;
    tx.execute(
        "UPDATE process SET updated_at = ?2 WHERE id = ?1",
        params![d.process_id, instant_text(now)],
    )?;
    tx.commit()?;
    Ok(id)
}

/// Weight multiplier for a focus area after a round that tested it went this way (1-5).
fn debrief_boost(went: u8) -> f64 {
    match went {
        1 | 2 => 1.5,
        3 => 1.2,
        _ => 1.0,
    }
}

/// Plain text of sanitised HTML from a pack (for task titles).
fn html_to_text(html: &str) -> String {
    let text = ammonia::Builder::empty().clean(html).to_string();
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everything the planner needs, read from the database, for the plan from `today`.
pub fn build_input(
    conn: &Connection,
    weekday_minutes: [u32; 7],
    today: NaiveDate,
) -> AppResult<PlanInput> {
    let processes: Vec<ProcessInput> = list_processes(conn)?
        .into_iter()
        .map(|p| ProcessInput {
            id: p.id,
            company: p.company,
            role_id: p.role_id,
            // Dates past the horizon can only come from files older versions accepted; held to
            // it, the plan stays a bounded number of days.
            interview_date: p.interview_date.min(super::horizon_end(today)),
            rounds: p
                .rounds
                .into_iter()
                .filter(|r| r.date.is_some() || r.done)
                .map(|r| ProcessRound {
                    round_id: r.round_id,
                    date: r.date.map(|d| d.min(super::horizon_end(today))),
                    done: r.done,
                })
                .collect(),
        })
        .collect();
    let role_ids: BTreeSet<String> = processes.iter().map(|p| p.role_id.clone()).collect();
    let mut roles = Vec::new();
    for role_id in role_ids {
        let content: Option<String> = conn
            .query_row("SELECT content FROM role WHERE id = ?1", [&role_id], |r| {
                r.get(0)
            })
            .optional()?;
        // A process whose role pack was removed plans nothing until the pack is back.
        let Some(content) = content else { continue };
        roles.push(role_input(
            conn,
            &role_id,
            &serde_json::from_str(&content)?,
            today,
        )?);
    }
    let done_tasks = {
        let mut stmt = conn.prepare_cached("SELECT task_key, date FROM plan_task_done")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        rows.map(|row| {
            let (k, d) = row?;
            Ok((k, parse_day(&d)?))
        })
        .collect::<AppResult<BTreeMap<_, _>>>()?
    };
    Ok(PlanInput {
        today,
        weekday_minutes,
        day_overrides: day_overrides(conn)?
            .into_iter()
            .map(|(d, (m, _))| (d, m))
            .collect(),
        buffer_percent: PlanInput::DEFAULT_BUFFER_PERCENT,
        processes,
        roles,
        done_tasks,
    })
}

fn role_input(
    conn: &Connection,
    role_id: &str,
    content: &Value,
    today: NaiveDate,
) -> AppResult<RoleInput> {
    let rounds = role_rounds(conn, role_id)?;
    // Focus areas of rounds whose debrief went badly weigh more in the rounds still to come.
    let mut boost: HashMap<String, f64> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT d.round_id, d.went FROM debrief d JOIN process p ON p.id = d.process_id
              WHERE p.role_id = ?1 AND p.archived = 0",
        )?;
        let rows = stmt.query_map([role_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u8>(1)?))
        })?;
        for row in rows {
            let (round, went) = row?;
            if let Some((_, _, _, areas)) = rounds.iter().find(|r| r.0 == round) {
                for a in areas {
                    let b = boost.entry(a.clone()).or_insert(1.0);
                    *b = b.max(debrief_boost(went));
                }
            }
        }
    }
    let mut priority: BTreeSet<String> = {
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT question_id FROM debrief_question WHERE role_id = ?1",
        )?;
        let rows = stmt.query_map([role_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    // A job posting on a process raises the questions it stresses to priority items and
    // multiplies its focus areas' weight (at most 1.5; see `tailor`).
    let raised = crate::tailor::store::role_raised(conn, role_id)?;
    priority.extend(raised.questions.into_keys());
    for (area, (posting_boost, _)) in raised.areas {
        *boost.entry(area).or_insert(1.0) *= posting_boost;
    }
    let focus_areas = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, weight FROM focus_area WHERE role_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([role_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (id, name, weight) = row?;
            Ok(FocusInput {
                boost: boost.get(&id).copied().unwrap_or(1.0),
                id,
                name,
                weight,
            })
        })
        .collect::<AppResult<Vec<_>>>()?
    };
    let cards = load_cards(conn, role_id)?;
    let deadlines = round_deadlines(conn, role_id, today)?;
    let items = role_items(conn, role_id)?
        .into_iter()
        .map(|i| {
            let memory = match cards.get(&i.question_id) {
                None => Memory::New,
                Some(c) if c.state == rs_fsrs::State::New => Memory::New,
                Some(c) => {
                    let due =
                        local_date(effective_due(c, deadlines.get(&i.round_id).copied(), today))
                            .max(today);
                    if matches!(c.state, rs_fsrs::State::Review) {
                        Memory::Known {
                            stability_days: c.stability,
                            last_review: local_date(c.last_review),
                            due,
                        }
                    } else {
                        Memory::Learning { due }
                    }
                }
            };
            ItemInput {
                priority: priority.contains(&i.question_id),
                extra: i.extra,
                learn_minutes: i.minutes.max(1),
                // A review re-tells the answer aloud: about a quarter of first-time preparation.
                review_minutes: (i.minutes / 4).clamp(3, 15),
                question_id: i.question_id,
                round_id: i.round_id,
                focus_area: i.focus_area,
                title: i.prompt,
                memory,
            }
        })
        .collect();
    let ticked: BTreeSet<String> = {
        let mut stmt =
            conn.prepare_cached("SELECT item_id FROM checklist_tick WHERE role_id = ?1")?;
        let rows = stmt.query_map([role_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let checklist = content["checklist"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| {
            let id = c["id"].as_str()?.to_string();
            (!ticked.contains(&id)).then(|| ChecklistInput {
                text: html_to_text(c["text_html"].as_str().unwrap_or_default()),
                id,
            })
        })
        .collect();
    let coverage = crate::progress::stories::coverage(conn, role_id)?;
    let mut story_gaps: Vec<StoryGap> = coverage
        .questions
        .iter()
        .filter(|q| q["stories"].as_array().is_none_or(|s| s.is_empty()))
        .map(|q| StoryGap {
            id: format!(
                "{role_id}/{}",
                q["question_id"].as_str().unwrap_or_default()
            ),
            title: q["prompt"].as_str().unwrap_or_default().to_string(),
            round_id: q["round_id"].as_str().unwrap_or_default().to_string(),
        })
        .collect();
    let story_round = coverage
        .questions
        .last()
        .and_then(|q| q["round_id"].as_str().map(String::from))
        .or_else(|| rounds.last().map(|r| r.0.clone()))
        .unwrap_or_default();
    for check in coverage.checks.iter().filter(|c| !c.met) {
        story_gaps.push(StoryGap {
            id: format!("{role_id}/check-{}", check.id),
            title: check.label.to_string(),
            round_id: story_round.clone(),
        });
    }
    let mocks_done = {
        let mut stmt =
            conn.prepare_cached("SELECT round_id, finished_at FROM mock WHERE role_id = ?1")?;
        let rows = stmt.query_map([role_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|row| {
            let (round_id, at) = row?;
            Ok(MockDone {
                round_id,
                date: local_date(parse_instant(&at)?),
            })
        })
        .collect::<AppResult<Vec<_>>>()?
    };
    Ok(RoleInput {
        id: role_id.to_string(),
        title: content["title"].as_str().unwrap_or(role_id).to_string(),
        rounds: rounds
            .into_iter()
            .map(|(id, name, minutes, focus_areas)| RoundInput {
                id,
                name,
                minutes,
                focus_areas,
            })
            .collect(),
        focus_areas,
        items,
        checklist,
        story_gaps,
        mocks_done,
    })
}

/// The plan for today, and what changed since the user last acknowledged a plan. The first
/// plan ever made is kept as the reference; `acknowledge_plan` moves the reference on.
pub fn current_plan(
    conn: &Connection,
    weekday_minutes: [u32; 7],
    today: NaiveDate,
) -> AppResult<(Plan, Vec<String>)> {
    let input = build_input(conn, weekday_minutes, today)?;
    let plan = super::plan(&input);
    let old: Option<String> = conn
        .query_row("SELECT plan FROM plan_snapshot WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    // A snapshot an older app version wrote in another shape is simply replaced.
    match old.and_then(|text| serde_json::from_str::<Plan>(&text).ok()) {
        Some(old) if old != plan => {
            let changes = super::what_changed(&old, &plan);
            Ok((plan, changes))
        }
        Some(_) => Ok((plan, Vec::new())),
        None => {
            save_snapshot(conn, &plan, today)?;
            Ok((plan, Vec::new()))
        }
    }
}

/// The user has seen the changes: the current plan becomes the reference.
pub fn acknowledge_plan(
    conn: &Connection,
    weekday_minutes: [u32; 7],
    today: NaiveDate,
) -> AppResult<()> {
    let plan = super::plan(&build_input(conn, weekday_minutes, today)?);
    save_snapshot(conn, &plan, today)
}

fn save_snapshot(conn: &Connection, plan: &Plan, today: NaiveDate) -> AppResult<()> {
    conn.execute(
        "INSERT INTO plan_snapshot(id, made_on, plan) VALUES (1, ?1, ?2)
         ON CONFLICT(id) DO UPDATE SET made_on = excluded.made_on, plan = excluded.plan",
        params![today.to_string(), serde_json::to_string(plan)?],
    )?;
    Ok(())
}

/// Whether the daily reminder is due: once a day, within the hour after the chosen time.
/// An app opened late at night does not send the morning's reminder.
pub fn reminder_due(
    now: chrono::NaiveDateTime,
    at: chrono::NaiveTime,
    sent_on: Option<NaiveDate>,
) -> bool {
    let late = now.time().signed_duration_since(at);
    sent_on != Some(now.date())
        && late >= chrono::Duration::zero()
        && late < chrono::Duration::hours(1)
}

/// One line for the daily reminder: today's tasks and the next round; `None` when there is nothing to do.
pub fn today_summary(plan: &Plan) -> Option<String> {
    let day = plan.days.first().filter(|d| d.date == plan.today)?;
    let open: Vec<_> = day.tasks.iter().filter(|t| !t.done).collect();
    if open.is_empty() {
        return None;
    }
    let minutes: u32 = open.iter().map(|t| t.minutes).sum();
    let mut text = format!(
        "{} task{} today, about {minutes} min.",
        open.len(),
        if open.len() == 1 { "" } else { "s" }
    );
    if let Some(next) = plan.rounds.first() {
        let days = (next.deadline - plan.today).num_days();
        text.push_str(&format!(
            " Next: {} ({}) {}.",
            next.name,
            next.company,
            match days {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                n => format!("in {n} days"),
            }
        ));
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminder_is_sent_once_within_the_hour_after_its_time() {
        let at = chrono::NaiveTime::from_hms_opt(8, 30, 0).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let time = |h, m| day.and_hms_opt(h, m, 0).unwrap();
        assert!(!reminder_due(time(8, 29), at, None), "before the time");
        assert!(reminder_due(time(8, 30), at, None));
        assert!(reminder_due(time(9, 29), at, None));
        assert!(!reminder_due(time(9, 30), at, None), "an hour late");
        assert!(!reminder_due(time(23, 0), at, None), "opened late at night");
        assert!(
            !reminder_due(time(8, 45), at, Some(day)),
            "already sent today"
        );
        let yesterday = day.pred_opt().unwrap();
        assert!(reminder_due(time(8, 45), at, Some(yesterday)));
    }
    use crate::packs::builtin;
    use crate::planner::{DayKind, TaskKind};

    const ROLE: &str = "senior-backend-developer";
    const WEEK: [u32; 7] = [60, 60, 60, 60, 60, 180, 0];

    fn db() -> Connection {
        let mut conn = crate::storage::open_in_memory().unwrap();
        builtin::ensure_builtin(&mut conn).unwrap();
        conn
    }
    fn day(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }
    fn now() -> DateTime<Utc> {
        parse_instant("2026-12-01T09:00:00Z").unwrap()
    }
    /// The seed role's database with one Acme process and no round dates yet.
    fn db_with_acme(interview: &str, today: &str) -> (Connection, ProcessView) {
        let mut conn = db();
        let p = save_process(&mut conn, &acme(interview, vec![]), day(today), now()).unwrap();
        (conn, p)
    }
    fn acme(date: &str, rounds: Vec<RoundDate>) -> ProcessEdit {
        ProcessEdit {
            id: None,
            company: "Acme".into(),
            role_id: ROLE.into(),
            interview_date: day(date),
            rounds,
        }
    }

    #[test]
    fn a_process_with_impossible_dates_is_refused_with_every_problem() {
        let mut conn = db();
        let mut edit = acme(
            "2026-12-14",
            vec![
                RoundDate {
                    round_id: "system-design".into(),
                    date: Some(day("2026-12-20")),
                    done: false,
                },
                RoundDate {
                    round_id: "reliability-and-operations".into(),
                    date: Some(day("2026-12-05")),
                    done: false,
                },
                RoundDate {
                    round_id: "tea-break".into(),
                    date: None,
                    done: false,
                },
            ],
        );
        edit.company = " ".into();
        let err = save_process(&mut conn, &edit, day("2026-12-01"), now())
            .unwrap_err()
            .to_string();
        for part in [
            "company:",
            "rounds.system-design.date: Architecture and system design on 2026-12-20",
            "is after the final interview",
            "rounds.reliability-and-operations.date",
            "comes earlier in the process",
            "rounds.tea-break: the role has no such round",
        ] {
            assert!(err.contains(part), "{part} missing from: {err}");
        }
        assert!(list_processes(&conn).unwrap().is_empty());
    }

    #[test]
    fn the_plan_prepares_the_seed_role_before_its_rounds() {
        let mut conn = db();
        save_process(
            &mut conn,
            &acme(
                "2026-12-21",
                vec![RoundDate {
                    round_id: "system-design".into(),
                    date: Some(day("2026-12-10")),
                    done: false,
                }],
            ),
            day("2026-12-01"),
            now(),
        )
        .unwrap();
        let (plan, changes) = current_plan(&conn, WEEK, day("2026-12-01")).unwrap();
        assert!(
            changes.is_empty(),
            "a first plan has nothing to compare with"
        );
        assert_eq!(plan.days.first().unwrap().date, day("2026-12-01"));
        assert_eq!(plan.days.last().unwrap().date, day("2026-12-21"));
        let learn: Vec<_> = plan
            .days
            .iter()
            .flat_map(|d| d.tasks.iter().map(move |t| (d.date, t)))
            .filter(|(_, t)| t.kind == TaskKind::Learn)
            .collect();
        assert!(!learn.is_empty());
        for (date, t) in &learn {
            if t.round_id.as_deref() == Some("system-design") {
                assert!(*date < day("2026-12-10"), "{} learned on {date}", t.key);
            }
        }
        for d in &plan.days {
            assert!(
                d.planned_minutes <= d.usable_minutes,
                "{} over its time",
                d.date
            );
        }
        let sunday = plan
            .days
            .iter()
            .find(|d| d.date == day("2026-12-06"))
            .unwrap();
        assert_eq!(sunday.kind, DayKind::Off, "Sunday has no study time");
        assert!(today_summary(&plan).unwrap().contains("task"));
    }

    #[test]
    fn moving_the_interview_is_reported_and_replanned() {
        let (mut conn, p) = db_with_acme("2026-12-14", "2026-12-01");
        current_plan(&conn, WEEK, day("2026-12-01")).unwrap();
        let mut edit = acme("2026-12-18", vec![]);
        edit.id = Some(p.id);
        save_process(&mut conn, &edit, day("2026-12-01"), now()).unwrap();
        let (plan, changes) = current_plan(&conn, WEEK, day("2026-12-01")).unwrap();
        assert_eq!(plan.days.last().unwrap().date, day("2026-12-18"));
        assert!(
            changes
                .iter()
                .any(|c| c.contains("2026-12-14") && c.contains("2026-12-18")),
            "{changes:?}"
        );
        let (_, again) = current_plan(&conn, WEEK, day("2026-12-01")).unwrap();
        assert_eq!(again, changes, "told until the user has seen it");
        acknowledge_plan(&conn, WEEK, day("2026-12-01")).unwrap();
        let (_, after) = current_plan(&conn, WEEK, day("2026-12-01")).unwrap();
        assert!(after.is_empty(), "{after:?}");
    }

    #[test]
    fn stories_never_crowd_out_learning() {
        // 20 days at an hour a day is plenty for the seed role's 12 core questions; questions
        // beyond the core come after them in each round, so only those may be cut.
        let (conn, _) = db_with_acme("2026-12-19", "2026-11-29");
        let (plan, _) = current_plan(&conn, [60; 7], day("2026-11-29")).unwrap();
        let extra: BTreeSet<String> = conn
            .prepare("SELECT id FROM question WHERE json_extract(content, '$.extra')")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let core_cut: Vec<&str> = plan
            .coverage
            .cut
            .iter()
            .filter(|c| !extra.contains(&c.question_id))
            .map(|c| c.question_id.as_str())
            .collect();
        assert!(core_cut.is_empty(), "core questions cut: {core_cut:?}");
        assert!(plan
            .days
            .iter()
            .any(|d| d.tasks.iter().any(|t| t.kind == TaskKind::Story)));
    }

    #[test]
    fn ticks_and_days_off_are_kept() {
        let (conn, _) = db_with_acme("2026-12-21", "2026-12-01");
        set_day(&conn, day("2026-12-02"), Some(0), "dentist").unwrap();
        let (plan, _) = current_plan(&conn, WEEK, day("2026-12-01")).unwrap();
        assert_eq!(plan.days[1].kind, DayKind::Off);
        let task = plan.days[0]
            .tasks
            .iter()
            .find(|t| t.kind == TaskKind::Learn)
            .unwrap()
            .clone();
        set_task_done(
            &conn,
            &task.key,
            day("2026-12-01"),
            task.minutes,
            true,
            now(),
        )
        .unwrap();
        let (plan, _) = current_plan(&conn, WEEK, day("2026-12-01")).unwrap();
        assert!(plan.days[0]
            .tasks
            .iter()
            .any(|t| t.key == task.key && t.done));
        assert!(set_day(&conn, day("2026-12-03"), Some(2000), "")
            .unwrap_err()
            .to_string()
            .contains("2000"));
    }

    #[test]
    fn a_debrief_marks_the_round_done_and_makes_its_questions_priority() {
        let mut conn = db();
        let p = save_process(
            &mut conn,
            &acme(
                "2026-12-21",
                vec![RoundDate {
                    round_id: "recruiter-screen".into(),
                    date: Some(day("2026-12-02")),
                    done: false,
                }],
            ),
            day("2026-12-01"),
            now(),
        )
        .unwrap();
        save_debrief(
            &mut conn,
            &DebriefInput {
                process_id: p.id,
                round_id: "recruiter-screen".into(),
                held_on: day("2026-12-02"),
                went: 2,
                notes: "rambled".into(),
                question_ids: vec!["owned-system-walkthrough".into()],
                new_questions: vec!["Why are you leaving?".into()],
            },
            now(),
        )
        .unwrap();
        let view = &list_processes(&conn).unwrap()[0];
        assert!(view
            .rounds
            .iter()
            .any(|r| r.round_id == "recruiter-screen" && r.done));
        let input = build_input(&conn, WEEK, day("2026-12-03")).unwrap();
        let role = &input.roles[0];
        assert!(role
            .items
            .iter()
            .any(|i| i.question_id == "owned-system-walkthrough" && i.priority));
        assert!(role
            .items
            .iter()
            .any(|i| i.title == "Why are you leaving?" && i.priority));
        let sd = role
            .focus_areas
            .iter()
            .find(|f| f.id == "system-design")
            .unwrap();
        assert!(
            sd.boost > 1.0,
            "the recruiter screen went badly on system design"
        );
        let err = save_debrief(
            &mut conn,
            &DebriefInput {
                process_id: p.id,
                round_id: "recruiter-screen".into(),
                held_on: day("2026-12-02"),
                went: 9,
                notes: String::new(),
                question_ids: vec!["nope".into()],
                new_questions: vec![],
            },
            now(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("went: 9") && err.contains("question_ids[0]"),
            "{err}"
        );
    }

    #[test]
    fn practice_progress_reaches_the_planner() {
        let (mut conn, _) = db_with_acme("2026-12-21", "2026-12-01");
        let scope = crate::progress::practice::Scope {
            kind: crate::progress::practice::ScopeKind::All,
            value: None,
        };
        let step = crate::progress::practice::start(
            &conn,
            &mut crate::progress::practice::Queues::default(),
            ROLE,
            &scope,
            now(),
        )
        .unwrap();
        let q = step.question.unwrap()["question_id"]
            .as_str()
            .unwrap()
            .to_string();
        crate::progress::practice::rate(
            &mut conn,
            &mut crate::progress::practice::Queues::default(),
            step.session_id,
            ROLE,
            &q,
            3,
            60,
            now(),
        )
        .unwrap();
        let input = build_input(&conn, WEEK, day("2026-12-01")).unwrap();
        let item = input.roles[0]
            .items
            .iter()
            .find(|i| i.question_id == q)
            .unwrap();
        assert!(!matches!(item.memory, Memory::New), "{:?}", item.memory);
    }
}
