//! Vietnamese personal names with real frequencies, so that search, sorting and folding are
//! exercised on what a national directory really holds: four in ten people called Nguyễn,
//! thousands of namesakes, and the names of the ethnic minorities of the hills and the delta.

use crate::rng::Rng;
use crate::units::Region;

/// Family names of the Kinh majority and their share of the population, in percent.
/// Hoàng/Huỳnh and Vũ/Võ are one name each, spelled differently north and south.
const FAMILY: &[(&str, f64)] = &[
    ("Nguyễn", 38.4),
    ("Trần", 12.1),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 5.1),
    ("Phan", 4.5),
    ("Vũ", 3.9),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    ("Đinh", 0.9),
    ("Trịnh", 0.8),
    ("Đoàn", 0.8),
    ("Trương", 0.7),
    ("Lâm", 0.6),
    ("Mai", 0.6),
    ("Lương", 0.6),
    ("Hà", 0.6),
    ("Cao", 0.5),
    ("Lưu", 0.4),
    ("Phùng", 0.4),
    ("Tạ", 0.3),
    ("Tô", 0.3),
    ("Châu", 0.3),
    ("Thái", 0.3),
    ("Kiều", 0.2),
    ("Quách", 0.2),
    ("Chu", 0.2),
    ("Triệu", 0.2),
    ("Nghiêm", 0.1),
    ("La", 0.1),
    ("Mạc", 0.1),
    ("Tăng", 0.1),
    ("Khúc", 0.1),
];

const MALE_MIDDLE: &[(&str, f64)] = &[
    ("Văn", 35.0),
    ("Đức", 10.0),
    ("Minh", 10.0),
    ("Hữu", 8.0),
    ("Quốc", 6.0),
    ("Công", 6.0),
    ("Thanh", 6.0),
    ("Đình", 6.0),
    ("Quang", 6.0),
    ("Xuân", 5.0),
    ("Ngọc", 4.0),
    ("Trọng", 4.0),
    ("Duy", 3.0),
    ("Anh", 3.0),
    ("Hoàng", 3.0),
    ("Tuấn", 3.0),
    ("Bá", 2.0),
    ("Tiến", 2.0),
];

const FEMALE_MIDDLE: &[(&str, f64)] = &[
    ("Thị", 55.0),
    ("Ngọc", 8.0),
    ("Thanh", 6.0),
    ("Thu", 6.0),
    ("Kim", 5.0),
    ("Hồng", 5.0),
    ("Minh", 4.0),
    ("Phương", 4.0),
    ("Thùy", 4.0),
    ("Mỹ", 3.0),
    ("Bảo", 2.0),
    ("Diệu", 2.0),
    ("Khánh", 2.0),
    ("Hoài", 2.0),
];

const MALE_GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy",
    "Hưng", "Hòa", "Khánh", "Khoa", "Kiên", "Long", "Lâm", "Lộc", "Minh", "Nam", "Nghĩa", "Phong",
    "Phúc", "Quang", "Quân", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Tiến", "Toàn", "Trung",
    "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Hậu", "Chiến", "Công", "Duy", "Hiệp", "Linh", "Lợi",
    "Thọ",
];

const FEMALE_GIVEN: &[&str] = &[
    "Anh", "Bích", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng",
    "Hương", "Huyền", "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh",
    "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thu", "Thủy", "Trang", "Trinh", "Uyên", "Vân",
    "Xuân", "Yến", "Lụa", "Huệ", "Nhàn", "Thơm", "Liên",
];

/// Tày, Thái, Nùng, Dao and Hmong family names of the northern hills.
const HILL_FAMILY: &[&str] = &[
    "Lò", "Lường", "Quàng", "Cầm", "Vi", "Hà", "Lục", "Nông", "Ma", "Triệu", "Bàn", "Đèo", "Sầm",
    "Tòng",
];
const HMONG_FAMILY: &[&str] = &[
    "Giàng", "Sùng", "Vàng", "Thào", "Mùa", "Lầu", "Hầu", "Lý", "Chẻo",
];
const HMONG_MALE_MIDDLE: &[&str] = &["A", "Seo", "Mí", "Văn"];
const HILL_MALE_GIVEN: &[&str] = &[
    "Páo", "Chư", "Sính", "Dế", "Phóng", "Sáng", "Vả", "Dình", "Chá", "Súa", "Pó", "Lử", "Cháng",
    "Tủa",
];
const HILL_FEMALE_GIVEN: &[&str] = &[
    "Mỷ", "Xò", "Dợ", "Sua", "Chía", "Pà", "Dia", "Mai", "Ly", "Say", "Xuân",
];

/// Ê Đê and Jrai names put the given name first: "Y Bhin Niê", "H'Hen Êban".
const HIGHLAND_CLAN: &[&str] = &[
    "Niê",
    "Mlô",
    "Êban",
    "Ayun",
    "Kpă",
    "Ksor",
    "Siu",
    "Nay",
    "Byă",
    "Adrơng",
    "Hwing",
    "Rơ Châm",
    "Rah Lan",
];
const HIGHLAND_MALE_GIVEN: &[&str] = &[
    "Bhin", "Dơk", "Wai", "Ngông", "Kô", "Suôn", "Blức", "Jôn", "Điêng", "Tlam",
];
const HIGHLAND_FEMALE_GIVEN: &[&str] = &[
    "Hen", "Yơn", "Ber", "Nhi", "Bia", "Lan", "Thim", "Đăm", "Mai", "Linh",
];

