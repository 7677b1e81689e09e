//! Giving an interview process's rounds the dates, times and places of invite events.
//!
//! A round remembers the event it came from (`invite_uid`, `invite_sequence`). Reading an update
//! of that event (same UID, higher SEQUENCE) moves the round; an older or equal version changes
//! nothing. Dates go through `planner::store::save_process`, so they are checked exactly as a
//! date typed by hand (in the planner's horizon, not after the final interview, in round order).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::InviteEvent;
use crate::error::{AppError, AppResult};
use crate::planner::store::{list_processes, save_process, ProcessEdit, ProcessView, RoundDate};
use crate::progress::instant_text;

/// What an event would do to the process.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventPreview {
    #[serde(flatten)]
    pub event: InviteEvent,
    /// The round this event already set (same UID), if any.
    pub round_id: Option<String>,
    /// `new`, `update` (higher SEQUENCE), `same`, `older`, `cancelled` or `refused`.
    pub status: &'static str,
}

/// The user's choice: this event is that round.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Assignment {
    pub uid: String,
    pub round_id: String,
}

/// What a round holds from an invite.
#[derive(Debug, Clone, PartialEq)]
struct Linked {
    round_id: String,
    date: Option<String>,
    starts_at: Option<String>,
    time_zone: Option<String>,
    location: String,
    uid: Option<String>,
    sequence: Option<i64>,
}

