//! Builds every bad input of the suite. The small ones are committed next to
//! this file (the suite checks they still match what this code builds; set
//! `VANBAN_BLESS_BAD_INPUTS=1` to rewrite them); the big ones are written at
//! test time. `README.md` in this folder lists each file and its expected outcome.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

use lopdf::{dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// Vietnamese sample text used by the text-encoding files.
pub const VIETNAMESE: &str =
    "Ủy ban nhân dân tỉnh Hà Tĩnh\nBáo cáo số 12/BC-UBND về mã hóa văn bản cũ\n";

/// The committed small inputs: file name and bytes.
pub fn small_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let base = text_pdf(&["Bao cao truncation mot", "Trang hai", "Trang ba"]);
    let cut = |percent: usize| base[..base.len() * percent / 100].to_vec();
    vec![
        ("empty.pdf", Vec::new()),
        ("truncated-at-10-percent.pdf", cut(10)),
        ("truncated-at-50-percent.pdf", cut(50)),
        ("truncated-at-90-percent.pdf", cut(90)),
        ("broken-xref.pdf", broken_xref()),
        ("encrypted-empty-password.pdf", encrypted("")),
        ("encrypted-with-password.pdf", encrypted("matkhau")),
        ("cyclic-references.pdf", cyclic_references()),
        (
            "self-referencing-page-tree.pdf",
            self_referencing_page_tree(),
        ),
        ("scanned.pdf", scanned()),
        (
            "really-a-docx.pdf",
            docx(&document_xml("Biên bản kiểm tra docx đội lốt pdf")),
        ),
        (
            "really-a-pdf.docx",
            text_pdf(&["Bien ban pdf doi lot docx"]),
        ),
        ("missing-document-xml.docx", missing_document_xml()),
        ("windows-1258.txt", windows_1258()),
        ("utf-16le-bom.txt", utf16(VIETNAMESE, false, true)),
        ("utf-16be-bom.txt", utf16(VIETNAMESE, true, true)),
        ("utf-16le-no-bom.txt", utf16(VIETNAMESE, false, false)),
        (
            "latin-1-french.txt",
            b"Le gar\xe7on du caf\xe9 a re\xe7u le rapport.\n".to_vec(),
        ),
        ("deeply-nested.rtf", deeply_nested_rtf(10_000)),
        ("rtf-named.doc", rtf_vntime()),
        ("word-web-page-named.doc", word_html()),
        ("mime-without-html.mht", mime_without_html()),
        (
            "deeply-nested.html",
            // Far past the 256-deep nesting limit, small enough to commit.
            format!("<html><body>{}", "<div>".repeat(3_000)).into_bytes(),
        ),
    ]
}

/// RTF whose groups nest `depth` deep.
fn deeply_nested_rtf(depth: usize) -> Vec<u8> {
    format!("{{\\rtf1 {}x", "{".repeat(depth)).into_bytes()
}

/// An RTF file named `.doc`, its text in the TCVN3 font `.VnTime` under code page 1258.
fn rtf_vntime() -> Vec<u8> {
    b"{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}\
{\\f1\\fnil\\fcharset0 .VnTime;}}\\pard\\plain\\f1 Bi\\'aan b\\'b6n ki\\'d3m tra rtf \\'ae\\'e9i l\\'e8t doc\\par}"
        .to_vec()
}

/// A Word "Web Page" (HTML) named `.doc`, in Windows-1258.
fn word_html() -> Vec<u8> {
    let mut page = b"<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" \
xmlns:w=\"urn:schemas-microsoft-com:office:word\"><head><meta http-equiv=Content-Type \
content=\"text/html; charset=windows-1258\"></head><body><p class=MsoNormal>"
        .to_vec();
    // "Biên bản trang web đội lốt doc" in Windows-1258 (tones as combining bytes).
    page.extend_from_slice(b"Bi\xean ba\xd2n trang web \xf0\xf4\xf2i l\xf4\xect doc");
    page.extend_from_slice(b"</p></body></html>");
    page
}

