//! What the app holds while it runs: the data folder and the database connection.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::error::{AppError, AppResult};
use crate::progress::practice::Queues;

#[derive(Clone)]
pub struct Db(Arc<Mutex<Held>>);

/// The connection, and the practice queues built from it (they hold only for this connection).
struct Held {
    conn: Connection,
    queues: Queues,
}

impl Db {
    pub fn new(conn: Connection) -> Db {
        Db(Arc::new(Mutex::new(Held {
            conn,
            queues: Queues::default(),
        })))
    }

    /// Runs `f` with the connection on a blocking thread, so SQLite never stalls the UI thread.
    pub async fn run<T, F>(&self, f: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> AppResult<T> + Send + 'static,
    {
        self.run_practice(move |conn, _| f(conn)).await
    }

    /// As `run`, with the practice sessions' kept queues.
    pub async fn run_practice<T, F>(&self, f: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection, &mut Queues) -> AppResult<T> + Send + 'static,
    {
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            // A panic in an earlier task poisons the lock; the connection itself is still sound.
            let mut held = inner.lock().unwrap_or_else(|p| p.into_inner());
            let Held { conn, queues } = &mut *held;
            f(conn, queues)
        })
        .await
        .map_err(|e| AppError::Task(e.to_string()))?
    }
}

pub struct AppState {
    pub data_dir: PathBuf,
    /// The open database, or why it could not be opened. `None` until first asked for, and
    /// again after `reopen` (a restore over a damaged file), so the next call tries afresh.
    db: tokio::sync::Mutex<Option<Result<Db, String>>>,
    /// Held while the settings file is read, changed and written.
    pub settings_lock: Mutex<()>,
    /// Why the settings file could not be read, until the UI has been told.
    pub settings_warning: Mutex<Option<String>>,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> AppState {
        AppState {
            data_dir,
            db: tokio::sync::Mutex::new(None),
            settings_lock: Mutex::new(()),
            settings_warning: Mutex::new(None),
        }
    }

    /// The database, opened (checked, migrated, built-in packs installed) on first use,
    /// off the UI thread. `Err` carries the reason it cannot be used, for the start-up screen.
    pub async fn db(&self) -> AppResult<Db> {
        let mut slot = self.db.lock().await;
        if slot.is_none() {
            let dir = self.data_dir.clone();
            let opened = tokio::task::spawn_blocking(move || open_and_prepare(&dir))
                .await
                .map_err(|e| e.to_string())
                .and_then(|r| r);
            *slot = Some(opened);
        }
        slot.as_ref()
            .expect("filled above")
            .clone()
            .map_err(AppError::Unavailable)
    }

    /// Runs `f` (file work on the data folder, off the async threads) while no database is open,
    /// then forgets the open state so the next call opens the database again. Only when the
    /// database could not be opened: a working database is never swapped under its users.
    pub async fn while_closed<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Path) -> AppResult<T> + Send + 'static,
    ) -> AppResult<T> {
        let mut slot = self.db.lock().await;
        if matches!(&*slot, Some(Ok(_))) {
            return Err(AppError::Invalid(
                "the database is working; restore a daily copy from Settings instead".into(),
            ));
        }
        let dir = self.data_dir.clone();
        let result = tokio::task::spawn_blocking(move || f(&dir))
            .await
            .map_err(|e| AppError::Task(e.to_string()))?;
        *slot = None;
        result
    }
}

fn open_and_prepare(dir: &std::path::Path) -> Result<Db, String> {
    let mut conn = crate::storage::open(dir).map_err(|e| e.to_string())?;
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        // A read-only data folder: show what is there; nothing can be installed or copied.
        return Ok(Db::new(conn));
    }
    crate::packs::builtin::ensure_builtin(&mut conn).map_err(|e| e.to_string())?;
    // The day's copy of the database is made after the first paint (`commands::first_paint`).
    Ok(Db::new(conn))
}
