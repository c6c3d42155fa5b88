//! Shard sizes and query latency at national scale, on synthetic data: one province of 10,000
//! hamlet teams, a places shard of 34 provinces and 3,321 communes, the 10,023 pre-2025
//! communes (`former`), the national list of hamlets and the phone list's buckets. Queries go
//! through `Engine::answer` as a citizen's would: with the province chosen, and without one
//! (the national list of hamlets answering). `cargo xtask bench-search` runs it (release
//! build).

use std::io::Write;
use std::time::{Duration, Instant};

use ngo_search::phones::{bucket, bucket_bits, PhoneBucket, PhoneEntry};
use ngo_search::{
    build_hamlets, build_shard, Document, Engine, Hamlets, Kind, SearchOptions, Shard, Synonyms,
    FORMER, HAMLETS, PLACES,
};

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

/// A commune of the benchmark province: its name and code.
struct Commune {
    name: String,
    code: u32,
    /// Pre-2025 communes, districts and province it took over.
    around: Vec<String>,
}

fn team(rng: &mut Rng, n: usize, commune: &Commune) -> (Document, Option<String>) {
    let title = hamlet_title(rng, n);
    let mut doc = Document::new(
        Kind::Team,
        &title,
        format!("tinh-x/xa-{}/team-{n}/", commune.code),
    );
    doc.subtitle = format!("{}, Tỉnh Quảng Ninh", commune.name);
    doc.context = vec![commune.name.clone()];
    doc.around = commune.around.clone();
    let members: Vec<String> = (0..3 + rng.below(4))
        .map(|_| {
            format!(
                "{} {} {}",
                rng.pick(FAMILY),
                rng.pick(MIDDLE),
                rng.pick(SYLLABLES)
            )
        })
        .collect();
    doc.body = members.join(" · ");
    doc.province = Some(22);
    doc.commune = Some(commune.code);
    let phone = (rng.below(2) == 0).then(|| format!("09{:08}", n * 7919 % 100_000_000));
    (doc, phone)
}

/// The teams and their published phones, each with the index of its team.
fn province_teams(rng: &mut Rng, count: usize) -> (Vec<Document>, Vec<(usize, String)>) {
    let communes: Vec<Commune> = (0..100)
        .map(|i| Commune {
            name: format!("Xã {}", rng.name()),
            code: 7000 + i,
            around: vec![
                "Tỉnh Quảng Ninh".to_string(),
                format!("Xã {}", rng.name()),
                format!("Xã {}", rng.name()),
                format!("Huyện {}", rng.name()),
            ],
        })
        .collect();
    let mut docs = Vec::new();
    let mut phones = Vec::new();
    for n in 0..count {
        let (doc, phone) = team(rng, n, &communes[n % communes.len()]);
        phones.extend(phone.map(|p| (n, p)));
        docs.push(doc);
    }
    (docs, phones)
}

fn places(rng: &mut Rng) -> Vec<Document> {
    let provinces: Vec<String> = (0..34).map(|_| format!("Tỉnh {}", rng.name())).collect();
    let mut docs: Vec<Document> = provinces
        .iter()
        .enumerate()
        .map(|(p, name)| {
            let mut doc = Document::new(Kind::Place, name, format!("p{p}/"));
            doc.province = Some(p as u32);
            doc.boost = 1.3;
            doc
        })
        .collect();
    for c in 0..3321u32 {
        let mut doc = Document::new(Kind::Place, format!("Xã {}", rng.name()), format!("c{c}/"));
        let province = &provinces[(c % 34) as usize];
        doc.subtitle = province.clone();
        doc.context = vec![province.clone()];
        doc.province = Some(c % 34);
        doc.commune = Some(c);
        doc.teams = Some(c % 40);
        doc.boost = 1.2;
        docs.push(doc);
    }
    docs
}

/// Every pre-2025 commune, leading to one of the current ones.
fn former(rng: &mut Rng) -> Vec<Document> {
    (0..10_023u32)
        .map(|i| {
            let c = i % 3321;
            let mut doc =
                Document::new(Kind::Place, format!("Xã {}", rng.name()), format!("c{c}/"));
            let old = format!("Xã {}", rng.name());
            let district = format!("Huyện {}", rng.name());
            doc.subtitle = format!("Tỉnh {}", rng.name());
            doc.aliases = vec![old.clone()];
            doc.context = vec![district.clone()];
            doc.around = vec![format!("Tỉnh {}", rng.name())];
            doc.notes = vec![format!("trước đây: {}, {district}", old.to_lowercase())];
            doc.province = Some(c % 34);
            doc.commune = Some(c);
            doc
        })
        .collect()
}

