//! DOCX reader tests on packages built in memory.

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::parse_docx;
use crate::{Block, Document, Limits, ParseError, Role, WarningKind};

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A package under construction: named parts, zipped on `build`.
struct Pkg {
    parts: Vec<(String, Vec<u8>)>,
    doc_rels: Vec<(String, String)>,
}

impl Pkg {
    fn new(body: &str) -> Pkg {
        Pkg {
            parts: vec![
                ("[Content_Types].xml".into(), b"<Types/>".to_vec()),
                (
                    "_rels/.rels".into(),
                    format!(
                        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>"#
                    )
                    .into_bytes(),
                ),
                (
                    "word/document.xml".into(),
                    format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#)
                        .into_bytes(),
                ),
            ],
            doc_rels: Vec::new(),
        }
    }

    fn part(mut self, name: &str, content: &str) -> Pkg {
        self.parts.push((name.into(), content.as_bytes().to_vec()));
        self
    }

    /// Adds a part referenced from `word/_rels/document.xml.rels` with relationship type `kind`.
    fn related(mut self, kind: &str, target: &str, content: &str) -> Pkg {
        self.doc_rels.push((kind.into(), target.into()));
        self.part(&format!("word/{target}"), content)
    }

    fn build(&self) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let mut parts = self.parts.clone();
        if !self.doc_rels.is_empty() {
            let rels: String = self
                .doc_rels
                .iter()
                .enumerate()
                .map(|(i, (k, t))| {
                    format!(r#"<Relationship Id="rId{i}" Type="{REL}/{k}" Target="{t}"/>"#)
                })
                .collect();
            parts.push((
                "word/_rels/document.xml.rels".into(),
                format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).into_bytes(),
            ));
        }
        for (name, data) in parts {
            zip.start_file(name, opts).unwrap();
            zip.write_all(&data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn parse(&self) -> Document {
        parse_docx(&self.build(), &Limits::default()).unwrap()
    }
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn cell(inner: &str) -> String {
    format!("<w:tc><w:tcPr><w:tcW w:w=\"4000\"/></w:tcPr>{inner}</w:tc>")
}

fn all_text(doc: &Document) -> String {
    doc.page_texts().concat()
}

#[test]
fn paragraph_table_and_nested_table() {
    let nested = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>{}",
        cell(&p("x")),
        cell(&p("y")),
        p("")
    );
    let body = format!(
        "{}<w:tbl><w:tblPr/><w:tblGrid/><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>{}",
        p("Mở đầu"),
        cell(&p("a")),
        cell(&p("b")),
        cell(&nested),
        cell(&p("d")),
        p("Kết")
    );
    let doc = Pkg::new(&body).parse();
    assert_eq!(doc.pages.len(), 1);
    assert_eq!(doc.pages[0].text(), "Mở đầu\na\tb\nx y\td\nKết\n");
    let Block::Table(t) = &doc.pages[0].blocks[1] else {
        panic!("expected a table");
    };
    assert!(matches!(t.rows[1].cells[0].blocks[0], Block::Table(_)));
}

#[test]
fn runs_split_mid_word_join_without_space() {
    let body = r#"<w:p><w:r><w:t>Ngh</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ị định số 15</w:t></w:r><w:r><w:t xml:space="preserve"> &amp; &#x1EA1;</w:t></w:r></w:p>"#;
    let doc = Pkg::new(body).parse();
    assert_eq!(doc.pages[0].text(), "Nghị định số 15 & ạ\n");
}

#[test]
fn fonts_per_run_with_style_inheritance() {
    let styles = format!(
        r#"<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>
<w:style w:type="paragraph" w:styleId="Legacy"><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Vni"><w:rPr><w:rFonts w:ascii="VNI-Times"/></w:rPr></w:style></w:styles>"#
    );
    let body = r#"<w:p><w:pPr><w:pStyle w:val="Legacy"/><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:pPr><w:r><w:t>Céng hßa</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Vni"/></w:rPr><w:t>Coäng</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii=".VnArial"/></w:rPr><w:t>x</w:t></w:r></w:p><w:p><w:r><w:t>Unicode</w:t></w:r></w:p>"#;
    let doc = Pkg::new(body)
        .related("styles", "styles.xml", &styles)
        .parse();
    let Block::Paragraph(legacy) = &doc.pages[0].blocks[0] else {
        panic!("expected a paragraph");
    };
    let fonts: Vec<(&str, Option<&str>)> = legacy
        .runs
        .iter()
        .map(|r| (r.text.as_str(), r.font.as_deref()))
        .collect();
    assert_eq!(
        fonts,
        [
            ("Céng hßa", Some(".VnTime")),
            ("Coäng", Some("VNI-Times")),
            ("x", Some(".VnArial"))
        ]
    );
    let Block::Paragraph(plain) = &doc.pages[0].blocks[1] else {
        panic!("expected a paragraph");
    };
    assert_eq!(plain.runs[0].font.as_deref(), Some("Times New Roman"));
    assert_eq!(
        doc.meta.fonts,
        [".VnArial", ".VnTime", "Times New Roman", "VNI-Times"]
    );
}

#[test]
fn tracked_changes_keep_insertions_only() {
    let body = format!(
        r#"<w:p><w:r><w:t xml:space="preserve">Kinh phí </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>10</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>12</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> tỷ</w:t></w:r><w:moveFrom w:id="3"><w:r><w:t>cũ</w:t></w:r></w:moveFrom><w:moveTo w:id="4"><w:r><w:t xml:space="preserve"> mới</w:t></w:r></w:moveTo></w:p>
<w:tbl><w:tr><w:trPr><w:del w:id="5" w:author="A"/></w:trPr>{}</w:tr><w:tr>{}</w:tr></w:tbl>"#,
        cell(&p("hàng xoá")),
        cell(&p("hàng giữ"))
    );
    let doc = Pkg::new(&body).parse();
    assert_eq!(doc.pages[0].text(), "Kinh phí 12 tỷ mới\nhàng giữ\n");
}

#[test]
fn hyperlinks_and_field_results_kept_instructions_dropped() {
    let body = r#"<w:p><w:hyperlink r:id="rId9"><w:r><w:t>Cổng thông tin</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> trang </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve">; ngày </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "dd/MM/yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>15/03/2024</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
    let doc = Pkg::new(body).parse();
    assert_eq!(
        doc.pages[0].text(),
        "Cổng thông tin trang 3; ngày 15/03/2024\n"
    );
}

#[test]
fn unterminated_field_instruction_does_not_swallow_later_paragraphs() {
    let body = format!(
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>hidden code</w:t></w:r></w:p>{}"#,
        p("Sau")
    );
    let doc = Pkg::new(&body).parse();
    assert_eq!(doc.pages[0].text(), "Sau\n");
}

#[test]
fn footnotes_appended_separators_skipped_marks_dropped() {
    let notes = format!(
        r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/><w:t>SEP</w:t></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Theo Nghị định 15/2020/NĐ-CP.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let body = format!(
        r#"<w:p><w:r><w:t>Tổng 1.234 tỷ đồng</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p>{}"#,
        p("Trang hai")
    );
    let doc = Pkg::new(&body)
        .related("footnotes", "footnotes.xml", &notes)
        .parse();
    assert_eq!(doc.pages.len(), 2);
    assert_eq!(doc.pages[0].text(), "Tổng 1.234 tỷ đồng\n");
    assert_eq!(
        doc.pages[1].text(),
        "Trang hai\n Theo Nghị định 15/2020/NĐ-CP.\n"
    );
    let Some(Block::Paragraph(note)) = doc.pages[1].blocks.last() else {
        panic!("expected the footnote paragraph");
    };
    assert_eq!(note.role, Role::Footnote);
    assert!(!all_text(&doc).contains("SEP"));
}

#[test]
fn text_box_read_once_despite_vml_fallback() {
    let body = r#"<w:p><w:r><w:t>Neo</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Hộp chữ</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Hộp chữ</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> tiếp</w:t></w:r></w:p>"#;
    let doc = Pkg::new(body).parse();
    assert_eq!(doc.pages[0].text(), "Neo tiếp\nHộp chữ\n");
    let Block::Paragraph(tb) = &doc.pages[0].blocks[1] else {
        panic!("expected the text box paragraph");
    };
    assert_eq!(tb.role, Role::TextBox);
}

#[test]
fn page_breaks_split_pages_and_collapse() {
    let body = format!(
        r#"{}<w:p><w:r><w:t>Hai-a</w:t><w:br w:type="page"/><w:t>Ba</w:t></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>Ba tiếp</w:t></w:r></w:p><w:p><w:r><w:t>nửa</w:t><w:lastRenderedPageBreak/><w:t xml:space="preserve"> sau</w:t></w:r></w:p><w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Năm</w:t></w:r></w:p><w:p><w:pPr><w:pageBreakBefore w:val="0"/></w:pPr><w:r><w:t>Năm tiếp</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p><w:sectPr/>"#,
        p("Một")
    );
    let doc = Pkg::new(&body).parse();
    assert_eq!(
        doc.page_texts(),
        [
            "Một\nHai-a\n",
            "Ba\n",
            "Ba tiếp\nnửa\n",
            " sau\n",
            "Năm\nNăm tiếp\n"
        ]
        .map(String::from)
    );
    // A break directly followed by Word's rendered break is one boundary.
    let body = r#"<w:p><w:r><w:t>A</w:t><w:br w:type="page"/></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>B</w:t></w:r></w:p>"#;
    assert_eq!(Pkg::new(body).parse().page_texts(), ["A\n", "B\n"]);
}

#[test]
fn rendered_break_inside_top_level_table_splits_before_that_row() {
    let body = format!(
        "<w:tbl><w:tr>{}</w:tr><w:tr>{}</w:tr></w:tbl>",
        cell(&p("r1")),
        cell("<w:p><w:r><w:lastRenderedPageBreak/><w:t>r2</w:t></w:r></w:p>")
    );
    let doc = Pkg::new(&body).parse();
    assert_eq!(doc.page_texts(), ["r1\n", "r2\n"]);
}

#[test]
fn page_limit_truncates_with_warning() {
    let body: String = (0..5)
        .map(|i| format!(r#"<w:p><w:r><w:t>{i}</w:t><w:br w:type="page"/></w:r></w:p>"#))
        .collect();
    let limits = Limits {
        max_pages: 3,
        ..Limits::default()
    };
    let doc = parse_docx(&Pkg::new(&body).build(), &limits).unwrap();
    assert_eq!(doc.pages.len(), 3);
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::Truncated));
}

#[test]
fn headers_and_footers_once_with_roles() {
    let hdr = |t: &str| format!("<w:hdr {NS}>{}</w:hdr>", p(t));
    let ftr = format!(
        r#"<w:ftr {NS}><w:p><w:r><w:t xml:space="preserve">Trang </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>"#
    );
    let body = format!(
        r#"{}<w:p><w:r><w:br w:type="page"/></w:r></w:p>{}"#,
        p("Thân"),
        p("Hai")
    );
    let doc = Pkg::new(&body)
        .related("header", "header2.xml", &hdr("Sở Ngoại vụ"))
        .related("header", "header1.xml", &hdr("Sở Ngoại vụ"))
        .related("footer", "footer1.xml", &ftr)
        .parse();
    assert_eq!(doc.page_texts(), ["Sở Ngoại vụ\nThân\nTrang 1\n", "Hai\n"]);
    let roles: Vec<Role> = doc.pages[0]
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.role,
            Block::Table(_) => Role::Body,
        })
        .collect();
    assert_eq!(roles, [Role::Header, Role::Body, Role::Footer]);
}

#[test]
fn two_column_letterhead_table() {
    let left = format!(
        "{}{}{}",
        p("UBND TỈNH HÀ TĨNH"),
        p("SỞ NGOẠI VỤ"),
        p("Số: 15/KH-SNgV")
    );
    let right = format!(
        "{}{}{}",
        p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        p("Độc lập - Tự do - Hạnh phúc"),
        p("Hà Tĩnh, ngày 10 tháng 3 năm 2024")
    );
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>{}",
        cell(&left),
        cell(&right),
        p("KẾ HOẠCH")
    );
    let text = Pkg::new(&body).parse().pages[0].text();
    assert_eq!(
        text,
        "UBND TỈNH HÀ TĨNH\nSỞ NGOẠI VỤ\nSố: 15/KH-SNgV\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Tĩnh, ngày 10 tháng 3 năm 2024\nKẾ HOẠCH\n"
    );
}

