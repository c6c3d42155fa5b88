//! Peers measured in the same run as Ngõ: the dataset converted into a minimal Hugo site, built
//! by Hugo, then indexed by Pagefind, so the comparison the project's issue quotes from another
//! machine can be made on this one, with this data, under the same load.
//!
//! Only the peers' own work is timed. Converting the dataset is not, and the converted site is
//! kept beside the dataset for later runs.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use super::build_run::{run_measured, BuildRun, Finished};
use super::stats;
use super::targets::{Figure, Unit};
use crate::units;
use crate::yaml::quoted;
use ngo::text::slugify;

const MB: f64 = 1024.0 * 1024.0;

/// Written into the `.done` marker: a site converted by an older version is converted again.
const SITE_FORMAT: &str = "hugo site, format 1";

const ZOLA_NOTE: &str = "Zola not measured: not available from the registries this machine \
    reaches (crates.io, npm, PyPI, Debian).";

const CONFIG: &str = r#"baseURL = "https://example.org/"
languageCode = "vi"
title = "Tổ công nghệ số cộng đồng"
"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<p>{{ .Params.kind }}, {{ .Params.commune }}, {{ .Params.province }}</p>
{{ with .Params.meeting }}<p>{{ . }}</p>{{ end }}
<ul>{{ range .Params.members }}<li>{{ .name }}: {{ .role }}</li>{{ end }}</ul>
{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"#;

/// A commune file as the generator writes it; only what the pages show is read.
#[derive(Debug, Deserialize)]
pub struct CommuneFile {
    pub province: u32,
    pub commune: u32,
    #[serde(default)]
    pub teams: Vec<TeamEntry>,
}

#[derive(Debug, Deserialize)]
pub struct TeamEntry {
    pub hamlet: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub meeting: Option<String>,
    #[serde(default)]
    pub members: Vec<MemberEntry>,
}

/// Phones are left out: the peers' pages need not decide which ones may be published.
#[derive(Debug, Deserialize)]
pub struct MemberEntry {
    pub name: String,
    #[serde(default)]
    pub role: String,
}

/// What the peers measured, for the bench's table and notes.
pub struct Peers {
    pub figures: Vec<Figure>,
    pub notes: Vec<String>,
}

/// Builds the dataset in `content` (`teams` teams) with Hugo and indexes Hugo's output with
/// Pagefind, `runs` times each, and compares them with Ngõ's cold build. A missing tool or a
/// failed peer becomes a note or an unmeasured figure: the rest of the bench still counts.
pub fn measure(
    repo: &Path,
    root: &Path,
    content: &Path,
    teams: u64,
    ngo: &BuildRun,
    runs: usize,
) -> Peers {
    let mut notes = Vec::new();
    let figures = match find_on_path("hugo") {
        None => {
            eprintln!(
                "peers: hugo is not on PATH, so no peer is measured; install it with \
                 `apt-get install -y hugo` (Debian) and run again"
            );
            notes.push(
                "Peers not measured: hugo was not found on PATH (`apt-get install -y hugo`)."
                    .into(),
            );
            Vec::new()
        }
        Some(hugo) => {
            let out = root.join(format!("hugo-out-{teams}"));
            let measured = measure_with(&hugo, repo, root, content, teams, &out, ngo, runs.max(1));
            // Several GB at national scale, on tmpfs: give the memory back to later runs.
            let _ = fs::remove_dir_all(&out);
            match measured {
                Ok((figures, more)) => {
                    notes.extend(more);
                    figures
                }
                Err(err) => vec![Figure::missing(
                    "peer: Hugo build",
                    Unit::Seconds,
                    &format!("{err:#}"),
                )],
            }
        }
    };
    notes.push(ZOLA_NOTE.into());
    Peers { figures, notes }
}

#[allow(clippy::too_many_arguments)]
fn measure_with(
    hugo: &Path,
    repo: &Path,
    root: &Path,
    content: &Path,
    teams: u64,
    out: &Path,
    ngo: &BuildRun,
    runs: usize,
) -> Result<(Vec<Figure>, Vec<String>)> {
    let site = hugo_site(root, content, teams)?;
    let hugo_version = version(hugo, "version");
    let built = measured_runs("hugo build", runs, || {
        remove_if_present(out)?;
        let mut command = Command::new(hugo);
        command
            .arg("--quiet")
            .arg("--source")
            .arg(&site)
            .arg("--destination")
            .arg(out);
        Ok(command)
    })?;
    let pages = count_html(out)?;
    let ngo_secs = ngo.wall.as_secs_f64();
    let ngo_mb = ngo.peak_rss_bytes as f64 / MB;
    let mut figures = vec![
        Figure::new(
            format!("peer: Hugo build ({pages} pages)"),
            built.secs,
            Unit::Seconds,
        )
        .note(format!("{hugo_version}; {}", built.how())),
        Figure::new(
            "peer: Hugo build, peak RSS",
            built.peak_rss_bytes / MB,
            Unit::MiB,
        )
        .note(built.how()),
        Figure::new(
            "Ngõ full build (pages + search) / Hugo pages only",
            ngo_secs / built.secs,
            Unit::Ratio,
        )
        .note(format!(
            "Ngõ cold build {ngo_secs:.2} s, {} pages, {ngo_mb:.0} MB; Hugo {:.2} s, {:.0} MB; \
             below 1 means Ngõ is faster",
            ngo.pages,
            built.secs,
            built.peak_rss_bytes / MB
        )),
    ];
    let notes = vec![format!(
        "Peers measured in this run on the same {teams} teams, converted (untimed) into a Hugo \
         site: one Markdown page per team (hamlet, commune, province, members' names and roles; \
         no phones), province and commune list pages, minimal templates, Hugo's default outputs \
         (RSS, sitemap) left on, guides not converted; output on the data folder ({}). Ngõ's \
         side of each ratio is its single cold build.",
        root.display()
    )];
    let pagefind_name = "peer: Pagefind index of Hugo's output";
    let ratio_name = "Ngõ / (Hugo + Pagefind)";
    let indexed = find_pagefind(repo).and_then(|pagefind| {
        let sample = measured_runs("pagefind index", runs, || {
            remove_if_present(&out.join("pagefind"))?;
            let mut command = Command::new(&pagefind);
            command.arg("--site").arg(out);
            Ok(command)
        })?;
        Ok((version(&pagefind, "--version"), sample))
    });
    match indexed {
        Ok((pagefind_version, indexed)) => {
            let both = built.secs + indexed.secs;
            figures.extend([
                Figure::new(pagefind_name, indexed.secs, Unit::Seconds)
                    .note(format!("{pagefind_version}; {}", indexed.how())),
                Figure::new(
                    "peer: Pagefind index, peak RSS",
                    indexed.peak_rss_bytes / MB,
                    Unit::MiB,
                )
                .note(indexed.how()),
                Figure::new(ratio_name, ngo_secs / both, Unit::Ratio).note(format!(
                    "Ngõ {ngo_secs:.2} s, {ngo_mb:.0} MB; Hugo + Pagefind {both:.2} s, the larger \
                     peak {:.0} MB",
                    built.peak_rss_bytes.max(indexed.peak_rss_bytes) / MB
                )),
            ]);
        }
        Err(err) => {
            let why = format!("{err:#}");
            eprintln!("peers: Pagefind not measured: {why}");
            figures.push(Figure::missing(pagefind_name, Unit::Seconds, &why));
            figures.push(Figure::missing(
                ratio_name,
                Unit::Ratio,
                "Pagefind not measured",
            ));
        }
    }
    Ok((figures, notes))
}

/// Wall time and peak memory of a peer: the median of its runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub secs: f64,
    pub peak_rss_bytes: f64,
    pub runs: usize,
}

