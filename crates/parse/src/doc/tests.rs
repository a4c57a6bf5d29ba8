//! Tests on small `.doc` files built in code: each structure the reader uses is
//! written the way Word writes it, then read back through [`parse_doc`].

use std::io::{Cursor, Write};

use super::fonts::ffn_entry;
use super::lists::lists_bytes;
use super::styles::stsh_bytes;
use super::summary::summary_bytes;
use super::*;
use crate::Run;

/// How a piece stores its text.
#[derive(Clone)]
enum Text {
    /// 8-bit bytes (a compressed piece).
    Bytes(Vec<u8>),
    /// UTF-16 units.
    Wide(Vec<u16>),
}

impl Text {
    fn ascii(s: &str) -> Text {
        Text::Bytes(s.bytes().collect())
    }
    fn wide(s: &str) -> Text {
        Text::Wide(s.encode_utf16().collect())
    }
    fn len(&self) -> usize {
        match self {
            Text::Bytes(b) => b.len(),
            Text::Wide(w) => w.len(),
        }
    }
}

/// One piece: its text, the direct character formatting of all of it, and an
/// optional fast-save property list (a Prc the piece's Prm points at).
#[derive(Clone)]
struct PieceSpec {
    text: Text,
    chpx: Vec<u8>,
    prc: Option<Vec<u8>>,
}

fn piece(text: Text, chpx: &[u8]) -> PieceSpec {
    PieceSpec {
        text,
        chpx: chpx.to_vec(),
        prc: None,
    }
}

/// A document to build.
#[derive(Clone, Default)]
struct Spec {
    pieces: Vec<PieceSpec>,
    /// Paragraph formatting (grpprl after the istd) of marks: (CP of the mark, istd, grpprl).
    papx: Vec<(u32, u16, Vec<u8>)>,
    fonts: Vec<&'static str>,
    /// Story lengths: main, footnotes, headers, macro, annotations, endnotes, text boxes.
    ccp: [u32; 8],
    flags: u16,
    n_fib: u16,
    /// Store pieces in the stream in reverse order (as fast saves append edits).
    reverse_storage: bool,
    stsh: Vec<u8>,
    plcf_hdd: Vec<u32>,
    lists: Option<(Vec<u8>, Vec<u8>)>,
    pages: Option<u32>,
    /// The Data stream (inline pictures), if any.
    data: Option<Vec<u8>>,
}

fn ftc0(i: u16) -> Vec<u8> {
    let mut g = vec![0x4F, 0x4A];
    g.extend(i.to_le_bytes());
    g
}

fn le32(v: &mut Vec<u8>, x: u32) {
    v.extend(x.to_le_bytes());
}

