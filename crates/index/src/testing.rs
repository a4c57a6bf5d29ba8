//! Helpers of the unit tests that need a real index.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use vanban_extract::{ExtractRecord, Facts, Header};
use vanban_model::Document;

use crate::{IngestOptions, VanbanIndex};

/// A record with this header and one page of text.
pub(crate) fn record(
    kind: Option<&str>,
    agency: Option<&str>,
    date: Option<&str>,
    text: &str,
) -> ExtractRecord {
    let facts = Facts {
        header: Header {
            kind: kind.map(str::to_string),
            agency: agency.map(str::to_string),
            date: date.map(str::to_string),
            ..Header::default()
        },
        ..Facts::default()
    };
    ExtractRecord::new(&Document::default(), vec![text.to_string()], facts)
}

/// An index of `files` (name → record), each file ingested for real.
pub(crate) fn index(dir: &Path, files: Vec<(&str, ExtractRecord)>) -> VanbanIndex {
    let src = dir.join("files");
    std::fs::create_dir_all(&src).unwrap();
    let mut by_path: HashMap<PathBuf, ExtractRecord> = HashMap::new();
    for (name, rec) in files {
        let p = src.join(name);
        std::fs::write(&p, name).unwrap();
        by_path.insert(p.canonicalize().unwrap(), rec);
    }
    let index = VanbanIndex::open_or_create(&dir.join("index")).unwrap();
    let summary = index
        .ingest(
            &[src],
            &IngestOptions::default(),
            |p: &Path, _b: &[u8], _h: &str| -> Result<ExtractRecord, String> {
                Ok(by_path[&p.canonicalize().unwrap()].clone())
            },
            &mut (),
        )
        .unwrap();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    index
}
