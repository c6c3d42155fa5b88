//! Everything the `ngo` command prints for people: problems, summaries, timings.

use std::io::Write;

use crate::build::{BuildError, BuildReport};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// How much to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Prints all problems, sorted by file and position, then a count.
pub fn print_diagnostics(diagnostics: Diagnostics) {
    let items = diagnostics.into_sorted();
    let mut err = std::io::stderr().lock();
    for d in &items {
        let _ = writeln!(err, "{d}");
    }
    let errors: Vec<&Diagnostic> = items.iter().filter(|d| !d.is_warning()).collect();
    let files = errors
        .iter()
        .map(|d| &d.location.path)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let _ = writeln!(
        err,
        "\nCó {} lỗi trong {} tệp. Chưa ghi gì ra thư mục kết quả.",
        errors.len(),
        files
    );
}

/// Prints warnings (problems that did not stop the build), sorted by file and position.
pub fn print_warnings(warnings: &[Diagnostic]) {
    if warnings.is_empty() {
        return;
    }
    let sorted = warnings
        .iter()
        .cloned()
        .collect::<Diagnostics>()
        .into_sorted();
    let mut err = std::io::stderr().lock();
    for d in &sorted {
        let _ = writeln!(err, "{d}");
    }
    let _ = writeln!(
        err,
        "Có {} cảnh báo (không ngăn việc dựng trang).\n",
        warnings.len()
    );
}

pub fn print_error(error: BuildError) {
    match error {
        BuildError::Content(d) => print_diagnostics(d),
        other => eprintln!("lỗi: {other}"),
    }
}

/// The one-line summary after a build, plus step timings when verbose.
pub fn print_build(report: &BuildReport, output: &std::path::Path, verbosity: Verbosity) {
    if verbosity == Verbosity::Quiet {
        return;
    }
    print_warnings(&report.warnings);
    if verbosity == Verbosity::Verbose {
        for (name, took) in &report.steps {
            eprintln!("  {name:<30} {:>8.1} ms", took.as_secs_f64() * 1000.0);
        }
        let i = &report.images;
        eprintln!(
            "  ảnh hướng dẫn: {} ảnh gốc; tệp mã hóa mới {}, chép từ bộ nhớ đệm {}, giữ nguyên {}",
            i.sources, i.encoded, i.from_cache, i.kept
        );
    }
    println!(
        "Đã dựng {} trang ({} tỉnh, {} xã có dữ liệu, {} tổ, {} thành viên, {} hướng dẫn) vào {} trong {:.2} giây.",
        report.pages,
        report.provinces,
        report.communes_with_data,
        report.teams,
        report.members,
        report.guides,
        output.display(),
        report.elapsed.as_secs_f64()
    );
    let w = &report.written;
    if w.kept > 0 {
        // A rebuild: say what it changed, so an editor sees that an edit went out.
        println!(
            "Tệp mới hoặc đã đổi: {}, giữ nguyên: {}, đã xoá: {}.",
            w.files, w.kept, w.removed
        );
    }
}
