//! Practice sessions: which question comes next, recording a rating, undo, the summary.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Days, Utc};
use rs_fsrs::{Card, State};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::schedule::{self, effective_due, local_date, recall_on};
use super::{instant_text, load_card, load_cards, role_items, RoleItem};
use crate::error::{AppError, AppResult};
use crate::packs::render::markdown_to_html;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    All,
    Round,
    Focus,
    Due,
    Weakest,
    /// Marked Revisit.
    Revisit,
    /// Marked Favourite.
    Favourite,
    /// Either mark (sessions started before the two had scopes of their own).
    Flagged,
    /// One question, opened directly (from the planner's task list).
    Question,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scope {
    pub kind: ScopeKind,
    #[serde(default)]
    pub value: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Step {
    pub session_id: i64,
    pub total: usize,
    pub done: usize,
    pub question: Option<Value>,
}

#[derive(Debug, Serialize)]
pub struct Rated {
    pub review_id: i64,
    pub card: Value,
    pub step: Step,
}

#[derive(Debug, Serialize)]
pub struct Undone {
    pub undone: Value,
    pub step: Step,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub questions: usize,
    pub seconds: u64,
    pub ratings: BTreeMap<&'static str, usize>,
    pub next_due: NextDue,
}

/// What comes due after a session, for "4 due tomorrow".
#[derive(Debug, Serialize, PartialEq, Eq, Default)]
pub struct NextDue {
    /// Due by the end of today (overdue included).
    pub today: usize,
    pub tomorrow: usize,
    /// The first day after tomorrow with something due, and how much, when nothing is due
    /// today or tomorrow.
    pub later: Option<(String, usize)>,
}

/// How many questions a scope holds: due now, never practised, and marked.
#[derive(Debug, Serialize, PartialEq, Eq, Default, Clone, Copy)]
pub struct ScopeCount {
    pub total: usize,
    pub due: usize,
    pub new: usize,
    pub revisit: usize,
    pub favourite: usize,
}

impl ScopeCount {
    fn add(&mut self, due: bool, new: bool, revisit: bool, favourite: bool) {
        self.total += 1;
        self.due += usize::from(due);
        self.new += usize::from(new);
        self.revisit += usize::from(revisit);
        self.favourite += usize::from(favourite);
    }
}

/// The counts the Practice screen shows next to each scope.
#[derive(Debug, Serialize, PartialEq, Eq, Default)]
pub struct Counts {
    pub all: ScopeCount,
    pub rounds: BTreeMap<String, ScopeCount>,
    pub focus_areas: BTreeMap<String, ScopeCount>,
}

/// Longest time one rating may claim; longer means the app was left open.
const MAX_SECONDS: u32 = 4 * 60 * 60;

pub fn start(
    conn: &Connection,
    role_id: &str,
    scope: &Scope,
    now: DateTime<Utc>,
) -> AppResult<Step> {
    super::ensure_role(conn, role_id)?;
    check_scope(conn, role_id, scope)?;
    conn.execute(
        "INSERT INTO practice_session(role_id, scope, started_at) VALUES (?1, ?2, ?3)",
        params![role_id, serde_json::to_string(scope)?, instant_text(now)],
    )?;
    next_step(conn, conn.last_insert_rowid(), now)
}

fn check_scope(conn: &Connection, role_id: &str, scope: &Scope) -> AppResult<()> {
    let table = match scope.kind {
        ScopeKind::Round => "round",
        ScopeKind::Focus => "focus_area",
        ScopeKind::Question => {
            return ensure_question(conn, role_id, scope.value.as_deref().unwrap_or_default())
        }
        _ => return Ok(()),
    };
    let value = scope.value.as_deref().unwrap_or_default();
    let found: Option<i64> = conn
        .query_row(
            &format!("SELECT 1 FROM {table} WHERE role_id = ?1 AND id = ?2"),
            [role_id, value],
            |r| r.get(0),
        )
        .optional()?;
    if found.is_none() {
        let what = if table == "round" {
            "round"
        } else {
            "focus area"
        };
        return Err(AppError::Invalid(format!(
            "scope: the role has no {what} '{value}'"
        )));
    }
    Ok(())
}

fn session(conn: &Connection, session_id: i64) -> AppResult<(String, Scope)> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT role_id, scope FROM practice_session WHERE id = ?1")?
        .query_row([session_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (role, scope) =
        row.ok_or_else(|| AppError::NotFound(format!("practice session {session_id} not found")))?;
    Ok((role, serde_json::from_str(&scope)?))
}

/// The next question of a session, and how far along it is.
pub fn next_step(conn: &Connection, session_id: i64, now: DateTime<Utc>) -> AppResult<Step> {
    let (role_id, scope) = session(conn, session_id)?;
    let deadlines = super::round_deadlines(conn, &role_id, local_date(now))?;
    step_with(conn, session_id, &role_id, &scope, &deadlines, now)
}

/// The next step when the session's role, scope and round deadlines are already known.
fn step_with(
    conn: &Connection,
    session_id: i64,
    role_id: &str,
    scope: &Scope,
    deadlines: &Deadlines,
    now: DateTime<Utc>,
) -> AppResult<Step> {
    let order = queue(conn, role_id, scope, session_id, deadlines, now)?;
    let done = order.done;
    let question = match order.next.first() {
        Some(id) => Some(view_with(conn, role_id, id, deadlines, now)?),
        None => None,
    };
    Ok(Step {
        session_id,
        total: done + order.next.len(),
        done,
        question,
    })
}

struct Queue {
    next: Vec<String>,
    done: usize,
}

type Deadlines = BTreeMap<String, chrono::NaiveDate>;

fn queue(
    conn: &Connection,
    role_id: &str,
    scope: &Scope,
    session_id: i64,
    deadlines: &Deadlines,
    now: DateTime<Utc>,
) -> AppResult<Queue> {
    let today = local_date(now);
    let items = role_items(conn, role_id)?;
    let cards = load_cards(conn, role_id)?;
    let flags = flags(conn, role_id)?;
    // The last rating given to each question in this session.
    let in_session: HashMap<String, u8> = {
        let mut stmt = conn.prepare_cached(
            "SELECT question_id, rating FROM review WHERE session_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([session_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let end_of_today = schedule::start_of(today.checked_add_days(Days::new(1)).unwrap_or(today));

    let mut ranked: Vec<((u8, i64, i64), &RoleItem)> = Vec::new();
    let mut again: Vec<(DateTime<Utc>, &RoleItem)> = Vec::new();
    for item in &items {
        let in_scope = match scope.kind {
            ScopeKind::Round => Some(&item.round_id) == scope.value.as_ref(),
            ScopeKind::Focus => Some(&item.focus_area) == scope.value.as_ref(),
            ScopeKind::Question => Some(&item.question_id) == scope.value.as_ref(),
            ScopeKind::Revisit => flags.get(&item.question_id).is_some_and(|f| f.revisit),
            ScopeKind::Favourite => flags.get(&item.question_id).is_some_and(|f| f.favourite),
            ScopeKind::Flagged => flags
                .get(&item.question_id)
                .is_some_and(|f| f.revisit || f.favourite),
            _ => true,
        };
        if !in_scope {
            continue;
        }
        let card = cards.get(&item.question_id);
        let due = card.map(|c| effective_due(c, deadlines.get(&item.round_id).copied(), today));
        if let Some(rating) = in_session.get(&item.question_id) {
            // Forgotten in this session: it comes back once its short learning step is up.
            if *rating == 1 {
                again.push((due.unwrap_or(now), item));
            }
            continue;
        }
        let order = (item.round_position, item.position);
        let key = match (scope.kind, card, due) {
            (ScopeKind::Due, Some(c), Some(d)) if is_due(c, d, end_of_today) => {
                (0, d.timestamp(), 0)
            }
            (ScopeKind::Due, _, _) => continue,
            (ScopeKind::Weakest, Some(c), _) => {
                (0, (recall_on(c, today) * 1_000_000.0) as i64, order.1)
            }
            (_, Some(_), Some(d)) if d <= now => (0, d.timestamp(), 0),
            (_, None, _) => (1, order.0, order.1),
            (_, Some(_), Some(d)) => (2, d.timestamp(), 0),
            (_, Some(_), None) => (2, 0, 0),
        };
        ranked.push((key, item));
    }
    ranked.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.position.cmp(&b.1.position)));
    again.sort_by_key(|(d, item)| (*d, item.position));
    let mut next: Vec<String> = ranked
        .into_iter()
        .map(|(_, i)| i.question_id.clone())
        .collect();
    next.extend(again.into_iter().map(|(_, i)| i.question_id.clone()));
    let done = in_session.values().filter(|r| **r != 1).count();
    Ok(Queue { next, done })
}

/// A question counts as due when it was practised before and its effective due instant is
/// before the end of today.
fn is_due(card: &Card, effective: DateTime<Utc>, end_of_today: DateTime<Utc>) -> bool {
    card.state != State::New && effective < end_of_today
}

#[derive(Clone, Copy, Default)]
struct Flags {
    favourite: bool,
    revisit: bool,
}

fn flags(conn: &Connection, role_id: &str) -> AppResult<HashMap<String, Flags>> {
    let mut stmt =
        conn.prepare_cached("SELECT question_id, favourite, revisit FROM flag WHERE role_id = ?1")?;
    let rows = stmt.query_map([role_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Flags {
                favourite: r.get(1)?,
                revisit: r.get(2)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Due, new and marked questions of the whole role, of each round and of each focus area.
pub fn counts(conn: &Connection, role_id: &str, now: DateTime<Utc>) -> AppResult<Counts> {
    super::ensure_role(conn, role_id)?;
    let today = local_date(now);
    let end_of_today = schedule::start_of(today.checked_add_days(Days::new(1)).unwrap_or(today));
    let deadlines = super::round_deadlines(conn, role_id, today)?;
    let cards = load_cards(conn, role_id)?;
    let flags = flags(conn, role_id)?;
    let mut out = Counts::default();
    for item in role_items(conn, role_id)? {
        let card = cards.get(&item.question_id);
        let due = card.is_some_and(|c| {
            let d = effective_due(c, deadlines.get(&item.round_id).copied(), today);
            is_due(c, d, end_of_today)
        });
        let new = card.is_none_or(|c| c.state == State::New);
        let f = flags.get(&item.question_id).copied().unwrap_or_default();
        for count in [
            &mut out.all,
            out.rounds.entry(item.round_id.clone()).or_default(),
            out.focus_areas.entry(item.focus_area.clone()).or_default(),
        ] {
            count.add(due, new, f.revisit, f.favourite);
        }
    }
    Ok(out)
}

/// How many practised questions of the role come due today, tomorrow, or else on the next day
/// with any.
fn next_due(conn: &Connection, role_id: &str, now: DateTime<Utc>) -> AppResult<NextDue> {
    let today = local_date(now);
    let deadlines = super::round_deadlines(conn, role_id, today)?;
    let cards = load_cards(conn, role_id)?;
    let mut by_day: BTreeMap<chrono::NaiveDate, usize> = BTreeMap::new();
    for item in role_items(conn, role_id)? {
        let Some(card) = cards.get(&item.question_id) else {
            continue;
        };
        if card.state == State::New {
            continue;
        }
        let due = effective_due(card, deadlines.get(&item.round_id).copied(), today);
        *by_day.entry(local_date(due).max(today)).or_default() += 1;
    }
    let tomorrow = today.succ_opt().unwrap_or(today);
    let mut next = NextDue {
        today: by_day.get(&today).copied().unwrap_or(0),
        tomorrow: by_day.get(&tomorrow).copied().unwrap_or(0),
        later: None,
    };
    if next.today == 0 && next.tomorrow == 0 {
        next.later = by_day
            .range(tomorrow.succ_opt().unwrap_or(tomorrow)..)
            .next()
            .map(|(d, n)| (d.to_string(), *n));
    }
    Ok(next)
}

/// Records a rating, then gives the next question. One transaction: acknowledged means stored.
pub fn rate(
    conn: &mut Connection,
    session_id: i64,
    role_id: &str,
    question_id: &str,
    rating: u8,
    seconds: u32,
    now: DateTime<Utc>,
) -> AppResult<Rated> {
    let fsrs_rating = schedule::rating_from(rating).ok_or_else(|| {
        AppError::Invalid(format!(
            "rating: {rating} is not one of 1 (Again), 2 (Hard), 3 (Good), 4 (Easy)"
        ))
    })?;
    let (session_role, scope) = session(conn, session_id)?;
    if session_role != role_id {
        return Err(AppError::Invalid(format!(
            "practice session {session_id} is for role '{session_role}', not '{role_id}'"
        )));
    }
    let round = question_round(conn, role_id, question_id)?;
    let tx = conn.transaction()?;
    tx.prepare_cached(
        "INSERT INTO review(role_id, question_id, rating, reviewed_at, seconds, session_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        role_id,
        question_id,
        rating,
        instant_text(now),
        seconds.min(MAX_SECONDS),
        session_id
    ])?;
    let review_id = tx.last_insert_rowid();
    let card = schedule::rated_card(
        load_card(&tx, role_id, question_id)?.as_ref(),
        now,
        fsrs_rating,
    );
    super::save_card(&tx, role_id, question_id, &card)?;
    tx.commit()?;
    let deadlines = super::round_deadlines(conn, role_id, local_date(now))?;
    Ok(Rated {
        review_id,
        card: card_info(&card, deadlines.get(&round).copied(), now),
        step: step_with(conn, session_id, role_id, &scope, &deadlines, now)?,
    })
}

pub(crate) fn ensure_question(
    conn: &Connection,
    role_id: &str,
    question_id: &str,
) -> AppResult<()> {
    question_round(conn, role_id, question_id).map(|_| ())
}

fn question_round(conn: &Connection, role_id: &str, question_id: &str) -> AppResult<String> {
    let round: Option<String> = conn
        .prepare_cached(
            "SELECT round_id FROM question WHERE role_id = ?1 AND id = ?2
             UNION ALL SELECT round_id FROM own_question WHERE role_id = ?1 AND id = ?2",
        )?
        .query_row([role_id, question_id], |r| r.get(0))
        .optional()?;
    round.ok_or_else(|| {
        AppError::NotFound(format!("role '{role_id}' has no question '{question_id}'"))
    })
}

/// Takes back the last rating of the session; the card is rebuilt from the ratings left.
pub fn undo(conn: &mut Connection, session_id: i64, now: DateTime<Utc>) -> AppResult<Undone> {
    let (role_id, _) = session(conn, session_id)?;
    let tx = conn.transaction()?;
    let last: Option<(i64, String, u8)> = tx
        .query_row(
            "SELECT id, question_id, rating FROM review WHERE session_id = ?1 ORDER BY id DESC LIMIT 1",
            [session_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (id, question_id, rating) = last.ok_or_else(|| {
        AppError::NotFound("nothing to undo: no rating has been given in this session".into())
    })?;
    tx.execute("DELETE FROM review WHERE id = ?1", [id])?;
    super::rebuild_card(&tx, &role_id, &question_id)?;
    tx.commit()?;
    let mut step = next_step(conn, session_id, now)?;
    step.question = Some(question_view(conn, &role_id, &question_id, now)?);
    Ok(Undone {
        undone: json!({"question_id": question_id, "rating": rating}),
        step,
    })
}

pub fn end(conn: &Connection, session_id: i64, now: DateTime<Utc>) -> AppResult<Summary> {
    let (role_id, _) = session(conn, session_id)?;
    conn.execute(
        "UPDATE practice_session SET ended_at = ?2 WHERE id = ?1",
        params![session_id, instant_text(now)],
    )?;
    let mut stmt =
        conn.prepare("SELECT question_id, rating, seconds FROM review WHERE session_id = ?1")?;
    let rows = stmt.query_map([session_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u8>(1)?,
            r.get::<_, u64>(2)?,
        ))
    })?;
    let mut questions = std::collections::HashSet::new();
    let mut seconds = 0;
    let mut ratings: BTreeMap<&'static str, usize> = ["again", "hard", "good", "easy"]
        .into_iter()
        .map(|k| (k, 0))
        .collect();
    for row in rows {
        let (q, rating, s) = row?;
        questions.insert(q);
        seconds += s;
        let key = ["again", "hard", "good", "easy"][(rating.clamp(1, 4) - 1) as usize];
        *ratings.entry(key).or_default() += 1;
    }
    Ok(Summary {
        questions: questions.len(),
        seconds,
        ratings,
        next_due: next_due(conn, &role_id, now)?,
    })
}

pub fn card_info(card: &Card, deadline: Option<chrono::NaiveDate>, now: DateTime<Utc>) -> Value {
    let today = local_date(now);
    json!({
        "state": schedule::state_name(card.state),
        "due": instant_text(card.due),
        "effective_due": instant_text(effective_due(card, deadline, today)),
        "reps": card.reps,
        "lapses": card.lapses,
        "stability": card.stability,
        "recall_now": recall_on(card, today),
        "deadline": deadline.map(|d| d.to_string()),
    })
}

/// Everything the practice screen shows for one question.
pub fn question_view(
    conn: &Connection,
    role_id: &str,
    question_id: &str,
    now: DateTime<Utc>,
) -> AppResult<Value> {
    let deadlines = super::round_deadlines(conn, role_id, local_date(now))?;
    view_with(conn, role_id, question_id, &deadlines, now)
}

fn view_with(
    conn: &Connection,
    role_id: &str,
    question_id: &str,
    deadlines: &Deadlines,
    now: DateTime<Utc>,
) -> AppResult<Value> {
    let pack_question: Option<String> = conn
        .prepare_cached("SELECT content FROM question WHERE role_id = ?1 AND id = ?2")?
        .query_row([role_id, question_id], |r| r.get(0))
        .optional()?;
    let (question, own) = match pack_question {
        Some(content) => (serde_json::from_str::<Value>(&content)?, false),
        None => (own_question_json(conn, role_id, question_id)?, true),
    };
    let round_id = question["round"].as_str().unwrap_or_default().to_string();
    let focus_id = question["focus_area"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let round: Value = conn
        .prepare_cached("SELECT name, minutes FROM round WHERE role_id = ?1 AND id = ?2")?
        .query_row([role_id, &round_id], |r| {
            Ok(json!({"id": round_id, "name": r.get::<_, String>(0)?, "minutes": r.get::<_, u32>(1)?}))
        })
        .optional()?
        .unwrap_or_else(|| json!({"id": round_id, "name": round_id, "minutes": 0}));
    let focus: Value = conn
        .prepare_cached("SELECT name, weight FROM focus_area WHERE role_id = ?1 AND id = ?2")?
        .query_row([role_id, &focus_id], |r| {
            Ok(json!({"id": focus_id, "name": r.get::<_, String>(0)?, "weight": r.get::<_, u32>(1)?}))
        })
        .optional()?
        .unwrap_or_else(|| json!({"id": focus_id, "name": focus_id, "weight": 0}));
    let deadline = deadlines.get(&round_id).copied();
    let stored = load_card(conn, role_id, question_id)?;
    let intervals = schedule::intervals(stored.as_ref(), now, deadline);
    let card = stored.map(|c| card_info(&c, deadline, now));
    let extra = super::notes::question_extras(conn, role_id, question_id)?;
    Ok(json!({
        "role_id": role_id,
        "question_id": question_id,
        "own": own,
        "question": question,
        "round": round,
        "focus": focus,
        "note": extra.note,
        "flags": extra.flags,
        "drafts": extra.drafts,
        "history": extra.history,
        "stories": extra.stories,
        "card": card,
        "intervals": intervals,
    }))
}

/// An own question in the same shape as a pack question, its answer rendered and sanitised.
fn own_question_json(conn: &Connection, role_id: &str, question_id: &str) -> AppResult<Value> {
    let row = conn
        .prepare_cached(
            "SELECT round_id, focus_area, prompt, answer, difficulty, minutes FROM own_question
              WHERE role_id = ?1 AND id = ?2",
        )?
        .query_row([role_id, question_id], |r| {
            Ok(json!({
                "id": question_id,
                "round": r.get::<_, String>(0)?,
                "focus_area": r.get::<_, String>(1)?,
                "prompt": r.get::<_, String>(2)?,
                "answer": {
                    "summary_html": markdown_to_html(&r.get::<_, String>(3)?),
                    "structure_html": [],
                    "trade_offs_html": null,
                    "strong_signal_html": null,
                },
                "example_html": "",
                "follow_ups": [],
                "skills": [],
                "difficulty": r.get::<_, String>(4)?,
                "minutes": r.get::<_, u32>(5)?,
                "tags": ["own question"],
            }))
        })
        .optional()?;
    row.ok_or_else(|| {
        AppError::NotFound(format!("role '{role_id}' has no question '{question_id}'"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::builtin;
    use crate::progress::parse_instant;

    const ROLE: &str = "senior-backend-developer";

    fn db() -> Connection {
        let mut conn = crate::storage::open_in_memory().unwrap();
        builtin::ensure_builtin(&mut conn).unwrap();
        conn
    }

    fn scope(kind: ScopeKind) -> Scope {
        Scope { kind, value: None }
    }

    fn question_of(step: &Step) -> String {
        step.question.as_ref().unwrap()["question_id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn the_labels_under_the_buttons_are_what_the_rating_then_gives() {
        let mut conn = db();
        let now = parse_instant("2026-12-01T09:00:00Z").unwrap();
        let step = start(&conn, ROLE, &scope(ScopeKind::All), now).unwrap();
        let q = step.question.as_ref().unwrap();
        let id = question_of(&step);
        let labels: Vec<schedule::Interval> =
            serde_json::from_value(q["intervals"].clone()).unwrap();
        assert_eq!(
            labels.iter().map(|i| i.rating).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        let rated = rate(&mut conn, step.session_id, ROLE, &id, 3, 30, now).unwrap();
        assert_eq!(rated.card["effective_due"], labels[2].due.as_str());
    }

    #[test]
    fn counts_say_what_is_due_new_and_marked_per_scope() {
        let mut conn = db();
        let now = parse_instant("2026-12-01T09:00:00Z").unwrap();
        let before = counts(&conn, ROLE, now).unwrap();
        assert_eq!(before.all.new, before.all.total);
        assert_eq!(before.all.due, 0);
        let step = start(&conn, ROLE, &scope(ScopeKind::All), now).unwrap();
        let first = question_of(&step);
        // Again keeps it due today; the next question is marked Revisit.
        let rated = rate(&mut conn, step.session_id, ROLE, &first, 1, 30, now).unwrap();
        let second = question_of(&rated.step);
        crate::progress::notes::set_flag(&conn, ROLE, &second, "revisit", true).unwrap();
        let after = counts(&conn, ROLE, now).unwrap();
        assert_eq!(after.all.due, 1);
        assert_eq!(after.all.new, before.all.new - 1);
        assert_eq!(after.all.revisit, 1);
        assert_eq!(after.all.favourite, 0);
        let items = role_items(&conn, ROLE).unwrap();
        let round = &items
            .iter()
            .find(|i| i.question_id == first)
            .unwrap()
            .round_id;
        assert_eq!(after.rounds[round].due, 1);
        let total: usize = after.rounds.values().map(|c| c.total).sum();
        assert_eq!(total, after.all.total);

        let revisit = start(&conn, ROLE, &scope(ScopeKind::Revisit), now).unwrap();
        assert_eq!(revisit.total, 1);
        assert_eq!(question_of(&revisit), second);
        let favourite = start(&conn, ROLE, &scope(ScopeKind::Favourite), now).unwrap();
        assert!(favourite.question.is_none());
    }

    #[test]
    fn the_summary_says_what_comes_due_next() {
        let mut conn = db();
        let now = parse_instant("2026-12-01T09:00:00Z").unwrap();
        let step = start(&conn, ROLE, &scope(ScopeKind::All), now).unwrap();
        let first = question_of(&step);
        rate(&mut conn, step.session_id, ROLE, &first, 1, 30, now).unwrap();
        let summary = end(&conn, step.session_id, now).unwrap();
        assert_eq!(summary.next_due.today, 1, "Again brings it back today");
        assert_eq!(summary.next_due.later, None);

        // Rated Easy a few times over the days, it next comes due days ahead.
        let mut at = now;
        for _ in 0..3 {
            at += chrono::Duration::days(2);
            let one = Scope {
                kind: ScopeKind::Question,
                value: Some(first.clone()),
            };
            let s = start(&conn, ROLE, &one, at).unwrap();
            rate(&mut conn, s.session_id, ROLE, &first, 4, 30, at).unwrap();
            let summary = end(&conn, s.session_id, at).unwrap();
            if summary.next_due.today == 0 && summary.next_due.tomorrow == 0 {
                let (date, n) = summary.next_due.later.clone().unwrap();
                assert_eq!(n, 1);
                assert!(date > local_date(at).to_string());
                return;
            }
        }
        panic!("an item rated Easy three times is still due within a day");
    }
}
