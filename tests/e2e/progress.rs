//! The Progress screen: empty at first, then filled by practice and a mock round; every chart
//! has a text equivalent. Screenshots of Practice, a mock in progress, STAR coverage and
//! Progress land in target/e2e-screenshots/ in both themes and narrow windows.

use anyhow::{ensure, Result};
use prep_hub_e2e::{run, screenshot_dir, AppRef, Harness, PATIENCE};

use crate::practice::{open_practice, run_mock_to_the_end, WAIT};

async fn set_theme(app: &AppRef, theme: &str) -> Result<()> {
    app.open_screen("settings").await?;
    app.click(&format!("label.segment:has(#theme-{theme})"))
        .await?;
    app.wait_for_js(
        &format!("document.documentElement.dataset.theme === '{theme}'"),
        PATIENCE,
    )
    .await
}

async fn no_error(app: &AppRef, what: &str) -> Result<()> {
    let error = app
        .js("const e = document.querySelector('.screen-host .error-card, .toast-error'); return e ? e.textContent : null")
        .await?;
    ensure!(error.is_null(), "{what} shows an error: {error}");
    Ok(())
}

async fn no_sideways_scroll(app: &AppRef, what: &str, width: u32) -> Result<()> {
    let overflow = app
        .js("const m = document.getElementById('main'); return m.scrollWidth - m.clientWidth")
        .await?;
    ensure!(
        overflow.as_i64().unwrap_or(0) <= 0,
        "{what} scrolls sideways at {width} px ({overflow} px)"
    );
    Ok(())
}

async fn shot(app: &AppRef, name: &str) -> Result<()> {
    app.settle().await?;
    app.screenshot(&screenshot_dir().join(format!("{name}.png")))
        .await
}

