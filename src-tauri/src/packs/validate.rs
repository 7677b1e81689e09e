//! Checks a pack file completely before anything is stored: size, UTF-8, JSON syntax (line and
//! column), the JSON Schema (every violation, with its JSON path) and the rules a schema cannot
//! express (ids that must exist, weights that must sum to 100, …).

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::model::{Pack, Role, FORMAT_VERSION};
use super::render;

/// Packs larger than this are refused before parsing (a 10,000-question pack is about 15 MiB).
pub const MAX_PACK_BYTES: usize = 32 * 1024 * 1024;

pub const SCHEMA_TEXT: &str = include_str!("../../packs/prep-pack.schema.json");

static SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(SCHEMA_TEXT).expect("the pack schema is valid JSON");
    jsonschema::validator_for(&schema).expect("the pack schema compiles")
});

/// One thing wrong with a pack, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// A JSON path such as `$.roles[0].questions[3].round`, or `line 4, column 17` for syntax.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
    }
}

/// The problem with a file of `len` bytes, if it is over the size limit.
pub fn size_problem(len: u64) -> Option<Problem> {
    (len > MAX_PACK_BYTES as u64).then(|| {
        problem(
            "$",
            format!(
                "the file is {:.1} MiB; packs may be at most {} MiB",
                len as f64 / 1048576.0,
                MAX_PACK_BYTES / 1048576
            ),
        )
    })
}

/// Validates raw file bytes; on success returns the typed pack.
pub fn validate_bytes(bytes: &[u8]) -> Result<Pack, Vec<Problem>> {
    if let Some(p) = size_problem(bytes.len() as u64) {
        return Err(vec![p]);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        vec![problem(
            format!("byte {}", e.valid_up_to()),
            "the file is not UTF-8 text",
        )]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![problem(
            format!("line {}, column {}", e.line(), e.column()),
            format!("not valid JSON: {}", strip_position(&e.to_string())),
        )]
    })?;
    validate_value(&value)
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

pub fn validate_value(value: &Value) -> Result<Pack, Vec<Problem>> {
    // A pack of another format version would drown in schema errors; say the one thing that matters.
    match value.get("format_version") {
        Some(Value::Number(n)) if n.as_u64() != Some(FORMAT_VERSION) => {
            return Err(vec![problem(
                "$.format_version",
                format!("unknown format version {n}: this version of Prep Hub reads format version {FORMAT_VERSION}"),
            )]);
        }
        _ => {}
    }
    // The schema check and the typed reading are independent: on two cores they overlap.
    let (mut problems, (typed, rule_problems)) = std::thread::scope(|scope| {
        let schema = scope.spawn(|| {
            SCHEMA
                .iter_errors(value)
                .map(|e| problem(pointer_to_path(e.instance_path().as_str()), describe(&e)))
                .collect::<Vec<Problem>>()
        });
        // Cross-reference rules run whenever the file has the right shape, even with other
        // faults, so the author sees every problem in one pass.
        let typed = Pack::deserialize(value);
        let rules = typed.as_ref().map(check_rules).unwrap_or_default();
        (schema.join().expect("schema check thread"), (typed, rules))
    });
    problems.extend(rule_problems);
    if !problems.is_empty() {
        problems.sort_by_key(|p| natural_key(&p.path));
        problems.dedup();
        return Err(problems);
    }
    typed.map_err(|e| vec![problem("$", format!("does not match the pack format: {e}"))])
}

/// Sorts `$.roles[10]` after `$.roles[9]`.
fn natural_key(path: &str) -> Vec<(String, u64)> {
    path.split(['[', ']'])
        .map(|part| match part.parse::<u64>() {
            Ok(n) => (String::new(), n),
            Err(_) => (part.to_string(), 0),
        })
        .collect()
}

/// `/roles/0/questions/3` becomes `$.roles[0].questions[3]`.
fn pointer_to_path(pointer: &str) -> String {
    let mut out = String::from("$");
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        if seg.chars().all(|c| c.is_ascii_digit()) && !seg.is_empty() {
            out.push_str(&format!("[{seg}]"));
        } else {
            out.push('.');
            out.push_str(&seg);
        }
    }
    out
}

