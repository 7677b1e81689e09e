//! The STAR story bank and its coverage of a role's behavioural questions.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::instant_text;
use crate::error::{AppError, AppResult};
use crate::packs::store::role_content;

/// Competencies every senior loop probes, offered even when a pack names none of them.
pub const CORE_COMPETENCIES: [(&str, &str); 6] = [
    ("ownership", "Ownership"),
    ("incident-response", "Incident response"),
    ("mentoring", "Mentoring"),
    ("conflict", "Conflict"),
    ("delivery", "Delivery"),
    ("team-systems", "Improving a team's system"),
];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Link {
    pub role_id: String,
    pub question_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Story {
    #[serde(default)]
    pub id: Option<i64>,
    pub title: String,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    pub metrics: String,
    pub competencies: Vec<String>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

pub fn list(conn: &Connection) -> AppResult<Vec<Story>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, situation, task, action, result, metrics, competencies, created_at, updated_at
           FROM story ORDER BY updated_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            Story {
                id: r.get(0)?,
                title: r.get(1)?,
                situation: r.get(2)?,
                task: r.get(3)?,
                action: r.get(4)?,
                result: r.get(5)?,
                metrics: r.get(6)?,
                competencies: Vec::new(),
                links: Vec::new(),
                created_at: r.get(8)?,
                updated_at: r.get(9)?,
            },
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut stories = Vec::new();
    for row in rows {
        let (mut s, comps) = row?;
        s.competencies = serde_json::from_str(&comps)?;
        s.links = links(conn, s.id.unwrap_or_default())?;
        stories.push(s);
    }
    Ok(stories)
}

fn links(conn: &Connection, story_id: i64) -> AppResult<Vec<Link>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.role_id, l.question_id, COALESCE(q.prompt, o.prompt)
           FROM story_link l
           LEFT JOIN question q ON q.role_id = l.role_id AND q.id = l.question_id
           LEFT JOIN own_question o ON o.role_id = l.role_id AND o.id = l.question_id
          WHERE l.story_id = ?1 ORDER BY l.role_id, l.question_id",
    )?;
    let rows = stmt.query_map([story_id], |r| {
        Ok(Link {
            role_id: r.get(0)?,
            question_id: r.get(1)?,
            prompt: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().to_lowercase().chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

pub fn save(conn: &mut Connection, story: &Story, now: DateTime<Utc>) -> AppResult<Story> {
    let mut problems = Vec::new();
    for (field, value) in [
        ("title", &story.title),
        ("situation", &story.situation),
        ("task", &story.task),
        ("action", &story.action),
        ("result", &story.result),
    ] {
        if value.trim().is_empty() {
            problems.push(format!("{field}: cannot be empty"));
        }
        if value.chars().count() > super::notes::MAX_TEXT_CHARS {
            problems.push(format!("{field}: too long"));
        }
    }
    let competencies: BTreeSet<String> = story
        .competencies
        .iter()
        .map(|c| slug(c))
        .filter(|c| !c.is_empty())
        .collect();
    if competencies.is_empty() {
        problems.push("competencies: pick at least one (for example ownership)".into());
    }
    for (i, link) in story.links.iter().enumerate() {
        if super::practice::ensure_question(conn, &link.role_id, &link.question_id).is_err() {
            problems.push(format!(
                "links[{i}]: role '{}' has no question '{}'",
                link.role_id, link.question_id
            ));
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(format!(
            "the story was not saved: {}",
            problems.join("; ")
        )));
    }
    let comps = serde_json::to_string(&competencies)?;
    let at = instant_text(now);
    let tx = conn.transaction()?;
    let id = match story.id {
        Some(id) => {
            let n = tx.execute(
                "UPDATE story SET title = ?2, situation = ?3, task = ?4, action = ?5, result = ?6,
                        metrics = ?7, competencies = ?8, updated_at = ?9 WHERE id = ?1",
                params![
                    id,
                    story.title.trim(),
                    story.situation,
                    story.task,
                    story.action,
                    story.result,
                    story.metrics,
                    comps,
                    at
                ],
            )?;
            if n == 0 {
                return Err(AppError::NotFound(format!("story {id} not found")));
            }
            tx.execute("DELETE FROM story_link WHERE story_id = ?1", [id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO story(title, situation, task, action, result, metrics, competencies, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![story.title.trim(), story.situation, story.task, story.action,
                        story.result, story.metrics, comps, at],
            )?;
            tx.last_insert_rowid()
        }
    };
    for link in &story.links {
        tx.execute(
            "INSERT OR IGNORE INTO story_link(story_id, role_id, question_id) VALUES (?1, ?2, ?3)",
            params![id, link.role_id, link.question_id],
        )?;
    }
    tx.commit()?;
    list(conn)?
        .into_iter()
        .find(|s| s.id == Some(id))
        .ok_or_else(|| AppError::NotFound(format!("story {id} vanished while saving")))
}

pub fn delete(conn: &Connection, id: i64) -> AppResult<()> {
    let n = conn.execute("DELETE FROM story WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(AppError::NotFound(format!("story {id} not found")));
    }
    Ok(())
}

#[derive(Debug, Serialize)]
pub struct Coverage {
    pub competencies: Vec<Value>,
    pub questions: Vec<Value>,
    pub checks: Vec<Check>,
    pub covered: usize,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub label: &'static str,
    pub met: bool,
    pub missing: Vec<String>,
    pub story_ids: Vec<i64>,
}

/// The role's behavioural questions: those in a behavioural focus area; for a role without
/// one, the questions its pack's STAR examples point at.
fn behavioural_questions(
    conn: &Connection,
    role_id: &str,
) -> AppResult<Vec<(String, String, String)>> {
    let role = role_content(conn, role_id)?;
    let behavioural_areas: BTreeSet<String> = role["focus_areas"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| {
            let text = format!("{} {}", f["id"], f["name"]).to_lowercase();
            text.contains("behavio")
        })
        .filter_map(|f| f["id"].as_str().map(String::from))
        .collect();
    let linked: BTreeSet<String> = role["star_examples"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["questions"].as_array().cloned().unwrap_or_default())
        .filter_map(|q| q.as_str().map(String::from))
        .collect();
    Ok(super::role_items(conn, role_id)?
        .into_iter()
        .filter(|i| {
            if behavioural_areas.is_empty() {
                linked.contains(&i.question_id)
            } else {
                behavioural_areas.contains(&i.focus_area)
            }
        })
        .map(|i| (i.question_id, i.prompt, i.round_id))
        .collect())
}

fn competency_names(conn: &Connection, role_id: &str) -> AppResult<BTreeMap<String, String>> {
    let mut names: BTreeMap<String, String> = CORE_COMPETENCIES
        .iter()
        .map(|(id, name)| (id.to_string(), name.to_string()))
        .collect();
    let role = role_content(conn, role_id)?;
    for example in role["star_examples"].as_array().into_iter().flatten() {
        for c in example["competencies"].as_array().into_iter().flatten() {
            if let Some(id) = c.as_str() {
                names.entry(id.to_string()).or_insert_with(|| humanise(id));
            }
        }
    }
    Ok(names)
}

/// "stakeholder-management" -> "Stakeholder management".
fn humanise(id: &str) -> String {
    let spaced = id.replace('-', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

fn mentions(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// What the stories cover for a role, and the three things the Senior Backend seed asks for by name.
pub fn coverage(conn: &Connection, role_id: &str) -> AppResult<Coverage> {
    let questions = behavioural_questions(conn, role_id)?;
    let stories = list(conn)?;
    let mut by_comp: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for s in &stories {
        for c in &s.competencies {
            by_comp
                .entry(c.clone())
                .or_default()
                .push(s.id.unwrap_or_default());
        }
    }
    let mut names = competency_names(conn, role_id)?;
    // Competencies the user typed on a story count too.
    for id in by_comp.keys() {
        names.entry(id.clone()).or_insert_with(|| humanise(id));
    }
    let competencies = names
        .into_iter()
        .map(|(id, name)| {
            let ids = by_comp.get(&id).cloned().unwrap_or_default();
            serde_json::json!({"id": id, "name": name, "stories": ids})
        })
        .collect();
    let mut covered = 0;
    let question_rows: Vec<Value> = questions
        .iter()
        .map(|(qid, prompt, round)| {
            let ids: Vec<i64> = stories
                .iter()
                .filter(|s| s.links.iter().any(|l| l.role_id == role_id && &l.question_id == qid))
                .filter_map(|s| s.id)
                .collect();
            if !ids.is_empty() {
                covered += 1;
            }
            serde_json::json!({"question_id": qid, "prompt": prompt, "round_id": round, "stories": ids})
        })
        .collect();
    Ok(Coverage {
        competencies,
        total: question_rows.len(),
        questions: question_rows,
        checks: checks(&stories),
        covered,
    })
}

fn checks(stories: &[Story]) -> Vec<Check> {
    let text = |s: &Story| {
        format!(
            "{} {} {} {} {} {}",
            s.title, s.situation, s.task, s.action, s.result, s.metrics
        )
        .to_lowercase()
    };
    // Incident: the most complete incident story decides what is still missing.
    let incident_missing = |s: &Story| {
        let t = text(s);
        let mut missing = Vec::new();
        if !mentions(&t, &["timeline", "minute", "hour", ":"]) {
            missing.push("the timeline (when it was detected, mitigated, resolved)".to_string());
        }
        if !mentions(
            &t,
            &[
                "mitigat",
                "roll back",
                "rolled back",
                "rollback",
                "failover",
                "failed over",
            ],
        ) {
            missing.push("the mitigation (what stopped the harm)".to_string());
        }
        if !mentions(
            &t,
            &[
                "permanent",
                "root cause",
                "follow-up",
                "prevent",
                "postmortem",
                "post-mortem",
            ],
        ) {
            missing.push("the permanent fix (what stops it happening again)".to_string());
        }
        missing
    };
    let incident_stories: Vec<&Story> = stories
        .iter()
        .filter(|s| s.competencies.iter().any(|c| c.contains("incident")))
        .collect();
    let missing = incident_stories
        .iter()
        .map(|s| incident_missing(s))
        .min_by_key(|m| m.len())
        .unwrap_or_else(|| {
            vec!["an incident story (competency \u{201c}Incident response\u{201d})".into()]
        });
    let incident = Check {
        id: "incident",
        label: "An incident story with its timeline, the mitigation and the permanent fix",
        met: missing.is_empty(),
        missing,
        story_ids: incident_stories.iter().filter_map(|s| s.id).collect(),
    };

    let team: Vec<i64> = stories
        .iter()
        .filter(|s| s.competencies.iter().any(|c| c == "team-systems"))
        .filter_map(|s| s.id)
        .collect();
    let team_check = Check {
        id: "team-system",
        label: "A story of improving a team's system (process, tooling, on-call), not only code",
        met: !team.is_empty(),
        missing: if team.is_empty() {
            vec!["a story with the competency \u{201c}Improving a team's system\u{201d}".into()]
        } else {
            Vec::new()
        },
        story_ids: team,
    };

    let all: String = stories.iter().map(text).collect::<Vec<_>>().join(" ");
    let metrics: [(&str, &[&str]); 4] = [
        ("p95 latency", &["p95", "p99", "95th"]),
        ("MTTR", &["mttr", "time to recover", "time to restore"]),
        ("error budget", &["error budget"]),
        ("change failure rate", &["change failure"]),
    ];
    let missing: Vec<String> = metrics
        .iter()
        .filter(|(_, words)| !mentions(&all, words))
        .map(|(name, _)| name.to_string())
        .collect();
    let metric_ids = stories
        .iter()
        .filter(|s| metrics.iter().any(|(_, w)| mentions(&text(s), w)))
        .filter_map(|s| s.id)
        .collect();
    let metric_check = Check {
        id: "reliability-metrics",
        label: "Concrete reliability metrics: p95, MTTR, error budget, change failure rate",
        met: missing.is_empty(),
        missing,
        story_ids: metric_ids,
    };
    vec![incident, team_check, metric_check]
}
