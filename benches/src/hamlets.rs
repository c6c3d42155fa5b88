//! Hamlets and residential groups: which kinds a commune has and what they are called.
//!
//! Each team is named after the hamlet it serves, and its id defaults to the slug of that name,
//! so a commune's namer hands out names whose slugs never repeat inside the commune.

use std::collections::HashSet;

use crate::hamlet_names::{proper_name, Tradition};
use crate::rng::Rng;
use crate::units::{CommuneKind, Province, Region};
use ngo::text::slugify;

/// The kinds the content format accepts (`kind:`), as the enum the generator draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Thon,
    ToDanPho,
    KhuPho,
    KhuDanCu,
    Ap,
    Khom,
    Ban,
    Buon,
    Lang,
    Soc,
    Xom,
    To,
}

impl Kind {
    const ALL: [Kind; 12] = [
        Kind::Thon,
        Kind::ToDanPho,
        Kind::KhuPho,
        Kind::KhuDanCu,
        Kind::Ap,
        Kind::Khom,
        Kind::Ban,
        Kind::Buon,
        Kind::Lang,
        Kind::Soc,
        Kind::Xom,
        Kind::To,
    ];

    /// The value written after `kind:`.
    pub fn key(self) -> &'static str {
        self.words().0
    }

    /// How the kind starts a hamlet's name.
    pub fn title(self) -> &'static str {
        self.words().1
    }

    /// Short form that editors use when they pick an explicit id (`tdp05`).
    fn abbreviation(self) -> &'static str {
        self.words().2
    }

    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Kind::Thon => ("thôn", "Thôn", "thon"),
            Kind::ToDanPho => ("tổ dân phố", "Tổ dân phố", "tdp"),
            Kind::KhuPho => ("khu phố", "Khu phố", "kp"),
            Kind::KhuDanCu => ("khu dân cư", "Khu dân cư", "kdc"),
            Kind::Ap => ("ấp", "Ấp", "ap"),
            Kind::Khom => ("khóm", "Khóm", "khom"),
            Kind::Ban => ("bản", "Bản", "ban"),
            Kind::Buon => ("buôn", "Buôn", "buon"),
            Kind::Lang => ("làng", "Làng", "lang"),
            Kind::Soc => ("sóc", "Sóc", "soc"),
            Kind::Xom => ("xóm", "Xóm", "xom"),
            Kind::To => ("tổ", "Tổ", "to"),
        }
    }

    fn index(self) -> usize {
        Kind::ALL
            .iter()
            .position(|k| *k == self)
            .expect("every kind is listed")
    }

    /// How likely a hamlet of this kind is to be numbered rather than named, before the
    /// commune's own habit is applied.
    fn numbered_bias(self) -> f64 {
        match self {
            Kind::ToDanPho | Kind::KhuPho | Kind::Khom | Kind::KhuDanCu => 0.8,
            Kind::To => 1.0,
            Kind::Thon | Kind::Xom | Kind::Ap => 0.45,
            Kind::Ban | Kind::Buon | Kind::Lang | Kind::Soc => 0.05,
        }
    }

    fn tradition(self, region: Region) -> Tradition {
        match (self, region) {
            (Kind::Ban, _) => Tradition::Hill,
            (Kind::Lang, _) => Tradition::Lang,
            (Kind::Buon, _) => Tradition::Buon,
            (Kind::Soc, _) => Tradition::Khmer,
            (Kind::Ap | Kind::Khom | Kind::KhuPho, _) | (_, Region::South) => Tradition::Southern,
            _ => Tradition::Sino,
        }
    }
}

/// The mix of hamlet kinds in one commune, by region and commune type.
pub fn kind_mix(province: &Province, commune: CommuneKind) -> Vec<(Kind, f64)> {
    use Kind::*;
    let mekong = matches!(province.code, 80 | 82 | 86 | 91 | 92 | 96);
    match (commune, province.region) {
        (CommuneKind::Phuong, Region::South) if mekong => vec![(KhuPho, 0.6), (Khom, 0.4)],
        (CommuneKind::Phuong, Region::South) => vec![(KhuPho, 1.0)],
        (CommuneKind::Phuong, Region::NorthMountain) => vec![(ToDanPho, 0.6), (To, 0.4)],
        (CommuneKind::Phuong, Region::Highlands) => vec![(ToDanPho, 0.75), (To, 0.15), (Thon, 0.1)],
        (CommuneKind::Phuong, _) => vec![(ToDanPho, 0.85), (KhuPho, 0.1), (KhuDanCu, 0.05)],
        (CommuneKind::DacKhu, Region::South) => vec![(Ap, 0.6), (KhuPho, 0.3), (KhuDanCu, 0.1)],
        (CommuneKind::DacKhu, _) => vec![(Thon, 0.6), (KhuDanCu, 0.2), (ToDanPho, 0.2)],
        (CommuneKind::Xa, region) => rural_mix(province.code, region, province.khmer),
    }
}

