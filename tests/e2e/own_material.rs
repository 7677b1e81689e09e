//! Bringing one's own material: a CSV imported on the Packs screen (a refused file first, then
//! a good one), an Anki deck with its review history imported from Practice → My questions, and
//! an interview process tailored to a job posting. Screenshots of each in both themes and a
//! narrow window land in target/e2e-screenshots/own-material-*.png.

use std::path::{Path, PathBuf};

use anyhow::{ensure, Context, Result};
use prep_hub_e2e::{run, screenshot_dir, workspace_root, AppRef, Harness, PATIENCE};
use serde_json::{json, Value};

const ROLE: &str = "senior-backend-developer";

async fn shot(app: &AppRef, name: &str) -> Result<()> {
    app.settle().await?;
    app.screenshot(&screenshot_dir().join(format!("own-material-{name}.png")))
        .await
}

/// Brings an element to the top of the window before a screenshot.
async fn scroll_to(app: &AppRef, css: &str) -> Result<()> {
    app.find(css).await?;
    app.js(&format!(
        "document.querySelector({}).scrollIntoView({{ block: 'start' }}); return null",
        json!(css)
    ))
    .await?;
    Ok(())
}

async fn set_theme(app: &AppRef, theme: &str) -> Result<()> {
    app.js(&format!(
        "document.documentElement.dataset.theme = '{theme}'; return null"
    ))
    .await?;
    Ok(())
}

/// Sets a field's value as a person would and fires input and change.
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
    app.settle().await
}

/// Calls a backend command from the page (test set-up and read-back only).
async fn invoke(app: &AppRef, command: &str, args: Value) -> Result<Value> {
    app.js(&format!(
        "window.__e2e = null; window.__TAURI__.core.invoke({}, {}).then((v) => {{ window.__e2e = {{ ok: v }}; }}, (e) => {{ window.__e2e = {{ err: e }}; }}); return null",
        json!(command),
        args
    ))
    .await?;
    app.wait_for_js("window.__e2e !== null", PATIENCE).await?;
    let out = app.js("return window.__e2e").await?;
    if let Some(err) = out.get("err") {
        anyhow::bail!("{command} failed: {err}");
    }
    Ok(out["ok"].clone())
}

fn write(dir: &Path, name: &str, body: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let p = dir.join(name);
    std::fs::write(&p, body)?;
    Ok(p)
}

async fn open_file(app: &AppRef, path: &Path) -> Result<()> {
    app.find("#qimport-card .path-import").await?;
    app.js("document.querySelector('#qimport-card .path-import').open = true; return null")
        .await?;
    let input = app.find("#qimport-path").await?;
    input.clear().await?;
    input.send_keys(&path.display().to_string()).await?;
    app.click("#qimport-path-go").await?;
    app.settle().await?;
    app.find("#qimport-form").await?;
    Ok(())
}

const GOOD_CSV: &str = "Question,Answer,Focus area,Tags,Difficulty\n\
Design a feature flag service,\"Flags in a table, cached per process.\",System Design,\"feature flags, caching\",hard\n\
Tell me about a launch that slipped,Own the slip and the fix.,Behavioral,communication,easy\n\
Merge k sorted lists,A heap of the list heads.,Coding,algorithms,\n";

const BAD_CSV: &str = "Question,Answer,Focus area,Difficulty\n\
Fine question,Fine answer,System Design,\n\
,No question here,System Design,\n\
Another,Answer,Cooking,impossible\n";

