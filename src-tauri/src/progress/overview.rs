//! The Progress screen: readiness per focus area and round, study time, streak, mocks.
//!
//! Readiness (documented in the README) asks for evidence before it counts anything:
//! - an item is *ready* when it was reviewed on at least two different days and FSRS predicts
//!   at least 90% recall on the date of the round that uses it (today when that round has no
//!   date);
//! - a mock counts when it ran for at least half of its round's minutes;
//! - focus area: the share of its items that are ready;
//! - round: 0.8 x the share of its items that are ready + 0.2 x its latest mock that counts
//!   (score 1-5 mapped to 0-1); a round with no such mock gets nothing for that fifth;
//! - overall: the focus areas' readiness weighted by the role's weights.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde_json::{json, Value};

use super::schedule::{local_date, recall_on, READY_RECALL};
use super::{load_cards, parse_instant, role_items};
use crate::error::AppResult;
use rusqlite::Connection;

/// Review days an item needs before it can count as ready.
pub const READY_REVIEW_DAYS: usize = 2;
/// Share of its round's length a mock must have run for to count.
pub const MOCK_MIN_SHARE: f64 = 0.5;

pub const FORMULA: &str = "An item is ready when you have reviewed it on at least two different days \
and its predicted recall on its round's date is at least 90%. \
A mock counts when it ran for at least half of its round's length. \
Focus area = share of its items ready. Round = 0.8 \u{d7} share of its items ready + 0.2 \u{d7} latest mock that counts (score 1\u{2013}5 as 0\u{2013}100%). \
Overall = focus areas weighted by the role's weights.";

const MOCK_SHARE: f64 = 0.2;
const HEATMAP_DAYS: u64 = 182;
const BAR_DAYS: u64 = 30;

#[derive(Default, Clone, Copy)]
struct Tally {
    ready: usize,
    total: usize,
}

impl Tally {
    fn share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.ready as f64 / self.total as f64
        }
    }
}

