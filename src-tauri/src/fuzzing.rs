//! The functions the fuzz targets (`src-tauri/fuzz/`) run on each input, kept here so that the
//! corpus replay test in `make test` runs exactly the same code on stable Rust. Each one must
//! return for every input without panicking; what it checks beyond that is said on it.

use std::sync::{LazyLock, Mutex};

use rusqlite::Connection;

use crate::packs::{builtin, render, store, validate};
use crate::progress::backup;
use crate::storage;

/// Pack bytes through the whole reader and validator.
pub fn pack(data: &[u8]) {
    let _ = validate::validate_bytes(data);
}

/// Markdown through the renderer and sanitiser: every tag of the HTML is one the sanitiser
/// allows, with no attribute but `start` on lists and `data-question` (a slug) on links,
/// whatever the input.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (html, _) = render::markdown_to_html_and_text(text);
    const TAGS: &[&str] = render::ALLOWED_TAGS;
    let mut rest = html.as_str();
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("every tag is closed") + start;
        let tag = rest[start + 1..end]
            .trim_start_matches('/')
            .trim_end_matches('/');
        let mut parts = tag.split_whitespace();
        let name = parts.next().unwrap_or_default();
        assert!(
            TAGS.contains(&name),
            "tag <{name}> in the HTML of {text:?}: {html}"
        );
        for attr in parts {
            let (key, value) = attr.split_once('=').unwrap_or((attr, ""));
            let value = value.trim_matches('"');
            let allowed =
                (name == "ol" && key == "start" && value.bytes().all(|b| b.is_ascii_digit()))
                    || (name == "a"
                        && key == "data-question"
                        && render::question_link_target(&format!("question:{value}")).is_some());
            assert!(
                allowed,
                "attribute {attr} on <{name}> in the HTML of {text:?}: {html}"
            );
        }
        rest = &rest[end + 1..];
    }
    let _ = render::table_problem(text, 30, 3000);
    let _ = render::question_links(text);
}

static SEARCH_DB: LazyLock<Mutex<Connection>> = LazyLock::new(|| {
    let mut conn = storage::open_in_memory().expect("an in-memory database");
    builtin::ensure_builtin(&mut conn).expect("the built-in packs install");
    Mutex::new(conn)
});

/// Any text typed into search returns hits (or none), never an error; snippets cut any text
/// with any match positions.
pub fn search(data: &[u8]) {
    let query = String::from_utf8_lossy(data);
    let conn = SEARCH_DB.lock().unwrap_or_else(|p| p.into_inner());
    let hits = store::search(&conn, &query, 40);
    assert!(hits.is_ok(), "search for {query:?} failed: {hits:?}");
    let matched: Vec<usize> = data.iter().map(|&b| usize::from(b)).collect();
    let mut sorted = matched.clone();
    sorted.sort_unstable();
    let _ = store::snippet(
        &query,
        &sorted,
        usize::from(data.first().copied().unwrap_or(14)),
    );
}

/// Backup bytes through reading, checking and a merge into a fresh database.
pub fn backup(data: &[u8]) {
    let Ok(doc) = backup::parse_backup_bytes(data) else {
        return;
    };
    let Ok(checked) = backup::check(&doc) else {
        return;
    };
    let mut conn = storage::open_in_memory().expect("an in-memory database");
    let _ = backup::import_checked(&mut conn, checked, backup::Mode::Merge);
}