/// Writes the spec as an OLE2 `.doc`.
fn build(spec: &Spec) -> Vec<u8> {
    const TEXT_AT: usize = 1024;
    let mut word = vec![0u8; TEXT_AT];
    // Text of each piece, stored in order or reversed.
    let mut fcs = vec![0usize; spec.pieces.len()];
    let order: Vec<usize> = if spec.reverse_storage {
        (0..spec.pieces.len()).rev().collect()
    } else {
        (0..spec.pieces.len()).collect()
    };
    for &i in &order {
        fcs[i] = word.len();
        match &spec.pieces[i].text {
            Text::Bytes(b) => word.extend(b),
            Text::Wide(w) => w.iter().for_each(|u| word.extend(u.to_le_bytes())),
        }
    }
    let mut cps = vec![0u32];
    for p in &spec.pieces {
        cps.push(cps.last().copied().unwrap_or(0) + p.text.len() as u32);
    }
    let fc_of = |cp: u32| -> (u32, u32) {
        let i = cps
            .iter()
            .rposition(|&c| c <= cp)
            .unwrap()
            .min(spec.pieces.len() - 1);
        let step = if matches!(spec.pieces[i].text, Text::Bytes(_)) {
            1
        } else {
            2
        };
        ((fcs[i] + (cp - cps[i]) as usize * step) as u32, step as u32)
    };
    // CHPX FKP: one run per piece.
    while !word.len().is_multiple_of(512) {
        word.push(0);
    }
    let chpx_pn = word.len() / 512;
    let mut runs: Vec<(u32, u32, Vec<u8>)> = spec
        .pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let step = if matches!(p.text, Text::Bytes(_)) {
                1
            } else {
                2
            };
            let fc = fcs[i] as u32;
            (fc, fc + p.text.len() as u32 * step, p.chpx.clone())
        })
        .collect();
    runs.sort_by_key(|r| r.0);
    word.extend(fkp_page(&runs, false));
    let papx_pn = word.len() / 512;
    let mut pruns: Vec<(u32, u32, Vec<u8>)> = spec
        .papx
        .iter()
        .map(|(cp, istd, g)| {
            let (fc, step) = fc_of(*cp);
            let mut data = istd.to_le_bytes().to_vec();
            data.extend(g);
            (fc, fc + step, data)
        })
        .collect();
    pruns.sort_by_key(|r| r.0);
    word.extend(fkp_page(&pruns, true));

    // Table stream.
    let mut table = Vec::new();
    let mut fc_lcb = vec![(0u32, 0u32); 93];
    let mut put = |table: &mut Vec<u8>, slot: usize, bytes: &[u8]| {
        fc_lcb[slot] = (table.len() as u32, bytes.len() as u32);
        table.extend(bytes);
    };
    put(&mut table, slot::STSHF, &spec.stsh);
    let mut ffn = Vec::new();
    ffn.extend((spec.fonts.len() as u16).to_le_bytes());
    ffn.extend(0u16.to_le_bytes());
    for f in &spec.fonts {
        ffn.extend(ffn_entry(f));
    }
    put(&mut table, slot::STTBF_FFN, &ffn);
    let mut clx = Vec::new();
    for p in &spec.pieces {
        if let Some(g) = &p.prc {
            clx.push(1);
            clx.extend((g.len() as u16).to_le_bytes());
            clx.extend(g);
        }
    }
    clx.push(2);
    le32(&mut clx, (cps.len() * 4 + spec.pieces.len() * 8) as u32);
    for cp in &cps {
        le32(&mut clx, *cp);
    }
    let mut igrpprl = 0u16;
    for (i, p) in spec.pieces.iter().enumerate() {
        clx.extend([0, 0]);
        let fc = match p.text {
            Text::Bytes(_) => (fcs[i] as u32 * 2) | 0x4000_0000,
            Text::Wide(_) => fcs[i] as u32,
        };
        le32(&mut clx, fc);
        let prm = if p.prc.is_some() {
            igrpprl += 1;
            ((igrpprl - 1) << 1) | 1
        } else {
            0
        };
        clx.extend(prm.to_le_bytes());
    }
    put(&mut table, slot::CLX, &clx);
    for (slot, pn, (lo, hi)) in [
        (
            slot::PLCF_BTE_CHPX,
            chpx_pn,
            (
                runs.first().map_or(0, |r| r.0),
                runs.last().map_or(0, |r| r.1),
            ),
        ),
        (
            slot::PLCF_BTE_PAPX,
            papx_pn,
            (
                pruns.first().map_or(0, |r| r.0),
                pruns.last().map_or(0, |r| r.1),
            ),
        ),
    ] {
        let mut plc = Vec::new();
        le32(&mut plc, lo);
        le32(&mut plc, hi);
        le32(&mut plc, pn as u32);
        put(&mut table, slot, &plc);
    }
    if !spec.plcf_hdd.is_empty() {
        let mut plc = Vec::new();
        for cp in &spec.plcf_hdd {
            le32(&mut plc, *cp);
        }
        put(&mut table, slot::PLCF_HDD, &plc);
    }
    if let Some((lst, lfo)) = &spec.lists {
        put(&mut table, slot::PLF_LST, lst);
        put(&mut table, slot::PLF_LFO, lfo);
    }

    // FIB.
    let mut fib = Vec::new();
    fib.extend(0xA5ECu16.to_le_bytes());
    fib.extend(if spec.n_fib == 0 { 0xC1u16 } else { spec.n_fib }.to_le_bytes());
    fib.extend([0u8; 6]);
    fib.extend((spec.flags | 0x0200).to_le_bytes());
    fib.resize(32, 0);
    fib.extend(14u16.to_le_bytes());
    fib.extend([0u8; 28]);
    fib.extend(22u16.to_le_bytes());
    let mut lw = [0u32; 22];
    lw[0] = word.len() as u32;
    lw[3..11].copy_from_slice(&spec.ccp);
    lw.iter().for_each(|v| le32(&mut fib, *v));
    fib.extend(93u16.to_le_bytes());
    for (fc, lcb) in &fc_lcb {
        le32(&mut fib, *fc);
        le32(&mut fib, *lcb);
    }
    word[..fib.len()].copy_from_slice(&fib);

    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cf.create_stream("/WordDocument")
        .unwrap()
        .write_all(&word)
        .unwrap();
    cf.create_stream("/1Table")
        .unwrap()
        .write_all(&table)
        .unwrap();
    if let Some(data) = &spec.data {
        cf.create_stream("/Data").unwrap().write_all(data).unwrap();
    }
    if let Some(pages) = spec.pages {
        cf.create_stream("/\u{5}SummaryInformation")
            .unwrap()
            .write_all(&summary_bytes(pages, "Microsoft Word 8.0"))
            .unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

/// A 512-byte FKP with the runs (start FC, end FC, grpprl or istd+grpprl).
fn fkp_page(runs: &[(u32, u32, Vec<u8>)], papx: bool) -> Vec<u8> {
    let mut page = vec![0u8; 512];
    let crun = runs.len();
    let entry = if papx { 13 } else { 1 };
    let mut free = 511usize;
    for (i, (start, end, g)) in runs.iter().enumerate() {
        page[i * 4..i * 4 + 4].copy_from_slice(&start.to_le_bytes());
        page[i * 4 + 4..i * 4 + 8].copy_from_slice(&end.to_le_bytes());
        if g.is_empty() {
            continue;
        }
        let body: Vec<u8> = if papx {
            // cb = 0 form: cb' gives the length in words; pad to even.
            let mut d = g.clone();
            if d.len() % 2 == 1 {
                d.push(0);
            }
            let mut b = vec![0u8, (d.len() / 2) as u8];
            b.extend(d);
            b
        } else {
            let mut b = vec![g.len() as u8];
            b.extend(g);
            b
        };
        free = (free - body.len()) & !1;
        page[free..free + body.len()].copy_from_slice(&body);
        page[(crun + 1) * 4 + i * entry] = (free / 2) as u8;
    }
    assert!((crun + 1) * 4 + crun * entry <= free, "test FKP overflows");
    page[511] = crun as u8;
    page
}

fn simple(pieces: Vec<PieceSpec>, fonts: Vec<&'static str>) -> Spec {
    let len: usize = pieces.iter().map(|p| p.text.len()).sum();
    let mut ccp = [0u32; 8];
    ccp[0] = len as u32;
    Spec {
        pieces,
        fonts,
        ccp,
        ..Spec::default()
    }
}

fn parse(spec: &Spec) -> Document {
    parse_doc(&build(spec), &Limits::default()).unwrap()
}

fn all_text(doc: &Document) -> String {
    doc.page_texts().concat()
}

fn runs(doc: &Document) -> Vec<Run> {
    let mut out = Vec::new();
    for p in &doc.pages {
        for b in &p.blocks {
            if let Block::Paragraph(p) = b {
                out.extend(p.runs.iter().cloned());
            }
        }
    }
    out
}

#[test]
fn compressed_and_utf16_pieces_join_in_cp_order() {
    let spec = simple(
        vec![
            piece(Text::ascii("Ng\u{0}"), &[]),
            piece(Text::wide("ày 5 tháng 3\r"), &[]),
            piece(Text::Bytes(b"\x93Quy\x94 \xe1\r".to_vec()), &[]),
        ],
        vec!["Times New Roman"],
    );
    // The NUL in the first piece is dropped (control characters carry no text).
    assert_eq!(all_text(&parse(&spec)), "Ngày 5 tháng 3\n“Quy” á\n");
}

#[test]
fn fast_saved_pieces_stored_out_of_order_with_prc_fonts() {
    let mut spec = simple(
        vec![
            piece(Text::ascii("Kinh g\u{00}"), &ftc0(0)),
            PieceSpec {
                text: Text::Bytes(b"\xadi\r".to_vec()),
                chpx: ftc0(0),
                // The fast save changed this piece's font to .VnTime.
                prc: Some(ftc0(1)),
            },
        ],
        vec!["Times New Roman", ".VnTime"],
    );
    spec.flags = 0x0004; // fComplex
    spec.reverse_storage = true;
    let doc = parse(&spec);
    assert_eq!(
        runs(&doc),
        vec![
            Run {
                text: "Kinh g".into(),
                font: Some("Times New Roman".into())
            },
            Run {
                text: "\u{AD}i".into(),
                font: Some(".VnTime".into())
            },
        ]
    );
}

#[test]
fn tcvn3_run_keeps_its_bytes_and_font() {
    // "Céng hßa" typed in .VnTime: 0xE9 and 0xDF are TCVN3 bytes, not Windows-1252 letters.
    let spec = simple(
        vec![
            piece(Text::Bytes(b"C\xe9ng h\xdfa \x93x\r".to_vec()), &ftc0(1)),
            piece(Text::wide("Hà Nội\r"), &ftc0(0)),
        ],
        vec!["Times New Roman", ".VnTime"],
    );
    let doc = parse(&spec);
    let r = runs(&doc);
    assert_eq!(r[0].text, "C\u{E9}ng h\u{DF}a \u{93}x");
    assert_eq!(r[0].font.as_deref(), Some(".VnTime"));
    assert_eq!(r[1].text, "Hà Nội");
    assert_eq!(doc.meta.fonts, vec![".VnTime", "Times New Roman"]);
}

#[test]
fn style_font_applies_when_the_run_sets_none() {
    let mut spec = simple(
        vec![piece(Text::ascii("Quy\u{1}t \u{111}\u{1}nh\r"), &[])],
        vec!["Times New Roman", "VNI-Times"],
    );
    spec.stsh = stsh_bytes((0, 0), &[(1, 0x0FFF, &ftc0(1))]);
    spec.papx = vec![(10, 0, Vec::new())];
    let r = runs(&parse(&spec));
    assert_eq!(r[0].font.as_deref(), Some("VNI-Times"));
}

#[test]
fn fields_keep_results_and_drop_codes_nested() {
    let text = "Xem \u{13} HYPERLINK \"x\" \u{14}trang \u{13}PAGE\u{14}5\u{15}\u{15} nhé\u{13}TOC\u{15}.\r";
    let spec = simple(vec![piece(Text::wide(text), &[])], vec![]);
    assert_eq!(all_text(&parse(&spec)), "Xem trang 5 nhé.\n");
}

#[test]
fn special_characters() {
    let text = "A\tB\u{0B}C\u{1E}D\u{1F}E\u{1}F\u{8}G\u{2}\u{A0}H\r\u{C}Trang hai\r";
    let doc = parse(&simple(vec![piece(Text::wide(text), &[])], vec![]));
    assert_eq!(doc.pages.len(), 2);
    assert_eq!(doc.pages[0].text(), "A B\nC-DEFG\u{A0}H\n");
    assert_eq!(doc.pages[1].text(), "Trang hai\n");
}

#[test]
fn table_cells_and_rows() {
    let text = "Trước\rSTT\u{7}Nội dung\u{7}\u{7}1\u{7}Dòng\rhai\u{7}\u{7}Sau\r";
    let in_table = vec![0x16, 0x24, 1];
    let row_end = vec![0x16, 0x24, 1, 0x17, 0x24, 1];
    let mut spec = simple(vec![piece(Text::wide(text), &[])], vec![]);
    let cp = |needle: usize| -> u32 {
        text.encode_utf16()
            .enumerate()
            .filter(|&(_, u)| u == 7 || u == 13)
            .nth(needle)
            .unwrap()
            .0 as u32
    };
    // Marks in order: ¶0 Trước, 7 STT, 7 Nội dung, 7 row, 7 1, ¶ Dòng, 7 hai, 7 row, ¶ Sau.
    spec.papx = vec![
        (cp(1), 0, in_table.clone()),
        (cp(2), 0, in_table.clone()),
        (cp(3), 0, row_end.clone()),
        (cp(4), 0, in_table.clone()),
        (cp(5), 0, in_table.clone()),
        (cp(6), 0, in_table.clone()),
        (cp(7), 0, row_end.clone()),
    ];
    let doc = parse(&spec);
    let blocks = &doc.pages[0].blocks;
    assert_eq!(blocks.len(), 3);
    let Block::Table(t) = &blocks[1] else {
        panic!("expected a table, got {:?}", blocks[1]);
    };
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].cells.len(), 2);
    assert_eq!(
        doc.pages[0].text(),
        "Trước\nSTT\tNội dung\n1\tDòng\nhai\nSau\n"
    );
}

