//! The portal-level files of the national dataset: `site.yaml` and the about page.

/// A national portal: no `scope`, phones published only with consent.
pub fn site_yaml() -> String {
    "\
# Cổng quốc gia: không có `scope`, nên gồm cả 34 tỉnh, thành phố.
title: \"Cổng Tổ công nghệ số cộng đồng toàn quốc\"
base_url: \"/\"
language: vi
contact:
  email: \"cds@example.gov.vn\"
privacy:
  publish_phones: consent
search:
  synonyms:
    tcns: [\"tổ công nghệ số\"]
    dvc: [\"dịch vụ công\"]
"
    .to_string()
}

/// `pages/gioi-thieu.md`, with the national figures the dataset is sized after.
pub fn about_page(communes: usize, teams: u64, members: u64) -> String {
    let (communes, teams, members) = (
        thousands(communes as u64),
        thousands(teams),
        thousands(members),
    );
    format!(
        "\
---
title: \"Giới thiệu\"
summary: \"Tổ công nghệ số cộng đồng là gì, làm gì và liên hệ thế nào.\"
updated: 2026-01-15
---
## Tổ công nghệ số cộng đồng là gì?

Ở mỗi thôn, bản, ấp, tổ dân phố đều có một tổ công nghệ số cộng đồng. Thành viên của tổ là
những người gần gũi với bà con: trưởng thôn, công an khu vực, đoàn viên thanh niên, hội viên
Hội Phụ nữ, nhân viên các nhà mạng Viettel, VNPT.

Tổ giúp người dân dùng năm kỹ năng số cơ bản:

1. Sử dụng dịch vụ công trực tuyến.
2. Mua sắm trực tuyến.
3. Thanh toán trực tuyến.
4. Tự bảo vệ mình trên không gian mạng.
5. Sử dụng các nền tảng số khác như VNeID, Sổ sức khỏe điện tử, học trực tuyến.

## Trang này có gì?

Trang liệt kê {teams} tổ với {members} thành viên ở {communes} xã, phường, đặc khu của 34 tỉnh,
thành phố, theo địa giới hành chính từ ngày 01/07/2025, cùng các bài hướng dẫn từng bước.

## Số điện thoại của thành viên

Chỉ số điện thoại của những thành viên **đã đồng ý công khai** mới được đăng trên trang.
Với các thành viên khác, bà con hãy liên hệ qua Ủy ban nhân dân xã hoặc gặp trực tiếp tại buổi
sinh hoạt của tổ.
"
    )
}

/// Vietnamese digit grouping: 93.524.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn groups_digits_with_dots() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(3321), "3.321");
        assert_eq!(thousands(458_000), "458.000");
        assert_eq!(thousands(1_834_567), "1.834.567");
    }
}
