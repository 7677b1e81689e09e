//! The built-in packs: valid, deep enough for a real loop, linked to each other, free of
//! near-duplicate questions, and the Senior Backend Developer hub faithful to its seed.

use std::collections::{BTreeSet, HashMap};

use prep_hub_lib::packs::builtin::BUILTIN_PACKS;
use prep_hub_lib::packs::model::{Pack, Role};
use prep_hub_lib::packs::validate_bytes;

fn packs() -> Vec<Pack> {
    BUILTIN_PACKS
        .iter()
        .map(|(name, text)| {
            validate_bytes(text.as_bytes()).unwrap_or_else(|p| panic!("{name}: {p:#?}"))
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
fn every_built_in_role_has_the_depth_of_a_real_loop() {
    for (_, r) in roles() {
        let id = &r.id;
        assert!(
            (4..=6).contains(&r.rounds.len()),
            "{id}: {} rounds",
            r.rounds.len()
        );
        assert!(
            r.questions.len() >= 12,
            "{id}: {} questions",
            r.questions.len()
        );
        assert!(
            r.star_examples.len() >= 3,
            "{id}: {} STAR examples",
            r.star_examples.len()
        );
        assert!(r.faq.len() >= 4, "{id}: {} FAQ entries", r.faq.len());
        assert!(!r.checklist.is_empty(), "{id}: empty checklist");
        assert_eq!(
            r.focus_areas.iter().map(|f| f.weight).sum::<u32>(),
            100,
            "{id}"
        );
        for round in &r.rounds {
            let flow = r.mock_flows.iter().find(|m| m.round == round.id);
            let flow = flow.unwrap_or_else(|| panic!("{id}: round {} has no mock flow", round.id));
            let minutes: u32 = flow.segments.iter().map(|s| s.minutes).sum();
            assert!(
                minutes <= round.minutes,
                "{id}: mock flow of {} runs {minutes} min, the round is {}",
                round.id,
                round.minutes
            );
            assert!(
                r.questions.iter().any(|q| q.round == round.id),
                "{id}: round {} has no question",
                round.id
            );
        }
        for area in &r.focus_areas {
            assert!(
                r.questions.iter().any(|q| q.focus_area == area.id),
                "{id}: focus area {} has no question",
                area.id
            );
        }
        for q in &r.questions {
            assert!(q.answer.structure.len() >= 3, "{id}/{}: thin answer", q.id);
            assert!(
                q.answer.trade_offs.is_some(),
                "{id}/{}: no trade-offs",
                q.id
            );
            assert!(
                q.answer.strong_signal.is_some(),
                "{id}/{}: no strong signal",
                q.id
            );
            assert!(
                !q.follow_ups.is_empty() && !q.skills.is_empty(),
                "{id}/{}",
                q.id
            );
        }
        for s in &r.star_examples {
            assert!(!s.metrics.is_empty(), "{id}/{}: STAR without metrics", s.id);
        }
    }
}

#[test]
fn related_roles_resolve_and_link_back() {
    let all = roles();
    let by_id: HashMap<&str, (&str, &Role)> = all
        .iter()
        .map(|(p, r)| (r.id.as_str(), (p.as_str(), r)))
        .collect();
    for (_, r) in &all {
        assert!(!r.related_roles.is_empty(), "{}: no related roles", r.id);
        for rel in &r.related_roles {
            let (pack, other) = by_id
                .get(rel.role.as_str())
                .unwrap_or_else(|| panic!("{} links to unknown role {}", r.id, rel.role));
            if let Some(p) = &rel.pack {
                assert_eq!(p, pack, "{} says {} is in {p}", r.id, rel.role);
            }
            assert!(
                other.related_roles.iter().any(|b| b.role == r.id),
                "{} links to {} but not back",
                r.id,
                other.id
            );
        }
        if r.id != "senior-backend-developer" {
            assert!(
                r.related_roles
                    .iter()
                    .any(|b| b.role == "senior-backend-developer"),
                "{} does not link to the Senior Backend Developer hub",
                r.id
            );
        }
    }
}

#[test]
fn only_cited_salaries() {
    for pack in packs() {
        for r in &pack.roles {
            if let Some(s) = &r.salary {
                let src = pack.sources.iter().find(|x| x.id == s.source);
                let src = src.unwrap_or_else(|| panic!("{}: salary without source", r.id));
                assert!(src.year.is_some(), "{}: salary source has no year", r.id);
            }
        }
    }
}

const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "you", "your", "how",
    "what", "would", "do", "is", "are", "it", "that", "this", "we", "our", "be", "as", "at", "by",
    "from", "when", "why", "tell", "me", "about", "i", "my", "was", "have", "has", "can", "which",
    "time", "walk", "through", "describe", "one", "they", "their", "if", "s", "t", "did", "so",
];

fn words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        .map(|w| w.trim_end_matches('s').to_string())
        .collect()
}

/// Jaccard similarity of the prompts' content words.
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let inter = a.intersection(&b).count() as f64;
    let union = a.union(&b).count() as f64;
    if union == 0.0 {
        0.0
    } else {
        inter / union
    }
}

#[test]
fn similarity_measure_catches_a_reworded_copy() {
    assert!(
        similarity(
            "How would you design a rate limiter for a public API?",
            "Design a rate limiter for our public API."
        ) > 0.6
    );
    assert!(
        similarity(
            "How would you design a rate limiter for a public API?",
            "Tell me about a conflict with a colleague."
        ) < 0.2
    );
}

#[test]
fn no_two_built_in_questions_are_near_duplicates() {
    let prompts: Vec<(String, String)> = roles()
        .into_iter()
        .flat_map(|(_, r)| {
            let rid = r.id.clone();
            r.questions
                .into_iter()
                .map(move |q| (format!("{rid}/{}", q.id), q.prompt))
        })
        .collect();
    let mut worst = (0.0, String::new());
    for i in 0..prompts.len() {
        for j in i + 1..prompts.len() {
            let s = similarity(&prompts[i].1, &prompts[j].1);
            if s > worst.0 {
                worst = (s, format!("{} ~ {}", prompts[i].0, prompts[j].0));
            }
            assert!(
                s < 0.5,
                "near-duplicate prompts ({s:.2}): {} «{}» and {} «{}»",
                prompts[i].0,
                prompts[i].1,
                prompts[j].0,
                prompts[j].1
            );
        }
    }
    println!("most similar pair: {:.2} {}", worst.0, worst.1);
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
    assert_eq!(r.questions.len(), 12);
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
