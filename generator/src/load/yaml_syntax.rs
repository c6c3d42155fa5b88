//! YAML syntax errors in the editors' words: what is wrong, where it really is, and what to
//! write instead.
//!
//! The parser (yaml-rust2, under marked-yaml) explains a mistake in its own terms ("did not find
//! expected '-' indicator") and often at the place where it gave up, not where the mistake is:
//! a missing space after `province:` is noticed on the next line, an unclosed `[` at the end of
//! the file, a Tab one character past it. [`explain`] reads the text around the parser's position,
//! finds the mistake an editor most likely made, and says it in Vietnamese with the corrected
//! line where one can be written.

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
    fn new(text: &'a str, line: usize, column: usize) -> Self {
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

    fn text(&self, line: usize) -> &'a str {
        self.lines.get(line.wrapping_sub(1)).copied().unwrap_or("")
    }

    /// The character at a 1-based position, if there is one.
    fn char_at(&self, line: usize, column: usize) -> Option<char> {
        chars(self.text(line)).get(column.wrapping_sub(1)).copied()
    }

    fn at(&self, line: usize, column: usize, message: String, hint: String) -> Option<Explained> {
        Some(Explained {
            line,
            column,
            message,
            hint,
        })
    }

    /// The nearest line above `line` with something other than spaces and a comment.
    fn previous_content(&self, line: usize) -> Option<usize> {
        (1..line).rev().find(|&l| is_content(self.text(l)))
    }

    fn tab_after_indicator(&self, info: &str) -> bool {
        info.contains("must be followed by a valid YAML whitespace")
            && self.text(self.line).contains('\t')
    }

    /// A Tab: on the parser's line, else the first one after its position, else the last before.
    fn tab(&self) -> Option<Explained> {
        let (line, column) = self.find_tab()?;
        let text = self.text(line);
        let leading = chars(text)[..column - 1].iter().all(|c| c.is_whitespace());
        if leading {
            let hint = match self.previous_content(line) {
                Some(p) => format!(
                    "xóa dấu Tab và gõ dấu cách cho thẳng cột với các dòng cùng cấp (dòng {p} thụt {} dấu cách)",
                    indent(self.text(p))
                ),
                None => "xóa dấu Tab và gõ dấu cách".to_string(),
            };
            let message = "có dấu Tab ở đầu dòng; YAML chỉ thụt lề bằng dấu cách".to_string();
            return self.at(line, column, message, hint);
        }
        let fixed = text.trim().replace('\t', " ");
        self.at(
            line,
            column,
            "có dấu Tab ở đây; YAML cần dấu cách".to_string(),
            format!("thay dấu Tab bằng một dấu cách: `{fixed}`"),
        )
    }

    fn find_tab(&self) -> Option<(usize, usize)> {
        if let Some(c) = chars(self.text(self.line)).iter().position(|&c| c == '\t') {
            return Some((self.line, c + 1));
        }
        let after = (self.line + 1..=self.lines.len()).find_map(|l| {
            let c = chars(self.text(l)).iter().position(|&c| c == '\t')?;
            Some((l, c + 1))
        });
        after.or_else(|| {
            (1..self.line).rev().find_map(|l| {
                let c = chars(self.text(l)).iter().rposition(|&c| c == '\t')?;
                Some((l, c + 1))
            })
        })
    }

    /// The quote that opens at the parser's position (or before it on its line) never closes.
    fn unclosed_quote(&self) -> Option<Explained> {
        let line = chars(self.text(self.line));
        let start = self.column.min(line.len()).max(1);
        let quote_at = (1..=start)
            .rev()
            .find(|&c| matches!(line.get(c - 1), Some('"' | '\'')))?;
        let quote = line[quote_at - 1];
        let what = quote_name(quote);
        let fixed = format!("{}{quote}", self.text(self.line).trim());
        self.at(
            self.line,
            quote_at,
            format!("{what} mở ở đây nhưng chưa đóng trên cùng dòng"),
            format!("thêm `{quote}` vào cuối giá trị: `{fixed}`"),
        )
    }

    /// Text after a quoted value's closing quote: an apostrophe inside '…', or quotes around
    /// only part of a value.
    fn text_after_quote(&self) -> Option<Explained> {
        let text = self.text(self.line);
        let line = chars(text);
        let close = (1..self.column.min(line.len() + 1))
            .rev()
            .find(|&c| matches!(line.get(c - 1), Some('"' | '\'')))?;
        let quote = line[close - 1];
        let (key, value) = split_key(text);
        let inner = value.trim();
        let hint = if quote == '\'' {
            let bare = inner.trim_matches('\'');
            format!("đặt giá trị trong ngoặc kép: `{key}\"{bare}\"`")
        } else {
            let typographic = typographic_quotes(inner);
            format!("đặt cả giá trị trong một cặp ngoặc kép: `{key}\"{typographic}\"`")
        };
        let message = if quote == '\'' {
            "dấu nháy đơn `'` ở đây đóng giá trị giữa chừng, nên phần sau bị thừa".to_string()
        } else {
            "có chữ sau dấu ngoặc kép đóng giá trị".to_string()
        };
        self.at(self.line, close, message, hint)
    }

    /// "mapping values are not allowed": a `: ` inside a value, a missing space after a colon
    /// or a missing colon on the line above, or a line indented deeper than the one above.
    fn misplaced_colon(&self) -> Option<Explained> {
        let text = self.text(self.line);
        let before: String = chars(text)
            .iter()
            .take(self.column.saturating_sub(1))
            .collect();
        if split_key_str(&before).is_some() {
            let (key, value) = split_key(text);
            return self.at(
                self.line,
                self.column,
                "giá trị có dấu `: ` nên phải đặt trong ngoặc kép".to_string(),
                format!("viết `{key}\"{}\"`", typographic_quotes(value.trim())),
            );
        }
        let previous = self.previous_content(self.line)?;
        self.colon_missing_on(previous)
            .or_else(|| self.deeper_than(previous))
    }

    /// A `key:value` or a bare `key` on `line`, where the parser only noticed later.
    fn colon_missing_on(&self, line: usize) -> Option<Explained> {
        let text = self.text(line);
        if let Some(column) = colon_without_space(text) {
            let fixed = insert_space(text.trim_end(), column);
            return self.at(
                line,
                column + 1,
                "thiếu dấu cách sau dấu `:`".to_string(),
                format!("viết `{}`", fixed.trim_start()),
            );
        }
        let content = strip_item(text);
        if content.is_empty() || content.contains(':') || starts_quoted(content) {
            return None;
        }
        let end = indent(text) + (chars(text).len() - indent(text))
            - (chars(text).len() - chars(text.trim_end()).len());
        let below = self
            .next_content(line)
            .is_some_and(|n| indent(self.text(n)) > indent(text));
        if below {
            return self.at(
                line,
                end + 1,
                format!("thiếu dấu `:` sau `{content}`"),
                format!("viết `{content}:`"),
            );
        }
        self.at(
            line,
            indent(text) + 1,
            "dòng này thiếu dấu `:` giữa tên mục và giá trị".to_string(),
            "mỗi dòng có dạng `tên mục: giá trị`; nếu đây là phần tiếp của giá trị ở dòng trên, hãy viết liền trên một dòng"
                .to_string(),
        )
    }

    fn next_content(&self, line: usize) -> Option<usize> {
        (line + 1..=self.lines.len()).find(|&l| is_content(self.text(l)))
    }

    /// The parser's line is indented deeper than the key with a value on line `above`.
    fn deeper_than(&self, above: usize) -> Option<Explained> {
        let (line, parent) = (self.text(self.line), self.text(above));
        let (key, value) = split_key_str(strip_item(parent))?;
        let key_column = indent(parent) + item_prefix(parent);
        if indent(line) <= key_column || value.trim().is_empty() {
            return None;
        }
        let this_key = split_key_str(strip_item(line)).map_or("dòng này", |(k, _)| k);
        self.at(
            self.line,
            indent(line) + 1,
            format!("dòng này thụt vào sâu hơn `{key}` ở dòng {above}"),
            format!(
                "cho `{this_key}` thẳng cột với `{key}` ({key_column} dấu cách); hoặc, nếu dòng này thuộc `{key}`, bỏ giá trị `{}` sau `{key}:`",
                value.trim()
            ),
        )
    }

    /// "simple key expect ':'": the nearest line above the parser's position without a colon.
    fn missing_colon(&self) -> Option<Explained> {
        let mut line = self.line;
        if !self.text(line).contains(':') || self.column <= 1 {
            line += 1;
        }
        (1..line)
            .rev()
            .filter(|&l| is_content(self.text(l)))
            .find_map(|l| self.colon_missing_on(l))
    }

    /// "teams: - hamlet: A": a list item written on its key's line.
    fn dash_after_key(&self) -> Option<Explained> {
        let (key, value) = split_key(self.text(self.line));
        let key = key.trim_end().trim_end_matches(':');
        let pad = " ".repeat(indent(self.text(self.line)) + 2);
        self.at(
            self.line,
            self.column,
            format!("không viết `- ` ngay sau `{key}:` trên cùng một dòng"),
            format!(
                "xuống dòng: `{key}:` rồi dòng sau `{pad}{}`; nếu dấu `-` là một phần của giá trị, đặt cả giá trị trong ngoặc kép",
                value.trim()
            ),
        )
    }

    /// "did not find expected '-' indicator": a new list item without its `- `, or a line that
    /// is neither in line with the item's keys nor with the dashes.
    fn list_item_misaligned(&self) -> Option<Explained> {
        let text = self.text(self.line);
        let own = indent(text);
        let dash_line = (1..self.line).rev().find(|&l| {
            let t = self.text(l);
            is_content(t) && item_prefix(t) > 0 && indent(t) <= own
        })?;
        let dash = self.text(dash_line);
        let dash_indent = indent(dash);
        let content = text.trim();
        if own == dash_indent {
            return self.at(
                self.line,
                own + 1,
                "thiếu `- ` ở đầu mục mới của danh sách".to_string(),
                format!(
                    "mỗi mục bắt đầu bằng `- `, như ở dòng {dash_line}: viết `{}- {content}`",
                    " ".repeat(dash_indent)
                ),
            );
        }
        let sibling = split_key_str(strip_item(dash)).map_or("", |(k, _)| k);
        let this_key = split_key_str(content).map_or(content, |(k, _)| k);
        let key_column = dash_indent + item_prefix(dash);
        self.at(
            self.line,
            own + 1,
            "dòng này thụt lề không thẳng cột với các dòng cùng cấp".to_string(),
            format!(
                "cho `{this_key}` thẳng cột với `{sibling}` ở dòng {dash_line} (thụt {key_column} dấu cách)"
            ),
        )
    }

    /// "did not find expected key": a list item where a key belongs, a stray bracket, or a key
    /// between two indentation levels.
    fn key_misaligned(&self) -> Option<Explained> {
        let text = self.text(self.line);
        let own = indent(text);
        if let Some(c @ (']' | '}')) = self.char_at(self.line, self.column) {
            return self.stray(c);
        }
        if item_prefix(text) > 0 {
            return self.at(
                self.line,
                own + 1,
                "mục danh sách `- ` nằm ở chỗ cần `tên mục: giá trị`".to_string(),
                "danh sách phải nằm ngay dưới tên mục của nó (ví dụ `teams:`) và thụt vào sâu hơn tên mục đó"
                    .to_string(),
            );
        }
        let this_key = split_key_str(text.trim()).map_or(text.trim(), |(k, _)| k);
        let deeper = self.nearest_key_line(|i| i > own);
        let shallower = self.nearest_key_line(|i| i < own);
        let mut options: Vec<String> = Vec::new();
        for (line, key, column) in [deeper, shallower].into_iter().flatten() {
            options.push(format!("`{key}` ở dòng {line} ({column} dấu cách)"));
        }
        self.at(
            self.line,
            own + 1,
            "dòng này thụt lề không thẳng cột với các dòng cùng cấp".to_string(),
            format!("cho `{this_key}` thẳng cột với {}", options.join(" hoặc ")),
        )
    }

    fn nearest_key_line(&self, fits: impl Fn(usize) -> bool) -> Option<(usize, &'a str, usize)> {
        (1..self.line).rev().find_map(|l| {
            let t = self.text(l);
            let column = indent(t) + item_prefix(t);
            let (key, _) = split_key_str(strip_item(t))?;
            (is_content(t) && fits(column)).then_some((l, key, column))
        })
    }

    fn stray(&self, c: char) -> Option<Explained> {
        let open = if c == ']' { '[' } else { '{' };
        self.at(
            self.line,
            self.column,
            format!("thừa dấu `{c}`"),
            format!("xóa dấu này, hoặc thêm dấu `{open}` mở tương ứng"),
        )
    }

    /// Flow collections: the `[` or `{` left open, or a missing comma inside one.
    fn unclosed_bracket(&self) -> Option<Explained> {
        if let Some((line, column, open)) = self.open_bracket() {
            let close = if open == '[' { ']' } else { '}' };
            let fixed = format!("{}{close}", self.text(line).trim());
            return self.at(
                line,
                column,
                format!("dấu `{open}` mở ở đây nhưng chưa đóng"),
                format!("thêm `{close}` ở cuối: `{fixed}`"),
            );
        }
        if let Some(c @ (']' | '}')) = self.char_at(self.line, self.column) {
            return self.stray(c);
        }
        self.at(
            self.line,
            self.column,
            "trong `[ ]` hoặc `{ }` thiếu dấu phẩy giữa hai giá trị, hoặc có dấu `:` không đúng chỗ"
                .to_string(),
            "viết các giá trị cách nhau bằng dấu phẩy, ví dụ `location: [21.0123, 107.1234]`; giá trị có dấu `:` thì đặt trong ngoặc kép"
                .to_string(),
        )
    }

    /// The innermost bracket still open at the parser's position, if it was opened on an
    /// earlier line or the input ended (a bracket open on the parser's own line is more likely
    /// missing a comma).
    fn open_bracket(&self) -> Option<(usize, usize, char)> {
        let mut stack: Vec<(usize, usize, char)> = Vec::new();
        for l in 1..=self.line {
            let mut quote: Option<char> = None;
            for (i, &c) in chars(self.text(l)).iter().enumerate() {
                if l == self.line && i + 1 >= self.column && !self.past_end {
                    break;
                }
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '#') => break,
                    (None, '[' | '{') => stack.push((l, i + 1, c)),
                    (None, ']' | '}') => {
                        stack.pop();
                    }
                    _ => {}
                }
            }
        }
        stack
            .pop()
            .filter(|&(l, _, _)| l < self.line || self.past_end)
    }

    /// Rarer complaints, each with what to write instead.
    fn other(&self, info: &str) -> Option<Explained> {
        let (message, hint): (String, &str) = if let Some(c) = unexpected_character(info) {
            (
                format!("giá trị không được bắt đầu bằng `{c}`"),
                "đặt cả giá trị trong ngoặc kép",
            )
        } else if info.contains("anchor") || info.contains("alias") {
            (
                "không dùng được neo và bí danh YAML (`&` và `*`)".to_string(),
                "nếu giá trị bắt đầu bằng `*` hoặc `&`, hãy đặt nó trong ngoặc kép",
            )
        } else if info.contains("escape") || info.contains("hexadecimal") {
            return self.escape();
        } else if info.contains("block scalar") {
            (
                "khối chữ nhiều dòng (`|` hoặc `>`) viết sai".to_string(),
                "nếu giá trị bắt đầu bằng `|` hoặc `>`, hãy đặt nó trong ngoặc kép",
            )
        } else if info.contains("tag") {
            (
                "không dùng được thẻ YAML (`!`)".to_string(),
                "nếu giá trị bắt đầu bằng `!`, hãy đặt nó trong ngoặc kép",
            )
        } else if info.contains("comments must be separated") {
            (
                "thiếu dấu cách trước dấu `#` của ghi chú".to_string(),
                "viết một dấu cách trước `#`, hoặc đặt giá trị có `#` trong ngoặc kép",
            )
        } else if info.contains("'-' must be followed") || info.contains("cannot start with '-'") {
            (
                "sau dấu `-` cần một dấu cách".to_string(),
                "viết `- ` (có dấu cách), hoặc đặt giá trị bắt đầu bằng `-` trong ngoặc kép",
            )
        } else if info.contains("':' must be followed") {
            (
                "sau dấu `:` cần một dấu cách".to_string(),
                "viết `tên mục: giá trị` (có dấu cách sau dấu `:`)",
            )
        } else if info.contains("node content") {
            if let Some(c @ (']' | '}' | ',')) = self.char_at(self.line, self.column) {
                return self.stray(c);
            }
            (
                "thiếu giá trị ở đây".to_string(),
                "viết giá trị sau dấu `:`, hoặc đặt giá trị có ký tự đặc biệt trong ngoặc kép",
            )
        } else {
            return None;
        };
        self.at(self.line, self.column, message, hint.to_string())
    }

    fn escape(&self) -> Option<Explained> {
        let line = chars(self.text(self.line));
        let at = (self.column..=line.len()).find(|&c| line[c - 1] == '\\')?;
        self.at(
            self.line,
            at,
            "trong ngoặc kép, dấu `\\` chỉ dùng cho ký tự đặc biệt (như `\\n`)".to_string(),
            "viết `\\\\` cho một dấu gạch chéo ngược, hoặc dùng ngoặc đơn `'…'` thay cho ngoặc kép"
                .to_string(),
        )
    }

    fn generic(&self) -> Explained {
        Explained {
            line: self.line,
            column: self.column,
            message: "lỗi cú pháp YAML ở đây".to_string(),
            hint: "kiểm tra thụt lề (dấu cách, không dùng Tab), dấu cách sau dấu `:` và `-`, và các dấu ngoặc đã đóng đủ"
                .to_string(),
        }
    }
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Leading spaces.
fn indent(line: &str) -> usize {
    line.chars().take_while(|&c| c == ' ').count()
}

