//! Writing checked questions: into the role's own questions, or as a new pack installed with
//! the pack store, each in one transaction together with the review history that came along
//! (stored as our reviews, FSRS cards rebuilt from them).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;

use super::resolve::{ensure_clean, pack_slug, Checked, Ready};
use super::Target;
use crate::error::{AppError, AppResult};
use crate::packs::model::{Answer, FocusArea, Pack, Question, RelatedRole, Role, Round};
use crate::packs::Problem;
use crate::progress::own::OwnQuestion;
use crate::progress::{instant_text, rebuild_card};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ImportReport {
    /// The role the questions were added to (for a new pack: its new role).
    pub role_id: String,
    pub role_title: String,
    /// Set when a new pack was installed.
    pub pack_id: Option<String>,
    pub questions: usize,
    /// Ids of the questions added, in file order.
    pub ids: Vec<String>,
    pub reviews: usize,
    pub skipped: usize,
}

/// An own question's answer: the file's answer, then its example under a heading.
fn own_answer(q: &Ready) -> String {
    match (q.answer.trim().is_empty(), q.example.trim().is_empty()) {
        (_, true) => q.answer.trim().to_string(),
        (true, false) => format!("#### Example\n\n{}", q.example.trim()),
        (false, false) => format!(
            "{}\n\n#### Example\n\n{}",
            q.answer.trim(),
            q.example.trim()
        ),
    }
}

fn write_reviews(
    conn: &Connection,
    role_id: &str,
    question_id: &str,
    q: &Ready,
) -> AppResult<usize> {
    if q.reviews.is_empty() {
        return Ok(0);
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO review(role_id, question_id, rating, reviewed_at, seconds, session_id)
         VALUES (?1, ?2, ?3, ?4, ?5, NULL)",
    )?;
    for r in &q.reviews {
        stmt.execute(params![
            role_id,
            question_id,
            r.ease,
            instant_text(r.at),
            r.seconds
        ])?;
    }
    rebuild_card(conn, role_id, question_id)?;
    Ok(q.reviews.len())
}

/// Writes a clean check in one transaction; a check with problems is refused whole.
pub fn write(
    conn: &mut Connection,
    checked: &Checked,
    now: DateTime<Utc>,
) -> AppResult<ImportReport> {
    ensure_clean(checked)?;
    match &checked.target {
        Target::Personal => write_personal(conn, checked, now),
        Target::NewPack { title } => write_pack(conn, checked, title, now),
    }
}

fn write_personal(
    conn: &mut Connection,
    checked: &Checked,
    now: DateTime<Utc>,
) -> AppResult<ImportReport> {
    let tx = conn.transaction()?;
    crate::progress::ensure_role(&tx, &checked.role_id)?;
    let mut ids = Vec::new();
    let mut reviews = 0;
    for q in &checked.questions {
        let id = crate::progress::own::insert(
            &tx,
            &checked.role_id,
            &OwnQuestion {
                id: None,
                round_id: q.round_id.clone(),
                focus_area: q.focus_area.clone(),
                prompt: q.prompt.clone(),
                answer: own_answer(q),
                skills: q.skills.clone(),
                follow_ups: q.follow_ups.clone(),
                difficulty: q.difficulty.clone(),
                minutes: q.minutes,
                created_at: None,
                updated_at: None,
            },
            now,
        )?;
        reviews += write_reviews(&tx, &checked.role_id, &id, q)?;
        ids.push(id);
    }
    tx.commit()?;
    Ok(ImportReport {
        role_id: checked.role_id.clone(),
        role_title: checked.role_title.clone(),
        pack_id: None,
        questions: ids.len(),
        ids,
        reviews,
        skipped: checked.skipped.len(),
    })
}

