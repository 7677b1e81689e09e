//! Practice sessions: which question comes next, recording a rating, undo, the summary.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Days, Utc};
use rs_fsrs::{Card, State};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::schedule::{self, effective_due, local_date, recall_on};
use super::{instant_text, load_card, load_cards, role_items};
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
    queues: &mut Queues,
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
    next_step(conn, queues, conn.last_insert_rowid(), now)
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
pub fn next_step(
    conn: &Connection,
    queues: &mut Queues,
    session_id: i64,
    now: DateTime<Utc>,
) -> AppResult<Step> {
    let (role_id, scope) = session(conn, session_id)?;
    let deadlines = super::round_deadlines(conn, &role_id, local_date(now))?;
    let queue = queues.take(conn, session_id, now)?;
    let queue = match queue {
        Some(q) => q,
        None => queue_of(conn, &role_id, &scope, session_id, &deadlines, now)?,
    };
    let step = step_of(conn, &queue, session_id, &role_id, &deadlines, now)?;
    queues.keep(conn, session_id, local_date(now), queue)?;
    Ok(step)
}

fn step_of(
    conn: &Connection,
    queue: &Queue,
    session_id: i64,
    role_id: &str,
    deadlines: &Deadlines,
    now: DateTime<Utc>,
) -> AppResult<Step> {
    let question = match queue.next() {
        Some(id) => Some(view_with(conn, role_id, id, deadlines, now)?),
        None => None,
    };
    Ok(Step {
        session_id,
        total: queue.done + queue.left(),
        done: queue.done,
        question,
    })
}

type Deadlines = BTreeMap<String, chrono::NaiveDate>;

/// Where a question not yet rated stands in the session: the order a fresh build sorts by
/// (tier, two keys, position), then the question's place in the role, which breaks ties as a
/// stable sort does.
type Rank = (u8, i64, i64, i64, usize);

/// Tier of practised questions whose due time is still ahead: they move to `DUE` as it passes.
const LATER: u8 = 2;
const DUE: u8 = 0;

/// What is left of a session, in the order it will be asked.
#[derive(Debug)]
struct Queue {
    /// Not yet rated in this session, the next one first.
    order: BTreeMap<Rank, String>,
    /// Each question in `order`, with its rank and, in tier `LATER`, its exact due time.
    ranks: HashMap<String, (Rank, Option<DateTime<Utc>>)>,
    /// Tier `LATER` by exact due time, the soonest first.
    later: BTreeMap<(DateTime<Utc>, Rank), String>,
    /// Rated Again in this session: they come back after the rest, the soonest due first.
    again: Vec<(DateTime<Utc>, i64, String)>,
    /// The session's questions: round and position of each.
    in_scope: HashMap<String, (String, i64)>,
    /// The last rating each question got in this session.
    in_session: HashMap<String, u8>,
    /// Rated, and not Again the last time.
    done: usize,
}

impl Queue {
    fn next(&self) -> Option<&str> {
        self.order
            .values()
            .next()
            .or_else(|| self.again.first().map(|(_, _, id)| id))
            .map(String::as_str)
    }

    fn left(&self) -> usize {
        self.order.len() + self.again.len()
    }

    fn insert(&mut self, rank: Rank, due: Option<DateTime<Utc>>, id: String) {
        if let (LATER, Some(d)) = (rank.0, due) {
            self.later.insert((d, rank), id.clone());
        }
        self.order.insert(rank, id.clone());
        self.ranks.insert(id, (rank, due));
    }

    fn remove(&mut self, id: &str) {
        if let Some((rank, due)) = self.ranks.remove(id) {
            self.order.remove(&rank);
            if let Some(d) = due.filter(|_| rank.0 == LATER) {
                self.later.remove(&(d, rank));
            }
        }
    }