#[tokio::test]
async fn a_csv_is_previewed_checked_refused_then_imported_on_the_packs_screen() {
    run("own_material_csv", |h: Harness| async move {
        let files = h.data_dir.parent().unwrap().join("files");
        let bad = write(&files, "bad.csv", BAD_CSV)?;
        let good = write(&files, "questions.csv", GOOD_CSV)?;
        let app = h.launch().await?;
        app.set_window_size(1280, 900).await?;
        app.open_screen("packs").await?;

        // A file with problems lists each with its row and column; Import stays off.
        open_file(&app, &bad).await?;
        set_value(&app, "#qimport-role", ROLE).await?;
        app.wait_for_js("document.querySelector('#qimport-problems')", PATIENCE)
            .await
            .context("no problems shown for the bad file")?;
        let problems = app.text("#qimport-problems").await?;
        for part in [
            "3 problems",
            "row 3, column A (Question)",
            "row 4, column C (Focus area)",
            "'Cooking' is not a focus area",
            "row 4, column D (Difficulty)",
        ] {
            ensure!(problems.contains(part), "{part} missing from: {problems}");
        }
        let disabled = app.js("return document.getElementById('qimport-go').disabled").await?;
        ensure!(disabled == true, "Import is offered for a file with problems");
        scroll_to(&app, "#qimport-form").await?;
        shot(&app, "csv-problems-light").await?;

        // The good file: columns guessed from the header, a preview, then one import.
        open_file(&app, &good).await?;
        set_value(&app, "#qimport-role", ROLE).await?;
        app.wait_for_js(
            "(document.querySelector('#qimport-summary') || {}).textContent?.includes('3 questions ready')",
            PATIENCE,
        )
        .await
        .context("the good file was not checked clean")?;
        let guessed = app
            .js("return ['prompt','answer','focus_area','tags','difficulty'].map((f) => document.getElementById('qimport-col-' + f).value).join(',')")
            .await?;
        ensure!(guessed == "0,1,2,3,4", "columns guessed as {guessed}");
        let rows = app.text("#qimport-rows").await?;
        ensure!(rows.contains("Design a feature flag service"), "preview: {rows}");
        scroll_to(&app, ".qimport-columns").await?;
        shot(&app, "csv-ready-light").await?;
        set_theme(&app, "dark").await?;
        shot(&app, "csv-ready-dark").await?;
        app.set_window_size(720, 900).await?;
        scroll_to(&app, ".qimport-columns").await?;
        shot(&app, "csv-ready-dark-720").await?;
        set_theme(&app, "light").await?;
        scroll_to(&app, "#qimport-check").await?;
        shot(&app, "csv-ready-light-720").await?;
        app.set_window_size(1280, 900).await?;

        app.click("#qimport-go").await?;
        app.settle().await?;
        let result = app.text("#qimport-result").await?;
        ensure!(result.contains("Imported 3 questions"), "result: {result}");
        let own = invoke(&app, "list_own_questions", json!({ "roleId": ROLE })).await?;
        let prompts: Vec<&str> = own
            .as_array()
            .context("no list")?
            .iter()
            .filter_map(|q| q["prompt"].as_str())
            .collect();
        ensure!(
            prompts == ["Design a feature flag service", "Tell me about a launch that slipped", "Merge k sorted lists"],
            "own questions: {prompts:?}"
        );

        // Importing the same file again adds nothing and says why.
        open_file(&app, &good).await?;
        set_value(&app, "#qimport-role", ROLE).await?;
        app.wait_for_js("document.querySelector('#qimport-skipped')", PATIENCE)
            .await?;
        let skipped = app.text("#qimport-problems").await?;
        ensure!(skipped.contains("already in the role"), "{skipped}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_anki_deck_and_its_history_come_in_from_my_questions() {
    run("own_material_apkg", |h: Harness| async move {
        let deck = workspace_root().join("tests/fixtures/anki/current.apkg");
        let app = h.launch().await?;
        app.set_window_size(1280, 900).await?;
        app.open_screen("practice").await?;
        app.js(&format!(
            "location.hash = '#/practice/mine?role={ROLE}'; return null"
        ))
        .await?;
        app.settle().await?;
        app.click("#own-import").await?;
        open_file(&app, &deck).await?;
        let locked = app
            .js("return document.getElementById('qimport-role').disabled")
            .await?;
        ensure!(locked == true, "the role is chosen by the screen");
        let described = app.text(".qimport-file").await?;
        ensure!(
            described.contains("collection.anki21b") && described.contains("5 notes"),
            "{described}"
        );
        set_value(
            &app,
            "#qimport-decks select[data-deck='Interview::Behavioural']",
            "area:behavioral",
        )
        .await?;
        app.wait_for_js(
            "(document.querySelector('#qimport-summary') || {}).textContent?.includes('9 reviews')",
            PATIENCE,
        )
        .await
        .context("the deck's history was not counted")?;
        let summary = app.text("#qimport-summary").await?;
        ensure!(summary.contains("5 questions ready"), "{summary}");
        ensure!(summary.contains("Behavioral 2"), "{summary}");
        scroll_to(&app, ".qimport-anki-grid").await?;
        shot(&app, "apkg-ready-light").await?;
        set_theme(&app, "dark").await?;
        shot(&app, "apkg-ready-dark").await?;
        app.set_window_size(720, 900).await?;
        scroll_to(&app, ".qimport-anki-grid").await?;
        shot(&app, "apkg-ready-dark-720").await?;
        set_theme(&app, "light").await?;
        app.set_window_size(1280, 900).await?;

        app.click("#qimport-go").await?;
        app.settle().await?;
        app.wait_for_js(
            "document.querySelectorAll('#own-list li.own-item').length === 5",
            PATIENCE,
        )
        .await
        .context("the five notes are not listed as my questions")?;
        let status = app.text("#own-status").await?;
        ensure!(status.contains("Imported 5 questions"), "{status}");
        let history = invoke(
            &app,
            "review_history",
            json!({ "roleId": ROLE, "limit": 50 }),
        )
        .await?;
        let n = history
            .as_array()
            .map(|a| a.len())
            .or_else(|| history["reviews"].as_array().map(|a| a.len()))
            .unwrap_or(0);
        ensure!(n == 9, "review history holds {n} reviews: {history}");
        shot(&app, "apkg-imported-light").await?;
        Ok(())
    })
    .await;
}

const POSTING: &str = "Senior Backend Engineer, Payments\n\
We build payment APIs. You will:\n\
• design idempotency for payments and retries\n\
• run Kafka event streaming at scale\n\
• lead incident response and postmortems\n\
• mentoring engineers\n\
Nice to have: Terraform, GraphQL.";

#[tokio::test]
async fn a_job_posting_raises_its_questions_in_the_plan_and_lists_its_gaps() {
    run("own_material_posting", |h: Harness| async move {
        let app = h.launch().await?;
        app.set_window_size(1280, 900).await?;
        let date = app
            .js("const d = new Date(); d.setDate(d.getDate() + 21); const p = (n) => String(n).padStart(2, '0'); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;")
            .await?;
        let process = invoke(
            &app,
            "save_process",
            json!({ "process": { "company": "Acme Pay", "role_id": ROLE, "interview_date": date, "rounds": [] } }),
        )
        .await?;
        let id = process["id"].as_i64().context("no process id")?;
        app.js("location.hash = '#/planner/setup'; return null").await?;
        app.settle().await?;
        app.click(&format!(".pe-tailor[data-process='{id}']")).await?;
        app.find("#tailor-text").await?;

        // An empty posting is refused with a message, nothing saved.
        app.click("#tailor-save").await?;
        app.settle().await?;
        let status = app.text("#tailor-status").await?;
        ensure!(status.contains("paste the job posting"), "{status}");

        set_value(&app, "#tailor-text", POSTING).await?;
        app.click("#tailor-save").await?;
        app.settle().await?;
        app.find("#tailor-raised").await.context("no raised questions")?;
        let raised = app.text("#tailor-raised").await?;
        ensure!(raised.contains("Raised by:"), "{raised}");
        let ids = app
            .js("return [...document.querySelectorAll('#tailor-raised li')].map((l) => l.dataset.question)")
            .await?;
        let ids: Vec<String> = serde_json::from_value(ids)?;
        for q in ["duplicate-charge-idempotency", "incident-timeline-story"] {
            ensure!(ids.iter().any(|x| x == q), "{q} not raised: {ids:?}");
        }
        let marks = app
            .js("return [...document.querySelectorAll('#tailor-posting mark')].map((m) => m.className + ':' + m.textContent)")
            .await?;
        let marks: Vec<String> = serde_json::from_value(marks)?;
        ensure!(marks.iter().any(|m| m == "mark-skill:incident response"), "{marks:?}");
        ensure!(marks.iter().any(|m| m == "mark-gap:GraphQL"), "{marks:?}");
        let gaps = app
            .js("return [...document.querySelectorAll('.tailor-gap strong')].map((s) => s.textContent)")
            .await?;
        let gaps: Vec<String> = serde_json::from_value(gaps)?;
        ensure!(gaps.iter().any(|g| g == "GraphQL"), "gaps: {gaps:?}");
        ensure!(!gaps.iter().any(|g| g == "Kafka"), "the hub covers Kafka: {gaps:?}");
        let words = app.text("#tailor-raised .tailor-words").await?;
        ensure!(!words.contains("object"), "words shown as {words}");
        let areas = app.text("#tailor-areas").await?;
        ensure!(areas.contains("weight × 1.50"), "{areas}");
        scroll_to(&app, "#tailor-panel").await?;
        shot(&app, "posting-light").await?;
        set_theme(&app, "dark").await?;
        shot(&app, "posting-dark").await?;
        scroll_to(&app, "#tailor-gaps").await?;
        shot(&app, "posting-gaps-dark").await?;
        app.set_window_size(720, 900).await?;
        scroll_to(&app, "#tailor-panel").await?;
        shot(&app, "posting-dark-720").await?;
        set_theme(&app, "light").await?;
        scroll_to(&app, "#tailor-matches").await?;
        shot(&app, "posting-light-720").await?;
        app.set_window_size(1280, 900).await?;

        // The plan raises the same questions, each with the posting's words.
        let plan = invoke(&app, "get_plan", json!({})).await?;
        let tailored = plan["tailored"].as_object().context("no tailored map")?;
        ensure!(
            tailored.contains_key(&format!("{ROLE}/duplicate-charge-idempotency")),
            "plan: {tailored:?}"
        );

        // A gap becomes a question of my own.
        let gap_index = app
            .js("return [...document.querySelectorAll('.tailor-gap strong')].findIndex((s) => s.textContent === 'GraphQL')")
            .await?;
        let i = gap_index.as_i64().context("no GraphQL gap")?;
        app.click(&format!("#tailor-gap-{i}")).await?;
        app.click("#tailor-add-gaps").await?;
        app.settle().await?;
        let added = app.text("#tailor-gaps .field-status").await?;
        ensure!(added.contains("Added 1 question"), "{added}");
        let own = invoke(&app, "list_own_questions", json!({ "roleId": ROLE })).await?;
        ensure!(
            own[0]["prompt"].as_str().unwrap_or_default().contains("GraphQL"),
            "{own}"
        );

        // Removing the posting takes the raise away.
        app.click("#tailor-remove").await?;
        app.settle().await?;
        app.find("#tailor-text").await?;
        let plan = invoke(&app, "get_plan", json!({})).await?;
        ensure!(
            plan["tailored"].as_object().is_some_and(|m| m.is_empty()),
            "still tailored: {}",
            plan["tailored"]
        );
        Ok(())
    })
    .await;
}