/// An MHTML file whose only part is an image: no page to read.
fn mime_without_html() -> Vec<u8> {
    b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n\
Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n"
        .to_vec()
}

/// Writes the big inputs (too big to commit) into `dir`; returns their names.
pub fn write_big_inputs(dir: &Path) -> Vec<&'static str> {
    let big: Vec<(&'static str, Vec<u8>)> = vec![
        ("ten-thousand-pages.pdf", many_pages(10_000)),
        ("inflates-to-a-gigabyte.pdf", inflating_pdf(1 << 30)),
        ("zip-bomb.docx", zip_bomb()),
        ("billion-laughs.docx", docx(BILLION_LAUGHS.as_bytes())),
        ("deeply-nested.docx", docx(&deeply_nested(100_000))),
    ];
    big.into_iter()
        .map(|(name, bytes)| {
            std::fs::write(dir.join(name), bytes).expect("write big input");
            name
        })
        .collect()
}

/// A document whose pages show one line of Helvetica text each.
fn text_document(lines: &[&str]) -> Document {
    let pages = lines
        .iter()
        .map(|line| format!("BT /F1 12 Tf 72 750 Td ({line}) Tj ET").into_bytes())
        .collect();
    document(pages)
}

/// Saves a document of pages showing `lines`.
pub fn text_pdf(lines: &[&str]) -> Vec<u8> {
    save(text_document(lines))
}

/// A document of pages with the given content streams (A4, Helvetica as /F1).
fn document(contents: Vec<Vec<u8>>) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let kids: Vec<Object> = contents
        .into_iter()
        .map(|content| {
            let content_id = doc.add_object(Stream::new(dictionary! {}, content));
            Object::Reference(page(&mut doc, pages_id, content_id, resources))
        })
        .collect();
    finish_tree(&mut doc, pages_id, kids);
    doc
}

fn page(doc: &mut Document, parent: ObjectId, content: ObjectId, resources: ObjectId) -> ObjectId {
    doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => parent, "Contents" => content, "Resources" => resources,
    })
}

/// Stores the page tree root and the catalog.
fn finish_tree(doc: &mut Document, pages_id: ObjectId, kids: Vec<Object>) {
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
}

fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save PDF");
    out
}

/// A good PDF whose `startxref` points into the middle of the header.
fn broken_xref() -> Vec<u8> {
    let bytes = text_pdf(&["Bao cao xref hong"]);
    let find_last = |needle: &[u8]| {
        bytes
            .windows(needle.len())
            .rposition(|w| w == needle)
            .expect("marker")
    };
    let (at, end) = (find_last(b"startxref"), find_last(b"%%EOF"));
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(b"startxref\n3\n");
    out.extend_from_slice(&bytes[end..]);
    out
}

/// A one-page PDF encrypted with RC4 128 (deterministic, unlike AES's random IVs).
fn encrypted(user_password: &str) -> Vec<u8> {
    let mut doc = text_document(&["Tai lieu mat"]);
    let id = Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "chusohuu",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    save(doc)
}

/// Page 1 is fine; page 2's content is a reference cycle and its resources
/// dictionary contains itself.
fn cyclic_references() -> Vec<u8> {
    let mut doc = text_document(&["Trang tot truoc vong lap"]);
    let pages_id = doc
        .catalog()
        .expect("catalog")
        .get(b"Pages")
        .expect("Pages")
        .as_reference()
        .expect("ref");
    let (a, b) = (doc.new_object_id(), doc.new_object_id());
    doc.objects.insert(a, Object::Reference(b));
    doc.objects.insert(b, Object::Reference(a));
    let resources = doc.new_object_id();
    doc.objects.insert(
        resources,
        Object::Dictionary(
            dictionary! { "Self" => resources, "Font" => dictionary! { "Again" => resources } },
        ),
    );
    let looped = page(&mut doc, pages_id, a, resources);
    let tree = doc
        .get_object_mut(pages_id)
        .expect("tree")
        .as_dict_mut()
        .expect("dict");
    let mut kids = tree
        .get(b"Kids")
        .expect("Kids")
        .as_array()
        .expect("array")
        .clone();
    kids.push(Object::Reference(looped));
    tree.set("Kids", kids);
    tree.set("Count", 2);
    save(doc)
}

