//! `vanban export` through the real binary over the ingested corpus: JSON
//! Lines that validate against the committed schema and agree with
//! `vanban extract`, CSV tables that load into SQLite (the `sqlite3` program) through the committed
//! DDL (`sql/tables.sql`) with typed columns and as many rows as the JSON has facts, the BOM option, filters shared with `search`, empty
//! results and a missing index.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Output;

use crate::common::{corpus, corpus_documents, ingest_without_ocr, json_lines, ok, repo, vanban};
use serde_json::Value;

const BOM: &[u8] = b"\xEF\xBB\xBF";
const TABLES: [&str; 5] = ["documents", "references", "money", "case_counts", "periods"];

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `vanban export --index I ARGS...` as JSON lines.
fn export_jsonl(index: &str, args: &[&str]) -> Vec<Value> {
    let mut full = vec!["export", "--index", index];
    full.extend_from_slice(args);
    json_lines(&ok(&full).stdout)
}

/// Paths of the documents `vanban search --json` returns for `args` (query first).
fn search_paths(index: &str, args: &[&str]) -> BTreeSet<String> {
    let mut full = vec!["search"];
    full.extend_from_slice(args);
    // Export writes every file; search shows renderings of one report once
    // unless asked for every file.
    full.extend([
        "--index",
        index,
        "--json",
        "--limit",
        "100000",
        "--all-files",
    ]);
    let v: Value = serde_json::from_slice(&ok(&full).stdout).expect("search JSON");
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["path"].as_str().expect("path").to_string())
        .collect()
}

fn paths(records: &[Value]) -> BTreeSet<String> {
    records
        .iter()
        .map(|r| r["path"].as_str().expect("path").to_string())
        .collect()
}

fn count(records: &[Value], key: &str) -> usize {
    records
        .iter()
        .map(|r| r[key].as_array().expect(key).len())
        .sum()
}

fn mentions(record: &Value) -> usize {
    record["references"]
        .as_array()
        .expect("references")
        .iter()
        .map(|r| r["mentions"].as_array().expect("mentions").len())
        .sum()
}

/// Seconds since 1970 of an RFC 3339 UTC timestamp as export writes it
/// (`2026-11-22T04:00:14Z`); `None` when it is not one.
fn rfc3339_secs(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let shape = b.len() == 20
        && [4, 7].iter().all(|&i| b[i] == b'-')
        && b[10] == b'T'
        && [13, 16].iter().all(|&i| b[i] == b':')
        && b[19] == b'Z';
    if !shape {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // Days from civil (Howard Hinnant).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
}

/// An SQLite database file queried through the `sqlite3` program (Debian's
/// `sqlite3`), as a user loading the CSV tables would. The test suite does not
/// link SQLite: its bundled C source cost 38 CPU-seconds of every first build.
struct Sqlite {
    _dir: tempfile::TempDir,
    file: std::path::PathBuf,
}

impl Sqlite {
    /// The rows of `sql` as JSON objects (`sqlite3 -json`).
    fn query(&self, sql: &str) -> Vec<serde_json::Map<String, Value>> {
        let out = std::process::Command::new("sqlite3")
            .args(["-bail", "-json"])
            .arg(&self.file)
            .arg(sql)
            .output()
            .expect("run sqlite3");
        assert!(out.status.success(), "{sql}: {}", stderr(&out));
        if out.stdout.iter().all(u8::is_ascii_whitespace) {
            return Vec::new();
        }
        serde_json::from_slice::<Vec<serde_json::Map<String, Value>>>(&out.stdout)
            .unwrap_or_else(|e| panic!("{sql}: sqlite3 -json output: {e}"))
    }

    /// The single integer `sql` gives.
    fn number(&self, sql: &str) -> i64 {
        let rows = self.query(sql);
        rows.first()
            .and_then(|r| r.values().next())
            .and_then(Value::as_i64)
            .unwrap_or_else(|| panic!("{sql}: no number in {rows:?}"))
    }
}

/// An SQL string literal.
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Whether the `sqlite3` program is here; a failure under `CI=true`, a skip
/// with what to install otherwise.
fn sqlite3_available() -> bool {
    let found = std::process::Command::new("sqlite3")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let msg = "sqlite3 not found: install Debian's `sqlite3` (apt-get install sqlite3) \
                   to check the CSV tables load through sql/tables.sql";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg}");
        }
        eprintln!("skipped: {msg}");
    }
    found
}

