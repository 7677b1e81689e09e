//! Merging a checked backup (another device's sync file, or a backup the user imports) into this
//! database, so that two devices that merge each other's files end with the same progress,
//! whichever merges first and however often.
//!
//! Each table has one rule ([`rule`]); every rule picks the same row from the same two rows in
//! either order:
//!
//! - **Union**: rows are facts (a rating, a draft version, a mock, a debrief). A row this
//!   database already holds (same `id_key`: a rating's `uid`, a draft's instant...) is not added
//!   again; nothing is ever counted twice.
//! - **Latest(col)**: one row per key; the later `col` wins, ties broken by comparing the rows.
//!   A note that loses is kept in `note_version`.
//! - **Earliest(col)**: one row per key; the earlier `col` wins (a tick: when it was first ticked).
//! - **AnyOn**: flags are on when they are on on either side.
//! - **Greatest**: one row per key without a time to decide by (a day's study minutes): the
//!   greater row wins, so both devices keep the same one.
//! - Processes are matched by `uid` and are **Latest(updated_at)** together with their round
//!   dates; a round marked done on either side stays done. A process deleted on one side
//!   (`sync_deleted`) is deleted on the other and not brought back.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Transaction};
use serde_json::{json, Map, Value};

use super::backup::{Col, ImportReport, Table, Tables, TABLES};
use crate::error::AppResult;

type Row = Map<String, Value>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rule {
    Union,
    Latest(&'static str),
    Earliest(&'static str),
    AnyOn,
    Greatest,
    /// Rebuilt from the merged ratings (FSRS cards).
    Rebuilt,
    /// Merged with their process (see `merge_process`).
    WithProcess,
}

/// How rows of `table` that exist on both sides are merged, and the columns that make a row's key
/// (for tables without a renumbered id).
pub(super) fn rule(table: &str) -> (Rule, &'static [&'static str]) {
    match table {
        "card" => (Rule::Rebuilt, &["role_id", "question_id"]),
        "note" => (Rule::Latest("updated_at"), &["role_id", "question_id"]),
        "flag" => (Rule::AnyOn, &["role_id", "question_id"]),
        "own_question" => (Rule::Latest("updated_at"), &["role_id", "id"]),
        "checklist_tick" => (Rule::Earliest("ticked_at"), &["role_id", "item_id"]),
        "process" => (Rule::Latest("updated_at"), &["uid"]),
        "process_round" => (Rule::WithProcess, &["process_id", "round_id"]),
        "process_posting" => (Rule::Latest("saved_at"), &["process_id"]),
        "process_offer" => (Rule::Latest("updated_at"), &["process_id"]),
        "day_override" => (Rule::Greatest, &["date"]),
        "plan_task_done" => (Rule::Earliest("done_at"), &["task_key"]),
        "sync_deleted" => (Rule::Earliest("deleted_at"), &["kind", "uid"]),
        "story_link" => (Rule::Union, &["story_id", "role_id", "question_id"]),
        "mock_score" => (Rule::Union, &["mock_id", "criterion"]),
        "debrief_question" => (Rule::Union, &["debrief_id", "role_id", "question_id"]),
        "note_version" => (
            Rule::Union,
            &["role_id", "question_id", "updated_at", "body"],
        ),
        _ => (Rule::Union, &[]),
    }
}

fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .unwrap_or_else(|| SqlValue::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

fn from_sql(v: SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => json!(i),
        SqlValue::Real(f) => json!(f),
        SqlValue::Text(s) => json!(s),
        SqlValue::Blob(b) => json!(b),
    }
}

/// The row's columns (without the local `id`) in table order, as one comparable text.
fn canonical(t: &Table, row: &Row) -> String {
    let values: Vec<&Value> = t
        .cols
        .iter()
        .filter(|(c, _)| *c != "id")
        .map(|(c, _)| row.get(*c).unwrap_or(&Value::Null))
        .collect();
    serde_json::to_string(&values).unwrap_or_default()
}

fn text<'a>(row: &'a Row, col: &str) -> &'a str {
    row.get(col).and_then(Value::as_str).unwrap_or("")
}

