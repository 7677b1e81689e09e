//! Anki's "Notes in Plain Text" export: `#key:value` header lines (`#separator:tab`,
//! `#html:true`, `#deck column:3`, `#tags column:6`, `#notetype column:2`, `#guid column:1`),
//! then one note a line, its columns split by the separator and quoted as CSV.

use super::{AnkiNote, FileText};
use crate::error::{AppError, AppResult};
use crate::packs::Problem;

/// Whether a text file is an Anki notes export: it starts with Anki's header lines.
pub fn is_notes_text(text: &str) -> bool {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .any(|l| l.starts_with("#separator:") || l.starts_with("#html:"))
}

/// The notes of the export, and whether their fields are HTML.
pub fn read(text: &str) -> AppResult<(Vec<AnkiNote>, FileText)> {
    let mut separator = b'\t';
    let mut html = false;
    let (mut deck_col, mut tags_col, mut type_col, mut guid_col) = (None, None, None, None);
    let mut header_lines = 0;
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        header_lines += 1;
        let Some((key, value)) = line[1..].split_once(':') else {
            continue;
        };
        let column = || value.trim().parse::<usize>().ok().filter(|c| *c > 0);
        match key.trim() {
            "separator" => {
                separator = match value.trim().to_lowercase().as_str() {
                    "tab" | "\t" => b'\t',
                    "comma" | "," => b',',
                    "semicolon" | ";" => b';',
                    "pipe" | "|" => b'|',
                    "space" | " " => b' ',
                    "colon" | ":" => b':',
                    other => {
                        return Err(AppError::ImportInvalid(vec![Problem {
                            path: format!("line {header_lines}"),
                            message: format!(
                                "separator '{}' is not one Anki writes (tab, comma, semicolon, pipe, space, colon)",
                                crate::echo::echo(other, 20)
                            ),
                        }]))
                    }
                }
            }
            "html" => html = value.trim().eq_ignore_ascii_case("true"),
            "deck column" => deck_col = column(),
            "tags column" => tags_col = column(),
            "notetype column" => type_col = column(),
            "guid column" => guid_col = column(),
            _ => {}
        }
    }
    // The notes start after the header lines; a note may itself begin with '#'.
    let body_start: usize = text
        .split_inclusive('\n')
        .take(header_lines)
        .map(str::len)
        .sum();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(&text.as_bytes()[body_start..]);
    let mut notes = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            AppError::ImportInvalid(vec![Problem {
                path: e
                    .position()
                    .map(|p| format!("line {}", p.line() as usize + header_lines))
                    .unwrap_or_else(|| "the file".into()),
                message: e.to_string(),
            }])
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize) + header_lines;
        if notes.len() >= super::anki::MAX_NOTES {
            return Err(AppError::ImportInvalid(vec![Problem {
                path: format!("line {line}"),
                message: format!(
                    "the file has more than {} notes; export one deck at a time",
                    super::anki::MAX_NOTES
                ),
            }]));
        }
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c - 1)).map(str::to_string);
        let special = [deck_col, tags_col, type_col, guid_col];
        let fields = record
            .iter()
            .enumerate()
            .filter(|(i, _)| !special.contains(&Some(i + 1)))
            .enumerate()
            .map(|(n, (_, v))| (format!("field {}", n + 1), v.to_string()))
            .collect::<Vec<_>>();
        if fields.iter().all(|(_, v)| v.trim().is_empty()) {
            continue;
        }
        notes.push(AnkiNote {
            number: line,
            deck: cell(deck_col)
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| "Default".into()),
            notetype: cell(type_col).unwrap_or_else(|| "Note".into()),
            fields,
            tags: cell(tags_col)
                .map(|t| t.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            reviews: Vec::new(),
        });
    }
    Ok((
        notes,
        if html {
            FileText::Html
        } else {
            FileText::Plain
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_notes_export_is_read_with_its_columns() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/anki/notes.txt");
        let text = std::fs::read_to_string(path).unwrap();
        assert!(is_notes_text(&text));
        let (notes, kind) = read(&text).unwrap();
        assert_eq!(kind, FileText::Html);
        assert_eq!(notes.len(), 5);
        assert_eq!(notes[0].deck, "Interview::System design");
        assert_eq!(notes[0].notetype, "Basic");
        assert_eq!(notes[0].fields.len(), 2, "{:?}", notes[0].fields);
        assert!(notes[0].fields[1].1.contains("<img src=\"shortener.png\">"));
        assert_eq!(notes[0].tags, vec!["caching", "system-design"]);
        assert_eq!(notes[0].number, 7, "notes are numbered by their line");
    }

    #[test]
    fn a_plain_csv_is_not_taken_for_an_anki_export() {
        assert!(!is_notes_text("question,answer\n#1,x\n"));
        let e = read("#separator:weird\nx\n").unwrap_err().to_string();
        assert!(e.contains("line 1") && e.contains("weird"), "{e}");
    }
}