/// Loads the five CSV tables of `dir` into an SQLite database created from
/// the committed DDL (`sql/tables.sql`), each field converted to its column's
/// declared type — a field that does not parse as its type fails the test —
/// with foreign keys enforced. `None` when `sqlite3` is not installed.
fn load_sqlite(dir: &Path, strip_bom: bool) -> Option<Sqlite> {
    use vanban_export::{ColumnType, TableId};
    if !sqlite3_available() {
        return None;
    }
    let ddl = std::fs::read_to_string(repo().join("sql/tables.sql")).expect("committed DDL");
    let mut script = format!("PRAGMA foreign_keys = ON;\nBEGIN;\n{ddl}\n");
    for table in TableId::ALL {
        let name = table.name();
        let mut bytes = std::fs::read(dir.join(format!("{name}.csv"))).expect("table file");
        if strip_bom {
            assert!(bytes.starts_with(BOM), "{name}.csv has no BOM");
            bytes.drain(..BOM.len());
        }
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let headers = reader.headers().expect("header row").clone();
        let declared: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
        assert_eq!(
            headers.iter().collect::<Vec<_>>(),
            declared,
            "{name}.csv header"
        );
        for row in reader.records() {
            let row = row.expect("valid CSV record");
            assert_eq!(row.len(), headers.len(), "{name}.csv: ragged row");
            let values: Vec<String> = row
                .iter()
                .zip(table.columns())
                .map(|(field, column)| {
                    if field.is_empty() && column.ty != ColumnType::Text {
                        assert!(column.nullable, "{name}.{}: empty", column.name);
                        return "NULL".to_string();
                    }
                    let what = format!("{name}.{} = {field:?}", column.name);
                    match column.ty {
                        ColumnType::Text if field.is_empty() => "NULL".to_string(),
                        ColumnType::Text => lit(field),
                        ColumnType::Int64 => field.parse::<i64>().expect(&what).to_string(),
                        ColumnType::Bool => match field {
                            "true" => "1".to_string(),
                            "false" => "0".to_string(),
                            _ => panic!("{what}: not a boolean"),
                        },
                        ColumnType::Date => {
                            let parsed = vanban_export::table::parse_date(field).expect(&what);
                            assert_eq!(parsed.1, vanban_export::DatePrecision::Day, "{what}");
                            lit(field)
                        }
                        ColumnType::Timestamp => {
                            vanban_export::table::parse_utc_seconds(field).expect(&what);
                            lit(field)
                        }
                    }
                })
                .collect();
            script.push_str(&format!(
                "INSERT INTO \"{name}\" VALUES ({});\n",
                values.join(", ")
            ));
        }
    }
    script.push_str("COMMIT;\n");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("tables.sqlite");
    let mut child = std::process::Command::new("sqlite3")
        .arg("-bail")
        .arg(&file)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start sqlite3");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("sqlite3 stdin");
        stdin
            .write_all(script.as_bytes())
            .expect("write the load script");
    }
    let out = child.wait_with_output().expect("sqlite3 ends");
    assert!(
        out.status.success(),
        "loading the CSV tables through sql/tables.sql: {}",
        stderr(&out)
    );
    Some(Sqlite { _dir: dir, file })
}

fn rows(db: &Sqlite, table: &str) -> usize {
    db.number(&format!("SELECT COUNT(*) FROM \"{table}\"")) as usize
}

