//! Installed packs in SQLite: install / update in one transaction, hide or remove, read back
//! for the hub screens, and full-text search.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use serde_json::{json, Value};

use super::model::{Pack, Question, Role};
use super::render::{
    markdown_to_html as md, markdown_to_html_and_text as md_and_text, markdown_to_text as plain,
};
use crate::error::{AppError, AppResult};
use crate::storage::{self, fts};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InstallReport {
    pub pack_id: String,
    pub title: String,
    pub version: String,
    pub previous_version: Option<String>,
    pub roles: usize,
    pub questions: usize,
    /// `role-id/question-id` of questions new in this version.
    pub added: Vec<String>,
    /// Questions whose content changed; progress on them is kept.
    pub changed: Vec<String>,
    /// Questions gone from this version; their progress went with them.
    pub removed: Vec<String>,
    pub progress_removed: usize,
}

/// Compares MAJOR.MINOR.PATCH numerically (`1.10.0` is newer than `1.9.0`).
pub fn parse_version(v: &str) -> Option<(u64, u64, u64)> {
    let mut it = v.split('.').map(|p| p.parse::<u64>().ok());
    let out = (it.next()??, it.next()??, it.next()??);
    it.next().is_none().then_some(out)
}

pub fn installed_version(conn: &Connection, pack_id: &str) -> AppResult<Option<String>> {
    Ok(conn
        .query_row("SELECT version FROM pack WHERE id = ?1", [pack_id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Installs or updates `pack`. An update to an older or equal version is refused unless
/// `reinstall` is set. Everything happens in one transaction: a crash leaves the old state.
pub fn install(
    conn: &mut Connection,
    pack: &Pack,
    builtin: bool,
    reinstall: bool,
) -> AppResult<InstallReport> {
    install_with(conn, pack, builtin, reinstall, |_| Ok(()))
}

/// `install`, with `also` writing more rows (progress for the new questions) in the same
/// transaction: when it fails, the pack is not installed either.
pub fn install_with(
    conn: &mut Connection,
    pack: &Pack,
    builtin: bool,
    reinstall: bool,
    also: impl FnOnce(&rusqlite::Transaction) -> AppResult<()>,
) -> AppResult<InstallReport> {
    // Rendering and sanitising Markdown costs about as much as writing the rows: worker threads
    // render batches of questions while this thread writes the ones already rendered.
    let questions: Vec<&Question> = pack.roles.iter().flat_map(|r| &r.questions).collect();
    let batches: Vec<&[&Question]> = questions.chunks(RENDER_BATCH).collect();
    let (senders, receivers): (Vec<_>, Vec<_>) = batches
        .iter()
        .map(|_| std::sync::mpsc::sync_channel(1))
        .unzip();
    let senders = std::sync::Mutex::new(senders.into_iter().map(Some).collect::<Vec<_>>());
    let next_batch = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next_batch.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(batch) = batches.get(i) else { break };
                // Taken out so that a panic here drops it and the writer stops waiting.
                let sender = senders.lock().unwrap_or_else(|e| e.into_inner())[i].take();
                let rendered = batch.iter().map(|q| render_question_row(q)).collect();
                // A send fails once the writer has given up (a refused update): stop rendering.
                if sender.is_none_or(|s| s.send(rendered).is_err()) {
                    break;
                }
            });
        }
        let rendered = Rendered::new(receivers);
        storage::write_then_checkpoint(conn, |conn| {
            write_pack(conn, pack, builtin, reinstall, rendered, also)
        })
    })
}

/// Questions per unit of work handed to a render thread.
const RENDER_BATCH: usize = 200;

type RenderedBatch = AppResult<Vec<(String, String)>>;

/// Each question's JSON and search text, in pack order, as the render threads finish them.
struct Rendered {
    batches: std::vec::IntoIter<std::sync::mpsc::Receiver<RenderedBatch>>,
    current: std::vec::IntoIter<(String, String)>,
}

impl Rendered {
    fn new(batches: Vec<std::sync::mpsc::Receiver<RenderedBatch>>) -> Self {
        Rendered {
            batches: batches.into_iter(),
            current: Vec::new().into_iter(),
        }
    }

