//! Runs `ngo build` as a child process: wall time, the child's peak memory (from `wait4`, so
//! the benchmark's own memory is not counted), the step timings `-v` prints, and what it wrote.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

#[derive(Debug, Clone)]
pub struct BuildRun {
    pub wall: Duration,
    pub peak_rss_bytes: u64,
    pub pages: u64,
    pub files: u64,
    pub bytes: u64,
    /// `(step name, milliseconds)` in the order `ngo build -v` printed them.
    pub steps: Vec<(String, f64)>,
    /// What a rebuild changed, as `ngo build` summed it up; `None` for a build from scratch.
    pub rebuild: Option<Rebuild>,
    /// What the guide images cost, as `ngo build -v` summed it up.
    pub images: Option<ImageCounts>,
}

/// `ảnh hướng dẫn: 1200 ảnh gốc; tệp mã hóa mới 4800, chép từ bộ nhớ đệm 0, giữ nguyên 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageCounts {
    pub sources: u64,
    pub encoded: u64,
    pub from_cache: u64,
    pub kept: u64,
}

pub fn parse_images(stderr: &str) -> Option<ImageCounts> {
    let line = stderr
        .lines()
        .find(|l| l.trim_start().starts_with("ảnh hướng dẫn:"))?;
    let numbers: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers.as_slice() {
        [sources, encoded, from_cache, kept] => Some(ImageCounts {
            sources: *sources,
            encoded: *encoded,
            from_cache: *from_cache,
            kept: *kept,
        }),
        _ => None,
    }
}

/// Files a rebuild wrote, kept and removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuild {
    pub written: u64,
    pub kept: u64,
    pub removed: u64,
}

impl BuildRun {
    pub fn step_ms(&self, name: &str) -> Option<f64> {
        self.steps
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, ms)| *ms)
    }
}

/// A finished child: its output, exit status and peak resident memory.
pub struct Finished {
    pub stdout: String,
    pub stderr: String,
    pub success: bool,
    pub peak_rss_bytes: u64,
    pub wall: Duration,
}

/// Runs `command` to the end, reaping it with `wait4` to read its peak resident set size.
pub fn run_measured(command: &mut Command) -> Result<Finished> {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {command:?}"))?;
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("piped stdout")));
    let err = drain(Box::new(child.stderr.take().expect("piped stderr")));
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data that wait4 fills in; pid is our own unreaped child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    if reaped != pid {
        bail!("wait4 failed: {}", std::io::Error::last_os_error());
    }
    Ok(Finished {
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        success: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        // Linux reports ru_maxrss in kilobytes.
        peak_rss_bytes: usage.ru_maxrss.max(0) as u64 * 1024,
        wall,
    })
}

/// `ngo build SITE -o OUT -v`.
pub fn build(ngo: &Path, site: &Path, out: &Path) -> Result<BuildRun> {
    let finished = run_measured(
        Command::new(ngo)
            .arg("build")
            .arg(site)
            .arg("-o")
            .arg(out)
            .arg("-v"),
    )?;
    if !finished.success {
        bail!("ngo build failed:\n{}{}", finished.stdout, finished.stderr);
    }
    let (files, bytes) = tree_size(out)?;
    Ok(BuildRun {
        wall: finished.wall,
        peak_rss_bytes: finished.peak_rss_bytes,
        pages: parse_pages(&finished.stdout).unwrap_or(0),
        files,
        bytes,
        steps: parse_steps(&finished.stderr),
        rebuild: parse_rebuild(&finished.stdout),
        images: parse_images(&finished.stderr),
    })
}

/// Lines like `  dựng trang            1234.5 ms`.
pub fn parse_steps(stderr: &str) -> Vec<(String, f64)> {
    stderr
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_suffix(" ms")?;
            let (name, ms) = rest.rsplit_once(' ')?;
            let ms: f64 = ms.trim().parse().ok()?;
            let name = name.trim();
            (!name.is_empty()).then(|| (name.to_string(), ms))
        })
        .collect()
}

/// `Tệp mới hoặc đã đổi: 3, giữ nguyên: 187298, đã xóa: 0.`
pub fn parse_rebuild(stdout: &str) -> Option<Rebuild> {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("Tệp mới hoặc đã đổi:"))?;
    let numbers: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers.as_slice() {
        [written, kept, removed] => Some(Rebuild {
            written: *written,
            kept: *kept,
            removed: *removed,
        }),
        _ => None,
    }
}

/// The page count from `Đã dựng N trang (…`.
pub fn parse_pages(stdout: &str) -> Option<u64> {
    let rest = stdout.split("Đã dựng ").nth(1)?;
    rest.split_whitespace().next()?.parse().ok()
}

/// Files and bytes under `dir`.
pub fn tree_size(dir: &Path) -> Result<(u64, u64)> {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))?
        {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                files += 1;
                bytes += entry.metadata()?.len();
            }
        }
    }
    Ok((files, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_rebuild_summary() {
        let stdout = "Đã dựng 97251 trang (34 tỉnh, …) vào out trong 2.45 giây.\n\
                      Tệp mới hoặc đã đổi: 3, giữ nguyên: 187298, đã xóa: 1.\n";
        assert_eq!(
            parse_rebuild(stdout),
            Some(Rebuild {
                written: 3,
                kept: 187298,
                removed: 1
            })
        );
        assert_eq!(parse_pages(stdout), Some(97251));
        assert_eq!(parse_rebuild("Đã dựng 5 trang"), None);
    }
}
