//! Script injection: every payload of `tests/fixtures/injection-payloads.txt` in every text field
//! of a pack and in everything a user types (notes, drafts, own questions, stories, interview
//! processes, debriefs, the search box). Every screen that shows them is visited; nothing may
//! run, no markup may be made from them, the content security policy must never have had to
//! block anything, and nothing may be requested from outside the app.

use anyhow::{ensure, Context, Result};
use prep_hub_e2e::{run, screenshot_dir, workspace_root, AppRef, Harness, PATIENCE};
use serde_json::{json, Value};

const ROLE: &str = "corpus-role";

fn payloads() -> Result<Vec<String>> {
    let text =
        std::fs::read_to_string(workspace_root().join("tests/fixtures/injection-payloads.txt"))?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// Keys whose strings are ids, numbers or fixed words: left as they are (the lists and objects
/// under them are still visited: a role's `questions` are objects, a story's are ids).
const STRUCTURAL: &[&str] = &[
    "format_version",
    "id",
    "version",
    "language",
    "license",
    "round",
    "focus_area",
    "level",
    "difficulty",
    "currency",
    "source",
    "role",
    "pack",
    "questions",
    "competencies",
    "tags",
    "focus_areas",
    "year",
    "minutes",
    "weight",
    "min",
    "max",
    "outcome",
    "extra",
    "url",
];

/// Puts a payload into every text field, cycling through the list; returns how many fields.
fn poison(
    v: &mut Value,
    key: &str,
    payloads: &[String],
    next: &mut usize,
    markdown: bool,
) -> usize {
    match v {
        Value::String(s) if !STRUCTURAL.contains(&key) => {
            // Pack titles refuse invisible and direction-changing characters (they are tried
            // below in the user's own text and in Markdown fields instead).
            let usable: Vec<&String> = payloads
                .iter()
                .filter(|p| {
                    markdown
                        || p.chars()
                            .all(|c| !c.is_control() && !matches!(c, '\u{200b}' | '\u{202e}'))
                })
                .filter(|p| !p.contains('\u{202e}'))
                .collect();
            let p = usable[*next % usable.len()];
            *next += 1;
            *s = format!("{s} {p}");
            1
        }
        Value::Array(items) => items
            .iter_mut()
            .map(|i| poison(i, key, payloads, next, markdown))
            .sum(),
        Value::Object(map) => map
            .iter_mut()
            .map(|(k, i)| {
                let md = matches!(
                    k.as_str(),
                    "overview"
                        | "expectation"
                        | "purpose"
                        | "summary"
                        | "structure"
                        | "trade_offs"
                        | "strong_signal"
                        | "example"
                        | "instructions"
                        | "situation"
                        | "task"
                        | "action"
                        | "result"
                        | "text"
                        | "answer"
                );
                poison(i, k, payloads, next, md)
            })
            .sum(),
        _ => 0,
    }
}

/// What must hold on any screen that shows the payloads.
async fn nothing_ran(app: &AppRef, where_: &str) -> Result<()> {
    app.settle().await?;
    let report = app
        .js(
            "const bad = document.querySelectorAll(
               'body iframe, body object, body embed, base, meta[http-equiv], body svg script, form[action],'
               + ' [onerror], [onload], [onfocus], [ontoggle], [onstart], [onclick]:not(button):not(a):not(input),'
               + ' img[src*=\"198.51.100\"], link[href*=\"198.51.100\"], [style*=\"198.51.100\"],'
               + ' a[href^=\"javascript\" i], a[href^=\"data\" i], a[href*=\"198.51.100\"]');
             const scripts = [...document.scripts].filter(s => !(s.type === 'module' && s.src.startsWith(location.origin)));
             const outside = performance.getEntriesByType('resource').map(e => e.name)
               .filter(n => !n.startsWith(location.origin) && !n.startsWith('ipc:') && !n.startsWith('http://ipc.localhost'));
             return { pwned: window.__pwned ?? null, violations: window.__violations || [],
                      markup: [...bad].slice(0, 5).map(e => e.outerHTML.slice(0, 120)),
                      scripts: scripts.map(s => s.outerHTML.slice(0, 120)), outside };",
        )
        .await?;
    ensure!(
        report["pwned"].is_null(),
        "{where_}: a payload ran ({})",
        report["pwned"]
    );
    ensure!(
        report["violations"]
            .as_array()
            .is_some_and(|v| v.is_empty()),
        "{where_}: the content security policy had to block {}",
        report["violations"]
    );
    ensure!(
        report["markup"].as_array().is_some_and(|v| v.is_empty()),
        "{where_}: markup made from a payload: {}",
        report["markup"]
    );
    ensure!(
        report["scripts"].as_array().is_some_and(|v| v.is_empty()),
        "{where_}: a script element that is not the app's: {}",
        report["scripts"]
    );
    ensure!(
        report["outside"].as_array().is_some_and(|v| v.is_empty()),
        "{where_}: requests outside the app: {}",
        report["outside"]
    );
    Ok(())
}

async fn invoke(app: &AppRef, command: &str, args: Value) -> Result<Value> {
    let v = app
        .js(&format!(
            "return window.__TAURI__.core.invoke({}, {}).then(r => ({{ ok: r }}), e => ({{ error: e.message || String(e) }}))",
            json!(command),
            args
        ))
        .await?;
    ensure!(v.get("error").is_none(), "{command} failed: {}", v["error"]);
    Ok(v["ok"].clone())
}