    fn next(&mut self) -> AppResult<(String, String)> {
        loop {
            if let Some(row) = self.current.next() {
                return Ok(row);
            }
            let batch = self
                .batches
                .next()
                .and_then(|rx| rx.recv().ok())
                .ok_or_else(|| AppError::Task("a pack render thread stopped early".into()))?;
            self.current = batch?.into_iter();
        }
    }
}

/// A question's stored JSON and its search text, from one parse of each Markdown field.
fn render_question_row(q: &Question) -> AppResult<(String, String)> {
    let mut text = Vec::with_capacity(q.answer.structure.len() + 6);
    let mut searched = |field: &str| {
        let (html, words) = md_and_text(field);
        text.push(words);
        html
    };
    let summary_html = searched(&q.answer.summary);
    let structure_html = q.answer.structure.iter().map(|s| searched(s)).collect();
    let trade_offs_html = q.answer.trade_offs.as_deref().map(&mut searched);
    let example_html = searched(&q.example);
    let rendered = RenderedQuestion {
        answer: RenderedAnswer {
            strong_signal_html: q.answer.strong_signal.as_deref().map(md),
            structure_html,
            summary_html,
            trade_offs_html,
        },
        difficulty: &q.difficulty,
        example_html,
        extra: q.extra,
        focus_area: &q.focus_area,
        follow_ups: &q.follow_ups,
        id: &q.id,
        minutes: q.minutes,
        prompt: &q.prompt,
        round: &q.round,
        skills: &q.skills,
        tags: &q.tags,
    };
    text.extend(q.follow_ups.iter().cloned());
    text.extend(q.skills.iter().cloned());
    let content = serde_json::to_string(&rendered)?;
    // Validation bounds text length, tables and nesting; this is the last line of defence
    // against a field that renders far larger than it is.
    if content.len() > MAX_RENDERED_QUESTION {
        return Err(AppError::Invalid(format!(
            "question '{}' renders to {} of HTML; a question may render to at most {}",
            crate::echo::echo(&q.id, 80),
            crate::files::human_size(content.len() as u64),
            crate::files::human_size(MAX_RENDERED_QUESTION as u64)
        )));
    }
    Ok((content, text.join(" ")))
}

/// The most HTML one question, and one pack, may render to.
pub const MAX_RENDERED_QUESTION: usize = 1 << 20;
pub const MAX_RENDERED_PACK: usize = 256 << 20;

/// The question as the hub and practice screens read it: `_html` fields hold sanitised HTML.
/// Fields are in alphabetical order, the order the stored JSON has always had, so an update
/// compares old and new rows as text.
#[derive(Serialize)]
struct RenderedQuestion<'a> {
    answer: RenderedAnswer,
    difficulty: &'a str,
    example_html: String,
    // Left out when false, so rows of core questions stay byte-equal to older installs.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    extra: bool,
    focus_area: &'a str,
    follow_ups: &'a [String],
    id: &'a str,
    minutes: u32,
    prompt: &'a str,
    round: &'a str,
    skills: &'a [String],
    tags: &'a [String],
}

#[derive(Serialize)]
struct RenderedAnswer {
    strong_signal_html: Option<String>,
    structure_html: Vec<String>,
    summary_html: String,
    trade_offs_html: Option<String>,
}

