//! Every byte of a national build scanned for every private phone, in every common spelling, and
//! for every withdrawn member; open data holds no phone, no data file the phones of two teams,
//! and a commune page one number per team card.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use aho_corasick::AhoCorasick;
use ngo::units::{self, UnitRef};
use ngo_tests::phone_scan::{
    members_in_content, scan, split_phones, teams_per_data_file, ContentMember,
};
use ngo_tests::{cargo_binary, files_under};

/// Writes the national dataset into `dir/content` and its private phones into `dir/private.txt`.
pub fn generate(dir: &Path, teams: u64) -> Vec<String> {
    let generator = cargo_binary("ngo-bench", "gen-national");
    let private = dir.join("private.txt");
    let status = Command::new(generator)
        .arg("--out")
        .arg(dir.join("content"))
        .arg("--teams")
        .arg(teams.to_string())
        .arg("--guides")
        .arg("60")
        .arg("--private-phones")
        .arg(&private)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("gen-national starts");
    assert!(status.success(), "gen-national failed");
    std::fs::read_to_string(&private)
        .expect("private list written")
        .lines()
        .map(str::to_string)
        .collect()
}

#[cfg_attr(
    debug_assertions,
    ignore = "national scale: run with --release (tests/run-all does)"
)]
#[test]
fn no_private_phone_in_any_byte_of_a_national_build() {
    let tmp = crate::scratch();
    let started = Instant::now();
    let private = generate(tmp.path(), 93_524);
    let members = members_in_content(&tmp.path().join("content"));
    let (public, private_in_files) = split_phones(&members);
    let withdrawn: Vec<&ContentMember> = members.iter().filter(|m| m.withdrawn).collect();
    assert!(withdrawn.len() > 500, "{} withdrawals", withdrawn.len());
    assert_eq!(
        private.iter().collect::<BTreeSet<_>>(),
        private_in_files.iter().collect::<BTreeSet<_>>(),
        "the generator's private list and the content files disagree"
    );
    assert!(private.len() > 10_000 && public.len() > 10_000);
    let generated = started.elapsed();

    let out = tmp.path().join("public");
    let build = Command::new(cargo_binary("ngo", "ngo"))
        .arg("build")
        .arg(tmp.path().join("content"))
        .arg("-o")
        .arg(&out)
        .arg("--quiet")
        .status()
        .expect("ngo starts");
    assert!(build.success(), "national build failed");
    let built = started.elapsed();

    // One pass for both lists: the public phones are the control that the scan can see.
    let all: Vec<String> = private.iter().chain(&public).cloned().collect();
    let found = scan(&out, &all);
    let private_set: HashSet<&String> = private.iter().collect();
    let (leaks, seen): (Vec<_>, Vec<_>) = found
        .hits
        .iter()
        .partition(|h| private_set.contains(&h.number));
    eprintln!(
        "national privacy scan: {} private and {} public phones, {} files, {:.0} MB, \
         {} digit runs inside other numbers set aside; \
         generated and read {:.1}s, built {:.1}s, scanned {:.1}s",
        private.len(),
        public.len(),
        found.files,
        found.bytes as f64 / 1e6,
        found.inside_other_numbers,
        generated.as_secs_f64(),
        (built - generated).as_secs_f64(),
        (started.elapsed() - built).as_secs_f64(),
    );
    assert!(
        leaks.is_empty(),
        "{} private phone spellings found, first: {:?}",
        leaks.len(),
        &leaks[..leaks.len().min(10)]
    );
    let unseen: Vec<&String> = public
        .iter()
        .filter(|n| !found.seen.contains_key(*n))
        .collect();
    assert!(
        unseen.is_empty(),
        "{} public phones not found: the scan is blind ({:?}…)",
        unseen.len(),
        &unseen[..unseen.len().min(5)]
    );
    // The search files are scanned too, and hold no readable number: published phones are
    // found through the national list of digests, checked here by searching a few of them.
    assert!(
        !seen.iter().any(|h| h.file.starts_with("search/")),
        "a phone readable in the search files"
    );
    for number in public.iter().step_by(public.len() / 5 + 1) {
        let found = Command::new(cargo_binary("ngo", "ngo"))
            .args(["search", "--site"])
            .arg(&out)
            .args(["--json", number])
            .output()
            .expect("ngo search runs");
        let stdout = String::from_utf8_lossy(&found.stdout);
        assert!(
            stdout.contains("\"kind\": \"team\""),
            "public {number} not found by the phone list: {stdout}"
        );
    }

    // The commune files as the build parsed them, kept beside the output for the next build,
    // hold no more than the output does. (The other file kept there, `.public.ngo-manifest`,
    // holds output paths, hexadecimal fingerprints, sizes and times: no content, and digit runs
    // that only look like phone numbers.)
    let beside = tmp.path().join("beside");
    std::fs::create_dir_all(&beside).unwrap();
    std::fs::copy(
        tmp.path().join(".public.ngo-parsed"),
        beside.join(".public.ngo-parsed"),
    )
    .expect("kept beside the output");
    let kept = scan(&beside, &all);
    let kept_leaks: Vec<_> = kept
        .hits
        .iter()
        .filter(|h| private_set.contains(&h.number))
        .collect();
    assert!(
        kept_leaks.is_empty(),
        "{} private phone spellings beside the output, first: {:?}",
        kept_leaks.len(),
        &kept_leaks[..kept_leaks.len().min(10)]
    );
    assert!(
        kept.hits.iter().any(|h| h.file == ".public.ngo-parsed"),
        "no public phone in the parsed files: is the scan blind to them?"
    );

    withdrawn_members_are_nowhere(&out, &members, &withdrawn);
    for file in [
        "du-lieu-mo/to-cong-nghe-so.json",
        "du-lieu-mo/to-cong-nghe-so.csv",
    ] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(text.len() > 1_000_000, "{file} is the national one");
        let in_it: Vec<_> = found.hits.iter().filter(|h| h.file == file).collect();
        assert!(
            in_it.is_empty(),
            "phones in {file}: {:?}",
            &in_it[..in_it.len().min(5)]
        );
    }
    let files = teams_per_data_file(&found, &members);
    assert!(files.len() > 50_000, "the vCards are seen: {}", files.len());
    let shared: Vec<_> = files.iter().filter(|(_, teams)| teams.len() > 1).collect();
    assert!(
        shared.is_empty(),
        "data files with phones of two teams: {:?}",
        &shared[..shared.len().min(5)]
    );
    one_number_per_commune_card(&out);
    eprintln!("checked in {:.1}s", started.elapsed().as_secs_f64());
}

