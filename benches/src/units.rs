//! The official provinces and communes in force since 2025-07-01, as the generator reads them
//! (`ngo::units`), plus what the generator needs to know about each
//! place to make believable data: its region and roughly where it lies.

use ngo::text::slugify;
use ngo::units::{CommuneUnit, ProvinceUnit};

/// The broad regions whose hamlets are organised and named differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// Northern mountain provinces: many "bản", Tày/Thái/Hmong names.
    NorthMountain,
    /// Red River delta and the north-east coast: "thôn" and "xóm".
    NorthDelta,
    /// North-central and central coast: "thôn", some "bản" in the western hills.
    CentralCoast,
    /// Central highlands: "thôn", "làng" and "buôn".
    Highlands,
    /// South-east and Mekong delta: "ấp", "khóm", Khmer "sóc".
    South,
}

/// Whether a commune is a rural commune, an urban ward or an island special zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommuneKind {
    Xa,
    Phuong,
    DacKhu,
}

#[derive(Debug, Clone)]
pub struct Commune {
    pub code: u32,
    pub name: String,
    pub kind: CommuneKind,
    /// The file name (without `.yaml`) under the province folder; unique inside the province.
    pub file_slug: String,
}

#[derive(Debug, Clone)]
pub struct Province {
    pub code: u32,
    pub name: String,
    pub slug: String,
    pub region: Region,
    /// Provinces with many Khmer hamlets ("sóc") and Khmer family names.
    pub khmer: bool,
    /// Approximate centre `(lat, lon)` and how far its communes spread around it, in degrees.
    pub centre: (f64, f64),
    pub spread: f64,
    pub communes: Vec<Commune>,
}

/// All 34 provinces sorted by code, each with its communes sorted by code: the generator's own
/// list of units, with what the dataset needs besides.
pub fn official() -> Vec<Province> {
    let units = ngo::units::official();
    let mut provinces: Vec<Province> = units
        .provinces()
        .iter()
        .map(|p| province(p, units.communes_of(p.code)))
        .collect();
    provinces.sort_by_key(|p| p.code);
    provinces
}

fn province<'a>(unit: &ProvinceUnit, communes: impl Iterator<Item = &'a CommuneUnit>) -> Province {
    let (centre, spread) = centre(unit.code);
    let mut communes: Vec<Commune> = communes.map(commune).collect();
    communes.sort_by_key(|c| c.code);
    disambiguate_file_slugs(&mut communes);
    Province {
        code: unit.code,
        slug: unit.slug.clone(),
        region: region(unit.code),
        khmer: matches!(unit.code, 86 | 91 | 92 | 96),
        centre,
        spread,
        name: unit.name.clone(),
        communes,
    }
}

fn commune(unit: &CommuneUnit) -> Commune {
    let kind = match unit.kind.as_str() {
        "phường" => CommuneKind::Phuong,
        "đặc khu" => CommuneKind::DacKhu,
        _ => CommuneKind::Xa,
    };
    Commune {
        code: unit.code,
        file_slug: slugify(&unit.short_name),
        name: unit.name.clone(),
        kind,
    }
}

/// Some names differ only by type or diacritics ("Xã Cẩm Giang", "Xã Cẩm Giàng", "Phường Mỹ
/// Tho", "Xã Mỹ Thọ") and fold to the same slug; those files carry the commune code too.
fn disambiguate_file_slugs(communes: &mut [Commune]) {
    let slugs: Vec<String> = communes.iter().map(|c| c.file_slug.clone()).collect();
    for commune in communes.iter_mut() {
        if slugs.iter().filter(|s| **s == commune.file_slug).count() > 1 {
            commune.file_slug = format!("{}-{}", commune.file_slug, commune.code);
        }
    }
}

fn region(code: u32) -> Region {
    match code {
        4 | 8 | 11 | 12 | 14 | 15 | 19 | 20 => Region::NorthMountain,
        1 | 22 | 24 | 25 | 31 | 33 | 37 => Region::NorthDelta,
        52 | 66 | 68 => Region::Highlands,
        75 | 79 | 80 | 82 | 86 | 91 | 92 | 96 => Region::South,
        _ => Region::CentralCoast,
    }
}

