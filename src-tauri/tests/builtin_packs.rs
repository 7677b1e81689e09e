//! The built-in packs: valid, deep enough for a real loop, linked to each other, free of
//! near-duplicate questions, and the Senior Backend Developer hub faithful to its seed.

use std::collections::BTreeSet;

use prep_hub_lib::packs::builtin::BUILTIN_PACKS;
use prep_hub_lib::packs::model::{Pack, Role};
use prep_hub_lib::packs::{quality, validate_bytes};

fn packs() -> Vec<Pack> {
    BUILTIN_PACKS
        .iter()
        .map(|pack| {
            validate_bytes(pack.text().as_bytes())
                .unwrap_or_else(|p| panic!("{}: {p:#?}", pack.file))
        })
        .collect()
}

fn roles() -> Vec<(String, Role)> {
    packs()
        .into_iter()
        .flat_map(|p| {
            let id = p.id.clone();
            p.roles.into_iter().map(move |r| (id.clone(), r))
        })
        .collect()
}

fn role(id: &str) -> Role {
    roles()
        .into_iter()
        .find(|(_, r)| r.id == id)
        .unwrap_or_else(|| panic!("built-in role {id} is missing"))
        .1
}

#[test]
fn every_built_in_pack_passes_the_schema_and_the_rules() {
    assert!(!BUILTIN_PACKS.is_empty());
    packs();
}

#[test]
fn the_built_in_roles_cover_the_related_roles_of_the_seed() {
    let ids: BTreeSet<String> = roles().into_iter().map(|(_, r)| r.id).collect();
    for id in [
        "senior-backend-developer",
        "backend-developer",
        "staff-backend-engineer",
        "site-reliability-engineer",
        "platform-devops-engineer",
        "data-engineer",
        "frontend-developer",
        "engineering-manager",
    ] {
        assert!(ids.contains(id), "{id} is not built in; have {ids:?}");
    }
}

#[test]
fn sixteen_roles_are_built_in() {
    let ids: BTreeSet<String> = roles().into_iter().map(|(_, r)| r.id).collect();
    for id in [
        "machine-learning-engineer",
        "data-scientist-product-analytics",
        "mobile-engineer",
        "full-stack-developer",
        "security-engineer-appsec",
        "qa-test-automation-engineer",
        "solutions-cloud-architect",
        "technical-product-manager",
    ] {
        assert!(ids.contains(id), "{id} is not built in; have {ids:?}");
    }
    assert_eq!(ids.len(), 16, "{ids:?}");
}

#[test]
fn the_built_in_packs_keep_every_editorial_rule() {
    // Depth of a real loop, related roles both ways, no near-duplicate prompts, no question
    // named by its bare id, tagged code blocks, checkable salaries: `packs::quality`.
    let packs = packs();
    let problems = quality::check(&packs);
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems
            .iter()
            .map(|p| format!("  {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let (s, pair) = quality::most_similar(&packs);
    println!("most similar pair of prompts: {s:.2} {pair}");
}

#[test]
fn senior_backend_developer_carries_every_fact_of_the_seed() {
    let r = role("senior-backend-developer");
    assert_eq!(
        (r.field.as_str(), r.level.as_str()),
        ("Engineering", "Senior")
    );
    let salary = r.salary.as_ref().expect("salary");
    assert_eq!(
        (salary.min, salary.max, salary.currency.as_str()),
        (85_000, 140_000, "EUR")
    );
    // The seed's twelve are the core set; questions beyond them are marked `extra`.
    let core: Vec<&str> = r
        .questions
        .iter()
        .filter(|q| !q.extra)
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(core.len(), 12, "core questions: {core:?}");
    assert!(
        salary.year.is_none(),
        "the seed states no year for its salary range"
    );
    assert_eq!(salary.source, quality::SEED_SOURCE);
    assert_eq!(r.rounds.len(), 5);
    assert!(
        r.rounds[0].name.to_lowercase().contains("recruiter"),
        "first round is {}",
        r.rounds[0].name
    );
    let areas: Vec<(&str, u32)> = r
        .focus_areas
        .iter()
        .map(|f| (f.name.as_str(), f.weight))
        .collect();
    assert_eq!(
        areas,
        [("System Design", 40), ("Coding", 35), ("Behavioral", 25)]
    );
    // Architecture and reliability come before the deep coding round; leadership is last.
    let pos = |needle: &str| {
        r.rounds
            .iter()
            .position(|x| x.name.to_lowercase().contains(needle))
            .unwrap_or_else(|| panic!("no round named like {needle}"))
    };
    assert!(pos("design") < pos("coding"));
    assert!(pos("reliab") < pos("coding"));
    assert_eq!(pos("lead"), r.rounds.len() - 1);
    let checklist: String = r.checklist.iter().map(|c| c.text.to_lowercase()).collect();
    for fact in [
        "latency",
        "consistency",
        "complexity",
        "operational",
        "incident",
        "timeline",
        "mitigation",
        "p95",
        "mttr",
        "error budget",
        "change failure rate",
        "team",
    ] {
        assert!(checklist.contains(fact), "checklist lacks {fact}");
    }
    assert_eq!(r.checklist.len(), 4);
    assert!(r.faq.len() >= 5);
    let text = format!(
        "{} {}",
        r.overview,
        r.process_note.clone().unwrap_or_default()
    )
    .to_lowercase();
    for fact in ["api", "model", "incident", "mentor", "delivery", "urgen"] {
        assert!(text.contains(fact), "overview lacks {fact}");
    }
}
