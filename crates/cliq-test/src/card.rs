//! Cards as lines of text, and a line diff between two of them: what a
//! failed card assertion shows.

use std::fmt::Write as _;

use cliq_events::message::{Button, Card, Element};

/// A card as lines of text: title, theme, thumbnail, each section with its
/// elements, then each button with its type and target.
///
/// ```
/// use cliq_events::{Button, Card, Section};
///
/// let card = Card::builder()
///     .title("Deployment requested")
///     .section(Section::new(1).text("**Environment:** production"))
///     .button(Button::invoke_function("Approve", "approve_deploy", "42"))
///     .build()?;
/// assert_eq!(
///     cliq_test::render_card(&card),
///     "title: Deployment requested\n\
///      section 1\n\
///      \x20 text: **Environment:** production\n\
///      button \"Approve\": invoke.function approve_deploy id=42\n"
/// );
/// # Ok::<(), cliq_events::ValidationError>(())
/// ```
pub fn render_card(card: &Card) -> String {
    let mut out = String::new();
    if let Some(title) = card.title() {
        let _ = writeln!(out, "title: {title}");
    }
    if let Some(theme) = card.theme() {
        let _ = writeln!(out, "theme: {}", theme.as_str());
    }
    if let Some(thumbnail) = card.thumbnail() {
        let _ = writeln!(out, "thumbnail: {thumbnail}");
    }
    for section in card.sections() {
        let _ = writeln!(out, "section {}", section.id);
        for element in &section.elements {
            match element {
                Element::Text { text } => {
                    for line in text.lines() {
                        let _ = writeln!(out, "  text: {line}");
                    }
                }
                other => {
                    let json = serde_json::to_string(other).unwrap_or_default();
                    let _ = writeln!(out, "  element: {json}");
                }
            }
        }
    }
    for button in card.buttons() {
        let _ = writeln!(out, "{}", render_button(button));
    }
    out
}

/// A button on one line: label, type and target.
pub(crate) fn render_button(button: &Button) -> String {
    match button {
        Button::OpenUrl { label, url } => format!("button {label:?}: open.url {url}"),
        Button::InvokeFunction { label, name, id } => {
            format!("button {label:?}: invoke.function {name} id={id}")
        }
        other => {
            let json = serde_json::to_string(other).unwrap_or_default();
            format!("button {:?}: {} {json}", other.label(), other.kind())
        }
    }
}

/// `None` when the cards are equal; else both rendered
/// ([`render_card`]) and diffed line by line: `-` for a line only in
/// `expected`, `+` for one only in `actual`.
pub fn card_diff(expected: &Card, actual: &Card) -> Option<String> {
    (expected != actual).then(|| line_diff(&render_card(expected), &render_card(actual)))
}

/// A line diff by longest common subsequence (cards are short).
pub(crate) fn line_diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    // common[i][j]: the longest common subsequence of old[i..] and new[j..].
    let mut common = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            common[i][j] = if old[i] == new[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            let _ = writeln!(out, "  {}", old[i]);
            (i, j) = (i + 1, j + 1);
        } else if i < old.len() && (j == new.len() || common[i + 1][j] >= common[i][j + 1]) {
            let _ = writeln!(out, "- {}", old[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "+ {}", new[j]);
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_line_by_line() {
        let cases = [
            ("a\nb\n", "a\nb\n", "  a\n  b\n"),
            ("a\nb\nc\n", "a\nc\n", "  a\n- b\n  c\n"),
            ("a\nc\n", "a\nb\nc\n", "  a\n+ b\n  c\n"),
            ("a\nb\n", "a\nx\n", "  a\n- b\n+ x\n"),
            ("", "a\n", "+ a\n"),
        ];
        for (expected, actual, diff) in cases {
            assert_eq!(
                line_diff(expected, actual),
                diff,
                "{expected:?} → {actual:?}"
            );
        }
    }
}