fn where_clause(key: &[&str]) -> String {
    key.iter()
        .enumerate()
        .map(|(i, k)| format!("{k} = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(" AND ")
}

fn select_rows(
    tx: &Transaction,
    t: &Table,
    clause: &str,
    args: Vec<SqlValue>,
) -> AppResult<Vec<Row>> {
    let cols: Vec<&str> = t.cols.iter().map(|c| c.0).collect();
    let mut stmt = tx.prepare(&format!(
        "SELECT {} FROM {} WHERE {clause} ORDER BY rowid",
        cols.join(", "),
        t.name
    ))?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        let mut row = Row::new();
        for (i, c) in cols.iter().enumerate() {
            row.insert(c.to_string(), from_sql(r.get::<_, SqlValue>(i)?));
        }
        Ok(row)
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn insert(tx: &Transaction, t: &Table, row: &Row, with_id: bool) -> AppResult<bool> {
    let cols: Vec<&str> = t
        .cols
        .iter()
        .map(|c| c.0)
        .filter(|c| with_id || *c != "id")
        .collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let n = tx.execute(
        &format!(
            "INSERT OR IGNORE INTO {} ({}) VALUES ({})",
            t.name,
            cols.join(", "),
            marks.join(", ")
        ),
        params_from_iter(
            cols.iter()
                .map(|c| to_sql(row.get(*c).unwrap_or(&Value::Null))),
        ),
    )?;
    Ok(n > 0)
}

/// Overwrites the local row (found by `key`) with `row`'s other columns.
fn overwrite(tx: &Transaction, t: &Table, key: &[&str], row: &Row) -> AppResult<()> {
    let cols: Vec<&str> = t
        .cols
        .iter()
        .map(|c| c.0)
        .filter(|c| *c != "id" && !key.contains(c))
        .collect();
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    let wheres: Vec<String> = key
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{k} = ?{}", cols.len() + i + 1))
        .collect();
    let args = cols
        .iter()
        .chain(key.iter())
        .map(|c| to_sql(row.get(*c).unwrap_or(&Value::Null)));
    tx.execute(
        &format!(
            "UPDATE {} SET {} WHERE {}",
            t.name,
            sets.join(", "),
            wheres.join(" AND ")
        ),
        params_from_iter(args),
    )?;
    Ok(())
}

/// The row with its instants written as an import writes them (UTC, milliseconds), so a value
/// stored here in another form compares equal to the same instant from a file.
fn normalised(t: &Table, mut row: Row) -> Row {
    for (col, kind) in t.cols {
        if matches!(kind, Col::Instant | Col::OptInstant) {
            if let Some(at) = row
                .get(*col)
                .and_then(Value::as_str)
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            {
                let text = super::instant_text(at.with_timezone(&chrono::Utc));
                row.insert(col.to_string(), json!(text));
            }
        }
    }
    row
}

/// The row that wins under `rule`; the same whichever side each row comes from.
fn pick(rule: Rule, t: &Table, a: &Row, b: &Row) -> Row {
    let ca = canonical(t, a);
    let cb = canonical(t, b);
    let a_wins = match rule {
        Rule::Latest(col) => (text(a, col), &ca) >= (text(b, col), &cb),
        Rule::Earliest(col) => (text(a, col), &ca) <= (text(b, col), &cb),
        _ => ca >= cb,
    };
    let mut out = if a_wins { a.clone() } else { b.clone() };
    if rule == Rule::AnyOn {
        for (col, kind) in t.cols {
            if matches!(kind, Col::Flag) {
                let on = |r: &Row| r.get(*col).and_then(Value::as_i64) == Some(1);
                out.insert(col.to_string(), json!((on(a) || on(b)) as i64));
            }
        }
    }
    out
}

/// Merges every table of a checked backup in `tx`.
pub(super) fn merge_tables(
    tx: &Transaction,
    tables: &Tables,
    report: &mut ImportReport,
) -> AppResult<()> {
    // Old id in the file -> id here, per table whose rows a merge renumbers.
    let mut ids: HashMap<&str, HashMap<i64, i64>> = HashMap::new();
    let mut touched_cards: HashSet<(String, String)> = HashSet::new();
    let deleted = deleted_processes(tx, tables)?;
    for t in TABLES {
        let (rule, key) = rule(t.name);
        let rows = tables.get(t.name).cloned().unwrap_or_default();
        let mut added = 0;
        let mut replaced = 0;
        'rows: for mut row in rows {
            for (col, parent) in t.parents {
                if let Some(old) = row.get(*col).and_then(Value::as_i64) {
                    match ids.get(parent).and_then(|m| m.get(&old)) {
                        Some(new) => {
                            row.insert(col.to_string(), json!(new));
                        }
                        // Its parent was not merged (a process deleted on this side).
                        None => {
                            report.skipped += 1;
                            continue 'rows;
                        }
                    }
                }
            }
            if t.name == "review" {
                touched_cards.insert((
                    text(&row, "role_id").into(),
                    text(&row, "question_id").into(),
                ));
            }
            match rule {
                Rule::Rebuilt | Rule::WithProcess => continue,
                _ => {}
            }
            if t.name == "process" {
                if deleted.contains(text(&row, "uid")) {
                    report.skipped += 1;
                    continue;
                }
                let (local_id, outcome) = merge_process(tx, t, &row, tables)?;
                match outcome {
                    Outcome::Added => added += 1,
                    Outcome::Replaced => replaced += 1,
                    Outcome::Kept => report.skipped += 1,
                }
                if let Some(old) = row.get("id").and_then(Value::as_i64) {
                    ids.entry(t.name).or_default().insert(old, local_id);
                }
                continue;
            }
            if let Some(id_key) = t.id_key {
                // A fact with a local id: the same fact is found by its identifying columns.
                let args: Vec<SqlValue> = id_key.iter().map(|k| to_sql(&row[*k])).collect();
                let found: Option<i64> = tx
                    .query_row(
                        &format!("SELECT id FROM {} WHERE {}", t.name, where_clause(id_key)),
                        params_from_iter(args),
                        |r| r.get(0),
                    )
                    .ok();
                let local = match found {
                    Some(id) => {
                        report.skipped += 1;
                        id
                    }
                    None => {
                        insert(tx, t, &row, false)?;
                        added += 1;
                        tx.last_insert_rowid()
                    }
                };
                if let Some(old) = row.get("id").and_then(Value::as_i64) {
                    ids.entry(t.name).or_default().insert(old, local);
                }
                continue;
            }
            let args: Vec<SqlValue> = key.iter().map(|k| to_sql(&row[*k])).collect();
            let local = select_rows(tx, t, &where_clause(key), args)?;
            match local.into_iter().next().map(|r| normalised(t, r)) {
                None => {
                    if insert(tx, t, &row, true)? {
                        added += 1;
                    } else {
                        report.skipped += 1;
                    }
                }
                Some(here) => {
                    let winner = pick(rule, t, &here, &row);
                    if canonical(t, &winner) == canonical(t, &here) {
                        report.skipped += 1;
                    } else {
                        overwrite(tx, t, key, &winner)?;
                        replaced += 1;
                    }
                    if t.name == "note" {
                        // The note that lost stays as a version; the one that won is the note.
                        let loser = if canonical(t, &winner) == canonical(t, &here) {
                            &row
                        } else {
                            &here
                        };
                        if loser.get("body") != winner.get("body") {
                            tx.execute(
                                "INSERT OR IGNORE INTO note_version(role_id, question_id, body, updated_at)
                                 VALUES (?1, ?2, ?3, ?4)",
                                params_from_iter(
                                    ["role_id", "question_id", "body", "updated_at"]
                                        .iter()
                                        .map(|c| to_sql(loser.get(*c).unwrap_or(&Value::Null))),
                                ),
                            )?;
                        }
                    }
                }
            }
        }
        report.added.insert(t.name.to_string(), added);
        if replaced > 0 {
            report.replaced.insert(t.name.to_string(), replaced);
        }
    }
    // Processes deleted on either side go on this side too (their rounds, debriefs, posting and
    // offer with them).
    for uid in &deleted {
        tx.execute("DELETE FROM process WHERE uid = ?1", [uid])?;
    }
    for (role, question) in &touched_cards {
        super::rebuild_card(tx, role, question)?;
    }
    Ok(())
}

/// Uids of processes deleted here or in the file.
fn deleted_processes(tx: &Transaction, tables: &Tables) -> AppResult<HashSet<String>> {
    let mut out: HashSet<String> = tables
        .get("sync_deleted")
        .into_iter()
        .flatten()
        .filter(|r| text(r, "kind") == "process")
        .map(|r| text(r, "uid").to_string())
        .collect();
    let mut stmt = tx.prepare("SELECT uid FROM sync_deleted WHERE kind = 'process'")?;
    for uid in stmt.query_map([], |r| r.get::<_, String>(0))? {
        out.insert(uid?);
    }
    Ok(out)
}

enum Outcome {
    Added,
    Replaced,
    Kept,
}

fn round_table() -> &'static Table {
    TABLES
        .iter()
        .find(|t| t.name == "process_round")
        .expect("process_round is a backup table")
}

/// A process's round rows without their process id, sorted: part of the process's version.
fn rounds_text(rounds: &[Row]) -> String {
    let t = round_table();
    let mut texts: Vec<String> = rounds
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.remove("process_id");
            canonical(t, &r)
        })
        .collect();
    texts.sort();
    texts.join("\n")
}

