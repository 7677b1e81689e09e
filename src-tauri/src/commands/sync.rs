//! IPC for syncing through a folder: choosing it, naming this device, syncing now, and the
//! syncs the app runs by itself (at start, after a practice session, on quit).

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::Utc;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::{blocking, with_db};
use crate::error::{AppError, AppResult};
use crate::progress::instant_text;
use crate::settings::{Settings, SettingsPatch};
use crate::settings_store;
use crate::state::AppState;
use crate::sync::{self, Device, MergeReport, Peer, PeerProblem};

/// The outcome of the last sync, for the Settings screen.
#[derive(Debug, Clone, Serialize, Default)]
pub struct LastSync {
    pub at: String,
    pub error: Option<String>,
    pub problems: Vec<PeerProblem>,
    pub merged: Vec<sync::MergedPeer>,
}

static LAST: Mutex<Option<LastSync>> = Mutex::new(None);

fn remember(outcome: &AppResult<MergeReport>) {
    let last = match outcome {
        Ok(r) => LastSync {
            at: instant_text(Utc::now()),
            error: None,
            problems: r.problems.clone(),
            merged: r.merged.clone(),
        },
        Err(e) => LastSync {
            at: instant_text(Utc::now()),
            error: Some(e.to_string()),
            ..Default::default()
        },
    };
    *LAST.lock().unwrap_or_else(|p| p.into_inner()) = Some(last);
}

fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most buf.len() bytes into the buffer it is given.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    let end = buf.iter().position(|b| *b == 0).unwrap_or(0);
    let name = if ok {
        String::from_utf8_lossy(&buf[..end]).into_owned()
    } else {
        String::new()
    };
    if name.trim().is_empty() {
        "this computer".into()
    } else {
        name.chars().take(sync::MAX_NAME_CHARS).collect()
    }
}

/// The settings, with this device's id made (and saved) the first time it is needed.
fn settings_with_device(state: &AppState) -> AppResult<(Settings, Device)> {
    let _guard = state
        .settings_lock
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let (mut settings, _) = settings_store::load(&state.data_dir);
    if settings.device_id.is_none() {
        settings.device_id = Some(sync::new_device_id());
        settings_store::save(&state.data_dir, &settings)?;
    }
    let device = Device {
        id: settings.device_id.clone().expect("made above"),
        name: if settings.device_name.is_empty() {
            host_name()
        } else {
            settings.device_name.clone()
        },
    };
    Ok((settings, device))
}

/// Merges the other devices' files, then writes this device's. `None` when no folder is set.
async fn run_sync(state: &AppState) -> AppResult<Option<MergeReport>> {
    let (settings, device) = settings_with_device(state)?;
    let Some(folder) = settings.sync_folder.map(PathBuf::from) else {
        return Ok(None);
    };
    // Reading and checking the files holds no database lock.
    let own_id = device.id.clone();
    let dir = folder.clone();
    let (files, problems) = blocking(move || sync::read_peers(&dir, &own_id)).await?;
    let dev = device.clone();
    let (mut report, doc) = with_db(state, move |c| {
        let now = Utc::now();
        let report = sync::merge_peers(c, files, now)?;
        Ok((report, sync::own_document(c, &dev, now)?))
    })
    .await?;
    report.problems = problems;
    write_own(state, folder, device, doc).await?;
    Ok(Some(report))
}

async fn write_own(
    state: &AppState,
    folder: PathBuf,
    device: Device,
    doc: serde_json::Value,
) -> AppResult<()> {
    let dev = device.clone();
    blocking(move || sync::write_own(&folder, &dev, &doc).map(|_| ())).await?;
    with_db(state, move |c| sync::note_written(c, &device, Utc::now())).await
}