    /// Questions whose due time has come by `now` move to the front tier, as a fresh build
    /// would rank them.
    fn advance(&mut self, now: DateTime<Utc>) {
        while let Some(entry) = self.later.first_entry() {
            let (due, rank) = *entry.key();
            if due > now {
                break;
            }
            let id = entry.remove();
            self.order.remove(&rank);
            self.ranks.remove(&id);
            self.insert((DUE, due.timestamp(), 0, rank.3, rank.4), Some(due), id);
        }
    }

    /// The queue after `question_id` got `rating` and its card became `card` (as stored).
    fn rated(
        &mut self,
        question_id: &str,
        rating: u8,
        card: &Card,
        deadlines: &Deadlines,
        today: chrono::NaiveDate,
    ) {
        let before = self.in_session.insert(question_id.to_string(), rating);
        self.done =
            self.done + usize::from(rating != 1) - usize::from(before.is_some_and(|r| r != 1));
        let Some((round, position)) = self.in_scope.get(question_id).cloned() else {
            return;
        };
        self.remove(question_id);
        self.again.retain(|(_, _, id)| id != question_id);
        if rating == 1 {
            let due = effective_due(card, deadlines.get(&round).copied(), today);
            let entry = (due, position, question_id.to_string());
            let at = self
                .again
                .partition_point(|(d, p, _)| (*d, *p) <= (entry.0, entry.1));
            self.again.insert(at, entry);
        }
    }
}

