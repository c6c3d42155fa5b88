//! YAML with positions: every value an editor wrote keeps its file, line and column.
//!
//! serde_yaml only knows positions for syntax errors and stops at the first problem. Editors need
//! every mistake of a file at once, including mistakes in values (a bad phone, an unknown
//! commune), so content is read with `marked-yaml` into a tree of spanned nodes and walked by
//! hand with a [`Reader`] that records problems instead of returning them. marked-yaml also
//! refuses anchors and aliases, which rules out "billion laughs" alias bombs by construction.

use std::path::{Path, PathBuf};

use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode, MarkedSequenceNode};
use marked_yaml::{LoadError, LoaderOptions, Node, Span};

use crate::date::Date;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Location};
use crate::load::yaml_syntax;

/// Nesting deeper than this is refused before parsing: no content file needs more than four levels,
/// and a hostile file with thousands of `[` would otherwise cost stack and time.
const MAX_DEPTH: usize = 64;

/// A value together with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub location: Location,
}

/// Parses `text` (which starts on line `first_line` of the file) into a mapping.
pub fn parse_mapping(text: &str, path: &Path, first_line: usize) -> Result<Node, Diagnostic> {
    let at = |line: usize, column: usize| {
        let (line, column) = clamp_to_text(text, line, column);
        Location::new(path, line + first_line - 1, column)
    };
    if let Some((line, column)) = too_deep(text) {
        return Err(Diagnostic::new(
            at(line, column),
            format!("dữ liệu lồng nhau quá sâu (quá {MAX_DEPTH} cấp)"),
        ));
    }
    if text.trim().is_empty() {
        return Ok(Node::Mapping(MarkedMappingNode::new_empty(
            Span::new_blank(),
        )));
    }
    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    let node = marked_yaml::parse_yaml_with_options(0, text, options)
        .map_err(|e| load_error(e, text, &at))?;
    // A file of comments only parses to an empty mapping placed after its last line; "missing
    // key" problems must point at the file's start instead.
    match node.as_mapping() {
        Some(map) if map.is_empty() => Ok(Node::Mapping(MarkedMappingNode::new_empty(
            Span::new_blank(),
        ))),
        _ => Ok(node),
    }
}

fn load_error(err: LoadError, text: &str, at: &dyn Fn(usize, usize) -> Location) -> Diagnostic {
    let from = |m: &marked_yaml::Marker| at(m.line(), m.column());
    let quote_hint = "nếu giá trị bắt đầu bằng ký tự này, hãy đặt cả giá trị trong ngoặc kép";
    match err {
        LoadError::TopLevelMustBeMapping(m) => {
            Diagnostic::new(from(&m), "nội dung phải là các dòng dạng `tên mục: giá trị`")
                .with_hint(top_level_hint(text))
        }
        LoadError::TopLevelMustBeSequence(m) => {
            Diagnostic::new(from(&m), "nội dung phải là một danh sách")
        }
        LoadError::UnexpectedAnchor(m) => Diagnostic::new(
            from(&m),
            "không dùng được neo và bí danh YAML (`&` và `*`)",
        )
        .with_hint("hãy viết đầy đủ giá trị ở từng chỗ; nếu giá trị bắt đầu bằng `&` hoặc `*`, đặt nó trong ngoặc kép"),
        LoadError::MappingKeyMustBeScalar(m) => {
            Diagnostic::new(from(&m), "tên mục phải là chữ đơn giản, như `hamlet` hay `phone`")
        }
        LoadError::UnexpectedTag(m) => {
            Diagnostic::new(from(&m), "không dùng được thẻ YAML (`!` hoặc `!!`)")
                .with_hint(quote_hint)
        }
        LoadError::ScanError(m, e) => {
            let explained = yaml_syntax::explain(text, m.line(), m.column(), e.info());
            Diagnostic::new(at(explained.line, explained.column), explained.message)
                .with_hint(explained.hint)
        }
        LoadError::DuplicateKey(inner) => {
            let first_line = inner.prev_key.span().start().map_or(0, |m| from(m).line);
            let location = inner
                .key
                .span()
                .start()
                .map_or_else(|| at(1, 1), from);
            Diagnostic::new(
                location,
                format!("tên mục `{}` bị lặp lại", inner.key.as_str()),
            )
            .with_hint(format!(
                "đã có `{}` ở dòng {}; hãy xóa một trong hai",
                inner.prev_key.as_str(),
                first_line
            ))
        }
    }
}

