//! Parquet part files for sharded extraction (`vanban extract --manifest`):
//! each file's rows of the five tables go to `DIR/<table>/part-<blake3>.parquet`,
//! the same columns and types as `vanban export --format parquet`, so the
//! parts of all shards read as one table (`DIR/documents/*.parquet`).
//!
//! A part is written under a hidden temporary name in its table's folder,
//! synced, then renamed; the documents part is renamed last, after the fact
//! parts are in place, so its presence means the file is complete. A file
//! with a complete part is skipped, and two runs of the same shard (a retry
//! while the lost worker still runs) write identical parts under one name:
//! no row is ever duplicated.

use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use vanban_extract::ExtractRecord;
use vanban_index::{is_blake3_hex, read_file, ManifestEntry};

use crate::parquet_sink::TableFile;
use crate::table::{rows, TableId};
use crate::{ExportError, ExportRecord};

/// The part file of `table` for the document `hash` under `dir`.
pub fn part_path(dir: &Path, table: TableId, hash: &str) -> PathBuf {
    dir.join(table.name()).join(format!("part-{hash}.parquet"))
}

/// Whether the document `hash` has its complete parts under `dir` (its
/// documents part, renamed last, exists).
pub fn is_complete(dir: &Path, hash: &str) -> bool {
    part_path(dir, TableId::Documents, hash).is_file()
}

/// Temporary names are unique per process and write.
static NEXT_TMP: AtomicU64 = AtomicU64::new(0);

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Syncs a folder, so the renames in it survive a crash of the machine.
fn sync_dir(dir: &Path) -> Result<(), ExportError> {
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io(dir))
}

/// Writes the five parts of one document atomically; returns the rows
/// written per table ([`TableId::ALL`] order).
pub fn write_parts(
    dir: &Path,
    record: &ExportRecord,
) -> Result<[usize; TableId::COUNT], ExportError> {
    let hash = record.id.as_str();
    if !is_blake3_hex(hash) {
        return Err(ExportError::Folder {
            path: dir.to_path_buf(),
            reason: format!("document id {hash:?} is not a BLAKE3 (64 hex digits): no part name"),
        });
    }
    let n = NEXT_TMP.fetch_add(1, Ordering::Relaxed);
    let mut tmps: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(TableId::COUNT);
    let result = (|| {
        let mut files = Vec::with_capacity(TableId::COUNT);
        for table in TableId::ALL {
            let folder = dir.join(table.name());
            std::fs::create_dir_all(&folder).map_err(io(&folder))?;
            let name = part_path(dir, table, hash);
            let tmp = folder.join(format!(
                ".part-{hash}.parquet.{}-{n}.tmp",
                std::process::id()
            ));
            files.push(TableFile::create(table, &tmp, &name)?);
            tmps.push((tmp, name));
        }
        let mut counts = [0usize; TableId::COUNT];
        rows(record, |table, row| {
            counts[table as usize] += 1;
            files[table as usize].push(row)
        })?;
        for (file, (_, name)) in files.iter_mut().zip(&tmps) {
            if let Some(f) = file.close()? {
                f.sync_all().map_err(io(name))?;
            }
        }
        // Fact parts first, documents last: a documents part means all are there.
        for (tmp, name) in tmps.iter().skip(1) {
            std::fs::rename(tmp, name).map_err(io(name))?;
        }
        for table in &TableId::ALL[1..] {
            sync_dir(&dir.join(table.name()))?;
        }
        let (tmp, name) = &tmps[0];
        std::fs::rename(tmp, name).map_err(io(name))?;
        sync_dir(&dir.join(TableId::Documents.name()))?;
        Ok(counts)
    })();
    if result.is_err() {
        for (tmp, _) in &tmps {
            let _ = std::fs::remove_file(tmp);
        }
    }
    result
}

/// What happened to one file of a shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartStatus {
    /// Read, extracted and its parts written.
    Written,
    /// Its parts were already complete: not read.
    Skipped,
    /// Could not be read, did not match the manifest, or failed to parse.
    Failed,
}

/// One line of a shard's report.
#[derive(Debug, Clone, Serialize)]
pub struct PartOutcome {
    /// The file's path, as in the manifest.
    pub path: String,
    /// Its BLAKE3, as in the manifest.
    pub blake3: String,
    /// What happened.
    pub status: PartStatus,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Rows written per table ([`TableId::ALL`] order; zeros unless written).
    pub rows: [usize; TableId::COUNT],
    /// Pages parsed (0 unless written).
    pub pages: usize,
}

/// How a shard is extracted.
#[derive(Debug, Clone)]
pub struct ShardOptions {
    /// The engine string stored with each record (`vanban 0.1.0 record 1.0`),
    /// as ingest stores it: the tables' `vanban_version` comes from it.
    pub engine: String,
    /// Files larger than this fail before they are read (the pipeline's limit).
    pub max_file_bytes: u64,
}

/// Extracts every file of a shard into parts under `dir`, in parallel:
/// files with complete parts are skipped; each other file is read once,
/// its bytes checked against the manifest's BLAKE3 and handed to `process`
/// (parse + extract, as in an ingest). One failed file never stops the
/// others; outcomes come back in the shard's order.
pub fn extract_shard<P, E>(
    entries: &[ManifestEntry],
    dir: &Path,
    opts: &ShardOptions,
    process: P,
) -> Vec<PartOutcome>
where
    P: Fn(&Path, &[u8], &str) -> Result<ExtractRecord, E> + Sync,
    E: Display,
{
    entries
        .par_iter()
        .map(|e| extract_one(e, dir, opts, &process))
        .collect()
}

