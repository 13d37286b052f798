//! `build`: everything published beside the app, in one folder: the static pages (`pages`,
//! with `indexes` for the sitemap, robots.txt and feeds), and the archive's built form
//! (`archive`: manifest, question shards, columns and the search index in chunks), made
//! at the same time and written by the same writer.

mod archive;
mod indexes;
mod markup;
mod pages;
mod site;
mod structured;
mod words;
mod writer;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use ask_expert_core::archive::Archive;
use ask_expert_core::built::PageAddresses;
use rayon::prelude::*;

use crate::cli::Build;
use crate::output::{self, count};
use crate::validate::Source;
use crate::{EXIT_FATAL, EXIT_OK};
use pages::Pages;
use site::{Page, Site};
use writer::Outcome;

/// The page stylesheet, written into DIR beside the pages.
const STYLESHEET: &str = include_str!("../../../style/static-pages.css");

/// One file of DIR: its path relative to DIR, with "/" between folders, and its bytes.
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Output {
    pub fn new(path: &str, text: String) -> Output {
        Output {
            path: path.to_owned(),
            bytes: text.into_bytes(),
        }
    }
}

/// What a build did, for the summary line and for tests.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Summary {
    pub question_pages: usize,
    pub listing_pages: usize,
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub built: archive::BuiltSummary,
}

pub fn run(options: &Build) -> u8 {
    let started = Instant::now();
    let source = match Source::read(&options.file) {
        Ok(source) => source,
        Err(message) => {
            output::error(&message);
            return EXIT_FATAL;
        }
    };
    let archive = match source.parse(&options.file) {
        Ok(archive) => archive,
        Err(error) => {
            output::error(&format!("{}: {error}", options.file.display()));
            return EXIT_FATAL;
        }
    };
    match build(&archive, options, &options.out) {
        Ok(summary) => {
            output::stdout(&format!(
                "Built {} and {} in {} ({:.1} s): {} written, {} unchanged{}.\n",
                count(summary.question_pages, "question page", "question pages"),
                count(summary.listing_pages, "listing page", "listing pages"),
                options.out.display(),
                started.elapsed().as_secs_f64(),
                count(summary.written, "file", "files"),
                count(summary.unchanged, "file", "files"),
                match summary.removed {
                    0 => String::new(),
                    removed => format!(
                        ", {} no longer needed removed",
                        count(removed, "file", "files")
                    ),
                }
            ));
            let built = summary.built;
            output::stdout(&format!(
                "Built the archive for the app in {:.1} s: {} ({}, the manifest {}): {} \
                 written, {} unchanged{}.\n",
                built.seconds,
                count(built.files, "file", "files"),
                size(built.bytes),
                size(built.manifest_bytes),
                built.written,
                built.unchanged,
                match built.removed {
                    0 => String::new(),
                    removed => format!(", {removed} no longer needed removed"),
                }
            ));
            if !archive.problems.is_empty() {
                output::stderr(&format!(
                    "note: the app skips or ignores {} in this file, and so do the pages; \
                     `ask-expert-archive validate {}` lists them.\n",
                    count(archive.problems.len(), "thing", "things"),
                    options.file.display()
                ));
            }
            EXIT_OK
        }
        Err(message) => {
            output::error(&message);
            EXIT_FATAL
        }
    }
}

/// Bytes in the units a person reads.
fn size(bytes: usize) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// Writes every page, the stylesheet, the sitemap, robots.txt, the feeds and the archive's
/// built form into `dir`; the built form is made while the pages are.
pub fn build(archive: &Archive, options: &Build, dir: &Path) -> Result<Summary, String> {
    let site = Site::new(
        archive,
        &options.base_url,
        options.app_url.as_deref(),
        options.page_size,
    );
    let addresses = PageAddresses {
        base_url: site.base_url.clone(),
        question_pages: (0..archive.questions.len())
            .map(|question| site.address(Page::Question(question)))
            .collect(),
    };
    let (pages, (built_files, making)) = rayon::join(
        || build_pages(archive, &site, options, dir),
        || {
            let started = Instant::now();
            let files = ask_expert_core::built::write_with_pages(archive, Some(&addresses));
            (files, started.elapsed())
        },
    );
    let mut summary = pages?;
    summary.built = archive::write(dir, &built_files)?;
    summary.built.seconds = making.as_secs_f64();
    Ok(summary)
}

fn build_pages(
    archive: &Archive,
    site: &Site,
    options: &Build,
    dir: &Path,
) -> Result<Summary, String> {
    std::fs::create_dir_all(dir).map_err(|error| {
        format!(
            "cannot create {}: {}",
            dir.display(),
            crate::files::plain_io_error(&error)
        )
    })?;
    let shelves = pages::shelves(archive);
    let titles: Vec<String> = archive
        .questions
        .par_iter()
        .map(|question| pages::short_title(&question.text))
        .collect();
    let (strings, formats) = words::page_strings(options.locale.as_deref(), &archive.language);
    let text = std::sync::Arc::new(words::PageText::new(ask_expert_core::locale::Words::new(
        &strings, &formats,
    )));
    let pages = Pages {
        strings: &strings,
        formats: &formats,
        text,
        site,
        titles: &titles,
        shelves: &shelves,
        // Pages say an answer may be out of date as of the day they are built.
        today: crate::clock::today(),
        review_after_years: options.review_after_years,
    };
    let all = site.pages();
    let written = AtomicUsize::new(0);
    let unchanged = AtomicUsize::new(0);
    let tally = |outcome: Outcome| match outcome {
        Outcome::Written => written.fetch_add(1, Ordering::Relaxed),
        Outcome::Unchanged => unchanged.fetch_add(1, Ordering::Relaxed),
    };
    let mut paths: Vec<String> = all
        .par_iter()
        .map(|&page| {
            let path = site.path(page);
            let html = pages
                .render(page)
                .map_err(|error| format!("cannot render {path}: {error}"))?;
            tally(writer::write_if_changed(dir, &path, html.as_bytes())?);
            Ok(path)
        })
        .collect::<Result<_, String>>()?;
    let render_error =
        |error: askama::Error| format!("cannot render the sitemap or feeds: {error}");
    let mut extras =
        indexes::sitemaps(&pages, &all, options.sitemap_limit).map_err(render_error)?;
    extras.extend(indexes::feeds(&pages).map_err(render_error)?);
    extras.push(indexes::robots(&site.base_url));
    extras.push(Output::new("pages.css", STYLESHEET.to_owned()));
    for extra in &extras {
        tally(writer::write_if_changed(dir, &extra.path, &extra.bytes)?);
        paths.push(extra.path.clone());
    }
    let removed = writer::replace_manifest(dir, &paths)?;
    let question_pages = archive.questions.len();
    Ok(Summary {
        question_pages,
        listing_pages: all.len() - question_pages,
        written: written.into_inner(),
        unchanged: unchanged.into_inner(),
        removed,
        built: archive::BuiltSummary::default(),
    })
}
