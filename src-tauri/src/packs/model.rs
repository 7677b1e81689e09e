//! The pack file format, version 1, as Rust types. `prep-pack.schema.json` is its JSON Schema;
//! the two are kept in step by the tests that check every built-in pack against both.

use serde::{Deserialize, Serialize};

pub const FORMAT_VERSION: u64 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub format_version: u64,
    pub id: String,
    pub version: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub language: String,
    pub authors: Vec<String>,
    pub license: String,
    pub sources: Vec<Source>,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Where a reader can check the source; shown as text, never opened by the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub title: String,
    pub level: String,
    pub field: String,
    pub summary: String,
    pub overview: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process_note: Option<String>,
    pub focus_areas: Vec<FocusArea>,
    pub rounds: Vec<Round>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<Salary>,
    pub questions: Vec<Question>,
    pub mock_flows: Vec<MockFlow>,
    pub star_examples: Vec<StarExample>,
    pub checklist: Vec<ChecklistItem>,
    pub faq: Vec<Faq>,
    pub related_roles: Vec<RelatedRole>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FocusArea {
    pub id: String,
    pub name: String,
    pub weight: u32,
    pub expectation: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub id: String,
    pub name: String,
    pub purpose: String,
    pub minutes: u32,
    pub assesses: Vec<String>,
    pub focus_areas: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Salary {
    pub min: u64,
    pub max: u64,
    pub currency: String,
    pub region: String,
    /// The year the figures describe, when the source gives one; never guessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub round: String,
    pub focus_area: String,
    pub prompt: String,
    pub answer: Answer,
    pub example: String,
    pub follow_ups: Vec<String>,
    pub skills: Vec<String>,
    pub difficulty: String,
    pub minutes: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Outside the role's core set: the hub lists it under "Beyond the core N".
    #[serde(default, skip_serializing_if = "is_false")]
    pub extra: bool,
}

fn is_false(b: &bool) -> bool {
    !b
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub summary: String,
    pub structure: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade_offs: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strong_signal: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MockFlow {
    pub round: String,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub name: String,
    pub minutes: u32,
    pub instructions: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StarExample {
    pub id: String,
    pub title: String,
    pub competencies: Vec<String>,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    pub metrics: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// `success` (the default), `mixed` or `failed`: stories that went wrong teach too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    pub id: String,
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RelatedRole {
    pub role: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<String>,
    pub reason: String,
}
