//! A content file read as clean text: valid UTF-8, no BOM, `\n` line ends, NFC.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location};
use crate::text;

/// Files larger than this are refused: no real guide or commune list comes near it, and reading a
/// mistaken 200 MB export would stall the build.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A text file of the site, ready to parse.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to editors: relative to the site folder.
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    /// Reads `full_path` and shows it as `shown_path` in messages.
    pub fn read(full_path: &Path, shown_path: &Path) -> Result<SourceFile, Diagnostic> {
        let at_start = || Location::file(shown_path);
        let metadata = std::fs::metadata(full_path)
            .map_err(|e| Diagnostic::new(at_start(), format!("không đọc được tệp: {e}")))?;
        // A pipe or device named like a content file would block the build or never end.
        if !metadata.is_file() {
            return Err(Diagnostic::new(at_start(), "không phải tệp thường")
                .with_hint("hãy thay nó bằng một tệp văn bản bình thường"));
        }
        let size = metadata.len();
        if size > MAX_FILE_BYTES {
            return Err(Diagnostic::new(
                at_start(),
                format!(
                    "tệp quá lớn ({} MB, tối đa {} MB)",
                    size / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )
            .with_hint("hãy chia danh sách thành nhiều tệp, mỗi xã/phường một tệp"));
        }
        let bytes = std::fs::read(full_path)
            .map_err(|e| Diagnostic::new(at_start(), format!("không đọc được tệp: {e}")))?;
        let text = clean_text(bytes, shown_path)?;
        Ok(SourceFile {
            path: shown_path.to_path_buf(),
            text,
        })
    }

    /// A source made from text already in memory (tests, the preview server, `ngo new`).
    pub fn from_text(shown_path: impl Into<PathBuf>, text: &str) -> Result<SourceFile, Diagnostic> {
        let path = shown_path.into();
        let text = clean_text(text.as_bytes().to_vec(), &path)?;
        Ok(SourceFile { path, text })
    }
}

/// Validates UTF-8 and normalises BOM, line ends and Unicode form.
fn clean_text(bytes: Vec<u8>, shown_path: &Path) -> Result<String, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let (line, column) = line_col_of_end(valid);
            return Err(Diagnostic::new(
                Location::new(shown_path, line, column),
                "tệp không phải văn bản UTF-8",
            )
            .with_hint(
                "hãy lưu lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)",
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    Ok(text::nfc(&text))
}

/// 1-based line and column just after `prefix`, counting characters, not bytes.
fn line_col_of_end(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_accepted() {
        let src = SourceFile::from_text("a.yaml", "\u{feff}a: 1\r\nb: 2\r\n").unwrap();
        assert_eq!(src.text, "a: 1\nb: 2\n");
    }

    #[test]
    fn decomposed_text_becomes_nfc() {
        let src = SourceFile::from_text("a.md", "Vie\u{0323}\u{0302}t").unwrap();
        assert_eq!(src.text, "Việt");
    }

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let err = clean_text(b"ab\ncd\xff".to_vec(), Path::new("x.yaml")).unwrap_err();
        assert_eq!(err.location, Location::new("x.yaml", 2, 3));
    }
}
