//! Text from a file turned into the Markdown our renderer reads: plain text kept literally,
//! Anki's HTML converted (htmd), media references shown as words.

use std::sync::LazyLock;

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::{Element, HtmlToMarkdown};

/// How the cells of a table are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextFormat {
    Markdown,
    Plain,
}

/// Plain text as Markdown that renders to the same words: the characters Markdown would read as
/// markup are escaped (list and heading markers only at a line's start, so ordinary sentences
/// stay as they were written), line breaks stay line breaks and blank lines separate paragraphs.
pub fn plain_to_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, paragraph) in paragraphs(text).enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        for (j, line) in paragraph.lines().enumerate() {
            if j > 0 {
                // A backslash at the end of a line is a hard line break in CommonMark.
                out.push_str("\\\n");
            }
            escape_line(line.trim(), &mut out);
        }
    }
    out
}

fn escape_line(line: &str, out: &mut String) {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker_at = match line.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => Some(digits),
        _ if digits == 0 && line.starts_with(['-', '+', '=']) => Some(0),
        _ => None,
    };
    for (i, c) in line.char_indices() {
        let entity = c == '&' && looks_like_entity(&line[i + 1..]);
        if Some(i) == marker_at
            || entity
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
}

/// `amp;`, `#39;`, `x2F;`: what follows an `&` that HTML would read as a character reference.
fn looks_like_entity(rest: &str) -> bool {
    let body: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !body.is_empty() && rest[body.len()..].starts_with(';')
}

fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    let text = text.trim();
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (para, tail) = match find_blank_line(rest) {
            Some((start, end)) => (&rest[..start], &rest[end..]),
            None => (rest, ""),
        };
        rest = tail.trim_start();
        Some(para.trim())
    })
    .filter(|p| !p.is_empty())
}

/// Byte range of the first blank line (a newline, optional spaces, a newline).
fn find_blank_line(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                return Some((i, j + 1));
            }
        }
        i += 1;
    }
    None
}

fn attr(element: &Element, name: &str) -> Option<String> {
    element
        .attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| String::from(&*a.value))
}

static CONVERTER: LazyLock<HtmlToMarkdown> = LazyLock::new(|| {
    HtmlToMarkdown::builder()
        .skip_tags(vec!["script", "style", "head"])
        // Media stay in Anki's folder: the question names them instead of showing them.
        .add_handler(vec!["img"], |_: &dyn Handlers, e: Element| {
            let src = attr(&e, "src").unwrap_or_default();
            Some(HandlerResult::from(format!(
                "\\[image: {}\\]",
                escape_inline(&src)
            )))
        })
        .add_handler(vec!["audio", "video"], |_: &dyn Handlers, e: Element| {
            let src = attr(&e, "src").unwrap_or_default();
            Some(HandlerResult::from(format!(
                "\\[media: {}\\]",
                escape_inline(&src)
            )))
        })
        .build()
});

fn escape_inline(s: &str) -> String {
    plain_to_markdown(s).replace("\\\n", " ")
}

/// Anki's field HTML as Markdown. `[sound:x.mp3]` references become `[sound: x.mp3]` text, and
/// Anki's cloze markers `{{c1::word}}` keep only their words.
pub fn anki_html_to_markdown(html: &str) -> String {
    let html = unwrap_clozes(html);
    let html = sound_refs(&html);
    let md = CONVERTER
        .convert(&html)
        .unwrap_or_else(|_| plain_to_markdown(&html));
    md.trim().to_string()
}

/// `[sound:file]` → `[sound: file]` written so Markdown shows it literally.
fn sound_refs(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("[sound:") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 7..];
        match after.find(']') {
            Some(end) => {
                out.push_str(&format!("[sound: {}]", after[..end].trim()));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `{{c1::answer::hint}}` → `answer`.
fn unwrap_clozes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("{{c") {
        let after = &rest[at + 3..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let body = &after[digits..];
        match (digits > 0, body.strip_prefix("::"), body.find("}}")) {
            (true, Some(inner), Some(_)) => {
                let end = inner.find("}}").unwrap_or(inner.len());
                let words = inner[..end].split("::").next().unwrap_or_default();
                out.push_str(&rest[..at]);
                out.push_str(words);
                rest = inner.get(end + 2..).unwrap_or_default();
            }
            _ => {
                out.push_str(&rest[..at + 3]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Plain text of HTML or Markdown, for the words a question is matched and compared on.
pub fn html_to_plain(html: &str) -> String {
    crate::packs::render::markdown_to_text(&anki_html_to_markdown(html))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::render::{markdown_to_html, markdown_to_text};

    #[test]
    fn plain_text_renders_to_the_same_words() {
        let text = "Use *args and _kwargs_ # not a heading\n1. not a list\n\n<b>tag</b> [x](y)";
        let md = plain_to_markdown(text);
        assert_eq!(
            markdown_to_text(&md),
            "Use *args and _kwargs_ # not a heading 1. not a list <b>tag</b> [x](y)"
        );
        assert_eq!(
            plain_to_markdown("Use a cache. R&D - fine"),
            "Use a cache. R&D - fine"
        );
        assert_eq!(
            markdown_to_text(&plain_to_markdown("- a\n+ b\n3) c &amp; d")),
            "- a + b 3) c &amp; d"
        );
        let html = markdown_to_html(&md);
        assert!(!html.contains("<em>") && !html.contains("<ol>"), "{html}");
        assert_eq!(html.matches("<p>").count(), 2, "{html}");
        assert!(html.contains("<br"), "line breaks kept: {html}");
    }

    #[test]
    fn anki_html_becomes_markdown_with_media_named() {
        let md = anki_html_to_markdown(
            "<b>Start</b> here<br><ul><li>one</li><li>two</li></ul><img src=\"d.png\"> [sound:a b.mp3]",
        );
        assert!(md.contains("**Start** here"), "{md}");
        let html = markdown_to_html(&md);
        assert!(html.contains("<li>one</li>"), "{html}");
        assert!(html.contains("[image: d.png]"), "{html}");
        assert!(html.contains("[sound: a b.mp3]"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn scripts_and_clozes_are_reduced_to_words() {
        let md = anki_html_to_markdown("<script>alert(1)</script>The {{c1::CAP::theorem}} says");
        assert_eq!(markdown_to_text(&md), "The CAP says");
        assert_eq!(unwrap_clozes("{{c}} {{c2::x}}"), "{{c}} x");
    }
}
