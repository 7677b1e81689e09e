//! User settings: what they are, their defaults and which values are allowed.
//! Where they are kept (`settings_store`, one file written whole) is not this module's business.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

/// The first day of the week in calendars and date pickers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    /// As the system's locale has it.
    #[default]
    Locale,
    Monday,
    Sunday,
    Saturday,
}

pub const MAX_DAILY_MINUTES: u32 = 16 * 60;
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub theme: Theme,
    /// The role hub the user is preparing for, by role id.
    pub active_role: Option<String>,
    /// Study minutes available on each weekday, Monday first.
    pub weekday_minutes: [u32; 7],
    /// Hide difficulty, tags and hints in practice until the answer is revealed.
    pub interview_mode: bool,
    /// Local time ("HH:MM") of the daily study reminder; none means no reminder.
    pub reminder_time: Option<String>,
    /// The planner's first-run steps were completed or skipped.
    pub planner_onboarded: bool,
    /// The first day of the week in calendars and date pickers.
    pub week_start: WeekStart,
    /// The folder another tool keeps in step between devices (see `sync`); none: no syncing.
    pub sync_folder: Option<String>,
    /// This device's id in the sync folder, made once.
    pub device_id: Option<String>,
    /// This device's name as the other devices show it ("" until the user names it).
    pub device_name: String,
}

impl Default for Settings {
    fn default() -> Self {
        // An hour on weekdays, three on Saturday, Sunday free: a working person's week.
        Settings {
            theme: Theme::System,
            active_role: None,
            weekday_minutes: [60, 60, 60, 60, 60, 180, 0],
            interview_mode: false,
            reminder_time: None,
            planner_onboarded: false,
            week_start: WeekStart::Locale,
            sync_folder: None,
            device_id: None,
            device_name: String::new(),
        }
    }
}

/// A partial update from the UI; fields left out keep their value.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SettingsPatch {
    pub theme: Option<Theme>,
    /// `Some(None)` clears the active role.
    #[serde(default, with = "double_option")]
    pub active_role: Option<Option<String>>,
    pub weekday_minutes: Option<Vec<u32>>,
    pub interview_mode: Option<bool>,
    /// `Some(None)` turns the reminder off.
    #[serde(default, with = "double_option")]
    pub reminder_time: Option<Option<String>>,
    pub planner_onboarded: Option<bool>,
    pub week_start: Option<WeekStart>,
    /// `Some(None)` stops syncing.
    #[serde(default, with = "double_option")]
    pub sync_folder: Option<Option<String>>,
    pub device_name: Option<String>,
}

impl Settings {
    /// Reads stored settings, keeping every valid field and defaulting the rest, so a
    /// hand-edited or older settings file never stops the app from starting.
    pub fn from_stored(value: Option<&serde_json::Value>) -> Settings {
        let mut settings = Settings::default();
        let Some(obj) = value.and_then(|v| v.as_object()) else {
            return settings;
        };
        if let Some(theme) = obj
            .get("theme")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
        {
            settings.theme = theme;
        }
        if let Some(role) = obj.get("active_role").and_then(|v| v.as_str()) {
            if !role.trim().is_empty() {
                settings.active_role = Some(role.to_string());
            }
        }
        if let Some(Ok(minutes)) = obj
            .get("weekday_minutes")
            .map(|v| serde_json::from_value::<Vec<u32>>(v.clone()))
        {
            if validate_minutes(&minutes).is_ok() {
                settings.weekday_minutes.copy_from_slice(&minutes);
            }
        }
        if let Some(on) = obj.get("interview_mode").and_then(|v| v.as_bool()) {
            settings.interview_mode = on;
        }
        if let Some(time) = obj.get("reminder_time").and_then(|v| v.as_str()) {
            if validate_time(time).is_ok() {
                settings.reminder_time = Some(time.to_string());
            }
        }
        if let Some(done) = obj.get("planner_onboarded").and_then(|v| v.as_bool()) {
            settings.planner_onboarded = done;
        }
        if let Some(start) = obj
            .get("week_start")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
        {
            settings.week_start = start;
        }
        if let Some(folder) = obj.get("sync_folder").and_then(|v| v.as_str()) {
            if validate_folder(folder).is_ok() {
                settings.sync_folder = Some(folder.to_string());
            }
        }
        if let Some(id) = obj.get("device_id").and_then(|v| v.as_str()) {
            if crate::sync::valid_device_id(id) {
                settings.device_id = Some(id.to_string());
            }
        }
        if let Some(name) = obj.get("device_name").and_then(|v| v.as_str()) {
            if validate_device_name(name).is_ok() {
                settings.device_name = name.to_string();
            }
        }
        settings
    }

