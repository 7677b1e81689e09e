//! IPC for reading interview invites (.ics) onto a process's rounds.

use std::path::PathBuf;

use chrono::Utc;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::{blocking, with_db};
use crate::error::{AppError, AppResult};
use crate::invite::store::{self, Assignment, EventPreview};
use crate::invite::{read_invite, MAX_INVITE_BYTES};
use crate::progress::schedule::local_date;
use crate::state::AppState;

/// Opens the native file dialog for an `.ics` file; `None` when the user cancels.
#[tauri::command]
pub async fn choose_invite_file<R: Runtime>(app: AppHandle<R>) -> AppResult<Option<String>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("Read an interview invite")
        .add_filter("Calendar invite", &["ics", "ical", "ifb", "icalendar"])
        .pick_file(move |path| {
            let _ = tx.send(path.map(|p| p.to_string()));
        });
    rx.await.map_err(|e| AppError::Task(e.to_string()))
}

/// The text of an invite file (a regular file, at most 4 MiB, UTF-8); nothing is stored.
#[tauri::command]
pub async fn read_invite_file(path: String) -> AppResult<String> {
    blocking(move || {
        let path = PathBuf::from(path);
        let bytes = crate::files::read_limited(&path, MAX_INVITE_BYTES, "the invite")?;
        String::from_utf8(bytes).map_err(|e| {
            AppError::Invalid(format!(
                "the invite {} is not UTF-8 text (byte {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ))
        })
    })
    .await
}

/// The invite's events (times in this computer's zone) with what each would do to the process.
#[tauri::command]
pub async fn preview_invite(
    state: State<'_, AppState>,
    process_id: i64,
    text: String,
) -> AppResult<Vec<EventPreview>> {
    let events = blocking(move || read_invite(&text, &chrono::Local)).await?;
    with_db(&state, move |c| store::preview(c, process_id, events)).await
}

/// Gives the chosen rounds their events' date, time and place; returns what changed.
#[tauri::command]
pub async fn apply_invite(
    state: State<'_, AppState>,
    process_id: i64,
    text: String,
    assignments: Vec<Assignment>,
) -> AppResult<Vec<String>> {
    let events = blocking(move || read_invite(&text, &chrono::Local)).await?;
    with_db(&state, move |c| {
        let now = Utc::now();
        store::apply(c, process_id, &events, &assignments, local_date(now), now)
    })
    .await
}

/// Sets the place of one round by hand ("" clears it).
#[tauri::command]
pub async fn set_round_location(
    state: State<'_, AppState>,
    process_id: i64,
    round_id: String,
    location: String,
) -> AppResult<()> {
    with_db(&state, move |c| {
        store::set_location(c, process_id, &round_id, &location, Utc::now())
    })
    .await
}
