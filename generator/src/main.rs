//! The `ngo` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use ngo::build::{self, BuildOptions};
use ngo::console::{self, Verbosity};

// Rendering allocates many short-lived strings on every core; glibc malloc spent a tenth of a
// national build in its free lists, mimalloc does not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Ngõ builds the public portal of the Community Digital Technology Teams (Tổ công nghệ số
/// cộng đồng) from Markdown guides and YAML team lists.
#[derive(Parser)]
#[command(name = "ngo", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print the time of each build step.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the portal into a folder any static server can host.
    Build(BuildArgs),
    /// Check the content and report every problem, writing nothing.
    Check(CheckArgs),
    /// Preview the site on http://127.0.0.1, rebuilding and reloading as files change.
    Serve(ServeArgs),
    /// Search a built portal from the terminal, with the same engine as the browser.
    Search(SearchArgs),
    /// Create a new site folder that builds at once, with comments explaining each file.
    New(NewArgs),
    /// Bring a commune's team list in from Excel or CSV, updating its file and keeping hand edits.
    Import(ImportArgs),
    /// Write a commune's team list out as Excel or CSV, with the headers `import` reads.
    Export(ExportArgs),
}

#[derive(Args)]
struct BuildArgs {
    /// The site folder (with site.yaml, guides/, teams/…).
    #[arg(default_value = "content")]
    site_dir: PathBuf,
    /// Where to write the portal; replaced only when the build succeeds.
    #[arg(short, long, default_value = "public")]
    output: PathBuf,
    /// Include guides and pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// The site folder to check.
    #[arg(default_value = "content")]
    site_dir: PathBuf,
    /// Also report, commune by commune, which phones and names the portal will publish.
    #[arg(long)]
    privacy: bool,
    /// Print the privacy report as JSON.
    #[arg(long, requires = "privacy")]
    json: bool,
}

#[derive(Args)]
struct ServeArgs {
    /// The site folder to preview.
    #[arg(default_value = "content")]
    site_dir: PathBuf,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(short, long, default_value_t = 1111)]
    port: u16,
    /// Open the preview in the web browser.
    #[arg(long)]
    open: bool,
    /// Include guides and pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct SearchArgs {
    /// The built portal folder.
    #[arg(long, default_value = "public")]
    site: PathBuf,
    /// Only this province (code or name); teams are searched only in the chosen province.
    #[arg(long)]
    province: Option<String>,
    /// Only this kind of result.
    #[arg(long, value_parser = ["team", "guide", "place"])]
    kind: Option<String>,
    /// The most results to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print results as a JSON array.
    #[arg(long)]
    json: bool,
    /// What to look for, with or without diacritics: "to cong nghe so thon khe cat".
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
}

#[derive(Args)]
struct NewArgs {
    /// The folder to create (must be missing or empty).
    dir: PathBuf,
}

