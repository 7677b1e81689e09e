//! Drives the real Prep Hub binary in a real window through tauri-driver + WebKitWebDriver.
//!
//! Each `App` gets its own tauri-driver on free ports and its own data folder, so tests never
//! share state or touch a user's data. On failure `run` saves a screenshot of the window to
//! `target/e2e-screenshots/<test>.png`.

use std::future::Future;
use std::net::TcpListener;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use futures::FutureExt;
use serde_json::{json, Value};
use tokio::process::{Child, Command};

pub use fantoccini::key::Key;

/// How long a wait may take before the test fails. Waits end as soon as their condition holds,
/// so this is only how long a busy machine is given, never a pause.
pub const PATIENCE: Duration = Duration::from_secs(60);

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The app binary under test: `PREP_HUB_BIN`, or the workspace's debug build.
pub fn app_binary() -> PathBuf {
    if let Ok(p) = std::env::var("PREP_HUB_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace_root().join("target"));
    target.join("debug").join("prep-hub")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free local port")
}

pub struct App {
    pub client: Client,
    driver: Child,
    pub data_dir: PathBuf,
}

impl App {
    /// Starts the app with `data_dir` as its data folder and waits until its first screen is up.
    pub async fn launch(data_dir: &Path) -> Result<App> {
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            bail!("no display: run the end-to-end tests through `make test` (it starts Xvfb)");
        }
        let bin = app_binary();
        if !bin.exists() {
            bail!(
                "app binary {} not found: build it first (`make test` does)",
                bin.display()
            );
        }
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so quitting also ends the WebKitWebDriver it starts.
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .context("could not start tauri-driver (install it with `cargo install tauri-driver --locked`, or run `make test`)")?;
        wait_for_port(port, PATIENCE).await?;

        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({
                "application": bin,
                "args": ["--data-dir", data_dir],
            }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .context("could not open a WebDriver session on the app")?;
        let app = App {
            client,
            driver,
            data_dir: data_dir.to_path_buf(),
        };
        app.wait_for_js("document.body && (document.body.dataset.ready === 'true' || !!document.getElementById('fatal'))", PATIENCE)
            .await
            .context("the app's first screen never appeared")?;
        Ok(app)
    }

    /// Closes the window and stops the driver (a real quit, as a user would).
    pub async fn quit(mut self) -> Result<()> {
        let _ = self.client.clone().close().await;
        if let Some(pid) = self.driver.id() {
            // The driver leads its own group (see launch); end the whole group, never pid 0/1.
            if pid > 1 {
                // SAFETY: killpg only sends a signal; a stale group id fails with ESRCH.
                unsafe {
                    libc::killpg(pid as libc::pid_t, libc::SIGKILL);
                }
            }
        }
        let _ = self.driver.kill().await;
        Ok(())
    }

    pub async fn js(&self, script: &str) -> Result<Value> {
        Ok(self.client.execute(script, vec![]).await?)
    }

    pub async fn wait_for_js(&self, condition: &str, timeout: Duration) -> Result<()> {
        let start = Instant::now();
        let script = format!("return !!({condition});");
        loop {
            if let Ok(Value::Bool(true)) = self.client.execute(&script, vec![]).await {
                return Ok(());
            }
            if start.elapsed() > timeout {
                bail!("timed out after {timeout:?} waiting for: {condition}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn find(&self, css: &str) -> Result<Element> {
        self.wait_for_js(&format!("document.querySelector({})", json!(css)), PATIENCE)
            .await?;
        Ok(self.client.find(Locator::Css(css)).await?)
    }

    pub async fn text(&self, css: &str) -> Result<String> {
        Ok(self.find(css).await?.text().await?)
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        self.find(css).await?.click().await?;
        Ok(())
    }

    /// Navigates through the sidebar, as a user would, and waits for the screen to render.
    pub async fn open_screen(&self, screen: &str) -> Result<()> {
        self.click(&format!(".nav-link[data-screen='{screen}']"))
            .await?;
        self.wait_for_js(
            &format!("document.querySelector('.screen-host[data-screen={screen}]')"),
            PATIENCE,
        )
        .await?;
        self.settle().await
    }

    /// Waits until no call to the backend is pending (`body[data-pending]`, kept by api.js) and
    /// two frames have been drawn since: what the last action started is on screen.
    pub async fn settle(&self) -> Result<()> {
        self.wait_for_js("(document.body.dataset.pending || '0') === '0'", PATIENCE)
            .await?;
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        self.wait_for_js("(document.body.dataset.pending || '0') === '0'", PATIENCE)
            .await
    }

    pub async fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.client.set_window_size(width, height).await?;
        Ok(())
    }

    /// Saves what the window shows. WebKitGTK answers a screenshot after the page's next
    /// presentation update, and a page with nothing left to paint has none: the command then
    /// never returns (seen after a click that only moved focus to a heading, reproducibly with
    /// software compositing). So while it is taken, a transparent 1 px box in a corner changes
    /// between two fully transparent colours every frame: damage to present, no pixel changed.
    pub async fn screenshot(&self, path: &Path) -> Result<()> {
        self.js(PAINT_NUDGE_START).await?;
        let png = tokio::time::timeout(PATIENCE, self.client.screenshot())
            .await
            .map_err(|_| anyhow!("the screenshot did not come back within {PATIENCE:?}"))?;
        self.js(PAINT_NUDGE_STOP).await?;
        let png = png?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }
}

const PAINT_NUDGE_START: &str = "
    let box = document.getElementById('e2e-paint-nudge');
    if (!box) {
        box = document.createElement('div');
        box.id = 'e2e-paint-nudge';
        box.setAttribute('aria-hidden', 'true');
        box.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;z-index:2147483647';
        document.documentElement.append(box);
    }
    let odd = false;
    const step = () => {
        if (!box.isConnected) return;
        odd = !odd;
        box.style.backgroundColor = odd ? 'rgba(0, 0, 0, 0)' : 'rgba(255, 255, 255, 0)';
        requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
    return null;";

const PAINT_NUDGE_STOP: &str = "document.getElementById('e2e-paint-nudge')?.remove(); return null;";

async fn wait_for_port(port: u16, timeout: Duration) -> Result<()> {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(anyhow!(
        "tauri-driver did not listen on port {port} within {timeout:?}"
    ))
}

pub fn screenshot_dir() -> PathBuf {
    workspace_root().join("target").join("e2e-screenshots")
}

/// Runs one end-to-end test in a fresh data folder. The test may launch and quit the app
/// several times (restarts); whatever app is open when it fails is photographed.
pub async fn run<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Harness) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let dir = tempfile::tempdir().expect("temporary data folder");
    let harness = Harness {
        name: name.to_string(),
        data_dir: dir.path().join("data"),
        last: std::sync::Arc::new(tokio::sync::Mutex::new(None)),
    };
    let last = harness.last.clone();
    let outcome = AssertUnwindSafe(test(harness)).catch_unwind().await;
    let failed = !matches!(outcome, Ok(Ok(())));
    if let Some(app) = last.lock().await.take() {
        if failed {
            let path = screenshot_dir().join(format!("{name}-failure.png"));
            if app.screenshot(&path).await.is_ok() {
                eprintln!("screenshot of the failure: {}", path.display());
            }
        }
        let _ = app.quit().await;
    }
    match outcome {
        Ok(Ok(())) => {}
        // Said without a panic, so no backtrace of the test runtime follows it: the reason is
        // the last thing the test prints, where a short log tail still shows it.
        Ok(Err(e)) => {
            eprintln!("{name} failed: {e:#}");
            std::panic::resume_unwind(Box::new(format!("{name} failed")));
        }
        Err(p) => std::panic::resume_unwind(p),
    }
}

/// A test's handle: launches the app on the test's data folder.
pub struct Harness {
    pub name: String,
    pub data_dir: PathBuf,
    last: std::sync::Arc<tokio::sync::Mutex<Option<App>>>,
}

impl Harness {
    /// Opens the app; the previous window of this test, if any, is closed first.
    pub async fn launch(&self) -> Result<AppRef> {
        if let Some(prev) = self.last.lock().await.take() {
            prev.quit().await?;
        }
        let app = App::launch(&self.data_dir).await?;
        *self.last.lock().await = Some(app);
        Ok(AppRef {
            slot: self.last.clone(),
        })
    }

    /// Closes the app window if one is open (for restart tests).
    pub async fn quit(&self) -> Result<()> {
        if let Some(app) = self.last.lock().await.take() {
            app.quit().await?;
        }
        Ok(())
    }
}

/// Borrowed access to the open app; holds no lock between calls.
pub struct AppRef {
    slot: std::sync::Arc<tokio::sync::Mutex<Option<App>>>,
}

macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        impl AppRef {
            $(pub async fn $name(&self, $($arg: $ty),*) -> Result<$ret> {
                let guard = self.slot.lock().await;
                let app = guard.as_ref().ok_or_else(|| anyhow!("the app is not open"))?;
                app.$name($($arg),*).await
            })*
        }
    };
}

forward! {
    js(script: &str) -> Value;
    wait_for_js(condition: &str, timeout: Duration) -> ();
    find(css: &str) -> Element;
    text(css: &str) -> String;
    click(css: &str) -> ();
    open_screen(screen: &str) -> ();
    settle() -> ();
    screenshot(path: &Path) -> ();
    set_window_size(width: u32, height: u32) -> ();
}
