//! A small portal to search: six provinces, a few communes each with the pre-2025 communes they
//! took over, hamlet teams with members and phones, and a handful of guides. The place names are
//! Vietnamese names as the portal shows them (some set in a province for a test's sake), the
//! people and numbers are made up.
//!
//! The documents are made from the specs below the way the generator makes them from a site
//! (`generator/src/search/documents.rs`): communes carry their province as context, teams their
//! commune as context and their province and old names as what is around, the national list of
//! hamlets keeps only where a team is now, and phones go to the national phone list, never into
//! a shard. Shared by the tests and by the example that writes the cross-target fixtures.
//!
//! What the tests lean on:
//! - "Thôn Khe Cát" (Xã Quảng La, which took over Xã Dân Chủ) has a published phone;
//! - "Thôn Tân Lập" is a hamlet of three communes in three provinces, two of them called
//!   "Xã Tân Thành" (a third Tân Thành is in Phú Thọ, which has no teams);
//! - "Tổ dân phố số 5" is in Phường Bãi Cháy (Quảng Ninh) and Phường Dương Nội (Hà Nội);
//! - "Xã Lương Minh" (Quảng Ninh) and "Xã Lượng Minh" (Nghệ An) fold to the same letters;
//! - "Dương" and "đường" both name places and teams.

use ngo_search::phones::PhoneEntry;
use ngo_search::{Document, Kind};

pub const HA_NOI: u32 = 1;
pub const TUYEN_QUANG: u32 = 8;
pub const QUANG_NINH: u32 = 22;
pub const PHU_THO: u32 = 25;
pub const NGHE_AN: u32 = 40;
pub const KHANH_HOA: u32 = 56;
pub const LAM_DONG: u32 = 68;

/// Xã Quảng La's official code.
pub const QUANG_LA_CODE: u32 = 7054;

/// The published phone of Thôn Khe Cát's team leader.
pub const KHE_CAT_PHONE: &str = "0912 345 678";

/// A member of Thôn Khe Cát who did not consent: the number is never given to the search.
pub const PRIVATE_PHONE: &str = "0987 654 321";

/// A number nobody in the corpus has whose digest is the digest of [`KHE_CAT_PHONE`] (found by
/// trying numbers in order; the tests check that the digests are equal). Only the team's
/// contact card can tell the two apart.
pub const SAME_DIGEST_PHONE: &str = "0910 394 397";

/// A province and what the portal shows of it.
pub struct Province {
    pub code: u32,
    pub name: &'static str,
    pub slug: &'static str,
    /// Pre-2025 provinces merged into it.
    pub merged: &'static [&'static str],
    pub communes: Vec<Commune>,
}

pub struct Commune {
    pub code: u32,
    pub name: &'static str,
    pub slug: &'static str,
    /// Pre-2025 communes it took over: (name, district, province).
    pub olds: &'static [(&'static str, &'static str, &'static str)],
    pub teams: Vec<Team>,
}

pub struct Team {
    pub hamlet: &'static str,
    /// (name, phone, published)
    pub members: &'static [(&'static str, Option<&'static str>, bool)],
}

fn team(
    hamlet: &'static str,
    members: &'static [(&'static str, Option<&'static str>, bool)],
) -> Team {
    Team { hamlet, members }
}

fn commune(
    code: u32,
    name: &'static str,
    slug: &'static str,
    olds: &'static [(&'static str, &'static str, &'static str)],
    teams: Vec<Team>,
) -> Commune {
    Commune {
        code,
        name,
        slug,
        olds,
        teams,
    }
}

const HA_LONG: &str = "Thành phố Hạ Long";
const QN: &str = "Tỉnh Quảng Ninh";

