//! Every file of the app says what it is for in a `//!` header, so a newcomer can find the
//! one home of each concern.

use std::fs;
use std::path::Path;

#[test]
fn every_app_file_starts_with_a_header_comment() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
    let mut missing = Vec::new();
    let mut seen = 0;
    for folder in [root.clone(), root.join("components")] {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|extension| extension == "rs") {
                seen += 1;
                if !fs::read_to_string(&path).unwrap().starts_with("//!") {
                    missing.push(path.display().to_string());
                }
            }
        }
    }
    assert!(seen > 15, "the app's files were found");
    assert!(missing.is_empty(), "no //! header in: {missing:?}");
}
