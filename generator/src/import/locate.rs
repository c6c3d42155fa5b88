//! Which commune the editor means and where its file is, by the same rules as the content format:
//! codes or names resolved against the official units, the file found by what it says inside.

use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::diagnostics::Diagnostic;
use crate::load::{walk_site, yaml, SourceFile};
use crate::model::{audit_commune_file, MemberAudit};
use crate::text;
use crate::units::{self, CommuneUnit, ProvinceUnit, UnitRef};

use super::doc::{self, CommuneDoc};
use super::ImportError;

/// The commune being imported or exported and its file in the site.
#[derive(Debug)]
pub struct Target {
    pub config: Config,
    pub province: &'static ProvinceUnit,
    pub commune: &'static CommuneUnit,
    /// Relative to the site folder.
    pub path: PathBuf,
    /// The file as it is, when there is one.
    pub existing: Option<CommuneDoc>,
    /// Comment lines inside the existing file, which a rewrite does not keep.
    pub inner_comments: usize,
    /// Each member's consent and what the portal publishes of it, by the loader's own rule.
    pub audits: Vec<MemberAudit>,
}

impl Target {
    /// "Xã Quảng La, Tỉnh Quảng Ninh".
    pub fn label(&self) -> String {
        format!("{}, {}", self.commune.name, self.province.name)
    }
}

/// Resolves `province` and `commune` and finds the commune's file in `site_dir`.
pub fn locate(site_dir: &Path, province: &str, commune: &str) -> Result<Target, ImportError> {
    let config = load_config(site_dir)?;
    let units = units::official();
    let province = units
        .resolve_province(UnitRef::Name(province))
        .map_err(|e| resolve_error("--province", &e))?;
    if !config.covers(province.code) {
        return Err(ImportError::Input {
            message: format!("{} không thuộc phạm vi của trang này", province.name),
            hint: "thêm tỉnh vào `scope.provinces` trong site.yaml, hoặc chọn tỉnh khác".into(),
        });
    }
    let commune = units
        .resolve_commune(province.code, UnitRef::Name(commune))
        .map_err(|e| resolve_error("--commune", &e))?;
    let (path, existing) = match find_file(site_dir, commune.code)? {
        Some(path) => {
            let existing = read_existing(site_dir, &path, &config)?;
            (path, Some(existing))
        }
        None => (new_path(site_dir, province, commune), None),
    };
    let (existing, inner_comments, audits) = match existing {
        Some(e) => (Some(e.doc), e.inner_comments, e.audits),
        None => (None, 0, Vec::new()),
    };
    Ok(Target {
        config,
        province,
        commune,
        path,
        existing,
        inner_comments,
        audits,
    })
}

fn load_config(site_dir: &Path) -> Result<Config, ImportError> {
    if !site_dir.join("site.yaml").is_file() {
        return Err(ImportError::Input {
            message: format!("không thấy {}", site_dir.join("site.yaml").display()),
            hint: "chỉ thư mục trang bằng --site (mặc định: content), hoặc tạo trang mới bằng `ngo new`"
                .into(),
        });
    }
    config::load(site_dir, Some(Path::new("site.yaml")))
        .map_err(|d| ImportError::Content(d.into_sorted()))
}

fn resolve_error(flag: &str, err: &units::ResolveError) -> ImportError {
    ImportError::Input {
        message: format!("{flag}: {err}"),
        hint: err.hint().unwrap_or_default(),
    }
}

/// The commune file under `teams/` that names this commune; two such files is an error the build
/// would also refuse.
fn find_file(site_dir: &Path, code: u32) -> Result<Option<PathBuf>, ImportError> {
    let files = walk_site(site_dir, &[]);
    let units = units::official();
    let mut found = Vec::new();
    for path in files.teams {
        let Ok(source) = SourceFile::read(&site_dir.join(&path), &path) else {
            continue;
        };
        let Ok(node) = yaml::parse_mapping(&source.text, &path, 1) else {
            continue;
        };
        let map = node.as_mapping().expect("parse_mapping returns a mapping");
        let scalar = |key: &str| map.get_scalar(key).map(|s| s.as_str().to_string());
        let (Some(p), Some(c)) = (scalar("province"), scalar("commune")) else {
            continue;
        };
        let resolved = units
            .resolve_province(UnitRef::Name(&p))
            .and_then(|p| units.resolve_commune(p.code, UnitRef::Name(&c)));
        if resolved.is_ok_and(|unit| unit.code == code) {
            found.push(path);
        }
    }
    match found.len() {
        0 | 1 => Ok(found.pop()),
        _ => Err(ImportError::Input {
            message: format!(
                "có {} tệp cho cùng một xã: {}",
                found.len(),
                found
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            hint: "gộp thành một tệp rồi nhập lại".into(),
        }),
    }
}

/// An existing commune file, as written and as the loader sees its members.
struct Existing {
    doc: CommuneDoc,
    inner_comments: usize,
    audits: Vec<MemberAudit>,
}

/// Import updates a file only when the build accepts it as it is, so nothing it holds is misread.
fn read_existing(site_dir: &Path, path: &Path, config: &Config) -> Result<Existing, ImportError> {
    let source =
        SourceFile::read(&site_dir.join(path), path).map_err(|d| ImportError::Content(vec![d]))?;
    let audits = match audit_commune_file(&source, config) {
        Ok((_, audits)) => audits,
        Err(diagnostics) => {
            let mut items = diagnostics.into_sorted();
            items.push(
                Diagnostic::new(
                    crate::diagnostics::Location::file(path),
                    "tệp hiện có của xã đang có lỗi nên chưa nhập được",
                )
                .with_hint("sửa các lỗi trên (chạy `ngo check`) rồi nhập lại"),
            );
            return Err(ImportError::Content(items));
        }
    };
    Ok(Existing {
        doc: doc::parse(&source.text, path)?,
        inner_comments: doc::inner_comment_lines(&source.text),
        audits,
    })
}

/// `teams/quang-ninh/quang-la.yaml`, or the commune's unique slug when that name is taken.
fn new_path(site_dir: &Path, province: &ProvinceUnit, commune: &CommuneUnit) -> PathBuf {
    let folder = Path::new("teams").join(&province.slug);
    let short = folder.join(format!("{}.yaml", text::slugify(&commune.short_name)));
    if site_dir.join(&short).exists() {
        folder.join(format!("{}.yaml", commune.slug))
    } else {
        short
    }
}
