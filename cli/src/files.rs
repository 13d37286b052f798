//! Reading input files and writing output files, with errors in plain words.

use std::fs;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    if path.is_dir() {
        return Err(format!(
            "cannot read {}: it is a folder, not a file",
            path.display()
        ));
    }
    fs::read(path)
        .map_err(|error| format!("cannot read {}: {}", path.display(), plain_io_error(&error)))
}

/// An I/O error without the "(os error 2)" tail.
pub fn plain_io_error(error: &io::Error) -> String {
    match error.kind() {
        ErrorKind::NotFound => "there is no such file".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
        ErrorKind::StorageFull => "the disk is full".to_owned(),
        _ => {
            let message = error.to_string();
            let message = match message.find(" (os error") {
                Some(end) => message[..end].to_owned(),
                None => message,
            };
            message.to_lowercase()
        }
    }
}

/// Writes `contents` to `target` through a temporary file in the same folder, renamed over
/// the target only once it is complete: readers see the old file or the new one, never a
/// partial one, and a failure leaves the old file as it was.
pub fn write_atomically(target: &Path, contents: &[u8]) -> Result<(), String> {
    let fail = |error: &io::Error| {
        format!(
            "cannot write {}: {}",
            target.display(),
            plain_io_error(error)
        )
    };
    if target.is_dir() {
        return Err(format!("cannot write {}: it is a folder", target.display()));
    }
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "archive".into());
    let (temporary, mut file) = create_temporary(&folder, &name).map_err(|error| fail(&error))?;
    let written = file
        .write_all(contents)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            // Keep the permissions of the file being replaced.
            match fs::metadata(target) {
                Ok(existing) => fs::set_permissions(&temporary, existing.permissions()),
                Err(_) => Ok(()),
            }
        })
        .and_then(|()| {
            drop(file);
            fs::rename(&temporary, target)
        });
    if let Err(error) = written {
        let _ = fs::remove_file(&temporary);
        return Err(fail(&error));
    }
    Ok(())
}

fn create_temporary(folder: &Path, name: &str) -> io::Result<(PathBuf, fs::File)> {
    let mut attempt = 0u32;
    loop {
        let path = folder.join(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(error) if error.kind() == ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_file_whole_and_leaves_no_temporary_file() {
        let folder =
            std::env::temp_dir().join(format!("ask-expert-archive-files-{}", std::process::id()));
        fs::create_dir_all(&folder).unwrap();
        let target = folder.join("archive.json");
        fs::write(&target, "old").unwrap();
        write_atomically(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["archive.json"]);
        let missing = folder.join("no-such-folder").join("archive.json");
        let error = write_atomically(&missing, b"x").unwrap_err();
        assert!(error.contains("there is no such file"), "{error}");
        fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn read_errors_are_plain() {
        let error = read(Path::new("/no/such/archive.json")).unwrap_err();
        assert_eq!(
            error,
            "cannot read /no/such/archive.json: there is no such file"
        );
        assert!(
            read(&std::env::temp_dir())
                .unwrap_err()
                .contains("it is a folder")
        );
    }
}
