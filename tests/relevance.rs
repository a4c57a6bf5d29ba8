//! Search relevance for short Vietnamese words: queries with the documents
//! that must come first, over generated documents full of confusable
//! syllables and over the corpus. Vietnamese words are syllable pairs
//! (`công an`, `ma túy`), and each syllable folded is a common word of its
//! own (`ấn`, `an`; `Tuy nhiên`, `tùy`, `mạ`).

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{corpus, vanban};
use serde_json::Value;

/// An index over `files` (name, text) written into a temp folder.
struct Docs {
    dir: tempfile::TempDir,
}

impl Docs {
    fn new(files: &[(&str, &str)]) -> Docs {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        for (name, text) in files {
            std::fs::write(docs.join(name), text).unwrap();
        }
        let d = Docs { dir };
        d.ingest(&docs);
        d
    }

    fn corpus() -> Docs {
        let d = Docs {
            dir: tempfile::tempdir().unwrap(),
        };
        d.ingest(&corpus());
        d
    }

    fn index(&self) -> String {
        self.dir.path().join("index").to_string_lossy().into_owned()
    }

    fn ingest(&self, path: &Path) {
        let index = self.index();
        let out = vanban(&[
            "ingest",
            "--quiet",
            "--index",
            &index,
            path.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn search(&self, query: &str) -> Value {
        let index = self.index();
        let out = vanban(&[
            "search", query, "--index", &index, "--json", "--limit", "100",
        ]);
        assert!(
            out.status.code() == Some(0) || out.status.code() == Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// File names of the hits, best first.
    fn names(&self, query: &str) -> Vec<String> {
        self.search(query)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| name(h["path"].as_str().unwrap()))
            .collect()
    }

    /// Each hit as the sorted names of its files (one logical document).
    fn documents(&self, query: &str) -> Vec<BTreeSet<String>> {
        self.search(query)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                h["files"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| name(f.as_str().unwrap()))
                    .collect()
            })
            .collect()
    }
}

fn name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// Documents whose syllables, folded, collide with `công an` and `ma túy`.
const CONFUSABLE: &[(&str, &str)] = &[
    (
        "cong-an.txt",
        "Công an tỉnh đã phối hợp kiểm tra 12 cơ sở kinh doanh trong tháng.\n",
    ),
    (
        "an-pham.txt",
        "Phát hành ấn phẩm tuyên truyền phục vụ công tác cải cách hành chính. \
         Ấn phẩm được gửi tới các xã; công tác phát hành ấn phẩm tiếp tục, \
         công tác kiểm tra ấn phẩm được duy trì.\n",
    ),
    (
        "ma-tuy.txt",
        "Kết quả phòng, chống ma túy trên địa bàn trong năm.\n",
    ),
    (
        "tuy-nhien.txt",
        "Tuy nhiên, việc mạ kẽm các cột đèn chưa đạt yêu cầu. Tuy nhiên kinh phí \
         còn hạn chế; tuy vậy đơn vị mạ vẫn hoàn thành. Tuy nhiên cần theo dõi.\n",
    ),
    (
        "tuy-chon.txt",
        "Phần mềm có tùy chọn hiển thị ma trận số liệu; tùy chọn này do người dùng chọn.\n",
    ),
    (
        "ma.txt",
        "Xưởng mạ điện tuy nhỏ nhưng mạ được nhiều loại sản phẩm.\n",
    ),
];

#[test]
fn confusable_syllables_rank_below_the_word() {
    let d = Docs::new(CONFUSABLE);
    // The document that says the word comes first, typed with or without marks.
    for q in ["công an", "Công an", "cong an"] {
        assert_eq!(d.names(q)[0], "cong-an.txt", "{q}");
    }
    for q in ["ma túy", "ma tuy", "MA TÚY"] {
        let names = d.names(q);
        assert_eq!(names[0], "ma-tuy.txt", "{q}: {names:?}");
    }
    // The lookalikes still match (every syllable is there), but below.
    let names = d.names("ma túy");
    assert!(names.contains(&"tuy-nhien.txt".to_string()), "{names:?}");
    assert!(names.contains(&"tuy-chon.txt".to_string()), "{names:?}");
    // A single syllable with marks: spelled as typed first.
    assert_eq!(d.names("túy")[0], "ma-tuy.txt");
    assert_eq!(d.names("ấn phẩm")[0], "an-pham.txt");
}

#[test]
fn whole_query_as_typed_outranks_folded_parts() {
    let d = Docs::new(&[
        ("exact.txt", "Đẩy mạnh cải cách hành chính trong năm.\n"),
        // The same syllables folded, side by side, many times.
        (
            "folded.txt",
            "Cai cach hanh chinh. Cai cach hanh chinh. Cai cach hanh chinh tiep tuc.\n",
        ),
        // Every syllable as typed, but scattered.
        (
            "scattered.txt",
            "Cách làm mới: cải tạo nhà; hành động sớm; chính quyền xã. Cải thiện, \
             cách thức, hành lang, chính sách.\n",
        ),
    ]);
    assert_eq!(
        d.names("cải cách hành chính"),
        ["exact.txt", "folded.txt", "scattered.txt"]
    );
    // Typed without marks, side by side beats scattered whatever the marks.
    let folded = d.names("cai cach hanh chinh");
    assert_eq!(folded.last().map(String::as_str), Some("scattered.txt"));
}

/// Over the corpus: for each query, the documents holding it as a phrase
/// are the first hits of the plain query, and a query and its unaccented
/// form find the same documents.
#[test]
fn corpus_phrase_documents_come_first() {
    let d = Docs::corpus();
    for q in [
        "cải cách hành chính",
        "Sở Ngoại vụ",
        "ủy ban nhân dân",
        "ngân sách nhà nước",
        "chuyển đổi số",
        "thủ tục hành chính",
        "kinh phí",
    ] {
        let phrase = d.documents(&format!("\"{q}\""));
        assert!(!phrase.is_empty(), "{q}: no document holds the phrase");
        let plain = d.documents(q);
        let first: BTreeSet<_> = plain[..phrase.len()].iter().cloned().collect();
        let expected: BTreeSet<_> = phrase.iter().cloned().collect();
        assert_eq!(first, expected, "{q}: {plain:?}");
    }
}
