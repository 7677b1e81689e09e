//! Two FTS5 functions that search uses, written against FTS5's C API because rusqlite does not
//! wrap it. The `unsafe` here is confined to registering them and to the calls FTS5 makes into
//! them.
//!
//! `prep_rank(search_index)` scores a match. FTS5's built-in bm25() looks up every matching
//! row's length in a second table; with ten thousand questions a common word matches a third of
//! them and those lookups were most of a search's time. This function scores a row from the match
//! positions FTS5 already has in memory: for each query word, its count in the title (weight 4)
//! and in the body (weight 1), each count saturating as in BM25 (k1 = 1.2) so that one word
//! repeated cannot outweigh two words found. It leaves out BM25's inverse document frequency
//! (every result contains every query word, so it would only reweigh words against each other)
//! and its length normalisation.
//!
//! `prep_matches(search_index)` lists where the query matched, as `column:token` pairs separated
//! by spaces (`3:0 4:17`). FTS5's highlight() tokenises (and stems) the whole text again to find
//! the same places; the caller marks them from these token numbers instead.

use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

use rusqlite::{ffi, Connection};

/// Column weights of `search_index(role_id, kind, item_id, title, body)`.
const WEIGHTS: [f64; 5] = [0.0, 0.0, 0.0, 4.0, 1.0];
const K1: f64 = 1.2;

/// The score of one row from (query word, column) occurrence counts. Higher is better.
pub fn score(counts: &[[u32; 5]]) -> f64 {
    counts
        .iter()
        .flat_map(|per_column| per_column.iter().zip(WEIGHTS))
        .filter(|(tf, _)| **tf > 0)
        .map(|(tf, w)| {
            let tf = f64::from(*tf);
            w * tf * (K1 + 1.0) / (tf + K1)
        })
        .sum()
}

/// Makes `prep_rank` and `prep_matches` available to queries on this connection.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    // SAFETY: `conn.handle()` is a live connection for the duration of this call; the statement
    // is finalised before returning, and FTS5 writes the API pointer into `api` during the step.
    unsafe {
        let db = conn.handle();
        let mut stmt = null_mut();
        check(
            db,
            ffi::sqlite3_prepare_v2(db, c"SELECT fts5(?1)".as_ptr(), -1, &mut stmt, null_mut()),
        )?;
        let mut api: *mut ffi::fts5_api = null_mut();
        let rc = ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        let rc = if rc == ffi::SQLITE_OK {
            match ffi::sqlite3_step(stmt) {
                ffi::SQLITE_ROW | ffi::SQLITE_DONE => ffi::SQLITE_OK,
                other => other,
            }
        } else {
            rc
        };
        ffi::sqlite3_finalize(stmt);
        check(db, rc)?;
        if api.is_null() || (*api).iVersion < 2 {
            return Err(failure("this SQLite has no FTS5 API"));
        }
        let create = (*api)
            .xCreateFunction
            .ok_or_else(|| failure("FTS5 cannot add functions"))?;
        check(
            db,
            create(api, c"prep_rank".as_ptr(), null_mut(), Some(rank), None),
        )?;
        check(
            db,
            create(
                api,
                c"prep_matches".as_ptr(),
                null_mut(),
                Some(matches),
                None,
            ),
        )
    }
}

fn failure(message: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        ffi::Error::new(ffi::SQLITE_ERROR),
        Some(message.to_string()),
    )
}

unsafe fn check(db: *mut ffi::sqlite3, rc: c_int) -> rusqlite::Result<()> {
    if rc == ffi::SQLITE_OK {
        return Ok(());
    }
    let message = std::ffi::CStr::from_ptr(ffi::sqlite3_errmsg(db))
        .to_string_lossy()
        .into_owned();
    Err(rusqlite::Error::SqliteFailure(
        ffi::Error::new(rc),
        Some(message),
    ))
}

/// Every match in the current row as (query word, column, token number), in text order, or the
/// SQLite error code to report.
unsafe fn instances(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
) -> Result<Vec<(c_int, c_int, c_int)>, c_int> {
    let (Some(inst_count), Some(inst)) = (api.xInstCount, api.xInst) else {
        return Err(ffi::SQLITE_MISUSE);
    };
    let mut n = 0;
    let rc = inst_count(fts, &mut n);
    if rc != ffi::SQLITE_OK {
        return Err(rc);
    }
    (0..n)
        .map(|i| {
            let (mut phrase, mut column, mut offset) = (0, 0, 0);
            match inst(fts, i, &mut phrase, &mut column, &mut offset) {
                ffi::SQLITE_OK => Ok((phrase, column, offset)),
                rc => Err(rc),
            }
        })
        .collect()
}

/// Called by FTS5 once per matching row.
unsafe extern "C" fn rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    _argc: c_int,
    _argv: *mut *mut ffi::sqlite3_value,
) {
    let api = &*api;
    let phrases = api
        .xPhraseCount
        .map_or(0, |count| count(fts).max(0) as usize);
    let found = match instances(api, fts) {
        Ok(found) => found,
        Err(rc) => return ffi::sqlite3_result_error_code(ctx, rc),
    };
    let mut counts = vec![[0u32; 5]; phrases];
    for (phrase, column, _) in found {
        if let Some(slot) = counts
            .get_mut(phrase as usize)
            .and_then(|c| c.get_mut(column as usize))
        {
            *slot += 1;
        }
    }
    ffi::sqlite3_result_double(ctx, score(&counts));
}

