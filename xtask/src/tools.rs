//! Making sure the tools of the WebAssembly build are there, installing them if not.
//!
//! wasm-bindgen-cli must be exactly the version of the `wasm-bindgen` crate in Cargo.lock (the
//! two halves of the bindings must agree); the one on PATH is used if it matches, otherwise it is
//! installed into target/tools/. wasm-opt comes from npm's `binaryen` (Debian's is too old for
//! the features current Rust emits), pinned, into target/tools/node_modules/.

use std::path::{Path, PathBuf};

use crate::error::TaskError;
use crate::run::{arg, output, run, target_dir};

/// The browser target.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Pinned so two machines optimise the module the same way.
const BINARYEN_VERSION: &str = "132.0.0";

/// Adds the wasm32 target with rustup if it is missing.
pub fn ensure_wasm_target(root: &Path) -> Result<(), TaskError> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    run(root, "rustup", &["target", "add", WASM_TARGET])
}

/// The wasm-bindgen program at the locked version, installing it if needed.
pub fn ensure_wasm_bindgen(root: &Path) -> Result<PathBuf, TaskError> {
    let version = locked_version(root, "wasm-bindgen")?;
    let wanted = format!("wasm-bindgen {version}");
    let tools = target_dir(root).join("tools");
    let local = tools.join("bin").join("wasm-bindgen");
    for candidate in [PathBuf::from("wasm-bindgen"), local.clone()] {
        let found = output(arg(&candidate), &["--version"]);
        if found.is_some_and(|v| v.trim() == wanted) {
            return Ok(candidate);
        }
    }
    install_wasm_bindgen(root, &version, &tools)?;
    Ok(local)
}

fn install_wasm_bindgen(root: &Path, version: &str, tools: &Path) -> Result<(), TaskError> {
    let version = format!("={version}");
    let args = [
        "install",
        "wasm-bindgen-cli",
        "--version",
        &version,
        "--root",
        arg(tools),
    ];
    let locked: Vec<&str> = args.iter().copied().chain(["--locked"]).collect();
    // The tool's own lock file may name a crate version the registry no longer offers;
    // then resolve afresh.
    run(root, "cargo", &locked).or_else(|_| run(root, "cargo", &args))
}

/// The wasm-opt program, installing binaryen from npm if needed.
pub fn ensure_wasm_opt(root: &Path) -> Result<PathBuf, TaskError> {
    let tools = target_dir(root).join("tools");
    let program = tools.join("node_modules").join(".bin").join("wasm-opt");
    let wanted = format!(
        "version {}",
        BINARYEN_VERSION.split('.').next().unwrap_or_default()
    );
    if output(arg(&program), &["--version"]).is_some_and(|v| v.contains(&wanted)) {
        return Ok(program);
    }
    std::fs::create_dir_all(&tools).map_err(|source| TaskError::File {
        path: tools.clone(),
        source,
    })?;
    let package = format!("binaryen@{BINARYEN_VERSION}");
    let args = [
        "install",
        "--prefix",
        arg(&tools),
        "--no-audit",
        "--no-fund",
        &package,
    ];
    run(root, "npm", &args)?;
    Ok(program)
}

/// The version of a package in Cargo.lock.
fn locked_version(root: &Path, package: &'static str) -> Result<String, TaskError> {
    let path = root.join("Cargo.lock");
    let lock = std::fs::read_to_string(&path).map_err(|source| TaskError::File { path, source })?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            let version = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "));
            return version
                .map(|v| v.trim_matches('"').to_string())
                .ok_or(TaskError::NotLocked(package));
        }
    }
    Err(TaskError::NotLocked(package))
}