fn describe(e: &jsonschema::ValidationError<'_>) -> String {
    match e.kind() {
        ValidationErrorKind::Required { property } => {
            format!("missing required field {property}")
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            format!("unknown field(s): {}", unexpected.join(", "))
        }
        ValidationErrorKind::Pattern { pattern } if pattern == "\\S" => {
            "must not be empty or only spaces".into()
        }
        ValidationErrorKind::Pattern { pattern } if pattern.starts_with("^[a-z0-9]+") => format!(
            "{} is not a valid id: use lower-case letters, digits, '-' and '.'",
            e.instance()
        ),
        ValidationErrorKind::MinLength { limit: 1 } => "must not be empty".into(),
        ValidationErrorKind::Pattern { pattern } if pattern.starts_with("^(0|[1-9]") => format!(
            "{} is not a version: use MAJOR.MINOR.PATCH, e.g. 1.2.0",
            e.instance()
        ),
        ValidationErrorKind::MinItems { limit } => {
            format!("needs at least {limit} item(s)")
        }
        ValidationErrorKind::Enum { options } => {
            format!("{} is not one of {options}", e.instance())
        }
        _ => e.to_string(),
    }
}

fn check_unique<'a>(
    problems: &mut Vec<Problem>,
    base: &str,
    list: &str,
    ids: impl Iterator<Item = &'a str>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            problems.push(problem(
                format!("{base}.{list}[{i}].id"),
                format!("duplicate id '{id}'"),
            ));
        }
    }
    seen
}

/// The rules the JSON Schema cannot express.
pub fn check_rules(pack: &Pack) -> Vec<Problem> {
    let mut problems = Vec::new();
    let source_ids = check_unique(
        &mut problems,
        "$",
        "sources",
        pack.sources.iter().map(|s| s.id.as_str()),
    );
    let mut role_ids = HashSet::new();
    for (ri, role) in pack.roles.iter().enumerate() {
        let base = format!("$.roles[{ri}]");
        if !role_ids.insert(role.id.as_str()) {
            problems.push(problem(
                format!("{base}.id"),
                format!("duplicate role id '{}'", role.id),
            ));
        }
        check_role(&mut problems, &base, role, &source_ids);
    }
    problems
}

fn check_role(problems: &mut Vec<Problem>, base: &str, role: &Role, source_ids: &HashSet<&str>) {
    let areas = check_unique(
        problems,
        base,
        "focus_areas",
        role.focus_areas.iter().map(|f| f.id.as_str()),
    );
    let rounds = check_unique(
        problems,
        base,
        "rounds",
        role.rounds.iter().map(|r| r.id.as_str()),
    );
    let questions = check_unique(
        problems,
        base,
        "questions",
        role.questions.iter().map(|q| q.id.as_str()),
    );
    check_unique(
        problems,
        base,
        "star_examples",
        role.star_examples.iter().map(|s| s.id.as_str()),
    );
    check_unique(
        problems,
        base,
        "checklist",
        role.checklist.iter().map(|c| c.id.as_str()),
    );
    check_unique(
        problems,
        base,
        "faq",
        role.faq.iter().map(|f| f.id.as_str()),
    );

    let total: u32 = role.focus_areas.iter().map(|f| f.weight).sum();
    if total != 100 {
        let parts: Vec<String> = role
            .focus_areas
            .iter()
            .map(|f| format!("{} {}", f.id, f.weight))
            .collect();
        problems.push(problem(
            format!("{base}.focus_areas"),
            format!(
                "weights must sum to 100, these sum to {total} ({})",
                parts.join(" + ")
            ),
        ));
    }
    for (i, r) in role.rounds.iter().enumerate() {
        for (j, fa) in r.focus_areas.iter().enumerate() {
            if !areas.contains(fa.as_str()) {
                problems.push(problem(
                    format!("{base}.rounds[{i}].focus_areas[{j}]"),
                    format!("unknown focus area '{fa}'"),
                ));
            }
        }
    }
    for (i, q) in role.questions.iter().enumerate() {
        if !rounds.contains(q.round.as_str()) {
            problems.push(problem(
                format!("{base}.questions[{i}].round"),
                format!("unknown round '{}' (question '{}')", q.round, q.id),
            ));
        }
        if !areas.contains(q.focus_area.as_str()) {
            problems.push(problem(
                format!("{base}.questions[{i}].focus_area"),
                format!(
                    "unknown focus area '{}' (question '{}')",
                    q.focus_area, q.id
                ),
            ));
        }
    }
    let mut flow_rounds = HashSet::new();
    for (i, m) in role.mock_flows.iter().enumerate() {
        if !rounds.contains(m.round.as_str()) {
            problems.push(problem(
                format!("{base}.mock_flows[{i}].round"),
                format!("unknown round '{}'", m.round),
            ));
        } else if !flow_rounds.insert(m.round.as_str()) {
            problems.push(problem(
                format!("{base}.mock_flows[{i}].round"),
                format!("round '{}' already has a mock flow", m.round),
            ));
        }
    }
    for (i, s) in role.star_examples.iter().enumerate() {
        for (j, q) in s.questions.iter().enumerate() {
            if !questions.contains(q.as_str()) {
                problems.push(problem(
                    format!("{base}.star_examples[{i}].questions[{j}]"),
                    format!("unknown question '{q}'"),
                ));
            }
        }
    }
    if let Some(s) = &role.salary {
        if s.min > s.max {
            problems.push(problem(
                format!("{base}.salary"),
                format!("min ({}) is above max ({})", s.min, s.max),
            ));
        }
        if !source_ids.contains(s.source.as_str()) {
            problems.push(problem(
                format!("{base}.salary.source"),
                format!(
                    "unknown source '{}': a salary must cite an entry of the pack's sources",
                    s.source
                ),
            ));
        }
    }
    check_question_links(problems, base, role, &questions);
    for (i, r) in role.related_roles.iter().enumerate() {
        if r.role == role.id {
            problems.push(problem(
                format!("{base}.related_roles[{i}].role"),
                "a role cannot be related to itself",
            ));
        }
    }
}