/// What to write when a file is not `key: value` lines at all.
fn top_level_hint(text: &str) -> String {
    if text.contains('：') {
        return "dấu `：` ở đây là dấu hai chấm của bộ gõ tiếng Trung/Nhật; thay bằng dấu `:` thường".into();
    }
    "mỗi dòng có dạng `tên mục: giá trị`, ví dụ `province: 22`".into()
}

/// The parser reports an error at the end of input one line past the last one (and sometimes a
/// column past the end of a line); editors need a place that exists, so it is moved back to the
/// end of the text.
fn clamp_to_text(text: &str, line: usize, column: usize) -> (usize, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    if line > lines.len() {
        let last = lines.len();
        return (last, lines[last - 1].chars().count() + 1);
    }
    let line = line.max(1);
    let width = lines[line - 1].chars().count();
    (line, column.clamp(1, width + 1))
}

/// Finds the first place where brackets or indentation nest deeper than [`MAX_DEPTH`].
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth: usize = 0;
    for (index, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        if indent / 2 > MAX_DEPTH {
            return Some((index + 1, 1));
        }
        for (column, ch) in line.chars().enumerate() {
            match ch {
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                '#' => break,
                _ => {}
            }
            if depth > MAX_DEPTH {
                return Some((index + 1, column + 1));
            }
        }
    }
    None
}

/// Walks parsed YAML, collecting every problem it meets instead of stopping at the first.
pub struct Reader {
    path: PathBuf,
    first_line: usize,
    pub diagnostics: Diagnostics,
}

