use anyhow::ensure;
use prep_hub_e2e::{run, Harness, PATIENCE};

const SCREENS: [&str; 7] = [
    "Library", "Role hub", "Practice", "Planner", "Progress", "Packs", "Settings",
];

#[tokio::test]
async fn window_opens_with_every_screen_in_the_sidebar() {
    run("window_opens", |h: Harness| async move {
        let app = h.launch().await?;
        let labels = app
            .js("return [...document.querySelectorAll('.nav-link')].map(a => a.querySelector('.nav-label').textContent.trim())")
            .await?;
        let labels: Vec<String> = serde_json::from_value(labels)?;
        ensure!(labels == SCREENS, "sidebar shows {labels:?}");
        let brand = app.text(".brand-name").await?;
        ensure!(brand == "Prep Hub", "brand reads {brand:?}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn keyboard_moves_through_the_sidebar_and_opens_a_screen() {
    run("keyboard_nav", |h: Harness| async move {
        let app = h.launch().await?;
        app.js("document.querySelector('.nav-link').focus(); return null").await?;
        // Arrow down twice from Library reaches Practice; Enter follows the link.
        for _ in 0..2 {
            app.js("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', bubbles: true})); return null").await?;
        }
        let focused = app.js("return document.activeElement.dataset.screen").await?;
        ensure!(focused == "practice", "focus is on {focused}");
        app.find(".nav-link[data-screen='practice']")
            .await?
            .send_keys(&prep_hub_e2e::Key::Enter.to_string())
            .await?;
        app.wait_for_js(
            "document.querySelector('.screen-host[data-screen=practice]')",
            PATIENCE,
        )
        .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn theme_choice_applies_at_once_and_survives_a_restart() {
    run("theme_restart", |h: Harness| async move {
        let app = h.launch().await?;
        app.open_screen("settings").await?;
        app.click("label.segment:has(#theme-dark)").await?;
        app.wait_for_js(
            "document.documentElement.dataset.theme === 'dark'",
            PATIENCE,
        )
        .await?;
        let bg = app
            .js("return getComputedStyle(document.body).backgroundColor")
            .await?;
        ensure!(bg == "rgb(18, 19, 26)", "dark background is {bg}");

        h.quit().await?;
        let app = h.launch().await?;
        let theme = app
            .js("return document.documentElement.dataset.theme || null")
            .await?;
        ensure!(theme == "dark", "after restart the theme is {theme}");
        app.open_screen("settings").await?;
        let checked = app
            .js("return document.getElementById('theme-dark').checked")
            .await?;
        ensure!(checked == true, "the dark option is not shown as chosen");

        app.click("label.segment:has(#theme-light)").await?;
        app.wait_for_js(
            "document.documentElement.dataset.theme === 'light'",
            PATIENCE,
        )
        .await?;
        let bg = app
            .js("return getComputedStyle(document.body).backgroundColor")
            .await?;
        ensure!(bg == "rgb(246, 245, 242)", "light background is {bg}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn second_launch_with_same_data_folder_keeps_study_time() {
    run("study_time_restart", |h: Harness| async move {
        let app = h.launch().await?;
        app.open_screen("settings").await?;
        app.js("const i = document.getElementById('minutes-5'); i.value = '240'; i.dispatchEvent(new Event('input', {bubbles: true})); return null").await?;
        app.click("form.field-group button[type=submit]").await?;
        app.wait_for_js(
            "document.getElementById('minutes-status').textContent === 'Saved.'",
            PATIENCE,
        )
        .await?;

        h.quit().await?;
        let app = h.launch().await?;
        app.open_screen("settings").await?;
        let value = app.js("return document.getElementById('minutes-5').value").await?;
        ensure!(value == "240", "Saturday shows {value} after restart");
        let shown_dir = app.text("#data-dir").await?;
        ensure!(
            shown_dir == h.data_dir.display().to_string(),
            "data folder shown as {shown_dir}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn bad_study_time_is_refused_with_the_day_named() {
    run("study_time_invalid", |h: Harness| async move {
        let app = h.launch().await?;
        app.open_screen("settings").await?;
        app.js("const i = document.getElementById('minutes-2'); i.value = '2000'; return null")
            .await?;
        app.click("form.field-group button[type=submit]").await?;
        app.wait_for_js(
            "document.getElementById('minutes-status').classList.contains('error')",
            PATIENCE,
        )
        .await?;
        let msg = app.text("#minutes-status").await?;
        ensure!(msg.contains("Wednesday"), "error reads {msg:?}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_daily_copy_is_made_and_can_be_restored_from_settings() {
    run("backups", |h: Harness| async move {
        let app = h.launch().await?;
        app.open_screen("settings").await?;
        // The first start makes today's copy of the database.
        app.wait_for_js(
            "document.querySelectorAll('#backup-list li > button').length === 1",
            PATIENCE,
        )
        .await?;
        let today = app
            .js("const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`")
            .await?;
        let listed = app
            .js("return document.querySelector('#backup-list li[data-date]').dataset.date")
            .await?;
        let listed = listed.as_str().unwrap_or_default().to_string();
        ensure!(
            listed == today.as_str().unwrap_or_default(),
            "the copy listed is {listed:?}, not today's"
        );
        app.click("#backups .actions button").await?;
        app.wait_for_js(
            "document.getElementById('backup-status').textContent.includes('Copy made')",
            PATIENCE,
        )
        .await?;
        app.click("#backup-list li > button").await?;
        app.click("#backup-list .confirm-box button.danger-fill").await?;
        app.wait_for_js(
            "document.getElementById('backup-status').textContent.includes('Restored the copy')",
            PATIENCE,
        )
        .await?;
        // The app still works on the restored database.
        app.open_screen("library").await?;
        app.wait_for_js(
            "document.querySelectorAll('.role-card').length > 0",
            PATIENCE,
        )
        .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn interview_mode_is_a_setting_that_survives_a_restart() {
    run("interview_mode", |h: Harness| async move {
        let app = h.launch().await?;
        app.open_screen("settings").await?;
        app.click("#interview-mode").await?;
        app.wait_for_js(
            "document.getElementById('interview-mode').checked",
            PATIENCE,
        )
        .await?;
        h.quit().await?;
        let app = h.launch().await?;
        app.open_screen("settings").await?;
        app.wait_for_js(
            "document.getElementById('interview-mode') && document.getElementById('interview-mode').checked",
            PATIENCE,
        )
        .await?;
        Ok(())
    })
    .await;
}
