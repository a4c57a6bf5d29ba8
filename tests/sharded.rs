//! Sharded extraction through the real binary: `vanban manifest` splits the
//! corpus into shards, `vanban extract --manifest` writes each shard's Parquet
//! parts, and the parts hold the same rows as `vanban ingest` + `vanban export
//! --format parquet` of the same files (only `documents.ingested_at`, the time
//! each run read the file, differs). Re-runs skip complete files and redo lost
//! ones; a file changed after the manifest fails alone, with its reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use vanban_export::TableId;

use crate::common::{corpus, ingest_without_ocr, ok, vanban};
use crate::parquet::{read_parquet, Cell};

/// The columns that depend on when a file was read, not on its bytes.
const INGEST_TIME_COLUMNS: &[(TableId, &str)] = &[(TableId::Documents, "ingested_at")];

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// A table's rows as a sorted multiset of debug-printed rows, without the
/// ingest-time columns.
fn rows_of(files: &[PathBuf], table: TableId) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let t = read_parquet(f, table);
        let skip: Vec<usize> = INGEST_TIME_COLUMNS
            .iter()
            .filter(|(tt, _)| *tt == table)
            .map(|(_, c)| t.col(c))
            .collect();
        for row in t.rows {
            let kept: Vec<&Cell> = row
                .iter()
                .enumerate()
                .filter(|(i, _)| !skip.contains(i))
                .map(|(_, c)| c)
                .collect();
            out.push(format!("{kept:?}"));
        }
    }
    out.sort();
    out
}

/// The part files of `table` under a dataset folder.
fn parts(dir: &Path, table: TableId) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir.join(table.name())) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "parquet"))
        .collect();
    v.sort();
    v
}

fn shard_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("manifest dir")
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    v
}

fn extract(shard: &Path, out: &Path) -> (std::process::Output, serde_json::Value) {
    let o = vanban(&[
        "extract",
        "--manifest",
        s(shard),
        "--out",
        s(out),
        "--ocr",
        "never",
        "--json",
    ]);
    let v = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {} / {}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o, v)
}

#[test]
fn sharded_parts_hold_the_export_rows_and_reruns_redo_only_what_is_missing() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let files = scratch.path().join("kho");
    copy_tree(&corpus(), &files);
    // The same bytes at a second path: one document, as in the export.
    let original = files.join("000_1caea9d70ae52738.txt");
    std::fs::copy(&original, files.join("zz-ban-sao.txt")).expect("copy");

    let index = scratch.path().join("index");
    ingest_without_ocr(&index, &files);
    let export = scratch.path().join("export");
    ok(&[
        "export",
        "--index",
        s(&index),
        "--format",
        "parquet",
        "--out",
        s(&export),
    ]);

    let manifest = scratch.path().join("manifest");
    let out = ok(&[
        "manifest",
        s(&files),
        "--shards",
        "3",
        "--out",
        s(&manifest),
        "--json",
    ]);
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).expect("manifest json");
    assert_eq!(m["repeated"], 1, "{m}");
    let shards = shard_files(&manifest);
    assert_eq!(shards.len(), 3);
    let listed: usize = shards
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("shard").lines().count())
        .sum();
    assert_eq!(listed as u64, m["files"].as_u64().expect("files"));
    // Balanced by bytes: no shard more than the largest file above the mean.
    let bytes: Vec<u64> = m["shards"]
        .as_array()
        .expect("shards")
        .iter()
        .map(|x| x["bytes"].as_u64().expect("bytes"))
        .collect();
    let largest = shards
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .expect("shard")
                .lines()
                .map(|l| {
                    let e: serde_json::Value = serde_json::from_str(l).expect("entry");
                    e["size"].as_u64().expect("size")
                })
                .collect::<Vec<_>>()
        })
        .max()
        .expect("a file");
    let mean = bytes.iter().sum::<u64>() / 3;
    assert!(bytes.iter().all(|b| *b <= mean + largest), "{bytes:?}");

    let parts_dir = scratch.path().join("parts");
    let mut written = 0;
    for shard in &shards {
        let (o, v) = extract(shard, &parts_dir);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        written += v["written"].as_u64().expect("written");
    }
    assert_eq!(written, listed as u64);

    // Same rows per table as the export, apart from the ingest time.
    for table in TableId::ALL {
        let want = rows_of(&[export.join(format!("{}.parquet", table.name()))], table);
        let got = rows_of(&parts(&parts_dir, table), table);
        assert!(!want.is_empty() || table != TableId::Documents);
        assert_eq!(got.len(), want.len(), "{}", table.name());
        assert_eq!(got, want, "{}", table.name());
    }
    assert_eq!(parts(&parts_dir, TableId::Documents).len(), listed);

    // A re-run reads nothing; a lost part is redone, and only it.
    let lost = parts(&parts_dir, TableId::Documents)[0].clone();
    std::fs::remove_file(&lost).expect("remove");
    let mut redone = 0;
    for shard in &shards {
        let (o, v) = extract(shard, &parts_dir);
        assert!(o.status.success());
        redone += v["written"].as_u64().expect("written");
        assert_eq!(
            v["skipped"].as_u64().expect("skipped") + v["written"].as_u64().expect("w"),
            std::fs::read_to_string(shard)
                .expect("shard")
                .lines()
                .count() as u64
        );
    }
    assert_eq!(redone, 1);
    assert!(lost.is_file());
    let got = rows_of(&parts(&parts_dir, TableId::Money), TableId::Money);
    let want = rows_of(&[export.join("money.parquet")], TableId::Money);
    assert_eq!(got, want, "no duplicate rows after the redo");
}

