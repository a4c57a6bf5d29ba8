//! The five flat tables, defined once: their columns with types, and the rows
//! a record gives. Every tabular target (CSV, Parquet, PostgreSQL) writes
//! exactly these columns in this order; only the encoding of a value differs.
//!
//! Fact tables join the documents table on `doc_id` (the document's BLAKE3).

use std::borrow::Cow;

use crate::ExportRecord;

/// One of the flat tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    /// One row per document.
    Documents = 0,
    /// One row per mention of a cited document.
    References = 1,
    /// One row per money figure.
    Money = 2,
    /// One row per count of cases.
    CaseCounts = 3,
    /// One row per period.
    Periods = 4,
}

impl TableId {
    /// Number of tables.
    pub const COUNT: usize = 5;
    /// Every table, documents first (the order rows are counted in).
    pub const ALL: [TableId; TableId::COUNT] = [
        TableId::Documents,
        TableId::References,
        TableId::Money,
        TableId::CaseCounts,
        TableId::Periods,
    ];

    /// The table's name (also its file name without extension).
    pub fn name(self) -> &'static str {
        match self {
            TableId::Documents => "documents",
            TableId::References => "references",
            TableId::Money => "money",
            TableId::CaseCounts => "case_counts",
            TableId::Periods => "periods",
        }
    }

    /// The table's columns, in order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            TableId::Documents => DOCUMENTS,
            TableId::References => REFERENCES,
            TableId::Money => MONEY,
            TableId::CaseCounts => CASE_COUNTS,
            TableId::Periods => PERIODS,
        }
    }
}

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text.
    Text,
    /// A signed 64-bit integer.
    Int64,
    /// `true` or `false`.
    Bool,
}

/// A column: name, type, and whether it may be empty (null).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Column name.
    pub name: &'static str,
    /// Value type.
    pub ty: ColumnType,
    /// Whether a row may have no value here.
    pub nullable: bool,
}

const fn col(name: &'static str, ty: ColumnType) -> Column {
    Column {
        name,
        ty,
        nullable: false,
    }
}

const fn null(name: &'static str, ty: ColumnType) -> Column {
    Column {
        name,
        ty,
        nullable: true,
    }
}

use ColumnType::{Bool, Int64, Text};

const DOCUMENTS: &[Column] = &[
    col("id", Text),
    col("path", Text),
    col("format", Text),
    col("pages", Int64),
    null("number", Text),
    null("kind", Text),
    null("agency", Text),
    null("parent_agency", Text),
    null("place", Text),
    null("date", Text),
    null("subject", Text),
    null("signer", Text),
    null("signer_title", Text),
    col("recipients", Text),
    col("needs_ocr", Bool),
    col("warning_count", Int64),
    col("warning_kinds", Text),
    col("reference_count", Int64),
    col("mention_count", Int64),
    col("money_count", Int64),
    col("case_count_count", Int64),
    col("period_count", Int64),
    col("ingested_at", Text),
    col("vanban_version", Text),
    col("schema_version", Text),
];

/// Where a fact stands: the last four columns of every fact table.
macro_rules! evidence_columns {
    () => {
        [
            col("page", Int64),
            col("start", Int64),
            col("end", Int64),
            col("sentence", Text),
        ]
    };
}

const REFERENCES: &[Column] = &{
    let e = evidence_columns!();
    [
        col("doc_id", Text),
        col("number", Text),
        col("kind", Text),
        null("date", Text),
        null("issuer", Text),
        col("partial", Bool),
        col("raw", Text),
        e[0],
        e[1],
        e[2],
        e[3],
    ]
};

const MONEY: &[Column] = &{
    let e = evidence_columns!();
    [
        col("doc_id", Text),
        col("raw", Text),
        null("vnd", Int64),
        col("currency", Text),
        col("amount", Text),
        null("per", Text),
        col("negative", Bool),
        null("in_words", Text),
        col("mismatch", Bool),
        e[0],
        e[1],
        e[2],
        e[3],
    ]
};

const CASE_COUNTS: &[Column] = &{
    let e = evidence_columns!();
    [
        col("doc_id", Text),
        col("raw", Text),
        null("value", Int64),
        null("of", Int64),
        col("unit", Text),
        e[0],
        e[1],
        e[2],
        e[3],
    ]
};

const PERIODS: &[Column] = &{
    let e = evidence_columns!();
    [
        col("doc_id", Text),
        col("raw", Text),
        col("start_date", Text),
        col("end_date", Text),
        e[0],
        e[1],
        e[2],
        e[3],
    ]
};

