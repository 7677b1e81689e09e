//! What the user has done: ratings and their schedule, notes, drafts, flags, own questions,
//! STAR stories, mock rounds, readiness and backups. Knows nothing of Tauri.
//!
//! Progress rows are keyed by `(role_id, question_id)`, never by foreign key into pack
//! content, so pack updates cannot cascade into them (see `packs::store`).

pub mod backup;
mod merge;
pub mod mocks;
pub mod notes;
pub mod overview;
pub mod own;
pub mod practice;
pub mod schedule;
pub mod stories;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rs_fsrs::Card;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{AppError, AppResult};

pub fn instant_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_instant(text: &str) -> AppResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| AppError::Invalid(format!("'{text}' is not a date and time: {e}")))
}

pub fn parse_day(text: &str) -> AppResult<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| AppError::Invalid(format!("'{text}' is not a date like 2026-12-14")))
}

pub fn ensure_role(conn: &Connection, role_id: &str) -> AppResult<()> {
    let found: Option<i64> = conn
        .query_row("SELECT 1 FROM role WHERE id = ?1", [role_id], |r| r.get(0))
        .optional()?;
    found
        .map(|_| ())
        .ok_or_else(|| AppError::NotFound(format!("role '{role_id}' is not installed")))
}

/// One question the user can practise: from the role's pack or the user's own.
#[derive(Debug, Clone)]
pub struct RoleItem {
    pub question_id: String,
    pub round_id: String,
    pub focus_area: String,
    pub prompt: String,
    pub minutes: u32,
    pub round_position: i64,
    pub position: i64,
    pub own: bool,
    /// Beyond the role's core set (`extra` in the pack).
    pub extra: bool,
}

/// The role's questions in hiring-process order (round, then position; own questions last in their round).
pub fn role_items(conn: &Connection, role_id: &str) -> AppResult<Vec<RoleItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT q.id, q.round_id, q.focus_area, q.prompt, q.minutes, r.position, q.position, 0,
                COALESCE(json_extract(q.content, '$.extra'), 0)
           FROM question q JOIN round r ON r.role_id = q.role_id AND r.id = q.round_id
          WHERE q.role_id = ?1
         UNION ALL
         SELECT o.id, o.round_id, o.focus_area, o.prompt, o.minutes,
                COALESCE(r.position, 1000000), 1000000 + o.rowid, 1, 0
           FROM own_question o LEFT JOIN round r ON r.role_id = o.role_id AND r.id = o.round_id
          WHERE o.role_id = ?1
         ORDER BY 6, 7",
    )?;
    let rows = stmt.query_map([role_id], |r| {
        Ok(RoleItem {
            question_id: r.get(0)?,
            round_id: r.get(1)?,
            focus_area: r.get(2)?,
            prompt: r.get(3)?,
            minutes: r.get(4)?,
            round_position: r.get(5)?,
            position: r.get(6)?,
            own: r.get::<_, i64>(7)? == 1,
            extra: r.get::<_, i64>(8)? == 1,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn load_card(conn: &Connection, role_id: &str, question_id: &str) -> AppResult<Option<Card>> {
    let mut stmt = conn.prepare_cached(
        "SELECT state, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, due, last_review
           FROM card WHERE role_id = ?1 AND question_id = ?2",
    )?;
    let row = stmt
        .query_row([role_id, question_id], card_from_row)
        .optional()?;
    row.transpose()
}

pub fn load_cards(conn: &Connection, role_id: &str) -> AppResult<HashMap<String, Card>> {
    let mut stmt = conn.prepare_cached(
        "SELECT state, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, due, last_review, question_id
           FROM card WHERE role_id = ?1",
    )?;
    let rows = stmt.query_map([role_id], |r| {
        Ok((r.get::<_, String>(9)?, card_from_row(r)?))
    })?;
    let mut cards = HashMap::new();
    for row in rows {
        let (id, card) = row?;
        cards.insert(id, card?);
    }
    Ok(cards)
}

fn card_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AppResult<Card>> {
    let due: String = r.get(7)?;
    let last: String = r.get(8)?;
    let state: i64 = r.get(0)?;
    let card = (|| {
        Ok(Card {
            state: schedule::state_from(state),
            stability: r.get(1)?,
            difficulty: r.get(2)?,
            elapsed_days: r.get(3)?,
            scheduled_days: r.get(4)?,
            reps: r.get(5)?,
            lapses: r.get(6)?,
            due: parse_instant(&due)?,
            last_review: parse_instant(&last)?,
        })
    })();
    Ok(card)
}

pub fn save_card(
    conn: &Connection,
    role_id: &str,
    question_id: &str,
    card: &Card,
) -> AppResult<()> {
    conn.prepare_cached(
        "INSERT INTO card(role_id, question_id, state, stability, difficulty, elapsed_days,
                          scheduled_days, reps, lapses, due, last_review)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT(role_id, question_id) DO UPDATE SET
           state = excluded.state, stability = excluded.stability, difficulty = excluded.difficulty,
           elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
           reps = excluded.reps, lapses = excluded.lapses, due = excluded.due,
           last_review = excluded.last_review",
    )?
    .execute(params![
        role_id,
        question_id,
        card.state as i64,
        card.stability,
        card.difficulty,
        card.elapsed_days,
        card.scheduled_days,
        card.reps,
        card.lapses,
        instant_text(card.due),
        instant_text(card.last_review),
    ])?;
    Ok(())
}

/// Rebuilds the stored card of one question from its remaining reviews (deleting it when none are left).
pub fn rebuild_card(conn: &Connection, role_id: &str, question_id: &str) -> AppResult<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT reviewed_at, rating FROM review WHERE role_id = ?1 AND question_id = ?2 ORDER BY reviewed_at, id",
    )?;
    let ratings = stmt
        .query_map([role_id, question_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u8>(1)?))
        })?
        .map(|row| {
            let (at, rating) = row?;
            let rating = schedule::rating_from(rating)
                .ok_or_else(|| AppError::Invalid(format!("stored rating {rating} is not 1-4")))?;
            Ok((parse_instant(&at)?, rating))
        })
        .collect::<AppResult<Vec<_>>>()?;
    match schedule::replay(&schedule::fsrs(), &ratings) {
        Some(card) => save_card(conn, role_id, question_id, &card),
        None => {
            conn.execute(
                "DELETE FROM card WHERE role_id = ?1 AND question_id = ?2",
                [role_id, question_id],
            )?;
            Ok(())
        }
    }
}

