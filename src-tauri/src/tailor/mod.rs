//! Tailoring a plan to a job posting: which focus areas, skills and questions of a role the
//! posting stresses, what it asks for that no question covers, and how the plan raises the
//! matched material. Pure and deterministic: the same posting and role give the same result,
//! and every raised item carries the posting words that raised it. Knows nothing of Tauri.
//!
//! # The rule
//!
//! - The posting and the role's content are split into words and stemmed (Snowball English);
//!   function words and what every posting says ("experience", "team") are left out.
//! - **Skills.** The role's vocabulary is the skills and tags of its questions (own ones
//!   included). A skill is found when its words stand one after another in one sentence or
//!   line of the posting.
//! - **Questions.** A question scores 3 for each skill of it the posting names, 2 for each other
//!   posting word in its prompt and 1 for each other posting word only in its answer. Posting
//!   words that appear in more than a quarter of the role's questions (and in more than two)
//!   say nothing about any one question and do not count. A question with a score of at least
//!   3 matches; the best-scoring matches, at most a quarter of the role's questions (at least
//!   3), are **raised**: the plan treats them as priority items (cut last, like the questions
//!   of a debrief), ties going to the earlier question in the hub.
//! - **Focus areas.** An area scores the scores of its raised questions, plus 3 when the
//!   posting names the area. Areas with a score get a boost of `1 + 0.5 × score / best score`
//!   (at most 1.5), which multiplies their weight in the plan like a debrief's boost.
//! - **Gaps.** What the posting asks for that no question covers: skills of other installed
//!   packs and names of technologies (acronyms like "AWS", names like "GraphQL", "C++") in the
//!   posting whose words appear nowhere in the role's questions.

pub mod store;
pub mod words;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use words::{looks_like_tech, phrase_stems, Word};

/// A question's score from each kind of match.
pub const SKILL_POINTS: u32 = 3;
pub const PROMPT_POINTS: u32 = 2;
pub const ANSWER_POINTS: u32 = 1;
/// Score at which a question matches.
pub const MATCH_SCORE: u32 = 3;
/// Points for a focus area the posting names.
pub const AREA_NAME_POINTS: u32 = 3;
/// Largest boost a posting gives a focus area.
pub const MAX_BOOST: f64 = 1.5;
/// At most this many gaps are listed.
pub const MAX_GAPS: usize = 20;
/// Longest posting kept (characters).
pub const MAX_POSTING_CHARS: usize = 100_000;

/// What the matcher reads of a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleText {
    pub role_id: String,
    pub title: String,
    /// id, name; in the hub's order.
    pub areas: Vec<(String, String)>,
    /// In the hub's order (pack questions, then own questions).
    pub questions: Vec<QuestionText>,
    /// Skills of other installed roles: what a posting may ask for that this role lacks.
    pub other_skills: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionText {
    pub id: String,
    pub focus_area: String,
    pub prompt: String,
    /// Skills and tags.
    pub skills: Vec<String>,
    /// The answer's words (plain text).
    pub answer: String,
}

/// What kind of match a highlighted stretch of the posting is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// A skill of the role.
    Skill,
    /// A word that matched questions or a focus area.
    Word,
    /// Asked for, covered by no question.
    Gap,
}