    pub fn apply(&self, patch: SettingsPatch) -> Result<Settings, String> {
        let mut next = self.clone();
        if let Some(theme) = patch.theme {
            next.theme = theme;
        }
        if let Some(role) = patch.active_role {
            next.active_role = match role {
                Some(r) if r.trim().is_empty() => {
                    return Err("active_role: a role id cannot be blank".into())
                }
                other => other,
            };
        }
        if let Some(minutes) = patch.weekday_minutes {
            validate_minutes(&minutes)?;
            next.weekday_minutes.copy_from_slice(&minutes);
        }
        if let Some(on) = patch.interview_mode {
            next.interview_mode = on;
        }
        if let Some(time) = patch.reminder_time {
            if let Some(t) = &time {
                validate_time(t)?;
            }
            next.reminder_time = time;
        }
        if let Some(done) = patch.planner_onboarded {
            next.planner_onboarded = done;
        }
        if let Some(start) = patch.week_start {
            next.week_start = start;
        }
        if let Some(folder) = patch.sync_folder {
            if let Some(f) = &folder {
                validate_folder(f)?;
            }
            next.sync_folder = folder;
        }
        if let Some(name) = patch.device_name {
            validate_device_name(name.trim())?;
            next.device_name = name.trim().to_string();
        }
        Ok(next)
    }
}

fn validate_folder(folder: &str) -> Result<(), String> {
    if !std::path::Path::new(folder).is_absolute() {
        return Err(format!(
            "sync_folder: '{}' is not a full path; choose the folder (for example /home/me/Sync)",
            crate::echo::echo(folder, 80)
        ));
    }
    Ok(())
}

