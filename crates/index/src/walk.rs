//! Walking the paths an ingest is given: which files are looked at, under which
//! canonical name, and what `--prune` may remove.
//!
//! The walk streams: [`Walk::run`] hands each file to a callback as it is
//! found, so an ingest holds no list of all files. What it keeps instead is
//! bounded by the command line and the links met, not by the corpus:
//!
//! - Deduplication by canonical path without a set of every file. A file
//!   found at its canonical place under a walked folder ("reached directly")
//!   can be found directly only once: each folder root is walked once, and a
//!   root that lies inside another given root (and would be reached by its
//!   walk) is not walked again. Only a file reached *through a symlink* (its
//!   canonical path differs from where it was found) can repeat another: it is
//!   skipped when its canonical path would be reached directly by some walked
//!   root (that walk yields it), and otherwise kept once, its canonical path
//!   recorded in a set of link-reached files (with the files named on the
//!   command line, the only per-file set: [`Reached`]).
//! - `--prune` needs no list of the files seen either: whether the walk
//!   yields a canonical path is decided from the path itself
//!   ([`Walk::accepts`]): reached directly and still a file, or recorded in
//!   [`Reached`].
//!
//! Within a folder, entries are visited in file-name order (walkdir sorts one
//! folder's entries at a time, so the largest single folder is held while it
//! is read, not the tree).

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::ingest::{FileOutcome, FileStatus};

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

/// A file to look at, with the canonical path that identifies it.
pub(crate) struct Candidate {
    /// The path as found (what is opened).
    pub(crate) path: PathBuf,
    /// The canonical path (what identifies the document).
    pub(crate) key: String,
}

/// What the walk yields: a file to look at, or a path it could not walk.
pub(crate) enum Walked {
    /// A file to look at.
    File(Candidate),
    /// A file or folder that could not be walked (as a failed outcome naming it).
    Failed(FileOutcome),
}

/// The canonical paths of the files a walk yielded that were not reached
/// directly under a walked folder: files named on the command line and files
/// reached through symlinks. Small unless the tree is mostly links.
pub(crate) type Reached = HashSet<String>;

/// One path of the command line, canonicalized.
enum Root {
    /// A file, always tried (unless a walked folder yields it directly).
    File { given: PathBuf, key: String },
    /// A folder to walk: the path as given (what is opened) and its canonical form.
    Dir { given: PathBuf, canonical: PathBuf },
}

/// The walk of an ingest's paths, planned (roots canonicalized and
/// deduplicated) but not yet run.
pub(crate) struct Walk {
    roots: Vec<Root>,
    index_dir: PathBuf,
    scopes: Vec<PathBuf>,
    root_failures: Vec<FileOutcome>,
}

fn fail(path: &Path, error: String) -> FileOutcome {
    FileOutcome {
        path: path.display().to_string(),
        hash: None,
        status: FileStatus::Failed,
        error: Some(error),
        pages: 0,
    }
}

impl Walk {
    /// Canonicalizes `roots`. A folder inside another given folder that the
    /// other's walk reaches is dropped (it would be walked twice); so is a
    /// repeated root, and a named file such a walk yields. A root that cannot
    /// be resolved is a failure, or with `prune` only a scope (a folder that
    /// is gone may still have documents to remove).
    pub(crate) fn plan(roots: &[PathBuf], index_dir: &Path, prune: bool) -> Walk {
        let mut walk = Walk {
            roots: Vec::new(),
            index_dir: index_dir.to_path_buf(),
            scopes: Vec::new(),
            root_failures: Vec::new(),
        };
        let mut resolved = Vec::new();
        for root in roots {
            match root.canonicalize() {
                Ok(c) => {
                    walk.scopes.push(c.clone());
                    resolved.push((root.clone(), c));
                }
                Err(_) if prune => {
                    if let Ok(abs) = std::path::absolute(root) {
                        walk.scopes.push(abs);
                    }
                }
                Err(e) => walk.root_failures.push(fail(root, e.to_string())),
            }
        }
        let dirs: Vec<(usize, PathBuf)> = resolved
            .iter()
            .enumerate()
            .filter(|(_, (_, c))| c.is_dir())
            .map(|(i, (_, c))| (i, c.clone()))
            .collect();
        let mut file_keys = HashSet::new();
        for (i, (given, canonical)) in resolved.into_iter().enumerate() {
            if canonical.is_dir() {
                // Dropped when another folder's walk reaches it: a copy
                // earlier in the list, or a folder strictly containing it.
                let covered = dirs.iter().any(|(j, other)| {
                    (other == &canonical && *j < i)
                        || (other != &canonical
                            && reached_under(other, &canonical, index_dir, false))
                });
                if !covered {
                    walk.roots.push(Root::Dir { given, canonical });
                }
            } else {
                let covered = dirs
                    .iter()
                    .any(|(_, d)| reached_under(d, &canonical, index_dir, true));
                let key = canonical.to_string_lossy().into_owned();
                if !covered && file_keys.insert(key.clone()) {
                    walk.roots.push(Root::File { given, key });
                }
            }
        }
        walk
    }

