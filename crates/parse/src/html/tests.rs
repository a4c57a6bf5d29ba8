//! Unit tests of the HTML reader, one per structure.

use super::*;

fn parse(src: &str) -> Document {
    parse_html(src.as_bytes(), &Limits::default()).expect("parses")
}

fn paragraphs(doc: &Document) -> Vec<(Role, String)> {
    doc.pages
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.role, p.text())),
            Block::Table(_) => None,
        })
        .collect()
}

#[test]
fn blocks_whitespace_entities_and_line_breaks() {
    let doc = parse(
        "<!DOCTYPE html><html><head><title> Báo\n cáo </title></head><body>\
         <h1>BÁO&nbsp;CÁO</h1><p>Kết   quả\n  thực <b>hiện</b>&#32;công&nbsp;tác<br>dòng 2</p>\
         <div>Điều 1. <span>Phạm vi</span></div><ul><li>một</li><li>hai &amp; ba</li></ul>\
         <pre>a\n  b</pre></body></html>",
    );
    assert_eq!(
        doc.page_texts(),
        vec!["BÁO\u{a0}CÁO\nKết quả thực hiện công\u{a0}tác\ndòng 2\nĐiều 1. Phạm vi\nmột\nhai & ba\na\n  b\n"]
    );
    assert_eq!(doc.meta.title.as_deref(), Some("Báo cáo"));
    assert_eq!(doc.format, Some(Format::Html));
}

#[test]
fn scripts_styles_comments_and_hidden_text_are_dropped() {
    let doc = parse(
        "<html><head><style>p{color:red}</style><script>var x='lộ';</script></head><body>\
         <!--[if gte mso 9]><xml><w:WordDocument>bí mật</w:WordDocument></xml><![endif]-->\
         <p>Hiện<span style='display:none'>ẩn</span> rõ<span style='mso-hide:all'>ẩn</span></p>\
         <![if !supportLists]><span>1.</span><![endif]><noscript>x</noscript></body></html>",
    );
    assert_eq!(doc.page_texts(), vec!["Hiện rõ\n1.\n"]);
}

#[test]
fn legacy_fonts_from_style_rules_inline_styles_and_font_face() {
    let doc = parse(
        "<html><head><style><!-- p.MsoNormal {font-family:\".VnTime\"; font-size:14pt} --></style>\
         </head><body><p class=MsoNormal>C\u{e9}ng h\u{df}a <span style='font-family:\".VnTimeH\"'>\
         CH\u{f1}</span></p><p><font face=\"VNI-Times, serif\">Vieät</font> Unicode</p></body></html>",
    );
    let runs: Vec<(String, Option<String>)> = doc.pages[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.runs.clone()),
            Block::Table(_) => None,
        })
        .flatten()
        .map(|r| (r.text, r.font))
        .collect();
    assert_eq!(
        runs,
        vec![
            ("Céng hßa ".to_string(), Some(".VnTime".to_string())),
            ("CHñ".to_string(), Some(".VnTimeH".to_string())),
            ("Vieät".to_string(), Some("VNI-Times".to_string())),
            (" Unicode".to_string(), None),
        ]
    );
}

#[test]
fn tables_rows_cells_and_nested_tables() {
    let doc = parse(
        "<table><tr><th>TT</th><th>Nội dung</th></tr><tr><td>1</td><td><p>a</p><p>b</p></td></tr>\
         <tr><td>2<table><tr><td>x</td><td>y</td></tr></table></td><td></td></tr></table><p>Sau</p>",
    );
    let Block::Table(t) = &doc.pages[0].blocks[0] else {
        panic!("a table first: {:?}", doc.pages[0].blocks)
    };
    assert_eq!(t.rows.len(), 3);
    assert!(t.rows.iter().all(|r| r.cells.len() == 2));
    assert!(matches!(t.rows[2].cells[0].blocks[1], Block::Table(_)));
    assert_eq!(
        doc.page_texts(),
        vec!["TT\tNội dung\n1\ta\nb\n2\nx y\t\nSau\n"]
    );
}

