//! Writing DIR: files are compared with what is there and rewritten only when their bytes
//! changed, each through a temporary file renamed over the old one, so a server never sends
//! half a page and an unchanged site keeps its file times (and its caches). A list of what
//! the build wrote lets the next build remove what it no longer writes, and nothing else.

use std::collections::HashSet;
use std::fs;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

use crate::files::plain_io_error;

/// The list of files the last build wrote, in DIR, one path a line.
pub const MANIFEST: &str = ".ask-expert-build";

/// Whether a file had to be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Written,
    Unchanged,
}

/// Writes `bytes` to `relative` under `dir` unless the file already holds exactly them.
pub fn write_if_changed(dir: &Path, relative: &str, bytes: &[u8]) -> Result<Outcome, String> {
    let target = dir.join(relative);
    let fail = |error: io::Error| {
        format!(
            "cannot write {}: {}",
            target.display(),
            plain_io_error(&error)
        )
    };
    match fs::read(&target) {
        Ok(existing) if existing == bytes => return Ok(Outcome::Unchanged),
        Ok(_) => {}
        Err(error) if error.kind() == ErrorKind::NotFound => {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(fail)?;
            }
        }
        Err(error) => return Err(fail(error)),
    }
    let temporary = temporary_name(&target);
    fs::write(&temporary, bytes)
        .and_then(|()| fs::rename(&temporary, &target))
        .map_err(|error| {
            let _ = fs::remove_file(&temporary);
            fail(error)
        })?;
    Ok(Outcome::Written)
}

fn temporary_name(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Removes the files the previous build wrote that this one did not, then records this
/// build's files. Returns how many were removed. Paths in the old list that are not plain
/// relative paths inside DIR are ignored, so a damaged list cannot remove anything else.
pub fn replace_manifest(dir: &Path, written: &[String]) -> Result<usize, String> {
    let manifest = dir.join(MANIFEST);
    let previous = fs::read_to_string(&manifest).unwrap_or_default();
    let current: HashSet<&str> = written.iter().map(String::as_str).collect();
    let mut removed = 0;
    for old in previous.lines() {
        let plain = !old.is_empty()
            && !old.starts_with('/')
            && !old.contains('\\')
            && old
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..");
        if plain && !current.contains(old) && fs::remove_file(dir.join(old)).is_ok() {
            removed += 1;
        }
    }
    let mut listing = written.join("\n");
    listing.push('\n');
    write_if_changed(dir, MANIFEST, listing.as_bytes())?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_changes_and_removes_only_its_own_leftovers() {
        let dir = std::env::temp_dir().join(format!("ask-expert-writer-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("keep.txt"), "not ours").unwrap();
        assert_eq!(
            write_if_changed(&dir, "a/b.html", b"1"),
            Ok(Outcome::Written)
        );
        assert_eq!(
            write_if_changed(&dir, "a/b.html", b"1"),
            Ok(Outcome::Unchanged)
        );
        assert_eq!(
            write_if_changed(&dir, "a/b.html", b"2"),
            Ok(Outcome::Written)
        );
        assert_eq!(fs::read(dir.join("a/b.html")).unwrap(), b"2");
        write_if_changed(&dir, "c.html", b"3").unwrap();
        let first = ["a/b.html".to_owned(), "c.html".to_owned()];
        assert_eq!(replace_manifest(&dir, &first), Ok(0));
        assert_eq!(replace_manifest(&dir, &first[..1]), Ok(1));
        assert!(!dir.join("c.html").exists());
        fs::write(
            dir.join(MANIFEST),
            "../keep.txt\nkeep.txt/../x\n/etc/passwd\n",
        )
        .unwrap();
        assert_eq!(replace_manifest(&dir, &first[..1]), Ok(0));
        assert!(dir.join("keep.txt").exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
