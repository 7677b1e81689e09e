use super::*;
use crate::packs::sample;
use crate::packs::validate::validate_value;
use crate::storage::open_in_memory;

fn installed(conn: &mut Connection, pack: &Pack) -> InstallReport {
    install(conn, pack, false, false).unwrap()
}

#[test]
fn sample_pack_is_valid() {
    let pack = sample::pack("p", "1.0.0", 2, 8);
    validate_value(&serde_json::to_value(&pack).unwrap()).unwrap();
}

#[test]
fn install_lists_roles_with_counts() {
    let mut conn = open_in_memory().unwrap();
    let report = installed(&mut conn, &sample::pack("p", "1.0.0", 2, 8));
    assert_eq!((report.roles, report.questions), (2, 16));
    let roles = list_roles(&conn).unwrap();
    assert_eq!(roles.len(), 2);
    assert_eq!(roles[0].rounds, 4);
    assert_eq!(roles[0].questions, 8);
    assert_eq!(roles[0].focus_areas[0], ("design".to_string(), 50));
}

#[test]
fn role_content_has_sanitised_html_and_questions_in_order() {
    let mut conn = open_in_memory().unwrap();
    let mut pack = sample::pack("p", "1.0.0", 1, 3);
    pack.roles[0].overview = "Hi <script>alert(1)</script> **bold**".into();
    installed(&mut conn, &pack);
    let role = get_role(&conn, "p-role-0").unwrap();
    let html = role["overview_html"].as_str().unwrap();
    assert!(html.contains("<strong>bold</strong>"));
    assert!(!html.contains("<script"));
    let ids: Vec<&str> = role["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["q0", "q1", "q2"]);
}

#[test]
fn update_reports_added_changed_removed_and_keeps_kept_progress() {
    let mut conn = open_in_memory().unwrap();
    let v1 = sample::pack("p", "1.0.0", 1, 4);
    installed(&mut conn, &v1);
    set_checklist_tick(&conn, "p-role-0", "one", true).unwrap();
    set_checklist_tick(&conn, "p-role-0", "two", true).unwrap();

    let mut v2 = sample::pack("p", "1.1.0", 1, 4);
    let role = &mut v2.roles[0];
    role.questions.remove(3); // q3 removed
    role.questions[1].prompt = "A reworded question one?".into(); // q1 changed
    let mut extra = role.questions[0].clone();
    extra.id = "q-new".into();
    role.questions.push(extra); // q-new added
    role.checklist.retain(|c| c.id == "one");

    let report = installed(&mut conn, &v2);
    assert_eq!(report.previous_version.as_deref(), Some("1.0.0"));
    assert_eq!(report.added, ["p-role-0/q-new"]);
    assert_eq!(report.changed, ["p-role-0/q1"]);
    assert_eq!(report.removed, ["p-role-0/q3"]);
    assert_eq!(
        report.progress_removed, 1,
        "the tick of the removed checklist item"
    );
    let role = get_role(&conn, "p-role-0").unwrap();
    assert!(role["checklist_ticks"].get("one").is_some());
    assert!(role["checklist_ticks"].get("two").is_none());
}

#[test]
fn older_or_equal_version_is_refused_unless_reinstall() {
    let mut conn = open_in_memory().unwrap();
    installed(&mut conn, &sample::pack("p", "1.2.0", 1, 2));
    for v in ["1.2.0", "1.1.9", "0.9.0"] {
        let err = install(&mut conn, &sample::pack("p", v, 1, 2), false, false).unwrap_err();
        assert_eq!(err.kind(), "version_conflict", "{v}");
        assert!(err.to_string().contains("1.2.0"), "{err}");
    }
    let report = install(&mut conn, &sample::pack("p", "1.2.0", 1, 3), false, true).unwrap();
    assert_eq!(report.questions, 3);
    // 1.10.0 is newer than 1.9.0: versions compare as numbers, not text.
    installed(&mut conn, &sample::pack("p", "1.9.0", 1, 2));
    installed(&mut conn, &sample::pack("p", "1.10.0", 1, 2));
}

#[test]
fn a_role_provided_by_another_pack_is_refused() {
    let mut conn = open_in_memory().unwrap();
    installed(&mut conn, &sample::pack("p", "1.0.0", 1, 2));
    let mut other = sample::pack("q", "1.0.0", 1, 2);
    other.roles[0].id = "p-role-0".into();
    let err = install(&mut conn, &other, false, false).unwrap_err();
    assert!(err.to_string().contains("already provided by"), "{err}");
    assert_eq!(list_packs(&conn).unwrap().len(), 1);
}

#[test]
fn removing_a_pack_deletes_it_and_its_progress() {
    let mut conn = open_in_memory().unwrap();
    installed(&mut conn, &sample::pack("p", "1.0.0", 1, 2));
    set_checklist_tick(&conn, "p-role-0", "one", true).unwrap();
    let impact = removal_impact(&conn, "p").unwrap();
    assert_eq!(
        (impact.roles, impact.questions, impact.progress_records),
        (1, 2, 1)
    );
    remove(&mut conn, "p").unwrap();
    assert!(list_packs(&conn).unwrap().is_empty());
    let ticks: i64 = conn
        .query_row("SELECT count(*) FROM checklist_tick", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ticks, 0);
    assert!(search(&conn, "latency", 10).unwrap().is_empty());
}

#[test]
fn removing_a_builtin_pack_only_hides_it() {
    let mut conn = open_in_memory().unwrap();
    install(&mut conn, &sample::pack("b", "1.0.0", 1, 2), true, false).unwrap();
    set_checklist_tick(&conn, "b-role-0", "one", true).unwrap();
    remove(&mut conn, "b").unwrap();
    let packs = list_packs(&conn).unwrap();
    assert!(packs[0].hidden);
    assert!(list_roles(&conn).unwrap().is_empty());
    set_hidden(&conn, "b", false).unwrap();
    assert_eq!(list_roles(&conn).unwrap().len(), 1);
    let role = get_role(&conn, "b-role-0").unwrap();
    assert!(
        role["checklist_ticks"].get("one").is_some(),
        "progress kept while hidden"
    );
}

#[test]
fn search_finds_a_question_by_a_word_of_its_answer_and_marks_it() {
    let mut conn = open_in_memory().unwrap();
    let mut pack = sample::pack("p", "1.0.0", 1, 5);
    pack.roles[0].questions[2].answer.summary = "Use a token bucket per tenant.".into();
    installed(&mut conn, &pack);
    let hits = search(&conn, "bucket", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].item_id, "q2");
    assert!(
        hits[0].snippet.contains("\u{2}bucket\u{3}"),
        "{:?}",
        hits[0]
    );
    // Prefix matching while typing.
    assert_eq!(search(&conn, "buck", 10).unwrap()[0].item_id, "q2");
}

