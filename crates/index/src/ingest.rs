//! Incremental, parallel ingest: walk → hash → (skip | parse + extract) → index.
//!
//! Files are processed in parallel (rayon); one tantivy writer on the calling
//! thread receives finished documents through a bounded channel, so at most
//! a few documents per worker are in memory however large the corpus. The
//! writer commits every [`IngestOptions::commit_docs`] changes or
//! [`IngestOptions::commit_interval`], so a killed ingest loses only the
//! uncommitted tail, and the next run skips whatever was committed.

use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument, Term};
use vanban_extract::ExtractRecord;
use walkdir::WalkDir;

use crate::error::IndexError;
use crate::group::{GroupKeys, Grouper};
use crate::lock::IngestLock;
use crate::store::{Known, VanbanIndex};

/// How an ingest runs.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Remove indexed documents whose files no longer exist under the given paths.
    pub prune: bool,
    /// Commit after this many added, updated or removed documents.
    pub commit_docs: usize,
    /// Commit when this much time has passed since the last commit.
    pub commit_interval: Duration,
    /// Memory budget of the tantivy writer, in bytes (split among its threads).
    pub writer_memory: usize,
    /// Names the code that parses and extracts (version, record format): a
    /// file indexed by another engine is read again even if unchanged.
    pub engine: String,
    /// Read every file again, changed or not.
    pub force: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            prune: false,
            commit_docs: 500,
            commit_interval: Duration::from_secs(10),
            writer_memory: 128 * 1024 * 1024,
            engine: String::new(),
            force: false,
        }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// New to the index.
    Added,
    /// Known, and read again (its content changed, or `force`, or a new engine): replaced.
    Updated,
    /// Known with the same content hash: not parsed at all.
    Unchanged,
    /// Gone from disk and removed from the index (`--prune`).
    Removed,
    /// Could not be read or parsed; not in the index.
    Failed,
    /// Indexed, but a scan without a text layer: no text, no facts.
    NeedsOcr,
}

impl FileStatus {
    /// The lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Added => "added",
            FileStatus::Updated => "updated",
            FileStatus::Unchanged => "unchanged",
            FileStatus::Removed => "removed",
            FileStatus::Failed => "failed",
            FileStatus::NeedsOcr => "needs_ocr",
        }
    }
}

/// One line of the ingest report.
#[derive(Debug, Clone, Serialize)]
pub struct FileOutcome {
    /// Canonical path of the file.
    pub path: String,
    /// BLAKE3 of its bytes (hex), when it could be read.
    pub hash: Option<String>,
    /// What happened.
    pub status: FileStatus,
    /// Why it failed.
    pub error: Option<String>,
    /// Pages parsed (0 when not parsed).
    #[serde(skip)]
    pub pages: usize,
}

/// Totals of one ingest.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    /// Files new to the index.
    pub added: usize,
    /// Files re-parsed because their content changed.
    pub updated: usize,
    /// Files skipped because their content hash was unchanged.
    pub unchanged: usize,
    /// Documents removed because their files are gone (`--prune`).
    pub removed: usize,
    /// Files indexed without text because they are scans.
    pub needs_ocr: usize,
    /// Files that failed, with the reason.
    pub failed: Vec<(String, String)>,
    /// Pages parsed.
    pub pages: usize,
    /// Documents in the index after the ingest.
    pub total_docs: u64,
}

/// Receives progress while an ingest runs (progress bars, reports).
pub trait IngestObserver {
    /// The walk is done: `files` files will be looked at.
    fn planned(&mut self, _files: usize) {}
    /// One file (or pruned document) is done.
    fn file_done(&mut self, _outcome: &FileOutcome) {}
    /// A commit is about to start (it may take a moment).
    fn committing(&mut self) {}
}

impl IngestObserver for () {}

