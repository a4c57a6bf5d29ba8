//! Word 97–2003 `.doc` through the real binary: the LibreOffice `.doc` renderings of
//! the seeds give back the seeds' words, the TCVN3 one comes out as Unicode
//! Vietnamese, the features file keeps headers, footers, notes and tables in their
//! places, and damaged or non-Word OLE2 files fail alone with a reason.

use std::path::{Path, PathBuf};

use crate::common::*;

fn doc_renderings(stem: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with(stem) && name.ends_with(".doc")
        })
        .collect();
    files.sort();
    files
}

fn extract_one(file: &Path) -> serde_json::Value {
    let out = vanban(&["extract", "--json", file.to_str().expect("utf-8 path")]);
    assert!(
        out.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut records = json_lines(&out.stdout);
    assert_eq!(records.len(), 1, "{}: one record", file.display());
    records.remove(0)
}

#[test]
fn every_doc_rendering_covers_its_seed_words() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for stem in seed_stems() {
        let seed = std::fs::read_to_string(corpus().join(format!("{stem}.txt"))).expect("seed txt");
        for file in doc_renderings(&stem) {
            let record = extract_one(&file);
            assert_eq!(record["format"], "doc", "{}", file.display());
            let (cov, missing) = coverage(&seed, &record_text(&record));
            checked += 1;
            eprintln!("{}: coverage {:.4}", file.display(), cov);
            if cov < 0.99 {
                failures.push(format!(
                    "{}: {:.4} (missing: {})",
                    file.display(),
                    cov,
                    missing
                        .iter()
                        .take(20)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
            }
        }
    }
    assert!(
        checked >= 6,
        "expected a .doc per seed and the TCVN3 one, checked {checked}"
    );
    assert!(
        failures.is_empty(),
        "coverage below 99%:\n{}",
        failures.join("\n")
    );
}

#[test]
fn tcvn3_doc_is_decoded_by_its_fonts() {
    let file = corpus().join("000_1caea9d70ae52738.vntime.doc");
    let record = extract_one(&file);
    let fonts: Vec<&str> = record["meta"]["fonts"]
        .as_array()
        .expect("fonts")
        .iter()
        .filter_map(|f| f.as_str())
        .collect();
    assert!(fonts.contains(&".VnTime"), "{fonts:?}");
    assert!(fonts.contains(&".VnTimeH"), "{fonts:?}");
    let encodings = record["meta"]["encodings"].to_string();
    assert!(encodings.contains("TCVN3"), "{encodings}");
    let text = record_text(&record);
    // A capitals-font line, and `ư` which Word stored as an optional hyphen.
    assert!(
        text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{text}"
    );
    assert!(text.contains("hướng dẫn"), "{text}");
    assert_eq!(record["header"]["number"], "77/BC-SNgV");
}

#[test]
fn features_doc_keeps_stories_tables_and_pages() {
    let out = vanban(&[
        "extract",
        "--json",
        corpus()
            .join("doc_features.doc")
            .to_str()
            .expect("utf-8 path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record = &json_lines(&out.stdout)[0];
    let pages: Vec<&str> = record["text"]
        .as_array()
        .expect("text")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    // The header opens page 1 and the footer closes it.
    assert!(
        pages[0].starts_with("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"),
        "{}",
        pages[0]
    );
    assert!(
        pages[0]
            .trim_end()
            .ends_with("Chân trang: văn bản thử nghiệm"),
        "{}",
        pages[0]
    );
    // Table rows are tab-separated cells; a two-paragraph cell keeps its line break.
    assert!(
        pages[0].contains("STT\tNội dung\tSố tiền\n"),
        "{}",
        pages[0]
    );
    assert!(
        pages[0].contains("1\tXây dựng trường học\n(giai đoạn 2)\t700 triệu đồng\n"),
        "{}",
        pages[0]
    );
    // The page break starts page 2; the footnote and endnote follow the body there,
    // and the footnote reference mark is not glued onto the number it follows.
    assert!(
        pages[1].starts_with("Trang hai: Điều khoản thi hành."),
        "{}",
        pages[1]
    );
    assert!(pages[1].contains("Chú thích: theo Quyết định số 45/2023/QĐ-UBND."));
    assert!(pages[1].contains("Ghi chú cuối: nguồn ngân sách tỉnh."));
    assert!(pages[0].contains("năm 2024\n"), "{}", pages[0]);
    // Facts are found in .doc text like in DOCX: the reference in the footnote.
    assert_eq!(record["header"]["number"], "123/BC-UBND");
    assert!(record["references"].to_string().contains("45/2023/QĐ-UBND"));
    assert!(record["money"].to_string().contains("1250000000"));
}

/// A copy of `doc` with `edit` applied to its bytes, using the compound-file layout
/// (512-byte sectors) to find the WordDocument stream's directory entry and sectors.
struct Ole {
    bytes: Vec<u8>,
}

impl Ole {
    fn u32_at(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.bytes[at..at + 4].try_into().expect("4 bytes"))
    }

    /// Offset of the directory entry named `name`. Entries are 128 bytes and
    /// sectors 512, so every entry starts at a multiple of 128 after the header;
    /// the name's length field (at 0x40, in bytes with the NUL) confirms a match,
    /// wherever in the directory chain the writer put it.
    fn dir_entry(&self, name: &str) -> usize {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let len_field = (utf16.len() + 2) as u16;
        (512..self.bytes.len().saturating_sub(128))
            .step_by(128)
            .find(|&e| {
                self.bytes[e..e + utf16.len()] == utf16[..]
                    && u16::from_le_bytes([self.bytes[e + 0x40], self.bytes[e + 0x41]]) == len_field
            })
            .unwrap_or_else(|| panic!("directory entry {name}"))
    }

    /// File offset of the first sector of the stream at directory entry `entry`.
    fn first_sector(&self, entry: usize) -> (u32, usize) {
        let s = self.u32_at(entry + 0x74);
        (s, (s as usize + 1) * 512)
    }

    /// File offset of the FAT entry of sector `s` (first FAT sector only).
    fn fat_entry(&self, s: u32) -> usize {
        let fat0 = self.u32_at(0x4C) as usize;
        assert!(s < 128, "sector in the first FAT sector");
        (fat0 + 1) * 512 + s as usize * 4
    }
}

fn hostile_docs(good: &[u8]) -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let ole = Ole {
        bytes: good.to_vec(),
    };
    let wd = ole.dir_entry("WordDocument");
    let (sector, at) = ole.first_sector(wd);
    let mut out = Vec::new();

    let mut cycle = good.to_vec();
    let fat = ole.fat_entry(sector);
    cycle[fat..fat + 4].copy_from_slice(&sector.to_le_bytes());
    out.push(("fat-cycle.doc", cycle, "invalid Word .doc"));

    let mut lying = good.to_vec();
    lying[wd + 0x78..wd + 0x7C].copy_from_slice(&0x7FFF_FFF0u32.to_le_bytes());
    out.push(("lying-stream-size.doc", lying, "invalid Word .doc"));

    out.push((
        "truncated-half.doc",
        good[..good.len() / 2].to_vec(),
        "invalid Word .doc",
    ));

    let mut encrypted = good.to_vec();
    encrypted[at + 0x0B] |= 0x01; // fEncrypted is bit 8 of the flags at 0x0A
    out.push(("encrypted.doc", encrypted, "password-encrypted"));

    let mut word95 = good.to_vec();
    word95[at + 2..at + 4].copy_from_slice(&0x0065u16.to_le_bytes());
    out.push(("word95.doc", word95, "Word 6.0/95"));

    // The WordDocument entry renamed: an OLE2 file that is not a Word document.
    let mut excel = good.to_vec();
    let name: Vec<u8> = "Workbook"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    excel[wd..wd + 64].fill(0);
    excel[wd..wd + name.len()].copy_from_slice(&name);
    excel[wd + 0x40..wd + 0x42].copy_from_slice(&((name.len() + 2) as u16).to_le_bytes());
    out.push(("not-word.doc", excel, "not a Word document"));
    out
}

#[test]
fn hostile_doc_files_fail_alone_with_a_reason() {
    let good_path = corpus().join("doc_features.doc");
    let good = std::fs::read(&good_path).expect("read doc_features.doc");
    let dir = std::env::temp_dir().join(format!("vanban-doc-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let hostile = hostile_docs(&good);
    let mut args = vec!["extract".to_string(), "--json".to_string()];
    for (name, bytes, _) in &hostile {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write hostile file");
        args.push(p.to_string_lossy().into_owned());
    }
    args.push(good_path.to_string_lossy().into_owned());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = vanban(&argv);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The good file still comes out.
    let records = json_lines(&out.stdout);
    assert!(
        records.iter().any(|r| r["source"]
            .as_str()
            .is_some_and(|s| s.ends_with("doc_features.doc"))),
        "{stderr}"
    );
    for (name, _, reason) in &hostile {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no error line for {name}:\n{stderr}"));
        assert!(line.contains(reason), "{name}: {line}");
    }
    assert!(
        !out.status.success(),
        "failures make the exit status non-zero"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
