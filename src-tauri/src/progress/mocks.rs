//! Mock rounds: the flow to run, and the self-scores the user gives at the end.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{instant_text, parse_instant};
use crate::error::{AppError, AppResult};
use crate::packs::store::role_content;

fn find_round(role: &Value, role_id: &str, round_id: &str) -> AppResult<Value> {
    role["rounds"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["id"] == round_id)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("role '{role_id}' has no round '{round_id}'")))
}

/// The round, its timed segments (the pack's flow, or one segment of the round's length when
/// the pack has none) and the questions of that round.
pub fn flow(conn: &Connection, role_id: &str, round_id: &str) -> AppResult<Value> {
    let role = role_content(conn, role_id)?;
    let round = find_round(&role, role_id, round_id)?;
    let segments = role["mock_flows"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|m| m["round"] == round_id)
        .map(|m| m["segments"].clone())
        .unwrap_or_else(|| {
            json!([{
                "name": round["name"], "minutes": round["minutes"],
                "instructions_html": "<p>Work through this round's questions as you would in the room, out loud.</p>",
            }])
        });
    let questions: Vec<Value> = super::role_items(conn, role_id)?
        .into_iter()
        .filter(|i| i.round_id == round_id)
        .map(|i| json!({"question_id": i.question_id, "prompt": i.prompt}))
        .collect();
    Ok(json!({
        "round": {"id": round["id"], "name": round["name"], "minutes": round["minutes"], "assesses": round["assesses"]},
        "segments": segments,
        "questions": questions,
    }))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MockInput {
    pub role_id: String,
    pub round_id: String,
    pub started_at: String,
    pub seconds: u32,
    pub scores: BTreeMap<String, u8>,
    #[serde(default)]
    pub notes: String,
}

/// Stores a finished mock with one 1–5 score per criterion the round assesses.
pub fn save(conn: &mut Connection, mock: &MockInput, now: DateTime<Utc>) -> AppResult<Value> {
    let role = role_content(conn, &mock.role_id)?;
    let round = find_round(&role, &mock.role_id, &mock.round_id)?;
    let criteria: Vec<String> = serde_json::from_value(round["assesses"].clone())?;
    let mut problems = Vec::new();
    let started = parse_instant(&mock.started_at);
    if started.is_err() {
        problems.push(format!(
            "started_at: '{}' is not a date and time",
            mock.started_at
        ));
    }
    for c in &criteria {
        match mock.scores.get(c) {
            None => problems.push(format!("scores: give a score for \u{201c}{c}\u{201d}")),
            Some(s) if !(1..=5).contains(s) => problems.push(format!(
                "scores[\u{201c}{c}\u{201d}]: {s} is not between 1 and 5"
            )),
            _ => {}
        }
    }
    for c in mock.scores.keys() {
        if !criteria.contains(c) {
            problems.push(format!(
                "scores: \u{201c}{c}\u{201d} is not assessed in this round"
            ));
        }
    }
    if mock.notes.chars().count() > super::notes::MAX_TEXT_CHARS {
        problems.push("notes: too long".into());
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(format!(
            "the mock was not saved: {}",
            problems.join("; ")
        )));
    }
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO mock(role_id, round_id, started_at, finished_at, seconds, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            mock.role_id,
            mock.round_id,
            mock.started_at,
            instant_text(now),
            mock.seconds,
            mock.notes
        ],
    )?;
    let id = tx.last_insert_rowid();
    for (criterion, score) in &mock.scores {
        tx.execute(
            "INSERT INTO mock_score(mock_id, criterion, score) VALUES (?1, ?2, ?3)",
            params![id, criterion, score],
        )?;
    }
    tx.commit()?;
    list(conn, &mock.role_id)?
        .into_iter()
        .find(|m| m["id"] == id)
        .ok_or_else(|| AppError::NotFound(format!("mock {id} vanished while saving")))
}

/// Mocks of a role, newest first, each with its average score (1–5).
pub fn list(conn: &Connection, role_id: &str) -> AppResult<Vec<Value>> {
    let names: BTreeMap<String, String> = {
        let mut stmt = conn.prepare_cached("SELECT id, name FROM round WHERE role_id = ?1")?;
        let rows = stmt.query_map([role_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, round_id, finished_at, seconds, notes FROM mock WHERE role_id = ?1
          ORDER BY finished_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([role_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, u32>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, round_id, finished_at, seconds, notes) = row?;
        let scores: BTreeMap<String, u8> = {
            let mut s =
                conn.prepare_cached("SELECT criterion, score FROM mock_score WHERE mock_id = ?1")?;
            let rows = s.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let score = if scores.is_empty() {
            0.0
        } else {
            scores.values().map(|v| *v as f64).sum::<f64>() / scores.len() as f64
        };
        out.push(json!({
            "id": id,
            "round_id": round_id,
            "round_name": names.get(&round_id).cloned().unwrap_or_else(|| round_id.clone()),
            "finished_at": finished_at,
            "seconds": seconds,
            "score": (score * 100.0).round() / 100.0,
            "scores": scores,
            "notes": notes,
        }));
    }
    Ok(out)
}
