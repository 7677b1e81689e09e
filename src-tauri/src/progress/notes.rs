//! Notes, flags, drafts and the review history of a question.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Value};

use super::instant_text;
use crate::error::{AppError, AppResult};

/// Longest note or draft kept, in characters; a guard against pasting a whole book.
pub const MAX_TEXT_CHARS: usize = 20_000;

pub struct Extras {
    pub note: Option<String>,
    pub flags: Value,
    pub drafts: Vec<Value>,
    pub history: Vec<Value>,
    pub stories: Vec<Value>,
}

pub fn question_extras(conn: &Connection, role_id: &str, question_id: &str) -> AppResult<Extras> {
    let key = [role_id, question_id];
    let note: Option<String> = conn
        .prepare_cached("SELECT body FROM note WHERE role_id = ?1 AND question_id = ?2")?
        .query_row(key, |r| r.get(0))
        .optional()?;
    let flags = flags(conn, role_id, question_id)?;
    let drafts = drafts(conn, role_id, question_id)?;
    let history = {
        let mut stmt = conn.prepare_cached(
            "SELECT rating, reviewed_at, seconds FROM review
              WHERE role_id = ?1 AND question_id = ?2 ORDER BY reviewed_at DESC, id DESC",
        )?;
        let rows = stmt.query_map(key, |r| {
            Ok(json!({"rating": r.get::<_, u8>(0)?, "reviewed_at": r.get::<_, String>(1)?, "seconds": r.get::<_, u32>(2)?}))
        })?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    let stories = {
        let mut stmt = conn.prepare_cached(
            "SELECT s.id, s.title FROM story s JOIN story_link l ON l.story_id = s.id
              WHERE l.role_id = ?1 AND l.question_id = ?2 ORDER BY s.title",
        )?;
        let rows = stmt.query_map(key, |r| {
            Ok(json!({"id": r.get::<_, i64>(0)?, "title": r.get::<_, String>(1)?}))
        })?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    Ok(Extras {
        note,
        flags,
        drafts,
        history,
        stories,
    })
}

fn check_length(what: &str, body: &str) -> AppResult<()> {
    let n = body.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(AppError::Invalid(format!(
            "{what} is {n} characters long; the limit is {MAX_TEXT_CHARS}"
        )));
    }
    Ok(())
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Note {
    pub body: String,
    pub updated_at: String,
}

/// Saves a note; an empty one deletes it.
pub fn save_note(
    conn: &Connection,
    role_id: &str,
    question_id: &str,
    body: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<Note>> {
    super::practice::ensure_question(conn, role_id, question_id)?;
    check_length("the note", body)?;
    if body.trim().is_empty() {
        conn.execute(
            "DELETE FROM note WHERE role_id = ?1 AND question_id = ?2",
            [role_id, question_id],
        )?;
        return Ok(None);
    }
    let at = instant_text(now);
    conn.execute(
        "INSERT INTO note(role_id, question_id, body, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(role_id, question_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        params![role_id, question_id, body, at],
    )?;
    Ok(Some(Note {
        body: body.to_string(),
        updated_at: at,
    }))
}

pub fn set_flag(
    conn: &Connection,
    role_id: &str,
    question_id: &str,
    flag: &str,
    on: bool,
) -> AppResult<Value> {
    let column = match flag {
        "favourite" => "favourite",
        "revisit" => "revisit",
        other => {
            return Err(AppError::Invalid(format!(
                "flag: '{other}' is not one of favourite, revisit"
            )))
        }
    };
    super::practice::ensure_question(conn, role_id, question_id)?;
    conn.execute(
        &format!(
            "INSERT INTO flag(role_id, question_id, {column}) VALUES (?1, ?2, ?3)
             ON CONFLICT(role_id, question_id) DO UPDATE SET {column} = excluded.{column}"
        ),
        params![role_id, question_id, on],
    )?;
    conn.execute(
        "DELETE FROM flag WHERE role_id = ?1 AND question_id = ?2 AND favourite = 0 AND revisit = 0",
        [role_id, question_id],
    )?;
    flags(conn, role_id, question_id)
}

fn flags(conn: &Connection, role_id: &str, question_id: &str) -> AppResult<Value> {
    let (favourite, revisit): (bool, bool) = conn
        .prepare_cached(
            "SELECT favourite, revisit FROM flag WHERE role_id = ?1 AND question_id = ?2",
        )?
        .query_row([role_id, question_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((false, false));
    Ok(json!({"favourite": favourite, "revisit": revisit}))
}

/// Keeps a new version of the user's own answer; saving the same text twice keeps one.
pub fn save_draft(
    conn: &Connection,
    role_id: &str,
    question_id: &str,
    body: &str,
    now: DateTime<Utc>,
) -> AppResult<Vec<Value>> {
    super::practice::ensure_question(conn, role_id, question_id)?;
    check_length("the draft", body)?;
    if body.trim().is_empty() {
        return Err(AppError::Invalid(
            "the draft is empty: write something first".into(),
        ));
    }
    let newest: Option<String> = conn
        .query_row(
            "SELECT body FROM draft WHERE role_id = ?1 AND question_id = ?2 ORDER BY written_at DESC, id DESC LIMIT 1",
            [role_id, question_id],
            |r| r.get(0),
        )
        .optional()?;
    if newest.as_deref() != Some(body) {
        conn.execute(
            "INSERT INTO draft(role_id, question_id, body, written_at) VALUES (?1, ?2, ?3, ?4)",
            params![role_id, question_id, body, instant_text(now)],
        )?;
    }
    drafts(conn, role_id, question_id)
}

fn drafts(conn: &Connection, role_id: &str, question_id: &str) -> AppResult<Vec<Value>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, body, written_at FROM draft WHERE role_id = ?1 AND question_id = ?2
          ORDER BY written_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([role_id, question_id], |r| {
        Ok(json!({"id": r.get::<_, i64>(0)?, "body": r.get::<_, String>(1)?, "written_at": r.get::<_, String>(2)?}))
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The latest ratings of a role, newest first, with the question's prompt.
pub fn review_history(conn: &Connection, role_id: &str, limit: u32) -> AppResult<Vec<Value>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.role_id, v.question_id,
                COALESCE(q.prompt, o.prompt, '(a question no longer in its pack)'),
                v.rating, v.reviewed_at, v.seconds
           FROM review v
           LEFT JOIN question q ON q.role_id = v.role_id AND q.id = v.question_id
           LEFT JOIN own_question o ON o.role_id = v.role_id AND o.id = v.question_id
          WHERE v.role_id = ?1
          ORDER BY v.reviewed_at DESC, v.id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![role_id, limit.min(1000)], |r| {
        Ok(json!({
            "role_id": r.get::<_, String>(0)?, "question_id": r.get::<_, String>(1)?,
            "prompt": r.get::<_, String>(2)?, "rating": r.get::<_, u8>(3)?,
            "reviewed_at": r.get::<_, String>(4)?, "seconds": r.get::<_, u32>(5)?,
        }))
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
