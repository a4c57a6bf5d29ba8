//! `vanban export`: every ingested document (or a filtered slice) with its
//! facts, as JSON Lines or as a folder of flat CSV tables joined by document id.
//!
//! Both formats stream: one record is in memory at a time, written as soon
//! as it is read from the index.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use vanban_extract::ExportRecord;
use vanban_index::VanbanIndex;

use crate::search::FilterArgs;

/// The UTF-8 byte order mark: Excel reads a CSV as UTF-8 only when it starts with one.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Output formats of `vanban export`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per document (schemas/export-record.schema.json).
    Jsonl,
    /// A folder of tables: documents, references, money, case_counts, periods.
    Csv,
}

/// Arguments of `vanban export`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Only documents containing these words (as in `search`; omitted: all).
    pub query: Option<String>,
    /// Index folder.
    #[arg(long, default_value = vanban_index::DEFAULT_INDEX_DIR, value_name = "DIR")]
    pub index: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// jsonl: output file (default: standard output); csv: output folder (required).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// csv: start each file with a UTF-8 byte order mark, so Excel shows Vietnamese correctly.
    #[arg(long)]
    pub bom: bool,
    /// csv: write into a non-empty folder, replacing the five tables (other files are left alone).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Runs `vanban export`. Exit status 3 when some stored records could not be read.
