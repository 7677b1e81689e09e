//! Checks a pack file completely before anything is stored: size, UTF-8, JSON syntax (line and
//! column), the JSON Schema (every violation, with its JSON path) and the rules a schema cannot
//! express (ids that must exist, weights that must sum to 100, …).

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use serde::Serialize;
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

/// At most this many problems are listed; the rest are counted ("… and N more"), so a file
/// with a million faults costs no more than one with a few hundred.
pub const MAX_PROBLEMS: usize = 200;
/// Counting stops here: beyond it the message says "more than".
const MAX_COUNTED: usize = 100_000;
/// A Markdown table may have at most this many columns, and rows × columns cells: the parser
/// pads short rows, so a small field could otherwise render to megabytes.
pub const MAX_TABLE_COLUMNS: usize = 30;
pub const MAX_TABLE_CELLS: usize = 3_000;

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
    let value = super::json_text::parse(text)?;
    validate_value(&value)
}

/// Collects problems up to `MAX_PROBLEMS` and counts the rest.
#[derive(Default)]
struct Problems {
    listed: Vec<Problem>,
    more: usize,
}

impl Problems {
    fn push(&mut self, p: Problem) {
        if self.listed.len() < MAX_PROBLEMS {
            self.listed.push(p);
        } else {
            self.more = self.more.saturating_add(1);
        }
    }

    fn full(&self) -> bool {
        self.more >= MAX_COUNTED
    }

    fn finish(mut self) -> Vec<Problem> {
        self.listed.sort_by_cached_key(|p| natural_key(&p.path));
        self.listed.dedup();
        if self.more > 0 {
            let n = if self.more >= MAX_COUNTED {
                format!("more than {MAX_COUNTED}")
            } else {
                self.more.to_string()
            };
            self.listed.push(problem(
                "$",
                format!("… and {n} more problems; fix these first"),
            ));
        }
        self.listed
    }
}

pub fn validate_value(value: &Value) -> Result<Pack, Vec<Problem>> {
    // A pack of another format version would drown in schema errors; say the one thing that matters.
    match value.get("format_version") {
        Some(Value::Number(n)) if n.as_u64() != Some(FORMAT_VERSION) => {
            return Err(vec![problem(
                "$.format_version",
                format!("unknown format version {}: this version of Prep Hub reads format version {FORMAT_VERSION}", crate::echo::echo(&n.to_string(), 40)),
            )]);
        }
        _ => {}
    }
    // The schema check and the typed reading are independent: on two cores they overlap.
    let (schema_problems, (typed, rule_problems)) = std::thread::scope(|scope| {
        let schema = scope.spawn(|| {
            let mut found = Problems::default();
            for e in SCHEMA.iter_errors(value) {
                // Described only when listed: the rest are only counted.
                if found.listed.len() < MAX_PROBLEMS {
                    found.push(problem(
                        pointer_to_path(e.instance_path().as_str()),
                        describe(&e),
                    ));
                } else {
                    found.more += 1;
                }
                if found.full() {
                    break;
                }
            }
            found
        });
        // Cross-reference rules run whenever the file has the right shape, even with other
        // faults, so the author sees every problem in one pass.
        let typed: Result<Pack, _> = serde_path_to_error::deserialize(value);
        let mut rules = Problems::default();
        check_text(&mut rules, value);
        if let Ok(pack) = &typed {
            for p in check_rules(pack) {
                rules.push(p);
            }
            check_markdown(&mut rules, pack);
        }
        (schema.join().expect("schema check thread"), (typed, rules))
    });
    let mut problems = schema_problems;
    problems.more = problems.more.saturating_add(rule_problems.more);
    for p in rule_problems.listed {
        problems.push(p);
    }
    if !problems.listed.is_empty() {
        return Err(problems.finish());
    }
    typed.map_err(|e| {
        let path = typed_path(e.path());
        vec![problem(
            path,
            format!(
                "does not match the pack format: {}",
                crate::echo::echo(&e.into_inner().to_string(), 200)
            ),
        )]
    })
}

