//! Every HTML page of the portal, rendered in parallel straight into the staging folder so memory
//! stays flat however many teams there are.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::fingerprint::{Fingerprint, Key};
use crate::model::{Commune, Province, Site, Team, Totals};
use crate::output::Sink;
use crate::render::alphabetical;
use crate::render::contact::{self, TeamPlace};
use crate::render::context::{in_alphabetical_order, Link, ProvinceView, TeamView, Views};
use crate::render::templates::error_chain;
use crate::render::{old_addresses, opendata, stats};
use crate::units;
use crate::{text, urls};

/// The guides index and each guide's page (kept apart: guides have their own languages,
/// translations and printed handouts).
#[path = "guide_pages.rs"]
mod guide_pages;

/// File name of a team's contact cards, beside its page.
pub const VCARD_FILE: &str = "to.vcf";
/// File name of the QR code of a team's page, beside it.
pub const QR_FILE: &str = "qr.svg";

/// Renders every page into `sink`; returns how many pages were written.
pub fn render_site(
    site: &Site,
    tera: &Tera,
    templates: Key,
    sink: &dyn Sink,
    css: &str,
) -> Result<usize, Diagnostics> {
    let renderer = Renderer::new(site, tera, templates, sink, css);
    renderer.all();
    renderer.finish()
}

/// Renders pages one unit at a time, so the preview server can redo only what a change affects.
pub struct Renderer<'a> {
    site: &'a Site,
    tera: &'a Tera,
    staging: &'a dyn Sink,
    views: Views<'a>,
    base: Context,
    /// Fingerprint of what every page shares: the templates and the `site` values.
    shared: Key,
    errors: Mutex<BTreeSet<(String, String)>>,
    pages: AtomicUsize,
}

