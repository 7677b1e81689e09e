// An empty window whose page calls `first_paint` after two frames, as Prep Hub's does.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[tauri::command]
fn first_paint() {
    if let Some(path) = std::env::var_os("PREP_HUB_READY_FILE") {
        let _ = std::fs::write(path, "ready\n");
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![first_paint])
        .run(tauri::generate_context!())
        .expect("the empty window starts");
}