/// A pack of one role holding the imported questions, with the rounds, focus areas and weights
/// of the role they were imported for (as the own-questions export does).
pub fn build_pack(
    conn: &Connection,
    checked: &Checked,
    title: &str,
    now: DateTime<Utc>,
) -> AppResult<Pack> {
    let slug = pack_slug(title);
    let base = crate::packs::store::role_content(conn, &checked.role_id)?;
    let hub = checked.role_title.clone();
    let text = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    let array = |k: &str| base[k].as_array().cloned().unwrap_or_default();
    let questions = checked
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| Question {
            id: format!("q{}", i + 1),
            round: q.round_id.clone(),
            focus_area: q.focus_area.clone(),
            prompt: q.prompt.clone(),
            answer: Answer {
                summary: q.answer.trim().to_string(),
                structure: q
                    .answer
                    .split("\n\n")
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .take(30)
                    .collect(),
                trade_offs: None,
                strong_signal: None,
            },
            example: if q.example.trim().is_empty() {
                q.answer.trim().to_string()
            } else {
                q.example.trim().to_string()
            },
            follow_ups: q.follow_ups.clone(),
            skills: q.skills.clone(),
            difficulty: q.difficulty.clone(),
            minutes: q.minutes,
            tags: {
                let mut t: Vec<String> = q
                    .skills
                    .iter()
                    .map(|s| pack_slug(s))
                    .filter(|s| !s.is_empty())
                    .collect();
                t.dedup();
                t.truncate(30);
                t
            },
            extra: false,
        })
        .collect();
    let role_id = format!("{}-{slug}", checked.role_id);
    let file = crate::echo::echo(&checked.file_name, 120);
    Ok(Pack {
        schema: None,
        format_version: crate::packs::model::FORMAT_VERSION,
        id: format!("personal.{slug}"),
        version: "1.0.0".into(),
        title: title.trim().to_string(),
        description: Some(format!(
            "Imported from {file} on {} for the {hub} hub.",
            now.format("%Y-%m-%d")
        )),
        language: "en".into(),
        authors: vec!["Me".into()],
        license: "All rights reserved by the author".into(),
        sources: Vec::new(),
        roles: vec![Role {
            id: role_id,
            title: title.trim().to_string(),
            level: text(&base, "level"),
            field: text(&base, "field"),
            summary: format!("Questions imported from {file}."),
            overview: format!(
                "Questions imported from {file}. Rounds and focus-area weights are those of the \
                 {hub} hub."
            ),
            process_note: None,
            focus_areas: array("focus_areas")
                .iter()
                .map(|f| FocusArea {
                    id: text(f, "id"),
                    name: text(f, "name"),
                    weight: f["weight"].as_u64().unwrap_or(0) as u32,
                    expectation: format!("As weighted in the {hub} hub."),
                })
                .collect(),
            rounds: array("rounds")
                .iter()
                .map(|r| Round {
                    id: text(r, "id"),
                    name: text(r, "name"),
                    purpose: format!("The {} round of the {hub} process.", text(r, "name")),
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
            related_roles: vec![RelatedRole {
                role: checked.role_id.clone(),
                title: hub.clone(),
                pack: None,
                reason: "The hub these questions were imported for.".into(),
            }],
        }],
    })
}

/// A pack problem's JSON path turned back into the row or note it came from.
fn locate(checked: &Checked, p: &Problem) -> Problem {
    let place = p
        .path
        .strip_prefix("$.roles[0].questions[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(i, field)| {
            let q = checked.questions.get(i.parse::<usize>().ok()?)?;
            Some(format!("{}{}", q.place, field.replace('.', ", ")))
        });
    Problem {
        path: place.unwrap_or_else(|| p.path.clone()),
        message: p.message.clone(),
    }
}

fn write_pack(
    conn: &mut Connection,
    checked: &Checked,
    title: &str,
    now: DateTime<Utc>,
) -> AppResult<ImportReport> {
    let pack = build_pack(conn, checked, title, now)?;
    // Validated like any pack file, so it imports again from an export.
    let value = serde_json::to_value(&pack)?;
    if let Err(problems) = crate::packs::validate::validate_value(&value) {
        return Err(AppError::ImportInvalid(
            problems.iter().map(|p| locate(checked, p)).collect(),
        ));
    }
    let role_id = pack.roles[0].id.clone();
    let ids: Vec<String> = pack.roles[0]
        .questions
        .iter()
        .map(|q| q.id.clone())
        .collect();
    let mut reviews = 0;
    crate::packs::store::install_with(conn, &pack, false, false, |tx| {
        for (q, id) in checked.questions.iter().zip(&ids) {
            reviews += write_reviews(tx, &role_id, id, q)?;
        }
        Ok(())
    })?;
    Ok(ImportReport {
        role_id,
        role_title: pack.roles[0].title.clone(),
        pack_id: Some(pack.id.clone()),
        questions: ids.len(),
        ids,
        reviews,
        skipped: checked.skipped.len(),
    })
}