impl Reader {
    pub fn new(path: &Path, first_line: usize) -> Self {
        Reader {
            path: path.to_path_buf(),
            first_line,
            diagnostics: Diagnostics::new(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file position of a node.
    pub fn location(&self, span: &Span) -> Location {
        match span.start() {
            Some(m) => Location::new(&self.path, m.line() + self.first_line - 1, m.column()),
            None => Location::new(&self.path, self.first_line.max(1), 1),
        }
    }

    pub fn error(&mut self, span: &Span, message: impl Into<String>) {
        let location = self.location(span);
        self.diagnostics.error(location, message);
    }

    pub fn error_with_hint(
        &mut self,
        span: &Span,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let location = self.location(span);
        self.diagnostics
            .push(Diagnostic::new(location, message).with_hint(hint));
    }

    /// Reports every key of `map` that is not in `allowed`, with a "did you mean" where one fits.
    pub fn check_keys(&mut self, map: &MarkedMappingNode, allowed: &[&str]) {
        for key in map.keys() {
            let name = key.as_str();
            if allowed.contains(&name) {
                continue;
            }
            let message = format!("tên mục lạ `{name}`");
            let hint = match did_you_mean(name, allowed) {
                Some(close) => format!("có phải ý bạn là `{close}`?"),
                None => format!("các tên mục dùng được ở đây: {}", quote_list(allowed)),
            };
            self.error_with_hint(key.span(), message, hint);
        }
    }

    /// The node as a mapping, or a problem if it is something else.
    pub fn as_mapping<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n MarkedMappingNode> {
        let found = node.as_mapping();
        if found.is_none() {
            self.error(
                node.span(),
                format!("{what} phải là các dòng `tên mục: giá trị`"),
            );
        }
        found
    }

    /// A scalar value; `None` (and no problem) if the key is absent or empty.
    pub fn scalar<'n>(
        &mut self,
        map: &'n MarkedMappingNode,
        key: &str,
    ) -> Option<&'n MarkedScalarNode> {
        let node = map.get_node(key)?;
        match node {
            Node::Scalar(s) if is_null(s) => None,
            Node::Scalar(s) => Some(s),
            _ => {
                self.error(
                    node.span(),
                    format!("`{key}` phải là một giá trị đơn, không phải danh sách hay bảng"),
                );
                None
            }
        }
    }

    /// A text value, trimmed.
    pub fn string(&mut self, map: &MarkedMappingNode, key: &str) -> Option<Spanned<String>> {
        let scalar = self.scalar(map, key)?;
        Some(Spanned {
            value: scalar.as_str().trim().to_string(),
            location: self.location(scalar.span()),
        })
    }

    /// A text value that must be there.
    pub fn required_string(
        &mut self,
        map: &MarkedMappingNode,
        key: &str,
        span: &Span,
    ) -> Option<Spanned<String>> {
        let value = self.string(map, key);
        if value.is_none() && !self.has_non_scalar(map, key) {
            self.error(span, format!("thiếu `{key}`"));
        }
        value
    }

    fn has_non_scalar(&self, map: &MarkedMappingNode, key: &str) -> bool {
        matches!(
            map.get_node(key),
            Some(Node::Mapping(_) | Node::Sequence(_))
        )
    }

    /// `true`/`false` (also `có`/`không`, which editors type).
    pub fn bool(&mut self, map: &MarkedMappingNode, key: &str) -> Option<Spanned<bool>> {
        let scalar = self.scalar(map, key)?;
        let value = match scalar.as_str().trim().to_lowercase().as_str() {
            "true" | "yes" | "có" | "co" => true,
            "false" | "no" | "không" | "khong" => false,
            other => {
                let message = format!("`{key}` phải là true hoặc false, không phải \"{other}\"");
                self.error(scalar.span(), message);
                return None;
            }
        };
        Some(Spanned {
            value,
            location: self.location(scalar.span()),
        })
    }

    /// A whole number.
    pub fn integer(&mut self, map: &MarkedMappingNode, key: &str) -> Option<Spanned<i64>> {
        let scalar = self.scalar(map, key)?;
        match scalar.as_str().trim().parse::<i64>() {
            Ok(value) => Some(Spanned {
                value,
                location: self.location(scalar.span()),
            }),
            Err(_) => {
                self.error(scalar.span(), format!("`{key}` phải là một số nguyên"));
                None
            }
        }
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub fn date(&mut self, map: &MarkedMappingNode, key: &str) -> Option<Spanned<Date>> {
        let scalar = self.scalar(map, key)?;
        match Date::parse(scalar.as_str().trim()) {
            Some(value) => Some(Spanned {
                value,
                location: self.location(scalar.span()),
            }),
            None => {
                self.error_with_hint(
                    scalar.span(),
                    format!("`{key}` không phải ngày hợp lệ: \"{}\"", scalar.as_str()),
                    "viết ngày theo dạng năm-tháng-ngày, ví dụ 2026-03-01",
                );
                None
            }
        }
    }

    /// A sequence; a problem if the key holds something else.
    pub fn sequence<'n>(
        &mut self,
        map: &'n MarkedMappingNode,
        key: &str,
    ) -> Option<&'n MarkedSequenceNode> {
        match map.get_node(key)? {
            Node::Sequence(seq) => Some(seq),
            Node::Scalar(s) if is_null(s) => None,
            Node::Mapping(m) if dash_without_space(m).is_some() => {
                let first = dash_without_space(m).expect("checked above");
                let written = first.as_str();
                self.error_with_hint(
                    first.span(),
                    format!("thiếu dấu cách sau dấu `-` ở `{written}`"),
                    format!(
                        "mỗi mục của danh sách bắt đầu bằng `- ` (có dấu cách): viết `- {}:`",
                        written.trim_start_matches('-')
                    ),
                );
                None
            }
            other => {
                self.error(other.span(), format!("`{key}` phải là một danh sách"));
                None
            }
        }
    }