#[test]
fn search_ranks_title_matches_first_and_skips_hidden_packs() {
    let mut conn = open_in_memory().unwrap();
    let mut pack = sample::pack("p", "1.0.0", 1, 5);
    pack.roles[0].questions[4].prompt = "Design a ledger service".into();
    installed(&mut conn, &pack);
    let hits = search(&conn, "ledger", 10).unwrap();
    assert!(!hits.is_empty());
    assert_eq!(hits[0].item_id, "q4");
    set_hidden(&conn, "p", true).unwrap();
    assert!(search(&conn, "ledger", 10).unwrap().is_empty());
}

#[test]
fn search_leaves_out_only_the_hidden_pack_and_follows_updates_and_removals() {
    let mut conn = open_in_memory().unwrap();
    let mut a = sample::pack("a", "1.0.0", 1, 3);
    a.roles[0].questions[0].prompt = "Plan a zebra crossing".into();
    let mut b = sample::pack("b", "1.0.0", 1, 3);
    b.roles[0].questions[1].prompt = "Count the zebra stripes".into();
    installed(&mut conn, &a);
    installed(&mut conn, &b);
    let ids = |conn: &Connection| -> Vec<String> {
        search(conn, "zebra", 10)
            .unwrap()
            .into_iter()
            .map(|h| format!("{}/{}", h.role_id, h.item_id))
            .collect()
    };
    assert_eq!(ids(&conn), ["a-role-0/q0", "b-role-0/q1"]);
    set_hidden(&conn, "a", true).unwrap();
    assert_eq!(ids(&conn), ["b-role-0/q1"]);
    set_hidden(&conn, "a", false).unwrap();
    // An update replaces the pack's rows: no stale row stays findable, the other pack is untouched.
    a.version = "1.1.0".into();
    a.roles[0].questions[0].prompt = "Plan a crossing".into();
    a.roles[0].questions[2].prompt = "Feed the zebra".into();
    install(&mut conn, &a, false, false).unwrap();
    assert_eq!(ids(&conn), ["a-role-0/q2", "b-role-0/q1"]);
    remove(&mut conn, "b").unwrap();
    assert_eq!(ids(&conn), ["a-role-0/q2"]);
    // A pack installed after a removal gets a new number, not the removed one's rows.
    installed(&mut conn, &b);
    assert_eq!(ids(&conn), ["a-role-0/q2", "b-role-0/q1"]);
}

