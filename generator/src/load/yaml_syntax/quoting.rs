//! Mistakes of quotes and brackets, and the parser's rarer complaints.

use super::lines::*;
use super::{Doc, Explained};

impl<'a> Doc<'a> {
    /// The quote that opens at the parser's position (or before it on its line) never closes.
    pub(super) fn unclosed_quote(&self) -> Option<Explained> {
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
    pub(super) fn text_after_quote(&self) -> Option<Explained> {
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

    pub(super) fn stray(&self, c: char) -> Option<Explained> {
        let open = if c == ']' { '[' } else { '{' };
        self.at(
            self.line,
            self.column,
            format!("thừa dấu `{c}`"),
            format!("xóa dấu này, hoặc thêm dấu `{open}` mở tương ứng"),
        )
    }

    /// Flow collections: the `[` or `{` left open, or a missing comma inside one.
    pub(super) fn unclosed_bracket(&self) -> Option<Explained> {
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
    pub(super) fn open_bracket(&self) -> Option<(usize, usize, char)> {
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
    pub(super) fn other(&self, info: &str) -> Option<Explained> {
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

    pub(super) fn escape(&self) -> Option<Explained> {
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

    pub(super) fn generic(&self) -> Explained {
        Explained {
            line: self.line,
            column: self.column,
            message: "lỗi cú pháp YAML ở đây".to_string(),
            hint: "kiểm tra thụt lề (dấu cách, không dùng Tab), dấu cách sau dấu `:` và `-`, và các dấu ngoặc đã đóng đủ"
                .to_string(),
        }
    }
}