/// Rough centres of the merged provinces (between the merged capitals) and their spread.
fn centre(code: u32) -> ((f64, f64), f64) {
    match code {
        1 => ((21.03, 105.80), 0.25),
        4 => ((22.67, 106.10), 0.35),
        8 => ((22.30, 105.10), 0.45),
        11 => ((21.60, 103.10), 0.40),
        12 => ((22.30, 103.30), 0.35),
        14 => ((21.20, 104.00), 0.45),
        15 => ((22.00, 104.30), 0.45),
        19 => ((21.90, 105.85), 0.40),
        20 => ((21.85, 106.60), 0.35),
        22 => ((21.10, 107.20), 0.30),
        24 => ((21.25, 106.20), 0.25),
        25 => ((21.10, 105.25), 0.40),
        31 => ((20.90, 106.45), 0.25),
        33 => ((20.60, 106.20), 0.25),
        37 => ((20.30, 106.05), 0.25),
        38 => ((20.00, 105.50), 0.40),
        40 => ((19.20, 104.90), 0.45),
        42 => ((18.30, 105.70), 0.30),
        44 => ((17.20, 106.60), 0.45),
        46 => ((16.40, 107.50), 0.25),
        48 => ((15.70, 108.00), 0.40),
        51 => ((14.80, 108.30), 0.45),
        52 => ((14.00, 108.40), 0.45),
        56 => ((12.00, 109.00), 0.40),
        66 => ((12.90, 108.40), 0.40),
        68 => ((11.70, 108.00), 0.50),
        75 => ((11.30, 107.00), 0.35),
        79 => ((10.80, 106.70), 0.30),
        80 => ((10.90, 106.20), 0.35),
        82 => ((10.45, 105.90), 0.30),
        86 => ((10.00, 106.20), 0.30),
        91 => ((10.20, 105.10), 0.40),
        92 => ((9.80, 105.80), 0.30),
        96 => ((9.20, 105.20), 0.30),
        _ => ((16.00, 107.00), 0.50),
    }
}

/// Island special zones lie far from their province's centre.
pub fn island_position(commune_code: u32) -> Option<(f64, f64)> {
    Some(match commune_code {
        6994 => (21.07, 107.42),  // Vân Đồn
        7192 => (20.97, 107.76),  // Cô Tô
        11914 => (20.80, 106.90), // Cát Hải
        11948 => (20.13, 107.72), // Bạch Long Vĩ
        19742 => (17.16, 107.34), // Cồn Cỏ
        20333 => (16.50, 111.90), // Hoàng Sa
        21548 => (15.38, 109.12), // Lý Sơn
        22736 => (8.64, 111.92),  // Trường Sa
        23272 => (10.52, 108.94), // Phú Quý
        26732 => (8.68, 106.60),  // Côn Đảo
        31078 => (10.22, 103.96), // Phú Quốc
        31105 => (9.30, 103.47),  // Thổ Châu
        31108 => (9.80, 104.63),  // Kiên Hải
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_country() {
        let provinces = official();
        assert_eq!(provinces.len(), 34);
        let communes: Vec<&Commune> = provinces.iter().flat_map(|p| &p.communes).collect();
        assert_eq!(communes.len(), 3321);
        assert_eq!(
            communes
                .iter()
                .filter(|c| c.kind == CommuneKind::Phuong)
                .count(),
            687
        );
        assert_eq!(
            communes
                .iter()
                .filter(|c| c.kind == CommuneKind::DacKhu)
                .count(),
            13
        );
        assert!(communes
            .iter()
            .filter(|c| c.kind == CommuneKind::DacKhu)
            .all(|c| island_position(c.code).is_some()));
    }

    #[test]
    fn file_names_are_unique_inside_each_province() {
        for p in official() {
            let mut slugs: Vec<&str> = p.communes.iter().map(|c| c.file_slug.as_str()).collect();
            slugs.sort_unstable();
            let before = slugs.len();
            slugs.dedup();
            assert_eq!(before, slugs.len(), "{}", p.name);
        }
    }
}