    /// A mapping under `key`; a problem if the key holds something else.
    pub fn mapping<'n>(
        &mut self,
        map: &'n MarkedMappingNode,
        key: &str,
    ) -> Option<&'n MarkedMappingNode> {
        match map.get_node(key)? {
            Node::Mapping(m) => Some(m),
            Node::Scalar(s) if is_null(s) => None,
            other => {
                self.error(
                    other.span(),
                    format!("`{key}` phải gồm các dòng `tên mục: giá trị`"),
                );
                None
            }
        }
    }

    /// A list of texts; a single text is accepted as a list of one (`tags: VNeID`).
    pub fn string_list(&mut self, map: &MarkedMappingNode, key: &str) -> Vec<Spanned<String>> {
        match map.get_node(key) {
            None => Vec::new(),
            Some(Node::Scalar(s)) if is_null(s) => Vec::new(),
            Some(Node::Scalar(s)) => vec![self.spanned_text(s)],
            Some(Node::Sequence(seq)) => seq
                .iter()
                .filter_map(|item| match item {
                    Node::Scalar(s) if !is_null(s) => Some(self.spanned_text(s)),
                    other => {
                        self.error(
                            other.span(),
                            format!("mỗi mục của `{key}` phải là một giá trị đơn"),
                        );
                        None
                    }
                })
                .collect(),
            Some(Node::Mapping(m)) => {
                self.error(m.span(), format!("`{key}` phải là một danh sách"));
                Vec::new()
            }
        }
    }

    pub fn spanned_text(&self, scalar: &MarkedScalarNode) -> Spanned<String> {
        Spanned {
            value: scalar.as_str().trim().to_string(),
            location: self.location(scalar.span()),
        }
    }

    pub fn into_diagnostics(self) -> Diagnostics {
        self.diagnostics
    }
}

/// The first key of a mapping written as a list item without the space after its dash
/// (`-hamlet: A`), which YAML reads as a key named "-hamlet".
fn dash_without_space(map: &MarkedMappingNode) -> Option<&MarkedScalarNode> {
    map.keys()
        .next()
        .filter(|k| k.as_str().len() > 1 && k.as_str().starts_with('-'))
}