#[test]
fn headers_footers_and_footnotes_get_roles() {
    // Main: "Thân bài\u{2}\r" (8+2 chars); footnotes: "\u{2} Chú thích\r"; headers story:
    // 6 separator stories (empty), then even header, odd header "ỦY BAN\r",
    // even footer, odd footer "Trang\r".
    let main = "Thân bài\u{2}\r";
    let notes = "\u{2} Chú thích\r";
    let hdr = "ỦY BAN\rTrang\r";
    let all = format!("{main}{notes}{hdr}\r");
    let mut spec = simple(vec![piece(Text::wide(&all), &[])], vec![]);
    let len = |s: &str| s.encode_utf16().count() as u32;
    spec.ccp = [len(main), len(notes), len(hdr), 0, 0, 0, 0, 0];
    spec.plcf_hdd = vec![0, 0, 0, 0, 0, 0, 0, 0, 7, 7, 13, 13];
    let doc = parse(&spec);
    let roles: Vec<(Role, String)> = doc.pages[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.role, p.text())),
            _ => None,
        })
        .collect();
    assert_eq!(
        roles,
        vec![
            (Role::Header, "ỦY BAN".to_string()),
            (Role::Body, "Thân bài".to_string()),
            (Role::Footer, "Trang".to_string()),
            (Role::Footnote, " Chú thích".to_string()),
        ]
    );
}