fn queue_of(
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

    let done = in_session.values().filter(|r| **r != 1).count();
    let mut queue = Queue {
        order: BTreeMap::new(),
        ranks: HashMap::new(),
        later: BTreeMap::new(),
        again: Vec::new(),
        in_scope: HashMap::new(),
        in_session: HashMap::new(),
        done,
    };
    for (index, item) in items.iter().enumerate() {
        let wanted = match scope.kind {
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
        if !wanted {
            continue;
        }
        queue.in_scope.insert(
            item.question_id.clone(),
            (item.round_id.clone(), item.position),
        );
        let card = cards.get(&item.question_id);
        let due = card.map(|c| effective_due(c, deadlines.get(&item.round_id).copied(), today));
        if let Some(rating) = in_session.get(&item.question_id) {
            // Forgotten in this session: it comes back once its short learning step is up.
            if *rating == 1 {
                queue
                    .again
                    .push((due.unwrap_or(now), item.position, item.question_id.clone()));
            }
            continue;
        }
        let order = (item.round_position, item.position);
        let (tier, a, b) = match (scope.kind, card, due) {
            (ScopeKind::Due, Some(c), Some(d)) if is_due(c, d, end_of_today) => {
                (DUE, d.timestamp(), 0)
            }
            (ScopeKind::Due, _, _) => continue,
            (ScopeKind::Weakest, Some(c), _) => {
                (DUE, (recall_on(c, today) * 1_000_000.0) as i64, order.1)
            }
            (_, Some(_), Some(d)) if d <= now => (DUE, d.timestamp(), 0),
            (_, None, _) => (1, order.0, order.1),
            (_, Some(_), Some(d)) => (LATER, d.timestamp(), 0),
            (_, Some(_), None) => (LATER, 0, 0),
        };
        queue.insert(
            (tier, a, b, item.position, index),
            due,
            item.question_id.clone(),
        );
    }
    queue.again.sort_by_key(|(d, position, _)| (*d, *position));
    queue.in_session = in_session;
    Ok(queue)
}

/// Sessions' queues kept between ratings, so that a rating costs the same in a role of 12
/// questions and in one of 10,000. A kept queue is used only while the database is as the
/// session left it (no other write on this connection or any other, no restore) and the day is
/// the same; otherwise the queue is built again. Questions falling due meanwhile move up.
#[derive(Default)]
pub struct Queues {
    /// The most recent sessions, the newest last.
    kept: Vec<Kept>,
}

/// Sessions whose queue is kept; a session left open and forgotten drops out.
const KEPT_SESSIONS: usize = 4;

struct Kept {
    session_id: i64,
    stamp: Stamp,
    today: chrono::NaiveDate,
    queue: Queue,
}

/// What changes when anything writes to the database: rows changed through this connection,
/// commits by other connections, and the schema cookie (a restore through the backup API).
#[derive(PartialEq, Eq, Clone, Copy)]
struct Stamp {
    changes: u64,
    data_version: i64,
    schema_version: i64,
}

impl Stamp {
    fn of(conn: &Connection) -> AppResult<Stamp> {
        let data_version = conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        let schema_version = conn
            .prepare_cached("PRAGMA schema_version")?
            .query_row([], |r| r.get(0))?;
        Ok(Stamp {
            changes: conn.total_changes(),
            data_version,
            schema_version,
        })
    }
}

impl Queues {
    /// The session's kept queue, if it still holds for the database and for `now`.
    fn take(
        &mut self,
        conn: &Connection,
        session_id: i64,
        now: DateTime<Utc>,
    ) -> AppResult<Option<Queue>> {
        let Some(at) = self.kept.iter().position(|k| k.session_id == session_id) else {
            return Ok(None);
        };
        let mut kept = self.kept.remove(at);
        if kept.stamp != Stamp::of(conn)? || kept.today != local_date(now) {
            return Ok(None);
        }
        kept.queue.advance(now);
        Ok(Some(kept.queue))
    }

    /// Keeps the queue as of the database now (after the session's own writes).
    fn keep(
        &mut self,
        conn: &Connection,
        session_id: i64,
        today: chrono::NaiveDate,
        queue: Queue,
    ) -> AppResult<()> {
        self.kept.retain(|k| k.session_id != session_id);
        if self.kept.len() >= KEPT_SESSIONS {
            self.kept.remove(0);
        }
        self.kept.push(Kept {
            session_id,
            stamp: Stamp::of(conn)?,
            today,
            queue,
        });
        Ok(())
    }

    fn forget(&mut self, session_id: i64) {
        self.kept.retain(|k| k.session_id != session_id);
    }
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
#[allow(clippy::too_many_arguments)]
pub fn rate(
    conn: &mut Connection,
    queues: &mut Queues,
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
    // Every statement outside a transaction takes and releases SQLite's locks (a few system
    // calls each): the checks and the write share one transaction, the next step another.
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let (session_role, scope) = session(&tx, session_id)?;
    if session_role != role_id {
        return Err(AppError::Invalid(format!(
            "practice session {session_id} is for role '{session_role}', not '{role_id}'"
        )));
    }
    let round = question_round(&tx, role_id, question_id)?;
    // Taken before this rating writes: it must match the database as the last step left it.
    let kept = queues.take(&tx, session_id, now)?;
    // The sync id is given here rather than by the insert trigger, which would write the row
    // a second time.
    tx.prepare_cached(
        "INSERT INTO review(role_id, question_id, rating, reviewed_at, seconds, session_id, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        role_id,
        question_id,
        rating,
        instant_text(now),
        seconds.min(MAX_SECONDS),
        session_id,
        uuid::Uuid::new_v4().simple().to_string(),
    ])?;
    let review_id = tx.last_insert_rowid();
    let card = schedule::rated_card(
        load_card(&tx, role_id, question_id)?.as_ref(),
        now,
        fsrs_rating,
    );
    super::save_card(&tx, role_id, question_id, &card)?;
    tx.commit()?;
    let read = conn.transaction()?;
    let today = local_date(now);
    let deadlines = super::round_deadlines(&read, role_id, today)?;
    let queue = match kept {
        Some(mut queue) => {
            queue.rated(question_id, rating, &as_stored(&card), &deadlines, today);
            queue
        }
        None => queue_of(&read, role_id, &scope, session_id, &deadlines, now)?,
    };
    let step = step_of(&read, &queue, session_id, role_id, &deadlines, now)?;
    queues.keep(&read, session_id, today, queue)?;
    read.commit()?;
    Ok(Rated {
        review_id,
        card: card_info(&card, deadlines.get(&round).copied(), now),
        step,
    })
}

/// The card as it reads back from the database (instants kept to the millisecond), so a kept
/// queue orders it exactly as a queue built from the database would.
fn as_stored(card: &Card) -> Card {
    let millis =
        |at: DateTime<Utc>| DateTime::from_timestamp_millis(at.timestamp_millis()).unwrap_or(at);
    Card {
        due: millis(card.due),
        last_review: millis(card.last_review),
        ..card.clone()
    }
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
pub fn undo(
    conn: &mut Connection,
    queues: &mut Queues,
    session_id: i64,
    now: DateTime<Utc>,
) -> AppResult<Undone> {
    let (role_id, _) = session(conn, session_id)?;
    queues.forget(session_id);
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
    let mut step = next_step(conn, queues, session_id, now)?;
    step.question = Some(question_view(conn, &role_id, &question_id, now)?);
    Ok(Undone {
        undone: json!({"question_id": question_id, "rating": rating}),
        step,
    })
}

pub fn end(
    conn: &Connection,
    queues: &mut Queues,
    session_id: i64,
    now: DateTime<Utc>,
) -> AppResult<Summary> {
    let (role_id, _) = session(conn, session_id)?;
    queues.forget(session_id);
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
pub(super) mod tests {
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

    /// One rating with no kept queue (the queue is built from the database, as for a new session).
    pub(crate) fn rate_once(
        conn: &mut Connection,
        session_id: i64,
        question_id: &str,
        rating: u8,
        seconds: u32,
        now: DateTime<Utc>,
    ) -> Rated {
        let mut queues = Queues::default();
        rate(
            conn,
            &mut queues,
            session_id,
            ROLE,
            question_id,
            rating,
            seconds,
            now,
        )
        .unwrap()
    }

    /// A session of ROLE in `scope`, with no kept queue.
    pub(crate) fn start_once(conn: &Connection, scope: &Scope, now: DateTime<Utc>) -> Step {
        start(conn, &mut Queues::default(), ROLE, scope, now).unwrap()
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
        let step = start_once(&conn, &scope(ScopeKind::All), now);
        let q = step.question.as_ref().unwrap();
        let id = question_of(&step);
        let labels: Vec<schedule::Interval> =
            serde_json::from_value(q["intervals"].clone()).unwrap();
        assert_eq!(
            labels.iter().map(|i| i.rating).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        let rated = rate_once(&mut conn, step.session_id, &id, 3, 30, now);
        assert_eq!(rated.card["effective_due"], labels[2].due.as_str());
    }

    #[test]
    fn counts_say_what_is_due_new_and_marked_per_scope() {
        let mut conn = db();
        let now = parse_instant("2026-12-01T09:00:00Z").unwrap();
        let before = counts(&conn, ROLE, now).unwrap();
        assert_eq!(before.all.new, before.all.total);
        assert_eq!(before.all.due, 0);
        let step = start_once(&conn, &scope(ScopeKind::All), now);
        let first = question_of(&step);
        // Again keeps it due today; the next question is marked Revisit.
        let rated = rate_once(&mut conn, step.session_id, &first, 1, 30, now);
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

        let revisit = start_once(&conn, &scope(ScopeKind::Revisit), now);
        assert_eq!(revisit.total, 1);
        assert_eq!(question_of(&revisit), second);
        let favourite = start_once(&conn, &scope(ScopeKind::Favourite), now);
        assert!(favourite.question.is_none());
    }

    #[test]
    fn the_summary_says_what_comes_due_next() {
        let mut conn = db();
        let now = parse_instant("2026-12-01T09:00:00Z").unwrap();
        let step = start_once(&conn, &scope(ScopeKind::All), now);
        let first = question_of(&step);
        rate_once(&mut conn, step.session_id, &first, 1, 30, now);
        let summary = end(&conn, &mut Queues::default(), step.session_id, now).unwrap();
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
            let s = start_once(&conn, &one, at);
            rate_once(&mut conn, s.session_id, &first, 4, 30, at);
            let summary = end(&conn, &mut Queues::default(), s.session_id, at).unwrap();
            if summary.next_due.today == 0 && summary.next_due.tomorrow == 0 {
                let (date, n) = summary.next_due.later.clone().unwrap();
                assert_eq!(n, 1);
                assert!(date > local_date(at).to_string());
                return;
            }
        }
        panic!("an item rated Easy three times is still due within a day");
    }

    /// What a user can do between two ratings, for the kept-queue property test.
    #[derive(Debug, Clone)]
    enum Action {
        /// Rate the question shown.
        RateShown(u8),
        /// Rate some other question of the role (a question opened from elsewhere).
        RateOther(usize, u8),
        /// Time passes: minutes.
        Wait(u32),
        /// Mark or unmark a question.
        Flag(usize, bool),
        /// Undo the last rating.
        Undo,
    }

    fn action() -> impl proptest::strategy::Strategy<Value = Action> {
        use proptest::prelude::*;
        prop_oneof![
            6 => (1u8..=4).prop_map(Action::RateShown),
            1 => (0usize..24, 1u8..=4).prop_map(|(q, r)| Action::RateOther(q, r)),
            2 => prop_oneof![0u32..15, 0u32..(3 * 24 * 60)].prop_map(Action::Wait),
            1 => (0usize..24, any::<bool>()).prop_map(|(q, on)| Action::Flag(q, on)),
            1 => Just(Action::Undo),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// A queue kept between ratings is the queue built from the database, after any mix of
        /// ratings, waiting (across due times and midnight), marks and undo, in every scope.
        #[test]
        fn a_kept_queue_is_the_queue_the_database_gives(
            scope_kind in proptest::sample::select(vec![
                ScopeKind::All, ScopeKind::Due, ScopeKind::Weakest, ScopeKind::Revisit,
                ScopeKind::Round, ScopeKind::Focus,
            ]),
            deadline_in in proptest::option::of(1u64..20),
            gap in proptest::prop_oneof![0i64..30, 0i64..(2 * 24 * 60)],
            actions in proptest::collection::vec(action(), 1..60),
        ) {
            let mut conn = crate::storage::open_in_memory().unwrap();
            let pack = crate::packs::sample::pack("kept", "1.0.0", 1, 24);
            let role = pack.roles[0].id.clone();
            crate::packs::store::install(&mut conn, &pack, false, false).unwrap();
            let items = role_items(&conn, &role).unwrap();
            let mut now = parse_instant("2026-12-01T21:30:00Z").unwrap();
            if let Some(days) = deadline_in {
                // An interview date pulls some dues forward (the final-window rule).
                let date = local_date(now).checked_add_days(Days::new(days)).unwrap();
                conn.execute(
                    "INSERT INTO process(company, role_id, interview_date, created_at)
                     VALUES ('Acme', ?1, ?2, '2026-12-01T00:00:00Z')",
                    params![role, date.to_string()],
                ).unwrap();
            }
            // Some history first, so that Due and Weakest have something to order.
            let mut queues = Queues::default();
            let warm = start(&conn, &mut queues, &role, &scope(ScopeKind::All), now).unwrap();
            for (i, item) in items.iter().enumerate().take(12) {
                rate(&mut conn, &mut queues, warm.session_id, &role, &item.question_id,
                     (i % 4) as u8 + 1, 10, now).unwrap();
                now += chrono::Duration::minutes(1);
            }
            // Learning steps of minutes still pending, or days later with reviews due.
            now += chrono::Duration::minutes(gap);
            for item in items.iter().step_by(5) {
                crate::progress::notes::set_flag(&conn, &role, &item.question_id, "revisit", true).unwrap();
            }
            let value = match scope_kind {
                ScopeKind::Round => Some(items[0].round_id.clone()),
                ScopeKind::Focus => Some(items[1].focus_area.clone()),
                _ => None,
            };
            let scope = Scope { kind: scope_kind, value };
            let mut step = start(&conn, &mut queues, &role, &scope, now).unwrap();
            let session_id = step.session_id;
            let mut rated_any = false;
            for action in actions {
                match action {
                    Action::RateShown(r) => {
                        let Some(q) = step.question.as_ref() else { continue };
                        let q = q["question_id"].as_str().unwrap().to_string();
                        step = rate(&mut conn, &mut queues, session_id, &role, &q, r, 20, now).unwrap().step;
                        rated_any = true;
                    }
                    Action::RateOther(i, r) => {
                        let q = items[i % items.len()].question_id.clone();
                        step = rate(&mut conn, &mut queues, session_id, &role, &q, r, 20, now).unwrap().step;
                        rated_any = true;
                    }
                    Action::Wait(m) => {
                        now += chrono::Duration::minutes(i64::from(m));
                        continue;
                    }
                    Action::Flag(i, on) => {
                        let q = &items[i % items.len()].question_id;
                        crate::progress::notes::set_flag(&conn, &role, q, "revisit", on).unwrap();
                        continue;
                    }
                    Action::Undo => {
                        if !rated_any { continue }
                        match undo(&mut conn, &mut queues, session_id, now) {
                            Ok(u) => step = u.step,
                            Err(_) => continue,
                        }
                    }
                }
                let deadlines = crate::progress::round_deadlines(&conn, &role, local_date(now)).unwrap();
                let built = queue_of(&conn, &role, &scope, session_id, &deadlines, now).unwrap();
                let kept = &queues.kept.iter().find(|k| k.session_id == session_id).unwrap().queue;
                proptest::prop_assert_eq!(
                    kept.order.values().collect::<Vec<_>>(),
                    built.order.values().collect::<Vec<_>>(),
                    "order of the questions not yet rated"
                );
                proptest::prop_assert_eq!(&kept.again, &built.again, "order of the questions rated Again");
                proptest::prop_assert_eq!(kept.done, built.done, "questions done");
                proptest::prop_assert_eq!(&kept.in_session, &built.in_session);
                proptest::prop_assert_eq!(step.total, built.done + built.left(), "total shown");
            }
        }
    }

    #[test]
    fn a_restore_or_a_write_elsewhere_is_not_hidden_by_a_kept_queue() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::storage::open(dir.path()).unwrap();
        builtin::ensure_builtin(&mut conn).unwrap();
        let now = parse_instant("2026-12-01T09:00:00Z").unwrap();
        let mut queues = Queues::default();
        let step = start(&conn, &mut queues, ROLE, &scope(ScopeKind::All), now).unwrap();
        let first = question_of(&step);
        let rated = rate(
            &mut conn,
            &mut queues,
            step.session_id,
            ROLE,
            &first,
            3,
            30,
            now,
        )
        .unwrap();
        let second = question_of(&rated.step);
        let stamp = Stamp::of(&conn).unwrap();

        // Another connection marks the second question: the kept stamp no longer matches.
        let other = crate::storage::open(dir.path()).unwrap();
        crate::progress::notes::set_flag(&other, ROLE, &second, "favourite", true).unwrap();
        assert!(
            Stamp::of(&conn).unwrap() != stamp,
            "a write by another connection shows"
        );

        // A restore through the backup API writes no rows through this connection.
        let stamp = Stamp::of(&conn).unwrap();
        let copy = dir.path().join("copy.sqlite3");
        other.backup(rusqlite::MAIN_DB, &copy, None).unwrap();
        conn.restore(
            rusqlite::MAIN_DB,
            &copy,
            None::<fn(rusqlite::backup::Progress)>,
        )
        .unwrap();
        assert!(Stamp::of(&conn).unwrap() != stamp, "a restore shows");
    }
}