/// serde_path_to_error's path (`roles[0].questions[3].minutes`) in our form.
fn typed_path(path: &serde_path_to_error::Path) -> String {
    let text = path.to_string();
    if text == "." || text.is_empty() {
        "$".into()
    } else if text.starts_with('[') {
        format!("${text}")
    } else {
        format!("$.{text}")
    }
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

/// Keys whose strings are Markdown text (line breaks allowed); every other string is one line.
const MARKDOWN_KEYS: &[&str] = &[
    "description",
    "note",
    "overview",
    "process_note",
    "expectation",
    "purpose",
    "summary",
    "structure",
    "trade_offs",
    "strong_signal",
    "example",
    "instructions",
    "situation",
    "task",
    "action",
    "result",
    "text",
    "answer",
];

/// No string may hide or reorder text: control characters (other than line breaks and tabs
/// in Markdown), bidirectional controls, and (outside Markdown) zero-width characters.
fn check_text(problems: &mut Problems, value: &Value) {
    fn walk(problems: &mut Problems, v: &Value, path: &mut String, markdown: bool) {
        match v {
            Value::String(s) => {
                if let Some((i, c)) = s.chars().enumerate().find(|(_, c)| bad_char(*c, markdown)) {
                    problems.push(problem(
                        path.clone(),
                        format!(
                            "contains the invisible or control character U+{:04X} at character {}{}",
                            c as u32,
                            i + 1,
                            if markdown { "" } else { " (titles, names and ids must be plain visible text)" }
                        ),
                    ));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(problems, item, path, markdown);
                    path.truncate(len);
                    if problems.full() {
                        return;
                    }
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    let len = path.len();
                    path.push('.');
                    path.push_str(&crate::echo::echo(k, 60));
                    walk(problems, item, path, MARKDOWN_KEYS.contains(&k.as_str()));
                    path.truncate(len);
                    if problems.full() {
                        return;
                    }
                }
            }
            _ => {}
        }
    }
    walk(problems, value, &mut String::from("$"), false);
}

fn bad_char(c: char, markdown: bool) -> bool {
    if markdown {
        (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || crate::echo::is_bidi_control(c)
    } else {
        crate::echo::is_control_or_invisible(c)
    }
}

/// Tables whose padded size would blow up the rendered HTML are refused. Only fields with a
/// `|` can hold a table, so the others are not parsed.
fn check_markdown(problems: &mut Problems, pack: &Pack) {
    for (ri, role) in pack.roles.iter().enumerate() {
        for (path, text) in markdown_fields(role) {
            if !text.contains('|') {
                continue;
            }
            if let Some(message) = render::table_problem(text, MAX_TABLE_COLUMNS, MAX_TABLE_CELLS) {
                problems.push(problem(format!("$.roles[{ri}].{path}"), message));
            }
        }
    }
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

/// A schema violation in words. Values are echoed short and escaped: a 30 MB title must not
/// become a 30 MB message, nor a control character reach a terminal.
fn describe(e: &jsonschema::ValidationError<'_>) -> String {
    let shown = || crate::echo::echo(&e.instance().to_string(), 80);
    match e.kind() {
        ValidationErrorKind::Required { property } => {
            format!(
                "missing required field {}",
                crate::echo::echo(&property.to_string(), 80)
            )
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let names: Vec<String> = unexpected
                .iter()
                .take(10)
                .map(|u| crate::echo::echo(u, 60))
                .collect();
            format!("unknown field(s): {}", names.join(", "))
        }
        ValidationErrorKind::Pattern { pattern } if pattern == "\\S" => {
            "must not be empty or only spaces".into()
        }
        ValidationErrorKind::Pattern { pattern } if pattern.starts_with("^[a-z0-9]+") => format!(
            "{} is not a valid id: use lower-case letters, digits, '-' and '.'",
            shown()
        ),
        ValidationErrorKind::MinLength { limit: 1 } => "must not be empty".into(),
        ValidationErrorKind::MaxLength { limit } => format!(
            "is {} characters long; at most {limit}",
            e.instance().as_str().map_or(0, |s| s.chars().count())
        ),
        ValidationErrorKind::MaxItems { limit } => format!(
            "has {} items; at most {limit}",
            e.instance().as_array().map_or(0, |a| a.len())
        ),
        ValidationErrorKind::Pattern { pattern } if pattern.starts_with("^(0|[1-9]") => format!(
            "{} is not a version: use MAJOR.MINOR.PATCH, e.g. 1.2.0",
            shown()
        ),
        ValidationErrorKind::MinItems { limit } => {
            format!("needs at least {limit} item(s)")
        }
        ValidationErrorKind::Enum { options } => {
            format!("{} is not one of {options}", shown())
        }
        ValidationErrorKind::Type { kind } => {
            let wanted = match kind {
                jsonschema::error::TypeKind::Single(t) => t.to_string(),
                jsonschema::error::TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            format!("{} is not of type {wanted}", shown())
        }
        _ => crate::echo::echo(&e.to_string(), 300),
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

    // Added as u64: weights are u32, and a sum past u32::MAX must not wrap round to 100.
    let total: u64 = role.focus_areas.iter().map(|f| u64::from(f.weight)).sum();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Value {
        serde_json::to_value(crate::packs::sample::pack("limits", "1.0.0", 1, 3)).unwrap()
    }

    fn problems_of(v: &Value) -> Vec<Problem> {
        validate_value(v).expect_err("refused")
    }

    #[test]
    fn a_million_problems_are_listed_up_to_the_cap_and_counted() {
        let mut v = base();
        let q = v["roles"][0]["questions"][0].clone();
        let mut bad = q.clone();
        bad["difficulty"] = Value::from("impossible");
        v["roles"][0]["questions"] = Value::Array(vec![bad; 4000]);
        let p = problems_of(&v);
        assert_eq!(p.len(), MAX_PROBLEMS + 1, "{:?}", p.last());
        assert!(
            p.last().unwrap().message.contains("more problems"),
            "{:?}",
            p.last()
        );
    }

    #[test]
    fn weights_that_overflow_do_not_wrap_to_one_hundred() {
        let mut v = base();
        v["roles"][0]["focus_areas"][0]["weight"] = Value::from(u32::MAX);
        v["roles"][0]["focus_areas"][1]["weight"] = Value::from(101u32);
        let p = problems_of(&v);
        assert!(
            p.iter()
                .any(|p| p.message.contains("weights must sum to 100")),
            "{p:?}"
        );
    }

    #[test]
    fn control_and_invisible_characters_are_named_with_their_path() {
        let mut v = base();
        v["roles"][0]["title"] = Value::from("Back\u{202e}end");
        v["roles"][0]["overview"] = Value::from("fine\nlines\tand a bell \u{7}");
        let p = problems_of(&v);
        assert!(
            p.iter()
                .any(|p| p.path == "$.roles[0].title" && p.message.contains("U+202E")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|p| p.path == "$.roles[0].overview" && p.message.contains("U+0007")),
            "{p:?}"
        );
    }

    #[test]
    fn a_padded_table_is_refused_at_validation_naming_the_field() {
        let mut v = base();
        let table = format!(
            "|{}\n|{}\n{}",
            "h|".repeat(30),
            "-|".repeat(30),
            "|x\n".repeat(500)
        );
        v["roles"][0]["questions"][1]["example"] = Value::from(table);
        let p = problems_of(&v);
        assert!(
            p.iter()
                .any(|p| p.path == "$.roles[0].questions[1].example" && p.message.contains("cells")),
            "{p:?}"
        );
    }

    #[test]
    fn numbers_the_typed_reader_refuses_name_their_path() {
        for bad in ["-0", "50.0", "18446744073709551616"] {
            let text = serde_json::to_string(&base()).unwrap().replacen(
                "\"minutes\":10",
                &format!("\"minutes\":{bad}"),
                1,
            );
            assert!(text.contains(bad), "the sample has minutes 10");
            let p = validate_bytes(text.as_bytes()).expect_err(bad);
            assert!(
                p.iter()
                    .any(|p| p.path.starts_with("$.roles[0]") && p.path.ends_with(".minutes")),
                "{bad}: {p:?}"
            );
        }
    }

    #[test]
    fn a_huge_value_is_echoed_short() {
        let mut v = base();
        v["roles"][0]["title"] = Value::from("x".repeat(1 << 20));
        let p = problems_of(&v);
        let longest = p.iter().map(|p| p.message.len()).max().unwrap();
        assert!(longest < 1000, "a message of {longest} bytes");
    }
}