/// Every province of the corpus, by code.
pub fn provinces() -> Vec<Province> {
    vec![
        Province {
            code: HA_NOI,
            name: "Thành phố Hà Nội",
            slug: "ha-noi",
            merged: &[],
            communes: vec![commune(
                9552,
                "Phường Dương Nội",
                "phuong-duong-noi",
                &[("Phường Dương Nội", "Quận Hà Đông", "Thành phố Hà Nội")],
                vec![team(
                    "Tổ dân phố số 5",
                    &[("Trịnh Thị Hòa", Some("0904 000 611"), true)],
                )],
            )],
        },
        Province {
            code: TUYEN_QUANG,
            name: "Tỉnh Tuyên Quang",
            slug: "tuyen-quang",
            merged: &["Tỉnh Hà Giang"],
            communes: vec![
                commune(
                    1900,
                    "Xã Tân Thành",
                    "xa-tan-thanh",
                    &[("Xã Tân Thành", "Huyện Hàm Yên", "Tỉnh Tuyên Quang")],
                    vec![team("Thôn Tân Lập", &[("Hoàng Văn Páo", None, false)])],
                ),
                commune(
                    790,
                    "Xã Lũng Cú",
                    "xa-lung-cu",
                    &[("Xã Lũng Cú", "Huyện Đồng Văn", "Tỉnh Hà Giang")],
                    vec![team(
                        "Thôn Lô Lô Chải",
                        &[("Sình Thị Mai", Some("0988 000 201"), true)],
                    )],
                ),
            ],
        },
        Province {
            code: QUANG_NINH,
            name: QN,
            slug: "quang-ninh",
            merged: &[],
            communes: quang_ninh(),
        },
        Province {
            code: PHU_THO,
            name: "Tỉnh Phú Thọ",
            slug: "phu-tho",
            merged: &["Tỉnh Vĩnh Phúc", "Tỉnh Hòa Bình"],
            communes: vec![
                commune(8130, "Xã Dân Chủ", "xa-dan-chu", &[], Vec::new()),
                commune(
                    8200,
                    "Xã Tân Thành",
                    "xa-tan-thanh",
                    &[("Xã Hưng Thi", "Huyện Lạc Thủy", "Tỉnh Hòa Bình")],
                    Vec::new(),
                ),
            ],
        },
        Province {
            code: NGHE_AN,
            name: "Tỉnh Nghệ An",
            slug: "nghe-an",
            merged: &[],
            communes: vec![commune(
                17230,
                "Xã Lượng Minh",
                "xa-luong-minh",
                &[("Xã Lượng Minh", "Huyện Tương Dương", "Tỉnh Nghệ An")],
                vec![team(
                    "Bản Xốp Mạt",
                    &[("Lô Văn Thái", Some("0915 000 701"), true)],
                )],
            )],
        },
        Province {
            code: LAM_DONG,
            name: "Tỉnh Lâm Đồng",
            slug: "lam-dong",
            merged: &[],
            // "La Dạ" is "lua dao" with two slips: it must not pass for the guide on scams.
            communes: vec![commune(24500, "Xã La Dạ", "xa-la-da", &[], Vec::new())],
        },
        Province {
            code: KHANH_HOA,
            name: "Tỉnh Khánh Hòa",
            slug: "khanh-hoa",
            merged: &["Tỉnh Ninh Thuận"],
            communes: vec![
                commune(
                    22327,
                    "Phường Ninh Hoà",
                    "phuong-ninh-hoa",
                    &[("Phường Ninh Hiệp", "Thị xã Ninh Hòa", "Tỉnh Khánh Hòa")],
                    vec![team("Tổ dân phố 3", &[("Võ Thị Thu", None, false)])],
                ),
                commune(
                    22333,
                    "Phường Nha Trang",
                    "phuong-nha-trang",
                    &[],
                    Vec::new(),
                ),
                commune(
                    22400,
                    "Xã Tân Thành",
                    "xa-tan-thanh",
                    &[("Xã Tân Thành", "Huyện Ninh Sơn", "Tỉnh Ninh Thuận")],
                    vec![team(
                        "Thôn Tân Lập",
                        &[("Pi Năng Thị Lan", Some("0935 000 401"), true)],
                    )],
                ),
            ],
        },
    ]
}