impl Sample {
    pub fn of(runs: &[Finished]) -> Option<Sample> {
        let walls: Vec<f64> = runs.iter().map(|r| r.wall.as_secs_f64()).collect();
        let rss: Vec<f64> = runs.iter().map(|r| r.peak_rss_bytes as f64).collect();
        Some(Sample {
            secs: stats::median(&walls)?,
            peak_rss_bytes: stats::median(&rss)?,
            runs: runs.len(),
        })
    }

    fn how(&self) -> String {
        match self.runs {
            1 => "one run".into(),
            n => format!("median of {n} runs"),
        }
    }
}

/// Runs what `prepare` returns `runs` times, each after `prepare` has reset what it needs.
fn measured_runs(
    label: &str,
    runs: usize,
    mut prepare: impl FnMut() -> Result<Command>,
) -> Result<Sample> {
    let mut finished = Vec::with_capacity(runs);
    for run in 1..=runs {
        eprintln!("peer: {label} {run}/{runs}…");
        let mut command = prepare()?;
        let done = run_measured(&mut command)?;
        if !done.success {
            bail!("{label} failed:\n{}{}", done.stdout, done.stderr);
        }
        finished.push(done);
    }
    Sample::of(&finished).context("no runs")
}

/// The Hugo site for `teams`, converted from `content` unless an earlier run left it complete.
fn hugo_site(root: &Path, content: &Path, teams: u64) -> Result<PathBuf> {
    let site = root.join(format!("hugo-{teams}"));
    let done = root.join(format!("hugo-{teams}.done"));
    if fs::read_to_string(&done).ok().as_deref() == Some(SITE_FORMAT) {
        return Ok(site);
    }
    eprintln!(
        "peers: converting {} into a Hugo site at {}…",
        content.display(),
        site.display()
    );
    let _ = fs::remove_file(&done);
    remove_if_present(&site)?;
    let written = write_hugo_site(content, &site)?;
    if written != teams {
        bail!(
            "converted {written} teams from {}, expected {teams}",
            content.display()
        );
    }
    fs::write(&done, SITE_FORMAT).with_context(|| format!("writing {}", done.display()))?;
    Ok(site)
}