#[test]
fn merged_cells_and_inline_layout_characters() {
    let body = format!(
        r#"<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{}</w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{}</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>{}</w:tc>{}</w:tr></w:tbl><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/><w:t>d</w:t><w:softHyphen/><w:t>e</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r></w:p>"#,
        p("Gộp"),
        p("Rộng"),
        p("bóng"),
        cell(&p("x"))
    );
    let doc = Pkg::new(&body).parse();
    assert_eq!(doc.pages[0].text(), "Gộp\tRộng\n\tx\na b\nc-d\u{ad}e\n");
}

#[test]
fn metadata_from_doc_props() {
    let doc = Pkg::new(&p("x"))
        .part(
            "docProps/app.xml",
            "<Properties><Application>Microsoft Office Word</Application></Properties>",
        )
        .part(
            "docProps/core.xml",
            r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Báo cáo &amp; kế hoạch</dc:title></cp:coreProperties>"#,
        )
        .parse();
    assert_eq!(doc.meta.producer.as_deref(), Some("Microsoft Office Word"));
    assert_eq!(doc.meta.title.as_deref(), Some("Báo cáo & kế hoạch"));
    assert!(doc.meta.has_text_layer);
    assert_eq!(doc.pages[0].quality.chars, 1);
}

#[test]
fn image_only_document_needs_ocr() {
    let body = r#"<w:p><w:r><w:drawing><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:blip r:embed="rId5"/></a:graphic></w:drawing></w:r></w:p>"#;
    let doc = Pkg::new(body).parse();
    assert!(doc.meta.needs_ocr && !doc.meta.has_text_layer);
    assert!(doc.pages[0].quality.has_images);
    assert!(doc.warnings.iter().any(|w| w.kind == WarningKind::NeedsOcr));
}

