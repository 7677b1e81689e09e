//! Anki packages (`.apkg`): a zip holding the collection as SQLite. The current format stores
//! it zstd-compressed as `collection.anki21b` (schema 18: decks, note types and fields in
//! tables of their own); older ones as `collection.anki21` or `collection.anki2` (schema 11:
//! decks and note types as JSON in `col`). A current package also holds a stub
//! `collection.anki2` for old Anki versions, so the newest collection inside is read.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde_json::Value;

use super::AnkiNote;
use super::AnkiReview;
use crate::error::{AppError, AppResult};
use crate::packs::Problem;

/// The largest collection read once unpacked; a zip or zstd bomb stops here.
pub const MAX_COLLECTION_BYTES: u64 = 512 * 1024 * 1024;
/// At most this many notes (a pack holds at most 5,000 questions per role).
pub const MAX_NOTES: usize = super::table::MAX_ROWS;

fn refuse(message: impl Into<String>) -> AppError {
    AppError::ImportInvalid(vec![Problem {
        path: "the package".into(),
        message: message.into(),
    }])
}

/// A read Anki collection: which file of the package it came from, and its notes in order.
#[derive(Debug, Clone)]
pub struct AnkiCollection {
    pub format: String,
    pub notes: Vec<AnkiNote>,
}

/// Reads the notes, decks, tags and review history of an `.apkg` file's bytes.
pub fn read_package(bytes: &[u8]) -> AppResult<AnkiCollection> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        refuse(format!(
            "it is not a zip archive, so not an Anki package (.apkg): {e}"
        ))
    })?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let (name, compressed) = [
        ("collection.anki21b", true),
        ("collection.anki21", false),
        ("collection.anki2", false),
    ]
    .into_iter()
    .find(|(n, _)| names.iter().any(|x| x == n))
    .ok_or_else(|| {
        refuse(format!(
            "it holds no Anki collection (collection.anki21b, collection.anki21 or \
             collection.anki2); it has: {}",
            crate::echo::echo(&names.join(", "), 200)
        ))
    })?;
    let entry = zip
        .by_name(name)
        .map_err(|e| refuse(format!("{name} cannot be read: {e}")))?;
    let data = if compressed {
        let decoder = zstd::stream::read::Decoder::new(entry)
            .map_err(|e| refuse(format!("{name} cannot be unpacked: {e}")))?;
        read_capped(decoder, name)?
    } else {
        read_capped(entry, name)?
    };
    let file = tempfile::NamedTempFile::new()?;
    std::fs::write(file.path(), &data)?;
    drop(data);
    let conn = Connection::open_with_flags(
        file.path(),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| refuse(format!("{name} is not an SQLite database: {e}")))?;
    // Anki's schema 18 sorts names with its own collation; case-insensitive order is enough here.
    conn.create_collation("unicase", |a: &str, b: &str| {
        a.to_lowercase().cmp(&b.to_lowercase())
    })
    .map_err(|e| refuse(format!("{name} cannot be read: {e}")))?;
    let ok: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| refuse(format!("{name} is not an Anki collection: {e}")))?;
    if ok != "ok" {
        return Err(refuse(format!("{name} is damaged: {ok}")));
    }
    let notes = read_notes(&conn).map_err(|e| {
        refuse(format!(
            "{name} is not an Anki collection Prep Hub can read: {e}"
        ))
    })?;
    Ok(AnkiCollection {
        format: name.to_string(),
        notes,
    })
}

fn read_capped(reader: impl Read, name: &str) -> AppResult<Vec<u8>> {
    let mut data = Vec::new();
    reader
        .take(MAX_COLLECTION_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(|e| refuse(format!("{name} cannot be unpacked: {e}")))?;
    if data.len() as u64 > MAX_COLLECTION_BYTES {
        return Err(refuse(format!(
            "{name} unpacks to more than {}; Prep Hub reads collections up to that size",
            crate::files::human_size(MAX_COLLECTION_BYTES)
        )));
    }
    Ok(data)
}

fn has_table(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |_| Ok(()),
    )
    .optional()
    .map(|r| r.is_some())
}

/// Deck names by id and field names by note type id, from either schema.
type Names = (HashMap<i64, String>, HashMap<i64, (String, Vec<String>)>);

