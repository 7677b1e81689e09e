//! Pack Markdown → safe HTML. pulldown-cmark parses the documented subset; links, images and raw
//! HTML are turned into plain text before rendering, and ammonia then keeps only a short list of
//! harmless tags, so nothing a pack says can run code or reach the network.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&'static str> = [
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
    ]
    .into_iter()
    .collect();
    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .add_tag_attributes("ol", ["start"])
        .link_rel(None)
        .strip_comments(true);
    b
});

/// Renders a pack's Markdown field to sanitised HTML.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        // Raw HTML shows as the text it is.
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        // Links keep their words but lose their target; images keep only their description.
        Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => None,
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        // Pack headings sit inside a hub that has its own; demote them below its levels.
        Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id: None,
            classes: vec![],
            attrs: vec![],
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    CLEANER.clean(&html).to_string()
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
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
}
