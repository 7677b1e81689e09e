//! Pack Markdown → safe HTML. pulldown-cmark parses the documented subset; links, images and raw
//! HTML are turned into plain text before rendering, and ammonia then keeps only a short list of
//! harmless tags, so nothing a pack says can run code or reach the network. The one link kept is
//! a reference to a question of the same role, `[words](question:id)`: it becomes
//! `<a data-question="id">`, which the UI opens inside the app.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Every tag the sanitiser lets through; the fuzzer checks rendered output against it.
pub const ALLOWED_TAGS: &[&str] = &[
    "p",
    "em",
    "strong",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "br",
    "h4",
    "h5",
    "h6",
    "del",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "a",
];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&'static str> = ALLOWED_TAGS.iter().copied().collect();
    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("a", ["data-question"])
        .link_rel(None)
        .strip_comments(true);
    b
});

/// Renders a pack's Markdown field to sanitised HTML.
pub fn markdown_to_html(markdown: &str) -> String {
    render(markdown, None)
}

/// Sanitised HTML and the words of one Markdown field, from a single parse: an install needs
/// both for every answer field, and parsing twice was an eighth of its render time.
pub fn markdown_to_html_and_text(markdown: &str) -> (String, String) {
    let mut text = Words::default();
    let html = render(markdown, Some(&mut text));
    (html, text.0)
}

/// Where a Markdown link points at a question of the same role: `question:some-id`.
pub const QUESTION_LINK_PREFIX: &str = "question:";

/// The question id of a `question:` link target, if it is one and the id is a slug.
pub fn question_link_target(dest: &str) -> Option<&str> {
    let id = dest.strip_prefix(QUESTION_LINK_PREFIX)?;
    let slug = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    slug.then_some(id)
}

/// The question ids a Markdown field links to, in order.
pub fn question_links(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. })
                if dest_url.starts_with(QUESTION_LINK_PREFIX) =>
            {
                Some(
                    dest_url
                        .strip_prefix(QUESTION_LINK_PREFIX)
                        .unwrap_or_default()
                        .to_string(),
                )
            }
            _ => None,
        })
        .collect()
}

/// Lists and block quotes nested deeper than this are shown flat: deeper nesting says nothing a
/// reader needs, and each level costs the HTML parser and sanitiser a level of recursion.
pub const MAX_NESTING: usize = 16;

/// Why a field's tables would render too large, if they would: a table's rows are padded to
/// its header's columns, so 2 KB of `|` can become megabytes of empty cells.
pub fn table_problem(markdown: &str, max_columns: usize, max_cells: usize) -> Option<String> {
    let mut columns = 0;
    let mut rows = 0usize;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Table(alignments)) => {
                columns = alignments.len();
                rows = 0;
                if columns > max_columns {
                    return Some(format!(
                        "a table has {columns} columns; at most {max_columns}"
                    ));
                }
            }
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => {
                rows += 1;
                if rows.saturating_mul(columns) > max_cells {
                    return Some(format!(
                        "a table has more than {max_cells} cells (rows × columns; short rows \
                         are padded to the header's {columns} columns)"
                    ));
                }
            }
            _ => {}
        }
    }
    None
}

