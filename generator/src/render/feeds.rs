//! Machine-readable files: sitemaps (split per province past 50,000 addresses, the protocol's
//! limit), robots.txt, and an Atom feed of guides.

use std::fmt::Write;

use crate::config::BaseUrl;
use crate::date::Date;
use crate::model::Site;
use crate::output::Sink;
use crate::render::templates::escape_html as escape;
use crate::urls;

/// The sitemap protocol's limit of addresses per file.
pub const SITEMAP_LIMIT: usize = 50_000;

/// Writes sitemap(s), robots.txt and the guides feed.
pub fn write_feeds(site: &Site, staging: &dyn Sink) -> std::io::Result<()> {
    let base = &site.config.base_url;
    let groups = sitemap_groups(site);
    let total: usize = groups.iter().map(|(_, entries)| entries.len()).sum();
    if total <= SITEMAP_LIMIT {
        let all: Vec<_> = groups.into_iter().flat_map(|(_, e)| e).collect();
        staging.write("sitemap.xml", urlset(base, &all).as_bytes())?;
    } else {
        let mut names = Vec::new();
        for (name, entries) in &groups {
            for (i, chunk) in entries.chunks(SITEMAP_LIMIT).enumerate() {
                let file = if i == 0 {
                    format!("sitemap-{name}.xml")
                } else {
                    format!("sitemap-{name}-{}.xml", i + 1)
                };
                staging.write(&file, urlset(base, chunk).as_bytes())?;
                names.push(file);
            }
        }
        staging.write("sitemap.xml", sitemap_index(base, &names).as_bytes())?;
    }
    staging.write("robots.txt", robots(base).as_bytes())?;
    staging.write(&format!("{}atom.xml", urls::GUIDES), atom(site).as_bytes())?;
    Ok(())
}

type Entry = (String, Option<Date>);

fn sitemap_groups(site: &Site) -> Vec<(String, Vec<Entry>)> {
    let mut general: Vec<Entry> = [
        "",
        urls::GUIDES,
        urls::OLD_ADDRESSES,
        urls::STATISTICS,
        urls::OPEN_DATA,
    ]
    .iter()
    .map(|path| (path.to_string(), None))
    .collect();
    general.extend(
        crate::units::official()
            .old_provinces()
            .iter()
            .map(|p| (urls::old_province(&p.slug), None)),
    );
    general.extend(
        site.guides
            .iter()
            .map(|g| (urls::guide(&g.slug), g.updated)),
    );
    general.extend(site.pages.iter().map(|p| (urls::page(&p.slug), p.updated)));
    let mut groups = vec![("chung".to_string(), general)];
    for p in &site.provinces {
        let mut entries = vec![(urls::province(p.unit), None)];
        for c in &p.communes {
            let updated = c.directory.as_ref().and_then(|d| d.updated);
            entries.push((urls::commune(p.unit, c.unit), updated));
            entries.extend(
                c.teams()
                    .iter()
                    .map(|t| (urls::team(p.unit, c.unit, &t.id), updated)),
            );
        }
        groups.push((p.unit.slug.clone(), entries));
    }
    groups
}

fn urlset(base: &BaseUrl, entries: &[Entry]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, updated) in entries {
        let _ = write!(xml, "  <url><loc>{}</loc>", escape(&base.absolute(path)));
        if let Some(date) = updated {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn sitemap_index(base: &BaseUrl, files: &[String]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for file in files {
        let _ = writeln!(
            xml,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape(&base.absolute(file))
        );
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

fn robots(base: &BaseUrl) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if base.origin.is_some() {
        let _ = writeln!(text, "Sitemap: {}", base.absolute("sitemap.xml"));
    }
    text
}

fn atom(site: &Site) -> String {
    let base = &site.config.base_url;
    let mut guides: Vec<_> = site.guides.iter().collect();
    guides.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.slug.cmp(&b.slug)));
    let newest = guides.iter().filter_map(|g| g.updated).max();
    let id = |path: &str| match base.origin {
        Some(_) => base.absolute(path),
        None => format!("urn:ngo:{}", path.trim_end_matches('/').replace('/', ":")),
    };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
    let _ = writeln!(
        xml,
        "  <title>{} – Hướng dẫn</title>",
        escape(&site.config.title)
    );
    let _ = writeln!(xml, "  <id>{}</id>", escape(&id(urls::GUIDES)));
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" href=\"{}\"/>",
        escape(&base.absolute(urls::GUIDES))
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" href=\"{}atom.xml\"/>",
        escape(&base.absolute(urls::GUIDES))
    );
    let _ = writeln!(
        xml,
        "  <updated>{}</updated>",
        newest.map_or_else(|| "2025-07-01T00:00:00Z".to_string(), |d| d.rfc3339())
    );
    for g in guides {
        let path = urls::guide(&g.slug);
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", escape(&g.title));
        let _ = writeln!(xml, "    <id>{}</id>", escape(&id(&path)));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" href=\"{}\"/>",
            escape(&base.absolute(&path))
        );
        let updated = g
            .updated
            .or(newest)
            .map_or_else(|| "2025-07-01T00:00:00Z".to_string(), |d| d.rfc3339());
        let _ = writeln!(xml, "    <updated>{updated}</updated>");
        let _ = writeln!(
            xml,
            "    <category term=\"{}\" label=\"{}\"/>",
            g.skill.key(),
            escape(g.skill.title())
        );
        let _ = writeln!(xml, "    <summary>{}</summary>", escape(&g.summary));
        let _ = writeln!(
            xml,
            "    <content type=\"html\">{}</content>",
            escape(&g.html)
        );
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
