//! Rules about the app's source that no compiler checks.

use std::fs;
use std::path::Path;

fn rust_files(folder: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

/// Archive text must reach the page as text nodes, never parsed as HTML.
#[test]
fn no_inner_html_in_the_app() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for folder in ["src", "core/src"] {
        rust_files(&root.join(folder), &mut files);
    }
    assert!(files.len() > 10, "the source folders were found");
    let offenders: Vec<String> = files
        .iter()
        .filter(|file| {
            let text = fs::read_to_string(file).unwrap();
            [
                "inner_html",
                "innerHTML",
                "set_inner_html",
                "outer_html",
                "insert_adjacent_html",
            ]
            .iter()
            .any(|word| text.contains(word))
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "HTML-parsing APIs used in: {offenders:?}"
    );
}
