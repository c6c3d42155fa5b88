//! Every byte of a national build scanned for every private phone, in every common spelling.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use ngo_tests::cargo_binary;
use ngo_tests::phone_scan::{phones_in_content, scan};

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
    let (public, private_in_files) = phones_in_content(&tmp.path().join("content"));
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
    assert!(
        seen.iter()
            .any(|h| h.file.starts_with("search/") && h.file.ends_with(".shard")),
        "no public phone found in the search shards: are they scanned?"
    );

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
    eprintln!("checked in {:.1}s", started.elapsed().as_secs_f64());
}