/// Writes config, layouts and one page per team; returns the number of teams. One commune file
/// is held at a time.
fn write_hugo_site(content: &Path, site: &Path) -> Result<u64> {
    for (path, text) in [
        ("config.toml", CONFIG),
        ("layouts/_default/baseof.html", BASEOF),
        ("layouts/_default/single.html", SINGLE),
        ("layouts/_default/list.html", LIST),
        ("layouts/index.html", LIST),
        (
            "content/teams/_index.md",
            &front_matter(&[("title", "Tổ công nghệ số")]),
        ),
    ] {
        write_file(&site.join(path), text)?;
    }
    let names = Names::official();
    let mut teams = 0;
    for province_dir in sorted_entries(&content.join("teams"))? {
        if !province_dir.is_dir() {
            continue;
        }
        let province_out = site.join("content/teams").join(file_name(&province_dir));
        let mut province_written = false;
        for file in sorted_entries(&province_dir)? {
            if file.extension().and_then(|e| e.to_str()) != Some("yaml") {
                continue;
            }
            let text =
                fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let commune: CommuneFile = serde_yaml::from_str(&text)
                .with_context(|| format!("parsing {}", file.display()))?;
            let province = names.province(commune.province);
            if !province_written {
                write_file(
                    &province_out.join("_index.md"),
                    &front_matter(&[("title", &province)]),
                )?;
                province_written = true;
            }
            let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
            let commune_out = province_out.join(stem.unwrap_or_default());
            teams += write_commune(
                &commune_out,
                &commune,
                &names.commune(commune.commune),
                &province,
            )?;
        }
    }
    Ok(teams)
}