    /// The canonical scopes `--prune` may remove from (every root, even one
    /// dropped as a duplicate or gone).
    pub(crate) fn scopes(&self) -> &[PathBuf] {
        &self.scopes
    }

    /// The roots that could not be resolved (none with `prune`).
    pub(crate) fn take_root_failures(&mut self) -> Vec<FileOutcome> {
        std::mem::take(&mut self.root_failures)
    }

    /// How many items [`Walk::run`] yields now: the same walk, counting
    /// (nothing kept but the count and the link-reached set).
    pub(crate) fn count(&self) -> usize {
        let mut n = 0usize;
        self.run(&mut |_| {
            n += 1;
            ControlFlow::Continue(())
        });
        n
    }

    /// Walks the roots in order, giving each file (or walk failure) to
    /// `each` as it is found, until `each` breaks. Returns the canonical
    /// paths of the files yielded that were not reached directly.
    pub(crate) fn run(&self, each: &mut dyn FnMut(Walked) -> ControlFlow<()>) -> Reached {
        let mut reached = Reached::new();
        for root in &self.roots {
            let (given, canonical) = match root {
                Root::File { given, key } => {
                    reached.insert(key.clone());
                    let c = Candidate {
                        path: given.clone(),
                        key: key.clone(),
                    };
                    if each(Walked::File(c)).is_break() {
                        return reached;
                    }
                    continue;
                }
                Root::Dir { given, canonical } => (given, canonical),
            };
            if self
                .walk_dir(given, canonical, &mut reached, each)
                .is_break()
            {
                break;
            }
        }
        reached
    }

    fn walk_dir(
        &self,
        root: &Path,
        canonical_root: &Path,
        reached: &mut Reached,
        each: &mut dyn FnMut(Walked) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let index_dir = &self.index_dir;
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
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
                    return e.path().canonicalize().map_or(true, |c| &c != index_dir);
                }
                !is_skipped_name(&name)
            });
        for entry in walker {
            let item = match entry {
                Ok(e) if e.file_type().is_file() => match e.path().canonicalize() {
                    Ok(c) => {
                        // Where the file would be without links on the way.
                        let direct = e.path().strip_prefix(root).map(|r| canonical_root.join(r));
                        if direct.as_deref() == Ok(c.as_path()) {
                            // Reached directly: no other walk reaches it.
                        } else if self.reached_directly(&c) {
                            // A link to a file a walk reaches directly.
                            continue;
                        } else if !reached.insert(c.to_string_lossy().into_owned()) {
                            // A link to a file already yielded through another link.
                            continue;
                        }
                        Walked::File(Candidate {
                            path: e.path().to_path_buf(),
                            key: c.to_string_lossy().into_owned(),
                        })
                    }
                    Err(err) => Walked::Failed(fail(e.path(), err.to_string())),
                },
                Ok(_) => continue,
                // A symlink loop is a property of the folder, not a bad document.
                Err(err) if err.loop_ancestor().is_some() => continue,
                Err(err) => {
                    let path = err.path().unwrap_or(root);
                    Walked::Failed(fail(path, err.to_string()))
                }
            };
            each(item)?;
        }
        ControlFlow::Continue(())
    }

    /// Whether the walk of some folder root finds the file at canonical path
    /// `file` directly (no link on the way): under the root, through no
    /// hidden folder nor the index folder, its name not skipped.
    fn reached_directly(&self, file: &Path) -> bool {
        self.roots.iter().any(|r| match r {
            Root::Dir { canonical, .. } => reached_under(canonical, file, &self.index_dir, true),
            Root::File { .. } => false,
        })
    }

    /// Whether the walk yields the file with canonical path `key` (for
    /// `--prune`: an indexed document under the scopes that the walk no longer
    /// yields is gone). `reached` is what [`Walk::run`] returned.
    pub(crate) fn accepts(&self, key: &str, reached: &Reached) -> bool {
        reached.contains(key) || {
            let p = Path::new(key);
            self.reached_directly(p) && p.is_file()
        }
    }
}

