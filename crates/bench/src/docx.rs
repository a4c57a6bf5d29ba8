//! Writes a [`Report`] as a DOCX: the header as a borderless two-column table,
//! paragraphs, bordered tables, page breaks where the PDF layout broke pages,
//! and optionally every run in the legacy TCVN3 font `.VnTime`.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::content::{old_tone_style, Block, Report, Table};
use crate::GenerateError;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

fn styles(font: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style></w:styles>"#
    )
}

/// Text in the document's encoding, XML-escaped.
struct Writer {
    xml: String,
    legacy: bool,
    font: &'static str,
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot carry at all are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Jc {
    Left,
    Center,
    Right,
    Both,
}

impl Writer {
    fn run(&mut self, text: &str, bold: bool, size_half_points: u32) {
        self.xml.push_str("<w:r><w:rPr>");
        if self.legacy {
            let _ = write!(
                self.xml,
                r#"<w:rFonts w:ascii="{0}" w:hAnsi="{0}"/>"#,
                self.font
            );
        }
        if bold {
            self.xml.push_str("<w:b/>");
        }
        if size_half_points != 26 {
            let _ = write!(self.xml, r#"<w:sz w:val="{size_half_points}"/>"#);
        }
        self.xml.push_str(r#"</w:rPr><w:t xml:space="preserve">"#);
        let text = if self.legacy {
            vanban_text::encode_tcvn3(text)
        } else {
            text.to_string()
        };
        escape_into(&mut self.xml, &text);
        self.xml.push_str("</w:t></w:r>");
    }

    fn para(&mut self, text: &str, bold: bool, size: u32, jc: Jc, indent: bool) {
        self.xml.push_str("<w:p><w:pPr>");
        if indent {
            self.xml.push_str(r#"<w:ind w:firstLine="567"/>"#);
        }
        let jc = match jc {
            Jc::Left => "left",
            Jc::Center => "center",
            Jc::Right => "right",
            Jc::Both => "both",
        };
        let _ = write!(self.xml, r#"<w:jc w:val="{jc}"/></w:pPr>"#);
        if !text.is_empty() {
            self.run(text, bold, size);
        }
        self.xml.push_str("</w:p>");
    }

    fn page_break(&mut self) {
        self.xml
            .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
    }

    /// A borderless two-column table (header block, signature block).
    fn columns(&mut self, left: &[(String, bool, u32)], right: &[(String, bool, u32)], split: u32) {
        let total = 9356;
        let lw = total * split / 100;
        let _ = write!(
            self.xml,
            r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="{lw}"/><w:gridCol w:w="{}"/></w:tblGrid><w:tr>"#,
            total - lw
        );
        for (cells, w) in [(left, lw), (right, total - lw)] {
            let _ = write!(
                self.xml,
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>"#
            );
            for (text, bold, size) in cells {
                self.para(text, *bold, *size, Jc::Center, false);
            }
            if cells.is_empty() {
                self.para("", false, 26, Jc::Center, false);
            }
            self.xml.push_str("</w:tc>");
        }
        self.xml.push_str("</w:tr></w:tbl>");
    }

    fn table(&mut self, t: &Table) {
        let total = 9356.0;
        self.xml.push_str(r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="9356" w:type="dxa"/></w:tblPr><w:tblGrid>"#);
        let widths: Vec<u32> = t.widths.iter().map(|w| (w * total) as u32).collect();
        for w in &widths {
            let _ = write!(self.xml, r#"<w:gridCol w:w="{w}"/>"#);
        }
        self.xml.push_str("</w:tblGrid>");
        let rows = std::iter::once((&t.header, true)).chain(t.rows.iter().map(|r| (r, false)));
        for (row, header) in rows {
            self.xml.push_str("<w:tr>");
            if header {
                self.xml.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for (i, cell) in row.iter().enumerate() {
                let w = widths.get(i).copied().unwrap_or(1000);
                let _ = write!(
                    self.xml,
                    r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>"#
                );
                let jc = if header {
                    Jc::Center
                } else if t.numeric.get(i).copied().unwrap_or(false) {
                    Jc::Right
                } else {
                    Jc::Left
                };
                self.para(cell, header, 22, jc, false);
                self.xml.push_str("</w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
        // Word needs a paragraph between adjacent tables.
        self.para("", false, 26, Jc::Left, false);
    }
}

/// The `word/document.xml` of `report`, breaking pages before the body blocks in `page_starts`.
fn document_xml(report: &Report, page_starts: &[usize]) -> String {
    let legacy = report.truth.docx_legacy_font;
    let mut w = Writer {
        xml: String::with_capacity(16 * 1024),
        legacy,
        font: if legacy { ".VnTime" } else { "Times New Roman" },
    };
    w.xml.push_str(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );

    let mut left = Vec::new();
    if let Some(parent) = &report.parent_agency {
        left.push((parent.clone(), false, 24));
    }
    left.push((report.agency.clone(), true, 24));
    left.push((format!("Số: {}", report.number), false, 26));
    if report.truth.kind_code == "CV" {
        for line in &report.subject_lines {
            left.push((line.clone(), false, 22));
        }
    }
    let motto = if report.truth.old_tones {
        old_tone_style("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    } else {
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string()
    };
    let right = vec![
        (motto, true, 22),
        ("Độc lập - Tự do - Hạnh phúc".to_string(), true, 24),
        (report.date_line.clone(), false, 24),
    ];
    w.columns(&left, &right, 42);
    w.para("", false, 26, Jc::Left, false);

    if report.truth.kind_code != "CV" {
        w.para(&report.truth.kind, true, 28, Jc::Center, false);
        for line in &report.subject_lines {
            w.para(line, true, 26, Jc::Center, false);
        }
    }
    if let Some(authority) = &report.authority {
        w.para(authority, true, 26, Jc::Center, false);
    }
    if let Some(addressee) = &report.addressee {
        w.para(addressee, false, 26, Jc::Center, false);
    }

    let mut breaks = page_starts.iter().peekable();
    for (i, block) in report.body.iter().enumerate() {
        if breaks.peek() == Some(&&i) {
            breaks.next();
            w.page_break();
        }
        match block {
            Block::Heading { text, level } => w.para(text, *level < 2, 26, Jc::Left, true),
            Block::Paragraph { text } => w.para(text, false, 26, Jc::Both, true),
            Block::Centered { text } => w.para(text, true, 26, Jc::Center, false),
            Block::Table(t) => w.table(t),
        }
    }

    let mut rec = vec![("Nơi nhận:".to_string(), true, 22)];
    rec.extend(report.recipients.iter().map(|r| (r.clone(), false, 20)));
    let mut sig: Vec<(String, bool, u32)> = report
        .signer_titles
        .iter()
        .map(|t| (t.clone(), true, 26))
        .collect();
    for _ in 0..3 {
        sig.push((String::new(), false, 26));
    }
    sig.push((report.signer.clone(), true, 26));
    w.columns(&rec, &sig, 50);

    w.xml.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>"#);
    w.xml
}

/// Writes `report` as DOCX bytes; identical input gives identical bytes.
pub fn write_docx(report: &Report, page_starts: &[usize]) -> Result<Vec<u8>, GenerateError> {
    let legacy = report.truth.docx_legacy_font;
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(32 * 1024)));
    // A fixed timestamp: the same seed must give the same bytes.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    let font = if legacy { ".VnTime" } else { "Times New Roman" };
    let parts: [(&str, String); 5] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles(font)),
        ("word/document.xml", document_xml(report, page_starts)),
    ];
    for (name, body) in parts {
        zip.start_file(name, options)
            .map_err(|e| GenerateError::Docx(e.to_string()))?;
        zip.write_all(body.as_bytes())
            .map_err(|e| GenerateError::Docx(e.to_string()))?;
    }
    let cursor = zip
        .finish()
        .map_err(|e| GenerateError::Docx(e.to_string()))?;
    Ok(cursor.into_inner())
}
