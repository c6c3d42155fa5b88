//! Syllables that hamlet names are built from, by naming tradition: Sino-Vietnamese names in
//! the delta, Tày/Thái and Hmong names in the northern hills, Bahnar/Jrai "làng", Ê Đê "buôn",
//! southern "ấp" names and Khmer "sóc". Real-looking names keep the search tests honest
//! (diacritics, rare letters, names that fold to the same ASCII).

use crate::rng::Rng;

/// Which pool of syllables a named hamlet draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tradition {
    /// Delta and central villages: "Thôn Đông", "Thôn Phú Lộc".
    Sino,
    /// Southern hamlets: "Ấp Tân Phú", "Ấp Giồng Tre".
    Southern,
    /// Northern hills: "Bản Nà Lừa", "Bản Sín Chải".
    Hill,
    /// Central highland "làng": "Làng Plei Ring".
    Lang,
    /// Central highland "buôn": "Buôn Ko Tam".
    Buon,
    /// Khmer hamlets: "Sóc Tà Ốt".
    Khmer,
}

const SINO_SINGLE: &[&str] = &[
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Thượng",
    "Hạ",
    "Đoài",
    "Chùa",
    "Đình",
    "Mới",
    "Bãi",
    "Giữa",
    "Ngoài",
    "Trong",
    "Cầu",
    "Chợ",
    "Đồng",
];
const SINO_A: &[&str] = &[
    "An",
    "Phú",
    "Tân",
    "Đông",
    "Hòa",
    "Bình",
    "Trung",
    "Thượng",
    "Hạ",
    "Lộc",
    "Phúc",
    "Thịnh",
    "Hưng",
    "Yên",
    "Vĩnh",
    "Thanh",
    "Xuân",
    "Quảng",
    "Đại",
    "Kim",
    "Ngọc",
    "Thái",
    "Hợp",
    "Thuận",
    "Cẩm",
    "Hải",
    "Lạc",
    "Nghĩa",
    "Đức",
    "Hậu",
    "Văn",
    "Phong",
    "Thạch",
    "Hồng",
    "Quang",
    "Minh",
    "Tiền",
    "Kiều",
    "Đoài",
    "Cao",
];
const SINO_B: &[&str] = &[
    "Lộc",
    "Phú",
    "Hòa",
    "Bình",
    "Thịnh",
    "Trung",
    "Đông",
    "Nam",
    "Thượng",
    "Hạ",
    "Xá",
    "Lâm",
    "Sơn",
    "Hà",
    "Giang",
    "Khê",
    "Tiến",
    "Lợi",
    "Vinh",
    "Phong",
    "Điền",
    "Tân",
    "Yên",
    "Mỹ",
    "Lập",
    "Thành",
    "Hưng",
    "Long",
    "An",
    "Đình",
    "Cát",
    "Châu",
    "Quế",
    "Liễu",
    "Đào",
    "Trà",
    "Nội",
    "Ngoại",
];
const SOUTH_A: &[&str] = &[
    "Tân",
    "Bình",
    "Long",
    "Phú",
    "Mỹ",
    "Thạnh",
    "An",
    "Hòa",
    "Vĩnh",
    "Hưng",
    "Phước",
    "Thới",
    "Định",
    "Nhơn",
    "Lợi",
    "Trường",
    "Khánh",
    "Hiệp",
    "Thuận",
    "Tấn",
    "Xuân",
    "Đông",
    "Tây",
];
const SOUTH_B: &[&str] = &[
    "Phú", "Hòa", "Thạnh", "Lợi", "Điền", "Hưng", "Quới", "Thuận", "Tây", "Đông", "Thới", "Hiệp",
    "Long", "An", "Mỹ", "Bình", "Lộc", "Trung", "Hậu", "Phước", "Nhứt", "Nhì", "Tiến", "Lập",
    "Hội", "Xuyên",
];
const SOUTH_PLACE: &[&str] = &[
    "Kênh", "Rạch", "Cồn", "Bưng", "Giồng", "Vàm", "Xẻo", "Láng", "Bàu",
];
const SOUTH_PLACE_B: &[&str] = &[
    "Mới", "Gốc", "Cát", "Sao", "Tre", "Dừa", "Xoài", "Bần", "Đước", "Chanh", "Me", "Lớn", "Nhỏ",
    "Sen", "Trôm",
];
const TAI_A: &[&str] = &[
    "Nà", "Nậm", "Huổi", "Pác", "Phiêng", "Bó", "Khuổi", "Co", "Mường", "Lũng", "Khau", "Pá", "Tà",
    "Cốc", "Phai", "Hua", "Pom", "Tạu",
];
const TAI_B: &[&str] = &[
    "Lừa", "Cang", "Mạ", "Hin", "Pục", "Lạn", "Tấu", "Luông", "Phạ", "Ngần", "Mòn", "Chá", "Nưa",
    "Sẳng", "Khoang", "Sài", "Kham", "Ten", "Hốc", "Lầu", "Chang", "Mo", "Pe", "Ta", "Lếch", "Nọi",
    "Cuông", "Pàn", "Bó",
];
const HMONG_A: &[&str] = &[
    "Sín", "Séo", "Lùng", "Tả", "Hồ", "Sà", "Lao", "Mào", "Pả", "Xín", "Pờ", "Ma",
];
const HMONG_B: &[&str] = &[
    "Chải", "Lủng", "Phình", "Van", "Sán", "Thầu", "Pin", "Sử", "Chồ", "Mần", "Ván", "Sáng", "Lìn",
    "Ngài", "Cại",
];
const LANG_A: &[&str] = &["Plei", "Kon", "Ia", "De", "Đăk", "Bơ"];
const LANG_B: &[&str] = &[
    "Ring", "Tơ", "Mơr", "Kop", "Chư", "Klăh", "Hơ", "Pông", "Brêl", "Kla", "Rông", "Jut", "Dơng",
    "Mrông", "Klong", "Pơng", "Ktu", "Rơng", "Bông",
];
const BUON_A: &[&str] = &["Ko", "Ea", "Kô", "Cư", "Krông", "Ako", "Tơng", "Dhăm", "Mơ"];
const BUON_B: &[&str] = &[
    "Tam", "Kmar", "Siêr", "Dhông", "Pan", "Jút", "Bông", "Ktur", "Hdinh", "Mnga", "Drai", "Kbang",
    "Đơn", "Ja", "Knir", "Kuăn",
];
const KHMER_A: &[&str] = &[
    "Tà", "Ca", "Prêk", "Trà", "Tum", "Bưng", "Ô", "Chông", "Sà", "Kha", "Kom",
];
const KHMER_B: &[&str] = &[
    "Ốt", "Lèo", "Lạc", "Vồ", "Tro", "Xoài", "Chuối", "Tiều", "Rùm", "Sơn", "Bôn", "Cu", "Ét",
    "Mết", "Nhô", "Kiết", "Puôl",
];

/// The proper-name part of a hamlet name (without "Thôn", "Bản"...).
pub fn proper_name(tradition: Tradition, rng: &mut Rng) -> String {
    let (a, b) = match tradition {
        Tradition::Sino if rng.chance(0.25) => return rng.pick(SINO_SINGLE).to_string(),
        Tradition::Sino => (SINO_A, SINO_B),
        Tradition::Southern if rng.chance(0.25) => (SOUTH_PLACE, SOUTH_PLACE_B),
        Tradition::Southern => (SOUTH_A, SOUTH_B),
        Tradition::Hill if rng.chance(0.3) => (HMONG_A, HMONG_B),
        Tradition::Hill => (TAI_A, TAI_B),
        Tradition::Lang => (LANG_A, LANG_B),
        Tradition::Buon => (BUON_A, BUON_B),
        Tradition::Khmer => (KHMER_A, KHMER_B),
    };
    let first = rng.pick(a);
    let mut second = rng.pick(b);
    while second == first {
        second = rng.pick(b);
    }
    format!("{first} {second}")
}
