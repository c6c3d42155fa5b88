//! Runs the national generator on a small country and checks every file against the content
//! format with an independent YAML parser: the output feeds benchmarks and the privacy test,
//! so one invalid file or one repeated phone would make both meaningless.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use ngo::text::slugify;
use ngo_bench::national::{generate, Options, Summary};
use ngo_bench::units;
use serde_yaml::{Mapping, Value};

const TEAMS: u64 = 4_000;
const GUIDES: usize = 15;
const FILE_KEYS: &[&str] = &["province", "commune", "updated", "teams"];
const TEAM_KEYS: &[&str] = &["hamlet", "kind", "id", "meeting", "location", "members"];
const MEMBER_KEYS: &[&str] = &[
    "name",
    "role",
    "phone",
    "zalo",
    "public",
    "consent",
    "withdrawn",
];
const CONSENT_KEYS: &[&str] = &["covers", "given", "method", "evidence", "collected_by"];
const GUIDE_KEYS: &[&str] = &[
    "title", "summary", "skill", "tags", "updated", "order", "draft",
];

fn run(dir: &Path, threads: usize) -> (Summary, PathBuf) {
    let private = dir.join("private.txt");
    let options = Options {
        out: dir.join("site"),
        teams: TEAMS,
        seed: 11,
        guides: GUIDES,
        guides_with_images: 0,
        private_phones: Some(private.clone()),
        threads,
    };
    (generate(&options).expect("generation succeeds"), private)
}

/// Every file under `dir`, by relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                );
            }
        }
    }
    files
}

fn keys(map: &Mapping) -> Vec<&str> {
    map.keys()
        .map(|k| k.as_str().expect("keys are strings"))
        .collect()
}

fn assert_keys(map: &Mapping, allowed: &[&str], what: &str) {
    for key in keys(map) {
        assert!(allowed.contains(&key), "unknown key `{key}` in {what}");
    }
}

/// Any accepted spelling back to the national form, or `None` if it is not a mobile number.
fn national(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let digits = match digits.strip_prefix("84") {
        Some(rest) if phone.starts_with('+') => format!("0{rest}"),
        _ => digits,
    };
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " .-+".contains(c));
    (allowed && digits.len() == 10 && ngo_bench::phone::PREFIXES.contains(&&digits[..3]))
        .then_some(digits)
}

#[derive(Default)]
struct Tally {
    teams: u64,
    members: u64,
    public: HashSet<String>,
    private: HashSet<String>,
    records: u64,
    withdrawn: u64,
}

fn check_commune_file(
    path: &Path,
    communes: &HashMap<u32, u32>,
    seen: &mut HashSet<u32>,
    tally: &mut Tally,
) {
    let doc: Value = serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let map = doc.as_mapping().unwrap();
    assert_keys(map, FILE_KEYS, &path.display().to_string());
    let province = map["province"].as_u64().unwrap() as u32;
    let commune = map["commune"].as_u64().unwrap() as u32;
    assert_eq!(
        communes.get(&commune),
        Some(&province),
        "{}",
        path.display()
    );
    assert!(seen.insert(commune), "two files for commune {commune}");
    assert!(map["updated"].as_str().unwrap().starts_with("2026-"));
    let mut ids = HashSet::new();
    for team in map["teams"].as_sequence().unwrap() {
        let team = team.as_mapping().unwrap();
        assert_keys(team, TEAM_KEYS, &path.display().to_string());
        let hamlet = team["hamlet"].as_str().unwrap();
        let id = team
            .get("id")
            .map_or_else(|| slugify(hamlet), |v| v.as_str().unwrap().to_string());
        assert_eq!(slugify(&id), id);
        assert!(ids.insert(id), "repeated team id in {}", path.display());
        if let Some(location) = team.get("location") {
            let pair: Vec<f64> = location
                .as_sequence()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            assert!(
                (8.0..=23.4).contains(&pair[0]) && (102.0..=117.5).contains(&pair[1]),
                "{pair:?}"
            );
        }
        check_members(team["members"].as_sequence().unwrap(), tally);
        tally.teams += 1;
    }
}

fn check_members(members: &[Value], tally: &mut Tally) {
    assert!((4..=10).contains(&members.len()));
    assert!(members[0]["role"]
        .as_str()
        .unwrap()
        .starts_with("Tổ trưởng"));
    for member in members {
        let member = member.as_mapping().unwrap();
        assert_keys(member, MEMBER_KEYS, "a member");
        let phone = member["phone"].as_str().unwrap();
        let number = national(phone).unwrap_or_else(|| panic!("invalid phone {phone}"));
        let bare = member.get("public").and_then(Value::as_bool) == Some(true);
        let record = member.get("consent").map(check_record);
        let withdrawn = member.get("withdrawn").is_some();
        tally.records += u64::from(record.is_some());
        tally.withdrawn += u64::from(withdrawn);
        assert!(
            !withdrawn || record.is_some(),
            "a withdrawal follows a record"
        );
        let public = (bare || record.is_some()) && !withdrawn;
        let fresh = if public {
            tally.public.insert(number)
        } else {
            tally.private.insert(number)
        };
        assert!(fresh, "repeated phone {phone}");
        tally.members += 1;
    }
}

