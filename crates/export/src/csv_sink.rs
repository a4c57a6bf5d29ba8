//! CSV: a folder of five RFC 4180 tables (CRLF line ends, a header row,
//! empty field for no value), joined on the document id.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::table::{rows, DistinctIds, TableId, Value};
use crate::{ExportError, ExportRecord, ExportSummary, RecordSink};

/// The UTF-8 byte order mark: Excel reads a CSV as UTF-8 only when it starts with one.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// An output before and after `begin`: the BOM goes to the raw output,
/// before the CSV writer takes it over.
enum Output<W: Write> {
    Raw(W),
    // Boxed: the writer holds its buffer state inline, the raw output may be a pointer.
    Csv(Box<csv::Writer<W>>),
    /// Only while switching from one to the other.
    Taken,
}

/// Writes each table to its own CSV output.
pub struct CsvSink<W: Write> {
    /// Per table (in [`TableId::ALL`] order): its path for messages, and its output.
    outputs: Vec<(PathBuf, Output<W>)>,
    bom: bool,
    summary: ExportSummary,
    /// Ids written so far: a repeated id (identical files) is written once.
    ids: DistinctIds,
}

impl CsvSink<BufWriter<File>> {
    /// Creates `DIR/<table>.csv` for every table. The folder is created if
    /// missing; an existing non-empty one needs `force` (then the five tables
    /// are replaced and other files left alone), so an export never mixes its
    /// tables into an unrelated folder by accident.
    pub fn create(dir: &Path, bom: bool, force: bool) -> Result<Self, ExportError> {
        crate::folder::prepare(dir, force)?;
        let mut outputs = Vec::with_capacity(TableId::COUNT);
        for table in TableId::ALL {
            let path = dir.join(format!("{}.csv", table.name()));
            let file = File::create(&path).map_err(|source| ExportError::Io {
                path: path.clone(),
                source,
            })?;
            outputs.push((path, BufWriter::new(file)));
        }
        Ok(CsvSink::new(outputs, bom))
    }
}

impl<W: Write> CsvSink<W> {
    /// A sink over one output per table, in [`TableId::ALL`] order, each
    /// with the path naming it in errors. `bom`: start each with a UTF-8 BOM.
    pub fn new(outputs: Vec<(PathBuf, W)>, bom: bool) -> Self {
        let outputs = outputs
            .into_iter()
            .map(|(path, out)| (path, Output::Raw(out)))
            .collect();
        CsvSink {
            outputs,
            bom,
            summary: ExportSummary::default(),
            ids: DistinctIds::default(),
        }
    }

    /// The outputs, once the export is finished.
    pub fn into_inner(self) -> Result<Vec<W>, ExportError> {
        let mut outs = Vec::with_capacity(self.outputs.len());
        for (path, output) in self.outputs {
            match output {
                Output::Raw(out) => outs.push(out),
                Output::Csv(w) => outs.push(w.into_inner().map_err(|e| ExportError::Io {
                    path,
                    source: e.into_error(),
                })?),
                Output::Taken => {}
            }
        }
        Ok(outs)
    }

    fn output(&mut self, table: TableId) -> Result<&mut (PathBuf, Output<W>), ExportError> {
        let count = self.outputs.len();
        self.outputs
            .get_mut(table as usize)
            .ok_or_else(|| ExportError::Folder {
                path: PathBuf::from(format!("{}.csv", table.name())),
                reason: format!("no output for this table ({count} given)"),
            })
    }

    /// The CSV writer of `table`, once `begin` has run.
    fn writer(&mut self, table: TableId) -> Result<(&Path, &mut csv::Writer<W>), ExportError> {
        match self.output(table)? {
            (path, Output::Csv(w)) => Ok((path, w.as_mut())),
            (path, _) => Err(ExportError::Folder {
                path: path.clone(),
                reason: "written before the export began".into(),
            }),
        }
    }
}