#[test]
fn page_breaks_outside_tables_start_pages() {
    let doc = parse(
        "<p>một</p><br clear=all style='mso-special-character:line-break;page-break-before:always'>\
         <p>hai</p><p style='page-break-before:always'>ba</p><div style='page-break-after:always'>bốn</div>\
         <table><tr><td><p style='page-break-before:always'>ô</p></td></tr></table><p>năm</p>",
    );
    assert_eq!(
        doc.page_texts(),
        vec!["một\n", "hai\n", "ba\nbốn\n", "ô\nnăm\n"]
    );
}

#[test]
fn word_and_libreoffice_footnotes() {
    let doc = parse(
        "<p>Thân<a style='mso-footnote-id:ftn1' href='#_ftn1'><span>[1]</span></a> bài</p>\
         <div style='mso-element:footnote-list'><div style='mso-element:footnote' id=ftn1>\
         <p><a style='mso-footnote-id:ftn1' href='#_ftnref1'>[1]</a> Ghi chú Word</p></div></div>\
         <p>Tiếp<a class=sdfootnoteanc href='#sdfootnote1sym'><sup>1</sup></a></p>\
         <div id=sdfootnote1><p><a class=sdfootnotesym href='#sdfootnote1anc'>1</a>Ghi chú LO</p></div>",
    );
    assert_eq!(
        paragraphs(&doc),
        vec![
            (Role::Body, "Thân bài".to_string()),
            (Role::Body, "Tiếp".to_string()),
            (Role::Footnote, "Ghi chú Word".to_string()),
            (Role::Footnote, "Ghi chú LO".to_string()),
        ]
    );
}

#[test]
fn charsets_from_bom_meta_and_default() {
    // Windows-1258 with combining tones, declared in http-equiv.
    let mut bytes =
        b"<html><head><meta http-equiv=Content-Type content='text/html; charset=windows-1258'>\
                      </head><body><p>Vi\xea\xf2t Nam</p></body></html>"
            .to_vec();
    let doc = parse_html(&bytes, &Limits::default()).expect("parses");
    assert_eq!(doc.page_texts(), vec!["Việt Nam\n"]);
    assert_eq!(doc.meta.encodings, vec!["windows-1258: whole file"]);
    // UTF-16 LE with a BOM.
    bytes = [0xFF, 0xFE]
        .into_iter()
        .chain("<p>Hà Tĩnh</p>".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let doc = parse_html(&bytes, &Limits::default()).expect("parses");
    assert_eq!(doc.page_texts(), vec!["Hà Tĩnh\n"]);
    // Undeclared and not UTF-8: Windows-1252.
    let doc = parse_html(b"<p>caf\xe9</p>", &Limits::default()).expect("parses");
    assert_eq!(doc.page_texts(), vec!["café\n"]);
}

#[test]
fn mhtml_quoted_printable_page() {
    let mht =
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n\
Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
<html><body><p class=3DMsoNormal>H=C3=A0 T=C4=A9nh, ng=C3=A0y 15 th=C3=A1ng 6 =\r\n\
n=C4=83m 2021</p></body></html>\r\n--b--\r\n";
    let doc = parse_html(mht, &Limits::default()).expect("parses");
    assert_eq!(
        doc.page_texts(),
        vec!["Hà Tĩnh, ngày 15 tháng 6 năm 2021\n"]
    );
    let bad =
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n\
Content-Type: image/png\r\n\r\nxx\r\n--b--\r\n";
    assert!(matches!(
        parse_html(bad, &Limits::default()),
        Err(ParseError::Html(_))
    ));
}

#[test]
fn nesting_and_size_limits_are_clear_errors() {
    let limits = Limits {
        max_xml_depth: 40,
        ..Limits::default()
    };
    let deep = format!("<html><body>{}x", "<div>".repeat(100));
    let err = parse_html(deep.as_bytes(), &limits).unwrap_err();
    assert!(err.to_string().contains("nested deeper than 40"), "{err}");
    let small = Limits {
        max_uncompressed_bytes: 100,
        ..Limits::default()
    };
    let big = format!("<p>{}</p>", "a".repeat(200));
    assert!(matches!(
        parse_html(big.as_bytes(), &small),
        Err(ParseError::TooLarge { .. })
    ));
}
