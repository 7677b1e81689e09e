//! The user's choices applied to a file: drafts placed in the role's rounds and focus areas,
//! checked completely, with every problem named by row or note and column or field.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::text::{anki_html_to_markdown, html_to_plain, plain_to_markdown, TextFormat};
use super::{AnkiNote, AnkiReview, Cell, Draft, FileText, ImportRequest, Rule, Source, Target};
use crate::error::{AppError, AppResult};
use crate::packs::render::markdown_to_text;
use crate::packs::Problem;
use crate::progress::own::DIFFICULTIES;

/// Longest prompt, as for questions typed in the app and in packs.
pub const MAX_PROMPT_CHARS: usize = 1000;
/// Longest skill or follow-up (a pack's "line").
pub const MAX_LINE_CHARS: usize = 300;
/// Most skills or follow-ups on one question (as in a pack).
pub const MAX_LIST_ITEMS: usize = 30;
/// Longest name of a new pack.
pub const MAX_PACK_TITLE_CHARS: usize = 80;

/// A prompt cell as plain text: prompts are shown as written, never rendered.
pub fn prompt_text(text: &str, format: TextFormat) -> String {
    let text = match format {
        TextFormat::Markdown => markdown_to_text(text),
        TextFormat::Plain => text.to_string(),
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn short(text: &str) -> String {
    crate::echo::echo(text, 40)
}

/// Anki notes as drafts: the first field is the prompt, the other fields with text are the
/// answer (each under its field name when there are several). A note's focus area is that of
/// its first tag mapped to one, else its deck's (or the nearest parent deck's); tags (and decks)
/// kept as tags become skills.
pub fn anki_drafts(
    notes: &[AnkiNote],
    text: FileText,
    decks: &BTreeMap<String, Rule>,
    tags: &BTreeMap<String, Rule>,
) -> Vec<Draft> {
    let markdown = |s: &str| match text {
        FileText::Html => anki_html_to_markdown(s),
        FileText::Plain => plain_to_markdown(s),
    };
    let plain = |s: &str| {
        let t = match text {
            FileText::Html => html_to_plain(s),
            FileText::Plain => s.to_string(),
        };
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    notes
        .iter()
        .map(|n| {
            let (first_name, first) = n.fields.first().cloned().unwrap_or_default();
            let prompt = plain(&first);
            let place = format!(
                "note {} (\u{201c}{}\u{201d}, deck {})",
                n.number,
                if prompt.is_empty() {
                    "no question".to_string()
                } else {
                    short(&prompt)
                },
                n.deck
            );
            let rest: Vec<(&String, String)> = n.fields[1.min(n.fields.len())..]
                .iter()
                .map(|(name, v)| (name, markdown(v)))
                .filter(|(_, v)| !v.trim().is_empty())
                .collect();
            let answer = match rest.len() {
                1 => rest[0].1.clone(),
                _ => rest
                    .iter()
                    .map(|(name, v)| format!("**{}**\n\n{v}", plain_to_markdown(name)))
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            };
            let deck_rule = deck_rule(&n.deck, decks);
            let area = n
                .tags
                .iter()
                .find_map(|t| match tags.get(t) {
                    Some(Rule::Area(a)) => Some(a.clone()),
                    _ => None,
                })
                .or_else(|| match &deck_rule {
                    Some(Rule::Area(a)) => Some(a.clone()),
                    _ => None,
                });
            let mut skills: Vec<String> = n
                .tags
                .iter()
                .filter(|t| matches!(tags.get(*t), None | Some(Rule::Tag)))
                .map(|t| t.replace('_', " "))
                .collect();
            if deck_rule == Some(Rule::Tag) {
                let last = n.deck.rsplit("::").next().unwrap_or(&n.deck).to_string();
                skills.insert(0, last);
            }
            Draft {
                prompt: Cell {
                    at: format!("{place}, field {first_name}"),
                    text: prompt,
                },
                answer,
                focus_area: area.map(|a| Cell {
                    at: format!("{place}, deck or tag"),
                    text: a,
                }),
                skills,
                skills_at: Some(format!("{place}, tags")),
                reviews: n.reviews.clone(),
                place,
                ..Draft::default()
            }
        })
        .collect()
}

/// The rule of a deck, else of its nearest parent deck ("A::B" falls back to "A").
fn deck_rule(deck: &str, decks: &BTreeMap<String, Rule>) -> Option<Rule> {
    let mut name = deck;
    loop {
        if let Some(r) = decks.get(name) {
            return Some(r.clone());
        }
        name = name.rsplit_once("::")?.0;
    }
}

/// The drafts of a file under the user's choices.
pub fn drafts(source: &Source, req: &ImportRequest) -> AppResult<Vec<Draft>> {
    match source {
        Source::Table(t) => {
            let has_header = req.has_header.unwrap_or_else(|| {
                t.records
                    .first()
                    .is_some_and(|(_, r)| super::table::looks_like_header(r))
            });
            let columns = if req.columns.is_empty() {
                super::table::guess_columns(t, has_header)
            } else {
                req.columns.clone()
            };
            super::table::drafts(t, has_header, &columns, req.format)
        }
        Source::Anki { notes, text, .. } => {
            let mut d = anki_drafts(notes, *text, &req.decks, &req.tags);
            if !req.with_reviews {
                for x in d.iter_mut() {
                    x.reviews.clear();
                }
            }
            Ok(d)
        }
    }
}

/// The role as an import needs it: rounds, focus areas, and the questions it already has.
#[derive(Debug, Clone)]
pub struct RoleShape {
    pub role_id: String,
    pub title: String,
    /// id, name, focus areas; in hiring-process order.
    pub rounds: Vec<(String, String, Vec<String>)>,
    /// id, name.
    pub areas: Vec<(String, String)>,
    /// Normalised prompt → id of the question that has it.
    pub existing: HashMap<String, String>,
    /// For a new pack: whether its pack id is taken.
    pub pack_taken: bool,
}

/// Prompts compared without case, spacing or Markdown.
pub fn normalised(prompt: &str) -> String {
    markdown_to_text(prompt)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "personal.{slug}" for a pack named `title`.
pub fn pack_slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    slug.trim_matches('-').to_string()
}

pub fn role_shape(conn: &Connection, role_id: &str, target: &Target) -> AppResult<RoleShape> {
    crate::progress::ensure_role(conn, role_id)?;
    let title: String = conn.query_row("SELECT title FROM role WHERE id = ?1", [role_id], |r| {
        r.get(0)
    })?;
    let rounds = {
        let mut stmt = conn.prepare(
            "SELECT id, name, focus_areas FROM round WHERE role_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([role_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?))
        })?;
        rows.map(|row| {
            let (id, name, areas) = row?;
            Ok((id, name, serde_json::from_str(&areas)?))
        })
        .collect::<AppResult<Vec<_>>>()?
    };
    let areas = {
        let mut stmt =
            conn.prepare("SELECT id, name FROM focus_area WHERE role_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([role_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    let mut existing = HashMap::new();
    for item in crate::progress::role_items(conn, role_id)? {
        existing
            .entry(normalised(&item.prompt))
            .or_insert(item.question_id);
    }
    let pack_taken = match target {
        Target::Personal => false,
        Target::NewPack { title } => conn
            .query_row(
                "SELECT 1 FROM pack WHERE id = ?1",
                [format!("personal.{}", pack_slug(title))],
                |_| Ok(()),
            )
            .optional()?
            .is_some(),
    };
    Ok(RoleShape {
        role_id: role_id.to_string(),
        title,
        rounds,
        areas,
        existing,
        pack_taken,
    })
}

/// A question that passed every check, placed in the role.
#[derive(Debug, Clone, PartialEq)]
pub struct Ready {
    pub place: String,
    pub prompt: String,
    pub answer: String,
    pub example: String,
    pub round_id: String,
    pub focus_area: String,
    pub skills: Vec<String>,
    pub follow_ups: Vec<String>,
    pub difficulty: String,
    pub minutes: u32,
    pub reviews: Vec<AnkiReview>,
}

/// A row or note left out on purpose, and why.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Skipped {
    pub place: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Checked {
    pub target: Target,
    pub role_id: String,
    pub role_title: String,
    pub questions: Vec<Ready>,
    pub skipped: Vec<Skipped>,
    pub problems: Vec<Problem>,
    pub file_name: String,
}

/// What a check found, for the user to read before importing.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CheckReport {
    pub questions: usize,
    pub reviews: usize,
    pub skipped: Vec<Skipped>,
    pub problems: Vec<Problem>,
    /// Questions per focus area name, in the role's order.
    pub by_focus_area: Vec<(String, usize)>,
    pub sample: Vec<SampleQuestion>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SampleQuestion {
    pub place: String,
    pub prompt: String,
    pub round: String,
    pub focus_area: String,
    pub skills: Vec<String>,
    pub reviews: usize,
}

impl Checked {
    pub fn report(&self, shape: &RoleShape) -> CheckReport {
        let name = |list: &[(String, String)], id: &str| {
            list.iter()
                .find(|x| x.0 == id)
                .map_or(id.to_string(), |x| x.1.clone())
        };
        let rounds: Vec<(String, String)> = shape
            .rounds
            .iter()
            .map(|r| (r.0.clone(), r.1.clone()))
            .collect();
        CheckReport {
            questions: self.questions.len(),
            reviews: self.questions.iter().map(|q| q.reviews.len()).sum(),
            skipped: self.skipped.clone(),
            problems: self.problems.clone(),
            by_focus_area: shape
                .areas
                .iter()
                .map(|(id, n)| {
                    (
                        n.clone(),
                        self.questions
                            .iter()
                            .filter(|q| &q.focus_area == id)
                            .count(),
                    )
                })
                .filter(|x| x.1 > 0)
                .collect(),
            sample: self
                .questions
                .iter()
                .take(8)
                .map(|q| SampleQuestion {
                    place: q.place.clone(),
                    prompt: q.prompt.clone(),
                    round: name(&rounds, &q.round_id),
                    focus_area: name(&shape.areas, &q.focus_area),
                    skills: q.skills.clone(),
                    reviews: q.reviews.len(),
                })
                .collect(),
        }
    }
}

fn find_by_id_or_name<'a>(
    list: impl Iterator<Item = (&'a String, &'a String)>,
    text: &str,
) -> Option<String> {
    let want = text.trim().to_lowercase();
    let mut by_name = None;
    for (i, (id, name)) in list.enumerate() {
        if id.to_lowercase() == want {
            return Some(id.clone());
        }
        if name.to_lowercase() == want || (i + 1).to_string() == want {
            by_name.get_or_insert(id.clone());
        }
    }
    by_name
}

fn difficulty_of(text: &str) -> Option<&'static str> {
    match text.trim().to_lowercase().as_str() {
        "foundational" | "basic" | "easy" | "beginner" | "1" => Some("foundational"),
        "intermediate" | "medium" | "moderate" | "2" => Some("intermediate"),
        "advanced" | "hard" | "difficult" | "expert" | "3" => Some("advanced"),
        _ => None,
    }
}

/// Minutes a question takes the first time, when the file does not say.
pub fn default_minutes(difficulty: &str) -> u32 {
    match difficulty {
        "foundational" => 5,
        "advanced" => 15,
        _ => 10,
    }
}

/// Checks every draft against the role and the target; nothing is written.
pub fn check(
    shape: &RoleShape,
    drafts: Vec<Draft>,
    req: &ImportRequest,
    file_name: &str,
) -> Checked {
    let mut problems = Vec::new();
    let area_list = || shape.areas.iter().map(|a| (&a.0, &a.1));
    let area_names = shape
        .areas
        .iter()
        .map(|a| a.1.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let round_names = shape
        .rounds
        .iter()
        .map(|r| r.1.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let new_pack = matches!(req.target, Target::NewPack { .. });
    if let Target::NewPack { title } = &req.target {
        if title.trim().is_empty() || pack_slug(title).is_empty() {
            add(
                &mut problems,
                "pack name",
                "name the new pack (letters or digits)".into(),
            );
        } else if title.chars().count() > MAX_PACK_TITLE_CHARS {
            add(
                &mut problems,
                "pack name",
                format!("at most {MAX_PACK_TITLE_CHARS} characters"),
            );
        } else if shape.pack_taken {
            add(
                &mut problems,
                "pack name",
                format!(
                    "a pack named like \u{201c}{}\u{201d} is already installed; choose another name",
                    short(title)
                ),
            );
        }
    }
    let default_area = find_by_id_or_name(area_list(), &req.focus_area);
    if default_area.is_none() {
        add(
            &mut problems,
            "focus area",
            format!(
                "'{}' is not a focus area of {}; it has: {area_names}",
                short(&req.focus_area),
                shape.title
            ),
        );
    }
    let default_round = match &req.round {
        None => None,
        Some(r) => {
            let found = find_by_id_or_name(shape.rounds.iter().map(|x| (&x.0, &x.1)), r);
            if found.is_none() {
                add(
                    &mut problems,
                    "round",
                    format!(
                        "'{}' is not a round of {}; it has: {round_names}",
                        short(r),
                        shape.title
                    ),
                );
            }
            found
        }
    };
    for (deck_or_tag, rules) in [("deck", &req.decks), ("tag", &req.tags)] {
        for (name, rule) in rules {
            if let Rule::Area(a) = rule {
                if find_by_id_or_name(area_list(), a).is_none() {
                    add(
                        &mut problems,
                        &format!("{deck_or_tag} {}", short(name)),
                        format!("'{}' is not a focus area of {}", short(a), shape.title),
                    );
                }
            }
        }
    }
    let mut questions = Vec::new();
    let mut skipped = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for d in drafts {
        let before = problems.len();
        let prompt = d.prompt.text.trim().to_string();
        if prompt.is_empty() {
            add(
                &mut problems,
                &d.prompt.at,
                "empty: every question needs its prompt".into(),
            );
        } else if prompt.chars().count() > MAX_PROMPT_CHARS {
            add(
                &mut problems,
                &d.prompt.at,
                format!(
                    "{} characters; a question may have at most {MAX_PROMPT_CHARS}",
                    prompt.chars().count()
                ),
            );
        }
        if prompt.chars().any(crate::echo::is_bidi_control) {
            add(
                &mut problems,
                &d.prompt.at,
                "holds characters that reorder text (bidirectional controls)".into(),
            );
        }
        let answer_len = d.answer.chars().count() + d.example.chars().count();
        if answer_len > crate::progress::notes::MAX_TEXT_CHARS {
            add(
                &mut problems,
                &format!("{}, answer", d.place),
                format!(
                    "{answer_len} characters; an answer may have at most {}",
                    crate::progress::notes::MAX_TEXT_CHARS
                ),
            );
        }
        let area = match &d.focus_area {
            Some(c) => {
                let found = find_by_id_or_name(area_list(), &c.text);
                if found.is_none() {
                    add(
                        &mut problems,
                        &c.at,
                        format!(
                            "'{}' is not a focus area of {}; it has: {area_names}",
                            short(&c.text),
                            shape.title
                        ),
                    );
                }
                found
            }
            None => default_area.clone(),
        };
        let round = match &d.round {
            Some(c) => {
                let found = find_by_id_or_name(shape.rounds.iter().map(|x| (&x.0, &x.1)), &c.text);
                if found.is_none() {
                    add(
                        &mut problems,
                        &c.at,
                        format!(
                            "'{}' is not a round of {}; it has: {round_names}",
                            short(&c.text),
                            shape.title
                        ),
                    );
                }
                found
            }
            None => default_round.clone().or_else(|| {
                // The first round that tests the question's focus area, else the first round.
                let area = area.as_deref().unwrap_or_default();
                shape
                    .rounds
                    .iter()
                    .find(|r| r.2.iter().any(|a| a == area))
                    .or(shape.rounds.first())
                    .map(|r| r.0.clone())
            }),
        };
        let difficulty = match &d.difficulty {
            Some(c) => match difficulty_of(&c.text) {
                Some(x) => x.to_string(),
                None => {
                    add(
                        &mut problems,
                        &c.at,
                        format!(
                            "'{}' is not a difficulty; use {} (or easy, medium, hard)",
                            short(&c.text),
                            DIFFICULTIES.join(", ")
                        ),
                    );
                    String::new()
                }
            },
            None => "intermediate".into(),
        };
        let minutes = match &d.minutes {
            Some(c) => match c.text.trim().parse::<u32>() {
                Ok(m) if (1..=240).contains(&m) => m,
                _ => {
                    add(
                        &mut problems,
                        &c.at,
                        format!(
                            "'{}' is not a number of minutes from 1 to 240",
                            short(&c.text)
                        ),
                    );
                    0
                }
            },
            None => default_minutes(&difficulty),
        };
        let lists = [
            ("skill", &d.skills, &d.skills_at),
            ("follow-up", &d.follow_ups, &d.follow_ups_at),
        ];
        for (what, list, at) in lists {
            let at = at.clone().unwrap_or_else(|| d.place.clone());
            if list.len() > MAX_LIST_ITEMS {
                add(
                    &mut problems,
                    &at,
                    format!("{} {what}s; at most {MAX_LIST_ITEMS}", list.len()),
                );
            }
            if let Some(long) = list.iter().find(|s| s.chars().count() > MAX_LINE_CHARS) {
                add(
                    &mut problems,
                    &at,
                    format!(
                        "the {what} \u{201c}{}\u{201d} is longer than {MAX_LINE_CHARS} characters",
                        short(long)
                    ),
                );
            }
        }
        if new_pack {
            if d.answer.trim().is_empty() {
                add(
                    &mut problems,
                    &format!("{}, answer", d.place),
                    "empty: a pack question needs an answer (or import into your own questions)"
                        .into(),
                );
            }
            if d.skills.is_empty() {
                add(
                    &mut problems,
                    &d.skills_at.clone().unwrap_or_else(|| d.place.clone()),
                    "no skill: a pack question needs at least one (map a tags column, or import \
                     into your own questions)"
                        .into(),
                );
            }
            if d.follow_ups.is_empty() {
                add(
                    &mut problems,
                    &d.follow_ups_at.clone().unwrap_or_else(|| d.place.clone()),
                    "no follow-up: a pack question needs at least one (map a follow-ups column, \
                     or import into your own questions)"
                        .into(),
                );
            }
        }
        if problems.len() > before {
            continue;
        }
        let key = normalised(&prompt);
        if let Some(id) = shape.existing.get(&key).filter(|_| !new_pack) {
            skipped.push(Skipped {
                place: d.place.clone(),
                reason: format!("{} already has this question ({id})", shape.title),
            });
            continue;
        }
        if let Some(first) = seen.get(&key) {
            skipped.push(Skipped {
                place: d.place.clone(),
                reason: format!("the same question as {first}"),
            });
            continue;
        }
        seen.insert(key, d.place.clone());
        let (Some(round_id), Some(focus_area)) = (round, area) else {
            continue;
        };
        let mut skills = Vec::new();
        let mut once = HashSet::new();
        for s in &d.skills {
            if once.insert(s.to_lowercase()) {
                skills.push(s.clone());
            }
        }
        questions.push(Ready {
            place: d.place,
            prompt,
            answer: d.answer,
            example: d.example,
            round_id,
            focus_area,
            skills,
            follow_ups: d.follow_ups,
            difficulty,
            minutes,
            reviews: d.reviews,
        });
    }
    if questions.is_empty() && problems.is_empty() {
        add(
            &mut problems,
            "the file",
            if skipped.is_empty() {
                "it holds no questions".into()
            } else {
                "every question in it is already in the role".into()
            },
        );
    }
    Checked {
        target: req.target.clone(),
        role_id: shape.role_id.clone(),
        role_title: shape.title.clone(),
        questions,
        skipped,
        problems,
        file_name: file_name.to_string(),
    }
}

fn add(problems: &mut Vec<Problem>, at: &str, message: String) {
    if problems.len() < crate::packs::validate::MAX_PROBLEMS {
        problems.push(Problem {
            path: at.to_string(),
            message,
        });
    }
}

/// Refuses a check that found problems, listing them all; nothing is written.
pub fn ensure_clean(checked: &Checked) -> AppResult<()> {
    if checked.problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::ImportInvalid(checked.problems.clone()))
    }
}
