//! The committed JSON Schemas in schemas/ are generated from the Rust types and
//! describe real output: a drifted schema or an output that breaks it fails here.
//!
//! After changing a record type, regenerate with
//! `UPDATE_SCHEMAS=1 cargo test -p vanban --test tests schemas` and commit schemas/.

use crate::common::*;
use serde_json::Value;

fn check_committed(file: &str, generated: Value) {
    let path = repo().join("schemas").join(file);
    let pretty = serde_json::to_string_pretty(&generated).expect("serialize schema") + "\n";
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        // Write then rename: the validation test may read the file at the same time.
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, &pretty).expect("write schema");
        std::fs::rename(&tmp, &path).expect("replace schema");
    }
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_SCHEMAS=1)", path.display()));
    assert_eq!(
        committed,
        pretty,
        "{} differs from the schema generated from the Rust types; run with UPDATE_SCHEMAS=1 and commit",
        path.display()
    );
}

#[test]
fn committed_schemas_match_the_rust_types() {
    check_committed(
        "extract-record.schema.json",
        vanban_extract::extract_record_schema(),
    );
    check_committed(
        "export-record.schema.json",
        vanban_index::export_record_schema(),
    );
}

/// The DDL of the export tables is generated from their definitions in crates/export.
#[test]
fn committed_table_ddl_matches_the_rust_tables() {
    let path = repo().join("sql/tables.sql");
    let generated = vanban_export::sql::create_tables_sql();
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::create_dir_all(repo().join("sql")).expect("sql folder");
        std::fs::write(&path, &generated).expect("write DDL");
    }
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_SCHEMAS=1)", path.display()));
    assert_eq!(
        committed, generated,
        "sql/tables.sql differs from the tables in crates/export; run with UPDATE_SCHEMAS=1 and commit"
    );
}

#[test]
fn schemas_are_draft_2020_12() {
    for schema in [
        vanban_extract::extract_record_schema(),
        vanban_index::export_record_schema(),
    ] {
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        jsonschema::draft202012::meta::validate(&schema).expect("a valid 2020-12 schema");
    }
}

#[test]
fn every_corpus_record_validates_against_the_committed_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schemas/extract-record.schema.json"))
            .expect("committed schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("compile schema");
    let files = corpus_documents();
    let args: Vec<&str> = std::iter::once("extract")
        .chain(std::iter::once("--json"))
        .chain(files.iter().map(|p| p.to_str().expect("utf-8 path")))
        .collect();
    let out = vanban(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), files.len());
    for rec in &records {
        let errors: Vec<String> = validator
            .iter_errors(rec)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .take(5)
            .collect();
        assert!(
            errors.is_empty(),
            "{}: {}",
            rec["source"],
            errors.join("; ")
        );
    }

    // A record that breaks the schema must be caught, or the test above proves nothing.
    let mut broken = records[0].clone();
    broken["references"] = serde_json::json!([{ "number": 55 }]);
    assert!(!validator.is_valid(&broken));
}