/// The date each round of a role must be ready by, from the user's active interview processes.
///
/// A round with a date uses it; a round without one takes the date of the next later round
/// of the same process that has one, else the process's interview date. Rounds done or past
/// are left out; with several processes the earliest upcoming date wins.
pub fn round_deadlines(
    conn: &Connection,
    role_id: &str,
    today: NaiveDate,
) -> AppResult<BTreeMap<String, NaiveDate>> {
    let rounds: Vec<String> = {
        let mut stmt =
            conn.prepare_cached("SELECT id FROM round WHERE role_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([role_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let processes: Vec<(i64, String)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, interview_date FROM process WHERE role_id = ?1 AND archived = 0",
        )?;
        let rows = stmt.query_map([role_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut out: BTreeMap<String, NaiveDate> = BTreeMap::new();
    for (process_id, interview) in processes {
        let interview = parse_day(&interview)?;
        let known: HashMap<String, (Option<NaiveDate>, bool)> = {
            let mut stmt = conn.prepare_cached(
                "SELECT round_id, date, done FROM process_round WHERE process_id = ?1",
            )?;
            let rows = stmt.query_map([process_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, bool>(2)?,
                ))
            })?;
            let mut m = HashMap::new();
            for row in rows {
                let (id, date, done) = row?;
                m.insert(id, (date.as_deref().map(parse_day).transpose()?, done));
            }
            m
        };
        let mut next_known = interview;
        let mut dated: Vec<(String, NaiveDate, bool)> = Vec::new();
        for round in rounds.iter().rev() {
            let (date, done) = known.get(round).cloned().unwrap_or((None, false));
            let deadline = date.unwrap_or(next_known);
            if date.is_some() {
                next_known = deadline;
            }
            dated.push((round.clone(), deadline, done));
        }
        for (round, deadline, done) in dated {
            if done || deadline < today {
                continue;
            }
            out.entry(round)
                .and_modify(|d| *d = (*d).min(deadline))
                .or_insert(deadline);
        }
    }
    Ok(out)
}
