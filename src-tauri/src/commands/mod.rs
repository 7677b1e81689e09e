//! The IPC surface: thin wrappers that turn UI calls into core calls.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{AppError, AppResult};
use crate::packs;
use crate::packs::store::{self, InstallReport, PackSummary, RemovalImpact, RoleCard, SearchHit};
use crate::settings::{Settings, SettingsPatch};
use crate::settings_store;
use crate::state::AppState;
use crate::storage;

pub mod import;
pub mod invite;
pub mod offer;
pub mod planner;
pub mod progress;
pub mod sync;

/// Runs slow work that needs no database (reading and checking a file) on a blocking thread,
/// so it holds neither the UI thread nor the database lock.
pub(crate) async fn blocking<T, F>(f: F) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> AppResult<T> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Task(e.to_string()))?
}

/// Runs blocking database work off the UI thread.
pub(crate) async fn with_db<T, F>(state: &AppState, f: F) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut rusqlite::Connection) -> AppResult<T> + Send + 'static,
{
    state.db().await?.run(f).await
}

/// As `with_db`, with the practice sessions' kept queues.
pub(crate) async fn with_practice<T, F>(state: &AppState, f: F) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut rusqlite::Connection, &mut crate::progress::practice::Queues) -> AppResult<T>
        + Send
        + 'static,
{
    state.db().await?.run_practice(f).await
}

#[derive(Serialize)]
pub struct AppStatus {
    version: &'static str,
    data_dir: String,
    database_ok: bool,
    database_error: Option<String>,
    schema_version: Option<usize>,
    /// The data folder cannot be written: everything shows, nothing new is saved.
    read_only: bool,
    /// Said once: the settings file could not be read and what was used instead.
    settings_warning: Option<String>,
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> AppResult<AppStatus> {
    let data_dir = state.data_dir.display().to_string();
    let (database_ok, database_error, schema_version, read_only) = match state.db().await {
        Ok(db) => {
            let (v, ro) = db
                .run(|c| {
                    Ok((
                        storage::schema_version(c)?,
                        c.is_readonly(rusqlite::MAIN_DB)?,
                    ))
                })
                .await?;
            (true, None, Some(v), ro)
        }
        Err(e) => (false, Some(e.to_string()), None, false),
    };
    Ok(AppStatus {
        version: env!("CARGO_PKG_VERSION"),
        data_dir,
        database_ok,
        database_error,
        schema_version,
        read_only,
        // Read here, first thing at start-up, so an unreadable file is reported at once.
        settings_warning: {
            let _guard = state
                .settings_lock
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            let (_, now) = settings_store::load(&state.data_dir);
            now.or_else(|| {
                state
                    .settings_warning
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .take()
            })
        },
    })
}

/// The settings, read from the data folder (see `settings_store`). A file that could not be
/// read is reported once, through `app_status`.
pub(crate) fn load_settings<R: Runtime>(
    _app: &AppHandle<R>,
    state: &AppState,
) -> AppResult<Settings> {
    let _guard = state
        .settings_lock
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let (settings, warning) = settings_store::load(&state.data_dir);
    if let Some(w) = warning {
        *state
            .settings_warning
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(w);
    }
    Ok(settings)
}

#[tauri::command]
pub async fn get_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Settings> {
    load_settings(&app, &state)
}

#[tauri::command]
pub async fn update_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    patch: SettingsPatch,
) -> AppResult<Settings> {
    save_settings(&app, &state, patch)
}

/// Applies a validated patch and writes the settings file at once, whole: a killed app must not
/// lose a changed setting, and a failed write must not lose the others.
pub(crate) fn save_settings<R: Runtime>(
    _app: &AppHandle<R>,
    state: &AppState,
    patch: SettingsPatch,
) -> AppResult<Settings> {
    // One read-change-write at a time, so two quick changes do not undo each other.
    let _guard = state
        .settings_lock
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let (current, _) = settings_store::load(&state.data_dir);
    let next = current.apply(patch).map_err(AppError::Invalid)?;
    settings_store::save(&state.data_dir, &next)?;
    Ok(next)
}

#[tauri::command]
pub async fn list_roles(state: State<'_, AppState>) -> AppResult<Vec<RoleCard>> {
    state.db().await?.run(|c| store::list_roles(c)).await
}

#[tauri::command]
pub async fn get_role(state: State<'_, AppState>, role_id: String) -> AppResult<Value> {
    state
        .db()
        .await?
        .run(move |c| store::get_role(c, &role_id))
        .await
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: String) -> AppResult<Vec<SearchHit>> {
    state
        .db()
        .await?
        .run(move |c| store::search(c, &query, 40))
        .await
}