/// Rounds of the winning version, with every round the other version marked done kept done.
fn merged_rounds(winner: &[Row], loser: &[Row]) -> Vec<Row> {
    let mut out: BTreeMap<String, Row> = winner
        .iter()
        .map(|r| (text(r, "round_id").to_string(), r.clone()))
        .collect();
    for r in loser {
        if r.get("done").and_then(Value::as_i64) != Some(1) {
            continue;
        }
        out.entry(text(r, "round_id").to_string())
            .and_modify(|w| {
                w.insert("done".into(), json!(1));
            })
            .or_insert_with(|| r.clone());
    }
    out.into_values().collect()
}

/// Merges one process of the file (matched by uid) with its rounds; returns its local id.
fn merge_process(
    tx: &Transaction,
    t: &Table,
    row: &Row,
    tables: &Tables,
) -> AppResult<(i64, Outcome)> {
    let old_id = row.get("id").and_then(Value::as_i64);
    let incoming_rounds: Vec<Row> = tables
        .get("process_round")
        .into_iter()
        .flatten()
        .filter(|r| old_id.is_some() && r.get("process_id").and_then(Value::as_i64) == old_id)
        .cloned()
        .collect();
    let found: Option<i64> = tx
        .query_row(
            "SELECT id FROM process WHERE uid = ?1",
            [text(row, "uid")],
            |r| r.get(0),
        )
        .ok();
    let rt = round_table();
    let write_rounds = |pid: i64, rounds: &[Row]| -> AppResult<()> {
        tx.execute("DELETE FROM process_round WHERE process_id = ?1", [pid])?;
        for r in rounds {
            let mut r = r.clone();
            r.insert("process_id".into(), json!(pid));
            insert(tx, rt, &r, true)?;
        }
        Ok(())
    };
    let Some(local_id) = found else {
        insert(tx, t, row, false)?;
        let pid = tx.last_insert_rowid();
        write_rounds(pid, &incoming_rounds)?;
        return Ok((pid, Outcome::Added));
    };
    let here = select_rows(tx, t, "id = ?1", vec![SqlValue::Integer(local_id)])?
        .into_iter()
        .next()
        .expect("found above");
    let here_rounds = select_rows(tx, rt, "process_id = ?1", vec![SqlValue::Integer(local_id)])?;
    let version = |p: &Row, rounds: &[Row]| {
        (
            text(p, "updated_at").to_string(),
            canonical(t, p),
            rounds_text(rounds),
        )
    };
    let incoming_wins = version(row, &incoming_rounds) > version(&here, &here_rounds);
    let (rounds, outcome) = if incoming_wins {
        overwrite(tx, t, &["uid"], row)?;
        (
            merged_rounds(&incoming_rounds, &here_rounds),
            Outcome::Replaced,
        )
    } else {
        (merged_rounds(&here_rounds, &incoming_rounds), Outcome::Kept)
    };
    if rounds_text(&rounds) != rounds_text(&here_rounds) {
        write_rounds(local_id, &rounds)?;
    }
    Ok((local_id, outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str) -> &'static Table {
        TABLES.iter().find(|t| t.name == name).unwrap()
    }

    fn row(v: Value) -> Row {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn every_rule_picks_the_same_row_whichever_side_it_comes_from() {
        let note = table("note");
        let a = row(
            json!({"role_id": "r", "question_id": "q", "body": "A", "updated_at": "2026-12-01T10:00:00.000Z"}),
        );
        let b = row(
            json!({"role_id": "r", "question_id": "q", "body": "B", "updated_at": "2026-12-01T11:00:00.000Z"}),
        );
        let tie = row(
            json!({"role_id": "r", "question_id": "q", "body": "C", "updated_at": "2026-12-01T11:00:00.000Z"}),
        );
        for (x, y, want) in [(&a, &b, "B"), (&b, &tie, "C")] {
            let (r, _) = rule("note");
            assert_eq!(pick(r, note, x, y)["body"], want);
            assert_eq!(pick(r, note, y, x)["body"], want);
        }
        let tick = table("checklist_tick");
        let early =
            row(json!({"role_id": "r", "item_id": "i", "ticked_at": "2026-12-01T10:00:00.000Z"}));
        let late =
            row(json!({"role_id": "r", "item_id": "i", "ticked_at": "2026-12-02T10:00:00.000Z"}));
        let (r, _) = rule("checklist_tick");
        assert_eq!(pick(r, tick, &early, &late), early);
        assert_eq!(pick(r, tick, &late, &early), early);
        let flag = table("flag");
        let fav = row(json!({"role_id": "r", "question_id": "q", "favourite": 1, "revisit": 0}));
        let rev = row(json!({"role_id": "r", "question_id": "q", "favourite": 0, "revisit": 1}));
        let (r, _) = rule("flag");
        let both = row(json!({"role_id": "r", "question_id": "q", "favourite": 1, "revisit": 1}));
        assert_eq!(pick(r, flag, &fav, &rev), both);
        assert_eq!(pick(r, flag, &rev, &fav), both);
        let day = table("day_override");
        let off = row(json!({"date": "2026-12-05", "minutes": 0, "note": "wedding"}));
        let short = row(json!({"date": "2026-12-05", "minutes": 30, "note": ""}));
        let (r, _) = rule("day_override");
        assert_eq!(pick(r, day, &off, &short), pick(r, day, &short, &off));
    }

    #[test]
    fn a_round_done_on_either_side_stays_done() {
        let winner = vec![row(
            json!({"round_id": "a", "date": "2026-12-10", "done": 0}),
        )];
        let loser = vec![
            row(json!({"round_id": "a", "date": "2026-12-09", "done": 1})),
            row(json!({"round_id": "b", "date": "2026-12-01", "done": 1})),
            row(json!({"round_id": "c", "date": "2026-12-12", "done": 0})),
        ];
        let merged = merged_rounds(&winner, &loser);
        let got: Vec<(String, String, i64)> = merged
            .iter()
            .map(|r| {
                (
                    text(r, "round_id").into(),
                    text(r, "date").into(),
                    r["done"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a".into(), "2026-12-10".into(), 1),
                ("b".into(), "2026-12-01".into(), 1)
            ],
            "the winner's dates, the loser's done rounds"
        );
    }
}
