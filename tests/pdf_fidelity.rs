//! PDF text as a careful reader sees the page, through the real binary: a stamped
//! number in a signature widget, a letter-spaced title, header columns that nearly
//! touch, a comment-only page, a scan drawn through a form XObject.

use lopdf::{dictionary, Dictionary, Document, Object, Stream};

use crate::common::*;

fn helvetica() -> Dictionary {
    dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" }
}

/// A one-page-per-entry PDF; each page is `(content, resources, annots)`.
fn pdf(pages: Vec<(Vec<u8>, Dictionary, Vec<Object>)>, doc: &mut Document) -> Vec<u8> {
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for (content, resources, annots) in pages {
        let content = doc.add_object(Stream::new(dictionary! {}, content));
        let mut page = dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content, "Resources" => resources,
        };
        if !annots.is_empty() {
            page.set("Annots", annots);
        }
        kids.push(Object::Reference(doc.add_object(page)));
    }
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
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

/// Runs `vanban extract --json` on `bytes` and returns the record.
fn extract(bytes: &[u8]) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("van-ban.pdf");
    std::fs::write(&path, bytes).expect("writes");
    let out = vanban(&["extract", "--json", path.to_str().expect("utf-8 path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout).remove(0)
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_signed_number_and_date_come_back_in_their_blanks() {
    let mut doc = Document::with_version("1.7");
    let mut annots = Vec::new();
    for (text, rect) in [
        (&b"517"[..], [95, 747, 135, 761]),
        (b"09", [358, 747, 378, 761]),
    ] {
        let appearance = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), (rect[2] - rect[0]).into(), 14.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "Helv" => helvetica() } } },
            [b"BT /Helv 12 Tf 2 3 Td (".as_slice(), text, b") Tj ET"].concat(),
        ));
        annots.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig", "F" => 4,
            "Rect" => rect.iter().map(|&v| Object::Integer(v)).collect::<Vec<_>>(),
            "AP" => dictionary! { "N" => appearance },
        })));
    }
    // A hidden widget with other text must not show.
    let hidden = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 50.into(), 14.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "Helv" => helvetica() } } },
        b"BT /Helv 12 Tf 2 3 Td (AN) Tj ET".to_vec(),
    ));
    annots.push(Object::Reference(doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "F" => 6,
        "Rect" => vec![200.into(), 600.into(), 250.into(), 614.into()],
        "AP" => dictionary! { "N" => hidden },
    })));
    let content = b"BT /F1 12 Tf 72 750 Td (So:) Tj 60 0 Td (/SXD-QLXD) Tj 200 0 Td (ngay) Tj 50 0 Td (thang 5 nam 2024) Tj ET".to_vec();
    let bytes = pdf(
        vec![(
            content,
            dictionary! { "Font" => dictionary! { "F1" => helvetica() } },
            annots,
        )],
        &mut doc,
    );
    let text = squeeze(&record_text(&extract(&bytes)));
    assert!(text.contains("So: 517 /SXD-QLXD"), "{text}");
    assert!(text.contains("ngay 09 thang 5 nam 2024"), "{text}");
    assert!(!text.contains("AN"), "{text}");
}

#[test]
fn a_letter_spaced_title_and_nearly_touching_header_columns_read_right() {
    let mut doc = Document::with_version("1.7");
    let content = b"BT /F1 12 Tf 60 780 Td (UBND TINH HA TINH) Tj 135 0 Td (CONG HOA XA HOI CHU NGHIA VIET NAM) Tj ET \
        BT /F1 12 Tf 72 700 Td [(Q) -300 (U) -300 (Y) -300 (E) -300 (T) -900 (D) -300 (I) -300 (N) -300 (H) -900 (s) -300 (o) -900 (1) -300 (15/) -300 (20) -300 (04/) -300 (Q) -300 (D) -300 (-T) -300 (T) -300 (g)] TJ ET"
        .to_vec();
    let bytes = pdf(
        vec![(
            content,
            dictionary! { "Font" => dictionary! { "F1" => helvetica() } },
            Vec::new(),
        )],
        &mut doc,
    );
    let record = extract(&bytes);
    let text = record_text(&record);
    assert!(
        text.contains("UBND TINH HA TINH\tCONG HOA XA HOI CHU NGHIA VIET NAM"),
        "{text:?}"
    );
    assert!(text.contains("QUYET DINH so 115/2004/QD-TTg"), "{text:?}");
}

#[test]
fn a_comment_only_page_and_a_form_drawn_scan() {
    let mut doc = Document::with_version("1.7");
    let image = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        vec![0, 128, 255, 64],
    ));
    let form = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im" => image } } },
        b"q 595 0 0 842 0 0 cm /Im Do Q".to_vec(),
    ));
    let bytes = pdf(
        vec![
            (b"% scanner\n".to_vec(), Dictionary::new(), Vec::new()),
            (
                b"/Fx Do".to_vec(),
                dictionary! { "XObject" => dictionary! { "Fx" => form } },
                Vec::new(),
            ),
        ],
        &mut doc,
    );
    let record = extract(&bytes);
    assert_eq!(record["needs_ocr"], true, "{record}");
    let failed = record["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .any(|w| w["kind"] == "page_failed");
    assert!(!failed, "{record}");
}
