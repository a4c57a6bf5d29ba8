//! SQL DDL for the tables, generated from [`crate::table`]: the committed
//! `sql/tables.sql` (for loading the CSV or Parquet files into SQLite,
//! PostgreSQL or DuckDB with typed columns) is this output, checked by a test.

use crate::table::{Column, ColumnType, TableId};

/// The portable SQL type of a column (SQLite, PostgreSQL and DuckDB all accept these names).
pub fn sql_type(ty: ColumnType) -> &'static str {
    match ty {
        ColumnType::Text => "TEXT",
        ColumnType::Int64 => "BIGINT",
        ColumnType::Bool => "BOOLEAN",
        ColumnType::Date => "DATE",
        ColumnType::Timestamp => "TIMESTAMPTZ",
    }
}

/// Whether the DDL declares a column `NOT NULL` for CSV files. A CSV field
/// cannot tell an empty text from no value and loaders read an empty field
/// as NULL, so only key columns of text keep `NOT NULL` there.
fn not_null_in_csv(c: &Column) -> bool {
    !c.nullable && (c.ty != ColumnType::Text || matches!(c.name, "id" | "doc_id" | "path"))
}

/// `CREATE TABLE` statements for every table: primary key `id`, fact tables'
/// `doc_id` a foreign key to `documents`. Identifiers are quoted (`references`
/// and `end` are SQL keywords).
pub fn create_tables_sql() -> String {
    let mut out = String::from(
        "-- The tables of `vanban export --format csv|parquet`, with their types.\n\
         -- Generated from crates/export/src/table.rs (a test keeps this file equal to it):\n\
         -- regenerate with UPDATE_SCHEMAS=1 cargo test -p vanban --test tests schemas.\n\
         -- Text columns may be NULL because CSV cannot tell an empty field from no value.\n\
         -- Load order: documents first (the fact tables reference it).\n",
    );
    for table in TableId::ALL {
        out.push_str(&format!("\nCREATE TABLE \"{}\" (\n", table.name()));
        let columns: Vec<String> = table
            .columns()
            .iter()
            .map(|c| {
                let mut line = format!("    \"{}\" {}", c.name, sql_type(c.ty));
                if not_null_in_csv(c) {
                    line.push_str(" NOT NULL");
                }
                if c.name == "id" {
                    line.push_str(" PRIMARY KEY");
                }
                if c.name == "doc_id" {
                    line.push_str(" REFERENCES \"documents\" (\"id\")");
                }
                line
            })
            .collect();
        out.push_str(&columns.join(",\n"));
        out.push_str("\n);\n");
    }
    out
}
