//! The user's own questions for a role (the personal pack), and exporting them as a pack file.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::instant_text;
use crate::error::{AppError, AppResult};
use crate::packs::model::{Answer, FocusArea, Pack, Question, Role, Round};

pub const DIFFICULTIES: [&str; 3] = ["foundational", "intermediate", "advanced"];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OwnQuestion {
    #[serde(default)]
    pub id: Option<String>,
    pub round_id: String,
    pub focus_area: String,
    pub prompt: String,
    pub answer: String,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub follow_ups: Vec<String>,
    pub difficulty: String,
    pub minutes: u32,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

pub fn list(conn: &Connection, role_id: &str) -> AppResult<Vec<OwnQuestion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, round_id, focus_area, prompt, answer, skills, follow_ups, difficulty, minutes,
                created_at, updated_at
           FROM own_question WHERE role_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([role_id], |r| {
        Ok((
            OwnQuestion {
                id: r.get(0)?,
                round_id: r.get(1)?,
                focus_area: r.get(2)?,
                prompt: r.get(3)?,
                answer: r.get(4)?,
                skills: Vec::new(),
                follow_ups: Vec::new(),
                difficulty: r.get(7)?,
                minutes: r.get(8)?,
                created_at: r.get(9)?,
                updated_at: r.get(10)?,
            },
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    rows.map(|row| {
        let (mut q, skills, follow_ups) = row?;
        q.skills = serde_json::from_str(&skills)?;
        q.follow_ups = serde_json::from_str(&follow_ups)?;
        Ok(q)
    })
    .collect()
}

/// Every problem with a question the user typed, each naming its field.
fn problems(conn: &Connection, role_id: &str, q: &OwnQuestion) -> AppResult<Vec<String>> {
    let mut out = Vec::new();
    if q.prompt.trim().is_empty() {
        out.push("prompt: write the question".to_string());
    }
    if q.prompt.chars().count() > 1000 {
        out.push("prompt: keep the question under 1,000 characters".to_string());
    }
    if q.answer.chars().count() > super::notes::MAX_TEXT_CHARS {
        out.push("answer: too long".to_string());
    }
    if !DIFFICULTIES.contains(&q.difficulty.as_str()) {
        out.push(format!(
            "difficulty: '{}' is not one of {}",
            q.difficulty,
            DIFFICULTIES.join(", ")
        ));
    }
    if !(1..=240).contains(&q.minutes) {
        out.push(format!("minutes: {} is not between 1 and 240", q.minutes));
    }
    let round: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM round WHERE role_id = ?1 AND id = ?2",
            [role_id, &q.round_id],
            |r| r.get(0),
        )
        .optional()?;
    if round.is_none() {
        out.push(format!("round_id: the role has no round '{}'", q.round_id));
    }
    let area: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM focus_area WHERE role_id = ?1 AND id = ?2",
            [role_id, &q.focus_area],
            |r| r.get(0),
        )
        .optional()?;
    if area.is_none() {
        out.push(format!(
            "focus_area: the role has no focus area '{}'",
            q.focus_area
        ));
    }
    Ok(out)
}

fn clean_list(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Adds (no id) or edits (id given) an own question.
pub fn save(
    conn: &Connection,
    role_id: &str,
    q: &OwnQuestion,
    now: DateTime<Utc>,
) -> AppResult<OwnQuestion> {
    super::ensure_role(conn, role_id)?;
    let problems = problems(conn, role_id, q)?;
    if !problems.is_empty() {
        return Err(AppError::Invalid(format!(
            "the question was not saved: {}",
            problems.join("; ")
        )));
    }
    let at = instant_text(now);
    let skills = serde_json::to_string(&clean_list(&q.skills))?;
    let follow_ups = serde_json::to_string(&clean_list(&q.follow_ups))?;
    let id = match &q.id {
        Some(id) => {
            let n = conn.execute(
                "UPDATE own_question SET round_id = ?3, focus_area = ?4, prompt = ?5, answer = ?6,
                        skills = ?7, follow_ups = ?8, difficulty = ?9, minutes = ?10, updated_at = ?11
                  WHERE role_id = ?1 AND id = ?2",
                params![role_id, id, q.round_id, q.focus_area, q.prompt.trim(), q.answer, skills,
                        follow_ups, q.difficulty, q.minutes, at],
            )?;
            if n == 0 {
                return Err(AppError::NotFound(format!(
                    "you have no question '{id}' for role '{role_id}'"
                )));
            }
            id.clone()
        }
        None => insert(conn, role_id, q, now)?,
    };
    list(conn, role_id)?
        .into_iter()
        .find(|x| x.id.as_deref() == Some(id.as_str()))
        .ok_or_else(|| AppError::NotFound(format!("question '{id}' vanished while saving")))
}

/// Adds a question already checked (by `save`, or by an import that checked every row) and
/// returns its new id, the next free `mine-N` of the role.
pub fn insert(
    conn: &Connection,
    role_id: &str,
    q: &OwnQuestion,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let next: i64 = conn.query_row(
        "SELECT COALESCE(MAX(CAST(substr(id, 6) AS INTEGER)), 0) + 1 FROM own_question WHERE role_id = ?1",
        [role_id],
        |r| r.get(0),
    )?;
    let id = format!("mine-{next}");
    conn.prepare_cached(
        "INSERT INTO own_question(role_id, id, round_id, focus_area, prompt, answer, skills,
                follow_ups, difficulty, minutes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        role_id,
        id,
        q.round_id,
        q.focus_area,
        q.prompt.trim(),
        q.answer,
        serde_json::to_string(&clean_list(&q.skills))?,
        serde_json::to_string(&clean_list(&q.follow_ups))?,
        q.difficulty,
        q.minutes,
        instant_text(now)
    ])?;
    Ok(id)
}

/// Deletes an own question and everything practised on it; returns how many reviews went.
pub fn delete(conn: &mut Connection, role_id: &str, id: &str) -> AppResult<usize> {
    let tx = conn.transaction()?;
    let n = tx.execute(
        "DELETE FROM own_question WHERE role_id = ?1 AND id = ?2",
        [role_id, id],
    )?;
    if n == 0 {
        return Err(AppError::NotFound(format!(
            "you have no question '{id}' for role '{role_id}'"
        )));
    }
    let reviews = tx.execute(
        "DELETE FROM review WHERE role_id = ?1 AND question_id = ?2",
        [role_id, id],
    )?;
    for table in ["card", "note", "flag", "draft", "story_link"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE role_id = ?1 AND question_id = ?2"),
            [role_id, id],
        )?;
    }
    tx.commit()?;
    Ok(reviews)
}

/// All own questions as one pack file: one role per hub the user added questions to.
pub fn export_pack(conn: &Connection, now: DateTime<Utc>) -> AppResult<(Pack, usize)> {
    let role_ids: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT DISTINCT o.role_id FROM own_question o JOIN role r ON r.id = o.role_id ORDER BY o.role_id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    if role_ids.is_empty() {
        return Err(AppError::Invalid(
            "there is nothing to export: you have not added questions of your own yet".into(),
        ));
    }
    let mut roles = Vec::new();
    let mut count = 0;
    let mut missing = Vec::new();
    for role_id in role_ids {
        let base = crate::packs::store::role_content(conn, &role_id)?;
        let title = base["title"].as_str().unwrap_or(&role_id).to_string();
        let text = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
        let questions: Vec<Question> = list(conn, &role_id)?
            .into_iter()
            .map(|q| {
                let id = q.id.clone().unwrap_or_default();
                if q.skills.is_empty() || q.follow_ups.is_empty() || q.answer.trim().is_empty() {
                    missing.push(format!("{title}: {id} \u{201c}{}\u{201d}", q.prompt));
                }
                Question {
                    id,
                    round: q.round_id,
                    focus_area: q.focus_area,
                    prompt: q.prompt,
                    answer: Answer {
                        summary: q.answer.clone(),
                        structure: q
                            .answer
                            .split("\n\n")
                            .map(|p| p.trim().to_string())
                            .filter(|p| !p.is_empty())
                            .collect(),
                        trade_offs: None,
                        strong_signal: None,
                    },
                    example: q.answer,
                    follow_ups: q.follow_ups,
                    skills: q.skills,
                    difficulty: q.difficulty,
                    minutes: q.minutes,
                    tags: vec!["own-question".into()],
                    extra: false,
                }
            })
            .collect();
        count += questions.len();
        let array = |k: &str| base[k].as_array().cloned().unwrap_or_default();
        roles.push(Role {
            id: format!("{role_id}-mine"),
            title: format!("{title} (my questions)"),
            level: text(&base, "level"),
            field: text(&base, "field"),
            summary: format!("Questions I added while preparing for {title}."),
            overview: format!(
                "My own practice questions for the {title} hub, exported from Prep Hub. \
                 Rounds and focus-area weights are those of that hub."
            ),
            process_note: None,
            focus_areas: array("focus_areas")
                .iter()
                .map(|f| FocusArea {
                    id: text(f, "id"),
                    name: text(f, "name"),
                    weight: f["weight"].as_u64().unwrap_or(0) as u32,
                    expectation: format!("As weighted in the {title} hub."),
                })
                .collect(),
            rounds: array("rounds")
                .iter()
                .map(|r| Round {
                    id: text(r, "id"),
                    name: text(r, "name"),
                    purpose: format!("The {} round of the {title} process.", text(r, "name")),
                    minutes: r["minutes"].as_u64().unwrap_or(0) as u32,
                    assesses: serde_json::from_value(r["assesses"].clone()).unwrap_or_default(),
                    focus_areas: serde_json::from_value(r["focus_areas"].clone())
                        .unwrap_or_default(),
                })
                .collect(),
            salary: None,
            questions,
            mock_flows: Vec::new(),
            star_examples: Vec::new(),
            checklist: Vec::new(),
            faq: Vec::new(),
            related_roles: vec![crate::packs::model::RelatedRole {
                role: role_id.clone(),
                title,
                pack: None,
                reason: "The hub these questions were written for.".into(),
            }],
        });
    }
    if !missing.is_empty() {
        return Err(AppError::Invalid(format!(
            "a pack needs an answer, at least one skill and one follow-up for every question; add them to: {}",
            missing.join("; ")
        )));
    }
    let stamp = now.format("%Y%m%d%H%M").to_string();
    let pack = Pack {
        schema: None,
        format_version: crate::packs::model::FORMAT_VERSION,
        id: "personal.my-questions".into(),
        version: format!("1.{stamp}.0"),
        title: "My questions".into(),
        description: Some("Questions I wrote myself in Prep Hub.".into()),
        language: "en".into(),
        authors: vec!["Me".into()],
        license: "All rights reserved by the author".into(),
        sources: Vec::new(),
        roles,
    };
    let problems = crate::packs::validate::check_rules(&pack);
    if let Some(p) = problems.first() {
        return Err(AppError::Invalid(format!(
            "the exported pack would not import: {p}"
        )));
    }
    Ok((pack, count))
}
