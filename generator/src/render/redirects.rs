//! Old addresses (`aliases`) sent on to the pages that replaced them.
//!
//! Every old address gets a small page of its own that works on any host, without JavaScript: a
//! `<meta http-equiv="refresh">`, a canonical link for search engines and a visible link for
//! whoever is faster than the refresh. Hosts that read redirect rules also get them, as a real
//! `301`: `_redirects` for Netlify and Cloudflare Pages and `_redirects.nginx` for the nginx
//! configuration in docs/hosting.md (both written by [`crate::render::headers`]).

use std::io;

use crate::config::BaseUrl;
use crate::model::Site;
use crate::output::Sink;
use crate::render::headers::{self, CONTENT_SECURITY_POLICY};
use crate::urls;

/// One old address and where it now leads; paths are site-relative, as `urls` writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub from: String,
    pub to: String,
    /// The title of the page it leads to.
    pub title: String,
}

/// Every redirect of the site, sorted by old address.
pub fn redirects(site: &Site) -> Vec<Redirect> {
    let mut all = Vec::new();
    for guide in &site.guides {
        let to = urls::guide(&guide.slug);
        all.extend(
            guide
                .aliases
                .iter()
                .map(|a| redirect(&a.path, &to, &guide.title)),
        );
    }
    for page in &site.pages {
        let to = urls::page(&page.slug);
        all.extend(
            page.aliases
                .iter()
                .map(|a| redirect(&a.path, &to, &page.title)),
        );
    }
    for province in &site.provinces {
        for commune in &province.communes {
            for team in commune.teams() {
                let to = urls::team(province.unit, commune.unit, &team.id);
                let title = format!("Tổ công nghệ số {}", team.hamlet);
                all.extend(team.aliases.iter().map(|a| redirect(&a.path, &to, &title)));
            }
        }
    }
    all.sort_by(|a, b| a.from.cmp(&b.from));
    all
}

fn redirect(from: &str, to: &str, title: &str) -> Redirect {
    Redirect {
        from: from.to_string(),
        to: to.to_string(),
        title: title.to_string(),
    }
}

/// Writes the redirect page of every old address and the hosts' redirect rules.
pub fn write_redirects(site: &Site, sink: &dyn Sink) -> io::Result<()> {
    let base = &site.config.base_url;
    let all = redirects(site);
    for redirect in &all {
        sink.write(
            &urls::file_for(&redirect.from),
            page(redirect, base).as_bytes(),
        )?;
    }
    sink.write(
        headers::REDIRECTS,
        headers::redirects_file(&base.path, &all).as_bytes(),
    )?;
    sink.write(
        headers::NGINX_REDIRECTS,
        headers::nginx_redirects(&base.path, &all).as_bytes(),
    )
}

/// The page at an old address.
pub fn page(redirect: &Redirect, base: &BaseUrl) -> String {
    // The whole address where the origin is known, the path under the base otherwise.
    let target = base.absolute(&redirect.to);
    let title = escape(&redirect.title);
    format!(
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"strict-origin-when-cross-origin\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <title>Trang đã chuyển: {title}</title>\n\
         <link rel=\"canonical\" href=\"{target}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={link}\">\n\
         </head>\n<body>\n\
         <p>Trang này đã chuyển sang địa chỉ mới: <a href=\"{link}\">{title}</a>.</p>\n\
         </body>\n</html>\n",
        target = escape(&target),
        link = escape(&target),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_page_works_without_scripts_on_any_host() {
        let r = redirect("huong-dan/cu/", "huong-dan/moi/", "Kích hoạt <VNeID>");
        let base = BaseUrl::parse("https://cds.example.gov.vn/tinh/").unwrap();
        let html = page(&r, &base);
        let target = "https://cds.example.gov.vn/tinh/huong-dan/moi/";
        assert!(html.contains(&format!(
            "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
        )));
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")));
        assert!(html.contains(&format!("<a href=\"{target}\">Kích hoạt &lt;VNeID&gt;</a>")));
        assert!(!html.contains("<script"));
        let bare = page(&r, &BaseUrl::parse("/tinh/").unwrap());
        assert!(
            bare.contains("content=\"0; url=/tinh/huong-dan/moi/\""),
            "{bare}"
        );
    }
}
