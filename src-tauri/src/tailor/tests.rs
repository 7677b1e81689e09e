use super::*;

fn role() -> RoleText {
    let q = |id: &str, area: &str, prompt: &str, skills: &[&str], answer: &str| QuestionText {
        id: id.into(),
        focus_area: area.into(),
        prompt: prompt.into(),
        skills: skills.iter().map(|s| s.to_string()).collect(),
        answer: answer.into(),
    };
    RoleText {
        role_id: "backend".into(),
        title: "Backend".into(),
        areas: vec![
            ("system-design".into(), "System design".into()),
            ("reliability".into(), "Reliability".into()),
            ("behavioural".into(), "Behavioural".into()),
        ],
        questions: vec![
            q(
                "cache",
                "system-design",
                "Design a cache for a product catalogue",
                &["Caching", "capacity planning"],
                "Start from the read path and its latency budget.",
            ),
            q(
                "queue",
                "system-design",
                "When would you put a message queue between services?",
                &["Event-driven architecture"],
                "Back-pressure, retries and idempotent consumers.",
            ),
            q(
                "incident",
                "reliability",
                "Walk me through an incident you led",
                &["Incident response"],
                "Timeline, mitigation, permanent fix, and the service level objectives that moved.",
            ),
            q(
                "slo",
                "reliability",
                "How do you choose service level objectives?",
                &["SLOs", "monitoring"],
                "From what users notice: latency and errors.",
            ),
            q(
                "conflict",
                "behavioural",
                "Tell me about a disagreement with a colleague",
                &["Communication"],
                "Situation, task, action, result.",
            ),
            q(
                "mentor",
                "behavioural",
                "How have you mentored a junior engineer?",
                &["Mentoring"],
                "Concrete growth, measured.",
            ),
            q(
                "db",
                "system-design",
                "How do you choose between SQL and NoSQL?",
                &["Data modelling"],
                "Access patterns first; transactions and consistency.",
            ),
            q(
                "deploy",
                "reliability",
                "How do you deploy safely on a Friday?",
                &["Deployment"],
                "Canaries, feature flags, rollbacks.",
            ),
        ],
        other_skills: vec![
            "Kubernetes".into(),
            "Terraform".into(),
            "Kafka".into(),
            "Caching".into(),
        ],
    }
}

const POSTING: &str = "Senior Backend Engineer\n\
We are looking for an engineer with strong experience in caching and incident response.\n\
• Own our service level objectives and monitoring.\n\
• Run Kubernetes and Terraform; Kafka for event-driven architecture.\n\
• Mentoring junior engineers is a plus. Reliability matters to us.";

#[test]
fn the_posting_raises_the_questions_and_areas_it_stresses_with_their_words() {
    let t = tailor(POSTING, &role());
    let raised: Vec<&str> = t.raised().map(|q| q.id.as_str()).collect();
    // Best first; at most a quarter of the role's questions, and at least 3, are raised.
    assert_eq!(raised, ["slo", "mentor", "incident"], "{:?}", t.questions);
    let cache = t.questions.iter().find(|q| q.id == "cache").unwrap();
    assert!(
        !cache.raised,
        "a fourth match of eight questions is not raised"
    );
    assert_eq!(cache.score, SKILL_POINTS);
    assert!(
        cache.words.iter().any(|w| w == "caching"),
        "{:?}",
        cache.words
    );
    let incident = t.questions.iter().find(|q| q.id == "incident").unwrap();
    assert_eq!(
        incident.words[0], "incident response",
        "the skill comes first"
    );
    assert!(!raised.contains(&"conflict"), "{raised:?}");
    let rel = t.areas.iter().find(|a| a.id == "reliability").unwrap();
    assert!(
        rel.words.iter().any(|w| w == "Reliability"),
        "{:?}",
        rel.words
    );
    assert!(t
        .areas
        .iter()
        .all(|a| a.boost > 1.0 && a.boost <= MAX_BOOST));
    assert_eq!(
        t.areas[0].boost, MAX_BOOST,
        "the best area gets the whole boost"
    );
    let skills: Vec<&str> = t.skills.iter().map(|s| s.skill.as_str()).collect();
    assert!(
        skills.contains(&"Incident response") && skills.contains(&"Mentoring"),
        "{skills:?}"
    );
}

#[test]
fn what_no_question_covers_is_listed_as_a_gap() {
    let t = tailor(POSTING, &role());
    let gaps: Vec<&str> = t.gaps.iter().map(|g| g.term.as_str()).collect();
    assert_eq!(gaps, ["Kubernetes", "Terraform", "Kafka"], "{:?}", t.gaps);
    assert!(
        t.gaps[0].context.contains("Run Kubernetes"),
        "{:?}",
        t.gaps[0]
    );
    assert!(!gaps.contains(&"caching"), "the role covers caching");
}

#[test]
fn the_highlighted_posting_reads_back_as_the_posting() {
    let t = tailor(POSTING, &role());
    let joined: String = t.segments.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(joined, POSTING);
    let marked = |m: Mark| -> Vec<&str> {
        t.segments
            .iter()
            .filter(|s| s.mark == Some(m))
            .map(|s| s.text.as_str())
            .collect()
    };
    assert!(
        marked(Mark::Skill).contains(&"incident response"),
        "{:?}",
        marked(Mark::Skill)
    );
    assert!(
        marked(Mark::Gap).contains(&"Kafka"),
        "{:?}",
        marked(Mark::Gap)
    );
}

#[test]
fn the_same_posting_always_gives_the_same_result_and_an_unrelated_one_raises_nothing() {
    assert_eq!(tailor(POSTING, &role()), tailor(POSTING, &role()));
    let t = tailor(
        "We sell garden furniture in Lisbon and ship on Mondays.",
        &role(),
    );
    assert!(t.raised().next().is_none(), "{:?}", t.questions);
    assert!(t.areas.is_empty());
}

#[test]
fn a_skill_is_found_only_within_one_sentence() {
    let t = tailor("We answer every incident. Response times matter.", &role());
    assert!(
        !t.skills.iter().any(|s| s.skill == "Incident response"),
        "{:?}",
        t.skills
    );
    let t = tailor("You lead incident response.", &role());
    assert!(t.skills.iter().any(|s| s.skill == "Incident response"));
}

#[test]
fn words_common_to_most_questions_do_not_raise_anything() {
    let mut r = role();
    for q in r.questions.iter_mut() {
        q.answer.push_str(" Trade-offs matter.");
    }
    let t = tailor("Trade-offs, trade-offs, trade-offs.", &r);
    assert!(t.questions.is_empty(), "{:?}", t.questions);
}