fn names(conn: &Connection) -> Result<Names, String> {
    let e = |e: rusqlite::Error| e.to_string();
    if has_table(conn, "notetypes").map_err(e)? {
        let mut decks = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name FROM decks").map_err(e)?;
        for row in stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(e)?
        {
            let (id, name) = row.map_err(e)?;
            // Schema 18 separates deck levels with \x1f; Anki shows them joined by "::".
            decks.insert(id, name.replace('\x1f', "::"));
        }
        let mut types: HashMap<i64, (String, Vec<String>)> = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name FROM notetypes").map_err(e)?;
        for row in stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(e)?
        {
            let (id, name) = row.map_err(e)?;
            types.insert(id, (name, Vec::new()));
        }
        let mut stmt = conn
            .prepare("SELECT ntid, ord, name FROM fields")
            .map_err(e)?;
        let mut fields: Vec<(i64, i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        fields.sort_by_key(|f| (f.0, f.1));
        for (ntid, _, name) in fields {
            if let Some(t) = types.get_mut(&ntid) {
                t.1.push(name);
            }
        }
        Ok((decks, types))
    } else {
        let (decks_json, models_json): (String, String) = conn
            .query_row("SELECT decks, models FROM col", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(e)?;
        let decks_v: Value = serde_json::from_str(&decks_json).map_err(|e| e.to_string())?;
        let models_v: Value = serde_json::from_str(&models_json).map_err(|e| e.to_string())?;
        let decks = decks_v
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(id, d)| Some((id.parse().ok()?, d["name"].as_str()?.to_string())))
            .collect();
        let types = models_v
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(id, m)| {
                let mut flds: Vec<(i64, String)> = m["flds"]
                    .as_array()?
                    .iter()
                    .filter_map(|f| Some((f["ord"].as_i64()?, f["name"].as_str()?.to_string())))
                    .collect();
                flds.sort();
                Some((
                    id.parse().ok()?,
                    (
                        m["name"].as_str().unwrap_or("Note").to_string(),
                        flds.into_iter().map(|f| f.1).collect(),
                    ),
                ))
            })
            .collect();
        Ok((decks, types))
    }
}

fn read_notes(conn: &Connection) -> Result<Vec<AnkiNote>, String> {
    let e = |e: rusqlite::Error| e.to_string();
    let (decks, types) = names(conn)?;
    // Each note's first card (lowest template number): its deck (the original one when the card
    // sits in a filtered deck) and its reviews. Further cards of a note (a reversed card) ask
    // the same thing the other way round and are left out.
    let mut first_card: HashMap<i64, (i64, i64, i64)> = HashMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT id, nid, did, ord, odid FROM cards")
            .map_err(e)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })
            .map_err(e)?;
        for row in rows {
            let (id, nid, did, ord, odid) = row.map_err(e)?;
            let deck = if odid != 0 { odid } else { did };
            let entry = first_card.entry(nid).or_insert((id, deck, ord));
            if (ord, id) < (entry.2, entry.0) {
                *entry = (id, deck, ord);
            }
        }
    }
    let mut reviews: HashMap<i64, Vec<AnkiReview>> = HashMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT id, cid, ease, time, type FROM revlog ORDER BY id")
            .map_err(e)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })
            .map_err(e)?;
        for row in rows {
            let (ms, cid, ease, time, kind) = row.map_err(e)?;
            // Ease 0 and types 4 and 5 are manual rescheduling, not answers.
            if !(1..=4).contains(&ease) || !(0..=3).contains(&kind) {
                continue;
            }
            // Instants outside the years a backup accepts are a broken clock, not a review.
            let Some(at) = DateTime::<Utc>::from_timestamp_millis(ms).filter(|at| {
                (crate::progress::backup::FIRST_YEAR..=crate::progress::backup::LAST_YEAR)
                    .contains(&chrono::Datelike::year(at))
            }) else {
                continue;
            };
            reviews.entry(cid).or_default().push(AnkiReview {
                at,
                ease: ease as u8,
                seconds: (time.max(0) / 1000).min(86_400) as u32,
            });
        }
    }
    let mut stmt = conn
        .prepare("SELECT id, mid, tags, flds FROM notes ORDER BY id")
        .map_err(e)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .map_err(e)?;
    let mut notes = Vec::new();
    for row in rows {
        let (id, mid, tags, flds) = row.map_err(e)?;
        if notes.len() >= MAX_NOTES {
            return Err(format!(
                "it has more than {MAX_NOTES} notes; export one deck at a time"
            ));
        }
        let (notetype, field_names) = types
            .get(&mid)
            .cloned()
            .unwrap_or_else(|| ("Note".into(), Vec::new()));
        let fields = flds
            .split('\x1f')
            .enumerate()
            .map(|(i, v)| {
                let name = field_names
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| format!("field {}", i + 1));
                (name, v.to_string())
            })
            .collect();
        let card = first_card.get(&id);
        let deck = card
            .and_then(|c| decks.get(&c.1))
            .cloned()
            .unwrap_or_else(|| "Default".into());
        notes.push(AnkiNote {
            number: notes.len() + 1,
            deck,
            notetype,
            fields,
            tags: tags.split_whitespace().map(str::to_string).collect(),
            reviews: card.and_then(|c| reviews.remove(&c.0)).unwrap_or_default(),
        });
    }
    Ok(notes)
}