/// Whether a line holds something besides spaces and a comment.
fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The width of a leading `- ` (after the indentation), 0 if the line is not a list item.
fn item_prefix(line: &str) -> usize {
    let rest = &line[indent(line)..];
    match rest.strip_prefix('-') {
        Some(after) if after.starts_with(' ') || after.is_empty() => {
            1 + after.chars().take_while(|&c| c == ' ').count()
        }
        _ => 0,
    }
}

/// The line without its indentation and list dash, and without a trailing comment or spaces.
fn strip_item(line: &str) -> &str {
    let content = &line[indent(line)..];
    let content = content[item_prefix(line)..].trim_end();
    match content.find(" #") {
        Some(i) if !starts_quoted(content) => content[..i].trim_end(),
        _ => content,
    }
}

fn starts_quoted(s: &str) -> bool {
    s.starts_with(['"', '\''])
}

/// `key: value` → ("key", " value"); `None` when the text has no `: ` (or ends with `:`).
fn split_key_str(s: &str) -> Option<(&str, &str)> {
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
fn split_key(line: &str) -> (String, &str) {
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
fn colon_without_space(line: &str) -> Option<usize> {
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
fn insert_space(line: &str, column: usize) -> String {
    let mut cs = chars(line);
    cs.insert(column.min(cs.len()), ' ');
    cs.into_iter().collect()
}

/// Straight double quotes inside a value turned into “ and ”, so the value can be quoted whole.
fn typographic_quotes(value: &str) -> String {
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

fn quote_name(quote: char) -> &'static str {
    if quote == '"' {
        "dấu ngoặc kép `\"`"
    } else {
        "dấu nháy đơn `'`"
    }
}

/// The character of "unexpected character: `@'".
fn unexpected_character(info: &str) -> Option<char> {
    let rest = info.strip_prefix("unexpected character: `")?;
    rest.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use marked_yaml::{LoadError, LoaderOptions};

    /// What the generator says for `text`: line, column, message and hint.
    fn said(text: &str) -> (usize, usize, String, String) {
        let options = LoaderOptions::default().error_on_duplicate_keys(true);
        match marked_yaml::parse_yaml_with_options(0, text, options) {
            Err(LoadError::ScanError(m, e)) => {
                let x = explain(text, m.line(), m.column(), e.info());
                (x.line, x.column, x.message, x.hint)
            }
            other => panic!("not a syntax error: {other:?}"),
        }
    }

    #[test]
    fn a_tab_in_the_indentation_is_pointed_at() {
        let (line, column, message, hint) = said("province: 22\nteams:\n\t- hamlet: A\n");
        assert_eq!((line, column), (3, 1));
        assert_eq!(
            message,
            "có dấu Tab ở đầu dòng; YAML chỉ thụt lề bằng dấu cách"
        );
        assert_eq!(
            hint,
            "xóa dấu Tab và gõ dấu cách cho thẳng cột với các dòng cùng cấp (dòng 2 thụt 0 dấu cách)"
        );
        // The parser points at the value on the line above; the Tab is on the next one.
        let (line, column, ..) = said("teams:\n  - hamlet: A\n  \tkind: thôn\n");
        assert_eq!((line, column), (3, 3));
    }

    #[test]
    fn a_tab_after_a_colon_gets_the_line_with_a_space() {
        let (line, column, message, hint) =
            said("province: 22\nteams:\n  - hamlet:\tA\n    kind: thôn\n");
        assert_eq!((line, column), (3, 12));
        assert_eq!(message, "có dấu Tab ở đây; YAML cần dấu cách");
        assert_eq!(hint, "thay dấu Tab bằng một dấu cách: `- hamlet: A`");
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let text = "province: 22\ncommune: \"Xã Quảng La\nupdated: 2026-01-01\nteams: []\n";
        let (line, column, message, hint) = said(text);
        assert_eq!((line, column), (2, 10));
        assert_eq!(
            message,
            "dấu ngoặc kép `\"` mở ở đây nhưng chưa đóng trên cùng dòng"
        );
        assert_eq!(
            hint,
            "thêm `\"` vào cuối giá trị: `commune: \"Xã Quảng La\"`"
        );
        let (line, column, message, _) = said("province: 22\ncommune: 'Xã Quảng La\n");
        assert_eq!((line, column), (2, 10));
        assert_eq!(
            message,
            "dấu nháy đơn `'` mở ở đây nhưng chưa đóng trên cùng dòng"
        );
        let (line, column, ..) =
            said("teams:\n  - hamlet: \"Thôn A\n    kind: thôn\n  - hamlet: B\n");
        assert_eq!((line, column), (2, 13));
    }

    #[test]
    fn a_missing_space_after_a_colon_is_found_on_its_own_line() {
        let (line, column, message, hint) = said("province:22\ncommune: 7054\n");
        assert_eq!((line, column), (1, 10));
        assert_eq!(message, "thiếu dấu cách sau dấu `:`");
        assert_eq!(hint, "viết `province: 22`");
        let (line, column, _, hint) = said("teams:\n  - hamlet:Khe Cát\n    kind: thôn\n");
        assert_eq!((line, column), (2, 12));
        assert_eq!(hint, "viết `- hamlet: Khe Cát`");
        let (line, column, _, hint) = said("a: 1 #c\nb:2\n");
        assert_eq!((line, column), (2, 3));
        assert_eq!(hint, "viết `b: 2`");
    }

    #[test]
    fn a_missing_dash_starts_a_new_item() {
        let text = "teams:\n  - hamlet: A\n    kind: thôn\n  hamlet: B\n    kind: thôn\n";
        let (line, column, message, hint) = said(text);
        assert_eq!((line, column), (4, 3));
        assert_eq!(message, "thiếu `- ` ở đầu mục mới của danh sách");
        assert_eq!(
            hint,
            "mỗi mục bắt đầu bằng `- `, như ở dòng 2: viết `  - hamlet: B`"
        );
    }

    #[test]
    fn a_key_out_of_line_with_its_siblings_names_the_column() {
        let (line, column, message, hint) = said("teams:\n  - hamlet: A\n   kind: thôn\n");
        assert_eq!((line, column), (3, 4));
        assert_eq!(
            message,
            "dòng này thụt lề không thẳng cột với các dòng cùng cấp"
        );
        assert_eq!(
            hint,
            "cho `kind` thẳng cột với `hamlet` ở dòng 2 (thụt 4 dấu cách)"
        );
        let text = "teams:\n  - hamlet: A\n    members:\n      - name: X\n       role: Y\n";
        let (line, column, _, hint) = said(text);
        assert_eq!((line, column), (5, 8));
        assert_eq!(
            hint,
            "cho `role` thẳng cột với `name` ở dòng 4 (thụt 8 dấu cách)"
        );
        let (line, column, message, hint) = said("a:\n  b: 1\n c: 2\n");
        assert_eq!((line, column), (3, 2));
        assert_eq!(
            message,
            "dòng này thụt lề không thẳng cột với các dòng cùng cấp"
        );
        assert_eq!(
            hint,
            "cho `c` thẳng cột với `b` ở dòng 2 (2 dấu cách) hoặc `a` ở dòng 1 (0 dấu cách)"
        );
    }

    #[test]
    fn a_line_deeper_than_a_key_with_a_value() {
        let (line, column, message, hint) = said("teams:\n  - hamlet: A\n      kind: thôn\n");
        assert_eq!((line, column), (3, 7));
        assert_eq!(message, "dòng này thụt vào sâu hơn `hamlet` ở dòng 2");
        assert_eq!(
            hint,
            "cho `kind` thẳng cột với `hamlet` (4 dấu cách); hoặc, nếu dòng này thuộc `hamlet`, bỏ giá trị `A` sau `hamlet:`"
        );
        let (line, column, message, _) = said("teams: abc\n  - hamlet: A\n");
        assert_eq!((line, column), (2, 3));
        assert_eq!(message, "dòng này thụt vào sâu hơn `teams` ở dòng 1");
    }

    #[test]
    fn a_colon_inside_a_value_asks_for_quotes() {
        let (line, column, message, hint) =
            said("teams:\n  - hamlet: A\n    meeting: Nhà văn hóa: 19:30\n");
        assert_eq!((line, column), (3, 25));
        assert_eq!(message, "giá trị có dấu `: ` nên phải đặt trong ngoặc kép");
        assert_eq!(hint, "viết `meeting: \"Nhà văn hóa: 19:30\"`");
    }

    #[test]
    fn a_key_without_its_colon() {
        let (line, column, message, hint) = said("teams\n  - hamlet: A\n");
        assert_eq!((line, column), (1, 6));
        assert_eq!(message, "thiếu dấu `:` sau `teams`");
        assert_eq!(hint, "viết `teams:`");
        let text = "teams:\n  - hamlet: A\n    members\n      - name: B\n";
        let (line, column, message, _) = said(text);
        assert_eq!((line, column), (3, 12));
        assert_eq!(message, "thiếu dấu `:` sau `members`");
        let (line, column, message, _) = said("province: 22\nabc\ncommune: 7054\n");
        assert_eq!((line, column), (2, 1));
        assert_eq!(message, "dòng này thiếu dấu `:` giữa tên mục và giá trị");
    }

    #[test]
    fn a_list_item_on_its_keys_line() {
        let (line, column, message, hint) = said("teams: - hamlet: A\n");
        assert_eq!((line, column), (1, 8));
        assert_eq!(
            message,
            "không viết `- ` ngay sau `teams:` trên cùng một dòng"
        );
        assert_eq!(
            hint,
            "xuống dòng: `teams:` rồi dòng sau `  - hamlet: A`; nếu dấu `-` là một phần của giá trị, đặt cả giá trị trong ngoặc kép"
        );
    }

    #[test]
    fn an_unclosed_bracket_is_reported_where_it_opens() {
        let (line, column, message, hint) = said("location: [21.0, 107.1\nteams: []\n");
        assert_eq!((line, column), (1, 11));
        assert_eq!(message, "dấu `[` mở ở đây nhưng chưa đóng");
        assert_eq!(hint, "thêm `]` ở cuối: `location: [21.0, 107.1]`");
        let (line, column, message, _) = said("a: {b: 1\nc: 2\n");
        assert_eq!((line, column), (1, 4));
        assert_eq!(message, "dấu `{` mở ở đây nhưng chưa đóng");
        let (line, column, message, _) = said("a: 1\nb: [");
        assert_eq!((line, column), (2, 4));
        assert_eq!(message, "dấu `[` mở ở đây nhưng chưa đóng");
    }

    #[test]
    fn quotes_around_part_of_a_value() {
        let (line, column, message, hint) = said("meeting: \"Nhà văn hóa\" thôn Khe Cát\n");
        assert_eq!((line, column), (1, 22));
        assert_eq!(message, "có chữ sau dấu ngoặc kép đóng giá trị");
        assert_eq!(
            hint,
            "đặt cả giá trị trong một cặp ngoặc kép: `meeting: \"“Nhà văn hóa” thôn Khe Cát\"`"
        );
        let (line, column, message, hint) = said("name: 'Ea H'Leo'\n");
        assert_eq!((line, column), (1, 12));
        assert_eq!(
            message,
            "dấu nháy đơn `'` ở đây đóng giá trị giữa chừng, nên phần sau bị thừa"
        );
        assert_eq!(hint, "đặt giá trị trong ngoặc kép: `name: \"Ea H'Leo\"`");
    }

    #[test]
    fn rarer_mistakes_are_explained_too() {
        let (line, column, message, hint) = said("email: @abc\n");
        assert_eq!((line, column), (1, 8));
        assert_eq!(message, "giá trị không được bắt đầu bằng `@`");
        assert_eq!(hint, "đặt cả giá trị trong ngoặc kép");
        let (line, column, message, _) = said("a: \"C:\\q\"\n");
        assert_eq!((line, column), (1, 7));
        assert_eq!(
            message,
            "trong ngoặc kép, dấu `\\` chỉ dùng cho ký tự đặc biệt (như `\\n`)"
        );
        let (_, _, message, _) = said("location: [1, 2]]\n");
        assert_eq!(message, "thừa dấu `]`");
        let (line, column, message, _) = said("province: 22\n- hamlet: A\n");
        assert_eq!((line, column), (2, 1));
        assert_eq!(
            message,
            "mục danh sách `- ` nằm ở chỗ cần `tên mục: giá trị`"
        );
    }

    #[test]
    fn no_message_is_in_english() {
        let cases = [
            "a: |x\n",
            "%YAML 1.2\na: 1\n",
            "a: *x\n",
            "a: ]\n",
            "a: \"\\x4\"\n",
        ];
        for text in cases {
            let (_, _, message, hint) = said(text);
            for english in ["while", "expected", "found", "scalar"] {
                assert!(
                    !message.contains(english) && !hint.contains(english),
                    "{text}: {message}"
                );
            }
        }
    }
}
