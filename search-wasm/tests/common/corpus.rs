//! A small, realistic corpus: a few provinces and communes (with pre-2025 names as aliases),
//! hamlet teams of Quảng Ninh and a handful of guides. Real place names, fictional people.
//! Shared by the ranking tests and by the example that writes the cross-target fixtures.

use ngo_search::{Document, Kind};

/// Quảng Ninh's province code, the one province shard of the corpus.
pub const QUANG_NINH: u32 = 22;

/// The public phone of Thôn Khe Cát's team leader.
pub const KHE_CAT_PHONE: &str = "0912345678";

/// A phone of a member who did not consent: never given to the index.
pub const PRIVATE_PHONE: &str = "0987654321";

fn place(title: &str, url: &str, subtitle: &str, province: u32, commune: Option<u32>) -> Document {
    let mut doc = Document::new(Kind::Place, title, url);
    doc.subtitle = subtitle.to_string();
    doc.province = Some(province);
    doc.commune = commune;
    doc.boost = if commune.is_some() { 1.2 } else { 1.5 };
    doc
}

fn commune(title: &str, slug: &str, province: (u32, &str, &str), code: u32) -> Document {
    let (code_p, province_slug, province_title) = province;
    let url = format!("{province_slug}/{slug}/");
    place(title, &url, province_title, code_p, Some(code))
}

/// Provinces and communes, with the old communes merged into each as aliases.
pub fn places() -> Vec<Document> {
    let qn = (QUANG_NINH, "quang-ninh", "Tỉnh Quảng Ninh");
    let hn = (1, "ha-noi", "Thành phố Hà Nội");
    let kh = (56, "khanh-hoa", "Tỉnh Khánh Hòa");
    let mut quang_la = commune("Xã Quảng La", "xa-quang-la", qn, 7054);
    quang_la.aliases = vec![
        "Xã Dân Chủ, Thành phố Hạ Long, Tỉnh Quảng Ninh".into(),
        "Xã Quảng La, Thành phố Hạ Long, Tỉnh Quảng Ninh".into(),
        "Xã Bằng Cả, Thành phố Hạ Long, Tỉnh Quảng Ninh".into(),
        "Xã Tân Dân, Thành phố Hạ Long, Tỉnh Quảng Ninh".into(),
    ];
    quang_la.notes = vec!["trước đây: xã Dân Chủ, Quảng La, Bằng Cả, Tân Dân (TP Hạ Long)".into()];
    let mut ha_long = commune("Phường Hạ Long", "phuong-ha-long", qn, 6649);
    ha_long.aliases = vec![
        "Phường Hồng Hải, Thành phố Hạ Long, Tỉnh Quảng Ninh".into(),
        "Phường Hồng Hà, Thành phố Hạ Long, Tỉnh Quảng Ninh".into(),
    ];
    let mut duong_hoa = commune("Xã Đường Hoa", "xa-duong-hoa", qn, 7030);
    duong_hoa.aliases = vec!["Xã Quảng Long, Huyện Hải Hà, Tỉnh Quảng Ninh".into()];
    vec![
        place(
            "Tỉnh Quảng Ninh",
            "quang-ninh/",
            "34 xã, phường, đặc khu",
            QUANG_NINH,
            None,
        ),
        place("Thành phố Hà Nội", "ha-noi/", "126 xã, phường", 1, None),
        place(
            "Tỉnh Khánh Hòa",
            "khanh-hoa/",
            "65 xã, phường, đặc khu",
            56,
            None,
        ),
        quang_la,
        ha_long,
        duong_hoa,
        commune("Phường Bãi Cháy", "phuong-bai-chay", qn, 6658),
        commune("Xã Quảng Tân", "xa-quang-tan", qn, 7093),
        commune("Xã Quảng Đức", "xa-quang-duc", qn, 7090),
        commune("Xã Lương Minh", "xa-luong-minh", qn, 7057),
        commune("Phường Dương Nội", "phuong-duong-noi", hn, 9552),
        commune("Phường Ninh Hoà", "phuong-ninh-hoa", kh, 22327),
        commune("Phường Nha Trang", "phuong-nha-trang", kh, 22333),
    ]
}

struct TeamSpec<'a> {
    hamlet: &'a str,
    commune: (&'a str, &'a str, u32),
    members: &'a [(&'a str, &'a str)],
    meeting: &'a str,
    phones: &'a [&'a str],
}