#[tauri::command]
pub async fn set_checklist_tick(
    state: State<'_, AppState>,
    role_id: String,
    item_id: String,
    ticked: bool,
) -> AppResult<()> {
    state
        .db()
        .await?
        .run(move |c| store::set_checklist_tick(c, &role_id, &item_id, ticked))
        .await
}

#[tauri::command]
pub async fn list_packs(state: State<'_, AppState>) -> AppResult<Vec<PackSummary>> {
    state.db().await?.run(|c| store::list_packs(c)).await
}

/// Opens the native file dialog; `None` when the user cancels.
#[tauri::command]
pub async fn choose_pack_file<R: Runtime>(app: AppHandle<R>) -> AppResult<Option<String>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("Import a content pack")
        .add_filter("Prep Hub pack", &["json"])
        .pick_file(move |path| {
            let _ = tx.send(path.map(|p| p.to_string()));
        });
    rx.await.map_err(|e| AppError::Task(e.to_string()))
}

#[derive(Serialize)]
pub struct PackPreview {
    id: String,
    title: String,
    version: String,
    roles: Vec<String>,
    questions: usize,
    installed_version: Option<String>,
    /// `install`, `update`, `same` or `older`.
    action: &'static str,
}

/// Validates a file and says what importing it would do; writes nothing.
#[tauri::command]
pub async fn preview_pack_file(state: State<'_, AppState>, path: String) -> AppResult<PackPreview> {
    let pack = blocking(move || packs::read_pack_file(Path::new(&path))).await?;
    state
        .db()
        .await?
        .run(move |c| {
            let installed = store::installed_version(c, &pack.id)?;
            let action = match installed.as_deref().map(store::parse_version) {
                None => "install",
                Some(old) => match store::parse_version(&pack.version).cmp(&old) {
                    std::cmp::Ordering::Greater => "update",
                    std::cmp::Ordering::Equal => "same",
                    std::cmp::Ordering::Less => "older",
                },
            };
            Ok(PackPreview {
                id: pack.id.clone(),
                title: pack.title.clone(),
                version: pack.version.clone(),
                roles: pack.roles.iter().map(|r| r.title.clone()).collect(),
                questions: pack.roles.iter().map(|r| r.questions.len()).sum(),
                installed_version: installed,
                action,
            })
        })
        .await
}

#[tauri::command]
pub async fn import_pack_file(
    state: State<'_, AppState>,
    path: String,
    reinstall: bool,
) -> AppResult<InstallReport> {
    let pack = blocking(move || packs::read_pack_file(Path::new(&path))).await?;
    state
        .db()
        .await?
        .run(move |c| store::install(c, &pack, false, reinstall))
        .await
}

#[tauri::command]
pub async fn pack_removal_impact(
    state: State<'_, AppState>,
    pack_id: String,
) -> AppResult<RemovalImpact> {
    state
        .db()
        .await?
        .run(move |c| store::removal_impact(c, &pack_id))
        .await
}

#[tauri::command]
pub async fn remove_pack(state: State<'_, AppState>, pack_id: String) -> AppResult<RemovalImpact> {
    state
        .db()
        .await?
        .run(move |c| store::remove(c, &pack_id))
        .await
}

#[tauri::command]
pub async fn set_pack_hidden(
    state: State<'_, AppState>,
    pack_id: String,
    hidden: bool,
) -> AppResult<()> {
    state
        .db()
        .await?
        .run(move |c| store::set_hidden(c, &pack_id, hidden))
        .await
}

/// Where `first_paint` writes its mark for the start-up benchmark (`make bench-startup`).
pub const READY_FILE_ENV: &str = "PREP_HUB_READY_FILE";

/// The UI calls this once, when its first screen has painted with its data. With
/// `PREP_HUB_READY_FILE` set it creates that file (the benchmark times its appearance). Then it
/// does what can wait until the user sees something: today's copy of the database.
#[tauri::command]
pub async fn first_paint(state: State<'_, AppState>) -> AppResult<()> {
    if let Some(path) = std::env::var_os(READY_FILE_ENV) {
        let _ = std::fs::write(path, "ready\n");
    }
    // No database, no copy: the start-up screen already says why.
    let Ok(db) = state.db().await else {
        return Ok(());
    };
    let dir = state.data_dir.clone();
    db.run(move |c| {
        if c.is_readonly(rusqlite::MAIN_DB)? {
            return Ok(());
        }
        // Failing to make the copy must not stop the app; the next start tries again.
        let today = crate::progress::schedule::local_date(chrono::Utc::now());
        if let Err(e) = storage::copies::rolling_backup(c, &dir, today, false) {
            eprintln!("prep-hub: daily backup failed: {e}");
        }
        Ok(())
    })
    .await
}
