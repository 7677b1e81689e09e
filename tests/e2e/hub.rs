//! The Library, the role hub and search, driven as a user would: clicks, keys, restarts.
//!
//! Expectations come from the built-in pack files themselves (`src-tauri/packs/builtin/`),
//! plus the figures the Senior Backend Developer hub must show.

use std::time::Duration;

use anyhow::{anyhow, ensure, Context, Result};
use prep_hub_e2e::{run, workspace_root, AppRef, Harness, Key, PATIENCE};
use serde_json::{json, Value};

const SENIOR: &str = "senior-backend-developer";
const WAIT: Duration = PATIENCE;

/// The built-in packs the app installs at start-up: every file in `src-tauri/packs/builtin/`
/// (build.rs compresses them into the app; a unit test in builtin.rs checks that all ship).
fn builtin_packs() -> Result<Vec<Value>> {
    let dir = workspace_root()
        .join("src-tauri")
        .join("packs")
        .join("builtin");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".prep.json"))
        .collect();
    paths.sort();
    let mut packs = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading built-in pack {}", path.display()))?;
        packs.push(serde_json::from_str(&text)?);
    }
    ensure!(!packs.is_empty(), "no built-in pack in {}", dir.display());
    Ok(packs)
}

fn builtin_roles() -> Result<Vec<Value>> {
    Ok(builtin_packs()?
        .into_iter()
        .flat_map(|p| p["roles"].as_array().cloned().unwrap_or_default())
        .collect())
}

fn builtin_role(id: &str) -> Result<Value> {
    builtin_roles()?
        .into_iter()
        .find(|r| r["id"] == id)
        .ok_or_else(|| anyhow!("no built-in pack provides the role '{id}' yet"))
}

fn strings(v: Value) -> Result<Vec<String>> {
    Ok(serde_json::from_value(v)?)
}

/// Opens a role's hub from the Library with a click on its card.
async fn open_hub(app: &AppRef, role: &str) -> Result<()> {
    app.open_screen("library").await?;
    app.click(&format!(
        ".role-card[data-role-id='{role}'] .role-card-link"
    ))
    .await
    .with_context(|| format!("no Library card for '{role}'"))?;
    wait_for_hub(app, role).await
}