fn team(spec: TeamSpec) -> Document {
    let (commune_title, commune_slug, commune_code) = spec.commune;
    let slug = ngo_slug(spec.hamlet);
    let url = format!("quang-ninh/{commune_slug}/{slug}/");
    let mut doc = Document::new(Kind::Team, spec.hamlet, url);
    doc.subtitle = format!("{commune_title}, Tỉnh Quảng Ninh");
    let members: Vec<String> = spec
        .members
        .iter()
        .map(|(n, r)| format!("{n} {r}"))
        .collect();
    doc.body = format!("{}. {}", members.join(". "), spec.meeting);
    doc.phones = spec.phones.iter().map(|p| p.to_string()).collect();
    doc.province = Some(QUANG_NINH);
    doc.commune = Some(commune_code);
    doc.id = Some(slug);
    doc
}

/// A rough slug for test URLs (the generator has the real one).
fn ngo_slug(title: &str) -> String {
    ngo_search::analysis::folded_phrase(title).replace(' ', "-")
}

/// Hamlet teams of Quảng Ninh.
pub fn quang_ninh_teams() -> Vec<Document> {
    let quang_la = ("Xã Quảng La", "xa-quang-la", 7054);
    let bai_chay = ("Phường Bãi Cháy", "phuong-bai-chay", 6658);
    let quang_tan = ("Xã Quảng Tân", "xa-quang-tan", 7093);
    let duong_hoa = ("Xã Đường Hoa", "xa-duong-hoa", 7030);
    let specs = [
        TeamSpec {
            hamlet: "Thôn Khe Cát",
            commune: quang_la,
            members: &[
                ("Nguyễn Văn An", "Tổ trưởng"),
                ("Trần Thị Bình", "Thành viên"),
            ],
            meeting: "Nhà văn hóa thôn Khe Cát, 19:30 tối thứ Bảy",
            phones: &[KHE_CAT_PHONE],
        },
        TeamSpec {
            hamlet: "Thôn Khe Lương",
            commune: quang_la,
            members: &[("Lý Văn Cường", "Tổ trưởng")],
            meeting: "Nhà văn hóa thôn Khe Lương",
            phones: &["0203 3123 456"],
        },
        TeamSpec {
            hamlet: "Thôn Đồng Trà",
            commune: quang_la,
            members: &[
                ("Hoàng Thị Dung", "Tổ trưởng"),
                ("Đặng Văn Đức", "Thành viên"),
            ],
            meeting: "Trường tiểu học Quảng La",
            phones: &[],
        },
        TeamSpec {
            hamlet: "Tổ dân phố số 5",
            commune: bai_chay,
            members: &[
                ("Phạm Minh Hòa", "Tổ trưởng"),
                ("Vũ Thị Thuý", "Thành viên"),
            ],
            meeting: "Nhà văn hóa khu 5, đường Hạ Long",
            phones: &["0977 111 222"],
        },
        TeamSpec {
            hamlet: "Tổ dân phố số 15",
            commune: bai_chay,
            members: &[("Bùi Văn Khoẻ", "Tổ trưởng")],
            meeting: "Nhà văn hóa khu 15",
            phones: &[],
        },
        TeamSpec {
            hamlet: "Thôn 4",
            commune: quang_tan,
            members: &[("Ngô Thị Lan", "Tổ trưởng")],
            meeting: "Nhà văn hóa thôn 4",
            phones: &[],
        },
        TeamSpec {
            hamlet: "Thôn 4",
            commune: quang_la,
            members: &[("Đỗ Văn Hải", "Tổ trưởng")],
            meeting: "Nhà văn hóa thôn 4, xã Quảng La",
            phones: &[],
        },
        TeamSpec {
            hamlet: "Thôn Dương Hòa",
            commune: duong_hoa,
            members: &[("Mai Văn Dương", "Tổ trưởng")],
            meeting: "Nhà văn hóa thôn",
            phones: &[],
        },
        TeamSpec {
            hamlet: "Thôn Đường Ngang",
            commune: duong_hoa,
            // The second member did not consent: the phone is neither in `phones` nor in text.
            members: &[("Lê Thị Mai", "Tổ trưởng"), ("Trịnh Văn Tú", "Thành viên")],
            meeting: "Đầu đường liên thôn",
            phones: &["+84 912 000 111"],
        },
    ];
    specs.into_iter().map(team).collect()
}

fn guide(title: &str, slug: &str, summary: &str, body: &str, tags: &[&str]) -> Document {
    let mut doc = Document::new(Kind::Guide, title, format!("huong-dan/{slug}/"));
    doc.subtitle = summary.to_string();
    doc.body = body.to_string();
    doc.aliases = tags.iter().map(|t| t.to_string()).collect();
    doc
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