/// Writes this device's file (after a practice session, on quit); nothing when no folder is set.
pub async fn write_quietly(state: &AppState) {
    let outcome = async {
        let (settings, device) = settings_with_device(state)?;
        let Some(folder) = settings.sync_folder.map(PathBuf::from) else {
            return Ok(());
        };
        let dev = device.clone();
        let doc = with_db(state, move |c| sync::own_document(c, &dev, Utc::now())).await?;
        write_own(state, folder, device, doc).await
    }
    .await;
    if let Err(e) = outcome {
        remember(&Err(e));
    }
}

/// A whole sync the app starts by itself (at start-up); its outcome is shown in Settings.
pub async fn sync_quietly(state: &AppState) {
    match run_sync(state).await {
        Ok(None) => {}
        Ok(Some(r)) => remember(&Ok(r)),
        Err(e) => remember(&Err(e)),
    }
}

/// On quit: this device's file is written before the process ends.
pub fn write_on_exit<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    tauri::async_runtime::block_on(write_quietly(&state));
}

#[derive(Serialize)]
pub struct SyncStatus {
    folder: Option<String>,
    device: Device,
    /// Whether this device's name was set by the user (else it is the computer's name).
    named: bool,
    peers: Vec<Peer>,
    last: Option<LastSync>,
}

async fn status(state: &AppState) -> AppResult<SyncStatus> {
    let (settings, device) = settings_with_device(state)?;
    let own = device.id.clone();
    let peers = with_db(state, move |c| sync::peers(c, &own)).await?;
    Ok(SyncStatus {
        folder: settings.sync_folder,
        named: !settings.device_name.is_empty(),
        device,
        peers,
        last: LAST.lock().unwrap_or_else(|p| p.into_inner()).clone(),
    })
}

#[tauri::command]
pub async fn get_sync_status(state: State<'_, AppState>) -> AppResult<SyncStatus> {
    status(&state).await
}

/// Opens the native folder dialog; `None` when the user cancels.
#[tauri::command]
pub async fn choose_sync_folder<R: Runtime>(app: AppHandle<R>) -> AppResult<Option<String>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("Choose the folder your devices share")
        .pick_folder(move |path| {
            let _ = tx.send(path.map(|p| p.to_string()));
        });
    rx.await.map_err(|e| AppError::Task(e.to_string()))
}

fn save_patch(state: &AppState, patch: SettingsPatch) -> AppResult<()> {
    let _guard = state
        .settings_lock
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let (current, _) = settings_store::load(&state.data_dir);
    let next = current.apply(patch).map_err(AppError::Invalid)?;
    settings_store::save(&state.data_dir, &next)
}

/// Sets (or with `None` stops) the sync folder, and syncs at once when one is set.
#[tauri::command]
pub async fn set_sync_folder(
    state: State<'_, AppState>,
    folder: Option<String>,
) -> AppResult<SyncStatus> {
    if let Some(f) = &folder {
        let path = PathBuf::from(f.trim());
        blocking(move || sync::check_folder(&path)).await?;
    }
    let folder = folder.map(|f| f.trim().to_string());
    let start = folder.is_some();
    save_patch(
        &state,
        SettingsPatch {
            sync_folder: Some(folder),
            ..Default::default()
        },
    )?;
    if start {
        let outcome = run_sync(&state).await.map(Option::unwrap_or_default);
        remember(&outcome);
        outcome?;
    }
    status(&state).await
}

#[tauri::command]
pub async fn set_device_name(state: State<'_, AppState>, name: String) -> AppResult<SyncStatus> {
    save_patch(
        &state,
        SettingsPatch {
            device_name: Some(name),
            ..Default::default()
        },
    )?;
    status(&state).await
}

/// Merges the other devices' files and writes this one's now.
#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> AppResult<SyncStatus> {
    let outcome = run_sync(&state).await;
    match &outcome {
        Ok(None) => {
            return Err(AppError::Invalid(
                "sync folder: choose a folder first".into(),
            ))
        }
        Ok(Some(r)) => remember(&Ok(r.clone())),
        Err(e) => remember(&Err(AppError::Invalid(e.to_string()))),
    }
    outcome?;
    status(&state).await
}