/// A commune's list page and its teams' pages; returns how many teams it wrote.
fn write_commune(dir: &Path, file: &CommuneFile, commune: &str, province: &str) -> Result<u64> {
    write_file(
        &dir.join("_index.md"),
        &front_matter(&[("title", commune), ("province", province)]),
    )?;
    let mut taken = HashSet::new();
    for team in &file.teams {
        let name = page_name(&team.hamlet, &mut taken);
        write_file(
            &dir.join(format!("{name}.md")),
            &team_page(team, commune, province),
        )?;
    }
    Ok(file.teams.len() as u64)
}

/// The hamlet's slug, numbered when an earlier team of the commune already took it.
pub fn page_name(hamlet: &str, taken: &mut HashSet<String>) -> String {
    let mut base = slugify(hamlet);
    if base.is_empty() {
        base = "to".into();
    }
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// A team's page: front matter only, which the single template renders.
pub fn team_page(team: &TeamEntry, commune: &str, province: &str) -> String {
    let mut out = String::with_capacity(256 + team.members.len() * 96);
    out.push_str("---\n");
    let mut field = |key: &str, value: &str| {
        let _ = writeln!(out, "{key}: {}", quoted(value));
    };
    field("title", &team.hamlet);
    field("kind", team.kind.as_deref().unwrap_or(""));
    field("commune", commune);
    field("province", province);
    if let Some(meeting) = &team.meeting {
        field("meeting", meeting);
    }
    if team.members.is_empty() {
        out.push_str("members: []\n");
    } else {
        out.push_str("members:\n");
        for member in &team.members {
            let _ = writeln!(out, "  - name: {}", quoted(&member.name));
            let _ = writeln!(out, "    role: {}", quoted(&member.role));
        }
    }
    out.push_str("---\n");
    out
}

fn front_matter(fields: &[(&str, &str)]) -> String {
    let mut out = String::from("---\n");
    for (key, value) in fields {
        let _ = writeln!(out, "{key}: {}", quoted(value));
    }
    out.push_str("---\n");
    out
}

/// Province and commune names by code, so pages read like Ngõ's rather than showing codes.
struct Names {
    provinces: HashMap<u32, String>,
    communes: HashMap<u32, String>,
}

impl Names {
    fn official() -> Names {
        let mut names = Names {
            provinces: HashMap::new(),
            communes: HashMap::new(),
        };
        for province in units::official() {
            for commune in province.communes {
                names.communes.insert(commune.code, commune.name);
            }
            names.provinces.insert(province.code, province.name);
        }
        names
    }

    fn province(&self, code: u32) -> String {
        self.provinces
            .get(&code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    fn commune(&self, code: u32) -> String {
        self.communes
            .get(&code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }
}

/// Pagefind from PATH or from `benches/node_modules`, installed there from npm if neither has it.
fn find_pagefind(repo: &Path) -> Result<PathBuf> {
    let modules = repo.join("benches/node_modules");
    if let Some(found) = find_on_path("pagefind").or_else(|| npm_pagefind(&modules)) {
        return Ok(found);
    }
    eprintln!("peers: installing pagefind from npm into benches/node_modules…");
    let status = Command::new("npm")
        .args(["install", "--no-save", "--no-package-lock", "--prefix"])
        .arg(repo.join("benches"))
        .arg("pagefind")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .context("running npm (is Node installed?)")?;
    if !status.success() {
        bail!("`npm install --no-save --prefix benches pagefind` failed");
    }
    npm_pagefind(&modules).context("npm installed pagefind, but no pagefind executable was found")
}

/// The npm package's `pagefind` is a Node script that starts the platform package's binary;
/// that binary is run directly when present, so Node's start-up is not counted as Pagefind's.
fn npm_pagefind(modules: &Path) -> Option<PathBuf> {
    let platforms = sorted_entries(&modules.join("@pagefind")).unwrap_or_default();
    platforms
        .iter()
        .flat_map(|dir| ["pagefind_extended", "pagefind"].map(|name| dir.join("bin").join(name)))
        .chain(std::iter::once(modules.join(".bin/pagefind")))
        .find(|path| is_executable(path))
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The first line of `tool ARG`, without Hugo's build date; an unknown version does not stop
/// the measurement.
fn version(tool: &Path, arg: &str) -> String {
    match Command::new(tool).arg(arg).stdin(Stdio::null()).output() {
        Ok(out) => version_line(&String::from_utf8_lossy(&out.stdout)),
        Err(err) => format!("{} (version unknown: {err})", tool.display()),
    }
}

pub fn version_line(output: &str) -> String {
    let line = output.lines().next().unwrap_or("unknown version").trim();
    line.split(" BuildDate=").next().unwrap_or(line).to_string()
}

/// HTML files under `dir`: the pages Hugo wrote, whatever their kind.
fn count_html(dir: &Path) -> Result<u64> {
    let mut count = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                count += 1;
            }
        }
    }
    Ok(count)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut paths = fs::read_dir(dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()
        .with_context(|| format!("listing {}", dir.display()))?;
    paths.sort();
    Ok(paths)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            Err(err).with_context(|| format!("removing {}", path.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const COMMUNE: &str = r#"# Tổ công nghệ số cộng đồng: Xã An Khánh, Thành phố Hà Nội
province: 1
commune: 9877
updated: 2026-03-02
teams:
  - hamlet: "Xóm Tây"
    kind: xóm
    meeting: "Nhà văn hóa xóm Tây, 19:00 tối thứ Tư"
    location: [20.9623, 105.8511]
    members:
      - name: "Nguyễn \"Út\" Quyên"
        role: "Tổ trưởng: phụ trách"
        phone: "+84 364 748 250"
        zalo: true
        public: true
      - name: "Phan Diệu Quyên"
        role: "Tổ phó"
        phone: "0989952833"
  - hamlet: "Xóm Tây"
    kind: xóm
    members: []
"#;

    fn parse_front_matter(page: &str) -> serde_yaml::Value {
        let body = page.strip_prefix("---\n").expect("opening fence");
        let (front, rest) = body.split_once("---\n").expect("closing fence");
        assert_eq!(rest, "");
        serde_yaml::from_str(front).expect("front matter is YAML")
    }

    #[test]
    fn team_pages_carry_names_and_roles_but_no_phones() {
        let file: CommuneFile = serde_yaml::from_str(COMMUNE).unwrap();
        assert_eq!(
            (file.province, file.commune, file.teams.len()),
            (1, 9877, 2)
        );
        let page = team_page(&file.teams[0], "Xã An Khánh", "Thành phố Hà Nội");
        assert!(
            !page.contains("364") && !page.contains("0989952833"),
            "{page}"
        );
        let front = parse_front_matter(&page);
        assert_eq!(front["title"], "Xóm Tây");
        assert_eq!(front["kind"], "xóm");
        assert_eq!(front["commune"], "Xã An Khánh");
        assert_eq!(front["province"], "Thành phố Hà Nội");
        assert_eq!(front["meeting"], "Nhà văn hóa xóm Tây, 19:00 tối thứ Tư");
        assert_eq!(front["members"][0]["name"], "Nguyễn \"Út\" Quyên");
        assert_eq!(front["members"][0]["role"], "Tổ trưởng: phụ trách");
        assert_eq!(front["members"][1]["role"], "Tổ phó");
        let empty = parse_front_matter(&team_page(&file.teams[1], "a", "b"));
        assert_eq!(empty["members"].as_sequence().map(Vec::len), Some(0));
        assert!(empty.get("meeting").is_none());
    }

    #[test]
    fn yaml_strings_survive_quotes_colons_and_control_characters() {
        for text in [
            "Lê Thị \"Bé\": Tổ trưởng",
            "Ấp 3 # cũ",
            "a\\b",
            "- Thôn: Đông",
            "dòng một\ndòng hai\tcột",
            "chuông\u{7}",
            "",
        ] {
            let parsed: String = serde_yaml::from_str(&quoted(text)).unwrap();
            assert_eq!(parsed, text);
        }
        assert_eq!(quoted("Thôn Đông"), "\"Thôn Đông\"");
    }

    #[test]
    fn page_names_follow_hamlet_slugs_and_number_repeats() {
        let mut taken = HashSet::new();
        assert_eq!(page_name("Xóm Tây", &mut taken), "xom-tay");
        assert_eq!(page_name("Xóm Tây", &mut taken), "xom-tay-2");
        assert_eq!(page_name("Xom Tay", &mut taken), "xom-tay-3");
        assert_eq!(page_name("—", &mut taken), "to");
    }

    #[test]
    fn a_commune_becomes_a_list_page_and_one_page_per_team() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        fs::create_dir_all(content.join("teams/ha-noi")).unwrap();
        fs::write(content.join("teams/ha-noi/an-khanh.yaml"), COMMUNE).unwrap();
        let site = dir.path().join("site");
        assert_eq!(write_hugo_site(&content, &site).unwrap(), 2);
        let commune = site.join("content/teams/ha-noi/an-khanh");
        let mut pages: Vec<String> = sorted_entries(&commune)
            .unwrap()
            .iter()
            .map(|p| file_name(p))
            .collect();
        pages.sort();
        assert_eq!(pages, ["_index.md", "xom-tay-2.md", "xom-tay.md"]);
        let province = fs::read_to_string(site.join("content/teams/ha-noi/_index.md")).unwrap();
        assert_eq!(parse_front_matter(&province)["title"], "Thành phố Hà Nội");
        assert!(site.join("layouts/_default/single.html").is_file());
    }

    #[test]
    fn a_complete_converted_site_is_reused_and_an_older_one_converted_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let content = root.join("national-2");
        fs::create_dir_all(content.join("teams/ha-noi")).unwrap();
        fs::write(content.join("teams/ha-noi/an-khanh.yaml"), COMMUNE).unwrap();
        fs::write(root.join("hugo-2.done"), "hugo site, format 0").unwrap();
        let site = hugo_site(root, &content, 2).unwrap();
        assert!(site
            .join("content/teams/ha-noi/an-khanh/xom-tay.md")
            .is_file());
        assert_eq!(
            fs::read_to_string(root.join("hugo-2.done")).unwrap(),
            SITE_FORMAT
        );
        // With the marker current, the content is not read again.
        fs::remove_dir_all(&content).unwrap();
        assert_eq!(hugo_site(root, &content, 2).unwrap(), site);
        // A conversion that finds fewer teams than asked for is not marked complete.
        fs::remove_file(root.join("hugo-2.done")).unwrap();
        fs::create_dir_all(content.join("teams/ha-noi")).unwrap();
        fs::write(content.join("teams/ha-noi/an-khanh.yaml"), COMMUNE).unwrap();
        assert!(hugo_site(root, &content, 3).is_err());
        assert!(!root.join("hugo-2.done").exists() && !root.join("hugo-3.done").exists());
    }

    #[test]
    fn samples_take_the_median_of_runs() {
        let run = |ms: u64, rss: u64| Finished {
            stdout: String::new(),
            stderr: String::new(),
            success: true,
            peak_rss_bytes: rss,
            wall: Duration::from_millis(ms),
        };
        let sample = Sample::of(&[run(3000, 10), run(1000, 30), run(2000, 20)]).unwrap();
        assert_eq!(sample.secs, 2.0);
        assert_eq!(sample.peak_rss_bytes, 20.0);
        assert_eq!(sample.how(), "median of 3 runs");
        assert_eq!(Sample::of(&[]), None);
    }

    #[test]
    fn versions_drop_the_build_date() {
        assert_eq!(
            version_line(
                "hugo v0.111.3+extended linux/amd64 BuildDate=2023-03-16T08:41:31Z \
                 VendorInfo=debian:0.111.3-1\n"
            ),
            "hugo v0.111.3+extended linux/amd64"
        );
        assert_eq!(version_line("pagefind 1.6.0\n"), "pagefind 1.6.0");
    }
}