/// Every Markdown field of a role with its JSON path below the role.
pub(crate) fn markdown_fields(role: &Role) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = vec![("overview".into(), &role.overview)];
    if let Some(n) = &role.process_note {
        out.push(("process_note".into(), n));
    }
    for (i, f) in role.focus_areas.iter().enumerate() {
        out.push((format!("focus_areas[{i}].expectation"), &f.expectation));
    }
    for (i, r) in role.rounds.iter().enumerate() {
        out.push((format!("rounds[{i}].purpose"), &r.purpose));
    }
    for (i, q) in role.questions.iter().enumerate() {
        let a = &q.answer;
        out.push((format!("questions[{i}].answer.summary"), &a.summary));
        for (j, s) in a.structure.iter().enumerate() {
            out.push((format!("questions[{i}].answer.structure[{j}]"), s));
        }
        if let Some(t) = &a.trade_offs {
            out.push((format!("questions[{i}].answer.trade_offs"), t));
        }
        if let Some(t) = &a.strong_signal {
            out.push((format!("questions[{i}].answer.strong_signal"), t));
        }
        out.push((format!("questions[{i}].example"), &q.example));
    }
    for (i, m) in role.mock_flows.iter().enumerate() {
        for (j, s) in m.segments.iter().enumerate() {
            out.push((
                format!("mock_flows[{i}].segments[{j}].instructions"),
                &s.instructions,
            ));
        }
    }
    for (i, s) in role.star_examples.iter().enumerate() {
        for (name, text) in [
            ("situation", &s.situation),
            ("task", &s.task),
            ("action", &s.action),
            ("result", &s.result),
        ] {
            out.push((format!("star_examples[{i}].{name}"), text));
        }
    }
    for (i, c) in role.checklist.iter().enumerate() {
        out.push((format!("checklist[{i}].text"), &c.text));
    }
    for (i, f) in role.faq.iter().enumerate() {
        out.push((format!("faq[{i}].answer"), &f.answer));
    }
    out
}

/// `[words](question:id)` must name a question of the same role.
fn check_question_links(
    problems: &mut Vec<Problem>,
    base: &str,
    role: &Role,
    questions: &HashSet<&str>,
) {
    // Most fields link nowhere; skip the parse for those.
    for (path, text) in markdown_fields(role) {
        if !text.contains(render::QUESTION_LINK_PREFIX) {
            continue;
        }
        for id in render::question_links(text) {
            if render::question_link_target(&format!("{}{id}", render::QUESTION_LINK_PREFIX))
                .is_none_or(|id| !questions.contains(id))
            {
                problems.push(problem(
                    format!("{base}.{path}"),
                    format!(
                        "links to question '{id}', which role '{}' does not have \
                         (write [words](question:id) with the id of one of its questions)",
                        role.id
                    ),
                ));
            }
        }
    }
}