#[test]
fn a_file_changed_after_the_manifest_fails_alone() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let files = scratch.path().join("kho");
    std::fs::create_dir_all(&files).expect("mkdir");
    let texts = [
        (
            "bao-cao-1.txt",
            "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\nSố: 12/BC-UBND\nBÁO CÁO\nKinh phí 1.250.000.000 đồng.",
        ),
        (
            "bao-cao-2.txt",
            "SỞ TÀI CHÍNH\nSố: 7/KH-STC\nKẾ HOẠCH\nTheo Nghị định số 30/2020/NĐ-CP.",
        ),
        (
            "bao-cao-3.txt",
            "UBND HUYỆN CẨM XUYÊN\nSố: 3/BC-UBND\nBÁO CÁO\nĐã xử lý 15 vụ việc.",
        ),
    ];
    for (name, text) in texts {
        std::fs::write(files.join(name), text).expect("write");
    }
    let manifest = scratch.path().join("manifest");
    ok(&["manifest", s(&files), "--out", s(&manifest)]);
    let shard = manifest.join("shard-00000.jsonl");
    assert!(shard.is_file());
    std::fs::write(
        files.join("bao-cao-2.txt"),
        "Nội dung đã bị sửa sau khi lập danh sách.",
    )
    .expect("rewrite");
    let parts_dir = scratch.path().join("parts");
    let (o, v) = extract(&shard, &parts_dir);
    assert_eq!(o.status.code(), Some(3), "partial failure is exit status 3");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("bao-cao-2.txt"), "{stderr}");
    assert!(
        stderr.contains("content changed since the manifest"),
        "{stderr}"
    );
    assert_eq!(v["written"], 2, "{v}");
    assert_eq!(v["failed"].as_array().expect("failed").len(), 1);
    let docs = parts(&parts_dir, TableId::Documents);
    assert_eq!(docs.len(), 2);
    let rows: BTreeMap<String, usize> = docs
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                read_parquet(p, TableId::Documents).rows.len(),
            )
        })
        .collect();
    assert!(rows.values().all(|n| *n == 1), "{rows:?}");
    // No temporary file is left behind.
    for table in TableId::ALL {
        if let Ok(rd) = std::fs::read_dir(parts_dir.join(table.name())) {
            for e in rd {
                let name = e.expect("entry").file_name().to_string_lossy().into_owned();
                assert!(
                    name.starts_with("part-") && name.ends_with(".parquet"),
                    "{name}"
                );
            }
        }
    }
    // A missing shard file is a clear error.
    let o = vanban(&[
        "extract",
        "--manifest",
        s(&manifest.join("khong-co.jsonl")),
        "--out",
        s(&parts_dir),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("khong-co.jsonl"));
}
