//! Every screen renders without an error in both themes, at full width, at 900 px and at 720 px,
//! with some practice and an interview behind it so each screen has something to show; nothing
//! scrolls sideways. The screenshots land in target/e2e-screenshots/ for a person to look at:
//! `{screen}-{theme}.png` at full width, `{screen}-{theme}-{900|720}.png` in narrow windows.

use anyhow::{ensure, Context, Result};
use prep_hub_e2e::{run, screenshot_dir, AppRef, Harness, PATIENCE};
use serde_json::json;

const SCREENS: [&str; 7] = [
    "library", "hub", "practice", "planner", "progress", "packs", "settings",
];
const ROLE: &str = "senior-backend-developer";
pub(crate) const WIDTHS: [(u32, &str); 3] = [(1280, ""), (900, "-900"), (720, "-720")];

async fn shot(app: &AppRef, name: &str) -> Result<()> {
    app.settle().await?;
    app.screenshot(&screenshot_dir().join(format!("{name}.png")))
        .await
}

async fn no_error(app: &AppRef, what: &str) -> Result<()> {
    let error = app
        .js("const e = document.querySelector('.screen-host .error-card, .toast-error'); return e ? e.textContent : null")
        .await?;
    ensure!(error.is_null(), "{what} shows an error: {error}");
    Ok(())
}

async fn no_sideways_scroll(app: &AppRef, what: &str) -> Result<()> {
    let overflow = app
        .js("const m = document.getElementById('main'); return m.scrollWidth - m.clientWidth")
        .await?;
    ensure!(
        overflow.as_i64().unwrap_or(0) <= 0,
        "{what} scrolls sideways ({overflow} px)"
    );
    Ok(())
}

/// Goes to a route and waits for its new render.
async fn go(app: &AppRef, hash: &str, ready: &str) -> Result<()> {
    app.js(&format!(
        "const host = document.querySelector('.screen-host'); if (host) host.dataset.stale = '1';
         if (location.hash === {h}) window.dispatchEvent(new HashChangeEvent('hashchange'));
         else location.hash = {h};
         return null",
        h = json!(hash)
    ))
    .await?;
    app.wait_for_js(
        &format!(
            "document.querySelector('.screen-host:not([data-stale]) ' + {})",
            json!(ready)
        ),
        PATIENCE,
    )
    .await
    .with_context(|| format!("{hash} did not show {ready}"))?;
    app.settle().await
}

/// Some practice (three ratings, one question marked Revisit) and an interview three weeks away
/// with its first round dated, so the Library, Practice, Progress and the planner have content.
async fn seed(app: &AppRef) -> Result<()> {
    go(app, &format!("#/practice/{ROLE}"), "#practice-start").await?;
    app.click("#practice-start").await?;
    for rating in ["3", "4", "1"] {
        app.find("#pq-reveal").await?;
        app.click("#pq-reveal").await?;
        if rating == "1" {
            app.click("#pq-flag-revisit").await?;
            app.wait_for_js("document.getElementById('pq-flag-revisit').getAttribute('aria-pressed') === 'true'", PATIENCE).await?;
        }
        app.click(&format!("#pq-rating button[data-rating='{rating}']"))
            .await?;
        app.wait_for_js(
            &format!("document.getElementById('practice-status').dataset.rating === '{rating}'"),
            PATIENCE,
        )
        .await?;
        app.js("document.getElementById('practice-status').dataset.rating = ''; return null")
            .await?;
    }
    app.click("#practice-end").await?;
    app.find("#session-summary").await?;
    app.js(&format!(
        "const day = (n) => {{ const d = new Date(); d.setDate(d.getDate() + n);
           const p = (x) => String(x).padStart(2, '0');
           return `${{d.getFullYear()}}-${{p(d.getMonth() + 1)}}-${{p(d.getDate())}}`; }};
         window.__seeded = null;
         window.__TAURI__.core.invoke('save_process', {{ process: {{
           company: 'Acme Cloud', role_id: {role}, interview_date: day(21),
           rounds: [{{ round_id: 'recruiter-screen', date: day(4), done: false }}] }} }})
           .then(() => window.__TAURI__.core.invoke('update_settings', {{ patch: {{ planner_onboarded: true }} }}))
           .then(() => {{ window.__seeded = 'ok'; }}, (e) => {{ window.__seeded = String((e && e.message) || e); }});
         return null",
        role = json!(ROLE)
    ))
    .await?;
    app.wait_for_js("window.__seeded", PATIENCE).await?;
    let seeded = app.js("return window.__seeded").await?;
    ensure!(seeded == "ok", "the interview could not be added: {seeded}");
    Ok(())
}

async fn set_theme(app: &AppRef, theme: &str) -> Result<()> {
    go(app, "#/settings", "#theme-light").await?;
    app.click(&format!("label.segment:has(#theme-{theme})"))
        .await?;
    app.wait_for_js(
        &format!("document.documentElement.dataset.theme === '{theme}'"),
        PATIENCE,
    )
    .await
}