/// The page of a member's team, as `urls.rs` spells it.
fn team_page(member: &ContentMember) -> String {
    let all = units::official();
    let province = all
        .resolve_province(UnitRef::Name(&member.province))
        .expect("generated provinces resolve");
    let commune = all
        .resolve_commune(province.code, UnitRef::Name(&member.commune))
        .expect("generated communes resolve");
    let id = member
        .team_id
        .clone()
        .unwrap_or_else(|| ngo::text::slugify(&member.hamlet));
    format!("{}/{}/{id}/", province.slug, commune.slug)
}

/// A withdrawn member's name is on no page, vCard, shard or open-data file. Names are common:
/// a name no listed member shares must be absent from every byte; one that is shared must still
/// be absent from the member's own team page and vCard (unless a teammate shares it too).
fn withdrawn_members_are_nowhere(
    out: &Path,
    members: &[ContentMember],
    withdrawn: &[&ContentMember],
) {
    let listed: HashSet<&str> = members
        .iter()
        .filter(|m| !m.withdrawn)
        .map(|m| m.name.as_str())
        .collect();
    let unique: Vec<&str> = withdrawn
        .iter()
        .map(|m| m.name.as_str())
        .filter(|n| !listed.contains(n))
        .collect();
    assert!(
        !unique.is_empty(),
        "no withdrawn name is unique: the first check would be empty"
    );
    // As written in JSON, vCards and CSV, and as the pages escape it.
    let patterns: Vec<String> = unique
        .iter()
        .flat_map(|n| [n.to_string(), html_escaped(n)])
        .collect();
    let matcher = AhoCorasick::new(&patterns).expect("names build");
    for file in files_under(out) {
        let bytes = std::fs::read(out.join(&file)).unwrap();
        if let Some(m) = matcher.find(&bytes) {
            panic!(
                "withdrawn member {} in {file}",
                patterns[m.pattern().as_usize()]
            );
        }
    }
    // Names the pages show (gen-national's site shows names of members without a record).
    let mut team_names: HashMap<String, Vec<&str>> = HashMap::new();
    for m in members.iter().filter(|m| m.name_shown(true)) {
        team_names.entry(m.team()).or_default().push(&m.name);
    }
    let mut checked = 0;
    for member in withdrawn {
        let teammates = team_names.get(&member.team()).cloned().unwrap_or_default();
        if teammates.contains(&member.name.as_str()) {
            continue;
        }
        let page = team_page(member);
        let html = std::fs::read_to_string(out.join(&page).join("index.html"))
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        if let Some(other) = teammates.first() {
            assert!(
                html.contains(&html_escaped(other)),
                "{page} is the team's page"
            );
        }
        assert!(
            !html.contains(&html_escaped(&member.name)),
            "withdrawn {} on {page}",
            member.name
        );
        let vcard = std::fs::read_to_string(out.join(&page).join("to.vcf")).unwrap_or_default();
        assert!(
            !vcard.contains(&member.name),
            "withdrawn {} in {page}to.vcf",
            member.name
        );
        checked += 1;
    }
    assert!(
        checked * 10 > withdrawn.len() * 9,
        "{checked} of {} checked",
        withdrawn.len()
    );
    eprintln!(
        "withdrawn: {} members, {} names unique nationally and absent from every file, {checked} absent from their team's page and vCard",
        withdrawn.len(),
        unique.len()
    );
}

/// Text as the templates escape it (`H'Yơn` → `H&#39;Yơn`).
fn html_escaped(text: &str) -> String {
    ngo::render::templates::escape_html(text)
}

/// Every team card of every commune page offers at most one number.
fn one_number_per_commune_card(out: &Path) {
    let mut cards = 0;
    for file in files_under(out) {
        let parts: Vec<&str> = file.split('/').collect();
        if parts.len() != 3 || parts[2] != "index.html" || parts[0] == "tra-cuu-dia-chi-cu" {
            continue;
        }
        let html = std::fs::read_to_string(out.join(&file)).unwrap();
        for card in html.split("<li class=\"card team-card\">").skip(1) {
            let card = card.split("</li>").next().unwrap();
            let numbers: BTreeSet<&str> = card
                .split("href=\"tel:")
                .skip(1)
                .map(|p| p.split('"').next().unwrap())
                .collect();
            assert!(numbers.len() <= 1, "{file}: {numbers:?}");
            cards += 1;
        }
    }
    assert!(cards > 90_000, "{cards} team cards seen");
}
