//! `vanban export --format opensearch` through the real binary over the ingested
//! corpus. No OpenSearch or Quickwit runs here (multi-GB services): the tests
//! check the files against what those engines require. Every bulk line parses;
//! action and document lines alternate; every document field is in the index
//! template's mapping with a compatible type (the checker below is itself
//! tested on bad documents); ids are the files' BLAKE3; Vietnamese page text
//! is byte-exact and the folded field is vanban's folding of it; the Quickwit
//! config parses as YAML and maps every field the documents carry; filters
//! select the same documents as the JSON Lines export; and the folded field
//! alone finds, for `cai cach` and `cải cách`, the documents `vanban search`
//! finds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use yaml_rust2::{Yaml, YamlLoader};

use crate::common::{corpus, ingest_without_ocr, json_lines, ok, vanban};

/// The bound on a bulk file's size (vanban_export::opensearch::MAX_BULK_BYTES).
const MAX_BULK_BYTES: u64 = 10_000_000;

/// Ingests the corpus (no OCR: the scans stay `needs_ocr`) into `dir/index`.
fn ingest_corpus(dir: &Path) -> String {
    let index = dir.join("index");
    ingest_without_ocr(&index, &corpus());
    index.to_str().expect("utf-8").to_string()
}

/// Exports as OpenSearch into `out` with extra `args` (filters, query).
fn export_opensearch(index: &str, out: &Path, args: &[&str]) -> String {
    let mut full = vec![
        "export",
        "--index",
        index,
        "--format",
        "opensearch",
        "--out",
        out.to_str().expect("utf-8"),
    ];
    full.extend_from_slice(args);
    String::from_utf8_lossy(&ok(&full).stderr).into_owned()
}

/// The bulk files of an export folder, in name order.
fn bulk_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("export folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("bulk-") && n.ends_with(".ndjson"))
        })
        .collect();
    files.sort();
    files
}

/// Every (action, document) pair of an export folder, checking the NDJSON
/// framing: each line parses, lines alternate action / document, each file
/// ends with a newline and stays within the bound unless it holds one pair.
fn bulk_pairs(dir: &Path) -> Vec<(Value, Map<String, Value>)> {
    let mut pairs = Vec::new();
    for file in bulk_files(dir) {
        let bytes = std::fs::read(&file).expect("bulk file");
        let text = std::str::from_utf8(&bytes).expect("bulk file is UTF-8");
        assert!(text.ends_with('\n'), "{}: no final newline", file.display());
        let lines: Vec<&str> = text.lines().collect();
        assert!(!lines.is_empty(), "{}: empty", file.display());
        assert_eq!(lines.len() % 2, 0, "{}: odd line count", file.display());
        assert!(
            bytes.len() as u64 <= MAX_BULK_BYTES || lines.len() == 2,
            "{}: {} bytes",
            file.display(),
            bytes.len()
        );
        for (i, pair) in lines.chunks(2).enumerate() {
            let action: Value = serde_json::from_str(pair[0])
                .unwrap_or_else(|e| panic!("{} pair {i}: action: {e}", file.display()));
            let doc: Value = serde_json::from_str(pair[1])
                .unwrap_or_else(|e| panic!("{} pair {i}: document: {e}", file.display()));
            let a = action.as_object().expect("action is an object");
            assert_eq!(a.len(), 1, "{}: action {action}", file.display());
            let meta = a["create"].as_object().expect("a create action");
            assert_eq!(meta["_index"], "vanban");
            let doc = doc.as_object().expect("document is an object").clone();
            // A document line is never an action line.
            assert!(!doc.contains_key("create") && !doc.contains_key("index"));
            assert_eq!(meta["_id"], doc["id"], "{}: _id", file.display());
            pairs.push((action, doc));
        }
    }
    pairs
}

