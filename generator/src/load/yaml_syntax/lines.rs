//! Reading YAML lines by hand: indentation, list dashes, keys and values.

pub(super) fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Leading spaces.
pub(super) fn indent(line: &str) -> usize {
    line.chars().take_while(|&c| c == ' ').count()
}

/// Whether a line holds something besides spaces and a comment.
pub(super) fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The width of a leading `- ` (after the indentation), 0 if the line is not a list item.
pub(super) fn item_prefix(line: &str) -> usize {
    let rest = &line[indent(line)..];
    match rest.strip_prefix('-') {
        Some(after) if after.starts_with(' ') || after.is_empty() => {
            1 + after.chars().take_while(|&c| c == ' ').count()
        }
        _ => 0,
    }
}

/// The line without its indentation and list dash, and without a trailing comment or spaces.
pub(super) fn strip_item(line: &str) -> &str {
    let content = &line[indent(line)..];
    let content = content[item_prefix(line)..].trim_end();
    match content.find(" #") {
        Some(i) if !starts_quoted(content) => content[..i].trim_end(),
        _ => content,
    }
}

pub(super) fn starts_quoted(s: &str) -> bool {
    s.starts_with(['"', '\''])
}

/// `key: value` → ("key", " value"); `None` when the text has no `: ` (or ends with `:`).
pub(super) fn split_key_str(s: &str) -> Option<(&str, &str)> {
    if starts_quoted(s) {
        return None;
    }
    let at = s
        .char_indices()
        .find(|&(i, c)| c == ':' && s[i + 1..].chars().next().is_none_or(|n| n == ' '))?
        .0;
    Some((s[..at].trim(), &s[at + 1..]))
}

/// A whole line as what comes before its value ("    meeting: ") and the value itself.
pub(super) fn split_key(line: &str) -> (String, &str) {
    let lead = indent(line) + item_prefix(line);
    let content = &line[lead..];
    match split_key_str(content) {
        Some((_, value)) => {
            let value_start = line.len() - value.len();
            let spaces = value.len() - value.trim_start().len();
            (
                line[..value_start + spaces].trim_start().to_string(),
                value.trim_start(),
            )
        }
        None => (String::new(), content),
    }
}

/// The 1-based column of the first `key:value` colon (a colon right before a letter or digit)
/// before any `: `, outside quotes; `None` otherwise.
pub(super) fn colon_without_space(line: &str) -> Option<usize> {
    let content = strip_item(line);
    if starts_quoted(content) || content.starts_with(['[', '{']) {
        return None;
    }
    let offset = chars(line).len() - chars(line.trim_start()).len() + item_prefix(line);
    let cs = chars(content);
    for (i, &c) in cs.iter().enumerate() {
        if c.is_whitespace() {
            return None;
        }
        if c == ':' {
            let next = cs.get(i + 1)?;
            let value_starts = next.is_alphanumeric() || matches!(next, '"' | '\'' | '[');
            return (i > 0 && value_starts).then_some(offset + i + 1);
        }
    }
    None
}

/// `line` with a space after the character at 1-based `column`.
pub(super) fn insert_space(line: &str, column: usize) -> String {
    let mut cs = chars(line);
    cs.insert(column.min(cs.len()), ' ');
    cs.into_iter().collect()
}

/// Straight double quotes inside a value turned into “ and ”, so the value can be quoted whole.
pub(super) fn typographic_quotes(value: &str) -> String {
    let mut open = true;
    value
        .chars()
        .map(|c| match c {
            '"' => {
                let q = if open { '“' } else { '”' };
                open = !open;
                q
            }
            other => other,
        })
        .collect()
}

pub(super) fn quote_name(quote: char) -> &'static str {
    if quote == '"' {
        "dấu ngoặc kép `\"`"
    } else {
        "dấu nháy đơn `'`"
    }
}

/// The character of "unexpected character: `@'".
pub(super) fn unexpected_character(info: &str) -> Option<char> {
    let rest = info.strip_prefix("unexpected character: `")?;
    rest.chars().next()
}
