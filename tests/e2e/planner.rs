//! The countdown planner: first run to a plan, ticking today's task (kept after a restart),
//! moving the interview date (the plan and the "what changed" notice follow). Screenshots of
//! first run, Today and Calendar land in target/e2e-screenshots/ in both themes and narrow
//! windows.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use prep_hub_e2e::{run, screenshot_dir, AppRef, Harness, Key, PATIENCE};
use serde_json::{json, Value};

const ROLE: &str = "senior-backend-developer";
const WAIT: Duration = PATIENCE;

async fn shot(app: &AppRef, name: &str) -> Result<()> {
    app.settle().await?;
    app.screenshot(&screenshot_dir().join(format!("planner-{name}.png")))
        .await
}

async fn no_error(app: &AppRef, what: &str) -> Result<()> {
    let error = app
        .js("const e = document.querySelector('.screen-host .error-card, .toast-error'); return e ? e.textContent : null")
        .await?;
    ensure!(error.is_null(), "{what} shows an error: {error}");
    Ok(())
}

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

/// The local date `days` from now, as the app's date inputs take it.
async fn date_in(app: &AppRef, days: i64) -> Result<String> {
    let v = app
        .js(&format!(
            "const d = new Date(); d.setDate(d.getDate() + {days}); \
             const p = (n) => String(n).padStart(2, '0'); \
             return `${{d.getFullYear()}}-${{p(d.getMonth() + 1)}}-${{p(d.getDate())}}`;"
        ))
        .await?;
    v.as_str().map(String::from).context("no date")
}

/// Sets an input's value as typing would and fires input and change.
async fn set_value(app: &AppRef, css: &str, value: &str) -> Result<()> {
    app.find(css).await?;
    app.js(&format!(
        "const i = document.querySelector({}); i.value = {}; \
         i.dispatchEvent(new Event('input', {{ bubbles: true }})); \
         i.dispatchEvent(new Event('change', {{ bubbles: true }})); return null",
        json!(css),
        json!(value)
    ))
    .await?;
    Ok(())
}

async fn open_planner(app: &AppRef, view: &str) -> Result<()> {
    app.open_screen("planner").await?;
    // Coming from another planner view the sidebar link re-renders; wait for that first.
    app.wait_for_js(
        "location.hash === '#/planner' && document.querySelector('.screen-host[data-screen=planner] #planner-today, .screen-host[data-screen=planner] #planner-wizard')",
        WAIT,
    )
    .await?;
    if !view.is_empty() {
        app.click(&format!(".planner-tab[data-view={view}]"))
            .await?;
    }
    let id = match view {
        "" => "#planner-today, #planner-wizard",
        "calendar" => "#planner-calendar",
        _ => "#planner-setup",
    };
    app.wait_for_js(&format!("document.querySelector({})", json!(id)), WAIT)
        .await
        .with_context(|| format!("the planner view '{view}' did not open"))?;
    no_error(app, "the planner").await
}

/// First run: role, company and an interview `days` ahead, an hour every day; ends on Today.
async fn first_run(app: &AppRef, days: i64, screenshots: bool) -> Result<()> {
    open_planner(app, "").await?;
    app.find("#planner-wizard[data-step='1']").await?;
    if screenshots {
        shot(app, "first-run-1-light").await?;
    }
    app.click(&format!("label.role-choice:has(input[value='{ROLE}'])"))
        .await?;
    app.click("#pl-next").await?;
    app.find("#planner-wizard[data-step='2'] #pl-company")
        .await?;

    // Saving without a company is refused by the backend, next to the field.
    let date = date_in(app, days).await?;
    set_value(app, "#pl-interview-date", &date).await?;
    app.click("#pl-next").await?;
    app.wait_for_js(
        "document.getElementById('pl-company-error').textContent.includes('company') || document.getElementById('pl-company-error').textContent.length > 5",
        WAIT,
    )
    .await
    .context("a missing company is not shown next to its field")?;
    let invalid = app
        .js("return document.getElementById('pl-company').getAttribute('aria-invalid')")
        .await?;
    ensure!(invalid == "true", "the company input is not marked invalid");

    app.find("#pl-company")
        .await?
        .send_keys("Acme Cloud")
        .await?;
    if screenshots {
        shot(app, "first-run-2-light").await?;
    }
    app.click("#pl-next").await?;
    app.find("#planner-wizard[data-step='3'] #pl-week-0")
        .await?;
    for i in 0..7 {
        set_value(app, &format!("#pl-week-{i}"), "60").await?;
    }
    app.wait_for_js(
        "document.querySelector('#pl-feasibility .feasibility') && !document.getElementById('pl-finish').disabled",
        WAIT,
    )
    .await
    .context("feasibility was not shown before creating the plan")?;
    // Read in one go: every change of a weekday re-checks and redraws the result.
    let needed = app
        .js("const n = document.querySelector('#pl-feasibility .fig-needed'); return n ? n.textContent : ''")
        .await?;
    let needed = needed.as_str().unwrap_or_default().to_string();
    ensure!(
        needed.contains("min") || needed.contains('h'),
        "needed minutes shown as {needed}"
    );
    if screenshots {
        shot(app, "first-run-3-light").await?;
    }
    app.click("#pl-finish").await?;
    app.wait_for_js(
        "document.querySelector('#planner-today #plan-tasks li.task')",
        WAIT,
    )
    .await
    .context("Today with tasks did not appear after the first run")?;
    no_error(app, "Today").await
}

