//! IPC for importing questions (CSV, TSV, Anki) and tailoring a plan to a job posting.
//! Files are read and checked on blocking threads before the database lock is taken.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::{blocking, with_db};
use crate::error::{AppError, AppResult};
use crate::import::{self, resolve, CheckReport, ImportReport, ImportRequest, Preview};
use crate::progress::own::OwnQuestion;
use crate::state::AppState;
use crate::tailor::store::{self as postings, Posting};
use crate::tailor::Tailoring;

async fn pick_file<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    kind: &str,
    extensions: &'static [&'static str],
) -> AppResult<Option<String>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(kind, extensions)
        .pick_file(move |path| {
            let _ = tx.send(path.map(|p| p.to_string()));
        });
    rx.await.map_err(|e| AppError::Task(e.to_string()))
}

#[tauri::command]
pub async fn choose_question_file<R: Runtime>(app: AppHandle<R>) -> AppResult<Option<String>> {
    pick_file(
        &app,
        "Import questions",
        "Questions (CSV, TSV, Anki)",
        &["csv", "tsv", "txt", "apkg"],
    )
    .await
}

/// What a question file holds; writes nothing.
#[tauri::command]
pub async fn preview_question_file(path: String) -> AppResult<Preview> {
    blocking(move || Ok(import::preview(&import::load(Path::new(&path))?))).await
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// Reads the file, applies the choices and checks every question; nothing is written.
async fn checked(
    state: &AppState,
    request: ImportRequest,
) -> AppResult<(resolve::Checked, resolve::RoleShape)> {
    let req = request.clone();
    let drafts = blocking(move || {
        let source = import::load(Path::new(&req.path))?;
        resolve::drafts(&source, &req)
    })
    .await?;
    let (role_id, target) = (request.role_id.clone(), request.target.clone());
    let shape = with_db(state, move |c| resolve::role_shape(c, &role_id, &target)).await?;
    blocking(move || {
        let name = file_name(&request.path);
        let checked = resolve::check(&shape, drafts, &request, &name);
        Ok((checked, shape))
    })
    .await
}

#[tauri::command]
pub async fn check_question_import(
    state: State<'_, AppState>,
    request: ImportRequest,
) -> AppResult<CheckReport> {
    let (checked, shape) = checked(&state, request).await?;
    Ok(checked.report(&shape))
}

/// Checks again and writes in one transaction; a file with any problem is refused whole.
#[tauri::command]
pub async fn import_questions(
    state: State<'_, AppState>,
    request: ImportRequest,
) -> AppResult<ImportReport> {
    let (checked, _) = checked(&state, request).await?;
    resolve::ensure_clean(&checked)?;
    with_db(&state, move |c| import::write(c, &checked, Utc::now())).await
}

#[derive(Serialize)]
pub struct TailoringView {
    process_id: i64,
    company: String,
    role_id: String,
    role_title: String,
    posting: Option<Posting>,
    tailoring: Option<Tailoring>,
}

fn tailoring_view(c: &rusqlite::Connection, process_id: i64) -> AppResult<TailoringView> {
    let (company, role_id): (String, String) = c
        .query_row(
            "SELECT company, role_id FROM process WHERE id = ?1",
            [process_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|_| AppError::NotFound(format!("interview process {process_id} not found")))?;
    let role_title = c
        .query_row("SELECT title FROM role WHERE id = ?1", [&role_id], |r| {
            r.get(0)
        })
        .unwrap_or_else(|_| role_id.clone());
    Ok(TailoringView {
        process_id,
        company,
        role_title,
        posting: postings::posting(c, process_id)?,
        tailoring: postings::process_tailoring(c, process_id)?,
        role_id,
    })
}

#[tauri::command]
pub async fn get_tailoring(
    state: State<'_, AppState>,
    process_id: i64,
) -> AppResult<TailoringView> {
    with_db(&state, move |c| tailoring_view(c, process_id)).await
}

#[tauri::command]
pub async fn save_posting(
    state: State<'_, AppState>,
    process_id: i64,
    text: String,
    source: String,
) -> AppResult<TailoringView> {
    let text = blocking(move || postings::clean_posting(&text)).await?;
    with_db(&state, move |c| {
        postings::save_posting(c, process_id, &text, &source, Utc::now())?;
        tailoring_view(c, process_id)
    })
    .await
}

#[tauri::command]
pub async fn delete_posting(state: State<'_, AppState>, process_id: i64) -> AppResult<()> {
    with_db(&state, move |c| postings::delete_posting(c, process_id)).await
}

#[tauri::command]
pub async fn choose_posting_file<R: Runtime>(app: AppHandle<R>) -> AppResult<Option<String>> {
    pick_file(
        &app,
        "Load a job posting",
        "Job posting",
        &["txt", "html", "htm"],
    )
    .await
}

/// The text of a posting file (`.txt` or `.html`); nothing is stored.
#[tauri::command]
pub async fn read_posting_file(path: String) -> AppResult<String> {
    blocking(move || postings::posting_from_file(&PathBuf::from(path))).await
}

#[derive(Debug, Deserialize)]
pub struct GapQuestion {
    pub prompt: String,
    pub focus_area: String,
    /// The posting's term it covers; kept as the question's skill.
    pub term: String,
}

/// Adds own questions for what the posting asks and no question covers, in one transaction;
/// each goes to the first round that tests its focus area.
#[tauri::command]
pub async fn add_gap_questions(
    state: State<'_, AppState>,
    process_id: i64,
    questions: Vec<GapQuestion>,
) -> AppResult<Vec<String>> {
    with_db(&state, move |c| {
        let role_id: String = c
            .query_row(
                "SELECT role_id FROM process WHERE id = ?1",
                [process_id],
                |r| r.get(0),
            )
            .map_err(|_| AppError::NotFound(format!("interview process {process_id} not found")))?;
        let shape = resolve::role_shape(c, &role_id, &import::Target::Personal)?;
        let mut problems = Vec::new();
        let mut ready = Vec::new();
        for (i, q) in questions.iter().enumerate() {
            let prompt = q.prompt.split_whitespace().collect::<Vec<_>>().join(" ");
            if prompt.is_empty() || prompt.chars().count() > resolve::MAX_PROMPT_CHARS {
                problems.push(format!(
                    "questions[{i}].prompt: write a question of at most {} characters",
                    resolve::MAX_PROMPT_CHARS
                ));
            }
            let Some(round) = shape
                .rounds
                .iter()
                .find(|r| r.2.contains(&q.focus_area))
                .or(shape.rounds.first())
            else {
                problems.push(format!("questions[{i}]: the role has no rounds"));
                continue;
            };
            if !shape.areas.iter().any(|a| a.0 == q.focus_area) {
                problems.push(format!(
                    "questions[{i}].focus_area: the role has no focus area '{}'",
                    crate::echo::echo(&q.focus_area, 40)
                ));
            }
            ready.push(OwnQuestion {
                id: None,
                round_id: round.0.clone(),
                focus_area: q.focus_area.clone(),
                prompt,
                answer: String::new(),
                skills: vec![q.term.trim().to_string()],
                follow_ups: Vec::new(),
                difficulty: "intermediate".into(),
                minutes: resolve::default_minutes("intermediate"),
                created_at: None,
                updated_at: None,
            });
        }
        if questions.is_empty() {
            problems.push("questions: choose at least one".into());
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(format!(
                "no question was added: {}",
                problems.join("; ")
            )));
        }
        let tx = c.transaction()?;
        let now = Utc::now();
        let mut ids = Vec::new();
        for q in &ready {
            ids.push(crate::progress::own::insert(&tx, &role_id, q, now)?);
        }
        tx.commit()?;
        Ok(ids)
    })
    .await
}