/// Khmer family names as written in Vietnamese records.
const KHMER_FAMILY: &[&str] = &["Thạch", "Sơn", "Danh", "Kim", "Lâm", "Chau", "Lý"];
const KHMER_GIVEN: &[&str] = &[
    "Sa Rết",
    "Sô Phanh",
    "Ry",
    "Đa Ra",
    "Sóc Kha",
    "Chanh",
    "Sương",
    "Bô Rết",
    "Sa Vi",
    "Mươl",
    "Pha Ly",
    "Sóc Thi",
];

/// One member's name, and the gender it implies (used to pick e.g. "Thị" and women's roles).
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub female: bool,
}

/// A name typical of the region; `khmer` marks provinces with many Khmer hamlets.
pub fn person(rng: &mut Rng, region: Region, khmer: bool, female: bool) -> Person {
    let name = match region {
        Region::NorthMountain if rng.chance(0.35) => hill_name(rng, female),
        Region::NorthMountain if rng.chance(0.2) => hmong_name(rng, female),
        Region::Highlands if rng.chance(0.2) => highland_name(rng, female),
        Region::South if khmer && rng.chance(0.12) => khmer_name(rng, female),
        _ => kinh_name(rng, region, female),
    };
    Person { name, female }
}

fn kinh_name(rng: &mut Rng, region: Region, female: bool) -> String {
    let family = southern_spelling(rng.weighted(FAMILY), region, rng);
    let (middle, given) = if female {
        (rng.weighted(FEMALE_MIDDLE), rng.pick(FEMALE_GIVEN))
    } else {
        (rng.weighted(MALE_MIDDLE), rng.pick(MALE_GIVEN))
    };
    format!("{family} {middle} {given}")
}

/// South of the Hải Vân pass, Hoàng is mostly written Huỳnh and Vũ is mostly written Võ.
fn southern_spelling(family: &'static str, region: Region, rng: &mut Rng) -> &'static str {
    let southern_share = match region {
        Region::South | Region::Highlands => 0.85,
        Region::CentralCoast => 0.5,
        Region::NorthMountain | Region::NorthDelta => 0.05,
    };
    match family {
        "Hoàng" if rng.chance(southern_share) => "Huỳnh",
        "Vũ" if rng.chance(southern_share) => "Võ",
        other => other,
    }
}

fn hill_name(rng: &mut Rng, female: bool) -> String {
    let family = rng.pick(HILL_FAMILY);
    let (middle, pool) = match (female, rng.chance(0.5)) {
        (true, true) => ("Thị", HILL_FEMALE_GIVEN),
        (true, false) => ("Thị", FEMALE_GIVEN),
        (false, true) => ("Văn", HILL_MALE_GIVEN),
        (false, false) => ("Văn", MALE_GIVEN),
    };
    let given = rng.pick(pool);
    format!("{family} {middle} {given}")
}

fn hmong_name(rng: &mut Rng, female: bool) -> String {
    let family = rng.pick(HMONG_FAMILY);
    if female {
        format!("{family} Thị {}", rng.pick(HILL_FEMALE_GIVEN))
    } else {
        format!(
            "{family} {} {}",
            rng.pick(HMONG_MALE_MIDDLE),
            rng.pick(HILL_MALE_GIVEN)
        )
    }
}

fn highland_name(rng: &mut Rng, female: bool) -> String {
    let clan = rng.pick(HIGHLAND_CLAN);
    if female {
        format!("H'{} {clan}", rng.pick(HIGHLAND_FEMALE_GIVEN))
    } else {
        format!("Y {} {clan}", rng.pick(HIGHLAND_MALE_GIVEN))
    }
}

fn khmer_name(rng: &mut Rng, female: bool) -> String {
    let family = rng.pick(KHMER_FAMILY);
    let given = rng.pick(KHMER_GIVEN);
    if female {
        format!("{family} Thị {given}")
    } else {
        format!("{family} {given}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nguyen_is_about_four_in_ten_in_the_delta() {
        let mut rng = Rng::stream(5, "names", 0);
        let n = 20_000;
        let nguyen = (0..n)
            .filter(|i| {
                person(&mut rng, Region::NorthDelta, false, i % 2 == 0)
                    .name
                    .starts_with("Nguyễn ")
            })
            .count();
        let share = nguyen as f64 / n as f64;
        assert!((0.35..0.42).contains(&share), "{share}");
    }

    #[test]
    fn women_in_the_kinh_majority_are_mostly_thi() {
        let mut rng = Rng::stream(6, "names", 0);
        let thi = (0..1000)
            .filter(|_| kinh_name(&mut rng, Region::South, true).contains(" Thị "))
            .count();
        assert!((450..650).contains(&thi), "{thi}");
    }
}