fn linked_rounds(conn: &Connection, process_id: i64) -> AppResult<Vec<Linked>> {
    let mut stmt = conn.prepare(
        "SELECT round_id, date, starts_at, time_zone, location, invite_uid, invite_sequence
           FROM process_round WHERE process_id = ?1",
    )?;
    let rows = stmt.query_map([process_id], |r| {
        Ok(Linked {
            round_id: r.get(0)?,
            date: r.get(1)?,
            starts_at: r.get(2)?,
            time_zone: r.get(3)?,
            location: r.get(4)?,
            uid: r.get(5)?,
            sequence: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn process_view(conn: &Connection, process_id: i64) -> AppResult<ProcessView> {
    list_processes(conn)?
        .into_iter()
        .find(|p| p.id == process_id)
        .ok_or_else(|| AppError::NotFound(format!("interview process {process_id} not found")))
}

/// Lists the invite's events with what each would do to the process.
pub fn preview(
    conn: &Connection,
    process_id: i64,
    events: Vec<InviteEvent>,
) -> AppResult<Vec<EventPreview>> {
    process_view(conn, process_id)?;
    let linked = linked_rounds(conn, process_id)?;
    Ok(events
        .into_iter()
        .map(|event| {
            let here = linked
                .iter()
                .find(|l| l.uid.as_deref() == Some(event.uid.as_str()));
            let status = if event.refused.is_some() {
                "refused"
            } else if event.cancelled {
                "cancelled"
            } else {
                match here.and_then(|l| l.sequence) {
                    None => "new",
                    Some(seq) if event.sequence > seq => "update",
                    Some(seq) if event.sequence == seq => "same",
                    Some(_) => "older",
                }
            };
            EventPreview {
                round_id: here.map(|l| l.round_id.clone()),
                status,
                event,
            }
        })
        .collect())
}

/// "2026-12-14 09:00 America/New_York" (the invite's own wall time and zone), "2026-12-14 09:00"
/// (a floating time) or "2026-12-14" (a date only).
fn when(date: Option<&str>, starts_at: Option<&str>, zone: Option<&str>) -> String {
    match starts_at.and_then(super::parse_start) {
        Some(t) => {
            let zone = zone.map(|z| format!(" {z}")).unwrap_or_default();
            format!("{}{zone}", t.format("%Y-%m-%d %H:%M"))
        }
        None => date.unwrap_or("no date").to_string(),
    }
}

/// Sets each assigned round's date, time and place from its event, in one checked step per
/// process; returns a line per round that changed. Nothing is written when anything is refused.
pub fn apply(
    conn: &mut Connection,
    process_id: i64,
    events: &[InviteEvent],
    assignments: &[Assignment],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> AppResult<Vec<String>> {
    let view = process_view(conn, process_id)?;
    let linked = linked_rounds(conn, process_id)?;
    let mut problems = Vec::new();
    let mut chosen: Vec<(&InviteEvent, &str)> = Vec::new();
    let mut rounds_taken = HashSet::new();
    for a in assignments {
        let Some(event) = events.iter().find(|e| e.uid == a.uid) else {
            problems.push(format!(
                "the invite has no event '{}'",
                crate::echo::echo(&a.uid, 80)
            ));
            continue;
        };
        let Some(round) = view.rounds.iter().find(|r| r.round_id == a.round_id) else {
            problems.push(format!("rounds.{}: the role has no such round", a.round_id));
            continue;
        };
        if let Some(why) = &event.refused {
            problems.push(format!("'{}' cannot set a round: {why}", event.summary));
            continue;
        }
        if event.cancelled {
            problems.push(format!(
                "'{}' was cancelled by the organiser; it sets no round",
                event.summary
            ));
            continue;
        }
        if let Some(seq) = linked
            .iter()
            .find(|l| l.uid.as_deref() == Some(event.uid.as_str()))
            .and_then(|l| l.sequence)
        {
            if event.sequence < seq {
                problems.push(format!(
                    "'{}' is an older version of the invite (SEQUENCE {}) than the one already read (SEQUENCE {seq})",
                    event.summary, event.sequence
                ));
                continue;
            }
        }
        if !rounds_taken.insert(a.round_id.as_str()) {
            problems.push(format!(
                "rounds.{}: {} was given two events",
                a.round_id, round.name
            ));
            continue;
        }
        chosen.push((event, a.round_id.as_str()));
    }
    if chosen.is_empty() && problems.is_empty() {
        problems.push("choose the round of at least one event".into());
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(format!(
            "the invite was not applied: {}",
            problems.join("; ")
        )));
    }

    // Dates go through save_process, which checks them as it checks dates typed by hand.
    let mut dates: HashMap<&str, Option<NaiveDate>> = view
        .rounds
        .iter()
        .map(|r| (r.round_id.as_str(), r.date))
        .collect();
    let last_round = view.rounds.last().map(|r| r.round_id.clone());
    let mut interview_date = view.interview_date;
    for (event, round_id) in &chosen {
        dates.insert(round_id, event.date);
        // The last round's invite is the final interview.
        if last_round.as_deref() == Some(*round_id) {
            if let Some(d) = event.date {
                interview_date = d;
            }
        }
    }
    let edit = ProcessEdit {
        id: Some(process_id),
        company: view.company.clone(),
        role_id: view.role_id.clone(),
        interview_date,
        rounds: view
            .rounds
            .iter()
            .map(|r| RoundDate {
                round_id: r.round_id.clone(),
                date: dates.get(r.round_id.as_str()).copied().flatten(),
                done: r.done,
            })
            .filter(|r| r.date.is_some() || r.done)
            .collect(),
    };
    save_process(conn, &edit, today, now).map_err(|e| match e {
        AppError::Invalid(m) => AppError::Invalid(m.replacen(
            "the interview was not saved",
            "the invite was not applied",
            1,
        )),
        other => other,
    })?;

    let tx = conn.transaction()?;
    let mut lines = Vec::new();
    for (event, round_id) in &chosen {
        let name = view
            .rounds
            .iter()
            .find(|r| r.round_id == *round_id)
            .map_or(round_id.to_string(), |r| r.name.clone());
        let before = linked.iter().find(|l| l.round_id == *round_id);
        // Another round that held this event before lets go of it.
        tx.execute(
            "UPDATE process_round SET invite_uid = NULL, invite_sequence = NULL
              WHERE process_id = ?1 AND invite_uid = ?2 AND round_id <> ?3",
            params![process_id, event.uid, round_id],
        )?;
        tx.execute(
            "UPDATE process_round SET starts_at = ?3, time_zone = ?4, location = ?5,
                    invite_uid = ?6, invite_sequence = ?7
              WHERE process_id = ?1 AND round_id = ?2",
            params![
                process_id,
                round_id,
                event.starts_at,
                event.time_zone,
                event.location,
                event.uid,
                event.sequence
            ],
        )?;
        let new_date = event.date.map(|d| d.to_string());
        let old_when = before.map(|b| {
            when(
                b.date.as_deref(),
                b.starts_at.as_deref(),
                b.time_zone.as_deref(),
            )
        });
        let new_when = when(
            new_date.as_deref(),
            event.starts_at.as_deref(),
            event.time_zone.as_deref(),
        );
        let mut line = format!("{name}: {new_when}");
        if let Some(old) = old_when.filter(|o| *o != new_when) {
            line = format!("{name} moved from {old} to {new_when}");
            // The plan reports a new date itself; a new time on the same day only this says.
            if before.and_then(|b| b.date.clone()) == new_date {
                tx.execute(
                    "INSERT INTO plan_notice(text, created_at) VALUES (?1, ?2)",
                    params![
                        format!(
                            "{} at {}: the invite moved it from {old} to {new_when}",
                            name, view.company
                        ),
                        instant_text(now)
                    ],
                )?;
            }
        }
        if let Some(b) = before.filter(|b| !b.location.is_empty() && b.location != event.location) {
            let place = if event.location.is_empty() {
                "(none)"
            } else {
                event.location.as_str()
            };
            line.push_str(&format!("; place changed from {} to {place}", b.location));
            tx.execute(
                "INSERT INTO plan_notice(text, created_at) VALUES (?1, ?2)",
                params![
                    format!("{} at {}: the place changed to {place}", name, view.company),
                    instant_text(now)
                ],
            )?;
        }
        lines.push(line);
    }
    tx.commit()?;
    Ok(lines)
}

/// Lines for the plan's "what changed" that the plan cannot see itself.
pub fn notices(conn: &Connection) -> AppResult<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT text FROM plan_notice ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The user has read the changes.
pub fn clear_notices(conn: &Connection) -> AppResult<()> {
    conn.execute("DELETE FROM plan_notice", [])?;
    Ok(())
}

/// The round's place, when the user types it instead of reading an invite ("" clears it).
pub fn set_location(
    conn: &Connection,
    process_id: i64,
    round_id: &str,
    location: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let location = location.trim();
    if location.chars().count() > super::MAX_PLACE_CHARS {
        return Err(AppError::Invalid(format!(
            "location: at most {} characters",
            super::MAX_PLACE_CHARS
        )));
    }
    let role: Option<String> = conn
        .query_row(
            "SELECT role_id FROM process WHERE id = ?1",
            [process_id],
            |r| r.get(0),
        )
        .optional()?;
    let role = role
        .ok_or_else(|| AppError::NotFound(format!("interview process {process_id} not found")))?;
    let known: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM round WHERE role_id = ?1 AND id = ?2",
            params![role, round_id],
            |r| r.get(0),
        )
        .optional()?;
    if known.is_none() {
        return Err(AppError::Invalid(format!(
            "rounds.{round_id}: the role has no such round"
        )));
    }
    conn.execute(
        "INSERT INTO process_round(process_id, round_id, location) VALUES (?1, ?2, ?3)
         ON CONFLICT(process_id, round_id) DO UPDATE SET location = excluded.location",
        params![process_id, round_id, location],
    )?;
    conn.execute(
        "UPDATE process SET updated_at = ?2 WHERE id = ?1",
        params![process_id, instant_text(now)],
    )?;
    Ok(())
}