/// Fields every page template relies on.
#[derive(Serialize)]
struct PageMeta<'a> {
    title: &'a str,
    description: &'a str,
    /// Site-relative path of this page, for canonical links and the active menu item.
    path: &'a str,
    canonical: String,
    breadcrumbs: Vec<Link>,
    /// The language of the page's main text (`vi`, or a guide's `km`…) and its direction.
    lang: String,
    dir: &'static str,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        tera: &'a Tera,
        templates: Key,
        sink: &'a dyn Sink,
        css: &str,
    ) -> Self {
        let views = Views {
            base: &site.config.base_url.path,
        };
        let site_view = views.site(site, views.url(css));
        let shared = Fingerprint::new("pages")
            .key(templates)
            .value(&site_view)
            .finish();
        let mut base = Context::new();
        base.insert("site", &site_view);
        Renderer {
            shared,
            site,
            tera,
            staging: sink,
            views,
            base,
            errors: Mutex::new(BTreeSet::new()),
            pages: AtomicUsize::new(0),
        }
    }

    /// Every page of the site.
    pub fn all(&self) {
        self.all_until(&|| false);
    }

    /// Every page of the site, or fewer once `stop` says so: it is asked before each commune,
    /// which is how the preview's background check gives way to an edit.
    pub fn all_until(&self, stop: &(dyn Fn() -> bool + Sync)) {
        // The site-wide files (open data above all) are long single tasks: started beside the
        // provinces, they finish while the other cores render communes instead of after them.
        rayon::join(
            || self.open_data(),
            || {
                rayon::join(
                    || {
                        self.home();
                        self.guides();
                        self.free_pages();
                        self.special_pages();
                        self.privacy_pages();
                        self.statistics();
                        self.old_addresses();
                    },
                    || {
                        self.site.provinces.par_iter().for_each(|p| {
                            self.province(p);
                            p.communes
                                .par_iter()
                                .filter(|_| !stop())
                                .for_each(|c| self.commune(p, c));
                        })
                    },
                )
            },
        );
    }

    /// How many pages were written, or the template problems met on the way.
    pub fn finish(self) -> Result<usize, Diagnostics> {
        let errors = self.errors.into_inner().unwrap_or_default();
        if errors.is_empty() {
            Ok(self.pages.into_inner())
        } else {
            Err(errors
                .into_iter()
                .map(|(template, message)| {
                    Diagnostic::new(Location::file(format!("templates/{template}")), message)
                })
                .collect())
        }
    }

    /// Renders one page, unless the output already holds the page these values make.
    ///
    /// `fill` runs once to fingerprint the page's values and, only if the page must be made
    /// again, once more to hand them to Tera: most pages of a rebuild never become a context.
    fn render(&self, template: &str, path: &str, meta: PageMeta, fill: impl Fn(&mut Values)) {
        let file = urls::file_for(path);
        let mut fingerprint = Fingerprint::new("page");
        fingerprint.key(self.shared).str(template);
        let mut values = Values::Hash(&mut fingerprint);
        values.insert("page", &meta);
        fill(&mut values);
        let made_from = fingerprint.finish();
        if self.staging.reuse(&file, made_from) {
            self.pages.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let mut context = self.base.clone();
        let mut values = Values::Context(&mut context);
        values.insert("page", &meta);
        fill(&mut values);
        let result = self
            .tera
            .render(template, &context)
            .map_err(|e| format!("lỗi khi dựng trang {path}: {}", error_chain(&e)))
            .and_then(|html| {
                self.staging
                    .write_made_from(&file, made_from, html.as_bytes())
                    .map_err(|e| format!("không ghi được {path}: {e}"))
            });
        match result {
            Ok(()) => {
                self.pages.fetch_add(1, Ordering::Relaxed);
            }
            Err(message) => {
                self.errors
                    .lock()
                    .expect("no panics while holding the lock")
                    .insert((template.to_string(), message));
            }
        }
    }

    fn meta<'m>(
        &self,
        title: &'m str,
        description: &'m str,
        path: &'m str,
        crumbs: Vec<Link>,
    ) -> PageMeta<'m> {
        let mut breadcrumbs = vec![Link {
            title: "Trang chủ".to_string(),
            url: self.views.url(""),
        }];
        breadcrumbs.extend(crumbs);
        PageMeta {
            title,
            description,
            path,
            canonical: self.site.config.base_url.absolute(path),
            breadcrumbs,
            lang: self.site.config.language.clone(),
            dir: "ltr",
        }
    }

    fn link(&self, title: &str, path: &str) -> Link {
        Link {
            title: title.to_string(),
            url: self.views.url(path),
        }
    }

    /// Every province of the portal in alphabetical order (the home and statistics pages).
    fn provinces(&self) -> Vec<ProvinceView> {
        in_alphabetical_order(
            self.site
                .provinces
                .iter()
                .map(|p| self.views.province(p))
                .collect(),
            |p| &p.name,
        )
    }

    /// The home page (it shows totals and the newest guides).
    pub fn home(&self) {
        let provinces = self.provinces();
        let totals = Totals::of(self.site);
        let latest: Vec<_> = {
            let mut guides: Vec<_> = self.site.guides.iter().collect();
            guides.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.title.cmp(&b.title)));
            guides
                .into_iter()
                .take(4)
                .map(|g| self.views.guide(g))
                .collect()
        };
        let description = "Tìm tổ công nghệ số cộng đồng ở thôn, tổ dân phố của bạn và học các kỹ năng số cơ bản.";
        let mut meta = self.meta(&self.site.config.title, description, "", vec![]);
        meta.breadcrumbs.clear();
        self.render("index.html", "", meta, |c| {
            c.insert("provinces", &provinces);
            c.insert("totals", &totals);
            c.insert("latest_guides", &latest);
        });
    }

    /// A province page: its communes in alphabetical order, under the letters of an index.
    pub fn province(&self, p: &Province) {
        let view = self.views.province(p);
        let path = urls::province(p.unit);
        let communes: Vec<_> = p
            .communes
            .iter()
            .map(|c| self.views.commune(p, c))
            .collect();
        let description = format!(
            "Danh sách tổ công nghệ số cộng đồng của {} xã, phường thuộc {}.",
            text::group_thousands(communes.len() as u64),
            p.unit.in_sentence()
        );
        let letters = alphabetical::by_initial(communes, |c| &c.name);
        let meta = self.meta(
            &p.unit.name,
            &description,
            &path,
            vec![self.link(&p.unit.name, &path)],
        );
        self.render("province.html", &path, meta, |c| {
            c.insert("province", &view);
            c.insert("letters", &letters);
        });
    }

    /// A commune page and the pages of its teams.
    pub fn commune(&self, p: &Province, c: &Commune) {
        let province = self.views.province(p);
        let commune = self.views.commune(p, c);
        let path = urls::commune(p.unit, c.unit);
        let teams: Vec<_> = c.teams().iter().map(|t| self.team_files(p, c, t)).collect();
        let description = format!(
            "Các tổ công nghệ số cộng đồng của {}, {}: người phụ trách và số điện thoại liên hệ.",
            c.unit.in_sentence(),
            p.unit.in_sentence()
        );
        let crumbs = vec![
            self.link(&p.unit.name, &urls::province(p.unit)),
            self.link(&c.unit.name, &path),
        ];
        let meta = self.meta(&c.unit.name, &description, &path, crumbs);
        self.render("commune.html", &path, meta, |ctx| {
            ctx.insert("province", &province);
            ctx.insert("commune", &commune);
            ctx.insert("teams", &teams);
        });
        for team in &teams {
            let team_path = urls::team(p.unit, c.unit, &team.id);
            let title = format!("Tổ công nghệ số {}", team.hamlet);
            let description = format!(
                "Tổ công nghệ số cộng đồng {}, {}, {}.",
                team.hamlet,
                c.unit.in_sentence(),
                p.unit.in_sentence()
            );
            let crumbs = vec![
                self.link(&p.unit.name, &urls::province(p.unit)),
                self.link(&c.unit.name, &path),
                self.link(&team.hamlet, &team_path),
            ];
            let meta = self.meta(&title, &description, &team_path, crumbs);
            self.render("team.html", &team_path, meta, |ctx| {
                ctx.insert("province", &province);
                ctx.insert("commune", &commune);
                ctx.insert("team", team);
            });
        }
    }

    /// The vCard and QR code of a team, written beside its page; the view links to those written.
    fn team_files(&self, p: &Province, c: &Commune, t: &Team) -> TeamView {
        let mut view = self.views.team(p, c, t);
        let path = urls::team(p.unit, c.unit, &t.id);
        let base = &self.site.config.base_url;
        let absolute = base.origin.is_some().then(|| base.absolute(&path));
        view.address = absolute.as_deref().map(printed_address);
        let place = TeamPlace {
            commune: &c.unit.name,
            province: &p.unit.name,
        };
        if let Some(card) = contact::vcard(t, &place, absolute.as_deref()) {
            let file = format!("{path}{VCARD_FILE}");
            if self.write_file(&file, card.as_bytes()) {
                view.vcard_url = Some(self.views.url(&file));
            }
        }
        let title = format!("Mã QR trang Tổ công nghệ số {}", t.hamlet);
        if let Some(url) = absolute {
            // Drawing a QR code costs more than the rest of the team: kept when its text is.
            let file = format!("{path}{QR_FILE}");
            let made_from = Fingerprint::new("qr").str(&url).str(&title).finish();
            let kept = self.staging.reuse(&file, made_from);
            let written = !kept
                && contact::qr_svg(&url, &title)
                    .is_some_and(|svg| self.write_file_made_from(&file, made_from, svg.as_bytes()));
            if kept || written {
                view.qr_url = Some(self.views.url(&file));
            }
        }
        view
    }

    /// Writes a file that is not a page; a failure is kept with the template errors.
    fn write_file(&self, path: &str, bytes: &[u8]) -> bool {
        self.record_failure(path, self.staging.write(path, bytes))
    }

    fn write_file_made_from(&self, path: &str, made_from: Key, bytes: &[u8]) -> bool {
        self.record_failure(path, self.staging.write_made_from(path, made_from, bytes))
    }

    fn record_failure(&self, path: &str, result: std::io::Result<()>) -> bool {
        match result {
            Ok(()) => true,
            Err(e) => {
                self.errors
                    .lock()
                    .expect("no panics while holding the lock")
                    .insert((
                        "team.html".to_string(),
                        format!("không ghi được {path}: {e}"),
                    ));
                false
            }
        }
    }

    pub fn free_pages(&self) {
        for page in &self.site.pages {
            let path = urls::page(&page.slug);
            let description = page.summary.clone().unwrap_or_default();
            let meta = self.meta(
                &page.title,
                &description,
                &path,
                vec![self.link(&page.title, &path)],
            );
            self.render("page.html", &path, meta, |c| {
                c.insert("content", &page.html);
                c.insert("toc", &page.toc);
                c.insert("updated", &page.updated.map(|d| d.vietnamese()));
            });
        }
    }

    /// The 404 and search pages.
    pub fn special_pages(&self) {
        let meta = self.meta("Không tìm thấy trang", "", "404.html", vec![]);
        self.render("404.html", "404.html", meta, |_| {});
        let title = "Tìm kiếm";
        let meta = self.meta(
            title,
            "Tìm tổ công nghệ số, xã phường và hướng dẫn.",
            "tim-kiem/",
            vec![self.link(title, "tim-kiem/")],
        );
        self.render("search.html", "tim-kiem/", meta, |_| {});
        let title = "Không có mạng";
        let path = crate::render::pwa::OFFLINE_PAGE;
        let meta = self.meta(title, "", path, vec![self.link(title, path)]);
        self.render("offline.html", path, meta, |_| {});
    }
}