/// Empty values (`key:`, `key: ~`, `key: null`) count as absent.
fn is_null(scalar: &MarkedScalarNode) -> bool {
    scalar.may_coerce() && matches!(scalar.as_str().trim(), "" | "~" | "null" | "Null" | "NULL")
}

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Node, Reader) {
        let node = parse_mapping(text, Path::new("t.yaml"), 1).unwrap();
        (node, Reader::new(Path::new("t.yaml"), 1))
    }

    #[test]
    fn unknown_key_gets_a_hint_at_its_position() {
        let (node, mut r) = read("name: An\nphnoe: \"0912\"\n");
        r.check_keys(node.as_mapping().unwrap(), &["name", "phone"]);
        let d = r.into_diagnostics().into_sorted();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location, Location::new("t.yaml", 2, 1));
        assert_eq!(d[0].hint.as_deref(), Some("có phải ý bạn là `phone`?"));
    }

    #[test]
    fn front_matter_lines_are_offset() {
        let node = parse_mapping("title: A\nskill: x\n", Path::new("g.md"), 2).unwrap();
        let mut r = Reader::new(Path::new("g.md"), 2);
        let skill = r.string(node.as_mapping().unwrap(), "skill").unwrap();
        assert_eq!(skill.location, Location::new("g.md", 3, 8));
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let err = parse_mapping("a: 1\nb: 2\na: 3\n", Path::new("t.yaml"), 1).unwrap_err();
        assert_eq!(err.location.line, 3);
        assert!(err.message.contains("`a`"));
    }

    #[test]
    fn aliases_are_refused() {
        let err = parse_mapping("a: &x [1, 2]\nb: *x\n", Path::new("t.yaml"), 1).unwrap_err();
        assert!(err.message.contains("neo"));
    }

    #[test]
    fn syntax_errors_are_explained_where_the_mistake_is() {
        let err = parse_mapping("a: [1, 2\nb: 3\n", Path::new("t.yaml"), 1).unwrap_err();
        assert_eq!(err.location, Location::new("t.yaml", 1, 4));
        assert_eq!(err.message, "dấu `[` mở ở đây nhưng chưa đóng");
        assert_eq!(err.hint.as_deref(), Some("thêm `]` ở cuối: `a: [1, 2]`"));
    }

    #[test]
    fn an_error_at_the_end_points_at_a_real_place() {
        let err = parse_mapping("a: 1\nb: [", Path::new("t.yaml"), 1).unwrap_err();
        assert_eq!((err.location.line, err.location.column), (2, 4), "{err}");
        let err = parse_mapping("[", Path::new("g.md"), 2).unwrap_err();
        assert_eq!((err.location.line, err.location.column), (2, 1), "{err}");
        let err = parse_mapping("title: \"A", Path::new("g.md"), 2).unwrap_err();
        assert_eq!((err.location.line, err.location.column), (2, 8), "{err}");
    }

    #[test]
    fn a_file_of_comments_is_an_empty_mapping_at_the_start() {
        let node = parse_mapping("# chỉ có ghi chú\n#\n", Path::new("t.yaml"), 1).unwrap();
        let mut r = Reader::new(Path::new("t.yaml"), 1);
        let map = node.as_mapping().unwrap();
        assert!(r.required_string(map, "title", map.span()).is_none());
        let d = r.into_diagnostics().into_sorted();
        assert_eq!(d[0].location, Location::new("t.yaml", 1, 1));
    }

    #[test]
    fn deep_nesting_is_refused_early() {
        let text = format!("a: {}{}\n", "[".repeat(500), "]".repeat(500));
        let err = parse_mapping(&text, Path::new("t.yaml"), 1).unwrap_err();
        assert!(err.message.contains("lồng nhau"));
    }

    #[test]
    fn wrong_types_are_reported_and_reading_goes_on() {
        let (node, mut r) = read("public: maybe\norder: ten\nupdated: 2026-13-01\n");
        let map = node.as_mapping().unwrap();
        assert!(r.bool(map, "public").is_none());
        assert!(r.integer(map, "order").is_none());
        assert!(r.date(map, "updated").is_none());
        assert_eq!(r.into_diagnostics().len(), 3);
    }

    #[test]
    fn a_list_item_without_the_space_after_its_dash() {
        let (node, mut r) = read("teams:\n  -hamlet: A\n");
        assert!(r.sequence(node.as_mapping().unwrap(), "teams").is_none());
        let d = r.into_diagnostics().into_sorted();
        assert_eq!(d[0].location, Location::new("t.yaml", 2, 3));
        assert_eq!(d[0].message, "thiếu dấu cách sau dấu `-` ở `-hamlet`");
        assert_eq!(
            d[0].hint.as_deref(),
            Some("mỗi mục của danh sách bắt đầu bằng `- ` (có dấu cách): viết `- hamlet:`")
        );
    }

    #[test]
    fn unknown_keys_are_called_ten_muc() {
        let (node, mut r) = read("name: An\naddress: x\n");
        r.check_keys(node.as_mapping().unwrap(), &["name", "phone"]);
        let d = r.into_diagnostics().into_sorted();
        assert_eq!(d[0].message, "tên mục lạ `address`");
        assert_eq!(
            d[0].hint.as_deref(),
            Some("các tên mục dùng được ở đây: `name`, `phone`")
        );
    }

    #[test]
    fn quoted_numbers_stay_text() {
        let (node, mut r) = read("phone: 0912345678\ncode: \"007\"\n");
        let map = node.as_mapping().unwrap();
        assert_eq!(r.string(map, "phone").unwrap().value, "0912345678");
        assert_eq!(r.string(map, "code").unwrap().value, "007");
    }
}
