//! Bringing the user's own material in: CSV / TSV tables, Anki packages (`.apkg`) and Anki's
//! "Notes in Plain Text" export become questions of a role, in the personal pack or in a new
//! pack the user names. Knows nothing of Tauri.
//!
//! Every import runs in three steps: the file is read and previewed (`load`, `preview`); the
//! user's choices (columns, focus areas, target) turn it into checked questions with every
//! problem named by row or note and column or field (`check`); and only a file without problems
//! is written, in one transaction (`write`). Reading and checking need no database lock.

pub mod anki;
pub mod anki_text;
pub mod resolve;
pub mod table;
pub mod text;
pub mod write;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};

pub use resolve::{check, CheckReport, Checked};
pub use write::{write, ImportReport};

/// The largest file read: far beyond any question list or deck without media.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// What a table column may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Prompt,
    Answer,
    Example,
    Round,
    FocusArea,
    Tags,
    Difficulty,
    FollowUps,
    Minutes,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Prompt => "prompt",
            Field::Answer => "answer",
            Field::Example => "example",
            Field::Round => "round",
            Field::FocusArea => "focus_area",
            Field::Tags => "tags",
            Field::Difficulty => "difficulty",
            Field::FollowUps => "follow_ups",
            Field::Minutes => "minutes",
        }
    }
}

/// A value read from the file, with where it was: "row 4, column C (Round)".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub at: String,
    pub text: String,
}

/// One question as read from a file, before it is checked against the role.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    /// "row 4" or "note 3 (deck Interview)".
    pub place: String,
    /// Markdown.
    pub prompt: Cell,
    /// Markdown; may be empty.
    pub answer: String,
    /// Markdown; may be empty.
    pub example: String,
    pub round: Option<Cell>,
    /// A focus area's id or name.
    pub focus_area: Option<Cell>,
    pub skills: Vec<String>,
    pub skills_at: Option<String>,
    pub follow_ups: Vec<String>,
    pub follow_ups_at: Option<String>,
    pub difficulty: Option<Cell>,
    pub minutes: Option<Cell>,
    pub reviews: Vec<AnkiReview>,
}

/// One answer given in Anki.
#[derive(Debug, Clone, PartialEq)]
pub struct AnkiReview {
    pub at: DateTime<Utc>,
    /// 1 Again, 2 Hard, 3 Good, 4 Easy: the same four as our ratings.
    pub ease: u8,
    pub seconds: u32,
}

/// One Anki note: its fields in order (name, HTML or text), deck, tags and the reviews of its
/// first card.
#[derive(Debug, Clone, PartialEq)]
pub struct AnkiNote {
    /// Position in the package (1-based), or line in a text export.
    pub number: usize,
    pub deck: String,
    pub notetype: String,
    pub fields: Vec<(String, String)>,
    pub tags: Vec<String>,
    pub reviews: Vec<AnkiReview>,
}

/// How an Anki note's fields are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileText {
    Html,
    Plain,
}

/// A file read and understood, ready for the user's choices.
#[derive(Debug, Clone)]
pub enum Source {
    Table(table::Table),
    Anki {
        /// "collection.anki21b", "collection.anki2", "notes in plain text".
        format: String,
        notes: Vec<AnkiNote>,
        text: FileText,
    },
}

/// Reads and recognises a question file: `.apkg` packages by their zip signature, Anki's text
/// export by its header lines, anything else as a CSV or TSV table.
pub fn load(path: &Path) -> AppResult<Source> {
    let bytes = crate::files::read_limited(path, MAX_FILE_BYTES, "the file")?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    load_bytes(&bytes, &extension)
}