impl Renderer<'_> {
    /// The statistics page (it changes whenever a team list does, like the home page).
    pub fn statistics(&self) {
        let provinces = self.provinces();
        let charts = stats::charts(&provinces);
        let totals = Totals::of(self.site);
        let title = "Thống kê";
        let description = "Số tổ công nghệ số cộng đồng, số thành viên và số xã, phường đã có danh sách, theo từng tỉnh, thành phố.";
        let meta = self.meta(
            title,
            description,
            urls::STATISTICS,
            vec![self.link(title, urls::STATISTICS)],
        );
        self.render("statistics.html", urls::STATISTICS, meta, |c| {
            c.insert("provinces", &provinces);
            c.insert("totals", &totals);
            c.insert(
                "coverage",
                &stats::percent_label(stats::percent(totals.communes_with_data, totals.communes)),
            );
            c.insert("charts", &charts);
        });
    }

    /// The open-data page and the files it links.
    pub fn open_data(&self) {
        if let Err(e) = opendata::write_open_data(self.site, self.staging) {
            self.errors
                .lock()
                .expect("no panics while holding the lock")
                .insert((
                    "open-data.html".to_string(),
                    format!("không ghi được dữ liệu mở: {e}"),
                ));
        }
        self.open_data_page();
    }

    /// The open-data page alone: the preview makes the national files only when they are asked
    /// for.
    pub fn open_data_page(&self) {
        let fields: Vec<_> = opendata::fields(self.site)
            .into_iter()
            .map(|(name, kind, meaning)| FieldView {
                name,
                kind,
                meaning,
            })
            .collect();
        let title = "Dữ liệu mở";
        let description = "Tải danh sách tổ công nghệ số cộng đồng dạng JSON và CSV: nơi tổ phục vụ, số thành viên, nơi sinh hoạt; không có số điện thoại.";
        let meta = self.meta(
            title,
            description,
            urls::OPEN_DATA,
            vec![self.link(title, urls::OPEN_DATA)],
        );
        let totals = Totals::of(self.site);
        self.render("open-data.html", urls::OPEN_DATA, meta, |c| {
            c.insert("json_url", &self.views.url(urls::OPEN_DATA_JSON));
            c.insert("csv_url", &self.views.url(urls::OPEN_DATA_CSV));
            c.insert("fields", &fields);
            c.insert("totals", &totals);
        });
    }

    /// The old-address lookup: the 63 provinces of before July 2025, then a page for each.
    pub fn old_addresses(&self) {
        let old = units::official().old_provinces();
        self.old_addresses_index(&old);
        old.par_iter()
            .for_each(|province| self.old_province(province));
    }

    /// The lookup's first page, listing the old provinces.
    pub fn old_addresses_index(&self, old: &[units::OldProvince]) {
        let meta = self.meta(
            OLD_ADDRESSES_TITLE,
            "Từ ngày 01/07/2025 không còn cấp huyện và nhiều xã đã sáp nhập: chọn tỉnh, huyện, xã cũ để biết nay thuộc xã, phường nào.",
            urls::OLD_ADDRESSES,
            vec![self.link(OLD_ADDRESSES_TITLE, urls::OLD_ADDRESSES)],
        );
        self.render("old-addresses.html", urls::OLD_ADDRESSES, meta, |c| {
            c.insert(
                "old_provinces",
                &old_addresses::province_links(&self.views, old),
            );
        });
    }

    /// The page of one old province: its districts and communes, each with its successor.
    pub fn old_province(&self, province: &units::OldProvince) {
        let path = urls::old_province(&province.slug);
        let page = old_addresses::province_page(&self.views, self.site, province);
        let title = format!("Địa chỉ cũ: {}", province.name);
        let description = format!(
            "Các huyện, xã cũ của {} trước ngày 01/07/2025 và xã, phường mới đã tiếp nhận.",
            province.name
        );
        let crumbs = vec![
            self.link(OLD_ADDRESSES_TITLE, urls::OLD_ADDRESSES),
            self.link(province.name, &path),
        ];
        let meta = self.meta(&title, &description, &path, crumbs);
        self.render("old-province.html", &path, meta, |c| {
            c.insert("old_province", &page);
        });
    }
}

