//! How many teams each commune gets, so that the national total is exactly what was asked.
//!
//! Urban wards are dense and split into many residential groups; delta communes have many
//! villages; mountain communes are large but thinly settled. Each commune gets a weight from
//! that, plus its own variation, and the total is shared out by the largest-remainder method
//! after every commune has its first team.

use crate::rng::Rng;
use crate::units::{CommuneKind, Province, Region};

/// Hoàng Sa and Trường Sa special zones: almost nobody lives there.
const REMOTE_ISLANDS: [u32; 2] = [20333, 22736];

/// Team counts for every commune, in the order of `provinces` and their communes.
pub fn allocate(provinces: &[Province], total: u64, seed: u64) -> Result<Vec<u64>, String> {
    let mut rng = Rng::stream(seed, "allocation", 0);
    let weights: Vec<f64> = provinces
        .iter()
        .flat_map(|p| p.communes.iter().map(move |c| (p, c)))
        .map(|(p, c)| base_weight(p, c.kind, c.code) * jitter(&mut rng))
        .collect();
    let communes = weights.len() as u64;
    if total < communes {
        return Err(format!(
            "--teams must be at least {communes}: every commune needs at least one team"
        ));
    }
    Ok(share_out(&weights, total - communes)
        .into_iter()
        .map(|extra| extra + 1)
        .collect())
}

fn base_weight(province: &Province, kind: CommuneKind, code: u32) -> f64 {
    let big_city = matches!(province.code, 1 | 79);
    match kind {
        CommuneKind::DacKhu if REMOTE_ISLANDS.contains(&code) => 0.01,
        CommuneKind::DacKhu => 0.45,
        CommuneKind::Phuong if big_city => 1.85,
        CommuneKind::Phuong => 1.6,
        CommuneKind::Xa => match province.region {
            Region::NorthMountain => 0.75,
            Region::Highlands => 0.85,
            Region::NorthDelta => 1.05,
            Region::CentralCoast | Region::South => 0.95,
        },
    }
}

/// A triangular factor between 0.6 and 1.5: communes of one kind still differ a lot.
fn jitter(rng: &mut Rng) -> f64 {
    0.6 + 0.9 * (rng.unit() + rng.unit()) / 2.0
}

/// Splits `amount` in proportion to `weights`, in whole units, summing exactly to `amount`.
fn share_out(weights: &[f64], amount: u64) -> Vec<u64> {
    let sum: f64 = weights.iter().sum();
    let quotas: Vec<f64> = weights.iter().map(|w| w / sum * amount as f64).collect();
    let mut shares: Vec<u64> = quotas.iter().map(|q| q.floor() as u64).collect();
    let given: u64 = shares.iter().sum();
    let mut by_remainder: Vec<usize> = (0..weights.len()).collect();
    // Ties broken by position, so the result never depends on sort stability or float noise.
    by_remainder.sort_by(|&a, &b| {
        let (ra, rb) = (quotas[a] - quotas[a].floor(), quotas[b] - quotas[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in by_remainder
        .iter()
        .take(amount.saturating_sub(given) as usize)
    {
        shares[i] += 1;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::official;

    #[test]
    fn totals_are_exact() {
        let provinces = official();
        for total in [3321, 3322, 93_524, 374_096] {
            let counts = allocate(&provinces, total, 1).unwrap();
            assert_eq!(counts.iter().sum::<u64>(), total);
            assert!(counts.iter().all(|&c| c >= 1));
        }
        assert!(allocate(&provinces, 3320, 1).is_err());
    }

    #[test]
    fn wards_have_more_teams_than_mountain_communes() {
        let provinces = official();
        let counts = allocate(&provinces, 93_524, 1).unwrap();
        let mut i = 0;
        let (mut ward, mut hill) = (Vec::new(), Vec::new());
        for p in &provinces {
            for c in &p.communes {
                match (c.kind, p.region) {
                    (CommuneKind::Phuong, _) => ward.push(counts[i]),
                    (CommuneKind::Xa, Region::NorthMountain) => hill.push(counts[i]),
                    _ => {}
                }
                i += 1;
            }
        }
        let mean = |v: &[u64]| v.iter().sum::<u64>() as f64 / v.len() as f64;
        assert!(
            mean(&ward) > 1.8 * mean(&hill),
            "{} vs {}",
            mean(&ward),
            mean(&hill)
        );
    }
}