/// What the CSV tables loaded into SQLite must say about `records` (the JSON
/// Lines export of the same index).
fn sqlite_checks(db: &Sqlite, records: &[Value]) {
    assert_rows(db, records);
    assert!(rows(db, "references") > 0 && rows(db, "money") > 0);

    // Per document, the join on doc_id gives the JSON's counts.
    let joined: BTreeMap<String, [usize; 5]> = db
        .query(
            "SELECT d.path AS path, d.mention_count AS a,
                (SELECT COUNT(*) FROM \"references\" r WHERE r.doc_id = d.id) AS b,
                (SELECT COUNT(*) FROM money m WHERE m.doc_id = d.id) AS c,
                (SELECT COUNT(*) FROM case_counts c WHERE c.doc_id = d.id) AS d,
                (SELECT COUNT(*) FROM periods p WHERE p.doc_id = d.id) AS e
             FROM documents d",
        )
        .into_iter()
        .map(|r| {
            let n = |k: &str| r[k].as_u64().expect("a count") as usize;
            (
                r["path"].as_str().expect("path").to_string(),
                [n("a"), n("b"), n("c"), n("d"), n("e")],
            )
        })
        .collect();
    for rec in records {
        let m = mentions(rec);
        let want = [
            m,
            m,
            rec["money"].as_array().expect("money").len(),
            rec["case_counts"].as_array().expect("counts").len(),
            rec["periods"].as_array().expect("periods").len(),
        ];
        assert_eq!(
            joined.get(rec["path"].as_str().expect("path")),
            Some(&want),
            "{}",
            rec["path"]
        );
    }

    // Typed columns: integers are stored as integers, every date is a full ISO
    // date with its precision beside it, and every mention has a distinct id
    // made of its document's id and its ordinal.
    for (sql, want) in [
        (
            "SELECT COUNT(*) FROM documents WHERE typeof(pages) <> 'integer'",
            0,
        ),
        (
            "SELECT COUNT(*) FROM money WHERE typeof(vnd) NOT IN ('integer', 'null')",
            0,
        ),
        (
            "SELECT COUNT(*) FROM documents WHERE date IS NOT NULL AND length(date) <> 10",
            0,
        ),
        (
            "SELECT COUNT(*) FROM documents WHERE (date IS NULL) <> (date_precision IS NULL)",
            0,
        ),
        (
            "SELECT COUNT(*) FROM \"references\" WHERE id <> doc_id || ':' || ordinal",
            0,
        ),
        (
            "SELECT COUNT(*) - COUNT(DISTINCT id) FROM \"references\"",
            0,
        ),
    ] {
        assert_eq!(db.number(sql), want, "{sql}");
    }
    let text = |v: &Value| v.as_str().map(str::to_string);
    for rec in records {
        let id = rec["id"].as_str().expect("id");
        let found = db.query(&format!(
            "SELECT date, date_precision FROM documents WHERE id = {}",
            lit(id)
        ));
        let row = found.first().expect("document row");
        let (date, precision) = (text(&row["date"]), text(&row["date_precision"]));
        let want = match rec["header"]["date"].as_str() {
            None => (None, None),
            Some(d) if d.len() == 10 => (Some(d.to_string()), Some("day".to_string())),
            Some(d) if d.len() == 7 => (Some(format!("{d}-01")), Some("month".to_string())),
            Some(d) => (Some(format!("{d}-01-01")), Some("year".to_string())),
        };
        assert_eq!((date, precision), want, "{}", rec["path"]);
    }
    // Mentions come in the JSON's order, numbered from 1 in each document.
    let first = records
        .iter()
        .find(|r| mentions(r) > 1)
        .expect("a document with several mentions");
    let raws: Vec<String> = db
        .query(&format!(
            "SELECT raw FROM \"references\" WHERE doc_id = {} ORDER BY ordinal",
            lit(first["id"].as_str().expect("id"))
        ))
        .iter()
        .map(|r| r["raw"].as_str().expect("raw").to_string())
        .collect();
    let json_raws: Vec<String> = first["references"]
        .as_array()
        .expect("refs")
        .iter()
        .flat_map(|x| x["mentions"].as_array().expect("mentions").iter())
        .map(|m| m["raw"].as_str().expect("raw").to_string())
        .collect();
    assert_eq!(raws, json_raws);

    // Vietnamese text round-trips byte for byte.
    let sentence = records
        .iter()
        .flat_map(|r| r["references"].as_array().expect("refs").iter())
        .flat_map(|x| x["mentions"].as_array().expect("mentions").iter())
        .filter_map(|m| m["sentence"].as_str())
        .find(|s| s.contains("Ủy ban nhân dân") || s.contains("UBND"))
        .expect("a cited sentence naming the people's committee");
    let found = db.number(&format!(
        "SELECT COUNT(*) FROM \"references\" WHERE sentence = {}",
        lit(sentence)
    ));
    assert!(found >= 1, "{sentence:?} not found byte-exact");
    for rec in records {
        let Some(agency) = rec["header"]["agency"].as_str() else {
            continue;
        };
        let found = db.query(&format!(
            "SELECT agency FROM documents WHERE id = {}",
            lit(rec["id"].as_str().expect("id"))
        ));
        assert_eq!(
            found.first().and_then(|r| r["agency"].as_str()),
            Some(agency)
        );
    }
}

/// Row counts the JSON Lines say each table must have.
fn expected_rows(records: &[Value]) -> [usize; 5] {
    [
        records.len(),
        records.iter().map(mentions).sum(),
        count(records, "money"),
        count(records, "case_counts"),
        count(records, "periods"),
    ]
}

fn assert_rows(db: &Sqlite, records: &[Value]) {
    let want = expected_rows(records);
    for (table, want) in TABLES.iter().zip(want) {
        assert_eq!(rows(db, table), want, "{table}.csv rows");
    }
}

#[test]
fn corpus_export_jsonl_csv_and_filters() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let index_dir = scratch.path().join("index");
    let index = index_dir.to_str().expect("utf-8 path").to_string();
    let before = now_secs();
    let report = scratch.path().join("report.jsonl");
    let corpus_dir = corpus();
    ok(&[
        "ingest",
        "--quiet",
        "--index",
        &index,
        "--report",
        report.to_str().expect("utf-8 path"),
        corpus_dir.to_str().expect("utf-8 path"),
    ]);
    let ingested: BTreeSet<String> = std::fs::read_to_string(&report)
        .expect("report")
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("report line"))
        .filter(|l| matches!(l["status"].as_str(), Some("added" | "needs_ocr")))
        .map(|l| l["path"].as_str().expect("path").to_string())
        .collect();
    for file in corpus_documents() {
        let canonical = file.canonicalize().expect("canonical path");
        assert!(
            ingested.contains(canonical.to_str().expect("utf-8")),
            "{} not ingested",
            file.display()
        );
    }

    // --- JSON Lines ---
    let records = export_jsonl(&index, &[]);
    assert_eq!(records.len(), ingested.len());
    assert_eq!(paths(&records), ingested);
    let in_order: Vec<&str> = records.iter().filter_map(|r| r["path"].as_str()).collect();
    let mut sorted = in_order.clone();
    sorted.sort();
    assert_eq!(in_order, sorted, "documents come out in path order");

    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schemas/export-record.schema.json"))
            .expect("committed schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("compile schema");
    let after = now_secs();
    for rec in &records {
        let errors: Vec<String> = validator
            .iter_errors(rec)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .take(5)
            .collect();
        assert!(errors.is_empty(), "{}: {}", rec["path"], errors.join("; "));
        let path = rec["path"].as_str().expect("path");
        let bytes = std::fs::read(path).expect("ingested file");
        assert_eq!(rec["id"], blake3::hash(&bytes).to_hex().as_str(), "{path}");
        let at = rec["ingested_at"].as_str().expect("ingested_at");
        let secs = rfc3339_secs(at).unwrap_or_else(|| panic!("{path}: not RFC 3339: {at}"));
        assert!(
            (before - 1..=after + 1).contains(&secs),
            "{path}: {at} outside the ingest"
        );
        assert_eq!(rec["vanban_version"], env!("CARGO_PKG_VERSION"));
    }
    // A line that breaks the schema is caught, or the loop above proves nothing.
    let mut broken = records[0].clone();
    broken["money"] = serde_json::json!([{ "vnd": "many" }]);
    assert!(!validator.is_valid(&broken));
    // Ids are distinct: the tables join on them.
    let ids: BTreeSet<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), records.len());

    // The facts are those `vanban extract` gives for the same file.
    let seed = corpus().join("000_1caea9d70ae52738.txt");
    let extracted = json_lines(&ok(&["extract", "--json", seed.to_str().expect("utf-8")]).stdout);
    let canonical = seed.canonicalize().expect("canonical seed path");
    let exported = records
        .iter()
        .find(|r| r["path"] == canonical.to_str().expect("utf-8"))
        .expect("seed 000 exported");
    assert!(!exported["references"].as_array().expect("refs").is_empty());
    assert!(mentions(exported) > 0);
    for key in [
        "references",
        "money",
        "case_counts",
        "periods",
        "header",
        "warnings",
    ] {
        assert_eq!(exported[key], extracted[0][key], "{key}");
    }

    // --out FILE writes the same lines.
    let out_file = scratch.path().join("export.jsonl");
    ok(&[
        "export",
        "--index",
        &index,
        "--out",
        out_file.to_str().expect("utf-8"),
    ]);
    let from_file = json_lines(&std::fs::read(&out_file).expect("export file"));
    assert_eq!(from_file, records);

    // --- CSV tables ---
    let csv_dir = scratch.path().join("csv");
    let csv_out = csv_dir.to_str().expect("utf-8");
    let out = ok(&[
        "export", "--index", &index, "--format", "csv", "--out", csv_out,
    ]);
    assert!(stderr(&out).contains(&format!("exported {} documents", records.len())));
    for table in TABLES {
        let bytes = std::fs::read(csv_dir.join(format!("{table}.csv"))).expect("table");
        assert!(
            !bytes.starts_with(BOM),
            "{table}.csv has a BOM without --bom"
        );
    }
    if let Some(db) = load_sqlite(&csv_dir, false) {
        sqlite_checks(&db, &records);
    }

    // RFC 4180 in the raw file: a sentence with a comma (or a quote) is one quoted field.
    let raw_refs = std::fs::read_to_string(csv_dir.join("references.csv")).expect("references");
    let tricky = records
        .iter()
        .flat_map(|r| r["references"].as_array().expect("refs").iter())
        .flat_map(|x| x["mentions"].as_array().expect("mentions").iter())
        .filter_map(|m| m["sentence"].as_str())
        .find(|s| s.contains(',') || s.contains('"') || s.contains('\n'))
        .expect("a sentence needing quotes");
    assert!(
        raw_refs.contains(&format!("\"{}\"", tricky.replace('"', "\"\""))),
        "{tricky:?} not quoted"
    );

    // A non-empty folder is refused without --force and replaced with it.
    let again = vanban(&[
        "export", "--index", &index, "--format", "csv", "--out", csv_out,
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("not empty"), "{}", stderr(&again));
    ok(&[
        "export",
        "--index",
        &index,
        "--format",
        "csv",
        "--out",
        csv_out,
        "--force",
        "--kind",
        "kế hoạch",
    ]);
    let plans = export_jsonl(&index, &["--kind", "kế hoạch"]);
    if let Some(db) = load_sqlite(&csv_dir, false) {
        assert_rows(&db, &plans);
    }

    // --- BOM ---
    let bom_dir = scratch.path().join("bom");
    ok(&[
        "export",
        "--index",
        &index,
        "--format",
        "csv",
        "--bom",
        "--out",
        bom_dir.to_str().expect("utf-8"),
    ]);
    if let Some(db) = load_sqlite(&bom_dir, true) {
        assert_rows(&db, &records);
    }

    // --- Filters select what search selects ---
    let all = paths(&records);
    for args in [
        vec!["--kind", "báo cáo"],
        vec!["--kind", "bao cao"],
        vec!["--cites", "55/2011/NĐ-CP"],
        vec!["--year", "2021"],
        vec!["--agency", "so ngoai vu"],
        vec!["cải cách hành chính"],
        vec!["thủ tục", "--year", "2021"],
    ] {
        let exported = paths(&export_jsonl(&index, &args));
        let (query, filters): (Vec<&str>, Vec<&str>) = if args[0].starts_with("--") {
            (vec![""], args.clone())
        } else {
            (vec![args[0]], args[1..].to_vec())
        };
        let searched = search_paths(&index, &[query, filters].concat());
        assert_eq!(exported, searched, "{args:?}");
        assert!(!exported.is_empty(), "{args:?} matches nothing");
        if args != ["cải cách hành chính"] {
            assert!(exported.len() < all.len(), "{args:?} did not narrow");
        }
    }

    // --- An empty result is empty output, exit 0; CSV gets header rows only ---
    let none = ok(&["export", "--index", &index, "--kind", "không có loại này"]);
    assert!(none.stdout.is_empty());
    let empty_dir = scratch.path().join("empty");
    ok(&[
        "export",
        "--index",
        &index,
        "--format",
        "csv",
        "--out",
        empty_dir.to_str().expect("utf-8"),
        "--year",
        "1900",
    ]);
    for table in TABLES {
        let text = std::fs::read_to_string(empty_dir.join(format!("{table}.csv"))).expect("table");
        assert_eq!(text.lines().count(), 1, "{table}.csv: {text:?}");
        assert!(text.starts_with("id,"), "{table}.csv: {text:?}");
    }
}