#[test]
fn zip_bomb_refused_quickly_by_declared_ratio() {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..50 {
        zip.write_all(&zeros).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 200_000, "bomb is {} bytes", bytes.len());
    let limits = Limits {
        max_zip_ratio: 100,
        ..Limits::default()
    };
    let started = Instant::now();
    let err = parse_docx(&bytes, &limits).unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(500));
    assert!(matches!(err, ParseError::ZipBomb(_)), "{err}");
    assert!(err.to_string().contains("word/document.xml"), "{err}");
    // The total budget applies even when the ratio is allowed.
    let limits = Limits {
        max_uncompressed_bytes: 10 << 20,
        max_zip_ratio: u64::MAX,
        ..Limits::default()
    };
    assert!(matches!(
        parse_docx(&bytes, &limits),
        Err(ParseError::ZipBomb(_))
    ));
}

/// Rewrites the declared uncompressed size of every entry in both zip headers.
fn lie_about_sizes(bytes: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 30 <= bytes.len() {
        let at = match &bytes[i..i + 4] {
            b"PK\x03\x04" => Some(i + 22),
            b"PK\x01\x02" => Some(i + 24),
            _ => None,
        };
        if let Some(at) = at {
            bytes[at..at + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
}

#[test]
fn lying_declared_size_is_caught_while_inflating() {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..20 {
        zip.write_all(&zeros).unwrap();
    }
    let mut bytes = zip.finish().unwrap().into_inner();
    lie_about_sizes(&mut bytes, 100);
    let limits = Limits {
        max_uncompressed_bytes: 4 << 20,
        ..Limits::default()
    };
    let started = Instant::now();
    let err = parse_docx(&bytes, &limits).unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(500));
    assert!(
        matches!(err, ParseError::ZipBomb(_) | ParseError::Docx(_)),
        "{err}"
    );
}

#[test]
fn doctype_billion_laughs_refused() {
    let xml = format!(
        r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><w:document {NS}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let mut pkg = Pkg::new("");
    pkg.parts[2].1 = xml.into_bytes();
    let err = parse_docx(&pkg.build(), &Limits::default()).unwrap_err();
    assert!(matches!(err, ParseError::HostileXml(_)), "{err}");
    assert!(err.to_string().contains("DOCTYPE"), "{err}");
}

#[test]
fn undeclared_entity_not_expanded() {
    let doc = Pkg::new(r#"<w:p><w:r><w:t>a&lol;b</w:t></w:r></w:p>"#).parse();
    assert_eq!(doc.pages[0].text(), "ab\n");
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.message.contains("unexpanded")));
}

#[test]
fn deep_nesting_refused() {
    let deep = "<w:tbl><w:tr><w:tc>".repeat(3_334) + &"</w:tc></w:tr></w:tbl>".repeat(3_334);
    let err = parse_docx(&Pkg::new(&deep).build(), &Limits::default()).unwrap_err();
    assert!(matches!(err, ParseError::HostileXml(_)), "{err}");
    assert!(err.to_string().contains("nested deeper"), "{err}");
}

#[test]
fn zip_without_document_is_not_a_docx() {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let err = parse_docx(&bytes, &Limits::default()).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ParseError::Docx(_)), "{msg}");
    assert!(
        msg.contains("missing word/document.xml") && msg.contains("Excel"),
        "{msg}"
    );
}