pub fn load_bytes(bytes: &[u8], extension: &str) -> AppResult<Source> {
    if bytes.starts_with(b"PK\x03\x04") || extension == "apkg" || extension == "colpkg" {
        let c = anki::read_package(bytes)?;
        return Ok(Source::Anki {
            format: c.format,
            notes: c.notes,
            text: FileText::Html,
        });
    }
    if bytes.starts_with(b"SQLite format 3\0") {
        return Err(AppError::ImportInvalid(vec![crate::packs::Problem {
            path: "the file".into(),
            message: "it is an Anki collection file, not an export: in Anki choose File → \
                      Export, \"Anki Deck Package (.apkg)\", and import that file"
                .into(),
        }]));
    }
    let text = table::decode(bytes)?;
    if anki_text::is_notes_text(text) {
        let (notes, kind) = anki_text::read(text)?;
        return Ok(Source::Anki {
            format: "notes in plain text".into(),
            notes,
            text: kind,
        });
    }
    let delimiter = table::sniff_delimiter(text, extension);
    Ok(Source::Table(table::read(text, delimiter)?))
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NamedCount {
    pub name: String,
    pub notes: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoteSample {
    pub place: String,
    pub prompt: String,
    pub answer: String,
}

/// What a file holds, for the user to map before anything is checked or written.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Preview {
    Table(table::TablePreview),
    Anki {
        format: String,
        notes: usize,
        decks: Vec<NamedCount>,
        tags: Vec<NamedCount>,
        reviews: usize,
        /// Notes with at least one review.
        reviewed_notes: usize,
        first_notes: Vec<NoteSample>,
    },
}

pub fn preview(source: &Source) -> Preview {
    match source {
        Source::Table(t) => Preview::Table(table::preview(t)),
        Source::Anki {
            format,
            notes,
            text,
        } => {
            let (decks, tags) = anki::counts(notes);
            let named = |m: BTreeMap<String, usize>| {
                m.into_iter()
                    .map(|(name, notes)| NamedCount { name, notes })
                    .collect()
            };
            let drafts = resolve::anki_drafts(notes, *text, &BTreeMap::new(), &BTreeMap::new());
            Preview::Anki {
                format: format.clone(),
                notes: notes.len(),
                decks: named(decks),
                tags: named(tags),
                reviews: notes.iter().map(|n| n.reviews.len()).sum(),
                reviewed_notes: notes.iter().filter(|n| !n.reviews.is_empty()).count(),
                first_notes: drafts
                    .iter()
                    .take(table::PREVIEW_ROWS)
                    .map(|d| NoteSample {
                        place: d.place.clone(),
                        prompt: crate::packs::render::markdown_to_text(&d.prompt.text),
                        answer: crate::packs::render::markdown_to_text(&d.answer),
                    })
                    .collect(),
            }
        }
    }
}

/// Where the questions go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// The role's own questions (`own_question`, ids `mine-N`).
    Personal,
    /// A new pack with one role that has the chosen role's rounds and focus areas.
    NewPack { title: String },
}

/// What an Anki deck or tag becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Its notes go to this focus area (id).
    Area(String),
    /// It is kept as a skill of each of its notes.
    Tag,
    /// It is left out.
    Ignore,
}

/// The user's choices for one import.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ImportRequest {
    pub path: String,
    pub role_id: String,
    pub target: Target,
    /// The focus area of questions the file does not place.
    pub focus_area: String,
    /// The round of questions the file does not place; `None`: the first round of the role
    /// that tests the question's focus area.
    #[serde(default)]
    pub round: Option<String>,
    /// Tables: whether the first row is a header (`None`: guessed).
    #[serde(default)]
    pub has_header: Option<bool>,
    /// Tables: which column holds each field (0-based).
    #[serde(default)]
    pub columns: BTreeMap<Field, usize>,
    /// Tables: how cells are written.
    #[serde(default = "markdown")]
    pub format: text::TextFormat,
    /// Anki: what each deck becomes (default: the default focus area).
    #[serde(default)]
    pub decks: BTreeMap<String, Rule>,
    /// Anki: what each tag becomes (default: a skill).
    #[serde(default)]
    pub tags: BTreeMap<String, Rule>,
    /// Anki: bring the review history along.
    #[serde(default)]
    pub with_reviews: bool,
}

fn markdown() -> text::TextFormat {
    text::TextFormat::Markdown
}
