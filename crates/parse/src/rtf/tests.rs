//! Unit tests of the RTF reader, one per structure.

use super::*;

fn parse(src: &str) -> Document {
    parse_rtf(src.as_bytes(), &Limits::default()).expect("parses")
}

fn texts(doc: &Document) -> Vec<String> {
    doc.page_texts()
}

fn runs(doc: &Document) -> Vec<Run> {
    doc.pages
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.runs.clone()),
            Block::Table(_) => None,
        })
        .flatten()
        .collect()
}

#[test]
fn paragraphs_code_page_bytes_and_unicode_with_fallback() {
    let doc = parse(
        r"{\rtf1\ansi\ansicpg1258\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fnil Arial;}}
\pard\plain\f1 Vi\'ea\'f2t Nam\par
\uc2 C\u7897\'3f\'3fng h\u242?\'f2a\par
\uc0\f0 s\u7889 :\tab 77\line x\par}",
    );
    assert_eq!(texts(&doc), vec!["Việt Nam\nCộng hòa\nsố: 77\nx\n"]);
    assert_eq!(doc.format, Some(Format::Rtf));
    let r = runs(&doc);
    assert_eq!(r[0].font.as_deref(), Some("Arial"));
}

#[test]
fn fallback_count_is_not_applied_to_plain_text_after_a_group() {
    // `\uc1` skips one character; a group end cancels the rest of the count.
    let doc = parse(r"{\rtf1 {a\u7879}b\u7879?c\par}");
    assert_eq!(texts(&doc), vec!["aệbệc\n"]);
    // Negative values are UTF-16 units above 0x7FFF; surrogate pairs are joined.
    let doc = parse(r"{\rtf1 \u-3913?\u55357?\u56832?\par}");
    assert_eq!(texts(&doc), vec!["\u{f0b7}\u{1f600}\n"]);
}

#[test]
fn legacy_font_runs_keep_their_bytes_and_font_name() {
    // Under a Vietnamese ANSI code page the .VnTime bytes must still be Latin-1 letters.
    let doc = parse(
        r"{\rtf1\ansi\ansicpg1258{\fonttbl{\f0\fnil\fcharset0 Times New Roman;}{\f1\fnil\fcharset163 .VnTime;}{\f2 VNI-Times;}}
\f1 C\'e9ng h\'dfa x\'b7 h\'e9i\f0  - \f2 Vie\'e4t\par}",
    );
    let r = runs(&doc);
    assert_eq!(r[0].text, "Céng hßa x· héi");
    assert_eq!(r[0].font.as_deref(), Some(".VnTime"));
    assert_eq!(r[1].font.as_deref(), Some("Times New Roman"));
    assert_eq!(r[2].text, "Vieät");
    assert_eq!(r[2].font.as_deref(), Some("VNI-Times"));
    assert_eq!(
        doc.meta.fonts,
        vec![".VnTime", "Times New Roman", "VNI-Times"]
    );
}

#[test]
fn font_charset_picks_the_code_page_per_run() {
    let doc = parse(
        r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Times;}{\f1\fcharset163 Arial;}{\f2\fcharset128 MS Mincho;}}
\f1 Ti\'ea\'ecng Vi\'ea\'f2t \f2\'82\'a0\f0  caf\'e9\par}",
    );
    assert_eq!(texts(&doc), vec!["Tiếng Việt あ café\n"]);
}

#[test]
fn skipped_destinations_and_kept_field_results() {
    let doc = parse(
        r#"{\rtf1{\fonttbl{\f0 Times;}}{\colortbl;\red0\green0\blue0;}{\stylesheet{\s1 Heading 1;}}
{\info{\title B\'e1o c\'e1o}{\author Nguy\'ean}}{\*\generator Word;}
Xem {\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt trang}} {\pict\pngblip\bin2 {}}n\'e0y{\*\unknowndest secret}{\v hidden}.\par}"#,
    );
    assert_eq!(texts(&doc), vec!["Xem trang này.\n"]);
    assert_eq!(doc.meta.title.as_deref(), Some("Báo cáo"));
}

#[test]
fn special_characters() {
    let doc = parse(
        r"{\rtf1 a\~b\_c\-d\emdash\endash\lquote\rquote\ldblquote\rdblquote\bullet \{\}\\\par}",
    );
    assert_eq!(texts(&doc), vec!["a\u{a0}b-c\u{ad}d—–‘’“”•{}\\\n"]);
}

#[test]
fn table_rows_and_cells() {
    let doc = parse(
        r"{\rtf1\trowd\cellx1000\cellx2000\pard\intbl TT\cell N\'f4i dung\par d\'f2ng 2\cell\row
\trowd\cellx1000\cellx2000\pard\intbl 1\cell\cell\row\pard Sau b\'e3ng\par}",
    );
    let page = &doc.pages[0];
    let Block::Table(t) = &page.blocks[0] else {
        panic!("table first: {:?}", page.blocks)
    };
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].cells.len(), 2);
    assert_eq!(t.rows[1].cells.len(), 2);
    assert_eq!(page.text(), "TT\tNôi dung\ndòng 2\n1\t\nSau bãng\n");
}