fn quang_ninh() -> Vec<Commune> {
    vec![
        commune(
            QUANG_LA_CODE,
            "Xã Quảng La",
            "xa-quang-la",
            &[
                ("Xã Dân Chủ", HA_LONG, QN),
                ("Xã Quảng La", HA_LONG, QN),
                ("Xã Bằng Cả", HA_LONG, QN),
                ("Xã Tân Dân", HA_LONG, QN),
            ],
            vec![
                team(
                    "Thôn Khe Cát",
                    &[
                        ("Nguyễn Văn An", Some(KHE_CAT_PHONE), true),
                        ("Trần Thị Bình", None, false),
                        // Did not consent: the number stays out of every document and list.
                        ("Đặng Văn Quý", Some(PRIVATE_PHONE), false),
                    ],
                ),
                team(
                    "Thôn Khe Lương",
                    &[("Lý Văn Cường", Some("0203 3123 456"), true)],
                ),
                team(
                    "Thôn Đồng Trà",
                    &[
                        ("Hoàng Thị Dung", None, false),
                        ("Đặng Văn Đức", None, false),
                    ],
                ),
                team("Thôn 4", &[("Đỗ Văn Hải", None, false)]),
                team("Thôn Long Thịnh", &[("Bàn Văn Phúc", None, false)]),
                team("Thôn An Thịnh", &[("Triệu Thị Hằng", None, false)]),
            ],
        ),
        commune(
            6649,
            "Phường Hạ Long",
            "phuong-ha-long",
            &[
                ("Phường Hồng Hải", HA_LONG, QN),
                ("Phường Hồng Hà", HA_LONG, QN),
            ],
            Vec::new(),
        ),
        commune(
            7030,
            "Xã Đường Hoa",
            "xa-duong-hoa",
            &[
                ("Xã Quảng Long", "Huyện Hải Hà", QN),
                ("Xã Đường Hoa", "Huyện Hải Hà", QN),
            ],
            vec![
                team("Thôn Dương Hòa", &[("Mai Văn Dương", None, false)]),
                team(
                    "Thôn Đường Ngang",
                    &[
                        ("Lê Thị Mai", Some("+84 912 000 111"), true),
                        ("Trịnh Văn Tú", None, false),
                    ],
                ),
            ],
        ),
        commune(
            6658,
            "Phường Bãi Cháy",
            "phuong-bai-chay",
            &[
                ("Phường Bãi Cháy", HA_LONG, QN),
                ("Phường Giếng Đáy", HA_LONG, QN),
            ],
            vec![
                team(
                    "Tổ dân phố số 5",
                    &[
                        ("Phạm Minh Hòa", Some("0977 111 222"), true),
                        ("Vũ Thị Thuý", None, false),
                    ],
                ),
                team("Tổ dân phố số 15", &[("Bùi Văn Khoẻ", None, false)]),
            ],
        ),
        commune(
            7093,
            "Xã Quảng Tân",
            "xa-quang-tan",
            &[
                ("Xã Quảng Tân", "Huyện Đầm Hà", QN),
                ("Xã Quảng Lợi", "Huyện Đầm Hà", QN),
            ],
            vec![
                team("Thôn 4", &[("Ngô Thị Lan", None, false)]),
                team("Thôn Tân Lập", &[("Chíu Văn Sáng", None, false)]),
            ],
        ),
        commune(
            7057,
            "Xã Lương Minh",
            "xa-luong-minh",
            &[("Xã Lương Minh", "Huyện Ba Chẽ", QN)],
            vec![team("Thôn Khe Lầy", &[("Lý Văn Sinh", None, false)])],
        ),
    ]
}

/// "Thôn Khe Cát" → "thon-khe-cat" (the generator has the real slug).
pub fn slug(title: &str) -> String {
    ngo_search::analysis::folded_phrase(title).replace(' ', "-")
}

pub fn province_url(p: &Province) -> String {
    format!("{}/", p.slug)
}

pub fn commune_url(p: &Province, c: &Commune) -> String {
    format!("{}/{}/", p.slug, c.slug)
}

pub fn team_url(p: &Province, c: &Commune, t: &Team) -> String {
    format!("{}/{}/{}/", p.slug, c.slug, slug(t.hamlet))
}

