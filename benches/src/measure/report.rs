//! The Markdown report `--write` saves.

use super::targets::{table, Figure};

pub fn markdown(machine: &[(String, String)], figures: &[Figure], notes: &[String]) -> String {
    let mut out = String::from("# Benchmarks\n\n");
    out.push_str(
        "Measured by `cargo run --release -p ngo-bench --bin bench` on the synthetic national \
         dataset (`gen-national`, seed 2025). Regenerate this file with `--write BENCHMARKS.md`.\n\n",
    );
    out.push_str("## Machine\n\n");
    for (key, value) in machine {
        out.push_str(&format!("- {key}: {value}\n"));
    }
    out.push_str("\n## Figures\n\n");
    out.push_str(&table(figures));
    out.push_str("\n## Notes\n\n");
    for note in notes {
        out.push_str(&format!("- {note}\n"));
    }
    out
}
