//! CSV and TSV files (the `csv` crate): decoding, the delimiter, the header, a preview of the
//! first rows, column guesses from the header, and rows turned into drafts with every problem
//! named by row and column.

use std::collections::BTreeMap;

use serde::Serialize;

use super::text::{plain_to_markdown, TextFormat};
use super::{Cell, Draft, Field};
use crate::error::{AppError, AppResult};
use crate::packs::Problem;

/// More rows than a pack may hold questions is certainly not one person's question list.
pub const MAX_ROWS: usize = 5_000;
/// Rows shown in the preview.
pub const PREVIEW_ROWS: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub delimiter: u8,
    /// Every record, in file order, each with its row number as a spreadsheet shows it (1-based).
    pub records: Vec<(usize, Vec<String>)>,
}

/// UTF-8 text of a file, without its byte-order mark; anything else is refused with where and why.
pub fn decode(bytes: &[u8]) -> AppResult<&str> {
    let refuse = |m: String| AppError::ImportInvalid(vec![problem("the file", m)]);
    for (bom, name) in [
        (&[0xFF, 0xFE, 0, 0][..], "UTF-32"),
        (&[0, 0, 0xFE, 0xFF][..], "UTF-32"),
        (&[0xFF, 0xFE][..], "UTF-16"),
        (&[0xFE, 0xFF][..], "UTF-16"),
    ] {
        if bytes.starts_with(bom) {
            return Err(refuse(format!(
                "it is {name} text; save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\") and try again"
            )));
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        let column = at
            - bytes[..at]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        AppError::ImportInvalid(vec![problem(
            format!("line {line}, character {column}"),
            format!(
                "byte 0x{:02X} is not UTF-8; the file is in another encoding (often Windows-1252 \
                 or Latin-1): save it as UTF-8 and try again",
                bytes[at]
            ),
        )])
    })
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
    }
}

/// The delimiter: a tab for `.tsv`, else whichever of tab, comma and semicolon the first line
/// holds most of outside quotes (comma when none).
pub fn sniff_delimiter(text: &str, extension: &str) -> u8 {
    if extension.eq_ignore_ascii_case("tsv") || extension.eq_ignore_ascii_case("tab") {
        return b'\t';
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b'\t', 0), (b',', 0), (b';', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for c in counts.iter_mut() {
                if c.0 == b {
                    c.1 += 1;
                }
            }
        }
    }
    counts
        .iter()
        .filter(|c| c.1 > 0)
        .max_by_key(|c| (c.1, c.0 == b','))
        .map_or(b',', |c| c.0)
}

/// Reads every record; a file with more than `MAX_ROWS` rows is refused.
pub fn read(text: &str, delimiter: u8) -> AppResult<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let at = e
                .position()
                .map(|p| format!("row {}", p.record() + 1))
                .unwrap_or_else(|| format!("row {}", i + 1));
            AppError::ImportInvalid(vec![problem(at, e.to_string())])
        })?;
        if records.len() > MAX_ROWS {
            return Err(AppError::ImportInvalid(vec![problem(
                "the file",
                format!("it has more than {MAX_ROWS} rows; split it into smaller files"),
            )]));
        }
        records.push((i + 1, record.iter().map(str::to_string).collect()));
    }
    Ok(Table { delimiter, records })
}

/// The words a header may use for each field (compared in lower case, `_` and `-` read as spaces).
const HEADER_WORDS: &[(Field, &[&str])] = &[
    (
        Field::Prompt,
        &["prompt", "question", "questions", "front", "q", "title"],
    ),
    (
        Field::Answer,
        &[
            "answer",
            "answers",
            "back",
            "a",
            "model answer",
            "solution",
            "response",
        ],
    ),
    (Field::Example, &["example", "examples", "example answer"]),
    (
        Field::Round,
        &["round", "stage", "interview round", "interview stage"],
    ),
    (
        Field::FocusArea,
        &[
            "focus area",
            "focus",
            "area",
            "topic",
            "category",
            "section",
            "competency",
        ],
    ),
    (
        Field::Tags,
        &["tags", "tag", "skills", "skill", "labels", "keywords"],
    ),
    (Field::Difficulty, &["difficulty", "level"]),
    (
        Field::FollowUps,
        &[
            "follow ups",
            "followups",
            "follow up",
            "follow up questions",
        ],
    ),
    (
        Field::Minutes,
        &["minutes", "mins", "time", "duration", "minutes to answer"],
    ),
];