/// A page tree whose root lists itself among its kids, next to one real page.
fn self_referencing_page_tree() -> Vec<u8> {
    let mut doc = text_document(&["Cay trang tu tham chieu"]);
    let pages_id = doc
        .catalog()
        .expect("catalog")
        .get(b"Pages")
        .expect("Pages")
        .as_reference()
        .expect("ref");
    let tree = doc
        .get_object_mut(pages_id)
        .expect("tree")
        .as_dict_mut()
        .expect("dict");
    let mut kids = tree
        .get(b"Kids")
        .expect("Kids")
        .as_array()
        .expect("array")
        .clone();
    kids.insert(0, Object::Reference(pages_id));
    tree.set("Kids", kids);
    save(doc)
}

/// Two pages that only draw an image, as a scanner writes them.
fn scanned() -> Vec<u8> {
    let mut doc = document(Vec::new());
    let pages_id = doc
        .catalog()
        .expect("catalog")
        .get(b"Pages")
        .expect("Pages")
        .as_reference()
        .expect("ref");
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0, 128, 255, 64],
    ));
    let resources = doc.add_object(dictionary! { "XObject" => dictionary! { "Im0" => image } });
    let mut kids = Vec::new();
    for _ in 0..2 {
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec(),
        ));
        kids.push(Object::Reference(page(
            &mut doc, pages_id, content, resources,
        )));
    }
    let tree = doc
        .get_object_mut(pages_id)
        .expect("tree")
        .as_dict_mut()
        .expect("dict");
    tree.set("Count", kids.len() as i64);
    tree.set("Kids", kids);
    save(doc)
}

/// `n` pages sharing one small content stream (the file stays small).
pub fn many_pages(n: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 12 Tf 72 750 Td (Mot trang trong muoi nghin trang) Tj ET".to_vec(),
    ));
    let kids = (0..n)
        .map(|_| Object::Reference(page(&mut doc, pages_id, content, resources)))
        .collect();
    finish_tree(&mut doc, pages_id, kids);
    save(doc)
}

/// A PDF of `n` pages that all draw one shared content stream of `lines`
/// text lines: small on disk (the stream is stored once, deflated), but every
/// page makes the reader interpret and lay out all of its lines, so reading the
/// whole file takes far longer than a one-second budget.
pub fn busy_pages(n: usize, lines: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut ops = b"BT /F1 10 Tf 12 TL 72 780 Td\n".to_vec();
    for i in 0..lines {
        ops.extend_from_slice(format!("(Dong {i} cua mot trang rat dai) '\n").as_bytes());
    }
    ops.extend_from_slice(b"ET");
    let mut stream = Stream::new(dictionary! {}, ops);
    stream.compress().expect("deflate");
    let content = doc.add_object(stream);
    let kids = (0..n)
        .map(|_| Object::Reference(page(&mut doc, pages_id, content, resources)))
        .collect();
    finish_tree(&mut doc, pages_id, kids);
    save(doc)
}

