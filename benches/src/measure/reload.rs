//! Edit-to-reload: how long after an editor saves a file the preview tells open tabs to reload,
//! measured as a tab sees it, on the event stream `ngo serve` offers. Four kinds of edit, in
//! turn: a commune file, a guide, a template, `site.yaml`; after each reload the page the edit
//! changed is fetched and must show it.

use std::io::BufRead;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};

use crate::measure::serve::Server;

/// Reads event lines until `event: reload`; the time it arrived.
pub fn wait_reload(events: &mut std::io::BufReader<TcpStream>) -> Result<Instant> {
    let mut line = String::new();
    loop {
        line.clear();
        if events
            .read_line(&mut line)
            .context("waiting for event: reload")?
            == 0
        {
            bail!("the event stream closed");
        }
        if line.trim_end() == "event: reload" {
            return Ok(Instant::now());
        }
    }
}

/// `text` with the first team's meeting place changed, still valid YAML; `None` if the file
/// has no meeting line.
pub fn edited(text: &str, n: usize) -> Option<String> {
    let at = text.find("meeting: \"")?;
    let end = at + text[at..].find('\n')?;
    let line = &text[at..end];
    let quoted = line.strip_suffix('"')?;
    Some(format!(
        "{}{quoted} (lần {n})\"{}",
        &text[..at],
        &text[end..]
    ))
}

/// The first team file in `site/teams` (sorted) that has a meeting place.
pub fn pick_file(site: &Path) -> Result<PathBuf> {
    let mut provinces: Vec<PathBuf> = std::fs::read_dir(site.join("teams"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    provinces.sort();
    for province in provinces.into_iter().filter(|p| p.is_dir()) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&province)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for file in files {
            if let Ok(text) = std::fs::read_to_string(&file) {
                if edited(&text, 1).is_some() {
                    return Ok(file);
                }
            }
        }
    }
    Err(anyhow!(
        "no team file with a meeting place under {}",
        site.display()
    ))
}

/// A kind of edit an editor makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Commune,
    Guide,
    Template,
    Settings,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Commune, Kind::Guide, Kind::Template, Kind::Settings];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Commune => "commune file",
            Kind::Guide => "guide",
            Kind::Template => "template",
            Kind::Settings => "site.yaml",
        }
    }
}

/// One timed edit.
#[derive(Debug, Clone)]
pub struct Sample {
    pub kind: Kind,
    pub took: Duration,
    /// The page the edit changed showed it right after the reload.
    pub shown: bool,
}

/// The files edited, as they were; put back by [`Edits::restore`].
pub struct Edits {
    site: PathBuf,
    commune: (PathBuf, String),
    /// Where the edited commune's page is served (`an-giang/xa-an-bien/`).
    commune_page: String,
    guide: (PathBuf, String),
    guide_page: String,
    settings: String,
    base_html: String,
}