#[derive(Args)]
struct ImportArgs {
    /// The sheet: .xlsx, .xls, .ods or .csv.
    file: PathBuf,
    /// The province, by code or name ("22", "Quảng Ninh").
    #[arg(long)]
    province: String,
    /// The commune inside it, by code or name ("7054", "Xã Quảng La", "quang la").
    #[arg(long)]
    commune: String,
    /// The sheet to read (default: the first with a header row ngo recognises).
    #[arg(long)]
    sheet: Option<String>,
    /// What a column holds, when its header is not recognised: "Cột X=phone". Fields: hamlet,
    /// kind, name, role, phone, zalo, public, covers, given, method, evidence, collected_by,
    /// withdrawn, note, ignore.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    map: Vec<String>,
    /// The site folder.
    #[arg(long = "site", default_value = "content")]
    site_dir: PathBuf,
    /// Skip bad rows (listed) instead of writing nothing.
    #[arg(long)]
    force: bool,
    /// Print what would change without writing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Args)]
struct ExportArgs {
    /// The province, by code or name.
    #[arg(long)]
    province: String,
    /// The commune inside it, by code or name.
    #[arg(long)]
    commune: String,
    /// The site folder.
    #[arg(long = "site", default_value = "content")]
    site_dir: PathBuf,
    /// The sheet to write: .xlsx or .csv, outside the site folder.
    #[arg(short, long)]
    output: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    match cli.command {
        Command::Build(args) => run_build(args, verbosity),
        Command::Check(args) => run_check(args, verbosity),
        Command::Serve(args) => run_serve(args, verbosity),
        Command::Search(args) => run_search(args),
        Command::New(args) => run_new(args),
        Command::Import(args) => run_import(args, verbosity),
        Command::Export(args) => run_export(args, verbosity),
    }
}

fn run_build(args: BuildArgs, verbosity: Verbosity) -> ExitCode {
    let options = BuildOptions {
        site_dir: args.site_dir,
        output: args.output,
        drafts: args.drafts,
    };
    // A first Ctrl-C lets the build stop at its next write and remove its staging folder; a
    // second one ends the process at once.
    let _ = ctrlc::set_handler(|| {
        if ngo::output::was_interrupted() {
            std::process::exit(130);
        }
        ngo::output::interrupt();
    });
    match build::build(&options) {
        Ok(report) => {
            console::print_build(&report, &options.output, verbosity);
            ExitCode::SUCCESS
        }
        Err(_) if ngo::output::was_interrupted() => {
            eprintln!(
                "Đã dừng theo yêu cầu (Ctrl-C). Thư mục {} vẫn giữ nguyên bản dựng trước.",
                options.output.display()
            );
            ExitCode::from(130)
        }
        Err(err) => {
            console::print_error(err);
            ExitCode::FAILURE
        }
    }
}

fn run_check(args: CheckArgs, verbosity: Verbosity) -> ExitCode {
    if args.privacy {
        return run_privacy(&args);
    }
    match build::check(&args.site_dir, &[]) {
        Ok(site) => {
            console::print_warnings(&site.warnings, verbosity);
            if verbosity != Verbosity::Quiet {
                let totals = ngo::model::Totals::of(&site);
                let warnings = match site.warnings.len() {
                    0 => String::new(),
                    n => format!(" Có {n} cảnh báo ở trên."),
                };
                println!(
                    "Không có lỗi: {} tổ, {} thành viên, {} xã có dữ liệu, {} hướng dẫn.{warnings}",
                    totals.teams, totals.members, totals.communes_with_data, totals.guides
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            console::print_error(err);
            ExitCode::FAILURE
        }
    }
}

fn run_privacy(args: &CheckArgs) -> ExitCode {
    match ngo::privacy::report(&args.site_dir) {
        Ok(report) if args.json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Ok(report) => {
            print!("{}", ngo::privacy::render_table(&report));
            ExitCode::SUCCESS
        }
        Err(err) => {
            console::print_error(err);
            ExitCode::FAILURE
        }
    }
}

fn run_new(args: NewArgs) -> ExitCode {
    match ngo::scaffold::create(&args.dir) {
        Ok(files) => {
            println!("Đã tạo trang mới trong {}:", args.dir.display());
            for file in files {
                println!("  {file}");
            }
            println!("Dựng thử: ngo build {} -o public", args.dir.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("lỗi: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run_serve(args: ServeArgs, verbosity: Verbosity) -> ExitCode {
    let options = ngo::serve::ServeOptions {
        site_dir: args.site_dir,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
        verbosity,
    };
    match ngo::serve::run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lỗi: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_search(args: SearchArgs) -> ExitCode {
    let query = ngo::search::cli::Query {
        text: args.query.join(" "),
        province: args.province,
        kind: args.kind.as_deref().and_then(ngo_search::Kind::from_name),
        limit: args.limit,
    };
    match ngo::search::cli::run(&args.site, &query) {
        Ok(hits) if args.json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&hits).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Ok(hits) => {
            ngo::search::cli::print_hits(&hits);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("lỗi: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_import(args: ImportArgs, verbosity: Verbosity) -> ExitCode {
    let options = ngo::import::ImportOptions {
        file: args.file,
        province: args.province,
        commune: args.commune,
        sheet: args.sheet,
        map: args.map,
        site_dir: args.site_dir,
        force: args.force,
        dry_run: args.dry_run,
    };
    match ngo::import::import(&options) {
        Ok(imported) => {
            if verbosity != Verbosity::Quiet {
                println!("{imported}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

fn run_export(args: ExportArgs, verbosity: Verbosity) -> ExitCode {
    let options = ngo::import::ExportOptions {
        site_dir: args.site_dir,
        province: args.province,
        commune: args.commune,
        output: args.output,
    };
    match ngo::import::export(&options) {
        Ok(exported) => {
            if verbosity != Verbosity::Quiet {
                println!(
                    "Đã ghi {} thành viên của {} vào {}.",
                    exported.members,
                    exported.commune,
                    options.output.display()
                );
            }
            if exported.private_phones > 0 {
                eprintln!(
                    "cảnh báo: tệp {} có {} số điện thoại không được công khai. Đây là dữ liệu riêng tư: \
                     chỉ dùng trong nội bộ, không đăng lên mạng, không gửi rộng rãi.",
                    options.output.display(),
                    exported.private_phones
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
