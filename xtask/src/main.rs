//! Build steps cargo alone cannot express: the WebAssembly search module and its tests.
//!
//! ```text
//! cargo xtask build-wasm     build ngo-search for the browser into target/wasm-dist/
//! cargo xtask test-wasm      build-wasm, write native fixtures, check the browser build gives
//!                            the same hits (node --test search-wasm/js-tests/)
//! cargo xtask bench-search   shard sizes and query latency on a synthetic 10k-team province
//! ```
//!
//! Missing tools are installed on first use: the wasm32 target (rustup), wasm-bindgen-cli at
//! exactly the version in Cargo.lock (cargo install) and wasm-opt (npm `binaryen`, into
//! target/tools/).

mod error;
mod run;
mod sizes;
mod tools;
mod wasm;

use std::process::ExitCode;

use anyhow::{bail, Context, Result};

const USAGE: &str = "usage: cargo xtask <build-wasm | test-wasm | bench-search>";

fn main() -> ExitCode {
    match dispatch() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch() -> Result<()> {
    let command = std::env::args().nth(1);
    let root = run::workspace_root();
    match command.as_deref() {
        Some("build-wasm") => wasm::build(&root).context("building the WebAssembly module"),
        Some("test-wasm") => wasm::test(&root).context("testing the WebAssembly module"),
        Some("bench-search") => wasm::bench(&root).context("benchmarking search"),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => bail!("{USAGE}"),
    }
}
