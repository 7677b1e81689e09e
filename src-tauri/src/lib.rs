//! Prep Hub: offline interview preparation.
//!
//! Core modules (`storage`, `settings`, …) know nothing of Tauri; `commands` adapts them to IPC.

pub mod cli;
pub mod commands;
pub mod compositing;
pub mod echo;
pub mod error;
pub mod files;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod invite;
pub mod offer;
pub mod packs;
pub mod planner;
pub mod progress;
pub mod settings;
pub mod settings_store;
pub mod state;
pub mod storage;
pub mod sync;
pub mod tailor;

use tauri::{Emitter, Manager};

// Rendering a pack allocates millions of small strings and DOM nodes on several threads at once;
// with mimalloc a 10,000-question install took 100–150 ms (about 15%) less than with glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use state::AppState;

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let args: Vec<String> = std::env::args().skip(1).collect();
            let data_dir =
                match cli::data_dir_override(&args, std::env::var(cli::DATA_DIR_ENV).ok()) {
                    Some(dir) => dir,
                    None => app.path().app_data_dir()?,
                };
            app.manage(AppState::new(data_dir));
            // Open the database now, in the background, so it is ready when the page asks.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let state = handle.state::<AppState>();
                match state.db().await {
                    // The other devices' progress comes in before the first screen needs it.
                    Ok(_) => commands::sync::sync_quietly(&state).await,
                    Err(e) => eprintln!("prep-hub: {e}"),
                }
            });
            tauri::async_runtime::spawn(commands::planner::reminder_loop(app.handle().clone()));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::first_paint,
            commands::get_settings,
            commands::update_settings,
            commands::list_roles,
            commands::get_role,
            commands::search,
            commands::set_checklist_tick,
            commands::list_packs,
            commands::choose_pack_file,
            commands::preview_pack_file,
            commands::import_pack_file,
            commands::pack_removal_impact,
            commands::remove_pack,
            commands::set_pack_hidden,
            commands::planner::get_plan,
            commands::planner::acknowledge_plan_changes,
            commands::planner::save_process,
            commands::planner::delete_process,
            commands::planner::set_plan_day,
            commands::planner::set_task_done,
            commands::planner::save_debrief,
            commands::planner::export_plan_ics,
            commands::invite::choose_invite_file,
            commands::invite::read_invite_file,
            commands::invite::preview_invite,
            commands::invite::apply_invite,
            commands::invite::set_round_location,
            commands::offer::get_offer,
            commands::offer::save_offer,
            commands::offer::delete_offer,
            commands::sync::get_sync_status,
            commands::sync::choose_sync_folder,
            commands::sync::set_sync_folder,
            commands::sync::set_device_name,
            commands::sync::sync_now,
            commands::import::choose_question_file,
            commands::import::preview_question_file,
            commands::import::check_question_import,
            commands::import::import_questions,
            commands::import::get_tailoring,
            commands::import::save_posting,
            commands::import::delete_posting,
            commands::import::choose_posting_file,
            commands::import::read_posting_file,
            commands::import::add_gap_questions,
            commands::progress::start_practice,
            commands::progress::rate_question,
            commands::progress::undo_rating,
            commands::progress::end_practice,
            commands::progress::get_practice_question,
            commands::progress::save_note,
            commands::progress::set_flag,
            commands::progress::save_draft,
            commands::progress::review_history,
            commands::progress::list_own_questions,
            commands::progress::save_own_question,
            commands::progress::delete_own_question,
            commands::progress::export_own_pack,
            commands::progress::list_stories,
            commands::progress::save_story,
            commands::progress::delete_story,
            commands::progress::story_coverage,
            commands::progress::mock_flow,
            commands::progress::save_mock,
            commands::progress::list_mocks,
            commands::progress::progress_overview,
            commands::progress::readiness_by_role,
            commands::progress::practice_counts,
            commands::progress::export_progress,
            commands::progress::import_progress,
            commands::progress::list_backups,
            commands::progress::backup_now,
            commands::progress::restore_backup,
            commands::progress::restore_over_damaged,
            commands::progress::role_progress_impact,
            commands::progress::reset_role_progress,
        ])
        .on_window_event(|window, event| {
            // Files dropped on the window go to the UI, which previews and imports them.
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                let _ = window.emit("pack-files-dropped", paths);
            }
        })
        .build(tauri::generate_context!())
        .expect("Prep Hub could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // This device's progress goes to the sync folder before the process ends.
                commands::sync::write_on_exit(app);
                // Copies of the WAL still queued finish before the process ends.
                storage::checkpoint::shutdown();
            }
        });
}