/// Whether a file found while walking a folder is skipped by name: hidden
/// files and data, code and media files that are never documents. Files named
/// on the command line are always tried.
pub fn is_skipped_name(name: &str) -> bool {
    if name.starts_with('.') {
        return true;
    }
    let ext = match name.rsplit_once('.') {
        Some((_, e)) => e.to_ascii_lowercase(),
        None => return false,
    };
    matches!(
        ext.as_str(),
        // data and tool files (vanban's own outputs among them)
        "json" | "jsonl" | "ndjson" | "snap" | "lock" | "toml" | "yaml" | "yml" | "csv"
            | "tsv" | "log" | "tmp" | "bak" | "db" | "sqlite"
            // code
            | "rs" | "py" | "js" | "ts" | "sh" | "c" | "h" | "go" | "java" | "css"
            // images, media and archives (no OCR in vanban)
            | "png" | "jpg" | "jpeg" | "gif" | "bmp" | "tif" | "tiff" | "webp" | "svg"
            | "mp3" | "mp4" | "avi" | "mov" | "wav" | "zip" | "rar" | "7z" | "gz" | "tar"
            | "xz" | "bz2" | "exe" | "dll" | "so" | "o"
    )
}

/// A message from the parallel stage to the writer.
enum Work {
    Unchanged {
        path: String,
        hash: String,
    },
    Indexed {
        path: String,
        hash: String,
        known: bool,
        needs_ocr: bool,
        pages: usize,
        doc: Box<TantivyDocument>,
        keys: GroupKeys,
    },
    Failed {
        path: String,
        hash: Option<String>,
        known: bool,
        error: String,
    },
}

/// A file to look at, with the canonical path that identifies it.
struct Candidate {
    path: PathBuf,
    key: String,
}

impl VanbanIndex {
    /// Ingests every file under `roots`, running `process` (parse + repair +
    /// extract) on the new and changed ones. Takes the ingest lock first.
    pub fn ingest<P, E>(
        &self,
        roots: &[PathBuf],
        opts: &IngestOptions,
        process: P,
        observer: &mut dyn IngestObserver,
    ) -> Result<IngestSummary, IndexError>
    where
        P: Fn(&Path) -> Result<ExtractRecord, E> + Sync,
        E: Display,
    {
        let _lock = IngestLock::acquire(&self.dir)?;
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .min(4);
        let mut writer: IndexWriter = match self
            .index
            .writer_with_num_threads(threads, opts.writer_memory.max(threads * 20_000_000))
        {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(..)) => {
                return Err(IndexError::Locked {
                    dir: self.dir.clone(),
                    pid: IngestLock::holder(&self.dir).unwrap_or(0),
                })
            }
            Err(e) => return Err(e.into()),
        };
        let known = self.known_files()?;
        let index_dir = self.dir.canonicalize().unwrap_or_else(|_| self.dir.clone());

        let mut summary = IngestSummary::default();
        let report =
            |summary: &mut IngestSummary, observer: &mut dyn IngestObserver, o: FileOutcome| {
                match o.status {
                    FileStatus::Added => summary.added += 1,
                    FileStatus::Updated => summary.updated += 1,
                    FileStatus::Unchanged => summary.unchanged += 1,
                    FileStatus::Removed => summary.removed += 1,
                    FileStatus::NeedsOcr => summary.needs_ocr += 1,
                    FileStatus::Failed => summary
                        .failed
                        .push((o.path.clone(), o.error.clone().unwrap_or_default())),
                }
                summary.pages += o.pages;
                observer.file_done(&o);
            };

        let (files, scopes, walk_failures) = collect_files(roots, &index_dir, opts.prune);
        for o in walk_failures {
            report(&mut summary, observer, o);
        }
        observer.planned(files.len());
        let seen: HashSet<String> = files.iter().map(|c| c.key.clone()).collect();

        let fields = self.fields.clone();
        let capacity = rayon::current_num_threads().max(1) * 2;
        let (tx, rx) = sync_channel::<Work>(capacity);
        let mut pending = 0usize;
        let mut last_commit = Instant::now();
        let mut first_error: Option<IndexError> = None;
        let mut grouper = Grouper::new(self.searcher()?, &self.fields);