/// The contact card beside a team's page, site-relative.
pub fn vcard_path(team_url: &str) -> String {
    format!("{team_url}to.vcf")
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "trước đây: xã Dân Chủ, Thành phố Hạ Long".
fn former_note((name, district, _): &(&str, &str, &str)) -> String {
    format!("trước đây: {}, {district}", lower_first(name))
}

/// Provinces (also by the provinces merged into them) and communes.
pub fn places() -> Vec<Document> {
    provinces().iter().flat_map(province_places).collect()
}

/// A province and its communes, as both the national list of places and the province's own
/// shard hold them.
fn province_places(p: &Province) -> Vec<Document> {
    let mut doc = Document::new(Kind::Place, p.name, province_url(p));
    doc.subtitle = format!("{} xã, phường", p.communes.len());
    doc.province = Some(p.code);
    doc.boost = 1.3;
    for old in p.merged {
        doc.aliases.push(old.to_string());
        doc.notes.push(format!("trước đây: {}", lower_first(old)));
    }
    let mut docs = vec![doc];
    docs.extend(p.communes.iter().map(|c| commune_document(p, c)));
    docs
}

fn commune_document(p: &Province, c: &Commune) -> Document {
    let mut doc = Document::new(Kind::Place, c.name, commune_url(p, c));
    doc.subtitle = p.name.to_string();
    doc.teams = (!c.teams.is_empty()).then_some(c.teams.len() as u32);
    doc.context = vec![p.name.to_string()];
    doc.province = Some(p.code);
    doc.commune = Some(c.code);
    doc.boost = 1.2;
    doc
}

/// Every pre-2025 commune, leading to the commune that took it over.
pub fn former() -> Vec<Document> {
    let mut docs = Vec::new();
    for p in provinces() {
        for c in &p.communes {
            for old in c.olds {
                let mut doc = commune_document(&p, c);
                doc.aliases = vec![old.0.to_string()];
                doc.context = vec![old.1.to_string()];
                doc.around = vec![old.2.to_string()];
                doc.notes = vec![former_note(old)];
                doc.boost = 1.0;
                docs.push(doc);
            }
        }
    }
    docs
}

/// A province's teams with everything they are found by (no phones: those are in the phone
/// list).
/// A province's own shard: the province, its communes and its teams.
pub fn province(code: u32) -> Vec<Document> {
    let p = provinces().into_iter().find(|p| p.code == code);
    p.map(|p| {
        let mut docs = province_places(&p);
        docs.extend(team_documents(&p));
        docs
    })
    .unwrap_or_default()
}

/// Codes of the provinces with teams, the ones with a shard of their own.
pub fn team_provinces() -> Vec<u32> {
    provinces()
        .iter()
        .filter(|p| p.communes.iter().any(|c| !c.teams.is_empty()))
        .map(|p| p.code)
        .collect()
}

fn team_documents(p: &Province) -> Vec<Document> {
    let mut docs = Vec::new();
    for c in &p.communes {
        let mut around = vec![p.name.to_string()];
        for (name, district, province) in c.olds {
            for name in [name, district, province] {
                if !around.iter().any(|a| a == name) && *name != c.name {
                    around.push(name.to_string());
                }
            }
        }
        for t in &c.teams {
            let mut doc = Document::new(Kind::Team, t.hamlet, team_url(p, c, t));
            doc.subtitle = format!("{}, {}", c.name, p.name);
            doc.context = vec![c.name.to_string()];
            doc.around = around.clone();
            doc.notes = c.olds.iter().map(former_note).collect();
            doc.province = Some(p.code);
            doc.commune = Some(c.code);
            let names: Vec<&str> = t.members.iter().map(|m| m.0).collect();
            doc.body = names.join(" · ");
            docs.push(doc);
        }
    }
    docs
}

/// Every team of the country by hamlet and where it is now, for the national list of hamlets.
pub fn hamlets() -> Vec<Document> {
    provinces()
        .iter()
        .flat_map(team_documents)
        .map(|mut doc| {
            doc.around.truncate(1);
            doc.notes.clear();
            doc.body.clear();
            doc
        })
        .collect()
}

/// Guides, with enough overlapping words that ranking matters.
pub fn guides() -> Vec<Document> {
    vec![
        guide(
            "Sử dụng điện thoại thông minh cho người cao tuổi",
            "dien-thoai-thong-minh",
            "Gọi điện, nhắn tin, chụp ảnh và gọi video trên điện thoại.",
            "Mở khóa điện thoại, tăng cỡ chữ, lưu số người thân. Gọi video qua Zalo.",
            &["kỹ năng cơ bản"],
        ),
        guide(
            "Cảnh giác lừa đảo qua điện thoại",
            "lua-dao-qua-dien-thoai",
            "Nhận biết cuộc gọi giả danh công an, ngân hàng; không cung cấp mã OTP.",
            "Kẻ gian gọi điện giả danh công an yêu cầu chuyển khoản. Không bấm đường link lạ. \
             Báo ngay cho tổ công nghệ số hoặc công an xã.",
            &["lừa đảo", "an toàn trên mạng"],
        ),
        guide(
            "Đăng ký khai sinh trực tuyến trên Cổng Dịch vụ công quốc gia",
            "dang-ky-khai-sinh",
            "Nộp hồ sơ khai sinh cho con tại nhà, nhận kết quả qua bưu điện.",
            "Đăng nhập bằng tài khoản định danh điện tử VNeID, chọn thủ tục liên thông khai \
             sinh, điền tờ khai, tải ảnh giấy chứng sinh và nộp hồ sơ.",
            &["khai sinh", "hộ tịch"],
        ),
        guide(
            "Thanh toán tiền điện qua ứng dụng ngân hàng",
            "thanh-toan-tien-dien",
            "Trả hóa đơn điện hằng tháng trên điện thoại không cần ra quầy.",
            "Mở ứng dụng ngân hàng, chọn thanh toán hóa đơn, chọn điện, nhập mã khách hàng.",
            &["thanh toán không dùng tiền mặt"],
        ),
        guide(
            "Kích hoạt tài khoản định danh điện tử VNeID mức 2",
            "kich-hoat-vneid",
            "Dùng căn cước công dân gắn chip để kích hoạt tài khoản VNeID.",
            "Tải ứng dụng VNeID, quét mã QR trên thẻ căn cước, nhập số điện thoại, mã kích hoạt.",
            &["vneid", "định danh"],
        ),
        guide(
            "Tra cứu đường đi bằng bản đồ trên điện thoại",
            "tra-cuu-duong-di",
            "Tìm đường đến trạm y tế, ủy ban xã bằng ứng dụng bản đồ.",
            "Mở ứng dụng bản đồ, gõ tên nơi cần đến, chọn chỉ đường.",
            &["bản đồ"],
        ),
    ]
}

fn guide(title: &str, slug: &str, summary: &str, body: &str, tags: &[&str]) -> Document {
    let mut doc = Document::new(Kind::Guide, title, format!("huong-dan/{slug}/"));
    doc.subtitle = summary.to_string();
    doc.body = body.to_string();
    doc.aliases = tags.iter().map(|t| t.to_string()).collect();
    doc
}

/// National digits of a number in any spelling.
pub fn national(phone: &str) -> String {
    ngo_search::phone::national(phone).expect("a phone number")
}

/// Every published number with its team, for the national phone list.
pub fn phones() -> Vec<PhoneEntry> {
    let mut entries = Vec::new();
    for p in provinces() {
        for c in &p.communes {
            for t in &c.teams {
                let url = team_url(&p, c, t);
                for phone in published(t) {
                    entries.push(PhoneEntry {
                        digest: ngo_search::phone::digest(&national(phone)),
                        title: t.hamlet.to_string(),
                        vcard: vcard_path(&url),
                        url: url.clone(),
                        subtitle: format!("{}, {}", c.name, p.name),
                        province: p.code,
                        commune: c.code,
                    });
                }
            }
        }
    }
    entries
}

fn published(t: &Team) -> impl Iterator<Item = &'static str> + '_ {
    t.members.iter().filter(|m| m.2).filter_map(|m| m.1)
}

/// Contact cards by their site-relative path: one card per member with a published phone, as
/// the generator writes them (vCard 3.0, CRLF, international numbers).
pub fn vcards() -> Vec<(String, String)> {
    let mut cards = Vec::new();
    for p in provinces() {
        for c in &p.communes {
            for t in &c.teams {
                let mut card = String::new();
                for (name, phone, public) in t.members {
                    let (Some(phone), true) = (phone, public) else {
                        continue;
                    };
                    let international = format!("+84{}", &national(phone)[1..]);
                    card.push_str(&format!(
                        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nTEL;TYPE=cell:{international}\r\nEND:VCARD\r\n"
                    ));
                }
                if !card.is_empty() {
                    cards.push((vcard_path(&team_url(&p, c, t)), card));
                }
            }
        }
    }
    cards
}
