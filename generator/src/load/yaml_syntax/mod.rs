//! YAML syntax errors in the editors' words: what is wrong, where it really is, and what to
//! write instead.
//!
//! The parser (yaml-rust2, under marked-yaml) explains a mistake in its own terms ("did not find
//! expected '-' indicator") and often at the place where it gave up, not where the mistake is:
//! a missing space after `province:` is noticed on the next line, an unclosed `[` at the end of
//! the file, a Tab one character past it. [`explain`] reads the text around the parser's position,
//! finds the mistake an editor most likely made, and says it in Vietnamese with the corrected
//! line where one can be written.

mod lines;
mod quoting;
mod spacing;
#[cfg(test)]
mod tests;

use lines::{chars, is_content};

/// A syntax error as editors see it: 1-based line and column in the parsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// The parser's complaint `info` at `line`:`column` (1-based), explained.
pub fn explain(text: &str, line: usize, column: usize, info: &str) -> Explained {
    let doc = Doc::new(text, line, column);
    let explained = match classify(info, &doc) {
        Mistake::Tab => doc.tab(),
        Mistake::UnclosedQuote => doc.unclosed_quote(),
        Mistake::TextAfterQuote => doc.text_after_quote(),
        Mistake::MisplacedColon => doc.misplaced_colon(),
        Mistake::MissingColon => doc.missing_colon(),
        Mistake::DashAfterKey => doc.dash_after_key(),
        Mistake::ListItem => doc.list_item_misaligned(),
        Mistake::Key => doc.key_misaligned(),
        Mistake::Bracket => doc.unclosed_bracket(),
        Mistake::Other => doc.other(info),
    };
    explained.unwrap_or_else(|| doc.generic())
}

/// The kinds of mistake the parser's complaints stand for.
enum Mistake {
    Tab,
    UnclosedQuote,
    TextAfterQuote,
    MisplacedColon,
    MissingColon,
    DashAfterKey,
    ListItem,
    Key,
    Bracket,
    Other,
}

fn classify(info: &str, doc: &Doc) -> Mistake {
    let unclosed = ["end of stream", "indentation", "document indicator"];
    if info.contains("tab") || doc.tab_after_indicator(info) {
        Mistake::Tab
    } else if info.contains("quoted scalar") && unclosed.iter().any(|u| info.contains(u)) {
        Mistake::UnclosedQuote
    } else if info.contains("trailing content after") {
        Mistake::TextAfterQuote
    } else if info.contains("mapping values are not allowed") {
        Mistake::MisplacedColon
    } else if info.contains("simple key") || info.contains("expected ':'") {
        Mistake::MissingColon
    } else if info.contains("block sequence entries are not allowed") {
        Mistake::DashAfterKey
    } else if info.contains("expected '-' indicator") {
        Mistake::ListItem
    } else if info.contains("block mapping, did not find expected key") {
        Mistake::Key
    } else if info.contains("flow")
        || info.contains("illegal placement of ':'")
        || (info.contains("node content") && doc.open_bracket().is_some())
    {
        Mistake::Bracket
    } else {
        Mistake::Other
    }
}

/// The text, split into lines, and the parser's position in it.
struct Doc<'a> {
    lines: Vec<&'a str>,
    line: usize,
    column: usize,
    /// The parser stopped at the end of the input: everything was read before it gave up.
    past_end: bool,
}

impl<'a> Doc<'a> {
    pub(super) fn new(text: &'a str, line: usize, column: usize) -> Self {
        let lines: Vec<&str> = text.split('\n').collect();
        let past_end = line > lines.len();
        // Past the end (as at the end of the input): the end of the last line.
        let (line, column) = if past_end || line == 0 {
            let last = lines.len();
            (last, chars(lines[last - 1]).len() + 1)
        } else {
            (line, column.max(1))
        };
        Doc {
            lines,
            line,
            column,
            past_end,
        }
    }

    pub(super) fn text(&self, line: usize) -> &'a str {
        self.lines.get(line.wrapping_sub(1)).copied().unwrap_or("")
    }

    /// The character at a 1-based position, if there is one.
    pub(super) fn char_at(&self, line: usize, column: usize) -> Option<char> {
        chars(self.text(line)).get(column.wrapping_sub(1)).copied()
    }

    pub(super) fn at(
        &self,
        line: usize,
        column: usize,
        message: String,
        hint: String,
    ) -> Option<Explained> {
        Some(Explained {
            line,
            column,
            message,
            hint,
        })
    }

    /// The nearest line above `line` with something other than spaces and a comment.
    pub(super) fn previous_content(&self, line: usize) -> Option<usize> {
        (1..line).rev().find(|&l| is_content(self.text(l)))
    }

    pub(super) fn tab_after_indicator(&self, info: &str) -> bool {
        info.contains("must be followed by a valid YAML whitespace")
            && self.text(self.line).contains('\t')
    }

    pub(super) fn next_content(&self, line: usize) -> Option<usize> {
        (line + 1..=self.lines.len()).find(|&l| is_content(self.text(l)))
    }
}