async fn open_progress(app: &AppRef) -> Result<()> {
    app.js(
        "const host = document.querySelector('.screen-host'); if (host) host.dataset.stale = '1';
         if (location.hash === '#/progress') window.dispatchEvent(new HashChangeEvent('hashchange'));
         else document.querySelector(\".nav-link[data-screen='progress']\").click();
         return null",
    )
    .await?;
    app.wait_for_js(
        "document.querySelector('.screen-host:not([data-stale])[data-screen=progress] #progress-readiness')",
        WAIT,
    )
    .await
}

#[tokio::test]
async fn progress_is_empty_at_first_then_shows_practice_with_text_equivalents() {
    run("progress_screen", |h: Harness| async move {
        let app = h.launch().await?;
        open_practice(&app, "").await?; // makes the Senior Backend role the active one
        open_progress(&app).await?;
        app.find("#progress-empty").await?;
        no_error(&app, "the empty Progress screen").await?;
        // The formula sits in a "How is this computed?" disclosure.
        app.click("#readiness-formula summary").await?;
        let formula = app.text("#readiness-formula .formula-text").await?;
        ensure!(
            formula.contains("two different days"),
            "the readiness formula reads {formula:?}"
        );

        // Rate two questions, then come back.
        open_practice(&app, "").await?;
        app.click("#practice-start").await?;
        for _ in 0..2 {
            app.find("#pq-reveal").await?;
            app.click("#pq-reveal").await?;
            app.click("#pq-rating button[data-rating='3']").await?;
            app.wait_for_js("document.getElementById('practice-status').dataset.rating === '3'", WAIT).await?;
            app.js("document.getElementById('practice-status').dataset.rating = ''; return null").await?;
        }
        app.click("#practice-end").await?;
        app.find("#session-summary").await?;

        open_progress(&app).await?;
        let empty = app.js("return !!document.getElementById('progress-empty')").await?;
        ensure!(empty == false, "Progress still says nothing was done");
        let reviews = app.text("#stat-reviews .stat-value").await?;
        ensure!(reviews == "2", "total reviews shown as {reviews}");
        // Every chart is an image with a label, and has the numbers in a table.
        let charts = app
            .js("return [...document.querySelectorAll('#progress-body svg.chart')].map(s => [s.getAttribute('role'), !!s.getAttribute('aria-label'), !!s.closest('.chart-card').querySelector('details table')])")
            .await?;
        let charts = charts.as_array().cloned().unwrap_or_default();
        ensure!(charts.len() >= 2, "expected the heatmap and the reviews chart, found {charts:?}");
        for c in &charts {
            ensure!(c[0] == "img" && c[1] == true && c[2] == true, "a chart lacks role/label/table: {c}");
        }
        let today_bar = app
            .js("const b = [...document.querySelectorAll('#progress-reviews rect.bar')].pop(); return b ? b.dataset.count : null")
            .await?;
        ensure!(today_bar == "2", "today's bar counts {today_bar}");
        let heat = app
            .js("return document.querySelectorAll('#progress-heatmap rect.heat:not(.heat-0)').length")
            .await?;
        ensure!(heat == 1, "{heat} heatmap days are marked, expected today only");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn practice_and_progress_screenshots_in_both_themes_and_narrow_windows() {
    run("practice_screenshots", |h: Harness| async move {
        let app = h.launch().await?;
        app.set_window_size(1280, 860).await?;
        run_mock_to_the_end(&app, &[4, 3, 5]).await?;
        for theme in ["light", "dark"] {
            set_theme(&app, theme).await?;

            open_practice(&app, "").await?;
            app.click("#practice-start").await?;
            app.find("#pq-reveal").await?;
            shot(&app, &format!("practice-question-{theme}")).await?;
            app.click("#pq-reveal").await?;
            no_error(&app, "a practice question").await?;
            shot(&app, &format!("practice-answer-{theme}")).await?;
            app.click("#pq-rating button[data-rating='3']").await?;
            app.wait_for_js(
                "document.getElementById('practice-status').dataset.rating === '3'",
                WAIT,
            )
            .await?;
            app.click("#practice-end").await?;
            app.find("#session-summary").await?;
            shot(&app, &format!("practice-summary-{theme}")).await?;

            open_practice(&app, "mock").await?;
            app.click("#mock-start").await?;
            app.find("#mock-countdown").await?;
            app.click("#mock-skip").await?;
            no_error(&app, "a mock round").await?;
            shot(&app, &format!("mock-running-{theme}")).await?;
            app.click("#mock-finish").await?;
            app.find("#mock-score").await?;
            app.click("label.segment:has(#score-0-4)").await?;
            shot(&app, &format!("mock-score-{theme}")).await?;

            open_practice(&app, "stories").await?;
            app.find("#story-coverage").await?;
            app.click("#story-new").await?;
            app.find("#story-editor").await?;
            shot(&app, &format!("stories-coverage-{theme}")).await?;

            open_practice(&app, "mine").await?;
            app.click("#own-new").await?;
            app.find("#own-editor").await?;
            shot(&app, &format!("own-questions-{theme}")).await?;

            open_progress(&app).await?;
            app.find("#mocks-table").await?;
            no_error(&app, "Progress").await?;
            shot(&app, &format!("progress-filled-{theme}")).await?;
        }
        for width in [900, 720] {
            app.set_window_size(width, 800).await?;
            open_progress(&app).await?;
            shot(&app, &format!("progress-filled-dark-{width}")).await?;
            no_sideways_scroll(&app, "Progress", width).await?;
            open_practice(&app, "").await?;
            app.click("#practice-start").await?;
            app.find("#pq-reveal").await?;
            app.click("#pq-reveal").await?;
            shot(&app, &format!("practice-answer-dark-{width}")).await?;
            no_sideways_scroll(&app, "a practice question", width).await?;
            open_practice(&app, "mock").await?;
            app.click("#mock-start").await?;
            app.find("#mock-countdown").await?;
            shot(&app, &format!("mock-running-dark-{width}")).await?;
            no_sideways_scroll(&app, "a mock round", width).await?;
            open_practice(&app, "stories").await?;
            app.find("#story-coverage").await?;
            shot(&app, &format!("stories-coverage-dark-{width}")).await?;
            no_sideways_scroll(&app, "the story bank", width).await?;
            open_practice(&app, "mine").await?;
            app.click("#own-new").await?;
            app.find("#own-editor").await?;
            no_sideways_scroll(&app, "my questions", width).await?;
        }
        Ok(())
    })
    .await;
}