/// An address as a printed notice shows it: "tocongngheso.gov.vn/quang-ninh/…", without the
/// `https://` nobody types.
fn printed_address(absolute: &str) -> String {
    absolute
        .strip_prefix("https://")
        .or_else(|| absolute.strip_prefix("http://"))
        .unwrap_or(absolute)
        .to_string()
}

const OLD_ADDRESSES_TITLE: &str = "Tra cứu địa chỉ cũ";
const GUIDES_TITLE: &str = "Hướng dẫn kỹ năng số";

impl Renderer<'_> {
    /// The pages about members' data that every portal has: "who is calling me?" and how a
    /// member asks for removal.
    pub fn privacy_pages(&self) {
        let title = "Kiểm tra số điện thoại";
        let description = "Có người xưng là tổ công nghệ số, cán bộ hay công an gọi cho bạn? Kiểm tra số đó có phải số đã công khai của một tổ, và biết cần làm gì.";
        let meta = self.meta(
            title,
            description,
            urls::CALLER_CHECK,
            vec![self.link(title, urls::CALLER_CHECK)],
        );
        self.render("caller-check.html", urls::CALLER_CHECK, meta, |_| {});
        let title = "Yêu cầu gỡ thông tin cá nhân";
        let description = "Thành viên tổ công nghệ số muốn gỡ tên, số điện thoại khỏi cổng: gửi yêu cầu cho ai, cần nói gì và bao lâu thì được gỡ.";
        let meta = self.meta(
            title,
            description,
            urls::REMOVAL,
            vec![self.link(title, urls::REMOVAL)],
        );
        let contact = crate::render::context::removal_contact(&self.site.config);
        self.render("removal.html", urls::REMOVAL, meta, |c| {
            c.insert("contact", &contact);
            c.insert("days", &crate::config::WITHDRAWAL_DAYS);
        });
    }
}

/// The values of one page: fingerprinted, or handed to Tera.
enum Values<'a> {
    Hash(&'a mut Fingerprint),
    Context(&'a mut Context),
}

impl Values<'_> {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        match self {
            Values::Hash(f) => {
                f.str(key).value(value);
            }
            Values::Context(c) => c.insert(key, value),
        }
    }
}

#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    kind: &'static str,
    meaning: &'static str,
}

#[derive(Serialize)]
struct SkillGroup {
    key: &'static str,
    title: &'static str,
    guides: Vec<crate::render::context::GuideView>,
}
