//! The benchmark's pure parts: a wrong percentile, compressed size or target comparison would
//! print a confident "ok" beside a figure that missed.

use std::time::Duration;

use ngo_bench::measure::browser::throttle_applied;
use ngo_bench::measure::build_run::{parse_pages, parse_steps};
use ngo_bench::measure::reload::edited;
use ngo_bench::measure::sizes::brotli_size;
use ngo_bench::measure::stats::{median, percentile_ms};
use ngo_bench::measure::targets::{judge, table, Figure, Target, Unit, Verdict};

fn millis(values: impl IntoIterator<Item = u64>) -> Vec<Duration> {
    values.into_iter().map(Duration::from_millis).collect()
}

#[test]
fn percentiles_use_the_nearest_rank_whatever_the_order() {
    let mut samples = millis(1..=100);
    samples.reverse();
    assert_eq!(percentile_ms(&samples, 0.5), Some(50.0));
    assert_eq!(percentile_ms(&samples, 0.95), Some(95.0));
    assert_eq!(percentile_ms(&samples, 1.0), Some(100.0));
    assert_eq!(percentile_ms(&samples, 0.0), Some(1.0));
    assert_eq!(percentile_ms(&millis([7]), 0.95), Some(7.0));
    assert_eq!(percentile_ms(&[], 0.5), None);
}

#[test]
fn one_slow_run_in_twenty_shows_at_p95_but_not_at_p50() {
    let mut samples = millis([1; 18]);
    samples.extend(millis([40, 40]));
    assert_eq!(percentile_ms(&samples, 0.5), Some(1.0));
    assert_eq!(percentile_ms(&samples, 0.95), Some(40.0));
}

#[test]
fn median_takes_the_middle_or_the_lower_middle() {
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&[4, 1, 3, 2]), Some(2));
    assert_eq!(median::<f64>(&[]), None);
}

#[test]
fn brotli_size_shrinks_repetition_and_round_trips() {
    let text = "Tổ công nghệ số cộng đồng thôn Khe Cát. ".repeat(2_000);
    let size = brotli_size(text.as_bytes());
    assert!(
        size > 0 && size < text.len() / 50,
        "{size} of {}",
        text.len()
    );
    // Pseudo-random bytes do not compress: the helper must not report a made-up gain.
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let noise: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    assert!(brotli_size(&noise) >= noise.len() * 99 / 100);
}

#[test]
fn targets_are_inclusive_bounds_with_an_optional_stretch() {
    let t = Target::with_stretch(12.0, 7.0);
    assert_eq!(judge(Some(6.9), Some(t)), Verdict::Stretch);
    assert_eq!(judge(Some(7.0), Some(t)), Verdict::Stretch);
    assert_eq!(judge(Some(11.0), Some(t)), Verdict::Ok);
    assert_eq!(judge(Some(12.0), Some(t)), Verdict::Ok);
    assert_eq!(judge(Some(12.01), Some(t)), Verdict::Missed);
    assert_eq!(judge(Some(f64::NAN), Some(t)), Verdict::Missed);
    assert_eq!(judge(None, Some(t)), Verdict::NotMeasured);
    assert_eq!(judge(Some(1.0), None), Verdict::None);
    let zero = Target::at_most(0.0);
    assert_eq!(judge(Some(0.0), Some(zero)), Verdict::Ok);
    assert_eq!(judge(Some(1.0), Some(zero)), Verdict::Missed);
}

#[test]
fn the_table_shows_each_verdict_beside_its_figure() {
    let figures = [
        Figure::new("full build", 27.1, Unit::Seconds).target(Target::with_stretch(12.0, 7.0)),
        Figure::new("wasm engine, brotli", 277.0, Unit::KiB).target(Target::at_most(400.0)),
        Figure::missing("first result", Unit::Seconds, "node failed\n  at line 3|4")
            .target(Target::at_most(4.0)),
    ];
    let text = table(&figures);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 5);
    assert!(rows[2].contains("27.10 s") && rows[2].contains("MISSED"));
    assert!(rows[3].contains("277 KB") && rows[3].contains("| ok "));
    assert!(rows[4].contains("not measured") && rows[4].contains("node failed at line 3/4"));
}

#[test]
fn build_output_is_parsed_into_steps_and_pages() {
    let stderr = "  đọc nội dung           5164.6 ms\n  chỉ mục tìm kiếm       3860.6 ms\nnoise\n";
    assert_eq!(
        parse_steps(stderr),
        vec![
            ("đọc nội dung".to_string(), 5164.6),
            ("chỉ mục tìm kiếm".to_string(), 3860.6)
        ]
    );
    let stdout = "Đã dựng 97250 trang (34 tỉnh, 3321 xã có dữ liệu) vào out trong 31.51 giây.\n";
    assert_eq!(parse_pages(stdout), Some(97250));
    assert_eq!(parse_pages("nothing"), None);
}

#[test]
fn the_reload_edit_changes_only_the_meeting_place_and_stays_valid_yaml() {
    let original = "province: 22\ncommune: 7\nteams:\n  - hamlet: \"Thôn Khe Cát\"\n    meeting: \"Nhà văn hóa thôn, 19:30 tối thứ Bảy\"\n    members: []\n";
    let changed = edited(original, 2).expect("has a meeting line");
    let before: serde_yaml::Value = serde_yaml::from_str(original).unwrap();
    let after: serde_yaml::Value = serde_yaml::from_str(&changed).unwrap();
    assert_eq!(
        after["teams"][0]["meeting"].as_str(),
        Some("Nhà văn hóa thôn, 19:30 tối thứ Bảy (lần 2)")
    );
    assert_eq!(after["teams"][0]["hamlet"], before["teams"][0]["hamlet"]);
    assert_eq!(after["commune"], before["commune"]);
    assert_ne!(edited(original, 1), edited(original, 2));
    assert_eq!(edited("teams: []\n", 1), None);
}

#[test]
fn a_first_result_faster_than_slow_4g_allows_is_not_taken_as_measured() {
    // 709 KB at 180 KB/s is 3.9 s of transfer alone, plus one 562.5 ms round trip.
    let bytes = 709.0 * 1024.0;
    assert!(!throttle_applied(519.0, bytes));
    assert!(!throttle_applied(4_400.0, bytes));
    assert!(throttle_applied(4_510.0, bytes));
    assert!(throttle_applied(5_368.0, bytes));
    assert!(throttle_applied(600.0, 0.0));
}
