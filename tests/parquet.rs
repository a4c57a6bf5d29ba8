//! `vanban export --format parquet` through the real binary over the ingested
//! corpus, read back with the Arrow Parquet reader: the declared types, zstd,
//! and per table and per document the same rows and values as the JSON Lines
//! export's facts, Vietnamese text byte for byte; filters as in `search`.

use std::collections::BTreeMap;
use std::path::Path;

use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use ::parquet::basic::Compression;
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int64Type, TimestampMillisecondType};
use arrow_array::Array;
use arrow_schema::DataType;
use serde_json::Value;
use vanban_export::TableId;

use crate::common::{corpus, json_lines, ok, vanban};

/// One cell read back, by its Arrow type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Null,
    Text(String),
    Int(i64),
    Bool(bool),
    /// Days since 1970-01-01.
    Date(i32),
    /// Milliseconds since 1970 UTC.
    Millis(i64),
}

/// A table read back: column names and rows.
pub(crate) struct ReadTable {
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<Vec<Cell>>,
}

impl ReadTable {
    pub(crate) fn col(&self, name: &str) -> usize {
        self.columns
            .iter()
            .position(|c| c == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    /// Rows of one document (fact tables: by `doc_id`; documents: by `id`).
    fn of_doc(&self, id: &str) -> Vec<&Vec<Cell>> {
        let key = self.col(if self.columns[1] == "doc_id" {
            "doc_id"
        } else {
            "id"
        });
        self.rows
            .iter()
            .filter(|r| r[key] == Cell::Text(id.to_string()))
            .collect()
    }
}

/// Reads `DIR/<table>.parquet`, checking its schema is the declared one and
/// every column chunk is zstd-compressed.
fn read(dir: &Path, table: TableId) -> ReadTable {
    read_parquet(&dir.join(format!("{}.parquet", table.name())), table)
}

/// Reads one Parquet file of `table` (an export's table or a part), with the
/// checks of [`read`].
pub(crate) fn read_parquet(path: &Path, table: TableId) -> ReadTable {
    let file = std::fs::File::open(path).expect("parquet file");
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).expect("parquet reader");
    for rg in builder.metadata().row_groups() {
        for c in rg.columns() {
            assert!(
                matches!(c.compression(), Compression::ZSTD(_)),
                "{}: {:?}",
                path.display(),
                c.compression()
            );
        }
    }
    let schema = builder.schema().clone();
    let declared = vanban_export::arrow_schema(table);
    assert_eq!(schema.fields().len(), declared.fields().len());
    for (got, want) in schema.fields().iter().zip(declared.fields()) {
        assert_eq!(got.name(), want.name(), "{}", table.name());
        assert_eq!(
            got.data_type(),
            want.data_type(),
            "{}.{}",
            table.name(),
            got.name()
        );
        assert_eq!(
            got.is_nullable(),
            want.is_nullable(),
            "{}.{}",
            table.name(),
            got.name()
        );
    }
    let mut rows = Vec::new();
    for batch in builder.build().expect("batches") {
        let batch = batch.expect("batch");
        for i in 0..batch.num_rows() {
            let row = batch
                .columns()
                .iter()
                .map(|col| {
                    if col.is_null(i) {
                        return Cell::Null;
                    }
                    match col.data_type() {
                        DataType::Utf8 => Cell::Text(col.as_string::<i32>().value(i).to_string()),
                        DataType::Int64 => Cell::Int(col.as_primitive::<Int64Type>().value(i)),
                        DataType::Boolean => Cell::Bool(col.as_boolean().value(i)),
                        DataType::Date32 => Cell::Date(col.as_primitive::<Date32Type>().value(i)),
                        DataType::Timestamp(_, _) => {
                            Cell::Millis(col.as_primitive::<TimestampMillisecondType>().value(i))
                        }
                        other => panic!("unexpected type {other:?}"),
                    }
                })
                .collect();
            rows.push(row);
        }
    }
    ReadTable {
        columns: schema.fields().iter().map(|f| f.name().clone()).collect(),
        rows,
    }
}

fn text(v: &Value) -> Cell {
    v.as_str().map_or(Cell::Null, |s| Cell::Text(s.to_string()))
}

fn int(v: &Value) -> Cell {
    v.as_i64().map_or(Cell::Null, Cell::Int)
}

/// The DATE cell an ISO date of the JSON gives (first day when partial).
fn date(v: &Value) -> Cell {
    v.as_str()
        .and_then(vanban_export::table::parse_date)
        .map_or(Cell::Null, |(d, _)| {
            Cell::Date(vanban_export::table::epoch_days(d))
        })
}

/// The cells `names` of `row` in `t`.
fn pick(t: &ReadTable, row: &[Cell], names: &[&str]) -> Vec<Cell> {
    names.iter().map(|n| row[t.col(n)].clone()).collect()
}

#[test]
fn parquet_export_reads_back_as_the_json_facts() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let index_dir = scratch.path().join("index");
    let index = index_dir.to_str().expect("utf-8");
    ok(&[
        "ingest",
        "--quiet",
        "--index",
        index,
        corpus().to_str().expect("utf-8"),
    ]);
    let records = json_lines(&ok(&["export", "--index", index]).stdout);
    assert!(records.len() > 10);
    let dir = scratch.path().join("parquet");
    let out = ok(&[
        "export",
        "--index",
        index,
        "--format",
        "parquet",
        "--out",
        dir.to_str().expect("utf-8"),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("exported"));
    let tables: BTreeMap<TableId, ReadTable> =
        TableId::ALL.iter().map(|&t| (t, read(&dir, t))).collect();
    let docs = &tables[&TableId::Documents];
    let refs = &tables[&TableId::References];
    let money = &tables[&TableId::Money];
    let counts = &tables[&TableId::CaseCounts];
    let periods = &tables[&TableId::Periods];
    assert_eq!(docs.rows.len(), records.len());
    let mut totals = [0usize; 5];

    for rec in &records {
        let id = rec["id"].as_str().expect("id");
        let h = &rec["header"];
        // The document row.
        let rows = docs.of_doc(id);
        assert_eq!(rows.len(), 1, "{id}");
        let names = [
            "path", "format", "pages", "number", "kind", "agency", "subject", "date",
        ];
        let want = vec![
            text(&rec["path"]),
            text(&rec["format"]),
            int(&rec["pages"]),
            text(&h["number"]),
            text(&h["kind"]),
            text(&h["agency"]),
            text(&h["subject"]),
            date(&h["date"]),
        ];
        assert_eq!(pick(docs, rows[0], &names), want, "{id}");
        assert_eq!(
            rows[0][docs.col("needs_ocr")],
            Cell::Bool(rec["needs_ocr"] == true)
        );
        assert!(
            matches!(rows[0][docs.col("ingested_at")], Cell::Millis(ms) if ms > 1_700_000_000_000)
        );

        // One row per mention, in the JSON's order, ids = document id + ordinal.
        let want: Vec<Vec<Cell>> = rec["references"]
            .as_array()
            .expect("refs")
            .iter()
            .flat_map(|r| {
                r["mentions"]
                    .as_array()
                    .expect("mentions")
                    .iter()
                    .map(move |m| {
                        vec![
                            text(&r["number"]),
                            text(&r["kind"]),
                            date(&r["date"]),
                            Cell::Bool(r["partial"] == true),
                            text(&m["raw"]),
                            int(&m["page"]),
                            int(&m["start"]),
                            int(&m["end"]),
                            text(&m["sentence"]),
                        ]
                    })
            })
            .collect();
        let names = [
            "number", "kind", "date", "partial", "raw", "page", "start", "end", "sentence",
        ];
        let got: Vec<Vec<Cell>> = refs
            .of_doc(id)
            .iter()
            .map(|r| pick(refs, r, &names))
            .collect();
        assert_eq!(got, want, "{id} references");
        for (i, r) in refs.of_doc(id).iter().enumerate() {
            assert_eq!(r[refs.col("id")], Cell::Text(format!("{id}:{}", i + 1)));
        }
        totals[1] += want.len();

        let want: Vec<Vec<Cell>> = rec["money"]
            .as_array()
            .expect("money")
            .iter()
            .map(|m| {
                vec![
                    text(&m["raw"]),
                    int(&m["vnd"]),
                    text(&m["currency"]),
                    text(&m["amount"]),
                    Cell::Bool(m["negative"] == true),
                    text(&m["sentence"]),
                ]
            })
            .collect();
        let names = ["raw", "vnd", "currency", "amount", "negative", "sentence"];
        let got: Vec<Vec<Cell>> = money
            .of_doc(id)
            .iter()
            .map(|r| pick(money, r, &names))
            .collect();
        assert_eq!(got, want, "{id} money");
        totals[2] += want.len();

        let want: Vec<Vec<Cell>> = rec["case_counts"]
            .as_array()
            .expect("counts")
            .iter()
            .map(|c| {
                vec![
                    text(&c["raw"]),
                    int(&c["value"]),
                    int(&c["of"]),
                    text(&c["unit"]),
                ]
            })
            .collect();
        let names = ["raw", "value", "of", "unit"];
        let got: Vec<Vec<Cell>> = counts
            .of_doc(id)
            .iter()
            .map(|r| pick(counts, r, &names))
            .collect();
        assert_eq!(got, want, "{id} case_counts");
        totals[3] += want.len();

        let want: Vec<Vec<Cell>> = rec["periods"]
            .as_array()
            .expect("periods")
            .iter()
            .map(|p| {
                vec![
                    text(&p["raw"]),
                    date(&p["start"]),
                    date(&p["end"]),
                    text(&p["evidence"]["sentence"]),
                ]
            })
            .collect();
        let names = ["raw", "start_date", "end_date", "sentence"];
        let got: Vec<Vec<Cell>> = periods
            .of_doc(id)
            .iter()
            .map(|r| pick(periods, r, &names))
            .collect();
        assert_eq!(got, want, "{id} periods");
        assert!(got.iter().all(|r| r[1] != Cell::Null && r[2] != Cell::Null));
        totals[4] += want.len();
    }
    // No row belongs to a document the JSON does not have.
    for (t, n) in [
        (refs, totals[1]),
        (money, totals[2]),
        (counts, totals[3]),
        (periods, totals[4]),
    ] {
        assert_eq!(t.rows.len(), n);
    }
    assert!(totals[1] > 0 && totals[2] > 0 && totals[3] > 0 && totals[4] > 0);
    // Vietnamese survives byte for byte (compared above); make sure some was compared.
    assert!(refs
        .rows
        .iter()
        .any(|r| matches!(&r[refs.col("sentence")], Cell::Text(s) if s.contains("Ủy ban nhân dân") || s.contains("ngày"))));

    // The same filters as search: a filtered export holds exactly the JSON's filtered documents.
    let plans = json_lines(&ok(&["export", "--index", index, "--kind", "kế hoạch"]).stdout);
    assert!(!plans.is_empty() && plans.len() < records.len());
    ok(&[
        "export",
        "--index",
        index,
        "--format",
        "parquet",
        "--out",
        dir.to_str().expect("utf-8"),
        "--force",
        "--kind",
        "kế hoạch",
    ]);
    let filtered = read(&dir, TableId::Documents);
    let mut got: Vec<Cell> = filtered.rows.iter().map(|r| r[0].clone()).collect();
    let mut want: Vec<Cell> = plans.iter().map(|r| text(&r["id"])).collect();
    got.sort_by_key(|c| format!("{c:?}"));
    want.sort_by_key(|c| format!("{c:?}"));
    assert_eq!(got, want);

    // A non-empty folder without --force is refused.
    let again = vanban(&[
        "export",
        "--index",
        index,
        "--format",
        "parquet",
        "--out",
        dir.to_str().expect("utf-8"),
    ]);
    assert_eq!(again.status.code(), Some(2));
    let no_out = vanban(&["export", "--index", index, "--format", "parquet"]);
    assert_eq!(no_out.status.code(), Some(2));
}