fn render(markdown: &str, mut text: Option<&mut Words>) -> String {
    // Links do not nest, so one flag says whether the open link is a kept question link.
    let mut in_question_link = false;
    // One entry per open list or block quote: whether it is shown (within MAX_NESTING).
    let mut containers: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options()).filter_map(|event| {
        if let Some(words) = text.as_deref_mut() {
            words.take(&event);
        }
        match &event {
            Event::Start(Tag::List(_)) | Event::Start(Tag::BlockQuote(_)) => {
                let shown = containers.len() < MAX_NESTING && containers.last() != Some(&false);
                containers.push(shown);
                if !shown {
                    return None;
                }
            }
            Event::End(TagEnd::List(_)) | Event::End(TagEnd::BlockQuote(_)) => {
                let shown = containers.pop().unwrap_or(true);
                if !shown {
                    return None;
                }
            }
            Event::Start(Tag::Item) | Event::End(TagEnd::Item)
                if containers.last() == Some(&false) =>
            {
                return None;
            }
            _ => {}
        }
        Some(match event {
            // Raw HTML shows as the text it is.
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            // A question of the role stays a link the UI can follow; the id is a bare slug, so
            // it needs no escaping inside the attribute.
            Event::Start(Tag::Link { dest_url, .. }) => match question_link_target(&dest_url) {
                Some(id) => {
                    in_question_link = true;
                    Event::Html(format!("<a data-question=\"{id}\">").into())
                }
                None => return None,
            },
            Event::End(TagEnd::Link) if in_question_link => {
                in_question_link = false;
                Event::Html("</a>".into())
            }
            // Other links keep their words but lose their target; images keep only their description.
            Event::End(TagEnd::Link) => return None,
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => return None,
            // Pack headings sit inside a hub that has its own; demote them below its levels.
            Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
                level: demote(level),
                id: None,
                classes: vec![],
                attrs: vec![],
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
            other => other,
        })
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    CLEANER.clean(&html).to_string()
}

fn options() -> Options {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    options
}

fn demote(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel;
    match level {
        HeadingLevel::H5 | HeadingLevel::H6 => level,
        _ => HeadingLevel::H4,
    }
}

/// Markdown reduced to its words, for the search index.
pub fn markdown_to_text(markdown: &str) -> String {
    let mut words = Words::default();
    for event in Parser::new_ext(markdown, options()) {
        words.take(&event);
    }
    words.0
}

fn is_inline(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// Words separated by single spaces, as they arrive from the parser.
#[derive(Default)]
struct Words(String, bool);

impl Words {
    fn take(&mut self, event: &Event) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => self.push(t),
            // A block ends a word; the end of emphasis or a link does not ("[link](q:x).").
            Event::SoftBreak | Event::HardBreak => self.1 = true,
            Event::End(end) if !is_inline(end) => self.1 = true,
            _ => {}
        }
    }

    fn push(&mut self, s: &str) {
        let mut space = self.1 || s.starts_with(char::is_whitespace);
        let mut words = 0;
        for word in s.split_whitespace() {
            if space && !self.0.is_empty() {
                self.0.push(' ');
            }
            self.0.push_str(word);
            space = true;
            words += 1;
        }
        self.1 = if words == 0 {
            space
        } else {
            s.ends_with(char::is_whitespace)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_lists_and_code_render() {
        let html = markdown_to_html("Use **p95**, not *mean*.\n\n- one\n- `two`");
        assert!(html.contains("<strong>p95</strong>"));
        assert!(html.contains("<em>mean</em>"));
        assert!(html.contains("<li><code>two</code></li>"));
    }

    #[test]
    fn script_tags_become_inert_text() {
        let html = markdown_to_html("Hello <script>alert(1)</script> there");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn event_handlers_and_block_html_are_not_markup() {
        let html =
            markdown_to_html("<img src=x onerror=alert(1)>\n\n<div onclick=\"x()\">hi</div>");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;img"), "{html}");
    }

    #[test]
    fn links_keep_words_but_not_targets() {
        let html = markdown_to_html("[click me](javascript:alert(1)) and <https://example.org>");
        assert!(html.contains("click me"), "{html}");
        assert!(!html.contains("href"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn a_question_link_becomes_an_in_app_link_and_nothing_else_does() {
        let html = markdown_to_html("See [the cache question](question:product-cache) first.");
        assert!(
            html.contains(r#"<a data-question="product-cache">the cache question</a>"#),
            "{html}"
        );
        for md in [
            "[x](question:Bad Id)",
            "[x](question:a\"onclick=\"alert(1))",
            "[x](questions:abc)",
            "<a data-question=\"abc\">raw</a>",
            "[x](question:)",
        ] {
            let html = markdown_to_html(md);
            assert!(!html.contains("<a"), "{md} gave {html}");
        }
        assert_eq!(
            question_links("[a](question:one) and [b](https://x.org) [c](question:two)"),
            ["one", "two"]
        );
        assert_eq!(
            markdown_to_text("See [the cache question](question:product-cache)."),
            "See the cache question."
        );
    }

    #[test]
    fn deep_nesting_renders_flat_beyond_the_limit() {
        let md = "> ".repeat(5000) + "deep";
        let html = markdown_to_html(&md);
        assert_eq!(html.matches("<blockquote>").count(), MAX_NESTING);
        assert!(html.contains("deep"));
        let md = "- ".repeat(5000) + "item";
        let html = markdown_to_html(&md);
        assert_eq!(html.matches("<ul>").count(), MAX_NESTING);
    }

    #[test]
    fn padded_tables_are_measured_before_rendering() {
        let wide = format!("|{}\n|{}\n", "a|".repeat(40), "-|".repeat(40));
        assert!(table_problem(&wide, 30, 3000)
            .unwrap()
            .contains("40 columns"));
        let long = format!(
            "|{}\n|{}\n{}",
            "a|".repeat(30),
            "-|".repeat(30),
            "|x\n".repeat(200)
        );
        assert!(table_problem(&long, 30, 3000)
            .unwrap()
            .contains("3000 cells"));
        assert_eq!(
            table_problem("| a | b |\n|---|---|\n| 1 | 2 |", 30, 3000),
            None
        );
    }

    #[test]
    fn images_do_not_load() {
        let html = markdown_to_html("![diagram](https://example.org/x.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("diagram"));
    }

    #[test]
    fn headings_are_demoted_under_the_hub() {
        assert!(markdown_to_html("# Big").contains("<h4>Big</h4>"));
    }

    #[test]
    fn text_for_search_drops_markup() {
        assert_eq!(
            markdown_to_text("Use **p95** and `MTTR`.\n\n- error budget"),
            "Use p95 and MTTR. error budget"
        );
    }

    #[test]
    fn words_are_joined_by_single_spaces_wherever_the_parser_splits_them() {
        for (md, words) in [
            ("x&amp;y and a\u{a0}b", "x&y and a b"),
            ("**bold**  tail", "bold tail"),
            ("line one  \nline two", "line one line two"),
            ("- a\n- b\n\n```\ncode  block\n```", "a b code block"),
            ("   \n\n   ", ""),
        ] {
            assert_eq!(markdown_to_text(md), words, "{md:?}");
        }
    }

    #[test]
    fn one_parse_gives_the_same_html_and_words_as_two() {
        for md in [
            "Use **p95**, not *mean*.\n\n- one\n- `two`",
            "  Lead  with the  **trade-off**\nthen   the number.  ",
            "| metric | target |\n|---|---|\n| p95 | 200 ms |",
            "Hello <script>alert(1)</script> [link](https://example.org) ~~old~~ new",
            "",
        ] {
            let (html, text) = markdown_to_html_and_text(md);
            assert_eq!(html, markdown_to_html(md), "{md}");
            assert_eq!(text, markdown_to_text(md), "{md}");
        }
        assert_eq!(
            markdown_to_html_and_text("  Lead  with the  **trade-off**\nthen   the number.  ").1,
            "Lead with the trade-off then the number."
        );
        assert_eq!(
            markdown_to_text("| metric | target |\n|---|---|\n| p95 | 200 ms |"),
            "metric target p95 200 ms"
        );
    }
}