#[test]
fn list_labels_are_generated() {
    let text = "Phạm vi\rĐối tượng\rCơ quan\r";
    let mut spec = simple(vec![piece(Text::wide(text), &[])], vec![]);
    spec.lists = Some(lists_bytes(42, &[(1, 0, "Điều %1."), (1, 4, "%2)")]));
    let ilfo = |lvl: u8| vec![0x0B, 0x46, 1, 0, 0x0A, 0x26, lvl];
    spec.papx = vec![(7, 0, ilfo(0)), (17, 0, ilfo(0)), (25, 0, ilfo(1))];
    assert_eq!(
        all_text(&parse(&spec)),
        "Điều 1. Phạm vi\nĐiều 2. Đối tượng\na) Cơ quan\n"
    );
}

#[test]
fn summary_page_count_spreads_an_unbroken_body() {
    let text = "Một\rHai\rBa\rBốn\r";
    let mut spec = simple(vec![piece(Text::wide(text), &[])], vec![]);
    spec.pages = Some(2);
    let doc = parse(&spec);
    assert_eq!(doc.pages.len(), 2);
    assert_eq!(doc.meta.producer.as_deref(), Some("Microsoft Word 8.0"));
    assert_eq!(doc.page_texts().concat(), "Một\nHai\nBa\nBốn\n");
}

