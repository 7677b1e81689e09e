//! What the app holds while it runs: the data folder and the database connection.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use tokio::sync::OnceCell;

use crate::error::{AppError, AppResult};

#[derive(Clone)]
pub struct Db(Arc<Mutex<Connection>>);

impl Db {
    pub fn new(conn: Connection) -> Db {
        Db(Arc::new(Mutex::new(conn)))
    }

    /// Runs `f` with the connection on a blocking thread, so SQLite never stalls the UI thread.
    pub async fn run<T, F>(&self, f: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> AppResult<T> + Send + 'static,
    {
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            // A panic in an earlier task poisons the lock; the connection itself is still sound.
            let mut conn = inner.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut conn)
        })
        .await
        .map_err(|e| AppError::Task(e.to_string()))?
    }
}

pub struct AppState {
    pub data_dir: PathBuf,
    db: Arc<OnceCell<Result<Db, String>>>,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> AppState {
        AppState {
            data_dir,
            db: Arc::new(OnceCell::new()),
        }
    }

    /// The database, opened (checked, migrated, built-in packs installed) on first use,
    /// off the UI thread. `Err` carries the reason it cannot be used, for the start-up screen.
    pub async fn db(&self) -> AppResult<Db> {
        let dir = self.data_dir.clone();
        self.db
            .get_or_init(|| async move {
                tokio::task::spawn_blocking(move || open_and_prepare(&dir))
                    .await
                    .map_err(|e| e.to_string())
                    .and_then(|r| r)
            })
            .await
            .clone()
            .map_err(AppError::Unavailable)
    }
}

fn open_and_prepare(dir: &std::path::Path) -> Result<Db, String> {
    let mut conn = crate::storage::open(dir).map_err(|e| e.to_string())?;
    crate::packs::builtin::ensure_builtin(&mut conn).map_err(|e| e.to_string())?;
    // A daily copy of the database; failing to make one must not keep the app from starting.
    let today = crate::progress::schedule::local_date(chrono::Utc::now());
    if let Err(e) = crate::progress::backup::rolling_backup(&conn, dir, today, false) {
        eprintln!("prep-hub: daily backup failed: {e}");
    }
    Ok(Db::new(conn))
}