/// Whether walking the canonical folder `root` reaches the canonical path
/// `target` directly: `target` strictly under `root`, through folders that are
/// neither hidden nor `index_dir`; a file's name must not be skipped, a
/// folder must not be hidden or `index_dir` itself.
fn reached_under(root: &Path, target: &Path, index_dir: &Path, is_file: bool) -> bool {
    let Ok(rel) = target.strip_prefix(root) else {
        return false;
    };
    let names: Vec<_> = rel.components().collect();
    let Some((last, folders)) = names.split_last() else {
        return false;
    };
    let mut at = root.to_path_buf();
    for c in folders {
        let Component::Normal(name) = c else {
            return false;
        };
        at.push(name);
        if name.to_string_lossy().starts_with('.') || at == index_dir {
            return false;
        }
    }
    let Component::Normal(name) = last else {
        return false;
    };
    let name = name.to_string_lossy();
    if is_file {
        !is_skipped_name(&name)
    } else {
        !name.starts_with('.') && target != index_dir
    }
}

/// Every file under `roots` at once, sorted by canonical path, with the
/// walk's failures: for callers that keep the list anyway (manifests).
pub(crate) fn collect_files(
    roots: &[PathBuf],
    index_dir: &Path,
) -> (Vec<Candidate>, Vec<FileOutcome>) {
    let mut walk = Walk::plan(roots, index_dir, false);
    let mut failures = walk.take_root_failures();
    let mut files = Vec::new();
    walk.run(&mut |w| {
        match w {
            Walked::File(c) => files.push(c),
            Walked::Failed(o) => failures.push(o),
        }
        ControlFlow::Continue(())
    });
    files.sort_by(|a, b| a.key.cmp(&b.key));
    (files, failures)
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

    /// The canonical keys a walk of `roots` yields, in order, and its failures.
    fn walked(roots: &[PathBuf], index_dir: &Path) -> (Vec<String>, usize) {
        let mut walk = Walk::plan(roots, index_dir, false);
        let mut failures = walk.take_root_failures().len();
        let mut keys = Vec::new();
        let reached = walk.run(&mut |w| {
            match w {
                Walked::File(c) => keys.push(c.key),
                Walked::Failed(_) => failures += 1,
            }
            ControlFlow::Continue(())
        });
        assert_eq!(walk.count(), keys.len() + failures);
        // Every yielded file is accepted by the rules `--prune` applies.
        for k in &keys {
            assert!(walk.accepts(k, &reached), "{k}");
        }
        (keys, failures)
    }

    fn rel(root: &Path, keys: &[String]) -> Vec<String> {
        let root = root.canonicalize().unwrap();
        keys.iter()
            .map(|k| {
                Path::new(k)
                    .strip_prefix(&root)
                    .unwrap_or(Path::new(k))
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
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
        let (files, failures) = collect_files(&[root.to_path_buf()], &idx);
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
        assert!(failures.is_empty(), "{failures:?}");
        let walk = Walk::plan(&[root.to_path_buf()], &idx, false);
        assert_eq!(walk.scopes().len(), 1);
        let (keys, failures) = walked(&[root.to_path_buf()], &idx);
        assert_eq!(rel(root, &keys), ["a.txt"]);
        assert_eq!(failures, 0);
        // Gone, hidden, skipped by name or in the index folder: not accepted.
        let reached = Reached::new();
        let canon = root.canonicalize().unwrap();
        for gone in ["zz.txt", ".b.txt", "c.json", ".git/d.txt", "idx/e.txt"] {
            let k = canon.join(gone).to_string_lossy().into_owned();
            assert!(!walk.accepts(&k, &reached), "{gone}");
        }
    }

    #[test]
    fn overlapping_roots_are_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/deep")).unwrap();
        std::fs::create_dir_all(root.join(".hid/x")).unwrap();
        std::fs::write(root.join("a.txt"), "a").unwrap();
        std::fs::write(root.join("sub/b.txt"), "b").unwrap();
        std::fs::write(root.join("sub/deep/c.txt"), "c").unwrap();
        std::fs::write(root.join(".hid/x/h.txt"), "h").unwrap();
        std::fs::write(root.join("sub/.named.txt"), "n").unwrap();
        let idx = root.join("idx");
        let roots = [
            root.join("sub"),
            root.to_path_buf(),
            root.join("sub/deep"),
            root.to_path_buf(),
            // Inside a hidden folder: the outer walk does not reach it.
            root.join(".hid/x"),
            // Named files: one the walk yields, one it skips (always tried).
            root.join("sub/b.txt"),
            root.join("sub/.named.txt"),
            root.join("sub/.named.txt"),
        ];
        let (keys, failures) = walked(&roots, &idx);
        assert_eq!(failures, 0);
        assert_eq!(
            rel(root, &keys),
            [
                "a.txt",
                "sub/b.txt",
                "sub/deep/c.txt",
                ".hid/x/h.txt",
                "sub/.named.txt"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_and_outside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::create_dir_all(root.join(".hid")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(root.join("sub/in.txt"), "in").unwrap();
        std::fs::write(root.join(".hid/secret.txt"), "s").unwrap();
        std::fs::write(outside.join("out.txt"), "out").unwrap();
        let ln = std::os::unix::fs::symlink;
        // Inside, reached directly too: skipped (the direct path is kept).
        ln(root.join("sub/in.txt"), root.join("a-in.txt")).unwrap();
        // Outside the root, twice (a file link and a folder link): kept once.
        ln(outside.join("out.txt"), root.join("b-out.txt")).unwrap();
        ln(outside.clone(), root.join("c-outdir")).unwrap();
        // Inside, but under a hidden folder the walk skips: kept through the link.
        ln(root.join(".hid/secret.txt"), root.join("d-secret.txt")).unwrap();
        let idx = root.join("idx");
        let mut walk = Walk::plan(std::slice::from_ref(&root), &idx, false);
        assert!(walk.take_root_failures().is_empty());
        let mut found = Vec::new();
        let reached = walk.run(&mut |w| {
            if let Walked::File(c) = w {
                found.push((c.path, c.key));
            }
            ControlFlow::Continue(())
        });
        let out = outside.canonicalize().unwrap().join("out.txt");
        let secret = root.canonicalize().unwrap().join(".hid/secret.txt");
        let inside = root.canonicalize().unwrap().join("sub/in.txt");
        let keys: Vec<_> = found.iter().map(|(_, k)| PathBuf::from(k)).collect();
        assert_eq!(keys, [out.clone(), secret.clone(), inside.clone()]);
        // Opened where found, identified by the canonical path.
        assert_eq!(found[0].0, root.join("b-out.txt"));
        // Only the link-reached files are recorded.
        assert_eq!(reached.len(), 2);
        for k in [&out, &secret, &inside] {
            assert!(walk.accepts(&k.to_string_lossy(), &reached), "{k:?}");
        }
        // The outside file, no longer reached, is not accepted.
        assert!(!walk.accepts(&out.to_string_lossy(), &Reached::new()));
    }
}
