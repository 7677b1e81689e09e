//! The one error type that crosses the IPC boundary, serialised as `{kind, message}`.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("database error: {0}")]
    Database(rusqlite::Error),
    /// The disk is full or read-only: nothing was saved, nothing saved before was lost.
    #[error("{0}")]
    Disk(String),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// Written where it happens with the file and what went wrong in words (`files::describe_io`).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// The database at start-up failed `PRAGMA quick_check` or could not be opened.
    #[error("{0}")]
    Unavailable(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    NotFound(String),
    /// The pack is already installed at this or a newer version.
    #[error("{0}")]
    VersionConflict(String),
    /// A pack file failed validation; every problem is listed.
    #[error("{}", describe_problems(.0))]
    PackInvalid(Vec<crate::packs::Problem>),
    /// A progress backup failed validation; every problem is listed with its JSON path.
    #[error("{}", describe_backup_problems(.0))]
    BackupInvalid(Vec<crate::packs::Problem>),
    /// A question file (CSV, TSV, Anki) was refused; every problem names its row or note.
    #[error("{}", describe_import_problems(.0))]
    ImportInvalid(Vec<crate::packs::Problem>),
    #[error("{0}")]
    Settings(String),
    #[error("background task failed: {0}")]
    Task(String),
}

impl AppError {
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::Database(_) => "database",
            AppError::Disk(_) => "disk",
            AppError::Migration(_) => "migration",
            AppError::Io(_) => "io",
            AppError::Json(_) => "json",
            AppError::Unavailable(_) => "unavailable",
            AppError::Invalid(_) => "invalid",
            AppError::NotFound(_) => "not_found",
            AppError::VersionConflict(_) => "version_conflict",
            AppError::PackInvalid(_) => "pack_invalid",
            AppError::BackupInvalid(_) => "backup_invalid",
            AppError::ImportInvalid(_) => "import_invalid",
            AppError::Settings(_) => "settings",
            AppError::Task(_) => "task",
        }
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DiskFull, ReadOnly, SystemIoFailure};
        match e.sqlite_error_code() {
            Some(DiskFull) => AppError::Disk(
                "the disk holding your data is full, so this was not saved; everything saved \
                 before is kept. Free some space and try again."
                    .into(),
            ),
            Some(ReadOnly) => AppError::Disk(
                "the data folder is read-only, so this was not saved; everything saved before is \
                 kept. Make the folder writable and try again."
                    .into(),
            ),
            Some(SystemIoFailure) => AppError::Disk(format!(
                "the disk could not be written ({e}), so this was not saved; everything saved \
                 before is kept."
            )),
            _ => AppError::Database(e),
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let problems = match self {
            AppError::PackInvalid(p) | AppError::BackupInvalid(p) | AppError::ImportInvalid(p) => {
                Some(p)
            }
            _ => None,
        };
        let mut s = serializer.serialize_struct("AppError", 2 + problems.is_some() as usize)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        if let Some(p) = problems {
            s.serialize_field("problems", p)?;
        }
        s.end()
    }
}

fn describe_backup_problems(problems: &[crate::packs::Problem]) -> String {
    describe_problems(problems).replacen("the pack", "the backup", 1) + "; nothing was imported"
}

fn describe_import_problems(problems: &[crate::packs::Problem]) -> String {
    describe_problems(problems).replacen("the pack", "the file", 1) + "; nothing was imported"
}

fn describe_problems(problems: &[crate::packs::Problem]) -> String {
    let n = problems.len();
    let first: Vec<String> = problems.iter().take(3).map(|p| p.to_string()).collect();
    let more = if n > 3 {
        format!("; and {} more", n - 3)
    } else {
        String::new()
    };
    format!(
        "the pack has {n} problem{}: {}{more}",
        if n == 1 { "" } else { "s" },
        first.join("; ")
    )
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_serialises_as_kind_and_message() {
        let e = AppError::NotFound("role 'x' is not installed".into());
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["kind"], "not_found");
        assert_eq!(v["message"], "role 'x' is not installed");
    }
}
