//! What the window may do, compared with lists kept here: the capabilities it is granted, the
//! commands it may call, and every URL in the UI and the app's configuration. A new permission,
//! command or address fails these tests until someone adds it here, on purpose.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The only permissions the main window holds: listening for files dropped on it.
const PERMISSIONS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

/// Every IPC command the UI may call. Adding one here is a decision about what a page may do.
const COMMANDS: &[&str] = &[
    "app_status",
    "first_paint",
    "get_settings",
    "update_settings",
    "list_roles",
    "get_role",
    "search",
    "set_checklist_tick",
    "list_packs",
    "choose_pack_file",
    "preview_pack_file",
    "import_pack_file",
    "pack_removal_impact",
    "remove_pack",
    "set_pack_hidden",
    "get_plan",
    "acknowledge_plan_changes",
    "save_process",
    "delete_process",
    "set_plan_day",
    "set_task_done",
    "save_debrief",
    "export_plan_ics",
    "start_practice",
    "rate_question",
    "undo_rating",
    "end_practice",
    "get_practice_question",
    "save_note",
    "set_flag",
    "save_draft",
    "review_history",
    "list_own_questions",
    "save_own_question",
    "delete_own_question",
    "export_own_pack",
    "list_stories",
    "save_story",
    "delete_story",
    "story_coverage",
    "mock_flow",
    "save_mock",
    "list_mocks",
    "progress_overview",
    "export_progress",
    "import_progress",
    "list_backups",
    "backup_now",
    "restore_backup",
    "restore_over_damaged",
    "role_progress_impact",
    "reset_role_progress",
    // Counts on the Practice screen and readiness on the Library's cards.
    "practice_counts",
    "readiness_by_role",
    // The user's own material: CSV / TSV and Anki files, read within limits, checked, then
    // written in one transaction; a job posting matched against a role.
    "choose_question_file",
    "preview_question_file",
    "check_question_import",
    "import_questions",
    "choose_posting_file",
    "read_posting_file",
    "save_posting",
    "delete_posting",
    "get_tailoring",
    "add_gap_questions",
    // Interview logistics: an invite read from an .ics file, an offer, a synced folder.
    "choose_invite_file",
    "read_invite_file",
    "preview_invite",
    "apply_invite",
    "set_round_location",
    "get_offer",
    "save_offer",
    "delete_offer",
    "choose_sync_folder",
    "set_sync_folder",
    "get_sync_status",
    "set_device_name",
    "sync_now",
];

/// Addresses that may appear in the UI or the configuration, each for a reason that is not a
/// request: XML namespaces, the IPC endpoint, the editor schema of the config file.
const URLS: &[(&str, &str)] = &[
    (
        "http://www.w3.org/2000/svg",
        "the SVG namespace of elements built in JS",
    ),
    (
        "http://ipc.localhost",
        "Tauri's IPC endpoint, allowed in the CSP",
    ),
    (
        "https://schema.tauri.app/config/2",
        "the config file's schema, for editors only",
    ),
];

#[test]
fn the_window_holds_only_the_listed_permissions() {
    let dir = crate_dir().join("capabilities");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [dir.join("default.json")],
        "capability files other than default.json"
    );
    let cap: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    let granted: BTreeSet<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("permissions are plain names"))
        .collect();
    let allowed: BTreeSet<&str> = PERMISSIONS.iter().copied().collect();
    assert_eq!(granted, allowed, "the main window's permissions changed");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
}

#[test]
fn the_ui_may_call_only_the_listed_commands() {
    let lib = std::fs::read_to_string(crate_dir().join("src/lib.rs")).unwrap();
    let start =
        lib.find("generate_handler![").expect("a command list") + "generate_handler![".len();
    let end = start + lib[start..].find(']').unwrap();
    let registered: BTreeSet<&str> = lib[start..end]
        .split(',')
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(|c| c.rsplit("::").next().unwrap())
        .collect();
    let allowed: BTreeSet<&str> = COMMANDS.iter().copied().collect();
    let added: Vec<_> = registered.difference(&allowed).collect();
    let removed: Vec<_> = allowed.difference(&registered).collect();
    assert!(
        added.is_empty() && removed.is_empty(),
        "commands not on the list: {added:?}; listed but gone: {removed:?}"
    );
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every `scheme://…` in a text, and protocol-relative `//host` in quotes.
fn urls(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("://") {
        let start = text[..i]
            .rfind(|c: char| !c.is_ascii_alphanumeric() && c != '+' && c != '-' && c != '.')
            .map_or(0, |p| p + 1);
        let end = i + text[i..]
            .find(|c: char| c.is_whitespace() || "'\"`)<>,;".contains(c))
            .unwrap_or(text.len() - i);
        out.push(text[start..end].to_string());
    }
    for quote in ["'//", "\"//", "`//"] {
        for (i, _) in text.match_indices(quote) {
            let end = i + 1 + text[i + 1..].find(['\'', '"', '`']).unwrap_or(0);
            out.push(text[i + 1..end].to_string());
        }
    }
    out
}

#[test]
fn no_address_outside_the_machine_appears_in_the_ui_or_the_config() {
    let root = crate_dir().join("..");
    let mut files = Vec::new();
    files_under(&root.join("ui"), &mut files);
    files.push(crate_dir().join("tauri.conf.json"));
    let allowed: BTreeSet<&str> = URLS.iter().map(|u| u.0).collect();
    let mut found = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue; // images
        };
        for url in urls(&text) {
            if !allowed.contains(url.as_str()) {
                found.push(format!("{}: {url}", f.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "addresses not on the list:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_url_finder_finds_what_a_page_could_load() {
    let page = r#"<img src="https://cdn.example.org/x.png"> fetch('//evil.example/a') ws://h:1/p"#;
    assert_eq!(
        urls(page),
        [
            "https://cdn.example.org/x.png",
            "ws://h:1/p",
            "//evil.example/a"
        ]
    );
}