#[test]
fn encrypted_and_old_versions_are_named() {
    let mut spec = simple(vec![piece(Text::ascii("x\r"), &[])], vec![]);
    spec.flags = 0x0100;
    let err = parse_doc(&build(&spec), &Limits::default()).unwrap_err();
    assert!(err.to_string().contains("password-encrypted"), "{err}");
    spec.flags = 0;
    spec.n_fib = 0x0068;
    let err = parse_doc(&build(&spec), &Limits::default()).unwrap_err();
    assert!(err.to_string().contains("Word 6.0/95"), "{err}");
}

#[test]
fn other_ole_files_are_not_word() {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cf.create_stream("/Workbook")
        .unwrap()
        .write_all(b"xls")
        .unwrap();
    cf.flush().unwrap();
    let bytes = cf.into_inner().into_inner();
    let err = check_ole(&bytes).unwrap_err().to_string();
    assert!(
        err.contains("not a Word document (an OLE2 file holding an Excel workbook)"),
        "{err}"
    );
    let err = parse_doc(&bytes, &Limits::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("Excel"), "{err}");
}

#[test]
fn hostile_structures_fail_or_degrade_cleanly() {
    let spec = simple(vec![piece(Text::ascii("Hello\r"), &[])], vec![]);
    let good = build(&spec);
    // Every truncation and every single-byte corruption of the FIB region either
    // parses or returns an error; none panics.
    for cut in (0..good.len()).step_by(97) {
        let _ = parse_doc(&good[..cut], &Limits::default());
    }
    // A piece table pointing past the end of the stream.
    let mut word_spec = spec.clone();
    word_spec.ccp[0] = 6;
    let mut bytes = build(&word_spec);
    // Find the CLX's Pcd fc (compressed flag set) and point it far away.
    let needle = ((1024u32 * 2) | 0x4000_0000).to_le_bytes();
    let at = bytes.windows(4).position(|w| w == needle).unwrap();
    bytes[at..at + 4].copy_from_slice(&(0x3FFF_0000u32 | 0x4000_0000).to_le_bytes());
    let err = parse_doc(&bytes, &Limits::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("outside the WordDocument stream"), "{err}");
}

