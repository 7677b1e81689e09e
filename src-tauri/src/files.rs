//! Reading files the user points at, and writing files whole or not at all.
//!
//! A path from a dialog, a drop or the command line may name anything: a FIFO that blocks a read
//! for ever, `/dev/zero` that never ends, a file far larger than its name suggests. Only regular
//! files are read, and never more than the limit. Writes go to a temporary file in the same
//! folder that is synced and renamed over the target, so a crash or a full disk leaves the old
//! file or the new one, never half of one, and nothing stays behind when a write fails.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;

use crate::error::{AppError, AppResult};

/// Reads the regular file at `path`, refusing anything else and anything over `limit` bytes.
/// `what` names the file in messages ("the pack file", "the backup").
pub fn read_limited(path: &Path, limit: u64, what: &str) -> AppResult<Vec<u8>> {
    let shown = path.display();
    let cannot = |e: std::io::Error| AppError::Invalid(format!("cannot read {what} {shown}: {e}"));
    // stat never blocks, unlike opening a FIFO; refuse before opening.
    let meta = std::fs::metadata(path).map_err(cannot)?;
    check_regular(&meta, what, &shown.to_string())?;
    if meta.len() > limit {
        return Err(too_large(what, meta.len(), limit));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // If the path was swapped for a FIFO after the check, opening must not block.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(cannot)?;
    check_regular(&file.metadata().map_err(cannot)?, what, &shown.to_string())?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    // One byte past the limit tells a file that grew since the check.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(what, bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn check_regular(meta: &std::fs::Metadata, what: &str, shown: &str) -> AppResult<()> {
    if meta.is_file() {
        return Ok(());
    }
    let kind = if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file (a device, a pipe or a socket)"
    };
    Err(AppError::Invalid(format!(
        "cannot read {what} {shown}: it is {kind}"
    )))
}

fn too_large(what: &str, len: u64, limit: u64) -> AppError {
    AppError::Invalid(format!(
        "{what} is {} and may be at most {}",
        human_size(len),
        human_size(limit)
    ))
}

pub fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// Writes `bytes` to `path` whole: a temporary file next to it is written, synced and renamed
/// over it (a symlink at `path` is replaced, not followed). On any failure the temporary file is
/// removed and `path` is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> AppResult<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let fail = |e: std::io::Error| {
        AppError::Io(std::io::Error::new(
            e.kind(),
            format!("could not write {}: {}", path.display(), describe_io(&e)),
        ))
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    // The rename is durable once the folder's entry is on disk.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// An I/O error in words a user acts on: a full disk and a read-only folder say so.
pub fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // The kind survives the wrapping that adds a path (tempfile's errors); the raw code may not.
    match (e.kind(), e.raw_os_error()) {
        (ErrorKind::StorageFull | ErrorKind::QuotaExceeded, _)
        | (_, Some(libc::ENOSPC) | Some(libc::EDQUOT)) => {
            "the disk is full; free some space and try again".into()
        }
        (ErrorKind::ReadOnlyFilesystem, _) | (_, Some(libc::EROFS)) => {
            "the disk is read-only".into()
        }
        (ErrorKind::PermissionDenied, _) => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_under_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        std::fs::write(&p, b"{}").unwrap();
        assert_eq!(read_limited(&p, 10, "the pack").unwrap(), b"{}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_both_sizes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        std::fs::write(&p, vec![b' '; 2048]).unwrap();
        let e = read_limited(&p, 1024, "the pack").unwrap_err().to_string();
        assert!(e.contains("2.0 KiB") && e.contains("1.0 KiB"), "{e}");
    }

    #[test]
    fn devices_folders_and_pipes_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_limited(Path::new("/dev/zero"), 1024, "the pack").unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        let e = read_limited(dir.path(), 1024, "the pack").unwrap_err();
        assert!(e.to_string().contains("a folder"), "{e}");
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo only reads the NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_limited(&fifo, 1024, "the pack").unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }

    #[test]
    fn an_atomic_write_replaces_a_symlink_instead_of_following_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere.txt");
        std::fs::write(&target, b"keep me").unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
        assert_eq!(std::fs::read(&link).unwrap(), b"new");
        assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing-folder").join("out.json");
        assert!(write_atomic(&p, b"x").is_err());
        let q = dir.path().join("out.json");
        std::fs::write(&q, b"old").unwrap();
        write_atomic(&q, b"new").unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
