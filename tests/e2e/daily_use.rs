//! What a person practising every evening meets again and again: the answer in view after the
//! reveal with the rating bar in reach, when each rating brings the question back, radio
//! buttons and checkboxes that show their state in the dark theme, and one active role that
//! every screen shares.

use anyhow::{ensure, Context, Result};
use prep_hub_e2e::{run, screenshot_dir, AppRef, Harness, PATIENCE};
use serde_json::{json, Value};

use crate::practice::{open_practice, ROLE};
use crate::screens::WIDTHS;

async fn shot(app: &AppRef, name: &str) -> Result<()> {
    app.settle().await?;
    app.screenshot(&screenshot_dir().join(format!("{name}.png")))
        .await
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

/// Where the answer and the rating bar are in the window: [answer top, rating top, rating
/// bottom, window height].
async fn geometry(app: &AppRef) -> Result<Vec<f64>> {
    let v = app
        .js(
            "const a = document.getElementById('pq-answer').getBoundingClientRect();
             const r = document.getElementById('pq-rating').getBoundingClientRect();
             return [a.top, r.top, r.bottom, innerHeight]",
        )
        .await?;
    serde_json::from_value(v).context("no geometry")
}

#[tokio::test]
async fn the_reveal_puts_the_answer_in_view_with_when_each_rating_brings_it_back() {
    run("practice_reveal", |h: Harness| async move {
        let app = h.launch().await?;
        for theme in ["light", "dark"] {
            set_theme(&app, theme).await?;
            for (width, size) in WIDTHS {
                app.set_window_size(width, 760).await?;
                open_practice(&app, "").await?;
                app.click("#practice-start").await?;
                app.wait_for_js("document.activeElement && document.activeElement.id === 'pq-prompt'", PATIENCE).await?;
                // Space reveals, as a user does.
                app.find("#pq-prompt").await?.send_keys(" ").await?;
                app.wait_for_js("!document.getElementById('pq-answer').hidden", PATIENCE)
                    .await
                    .context("Space did not reveal the answer")?;
                app.settle().await?;

                // The answer starts in the window, above the rating bar, with room to read.
                let g = geometry(&app).await?;
                let (answer_top, rating_top, rating_bottom, height) = (g[0], g[1], g[2], g[3]);
                ensure!(
                    answer_top >= 0.0 && answer_top <= rating_top - 120.0,
                    "{theme} {width} px: the answer starts at {answer_top} px, the rating bar at {rating_top} px (window {height} px)"
                );
                ensure!(rating_bottom <= height + 1.0, "{theme} {width} px: the rating bar ends at {rating_bottom}, below the window ({height})");

                // The thinking time stopped and reads as the time taken.
                let timer = app.text("#thinking-timer").await?;
                ensure!(timer.to_lowercase().contains("time taken"), "the timer reads {timer:?}");

                // Under each rating: when the question comes back, later for a better rating.
                let labels = app
                    .js("return [...document.querySelectorAll('#pq-rating .rate-btn')].map((b) => { const i = b.querySelector('.rate-interval'); return i ? [b.dataset.rating, i.textContent.replace(/^, comes back in /, ''), i.dataset.due] : [b.dataset.rating, null, null]; })")
                    .await?;
                let labels: Vec<(String, Option<String>, Option<String>)> = serde_json::from_value(labels)?;
                ensure!(labels.len() == 4, "rating buttons: {labels:?}");
                let unit = regex_lite_units();
                for (rating, label, due) in &labels {
                    let label = label.as_deref().unwrap_or_default();
                    ensure!(unit(label), "rating {rating} has no interval label: {labels:?}");
                    ensure!(due.is_some(), "rating {rating} has no due instant");
                }
                let dues: Vec<&str> = labels.iter().map(|l| l.2.as_deref().unwrap_or_default()).collect();
                ensure!(dues.windows(2).all(|w| w[0] <= w[1]), "a better rating brings it back sooner: {labels:?}");
                ensure!(labels[0].1.as_deref().unwrap_or_default().ends_with("min"), "Again should come back within minutes: {labels:?}");
                shot(&app, &format!("practice-reveal-{theme}{size}")).await?;

                // However long the answer, the rating bar stays at the bottom of the window.
                app.js("const m = document.getElementById('main'); m.scrollTop = m.scrollHeight; return null").await?;
                app.settle().await?;
                let g = geometry(&app).await?;
                ensure!(g[1] >= 0.0 && g[2] <= g[3] + 1.0, "{theme} {width} px: scrolled down, the rating bar is at {g:?}");

                // Rating Good schedules the question as its label said (the rating comes a
                // moment later than the label, so the instants may differ by that moment).
                let good_due = labels[2].2.clone().unwrap_or_default();
                let question = app.js("return document.getElementById('practice-card').dataset.question").await?;
                app.click("#pq-rating button[data-rating='3']").await?;
                app.wait_for_js("document.getElementById('practice-status').dataset.rating === '3'", PATIENCE).await?;
                let view = invoke(&app, "get_practice_question", json!({"roleId": ROLE, "questionId": question})).await?;
                let rated_due = view["card"]["effective_due"].as_str().unwrap_or_default().to_string();
                let apart = app
                    .js(&format!("return Math.abs(Date.parse({}) - Date.parse({})) / 1000", json!(rated_due), json!(good_due)))
                    .await?;
                ensure!(
                    apart.as_f64().unwrap_or(f64::MAX) < 300.0,
                    "Good said {good_due}, the rating gave {rated_due}"
                );
                app.js("document.getElementById('practice-status').dataset.rating = ''; return null").await?;
                app.click("#practice-end").await?;
                app.find("#session-summary").await?;
                let next = app.text("#summary-next").await?;
                ensure!(next.starts_with("Next:"), "the summary does not say what comes due: {next:?}");
            }
        }
        Ok(())
    })
    .await;
}

/// Calls the backend from the page and waits for its answer (a promise the page keeps).
async fn invoke(app: &AppRef, command: &str, args: Value) -> Result<Value> {
    app.js(&format!(
        "window.__reply = undefined;
         window.__TAURI__.core.invoke({}, {}).then((v) => {{ window.__reply = {{ ok: v }}; }}, (e) => {{ window.__reply = {{ err: String((e && e.message) || e) }}; }});
         return null",
        json!(command),
        args
    ))
    .await?;
    app.wait_for_js("window.__reply !== undefined", PATIENCE)
        .await?;
    let reply = app.js("return window.__reply").await?;
    ensure!(reply.get("err").is_none(), "{command} failed: {reply}");
    Ok(reply["ok"].clone())
}

/// "now", "10 min", "3 h", "5 d", "1.5 mo", "1 y".
fn regex_lite_units() -> impl Fn(&str) -> bool {
    |label: &str| {
        if label == "now" {
            return true;
        }
        let Some((number, unit)) = label.split_once([' ', '\u{a0}']) else {
            return false;
        };
        number.parse::<f64>().is_ok() && ["min", "h", "d", "mo", "y"].contains(&unit)
    }
}

/// WCAG relative luminance contrast of two computed `rgb(...)` colours, computed in the page.
const CONTRAST_JS: &str = "
  const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const cardBg = (el) => { let n = el; while (n) { const bg = getComputedStyle(n).backgroundColor; if (bg && !bg.endsWith(', 0)') && bg !== 'transparent') return bg; n = n.parentElement; } return 'rgb(255, 255, 255)'; };
";

#[tokio::test]
async fn radio_buttons_and_checkboxes_show_their_state_in_the_dark_theme() {
    run("dark_controls", |h: Harness| async move {
        let app = h.launch().await?;
        for theme in ["dark", "light"] {
            set_theme(&app, theme).await?;
            // The planner's first step: one radio button per role, one of them chosen.
            app.open_screen("planner").await?;
            app.find("#planner-wizard[data-step='1'] .role-choice input").await?;
            app.click(&format!("label.role-choice:has(input[value='{ROLE}'])")).await?;
            let radios = app
                .js(&format!(
                    "{CONTRAST_JS}
                     return [...document.querySelectorAll('.role-choice input[type=radio]')].map((i) => {{
                       const s = getComputedStyle(i);
                       return {{ checked: i.checked, appearance: s.appearance || s.webkitAppearance, image: s.backgroundImage,
                                 bg: s.backgroundColor, border: contrast(s.borderTopColor, cardBg(i.parentElement)) }};
                     }})"
                ))
                .await?;
            let radios = radios.as_array().cloned().unwrap_or_default();
            ensure!(radios.len() > 1, "{theme}: no role radios: {radios:?}");
            let chosen: Vec<&Value> = radios.iter().filter(|r| r["checked"] == true).collect();
            ensure!(chosen.len() == 1, "{theme}: {} radios checked", chosen.len());
            for r in &radios {
                ensure!(r["appearance"] == "none", "{theme}: the engine draws the radio itself: {r}");
                let dot = r["image"].as_str().unwrap_or_default().contains("gradient");
                ensure!(
                    dot == (r["checked"] == true),
                    "{theme}: a radio shows a dot only when it is chosen, but {r}"
                );
                ensure!(r["border"].as_f64().unwrap_or(0.0) >= 3.0, "{theme}: radio ring contrast {r}");
            }
            if theme == "dark" {
                let unchecked = radios.iter().find(|r| r["checked"] == false).cloned().unwrap_or_default();
                let bg = unchecked["bg"].as_str().unwrap_or_default().to_string();
                let light = app
                    .js(&format!("{CONTRAST_JS} return lum({})", json!(bg)))
                    .await?;
                ensure!(light.as_f64().unwrap_or(1.0) < 0.05, "an unselected dark radio is light inside: {bg}");
            }
            for (width, size) in WIDTHS {
                app.set_window_size(width, 760).await?;
                shot(&app, &format!("planner-first-run-{theme}{size}")).await?;
            }
            app.set_window_size(1280, 860).await?;

            // A checkbox in Settings: unticked it is not a glaring white square, ticked it shows a mark.
            app.open_screen("settings").await?;
            let boxes = app
                .js(&format!(
                    "{CONTRAST_JS}
                     const i = document.getElementById('interview-mode'); const s = getComputedStyle(i);
                     return {{ lum: lum(s.backgroundColor), image: s.backgroundImage, border: contrast(s.borderTopColor, cardBg(i.parentElement)) }}"
                ))
                .await?;
            ensure!(boxes["border"].as_f64().unwrap_or(0.0) >= 3.0, "{theme}: checkbox border contrast {boxes}");
            ensure!(boxes["image"] == "none", "{theme}: an unticked checkbox shows a mark: {boxes}");
            if theme == "dark" {
                ensure!(boxes["lum"].as_f64().unwrap_or(1.0) < 0.05, "the dark checkbox is a white square: {boxes}");
            }
            app.click("#interview-mode").await?;
            app.wait_for_js("getComputedStyle(document.getElementById('interview-mode')).backgroundImage.includes('url')", PATIENCE)
                .await
                .context("a ticked checkbox shows no mark")?;
            shot(&app, &format!("settings-controls-{theme}")).await?;
            app.click("#interview-mode").await?;
            app.wait_for_js("!document.getElementById('interview-mode').checked", PATIENCE).await?;
        }
        Ok(())
    })
    .await;
}

/// The role each screen shows, by title.
async fn role_on(app: &AppRef, screen: &str) -> Result<String> {
    app.open_screen(screen).await?;
    let title = match screen {
        "hub" => app.text(".hub-title-block h1").await?,
        "practice" => app.js("const s = document.getElementById('role-picker'); return s.options[s.selectedIndex].text.split(' · ')[0]").await?.as_str().unwrap_or_default().to_string(),
        "progress" => app.js("const s = document.getElementById('progress-role'); return s.options[s.selectedIndex].text.split(' · ')[0]").await?.as_str().unwrap_or_default().to_string(),
        "settings" => app.text("#active-role-line").await?,
        "planner" => app.js("const i = document.querySelector('.role-choice input:checked'); return i ? i.closest('.role-choice').querySelector('.role-choice-title').textContent : ''").await?.as_str().unwrap_or_default().to_string(),
        _ => unreachable!(),
    };
    Ok(title)
}

#[tokio::test]
async fn every_screen_shares_one_active_role() {
    run("active_role", |h: Harness| async move {
        let app = h.launch().await?;
        // Nothing chosen yet: Practice shows a role, and the hub shows the same one.
        let practice = role_on(&app, "practice").await?;
        ensure!(!practice.is_empty(), "Practice shows no role");
        let hub = role_on(&app, "hub").await?;
        ensure!(hub == practice, "the hub shows {hub:?} while Practice shows {practice:?}");
        let none = app.js("return document.body.textContent.includes('No role chosen')").await?;
        ensure!(none == false, "a screen still says no role is chosen");

        // Choosing another role on Practice makes it the role of every screen.
        app.open_screen("practice").await?;
        let other = app
            .js("const s = document.getElementById('role-picker'); const o = [...s.options].find((x) => !x.selected); s.value = o.value; s.dispatchEvent(new Event('change')); return o.text.split(' · ')[0]")
            .await?;
        let other = other.as_str().context("no other role")?.to_string();
        app.settle().await?;
        app.wait_for_js("document.querySelector('.screen.practice[data-role] .practice-view > *')", PATIENCE).await?;
        for screen in ["hub", "progress", "planner"] {
            let shown = role_on(&app, screen).await?;
            ensure!(shown == other, "{screen} shows {shown:?}, not the role chosen on Practice ({other:?})");
        }
        let settings = role_on(&app, "settings").await?;
        ensure!(settings.contains(&other), "Settings says {settings:?}");
        // And it stays after a restart.
        h.quit().await?;
        let app = h.launch().await?;
        let hub = role_on(&app, "hub").await?;
        ensure!(hub == other, "after a restart the hub shows {hub:?}");
        Ok(())
    })
    .await;
}
