//! Mistakes of layout: Tabs, missing spaces, colons and dashes, keys out of line.

use super::lines::*;
use super::{Doc, Explained};

impl<'a> Doc<'a> {
    /// A Tab: on the parser's line, else the first one after its position, else the last before.
    pub(super) fn tab(&self) -> Option<Explained> {
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

    pub(super) fn find_tab(&self) -> Option<(usize, usize)> {
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

    /// "mapping values are not allowed": a `: ` inside a value, a missing space after a colon
    /// or a missing colon on the line above, or a line indented deeper than the one above.
    pub(super) fn misplaced_colon(&self) -> Option<Explained> {
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
    pub(super) fn colon_missing_on(&self, line: usize) -> Option<Explained> {
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
        let end = chars(text.trim_end()).len();
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

    /// The parser's line is indented deeper than the key with a value on line `above`.
    pub(super) fn deeper_than(&self, above: usize) -> Option<Explained> {
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
    pub(super) fn missing_colon(&self) -> Option<Explained> {
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
    pub(super) fn dash_after_key(&self) -> Option<Explained> {
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
    pub(super) fn list_item_misaligned(&self) -> Option<Explained> {
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
    pub(super) fn key_misaligned(&self) -> Option<Explained> {
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

    pub(super) fn nearest_key_line(
        &self,
        fits: impl Fn(usize) -> bool,
    ) -> Option<(usize, &'a str, usize)> {
        (1..self.line).rev().find_map(|l| {
            let t = self.text(l);
            let column = indent(t) + item_prefix(t);
            let (key, _) = split_key_str(strip_item(t))?;
            (is_content(t) && fits(column)).then_some((l, key, column))
        })
    }
}
