//! Words of a text for matching: where each sits (byte offsets, for highlighting), its lower
//! case, and its English stem (Snowball, through `rust-stemmers`), so "scaling", "scaled" and
//! "scale" match. Common English words and the boilerplate of job postings are left out.

use std::collections::HashSet;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// English function words and the words every job posting uses, which say nothing about what
/// a role asks for.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "etc",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "like",
    "may",
    "me",
    "more",
    "most",
    "must",
    "my",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "via",
    "was",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "e.g",
    "i.e",
    // What every posting says.
    "ability",
    "able",
    "apply",
    "applicant",
    "applicants",
    "benefits",
    "bonus",
    "candidate",
    "candidates",
    "company",
    "competitive",
    "day",
    "degree",
    "environment",
    "equal",
    "excellent",
    "experience",
    "experienced",
    "familiarity",
    "field",
    "great",
    "good",
    "help",
    "ideal",
    "including",
    "join",
    "know",
    "knowledge",
    "looking",
    "new",
    "offer",
    "opportunity",
    "plus",
    "position",
    "preferred",
    "proven",
    "related",
    "relevant",
    "required",
    "requirement",
    "requirements",
    "responsibilities",
    "responsible",
    "role",
    "salary",
    "skill",
    "skills",
    "solid",
    "strong",
    "team",
    "teams",
    "understanding",
    "want",
    "we're",
    "work",
    "working",
    "year",
    "years",
    "you'll",
    "you're",
    "world",
    "make",
    "use",
    "using",
    "across",
    "based",
    "build",
    "building",
    "part",
    "people",
    "time",
    "way",
    "ways",
    "best",
    "high",
    "highly",
    "deep",
    "hands",
    "on",
    "least",
    "nice",
    "bachelor",
    "master",
];

static STOP_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP.iter().copied().collect());

/// One word of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
    /// As written.
    pub raw: String,
    pub lower: String,
    pub stem: String,
    /// A function word or posting boilerplate.
    pub stop: bool,
}

fn joins(c: char) -> bool {
    matches!(c, '+' | '#' | '.' | '\'' | '’')
}

/// The words of `text`: runs of letters and digits, holding `+ # . '` inside or at their end
/// when that makes a name ("C++", "C#", "Node.js"); a trailing full stop is not part of a word.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|x| x.1);
        let inside = c.is_alphanumeric()
            || (start.is_some()
                && joins(c)
                && (next.is_some_and(|n| n.is_alphanumeric()) || matches!(c, '+' | '#')));
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push(word(text, s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word {
    let raw = &text[start..end];
    let lower = raw.to_lowercase().replace('’', "'");
    let stem = stem(&lower);
    Word {
        start,
        end,
        raw: raw.to_string(),
        stop: STOP_SET.contains(lower.as_str()) || lower.chars().count() < 2,
        stem,
        lower,
    }
}

/// The stem of one lower-case word; names with symbols ("c++", "node.js") stay as they are.
pub fn stem(lower: &str) -> String {
    if lower.chars().all(char::is_alphabetic) {
        STEMMER.stem(lower).into_owned()
    } else {
        lower.trim_end_matches("'s").to_string()
    }
}

/// The stems of a phrase's meaningful words, in order.
pub fn phrase_stems(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !w.stop)
        .map(|w| w.stem)
        .collect()
}

/// Acronyms and names written in capitals that are not skills.
const NOT_TECH: &[&str] = &[
    "AM", "PM", "CEO", "CTO", "CFO", "COO", "VP", "HR", "PTO", "EU", "US", "USA", "UK", "EEO",
    "USD", "EUR", "GBP", "CV", "OK", "FAQ", "TBD", "ETA", "ASAP", "FTE", "WFH", "II", "III", "IV",
    "LGBTQ", "OKR", "OKRs", "KPI", "KPIs", "YOE", "NYC", "SF", "EMEA", "APAC", "LATAM",
];

/// Whether a word looks like the name of a technology: an acronym ("AWS"), a name with capitals
/// inside ("GraphQL", "gRPC"), or one with digits or symbols ("C++", "S3", "Node.js").
pub fn looks_like_tech(raw: &str) -> bool {
    if NOT_TECH.contains(&raw) || raw.chars().count() < 2 {
        return false;
    }
    let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return false;
    }
    let upper_inside = raw.chars().skip(1).any(char::is_uppercase);
    let acronym = letters.iter().all(|c| c.is_uppercase()) && letters.len() <= 6;
    let symbols = raw.chars().any(|c| matches!(c, '+' | '#' | '.'))
        || (raw.chars().any(|c| c.is_ascii_digit()) && !letters.is_empty());
    acronym || upper_inside || symbols
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_names_with_symbols_and_their_offsets() {
        let text = "We use C++, C#, Node.js and Kubernetes. Scaling matters.";
        let w = words(text);
        let raw: Vec<&str> = w.iter().map(|w| w.raw.as_str()).collect();
        assert_eq!(
            raw,
            [
                "We",
                "use",
                "C++",
                "C#",
                "Node.js",
                "and",
                "Kubernetes",
                "Scaling",
                "matters"
            ]
        );
        let k = &w[6];
        assert_eq!(&text[k.start..k.end], "Kubernetes");
        assert!(w[0].stop && w[1].stop && !w[2].stop);
        assert_eq!(stem("scaling"), stem("scaled"));
        assert_eq!(phrase_stems("Designing the caches"), vec!["design", "cach"]);
    }

    #[test]
    fn technology_names_are_told_from_ordinary_words() {
        for t in ["AWS", "GraphQL", "gRPC", "C++", "S3", "Node.js", "SQL"] {
            assert!(looks_like_tech(t), "{t}");
        }
        for t in ["The", "Kubernetes", "CEO", "2024", "a"] {
            assert!(!looks_like_tech(t), "{t}");
        }
    }
}
