//! Practice sessions, the STAR story bank and mock rounds, driven with keys and clicks.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use prep_hub_e2e::{run, AppRef, Harness, PATIENCE};
use serde_json::{json, Value};

pub(crate) const ROLE: &str = "senior-backend-developer";
pub(crate) const WAIT: Duration = PATIENCE;

/// Opens a Practice sub-view (`""`, `"mock"`, `"stories"`, `"mine"`) for `ROLE` through its route
/// and waits for that new render (not the screen that was there before).
pub(crate) async fn open_practice(app: &AppRef, view: &str) -> Result<()> {
    let param = if view.is_empty() {
        ROLE.to_string()
    } else {
        format!("{view}?role={ROLE}")
    };
    app.js(&format!(
        "const host = document.querySelector('.screen-host'); if (host) host.dataset.stale = '1';
         const target = '#/practice/' + encodeURIComponent({});
         if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
         else location.hash = target;
         return null",
        json!(param)
    ))
    .await?;
    let want = if view.is_empty() { "session" } else { view };
    app.wait_for_js(
        &format!(
            "document.querySelector('.screen-host:not([data-stale]) .screen.practice[data-view={want}][data-role={}] .practice-view > *') && !document.querySelector('.screen.practice .error-card')",
            json!(ROLE)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("the practice view '{want}' did not open"))
}

async fn current_question(app: &AppRef) -> Result<String> {
    let v = app.js("const c = document.getElementById('practice-card'); return c ? c.dataset.question : null").await?;
    v.as_str()
        .map(String::from)
        .context("no question card is shown")
}

/// Presses a key on the element that has the focus, as a user would.
async fn press(app: &AppRef, css_of_focused: &str, key: &str) -> Result<()> {
    app.find(css_of_focused).await?.send_keys(key).await?;
    Ok(())
}

async fn send_text(app: &AppRef, css: &str, text: &str) -> Result<()> {
    app.find(css).await?.send_keys(text).await?;
    Ok(())
}

#[tokio::test]
async fn keyboard_practice_undo_and_history_after_restart() {
    run("practice_keyboard", |h: Harness| async move {
        let app = h.launch().await?;
        open_practice(&app, "").await?;
        app.find("#recent-reviews").await?;
        app.click("#practice-start").await?;
        app.find("#practice-card").await?;

        // Three questions: Space reveals, a digit rates.
        let mut seen = Vec::new();
        for rating in ["3", "1", "4"] {
            let q = current_question(&app).await?;
            ensure!(!seen.contains(&q), "question {q} came twice");
            app.wait_for_js("document.activeElement && document.activeElement.id === 'pq-prompt'", WAIT).await?;
            let before = app.text("#thinking-timer .timer-value").await?;
            ensure!(before.contains(':'), "the thinking timer shows {before:?}");
            press(&app, "#pq-prompt", " ").await?;
            app.wait_for_js("!document.getElementById('pq-answer').hidden", WAIT)
                .await
                .context("Space did not reveal the answer")?;
            press(&app, "#pq-answer", rating).await?;
            app.wait_for_js(
                &format!(
                    "document.getElementById('practice-status').dataset.rating === {} && (!document.getElementById('practice-card') || document.getElementById('practice-card').dataset.question !== {})",
                    json!(rating),
                    json!(q)
                ),
                WAIT,
            )
            .await
            .with_context(|| format!("rating {rating} did not move on from {q}"))?;
            let status = app.text("#practice-status").await?;
            ensure!(status.contains("Next review"), "after rating the status reads {status:?}");
            seen.push(q);
        }

        // U takes the last rating back: the third question is shown again.
        app.wait_for_js("document.activeElement && document.activeElement.id === 'pq-prompt'", WAIT).await?;
        press(&app, "#pq-prompt", "u").await?;
        app.wait_for_js(
            &format!("document.getElementById('practice-card').dataset.question === {}", json!(seen[2])),
            WAIT,
        )
        .await
        .context("undo did not bring the third question back")?;
        let status = app.text("#practice-status").await?;
        ensure!(status.contains("Easy"), "undo status reads {status:?}");

        // Esc ends the session with a summary of the two ratings that remain.
        press(&app, "#pq-prompt", &prep_hub_e2e::Key::Escape.to_string()).await?;
        app.find("#session-summary").await?;
        let counts = app
            .js("return Object.fromEntries([...document.querySelectorAll('#summary-ratings [data-rating]')].map(d => [d.dataset.rating, d.querySelector('dd').textContent]))")
            .await?;
        ensure!(
            counts == json!({"again": "1", "hard": "0", "good": "1", "easy": "0"}),
            "summary ratings {counts}"
        );
        let line = app.text("#session-summary .summary-line").await?;
        ensure!(line.starts_with("2 questions"), "summary reads {line:?}");

        // After a restart the review history holds exactly the two remaining ratings.
        h.quit().await?;
        let app = h.launch().await?;
        open_practice(&app, "").await?;
        app.find("#recent-reviews .review-item").await?;
        let items = app
            .js("return [...document.querySelectorAll('#recent-reviews .review-item')].map(li => [li.dataset.question, li.dataset.rating])")
            .await?;
        let expected = json!([[seen[1], "1"], [seen[0], "3"]]);
        ensure!(items == expected, "review history after restart: {items}, expected {expected}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn star_story_linked_to_a_question_changes_the_coverage() {
    run("star_coverage", |h: Harness| async move {
        let app = h.launch().await?;
        open_practice(&app, "stories").await?;
        app.find("#story-coverage").await?;
        let before = app.text("#coverage-count strong").await?;
        let (covered, total) = parse_of(&before)?;
        ensure!(covered == 0 && total > 0, "coverage before any story: {before:?}");
        let qid = app
            .js("const li = document.querySelector('#coverage-questions li[data-question]'); return li ? li.dataset.question : null")
            .await?;
        let qid = qid.as_str().context("no behavioural question without a story")?.to_string();
        let unmet = app.js("return document.querySelector('[data-check=incident]').dataset.met").await?;
        ensure!(unmet == "false", "the incident check is met with no story");

        app.click("#story-new").await?;
        app.find("#story-editor").await?;
        // The editor moves focus to its title on the next frame; typing before that frame (on a
        // busy machine) sent the start of one field into another.
        app.wait_for_js("document.activeElement && document.activeElement.id === 'story-title'", WAIT)
            .await
            .context("the new story's title field did not take focus")?;
        send_text(&app, "#story-title", "Payment outage on Black Friday").await?;
        send_text(&app, "#story-situation", "Checkout failed for 20% of users at 09:12; the timeline: detected 09:14, mitigated 09:31.").await?;
        send_text(&app, "#story-task", "I was the incident commander on call.").await?;
        send_text(&app, "#story-action", "Rolled back the release as mitigation, then found the root cause in a connection pool limit.").await?;
        send_text(&app, "#story-result", "Permanent fix: pool sizing alerts and a load test in CI; no repeat since.").await?;
        send_text(&app, "#story-metrics", "MTTR 17 min; p95 checkout latency 380 ms to 120 ms").await?;
        app.click("label.check-chip:has(input[value='incident-response'])").await?;
        app.click(&format!("#story-links input[data-question={}]", json!(qid))).await?;
        app.click("#story-save").await?;

        app.wait_for_js(
            &format!(
                "document.querySelector('#coverage-count strong').textContent === {}",
                json!(format!("1 of {total}"))
            ),
            WAIT,
        )
        .await
        .context("coverage did not count the linked question")?;
        let still_listed = app
            .js(&format!("return !!document.querySelector('#coverage-questions li[data-question={}]')", json!(qid)))
            .await?;
        ensure!(still_listed == false, "the linked question is still listed as without a story");
        let met = app.js("return document.querySelector('[data-check=incident]').dataset.met").await?;
        ensure!(met == "true", "the incident check is not met by a complete incident story");
        let story = app.text("#story-list .story-card h3").await?;
        ensure!(story == "Payment outage on Black Friday", "story list shows {story:?}");
        let linked = app.text("#story-list .story-question-links li").await?;
        ensure!(!linked.is_empty(), "the story does not show the question it answers");
        Ok(())
    })
    .await;
}

fn parse_of(text: &str) -> Result<(u64, u64)> {
    let mut parts = text.split(" of ");
    let a = parts.next().unwrap_or_default().trim().parse()?;
    let b = parts.next().unwrap_or_default().trim().parse()?;
    Ok((a, b))
}

/// Runs the first round's mock to its end by skipping every segment, scores it, returns the
/// average shown.
pub(crate) async fn run_mock_to_the_end(app: &AppRef, scores: &[u8]) -> Result<String> {
    open_practice(app, "mock").await?;
    app.click("#mock-start").await?;
    app.find("#mock-countdown").await?;
    let shown = app.text("#mock-countdown").await?;
    ensure!(
        shown.len() == 5 && shown.as_bytes()[2] == b':',
        "the countdown shows {shown:?}, not mm:ss"
    );
    app.click("#mock-pause").await?;
    let label = app.text("#mock-pause").await?;
    ensure!(
        label == "Resume",
        "the pause button reads {label:?} when paused"
    );
    app.click("#mock-pause").await?;
    let segments = app
        .js("return document.querySelectorAll('#mock-steps li').length")
        .await?
        .as_u64()
        .unwrap_or(0);
    ensure!(segments > 0, "the mock shows no segments");
    for i in 0..segments {
        let at = app
            .js("return document.getElementById('mock-segment-count').textContent")
            .await?;
        ensure!(
            at == Value::String(format!("Segment {} of {segments}", i + 1)),
            "segment counter reads {at}"
        );
        app.click("#mock-skip").await?;
    }
    app.find("#mock-score").await?;
    let criteria = app
        .js("return document.querySelectorAll('#mock-score .score-row').length")
        .await?
        .as_u64()
        .unwrap_or(0) as usize;
    ensure!(criteria > 0, "no criterion to score");
    for i in 0..criteria {
        let n = scores[i % scores.len()];
        app.click(&format!("label.segment:has(#score-{i}-{n})"))
            .await?;
    }
    send_text(app, "#mock-notes", "Rushed the salary answer.").await?;
    app.click("#mock-save").await?;
    app.find("#mock-result").await?;
    let avg: f64 = (0..criteria)
        .map(|i| f64::from(scores[i % scores.len()]))
        .sum::<f64>()
        / criteria as f64;
    let shown = app.text("#mock-result-score").await?;
    ensure!(
        shown == format!("{avg:.1}"),
        "the result shows {shown}, expected {avg:.1}"
    );
    Ok(shown)
}

#[tokio::test]
async fn mock_round_run_to_the_end_shows_its_score_on_progress() {
    run("mock_round", |h: Harness| async move {
        let app = h.launch().await?;
        let score = run_mock_to_the_end(&app, &[4, 3]).await?;
        app.click("#mock-to-progress").await?;
        app.wait_for_js("document.querySelector('.screen-host[data-screen=progress] #progress-mocks')", WAIT).await?;
        app.find("#mocks-table").await?;
        let cell = app.text("#mocks-table td.mock-score").await?;
        ensure!(cell == format!("{score} / 5"), "Progress shows the mock as {cell:?}");
        // Skipped through in seconds, the mock is listed but does not count towards readiness
        // (a mock counts once it ran for half of its round), and the screen says so.
        let round = app
            .js("const r = document.querySelector('#readiness-rounds tr[data-round] .mock-cell'); return r ? r.textContent : null")
            .await?;
        ensure!(round == "—", "a mock of a few seconds counts in readiness: {round}");
        let note = app.text("#readiness-evidence").await?;
        ensure!(note.contains("less than half of the round"), "the readiness note reads {note:?}");
        let chart = app
            .js("const s = document.querySelector('#progress-mocks svg[role=img]'); return s ? s.getAttribute('aria-label') : null")
            .await?;
        ensure!(chart.as_str().unwrap_or("").contains(&score), "the chart label is {chart}");
        // The mock also counts in the mock history on the Practice tab.
        open_practice(&app, "mock").await?;
        app.find("#mock-history tbody tr").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn own_question_is_added_edited_practised_and_deleted() {
    run("own_questions", |h: Harness| async move {
        let app = h.launch().await?;
        open_practice(&app, "mine").await?;
        app.find("#own-empty").await?;
        app.click("#own-new").await?;
        app.find("#own-editor").await?;
        app.js("const s = document.getElementById('own-round'); s.value = 'leadership-final'; s.dispatchEvent(new Event('change')); return null").await?;
        send_text(&app, "#own-prompt", "How did you onboard the last engineer who joined your team?").await?;
        send_text(&app, "#own-answer", "A 30-day plan, a buddy, a first change shipped in week one.").await?;
        send_text(&app, "#own-skills", "mentoring, onboarding").await?;
        send_text(&app, "#own-follow-ups", "What would you change?\nHow did you measure it?").await?;
        app.click("#own-save").await?;
        app.find("#own-list .own-item").await?;
        let prompt = app.text("#own-list .own-prompt").await?;
        ensure!(prompt.starts_with("How did you onboard"), "the list shows {prompt:?}");

        // Edit: the change shows in the list.
        app.click("#own-list .own-item button[aria-label^='Edit']").await?;
        app.find("#own-editor").await?;
        let minutes = app.find("#own-minutes").await?;
        minutes.clear().await?;
        minutes.send_keys("12").await?;
        app.click("#own-save").await?;
        app.wait_for_js("document.querySelector('#own-list .own-item') && document.querySelector('#own-list .own-item').textContent.replace(/\\u00a0/g, ' ').includes('12 min')", WAIT)
            .await
            .context("the edited minutes are not shown")?;

        // It joins a practice session of its round.
        open_practice(&app, "").await?;
        app.click("label.segment:has(#scope-kind-round)").await?;
        app.js("const s = document.getElementById('scope-round'); s.value = 'leadership-final'; s.dispatchEvent(new Event('change')); return null").await?;
        app.click("#practice-start").await?;
        app.find("#practice-card").await?;
        let mut found = false;
        for _ in 0..10 {
            if app.js("return !!document.querySelector('#practice-card .own-pill')").await? == true {
                found = true;
                break;
            }
            app.click("#pq-reveal").await?;
            app.click("#pq-rating button[data-rating='3']").await?;
            app.settle().await?;
            if app.js("return !!document.getElementById('session-summary')").await? == true {
                break;
            }
        }
        ensure!(found, "the own question never came up in its round");

        // Delete asks first, then removes it.
        open_practice(&app, "mine").await?;
        app.click("#own-list .own-item button[aria-label^='Delete']").await?;
        app.click("#own-list .confirm-box .danger-fill").await?;
        app.find("#own-empty").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn interview_mode_hides_difficulty_tags_and_hints_until_the_reveal() {
    run("interview_mode", |h: Harness| async move {
        let app = h.launch().await?;
        app.js("return window.__TAURI__.core.invoke('update_settings', {patch: {interview_mode: true}}).then(() => null)").await?;
        // The setting is read at start-up, as after changing it in Settings and coming back.
        h.quit().await?;
        let app = h.launch().await?;
        open_practice(&app, "").await?;
        app.find("#interview-mode-note").await?;
        app.click("#practice-start").await?;
        app.find("#practice-card").await?;
        let before = app
            .js("return [document.getElementById('pq-meta').hidden, !!document.getElementById('pq-hint-button')]")
            .await?;
        ensure!(before == json!([true, false]), "before the reveal (meta hidden, hint button): {before}");
        app.click("#pq-reveal").await?;
        let after = app.js("return document.getElementById('pq-meta').hidden").await?;
        ensure!(after == false, "difficulty and tags stay hidden after the reveal");

        // Draft, favourite flag and note are saved for the question. With nothing written
        // before the reveal the answer takes the room; the draft box comes back on request.
        app.click("#pq-draft-show").await?;
        send_text(&app, "#pq-draft", "First try: start with the numbers.").await?;
        app.click("#pq-draft-save").await?;
        app.wait_for_js("document.querySelectorAll('#pq-drafts .draft-item').length === 1", WAIT)
            .await
            .context("the saved draft is not listed")?;
        app.click("#pq-flag-favourite").await?;
        app.wait_for_js("document.getElementById('pq-flag-favourite').getAttribute('aria-pressed') === 'true'", WAIT)
            .await
            .context("the favourite flag did not turn on")?;
        send_text(&app, "#pq-note", "Mention the on-call rotation.").await?;
        app.click("#pq-note-save").await?;
        app.wait_for_js("document.getElementById('pq-note-status').textContent === 'Note saved.'", WAIT)
            .await
            .context("the note was not saved")?;
        Ok(())
    })
    .await;
}