#[test]
fn identical_files_at_two_paths_are_one_row_in_the_tables() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let files = scratch.path().join("files");
    std::fs::create_dir_all(files.join("copy")).expect("mkdir");
    let seed = corpus_documents()
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .expect("a corpus text file");
    std::fs::copy(&seed, files.join("bao-cao.txt")).expect("copy");
    std::fs::copy(&seed, files.join("copy/bao-cao-ban-sao.txt")).expect("copy");
    let index = scratch.path().join("index");
    let index = index.to_str().expect("utf-8 path");
    ok(&[
        "ingest",
        "--quiet",
        "--index",
        index,
        files.to_str().expect("utf-8 path"),
    ]);

    // JSON Lines is one object per file: both paths are there, with one id.
    let records = export_jsonl(index, &[]);
    assert_eq!(records.len(), 2, "{records:?}");
    assert_eq!(records[0]["id"], records[1]["id"]);

    // The tables key rows by id: the repeat is written once, and said so.
    for format in ["csv", "parquet"] {
        let out_dir = scratch.path().join(format);
        let out = ok(&[
            "export",
            "--index",
            index,
            "--format",
            format,
            "--out",
            out_dir.to_str().expect("utf-8 path"),
        ]);
        let err = stderr(&out);
        assert!(err.contains("exported 1 document "), "{format}: {err}");
        assert!(err.contains("1 file had the same bytes"), "{format}: {err}");
    }
    // The committed DDL's primary keys accept the CSV tables as they are.
    if let Some(db) = load_sqlite(&scratch.path().join("csv"), false) {
        assert_eq!(rows(&db, "documents"), 1);
        assert_eq!(rows(&db, "references"), mentions(&records[0]));
    }
}

