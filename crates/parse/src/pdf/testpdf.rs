//! Small PDFs built with lopdf for tests.

use lopdf::{dictionary, Dictionary, Document, Object, Stream};

/// A base-14 Helvetica font resource (no widths or embedding needed).
pub(crate) fn helvetica() -> Dictionary {
    dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" }
}

/// A subset TrueType `.VnTime` font (TCVN3 bytes, WinAnsi mapping) as legacy Vietnamese PDFs have.
pub(crate) fn vntime() -> Dictionary {
    dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+.VnTime",
        "Encoding" => "WinAnsiEncoding", "FirstChar" => 32, "LastChar" => 255,
        "Widths" => (32..=255).map(|_| Object::Integer(500)).collect::<Vec<_>>(),
    }
}

/// A composite font with Identity-H encoding and no ToUnicode: its glyphs map to no letters.
pub(crate) fn unmapped_cid_font() -> Dictionary {
    dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "XYZABC+Arial",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "XYZABC+Arial",
            "DW" => 1000,
            "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "FontName" => "XYZABC+Arial" },
        })],
    }
}

/// A 2×2 grey image XObject.
pub(crate) fn image() -> Stream {
    Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0, 128, 255, 64],
    )
}

/// One page: its content stream and its resources.
pub(crate) struct TestPage {
    pub content: Vec<u8>,
    pub resources: Dictionary,
    /// A `Contents` entry used instead of one stream of `content` (arrays of streams).
    pub contents: Option<Object>,
    /// The page's `Annots` entry, if any.
    pub annots: Option<Object>,
}

impl TestPage {
    /// A page showing `content` with `/F1` = Helvetica and `/F2` = `.VnTime`.
    pub(crate) fn text(content: &[u8]) -> Self {
        TestPage {
            content: content.to_vec(),
            resources: dictionary! {
                "Font" => dictionary! { "F1" => helvetica(), "F2" => vntime(), "F3" => unmapped_cid_font() },
            },
            contents: None,
            annots: None,
        }
    }
}

/// A document of `pages` (A4) with `info` as its Info dictionary.
pub(crate) fn document(pages: Vec<TestPage>, info: Option<Dictionary>) -> Document {
    document_with(|_| pages, info)
}

/// A document whose pages `make` builds, after adding any objects they use (images, forms).
pub(crate) fn document_with(
    make: impl FnOnce(&mut Document) -> Vec<TestPage>,
    info: Option<Dictionary>,
) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages = make(&mut doc);
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for page in pages {
        let contents = match page.contents {
            Some(c) => c,
            None => Object::Reference(doc.add_object(Stream::new(dictionary! {}, page.content))),
        };
        let mut page_dict = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => contents,
            "Resources" => page.resources,
        };
        if let Some(annots) = page.annots {
            page_dict.set("Annots", annots);
        }
        let page_id = doc.add_object(page_dict);
        kids.push(Object::Reference(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    if let Some(info) = info {
        let info_id = doc.add_object(info);
        doc.trailer.set("Info", info_id);
    }
    doc
}

/// A page that draws [`image`] over the whole page and shows no text.
pub(crate) fn scanned_page(doc: &mut Document) -> TestPage {
    let image = doc.add_object(image());
    TestPage {
        content: b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec(),
        resources: dictionary! { "XObject" => dictionary! { "Im0" => image } },
        contents: None,
        annots: None,
    }
}

/// The saved bytes of `doc`.
pub(crate) fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// The saved bytes of a document of `pages` without Info.
pub(crate) fn pdf(pages: Vec<TestPage>) -> Vec<u8> {
    save(document(pages, None))
}
