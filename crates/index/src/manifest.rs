//! Manifests for sharded extraction: the files an ingest of the same paths
//! would look at (the walk of `walk.rs`), each with its size and BLAKE3,
//! split into shards of about equal bytes that machines extract apart
//! (`vanban extract --manifest`).
//!
//! A manifest lists each content once: byte-identical files at two paths are
//! one document (the tables key rows by the BLAKE3), kept at the first path
//! in path order, as `vanban export` keeps them.

use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::IndexError;
use crate::walk::collect_files;

/// One file of a manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Canonical path (what identifies the document, as in the index).
    pub path: String,
    /// Size in bytes when the manifest was made.
    pub size: u64,
    /// BLAKE3 of the bytes when the manifest was made, hex.
    pub blake3: String,
}

/// A manifest before it is split: the files, those that could not be read,
/// and how many files repeated an earlier file's bytes.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    /// Distinct contents, in path order.
    pub entries: Vec<ManifestEntry>,
    /// Files that could not be walked or read: path and reason.
    pub failed: Vec<(String, String)>,
    /// Files left out because an earlier path had the same bytes.
    pub repeated: usize,
}

/// Walks `roots` as `vanban ingest` does (skipping `skip_dir`, e.g. the
/// manifest's own folder) and hashes every file, in parallel.
pub fn build_manifest(roots: &[PathBuf], skip_dir: &Path) -> Manifest {
    let skip = skip_dir
        .canonicalize()
        .unwrap_or_else(|_| skip_dir.to_path_buf());
    let (files, walk_failures) = collect_files(roots, &skip);
    let hashed: Vec<Result<ManifestEntry, (String, String)>> = files
        .par_iter()
        .map(|c| {
            hash_file(&c.path)
                .map(|(size, blake3)| ManifestEntry {
                    path: c.key.clone(),
                    size,
                    blake3,
                })
                .map_err(|e| (c.key.clone(), e.to_string()))
        })
        .collect();
    let mut manifest = Manifest {
        failed: walk_failures
            .into_iter()
            .map(|o| (o.path, o.error.unwrap_or_default()))
            .collect(),
        ..Manifest::default()
    };
    let mut seen = HashSet::new();
    for h in hashed {
        match h {
            Ok(e) if seen.insert(e.blake3.clone()) => manifest.entries.push(e),
            Ok(_) => manifest.repeated += 1,
            Err(f) => manifest.failed.push(f),
        }
    }
    manifest
}

/// Size and BLAKE3 (hex) of a file, read as a stream.
pub fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut hasher = blake3::Hasher::new();
    let mut file = std::fs::File::open(path)?;
    let size = std::io::copy(&mut file, &mut hasher)?;
    Ok((size, hasher.finalize().to_hex().to_string()))
}

/// Splits `entries` into `n` shards of about equal bytes (at least one
/// shard, never an empty one unless there are fewer files than shards).
/// Deterministic: the largest file goes first to the lightest shard (ties:
/// the lower shard), and each shard lists its files in path order.
pub fn shard(mut entries: Vec<ManifestEntry>, n: usize) -> Vec<Vec<ManifestEntry>> {
    let n = n.max(1);
    entries.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.path.cmp(&b.path)));
    let mut shards: Vec<(u64, Vec<ManifestEntry>)> = vec![(0, Vec::new()); n];
    for e in entries {
        // Files count at least one byte, so empty files spread too.
        let (_, lightest) = shards
            .iter()
            .enumerate()
            .map(|(i, (bytes, files))| ((*bytes, files.len()), i))
            .min()
            .unwrap_or(((0, 0), 0));
        shards[lightest].0 += e.size.max(1);
        shards[lightest].1.push(e);
    }
    shards
        .into_iter()
        .map(|(_, mut files)| {
            files.sort_by(|a, b| a.path.cmp(&b.path));
            files
        })
        .collect()
}