/// Called by FTS5 for each row whose matches are asked for.
unsafe extern "C" fn matches(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    _argc: c_int,
    _argv: *mut *mut ffi::sqlite3_value,
) {
    let found = match instances(&*api, fts) {
        Ok(found) => found,
        Err(rc) => return ffi::sqlite3_result_error_code(ctx, rc),
    };
    let out = found
        .iter()
        .map(|(_, column, token)| format!("{column}:{token}"))
        .collect::<Vec<_>>()
        .join(" ");
    // SQLITE_TRANSIENT: SQLite copies the text before `out` is dropped.
    ffi::sqlite3_result_text(
        ctx,
        out.as_ptr().cast(),
        out.len() as c_int,
        ffi::SQLITE_TRANSIENT(),
    );
}

/// Parses `prep_matches` output into (column, token) pairs; anything malformed is skipped.
pub fn parse_matches(text: &str) -> Vec<(usize, usize)> {
    text.split_whitespace()
        .filter_map(|pair| {
            let (column, token) = pair.split_once(':')?;
            Some((column.parse().ok()?, token.parse().ok()?))
        })
        .collect()
}

/// Byte ranges of the tokens FTS5's unicode61 tokenizer finds in `text`: runs of letters and
/// digits, everything else separating them. Token numbers from `prep_matches` index this list.
pub fn token_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let is_token = c.is_alphanumeric() || is_private_use(c);
        match (is_token, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// unicode61 counts private-use characters (category Co) as token characters.
fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE search_index USING fts5(
                 role_id UNINDEXED, kind UNINDEXED, item_id UNINDEXED, title, body,
                 tokenize = 'porter unicode61 remove_diacritics 2');",
        )
        .unwrap();
        conn
    }

    fn add(conn: &Connection, id: &str, title: &str, body: &str) {
        conn.execute(
            "INSERT INTO search_index(role_id, kind, item_id, title, body) VALUES ('r', 'question', ?1, ?2, ?3)",
            [id, title, body],
        )
        .unwrap();
    }

    fn ranked(conn: &Connection, query: &str) -> Vec<(String, f64)> {
        let mut stmt = conn
            .prepare(
                "SELECT item_id, prep_rank(search_index) AS s FROM search_index
                 WHERE search_index MATCH ?1 ORDER BY s DESC, rowid",
            )
            .unwrap();
        stmt.query_map([query], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn a_word_in_the_title_outranks_the_same_word_in_the_body() {
        let conn = db();
        add(
            &conn,
            "body",
            "Design a queue",
            "Use a ledger for payments.",
        );
        add(&conn, "title", "Keep a ledger", "Append only.");
        let hits = ranked(&conn, "ledger");
        assert_eq!(hits[0].0, "title");
        assert_eq!(hits[1].0, "body");
        assert!((hits[0].1 - 4.0).abs() < 1e-9, "{hits:?}");
        assert!((hits[1].1 - 1.0).abs() < 1e-9, "{hits:?}");
    }

    #[test]
    fn repeats_count_but_saturate_so_two_words_beat_one_word_twice() {
        let conn = db();
        add(&conn, "once", "a", "retry once");
        add(&conn, "thrice", "b", "retry retry retry");
        add(&conn, "both", "c", "retry with a budget");
        assert_eq!(ranked(&conn, "retry")[0].0, "thrice");
        // Three repeats score 1.57, under the 2.0 of two different words found once each.
        let hits = ranked(&conn, "retry OR budget");
        assert_eq!(hits[0].0, "both", "{hits:?}");
    }

    #[test]
    fn prefix_and_stemmed_words_are_counted() {
        let conn = db();
        add(&conn, "q", "Retries and timeouts", "retrying with jitter");
        let hits = ranked(&conn, "\"retri\"*");
        assert_eq!(hits.len(), 1);
        assert!(hits[0].1 > 4.0, "title and body both count: {hits:?}");
    }

    #[test]
    fn matches_name_the_tokens_that_highlight_marks() {
        let conn = db();
        let title = "Retries, timeouts & back-off: l'état du cache";
        let body = "Naïve retrying (p95) — then the «cache» again… retry";
        add(&conn, "q", title, body);
        for query in ["retry", "cache", "\"etat\"", "\"p95\"", "back", "\"off\"*"] {
            let (found, highlighted): (String, String) = conn
                .query_row(
                    "SELECT prep_matches(search_index),
                            highlight(search_index, 3, '[', ']') || ' | ' || highlight(search_index, 4, '[', ']')
                     FROM search_index WHERE search_index MATCH ?1",
                    [query],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            // Marking the listed tokens by our own token split must equal FTS5's highlight.
            let mark = |text: &str, column: usize| {
                let spans = token_spans(text);
                let mut out = String::new();
                let mut at = 0;
                for (c, t) in parse_matches(&found) {
                    if c == column {
                        let (s, e) = spans[t];
                        out.push_str(&text[at..s]);
                        out.push('[');
                        out.push_str(&text[s..e]);
                        out.push(']');
                        at = e;
                    }
                }
                out.push_str(&text[at..]);
                out
            };
            assert_eq!(
                format!("{} | {}", mark(title, 3), mark(body, 4)),
                highlighted,
                "query {query}: {found}"
            );
        }
    }

    #[test]
    fn score_of_no_occurrence_is_zero_and_grows_with_each_one() {
        assert_eq!(score(&[[0; 5]]), 0.0);
        let one = score(&[[0, 0, 0, 0, 1]]);
        let two = score(&[[0, 0, 0, 0, 2]]);
        assert!(one > 0.0 && two > one && two < 2.0 * one);
        // UNINDEXED columns never count, whatever FTS5 reports.
        assert_eq!(score(&[[5, 5, 5, 0, 0]]), 0.0);
    }
}