/// A Data stream holding one inline picture at `at`: PICF (mm 0x64), a shape
/// container, and the picture's BLIP store entry with an embedded JPEG BLIP.
fn data_with_picture(at: usize, jpeg: &[u8]) -> Vec<u8> {
    let record = |ver_inst: u16, kind: u16, body: &[u8]| {
        let mut r = ver_inst.to_le_bytes().to_vec();
        r.extend(kind.to_le_bytes());
        r.extend((body.len() as u32).to_le_bytes());
        r.extend(body);
        r
    };
    let mut blip = vec![0x11; 16];
    blip.push(0xFF);
    blip.extend(jpeg);
    let blip = record(0x46A << 4, 0xF01D, &blip);
    let mut fbse = vec![5, 5];
    fbse.extend([0x11; 16]);
    fbse.extend([0xFF, 0]);
    fbse.extend((blip.len() as u32).to_le_bytes());
    fbse.extend(1u32.to_le_bytes());
    fbse.extend(0u32.to_le_bytes());
    fbse.extend([0; 4]);
    fbse.extend(&blip);
    let mut records = record(0x000F | (4 << 4), 0xF004, &[0; 24]);
    records.extend(record(0x0002 | (5 << 4), 0xF007, &fbse));
    let mut picf = ((0x44 + records.len()) as u32).to_le_bytes().to_vec();
    picf.extend(0x44u16.to_le_bytes());
    picf.extend(0x64u16.to_le_bytes());
    picf.resize(0x44, 0);
    let mut data = vec![0u8; at];
    data.extend(picf);
    data.extend(records);
    data
}

/// The direct formatting of a picture character: special, with its Data-stream offset.
fn picture_chpx(at: u32) -> Vec<u8> {
    let mut g = vec![0x55, 0x08, 1, 0x03, 0x6A];
    g.extend(at.to_le_bytes());
    g
}

#[test]
fn an_image_only_document_exposes_its_pictures_for_ocr() {
    let jpeg = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0 a scanned page".to_vec();
    let mut spec = simple(
        vec![
            piece(Text::ascii("\u{1}"), &picture_chpx(40)),
            piece(Text::ascii("\r"), &[]),
        ],
        vec!["Times New Roman"],
    );
    spec.data = Some(data_with_picture(40, &jpeg));
    let doc = parse(&spec);
    assert!(doc.meta.needs_ocr && !doc.meta.has_text_layer);
    assert!(doc.pages.iter().all(|p| p.quality.has_images));
    assert_eq!(doc.images.len(), 1, "{:?}", doc.warnings);
    assert_eq!(doc.images[0].media_type, "image/jpeg");
    assert_eq!(doc.images[0].bytes, jpeg);
    assert!(
        doc.images[0].name.contains("byte 40"),
        "{}",
        doc.images[0].name
    );
    assert!(doc.warnings.iter().any(|w| w.kind == WarningKind::NeedsOcr));

    // The same picture beside text: the document is read as text, no picture kept.
    let mut spec = simple(
        vec![
            piece(Text::ascii("\u{1}"), &picture_chpx(40)),
            piece(Text::ascii("Bao cao so 77/BC-SNgV\r"), &[]),
        ],
        vec!["Times New Roman"],
    );
    spec.data = Some(data_with_picture(40, &jpeg));
    let doc = parse(&spec);
    assert!(!doc.meta.needs_ocr && doc.images.is_empty());
}

#[test]
fn damaged_pictures_are_reported_not_fatal() {
    let jpeg = b"\xFF\xD8\xFF\xE0 jpeg".to_vec();
    let good = data_with_picture(8, &jpeg);
    // A picture offset outside the Data stream, a Data stream cut short, no Data stream.
    for (at, data) in [
        (9_999, Some(good.clone())),
        (8, Some(good[..good.len() - 10].to_vec())),
        (8, None),
    ] {
        let mut spec = simple(
            vec![
                piece(Text::ascii("\u{1}"), &picture_chpx(at)),
                piece(Text::ascii("\r"), &[]),
            ],
            vec!["Times New Roman"],
        );
        spec.data = data;
        let doc = parse(&spec);
        assert!(doc.images.is_empty());
        assert!(
            doc.warnings
                .iter()
                .any(|w| w.kind == WarningKind::PartSkipped && w.message.contains("picture")),
            "{:?}",
            doc.warnings
        );
    }
}