/// The teams as the national list of hamlets keeps them: where they are now, no members.
fn hamlet_documents(teams: &[Document]) -> Vec<Document> {
    teams
        .iter()
        .map(|team| {
            let mut doc = team.clone();
            doc.around.truncate(1);
            doc.notes.clear();
            doc.body.clear();
            doc
        })
        .collect()
}

/// Queries a citizen might type about the teams: names with their commune, beginnings, slips,
/// member names and phones.
fn queries(rng: &mut Rng, teams: &[Document], phones: &[(usize, String)]) -> Vec<String> {
    let folded = ngo_search::analysis::folded_phrase;
    (0..400)
        .map(|i| {
            let doc = &teams[rng.below(teams.len())];
            let title = folded(&doc.title);
            match i % 5 {
                0 => format!("{title} {}", folded(&doc.context[0])),
                1 => title[..title.len() - 1].to_string(),
                2 => title.replacen('a', "", 1),
                3 => format!("+84 {}", &phones[rng.below(phones.len())].1[1..]),
                _ => folded(&doc.body[..20.min(doc.body.len())]),
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

/// Builds a shard (or the list of hamlets), prints its sizes and build and open times.
fn measure(label: &str, name: &str, docs: &[Document], engine: &mut Engine) {
    let started = Instant::now();
    let bytes = if name == HAMLETS {
        build_hamlets(docs, &Synonyms::builtin()).unwrap()
    } else {
        build_shard(docs, &Synonyms::builtin()).unwrap()
    };
    let built = started.elapsed();
    let started = Instant::now();
    if name == HAMLETS {
        engine.add_hamlets(Hamlets::open(&bytes).unwrap());
    } else {
        engine.add(name, Shard::open(&bytes).unwrap());
    }
    println!(
        "{label}: {} docs, {}; built in {:.2} s, opened in {:.1} ms",
        docs.len(),
        sizes(&bytes),
        built.as_secs_f64(),
        started.elapsed().as_secs_f64() * 1000.0
    );
}

/// The phone list cut into buckets as the generator cuts it; the buckets are given to the
/// engine, and their sizes printed.
fn phone_list(teams: &[Document], phones: &[(usize, String)], engine: &mut Engine) {
    let bits = bucket_bits(phones.len());
    let mut buckets = vec![PhoneBucket::default(); 1 << bits];
    for (n, phone) in phones {
        let team = &teams[*n];
        let digest = ngo_search::phone::digest(phone);
        buckets[bucket(digest, bits) as usize]
            .teams
            .push(PhoneEntry {
                digest,
                title: team.title.clone(),
                url: team.url.clone(),
                subtitle: team.subtitle.clone(),
                province: 22,
                commune: team.commune.unwrap_or_default(),
                vcard: format!("{}to.vcf", team.url),
            });
    }
    let mut largest = 0;
    for (b, list) in buckets.iter().enumerate() {
        let json = serde_json::to_vec(list).unwrap();
        largest = largest.max(json.len());
        let name = ngo_search::phone_bucket_name(b as u32, bits);
        engine.open(&name, &json).unwrap();
    }
    engine.offer_phones(bits);
    println!(
        "phone list: {} numbers in {} buckets, the largest {:.1} KB raw",
        phones.len(),
        buckets.len(),
        largest as f64 / 1024.0
    );
}

/// Answers every query and prints the latency percentiles.
fn latency(label: &str, engine: &Engine, queries: &[String], province: Option<u32>) {
    let options = SearchOptions {
        province,
        ..SearchOptions::default()
    };
    let mut times: Vec<Duration> = Vec::new();
    let mut found = 0;
    for query in queries {
        let started = Instant::now();
        let answer = engine.answer(query, &options);
        times.push(started.elapsed());
        assert!(
            answer.needs.is_empty(),
            "{query:?} needs {:?}",
            answer.needs
        );
        found += usize::from(!answer.hits.is_empty() || !answer.phones.is_empty());
    }
    times.sort();
    println!(
        "{} queries, {label}: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({found} with hits)",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 1.0)
    );
}

fn main() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (teams, phones) = province_teams(&mut rng, 10_000);
    let mut engine = Engine::new();
    measure("province (10k teams)", "p22", &teams, &mut engine);
    measure(
        "places (34 + 3,321)",
        PLACES,
        &places(&mut rng),
        &mut engine,
    );
    measure(
        "former (10,023 old communes)",
        FORMER,
        &former(&mut rng),
        &mut engine,
    );
    measure(
        "hamlets (10k teams)",
        HAMLETS,
        &hamlet_documents(&teams),
        &mut engine,
    );
    phone_list(&teams, &phones, &mut engine);
    let queries = queries(&mut rng, &teams, &phones);
    latency("province chosen", &engine, &queries, Some(22));
    latency("no province (hamlets, former)", &engine, &queries, None);
}