/// Why `value` cannot go into a field mapped as `mapping`, or `None` when it can.
fn incompatible(mapping: &Value, value: &Value) -> Option<String> {
    let ty = mapping["type"].as_str().unwrap_or("object");
    if ty == "object" {
        return (!value.is_object()).then(|| format!("{value} is not an object"));
    }
    // Every scalar type takes an array of its values (a multi-valued field).
    if let Some(items) = value.as_array() {
        return items.iter().find_map(|v| incompatible(mapping, v));
    }
    let fits = match ty {
        "keyword" | "text" => value.is_string(),
        "long" => value.is_i64(),
        "boolean" => value.is_boolean(),
        "date" => value
            .as_str()
            .is_some_and(|s| match mapping["format"].as_str() {
                Some("strict_date") => {
                    vanban_export::table::parse_date(s)
                        .is_some_and(|(_, p)| p == vanban_export::DatePrecision::Day)
                        && s.len() == 10
                }
                Some("strict_date_time_no_millis") => {
                    vanban_export::table::parse_utc_seconds(s).is_some()
                }
                _ => false,
            }),
        _ => false,
    };
    (!fits).then(|| format!("{value} does not fit a {ty} field"))
}

/// Every problem of `doc` against the template's `properties`: fields not in
/// the mapping, values of the wrong type.
fn check_document(doc: &Map<String, Value>, properties: &Map<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    for (k, v) in doc {
        match properties.get(k) {
            None => problems.push(format!("{k}: not in the mapping")),
            Some(m) => {
                if let Some(why) = incompatible(m, v) {
                    problems.push(format!("{k}: {why}"));
                }
            }
        }
    }
    problems
}

fn yaml_str<'a>(y: &'a Yaml, key: &str) -> Option<&'a str> {
    y[key].as_str()
}

/// The Quickwit field mappings by name, each with its type.
fn quickwit_fields(config: &Yaml) -> BTreeMap<String, String> {
    config["doc_mapping"]["field_mappings"]
        .as_vec()
        .expect("field_mappings is a list")
        .iter()
        .map(|f| {
            (
                yaml_str(f, "name").expect("name").to_string(),
                yaml_str(f, "type").expect("type").to_string(),
            )
        })
        .collect()
}

/// Whether `value` can go into a Quickwit field of type `ty`.
fn quickwit_fits(ty: &str, value: &Value) -> bool {
    if let Some(inner) = ty.strip_prefix("array<").and_then(|t| t.strip_suffix('>')) {
        return value
            .as_array()
            .is_some_and(|items| items.iter().all(|v| quickwit_fits(inner, v)));
    }
    match ty {
        "text" | "datetime" => value.is_string(),
        "i64" => value.is_i64(),
        "bool" => value.is_boolean(),
        "json" => value.is_object(),
        _ => false,
    }
}

