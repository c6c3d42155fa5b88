//! Splitting a Markdown file into its YAML front matter and its body.

use crate::diagnostics::{Diagnostic, Location};
use crate::load::SourceFile;

/// The two parts of a guide or page, with the line each starts on so positions stay true.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line (1-based) of the first YAML line in the file.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Line (1-based) of the first body line in the file, so Markdown problems point at the
    /// line the editor wrote.
    pub body_line: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. A file without the opening fence is refused: every guide
/// and page needs at least a title.
pub fn split(source: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = source.text.as_str();
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(Diagnostic::new(
            Location::file(&source.path),
            "thiếu phần thông tin đầu trang (front matter)",
        )
        .with_hint("tệp phải bắt đầu bằng một dòng `---`, rồi `title: ...`, rồi một dòng `---`"));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: 3 + yaml.matches('\n').count(),
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(
        Location::file(&source.path),
        "phần thông tin đầu trang mở bằng `---` nhưng không có dòng `---` đóng lại",
    )
    .with_hint("thêm một dòng chỉ có `---` ngay sau dòng thông tin cuối cùng"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::from_text("g.md", text).unwrap()
    }

    #[test]
    fn splits_yaml_and_body() {
        let src = source("---\ntitle: A\n---\n# Body\n");
        let split = split(&src).unwrap();
        assert_eq!(split.yaml, "title: A\n");
        assert_eq!(split.body, "# Body\n");
        assert_eq!(split.yaml_line, 2);
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn unclosed_fence_is_refused() {
        let err = split(&source("---\ntitle: A\n# Body\n")).unwrap_err();
        assert!(err.message.contains("không có dòng `---` đóng lại"));
    }

    #[test]
    fn missing_fence_is_refused() {
        assert!(split(&source("# Only body\n")).is_err());
    }

    #[test]
    fn empty_front_matter_is_allowed_by_the_splitter() {
        let src = source("---\n---\nbody");
        let split = split(&src).unwrap();
        assert_eq!(split.yaml, "");
        assert_eq!(split.body, "body");
    }
}
