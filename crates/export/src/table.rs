//! The five flat tables, defined once: their columns with types, and the rows
//! a record gives. Every tabular target (CSV, Parquet, PostgreSQL) writes
//! exactly these columns in this order; only the encoding of a value differs.
//!
//! Fact tables join the documents table on `doc_id` (the document's BLAKE3).

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use crate::ExportRecord;

/// The document ids a table export has written. Byte-identical files at two
/// paths share one id (the BLAKE3 of the bytes), and the tables key every row
/// by that id, so each id is written once. Ids are kept as 128-bit prefixes to
/// keep memory small (16 bytes a document); anything not a hex id is kept whole.
#[derive(Debug, Default)]
pub struct DistinctIds {
    hex: std::collections::HashSet<u128>,
    other: std::collections::HashSet<String>,
}

impl DistinctIds {
    /// Whether `id` is seen for the first time (and remembers it).
    pub fn first(&mut self, id: &str) -> bool {
        match id.get(..32).and_then(|p| u128::from_str_radix(p, 16).ok()) {
            Some(prefix) if id.len() == 64 => self.hex.insert(prefix),
            _ => self.other.insert(id.to_string()),
        }
    }
}

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
    /// A calendar date (CSV: `YYYY-MM-DD`).
    Date,
    /// An instant, UTC (CSV: RFC 3339, `2026-01-31T08:00:00Z`).
    Timestamp,
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

use ColumnType::{Bool, Date, Int64, Text, Timestamp};

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
    null("date", Date),
    null("date_precision", Text),
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
    col("ingested_at", Timestamp),
    col("vanban_version", Text),
    col("schema_version", Text),
    // OCR provenance (appended, so a database migrates by adding columns).
    col("ocr_pages", Int64),
    null("ocr_min_confidence", Int64),
    null("ocr_engine", Text),
];

/// Where a fact stands and whether OCR read it: the last six columns of every fact table.
macro_rules! evidence_columns {
    () => {
        [
            col("page", Int64),
            col("start", Int64),
            col("end", Int64),
            col("sentence", Text),
            col("ocr", Bool),
            null("ocr_confidence", Int64),
        ]
    };
}

const REFERENCES: &[Column] = &{
    let e = evidence_columns!();
    [
        col("id", Text),
        col("doc_id", Text),
        col("ordinal", Int64),
        col("reference_ordinal", Int64),
        col("number", Text),
        col("kind", Text),
        null("date", Date),
        null("date_precision", Text),
        null("issuer", Text),
        col("partial", Bool),
        col("raw", Text),
        e[0],
        e[1],
        e[2],
        e[3],
        e[4],
        e[5],
    ]
};

const MONEY: &[Column] = &{
    let e = evidence_columns!();
    [
        col("id", Text),
        col("doc_id", Text),
        col("ordinal", Int64),
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
        e[4],
        e[5],
    ]
};

const CASE_COUNTS: &[Column] = &{
    let e = evidence_columns!();
    [
        col("id", Text),
        col("doc_id", Text),
        col("ordinal", Int64),
        col("raw", Text),
        null("value", Int64),
        null("of", Int64),
        col("unit", Text),
        e[0],
        e[1],
        e[2],
        e[3],
        e[4],
        e[5],
    ]
};

