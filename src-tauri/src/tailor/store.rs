//! Postings in SQLite (one per interview process), the role's text the matcher reads, and what
//! the postings of a role's processes raise in its plan.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use super::{tailor, QuestionText, RoleText, Tailoring, MAX_POSTING_CHARS};
use crate::error::{AppError, AppResult};
use crate::progress::instant_text;

/// Largest posting file read.
pub const MAX_POSTING_FILE_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Posting {
    pub process_id: i64,
    pub text: String,
    /// The file it came from; empty when pasted.
    pub source: String,
    pub saved_at: String,
}

fn process_role(conn: &Connection, process_id: i64) -> AppResult<String> {
    conn.query_row(
        "SELECT role_id FROM process WHERE id = ?1",
        [process_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| AppError::NotFound(format!("interview process {process_id} not found")))
}

/// The text of a posting as it is kept: line ends unified, trimmed, checked for length.
pub fn clean_posting(text: &str) -> AppResult<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::Invalid(
            "posting: paste the job posting's text (or drop a .txt or .html file)".into(),
        ));
    }
    let n = text.chars().count();
    if n > MAX_POSTING_CHARS {
        return Err(AppError::Invalid(format!(
            "posting: {n} characters; a posting may have at most {MAX_POSTING_CHARS}"
        )));
    }
    if text.chars().any(crate::echo::is_bidi_control) {
        return Err(AppError::Invalid(
            "posting: it holds characters that reorder text (bidirectional controls)".into(),
        ));
    }
    Ok(text.to_string())
}

pub fn save_posting(
    conn: &Connection,
    process_id: i64,
    text: &str,
    source: &str,
    now: DateTime<Utc>,
) -> AppResult<Posting> {
    let text = clean_posting(text)?;
    process_role(conn, process_id)?;
    conn.execute(
        "INSERT INTO process_posting(process_id, text, source, saved_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(process_id) DO UPDATE SET text = excluded.text, source = excluded.source,
                saved_at = excluded.saved_at",
        params![process_id, text, source, instant_text(now)],
    )?;
    posting(conn, process_id)?
        .ok_or_else(|| AppError::NotFound(format!("the posting of process {process_id} vanished")))
}

pub fn delete_posting(conn: &Connection, process_id: i64) -> AppResult<()> {
    process_role(conn, process_id)?;
    conn.execute(
        "DELETE FROM process_posting WHERE process_id = ?1",
        [process_id],
    )?;
    Ok(())
}

