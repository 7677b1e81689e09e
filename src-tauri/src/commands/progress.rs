//! IPC for practice, stories, mocks, the Progress screen and backups.

use std::path::PathBuf;

use chrono::Utc;
use serde_json::Value;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::{load_settings, save_settings, with_db, with_practice};
use crate::error::{AppError, AppResult};
use crate::progress::backup::{self, ImportReport, Mode, RoleImpact};
use crate::progress::mocks::{self, MockInput};
use crate::progress::own::{self, OwnQuestion};
use crate::progress::practice::{self, Rated, Scope, Step, Summary, Undone};
use crate::progress::stories::{self, Coverage, Story};
use crate::progress::{notes, overview, schedule};
use crate::settings::SettingsPatch;
use crate::state::AppState;
use crate::storage::copies::{self, BackupFile};

#[tauri::command]
pub async fn start_practice(
    state: State<'_, AppState>,
    role_id: String,
    scope: Scope,
) -> AppResult<Step> {
    with_practice(&state, move |c, q| {
        practice::start(c, q, &role_id, &scope, Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn rate_question(
    state: State<'_, AppState>,
    session_id: i64,
    role_id: String,
    question_id: String,
    rating: u8,
    seconds: u32,
) -> AppResult<Rated> {
    with_practice(&state, move |c, q| {
        practice::rate(
            c,
            q,
            session_id,
            &role_id,
            &question_id,
            rating,
            seconds,
            Utc::now(),
        )
    })
    .await
}

#[tauri::command]
pub async fn undo_rating(state: State<'_, AppState>, session_id: i64) -> AppResult<Undone> {
    with_practice(&state, move |c, q| {
        practice::undo(c, q, session_id, Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn end_practice(state: State<'_, AppState>, session_id: i64) -> AppResult<Summary> {
    let summary = with_practice(&state, move |c, q| {
        practice::end(c, q, session_id, Utc::now())
    })
    .await?;
    // The session's ratings go to the sync folder, when one is set.
    super::sync::write_quietly(&state).await;
    Ok(summary)
}

#[tauri::command]
pub async fn get_practice_question(
    state: State<'_, AppState>,
    role_id: String,
    question_id: String,
) -> AppResult<Value> {
    with_db(&state, move |c| {
        practice::question_view(c, &role_id, &question_id, Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn save_note(
    state: State<'_, AppState>,
    role_id: String,
    question_id: String,
    body: String,
) -> AppResult<Option<notes::Note>> {
    with_db(&state, move |c| {
        notes::save_note(c, &role_id, &question_id, &body, Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn set_flag(
    state: State<'_, AppState>,
    role_id: String,
    question_id: String,
    flag: String,
    on: bool,
) -> AppResult<Value> {
    with_db(&state, move |c| {
        notes::set_flag(c, &role_id, &question_id, &flag, on)
    })
    .await
}

#[tauri::command]
pub async fn save_draft(
    state: State<'_, AppState>,
    role_id: String,
    question_id: String,
    body: String,
) -> AppResult<Vec<Value>> {
    with_db(&state, move |c| {
        notes::save_draft(c, &role_id, &question_id, &body, Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn review_history(
    state: State<'_, AppState>,
    role_id: String,
    limit: u32,
) -> AppResult<Vec<Value>> {
    with_db(&state, move |c| notes::review_history(c, &role_id, limit)).await
}

#[tauri::command]
pub async fn list_own_questions(
    state: State<'_, AppState>,
    role_id: String,
) -> AppResult<Vec<OwnQuestion>> {
    with_db(&state, move |c| own::list(c, &role_id)).await
}

#[tauri::command]
pub async fn save_own_question(
    state: State<'_, AppState>,
    role_id: String,
    question: OwnQuestion,
) -> AppResult<OwnQuestion> {
    with_db(&state, move |c| {
        own::save(c, &role_id, &question, Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn delete_own_question(
    state: State<'_, AppState>,
    role_id: String,
    id: String,
) -> AppResult<Value> {
    with_db(&state, move |c| {
        let n = own::delete(c, &role_id, &id)?;
        Ok(serde_json::json!({"removed_reviews": n}))
    })
    .await
}

/// Asks where to save (native dialog); `None` when the user cancels.
pub(crate) async fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    name: &str,
    kind: &str,
    extension: &str,
) -> AppResult<Option<PathBuf>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(name)
        .add_filter(kind, &[extension])
        .save_file(move |path| {
            let _ = tx.send(path.and_then(|p| p.into_path().ok()));
        });
    rx.await.map_err(|e| AppError::Task(e.to_string()))
}

async fn ask_open_path<R: Runtime>(app: &AppHandle<R>, title: &str) -> AppResult<Option<PathBuf>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title(title)
        .add_filter("JSON", &["json"])
        .pick_file(move |path| {
            let _ = tx.send(path.and_then(|p| p.into_path().ok()));
        });
    rx.await.map_err(|e| AppError::Task(e.to_string()))
}

/// Writes the whole file or nothing (see `files::write_atomic`), off the async threads.
pub(crate) async fn write_file(path: PathBuf, text: String) -> AppResult<()> {
    super::blocking(move || crate::files::write_atomic(&path, text.as_bytes())).await
}

#[tauri::command]
pub async fn export_own_pack<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Value>> {
    let (pack, count) = with_db(&state, |c| own::export_pack(c, Utc::now())).await?;
    let Some(path) = ask_save_path(
        &app,
        "Export my questions as a pack",
        "my-questions.prep.json",
        "Prep Hub pack",
        "json",
    )
    .await?
    else {
        return Ok(None);
    };
    write_file(path.clone(), serde_json::to_string_pretty(&pack)?).await?;
    Ok(Some(
        serde_json::json!({"path": path.display().to_string(), "questions": count}),
    ))
}

#[tauri::command]
pub async fn list_stories(state: State<'_, AppState>) -> AppResult<Vec<Story>> {
    with_db(&state, |c| stories::list(c)).await
}

#[tauri::command]
pub async fn save_story(state: State<'_, AppState>, story: Story) -> AppResult<Story> {
    with_db(&state, move |c| stories::save(c, &story, Utc::now())).await
}

#[tauri::command]
pub async fn delete_story(state: State<'_, AppState>, id: i64) -> AppResult<bool> {
    with_db(&state, move |c| stories::delete(c, id).map(|_| true)).await
}

#[tauri::command]
pub async fn story_coverage(state: State<'_, AppState>, role_id: String) -> AppResult<Coverage> {
    with_db(&state, move |c| stories::coverage(c, &role_id)).await
}

#[tauri::command]
pub async fn mock_flow(
    state: State<'_, AppState>,
    role_id: String,
    round_id: String,
) -> AppResult<Value> {
    with_db(&state, move |c| mocks::flow(c, &role_id, &round_id)).await
}

#[tauri::command]
pub async fn save_mock(state: State<'_, AppState>, mock: MockInput) -> AppResult<Value> {
    with_db(&state, move |c| mocks::save(c, &mock, Utc::now())).await
}

#[tauri::command]
pub async fn list_mocks(state: State<'_, AppState>, role_id: String) -> AppResult<Vec<Value>> {
    with_db(&state, move |c| mocks::list(c, &role_id)).await
}

#[tauri::command]
pub async fn progress_overview(state: State<'_, AppState>, role_id: String) -> AppResult<Value> {
    with_db(&state, move |c| overview::overview(c, &role_id, Utc::now())).await
}

#[tauri::command]
pub async fn readiness_by_role(state: State<'_, AppState>) -> AppResult<Vec<Value>> {
    with_db(&state, move |c| overview::readiness_by_role(c, Utc::now())).await
}

#[tauri::command]
pub async fn practice_counts(
    state: State<'_, AppState>,
    role_id: String,
) -> AppResult<practice::Counts> {
    with_db(&state, move |c| practice::counts(c, &role_id, Utc::now())).await
}

#[tauri::command]
pub async fn export_progress<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Value>> {
    let settings = serde_json::to_value(load_settings(&app, &state)?)?;
    let doc = with_db(&state, move |c| {
        backup::export(c, Some(settings), Utc::now())
    })
    .await?;
    let name = format!(
        "prep-hub-progress-{}.json",
        schedule::local_date(Utc::now())
    );
    let Some(path) = ask_save_path(&app, "Export all progress", &name, "JSON", "json").await?
    else {
        return Ok(None);
    };
    write_file(path.clone(), serde_json::to_string_pretty(&doc)?).await?;
    let rows: usize = doc["tables"]
        .as_object()
        .map(|t| {
            t.values()
                .map(|v| v.as_array().map_or(0, |a| a.len()))
                .sum()
        })
        .unwrap_or(0);
    Ok(Some(
        serde_json::json!({"path": path.display().to_string(), "rows": rows}),
    ))
}

#[tauri::command]
pub async fn import_progress<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    mode: Mode,
) -> AppResult<Option<ImportReport>> {
    let Some(path) = ask_open_path(&app, "Import a progress backup").await? else {
        return Ok(None);
    };
    let checked = super::blocking(move || backup::read_backup_file(&path)).await?;
    let report = with_db(&state, move |c| backup::import_checked(c, checked, mode)).await?;
    if let Some(stored) = &report.settings {
        // Plan inputs travel with progress; a value this app would refuse is left as it is here.
        let patch: SettingsPatch = serde_json::from_value(serde_json::json!({
            "weekday_minutes": stored.get("weekday_minutes"),
        }))
        .unwrap_or_default();
        if patch.weekday_minutes.is_some() {
            let _ = save_settings(&app, &state, patch);
        }
    }
    Ok(Some(report))
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> AppResult<Vec<BackupFile>> {
    copies::list_backups(&state.data_dir)
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> AppResult<Option<String>> {
    let dir = state.data_dir.clone();
    with_db(&state, move |c| {
        copies::rolling_backup(c, &dir, schedule::local_date(Utc::now()), true)
    })
    .await
}

#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, file: String) -> AppResult<String> {
    let dir = state.data_dir.clone();
    with_db(&state, move |c| copies::restore(c, &dir, &file, Utc::now())).await
}

/// The way back from a database that cannot be opened: the damaged files are moved aside (kept)
/// and the chosen daily copy takes their place. Refused while the database works.
#[tauri::command]
pub async fn restore_over_damaged(state: State<'_, AppState>, file: String) -> AppResult<String> {
    state
        .while_closed(move |dir| {
            copies::restore_over_damaged(dir, &file, Utc::now()).map(|p| p.display().to_string())
        })
        .await
}

#[tauri::command]
pub async fn role_progress_impact(
    state: State<'_, AppState>,
    role_id: String,
) -> AppResult<RoleImpact> {
    with_db(&state, move |c| backup::role_impact(c, &role_id)).await
}

#[tauri::command]
pub async fn reset_role_progress(
    state: State<'_, AppState>,
    role_id: String,
) -> AppResult<RoleImpact> {
    with_db(&state, move |c| backup::reset_role(c, &role_id)).await
}
