use anyhow::{ensure, Result};
use prep_hub_e2e::{run, workspace_root, AppRef, Harness, PATIENCE};

fn corpus(file: &str) -> String {
    workspace_root()
        .join("tests/packs")
        .join(file)
        .display()
        .to_string()
}

/// Types a path into the Packs screen's path field and asks for a check.
async fn check_path(app: &AppRef, path: &str) -> Result<()> {
    app.open_screen("packs").await?;
    app.js("document.querySelector('.path-import').open = true; return null")
        .await?;
    let input = app.find("#pack-path").await?;
    input.clear().await?;
    input.send_keys(path).await?;
    app.click("#pack-path-go").await
}

#[tokio::test]
async fn importing_a_pack_through_the_packs_screen_lists_it() {
    run("packs_import", |h: Harness| async move {
        let app = h.launch().await?;
        check_path(&app, &corpus("valid-base.prep.json")).await?;
        let preview = app.text("#import-preview").await?;
        ensure!(
            preview.contains("Install \"Corpus base\" 1.0.0"),
            "preview: {preview}"
        );
        app.click("#confirm-import").await?;
        let result = app.text("#import-result").await?;
        ensure!(
            result.contains("Installed \"Corpus base\" 1.0.0: 1 role(s), 2 questions"),
            "result: {result}"
        );
        app.wait_for_js(
            "document.querySelector(\"[data-pack-id='corpus.base']\")",
            PATIENCE,
        )
        .await?;

        // Importing the same version again asks before re-installing.
        check_path(&app, &corpus("valid-base.prep.json")).await?;
        let preview = app.text("#import-preview").await?;
        ensure!(
            preview.contains("already installed"),
            "second preview: {preview}"
        );

        // It survives a restart.
        h.quit().await?;
        let app = h.launch().await?;
        app.open_screen("packs").await?;
        app.find("[data-pack-id='corpus.base']").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_broken_pack_shows_every_problem_and_installs_nothing() {
    run("packs_broken", |h: Harness| async move {
        let app = h.launch().await?;
        check_path(
            &app,
            &corpus("broken/34-many-cross-reference-faults.prep.json"),
        )
        .await?;
        let text = app.text("#import-errors").await?;
        ensure!(text.contains("4 problems"), "errors: {text}");
        ensure!(
            text.contains("$.roles[0].questions[0].round"),
            "errors: {text}"
        );
        ensure!(text.contains("weights must sum to 100"), "errors: {text}");
        ensure!(text.contains("Nothing was changed"), "errors: {text}");
        let listed = app
            .js("return !!document.querySelector(\"[data-pack-id='corpus.base']\")")
            .await?;
        ensure!(listed == false, "the broken pack was listed");

        check_path(&app, &corpus("broken/01-syntax-trailing-comma.prep.json")).await?;
        let text = app.text("#import-errors").await?;
        ensure!(text.contains("line 3, column"), "syntax error: {text}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn removing_a_pack_asks_first_and_says_what_goes() {
    run("packs_remove", |h: Harness| async move {
        let app = h.launch().await?;
        check_path(&app, &corpus("valid-base.prep.json")).await?;
        app.click("#confirm-import").await?;
        app.find("#import-result").await?;
        app.click("[data-pack-id='corpus.base'] [data-action=remove]")
            .await?;
        let confirm = app
            .text("[data-pack-id='corpus.base'] .confirm-text")
            .await?;
        ensure!(
            confirm.contains("1 role(s) and 2 questions"),
            "confirm: {confirm}"
        );
        ensure!(confirm.contains("no progress"), "confirm: {confirm}");
        app.click("[data-pack-id='corpus.base'] [data-action=confirm-remove]")
            .await?;
        app.wait_for_js(
            "!document.querySelector(\"[data-pack-id='corpus.base']\")",
            PATIENCE,
        )
        .await?;
        Ok(())
    })
    .await;
}
