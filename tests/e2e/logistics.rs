//! Interview logistics in the real window: reading an invite onto a round (and its update
//! moving it), checking an offer against the pack's salary range, and syncing through a folder.
//! Screenshots of each land in target/e2e-screenshots/logistics-*.png, in both themes and a
//! narrow window.

use anyhow::{ensure, Context, Result};
use prep_hub_e2e::{run, screenshot_dir, AppRef, Harness, Key, PATIENCE};
use serde_json::json;

const ROLE: &str = "senior-backend-developer";

async fn shot(app: &AppRef, name: &str) -> Result<()> {
    app.settle().await?;
    app.screenshot(&screenshot_dir().join(format!("logistics-{name}.png")))
        .await
}

async fn set_theme(app: &AppRef, theme: &str) -> Result<()> {
    app.js(&format!(
        "document.querySelector('#theme-{theme}').click(); return null"
    ))
    .await?;
    app.wait_for_js(
        &format!("document.documentElement.dataset.theme === '{theme}'"),
        PATIENCE,
    )
    .await
}

/// Sets a field's value as typing would and fires input and change.
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

/// The local date `days` from now as YYYY-MM-DD and as an iCalendar date (YYYYMMDD).
async fn date_in(app: &AppRef, days: i64) -> Result<(String, String)> {
    let v = app
        .js(&format!(
            "const d = new Date(); d.setDate(d.getDate() + {days}); \
             const p = (n) => String(n).padStart(2, '0'); \
             return `${{d.getFullYear()}}-${{p(d.getMonth() + 1)}}-${{p(d.getDate())}}`;"
        ))
        .await?;
    let iso = v.as_str().context("no date")?.to_string();
    Ok((iso.clone(), iso.replace('-', "")))
}