#[test]
fn the_document_checker_rejects_unmapped_fields_and_wrong_types() {
    let properties: Map<String, Value> = serde_json::from_str(
        r#"{"money": {"type": "long"}, "body": {"type": "text"},
            "date": {"type": "date", "format": "strict_date"},
            "facts": {"type": "object", "enabled": false}}"#,
    )
    .expect("json");
    let doc = |s: &str| -> Map<String, Value> { serde_json::from_str(s).expect("doc") };
    assert!(check_document(
        &doc(r#"{"money": [5000000, -2], "body": ["Ủy ban"], "date": "2021-06-15", "facts": {}}"#),
        &properties
    )
    .is_empty());
    let bad = check_document(
        &doc(r#"{"money": ["5 triệu đồng"], "so_tien": 1, "date": "2021-06", "facts": []}"#),
        &properties,
    );
    assert_eq!(bad.len(), 4, "{bad:?}");
    assert!(bad
        .iter()
        .any(|p| p.starts_with("so_tien: not in the mapping")));
    assert!(bad.iter().any(|p| p.starts_with("money:")));
    assert!(!quickwit_fits("array<i64>", &serde_json::json!(["1"])));
    assert!(quickwit_fits(
        "array<text>",
        &serde_json::json!(["Hà Tĩnh"])
    ));
}

#[test]
fn corpus_export_as_opensearch_bulk_files() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let index = ingest_corpus(scratch.path());
    let out = scratch.path().join("os");
    let message = export_opensearch(&index, &out, &[]);
    let records = json_lines(&ok(&["export", "--index", &index]).stdout);
    assert!(records.len() >= 30, "{} records", records.len());

    // --- the template: a composable template whose mapping refuses unknown fields ---
    let template: Value =
        serde_json::from_slice(&std::fs::read(out.join("index-template.json")).expect("template"))
            .expect("template JSON");
    assert_eq!(template["index_patterns"][0], "vanban");
    let mappings = &template["template"]["mappings"];
    assert_eq!(mappings["dynamic"], "strict");
    let properties = mappings["properties"].as_object().expect("properties");
    let analysis = &template["template"]["settings"]["analysis"];
    for (name, m) in properties {
        if let Some(a) = m["analyzer"].as_str() {
            let def = &analysis["analyzer"][a];
            assert!(def.is_object(), "{name}: analyzer {a} is not defined");
            for f in def["filter"].as_array().expect("filters") {
                let f = f.as_str().expect("filter name");
                assert!(
                    matches!(f, "lowercase") || analysis["filter"][f].is_object(),
                    "{a}: filter {f} undefined"
                );
            }
            for c in def["char_filter"].as_array().expect("char filters") {
                let c = c.as_str().expect("char filter name");
                assert!(analysis["char_filter"][c].is_object(), "{a}: {c} undefined");
            }
        }
    }
    // Exact text keeps diacritics (no folding filter); the folded analyzer folds.
    assert_eq!(properties["body"]["analyzer"], "vanban_exact");
    assert_eq!(
        analysis["analyzer"]["vanban_exact"]["filter"],
        serde_json::json!(["lowercase"])
    );
    assert_eq!(properties["body_folded"]["analyzer"], "vanban_folded");
    assert_eq!(analysis["filter"]["vanban_fold"]["type"], "asciifolding");
    for (field, ty) in [
        ("number", "keyword"),
        ("kind", "keyword"),
        ("agency", "keyword"),
        ("cites", "keyword"),
        ("date", "date"),
        ("ingested_at", "date"),
        ("money", "long"),
    ] {
        assert_eq!(properties[field]["type"], ty, "{field}");
    }

    // --- the bulk files: framing, mapping, ids ---
    let pairs = bulk_pairs(&out);
    assert!(message.contains(&format!("exported {} documents", pairs.len())));
    let ids: BTreeSet<&str> = records
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!(pairs.len(), ids.len(), "one document per distinct id");
    let mut seen = BTreeSet::new();
    for (_, doc) in &pairs {
        let problems = check_document(doc, properties);
        assert!(problems.is_empty(), "{}: {problems:?}", doc["path"]);
        let id = doc["id"].as_str().expect("id");
        assert!(seen.insert(id.to_string()), "{id} twice");
        // The id is the BLAKE3 of the file's bytes.
        let bytes = std::fs::read(doc["path"].as_str().expect("path")).expect("ingested file");
        assert_eq!(id, blake3::hash(&bytes).to_hex().as_str());
    }

    // --- content: against the JSON Lines record and `vanban extract` ---
    let by_id: BTreeMap<&str, &Value> = records
        .iter()
        .map(|r| (r["id"].as_str().expect("id"), r))
        .collect();
    let mut checked_text = 0;
    for (_, doc) in &pairs {
        let rec = by_id[doc["id"].as_str().expect("id")];
        let header = &rec["header"];
        if let Some(n) = header["number"].as_str().filter(|n| !n.trim().is_empty()) {
            assert_eq!(doc["number"], vanban_text::canonical_doc_number(n).as_str());
            assert_eq!(
                doc["number_key"],
                vanban_text::folded_doc_number(n).as_str()
            );
        }
        let cites: BTreeSet<String> = rec["references"]
            .as_array()
            .expect("references")
            .iter()
            .map(|r| vanban_text::folded_doc_number(r["number"].as_str().expect("number")))
            .filter(|k| !k.is_empty())
            .collect();
        let got: BTreeSet<String> = doc
            .get("cites")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|v| v.as_str().expect("s").to_string())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(got, cites, "{}: cites", doc["path"]);
        let money: Vec<i64> = rec["money"]
            .as_array()
            .expect("money")
            .iter()
            .filter_map(|m| m["vnd"].as_i64())
            .collect();
        let got: Vec<i64> = doc
            .get("money")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|v| v.as_i64().expect("i64")).collect())
            .unwrap_or_default();
        assert_eq!(got, money, "{}: money", doc["path"]);
        assert_eq!(doc["facts"]["references"], rec["references"]);

        // Page text: exactly the extracted text, and its folding.
        let body: Vec<&str> = doc
            .get("body")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|v| v.as_str().expect("page")).collect())
            .unwrap_or_default();
        let folded: Vec<&str> = doc
            .get("body_folded")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|v| v.as_str().expect("page")).collect())
            .unwrap_or_default();
        assert_eq!(body.len(), folded.len());
        for (page, f) in body.iter().zip(&folded) {
            assert_eq!(*f, vanban_text::folded_key(page));
        }
        let path = doc["path"].as_str().expect("path");
        if path.ends_with(".txt") || path.ends_with(".docx") {
            let extracted = json_lines(&ok(&["extract", "--json", "--ocr", "never", path]).stdout);
            let text: Vec<&str> = extracted[0]["text"]
                .as_array()
                .expect("text")
                .iter()
                .map(|v| v.as_str().expect("page"))
                .collect();
            assert_eq!(body, text, "{path}: page text");
            checked_text += 1;
        }
    }
    assert!(checked_text >= 5, "{checked_text} documents compared");
    // UTF-8 written as is (not \u escapes): the bytes of the text are in the file.
    let all: Vec<u8> = bulk_files(&out)
        .iter()
        .flat_map(|f| std::fs::read(f).expect("bulk"))
        .collect();
    let all = String::from_utf8(all).expect("utf-8");
    assert!(all.contains("Ủy ban nhân dân") || all.contains("ỦY BAN NHÂN DÂN"));
    assert!(!all.contains("\\u1ee6"), "escaped Vietnamese");

    // --- stable: a second export of the same index is byte-identical ---
    let again = scratch.path().join("os2");
    export_opensearch(&index, &again, &[]);
    let a: Vec<Vec<u8>> = bulk_files(&out)
        .iter()
        .map(|f| std::fs::read(f).expect("r"))
        .collect();
    let b: Vec<Vec<u8>> = bulk_files(&again)
        .iter()
        .map(|f| std::fs::read(f).expect("r"))
        .collect();
    assert_eq!(a, b);

    // --- Quickwit: YAML that maps every field the documents carry ---
    let yaml = std::fs::read_to_string(out.join("quickwit-index.yaml")).expect("quickwit config");
    let docs = YamlLoader::load_from_str(&yaml).expect("quickwit config is YAML");
    assert_eq!(docs.len(), 1);
    let config = &docs[0];
    assert_eq!(yaml_str(config, "index_id"), Some("vanban"));
    assert_eq!(yaml_str(&config["doc_mapping"], "mode"), Some("strict"));
    let fields = quickwit_fields(config);
    assert_eq!(
        fields.keys().collect::<BTreeSet<_>>(),
        properties.keys().collect::<BTreeSet<_>>(),
        "Quickwit and OpenSearch map the same fields"
    );
    let tokenizers: BTreeSet<&str> = config["doc_mapping"]["tokenizers"]
        .as_vec()
        .expect("tokenizers")
        .iter()
        .map(|t| yaml_str(t, "name").expect("name"))
        .collect();
    for f in config["doc_mapping"]["field_mappings"]
        .as_vec()
        .expect("fields")
    {
        if let Some(t) = yaml_str(f, "tokenizer") {
            assert!(
                matches!(t, "raw" | "default") || tokenizers.contains(t),
                "tokenizer {t} undefined"
            );
        }
    }
    for (_, doc) in &pairs {
        for (k, v) in doc {
            let ty = fields
                .get(k)
                .unwrap_or_else(|| panic!("{k}: not in the Quickwit config"));
            assert!(quickwit_fits(ty, v), "{k}: {v} does not fit Quickwit {ty}");
        }
    }
    for f in config["search_settings"]["default_search_fields"]
        .as_vec()
        .expect("default fields")
    {
        assert!(fields.contains_key(f.as_str().expect("name")));
    }

    // --- `cai cach` and `cải cách`: the folded field finds what `vanban search` finds ---
    // Words are cut at non-alphanumerics, as Quickwit's `simple` tokenizer and
    // (for these plain words) OpenSearch's `standard` tokenizer do.
    let folded_match = |words: &[&str]| -> BTreeSet<String> {
        pairs
            .iter()
            .filter(|(_, doc)| {
                let terms: BTreeSet<String> = doc
                    .get("body_folded")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .flat_map(|p| {
                        p.as_str()
                            .expect("page")
                            .split(|c: char| !c.is_alphanumeric())
                            .map(str::to_string)
                            .collect::<Vec<_>>()
                    })
                    .collect();
                words
                    .iter()
                    .all(|w| terms.contains(&vanban_text::folded_key(w)))
            })
            .map(|(_, doc)| doc["path"].as_str().expect("path").to_string())
            .collect()
    };
    let searched = |q: &str| -> BTreeSet<String> {
        let out = ok(&[
            "search",
            q,
            "--index",
            &index,
            "--json",
            "--limit",
            "100000",
            "--all-files",
        ]);
        let v: Value = serde_json::from_slice(&out.stdout).expect("search JSON");
        v["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| h["path"].as_str().expect("path").to_string())
            .collect()
    };
    let plain = searched("cai cach");
    assert!(!plain.is_empty(), "the corpus has `cải cách`");
    assert_eq!(searched("cải cách"), plain);
    assert_eq!(folded_match(&["cai", "cach"]), plain);
    assert_eq!(folded_match(&["cải", "cách"]), plain);
}