/// A value as a CSV field: empty for no value.
fn field(v: &Value<'_>) -> String {
    match v {
        Value::Null => String::new(),
        Value::Text(s) => s.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Date(d) => d.to_string(),
        // The record's own text: RFC 3339 UTC, as the JSON Lines export gives it.
        Value::Timestamp { text, .. } => text.to_string(),
    }
}

impl<W: Write> RecordSink for CsvSink<W> {
    fn begin(&mut self) -> Result<(), ExportError> {
        let bom = self.bom;
        for table in TableId::ALL {
            let (path, output) = self.output(table)?;
            let Output::Raw(mut out) = std::mem::replace(output, Output::Taken) else {
                return Err(ExportError::Folder {
                    path: path.clone(),
                    reason: "the export began twice".into(),
                });
            };
            if bom {
                out.write_all(BOM).map_err(|source| ExportError::Io {
                    path: path.clone(),
                    source,
                })?;
            }
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out);
            let header = w
                .write_record(table.columns().iter().map(|c| c.name))
                .map_err(|source| ExportError::Csv {
                    path: path.clone(),
                    source,
                });
            *output = Output::Csv(Box::new(w));
            header?;
        }
        Ok(())
    }

    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        if !self.ids.first(&record.id) {
            self.summary.repeated += 1;
            return Ok(());
        }
        rows(record, |table, row| {
            debug_assert_eq!(row.len(), table.columns().len());
            let (path, w) = self.writer(table)?;
            w.write_record(row.iter().map(field))
                .map_err(|source| ExportError::Csv {
                    path: path.to_path_buf(),
                    source,
                })?;
            self.summary.rows[table as usize] += 1;
            Ok(())
        })
    }

    fn finish(&mut self) -> Result<ExportSummary, ExportError> {
        for (path, output) in &mut self.outputs {
            if let Output::Csv(w) = output {
                w.flush().map_err(|source| ExportError::Io {
                    path: path.clone(),
                    source,
                })?;
            }
        }
        Ok(self.summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::record;

    /// The five tables' text for one record.
    fn tables(bom: bool) -> Vec<String> {
        let outputs = TableId::ALL
            .iter()
            .map(|t| (PathBuf::from(t.name()), Vec::new()))
            .collect();
        let mut sink = CsvSink::new(outputs, bom);
        sink.begin().expect("begin");
        sink.write(&record()).expect("write");
        let summary = sink.finish().expect("finish");
        assert_eq!(summary.rows, [1, 1, 1, 0, 0]);
        sink.into_inner()
            .expect("outputs")
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
        assert!(t[3].starts_with(
            "id,doc_id,ordinal,raw,value,of,unit,page,start,end,sentence,ocr,ocr_confidence\r\n"
        ));
        assert_eq!(t[3].matches("\r\n").count(), 1);
        // None is an empty field: the header has no `number` here.
        assert!(
            t[0].contains("\r\nabc,/c/a.txt,text,1,,BÁO CÁO,UBND TỈNH HÀ TĨNH,,,2021-06-15,day,")
        );
        // The csv reader gets the exact value back.
        let mut reader = csv::Reader::from_reader(t[1].as_bytes());
        let row = reader.records().next().expect("a row").expect("valid CSV");
        assert_eq!(&row[14], "Theo \"Kế hoạch\", a,b\nỦy ban nhân dân");
        assert_eq!(&row[4], "12/KH-UBND");
        assert_eq!(&row[0], "abc:1");
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

    #[test]
    fn a_non_empty_folder_needs_force() {
        let dir = std::env::temp_dir().join(format!("vanban-export-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp folder");
        std::fs::write(dir.join("other.txt"), "x").expect("a file");
        let refused = CsvSink::create(&dir, false, false).err().expect("refused");
        assert!(refused.to_string().contains("not empty"), "{refused}");
        assert!(CsvSink::create(&dir, false, true).is_ok());
        assert!(dir.join("other.txt").exists() && dir.join("money.csv").exists());
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
