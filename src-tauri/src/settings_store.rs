//! Where the settings live: `settings.json` in the data folder, `{"settings": {...}}`.
//!
//! Written whole or not at all (`files::write_atomic`), with the file it replaces kept as
//! `settings.json.prev`. Reading never fails the app: a file that cannot be read is moved aside
//! (`settings.json.unreadable-<time>`, kept for the user), the previous file is used instead when
//! it reads, defaults otherwise, and the caller is told so it can say what happened.
//!
//! tauri-plugin-store wrote the file in place (and again on every exit), so a crash or a full
//! disk in the middle of a write reset every setting without a word; this module replaced it.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde_json::{json, Value};

use crate::error::{AppError, AppResult};
use crate::settings::Settings;

pub const SETTINGS_FILE: &str = "settings.json";
const KEY: &str = "settings";
/// Far beyond any real settings file; a larger one is not ours.
const MAX_BYTES: u64 = 1 << 20;

pub fn settings_path(dir: &Path) -> PathBuf {
    dir.join(SETTINGS_FILE)
}

fn previous_path(dir: &Path) -> PathBuf {
    dir.join(format!("{SETTINGS_FILE}.prev"))
}

/// The settings, and a sentence for the user when the file could not be read.
pub fn load(dir: &Path) -> (Settings, Option<String>) {
    let path = settings_path(dir);
    if !path.exists() {
        // A crash between keeping the previous file and writing the new one leaves only `.prev`.
        return match read(&previous_path(dir)) {
            Ok(Some(s)) => (s, None),
            _ => (Settings::default(), None),
        };
    }
    match read(&path) {
        Ok(Some(s)) => (s, None),
        Ok(None) => (Settings::default(), None),
        Err(problem) => {
            let aside = dir.join(format!(
                "{SETTINGS_FILE}.unreadable-{}",
                Utc::now().format("%Y%m%d-%H%M%S")
            ));
            let moved = std::fs::rename(&path, &aside).is_ok();
            let kept = if moved {
                format!("it was kept as {}", aside.display())
            } else {
                "it was left where it is".to_string()
            };
            match read(&previous_path(dir)) {
                Ok(Some(s)) => (
                    s,
                    Some(format!(
                        "The settings file could not be read ({problem}); {kept}. The settings \
                         saved before it are in use."
                    )),
                ),
                _ => (
                    Settings::default(),
                    Some(format!(
                        "The settings file could not be read ({problem}); {kept}. Default \
                         settings are in use."
                    )),
                ),
            }
        }
    }
}

/// `Ok(None)` when there is no file.
fn read(path: &Path) -> Result<Option<Settings>, String> {
    if !path.exists() {
        return Ok(None);
    }
    let bytes = crate::files::read_limited(path, MAX_BYTES, "the settings file")
        .map_err(|e| e.to_string())?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    if !value.is_object() {
        return Err("it does not hold a JSON object".into());
    }
    Ok(Some(Settings::from_stored(value.get(KEY))))
}

/// Writes the settings whole; the file they replace is kept as `settings.json.prev`.
pub fn save(dir: &Path, settings: &Settings) -> AppResult<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        AppError::Settings(format!(
            "could not save settings in {}: {}",
            dir.display(),
            crate::files::describe_io(&e)
        ))
    })?;
    let path = settings_path(dir);
    let text = serde_json::to_string_pretty(&json!({ KEY: settings }))?;
    if read(&path).is_ok_and(|s| s.is_some()) {
        // A rename: no room needed, and the file stays whole under one of its two names.
        let _ = std::fs::rename(&path, previous_path(dir));
    }
    crate::files::write_atomic(&path, text.as_bytes())
        .map_err(|e| AppError::Settings(format!("could not save settings: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Theme;

    fn dark() -> Settings {
        Settings {
            theme: Theme::Dark,
            ..Settings::default()
        }
    }

    #[test]
    fn settings_saved_are_read_back() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &dark()).unwrap();
        assert_eq!(load(dir.path()), (dark(), None));
    }

    #[test]
    fn the_layout_the_store_plugin_wrote_still_reads() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            settings_path(dir.path()),
            r#"{
  "settings": { "theme": "dark", "weekday_minutes": [10, 20, 30, 40, 50, 60, 70] }
}"#,
        )
        .unwrap();
        let (s, warning) = load(dir.path());
        assert_eq!(warning, None);
        assert_eq!(s.theme, Theme::Dark);
        assert_eq!(s.weekday_minutes, [10, 20, 30, 40, 50, 60, 70]);
    }

    #[test]
    fn a_torn_file_falls_back_to_the_previous_one_and_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &Settings::default()).unwrap();
        save(dir.path(), &dark()).unwrap();
        // What an in-place write cut short by a full disk leaves.
        std::fs::write(settings_path(dir.path()), b"{\n  \"settings\": { \"the").unwrap();
        let (s, warning) = load(dir.path());
        assert_eq!(s, Settings::default(), "the previous file's settings");
        let warning = warning.expect("the user is told");
        assert!(warning.contains("could not be read"), "{warning}");
        let kept: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("unreadable"))
            .collect();
        assert_eq!(kept.len(), 1, "the unreadable file is kept aside");
    }

    #[test]
    fn only_the_previous_file_left_after_a_crash_between_renames() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &dark()).unwrap();
        save(dir.path(), &dark()).unwrap();
        std::fs::remove_file(settings_path(dir.path())).unwrap();
        assert_eq!(load(dir.path()), (dark(), None));
    }
}
