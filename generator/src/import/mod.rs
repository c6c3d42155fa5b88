//! `ngo import` and `ngo export`: communes keep their team lists in Excel; these bring a sheet into
//! the commune's YAML file and write the file back out as a sheet.
//!
//! An import reads the sheet ([`sheet`]), finds its header row and columns ([`columns`]), reads
//! the rows into members ([`rows`]), merges them into the commune file keeping what the editor
//! wrote by hand ([`merge`]), checks the result with the same loader the build uses and only then
//! replaces the file, atomically. Nothing is written when a row is bad, unless the editor asks to
//! skip bad rows.

mod columns;
mod consent_cells;
mod doc;
mod export;
mod header;
mod locate;
mod merge;
mod report;
mod rows;
mod sheet;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;
use crate::model::parse_commune_file;
use crate::text;

pub use export::{export, ExportOptions, Exported};
pub use report::Report;

use columns::ColumnMap;
use doc::CommuneDoc;
use header::Columns;
use rows::{KnownHamlet, RowError, RowRules};
use sheet::Table;

/// Why an import or export did not happen, in words for the editor.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Mistakes in the command's options, all of them.
    #[error("{}", .0.iter().map(|p| format!("lỗi: {p}")).collect::<Vec<_>>().join("\n"))]
    Usage(Vec<String>),
    /// A file, province or commune that cannot be used.
    #[error("lỗi: {message}\n    gợi ý: {hint}")]
    Input { message: String, hint: String },
    /// A sheet whose layout is not understood (no header row, no hamlet column).
    #[error("lỗi: {message}\n    gợi ý: {hint}")]
    Sheet { message: String, hint: String },
    /// Rows that cannot be imported: each line already names the file, sheet and row.
    #[error(
        "{}\nCó {} dòng lỗi. Chưa ghi gì; sửa bảng tính rồi nhập lại, hoặc dùng --force để bỏ qua các dòng lỗi.",
        .0.join("\n"), .0.len()
    )]
    Rows(Vec<String>),
    /// Problems in the site's own files.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Content(Vec<Diagnostic>),
    /// The machine refused a read or a write.
    #[error("lỗi: {context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// What `ngo import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub file: PathBuf,
    pub province: String,
    pub commune: String,
    pub sheet: Option<String>,
    pub map: Vec<String>,
    pub site_dir: PathBuf,
    pub force: bool,
    pub dry_run: bool,
}

/// What an import did, for the message to the editor.
#[derive(Debug)]
pub struct Imported {
    /// "ds.xlsx:sheet \"Danh sách\"".
    pub source: String,
    /// "Xã Quảng La, Tỉnh Quảng Ninh".
    pub commune: String,
    /// The commune file, relative to the site folder.
    pub path: PathBuf,
    pub created: bool,
    pub written: bool,
    pub report: Report,
    /// Rows left out under `--force`.
    pub skipped: Vec<String>,
    /// Headers that matched no field.
    pub unknown_columns: Vec<String>,
    /// Comment lines inside the old file that the rewrite dropped.
    pub dropped_comments: usize,
}

/// Runs `ngo import`.
pub fn import(options: &ImportOptions) -> Result<Imported, ImportError> {
    let map = ColumnMap::parse(&options.map)?;
    let target = locate::locate(&options.site_dir, &options.province, &options.commune)?;
    let (table, columns) = pick_table(options, &map)?;
    let source = source_label(&options.file, table.sheet.as_deref());
    let old = target.existing.clone();
    let known = known_hamlets(old.as_ref());
    let rules = RowRules {
        require_record: target.config.consent.require_record,
        today: Date::today(),
    };
    let read = rows::read_rows(&table, &columns, &known, &rules);
    let errors = read
        .errors
        .iter()
        .map(|e| row_message(&source, e))
        .collect();
    if !read.errors.is_empty() && !options.force {
        return Err(ImportError::Rows(errors));
    }
    if read.members.is_empty() && !errors.is_empty() {
        return Err(ImportError::Rows(errors));
    }
    if read.members.is_empty() {
        return Err(ImportError::Input {
            message: format!("{source}: không có thành viên nào để nhập"),
            hint: "kiểm tra bảng tính có các dòng dưới dòng tiêu đề, và đúng trang (--sheet)"
                .into(),
        });
    }
    let old_teams = old.as_ref().map(|d| d.teams.as_slice()).unwrap_or_default();
    let (teams, mut report) = merge::merge(old_teams, &read.members, &columns);
    let changed = teams != old_teams;
    report.reordered = changed && report.is_empty();
    let mut doc = old.clone().unwrap_or_else(|| new_doc(&target));
    doc.teams = teams;
    if changed {
        doc.set_updated(Date::today());
    }
    let text = doc::write(&doc);
    validate(&text, &target)?;
    let written = changed && !options.dry_run;
    if written {
        write_atomically(&options.site_dir.join(&target.path), &text)?;
    }
    Ok(Imported {
        source,
        commune: target.label(),
        path: target.path,
        created: old.is_none(),
        written,
        report,
        skipped: errors,
        unknown_columns: columns.unknown,
        dropped_comments: if written { target.inner_comments } else { 0 },
    })
}