        std::thread::scope(|s| {
            let known = &known;
            let fields = &fields;
            let process = &process;
            s.spawn(move || {
                // A send fails only when the writer gave up; stop early then.
                let _ = files.par_iter().try_for_each_with(tx, |tx, c| {
                    tx.send(work_on(c, known, opts, fields, process))
                        .map_err(|_| ())
                });
            });
            for work in rx.iter() {
                let (outcome, change) = match apply(&writer, fields, &mut grouper, work) {
                    Ok(x) => x,
                    Err(e) => {
                        first_error = Some(e);
                        break;
                    }
                };
                pending += usize::from(change);
                report(&mut summary, observer, outcome);
                if pending > 0
                    && (pending >= opts.commit_docs
                        || last_commit.elapsed() >= opts.commit_interval)
                {
                    observer.committing();
                    if let Err(e) = writer.commit() {
                        first_error = Some(e.into());
                        break;
                    }
                    // The committed files are now found through the index.
                    match self.searcher() {
                        Ok(s) => grouper.committed(s),
                        Err(e) => {
                            first_error = Some(e);
                            break;
                        }
                    }
                    pending = 0;
                    last_commit = Instant::now();
                }
            }
            // Dropping the receiver makes the producers' sends fail, so they stop.
            drop(rx);
        });
        if let Some(e) = first_error {
            return Err(e);
        }

        if opts.prune {
            let mut gone: Vec<&String> = known
                .keys()
                .filter(|p| {
                    !seen.contains(*p) && scopes.iter().any(|s| Path::new(p).starts_with(s))
                })
                .collect();
            gone.sort();
            for p in gone {
                writer.delete_term(Term::from_field_text(self.fields.path, p));
                pending += 1;
                report(
                    &mut summary,
                    observer,
                    FileOutcome {
                        path: p.clone(),
                        hash: known.get(p).map(|k| k.hash.clone()),
                        status: FileStatus::Removed,
                        error: None,
                        pages: 0,
                    },
                );
            }
        }
        if pending > 0 {
            observer.committing();
            writer.commit()?;
        }
        // Let background merges finish so the next run starts from a tidy index.
        writer.wait_merging_threads()?;
        summary.total_docs = self.num_docs()?;
        Ok(summary)
    }
}

/// The parallel stage for one file.
fn work_on<P, E>(
    c: &Candidate,
    known: &HashMap<String, Known>,
    opts: &IngestOptions,
    fields: &crate::schema::Fields,
    process: &P,
) -> Work
where
    P: Fn(&Path) -> Result<ExtractRecord, E>,
    E: Display,
{
    let path = c.key.clone();
    let previous = known.get(&c.key);
    let hash = match hash_file(&c.path) {
        Ok(h) => h,
        Err(e) => {
            return Work::Failed {
                path,
                hash: None,
                known: previous.is_some(),
                error: e.to_string(),
            }
        }
    };
    let same = previous.is_some_and(|k| k.hash == hash && k.engine == opts.engine);
    if same && !opts.force {
        return Work::Unchanged { path, hash };
    }
    let known = previous.is_some();
    let record = match process(&c.path) {
        Ok(r) => r,
        Err(e) => {
            return Work::Failed {
                path,
                hash: Some(hash),
                known,
                error: e.to_string(),
            }
        }
    };
    // Stamped when the file is read, so an unchanged skip keeps its first time.
    let ingested_at = tantivy::DateTime::from_timestamp_secs(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
    );
    match fields.document(&c.key, &hash, &opts.engine, ingested_at, &record) {
        Ok((doc, keys)) => Work::Indexed {
            path,
            hash,
            known,
            needs_ocr: record.needs_ocr,
            pages: record.pages,
            doc: Box::new(doc),
            keys,
        },
        Err(e) => Work::Failed {
            path,
            hash: Some(hash),
            known,
            error: format!("cannot encode record: {e}"),
        },
    }
}

/// The writer stage for one message; returns the outcome and whether the
/// index changed.
fn apply(
    writer: &IndexWriter,
    fields: &crate::schema::Fields,
    grouper: &mut Grouper,
    work: Work,
) -> Result<(FileOutcome, bool), IndexError> {
    Ok(match work {
        Work::Unchanged { path, hash } => (
            FileOutcome {
                path,
                hash: Some(hash),
                status: FileStatus::Unchanged,
                error: None,
                pages: 0,
            },
            false,
        ),
        Work::Indexed {
            path,
            hash,
            known,
            needs_ocr,
            pages,
            mut doc,
            keys,
        } => {
            if known {
                writer.delete_term(Term::from_field_text(fields.path, &path));
            }
            let (group, joined) = grouper.resolve(&path, &keys)?;
            fields.set_group(&mut doc, group, joined);
            writer.add_document(*doc)?;
            let status = match (needs_ocr, known) {
                (true, _) => FileStatus::NeedsOcr,
                (false, true) => FileStatus::Updated,
                (false, false) => FileStatus::Added,
            };
            (
                FileOutcome {
                    path,
                    hash: Some(hash),
                    status,
                    error: None,
                    pages,
                },
                true,
            )
        }
        Work::Failed {
            path,
            hash,
            known,
            error,
        } => {
            // The file changed and its new content failed: the old entry
            // no longer describes the file, so it goes.
            if known {
                writer.delete_term(Term::from_field_text(fields.path, &path));
            }
            (
                FileOutcome {
                    path,
                    hash,
                    status: FileStatus::Failed,
                    error: Some(error),
                    pages: 0,
                },
                known,
            )
        }
    })
}