/// A consent record as the content format asks: every key, a known scope that covers the phone,
/// a date no later than the build's year, a known method.
fn check_record(record: &Value) {
    let record = record.as_mapping().expect("consent is a mapping");
    assert_keys(record, CONSENT_KEYS, "a consent record");
    assert_eq!(keys(record).len(), CONSENT_KEYS.len(), "a complete record");
    let covers: Vec<&str> = record["covers"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(covers.contains(&"phone"), "{covers:?}");
    assert!(covers.iter().all(|c| ["phone", "zalo", "name"].contains(c)));
    let given = record["given"].as_str().unwrap();
    assert!(("2024-01".."2026-07").contains(&given), "{given}");
    let method = record["method"].as_str().unwrap();
    assert!(["paper", "message", "recording", "digital"].contains(&method));
}

fn check_guides(dir: &Path) {
    let mut titles = HashSet::new();
    for entry in fs::read_dir(dir).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        let front = text.split("---\n").nth(1).unwrap();
        let meta: Mapping = serde_yaml::from_str(front).unwrap();
        assert_keys(&meta, GUIDE_KEYS, "a guide");
        let skill = meta["skill"].as_str().unwrap();
        assert!([
            "dich-vu-cong",
            "mua-sam",
            "thanh-toan",
            "an-toan",
            "nen-tang-khac"
        ]
        .contains(&skill));
        assert!(titles.insert(meta["title"].as_str().unwrap().to_string()));
    }
    assert_eq!(titles.len(), GUIDES);
}

#[test]
fn output_follows_the_content_format() {
    let tmp = tempfile::tempdir().unwrap();
    let (summary, private_list) = run(tmp.path(), 2);
    let site = tmp.path().join("site");
    let mut entries: Vec<String> = fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    entries.sort();
    assert_eq!(entries, ["guides", "pages", "site.yaml", "teams"]);

    let communes: HashMap<u32, u32> = units::official()
        .iter()
        .flat_map(|p| p.communes.iter().map(move |c| (c.code, p.code)))
        .collect();
    let (mut seen, mut tally) = (HashSet::new(), Tally::default());
    for province in fs::read_dir(site.join("teams")).unwrap() {
        for file in fs::read_dir(province.unwrap().path()).unwrap() {
            check_commune_file(&file.unwrap().path(), &communes, &mut seen, &mut tally);
        }
    }
    assert_eq!(seen.len(), communes.len());
    assert_eq!(tally.teams, TEAMS);
    assert_eq!(
        (tally.members, tally.public.len() as u64),
        (summary.members, summary.public_phones)
    );
    assert!(tally.public.is_disjoint(&tally.private));
    assert_eq!(
        (tally.records, tally.withdrawn),
        (summary.consent_records, summary.withdrawn)
    );
    assert!(
        tally.records > 1_000 && tally.withdrawn > 10,
        "{tally:?}",
        tally = (tally.records, tally.withdrawn)
    );
    let listed: HashSet<String> = fs::read_to_string(private_list)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(listed, tally.private);
    check_guides(&site.join("guides"));
    let config: Mapping =
        serde_yaml::from_str(&fs::read_to_string(site.join("site.yaml")).unwrap()).unwrap();
    assert_eq!(
        config["privacy"]["publish_phones"].as_str(),
        Some("consent")
    );
}

#[test]
fn same_options_give_the_same_bytes_whatever_the_threads() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run(a.path(), 1);
    run(b.path(), 3);
    assert!(snapshot(a.path()) == snapshot(b.path()), "outputs differ");
}

#[test]
fn refuses_to_clear_a_folder_it_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("site/static")).unwrap();
    let options = Options {
        out: tmp.path().join("site"),
        teams: TEAMS,
        seed: 1,
        guides: 5,
        guides_with_images: 0,
        private_phones: None,
        threads: 1,
    };
    assert!(generate(&options).is_err());
    assert!(tmp.path().join("site/static").exists());
}

#[test]
fn refuses_too_few_teams_and_a_private_list_inside_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let mut options = Options {
        out: tmp.path().join("site"),
        teams: 3_000,
        seed: 1,
        guides: 5,
        guides_with_images: 0,
        private_phones: None,
        threads: 1,
    };
    assert!(generate(&options).is_err());
    assert!(
        !tmp.path().join("site").exists(),
        "nothing is written for invalid options"
    );
    options.teams = TEAMS;
    options.private_phones = Some(tmp.path().join("site/private.txt"));
    assert!(generate(&options).is_err());
}
