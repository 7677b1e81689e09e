//! IPC for the countdown planner.

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use super::progress::{ask_save_path, write_file};
use super::{load_settings, with_db};
use crate::error::AppResult;
use crate::planner::store::{self, DebriefInput, ProcessEdit, ProcessView};
use crate::planner::{self, Plan};
use crate::progress::schedule::local_date;
use crate::state::AppState;

#[derive(Serialize)]
pub struct PlanView {
    plan: Plan,
    /// What changed since the plan was last shown; empty when nothing did.
    changes: Vec<String>,
    processes: Vec<ProcessView>,
    overrides: Vec<DayOverride>,
    weekday_minutes: [u32; 7],
    /// What job postings raised: "role/question" and "role/focus area" → the posting's words.
    tailored: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Serialize)]
pub struct DayOverride {
    date: NaiveDate,
    minutes: u32,
    note: String,
}

#[tauri::command]
pub async fn get_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<PlanView> {
    let weekday_minutes = load_settings(&app, &state)?.weekday_minutes;
    with_db(&state, move |c| {
        let today = local_date(Utc::now());
        let (plan, mut changes) = store::current_plan(c, weekday_minutes, today)?;
        // What an invite changed that the plan cannot see (a new time on the same day).
        changes.extend(crate::invite::store::notices(c)?);
        let processes = store::list_processes(c)?;
        let mut tailored = std::collections::BTreeMap::new();
        let roles: std::collections::BTreeSet<&str> =
            processes.iter().map(|p| p.role_id.as_str()).collect();
        for role in roles {
            let raised = crate::tailor::store::role_raised(c, role)?;
            for (q, words) in raised.questions {
                tailored.insert(format!("{role}/{q}"), words);
            }
            for (a, (_, words)) in raised.areas {
                tailored.insert(format!("{role}/{a}"), words);
            }
        }
        Ok(PlanView {
            plan,
            changes,
            tailored,
            processes,
            overrides: store::day_overrides(c)?
                .into_iter()
                .map(|(date, (minutes, note))| DayOverride {
                    date,
                    minutes,
                    note,
                })
                .collect(),
            weekday_minutes,
        })
    })
    .await
}

/// The user has read what changed; the next plan is compared with this one.
#[tauri::command]
pub async fn acknowledge_plan_changes<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<()> {
    let weekday_minutes = load_settings(&app, &state)?.weekday_minutes;
    with_db(&state, move |c| {
        crate::invite::store::clear_notices(c)?;
        store::acknowledge_plan(c, weekday_minutes, local_date(Utc::now()))
    })
    .await
}

#[tauri::command]
pub async fn save_process(
    state: State<'_, AppState>,
    process: ProcessEdit,
) -> AppResult<ProcessView> {
    with_db(&state, move |c| {
        let now = Utc::now();
        store::save_process(c, &process, local_date(now), now)
    })
    .await
}

#[tauri::command]
pub async fn delete_process(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    with_db(&state, move |c| store::delete_process(c, id)).await
}

#[tauri::command]
pub async fn set_plan_day(
    state: State<'_, AppState>,
    date: NaiveDate,
    minutes: Option<u32>,
    note: String,
) -> AppResult<()> {
    with_db(&state, move |c| store::set_day(c, date, minutes, &note)).await
}

#[tauri::command]
pub async fn set_task_done(
    state: State<'_, AppState>,
    key: String,
    date: NaiveDate,
    minutes: u32,
    done: bool,
) -> AppResult<()> {
    with_db(&state, move |c| {
        store::set_task_done(c, &key, date, minutes, done, Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn save_debrief(state: State<'_, AppState>, debrief: DebriefInput) -> AppResult<i64> {
    with_db(&state, move |c| {
        store::save_debrief(c, &debrief, Utc::now())
    })
    .await
}

/// Writes the plan as an iCalendar file where the user chooses; `None` when cancelled.
#[tauri::command]
pub async fn export_plan_ics<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<String>> {
    let weekday_minutes = load_settings(&app, &state)?.weekday_minutes;
    let text = with_db(&state, move |c| {
        let today = local_date(Utc::now());
        let input = store::build_input(c, weekday_minutes, today)?;
        let plan = planner::plan(&input);
        Ok(planner::to_ics(&plan, &input.processes, Utc::now()))
    })
    .await?;
    let Some(path) = ask_save_path(
        &app,
        "Export the plan to a calendar",
        "prep-hub-plan.ics",
        "iCalendar",
        "ics",
    )
    .await?
    else {
        return Ok(None);
    };
    write_file(path.clone(), text).await?;
    Ok(Some(path.display().to_string()))
}

/// Sends the daily study reminder at the time set in Settings, once a day, while the app runs.
pub async fn reminder_loop<R: Runtime>(app: AppHandle<R>) {
    use tauri::Manager;
    use tauri_plugin_notification::NotificationExt;

    let mut sent_on: Option<NaiveDate> = None;
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(20)).await;
        let state = app.state::<AppState>();
        let Ok(settings) = load_settings(&app, &state) else {
            continue;
        };
        let Some(at) = settings
            .reminder_time
            .as_deref()
            .and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok())
        else {
            continue;
        };
        let now = chrono::Local::now().naive_local();
        if !store::reminder_due(now, at, sent_on) {
            continue;
        }
        let today = now.date();
        sent_on = Some(today);
        let weekday_minutes = settings.weekday_minutes;
        let summary = with_db(&state, move |c| {
            let input = store::build_input(c, weekday_minutes, today)?;
            Ok(store::today_summary(&planner::plan(&input)))
        })
        .await;
        if let Ok(Some(body)) = summary {
            let _ = app
                .notification()
                .builder()
                .title("Prep Hub: today's preparation")
                .body(body)
                .show();
        }
    }
}
