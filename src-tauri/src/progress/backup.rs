//! Backups: all progress as one versioned JSON file (export, and import as merge or replace),
//! rolling copies of the database file, and resetting one role's progress.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection};
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::instant_text;
use crate::error::{AppError, AppResult};
use crate::packs::Problem;

pub const FORMAT: &str = "prep-hub-progress";
pub const FORMAT_VERSION: u64 = 1;

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Col {
    Text,
    OptText,
    Int,
    OptInt,
    RealIn(f64, f64),
    Flag,
    Instant,
    Day,
    OptDay,
    JsonText,
    Range(i64, i64),
    OptRange(i64, i64),
    OptInstant,
    /// A round's start: RFC 3339 with an offset, or without one for a floating time.
    OptStart,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// An ISO 4217 currency code: three capital letters.
    Currency,
}

pub(super) struct Table {
    pub(super) name: &'static str,
    pub(super) cols: &'static [(&'static str, Col)],
    /// Integer primary key `id` that a merge renumbers, and the columns that identify a row
    /// across databases.
    pub(super) id_key: Option<&'static [&'static str]>,
    /// Columns holding ids of rows of another table: (column, table).
    pub(super) parents: &'static [(&'static str, &'static str)],
    role_column: Option<&'static str>,
}

use Col::*;