async fn wait_for_hub(app: &AppRef, role: &str) -> Result<()> {
    app.wait_for_js(
        &format!(
            "document.querySelector('.screen-host[data-screen=hub] .screen.hub[data-role={}]')",
            json!(role)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("the hub of '{role}' did not open"))
}

#[tokio::test]
async fn library_lists_the_builtin_roles() {
    run("library_lists_builtin_roles", |h: Harness| async move {
        let roles = builtin_roles()?;
        ensure!(!roles.is_empty(), "the built-in packs hold no role");
        let app = h.launch().await?;
        app.open_screen("library").await?;
        app.find(".role-card").await?;
        let shown = strings(
            app.js("return [...document.querySelectorAll('.role-card-title')].map(h => h.textContent)")
                .await?,
        )?;
        for r in &roles {
            let title = r["title"].as_str().unwrap_or_default();
            ensure!(shown.iter().any(|s| s == title), "the Library does not show {title:?}; it shows {shown:?}");
        }
        let count = app.text(".library-count").await?;
        ensure!(count == format!("{} roles", shown.len()), "count reads {count:?}");
        ensure!(shown.len() == 16, "the Library shows {} roles, not 16", shown.len());

        // A level filter hides the other levels and updates the count.
        let level = roles[0]["level"].as_str().unwrap_or_default().to_string();
        let expected = roles.iter().filter(|r| r["level"] == level.as_str()).count();
        app.click(&format!(".library-toolbar label.segment:has(input[value={}])", json!(level)))
            .await?;
        let visible = app
            .js("return [...document.querySelectorAll('.role-card-item')].filter(li => !li.hidden).map(li => li.querySelector('.pill').textContent)")
            .await?;
        let visible = strings(visible)?;
        ensure!(visible.len() >= expected && visible.iter().all(|l| *l == level), "level filter {level} shows {visible:?}");

        // Arrow keys move between cards; Enter opens the focused one.
        app.click(".library-toolbar label.segment:has(input[value=''])").await?;
        app.find(".role-card-link").await?.send_keys(&Key::Right.to_string()).await?;
        let focused = app
            .js("return document.activeElement.closest('.role-card').dataset.roleId")
            .await?;
        let second = app
            .js("return document.querySelectorAll('.role-card')[1].dataset.roleId")
            .await?;
        ensure!(focused == second, "ArrowRight focused {focused}, not the second card {second}");
        let focused = focused.as_str().unwrap_or_default().to_string();
        app.find(".role-card-link:focus").await?.send_keys(&Key::Enter.to_string()).await?;
        wait_for_hub(&app, &focused).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn senior_backend_hub_shows_salary_rounds_and_focus_areas() {
    run("hub_senior_backend", |h: Harness| async move {
        let role = builtin_role(SENIOR)?;
        let app = h.launch().await?;
        open_hub(&app, SENIOR).await?;

        let title = app.text("#hub-title").await?;
        ensure!(title == "Senior Backend Developer", "hub title {title:?}");

        let salary = app.text("#hub-salary").await?;
        for part in ["85,000", "140,000", "EUR"] {
            ensure!(salary.contains(part), "salary reads {salary:?}, without {part}");
        }
        let source = app.text("#hub-salary-source").await?;
        ensure!(source.starts_with("Source:") && source.len() > 10, "salary source reads {source:?}");

        // The seed's twelve are the core; the rest are listed apart, "Beyond the core 12".
        let count = app.text("#hub-question-count").await?;
        ensure!(count == "12", "question count reads {count}");
        let core = app
            .js("return document.querySelectorAll('#hub-guide > .q-round .q-item').length")
            .await?;
        ensure!(core == 12, "the guide lists {core} core questions");
        let extra_title = app.text("#hub-guide-extra-title").await?;
        ensure!(extra_title == "Beyond the core 12", "the extra set is titled {extra_title:?}");
        let extra_items = app
            .js("return document.querySelectorAll('#hub-guide-extra .q-item').length")
            .await?;
        let in_pack_extra = builtin_role(SENIOR)?["questions"]
            .as_array()
            .map_or(0, |q| q.iter().filter(|q| q["extra"] == true).count());
        ensure!(
            extra_items == in_pack_extra && in_pack_extra > 0,
            "{extra_items} extra questions shown, {in_pack_extra} in the pack"
        );
        // The seed gives no year for its range, and none is shown.
        let note = app
            .js("return document.querySelector('.fact-salary .fact-note').textContent")
            .await?;
        ensure!(
            !note.as_str().unwrap_or_default().contains("20"),
            "the salary note shows a year: {note}"
        );

        // A checklist item's link to a question opens that question.
        let link = app.find("#hub-checklist a.question-link").await?;
        let target = link.attr("data-question").await?.unwrap_or_default();
        link.click().await?;
        app.wait_for_js(
            &format!(
                "(() => {{ const i = document.querySelector('.q-item[data-question={}]'); return i && i.classList.contains('open'); }})()",
                json!(target)
            ),
            WAIT,
        )
        .await
        .with_context(|| format!("the link did not open question {target}"))?;

        let rounds = strings(
            app.js("return [...document.querySelectorAll('#hub-rounds .round .round-name > span:last-child')].map(s => s.textContent)")
                .await?,
        )?;
        ensure!(rounds.len() == 5, "{} rounds shown: {rounds:?}", rounds.len());
        ensure!(rounds[0].to_lowercase().contains("recruiter"), "first round is {:?}", rounds[0]);
        let in_pack: Vec<String> = role["rounds"]
            .as_array()
            .map(|a| a.iter().map(|r| r["name"].as_str().unwrap_or_default().to_string()).collect())
            .unwrap_or_default();
        ensure!(rounds == in_pack, "rounds shown {rounds:?}, pack order {in_pack:?}");

        let pcts = strings(
            app.js("return [...document.querySelectorAll('#hub-focus-legend .focus-pct')].map(s => s.textContent)")
                .await?,
        )?;
        ensure!(pcts == ["40%", "35%", "25%"], "focus-area weights read {pcts:?}");
        let label = app
            .js("const s = document.querySelector('#hub-focus svg[role=img]'); return s ? s.getAttribute('aria-label') : ''")
            .await?;
        let label = label.as_str().unwrap_or_default();
        for area in role["focus_areas"].as_array().into_iter().flatten() {
            let name = area["name"].as_str().unwrap_or_default();
            ensure!(label.contains(name), "chart label {label:?} does not name {name}");
        }
        let pack = app.text("#hub-pack").await?;
        ensure!(pack.contains("version"), "pack line reads {pack:?}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_question_opens_and_shows_its_answer() {
    run("hub_question_opens", |h: Harness| async move {
        let app = h.launch().await?;
        open_hub(&app, SENIOR).await?;

        let first = app.find("#hub-guide .q-toggle").await?;
        let panel_id = first.attr("aria-controls").await?.unwrap_or_default();
        first.click().await?;
        app.wait_for_js(
            "document.querySelector('#hub-guide .q-toggle').getAttribute('aria-expanded') === 'true'",
            WAIT,
        )
        .await?;
        // What the panel shows is exactly the backend's sanitised answer for that question.
        let check = app
            .js(&format!(
                "const panel = document.getElementById({panel});
                 const item = panel.closest('.q-item');
                 return window.__TAURI__.core.invoke('get_role', {{ roleId: {role} }}).then(r => {{
                   const q = r.questions.find(q => q.id === item.dataset.question);
                   const shown = panel.querySelector('.q-answer .prose').innerHTML;
                   return {{ visible: !panel.hidden && panel.offsetHeight > 0, same: shown === q.answer.summary_html,
                            steps: panel.querySelectorAll('.q-structure li').length, want: q.answer.structure_html.length,
                            text: panel.innerText.length }};
                 }});",
                panel = json!(panel_id),
                role = json!(SENIOR)
            ))
            .await?;
        ensure!(check["visible"] == true, "the answer panel is not visible: {check}");
        ensure!(check["same"] == true, "the answer shown differs from the pack's: {check}");
        ensure!(check["steps"] == check["want"], "structure steps: {check}");

        // Keyboard: j moves to the next question, Enter opens it, Esc closes it.
        app.find("#hub-guide .q-toggle").await?.send_keys("j").await?;
        let second = app.js("return document.activeElement.id").await?;
        let second = second.as_str().unwrap_or_default().to_string();
        ensure!(second.starts_with("hubq-") && second != first.attr("id").await?.unwrap_or_default(),
            "j moved focus to {second:?}");
        let toggle = app.find(&format!("#{second}")).await?;
        toggle.send_keys(&Key::Enter.to_string()).await?;
        app.wait_for_js(
            &format!("document.getElementById({}).getAttribute('aria-expanded') === 'true'", json!(second)),
            WAIT,
        )
        .await?;
        toggle.send_keys(&Key::Escape.to_string()).await?;
        app.wait_for_js(
            &format!("document.getElementById({}).getAttribute('aria-expanded') === 'false'", json!(second)),
            WAIT,
        )
        .await
        .context("Esc did not close the question")?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_checklist_tick_survives_a_restart() {
    run("hub_checklist_restart", |h: Harness| async move {
        let role = builtin_role(SENIOR)?;
        let item = role["checklist"][0]["id"].as_str().unwrap_or_default().to_string();
        let total = role["checklist"].as_array().map(|a| a.len()).unwrap_or_default();
        ensure!(total > 0, "the role has no checklist");

        let app = h.launch().await?;
        open_hub(&app, SENIOR).await?;
        let box_id = app
            .js(&format!("return document.querySelector('#hub-checklist input[data-item={}]').id", json!(item)))
            .await?;
        let box_id = box_id.as_str().unwrap_or_default().to_string();
        ensure!(app.js(&format!("return document.getElementById('{box_id}').checked")).await? == false,
            "the item starts ticked");
        app.click(&format!("#{box_id}")).await?;
        // Saved once the box is enabled again and the count moved.
        app.wait_for_js(
            &format!("(() => {{ const b = document.getElementById('{box_id}'); return b.checked && !b.disabled && document.getElementById('hub-checklist-count').textContent === '1 of {total} done'; }})()"),
            WAIT,
        )
        .await?;

        h.quit().await?;
        let app = h.launch().await?;
        // The hub remembers the active role: the sidebar's Role hub opens it directly.
        app.open_screen("hub").await?;
        wait_for_hub(&app, SENIOR).await?;
        let ticked = app.js(&format!("return document.getElementById('{box_id}').checked")).await?;
        ensure!(ticked == true, "after a restart the item is not ticked");
        let count = app.text("#hub-checklist-count").await?;
        ensure!(count == format!("1 of {total} done"), "after a restart the count reads {count:?}");

        // Unticking is saved too.
        app.click(&format!("#{box_id}")).await?;
        app.wait_for_js(
            &format!("(() => {{ const b = document.getElementById('{box_id}'); return !b.checked && !b.disabled; }})()"),
            WAIT,
        )
        .await?;
        let ticks = app
            .js(&format!("return window.__TAURI__.core.invoke('get_role', {{ roleId: {} }}).then(r => Object.keys(r.checklist_ticks).length)", json!(SENIOR)))
            .await?;
        ensure!(ticks == 0, "{ticks} ticks remain after unticking");
        Ok(())
    })
    .await;
}

/// A word of `question`'s answer that is not in its prompt, the rarest across the built-in packs.
fn answer_only_word(question: &Value, corpus: &str) -> Option<String> {
    let prompt = question["prompt"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    let summary = question["answer"]["summary"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    summary
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 6 && w.chars().all(|c| c.is_alphabetic()) && !prompt.contains(*w))
        .map(|w| (corpus.matches(w).count(), w.to_string()))
        .min()
        .map(|(_, w)| w)
}

#[tokio::test]
async fn ctrl_k_search_finds_a_question_by_a_word_in_its_answer() {
    run("search_ctrl_k", |h: Harness| async move {
        let role = builtin_role(SENIOR)?;
        let corpus = serde_json::to_string(&builtin_packs()?)?.to_lowercase();
        let (qid, word) = role["questions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|q| answer_only_word(q, &corpus).map(|w| (corpus.matches(&w).count(), q["id"].as_str().unwrap_or_default().to_string(), w)))
            .min()
            .map(|(_, q, w)| (q, w))
            .ok_or_else(|| anyhow!("no question has a word only in its answer"))?;

        let app = h.launch().await?;
        app.open_screen("library").await?;
        // Ctrl+K from wherever the focus is.
        app.find(".nav-link[data-screen=library]")
            .await?
            .send_keys(&format!("{}k", Key::Control))
            .await?;
        app.wait_for_js(
            "!document.getElementById('search-overlay').hidden && document.activeElement.id === 'search-input'",
            WAIT,
        )
        .await
        .context("Ctrl+K did not open the search")?;
        let dialog = app
            .js("const d = document.querySelector('.search-dialog'); return [d.getAttribute('role'), d.getAttribute('aria-modal')]")
            .await?;
        ensure!(dialog == json!(["dialog", "true"]), "search dialog attributes {dialog}");

        app.find("#search-input").await?.send_keys(&word).await?;
        let hit = format!(
            "#search-results .search-hit[data-role={}][data-kind=question][data-item={}]",
            json!(SENIOR),
            json!(qid)
        );
        app.wait_for_js(&format!("document.querySelector({})", json!(hit)), WAIT)
            .await
            .with_context(|| format!("searching {word:?} did not list question {qid}"))?;
        let marked = strings(
            app.js(&format!("return [...document.querySelector({}).querySelectorAll('mark')].map(m => m.textContent.toLowerCase())", json!(hit)))
                .await?,
        )?;
        ensure!(marked.iter().any(|m| m.starts_with(&word)), "the match is not marked: {marked:?}");

        // Arrow down to that result, then Enter opens it in its hub.
        let index = app
            .js(&format!("return [...document.querySelectorAll('#search-results .search-hit')].indexOf(document.querySelector({}))", json!(hit)))
            .await?
            .as_u64()
            .unwrap_or_default();
        let input = app.find("#search-input").await?;
        for _ in 0..index {
            input.send_keys(&Key::Down.to_string()).await?;
        }
        let selected = app
            .js("const s = document.querySelector('#search-results [aria-selected=true]'); return s && s.dataset.item")
            .await?;
        ensure!(selected == json!(qid), "selected result is {selected}, not {qid}");
        input.send_keys(&Key::Enter.to_string()).await?;
        wait_for_hub(&app, SENIOR).await?;
        app.wait_for_js(
            &format!(
                "(() => {{ const t = document.querySelector('#hub-guide .q-item[data-question={}] .q-toggle'); return t && t.getAttribute('aria-expanded') === 'true' && document.activeElement === t; }})()",
                json!(qid)
            ),
            WAIT,
        )
        .await
        .context("the hub did not open and focus the found question")?;
        let hidden = app.js("return document.getElementById('search-overlay').hidden").await?;
        ensure!(hidden == true, "the search stayed open");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_related_role_link_opens_that_hub_when_installed() {
    run("hub_related_role", |h: Harness| async move {
        let app = h.launch().await?;
        open_hub(&app, SENIOR).await?;
        let cards = app
            .js("return [...document.querySelectorAll('#hub-related .related-card')].map(li => ({ role: li.dataset.role, installed: !li.classList.contains('not-installed'), link: !!li.querySelector('a.related-link'), text: li.innerText }))")
            .await?;
        let cards = cards.as_array().cloned().unwrap_or_default();
        ensure!(!cards.is_empty(), "the Senior Backend Developer hub lists no related role");
        let role = builtin_role(SENIOR)?;
        for r in role["related_roles"].as_array().into_iter().flatten() {
            let card = cards
                .iter()
                .find(|c| c["role"] == r["role"])
                .ok_or_else(|| anyhow!("related role {} is not shown", r["role"]))?;
            if card["installed"] == false {
                ensure!(card["link"] == false, "a role that is not installed has a link: {card}");
                let text = card["text"].as_str().unwrap_or_default();
                ensure!(text.contains("Not installed"), "card of a missing role reads {text:?}");
                if let Some(pack) = r["pack"].as_str() {
                    ensure!(text.contains(pack), "card of a missing role does not name its pack {pack}: {text:?}");
                }
            }
        }
        let Some(target) = cards.iter().find(|c| c["installed"] == true) else {
            eprintln!("SKIPPED: no related role of {SENIOR} is installed yet; the link assertion did not run");
            return Ok(());
        };
        let target = target["role"].as_str().unwrap_or_default().to_string();
        app.click(&format!("#hub-related .related-card[data-role={}] a.related-link", json!(target)))
            .await?;
        wait_for_hub(&app, &target).await?;
        let title = app.text("#hub-title").await?;
        if let Ok(r) = builtin_role(&target) {
            ensure!(title == r["title"].as_str().unwrap_or_default(), "the related hub is titled {title:?}");
        }
        Ok(())
    })
    .await;
}

/// The security rule of the hub: pack text that looks like HTML is shown as text, never parsed.
#[tokio::test]
async fn pack_text_that_looks_like_html_stays_text() {
    run("hub_text_only", |h: Harness| async move {
        const EVIL: &str = "<img src=x onerror=\"document.body.dataset.pwned='1'\">";
        let mut pack: Value = serde_json::from_str(&std::fs::read_to_string(
            workspace_root().join("tests/packs/valid-base.prep.json"),
        )?)?;
        let role = &mut pack["roles"][0];
        role["title"] = json!(format!("Role {EVIL}"));
        role["overview"] = json!(format!("Overview {EVIL} <script>document.body.dataset.pwned='1'</script>"));
        role["questions"][0]["prompt"] = json!(format!("<b>Bold</b> prompt {EVIL}"));
        role["questions"][0]["follow_ups"] = json!([format!("Follow {EVIL}")]);
        role["questions"][0]["skills"] = json!([format!("<i>skill</i>")]);
        role["faq"][0]["question"] = json!(format!("Why {EVIL}?"));
        role["star_examples"][0]["metrics"] = json!([format!("{EVIL} metric")]);
        let file = tempfile::Builder::new().suffix(".prep.json").tempfile()?;
        std::fs::write(file.path(), serde_json::to_vec(&pack)?)?;

        let app = h.launch().await?;
        let report = app
            .js(&format!(
                "return window.__TAURI__.core.invoke('import_pack_file', {{ path: {}, reinstall: false }}).then(r => r.pack_id, e => 'error: ' + e.message)",
                json!(file.path())
            ))
            .await?;
        ensure!(report == "corpus.base", "the test pack was not imported: {report}");
        let role_id = pack["roles"][0]["id"].as_str().unwrap_or_default().to_string();
        open_hub(&app, &role_id).await?;
        app.click("#hub-guide .q-toggle").await?;
        app.js("document.querySelectorAll('#hub-faq details').forEach(d => d.open = true); return null").await?;
        app.settle().await?;

        let title = app.js("return document.getElementById('hub-title').textContent").await?;
        ensure!(title == json!(format!("Role {EVIL}")), "the title shows {title}");
        let prompt = app.js("return document.querySelector('#hub-guide .q-prompt').textContent").await?;
        ensure!(prompt == json!(format!("<b>Bold</b> prompt {EVIL}")), "the prompt shows {prompt}");
        let parsed = app
            .js("return document.querySelectorAll('.screen.hub img, .screen.hub script, .screen.hub b, .screen.hub i, .screen.hub [onerror]').length")
            .await?;
        ensure!(parsed == 0, "{parsed} elements came from pack text");

        // Search results are text too.
        app.find(".nav-link[data-screen=library]").await?.send_keys(&format!("{}k", Key::Control)).await?;
        app.find("#search-input").await?.send_keys("bold").await?;
        app.wait_for_js("document.querySelector('#search-results .search-hit')", WAIT).await?;
        let parsed = app
            .js("return document.querySelectorAll('#search-results img, #search-results b, #search-results [onerror]').length")
            .await?;
        ensure!(parsed == 0, "{parsed} elements in the search results came from pack text");
        let pwned = app.js("return document.body.dataset.pwned || null").await?;
        ensure!(pwned.is_null(), "pack text ran code");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn every_built_in_hub_opens_with_its_questions_and_stories() {
    run("hub_every_role", |h: Harness| async move {
        let app = h.launch().await?;
        for role in builtin_roles()? {
            let id = role["id"].as_str().unwrap_or_default();
            open_hub(&app, id).await?;
            app.settle().await?;
            let error = app
                .js("const e = document.querySelector('.screen-host .error-card, .toast-error'); return e ? e.textContent : null")
                .await?;
            ensure!(error.is_null(), "the hub of {id} shows an error: {error}");
            let shown = app.js("return document.querySelectorAll('#hub-guide .q-item').length").await?;
            let in_pack = role["questions"].as_array().map_or(0, |q| q.len());
            ensure!(shown == in_pack, "{id}: {shown} questions shown, {in_pack} in the pack");
            let stars = app.js("return document.querySelectorAll('.star-card').length").await?;
            let in_pack = role["star_examples"].as_array().map_or(0, |s| s.len());
            ensure!(stars == in_pack, "{id}: {stars} STAR stories shown, {in_pack} in the pack");
            let lessons = app.js("return document.querySelectorAll('.star-card .outcome-pill').length").await?;
            ensure!(lessons.as_u64().unwrap_or(0) >= 1, "{id}: no story marked with a mixed or failed outcome");
        }
        // The senior hub's extra set and a story that went wrong, in both themes.
        for theme in ["light", "dark"] {
            app.open_screen("settings").await?;
            app.click(&format!("label.segment:has(#theme-{theme})")).await?;
            open_hub(&app, SENIOR).await?;
            app.js("document.getElementById('hub-guide-extra').scrollIntoView(); return null").await?;
            app.settle().await?;
            app.screenshot(&prep_hub_e2e::screenshot_dir().join(format!("hub-extra-{theme}.png"))).await?;
            app.js("document.querySelector('.star-card:has(.outcome-pill)').scrollIntoView(); return null").await?;
            app.settle().await?;
            app.screenshot(&prep_hub_e2e::screenshot_dir().join(format!("hub-star-outcome-{theme}.png"))).await?;
        }
        Ok(())
    })
    .await;
}