#[test]
fn filters_select_the_same_documents_as_the_json_lines_export() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let index = ingest_corpus(scratch.path());
    let all = json_lines(&ok(&["export", "--index", &index]).stdout);
    // A cited number some documents have and others do not.
    let cited = all
        .iter()
        .flat_map(|r| r["references"].as_array().expect("refs").iter())
        .filter(|r| r["partial"] == false)
        .map(|r| r["number"].as_str().expect("number").to_string())
        .next()
        .expect("a cited number in the corpus");
    for (n, args) in [
        vec!["--cites", cited.as_str()],
        vec!["ngân sách", "--year", "2021"],
        vec!["--min-amount", "1000000000"],
    ]
    .into_iter()
    .enumerate()
    {
        let mut jsonl_args = vec!["export", "--index", index.as_str()];
        jsonl_args.extend(args.iter().copied());
        let expected: BTreeSet<String> = json_lines(&ok(&jsonl_args).stdout)
            .iter()
            .map(|r| r["id"].as_str().expect("id").to_string())
            .collect();
        let out = scratch.path().join(format!("filtered-{n}"));
        export_opensearch(&index, &out, &args);
        let got: BTreeSet<String> = bulk_pairs(&out)
            .iter()
            .map(|(_, d)| d["id"].as_str().expect("id").to_string())
            .collect();
        assert_eq!(got, expected, "{args:?}");
        assert!(got.len() < all.len(), "{args:?} filters nothing");
        if args[0] == "--cites" {
            assert!(!got.is_empty());
            for (_, d) in bulk_pairs(&out) {
                let key = vanban_text::folded_doc_number(&cited);
                assert!(d["cites"]
                    .as_array()
                    .expect("cites")
                    .iter()
                    .any(|c| c == key.as_str()));
            }
        }
    }
    // No match: the template and config are still written, and no bulk file.
    let none = scratch.path().join("none");
    let message = export_opensearch(&index, &none, &["--year", "1901"]);
    assert!(message.contains("exported 0 documents"), "{message}");
    assert!(bulk_files(&none).is_empty());
    assert!(none.join("index-template.json").exists());
    assert!(none.join("quickwit-index.yaml").exists());
    // A non-empty folder needs --force.
    let refused = vanban(&[
        "export",
        "--index",
        &index,
        "--format",
        "opensearch",
        "--out",
        none.to_str().expect("utf-8"),
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
}
