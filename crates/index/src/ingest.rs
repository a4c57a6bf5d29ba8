//! Incremental, parallel ingest: walk (`walk.rs`) → read and hash once → (skip |
//! parse + extract) → write the index.
//!
//! Files are processed in parallel (rayon); one tantivy writer on the calling
//! thread receives finished documents through a bounded channel, so at most
//! a few documents per worker are in memory however large the corpus. The
//! writer commits every [`IngestOptions::commit_docs`] changes or
//! [`IngestOptions::commit_interval`], so a killed ingest loses only the
//! uncommitted tail, and the next run skips whatever was committed.

use std::fmt::Display;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument, Term};
use vanban_extract::ExtractRecord;

use crate::error::IndexError;
use crate::failures::FailedFiles;
use crate::group::{GroupKeys, Grouper};
use crate::lock::IngestLock;
use crate::store::{column_str, KnownFiles, VanbanIndex};
use crate::walk::{Candidate, Reached, Walk, Walked};

/// How an ingest runs.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Remove indexed documents whose files no longer exist under the given paths.
    pub prune: bool,
    /// Commit after this many added, updated or removed documents.
    pub commit_docs: usize,
    /// Commit when this much time has passed since the last commit.
    pub commit_interval: Duration,
    /// Memory budget of the tantivy writer, in bytes: the indexing arena,
    /// split evenly among its threads (`min(4, cores)`); a thread whose share
    /// fills flushes a segment, so the arena never holds more than this
    /// (raised to 20 MB per thread, tantivy's floor). Commits every
    /// [`IngestOptions::commit_docs`] usually flush first.
    pub writer_memory: usize,
    /// Segments of more documents than this are never merged again, so a
    /// merge reads (through mmap, counted in the process's RSS) at most a few
    /// segments of about this many documents each, however large the index.
    pub merge_max_docs: usize,
    /// Names the code that parses and extracts (version, record format): a
    /// file indexed by another engine is read again even if unchanged.
    pub engine: String,
    /// Read every file again, changed or not.
    pub force: bool,
    /// Files larger than this are refused before they are read (the pipeline's limit).
    pub max_file_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            prune: false,
            commit_docs: 500,
            commit_interval: Duration::from_secs(10),
            writer_memory: 64 * 1024 * 1024,
            merge_max_docs: 1_000,
            engine: String::new(),
            force: false,
            max_file_bytes: vanban_model::Limits::default().max_file_bytes,
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
    /// The index could not be read: the ingest stops.
    Fatal(IndexError),
}

impl VanbanIndex {
    /// Ingests every file under `roots`, running `process` (parse + repair +
    /// extract) on the new and changed ones. Takes the ingest lock first.
    ///
    /// Each file is read once: its bytes are hashed (to skip an unchanged file)
    /// and the same bytes, with their BLAKE3, are what `process` gets.
    pub fn ingest<P, E>(
        &self,
        roots: &[PathBuf],
        opts: &IngestOptions,
        process: P,
        observer: &mut dyn IngestObserver,
    ) -> Result<IngestSummary, IndexError>
    where
        P: Fn(&Path, &[u8], &str) -> Result<ExtractRecord, E> + Sync,
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
        // Merges are what made peak RSS grow with the corpus: tantivy's
        // default policy keeps merging up to one segment of the whole index,
        // reading every input segment through mmap (file-backed RSS). DOCX
        // ingest, 2026-12-08: default policy, 128 MB arena: peak RSS 338 MB
        // at 10k files (168 MB file-backed), 2,301 MB at 100k (2,097 MB
        // file-backed, 204 MB anonymous). With segments over 1,000 documents
        // left alone and a 64 MB arena: 184 MB at 10k (56 MB file-backed);
        // see BENCHMARKS.md for 100k.
        let mut merges = tantivy::merge_policy::LogMergePolicy::default();
        merges.set_max_docs_before_merge(opts.merge_max_docs);
        writer.set_merge_policy(Box::new(merges));
        let mut failures = FailedFiles::load(&self.dir)?;
        let index_dir = self.dir.canonicalize().unwrap_or_else(|_| self.dir.clone());

        let mut summary = IngestSummary::default();
        let report = |summary: &mut IngestSummary,
                      failures: &mut FailedFiles,
                      observer: &mut dyn IngestObserver,
                      o: FileOutcome| {
            match o.status {
                FileStatus::Added => summary.added += 1,
                FileStatus::Updated => summary.updated += 1,
                FileStatus::Unchanged => summary.unchanged += 1,
                FileStatus::Removed => summary.removed += 1,
                FileStatus::NeedsOcr => summary.needs_ocr += 1,
                FileStatus::Failed => {
                    let error = o.error.clone().unwrap_or_default();
                    failures.failed(&o.path, &error);
                    summary.failed.push((o.path.clone(), error));
                }
            }
            if o.status != FileStatus::Failed {
                failures.cleared(&o.path);
            }
            summary.pages += o.pages;
            observer.file_done(&o);
        };

        // Nothing per file is kept for the whole run: the walk streams its
        // files to the workers (a counting pass first, for the progress bar),
        // each worker looks its file up in the committed index, and `--prune`
        // goes through the index's paths afterwards (see `walk.rs`).
        let mut walk = Walk::plan(roots, &index_dir, opts.prune);
        for o in walk.take_root_failures() {
            report(&mut summary, &mut failures, observer, o);
        }
        observer.planned(walk.count());
        // The index as it was when the ingest started: files committed during
        // this run are not met again (the walk yields each file once).
        let known = KnownFiles::new(self, self.searcher()?)?;