/// Every table of progress and plan inputs, parents before children.
pub(super) const TABLES: &[Table] = &[
    Table {
        name: "practice_session",
        cols: &[
            ("id", Int),
            ("role_id", Text),
            ("scope", JsonText),
            ("started_at", Instant),
            ("ended_at", OptText),
        ],
        id_key: Some(&["role_id", "started_at"]),
        parents: &[],
        role_column: Some("role_id"),
    },
    Table {
        name: "review",
        cols: &[
            ("id", Int),
            ("role_id", Text),
            ("question_id", Text),
            ("rating", Range(1, 4)),
            ("reviewed_at", Instant),
            ("seconds", Range(0, 86_400)),
            ("session_id", OptInt),
            ("uid", OptText),
        ],
        // The rating's own id, the same on every device (see `fill_missing` for older files).
        id_key: Some(&["uid"]),
        parents: &[("session_id", "practice_session")],
        role_column: Some("role_id"),
    },
    Table {
        name: "card",
        cols: &[
            ("role_id", Text),
            ("question_id", Text),
            ("state", Range(0, 3)),
            ("stability", RealIn(0.0, 1e6)),
            ("difficulty", RealIn(0.0, 10.0)),
            ("elapsed_days", Range(0, 36_500)),
            ("scheduled_days", Range(0, 36_500)),
            ("reps", Range(0, 1_000_000)),
            ("lapses", Range(0, 1_000_000)),
            ("due", Instant),
            ("last_review", Instant),
        ],
        id_key: None,
        parents: &[],
        role_column: Some("role_id"),
    },
    Table {
        name: "note",
        cols: &[
            ("role_id", Text),
            ("question_id", Text),
            ("body", Text),
            ("updated_at", Instant),
        ],
        id_key: None,
        parents: &[],
        role_column: Some("role_id"),
    },
    Table {
        name: "flag",
        cols: &[
            ("role_id", Text),
            ("question_id", Text),
            ("favourite", Flag),
            ("revisit", Flag),
        ],
        id_key: None,
        parents: &[],
        role_column: Some("role_id"),
    },
    Table {
        name: "draft",
        cols: &[
            ("id", Int),
            ("role_id", Text),
            ("question_id", Text),
            ("body", Text),
            ("written_at", Instant),
        ],
        id_key: Some(&["role_id", "question_id", "written_at"]),
        parents: &[],
        role_column: Some("role_id"),
    },
    Table {
        name: "own_question",
        cols: &[
            ("role_id", Text),
            ("id", Text),
            ("round_id", Text),
            ("focus_area", Text),
            ("prompt", Text),
            ("answer", Text),
            ("skills", JsonText),
            ("follow_ups", JsonText),
            ("difficulty", Text),
            ("minutes", Range(1, 240)),
            ("created_at", Instant),
            ("updated_at", Instant),
        ],
        id_key: None,
        parents: &[],
        role_column: None,
    },
    Table {
        name: "story",
        cols: &[
            ("id", Int),
            ("title", Text),
            ("situation", Text),
            ("task", Text),
            ("action", Text),
            ("result", Text),
            ("metrics", Text),
            ("competencies", JsonText),
            ("created_at", Instant),
            ("updated_at", Instant),
        ],
        id_key: Some(&["title", "created_at"]),
        parents: &[],
        role_column: None,
    },
    Table {
        name: "story_link",
        cols: &[("story_id", Int), ("role_id", Text), ("question_id", Text)],
        id_key: None,
        parents: &[("story_id", "story")],
        role_column: None,
    },
    Table {
        name: "mock",
        cols: &[
            ("id", Int),
            ("role_id", Text),
            ("round_id", Text),
            ("started_at", Instant),
            ("finished_at", Instant),
            ("seconds", Range(0, 86_400)),
            ("notes", Text),
        ],
        id_key: Some(&["role_id", "round_id", "finished_at"]),
        parents: &[],
        role_column: Some("role_id"),
    },
    Table {
        name: "mock_score",
        cols: &[
            ("mock_id", Int),
            ("criterion", Text),
            ("score", Range(1, 5)),
        ],
        id_key: None,
        parents: &[("mock_id", "mock")],
        role_column: None,
    },
    Table {
        name: "checklist_tick",
        cols: &[("role_id", Text), ("item_id", Text), ("ticked_at", Instant)],
        id_key: None,
        parents: &[],
        role_column: Some("role_id"),
    },
    Table {
        name: "process",
        cols: &[
            ("id", Int),
            ("company", Text),
            ("role_id", Text),
            ("interview_date", Day),
            ("archived", Flag),
            ("created_at", Instant),
            ("uid", OptText),
            ("updated_at", OptInstant),
        ],
        id_key: Some(&["uid"]),
        parents: &[],
        role_column: None,
    },
    Table {
        name: "process_round",
        cols: &[
            ("process_id", Int),
            ("round_id", Text),
            ("date", OptDay),
            ("done", Flag),
            ("starts_at", OptStart),
            ("time_zone", OptText),
            ("location", OptText),
            ("invite_uid", OptText),
            ("invite_sequence", OptRange(0, 1_000_000_000)),
        ],
        id_key: None,
        parents: &[("process_id", "process")],
        role_column: None,
    },
    Table {
        name: "process_posting",
        cols: &[
            ("process_id", Int),
            ("text", Text),
            ("source", Text),
            ("saved_at", Instant),
        ],
        id_key: None,
        parents: &[("process_id", "process")],
        role_column: None,
    },
    Table {
        name: "process_offer",
        cols: &[
            ("process_id", Int),
            ("base_cents", Range(1, crate::offer::MAX_CENTS)),
            ("currency", Currency),
            ("period", OneOf(&["year", "month", "hour"])),
            ("bonus", Text),
            ("equity", Text),
            ("updated_at", Instant),
        ],
        id_key: None,
        parents: &[("process_id", "process")],
        role_column: None,
    },
    Table {
        name: "note_version",
        cols: &[
            ("role_id", Text),
            ("question_id", Text),
            ("body", Text),
            ("updated_at", Instant),
        ],
        id_key: None,
        parents: &[],
        role_column: Some("role_id"),
    },
    Table {
        name: "sync_deleted",
        cols: &[("kind", Text), ("uid", Text), ("deleted_at", Instant)],
        id_key: None,
        parents: &[],
        role_column: None,
    },
    Table {
        name: "day_override",
        cols: &[("date", Day), ("minutes", Range(0, 960)), ("note", Text)],
        id_key: None,
        parents: &[],
        role_column: None,
    },
    Table {
        name: "plan_task_done",
        cols: &[
            ("task_key", Text),
            ("date", Day),
            ("minutes", Range(0, 960)),
            ("done_at", Instant),
        ],
        id_key: None,
        parents: &[],
        role_column: None,
    },
    Table {
        name: "debrief",
        cols: &[
            ("id", Int),
            ("process_id", Int),
            ("round_id", Text),
            ("held_on", Day),
            ("went", Range(1, 5)),
            ("notes", Text),
            ("created_at", Instant),
        ],
        id_key: Some(&["process_id", "round_id", "created_at"]),
        parents: &[("process_id", "process")],
        role_column: None,
    },
    Table {
        name: "debrief_question",
        cols: &[
            ("debrief_id", Int),
            ("role_id", Text),
            ("question_id", Text),
        ],
        id_key: None,
        parents: &[("debrief_id", "debrief")],
        role_column: None,
    },
];

fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

fn sql_to_json(v: SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => json!(i),
        SqlValue::Real(f) => json!(f),
        SqlValue::Text(s) => json!(s),
        SqlValue::Blob(b) => json!(b),
    }
}

/// Everything the user has done, as one JSON document. `settings` is added by the caller.
pub fn export(conn: &Connection, settings: Option<Value>, now: DateTime<Utc>) -> AppResult<Value> {
    let mut tables = Map::new();
    for t in TABLES {
        let cols: Vec<&str> = t.cols.iter().map(|c| c.0).collect();
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM {} ORDER BY rowid",
            cols.join(", "),
            t.name
        ))?;
        let rows = stmt.query_map([], |r| {
            let mut obj = Map::new();
            for (i, c) in cols.iter().enumerate() {
                obj.insert(c.to_string(), sql_to_json(r.get::<_, SqlValue>(i)?));
            }
            Ok(Value::Object(obj))
        })?;
        tables.insert(t.name.into(), Value::Array(rows.collect::<Result<_, _>>()?));
    }
    Ok(json!({
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": instant_text(now),
        "app_version": env!("CARGO_PKG_VERSION"),
        "settings": settings,
        "tables": tables,
    }))
}

fn problem(path: String, message: impl Into<String>) -> Problem {
    Problem {
        path,
        message: message.into(),
    }
}

/// Longest text a backup cell may hold (a note, a draft, a story part).
pub const MAX_TEXT_CHARS: usize = 200_000;
/// Dates and times in a backup fall in these years; anything else is a broken or hostile file.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;
/// Row ids stay within what JavaScript numbers hold exactly.
const MAX_ID: i64 = 1 << 53;

fn year_ok(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

/// Checks one cell the way the app's own commands would; returns the value to store when it is
/// written differently (instants are stored in UTC).
fn check_value(path: &str, col: Col, v: &Value, problems: &mut Vec<Problem>) -> Option<Value> {
    let shown = crate::echo::echo(&v.to_string(), 80);
    let mut replace = None;
    let day_ok = |s: &str| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok_and(|d| year_ok(chrono::Datelike::year(&d)))
    };
    let ok = match col {
        Text => v
            .as_str()
            .is_some_and(|s| s.chars().count() <= MAX_TEXT_CHARS),
        OptText => {
            v.is_null()
                || v.as_str()
                    .is_some_and(|s| s.chars().count() <= MAX_TEXT_CHARS)
        }
        Int => v.as_i64().is_some_and(|n| (1..=MAX_ID).contains(&n)),
        OptInt => v.is_null() || v.as_i64().is_some_and(|n| (1..=MAX_ID).contains(&n)),
        RealIn(lo, hi) => v
            .as_f64()
            .is_some_and(|x| x.is_finite() && x >= lo && x <= hi),
        Flag => matches!(v.as_i64(), Some(0 | 1)),
        Instant => match v.as_str().map(DateTime::parse_from_rfc3339) {
            Some(Ok(at)) if year_ok(chrono::Datelike::year(&at.with_timezone(&Utc))) => {
                let utc = instant_text(at.with_timezone(&Utc));
                if v.as_str() != Some(utc.as_str()) {
                    replace = Some(Value::String(utc));
                }
                true
            }
            _ => false,
        },
        Day => v.as_str().is_some_and(day_ok),
        OptDay => v.is_null() || v.as_str().is_some_and(day_ok),
        JsonText => v
            .as_str()
            .is_some_and(|s| s.len() <= MAX_TEXT_CHARS && serde_json::from_str::<Value>(s).is_ok()),
        Range(lo, hi) => v.as_i64().is_some_and(|n| (lo..=hi).contains(&n)),
        OptRange(lo, hi) => v.is_null() || v.as_i64().is_some_and(|n| (lo..=hi).contains(&n)),
        OptInstant => {
            v.is_null()
                || match v.as_str().map(DateTime::parse_from_rfc3339) {
                    Some(Ok(at)) if year_ok(chrono::Datelike::year(&at.with_timezone(&Utc))) => {
                        let utc = instant_text(at.with_timezone(&Utc));
                        if v.as_str() != Some(utc.as_str()) {
                            replace = Some(Value::String(utc));
                        }
                        true
                    }
                    _ => false,
                }
        }
        OptStart => {
            v.is_null()
                || v.as_str().is_some_and(|s| {
                    crate::invite::parse_start(s)
                        .is_some_and(|at| year_ok(chrono::Datelike::year(&at)))
                })
        }
        OneOf(words) => v.as_str().is_some_and(|s| words.contains(&s)),
        Currency => v
            .as_str()
            .is_some_and(|s| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())),
    };
    if !ok {
        let expected = match col {
            Text | OptText => format!("text of at most {MAX_TEXT_CHARS} characters"),
            Int | OptInt => format!("a row number from 1 to {MAX_ID}"),
            RealIn(lo, hi) => format!("a number from {lo} to {hi}"),
            Flag => "0 or 1".into(),
            Instant => format!(
                "a date and time like 2026-12-01T09:30:00Z, in the years {FIRST_YEAR} to {LAST_YEAR}"
            ),
            Day | OptDay => format!("a date like 2026-12-14, in the years {FIRST_YEAR} to {LAST_YEAR}"),
            JsonText => "text holding JSON".into(),
            Range(lo, hi) | OptRange(lo, hi) => format!("a whole number from {lo} to {hi}"),
            OptInstant => format!(
                "a date and time like 2026-12-01T09:30:00Z, in the years {FIRST_YEAR} to {LAST_YEAR}"
            ),
            OptStart => "a start like 2026-12-14T09:00:00-05:00 (or without the offset)".into(),
            OneOf(words) => format!("one of {}", words.join(", ")),
            Currency => "a currency code of three capital letters, like EUR".into(),
        };
        problems.push(problem(
            path.to_string(),
            format!("expected {expected}, found {shown}"),
        ));
    }
    replace
}