const PERIODS: &[Column] = &{
    let e = evidence_columns!();
    [
        col("id", Text),
        col("doc_id", Text),
        col("ordinal", Int64),
        col("raw", Text),
        null("start_date", Date),
        null("end_date", Date),
        e[0],
        e[1],
        e[2],
        e[3],
        e[4],
        e[5],
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
    /// A calendar date.
    Date(NaiveDate),
    /// An instant: the record's RFC 3339 text and its seconds since 1970 UTC.
    Timestamp {
        /// As the record gives it.
        text: &'a str,
        /// Seconds since 1970-01-01T00:00:00Z.
        seconds: i64,
    },
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

/// How much of a date the document gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePrecision {
    /// Year, month and day.
    Day,
    /// Year and month (`tháng 5 năm 2024`): the date column holds the 1st.
    Month,
    /// The year only: the date column holds 1 January.
    Year,
}

impl DatePrecision {
    /// The precision column's value.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// An ISO date as the records write it (`2024-05-01`, `2024-05`, `2024`):
/// the full date (first day of the month or year when partial) and its
/// precision; `None` when it is not a calendar date.
pub fn parse_date(s: &str) -> Option<(NaiveDate, DatePrecision)> {
    let mut parts = s.split('-');
    let year: i32 = digits(parts.next()?, 4)?;
    // A present part must be well formed; an absent one lowers the precision.
    let month: Option<u32> = match parts.next() {
        Some(m) => Some(digits(m, 2)?),
        None => None,
    };
    let day: Option<u32> = match parts.next() {
        Some(d) => Some(digits(d, 2)?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let (date, precision) = match (month, day) {
        (None, _) => (NaiveDate::from_ymd_opt(year, 1, 1)?, DatePrecision::Year),
        (Some(m), None) => (NaiveDate::from_ymd_opt(year, m, 1)?, DatePrecision::Month),
        (Some(m), Some(d)) => (NaiveDate::from_ymd_opt(year, m, d)?, DatePrecision::Day),
    };
    Some((date, precision))
}

/// A field of exactly `len` ASCII digits.
fn digits<T: std::str::FromStr>(s: &str, len: usize) -> Option<T> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// Seconds since 1970 of an RFC 3339 UTC instant as the index writes it
/// (`2026-01-31T08:00:00Z`); `None` for any other shape.
pub fn parse_utc_seconds(s: &str) -> Option<i64> {
    let (date, time) = s.strip_suffix('Z')?.split_once('T')?;
    let (date, DatePrecision::Day) = parse_date(date)? else {
        return None;
    };
    let mut hms = time.split(':');
    let h: u32 = digits(hms.next()?, 2)?;
    let m: u32 = digits(hms.next()?, 2)?;
    let sec: u32 = digits(hms.next()?, 2)?;
    if hms.next().is_some() {
        return None;
    }
    Some(date.and_hms_opt(h, m, sec)?.and_utc().timestamp())
}

/// Days since 1970-01-01 (Parquet's and Arrow's DATE).
pub fn epoch_days(date: NaiveDate) -> i32 {
    // 719_163 days lie between 0001-01-01 (day 1 of the common era) and 1970-01-01.
    date.num_days_from_ce() - 719_163
}

/// The date and precision cells of an optional ISO date.
fn date_cells(s: &Option<String>) -> [Value<'static>; 2] {
    match s.as_deref().and_then(parse_date) {
        Some((date, precision)) => [Value::Date(date), Value::text(precision.as_str())],
        None => [Value::Null, Value::Null],
    }
}

/// The date cell of an ISO date that should be full.
fn full_date(s: &str) -> Value<'static> {
    match parse_date(s) {
        Some((date, _)) => Value::Date(date),
        None => Value::Null,
    }
}

/// The six evidence cells of a fact: page, start, end, sentence, ocr, ocr_confidence.
fn evidence(e: &vanban_extract::Evidence) -> [Value<'_>; 6] {
    [
        Value::Int(i64::from(e.page)),
        Value::uint(e.start),
        Value::uint(e.end),
        Value::text(&e.sentence),
        Value::Bool(e.ocr),
        e.ocr_confidence
            .map_or(Value::Null, |c| Value::Int(i64::from(c))),
    ]
}

/// A fact row's stable id: the document's id and the fact's 1-based ordinal
/// in its table (`<blake3>:3`), the same in every export of the same file.
fn fact_id(doc: &str, ordinal: usize) -> Value<'static> {
    Value::Text(Cow::Owned(format!("{doc}:{ordinal}")))
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
    let [date, date_precision] = date_cells(&h.date);
    let ingested_at = match parse_utc_seconds(&record.ingested_at) {
        Some(seconds) => Value::Timestamp {
            text: &record.ingested_at,
            seconds,
        },
        None => Value::Null,
    };
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
            date,
            date_precision,
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
            ingested_at,
            Value::text(&record.vanban_version),
            Value::text(&record.schema_version),
            Value::uint(record.ocr.as_ref().map_or(0, |o| o.pages.len())),
            record
                .ocr
                .as_ref()
                .and_then(|o| o.min_page_confidence())
                .map_or(Value::Null, |c| Value::Int(c.round() as i64)),
            record.ocr.as_ref().map_or(Value::Null, |o| {
                Value::Text(Cow::Owned(format!("{}; {}", o.engine, o.model)))
            }),
        ],
    )?;
    let mut ordinal = 0;
    for (r, reference) in f.references.iter().enumerate() {
        let [date, date_precision] = date_cells(&reference.date);
        for m in &reference.mentions {
            ordinal += 1;
            let [page, start, end, sentence, ocr, ocr_confidence] = evidence(&m.evidence);
            emit(
                TableId::References,
                &[
                    fact_id(&record.id, ordinal),
                    id.clone(),
                    Value::uint(ordinal),
                    Value::uint(r + 1),
                    Value::text(&reference.number),
                    Value::text(&reference.kind),
                    date.clone(),
                    date_precision.clone(),
                    Value::opt_text(&reference.issuer),
                    Value::Bool(reference.partial),
                    Value::text(&m.raw),
                    page,
                    start,
                    end,
                    sentence,
                    ocr,
                    ocr_confidence,
                ],
            )?;
        }
    }
    for (i, m) in f.money.iter().enumerate() {
        let [page, start, end, sentence, ocr, ocr_confidence] = evidence(&m.evidence);
        emit(
            TableId::Money,
            &[
                fact_id(&record.id, i + 1),
                id.clone(),
                Value::uint(i + 1),
                Value::text(&m.raw),
                m.vnd.map_or(Value::Null, Value::Int),
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
                ocr,
                ocr_confidence,
            ],
        )?;
    }
    for (i, c) in f.case_counts.iter().enumerate() {
        let [page, start, end, sentence, ocr, ocr_confidence] = evidence(&c.evidence);
        emit(
            TableId::CaseCounts,
            &[
                fact_id(&record.id, i + 1),
                id.clone(),
                Value::uint(i + 1),
                Value::text(&c.raw),
                Value::uint(c.value),
                c.of.map_or(Value::Null, Value::uint),
                Value::text(&c.unit),
                page,
                start,
                end,
                sentence,
                ocr,
                ocr_confidence,
            ],
        )?;
    }
    for (i, p) in f.periods.iter().enumerate() {
        let [page, start, end, sentence, ocr, ocr_confidence] = evidence(&p.evidence);
        emit(
            TableId::Periods,
            &[
                fact_id(&record.id, i + 1),
                id.clone(),
                Value::uint(i + 1),
                Value::text(&p.raw),
                full_date(&p.start),
                full_date(&p.end),
                page,
                start,
                end,
                sentence,
                ocr,
                ocr_confidence,
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_give_a_full_date_and_their_precision() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(
            parse_date("2024-05-01"),
            Some((d(2024, 5, 1), DatePrecision::Day))
        );
        assert_eq!(
            parse_date("2024-05"),
            Some((d(2024, 5, 1), DatePrecision::Month))
        );
        assert_eq!(
            parse_date("2024"),
            Some((d(2024, 1, 1), DatePrecision::Year))
        );
        assert_eq!(
            parse_date("2024-02-29"),
            Some((d(2024, 2, 29), DatePrecision::Day))
        );
        for bad in [
            "2023-02-29",
            "2024-13",
            "2024-5-1",
            "24-05-01",
            "",
            "2024-05-01-02",
            "năm 2024",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn timestamps_and_epoch_days() {
        assert_eq!(parse_utc_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_utc_seconds("2026-01-01T00:00:01Z"),
            Some(1_767_225_601)
        );
        assert_eq!(parse_utc_seconds("2026-01-01T00:00:01"), None);
        assert_eq!(parse_utc_seconds("2026-01-01T24:00:00Z"), None);
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(epoch_days(d(1970, 1, 1)), 0);
        assert_eq!(epoch_days(d(2024, 5, 1)), 19_844);
        assert_eq!(epoch_days(d(1969, 12, 31)), -1);
    }

    #[test]
    fn every_row_has_its_table_s_column_count_and_fact_ids_are_distinct() {
        let record = crate::testing::record();
        let mut ids = std::collections::BTreeSet::new();
        rows(&record, |table, row| {
            assert_eq!(row.len(), table.columns().len(), "{}", table.name());
            if table != TableId::Documents {
                assert_eq!(row[1], Value::text("abc"));
                let Value::Text(id) = &row[0] else {
                    panic!("id is text")
                };
                assert!(ids.insert((table, id.to_string())));
            }
            Ok::<(), ()>(())
        })
        .expect("rows");
        assert!(ids.contains(&(TableId::References, "abc:1".to_string())));
    }

    #[test]
    fn a_month_date_is_the_first_with_month_precision() {
        let mut record = crate::testing::record();
        record.facts.header.date = Some("2024-05".into());
        let mut seen = false;
        rows(&record, |table, row| {
            if table == TableId::Documents {
                let at = TableId::Documents
                    .columns()
                    .iter()
                    .position(|c| c.name == "date")
                    .expect("date column");
                assert_eq!(
                    row[at],
                    Value::Date(NaiveDate::from_ymd_opt(2024, 5, 1).expect("d"))
                );
                assert_eq!(row[at + 1], Value::text("month"));
                seen = true;
            }
            Ok::<(), ()>(())
        })
        .expect("rows");
        assert!(seen);
    }

    #[test]
    fn an_id_is_first_once() {
        let mut ids = DistinctIds::default();
        let a = "a94285ebd11339b4a2cd1bee2f66d1c73f5475e9649a1d1fa3968d3285780408";
        let b = "b94285ebd11339b4a2cd1bee2f66d1c73f5475e9649a1d1fa3968d3285780408";
        assert!(ids.first(a));
        assert!(ids.first(b));
        assert!(!ids.first(a));
        assert!(ids.first("doc-1"));
        assert!(!ids.first("doc-1"));
    }
}
