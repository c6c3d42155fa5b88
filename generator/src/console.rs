//! Everything the `ngo` command prints for people: problems, summaries, timings.

use std::io::Write;

use crate::build::{BuildError, BuildReport};
use crate::diagnostics::Diagnostics;

/// How much to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Prints all problems, sorted by file and position, then a count.
pub fn print_diagnostics(diagnostics: Diagnostics) {
    let warnings = diagnostics.warning_count();
    let items = diagnostics.into_sorted();
    let mut err = std::io::stderr().lock();
    for d in &items {
        let _ = writeln!(err, "{d}");
    }
    let files = items
        .iter()
        .filter(|d| d.is_error())
        .map(|d| &d.location.path)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let also = match warnings {
        0 => String::new(),
        n => format!(" (và {n} cảnh báo)"),
    };
    let _ = writeln!(
        err,
        "\nCó {} lỗi trong {} tệp{also}. Chưa ghi gì ra thư mục kết quả.",
        items.len() - warnings,
        files
    );
}

/// Prints the warnings of a run that succeeded, unless only errors are wanted.
pub fn print_warnings(warnings: &Diagnostics, verbosity: Verbosity) {
    if verbosity == Verbosity::Quiet || warnings.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    for d in warnings.clone().into_sorted() {
        let _ = writeln!(err, "{d}");
    }
}

pub fn print_error(error: BuildError) {
    match error {
        BuildError::Content(d) => print_diagnostics(d),
        other => eprintln!("lỗi: {other}"),
    }
}

/// The one-line summary after a build, plus step timings when verbose.
pub fn print_build(report: &BuildReport, output: &std::path::Path, verbosity: Verbosity) {
    print_warnings(&report.warnings, verbosity);
    if verbosity == Verbosity::Quiet {
        return;
    }
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
            "Tệp mới hoặc đã đổi: {}, giữ nguyên: {}, đã xóa: {}.",
            w.files, w.kept, w.removed
        );
    }
}
