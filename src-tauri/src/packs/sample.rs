//! Small generated packs for tests and benchmarks. Built in code so each test states the one
//! thing it changes instead of copying a JSON blob.

use super::model::*;

/// Words drawn from a 230-word vocabulary: 30 technical words and 200 made-up ones, so a
/// generated pack has both common and rare terms, as real content does.
fn words(seed: usize, n: usize) -> String {
    const VOCAB: &[&str] = &[
        "latency",
        "throughput",
        "consistency",
        "replica",
        "partition",
        "cache",
        "queue",
        "idempotent",
        "retry",
        "budget",
        "index",
        "schema",
        "migration",
        "rollback",
        "shard",
        "lease",
        "quorum",
        "backpressure",
        "timeout",
        "circuit",
        "breaker",
        "tenant",
        "audit",
        "ledger",
        "webhook",
        "cursor",
        "snapshot",
        "compaction",
        "vacuum",
        "deadlock",
    ];
    const SYLLABLES: &[&str] = &["ka", "lo", "mi", "ru", "te", "xo", "vi", "ne", "sa", "do"];
    (0..n)
        .map(|i| {
            let k = (seed.wrapping_mul(7919) + i.wrapping_mul(104_729) + i / 3) % 230;
            if k < VOCAB.len() {
                VOCAB[k].to_string()
            } else {
                let k = k - VOCAB.len();
                format!(
                    "{}{}{}",
                    SYLLABLES[k % 10],
                    SYLLABLES[k / 10 % 10],
                    SYLLABLES[(k / 100) % 10]
                )
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn role(id: &str, questions: usize) -> Role {
    let rounds = ["screen", "design", "coding", "final"];
    let areas = [("design", 50), ("coding", 30), ("behavioral", 20)];
    Role {
        id: id.to_string(),
        title: format!("Role {id}"),
        level: "Senior".into(),
        field: "Engineering".into(),
        summary: "A generated role.".into(),
        overview: "Generated for tests.".into(),
        process_note: None,
        focus_areas: areas
            .iter()
            .map(|(a, w)| FocusArea {
                id: a.to_string(),
                name: a.to_string(),
                weight: *w,
                expectation: format!("Expect {a}."),
            })
            .collect(),
        rounds: rounds
            .iter()
            .enumerate()
            .map(|(i, r)| Round {
                id: r.to_string(),
                name: format!("Round {r}"),
                purpose: format!("Purpose of {r}."),
                minutes: 30 + 15 * i as u32,
                assesses: vec![format!("{r} skill")],
                focus_areas: vec![areas[i % areas.len()].0.to_string()],
            })
            .collect(),
        salary: None,
        questions: (0..questions)
            .map(|i| Question {
                id: format!("q{i}"),
                round: rounds[i % rounds.len()].to_string(),
                focus_area: areas[i % areas.len()].0.to_string(),
                prompt: format!("Question {i}: how would you handle {}?", words(i, 4)),
                answer: Answer {
                    summary: format!("Answer {i} talks about **{}**.", words(i + 1, 30)),
                    structure: vec![words(i + 2, 12), words(i + 3, 12), words(i + 4, 12)],
                    trade_offs: Some(words(i + 5, 20)),
                    strong_signal: None,
                },
                example: words(i + 6, 25),
                follow_ups: vec![format!("Follow-up to {i}?")],
                skills: vec!["judgment".into()],
                difficulty: "intermediate".into(),
                minutes: 10 + (i % 4) as u32 * 5,
                tags: vec![],
                extra: false,
            })
            .collect(),
        mock_flows: vec![MockFlow {
            round: "design".into(),
            segments: vec![Segment {
                name: "Clarify".into(),
                minutes: 10,
                instructions: "Ask questions.".into(),
            }],
        }],
        star_examples: vec![],
        checklist: vec![
            ChecklistItem {
                id: "one".into(),
                text: "First item".into(),
            },
            ChecklistItem {
                id: "two".into(),
                text: "Second item".into(),
            },
        ],
        faq: vec![Faq {
            id: "faq-1".into(),
            question: "How many rounds?".into(),
            answer: "Four.".into(),
        }],
        related_roles: vec![],
    }
}

/// A valid pack with `roles` roles of `questions_per_role` questions each.
pub fn pack(id: &str, version: &str, roles: usize, questions_per_role: usize) -> Pack {
    Pack {
        schema: None,
        format_version: FORMAT_VERSION,
        id: id.to_string(),
        version: version.to_string(),
        title: format!("Pack {id}"),
        description: None,
        language: "en".into(),
        authors: vec!["Tests".into()],
        license: "CC0-1.0".into(),
        sources: vec![],
        roles: (0..roles)
            .map(|r| role(&format!("{id}-role-{r}"), questions_per_role))
            .collect(),
    }
}
