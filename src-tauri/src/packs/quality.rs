//! The editorial rules the built-in packs keep, beyond what any pack must pass: the depth of a
//! real interview loop, related roles that link both ways, no near-duplicate questions, no
//! question named by its bare id, code blocks tagged with their language, salaries with a
//! checkable source. `prep-hub validate --builtin-rules` runs them on files, and the
//! built-in pack test on the packs compiled into the app: one set of rules for both.

use std::collections::{BTreeSet, HashMap};

use super::model::{Pack, Role};
use super::validate::Problem;

/// The source id of the role hub seed: the one salary source without a link or a year, because
/// the seed page states neither.
pub const SEED_SOURCE: &str = "prephub-role-hub-seed";
pub const SEED_ROLE: &str = "senior-backend-developer";
/// The roles the seed page lists as related: each links to the seed's hub.
pub const SEED_RELATED: &[&str] = &[
    "backend-developer",
    "staff-backend-engineer",
    "site-reliability-engineer",
    "platform-devops-engineer",
    "data-engineer",
    "frontend-developer",
    "engineering-manager",
];
pub const MIN_QUESTIONS: usize = 14;
pub const MIN_STAR_EXAMPLES: usize = 4;
pub const MIN_FAQ: usize = 4;
/// Prompts whose content words overlap this much (Jaccard) are near-duplicates.
pub const MAX_SIMILARITY: f64 = 0.5;

fn problem(path: String, message: String) -> Problem {
    Problem { path, message }
}

/// Every rule over a set of packs that is meant to ship together. Paths name the pack by id.
pub fn check(packs: &[Pack]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let roles: Vec<(&Pack, &Role)> = packs
        .iter()
        .flat_map(|p| p.roles.iter().map(move |r| (p, r)))
        .collect();
    for (pack, role) in &roles {
        let base = format!("{}: {}", pack.id, role.id);
        check_depth(&mut problems, &base, role);
        check_text(&mut problems, &base, role);
        check_salary(&mut problems, &base, pack, role);
    }
    check_related(&mut problems, &roles);
    check_duplicates(&mut problems, &roles);
    problems
}

fn check_depth(problems: &mut Vec<Problem>, base: &str, r: &Role) {
    let mut say = |what: String| problems.push(problem(base.to_string(), what));
    if !(4..=6).contains(&r.rounds.len()) {
        say(format!(
            "has {} rounds; a real loop has 4 to 6",
            r.rounds.len()
        ));
    }
    if r.questions.len() < MIN_QUESTIONS {
        say(format!(
            "has {} questions; at least {MIN_QUESTIONS}",
            r.questions.len()
        ));
    }
    if r.star_examples.len() < MIN_STAR_EXAMPLES {
        say(format!(
            "has {} STAR examples; at least {MIN_STAR_EXAMPLES}",
            r.star_examples.len()
        ));
    }
    if !r
        .star_examples
        .iter()
        .any(|s| matches!(s.outcome.as_deref(), Some("mixed" | "failed")))
    {
        say("no STAR example has a mixed or failed outcome".into());
    }
    if r.faq.len() < MIN_FAQ {
        say(format!(
            "has {} FAQ entries; at least {MIN_FAQ}",
            r.faq.len()
        ));
    }
    if r.checklist.is_empty() {
        say("has an empty checklist".into());
    }
    if r.related_roles.is_empty() {
        say("has no related roles".into());
    }
    for round in &r.rounds {
        match r.mock_flows.iter().find(|m| m.round == round.id) {
            None => say(format!("round {} has no mock flow", round.id)),
            Some(flow) => {
                let minutes: u32 = flow.segments.iter().map(|s| s.minutes).sum();
                if minutes > round.minutes {
                    say(format!(
                        "the mock flow of {} runs {minutes} min; the round is {}",
                        round.id, round.minutes
                    ));
                }
            }
        }
        if !r.questions.iter().any(|q| q.round == round.id) {
            say(format!("round {} has no question", round.id));
        }
    }
    for area in &r.focus_areas {
        if !r.questions.iter().any(|q| q.focus_area == area.id) {
            say(format!("focus area {} has no question", area.id));
        }
    }
    for q in &r.questions {
        let a = &q.answer;
        if a.structure.len() < 3 {
            say(format!("{}: the answer has fewer than 3 steps", q.id));
        }
        if a.trade_offs.is_none() || a.strong_signal.is_none() {
            say(format!(
                "{}: the answer lacks trade-offs or a strong signal",
                q.id
            ));
        }
    }
    for s in &r.star_examples {
        if s.metrics.is_empty() {
            say(format!("STAR {} has no metrics", s.id));
        }
    }
}

/// Text rules: a question is linked as `[words](question:id)`, never named by a bare id, and
/// every code block says its language (the example runner needs it).
fn check_text(problems: &mut Vec<Problem>, base: &str, r: &Role) {
    let ids: BTreeSet<&str> = r.questions.iter().map(|q| q.id.as_str()).collect();
    for (path, text) in super::validate::markdown_fields(r) {
        for span in code_spans(text) {
            if ids.contains(span) {
                problems.push(problem(
                    format!("{base}.{path}"),
                    format!(
                        "names question `{span}` by its id; link it as [words](question:{span})"
                    ),
                ));
            }
        }
        // Opening fences carry the language; closing fences are bare.
        let mut open = false;
        for line in text.lines() {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix("```").or_else(|| t.strip_prefix("~~~")) {
                if !open && rest.trim().is_empty() {
                    problems.push(problem(
                        format!("{base}.{path}"),
                        "a code block has no language: write ```text for prose or the \
                         language of the code"
                            .into(),
                    ));
                }
                open = !open;
            }
        }
    }
}