/// Checks a backup document completely before anything is written; every problem has its JSON path.
/// Rows per table, as read from a backup file.
pub type Tables = BTreeMap<&'static str, Vec<Map<String, Value>>>;

pub fn validate(doc: &Value) -> Result<Tables, Vec<Problem>> {
    validate_at(doc, super::schedule::local_date(Utc::now()))
}

/// Interview dates further ahead than the planner's horizon are refused, as `save_process`
/// refuses them.
fn horizon_problem(table: &str, row: &Map<String, Value>, today: NaiveDate) -> Option<String> {
    let col = match table {
        "process" => "interview_date",
        "process_round" => "date",
        _ => return None,
    };
    let date = NaiveDate::parse_from_str(row.get(col)?.as_str()?, "%Y-%m-%d").ok()?;
    let last = crate::planner::horizon_end(today);
    (date > last).then(|| {
        format!(
            "{col} {date} is more than {} days ahead; interview dates go up to {last}",
            crate::planner::MAX_HORIZON_DAYS
        )
    })
}

/// Values older files (or older app versions) do not have, made the way migration 008 made them
/// for rows already in a database, so the same row gets the same id everywhere.
fn fill_missing(table: &str, row: &mut Map<String, Value>) {
    let text = |row: &Map<String, Value>, c: &str| {
        row.get(c).and_then(Value::as_str).unwrap_or("").to_string()
    };
    let missing = |row: &Map<String, Value>, c: &str| row.get(c).is_none_or(Value::is_null);
    match table {
        "review" if missing(row, "uid") => {
            let uid = format!(
                "legacy:{}/{}@{}",
                text(row, "role_id"),
                text(row, "question_id"),
                text(row, "reviewed_at")
            );
            row.insert("uid".into(), json!(uid));
        }
        "process" => {
            if missing(row, "uid") {
                let uid = format!(
                    "legacy:{}@{}",
                    text(row, "role_id"),
                    text(row, "created_at")
                );
                row.insert("uid".into(), json!(uid));
            }
            if missing(row, "updated_at") {
                let created = text(row, "created_at");
                row.insert("updated_at".into(), json!(created));
            }
        }
        "process_round" if missing(row, "location") => {
            row.insert("location".into(), json!(""));
        }
        _ => {}
    }
}