fn normalise_header(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a header names, if any.
pub fn field_of_header(header: &str) -> Option<Field> {
    let h = normalise_header(header);
    HEADER_WORDS
        .iter()
        .find(|(_, words)| words.contains(&h.as_str()))
        .map(|(f, _)| *f)
}

/// Whether the first row is a header: it names at least one field.
pub fn looks_like_header(first: &[String]) -> bool {
    first.iter().any(|h| field_of_header(h).is_some())
}

/// Column guesses: from the header when there is one (first column that names each field),
/// else the first column is the prompt and the second the answer.
pub fn guess_columns(table: &Table, has_header: bool) -> BTreeMap<Field, usize> {
    let mut out = BTreeMap::new();
    match table.records.first() {
        Some((_, first)) if has_header => {
            for (i, h) in first.iter().enumerate() {
                if let Some(f) = field_of_header(h) {
                    out.entry(f).or_insert(i);
                }
            }
        }
        Some((_, first)) => {
            out.insert(Field::Prompt, 0);
            if first.len() > 1 {
                out.insert(Field::Answer, 1);
            }
        }
        None => {}
    }
    out
}

/// "A", "B", … "Z", "AA": the column letter a spreadsheet shows.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Column {
    pub index: usize,
    pub letter: String,
    /// The header's text, when the file has a header.
    pub header: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TablePreview {
    /// "comma", "semicolon" or "tab".
    pub delimiter: &'static str,
    pub has_header: bool,
    pub columns: Vec<Column>,
    /// The first rows after the header, cell by cell.
    pub first_rows: Vec<Vec<String>>,
    /// Data rows (not counting the header).
    pub rows: usize,
    pub guessed: BTreeMap<Field, usize>,
}

pub fn delimiter_name(d: u8) -> &'static str {
    match d {
        b'\t' => "tab",
        b';' => "semicolon",
        _ => "comma",
    }
}

pub fn preview(table: &Table) -> TablePreview {
    let has_header = table
        .records
        .first()
        .is_some_and(|(_, r)| looks_like_header(r));
    let width = table
        .records
        .iter()
        .map(|(_, r)| r.len())
        .max()
        .unwrap_or(0);
    let header = has_header.then(|| table.records[0].1.clone());
    let data = &table.records[has_header as usize..];
    TablePreview {
        delimiter: delimiter_name(table.delimiter),
        has_header,
        columns: (0..width)
            .map(|i| Column {
                index: i,
                letter: column_letter(i),
                header: header.as_ref().and_then(|h| h.get(i).cloned()),
            })
            .collect(),
        first_rows: data
            .iter()
            .take(PREVIEW_ROWS)
            .map(|(_, r)| r.clone())
            .collect(),
        rows: data.len(),
        guessed: guess_columns(table, has_header),
    }
}