fn write_pack(
    conn: &mut Connection,
    pack: &Pack,
    builtin: bool,
    reinstall: bool,
    mut rendered: Rendered,
    also: impl FnOnce(&rusqlite::Transaction) -> AppResult<()>,
) -> AppResult<InstallReport> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let previous: Option<(String, bool)> = tx
        .query_row(
            "SELECT version, builtin FROM pack WHERE id = ?1",
            [&pack.id],
            |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)),
        )
        .optional()?;
    if let Some((old, _)) = &previous {
        let (new_v, old_v) = (parse_version(&pack.version), parse_version(old));
        if !reinstall && new_v <= old_v {
            return Err(AppError::VersionConflict(format!(
                "'{}' version {old} is already installed; this file is version {}. \
                 Only a newer version updates it (or choose re-install).",
                pack.title, pack.version
            )));
        }
    }
    // A role id names one hub everywhere; two packs may not both provide it.
    for role in &pack.roles {
        let owner: Option<String> = tx
            .query_row("SELECT pack_id FROM role WHERE id = ?1", [&role.id], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(owner) = owner.filter(|o| o != &pack.id) {
            return Err(AppError::Invalid(format!(
                "role '{}' is already provided by the installed pack '{owner}'; remove that pack first",
                role.id
            )));
        }
    }

    // What the previous version had, to report the difference and keep progress.
    let mut old_questions: HashMap<String, String> = HashMap::new();
    {
        let mut stmt = tx.prepare(
            "SELECT q.role_id || '/' || q.id, q.content FROM question q JOIN role r ON r.id = q.role_id WHERE r.pack_id = ?1",
        )?;
        let rows = stmt.query_map([&pack.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for row in rows {
            let (key, content): (String, String) = row?;
            old_questions.insert(key, content);
        }
    }
    let old_roles: Vec<String> = {
        let mut stmt = tx.prepare("SELECT id FROM role WHERE pack_id = ?1")?;
        let rows = stmt.query_map([&pack.id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };

    let now = chrono::Utc::now().to_rfc3339();
    match &previous {
        None => {
            tx.execute(
                "INSERT INTO pack(id, version, title, description, language, authors, license, sources, builtin, hidden, installed_at, updated_at, seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?10, (SELECT coalesce(max(seq), 0) + 1 FROM pack))",
                params![pack.id, pack.version, pack.title, pack.description, pack.language,
                    serde_json::to_string(&pack.authors)?, pack.license, serde_json::to_string(&pack.sources)?,
                    builtin as i64, now],
            )?;
        }
        Some(_) => {
            tx.execute(
                "UPDATE pack SET version = ?2, title = ?3, description = ?4, language = ?5, authors = ?6, license = ?7,
                 sources = ?8, builtin = max(builtin, ?9), updated_at = ?10 WHERE id = ?1",
                params![pack.id, pack.version, pack.title, pack.description, pack.language,
                    serde_json::to_string(&pack.authors)?, pack.license, serde_json::to_string(&pack.sources)?,
                    builtin as i64, now],
            )?;
        }
    }
    // Content rows are replaced wholesale; progress lives in tables keyed by ids, untouched here.
    let first_rowid = delete_search_rows(&tx, &pack.id)?;
    tx.execute("DELETE FROM role WHERE pack_id = ?1", [&pack.id])?;

    let mut new_keys = HashSet::new();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut question_count = 0;
    let mut rendered_bytes = 0usize;
    {
        let mut ins_role = tx.prepare(
            "INSERT INTO role(id, pack_id, position, title, level, field, summary, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut ins_round = tx.prepare(
            "INSERT INTO round(role_id, id, position, name, minutes, focus_areas) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut ins_area = tx.prepare(
            "INSERT INTO focus_area(role_id, id, position, name, weight) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut ins_question = tx.prepare(
            "INSERT INTO question(role_id, id, position, round_id, focus_area, prompt, difficulty, minutes, content)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let mut ins_search = tx.prepare(
            "INSERT INTO search_index(rowid, role_id, kind, item_id, title, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut search_rowid = first_rowid;
        let mut index = |role: &str, kind: &str, item: &str, title: &str, body: &str| {
            search_rowid += 1;
            ins_search.execute(params![search_rowid, role, kind, item, title, body])
        };
        for (ri, role) in pack.roles.iter().enumerate() {
            ins_role.execute(params![
                role.id,
                pack.id,
                ri as i64,
                role.title,
                role.level,
                role.field,
                role.summary,
                serde_json::to_string(&render_role(pack, role))?
            ])?;
            for (i, a) in role.focus_areas.iter().enumerate() {
                ins_area.execute(params![role.id, a.id, i as i64, a.name, a.weight])?;
            }
            for (i, r) in role.rounds.iter().enumerate() {
                ins_round.execute(params![
                    role.id,
                    r.id,
                    i as i64,
                    r.name,
                    r.minutes,
                    serde_json::to_string(&r.focus_areas)?
                ])?;
                let body = format!("{} {}", plain(&r.purpose), r.assesses.join(". "));
                index(&role.id, "round", &r.id, &r.name, &body)?;
            }
            for (i, q) in role.questions.iter().enumerate() {
                let (content, search_text) = rendered.next()?;
                rendered_bytes += content.len();
                if rendered_bytes > MAX_RENDERED_PACK {
                    return Err(AppError::Invalid(format!(
                        "the pack renders to more than {} of HTML; split it into smaller packs",
                        crate::files::human_size(MAX_RENDERED_PACK as u64)
                    )));
                }
                let key = format!("{}/{}", role.id, q.id);
                match old_questions.get(&key) {
                    None if previous.is_some() => added.push(key.clone()),
                    Some(old) if *old != content => changed.push(key.clone()),
                    _ => {}
                }
                new_keys.insert(key);
                ins_question.execute(params![
                    role.id,
                    q.id,
                    i as i64,
                    q.round,
                    q.focus_area,
                    q.prompt,
                    q.difficulty,
                    q.minutes,
                    content
                ])?;
                index(&role.id, "question", &q.id, &q.prompt, &search_text)?;
                question_count += 1;
            }
            for f in &role.faq {
                index(&role.id, "faq", &f.id, &f.question, &plain(&f.answer))?;
            }
        }
    }
    let mut removed: Vec<String> = old_questions
        .keys()
        .filter(|k| !new_keys.contains(*k))
        .cloned()
        .collect();
    removed.sort();
    let new_roles: HashSet<&str> = pack.roles.iter().map(|r| r.id.as_str()).collect();
    let mut progress_removed = 0;
    for role in old_roles.iter().filter(|r| !new_roles.contains(r.as_str())) {
        progress_removed += delete_role_progress(&tx, role)?;
    }
    for key in &removed {
        let (role, question) = key.split_once('/').unwrap_or((key, ""));
        if new_roles.contains(role) {
            progress_removed += delete_question_progress(&tx, role, question)?;
        }
    }
    for role in &pack.roles {
        let ids: Vec<&str> = role.checklist.iter().map(|c| c.id.as_str()).collect();
        progress_removed += prune_checklist(&tx, &role.id, &ids)?;
    }
    also(&tx)?;
    tx.commit()?;
    Ok(InstallReport {
        pack_id: pack.id.clone(),
        title: pack.title.clone(),
        version: pack.version.clone(),
        previous_version: previous.map(|p| p.0),
        roles: pack.roles.len(),
        questions: question_count,
        added,
        changed,
        removed,
        progress_removed,
    })
}

/// Progress tables keyed by (role_id, question_id). Each new progress table is added here.
const QUESTION_PROGRESS_TABLES: &[&str] =
    &["review", "card", "note", "flag", "draft", "story_link"];
/// Progress tables keyed by role_id alone.
/// (Own questions are the user's writing, not progress: they stay and return with the role.)
const ROLE_PROGRESS_TABLES: &[&str] = &["checklist_tick", "mock", "practice_session"];

fn delete_question_progress(conn: &Connection, role: &str, question: &str) -> AppResult<usize> {
    let mut n = 0;
    for t in QUESTION_PROGRESS_TABLES {
        n += conn.execute(
            &format!("DELETE FROM {t} WHERE role_id = ?1 AND question_id = ?2"),
            [role, question],
        )?;
    }
    Ok(n)
}

fn delete_role_progress(conn: &Connection, role: &str) -> AppResult<usize> {
    let mut n = 0;
    for t in QUESTION_PROGRESS_TABLES.iter().chain(ROLE_PROGRESS_TABLES) {
        n += conn.execute(&format!("DELETE FROM {t} WHERE role_id = ?1"), [role])?;
    }
    Ok(n)
}

fn prune_checklist(conn: &Connection, role: &str, keep: &[&str]) -> AppResult<usize> {
    let keep = serde_json::to_string(keep)?;
    Ok(conn.execute(
        "DELETE FROM checklist_tick WHERE role_id = ?1 AND item_id NOT IN (SELECT value FROM json_each(?2))",
        params![role, keep],
    )?)
}

fn count_role_progress(conn: &Connection, role: &str) -> AppResult<usize> {
    let mut n = 0usize;
    for t in QUESTION_PROGRESS_TABLES.iter().chain(ROLE_PROGRESS_TABLES) {
        let c: i64 = conn.query_row(
            &format!("SELECT count(*) FROM {t} WHERE role_id = ?1"),
            [role],
            |r| r.get(0),
        )?;
        n += c as usize;
    }
    Ok(n)
}

fn opt_md(s: &Option<String>) -> Value {
    s.as_deref()
        .map(md)
        .map(Value::String)
        .unwrap_or(Value::Null)
}

/// The role as the hub screen shows it. Fields ending in `_html` hold sanitised HTML;
/// every other string is plain text for `textContent`.
fn render_role(pack: &Pack, role: &Role) -> Value {
    let salary = role.salary.as_ref().map(|s| {
        let source = pack.sources.iter().find(|src| src.id == s.source);
        json!({
            "min": s.min, "max": s.max, "currency": s.currency, "region": s.region, "year": s.year,
            "source": source.map(|src| json!({
                "id": src.id, "title": src.title, "publisher": src.publisher, "year": src.year,
                "region": src.region, "url": src.url, "note": src.note,
            })),
        })
    });
    json!({
        "id": role.id,
        "title": role.title,
        "level": role.level,
        "field": role.field,
        "summary": role.summary,
        "overview_html": md(&role.overview),
        "process_note_html": opt_md(&role.process_note),
        "focus_areas": role.focus_areas.iter().map(|f| json!({
            "id": f.id, "name": f.name, "weight": f.weight, "expectation_html": md(&f.expectation),
        })).collect::<Vec<_>>(),
        "rounds": role.rounds.iter().map(|r| json!({
            "id": r.id, "name": r.name, "purpose_html": md(&r.purpose), "minutes": r.minutes,
            "assesses": r.assesses, "focus_areas": r.focus_areas,
        })).collect::<Vec<_>>(),
        "salary": salary,
        "mock_flows": role.mock_flows.iter().map(|m| json!({
            "round": m.round,
            "segments": m.segments.iter().map(|s| json!({
                "name": s.name, "minutes": s.minutes, "instructions_html": md(&s.instructions),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "star_examples": role.star_examples.iter().map(|s| json!({
            "id": s.id, "title": s.title, "competencies": s.competencies,
            "situation_html": md(&s.situation), "task_html": md(&s.task),
            "action_html": md(&s.action), "result_html": md(&s.result),
            "metrics": s.metrics, "questions": s.questions,
            "outcome": s.outcome.as_deref().unwrap_or("success"),
        })).collect::<Vec<_>>(),
        "checklist": role.checklist.iter().map(|c| json!({"id": c.id, "text_html": md(&c.text)})).collect::<Vec<_>>(),
        "faq": role.faq.iter().map(|f| json!({"id": f.id, "question": f.question, "answer_html": md(&f.answer)})).collect::<Vec<_>>(),
        "related_roles": role.related_roles,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct PackSummary {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub builtin: bool,
    pub hidden: bool,
    pub roles: Vec<String>,
    pub questions: i64,
    pub updated_at: String,
}

pub fn list_packs(conn: &Connection) -> AppResult<Vec<PackSummary>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.title, p.version, p.description, p.builtin, p.hidden, p.updated_at,
                (SELECT json_group_array(r.title) FROM (SELECT title FROM role WHERE pack_id = p.id ORDER BY position) r),
                (SELECT count(*) FROM question q JOIN role r ON r.id = q.role_id WHERE r.pack_id = p.id)
         FROM pack p ORDER BY p.builtin DESC, p.title",
    )?;
    let rows = stmt.query_map([], |r| {
        let roles: String = r.get(7)?;
        Ok(PackSummary {
            id: r.get(0)?,
            title: r.get(1)?,
            version: r.get(2)?,
            description: r.get(3)?,
            builtin: r.get::<_, i64>(4)? != 0,
            hidden: r.get::<_, i64>(5)? != 0,
            updated_at: r.get(6)?,
            roles: serde_json::from_str(&roles).unwrap_or_default(),
            questions: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RemovalImpact {
    pub pack_id: String,
    pub title: String,
    pub builtin: bool,
    pub roles: usize,
    pub questions: usize,
    /// Progress records (ticks, reviews, notes, …) that removing would delete.
    pub progress_records: usize,
}

pub fn removal_impact(conn: &Connection, pack_id: &str) -> AppResult<RemovalImpact> {
    let (title, builtin): (String, bool) = conn
        .query_row(
            "SELECT title, builtin FROM pack WHERE id = ?1",
            [pack_id],
            |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)),
        )
        .optional()?
        .ok_or_else(|| AppError::NotFound(format!("pack '{pack_id}' is not installed")))?;
    let roles = role_ids_of(conn, pack_id)?;
    let questions: i64 = conn.query_row(
        "SELECT count(*) FROM question q JOIN role r ON r.id = q.role_id WHERE r.pack_id = ?1",
        [pack_id],
        |r| r.get(0),
    )?;
    let mut progress_records = 0;
    for r in &roles {
        progress_records += count_role_progress(conn, r)?;
    }
    Ok(RemovalImpact {
        pack_id: pack_id.to_string(),
        title,
        builtin,
        roles: roles.len(),
        questions: questions as usize,
        progress_records,
    })
}

/// Search index rows of a pack have rowids `seq << 32 | n` (migration 005), so a pack's rows
/// are one rowid range. Deletes them and returns the rowid before that range's first.
fn delete_search_rows(conn: &Connection, pack_id: &str) -> AppResult<i64> {
    let seq: i64 = conn.query_row("SELECT seq FROM pack WHERE id = ?1", [pack_id], |r| {
        r.get(0)
    })?;
    let first = seq << 32;
    conn.execute(
        "DELETE FROM search_index WHERE rowid BETWEEN ?1 AND ?2",
        [first, first | 0xFFFF_FFFF],
    )?;
    Ok(first)
}

fn role_ids_of(conn: &Connection, pack_id: &str) -> AppResult<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM role WHERE pack_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([pack_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Removes a pack and its progress. Built-in packs are hidden instead: they ship with the app.
pub fn remove(conn: &mut Connection, pack_id: &str) -> AppResult<RemovalImpact> {
    storage::write_then_checkpoint(conn, |conn| remove_now(conn, pack_id))
}

fn remove_now(conn: &mut Connection, pack_id: &str) -> AppResult<RemovalImpact> {
    let impact = removal_impact(conn, pack_id)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if impact.builtin {
        tx.execute("UPDATE pack SET hidden = 1 WHERE id = ?1", [pack_id])?;
    } else {
        for r in role_ids_of(&tx, pack_id)? {
            delete_role_progress(&tx, &r)?;
        }
        delete_search_rows(&tx, pack_id)?;
        tx.execute("DELETE FROM pack WHERE id = ?1", [pack_id])?;
    }
    tx.commit()?;
    Ok(impact)
}

pub fn set_hidden(conn: &Connection, pack_id: &str, hidden: bool) -> AppResult<()> {
    let n = conn.execute(
        "UPDATE pack SET hidden = ?2 WHERE id = ?1",
        params![pack_id, hidden as i64],
    )?;
    if n == 0 {
        return Err(AppError::NotFound(format!(
            "pack '{pack_id}' is not installed"
        )));
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleCard {
    pub id: String,
    pub title: String,
    pub level: String,
    pub field: String,
    pub summary: String,
    pub pack_id: String,
    pub pack_title: String,
    pub rounds: i64,
    pub questions: i64,
    pub salary: Value,
    pub focus_areas: Vec<(String, i64)>,
}

/// Roles of visible packs, in pack then role order.
pub fn list_roles(conn: &Connection) -> AppResult<Vec<RoleCard>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, r.title, r.level, r.field, r.summary, p.id, p.title,
                (SELECT count(*) FROM round WHERE role_id = r.id),
                (SELECT count(*) FROM question WHERE role_id = r.id),
                json_extract(r.content, '$.salary'),
                (SELECT json_group_array(json_array(name, weight)) FROM (SELECT name, weight FROM focus_area WHERE role_id = r.id ORDER BY position))
         FROM role r JOIN pack p ON p.id = r.pack_id
         WHERE p.hidden = 0 ORDER BY p.builtin DESC, p.rowid, r.position",
    )?;
    let rows = stmt.query_map([], |r| {
        let salary: Option<String> = r.get(9)?;
        let areas: String = r.get(10)?;
        Ok(RoleCard {
            id: r.get(0)?,
            title: r.get(1)?,
            level: r.get(2)?,
            field: r.get(3)?,
            summary: r.get(4)?,
            pack_id: r.get(5)?,
            pack_title: r.get(6)?,
            rounds: r.get(7)?,
            questions: r.get(8)?,
            salary: salary
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or(Value::Null),
            focus_areas: serde_json::from_str(&areas).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Everything the hub screen shows for one role, in one call.
pub fn get_role(conn: &Connection, role_id: &str) -> AppResult<Value> {
    let row: Option<(String, String, String, String)> = conn
        .query_row(
            "SELECT r.content, p.id, p.title, p.version FROM role r JOIN pack p ON p.id = r.pack_id WHERE r.id = ?1",
            [role_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (content, pack_id, pack_title, pack_version) =
        row.ok_or_else(|| AppError::NotFound(format!("role '{role_id}' is not installed")))?;
    let mut role: Value = serde_json::from_str(&content)?;
    let mut stmt =
        conn.prepare("SELECT content FROM question WHERE role_id = ?1 ORDER BY position")?;
    let questions: Vec<Value> = stmt
        .query_map([role_id], |r| r.get::<_, String>(0))?
        .map(|c| Ok(serde_json::from_str(&c?)?))
        .collect::<AppResult<_>>()?;
    role["questions"] = Value::Array(questions);
    role["pack"] = json!({"id": pack_id, "title": pack_title, "version": pack_version});

    let installed: HashSet<String> = {
        let mut stmt = conn.prepare(
            "SELECT r.id FROM role r JOIN pack p ON p.id = r.pack_id WHERE p.hidden = 0",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    if let Some(rel) = role["related_roles"].as_array_mut() {
        for r in rel {
            let id = r["role"].as_str().unwrap_or_default().to_string();
            r["installed"] = Value::Bool(installed.contains(&id));
        }
    }
    let ticks: BTreeMap<String, String> = {
        let mut stmt =
            conn.prepare("SELECT item_id, ticked_at FROM checklist_tick WHERE role_id = ?1")?;
        let rows = stmt.query_map([role_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    role["checklist_ticks"] = serde_json::to_value(ticks)?;
    Ok(role)
}

/// The stored (rendered) content of an installed role.
pub fn role_content(conn: &Connection, role_id: &str) -> AppResult<Value> {
    let content: Option<String> = conn
        .query_row("SELECT content FROM role WHERE id = ?1", [role_id], |r| {
            r.get(0)
        })
        .optional()?;
    let content =
        content.ok_or_else(|| AppError::NotFound(format!("role '{role_id}' is not installed")))?;
    Ok(serde_json::from_str(&content)?)
}

pub fn set_checklist_tick(
    conn: &Connection,
    role_id: &str,
    item_id: &str,
    ticked: bool,
) -> AppResult<()> {
    let role = role_content(conn, role_id)?;
    let known = role["checklist"]
        .as_array()
        .map(|items| items.iter().any(|i| i["id"] == item_id))
        .unwrap_or(false);
    if !known {
        return Err(AppError::NotFound(format!(
            "checklist item '{item_id}' is not part of role '{role_id}'"
        )));
    }
    if ticked {
        conn.execute(
            "INSERT INTO checklist_tick(role_id, item_id, ticked_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(role_id, item_id) DO NOTHING",
            params![
                role_id,
                item_id,
                crate::progress::instant_text(chrono::Utc::now())
            ],
        )?;
    } else {
        conn.execute(
            "DELETE FROM checklist_tick WHERE role_id = ?1 AND item_id = ?2",
            params![role_id, item_id],
        )?;
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchHit {
    pub role_id: String,
    pub role_title: String,
    /// `question`, `round` or `faq`.
    pub kind: String,
    pub item_id: String,
    /// Title and snippet mark matches between U+0002 and U+0003; the UI turns them into <mark>
    /// elements with textContent, so no pack text is ever parsed as HTML.
    pub title: String,
    pub snippet: String,
}

/// Turns what the user typed into an FTS5 query: every word must appear; the last one, still
/// being typed, may be the start of a word.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{}\"", w.to_lowercase()))
        .collect();
    let last_is_complete = input.ends_with(|c: char| !c.is_alphanumeric());
    let mut query = words.join(" ");
    if query.is_empty() {
        return None;
    }
    if !last_is_complete {
        query.push('*');
    }
    Some(query)
}

pub fn search(conn: &Connection, input: &str, limit: usize) -> AppResult<Vec<SearchHit>> {
    let Some(query) = fts_query(input) else {
        return Ok(vec![]);
    };
    // One pass over the matches: prep_rank scores each from positions FTS5 already holds, and
    // the hidden-pack filter reads only the rowid (migration 005). Text and match positions
    // are read for the rows that make the top `limit` alone, and marked here: FTS5's
    // highlight() and snippet() tokenise and stem each text again, which was half the time.
    // The limit is part of the SQL text: bound as a parameter, it made SQLite prepare the
    // statement again on every search.
    // Most of the time no pack is hidden, and the filter is left out of the SQL altogether.
    let hidden: Vec<String> = conn
        .prepare_cached("SELECT seq FROM pack WHERE hidden = 1")?
        .query_map([], |r| Ok(r.get::<_, i64>(0)?.to_string()))?
        .collect::<Result<_, _>>()?;
    let hidden_filter = if hidden.is_empty() {
        String::new()
    } else {
        format!("AND rowid >> 32 NOT IN ({})", hidden.join(", "))
    };
    let sql = format!(
        "SELECT top.role_id, r.title, top.kind, top.item_id, top.title, top.body, top.matches
         FROM (
             SELECT role_id, kind, item_id, title, body,
                    prep_matches(search_index) AS matches,
                    prep_rank(search_index) AS score, rowid AS id
             FROM search_index
             WHERE search_index MATCH ?1 {hidden_filter}
             ORDER BY score DESC, id LIMIT {limit}
         ) AS top
         JOIN role r ON r.id = top.role_id
         ORDER BY top.score DESC, top.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([query], |r| {
        let matches = fts::parse_matches(r.get_ref(6)?.as_str().unwrap_or_default());
        let tokens_in = |column| -> Vec<usize> {
            let mut t: Vec<usize> = matches
                .iter()
                .filter(|m| m.0 == column)
                .map(|m| m.1)
                .collect();
            t.sort_unstable();
            t.dedup();
            t
        };
        let title: String = r.get(4)?;
        let body: String = r.get(5)?;
        Ok(SearchHit {
            role_id: r.get(0)?,
            role_title: r.get(1)?,
            kind: r.get(2)?,
            item_id: r.get(3)?,
            snippet: snippet(&body, &tokens_in(4), SNIPPET_TOKENS),
            title: snippet(&title, &tokens_in(3), usize::MAX),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const SNIPPET_TOKENS: usize = 14;
const MARK_START: char = '\u{2}';
const MARK_END: char = '\u{3}';

/// The `window`-token stretch of `text` holding the most of the `matched` tokens (the earliest
/// of equals, with those matches centred), each matched token between U+0002 and U+0003, with
/// "…" where text was cut.
/// Tokens are numbered as FTS5 numbers them (`fts::token_spans`); `matched` is sorted.
pub fn snippet(text: &str, matched: &[usize], window: usize) -> String {
    let spans = fts::token_spans(text);
    let window = window.max(1).min(spans.len());
    // The earliest window holding the most matches begins where its last match enters it:
    // two pointers over the sorted matches, so the cost is linear in the text, whatever a
    // pack's text repeats.
    // A token two query words both match (`cache cach*`) is listed twice; it is marked once.
    let mut matched: Vec<usize> = matched
        .iter()
        .copied()
        .filter(|&t| t < spans.len())
        .collect();
    matched.dedup();
    let mut first = 0;
    let mut best = 0;
    let mut lo = 0;
    for (hi, &end) in matched.iter().enumerate() {
        let start = (end + 1).saturating_sub(window);
        while matched[lo] < start {
            lo += 1;
        }
        if hi + 1 - lo > best {
            best = hi + 1 - lo;
            first = start;
        }
    }
    // The earliest best window ends at its last match; centre the matches it holds instead, so
    // the words after a match are shown as well as those before it.
    let inside: Vec<usize> = matched
        .iter()
        .copied()
        .filter(|&t| t >= first && t < first + window)
        .collect();
    if let (Some(&lo), Some(&hi)) = (inside.first(), inside.last()) {
        first = ((lo + hi) / 2)
            .saturating_sub(window / 2)
            .min(lo)
            .min(spans.len() - window);
    }
    let last = first + window; // one past the last token shown
    let from = if first == 0 { 0 } else { spans[first].0 };
    let to = if last >= spans.len() {
        text.len()
    } else {
        spans[last - 1].1
    };
    let mut out = String::with_capacity(to - from + 8);
    if first > 0 {
        out.push('…');
    }
    let mut at = from;
    for &t in matched.iter().filter(|&&t| t >= first && t < last) {
        let (s, e) = spans[t];
        out.push_str(&text[at..s]);
        out.push(MARK_START);
        out.push_str(&text[s..e]);
        out.push(MARK_END);
        at = e;
    }
    out.push_str(&text[at..to]);
    if last < spans.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
