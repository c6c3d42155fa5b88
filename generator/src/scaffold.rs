//! `ngo new DIR`: a small site that builds at once, with comments that teach the format.

use std::io;
use std::path::Path;

use include_dir::{include_dir, Dir};

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold");

/// Writes the starter site into `dir`, which must be missing or empty.
pub fn create(dir: &Path) -> io::Result<Vec<String>> {
    if dir.exists() && dir.read_dir()?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "thư mục {} đã có tệp; hãy chọn một thư mục trống",
                dir.display()
            ),
        ));
    }
    let mut written = Vec::new();
    write_dir(&SCAFFOLD, dir, &mut written)?;
    for empty in ["pages", "static"] {
        std::fs::create_dir_all(dir.join(empty))?;
    }
    written.sort();
    Ok(written)
}

fn write_dir(source: &Dir, target: &Path, written: &mut Vec<String>) -> io::Result<()> {
    for file in source.files() {
        let path = target.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, file.contents())?;
        written.push(file.path().to_string_lossy().replace('\\', "/"));
    }
    for sub in source.dirs() {
        write_dir(sub, target, written)?;
    }
    Ok(())
}