async fn visit(app: &AppRef, hash: &str, ready: &str) -> Result<()> {
    app.js(&format!("location.hash = {}; return null", json!(hash)))
        .await?;
    app.wait_for_js(ready, PATIENCE)
        .await
        .with_context(|| format!("{hash} did not show"))?;
    Ok(())
}

#[tokio::test]
async fn no_payload_in_any_field_runs_or_loads_anything() {
    run("injection", |h: Harness| async move {
        let payloads = payloads()?;
        ensure!(payloads.len() >= 40, "only {} payloads", payloads.len());
        let mut pack: Value = serde_json::from_str(&std::fs::read_to_string(
            workspace_root().join("tests/packs/valid-base.prep.json"),
        )?)?;
        let mut next = 0;
        let fields = poison(&mut pack, "", &payloads, &mut next, false);
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("payloads.prep.json");
        std::fs::write(&file, serde_json::to_string_pretty(&pack)?)?;

        let app = h.launch().await?;
        app.js("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); return null")
            .await?;
        invoke(&app, "import_pack_file", json!({ "path": file, "reinstall": false })).await?;

        // Everything a user types, with every payload.
        let all = payloads.join("\n");
        let q = "q1";
        invoke(&app, "save_note", json!({ "roleId": ROLE, "questionId": q, "body": all })).await?;
        invoke(&app, "save_draft", json!({ "roleId": ROLE, "questionId": q, "body": all })).await?;
        for (i, p) in payloads.iter().enumerate().take(12) {
            invoke(&app, "save_own_question", json!({ "roleId": ROLE, "question": {
                "round_id": "screen", "focus_area": "design", "prompt": p, "answer": all,
                "skills": [p], "follow_ups": [p], "difficulty": "foundational", "minutes": 10 + i } })).await?;
        }
        invoke(&app, "save_story", json!({ "story": {
            "title": payloads[0], "situation": all, "task": all, "action": all, "result": all,
            "metrics": all, "competencies": [payloads[3].clone()], "links": [{ "role_id": ROLE, "question_id": q }] } })).await?;
        let today = app.js("return new Date().toISOString().slice(0, 10)").await?;
        let date = app.js("const d = new Date(); d.setDate(d.getDate() + 20); return d.toISOString().slice(0, 10)").await?;
        let process = invoke(&app, "save_process", json!({ "process": {
            "company": payloads[5].clone(), "role_id": ROLE, "interview_date": date, "rounds": [] } })).await?;
        invoke(&app, "save_debrief", json!({ "debrief": {
            "process_id": process["id"], "round_id": "screen", "held_on": today, "went": 2,
            "notes": all, "question_ids": [q], "new_questions": [payloads[7].clone()] } })).await?;
        invoke(&app, "update_settings", json!({ "patch": { "active_role": ROLE } })).await?;
        let inputs = 2 + 12 * 4 + 7 + 1 + 3;

        // Every screen that shows them.
        visit(&app, "#/library", "document.querySelector('.screen-host[data-screen=library] .role-card')").await?;
        nothing_ran(&app, "library").await?;
        visit(&app, &format!("#/hub/{ROLE}"), "document.querySelector('.screen.hub')").await?;
        app.js("document.querySelectorAll('.q-toggle').forEach(b => b.click()); document.querySelectorAll('details').forEach(d => d.open = true); return null").await?;
        nothing_ran(&app, "role hub").await?;
        // Shown as the text it is, character for character.
        let title = app.js("return document.getElementById('hub-title').textContent").await?;
        ensure!(title == pack["roles"][0]["title"], "the hub title reads {title}, the pack says {}", pack["roles"][0]["title"]);
        app.screenshot(&screenshot_dir().join("injection-hub.png")).await?;
        visit(&app, &format!("#/practice/{ROLE}"), "document.querySelector('.screen.practice')").await?;
        if app.js("return !!document.getElementById('practice-start')").await? == true {
            app.click("#practice-start").await?;
            app.find("#pq-reveal").await?;
            app.js("document.getElementById('pq-reveal').click(); return null").await?;
        }
        nothing_ran(&app, "practice").await?;
        for view in ["mine", "stories"] {
            visit(&app, &format!("#/practice/{view}?role={ROLE}"), &format!("document.querySelector('.screen.practice[data-view={view}]')")).await?;
            nothing_ran(&app, view).await?;
        }
        for screen in ["progress", "planner", "packs", "settings"] {
            visit(&app, &format!("#/{screen}"), &format!("document.querySelector('.screen-host[data-screen={screen}]')")).await?;
            nothing_ran(&app, screen).await?;
        }
        // The search box, typed into as a user would.
        app.click("#search-trigger").await?;
        let input = app.find("#search-input").await?;
        for p in payloads.iter().take(20) {
            input.clear().await?;
            input.send_keys(p).await?;
            app.settle().await?;
        }
        input.clear().await?;
        input.send_keys("corpus").await?;
        app.settle().await?;
        nothing_ran(&app, "search").await?;
        println!(
            "injection: {} payloads in {fields} pack fields and {inputs} user inputs, 20 typed searches; nothing ran, nothing was requested",
            payloads.len()
        );
        Ok(())
    })
    .await;
}