#[test]
fn wrong_root_element_is_refused() {
    let mut pkg = Pkg::new("");
    pkg.parts[2].1 = b"<workbook/>".to_vec();
    let err = parse_docx(&pkg.build(), &Limits::default()).unwrap_err();
    assert!(err.to_string().contains("root element"), "{err}");
}

#[test]
fn truncated_and_corrupted_zips_error_without_panic() {
    let bytes = Pkg::new(&p("Nội dung đủ dài để nén")).build();
    for cut in [10, bytes.len() / 2, bytes.len() - 10] {
        let err = parse_docx(&bytes[..cut], &Limits::default()).unwrap_err();
        assert!(matches!(err, ParseError::Docx(_)), "{err}");
    }
    // Flip every byte in turn: any outcome but a panic or a hang is acceptable.
    let started = Instant::now();
    for i in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[i] ^= 0x55;
        let _ = parse_docx(&bad, &Limits::default());
    }
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn damaged_optional_part_is_skipped_with_warning() {
    let doc = Pkg::new(&p("Thân"))
        .related("styles", "styles.xml", "<w:styles><broken")
        .parse();
    assert_eq!(doc.pages[0].text(), "Thân\n");
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::PartSkipped && w.message.contains("styles.xml")));
}

#[test]
fn part_names_match_case_insensitively() {
    let mut pkg = Pkg::new(&p("Hoa thường"));
    pkg.parts[2].0 = "Word/Document.XML".into();
    assert_eq!(pkg.parse().pages[0].text(), "Hoa thường\n");
}