/// An invite as Google Calendar writes it: New York time, a Meet link, folded and escaped text.
fn google_invite(day: &str, hour: u32, sequence: u32) -> String {
    [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        &format!("DTSTART;TZID=America/New_York:{day}T{hour:02}0000"),
        &format!("DTEND;TZID=America/New_York:{day}T{:02}0000", hour + 1),
        "UID:e2e-system-design@google.com",
        &format!("SEQUENCE:{sequence}"),
        "SUMMARY:Acme \\, system design interview",
        "DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\\nBring a sketch",
        " pad.",
        "LOCATION:",
        "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
        "END:VEVENT",
        "BEGIN:VEVENT",
        &format!("DTSTART:{day}T150000Z"),
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "UID:e2e-weekly@google.com",
        "SUMMARY:Weekly recruiter check-in",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    .join("\r\n")
}

/// Opens a planner tab once the current view has finished drawing (it redraws its tabs).
async fn open_tab(app: &AppRef, view: &str) -> Result<()> {
    app.settle().await?;
    app.click(&format!(".planner-tab[data-view={view}]"))
        .await?;
    let id = if view == "setup" {
        "#planner-setup"
    } else {
        "#planner-today"
    };
    app.wait_for_js(&format!("document.querySelector('{id}')"), PATIENCE)
        .await?;
    app.settle().await
}

/// The planner's Interviews view with one Acme process 20 days ahead, made in the first run.
async fn interview_process(app: &AppRef) -> Result<()> {
    app.open_screen("planner").await?;
    app.find("#planner-wizard[data-step='1']").await?;
    app.click(&format!("label.role-choice:has(input[value='{ROLE}'])"))
        .await?;
    app.click("#pl-next").await?;
    app.find("#pl-company").await?.send_keys("Acme").await?;
    let (date, _) = date_in(app, 20).await?;
    set_value(app, "#pl-interview-date", &date).await?;
    app.click("#pl-next").await?;
    app.find("#planner-wizard[data-step='3'] #pl-week-0")
        .await?;
    app.wait_for_js("!document.getElementById('pl-finish').disabled", PATIENCE)
        .await?;
    app.click("#pl-finish").await?;
    app.find("#planner-today").await?;
    open_tab(app, "setup").await?;
    app.find("#planner-setup .process-card").await?;
    Ok(())
}

#[tokio::test]
async fn an_invite_sets_a_round_and_its_update_moves_it() {
    run("logistics_invite", |h: Harness| async move {
        let app = h.launch().await?;
        app.set_window_size(1280, 900).await?;
        interview_process(&app).await?;
        let pid = app
            .js("return document.querySelector('#planner-setup .process-card').dataset.process")
            .await?;
        let pid = pid.as_str().context("no process id")?.to_string();
        let (iso, day) = date_in(&app, 10).await?;

        // Load the invite from a file by its path (what a drop does), and read it.
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("invite.ics");
        std::fs::write(&file, google_invite(&day, 10, 0))?;
        app.click(".pe-invite").await?;
        app.find(&format!("#inv-{pid}-text")).await?;
        app.click(&format!("#inv-{pid}-panel details.path-import summary")).await?;
        set_value(&app, &format!("#inv-{pid}-path"), &file.display().to_string()).await?;
        app.click(&format!("#inv-{pid}-path-go")).await?;
        app.wait_for_js(
            &format!("document.querySelectorAll('#inv-{pid}-events .invite-event').length === 2"),
            PATIENCE,
        )
        .await
        .context("the invite's two events were not listed")?;
        let first = app.text(&format!("#inv-{pid}-events .invite-event:first-child")).await?;
        ensure!(first.contains("Acme , system design interview"), "unescaped summary: {first}");
        ensure!(first.contains("America/New_York"), "the invite's own zone is shown: {first}");
        ensure!(first.contains("https://meet.google.com/abc-defg-hij"), "the link as text: {first}");
        let links = app
            .js(&format!("return document.querySelectorAll('#inv-{pid}-events a').length"))
            .await?;
        ensure!(links == 0, "a meeting link must not be a link the app opens");
        let second = app.text(&format!("#inv-{pid}-events .invite-event:nth-child(2)")).await?;
        ensure!(second.contains("repeats (RRULE:FREQ=WEEKLY;COUNT=4)"), "recurrence refused: {second}");
        let disabled = app
            .js(&format!("return document.getElementById('inv-{pid}-round-1').disabled"))
            .await?;
        ensure!(disabled == true, "a refused event cannot be given a round");

        // Choose the round from the keyboard, then apply.
        let select = app.find(&format!("#inv-{pid}-round-0")).await?;
        select.send_keys("Architecture").await?;
        set_value(&app, &format!("#inv-{pid}-round-0"), "system-design").await?;
        shot(&app, "invite-light").await?;
        app.click(&format!("#inv-{pid}-apply")).await?;
        app.wait_for_js(
            &format!("document.getElementById('invite-result-{pid}')"),
            PATIENCE,
        )
        .await
        .context("the applied invite was not reported")?;
        let date = app
            .js("return document.querySelector('.pf-round-date[data-round=system-design]').value")
            .await?;
        ensure!(date == iso.as_str(), "the round's date is {date}, not {iso}");
        let logistics = app.text(&format!("#pe-{pid}-logistics")).await?;
        ensure!(
            logistics.contains("Architecture and system design") && logistics.contains("meet.google.com/abc-defg-hij"),
            "times and places: {logistics}"
        );

        // The update (SEQUENCE 1, four hours later) is recognised and moves the round's time.
        app.click(".pe-invite").await?;
        set_value(&app, &format!("#inv-{pid}-text"), &google_invite(&day, 14, 1)).await?;
        app.click(&format!("#inv-{pid}-read")).await?;
        app.wait_for_js(
            &format!("document.querySelector('#inv-{pid}-events .ie-update')"),
            PATIENCE,
        )
        .await
        .context("the update was not recognised")?;
        let chosen = app
            .js(&format!("return document.getElementById('inv-{pid}-round-0').value"))
            .await?;
        ensure!(chosen == "system-design", "the update keeps its round: {chosen}");
        app.click(&format!("#inv-{pid}-apply")).await?;
        app.wait_for_js(
            &format!("(document.getElementById('invite-result-{pid}') || {{}}).textContent?.includes('moved from')"),
            PATIENCE,
        )
        .await
        .context("the update's result was not shown")?;
        let result = app.text(&format!("#invite-result-{pid}")).await?;
        ensure!(
            result.contains("moved from") && result.contains("10:00 America/New_York") && result.contains("14:00 America/New_York"),
            "what changed: {result}"
        );
        // Today says what changed too.
        open_tab(&app, "today").await?;
        app.wait_for_js(
            "document.body.textContent.includes('the invite moved it from')",
            PATIENCE,
        )
        .await
        .context("the plan does not say the invite moved the round")?;
        open_tab(&app, "setup").await?;
        app.find(&format!("#pe-{pid}-logistics")).await?;

        // An unreadable paste is refused with the reason.
        app.click(".pe-invite").await?;
        set_value(&app, &format!("#inv-{pid}-text"), "Hi, see you Tuesday!").await?;
        app.click(&format!("#inv-{pid}-read")).await?;
        app.wait_for_js(
            &format!("document.getElementById('inv-{pid}-status').textContent.includes('BEGIN:VCALENDAR')"),
            PATIENCE,
        )
        .await
        .context("a text that is no invite is not explained")?;
        set_value(&app, &format!("#inv-{pid}-text"), &google_invite(&day, 14, 1)).await?;
        app.click(&format!("#inv-{pid}-read")).await?;
        app.find(&format!("#inv-{pid}-events .ie-same")).await?;

        app.open_screen("settings").await?;
        set_theme(&app, "dark").await?;
        app.open_screen("planner").await?;
        open_tab(&app, "setup").await?;
        app.click(".pe-invite").await?;
        set_value(&app, &format!("#inv-{pid}-text"), &google_invite(&day, 14, 1)).await?;
        app.click(&format!("#inv-{pid}-read")).await?;
        app.find(&format!("#inv-{pid}-events .invite-event")).await?;
        shot(&app, "invite-dark").await?;
        app.set_window_size(480, 900).await?;
        shot(&app, "invite-narrow-dark").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_offer_is_placed_in_the_packs_salary_range() {
    run("logistics_offer", |h: Harness| async move {
        let app = h.launch().await?;
        app.set_window_size(1280, 900).await?;
        interview_process(&app).await?;
        let pid = app
            .js("return document.querySelector('#planner-setup .process-card').dataset.process")
            .await?;
        let pid = pid.as_str().context("no process id")?.to_string();
        app.click(".pe-offer").await?;
        app.find(&format!("#offer-{pid}-base")).await?;
        let currency = app
            .js(&format!(
                "return document.getElementById('offer-{pid}-currency').value"
            ))
            .await?;
        ensure!(
            currency == "EUR",
            "the range's currency is suggested: {currency}"
        );

        // A wrong amount is refused and named.
        app.find(&format!("#offer-{pid}-base"))
            .await?
            .send_keys("lots")
            .await?;
        app.find(&format!("#offer-{pid}-base"))
            .await?
            .send_keys(&Key::Enter.to_string())
            .await?;
        app.wait_for_js(
            &format!("document.getElementById('offer-{pid}-status').textContent.includes('base:')"),
            PATIENCE,
        )
        .await
        .context("a wrong base is not explained")?;

        set_value(&app, &format!("#offer-{pid}-base"), "112,500").await?;
        set_value(&app, &format!("#offer-{pid}-bonus"), "10% target").await?;
        app.click(&format!("#offer-{pid}-save")).await?;
        app.wait_for_js(
            &format!("document.querySelector('#offer-check-{pid}.verdict-inside')"),
            PATIENCE,
        )
        .await
        .context("the offer was not placed inside the range")?;
        let check = app.text(&format!("#offer-check-{pid}")).await?;
        for part in [
            "50%",
            "85,000",
            "140,000",
            "Prep Hub",
            "linear",
            "How should I use the salary range",
        ] {
            ensure!(
                check.contains(part),
                "'{part}' missing from the check: {check}"
            );
        }
        shot(&app, "offer-light").await?;

        set_value(&app, &format!("#offer-{pid}-currency"), "usd").await?;
        app.click(&format!("#offer-{pid}-save")).await?;
        app.wait_for_js(
            &format!("document.querySelector('#offer-check-{pid}.verdict-other_currency')"),
            PATIENCE,
        )
        .await?;
        let check = app.text(&format!("#offer-check-{pid}")).await?;
        ensure!(check.contains("Nothing is converted"), "{check}");
        app.js(&format!(
            "document.getElementById('offer-check-{pid}').scrollIntoView(); return null"
        ))
        .await?;
        shot(&app, "offer-currency-light").await?;

        set_value(&app, &format!("#offer-{pid}-currency"), "EUR").await?;
        set_value(&app, &format!("#offer-{pid}-base"), "7,000").await?;
        set_value(&app, &format!("#offer-{pid}-period"), "month").await?;
        app.click(&format!("#offer-{pid}-save")).await?;
        app.wait_for_js(
            &format!("document.querySelector('#offer-check-{pid}.verdict-below')"),
            PATIENCE,
        )
        .await?;
        ensure!(app
            .text(&format!("#offer-check-{pid}"))
            .await?
            .contains("12 months"));

        // Kept after a restart.
        h.quit().await?;
        let app = h.launch().await?;
        app.set_window_size(480, 900).await?;
        app.open_screen("settings").await?;
        set_theme(&app, "dark").await?;
        app.open_screen("planner").await?;
        open_tab(&app, "setup").await?;
        app.click(".pe-offer").await?;
        app.find(&format!("#offer-check-{pid}.verdict-below"))
            .await?;
        app.js(&format!(
            "document.getElementById('offer-{pid}-panel').scrollIntoView(); return null"
        ))
        .await?;
        shot(&app, "offer-narrow-dark").await?;
        app.js(&format!(
            "document.getElementById('offer-check-{pid}').scrollIntoView(); return null"
        ))
        .await?;
        shot(&app, "offer-check-narrow-dark").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn two_computers_sync_through_a_folder() {
    run("logistics_sync", |h: Harness| async move {
        let folder = tempfile::tempdir()?;
        let app = h.launch().await?;
        app.set_window_size(1280, 900).await?;
        app.open_screen("settings").await?;
        app.find("#sync-group #sync-folder").await?;

        // A folder that is not there is refused with the reason.
        set_value(&app, "#sync-folder", "/no/such/folder").await?;
        app.click("#sync-use").await?;
        app.wait_for_js(
            "document.getElementById('sync-status').textContent.includes('cannot be used')",
            PATIENCE,
        )
        .await
        .context("a missing folder is not explained")?;

        set_value(&app, "#sync-device-name", "work laptop").await?;
        app.click("#sync-name-save").await?;
        app.wait_for_js("document.getElementById('sync-status').textContent.includes('Name saved')", PATIENCE).await?;
        set_value(&app, "#sync-folder", &folder.path().display().to_string()).await?;
        app.click("#sync-use").await?;
        app.wait_for_js("document.querySelector('#sync-devices tbody tr')", PATIENCE)
            .await
            .context("this computer's sync is not listed")?;
        let own: Vec<_> = std::fs::read_dir(folder.path())?
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        ensure!(own.len() == 1 && own[0].starts_with("prep-hub-sync-"), "files in the folder: {own:?}");
        let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(folder.path().join(&own[0]))?)?;
        ensure!(doc["device"]["name"] == "work laptop", "device in the file: {}", doc["device"]);

        // The home laptop's file, with a rating and a note this computer does not have.
        let home = json!({
            "format": "prep-hub-progress", "format_version": 1,
            "exported_at": "2026-11-30T20:15:00.000Z",
            "device": {"id": "home-laptop-1", "name": "home laptop"},
            "tables": {
                "review": [{"id": 1, "role_id": ROLE, "question_id": "owned-system-walkthrough", "rating": 3,
                            "reviewed_at": "2026-11-30T20:00:00.000Z", "seconds": 40, "session_id": null,
                            "uid": "home-review-1"}],
                "note": [{"role_id": ROLE, "question_id": "owned-system-walkthrough",
                          "body": "From home: start with the users.", "updated_at": "2026-11-30T20:01:00.000Z"}]
            }
        });
        std::fs::write(folder.path().join("prep-hub-sync-home-laptop-1.json"), serde_json::to_vec(&home)?)?;
        std::fs::write(folder.path().join("prep-hub-sync-broken.json"), b"{ half a file")?;
        app.click("#sync-now").await?;
        app.wait_for_js(
            "document.querySelector('#sync-devices tr[data-device=home-laptop-1]')",
            PATIENCE,
        )
        .await
        .context("the home laptop is not listed after syncing")?;
        let problems = app.text("#sync-problems").await?;
        ensure!(problems.contains("prep-hub-sync-broken.json"), "the broken file is named: {problems}");
        let row = app.text("#sync-devices tr[data-device=home-laptop-1]").await?;
        ensure!(row.contains("home laptop") && row.contains("2026"), "last sync shown: {row}");
        shot(&app, "sync-light").await?;

        let said = app.text("#sync-status").await?;
        ensure!(said.contains("2 change(s) came in"), "the rating and the note came in: {said}");

        // Merging the folder again adds nothing: the rating is there once.
        app.js("document.getElementById('sync-status').textContent = ''; return null").await?;
        app.click("#sync-now").await?;
        app.wait_for_js("document.getElementById('sync-status').textContent.startsWith('Synced.')", PATIENCE).await?;
        let said = app.text("#sync-status").await?;
        ensure!(!said.contains("came in"), "a second merge changed something: {said}");
        // This computer's own file now carries the home laptop's rating (once) and note.
        let mine: serde_json::Value = serde_json::from_slice(&std::fs::read(folder.path().join(&own[0]))?)?;
        let reviews: Vec<&serde_json::Value> = mine["tables"]["review"]
            .as_array()
            .context("no reviews in this computer's file")?
            .iter()
            .filter(|r| r["uid"] == "home-review-1")
            .collect();
        ensure!(reviews.len() == 1, "the home rating is in this computer's file {} times", reviews.len());
        ensure!(
            mine["tables"]["note"][0]["body"] == "From home: start with the users.",
            "the note: {}",
            mine["tables"]["note"]
        );

        set_theme(&app, "dark").await?;
        app.find("#sync-devices").await?;
        app.js("document.getElementById('sync-group').scrollIntoView(); return null").await?;
        shot(&app, "sync-dark").await?;
        app.set_window_size(480, 900).await?;
        app.js("document.getElementById('sync-group').scrollIntoView(); return null").await?;
        shot(&app, "sync-narrow-dark").await?;
        Ok(())
    })
    .await;
}