async fn visit_all(app: &AppRef, suffix: &str) -> Result<()> {
    for screen in SCREENS {
        app.open_screen(screen).await?;
        no_error(app, screen).await?;
        no_sideways_scroll(app, screen).await?;
        shot(app, &format!("{screen}-{suffix}")).await?;
    }

    // Practice: the answer beside the draft, the rating bar with its intervals.
    go(app, &format!("#/practice/{ROLE}"), "#practice-start").await?;
    app.click("#practice-start").await?;
    app.find("#pq-draft")
        .await?
        .send_keys("Start from the users: who calls it, how often, what must never break.")
        .await?;
    app.click("#pq-reveal").await?;
    app.wait_for_js("!document.getElementById('pq-answer').hidden", PATIENCE)
        .await?;
    no_sideways_scroll(app, "a revealed answer").await?;
    shot(app, &format!("practice-answer-{suffix}")).await?;
    app.click("#pq-rating button[data-rating='3']").await?;
    app.wait_for_js(
        "document.getElementById('practice-status').dataset.rating === '3'",
        PATIENCE,
    )
    .await?;
    app.js("document.getElementById('practice-status').dataset.rating = ''; return null")
        .await?;
    app.click("#practice-end").await?;
    app.find("#session-summary").await?;
    shot(app, &format!("practice-summary-{suffix}")).await?;

    // STAR coverage: competencies by name.
    go(
        app,
        &format!("#/practice/stories?role={ROLE}"),
        "#story-coverage",
    )
    .await?;
    no_sideways_scroll(app, "the story bank").await?;
    shot(app, &format!("stories-coverage-{suffix}")).await?;

    // The planner: Today's verdict and tasks, a day of the calendar, the date fields.
    go(app, "#/planner", "#planner-today #plan-feasibility").await?;
    no_sideways_scroll(app, "the planner's Today").await?;
    shot(app, &format!("planner-today-{suffix}")).await?;
    go(app, "#/planner/calendar", "#cal-grids").await?;
    app.click("#cal-grids .cal-day.has-round").await?;
    app.find("#cal-day-panel").await?;
    app.js(
        "document.getElementById('cal-day-panel').scrollIntoView({ block: 'start' }); return null",
    )
    .await?;
    no_sideways_scroll(app, "the calendar").await?;
    shot(app, &format!("planner-calendar-{suffix}")).await?;
    go(app, "#/planner/setup", ".process-card .pf-interview-date").await?;
    app.click(".process-card .date-field .date-open").await?;
    app.find(".process-card .date-popup:not([hidden]) .date-day")
        .await?;
    no_sideways_scroll(app, "the interviews").await?;
    shot(app, &format!("planner-dates-{suffix}")).await?;

    // Packs with a pack's details open.
    go(app, "#/packs", ".pack-card").await?;
    app.click(".pack-card .pack-details summary").await?;
    shot(app, &format!("packs-details-{suffix}")).await?;

    // A message in the strip under the page, covering nothing.
    go(app, "#/settings", "#interview-mode").await?;
    app.click("#interview-mode").await?;
    app.find(".toast").await?;
    shot(app, &format!("settings-toast-{suffix}")).await?;
    app.click("#interview-mode").await?;
    app.js("document.querySelectorAll('.toast').forEach((t) => t.remove()); return null")
        .await?;

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
    shot(app, &format!("search-{suffix}")).await?;
    app.js("document.getElementById('search-input').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))")
        .await?;
    app.wait_for_js("document.getElementById('search-overlay').hidden", PATIENCE)
        .await?;
    Ok(())
}

#[tokio::test]
async fn every_screen_renders_in_both_themes_at_full_width_900_and_720() {
    run("screens", |h: Harness| async move {
        let app = h.launch().await?;
        app.set_window_size(1280, 860).await?;
        seed(&app).await?;
        for theme in ["light", "dark"] {
            set_theme(&app, theme).await?;
            for (width, size) in WIDTHS {
                app.set_window_size(width, 860).await?;
                let narrow = width < 900;
                app.wait_for_js(
                    &format!(
                        "(document.querySelector('.sidebar').getBoundingClientRect().width < 100) === {narrow}"
                    ),
                    PATIENCE,
                )
                .await
                .with_context(|| format!("the sidebar at {width} px"))?;
                visit_all(&app, &format!("{theme}{size}")).await?;
            }
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_sidebar_keeps_its_labels_down_to_900_px_and_names_its_icons_below() {
    run("sidebar", |h: Harness| async move {
        let app = h.launch().await?;
        app.set_window_size(900, 760).await?;
        app.wait_for_js("innerWidth <= 900", PATIENCE).await?;
        let shown = app
            .js("return [...document.querySelectorAll('.nav-label')].every((l) => l.getBoundingClientRect().width > 0 && getComputedStyle(l).visibility === 'visible')")
            .await?;
        ensure!(shown == true, "the sidebar labels are hidden at 900 px");
        app.set_window_size(720, 760).await?;
        app.wait_for_js(
            "document.querySelector('.sidebar').getBoundingClientRect().width < 100",
            PATIENCE,
        )
        .await
        .context("the sidebar does not keep only its icons at 720 px")?;
        // Every icon is a drawing of its own, and keyboard focus shows its name.
        let icons = app
            .js("return [...document.querySelectorAll('.nav-link .icon')].map((s) => s.innerHTML)")
            .await?;
        let icons: Vec<String> = serde_json::from_value(icons)?;
        let distinct: std::collections::BTreeSet<&String> = icons.iter().collect();
        ensure!(icons.len() == 7 && distinct.len() == 7, "the icons are not seven different drawings");
        app.js("document.querySelector(\".nav-link[data-screen='practice']\").focus(); return null")
            .await?;
        app.find(".nav-link[data-screen='practice']")
            .await?
            .send_keys(&prep_hub_e2e::Key::Down.to_string())
            .await?;
        app.wait_for_js(
            "getComputedStyle(document.querySelector(\".nav-link[data-screen='planner'] .nav-label\")).visibility === 'visible'",
            PATIENCE,
        )
        .await
        .context("keyboard focus does not show the icon's name")?;
        shot(&app, "sidebar-tooltip-720").await?;
        Ok(())
    })
    .await;
}