impl Edits {
    /// Picks the files to edit; `built` is a build of `site`, to find the commune's page in.
    pub fn new(site: &Path, built: &Path, base_html: &str) -> Result<Edits> {
        let commune = pick_file(site)?;
        let text = std::fs::read_to_string(&commune)?;
        let commune_page = page_showing(built, &meeting(&text).context("no meeting line")?)?;
        let mut guides: Vec<PathBuf> = std::fs::read_dir(site.join("guides"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        guides.sort();
        let guide = guides.into_iter().next().context("no guide to edit")?;
        let stem = guide.file_stem().unwrap().to_string_lossy().into_owned();
        Ok(Edits {
            site: site.to_path_buf(),
            guide_page: format!("/huong-dan/{stem}/"),
            guide: (guide.clone(), std::fs::read_to_string(&guide)?),
            commune: (commune, text),
            commune_page,
            settings: std::fs::read_to_string(site.join("site.yaml"))?,
            base_html: base_html.to_string(),
        })
    }

    /// Makes edit number `n` of `kind`; the page that must show it and the text it must hold.
    fn make(&self, kind: Kind, n: usize) -> Result<(String, String)> {
        let mark = format!("lần {n}");
        match kind {
            Kind::Commune => {
                let text = edited(&self.commune.1, n).context("no meeting line")?;
                std::fs::write(&self.commune.0, text)?;
                Ok((format!("/{}", self.commune_page), format!("({mark})")))
            }
            Kind::Guide => {
                let text = format!("{}\nĐoạn sửa {mark}.\n", self.guide.1);
                std::fs::write(&self.guide.0, text)?;
                Ok((self.guide_page.clone(), format!("Đoạn sửa {mark}.")))
            }
            Kind::Template => {
                std::fs::create_dir_all(self.site.join("templates"))?;
                let comment = format!("<!-- {mark} -->");
                let text = self
                    .base_html
                    .replacen("<head>", &format!("<head>{comment}"), 1);
                std::fs::write(self.site.join("templates/base.html"), text)?;
                Ok(("/".to_string(), comment))
            }
            Kind::Settings => {
                let title = self
                    .settings
                    .lines()
                    .find(|l| l.starts_with("title: \""))
                    .context("no title line in site.yaml")?;
                let new = format!("{} ({mark})\"", title.trim_end_matches('"'));
                std::fs::write(
                    self.site.join("site.yaml"),
                    self.settings.replacen(title, &new, 1),
                )?;
                Ok(("/".to_string(), format!("({mark})")))
            }
        }
    }

    /// Puts every edited file back as it was.
    pub fn restore(&self) -> Result<()> {
        std::fs::write(&self.commune.0, &self.commune.1)?;
        std::fs::write(&self.guide.0, &self.guide.1)?;
        std::fs::write(self.site.join("site.yaml"), &self.settings)?;
        remove_template(&self.site)
    }
}

/// Removes the template override the measurements add, and its folder when left empty.
pub fn remove_template(site: &Path) -> Result<()> {
    let template = site.join("templates/base.html");
    if template.exists() {
        std::fs::remove_file(&template)?;
    }
    let _ = std::fs::remove_dir(site.join("templates"));
    Ok(())
}

/// The first team's meeting place in a commune file.
fn meeting(text: &str) -> Option<String> {
    let at = text.find("meeting: \"")? + "meeting: \"".len();
    let end = at + text[at..].find('"')?;
    Some(text[at..end].to_string())
}

/// The commune page of a build that shows `needle`: `<province>/<commune>/`.
fn page_showing(built: &Path, needle: &str) -> Result<String> {
    for province in std::fs::read_dir(built)?.filter_map(|e| e.ok()) {
        let Ok(communes) = std::fs::read_dir(province.path()) else {
            continue;
        };
        for commune in communes.filter_map(|e| e.ok()) {
            let page = commune.path().join("index.html");
            if std::fs::read_to_string(&page).is_ok_and(|t| t.contains(needle)) {
                return Ok(format!(
                    "{}/{}/",
                    province.file_name().to_string_lossy(),
                    commune.file_name().to_string_lossy()
                ));
            }
        }
    }
    bail!("no commune page of {} shows {needle:?}", built.display())
}

/// Times `count` edits, the kinds in turn (a commune file every other edit, as editors work),
/// each from the write to `event: reload`, pausing `pause` between them as an editor does; the
/// files are put back afterwards, even when a measurement fails.
pub fn measure(
    server: &Server,
    edits: &Edits,
    count: usize,
    pause: Duration,
) -> Result<Vec<Sample>> {
    let mut events = server.events()?;
    let result = time_edits(server, edits, count, pause, &mut events);
    edits.restore()?;
    let _ = wait_reload(&mut events);
    result
}

fn time_edits(
    server: &Server,
    edits: &Edits,
    count: usize,
    pause: Duration,
    events: &mut std::io::BufReader<TcpStream>,
) -> Result<Vec<Sample>> {
    const TURN: [Kind; 6] = [
        Kind::Commune,
        Kind::Guide,
        Kind::Commune,
        Kind::Template,
        Kind::Commune,
        Kind::Settings,
    ];
    let mut samples = Vec::new();
    for n in 1..=count {
        let kind = TURN[(n - 1) % TURN.len()];
        let started = Instant::now();
        let (page, mark) = edits.make(kind, n)?;
        let took = wait_reload(events)? - started;
        let (status, body) = server.get(&page)?;
        let shown = status == 200 && String::from_utf8_lossy(&body).contains(&mark);
        samples.push(Sample { kind, took, shown });
        std::thread::sleep(pause);
    }
    Ok(samples)
}