/// The contents of inline code spans (single backticks) in a Markdown text.
fn code_spans(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let after = &rest[start + 1..];
        if after.starts_with('`') {
            // A fence or a double-backtick span: skip the run of backticks.
            rest = after.trim_start_matches('`');
            continue;
        }
        match after.find('`') {
            Some(end) => {
                out.push(&after[..end]);
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

fn check_salary(problems: &mut Vec<Problem>, base: &str, pack: &Pack, r: &Role) {
    let Some(s) = &r.salary else { return };
    let Some(src) = pack.sources.iter().find(|x| x.id == s.source) else {
        return; // the validator already reports an unknown source
    };
    if src.id == SEED_SOURCE {
        return;
    }
    if src.year.is_none() || src.url.is_none() || src.publisher.is_none() {
        problems.push(problem(
            format!("{base}.salary"),
            format!(
                "source {} needs a publisher, a year and a url: a salary must be checkable",
                src.id
            ),
        ));
    }
}

fn check_related(problems: &mut Vec<Problem>, roles: &[(&Pack, &Role)]) {
    let by_id: HashMap<&str, (&Pack, &Role)> = roles
        .iter()
        .map(|(p, r)| (r.id.as_str(), (*p, *r)))
        .collect();
    for (_, r) in roles {
        for rel in &r.related_roles {
            let Some((pack, other)) = by_id.get(rel.role.as_str()) else {
                problems.push(problem(
                    r.id.clone(),
                    format!("links to unknown role {}", rel.role),
                ));
                continue;
            };
            if rel.pack.as_deref().is_some_and(|p| p != pack.id) {
                problems.push(problem(
                    r.id.clone(),
                    format!(
                        "says {} is in {:?}; it is in {}",
                        rel.role, rel.pack, pack.id
                    ),
                ));
            }
            if !other.related_roles.iter().any(|b| b.role == r.id) {
                problems.push(problem(
                    r.id.clone(),
                    format!("links to {} but {} does not link back", other.id, other.id),
                ));
            }
        }
        if SEED_RELATED.contains(&r.id.as_str())
            && by_id.contains_key(SEED_ROLE)
            && !r.related_roles.iter().any(|b| b.role == SEED_ROLE)
        {
            problems.push(problem(
                r.id.clone(),
                format!("is a related role of the seed but does not link to {SEED_ROLE}"),
            ));
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

/// Jaccard similarity of two prompts' content words.
pub fn similarity(a: &str, b: &str) -> f64 {
    jaccard(&words(a), &words(b))
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let inter = a.intersection(b).count() as f64;
    let union = a.union(b).count() as f64;
    if union == 0.0 {
        0.0
    } else {
        inter / union
    }
}

fn check_duplicates(problems: &mut Vec<Problem>, roles: &[(&Pack, &Role)]) {
    let prompts: Vec<(String, &str, BTreeSet<String>)> = roles
        .iter()
        .flat_map(|(_, r)| {
            r.questions.iter().map(move |q| {
                (
                    format!("{}/{}", r.id, q.id),
                    q.prompt.as_str(),
                    words(&q.prompt),
                )
            })
        })
        .collect();
    for (i, a) in prompts.iter().enumerate() {
        for b in &prompts[i + 1..] {
            let s = jaccard(&a.2, &b.2);
            if s >= MAX_SIMILARITY {
                problems.push(problem(
                    a.0.clone(),
                    format!(
                        "near-duplicate of {} ({s:.2}): «{}» and «{}»",
                        b.0, a.1, b.1
                    ),
                ));
            }
        }
    }
}

/// The most similar pair of prompts, for the test's report.
pub fn most_similar(packs: &[Pack]) -> (f64, String) {
    let prompts: Vec<(String, BTreeSet<String>)> = packs
        .iter()
        .flat_map(|p| &p.roles)
        .flat_map(|r| {
            r.questions
                .iter()
                .map(move |q| (format!("{}/{}", r.id, q.id), words(&q.prompt)))
        })
        .collect();
    let mut worst = (0.0, String::new());
    for (i, a) in prompts.iter().enumerate() {
        for b in &prompts[i + 1..] {
            let s = jaccard(&a.1, &b.1);
            if s > worst.0 {
                worst = (s, format!("{} ~ {}", a.0, b.0));
            }
        }
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_catches_a_reworded_copy() {
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
    fn code_spans_are_found_but_fences_are_not() {
        assert_eq!(
            code_spans("see `a-b` and ``x`` then\n```sql\nselect 1\n```\n`c`"),
            ["a-b", "c"]
        );
    }

    fn sample() -> Pack {
        crate::packs::sample::pack("q", "1.0.0", 1, 14)
    }

    #[test]
    fn a_bare_question_id_and_an_untagged_block_are_reported() {
        let mut pack = sample();
        let role = &mut pack.roles[0];
        let id = role.questions[1].id.clone();
        role.checklist[0].text = format!("Revisit `{id}` before the round.");
        role.faq[0].answer = "```\nselect 1\n```".into();
        let found = check(&[pack]);
        assert!(
            found
                .iter()
                .any(|p| p.message.contains(&format!("question:{id}"))),
            "{found:#?}"
        );
        assert!(
            found.iter().any(|p| p.message.contains("no language")),
            "{found:#?}"
        );
    }
}