pub fn posting(conn: &Connection, process_id: i64) -> AppResult<Option<Posting>> {
    Ok(conn
        .query_row(
            "SELECT process_id, text, source, saved_at FROM process_posting WHERE process_id = ?1",
            [process_id],
            |r| {
                Ok(Posting {
                    process_id: r.get(0)?,
                    text: r.get(1)?,
                    source: r.get(2)?,
                    saved_at: r.get(3)?,
                })
            },
        )
        .optional()?)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn html_text(html: &str) -> String {
    crate::import::text::html_to_plain(html)
}

/// The role's questions as the matcher reads them, and the skills of every other role.
pub fn role_text(conn: &Connection, role_id: &str) -> AppResult<RoleText> {
    crate::progress::ensure_role(conn, role_id)?;
    let title: String = conn.query_row("SELECT title FROM role WHERE id = ?1", [role_id], |r| {
        r.get(0)
    })?;
    let areas = {
        let mut stmt =
            conn.prepare("SELECT id, name FROM focus_area WHERE role_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([role_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    let contents: BTreeMap<String, Value> = {
        let mut stmt = conn.prepare("SELECT id, content FROM question WHERE role_id = ?1")?;
        let rows = stmt.query_map([role_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|row| {
            let (id, c) = row?;
            Ok((id, serde_json::from_str(&c)?))
        })
        .collect::<AppResult<_>>()?
    };
    let own: BTreeMap<String, (Vec<String>, String)> = crate::progress::own::list(conn, role_id)?
        .into_iter()
        .filter_map(|q| Some((q.id?, (q.skills, q.answer))))
        .collect();
    let mut questions = Vec::new();
    for item in crate::progress::role_items(conn, role_id)? {
        let (skills, answer) = match contents.get(&item.question_id) {
            Some(c) => {
                let mut skills = strings(&c["skills"]);
                skills.extend(strings(&c["tags"]).into_iter().map(|t| t.replace('-', " ")));
                let a = &c["answer"];
                let mut parts = vec![html_text(a["summary_html"].as_str().unwrap_or_default())];
                parts.extend(
                    a["structure_html"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(html_text),
                );
                for k in ["trade_offs_html", "strong_signal_html"] {
                    if let Some(h) = a[k].as_str() {
                        parts.push(html_text(h));
                    }
                }
                (skills, parts.join(" "))
            }
            None => own
                .get(&item.question_id)
                .map(|(s, a)| (s.clone(), crate::packs::render::markdown_to_text(a)))
                .unwrap_or_default(),
        };
        questions.push(QuestionText {
            id: item.question_id,
            focus_area: item.focus_area,
            prompt: item.prompt,
            skills,
            answer,
        });
    }
    let other_skills = {
        let mut stmt = conn.prepare(
            "SELECT DISTINCT j.value FROM question q, json_each(q.content, '$.skills') j
              JOIN role r ON r.id = q.role_id JOIN pack p ON p.id = r.pack_id
              WHERE q.role_id <> ?1 AND p.hidden = 0 ORDER BY 1",
        )?;
        let rows = stmt.query_map([role_id], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    Ok(RoleText {
        role_id: role_id.to_string(),
        title,
        areas,
        questions,
        other_skills,
    })
}

/// What a process's posting matches in its role, or `None` when it has no posting.
pub fn process_tailoring(conn: &Connection, process_id: i64) -> AppResult<Option<Tailoring>> {
    let role_id = process_role(conn, process_id)?;
    let Some(p) = posting(conn, process_id)? else {
        return Ok(None);
    };
    Ok(Some(tailor(&p.text, &role_text(conn, &role_id)?)))
}

/// What the postings of a role's active processes raise in its plan: priority questions and
/// focus-area boosts, each with the posting words that raised it (several postings: the union
/// of raised questions, the largest boost).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Raised {
    pub questions: BTreeMap<String, Vec<String>>,
    pub areas: BTreeMap<String, (f64, Vec<String>)>,
}

pub fn role_raised(conn: &Connection, role_id: &str) -> AppResult<Raised> {
    let texts: Vec<String> = {
        let mut stmt = conn.prepare_cached(
            "SELECT t.text FROM process_posting t JOIN process p ON p.id = t.process_id
              WHERE p.role_id = ?1 AND p.archived = 0 ORDER BY p.id",
        )?;
        let rows = stmt.query_map([role_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut out = Raised::default();
    // A process whose role pack was removed plans nothing, so its posting raises nothing.
    if texts.is_empty() || crate::progress::ensure_role(conn, role_id).is_err() {
        return Ok(out);
    }
    let role = role_text(conn, role_id)?;
    for text in texts {
        let t = tailor(&text, &role);
        for q in t.raised() {
            let words = out.questions.entry(q.id.clone()).or_default();
            for w in &q.words {
                if !words.contains(w) {
                    words.push(w.clone());
                }
            }
        }
        for a in t.areas {
            let entry = out.areas.entry(a.id).or_insert((1.0, Vec::new()));
            entry.0 = entry.0.max(a.boost);
            for w in a.words {
                if !entry.1.contains(&w) {
                    entry.1.push(w);
                }
            }
        }
    }
    Ok(out)
}

/// A posting's text from a `.txt` or `.html` file (HTML reduced to its words and lines).
pub fn posting_from_file(path: &Path) -> AppResult<String> {
    let bytes = crate::files::read_limited(path, MAX_POSTING_FILE_BYTES, "the posting file")?;
    let text = crate::import::table::decode(&bytes).map_err(|e| match e {
        AppError::ImportInvalid(p) => AppError::Invalid(format!(
            "the posting file {}: {}",
            path.display(),
            p.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )),
        other => other,
    })?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let html = matches!(extension.as_str(), "html" | "htm")
        || text
            .trim_start()
            .to_lowercase()
            .starts_with("<!doctype html")
        || text.trim_start().to_lowercase().starts_with("<html");
    let text = if html {
        html_to_lines(text)
    } else {
        text.to_string()
    };
    clean_posting(&text)
}

/// HTML as readable lines: headings, paragraphs and list items each on a line of their own.
pub fn html_to_lines(html: &str) -> String {
    let md = crate::import::text::anki_html_to_markdown(html);
    md.lines()
        .map(|l| {
            let l = l.trim_start_matches('#').trim();
            let l = l.replace("**", "").replace("__", "").replace('\\', "");
            match l.strip_prefix("* ").or_else(|| l.strip_prefix("- ")) {
                Some(item) => format!("• {item}"),
                None => l,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .split("\n\n\n")
        .collect::<Vec<_>>()
        .join("\n\n")
}
