//! `ngo search`: query a built portal's shards natively, with the same code the browser runs.

use std::path::Path;

use ngo_search::{search_all, Hit, Kind, SearchOptions, Shard};

use crate::units::{self, UnitRef};

/// What to look for.
#[derive(Debug, Clone)]
pub struct Query {
    pub text: String,
    pub province: Option<String>,
    pub kind: Option<Kind>,
    pub limit: usize,
}

/// Opens the shards of the portal in `site` (a built output folder) and runs the query.
pub fn run(site: &Path, query: &Query) -> Result<Vec<Hit>, String> {
    let manifest_path = site.join("search/manifest.json");
    let manifest: serde_json::Value = std::fs::read(&manifest_path)
        .map_err(|e| {
            format!(
                "không đọc được {}: {e} (hãy chạy `ngo build` trước)",
                manifest_path.display()
            )
        })
        .and_then(|b| {
            serde_json::from_slice(&b).map_err(|e| format!("{}: {e}", manifest_path.display()))
        })?;
    let province = match &query.province {
        Some(p) => Some(
            units::official()
                .resolve_province(UnitRef::Name(p))
                .map_err(|e| e.to_string())?
                .code,
        ),
        None => None,
    };
    let mut files = vec![
        shard_file(&manifest["places"])?,
        shard_file(&manifest["former"])?,
        shard_file(&manifest["guides"])?,
    ];
    let provinces = manifest["provinces"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (code, entry) in &provinces {
        if province.is_none_or(|p| code == &p.to_string()) {
            files.push(shard_file(entry)?);
        }
    }
    let shards = files
        .iter()
        .map(|file| {
            let bytes = std::fs::read(site.join(file))
                .map_err(|e| format!("không đọc được {file}: {e}"))?;
            Shard::open(&bytes).map_err(|e| format!("{file}: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<&Shard> = shards.iter().collect();
    // As in the browser: the province chooses whose teams are searched; places and guides
    // come from the whole country (an old address may lie in another province).
    let options = SearchOptions {
        limit: query.limit,
        kind: query.kind,
        province: None,
    };
    Ok(search_all(&refs, &query.text, &options))
}

fn shard_file(entry: &serde_json::Value) -> Result<String, String> {
    entry["file"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "search/manifest.json thiếu tên tệp chỉ mục".to_string())
}

/// One line per hit, for people.
pub fn print_hits(hits: &[Hit]) {
    if hits.is_empty() {
        println!("Không tìm thấy kết quả nào.");
    }
    for (i, hit) in hits.iter().enumerate() {
        let kind = match hit.kind {
            Kind::Team => "tổ",
            Kind::Guide => "hướng dẫn",
            Kind::Place => "địa danh",
        };
        println!(
            "{:>2}. [{kind}] {} — {}  /{}",
            i + 1,
            hit.title,
            hit.subtitle,
            hit.url
        );
        if let Some(note) = &hit.note {
            println!("    {note}");
        }
    }
}