pub fn validate_at(doc: &Value, today: NaiveDate) -> Result<Tables, Vec<Problem>> {
    let mut problems = Vec::new();
    if doc["format"] != FORMAT {
        problems.push(problem(
            "$.format".into(),
            format!("this is not a Prep Hub progress backup (expected \"{FORMAT}\")"),
        ));
        return Err(problems);
    }
    match doc["format_version"].as_u64() {
        Some(FORMAT_VERSION) => {}
        other => {
            problems.push(problem(
                "$.format_version".into(),
                format!(
                    "version {} is not supported; this app reads version {FORMAT_VERSION}",
                    other
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| "(missing)".into())
                ),
            ));
            return Err(problems);
        }
    }
    let Some(tables) = doc["tables"].as_object() else {
        return Err(vec![problem(
            "$.tables".into(),
            "missing: the backup has no tables",
        )]);
    };
    let mut out: Tables = BTreeMap::new();
    for (name, rows) in tables {
        let Some(t) = table(name) else {
            problems.push(problem(
                format!("$.tables.{}", crate::echo::echo(name, 60)),
                "not a table this app knows",
            ));
            continue;
        };
        let Some(rows) = rows.as_array() else {
            problems.push(problem(
                format!("$.tables.{name}"),
                "expected a list of rows",
            ));
            continue;
        };
        let mut list = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let path = format!("$.tables.{name}[{i}]");
            let Some(obj) = row.as_object() else {
                problems.push(problem(path, "expected an object"));
                continue;
            };
            let mut checked = obj.clone();
            for (col, kind) in t.cols {
                match obj.get(*col) {
                    Some(v) => {
                        if let Some(fixed) =
                            check_value(&format!("{path}.{col}"), *kind, v, &mut problems)
                        {
                            checked.insert(col.to_string(), fixed);
                        }
                    }
                    None if matches!(
                        kind,
                        OptText | OptInt | OptDay | OptRange(..) | OptInstant | OptStart
                    ) => {}
                    None => problems.push(problem(format!("{path}.{col}"), "missing")),
                }
            }
            for key in obj.keys() {
                if !t.cols.iter().any(|c| c.0 == key) {
                    problems.push(problem(
                        format!("{path}.{}", crate::echo::echo(key, 60)),
                        "not a column of this table",
                    ));
                }
            }
            fill_missing(t.name, &mut checked);
            if let Some(date) = horizon_problem(t.name, &checked, today) {
                problems.push(problem(path.clone(), date));
            }
            if problems.len() > crate::packs::validate::MAX_PROBLEMS {
                break;
            }
            list.push(checked);
        }
        out.insert(t.name, list);
    }
    // Rows pointing at parents must find them in the same file.
    for t in TABLES {
        for (col, parent) in t.parents {
            let ids: HashSet<i64> = out
                .get(parent)
                .into_iter()
                .flatten()
                .filter_map(|r| r.get("id").and_then(Value::as_i64))
                .collect();
            for (i, row) in out.get(t.name).into_iter().flatten().enumerate() {
                if let Some(id) = row.get(*col).and_then(Value::as_i64) {
                    if !ids.contains(&id) {
                        problems.push(problem(
                            format!("$.tables.{}[{i}].{col}", t.name),
                            format!("{parent} {id} is not in the backup"),
                        ));
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn json_to_sql(v: &Value) -> SqlValue {
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

#[derive(Debug, Serialize, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Rows written per table (rows already present are skipped in a merge).
    pub added: BTreeMap<String, usize>,
    /// Rows of this database a merge replaced by a later edit from the file, per table.
    pub replaced: BTreeMap<String, usize>,
    pub skipped: usize,
    pub settings: Option<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Keep what is here and add what the file has that is not.
    Merge,
    /// Make progress exactly what the file holds.
    Replace,
}

/// Imports a validated backup in one transaction: on any error nothing is written.
pub fn import(conn: &mut Connection, doc: &Value, mode: Mode) -> AppResult<ImportReport> {
    import_checked(conn, check(doc)?, mode)
}

/// A backup that passed every check, ready to write.
pub struct CheckedBackup {
    tables: Tables,
    settings: Option<Value>,
}

/// Checks a backup document completely (no database needed, so it runs before the lock is
/// taken); every problem is listed with its JSON path.
pub fn check(doc: &Value) -> AppResult<CheckedBackup> {
    let tables = validate(doc).map_err(AppError::BackupInvalid)?;
    Ok(CheckedBackup {
        tables,
        settings: doc.get("settings").filter(|s| !s.is_null()).cloned(),
    })
}

/// Longest backup file read; far beyond years of daily practice.
pub const MAX_BACKUP_BYTES: u64 = 256 * 1024 * 1024;

/// Reads and checks a backup file: a regular file within the size limit, UTF-8 JSON without
/// repeated keys, then every table and value.
pub fn read_backup_file(path: &Path) -> AppResult<CheckedBackup> {
    let bytes = crate::files::read_limited(path, MAX_BACKUP_BYTES, "the backup file")?;
    check(&parse_backup_bytes(&bytes)?)
}

pub fn parse_backup_bytes(bytes: &[u8]) -> AppResult<Value> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        AppError::BackupInvalid(vec![problem(
            format!("byte {}", e.valid_up_to()),
            "the file is not UTF-8 text",
        )])
    })?;
    crate::packs::json_text::parse(text.strip_prefix('\u{feff}').unwrap_or(text))
        .map_err(AppError::BackupInvalid)
}

pub fn import_checked(
    conn: &mut Connection,
    checked: CheckedBackup,
    mode: Mode,
) -> AppResult<ImportReport> {
    let CheckedBackup { tables, settings } = checked;
    if mode == Mode::Merge {
        let tx = conn.transaction()?;
        let mut report = ImportReport {
            settings,
            ..Default::default()
        };
        super::merge::merge_tables(&tx, &tables, &mut report)?;
        tx.commit()?;
        return Ok(report);
    }
    // Replace: progress becomes exactly what the file holds, row ids included.
    let tx = conn.transaction()?;
    for t in TABLES.iter().rev() {
        tx.execute(&format!("DELETE FROM {}", t.name), [])?;
    }
    let mut report = ImportReport {
        settings,
        ..Default::default()
    };
    for t in TABLES {
        let cols: Vec<&str> = t.cols.iter().map(|c| c.0).collect();
        let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT OR IGNORE INTO {} ({}) VALUES ({})",
            t.name,
            cols.join(", "),
            placeholders.join(", ")
        );
        let mut added = 0;
        for row in tables.get(t.name).into_iter().flatten() {
            let n = tx.execute(
                &sql,
                params_from_iter(
                    cols.iter()
                        .map(|c| json_to_sql(row.get(*c).unwrap_or(&Value::Null))),
                ),
            )?;
            if n == 0 {
                report.skipped += 1;
            } else {
                added += 1;
            }
        }
        report.added.insert(t.name.to_string(), added);
    }
    tx.commit()?;
    Ok(report)
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct RoleImpact {
    pub reviews: usize,
    pub notes: usize,
    pub drafts: usize,
    pub flags: usize,
    pub mocks: usize,
    pub checklist: usize,
}

pub fn role_impact(conn: &Connection, role_id: &str) -> AppResult<RoleImpact> {
    super::ensure_role(conn, role_id)?;
    let count = |t: &str| -> AppResult<usize> {
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM {t} WHERE role_id = ?1"),
            [role_id],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    };
    Ok(RoleImpact {
        reviews: count("review")?,
        notes: count("note")?,
        drafts: count("draft")?,
        flags: count("flag")?,
        mocks: count("mock")?,
        checklist: count("checklist_tick")?,
    })
}

/// Deletes what the user did for one role (ratings, notes, drafts, flags, mocks, ticks).
/// Their own questions, stories and interview processes stay.
pub fn reset_role(conn: &mut Connection, role_id: &str) -> AppResult<RoleImpact> {
    let impact = role_impact(conn, role_id)?;
    let tx = conn.transaction()?;
    for t in TABLES.iter().rev() {
        if let Some(col) = t.role_column {
            tx.execute(
                &format!("DELETE FROM {} WHERE {col} = ?1", t.name),
                [role_id],
            )?;
        }
    }
    tx.commit()?;
    Ok(impact)
}