#[test]
fn missing_index_and_bad_arguments_are_clear_errors() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let missing = scratch.path().join("nowhere");
    let missing = missing.to_str().expect("utf-8");
    let out = vanban(&["export", "--index", missing]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no index"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());

    let out = vanban(&["export", "--index", missing, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));

    let out = vanban(&["export", "--index", missing, "--bom"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--bom"), "{}", stderr(&out));
}

/// Replaces the value of every `"key":"…"` string member in a JSON line with `with`.
fn blank_json_member(line: &str, key: &str, with: &str) -> String {
    let marker = format!("\"{key}\":\"");
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(&marker) {
        let value_start = at + marker.len();
        out.push_str(&rest[..value_start]);
        out.push_str(with);
        let tail = &rest[value_start..];
        let end = tail.find('"').expect("closing quote");
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// A CSV table with the columns that vary per run (`ingested_at`, `vanban_version`)
/// blanked and absolute paths made relative to the corpus, re-written with the
/// export's own settings (CRLF, quoting only where needed) so every other byte stays.
fn normalized_csv(bytes: &[u8], corpus_prefix: &str) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut blank = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.expect("valid CSV");
        if i == 0 {
            blank = row
                .iter()
                .map(|h| matches!(h, "ingested_at" | "vanban_version"))
                .collect();
            writer.write_record(&row).expect("header");
            continue;
        }
        let fields: Vec<String> = row
            .iter()
            .zip(&blank)
            .map(|(f, &b)| {
                if b {
                    "<varies>".to_string()
                } else {
                    f.replace(corpus_prefix, "corpus/")
                }
            })
            .collect();
        writer.write_record(&fields).expect("row");
    }
    String::from_utf8(writer.into_inner().expect("flush")).expect("utf-8")
}

/// The JSON Lines and CSV exports of the corpus, byte for byte apart from the
/// ingest time, the vanban version and the corpus' absolute path, against
/// snapshots: a change in the table layout or the record shows up as a diff
/// (accept it with `cargo insta review` when intended).
#[test]
fn corpus_export_matches_snapshots() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let index_dir = scratch.path().join("index");
    let index = index_dir.to_str().expect("utf-8 path");
    let corpus_dir = corpus().canonicalize().expect("canonical corpus");
    // Without OCR, so the snapshot does not depend on Tesseract or its version.
    ingest_without_ocr(&index_dir, &corpus_dir);
    let prefix = format!("{}/", corpus_dir.to_str().expect("utf-8"));

    let jsonl = String::from_utf8(ok(&["export", "--index", index]).stdout).expect("utf-8");
    let jsonl: String = jsonl
        .lines()
        .map(|line| {
            let line = blank_json_member(line, "ingested_at", "<varies>");
            let line = blank_json_member(&line, "vanban_version", "<varies>");
            line.replace(&prefix, "corpus/") + "\n"
        })
        .collect();
    insta::assert_snapshot!("export_jsonl", jsonl);

    let csv_dir = scratch.path().join("csv");
    ok(&[
        "export",
        "--index",
        index,
        "--format",
        "csv",
        "--out",
        csv_dir.to_str().expect("utf-8"),
    ]);
    for table in TABLES {
        let bytes = std::fs::read(csv_dir.join(format!("{table}.csv"))).expect("table");
        insta::assert_snapshot!(
            format!("export_csv_{table}"),
            normalized_csv(&bytes, &prefix)
        );
    }
}