/// Notes per deck and per tag, sorted by name: what the user maps to focus areas.
pub fn counts(notes: &[AnkiNote]) -> (BTreeMap<String, usize>, BTreeMap<String, usize>) {
    let mut decks = BTreeMap::new();
    let mut tags = BTreeMap::new();
    for n in notes {
        *decks.entry(n.deck.clone()).or_insert(0) += 1;
        for t in &n.tags {
            *tags.entry(t.clone()).or_insert(0) += 1;
        }
    }
    (decks, tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/anki")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn the_current_format_is_read_with_decks_tags_and_reviews() {
        let c = read_package(&fixture("current.apkg")).unwrap();
        assert_eq!(c.format, "collection.anki21b");
        assert_eq!(c.notes.len(), 5);
        let first = &c.notes[0];
        assert_eq!(first.deck, "Interview::System design");
        assert_eq!(first.fields[0].0, "Front");
        assert_eq!(first.fields[0].1, "How would you design a URL shortener?");
        assert_eq!(first.tags, vec!["caching", "system-design"]);
        assert_eq!(first.reviews.len(), 4, "{:?}", first.reviews);
        assert_eq!(first.reviews.last().unwrap().ease, 4);
        assert!(first.reviews.windows(2).all(|w| w[0].at < w[1].at));
        assert_eq!(c.notes[4].deck, "Default");
        assert!(c.notes[2].reviews.is_empty());
        let (decks, tags) = counts(&c.notes);
        assert_eq!(decks["Interview::Behavioural"], 2);
        assert_eq!(tags["caching"], 2);
    }

    #[test]
    fn the_legacy_format_reads_the_same_notes() {
        let current = read_package(&fixture("current.apkg")).unwrap();
        let legacy = read_package(&fixture("legacy.apkg")).unwrap();
        assert_eq!(legacy.format, "collection.anki2");
        assert_eq!(legacy.notes.len(), current.notes.len());
        for (a, b) in legacy.notes.iter().zip(&current.notes) {
            assert_eq!((&a.deck, &a.fields, &a.tags), (&b.deck, &b.fields, &b.tags));
            assert_eq!(a.reviews.len(), b.reviews.len());
        }
    }

    #[test]
    fn files_that_are_not_packages_are_refused_with_the_reason() {
        let e = read_package(b"not a zip").unwrap_err().to_string();
        assert!(e.contains("not a zip archive"), "{e}");
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            w.start_file("notes.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, b"hello").unwrap();
            w.finish().unwrap();
        }
        let e = read_package(buf.get_ref()).unwrap_err().to_string();
        assert!(
            e.contains("holds no Anki collection") && e.contains("notes.txt"),
            "{e}"
        );
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            w.start_file("collection.anki2", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, b"SQLite format 3\0 but not really").unwrap();
            w.finish().unwrap();
        }
        let e = read_package(buf.get_ref()).unwrap_err().to_string();
        assert!(e.contains("collection.anki2"), "{e}");
    }
}