#[test]
fn lying_compressed_size_buys_no_ratio_allowance() {
    // 2 MiB of spaces (ratio ~1000) declared as 1 MiB compressed: still refused at ratio 100.
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(&vec![b' '; 2 << 20]).unwrap();
    let mut bytes = zip.finish().unwrap().into_inner();
    let mut i = 0;
    while i + 30 <= bytes.len() {
        let at = match &bytes[i..i + 4] {
            b"PK\x03\x04" => Some(i + 18),
            b"PK\x01\x02" => Some(i + 20),
            _ => None,
        };
        if let Some(at) = at {
            bytes[at..at + 4].copy_from_slice(&(1u32 << 20).to_le_bytes());
        }
        i += 1;
    }
    let limits = Limits {
        max_zip_ratio: 100,
        ..Limits::default()
    };
    let err = parse_docx(&bytes, &limits).unwrap_err();
    assert!(matches!(err, ParseError::ZipBomb(_)), "{err}");
}

#[test]
fn symbol_characters_keep_their_font() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">Đạt </w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>"#;
    let doc = Pkg::new(body).parse();
    let Block::Paragraph(p) = &doc.pages[0].blocks[0] else {
        panic!("expected a paragraph");
    };
    assert_eq!(p.runs[1].text, "\u{F0FC}");
    assert_eq!(p.runs[1].font.as_deref(), Some("Wingdings"));
}

// Page boundaries checked against LibreOffice 7.4: the same bodies written by python-docx
// and converted with `soffice --convert-to pdf` gave the page counts asserted here
// (explicit break in a cell: 1 page; pageBreakBefore in a cell: 1 page; sections
// next-page / continuous / odd-page: 3 pages; explicit break then pageBreakBefore: 2 pages).