fn validate_device_name(name: &str) -> Result<(), String> {
    let n = name.chars().count();
    if n > crate::sync::MAX_NAME_CHARS {
        return Err(format!(
            "device_name: at most {} characters ({n} given)",
            crate::sync::MAX_NAME_CHARS
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("device_name: control characters are not allowed".into());
    }
    Ok(())
}

fn validate_time(time: &str) -> Result<(), String> {
    chrono::NaiveTime::parse_from_str(time, "%H:%M")
        .map(|_| ())
        .map_err(|_| format!("reminder_time: '{time}' is not a time of day like 19:30"))
}

fn validate_minutes(minutes: &[u32]) -> Result<(), String> {
    if minutes.len() != 7 {
        return Err(format!(
            "weekday_minutes: expected 7 values (Monday to Sunday), got {}",
            minutes.len()
        ));
    }
    for (i, m) in minutes.iter().enumerate() {
        if *m > MAX_DAILY_MINUTES {
            return Err(format!(
                "weekday_minutes[{i}] ({}): {m} minutes is more than the {MAX_DAILY_MINUTES} a day allows",
                WEEKDAYS[i]
            ));
        }
    }
    Ok(())
}

mod double_option {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        Option::<T>::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_settings_give_defaults() {
        assert_eq!(Settings::from_stored(None), Settings::default());
    }

    #[test]
    fn stored_settings_keep_valid_fields_and_drop_bad_ones() {
        let stored = json!({"theme": "dark", "active_role": "senior-backend-developer", "weekday_minutes": [1, 2]});
        let s = Settings::from_stored(Some(&stored));
        assert_eq!(s.theme, Theme::Dark);
        assert_eq!(s.active_role.as_deref(), Some("senior-backend-developer"));
        assert_eq!(s.weekday_minutes, Settings::default().weekday_minutes);
    }

    #[test]
    fn patch_changes_only_given_fields() {
        let patch: SettingsPatch = serde_json::from_value(json!({"theme": "light"})).unwrap();
        let s = Settings::default().apply(patch).unwrap();
        assert_eq!(s.theme, Theme::Light);
        assert_eq!(s.weekday_minutes, Settings::default().weekday_minutes);
    }

    #[test]
    fn patch_with_null_role_clears_it() {
        let start = Settings {
            active_role: Some("x".into()),
            ..Settings::default()
        };
        let patch: SettingsPatch = serde_json::from_value(json!({"active_role": null})).unwrap();
        assert_eq!(start.apply(patch).unwrap().active_role, None);
    }

    #[test]
    fn too_many_minutes_name_the_weekday() {
        let patch: SettingsPatch =
            serde_json::from_value(json!({"weekday_minutes": [0, 0, 2000, 0, 0, 0, 0]})).unwrap();
        let err = Settings::default().apply(patch).unwrap_err();
        assert!(err.contains("weekday_minutes[2]"), "{err}");
        assert!(err.contains("Wednesday"), "{err}");
    }

    #[test]
    fn reminder_time_must_be_a_time_of_day() {
        let s = Settings::default();
        let patch: SettingsPatch = serde_json::from_str(r#"{"reminder_time": "25:99"}"#).unwrap();
        assert!(s.apply(patch).unwrap_err().contains("25:99"));
        let patch: SettingsPatch = serde_json::from_str(r#"{"reminder_time": "19:30"}"#).unwrap();
        assert_eq!(
            s.apply(patch).unwrap().reminder_time.as_deref(),
            Some("19:30")
        );
        let patch: SettingsPatch = serde_json::from_str(r#"{"reminder_time": null}"#).unwrap();
        assert_eq!(s.apply(patch).unwrap().reminder_time, None);
    }

    #[test]
    fn week_start_is_kept_and_a_bad_one_is_dropped() {
        let stored = json!({"week_start": "sunday"});
        assert_eq!(
            Settings::from_stored(Some(&stored)).week_start,
            WeekStart::Sunday
        );
        let stored = json!({"week_start": "friday"});
        assert_eq!(
            Settings::from_stored(Some(&stored)).week_start,
            WeekStart::Locale
        );
        let patch: SettingsPatch = serde_json::from_value(json!({"week_start": "monday"})).unwrap();
        assert_eq!(
            Settings::default().apply(patch).unwrap().week_start,
            WeekStart::Monday
        );
        let bad: Result<SettingsPatch, _> = serde_json::from_value(json!({"week_start": "friday"}));
        assert!(bad.is_err());
    }

    #[test]
    fn sync_settings_are_checked_and_kept() {
        let patch: SettingsPatch = serde_json::from_value(
            json!({"sync_folder": "/home/me/Sync", "device_name": " work "}),
        )
        .unwrap();
        let s = Settings::default().apply(patch).unwrap();
        assert_eq!(s.sync_folder.as_deref(), Some("/home/me/Sync"));
        assert_eq!(s.device_name, "work");
        let patch: SettingsPatch = serde_json::from_value(json!({"sync_folder": "Sync"})).unwrap();
        assert!(Settings::default()
            .apply(patch)
            .unwrap_err()
            .contains("full path"));
        let patch: SettingsPatch = serde_json::from_value(json!({"sync_folder": null})).unwrap();
        assert_eq!(s.apply(patch).unwrap().sync_folder, None);
        let stored =
            json!({"device_id": "../../etc", "sync_folder": "relative", "device_name": "home"});
        let s = Settings::from_stored(Some(&stored));
        assert_eq!(
            (s.device_id, s.sync_folder, s.device_name.as_str()),
            (None, None, "home")
        );
    }

    #[test]
    fn unknown_theme_is_refused_by_the_parser() {
        let r: Result<SettingsPatch, _> = serde_json::from_value(json!({"theme": "neon"}));
        assert!(r.is_err());
    }
}