/// The local days on which each question of the role was reviewed.
fn review_days(
    conn: &Connection,
    role_id: &str,
) -> AppResult<HashMap<String, BTreeSet<NaiveDate>>> {
    let mut stmt =
        conn.prepare_cached("SELECT question_id, reviewed_at FROM review WHERE role_id = ?1")?;
    let rows = stmt.query_map([role_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out: HashMap<String, BTreeSet<NaiveDate>> = HashMap::new();
    for row in rows {
        let (question, at) = row?;
        out.entry(question)
            .or_default()
            .insert(local_date(parse_instant(&at)?));
    }
    Ok(out)
}

/// A role's readiness and what it is made of.
pub struct Readiness {
    pub overall: f64,
    pub by_focus: Vec<Value>,
    pub by_round: Vec<Value>,
    /// Practised items that are not counted yet only because they lack a second review day.
    pub need_second_day: usize,
    pub learned: usize,
    pub items: usize,
    /// Mocks that ran too briefly to count.
    pub short_mocks: usize,
}

pub fn readiness(conn: &Connection, role_id: &str, now: DateTime<Utc>) -> AppResult<Readiness> {
    let today = local_date(now);
    let items = role_items(conn, role_id)?;
    let cards = load_cards(conn, role_id)?;
    let deadlines = super::round_deadlines(conn, role_id, today)?;
    let days = review_days(conn, role_id)?;

    let mut by_focus: HashMap<String, Tally> = HashMap::new();
    let mut by_round: HashMap<String, Tally> = HashMap::new();
    let mut learned = 0;
    let mut need_second_day = 0;
    for item in &items {
        let on = deadlines.get(&item.round_id).copied().unwrap_or(today);
        let card = cards.get(&item.question_id);
        if card.is_some_and(|c| c.state != rs_fsrs::State::New) {
            learned += 1;
        }
        let recalled = card.is_some_and(|c| recall_on(c, on) >= READY_RECALL);
        let review_days = days.get(&item.question_id).map_or(0, |d| d.len());
        let ready = recalled && review_days >= READY_REVIEW_DAYS;
        if recalled && !ready {
            need_second_day += 1;
        }
        for tally in [
            by_focus.entry(item.focus_area.clone()).or_default(),
            by_round.entry(item.round_id.clone()).or_default(),
        ] {
            tally.total += 1;
            tally.ready += ready as usize;
        }
    }

    let rounds: Vec<(String, String, u32)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, minutes FROM round WHERE role_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([role_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let round_minutes: HashMap<&str, u32> =
        rounds.iter().map(|(id, _, m)| (id.as_str(), *m)).collect();
    // Newest first: the first mock of a round that ran long enough is the one that counts.
    let mut latest_mock: HashMap<String, f64> = HashMap::new();
    let mut short_mocks = 0;
    for mock in super::mocks::list(conn, role_id)? {
        let round = mock["round_id"].as_str().unwrap_or_default().to_string();
        let seconds = mock["seconds"].as_f64().unwrap_or(0.0);
        let length = f64::from(round_minutes.get(round.as_str()).copied().unwrap_or(0)) * 60.0;
        if seconds < MOCK_MIN_SHARE * length {
            short_mocks += 1;
            continue;
        }
        latest_mock
            .entry(round)
            .or_insert(mock["score"].as_f64().unwrap_or(0.0));
    }

    let focus_rows: Vec<(String, String, u32)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, weight FROM focus_area WHERE role_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([role_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let weight_sum: u32 = focus_rows.iter().map(|f| f.2).sum();
    let mut overall = 0.0;
    let by_focus_json: Vec<Value> = focus_rows
        .iter()
        .map(|(id, name, weight)| {
            let t = by_focus.get(id).copied().unwrap_or_default();
            overall += t.share() * *weight as f64 / weight_sum.max(1) as f64;
            json!({"id": id, "name": name, "weight": weight, "readiness": t.share(), "ready": t.ready, "total": t.total})
        })
        .collect();
    let by_round_json: Vec<Value> = rounds
        .iter()
        .map(|(id, name, _)| {
            let t = by_round.get(id).copied().unwrap_or_default();
            let mock = latest_mock.get(id).copied();
            let mock_part = mock.map(|s| (s - 1.0) / 4.0).unwrap_or(0.0);
            let readiness = (1.0 - MOCK_SHARE) * t.share() + MOCK_SHARE * mock_part;
            json!({
                "id": id, "name": name, "deadline": deadlines.get(id).map(|d| d.to_string()),
                "readiness": readiness, "recall_share": t.share(), "mock_score": mock,
                "ready": t.ready, "total": t.total,
            })
        })
        .collect();
    Ok(Readiness {
        overall,
        by_focus: by_focus_json,
        by_round: by_round_json,
        need_second_day,
        learned,
        items: items.len(),
        short_mocks,
    })
}

/// Readiness of every role the user has practised (a review or a mock), for the Library.
pub fn readiness_by_role(conn: &Connection, now: DateTime<Utc>) -> AppResult<Vec<Value>> {
    let roles: Vec<String> = {
        let mut stmt = conn.prepare_cached(
            "SELECT id FROM role WHERE id IN (SELECT role_id FROM review UNION SELECT role_id FROM mock)
              ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    roles
        .into_iter()
        .map(|role_id| {
            let r = readiness(conn, &role_id, now)?;
            Ok(json!({"role_id": role_id, "overall": r.overall, "learned": r.learned, "questions": r.items}))
        })
        .collect()
}

pub fn overview(conn: &Connection, role_id: &str, now: DateTime<Utc>) -> AppResult<Value> {
    super::ensure_role(conn, role_id)?;
    let today = local_date(now);
    let r = readiness(conn, role_id, now)?;
    let mocks = super::mocks::list(conn, role_id)?;

    let activity = activity(conn, role_id)?;
    let since = today
        .checked_sub_days(Days::new(HEATMAP_DAYS))
        .unwrap_or(today);
    let study_days: Vec<Value> = activity
        .range(since..=today)
        .map(|(d, a)| json!({"date": d.to_string(), "minutes": a.seconds.div_ceil(60), "reviews": a.reviews}))
        .collect();
    let reviews_per_day: Vec<Value> = (0..BAR_DAYS)
        .rev()
        .filter_map(|back| today.checked_sub_days(Days::new(back)))
        .map(|d| json!({"date": d.to_string(), "count": activity.get(&d).map(|a| a.reviews).unwrap_or(0)}))
        .collect();
    let (current, longest) = streak(&activity, today);
    let total_seconds: u64 = activity.values().map(|a| a.seconds).sum();
    let total_reviews: u64 = activity.values().map(|a| a.reviews).sum();
    let coverage = super::stories::coverage(conn, role_id)?;
    let mock_points: Vec<Value> = mocks
        .iter()
        .rev()
        .map(|m| {
            let date = m["finished_at"]
                .as_str()
                .and_then(|t| parse_instant(t).ok())
                .map(|t| local_date(t).to_string());
            json!({"date": date, "round_id": m["round_id"], "round_name": m["round_name"], "score": m["score"]})
        })
        .collect();
    Ok(json!({
        "readiness": {
            "overall": r.overall, "formula": FORMULA, "by_focus": r.by_focus, "by_round": r.by_round,
            "need_second_day": r.need_second_day, "short_mocks": r.short_mocks,
        },
        "study_days": study_days,
        "reviews_per_day": reviews_per_day,
        "mocks": mock_points,
        "stories": {"covered": coverage.covered, "total": coverage.total},
        "streak": {"current": current, "longest": longest},
        "totals": {"reviews": total_reviews, "minutes": total_seconds.div_ceil(60), "learned": r.learned, "questions": r.items},
    }))
}

#[derive(Default, Clone, Copy)]
pub struct Activity {
    pub seconds: u64,
    pub reviews: u64,
}

/// Practice and mock time per local day for one role.
pub fn activity(conn: &Connection, role_id: &str) -> AppResult<BTreeMap<NaiveDate, Activity>> {
    let mut out: BTreeMap<NaiveDate, Activity> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT reviewed_at, seconds, 1 FROM review WHERE role_id = ?1
         UNION ALL SELECT finished_at, seconds, 0 FROM mock WHERE role_id = ?1",
    )?;
    let rows = stmt.query_map([role_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u64>(1)?,
            r.get::<_, u64>(2)?,
        ))
    })?;
    for row in rows {
        let (at, seconds, is_review) = row?;
        let day = local_date(parse_instant(&at)?);
        let a = out.entry(day).or_default();
        a.seconds += seconds;
        a.reviews += is_review;
    }
    Ok(out)
}

/// Days in a row with practice: the current run (ending today, or yesterday when today is
/// still empty) and the longest ever.
pub fn streak(activity: &BTreeMap<NaiveDate, Activity>, today: NaiveDate) -> (u32, u32) {
    let mut longest = 0;
    let mut run = 0;
    let mut prev: Option<NaiveDate> = None;
    for day in activity.keys() {
        run = match prev {
            Some(p) if p.succ_opt() == Some(*day) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        prev = Some(*day);
    }
    let yesterday = today.pred_opt().unwrap_or(today);
    let current = match prev {
        Some(last) if last == today || last == yesterday => run,
        _ => 0,
    };
    (current, longest)
}