/// A typed value of one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    /// No value.
    Null,
    /// Text, borrowed from the record where it can be.
    Text(Cow<'a, str>),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
}

impl<'a> Value<'a> {
    fn text(s: &'a str) -> Self {
        Value::Text(Cow::Borrowed(s))
    }

    fn opt_text(s: &'a Option<String>) -> Self {
        s.as_deref().map_or(Value::Null, Value::text)
    }

    /// An unsigned count or amount; beyond `i64::MAX` it has no 64-bit
    /// signed value (the tables' integer type) and is null: the record's
    /// text (`raw`, `amount`) still holds it exactly.
    fn uint(n: impl TryInto<i64>) -> Self {
        n.try_into().map_or(Value::Null, Value::Int)
    }
}

/// The four evidence cells of a fact: page, start, end, sentence.
fn evidence(e: &vanban_extract::Evidence) -> [Value<'_>; 4] {
    [
        Value::Int(i64::from(e.page)),
        Value::uint(e.start),
        Value::uint(e.end),
        Value::text(&e.sentence),
    ]
}

/// Calls `emit` with every row `record` gives, table by table: its documents
/// row first, then one row per mention, money figure, count and period.
pub fn rows<E>(
    record: &ExportRecord,
    mut emit: impl FnMut(TableId, &[Value<'_>]) -> Result<(), E>,
) -> Result<(), E> {
    let f = &record.facts;
    let h = &f.header;
    let mut kinds: Vec<String> = Vec::new();
    for w in &record.warnings {
        // The kind's JSON name, as in the JSON Lines export.
        let kind = serde_json::to_value(w.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    let mentions: usize = f.references.iter().map(|x| x.mentions.len()).sum();
    let id = Value::text(&record.id);
    emit(
        TableId::Documents,
        &[
            id.clone(),
            Value::text(&record.path),
            Value::text(&record.format),
            Value::uint(record.pages),
            Value::opt_text(&h.number),
            Value::opt_text(&h.kind),
            Value::opt_text(&h.agency),
            Value::opt_text(&h.parent_agency),
            Value::opt_text(&h.place),
            Value::opt_text(&h.date),
            Value::opt_text(&h.subject),
            Value::opt_text(&h.signer),
            Value::opt_text(&h.signer_title),
            Value::Text(Cow::Owned(h.recipients.join("; "))),
            Value::Bool(record.needs_ocr),
            Value::uint(record.warnings.len()),
            Value::Text(Cow::Owned(kinds.join("; "))),
            Value::uint(f.references.len()),
            Value::uint(mentions),
            Value::uint(f.money.len()),
            Value::uint(f.case_counts.len()),
            Value::uint(f.periods.len()),
            Value::text(&record.ingested_at),
            Value::text(&record.vanban_version),
            Value::text(&record.schema_version),
        ],
    )?;
    for reference in &f.references {
        for m in &reference.mentions {
            let [page, start, end, sentence] = evidence(&m.evidence);
            emit(
                TableId::References,
                &[
                    id.clone(),
                    Value::text(&reference.number),
                    Value::text(&reference.kind),
                    Value::opt_text(&reference.date),
                    Value::opt_text(&reference.issuer),
                    Value::Bool(reference.partial),
                    Value::text(&m.raw),
                    page,
                    start,
                    end,
                    sentence,
                ],
            )?;
        }
    }
    for m in &f.money {
        let [page, start, end, sentence] = evidence(&m.evidence);
        emit(
            TableId::Money,
            &[
                id.clone(),
                Value::text(&m.raw),
                m.vnd.map_or(Value::Null, Value::uint),
                Value::text(&m.currency),
                Value::text(&m.amount),
                Value::opt_text(&m.per),
                Value::Bool(m.negative),
                Value::opt_text(&m.in_words),
                Value::Bool(m.mismatch),
                page,
                start,
                end,
                sentence,
            ],
        )?;
    }
    for c in &f.case_counts {
        let [page, start, end, sentence] = evidence(&c.evidence);
        emit(
            TableId::CaseCounts,
            &[
                id.clone(),
                Value::text(&c.raw),
                Value::uint(c.value),
                c.of.map_or(Value::Null, Value::uint),
                Value::text(&c.unit),
                page,
                start,
                end,
                sentence,
            ],
        )?;
    }
    for p in &f.periods {
        let [page, start, end, sentence] = evidence(&p.evidence);
        emit(
            TableId::Periods,
            &[
                id.clone(),
                Value::text(&p.raw),
                Value::text(&p.start),
                Value::text(&p.end),
                page,
                start,
                end,
                sentence,
            ],
        )?;
    }
    Ok(())
}
