//! Shard sizes and query latency at national scale, on synthetic data: one province of 10,000
//! hamlet teams and a places shard of 34 provinces, 3,321 communes and 10,023 pre-2025 communes
//! as aliases. `cargo xtask bench-search` runs it (release build).

use std::io::Write;
use std::time::{Duration, Instant};

use ngo_search::{build_shard, Document, Kind, SearchOptions, Shard, Synonyms};

const SYLLABLES: &[&str] = &[
    "An",
    "Bình",
    "Hòa",
    "Phú",
    "Tân",
    "Thạnh",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Thượng",
    "Hạ",
    "Khe",
    "Cát",
    "Quảng",
    "Long",
    "Hưng",
    "Thịnh",
    "Phong",
    "Sơn",
    "Lâm",
    "Hà",
    "Hải",
    "Minh",
    "Đức",
    "Lộc",
    "Phúc",
    "Thọ",
    "Mỹ",
    "Vĩnh",
    "Xuân",
    "Thuận",
    "Lợi",
    "Hiệp",
    "Đồng",
    "Trà",
    "Lương",
    "Cường",
    "Quang",
    "Thành",
    "Yên",
    "Lạc",
    "Tiến",
    "Thắng",
    "Nghĩa",
    "Kim",
];
const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE: &[&str] = &["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc"];
const ROLES: &[&str] = &["Tổ trưởng", "Tổ phó", "Thành viên", "Thành viên"];
const HAMLET_KINDS: &[&str] = &["Thôn", "Thôn", "Bản", "Tổ dân phố", "Khu phố", "Ấp", "Xóm"];

/// A small deterministic generator (xorshift), so every run measures the same data.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    fn name(&mut self) -> String {
        format!("{} {}", self.pick(SYLLABLES), self.pick(SYLLABLES))
    }
}

fn hamlet_title(rng: &mut Rng, n: usize) -> String {
    let kind = rng.pick(HAMLET_KINDS);
    if n.is_multiple_of(3) {
        format!("{kind} {}", 1 + n % 25)
    } else {
        format!("{kind} {}", rng.name())
    }
}

fn team(rng: &mut Rng, n: usize, commune: &(String, u32)) -> Document {
    let title = hamlet_title(rng, n);
    let mut doc = Document::new(
        Kind::Team,
        &title,
        format!("tinh-x/xa-{}/team-{n}/", commune.1),
    );
    doc.subtitle = format!("{}, Tỉnh Quảng Ninh", commune.0);
    let members: Vec<String> = (0..3 + rng.below(4))
        .map(|_| {
            let person = format!(
                "{} {} {}",
                rng.pick(FAMILY),
                rng.pick(MIDDLE),
                rng.pick(SYLLABLES)
            );
            format!("{person} {}", rng.pick(ROLES))
        })
        .collect();
    doc.body = format!(
        "{}. Nhà văn hóa {}",
        members.join(". "),
        title.to_lowercase()
    );
    if rng.below(2) == 0 {
        doc.phones = vec![format!("09{:08}", n * 7919 % 100_000_000)];
    }
    doc.province = Some(22);
    doc.commune = Some(commune.1);
    doc.id = Some(format!("team-{n}"));
    doc
}

fn province_teams(rng: &mut Rng, count: usize) -> Vec<Document> {
    let communes: Vec<(String, u32)> = (0..100)
        .map(|i| (format!("Xã {}", rng.name()), 7000 + i))
        .collect();
    (0..count)
        .map(|n| team(rng, n, &communes[n % communes.len()]))
        .collect()
}

fn places(rng: &mut Rng) -> Vec<Document> {
    let mut docs: Vec<Document> = (0..34)
        .map(|p| {
            Document::new(
                Kind::Place,
                format!("Tỉnh {}", rng.name()),
                format!("p{p}/"),
            )
        })
        .collect();
    for c in 0..3321u32 {
        let mut doc = Document::new(Kind::Place, format!("Xã {}", rng.name()), format!("c{c}/"));
        doc.subtitle = format!("Tỉnh {}", rng.name());
        doc.province = Some(c % 34);
        doc.commune = Some(c);
        doc.boost = 1.2;
        let olds = 3 + usize::from(c % 100 < 2);
        doc.aliases = (0..olds)
            .map(|_| {
                format!(
                    "Xã {}, Huyện {}, Tỉnh {}",
                    rng.name(),
                    rng.name(),
                    rng.name()
                )
            })
            .collect();
        docs.push(doc);
    }
    docs
}

/// Queries a citizen might type about the teams: names, prefixes, typos, phones, members.
fn queries(rng: &mut Rng, teams: &[Document]) -> Vec<String> {
    (0..400)
        .map(|i| {
            let doc = &teams[rng.below(teams.len())];
            let folded = ngo_search::analysis::folded_phrase(&doc.title);
            match i % 5 {
                0 => format!(
                    "{folded} {}",
                    ngo_search::analysis::folded_phrase(&doc.subtitle)
                ),
                1 => folded[..folded.len() - 1].to_string(),
                2 => folded.replacen("a", "", 1),
                3 => doc
                    .phones
                    .first()
                    .map_or(folded.clone(), |p| format!("+84 {}", &p[1..])),
                _ => ngo_search::analysis::folded_phrase(&doc.body[..20.min(doc.body.len())]),
            }
        })
        .collect()
}

fn sizes(bytes: &[u8]) -> String {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).unwrap();
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).unwrap();
    let kb = |n: usize| n as f64 / 1024.0;
    let gzip = kb(gz.finish().unwrap().len());
    format!(
        "{:.0} KB raw, {gzip:.0} KB gzip, {:.0} KB brotli",
        kb(bytes.len()),
        kb(br.len())
    )
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn measure(label: &str, docs: &[Document]) -> Shard {
    let started = Instant::now();
    let bytes = build_shard(docs, &Synonyms::builtin()).unwrap();
    let built = started.elapsed();
    let started = Instant::now();
    let shard = Shard::open(&bytes).unwrap();
    println!(
        "{label}: {} docs, {}; built in {:.2} s, opened in {:.1} ms",
        docs.len(),
        sizes(&bytes),
        built.as_secs_f64(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    shard
}

fn main() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let teams = province_teams(&mut rng, 10_000);
    let province = measure("province (10k teams)", &teams);
    measure("places (34 + 3,321 + 10k old names)", &places(&mut rng));
    let mut times: Vec<Duration> = Vec::new();
    let mut found = 0;
    for query in queries(&mut rng, &teams) {
        let started = Instant::now();
        let hits = province.search(&query, &SearchOptions::default());
        times.push(started.elapsed());
        found += usize::from(!hits.is_empty());
    }
    times.sort();
    println!(
        "{} queries on the province shard: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({found} with hits)",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 1.0)
    );
}
