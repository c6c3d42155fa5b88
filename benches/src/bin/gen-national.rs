//! `gen-national`: writes a synthetic national content folder for benchmarks and privacy tests.
//!
//! ```text
//! cargo run --release -p ngo-bench --bin gen-national -- --out /tmp/national --teams 93524
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use ngo_bench::national::{self, Options, Summary};

/// Generate a complete, valid content folder for the whole country (3,321 communes).
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Content folder to write; it must be empty or hold only an earlier run's output.
    #[arg(long, default_value = "bench-data/national")]
    out: PathBuf,
    /// Hamlet teams in total (at least one per commune).
    #[arg(long, default_value_t = 93_524)]
    teams: u64,
    /// Random seed; the same seed, teams and guides give byte-identical output.
    #[arg(long, default_value_t = 2025)]
    seed: u64,
    /// Guides, spread evenly over the five skills.
    #[arg(long, default_value_t = 300)]
    guides: usize,
    /// How many of the guides are written as steps with six 1080×2400 screenshots each.
    #[arg(long, default_value_t = 0)]
    guides_with_images: usize,
    /// Also write the phones that must never be published, one national number (0912345678)
    /// a line; must lie outside --out.
    #[arg(long)]
    private_phones: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let options = Options {
        out: args.out,
        teams: args.teams,
        seed: args.seed,
        guides: args.guides,
        guides_with_images: args.guides_with_images,
        private_phones: args.private_phones,
        threads,
    };
    match national::generate(&options) {
        Ok(summary) => {
            print_summary(&options, &summary);
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn print_summary(options: &Options, s: &Summary) {
    println!("wrote {}", options.out.display());
    println!("  communes       {:>10}", s.communes);
    println!("  teams          {:>10}", s.teams);
    println!(
        "  members        {:>10}  ({:.2} per team)",
        s.members,
        s.members as f64 / s.teams as f64
    );
    println!(
        "  public phones  {:>10}  ({:.1}%)",
        s.public_phones,
        100.0 * s.public_phones as f64 / s.members as f64
    );
    println!("  private phones {:>10}", s.private_phones);
    println!("  consent records{:>10}", s.consent_records);
    println!("  withdrawn      {:>10}", s.withdrawn);
    println!("  guides         {:>10}", s.guides);
    println!("  files          {:>10}", s.files);
    println!(
        "  bytes          {:>10}  ({:.1} MB)",
        s.bytes,
        s.bytes as f64 / 1e6
    );
    println!("  seconds        {:>10.2}", s.seconds);
}