async fn final_countdown(app: &AppRef) -> Result<i64> {
    let v = app
        .js("const c = document.querySelector('#plan-countdowns .final-count'); return c ? Number(c.dataset.days) : null")
        .await?;
    v.as_i64().context("no final countdown")
}

#[tokio::test]
async fn planner_first_run_to_a_plan_and_a_tick_that_survives_a_restart() {
    run("planner_first_run", |h: Harness| async move {
        let app = h.launch().await?;
        app.set_window_size(1280, 900).await?;
        first_run(&app, 20, true).await?;

        ensure!(final_countdown(&app).await? == 20, "the final round is not 20 days away");
        let company = app.text("#plan-countdowns .countdown-title").await?;
        ensure!(company.contains("Acme Cloud"), "countdown shows {company}");
        let status = app.text("#plan-rounds").await?;
        ensure!(status.contains("Leadership and mentoring"), "round status lacks the final round: {status}");
        app.find("#feasibility .fig-available").await?;
        app.find("#coverage-percent").await?;

        // Tick today's first task.
        let key = app
            .js("return document.querySelector('#plan-tasks .task-done').dataset.key")
            .await?;
        let key = key.as_str().context("no task key")?.to_string();
        app.click("#plan-tasks li.task:first-child label.task-title").await?;
        app.wait_for_js(
            &format!(
                "(() => {{ const b = document.querySelector('#plan-tasks .task-done[data-key=' + CSS.escape({k}) + ']'); return b && b.checked && !b.disabled && b.closest('li').classList.contains('is-done'); }})()",
                k = json!(key)
            ),
            WAIT,
        )
        .await
        .context("the tick did not stay")?;
        shot(&app, "today-light").await?;

        // After a restart the planner opens on Today with the task still ticked.
        h.quit().await?;
        let app = h.launch().await?;
        app.set_window_size(1280, 900).await?;
        open_planner(&app, "").await?;
        app.find("#planner-today").await?;
        let ticked = app
            .js(&format!(
                "const b = document.querySelector('#plan-tasks .task-done[data-key=' + CSS.escape({}) + ']'); return b ? b.checked : null",
                json!(key)
            ))
            .await?;
        ensure!(ticked == Value::Bool(true), "after a restart the task is {ticked}");

        // Dark theme and narrow windows.
        set_theme(&app, "dark").await?;
        open_planner(&app, "").await?;
        shot(&app, "today-dark").await?;
        app.set_window_size(900, 760).await?;
        open_planner(&app, "").await?;
        shot(&app, "today-dark-900").await?;
        app.set_window_size(720, 760).await?;
        open_planner(&app, "").await?;
        shot(&app, "today-dark-720").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn planner_moving_the_interview_date_changes_the_plan() {
    run("planner_move_date", |h: Harness| async move {
        let app = h.launch().await?;
        app.set_window_size(1280, 900).await?;
        first_run(&app, 20, false).await?;

        open_planner(&app, "calendar").await?;
        let days_before = app
            .js("return document.querySelectorAll('#cal-grids .cal-day').length")
            .await?
            .as_i64()
            .unwrap_or(0);
        ensure!(days_before == 21, "the calendar shows {days_before} days, expected 21");

        // Arrow keys move between days (one tab stop), Enter opens a day; it can become a day off.
        app.find("#cal-grids .cal-day[tabindex='0']").await?.send_keys(&Key::Right.to_string()).await?;
        app.wait_for_js(
            "document.activeElement && document.activeElement.matches('.cal-day[tabindex=\"0\"]') && document.activeElement !== document.querySelector('#cal-grids .cal-day')",
            WAIT,
        )
        .await
        .context("ArrowRight did not move to the next day")?;
        let tomorrow = app.js("return document.activeElement.dataset.date").await?;
        let tomorrow = tomorrow.as_str().context("no date")?.to_string();
        ensure!(tomorrow == date_in(&app, 1).await?, "ArrowRight went to {tomorrow}");
        app.find(".cal-day:focus").await?.send_keys(&Key::Enter.to_string()).await?;
        app.find("#cal-day-panel").await?;
        shot(&app, "calendar-day-light").await?;
        app.click("#cal-day-off").await?;
        app.wait_for_js(
            &format!("document.querySelector('.cal-day[data-date=\"{tomorrow}\"]').dataset.kind === 'off'"),
            WAIT,
        )
        .await
        .context("the day did not become a day off")?;
        app.click("#cal-day-reset").await?;
        app.wait_for_js(
            &format!("document.querySelector('.cal-day[data-date=\"{tomorrow}\"]').dataset.kind !== 'off'"),
            WAIT,
        )
        .await
        .context("the day did not go back to its default")?;

        // Move the interview a week later.
        open_planner(&app, "setup").await?;
        let later = date_in(&app, 27).await?;
        let card = app
            .js("return document.querySelector('.process-card').dataset.process")
            .await?;
        let card = card.as_str().context("no process card")?.to_string();
        set_value(&app, &format!(".process-card[data-process='{card}'] .pf-interview-date"), &later).await?;
        shot(&app, "interviews-light").await?;
        app.click(&format!(".process-card[data-process='{card}'] .pe-save")).await?;
        app.wait_for_js(
            &format!("document.querySelector('.process-card[data-process=\"{card}\"] .field-status').textContent.includes('Saved')"),
            WAIT,
        )
        .await
        .context("the new date was not saved")?;

        open_planner(&app, "").await?;
        ensure!(final_countdown(&app).await? == 27, "the countdown did not move to 27 days");
        let notice = app.text("#plan-changes").await.context("no 'what changed' notice")?;
        // One change happened (the interview date moved): it is said once, not once for each
        // of the five rounds that follow that date.
        let moves = app
            .js("return [...document.querySelectorAll('#plan-changes li')].map((li) => li.textContent).filter((t) => t.includes('moved from'))")
            .await?;
        let moves: Vec<String> = serde_json::from_value(moves)?;
        ensure!(
            moves.len() == 1 && moves[0].starts_with("The interview at Acme Cloud moved from"),
            "the notice should say the move once: {notice}"
        );
        shot(&app, "today-changes-light").await?;
        app.click("#plan-changes-dismiss").await?;
        app.wait_for_js("!document.getElementById('plan-changes')", WAIT).await?;

        open_planner(&app, "calendar").await?;
        let days_after = app
            .js("return document.querySelectorAll('#cal-grids .cal-day').length")
            .await?
            .as_i64()
            .unwrap_or(0);
        ensure!(days_after == 28, "after the move the calendar shows {days_after} days, expected 28");
        app.click("#cal-grids .cal-day.has-round").await?;
        app.find("#cal-day-panel").await?;
        shot(&app, "calendar-light").await?;

        // A round held today can be debriefed; it is then done and leaves the list.
        open_planner(&app, "setup").await?;
        let today = date_in(&app, 0).await?;
        set_value(&app, &format!("#pe-{card}-round-0-date"), &today).await?;
        app.click(&format!(".process-card[data-process='{card}'] .pe-save"))
            .await?;
        app.wait_for_js(
            &format!("document.querySelector('.process-card[data-process=\"{card}\"] .field-status').textContent.includes('Saved')"),
            WAIT,
        )
        .await
        .context("the round date was not saved")?;
        open_planner(&app, "").await?;
        app.click(".debrief-open[data-round='recruiter-screen']").await?;
        app.find("#debrief-form").await?;
        app.click("#debrief-form .went-group label.segment:nth-child(4)").await?;
        app.click("#debrief-form .db-question").await?;
        app.find("#debrief-form textarea[id$='-new']")
            .await?
            .send_keys("Why do you want to leave your current job?")
            .await?;
        shot(&app, "debrief-light").await?;
        app.click("#debrief-save").await?;
        app.wait_for_js(
            "!document.querySelector(\".debrief-open[data-round='recruiter-screen']\") && !document.getElementById('debrief-form')",
            WAIT,
        )
        .await
        .context("the debrief was not saved or the round is still listed")?;
        no_error(&app, "Today after a debrief").await?;
        set_theme(&app, "dark").await?;
        open_planner(&app, "calendar").await?;
        app.click("#cal-grids .cal-day[tabindex='0']").await?;
        shot(&app, "calendar-dark").await?;
        app.set_window_size(900, 760).await?;
        open_planner(&app, "calendar").await?;
        shot(&app, "calendar-dark-900").await?;
        app.set_window_size(720, 760).await?;
        open_planner(&app, "calendar").await?;
        shot(&app, "calendar-dark-720").await?;
        open_planner(&app, "setup").await?;
        shot(&app, "interviews-dark-720").await?;
        Ok(())
    })
    .await;
}