pub fn run(args: ExportArgs) -> Result<ExitCode> {
    if args.bom && args.format != ExportFormat::Csv {
        bail!("--bom applies to --format csv only");
    }
    if args.format == ExportFormat::Csv && args.out.is_none() {
        bail!("--format csv needs --out DIR (the folder receiving the five tables)");
    }
    let index = VanbanIndex::open(&args.index)?;
    let docs = index.export(
        args.query.as_deref().unwrap_or(""),
        &args.filters.to_filters(),
    )?;
    let mut failed = 0usize;
    let mut on_error = |e: vanban_index::IndexError| {
        failed += 1;
        eprintln!("vanban: export: {e}");
    };
    match args.format {
        ExportFormat::Jsonl => {
            let (count, to) = match &args.out {
                Some(path) => {
                    let file = File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?;
                    let mut out = BufWriter::new(file);
                    let n = write_jsonl(docs, &mut out, &mut on_error)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    out.flush()
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    (n, Some(path))
                }
                None => {
                    let mut out = BufWriter::new(std::io::stdout().lock());
                    let n = write_jsonl(docs, &mut out, &mut on_error)?;
                    out.flush()?;
                    (n, None)
                }
            };
            if let Some(path) = to {
                eprintln!(
                    "vanban: exported {count} document{} to {}",
                    plural(count),
                    path.display()
                );
            }
        }
        ExportFormat::Csv => {
            let Some(dir) = &args.out else {
                bail!("--format csv needs --out DIR (the folder receiving the five tables)");
            };
            prepare_folder(dir, args.force)?;
            let files = TABLES.map(|t| dir.join(t.file));
            let mut outs = Vec::with_capacity(files.len());
            for path in &files {
                let file = File::create(path)
                    .with_context(|| format!("cannot create {}", path.display()))?;
                outs.push(BufWriter::new(file));
            }
            let mut tables = CsvTables::new(outs, args.bom)
                .with_context(|| format!("cannot write the tables in {}", dir.display()))?;
            for doc in docs {
                match doc {
                    Ok(record) => tables
                        .write(&record)
                        .with_context(|| format!("cannot write the tables in {}", dir.display()))?,
                    Err(e) => on_error(e),
                }
            }
            let rows = tables.rows;
            tables
                .finish()
                .with_context(|| format!("cannot write the tables in {}", dir.display()))?;
            let counts: Vec<String> = TABLES
                .iter()
                .zip(rows)
                .skip(1)
                .map(|(t, n)| format!("{} {n}", t.file))
                .collect();
            eprintln!(
                "vanban: exported {} document{} to {} ({})",
                rows[0],
                plural(rows[0]),
                dir.display(),
                counts.join(", ")
            );
        }
    }
    Ok(if failed > 0 {
        eprintln!(
            "vanban: {failed} document{} could not be exported",
            plural(failed)
        );
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Writes one JSON line per readable document; returns how many were written.
fn write_jsonl(
    docs: impl Iterator<Item = Result<ExportRecord, vanban_index::IndexError>>,
    out: &mut impl Write,
    on_error: &mut impl FnMut(vanban_index::IndexError),
) -> Result<usize> {
    let mut count = 0;
    for doc in docs {
        match doc {
            Ok(record) => {
                serde_json::to_writer(&mut *out, &record)?;
                out.write_all(b"\n")?;
                count += 1;
            }
            Err(e) => on_error(e),
        }
    }
    Ok(count)
}

/// Creates the output folder; an existing non-empty one needs `force`, so
/// an export never mixes its tables into an unrelated folder by accident.
fn prepare_folder(dir: &Path, force: bool) -> Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!("{}: exists and is not a folder", dir.display());
        }
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if !force && entries.next().is_some() {
            bail!(
                "{}: folder is not empty (use --force to replace the tables in it)",
                dir.display()
            );
        }
        return Ok(());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// A CSV table: its file name and header row.
struct Table {
    file: &'static str,
    columns: &'static [&'static str],
}

/// The five tables, in the order [`CsvTables`] holds their writers.
const TABLES: [Table; 5] = [
    Table {
        file: "documents.csv",
        columns: &[
            "id",
            "path",
            "format",
            "pages",
            "number",
            "kind",
            "agency",
            "parent_agency",
            "place",
            "date",
            "subject",
            "signer",
            "signer_title",
            "recipients",
            "needs_ocr",
            "warning_count",
            "warning_kinds",
            "reference_count",
            "mention_count",
            "money_count",
            "case_count_count",
            "period_count",
            "ingested_at",
            "vanban_version",
            "schema_version",
        ],
    },
    Table {
        file: "references.csv",
        columns: &[
            "doc_id", "number", "kind", "date", "issuer", "partial", "raw", "page", "start", "end",
            "sentence",
        ],
    },
    Table {
        file: "money.csv",
        columns: &[
            "doc_id", "raw", "vnd", "currency", "amount", "per", "negative", "in_words",
            "mismatch", "page", "start", "end", "sentence",
        ],
    },
    Table {
        file: "case_counts.csv",
        columns: &[
            "doc_id", "raw", "value", "of", "unit", "page", "start", "end", "sentence",
        ],
    },
    Table {
        file: "periods.csv",
        columns: &[
            "doc_id",
            "raw",
            "start_date",
            "end_date",
            "page",
            "start",
            "end",
            "sentence",
        ],
    },
];

/// The five CSV writers, fed one document at a time.
struct CsvTables<W: Write> {
    writers: Vec<csv::Writer<W>>,
    /// Rows written per table (header rows not counted).
    rows: [usize; 5],
}

/// An optional value as a CSV field: empty for `None`.
fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

impl<W: Write> CsvTables<W> {
    /// Wraps the five outputs (in [`TABLES`] order), writing the BOM if asked and the header rows.
    fn new(outs: Vec<W>, bom: bool) -> Result<Self> {
        let mut writers = Vec::with_capacity(TABLES.len());
        for (mut out, table) in outs.into_iter().zip(&TABLES) {
            if bom {
                out.write_all(BOM)?;
            }
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out);
            w.write_record(table.columns)?;
            writers.push(w);
        }
        if writers.len() != TABLES.len() {
            bail!(
                "internal: {} outputs for {} tables",
                writers.len(),
                TABLES.len()
            );
        }
        Ok(CsvTables {
            writers,
            rows: [0; 5],
        })
    }

    /// Writes `row` to table `t`.
    fn row(&mut self, t: usize, row: &[String]) -> Result<()> {
        debug_assert_eq!(row.len(), TABLES[t].columns.len());
        self.writers[t].write_record(row)?;
        self.rows[t] += 1;
        Ok(())
    }

    /// Writes one document's row and its facts' rows.
    fn write(&mut self, r: &ExportRecord) -> Result<()> {
        let h = &r.header;
        let mut kinds: Vec<String> = Vec::new();
        for w in &r.warnings {
            let kind = serde_json::to_value(w.kind)?
                .as_str()
                .unwrap_or_default()
                .to_string();
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        let mentions: usize = r.references.iter().map(|x| x.mentions.len()).sum();
        self.row(
            0,
            &[
                r.id.clone(),
                r.path.clone(),
                r.format.clone(),
                r.pages.to_string(),
                opt(&h.number),
                opt(&h.kind),
                opt(&h.agency),
                opt(&h.parent_agency),
                opt(&h.place),
                opt(&h.date),
                opt(&h.subject),
                opt(&h.signer),
                opt(&h.signer_title),
                h.recipients.join("; "),
                r.needs_ocr.to_string(),
                r.warnings.len().to_string(),
                kinds.join("; "),
                r.references.len().to_string(),
                mentions.to_string(),
                r.money.len().to_string(),
                r.case_counts.len().to_string(),
                r.periods.len().to_string(),
                r.ingested_at.clone(),
                r.vanban_version.clone(),
                r.schema_version.clone(),
            ],
        )?;
        for reference in &r.references {
            for m in &reference.mentions {
                let e = &m.evidence;
                self.row(
                    1,
                    &[
                        r.id.clone(),
                        reference.number.clone(),
                        reference.kind.clone(),
                        opt(&reference.date),
                        opt(&reference.issuer),
                        reference.partial.to_string(),
                        m.raw.clone(),
                        e.page.to_string(),
                        e.start.to_string(),
                        e.end.to_string(),
                        e.sentence.clone(),
                    ],
                )?;
            }
        }
        for m in &r.money {
            let e = &m.evidence;
            self.row(
                2,
                &[
                    r.id.clone(),
                    m.raw.clone(),
                    opt(&m.vnd),
                    m.currency.clone(),
                    m.amount.clone(),
                    opt(&m.per),
                    m.negative.to_string(),
                    opt(&m.in_words),
                    m.mismatch.to_string(),
                    e.page.to_string(),
                    e.start.to_string(),
                    e.end.to_string(),
                    e.sentence.clone(),
                ],
            )?;
        }
        for c in &r.case_counts {
            let e = &c.evidence;
            self.row(
                3,
                &[
                    r.id.clone(),
                    c.raw.clone(),
                    c.value.to_string(),
                    opt(&c.of),
                    c.unit.clone(),
                    e.page.to_string(),
                    e.start.to_string(),
                    e.end.to_string(),
                    e.sentence.clone(),
                ],
            )?;
        }
        for p in &r.periods {
            let e = &p.evidence;
            self.row(
                4,
                &[
                    r.id.clone(),
                    p.raw.clone(),
                    p.start.clone(),
                    p.end.clone(),
                    e.page.to_string(),
                    e.start.to_string(),
                    e.end.to_string(),
                    e.sentence.clone(),
                ],
            )?;
        }
        Ok(())
    }

    /// Flushes every table and hands back the outputs.
    fn finish(self) -> Result<Vec<W>> {
        let mut outs = Vec::with_capacity(self.writers.len());
        for w in self.writers {
            let mut out = w.into_inner().map_err(|e| e.into_error())?;
            out.flush()?;
            outs.push(out);
        }
        Ok(outs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_extract::{Evidence, Header, Money, Reference};

    fn record() -> ExportRecord {
        let mut r = ExportRecord {
            schema_version: "1.0".into(),
            id: "abc".into(),
            path: "/c/a.txt".into(),
            format: "text".into(),
            pages: 1,
            header: Header {
                agency: Some("UBND TỈNH HÀ TĨNH".into()),
                kind: Some("BÁO CÁO".into()),
                date: Some("2021-06-15".into()),
                ..Header::default()
            },
            references: Vec::new(),
            money: Vec::new(),
            case_counts: Vec::new(),
            periods: Vec::new(),
            warnings: Vec::new(),
            needs_ocr: false,
            ingested_at: "2026-01-01T00:00:00Z".into(),
            vanban_version: "0.1.0".into(),
        };
        let evidence = Evidence {
            page: 1,
            start: 3,
            end: 9,
            sentence: "Theo \"Kế hoạch\", a,b\nỦy ban nhân dân".into(),
        };
        r.references.push(Reference {
            kind: "Kế hoạch".into(),
            number: "12/KH-UBND".into(),
            raw: "Kế hoạch số 12/KH-UBND".into(),
            mentions: vec![vanban_extract::Mention {
                raw: "Kế hoạch số 12/KH-UBND".into(),
                evidence: evidence.clone(),
            }],
            ..Reference::default()
        });
        r.money.push(Money {
            raw: "5 triệu đồng".into(),
            vnd: Some(5_000_000),
            currency: "VND".into(),
            amount: "5000000".into(),
            evidence,
            ..Money::default()
        });
        r
    }

    /// The five tables' text for one record.
    fn tables(bom: bool) -> Vec<String> {
        let mut t = CsvTables::new(vec![Vec::new(); 5], bom).expect("tables");
        t.write(&record()).expect("write");
        assert_eq!(t.rows, [1, 1, 1, 0, 0]);
        t.finish()
            .expect("finish")
            .into_iter()
            .map(|b| String::from_utf8(b).expect("utf-8"))
            .collect()
    }

    #[test]
    fn fields_with_commas_quotes_and_newlines_are_quoted_per_rfc4180() {
        let t = tables(false);
        let quoted = "\"Theo \"\"Kế hoạch\"\", a,b\nỦy ban nhân dân\"";
        assert!(t[1].contains(quoted), "{}", t[1]);
        assert!(t[2].contains(quoted), "{}", t[2]);
        // Records end with CRLF; the header row comes first.
        assert!(t[3].starts_with("doc_id,raw,value,of,unit,page,start,end,sentence\r\n"));
        assert_eq!(t[3].matches("\r\n").count(), 1);
        // None is an empty field: the header has no `number` here.
        assert!(t[0].contains("\r\nabc,/c/a.txt,text,1,,BÁO CÁO,UBND TỈNH HÀ TĨNH,,,2021-06-15,"));
        // The csv reader gets the exact value back.
        let mut reader = csv::Reader::from_reader(t[1].as_bytes());
        let row = reader.records().next().expect("a row").expect("valid CSV");
        assert_eq!(&row[10], "Theo \"Kế hoạch\", a,b\nỦy ban nhân dân");
        assert_eq!(&row[1], "12/KH-UBND");
    }

    #[test]
    fn bom_only_when_asked() {
        for t in tables(true) {
            assert!(t.as_bytes().starts_with(BOM));
        }
        for t in tables(false) {
            assert!(!t.as_bytes().starts_with(BOM));
        }
    }
}