#[test]
fn nested_table_inside_a_cell() {
    let doc = parse(
        r"{\rtf1\pard\intbl ngo\'e0i\par
\pard\intbl\itap2 a\nestcell b\nestcell{\*\nesttableprops\trowd\cellx500\cellx900\nestrow}{\nonesttables a b\par}
\pard\intbl sau\cell X\cell\row\pard end\par}",
    );
    let Block::Table(outer) = &doc.pages[0].blocks[0] else {
        panic!("outer table")
    };
    let first = &outer.rows[0].cells[0];
    assert!(
        matches!(first.blocks[1], Block::Table(ref inner) if inner.rows[0].cells.len() == 2),
        "{first:?}"
    );
    assert_eq!(doc.pages[0].text(), "ngoài\na b\nsau\tX\nend\n");
}

#[test]
fn page_breaks_and_sections() {
    let doc = parse(
        r"{\rtf1 one\par\page two\par\sect\sectd\sbknone three\par\sect\sbkpage four\par
\pard\pagebb five\par\pard\intbl c\page ell\cell\row\pard\page\page six\par\page}",
    );
    assert_eq!(
        texts(&doc),
        vec!["one\n", "two\nthree\n", "four\n", "five\ncell\n", "six\n"]
    );
}

#[test]
fn headers_footers_and_notes_keep_their_roles() {
    let doc = parse(
        r"{\rtf1{\header\pard Trang \chpgn\par}{\footer\pard Ch\'e2n trang}
Th\'e2n{\super\chftn}{\footnote\pard\plain{\super\chftn} Ghi ch\'fa\par} b\'e0i\par
{\footnote\ftnalt\pard Cu\'f4i}\page Trang 2\par}",
    );
    let roles: Vec<(Role, String)> = doc
        .pages
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.role, p.text())),
            Block::Table(_) => None,
        })
        .collect();
    assert_eq!(
        roles,
        vec![
            (Role::Header, "Trang ".to_string()),
            (Role::Body, "Thân bài".to_string()),
            (Role::Footer, "Chân trang".to_string()),
            (Role::Body, "Trang 2".to_string()),
            (Role::Footnote, "Ghi chú".to_string()),
            (Role::Endnote, "Cuôi".to_string()),
        ]
    );
    assert_eq!(doc.pages.len(), 2);
}

#[test]
fn nesting_past_the_limit_is_a_clear_error() {
    let limits = Limits {
        max_xml_depth: 50,
        ..Limits::default()
    };
    let deep = format!("{{\\rtf1{}x", "{".repeat(60));
    let err = parse_rtf(deep.as_bytes(), &limits).unwrap_err();
    assert!(err.to_string().contains("nested deeper than 50"), "{err}");
    // Within the limit, an unterminated file still reads, with a warning.
    let doc = parse_rtf(b"{\\rtf1{{{ chu\\'a7a \\par", &limits).expect("reads");
    assert_eq!(texts(&doc), vec!["chu§a \n"]);
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.message.contains("open groups")));
}

#[test]
fn page_limit_drops_the_rest_with_a_warning() {
    let limits = Limits {
        max_pages: 3,
        ..Limits::default()
    };
    let src = format!("{{\\rtf1 {}}}", "p\\page ".repeat(10));
    let doc = parse_rtf(src.as_bytes(), &limits).expect("reads");
    assert_eq!(doc.pages.len(), 3);
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::Truncated));
}

#[test]
fn not_rtf_is_refused() {
    assert!(matches!(
        parse_rtf(b"hello", &Limits::default()),
        Err(ParseError::Rtf(_))
    ));
}