/// BLAKE3 of a file, streamed.
fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = blake3::Hasher::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.finalize().to_hex().to_string())
}

/// The files under `roots` (deduplicated by canonical path, sorted), the
/// canonical scopes `--prune` may remove from, and failures met while walking.
fn collect_files(
    roots: &[PathBuf],
    index_dir: &Path,
    prune: bool,
) -> (Vec<Candidate>, Vec<PathBuf>, Vec<FileOutcome>) {
    let mut files: Vec<Candidate> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut scopes = Vec::new();
    let mut failures = Vec::new();
    let fail = |path: &Path, error: String| FileOutcome {
        path: path.display().to_string(),
        hash: None,
        status: FileStatus::Failed,
        error: Some(error),
        pages: 0,
    };
    let mut push = |files: &mut Vec<Candidate>, path: PathBuf, canonical: PathBuf| {
        let key = canonical.to_string_lossy().into_owned();
        if seen.insert(key.clone()) {
            files.push(Candidate { path, key });
        }
    };
    for root in roots {
        let canonical = match root.canonicalize() {
            Ok(c) => c,
            Err(e) => {
                // A root that is gone may still have documents to prune.
                if prune {
                    if let Ok(abs) = std::path::absolute(root) {
                        scopes.push(abs);
                    }
                } else {
                    failures.push(fail(root, e.to_string()));
                }
                continue;
            }
        };
        scopes.push(canonical.clone());
        if canonical.is_file() {
            push(&mut files, root.clone(), canonical);
            continue;
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                // The root itself is always entered, even if hidden (`.`).
                if e.depth() == 0 {
                    return true;
                }
                let name = e.file_name().to_string_lossy();
                if name.starts_with('.') {
                    return false;
                }
                if e.file_type().is_dir() {
                    return e.path().canonicalize().map_or(true, |c| c != index_dir);
                }
                !is_skipped_name(&name)
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => match e.path().canonicalize() {
                    Ok(c) => push(&mut files, e.path().to_path_buf(), c),
                    Err(err) => failures.push(fail(e.path(), err.to_string())),
                },
                Ok(_) => {}
                // A symlink loop is a property of the folder, not a bad document.
                Err(err) if err.loop_ancestor().is_some() => {}
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    failures.push(fail(&path, err.to_string()));
                }
            }
        }
    }
    files.sort_by(|a, b| a.key.cmp(&b.key));
    (files, scopes, failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_names() {
        assert!(is_skipped_name(".hidden.pdf"));
        assert!(is_skipped_name("report.JSON"));
        assert!(is_skipped_name("scan.png"));
        assert!(!is_skipped_name("report.pdf"));
        assert!(!is_skipped_name("report"));
        assert!(!is_skipped_name("bao-cao.txt"));
    }

    #[test]
    fn walk_skips_hidden_and_index_and_dedupes_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "a").unwrap();
        std::fs::write(root.join(".b.txt"), "b").unwrap();
        std::fs::write(root.join("c.json"), "{}").unwrap();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/d.txt"), "d").unwrap();
        std::fs::create_dir(root.join("idx")).unwrap();
        std::fs::write(root.join("idx/e.txt"), "e").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a.txt"), root.join("link.txt")).unwrap();
            std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
        }
        let idx = root.join("idx").canonicalize().unwrap();
        let (files, scopes, failures) = collect_files(&[root.to_path_buf()], &idx, false);
        let names: Vec<_> = files
            .iter()
            .map(|c| {
                Path::new(&c.key)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.txt"]);
        assert_eq!(scopes.len(), 1);
        assert!(failures.is_empty(), "{failures:?}");
    }
}