#[test]
fn snippet_is_the_stretch_with_most_matches_with_each_match_marked() {
    let text = "One two three four, five six seven eight nine ten.";
    // Tokens: 0 one, 1 two, 2 three, 3 four, 4 five, 5 six, 6 seven, 7 eight, 8 nine, 9 ten.
    assert_eq!(
        snippet(text, &[3, 7, 8], 3),
        "…seven \u{2}eight\u{3} \u{2}nine\u{3}…"
    );
    assert_eq!(
        snippet(text, &[0, 9], 100),
        "\u{2}One\u{3} two three four, five six seven eight nine \u{2}ten\u{3}."
    );
    // A lone match sits in the middle of its window, with words after it as well as before.
    assert_eq!(snippet(text, &[5], 4), "…four, five \u{2}six\u{3} seven…");
    // No match: the opening words.
    assert_eq!(snippet(text, &[], 2), "One two…");
    assert_eq!(snippet("", &[], 14), "");
    assert_eq!(snippet("?!", &[], 14), "?!");
    // Punctuation and non-ASCII text around a match are kept as written.
    assert_eq!(
        snippet("Naïve «cache», again", &[1], 14),
        "Naïve «\u{2}cache\u{3}», again"
    );
    // A token matched by two query words (found by fuzzing: it panicked) is marked once.
    assert_eq!(
        snippet(text, &[1, 1, 2], 3),
        "One \u{2}two\u{3} \u{2}three\u{3}…"
    );
}

#[test]
fn searching_the_same_word_twice_finds_it_without_failing() {
    let mut conn = open_in_memory().unwrap();
    installed(&mut conn, &sample::pack("p", "1.0.0", 1, 5));
    for input in ["latency latency", "latency laten", "cache cach cache"] {
        search(&conn, input, 10).unwrap_or_else(|e| panic!("{input:?}: {e}"));
    }
}

#[test]
fn search_input_with_fts_syntax_is_taken_as_words() {
    let mut conn = open_in_memory().unwrap();
    installed(&mut conn, &sample::pack("p", "1.0.0", 1, 5));
    for input in ["\"", "NEAR(", "a OR", "*", "latency\" OR \"x", "-", "  "] {
        search(&conn, input, 10).unwrap_or_else(|e| panic!("{input:?}: {e}"));
    }
    assert_eq!(fts_query("p95 laten"), Some("\"p95\" \"laten\"*".into()));
    assert_eq!(
        fts_query("p95 latency "),
        Some("\"p95\" \"latency\"".into())
    );
    assert_eq!(fts_query("  ?? "), None);
}

#[test]
fn checklist_tick_for_unknown_item_is_refused() {
    let mut conn = open_in_memory().unwrap();
    installed(&mut conn, &sample::pack("p", "1.0.0", 1, 2));
    let err = set_checklist_tick(&conn, "p-role-0", "nope", true).unwrap_err();
    assert_eq!(err.kind(), "not_found");
    let err = set_checklist_tick(&conn, "ghost", "one", true).unwrap_err();
    assert_eq!(err.kind(), "not_found");
}

#[test]
fn related_roles_say_whether_they_are_installed() {
    let mut conn = open_in_memory().unwrap();
    let mut pack = sample::pack("p", "1.0.0", 2, 2);
    pack.roles[0].related_roles = vec![
        crate::packs::model::RelatedRole {
            role: "p-role-1".into(),
            title: "Other".into(),
            pack: None,
            reason: "close".into(),
        },
        crate::packs::model::RelatedRole {
            role: "elsewhere".into(),
            title: "Elsewhere".into(),
            pack: Some("other-pack".into()),
            reason: "far".into(),
        },
    ];
    installed(&mut conn, &pack);
    let role = get_role(&conn, "p-role-0").unwrap();
    assert_eq!(role["related_roles"][0]["installed"], true);
    assert_eq!(role["related_roles"][1]["installed"], false);
}

#[test]
fn question_rows_keep_the_layout_older_installs_stored() {
    // Rows written before the typed rendering held this JSON; an update compares rows as text,
    // so any difference would report every unchanged question as changed.
    let mut q = sample::pack("p", "1.0.0", 1, 1).roles[0].questions[0].clone();
    q.answer.strong_signal = Some("Names the **p95** target.".into());
    q.tags = vec!["sql".into()];
    for q in [
        q.clone(),
        sample::pack("p", "1.0.0", 1, 1).roles[0].questions[0].clone(),
    ] {
        let opt = |s: &Option<String>| s.as_deref().map(md);
        let before = json!({
            "id": q.id, "round": q.round, "focus_area": q.focus_area, "prompt": q.prompt,
            "answer": {
                "summary_html": md(&q.answer.summary),
                "structure_html": q.answer.structure.iter().map(|s| md(s)).collect::<Vec<_>>(),
                "trade_offs_html": opt(&q.answer.trade_offs),
                "strong_signal_html": opt(&q.answer.strong_signal),
            },
            "example_html": md(&q.example), "follow_ups": q.follow_ups, "skills": q.skills,
            "difficulty": q.difficulty, "minutes": q.minutes, "tags": q.tags,
        });
        let mut words = vec![plain(&q.answer.summary)];
        words.extend(q.answer.structure.iter().map(|s| plain(s)));
        words.extend(q.answer.trade_offs.iter().map(|s| plain(s)));
        words.push(plain(&q.example));
        words.extend(q.follow_ups.iter().cloned());
        words.extend(q.skills.iter().cloned());

        let (content, text) = render_question_row(&q).unwrap();
        assert_eq!(content, serde_json::to_string(&before).unwrap());
        assert_eq!(text, words.join(" "));
    }
}
