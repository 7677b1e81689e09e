//! User-supplied text repeated back in a message (a terminal, an error, a toast): control and
//! invisible characters are written as `\u{…}` escapes, so a pack cannot drive the terminal or
//! hide words, and long values are cut, so a 30 MB title does not become a 30 MB message.

/// `text` made safe to show: at most `max_chars` characters, escapes for control and
/// invisible characters, "…" where it was cut.
pub fn echo(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (shown, c) in text.chars().enumerate() {
        if shown >= max_chars {
            out.push('…');
            break;
        }
        if is_control_or_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// C0 and C1 controls, bidirectional overrides and isolates, and zero-width characters: the
/// characters that change how text around them looks or hide it.
pub fn is_control_or_invisible(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}'                  // soft hyphen
        | '\u{061c}'                // Arabic letter mark
        | '\u{180e}'                // Mongolian vowel separator
        | '\u{200b}'..='\u{200f}'   // zero-width space, joiners, LRM/RLM
        | '\u{202a}'..='\u{202e}'   // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'   // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'   // bidi isolates
        | '\u{feff}'                // zero-width no-break space
    )
}

/// Bidirectional controls: they reorder what is shown ("Trojan Source") in any text.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_cuts() {
        assert_eq!(echo("a\u{1b}[31mb", 20), "a\\u{1b}[31mb");
        assert_eq!(echo("abc\u{202e}d", 20), "abc\\u{202e}d");
        assert_eq!(echo(&"x".repeat(100), 5), "xxxxx…");
        assert_eq!(echo("plain café", 20), "plain café");
    }
}