/// A one-page PDF whose content stream is about 1 MB of zlib data that
/// inflates to `inflated` zero bytes (a multiple of 1 MiB).
pub fn inflating_pdf(inflated: usize) -> Vec<u8> {
    const CHUNK: usize = 1 << 20;
    // One 1 MiB block of zeros, sync-flushed so it ends on a byte boundary
    // and can be repeated: its back-references only ever reach zeros.
    let mut raw = flate2::Compress::new(flate2::Compression::best(), false);
    let mut block = Vec::with_capacity(CHUNK / 100);
    raw.compress_vec(&vec![0u8; CHUNK], &mut block, flate2::FlushCompress::Sync)
        .expect("deflate");
    assert_eq!(
        raw.total_in() as usize,
        CHUNK,
        "one call deflates the chunk"
    );
    let mut zlib = vec![0x78, 0xDA];
    for _ in 0..inflated / CHUNK {
        zlib.extend_from_slice(&block);
    }
    // A final empty fixed-Huffman block, then the Adler-32 of all those zeros.
    zlib.extend_from_slice(&[0x03, 0x00]);
    let b = (inflated % 65521) as u32;
    zlib.extend_from_slice(&((b << 16) | 1).to_be_bytes());
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(
        Stream::new(dictionary! { "Filter" => "FlateDecode" }, zlib).with_compression(false),
    );
    let resources = doc.add_object(dictionary! {});
    let kids = vec![Object::Reference(page(
        &mut doc, pages_id, content, resources,
    ))];
    finish_tree(&mut doc, pages_id, kids);
    save(doc)
}

/// A minimal Word document body with one paragraph of `text`.
pub fn document_xml(text: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"#
    )
    .into_bytes()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// A DOCX package holding `document` as word/document.xml.
pub fn docx(document: &[u8]) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("word/document.xml", document),
    ])
}

/// A zip of deflated entries (fixed timestamps, so the bytes are reproducible).
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .large_file(true);
        for (name, bytes) in entries {
            zip.start_file(*name, opts).expect("zip entry");
            for chunk in bytes.chunks(1 << 20) {
                zip.write_all(chunk).expect("zip write");
            }
        }
        zip.finish().expect("zip finish");
    }
    buf.into_inner()
}

/// A zip that has content types and relationships but no word/document.xml.
fn missing_document_xml() -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        (
            "word/styles.xml",
            b"<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>",
        ),
    ])
}

/// A DOCX whose document.xml inflates from a few hundred KB to 300 MB of spaces.
pub fn zip_bomb() -> Vec<u8> {
    docx(&vec![b' '; 300 << 20])
}

/// The classic entity expansion: ten levels of ten references, 10^9 "lol"s.
const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"#;

/// A document.xml of `depth` tables nested inside each other's cells.
fn deeply_nested(depth: usize) -> Vec<u8> {
    let mut out = br#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#.to_vec();
    for _ in 0..depth {
        out.extend_from_slice(b"<w:tbl><w:tr><w:tc>");
    }
    out.extend_from_slice(b"<w:p><w:r><w:t>day</w:t></w:r></w:p>");
    for _ in 0..depth {
        out.extend_from_slice(b"</w:tc></w:tr></w:tbl>");
    }
    out.extend_from_slice(b"</w:body></w:document>");
    out
}

/// [`VIETNAMESE`] as Windows-1258 writes it: letters the code page has
/// (â ê ô ă ơ ư đ) precomposed, tones as combining marks after them.
fn windows_1258() -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let mut text = String::new();
    for c in VIETNAMESE.nfc() {
        let mut parts = std::iter::once(c).nfd();
        let mut base: String = parts.next().into_iter().collect();
        let mut tones = String::new();
        for mark in parts {
            if matches!(mark, '\u{302}' | '\u{306}' | '\u{31b}') {
                base.push(mark);
                base = base.nfc().collect();
            } else {
                tones.push(mark);
            }
        }
        text.push_str(&base);
        text.push_str(&tones);
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&text);
    assert!(!unmappable, "every character has a Windows-1258 byte");
    bytes.into_owned()
}

/// `text` in UTF-16, either byte order, with or without a byte-order mark.
fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let bom_unit = if bom { Some(0xFEFF) } else { None };
    bom_unit
        .into_iter()
        .chain(text.encode_utf16())
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}