        let fields = self.fields.clone();
        let capacity = rayon::current_num_threads().max(1) * 2;
        let (tx, rx) = sync_channel::<Work>(capacity);
        let mut pending = 0usize;
        let mut last_commit = Instant::now();
        let mut first_error: Option<IndexError> = None;
        let mut grouper = Grouper::new(self.searcher()?, &self.fields);
        let mut reached = Reached::new();

        std::thread::scope(|s| {
            let known = &known;
            let fields = &fields;
            let process = &process;
            let walk = &walk;
            let (files_tx, files_rx) = sync_channel::<Walked>(capacity * 4);
            let walker = s.spawn(move || {
                // A send fails only when the workers stopped; stop walking then.
                walk.run(&mut |w| match files_tx.send(w) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(_) => ControlFlow::Break(()),
                })
            });
            s.spawn(move || {
                // A send fails only when the writer gave up; stop early then.
                let _ = files_rx
                    .into_iter()
                    .par_bridge()
                    .try_for_each_with(tx, |tx, w| {
                        let work = match w {
                            Walked::File(c) => work_on(&c, known, opts, fields, process),
                            Walked::Failed(o) => Work::Failed {
                                path: o.path,
                                hash: None,
                                known: false,
                                error: o.error.unwrap_or_default(),
                            },
                        };
                        tx.send(work).map_err(|_| ())
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
                report(&mut summary, &mut failures, observer, outcome);
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
            // The walker cannot panic short of a bug; then nothing was reached by links.
            reached = walker.join().unwrap_or_default();
        });
        if let Some(e) = first_error {
            return Err(e);
        }

        if opts.prune {
            let scopes = walk.scopes();
            let in_scope = |p: &str| scopes.iter().any(|s| Path::new(p).starts_with(s));
            // Only the documents to remove are listed, not every indexed path.
            let mut gone: Vec<(String, Option<String>)> = Vec::new();
            let searcher = self.searcher()?;
            for seg in searcher.segment_readers() {
                let ff = seg.fast_fields();
                let Some(paths) = ff.str("path")? else {
                    continue;
                };
                let hashes = ff.str("hash")?;
                for doc in seg.doc_ids_alive() {
                    let Some(p) = column_str(&paths, doc, &self.dir)? else {
                        continue;
                    };
                    if in_scope(&p) && !walk.accepts(&p, &reached) {
                        let hash = match &hashes {
                            Some(col) => column_str(col, doc, &self.dir)?,
                            None => None,
                        };
                        gone.push((p, hash));
                    }
                }
            }
            gone.sort();
            gone.dedup_by(|a, b| a.0 == b.0);
            for (p, hash) in gone {
                writer.delete_term(Term::from_field_text(self.fields.path, &p));
                pending += 1;
                report(
                    &mut summary,
                    &mut failures,
                    observer,
                    FileOutcome {
                        path: p,
                        hash,
                        status: FileStatus::Removed,
                        error: None,
                        pages: 0,
                    },
                );
            }
            failures.prune(&|p: &str| walk.accepts(p, &reached), scopes);
        }
        if pending > 0 {
            observer.committing();
            writer.commit()?;
        }
        failures.save(&self.dir)?;
        // Let background merges finish so the next run starts from a tidy index.
        writer.wait_merging_threads()?;
        summary.total_docs = self.num_docs()?;
        Ok(summary)
    }
}

/// The parallel stage for one file.
fn work_on<P, E>(
    c: &Candidate,
    known: &KnownFiles,
    opts: &IngestOptions,
    fields: &crate::schema::Fields,
    process: &P,
) -> Work
where
    P: Fn(&Path, &[u8], &str) -> Result<ExtractRecord, E>,
    E: Display,
{
    let path = c.key.clone();
    let previous = match known.get(&c.key) {
        Ok(p) => p,
        Err(e) => return Work::Fatal(e),
    };
    let bytes = match read_file(&c.path, opts.max_file_bytes) {
        Ok(b) => b,
        Err(error) => {
            return Work::Failed {
                path,
                hash: None,
                known: previous.is_some(),
                error,
            }
        }
    };
    let hash = blake3::hash(&bytes).to_hex().to_string();
    let same = previous
        .as_ref()
        .is_some_and(|k| k.hash == hash && k.engine == opts.engine);
    if same && !opts.force {
        return Work::Unchanged { path, hash };
    }
    let known = previous.is_some();
    let record = match process(&c.path, &bytes, &hash) {
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
    let (needs_ocr, pages) = (record.needs_ocr, record.pages);
    match fields.document(&c.key, &hash, &opts.engine, ingested_at, record) {
        Ok((doc, keys)) => Work::Indexed {
            path,
            hash,
            known,
            needs_ocr,
            pages,
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
        Work::Fatal(e) => return Err(e),
    })
}

/// Reads a file whole, refusing one over `max` bytes before reading it (with
/// the words the parser uses for the same limit). Shared with sharded
/// extraction, so a file fails there for the same reason as in an ingest.
pub fn read_file(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.len() > max {
        return Err(vanban_model::ParseError::TooLarge {
            what: "file size",
            actual: meta.len(),
            limit: max,
        }
        .to_string());
    }
    std::fs::read(path).map_err(|e| e.to_string())
}