/// A stretch of the posting, marked or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub mark: Option<Mark>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaMatch {
    pub id: String,
    pub name: String,
    pub score: u32,
    /// Weight multiplier in the plan (1.0 to 1.5).
    pub boost: f64,
    /// Posting words that raised it, as written in the posting.
    pub words: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillMatch {
    pub skill: String,
    /// Questions that list it.
    pub questions: usize,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionMatch {
    pub id: String,
    pub prompt: String,
    pub focus_area: String,
    pub score: u32,
    /// Among the best matches: a priority item in the plan.
    pub raised: bool,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    /// As written in the posting.
    pub term: String,
    /// The posting's sentence around it.
    pub context: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Tailoring {
    pub segments: Vec<Segment>,
    /// Areas with a score, best first.
    pub areas: Vec<AreaMatch>,
    pub skills: Vec<SkillMatch>,
    /// Matching questions, best first.
    pub questions: Vec<QuestionMatch>,
    pub gaps: Vec<Gap>,
    /// Words of the posting considered (not function words).
    pub posting_words: usize,
}

impl Tailoring {
    pub fn raised(&self) -> impl Iterator<Item = &QuestionMatch> {
        self.questions.iter().filter(|q| q.raised)
    }
}

/// Where a phrase (stems in order) stands in the posting's meaningful words, within one
/// sentence or line: each occurrence as the indices of its words in the posting.
fn find_phrase(
    meaningful: &[(usize, &Word)],
    sentence: &[usize],
    stems: &[String],
) -> Vec<Vec<usize>> {
    if stems.is_empty() || stems.len() > meaningful.len() {
        return Vec::new();
    }
    meaningful
        .windows(stems.len())
        .filter(|w| w.iter().zip(stems).all(|((_, word), s)| &word.stem == s))
        .filter(|w| sentence[w[0].0] == sentence[w[w.len() - 1].0])
        .map(|w| w.iter().map(|(i, _)| *i).collect())
        .collect()
}

/// The sentence (or line, or list item) each word of the text is in, numbered from 0.
fn sentences(text: &str, words: &[Word]) -> Vec<usize> {
    let mut n = 0;
    let mut end = 0;
    words
        .iter()
        .map(|w| {
            if text[end..w.start].contains(['.', '!', '?', ';', ':', '\n', '•']) {
                n += 1;
            }
            end = w.end;
            n
        })
        .collect()
}

fn first_raw(posting: &[Word], stem: &str) -> Option<String> {
    posting
        .iter()
        .find(|w| !w.stop && w.stem == stem)
        .map(|w| w.raw.clone())
}

fn push_unique(list: &mut Vec<String>, word: String) {
    if !list.iter().any(|w| w.eq_ignore_ascii_case(&word)) {
        list.push(word);
    }
}

/// Matches a posting against a role (see the module comment for the rule).
pub fn tailor(posting: &str, role: &RoleText) -> Tailoring {
    let words = words::words(posting);
    let meaningful: Vec<(usize, &Word)> =
        words.iter().enumerate().filter(|(_, w)| !w.stop).collect();
    let sentence = sentences(posting, &words);
    let posting_stems: BTreeSet<&str> = meaningful.iter().map(|(_, w)| w.stem.as_str()).collect();
    let mut marks: BTreeMap<usize, Mark> = BTreeMap::new();

    // Skills of the role found in the posting.
    let mut vocabulary: BTreeMap<Vec<String>, (String, usize)> = BTreeMap::new();
    for q in &role.questions {
        for s in &q.skills {
            let stems = phrase_stems(&s.replace('-', " "));
            if !stems.is_empty() && stems.len() <= 4 {
                vocabulary.entry(stems).or_insert((s.clone(), 0)).1 += 1;
            }
        }
    }
    let mut found_skills: HashMap<Vec<String>, Vec<String>> = HashMap::new();
    let mut skills = Vec::new();
    for (stems, (name, count)) in &vocabulary {
        let hits = find_phrase(&meaningful, &sentence, stems);
        if hits.is_empty() {
            continue;
        }
        let shown: Vec<String> = hits[0].iter().map(|i| words[*i].raw.clone()).collect();
        for hit in &hits {
            for i in hit {
                marks.insert(*i, Mark::Skill);
            }
        }
        found_skills.insert(stems.clone(), vec![shown.join(" ")]);
        skills.push(SkillMatch {
            skill: name.clone(),
            questions: *count,
            words: vec![shown.join(" ")],
        });
    }
    skills.sort_by(|a, b| b.questions.cmp(&a.questions).then(a.skill.cmp(&b.skill)));

    // Posting words that tell questions apart.
    let n = role.questions.len().max(1);
    let question_stems: Vec<(HashSet<String>, HashSet<String>)> = role
        .questions
        .iter()
        .map(|q| {
            let prompt: HashSet<String> =
                phrase_stems(&format!("{} {}", q.prompt, q.skills.join(" ")))
                    .into_iter()
                    .collect();
            let answer: HashSet<String> = phrase_stems(&q.answer).into_iter().collect();
            (prompt, answer)
        })
        .collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for (p, a) in &question_stems {
        for s in p.union(a) {
            if let Some(k) = posting_stems.get(s.as_str()) {
                *df.entry(*k).or_default() += 1;
            }
        }
    }
    let common = |stem: &str| df.get(stem).is_some_and(|d| *d > 2 && *d * 4 > n);

    let mut questions = Vec::new();
    for (q, (prompt_stems, answer_stems)) in role.questions.iter().zip(&question_stems) {
        let mut score = 0;
        let mut used: Vec<String> = Vec::new();
        let mut counted: HashSet<String> = HashSet::new();
        let mut words_of = Vec::new();
        for s in &q.skills {
            let stems = phrase_stems(&s.replace('-', " "));
            if let Some(shown) = found_skills.get(&stems) {
                if counted.insert(stems.join(" ")) {
                    score += SKILL_POINTS;
                    for w in shown {
                        push_unique(&mut words_of, w.clone());
                    }
                    used.extend(stems);
                }
            }
        }
        for stem in &posting_stems {
            if used.iter().any(|u| u.as_str() == *stem) || common(stem) {
                continue;
            }
            let points = if prompt_stems.contains(*stem) {
                PROMPT_POINTS
            } else if answer_stems.contains(*stem) {
                ANSWER_POINTS
            } else {
                continue;
            };
            score += points;
            if let Some(raw) = first_raw(&words, stem) {
                push_unique(&mut words_of, raw);
            }
        }
        if score >= MATCH_SCORE {
            questions.push(QuestionMatch {
                id: q.id.clone(),
                prompt: q.prompt.clone(),
                focus_area: q.focus_area.clone(),
                score,
                raised: false,
                words: words_of,
            });
        }
    }
    // Best first; the earlier question in the hub wins a tie (the sort is stable).
    questions.sort_by_key(|q| std::cmp::Reverse(q.score));
    let cap = role.questions.len().div_ceil(4).max(3);
    for q in questions.iter_mut().take(cap) {
        q.raised = true;
    }

    // Mark the words that raised questions.
    let raised_words: HashSet<String> = questions
        .iter()
        .filter(|q| q.raised)
        .flat_map(|q| q.words.iter().map(|w| w.to_lowercase()))
        .collect();
    for (i, w) in &meaningful {
        if raised_words.contains(&w.lower) {
            marks.entry(*i).or_insert(Mark::Word);
        }
    }

    // Focus areas.
    let mut areas: Vec<AreaMatch> = Vec::new();
    for (id, name) in &role.areas {
        let mut score = 0;
        let mut area_words = Vec::new();
        let name_stems = phrase_stems(&name.replace('&', " "));
        let hits = find_phrase(&meaningful, &sentence, &name_stems);
        if let Some(hit) = hits.first() {
            score += AREA_NAME_POINTS;
            push_unique(
                &mut area_words,
                hit.iter()
                    .map(|i| words[*i].raw.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            for hit in &hits {
                for i in hit {
                    marks.entry(*i).or_insert(Mark::Word);
                }
            }
        }
        for q in questions.iter().filter(|q| q.raised && &q.focus_area == id) {
            score += q.score;
            for w in &q.words {
                push_unique(&mut area_words, w.clone());
            }
        }
        if score > 0 {
            areas.push(AreaMatch {
                id: id.clone(),
                name: name.clone(),
                score,
                boost: 1.0,
                words: area_words,
            });
        }
    }
    let best = areas.iter().map(|a| a.score).max().unwrap_or(0);
    for a in areas.iter_mut() {
        let raw = 1.0 + (MAX_BOOST - 1.0) * f64::from(a.score) / f64::from(best.max(1));
        a.boost = (raw * 100.0).round() / 100.0;
    }
    areas.sort_by_key(|a| std::cmp::Reverse(a.score));

    // Gaps: skills of other roles and technology names the role never mentions.
    let role_stems: HashSet<String> = question_stems
        .iter()
        .flat_map(|(p, a)| p.iter().chain(a.iter()).cloned())
        .collect();
    let mut gaps: Vec<(usize, Gap)> = Vec::new();
    let mut gap_seen: HashSet<String> = HashSet::new();
    let mut add_gap = |indices: &[usize], marks: &mut BTreeMap<usize, Mark>| {
        let term = indices
            .iter()
            .map(|i| words[*i].raw.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if !gap_seen.insert(term.to_lowercase()) {
            return;
        }
        for i in indices {
            marks.insert(*i, Mark::Gap);
        }
        gaps.push((
            indices[0],
            Gap {
                context: sentence_around(posting, words[indices[0]].start),
                term,
            },
        ));
    };
    let mut other: Vec<Vec<String>> = role
        .other_skills
        .iter()
        .map(|s| phrase_stems(&s.replace('-', " ")))
        .filter(|s| !s.is_empty() && s.len() <= 4)
        .collect();
    other.sort();
    other.dedup();
    for stems in &other {
        if stems.iter().all(|s| role_stems.contains(s)) || vocabulary.contains_key(stems) {
            continue;
        }
        for hit in find_phrase(&meaningful, &sentence, stems)
            .into_iter()
            .take(1)
        {
            add_gap(&hit, &mut marks);
        }
    }
    for (i, w) in &meaningful {
        if looks_like_tech(&w.raw) && !role_stems.contains(&w.stem) && !marks.contains_key(i) {
            add_gap(&[*i], &mut marks);
        }
    }
    gaps.sort_by_key(|g| g.0);
    let gaps: Vec<Gap> = gaps.into_iter().take(MAX_GAPS).map(|g| g.1).collect();

    Tailoring {
        segments: segments(posting, &words, &marks),
        areas,
        skills,
        questions,
        gaps,
        posting_words: meaningful.len(),
    }
}

/// The sentence (or line) of the posting around byte `at`, at most about 160 characters.
fn sentence_around(text: &str, at: usize) -> String {
    let before = &text[..at];
    let start = before.rfind(['.', '!', '?', '\n', '•']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let after = &text[at..];
    let end = after
        .find(['.', '!', '?', '\n'])
        .map_or(text.len(), |i| at + i);
    let s = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    crate::echo::echo(&s, 160)
}

/// The posting cut into stretches, marked words apart; adjacent words with the same mark are
/// one stretch.
fn segments(text: &str, words: &[Word], marks: &BTreeMap<usize, Mark>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut at = 0;
    let push = |out: &mut Vec<Segment>, s: &str, mark: Option<Mark>| {
        if s.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(s),
            _ => out.push(Segment {
                text: s.to_string(),
                mark,
            }),
        }
    };
    let mut last_mark: Option<(usize, Mark)> = None;
    for (&i, &mark) in marks {
        let w = &words[i];
        let gap = &text[at..w.start];
        // A space between two words of the same mark joins them.
        let joined = last_mark.is_some_and(|(j, m)| j + 1 == i && m == mark)
            && gap.chars().all(char::is_whitespace);
        push(&mut out, gap, if joined { Some(mark) } else { None });
        push(&mut out, &text[w.start..w.end], Some(mark));
        at = w.end;
        last_mark = Some((i, mark));
    }
    push(&mut out, &text[at..], None);
    out
}

#[cfg(test)]
mod tests;
