//! Every screen renders without an error in both themes and in a narrow window; the
//! screenshots land in target/e2e-screenshots/ for a person to look at.

use anyhow::{ensure, Context, Result};
use prep_hub_e2e::{run, screenshot_dir, AppRef, Harness, PATIENCE};

const SCREENS: [&str; 7] = [
    "library", "hub", "practice", "planner", "progress", "packs", "settings",
];

async fn visit_all(app: &AppRef, suffix: &str) -> Result<()> {
    for screen in SCREENS {
        app.open_screen(screen).await?;
        app.settle().await?;
        let error = app
            .js("const e = document.querySelector('.screen-host .error-card'); return e ? e.textContent : null")
            .await?;
        ensure!(error.is_null(), "{screen} shows an error: {error}");
        let toast = app
            .js("const t = document.querySelector('.toast-error'); return t ? t.textContent : null")
            .await?;
        ensure!(toast.is_null(), "{screen} raised an error: {toast}");
        app.screenshot(&screenshot_dir().join(format!("{screen}-{suffix}.png")))
            .await?;
    }
    // Search results: marked words in titles and in the body snippets.
    app.click("#search-trigger").await?;
    app.find("#search-input")
        .await?
        .send_keys("latency")
        .await?;
    app.wait_for_js(
        "document.querySelector('#search-results .search-hit mark')",
        PATIENCE,
    )
    .await?;
    app.screenshot(&screenshot_dir().join(format!("search-{suffix}.png")))
        .await?;
    app.js("document.getElementById('search-input').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))")
        .await?;
    app.wait_for_js("document.getElementById('search-overlay').hidden", PATIENCE)
        .await?;
    Ok(())
}

#[tokio::test]
async fn every_screen_renders_in_both_themes_and_a_narrow_window() {
    run("screens", |h: Harness| async move {
        let app = h.launch().await?;
        for theme in ["light", "dark"] {
            app.open_screen("settings").await?;
            app.click(&format!("label.segment:has(#theme-{theme})"))
                .await?;
            app.wait_for_js(
                &format!("document.documentElement.dataset.theme === '{theme}'"),
                PATIENCE,
            )
            .await?;
            visit_all(&app, theme).await?;
        }
        app.set_window_size(900, 760).await?;
        app.wait_for_js(
            "document.querySelector('.sidebar').getBoundingClientRect().width < 100",
            PATIENCE,
        )
        .await
        .context("the sidebar does not collapse in a narrow window")?;
        visit_all(&app, "dark-narrow").await?;
        Ok(())
    })
    .await;
}
