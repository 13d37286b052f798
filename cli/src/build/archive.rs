//! The archive's built form in DIR, beside the pages: the manifest at DIR's top, and the
//! content-named files it lists in DIR/archive/ (see docs/built-archive.md). Files are
//! written only when changed, the manifest last, so a server never offers a manifest that
//! names a file not there yet; files no longer named are removed afterwards, tracked by a
//! list of their own so the pages' list and counts stay as they were.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use ask_expert_core::built::{BuiltFile, FOLDER, MANIFEST_NAME};
use rayon::prelude::*;

use super::writer::{self, Outcome};

/// What writing the built form did.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct BuiltSummary {
    /// How long making the files took (writing them aside).
    pub seconds: f64,
    pub files: usize,
    pub bytes: usize,
    pub manifest_bytes: usize,
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

pub fn write(dir: &Path, files: &[BuiltFile]) -> Result<BuiltSummary, String> {
    let (manifest, hashed): (Vec<&BuiltFile>, Vec<&BuiltFile>) =
        files.iter().partition(|file| file.name == MANIFEST_NAME);
    let written = AtomicUsize::new(0);
    let unchanged = AtomicUsize::new(0);
    let tally = |outcome: Outcome| match outcome {
        Outcome::Written => written.fetch_add(1, Ordering::Relaxed),
        Outcome::Unchanged => unchanged.fetch_add(1, Ordering::Relaxed),
    };
    let folder = format!("{FOLDER}/");
    let names: Vec<String> = hashed
        .par_iter()
        .map(|file| {
            tally(writer::write_if_changed(dir, &file.name, &file.bytes)?);
            Ok(file
                .name
                .strip_prefix(&folder)
                .unwrap_or(&file.name)
                .to_owned())
        })
        .collect::<Result<_, String>>()?;
    for file in &manifest {
        tally(writer::write_if_changed(dir, &file.name, &file.bytes)?);
    }
    let removed = writer::replace_manifest(&dir.join(FOLDER), &names)?;
    Ok(BuiltSummary {
        seconds: 0.0,
        files: files.len(),
        bytes: files.iter().map(|file| file.bytes.len()).sum(),
        manifest_bytes: manifest.iter().map(|file| file.bytes.len()).sum(),
        written: written.into_inner(),
        unchanged: unchanged.into_inner(),
        removed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ask_expert_core::archive::Archive;
    use ask_expert_core::built::{BuiltArchive, write as built_write};

    #[test]
    fn writes_what_the_manifest_names_once_and_removes_what_it_no_longer_does() {
        let dir = std::env::temp_dir().join(format!("ask-expert-built-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let source = ask_expert_fixtures::generate_archive_json(300, 4);
        let mut archive = Archive::parse(&source).unwrap();
        let files = built_write(&archive);
        let first = write(&dir, &files).unwrap();
        assert_eq!(
            (first.files, first.written, first.removed),
            (files.len(), files.len(), 0)
        );
        let again = write(&dir, &files).unwrap();
        assert_eq!((again.written, again.unchanged), (0, files.len()));

        let manifest = std::fs::read(dir.join(MANIFEST_NAME)).unwrap();
        let mut built = BuiltArchive::new(&manifest).unwrap();
        let mut names = built.files_for_search();
        names.extend(
            built
                .manifest()
                .shards
                .iter()
                .map(|shard| shard.file.clone()),
        );
        for name in names {
            built
                .add_file(&name, std::fs::read(dir.join(&name)).unwrap())
                .unwrap();
        }
        let read_back: Vec<_> = (0..archive.questions.len())
            .map(|question| built.question(question).unwrap())
            .collect();
        assert_eq!(read_back, archive.questions);

        archive.questions[0].text.push_str(" Changed.");
        let edited = write(&dir, &built_write(&archive)).unwrap();
        assert!(
            edited.written >= 3 && edited.removed == edited.written - 1,
            "{edited:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
