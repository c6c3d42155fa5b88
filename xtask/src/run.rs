//! Running programs and finding where things are.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::TaskError;

/// The workspace root: xtask lives one folder below it.
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(&manifest).to_path_buf()
}

/// Cargo's target folder (`CARGO_TARGET_DIR` if set).
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

/// Runs a command in `dir`, echoing it, and fails if it fails.
pub fn run(dir: &Path, program: &str, args: &[&str]) -> Result<(), TaskError> {
    run_with(dir, program, args, &[])
}

/// Like [`run`], with extra environment variables.
pub fn run_with(
    dir: &Path,
    program: &str,
    args: &[&str],
    env: &[(&str, &Path)],
) -> Result<(), TaskError> {
    let command = describe(program, args);
    println!("$ {command}");
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .status()
        .map_err(|source| spawn_error(program, source))?;
    if status.success() {
        Ok(())
    } else {
        let status = status.to_string();
        Err(TaskError::Failed { command, status })
    }
}

/// Runs a command quietly and returns its standard output, or `None` if it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn describe(program: &str, args: &[&str]) -> String {
    std::iter::once(program)
        .chain(args.iter().copied())
        .collect::<Vec<_>>()
        .join(" ")
}

fn spawn_error(program: &str, source: std::io::Error) -> TaskError {
    TaskError::Spawn {
        program: program.to_string(),
        source,
    }
}

/// A path as a `&str` argument (our paths are all UTF-8: they are inside the workspace).
pub fn arg(path: &Path) -> &str {
    path.to_str().unwrap_or_default()
}
