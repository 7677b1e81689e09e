//! IPC for an interview process's offer and its check against the role's salary range.

use chrono::Utc;
use tauri::State;

use super::with_db;
use crate::error::AppResult;
use crate::offer::store::{self, OfferView};
use crate::offer::OfferInput;
use crate::state::AppState;

#[tauri::command]
pub async fn get_offer(state: State<'_, AppState>, process_id: i64) -> AppResult<OfferView> {
    with_db(&state, move |c| store::view(c, process_id)).await
}

#[tauri::command]
pub async fn save_offer(
    state: State<'_, AppState>,
    process_id: i64,
    offer: OfferInput,
) -> AppResult<OfferView> {
    with_db(&state, move |c| {
        store::save(c, process_id, &offer, Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn delete_offer(state: State<'_, AppState>, process_id: i64) -> AppResult<OfferView> {
    with_db(&state, move |c| store::delete(c, process_id)).await
}