#[test]
fn explicit_break_in_a_table_cell_is_not_a_page() {
    let body = format!(
        r#"{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>{}"#,
        p("Trang một"),
        cell(r#"<w:p><w:r><w:t>ô trước</w:t><w:br w:type="page"/><w:t>ô sau</w:t></w:r></w:p>"#),
        cell(&p("b")),
        cell(r#"<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>ngắt trước</w:t></w:r></w:p>"#),
        cell(&p("d")),
        p("Sau bảng")
    );
    let doc = Pkg::new(&body).parse();
    assert_eq!(doc.pages.len(), 1, "{:?}", doc.page_texts());
    assert_eq!(
        doc.pages[0].text(),
        "Trang một\nô trước\nô sau\tb\nngắt trước\td\nSau bảng\n"
    );
}

#[test]
fn section_breaks_start_pages_unless_continuous() {
    let sect = |t: &str| {
        format!(r#"<w:sectPr><w:type w:val="{t}"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>"#)
    };
    let body = format!(
        r#"<w:p><w:pPr>{}</w:pPr><w:r><w:t>Phần một</w:t></w:r></w:p><w:p><w:pPr>{}</w:pPr><w:r><w:t>Phần hai</w:t></w:r></w:p><w:p><w:pPr>{}</w:pPr><w:r><w:t>Phần ba liền</w:t></w:r></w:p><w:p><w:r><w:t>Phần bốn</w:t></w:r></w:p>{}"#,
        "<w:sectPr/>",
        sect("nextPage"),
        sect("continuous"),
        sect("oddPage"),
    );
    let doc = Pkg::new(&body).parse();
    assert_eq!(
        doc.page_texts(),
        ["Phần một\n", "Phần hai\nPhần ba liền\n", "Phần bốn\n"]
    );
}

#[test]
fn section_break_next_to_a_rendered_break_is_one_page_boundary() {
    // Word writes a rendered break at the top of the page a section starts on.
    let body = r#"<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>A</w:t></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>B</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:lastRenderedPageBreak/><w:t>C</w:t></w:r></w:p><w:sectPr/>"#;
    assert_eq!(Pkg::new(body).parse().page_texts(), ["A\n", "B\n", "C\n"]);
}

#[test]
fn rendered_breaks_inside_cells_split_the_table_once_per_row() {
    // A row that crosses a page boundary has a rendered break in each of its cells.
    let body = format!(
        r#"<w:tbl><w:tr>{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}</w:tr></w:tbl>"#,
        cell(&p("r1")),
        cell(r#"<w:p><w:r><w:lastRenderedPageBreak/><w:t>r2a</w:t></w:r></w:p>"#),
        cell(r#"<w:p><w:r><w:t>x</w:t><w:lastRenderedPageBreak/><w:t>r2b</w:t></w:r></w:p>"#),
        cell(&p("r3"))
    );
    let doc = Pkg::new(&body).parse();
    // One boundary (not two), and each cell's text on the page Word put it: the
    // second cell's "x" before its rendered break stays on page 1.
    assert_eq!(doc.page_texts(), ["r1\n\tx\n", "r2a\tr2b\nr3\n"]);
}

#[test]
fn a_row_spanning_three_pages_is_cut_at_each_rendered_boundary() {
    // A one-cell table (a boxed text) that Word laid out over three pages: two
    // rendered boundaries in the same cell are two page boundaries, not one.
    let body = format!(
        "{}<w:tbl><w:tr>{}</w:tr></w:tbl>{}",
        p("Mở đầu"),
        cell(
            "<w:p><w:r><w:t>Điều 1</w:t></w:r></w:p>\
             <w:p><w:r><w:lastRenderedPageBreak/><w:t>Điều 2</w:t></w:r></w:p>\
             <w:p><w:r><w:t>Điều 3 đầu</w:t><w:lastRenderedPageBreak/><w:t>Điều 3 cuối</w:t></w:r></w:p>"
        ),
        p("Kết thúc")
    );
    let doc = Pkg::new(&body).parse();
    assert_eq!(
        doc.page_texts(),
        [
            "Mở đầu\nĐiều 1\n",
            "Điều 2\nĐiều 3 đầu\n",
            "Điều 3 cuối\nKết thúc\n"
        ]
        .map(String::from)
    );
}

#[test]
fn a_row_split_across_a_page_keeps_each_cell_s_text_on_its_page() {
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell("<w:p><w:r><w:t>Số 12</w:t></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>tiếp A</w:t></w:r></w:p>"),
        cell("<w:p><w:r><w:t>Hà Nội</w:t></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>tiếp B</w:t></w:r></w:p>"),
        cell(&p("c")),
        cell(&p("d")),
    );
    let doc = Pkg::new(&body).parse();
    let pages = doc.page_texts();
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(
        pages[0].contains("Số 12") && pages[0].contains("Hà Nội"),
        "{pages:?}"
    );
    assert!(!pages[0].contains("tiếp"), "{pages:?}");
    assert!(
        pages[1].contains("tiếp A") && pages[1].contains("tiếp B"),
        "{pages:?}"
    );
    assert!(
        pages[1].contains('c') && pages[1].contains('d'),
        "{pages:?}"
    );
}

#[test]
fn a_row_without_rendered_boundaries_is_one_row() {
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell(&p("Điều 1")),
        cell(&p("Điều 2"))
    );
    let doc = Pkg::new(&body).parse();
    assert_eq!(doc.pages.len(), 1);
    let Block::Table(t) = &doc.pages[0].blocks[0] else {
        panic!("expected a table");
    };
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].cells.len(), 2);
}

#[test]
fn a_row_that_starts_a_page_takes_its_cells_without_a_rendered_break_along() {
    // After an explicit page break, Word marked only the first cell of the signature
    // row; the second cell is on the new page too, and the break is one boundary.
    let body = format!(
        r#"<w:p><w:r><w:t>Điều cuối</w:t><w:br w:type="page"/></w:r></w:p><w:tbl><w:tr>{}{}</w:tr></w:tbl>"#,
        cell(r#"<w:p><w:r><w:lastRenderedPageBreak/><w:t>ĐẠI DIỆN BÊN A</w:t></w:r></w:p>"#),
        cell(&p("ĐẠI DIỆN BÊN B")),
    );
    let doc = Pkg::new(&body).parse();
    assert_eq!(
        doc.page_texts(),
        ["Điều cuối\n", "ĐẠI DIỆN BÊN A\tĐẠI DIỆN BÊN B\n"]
    );
}

impl Pkg {
    /// Adds a binary part referenced from the document's rels as an image.
    fn picture(mut self, target: &str, bytes: &[u8]) -> Pkg {
        self.doc_rels.push(("image".into(), target.into()));
        self.parts.push((format!("word/{target}"), bytes.to_vec()));
        self
    }
}

fn drawing(rel: &str) -> String {
    format!(
        r#"<w:p><w:r><w:drawing><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:blip r:embed="{rel}"/></a:graphic></w:drawing></w:r></w:p>"#
    )
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x04\xd8\0\0\x06\xda\x08\0\0\0\0";
const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0 a scanned page";
// An EMF: a kind the OCR stage reports rather than reads; the parser only names it.
const EMF: &[u8] = b"\x01\0\0\0\x6c\0\0\0 EMF";

#[test]
fn image_only_document_exposes_its_pictures_in_document_order() {
    // rId1 is drawn first, then rId0, then rId1 again (kept once), then a VML picture.
    let body = format!(
        r#"{}{}{}<w:p><w:r><w:pict><v:shape><v:imagedata r:id="rId2"/></v:shape></w:pict></w:r></w:p>"#,
        drawing("rId1"),
        drawing("rId0"),
        drawing("rId1")
    );
    let doc = Pkg::new(&body)
        .picture("media/image1.png", PNG)
        .picture("media/image2.jpeg", JPEG)
        .picture("media/image3.emf", EMF)
        .parse();
    assert!(doc.meta.needs_ocr);
    let got: Vec<(&str, &str)> = doc
        .images
        .iter()
        .map(|i| (i.name.as_str(), i.media_type.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("word/media/image2.jpeg", "image/jpeg"),
            ("word/media/image1.png", "image/png"),
            ("word/media/image3.emf", "image/x-emf"),
        ]
    );
    assert_eq!(doc.images[0].bytes, JPEG);
    assert_eq!(doc.images[1].bytes, PNG);
}

#[test]
fn pictures_are_kept_only_for_image_only_documents_and_within_the_limit() {
    let text = format!(
        "{}<w:p><w:r><w:t>Báo cáo số 77/BC-SNgV</w:t></w:r></w:p>",
        drawing("rId0")
    );
    let doc = Pkg::new(&text).picture("media/image1.png", PNG).parse();
    assert!(!doc.meta.needs_ocr && doc.images.is_empty());

    let limits = Limits {
        max_image_bytes: 10,
        ..Limits::default()
    };
    let pkg = Pkg::new(&format!("{}{}", drawing("rId0"), drawing("rId9")))
        .picture("media/image1.png", PNG);
    let doc = parse_docx(&pkg.build(), &limits).unwrap();
    assert!(doc.meta.needs_ocr && doc.images.is_empty());
    let messages: Vec<&str> = doc.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("word/media/image1.png") && m.contains("limit")),
        "{messages:?}"
    );
    assert!(messages.iter().any(|m| m.contains("rId9")), "{messages:?}");
}