fn rural_mix(code: u32, region: Region, khmer: bool) -> Vec<(Kind, f64)> {
    use Kind::*;
    match (region, code) {
        (Region::NorthMountain, _) => vec![(Ban, 0.55), (Thon, 0.35), (Xom, 0.1)],
        (Region::NorthDelta, _) => vec![(Thon, 0.75), (Xom, 0.2), (KhuDanCu, 0.05)],
        (Region::CentralCoast, 38 | 40) => vec![(Thon, 0.6), (Ban, 0.2), (Xom, 0.2)],
        (Region::CentralCoast, 42) => vec![(Thon, 0.7), (Xom, 0.3)],
        (Region::CentralCoast, 51) => vec![(Thon, 0.8), (Lang, 0.2)],
        (Region::CentralCoast, _) => vec![(Thon, 1.0)],
        (Region::Highlands, 52) => vec![(Thon, 0.6), (Lang, 0.35), (Buon, 0.05)],
        (Region::Highlands, 66) => vec![(Thon, 0.6), (Buon, 0.4)],
        (Region::Highlands, _) => vec![(Thon, 0.85), (Buon, 0.15)],
        (Region::South, _) if khmer => vec![(Ap, 0.9), (Soc, 0.1)],
        (Region::South, _) => vec![(Ap, 1.0)],
    }
}

/// One hamlet: its display name, kind, and the team id an editor wrote (rarely).
#[derive(Debug, Clone)]
pub struct Hamlet {
    pub name: String,
    pub kind: Kind,
    pub explicit_id: Option<String>,
}

/// Hands out hamlet names for one commune, never repeating a team id.
pub struct HamletNamer {
    mix: Vec<(Kind, f64)>,
    region: Region,
    /// Communes differ in habit: some number every hamlet, others name them.
    numbering_habit: f64,
    /// "Tổ dân phố số 5" or "Tổ dân phố 5": one commune keeps one style.
    with_so: bool,
    counters: [u32; Kind::ALL.len()],
    /// Every id in use: default slugs of names and explicit ids alike.
    taken: HashSet<String>,
}

impl HamletNamer {
    pub fn new(province: &Province, commune: CommuneKind, rng: &mut Rng) -> HamletNamer {
        HamletNamer {
            mix: kind_mix(province, commune),
            region: province.region,
            numbering_habit: rng.pick(&[0.3, 1.0, 1.8]),
            with_so: rng.chance(0.5),
            counters: [0; Kind::ALL.len()],
            taken: HashSet::new(),
        }
    }

    /// The next hamlet; `explicit_share` of them carry an explicit `id`.
    pub fn next(&mut self, rng: &mut Rng, explicit_share: f64) -> Hamlet {
        let kind = rng.weighted(&self.mix);
        let numbered = rng.chance((kind.numbered_bias() * self.numbering_habit).min(1.0));
        let named = if numbered {
            None
        } else {
            self.try_named(kind, rng)
        };
        let (name, label) = named.unwrap_or_else(|| self.numbered(kind));
        // Names stay unique too (a directory with two "Thôn Đông" would confuse people), so a
        // name's slug is reserved even when an explicit id replaces it.
        self.taken.insert(slugify(&name));
        let explicit_id = rng
            .chance(explicit_share)
            .then_some(label)
            .filter(|id| self.taken.insert(id.clone()));
        Hamlet {
            name,
            kind,
            explicit_id,
        }
    }

    /// A named hamlet and its would-be explicit id, or `None` when the pool seems exhausted.
    fn try_named(&mut self, kind: Kind, rng: &mut Rng) -> Option<(String, String)> {
        (0..12).find_map(|_| {
            let proper = proper_name(kind.tradition(self.region), rng);
            let name = format!("{} {proper}", kind.title());
            (!self.taken.contains(&slugify(&name))).then(|| (name, slugify(&proper)))
        })
    }

    fn numbered(&mut self, kind: Kind) -> (String, String) {
        loop {
            let counter = &mut self.counters[kind.index()];
            *counter += 1;
            let n = *counter;
            let so = if self.with_so && matches!(kind, Kind::ToDanPho | Kind::KhuDanCu) {
                "số "
            } else {
                ""
            };
            let name = format!("{} {so}{n}", kind.title());
            if !self.taken.contains(&slugify(&name)) {
                return (name, format!("{}{n:02}", kind.abbreviation()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::official;

    #[test]
    fn ids_never_repeat_even_in_a_crowded_commune() {
        let provinces = official();
        for province in &provinces {
            let mut rng = Rng::stream(9, "hamlets", u64::from(province.code));
            let mut namer = HamletNamer::new(province, CommuneKind::Xa, &mut rng);
            let mut ids = HashSet::new();
            for _ in 0..1500 {
                let h = namer.next(&mut rng, 0.05);
                let id = h.explicit_id.clone().unwrap_or_else(|| slugify(&h.name));
                assert!(ids.insert(id), "{} in {}", h.name, province.name);
                assert!(h.name.starts_with(h.kind.title()));
            }
        }
    }

    #[test]
    fn northern_hills_have_ban() {
        let provinces = official();
        let lai_chau = provinces.iter().find(|p| p.code == 12).unwrap();
        let mut rng = Rng::stream(1, "hamlets", 12);
        let mut namer = HamletNamer::new(lai_chau, CommuneKind::Xa, &mut rng);
        let ban = (0..200)
            .filter(|_| namer.next(&mut rng, 0.0).kind == Kind::Ban)
            .count();
        assert!(ban > 80, "{ban}");
    }
}