/// The sheet named by `--sheet`, or the first sheet with a recognisable header row.
fn pick_table(options: &ImportOptions, map: &ColumnMap) -> Result<(Table, Columns), ImportError> {
    let tables = sheet::read_tables(&options.file)?;
    let in_sheet = |table: &Table, err: ImportError| match err {
        ImportError::Sheet { message, hint } => ImportError::Sheet {
            message: format!(
                "{}: {message}",
                source_label(&options.file, table.sheet.as_deref())
            ),
            hint,
        },
        other => other,
    };
    // A CSV file has one sheet and no names: `--sheet` has nothing to choose from.
    let named = tables.iter().any(|t| t.sheet.is_some());
    if let Some(wanted) = options.sheet.as_ref().filter(|_| named) {
        let table = tables
            .iter()
            .find(|t| t.sheet.as_deref() == Some(wanted.as_str()))
            .or_else(|| {
                tables.iter().find(|t| {
                    t.sheet.as_deref().map(text::name_key) == Some(text::name_key(wanted))
                })
            })
            .ok_or_else(|| ImportError::Input {
                message: format!("{}: không có trang \"{wanted}\"", options.file.display()),
                hint: format!("các trang trong tệp: {}", sheet_names(&tables)),
            })?;
        let columns = header::detect(&table.rows, map).map_err(|e| in_sheet(table, e))?;
        return Ok((table.clone(), columns));
    }
    let mut first_error = None;
    for table in &tables {
        match header::detect(&table.rows, map) {
            Ok(columns) => return Ok((table.clone(), columns)),
            Err(err) => {
                first_error.get_or_insert_with(|| in_sheet(table, err));
            }
        }
    }
    Err(first_error.unwrap_or_else(|| ImportError::Input {
        message: format!("{}: tệp không có trang nào", options.file.display()),
        hint: "kiểm tra lại tệp bảng tính".into(),
    }))
}

fn sheet_names(tables: &[Table]) -> String {
    tables
        .iter()
        .filter_map(|t| t.sheet.as_deref())
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `ds.xlsx:sheet "Danh sách"`, or just the file for a CSV.
fn source_label(file: &Path, sheet: Option<&str>) -> String {
    let file = file.display();
    match sheet {
        Some(sheet) => format!("{file}:sheet \"{sheet}\""),
        None => file.to_string(),
    }
}

fn row_message(source: &str, error: &RowError) -> String {
    format!("{source}: dòng {}: {}", error.row, error.message)
}

fn known_hamlets(doc: Option<&CommuneDoc>) -> Vec<KnownHamlet> {
    doc.map(|d| d.teams.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(|t| {
            let kind = t
                .kind()
                .and_then(rows::canonical_kind)
                .or_else(|| rows::kind_prefix(t.hamlet()))?;
            Some(KnownHamlet {
                hamlet: t.hamlet().to_string(),
                kind,
            })
        })
        .collect()
}

fn new_doc(target: &locate::Target) -> CommuneDoc {
    let header = format!(
        "# Tổ công nghệ số cộng đồng của {}.\n# Nhập từ bảng tính bằng `ngo import`; có thể sửa tay, lần nhập sau giữ các phần sửa tay.\n",
        target.label()
    );
    CommuneDoc::new(header, target.province.code, target.commune.code)
}

/// The written file must load exactly as a build would load it; anything else is a bug here, and
/// the editor's file stays as it was.
fn validate(text: &str, target: &locate::Target) -> Result<(), ImportError> {
    let source =
        SourceFile::from_text(&target.path, text).map_err(|d| ImportError::Content(vec![d]))?;
    parse_commune_file(&source, &target.config)
        .map(|_| ())
        .map_err(|d| ImportError::Content(d.into_sorted()))
}

/// Writes beside the target and renames over it, so a crash never leaves half a file.
fn write_atomically(path: &Path, text: &str) -> Result<(), ImportError> {
    use std::io::Write;
    let io = |context: String| move |source| ImportError::Io { context, source };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io(format!("không tạo được {}", dir.display())))?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .map_err(io(format!("không ghi được vào {}", dir.display())))?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(io(format!("không ghi được {}", path.display())))?;
    temp.persist(path).map_err(|e| ImportError::Io {
        context: format!("không ghi được {}", path.display()),
        source: e.error,
    })?;
    Ok(())
}

impl fmt::Display for Imported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string().replace('\\', "/");
        writeln!(f, "{} → {path} ({})", self.source, self.commune)?;
        if !self.unknown_columns.is_empty() {
            let names: Vec<String> = self
                .unknown_columns
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect();
            writeln!(
                f,
                "lưu ý: bỏ qua các cột không nhận ra: {} (dùng --map \"Tên cột=trường\" nếu cần)",
                names.join(", ")
            )?;
        }
        for skipped in &self.skipped {
            writeln!(f, "bỏ qua {skipped}")?;
        }
        if self.report.is_empty() {
            return write!(f, "Không có thay đổi: {path} giữ nguyên.");
        }
        writeln!(f, "{}", self.report)?;
        if self.dropped_comments > 0 {
            writeln!(
                f,
                "lưu ý: {} dòng chú thích (#) bên trong tệp cũ không được giữ lại; ghi chú về một thành viên nên để ở `note`.",
                self.dropped_comments
            )?;
        }
        match (self.written, self.created) {
            (true, true) => write!(f, "Đã tạo {path}."),
            (true, false) => write!(f, "Đã ghi {path}."),
            (false, _) => write!(f, "Chạy thử (--dry-run): chưa ghi gì."),
        }
    }
}