/// Every data row as a draft question; cells are read as `format`. Rows with no text at all
/// are left out. A column mapped past a row's end reads as empty.
pub fn drafts(
    table: &Table,
    has_header: bool,
    columns: &BTreeMap<Field, usize>,
    format: TextFormat,
) -> AppResult<Vec<Draft>> {
    let width = table
        .records
        .iter()
        .map(|(_, r)| r.len())
        .max()
        .unwrap_or(0);
    let mut refused = Vec::new();
    if !columns.contains_key(&Field::Prompt) {
        refused.push(problem(
            "columns",
            "choose the column that holds the questions",
        ));
    }
    for (field, col) in columns {
        if *col >= width {
            refused.push(problem(
                format!("columns.{}", field.name()),
                format!(
                    "column {} does not exist; the file has {width} column{}",
                    column_letter(*col),
                    if width == 1 { "" } else { "s" }
                ),
            ));
        }
    }
    if !refused.is_empty() {
        return Err(AppError::ImportInvalid(refused));
    }
    let header = has_header.then(|| table.records.first().map(|r| r.1.clone()));
    let header = header.flatten().unwrap_or_default();
    let label = |row: usize, field: Field, col: usize| {
        let name = header
            .get(col)
            .map(|h| h.trim())
            .filter(|h| !h.is_empty())
            .map(|h| crate::echo::echo(h, 40))
            .unwrap_or_else(|| field.name().replace('_', " "));
        format!("row {row}, column {} ({name})", column_letter(col))
    };
    let read = |text: &str| match format {
        TextFormat::Markdown => text.trim().replace("\r\n", "\n"),
        TextFormat::Plain => plain_to_markdown(text),
    };
    let mut out = Vec::new();
    for (row, cells) in &table.records[has_header as usize..] {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |field: Field| {
            columns.get(&field).map(|col| Cell {
                at: label(*row, field, *col),
                text: cells
                    .get(*col)
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default(),
            })
        };
        let list = |field: Field, separators: &[char]| -> Vec<String> {
            cell(field)
                .map(|c| {
                    c.text
                        .split(separators)
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        };
        let prompt = cell(Field::Prompt).unwrap_or(Cell {
            at: format!("row {row}"),
            text: String::new(),
        });
        out.push(Draft {
            place: format!("row {row}"),
            prompt: Cell {
                text: super::resolve::prompt_text(&prompt.text, format),
                at: prompt.at,
            },
            answer: cell(Field::Answer)
                .map(|c| read(&c.text))
                .unwrap_or_default(),
            example: cell(Field::Example)
                .map(|c| read(&c.text))
                .unwrap_or_default(),
            round: cell(Field::Round).filter(|c| !c.text.is_empty()),
            focus_area: cell(Field::FocusArea).filter(|c| !c.text.is_empty()),
            skills: list(Field::Tags, &[',', ';', '|']),
            follow_ups: list(Field::FollowUps, &['\n', '|']),
            difficulty: cell(Field::Difficulty).filter(|c| !c.text.is_empty()),
            minutes: cell(Field::Minutes).filter(|c| !c.text.is_empty()),
            reviews: Vec::new(),
            skills_at: columns
                .get(&Field::Tags)
                .map(|c| label(*row, Field::Tags, *c)),
            follow_ups_at: columns
                .get(&Field::FollowUps)
                .map(|c| label(*row, Field::FollowUps, *c)),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_bom_is_read_and_other_encodings_are_refused() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b").unwrap(), "a,b");
        assert_eq!(decode(b"a,b").unwrap(), "a,b");
        let e = decode(b"\xFF\xFEa\0").unwrap_err().to_string();
        assert!(e.contains("UTF-16"), "{e}");
        let e = decode(b"q,a\nCaf\xE9,x").unwrap_err().to_string();
        assert!(
            e.contains("line 2, character 4") && e.contains("0xE9"),
            "{e}"
        );
    }

    #[test]
    fn the_delimiter_is_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;c\n", "csv"), b';');
        assert_eq!(sniff_delimiter("\"a,b\";c\n", "csv"), b';');
        assert_eq!(sniff_delimiter("a\tb\n", "txt"), b'\t');
        assert_eq!(sniff_delimiter("a,b\n", "tsv"), b'\t');
        assert_eq!(sniff_delimiter("single\n", "csv"), b',');
    }

    #[test]
    fn headers_are_guessed_and_columns_lettered() {
        let t = read(
            "Question,Model answer,Focus_area,Tags\n\"What, if?\",\"Two\nlines\",x,\"a, b\"\n",
            b',',
        )
        .unwrap();
        let p = preview(&t);
        assert!(p.has_header);
        assert_eq!(p.rows, 1);
        assert_eq!(p.first_rows[0][1], "Two\nlines");
        assert_eq!(p.guessed[&Field::Prompt], 0);
        assert_eq!(p.guessed[&Field::Answer], 1);
        assert_eq!(p.guessed[&Field::FocusArea], 2);
        assert_eq!(p.guessed[&Field::Tags], 3);
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(27), "AB");
        let plain = read("What is X?,It is Y\n", b',').unwrap();
        let p = preview(&plain);
        assert!(!p.has_header);
        assert_eq!(p.guessed[&Field::Answer], 1);
    }

    #[test]
    fn rows_become_drafts_and_name_their_cells() {
        let t = read(
            "Question;Answer;Tags\nWhy *now*?;Because;a, b\n;;\nNext?;;\n",
            b';',
        )
        .unwrap();
        let cols = guess_columns(&t, true);
        let d = drafts(&t, true, &cols, TextFormat::Plain).unwrap();
        assert_eq!(d.len(), 2, "the empty row is left out");
        assert_eq!(d[0].prompt.text, "Why *now*?", "prompts are plain text");
        assert_eq!(d[0].prompt.at, "row 2, column A (Question)");
        assert_eq!(d[0].skills, vec!["a", "b"]);
        assert_eq!(d[1].place, "row 4");
        let mut bad = cols.clone();
        bad.insert(Field::Example, 9);
        let e = drafts(&t, true, &bad, TextFormat::Plain)
            .unwrap_err()
            .to_string();
        assert!(e.contains("column J does not exist"), "{e}");
    }
}
