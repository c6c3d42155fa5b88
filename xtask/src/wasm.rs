//! The WebAssembly search module: build, cross-target test, benchmark.

use std::path::{Path, PathBuf};

use crate::error::TaskError;
use crate::run::{arg, run, run_with, target_dir};
use crate::sizes;
use crate::tools::{self, WASM_TARGET};

/// Where the browser module is written (the theme copies it from here).
fn dist_dir(root: &Path) -> PathBuf {
    target_dir(root).join("wasm-dist")
}

/// Where the native side writes shards and expected hits for the Node test.
fn fixtures_dir(root: &Path) -> PathBuf {
    target_dir(root).join("search-fixtures")
}

/// Builds, binds and optimises the module into target/wasm-dist/ and prints its sizes.
pub fn build(root: &Path) -> Result<(), TaskError> {
    tools::ensure_wasm_target(root)?;
    let bindgen = tools::ensure_wasm_bindgen(root)?;
    let wasm_opt = tools::ensure_wasm_opt(root)?;
    compile(root)?;
    let dist = dist_dir(root);
    bind(root, &bindgen, &dist)?;
    let module = dist.join("ngo_search_bg.wasm");
    optimise(root, &wasm_opt, &module)?;
    install_in_theme(root, &dist)?;
    sizes::report(&[&module, &dist.join("ngo_search.js")])
}

/// Copies the module and its glue into the default theme, which the generator embeds: a
/// portal builds with the committed module on machines without the wasm toolchain. The module
/// goes in raw and compressed (brotli at quality 11, gzip at level 9): portals serve the
/// compressed forms to hosts that do not compress `application/wasm`, and compressing here,
/// once per module, keeps that work out of every build.
fn install_in_theme(root: &Path, dist: &Path) -> Result<(), TaskError> {
    let theme = root.join("themes/default/search");
    let write = |name: &str, bytes: &[u8]| {
        let target = theme.join(name);
        std::fs::write(&target, bytes).map_err(|source| TaskError::File {
            path: target.clone(),
            source,
        })
    };
    for name in ["ngo_search.js", "ngo_search_bg.wasm"] {
        let source = dist.join(name);
        let bytes = std::fs::read(&source).map_err(|e| TaskError::File {
            path: source.clone(),
            source: e,
        })?;
        write(name, &bytes)?;
        if name.ends_with(".wasm") {
            write(&format!("{name}.br"), &sizes::brotli(&bytes))?;
            write(&format!("{name}.gz"), &sizes::gzip(&bytes))?;
        }
    }
    Ok(())
}

/// Builds with the `wasm` profile, keeping the `target_features` section that `strip = true`
/// would drop: wasm-bindgen reads it, and wasm-opt strips everything at the end.
fn compile(root: &Path) -> Result<(), TaskError> {
    let args = [
        "build",
        "--locked",
        "-p",
        "ngo-search",
        "--target",
        WASM_TARGET,
    ];
    let profile = [
        "--profile",
        "wasm",
        "--config",
        "profile.wasm.strip=\"debuginfo\"",
    ];
    let args: Vec<&str> = args.into_iter().chain(profile).collect();
    run(root, "cargo", &args)
}

fn bind(root: &Path, bindgen: &Path, dist: &Path) -> Result<(), TaskError> {
    let input = target_dir(root)
        .join(WASM_TARGET)
        .join("wasm")
        .join("ngo_search.wasm");
    let args = [arg(&input), "--out-dir", arg(dist), "--target", "web"];
    run(root, arg(bindgen), &args)
}

/// The WebAssembly features rustc enables by default for wasm32-unknown-unknown; wasm-bindgen
/// drops the section naming them, so wasm-opt is told (and may use no others).
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

fn optimise(root: &Path, wasm_opt: &Path, module: &Path) -> Result<(), TaskError> {
    let path = arg(module);
    let mut args = vec!["-Oz", "--strip-debug", "--strip-producers"];
    args.extend_from_slice(WASM_FEATURES);
    args.extend([path, "-o", path]);
    run(root, arg(wasm_opt), &args)
}

/// Builds the module, writes fixtures natively, and checks Node gets the same hits.
pub fn test(root: &Path) -> Result<(), TaskError> {
    build(root)?;
    let fixtures = fixtures_dir(root);
    let example = [
        "run",
        "--locked",
        "-p",
        "ngo-search",
        "--example",
        "write-fixtures",
    ];
    let args: Vec<&str> = example.into_iter().chain(["--", arg(&fixtures)]).collect();
    run(root, "cargo", &args)?;
    let tests = js_tests(root)?;
    let mut args = vec!["--test"];
    args.extend(tests.iter().map(|p| arg(p)));
    let env = [
        ("NGO_WASM_DIST", dist_dir(root)),
        ("NGO_SEARCH_FIXTURES", fixtures),
    ];
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    run_with(root, "node", &args, &env)
}

/// The Node test files, by name.
fn js_tests(root: &Path) -> Result<Vec<PathBuf>, TaskError> {
    let dir = root.join("search-wasm").join("js-tests");
    let entries = std::fs::read_dir(&dir).map_err(|source| TaskError::File {
        path: dir.clone(),
        source,
    })?;
    let mut tests: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| arg(path).ends_with(".test.mjs"))
        .collect();
    tests.sort();
    Ok(tests)
}

/// Shard sizes and query latency on a synthetic province of 10,000 teams.
pub fn bench(root: &Path) -> Result<(), TaskError> {
    let args = [
        "run",
        "--locked",
        "--release",
        "-p",
        "ngo-search",
        "--example",
        "bench",
    ];
    run(root, "cargo", &args)
}