/// The file name of shard `i` (`shard-00003.jsonl`).
pub fn shard_file_name(i: usize) -> String {
    format!("shard-{i:05}.jsonl")
}

/// Whether a file name is a shard's.
fn is_shard_name(name: &str) -> bool {
    name.strip_prefix("shard-")
        .and_then(|r| r.strip_suffix(".jsonl"))
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Writes the shards as `DIR/shard-NNNNN.jsonl` (JSON Lines of
/// [`ManifestEntry`]), each atomically (temporary name, fsync, rename),
/// and removes shard files of an earlier manifest beyond the new count.
/// Returns the shard files in order.
pub fn write_shards(dir: &Path, shards: &[Vec<ManifestEntry>]) -> Result<Vec<PathBuf>, IndexError> {
    std::fs::create_dir_all(dir).map_err(|e| IndexError::io(dir, e))?;
    let mut written = Vec::with_capacity(shards.len());
    let mut names = HashSet::new();
    for (i, files) in shards.iter().enumerate() {
        let name = shard_file_name(i);
        let path = dir.join(&name);
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            for e in files {
                serde_json::to_writer(&mut out, e)?;
                out.write_all(b"\n")?;
            }
            let file = out.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            std::fs::rename(&tmp, &path)
        };
        if let Err(e) = write() {
            let _ = std::fs::remove_file(&tmp);
            return Err(IndexError::io(&path, e));
        }
        names.insert(name);
        written.push(path);
    }
    for entry in std::fs::read_dir(dir).map_err(|e| IndexError::io(dir, e))? {
        let entry = entry.map_err(|e| IndexError::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_shard_name(&name) && !names.contains(&name) {
            std::fs::remove_file(entry.path()).map_err(|e| IndexError::io(entry.path(), e))?;
        }
    }
    Ok(written)
}

/// Reads a shard file; a line that is not a well-formed entry (a path, a
/// size, a 64-digit lower-case hex BLAKE3) is an error naming the line.
pub fn read_shard(path: &Path) -> Result<Vec<ManifestEntry>, IndexError> {
    let file = std::fs::File::open(path).map_err(|e| IndexError::io(path, e))?;
    let mut entries = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| IndexError::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| IndexError::Manifest {
            path: path.to_path_buf(),
            line: n + 1,
            reason,
        };
        let e: ManifestEntry = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        if !is_blake3_hex(&e.blake3) {
            return Err(bad(format!("blake3 {:?} is not 64 hex digits", e.blake3)));
        }
        entries.push(e);
    }
    Ok(entries)
}

/// Whether `s` is a BLAKE3 as vanban writes it: 64 lower-case hex digits.
pub fn is_blake3_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, size: u64) -> ManifestEntry {
        ManifestEntry {
            path: path.into(),
            size,
            blake3: blake3::hash(path.as_bytes()).to_hex().to_string(),
        }
    }

    fn bytes(s: &[ManifestEntry]) -> u64 {
        s.iter().map(|e| e.size).sum()
    }

    #[test]
    fn shards_are_balanced_by_bytes() {
        // One large report and many small ones: the large one gets a shard of its own.
        let mut files = vec![entry("/kho/bao-cao-tong-hop.pdf", 1000)];
        for i in 0..20 {
            files.push(entry(&format!("/kho/cong-van-{i:02}.docx"), 100));
        }
        let shards = shard(files, 3);
        assert_eq!(shards.len(), 3);
        let sizes: Vec<u64> = shards.iter().map(|s| bytes(s)).collect();
        assert_eq!(sizes.iter().sum::<u64>(), 3000);
        assert_eq!(sizes, [1000, 1000, 1000], "{sizes:?}");
        assert_eq!(shards[0].len(), 1);
        // Each shard is in path order.
        for s in &shards {
            assert!(s.windows(2).all(|w| w[0].path < w[1].path));
        }
    }

    #[test]
    fn sharding_is_deterministic_whatever_the_input_order() {
        let files: Vec<_> = (0..50)
            .map(|i| entry(&format!("/kho/bc-{i}.pdf"), (i * 37 % 11) as u64))
            .collect();
        let mut reversed = files.clone();
        reversed.reverse();
        assert_eq!(shard(files.clone(), 4), shard(reversed, 4));
        // Every file once.
        let all: usize = shard(files, 4).iter().map(Vec::len).sum();
        assert_eq!(all, 50);
    }

    #[test]
    fn more_shards_than_files_and_zero_shards() {
        let files = vec![entry("/a.txt", 0), entry("/b.txt", 0)];
        let shards = shard(files.clone(), 4);
        assert_eq!(shards.iter().filter(|s| !s.is_empty()).count(), 2);
        assert_eq!(shard(files, 0).len(), 1);
    }

    #[test]
    fn manifest_walks_like_ingest_and_lists_each_content_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("kho");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("a.txt"), "Báo cáo số 12/BC-UBND").unwrap();
        std::fs::write(root.join("b.txt"), "Báo cáo số 12/BC-UBND").unwrap();
        std::fs::write(root.join("c.txt"), "Kế hoạch số 7/KH-UBND").unwrap();
        std::fs::write(root.join("ghi-chu.json"), "{}").unwrap();
        std::fs::write(root.join(".an.txt"), "ẩn").unwrap();
        let out = root.join("manifest");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("shard-00000.jsonl"), "").unwrap();
        // A document-looking file inside the manifest folder is not an input.
        std::fs::write(out.join("bao-cao-cu.txt"), "Báo cáo cũ").unwrap();
        let m = build_manifest(std::slice::from_ref(&root), &out);
        let names: Vec<&str> = m
            .entries
            .iter()
            .map(|e| e.path.rsplit('/').next().unwrap())
            .collect();
        // b.txt has a.txt's bytes; the JSON file, the hidden file and the manifest folder are skipped.
        assert_eq!(names, ["a.txt", "c.txt"]);
        assert_eq!(m.repeated, 1);
        assert!(m.failed.is_empty());
        assert_eq!(m.entries[0].size, "Báo cáo số 12/BC-UBND".len() as u64);
        assert_eq!(
            m.entries[0].blake3,
            blake3::hash("Báo cáo số 12/BC-UBND".as_bytes())
                .to_hex()
                .to_string()
        );
        // A missing root is a failure, not a silent skip.
        let m = build_manifest(&[root.join("khong-co")], &out);
        assert_eq!(m.failed.len(), 1);
    }

    #[test]
    fn shards_round_trip_and_stale_shards_go() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<_> = (0..5)
            .map(|i| entry(&format!("/kho/bc-{i}.pdf"), 10))
            .collect();
        let paths = write_shards(dir.path(), &shard(files.clone(), 3)).unwrap();
        assert_eq!(paths.len(), 3);
        let paths = write_shards(dir.path(), &shard(files.clone(), 2)).unwrap();
        assert_eq!(paths.len(), 2);
        assert!(!dir.path().join("shard-00002.jsonl").exists());
        let mut back: Vec<_> = paths.iter().flat_map(|p| read_shard(p).unwrap()).collect();
        back.sort_by(|a, b| a.path.cmp(&b.path));
        assert_eq!(back, files);
    }

    #[test]
    fn a_bad_shard_line_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("shard-00000.jsonl");
        let good = serde_json::to_string(&entry("/a.txt", 1)).unwrap();
        std::fs::write(
            &p,
            format!("{good}\n{{\"path\":\"/b\",\"size\":1,\"blake3\":\"../../etc\"}}\n"),
        )
        .unwrap();
        let e = read_shard(&p).unwrap_err().to_string();
        assert!(e.contains("line 2"), "{e}");
        assert!(e.contains("64 hex"), "{e}");
    }
}