fn extract_one<P, E>(e: &ManifestEntry, dir: &Path, opts: &ShardOptions, process: &P) -> PartOutcome
where
    P: Fn(&Path, &[u8], &str) -> Result<ExtractRecord, E>,
    E: Display,
{
    let outcome = |status, error: Option<String>| PartOutcome {
        path: e.path.clone(),
        blake3: e.blake3.clone(),
        status,
        error,
        rows: [0; TableId::COUNT],
        pages: 0,
    };
    if !is_blake3_hex(&e.blake3) {
        return outcome(
            PartStatus::Failed,
            Some(format!(
                "manifest BLAKE3 {:?} is not 64 hex digits",
                e.blake3
            )),
        );
    }
    if is_complete(dir, &e.blake3) {
        return outcome(PartStatus::Skipped, None);
    }
    let path = Path::new(&e.path);
    let bytes = match read_file(path, opts.max_file_bytes) {
        Ok(b) => b,
        Err(error) => return outcome(PartStatus::Failed, Some(error)),
    };
    let hash = blake3::hash(&bytes).to_hex().to_string();
    if hash != e.blake3 {
        return outcome(
            PartStatus::Failed,
            Some(format!(
                "content changed since the manifest was made (manifest BLAKE3 {}, {} bytes; now {}, {} bytes): make the manifest again",
                e.blake3,
                e.size,
                hash,
                bytes.len()
            )),
        );
    }
    let record = match process(path, &bytes, &hash) {
        Ok(r) => r,
        Err(error) => return outcome(PartStatus::Failed, Some(error.to_string())),
    };
    let pages = record.pages;
    // Stamped when the file is read, as ingest stamps it.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let export = ExportRecord::of_file(record, &e.path, &hash, now, &opts.engine);
    match write_parts(dir, &export) {
        Ok(rows) => PartOutcome {
            rows,
            pages,
            ..outcome(PartStatus::Written, None)
        },
        Err(error) => outcome(PartStatus::Failed, Some(error.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> ExportRecord {
        let mut r = crate::testing::record();
        r.id = blake3::hash(b"bao-cao").to_hex().to_string();
        r
    }

    #[test]
    fn parts_are_written_whole_and_named_by_hash() {
        let dir = tempfile::tempdir().unwrap();
        let r = record();
        assert!(!is_complete(dir.path(), &r.id));
        let rows = write_parts(dir.path(), &r).unwrap();
        assert_eq!(rows[0], 1);
        assert!(is_complete(dir.path(), &r.id));
        for table in TableId::ALL {
            assert!(
                part_path(dir.path(), table, &r.id).is_file(),
                "{}",
                table.name()
            );
            // No temporary file is left.
            let names: Vec<String> = std::fs::read_dir(dir.path().join(table.name()))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert_eq!(names, [format!("part-{}.parquet", r.id)]);
        }
        // Writing again replaces the same names.
        write_parts(dir.path(), &r).unwrap();
        assert_eq!(
            std::fs::read_dir(dir.path().join("documents"))
                .unwrap()
                .count(),
            1
        );
    }

    #[test]
    fn an_id_that_is_not_a_hash_gives_no_part() {
        let dir = tempfile::tempdir().unwrap();
        let mut r = record();
        r.id = "../../etc/passwd".into();
        let e = write_parts(dir.path(), &r).unwrap_err().to_string();
        assert!(e.contains("not a BLAKE3"), "{e}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_shard_skips_complete_files_and_fails_changed_ones_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("parts");
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::fs::write(&a, "Báo cáo số 1").unwrap();
        std::fs::write(&b, "Báo cáo số 2").unwrap();
        let entry = |p: &Path, content: &str| ManifestEntry {
            path: p.to_string_lossy().into_owned(),
            size: content.len() as u64,
            blake3: blake3::hash(content.as_bytes()).to_hex().to_string(),
        };
        // b changed after the manifest was made.
        let entries = vec![entry(&a, "Báo cáo số 1"), entry(&b, "Báo cáo số 3")];
        let opts = ShardOptions {
            engine: "vanban 0.1.0 record 1.0".into(),
            max_file_bytes: 1 << 20,
        };
        let calls = AtomicU64::new(0);
        let process = |path: &Path, bytes: &[u8], hash: &str| {
            calls.fetch_add(1, Ordering::Relaxed);
            let doc = vanban_model::Document {
                source: path.to_string_lossy().into_owned(),
                ..vanban_model::Document::default()
            };
            let text = String::from_utf8_lossy(bytes).into_owned();
            let mut r = ExtractRecord::new(&doc, vec![text], vanban_extract::Facts::default());
            r.meta.blake3 = hash.to_string();
            Ok::<_, String>(r)
        };
        let first = extract_shard(&entries, &out, &opts, process);
        assert_eq!(first[0].status, PartStatus::Written, "{first:?}");
        assert_eq!(first[1].status, PartStatus::Failed);
        let why = first[1].error.as_deref().unwrap();
        assert!(why.contains("content changed since the manifest"), "{why}");
        assert!(is_complete(&out, &entries[0].blake3));
        assert!(!is_complete(&out, &entries[1].blake3));
        let again = extract_shard(&entries, &out, &opts, process);
        assert_eq!(again[0].status, PartStatus::Skipped);
        // The skipped file was not processed again.
        assert_eq!(calls.load(Ordering::Relaxed), 1);
    }
}
